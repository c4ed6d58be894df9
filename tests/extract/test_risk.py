"""Risk assessments and danger statements (extract/deterministic/risk.py), with the exact
spans every fact was read from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.data import DocumentKind, Evidence
from core.errors import ExtractionError
from core.facts import DangerFinding, DangerKind, RiskAssessment
from extract.deterministic import risk
from extract.deterministic.common import DocInput
from extract.deterministic.risk import extract_risk
from tests.chartdocs import chart_doc

DATE = dt.date(2025, 3, 4)
SI = DangerKind.SUICIDAL_IDEATION_WITH_PLAN_OR_INTENT
HI = DangerKind.HOMICIDAL_IDEATION_WITH_PLAN_OR_INTENT
IMMINENT = DangerKind.IMMINENT_DANGER
NEEDS_24H = DangerKind.NEEDS_24H_SUPERVISION


def make_doc(*pages: str, kind: DocumentKind = DocumentKind.PROGRESS_NOTE) -> DocInput:
    """A document of ``pages`` dated ``DATE``."""
    return chart_doc(*pages, kind=kind, date=DATE)


def at(text: str, quote: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``quote`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def spans(evidence: tuple[Evidence, ...]) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.quote) for e in evidence]


def dangers(doc: DocInput) -> list[DangerFinding]:
    return [f for f in extract_risk(doc) if isinstance(f, DangerFinding)]


def assessments(doc: DocInput) -> list[RiskAssessment]:
    return [f for f in extract_risk(doc) if isinstance(f, RiskAssessment)]


# --------------------------------------------------------------------------- danger


@pytest.mark.parametrize(
    "text",
    [
        "Denies SI/HI, no plan or intent.",
        "no SI/HI",
        "SI: denies",
        "Suicidal ideation: none",
        "SI/HI: Denied. Plan/Intent: none.",
        "| SI with plan | No |",
        "Denies current SI; history of SI with plan in 2019.",
        "History of SI with plan in 2019.",
        "She endorsed SI with a plan to overdose in 2019.",
        "Prior attempt by overdose in 2019.",
        "If SI returns, call the crisis line.",
        "Passive SI without plan or intent.",
        "Endorses passive SI, denies plan or intent.",
        "Reports passive SI. Agrees with plan to continue IOP.",
        "Safety plan reviewed; reports passive SI.",
        "Suicidal ideation: passive\nPlan: continue IOP 3x/week.",
        "Patient denies SI with plan or intent.",
        "Did you make a plan to overdose?",
        "Imminent danger to self or others: [ ] Yes [X] No",
        "Imminent danger to self or others: Yes / No",
        "Member is not an imminent danger to self or others.",
        "No imminent risk to self.",
        "Does not require 24-hour supervision.",
        "Inpatient hospitalization is not indicated.",
        "No need for inpatient level of care.",
        "Educated on what to do if he needs inpatient care.",
        "Prior to admission she required inpatient hospitalization in 2024.",
        "SI: Yes, passive.\nPlan: No\nIntent: No",
        "Suicidal ideation: denies\nPlan: yes",
        "5. Active suicidal ideation with specific plan and intent: No",
        "A peer disclosed SI with plan to overdose; staff intervened.",
        "Group processed grief. Another member disclosed SI with a plan.",
        "After a two-week inpatient stay for SI with plan to overdose, she feels safer.",
        "She was hospitalized after reporting SI with a plan.",
        "PAST PSYCHIATRIC HISTORY: One attempt. SI with plan during last admission.\nMSE: calm",
        "Family history: Mother with SI with plan.",
        "Reports passive SI; she has a plan for the weekend with her sister.",
        "Reports passive SI; has a safety plan in place.",
        "Reports passive SI; has plans to visit her sister.",
        "Denies SI; has a plan to return to work.",
    ],
)
def test_no_danger_when_negated_hypothetical_historical_or_unanswered(text: str) -> None:
    assert dangers(make_doc(text)) == []


@pytest.mark.parametrize(
    ("text", "kind", "quotes"),
    [
        (
            "Endorses SI with plan to overdose on pills.",
            SI,
            ["SI with plan", "plan to overdose"],
        ),
        ("Reports SI with a plan to overdose.", SI, ["SI with a plan", "plan to overdose"]),
        ("Reports SI; endorses intent.", SI, ["SI", "endorses intent"]),
        ("Suicidal ideation: active, with plan.", SI, ["Suicidal ideation: active, with plan"]),
        ("SI with plan, no intent.", SI, ["SI with plan"]),
        ("Reports HI with plan to harm coworker.", HI, ["HI with plan"]),
        ("Member is an imminent danger to self.", IMMINENT, ["imminent danger to self"]),
        ("Requires 24-hour supervision.", NEEDS_24H, ["Requires 24-hour supervision"]),
        ("Member needs inpatient admission today.", NEEDS_24H, ["needs inpatient admission"]),
        (
            "She needs a higher level of care (inpatient).",
            NEEDS_24H,
            ["needs a higher level of care (inpatient"],
        ),
        ("Inpatient hospitalization is indicated.", NEEDS_24H, ["Inpatient hospitalization"]),
        ("Suicidal ideation: Yes\nPlan: Yes\nIntent: No", SI, ["Suicidal ideation", "Plan"]),
        ("Suicidal plan: yes", SI, ["Suicidal plan"]),
        (
            "4. Active suicidal ideation with some intent to act, without specific plan: Yes",
            SI,
            ["suicidal ideation with some intent"],
        ),
        (
            "She reports SI with plan to overdose on her mother's pills.",
            SI,
            ["SI with plan", "plan to overdose"],
        ),
        (
            "Client reported suicidal thoughts; she has a plan (overdose) and intent.",
            SI,
            ["suicidal thoughts", "has a plan"],
        ),
    ],
)
def test_current_affirmed_danger(text: str, kind: DangerKind, quotes: list[str]) -> None:
    doc = make_doc(text)
    [finding] = dangers(doc)
    assert finding.kind is kind
    assert finding.date == DATE
    assert finding.source.startswith("deterministic:risk.danger.")
    assert spans(finding.evidence) == [(*at(text, q), q) for q in quotes]


def test_one_finding_per_kind_with_every_mention() -> None:
    text = "Reports SI with plan to overdose.\nLater: endorses SI with plan again."
    [finding] = dangers(make_doc(text))
    assert spans(finding.evidence) == [
        (*at(text, "SI with plan"), "SI with plan"),
        (*at(text, "plan to overdose"), "plan to overdose"),
        (*at(text, "SI with plan", 1), "SI with plan"),
    ]


# --------------------------------------------------------------------------- assessments

CSSRS = """COLUMBIA-SUICIDE SEVERITY RATING SCALE (C-SSRS) - SCREEN VERSION
Patient: J. Doe    DOB: 04/12/1988
Date of Assessment: 03/05/2025

