"""Lines of a document and the cells each line is divided into.

A line is classified once: blank, a page break, a rule (``-----``, ``=====``, ``_____``,
``***``, a Markdown table's ``|---|:--:|`` row) or text. A text line's *cells* are the
pieces its own layout separates: pipes (``| a | b |``), tabs, or runs of two or more
blanks (fixed-width columns, several fields on one line). One cell is the whole content.
A line framed by a box's borders (``| Staff : H. C, LSW    Census : 8 |``) is read by what
the frame holds.

Everything is linear in the line's length; a line longer than :data:`MAX_CELL_LINE` is
left as one cell (no export style puts a table row on a line that long).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_CELL_LINE = 4000
# A box-drawing report's lines (┌─┬─┐ │ ├─┼─┤ └─┴─┘, and the heavy and double forms) are
# read like an ASCII grid's: its vertical lines separate cells like pipes, its horizontal
# lines are rules. The text is never changed, only read.
_BOX_RULE_CHARS = "─━═┄┅┈┉╌╍┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫╭╮╯╰┍┑┕┙┝┥┯┷┿"
_BARS = "|│┃║┆┇┊┋╎╏"
BAR = re.compile(f"[{_BARS}]")  # a cell separator of a pipe or box-drawn table
_RULE = re.compile(rf"[ \t]*(?:[-=_*~+#.•·{_BOX_RULE_CHARS}{_BARS}][ \t]*){{3,}}")
_PIPE_RULE = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*(?::?-{2,}:?[ \t]*)?\|?[ \t]*")
_WIDE = re.compile(r"[ \t\u00a0]{2,}|\t")
_MARK = re.compile(r"[ \t\u00a0]+[·•∙⋅][ \t\u00a0]+")
_BLANKS = " \t\r\f\u00a0"


class LineKind(StrEnum):
    BLANK = "blank"
    PAGE_BREAK = "page_break"
    RULE = "rule"
    TEXT = "text"


class Splitter(StrEnum):
    NONE = "none"  # one cell
    PIPE = "pipe"
    TAB = "tab"
    SPACE = "space"  # two or more blanks
    MARK = "mark"  # a spaced middle dot or bullet ("13h00–14h30 · CBT Group · attended")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Line:
    """Line ``index``: ``text[start:end]`` (without its newline); ``cstart:cend`` its
    content without surrounding blanks; ``indent`` the column where the content begins."""

    index: int
    start: int
    end: int
    cstart: int
    cend: int
    kind: LineKind
    splitter: Splitter
    cells: tuple[Span, ...]

    @property
    def indent(self) -> int:
        return self.cstart - self.start

    @property
    def is_text(self) -> bool:
        return self.kind is LineKind.TEXT

    @property
    def is_break(self) -> bool:
        """A blank line, a rule or a page break: something that ends a paragraph."""
        return self.kind is not LineKind.TEXT


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _BLANKS:
        start += 1
    while end > start and text[end - 1] in _BLANKS:
        end -= 1
    return start, end


def _split(text: str, start: int, end: int, sep: re.Pattern[str]) -> tuple[Span, ...]:
    cells: list[Span] = []
    pos = start
    for m in sep.finditer(text, start, end):
        s, e = _strip(text, pos, m.start())
        if s < e:
            cells.append(Span(s, e))
        pos = m.end()
    s, e = _strip(text, pos, end)
    if s < e:
        cells.append(Span(s, e))
    return tuple(cells)


def _tab_cells(text: str, start: int, end: int) -> tuple[Span, ...]:
    """Cells between tabs; an empty cell is kept (a blank column of a tab-separated row)."""
    cells: list[Span] = []
    pos = start
    while True:
        tab = text.find("\t", pos, end)
        stop = end if tab == -1 else tab
        s, e = _strip(text, pos, stop)
        cells.append(Span(s, e) if s < e else Span(pos, pos))
        if tab == -1:
            return tuple(cells)
        pos = tab + 1


def _pipe_cells(text: str, start: int, end: int) -> tuple[Span, ...]:
    """Cells between pipes; an empty cell is kept (a blank column of a table row)."""
    cells: list[Span] = []
    bounds = [start - 1, *(m.start() for m in BAR.finditer(text, start, end)), end]
    leading = text[start] in _BARS
    trailing = text[end - 1] in _BARS
    for i in range(len(bounds) - 1):
        if (i == 0 and leading) or (i == len(bounds) - 2 and trailing):
            continue
        s, e = _strip(text, bounds[i] + 1, bounds[i + 1])
        cells.append(Span(s, e) if s < e else Span(bounds[i] + 1, bounds[i] + 1))
    return tuple(cells)


def _bars(text: str, start: int, end: int) -> int:
    """How many cell separators (pipes, box-drawing vertical lines) ``text[start:end]`` has."""
    return sum(1 for _ in BAR.finditer(text, start, end))


def _colon_aligned(text: str, cells: tuple[Span, ...]) -> tuple[Span, ...]:
    """Join a cell that begins with its colon to the label before it: blanks that align a
    form's colons ("Sched    : 0900-1030") do not separate cells."""
    if not any(text[c.start] == ":" for c in cells[1:]):
        return cells
    out: list[Span] = []
    for c in cells:
        if out and text[c.start] == ":":
            out[-1] = Span(out[-1].start, c.end)
        else:
            out.append(c)
    return tuple(out)


