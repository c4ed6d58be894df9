"""A small chart written as plain-text EHR documents, for end-to-end rule tests.

:func:`baseline` is a chart on which every ``medicare-iop`` rule is ``met`` or
``not_applicable`` (RULES.md): Marisol T. Okonkwo (fictional), admitted to an adult IOP on
Mon 2025-06-02 and discharged Mon 2025-06-16, so program weeks 1 (06-02..06-08) and 2
(06-09..06-15) are complete and week 3 (06-16..06-22) is partial. It has an intake
evaluation, a week-1 physician certification, a C-SSRS risk assessment, a physician-signed
treatment plan with two measurable, time-framed goals, and per week three 3-hour process
groups (Mon/Wed/Thu 09:00-12:00) and a 1-hour individual session (Tue 13:00-14:00), i.e.
10 counted hours a week, and a discharge summary. The episode ends 14 days after the
initial certification, so no recertification is due.

A :class:`MiniChart` is immutable; each knob returns a new chart, so a test states only
what differs from the baseline::

    baseline().drop(NOTE_WEEK2_THU).edit(INTAKE, "acute decompensation", "...")

Every person, facility and identifier here is fictional.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

Content = str | bytes

# --------------------------------------------------------------------------- file names

INTAKE = "01_intake_psychiatric_evaluation.txt"
CERTIFICATION = "02_physician_certification.txt"
RISK = "03_cssrs_risk_assessment.txt"
PLAN = "04_treatment_plan.txt"
DISCHARGE = "30_discharge_summary.txt"

ADMISSION = dt.date(2025, 6, 2)
DISCHARGE_DATE = dt.date(2025, 6, 16)
FACILITATOR = "Daniel Reyes, LCSW"
THERAPIST = "Priya Natarajan, LPC"


def group_note_name(day: dt.date) -> str:
    return f"{day.isoformat()}_iop_group_note.txt"


def individual_note_name(day: dt.date) -> str:
    return f"{day.isoformat()}_individual_therapy_note.txt"


def _week_days(week: int) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """Mon, Tue, Wed, Thu of program week ``week`` (1-based)."""
    monday = ADMISSION + dt.timedelta(days=7 * (week - 1))
    day = dt.timedelta(days=1)
    return monday, monday + day, monday + 2 * day, monday + 3 * day


def group_days(week: int) -> tuple[dt.date, dt.date, dt.date]:
    """The baseline's group days (Mon, Wed, Thu) of program week ``week``."""
    mon, _, wed, thu = _week_days(week)
    return mon, wed, thu


def individual_day(week: int) -> dt.date:
    """The baseline's individual-session day (Tue) of program week ``week``."""
    return _week_days(week)[1]


def week_notes(week: int) -> list[str]:
    """The baseline's session notes of program week ``week``."""
    return [
        *(group_note_name(d) for d in group_days(week)),
        individual_note_name(individual_day(week)),
    ]


def all_notes() -> list[str]:
    """Every session note of the baseline (weeks 1 and 2)."""
    return [*week_notes(1), *week_notes(2)]


# --------------------------------------------------------------------------- the chart


@dataclass(frozen=True)
class MiniChart:
    """Chart documents by file name (text, or bytes for a PDF)."""

    files: Mapping[str, Content]

    def _with(self, files: dict[str, Content]) -> MiniChart:
        return MiniChart(MappingProxyType(files))

    def _need(self, name: str) -> None:
        if name not in self.files:
            raise KeyError(f"the chart has no document {name!r}: {sorted(self.files)}")

    def replace(self, name: str, content: Content) -> MiniChart:
        """Replace document ``name`` (which must exist) by ``content``."""
        self._need(name)
        return self._with({**self.files, name: content})

    def add(self, name: str, content: Content) -> MiniChart:
        """Add a new document ``name``."""
        if name in self.files:
            raise KeyError(f"the chart already has a document {name!r}")
        return self._with({**self.files, name: content})

    def drop(self, *names: str) -> MiniChart:
        """Remove documents ``names`` (each must exist)."""
        for name in names:
            self._need(name)
        return self._with({k: v for k, v in self.files.items() if k not in names})

    def edit(self, name: str, old: str, new: str) -> MiniChart:
        """Replace the one occurrence of ``old`` in document ``name`` by ``new``."""
        self._need(name)
        text = self.files[name]
        if not isinstance(text, str):
            raise TypeError(f"{name!r} is not a text document")
        if text.count(old) != 1:
            raise ValueError(f"{old!r} occurs {text.count(old)} times in {name!r}, not once")
        return self._with({**self.files, name: text.replace(old, new)})

    def write(self, folder: Path) -> Path:
        """Write every document into ``folder`` (created) and return it."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in self.files.items():
            path = folder / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder


# --------------------------------------------------------------------------- documents

INTAKE_TEXT = """\
CEDAR HOLLOW BEHAVIORAL HEALTH - ADULT INTENSIVE OUTPATIENT PROGRAM
INITIAL PSYCHIATRIC EVALUATION

