"""Helpers of the tenth group of development style families: clock and date spellings
(including compact "9a-10:30a" ranges, spoken "nine to ten-thirty" ranges, 24-hour clocks
without a colon and US daylight-saving offsets), service labels and billing codes,
attendance words, short note narrative, the gold report of a written session, and a
deterministic PDF writer."""

from __future__ import annotations

import datetime as dt
import random
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fpdf import FPDF

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import PlannedSession, Scenario, Staff, Written

GROUP_KINDS = (ServiceKind.GROUP_PSYCHOTHERAPY, ServiceKind.GROUP_EDUCATION)
PDF_DATE = dt.datetime(2026, 4, 6, 8, 15, 0, tzinfo=dt.UTC)
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
MESES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
DIAS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def variant(scn: Scenario, options: Sequence[str]) -> str:
    """The layout of a chart: consecutive seeds walk through every option."""
    return options[scn.seed % len(options)]


def by_day(sessions: Iterable[PlannedSession]) -> dict[dt.date, list[PlannedSession]]:
    out: dict[dt.date, list[PlannedSession]] = {}
    for s in sessions:
        out.setdefault(s.date, []).append(s)
    return out


def services(scn: Scenario) -> list[PlannedSession]:
    """The scenario's sessions without meals (which these styles do not document)."""
    return [s for s in scn.sessions if s.kind is not ServiceKind.MEAL]


def member_in(s: PlannedSession) -> dt.time:
    return s.member_start or s.start


def member_out(s: PlannedSession) -> dt.time:
    return s.member_end or s.end


def minutes_between(a: dt.time, b: dt.time) -> int:
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


