"""Records continued over a page break.

A records packet prints each day's notes under a running title that dates them ("PROGRESS
NOTES - Date of Service: 3-Mar-25"); a note that does not fit on its page ends there with
a continuation mark ("-- continued on next page --") and goes on after the next page's
running header, under the same title marked as continued ("... 3-Mar-25 (continued)").
Read apart, the first piece names the service and its start, the second its attendance: a
missed session would read as a session without a status, and the second piece as nothing.

A record whose own lines hold a continuation mark (``continued.yaml``) and the next note
whose dated title line is marked as continued, with the same date, are one record: the
record goes on with the note's lines after its title (up to the note's first part, when
the note goes on to document other services). With another date, no continued note after
it, or a heading right under the continued title (a record of its own begins the page:
the break fell between two records), nothing is joined, and the marked record is ``cut``:
what it does not state (its status, its end) is not known, never a whole record's default.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field

from core.data import Frozen
from core.errors import ExtractionError
from core.yamlio import load_model
from extract.layout import Layout
from extract.records.model import RecordForm, ServiceRecord
from extract.vocab.phrases import PhraseMap, words

VOCABULARY_PATH = Path(__file__).with_name("continued.yaml")
_NonEmpty = Annotated[list[str], Field(min_length=1)]


class Continuation(Frozen):
    marks: _NonEmpty
    titles: _NonEmpty


@cache
def _vocabulary(path: Path = VOCABULARY_PATH) -> tuple[PhraseMap[str], PhraseMap[str]]:
    v = load_model(path, Continuation, "continuation vocabulary", ExtractionError)
    return words(v.marks), words(v.titles)


def _marked(layout: Layout, rec: ServiceRecord) -> bool:
    marks, _ = _vocabulary()
    text = layout.text
    return any(
        marks.found(text, layout.lines[i].cstart, layout.lines[i].cend)
        for i in rec.lines()
        if layout.lines[i].is_text
    )


def _continued(layout: Layout, note: ServiceRecord) -> bool:
    _, titles = _vocabulary()
    line = layout.lines[note.anchor_line]
    return titles.found(layout.text, line.cstart, line.cend)


def join_continued(
    layout: Layout, records: list[ServiceRecord], notes: Sequence[ServiceRecord]
) -> list[ServiceRecord]:
    """``records`` (in text order) with each record continued over a page break joined
    with its continuation (module docstring); the continued note, when it documents
    nothing else, is dropped."""
    dropped: set[int] = set()
    for note in notes:
        if note.form is not RecordForm.NOTE or not _continued(layout, note):
            continue
        before = [
            r
            for r in records
            if r.last < note.anchor_line and id(r) not in dropped and r is not note
        ]
        if not before:
            continue
        rec = max(before, key=lambda r: r.last)
        if rec.anchor.date != note.anchor.date or not _marked(layout, rec):
            continue
        parts = [r for r in records if r.parent is note]
        stop = min((p.first for p in parts), default=note.last + 1)
        more = [i for i in range(note.anchor_line + 1, stop) if layout.lines[i].is_text]
        if not more or layout.headings[more[0]] is not None:
            continue  # nothing more, or a record of its own begins the page ("... NOTE")
        rec.joined = (*rec.lines(), *more)
        taken = set(more)
        for p in parts:
            p.shared = tuple(i for i in p.shared if i not in taken)
        if not parts:
            dropped.add(id(note))
    out = [r for r in records if id(r) not in dropped]
    marks, _ = _vocabulary()
    if marks.found(layout.text, 0, len(layout.text)):
        for r in out:
            if not r.joined and r.form in (RecordForm.NOTE, RecordForm.PART) and _marked(layout, r):
                r.cut = True
    return out


__all__ = ["join_continued"]