_BOX_CLOSE = {"[": "]", "(": ")"}


def _boxes_joined(text: str, cells: tuple[Span, ...]) -> tuple[Span, ...]:
    """Join the cells around the blanks of an empty check box ("[  ] 90834", "(   )
    Absent"): a box's inside does not separate cells."""
    out: list[Span] = []
    for c in cells:
        if out and out[-1].end > out[-1].start and c.end > c.start:
            close = _BOX_CLOSE.get(text[out[-1].end - 1])
            if close is not None and text[c.start] == close:
                out[-1] = Span(out[-1].start, c.end)
                continue
        out.append(c)
    return tuple(out)


_RANGE_WORD = re.compile(r"(?i:to|until|till|thru|through)")
_RANGE_LEFT = re.compile(r"(?i:\d|[ap]\.?m\.?)")


def _ranges_joined(text: str, cells: tuple[Span, ...]) -> tuple[Span, ...]:
    """Join the cells around a cell that is only the word of a range ("9:30am<tab>to<tab>
    11:00am", an RTF ``\\tab`` between a note's times): one value, not three cells."""
    if len(cells) < 3 or not any(_RANGE_WORD.fullmatch(text, c.start, c.end) for c in cells[1:-1]):
        return cells
    out: list[Span] = []
    i = 0
    while i < len(cells):
        c = cells[i]
        if (
            out
            and i + 1 < len(cells)
            and _RANGE_WORD.fullmatch(text, c.start, c.end)
            and out[-1].end > out[-1].start
            and _RANGE_LEFT.search(text[max(out[-1].start, out[-1].end - 4) : out[-1].end])
            and text[cells[i + 1].start : cells[i + 1].start + 1].isdigit()
        ):
            out[-1] = Span(out[-1].start, cells[i + 1].end)
            i += 2
            continue
        out.append(c)
        i += 1
    return tuple(out)


def classify(text: str, index: int, start: int, end: int) -> Line:
    cstart, cend = _strip(text, start, end)
    if cstart >= cend:
        kind = LineKind.PAGE_BREAK if "\f" in text[start:end] else LineKind.BLANK
        return Line(index, start, end, cstart, cstart, kind, Splitter.NONE, ())
    length = cend - cstart
    if length <= MAX_CELL_LINE and (
        _RULE.fullmatch(text, cstart, cend) or _PIPE_RULE.fullmatch(text, cstart, cend)
    ):
        return Line(index, start, end, cstart, cend, LineKind.RULE, Splitter.NONE, ())
    if (
        length > 2
        and text[cstart] in _BARS
        and text[cend - 1] in _BARS
        and _bars(text, cstart, cend) == 2
    ):
        # a line framed by a box's borders ("| Activity : Group      |"): its content is
        # what the frame holds, laid out like any line; an empty one is a blank line
        cstart, cend = _strip(text, cstart + 1, cend - 1)
        if cstart >= cend:
            return Line(index, start, end, cstart, cstart, LineKind.BLANK, Splitter.NONE, ())
        length = cend - cstart
    whole = (Span(cstart, cend),)
    if length > MAX_CELL_LINE:
        return Line(index, start, end, cstart, cend, LineKind.TEXT, Splitter.NONE, whole)
    pipes = _bars(text, cstart, cend)
    if pipes >= 2 or (pipes == 1 and text[cstart] in _BARS):
        cells = _pipe_cells(text, cstart, cend)
        if len(cells) >= 2:
            return Line(index, start, end, cstart, cend, LineKind.TEXT, Splitter.PIPE, cells)
    if "\t" in text[start:cend]:
        # leading tabs are empty cells ("\t\t\tGroup ..." under "Week\tDate\tDay\tService")
        lead = start if "\t" in text[start:cstart] else cstart
        cells = _ranges_joined(text, _tab_cells(text, lead, cend))
        if len(cells) >= 2:
            return Line(index, start, end, cstart, cend, LineKind.TEXT, Splitter.TAB, cells)
    cells = _split(text, cstart, cend, _WIDE)
    cells = _ranges_joined(text, _colon_aligned(text, _boxes_joined(text, cells)))
    if len(cells) >= 2:
        return Line(index, start, end, cstart, cend, LineKind.TEXT, Splitter.SPACE, cells)
    if _MARK.search(text, cstart, cend) is not None:
        cells = _split(text, cstart, cend, _MARK)
        if len(cells) >= 2:
            return Line(index, start, end, cstart, cend, LineKind.TEXT, Splitter.MARK, cells)
    return Line(index, start, end, cstart, cend, LineKind.TEXT, Splitter.NONE, whole)


def split_lines(text: str) -> tuple[Line, ...]:
    """Every line of ``text``, classified."""
    out: list[Line] = []
    pos = 0
    n = len(text)
    i = 0
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        out.append(classify(text, i, pos, end))
        i += 1
        if nl == -1:
            break
        pos = nl + 1
    return tuple(out)
