"""Render the PDF documents of the example charts from their text sources.

Each ``examples/_sources/<chart>/<name>.txt`` becomes ``examples/<chart>/<name>.pdf``:
plain text, one source line per PDF line, core font Helvetica (latin-1 only), US Letter
portrait. A form feed (``\\f``) on its own line forces a page break; long documents also
break naturally. Output is byte-stable: the creation date and the file id are fixed, so
re-running the script rewrites identical files (and the chart's document ids, the sha256
of the file bytes, do not change).

Run from the repository root::

    .venv/bin/python examples/render_pdfs.py            # render all
    .venv/bin/python examples/render_pdfs.py --check    # fail if a PDF is missing/stale
    .venv/bin/python examples/render_pdfs.py --root eval/charts   # the eval set's PDFs
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from fpdf import FPDF

EXAMPLES = Path(__file__).resolve().parent

# Fixed metadata so the bytes never depend on when or where the script runs.
CREATION_DATE = dt.datetime(2025, 5, 1, 12, 0, 0, tzinfo=dt.UTC)
FONT = "Helvetica"
FONT_SIZE = 10.0
MIN_FONT_SIZE = 7.0
LINE_HEIGHT_FACTOR = 0.5  # mm of line height per pt of font size (10 pt -> 5 mm)
MARGIN_MM = 18.0


class ChartPDF(FPDF):
    """A page footer with the page number, like most EHR print-outs."""

    def __init__(self, footer_label: str) -> None:
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.footer_label = footer_label

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.cell(0, 4, f"{self.footer_label} - Page {self.page_no()} of {{nb}}", align="C")


def _check_latin1(name: str, text: str) -> None:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError as exc:  # the core fonts cannot show it
        bad = text[exc.start : exc.end]
        line = text.count("\n", 0, exc.start) + 1
        raise SystemExit(f"{name}:{line}: character {bad!r} is not latin-1") from exc


def render_text(text: str, title: str) -> bytes:
    """Render plain text to PDF bytes (also used by benchmarks/bench_review.py).

    ``title`` goes into the page footer and the document info; the output depends only on
    ``text``, ``title`` and the fpdf2 version.
    """
    text = text.replace("\r\n", "\n")
    _check_latin1(title, text)
    lines = text.rstrip("\n").split("\n")

    pdf = ChartPDF(footer_label=title.replace("_", " "))
    # fpdf2's file id (/ID) is an md5 of the content and the creation date, so fixing the
    # creation date is enough for byte-stable output.
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_creator("chartreview examples/render_pdfs.py")
    pdf.set_title(title)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=MARGIN_MM)
    pdf.alias_nb_pages()

    # Shrink the font until the widest line fits (no wrapping: a wrapped table row
    # would split in the text layer).
    size = FONT_SIZE
    width = pdf.w - 2 * MARGIN_MM
    while size > MIN_FONT_SIZE:
        pdf.set_font(FONT, size=size)
        if max(pdf.get_string_width(line) for line in lines) <= width:
            break
        size -= 0.5
    pdf.set_font(FONT, size=size)
    line_height = size * LINE_HEIGHT_FACTOR

    pdf.add_page()
    for line in lines:
        if line == "\f":
            pdf.add_page()
            continue
        # One font throughout keeps the extracted text layer predictable.
        pdf.cell(width, line_height, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def render(source: Path) -> bytes:
    """Render one text source file; return the PDF bytes."""
    return render_text(source.read_text(encoding="utf-8"), source.stem)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if any PDF is missing or stale"
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=EXAMPLES,
        help="folder holding the chart folders and _sources/ (default: examples/)",
    )
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    sources_dir = root / "_sources"

    sources = sorted(sources_dir.glob("*/*.txt"))
    if not sources:
        print(f"no sources under {sources_dir}", file=sys.stderr)
        return 1
    stale = 0
    for source in sources:
        chart_dir = root / source.parent.name
        if not chart_dir.is_dir():
            raise SystemExit(f"{source}: no chart folder {chart_dir}")
        target = chart_dir / f"{source.stem}.pdf"
        data = render(source)
        current = target.read_bytes() if target.exists() else None
        rel = target.relative_to(root)
        if args.check:
            if current != data:
                stale += 1
                print(f"STALE  {rel}")
            else:
                print(f"ok     {rel}")
            continue
        if current != data:
            target.write_bytes(data)
            print(f"wrote  {rel} ({len(data)} bytes)")
        else:
            print(f"same   {rel}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