Patient: Marisol T. Okonkwo        DOB: 04/11/1961        MRN: CH-55812
Date of Evaluation: 06/02/2025
IOP Admission Date: 06/02/2025
Evaluating physician: Samuel Whitfield, MD

HISTORY OF PRESENT ILLNESS
64-year-old woman with recurrent major depression, stable for years on sertraline, who
presents with an acute decompensation over the past 3 weeks after the loss of her job:
depressed mood, anhedonia, insomnia and poor concentration. She has stopped showering
most days and has withdrawn from friends and her church group.

FUNCTIONAL IMPAIRMENT
Symptoms severely interfere with her self-care, social and family functioning.

DIAGNOSES
F33.2 Major depressive disorder, recurrent, severe without psychotic features

ASSESSMENT AND PLAN
Outpatient therapy alone has not been sufficient. Admit to the Adult IOP. See the C-SSRS
risk assessment of the same date.

Electronically signed by Samuel Whitfield, MD on 06/02/2025 15:10
"""

CERTIFICATION_TEXT = """\
CEDAR HOLLOW BEHAVIORAL HEALTH
PHYSICIAN CERTIFICATION FOR INTENSIVE OUTPATIENT SERVICES

Patient: Marisol T. Okonkwo          MRN: CH-55812
Admission Date: 06/02/2025

Diagnosis: F33.2 Major depressive disorder, recurrent, severe without psychotic features

Clinical need for IOP: acute decompensation of recurrent depression with severe impairment
of self-care, social and family functioning that has not responded to weekly outpatient
therapy.

I certify that this patient requires intensive outpatient services, including a minimum of
9 hours of services per week, under an individualized written plan of care.

Signature: Samuel Whitfield, MD          Date: 06/02/2025
"""

RISK_TEXT = """\
CEDAR HOLLOW BEHAVIORAL HEALTH - ADULT IOP
C-SSRS RISK ASSESSMENT

Patient: Okonkwo, Marisol T.    MRN: CH-55812
Date of Assessment: 06/02/2025
Assessor: Daniel Reyes, LCSW

Wish to be dead (past month): NO
Active suicidal thoughts (past month): NO
Suicidal behavior: none lifetime.
Homicidal ideation: denies.

CONCLUSION
Risk level: Low. No imminent danger to self or others. Does not require 24-hour
supervision.

Daniel Reyes, LCSW   06/02/2025 13:30
"""

PLAN_TEXT = """\
CEDAR HOLLOW BEHAVIORAL HEALTH
INDIVIDUALIZED TREATMENT PLAN - ADULT IOP

Patient: Marisol T. Okonkwo    MRN: CH-55812
Plan Date: 06/03/2025
Diagnosis: F33.2 Major depressive disorder, recurrent, severe

GOALS
1. Reduce depressive symptoms: PHQ-9 from 22 to below 10 by 07/15/2025.
2. Shower and dress on at least 6 of 7 days, per her self-care log, within 4 weeks.

INTERVENTIONS AND COORDINATION OF SERVICES
Group psychotherapy 3 days/week (Daniel Reyes, LCSW); individual psychotherapy weekly
(Priya Natarajan, LPC). Weekly interdisciplinary treatment team review; the therapist
coordinates care with her primary care provider.