1. Wish to be dead: No
2. Non-specific active suicidal thoughts: No
6. Suicidal behavior: No

Risk Level: Low
Conclusion: Member is not an imminent danger to self or others and does not require 24-hour supervision.

Completed by: Jane Roe, LCSW
"""


def test_cssrs_document_with_a_conclusion() -> None:
    doc = make_doc(CSSRS, kind=DocumentKind.RISK_ASSESSMENT)
    [ra] = extract_risk(doc)
    assert isinstance(ra, RiskAssessment)
    assert ra.instrument == "C-SSRS"
    assert ra.imminent_danger is False
    assert ra.needs_24h_supervision is False
    assert ra.date == dt.date(2025, 3, 5)
    assert ra.source == "deterministic:risk.assessment.instrument"
    conclusion = (
        "Conclusion: Member is not an imminent danger to self or others and does not "
        "require 24-hour supervision."
    )
    title = "COLUMBIA-SUICIDE SEVERITY RATING SCALE"
    assert spans(ra.evidence) == [
        (*at(CSSRS, title), title),
        (*at(CSSRS, "Risk Level: Low"), "Risk Level: Low"),
        (*at(CSSRS, conclusion), conclusion),
    ]
    assert ra.assessor is not None
    assert ra.assessor.name == "Jane Roe"
    assert ra.assessor.credential == "LCSW"
    assert spans(ra.assessor.evidence) == [(*at(CSSRS, "Jane Roe, LCSW"), "Jane Roe, LCSW")]


def test_screening_line_in_a_progress_note_is_not_a_risk_assessment() -> None:
    text = (
        "GROUP PSYCHOTHERAPY NOTE\nMember actively participated in group. Denies SI/HI. "
        "Low risk.\nElectronically signed by Jane Roe, LCSW on 03/04/2025\n"
    )
    assert extract_risk(make_doc(text)) == []


def test_risk_assessment_section_of_a_progress_note_signed_by_its_author() -> None:
    text = (
        "GROUP PSYCHOTHERAPY NOTE\nData: Member discussed coping skills.\n"
        "Risk Assessment: Denies SI/HI, no plan or intent. Low risk; no imminent danger to "
        "self or others.\nPlan: Continue IOP.\n"
        "Electronically signed by Jane Roe, LCSW on 03/04/2025\n"
    )
    [ra] = assessments(make_doc(text))
    assert (ra.imminent_danger, ra.needs_24h_supervision, ra.instrument) == (False, None, None)
    assert ra.source == "deterministic:risk.assessment.section"
    assert spans(ra.evidence) == [
        (*at(text, "Risk Assessment"), "Risk Assessment"),
        (*at(text, "Low risk;"), "Low risk;"),
        (
            *at(text, "no imminent danger to self or others."),
            "no imminent danger to self or others.",
        ),
    ]
    assert ra.assessor is not None
    assert (ra.assessor.name, ra.assessor.credentials) == ("Jane Roe", ("LCSW",))
    assert ra.assessor.source == "deterministic:risk.assessor.signature"
    assert ra.date == DATE


def test_each_notes_risk_section_has_the_notes_date_of_service() -> None:
    """Several notes in one document, each with its risk section: each assessment is dated
    by its note, not by the document's first date."""
    note = (
        "DATE OF SERVICE: {d}    TIME: 3:30 PM - 5:30 PM\n"
        "SERVICE: Individual psychotherapy, in office\n"
        "B: Arrived on time. I: Exposure practice. R: Engaged. P: Goal 1.\n"
        "RISK ASSESSMENT (C-SSRS screen, since last visit): wish to be dead - no;\n"
        "suicidal thoughts - no; behavior - no. Denies self-harm and HI.\n"
        "Conclusion: low risk; no imminent danger to self or others.\n"
        "Hannah Oyelaran, LMFT  e-signed {d}\n"
    )
    text = "ADOLESCENT IOP PROGRESS NOTES\n" + "".join(
        note.format(d=d) for d in ("03/04/2025", "03/11/2025", "03/18/2025")
    )
    found = assessments(make_doc(text))
    assert [ra.date for ra in found] == [
        dt.date(2025, 3, 4),
        dt.date(2025, 3, 11),
        dt.date(2025, 3, 18),
    ]


