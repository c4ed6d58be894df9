"""Text printed in two (or more) columns side by side: each column read as its own lines.

A two-up printout converted to text (a PDF's text layer, a fax of two notes per page, a
"Subjective | Objective" pane) prints on each line the left column's words, a gutter of
blanks, then the right column's words. Read line by line, the fields, times and sentences
of two different notes run together.

A *column region* is a run of consecutive lines that share a gutter: a column of at least
:data:`GUTTER` blanks ending at one character position ``split`` (relative to each line's
start) on every line of the run, with the right column's text beginning right at
``split`` on many lines. Lines where one side is empty, ragged right edges and blank lines
belong to the region; a line with a word across the gutter (a page header or footer that
spans the whole width), a rule across it, a tab or a page break ends it.

A region is two text columns, not a table or a form, only when it reads as running text
on both sides: at least :data:`MIN_ANCHORED` lines with text on both sides start the right
text at ``split`` (a left-aligned column), one of them holds several lower-case words on
each side, sentences run on from a line to the next inside each column (a line ending in a
word or a comma, the next beginning in lower case: :data:`MIN_WRAPS` in all, one on each
side at least), few left sides hold a wide gap of their own (a table's columns), few left sides
are a label alone (``Name:        John``), and the region crosses no table with a header
row (:mod:`extract.layout.tables` wins there: a table's cells stand in rows). A wide-spaced
form, a question/answer block or a table of short cells has no text running on in both
columns and is never split.

Each line of a region gives two *segments*: ``text[start:start + split]`` and
``text[start + split:end]``, slices of the line in the page's one coordinate space
(nothing copied or re-based), classified like any line (:func:`classify`). The reading
order puts the left column's segments top to bottom, then the right column's; a column
is searched again for columns of its own (three columns are two splits). Linear in the
document's size: each line is looked at once per open candidate gutter, and the
candidates are the few positions where a wide gap ends on recent lines.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from extract.layout.lines import Line, LineKind, classify

GUTTER = 3  # blanks a gutter holds on every line, at least
MIN_ANCHORED = 3  # lines with text on both sides, the right side starting at the split
MIN_WRAPS = 3  # sentences running on from a line to the next inside a column, at least
_MAX_OPEN = 8  # candidate gutters followed at once
_MAX_DEPTH = 3  # a column searched again for columns of its own, at most this deep
_MIN_COLUMN = 12  # characters a column spans, at least

_GAP = re.compile(r"[ \u00a0]{3,}")
# a right column's sentence running on: lower case after a gutter (or an indent as wide);
# three spaces written out: a literal prefix is searched much faster than a class
_RIGHT_RUNS_ON = re.compile(r"   [a-z]")


def _runs_on_right(text: str, start: int, end: int) -> bool:
    return (
        _RIGHT_RUNS_ON.search(text, start, end) is not None or text.find("\u00a0", start, end) != -1
    )


_LOWER_WORD = re.compile(r"(?<![A-Za-z0-9])[a-z][a-z'’\-]+\b")
_LABEL_ONLY = re.compile(r"[A-Za-z#][^:]{0,40}:")


@dataclass(frozen=True, slots=True)
class Region:
    """Lines ``first``..``last`` (positions in the sequence searched) printed in columns
    split at ``split`` characters into each line."""

    first: int
    last: int
    split: int


@dataclass(frozen=True, slots=True)
class Column:
    """Lines ``first``..``last`` of the layout (in reading order) are one column: each a
    segment of a printed line starting ``left`` characters into it."""

    first: int
    last: int
    left: int


@dataclass
class _Run:
    split: int
    first: int
    anchored: int = 0
    two_sided: int = 0
    left_wraps: int = 0  # sentences running on from a line to the next, per side
    right_wraps: int = 0
    left_end: str = ""  # how the last line's sides end ("": no text, or a blank between)
    right_end: str = ""
    lines: list[int] = field(default_factory=list)  # the compatible text lines


def _compatible(text: str, line: Line, split: int, tabbed: bool) -> bool:
    """Whether ``line`` leaves the gutter ending at ``split`` blank (a line with a tab has
    no columns one can count)."""
    if line.kind is LineKind.BLANK:
        return True
    if line.kind is LineKind.PAGE_BREAK or tabbed:
        return False
    lo = line.start + split - GUTTER
    if line.cend <= lo:
        return True  # the left side only
    if line.start + split > line.end:
        return False
    return not text[max(lo, line.start) : line.start + split].strip(_BLANKS)


_BLANKS = " \u00a0"
_RUNS_ON = frozenset("abcdefghijklmnopqrstuvwxyz,")


def _sides(text: str, line: Line, split: int) -> tuple[int, int, int]:
    """Where the left side ends and the right side begins and ends (``start + split``)."""
    cut = line.start + split
    left_end = min(line.cend, cut - GUTTER)
    left_end = line.cstart + len(text[line.cstart : left_end].rstrip(_BLANKS))
    return left_end, max(line.cstart, cut), line.cend


def _count(text: str, line: Line, run: _Run, previous: int) -> None:
    """Count a compatible line that is not blank: its sides, and the sentences that run on
    into them from the line above (ending in a word or a comma; beginning in lower case)."""
    if run.lines and run.lines[-1] != previous:
        run.left_end = run.right_end = ""  # a blank line between: nothing runs on
    run.lines.append(line.index)
    if line.kind is not LineKind.TEXT:
        run.left_end = run.right_end = ""
        return
    left_end, right_start, right_end = _sides(text, line, run.split)
    if line.cstart < left_end:
        if run.left_end in _RUNS_ON and text[line.cstart].islower():
            run.left_wraps += 1
        run.left_end = text[left_end - 1]
    else:
        run.left_end = ""
    if right_start < right_end:
        if run.right_end in _RUNS_ON and text[right_start].islower():
            run.right_wraps += 1
        run.right_end = text[right_end - 1]
    else:
        run.right_end = ""
    if line.cstart < left_end and right_start < right_end:
        run.two_sided += 1
        if text[line.start + run.split] not in _BLANKS:
            run.anchored += 1


def _prose(text: str, start: int, end: int) -> bool:
    """Several lower-case words: a sentence's words, not a label, a value or a name."""
    words = _LOWER_WORD.finditer(text, start, end)
    return sum(1 for _ in itertools.islice(words, 3)) >= 3


