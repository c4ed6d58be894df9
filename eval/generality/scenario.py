"""Random but realistic IOP episodes (scenarios) from a seed.

A scenario is content, not format: which days the program meets, which services it holds
at what times, who runs them, when the member is absent, late or on video, which days the
program is closed. Programs vary in schedule (mornings, afternoons, evenings; 3 or 4 days a
week; two or three groups a day), and members vary in attendance, so that some weeks reach
9 counted hours and some do not.

``scenario(seed)`` always returns the same scenario for the same seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import Member, PlannedSession, Scenario, Staff

FIRST = (
    "Avery",
    "Jordan",
    "Morgan",
    "Riley",
    "Casey",
    "Taylor",
    "Quinn",
    "Rowan",
    "Elena",
    "Marcus",
    "Priya",
    "Tomás",
    "Keisha",
    "Harold",
    "Lucia",
    "Dmitri",
    "Nia",
    "Owen",
    "Grace",
    "Samir",
    "Beatrice",
    "Colin",
    "Imani",
    "Wesley",
    "Yara",
    "Victor",
    "Maren",
)
LAST = (
    "Okafor",
    "Lindqvist",
    "Brennan",
    "Castillo",
    "Nakamura",
    "Ferreira",
    "Holloway",
    "Abernathy",
    "Szabo",
    "Delacroix",
    "Whitfield",
    "Oyelaran",
    "McAllister",
    "Pham",
    "Rosenthal",
    "Kowalczyk",
    "Beaumont",
    "Achebe",
    "Galloway",
    "Iverson",
    "Marchetti",
)
PROGRAMS = (
    "Riverbend Behavioral Health IOP",
    "Cedar Ridge Recovery Center",
    "North Valley Counseling",
    "Harborview Intensive Outpatient",
    "Summit Pathways Clinic",
    "Lakeshore Mental Health",
    "Bluestem Wellness Partners",
    "Prairie Light Behavioral Services",
)
DIAGNOSES = (
    ("F33.1", "Major depressive disorder, recurrent, moderate"),
    ("F32.2", "Major depressive disorder, single episode, severe without psychotic features"),
    ("F41.1", "Generalized anxiety disorder"),
    ("F43.10", "Post-traumatic stress disorder, unspecified"),
    ("F31.81", "Bipolar II disorder"),
    ("F10.20", "Alcohol use disorder, moderate"),
    ("F60.3", "Borderline personality disorder"),
)
GROUP_TITLES: dict[ServiceKind, tuple[tuple[str, str], ...]] = {
    # (title, topic)
    ServiceKind.GROUP_PSYCHOTHERAPY: (
        ("Process Group", "interpersonal conflict and boundaries"),
        ("Group Psychotherapy", "coping with shame after relapse of symptoms"),
        ("CBT Group", "identifying cognitive distortions"),
        ("Relapse Prevention Group", "high-risk situations and urges"),
        ("Trauma Processing Group", "grounding and safe-place imagery"),
        ("Interpersonal Process Group", "asking for support"),
    ),
    ServiceKind.GROUP_EDUCATION: (
        ("Psychoeducation Group", "sleep hygiene and mood"),
        ("Wellness Education Group", "nutrition, exercise and depression"),
        ("Medication Education Group", "side effects and adherence"),
        ("Recovery Education Group", "the stages of change"),
    ),
}
CPT = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "90853",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "90834",
    ServiceKind.FAMILY_COUNSELING: "90847",
    ServiceKind.CASE_MANAGEMENT: "T1016",
    ServiceKind.MEDICATION_MANAGEMENT: "99213",
    ServiceKind.OCCUPATIONAL_THERAPY: "97150",
}
MH_CREDENTIALS = ("LCSW", "LPC", "LMFT", "LCPC", "PsyD", "LMHC", "LICSW")
OTHER_CREDENTIALS = ("CADC", "LADC", "CPRS", "BA", "RN")
# An absence's reason fits its kind (a no-show did not call; a cancellation called ahead).
ABSENCE_REASONS: dict[Attendance, tuple[str, ...]] = {
    Attendance.NO_SHOW: ("no call, no show", "did not answer outreach calls"),
    Attendance.CANCELLED: ("called in sick", "family emergency", "medical appointment"),
    Attendance.ABSENT: ("transportation fell through", "called in sick", "family emergency"),
}


@dataclass(frozen=True)
class _Slot:
    """A recurring service of the program's day: its time and what it is."""

    start: dt.time
    end: dt.time
    kind: ServiceKind


