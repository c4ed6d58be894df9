"""Helpers shared by this group's families only: clock and date wording, the program's
recurring schedule, staff names, PDF building, time zones and OCR-like noise.

Nothing here decides what a style writes down; each family reports its own ``Written``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fpdf import FPDF

from core.facts import Attendance, ServiceKind
from eval.generality.model import PlannedSession, Scenario, Staff

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_LETTERS = ("M", "T", "W", "Th", "F", "Sa", "Su")
WEEKDAY_RRULE = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
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
GROUP_KINDS = (ServiceKind.GROUP_PSYCHOTHERAPY, ServiceKind.GROUP_EDUCATION)
PDF_CREATED = dt.datetime(2025, 1, 2, 8, 0, tzinfo=dt.UTC)


# --------------------------------------------------------------------------- sessions


def member_start(s: PlannedSession) -> dt.time:
    """The member's own start (their arrival when late), else the session's."""
    return s.member_start or s.start


def member_end(s: PlannedSession) -> dt.time:
    """The member's own end (their departure when they left early), else the session's."""
    return s.member_end or s.end


def is_group(s: PlannedSession) -> bool:
    return s.kind in GROUP_KINDS


def by_day(sessions: Iterable[PlannedSession]) -> dict[dt.date, list[PlannedSession]]:
    """Sessions grouped by date, dates in order, each day's sessions by start time."""
    out: dict[dt.date, list[PlannedSession]] = {}
    for s in sorted(sessions, key=lambda x: (x.date, x.start)):
        out.setdefault(s.date, []).append(s)
    return out


