"""Shared helpers of the held-out families: names, dates, credentials, wrapping and a
minimal text-PDF writer (Type1 Helvetica, one text object per line)."""

from __future__ import annotations

import datetime as dt
import random
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from eval.docfacts.model import DocFile, GoldSigner

T = TypeVar("T")

FIRST_NAMES: tuple[str, ...] = (
    "Adriana",
    "Bennett",
    "Corinne",
    "Desmond",
    "Elena",
    "Fitzgerald",
    "Giselle",
    "Harlan",
    "Imogen",
    "Jasper",
    "Kenji",
    "Lucinda",
    "Marisol",
    "Nikolai",
    "Odessa",
    "Percival",
    "Quinn",
    "Rosalind",
    "Soren",
    "Tamsin",
    "Ulises",
    "Verity",
    "Wendell",
    "Ximena",
    "Yusuf",
    "Zora",
    "Anneliese",
    "Bartholomew",
    "Cordelia",
    "Dashiell",
    "Esperanza",
    "Florian",
    "Graciela",
    "Horatio",
    "Ingrid",
    "Jolene",
    "Leopold",
    "Magnolia",
    "Nadia",
    "Osvaldo",
    "Priya",
    "Rafferty",
    "Sunniva",
    "Thaddeus",
)
LAST_NAMES: tuple[str, ...] = (
    "Abernathy",
    "Bancroft",
    "Castellanos",
    "Drummond",
    "Eckhardt",
    "Fairweather",
    "Galloway",
    "Halvorsen",
    "Ingersoll",
    "Jaramillo",
    "Kettering",
    "Lindqvist",
    "Montoya",
    "Nakashima",
    "Okonkwo",
    "Pemberton",
    "Quintanilla",
    "Rasmussen",
    "Szymanski",
    "Thibodeaux",
    "Underhill",
    "Vasquez-Ruiz",
    "Whitcombe",
    "Yarborough",
    "Zelenko",
    "Amundsen",
    "Beaumont",
    "Cavanaugh",
    "Delacroix",
    "Esterhazy",
    "Fontaine",
    "Gustafson",
    "Hargreaves",
    "Iwasaki",
    "Kowalczyk",
    "Lachance",
    "Mbeki",
    "Northcutt",
    "Oyelaran",
    "Prendergast",
    "Rourke",
    "Stavros",
    "Trujillo",
    "Villanueva",
    "Wojcik",
    "Achterberg",
    "Brannigan",
    "Chaudhry",
    "Dunleavy",
)