def plus(t: dt.time, minutes: int) -> dt.time:
    total = (t.hour * 60 + t.minute + minutes) % (24 * 60)
    return dt.time(total // 60, total % 60)


# --------------------------------------------------------------------------- clocks


def clock(t: dt.time, style: str) -> str:
    """``24`` 13:00, ``mil`` 1300, ``12`` 1:00 PM, ``12c`` 1:00p, ``12es`` 1:00 p. m.,
    ``short`` 1pm / 1:30pm, ``words`` one o'clock / half past one."""
    h, m = t.hour, t.minute
    h12 = (h % 12) or 12
    pm = h >= 12
    if style == "24":
        return f"{h:02d}:{m:02d}"
    if style == "mil":
        return f"{h:02d}{m:02d}"
    if style == "12":
        return f"{h12}:{m:02d} {'PM' if pm else 'AM'}"
    if style == "12c":
        return f"{h12}:{m:02d}{'p' if pm else 'a'}"
    if style == "12es":
        return f"{h12}:{m:02d} {'p. m.' if pm else 'a. m.'}"
    if style == "short":
        return (f"{h12}" if m == 0 else f"{h12}:{m:02d}") + ("pm" if pm else "am")
    if style == "words":
        return in_words(t)
    raise ValueError(style)


NUMBERS = (
    "twelve",
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
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty"}


def _number(n: int) -> str:
    if n < 20:
        return NUMBERS[n] if n else "zero"
    tens, ones = divmod(n, 10)
    return TENS[tens] + (f"-{NUMBERS[ones]}" if ones else "")


def in_words(t: dt.time) -> str:
    """A clock time as people write it in prose: "nine", "half past ten", "a quarter to
    eleven", "ten past nine", "eleven twenty", "twelve oh five", "noon"."""
    h, m = t.hour, t.minute
    if h == 12 and m == 0:
        return "noon"
    hour = NUMBERS[h % 12]
    nxt = NUMBERS[(h + 1) % 12]
    if m == 0:
        return hour
    if m == 30:
        return f"half past {hour}"
    if m == 15:
        return f"a quarter past {hour}"
    if m == 45:
        return f"a quarter to {nxt}"
    if m in (5, 10, 20):
        return f"{_number(m)} past {hour}"
    if m in (40, 50):
        return f"{_number(60 - m)} to {nxt}"
    if m < 10:
        return f"{hour} oh {_number(m)}"
    return f"{hour} {_number(m)}"


def part_of_day(t: dt.time) -> str:
    if t.hour < 12:
        return "in the morning"
    if t.hour < 17:
        return "in the afternoon"
    return "in the evening"


def clock_range(a: dt.time, b: dt.time, style: str, sep: str = "-") -> str:
    """A time range; ``short1`` writes "9-10:30am" (one meridiem when both ends share
    it), ``words`` "from nine until half past ten in the morning"."""
    if style == "short1":
        if (a.hour >= 12) == (b.hour >= 12):
            return f"{clock(a, 'short')[:-2]}{sep}{clock(b, 'short')}"
        return f"{clock(a, 'short')}{sep}{clock(b, 'short')}"
    if style == "words":
        tail = part_of_day(b)
        head = in_words(a)
        if part_of_day(a) != part_of_day(b) and a.hour != 12:
            head += f" {part_of_day(a)}"
        return f"from {head} until {in_words(b)}" + ("" if b.hour == 12 else f" {tail}")
    return f"{clock(a, style)}{sep}{clock(b, style)}"


def clock_point(t: dt.time, style: str) -> str:
    """One time in the spelling of :func:`clock_range`."""
    if style == "words":
        return in_words(t) + ("" if (t.hour, t.minute) == (12, 0) else f" {part_of_day(t)}")
    return clock(t, {"short1": "short"}.get(style, style))


def clock_forms(t: dt.time) -> set[str]:
    """Every spelling of ``t`` this group writes (for the tests)."""
    forms = {clock(t, c) for c in ("24", "mil", "12", "12c", "12es", "short", "words")}
    return forms | {clock(t, "short")[:-2]}


# --------------------------------------------------------------------------- dates


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def date(d: dt.date, style: str) -> str:
    """``us`` 03/03/2025, ``usn`` 3/3/2025, ``us2`` 03/03/25, ``md`` 3/3, ``wmd`` Mon 3/3,
    ``long`` March 3, 2025, ``wlong`` Monday, March 3, 2025, ``es`` 3 de marzo de 2025,
    ``wes`` lunes, 3 de marzo de 2025, ``mdy6`` 030325, ``ymd6`` 250303, ``iso``
    2025-03-03."""
    mon = MONTHS[d.month - 1]
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "usn":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "us2":
        return f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}"
    if style == "md":
        return f"{d.month}/{d.day}"
    if style == "wmd":
        return f"{WEEKDAYS[d.weekday()][:3]} {d.month}/{d.day}"
    if style == "long":
        return f"{mon} {d.day}, {d.year}"
    if style == "wlong":
        return f"{WEEKDAYS[d.weekday()]}, {mon} {d.day}, {d.year}"
    if style == "es":
        return f"{d.day} de {MESES[d.month - 1]} de {d.year}"
    if style == "wes":
        return f"{DIAS[d.weekday()]}, {d.day} de {MESES[d.month - 1]} de {d.year}"
    if style == "mdy6":
        return f"{d.month:02d}{d.day:02d}{d.year % 100:02d}"
    if style == "ymd6":
        return f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"
    if style == "iso":
        return d.isoformat()
    raise ValueError(style)


DATE_STYLES = ("us", "usn", "us2", "md", "wmd", "long", "wlong", "es", "wes", "mdy6", "ymd6")


def date_forms(d: dt.date) -> set[str]:
    """Every spelling of ``d`` this group writes (for the tests)."""
    return {date(d, s) for s in DATE_STYLES} | {d.isoformat()}


# --------------------------------------------------------------------------- time zones

ZONES = (
    ("America/New_York", "E", -5),
    ("America/Chicago", "C", -6),
    ("America/Denver", "M", -7),
    ("America/Los_Angeles", "P", -8),
)


def _nth_sunday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def daylight(d: dt.date) -> bool:
    """US daylight saving time on ``d`` (second Sunday of March to first Sunday of
    November; sessions are never held in the small hours of a switch)."""
    return _nth_sunday(d.year, 3, 2) <= d < _nth_sunday(d.year, 11, 1)


def utc_offset(zone: tuple[str, str, int], d: dt.date) -> int:
    return zone[2] + (1 if daylight(d) else 0)


def zone_abbrev(zone: tuple[str, str, int], d: dt.date) -> str:
    return f"{zone[1]}{'D' if daylight(d) else 'S'}T"


def to_utc(zone: tuple[str, str, int], d: dt.date, t: dt.time, second: int = 0) -> dt.datetime:
    local = dt.datetime.combine(d, t).replace(second=second)
    return local - dt.timedelta(hours=utc_offset(zone, d))


# --------------------------------------------------------------------------- people


def staff_name(st: Staff, style: str = "full") -> str:
    """``full`` Dana Whitfield, LCSW; ``init`` D. Whitfield, LCSW; ``last`` WHITFIELD,
    DANA LCSW; ``bare`` Dana Whitfield."""
    if style == "full":
        return f"{st.first} {st.last}, {st.credential}"
    if style == "init":
        return f"{st.first[0]}. {st.last}, {st.credential}"
    if style == "last":
        return f"{st.last.upper()}, {st.first.upper()} {st.credential}"
    if style == "bare":
        return f"{st.first} {st.last}"
    raise ValueError(style)


def initials(st: Staff) -> str:
    return f"{st.first[0]}{st.last[0]}"


def case_manager(scn: Scenario) -> Staff:
    """The program's case manager (the scenario names none)."""
    r = random.Random(scn.seed * 7919 + 11)
    first = r.choice(("Rosalind", "Emeka", "Tova", "Duncan", "Ximena", "Hollis"))
    last = r.choice(("Pruitt", "Sandoval", "Eklund", "Ambrose", "Tran", "Whitcomb"))
    return Staff(first, last, r.choice(("BSW", "BA", "CM")))


def clinicians(scn: Scenario, s: PlannedSession) -> tuple[Staff, ...]:
    if s.kind in GROUP_KINDS:
        return s.facilitators
    if s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING):
        return (scn.therapists[0],)
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        return (scn.physician,)
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        return (case_manager(scn),)
    return ()