DISCHARGE PLAN
Discharge criteria: PHQ-9 below 10 and self-care goal met. Step down to weekly outpatient
psychotherapy.

Electronically signed by Samuel Whitfield, MD on 06/03/2025 16:05
"""

DISCHARGE_TEXT = """\
CEDAR HOLLOW BEHAVIORAL HEALTH
DISCHARGE SUMMARY - ADULT INTENSIVE OUTPATIENT PROGRAM

Patient: Marisol T. Okonkwo    MRN: CH-55812
Admission Date: 06/02/2025
Discharge Date: 06/16/2025

Course: attended all scheduled groups and individual sessions with active participation.
PHQ-9 22 -> 9.

Discharge criteria met. Step-down to weekly outpatient psychotherapy with Hillside
Counseling; referred to a community depression support group.

Electronically signed by Samuel Whitfield, MD on 06/16/2025 14:00
"""

_GROUP_TOPICS = (
    "loss and role change",
    "behavioral activation",
    "cognitive distortions",
    "sleep and routine",
    "communication with family",
    "relapse warning signs",
)


def group_note(day: dt.date, topic: str, *, size: int = 7) -> str:
    """A labeled group psychotherapy note of a 09:00-12:00 process group on ``day``."""
    return f"""\
CEDAR HOLLOW BH - IOP GROUP PROGRESS NOTE
Client: Marisol T. Okonkwo    MRN: CH-55812
DOS: {day.strftime("%m/%d/%Y")}
Time: 9:00 AM-12:00 PM
Group: Process group (group psychotherapy)
Facilitator: {FACILITATOR}
Group size: {size}
Attendance: Present

Intervention: Therapist facilitated a process discussion on {topic}.
Response: Client shared openly and gave supportive feedback to two peers.
Progress toward goals: Goal 1 (depression) - practiced one activation step.

{FACILITATOR}   {day.strftime("%m/%d/%Y")} 12:30
"""


def individual_note(day: dt.date) -> str:
    """A SOAP individual psychotherapy note of a 13:00-14:00 session on ``day``."""
    return f"""\
Cedar Hollow Behavioral Health - Individual Psychotherapy Note (SOAP)
Patient: Marisol T. Okonkwo | MRN CH-55812
Date of Service: {day.strftime("%B %-d, %Y")}
Start Time: 1:00 PM / End Time: 2:00 PM
Clinician: {THERAPIST}

S: "I got out of the house twice this week."
O: Engaged, good eye contact. Intervention: CBT thought record on self-criticism.
A: Patient's response: identified two balanced thoughts with little prompting. Relation to
plan: addresses Goal 1 (PHQ-9 below 10).
P: Continue weekly individual therapy.