def test_a_weekly_entry_signed_with_a_bare_name_and_credential() -> None:
    text = (
        "WEEKLY RISK ASSESSMENT\nClient: G. P.\n\n"
        "Date: 09/08/2025 (pre-group)\nSuicide: denies ideation, intent, plan.\n"
        "Conclusion: Low risk to self and others; no imminent danger.\nPriya Raman, LCSW\n\n"
        "Date: 09/15/2025 (pre-group)\nSuicide: denies SI. Violence: denies HI.\n"
        "Conclusion: Low risk to self and others; no imminent danger this week.\n"
        "Priya Raman, LCSW\n"
    )
    found = assessments(make_doc(text, kind=DocumentKind.RISK_ASSESSMENT))
    assert [ra.date for ra in found] == [dt.date(2025, 9, 8), dt.date(2025, 9, 15)]
    for ra, nth in zip(found, (0, 1), strict=True):
        assert ra.assessor is not None
        assert (ra.assessor.name, ra.assessor.credentials) == ("Priya Raman", ("LCSW",))
        assert ra.assessor.source == "deterministic:risk.assessor.signature-line"
        [where] = ra.assessor.evidence
        assert (where.start, where.end) == at(text, "Priya Raman, LCSW", nth)


@pytest.mark.parametrize(
    ("conclusion", "quoted"),
    [
        (
            "Assessment: no imminent danger to self or others and no need for 24-hour supervision.",
            [
                "Assessment: no imminent danger to self or others and no need for 24-hour "
                "supervision."
            ],
        ),
        (
            "Risk assessment result: no imminent danger to self or others; no need for 24-hour "
            "supervision.",
            [
                "Risk assessment result: no imminent danger to self or others;",
                "no need for 24-hour supervision.",
            ],
        ),
    ],
)
def test_a_labelled_conclusion_right_after_a_run_in_risk_heading_belongs_to_it(
    conclusion: str, quoted: list[str]
) -> None:
    text = (
        "INTAKE ASSESSMENT\n\n**Risk assessment.** No suicidal ideation, plan or intent, now "
        "or in the past; no\nhomicidal ideation; no access to firearms.\n"
        f"{conclusion}\n\n**Diagnosis.** F43.10\n"
    )
    [ra] = assessments(make_doc(text, kind=DocumentKind.INTAKE_EVALUATION))
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (False, False)
    assert [e.quote for e in ra.evidence] == ["Risk assessment", *quoted]


