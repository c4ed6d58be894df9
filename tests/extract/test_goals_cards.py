"""Goals read by their structure (issue 12): cards of labelled rows (a SMART card's
Specific / Measurable / Achievable / Relevant / Time-bound), objectives numbered under
their goal with their own lower-case "measured by" / "target" fields, and a review grid
whose objective rows leave the goal column empty. Each goal's and objective's measure and
time frame carry their own span, with exact offsets; and the traps: "to be determined" and
"--" are no measure, "ongoing" no time frame, an Achievable row's count is no measure, a
target date is not the plan's date, a score threshold in a goal is not a score given."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from core.data import DocumentKind, Evidence
from core.facts import Assessment, Goal, Objective
from extract.deterministic.assessments import extract_assessments
from extract.deterministic.documents import find_document_date
from extract.deterministic.goals import read_goals
from tests.chartdocs import chart_doc

SIGNED = "\nElectronically signed by Sam Lee, MD on 03/02/2026\n"


@dataclass(frozen=True)
class Part:
    """What a goal or objective should read: the words that name it and the quotes of its
    measure and time frame (``None``: none), each ``(quote, n)``: the ``n``-th occurrence
    of the quote in the plan (1 when it is unique)."""

    text: str
    measure: tuple[str, int] | None
    time_frame: tuple[str, int] | None
    objectives: tuple[Part, ...] = ()


def at(text: str, quote: tuple[str, int] | None) -> tuple[int, int, str] | None:
    if quote is None:
        return None
    words, n = quote
    start = -1
    for _ in range(n):
        start = text.index(words, start + 1)
    return start, start + len(words), words


def got(ev: Evidence | None) -> tuple[int, int, str] | None:
    return None if ev is None else (ev.start, ev.end, ev.quote)


def read(part: Goal | Objective) -> tuple[object, ...]:
    objectives = part.objectives if isinstance(part, Goal) else ()
    return (
        part.text,
        got(part.measure),
        got(part.time_frame),
        tuple(read(o) for o in objectives),
    )


def want(text: str, part: Part) -> tuple[object, ...]:
    return (
        part.text,
        at(text, part.measure),
        at(text, part.time_frame),
        tuple(want(text, o) for o in part.objectives),
    )


SMART = (
    "INDIVIDUALIZED TREATMENT PLAN - SMART GOALS\n"
    "Plan date: 03/02/2026    Next review: 04/01/2026\n"
    "Baseline (intake 02/27/2026): PHQ-9 19\n"
    "\n"
    "=== SMART GOAL 1 ==================================\n"
    "  S - Specific:    Reduce panic attacks enough to shop alone\n"
    "  M - Measurable:  no more than 1 panic attack per week on the log\n"
    "  A - Achievable:  she practiced breathing before\n"
    "  R - Relevant:    her own stated priority\n"
    "  T - Time-bound:  by 04/15/2026\n"
    "  Objectives:\n"
    "    1a  Practice paced breathing at the first sign of panic\n"
    "        measured by: used in 80% of logged episodes   |   target: in 30 days\n"
    "    1b  Learn how avoidance keeps panic going\n"
    "        measured by: to be determined   |   target: ongoing\n"
    "==================================================\n"
    "\n"
    "GOAL 2\n"
    "  Specific (S):    Improve sleep and the shape of the day, so that\n"
    "                   she can keep her morning shifts\n"
    "  Measurable (M):  TBD with client\n"
    "  Achievable (A):  she slept 7 hours on 5 of 7 nights before this episode\n"
    "                   and 6 of 7 nights the year before\n"
    "  Time-bound (T):  ongoing\n"
    "\n"
    "=== SMART GOAL 3 ==================================\n"
    "  S - Specific:    Reduce depressive symptoms\n"
    "  M - Measurable:  PHQ-9 of 9 or below on two consecutive administrations\n"
    "  T - Time-bound:  within 8 weeks\n"
    "==================================================\n"
)

# a 30-day review printing the same goals as a grid whose bars line up: an objective's row
# leaves the goal column empty and is that goal's objective, not a goal of its own
REVIEW = (
    "30-DAY TREATMENT PLAN REVIEW\n"
    "Review date: 04/01/2026    Original plan: 03/02/2026\n"
    "\n"
    "Goal                                   | Objective                                "
    "| Measure                         | Target date  | Status\n"
    "---------------------------------------+------------------------------------------"
    "+---------------------------------+--------------+--------\n"
    "1. Reduce panic attacks                |                                          "
    "| no more than 1 attack per week  | by discharge | Active\n"
    "                                       | 1a. Practice paced breathing daily       "
    "| used in 80% of logged episodes  | 04/29/2026   | Met\n"
    "                                       | 1b. Learn how avoidance keeps panic going "
    "| --                              | ongoing      | Active\n"
    "2. Improve sleep                       |                                          "
    "| --                              | in 30 days   | Active\n"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            SMART,
            [
                Part(
                    "Reduce panic attacks enough to shop alone",
                    ("no more than 1 panic attack per week on the log", 1),
                    # a target date is the goal's time frame (not the plan's date)
                    ("04/15/2026", 1),
                    (
                        Part(
                            "1a  Practice paced breathing at the first sign of panic",
                            ("used in 80% of logged episodes", 1),
                            ("in 30 days", 1),
                        ),
                        # "to be determined" is no measure, "ongoing" no time frame
                        Part("1b  Learn how avoidance keeps panic going", None, None),
                    ),
                ),
                # a statement wrapped onto the next line; "TBD with client" is no measure,
                # the Achievable row's "5 of 7 nights" is not the goal's measure, and
                # "ongoing" no time frame
                Part(
                    "Improve sleep and the shape of the day, so that\n"
                    "                   she can keep her morning shifts",
                    None,
                    None,
                ),
                Part(
                    "Reduce depressive symptoms",
                    ("PHQ-9 of 9 or below on two consecutive administrations", 1),
                    ("within 8 weeks", 1),
                ),
            ],
            id="smart-cards-with-objectives-and-lower-case-fields",
        ),
        pytest.param(
            REVIEW,
            [
                Part(
                    "1. Reduce panic attacks                |                                "
                    "          | no more than 1 attack per week  | by discharge | Active",
                    ("no more than 1 attack per week", 1),
                    ("by discharge", 1),
                    (
                        Part(
                            "| 1a. Practice paced breathing daily       "
                            "| used in 80% of logged episodes  | 04/29/2026   | Met",
                            ("used in 80% of logged episodes", 1),
                            ("04/29/2026", 1),
                        ),
                        # "--" is no measure, "ongoing" no time frame
                        Part(
                            "| 1b. Learn how avoidance keeps panic going "
                            "| --                              | ongoing      | Active",
                            None,
                            None,
                        ),
                    ),
                ),
                Part(
                    "2. Improve sleep                       |                                "
                    "          | --                              | in 30 days   | Active",
                    None,
                    ("in 30 days", 1),
                ),
            ],
            id="review-grid-objective-rows-under-their-goal",
        ),
    ],
)
def test_goals_by_structure(body: str, expected: list[Part]) -> None:
    text = body + SIGNED
    goals = read_goals(chart_doc(text, kind=DocumentKind.TREATMENT_PLAN))
    assert [read(g) for g in goals] == [want(text, p) for p in expected]


def test_a_cards_goal_keeps_its_card_as_evidence() -> None:
    text = SMART + SIGNED
    first = read_goals(chart_doc(text, kind=DocumentKind.TREATMENT_PLAN))[0]
    start = text.index("=== SMART GOAL 1")
    end = text.index("her own stated priority") + len("her own stated priority")
    end = text.index("\n", end)  # through the Time-bound row, before "Objectives:"
    end = text.index("\n", end + 1)
    assert (first.evidence[0].start, first.evidence[0].end) == (start, end)


@pytest.mark.parametrize("body", [SMART, REVIEW])
def test_a_target_date_is_not_the_documents_date(body: str) -> None:
    text = body.replace("03/02/2026", "03/03/2026") + "\nSigned by Sam Lee, MD\n"
    found = find_document_date(chart_doc(text, kind=DocumentKind.TREATMENT_PLAN))
    assert found is not None
    want = "03/03/2026" if body is SMART else "04/01/2026"
    assert (found.date, got(found.evidence[0])) == (
        dt.datetime.strptime(want, "%m/%d/%Y").date(),
        at(text, (want, 1)),
    )


def test_a_score_threshold_in_a_goal_is_not_a_score_given() -> None:
    text = SMART + SIGNED
    doc = chart_doc(text, kind=DocumentKind.TREATMENT_PLAN, date=dt.date(2026, 3, 2))
    found = [
        (a.instrument, a.score, a.date)
        for a in extract_assessments(doc)
        if isinstance(a, Assessment) and a.score is not None
    ]
    assert found == [("PHQ-9", 19.0, dt.date(2026, 2, 27))]
