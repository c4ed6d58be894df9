"""``optum-idaho-iop`` rule statuses on chart text, through the real extractor.

:func:`idaho_baseline` is a small plain-text chart on which every ``optum-idaho-iop`` rule is
``met`` or ``not_applicable`` (RULES.md): Rowan J. Ellery (fictional, born 1988-09-14, an
adult), admitted to the Snake River Counseling adult IOP on Mon 2025-06-02 and discharged
Mon 2025-06-23, so program weeks 1-3 are complete and week 4 is partial. Each Mon/Wed/Thu:
one 3-hour mental-health process group (09:00-12:00, 6 members, facilitated by an LCSW),
i.e. 9 counted hours on 3 days a week. A weekly C-SSRS by the LCSW; a PCP physical exam on
2025-05-20 (13 days before admission); a substance use assessment and the DSM-5 Level 1
Cross-Cutting Symptom Measure in the intake; F33.1 only; a plan with family involvement;
and a continuing-service request submitted 15 days before the authorization expired.

Each case changes only what it is about. Case ids read ``<rule>:<status>:<what differs>``;
expected statuses come from /work/shared/spec/RULES.md, never from the tool's output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pytest
from pdfs import image_pdf_bytes

from audit.record import AuditRecord
from core.findings import Status
from ingest.loader import load_chart
from pipeline.review import review_paths
from tests.e2e.coverage import assert_cases_cover
from tests.e2e.minichart import Content, MiniChart
from tests.e2e.test_invariants import _spans

MET = Status.MET
NOT_MET = Status.NOT_MET
INSUFFICIENT = Status.INSUFFICIENT_EVIDENCE
NA = Status.NOT_APPLICABLE

PACK = "optum-idaho-iop"

# Every status each rule can produce (RULES.md pack `optum-idaho-iop`, plus
# insufficient_evidence where the facts needed can be missing or contradictory): the
# coverage test below requires a chart-text case for each, and none for any other.
ALL = frozenset({MET, NOT_MET, INSUFFICIENT, NA})
STATUSES: dict[str, frozenset[Status]] = {
    "age": frozenset({MET, NOT_MET, INSUFFICIENT}),
    "weekly-hours": ALL,
    "per-diem-day": ALL,
    "days-per-week": ALL,
    "physical-exam": ALL,
    "weekly-risk-assessment": ALL,
    "group-size": ALL,
    "facilitator-credentials": ALL,
    "substance-use-assessment": frozenset({MET, NOT_MET}),
    "attendance": ALL,
    "authorization-timing": ALL,
    "no-duplicate-services": frozenset({MET, NOT_MET}),
    "family-involvement": ALL,
    "standardized-assessment": frozenset({MET, NOT_MET, INSUFFICIENT}),
}

ADMISSION = dt.date(2025, 6, 2)
FACILITATOR = "Nadia Brooks, LCSW"

INTAKE = "01_intake_assessment.txt"
PLAN = "02_treatment_plan.txt"
REQUEST = "20_continuing_service_request.txt"
DISCHARGE = "30_discharge_summary.txt"

INTAKE_TEXT = """\
SNAKE RIVER COUNSELING - ADULT INTENSIVE OUTPATIENT PROGRAM
COMPREHENSIVE DIAGNOSTIC ASSESSMENT

Client: Rowan J. Ellery        DOB: 09/14/1988        Medicaid ID: ID-0042917
Date of Assessment: 06/02/2025
IOP Admission Date: 06/02/2025
Clinician: Nadia Brooks, LCSW

PRESENTING PROBLEM
Recurrent depression with worsening hopelessness and missed work over the past month.

SUBSTANCE USE ASSESSMENT
Alcohol: 1-2 drinks monthly. Cannabis: none. Other drugs: denies. AUDIT-C score: 1.
No substance use disorder identified; drug testing not clinically indicated.

STANDARDIZED MEASURES
DSM-5 Level 1 Cross-Cutting Symptom Measure completed 06/02/2025: elevated depression and
anxiety domains; no psychosis, mania or substance use domains elevated.

MEDICAL
Physical exam completed by PCP on 05/20/2025; no acute medical concerns.

DIAGNOSES
F33.1 Major depressive disorder, recurrent, moderate

