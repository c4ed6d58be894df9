"""Treatment-plan goals and certification elements (extract/deterministic/plans.py and
plans.yaml), with the exact spans they were read from."""

from __future__ import annotations

import re

import pytest

from core.data import DocumentKind
from core.facts import Certification, CertificationElement, Goal, TreatmentPlan
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.plans import extract_certification, extract_treatment_plan
from tests.chartdocs import chart_doc

PLAN_HEAD = "INDIVIDUALIZED TREATMENT PLAN\nPlan Date: 06/03/2025\n\n"
RECERT_HEAD = "PHYSICIAN RECERTIFICATION\nRecertification Date: 07/28/2025\n\n"


def plan_of(text: str) -> TreatmentPlan:
    doc = chart_doc(text, kind=DocumentKind.TREATMENT_PLAN)
    [plan] = extract_treatment_plan(doc)
    docs = {doc.document.document_id: doc.document}
    for ev in iter_evidence(plan):
        assert evidence_problem(ev, docs) is None
    return plan


def judged(goal: Goal) -> tuple[str, str | None, str | None]:
    """A goal's text and the quotes of its measure and time frame."""
    return (
        goal.text,
        goal.measure.quote if goal.measure else None,
        goal.time_frame.quote if goal.time_frame else None,
    )


def objectives(goal: Goal) -> list[tuple[str, str | None, str | None]]:
    """A goal's objectives, each with the quotes of its own measure and time frame."""
    return [
        (
            o.text,
            o.measure.quote if o.measure else None,
            o.time_frame.quote if o.time_frame else None,
        )
        for o in goal.objectives
    ]


