"""Helpers shared by the sixth group of development style families: time and date spellings,
staff and service labels, US time zones for audit logs, note narrative, a deterministic PDF
canvas."""

from __future__ import annotations

import datetime as dt
import random
import textwrap
from collections.abc import Sequence

from fpdf import FPDF

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import PlannedSession, Scenario, Staff, Written

GROUP_KINDS = (ServiceKind.GROUP_PSYCHOTHERAPY, ServiceKind.GROUP_EDUCATION)
PDF_DATE = dt.datetime(2026, 2, 2, 8, 0, 0, tzinfo=dt.UTC)


def pick_layout(scn: Scenario, layouts: Sequence[str]) -> str:
    """The sub-layout of a chart: consecutive seeds walk through every layout."""
    return layouts[scn.seed % len(layouts)]


# --------------------------------------------------------------------------- times


def minutes_of(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def member_in(s: PlannedSession) -> dt.time:
    return s.member_start or s.start


def member_out(s: PlannedSession) -> dt.time:
    return s.member_end or s.end


def partial(s: PlannedSession) -> bool:
    """The member arrived late or left early."""
    return s.member_start is not None or s.member_end is not None


def _h12(t: dt.time) -> str:
    return f"{(t.hour % 12) or 12}:{t.minute:02d}"


def tm(t: dt.time, style: str) -> str:
    """One clock time in a spelling: ``24`` 09:00, ``24n`` 9:00, ``4`` 0900, ``4h`` 0900h,
    ``h`` 9h00, ``dot`` 09.00, ``dotn`` 9.00, ``12`` 9:00 AM, ``12l`` 9:00 am, ``12a`` 9:00a,
    ``12dots`` 9:00 a.m."""
    h, m = t.hour, t.minute
    pm = h >= 12
    if style == "24":
        return f"{h:02d}:{m:02d}"
    if style == "24n":
        return f"{h}:{m:02d}"
    if style == "4":
        return f"{h:02d}{m:02d}"
    if style == "4h":
        return f"{h:02d}{m:02d}h"
    if style == "h":
        return f"{h}h{m:02d}"
    if style == "dot":
        return f"{h:02d}.{m:02d}"
    if style == "dotn":
        return f"{h}.{m:02d}"
    if style == "12":
        return f"{_h12(t)} {'PM' if pm else 'AM'}"
    if style == "12l":
        return f"{_h12(t)} {'pm' if pm else 'am'}"
    if style == "12a":
        return f"{_h12(t)}{'p' if pm else 'a'}"
    if style == "12dots":
        return f"{_h12(t)} {'p.m.' if pm else 'a.m.'}"
    raise ValueError(style)


def span(a: dt.time, b: dt.time, style: str, sep: str = "-") -> str:
    """A time range; ``12tail`` writes the meridiem once when both ends share it
    ("9:00-10:30 a.m.", "11:30 a.m.-12:45 p.m.")."""
    if style == "12tail":
        ma, mb = ("p.m." if a.hour >= 12 else "a.m."), ("p.m." if b.hour >= 12 else "a.m.")
        if ma == mb:
            return f"{_h12(a)}{sep}{_h12(b)} {mb}"
        return f"{_h12(a)} {ma}{sep}{_h12(b)} {mb}"
    return f"{tm(a, style)}{sep}{tm(b, style)}"


def point(t: dt.time, style: str) -> str:
    """One time in the spelling of :func:`span` (``12tail`` becomes ``12dots``)."""
    return tm(t, "12dots" if style == "12tail" else style)


# --------------------------------------------------------------------------- dates

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def df(d: dt.date, style: str) -> str:
    """A date: ``us`` 03/04/2025, ``usn`` 3/4/2025, ``us2`` 03/04/25, ``iso`` 2025-03-04,
    ``eu`` 04.03.2025, ``eu2`` 04.03.25, ``dmon`` 04-Mar-2025, ``long`` March 4, 2025,
    ``wlong`` Tuesday, March 4, 2025, ``md`` 03/04, ``mdn`` 3/4."""
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "usn":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "us2":
        return f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}"
    if style == "iso":
        return d.isoformat()
    if style == "eu":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "eu2":
        return f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"
    if style == "dmon":
        return f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}"
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "wlong":
        return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "md":
        return f"{d.month:02d}/{d.day:02d}"
    if style == "mdn":
        return f"{d.month}/{d.day}"
    raise ValueError(style)


def monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# --------------------------------------------------------------------------- people, labels


def staff(st: Staff, style: str = "full") -> str:
    """``full`` Dana Whitfield, LCSW; ``last`` Whitfield, Dana LCSW; ``init`` D. Whitfield,
    LCSW; ``upper`` WHITFIELD, DANA (LCSW); ``paren`` Dana Whitfield (LCSW)."""
    if style == "full":
        return f"{st.first} {st.last}, {st.credential}"
    if style == "last":
        return f"{st.last}, {st.first} {st.credential}"
    if style == "init":
        return f"{st.first[0]}. {st.last}, {st.credential}"
    if style == "upper":
        return f"{st.last.upper()}, {st.first.upper()} ({st.credential})"
    if style == "paren":
        return f"{st.first} {st.last} ({st.credential})"
    raise ValueError(style)