Electronically signed by Nadia Brooks, LCSW on 06/02/2025 16:00
"""

PLAN_TEXT = """\
SNAKE RIVER COUNSELING
INDIVIDUALIZED TREATMENT PLAN - ADULT IOP

Client: Rowan J. Ellery    Plan Date: 06/03/2025
Diagnosis: F33.1 Major depressive disorder, recurrent, moderate

GOALS
1. PHQ-9 below 10 by 07/15/2025.
2. Return to work at least 3 shifts per week within 6 weeks.

FAMILY AND NATURAL SUPPORTS
Family involvement: his sister will attend a family session every other week.

Electronically signed by Nadia Brooks, LCSW on 06/03/2025 15:00
"""

REQUEST_TEXT = """\
SNAKE RIVER COUNSELING
CONTINUING SERVICE REQUEST - OPTUM IDAHO

Client: Rowan J. Ellery
Date submitted: 06/16/2025
Current authorization expires: 07/01/2025
Engagement: attended 7 of 7 scheduled groups.
"""

PLAN_REVIEW_TEXT = """\
SNAKE RIVER COUNSELING
TREATMENT PLAN REVIEW - ADULT IOP

Client: Rowan J. Ellery    Plan Date: 06/13/2025
Reason for review: missed most groups since 06/04; strengths and needs re-assessed.

GOALS
1. Attend at least 3 groups per week for the next 2 weeks.

Electronically signed by Nadia Brooks, LCSW on 06/13/2025 15:00
"""

DISCHARGE_TEXT = """\
SNAKE RIVER COUNSELING
DISCHARGE SUMMARY - ADULT IOP

Client: Rowan J. Ellery
Admission Date: 06/02/2025
Discharge Date: 06/23/2025

Step down to weekly outpatient therapy.

Electronically signed by Nadia Brooks, LCSW on 06/23/2025 12:00
"""

_TOPICS = (
    "depression and behavioral activation",
    "mood tracking",
    "cognitive distortions in depression",
    "sleep and mood",
    "self-esteem",
    "grief and loss",
    "anxiety and worry",
    "mood and routine",
    "emotion regulation",
)


def group_days() -> list[dt.date]:
    """Mon, Wed, Thu of weeks 1-3."""
    return [ADMISSION + dt.timedelta(days=7 * w + d) for w in range(3) for d in (0, 2, 3)]


def note_name(day: dt.date) -> str:
    return f"{day.isoformat()}_iop_group_note.txt"


def group_note(
    day: dt.date,
    topic: str,
    *,
    time: str = "9:00 AM-12:00 PM",
    size: str = "6",
    facilitator: str = FACILITATOR,
    attendance: str = "Present",
) -> str:
    return f"""\
SNAKE RIVER COUNSELING - IOP GROUP PROGRESS NOTE
Client: Rowan J. Ellery
DOS: {day.strftime("%m/%d/%Y")}
Time: {time}
Group: Process group (group psychotherapy) - {topic}
Facilitator: {facilitator}
Group size: {size}
Attendance: {attendance}

Intervention: facilitated a process discussion on {topic}.
Response: Client shared openly and gave feedback to peers.
Progress toward goals: Goal 1 (PHQ-9 below 10).

{facilitator}   {day.strftime("%m/%d/%Y")} 12:30
"""


def risk_name(day: dt.date) -> str:
    return f"{day.isoformat()}_cssrs.txt"


def risk_text(day: dt.date, assessor: str = FACILITATOR) -> str:
    return f"""\
SNAKE RIVER COUNSELING - ADULT IOP
C-SSRS RISK ASSESSMENT

Client: Ellery, Rowan J.
Date of Assessment: {day.strftime("%m/%d/%Y")}
Assessor: {assessor}

Wish to be dead (past month): NO
Active suicidal thoughts (past month): NO

CONCLUSION
Risk level: Low. No imminent danger to self or others. Does not require 24-hour
supervision.

