"""The values a rule computed for a finding (``Finding.values``), in plain words for the
checklist: labels instead of keys, dates as the chart writes them, weeks numbered as the
checklist numbers them, lists of records as tables; the rules' own bookkeeping (which
spans decided a finding) left out. The record keeps the values as they are."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rules.checks.base import DECIDING_GROUPS_KEY, DECIDING_KEY
from workspace.plain import md_escape, status_label

# the rules' bookkeeping for the screen (workspace.deciding), not a value to read
HIDDEN = frozenset({DECIDING_KEY, DECIDING_GROUPS_KEY})

LABELS: dict[str, str] = {
    "admission_basis": "Admission date taken from",
    "age_at_admission": "Age at admission",
    "as_iop_services": "Billed as IOP services",
    "attended_counted_services": "Counted services attended",
    "counted_hours": "Counted hours",
    "counted_services": "Counted services",
    "days_after_initial_certification": "Days after the initial certification",
    "does_not_participate": "Not participating",
    "end": "End",
    "episode_end": "Episode end",
    "episode_end_basis": "Episode end taken from",
    "failing": "Goals not measurable or not time-framed",
    "from": "From",
    "hours_per_week": "Hours per week",
    "in_person_stated": "Services stated in person",
    "initial_certification": "Initial certification",
    "longest_block_hours": "Longest block (hours)",
    "min_weekly_hours": "Minimum hours per complete week",
    "max_share": "Largest share allowed",
    "min_impaired_domains": "Fewest impaired domains needed",
    "modality_not_stated": "Services without a stated modality",
    "non_active_hours": "Hours not active treatment",
    "non_active_sessions": "Services not active treatment",
    "service_days": "Days with services",
    "share": "Share of hours not active treatment",
    "signed_by": "Signed by",
    "stable_later": "Stable later",
    "start": "Start",
    "to": "To",
    "undated_recertifications": "Recertifications without a date",
    "unknown_length_services": "Services of unknown length",
    "unknown_length_sessions": "Services of unknown length",
    "unplaced_services": "Services without a time",
    "week": "Week",
    "week1_end": "End of week 1",
    "weeks": "Program weeks",
}
# shorter words for the columns of a table (a program week's "counted_hours": "Hours")
COLUMN_LABELS: dict[str, str] = {
    "counted_hours": "Hours",
    "counted_services": "Services",
    "unknown_length_services": "Length unknown",
    "service_days": "Days",
    "longest_block_hours": "Longest block (h)",
    "unplaced_services": "Without a time",
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_DATE_IN = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_US_DATE = re.compile(r"^\d\d/\d\d/\d{4}$")
_CODE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")  # a kind or code: "self_care"
_PERCENT = ("share", "max_share")


@dataclass(frozen=True)
class ComputedValue:
    """One value in words: ``text`` for a number, date, word or list of them; ``rows`` for
    a list of records (a program week, a certification), one table row each."""

    label: str
    text: str = ""
    rows: tuple[dict[str, str], ...] = ()


def label(key: str) -> str:
    """A value's key in words ("min_weekly_hours" -> "Minimum weekly hours")."""
    known = LABELS.get(key)
    if known:
        return known
    words = key.split("_")
    if words and words[0] in ("min", "max"):
        words[0] = "minimum" if words[0] == "min" else "maximum"
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:] if text else key


def _date(match: re.Match[str]) -> str:
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        return match.group(0)
    return f"{month}/{day}/{year}"


def _scalar(key: str, value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and key in _PERCENT:
        return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if key == "status":
        said = status_label(text)
        return said[:1].upper() + said[1:]
    if _ISO_DATE.match(text):
        return _ISO_DATE.sub(_date, text)
    if _CODE.match(text):
        return text.replace("_", " ")
    return _ISO_DATE_IN.sub(_date, text)


def _person(value: Mapping[str, Any]) -> str:
    """A signer ("Maria Chen, MD")."""
    credentials = [str(c) for c in value.get("credentials") or []]
    return ", ".join([str(value.get("name") or "someone"), *credentials])


def _inline(key: str, value: Any) -> str:
    """Any value on one line."""
    if isinstance(value, Mapping):
        if "name" in value:
            return _person(value)
        return "; ".join(
            f"{label(k).lower()} {_inline(k, v)}" for k, v in value.items() if k not in HIDDEN
        )
    if isinstance(value, list | tuple):
        if not value:
            return "none"
        joiner = "; " if any(isinstance(v, list | tuple | Mapping) for v in value) else ", "
        said = [_inline(key, v) for v in value]
        if all(isinstance(v, str) for v in value):  # "decompensation" once, not four times
            said = list(dict.fromkeys(said))
        return joiner.join(said)
    return _scalar(key, value)


def _span(start: str, end: str) -> str:
    """Two dates as one span, the year once when both share it ("03/03 – 03/09/2025")."""
    if start[-4:] == end[-4:] and _US_DATE.match(start) and _US_DATE.match(end):
        return f"{start[:5]} – {end}"
    return f"{start} – {end}"


def _row(item: Mapping[str, Any], keys: Sequence[str]) -> dict[str, str]:
    row: dict[str, str] = {}
    for k in keys:
        if k == "start" and "end" in keys:  # a week's first and last day: one column
            start, end = _inline("start", item.get("start")), _inline("end", item.get("end"))
            row["Dates"] = _span(start, end)
        elif k != "end" or "start" not in keys:
            row[COLUMN_LABELS.get(k) or label(k)] = _inline(k, item.get(k))
    return row


def _rows(items: Sequence[Mapping[str, Any]]) -> tuple[dict[str, str], ...]:
    keys: list[str] = []
    for item in items:
        keys.extend(k for k in item if k not in HIDDEN and k not in keys)
    return tuple(_row(item, keys) for item in items)


def computed_values(values: Mapping[str, Any]) -> list[ComputedValue]:
    """``values`` in words, in the rule's order, bookkeeping left out."""
    shown: list[ComputedValue] = []
    for key, value in values.items():
        if key in HIDDEN:
            continue
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            shown.append(ComputedValue(label(key), rows=_rows(value)))
        else:
            shown.append(ComputedValue(label(key), text=_inline(key, value)))
    return shown


def markdown_table(rows: Sequence[Mapping[str, str]]) -> str:
    """``rows`` as a Markdown table (cells escaped; long words wrap in a narrow panel)."""
    if not rows:
        return ""
    columns = list(rows[0])
    lines = [
        "| " + " | ".join(md_escape(c) for c in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    lines += ["| " + " | ".join(md_escape(r.get(c, "")) for c in columns) + " |" for r in rows]
    return "\n".join(lines)
