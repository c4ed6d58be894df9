"""Workspace functions after the second new-user trial: what decided a finding is the row
that carries the fact (never a bare heading) and the summary quotes whole rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from audit.record import AuditRecord
from core.data import Evidence
from core.findings import Finding
from ingest.loader import load_chart
from pipeline.review import review_paths
from workspace.deciding import bare_heading, by_session
from workspace.view import summary_markdown

ROOT = Path(__file__).resolve().parents[2]
COMPLETE = ROOT / "examples" / "medicare-iop-complete"
CERTIFICATION = "medicare-iop.initial-certification"
PLAN = "medicare-iop.treatment-plan"


@pytest.fixture(scope="module")
def reviewed() -> tuple[AuditRecord, dict[str, list[str]]]:
    record = review_paths([COMPLETE])
    chart = load_chart(sorted(p for p in COMPLETE.iterdir() if p.is_file()))
    return record, {d.document_id: [p.text for p in d.pages] for d in chart.documents}


def finding(record: AuditRecord, rule: str) -> Finding:
    return next(f for f in record.findings if f.rule_id == rule)


@pytest.mark.parametrize(
    ("line", "bare"),
    [
        ("Diagnosis:", True),
        ("  **Clinical need for IOP:**", True),
        ("## Interventions and coordination of services", True),
        ("SERVICES / COORDINATION OF SERVICES", True),
        ("Diagnosis: F33.2 Major depressive disorder", False),
        ("**Plan Date:** 04/08/2025", False),
        ("| Plan date | 03/05/2025 |", False),
        ("PRESENT", False),  # one word in capitals is a value, not a title
        ("DOS: 03/04/2024", False),
        ("", False),
        ("Diagnosis:\nF33.2 Major depressive disorder", False),  # the heading with its line
    ],
)
def test_bare_heading(line: str, bare: bool) -> None:
    assert bare_heading(line) is bare


def rows(f: Finding, pages: Mapping[str, Sequence[str]]) -> list[str]:
    return [" ".join((r.line or "").split()) for r in by_session(f, pages)]


def test_what_decided_it_is_the_line_that_carries_the_fact_not_its_heading(
    reviewed: tuple[AuditRecord, dict[str, list[str]]],
) -> None:
    record, pages = reviewed
    cert = rows(finding(record, CERTIFICATION), pages)
    # the quote starts on the heading and goes on: the lines it covers
    assert "Diagnosis: F33.2 Major depressive disorder, recurrent, severe without psychotic " in (
        " ".join(cert)
    )
    assert "Diagnosis:" not in cert and "Clinical need for IOP:" not in cert
    plan = rows(finding(record, PLAN), pages)
    # the quote is the heading alone: the first line under it carries the fact
    assert any(
        r.startswith("## Interventions and coordination of services - Group psychotherapy")
        for r in plan
    ), plan
    lines = [
        r.line for rule in (CERTIFICATION, PLAN) for r in by_session(finding(record, rule), pages)
    ]
    assert lines and not any(bare_heading(x or "") for x in lines)


def test_a_bare_heading_row_without_the_page_is_still_its_quote() -> None:
    ev = Evidence(document_id="d" * 64, page=1, start=0, end=10, quote="Diagnosis:")
    f = finding_with(ev)
    text = "Diagnosis:\n\n  F33.2 Major depressive disorder\nNext: x\n"
    assert [r.line for r in by_session(f, {ev.document_id: [text]})] == [
        "Diagnosis:\nF33.2 Major depressive disorder"
    ]
    assert [r.line for r in by_session(f, {})] == [None]


def finding_with(*evidence: Evidence) -> Finding:
    from core.findings import Citation, Status

    return Finding(
        rule_id="x.y",
        status=Status.MET,
        reason="r",
        evidence=evidence,
        citations=(Citation(source="s.txt", passage_id="s#1", section="S", quote="q"),),
        values={"deciding_evidence": len(evidence)},
    )


def test_the_summary_quotes_the_whole_rows_that_decided_a_finding(
    reviewed: tuple[AuditRecord, dict[str, list[str]]],
) -> None:
    record, pages = reviewed
    md = summary_markdown(record, pages=pages)
    plan = md[md.index("#### Individualized treatment plan") :]
    decided = [x for x in plan[: plan.index("- Policy (")].splitlines() if "Decided by" in x]
    # a table row as "label: value"; a signature line whole (not only its date)
    assert decided[0].endswith("“Plan date: 03/05/2025”"), decided
    assert decided[1].endswith("“Electronically signed by Maria Chen, MD on 03/05/2025 16:40”")
    weekly = md[md.index("#### At least 9 hours") :]
    first = next(x for x in weekly.splitlines() if x.startswith("- Decided by"))
    # a session's whole row of the attendance log, its cells apart
    assert first.endswith(
        "“03/10/2025 · Group psychotherapy - Process Group · 09:00-10:30 · A. Okafor, LCSW · "
        "7 · Present”"
    ), first
    # without the chart's text (an imported record), its quotes as before
    assert "Decided by" in summary_markdown(record)


def test_a_long_finding_name_is_shortened_to_read_whole_in_the_closed_choice() -> None:
    from workspace.view import SUBJECT_CHARS, EvidenceItem, evidence_subjects, short_name

    title = "At least 9 hours of counted services in every complete program week"
    assert short_name(title) == "At least 9 hours of counted services in every complete…"
    assert len(short_name(title)) <= SUBJECT_CHARS
    assert short_name("Safety plan") == "Safety plan"
    ev = Evidence(document_id="d" * 64, page=1, start=0, end=1, quote="x")
    items = [
        EvidenceItem("finding:a:1", f"{title}: “x”", ev, title),
        EvidenceItem("finding:b:1", f"{title} (adolescents): “x”", ev, f"{title} (adolescents)"),
    ]
    subjects = evidence_subjects(items)
    assert all(len(name) <= SUBJECT_CHARS + 4 for name in subjects.values())
    assert len(set(subjects.values())) == 2  # cut alike, told apart by a number
    assert evidence_subjects(items, None)["finding:a"] == title


def test_a_session_on_two_lines_is_one_piece_of_evidence_with_both_lines_marked() -> None:
    from workspace.view import evidence_items, page_html, quote_choices

    chart = ROOT / "examples" / "optum-idaho-iop-adolescent"
    record = review_paths([chart], policy="optum-idaho-iop")
    loaded = load_chart(sorted(p for p in chart.iterdir() if p.is_file()))
    pages = {d.document_id: [p.text for p in d.pages] for d in loaded.documents}
    items = evidence_items(record, pages)
    group = "finding:optum-idaho-iop.weekly-hours"
    first = next(i for i in items if i.group == group)
    # the session's date line and time line, both: "DOS: 04/14/2025" and "Time: 3:30 PM-4:30 PM"
    assert [ev.quote for ev in first.shown] == ["04/14/2025", "3:30 PM-4:30 PM"]
    assert first.key == f"{group}:1"  # the checklist's row 1 ("Show in the page")
    label = quote_choices(items, group)[first.key]
    assert label.endswith("“04/14/2025” … “3:30 PM-4:30 PM”"), label
    text = pages[first.evidence.document_id][first.evidence.page - 1]
    ev, other = first.shown
    out = page_html(text, ev.start, ev.end, more=[(other.start, other.end)])
    assert out.count('class="evidence"') == 2 and out.count('id="evidence-span"') == 1
    marked = [line for line in out.split('<div class="ln">') if "evidence" in line]
    assert len(marked) == 2  # both lines: DOS and Time
    assert "DOS: " in marked[0] and "Time: " in marked[1]
