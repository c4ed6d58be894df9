"""Service records: each document segmented into the records that document services.

:func:`service_records` reads a :class:`~extract.layout.Layout` (never the raw text) and
returns the records of its tables (a row per service, a marked grid cell per service and
day), of its running lists (a date-led line per service), of its event log (the lines
that share an appointment's id: :mod:`extract.records.events`) and of its notes (a note
per dated header block, split into parts when it documents several services). Each record
names the rule that made it (``style``) and the words its date rests on (``anchor``);
the slot readers (:mod:`extract.readers`) then look for every other slot inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.layout import Layout, Row, Table
from extract.records.clients import client_rows
from extract.records.continued import join_continued
from extract.records.dates import DateHit, DateRole, date_hits
from extract.records.events import read_events
from extract.records.model import Anchor, RecordForm, ServiceRecord
from extract.records.roster import other_client_breaks
from extract.records.segment import header_start, menu_options, note_records, split_parts
from extract.records.sheets import names_member, roster_table
from extract.records.tables import columns, is_schedule, row_records, rows_apart
from extract.values import times
from extract.values.boxes import unread_boxes

__all__ = [
    "Anchor",
    "DateHit",
    "DateRole",
    "RecordForm",
    "Records",
    "ServiceRecord",
    "service_records",
]


@dataclass(frozen=True)
class Records:
    """The records of one document. ``notes`` holds every note (a note split into parts is
    the parts' ``parent``); ``records`` the ones that each document one service: rows, grid
    cells, entries, parts, and notes without parts or table rows of their own.
    ``schedules``: lines of tables read as schedules (not services); ``unreadable``: lines
    of records found and not read (a timeline's events of a service whose date could not be
    read; the member's row of a sign-in sheet in no record), for :mod:`extract.unread` to
    list."""

    layout: Layout
    records: tuple[ServiceRecord, ...]
    notes: tuple[ServiceRecord, ...]
    hits: tuple[DateHit, ...]
    schedule_lines: frozenset[int]
    preamble: tuple[int, int] | None
    unreadable: frozenset[int] = frozenset()


def service_records(layout: Layout) -> Records:
    hits = date_hits(layout)
    events, logged, unread_events = read_events(layout, hits)
    unreadable = set(unread_events)
    free = [i for i in range(len(layout.lines)) if not layout.in_table(i) and i not in logged]
    notes, preamble = note_records(layout, hits, free)
    if logged:
        for note in notes:
            _between_events(note, logged)
    out: list[ServiceRecord] = [*events]
    hosting: set[int] = set()
    off_sheet: set[int] = set()
    schedule: set[int] = set()
    heads = _note_heads(layout, hits, notes)
    for table in layout.tables:
        host = next(
            (
                n
                for n in notes
                if n.form is RecordForm.NOTE and n.first <= table.first_line <= n.last
            ),
            None,
        ) or heads.get(table.first_line)
        if is_schedule(layout, table, columns(layout, table)):
            schedule.update(range(table.first_line, table.last_line + 1))
            continue
        roster = roster_table(layout, table)
        if roster is not None:
            # a sign-in sheet's participants (:mod:`extract.records.sheets`): no row is a
            # service; the member's row is the sheet's record's, a sheet without it is not
            # the member's
            if host is not None and roster.member is None:
                if not names_member(layout, host.first, host.last, table):
                    off_sheet.add(id(host))
            elif host is not None:
                for role, cells in roster.cells.items():
                    host.roles.setdefault(role, []).extend(cells)
            elif roster.member is not None:
                unreadable.update(roster.member.lines)  # the member's row, in no record
            continue
        rows = [
            r for r in row_records(layout, table, host) if not any(i in logged for i in r.lines())
        ]  # an event log's lines printed in columns are its events, not rows
        # a row of a list of several clients' services whose client is not known: unread
        unknown = client_rows(layout).unknown
        unreadable.update(i for i in range(table.first_line, table.last_line + 1) if i in unknown)
        rows = [r for r in rows if not all(i in unknown for i in r.lines())]
        # rows whose service cannot be known (:func:`extract.records.tables.rows_apart`)
        unreadable.update(i for k in rows_apart(layout, table) for i in table.rows[k].lines)
        if rows and host is not None:
            hosting.add(id(host))
        for row in rows:
            row.context = preamble
        out.extend(rows)
    for row in _member_lines(layout, notes, heads):
        if row.parent is not None:
            hosting.add(id(row.parent))
        row.context = preamble
        out.append(row)
    for note in notes:
        if id(note) in off_sheet:
            continue
        if note.form is not RecordForm.NOTE:
            out.append(note)
            continue
        parts = split_parts(note)
        if parts:
            out.extend(parts)
        elif id(note) not in hosting:
            out.append(note)
            # a menu of billing codes whose marks are not known ("[/] 90853"): the note's
            # services are in it, unread (:func:`extract.records.segment.menu_options`)
            menu = {i for i, _, _, _ in menu_options(layout, note)}
            if any(
                unread_boxes(layout.text, layout.lines[i].cstart, layout.lines[i].cend)
                for i in menu
            ):
                unreadable.update(menu)
    others = other_client_breaks(layout)
    if others:
        # a report sorted by client: the other clients' lines document their services,
        # not the member's
        out = [r for r in out if not all(i in others for i in r.lines())]
    out.sort(key=lambda r: (r.start, r.first))
    out = join_continued(layout, out, notes)  # a record printed over a page break
    return Records(
        layout=layout,
        records=tuple(out),
        notes=tuple(n for n in notes if n.form is RecordForm.NOTE),
        hits=tuple(hits),
        schedule_lines=frozenset(schedule),
        preamble=preamble,
        unreadable=frozenset(unreadable),
    )


def _member_lines(
    layout: Layout, notes: list[ServiceRecord], heads: dict[int, ServiceRecord]
) -> list[ServiceRecord]:
    """The member's rows of a list of several clients' services that stand outside its
    tables (a day sheet's afternoon block of one or two rows, a late entry under the
    day's rows: too few lines to make a table): each line read as a one-row table of its
    cells, in the note it sits in."""
    mine = client_rows(layout).member
    text = layout.text
    out: list[ServiceRecord] = []
    for i in sorted(mine):
        line = layout.lines[i]
        if layout.in_table(i) or len(line.cells) < 3:
            continue
        if next(times.find_time_ranges(text, line.cstart, line.cend), None) is None:
            continue
        table = Table(
            i, i, line.splitter, None, None, (Row((i,), tuple((c,) for c in line.cells)),), ()
        )
        host = next(
            (n for n in notes if n.form is RecordForm.NOTE and n.first <= i <= n.last), None
        ) or heads.get(i)
        out.extend(row_records(layout, table, host))
    return out


def _between_events(note: ServiceRecord, logged: frozenset[int]) -> None:
    """Bound a note to the lines around its date that are no event log's (a closure line
    between a log's appointments is no note over the appointments after it)."""
    at = note.anchor_line
    after = next((i for i in range(at + 1, note.last + 1) if i in logged), None)
    if after is not None:
        note.last = after - 1
    before = next((i for i in range(at - 1, note.first - 1, -1) if i in logged), None)
    if before is not None:
        note.first = before + 1


def _note_heads(
    layout: Layout, hits: list[DateHit], notes: list[ServiceRecord]
) -> dict[int, ServiceRecord]:
    """Notes whose header is a one-row table ("Date of Service | Start | End | Service"
    over one row), in no note of their own: each note runs from the header lines above
    its table to the header lines of the next such table, so that the row reads the
    note's fields ("Attendance: No-show") and words. By the table's first line."""
    found: list[tuple[Table, DateHit]] = []
    for table in layout.tables:
        if len(table.rows) != 1 or table.header is None:
            continue
        if any(n.form is RecordForm.NOTE and n.first <= table.first_line <= n.last for n in notes):
            continue
        lines = set(table.rows[0].lines)
        roles = columns(layout, table).roles
        dated = [
            c
            for j, cells in enumerate(table.rows[0].cells)
            if j < len(roles) and roles[j] == "date"
            for c in cells
        ]  # under a date-of-service column, not a birth date
        hit = next(
            (
                h
                for h in hits
                if h.line in lines
                and h.role is DateRole.CELL
                and any(c.start <= h.start < c.end for c in dated)
            ),
            None,
        )
        if hit is not None:
            found.append((table, hit))
    out: dict[int, ServiceRecord] = {}
    starts = [header_start(layout, t.first_line) for t, _ in found]
    for k, (table, hit) in enumerate(found):
        last = starts[k + 1] - 1 if k + 1 < len(found) else len(layout.lines) - 1
        while last > table.last_line and not layout.lines[last].is_text:
            last -= 1
        out[table.first_line] = ServiceRecord(
            layout,
            RecordForm.NOTE,
            starts[k],
            last,
            Anchor.of(hit, "table-cell"),
            "note.table-head",
        )
    return out
