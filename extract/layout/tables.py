"""Tables: runs of lines whose cells line up, with an optional header row.

Layouts read: Markdown and pipe tables (with or without a ``|---|`` row, with or without a
header), tab-separated and comma/semicolon-separated lines, and fixed-width columns (cells
apart by two or more blanks, columns placed by the header's cell positions, or by the
widest row's when there is no header). A table may run across a page break, and the lines
a print-out repeats at the top of each page (the header row again, a running title, "Page 2
of 3") are skipped inside it. A fixed-width line whose first column is empty continues the
row above (a wrapped comment). A line of ``Label: value`` fields is a form, not a row, and
so is a line of check-box options ("☒ Group Psychotherapy   ☐ Psychoeducation").

A header may be stacked: lines right above a fixed-width header whose cells all stand
over its columns ("Mon / 04/28 / 09:00- / 10:00" over "IPG") are more rows of that
header, not a table of their own; the column's header text is all of them, top to bottom.

A header may name days instead of fields: a first row of three or more days ("Mon 11/17",
"11/17/2025") beside names ("Service", "Total (min)"), over rows with no day in those
columns, heads a grid whose dates run across. Right-aligned columns ("MON" over "60" and
"CLOSED", all ending where "MON" ends) take their cells by where they end, and a row
whose cells end under the header's ("Family Session (min) ... 50", after a row of other
columns) stays in the table.

The layout does not decide what a column means; readers map header names to roles.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.layout.lines import BAR, Line, LineKind, Span, Splitter
from extract.vocab.phrases import norm

_DATA_LIKE = re.compile(r"\d[/:.\-–]\d|\d{3,}|^\d+$")
_FIELD_CELL = re.compile(
    r"(?:\*\*)?[A-Za-z#][A-Za-z0-9 /#().'&\-]{0,40}(?:\*\*)?[ \t]*:(?:[ \t]|$)"
)
# a box (ticked, blank, or with a mark of unknown meaning: "[/]") and its option: words, or
# a billing code (CPT "90853", HCPCS "H2027") that a code menu prints before its words
# ("[X] 90853  Group psychotherapy  [ ] 90834  ...")
_BOX_OPTION = re.compile(
    r"(?:\[[ \t]{0,2}[^\s\[\]]?[ \t]{0,2}\]|[☐☒☑□■])[ \t]*"
    r"(?:[A-Za-z]|(?:\d{5}|[A-Z]\d{4}|\d{4}[A-Z])\b)"
)
_LEADING_DATA = re.compile(r"\d{1,4}[/.\-]\d")  # a row that begins with a date
_ANY: frozenset[str] = frozenset()
_MAX_FURNITURE = 3  # lines a page top may hold between two rows of one table
_MAX_QUOTED_LINES = 12  # lines one quoted cell of a delimited row may run over
# a heading set between rules of its own ("=== Week of 09/08/2025 ===="): a new section,
# not a page top's furniture, even when each section repeats it with other numbers
_DECORATED = re.compile(r"[=\-*#~]{3,}[ \t]*\S.*?[ \t]*[=\-*#~]{3,}[ \t]*$")


@dataclass(frozen=True, slots=True)
class Row:
    """One row: ``cells[j]`` holds the spans of column ``j`` (several when the row wraps
    onto continuation lines, none when the cell is empty)."""

    lines: tuple[int, ...]
    cells: tuple[tuple[Span, ...], ...]

    @property
    def line(self) -> int:
        return self.lines[0]


@dataclass(frozen=True, slots=True)
class Table:
    first_line: int
    last_line: int
    splitter: Splitter | str  # a Splitter, or "comma" / "semicolon"
    header: tuple[Span | None, ...] | None
    header_line: int | None
    rows: tuple[Row, ...]
    skipped: tuple[int, ...]  # lines inside the table that are not rows
    # a stacked header: for each column, the cells of the header lines above its header
    stacked: tuple[tuple[Span, ...], ...] = ()

    @property
    def width(self) -> int:
        if self.header is not None:
            return len(self.header)
        return max((len(r.cells) for r in self.rows), default=0)

    def header_text(self, text: str, column: int) -> str:
        if self.header is None or column >= len(self.header):
            return ""
        span = self.header[column]
        own = "" if span is None else text[span.start : span.end]
        above = self.stacked[column] if column < len(self.stacked) else ()
        return " ".join([*(text[a.start : a.end] for a in above), own]).strip()

    def header_spans(self, column: int) -> tuple[Span, ...]:
        """The spans of column ``column``'s header, stacked lines first."""
        above = self.stacked[column] if column < len(self.stacked) else ()
        span = self.header[column] if self.header is not None else None
        return (*above, *((span,) if span is not None else ()))


def _data_like(text: str, span: Span) -> bool:
    return _DATA_LIKE.search(text, span.start, span.end) is not None


def _form_line(text: str, line: Line) -> bool:
    """Half or more of its cells are ``Label: value`` fields."""
    fields = sum(1 for c in line.cells if _FIELD_CELL.match(text, c.start, c.end))
    return fields * 2 >= len(line.cells) and fields > 0


def _row_cells(line: Line) -> tuple[Span, ...]:
    return line.cells


def _headerish(text: str, cells: Sequence[Span], known: frozenset[str]) -> bool:
    """Cells that name columns: none looks like data, and half of them are known labels,
    or every one is a short capitalized name."""
    present = [c for c in cells if c.end > c.start]
    if len(present) < 2 or any(_data_like(text, c) for c in present):
        return False
    names = [text[c.start : c.end].strip("*_ ") for c in present]
    if sum(1 for n in names if norm(n) in known) * 2 >= len(names):
        return True
    exported = [n for n in names if _EXPORT_NAME.fullmatch(n)]
    if (
        exported
        and any("_" in n or "." in n or _CAMEL_HUMP.search(n) for n in exported)
        and all(
            _EXPORT_NAME.fullmatch(n) or (0 < len(n.split()) <= 4 and n[0].isupper()) for n in names
        )
    ):
        # an export's column names: "appt_id", "start_ts", "personId", "period.start",
        # beside an observation's name ("Attendance status")
        return True
    return all(0 < len(n.split()) <= 4 and (n[0].isupper() or n[0] in "#(") for n in names if n)


# a column headed by a day: "Mon 11/17", "Tue 10/14/2025", "11/17/2025", "2025-11-17"
_DAY_HEAD = re.compile(
    r"[ \t]*(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?[ \t]+)?"
    r"(?:\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2}(?:\d{2})?)?|\d{4}-\d{2}-\d{2})[ \t]*",
    re.IGNORECASE,
)
_MIN_DAY_HEADS = 3