PEER_FIRST = (
    "Alma",
    "Bryce",
    "Corinne",
    "Desmond",
    "Esperanza",
    "Felix",
    "Gwen",
    "Hector",
    "Ingrid",
    "Jalen",
    "Kendra",
    "Lionel",
    "Mireya",
    "Nolan",
    "Opal",
    "Porter",
)
PEER_LAST = (
    "Ashby",
    "Bautista",
    "Crowe",
    "Dunleavy",
    "Espinoza",
    "Fairbanks",
    "Gutierrez",
    "Hathaway",
    "Ibarra",
    "Jessup",
    "Kincaid",
    "Larkin",
)


def peers(scn: Scenario, n: int = 12) -> list[tuple[str, str]]:
    """Other members of the program (first, last), fixed for a chart."""
    r = random.Random(scn.seed * 31 + 5)
    out: list[tuple[str, str]] = []
    while len(out) < n:
        p = (r.choice(PEER_FIRST), r.choice(PEER_LAST))
        if p not in out and p[1] != scn.member.last:
            out.append(p)
    return out


# --------------------------------------------------------------------------- services

KIND_LABEL: dict[ServiceKind, str] = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "Group Psychotherapy",
    ServiceKind.GROUP_EDUCATION: "Group Psychoeducation",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Individual Psychotherapy",
    ServiceKind.FAMILY_COUNSELING: "Family Psychotherapy",
    ServiceKind.CASE_MANAGEMENT: "Case Management",
    ServiceKind.MEDICATION_MANAGEMENT: "Medication Management",
    ServiceKind.MEAL: "Lunch",
}
CODE: dict[ServiceKind, str] = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "90853",
    ServiceKind.FAMILY_COUNSELING: "90847",
    ServiceKind.CASE_MANAGEMENT: "T1016",
    ServiceKind.MEDICATION_MANAGEMENT: "99213",
}


def code(s: PlannedSession) -> str:
    return s.cpt or CODE.get(s.kind, "")


