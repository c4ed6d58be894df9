"""PDF helpers for the development families (fpdf2 core fonts, so latin-1 text only).

Each PDF has a running header (program, document title, member) and a "Page N of M"
footer, like an EHR's print-to-PDF. The creation date is fixed by the caller so that
generation is deterministic (same bytes every run).
"""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from eval.generality.model import ChartFile

_REPLACE = {
    "–": "-",
    "—": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "•": "-",
}


def latin1(text: str) -> str:
    """The text with dashes and quotes the core fonts cannot show replaced."""
    for a, b in _REPLACE.items():
        text = text.replace(a, b)
    return text.encode("latin-1", errors="replace").decode("latin-1")


class ChartPDF(FPDF):
    """A letter-size chart PDF with a running header and a page footer."""

    def __init__(self, program: str, title: str, member: str, *, landscape: bool = False) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="letter")
        self.program = latin1(program)
        self.doc_title = latin1(title)
        self.member = latin1(member)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=18)
        self.alias_nb_pages()

    def header(self) -> None:
        self.set_font("Helvetica", "B", 10)
        self.cell(0, 5, self.program, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, f"{self.doc_title}  |  {self.member}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")

    # ------------------------------------------------------------------ writing helpers

    def line_text(self, text: str, *, bold: bool = False, size: float = 9.5, h: float = 5) -> None:
        """One line of text (wrapped if too long)."""
        self.set_font("Helvetica", "B" if bold else "", size)
        self.multi_cell(0, h, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def rule(self, gap: float = 2) -> None:
        self.ln(gap)
        y = self.get_y()
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(gap)

    def fits(self, height: float) -> bool:
        """Whether ``height`` mm fit above the bottom margin of the current page."""
        return self.get_y() + height <= self.h - self.b_margin

    def to_file(self, name: str, created: dt.date) -> ChartFile:
        self.set_creation_date(
            dt.datetime(created.year, created.month, created.day, 17, 0, tzinfo=dt.UTC)
        )
        return ChartFile(name, bytes(self.output()))
