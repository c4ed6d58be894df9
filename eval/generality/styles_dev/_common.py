"""Helpers shared by the development style families (not a family: the name starts with _).

- date and time formatters for the forms US behavioral-health EHR exports use;
- the words a chart uses for a service's kind, attendance and modality;
- :class:`Record`, which collects what each rendered file states about each session and
  turns it into the ``Written`` reports (one per session, every file listed) and the latest
  document date;
- the ordinary non-session documents (face sheet / intake, treatment plan, discharge
  summary) as neutral sections that each family lays out in its own way, with the
  distractors a reviewer meets (a program schedule, planned frequencies, goal target dates,
  follow-up appointments, past treatment history).

Everything here is pure formatting of a :class:`~eval.generality.model.Scenario`; nothing
reads the extractor.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import ChartFile, PlannedSession, Scenario, Staff, Written

GP = ServiceKind.GROUP_PSYCHOTHERAPY
GE = ServiceKind.GROUP_EDUCATION
IND = ServiceKind.INDIVIDUAL_PSYCHOTHERAPY
FAM = ServiceKind.FAMILY_COUNSELING
MEAL = ServiceKind.MEAL
CM = ServiceKind.CASE_MANAGEMENT
MM = ServiceKind.MEDICATION_MANAGEMENT

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# --------------------------------------------------------------------------- dates


def mdy(d: dt.date) -> str:
    """10/07/2025"""
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def mdy_nopad(d: dt.date) -> str:
    """10/7/2025"""
    return f"{d.month}/{d.day}/{d.year}"


def mdy_short(d: dt.date) -> str:
    """10/7/25"""
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def mon_d_y(d: dt.date) -> str:
    """Oct 7, 2025"""
    return f"{d:%b} {d.day}, {d.year}"


def iso(d: dt.date) -> str:
    """2025-10-07"""
    return d.isoformat()


def wd(d: dt.date) -> str:
    """Tue"""
    return WEEKDAYS[d.weekday()]


def monday_of(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


# --------------------------------------------------------------------------- times


def _h12(t: dt.time) -> tuple[int, str]:
    h = t.hour % 12 or 12
    return h, "AM" if t.hour < 12 else "PM"


def ampm(t: dt.time) -> str:
    """9:00 AM"""
    h, mer = _h12(t)
    return f"{h}:{t.minute:02d} {mer}"


def ap(t: dt.time) -> str:
    """9:00a / 1:00p"""
    h, mer = _h12(t)
    return f"{h}:{t.minute:02d}{mer[0].lower()}"


def mil(t: dt.time) -> str:
    """0900"""
    return f"{t.hour:02d}{t.minute:02d}"


def hhmm(t: dt.time) -> str:
    """09:00 / 13:00"""
    return f"{t.hour:02d}:{t.minute:02d}"


def compact_range(start: dt.time, end: dt.time, dash: str = "–") -> str:
    """9–10:30am, 11:30am–12:45pm, 1–2:30pm: the start's meridiem (and ``:00``) dropped when
    both ends share it."""

    def part(t: dt.time, with_mer: bool) -> str:
        h, mer = _h12(t)
        core = f"{h}" if t.minute == 0 else f"{h}:{t.minute:02d}"
        return core + (mer.lower() if with_mer else "")

    same = (start.hour < 12) == (end.hour < 12)
    return f"{part(start, not same)}{dash}{part(end, True)}"


def h_mm(minutes: float) -> str:
    """1:30"""
    m = round(minutes)
    return f"{m // 60}:{m % 60:02d}"


def dur_min_or_hrs(minutes: float) -> str:
    """``90 min`` or, for whole quarter hours of an hour or more, ``1.5 hrs``."""
    m = round(minutes)
    if m >= 60 and m % 15 == 0:
        return f"{m / 60:g} hrs" if m != 60 else "1 hr"
    return f"{m} min"


def dur_words(minutes: float) -> str:
    """``1.5 hours``, ``1 hour``, ``1.25 hours``, else ``53 minutes``."""
    m = round(minutes)
    if m == 60:
        return "1 hour"
    if m > 60 and m % 15 == 0:
        return f"{m / 60:g} hours"
    return f"{m} minutes"


def minutes_of(a: dt.time, b: dt.time) -> int:
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


# --------------------------------------------------------------------------- services

KIND_LABEL: dict[ServiceKind, str] = {
    GP: "Group Psychotherapy",
    GE: "Group Psychoeducation",
    IND: "Individual Psychotherapy",
    FAM: "Family Therapy",
    MEAL: "Lunch",
    CM: "Case Management",
    MM: "Medication Management",
}
KIND_HEADING: dict[ServiceKind, str] = {
    GP: "GROUP THERAPY",
    GE: "EDUCATION GROUP",
    IND: "INDIVIDUAL THERAPY",
    FAM: "FAMILY THERAPY",
    MEAL: "LUNCH",
    CM: "CASE MANAGEMENT",
    MM: "MEDICATION MANAGEMENT",
}
KIND_SYNONYM: dict[ServiceKind, str] = {
    GP: "Group counseling (group psychotherapy)",
    GE: "Skills class (group psychoeducation)",
    IND: "Individual counseling (individual psychotherapy)",
    FAM: "Family session (family psychotherapy)",
    MEAL: "Meal break (lunch)",
    CM: "Care coordination (case management)",
    MM: "Psychiatric follow-up (medication management)",
}
# Billing codes a reader can map to exactly one service kind. 99213 is an E/M office visit
# code (used for medication management, but also for any established-patient visit), so a
# chart that gives only "99213" does not name the kind.
UNAMBIGUOUS_CODES = frozenset({"90853", "90832", "90834", "90837", "90847", "T1016"})
CODE_DESCRIPTION: dict[str, str] = {
    "90853": "GROUP PSYCHOTHERAPY",
    "90834": "PSYTX W PT 45 MINUTES",
    "90837": "PSYTX W PT 60 MINUTES",
    "90847": "FAMILY PSYTX W/PT 50 MIN",
    "T1016": "CASE MANAGEMENT EA 15 MIN",
    "99213": "OFFICE O/P EST LOW 20 MIN",
}


def code_of(s: PlannedSession) -> str | None:
    """The billing code a careful biller would use: individual psychotherapy is 90837 from
    53 minutes on (the scenario always says 90834)."""
    if s.kind is IND:
        return "90837" if s.scheduled_minutes >= 53 else "90834"
    return s.cpt


def code_names_kind(code: str | None) -> bool:
    return code is not None and code in UNAMBIGUOUS_CODES


def group_label(s: PlannedSession) -> str:
    """``Group Psychotherapy - Process Group``; non-groups by their title."""
    if s.is_group:
        if s.title.lower() == KIND_LABEL[s.kind].lower():
            return s.title
        return f"{KIND_LABEL[s.kind]} - {s.title}"
    if s.kind is IND:
        return "Individual Therapy"
    return s.title


def title_with_kind(s: PlannedSession) -> str:
    """``Process Group (group psychotherapy)``; non-groups: the synonym form."""
    if s.is_group:
        if s.title.lower() == KIND_LABEL[s.kind].lower():
            return s.title
        return f"{s.title} ({KIND_LABEL[s.kind].lower()})"
    return KIND_SYNONYM[s.kind]


# --------------------------------------------------------------------------- attendance

_REASONS_FIT: dict[Attendance, frozenset[str]] = {
    Attendance.NO_SHOW: frozenset(
        {"no call, no show", "did not answer outreach calls", "transportation fell through"}
    ),
    Attendance.CANCELLED: frozenset(
        {"called in sick", "family emergency", "medical appointment", "transportation fell through"}
    ),
    Attendance.ABSENT: frozenset(
        {
            "called in sick",
            "family emergency",
            "medical appointment",
            "transportation fell through",
            "did not answer outreach calls",
        }
    ),
}


def reason(s: PlannedSession) -> str:
    """The absence reason when it agrees with the attendance value (the scenario draws them
    independently: "cancelled" with "no call, no show" would contradict itself)."""
    if s.absence_reason and s.absence_reason in _REASONS_FIT.get(s.attendance, frozenset()):
        return s.absence_reason
    return ""


def att_word(s: PlannedSession, variant: int = 0) -> str:
    """Present / Absent / No-show / Cancelled by client (variant 1: Late cancel)."""
    a = s.attendance
    if a is Attendance.ATTENDED:
        return "Present"
    if a is Attendance.ABSENT:
        return "Absent"
    if a is Attendance.NO_SHOW:
        return "No-show"
    if a is Attendance.CANCELLED:
        return "Late cancel" if variant == 1 else "Cancelled by client"
    raise ValueError(a)


def member_times_phrase(s: PlannedSession, fmt: str = "ampm") -> str:
    """``arrived late at 9:25 AM`` / ``left early at 11:40 AM`` (``at 0920 hrs`` in the
    ``mil`` form, so that a time is not read as a year) or ``""``."""
    fmt_t = {"ampm": ampm, "ap": ap, "mil": lambda t: f"{mil(t)} hrs", "hhmm": hhmm}[fmt]
    parts = []
    if s.member_start is not None:
        parts.append(f"arrived late at {fmt_t(s.member_start)}")
    if s.member_end is not None:
        parts.append(f"left early at {fmt_t(s.member_end)}")
    return "; ".join(parts)


def has_member_times(s: PlannedSession) -> bool:
    return s.member_start is not None or s.member_end is not None


def modality_word(s: PlannedSession, variant: int = 0) -> str:
    video = s.modality is Modality.VIDEO
    if s.modality is Modality.AUDIO:
        return "Telephone (audio only)"
    options = (
        ("Telehealth (video)", "In person"),
        ("Video via Zoom", "In person at clinic"),
        ("TELE-VID", "OFC"),
    )
    v, p = options[variant]
    return v if video else p


def staff(st: Staff) -> str:
    return f"{st.name}, {st.credential}"


def facilitators(s: PlannedSession, sep: str = "; ") -> str:
    return sep.join(staff(f) for f in s.facilitators)


def provider(s: PlannedSession, scn: Scenario, sep: str = "; ") -> str:
    """Who delivered the session: the group's facilitators, the physician for medication
    management, the primary therapist for individual and family sessions."""
    if s.facilitators:
        return facilitators(s, sep)
    if s.kind is MM:
        return staff(scn.physician)
    if s.kind is CM:
        return "Case Manager"
    if s.kind is MEAL:
        return "Program staff"
    return staff(scn.therapists[0])


def signature_time(s: PlannedSession, rng: random.Random) -> tuple[dt.date, dt.time]:
    """When the note was signed: 20 minutes to 3 hours after the session ended, or the next
    morning (now and then, or when that would pass midnight)."""
    at = s.end.hour * 60 + s.end.minute + rng.randint(20, 180)
    if at >= 23 * 60 or rng.random() < 0.15:
        return s.date + dt.timedelta(days=1), dt.time(rng.randint(7, 9), rng.randint(0, 59))
    return s.date, dt.time(at // 60, at % 60)


def narrative(s: PlannedSession, rng: random.Random) -> str:
    """A short clinical narrative that plainly documents the member taking part (attended)
    or not (other attendance)."""
    if not s.attended:
        why = reason(s)
        return "Member did not attend this session" + (f" ({why})." if why else ".")
    if s.is_group:
        opener = rng.choice(
            (
                "Member participated actively in discussion of",
                "Member engaged in the group and shared on",
                "Member attended and contributed to the group's work on",
            )
        )
        tail = rng.choice(
            (
                "Identified one coping skill to practice before next session.",
                "Gave supportive feedback to peers; affect brighter by the end of group.",
                "Reported using grounding skills twice this week.",
            )
        )
        return (
            f"{opener} {s.topic}. {tail} Relates to treatment plan goal 1 "
            "(reduce depressive and anxious symptoms)."
        )
    if s.kind in (IND, FAM):
        who = "Member and spouse" if s.kind is FAM else "Member"
        return (
            f"{who} reviewed progress on treatment plan goals; explored triggers and practiced "
            "a thought record. Member receptive and engaged. Plan: continue current goals."
        )
    if s.kind is CM:
        return "Met with member to assist with housing and benefits paperwork; referral sent."
    if s.kind is MM:
        return (
            "Medication review with member: tolerating current regimen, no side effects "
            "reported; continue current doses."
        )
    return "Member present."


# --------------------------------------------------------------------------- the record


@dataclass
class _Acc:
    files: list[str] = field(default_factory=list)
    length: bool = False
    kind: bool = False
    attendance: bool = False
    implied: bool = False
    member_times: bool = False
    modality: bool = False
    group_size: bool = False
    facilitators: bool = False


class Record:
    """Collects, file by file, what the rendered chart states about each session, and every
    document date (a date a document records a service on, or was written or signed on)."""

    def __init__(self) -> None:
        self._acc: dict[int, _Acc] = {}
        self._dates: list[dt.date] = []

    def add(
        self,
        s: PlannedSession,
        file: str,
        *,
        length: bool,
        kind: bool,
        attendance: bool,
        implied: bool = False,
        member_times: bool = False,
        modality: bool = False,
        group_size: bool = False,
        facilitators: bool = False,
    ) -> None:
        a = self._acc.setdefault(s.index, _Acc())
        if file not in a.files:
            a.files.append(file)
        a.length |= length
        a.kind |= kind
        a.attendance |= attendance
        a.implied |= implied
        a.member_times |= member_times
        a.modality |= modality
        a.group_size |= group_size and s.is_group
        a.facilitators |= facilitators and s.is_group and bool(s.facilitators)
        self._dates.append(s.date)

    def dated(self, *dates: dt.date) -> None:
        """Register the date a document was written or signed on."""
        self._dates.extend(dates)

    def written(self) -> tuple[Written, ...]:
        return tuple(
            Written(
                session=i,
                files=tuple(a.files),
                states_length=a.length,
                states_kind=a.kind,
                states_attendance=a.attendance,
                implied_attended=a.implied and not a.attendance,
                states_member_times=a.member_times,
                states_modality=a.modality,
                states_group_size=a.group_size,
                states_facilitators=a.facilitators,
            )
            for i, a in sorted(self._acc.items())
        )

    def latest(self) -> dt.date:
        return max(self._dates)


# --------------------------------------------------------------------------- text files


def text_file(name: str, lines: list[str], *, crlf: bool = False) -> ChartFile:
    body = "\n".join(lines).rstrip("\n") + "\n"
    if crlf:
        body = body.replace("\n", "\r\n")
    return ChartFile(name, body.encode("utf-8"))


def rule(char: str = "=", width: int = 78) -> str:
    return char * width


def closed_days_before(scn: Scenario, last: dt.date) -> list[dt.date]:
    """Holidays to print as PROGRAM CLOSED lines: those before the last session written, so
    a closed-day line is never the latest dated line of a log."""
    return [d for d in scn.closed_days if d < last]


# --------------------------------------------------------------------------- program facts


def program_days(scn: Scenario) -> list[int]:
    """The weekdays the program meets (from its group days)."""
    return sorted({s.date.weekday() for s in scn.sessions if s.is_group})


def program_span(scn: Scenario) -> tuple[dt.time, dt.time]:
    """The program day's first start and last end (groups and lunch)."""
    day = [s for s in scn.sessions if s.is_group or s.kind is MEAL]
    return min(s.start for s in day), max(s.end for s in day)