def test_entries_set_off_by_rules_of_equals_signs_are_one_assessment_each() -> None:
    text = (
        "WEEKLY SUICIDE/VIOLENCE RISK ASSESSMENT\nInstrument: C-SSRS Screen Version\n\n"
        "=== 03/10/2025 ===\nQ1 no. Q2 no. Q6 no. Denies HI.\n"
        "RISK ASSESSMENT CONCLUSION: low risk; no imminent danger to self or others.\n"
        "Assessed by: Lauren Mihalik, LCPC    03/10/2025\n\n"
        "=== 03/25/2025 ===\nQ1 no. Q2 no. Q6 no. Denies HI.\n"
        "RISK ASSESSMENT CONCLUSION: low risk, no imminent danger identified today.\n"
        "Assessed by: Tyler Brandt, CPRS (peer recovery specialist)    03/25/2025\n"
    )
    found = assessments(make_doc(text, kind=DocumentKind.RISK_ASSESSMENT))
    assert [(ra.date, ra.assessor and ra.assessor.credentials) for ra in found] == [
        (dt.date(2025, 3, 10), ("LCPC",)),
        (dt.date(2025, 3, 25), ("CPRS",)),
    ]


def test_risk_section_of_an_evaluation_ends_at_the_next_heading() -> None:
    text = (
        "PSYCHIATRIC EVALUATION\nHPI: Worsening depression.\nSUICIDE RISK ASSESSMENT\n"
        "Risk factors: recent loss, prior attempt 2019.\nProtective factors: family.\n"
        "Suicidal ideation: passive, no plan or intent.\n"
        "Risk formulation: low acute risk. Inpatient level of care is not indicated.\n"
        "MENTAL STATUS EXAM\nMood: Depressed.\n"
        "PLAN\nMember is not an imminent danger to self or others.\n"
    )
    [ra] = extract_risk(make_doc(text, kind=DocumentKind.INTAKE_EVALUATION))
    assert isinstance(ra, RiskAssessment)
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (False, False)  # "low acute risk"
    assert [e.quote for e in ra.evidence] == [
        "SUICIDE RISK ASSESSMENT",
        "Risk formulation: low acute risk.",
        "Inpatient level of care is not indicated.",
    ]
    assert ra.assessor is None


def test_a_risk_heading_without_a_conclusion_is_not_an_assessment() -> None:
    text = "RISK ASSESSMENT\nRisk factors: recent job loss.\nMENTAL STATUS EXAM\nLow risk.\n"
    assert extract_risk(make_doc(text, kind=DocumentKind.INTAKE_EVALUATION)) == []


def test_weekly_log_gives_one_assessment_per_heading_with_its_date_and_assessor() -> None:
    text = (
        "WEEKLY RISK ASSESSMENT LOG\n"
        "Weekly Risk Assessment - 03/03/2025\nSI/HI: denied. Risk level: low.\n"
        "Assessed by: Jane Roe, LCSW\n"
        "Weekly Risk Assessment - 03/10/2025\n"
        "Reports SI with plan to overdose. Risk level: high. Requires inpatient admission.\n"
        "Assessed by: Sam Poe, BA\n"
    )
    found = extract_risk(make_doc(text, kind=DocumentKind.RISK_ASSESSMENT))
    first, second = (f for f in found if isinstance(f, RiskAssessment))
    assert (first.date, second.date) == (dt.date(2025, 3, 3), dt.date(2025, 3, 10))
    assert first.assessor is not None and second.assessor is not None
    assert (first.assessor.credential, second.assessor.credential) == ("LCSW", "BA")
    assert (first.needs_24h_supervision, second.needs_24h_supervision) == (None, True)
    assert sorted(f.kind for f in found if isinstance(f, DangerFinding)) == sorted([SI, NEEDS_24H])


def test_affirmed_imminent_danger_in_a_section() -> None:
    text = "Safety Assessment:\nMember is an imminent danger to others. Risk level: high.\n"
    ra, danger = extract_risk(make_doc(text))
    assert isinstance(ra, RiskAssessment) and isinstance(danger, DangerFinding)
    assert ra.imminent_danger is True
    assert danger.kind is IMMINENT


def test_table_answer_and_section_across_pages() -> None:
    page1 = "INTAKE\nSuicide Risk Assessment\nSuicidal ideation: denies\n"
    page2 = "| Imminent danger to self or others | No |\n| Risk level | Low |\n"
    doc = make_doc(page1, page2, kind=DocumentKind.INTAKE_EVALUATION)
    [ra] = extract_risk(doc)
    assert isinstance(ra, RiskAssessment)
    assert ra.imminent_danger is False
    assert [(e.page, e.quote) for e in ra.evidence] == [
        (1, "Suicide Risk Assessment"),
        (2, "| Imminent danger to self or others | No |"),
        (2, "| Risk level | Low |"),
    ]