def service(s: PlannedSession) -> str:
    """The program's title with the kind when the title alone does not say it."""
    label = KIND_LABEL[s.kind]
    if s.kind in GROUP_KINDS and s.title != label:
        return f"{s.title} - {label}"
    return label


ATTEND: dict[Attendance, str] = {
    Attendance.ATTENDED: "Present",
    Attendance.ABSENT: "Absent",
    Attendance.NO_SHOW: "No-show",
    Attendance.CANCELLED: "Cancelled",
}
_DEFAULT_REASON = {
    Attendance.NO_SHOW: "no call, no show",
    Attendance.CANCELLED: "client cancelled",
    Attendance.ABSENT: "absent",
}


def attend(a: Attendance) -> str:
    return ATTEND[a]


def reason(s: PlannedSession) -> str:
    return s.absence_reason or _DEFAULT_REASON.get(s.attendance, "")


def is_video(s: PlannedSession) -> bool:
    return s.modality is Modality.VIDEO


_GROUP = (
    "Group worked on {topic}; client gave feedback to two peers.",
    "Topic: {topic}. Client shared a recent stressor and accepted feedback.",
    "Client engaged with {topic} and completed the worksheet.",
)
_EDU = (
    "Didactic on {topic} with handout; client asked relevant questions.",
    "Education on {topic}; client summarized two key points.",
)
_IND = (
    "Reviewed {topic}; practiced paced breathing.",
    "Reviewed {topic}; client named one barrier and one support.",
)
_FAM = ("Family session with client and spouse on communication at home.",)
_CM = ("Case management: {topic}; referral forms completed.",)
_MED = ("Medication review with the psychiatrist; no changes to regimen.",)


def note(rng: random.Random, s: PlannedSession) -> str:
    """One or two sentences of an attended session's note."""
    topic = s.topic or "current stressors"
    pool = {
        ServiceKind.GROUP_PSYCHOTHERAPY: _GROUP,
        ServiceKind.GROUP_EDUCATION: _EDU,
        ServiceKind.FAMILY_COUNSELING: _FAM,
        ServiceKind.CASE_MANAGEMENT: _CM,
        ServiceKind.MEDICATION_MANAGEMENT: _MED,
    }.get(s.kind, _IND)
    return rng.choice(pool).format(topic=topic)


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


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
) -> Written:
    return Written(
        session=s.index,
        files=tuple(dict.fromkeys(files)),
        states_length=length,
        states_kind=kind,
        states_attendance=attendance,
        states_member_times=member_times,
        states_modality=modality,
        states_group_size=group_size and s.attended and s.kind in GROUP_KINDS,
        states_facilitators=facilitators and s.kind in GROUP_KINDS,
    )


# --------------------------------------------------------------------------- PDF


@dataclass(frozen=True)
class Cell:
    """Text printed at ``x`` points from the left edge on a line."""

    x: float
    text: str


@dataclass(frozen=True)
class Line:
    """A printed line of ``cells`` (one cell at the margin for plain text): ``style`` ""
    (regular), "B" (bold) or "I" (italic); ``size`` in pt."""

    cells: tuple[Cell, ...]
    style: str = ""
    size: float = 9.0

    @staticmethod
    def of(text: str, style: str = "", size: float = 9.0) -> Line:
        return Line((Cell(48, text),), style, size)


def latin1(text: str) -> str:
    table = {"–": "-", "—": "-", "’": "'", "“": '"', "”": '"', "•": "-", "…": "..."}
    out = "".join(table.get(c, c) for c in text)
    return out.encode("latin-1", "replace").decode("latin-1")


def pdf(
    pages: Sequence[Sequence[Line]], *, font: str = "Helvetica", leading: float = 1.35
) -> bytes:
    """Letter pages of lines, top to bottom; the bytes do not depend on the clock."""
    doc = FPDF(unit="pt", format="Letter")
    doc.set_creation_date(PDF_DATE)
    doc.set_auto_page_break(False)
    doc.set_margins(48, 42, 48)
    for page in pages:
        doc.add_page()
        y = 42.0
        for line in page:
            doc.set_font(font, line.style, line.size)
            for cell in line.cells:
                if cell.text:
                    doc.text(cell.x, y + line.size, latin1(cell.text))
            y += line.size * leading
    return bytes(doc.output())