def case_manager(scn: Scenario) -> Staff:
    """The program's case manager (the scenario does not name one)."""
    r = random.Random(scn.seed * 7919 + 17)
    first = r.choice(("Bianca", "Trevor", "Lena", "Marisol", "Devon", "Hollis", "Renata"))
    last = r.choice(("Quintero", "Albright", "Sorensen", "Mbeki", "Tate", "Vasquez", "Orr"))
    return Staff(first, last, r.choice(("BSW", "BA", "CM")))


def clinicians(scn: Scenario, s: PlannedSession) -> tuple[Staff, ...]:
    """Who delivered the session (nobody for a meal)."""
    if s.kind in GROUP_KINDS:
        return s.facilitators
    if s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING):
        return (scn.therapists[0],)
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        return (scn.physician,)
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        return (case_manager(scn),)
    return ()


KIND_NAMES: dict[ServiceKind, tuple[str, ...]] = {
    ServiceKind.GROUP_PSYCHOTHERAPY: ("Group Psychotherapy", "Group Therapy", "Grp Psychotherapy"),
    ServiceKind.GROUP_EDUCATION: (
        "Psychoeducation Group",
        "Group Education",
        "Grp Psychoeducation",
    ),
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: (
        "Individual Psychotherapy",
        "Individual Therapy",
        "Indiv Therapy",
    ),
    ServiceKind.FAMILY_COUNSELING: ("Family Therapy", "Family Session", "Family Therapy"),
    ServiceKind.CASE_MANAGEMENT: ("Case Management", "Case Management", "Case Mgmt"),
    ServiceKind.MEDICATION_MANAGEMENT: (
        "Medication Management",
        "Psychiatric Med Check",
        "Med Mgmt",
    ),
    ServiceKind.MEAL: ("Lunch", "Lunch Break", "Lunch"),
}


def kind_name(kind: ServiceKind, variant: int = 0) -> str:
    """A kind-level service name (a grid row, a service-type column)."""
    return KIND_NAMES[kind][variant % 3]


def modality(m: Modality, style: str = "word") -> str:
    video = m is Modality.VIDEO
    if style == "word":
        return "Telehealth (video)" if video else "In person"
    if style == "short":
        return "Video" if video else "On-site"
    if style == "pos":
        return "POS 10 - telehealth video" if video else "POS 11 - clinic"
    if style == "upper":
        return "TELEHEALTH" if video else "IN_PERSON"
    raise ValueError(style)


ATTENDANCE_WORDS: dict[str, dict[Attendance, str]] = {
    "plain": {
        Attendance.ATTENDED: "Present",
        Attendance.ABSENT: "Absent",
        Attendance.NO_SHOW: "No-show",
        Attendance.CANCELLED: "Cancelled",
    },
    "long": {
        Attendance.ATTENDED: "Attended",
        Attendance.ABSENT: "Absent (excused)",
        Attendance.NO_SHOW: "No call / no show",
        Attendance.CANCELLED: "Cancelled by client",
    },
    "status": {
        Attendance.ATTENDED: "Kept",
        Attendance.ABSENT: "Not present",
        Attendance.NO_SHOW: "No Show",
        Attendance.CANCELLED: "Client Cancel",
    },
}


def attendance(a: Attendance, vocab: str = "plain") -> str:
    return ATTENDANCE_WORDS[vocab][a]


# --------------------------------------------------------------------------- US time zones


US_ZONES: tuple[tuple[str, str, str, int], ...] = (
    ("America/Chicago", "CST", "CDT", -6),
    ("America/New_York", "EST", "EDT", -5),
    ("America/Denver", "MST", "MDT", -7),
    ("America/Los_Angeles", "PST", "PDT", -8),
)
_DST = {
    2025: (dt.date(2025, 3, 9), dt.date(2025, 11, 2)),
    2026: (dt.date(2026, 3, 8), dt.date(2026, 11, 1)),
}


def is_dst(d: dt.date) -> bool:
    start, end = _DST[d.year]
    return start <= d < end


def zone_abbr(d: dt.date, zone: tuple[str, str, str, int]) -> str:
    return zone[2] if is_dst(d) else zone[1]


def to_utc(
    d: dt.date, t: dt.time, zone: tuple[str, str, str, int], seconds: int = 0
) -> dt.datetime:
    """Local wall time ``d t`` (+ ``seconds``) in ``zone`` as a naive UTC datetime."""
    offset = zone[3] + (1 if is_dst(d) else 0)
    local = dt.datetime.combine(d, t) + dt.timedelta(seconds=seconds)
    return local - dt.timedelta(hours=offset)


# --------------------------------------------------------------------------- text


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


