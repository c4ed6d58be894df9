"""The case store on a real database: each test runs on a SQLite file and on PostgreSQL
(conftest.py), with records of the example charts made by the real review pipeline."""

from __future__ import annotations

import logging
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from casestore import CaseStore, CaseStoreError, StaleCaseError, derive_status
from casestore.models import Base
from casestore.store import MIGRATIONS_DIR
from core.errors import ChartReviewError
from tests.casestore.casestorecharts import EXAMPLES, Records
from tests.casestore.conftest import OpenStore


def chart_files(name: str) -> list[Path]:
    return sorted(p for p in (EXAMPLES / name).iterdir() if p.is_file())


def first_rule(store: CaseStore, case_id: str) -> str:
    return store.latest_record(case_id).findings[0].rule_id


def test_migrations_from_empty_make_the_models_schema(open_store: OpenStore) -> None:
    store = open_store()
    open_store()  # opening a migrated store again changes nothing
    with store.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        assert {"cases", "case_documents", "record_versions", "reviewer_actions"} <= tables
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == "0004_unreadable_documents"
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == [], "the models and the migrations disagree"


def test_two_servers_starting_on_an_empty_database_migrate_it_once(
    open_store: OpenStore,
) -> None:
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def start() -> None:
        barrier.wait()
        try:
            open_store()
        except Exception as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [], [repr(e.__cause__) for e in errors]
    assert open_store().worklist() == []


def test_record_versions_documents_and_chain(open_store: OpenStore, records: Records) -> None:
    store = open_store()
    first = store.add_record(
        records.gaps, chart_name="gaps chart", files=chart_files("medicare-iop-gaps")
    )
    assert (first.new_case, first.added, first.version) == (True, True, 1)
    assert first.files_stored == len(records.gaps.documents) and first.files_skipped == 0
    again = store.add_record(records.gaps, chart_name="gaps chart")
    assert (again.added, again.case_id, again.version) == (False, first.case_id, 1)
    second = store.add_record(records.gaps_again)  # chained: previous_record_sha256
    assert (second.case_id, second.version, second.new_case) == (first.case_id, 2, False)
    other = store.add_record(records.complete, chart_name="complete chart")
    assert other.new_case and other.case_id != first.case_id

    case = store.get_case(first.case_id)
    assert [v.version for v in case.versions] == [1, 2]
    assert case.latest.record_sha256 == records.gaps_again.record_sha256
    assert case.latest.previous_record_sha256 == records.gaps.record_sha256
    assert case.latest.overall == records.gaps.overall == "not_met"
    assert case.latest.counts.not_met == sum(f.status == "not_met" for f in records.gaps.findings)
    assert case.member_dob is not None and case.pack_id == "medicare-iop"
    assert case.status == "new"
    assert sorted(d.sha256 for d in case.documents) == sorted(
        d.document_id for d in records.gaps.documents
    )
    assert all(d.stored and d.size for d in case.documents)
    # stored exactly as to_json wrote it, and it still verifies
    from audit.record import to_json

    assert store.record_text(records.gaps.record_sha256) == to_json(records.gaps)
    assert store.latest_record(first.case_id) == records.gaps_again