def test_screen_result_of_an_instrument_in_a_note_is_a_conclusion() -> None:
    text = "Progress note\nC-SSRS screen completed: negative.\nMember attended group.\n"
    [ra] = extract_risk(make_doc(text))
    assert isinstance(ra, RiskAssessment)
    assert (ra.instrument, ra.imminent_danger) == ("C-SSRS", None)
    assert [e.quote for e in ra.evidence] == ["C-SSRS", "C-SSRS screen completed: negative."]


def test_an_instrument_not_done_opens_no_section() -> None:
    text = "Progress note\nC-SSRS: not completed. Low risk.\n"
    assert extract_risk(make_doc(text)) == []


FORM = """COLUMBIA-SUICIDE SEVERITY RATING SCALE (C-SSRS) - RISK ASSESSMENT
Assessor: Anita Okafor, LCSW

SUICIDAL IDEATION (past month)
1. Wish to be dead ................................ YES
4. Active ideation with some intent to act ........ {item4}
5. Active ideation with specific plan and intent .. NO

PROTECTIVE FACTORS: daughter, faith.

CONCLUSION
Risk level: Low. No imminent danger to self or others.

MENTAL STATUS EXAM
Calm.
"""


def test_dotted_leader_form_in_an_unclassified_document() -> None:
    """An instrument's title line opens a section that runs past blank lines and its own
    subheadings; "...... NO" answers an item."""
    text = FORM.format(item4="NO")
    [ra] = extract_risk(make_doc(text, kind=DocumentKind.OTHER))
    assert isinstance(ra, RiskAssessment)
    assert (ra.instrument, ra.imminent_danger) == ("C-SSRS", False)
    assert [e.quote for e in ra.evidence] == [
        "COLUMBIA-SUICIDE SEVERITY RATING SCALE",
        "Risk level: Low.",
        "No imminent danger to self or others.",
    ]
    assert ra.assessor is not None and ra.assessor.credential == "LCSW"


def test_dotted_leader_yes_is_an_affirmed_item() -> None:
    text = FORM.format(item4="YES")
    [danger] = dangers(make_doc(text, kind=DocumentKind.OTHER))
    quote = "Active ideation with some intent"
    assert (danger.kind, spans(danger.evidence)) == (SI, [(*at(text, quote), quote)])


def test_a_risk_reassessment_note_is_a_risk_assessment() -> None:
    text = (
        "URGENT RISK REASSESSMENT\nPatient: D. V.    Date: 11/03/2025\n\n"
        "Denies HI, intent or plan. Denies SI.\n\n"
        "ASSESSMENT: Not an imminent danger to others or self. Does not require 24-hour\n"
        "supervision.\n"
    )
    [ra] = assessments(make_doc(text, kind=DocumentKind.OTHER))
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (False, False)
    assert [e.quote for e in ra.evidence] == [
        "URGENT RISK REASSESSMENT",
        "ASSESSMENT: Not an imminent danger to others or self.",
        "Does not require 24-hour\nsupervision.",
    ]


@pytest.mark.parametrize(
    ("answer", "imminent"),
    [
        # the box goes with the word on the side the row starts with
        ("Yes [x] No [ ]", True),
        ("Yes [ ] No [x]", False),
        ("[x] Yes [ ] No", True),
        ("[ ] Yes [x] No", False),
        ("\u2612 Yes \u2610 No", True),
        ("Yes \u2610 No \u2612", False),
        # both ticked is no answer of "no": the danger stands
        ("[x] Yes [x] No", True),
        # nothing ticked: the item is unanswered, the assessment states no conclusion
        ("[ ] Yes [ ] No", None),
    ],
)
def test_a_ticked_box_answers_with_the_option_beside_it(answer: str, imminent: bool | None) -> None:
    text = f"RISK ASSESSMENT\nAssessed by: Dana Reyes, LCSW\nImminent danger to self: {answer}\n"
    found = [f for f in extract_risk(make_doc(text, kind=DocumentKind.RISK_ASSESSMENT))]
    assessments = [f for f in found if isinstance(f, RiskAssessment)]
    got = assessments[0].imminent_danger if assessments else None
    assert got is imminent


# --------------------------------------------------------------------------- conclusions
# in clinicians' wording (issue 12): headings with a qualifier, a number or letter, a line
# of their own; a denied plan or intent; a question answered in its row; current columns
# beside lifetime ones


