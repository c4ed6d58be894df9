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
