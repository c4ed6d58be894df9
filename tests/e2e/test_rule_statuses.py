"""Every status of every ``medicare-iop`` rule, on chart text, through the real extractor.

Each case is the baseline mini chart (``tests/e2e/minichart.py``: every rule met or not
applicable) with only what the case is about changed, reviewed end to end with
:func:`pipeline.review.review_paths` on a temporary folder. A case asserts the status of
one rule, and where it matters a computed value of the finding or a phrase of its reason.
Every review of this file is also checked for verbatim evidence spans.

Case ids read ``<rule>:<status>:<what differs>``. The expected statuses come from
/work/shared/spec/RULES.md (pack ``medicare-iop``), never from the tool's output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pdfs import pdf_bytes

from audit.record import AuditRecord
from core.data import Document
from core.findings import Finding, Status
from ingest.loader import load_chart
from pipeline.review import review_paths
from tests.e2e.coverage import assert_cases_cover
from tests.e2e.minichart import (
    CERTIFICATION,
    DISCHARGE,
    INTAKE,
    PLAN,
    RISK,
    MiniChart,
    all_notes,
    baseline,
    discharged_on,
    group_days,
    group_note_name,
    individual_day,
    individual_note_name,
    week_notes,
)
from tests.e2e.test_invariants import _spans

MET = Status.MET
NOT_MET = Status.NOT_MET
INSUFFICIENT = Status.INSUFFICIENT_EVIDENCE
NOT_APPLICABLE = Status.NOT_APPLICABLE

PACK = "medicare-iop"

# What RULES.md lets each rule produce: its three columns (a rule whose not_applicable
# column says "never" cannot be not_applicable), and insufficient_evidence where the
# facts a rule needs can be missing or undated (RULES.md "Statuses").
# excluded-services and discharge-planning decide from presence alone (excluded-services is
# not_applicable when the chart documents no program services at all).
STATUSES: dict[str, frozenset[Status]] = {
    "initial-certification": frozenset({MET, NOT_MET, INSUFFICIENT}),
    "recertification-interval": frozenset({MET, NOT_MET, INSUFFICIENT, NOT_APPLICABLE}),
    "recertification-content": frozenset({MET, NOT_MET, INSUFFICIENT, NOT_APPLICABLE}),
    "treatment-plan": frozenset({MET, NOT_MET, INSUFFICIENT}),
    "goals-measurable": frozenset({MET, NOT_MET, INSUFFICIENT, NOT_APPLICABLE}),
    "weekly-hours": frozenset({MET, NOT_MET, INSUFFICIENT, NOT_APPLICABLE}),
    "progress-notes": frozenset({MET, NOT_MET, INSUFFICIENT, NOT_APPLICABLE}),
    "diagnosis": frozenset({MET, NOT_MET, INSUFFICIENT}),
    "acuity": frozenset({MET, NOT_MET, INSUFFICIENT}),
    "safety": frozenset({MET, NOT_MET, INSUFFICIENT}),
    "participation": frozenset({MET, NOT_MET, INSUFFICIENT}),
    "active-treatment": frozenset({MET, NOT_MET, INSUFFICIENT, NOT_APPLICABLE}),
    "excluded-services": frozenset({MET, NOT_MET, NOT_APPLICABLE}),
    "discharge-planning": frozenset({MET, NOT_MET}),
    "continued-stay": frozenset({MET, NOT_MET, INSUFFICIENT, NOT_APPLICABLE}),
}


# --------------------------------------------------------------------------- reviewing


def _documents(folder: Path) -> dict[str, Document]:
    return {d.document_id: d for d in load_chart([folder]).documents}


def review(chart: MiniChart, folder: Path) -> AuditRecord:
    """Review ``chart`` written into ``folder``; check every evidence span is verbatim."""
    chart.write(folder)
    record = review_paths([folder], policy=PACK)
    assert record.input_errors == []
    documents = _documents(folder)
    spans = list(_spans(record.model_dump(mode="json")))
    assert spans, "the review cites evidence"
    for ev in spans:
        text = documents[ev["document_id"]].page(ev["page"]).text
        assert text[ev["start"] : ev["end"]] == ev["quote"], ev
    return record


def finding(record: AuditRecord, rule: str) -> Finding:
    [found] = [f for f in record.findings if f.rule_id == f"{PACK}.{rule}"]
    return found


# --------------------------------------------------------------------------- chart knobs


LONG_STAY_END = dt.date(2025, 8, 15)  # 74 days after the 2025-06-02 certification


def long_stay(chart: MiniChart) -> MiniChart:
    """Discharged 2025-08-15, 74 days after the initial certification: past 60 days."""
    return discharged_on(chart, LONG_STAY_END)


THU_W2 = group_note_name(group_days(2)[2])  # 2025-06-12
WED_W2 = group_note_name(group_days(2)[1])  # 2025-06-11
TUE_W1 = individual_note_name(individual_day(1))  # 2025-06-03

RECERT = "20_physician_recertification.txt"
RECERT_TEXT = """\
CEDAR HOLLOW BEHAVIORAL HEALTH
PHYSICIAN RECERTIFICATION - INTENSIVE OUTPATIENT SERVICES

Patient: Marisol T. Okonkwo    MRN: CH-55812
Recertification Date: 07/28/2025

Response to treatment: partial response so far; PHQ-9 22 -> 16 and showering 4 of 7 days.
Continuing symptoms: she continues to experience severe depressed mood and daily
hopelessness that still require intensive treatment.
Goals toward discharge: PHQ-9 below 10 for two consecutive weeks, then transition to weekly
outpatient psychotherapy.
Stepping down to weekly outpatient therapy now would likely lead to relapse and
rehospitalization.

I recertify that the patient continues to need intensive outpatient services of at least
9 hours per week.

Signed: Dr. Samuel Whitfield, MD    07/28/2025
"""


def recertified(chart: MiniChart, day: str = "07/28/2025") -> MiniChart:
    """A long stay with the complete recertification, dated and signed on ``day`` (a blank
    line for none)."""
    return (
        long_stay(chart)
        .add(RECERT, RECERT_TEXT)
        .edit(RECERT, "Recertification Date: 07/28/2025", f"Recertification Date: {day}")
        .edit(RECERT, "MD    07/28/2025", f"MD    {day}")
    )


CERT_SIGNED_ON = "  Date: 06/02/2025"  # the date beside the signature, not "Admission Date:"


def undated_certification(chart: MiniChart) -> MiniChart:
    return chart.edit(CERTIFICATION, CERT_SIGNED_ON, "  Date: ______________")


def scanned_plan(chart: MiniChart) -> MiniChart:
    """The plan filed as a PDF page with no text layer (a scan)."""
    return chart.drop(PLAN).add("04_treatment_plan.pdf", pdf_bytes([""]))


# --------------------------------------------------------------------------- documents


PLAN_OF_CARE_MD = """\
# Plan of Care — Adult Intensive Outpatient Program
**Cedar Hollow Behavioral Health**