def _dated_header(
    text: str, cells: Sequence[Span], below: Sequence[tuple[int, tuple[Span, ...]]]
) -> bool:
    """A header row whose columns are days ("Service, Group Time, Mon 11/17, Tue 11/18, Wed
    11/19, Total (min)"): three or more cells each a day, the others names (no data), at
    least one of them; the rows under it hold no day in those columns (a row of dates over
    rows of dates is data, not a header over a grid)."""
    present = [c for c in cells if c.end > c.start]
    days = {
        k
        for k, c in enumerate(cells)
        if c.end > c.start and _DAY_HEAD.fullmatch(text, c.start, c.end)
    }
    names = [c for k, c in enumerate(cells) if c.end > c.start and k not in days]
    if len(days) < _MIN_DAY_HEADS or not names or len(days) + len(names) != len(present):
        return False
    if not all(
        not _data_like(text, c) and sum(ch.isalpha() for ch in text[c.start : c.end]) >= 2
        for c in names
    ):
        return False
    return not any(
        k < len(row)
        and row[k].end > row[k].start
        and _DAY_HEAD.fullmatch(text, row[k].start, row[k].end)
        for _, row in below
        for k in days
    )


def _column_names(text: str, cells: Sequence[Span]) -> bool:
    """Cells over a rule that could each name a column ("24A FROM", "CPT/HCPCS MOD"):
    short, with letters, nothing that looks like data. Weaker than :func:`_headerish`, so
    only for a line set off from the rows by a rule."""
    present = [c for c in cells if c.end > c.start]
    return len(present) >= 2 and all(
        not _data_like(text, c)
        and sum(ch.isalpha() for ch in text[c.start : c.end]) >= 2
        and len(text[c.start : c.end].split()) <= 4
        for c in present
    )


_EXPORT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[_.\-][A-Za-z0-9]+)*")
_CAMEL_HUMP = re.compile(r"[a-z][A-Z]")


def _csv_split(text: str, start: int, end: int, delim: str) -> tuple[Span, ...] | None:
    """Cells of a delimited line (double quotes protect a delimiter), or ``None``."""
    if text.count(delim, start, end) < 2:
        return None  # fewer than three cells
    cells: list[Span] = []
    pos = start
    quoted = False
    cell_start = start
    while pos < end:
        ch = text[pos]
        if ch == '"':
            quoted = not quoted
        elif ch == delim and not quoted:
            cells.append(_trim_span(text, cell_start, pos))
            cell_start = pos + 1
        pos += 1
    if quoted:
        return None
    cells.append(_trim_span(text, cell_start, end))
    return tuple(cells) if len(cells) >= 3 else None


def _trim_span(text: str, s: int, e: int) -> Span:
    while s < e and text[s] in ' \t"':
        s += 1
    while e > s and text[e - 1] in ' \t"':
        e -= 1
    return Span(s, e)


@dataclass
class _Run:
    splitter: Splitter | str
    rows: list[tuple[int, tuple[Span, ...]]]
    skipped: list[int]


def _delimited_table(text: str, rows: list[tuple[int, tuple[Span, ...]]]) -> bool:
    """Delimited lines are a table when a header row names the columns, or when there are
    many of them with many cells (prose and "Oct 7, 2025" have a comma or two)."""
    if len(rows) >= 2 and _headerish(text, rows[0][1], frozenset()):
        return True
    return len(rows) >= 3 and len(rows[0][1]) >= 5


def _quoted_on(
    text: str, lines: Sequence[Line], i: int, used: set[int], delim: str
) -> tuple[tuple[Span, ...], int] | None:
    """A delimited row whose quoted cell runs on over the next lines (a comment with line
    breaks: ``90',P,"Telehealth (video).`` / ``Education on ...; client asked."``): its
    cells and its last line, when the quotes close within a few lines."""
    line = lines[i]
    if text.count('"', line.cstart, line.cend) % 2 == 0:
        return None
    for j in range(i + 1, min(i + 1 + _MAX_QUOTED_LINES, len(lines))):
        nxt = lines[j]
        if nxt.index in used or nxt.kind is LineKind.PAGE_BREAK:
            return None
        if text.count('"', nxt.start, nxt.end) % 2 == 1:
            cells = _csv_split(text, line.cstart, nxt.cend, delim)
            return None if cells is None else (cells, j)
    return None


def _delimited_runs(text: str, lines: Sequence[Line], used: set[int]) -> list[_Run]:
    """Runs of comma- or semicolon-separated lines with the same number of cells; a row
    whose quoted cell holds line breaks takes the lines up to its closing quote (marked as
    its continuation lines)."""
    runs: list[_Run] = []
    for delim, name in ((",", "comma"), (";", "semicolon")):
        cur: list[tuple[int, tuple[Span, ...]]] = []
        i = 0
        n = len(lines)
        while i <= n:
            line = lines[i] if i < n else None
            cells = None
            last = i
            if (
                line is not None
                and line.is_text
                and line.index not in used
                and (line.splitter is Splitter.NONE)
            ):
                cells = _csv_split(text, line.cstart, line.cend, delim)
                if cells is None:
                    quoted = _quoted_on(text, lines, i, used, delim)
                    if quoted is not None:
                        cells, last = quoted
            if cells is not None and (not cur or len(cells) == len(_cells_of(cur))):
                cur.append((line.index, cells))  # type: ignore[union-attr]
                cur += [(lines[k].index, ()) for k in range(i + 1, last + 1)]
                i = last + 1
                continue
            if _delimited_table(text, [r for r in cur if r[1]]):
                runs.append(_Run(name, cur, []))
                used.update(k for k, _ in cur)
            cur = []
            if cells is not None and line is not None:
                cur = [(line.index, cells)]
                cur += [(lines[k].index, ()) for k in range(i + 1, last + 1)]
            i = last + 1
    return runs


def _cells_of(rows: Sequence[tuple[int, tuple[Span, ...]]]) -> tuple[Span, ...]:
    """The cells of the last row of ``rows`` that has cells (not a continuation line)."""
    return next(c for _, c in reversed(rows) if c)