DISCHARGE_RISK = (
    "DISCHARGE SUMMARY\n"
    "Risk assessment at discharge:\n"
    "  Denies current suicidal or homicidal ideation, plan or intent; risk judged low.\n"
    "  Appropriate for outpatient care; no need for 24-hour supervision.\n"
    "\n"
    "Aftercare:\n"
    "  First appointment on 03/31/2026.\n"
)
PORTAL_RISK = (
    "[4] Standardized measures\n"
    "     PHQ-9 21 at admission.\n"
    "[5] Risk\n"
    "     Currently denies SI and HI, with no plan or intent. If suicidal ideation with\n"
    "     intent re-emerges, the team will arrange a PHP or inpatient evaluation.\n"
    "[6] Discharge plan\n"
    "     Step down to weekly outpatient therapy.\n"
)
LETTERED_RISK = (
    "E. STANDARDIZED MEASURES\n"
    "  PHQ-9 12\n"
    "\n"
    "F. RISK ASSESSMENT\n"
    "  No current SI or HI. History of suicide attempt by overdose in 2019. Member does not\n"
    "  require 24-hour supervision.\n"
    "\n"
    "G. PARTICIPATION\n"
    "  Attends 4 days a week.\n"
)
LETHALITY_SCREEN = (
    "LETHALITY / SAFETY SCREEN\n"
    "  History: attempted suicide by overdose in 2017, hospitalized 3 days. Today denies\n"
    "  current ideation, plan or intent. Dimension 3 risk does not require a higher level of\n"
    "  care.\n"
)
MED_SAFETY = (
    "PSYCHIATRIC MEDICATION FOLLOW-UP\n"
    "A: Partial response.\n"
    "Safety assessment:\n"
    "   No current suicidal or homicidal ideation; she can name three reasons for living. No\n"
    "   indication for a higher level of care or 24-hour supervision.\n"
    "P: Increase sertraline to 150 mg daily. If symptoms worsen, consider a step-up to PHP.\n"
)
ESCORTED = (
    "SUICIDE AND VIOLENCE RISK FORMULATION\n"
    "He reports a plan to overdose on a stockpile of pills and says he intends to do it this\n"
    "weekend. Formulation: acute risk HIGH. IOP is not safe at this time; he was escorted to the\n"
    "psychiatric emergency service for inpatient admission.\n"
)
# a Columbia protocol flowsheet: "Since last visit" is current, "Lifetime" is history
CSSRS_COLUMNS = (
    "COLUMBIA PROTOCOL - RISK ASSESSMENT FLOWSHEET\n"
    "\n"
    "Item                                              Since last visit  Lifetime\n"
    "Wish to be dead                                   Yes               Yes\n"
    "Non-specific active suicidal thoughts             {a}                Yes\n"
    "Active ideation with any method (no plan)         {a}                No\n"
    "Active ideation with some intent                  {a}                Yes\n"
    "Active ideation with specific plan and intent     {a}                Yes\n"
    "\n"
    "Formulation:\n"
    "  Overall acute risk {level}.\n"
)
GRID_QUESTION = (
    "C-SSRS SCREEN AND RISK FORMULATION\n"
    "+------------------------------------+----------------------------------+\n"
    "| Current Risk Level                 | High                             |\n"
    "| 24-Hour Supervision Needed?        | {a}                              |\n"
    "+------------------------------------+----------------------------------+\n"
)