| Field | Value |
|---|---|
| Member | Marisol T. Okonkwo |
| Plan date | 06/04/2025 |
| Review due | 07/02/2025 |

**Problem 1: Depression (F33.2)**
Goal 1: PHQ-9 score of 9 or less by 07/15/2025, measured weekly in group.
Goal 2: Attend church or a social outing at least 2 times per week within 30 days.

**Services and care coordination**
Process group three mornings a week and weekly CBT; care coordination with her primary
care provider on medication side effects. Treatment team members: D. Reyes, LCSW;
P. Natarajan, LPC; S. Whitfield, MD.

**Discharge criteria:** PHQ-9 of 9 or less for two weeks; step down to weekly outpatient care.

/s/ Samuel Whitfield, M.D. 06/04/2025
"""

CERTIFICATION_NARRATIVE = """\
Cedar Hollow Behavioral Health
Certification of Need for Intensive Outpatient Services

Member: Marisol T. Okonkwo    Date of Certification: June 3, 2025
Dx: F33.2 Major depressive disorder, recurrent, severe

Reason for IOP: acute decompensation of depression with severe impairment of self-care and
social functioning after job loss; weekly outpatient therapy has not been enough.

The member requires at least nine (9) hours per week of intensive outpatient services under
a written plan of care that I will review.

Certifying physician: Samuel Whitfield, DO
"""

INTAKE_CHRONIC_STABLE = """\
## Biopsychosocial Assessment — Adult IOP
Cedar Hollow Behavioral Health

**Client:** Marisol T. Okonkwo  **DOB:** 04/11/1961
**Assessment Date:** 06/02/2025
**Admission Date:** 06/02/2025

### Presenting problem
Recurrent major depression, chronic and stable on sertraline for many years. Recently
retired and would like more structure during the week. Sees friends on weekends, manages
her own household.

### Diagnoses
F33.1 Major depressive disorder, recurrent, moderate

### Summary
Admitted to the Adult IOP at her request.

Completed by: Daniel Reyes, LCSW 06/02/2025
"""

CERT_NEED_PLAIN = (
    "Clinical need for IOP: acute decompensation of recurrent depression with severe impairment\n"
    "of self-care, social and family functioning that has not responded to weekly outpatient\n"
    "therapy.",
    "Clinical need for IOP: she needs the structure of a group program to keep up her\n"
    "routine after retirement.",
)

INTAKE_ONE_AREA = """\
CEDAR HOLLOW BEHAVIORAL HEALTH - ADULT INTENSIVE OUTPATIENT PROGRAM
INITIAL PSYCHIATRIC EVALUATION

Patient: Marisol T. Okonkwo        DOB: 04/11/1961
Date of Evaluation: 06/02/2025
IOP Admission Date: 06/02/2025

HISTORY OF PRESENT ILLNESS
64-year-old woman with recurrent major depression. Low mood and poor sleep; her
symptoms severely interfere with her work as a bookkeeper.

DIAGNOSES
F33.1 Major depressive disorder, recurrent, moderate

Electronically signed by Samuel Whitfield, MD on 06/02/2025 15:10
"""

SI_PLAN_NOTE = """\
IOP INDIVIDUAL SESSION - CRISIS NOTE
Session Date: 2025-06-13
Time In: 1:00 PM   Time Out: 2:15 PM
Therapist: P. Natarajan (LPC)

Data: Client disclosed that she has had suicidal thoughts since Tuesday with a plan to
overdose on her stored sertraline and intent to act this weekend.
Assessment: Client was tearful and guarded; she agreed to go to the ED. Risk is high.
Plan: Transported to Mercy ED by her daughter for inpatient evaluation. Relates to goal 1.

P. Natarajan, LPC  06/13/2025 15:00
"""

OUTING_NOTE = """\
Cedar Hollow BH | Recreation Activity Note
Date of Service: {day}
Time In: 0900   Time Out: 1200
Activity: Community outing - botanical garden walk and picnic
Staff: Tanya Brooks, BHT
Attendance: Present
Client walked with peers and chatted about her grandchildren.
"""

SOCIAL_HOUR_NOTE = """\
MILIEU NOTE
Date: 06/11/2025
Activity: Social hour (coffee and conversation) in the day room
Attendance: Present
Staff: Tanya Brooks, BHT
"""

NO_SHOW_NOTE = """\
ABSENCE NOTE - ADULT IOP
Date: 06/12/2025
Scheduled: process group 9:00 AM-12:00 PM
Client did not show for group today. Writer called her cell phone at 9:30 AM and left a
message with the crisis line number.

Daniel Reyes, LCSW 06/12/2025
"""

GROUP_NOTE_BODY = """\
Intervention: Therapist facilitated a process discussion on relapse warning signs.
Response: Client shared openly and gave supportive feedback to two peers.
Progress toward goals: Goal 1 (depression) - practiced one activation step."""

FOCUS_LABELS_BODY = """\
Focus of session: assertive communication with family members.
Pt response: Pt role-played asking her daughter for help and named one barrier.
Tx plan goal addressed: #1 depression (behavioral activation)."""

NO_RESPONSE_DAP = """\
Cedar Hollow Behavioral Health
GROUP PSYCHOTHERAPY NOTE (DAP)
Group Date: 06/12/2025    Time: 0900-1200
Facilitator: Daniel Reyes, LCSW    Group size: 6

D: Process group on coping with setbacks; each member named one setback of the week.
Member present throughout.
A:
P: Continue group three mornings a week. Goal 1 (depression) addressed.

Daniel Reyes, LCSW 06/12/2025 12:25
"""

CONTENT_ONLY_NOTE = """\
IOP PSYCHOEDUCATION GROUP NOTE
DOS: 06/12/2025
Time: 13:00-14:00
Group: Psychoeducation - sleep hygiene
Facilitator: Teresa Lund, RN
Topic: sleep hygiene and the link between sleep and mood; members set a bedtime goal.
Treatment plan goal addressed: Goal 1 (depression).
"""

PLAN_DISCHARGE_SECTION = """\
DISCHARGE PLAN
Discharge criteria: PHQ-9 below 10 and self-care goal met. Step down to weekly outpatient
psychotherapy.

"""

DISCHARGE_PLANNING_LINES = """\
Discharge criteria met. Step-down to weekly outpatient psychotherapy with Hillside
Counseling; referred to a community depression support group."""