def _t(hhmm: str) -> dt.time:
    h, m = hhmm.split(":")
    return dt.time(int(h), int(m))


# The program's day: (slots of the day), chosen per program.
DAY_PLANS: tuple[tuple[_Slot, ...], ...] = (
    (  # morning, two 90-minute groups
        _Slot(_t("9:00"), _t("10:30"), ServiceKind.GROUP_PSYCHOTHERAPY),
        _Slot(_t("10:45"), _t("12:15"), ServiceKind.GROUP_EDUCATION),
    ),
    (  # morning, three hour-long groups
        _Slot(_t("9:00"), _t("10:00"), ServiceKind.GROUP_PSYCHOTHERAPY),
        _Slot(_t("10:10"), _t("11:10"), ServiceKind.GROUP_EDUCATION),
        _Slot(_t("11:20"), _t("12:20"), ServiceKind.GROUP_PSYCHOTHERAPY),
    ),
    (  # afternoon, groups around a break
        _Slot(_t("13:00"), _t("14:30"), ServiceKind.GROUP_PSYCHOTHERAPY),
        _Slot(_t("14:45"), _t("16:15"), ServiceKind.GROUP_PSYCHOTHERAPY),
    ),
    (  # evening program
        _Slot(_t("17:30"), _t("19:00"), ServiceKind.GROUP_PSYCHOTHERAPY),
        _Slot(_t("19:10"), _t("20:40"), ServiceKind.GROUP_EDUCATION),
    ),
    (  # morning with lunch (not counted) and a short education group
        _Slot(_t("9:30"), _t("11:00"), ServiceKind.GROUP_PSYCHOTHERAPY),
        _Slot(_t("11:00"), _t("11:30"), ServiceKind.MEAL),
        _Slot(_t("11:30"), _t("12:45"), ServiceKind.GROUP_EDUCATION),
    ),
)
WEEKDAY_SETS = ((0, 2, 3), (0, 1, 3), (0, 2, 4), (0, 1, 2, 3), (1, 2, 3), (0, 1, 3, 4))
HOLIDAYS = (
    dt.date(2025, 1, 20),
    dt.date(2025, 2, 17),
    dt.date(2025, 5, 26),
    dt.date(2025, 7, 4),
    dt.date(2025, 9, 1),
    dt.date(2025, 11, 27),
    dt.date(2025, 12, 25),
    dt.date(2026, 1, 1),
    dt.date(2026, 1, 19),
    dt.date(2026, 2, 16),
)


def _staff(rng: random.Random, credentials: tuple[str, ...]) -> Staff:
    return Staff(rng.choice(FIRST), rng.choice(LAST), rng.choice(credentials))