def test_actions_are_saved_at_once_and_never_rewritten(
    open_store: OpenStore, records: Records
) -> None:
    store = open_store()
    added = store.add_record(records.gaps, chart_name="gaps chart")
    rule = first_rule(store, added.case_id)
    seen = records.gaps.record_sha256
    store.record_action(
        added.case_id, reviewer="rn.lee", action="accept", rule_id=rule, seen_record_sha256=seen
    )
    store.record_action(
        added.case_id,
        reviewer="rn.lee",
        action="override",
        rule_id=rule,
        new_status="not_met",
        reason="the certification is unsigned",
        seen_record_sha256=seen,
        seen_actions=1,
    )
    # another engine (a restarted server) sees both, in order
    case = open_store().get_case(added.case_id)
    assert [(a.seq, a.action, a.reviewer) for a in case.actions] == [
        (1, "accept", "rn.lee"),
        (2, "override", "rn.lee"),
    ]
    assert case.actions[1].new_status == "not_met"
    assert case.actions[1].to_reviewer_action().reason == "the certification is unsigned"
    assert case.status == "in_review" and case.last_reviewer == "rn.lee"
    store.record_action(
        added.case_id, reviewer="md.kim", action="decision", new_status="not_met",
        reason="deny", seen_record_sha256=seen, seen_actions=2,
    )  # fmt: skip
    assert open_store().get_case(added.case_id).status == "decided"
    # the database itself refuses to change or remove an action
    engine = create_engine(store.url)
    try:
        for statement in (
            "UPDATE reviewer_actions SET reason = 'x'",
            "DELETE FROM reviewer_actions",
        ):
            with pytest.raises(SQLAlchemyError, match="append-only"), engine.begin() as c:
                c.execute(text(statement))
    finally:
        engine.dispose()
    assert len(open_store().get_case(added.case_id).actions) == 3
    # a re-review: the case is in review again (the decision was on the earlier record)
    store.add_record(records.gaps_again)
    case = store.get_case(added.case_id)
    assert case.status == "in_review"
    assert case.reviewer_actions() == []
    assert [a.action for a in case.reviewer_actions(1)] == ["accept", "override", "decision"]


def test_an_action_on_a_record_that_changed_is_refused(
    open_store: OpenStore, records: Records
) -> None:
    store = open_store()
    added = store.add_record(records.gaps, chart_name="gaps chart")
    rule = first_rule(store, added.case_id)
    store.add_record(records.gaps_again)  # someone reviewed the chart again
    with pytest.raises(StaleCaseError, match="reload") as refused:
        store.record_action(
            added.case_id, reviewer="rn.lee", action="accept", rule_id=rule,
            seen_record_sha256=records.gaps.record_sha256,
        )  # fmt: skip
    assert isinstance(refused.value, ChartReviewError)
    assert "reviewed again" in str(refused.value)
    assert open_store().get_case(added.case_id).actions == ()
    # another reviewer's action since the case was opened refuses a strict action too
    seen = records.gaps_again.record_sha256
    store.record_action(
        added.case_id, reviewer="rn.lee", action="note", reason="called the program",
        seen_record_sha256=seen, seen_actions=0,
    )  # fmt: skip
    with pytest.raises(StaleCaseError, match=r"rn\.lee acted on this case"):
        store.record_action(
            added.case_id, reviewer="md.kim", action="decision", new_status="met",
            seen_record_sha256=seen, seen_actions=0,
        )  # fmt: skip
    assert len(store.get_case(added.case_id).actions) == 1


def test_two_writers_on_one_case_one_wins_and_no_action_is_lost(
    open_store: OpenStore, records: Records
) -> None:
    added = open_store().add_record(records.gaps, chart_name="gaps chart")
    seen = records.gaps.record_sha256
    rules = [f.rule_id for f in records.gaps.findings]
    writers = [open_store(), open_store()]  # two engines: two connections, as two servers

    def race(act: Callable[[CaseStore, int], object]) -> list[object]:
        barrier = threading.Barrier(len(writers))
        results: list[object] = [None] * len(writers)

        def run(i: int) -> None:
            barrier.wait()
            try:
                results[i] = act(writers[i], i)
            except CaseStoreError as e:
                results[i] = e

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(writers))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        return results

    # both saw the case with no action and override the same finding: exactly one wins
    for round_, rule in enumerate(rules[:3]):

        def override(store: CaseStore, i: int, rule: str = rule, round_: int = round_) -> object:
            return store.record_action(
                added.case_id, reviewer=f"reviewer{i}", action="override", rule_id=rule,
                new_status="met", reason=f"round {round_}", seen_record_sha256=seen,
                seen_actions=round_,
            )  # fmt: skip

        results = race(override)
        refused = [r for r in results if isinstance(r, StaleCaseError)]
        assert len(refused) == 1, results
        assert "reload" in str(refused[0])
    actions = open_store().get_case(added.case_id).actions
    assert [a.seq for a in actions] == [1, 2, 3]
    assert [a.reason for a in actions] == ["round 0", "round 1", "round 2"]

    # notes that do not ask for the strict check are all kept: no lost action
    def note(store: CaseStore, i: int) -> object:
        return store.record_action(
            added.case_id, reviewer=f"reviewer{i}", action="note", reason=f"note {i}",
            seen_record_sha256=seen,
        )  # fmt: skip

    results = race(note)
    assert not [r for r in results if isinstance(r, Exception)], results
    notes = [a.reason for a in open_store().get_case(added.case_id).actions[3:]]
    assert sorted(notes) == ["note 0", "note 1"]


