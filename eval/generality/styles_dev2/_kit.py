"""Helpers shared by the new style families (not a family: the name starts with ``_``).

Independent of ``styles_dev`` on purpose, so that these families keep their own wording
when the development families change:

- :class:`Ledger` collects, file by file, what the rendered chart states about each
  session and turns it into ``Written`` reports (one per session, every file listed), plus
  every document date (for the latest-document-date fallback);
- date, time and duration formatters, including times and durations in words;
- attendance words that map to exactly one attendance value, and absence reasons that
  agree with it;
- fictional co-members for rosters and census sheets (never the member's own name);
- short clinical narratives, and a letter-size PDF base with a per-page running header.

Pure formatting of a :class:`~eval.generality.model.Scenario`; nothing reads the extractor.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import ChartFile, Member, PlannedSession, Scenario, Staff, Written

GP = ServiceKind.GROUP_PSYCHOTHERAPY
GE = ServiceKind.GROUP_EDUCATION
IND = ServiceKind.INDIVIDUAL_PSYCHOTHERAPY
FAM = ServiceKind.FAMILY_COUNSELING
MEAL = ServiceKind.MEAL
CM = ServiceKind.CASE_MANAGEMENT
MM = ServiceKind.MEDICATION_MANAGEMENT

ATT = Attendance.ATTENDED
ABS = Attendance.ABSENT
NS = Attendance.NO_SHOW
CX = Attendance.CANCELLED

DAY3 = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_FULL = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_FULL = (
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

# --------------------------------------------------------------------------- the ledger


@dataclass
class _Slots:
    files: list[str] = field(default_factory=list)
    length: bool = False
    kind: bool = False
    attendance: bool = False
    implied: bool = False
    member_times: bool = False
    modality: bool = False
    group_size: bool = False
    facilitators: bool = False


class Ledger:
    """What each rendered file states about each session, and every document date."""

    def __init__(self) -> None:
        self._by: dict[int, _Slots] = {}
        self._dates: list[dt.date] = []

    def note(
        self,
        s: PlannedSession,
        file: str,
        *,
        length: bool = False,
        kind: bool = False,
        attendance: bool = False,
        implied: bool = False,
        member_times: bool = False,
        modality: bool = False,
        group_size: bool = False,
        facilitators: bool = False,
    ) -> None:
        a = self._by.setdefault(s.index, _Slots())
        if file not in a.files:
            a.files.append(file)
        a.length |= length
        a.kind |= kind
        a.attendance |= attendance
        a.implied |= implied and s.attended
        a.member_times |= member_times and has_member_times(s)
        a.modality |= modality
        a.group_size |= group_size and s.is_group and s.group_size is not None
        a.facilitators |= facilitators and s.is_group and bool(s.facilitators)
        self._dates.append(s.date)

    def dated(self, *dates: dt.date) -> None:
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
            for i, a in sorted(self._by.items())
        )

    def latest(self) -> dt.date:
        return max(self._dates)


# --------------------------------------------------------------------------- dates


def mdy(d: dt.date) -> str:
    """10/14/2025"""
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def mdy2(d: dt.date) -> str:
    """10/14/25"""
    return f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}"


def md(d: dt.date) -> str:
    """10/14"""
    return f"{d.month:02d}/{d.day:02d}"


def dmy(d: dt.date, sep: str = "/") -> str:
    """14/10/2025 (day first)"""
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def d_mon_y(d: dt.date) -> str:
    """14 Oct 2025"""
    return f"{d.day} {d:%b} {d.year}"


def dd_mon_yyyy(d: dt.date) -> str:
    """14-OCT-2025"""
    return f"{d.day:02d}-{d:%b}-{d.year}".upper()


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def long_us(d: dt.date) -> str:
    """Tuesday, October 14, 2025"""
    return f"{DAY_FULL[d.weekday()]}, {MONTH_FULL[d.month - 1]} {d.day}, {d.year}"


def monday_of(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


# --------------------------------------------------------------------------- times


def hhmm(t: dt.time) -> str:
    """09:00"""
    return f"{t.hour:02d}:{t.minute:02d}"


def mil(t: dt.time) -> str:
    """0900"""
    return f"{t.hour:02d}{t.minute:02d}"


def h_m(t: dt.time) -> str:
    """9:00 / 13:00 (24-hour, no leading zero)"""
    return f"{t.hour}:{t.minute:02d}"


def ampm(t: dt.time, dots: bool = False) -> str:
    """9:00 AM (or 9:00 a.m.)"""
    h = t.hour % 12 or 12
    mer = ("a.m." if t.hour < 12 else "p.m.") if dots else ("AM" if t.hour < 12 else "PM")
    return f"{h}:{t.minute:02d} {mer}"


def ap_short(t: dt.time) -> str:
    """9a / 10:30a / 1p"""
    h = t.hour % 12 or 12
    mer = "a" if t.hour < 12 else "p"
    return f"{h}{mer}" if t.minute == 0 else f"{h}:{t.minute:02d}{mer}"


def minutes_between(a: dt.time, b: dt.time) -> int:
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


def add_minutes(t: dt.time, m: int) -> dt.time:
    total = t.hour * 60 + t.minute + m
    return dt.time(total // 60, total % 60)


_UNITS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_words(n: int) -> str:
    """53 -> fifty-three; 120 -> one hundred twenty."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")