{THERAPIST} - electronically signed {day.strftime("%m/%d/%Y")} 14:20
"""


def discharged_on(chart: MiniChart, day: dt.date) -> MiniChart:
    """``chart`` with the baseline discharge summary's discharge (and signing) date moved
    to ``day``."""
    us = day.strftime("%m/%d/%Y")
    return chart.edit(DISCHARGE, "Discharge Date: 06/16/2025", f"Discharge Date: {us}").edit(
        DISCHARGE, "on 06/16/2025 14:00", f"on {us} 14:00"
    )


def baseline() -> MiniChart:
    """The chart on which every ``medicare-iop`` rule is met or not applicable."""
    files: dict[str, Content] = {
        INTAKE: INTAKE_TEXT,
        CERTIFICATION: CERTIFICATION_TEXT,
        RISK: RISK_TEXT,
        PLAN: PLAN_TEXT,
        DISCHARGE: DISCHARGE_TEXT,
    }
    topics = iter(_GROUP_TOPICS)
    for week in (1, 2):
        for day in group_days(week):
            files[group_note_name(day)] = group_note(day, next(topics))
        files[individual_note_name(individual_day(week))] = individual_note(individual_day(week))
    return MiniChart(MappingProxyType(files))


# --------------------------------------------------------------------------- OTP baseline
#
# :func:`otp_baseline` is a chart on which every ``medicare-otp-iop`` rule is ``met``:
# Dwayne R. Kessler (fictional), admitted to the intensive outpatient program of an opioid
# treatment program on Mon 2025-06-02 and discharged Mon 2025-06-16 (weeks 1 and 2
# complete, week 3 partial). A PMHNP certifies the 9-hour need, a higher intensity than
# non-intensive OTP care and the plan of care; the intake documents F11.20. A weekly IOP
# service log lists 10 in-person counted services a week (Mon-Fri group 09:00-10:30,
# Mon/Wed/Fri education 10:45-11:45, Tue/Thu individual 13:00-14:00). Methadone dosing
# and urine drug screens are in a separate OTP dosing record, not in the IOP log.

OTP_INTAKE = "01_otp_intake_assessment.txt"
OTP_CERTIFICATION = "02_otp_iop_certification.txt"
OTP_PLAN = "03_otp_iop_plan_of_care.txt"
OTP_DOSING = "20_otp_dosing_record.txt"
OTP_DISCHARGE = "30_otp_iop_discharge_summary.txt"
OTP_COUNSELOR = "Keisha Monroe, LCSW"
OTP_EDUCATOR = "Tomas Herrera, RN"
OTP_THERAPIST = "Alan Brooks, LPC"


def otp_log_name(week: int) -> str:
    return f"1{week}_iop_service_log_week{week}.txt"


OTP_INTAKE_TEXT = """\
HARBOR LIGHT RECOVERY CENTER - OPIOID TREATMENT PROGRAM
INTAKE ASSESSMENT - OTP INTENSIVE OUTPATIENT PROGRAM

Patient: Dwayne R. Kessler        DOB: 09/14/1958        MRN: HL-30927
Date of Assessment: 06/02/2025
IOP Admission Date: 06/02/2025
Assessed by: Renata Vasquez, PMHNP

HISTORY
66-year-old man on methadone maintenance since 2023 with a return to illicit fentanyl use
over the past month after his wife's death, two non-fatal overdoses in May and missed
doses. Standard OTP counseling once a week has not been enough.

DIAGNOSES
F11.20 Opioid use disorder, severe
F43.21 Adjustment disorder with depressed mood

PLAN
Admit to the OTP intensive outpatient program; continue methadone dosing at the OTP.

Electronically signed by Renata Vasquez, PMHNP on 06/02/2025 14:40
"""

OTP_CERTIFICATION_TEXT = """\
HARBOR LIGHT RECOVERY CENTER - OPIOID TREATMENT PROGRAM
CERTIFICATION FOR OTP INTENSIVE OUTPATIENT SERVICES

Patient: Dwayne R. Kessler          MRN: HL-30927
Admission Date: 06/02/2025

I certify that this patient requires OTP intensive outpatient services, including a
minimum of 9 hours of services per week.
He requires a higher level of care intensity than non-intensive outpatient OTP services
because of relapse to fentanyl use with two overdoses in the past month.
Services will be furnished under the individualized plan of care dated 06/03/2025.

Certifying practitioner: Renata Vasquez, PMHNP          Date: 06/02/2025
"""

OTP_PLAN_TEXT = """\
HARBOR LIGHT RECOVERY CENTER
OTP IOP PLAN OF CARE

Patient: Dwayne R. Kessler    MRN: HL-30927
Plan Date: 06/03/2025
Diagnosis: F11.20 Opioid use disorder, severe

GOALS
1. No illicit opioid use: negative fentanyl on 4 of 4 weekly UDS within 4 weeks.
2. Attend at least 9 IOP services per week for 2 weeks.

SERVICES AND COORDINATION
Group counseling daily (Keisha Monroe, LCSW), relapse-prevention education three days a
week (Tomas Herrera, RN), individual therapy twice a week (Alan Brooks, LPC). Methadone
dosing and urine drug screens continue as separate OTP services. Weekly treatment team
review; care coordination with his primary care provider.

Electronically signed by Renata Vasquez, PMHNP on 06/03/2025 16:00
"""

OTP_DISCHARGE_TEXT = """\
HARBOR LIGHT RECOVERY CENTER
DISCHARGE SUMMARY - OTP INTENSIVE OUTPATIENT PROGRAM

