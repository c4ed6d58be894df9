"""Helpers of the eighth group of development style families: clock and date spellings
(seconds, "1300 hrs", "3-Mar-25", "March 3rd", "Mon 3/3", claim-form "03 03 25"), service
labels and billing codes, staff names and initials, attendance words, short note
narrative, the gold report of a written session, and a deterministic PDF writer."""

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
PDF_DATE = dt.datetime(2026, 3, 2, 9, 30, 0, tzinfo=dt.UTC)
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


def variant(scn: Scenario, options: Sequence[str]) -> str:
    """The layout of a chart: consecutive seeds walk through every option."""
    return options[scn.seed % len(options)]


def by_day(sessions: Iterable[PlannedSession]) -> dict[dt.date, list[PlannedSession]]:
    out: dict[dt.date, list[PlannedSession]] = {}
    for s in sessions:
        out.setdefault(s.date, []).append(s)
    return out


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
    """``sec`` 13:00:00, ``24`` 13:00, ``hrs`` 1300 hrs, ``mil`` 1300, ``12`` 1:00 PM,
    ``12s`` 1:00 p.m., ``12c`` 1:00p."""
    h, m = t.hour, t.minute
    h12 = (h % 12) or 12
    if style == "sec":
        return f"{h:02d}:{m:02d}:00"
    if style == "24":
        return f"{h:02d}:{m:02d}"
    if style == "hrs":
        return f"{h:02d}{m:02d} hrs"
    if style == "mil":
        return f"{h:02d}{m:02d}"
    if style == "12":
        return f"{h12}:{m:02d} {'PM' if h >= 12 else 'AM'}"
    if style == "12s":
        return f"{h12}:{m:02d} {'p.m.' if h >= 12 else 'a.m.'}"
    if style == "12c":
        return f"{h12}:{m:02d}{'p' if h >= 12 else 'a'}"
    raise ValueError(style)


def clock_range(a: dt.time, b: dt.time, style: str, sep: str = "-") -> str:
    """A time range; ``hrs1`` writes "1300-1430 hrs", ``12one`` "1:00-2:30 p.m." when both
    ends share the meridiem."""
    if style == "hrs1":
        return f"{clock(a, 'mil')}{sep}{clock(b, 'mil')} hrs"
    if style == "12one":
        if (a.hour >= 12) == (b.hour >= 12):
            return f"{clock(a, '12s')[:-5]}{sep}{clock(b, '12s')}"
        return f"{clock(a, '12s')}{sep}{clock(b, '12s')}"
    return f"{clock(a, style)}{sep}{clock(b, style)}"


def clock_point(t: dt.time, style: str) -> str:
    """One time in the spelling of :func:`clock_range`."""
    return clock(t, {"hrs1": "hrs", "12one": "12s"}.get(style, style))


# --------------------------------------------------------------------------- dates


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def date(d: dt.date, style: str) -> str:
    """``us`` 03/03/2025, ``usn`` 3/3/2025, ``dmy2`` 3-Mar-25, ``dmy`` 03-Mar-2025,
    ``ord`` March 3rd, ``ordy`` March 3rd, 2025, ``word`` Monday, March 3rd, ``wmd`` Mon 3/3,
    ``wmdy`` Mon 3/3/2025, ``box`` 03 03 25, ``long`` March 3, 2025."""
    mon = MONTHS[d.month - 1]
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "usn":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "dmy2":
        return f"{d.day}-{mon[:3]}-{d.year % 100:02d}"
    if style == "dmy":
        return f"{d.day:02d}-{mon[:3]}-{d.year}"
    if style == "ord":
        return f"{mon} {ordinal(d.day)}"
    if style == "ordy":
        return f"{mon} {ordinal(d.day)}, {d.year}"
    if style == "word":
        return f"{WEEKDAYS[d.weekday()]}, {mon} {ordinal(d.day)}"
    if style == "wmd":
        return f"{WEEKDAYS[d.weekday()][:3]} {d.month}/{d.day}"
    if style == "wmdy":
        return f"{WEEKDAYS[d.weekday()][:3]} {d.month}/{d.day}/{d.year}"
    if style == "box":
        return f"{d.month:02d} {d.day:02d} {d.year % 100:02d}"
    if style == "long":
        return f"{mon} {d.day}, {d.year}"
    raise ValueError(style)


def program_weeks(scn: Scenario) -> list[tuple[int, dt.date, dt.date]]:
    """(number, first day, last day) of each 7-day program week from admission through
    the week holding the discharge date."""
    out = []
    n, start = 1, scn.admission_date
    while start <= scn.discharge_date:
        out.append((n, start, start + dt.timedelta(days=6)))
        n, start = n + 1, start + dt.timedelta(days=7)
    return out


# --------------------------------------------------------------------------- people