def _hour_word(h24: int) -> str:
    return _UNITS[h24 % 12 or 12]


def day_part(t: dt.time) -> str:
    if t.hour < 12:
        return "in the morning"
    if t.hour < 17:
        return "in the afternoon"
    return "in the evening"


def range_words(a: dt.time, b: dt.time, joiner: str = "until") -> str:
    """``from nine until half past ten in the morning``; each end gets its own part of
    the day when they differ (``from a quarter to eleven in the morning until a quarter
    past twelve in the afternoon``)."""
    if b.hour == 12 and b.minute == 0:
        return f"from {time_words(a)} {day_part(a)} {joiner} noon"
    if day_part(a) == day_part(b):
        return f"from {time_words(a)} {joiner} {time_words(b)} {day_part(a)}"
    return f"from {time_words(a)} {day_part(a)} {joiner} {time_words(b)} {day_part(b)}"


def time_words(t: dt.time) -> str:
    """9:00 -> nine; 10:30 -> half past ten; 11:45 -> a quarter to twelve; 12:00 -> noon;
    times off the five-minute marks as numerals (1:43)."""
    h, m = t.hour, t.minute
    if h == 12 and m == 0:
        return "noon"
    if m == 0:
        return _hour_word(h)
    if m == 15:
        return f"a quarter past {_hour_word(h)}"
    if m == 30:
        return f"half past {_hour_word(h)}"
    if m == 45:
        return f"a quarter to {_hour_word(h + 1)}"
    if m % 5 == 0 and m < 30:
        return f"{number_words(m)} past {_hour_word(h)}"
    if m % 5 == 0:
        return f"{number_words(60 - m)} to {_hour_word(h + 1)}"
    return f"{h % 12 or 12}:{m:02d}"


def duration_words(minutes: float, variant: int = 0) -> str:
    """90 -> an hour and a half / ninety minutes; 60 -> an hour; 53 -> fifty-three minutes."""
    m = round(minutes)
    if variant == 0:
        special = {
            30: "half an hour",
            60: "an hour",
            75: "an hour and a quarter",
            90: "an hour and a half",
            120: "two hours",
        }
        if m in special:
            return special[m]
    return f"{number_words(m)} minutes"


# --------------------------------------------------------------------------- attendance


_REASON_FITS: dict[Attendance, frozenset[str]] = {
    NS: frozenset({"no call, no show", "did not answer outreach calls"}),
    CX: frozenset({"called in sick", "family emergency", "medical appointment"}),
    ABS: frozenset(
        {
            "called in sick",
            "family emergency",
            "medical appointment",
            "transportation fell through",
            "left the program early",
        }
    ),
}


def absence_reason(s: PlannedSession) -> str:
    """The scenario's absence reason when it agrees with the attendance value."""
    r = s.absence_reason
    return r if r and r in _REASON_FITS.get(s.attendance, frozenset()) else ""


def has_member_times(s: PlannedSession) -> bool:
    return s.member_start is not None or s.member_end is not None


def is_video(s: PlannedSession) -> bool:
    return s.modality is Modality.VIDEO


# --------------------------------------------------------------------------- services