def test_objectives_of_a_plan_organized_by_problem_are_kept_with_their_goal() -> None:
    plan = plan_of(
        PLAN_HEAD + "PROBLEM #1: DEPRESSION\n"
        "Long-term goal: PHQ-9 below 10 by 08/01/2025.\n"
        "Short-term objective 1a: Reconnect with her family by 07/15/2025.\n"
        "STG 2: Walk 20 minutes 3 times per week.\n"
    )
    assert [judged(g) for g in plan.goals] == [
        ("Long-term goal: PHQ-9 below 10 by 08/01/2025.", "PHQ-9 below 10", "08/01/2025"),
        # the frequency with what is done each time
        ("STG 2: Walk 20 minutes 3 times per week.", "20 minutes 3 times per week", None),
    ]
    assert objectives(plan.goals[0]) == [
        ("Short-term objective 1a: Reconnect with her family by 07/15/2025.", None, "07/15/2025")
    ]
    assert objectives(plan.goals[1]) == []


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        pytest.param(
            "Treatment Goals:\n"
            "- Decrease PHQ-9 score to 9 or less within 6 weeks.\n"
            "- Attend church or a social outing with a friend.\n",
            [
                (
                    "- Decrease PHQ-9 score to 9 or less within 6 weeks.",
                    "PHQ-9 score to 9",
                    "within 6 weeks",
                ),
                ("- Attend church or a social outing with a friend.", None, None),
            ],
            id="bulleted-goals",
        ),
        pytest.param(
            "GOALS\n"
            "- Reduce depressive symptoms\n"
            "  - measured by PHQ-9 below 10\n"
            "  - target 07/15/2025\n"
            "- Improve self-care\n",
            [
                ("- Reduce depressive symptoms", "PHQ-9 below 10", "07/15/2025"),
                ("- Improve self-care", None, None),
            ],
            id="nested-bullets-belong-to-their-goal",
        ),
        pytest.param(
            "GOALS\n"
            "| # | Goal | Measure | Target date |\n"
            "|---|---|---|---|\n"
            "| 1 | Reduce depressive symptoms | PHQ-9 below 10 | 07/15/2025 |\n"
            "| 2 | Improve self-care | showers 6 of 7 days | ongoing |\n",
            [
                (
                    "| 1 | Reduce depressive symptoms | PHQ-9 below 10 | 07/15/2025 |",
                    "PHQ-9 below 10",
                    "07/15/2025",
                ),
                # a measure cell states its measure, all of it
                (
                    "| 2 | Improve self-care | showers 6 of 7 days | ongoing |",
                    "showers 6 of 7 days",
                    None,
                ),
            ],
            id="goal-table-rows",
        ),
        pytest.param(
            "PROBLEMS, GOALS AND OBJECTIVES\n"
            "Long-term goal: PHQ-9 below 10 by 08/01/2025.\n"
            "Short-term objective 1a: Complete an activity schedule 5 days per week for 4 weeks.\n"
            "Short-term objective 1b: Shower daily.\n",
            # the objectives are the goal's (test_objectives_...): the goal's own words
            # state its measure and time frame
            [("Long-term goal: PHQ-9 below 10 by 08/01/2025.", "PHQ-9 below 10", "08/01/2025")],
            id="short-term-objectives-are-the-goals",
        ),
        pytest.param(
            "GOALS\n1. PHQ-9 below 10 by 07/15/2025.\n2. Improve her relationship with her daughter.\n",
            [
                ("1. PHQ-9 below 10 by 07/15/2025.", "PHQ-9 below 10", "07/15/2025"),
                ("2. Improve her relationship with her daughter.", None, None),
            ],
            id="the-signature-under-the-last-goal-is-not-its-time-frame",
        ),
        pytest.param(
            "GOALS\n1. PHQ-9 below 10 by 07/15/2025.\n   - tracked weekly in group\n",
            [("1. PHQ-9 below 10 by 07/15/2025.", "PHQ-9 below 10", "07/15/2025")],
            id="numbered-goals-keep-their-bullets",
        ),
    ],
)
def test_goals(goals: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    plan = plan_of(PLAN_HEAD + goals + "\nElectronically signed by Sam Lee, MD on 06/03/2025\n")
    assert [judged(g) for g in plan.goals] == expected


def recert_elements(body: str) -> dict[str, str]:
    doc = chart_doc(RECERT_HEAD + body, kind=DocumentKind.RECERTIFICATION)
    [cert] = extract_certification(doc)
    assert isinstance(cert, Certification)
    return {e.name: e.evidence[0].quote for e in cert.elements}


@pytest.mark.parametrize(
    ("sentence", "element"),
    [
        ("Progress: PHQ-9 improved from 22 to 16.", CertificationElement.RESPONSE_TO_TREATMENT),
        ("She has made partial progress in group.", CertificationElement.RESPONSE_TO_TREATMENT),
        (
            "Since admission her PHQ-9 has improved from 22 to 16.",
            CertificationElement.RESPONSE_TO_TREATMENT,
        ),
        ("Treatment response: partial.", CertificationElement.RESPONSE_TO_TREATMENT),
        (
            "Current symptoms: severe depressed mood and daily hopelessness.",
            CertificationElement.CONTINUING_SYMPTOMS,
        ),
        (
            "She remains severely depressed with daily hopelessness.",
            CertificationElement.CONTINUING_SYMPTOMS,
        ),
        (
            "Symptoms requiring continued intensive treatment: low mood, hopelessness.",
            CertificationElement.CONTINUING_SYMPTOMS,
        ),
        (
            "Estimated discharge date: 08/15/2025, once PHQ-9 is below 10.",
            CertificationElement.DISCHARGE_GOALS,
        ),
    ],
)
def test_recertification_elements_in_plain_wording(
    sentence: str, element: CertificationElement
) -> None:
    assert recert_elements(sentence + "\n").get(element) == sentence


@pytest.mark.parametrize(
    ("sentence", "element"),
    [
        (
            "Since admission she has begun getting up at a regular time.",
            CertificationElement.RESPONSE_TO_TREATMENT,
        ),
        ("The gains are real but partial.", CertificationElement.RESPONSE_TO_TREATMENT),
        (
            "Even so, she still wakes at 4 a.m. most days.",
            CertificationElement.CONTINUING_SYMPTOMS,
        ),
        (
            "These symptoms still call for intensive treatment.",
            CertificationElement.CONTINUING_SYMPTOMS,
        ),
        (
            "We will step her down to weekly outpatient therapy once she is back at work.",
            CertificationElement.DISCHARGE_GOALS,
        ),
        (
            "She will be ready for discharge once she sleeps through most nights.",
            CertificationElement.DISCHARGE_GOALS,
        ),
        (
            "Admitted with major depressive disorder, recurrent, severe without psychotic "
            "features (F33.2).",
            CertificationElement.DIAGNOSIS,
        ),
    ],
)
def test_recertification_elements_in_a_physicians_letter(
    sentence: str, element: CertificationElement
) -> None:
    """A letter's words for the elements; a diagnosis' own "without psychotic features" is
    no negation of its code."""
    assert recert_elements(sentence + "\n").get(element) == sentence


@pytest.mark.parametrize(
    ("sentence", "element"),
    [
        # a past step-down, a diagnosis ruled out: not the elements
        ("She decompensated at her last step-down.", CertificationElement.DISCHARGE_GOALS),
        ("Seen without any diagnosis of F33.2 by the PCP.", CertificationElement.DIAGNOSIS),
    ],
)
def test_recertification_elements_not_stated(sentence: str, element: CertificationElement) -> None:
    assert element not in recert_elements(sentence + "\n")


# a phrase wrapped over a line break is read as the layout joins the sentence; the quote is
# the whole sentence over its lines
@pytest.mark.parametrize(
    ("body", "element", "quote"),
    [
        pytest.param(
            "Since admission he has improved. However, he still\n"
            "describes low mood on most days and has not been able to return to work.\n",
            CertificationElement.CONTINUING_SYMPTOMS,
            "However, he still\ndescribes low mood on most days and has not been able to "
            "return to work.",
            id="still-wrapped-before-its-verb-and-a-return-to-work-is-no-condition",
        ),
        pytest.param(
            "Even so, she still\nspends several hours a day worrying about her health.\n",
            CertificationElement.CONTINUING_SYMPTOMS,
            "Even so, she still\nspends several hours a day worrying about her health.",
            id="still-spends",
        ),
        pytest.param(
            "Treatment will be delivered under the individualized plan of care I have "
            "established.\n",
            CertificationElement.PLAN_OF_CARE,
            "Treatment will be delivered under the individualized plan of care I have established.",
            id="a-plan-of-care-services-will-follow",
        ),
        pytest.param(
            "Care is delivered under the individualized recovery plan the team writes.\n",
            CertificationElement.PLAN_OF_CARE,
            "Care is delivered under the individualized recovery plan the team writes.",
            id="a-recovery-plan",
        ),
        pytest.param(
            "Transition criteria: 30 days of negative screens and a sober-support network.\n",
            CertificationElement.DISCHARGE_GOALS,
            "Transition criteria: 30 days of negative screens and a sober-support network.",
            id="negative-screens-are-a-result-not-a-denial",
        ),
    ],
)
def test_recertification_elements_over_wrapped_lines(
    body: str, element: CertificationElement, quote: str
) -> None:
    assert recert_elements(body).get(element) == quote


@pytest.mark.parametrize(
    ("sentence", "element"),
    [
        ("If a plan of care is needed, we will write one.", CertificationElement.PLAN_OF_CARE),
        ("No plan of care has been written.", CertificationElement.PLAN_OF_CARE),
        ("Her safety plan was reviewed.", CertificationElement.PLAN_OF_CARE),
        (
            "She no longer has panic attacks; she is not\nstill anxious.",
            CertificationElement.CONTINUING_SYMPTOMS,
        ),
    ],
)
def test_recertification_elements_not_stated_in_these(
    sentence: str, element: CertificationElement
) -> None:
    assert element not in recert_elements(sentence + "\n")


def test_recertification_without_those_elements() -> None:
    found = recert_elements("She attends IOP three mornings a week.\n")
    for element in (
        CertificationElement.RESPONSE_TO_TREATMENT,
        CertificationElement.CONTINUING_SYMPTOMS,
        CertificationElement.DISCHARGE_GOALS,
    ):
        assert element not in found


@pytest.mark.parametrize(
    ("sentence", "hours"),
    [
        ("The patient requires a minimum of 9 hours per week of IOP services.", 9.0),
        ("The patient requires not less than 9 hrs/week of structured IOP services.", 9.0),
        ("I certify that this client needs 9+ hours of programming weekly.", 9.0),
        ("She requires IOP services three days per week for three hours each day.", 9.0),
        ("I certify that this client needs 3 hrs/day, 3 days/wk of structured programming.", 9.0),
        ("He needs 4 days per week, 3 hours per day.", 12.0),
    ],
)
def test_the_weekly_hours_a_certification_states(sentence: str, hours: float) -> None:
    doc = chart_doc(RECERT_HEAD + sentence + "\n", kind=DocumentKind.RECERTIFICATION)
    [cert] = extract_certification(doc)
    assert cert.hours_per_week == hours
    element = cert.element(CertificationElement.MIN_HOURS)
    assert element is not None and element.evidence[0].quote == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Goals toward discharge: PHQ-9 below 10, 6 hours of sleep, weekly social contact.",
        "She does not need 9 hours per week of services.",
    ],
)
def test_statements_that_are_not_the_weekly_hours(sentence: str) -> None:
    doc = chart_doc(RECERT_HEAD + sentence + "\n", kind=DocumentKind.RECERTIFICATION)
    [cert] = extract_certification(doc)
    assert cert.hours_per_week is None


