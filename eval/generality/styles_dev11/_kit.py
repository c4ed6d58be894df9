"""Helpers of the eleventh group of development style families: the tenth group's kit
(clock and date spellings, service labels, attendance words, note narrative, the gold
report of a written session, a deterministic PDF writer) and this group's own spellings:
"0900hrs", "03-Mar-2025", "20250303", "March 3rd", durations with a prime ("90'") or as
"1h30m", decimal hours where they are exact, and loose ranges such as "9 to 10:30"."""

from __future__ import annotations

import datetime as dt

from eval.generality.styles_dev9._kit import MONTHS, ordinal, paginate
from eval.generality.styles_dev10._kit import (
    GROUP_KINDS,
    KIND_LABEL,
    WEEKDAYS,
    Cell,
    Line,
    attend,
    by_day,
    case_manager,
    clinicians,
    clock,
    code,
    date,
    date_forms,
    initials,
    is_video,
    member_in,
    member_out,
    minutes_between,
    note,
    pdf,
    peers,
    reason,
    services,
    staff_name,
    variant,
    wrap,
    written,
)

__all__ = [
    "GROUP_KINDS",
    "KIND_LABEL",
    "MONTHS",
    "WEEKDAYS",
    "Cell",
    "Line",
    "attend",
    "by_day",
    "case_manager",
    "clinicians",
    "clock",
    "code",
    "date",
    "date_forms",
    "decimal_hours",
    "dmy",
    "forms11",
    "hm",
    "hrs",
    "initials",
    "is_video",
    "length",
    "loose",
    "loose_range",
    "md_ordinal",
    "member_in",
    "member_out",
    "minutes_between",
    "note",
    "ordinal",
    "paginate",
    "pdf",
    "peers",
    "prime",
    "reason",
    "services",
    "staff_name",
    "variant",
    "wmd",
    "wrap",
    "written",
    "ymd8",
]


def hrs(t: dt.time) -> str:
    """A military clock with the suffix some systems print: "0900hrs"."""
    return f"{t:%H%M}hrs"


def dmy(d: dt.date) -> str:
    """ "03-Mar-2025"."""
    return f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}"


def ymd8(d: dt.date) -> str:
    """ "20250303"."""
    return f"{d:%Y%m%d}"


def md_ordinal(d: dt.date, year: bool = False) -> str:
    """ "March 3rd" or "March 3rd, 2025"."""
    out = f"{MONTHS[d.month - 1]} {ordinal(d.day)}"
    return f"{out}, {d.year}" if year else out


def wmd(d: dt.date) -> str:
    """ "Tue 3/4"."""
    return f"{WEEKDAYS[d.weekday()][:3]} {d.month}/{d.day}"


def prime(minutes: float) -> str:
    """A duration with a prime: "90'"."""
    return f"{int(minutes)}'"


def hm(minutes: float) -> str:
    """ "1h30m", "50m", "2h"."""
    h, m = divmod(int(minutes), 60)
    if not h:
        return f"{m}m"
    return f"{h}h" + (f"{m:02d}m" if m else "")


def decimal_hours(minutes: float) -> str | None:
    """Hours with at most two decimals when that is exact ("1.5", "1.25", "0.75"), else
    None (the writer then gives minutes rather than a rounded figure)."""
    if (int(minutes) * 100) % 60:
        return None
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


def length(minutes: float) -> str:
    """ "1.5 h" when exact in decimal hours, else "50 min"."""
    dec = decimal_hours(minutes)
    return f"{dec} h" if dec is not None else f"{int(minutes)} min"


def loose(t: dt.time) -> str:
    """How a coordinator types a clock in an e-mail: "9", "10:30", "1", "12:45"."""
    h12 = (t.hour % 12) or 12
    return f"{h12}" if t.minute == 0 else f"{h12}:{t.minute:02d}"


def loose_range(a: dt.time, b: dt.time) -> str:
    """ "9 to 10:30 am", "11:30 to 12:45 pm", "1 to 2:30 pm", "5:30 to 7 pm"; "noon" for
    12:00."""

    def one(t: dt.time) -> str:
        return "noon" if (t.hour, t.minute) == (12, 0) else loose(t)

    tail = "" if (b.hour, b.minute) == (12, 0) else (" pm" if b.hour >= 12 else " am")
    head = one(a)
    if a.hour < 12 <= b.hour and (b.hour, b.minute) != (12, 0) and a.hour != 12:
        head += " am"
    return f"{head} to {one(b)}{tail}"


def forms11(t: dt.time) -> set[str]:
    """Every spelling of a clock this group writes (for the tests)."""
    return {hrs(t), f"{t:%H%M}", loose(t), clock(t, "12"), clock(t, "12c"), clock(t, "24")}