GROUP_KIND_WORDS: dict[ServiceKind, tuple[str, ...]] = {
    GP: ("group psychotherapy", "group therapy", "therapy group"),
    GE: ("group psychoeducation", "psychoeducation group", "education group"),
}


def title_and_kind(s: PlannedSession, kind_word: str) -> str:
    """``Relapse Prevention Group (group therapy)``; ``Group Psychotherapy`` alone when the
    title already is the kind's name."""
    if s.title.lower() in GROUP_KIND_WORDS.get(s.kind, ()):
        return s.title
    return f"{s.title} ({kind_word})"


def bill_code(s: PlannedSession) -> str | None:
    """CPT/HCPCS a biller would use (individual psychotherapy: 90837 from 53 minutes)."""
    if s.kind is IND:
        return "90837" if s.scheduled_minutes >= 53 else "90834"
    return s.cpt


def staff_full(st: Staff) -> str:
    return f"{st.name}, {st.credential}"


def staff_short(st: Staff) -> str:
    """D. Whitfield, LCSW"""
    return f"{st.first[0]}. {st.last}, {st.credential}"


def session_staff(s: PlannedSession, scn: Scenario) -> tuple[Staff, ...]:
    """Who delivered a session: the group's facilitators, the physician for medication
    management, the primary therapist for individual/family work, nobody named for case
    management and lunch (a case manager and program staff)."""
    if s.facilitators:
        return s.facilitators
    if s.kind is MM:
        return (scn.physician,)
    if s.kind in (IND, FAM):
        return (scn.therapists[0],)
    return ()


CASE_MANAGER = Staff("Lorna", "Tibbetts", "BSW")


# --------------------------------------------------------------------------- co-members

_CO_FIRST = (
    "Adaeze",
    "Bram",
    "Celeste",
    "Dorian",
    "Esme",
    "Fitz",
    "Gwen",
    "Hollis",
    "Ines",
    "Jasper",
    "Kalani",
    "Leopold",
    "Mireille",
    "Nikolai",
    "Odette",
    "Percy",
    "Rosalind",
    "Soren",
    "Thea",
    "Ulises",
    "Vesna",
    "Wendell",
    "Xiomara",
    "Yusuf",
    "Zelda",
)
_CO_LAST = (
    "Albrecht",
    "Bjornstad",
    "Calloway",
    "Drummond",
    "Eskildsen",
    "Fairweather",
    "Gutierrez-Lam",
    "Hargreave",
    "Ibsen",
    "Jankowski",
    "Kettering",
    "Lowenstein",
    "Mbeki",
    "Northcott",
    "Oduya",
    "Prewitt",
    "Quarles",
    "Ravensworth",
    "Stroud",
    "Tremblay",
    "Underhill",
    "Vasquez-Orr",
    "Winslow",
)


def co_members(rng: random.Random, n: int, member: Member, year: int) -> list[Member]:
    """``n`` fictional fellow members (distinct names, never the member's)."""
    out: list[Member] = []
    firsts: set[str] = {member.first}
    lasts: set[str] = {member.last}
    while len(out) < n:
        first, last = rng.choice(_CO_FIRST), rng.choice(_CO_LAST)
        if last in lasts or first in firsts:
            continue
        firsts.add(first)
        lasts.add(last)
        dob = dt.date(rng.randint(1955, 2004), rng.randint(1, 12), rng.randint(1, 28))
        mid = f"{rng.choice('CDFGLNPRSV')}{rng.randint(10_000_000, 99_999_999)}"
        out.append(Member(first, last, dob, mid))
    return out


# --------------------------------------------------------------------------- narratives

_GROUP_OPENERS = (
    "Client engaged in discussion of {topic}",
    "Client shared about {topic} and listened to peers",
    "Client worked on {topic} with the group",
    "Client offered examples related to {topic}",
)
_GROUP_TAILS = (
    "Identified one skill to practice before the next session.",
    "Gave supportive feedback to two peers; affect brighter by the end of group.",
    "Reported using paced breathing twice since the last group.",
    "Acknowledged avoidance and agreed to a small exposure step this week.",
)
_GOAL_LINKS = (
    "Addresses treatment plan goal 1 (reduce depressive and anxious symptoms).",
    "Relates to goal 2 (daily use of coping skills).",
    "Supports goal 1; progress fair.",
)