def _aligned(a: Sequence[Span], a_line: Line, b: Sequence[Span], b_line: Line) -> bool:
    """Whether two fixed-width rows share a column start or, for right-aligned columns, a
    column end (within one character)."""
    starts = {c.start - a_line.start for c in a}
    if any(any(abs((c.start - b_line.start) - s) <= 1 for s in starts) for c in b[1:]) or (
        len(a) == len(b)
    ):
        return True
    # right-aligned columns ("9/15" over "90", "MON" over "11/24"): the cells after the
    # first of both rows short, most of them ending where a cell of the other row ends
    later = (*a[1:], *b[1:])
    if not all(c.end - c.start <= _SHORT_CELL for c in later):
        return False
    ends = {c.end - a_line.start for c in a if c.end - c.start <= _SHORT_CELL}
    same = sum(any(abs((c.end - b_line.start) - e) <= 1 for e in ends) for c in b[1:])
    return same >= 2 and same * 2 >= len(b) - 1


_SHORT_CELL = 6


def _under_head(
    text: str, run: _Run, lines: Sequence[Line], nxt: Line, known: frozenset[str]
) -> bool:
    """Whether ``nxt`` stands in the columns of the run's first row when that row names
    them (a header): each of its cells after the first ends where a short header cell
    ends, right-aligned ("Family Session (min)  ...  50" under "MON ... TOTAL" after a
    row of other columns)."""
    first, cells = run.rows[0]
    if len(cells) < 3 or len(nxt.cells) < 2 or not _headerish(text, cells, known):
        return False
    head = lines[first]
    ends = {c.end - head.start for c in cells[1:] if c.end - c.start <= _SHORT_CELL}
    later = nxt.cells[1:]
    return all(c.end - c.start <= _SHORT_CELL for c in later) and all(
        any(abs((c.end - nxt.start) - e) <= 1 for e in ends) for c in later
    )


def _head_starts(
    text: str, run: _Run, lines: Sequence[Line], known: frozenset[str]
) -> set[int] | None:
    """The column starts (relative to the line) of the header that names the run's
    columns: its first row, or the line over a rule right above it ("PROBLEM  GOAL" over
    "-------  ----"), when that names columns."""
    first, cells = run.rows[0]
    head: Line | None = lines[first] if _headerish(text, cells, known) else None
    k = first - 1
    while head is None and k >= 0 and first - k <= 2 and lines[k].kind is LineKind.RULE:
        k -= 1
        if k >= 0 and lines[k].is_text and _headerish(text, lines[k].cells, known):
            head = lines[k]
    if head is None or len(head.cells) < 3:
        return None
    return {c.start - head.start for c in head.cells}


def _in_head_columns(
    text: str, run: _Run, lines: Sequence[Line], nxt: Line, known: frozenset[str]
) -> bool:
    """Whether every cell of ``nxt`` starts where a column of the run's header starts
    (within one): a row whose cells stand under the header but not under the row above
    (an objective's row in the Objective | Intervention | Target columns under a goal's
    row in the Problem | Goal columns)."""
    starts = _head_starts(text, run, lines, known)
    if starts is None or len(nxt.cells) < 2:
        return False
    return all(any(abs((c.start - nxt.start) - s) <= 1 for s in starts) for c in nxt.cells)


def _wraps_head_cell(
    text: str, run: _Run, lines: Sequence[Line], nxt: Line, known: frozenset[str]
) -> bool:
    """Whether ``nxt``, one cell right under the run's last line, wraps that line's cell
    of a header's column: it starts where the column starts, ends before the next column
    starts, numbers no item and holds no data, and the cell above it runs on (no full
    stop): "waking and missed" under "anhedonia, early" in a PROBLEM column."""
    starts = _head_starts(text, run, lines, known)
    if starts is None or len(nxt.cells) != 1:
        return False
    cell = nxt.cells[0]
    at = cell.start - nxt.start
    col = next((s for s in starts if abs(at - s) <= 1), None)
    if col is None:
        return False
    later = [s for s in starts if s > col + 1]
    if later and cell.end - nxt.start >= min(later):
        return False
    if _ITEM_NUMBER.match(text, cell.start, cell.end) or _ROW_DATA.search(
        text, cell.start, cell.end
    ):
        return False
    above = lines[run.rows[-1][0]]
    if above.index != nxt.index - 1:
        return False
    over = [c for c in above.cells if abs((c.start - above.start) - at) <= 1]
    return bool(over) and not text[over[0].start : over[0].end].rstrip().endswith((".", ":"))


def _space_runs(
    text: str,
    lines: Sequence[Line],
    used: set[int],
    repeated: frozenset[int],
    known: frozenset[str],
) -> list[_Run]:
    """Runs of multi-cell lines (pipes, tabs, wide blanks) of one splitter."""
    runs: list[_Run] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not _candidate(text, line) or line.index in used:
            i += 1
            continue
        run = _Run(line.splitter, [(line.index, _row_cells(line))], [])
        j = i + 1
        pending: list[int] = []
        while j < n:
            nxt = lines[j]
            if _candidate(text, nxt) and nxt.splitter is run.splitter:
                real = next(r for r in reversed(run.rows) if len(r[1]) >= 2)
                last = lines[real[0]]
                if (
                    run.splitter is Splitter.SPACE
                    and not _aligned(real[1], last, nxt.cells, nxt)
                    and not _under_head(text, run, lines, nxt, known)
                    and not _in_head_columns(text, run, lines, nxt, known)
                ):
                    break
                if (
                    pending
                    and run.splitter is not Splitter.SPACE
                    and (len(nxt.cells) != len(run.rows[0][1]))
                ):
                    break
                run.skipped.extend(pending)
                pending = []
                run.rows.append((nxt.index, _row_cells(nxt)))
                j += 1
                continue
            if nxt.kind is LineKind.RULE and run.splitter is Splitter.PIPE:
                pending.append(nxt.index)
                j += 1
                continue
            if run.splitter is Splitter.SPACE and nxt.is_text and not _form_line(text, nxt):
                # a wrapped cell: indented past the first column, one cell
                real = next(r for r in reversed(run.rows) if len(r[1]) >= 2)
                last = lines[real[0]]
                if (
                    len(nxt.cells) == 1
                    and nxt.cstart - nxt.start > (real[1][0].start - last.start) + 2
                    and not pending
                ):
                    run.rows.append((nxt.index, ()))  # continuation marker
                    j += 1
                    continue
                if not pending and _wraps_head_cell(text, run, lines, nxt, known):
                    run.rows.append((nxt.index, ()))  # continuation marker
                    j += 1
                    continue
                # a row whose other cells are blank or run together ("02/17/2025 PROGRAM
                # CLOSED - Presidents' Day"): it starts in the first column with data
                if (
                    len(nxt.cells) == 1
                    and not pending
                    and abs((nxt.cstart - nxt.start) - (real[1][0].start - last.start)) <= 1
                    and _LEADING_DATA.match(text, nxt.cstart, nxt.cend) is not None
                    and _continues(text, lines, j + 1, real, run.splitter)
                ):
                    run.rows.append((nxt.index, nxt.cells))
                    j += 1
                    continue
            # page furniture (a page break and the lines repeated at page tops) or a
            # single blank line between rows
            if (
                nxt.kind is LineKind.PAGE_BREAK
                or (
                    pending
                    and len(pending) <= _MAX_FURNITURE + 1
                    and (
                        (nxt.index in repeated and not _DECORATED.match(text, nxt.cstart, nxt.cend))
                        or nxt.kind is LineKind.BLANK
                    )
                )
                or (nxt.kind is LineKind.BLANK and not pending)
            ):
                pending.append(nxt.index)
                if len(pending) > _MAX_FURNITURE + 2:
                    break
                j += 1
                continue
            break
        heading = _dated_heading(text, lines, run)
        if heading:
            del run.rows[:heading]
            run.skipped[:] = [k for k in run.skipped if k > run.rows[0][0]]
        _underlined_header(text, lines, run, known)
        data_rows = [r for r in run.rows if r[1]]
        enough = 2 if run.splitter is not Splitter.SPACE else 3
        if len(data_rows) >= enough or (
            len(data_rows) >= 2 and _headerish(text, data_rows[0][1], known)
        ):
            runs.append(run)
            used.update(k for k, _ in run.rows)
            used.update(run.skipped)
            i = max(r[0] for r in run.rows) + 1
        else:
            i += 1
    return runs