def test_worklist_filters_and_sorts(open_store: OpenStore, records: Records) -> None:
    store = open_store()
    gaps = store.add_record(records.gaps, chart_name="B gaps")
    complete = store.add_record(records.complete, chart_name="A complete")
    teen = store.add_record(records.adolescent, chart_name="C adolescent")
    store.record_action(
        complete.case_id, reviewer="md.kim", action="decision", new_status="met",
        seen_record_sha256=records.complete.record_sha256,
    )  # fmt: skip
    store.record_action(
        gaps.case_id, reviewer="rn.lee", action="note", reason="asked for the log",
        seen_record_sha256=records.gaps.record_sha256,
    )  # fmt: skip

    rows = store.worklist()  # the latest change first
    assert [r.case_id for r in rows] == [gaps.case_id, complete.case_id, teen.case_id]
    by_id = {r.case_id: r for r in rows}
    assert (by_id[gaps.case_id].status, by_id[gaps.case_id].last_reviewer) == (
        "in_review",
        "rn.lee",
    )
    assert (by_id[complete.case_id].status, by_id[complete.case_id].overall) == ("decided", "met")
    assert by_id[teen.case_id].status == "new" and by_id[teen.case_id].last_reviewer is None
    assert by_id[gaps.case_id].counts.not_met > 0 and by_id[gaps.case_id].member == "B gaps"
    # by surname: the last word of the name
    assert [r.member for r in store.worklist(sort="member")] == [
        "C adolescent", "A complete", "B gaps",
    ]  # fmt: skip
    assert store.worklist(sort="member", descending=True)[0].member == "B gaps"
    assert [r.case_id for r in store.worklist(status="decided")] == [complete.case_id]
    assert [r.case_id for r in store.worklist(status="new")] == [teen.case_id]
    assert {r.case_id for r in store.worklist(pack="medicare-iop")} == {
        gaps.case_id, complete.case_id,
    }  # fmt: skip
    assert store.worklist(pack="medicare-iop", status="new") == []
    with pytest.raises(CaseStoreError, match="unknown status"):
        store.worklist(status="closed")  # type: ignore[arg-type]


def test_the_worklist_states_the_reviewers_outcome_on_the_latest_record(
    open_store: OpenStore, records: Records
) -> None:
    store = open_store()
    gaps = store.add_record(records.gaps, chart_name="gaps chart")
    seen = records.gaps.record_sha256
    failing = [f.rule_id for f in records.gaps.findings if f.status == "not_met"]
    assert len(failing) >= 2 and records.gaps.overall == "not_met"

    def outcome() -> str | None:
        (row,) = store.worklist()
        assert row.overall == "not_met"  # the tool's overall never changes
        return row.reviewer_overall

    assert outcome() is None
    store.record_action(gaps.case_id, reviewer="rn.lee", action="note", reason="read the log",
                        seen_record_sha256=seen)  # fmt: skip
    assert outcome() is None  # a note states no view
    store.record_action(gaps.case_id, reviewer="rn.lee", action="accept", rule_id=failing[0],
                        seen_record_sha256=seen)  # fmt: skip
    assert outcome() == "not_met"
    for rule_id in failing:
        store.record_action(gaps.case_id, reviewer="rn.lee", action="override", rule_id=rule_id,
                            new_status="met", reason="the log shows it", seen_record_sha256=seen)  # fmt: skip
    assert outcome() == "met"
    store.record_action(gaps.case_id, reviewer="md.kim", action="decision",
                        new_status="insufficient_evidence", reason="ask for the plan",
                        seen_record_sha256=seen)  # fmt: skip
    assert outcome() == "insufficient_evidence"  # the decision's outcome governs
    assert [r.case_id for r in store.worklist(sort="reviewer_overall")] == [gaps.case_id]
    store.add_record(records.gaps_again)  # a re-review: no one has acted on it yet
    assert outcome() is None