CONFLICTING_LOG = """\
IOP GROUP ATTENDANCE LOG - WEEK OF 06/09/2025
Patient: Okonkwo, Marisol T.

Date       | Service                          | Time        | Staff            | Attendance
-----------|----------------------------------|-------------|------------------|-----------
06/09/2025 | Group psychotherapy - Process    | 09:00-12:00 | D. Reyes, LCSW   | Present
06/11/2025 | Group psychotherapy - Process    | 09:00-12:00 | D. Reyes, LCSW   | Present
06/12/2025 | Group psychotherapy - Process    | 09:00-12:00 | D. Reyes, LCSW   | Absent
"""

SERVICE_LOG_MD = """\
# IOP Weekly Service Log
**Cedar Hollow Behavioral Health · Adult IOP**
Patient: Marisol T. Okonkwo · MRN CH-55812
Period: 2025-06-02 through 2025-06-13

| Service Date | Service | Start | End | Staff | Group size | Status |
|---|---|---|---|---|---|---|
| 2025-06-02 | Group psychotherapy (process) | 0900 | 1200 | Daniel Reyes, LCSW | 7 | Attended |
| 2025-06-03 | Individual psychotherapy | 1300 | 1400 | Priya Natarajan, LPC | | Attended |
| 2025-06-04 | Group psychotherapy (process) | 0900 | 1200 | Daniel Reyes, LCSW | 7 | Attended |
| 2025-06-05 | Group psychotherapy (process) | 0900 | 1200 | Daniel Reyes, LCSW | 6 | Attended |
| 2025-06-09 | Group psychotherapy (process) | 0900 | 1200 | Daniel Reyes, LCSW | 7 | Attended |
| 2025-06-10 | Individual psychotherapy | 1300 | 1400 | Priya Natarajan, LPC | | Attended |
| 2025-06-11 | Group psychotherapy (process) | 0900 | 1200 | Daniel Reyes, LCSW | 8 | Attended |
| 2025-06-12 | Group psychotherapy (process) | 0900 | 1200 | Daniel Reyes, LCSW | 7 | Attended |

Log verified: Daniel Reyes, LCSW, 06/13/2025
"""

ATTENDANCE_RECORD_NO_SHOWS = """\
ATTENDANCE RECORD - ADULT IOP
Patient: Okonkwo, Marisol T.    MRN: CH-55812

Date        Service                     Time        Attendance
06/02/2025  Group psychotherapy         0900-1200   No-show
06/03/2025  Individual psychotherapy    1300-1400   Cancelled
06/04/2025  Group psychotherapy         0900-1200   No-show
06/05/2025  Group psychotherapy         0900-1200   No-show

Outreach letter mailed 06/06/2025.
"""

LUNCH_LOG_CSV = """\
DAILY PROGRAM LOG - WEEK OF 06/09/2025
Patient: Marisol T. Okonkwo
Date,Service,Time,Staff,Attendance
06/09/2025,Lunch provided by program,12:00-12:30,Program aide,Present
06/11/2025,Lunch provided by program,12:00-12:30,Program aide,Present
06/12/2025,Lunch provided by program,12:00-12:30,Program aide,Present
"""

VAN_NOTE = """\
TRANSPORTATION SERVICE NOTE
Date: 06/10/2025
Service: Transportation - agency van from home to the IOP
Time: 8:15 AM - 8:50 AM
Driver: Luis Ortega
Attendance: Present
Client picked up at home and brought to the program on time.
"""

CONTINUED_STAY_ADDENDUM = """\
ADDENDUM - CONTINUED STAY JUSTIFICATION
Patient: Marisol T. Okonkwo    MRN: CH-55812

She continues to experience severe depressed mood with daily crying spells. Stepping down to
weekly outpatient therapy would likely result in relapse and rehospitalization.

Samuel Whitfield, MD
"""


BULLETED_PLAN = """\
Cedar Hollow Behavioral Health
TREATMENT PLAN - ADULT IOP
Member: Marisol T. Okonkwo
Plan Date: 6/3/25
Coordination of care: team meets weekly (psychiatry, social work, counseling); therapist
coordinates with her PCP.

Treatment Goals:
- Decrease PHQ-9 score to 9 or less within 6 weeks.
- Attend church or a social outing at least 2 times per week by 7/15/25.

Samuel Whitfield, MD - electronically signed 06/03/2025 16:05
"""

GOAL_TABLE_PLAN = """\
# Individualized Service Plan
**Cedar Hollow Behavioral Health · Adult IOP**

| Field | Value |
|---|---|
| Member | Marisol T. Okonkwo |
| Plan date | 2025-06-03 |

## Goals
| # | Goal | Measure | Target date |
|---|---|---|---|
| 1 | Reduce depressive symptoms | PHQ-9 below 10 | 07/15/2025 |
| 2 | Improve self-care | showers on 6 of 7 days (self-care log) | ongoing |

## Coordination of services
Interdisciplinary treatment team: D. Reyes, LCSW; P. Natarajan, LPC; S. Whitfield, MD.

Signed electronically by Samuel Whitfield, MD on 06/03/2025
"""

STG_PLAN = """\
CEDAR HOLLOW BEHAVIORAL HEALTH
MASTER TREATMENT PLAN
Patient: Okonkwo, Marisol T.     Plan Date: 06/03/2025

PROBLEM #1: DEPRESSION
Long-term goal: Remission of depression (PHQ-9 below 10) by 08/01/2025.
Short-term objective 1a: Complete a behavioral activation schedule 5 days per week for 4 weeks.
Short-term objective 1b: Reconnect with her family by 07/15/2025.

MULTIDISCIPLINARY TEAM
Psychiatry, social work, counseling; weekly case review.

Physician Signature: Samuel Whitfield, MD   Date: 06/03/2025
"""

BIRP_GROUP_NOTE = """\
CEDAR HOLLOW BH | GROUP THERAPY NOTE (BIRP)
Group Date: 6/12/25    Group Time: 9:00-12:00
Group: DBT skills group    Leader: D. Reyes (LCSW)    Participants: 6

B: Member arrived on time, affect brighter, completed diary card.
I: Taught distress tolerance (TIPP) and practiced paced breathing.
R: Member practiced paced breathing and said she would use it at night.
P: Relates to goal 1 (PHQ-9 below 10). Continue group.

Daniel Reyes, LCSW   06/12/2025
"""

SI_HAS_PLAN_NOTE = """\
INDIVIDUAL PSYCHOTHERAPY PROGRESS NOTE
Date of Service: 06/13/2025        Time: 1300-1400
Clinician: Priya Natarajan, LPC

Intervention: Safety assessment and crisis planning.
Response: Client reported suicidal thoughts; she has a plan (overdose on stored pills) and intent.
Progress toward goals: Goal 1 not met this week. Mobile crisis team called.

Priya Natarajan, LPC 06/13/2025
"""

