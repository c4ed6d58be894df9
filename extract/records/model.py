"""A service record: the part of a document that documents one service (or one note
documenting several), where the slot readers look for that service's date, times, kind,
attendance, modality, staff, group size and note elements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from extract.layout import Layout, Row, Table
from extract.records.dates import DateHit


class RecordForm(StrEnum):
    NOTE = "note"  # a note: header lines and narrative
    PART = "part"  # one of several services a note documents
    ENTRY = "entry"  # a date-led line of a running list
    ROW = "row"  # a table row
    GRID = "grid"  # a marked cell of an attendance grid (a row per service, a column per day)


@dataclass(frozen=True)
class Anchor:
    """The date of service of a record and the words that give it (``start``/``end``);
    ``how`` names the rule that found it ("dos-field", "heading", "date-led", "date-column",
    "grid-column", "note-above", "prose")."""

    date: dt.date
    start: int
    end: int
    how: str
    also: tuple[tuple[int, int], ...] = ()  # more words the date rests on ("Week of 10/6")

    @classmethod
    def of(cls, hit: DateHit, how: str) -> Anchor:
        return cls(hit.date, hit.start, hit.end, how)

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return ((self.start, self.end), *self.also)


@dataclass
class ServiceRecord:
    """Lines ``first``..``last`` of ``layout`` (for a row: its lines; for a part: its own
    lines, inside ``parent``). ``roles`` maps a column role to the row's cell spans;
    ``span``: a sub-line range for a part named inline ("Process group 9-10:30 and ...").
    ``style`` names the segmentation rule that made the record (its fact's ``source``)."""

    layout: Layout
    form: RecordForm
    first: int
    last: int
    anchor: Anchor
    style: str
    parent: ServiceRecord | None = None
    table: Table | None = None
    row: Row | None = None
    roles: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    span: tuple[int, int] | None = None
    grid_mark: tuple[int, int] | None = None  # the marked cell of a grid
    context: tuple[int, int] | None = None  # lines of the document's preamble
    billing: bool = False  # a claim or charge line: evidence of a service, not a session
    shared: tuple[int, ...] = ()  # a part's note's lines that are in no part
    # a session id the record names: a roster grid's column ("GS-26125"), or the row of a
    # table that defines the sessions such grids name (``definition``)
    key: str | None = None
    definition: bool = False
    # the record's own lines when they are not one stretch: an event log's lines that share
    # an appointment's id (:mod:`extract.records.events`), others' events between them
    joined: tuple[int, ...] = ()
    # the record says it goes on after a page break ("-- continued on next page --") and
    # no continuation of it was found: the slots it does not state are not known
    cut: bool = False
    # a part's lines after its own that close its note (under the last line of a time
    # record: the day's status, the form's signature): the note's, read with the part only
    # where nothing else says whose they are
    closing: tuple[int, ...] = ()

    @property
    def start(self) -> int:
        if self.span is not None:
            return self.span[0]
        return self.layout.lines[self.first].cstart

    @property
    def end(self) -> int:
        if self.span is not None:
            return self.span[1]
        return self.layout.lines[self.last].cend

    @property
    def anchor_line(self) -> int:
        return self.layout.line_at(self.anchor.start)

    def lines(self) -> Sequence[int]:
        """The record's lines: ``first``..``last``, or its ``joined`` lines only."""
        return self.joined or range(self.first, self.last + 1)

    def cells(self, role: str) -> list[tuple[int, int, str]]:
        """The row's cells of columns with ``role``: (start, end, header)."""
        return self.roles.get(role, [])

    def segments(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """The pieces of the row's cell ``start:end`` on each of the row's lines (a cell
        wrapped onto continuation lines: "Recovery Education" / "Group"), else the cell."""
        if self.row is not None:
            for spans in self.row.cells:
                if spans and spans[0].start == start and spans[-1].end == end:
                    return tuple((sp.start, sp.end) for sp in spans if sp.end > sp.start)
        return ((start, end),)
