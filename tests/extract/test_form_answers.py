"""Answers read from the layout (issue 12): a question/answer report in two columns, a
question answered by check boxes, an empty box before an item, and what they state for risk
conclusions (extract/deterministic/risk.py), certification and continued-stay content
(plans.py, clinical.py) and authorization periods (authorizations.py). A "No" or an empty
box states the negation or nothing, never the element. Exact offsets throughout."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind, Evidence
from core.facts import (
    AuthorizationPeriod,
    Certification,
    ContinuedStay,
    DangerFinding,
    DangerKind,
    RiskAssessment,
)
from extract.deterministic.authorizations import extract_authorizations
from extract.deterministic.clinical import extract_continued_stay
from extract.deterministic.common import DocInput
from extract.deterministic.mentions import box_state, stated_by_layout, without_answers
from extract.deterministic.plans import extract_certification
from extract.deterministic.risk import extract_risk
from extract.values.dates import find_dates
from tests.chartdocs import chart_doc

D = dt.date
DATE = D(2025, 11, 24)


def make_doc(text: str, kind: DocumentKind) -> DocInput:
    return chart_doc(text, kind=kind, date=DATE)


def at(text: str, quote: str) -> tuple[int, int, str]:
    start = text.index(quote)
    return start, start + len(quote), quote


def spans(evidence: tuple[Evidence, ...]) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.quote) for e in evidence]


# --------------------------------------------------------------------------- the layout

ROWS = (
    "Question                                      Response\n"
    "-------------------------------------------------------\n"
    "Current suicidal ideation                     No\n"
    "Overall suicide risk level                    Low\n"
    "Client requires 24-hour supervision           No\n"
    "Client requires a minimum of 9 hours per      Yes\n"
    "week of IOP services\n"
    "Clinical justification                        Worse over the past month\n"
    "Services furnished under an individualized\n"
    "plan of care\n"
    "Certifying Practitioner                       LEE,ANN MD\n"
)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        pytest.param("[X] 1. Requires 9 hours per week", "Requires", True, id="ticked-before"),
        pytest.param("( ) 4. Services under a plan of care", "plan of care", False, id="empty"),
        pytest.param("|_| 4. Services under a plan of care", "plan of care", False, id="bar-box"),
        pytest.param("|X| 3. Clinical need for IOP", "Clinical need", True, id="bar-ticked"),
        pytest.param("Risk: (X) Low  ( ) Moderate  ( ) High", "Moderate", False, id="row-empty"),
        pytest.param("Risk: (X) Low  ( ) Moderate  ( ) High", "Low", True, id="row-ticked"),
        pytest.param("SI [ ]   HI [x]", "HI", True, id="boxes-after"),
        pytest.param("SI [ ]   HI [x]", "SI", False, id="boxes-after-empty"),
        pytest.param("Denies SI, no plan or intent.", "plan", None, id="no-box"),
        pytest.param(
            "Imminent danger: Yes [ ] No [x]", "Imminent", None, id="a-label-answered-by-its-row"
        ),
    ],
)
def test_the_box_that_goes_with_words(text: str, word: str, expected: bool | None) -> None:
    assert box_state(text, text.index(word)) is expected


@pytest.mark.parametrize(
    ("text", "word", "stated"),
    [
        pytest.param(ROWS, "24-hour supervision", False, id="column-answer-no"),
        pytest.param(ROWS, "minimum of 9 hours", True, id="column-answer-yes"),
        pytest.param(ROWS, "plan of care", False, id="column-question-unanswered"),
        pytest.param(ROWS, "Clinical justification", True, id="column-answer-text"),
        pytest.param(
            "Member requires 24-hour supervision?  ( ) Yes  (X) No\n",
            "24-hour supervision",
            False,
            id="question-answered-no-by-boxes",
        ),
        pytest.param(
            "Member requires 24-hour supervision?  (X) Yes  ( ) No\n",
            "24-hour supervision",
            True,
            id="question-answered-yes-by-boxes",
        ),
        pytest.param(
            "        ( ) 4. Services are furnished under a written plan of care.\n",
            "plan of care",
            False,
            id="after-an-empty-box",
        ),
        pytest.param(
            "        [X] 4. Services are furnished under a written plan of care.\n",
            "plan of care",
            True,
            id="after-a-ticked-box",
        ),
        pytest.param("Suicidal intent: unsure\n", "Suicidal intent", False, id="uncertain"),
        pytest.param(
            "Estimated discharge date: 08/15/2025\n",
            "discharge",
            True,
            id="a-date-is-no-answer-of-zero",
        ),
        pytest.param(
            "FAMILY / NATURAL SUPPORTS\nHusband invited to a family session.\n",
            "FAMILY",
            True,
            id="a-heading-is-no-unanswered-question",
        ),
    ],
)
def test_what_the_layout_lets_stand(text: str, word: str, stated: bool) -> None:
    start = text.index(word)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    # the sentence is the item's line (the question mark of an answered question included)
    assert stated_by_layout(text, (line_start, line_end), start) is stated


def test_answers_blanked_keep_offsets_and_join_a_wrapped_question() -> None:
    masked = without_answers(ROWS)
    assert len(masked) == len(ROWS)
    start, end, _ = at(ROWS, "Client requires a minimum of 9 hours per")
    assert masked[start:end] == ROWS[start:end]
    yes = ROWS.index("Yes\nweek")
    assert masked[yes : yes + 3] == "   "
    # a line of prose is untouched
    prose = "Plan: continue IOP.   Next visit 12/01/2025.\n"
    assert without_answers(prose) == prose


# --------------------------------------------------------------------------- risk

RISK_NO = (
    "Form Report: SUICIDE RISK ASSESSMENT (C-SSRS BASED)\n"
    "Assessment Date: 11/24/2025\n"
    "---------------------------------------------------------------------\n"
    "Question                                      Response\n"
    "---------------------------------------------------------------------\n"
    "Current suicidal ideation                     No\n"
    "Suicide plan                                  None\n"
    "Homicidal / violent ideation                  Denied\n"
    "Overall suicide risk level                    Low\n"
    "Client requires 24-hour supervision           No\n"
    "Assessed By                                   PEMBERTON,AARON LCSW\n"
)
RISK_YES = RISK_NO.replace(
    "Client requires 24-hour supervision           No",
    ("Client requires 24-hour supervision           Yes"),
).replace(
    "Overall suicide risk level                    Low",
    ("Overall suicide risk level                    High"),
)
RISK_BOXES = (
    "4. RISK ASSESSMENT\n"
    "   Suicidal ideation:  (X) None  ( ) Passive  ( ) Active w/ plan/intent\n"
    "   Current risk level: (X) Low  ( ) Moderate  ( ) High\n"
    "   Member requires 24-hour supervision?  ( ) Yes  (X) No\n"
)
RISK_RUN_IN = (
    "Risk Assessment:\n"
    "   Suicidal Ideation: Passive    Plan: No    Intent: No\n"
    "   Risk level assessed as low; he does not require a higher level of care.\n"
)
EXPECTED_RUN_IN = [
    at(RISK_RUN_IN, "Risk Assessment"),
    at(RISK_RUN_IN, "Risk level assessed as low;"),
    at(RISK_RUN_IN, "he does not require a higher level of care."),
]


def assessment(text: str, kind: DocumentKind) -> tuple[RiskAssessment, list[DangerFinding]]:
    found = extract_risk(make_doc(text, kind))
    [ra] = [f for f in found if isinstance(f, RiskAssessment)]
    return ra, [f for f in found if isinstance(f, DangerFinding)]


def test_a_report_answering_no_to_24_hour_supervision_concludes_no_danger() -> None:
    ra, dangers = assessment(RISK_NO, DocumentKind.RISK_ASSESSMENT)
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (False, False)
    assert dangers == []
    assert at(RISK_NO, "Client requires 24-hour supervision           No") in spans(ra.evidence)


def test_a_report_answering_yes_to_24_hour_supervision_concludes_danger() -> None:
    ra, dangers = assessment(RISK_YES, DocumentKind.RISK_ASSESSMENT)
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (True, True)
    [danger] = dangers
    assert danger.kind is DangerKind.NEEDS_24H_SUPERVISION
    assert spans(danger.evidence) == [at(RISK_YES, "requires 24-hour supervision")]


def test_a_form_with_check_boxes_reads_only_what_is_ticked() -> None:
    ra, dangers = assessment(RISK_BOXES, DocumentKind.OTHER)
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (False, False)
    assert dangers == []  # "( ) Active w/ plan/intent" is not ticked
    assert spans(ra.evidence) == [
        at(RISK_BOXES, "RISK ASSESSMENT"),
        at(RISK_BOXES, "Current risk level: (X) Low  ( ) Moderate  ( ) High"),
        at(RISK_BOXES, "Member requires 24-hour supervision?  ( ) Yes  (X) No"),
    ]


RISK_LEVEL_ROW = (
    "WEEKLY RISK ASSESSMENT (IOP)\n"
    "RISK LEVEL\n"
    "  [X] Low   [ ] Moderate   [ ] High\n"
    "  Needs 24-hr supervision / higher level of care:  [ ] Yes  [ ] No\n"
)


def test_a_row_of_level_boxes_under_a_risk_level_heading() -> None:
    ra, dangers = assessment(RISK_LEVEL_ROW, DocumentKind.RISK_ASSESSMENT)
    # the level ticked is low; the supervision item, with no box ticked, says nothing
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (False, None)
    assert dangers == []
    assert spans(ra.evidence) == [
        at(RISK_LEVEL_ROW, "WEEKLY RISK ASSESSMENT"),
        at(RISK_LEVEL_ROW, "[X] Low   [ ] Moderate   [ ] High"),
    ]


RISK_SCREEN = (
    "INTAKE / ASAM ASSESSMENT\n"
    "SUICIDE / VIOLENCE RISK SCREEN\n"
    "  History: suicide attempt by overdose in 2019; no attempts since.\n"
    "  Denies SI/HI, no plan or intent. Not in need of 24-hour supervision.\n"
    "\n"
    "DIAGNOSIS (DSM-5)\n"
)


def test_a_section_headed_as_a_risk_screen_concludes() -> None:
    ra, dangers = assessment(RISK_SCREEN, DocumentKind.INTAKE_EVALUATION)
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (False, False)
    assert dangers == []
    assert spans(ra.evidence) == [
        at(RISK_SCREEN, "SUICIDE / VIOLENCE RISK SCREEN"),
        at(RISK_SCREEN, "Not in need of 24-hour supervision."),
    ]


def test_no_higher_level_of_care_is_no_need_for_24_hour_supervision() -> None:
    ra, _ = assessment(RISK_RUN_IN, DocumentKind.PROGRESS_NOTE)
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (False, False)
    assert spans(ra.evidence) == EXPECTED_RUN_IN


# --------------------------------------------------------------------------- certification

FAX_CERT = (
    "PHYSICIAN CERTIFICATION FOR INTENSIVE OUTPATIENT SERVICES\n"
    "SECTION B - CERTIFICATION (check each item that applies)\n"
    "        |X| 1. The member requires IOP services of at least nine (9) hours per week.\n"
    "        |X| 2. Diagnosis (ICD-10): F33.2 Major depressive disorder\n"
    "        [ ] 6. Treatment goals / discharge criteria:\n"
    "        Still needs IOP structure - decompensated at last step-down\n"
    "        |_| 4. Services are furnished under an individualized written plan of care.\n"
)
QA_CERT = (
    "Form Report: IOP PHYSICIAN CERTIFICATION\n"
    "----------------------------------------------------------------------------\n"
    "Question                                      Response\n"
    "----------------------------------------------------------------------------\n"
    "Type of Certification                         Initial\n"
    "Primary Diagnosis (ICD-10-CM)                 F43.12 - PTSD, chronic\n"
    "Hours per week of active treatment            10\n"
    "medically necessary\n"
    "Client requires a minimum of 9 hours per      Yes\n"
    "week of IOP services\n"
    "Treatment goals / criteria for discharge      PHQ-9 below 10 and back at\n"
    "                                              work part time\n"
    "Services furnished under an individualized\n"
    "plan of care\n"
    "Certifying Practitioner                       LEE,ANN MD\n"
)
DISCHARGE_ROW = (
    "Treatment goals / criteria for discharge      PHQ-9 below 10 and back at\n"
    "                                              work part time"
)
DICTATED = (
    "RECERTIFICATION FOR CONTINUED INTENSIVE OUTPATIENT SERVICES\n"
    "Her response has been gradual; she uses the safety plan.\n"
    "However, she still describes low mood on most days.\n"
    "She continues to need the structure and intensity of the program.\n"
    "Goals toward discharge: return to work, PHQ-9 below 10.\n"
)


def certification(text: str, kind: DocumentKind) -> Certification:
    [cert] = extract_certification(make_doc(text, kind))
    return cert


def elements(cert: Certification) -> dict[str, list[tuple[int, int, str]]]:
    return {str(e.name): spans(e.evidence) for e in cert.elements}


def test_unticked_items_of_a_faxed_certification_are_not_stated() -> None:
    got = elements(certification(FAX_CERT, DocumentKind.CERTIFICATION))
    assert sorted(got) == ["diagnosis", "min_hours"]
    assert got["min_hours"] == [
        at(FAX_CERT, "The member requires IOP services of at least nine (9) hours per week.")
    ]


def test_a_question_answer_certification() -> None:
    cert = certification(QA_CERT, DocumentKind.CERTIFICATION)
    got = elements(cert)
    assert "plan_of_care" not in got  # its question has no answer
    assert got["discharge_goals"] == [at(QA_CERT, DISCHARGE_ROW)]
    assert cert.hours_per_week == 9.0
    assert got["min_hours"] == [
        at(QA_CERT, "Client requires a minimum of 9 hours per      Yes\nweek of IOP services")
    ]


def test_the_weekly_hours_as_a_field_value() -> None:
    text = QA_CERT.replace(
        "Client requires a minimum of 9 hours per      Yes\nweek of IOP services\n", ""
    )
    cert = certification(text, DocumentKind.CERTIFICATION)
    assert cert.hours_per_week == 10.0
    assert elements(cert)["min_hours"] == [
        at(text, "Hours per week of active treatment            10")
    ]


def test_the_goal_is_discharge() -> None:
    text = (
        "PHYSICIAN CERTIFICATION OF NEED FOR INTENSIVE OUTPATIENT SERVICES\n"
        "The goal is discharge to outpatient care once he has resumed work.\n"
    )
    got = elements(certification(text, DocumentKind.CERTIFICATION))
    assert got["discharge_goals"] == [
        at(text, "The goal is discharge to outpatient care once he has resumed work.")
    ]


def test_recertification_content_in_a_physicians_own_words() -> None:
    got = elements(certification(DICTATED, DocumentKind.RECERTIFICATION))
    assert got["response_to_treatment"] == [at(DICTATED, "Her response has been gradual;")]
    assert got["continuing_symptoms"] == [
        at(DICTATED, "However, she still describes low mood on most days.")
    ]
    assert got["clinical_need"] == [
        at(DICTATED, "She continues to need the structure and intensity of the program.")
    ]
    assert got["discharge_goals"] == [
        at(DICTATED, "Goals toward discharge: return to work, PHQ-9 below 10.")
    ]


# --------------------------------------------------------------------------- continued stay

CONTINUED = (
    "CONTINUED STAY REVIEW\n"
    "   Symptoms requiring continued IOP: Nightmares 4-5x/wk, hypervigilance, avoidance\n"
    "\n"
    "Less intensive services (weekly therapy and monthly medication checks) were in place "
    "before admission and did not prevent this decompensation.\n"
)


def test_continued_stay_in_a_form_and_a_review() -> None:
    found = extract_continued_stay(make_doc(CONTINUED, DocumentKind.OTHER))
    got = {str(f.element.value): spans(f.evidence) for f in found if isinstance(f, ContinuedStay)}
    assert got["continuing_symptoms"][0] == at(
        CONTINUED, "Symptoms requiring continued IOP: Nightmares 4-5x/wk, hypervigilance, avoidance"
    )
    assert got["less_intensive_insufficient"] == [
        at(
            CONTINUED,
            "Less intensive services (weekly therapy and monthly medication checks) were in "
            "place before admission and did not prevent this decompensation.",
        )
    ]


# --------------------------------------------------------------------------- authorizations


@pytest.mark.parametrize(
    ("text", "start", "end", "quotes"),
    [
        pytest.param(
            "AUTHORIZATION DETERMINATION\n\n"
            "Approved 8 visits of intensive outpatient treatment for dates of service 01-19-2026 -\n"
            "02-08-2026.\n",
            D(2026, 1, 19),
            D(2026, 2, 8),
            [
                "Approved 8 visits of intensive outpatient treatment for dates of service "
                "01-19-2026 -\n02-08-2026"
            ],
            id="wrapped-onto-the-next-line",
        ),
        pytest.param(
            "AUTHORIZATION DETERMINATION\n\n"
            "This authorization is valid for dates of service on or after December 1, 2025 and on\n"
            "or before December 30, 2025, up to 16 units.\n",
            D(2025, 12, 1),
            D(2025, 12, 30),
            [
                "authorization is valid for dates of service on or after December 1, 2025 and "
                "on\nor before December 30, 2025"
            ],
            id="on-or-after-on-or-before",
        ),
        pytest.param(
            "AUTHORIZATION DETERMINATION\n\n"
            "Number of days approved: 14\n"
            "Start date: 19JAN2026\n"
            "Length of stay approved through: 15FEB2026\n",
            D(2026, 1, 19),
            D(2026, 2, 15),
            ["Start date: 19JAN2026", "Length of stay approved through: 15FEB2026"],
            id="days-approved-through",
        ),
    ],
)
def test_authorization_periods_of_payer_letters(
    text: str, start: dt.date, end: dt.date, quotes: list[str]
) -> None:
    [period] = [
        f
        for f in extract_authorizations(make_doc(text, DocumentKind.OTHER))
        if isinstance(f, AuthorizationPeriod)
    ]
    assert (period.start, period.end) == (start, end)
    assert [e.quote for e in period.evidence] == quotes
    for e, quote in zip(period.evidence, quotes, strict=True):
        assert (e.start, e.end) == (text.index(quote), text.index(quote) + len(quote))


def test_a_requested_period_under_a_decision_line_is_not_approved() -> None:
    text = (
        "CONCURRENT REVIEW DETERMINATION\n"
        "DETERMINATION: APPROVED (10 of 14 requested days)\n"
        "Requested dates: 03/16/2026 - 04/05/2026\n"
        "Approved dates:  03/16/2026 - 03/30/2026\n"
    )
    periods = [
        (f.start, f.end)
        for f in extract_authorizations(make_doc(text, DocumentKind.OTHER))
        if isinstance(f, AuthorizationPeriod)
    ]
    assert periods == [(D(2026, 3, 16), D(2026, 3, 30))]


@pytest.mark.parametrize(
    ("text", "quote", "date"),
    [
        ("Start date: 19JAN2026", "19JAN2026", D(2026, 1, 19)),
        ("through 5Feb2026.", "5Feb2026", D(2026, 2, 5)),
    ],
)
def test_a_day_month_year_date_without_separators(text: str, quote: str, date: dt.date) -> None:
    [found] = find_dates(text)
    assert (found.start, found.end, found.date) == (*at(text, quote)[:2], date)