def staff_name(st: Staff, style: str = "full") -> str:
    """``full`` Dana Whitfield, LCSW; ``init`` D. Whitfield, LCSW; ``last`` WHITFIELD, DANA
    LCSW."""
    if style == "full":
        return f"{st.first} {st.last}, {st.credential}"
    if style == "init":
        return f"{st.first[0]}. {st.last}, {st.credential}"
    if style == "last":
        return f"{st.last.upper()}, {st.first.upper()} {st.credential}"
    raise ValueError(style)


def initials(st: Staff) -> str:
    return f"{st.first[0]}{st.last[0]}"


def case_manager(scn: Scenario) -> Staff:
    """The program's case manager (the scenario names none)."""
    r = random.Random(scn.seed * 104_729 + 3)
    first = r.choice(("Marisol", "Trent", "Odessa", "Fletcher", "Junie", "Ravi"))
    last = r.choice(("Hargrove", "Lindgren", "Osei", "Paquette", "Villanueva", "Stroud"))
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
# Billing codes as claims print them (the scenario's own code when it has one).
CODE: dict[ServiceKind, str] = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "90853",
    ServiceKind.FAMILY_COUNSELING: "90847",
    ServiceKind.CASE_MANAGEMENT: "T1016",
    ServiceKind.MEDICATION_MANAGEMENT: "99213",
}


def code(s: PlannedSession) -> str:
    return s.cpt or CODE.get(s.kind, "")


def service(s: PlannedSession) -> str:
    """The program's title with the kind when the title alone does not say it
    ("CBT Group - Group Psychotherapy", "Individual Therapy")."""
    label = KIND_LABEL[s.kind]
    if s.kind in GROUP_KINDS and s.title != label:
        return f"{s.title} - {label}"
    return label


ATTEND: dict[str, dict[Attendance, str]] = {
    "word": {
        Attendance.ATTENDED: "Present",
        Attendance.ABSENT: "Absent",
        Attendance.NO_SHOW: "No-show",
        Attendance.CANCELLED: "Cancelled",
    },
    "upper": {
        Attendance.ATTENDED: "PRESENT",
        Attendance.ABSENT: "ABSENT",
        Attendance.NO_SHOW: "NO SHOW",
        Attendance.CANCELLED: "CANCELLED",
    },
    "appt": {
        Attendance.ATTENDED: "Checked Out",
        Attendance.ABSENT: "Absent",
        Attendance.NO_SHOW: "No Show",
        Attendance.CANCELLED: "Cancelled - Client",
    },
}


def attend(a: Attendance, vocab: str = "word") -> str:
    return ATTEND[vocab][a]


_DEFAULT_REASON = {
    Attendance.NO_SHOW: "no call, no show",
    Attendance.CANCELLED: "client cancelled",
    Attendance.ABSENT: "absent",
}


def reason(s: PlannedSession) -> str:
    return s.absence_reason or _DEFAULT_REASON.get(s.attendance, "")


def is_video(s: PlannedSession) -> bool:
    return s.modality is Modality.VIDEO


_GROUP = (
    "Group worked on {topic}; client offered feedback to two peers.",
    "Topic: {topic}. Client shared a recent stressor and accepted feedback.",
    "Client engaged with {topic} and completed the worksheet.",
)
_EDU = (
    "Didactic on {topic} with handout; client asked relevant questions.",
    "Education on {topic}; client summarized two key points.",
)
_IND = (
    "Reviewed {topic}; practiced paced breathing.",
    "Reviewed {topic}; client identified one barrier and one support.",
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
class Line:
    """A printed line: ``style`` "" (regular), "B" (bold) or "I" (italic); ``size`` in pt."""

    text: str
    style: str = ""
    size: float = 9.5


def latin1(text: str) -> str:
    table = {"–": "-", "—": "-", "’": "'", "“": '"', "”": '"', "•": "-", "…": "..."}
    out = "".join(table.get(c, c) for c in text)
    return out.encode("latin-1", "replace").decode("latin-1")


def pdf(pages: Sequence[Sequence[Line]], *, font: str = "Helvetica", leading: float = 1.3) -> bytes:
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
            if line.text:
                doc.text(48, y + line.size, latin1(line.text))
            y += line.size * leading
    return bytes(doc.output())


def paginate(blocks: Sequence[Sequence[Line]], capacity: float) -> list[list[Line]]:
    """Blocks kept whole on pages of ``capacity`` points of line height (a block taller
    than a page gets a page of its own and runs over)."""
    pages: list[list[Line]] = [[]]
    used = 0.0
    for block in blocks:
        h = sum(line.size * 1.3 for line in block)
        if pages[-1] and used + h > capacity:
            pages.append([])
            used = 0.0
        pages[-1].extend(block)
        used += h
    return pages
