"""The text of an iCalendar file (RFC 5545: a scheduler's "export calendar", ``.ics``) as
a calendar viewer lists it (see :mod:`ingest.formats`).

It is read by the standard, not by any one exporter's habits:

- content lines end with CRLF (or LF); a line that begins with a space or a tab continues
  the line above (folding: the line break and that one blank are removed, even inside a
  word or a UTF-8 character's neighbours);
- a line is ``NAME;PARAM=value;PARAM="quoted; value":value``; parameter values may be
  quoted (then ``;``, ``:`` and ``,`` are part of them) and use RFC 6868's ``^n``, ``^'``
  and ``^^``; a text value's escapes are decoded (``\\n`` a line break, ``\\,``, ``\\;``,
  ``\\\\``);
- ``BEGIN:``/``END:`` nest components; the text begins with the title "Calendar
  (iCalendar export)" (``ingest/kinds.yaml`` files it as an attendance record: a list of
  the appointments and their statuses), then the calendar's own properties as ``Name:
  value`` lines, each time zone it defines (``VTIMEZONE``) a ``Time zone: <TZID>`` line;
- the events (``VEVENT``; likewise to-dos and journal entries) are a table: one row per
  event, one tab-separated column per property, named as a viewer names it ("Start",
  "End", "Duration", "Summary", "Status", "Organizer", "Attendee"; an extension property
  ``X-EHR-VISIT-STATUS`` by its words as a key path, "EHR.VISIT.STATUS"); a property given several
  times (two ``ATTENDEE``) joins its values with `` / ``; identifiers and bookkeeping
  (``UID``, ``DTSTAMP``, ``SEQUENCE``, ``CREATED``, ``LAST-MODIFIED``) are left out, as a
  viewer hides them, and so are alarms (``VALARM``: reminders);
- a date-time reads as ISO 8601 with its seconds left out when zero: local to its
  ``TZID`` ("2025-03-17T09:30"), in UTC when it ends in ``Z`` ("2025-03-17T16:30Z",
  converted by the extractor only when the document states its zone), floating (no zone)
  as written; a date (``VALUE=DATE``, an all-day event) as a date alone ("2025-03-31"),
  never with a time; a duration as written (``PT1H30M``);
- a person (``ORGANIZER``, ``ATTENDEE``) is their common name (``CN``) or address, with
  their role and participation status when stated ("Rowan Holloway (REQ-PARTICIPANT,
  ACCEPTED)"); an attendee who chairs the event (``ROLE=CHAIR``: a co-facilitator) is in
  a "Chair" column, one who takes no part (``ROLE=NON-PARTICIPANT``: copied for
  information) in a "Non-participant" column, those who take part in "Attendee" (the
  attendees are listed as data only: which events are the member's, the extractor's one
  rule for lists of several people tells, :mod:`extract.records.clients`);
- a recurring event (``RRULE`` or ``RDATE``) is a schedule: its occurrences are planned,
  not recorded, and are never expanded; such events are a table of their own under the
  title "Recurring events (schedule)", so that no reader takes them for services. A
  changed occurrence (``RECURRENCE-ID``) is an event of its own.

A file that does not begin with ``BEGIN:VCALENDAR``, whose components do not nest, or that
holds a line that is not a content line, is not an iCalendar file: :func:`render_ics`
raises ``ValueError`` saying why (quoting nothing of the file). Time and memory are
linear in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.formats.text import tab_table, tidy

_NAME = re.compile(r"[A-Za-z0-9-]+")
_DATE_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)")
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MAX_DEPTH = 32

#: properties a viewer hides: identifiers, bookkeeping, the file's own header
_HIDDEN = frozenset(
    {
        "UID",
        "DTSTAMP",
        "SEQUENCE",
        "CREATED",
        "LAST-MODIFIED",
        "PRODID",
        "VERSION",
        "CALSCALE",
        "METHOD",
        "URL",
        "ATTACH",
        "GEO",
        "X-WR-RELCALID",
        "X-MICROSOFT-CDO-OWNERAPPTID",
    }
)
#: properties by the name a calendar viewer gives them
_LABELS = {
    "DTSTART": "Start",
    "DTEND": "End",
    "DUE": "Due",
    "DURATION": "Duration",
    "SUMMARY": "Summary",
    "DESCRIPTION": "Description",
    "LOCATION": "Location",
    "STATUS": "Status",
    "CATEGORIES": "Categories",
    "ORGANIZER": "Organizer",
    "ATTENDEE": "Attendee",
    "CONTACT": "Contact",
    "COMMENT": "Comment",
    "RESOURCES": "Resources",
    "CLASS": "Classification",
    "TRANSP": "Transparency",
    "PRIORITY": "Priority",
    "COMPLETED": "Completed",
    "RRULE": "Recurrence rule",
    "RDATE": "Recurrence dates",
    "EXDATE": "Exception dates",
    "RECURRENCE-ID": "Occurrence of",
    "X-WR-CALNAME": "Calendar name",
    "X-WR-CALDESC": "Calendar description",
    "X-WR-TIMEZONE": "Time zone",
}
#: properties whose value is a list of text values (commas separate them)
_TEXT_LISTS = frozenset({"CATEGORIES", "RESOURCES"})
#: properties whose value is not text (no backslash escapes)
_NOT_TEXT = frozenset({"RRULE", "EXDATE", "RDATE", "DURATION"})
#: components listed as tables of their own, by the title a viewer gives them
_ITEMS = {"VEVENT": "Events", "VTODO": "To-dos", "VJOURNAL": "Journal entries"}
#: components a viewer does not list (reminders; free/busy blocks)
_SKIPPED = frozenset({"VALARM", "VFREEBUSY"})
_RECURRING = frozenset({"RRULE", "RDATE"})
#: properties whose value is a date or a date-time (a bare date needs no ``VALUE=DATE``)
_WHEN = frozenset({"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "COMPLETED"})


#: the first line of a calendar's text
TITLE = "Calendar (iCalendar export)"


@dataclass
class _Property:
    name: str
    params: dict[str, str]
    value: str


@dataclass
class _Component:
    name: str
    properties: list[_Property] = field(default_factory=list)
    children: list[_Component] = field(default_factory=list)


def _unfold(text: str) -> list[str]:
    """The content lines of ``text`` (line endings normalized to ``\\n``), unfolded."""
    lines: list[str] = []
    for raw in text.split("\n"):
        raw = raw.removesuffix("\r")
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw)
    return lines


def _param_value(raw: str) -> str:
    """A parameter value: quotes off, RFC 6868's ``^n``, ``^'`` and ``^^`` decoded."""
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        raw = raw[1:-1]
    if "^" not in raw:
        return raw
    return re.sub(r"\^(.)", lambda m: {"n": "\n", "'": '"', "^": "^"}.get(m[1], m[0]), raw)


def _content_line(line: str, number: int) -> _Property:
    """``NAME;P=v;P="q":value`` split at the first colon outside quotes."""
    m = _NAME.match(line)
    if m is None:
        raise ValueError(f"line {number} is not a content line (NAME:value)")
    name = m.group(0).upper()
    params: dict[str, str] = {}
    i = m.end()
    while i < len(line) and line[i] == ";":
        eq = line.find("=", i + 1)
        if eq < 0:
            raise ValueError(f"line {number} has a parameter without a value")
        key = line[i + 1 : eq].upper()
        j = eq + 1
        start = j
        while j < len(line) and line[j] not in ";:":
            if line[j] == '"':
                close = line.find('"', j + 1)
                if close < 0:
                    raise ValueError(f"line {number} has an unclosed quoted parameter")
                j = close
            j += 1
        params[key] = _param_value(line[start:j])
        i = j
    if i >= len(line) or line[i] != ":":
        raise ValueError(f"line {number} is not a content line (NAME:value)")
    return _Property(name, params, line[i + 1 :])


def _parse(text: str) -> _Component:
    lines = _unfold(text)
    if not lines or lines[0].strip().upper() != "BEGIN:VCALENDAR":
        raise ValueError("an iCalendar file begins with BEGIN:VCALENDAR")
    stack: list[_Component] = []
    root: _Component | None = None
    for number, line in enumerate(lines, start=1):
        prop = _content_line(line, number)
        if prop.name == "BEGIN":
            if len(stack) >= _MAX_DEPTH:
                raise ValueError(f"components nest deeper than {_MAX_DEPTH} at line {number}")
            comp = _Component(prop.value.strip().upper())
            if stack:
                stack[-1].children.append(comp)
            elif root is None:
                root = comp
            else:
                raise ValueError(f"line {number} begins a component after the calendar ended")
            stack.append(comp)
        elif prop.name == "END":
            if not stack or stack[-1].name != prop.value.strip().upper():
                raise ValueError(f"line {number} ends a component that is not open")
            stack.pop()
        elif not stack:
            raise ValueError(f"line {number} is outside the calendar")
        else:
            stack[-1].properties.append(prop)
    if stack or root is None:
        raise ValueError("the calendar does not end (END:VCALENDAR is missing)")
    return root


def _text(value: str) -> str:
    """A text value with its escapes decoded, on one line (as a table cell holds it)."""
    out: list[str] = []
    i = 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append(" " if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(c)
        i += 1
    return " ".join("".join(out).split())


def _split_list(value: str) -> list[str]:
    """A list value split at its unescaped commas."""
    parts: list[str] = []
    start = i = 0
    while i < len(value):
        if value[i] == "\\":
            i += 2
            continue
        if value[i] == ",":
            parts.append(value[start:i])
            start = i + 1
        i += 1
    parts.append(value[start:])
    return parts


def _when(value: str, params: dict[str, str], *, dated: bool = False) -> str | None:
    """A date or date-time value as ISO 8601 (module docstring); ``None`` when it is not
    one (a bare date only with ``VALUE=DATE`` or when the property is ``dated``)."""
    m = _DATE_TIME.fullmatch(value.strip())
    if m is not None and params.get("VALUE", "DATE-TIME").upper() == "DATE-TIME":
        y, mo, d, h, mi, s, z = m.groups()
        return f"{y}-{mo}-{d}T{h}:{mi}" + ("" if s == "00" else f":{s}") + z
    m = _DATE.fullmatch(value.strip())
    if m is not None and (dated or params.get("VALUE", "").upper() == "DATE"):
        return "-".join(m.groups())
    return None


def _person(prop: _Property) -> str:
    who = prop.params.get("CN") or prop.value.strip()
    if who.lower().startswith("mailto:"):
        who = who[7:]
    said = [prop.params[k] for k in ("ROLE", "PARTSTAT") if prop.params.get(k)]
    return " ".join(who.split()) + (f" ({', '.join(said)})" if said else "")


def _value(prop: _Property) -> str:
    """A property's value as a viewer shows it."""
    if prop.name in ("ORGANIZER", "ATTENDEE"):
        return _person(prop)
    if prop.name in _TEXT_LISTS:
        return ", ".join(t for t in (_text(v) for v in _split_list(prop.value)) if t)
    if prop.name in _NOT_TEXT or prop.params.get("VALUE", "").upper() in ("DATE", "DATE-TIME"):
        pieces = prop.value.split(",")
        whens = [_when(p, prop.params, dated=prop.name in _WHEN) for p in pieces]
        if all(w is not None for w in whens):
            return ", ".join(w for w in whens if w is not None)
        return " ".join(prop.value.split())
    when = _when(prop.value, prop.params, dated=prop.name in _WHEN)
    return when if when is not None else _text(prop.value)


