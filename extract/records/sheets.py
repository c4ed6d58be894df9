"""Sign-in sheets: a table of the people who came to one service, inside that service's
record.

A group's sign-in sheet (or a virtual group's attendance log) heads one service with its
fields (the group, the date, the scheduled time, the facilitators) and lists the
participants in a table, a row each: a name (or a redaction of another client's name), the
times the person signed in and out, a status, the initials of the staff who checked them
in. Its rows are people, not services: only the member's row says anything of the member,
and it belongs to the sheet's record.

A table is a *roster table* when a column names people (its header is a member label:
"Participant", "Client", "Member", or a person column of ``services.yaml``: "Display
name", "Attendee"; or most of its cells are names written "Last, First"), its rows name two
or more different people (or others than the member: "[REDACTED]" on every row; under a
person column named by its header, one row of someone else: the host alone), and no column
gives a row a date or a service of its own (a log of several clients' services is read as
a log). Date-times under headers that name no date of service ("Joined 2025-04-16
00:23:15" beside "Display name") are when each person came, not a date of the row.

The member's row is the row whose person cell is the member's name (a member label of the
document or of the chart); a later row of the member's name with a note in parentheses
("Jane Doe (reconnected)") is the member again after a drop. Its slots, as cells of the
sheet's record: the member's own time in (of the first row) and time out (of the last):
the clocks under the table's start and end columns, else under the sheet's in and out
columns of ``services.yaml`` ("Admitted" before "Joined"; "Left"), else its first and last
columns of clocks; and the status it states in words ("-- NO SHOW (no call) --" written
across the time columns, an attendance column) as its attendance. A table whose times are
UTC (its caption or header says so, or its cells are stamped ``Z``/``UTC``) gives only
date-times, as ``member_start_utc`` / ``member_end_utc``: the slot reader converts them to
the local time of the zone the document states (:mod:`extract.values.zones`), or leaves
the member's times unread. A sheet that does not list the member is not the member's,
unless its record names the member outside the table ("Invited, did not join: Jane Doe").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.layout import Layout, Row, Table
from extract.records.roster import LAST_FIRST
from extract.records.tables import columns
from extract.values import times
from extract.values.dates import find_dates
from extract.values.legend import chart_member_names, member_names
from extract.values.vocab import vocab
from extract.values.zones import says_utc, utc_stamp
from extract.vocab.phrases import norm

_OWN_SERVICE_ROLES = frozenset({"date", "service", "code", "day"})
Cells = dict[str, list[tuple[int, int, str]]]
_LAST_FIRST = re.compile(LAST_FIRST)


@dataclass(frozen=True)
class RosterTable:
    """``table`` lists people in column ``person``; ``member`` is the member's row (its
    cells as the sheet's record reads them: ``cells``), ``None`` when the member is not
    on it."""

    table: Table
    person: int
    member: Row | None
    cells: Cells


def _span(row: Row, j: int) -> tuple[int, int] | None:
    if j >= len(row.cells) or not row.cells[j]:
        return None
    return row.cells[j][0].start, row.cells[j][-1].end


def _named_person_column(headers: tuple[str, ...]) -> int | None:
    """The column whose header names people: a member label ("Client") or a person column
    of the vocabulary ("Display name", "Attendee")."""
    v = vocab()
    keys = [norm(header.strip(" *:#")) for header in headers]
    for j, key in enumerate(keys):
        if key in v.member_labels or key in v.person_columns:
            return j
    if any(k in v.sheet_in_columns or k in v.sheet_out_columns for k in keys):
        # "Name | Sign In | Sign Out": a bare "Name" beside people's times in and out
        return next((j for j, key in enumerate(keys) if key == "name"), None)
    return None


def _person_column(layout: Layout, table: Table, headers: tuple[str, ...]) -> int | None:
    text = layout.text
    named = _named_person_column(headers)
    if named is not None:
        return named
    for j in range(table.width):
        cells = [sp for row in table.rows if (sp := _span(row, j)) is not None]
        named = sum(1 for a, b in cells if _LAST_FIRST.fullmatch(text, a, b) is not None)
        if len(cells) >= 2 and 2 * named > len(cells):
            return j
    return None


def roster_table(layout: Layout, table: Table) -> RosterTable | None:
    """``table`` as a roster table (module docstring), or ``None`` when it is none."""
    if table.header is None or not table.rows:
        return None
    cols = columns(layout, table)
    if len(table.rows) < 2 and _named_person_column(cols.headers) is None:
        return None  # one row under no person column: a record's own row
    own = set(cols.roles) & _OWN_SERVICE_ROLES
    if _days_of_rows(layout, table, cols.roles) > 1:
        return None  # "Check-in 03/03/2025 09:00" and "03/05/2025 09:00": a log, not a sheet
    if own == {"date"} and _stamps_of_people(cols.roles, cols.headers):
        own = set()  # "Joined 2025-04-16 00:23:15": when a person came, not a service's date
    if own or cols.grid_days:
        return None
    person = _person_column(layout, table, cols.headers)
    if person is None:
        return None
    text = layout.text
    people = {
        norm(text[sp[0] : sp[1]]) for row in table.rows if (sp := _span(row, person)) is not None
    }
    names = member_names(layout) | chart_member_names()
    if len(people) < 2 and not (names and not people & names):
        return None  # one person's rows (the member's own log), or whose is not known
    mine = [
        row
        for row in table.rows
        if (sp := _span(row, person)) is not None and _person(text, *sp) in names
    ]
    noted = [
        row
        for row in table.rows
        if (sp := _span(row, person)) is not None
        and _person(text, *sp) not in names
        and _person(text, *sp, noted=True) in names
    ]
    if len(mine) != 1:
        # not on the sheet, or on it twice (which row is the member's is not known)
        return RosterTable(table, person, None, {})
    row = mine[0]
    # "Jane Doe (reconnected)" after the member's row: the member again, after a drop; in
    # from the member's first row, out from the last
    rows = sorted([row, *noted], key=lambda r: r.lines[0])
    return RosterTable(table, person, row, _member_cells(layout, table, rows, person))


# a note in parentheses after a person's name ("Jane Doe (reconnected)"; cut short by a
# fixed-width column: "Jane Doe (reconnecte")
_NOTE_AFTER = re.compile(r"[ \t]*\([^()]*\)?[ \t]*$")


def _person(text: str, start: int, end: int, *, noted: bool = False) -> str:
    """The person a cell names, normalized; ``noted``: without a note in parentheses."""
    words = text[start:end].strip(" *")
    return norm(_NOTE_AFTER.sub("", words) if noted else words)


def names_member(layout: Layout, first: int, last: int, table: Table) -> bool:
    """Whether lines ``first``..``last`` outside ``table`` name the member (a member label
    of the document or of the chart): a record that lists who came to a service and says,
    outside the list, what the member did ("Invited, did not join: Jane Doe") is about the
    member even when the list does not name the member."""
    names = [n for n in member_names(layout) | chart_member_names() if n]
    if not names:
        return False
    text = layout.text
    for i in range(first, last + 1):
        if table.first_line <= i <= table.last_line:
            continue
        line = layout.lines[i]
        low = norm(text[line.cstart : line.cend])
        if any(n in low for n in names):
            return True
    return False


def _days_of_rows(layout: Layout, table: Table, roles: tuple[str | None, ...]) -> int:
    """How many different days the rows' date-times of arrival hold (a sheet of who came
    to one service holds one; a log of services, one a row, several)."""
    text = layout.text
    days = set()
    for j, role in enumerate(roles):
        if role not in ("member_start", "start"):
            continue
        for row in table.rows:
            sp = _span(row, j)
            d = next(find_dates(text, sp[0], sp[1]), None) if sp is not None else None
            if d is not None:
                days.add(d.date)
    return len(days)


def _stamps_of_people(roles: tuple[str | None, ...], headers: tuple[str, ...]) -> bool:
    """Whether a table's only dates are time stamps of the people it lists: its header
    names a person column ("Display name") and no header names a date of service (the
    date column was inferred from cells holding date-times, under "Joined", "Left")."""
    if _named_person_column(headers) is None:
        return False
    v = vocab()
    return not any(
        role == "date" and v.role_of(h) == "date" for role, h in zip(roles, headers, strict=False)
    )


def _member_cells(layout: Layout, table: Table, rows: list[Row], person: int) -> Cells:
    """The member's cells of ``rows`` (the member's row, and the rows of the member after
    a drop): the time in of the first row, the time out of the last, a status in words.
    In a table whose times are UTC (:func:`_in_utc`) only date-times are times, under the
    roles ``member_start_utc`` and ``member_end_utc`` (converted to the local time by the
    slot reader, or not read)."""
    text = layout.text
    cols = columns(layout, table)
    v = vocab()
    utc = _in_utc(layout, table)
    out: Cells = {}
    ins: list[tuple[int, int, str]] = []
    outs: list[tuple[int, int, str]] = []
    worded: list[tuple[int, int, str]] = []
    for k, row in enumerate(rows):
        clocks: list[tuple[int, int, str, str | None]] = []  # (start, end, header, role)
        for j in range(table.width):
            sp = _span(row, j)
            if sp is None or j == person:
                continue
            header = cols.headers[j] if j < len(cols.headers) else ""
            role = cols.roles[j] if j < len(cols.roles) else None
            clocked = times.find_clock_times(text, sp[0], sp[1], loose=True)
            found = [c for c in clocked if c.form != "bare"]
            if utc and next(find_dates(text, sp[0], sp[1]), None) is None:
                found = []  # "01:15:00" in a table of UTC date-times: a length, no time
            if len(found) == 1 or (utc and found):
                clocks.append((sp[0], sp[1], header, role))
            elif k == 0 and (
                v.attendance_values.earliest(text, *sp) is not None
                or v.attendance_narrative.earliest(text, *sp) is not None
            ):
                worded.append((sp[0], sp[1], header))
        row_ins = [x for x in clocks if x[3] in ("start", "member_start")]
        row_outs = [x for x in clocks if x[3] in ("end", "member_end")]
        if not row_ins and not row_outs:
            row_ins = _by_header(clocks, v.sheet_in_columns)
            row_outs = _by_header(clocks, v.sheet_out_columns)[::-1]  # preferred last
        if not row_ins and not row_outs and len(clocks) >= 2:
            row_ins, row_outs = clocks[:1], clocks[-1:]  # "Joined  Left": its columns of clocks
        if k == 0 and row_ins:
            ins = [row_ins[0][:3]]
        if row_outs:
            outs = [row_outs[-1][:3]]
    suffix = "_utc" if utc else ""
    if ins:
        out["member_start" + suffix] = ins
    if outs:
        out["member_end" + suffix] = outs
    if worded:
        out["attendance"] = worded[:1]
    return out


def _by_header(
    clocks: list[tuple[int, int, str, str | None]], headers: tuple[str, ...]
) -> list[tuple[int, int, str, str | None]]:
    """The cells of ``clocks`` under a header of ``headers``, in the order of ``headers``
    (a header listed first first)."""
    keyed = [(norm(_NOTE_AFTER.sub("", x[2]).strip(" *:")), x) for x in clocks]
    return [x for h, x in sorted(keyed, key=lambda hx: _rank(headers, hx[0])) if h in headers]


def _rank(headers: tuple[str, ...], header: str) -> int:
    return headers.index(header) if header in headers else len(headers)


def _in_utc(layout: Layout, table: Table) -> bool:
    """Whether the times of ``table`` are UTC: its header or the caption line right above
    it says so ("Participants (timestamps UTC):", "Joined (UTC)"), or a cell of its first
    row is a UTC stamp ("2025-04-16 00:23:15Z")."""
    text = layout.text
    first = layout.lines[table.first_line]
    if says_utc(text, first.cstart, first.cend):
        return True
    above = table.first_line - 1
    while above >= 0 and not layout.lines[above].is_text:
        above -= 1
    if above >= 0 and above >= table.first_line - 2:
        line = layout.lines[above]
        if says_utc(text, line.cstart, line.cend):
            return True
    row = table.rows[0]
    return any(
        utc_stamp(text, d.end, c.end) is not None
        for cells in row.cells
        for c in cells
        for d in find_dates(text, c.start, c.end)
    )


__all__ = ["RosterTable", "names_member", "roster_table"]
