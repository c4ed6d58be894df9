"""Helpers shared by the ``d3-`` families: time and date spellings, staff and client
names, service labels, the program's weekly schedule, and small text utilities.

Nothing here decides what the gold is; each family reports its own ``Written``.
"""

from __future__ import annotations

import datetime as dt
import random
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import ChartFile, Member, PlannedSession, Scenario, Staff

GROUP_KINDS = frozenset({ServiceKind.GROUP_PSYCHOTHERAPY, ServiceKind.GROUP_EDUCATION})
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS3 = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS_SHORT = ("M", "T", "W", "Th", "F", "Sa", "Su")
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


def compact12(t: dt.time, *, long_suffix: bool = False, upper: bool = False) -> str:
    """12-hour time without a colon, whole hours without minutes: "930a", "11a", "230p"."""
    h = t.hour % 12 or 12
    suffix = ("am" if long_suffix else "a") if t.hour < 12 else ("pm" if long_suffix else "p")
    if upper:
        suffix = suffix.upper()
    return f"{h}{suffix}" if t.minute == 0 else f"{h}{t.minute:02d}{suffix}"


def session_span(s: PlannedSession) -> tuple[dt.time, dt.time]:
    """The member's own start and end (the session's where the member's are not set)."""
    return (s.member_start or s.start, s.member_end or s.end)


def member_differs(s: PlannedSession) -> bool:
    return s.member_start is not None or s.member_end is not None


def units15(minutes: float) -> int:
    """15-minute billing units by the usual 8-minute rule."""
    whole, rest = divmod(int(minutes), 15)
    return whole + (1 if rest >= 8 else 0)


def hours_text(minutes: float) -> str:
    """Decimal hours as a spreadsheet shows them: "1.5", "0.75", "1"."""
    text = f"{minutes / 60:.2f}".rstrip("0").rstrip(".")
    return text or "0"


# --------------------------------------------------------------------------- dates


def mdy(d: dt.date, *, sep: str = "/", pad: bool = True, year4: bool = True) -> str:
    year = f"{d.year:04d}" if year4 else f"{d.year % 100:02d}"
    if pad:
        return f"{d.month:02d}{sep}{d.day:02d}{sep}{year}"
    return f"{d.month}{sep}{d.day}{sep}{year}"


def md(d: dt.date) -> str:
    return f"{d.month}/{d.day}"