_GROUP_D = (
    "Group focused on {topic}.",
    "Facilitator introduced {topic}; members practiced the skill in pairs.",
    "Session topic: {topic}. Members reviewed the week's homework.",
)
_GROUP_A = (
    "Client participated actively and offered feedback to peers.",
    "Client was quiet early on, then shared a recent stressor and accepted feedback.",
    "Client engaged with the material and identified two personal examples.",
    "Client appeared tired but followed the discussion and completed the worksheet.",
)
_EDU_D = (
    "Didactic presentation on {topic} with handout and discussion.",
    "Education group covered {topic}; questions and answers followed.",
)
_IND_D = (
    "Individual session reviewing {topic}.",
    "Met with client to review {topic}; practiced a grounding exercise.",
)
_FAM_D = (
    "Family session with client and spouse addressing communication at home.",
    "Family session with client and parent on supports after discharge.",
)
_CM_D = ("Case management contact regarding {topic}.",)
_MED_D = ("Medication review; side effects and adherence discussed.",)
_PLAN = (
    "Plan: continue IOP per treatment plan goal 1 (reduce depressive symptoms).",
    "Plan: practice skill daily; relates to ITP goal 2 (coping skills).",
    "Plan: continue group attendance; progress toward goal of improved sleep and mood.",
    "Plan: review safety plan next session; ITP goal 3 (relapse prevention).",
)


def narrative(rng: random.Random, s: PlannedSession) -> list[str]:
    """Two or three sentences of a progress note for an attended session."""
    topic = s.topic or "current stressors"
    if s.kind is ServiceKind.GROUP_PSYCHOTHERAPY:
        d = rng.choice(_GROUP_D)
    elif s.kind is ServiceKind.GROUP_EDUCATION:
        d = rng.choice(_EDU_D)
    elif s.kind is ServiceKind.FAMILY_COUNSELING:
        d = rng.choice(_FAM_D)
    elif s.kind is ServiceKind.CASE_MANAGEMENT:
        d = rng.choice(_CM_D)
    elif s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        d = rng.choice(_MED_D)
    else:
        d = rng.choice(_IND_D)
    return [d.format(topic=topic), rng.choice(_GROUP_A), rng.choice(_PLAN)]


# --------------------------------------------------------------------------- gold


def written(
    s: PlannedSession,
    files: Sequence[str],
    *,
    length: bool = True,
    kind: bool = True,
    attendance: bool = True,
    member_times: bool = True,
    modality: bool = False,
    group_size: bool = False,
    facilitators: bool = False,
    implied: bool = False,
) -> Written:
    return Written(
        session=s.index,
        files=tuple(dict.fromkeys(files)),
        states_length=length,
        states_kind=kind,
        states_attendance=attendance,
        implied_attended=implied,
        states_member_times=member_times,
        states_modality=modality,
        states_group_size=group_size,
        states_facilitators=facilitators,
    )


# --------------------------------------------------------------------------- PDF


def new_pdf() -> FPDF:
    """A Letter-size canvas in points whose bytes do not depend on the clock."""
    pdf = FPDF(unit="pt", format="Letter")
    pdf.set_creation_date(PDF_DATE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(36, 36, 36)
    return pdf


def latin1(text: str) -> str:
    """Text the core PDF fonts can draw."""
    table = {"–": "-", "—": "-", "’": "'", "“": '"', "”": '"', "·": "-", "…": "..."}
    out = "".join(table.get(c, c) for c in text)
    return out.encode("latin-1", "replace").decode("latin-1")


def pdf_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())


HOLIDAY_NAMES: dict[dt.date, str] = {
    dt.date(2025, 1, 20): "Martin Luther King Jr. Day",
    dt.date(2025, 2, 17): "Presidents' Day",
    dt.date(2025, 5, 26): "Memorial Day",
    dt.date(2025, 7, 4): "Independence Day",
    dt.date(2025, 9, 1): "Labor Day",
    dt.date(2025, 11, 27): "Thanksgiving Day",
    dt.date(2025, 12, 25): "Christmas Day",
    dt.date(2026, 1, 1): "New Year's Day",
    dt.date(2026, 1, 19): "Martin Luther King Jr. Day",
    dt.date(2026, 2, 16): "Presidents' Day",
}


def holiday(d: dt.date) -> str:
    return HOLIDAY_NAMES.get(d, "Holiday")


def sign_date(rng: random.Random, d: dt.date) -> dt.date:
    """When a note for ``d`` was signed: mostly the same day, now and then a day or two later."""
    r = rng.random()
    return d if r < 0.8 else d + dt.timedelta(days=1 if r < 0.95 else 2)


def minutes_after(t: dt.time, minutes: int) -> dt.time:
    total = (t.hour * 60 + t.minute + minutes) % (24 * 60)
    return dt.time(total // 60, total % 60)


_DEFAULT_REASON = {
    Attendance.NO_SHOW: "no call, no show",
    Attendance.CANCELLED: "cancelled by client",
    Attendance.ABSENT: "absent",
}


def reason(s: PlannedSession) -> str:
    """Why a session was missed (a stand-alone no-show has no reason of its own)."""
    return s.absence_reason or _DEFAULT_REASON.get(s.attendance, "")