CSSRS_SCREEN_LOW = """\
Columbia Suicide Severity Rating Scale - Screen Version
Date of Assessment: 06/02/2025
1) Wished you were dead or could go to sleep and not wake up? No
2) Actual thoughts of killing yourself? No
6) Suicidal behavior? No
Screen result: Negative. Low risk.
Screened by: Daniel Reyes, LCSW
"""

INTAKE_INCREASED_SYMPTOMS = """\
Cedar Hollow Behavioral Health
Psychiatric Intake - Adult IOP

Patient: Marisol T. Okonkwo   DOB: 04/11/1961
Date of Evaluation: 6/2/2025
Admission Date: 6/2/2025

HPI: Increased depressive symptoms over the past 2 weeks with poor sleep and tearfulness.
Symptoms have significantly impaired her ability to work and to care for herself.

Dx: F33.1 Major depressive disorder, recurrent, moderate

Signed: Dr. Samuel Whitfield, MD 06/02/2025
"""

RECERT_PLAIN = """\
Cedar Hollow Behavioral Health - Adult IOP
Recertification of Intensive Outpatient Services

Member: Marisol T. Okonkwo
Date: 07/28/2025

Progress: PHQ-9 improved from 22 to 16; showering 4 of 7 days.
She remains severely depressed with daily hopelessness and still requires intensive treatment.
Estimated discharge date: 08/15/2025, once PHQ-9 is below 10 for two weeks.
Stepping down now would likely result in relapse.
She needs at least 9 hours per week of IOP services.

Samuel Whitfield, MD - electronically signed 07/28/2025 10:12
"""


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    """One rule's expected status on the baseline changed by ``build``."""

    rule: str
    status: Status
    name: str
    build: Callable[[MiniChart], MiniChart]
    values: Mapping[str, object] = field(default_factory=dict)
    reason: str | None = None  # a phrase the finding's reason must contain
    xfail: str | None = None  # the precise extraction gap, while it exists

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.status.value}:{self.name}"


def same(chart: MiniChart) -> MiniChart:
    return chart