def groups_per_day(scn: Scenario) -> tuple[int, int]:
    """(groups per program day, typical group length in minutes)."""
    first = next(s.date for s in scn.sessions if s.is_group)
    day = [s for s in scn.sessions if s.is_group and s.date == first]
    lengths = Counter(round(s.scheduled_minutes) for s in scn.sessions if s.is_group)
    return len(day), lengths.most_common(1)[0][0]


def schedule_line(scn: Scenario, fmt: str = "ampm") -> str:
    """``Mon/Wed/Thu 9:00 AM - 12:15 PM`` (a distractor: a schedule is not a service)."""
    a, b = program_span(scn)
    days = "/".join(WEEKDAYS[d] for d in program_days(scn))
    if fmt == "mil":
        return f"{days} {mil(a)}-{mil(b)}"
    return f"{days} {ampm(a)} - {ampm(b)}"


def planned_frequency(scn: Scenario) -> list[str]:
    """Planned frequencies of the plan of care (distractors: plans are not services)."""
    n, length = groups_per_day(scn)
    days = len(program_days(scn))
    return [
        f"Group therapy {days}x/week, {n} groups per program day, {length} min each",
        "Individual therapy 1x/week, 50 min",
        "Psychiatric medication management monthly and as needed",
    ]


PRIOR_PROGRAMS = (
    "Maple Grove IOP",
    "St. Anselm partial hospitalization program",
    "Crossroads outpatient clinic",
)


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Doc:
    """A non-session document in neutral form: a title, header fields and sections."""

    title: str
    fields: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    signed: tuple[str, ...]