def _anchors(text: str, line: Line) -> list[int]:
    """Where a wide gap inside the line's content ends (relative to the line's start)."""
    if line.kind is not LineKind.TEXT or len(line.cells) < 2:
        return []
    return [m.end() - line.start for m in _GAP.finditer(text, line.cstart, line.cend)]


def _trimmed(run: _Run, base: int) -> tuple[int, int] | None:
    """The run without blank lines at its ends and without a lone line set off by a blank
    line at either end (a header or footer whose words happen to leave the gutter blank),
    as positions in the sequence searched (``base``: the index of its first line)."""
    texts = run.lines
    if len(texts) < 2:
        return None
    first, last = texts[0], texts[-1]
    if texts[1] - texts[0] > 1:
        first = texts[1]
    if texts[-1] - texts[-2] > 1:
        last = texts[-2]
    return (first - base, last - base) if first < last else None


def _accepted(text: str, lines: Sequence[Line], run: _Run, base: int) -> bool:
    """The module docstring's tests; the counts kept while reading first, then the words
    of the run's two-sided lines (read again only for a run that passed those)."""
    if not (
        run.anchored >= MIN_ANCHORED
        and run.anchored * 2 >= run.two_sided
        and min(run.left_wraps, run.right_wraps) >= 1
        and run.left_wraps + run.right_wraps >= MIN_WRAPS
    ):
        return False
    prose = further = labels = 0
    for index in run.lines:
        line = lines[index - base]
        if line.kind is not LineKind.TEXT:
            continue
        left_end, right_start, right_end = _sides(text, line, run.split)
        if not (line.cstart < left_end and right_start < right_end):
            continue
        if _prose(text, line.cstart, left_end) and _prose(text, right_start, right_end):
            prose += 1
        if _LABEL_ONLY.fullmatch(text, line.cstart, left_end):
            labels += 1
        if _GAP.search(text, line.cstart, left_end):
            further += 1  # the right side may hold more columns: it is searched again
    return prose >= 1 and further * 3 <= run.two_sided and labels * 3 <= run.two_sided