@pytest.mark.parametrize(
    ("text", "kind", "imminent", "needs_24h", "quotes"),
    [
        # a heading qualified by when it was done
        (
            DISCHARGE_RISK,
            DocumentKind.DISCHARGE_SUMMARY,
            False,
            False,
            [
                "Risk assessment",
                "risk judged low.",
                "no need for 24-hour supervision.",
            ],
        ),
        # "[5] Risk" on a line of its own; the denied plan or intent concludes (the
        # conditional step-up after it concludes nothing)
        (
            PORTAL_RISK,
            DocumentKind.OTHER,
            False,
            None,
            ["Risk", "Currently denies SI and HI, with no plan or intent."],
        ),
        # a lettered heading; the past attempt is history
        (
            LETTERED_RISK,
            DocumentKind.OTHER,
            False,
            False,
            ["RISK ASSESSMENT", "Member does not\n  require 24-hour supervision."],
        ),
        (
            LETHALITY_SCREEN,
            DocumentKind.OTHER,
            False,
            False,
            [
                "LETHALITY / SAFETY SCREEN",
                "Dimension 3 risk does not require a higher level of\n  care.",
            ],
        ),
        (
            MED_SAFETY,
            DocumentKind.PROGRESS_NOTE,
            False,
            False,
            [
                "Safety assessment",
                "No\n   indication for a higher level of care or 24-hour supervision.",
            ],
        ),
        (
            ESCORTED,
            DocumentKind.INTAKE_EVALUATION,
            True,
            True,
            [
                "SUICIDE AND VIOLENCE RISK FORMULATION",
                "Formulation: acute risk HIGH.",
                "he was escorted to the\npsychiatric emergency service for inpatient admission.",
            ],
        ),
        # current "no" beside lifetime "yes": a moderate level concludes nothing, the
        # denied items do not override it
        (
            CSSRS_COLUMNS.format(a="No ", level="MODERATE"),
            DocumentKind.RISK_ASSESSMENT,
            None,
            None,
            ["COLUMBIA PROTOCOL", "Overall acute risk MODERATE."],
        ),
        (
            CSSRS_COLUMNS.format(a="No ", level="LOW"),
            DocumentKind.RISK_ASSESSMENT,
            False,
            None,
            ["COLUMBIA PROTOCOL", "Overall acute risk LOW."],
        ),
        (
            CSSRS_COLUMNS.format(a="Yes", level="HIGH"),
            DocumentKind.RISK_ASSESSMENT,
            True,
            None,
            ["COLUMBIA PROTOCOL", "Overall acute risk HIGH."],
        ),
        # a question answered in its row is a statement
        (
            GRID_QUESTION.format(a="Yes"),
            DocumentKind.RISK_ASSESSMENT,
            True,
            True,
            [
                "C-SSRS",
                "| Current Risk Level                 | High                             |",
                "| 24-Hour Supervision Needed?        | Yes                              |",
            ],
        ),
        (
            GRID_QUESTION.format(a="No "),
            DocumentKind.RISK_ASSESSMENT,
            True,
            False,
            [
                "C-SSRS",
                "| Current Risk Level                 | High                             |",
                "| 24-Hour Supervision Needed?        | No                               |",
            ],
        ),
    ],
)
def test_risk_conclusions_in_clinicians_wording(
    text: str,
    kind: DocumentKind,
    imminent: bool | None,
    needs_24h: bool | None,
    quotes: list[str],
) -> None:
    [ra] = assessments(make_doc(text, kind=kind))
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (imminent, needs_24h)
    assert spans(ra.evidence) == [(*at(text, q), q) for q in quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "no" in the current column: no danger, whatever the lifetime column says
        (CSSRS_COLUMNS.format(a="No ", level="MODERATE"), []),
        # "yes" in the current column: ideation with a plan and intent now
        (
            CSSRS_COLUMNS.format(a="Yes", level="HIGH"),
            [
                (
                    SI,
                    [
                        "Active ideation with some intent",
                        "Active ideation with specific plan",
                        "Active ideation with specific plan and intent",
                    ],
                )
            ],
        ),
        # a conditional plan or step-up is no danger and concludes nothing
        (PORTAL_RISK, []),
        (
            "Safety assessment:\n  Should a plan emerge, she will be transported to the ED "
            "for inpatient admission.\n",
            [],
        ),
    ],
)
def test_danger_read_with_its_rows_answers(
    text: str, expected: list[tuple[DangerKind, list[str]]]
) -> None:
    doc = make_doc(text, kind=DocumentKind.RISK_ASSESSMENT)
    got = [(d.kind, [e.quote for e in d.evidence]) for d in dangers(doc)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        # a screening line with a "Risk:" label in a progress note is no risk section
        "GROUP NOTE\nRisk: denies SI/HI, no plan or intent.\nSigned by Jane Roe, LCSW\n",
        # a denial outside any risk section concludes nothing
        "GROUP NOTE\nMember denies SI/HI, no plan or intent.\n",
        # a conditional: no plan stated, no conclusion
        "Safety assessment:\n  Should a plan emerge, she will call the crisis line.\n",
    ],
)
def test_no_risk_assessment_without_a_section_or_a_conclusion(text: str) -> None:
    assert assessments(make_doc(text)) == []


def test_a_stated_plan_in_the_section_outweighs_a_denied_one() -> None:
    text = (
        "RISK ASSESSMENT:\n"
        "  Denies intent to act today. Reports suicidal ideation with a plan to overdose.\n"
    )
    doc = make_doc(text, kind=DocumentKind.INTAKE_EVALUATION)
    assert [ra.imminent_danger for ra in assessments(doc)] == []
    assert [d.kind for d in dangers(doc)] == [SI]


