"""Helpers shared by the third held-out group: formats, names, note wording, a ledger.

Nothing here knows how charts are read; it only knows how export styles write. The
:class:`Ledger` records, for each session a renderer writes, which strings (date, times,
duration) it put into which file, so this group's own checks can confirm that what a
family declares in :class:`~eval.generality.model.Written` is really in the text.
"""

from __future__ import annotations

import datetime as dt
import random
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from core.facts import Attendance, ServiceKind
from eval.generality.model import PlannedSession, Scenario, Staff, Written
from eval.generality.scenario import FIRST, LAST

K = ServiceKind
A = Attendance
GROUP_KINDS = (K.GROUP_PSYCHOTHERAPY, K.GROUP_EDUCATION)

# --------------------------------------------------------------------------- times


def mins(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def own_start(s: PlannedSession) -> dt.time:
    return s.member_start or s.start


def own_end(s: PlannedSession) -> dt.time:
    return s.member_end or s.end


def is_late_or_early(s: PlannedSession) -> bool:
    return s.member_start is not None or s.member_end is not None


def t_24(t: dt.time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def t_24dot(t: dt.time) -> str:
    return f"{t.hour:02d}.{t.minute:02d}"


def t_milh(t: dt.time) -> str:
    return f"{t.hour:02d}{t.minute:02d}h"


def t_fr(t: dt.time) -> str:
    return f"{t.hour}h{t.minute:02d}"


def t_ampm(t: dt.time) -> str:
    h = t.hour % 12 or 12
    return f"{h}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def t_ampm_dots(t: dt.time) -> str:
    h = t.hour % 12 or 12
    return f"{h}:{t.minute:02d} {'a.m.' if t.hour < 12 else 'p.m.'}"


def t_ampm_short(t: dt.time) -> str:
    h = t.hour % 12 or 12
    return f"{h}:{t.minute:02d}{'a' if t.hour < 12 else 'p'}"


def t_12bare(t: dt.time) -> str:
    """12-hour clock without a meridiem ("1:00"), as grids whose header says "PM" print."""
    h = t.hour % 12 or 12
    return f"{h}:{t.minute:02d}"


def hours_comma(minutes: float, decimals: int = 2, trim: bool = False) -> str:
    """Decimal hours with a decimal comma: 90 -> "1,50" (or "1,5" when ``trim``)."""
    text = f"{minutes / 60:.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def h_colon_m(minutes: float) -> str:
    m = int(minutes)
    return f"{m // 60}:{m % 60:02d}"


def h_m_words(minutes: float) -> str:
    m = int(minutes)
    h, r = divmod(m, 60)
    if h and r:
        return f"{h}h {r:02d}m"
    if h:
        return f"{h}h 00m"
    return f"{r}m"


# --------------------------------------------------------------------------- dates


def d_us(d: dt.date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def d_us_short(d: dt.date) -> str:
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def d_iso(d: dt.date) -> str:
    return d.isoformat()


def d_eu(d: dt.date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def d_eu_short(d: dt.date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"


def monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


HOLIDAY_NAMES = {
    (1, 1): "New Year's Day",
    (5, 26): "Memorial Day",
    (7, 4): "Independence Day",
    (9, 1): "Labor Day",
    (11, 27): "Thanksgiving",
    (12, 25): "Christmas Day",
}


def holiday_name(d: dt.date) -> str:
    if (d.month, d.day) in HOLIDAY_NAMES:
        return HOLIDAY_NAMES[(d.month, d.day)]
    if d.month == 1:
        return "Martin Luther King Jr. Day"
    if d.month == 2:
        return "Presidents' Day"
    return "Holiday"


def us_utc_offset_hours(d: dt.date, standard: int) -> int:
    """The UTC offset of a US zone on ``d`` (``standard`` e.g. -6), with daylight saving
    from the second Sunday of March to the first Sunday of November."""
    march = dt.date(d.year, 3, 8)
    dst_start = march + dt.timedelta(days=(6 - march.weekday()) % 7)
    nov = dt.date(d.year, 11, 1)
    dst_end = nov + dt.timedelta(days=(6 - nov.weekday()) % 7)
    return standard + 1 if dst_start <= d < dst_end else standard


# --------------------------------------------------------------------------- people


def staff_name(st: Staff, style: str = "first_last") -> str:
    if style == "first_last":
        return f"{st.first} {st.last}, {st.credential}"
    if style == "last_first":
        return f"{st.last}, {st.first} ({st.credential})"
    if style == "initial":
        return f"{st.first[0]}. {st.last}, {st.credential}"
    if style == "plain":
        return f"{st.first} {st.last} {st.credential}"
    if style == "upper":
        return f"{st.last.upper()}, {st.first.upper()} {st.credential}"
    raise ValueError(style)


def case_manager(scn: Scenario) -> Staff:
    """A case manager for the chart's case-management contacts (the scenario does not keep
    its own); the same for the same scenario."""
    rng = random.Random(scn.seed * 31 + 7)
    return Staff(rng.choice(FIRST), rng.choice(LAST), rng.choice(("BSW", "BA", "CM")))


def providers(scn: Scenario, s: PlannedSession) -> tuple[Staff, ...]:
    """Who delivered ``s``: the group's facilitators, the primary therapist, the physician
    or the case manager (nobody for a meal)."""
    if s.kind in GROUP_KINDS:
        return s.facilitators
    if s.kind in (K.INDIVIDUAL_PSYCHOTHERAPY, K.FAMILY_COUNSELING):
        return (scn.therapists[0],)
    if s.kind is K.MEDICATION_MANAGEMENT:
        return (scn.physician,)
    if s.kind is K.CASE_MANAGEMENT:
        return (case_manager(scn),)
    return ()


# --------------------------------------------------------------------------- service names

KIND_NAME = {
    K.GROUP_PSYCHOTHERAPY: "Group Psychotherapy",
    K.GROUP_EDUCATION: "Group Psychoeducation",
    K.INDIVIDUAL_PSYCHOTHERAPY: "Individual Psychotherapy",
    K.FAMILY_COUNSELING: "Family Psychotherapy",
    K.CASE_MANAGEMENT: "Case Management",
    K.MEDICATION_MANAGEMENT: "Medication Management",
    K.MEAL: "Lunch",
}


def service_label(s: PlannedSession) -> str:
    """The program's name for the service, with the kind when the name hides it."""
    if s.kind in GROUP_KINDS:
        return s.title
    return KIND_NAME.get(s.kind, s.title)


# --------------------------------------------------------------------------- note wording

_RESPONSES = (
    "Client was engaged and offered several relevant examples from the past week.",
    "Client participated actively and gave supportive feedback to two peers.",
    "Client was quiet at first but contributed when prompted and stayed on topic.",
    "Client shared openly, with appropriate affect, and asked clarifying questions.",
    "Client appeared tired but attentive; participation was minimal but relevant.",
    "Client practiced the skill in a role-play and identified one barrier to using it.",
)
_GOALS = (
    "Goal 1 (reduce depressive symptoms, PHQ-9 below 10)",
    "Goal 2 (use two coping skills daily when distressed)",
    "Goal 1 (decrease avoidance; attend all scheduled sessions)",
    "Goal 3 (improve sleep to 6+ hours on 5 nights a week)",
    "Goal 2 (identify and challenge automatic thoughts)",
)
_PLANS = (
    "Continue IOP as scheduled; practice the skill reviewed today.",
    "Continue current plan; complete thought record before next group.",
    "Continue IOP; review coping card with primary therapist this week.",
    "Continue attendance; reinforce use of safety and coping plan.",
)


def note_paragraphs(scn: Scenario, s: PlannedSession, rng: random.Random) -> dict[str, str]:
    """DAP-style wording for an attended session (no times or dates in it)."""
    topic = s.topic or "progress on treatment plan goals"
    if s.kind in GROUP_KINDS:
        data = (
            f"{s.title} focused on {topic}. Facilitator reviewed the skill, led discussion "
            "and an experiential exercise."
        )
    elif s.kind is K.FAMILY_COUNSELING:
        data = (
            "Family session with client and spouse. Reviewed communication patterns at "
            "home and how family can support the safety plan."
        )
    elif s.kind is K.INDIVIDUAL_PSYCHOTHERAPY:
        data = (
            "Individual session reviewing progress on treatment plan goals; used CBT "
            "techniques to examine recent stressors and thought patterns."
        )
    elif s.kind is K.MEDICATION_MANAGEMENT:
        data = (
            "Medication review. Client reports adherence; mild morning nausea. No changes "
            "to current regimen; labs reviewed."
        )
    elif s.kind is K.CASE_MANAGEMENT:
        data = "Case management contact regarding housing application and benefits paperwork."
    else:
        data = f"{s.title}."
    return {
        "data": data,
        "assessment": rng.choice(_RESPONSES)
        + f" Progress toward {rng.choice(_GOALS)} is fair. Denies SI/HI.",
        "plan": rng.choice(_PLANS),
    }


def absence_text(s: PlannedSession) -> str:
    reason = s.absence_reason or "no reason given"
    if s.attendance is A.NO_SHOW:
        return (
            f"Client did not attend and did not call ({reason}). "
            "Outreach call placed; voicemail left."
        )
    if s.attendance is A.CANCELLED:
        return f"Client cancelled ahead of the session ({reason}). Will resume next program day."
    return f"Client absent from session ({reason})."


# --------------------------------------------------------------------------- ledger


@dataclass
class Ledger:
    """What a renderer wrote where: (session index, file name, needles that must be in the
    file's text). Used only by this group's self-checks."""

    entries: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)

    def note(self, index: int, file: str, *needles: str) -> None:
        self.entries.append((index, file, tuple(n for n in needles if n)))


def build_written(
    files_by_session: dict[int, list[str]],
    flags: Callable[[int], dict[str, bool]],
) -> tuple[Written, ...]:
    """One :class:`Written` per documented session, listing each file once, in order."""
    out = []
    for index in sorted(files_by_session):
        files = tuple(dict.fromkeys(files_by_session[index]))
        out.append(Written(session=index, files=files, **flags(index)))
    return tuple(out)


def latest_written_date(scn: Scenario, indices: Iterable[int]) -> dt.date:
    return max(scn.sessions[i].date for i in indices)


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True) or [""]