def test_a_markdown_goals_section_holds_its_deeper_headings() -> None:
    text = (
        "# Treatment Plan\nPlan Date: 06/03/2025\n\n## Problems, goals & objectives\n\n"
        "### Problem 1 - Trauma symptoms\n**Goal 1:** Client will attend 3 groups per week "
        "through 08/01/2025.\n\n### Problem 2 - Safety\n**Goal 2:** Client will feel better.\n\n"
        "## Interventions\n- Group psychotherapy 3x/week\n"
    )
    plan = plan_of(text)
    assert [g.text for g in plan.goals] == [
        "Goal 1:** Client will attend 3 groups per week through 08/01/2025.",
        "Goal 2:** Client will feel better.",
    ]


def test_a_goals_evidence_is_its_whole_text_with_its_target_date() -> None:
    # a reviewer judging "no time frame" must see the wrapped line and "Target date: ongoing."
    goal = (
        "Goal 2 (depression): Decrease depressive symptoms as measured by the PHQ-9, from 18 to\n"
        "  below 10.\n"
        "  Target date: ongoing.\n"
    )
    text = f"TREATMENT PLAN\nDate: 03/04/2025\n\nGOALS\n{goal}\nSIGNATURES\n"
    (g,) = plan_of(text).goals
    assert g.text == goal.splitlines()[0]
    (ev,) = g.evidence
    assert (ev.start, ev.quote) == (text.index(goal), goal.rstrip())
    assert g.time_frame is None


