"""The case store keeps what the worklist and the workspace need after a new-user trial
(issue 15): a chart's unreadable files (the same chart with the same damaged file finds its
case again), the findings' effective counts on the case row, surname order. Each test runs
on a SQLite file and on PostgreSQL (conftest.py)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from audit.record import AuditRecord
from casestore import CaseStore, CaseStoreError, FindingCounts
from casestore.store import MIGRATIONS_DIR
from pipeline.review import review_paths
from tests.casestore.casestorecharts import EXAMPLES, Records
from tests.casestore.conftest import OpenStore
from workspace.cases import (
    ReviewedCase,
    case_pages,
    open_case,
    record_case_action,
    review_into_case,
)

DAMAGED = b"%PDF-1.7\nthis is not a PDF body\n"
INSUFFICIENT = "medicare-iop-insufficient"
WEEKLY = "medicare-iop.weekly-hours"


def uploads(name: str, *extra: tuple[str, bytes]) -> list[tuple[str, bytes]]:
    files = [(p.name, p.read_bytes()) for p in sorted((EXAMPLES / name).iterdir()) if p.is_file()]
    return [*files, *extra]


def _migrate(store: CaseStore, to: str, *, down: bool) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, to)


# --------------------------------------------------------------------------- unreadable files


def test_the_same_chart_with_the_same_unreadable_file_opens_its_case(
    open_store: OpenStore,
) -> None:
    store = open_store()
    files = uploads(INSUFFICIENT, ("scan.pdf", DAMAGED))
    first = review_into_case(store, files, pack="medicare-iop", extractor="deterministic")
    assert first.new_review
    case = open_case(store, first.case_id)
    assert [e.filename for e in case.record.input_errors] == ["scan.pdf"]
    unreadable = [d for d in case.view.documents if not d.readable]
    assert [(d.filename, d.stored, d.size) for d in unreadable] == [
        ("scan.pdf", True, len(DAMAGED))
    ]
    assert store.read_document(unreadable[0].sha256) == DAMAGED  # kept as uploaded
    read = {d.document_id for d in case.record.documents}
    assert {d.sha256 for d in case.view.documents if d.readable} == read
    assert set(case_pages(store, case.view)) == read  # the damaged file is not read again
    # the same upload again, three times and in another order: the case opens each time
    for again in (files, list(reversed(files)), files):
        opened = review_into_case(store, again, pack="medicare-iop", extractor="deterministic")
        assert (opened.case_id, opened.new_review, opened.version) == (first.case_id, False, 1)
    # another server process finds it too (nothing kept in memory)
    assert len(open_store().worklist()) == 1
    # a different damaged file is different content: reviewed, another case
    other = review_into_case(
        store,
        uploads(INSUFFICIENT, ("scan.pdf", DAMAGED + b"x")),
        pack="medicare-iop",
        extractor="deterministic",
    )
    assert other.new_review and other.case_id != first.case_id
    assert len(store.worklist()) == 2


def test_unreadable_files_are_kept_only_as_the_record_lists_them(
    open_store: OpenStore, tmp_path: Path
) -> None:
    chart = tmp_path / "chart"
    shutil.copytree(EXAMPLES / INSUFFICIENT, chart)
    bad = tmp_path / "bad" / "scan.pdf"
    bad.parent.mkdir()
    bad.write_bytes(DAMAGED)
    record = review_paths([chart, bad])
    assert len(record.input_errors) == 1
    store = open_store()
    documents = sorted(p for p in chart.iterdir() if p.is_file())
    # two unreadable files for a record that lists one: refused, nothing added
    other = tmp_path / "bad" / "other.pdf"
    other.write_bytes(DAMAGED + b"2")
    with pytest.raises(CaseStoreError, match="given as unreadable"):
        store.add_record(record, chart_name="c", files=documents, unreadable=[bad, other])
    assert store.worklist() == []
    # a file given as unreadable that the record read is a document, not unreadable
    added = store.add_record(
        record, chart_name="c", files=documents, unreadable=[bad, documents[0]]
    )
    view = store.get_case(added.case_id)
    assert sorted(d.filename for d in view.documents if not d.readable) == ["scan.pdf"]
    ids = [d.document_id for d in record.documents]
    bad_sha = next(d.sha256 for d in view.documents if not d.readable)
    assert store.find_case([*ids, bad_sha], "medicare-iop") == added.case_id
    assert store.find_case(ids, "medicare-iop") is None  # not exactly its files


def test_an_older_database_keeps_its_documents_readable_when_migrated(
    open_store: OpenStore, records: Records
) -> None:
    store = open_store()
    added = store.add_record(records.gaps, chart_name="gaps chart")
    _migrate(store, "0003_reviewer_counts", down=True)
    with store.engine.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("case_documents")}
        assert "readable" not in columns
    view = open_store().get_case(added.case_id)  # opening it migrates it again
    assert view.documents and all(d.readable for d in view.documents)


# --------------------------------------------------------------------------- counts


def counts_of(record: AuditRecord) -> FindingCounts:
    statuses = [f.status.value for f in record.findings]
    return FindingCounts(
        met=statuses.count("met"),
        not_met=statuses.count("not_met"),
        insufficient_evidence=statuses.count("insufficient_evidence"),
        not_applicable=statuses.count("not_applicable"),
    )


def test_the_worklist_counts_follow_the_reviewers_statuses(
    open_store: OpenStore, records: Records
) -> None:
    store = open_store()
    added = store.add_record(records.complete, chart_name="complete chart")
    seen = records.complete.record_sha256
    tool = counts_of(records.complete)
    assert tool.not_met == 0

    def row() -> tuple[FindingCounts, FindingCounts | None]:
        (only,) = store.worklist()
        return only.counts, only.reviewer_counts

    assert row() == (tool, None)
    store.record_action(added.case_id, reviewer="rn.lee", action="note", reason="read it",
                        seen_record_sha256=seen)  # fmt: skip
    assert row() == (tool, None)  # a note changes no status
    store.record_action(added.case_id, reviewer="rn.lee", action="override", rule_id=WEEKLY,
                        new_status="not_met", reason="an outing", seen_record_sha256=seen)  # fmt: skip
    changed = FindingCounts(
        met=tool.met - 1,
        not_met=1,
        insufficient_evidence=tool.insufficient_evidence,
        not_applicable=tool.not_applicable,
    )
    assert row() == (tool, changed)  # the tool's counts never change; the case page's do
    store.record_action(added.case_id, reviewer="md.kim", action="decision",
                        new_status="insufficient_evidence", reason="pend",
                        seen_record_sha256=seen)  # fmt: skip
    assert row() == (tool, changed)  # a decision changes no finding
    (only,) = store.worklist()
    assert only.reviewer_overall == "insufficient_evidence"
    store.record_action(added.case_id, reviewer="rn.lee", action="accept", rule_id=WEEKLY,
                        seen_record_sha256=seen)  # fmt: skip
    assert row() == (tool, tool)  # accepted: the tool's status again, reviewed
    # the workspace's actions keep the same counts (one code path)
    case = open_case(store, added.case_id)
    record_case_action(store, case, case.seen, reviewer="rn.lee", action="override",
                       rule_id=WEEKLY, new_status="not_met", reason="after all")  # fmt: skip
    assert row() == (tool, changed)


def test_an_older_database_gets_its_cases_counts_when_migrated(
    open_store: OpenStore, records: Records
) -> None:
    store = open_store()
    added = store.add_record(records.complete, chart_name="complete chart")
    untouched = store.add_record(records.gaps, chart_name="gaps chart")
    store.record_action(added.case_id, reviewer="rn.lee", action="override", rule_id=WEEKLY,
                        new_status="not_met", reason="an outing",
                        seen_record_sha256=records.complete.record_sha256)  # fmt: skip
    store.record_action(untouched.case_id, reviewer="rn.lee", action="note", reason="noted",
                        seen_record_sha256=records.gaps.record_sha256)  # fmt: skip
    _migrate(store, "0002_reviewer_outcome", down=True)
    with store.engine.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("cases")}
        assert "reviewer_met" not in columns and "reviewer_overall" in columns
    rows = {r.case_id: r for r in open_store().worklist()}  # migrated again on opening
    assert rows[added.case_id].reviewer_counts is not None
    assert rows[added.case_id].reviewer_counts.not_met == 1
    assert rows[untouched.case_id].reviewer_counts is None


def test_a_re_review_starts_with_the_tools_counts(open_store: OpenStore, records: Records) -> None:
    store = open_store()
    added = store.add_record(records.gaps, chart_name="gaps chart")
    rule = next(f.rule_id for f in records.gaps.findings if f.status == "not_met")
    store.record_action(added.case_id, reviewer="rn.lee", action="override", rule_id=rule,
                        new_status="met", reason="found it",
                        seen_record_sha256=records.gaps.record_sha256)  # fmt: skip
    assert store.worklist()[0].reviewer_counts is not None
    store.add_record(records.gaps_again)
    (row,) = store.worklist()
    assert (row.version, row.reviewer_counts, row.reviewer_overall) == (2, None, None)


# --------------------------------------------------------------------------- surname order


def test_members_sort_by_surname(open_store: OpenStore, records: Records) -> None:
    store = open_store()
    store.add_record(records.gaps, chart_name="Raymond T. Ostrowski")
    store.add_record(records.complete, chart_name="Dolores A. Whitcomb")
    store.add_record(records.adolescent, chart_name="Kaden M. Verhoeven")
    assert [r.member for r in store.worklist(sort="member")] == [
        "Raymond T. Ostrowski",
        "Kaden M. Verhoeven",
        "Dolores A. Whitcomb",
    ]
    assert [r.member for r in store.worklist(sort="member", descending=True)] == [
        "Dolores A. Whitcomb",
        "Kaden M. Verhoeven",
        "Raymond T. Ostrowski",
    ]


# --------------------------------------------------------------------------- one chart, one case


def test_two_reviews_of_one_chart_at_the_same_moment_make_one_case(
    open_store: OpenStore,
) -> None:
    """Two tabs (or two reviewers, or a click repeated while the first review ran) upload
    the same chart: both look for its case before reviewing and find none; both reviews
    finish. The store places both in one case, the second as its next review."""
    files = uploads(INSUFFICIENT, ("scan.pdf", DAMAGED))
    both_looked = threading.Barrier(2, timeout=120)
    results: dict[int, ReviewedCase] = {}
    errors: list[BaseException] = []

    def review(n: int) -> None:
        waited = False

        def progress(_: object) -> None:
            nonlocal waited
            if not waited:  # each has looked for the case (none yet) and started its review
                waited = True
                both_looked.wait()

        try:
            results[n] = review_into_case(
                open_store(),
                files,
                pack="medicare-iop",
                extractor="deterministic",
                progress=progress,
            )
        except BaseException as e:  # reported below, in the test's thread
            errors.append(e)

    threads = [threading.Thread(target=review, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    assert {r.case_id for r in results.values()} == {results[0].case_id}
    assert sorted(r.version for r in results.values()) == [1, 2]
    assert all(r.new_review for r in results.values())
    store = open_store()
    assert [row.case_id for row in store.worklist()] == [results[0].case_id]
    case = open_case(store, results[0].case_id)
    assert {d.filename for d in case.view.documents if not d.readable} == {"scan.pdf"}
    # and the same chart uploaded a third time opens that case, reviewing nothing
    again = review_into_case(store, files, pack="medicare-iop", extractor="deterministic")
    assert (again.case_id, again.new_review, again.version) == (results[0].case_id, False, 2)