def _minutes_after(t: dt.time, minutes: int) -> dt.time:
    total = t.hour * 60 + t.minute + minutes
    return dt.time(total // 60, total % 60)


def scenario(seed: int) -> Scenario:
    """The scenario of ``seed`` (deterministic)."""
    rng = random.Random(seed)
    member = Member(
        rng.choice(FIRST),
        rng.choice(LAST),
        dt.date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28)),
        f"{rng.choice('ABHKMQTWZ')}{rng.randint(10_000_000, 99_999_999)}",
    )
    weekdays = rng.choice(WEEKDAY_SETS)
    plan = rng.choice(DAY_PLANS)
    # admission on one of the program's days, in 2025
    first = dt.date(2025, 1, 6) + dt.timedelta(weeks=rng.randint(0, 48))
    admission = first + dt.timedelta(days=weekdays[0])
    while admission in HOLIDAYS or admission.weekday() not in weekdays:
        admission += dt.timedelta(days=1)
    n_weeks = rng.randint(3, 7)
    partial_days = rng.choice((0, 0, 2, 3, 4))  # days of a partial last week
    discharge = admission + dt.timedelta(days=7 * n_weeks + partial_days - 1)
    while discharge.weekday() not in weekdays or discharge in HOLIDAYS:  # a program day
        discharge -= dt.timedelta(days=1)
    code, dx_name = rng.choice(DIAGNOSES)
    physician = Staff(rng.choice(FIRST), rng.choice(LAST), rng.choice(("MD", "MD", "DO")))
    therapists = tuple(_staff(rng, MH_CREDENTIALS) for _ in range(3))
    extra = _staff(rng, OTHER_CREDENTIALS)
    case_manager = Staff(rng.choice(FIRST), rng.choice(LAST), rng.choice(("BSW", "BA", "CM")))
    primary = therapists[0]
    video_program = rng.random() < 0.3
    absence_rate = rng.choice((0.0, 0.05, 0.1, 0.2))
    late_rate = rng.choice((0.0, 0.05, 0.1))

    sessions: list[PlannedSession] = []
    closed: list[dt.date] = []
    day = admission
    week_of_individual: set[int] = set()
    while day <= discharge:
        if day.weekday() in weekdays:
            if day in HOLIDAYS:
                closed.append(day)
            else:
                _plan_day(
                    rng,
                    day,
                    plan,
                    sessions,
                    member_absent=rng.random() < absence_rate,
                    late=rng.random() < late_rate,
                    video=video_program and rng.random() < 0.25,
                    therapists=therapists,
                    extra=extra,
                )
                week = (day - admission).days // 7
                if week not in week_of_individual and rng.random() < 0.6:
                    week_of_individual.add(week)
                    _individual(rng, day, plan, sessions, primary, video_program)
                if rng.random() < 0.08:
                    _non_counted(rng, day, plan, sessions, case_manager, physician)
        day += dt.timedelta(days=1)
    sessions.sort(key=lambda s: (s.date, s.start))
    sessions = [replace(s, index=i) for i, s in enumerate(_consistent_days(sessions))]
    return Scenario(
        seed=seed,
        program=rng.choice(PROGRAMS),
        member=member,
        admission_date=admission,
        discharge_date=discharge,
        diagnosis_code=code,
        diagnosis_name=dx_name,
        physician=physician,
        therapists=therapists,
        sessions=tuple(sessions),
        closed_days=tuple(closed),
    )


def _consistent_days(sessions: list[PlannedSession]) -> list[PlannedSession]:
    """A day holds together: a member absent from the day's groups misses its other
    sessions too (for the same reason); a member who left early attends nothing later;
    a missed group has no group size (the member was not one of its participants)."""
    by_day: dict[dt.date, list[PlannedSession]] = {}
    for s in sessions:
        by_day.setdefault(s.date, []).append(s)
    out: list[PlannedSession] = []
    for day_sessions in by_day.values():
        groups = [s for s in day_sessions if s.kind in GROUP_TITLES or s.kind is ServiceKind.MEAL]
        missed = next((s for s in groups if not s.attended), None)
        left_early = next((s for s in day_sessions if s.member_end is not None), None)
        for s in day_sessions:
            if missed is not None and s not in groups:
                s = replace(s, attendance=missed.attendance, absence_reason=missed.absence_reason)
            if left_early is not None and s.start > left_early.start and s.attended:
                s = replace(
                    s, attendance=Attendance.ABSENT, absence_reason="left the program early"
                )
            if not s.attended and s.group_size is not None:
                s = replace(s, group_size=None)
            out.append(s)
    return out


