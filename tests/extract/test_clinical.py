"""Clinical-state extraction (extract/deterministic/clinical.py, assessments.py and the
shared mentions.py): participation, acuity, discharge planning, continued stay,
physical exams and standardized assessments, with the exact spans they were read from;
the vocabulary loader; and a planted-span oracle over every clinical extractor."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from core.data import DocumentKind
from core.errors import ExtractionError
from core.facts import (
    AcuityKind,
    Assessment,
    AssessmentKind,
    ContinuedStayElement,
    DischargePlanningElement,
    ParticipationStatus,
    PhysicalExam,
)
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.assessments import extract_assessments
from extract.deterministic.clinical import (
    extract_acuity,
    extract_continued_stay,
    extract_discharge_planning,
    extract_participation,
)
from extract.deterministic.common import DocInput
from extract.deterministic.member import extract_member
from extract.deterministic.mentions import (
    CLINICAL_PATH,
    cues,
    find_mentions,
    rx,
    sentence_spans,
    vocabulary,
)
from extract.deterministic.risk import extract_risk
from tests.chartdocs import chart_doc

DATE = dt.date(2025, 3, 4)


def make_doc(*pages: str, kind: DocumentKind = DocumentKind.PROGRESS_NOTE) -> DocInput:
    """A document of ``pages`` dated ``DATE``."""
    return chart_doc(*pages, kind=kind, date=DATE)


def quoted(text: str, quote: str) -> tuple[int, int, str]:
    """(start, end, quote) of the only occurrence of ``quote`` in ``text``."""
    assert text.count(quote) == 1, quote
    start = text.index(quote)
    return start, start + len(quote), quote


def spans_of(fact: BaseModel) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.quote) for e in getattr(fact, "evidence", ())]


# --------------------------------------------------------------------------- participation


@pytest.mark.parametrize(
    ("text", "status", "quote"),
    [
        ("Member actively participated in group.", "participates", "actively participated"),
        ("Member participated minimally.", "participates", "participated minimally"),
        ("She engaged in group discussion.", "participates", "engaged in group"),
        ("Participation: Active", "participates", "Participation: Active"),
        ("Member refuses treatment.", "refuses", "refuses treatment"),
        (
            "Member declined to participate in programming.",
            "refuses",
            "declined to participate",
        ),
        (
            "Unable to participate due to cognitive impairment.",
            "cannot_participate",
            "Unable to participate due to cognitive impairment",
        ),
        (
            "Member is too psychotic to participate.",
            "cannot_participate",
            "too psychotic to participate",
        ),
        (
            "Member is unable to tolerate the intensity of the program.",
            "cannot_tolerate",
            "unable to tolerate the intensity",
        ),
    ],
)
def test_participation(text: str, status: str, quote: str) -> None:
    [fact] = extract_participation(make_doc(text))
    assert fact.status is ParticipationStatus(status)
    assert fact.date == DATE
    assert fact.source == f"deterministic:clinical.participation.{status}"
    assert spans_of(fact) == [quoted(text, quote)]


@pytest.mark.parametrize(
    "text",
    [
        "Member did not refuse treatment.",
        "Member is not participating.",
        "Member will participate in groups 3x/week.",
        "Unable to participate today due to a work shift.",
        "Goal 1: member will actively participate in 3 groups weekly.",
    ],
)
def test_no_participation_fact(text: str) -> None:
    assert extract_participation(make_doc(text)) == []


# statements in fields, answers, check boxes, ratings and more sentence wordings (issue 12,
# item 6): (text, status, quote) with the quote's exact offsets
_Q_AND_A = (
    "Group Topic                         Distress tolerance\n"
    "Client Response                     Minimal - quiet but attentive\n"
    "Note Status                         Final - signed\n"
)


@pytest.mark.parametrize(
    ("text", "status", "quote"),
    [
        pytest.param(
            "Participation: [x] Active [ ] Minimal [ ] Refused",
            "participates",
            "Participation: [x] Active",
            id="ticked-level",
        ),
        pytest.param(
            "Level of engagement: ( ) Active ( ) Minimal (X) Refused",
            "refuses",
            "Level of engagement: ( ) Active ( ) Minimal (X) Refused",
            id="ticked-refusal",
        ),
        pytest.param(
            _Q_AND_A,
            "participates",
            "Client Response                     Minimal",
            id="report-answer-in-a-column",
        ),
        pytest.param("Engagement: 4/5", "participates", "Engagement: 4/5", id="rating"),
        pytest.param("| Engagement | Good |", "participates", "Engagement | Good", id="table-row"),
        pytest.param(
            "Participation: Declined", "refuses", "Participation: Declined", id="declined-level"
        ),
        pytest.param(
            "Client arrived sedated and nodding off, pinpoint pupils; unable to participate.",
            "cannot_participate",
            "unable to participate",
            id="reason-in-the-clause-before",
        ),
        pytest.param(
            "Unable - client disorganized and responding to internal stimuli, could not engage",
            "cannot_participate",
            "Unable",
            id="unable-with-its-reason-after",
        ),
        pytest.param(
            "Client was too sedated after a medication change to take part in group.",
            "cannot_participate",
            "too sedated after a medication change to take part",
            id="too-sedated-to-take-part",
        ),
        pytest.param(
            "Client slept through group.", "cannot_participate", "slept through group", id="slept"
        ),
        pytest.param(
            "Client became overwhelmed 45 minutes into group and left.",
            "cannot_tolerate",
            "overwhelmed 45 minutes into group and left",
            id="overwhelmed-and-left",
        ),
        pytest.param(
            "Could not tolerate the full 3-hr day (panic, left early).",
            "cannot_tolerate",
            "Could not tolerate the full 3-hr day",
            id="could-not-tolerate-the-day",
        ),
        pytest.param(
            "She said the length of group was too much to tolerate.",
            "cannot_tolerate",
            "length of group was too much",
            id="too-much",
        ),
        pytest.param("Client refused group.", "refuses", "refused group", id="refused-group"),
        pytest.param(
            "Client declined to join group, stayed in lobby.",
            "refuses",
            "declined to join group",
            id="declined-to-join",
        ),
        pytest.param(
            "Improved engagement this week.", "participates", "Improved engagement", id="improved"
        ),
        pytest.param(
            "Client was actively engaged.", "participates", "was actively engaged", id="engaged"
        ),
    ],
)
def test_participation_in_fields_answers_and_more_wordings(
    text: str, status: str, quote: str
) -> None:
    [fact] = extract_participation(make_doc(text))
    assert (fact.status.value, fact.date) == (status, DATE)
    assert spans_of(fact)[0] == quoted(text, quote)


@pytest.mark.parametrize(
    "text",
    [
        "No participation issues noted.",
        "Participation was not assessed.",
        "Participation: not assessed",
        "Participation: poor",  # does not say whether the member took part
        "Participation: [ ] Active [ ] Minimal [ ] Refused",  # nothing ticked
        "Client Response: Minimal improvement in mood",  # a level word that rates nothing
        "Engagement: 1/5",  # a scale's lowest point may mean none
        "Goal 2: Client will participate in 3 groups weekly.",
        "Objective 1: Client actively participates in 3 groups weekly by 12/01/2025.",
        "History: refused IOP in 2019.",
        "PAST PSYCHIATRIC HISTORY\nRefused treatment and left AMA.\n",
        "Unable to participate today; her ride did not come.",  # no cognitive reason
        "She was not confused; unable to participate today due to work.",  # reason negated
        "Client left early.",  # why is not said
        "Client declined to share in group.",  # present and quiet: not a refusal of treatment
        "Her mother felt overwhelmed and left the house.",
    ],
)
def test_no_participation_state_in_these(text: str) -> None:
    assert extract_participation(make_doc(text)) == []


def test_participation_and_refusal_in_one_note_are_separate_facts() -> None:
    text = "Member refused to attend the morning group. She participated actively in the afternoon."
    facts = {f.status: spans_of(f) for f in extract_participation(make_doc(text))}
    assert facts == {
        ParticipationStatus.REFUSES: [quoted(text, "refused to attend")],
        ParticipationStatus.PARTICIPATES: [quoted(text, "participated actively")],
    }


def test_participation_in_a_file_of_notes_is_dated_by_its_note() -> None:
    text = (
        "Date: 04/07/2025\nMember refused to attend group.\n\n"
        "04/09/2025 - Process group\nMember refused to attend group.\n\n"
        "Date of service: 04/14/2025\nHe participated actively and shared.\n"
    )
    facts = extract_participation(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE, date=None))
    assert [(f.status.value, f.date, spans_of(f)) for f in facts] == [
        (
            "refuses",
            dt.date(2025, 4, 7),
            [(text.index("refused"), text.index("refused") + 17, "refused to attend")],
        ),
        (
            "refuses",
            dt.date(2025, 4, 9),
            [(text.rindex("refused"), text.rindex("refused") + 17, "refused to attend")],
        ),
        ("participates", dt.date(2025, 4, 14), [quoted(text, "participated actively")]),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "On 12/02/2025 member left group after 45 minutes, reporting he could not "
            "tolerate the 3-hour format. With a break plan he participated actively on "
            "12/08/2025.",
            [("cannot_tolerate", "2025-12-02"), ("participates", "2025-12-08")],
            id="dates-in-the-statement",
        ),
        pytest.param(
            "Client refused groups on 11/24/2025; has participated actively since 11/26/2025.",
            [("refuses", "2025-11-24"), ("participates", "2025-11-26")],
            id="since-when-the-statement-holds",
        ),
        pytest.param(
            "Client refused groups on 11/24/2025; participated actively again on 11/26/2025.",
            [("refuses", "2025-11-24"), ("participates", "2025-11-26")],
            id="one-date-per-clause",
        ),
        pytest.param(
            "Date        Service               Participation\n"
            "----------  --------------------  ------------------------------\n"
            "10/20/2025  Group - DBT Skills    Left early - could not tolerate group intensity\n"
            "10/22/2025  Group - DBT Skills    Participated full session with break plan\n",
            [("cannot_tolerate", "2025-10-20"), ("participates", "2025-10-22")],
            id="rows-of-a-table-are-separate-statements",
        ),
        pytest.param(
            "Team note: on 10/15 he was unable to participate in group; he was confused.",
            [("cannot_participate", "2025-10-15")],
            id="a-date-without-its-year-after-on",
        ),
        pytest.param(
            "DISCHARGE SUMMARY\nDate: 04/23/2025\n\nCourse: Attended all groups in week 1 and "
            "participated. Team review 04/22/2025: the patient refuses to participate.\n",
            [("participates", "2025-04-22"), ("refuses", "2025-04-22")],
            id="an-undated-statement-comes-before-the-dated-ones-written-after-it",
        ),
    ],
)
def test_participation_is_dated_by_its_own_words(
    text: str, expected: list[tuple[str, str]]
) -> None:
    # the document's own date is its latest (a summary written after what it tells)
    written = max(dt.date.fromisoformat(d) for _, d in expected) + dt.timedelta(days=1)
    facts = extract_participation(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE, date=written))
    assert [(f.status.value, str(f.date)) for f in facts] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Member refused to attend group, stating she has been sober since 02/01/2025.",
        "Member refused to attend group; next group is scheduled for 03/20/2025.",
        "Member (DOB 01/02/1980) refused to attend group.",
        "Member refused to attend group on 04/01/2025.",  # after the note's own date
    ],
)
def test_a_date_that_is_not_when_the_statement_happened_does_not_date_it(text: str) -> None:
    [fact] = extract_participation(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE, date=DATE))
    assert fact.date == DATE


# participation in the member's own acts (issue 12, item 6): (text, status, quote); the
# quote's exact offsets are checked
@pytest.mark.parametrize(
    ("text", "status", "quote"),
    [
        (
            "Took an active part in the exercises before leaving.",
            "participates",
            "Took an active part in the exercises",
        ),
        (
            "On the last day she took part fully and presented her plan.",
            "participates",
            "took part fully",
        ),
        (
            "Contributed throughout and practiced the skill with a partner.",
            "participates",
            "Contributed throughout",
        ),
        ("Noticeably more engaged than the week before.", "participates", "more engaged"),
        (
            "She declined to share personal material but gave one peer supportive feedback.",
            "participates",
            "gave one peer supportive feedback",
        ),
        ("He shared about his week.", "participates", "shared about"),
        ("Volunteered first at check-in.", "participates", "Volunteered first"),
        ("Refused to go into group; sat in the lobby.", "refuses", "Refused to go into group"),
        ("Would not join the role play despite encouragement.", "refuses", "Would not join"),
        (
            "She declined to share and would not complete the worksheet.",
            "refuses",
            "would not complete the worksheet",
        ),
        (
            "Head down on the table, declining every invitation to take part.",
            "refuses",
            "declining every invitation to take part",
        ),
        ("Walked out before check-in.", "refuses", "Walked out before check-in"),
        ("Told staff she is done with groups.", "refuses", "is done with groups"),
        (
            "She was too drowsy after a medication change to follow the discussion.",
            "cannot_participate",
            "too drowsy after a medication change to follow the discussion",
        ),
        (
            "Left early, saying she could not handle sitting in group that long.",
            "cannot_tolerate",
            "could not handle sitting in group",
        ),
        (
            "Then left; the three-hour format is more than she can stand right now.",
            "cannot_tolerate",
            "format is more than she can stand",
        ),
        (
            "The 3-hour day was too much for her; she left at the break.",
            "cannot_tolerate",
            "day was too much for her",
        ),
    ],
)
def test_participation_in_the_members_own_acts(text: str, status: str, quote: str) -> None:
    [fact] = extract_participation(make_doc(text))
    assert (fact.status.value, fact.date) == (status, DATE)
    assert spans_of(fact) == [quoted(text, quote)]


@pytest.mark.parametrize(
    "text",
    [
        "Goal 2: Client will take an active part in 3 groups weekly.",  # a goal
        "If she would not join group, staff will call her case manager.",  # hypothetical
        "She did not take an active part in group today.",  # negated
        "Therapist provided feedback to the group and led a grounding exercise.",  # staff
        "She volunteers at the food bank on weekends.",  # not the program
        "History: walked out before group and refused treatment in 2019.",  # history
        "She is not done with groups yet.",  # negated
        "The schedule is too much for her mother to manage.",  # someone else
        "Client declined to share in group.",  # present and quiet
    ],
)
def test_no_participation_in_these_acts(text: str) -> None:
    assert extract_participation(make_doc(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Return to use reported 02/20/2025. After the lapse she declined to join group on\n"
            "  02/20/2025 and on 02/22/2025, saying she was done.\n",
            [("refuses", "2025-02-20"), ("refuses", "2025-02-22")],
            id="a-line-wrapped-before-its-date-and-two-days-joined-by-and",
        ),
        pytest.param(
            "Engagement in treatment, by week\n"
            "  Wk 1 (week of 02/03/2025): Good engagement - asked questions.\n"
            "  Wk 2 (week of 02/10/2025): Slept through most of group; she was\n"
            "       too drowsy after a dose increase to take part.\n"
            "  Addendum 02/20/2025: Refused to go into group.\n",
            [
                ("participates", "2025-02-03"),
                ("cannot_participate", "2025-02-10"),
                ("refuses", "2025-02-20"),
            ],
            id="entries-of-weeks-and-an-addendum",
        ),
        pytest.param(
            "Member refused to attend group on\n03/01/2025; next group is on 03/03/2025.\n",
            [("refuses", "2025-03-01")],
            id="a-date-of-the-next-clause-does-not-date-it",
        ),
    ],
)
def test_participation_dates_across_wrapped_lines_and_entries(
    text: str, expected: list[tuple[str, str]]
) -> None:
    facts = extract_participation(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE, date=DATE))
    assert [(f.status.value, str(f.date)) for f in facts] == expected


# --------------------------------------------------------------------------- acuity


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        ("Acute exacerbation of depressive symptoms.", "decompensation", "Acute exacerbation"),
        ("Member decompensated last week.", "decompensation", "decompensated"),
        (
            "Depression worsening over the past 3 weeks.",
            "decompensation",
            "worsening over the past 3 weeks",
        ),
        (
            "Recent hospitalization at St. Mary's 2/1-2/10.",
            "decompensation",
            "Recent hospitalization",
        ),
        ("Sudden onset of panic attacks.", "acute_onset", "Sudden onset"),
        ("She is in an acute depressive episode.", "acute_onset", "acute depressive episode"),
        (
            "Over the same period her depression has acutely worsened.",
            "decompensation",
            "depression has acutely worsened",
        ),
        ("Condition is chronic and stable.", "chronic_stable", "chronic and stable"),
        (
            "Symptoms are stable without acute exacerbation.",
            "chronic_stable",
            "stable without acute exacerbation",
        ),
        (
            "Psychiatric condition is stable.",
            "psychiatrically_stable",
            "Psychiatric condition is stable",
        ),
        ("Member is psychiatrically stable.", "psychiatrically_stable", "psychiatrically stable"),
        (
            "Increased depressive symptoms over the past 2 weeks.",
            "decompensation",
            "Increased depressive symptoms",
        ),
        ("Increasing anxiety since her divorce.", "decompensation", "Increasing anxiety"),
        (
            "Her condition is chronic with no recent exacerbation.",
            "chronic_stable",
            "chronic with no recent exacerbation",
        ),
    ],
)
def test_acuity_states(text: str, kind: str, quote: str) -> None:
    [fact] = extract_acuity(make_doc(text))
    assert fact.kind is AcuityKind(kind)
    assert fact.domains == ()
    assert spans_of(fact) == [quoted(text, quote)]


@pytest.mark.parametrize(
    "text",
    [
        "Member is no longer stable.",
        "Member is not psychiatrically stable.",
        "Condition is not chronic and stable.",
        "History of decompensation in 2019.",
        "Member decompensated in 2018 after her divorce.",
        "No recent hospitalization.",
        "Goal: remain psychiatrically stable until discharge.",
        "Continue IOP to prevent decompensation.",
        "Denies conflict at home.",
        "Mild impairment in social functioning.",
        "Lost his job 3 years ago.",
        "No increased anxiety this week.",
        "Sertraline increased from 100 mg to 150 mg daily.",
        "PAST PSYCHIATRIC HISTORY:\nDecompensated after a job loss; unable to work for a year.",
    ],
)
def test_no_acuity_when_negated_hypothetical_or_historical(text: str) -> None:
    assert extract_acuity(make_doc(text)) == []


@pytest.mark.parametrize(
    ("text", "domains", "quotes"),
    [
        (
            "Member is unable to work and has missed school.",
            ("vocational", "educational"),
            ["unable to work", "missed school"],
        ),
        (
            "Isolating from friends; conflict at home; neglecting hygiene.",
            ("social", "family", "self_care"),
            ["Isolating from friends", "conflict at home", "neglecting hygiene"],
        ),
        (
            "Symptoms severely interfere with social, occupational and family functioning.",
            ("social", "vocational", "family"),
            ["severely interfere with social, occupational and family"],
        ),
        (
            "Over the past month she has missed work 4 times.",
            ("vocational",),
            ["missed work"],
        ),
        (
            "Symptoms have significantly impaired her ability to work and to care for herself.",
            ("vocational", "self_care"),
            ["significantly impaired her ability to work and to care for herself"],
        ),
    ],
)
def test_severe_impairment_domains(text: str, domains: tuple[str, ...], quotes: list[str]) -> None:
    [fact] = extract_acuity(make_doc(text))
    assert fact.kind is AcuityKind.SEVERE_IMPAIRMENT
    assert fact.domains == domains
    assert fact.source == "deterministic:clinical.acuity.severe_impairment"
    assert spans_of(fact) == [quoted(text, q) for q in quotes]


def test_severe_impairment_collects_domains_across_sentences() -> None:
    text = "HPI: Acute exacerbation of MDD.\nShe stopped seeing friends. She missed work twice."
    facts = {f.kind: f for f in extract_acuity(make_doc(text, kind=DocumentKind.INTAKE_EVALUATION))}
    assert set(facts) == {AcuityKind.DECOMPENSATION, AcuityKind.SEVERE_IMPAIRMENT}
    severe = facts[AcuityKind.SEVERE_IMPAIRMENT]
    assert severe.domains == ("social", "vocational")
    assert spans_of(severe) == [
        quoted(text, "stopped seeing friends"),
        quoted(text, "missed work"),
    ]


# --------------------------------------------------------------------------- discharge


@pytest.mark.parametrize(
    ("text", "element", "quote"),
    [
        (
            "Discharge criteria: PHQ-9 below 10 for 2 weeks.",
            "criteria",
            "Discharge criteria",
        ),
        (
            "Plan to step down to standard outpatient when goals are met.",
            "step_down",
            "step down to standard outpatient",
        ),
        ("Will transition to OP therapy.", "step_down", "transition to OP"),
        ("Referred to NAMI support group.", "community_linkage", "Referred to NAMI"),
        (
            "Linkage with community mental health center.",
            "community_linkage",
            "Linkage with community mental health center",
        ),
        (
            "Follow-up appointment with psychiatrist scheduled for 04/02/2025.",
            "community_linkage",
            "Follow-up appointment with psychiatrist scheduled",
        ),
        (
            "- Linkage: VA outpatient clinic intake 03/20/2025; AA home group.",
            "community_linkage",
            "Linkage: VA outpatient clinic intake 03/20/2025",
        ),
        ("**Aftercare / step-down:**", "step_down", "step-down:"),
        (
            "Goals toward discharge: PHQ-9 9 or below; 2 volunteer shifts per week.",
            "criteria",
            "Goals toward discharge:",
        ),
        (
            "Then transition to monthly outpatient medication management.",
            "step_down",
            "transition to monthly outpatient",
        ),
    ],
)
def test_discharge_planning(text: str, element: str, quote: str) -> None:
    [fact] = extract_discharge_planning(make_doc(text, kind=DocumentKind.TREATMENT_PLAN))
    assert fact.element is DischargePlanningElement(element)
    assert spans_of(fact) == [quoted(text, quote)]


@pytest.mark.parametrize(
    "text",
    [
        "Member was referred to IOP by her psychiatrist.",
        "Referrals: none.",
        "No discharge criteria established.",
        "Member cannot be safely treated at a lower level of care.",
        "Previously stepped down to outpatient in 2021.",
        "Step-down to routine outpatient at this time would likely result in hospitalization.",
    ],
)
def test_no_discharge_planning(text: str) -> None:
    assert extract_discharge_planning(make_doc(text)) == []


# --------------------------------------------------------------------------- continued stay


@pytest.mark.parametrize(
    ("text", "element"),
    [
        ("Member continues to experience severe depressive symptoms.", "continuing_symptoms"),
        ("Symptoms persist and require intensive treatment.", "continuing_symptoms"),
        ("Less intensive care would not prevent relapse.", "less_intensive_insufficient"),
        (
            "Step-down at this time would likely result in hospitalization.",
            "less_intensive_insufficient",
        ),
        (
            "Outpatient services alone are insufficient to prevent relapse.",
            "less_intensive_insufficient",
        ),
        (
            "Member cannot be safely managed at a lower level of care.",
            "less_intensive_insufficient",
        ),
        (
            "She continues to have nightmares four to five nights a week.",
            "continuing_symptoms",
        ),
        ("Cravings continue, rated 7/10 most evenings.", "continuing_symptoms"),
    ],
)
def test_continued_stay_quotes_the_sentence(text: str, element: str) -> None:
    [fact] = extract_continued_stay(make_doc(text, kind=DocumentKind.RECERTIFICATION))
    assert fact.element is ContinuedStayElement(element)
    assert spans_of(fact) == [quoted(text, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Continues to report mild anxiety.",
        "Continues to report mild anxiety; rated 3/10 on some days.",
        "Member continues to report significant improvement in mood.",
        "Member no longer continues to experience severe symptoms.",
        "Outpatient care would be sufficient.",
    ],
)
def test_no_continued_stay(text: str) -> None:
    assert extract_continued_stay(make_doc(text)) == []


# continued stay in a recertification's or a review's own words (issue 12, item 5): the
# first sentence of each element is quoted whole, exact offsets checked
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Stepping her down to weekly therapy now would, in my judgment, undo these gains "
            "and lead\nto a readmission; a less intensive level of care would not hold her.",
            [
                (
                    "less_intensive_insufficient",
                    "Stepping her down to weekly therapy now would, in "
                    "my judgment, undo these gains and lead\nto a readmission;",
                )
            ],
            id="stepping-her-down-would-lead-to-readmission",
        ),
        pytest.param(
            "A less intensive level of care would not hold her.",
            [("less_intensive_insufficient", "A less intensive level of care would not hold her.")],
            id="would-not-hold-her",
        ),
        pytest.param(
            "The team expects decompensation; a lower level is not sufficient at present.",
            [("less_intensive_insufficient", "a lower level is not sufficient at present.")],
            id="a-lower-level-is-not-sufficient",
        ),
        pytest.param(
            "Without the IOP structure the team expects rapid decompensation.",
            [
                (
                    "less_intensive_insufficient",
                    "Without the IOP structure the team expects rapid decompensation.",
                )
            ],
            id="without-the-iop",
        ),
        pytest.param(
            "I do not believe ordinary outpatient care would keep her out of the hospital.",
            [
                (
                    "less_intensive_insufficient",
                    "I do not believe ordinary outpatient care would keep her out of the hospital.",
                )
            ],
            id="do-not-believe-outpatient-would-keep-her-out",
        ),
        pytest.param(
            "Nightmares still 4-5 nights a week; startles when reminded.",
            [("continuing_symptoms", "Nightmares still 4-5 nights a week;")],
            id="nightmares-still-nights-a-week",
        ),
        pytest.param(
            "Still tearful daily; has not resumed work; hopelessness persists.",
            [("continuing_symptoms", "Still tearful daily;")],
            id="still-tearful-daily",
        ),
        pytest.param(
            "She still spends several hours a day worrying and has two or three panic episodes "
            "a week.",
            [
                (
                    "continuing_symptoms",
                    "She still spends several hours a day worrying and has two "
                    "or three panic episodes a week.",
                )
            ],
            id="still-spends-hours-a-day",
        ),
        pytest.param(
            "The member still has nightmares and cannot manage a full work day.",
            [
                (
                    "continuing_symptoms",
                    "The member still has nightmares and cannot manage a full work day.",
                )
            ],
            id="still-has-and-cannot-manage",
        ),
        pytest.param(
            "She continues to need IOP because the symptoms in section C persist.",
            [
                (
                    "continuing_symptoms",
                    "She continues to need IOP because the symptoms in section C persist.",
                )
            ],
            id="the-symptoms-in-a-section-persist",
        ),
    ],
)
def test_continued_stay_in_clinicians_words(text: str, expected: list[tuple[str, str]]) -> None:
    facts = extract_continued_stay(make_doc(text, kind=DocumentKind.RECERTIFICATION))
    assert [(f.element.value, f.evidence[0].start, f.evidence[0].quote) for f in facts] == [
        (element, text.index(quote), quote) for element, quote in expected
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Nightmares are still decreasing, now once a week.",
        "No symptoms requiring IOP-level care remain.",
        "Member could likely be maintained at a lower level of care.",
        "If she is stepped down, a lower level would be sufficient.",  # hypothetical
        "Why is a lower level of care not sufficient?",  # a form's question
        "In 2019 she still had nightmares every night.",  # history
        "She attends 3 groups a week and still has a job.",
        "Standard outpatient care would be sufficient now; she is ready to step down.",
        "I believe ordinary outpatient care would keep her out of the hospital now.",
    ],
)
def test_no_continued_stay_in_these(text: str) -> None:
    assert extract_continued_stay(make_doc(text, kind=DocumentKind.RECERTIFICATION)) == []


def test_continuing_symptoms_serious_in_the_next_clause_of_the_sentence() -> None:
    text = "Continues to report depressed mood and anhedonia; unable to resume part-time job."
    [fact] = extract_continued_stay(make_doc(text, kind=DocumentKind.RECERTIFICATION))
    assert fact.element is ContinuedStayElement.CONTINUING_SYMPTOMS
    assert spans_of(fact) == [quoted(text, "Continues to report depressed mood and anhedonia;")]


# --------------------------------------------------------------------------- assessments


def test_physical_exam_document() -> None:
    text = (
        "HISTORY AND PHYSICAL\nVitals: BP 120/80.\nGeneral: no acute distress.\n"
        "Electronically signed by Ann Lee, NP on 02/28/2025\n"
    )
    [exam] = extract_assessments(make_doc(text, kind=DocumentKind.PHYSICAL_EXAM))
    assert isinstance(exam, PhysicalExam)
    assert exam.date == DATE
    assert spans_of(exam) == [quoted(text, "HISTORY AND PHYSICAL")]
    assert exam.examiner is not None
    assert (exam.examiner.name, exam.examiner.credential) == ("Ann Lee", "NP")


@pytest.mark.parametrize(
    ("text", "date", "quote", "examiner"),
    [
        (
            "Physical exam completed by Dr. Sam Park, MD on 02/20/2025.",
            dt.date(2025, 2, 20),
            "Physical exam completed",
            "MD",
        ),
        ("Last physical exam: 06/01/2024", dt.date(2024, 6, 1), "Last physical exam", None),
        ("**Physical Examination:**\nHEENT normal.", DATE, "Physical Examination", None),
        (
            "PLAN: Admit to IOP. Physical exam: completed by PCP 02/10/2025.",
            dt.date(2025, 2, 10),
            "Physical exam: completed",
            None,
        ),
    ],
)
def test_physical_exam_in_another_document(
    text: str, date: dt.date, quote: str, examiner: str | None
) -> None:
    [exam] = extract_assessments(make_doc(text, kind=DocumentKind.INTAKE_EVALUATION))
    assert isinstance(exam, PhysicalExam)
    assert exam.date == date
    # the exam's words, then the words of its date when the sentence states one
    stated = date.strftime("%m/%d/%Y") if date.strftime("%m/%d/%Y") in text else None
    assert spans_of(exam) == [quoted(text, quote)] + ([quoted(text, stated)] if stated else [])
    assert (exam.examiner.credential if exam.examiner else None) == examiner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Substance Use Assessment: completed. AUDIT score: 4. DAST-10: 0.",
            [
                ("substance_use", None, None, ["Substance Use Assessment"]),
                ("substance_use", "AUDIT", 4, ["AUDIT", "4"]),
                ("substance_use", "DAST", 0, ["DAST-10", "0"]),
            ],
        ),
        (
            "ASAM dimensions 1-6 reviewed.",
            [("asam", "ASAM", None, ["ASAM dimensions"])],
        ),
        (
            "DSM-5 Level 1 Cross-Cutting Symptom Measure completed; depression domain elevated.",
            [
                (
                    "dsm5_cross_cutting",
                    "DSM-5 Cross-Cutting Symptom Measure",
                    None,
                    ["DSM-5 Level 1 Cross-Cutting Symptom Measure"],
                )
            ],
        ),
        (
            "PHQ-9: 18; GAD-7 = 15; C-SSRS: low risk.",
            [
                ("other_standardized", "PHQ-9", 18, ["PHQ-9", "18"]),
                ("other_standardized", "GAD-7", 15, ["GAD-7", "15"]),
                ("other_standardized", "C-SSRS", None, ["C-SSRS"]),
            ],
        ),
        (
            "AUDIT-C total 6/12. PHQ9 score = 14 (moderate). Scored 41 on the PCL-5.",
            [
                ("substance_use", "AUDIT-C", 6, ["AUDIT-C", "6/12"]),
                ("other_standardized", "PHQ-9", 14, ["PHQ9", "14"]),
                ("other_standardized", "PCL-5", 41, ["41", "PCL-5"]),
            ],
        ),
        (
            # a date, an impossible value, a wrong maximum, a duration: no score
            "PHQ-9 10/06/2025 reviewed. GAD-7: 25. PHQ-9 5/10 items. BAM: 12 days sober.",
            [
                ("other_standardized", "PHQ-9", None, ["PHQ-9", "PHQ-9"]),
                ("other_standardized", "GAD-7", None, ["GAD-7"]),
                ("substance_use", "BAM", None, ["BAM"]),
            ],
        ),
    ],
)
def test_standardized_assessments(
    text: str, expected: list[tuple[str, str | None, float | None, list[str]]]
) -> None:
    facts = extract_assessments(make_doc(text, kind=DocumentKind.INTAKE_EVALUATION))
    assert all(isinstance(f, Assessment) for f in facts)
    got = [
        (f.kind.value, f.instrument, f.score, spans_of(f))
        for f in facts
        if isinstance(f, Assessment)
    ]
    want = []
    for kind, instrument, score, quotes in expected:
        spans, pos = [], 0
        for q in quotes:
            start = text.index(q, pos)
            spans.append((start, start + len(q), q))
            pos = start + len(q)
        want.append((kind, instrument, score, sorted(spans)))
    assert [(k, i, sc, sorted(sp)) for k, i, sc, sp in got] == want


def test_scores_over_a_stay_are_dated_by_their_rows() -> None:
    text = (
        "| Date | Instrument | Score |\n|---|---|---|\n"
        "| 10/06/2025 | PHQ-9 | 18 |\n| 11/03/2025 | PHQ-9 | 11 |\n"
    )
    facts = [f for f in extract_assessments(make_doc(text)) if isinstance(f, Assessment)]
    assert [(f.instrument, f.date, f.score) for f in facts] == [
        ("PHQ-9", dt.date(2025, 10, 6), 18),
        ("PHQ-9", dt.date(2025, 11, 3), 11),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Physical Exam: deferred to PCP.",
        "Refer for a physical exam.",
        "PHQ-9 to be administered at next visit.",
        "If the PHQ-9 is elevated, call the psychiatrist.",
        "Previous GAD-7 in 2019 was 15.",
        "Plan: will complete substance use assessment next week.",
        "The Cross-Cutting Symptom Measure will be administered at intake.",
    ],
)
def test_no_assessment_when_not_done(text: str) -> None:
    assert extract_assessments(make_doc(text, kind=DocumentKind.INTAKE_EVALUATION)) == []


def test_assessment_kinds_are_the_fact_enum() -> None:
    facts = extract_assessments(make_doc("ASAM Dimension 1: low. CCSM completed."))
    assert {f.kind for f in facts if isinstance(f, Assessment)} == {
        AssessmentKind.ASAM,
        AssessmentKind.DSM5_CROSS_CUTTING,
    }


# --------------------------------------------------------------------------- mentions


def test_sentences_join_soft_wrapped_lines_and_split_labels() -> None:
    long_line = "She reports that her mood has been low for the past three weeks and that she"
    text = (
        f"PROGRESS NOTE\n{long_line}\nstopped going to work. Dr. Chen saw her.\n"
        "SI: denies; HI: denies\n| Risk | Low |\n4. Wish to be dead ...... NO. Next item."
    )
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == [
        "PROGRESS NOTE",
        f"{long_line}\nstopped going to work.",
        "Dr. Chen saw her.",
        "SI: denies;",
        "HI: denies",
        "| Risk | Low |",
        "4. Wish to be dead ...... NO.",
        "Next item.",
    ]


def test_cues_are_in_every_match_of_every_vocabulary_pattern() -> None:
    """The prefilter never hides a match: every match of a pattern contains a cue."""
    corpus = Path(__file__).read_text(encoding="utf-8") + CLINICAL_PATH.read_text("utf-8")
    vocab = vocabulary().model_dump()
    patterns: list[str] = []

    def collect(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                collect(value)
        elif isinstance(node, list) and all(isinstance(p, str) for p in node):
            patterns.append("|".join(f"(?:{p})" for p in node))

    collect(vocab)
    checked = 0
    for source in patterns:
        try:
            pattern = rx([source])
        except re.error:  # lists whose items reuse a group name are compiled one by one
            continue
        found = cues(pattern.pattern, pattern.flags)
        for m in pattern.finditer(corpus):
            if m.group(0) and found:
                assert any(c in m.group(0).lower() for c in found), (source, m.group(0))
                checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("sentences:\n", "unexpected: [x]\nsentences:\n"),
        ("- 'decompensat(?:ed|ion|ing)'", "- 'decompensat(?:ed|ion'"),
        ("- 'decompensat(?:ed|ion|ing)'", "- 'acute ?exacerbation'"),
        ("- 'decompensat(?:ed|ion|ing)'", "- 'decompensat(?:ed|ion|ing)'\n    - 7"),
        ("  age_phrases:\n", "  age_phrases:\n    - '\\d+ years'\n"),
        ("  levels:\n", "  levels:\n    attends: ['present']\n"),
        ("  rating: '(?P<score>", "  rating: '(?P<points>"),
    ],
    ids=[
        "unknown-key",
        "bad-regex",
        "quantified-space",
        "not-a-string",
        "no-age-group",
        "level-of-no-state",
        "rating-without-score",
    ],
)
def test_vocabulary_is_loaded_strictly(tmp_path: Path, old: str, new: str) -> None:
    good = CLINICAL_PATH.read_text(encoding="utf-8")
    assert old in good
    path = tmp_path / "clinical.yaml"
    path.write_text(good.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ExtractionError, match=r"clinical vocabulary clinical\.yaml is invalid"):
        vocabulary(path)


def test_label_answer_sets_the_polarity_of_a_label_mention() -> None:
    text = "SI: denies\nHI: reports thoughts of hurting others\nPlan/Intent: [ ] Yes [ ] No\n"
    doc = make_doc(text)
    found = find_mentions(
        doc,
        {"si": rx(["(?-i:SI)"]), "hi": rx(["(?-i:HI)"]), "plan": rx(["Plan/Intent"])},
    )
    assert [(m.key, m.context.negated) for m in found] == [("si", True), ("hi", False)]


# --------------------------------------------------------------------------- oracle

FILLER = [
    "Group reviewed the weekly calendar.",
    "Snacks were provided by the facility.",
    "Room temperature was comfortable.",
    "The group started on time.",
]
PLANTED: list[tuple[str, list[str]]] = [
    ("Member actively participated in group.", ["actively participated"]),
    ("She reports SI with a plan to overdose.", ["SI with a plan", "plan to overdose"]),
    ("Depression worsening over the past 3 weeks.", ["worsening over the past 3 weeks"]),
    ("She missed work and is isolating from friends.", ["missed work", "isolating from friends"]),
    ("Referred to NAMI support group.", ["Referred to NAMI"]),
    (
        "Less intensive care would not prevent relapse.",
        ["Less intensive care would not prevent relapse."],
    ),
    ("PHQ-9 score: 18.", ["PHQ-9", "18"]),
    ("Member is a 36-year-old woman.", ["36-year-old"]),
]


def test_planted_span_oracle() -> None:
    """Build a two-page note from filler and planted sentences at known offsets; every
    evidence span of every clinical extractor lands exactly on a planted quote, and every
    planted quote is found."""
    pages: list[str] = []
    expected: set[tuple[int, int, int, str]] = set()
    for page_no, planted in ((1, PLANTED[:4]), (2, PLANTED[4:])):
        text = ""
        for i, (sentence, quotes) in enumerate(planted):
            text += FILLER[i % len(FILLER)] + ("\n" if i % 2 else " ")
            offset = len(text)
            text += sentence + "\n"
            for q in quotes:
                start = offset + sentence.index(q)
                expected.add((page_no, start, start + len(q), q))
        pages.append(text)
    doc = make_doc(*pages)
    facts = [
        *extract_risk(doc),
        *extract_participation(doc),
        *extract_acuity(doc),
        *extract_discharge_planning(doc),
        *extract_continued_stay(doc),
        *extract_assessments(doc),
        *extract_member(doc),
    ]
    by_id = {doc.document.document_id: doc.document}
    got = set()
    for fact in facts:
        for ev in iter_evidence(fact):
            assert evidence_problem(ev, by_id) is None
            got.add((ev.page, ev.start, ev.end, ev.quote))
    assert got == expected


def test_a_forty_document_chart_extracts_every_documents_facts() -> None:
    """Forty notes, each read on its own: every one gives its risk conclusion, its
    participation and its PHQ-9 score. (How fast is
    measured by benchmarks/bench_review.py, never by a timed test: a loaded CI machine
    made the one here fail.)"""
    note = (
        "GROUP PSYCHOTHERAPY PROGRESS NOTE\nMember: J. Doe  DOB: 04/12/1988  DOS: 03/{d:02d}/2025\n"
        "Data: Group focused on distress tolerance skills. Member actively participated and "
        "shared about conflict at home. She missed work twice this week due to low mood.\n"
        "Member continues to experience severe depressive symptoms.\n"
        "Risk Assessment: Denies SI/HI, no plan or intent. Low risk; no imminent danger.\n"
        "Plan: Step down to standard outpatient when discharge criteria are met. "
        "Referred to NAMI support group. PHQ-9: 14.\n"
        "Electronically signed by Jane Roe, LCSW on 03/{d:02d}/2025\n"
    )
    docs = [make_doc(note.format(d=d) * 3) for d in range(1, 41)]
    extractors = (
        extract_risk,
        extract_participation,
        extract_acuity,
        extract_discharge_planning,
        extract_continued_stay,
        extract_assessments,
        extract_member,
    )
    for d, doc in enumerate(docs, start=1):
        found = [f for fn in extractors for f in fn(doc)]
        kinds = {type(f).__name__ for f in found}
        assert {"RiskAssessment", "Participation", "Assessment"} <= kinds, (d, kinds)
        assert {f.score for f in found if isinstance(f, Assessment)} == {14.0}, d


D = dt.date
DOC_DAY = D(2025, 3, 4)  # make_doc's document date


def nth(text: str, quote: str, n: int = 1) -> tuple[int, int, str]:
    """The ``n``-th occurrence of ``quote`` in ``text`` as (start, end, quote)."""
    at = -1
    for _ in range(n):
        at = text.index(quote, at + 1)
    return at, at + len(quote), quote


GRID = (
    "OUTCOME MEASURES\n"
    "Instrument   10/13/2025   10/20/2025   10/27/2025\n"
    "PHQ-9        19           18           14\n"
    "GAD-7        16           --           12\n"
)
WORDED = (
    "Measure      Admission (02/09/2026)    Current (03/08/2026)\n"
    "PHQ-9        19                        17\n"
    "GAD-7        13                        11\n"
)
BY_COLUMN = "| Date | PHQ-9 | GAD-7 |\n|---|---|---|\n| 10/06/2025 | 18 | 12 |\n"
NUMBERED = "| # | Instrument | Score |\n|---|---|---|\n| 1 | PHQ-9 | 14 |\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a row per instrument under columns headed by dates (no header line found: the
        # first row of dates heads the columns); "--" is no score
        (
            GRID,
            [
                ("PHQ-9", D(2025, 10, 13), 19, [nth(GRID, "PHQ-9"), nth(GRID, "19")]),
                ("PHQ-9", D(2025, 10, 20), 18, [nth(GRID, "PHQ-9"), nth(GRID, "18")]),
                ("PHQ-9", D(2025, 10, 27), 14, [nth(GRID, "PHQ-9"), nth(GRID, "14")]),
                ("GAD-7", D(2025, 10, 13), 16, [nth(GRID, "GAD-7"), nth(GRID, "16")]),
                ("GAD-7", D(2025, 10, 27), 12, [nth(GRID, "GAD-7"), nth(GRID, "12")]),
            ],
        ),
        # column headers that carry a date with a word
        (
            WORDED,
            [
                ("PHQ-9", D(2026, 2, 9), 19, [nth(WORDED, "PHQ-9"), nth(WORDED, "19")]),
                ("PHQ-9", D(2026, 3, 8), 17, [nth(WORDED, "PHQ-9"), nth(WORDED, "17")]),
                ("GAD-7", D(2026, 2, 9), 13, [nth(WORDED, "GAD-7"), nth(WORDED, "13")]),
                ("GAD-7", D(2026, 3, 8), 11, [nth(WORDED, "GAD-7"), nth(WORDED, "11")]),
            ],
        ),
        # a column per instrument, a row per date: the name is the column's
        (
            BY_COLUMN,
            [
                ("PHQ-9", D(2025, 10, 6), 18, [nth(BY_COLUMN, "PHQ-9"), nth(BY_COLUMN, "18")]),
                ("GAD-7", D(2025, 10, 6), 12, [nth(BY_COLUMN, "GAD-7"), nth(BY_COLUMN, "12")]),
            ],
        ),
        # a numbered row: the row's number left of the instrument is not its score; no
        # date in the row: the document's
        (
            NUMBERED,
            [("PHQ-9", DOC_DAY, 14, [nth(NUMBERED, "PHQ-9"), nth(NUMBERED, "14")])],
        ),
    ],
)
def test_scores_read_from_tables(
    text: str, expected: list[tuple[str, dt.date, float, list[tuple[int, int, str]]]]
) -> None:
    facts = [f for f in extract_assessments(make_doc(text)) if isinstance(f, Assessment)]
    got = [(f.instrument, f.date, f.score, sorted(spans_of(f))) for f in facts]
    assert got == [(i, d, sc, sorted(sp)) for i, d, sc, sp in expected]


SAID = (
    "Her PHQ-9 has fallen from 15 on 10/20/2025 to 7 on 12/08/2025. However, she is fragile.\n"
    "PHQ-9: 21 today (admission 24 on 10/20/2025)\n"
    "PCL-5 at intake (10/06/2025) was 47. BAM use score today: 1.\n"
    "C-SSRS ideation severity (past month): 0\n"
    "Standardized measures: PHQ-9 / 14 / 10/27/2025\n"
    "Goal: PHQ-9 below 10 by discharge; GAD-7 item 9: 2.\n"
)


def test_scores_written_in_sentences_with_their_dates() -> None:
    facts = [f for f in extract_assessments(make_doc(SAID)) if isinstance(f, Assessment)]
    got = [(f.instrument, f.date, f.score, sorted(spans_of(f))) for f in facts]
    assert got == [
        ("PHQ-9", D(2025, 10, 20), 15, [nth(SAID, "PHQ-9"), nth(SAID, "15")]),
        (
            "PHQ-9",
            D(2025, 12, 8),
            7,
            [
                nth(SAID, "PHQ-9"),
                (nth(SAID, "7 on")[0], nth(SAID, "7 on")[0] + 1, "7"),
            ],
        ),
        ("PHQ-9", DOC_DAY, 21, [nth(SAID, "PHQ-9", 2), nth(SAID, "21")]),
        ("PHQ-9", D(2025, 10, 20), 24, [nth(SAID, "PHQ-9", 2), nth(SAID, "24")]),
        ("PCL-5", D(2025, 10, 6), 47, [nth(SAID, "PCL-5"), nth(SAID, "47")]),
        (
            "BAM",
            DOC_DAY,
            1,
            [nth(SAID, "BAM"), (nth(SAID, "today: 1")[0] + 7, nth(SAID, "today: 1")[0] + 8, "1")],
        ),
        (
            "C-SSRS",
            DOC_DAY,
            0,
            [nth(SAID, "C-SSRS"), (nth(SAID, "): 0")[0] + 3, nth(SAID, "): 0")[0] + 4, "0")],
        ),
        ("PHQ-9", D(2025, 10, 27), 14, [nth(SAID, "PHQ-9", 3), nth(SAID, "14")]),
        # a target and an item are no scores: the instruments are named, nothing more
        ("GAD-7", DOC_DAY, None, [nth(SAID, "GAD-7")]),
    ]


# a group summary about others, a relative, the staff, or something that is not the
# program (issue 12): no participation state of the member's
@pytest.mark.parametrize(
    "text",
    [
        "Group completed the worksheet together; members shared about coping strategies.",
        "Group summary: peers shared about their weekend and completed the values worksheet.",
        "Members shared about triggers; the client listened quietly.",
        "The group as a whole participated actively.",
        "Each member took part in the check-in.",
        "Her mother refused to participate in the family session.",
        "Client participated in the research study.",
        "Client declined to participate in the survey.",
        "Client declined treatment with medication.",
        # the subject said with which ones it is ("of the cohort") before its verb
        "Another member of the cohort has been refusing groups as well.",
        "Two peers in her group declined to participate.",
        "One member of the group refused to take part in the role play.",
    ],
)
def test_no_participation_of_someone_else(text: str) -> None:
    assert extract_participation(make_doc(text)) == []


# ... while the member's own statement next to them stands: (text, status, quote)
@pytest.mark.parametrize(
    ("text", "status", "quote"),
    [
        ("After group, participated actively.", "participates", "participated actively"),
        ("In group she shared about her week.", "participates", "shared about"),
        ("Peers listened as she shared about her week.", "participates", "shared about"),
        ("Client and peers shared about coping skills.", "participates", "shared about"),
        ("Writer asked Gloria who shared about her week.", "participates", "shared about"),
        (
            "Therapist led the group and client participated actively.",
            "participates",
            "participated actively",
        ),
        (
            "Member participated actively; peers gave feedback.",
            "participates",
            "participated actively",
        ),
        (
            "Group members completed the values worksheet; client declined to participate.",
            "refuses",
            "declined to participate",
        ),
        (
            "She and her mother refused to participate in family session.",
            "refuses",
            "refused to participate",
        ),
    ],
)
def test_the_members_own_statement_next_to_others(text: str, status: str, quote: str) -> None:
    [fact] = extract_participation(make_doc(text))
    assert fact.status == status
    assert spans_of(fact) == [quoted(text, quote)]


# a look back from a note to an earlier time it names without a date is not the state of
# the note's own day (RULES.md "Participation over time"); a comparison with an earlier
# time, a start ("since last week") or the note's own day in the same part stays the
# note's: (text, [(status, date, quote)])
HUDDLE_DAY = dt.date(2026, 3, 17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Team huddle: in last week's groups she declined to participate.", []),
        ("She refused to attend group two days ago.", []),
        ("At the previous session he refused to participate.", []),
        ("Yesterday she would not join the group.", []),
        (
            "Last week she refused groups, but today she participated actively.",
            [("participates", HUDDLE_DAY, "participated actively")],
        ),
        (
            "At the previous session she refused to participate; today she was fully engaged.",
            [("participates", HUDDLE_DAY, "was fully engaged")],
        ),
        (
            "Since last week she has participated actively.",
            [("participates", HUDDLE_DAY, "participated actively")],
        ),
        (
            "Noticeably more engaged than last week.",
            [("participates", HUDDLE_DAY, "more engaged")],
        ),
        # a date of its own dates it
        (
            "Engagement review: On 03/12/2026 he refused to attend group. Last week he also "
            "took an active part in group.",
            [("refuses", dt.date(2026, 3, 12), "refused to attend")],
        ),
    ],
)
def test_a_look_back_is_not_the_notes_own_day(
    text: str, expected: list[tuple[str, dt.date, str]]
) -> None:
    doc = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE, date=HUDDLE_DAY)
    got = [
        (f.status.value, f.date, [(e.start, e.end, e.quote) for e in f.evidence])
        for f in extract_participation(doc)
    ]
    assert got == [(s, d, [quoted(text, q)]) for s, d, q in expected]