def long_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def monday_of(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def later(d: dt.date, rng: random.Random, lo: int, hi: int) -> dt.date:
    return d + dt.timedelta(days=rng.randint(lo, hi))


# --------------------------------------------------------------------------- people


def staff_full(s: Staff) -> str:
    return f"{s.name}, {s.credential}"


def staff_initial(s: Staff) -> str:
    return f"{s.first[0]}. {s.last} {s.credential}"


def staff_last_first(s: Staff) -> str:
    return f"{s.last}, {s.first} ({s.credential})"


def staff_initials(s: Staff) -> str:
    return f"{s.first[0]}{s.last[0]}"


def facilitator_list(s: PlannedSession, fmt: str = "full", sep: str = "; ") -> str:
    f = {"full": staff_full, "initial": staff_initial, "last_first": staff_last_first}[fmt]
    return sep.join(f(x) for x in s.facilitators)


_OTHER_FIRST = (
    "Bianca",
    "Terrence",
    "Alma",
    "Desmond",
    "Frieda",
    "Gideon",
    "Hollis",
    "Ines",
    "Jasper",
    "Kendra",
    "Lionel",
    "Mabel",
    "Nadia",
    "Oren",
    "Petra",
    "Reggie",
    "Sofia",
    "Tobias",
    "Ursula",
    "Vernon",
    "Wren",
    "Xavier",
    "Yolanda",
    "Zeke",
)
_OTHER_LAST = (
    "Albright",
    "Bergstrom",
    "Cardenas",
    "Dunleavy",
    "Esposito",
    "Fairbanks",
    "Gutierrez",
    "Haddad",
    "Ingram",
    "Jablonski",
    "Kettering",
    "Lombardi",
    "Mwangi",
    "Novak",
    "Ostrowski",
    "Pellegrino",
    "Quarles",
    "Ruiz",
    "Sorensen",
    "Trujillo",
    "Umeh",
    "Vance",
    "Winslow",
    "Yilmaz",
)


@dataclass(frozen=True)
class Client:
    """Another client of the program (never the member)."""

    first: str
    last: str
    dob: dt.date
    mrn: str


def other_clients(
    rng: random.Random, member: Member, n: int, *, same_last_name: bool = False
) -> list[Client]:
    """``n`` other clients with names and dates of birth distinct from the member's.
    ``same_last_name``: one of them shares the member's last name (a relative, say)."""
    out: list[Client] = []
    used = {(member.first, member.last)}
    while len(out) < n:
        first = rng.choice(_OTHER_FIRST)
        last = member.last if same_last_name and not out else rng.choice(_OTHER_LAST)
        if (first, last) in used or first == member.first:
            continue
        dob = dt.date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
        if dob == member.date_of_birth:
            continue
        used.add((first, last))
        out.append(Client(first, last, dob, f"{rng.randint(10000, 99999)}"))
    return out


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
    """The program's generic name for a service kind."""
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


ABSENCE_PROSE = {
    "no call, no show": "did not come and did not call",
    "did not answer outreach calls": "did not attend and did not answer outreach calls",
    "called in sick": "was out ill",
    "family emergency": "had a family emergency",
    "medical appointment": "had a medical appointment",
    "transportation fell through": "had no transportation",
    "left the program early": "left the program early that day",
}


def absence_prose(reason: str) -> str:
    return ABSENCE_PROSE.get(reason, reason or "was absent")


def attendance_word(att: Attendance, flavor: int = 0) -> str:
    """A status word (several house spellings by ``flavor``)."""
    table: dict[Attendance, tuple[str, ...]] = {
        Attendance.ATTENDED: ("Present", "Attended", "Present", "Attended - participated"),
        Attendance.ABSENT: ("Absent", "Absent", "Absent (excused)", "Did not attend - absent"),
        Attendance.NO_SHOW: ("No Show", "No-show", "NS - no call/no show", "No show"),
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


def slot_times(scn: Scenario) -> list[tuple[dt.time, dt.time, ServiceKind]]:
    """The recurring slots of the program day (groups and meals), in time order."""
    seen: dict[tuple[dt.time, dt.time], ServiceKind] = {}
    for s in scn.sessions:
        if s.kind in GROUP_KINDS or s.kind is ServiceKind.MEAL:
            seen.setdefault((s.start, s.end), s.kind)
    return sorted((a, b, k) for (a, b), k in seen.items())


def weekday_list(days: Iterable[int], style: str = "3") -> str:
    names = {"3": WEEKDAYS3, "short": WEEKDAYS_SHORT, "long": WEEKDAYS}[style]
    return "/".join(names[d] for d in days)


def program_days(scn: Scenario) -> list[dt.date]:
    return sorted({s.date for s in scn.sessions})


# --------------------------------------------------------------------------- text


def wrap(text: str, width: int = 88, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent) or [indent]


def text_file(name: str, lines: Sequence[str] | str, *, crlf: bool = False) -> ChartFile:
    text = lines if isinstance(lines, str) else "\n".join(lines) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    return ChartFile(name, text.encode("utf-8"))


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
MSE = (
    "Alert and oriented x4, affect congruent, speech normal rate. Denies SI/HI.",
    "Casually groomed, cooperative, mood 'tired', affect restricted. Denies SI/HI.",
    "Calm, good eye contact, thought process linear. No SI/HI reported.",
)


def pick(rng: random.Random, options: Sequence[str]) -> str:
    return options[rng.randrange(len(options))]