@pytest.mark.parametrize(
    "drop",
    ["headings", "history_columns", "yes_answers"],
)
def test_risk_vocabulary_is_loaded_strictly(
    drop: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the key renamed: one field missing, one unknown
    text = risk.RISK_PATH.read_text(encoding="utf-8")
    assert f"\n{drop}:" in text
    bad = tmp_path / "risk.yaml"
    bad.write_text(text.replace(f"\n{drop}:", "\nunknown:"), encoding="utf-8")
    monkeypatch.setattr(risk, "RISK_PATH", bad)
    risk._config.cache_clear()
    try:
        with pytest.raises(ExtractionError):
            risk._config()
    finally:
        risk._config.cache_clear()


# --------------------------------------------------------------------------- C-SSRS items

# a C-SSRS screener as a grid with a column of item numbers before its questions, and the
# Columbia triage under it (the rows of a grid end without a stop: one "sentence" of words
# runs over them, so a row's own words must be read in its own cell)
_ITEMS = (
    "Wish to be dead",
    "Non-specific active suicidal thoughts",
    "Active suicidal ideation with any methods (not plan) without intent to act",
    "Active suicidal ideation with some intent to act, without specific plan",
    "Active suicidal ideation with specific plan and intent",
    "Suicidal behavior in the past 3 months",
)


def _screener(sep: str, number: str, answers: str, triage: str) -> str:
    """``answers``: one letter per item, Y or N."""
    width = max(len(q) for q in _ITEMS)
    rows = [
        sep.join([number.format(i + 1).ljust(4), q.ljust(width), "Yes" if a == "Y" else "No"])
        for i, (q, a) in enumerate(zip(_ITEMS, answers, strict=True))
    ]
    return (
        "C-SSRS SCREENER (SINCE LAST CONTACT)\n"
        "Patient: Ann Lee    Screen date: 01/21/2026\n\n"
        + sep.join(["#".ljust(4), "Question".ljust(width), "Answer"])
        + "\n"
        + "\n".join(rows)
        + f"\n\n{triage}\n\nScreened by Ruth Moss, LCSW, 01/21/2026\n"
    )


MODERATE = "Columbia triage: MODERATE RISK (item 3 endorsed)."
LOW = (
    "Columbia triage: LOW RISK - no ideation or behavior endorsed.\n"
    "Disposition: routine follow-up; no need for a higher level of care."
)
HIGH = "Columbia triage: HIGH RISK (items 4, 5 and 6 endorsed)."


@pytest.mark.parametrize(
    ("text", "imminent", "needs_24h", "conclusions", "danger"),
    [
        # items 1-3 endorsed, 4-5 answered no: a moderate level concludes nothing, and the
        # rows answered "No" are no danger (read as "Yes" when the number column hid the
        # question's cell)
        (_screener(" | ", "{}", "YYYNNN", MODERATE), None, None, [MODERATE], []),
        (_screener("\t", "Q{}", "YYYNNN", MODERATE), None, None, [MODERATE], []),
        (_screener("    ", "{}.", "YYYNNN", MODERATE), None, None, [MODERATE], []),
        # long questions overrun the header's columns: the line's own cells answer
        (_screener("    ", "{}", "YYYNNN", MODERATE), None, None, [MODERATE], []),
        # nothing endorsed: a low level (the items answered "No" are no danger)
        (
            _screener(" | ", "{}", "NNNNNN", LOW),
            False,
            None,
            ["Columbia triage: LOW RISK - no ideation or behavior endorsed."],
            [],
        ),
        # item 5 endorsed under item 3's "(not plan) without intent": the item's own words,
        # not those of the row above, give its polarity
        (
            _screener(" | ", "{}", "YYYNYN", HIGH),
            True,
            None,
            [HIGH],
            [
                "suicidal ideation with specific plan",
                "suicidal ideation with specific plan and intent",
            ],
        ),
    ],
)
def test_cssrs_items_answered_in_their_rows(
    text: str,
    imminent: bool | None,
    needs_24h: bool | None,
    conclusions: list[str],
    danger: list[str],
) -> None:
    doc = make_doc(text, kind=DocumentKind.RISK_ASSESSMENT)
    [ra] = assessments(doc)
    assert (ra.instrument, ra.imminent_danger, ra.needs_24h_supervision) == (
        "C-SSRS",
        imminent,
        needs_24h,
    )
    assert spans(ra.evidence) == [(*at(text, q), q) for q in ["C-SSRS", *conclusions]]
    item5 = text.index(_ITEMS[4])
    # "suicidal ideation with specific plan" and "... and intent" of item 5's row
    offsets = [(item5 + 7, item5 + 43), (item5 + 7, item5 + 54)][: len(danger)]
    expected = [(s, e, q) for (s, e), q in zip(offsets, danger, strict=True)]
    got = [(f.kind, spans(f.evidence)) for f in dangers(doc)]
    assert got == ([(SI, expected)] if danger else [])
