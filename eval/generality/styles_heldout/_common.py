"""Shared helpers of the held-out style families (not a family itself).

Date and time spellings, a chart builder that collects the files of a rendering and what
they state about each session (merged into one :class:`Written` per session), and some
clinical prose that several vendor templates share. Every family lays the prose out in
its own way; nothing here decides a layout.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import (
    ChartFile,
    PlannedSession,
    RenderedChart,
    Scenario,
    Staff,
    Written,
)

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# --------------------------------------------------------------------------- dates


def mdy(d: dt.date) -> str:
    """10/07/2025"""
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def mdy_short(d: dt.date) -> str:
    """10/7/25"""
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def mdy_nopad(d: dt.date) -> str:
    """10/7/2025"""
    return f"{d.month}/{d.day}/{d.year}"


def mon_d_y(d: dt.date) -> str:
    """Oct 7, 2025"""
    return f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}"


def month_d_y(d: dt.date) -> str:
    """October 7, 2025"""
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def dd_mon_yyyy(d: dt.date) -> str:
    """07-Oct-2025"""
    return f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}"


def iso(d: dt.date) -> str:
    """2025-10-07"""
    return d.isoformat()


def long_date(d: dt.date) -> str:
    """Tuesday, October 7, 2025"""
    return f"{WEEKDAYS[d.weekday()]}, {month_d_y(d)}"


def wd3(d: dt.date) -> str:
    """Tue"""
    return WEEKDAYS[d.weekday()][:3]


def monday_of(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


# --------------------------------------------------------------------------- times


def minutes_of(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def add_minutes(t: dt.time, minutes: int) -> dt.time:
    total = minutes_of(t) + minutes
    return dt.time(total // 60, total % 60)


def t12(t: dt.time, *, pad: bool = False, dots: bool = False) -> str:
    """9:00 AM (``pad``: 09:00 AM; ``dots``: 9:00 a.m.)"""
    h = t.hour % 12 or 12
    suffix = ("a.m." if t.hour < 12 else "p.m.") if dots else ("AM" if t.hour < 12 else "PM")
    return f"{h:02d}:{t.minute:02d} {suffix}" if pad else f"{h}:{t.minute:02d} {suffix}"


def t24(t: dt.time) -> str:
    """09:00"""
    return f"{t.hour:02d}:{t.minute:02d}"


def tmil(t: dt.time) -> str:
    """0900"""
    return f"{t.hour:02d}{t.minute:02d}"


def tletter(t: dt.time) -> str:
    """9:00a / 1:30p"""
    h = t.hour % 12 or 12
    return f"{h}:{t.minute:02d}{'a' if t.hour < 12 else 'p'}"


def tloose(t: dt.time, *, suffix: bool = True) -> str:
    """9am / 10:30am / 1:15pm (``suffix=False``: 9 / 10:30)"""
    h = t.hour % 12 or 12
    core = f"{h}" if t.minute == 0 else f"{h}:{t.minute:02d}"
    return core + (("am" if t.hour < 12 else "pm") if suffix else "")


def loose_range(a: dt.time, b: dt.time, dash: str = "\u2013") -> str:
    """9\u201310:30am, 11:20am\u201312:20pm (the first suffix dropped when both share it)."""
    same = (a.hour < 12) == (b.hour < 12)
    return f"{tloose(a, suffix=not same)}{dash}{tloose(b)}"


def hmm(minutes: float) -> str:
    """1:30"""
    m = int(minutes)
    return f"{m // 60}:{m % 60:02d}"


# --------------------------------------------------------------------------- people


def signed_name(p: Staff) -> str:
    return f"{p.first} {p.last}, {p.credential}"


def last_first(p: Staff) -> str:
    return f"{p.last}, {p.first}"


def extra_staff(rng: random.Random, credential: str) -> Staff:
    """A staff member the scenario leaves unnamed (case manager, intake nurse)."""
    from eval.generality.scenario import FIRST, LAST

    return Staff(rng.choice(FIRST), rng.choice(LAST), credential)


def age_on(dob: dt.date, d: dt.date) -> int:
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# --------------------------------------------------------------------------- sessions


def member_in(s: PlannedSession) -> dt.time:
    return s.member_start or s.start


def member_out(s: PlannedSession) -> dt.time:
    return s.member_end or s.end


def by_date(scn: Scenario) -> dict[dt.date, list[PlannedSession]]:
    out: dict[dt.date, list[PlannedSession]] = {}
    for s in scn.sessions:
        out.setdefault(s.date, []).append(s)
    return out


def episode_days(scn: Scenario) -> list[dt.date]:
    """Every date with a session or a closure, in order."""
    days = {s.date for s in scn.sessions} | set(scn.closed_days)
    return sorted(days)


def safe_reason(s: PlannedSession) -> str:
    """The absence reason, unless it contradicts the attendance code (the scenario draws
    the reason independently of absent / no-show / cancelled)."""
    r = s.absence_reason
    if s.attendance is not Attendance.NO_SHOW and ("no show" in r or "no call" in r):
        return ""
    if s.attendance is Attendance.NO_SHOW and r in ("called in sick", "family emergency"):
        return ""  # a member who called is not a no-show
    return r


def is_video(s: PlannedSession) -> bool:
    return s.modality is Modality.VIDEO


# --------------------------------------------------------------------------- the chart


@dataclass
class _Marks:
    files: list[str] = field(default_factory=list)
    length: bool = False
    kind: bool = False
    attendance: bool = False
    implied: bool = False
    member_times: bool = False
    modality: bool = False
    group_size: bool = False
    facilitators: bool = False


class Chart:
    """Collects a rendering: its files, the document dates they carry and, per session,
    what the files that document it state (merged over files)."""

    def __init__(self, scn: Scenario) -> None:
        self.scn = scn
        self._files: list[ChartFile] = []
        self._marks: dict[int, _Marks] = {}
        self._doc_dates: list[dt.date] = []

    def add(self, name: str, content: str | bytes, *, crlf: bool = False) -> str:
        if isinstance(content, str):
            text = content if content.endswith("\n") else content + "\n"
            if crlf:
                text = text.replace("\r\n", "\n").replace("\n", "\r\n")
            data = text.encode("utf-8")
        else:
            data = content
        self._files.append(ChartFile(name, data))
        return name

    def doc_date(self, *dates: dt.date) -> None:
        """Dates a document records a service on, or was written or signed on."""
        self._doc_dates.extend(dates)

    def mark(
        self,
        s: PlannedSession,
        file: str,
        *,
        length: bool,
        kind: bool,
        attendance: bool,
        member_times: bool = False,
        implied: bool = False,
        modality: bool = False,
        group_size: bool = False,
        facilitators: bool = False,
    ) -> None:
        """Record that ``file`` documents ``s`` and which slots its words state."""
        m = self._marks.setdefault(s.index, _Marks())
        if file not in m.files:
            m.files.append(file)
        m.length |= length
        m.kind |= kind
        m.attendance |= attendance
        m.implied |= implied
        m.member_times |= member_times
        m.modality |= modality
        m.group_size |= group_size
        m.facilitators |= facilitators

    def documented(self, s: PlannedSession) -> bool:
        return s.index in self._marks

    def render(self, *, admission_stated: bool, discharge_stated: bool) -> RenderedChart:
        written: list[Written] = []
        for index in sorted(self._marks):
            m = self._marks[index]
            s = self.scn.sessions[index]
            own = s.member_start is not None or s.member_end is not None
            if m.implied and not s.attended:
                raise ValueError(f"session {index}: implied attendance of a missed session")
            written.append(
                Written(
                    session=index,
                    files=tuple(m.files),
                    states_length=m.length,
                    states_kind=m.kind,
                    states_attendance=m.attendance,
                    implied_attended=m.implied and not m.attendance,
                    states_member_times=m.member_times or not own,
                    states_modality=m.modality,
                    states_group_size=m.group_size,
                    states_facilitators=m.facilitators,
                )
            )
        if not self._doc_dates:
            raise ValueError("a chart without a document date")
        return RenderedChart(
            files=tuple(self._files),
            written=tuple(written),
            admission_stated=admission_stated,
            discharge_stated=discharge_stated,
            latest_document_date=max(self._doc_dates),
        )


# --------------------------------------------------------------------------- clinical prose


@dataclass(frozen=True)
class Goal:
    problem: str
    goal: str
    objective: str
    weeks: int


def goals_for(scn: Scenario) -> tuple[Goal, ...]:
    """Three plan goals fitting the diagnosis (measurable, time-framed)."""
    code = scn.diagnosis_code
    if code.startswith("F10"):
        first = Goal(
            "Alcohol use with loss of control",
            "Maintain abstinence from alcohol",
            "Member will report 0 drinking days per week on the weekly timeline follow-back",
            6,
        )
    elif code.startswith("F41"):
        first = Goal(
            "Persistent worry and panic-like symptoms",
            "Reduce anxiety to a manageable level",
            "Member will lower GAD-7 score from baseline to 9 or below",
            6,
        )
    elif code.startswith("F43"):
        first = Goal(
            "Intrusive memories, hypervigilance, poor sleep",
            "Decrease trauma-related distress",
            "Member will reduce PCL-5 score by at least 10 points",
            8,
        )
    elif code.startswith("F31"):
        first = Goal(
            "Mood instability with depressive episodes",
            "Stabilize mood",
            "Member will complete a daily mood chart on at least 6 of 7 days",
            6,
        )
    elif code.startswith("F60"):
        first = Goal(
            "Emotion dysregulation and self-harm urges",
            "Use distress-tolerance skills instead of self-harm",
            "Member will use a DBT skill during 4 of 5 documented urges per week",
            8,
        )
    else:
        first = Goal(
            "Depressed mood, withdrawal, passive hopelessness",
            "Reduce depressive symptoms",
            "Member will lower PHQ-9 score from baseline to 10 or below",
            6,
        )
    return (
        first,
        Goal(
            "Limited coping skills under stress",
            "Build a repertoire of coping skills",
            "Member will name and practice 3 new coping skills in group",
            4,
        ),
        Goal(
            "Isolation from supports",
            "Re-engage natural supports and plan step-down",
            "Member will identify 2 supportive contacts and attend 1 community support meeting",
            6,
        ),
    )


RESPONSES = (
    "{f} participated actively, offered feedback to peers and related the material to recent "
    "stressors at home.",
    "{f} was initially quiet but engaged after the check-in and completed the worksheet.",
    "{f} shared openly about the week, accepted feedback and identified one skill to try.",
    "{f} was attentive, on topic and able to summarize the main points at the close of group.",
    "{f} participated with encouragement; affect constricted, thought process goal directed.",
    "{f} engaged appropriately, practiced the skill in a role-play and reported it helpful.",
)
INDIVIDUAL_WORK = (
    "Reviewed the week's mood log and the triggers {f} identified; practiced cognitive "
    "restructuring on one automatic thought.",
    "Explored the conflict with family that {f} raised in group; rehearsed an assertive request.",
    "Reviewed safety plan and coping card; {f} identified early warning signs and two contacts.",
    "Processed a recent setback without judgement; {f} set one behavioural-activation task.",
)
FAMILY_WORK = (
    "Met with {f} and spouse; discussed communication patterns and how family can support "
    "skill use at home.",
    "Session with {f} and parent; psychoeducation on the diagnosis and relapse warning signs.",
)
PLAN_LINES = (
    "Continue IOP as planned.",
    "Continue current plan; reassess goals at next review.",
    "Member to practise skill daily and report in group.",
)


ONE_TO_ONE = (
    "{f} was engaged and forthcoming, receptive to feedback, and agreed to the plan.",
    "{f} was cooperative; mood reported as 'better than last week', affect brighter.",
    "{f} was tearful at times but able to use grounding and re-focus on the task.",
    "{f} was attentive and reflective; insight fair and improving.",
)


def response_line(rng: random.Random, first: str, s: PlannedSession | None = None) -> str:
    """The member's response: group wording for groups, one-to-one wording otherwise."""
    pool = RESPONSES if s is None or s.is_group else ONE_TO_ONE
    return rng.choice(pool).format(f=first)


def goal_line(rng: random.Random, goals: Iterable[Goal]) -> str:
    gs = list(goals)
    i = rng.randrange(len(gs))
    return f"Addresses Goal {i + 1}: {gs[i].goal.lower()}."


def session_work(rng: random.Random, s: PlannedSession, first: str) -> str:
    if s.kind is ServiceKind.FAMILY_COUNSELING:
        return rng.choice(FAMILY_WORK).format(f=first)
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        return f"Assisted {first} with {s.topic}; faxed benefits application and called landlord."
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        return f"{s.topic.capitalize()}: tolerating current regimen, no new side effects reported."
    return rng.choice(INDIVIDUAL_WORK).format(f=first)


def risk_sentence(rng: random.Random) -> str:
    return rng.choice(
        (
            "Denies SI/HI, no plan or intent. Risk level: low.",
            "Denies current suicidal or homicidal ideation, plan or intent; risk low.",
            "No SI/HI reported; no plan or intent; does not require 24-hour supervision.",
        )
    )