Patient: Dwayne R. Kessler    MRN: HL-30927
Admission Date: 06/02/2025
Discharge Date: 06/16/2025

Course: attended all scheduled IOP services; UDS negative for fentanyl since 06/09.
Step-down to standard OTP counseling weekly; methadone dosing continues.

Electronically signed by Renata Vasquez, PMHNP on 06/16/2025 15:00
"""


def _otp_log_lines(week: int) -> list[tuple[dt.date, str, str, str]]:
    """(date, service, time, staff) of the baseline's 10 services of program week ``week``."""
    monday = ADMISSION + dt.timedelta(days=7 * (week - 1))
    lines = []
    for offset in range(5):
        day = monday + dt.timedelta(days=offset)
        lines.append((day, "Group counseling (group psychotherapy)", "09:00-10:30", OTP_COUNSELOR))
        if offset in (0, 2, 4):
            lines.append((day, "Relapse prevention education", "10:45-11:45", OTP_EDUCATOR))
        else:
            lines.append((day, "Individual psychotherapy", "13:00-14:00", OTP_THERAPIST))
    return lines


def otp_log_row(day: dt.date, service: str, time: str, staff: str, modality: str = "In person",
                attendance: str = "Present") -> str:  # fmt: skip
    """One row of the OTP IOP service log."""
    return (
        f"{day.strftime('%m/%d/%Y')} | {service:<40} | {time} | {staff:<20} | {modality:<9} | "
        f"{attendance}"
    )


def otp_service_log(week: int) -> str:
    """The baseline's IOP service log of program week ``week`` (10 services, in person)."""
    monday = ADMISSION + dt.timedelta(days=7 * (week - 1))
    rows = "\n".join(otp_log_row(*line) for line in _otp_log_lines(week))
    return f"""\
HARBOR LIGHT RECOVERY CENTER - OTP INTENSIVE OUTPATIENT PROGRAM
IOP SERVICE LOG - WEEK OF {monday.strftime("%m/%d/%Y")}
Patient: Kessler, Dwayne R.   MRN: HL-30927
(IOP services only. Methadone dosing and UDS are recorded in the OTP dosing record.)

Date       | Service                                  | Time        | Staff                | Modality  | Attendance
-----------|------------------------------------------|-------------|----------------------|-----------|-----------
{rows}

Reviewed by: {OTP_COUNSELOR}   {(monday + dt.timedelta(days=4)).strftime("%m/%d/%Y")}
"""


def otp_dosing_record() -> str:
    """Daily methadone dosing and Monday UDS, weeks 1-3: separate OTP services."""
    rows = []
    for offset in range(15):
        day = ADMISSION + dt.timedelta(days=offset)
        us = day.strftime("%m/%d/%Y")
        rows.append(f"{us} | Methadone dosing 90 mg PO        | 07:30 | Dosed")
        if day.weekday() == 0:
            rows.append(f"{us} | UDS (urine drug screen)          | 07:40 | Collected")
    table = "\n".join(rows)
    return f"""\
HARBOR LIGHT RECOVERY CENTER - OPIOID TREATMENT PROGRAM
OTP DOSING RECORD
Patient: Kessler, Dwayne R.   MRN: HL-30927
(OTP services billed separately from the intensive outpatient program.)

Date       | Service                          | Time  | Status
-----------|----------------------------------|-------|----------
{table}

Dispensing nurse: Tomas Herrera, RN
"""


def otp_baseline() -> MiniChart:
    """The chart on which every ``medicare-otp-iop`` rule is met."""
    files: dict[str, Content] = {
        OTP_INTAKE: OTP_INTAKE_TEXT,
        OTP_CERTIFICATION: OTP_CERTIFICATION_TEXT,
        OTP_PLAN: OTP_PLAN_TEXT,
        otp_log_name(1): otp_service_log(1),
        otp_log_name(2): otp_service_log(2),
        OTP_DOSING: otp_dosing_record(),
        OTP_DISCHARGE: OTP_DISCHARGE_TEXT,
    }
    return MiniChart(MappingProxyType(files))