def _label(name: str) -> str:
    """The name a viewer gives a property: "Start" for DTSTART; an extension by its words
    as a key path, its vendor's first ("X-EHR-VISIT-STATUS": "EHR.VISIT.STATUS")."""
    if name in _LABELS:
        return _LABELS[name]
    return ".".join(w for w in name.removeprefix("X-").split("-") if w)


def _column(prop: _Property) -> str:
    """The column of ``prop``: an attendee who chairs the event, or takes no part in it,
    apart from those who take part ("Chair", "Non-participant", "Attendee")."""
    if prop.name == "ATTENDEE":
        role = prop.params.get("ROLE", "").upper()
        if role == "CHAIR":
            return "Chair"
        if role == "NON-PARTICIPANT":
            return "Non-participant"
    return _label(prop.name)


def _row(comp: _Component) -> dict[str, str]:
    row: dict[str, list[str]] = {}
    for prop in comp.properties:
        if prop.name in _HIDDEN:
            continue
        text = _value(prop)
        if text:
            values = row.setdefault(_column(prop), [])
            if text not in values:
                values.append(text)
    return {k: " / ".join(v) for k, v in row.items()}


def _calendar_lines(comp: _Component, out: list[str], depth: int = 0) -> None:
    """The calendar's own properties as ``Name: value`` lines, its time zones' names."""
    for prop in comp.properties:
        if prop.name not in _HIDDEN:
            text = _value(prop)
            if text:
                out.append(f"{_label(prop.name)}: {text}")
    for child in comp.children:
        if child.name == "VTIMEZONE":
            tzid = next((p.value.strip() for p in child.properties if p.name == "TZID"), "")
            if tzid and f"Time zone: {tzid}" not in out:
                out.append(f"Time zone: {tzid}")


def _items(comp: _Component, found: dict[str, list[_Component]], depth: int = 0) -> None:
    """The events (to-dos, journal entries) under ``comp``, in order, by table title."""
    for child in comp.children:
        if child.name in _SKIPPED or child.name == "VTIMEZONE":
            continue
        if child.name in _ITEMS:
            recurring = any(p.name in _RECURRING for p in child.properties)
            title = "Recurring events (schedule)" if recurring else _ITEMS[child.name]
            found.setdefault(title, []).append(child)
        elif depth < _MAX_DEPTH:
            _items(child, found, depth + 1)


def render_ics(data: str) -> str:
    """The viewed text of the iCalendar file ``data`` (module docstring); raises
    ``ValueError`` when it is not one."""
    root = _parse(data)
    if root.name != "VCALENDAR":
        raise ValueError("an iCalendar file begins with BEGIN:VCALENDAR")
    out: list[str] = [TITLE]
    _calendar_lines(root, out)
    found: dict[str, list[_Component]] = {}
    _items(root, found)
    for title in sorted(found, key=lambda t: t.startswith("Recurring")):
        table = tab_table([_row(c) for c in found[title]])
        if table:
            out.extend(["", title, *table, ""])
    return tidy("\n".join(out))