_FULL_DATE = re.compile(r"\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}(?:\d{2})?\b|\b\d{4}-\d{2}-\d{2}\b")


def _dated_heading(text: str, lines: Sequence[Line], run: _Run) -> int:
    """How many of a fixed-width run's first lines come before the rows it heads: a line
    that holds a date ("DOS 06/10/2025 (Tue)   IOP DAY NOTE   Per diem S9480") and begins
    left of every row below, each of which begins, further in, with a cell that holds no
    date ("  1645-1715     MED MGMT 99213   P"), and none of whose cells begins in a column
    where one of its own begins, heads those rows; it and the lines above it (the previous
    note's signature) are not rows of theirs. 0 when there is none."""
    if run.splitter is not Splitter.SPACE or len(run.rows) < 2:
        return 0
    found = 0
    inner: int | None = None  # the least indent of the rows below the line looked at
    dated_below = False
    starts: set[int] = set()  # where the cells of the rows below begin
    for k in range(len(run.rows) - 1, -1, -1):
        index, cells = run.rows[k]
        if not cells:
            continue
        at = [c.start - lines[index].start for c in cells]
        dated = _FULL_DATE.search(text, cells[0].start, cells[0].end) is not None
        if (
            dated
            and inner is not None
            and at[0] < inner
            and not dated_below
            and not any(abs(a - b) <= 1 for a in at for b in starts)
        ):
            # (a row with its date, over rows that leave the date blank, shares their
            # columns: "04/14/25  MON GRP ..." over "          EDU ...")
            found = k + 1
            break
        dated_below = dated_below or dated
        inner = at[0] if inner is None else min(inner, at[0])
        starts.update(at)
    return found


def _continues(
    text: str,
    lines: Sequence[Line],
    j: int,
    real: tuple[int, tuple[Span, ...]],
    splitter: Splitter | str,
) -> bool:
    """Whether the table goes on at line ``j`` (a row aligned with ``real``)."""
    if j >= len(lines):
        return False
    nxt = lines[j]
    return (
        _candidate(text, nxt)
        and nxt.splitter is splitter
        and _aligned(real[1], lines[real[0]], nxt.cells, nxt)
    )


def _options_line(text: str, line: Line) -> bool:
    """Half or more of its cells hold a form's check-box options ("☒ Group Psychotherapy",
    "[ ] Absent", "Group psychotherapy [ ] 90834" where blanks split a code menu's options
    between its words): a box followed by words or a code, not a grid's mark alone."""
    options = sum(1 for c in line.cells if _BOX_OPTION.search(text, c.start, c.end))
    return options * 2 >= len(line.cells) and options > 0


def _candidate(text: str, line: Line) -> bool:
    return (
        line.is_text
        and len(line.cells) >= 2
        and line.splitter not in (Splitter.NONE, Splitter.MARK)
        and not (
            line.splitter in (Splitter.SPACE, Splitter.TAB)
            and (_form_line(text, line) or _options_line(text, line))
        )
    )


def _columns_fixed(
    text: str,
    lines: Sequence[Line],
    header: tuple[int, tuple[Span, ...]] | None,
    rows: Sequence[tuple[int, tuple[Span, ...]]],
) -> list[int]:
    """Column start positions (relative to the line) of a fixed-width table."""
    if header is not None:
        line = lines[header[0]]
        return [c.start - line.start for c in header[1]]
    widest = max((r for r in rows if r[1]), key=lambda r: len(r[1]))
    line = lines[widest[0]]
    return [c.start - line.start for c in widest[1]]