_GRID = (
    "GOALS AND OBJECTIVES\n"
    "+------+------------------------------------------+---------------------+------------+\n"
    "| No.  | Goal / Objective                         | Measure of Success  | Target     |\n"
    "+------+------------------------------------------+---------------------+------------+\n"
    "| 1    | Stay safe and out of the hospital        | no ED visits        | 90 days    |\n"
    "| 1a   |   Call one support person twice a week   |                     | Ongoing    |\n"
    "| 1b   |   Talk with the peer specialist          | Staff observation   | 05/08/2026 |\n"
    "| 2    | Reconnect with my church                 |                     | 60 days    |\n"
    "| 2a   |   Learn how thoughts affect moods        |                     |            |\n"
    "+------+------------------------------------------+---------------------+------------+\n"
)


def test_a_column_of_goals_and_their_objectives() -> None:
    """One "Goal / Objective" column: a row numbered under the goal above ("1a" under "1"),
    indented, is its objective; the measure and target columns belong to each row."""
    plan = plan_of(PLAN_HEAD + _GRID)
    text = PLAN_HEAD + _GRID
    assert [judged(g) for g in plan.goals] == [
        ("Stay safe and out of the hospital", "no ED visits", "90 days"),
        ("Reconnect with my church", None, "60 days"),
    ]
    assert objectives(plan.goals[0]) == [
        ("Call one support person twice a week", "one support person twice a week", None),
        ("Talk with the peer specialist", None, "05/08/2026"),
    ]
    assert objectives(plan.goals[1]) == [("Learn how thoughts affect moods", None, None)]
    # exact offsets: each goal and objective is quoted with its whole row
    rows = [line for line in _GRID.splitlines() if re.match(r"\| \d", line)]
    got = [(e.start, e.quote) for g in plan.goals for p in (g, *g.objectives) for e in p.evidence]
    assert got == [(text.index(row), row) for row in rows]