def group_narrative(s: PlannedSession, rng: random.Random) -> str:
    topic = s.topic or "the day's theme"
    return (
        f"{rng.choice(_GROUP_OPENERS).format(topic=topic)}. {rng.choice(_GROUP_TAILS)} "
        f"{rng.choice(_GOAL_LINKS)}"
    )


def therapy_narrative(s: PlannedSession, rng: random.Random) -> str:
    who = "Client and partner" if s.kind is FAM else "Client"
    body = rng.choice(
        (
            "reviewed the week's mood log and worked on a thought record about a conflict at home",
            "reviewed progress on treatment plan goals and rehearsed a boundary-setting script",
            "processed a recent stressor and updated the safety plan together",
        )
    )
    return f"{who} {body}. Receptive and engaged. {rng.choice(_GOAL_LINKS)}"


def other_narrative(s: PlannedSession) -> str:
    if s.kind is CM:
        return "Assisted client with housing application and benefits paperwork; referral faxed."
    if s.kind is MM:
        return "Medication review: tolerating regimen, sleep improved, no side effects; continue."
    return "Client present."


# --------------------------------------------------------------------------- files


def text_file(name: str, lines: list[str], *, crlf: bool = False) -> ChartFile:
    body = "\n".join(lines).rstrip("\n") + "\n"
    if crlf:
        body = body.replace("\n", "\r\n")
    return ChartFile(name, body.encode("utf-8"))


def delimited(rows: list[list[str]], delimiter: str = ",", crlf: bool = True) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- program facts


def program_weekdays(scn: Scenario) -> list[int]:
    return sorted({s.date.weekday() for s in scn.sessions if s.is_group})


def day_slots(scn: Scenario) -> list[tuple[dt.time, dt.time, ServiceKind]]:
    """The program day's recurring slots (groups and lunch), from the first program day."""
    first = next(s.date for s in scn.sessions if s.is_group)
    return [
        (s.start, s.end, s.kind)
        for s in scn.sessions
        if s.date == first and (s.is_group or s.kind is MEAL)
    ]


def by_day(sessions: list[PlannedSession]) -> dict[dt.date, list[PlannedSession]]:
    out: dict[dt.date, list[PlannedSession]] = {}
    for s in sessions:
        out.setdefault(s.date, []).append(s)
    return out


# --------------------------------------------------------------------------- PDF

_LATIN1 = {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "•": "-", "·": "-"}


def latin1(text: str) -> str:
    for a, b in _LATIN1.items():
        text = text.replace(a, b)
    return text.encode("latin-1", errors="replace").decode("latin-1")


class PagedPDF(FPDF):
    """Letter-size PDF whose running header and footer are two mutable text lines
    (``head`` / ``foot``), so a family can put the date of service in the header of every
    page a day's notes occupy. ``{nb}`` in the footer is the page count."""

    def __init__(self, *, landscape: bool = False) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="letter")
        self.head: list[str] = []
        self.foot = ""
        self.set_margins(16, 14, 16)
        self.set_auto_page_break(auto=True, margin=20)
        self.alias_nb_pages()

    def header(self) -> None:
        for i, line in enumerate(self.head):
            self.set_font("Helvetica", "B" if i == 0 else "", 9.5 if i == 0 else 8.5)
            self.cell(0, 4.6, latin1(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.head:
            y = self.get_y() + 1
            self.line(self.l_margin, y, self.w - self.r_margin, y)
            self.ln(4)

    def footer(self) -> None:
        if not self.foot:
            return
        self.set_y(-14)
        self.set_font("Helvetica", "", 7.5)
        self.cell(0, 4, latin1(self.foot.replace("{page}", str(self.page_no()))), align="C")

    def text_line(
        self, text: str, *, bold: bool = False, size: float = 9.5, h: float = 4.8
    ) -> None:
        self.set_font("Helvetica", "B" if bold else "", size)
        self.multi_cell(0, h, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def rule(self, gap: float = 1.5) -> None:
        self.ln(gap)
        y = self.get_y()
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(gap)

    def room(self, height: float) -> bool:
        return self.get_y() + height <= self.h - self.b_margin

    def to_file(self, name: str, created: dt.date) -> ChartFile:
        self.set_creation_date(
            dt.datetime(created.year, created.month, created.day, 18, 30, tzinfo=dt.UTC)
        )
        return ChartFile(name, bytes(self.output()))
