"""Standardized scores with their dates, read by extract/deterministic/assessments.py on
the layout layer (issue 12): flowsheets with a target column, dot-leader lists, cells that
date their own scores, sentences that date an earlier score, a total under its own label,
and the traps (a target, an item, a negative screen, a plan's date)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from core.data import DocumentKind
from core.errors import ExtractionError
from core.facts import Assessment
from extract.deterministic import assessments
from extract.deterministic.assessments import extract_assessments
from tests.chartdocs import chart_doc

D = dt.date
DOC_DAY = D(2026, 3, 26)

Expected = list[tuple[str, dt.date | None, float | None, list[tuple[int, int, str]]]]


def nth(text: str, quote: str, n: int = 1) -> tuple[int, int, str]:
    """The ``n``-th occurrence of ``quote`` in ``text`` as a whole token (not inside a
    longer number or word), as (start, end, quote)."""
    found = list(re.finditer(rf"(?<![\w/]){re.escape(quote)}(?![\w/])", text))
    m = found[n - 1]
    return m.start(), m.end(), quote


def scores(text: str, kind: DocumentKind = DocumentKind.OTHER) -> Expected:
    doc = chart_doc(text, kind=kind, date=DOC_DAY)
    facts = [f for f in extract_assessments(doc) if isinstance(f, Assessment)]
    return sorted(
        (f.instrument or "", f.date, f.score, sorted((e.start, e.end, e.quote) for e in f.evidence))
        for f in facts
    )


TARGET_COLUMN = (
    "RATING SCALE FLOWSHEET\n"
    "\n"
    "Instrument  03/09/26   03/16/26   Target\n"
    "GAD-7       16         15         <8\n"
    "PHQ-9       15         --         <10\n"
)
LEADERS = (
    "OUTCOME MEASURES\n"
    "\n"
    "03/09/2026  PCL-5 total........... 54\n"
    "03/09/2026  AUDIT-C total......... declined by patient\n"
    "03/09/2026  PHQ-9 item 9 (self-harm) 1\n"
    "03/16/2026  BAM use total......... 5\n"
)
OWN_DATES = (
    "[4] Standardized measures\n"
    "     Measure    At admission         Most recent\n"
    "     PHQ-9      21 (01/12/2026)    12 (01/26/2026)\n"
    "     GAD-7      14 (01/12/2026)    7  (01/26/2026)\n"
)
CHECK_IN = (
    "NURSING CHECK-IN    Visit date: 03/10/2026\n"
    "PHQ-9 19 today vs 22 when last given 03/03/2026.\n"
    "Repeat GAD-7: 12. Prior GAD-7 on 11/26/2025: 15.\n"
    "If the PHQ-9 climbs above 20, consider referral to partial hospitalization.\n"
)
ARROW = "Measures:\n  PHQ-9: 22 on admission (03/02/2026) -> 15 at discharge (03/26/2026)\n"
WRAPPED = (
    "RATING SCALES\n"
    "Completed in clinic today: PHQ-9 total 19. A PCL-5 of 41 was recorded by his\n"
    "outside therapist on 09/22/2025.\n"
)
SAME_DATES = (
    "Measures:\n"
    "  The GAD-7 went from 18 to 12\n"
    "  over the same dates (02/16/2026 and 03/10/2026).\n"
)
ASAM_LEADERS = (
    "SCREENING INSTRUMENTS\n"
    "  AUDIT-C ............ 3   (completed 03/02/2026)\n"
    "  DAST-10 ............ 5   (from referral screen 02/26/2026)\n"
)
COLUMBIA = (
    "COLUMBIA PROTOCOL - RISK ASSESSMENT FLOWSHEET\n"
    "Ideation severity (since last visit): 1\n"
    "Formulation: overall acute risk moderate.\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # instruments as rows under date columns; a target column is no date, "--" no score
        (
            TARGET_COLUMN,
            [
                (
                    "GAD-7",
                    D(2026, 3, 9),
                    16,
                    [nth(TARGET_COLUMN, "GAD-7"), nth(TARGET_COLUMN, "16")],
                ),
                (
                    "GAD-7",
                    D(2026, 3, 16),
                    15,
                    [nth(TARGET_COLUMN, "GAD-7"), nth(TARGET_COLUMN, "15")],
                ),
                (
                    "PHQ-9",
                    D(2026, 3, 9),
                    15,
                    [nth(TARGET_COLUMN, "PHQ-9"), nth(TARGET_COLUMN, "15", 2)],
                ),
            ],
        ),
        # dot leaders; "declined" is no score, an item is not the total
        (
            LEADERS,
            [
                ("PCL-5", D(2026, 3, 9), 54, [nth(LEADERS, "PCL-5"), nth(LEADERS, "54")]),
                ("BAM", D(2026, 3, 16), 5, [nth(LEADERS, "BAM"), nth(LEADERS, "5", 2)]),
                # an item: the instrument named, no score; "declined": not done, no fact
                ("PHQ-9", DOC_DAY, None, [nth(LEADERS, "PHQ-9")]),
            ],
        ),
        # each cell dates its own score
        (
            OWN_DATES,
            [
                ("PHQ-9", D(2026, 1, 12), 21, [nth(OWN_DATES, "PHQ-9"), nth(OWN_DATES, "21")]),
                (
                    "PHQ-9",
                    D(2026, 1, 26),
                    12,
                    [nth(OWN_DATES, "PHQ-9"), nth(OWN_DATES, "12")],
                ),
                ("GAD-7", D(2026, 1, 12), 14, [nth(OWN_DATES, "GAD-7"), nth(OWN_DATES, "14")]),
                (
                    "GAD-7",
                    D(2026, 1, 26),
                    7,
                    [nth(OWN_DATES, "GAD-7"), nth(OWN_DATES, "7", 2)],
                ),
            ],
        ),
    ],
)
def test_scores_of_flowsheets_and_lists(text: str, expected: Expected) -> None:
    assert scores(text) == sorted((i, d, v, sorted(sp)) for i, d, v, sp in expected)


LABEL_DATED = (
    "TREATMENT PLAN\n"
    "Baseline (intake 02/16/2026): PHQ-9 21; GAD-7 14\n"
    "Today: PHQ-9 12; anxiety better.\n"
    "Goal 1: GAD-7 of 7 or below by 04/30/2026.\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # today's score and an earlier dated one in one sentence; an earlier score dated
        # before its number ("Prior" is no reason to drop it); a hypothetical is none
        (
            CHECK_IN,
            [
                # undated scores: the visit's date (the note's entry), not the document's
                ("PHQ-9", D(2026, 3, 10), 19, [nth(CHECK_IN, "PHQ-9"), nth(CHECK_IN, "19")]),
                ("PHQ-9", D(2026, 3, 3), 22, [nth(CHECK_IN, "PHQ-9"), nth(CHECK_IN, "22")]),
                ("GAD-7", D(2026, 3, 10), 12, [nth(CHECK_IN, "GAD-7"), nth(CHECK_IN, "12")]),
                ("GAD-7", D(2025, 11, 26), 15, [nth(CHECK_IN, "GAD-7", 2), nth(CHECK_IN, "15")]),
            ],
        ),
        (
            ARROW,
            [
                ("PHQ-9", D(2026, 3, 2), 22, [nth(ARROW, "PHQ-9"), nth(ARROW, "22")]),
                ("PHQ-9", D(2026, 3, 26), 15, [nth(ARROW, "PHQ-9"), nth(ARROW, "15")]),
            ],
        ),
        # the one date of a wrapped sentence dates its score (not the document's)
        (
            WRAPPED,
            [
                ("PHQ-9", DOC_DAY, 19, [nth(WRAPPED, "PHQ-9"), nth(WRAPPED, "19")]),
                ("PCL-5", D(2025, 9, 22), 41, [nth(WRAPPED, "PCL-5"), nth(WRAPPED, "41")]),
            ],
        ),
        (
            SAME_DATES,
            [
                ("GAD-7", D(2026, 2, 16), 18, [nth(SAME_DATES, "GAD-7"), nth(SAME_DATES, "18")]),
                ("GAD-7", D(2026, 3, 10), 12, [nth(SAME_DATES, "GAD-7"), nth(SAME_DATES, "12")]),
            ],
        ),
        (
            ASAM_LEADERS,
            [
                (
                    "AUDIT-C",
                    D(2026, 3, 2),
                    3,
                    [nth(ASAM_LEADERS, "AUDIT-C"), nth(ASAM_LEADERS, "3")],
                ),
                ("DAST", D(2026, 2, 26), 5, [nth(ASAM_LEADERS, "DAST-10"), nth(ASAM_LEADERS, "5")]),
            ],
        ),
        # a label's one date dates every score its value lists, past a ";" ending the
        # first one's sentence; a target in a goal is no score, its date none of a score's
        (
            LABEL_DATED,
            [
                ("PHQ-9", D(2026, 2, 16), 21, [nth(LABEL_DATED, "PHQ-9"), nth(LABEL_DATED, "21")]),
                ("GAD-7", D(2026, 2, 16), 14, [nth(LABEL_DATED, "GAD-7"), nth(LABEL_DATED, "14")]),
                ("PHQ-9", DOC_DAY, 12, [nth(LABEL_DATED, "PHQ-9", 2), nth(LABEL_DATED, "12")]),
            ],
        ),
        # "Ideation severity" is the C-SSRS score on a Columbia protocol
        (
            COLUMBIA,
            [("C-SSRS", DOC_DAY, 1, [nth(COLUMBIA, "Ideation severity"), nth(COLUMBIA, "1")])],
        ),
    ],
)
def test_scores_in_sentences(text: str, expected: Expected) -> None:
    assert scores(text) == sorted((i, d, v, sorted(sp)) for i, d, v, sp in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a target is no score: the instrument named, nothing more
        ("Outcome measure: GAD-7 score of 9 or less\n", [("GAD-7", None)]),
        ("Long-range goal: mild range (PHQ-9 of 9 or lower) by discharge.\n", [("PHQ-9", None)]),
        # a negative screen is a screen, not a score
        ("C-SSRS screen negative on 01/17/2026.\n", [("C-SSRS", None)]),
        # without the instrument named, "ideation severity" is nobody's score
        ("Ideation severity (since last visit): 1\n", []),
        # a date after the document's is a plan: the score keeps the document's date
        ("PHQ-9 14 today; repeat on 04/15/2026.\n", [("PHQ-9", 14.0)]),
    ],
)
def test_not_a_score(text: str, expected: list[tuple[str, float | None]]) -> None:
    got = scores(text)
    assert [(i, v) for i, _, v, _ in got] == expected
    assert all(d == DOC_DAY for _, d, _, _ in got)


@pytest.mark.parametrize(
    "yaml_text",
    [
        "total_labels:\n  NO-SUCH-SCALE: ['ideation severity']\n",  # no score_max for it
        "total_labels:\n  C-SSRS: []\n",  # an empty list
        "total_labels: {}\nmore: 1\n",  # an unknown key
    ],
)
def test_score_vocabulary_is_loaded_strictly(
    yaml_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "assessments.yaml"
    bad.write_text(yaml_text, encoding="utf-8")
    monkeypatch.setattr(assessments, "ASSESSMENTS_PATH", bad)
    assessments._scores_config.cache_clear()
    try:
        with pytest.raises(ExtractionError):
            assessments._scores_config()
    finally:
        assessments._scores_config.cache_clear()
