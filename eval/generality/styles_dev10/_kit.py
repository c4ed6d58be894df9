"""Helpers of the tenth group of development style families: the ninth group's kit
(clock and date spellings, service labels and billing codes, attendance words, short note
narrative, the gold report of a written session, a deterministic PDF writer), and this
group's own clocks: compact "9a-10:30a" ranges, spoken "nine to ten-thirty" ranges,
transcriptionists' "9 a.m." and hours with minutes."""

from __future__ import annotations

import datetime as dt

from eval.generality.styles_dev9._kit import (
    GROUP_KINDS,
    KIND_LABEL,
    NUMBERS,
    PEER_FIRST,
    WEEKDAYS,
    ZONES,
    Cell,
    Line,
    _number,
    attend,
    by_day,
    case_manager,
    clinicians,
    clock,
    clock_forms,
    code,
    date,
    date_forms,
    initials,
    is_video,
    member_in,
    member_out,
    minutes_between,
    note,
    part_of_day,
    pdf,
    peers,
    plus,
    reason,
    services,
    staff_name,
    to_utc,
    utc_offset,
    variant,
    wrap,
    written,
)

__all__ = [
    "GROUP_KINDS",
    "KIND_LABEL",
    "NUMBERS",
    "PEER_FIRST",
    "WEEKDAYS",
    "ZONES",
    "Cell",
    "Line",
    "ahdi",
    "ahdi_range",
    "attend",
    "by_day",
    "case_manager",
    "clinicians",
    "clock",
    "clock_forms",
    "code",
    "compact",
    "compact_range",
    "date",
    "date_forms",
    "forms10",
    "hours_minutes",
    "initials",
    "is_video",
    "member_in",
    "member_out",
    "minutes_between",
    "note",
    "part_of_day",
    "pdf",
    "peers",
    "plus",
    "reason",
    "services",
    "spoken",
    "spoken_range",
    "staff_name",
    "to_utc",
    "utc_offset",
    "variant",
    "wrap",
    "written",
]


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
