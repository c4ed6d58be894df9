"""Sign-in sheets: a table of the people who came to one service, inside that service's
record.

A group's sign-in sheet (or a virtual group's attendance log) heads one service with its
fields (the group, the date, the scheduled time, the facilitators) and lists the
participants in a table, a row each: a name (or a redaction of another client's name), the
times the person signed in and out, a status, the initials of the staff who checked them
in. Its rows are people, not services: only the member's row says anything of the member,
and it belongs to the sheet's record.

A table is a *roster table* when a column names people (its header is a member label:
"Participant", "Client", "Member"; or most of its cells are names written "Last, First"),
its rows name two or more different people (or others than the member: "[REDACTED]" on
every row), and no column gives a row a date or a service of its own (a log of several
clients' services is read as a log). The member's row is the
row whose person cell is the member's name (a member label of the document or of the
chart). Its slots, as cells of the sheet's record: the member's own time in and time out
(the clocks under the table's start and end columns, else its first and last columns of
clocks), and the status it states in words ("-- NO SHOW (no call) --" written across the
time columns, an attendance column) as its attendance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.layout import Layout, Row, Table
from extract.records.roster import LAST_FIRST
from extract.records.tables import columns
from extract.values import times
from extract.values.legend import chart_member_names, member_names
from extract.values.vocab import vocab
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


def _person_column(layout: Layout, table: Table, headers: tuple[str, ...]) -> int | None:
    v = vocab()
    text = layout.text
    for j, header in enumerate(headers):
        if norm(header.strip(" *:#")) in v.member_labels:
            return j
    for j in range(table.width):
        cells = [sp for row in table.rows if (sp := _span(row, j)) is not None]
        named = sum(1 for a, b in cells if _LAST_FIRST.fullmatch(text, a, b) is not None)
        if len(cells) >= 2 and 2 * named > len(cells):
            return j
    return None


def roster_table(layout: Layout, table: Table) -> RosterTable | None:
    """``table`` as a roster table (module docstring), or ``None`` when it is none."""
    if table.header is None or len(table.rows) < 2:
        return None
    cols = columns(layout, table)
    if set(cols.roles) & _OWN_SERVICE_ROLES or cols.grid_days:
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
        if (sp := _span(row, person)) is not None and norm(text[sp[0] : sp[1]].strip(" *")) in names
    ]
    if len(mine) != 1:
        # not on the sheet, or on it twice (which row is the member's is not known)
        return RosterTable(table, person, None, {})
    row = mine[0]
    return RosterTable(table, person, row, _member_cells(layout, table, row, person))


def _member_cells(layout: Layout, table: Table, row: Row, person: int) -> Cells:
    text = layout.text
    cols = columns(layout, table)
    v = vocab()
    out: Cells = {}
    clocks: list[tuple[int, int, str, str | None]] = []  # (start, end, header, role)
    worded: list[tuple[int, int, str]] = []
    for j in range(table.width):
        sp = _span(row, j)
        if sp is None or j == person:
            continue
        header = cols.headers[j] if j < len(cols.headers) else ""
        role = cols.roles[j] if j < len(cols.roles) else None
        c = [c for c in times.find_clock_times(text, sp[0], sp[1], loose=True) if c.form != "bare"]
        if len(c) == 1:
            clocks.append((c[0].start, c[0].end, header, role))
        elif (
            v.attendance_values.earliest(text, *sp) is not None
            or v.attendance_narrative.earliest(text, *sp) is not None
        ):
            worded.append((sp[0], sp[1], header))
    ins = [x for x in clocks if x[3] in ("start", "member_start")]
    outs = [x for x in clocks if x[3] in ("end", "member_end")]
    if not ins and not outs and len(clocks) >= 2:
        ins, outs = clocks[:1], clocks[-1:]  # "Joined  Left": its columns of clocks
    if ins:
        out["member_start"] = [ins[0][:3]]
    if outs:
        out["member_end"] = [outs[-1][:3]]
    if worded:
        out["attendance"] = worded[:1]
    return out


__all__ = ["RosterTable", "roster_table"]