def _plan_day(
    rng: random.Random,
    day: dt.date,
    plan: tuple[_Slot, ...],
    out: list[PlannedSession],
    *,
    member_absent: bool,
    late: bool,
    video: bool,
    therapists: tuple[Staff, ...],
    extra: Staff,
) -> None:
    absence = rng.choice((Attendance.ABSENT, Attendance.NO_SHOW, Attendance.CANCELLED))
    reason = rng.choice(ABSENCE_REASONS[absence])
    for i, slot in enumerate(plan):
        if slot.kind is ServiceKind.MEAL:
            title, topic = "Lunch", ""
        else:
            title, topic = rng.choice(GROUP_TITLES[slot.kind])
        lead = therapists[(day.toordinal() + i) % len(therapists)]
        facilitators = (lead,) if rng.random() < 0.7 else (lead, extra)
        member_start = member_end = None
        if not member_absent and late and i == 0:
            member_start = _minutes_after(slot.start, rng.choice((15, 20, 30)))
        if not member_absent and i == len(plan) - 1 and rng.random() < 0.05:
            member_end = _minutes_after(slot.end, -rng.choice((15, 30)))
        is_group = slot.kind in GROUP_TITLES
        out.append(
            PlannedSession(
                index=-1,
                date=day,
                start=slot.start,
                end=slot.end,
                kind=slot.kind,
                title=title,
                attendance=absence if member_absent else Attendance.ATTENDED,
                modality=Modality.VIDEO if video else Modality.IN_PERSON,
                member_start=member_start,
                member_end=member_end,
                facilitators=facilitators if is_group else (),
                group_size=rng.choice((3, 4, 5, 6, 6, 7, 8, 9, 10)) if is_group else None,
                topic=topic,
                cpt=CPT.get(slot.kind),
                absence_reason=reason if member_absent else "",
            )
        )


def _individual(
    rng: random.Random,
    day: dt.date,
    plan: tuple[_Slot, ...],
    out: list[PlannedSession],
    therapist: Staff,
    video_program: bool,
) -> None:
    """A weekly individual (or now and then family) session after the day's groups."""
    start = _minutes_after(plan[-1].end, rng.choice((15, 30)))
    kind = (
        ServiceKind.FAMILY_COUNSELING
        if rng.random() < 0.2
        else ServiceKind.INDIVIDUAL_PSYCHOTHERAPY
    )
    length = rng.choice((45, 50, 53, 60))
    out.append(
        PlannedSession(
            index=-1,
            date=day,
            start=start,
            end=_minutes_after(start, length),
            kind=kind,
            title="Family Therapy"
            if kind is ServiceKind.FAMILY_COUNSELING
            else "Individual Therapy",
            attendance=Attendance.ATTENDED if rng.random() < 0.92 else Attendance.NO_SHOW,
            modality=Modality.VIDEO if video_program and rng.random() < 0.5 else Modality.IN_PERSON,
            topic="progress on treatment plan goals",
            cpt=("90837" if length >= 53 else "90834")
            if kind is ServiceKind.INDIVIDUAL_PSYCHOTHERAPY
            else CPT.get(kind),
        )
    )


def _non_counted(
    rng: random.Random,
    day: dt.date,
    plan: tuple[_Slot, ...],
    out: list[PlannedSession],
    case_manager: Staff,
    physician: Staff,
) -> None:
    """Now and then a service that is not counted: case management, a medication visit."""
    kind = rng.choice((ServiceKind.CASE_MANAGEMENT, ServiceKind.MEDICATION_MANAGEMENT))
    start = _minutes_after(plan[0].start, -45)
    out.append(
        PlannedSession(
            index=-1,
            date=day,
            start=start,
            end=_minutes_after(start, 30),
            kind=kind,
            title="Case Management"
            if kind is ServiceKind.CASE_MANAGEMENT
            else "Medication Management",
            attendance=Attendance.ATTENDED,
            facilitators=(),
            topic="housing and benefits"
            if kind is ServiceKind.CASE_MANAGEMENT
            else "medication review",
            cpt=CPT.get(kind),
        )
    )