def test_an_older_database_gets_its_cases_outcomes_when_migrated(
    open_store: OpenStore, records: Records
) -> None:
    store = open_store()
    gaps = store.add_record(records.gaps, chart_name="gaps chart")
    rule_id = next(f.rule_id for f in records.gaps.findings if f.status == "not_met")
    store.record_action(gaps.case_id, reviewer="rn.lee", action="accept", rule_id=rule_id,
                        seen_record_sha256=records.gaps.record_sha256)  # fmt: skip
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001_initial")
    with store.engine.connect() as connection:
        assert "reviewer_overall" not in {
            c["name"] for c in inspect(connection).get_columns("cases")
        }
    (row,) = open_store().worklist()  # opening it migrates it again
    assert row.reviewer_overall == "not_met"


def test_actions_that_mean_nothing_are_refused(open_store: OpenStore, records: Records) -> None:
    store = open_store()
    added = store.add_record(records.gaps, chart_name="gaps chart")
    seen = records.gaps.record_sha256
    rule = first_rule(store, added.case_id)
    bad: list[tuple[dict[str, str | None], str]] = [
        ({"action": "override", "rule_id": rule, "new_status": "met"}, "needs a reason"),
        ({"action": "override", "rule_id": rule, "reason": "x"}, "needs the new status"),
        ({"action": "accept", "rule_id": "no.such-rule"}, "has no finding"),
        ({"action": "accept"}, "give its rule id"),
        ({"action": "note", "reason": " "}, "needs its text"),
        ({"action": "decision", "new_status": "not_applicable"}, "decision's outcome"),
        ({"action": "approve", "rule_id": rule}, "unknown action"),
        ({"action": "note", "reason": "x", "reviewer": " "}, "reviewer"),
    ]
    for fields, message in bad:
        arguments = {"reviewer": "rn.lee", **fields}
        with pytest.raises(CaseStoreError, match=message):
            store.record_action(added.case_id, seen_record_sha256=seen, **arguments)  # type: ignore[arg-type]
    with pytest.raises(CaseStoreError, match="no case"):
        store.record_action(
            "nope", reviewer="x", action="note", reason="x", seen_record_sha256=seen
        )
    assert store.get_case(added.case_id).actions == ()


def test_documents_are_kept_private_and_checked(
    open_store: OpenStore, records: Records, database_url: str, tmp_path: Path
) -> None:
    store = open_store()
    files = chart_files("medicare-iop-gaps")
    stray = tmp_path / "not-in-the-record.txt"
    stray.write_text("someone else's note\n", encoding="utf-8")
    added = store.add_record(records.gaps, chart_name="gaps chart", files=[*files, stray])
    assert (added.files_stored, added.files_skipped) == (len(files), 1)
    root = tmp_path / "case-files"
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    kept = [p for p in root.rglob("*") if p.is_file()]
    assert len(kept) == len(files)  # the stray file was not copied
    for path in root.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
    original = files[0].read_bytes()
    import hashlib

    sha = hashlib.sha256(original).hexdigest()
    assert store.read_document(sha) == original
    if database_url.startswith("sqlite"):
        db = Path(database_url.removeprefix("sqlite:///"))
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
        assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    # an upload before any review
    with files[1].open("rb") as f:
        info = store.add_document(
            added.case_id, f, filename=files[1].name, media_type="text/markdown"
        )
    assert info.stored and info.sha256 == hashlib.sha256(files[1].read_bytes()).hexdigest()
    # a stored file changed behind the store's back is refused
    store.document_path(sha).write_bytes(original + b"edited")
    with pytest.raises(CaseStoreError, match="changed after it was stored"):
        store.read_document(sha)