class Names:
    """Fictional people of one chart, never two with the same last name."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.used_first: set[str] = set()

    def person(self) -> tuple[str, str]:
        while True:
            last = self.rng.choice(LAST_NAMES)
            first = self.rng.choice(FIRST_NAMES)
            if last not in self.used and first not in self.used_first:
                self.used.add(last)
                self.used_first.add(first)
                return first, last


@dataclass(frozen=True)
class Clin:
    """A clinician: first and last name, the credential as written and as normalized."""

    first: str
    last: str
    cred: str  # as written ("M.D.", "PMHNP-BC", "MD/PhD")
    gold_cred: str | None  # first credential, upper case, no dots

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    def with_cred(self, sep: str = ", ") -> str:
        return f"{self.full}{sep}{self.cred}" if self.cred else self.full

    def signer(self) -> GoldSigner:
        return GoldSigner(self.full, self.gold_cred)


def norm_cred(written: str) -> str | None:
    """The first credential of a written credential string, upper case without dots."""
    if not written.strip():
        return None
    first = written.replace("/", ",").split(",")[0].strip()
    return first.replace(".", "").upper()


PHYSICIAN_CREDS = ("MD", "M.D.", "DO", "D.O.", "MD/PhD", "MD, FAPA", "M.D., DFAPA")
NPP_CREDS = ("PMHNP-BC", "NP-C", "APRN", "PMHNP", "PA-C", "APRN, PMHNP-BC")
THERAPIST_CREDS = (
    "LCSW",
    "LCSW-C",
    "LICSW",
    "LPC",
    "LPC-S",
    "LMHC",
    "LMFT",
    "LCPC",
    "PsyD",
    "Ph.D.",
    "LMSW",
    "L.C.S.W.",
)
SUD_CREDS = ("CADC", "LADC", "CADC-II", "LAC", "LCADC")


def clin(names: Names, creds: Sequence[str]) -> Clin:
    first, last = names.person()
    cred = names.rng.choice(list(creds))
    return Clin(first, last, cred, norm_cred(cred))


# ----------------------------------------------------------------------------- dates


def start_date(rng: random.Random) -> dt.date:
    """An admission date in 2025-2026 leaving room for a 90-day episode."""
    base = dt.date(2025, 3, 3)
    return base + dt.timedelta(days=rng.randrange(0, 560))


def weekday_on_or_after(d: dt.date, weekday: int) -> dt.date:
    return d + dt.timedelta(days=(weekday - d.weekday()) % 7)


def business(d: dt.date) -> dt.date:
    """``d`` moved forward to a Monday-Friday."""
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def mdy(d: dt.date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def mdy_short(d: dt.date) -> str:
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def mdy_loose(d: dt.date) -> str:
    return f"{d.month}/{d.day}/{d.year}"


def iso(d: dt.date) -> str:
    return d.isoformat()


def long_date(d: dt.date) -> str:
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def dmy_abbr(d: dt.date) -> str:
    return f"{d.day:02d}-{d.strftime('%b')}-{d.year}"


def day_mon_year(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%b')} {d.year}"


DATE_STYLES = (mdy, mdy_loose, iso, long_date, dmy_abbr, day_mon_year)


def clock(rng: random.Random, lo: int = 8, hi: int = 18) -> str:
    h = rng.randrange(lo, hi)
    m = rng.choice((2, 7, 11, 19, 24, 33, 38, 41, 47, 52, 56))
    suffix = "AM" if h < 12 else "PM"
    h12 = h if h <= 12 else h - 12
    return f"{h12}:{m:02d} {suffix}"


def clock24(rng: random.Random, lo: int = 8, hi: int = 19) -> str:
    return f"{rng.randrange(lo, hi):02d}{rng.randrange(0, 60):02d}"


# ----------------------------------------------------------------------------- text


def wrap(text: str, width: int = 88, indent: str = "", first: str | None = None) -> str:
    """``text`` wrapped at ``width``, later lines indented by ``indent``."""
    return textwrap.fill(
        text,
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def lines_of(blocks: Iterable[str]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        out.extend(b.split("\n"))
    return out


def text_file(name: str, text: str) -> DocFile:
    return DocFile(name, (text.rstrip() + "\n").encode("utf-8"))


# ----------------------------------------------------------------------------- PDF

_PDF_SUBST = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2265": ">=",
    "\u2264": "<=",
    "\u2019": "'",
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2022": "*",
    "\u2610": "[ ]",
    "\u2612": "[X]",
    "\u2713": "X",
}


def pdf_safe(line: str) -> str:
    for a, b in _PDF_SUBST.items():
        line = line.replace(a, b)
    return line.encode("ascii", "replace").decode("ascii")


def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_file(
    name: str,
    lines: Sequence[str],
    *,
    font_size: float = 9.5,
    per_page: int = 56,
    header: str | None = None,
    footer: str | None = None,
) -> DocFile:
    """A text PDF: one Helvetica text object per line, ``per_page`` lines a page.
    ``header``/``footer`` repeat on every page (the footer may hold ``{page}`` and
    ``{pages}``)."""
    body = [pdf_safe(x.rstrip()) for x in lines]
    chunks = [body[i : i + per_page] for i in range(0, len(body), per_page)] or [[]]
    n = len(chunks)
    objects: list[bytes] = []
    # 1 catalog, 2 pages, 3 font, 4 bold font; then (page, content) pairs
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(n))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    leading = font_size * 1.32
    for i, chunk in enumerate(chunks):
        ops: list[str] = []
        y = 750.0
        page_lines: list[tuple[str, str, float]] = []
        if header:
            page_lines.append(("F2", pdf_safe(header), 8.0))
        page_lines += [("F1", line, font_size) for line in chunk]
        for font, line, size in page_lines:
            if line.strip():
                ops.append(
                    f"BT /{font} {size:g} Tf 1 0 0 1 54 {y:.2f} Tm ({_pdf_escape(line)}) Tj ET"
                )
            y -= leading
        if footer:
            text = pdf_safe(footer.format(page=i + 1, pages=n))
            ops.append(f"BT /F1 7.5 Tf 1 0 0 1 54 30 Tm ({_pdf_escape(text)}) Tj ET")
        stream = "\n".join(ops).encode("latin-1")
        page_no = 5 + 2 * i
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
            f"/Contents {page_no + 1} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for num, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return DocFile(name, bytes(out))


# ----------------------------------------------------------------------------- misc


def pick(rng: random.Random, options: Sequence[T]) -> T:
    return options[rng.randrange(len(options))]


def blank_line(label: str, width: int = 28) -> str:
    return f"{label}: {'_' * width}"


def join_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