{assessor}   {day.strftime("%m/%d/%Y")} 13:30
"""


def risk_days() -> list[dt.date]:
    return [ADMISSION + dt.timedelta(days=7 * w) for w in range(3)]


def idaho_baseline() -> MiniChart:
    files: dict[str, Content] = {
        INTAKE: INTAKE_TEXT,
        PLAN: PLAN_TEXT,
        REQUEST: REQUEST_TEXT,
        DISCHARGE: DISCHARGE_TEXT,
    }
    for day, topic in zip(group_days(), _TOPICS, strict=True):
        files[note_name(day)] = group_note(day, topic)
    for day in risk_days():
        files[risk_name(day)] = risk_text(day)
    return MiniChart(MappingProxyType(files))


# --------------------------------------------------------------------------- reviewing


def review(chart: MiniChart, folder: Path) -> AuditRecord:
    chart.write(folder)
    record = review_paths([folder], policy=PACK)
    assert record.input_errors == []
    documents = {d.document_id: d for d in load_chart([folder]).documents}
    for ev in _spans(record.model_dump(mode="json")):
        text = documents[ev["document_id"]].page(ev["page"]).text
        assert text[ev["start"] : ev["end"]] == ev["quote"], ev
    return record


# --------------------------------------------------------------------------- knobs

DAYS = group_days()
WED_W2 = DAYS[4]  # 2025-06-11
THU_W3 = DAYS[8]  # 2025-06-19


def with_note(chart: MiniChart, day: dt.date, **kwargs: str) -> MiniChart:
    return chart.replace(note_name(day), group_note(day, _TOPICS[DAYS.index(day)], **kwargs))


def discharged(chart: MiniChart, us_date: str) -> MiniChart:
    return chart.edit(DISCHARGE, "Discharge Date: 06/23/2025", f"Discharge Date: {us_date}").edit(
        DISCHARGE, "on 06/23/2025 12:00", f"on {us_date} 12:00"
    )


def early_discharge(chart: MiniChart) -> MiniChart:
    """Discharged Fri 2025-06-06: no complete week; later documents dropped."""
    return discharged(chart, "06/06/2025").drop(
        *(note_name(d) for d in DAYS[3:]), *(risk_name(d) for d in risk_days()[1:]), REQUEST
    )


def long_stay_without_exam(chart: MiniChart) -> MiniChart:
    return discharged(chart, "07/07/2025").edit(
        INTAKE, "Physical exam completed by PCP on 05/20/2025; no acute medical concerns.\n", ""
    )


def cbrs_note(chart: MiniChart) -> MiniChart:
    return chart.add(
        "2025-06-11_cbrs_note.txt",
        """\
SNAKE RIVER COUNSELING - CBRS PROGRESS NOTE
Client: Rowan J. Ellery
DOS: 06/11/2025
Time: 1:00 PM-2:00 PM
Service: CBRS (community based rehabilitation services)
Attendance: Present
Staff: Leo Park, BA

Intervention: practiced budgeting skills in the community.
""",
    )


def no_shows(chart: MiniChart, days: list[dt.date]) -> MiniChart:
    for day in days:
        chart = with_note(chart, day, attendance="No-show")
    return chart


WEEK3_LOG = "11_attendance_log_week_2025-06-16.txt"

WEEK3_LOG_TEXT = """\
SNAKE RIVER COUNSELING - IOP GROUP ATTENDANCE LOG - WEEK OF 06/16/2025
Client: Ellery, Rowan J.

Date       | Service                          | Time        | Staff                | Attendance
-----------|----------------------------------|-------------|----------------------|-----------
06/16/2025 | Group psychotherapy - Process    | 09:00-12:00 | Nadia Brooks, LCSW   | Present
06/18/2025 | Group psychotherapy - Process    | 09:00-12:00 | Nadia Brooks, LCSW   | Present
06/19/2025 | Group psychotherapy - Process    | 09:00-12:00 | Nadia Brooks, LCSW   | Absent
"""


def log_says_absent(chart: MiniChart) -> MiniChart:
    """The week-3 log marks Thu 2025-06-19 absent; that group's own note has the member
    present and responding (same date and start time: one session, contradictory)."""
    return chart.add(WEEK3_LOG, WEEK3_LOG_TEXT)


def scanned_plan(chart: MiniChart) -> MiniChart:
    """The plan filed as a scanned PDF page (an image, no text layer)."""
    return chart.drop(PLAN).add("02_treatment_plan.pdf", image_pdf_bytes())


def request_late(chart: MiniChart) -> MiniChart:
    return chart.edit(REQUEST, "Date submitted: 06/16/2025", "Date submitted: 06/20/2025")


SCHEDULE_LINE = "IOP schedule: Monday, Wednesday and Thursday, 9:00 AM-12:00 PM\n"


def with_schedule(chart: MiniChart, line: str = SCHEDULE_LINE) -> MiniChart:
    """The plan states the member's IOP schedule (no absence is documented)."""
    return chart.edit(PLAN, "\nGOALS\n", f"{line}\nGOALS\n")