def test_no_file_or_member_names_in_logs(
    open_store: OpenStore, records: Records, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = open_store()
    added = store.add_record(
        records.gaps, chart_name="Jane Q Member", files=chart_files("medicare-iop-gaps")
    )
    store.record_action(
        added.case_id, reviewer="rn.lee", action="note", reason="secret chart words",
        seen_record_sha256=records.gaps.record_sha256,
    )  # fmt: skip
    store.worklist()
    logged = caplog.text
    assert added.case_id in logged  # cases are named by id
    for secret in [
        "Jane Q Member",
        "secret chart words",
        *(d.filename for d in records.gaps.documents),
    ]:
        assert secret not in logged


def test_derive_status() -> None:
    assert derive_status([], 1) == "new"
    assert derive_status([("note", 1)], 1) == "in_review"
    assert derive_status([("note", 1), ("decision", 1)], 1) == "decided"
    assert derive_status([("decision", 1)], 2) == "in_review"


def test_a_database_url_that_cannot_work_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CaseStoreError, match="not a database URL"):
        CaseStore("not a url", files_dir=tmp_path)
    with pytest.raises(CaseStoreError, match="could not be used"):
        CaseStore("postgresql+psycopg://nobody@127.0.0.1:1/none", files_dir=tmp_path)


def test_record_that_does_not_verify_is_refused(open_store: OpenStore, records: Records) -> None:
    store = open_store()
    edited = records.gaps.model_copy(update={"overall": "met"})  # the hash no longer matches
    with pytest.raises(CaseStoreError, match="does not verify"):
        store.add_record(edited, chart_name="gaps chart")
    assert store.worklist() == []


def test_a_chart_folder_is_searched_without_hidden_folders_or_links(
    open_store: OpenStore, records: Records, tmp_path: Path
) -> None:
    chart = tmp_path / "chart"
    (chart / "notes").mkdir(parents=True)
    (chart / ".git").mkdir()
    sources = chart_files("medicare-iop-gaps")
    for i, source in enumerate(sources):
        # half in a subfolder, one only in a hidden folder, one only behind a link
        if i == 0:
            (chart / ".git" / source.name).write_bytes(source.read_bytes())
        elif i == 1:
            (chart / source.name).symlink_to(source)
        else:
            target = chart / ("notes" if i % 2 else "") / source.name
            target.write_bytes(source.read_bytes())
    store = open_store()
    added = store.add_record(records.gaps, chart_name="gaps chart", files=[chart])
    assert (added.files_stored, added.files_skipped) == (len(sources) - 2, 0)
    with pytest.raises(CaseStoreError, match="not there"):
        store.add_record(records.complete, chart_name="x", files=[tmp_path / "missing"])


def test_find_case_by_its_exact_documents_and_pack(open_store: OpenStore, records: Records) -> None:
    store = open_store()
    gaps = store.add_record(records.gaps, chart_name="gaps chart")
    complete = store.add_record(records.complete, chart_name="complete chart")
    ids = [d.document_id for d in records.gaps.documents]
    assert store.find_case(ids, "medicare-iop") == gaps.case_id
    assert store.find_case(list(reversed(ids)), "medicare-iop") == gaps.case_id
    assert store.find_case(ids, "optum-idaho-iop") is None  # another pack: another case
    assert store.find_case(ids[:-1], "medicare-iop") is None  # fewer documents
    assert store.find_case([*ids, "ab" * 32], "medicare-iop") is None  # more documents
    assert store.find_case([], "medicare-iop") is None
    complete_ids = [d.document_id for d in records.complete.documents]
    assert store.find_case(complete_ids, "medicare-iop") == complete.case_id


def test_a_record_may_start_a_case_of_its_own(open_store: OpenStore, records: Records) -> None:
    store = open_store()
    first = store.add_record(records.gaps, chart_name="gaps chart")
    # the same chart name and documents would join the case; with new_case it does not
    second = store.add_record(records.gaps_again, chart_name="gaps chart", new_case=True)
    assert (second.new_case, second.version) == (True, 1)
    assert second.case_id != first.case_id
    assert [r.case_id for r in store.worklist(sort="member")] == sorted(
        [first.case_id, second.case_id],
        key=lambda c: (store.get_case(c).chart_name, c),
    )