def intake_doc(
    scn: Scenario,
    rng: random.Random,
    date_fmt: str = "mdy",
    *,
    admission: bool = True,
    schedule: bool = True,
) -> tuple[Doc, dt.date]:
    """Intake assessment / face sheet, signed on the admission date."""
    f = DATE_FORMS[date_fmt]
    m = scn.member
    day = scn.admission_date
    flds: list[tuple[str, str]] = [
        ("Program", scn.program),
        ("Member", m.name),
        ("Date of birth", f(m.date_of_birth)),
        ("Member ID", m.member_id),
    ]
    if admission:
        flds.append((rng.choice(("Admission date", "Admit Date", "Date of admission")), f(day)))
    flds += [
        ("Level of care", "Intensive Outpatient Program (IOP)"),
        ("Attending physician", staff(scn.physician)),
        ("Primary therapist", staff(scn.therapists[0])),
    ]
    prior_year = rng.choice((2017, 2019, 2021))
    history = (
        f"Member attended an IOP at {rng.choice(PRIOR_PROGRAMS)} in {prior_year} with partial "
        "benefit; one inpatient admission in 2022 for depression.",
        "No current medical problems requiring inpatient care.",
    )
    risk = (
        "C-SSRS screen completed: passive death wishes in the past month; denies current "
        "suicidal or homicidal ideation, plan or intent. Risk level: low.",
    )
    sections = [
        Section(
            "Presenting problem",
            (
                f"Referred after worsening {scn.diagnosis_name.lower()} symptoms over six weeks: "
                "missed work, isolating from family, poor sleep.",
            ),
        ),
        Section("History", history),
        Section("Diagnosis", (f"{scn.diagnosis_code} {scn.diagnosis_name}",)),
        Section("Risk assessment", risk),
    ]
    if schedule:
        sections.append(
            Section(
                "Program schedule",
                (
                    f"Schedule: {schedule_line(scn)}",
                    "Member oriented to the program schedule and attendance policy.",
                ),
            )
        )
    doc = Doc(
        "INTAKE ASSESSMENT",
        tuple(flds),
        tuple(sections),
        (f"{staff(scn.therapists[0])} - signed {f(day)}",),
    )
    return doc, day