def test_short_term_goals_numbered_under_a_long_term_goal_are_its_objectives() -> None:
    plan = plan_of(
        PLAN_HEAD + "PROBLEM 1: Risk for self-harm\n"
        "   LONG-TERM GOAL 1: Patient will keep self safe\n"
        "      SHORT-TERM GOAL 1.1: Patient will attend 90% of scheduled program hours\n"
        "   LONG-TERM GOAL 2: Patient will manage anxiety\n"
        "      SHORT-TERM GOAL 2.1: Patient will complete a written safety plan within 48 "
        "hours\n"
    )
    assert [g.text for g in plan.goals] == [
        "LONG-TERM GOAL 1: Patient will keep self safe",
        "LONG-TERM GOAL 2: Patient will manage anxiety",
    ]
    assert objectives(plan.goals[0]) == [
        ("SHORT-TERM GOAL 1.1: Patient will attend 90% of scheduled program hours", "90%", None)
    ]
    assert objectives(plan.goals[1]) == [
        (
            "SHORT-TERM GOAL 2.1: Patient will complete a written safety plan within 48 hours",
            "complete a written safety plan",
            "within 48 hours",
        )
    ]


@pytest.mark.parametrize(
    ("goal", "measure", "time_frame"),
    [
        # a schedule alone is no measure ("walk daily"), as the goals layout reads it
        ("Practice a grounding skill daily and mark it on the card.", None, None),
        (
            "Have no emergency visits for withdrawal during the first 14 days.",
            "no emergency visits",
            "during the first 14 days",
        ),
        (
            "Keep the liver-panel follow-up with the PCP on 12/06/2025.",
            "Keep the liver-panel follow-up",
            "12/06/2025",
        ),
        (
            "Attend an extra relapse-prevention group each week.",
            "Attend an extra relapse-prevention group each week",
            None,
        ),
        ("Call one supportive person for the next month.", None, "for the next month"),
        # tricky: a daily routine is no schedule kept; a goal's date is no measure
        ("Rebuild a daily routine and structure.", None, None),
        ("Improve daily functioning by 12/01/2025.", None, "12/01/2025"),
    ],
)
def test_goal_measures_and_time_frames_in_more_wordings(
    goal: str, measure: str | None, time_frame: str | None
) -> None:
    plan = plan_of(PLAN_HEAD + "Goal 1: " + goal + "\n")
    [g] = plan.goals
    assert judged(g) == ("Goal 1: " + goal, measure, time_frame)


# a certification's plan of care: services go by a plan, or a physician established it;
# a care, service or treatment plan only mentioned states no plan of care (issue 12):
# (sentence, quote of the element or None)
@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("Care plan reviewed with client.", None),
        ("Client was given a copy of the care plan.", None),
        ("The service plan will be updated next week.", None),
        ("Client signed the service plan.", None),
        ("Nursing care plan initiated.", None),
        ("Treatment plan updated.", None),
        ("No plan of care on file.", None),
        ("If a plan of care is needed, the physician will write one.", None),
        (
            "Patient needs services under a plan of care established by the physician.",
            "Patient needs services under a plan of care established by the physician.",
        ),
        (
            "Continue IOP per the updated interdisciplinary treatment plan.",
            "Continue IOP per the updated interdisciplinary treatment plan.",
        ),
        (
            "Services are furnished under her service plan.",
            "Services are furnished under her service plan.",
        ),
        (
            "The care plan was established by the attending physician.",
            "The care plan was established by the attending physician.",
        ),
        (
            "Her individualized recovery plan was revised this week.",
            "Her individualized recovery plan was revised this week.",
        ),
    ],
)
def test_a_plan_of_care_is_services_going_by_a_plan(sentence: str, quote: str | None) -> None:
    text = RECERT_HEAD + sentence + "\n"
    [cert] = extract_certification(chart_doc(text, kind=DocumentKind.RECERTIFICATION))
    element = cert.element(CertificationElement.PLAN_OF_CARE)
    if quote is None:
        assert element is None
        return
    assert element is not None
    ev = element.evidence[0]
    assert (ev.start, ev.end, ev.quote) == (
        text.index(quote),
        text.index(quote) + len(quote),
        quote,
    )


# negation written after the element: not met, deferred (issue 12)
@pytest.mark.parametrize(
    ("sentence", "element"),
    [
        ("Diagnosis deferred.", CertificationElement.DIAGNOSIS),
        ("Medical necessity not met.", CertificationElement.CLINICAL_NEED),
    ],
)
def test_an_element_negated_after_it_is_not_stated(
    sentence: str, element: CertificationElement
) -> None:
    doc = chart_doc(RECERT_HEAD + sentence + "\n", kind=DocumentKind.RECERTIFICATION)
    [cert] = extract_certification(doc)
    assert cert.element(element) is None
