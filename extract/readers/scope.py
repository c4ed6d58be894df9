"""Where a record's slots are read, nearest first, and what a reader returns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

from core.facts import NoteElement
from extract.layout import Field, Layout
from extract.layout.lines import Span
from extract.records import RecordForm, ServiceRecord
from extract.records.dates import page_stamps, signature_line
from extract.records.roster import (
    RosterLine,
    StatusList,
    about_others,
    other_client_breaks,
    roster_lines,
    status_lists,
)
from extract.values.legend import key_pairs
from extract.values.vocab import Vocab, vocab

T = TypeVar("T")

OWN = "own"
PARENT = "parent"
CONTEXT = "context"


@dataclass(frozen=True)
class Slot(Generic[T]):
    """A slot's value, the spans (offsets into the layout's text) that state it, and the
    reader (``how``) that read it."""

    value: T
    spans: tuple[tuple[int, int], ...]
    how: str


@dataclass
class Scope:
    """The places a record's slots may be read from.

    ``own``: the record's lines (a part's own lines; a row's lines); ``head``: its header
    block (from its first line to the line after its date); ``parent``: for a part or a
    row inside a note, the note's lines that are in no part and no table; ``context``: the
    document's preamble."""

    rec: ServiceRecord
    v: Vocab = field(default_factory=vocab)

    @property
    def layout(self) -> Layout:
        return self.rec.layout

    @property
    def text(self) -> str:
        return self.rec.layout.text

    @cached_property
    def own(self) -> list[int]:
        rec = self.rec
        if rec.form in (RecordForm.ROW, RecordForm.GRID) or rec.joined:
            return list(rec.lines())  # an event log's lines, even printed in columns
        return [i for i in rec.lines() if not rec.layout.in_table(i)]

    @cached_property
    def head(self) -> list[int]:
        """The header block: lines from the record's first through the anchor's line and
        the header lines (fields, headings) right after it, up to the member's words or
        the clinician's assessment ("S:", "Response:", "A:", "P:")."""
        rec = self.rec
        if rec.form in (RecordForm.ROW, RecordForm.GRID):
            return []
        lay = rec.layout
        if rec.joined:  # an event log's lines: those up to the one giving the date
            return [i for i in rec.joined if i <= rec.anchor_line]
        anchor = rec.anchor_line if rec.first <= rec.anchor_line <= rec.last else rec.first
        out = [i for i in range(rec.first, anchor + 1) if lay.lines[i].is_text]
        i = anchor + 1
        v = self.v
        while (
            i <= rec.last
            and lay.lines[i].is_text
            and (lay.fields_by_line[i] or lay.headings[i] is not None)
            and not any(
                f.key in v.header_ends_at or v.element_of(f.key) is NoteElement.RESPONSE
                for f in lay.fields_by_line[i][:1]
            )
        ):
            out.append(i)
            i += 1
        if rec.form is RecordForm.PART and rec.first not in out:
            out.insert(0, rec.first)
        return out

    @cached_property
    def parent(self) -> list[int]:
        """The note's lines this record shares: for a part, the note's lines in no part
        (for a part told inline, its note's lines before it); for a row, the note's lines
        outside tables."""
        p = self.rec.parent
        if p is None:
            return []
        lay = self.rec.layout
        if self.rec.form is RecordForm.PART:
            if self.rec.shared:
                return [i for i in self.rec.shared if not lay.in_table(i)]
            return [i for i in range(p.first, self.rec.first) if not lay.in_table(i)]
        # (never another client's lines of a report sorted by client)
        others = other_client_breaks(lay)
        return [i for i in range(p.first, p.last + 1) if not lay.in_table(i) and i not in others]

    @cached_property
    def context(self) -> list[int]:
        c = self.rec.context
        return [] if c is None else list(range(c[0], c[1] + 1))

    def lines(self, *where: str) -> Iterator[int]:
        for w in where:
            yield from {OWN: self.own, PARENT: self.parent, CONTEXT: self.context}[w]

    def fields(self, role: str, *where: str) -> Iterator[Field]:
        """Fields whose label names ``role``, in the places ``where`` (default: own)."""
        lay = self.layout
        others = self.others
        for i in self.lines(*(where or (OWN,))):
            if i in others:
                continue  # another client's line
            for f in lay.fields_by_line[i]:
                if not f.empty and self.v.role_of(f.label) == role:
                    if (
                        self.rec.span is not None
                        and self.rec.first <= i <= self.rec.last
                        and not (self.rec.span[0] <= f.start < self.rec.span[1])
                    ):
                        continue  # a field of the record's own lines outside its stretch
                    yield f

    def all_fields(self, *where: str) -> Iterator[Field]:
        lay = self.layout
        others = self.others
        for i in self.lines(*(where or (OWN,))):
            if i not in others:
                yield from lay.fields_by_line[i]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The record's own sentences (prose and field values), in its own lines; for an
        inline part, its own span."""
        rec = self.rec
        if rec.form in (RecordForm.ROW, RecordForm.GRID):
            return []
        own = set(self.own)
        out = []
        # an event log's lines are each their own: no sentence runs on into others' events
        spans = (
            [x for i in rec.joined for x in self.layout.sentences(i, i)]
            if rec.joined
            else self.layout.sentences(rec.first, rec.last)
        )
        for s, e in spans:
            if rec.span is not None:  # a part told inline: its own stretch of the text
                s, e = max(s, rec.span[0]), min(e, rec.span[1])
                if s >= e:
                    continue
            line = self.layout.line_at(s)
            if line in own and line not in self.others:
                out.append((s, e))
        return out

    @cached_property
    def others(self) -> frozenset[int]:
        """The record's roster lines about other people (:mod:`extract.records.roster`)
        and its page stamps (a fax banner on each page: :func:`page_stamps`): nothing on
        them is about the member's session."""
        return frozenset(
            set(self.rec.lines()) & (about_others(self.layout) | page_stamps(self.layout))
        )

    @cached_property
    def member_status_list(self) -> StatusList | None:
        """The status list in the record that names the member, if any."""
        lines = set(self.rec.lines())
        return next(
            (x for x in status_lists(self.layout) if x.member is not None and x.first in lines),
            None,
        )

    @cached_property
    def member_roster_line(self) -> RosterLine | None:
        """The member's own roster line in the record, if any."""
        found = roster_lines(self.layout)
        return next((found[i] for i in self.rec.lines() if i in found and found[i].member), None)

    @cached_property
    def current(self) -> list[tuple[int, int]]:
        """Sentences about this session: not about another day or a plan."""
        defined = key_pairs(self.layout)
        return [
            (s, e)
            for s, e in self.sentences
            if self.v.not_current.earliest(self.text, s, e) is None
            # a code key ("STATUS: P=present  NS=no show") defines words, says nothing
            and not any(s <= a < e for a in defined)
        ]

    def line_span(self, i: int) -> tuple[int, int]:
        line = self.layout.lines[i]
        if self.rec.span is not None:
            s, e = max(line.cstart, self.rec.span[0]), min(line.cend, self.rec.span[1])
            return (s, e) if s < e else (line.cstart, line.cstart)
        return line.cstart, line.cend

    def signature(self, i: int) -> bool:
        return signature_line(self.v, self.layout, i)


def unassigned_cells(sc: Scope) -> list[tuple[int, int]]:
    """The cells of a row record's row that no column role names (a headerless table's
    column of mixed remarks: "video", "dep 12:05p video")."""
    rec = sc.rec
    if rec.row is None:
        return []
    named = {(s, e) for cells in rec.roles.values() for s, e, _ in cells}
    out: list[tuple[int, int]] = []
    for col in rec.row.cells:
        if col and (col[0].start, col[-1].end) not in named:
            out.extend((c.start, c.end) for c in col)
    return out


def own_cells(sc: Scope) -> list[Span]:
    """The cells after the first of the record's own line (its first line, and the line
    where its span begins) when that line is split into cells outside a table."""
    rec, lay = sc.rec, sc.layout
    own = {rec.first} | ({lay.line_at(rec.span[0])} if rec.span is not None else set())
    out: list[Span] = []
    for i in sorted(own):
        line = lay.lines[i]
        if not lay.in_table(i) and len(line.cells) >= 2:
            out.extend(line.cells[1:])
    return out