def notes_missing(chart: MiniChart, days: list[dt.date]) -> MiniChart:
    """No note at all for ``days``: scheduled days without an attended service."""
    return chart.drop(*(note_name(d) for d in days))


@dataclass(frozen=True)
class Case:
    id: str
    rule: str
    status: Status
    change: Callable[[MiniChart], MiniChart]
    fragment: str = ""


CASES = [
    Case("age:met:adult", "age", MET, lambda c: c, "is 36 at admission (adult)"),
    Case(
        "age:met:adolescent",
        "age",
        MET,
        lambda c: c.edit(INTAKE, "DOB: 09/14/1988", "DOB: 09/14/2009"),
        "15 at admission (adolescent)",
    ),
    Case(
        "age:not_met:twelve",
        "age",
        NOT_MET,
        lambda c: c.edit(INTAKE, "DOB: 09/14/1988", "DOB: 09/14/2012"),
        "younger than 13",
    ),
    Case(
        "age:insufficient:no-dob",
        "age",
        INSUFFICIENT,
        lambda c: c.edit(INTAKE, "DOB: 09/14/1988        ", ""),
        "no date of birth or age",
    ),
    Case("weekly-hours:met:nine", "weekly-hours", MET, lambda c: c, "9-19 counted hours"),
    Case(
        "weekly-hours:not_met:week2-short",
        "weekly-hours",
        NOT_MET,
        lambda c: c.drop(note_name(WED_W2)),
        "Week 2 (2025-06-09 to 2025-06-15) has 6 counted hours",
    ),
    Case(
        "weekly-hours:met:adolescent-six",
        "weekly-hours",
        MET,
        lambda c: c.edit(INTAKE, "DOB: 09/14/1988", "DOB: 09/14/2009").drop(note_name(WED_W2)),
        "(adolescent)",
    ),
    Case(
        "weekly-hours:insufficient:unknown-age-six",
        "weekly-hours",
        INSUFFICIENT,
        lambda c: c.edit(INTAKE, "DOB: 09/14/1988        ", "").drop(note_name(WED_W2)),
        "age group is unknown",
    ),
    Case(
        "weekly-hours:not_applicable:no-complete-week",
        "weekly-hours",
        NA,
        early_discharge,
    ),
    Case("per-diem-day:met:3h", "per-diem-day", MET, lambda c: c),
    Case(
        "per-diem-day:not_met:2h-day",
        "per-diem-day",
        NOT_MET,
        lambda c: with_note(c, WED_W2, time="9:00 AM-11:00 AM"),
        "2025-06-11 (2 h)",
    ),
    Case(
        "per-diem-day:insufficient:no-times",
        "per-diem-day",
        INSUFFICIENT,
        lambda c: c.edit(note_name(WED_W2), "Time: 9:00 AM-12:00 PM\n", ""),
        "2025-06-11",
    ),
    Case(
        "per-diem-day:not_applicable:all-no-shows",
        "per-diem-day",
        NA,
        lambda c: no_shows(c, DAYS),
        "no service days",
    ),
    Case("days-per-week:met:three", "days-per-week", MET, lambda c: c),
    Case(
        "days-per-week:not_met:two-days",
        "days-per-week",
        NOT_MET,
        lambda c: c.drop(note_name(THU_W3)),
        "Week 3 (2025-06-16 to 2025-06-22) has 2 service day(s)",
    ),
    Case(
        "days-per-week:insufficient:log-absent-note-present",
        "days-per-week",
        INSUFFICIENT,
        log_says_absent,
        "Week 3 (2025-06-16 to 2025-06-22) has 2 certain service day(s)",
    ),
    Case("days-per-week:not_applicable:short", "days-per-week", NA, early_discharge),
    Case("physical-exam:met:pcp", "physical-exam", MET, lambda c: c),
    Case(
        "physical-exam:not_met:none-long-stay",
        "physical-exam",
        NOT_MET,
        long_stay_without_exam,
    ),
    Case(
        "physical-exam:not_met:too-early",
        "physical-exam",
        NOT_MET,
        lambda c: discharged(c, "07/07/2025").edit(
            INTAKE, "by PCP on 05/20/2025", "by PCP on 03/20/2025"
        ),
        "2025-03-20 fall outside",
    ),
    Case(
        "physical-exam:not_applicable:none-short-stay",
        "physical-exam",
        NA,
        lambda c: c.edit(
            INTAKE, "Physical exam completed by PCP on 05/20/2025; no acute medical concerns.\n", ""
        ),
    ),
    Case("weekly-risk-assessment:met:weekly", "weekly-risk-assessment", MET, lambda c: c),
    Case(
        "weekly-risk-assessment:not_met:missing-week",
        "weekly-risk-assessment",
        NOT_MET,
        lambda c: c.drop(risk_name(risk_days()[2])),
        "Week 3 (2025-06-16 to 2025-06-22) has no risk assessment",
    ),
    Case(
        "weekly-risk-assessment:not_met:peer",
        "weekly-risk-assessment",
        NOT_MET,
        lambda c: c.replace(risk_name(risk_days()[1]), risk_text(risk_days()[1], "Alex Poe, CPSS")),
        "Alex Poe, CPSS",
    ),
    Case(
        "weekly-risk-assessment:not_applicable:short",
        "weekly-risk-assessment",
        NA,
        early_discharge,
    ),
    Case("group-size:met:six", "group-size", MET, lambda c: c),
    Case(
        "group-size:not_met:two",
        "group-size",
        NOT_MET,
        lambda c: with_note(c, WED_W2, size="2"),
        "has 2 participants",
    ),
    Case(
        "group-size:not_met:twelve",
        "group-size",
        NOT_MET,
        lambda c: with_note(c, WED_W2, size="12"),
        "has 12 participants",
    ),
    Case(
        "group-size:insufficient:no-count",
        "group-size",
        INSUFFICIENT,
        lambda c: c.edit(note_name(WED_W2), "Group size: 6\n", ""),
        "2025-06-11",
    ),
    Case("facilitator-credentials:met:lcsw", "facilitator-credentials", MET, lambda c: c),
    Case(
        "facilitator-credentials:not_met:peer",
        "facilitator-credentials",
        NOT_MET,
        lambda c: with_note(c, WED_W2, facilitator="Alex Poe, CPSS"),
        "Alex Poe, CPSS",
    ),
    Case(
        "facilitator-credentials:not_met:bachelors",
        "facilitator-credentials",
        NOT_MET,
        lambda c: with_note(c, WED_W2, facilitator="Leo Park, BA"),
        "Leo Park, BA",
    ),
    Case("substance-use-assessment:met:intake", "substance-use-assessment", MET, lambda c: c),
    Case(
        "substance-use-assessment:not_met:none",
        "substance-use-assessment",
        NOT_MET,
        lambda c: c.edit(INTAKE, "SUBSTANCE USE ASSESSMENT\n", "SOCIAL HISTORY\n").edit(
            INTAKE, " AUDIT-C score: 1.", ""
        ),
    ),
    Case("attendance:not_applicable:no-absences", "attendance", NA, lambda c: c),
    Case(
        "attendance:met:one-no-show",
        "attendance",
        MET,
        lambda c: no_shows(c, [WED_W2]),
        "attended 8 of 9",
    ),
    Case(
        "attendance:not_met:mostly-absent",
        "attendance",
        NOT_MET,
        lambda c: no_shows(c, DAYS[1:6]),
        "only 4 of 9",
    ),
    Case(
        "attendance:insufficient:log-absent-note-present",
        "attendance",
        INSUFFICIENT,
        lambda c: log_says_absent(no_shows(c, DAYS[1:5])),
        "attended 4 of 9 scheduled sessions in program weeks 1-3; 1 session(s) have "
        "contradictory records",
    ),
    Case("authorization-timing:met:15-days", "authorization-timing", MET, lambda c: c),
    Case(
        "authorization-timing:not_met:11-days",
        "authorization-timing",
        NOT_MET,
        request_late,
        "11 days before the authorization expires on 2025-07-01",
    ),
    Case(
        "authorization-timing:not_applicable:no-request",
        "authorization-timing",
        NA,
        lambda c: c.drop(REQUEST),
    ),
    Case(
        "authorization-timing:insufficient:no-expiry",
        "authorization-timing",
        INSUFFICIENT,
        lambda c: c.edit(REQUEST, "Current authorization expires: 07/01/2025\n", ""),
    ),
    Case("no-duplicate-services:met:none", "no-duplicate-services", MET, lambda c: c),
    Case(
        "no-duplicate-services:not_met:cbrs",
        "no-duplicate-services",
        NOT_MET,
        cbrs_note,
        "CBRS on 2025-06-11",
    ),
    Case("family-involvement:met:plan", "family-involvement", MET, lambda c: c),
    Case(
        "family-involvement:not_met:plan-without",
        "family-involvement",
        NOT_MET,
        lambda c: c.edit(
            PLAN,
            "FAMILY AND NATURAL SUPPORTS\n"
            "Family involvement: his sister will attend a family session every other week.\n",
            "",
        ),
    ),
    Case(
        "family-involvement:not_applicable:no-plan",
        "family-involvement",
        NA,
        lambda c: c.drop(PLAN),
    ),
    Case(
        "family-involvement:insufficient:scanned-plan-without-text",
        "family-involvement",
        INSUFFICIENT,
        scanned_plan,
        "02_treatment_plan.pdf is filed as a treatment plan, but no plan could be read",
    ),
    Case(
        "standardized-assessment:met:cross-cutting",
        "standardized-assessment",
        MET,
        lambda c: c,
        "Cross-Cutting",
    ),
    Case(
        "standardized-assessment:not_met:no-cross-cutting",
        "standardized-assessment",
        NOT_MET,
        lambda c: c.edit(
            INTAKE, "DSM-5 Level 1 Cross-Cutting Symptom Measure completed 06/02/2025", "Screening"
        ),
        "Cross-Cutting Symptom Measure is required",
    ),
    Case(
        "standardized-assessment:insufficient:no-diagnosis",
        "standardized-assessment",
        INSUFFICIENT,
        lambda c: c.edit(INTAKE, "F33.1 Major depressive disorder, recurrent, moderate\n", "").edit(
            PLAN, "Diagnosis: F33.1 Major depressive disorder, recurrent, moderate\n", ""
        ),
        "no diagnosis is documented",
    ),
    Case(
        "physical-exam:insufficient:undated",
        "physical-exam",
        INSUFFICIENT,
        lambda c: c.edit(INTAKE, "by PCP on 05/20/2025;", "by PCP;"),
        "without a date",
    ),
    Case(
        "weekly-risk-assessment:insufficient:no-credential",
        "weekly-risk-assessment",
        INSUFFICIENT,
        lambda c: c.replace(risk_name(risk_days()[1]), risk_text(risk_days()[1], "Nadia Brooks")),
        "week 2",
    ),
    Case(
        "facilitator-credentials:insufficient:no-credential",
        "facilitator-credentials",
        INSUFFICIENT,
        lambda c: with_note(c, WED_W2, facilitator="Nadia Brooks"),
        "credential of Nadia Brooks",
    ),
    Case(
        "group-size:not_applicable:no-attended-group",
        "group-size",
        NA,
        lambda c: no_shows(c, DAYS),
    ),
    Case(
        "facilitator-credentials:not_applicable:no-attended-group",
        "facilitator-credentials",
        NA,
        lambda c: no_shows(c, DAYS),
    ),
    Case(
        "attendance:met:plan-reassessed",
        "attendance",
        MET,
        lambda c: no_shows(c, DAYS[1:6]).add("25_treatment_plan_review.txt", PLAN_REVIEW_TEXT),
        "re-assessment followed",
    ),
    Case(
        "attendance:not_applicable:program-closed-is-not-scheduled",
        "attendance",
        NA,
        lambda c: with_note(c, WED_W2, attendance="Program closed"),
        "schedule is unknown",
    ),
    Case(
        "attendance:met:schedule-every-day-attended",
        "attendance",
        MET,
        with_schedule,
        "attended 9 of 9 scheduled days (program schedule: Monday, Wednesday and Thursday)",
    ),
    Case(
        "attendance:not_met:schedule-days-without-notes",
        "attendance",
        NOT_MET,
        lambda c: notes_missing(with_schedule(c), DAYS[1:6]),
        "only 4 of 9 scheduled days",
    ),
    Case(
        "attendance:met:schedule-shortfall-plan-reassessed",
        "attendance",
        MET,
        lambda c: notes_missing(with_schedule(c), DAYS[1:6]).add(
            "25_treatment_plan_review.txt", PLAN_REVIEW_TEXT
        ),
        "re-assessment followed",
    ),
    Case(
        "attendance:met:schedule-program-closed-day",
        "attendance",
        MET,
        lambda c: with_note(with_schedule(c), WED_W2, attendance="Program closed"),
        "attended 8 of 8 scheduled days",
    ),
    Case(
        "attendance:met:schedule-letters-range",
        "attendance",
        MET,
        lambda c: with_schedule(c, "Attends M-Th, 9:00 AM-12:00 PM\n"),
        "attended 9 of 12 scheduled days",
    ),
    Case(
        "attendance:insufficient:schedules-differ",
        "attendance",
        INSUFFICIENT,
        lambda c: with_schedule(c).edit(
            INTAKE,
            "IOP Admission Date: 06/02/2025\n",
            "IOP Admission Date: 06/02/2025\nProgram days: Tue/Thu\n",
        ),
        "different program schedules",
    ),
    Case(
        "attendance:not_applicable:schedule-only-proposed",
        "attendance",
        NA,
        lambda c: with_schedule(c, "Proposed schedule: Mon/Wed/Thu, pending authorization\n"),
        "schedule is unknown",
    ),
    Case(
        "no-duplicate-services:met:cbrs-on-other-day",
        "no-duplicate-services",
        MET,
        lambda c: cbrs_note(c.drop(note_name(WED_W2))),
    ),
    Case(
        "standardized-assessment:not_met:sud-without-asam",
        "standardized-assessment",
        NOT_MET,
        lambda c: (
            c.edit(INTAKE, "F33.1 Major depressive disorder, recurrent, moderate\n", "")
            .edit(
                PLAN,
                "F33.1 Major depressive disorder, recurrent, moderate",
                "F10.20 Alcohol use disorder, moderate",
            )
            .edit(
                INTAKE,
                "DSM-5 Level 1 Cross-Cutting Symptom Measure completed 06/02/2025",
                "Screening",
            )
        ),
        "ASAM dimensional assessment is required",
    ),
    Case(
        "facilitator-credentials:met:cadc-substance-group",
        "facilitator-credentials",
        MET,
        lambda c: c.replace(
            note_name(WED_W2),
            group_note(WED_W2, "relapse prevention", facilitator="Marcus Lee, CADC"),
        ),
    ),
    Case(
        "facilitator-credentials:not_met:cadc-mental-health-group",
        "facilitator-credentials",
        NOT_MET,
        lambda c: with_note(c, WED_W2, facilitator="Marcus Lee, CADC"),
        "not a licensed master's-level clinician",
    ),
]


def test_baseline_statuses(tmp_path: Path) -> None:
    record = review(idaho_baseline(), tmp_path / "chart")
    statuses = {f.rule_id.split(".", 1)[1]: f.status for f in record.findings}
    assert statuses == {
        "age": MET,
        "weekly-hours": MET,
        "per-diem-day": MET,
        "days-per-week": MET,
        "physical-exam": MET,
        "weekly-risk-assessment": MET,
        "group-size": MET,
        "facilitator-credentials": MET,
        "substance-use-assessment": MET,
        "attendance": NA,
        "authorization-timing": MET,
        "no-duplicate-services": MET,
        "family-involvement": MET,
        "standardized-assessment": MET,
    }


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_status(case: Case, tmp_path: Path) -> None:
    record = review(case.change(idaho_baseline()), tmp_path / "chart")
    [found] = [f for f in record.findings if f.rule_id == f"{PACK}.{case.rule}"]
    assert found.status is case.status, found.reason
    assert case.fragment in found.reason, (case.fragment, found.reason)


def test_cases_cover_every_status_of_every_rule() -> None:
    assert_cases_cover(PACK, STATUSES, ((c.rule, c.status) for c in CASES), (c.id for c in CASES))