def _data_starts(lines: Sequence[Line], rows: Sequence[tuple[int, tuple[Span, ...]]]) -> list[int]:
    """Column starts (relative to the line) that most data rows share (within one)."""
    counts: dict[int, int] = {}
    data = [r for r in rows if r[1]]
    for index, cells in data:
        line = lines[index]
        for c in cells:
            col = c.start - line.start
            counts[col] = counts.get(col, 0) + 1
    merged: dict[int, int] = {}
    for col in sorted(counts):
        near = next((k for k in merged if abs(k - col) <= 1), None)
        if near is None:
            merged[col] = counts[col]
        else:
            merged[near] += counts[col]
    need = max(2, (len(data) * 3 + 4) // 5)
    return sorted(k for k, n in merged.items() if n >= need)


def _split_header(
    text: str, line: Line, cells: tuple[Span, ...], starts: Sequence[int]
) -> tuple[Span, ...]:
    """Header cells split where the data's columns begin ("START END" over two columns of
    clock times is two headers)."""
    out: list[Span] = []
    for c in cells:
        cuts = [c.start] + [
            line.start + k
            for k in starts
            if c.start < line.start + k < c.end and text[line.start + k - 1] == " "
        ]
        cuts.append(c.end)
        for a, b in itertools.pairwise(cuts):
            while b > a and text[b - 1] == " ":
                b -= 1
            if b > a:
                out.append(Span(a, b))
    return tuple(out)


def _cut_at_columns(text: str, starts: Sequence[int], line: Line, c: Span) -> list[Span]:
    """A cell that runs into the next column with single blanks ("02/03/2025 Group
    psychotherapy" under "DATE" and "SERVICE") is cut where that column begins (at the
    word starting there, within one character)."""
    pieces: list[Span] = []
    cur = c.start
    for k in starts:
        pos = line.start + k
        if not cur < pos < c.end:
            continue
        cut = None
        for p in (pos, pos - 1, pos + 1):
            if cur < p < c.end and text[p - 1] == " " and text[p] != " ":
                cut = p
                break
        if cut is None:
            continue
        end = cut - 1
        while end > cur and text[end - 1] == " ":
            end -= 1
        if end > cur:
            pieces.append(Span(cur, end))
        cur = cut
    pieces.append(Span(cur, c.end))
    return pieces


def _right_ends(
    lines: Sequence[Line],
    header: tuple[int, tuple[Span, ...]] | None,
    rows: Sequence[tuple[int, tuple[Span, ...]]],
) -> list[int] | None:
    """The header's cell ends (relative to the line) when the table's columns after the
    first are right-aligned under them ("MON" over "60" and "CLOSED", both ending where
    "MON" ends): most data cells after the first end where a header cell ends, and more
    of them than start where one starts. ``None`` otherwise."""
    if header is None or len(header[1]) < 3:
        return None
    head = lines[header[0]]
    ends = [c.end - head.start for c in header[1]]
    starts = [c.start - head.start for c in header[1]]
    by_end = by_start = total = 0
    for index, cells in rows:
        line = lines[index]
        for c in cells[1:]:
            total += 1
            if any(abs((c.end - line.start) - e) <= 1 for e in ends[1:]):
                by_end += 1
            if any(abs((c.start - line.start) - k) <= 1 for k in starts[1:]):
                by_start += 1
    if total < 4 or by_end * 3 < total * 2 or by_end <= by_start:
        return None
    return ends


def _place(
    starts: Sequence[int],
    line: Line,
    cells: Sequence[Span],
    text: str = "",
    ends: Sequence[int] | None = None,
) -> list[list[Span]]:
    """Assign fixed-width cells to columns: the last column starting at or before the
    cell's start (within two characters); in right-aligned columns (``ends``), the column
    ending where the cell ends (within one)."""
    out: list[list[Span]] = [[] for _ in starts]
    if text:
        cells = [p for c in cells for p in _cut_at_columns(text, starts, line, c)]
    for c in cells:
        if ends is not None and c.start - line.start > starts[0] + 1:
            right = [k for k, e in enumerate(ends) if k and abs((c.end - line.start) - e) <= 1]
            if len(right) == 1:
                out[right[0]].append(c)
                continue
        col = c.start - line.start
        j = 0
        for k, s in enumerate(starts):
            if s <= col + 2:
                j = k
        out[j].append(c)
    return out


def _build(text: str, lines: Sequence[Line], run: _Run, known: frozenset[str]) -> Table:
    rows = [r for r in run.rows]
    skipped = list(run.skipped)
    header: tuple[int, tuple[Span, ...]] | None = None
    first = rows[0]
    after = lines[first[0] + 1] if first[0] + 1 < len(lines) else None
    md_rule = (
        after is not None
        and after.kind is LineKind.RULE
        and after.index in skipped
        and (_headerish(text, first[1], known) or _column_names(text, first[1]))
    )
    # a delimited file's first line of column names over lines of data ("dos,cpt,units,
    # mins,status"): its header, as for every CSV export, known labels or not
    named_csv = (
        run.splitter in ("comma", "semicolon")
        and len(rows) >= 2
        and _column_names(text, first[1])
        and any(_data_like(text, c) for c in rows[1][1])
    )
    if first[1] and (
        md_rule
        or named_csv
        or _headerish(text, first[1], known)
        or _dated_header(text, first[1], rows[1:])
    ):
        header = first
        rows = rows[1:]
    header_key = (
        tuple(norm(text[c.start : c.end]) for c in header[1]) if header is not None else None
    )
    body: list[Row] = []
    fixed = run.splitter is Splitter.SPACE
    if fixed and header is not None:
        split = _split_header(text, lines[header[0]], header[1], _data_starts(lines, rows))
        if len(split) > len(header[1]):
            header = (header[0], split)
            header_key = tuple(norm(text[c.start : c.end]) for c in split)
    starts = _columns_fixed(text, lines, header, rows) if fixed else []
    ends = _right_ends(lines, header, rows) if fixed else None
    width = len(header[1]) if header is not None else max(len(c) for _, c in rows)
    # a grid whose rows are fenced by rules ("╠═════╬═══╣" above each): a line right under
    # a row, with no rule between, is that row going on ("Trauma Processing Group -" /
    # "90853")
    # (not a month's calendar, whose blocks are a row of day numbers over rows of entries)
    fenced = sum(1 for index, _ in rows if index and lines[index - 1].kind is LineKind.RULE)
    ruled = (
        not fixed
        and fenced >= 3
        and fenced * 3 >= len(rows)
        and not any(_day_numbers(text, cells) for _, cells in rows)
    )
    for index, cells in rows:
        if not cells and not fixed:  # a line inside a delimited row's quoted cell
            if body:
                prev = body[-1]
                body[-1] = Row((*prev.lines, index), prev.cells)
            else:
                skipped.append(index)
            continue
        if not cells:  # a continuation line of a fixed-width row
            line = lines[index]
            if body:
                placed = _place(starts, line, line.cells)
                prev = body[-1]
                merged = tuple(
                    (*prev.cells[j], *placed[j]) if j < len(placed) else prev.cells[j]
                    for j in range(len(prev.cells))
                )
                body[-1] = Row((*prev.lines, index), merged)
            else:
                skipped.append(index)
            continue
        if (
            header_key is not None
            and tuple(norm(text[c.start : c.end]) for c in cells) == header_key
        ):
            skipped.append(index)  # the header again, on a new page
            continue
        line = lines[index]
        if fixed:
            placed = _place(starts, line, cells, text, ends)
            occupied = sum(1 for col in placed if col)
            if (  # a wrapped cell ("(DBT skills)", "LMFT"), not a row with an empty date
                body
                and not placed[0]
                and len(starts) > 1
                and occupied <= 2
                and not any(_data_like(text, c) for col in placed for c in col)
                # an item of its own ("1a. Keep a sleep diary"), not a wrapped cell
                and not any(_ITEM_NUMBER.match(text, c.start, c.end) for c in cells)
            ):
                prev = body[-1]
                merged = tuple((*prev.cells[j], *placed[j]) for j in range(len(prev.cells)))
                body[-1] = Row((*prev.lines, index), merged)
                continue
            if body and _wrapped_row(text, lines, body[-1], index, placed, starts):
                prev = body[-1]
                merged = tuple((*prev.cells[j], *placed[j]) for j in range(len(prev.cells)))
                body[-1] = Row((*prev.lines, index), merged)
                continue
            body.append(Row((index,), tuple(tuple(col) for col in placed)))
        else:
            cols: list[tuple[Span, ...]] = [((c,) if c.end > c.start else ()) for c in cells]
            if len(cols) < width and run.splitter is Splitter.PIPE:
                cols = _by_bars(text, lines, [*([header] if header else []), *rows], line, cells)
            cols += [()] * (width - len(cols))
            under = bool(body) and body[-1].lines[-1] == index - 1
            if body and (_wraps(text, body[-1], cols, width) or (ruled and under)):
                # a cell wrapped onto the next line ("│ │ │ Group │ Riley Rosenthal, CADC │")
                prev = body[-1]
                merged = tuple(
                    (*prev.cells[j], *cols[j]) if j < len(cols) else prev.cells[j]
                    for j in range(len(prev.cells))
                )
                body[-1] = Row((*prev.lines, index), merged)
                continue
            body.append(Row((index,), tuple(cols)))
    last = max([r.lines[-1] for r in body] + ([header[0]] if header else []) + skipped)
    return Table(
        first_line=run.rows[0][0],
        last_line=last,
        splitter=run.splitter,
        header=tuple(header[1]) if header is not None else None,
        header_line=header[0] if header is not None else None,
        rows=tuple(body),
        skipped=tuple(sorted(skipped)),
    )


_DAY_NUMBER = re.compile(r"[ \t]*(?:[1-9]|[12]\d|3[01])[ \t]*")


def _bars_before(text: str, line: Line, cells: Sequence[Span]) -> list[int | None]:
    """For each cell of a pipe row, the column (from the line's start) of the bar right
    before it; ``None`` for a cell with no bar before it on its line."""
    bars = [m.start() for m in BAR.finditer(text, line.start, line.end)]
    return [max((b - line.start for b in bars if b < c.start), default=None) for c in cells]


def _by_bars(
    text: str,
    lines: Sequence[Line],
    rows: Sequence[tuple[int, tuple[Span, ...]]],
    line: Line,
    cells: Sequence[Span],
) -> list[tuple[Span, ...]]:
    """A pipe row with fewer cells than its table, set in its columns by where its bars
    stand: in a grid printed with its bars lined up, a row whose first columns are empty
    starts with a bar at the first filled column's left ("          | 1a. Attend ..."
    under "Goal   | Objective"), which is no border. Each cell goes to the column of the
    first row with more cells (the header first) whose bar stands where the cell's bar
    stands (within one character); a row whose bars stand elsewhere keeps its cells in
    order."""
    cols: list[tuple[Span, ...]] = [((c,) if c.end > c.start else ()) for c in cells]
    ref = next((i for i, found in rows if len(found) > len(cells)), None)
    if ref is None:
        return cols
    ref_bars = _bars_before(text, lines[ref], lines[ref].cells)
    out: list[tuple[Span, ...]] = [() for _ in ref_bars]
    last = -1
    for col, bar in zip(cols, _bars_before(text, line, cells), strict=True):
        at = next(
            (
                j
                for j, b in enumerate(ref_bars)
                if b is not None and bar is not None and abs(b - bar) <= 1
            ),
            None,
        )
        if at is None or at <= last:
            return cols
        out[at] = col
        last = at
    return out


def _day_numbers(text: str, cells: Sequence[Span]) -> bool:
    """A calendar's row of day numbers ("| 8 | 9 | 10 | 11 | 12 |"): three or more filled
    cells, each a day of the month."""
    filled = [c for c in cells if c.end > c.start]
    return len(filled) >= 3 and all(_DAY_NUMBER.fullmatch(text, c.start, c.end) for c in filled)


_WRAP_DATA = re.compile(r"\d[/:.\-–]\d")
_NUMBER_CELL = re.compile(r"[ \t]*\d+(?:[.,]\d+)?[ \t]*")
_WORD = re.compile(r"[A-Za-z]{2}")


# an item's number: "1.", "2)", "1a.", "1.2." (not a letter alone: "A. Poe" is a name)
_ITEM_NUMBER = re.compile(r"[ \t]*#?\d{1,2}(?:[.\-]\d{1,2}|[a-z])?[.)][ \t]")


# a row's own data: a full date or a clock time ("3-4 hours", "0-10 ratings" wrap a cell)
_ROW_DATA = re.compile(
    r"\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b"
)


def _wrapped_row(
    text: str,
    lines: Sequence[Line],
    prev: Row,
    index: int,
    placed: Sequence[Sequence[Span]],
    starts: Sequence[int],
) -> bool:
    """A line of a fixed-width table that wraps the cells of the numbered row right above
    it ("1. Depressed mood as   1. Sara will report" over "evidenced by   score below 10 on
    two"): the row's first line numbers an item and this line numbers none, none of its
    cells holds data of a row of its own (a date, a time), and each of its cells stands
    under a cell of the line above that its first word would not have fit after: the
    words were wrapped at the column's edge (the next column's start, less a gutter of
    two)."""
    if prev.lines[-1] != index - 1 or len(starts) < 2:
        return False
    cells = [c for col in placed for c in col]
    if not cells or any(_ITEM_NUMBER.match(text, c.start, c.end) for c in cells):
        return False
    if any(_ROW_DATA.search(text, c.start, c.end) for c in cells):
        return False
    head = lines[prev.lines[0]]
    if not any(
        _ITEM_NUMBER.match(text, c.start, c.end)
        for col in prev.cells
        for c in col
        if head.start <= c.start and c.end <= head.end
    ):
        return False
    above = lines[index - 1]
    checked = 0
    for j, col in enumerate(placed):
        if not col:
            continue
        over = [c for c in prev.cells[j] if above.start <= c.start and c.end <= above.end]
        if not over:
            return False  # a cell under an empty one starts a row of its own
        if j + 1 >= len(starts):
            continue  # the last column has no edge to wrap at
        word = re.match(r"\S+", text[col[0].start : col[0].end])
        width = starts[j + 1] - starts[j] - 2
        used = over[-1].end - above.start - starts[j]
        if word is None or used + 1 + len(word.group()) <= width:
            return False  # the word would have fit on the line above: not wrapped
        checked += 1
    return checked > 0


def _wraps(text: str, prev: Row, cols: Sequence[tuple[Span, ...]], width: int) -> bool:
    """A line of a pipe or tab table that continues the row above: its first cell empty,
    fewer than half of its cells filled, none with a date, a time or a number alone (a
    row under the same date has its own time), under a row whose first cell is filled and
    that has words (not a calendar's row of day numbers, or its codes under a blank day)."""
    filled = [c for col in cols for c in col]
    return (
        not cols[0]
        and 0 < len(filled) * 2 < max(width, 2) + 1
        and not any(
            _WRAP_DATA.search(text, c.start, c.end) or _NUMBER_CELL.fullmatch(text, c.start, c.end)
            for c in filled
        )
        and bool(prev.cells[0])
        and any(_WORD.search(text, c.start, c.end) for col in prev.cells for c in col)
    )


def _underlined_header(text: str, lines: Sequence[Line], run: _Run, known: frozenset[str]) -> None:
    """A header row set off from the rows by a rule (``DATE  TIME  SERVICE`` over
    ``----  ----  -------``, or an ASCII grid's ``+----+`` border): put it in the run."""
    first = run.rows[0][0]
    k = first - 1
    rules: list[int] = []
    while k >= 0 and lines[k].kind is LineKind.RULE and len(rules) < 2:
        rules.append(k)
        k -= 1
    if not rules or k < 0:
        return
    head = lines[k]
    if not (head.is_text and len(head.cells) >= 2 and head.splitter is run.splitter):
        return
    if not (_headerish(text, head.cells, known) or _column_names(text, head.cells)):
        return
    run.rows.insert(0, (k, head.cells))
    run.skipped.extend(rules)


def find_tables(
    text: str, lines: Sequence[Line], known: frozenset[str], repeated: frozenset[int]
) -> tuple[Table, ...]:
    """Every table of the document, in line order (see the module docstring)."""
    used: set[int] = set()
    runs = _space_runs(text, lines, used, repeated, known)
    runs += _delimited_runs(text, lines, used)
    tables = [_build(text, lines, run, known) for run in runs]
    kept = sorted(
        (t for t in tables if t.rows and not _key_value(text, t, known)),
        key=lambda t: t.first_line,
    )
    kept = [_indexed_fields(text, t) or t for t in kept]
    return tuple(_stack_headers(text, lines, kept))


# a form field's name with the number of its row: "Row7_In", "Row12_Staff", "Line3Date",
# "txtG2TimeIn" (prefix, row number, field)
_INDEXED_NAME = re.compile(r"([A-Za-z]+?)(\d{1,3})_?([A-Za-z][A-Za-z0-9]*)")
_MIN_INDEXED_FIELDS = 2  # fields each numbered row must have
_UNSET = frozenset({"", "off"})  # an empty field, an unticked box


def _indexed_fields(text: str, table: Table) -> Table | None:
    """A form's data exported as one line of field names over one line of values
    (Acrobat's tab-delimited "Export Data": ``Row1_Date``, ``Row1_In``, ...,
    ``Row2_Date``, ...): the fields that share a prefix and a row number are one row of
    the form's table, headed by the names without prefix and number ("Date", "In"). A row
    with no value but unticked boxes is an empty row of the form. Fields with no number
    (``ClientName``, ``WeekOf``) are no row's. ``None`` when the names are not so."""
    if table.header is None or table.header_line is None or len(table.rows) != 1:
        return None
    named: dict[tuple[str, int], list[tuple[str, int, Span]]] = {}
    for j, span in enumerate(table.header):
        if span is None:
            continue
        m = _INDEXED_NAME.fullmatch(text, span.start, span.end)
        if m is None:
            continue
        field = Span(m.start(3), span.end)
        named.setdefault((m.group(1), int(m.group(2))), []).append((m.group(3), j, field))
    prefixes = {p for p, _ in named}
    if len(prefixes) != 1 or len(named) < 2:
        return None
    numbered = sorted(named.items(), key=lambda kv: kv[0][1])
    columns = [f for f, _, _ in numbered[0][1]]
    if len(columns) < _MIN_INDEXED_FIELDS or len(set(columns)) != len(columns):
        return None
    if any([f for f, _, _ in fields] != columns for _, fields in numbered):
        return None  # each row must have the same fields, in the same order
    values = table.rows[0]
    rows: list[Row] = []
    for _, fields in numbered:
        cells = tuple(values.cells[j] if j < len(values.cells) else () for _, j, _ in fields)
        if all(norm(text[c.start : c.end]) in _UNSET for cell in cells for c in cell):
            continue
        rows.append(Row(values.lines, cells))
    if not rows:
        return None
    header = tuple(field for _, _, field in numbered[0][1])
    return Table(
        table.first_line,
        table.last_line,
        table.splitter,
        header,
        table.header_line,
        tuple(rows),
        table.skipped,
    )


def _stack_headers(text: str, lines: Sequence[Line], tables: list[Table]) -> list[Table]:
    """Fold a run of fixed-width lines right above a table's header, whose cells all stand
    over the header's columns, into that header (module docstring)."""
    out: list[Table] = []
    for t in tables:
        upper = out[-1] if out else None
        if (
            upper is not None
            and t.header is None
            and upper.header is not None
            and t.splitter == upper.splitter
            # as wide, but for empty cells at the ends of its lines
            and upper.width - 2 <= t.width <= upper.width
            and t.splitter is not Splitter.SPACE
            and all(not lines[k].is_text for k in range(upper.last_line + 1, t.first_line))
            and t.first_line - upper.last_line <= 3
        ):
            # the same table going on after a blank line or two, its header not repeated
            out[-1] = Table(
                upper.first_line,
                t.last_line,
                upper.splitter,
                upper.header,
                upper.header_line,
                (*upper.rows, *t.rows),
                (*upper.skipped, *range(upper.last_line + 1, t.first_line), *t.skipped),
                upper.stacked,
            )
            continue
        if upper is not None and t.header is None:
            t = _header_from_above(text, lines, upper, t)
        if t.header is None:
            # the rows of an earlier table going on (a page's repeated header dropped as
            # furniture) before a first data row could be read as a header
            t = _header_of_earlier(lines, out, t)
        if t.header is None and t.splitter is not Splitter.SPACE:
            t = _two_row_header(text, t)
        if (
            upper is None
            or t.header is None
            or t.header_line is None
            or t.splitter is not Splitter.SPACE
            or upper.splitter is not Splitter.SPACE
            or not upper.last_line <= t.header_line <= upper.last_line + 1
        ):
            out.append(t)
            continue
        header_line = lines[t.header_line]
        cols = [
            (c.start - header_line.start, c.end - header_line.start) if c is not None else None
            for c in t.header
        ]
        stacked: list[list[Span]] = [[] for _ in cols]
        fits = True
        count = 0
        for i in range(upper.first_line, t.header_line):
            line = lines[i]
            if not line.is_text:
                continue
            for c in line.cells:
                s, e = c.start - line.start, c.end - line.start
                j = next(
                    (
                        k
                        for k, col in enumerate(cols)
                        if col is not None and (abs(col[0] - s) <= 1 or abs(col[1] - e) <= 1)
                    ),
                    None,
                )
                if j is None:
                    fits = False
                    break
                stacked[j].append(c)
                count += 1
            if not fits:
                break
        if not fits or count < 3:
            out.append(t)
            continue
        out[-1] = Table(
            upper.first_line,
            t.last_line,
            t.splitter,
            t.header,
            t.header_line,
            t.rows,
            t.skipped,
            tuple(tuple(col) for col in stacked),
        )
    return out


def _two_row_header(text: str, t: Table) -> Table:
    """A delimited table whose first row holds only some cells (dates over the columns
    they head: ",,,,Tue 02/11/2025,Tue 02/11/2025") and whose second row names every
    column ("Client Name,Client ID,...,GS-26125"): both rows are its header, stacked."""
    if len(t.rows) < 3:
        return t
    first, second = t.rows[0], t.rows[1]
    filled = [bool(c) for c in first.cells]
    named = [bool(c) and not _data_like(text, c[0]) for c in second.cells]
    if (
        len(second.cells) != t.width
        or sum(filled) < 2
        or all(filled)
        or sum(1 for c in second.cells if c) < t.width - 1
        or sum(named) < 2
    ):
        return t
    header = tuple(c[0] if c else None for c in second.cells)
    stacked = tuple(tuple(first.cells[j]) if j < len(first.cells) else () for j in range(t.width))
    return Table(
        t.first_line, t.last_line, t.splitter, header, second.line, t.rows[2:], t.skipped, stacked
    )


def _header_from_above(text: str, lines: Sequence[Line], upper: Table, t: Table) -> Table:
    """A headerless fixed-width table right under a rule, under the last line of another
    run with as many cells (its header, read into the run above): that line heads it."""
    last = lines[upper.last_line]
    rule = t.first_line - 1
    if (
        t.splitter is not Splitter.SPACE
        or upper.last_line != rule - 1
        or lines[rule].kind is not LineKind.RULE
    ):
        return t
    if len(last.cells) == t.width:
        return Table(
            t.first_line, t.last_line, t.splitter, tuple(last.cells), last.index, t.rows, t.skipped
        )
    # a header whose wider numbers stand one blank apart ("SERVICE / TIME  1  2 ... 9 10
    # 11"), cut at the columns of the rows under the rule: each column's piece, when each
    # column has one; the line above it, cut the same way, stacked over it ("T  W  T  F")
    first = next((r for r in t.rows if sum(1 for c in r.cells if c) == t.width), None)
    if first is None:
        return t
    row_line = lines[first.lines[0]]
    starts = [c[0].start - row_line.start for c in first.cells]
    pieces = _cut_line(text, starts, last)
    if pieces is None:
        return t
    above = lines[upper.last_line - 1] if upper.last_line > upper.first_line else None
    stacked: list[tuple[Span, ...]] = [() for _ in starts]
    if above is not None and above.is_text:
        for c in above.cells:
            for sp in _cut_at_columns(text, starts, above, c):
                col = sp.start - above.start
                j = next((k for k, x in enumerate(starts) if abs(x - col) <= 1), None)
                if j is None:
                    return t
                stacked[j] = (sp,)
    return Table(
        t.first_line,
        t.last_line,
        t.splitter,
        tuple(pieces),
        last.index,
        t.rows,
        t.skipped,
        tuple(stacked),
    )


def _cut_line(text: str, starts: Sequence[int], line: Line) -> list[Span] | None:
    """``line`` cut at the column ``starts``: a piece starting at each (within one
    character), or ``None``."""
    pieces = [sp for c in line.cells for sp in _cut_at_columns(text, starts, line, c)]
    if len(pieces) != len(starts):
        return None
    if not all(abs((sp.start - line.start) - k) <= 1 for sp, k in zip(pieces, starts, strict=True)):
        return None
    return pieces


def _header_of_earlier(lines: Sequence[Line], earlier: Sequence[Table], t: Table) -> Table:
    """A headerless table in the columns of an earlier table of the document (the same
    splitter, as many columns, each starting where the earlier header's does): that table
    going on after its rows were interrupted (a day's heading across the whole width, a
    subtotal, a page's furniture) takes its header."""
    first = next((r for r in t.rows if sum(1 for c in r.cells if c) >= 2), None)
    if first is None:
        return t
    row_line = lines[first.lines[0]]
    for upper in reversed(earlier):
        if upper.header is None or upper.header_line is None:
            continue
        if upper.splitter != t.splitter or upper.width != t.width:
            return t
        head_line = lines[upper.header_line]
        pairs = [
            (h.start - head_line.start, c[0].start - row_line.start)
            for h, c in zip(upper.header, first.cells, strict=False)
            if h is not None and c
        ]
        if len(pairs) >= 2 and all(abs(a - b) <= 1 for a, b in pairs):
            return Table(
                t.first_line,
                t.last_line,
                t.splitter,
                upper.header,
                upper.header_line,
                t.rows,
                t.skipped,
                upper.stacked,
            )
        return t
    return t


def _key_value(text: str, table: Table, known: frozenset[str]) -> bool:
    """A two-column table of labels and values ("| Date | 03/04/2025 |"): fields, not rows."""
    if table.width != 2:
        return False
    firsts = [r.cells[0][0] for r in table.rows if r.cells and r.cells[0]]
    if not firsts:
        return False
    labeled = sum(1 for c in firsts if norm(text[c.start : c.end].strip("*_ :")) in known)
    return labeled * 2 >= len(firsts)


# for the stacked fields of :mod:`extract.layout.stacked`
headerish = _headerish
data_like = _data_like
