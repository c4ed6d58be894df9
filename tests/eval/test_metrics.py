"""Scoring: span overlap at exact offsets, field matching on a real review of a planted
chart, verdict and week scores, and ratios that are never made up."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tinychart import good_gold, write

from eval.check_gold import Span, locate
from eval.fields import Item, norm_credential
from eval.gold import gold_path, load_gold
from eval.metrics import FieldScore, score_chart, summarize
from pipeline.review import review_chart

DOC = "a" * 64


def item(field: str, value: str, start: int, end: int, page: int = 1, doc: str = DOC) -> Item:
    return Item(field, frozenset({value}), (Span(doc, page, start, end),))


GOLD = item("diagnosis", "F33.1", 10, 15)


@pytest.mark.parametrize(
    ("predicted", "matches"),
    [
        (item("diagnosis", "F33.1", 10, 15), True),  # the same span
        (item("diagnosis", "F33.1", 0, 11), True),  # overlaps by one character
        (item("diagnosis", "F33.1", 14, 40), True),
        (item("diagnosis", "F33.1", 0, 10), False),  # ends where the gold starts
        (item("diagnosis", "F33.1", 15, 20), False),  # starts where the gold ends
        (item("diagnosis", "F33.1", 10, 15, page=2), False),  # another page
        (item("diagnosis", "F33.1", 10, 15, doc="b" * 64), False),  # another document
        (item("diagnosis", "F32.1", 10, 15), False),  # another value
        (item("goal", "F33.1", 10, 15), False),  # another field
    ],
)
def test_a_prediction_matches_on_field_value_and_overlapping_span(
    predicted: Item, matches: bool
) -> None:
    assert predicted.matches(GOLD) is matches


def test_a_credential_matches_any_of_the_persons_credentials() -> None:
    person = Item("facilitator", frozenset({"2025-03-03 LCSW", "2025-03-03 CADC"}), GOLD.spans)
    assert person.matches(Item("facilitator", frozenset({"2025-03-03 CADC"}), GOLD.spans))
    assert norm_credential("M.D.") == "MD" and norm_credential("pa-c") == "PA-C"
    assert norm_credential("PMHNP-BC") == norm_credential("PMHNP") == "PMHNP"
    # a state's spelling the credential vocabulary names is that credential
    assert norm_credential("LICDC-CS") == norm_credential("LADC") == "LADC"
    assert norm_credential("PA-C") == norm_credential("PA") == "PA"


def test_locate_finds_every_occurrence_at_its_offsets(tmp_path: Path) -> None:
    root = write(tmp_path, good_gold())
    review = review_chart([root / "mi-90-tiny"], policy="medicare-iop")
    [doc] = review.documents
    spans = locate(review.documents, "01_note.txt", "03/03/2025")
    text = doc.pages[0].text
    assert [(s.start, s.end) for s in spans] == [(27, 37), (43, 53)]
    assert all(text[s.start : s.end] == "03/03/2025" for s in spans)


def test_a_planted_chart_scores_exactly(tmp_path: Path) -> None:
    root = write(tmp_path, good_gold())
    review = review_chart([root / "mi-90-tiny"], policy="medicare-iop")
    gold = load_gold(gold_path("mi-90-tiny", root))
    score = score_chart(gold, review.record, review.documents, seconds=0.5)
    # the deterministic extractor reads all three labeled facts of the planted note
    assert score.fields["diagnosis"] == FieldScore(predicted=1, correct=1, gold=1, found=1)
    assert score.fields["admission_date"] == FieldScore(predicted=1, correct=1, gold=1, found=1)
    assert score.fields["session"].found == 1
    assert score.fields["session_minutes"] == FieldScore(predicted=1, correct=1, gold=1, found=1)
    assert score.fields["goal"] == FieldScore()  # nothing predicted, nothing in the gold
    assert score.evidence_spans > 0 and score.verbatim_spans == score.evidence_spans
    assert len(score.verdicts) == 15
    assert [w.gold_hours for w in score.weeks] == [3.0, 0.0]
    summary = summarize([score])
    assert summary.charts == 1
    assert summary.grounding.accuracy == 1.0
    assert summary.seconds_per_chart == 0.5


def test_a_wrong_gold_span_costs_precision_and_recall(tmp_path: Path) -> None:
    gold_data = good_gold()
    # the diagnosis is said to be on the "Admit Date" line: the prediction does not overlap
    gold_data["facts"][0]["at"] = [{"document": "01_note.txt", "quote": "Admit Date"}]
    root = write(tmp_path, gold_data)
    review = review_chart([root / "mi-90-tiny"], policy="medicare-iop")
    score = score_chart(
        load_gold(gold_path("mi-90-tiny", root)), review.record, review.documents, 0
    )
    assert score.fields["diagnosis"] == FieldScore(predicted=1, correct=0, gold=1, found=0)
    assert score.fields["diagnosis"].f1 == 0.0


def test_verdicts_false_met_and_the_confusion_matrix(tmp_path: Path) -> None:
    gold_data = good_gold()
    gold_data["rules"]["medicare-iop.diagnosis"] = {"status": "not_met", "why": "planted"}
    root = write(tmp_path, gold_data)
    review = review_chart([root / "mi-90-tiny"], policy="medicare-iop")
    score = score_chart(
        load_gold(gold_path("mi-90-tiny", root)), review.record, review.documents, 0
    )
    [dx] = [v for v in score.verdicts if v.rule == "medicare-iop.diagnosis"]
    assert dx.predicted == "met" and dx.false_met  # F33.1 is covered: the gold is wrong here
    summary = summarize([score])
    assert summary.confusion["not_met"]["met"] >= 1
    assert "mi-90-tiny: medicare-iop.diagnosis (gold not_met)" in summary.false_met_findings
    assert summary.false_met == len(summary.false_met_findings)
    total = sum(sum(row.values()) for row in summary.confusion.values())
    assert total == summary.verdicts.total == 15


def test_ratios_without_a_denominator_are_none() -> None:
    empty = FieldScore()
    assert (empty.precision, empty.recall, empty.f1) == (None, None, None)
    only_gold = FieldScore(gold=2, found=0)
    assert only_gold.recall == 0.0 and only_gold.precision is None and only_gold.f1 is None
    assert summarize([]).verdicts.accuracy is None


def test_gold_values_read_as_dates_or_numbers_compare_as_text(tmp_path: Path) -> None:
    gold_data = good_gold()
    gold_data["facts"].append(
        {"field": "member_age", "value": 15, "at": [{"document": "01_note.txt", "quote": "Dx"}]}
    )
    root = write(tmp_path, gold_data)
    gold = load_gold(gold_path("mi-90-tiny", root))
    assert [f.value for f in gold.facts] == ["F33.1", "2025-03-03", "15"]
    assert yaml.safe_load(gold_path("mi-90-tiny", root).read_text())["admission_date"]
