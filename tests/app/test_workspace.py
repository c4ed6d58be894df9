"""The reviewer workspace's logic: actions append and chain, Markdown, highlighting."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from audit.record import (
    AuditRecord,
    ReviewerAction,
    load_record,
    to_json,
    verify_data,
    with_reviewer_outcome,
)
from core.data import Evidence
from core.findings import Status
from pipeline.review import review_paths
from workspace import (
    ActionError,
    append_action,
    content_key,
    effective_status,
    evidence_items,
    findings_by_status,
    highlight_html,
    page_text,
    parse_record,
    status_counts,
    summary_markdown,
    weekly_threshold,
)
from workspace.view import evidence_subjects, quote_choices

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "medicare-iop-gaps"
AT = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def record() -> AuditRecord:
    return review_paths([EXAMPLE])


def decide(record: AuditRecord, reviewer: str, status: str | None, reason: str) -> AuditRecord:
    """``record`` with a decision (the case store records those; append_action does not)."""
    action = ReviewerAction.model_validate(
        {"at": AT, "reviewer": reviewer, "action": "decision", "new_status": status,
         "reason": reason}
    )  # fmt: skip
    return with_reviewer_outcome(
        record.model_copy(update={"reviewer_actions": [*record.reviewer_actions, action]})
    )


def first_with(record: AuditRecord, status: Status) -> str:
    return next(f.rule_id for f in record.findings if f.status == status)


def test_override_appends_and_chains(record: AuditRecord) -> None:
    rule = first_with(record, Status.NOT_MET)
    once = append_action(record, action="note", reviewer="RN A", reason="called the program", at=AT)
    twice = append_action(
        once,
        action="override",
        reviewer="RN A",
        rule_id=rule,
        new_status="met",
        reason="recert found in fax",
        at=AT,
    )
    assert [a.action for a in twice.reviewer_actions] == ["note", "override"]
    assert twice.reviewer_actions[0] == once.reviewer_actions[0]  # never rewritten
    assert once.previous_record_sha256 == record.record_sha256
    assert twice.previous_record_sha256 == once.record_sha256
    for r in (once, twice):
        assert verify_data(r.model_dump(mode="json"))[0]
    assert twice.reviewer_actions[1].new_status == Status.MET
    assert effective_status(twice, rule) == "met"
    assert record.reviewer_actions == []  # the input record is unchanged
    assert twice.findings == record.findings  # the rule's verdict stays on record


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"action": "override", "reviewer": "A", "new_status": "met", "reason": " "}, "reason"),
        ({"action": "override", "reviewer": "A", "reason": "x"}, "new status"),
        ({"action": "override", "reviewer": "A", "new_status": "bogus", "reason": "x"}, "unknown"),
        ({"action": "decision", "reviewer": " ", "reason": "approve"}, "reviewer"),
        ({"action": "decision", "reviewer": "A", "reason": ""}, "needs text"),
        ({"action": "note", "reviewer": "A", "reason": ""}, "needs text"),
        ({"action": "accept", "reviewer": "A", "rule_id": "no.such"}, "choose a finding"),
        ({"action": "accept", "reviewer": "A", "new_status": "met"}, "only an override"),
        ({"action": "delete", "reviewer": "A", "reason": "x"}, "unknown action"),
    ],
)
def test_incomplete_actions_are_refused(
    record: AuditRecord, kwargs: dict[str, str], message: str
) -> None:
    if kwargs["action"] in ("override", "accept") and "rule_id" not in kwargs:
        kwargs = {**kwargs, "rule_id": first_with(record, Status.NOT_MET)}
    with pytest.raises(ActionError, match=message):
        append_action(record, **kwargs)


def test_override_to_the_same_status_is_refused(record: AuditRecord) -> None:
    rule = first_with(record, Status.MET)
    with pytest.raises(ActionError, match="already met"):
        append_action(
            record, action="override", reviewer="A", rule_id=rule, new_status="met", reason="x"
        )


def test_decision_and_accept(record: AuditRecord) -> None:
    rule = first_with(record, Status.MET)
    r = append_action(record, action="accept", reviewer="RN B", rule_id=rule)
    r = append_action(r, action="decision", reviewer="RN B", reason="pend for recert")
    assert [(a.action, a.reviewer) for a in r.reviewer_actions] == [
        ("accept", "RN B"),
        ("decision", "RN B"),
    ]


def test_reloaded_record_continues_its_chain(record: AuditRecord, tmp_path: Path) -> None:
    first = append_action(record, action="note", reviewer="A", reason="first pass")
    path = tmp_path / "r.json"
    path.write_text(to_json(first), encoding="utf-8")
    loaded = parse_record(path.read_bytes())
    assert loaded == load_record(path)
    later = append_action(loaded, action="decision", reviewer="B", reason="approve")
    assert later.previous_record_sha256 == first.record_sha256
    assert [a.reason for a in later.reviewer_actions] == ["first pass", "approve"]


def test_parse_record_refuses_edits_and_junk(record: AuditRecord) -> None:
    data = json.loads(to_json(record))
    data["overall"] = "met"
    with pytest.raises(ActionError, match="does not verify"):
        parse_record(json.dumps(data).encode())
    with pytest.raises(ActionError, match="not a JSON"):
        parse_record(b"\xff\xfe not json")
    with pytest.raises(ActionError, match="not a JSON"):
        parse_record(b"[1, 2]")


def test_grouping_counts_and_threshold(record: AuditRecord) -> None:
    groups = findings_by_status(record)
    order = [s for s, _ in groups]
    assert order[0] == Status.NOT_MET
    assert order == sorted(
        order,
        key=[Status.NOT_MET, Status.INSUFFICIENT_EVIDENCE, Status.MET, Status.NOT_APPLICABLE].index,
    )
    assert sum(len(g) for _, g in groups) == len(record.findings)
    counts = status_counts(record)
    assert list(counts)[:2] == ["not_met", "insufficient_evidence"]
    assert sum(counts.values()) == len(record.findings)
    assert weekly_threshold(record) == 9.0


def test_highlight_escapes_and_marks() -> None:
    text = "a <b>x</b> & Goal: <script>alert(1)</script> end"
    start = text.index("<script>")
    end = start + len("<script>alert(1)</script>")
    out = highlight_html(text, start, end)
    assert "<script>" not in out and "<b>" not in out
    assert '<mark id="evidence-span">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in out
    assert out.startswith("a &lt;b&gt;x&lt;/b&gt; &amp; Goal: ")
    short = highlight_html("0123456789", 4, 6, context=2)
    assert short == '…23<mark id="evidence-span">45</mark>67…'
    with pytest.raises(ValueError, match="outside"):
        highlight_html("abc", 2, 9)


def test_evidence_items_point_at_their_quotes(record: AuditRecord) -> None:
    from ingest.loader import load_chart

    chart = load_chart([EXAMPLE])
    pages = {d.document_id: [p.text for p in d.pages] for d in chart.documents}
    items = evidence_items(record)
    assert any(i.key.startswith("finding:") for i in items)
    assert any(i.key.startswith("fact:") for i in items)
    assert len({i.key for i in items}) == len(items)
    # plain words: the rule's title and the quote, never an id or "#5"
    first = items[0]
    assert first.label.startswith("Recertification at least every 60 days: “")
    assert not any("#" in i.label.split(":")[0] or "medicare-iop." in i.label for i in items)
    for item in items:
        text = page_text(pages, item.evidence)
        assert text is not None
        assert text[item.evidence.start : item.evidence.end] == item.evidence.quote
    assert page_text({}, items[0].evidence) is None


def test_the_evidence_panel_chooses_a_finding_then_one_of_its_quotes(
    record: AuditRecord,
) -> None:
    items = evidence_items(record)
    subjects = evidence_subjects(items)
    groups = list(dict.fromkeys(i.group for i in items))
    assert list(subjects) == groups  # every finding or fact once, in the panel's order
    assert subjects[groups[0]] == "Recertification at least every 60 days"
    assert len(set(subjects.values())) == len(subjects)  # two alike are numbered
    for group in groups:
        quotes = quote_choices(items, group)
        members = [i for i in items if i.group == group]
        assert list(quotes) == [i.key for i in members]
        for n, (key, label) in enumerate(quotes.items(), start=1):
            assert label.startswith(f"{n} of {len(members)}: “")
            # each of its quotes (a session's lines) 30 characters and an ellipsis at most
            quoted = label.split(": ", 1)[1].split(" … ")
            assert len(quoted) == len(members[n - 1].shown)
            assert all(len(q) <= len("“”") + 31 for q in quoted)
            assert key.rsplit(":", 1)[0] == group


def test_quotes_that_read_alike_are_told_apart_by_their_document() -> None:
    from workspace.view import EvidenceItem

    def item(n: int, doc: str, quote: str) -> EvidenceItem:
        ev = Evidence(document_id=doc, page=1, start=0, end=len(quote), quote=quote)
        return EvidenceItem(f"finding:r:{n}", quote, ev, "Weekly hours")

    items = [
        item(0, "a" * 64, "Present"),
        item(1, "a" * 64, "Present"),
        item(2, "b" * 64, "Admit Date: 01/06/2025"),
        item(3, "c" * 64, "Admit Date: 01/06/2025"),
    ]
    titles = {
        "a" * 64: "Services log",
        "b" * 64: "Intake assessment",
        "c" * 64: "Physician recertification",
    }
    assert list(quote_choices(items, "finding:r", titles).values()) == [
        "1 of 4: “Present”",  # alike, but in one document: its title would not tell them apart
        "2 of 4: “Present”",
        "3 of 4: “Admit Date: 01/06/2025” · Intake assessment",
        "4 of 4: “Admit Date: 01/06/2025” · Physician recertification",
    ]


def test_the_summary_lists_what_decided_a_finding_then_a_few_other_places(
    record: AuditRecord,
) -> None:
    md = summary_markdown(record)
    weekly = md[md.index("#### At least 9 hours") :]
    weekly = weekly[: weekly.index("- Policy (")]
    decided = [x for x in weekly.splitlines() if x.startswith("- Decided by")]
    assert decided[3] == (
        "- Decided by (Group services record 2025 02 p.1): “02/11/2025” … “1045-1215” … "
        "“10:30” … “Absent - left program at 10:30 (dental appointment)”"
    )
    assert len(decided) == 6  # week 6: five groups and the one the member left
    others = [x for x in weekly.splitlines() if x.startswith("- Evidence")]
    assert len(others) == 5
    assert "- … and 9 more places in the chart" in weekly


def test_summary_markdown(record: AuditRecord) -> None:
    rule = "medicare-iop.recertification-interval"
    assert {f.rule_id: f.status for f in record.findings}[rule] == Status.NOT_MET
    r = append_action(
        record,
        action="override",
        reviewer="RN | C",
        rule_id=rule,
        new_status="met",
        reason="found the recert",
    )
    md = summary_markdown(r)
    assert md.startswith(
        "# Chart review: Medicare Intensive Outpatient Services (MBPM ch.6 §70.4) "
        "(medicare-iop 1.0.0)\n"
    )
    # four findings stay not met: the outcome is still not met, one finding changed
    assert "- Outcome: **Not met** (the tool recommended Not met; RN \\| C changed 1 finding)" in md
    assert "| Not met | 4 | 5 |" in md and "| Met | 11 | 10 |" in md
    assert md.index("### Not met") < md.index("### Met")
    # the overridden finding is listed under Met, with the tool's recommendation
    met = md[md.index("### Met") :]
    assert (
        "#### Recertification at least every 60 days\n\nReviewer: **Met** (overridden by RN \\| C; the tool recommended Not met)."
        in met
    )
    assert (
        "RN \\| C: **override** Recertification at least every 60 days → Met — found the recert"
        in md
    )
    assert r.record_sha256 in md
    assert "## Counted hours per program week" in md
    assert (
        "Policy (Optum Medicare Coverage Summary: Intensive Outpatient Programs (BH803IOPMCS052025), "
        in md
    )
    assert ".txt" not in md.split("## Findings")[1].split("## Counted hours")[0]
    assert "- Reviewed " in md and "UTC; the documents were read by the offline reader" in md
    assert "deterministic" not in md
    untouched = summary_markdown(record)
    assert "- Outcome: **Not met** (as the tool recommended)" in untouched
    # a recorded decision is the outcome: the findings' overall and the tool's beside it
    md = summary_markdown(
        decide(r, "md.kim", "insufficient_evidence", "Pend: ask for the week 2 group notes")
    )
    assert (
        "- Decision: **Insufficient evidence** (recorded by md.kim): Pend: ask for the week 2 "
        "group notes\n- The findings as reviewed give Not met (RN \\| C changed 1 finding); "
        "the tool recommended Not met.\n" in md
    )
    assert "- Outcome:" not in md


def test_content_key_depends_on_bytes_and_options() -> None:
    a = content_key([("x.txt", b"1"), ("y.txt", b"2")], "medicare-iop", "deterministic")
    assert a == content_key([("y.txt", b"2"), ("x.txt", b"1")], "medicare-iop", "deterministic")
    assert a != content_key([("x.txt", b"1"), ("y.txt", b"3")], "medicare-iop", "deterministic")
    assert a != content_key([("x.txt", b"1"), ("y.txt", b"2")], "medicare-iop", "hybrid")


def test_the_summary_lists_a_second_copy_apart_from_unread_files(record: AuditRecord) -> None:
    from core.data import InputError

    copy = InputError(
        filename="cert (1).pdf",
        reason="same content as cert.pdf, which is reviewed once under that name; remove one copy",
    )
    damaged = InputError(filename="scan.pdf", reason="encrypted")
    md = summary_markdown(record.model_copy(update={"input_errors": [copy, damaged]}))
    unread, copies = md.split("## Files that could not be read")[1].split(
        "## Second copies of a document read (reviewed once)"
    )
    assert "scan.pdf" in unread and "cert (1).pdf" not in unread
    assert "cert (1).pdf" in copies
    assert "could not be read: 1; second copies of a document read: 1" in md
