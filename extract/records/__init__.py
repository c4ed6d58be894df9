"""Service records: each document segmented into the records that document services.

:func:`service_records` reads a :class:`~extract.layout.Layout` (never the raw text) and
returns the records of its tables (a row per service, a marked grid cell per service and
day), of its running lists (a date-led line per service) and of its notes (a note per
dated header block, split into parts when it documents several services). Each record
names the rule that made it (``style``) and the words its date rests on (``anchor``);
the slot readers (:mod:`extract.readers`) then look for every other slot inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.layout import Layout
from extract.records.dates import DateHit, DateRole, date_hits
from extract.records.model import Anchor, RecordForm, ServiceRecord
from extract.records.segment import note_records, split_parts
from extract.records.tables import columns, is_schedule, row_records

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
    ``schedules``: lines of tables read as schedules (not services)."""

    layout: Layout
    records: tuple[ServiceRecord, ...]
    notes: tuple[ServiceRecord, ...]
    hits: tuple[DateHit, ...]
    schedule_lines: frozenset[int]
    preamble: tuple[int, int] | None


def service_records(layout: Layout) -> Records:
    hits = date_hits(layout)
    free = [i for i in range(len(layout.lines)) if not layout.in_table(i)]
    notes, preamble = note_records(layout, hits, free)
    out: list[ServiceRecord] = []
    hosting: set[int] = set()
    schedule: set[int] = set()
    for table in layout.tables:
        host = next(
            (
                n
                for n in notes
                if n.form is RecordForm.NOTE and n.first <= table.first_line <= n.last
            ),
            None,
        )
        if is_schedule(layout, table, columns(layout, table)):
            schedule.update(range(table.first_line, table.last_line + 1))
            continue
        rows = row_records(layout, table, host)
        if rows and host is not None:
            hosting.add(id(host))
        for row in rows:
            row.context = preamble
        out.extend(rows)
    for note in notes:
        if note.form is not RecordForm.NOTE:
            out.append(note)
            continue
        parts = split_parts(note)
        if parts:
            out.extend(parts)
        elif id(note) not in hosting:
            out.append(note)
    out.sort(key=lambda r: (r.start, r.first))
    return Records(
        layout=layout,
        records=tuple(out),
        notes=tuple(n for n in notes if n.form is RecordForm.NOTE),
        hits=tuple(hits),
        schedule_lines=frozenset(schedule),
        preamble=preamble,
    )