CASES: tuple[Case, ...] = (
    # ---------------------------------------------------------------- initial-certification
    Case("initial-certification", MET, "baseline", same, {"week1_end": "2025-06-08"}),
    Case(
        "initial-certification",
        MET,
        "narrative-certification-signed-by-do",
        lambda c: c.replace(CERTIFICATION, CERTIFICATION_NARRATIVE),
        reason="signed by Samuel Whitfield, DO",
    ),
    Case(
        "initial-certification",
        MET,
        "signed-electronically-by",
        lambda c: c.edit(
            CERTIFICATION,
            "Signature: Samuel Whitfield, MD          Date: 06/02/2025",
            "Signed electronically by Samuel Whitfield, MD on 6/2/25 15:02",
        ),
        reason="signed by Samuel Whitfield, MD",
    ),
    Case(
        "initial-certification",
        NOT_MET,
        "no-certification",
        lambda c: c.drop(CERTIFICATION),
        reason="No initial certification is documented",
    ),
    Case(
        "initial-certification",
        NOT_MET,
        "signed-by-nurse-practitioner",
        lambda c: c.edit(
            CERTIFICATION, "Signature: Samuel Whitfield, MD", "Signature: Karen Liu, PMHNP-BC"
        ),
        reason="not by a physician",
    ),
    Case(
        "initial-certification",
        NOT_MET,
        "no-9-hour-statement",
        lambda c: c.edit(
            CERTIFICATION,
            "services, including a minimum of\n9 hours of services per week, under",
            "services under",
        ),
        reason="does not state the need for at least 9 hours",
    ),
    Case(
        "initial-certification",
        NOT_MET,
        "states-6-hours",
        lambda c: c.edit(CERTIFICATION, "a minimum of\n9 hours", "a minimum of\n6 hours"),
        reason="states 6 hours of services per week",
    ),
    Case(
        "initial-certification",
        NOT_MET,
        "no-diagnosis",
        lambda c: c.edit(
            CERTIFICATION,
            "Diagnosis: F33.2 Major depressive disorder, recurrent, severe without psychotic features\n\n",
            "",
        ),
        reason="does not identify the diagnosis",
    ),
    Case(
        "initial-certification",
        NOT_MET,
        "no-clinical-need",
        lambda c: c.edit(CERTIFICATION, CERT_NEED_PLAIN[0] + "\n\n", ""),
        reason="does not identify the clinical need",
    ),
    Case(
        "initial-certification",
        NOT_MET,
        "dated-in-week-2",
        lambda c: c.edit(CERTIFICATION, CERT_SIGNED_ON, "  Date: 06/12/2025"),
        reason="dated after program week 1",
    ),
    Case(
        "initial-certification",
        INSUFFICIENT,
        "blank-date-line",
        undated_certification,
        reason="has no date",
    ),
    Case(
        "initial-certification",
        INSUFFICIENT,
        "signer-without-credential",
        lambda c: c.edit(
            CERTIFICATION, "Signature: Samuel Whitfield, MD", "Signature: Samuel Whitfield"
        ),
        reason="no credential documented",
    ),
    # ---------------------------------------------------------------- recertification-interval
    Case(
        "recertification-interval",
        NOT_APPLICABLE,
        "discharged-day-14",
        same,
        {"days_after_initial_certification": 14},
    ),
    Case(
        "recertification-interval",
        MET,
        "recertified-day-56",
        recertified,
        {
            "certifications": [
                {"date": "2025-06-02", "kind": "initial"},
                {"date": "2025-07-28", "kind": "recertification"},
            ]
        },
    ),
    Case(
        "recertification-interval",
        NOT_MET,
        "not-recertified-by-day-74",
        long_stay,
        reason="The episode end (2025-08-15) is 74 days after the latest certification",
    ),
    Case(
        "recertification-interval",
        NOT_MET,
        "recertified-day-64",
        lambda c: recertified(c, "08/05/2025"),
        reason="64 days passed from the certification of 2025-06-02",
    ),
    Case(
        "recertification-interval",
        INSUFFICIENT,
        "initial-certification-undated",
        lambda c: undated_certification(long_stay(c)),
        reason="No dated initial certification",
    ),
    Case(
        "recertification-interval",
        INSUFFICIENT,
        "recertification-undated",
        lambda c: recertified(c, "____________"),
        {"undated_recertifications": 1},
    ),
    # ---------------------------------------------------------------- recertification-content
    Case("recertification-content", NOT_APPLICABLE, "no-recertification", same),
    Case("recertification-content", MET, "complete-recertification", recertified),
    Case(
        "recertification-content",
        MET,
        "plain-wording-signer-named-first",
        lambda c: long_stay(c).add(RECERT, RECERT_PLAIN),
    ),
    Case(
        "recertification-content",
        NOT_MET,
        "signed-by-lcsw",
        lambda c: recertified(c).edit(
            RECERT, "Signed: Dr. Samuel Whitfield, MD", "Signed: Daniel Reyes, LCSW"
        ),
        reason="not by a physician",
    ),
    Case(
        "recertification-content",
        NOT_MET,
        "no-response-to-treatment",
        lambda c: recertified(c).edit(
            RECERT,
            "Response to treatment: partial response so far; PHQ-9 22 -> 16 and showering 4 of 7 days.\n",
            "",
        ),
        reason="does not describe the response to treatment",
    ),
    Case(
        "recertification-content",
        NOT_MET,
        "no-9-hour-statement",
        lambda c: recertified(c).edit(
            RECERT,
            "I recertify that the patient continues to need intensive outpatient services of at least\n"
            "9 hours per week.\n",
            "",
        ),
        reason="does not state the need for at least 9 hours",
    ),
    Case(
        "recertification-content",
        INSUFFICIENT,
        "signer-without-credential",
        lambda c: recertified(c).edit(
            RECERT, "Signed: Dr. Samuel Whitfield, MD", "Signed: Samuel Whitfield"
        ),
        reason="no credential documented",
    ),
    # ---------------------------------------------------------------- treatment-plan
    Case("treatment-plan", MET, "baseline", same),
    Case(
        "treatment-plan",
        MET,
        "markdown-plan-of-care",
        lambda c: c.replace(PLAN, PLAN_OF_CARE_MD),
        reason="signed by Samuel Whitfield, MD",
    ),
    Case(
        "treatment-plan",
        MET,
        "signer-named-before-e-signature",
        lambda c: c.edit(
            PLAN,
            "Electronically signed by Samuel Whitfield, MD on 06/03/2025 16:05",
            "Samuel Whitfield, MD - electronically signed 06/03/2025 16:05",
        ),
        reason="signed by Samuel Whitfield, MD",
    ),
    Case(
        "treatment-plan",
        NOT_MET,
        "no-plan",
        lambda c: c.drop(PLAN),
        reason="No treatment plan is documented",
    ),
    Case(
        "treatment-plan",
        NOT_MET,
        "signed-by-lcsw",
        lambda c: c.edit(
            PLAN,
            "Electronically signed by Samuel Whitfield, MD",
            "Electronically signed by Daniel Reyes, LCSW",
        ),
        reason="not by a physician",
    ),
    Case(
        "treatment-plan",
        NOT_MET,
        "unsigned",
        lambda c: c.edit(
            PLAN, "\nElectronically signed by Samuel Whitfield, MD on 06/03/2025 16:05\n", ""
        ),
        reason="lacks a signature by a physician",
    ),
    Case(
        "treatment-plan",
        NOT_MET,
        "no-coordination-of-services",
        lambda c: c.edit(
            PLAN,
            "INTERVENTIONS AND COORDINATION OF SERVICES\n"
            "Group psychotherapy 3 days/week (Daniel Reyes, LCSW); individual psychotherapy weekly\n"
            "(Priya Natarajan, LPC). Weekly interdisciplinary treatment team review; the therapist\n"
            "coordinates care with her primary care provider.\n",
            "INTERVENTIONS\nGroup psychotherapy 3 days/week; individual psychotherapy weekly.\n",
        ),
        reason="does not describe the coordination of services",
    ),
    Case(
        "treatment-plan",
        INSUFFICIENT,
        "scanned-plan-without-text",
        scanned_plan,
        reason="no treatment plan could be read",
    ),
    Case(
        "treatment-plan",
        INSUFFICIENT,
        "signer-without-credential",
        lambda c: c.edit(
            PLAN,
            "Electronically signed by Samuel Whitfield, MD",
            "Electronically signed by Samuel Whitfield",
        ),
        reason="no credential documented",
    ),
    # ---------------------------------------------------------------- goals-measurable
    Case("goals-measurable", MET, "baseline", same, {"failing": 0}),
    Case(
        "goals-measurable",
        MET,
        "markdown-plan-goals",
        lambda c: c.replace(PLAN, PLAN_OF_CARE_MD),
        {"failing": 0},
    ),
    Case(
        "goals-measurable",
        MET,
        "bulleted-goals",
        lambda c: c.replace(PLAN, BULLETED_PLAN),
        {"failing": 0},
    ),
    Case(
        "goals-measurable",
        NOT_MET,
        "bulleted-goal-without-time-frame-above-signature",
        lambda c: c.replace(
            PLAN,
            BULLETED_PLAN.replace(
                "at least 2 times per week by 7/15/25.", "at least 2 times per week."
            ),
        ),
        {"failing": 1},
        reason="has no time frame",
    ),
    Case(
        "goals-measurable",
        NOT_MET,
        "goal-table-row-target-ongoing",
        lambda c: c.replace(PLAN, GOAL_TABLE_PLAN),
        {"failing": 1},
        reason="Improve self-care",
    ),
    # an objective is part of its goal (issue 12): a goal whose own words state a measure
    # and a time frame is measurable and time-framed, whatever its objectives say
    Case(
        "goals-measurable",
        MET,
        "objectives-are-part-of-their-goal",
        lambda c: c.replace(PLAN, STG_PLAN),
        {"failing": 0},
    ),
    # ... and a goal whose words and objectives state no measure is not measurable
    Case(
        "goals-measurable",
        NOT_MET,
        "goal-and-its-objectives-without-measure",
        lambda c: c.replace(
            PLAN,
            STG_PLAN.replace(
                "Remission of depression (PHQ-9 below 10) by 08/01/2025.",
                "Remission of depression.",
            ).replace(
                "Complete a behavioral activation schedule 5 days per week for 4 weeks.",
                "Feel better about herself.",
            ),
        ),
        {"failing": 1},
        reason="has no measure",
    ),
    Case(
        "goals-measurable",
        NOT_MET,
        "goal-without-measure",
        lambda c: c.edit(
            PLAN,
            "within 4 weeks.\n",
            "within 4 weeks.\n3. Improve her relationship with her daughter by 07/15/2025.\n",
        ),
        {"failing": 1},
        reason="“3. Improve her relationship with her daughter by 07/15/2025.” has no measure",
    ),
    Case(
        "goals-measurable",
        NOT_MET,
        "goal-without-time-frame",
        lambda c: c.edit(
            PLAN, "per her self-care log, within 4 weeks.", "per her self-care log; ongoing."
        ),
        {"failing": 1},
        reason="has no time frame",
    ),
    Case("goals-measurable", NOT_APPLICABLE, "no-plan", lambda c: c.drop(PLAN)),
    Case(
        "goals-measurable",
        INSUFFICIENT,
        "scanned-plan-without-text",
        scanned_plan,
        reason="No treatment goals could be read",
    ),
    # ---------------------------------------------------------------- weekly-hours
    Case("weekly-hours", MET, "baseline", same, reason="lowest: week 1, 10 hours"),
    Case(
        "weekly-hours",
        MET,
        "service-log-instead-of-notes",
        lambda c: c.drop(*all_notes()).add("10_iop_service_log.md", SERVICE_LOG_MD),
        reason="lowest: week 1, 10 hours",
    ),
    Case(
        "weekly-hours",
        MET,
        "birp-note-with-group-time-label",
        lambda c: c.replace(THU_W2, BIRP_GROUP_NOTE),
        reason="lowest: week 1, 10 hours",
    ),
    Case(
        "weekly-hours",
        NOT_MET,
        "week-2-missing-thursday-group",
        lambda c: c.drop(THU_W2),
        reason="Week 2 (2025-06-09 to 2025-06-15) has 7 counted hours, below the 9 required",
    ),
    Case(
        "weekly-hours",
        NOT_MET,
        "week-2-left-group-early",
        lambda c: c.edit(
            THU_W2,
            "Response: Client shared openly",
            "Client left group early at 10:00 AM for a dental appointment.\n"
            "Response: Client shared openly",
        ),
        reason="Week 2 (2025-06-09 to 2025-06-15) has 8 counted hours",
    ),
    Case(
        "weekly-hours",
        NOT_MET,
        "week-2-arrived-late-time-in-parentheses",
        lambda c: c.edit(
            THU_W2,
            "Attendance: Present\n",
            "Attendance: Present - arrived late (11:00 AM) after a bus delay\n",
        ),
        reason="Week 2 (2025-06-09 to 2025-06-15) has 8 counted hours",
    ),
    Case(
        "weekly-hours",
        NOT_MET,
        "week-2-no-show",
        lambda c: c.replace(THU_W2, NO_SHOW_NOTE),
        reason="Week 2 (2025-06-09 to 2025-06-15) has 7 counted hours",
    ),
    Case(
        "weekly-hours",
        INSUFFICIENT,
        "week-2-group-without-time",
        lambda c: c.edit(THU_W2, "Time: 9:00 AM-12:00 PM\n", ""),
        reason="1 counted session(s) of unknown length",
    ),
    Case(
        "weekly-hours",
        INSUFFICIENT,
        "note-present-log-absent-same-group",
        lambda c: c.add("11_attendance_log_week_2025-06-09.txt", CONFLICTING_LOG),
        reason="documented as both attended and absent",
    ),
    Case(
        "weekly-hours",
        INSUFFICIENT,
        "two-admission-dates",
        lambda c: c.edit(DISCHARGE, "Admission Date: 06/02/2025", "Admission Date: 06/03/2025"),
        reason="the chart states different admission dates: 2025-06-02 and 2025-06-03",
    ),
    Case(
        "weekly-hours",
        NOT_APPLICABLE,
        "discharged-in-week-1",
        lambda c: discharged_on(c.drop(*week_notes(2)), dt.date(2025, 6, 6)),
        reason="No program week is complete",
    ),
    # ---------------------------------------------------------------- progress-notes
    Case("progress-notes", MET, "baseline", same),
    Case(
        "progress-notes",
        MET,
        "focus-of-session-and-pt-response-labels",
        lambda c: c.edit(THU_W2, GROUP_NOTE_BODY, FOCUS_LABELS_BODY),
    ),
    Case(
        "progress-notes",
        NOT_MET,
        "group-note-without-response",
        lambda c: c.edit(
            THU_W2,
            "Response: Client shared openly and gave supportive feedback to two peers.\n",
            "",
        ),
        reason="the note of 2025-06-12 09:00 group psychotherapy lacks the member's response",
    ),
    Case(
        "progress-notes",
        NOT_MET,
        "soap-plan-that-names-no-goal",
        lambda c: c.edit(TUE_W1, " Relation to\nplan: addresses Goal 1 (PHQ-9 below 10).", ""),
        reason="the note of 2025-06-03 13:00 individual psychotherapy lacks the relation to treatment-plan goals",
    ),
    Case(
        "progress-notes",
        NOT_MET,
        "dap-note-without-response",
        lambda c: c.replace(THU_W2, NO_RESPONSE_DAP),
        reason="lacks the member's response",
    ),
    Case(
        "progress-notes",
        INSUFFICIENT,
        "content-only-note-without-attendance",
        lambda c: c.add("2025-06-12_psychoeducation_group_note.txt", CONTENT_ONLY_NOTE),
        reason="Attendance is not documented",
    ),
    Case(
        "progress-notes",
        NOT_APPLICABLE,
        "service-log-only",
        lambda c: c.drop(*all_notes()).add("10_iop_service_log.md", SERVICE_LOG_MD),
    ),
    # ---------------------------------------------------------------- diagnosis
    Case("diagnosis", MET, "baseline", same),
    Case(
        "diagnosis",
        MET,
        "dsm5-name-without-code",
        lambda c: (
            c.edit(
                INTAKE,
                "F33.2 Major depressive disorder, recurrent, severe without psychotic features",
                "Major depressive disorder, recurrent episode, severe",
            )
            .edit(
                CERTIFICATION,
                "Diagnosis: F33.2 Major depressive disorder, recurrent, severe without psychotic features",
                "Diagnosis: Major depressive disorder, recurrent episode, severe",
            )
            .edit(PLAN, "Diagnosis: F33.2 Major", "Diagnosis: Major")
        ),
        {
            "covered": ["Major depressive disorder, recurrent episode, severe"] * 2
            + ["Major depressive disorder, recurrent, severe"]
        },
    ),
    Case(
        "diagnosis",
        MET,
        "named-only-in-intake-diagnosis-list",
        lambda c: (
            c.edit(
                INTAKE,
                "F33.2 Major depressive disorder, recurrent, severe without psychotic features",
                "- Major depressive disorder, recurrent episode, severe",
            )
            .edit(
                CERTIFICATION,
                "Diagnosis: F33.2 Major depressive disorder, recurrent, severe without psychotic features\n\n",
                "",
            )
            .edit(PLAN, "Diagnosis: F33.2 Major depressive disorder, recurrent, severe\n", "")
        ),
        {"covered": ["Major depressive disorder, recurrent episode, severe"]},
    ),
    Case(
        "diagnosis",
        NOT_MET,
        "only-z-code",
        lambda c: (
            c.edit(
                INTAKE,
                "F33.2 Major depressive disorder, recurrent, severe without psychotic features",
                "Z63.0 Problems in relationship with spouse or partner",
            )
            .edit(
                CERTIFICATION,
                "Diagnosis: F33.2 Major depressive disorder, recurrent, severe without psychotic features",
                "Diagnosis: Z63.0 Problems in relationship with spouse or partner",
            )
            .edit(
                PLAN,
                "Diagnosis: F33.2 Major depressive disorder, recurrent, severe",
                "Diagnosis: Z63.0 Problems in relationship with spouse or partner",
            )
        ),
        reason="Only diagnoses outside F01-F99 are documented",
    ),
    Case(
        "diagnosis",
        INSUFFICIENT,
        "no-diagnosis",
        lambda c: (
            c.edit(
                INTAKE,
                "DIAGNOSES\nF33.2 Major depressive disorder, recurrent, severe without psychotic features\n\n",
                "",
            )
            .edit(
                CERTIFICATION,
                "Diagnosis: F33.2 Major depressive disorder, recurrent, severe without psychotic features\n\n",
                "",
            )
            .edit(PLAN, "Diagnosis: F33.2 Major depressive disorder, recurrent, severe\n", "")
        ),
        reason="No diagnosis is documented",
    ),
    Case(
        "diagnosis",
        INSUFFICIENT,
        "rule-out-only",
        lambda c: (
            c.edit(
                INTAKE,
                "F33.2 Major depressive disorder, recurrent, severe without psychotic features",
                "Rule out bipolar II disorder",
            )
            .edit(
                CERTIFICATION,
                "Diagnosis: F33.2 Major depressive disorder, recurrent, severe without psychotic features\n\n",
                "",
            )
            .edit(PLAN, "Diagnosis: F33.2 Major depressive disorder, recurrent, severe\n", "")
        ),
        reason="No diagnosis is documented",
    ),
    # ---------------------------------------------------------------- acuity
    Case("acuity", MET, "baseline", same),
    Case(
        "acuity",
        MET,
        "increased-symptoms-impairing-work-and-self-care",
        lambda c: c.replace(INTAKE, INTAKE_INCREASED_SYMPTOMS).edit(
            CERTIFICATION, CERT_NEED_PLAIN[0], CERT_NEED_PLAIN[1]
        ),
        {"acute": ["decompensation"], "impaired_domains": ["self_care", "vocational"]},
    ),
    Case(
        "acuity",
        NOT_MET,
        "chronic-and-stable-at-admission",
        lambda c: c.replace(INTAKE, INTAKE_CHRONIC_STABLE).edit(
            CERTIFICATION, CERT_NEED_PLAIN[0], CERT_NEED_PLAIN[1]
        ),
        reason="chronic and stable without acute exacerbation",
    ),
    Case(
        "acuity",
        NOT_MET,
        "chronic-with-no-recent-exacerbation",
        lambda c: c.replace(
            INTAKE,
            INTAKE_CHRONIC_STABLE.replace(
                "Recurrent major depression, chronic and stable on sertraline for many years.",
                "Recurrent major depression; her condition is chronic with no recent exacerbation.",
            ),
        ).edit(CERTIFICATION, CERT_NEED_PLAIN[0], CERT_NEED_PLAIN[1]),
        reason="chronic and stable without acute exacerbation",
    ),
    Case(
        "acuity",
        INSUFFICIENT,
        "psychiatrically-stable-and-decompensated",
        lambda c: c.edit(
            INTAKE,
            "Admit to the Adult IOP.",
            "She is psychiatrically stable. Admit to the Adult IOP.",
        ),
        reason="a reviewer must resolve the conflict",
    ),
    Case(
        "acuity",
        INSUFFICIENT,
        "impairment-in-one-area",
        lambda c: c.replace(INTAKE, INTAKE_ONE_AREA).edit(
            CERTIFICATION, CERT_NEED_PLAIN[0], CERT_NEED_PLAIN[1]
        ),
        {"impaired_domains": ["vocational"]},
    ),
    # ---------------------------------------------------------------- safety
    Case("safety", MET, "baseline", same, reason="(C-SSRS) of 2025-06-02"),
    Case(
        "safety",
        MET,
        "safety-assessment-section-of-the-intake",
        lambda c: c.drop(RISK).edit(
            INTAKE,
            "ASSESSMENT AND PLAN\n",
            "SAFETY ASSESSMENT\nDenies SI/HI, plan or intent; no access to firearms. Risk level: low.\n"
            "Not an imminent danger to self or others.\n\nASSESSMENT AND PLAN\n",
        ),
        reason="The risk assessment of 2025-06-02 finds no imminent danger",
    ),
    Case(
        "safety",
        NOT_MET,
        "si-with-plan-and-intent-in-week-2",
        lambda c: c.add("2025-06-13_individual_crisis_note.txt", SI_PLAN_NOTE),
        reason="suicidal ideation with plan or intent (2025-06-13)",
    ),
    Case(
        "safety",
        NOT_MET,
        "reported-si-then-has-a-plan-and-intent",
        lambda c: c.add("2025-06-13_individual_therapy_note.txt", SI_HAS_PLAN_NOTE),
        reason="suicidal ideation with plan or intent (2025-06-13)",
    ),
    Case(  # RULES.md "Risk assessment": a risk level of low concludes no imminent danger
        "safety",
        MET,
        "low-risk-screen-concludes-no-imminent-danger",
        lambda c: c.replace(RISK, CSSRS_SCREEN_LOW),
        reason="finds no imminent danger",
    ),
    Case(  # "only 'moderate risk'" reaches no conclusion about imminent danger
        "safety",
        INSUFFICIENT,
        "moderate-risk-screen-silent-on-imminent-danger",
        lambda c: c.replace(RISK, CSSRS_SCREEN_LOW.replace("Low risk.", "Moderate risk.")),
        reason="none reaches a conclusion about imminent danger",
    ),
    Case(
        "safety",
        INSUFFICIENT,
        "no-risk-assessment",
        lambda c: c.drop(RISK),
        reason="No risk assessment is documented",
    ),
    # ---------------------------------------------------------------- participation
    Case("participation", MET, "baseline", same),
    Case(
        "participation",
        NOT_MET,
        "could-not-tolerate-intensity",
        lambda c: c.edit(
            DISCHARGE,
            "Course: attended all scheduled groups and individual sessions with active participation.",
            "Course: she could not tolerate the intensity of the program and asked to step down.",
        ),
        reason="cannot tolerate the intensity of the program",
    ),
    Case(  # RULES.md "Participation over time": the latest documented state governs
        "participation",
        MET,
        "refused-one-group-then-participated-again",
        lambda c: c.edit(
            WED_W2,
            "Response: Client shared openly and gave supportive feedback to two peers.",
            "Response: Client refused to participate in the discussion and sat apart.",
        ),
        reason="participation resumed and is the latest documented state",
    ),
    Case(  # two documents of the latest date contradict each other
        "participation",
        INSUFFICIENT,
        "phone-note-of-discharge-day-says-refuses",
        lambda c: c.add(
            "2025-06-16_phone_note.txt",
            "TELEPHONE CONTACT NOTE\nDate: 06/16/2025\n\n"
            "Client called and refuses to participate in any further groups.\n",
        ),
        reason="a reviewer must resolve the conflict",
    ),
    # ---------------------------------------------------------------- active-treatment
    Case("active-treatment", MET, "baseline", same, {"share": 0.0}),
    Case(
        "active-treatment",
        NOT_MET,
        "mostly-community-outings",
        lambda c: (
            c.drop(*(group_note_name(group_days(w)[k]) for w in (1, 2) for k in (0, 1)))
            .add("2025-06-02_recreation_note.txt", OUTING_NOTE.format(day="06/02/2025"))
            .add("2025-06-04_recreation_note.txt", OUTING_NOTE.format(day="06/04/2025"))
            .add("2025-06-09_recreation_note.txt", OUTING_NOTE.format(day="06/09/2025"))
            .add("2025-06-11_recreation_note.txt", OUTING_NOTE.format(day="06/11/2025"))
        ),
        {"share": 0.6},
        reason="12 of 20 attended service hours (60%)",
    ),
    Case(
        "active-treatment",
        INSUFFICIENT,
        "social-hour-of-unknown-length",
        lambda c: c.add("2025-06-11_milieu_note.txt", SOCIAL_HOUR_NOTE),
        reason="1 attended session(s) of unknown length",
    ),
    Case(
        "active-treatment",
        NOT_APPLICABLE,
        "never-attended",
        lambda c: c.drop(*all_notes()).add("10_attendance_record.txt", ATTENDANCE_RECORD_NO_SHOWS),
    ),
    # ---------------------------------------------------------------- excluded-services
    Case("excluded-services", MET, "baseline", same),
    Case(
        "excluded-services",
        MET,
        "paratransit-referral-is-not-a-service",
        lambda c: c.edit(
            DISCHARGE,
            "referred to a community depression support group.",
            "referred to a community depression support group and to Metro Paratransit for\n"
            "rides to outpatient appointments.",
        ),
    ),
    Case(
        "excluded-services",
        NOT_MET,
        "program-lunch-in-service-log",
        lambda c: c.add("11_program_service_log_week_2025-06-09.txt", LUNCH_LOG_CSV),
        reason="2025-06-09 12:00 meal",
    ),
    Case(
        "excluded-services",
        NOT_MET,
        "agency-van-transportation",
        lambda c: c.add("2025-06-10_transportation_note.txt", VAN_NOTE),
        reason="2025-06-10 08:15 transportation",
    ),
    Case(
        "excluded-services",
        NOT_APPLICABLE,
        "no-program-services",
        lambda c: c.drop(*all_notes()),
        reason="no program services",
    ),
    # ---------------------------------------------------------------- discharge-planning
    Case("discharge-planning", MET, "baseline", same),
    Case(
        "discharge-planning",
        MET,
        "aftercare-line-in-discharge-summary-only",
        lambda c: c.edit(PLAN, PLAN_DISCHARGE_SECTION, "").edit(
            DISCHARGE,
            DISCHARGE_PLANNING_LINES,
            "Aftercare: weekly outpatient therapy with Hillside Counseling (first appt 06/20/2025).",
        ),
        {"documented": ["linkage to community resources"]},
    ),
    Case(
        "discharge-planning",
        NOT_MET,
        "mid-episode-no-discharge-plan",
        lambda c: c.drop(DISCHARGE).edit(PLAN, PLAN_DISCHARGE_SECTION, ""),
        reason="No discharge planning",
    ),
    # ---------------------------------------------------------------- continued-stay
    Case("continued-stay", NOT_APPLICABLE, "discharged-day-14", same),
    Case(
        "continued-stay",
        MET,
        "recertification-documents-both",
        recertified,
        {"missing": []},
    ),
    Case(
        "continued-stay",
        NOT_MET,
        "day-74-without-justification",
        long_stay,
        {"missing": ["continuing_symptoms", "less_intensive_insufficient"]},
    ),
    Case(
        "continued-stay",
        NOT_MET,
        "recertification-without-relapse-risk",
        lambda c: recertified(c).edit(
            RECERT,
            "Stepping down to weekly outpatient therapy now would likely lead to relapse and\n"
            "rehospitalization.\n",
            "",
        ),
        {"missing": ["less_intensive_insufficient"]},
    ),
    Case(
        "continued-stay",
        INSUFFICIENT,
        "initial-certification-undated",
        lambda c: undated_certification(long_stay(c)),
        reason="No dated initial certification",
    ),
    Case(
        "continued-stay",
        INSUFFICIENT,
        "undated-justification",
        lambda c: long_stay(c).add("21_continued_stay_addendum.txt", CONTINUED_STAY_ADDENDUM),
        reason="is undated",
    ),
)


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