def plan_doc(scn: Scenario, rng: random.Random, date_fmt: str = "mdy") -> tuple[Doc, dt.date]:
    """Treatment plan with goal target dates and planned frequencies, signed by the
    physician one or two days after admission."""
    f = DATE_FORMS[date_fmt]
    day = scn.admission_date + dt.timedelta(days=rng.choice((0, 1, 2)))
    day = min(day, scn.discharge_date)
    t1 = scn.admission_date + dt.timedelta(days=30)
    t2 = scn.admission_date + dt.timedelta(days=rng.choice((45, 60)))
    goals = (
        f"Goal 1: Reduce depressive and anxious symptoms - PHQ-9 below 10 by {f(t1)}.",
        f"Goal 2: Use two coping skills daily, logged 5 of 7 days, by {f(t2)}.",
        f"Goal 3: Re-engage family supports: one family session before {f(t2)}.",
    )
    doc = Doc(
        "INDIVIDUALIZED TREATMENT PLAN",
        (
            ("Member", scn.member.name),
            ("Plan date", f(day)),
            ("Diagnosis", f"{scn.diagnosis_code} {scn.diagnosis_name}"),
        ),
        (
            Section("Goals", goals),
            Section("Interventions / planned frequency", tuple(planned_frequency(scn))),
            Section(
                "Coordination of services",
                (
                    "Multidisciplinary team (psychiatrist, therapists, case manager) reviews "
                    "progress weekly; family engaged with member's consent.",
                ),
            ),
        ),
        (
            f"{staff(scn.physician)} - signed {f(day)}",
            f"{staff(scn.therapists[0])} - signed {f(day)}",
        ),
    )
    return doc, day