def paginate(
    blocks: Sequence[Sequence[Line]], capacity: float, leading: float = 1.35
) -> list[list[Line]]:
    """Blocks kept whole on pages of ``capacity`` points of line height (a block taller
    than a page gets a page of its own and runs over)."""
    pages: list[list[Line]] = [[]]
    used = 0.0
    for block in blocks:
        h = sum(line.size * leading for line in block)
        if pages[-1] and used + h > capacity:
            pages.append([])
            used = 0.0
        pages[-1].extend(block)
        used += h
    return pages


# --------------------------------------------------------------------------- this group's clocks


def compact(t: dt.time) -> str:
    """A day-sheet clock: "9a", "10:30a", "12p", "1:50p"."""
    h12 = (t.hour % 12) or 12
    return (f"{h12}" if t.minute == 0 else f"{h12}:{t.minute:02d}") + ("p" if t.hour >= 12 else "a")


def compact_range(a: dt.time, b: dt.time) -> str:
    """ "9a-10:30a", "1p-2:30p", "11:30a-12:45p"."""
    return f"{compact(a)}-{compact(b)}"


def spoken(t: dt.time) -> str:
    """A clock time as dictated: "nine", "ten-thirty", "eleven-fifteen", "twelve
    forty-five", "one-oh-five", "noon"."""
    h, m = t.hour, t.minute
    if (h, m) == (12, 0):
        return "noon"
    hour = NUMBERS[h % 12]
    if m == 0:
        return hour
    if m < 10:
        return f"{hour}-oh-{_number(m)}"
    return f"{hour}-{_number(m)}" if m % 10 == 0 or m < 20 else f"{hour} {_number(m)}"


def spoken_range(a: dt.time, b: dt.time) -> str:
    """ "nine to ten-thirty in the morning", "one to two-thirty in the afternoon"."""
    tail = "" if (b.hour, b.minute) == (12, 0) else f" {part_of_day(b)}"
    head = spoken(a)
    if part_of_day(a) != part_of_day(b) and (a.hour, a.minute) != (12, 0):
        head += f" {part_of_day(a)}"
    return f"{head} to {spoken(b)}{tail}"


def ahdi(t: dt.time) -> str:
    """A clock time as a transcriptionist normalizes it: "9 a.m.", "10:30 a.m.", "noon"."""
    if (t.hour, t.minute) == (12, 0):
        return "noon"
    h12 = (t.hour % 12) or 12
    return (f"{h12}" if t.minute == 0 else f"{h12}:{t.minute:02d}") + (
        " p.m." if t.hour >= 12 else " a.m."
    )


def ahdi_range(a: dt.time, b: dt.time) -> str:
    """ "9 to 10:30 a.m.", "11:30 a.m. to 12:45 p.m." (one meridiem when both share it)."""
    if (a.hour >= 12) == (b.hour >= 12) and (a.hour, a.minute) != (12, 0):
        return f"{ahdi(a)[:-5]} to {ahdi(b)}"
    return f"{ahdi(a)} to {ahdi(b)}"


def hours_minutes(minutes: float) -> str:
    """ "90 min" -> "1 hr 30 min", "50 min", "2 hrs"."""
    h, m = divmod(int(minutes), 60)
    parts = []
    if h:
        parts.append(f"{h} hr" + ("s" if h > 1 else ""))
    if m or not h:
        parts.append(f"{m} min")
    return " ".join(parts)


def forms10(t: dt.time) -> set[str]:
    """Every spelling of ``t`` this group writes (for the tests)."""
    out = clock_forms(t) | {compact(t), spoken(t), ahdi(t), ahdi(t)[:-5], f"{t:%H%M}"}
    return out | {f"{t:%H:%M:%S}", f"{t:%H%M%S}"}
