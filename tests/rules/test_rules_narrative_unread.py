"""When the LLM could not read a document's narrative, narrative rules do not decide
from what is missing (issue 5: "the document's LLM-judged criteria become
insufficient_evidence — never a silent met")."""

from __future__ import annotations

import pytest

from core.data import DocumentKind
from core.facts import ChartFacts, ChartInput, DocumentRef
from core.findings import Citation, Finding, Status
from rules.engine import _with_unread_narrative, evaluate
from rules.pack import load_pack
from tests.rules.rulefacts import ev

READ, UNREAD = "aa" * 32, "bb" * 32
CITE = (Citation(passage_id="p#1", source="s.txt", section="s", quote="q"),)


def _finding(status: Status, *documents: str) -> Finding:
    return Finding(
        rule_id="x",
        status=status,
        reason="Reason.",
        evidence=tuple(ev(doc=d) for d in documents),
        citations=CITE,
    )


@pytest.mark.parametrize(
    ("policy", "status", "evidence_in", "expected"),
    [
        ("no_effect", Status.MET, (), Status.MET),
        ("met_is_final", Status.MET, (UNREAD,), Status.MET),
        ("met_is_final", Status.NOT_MET, (), Status.INSUFFICIENT_EVIDENCE),
        ("read_not_met_is_final", Status.MET, (READ,), Status.INSUFFICIENT_EVIDENCE),
        ("read_not_met_is_final", Status.NOT_MET, (READ, UNREAD), Status.NOT_MET),
        ("read_not_met_is_final", Status.NOT_MET, (UNREAD,), Status.INSUFFICIENT_EVIDENCE),
        ("undecidable", Status.NOT_MET, (READ,), Status.INSUFFICIENT_EVIDENCE),
        ("undecidable", Status.MET, (READ,), Status.INSUFFICIENT_EVIDENCE),
        # "the chart has no progress notes" may be so only because they were not read
        ("undecidable", Status.NOT_APPLICABLE, (), Status.INSUFFICIENT_EVIDENCE),
        ("met_is_final", Status.NOT_APPLICABLE, (), Status.INSUFFICIENT_EVIDENCE),
        ("no_effect", Status.NOT_APPLICABLE, (), Status.NOT_APPLICABLE),
        ("undecidable", Status.INSUFFICIENT_EVIDENCE, (), Status.INSUFFICIENT_EVIDENCE),
    ],
)
def test_policy_table(
    policy: str, status: Status, evidence_in: tuple[str, ...], expected: Status
) -> None:
    out = _with_unread_narrative(
        _finding(status, *evidence_in),
        policy,  # type: ignore[arg-type]
        {UNREAD: "the narrative of note.pdf could not be read (LLM extraction failed)"},
    )
    assert out.status is expected
    if expected is not status:
        assert "note.pdf could not be read (LLM extraction failed)" in out.reason
        assert out.values["status_before_unread_narrative"] == status.value


def test_nothing_changes_when_every_document_was_read() -> None:
    finding = _finding(Status.MET, READ)
    assert _with_unread_narrative(finding, "undecidable", {}) is finding


def test_pack_declares_the_narrative_rules() -> None:
    declared = {r.id: r.if_narrative_unread for r in load_pack("medicare-iop").rules}
    assert declared["medicare-iop.discharge-planning"] == "met_is_final"
    assert declared["medicare-iop.progress-notes"] == "read_not_met_is_final"
    assert declared["medicare-iop.acuity"] == "undecidable"
    assert declared["medicare-iop.weekly-hours"] == "no_effect"


def test_empty_chart_with_an_unread_document_never_meets_a_narrative_rule() -> None:
    chart = ChartInput(
        documents=(
            DocumentRef(
                document_id=UNREAD,
                filename="note.pdf",
                kind=DocumentKind.PROGRESS_NOTE,
                narrative_unread=True,
            ),
        ),
        facts=ChartFacts(),
    )
    by_rule = {f.rule_id: f for f in evaluate(load_pack("medicare-iop"), chart).findings}
    assert by_rule["medicare-iop.discharge-planning"].status is Status.INSUFFICIENT_EVIDENCE
    assert "could not be read" in by_rule["medicare-iop.discharge-planning"].reason


def test_pages_a_document_refers_to_but_the_chart_lacks_are_unread_text() -> None:
    """A plan of which only page 1 of 3 is in the chart: "no plan addresses X" cannot be
    concluded."""
    chart = ChartInput(
        documents=(
            DocumentRef(
                document_id=UNREAD,
                filename="plan.txt",
                kind=DocumentKind.TREATMENT_PLAN,
                missing_pages=(2, 3),
            ),
        ),
        facts=ChartFacts(),
    )
    by_rule = {f.rule_id: f for f in evaluate(load_pack("medicare-iop"), chart).findings}
    planning = by_rule["medicare-iop.discharge-planning"]
    assert planning.status is Status.INSUFFICIENT_EVIDENCE
    assert "but pages 2 and 3 of plan.txt are not in the chart, so this cannot be decided" in (
        planning.reason
    )
    assert planning.values["narrative_unread"] == ["pages 2 and 3 of plan.txt are not in the chart"]