def discharge_doc(
    scn: Scenario, rng: random.Random, date_fmt: str = "mdy", *, admission: bool = True
) -> tuple[Doc, dt.date]:
    """Discharge summary stating the discharge date (and the admission date unless
    ``admission`` is False), signed 0-2 days later, with a follow-up appointment (a
    distractor)."""
    f = DATE_FORMS[date_fmt]
    signed = scn.discharge_date + dt.timedelta(days=rng.choice((0, 1, 2)))
    follow = scn.discharge_date + dt.timedelta(days=rng.choice((5, 6, 7)))
    attended = sum(1 for s in scn.sessions if s.is_group and s.attended)
    flds = [("Member", scn.member.name)]
    if admission:
        flds.append(("Admission date", f(scn.admission_date)))
    flds.append(("Discharge date", f(scn.discharge_date)))
    doc = Doc(
        "DISCHARGE SUMMARY",
        tuple(flds),
        (
            Section(
                "Course of treatment",
                (
                    f"Member attended {attended} group sessions plus individual therapy. "
                    "Mood improved; PHQ-9 down from 19 to 9.",
                ),
            ),
            Section(
                "Discharge plan",
                (
                    "Step down to standard outpatient therapy weekly and psychiatry monthly.",
                    f"Follow-up appointment: {f(follow)} at 10:00 AM with outpatient therapist.",
                ),
            ),
        ),
        (f"{staff(scn.therapists[0])} - signed {f(signed)}",),
    )
    return doc, signed


DATE_FORMS = {
    "mdy": mdy,
    "mdy_nopad": mdy_nopad,
    "mdy_short": mdy_short,
    "mon": mon_d_y,
    "iso": iso,
}


def doc_text(doc: Doc, *, underline: str = "-", label_width: int = 0) -> list[str]:
    """A neutral document as plain text lines."""
    out = [doc.title, underline * len(doc.title)]
    for k, v in doc.fields:
        out.append(f"{(k + ':').ljust(label_width)} {v}" if label_width else f"{k}: {v}")
    for sec in doc.sections:
        out += ["", sec.heading.upper(), *sec.lines]
    out += ["", *(f"Signed: {s}" for s in doc.signed)]
    return out


def doc_markdown(doc: Doc) -> list[str]:
    """A neutral document as Markdown."""
    out = [f"# {doc.title.title()}", ""]
    out += [f"**{k}:** {v}  " for k, v in doc.fields]
    for sec in doc.sections:
        out += ["", f"## {sec.heading}", ""]
        out += [f"- {line}" for line in sec.lines]
    out += ["", *(f"_Signed: {s}_  " for s in doc.signed)]
    return out