# --------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def baseline_record(tmp_path_factory: pytest.TempPathFactory) -> AuditRecord:
    return review(baseline(), tmp_path_factory.mktemp("minichart") / "baseline")


# The baseline ends 14 days after its certification: no recertification is due yet.
BASELINE_NOT_APPLICABLE = frozenset(
    {"recertification-interval", "recertification-content", "continued-stay"}
)


def test_baseline_meets_every_rule(baseline_record: AuditRecord) -> None:
    got = {f.rule_id.removeprefix(f"{PACK}."): f.status for f in baseline_record.findings}
    assert got == {r: NOT_APPLICABLE if r in BASELINE_NOT_APPLICABLE else MET for r in STATUSES}
    assert baseline_record.overall == MET
    hours = [(w.week, w.complete, w.counted_hours) for w in baseline_record.weekly_summary]
    assert hours == [(1, True, 10.0), (2, True, 10.0), (3, False, 0.0)]


def test_cases_cover_every_status_of_every_rule() -> None:
    assert_cases_cover(
        PACK,
        STATUSES,
        ((c.rule, c.status) for c in CASES if c.xfail is None),
        (c.id for c in CASES),
    )


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_rule_status_on_chart_text(case: Case, tmp_path: Path) -> None:
    record = review(case.build(baseline()), tmp_path / "chart")
    got = finding(record, case.rule)
    assert got.status == case.status, f"{case.id}: {got.status}: {got.reason}"
    for key, want in case.values.items():
        assert got.values.get(key) == want, f"{case.id}: values[{key!r}] in {got.values}"
    if case.reason is not None:
        assert case.reason in got.reason, f"{case.id}: {got.reason}"
