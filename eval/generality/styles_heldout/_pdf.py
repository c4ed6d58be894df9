"""A small fpdf2 layer for the held-out families' PDF exports (not a family itself).

Pages carry a running header (repeated on every page, as report writers print them) and a
"Page n of N" footer; tables repeat their column header after a page break. The output is
deterministic: the creation date is fixed by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from fpdf import FPDF

_LATIN = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": "*",
        "\u2026": "...",
    }
)


def latin(text: str) -> str:
    """Text the core PDF fonts can show (they are Latin-1)."""
    return text.translate(_LATIN).encode("latin-1", "replace").decode("latin-1")


class ReportPdf(FPDF):
    """A report with a running header and a page footer."""

    def __init__(
        self,
        *,
        created: dt.date,
        header_lines: Callable[[int], Sequence[str]] = lambda _page: (),
        footer_text: str = "Page {page} of {nb}",
        font: str = "Helvetica",
        size: float = 9,
        landscape: bool = False,
    ) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="Letter")
        self._header_lines = header_lines
        self._footer_text = footer_text
        self._font = font
        self._size = size
        self._table_head: tuple[Sequence[str], Sequence[float]] | None = None
        stamp = dt.datetime(created.year, created.month, created.day, 8, 0, tzinfo=dt.UTC)
        self.set_creation_date(stamp)
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(14, 12, 14)
        self.alias_nb_pages()
        self.set_font(font, size=size)

    # ------------------------------------------------------------------ page furniture

    def header(self) -> None:
        lines = list(self._header_lines(self.page_no()))
        if lines:
            self.set_font(self._font, "B", self._size + 1)
            self.cell(0, 5, latin(lines[0]), new_x="LMARGIN", new_y="NEXT")
            self.set_font(self._font, "", self._size)
            for line in lines[1:]:
                self.cell(0, 4.5, latin(line), new_x="LMARGIN", new_y="NEXT")
            y = self.get_y() + 1
            self.line(self.l_margin, y, self.w - self.r_margin, y)
            self.set_y(y + 2)
        if self._table_head is not None and self.page_no() > 1:
            self._draw_head(*self._table_head)

    def footer(self) -> None:
        if not self._footer_text:
            return
        self.set_y(-12)
        self.set_font(self._font, "", self._size - 1)
        text = self._footer_text.format(page=self.page_no(), nb="{nb}")
        self.cell(0, 5, latin(text), align="C")
        self.set_font(self._font, "", self._size)

    # ------------------------------------------------------------------ text

    def line_text(
        self, text: str, *, bold: bool = False, size: float | None = None, height: float = 4.6
    ) -> None:
        self.set_font(self._font, "B" if bold else "", size or self._size)
        self.multi_cell(0, height, latin(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font(self._font, "", self._size)

    def gap(self, h: float = 2.5) -> None:
        self.ln(h)

    def rule(self) -> None:
        y = self.get_y() + 1
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_y(y + 2)

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    # ------------------------------------------------------------------ tables

    def _draw_head(self, head: Sequence[str], widths: Sequence[float]) -> None:
        self.set_font(self._font, "B", self._size)
        for text, w in zip(head, widths, strict=True):
            self.cell(w, 5.5, latin(text), border=1)
        self.ln(5.5)
        self.set_font(self._font, "", self._size)

    def grid(
        self,
        head: Sequence[str],
        widths: Sequence[float],
        rows: Sequence[Sequence[str]],
        *,
        row_height: float = 5.0,
    ) -> None:
        """A bordered table whose header is repeated on every page it runs onto."""
        self.keep(row_height * 3)
        self._table_head = (head, widths)
        self._draw_head(head, widths)
        for row in rows:
            if self.get_y() + row_height > self.page_break_trigger:
                self.add_page()  # header() redraws the column header
            for text, w in zip(row, widths, strict=True):
                self.cell(w, row_height, latin(text), border=1)
            self.ln(row_height)
        self._table_head = None

    def data(self) -> bytes:
        return bytes(self.output())