def minutes_of(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def at(day: dt.date, t: dt.time, plus_minutes: int = 0) -> dt.datetime:
    """``day`` at ``t``, moved by ``plus_minutes`` (never past 23:59 of ``day``)."""
    moment = dt.datetime.combine(day, t) + dt.timedelta(minutes=plus_minutes)
    last = dt.datetime.combine(day, dt.time(23, 59))
    return min(moment, last)


# --------------------------------------------------------------------------- wording


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def clock12(t: dt.time, style: str = "upper") -> str:
    """A 12-hour clock time: ``upper`` "1:00 PM", ``lower`` "1:00pm", ``dotted``
    "1:00 p.m.", ``short`` "1pm" / "1:30pm", ``bare`` "1:00" (no meridiem)."""
    h = t.hour % 12 or 12
    pm = t.hour >= 12
    hm = f"{h}:{t.minute:02d}"
    if style == "upper":
        return f"{hm} {'PM' if pm else 'AM'}"
    if style == "lower":
        return f"{hm}{'pm' if pm else 'am'}"
    if style == "dotted":
        return f"{hm} {'p.m.' if pm else 'a.m.'}"
    if style == "short":
        core = str(h) if t.minute == 0 else hm
        return f"{core}{'pm' if pm else 'am'}"
    if style == "bare":
        return hm
    raise ValueError(style)


def clock24(t: dt.time, sep: str = ":") -> str:
    return f"{t.hour:02d}{sep}{t.minute:02d}"


def day_part(t: dt.time) -> str:
    if t.hour < 12:
        return "morning"
    if t.hour < 17:
        return "afternoon"
    return "evening"


def spoken_range(start: dt.time, end: dt.time) -> str:
    """ "1:00 to 2:30 in the afternoon", "11:30 in the morning to 12:45 in the afternoon"."""

    def h(t: dt.time) -> str:
        hour = t.hour % 12 or 12
        return str(hour) if t.minute == 0 else f"{hour}:{t.minute:02d}"

    if day_part(start) == day_part(end):
        return f"{h(start)} to {h(end)} in the {day_part(end)}"
    return f"{h(start)} in the {day_part(start)} to {h(end)} in the {day_part(end)}"


def us_date(d: dt.date, *, pad: bool = True, short_year: bool = False) -> str:
    year = f"{d.year % 100:02d}" if short_year else str(d.year)
    if pad:
        return f"{d.month:02d}/{d.day:02d}/{year}"
    return f"{d.month}/{d.day}/{year}"


def long_date(d: dt.date) -> str:
    """ "Tuesday, October 14, 2025"."""
    return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def duration_hm(minutes: float) -> str:
    """ "3h 15m" (hours and minutes of a whole number of minutes)."""
    m = round(minutes)
    return f"{m // 60}h {m % 60:02d}m"


def staff_name(st: Staff, style: str = "full") -> str:
    """``full`` "Dana Whitfield, LCSW", ``initial`` "D. Whitfield, LCSW", ``last_first``
    "Whitfield, Dana (LCSW)"."""
    if style == "full":
        return f"{st.name}, {st.credential}"
    if style == "initial":
        return f"{st.first[0]}. {st.last}, {st.credential}"
    if style == "last_first":
        return f"{st.last}, {st.first} ({st.credential})"
    raise ValueError(style)


ABSENCE_WORDS: dict[Attendance, str] = {
    Attendance.ABSENT: "Absent",
    Attendance.NO_SHOW: "No-show",
    Attendance.CANCELLED: "Cancelled",
}


# --------------------------------------------------------------------------- schedule


@dataclass(frozen=True)
class ProgramSchedule:
    """The program's recurring group schedule as its handbook would state it (not a
    record of any service): weekdays and the group block's start and end."""

    weekdays: tuple[int, ...]
    start: dt.time
    end: dt.time

    def days(self, style: str = "abbr") -> str:
        if style == "abbr":
            return "/".join(WEEKDAY_ABBR[d] for d in self.weekdays)
        if style == "letters":
            return "/".join(WEEKDAY_LETTERS[d] for d in self.weekdays)
        if style == "words":
            names = [WEEKDAYS[d] + "s" for d in self.weekdays]
            return ", ".join(names[:-1]) + " and " + names[-1]
        if style == "rrule":
            return ",".join(WEEKDAY_RRULE[d] for d in self.weekdays)
        raise ValueError(style)


def program_schedule(scn: Scenario) -> ProgramSchedule:
    days = {s.date.weekday() for s in scn.sessions} | {d.weekday() for d in scn.closed_days}
    block = [s for s in scn.sessions if is_group(s) or s.kind is ServiceKind.MEAL]
    start = min((s.start for s in block), default=dt.time(9, 0))
    end = max((s.end for s in block), default=dt.time(12, 0))
    return ProgramSchedule(tuple(sorted(days)), start, end)


# --------------------------------------------------------------------------- time zones


@dataclass(frozen=True)
class Zone:
    name: str  # "America/Chicago"
    standard: int  # UTC offset in hours outside daylight saving time


ZONES = (
    Zone("America/New_York", -5),
    Zone("America/Chicago", -6),
    Zone("America/Denver", -7),
)


def _nth_sunday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    first_sunday = first + dt.timedelta(days=(6 - first.weekday()) % 7)
    return first_sunday + dt.timedelta(weeks=n - 1)


def utc_offset(zone: Zone, day: dt.date) -> int:
    """The zone's UTC offset on ``day`` (US daylight saving time: second Sunday of March
    to the first Sunday of November; sessions never fall in the switching hour)."""
    dst = _nth_sunday(day.year, 3, 2) <= day < _nth_sunday(day.year, 11, 1)
    return zone.standard + (1 if dst else 0)


def aware(zone: Zone, day: dt.date, t: dt.time) -> dt.datetime:
    tz = dt.timezone(dt.timedelta(hours=utc_offset(zone, day)))
    return dt.datetime.combine(day, t, tzinfo=tz)


# --------------------------------------------------------------------------- noise


_OCR_SWAPS: tuple[tuple[str, str], ...] = (
    ("O", "0"),
    ("o", "0"),
    ("I", "l"),
    ("i", "l"),
    ("l", "1"),
    ("rn", "m"),
    ("m", "rn"),
    ("e", "c"),
    ("S", "5"),
    ("B", "8"),
    ("t", "f"),
    ("cl", "d"),
)


def ocr_noise(text: str, rng: random.Random, rate: float) -> str:
    """``text`` with OCR-like confusions (O->0, I->l, rn->m, ...) applied at ``rate`` per
    applicable spot. Use on headers and labels only, never on the data a gold relies on."""
    out: list[str] = []
    i = 0
    while i < len(text):
        for src, dst in _OCR_SWAPS:
            if text.startswith(src, i) and rng.random() < rate:
                out.append(dst)
                i += len(src)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


# --------------------------------------------------------------------------- PDF


def _new_pdf(size: float) -> FPDF:
    pdf = FPDF(format="letter")
    pdf.set_creation_date(PDF_CREATED)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_font("Helvetica", size=size)
    return pdf


def latin1(text: str) -> str:
    """``text`` in the core PDF font's character set (dashes and quotes made ASCII)."""
    table = str.maketrans({"–": "-", "—": "--", "’": "'", "‘": "'", "“": '"', "”": '"'})
    return text.translate(table).encode("latin-1", "replace").decode("latin-1")


def pdf_text(pages: Sequence[str], size: float = 10, line: float = 5) -> bytes:
    """A PDF with one page (or more, when a text overflows) per string, left-aligned."""
    pdf = _new_pdf(size)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, line, latin1(text), align="L")
    return bytes(pdf.output())


@dataclass(frozen=True)
class Placed:
    """A piece of text placed at ``x``, ``y`` (mm) on a page; a ``flow`` piece is instead
    written as a paragraph from ``y`` down, across the page."""

    x: float
    y: float
    text: str
    bold: bool = False
    flow: bool = False


def pdf_placed(pages: Sequence[Sequence[Placed]], size: float = 9.5) -> bytes:
    """A PDF whose pages hold text pieces in the given order (the order a text layer
    keeps, whatever their positions on the page)."""
    pdf = _new_pdf(size)
    pdf.set_auto_page_break(auto=False)
    for page in pages:
        pdf.add_page()
        for piece in page:
            pdf.set_font("Helvetica", style="B" if piece.bold else "", size=size)
            pdf.set_xy(piece.x, piece.y)
            if piece.flow:
                pdf.multi_cell(0, 4.6, latin1(piece.text), align="L")
            else:
                pdf.cell(0, 5, latin1(piece.text))
    return bytes(pdf.output())


def latest(dates: Iterable[dt.date]) -> dt.date:
    return max(dates)
