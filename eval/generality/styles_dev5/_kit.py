"""Helpers shared by the ``d5-`` families: time, date and time-zone spellings (in figures
and in words), staff names, service names and billing codes, escaping for XML and RTF,
deterministic ids, and a small letter-size PDF writer.

Nothing here decides what the gold is; each family reports its own ``Written``.
"""

from __future__ import annotations

import datetime as dt
import random
import textwrap
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import ChartFile, PlannedSession, Scenario, Staff

GROUP_KINDS = frozenset({ServiceKind.GROUP_PSYCHOTHERAPY, ServiceKind.GROUP_EDUCATION})
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS3 = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
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
HOLIDAY_NAMES = {
    (1, 1): "New Year's Day",
    (7, 4): "Independence Day",
    (12, 25): "Christmas Day",
}

# --------------------------------------------------------------------------- time


def minute_of(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def shift(t: dt.time, minutes: int) -> dt.time:
    total = minute_of(t) + minutes
    return dt.time(total // 60, total % 60)


def t12(t: dt.time, *, pad: bool = False, space: bool = True, lower: bool = False) -> str:
    """ "9:00 AM" (``pad``: "09:00 AM"; ``space=False``: "9:00AM"; ``lower``: "am")."""
    h = t.hour % 12 or 12
    suffix = "AM" if t.hour < 12 else "PM"
    if lower:
        suffix = suffix.lower()
    hour = f"{h:02d}" if pad else str(h)
    return f"{hour}:{t.minute:02d}{' ' if space else ''}{suffix}"


def t24(t: dt.time, *, colon: bool = True) -> str:
    """ "09:00" or "0900"."""
    return f"{t.hour:02d}{':' if colon else ''}{t.minute:02d}"


def session_span(s: PlannedSession) -> tuple[dt.time, dt.time]:
    """The member's own start and end (the session's where the member's are not set)."""
    return (s.member_start or s.start, s.member_end or s.end)


def member_differs(s: PlannedSession) -> bool:
    return s.member_start is not None or s.member_end is not None


def units15(minutes: float) -> int:
    """15-minute billing units by the usual 8-minute rule."""
    whole, rest = divmod(int(minutes), 15)
    return whole + (1 if rest >= 8 else 0)


def iso_duration(minutes: float) -> str:
    """ISO-8601 duration: "PT1H30M", "PT50M", "PT1H"."""
    h, m = divmod(int(minutes), 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m or not h else "")


# --------------------------------------------------------------------------- time zones


@dataclass(frozen=True)
class Zone:
    """A US time zone with the usual daylight-saving rule."""

    name: str  # "America/Chicago"
    standard: int  # hours from UTC in winter, e.g. -6
    abbr: tuple[str, str]  # ("CST", "CDT")


ZONES = (
    Zone("America/New_York", -5, ("EST", "EDT")),
    Zone("America/Chicago", -6, ("CST", "CDT")),
    Zone("America/Denver", -7, ("MST", "MDT")),
    Zone("America/Los_Angeles", -8, ("PST", "PDT")),
)


def _nth_sunday(year: int, month: int, n: int) -> dt.date:
    d = dt.date(year, month, 1)
    d += dt.timedelta(days=(6 - d.weekday()) % 7)
    return d + dt.timedelta(weeks=n - 1)


def is_dst(d: dt.date) -> bool:
    """US daylight time: second Sunday of March to first Sunday of November (by date)."""
    return _nth_sunday(d.year, 3, 2) <= d < _nth_sunday(d.year, 11, 1)


def utc_offset(zone: Zone, d: dt.date) -> int:
    return zone.standard + (1 if is_dst(d) else 0)


def offset_text(zone: Zone, d: dt.date, *, colon: bool) -> str:
    off = utc_offset(zone, d)
    sign = "-" if off < 0 else "+"
    return f"{sign}{abs(off):02d}{':' if colon else ''}00"


def tz_abbr(zone: Zone, d: dt.date) -> str:
    return zone.abbr[1] if is_dst(d) else zone.abbr[0]


def iso_local(zone: Zone, d: dt.date, t: dt.time, *, seconds: bool = True) -> str:
    """FHIR dateTime with the local offset: "2025-03-03T09:00:00-05:00"."""
    sec = ":00" if seconds else ""
    return f"{d.isoformat()}T{t24(t)}{sec}{offset_text(zone, d, colon=True)}"


# --------------------------------------------------------------------------- dates


def mdy(d: dt.date, *, sep: str = "/", pad: bool = True, year4: bool = True) -> str:
    year = f"{d.year:04d}" if year4 else f"{d.year % 100:02d}"
    if pad:
        return f"{d.month:02d}{sep}{d.day:02d}{sep}{year}"
    return f"{d.month}{sep}{d.day}{sep}{year}"


def long_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def later(d: dt.date, rng: random.Random, lo: int, hi: int) -> dt.date:
    return d + dt.timedelta(days=rng.randint(lo, hi))


def holiday_name(d: dt.date) -> str:
    """The federal holiday a program closes for on ``d`` (the scenario's holiday list)."""
    if (d.month, d.day) in HOLIDAY_NAMES:
        return HOLIDAY_NAMES[(d.month, d.day)]
    if d.month == 11:
        return "Thanksgiving Day"
    return {
        1: "Martin Luther King Jr. Day",
        2: "Presidents' Day",
        5: "Memorial Day",
        9: "Labor Day",
    }.get(d.month, "holiday")


# --------------------------------------------------------------------------- people


def staff_full(s: Staff) -> str:
    return f"{s.name}, {s.credential}"


def staff_last_first(s: Staff) -> str:
    return f"{s.last}, {s.first} {s.credential}"


def staff_id(s: Staff) -> str:
    """A stable provider number for a clinician (from the name, not the rng)."""
    return str(10000 + sum(ord(c) * (i + 7) for i, c in enumerate(s.name + s.credential)) % 89999)


def case_manager(scn: Scenario) -> Staff:
    return Staff(scn.therapists[2].first, scn.therapists[1].last, "BSW")


def rendering_staff(scn: Scenario, s: PlannedSession) -> tuple[Staff, ...]:
    """Who delivered a session: the group's facilitators, else the service's clinician."""
    if s.facilitators:
        return s.facilitators
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        return (scn.physician,)
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        return (case_manager(scn),)
    return (scn.therapists[0],)


# --------------------------------------------------------------------------- services

_GENERIC = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "Group Psychotherapy",
    ServiceKind.GROUP_EDUCATION: "Psychoeducation Group",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Individual Therapy",
    ServiceKind.FAMILY_COUNSELING: "Family Therapy",
    ServiceKind.CASE_MANAGEMENT: "Case Management",
    ServiceKind.MEDICATION_MANAGEMENT: "Medication Management",
    ServiceKind.MEAL: "Lunch",
}


def generic_label(kind: ServiceKind) -> str:
    return _GENERIC.get(kind, kind.value.replace("_", " ").title())


def service_label(s: PlannedSession) -> str:
    """A name that states the kind: a group's title followed by its generic kind name
    ("CBT Group (Group Psychotherapy)"), since a title alone may not say the kind."""
    if s.kind in GROUP_KINDS and s.title != generic_label(s.kind):
        return f"{s.title} ({generic_label(s.kind)})"
    return s.title


def counted_kind(kind: ServiceKind) -> bool:
    return kind in GROUP_KINDS or kind in (
        ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
        ServiceKind.FAMILY_COUNSELING,
    )


# (code, code system label, official short description) for each billed service kind.
# G0177: training and education for a patient's disabling mental health problems (PHP/IOP).
_CODES: dict[ServiceKind, tuple[str, str, str]] = {
    ServiceKind.GROUP_PSYCHOTHERAPY: ("90853", "CPT", "Group psychotherapy"),
    ServiceKind.GROUP_EDUCATION: (
        "G0177",
        "HCPCS",
        "Training and educational services related to the care and treatment of "
        "patient's disabling mental health problems",
    ),
    ServiceKind.FAMILY_COUNSELING: ("90847", "CPT", "Family psychotherapy with patient present"),
    ServiceKind.CASE_MANAGEMENT: ("T1016", "HCPCS", "Case management, each 15 minutes"),
    ServiceKind.MEDICATION_MANAGEMENT: (
        "99213",
        "CPT",
        "Office or other outpatient visit, established patient, low MDM",
    ),
}
_INDIVIDUAL = {
    "90832": "Psychotherapy, 30 minutes with patient",
    "90834": "Psychotherapy, 45 minutes with patient",
    "90837": "Psychotherapy, 60 minutes with patient",
}


def billing_code(s: PlannedSession) -> tuple[str, str, str]:
    """(code, "CPT"/"HCPCS", description) of a session's service."""
    if s.kind is ServiceKind.INDIVIDUAL_PSYCHOTHERAPY:
        code = s.cpt or "90834"
        return (code, "CPT", _INDIVIDUAL.get(code, "Psychotherapy with patient"))
    return _CODES[s.kind]


def billed_units(s: PlannedSession) -> int:
    """Units on a charge line: 15-minute units for per-15-minute codes, else 1."""
    code, _, _ = billing_code(s)
    if code in ("T1016",):
        return units15(s.minutes)
    return 1


# --------------------------------------------------------------------------- attendance


def attendance_word(att: Attendance, flavor: int = 0) -> str:
    """A status word (several house spellings by ``flavor``)."""
    table: dict[Attendance, tuple[str, ...]] = {
        Attendance.ATTENDED: ("Present", "Attended", "Present", "Attended - participated"),
        Attendance.ABSENT: ("Absent", "Absent", "Absent (excused)", "Did not attend - absent"),
        Attendance.NO_SHOW: ("No Show", "No-show", "No show - no call", "No show"),
        Attendance.CANCELLED: (
            "Cancelled",
            "Client cancelled",
            "Cancelled by client",
            "Canceled by pt",
        ),
        Attendance.REFUSED: ("Refused", "Refused", "Refused to attend", "Refused"),
    }
    words = table.get(att, ("Unknown",))
    return words[flavor % len(words)]


ABSENCE_PROSE = {
    "no call, no show": "did not come and did not call",
    "did not answer outreach calls": "did not attend and did not answer outreach calls",
    "called in sick": "called in sick",
    "family emergency": "had a family emergency",
    "medical appointment": "had a medical appointment",
    "transportation fell through": "had no transportation",
    "left the program early": "left the program early that day",
}


def absence_prose(reason: str) -> str:
    return ABSENCE_PROSE.get(reason, reason or "was absent")


def absence_sentence(s: PlannedSession) -> str:
    """A clinician's one-line absence note, its wording fitting the absence's kind."""
    why = f"; {absence_prose(s.absence_reason)}" if s.absence_reason else ""
    if s.attendance is Attendance.NO_SHOW:
        return f"Client did not attend (no-show){why}. Outreach call placed."
    if s.attendance is Attendance.CANCELLED:
        return f"Client cancelled ahead of session{why}."
    return f"Client absent{why}."


def modality_word(m: Modality) -> str:
    return {
        Modality.IN_PERSON: "In person",
        Modality.VIDEO: "Telehealth (video)",
        Modality.AUDIO: "Telephone (audio only)",
    }.get(m, "Unknown")


# --------------------------------------------------------------------------- schedule


def program_weekdays(scn: Scenario) -> tuple[int, ...]:
    return tuple(sorted({s.date.weekday() for s in scn.sessions if s.kind in GROUP_KINDS}))


def program_hours(scn: Scenario) -> tuple[dt.time, dt.time]:
    """The program day's first group start and last group end (the posted hours)."""
    day = [s for s in scn.sessions if s.kind in GROUP_KINDS or s.kind is ServiceKind.MEAL]
    return (min(s.start for s in day), max(s.end for s in day))


def weekday_list(days: Sequence[int]) -> str:
    return "/".join(WEEKDAYS3[d] for d in days)


def services(scn: Scenario, *, meals: bool = False) -> list[PlannedSession]:
    """The scenario's sessions a record of services lists (meals only when asked)."""
    return [s for s in scn.sessions if meals or s.kind is not ServiceKind.MEAL]


def by_day(sessions: Sequence[PlannedSession]) -> dict[dt.date, list[PlannedSession]]:
    out: dict[dt.date, list[PlannedSession]] = {}
    for s in sessions:
        out.setdefault(s.date, []).append(s)
    return out


# --------------------------------------------------------------------------- narrative

PARTICIPATION = (
    "Participated actively and offered feedback to peers.",
    "Engaged throughout; shared a recent example and accepted feedback.",
    "Quiet early in the session, then contributed when prompted by the facilitator.",
    "Attentive; completed the worksheet and identified two coping strategies.",
    "Participation minimal but appropriate; listened and nodded to peers.",
    "Shared openly about stressors at home and practiced the skill in role play.",
)
RESPONSE = (
    "Responded well to the intervention; able to name one skill to practice this week.",
    "Demonstrated partial understanding; will review the handout at home.",
    "Mood appeared improved by the end of group; affect brighter.",
    "Continues to struggle with follow-through; agreed to track urges daily.",
    "Verbalized insight into the link between thoughts and mood.",
)
INDIVIDUAL = (
    "Reviewed mood log and homework; practiced a thought record in session.",
    "Explored triggers from the past week and rehearsed a coping plan.",
    "Discussed progress toward treatment plan goals; client identified barriers.",
    "Processed a conflict at home; role-played an assertive request.",
)
PLAN = (
    "Continue IOP as scheduled; review coping plan at next individual session.",
    "Practice the skill daily and bring the tracking sheet to group.",
    "Continue current plan; coordinate with psychiatry regarding sleep.",
    "Attend all groups this week; complete the thought record homework.",
)
GOAL = (
    "Supports treatment plan goal 1 (reduce depressive symptoms).",
    "Addresses goal 2: use two coping skills when distressed.",
    "Related to goal: improve sleep and daily structure.",
    "Goal 3 - strengthen supports and communication.",
)


def pick(rng: random.Random, options: Sequence[str]) -> str:
    return options[rng.randrange(len(options))]


def narrative(rng: random.Random, s: PlannedSession) -> str:
    """A short clinician narrative for a session (an absence sentence if missed)."""
    if not s.attended:
        return absence_sentence(s)
    if s.is_group:
        return f"Topic: {s.topic}. {pick(rng, PARTICIPATION)} {pick(rng, RESPONSE)}"
    if counted_kind(s.kind):
        return f"{pick(rng, INDIVIDUAL)} {pick(rng, RESPONSE)} {pick(rng, GOAL)}"
    return f"Met with client re: {s.topic}. Follow-up in one week."


def late_phrase(s: PlannedSession, fmt: str = "12") -> str:
    """ "Arrived late at 9:20 AM" / "Left early at 12:00 PM" ("" when on time)."""

    def f(t: dt.time) -> str:
        return t12(t) if fmt == "12" else t24(t)

    parts = []
    if s.member_start is not None:
        parts.append(f"Arrived late at {f(s.member_start)}")
    if s.member_end is not None:
        parts.append(f"Left early at {f(s.member_end)}")
    return "; ".join(parts)


# --------------------------------------------------------------------------- ids, escaping


def new_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    return xml_text(text).replace('"', "&quot;")


def rtf_text(text: str, *, unicode: bool = False) -> str:
    """RTF-escape plain text: braces and backslashes, cp1252 characters as \\'xx, the rest
    as \\uN? (with ``\\uc1``); ``unicode``: every non-ASCII character as \\uN?."""
    out: list[str] = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        elif unicode:
            out.append(f"\\u{ord(ch)}?")
        else:
            try:
                b = ch.encode("cp1252")
                out.append(f"\\'{b[0]:02x}")
            except UnicodeEncodeError:
                code = ord(ch)
                out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


# --------------------------------------------------------------------------- files


def wrap(text: str, width: int = 88, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent) or [indent]


def text_file(name: str, lines: Sequence[str] | str, *, crlf: bool = False) -> ChartFile:
    text = lines if isinstance(lines, str) else "\n".join(lines) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    return ChartFile(name, text.encode("utf-8"))


class FormPDF(FPDF):
    """Letter-size PDF with a fixed creation date (so its bytes are deterministic) and a
    running header/footer set per page (a form's id and "Page n of N"); ``landscape`` for
    wide grids."""

    def __init__(
        self, header_left: str, header_right: str, footer: str, *, landscape: bool = False
    ) -> None:
        super().__init__(
            orientation="landscape" if landscape else "portrait", unit="pt", format="letter"
        )
        self.header_left = header_left
        self.header_right = header_right
        self.footer_text = footer
        self.set_creation_date(dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        self.set_auto_page_break(auto=True, margin=54)
        self.set_margins(36, 54, 36)
        self.alias_nb_pages()

    @property
    def usable(self) -> float:
        return float(self.w) - 72

    def header(self) -> None:
        half = self.usable / 2
        self.set_font("Helvetica", "B", 8)
        self.set_xy(36, 24)
        self.cell(half, 12, self.header_left)
        self.cell(half, 12, self.header_right, align="R")
        self.set_xy(36, 54)

    def footer(self) -> None:
        half = self.usable / 2
        self.set_font("Helvetica", "", 7)
        self.set_xy(36, -36)
        self.cell(half, 10, self.footer_text)
        self.cell(half, 10, f"Page {self.page_no()} of {{nb}}", align="R")


def latin1(text: str) -> str:
    """Text the PDF core fonts can show (Latin-1), dashes and quotes made plain."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    return text.encode("latin-1", "replace").decode("latin-1")


def pdf_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())


def cdata(text: str) -> str:
    """Text as an XML CDATA section (a "]]>" inside is split across two sections)."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


# --------------------------------------------------------------------------- in words

_ONES = (
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
_ORDINAL_ONES = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
    10: "tenth",
    11: "eleventh",
    12: "twelfth",
    13: "thirteenth",
    14: "fourteenth",
    15: "fifteenth",
    16: "sixteenth",
    17: "seventeenth",
    18: "eighteenth",
    19: "nineteenth",
}


def number_words(n: int) -> str:
    """0-99 in words: "seven", "twenty-three"."""
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def ordinal_words(n: int) -> str:
    """1-31 as an ordinal in words: "third", "twenty-first", "thirtieth"."""
    if n < 20:
        return _ORDINAL_ONES[n]
    tens, ones = divmod(n, 10)
    if not ones:
        return _TENS[tens][:-1] + "ieth"
    return f"{_TENS[tens]}-{_ORDINAL_ONES[ones]}"


def year_words(y: int) -> str:
    """2025 as "two thousand twenty-five"."""
    return f"two thousand {number_words(y - 2000)}" if y > 2000 else "two thousand"


def date_words(d: dt.date, style: int = 0, *, weekday: bool = True) -> str:
    """A date in words: 0 "Monday, the third of March, 2025"; 1 "Monday, March third,
    2025"; 2 "Monday the third of March, two thousand twenty-five"; 3 "the third of March"
    (no year)."""
    wd = f"{WEEKDAYS[d.weekday()]}, " if weekday else ""
    month = MONTHS[d.month - 1]
    day = ordinal_words(d.day)
    if style == 1:
        return f"{wd}{month} {day}, {d.year}"
    if style == 2:
        wd = f"{WEEKDAYS[d.weekday()]} " if weekday else ""
        return f"{wd}the {day} of {month}, {year_words(d.year)}"
    if style == 3:
        return f"{wd}the {day} of {month}"
    return f"{wd}the {day} of {month}, {d.year}"


def day_period(t: dt.time) -> str:
    if t.hour < 12:
        return "in the morning"
    if t.hour < 17:
        return "in the afternoon"
    return "in the evening"


def clock_words(t: dt.time, *, oclock: bool = False) -> str:
    """A clock time in words without its part of the day: "nine", "half past ten",
    "a quarter to eleven", "twenty past seven", "seven minutes to two"; noon is "noon"."""
    h, m = t.hour % 12 or 12, t.minute
    nxt = h % 12 + 1
    if m == 0:
        if t.hour == 12:
            return "noon"
        return number_words(h) + (" o'clock" if oclock else "")
    if m == 15:
        return f"a quarter past {number_words(h)}"
    if m == 30:
        return f"half past {number_words(h)}"
    if m == 45:
        return f"a quarter to {number_words(nxt)}"
    if m in (5, 10, 20, 25):
        return f"{number_words(m)} past {number_words(h)}"
    if m in (35, 40, 50, 55):
        return f"{number_words(60 - m)} to {number_words(nxt)}"
    if m < 30:
        return f"{number_words(m)} minute{'s' if m > 1 else ''} past {number_words(h)}"
    return f"{number_words(60 - m)} minute{'s' if m < 59 else ''} to {number_words(nxt)}"


def time_words(t: dt.time, *, oclock: bool = False) -> str:
    """ "half past ten in the morning", "noon"."""
    text = clock_words(t, oclock=oclock)
    return text if text == "noon" else f"{text} {day_period(t)}"


def range_words(a: dt.time, b: dt.time, *, until: str = "until") -> str:
    """ "from nine until half past ten in the morning" (the part of the day said once when
    both times share it), else "from a quarter to eleven in the morning until a quarter
    past twelve in the afternoon"."""
    ca, cb = clock_words(a), clock_words(b)
    if "noon" not in (ca, cb) and day_period(a) == day_period(b):
        return f"from {ca} {until} {cb} {day_period(a)}"
    return f"from {time_words(a)} {until} {time_words(b)}"


def duration_words(minutes: float) -> str:
    """ "an hour and a half", "three quarters of an hour", "fifty-three minutes"."""
    m = int(minutes)
    special = {
        30: "half an hour",
        45: "three quarters of an hour",
        60: "an hour",
        75: "an hour and a quarter",
        90: "an hour and a half",
        120: "two hours",
    }
    if m in special:
        return special[m]
    if m < 60:
        return f"{number_words(m)} minutes"
    h, rest = divmod(m, 60)
    hours = "an hour" if h == 1 else f"{number_words(h)} hours"
    if not rest:
        return hours
    return f"{hours} and {number_words(rest)} minute{'s' if rest > 1 else ''}"


def signed_after(rng: random.Random, s: PlannedSession, lo: int, hi: int) -> dt.datetime:
    """When a note was signed: ``lo``-``hi`` days after the session, and after its end when
    on the same day."""
    d = later(s.date, rng, lo, hi)
    if d == s.date:
        end = min(minute_of(s.end) + rng.randint(10, 240), 23 * 60 + 40)
        return dt.datetime.combine(d, dt.time(end // 60, end % 60))
    return dt.datetime.combine(d, dt.time(rng.randint(8, 18), rng.randint(0, 59)))