def find_regions(text: str, lines: Sequence[Line]) -> list[Region]:
    """The column regions of ``lines`` (a document's lines, or one column's segments: the
    positions returned are into ``lines``), in order, none overlapping."""
    if not lines or not _runs_on_right(text, lines[0].start, lines[-1].end):
        return []  # no line's right side begins in lower case: nothing runs on there
    base = lines[0].index
    runs: dict[int, _Run] = {}
    found: list[tuple[_Run, tuple[int, int]]] = []

    def close(run: _Run) -> None:
        if not _accepted(text, lines, run, base):
            return
        span = _trimmed(run, base)
        if span is not None:
            found.append((run, span))

    previous = -1
    for line in lines:
        if runs:
            tabbed = text.find("\t", line.start, line.end) != -1
            for split, run in list(runs.items()):
                if _compatible(text, line, split, tabbed):
                    if line.kind is not LineKind.BLANK:
                        _count(text, line, run, previous)
                else:
                    close(run)
                    del runs[split]
        if line.kind is LineKind.TEXT and len(line.cells) >= 2:
            for split in _anchors(text, line):
                if split in runs or split < _MIN_COLUMN or line.start + split >= line.cend:
                    continue
                if len(runs) >= _MAX_OPEN:
                    oldest = min(runs, key=lambda s: runs[s].first)
                    close(runs.pop(oldest))
                run = _Run(split, line.index)
                _count(text, line, run, previous)
                runs[split] = run
        previous = line.index
    for run in runs.values():
        close(run)
    # overlapping regions (a three-column page has a gutter per column): the earliest
    # first, then the longest, then the leftmost split; a column is searched again
    found.sort(key=lambda f: (f[1][0], -(f[1][1] - f[1][0]), f[0].split))
    out: list[Region] = []
    for run, (first, last) in found:
        if out and first <= out[-1].last:
            continue
        out.append(Region(first, last, run.split))
    return out


def _segment(text: str, line: Line, start: int, end: int) -> Line:
    """``line`` from ``start`` to ``end`` (cut at the line's end: a short line's right
    segment is empty, at its end)."""
    start = min(start, line.end)
    return classify(text, 0, start, max(start, min(end, line.end)))


def reading_order(
    text: str,
    lines: Sequence[Line],
    keep: Callable[[Region], bool] = lambda _: True,
) -> tuple[tuple[Line, ...], tuple[Column, ...]]:
    """``lines`` in reading order: each column region's left segments, then its right
    segments (each column searched again for columns), every other line as it is; each
    line's ``index`` is its position. With the columns, by their first and last line.
    ``keep`` may refuse a region (one that crosses a table). Returns ``lines`` itself when
    no region is kept."""
    out: list[Line] = []
    columns: list[Column] = []
    if not _split_into(text, list(lines), 0, 0, keep, out, columns):
        return tuple(lines), ()
    indexed = tuple(_reindexed(line, i) for i, line in enumerate(out))
    return indexed, tuple(columns)


def _reindexed(line: Line, index: int) -> Line:
    if line.index == index:
        return line
    return Line(
        index,
        line.start,
        line.end,
        line.cstart,
        line.cend,
        line.kind,
        line.splitter,
        line.cells,
    )


def _split_into(
    text: str,
    lines: list[Line],
    left: int,
    depth: int,
    keep: Callable[[Region], bool],
    out: list[Line],
    columns: list[Column],
) -> bool:
    """Append ``lines`` in reading order to ``out``; whether any region was split. The
    lines' ``index`` must be their positions in ``lines`` plus that of the first."""
    regions = [r for r in find_regions(text, lines) if depth > 0 or keep(r)]
    if not regions:
        out.extend(lines)
        return False
    pos = 0
    for region in regions:
        out.extend(lines[pos : region.first])
        block = lines[region.first : region.last + 1]
        for side in (0, 1):
            segments = [
                _segment(text, ln, ln.start, ln.start + region.split)
                if side == 0
                else _segment(text, ln, ln.start + region.split, ln.end)
                for ln in block
            ]
            segments = [_reindexed(s, k) for k, s in enumerate(segments)]
            begin = len(out)
            edge = left + (region.split if side else 0)
            nested = depth + 1 < _MAX_DEPTH and _split_into(
                text, segments, edge, depth + 1, keep, out, columns
            )
            if not nested:
                if depth + 1 >= _MAX_DEPTH:
                    out.extend(segments)
                columns.append(Column(begin, len(out) - 1, edge))
        pos = region.last + 1
    out.extend(lines[pos:])
    return True


__all__ = ["GUTTER", "Column", "Region", "find_regions", "reading_order"]
