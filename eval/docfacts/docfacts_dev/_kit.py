"""Shared helpers of the ``docfacts_dev`` families: fictional people, date formats, line
wrapping and a minimal text-PDF writer (standard Type1 Helvetica, one text object per
line, so that pypdf extracts the words line by line)."""

from __future__ import annotations

import datetime as dt
import random
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from eval.docfacts.model import DocFile, GoldSigner

T = TypeVar("T")

FIRST_F = (
    "Alicia", "Brenda", "Carmen", "Danielle", "Erin", "Fatima", "Gloria", "Hannah",
    "Imani", "Jasmine", "Kayla", "Lauren", "Mariah", "Naomi", "Olivia", "Priya",
    "Rachel", "Sabrina", "Tamara", "Vanessa", "Whitney", "Yolanda", "Celeste", "Dana",
)  # fmt: skip
FIRST_M = (
    "Aaron", "Brandon", "Caleb", "Darius", "Elijah", "Franco", "Gavin", "Hector",
    "Isaac", "Jamal", "Kevin", "Luis", "Marcus", "Nathan", "Omar", "Patrick",
    "Raymond", "Samuel", "Trevor", "Victor", "Wesley", "Xavier", "Derek", "Colin",
)  # fmt: skip
LAST = (
    "Abernathy", "Bautista", "Castellano", "Delacroix", "Eberhardt", "Fairbanks",
    "Galloway", "Hargrove", "Iverson", "Jablonski", "Kowalczyk", "Lindqvist",
    "Mancuso", "Nakamura", "Okonkwo", "Pemberton", "Quintero", "Rasmussen",
    "Santorelli", "Thibodeaux", "Underwood", "Valdivia", "Whitcombe", "Yarborough",
    "Zielinski", "Ashworth", "Brannigan", "Cordova", "Dunleavy", "Escobedo",
    "Fitzhugh", "Gustafson", "Holloway", "Ingram", "Jaramillo", "Kettering",
    "Lombardi", "Mwangi", "Northcutt", "Ostrowski", "Prescott", "Rinaldi",
    "Stanislaw", "Trujillo", "Vanderpool", "Wakefield", "Ybarra", "Zamora",
    "Harlan", "Oyelaran", "Petrakis", "Sorensen", "Tavares", "Umeh",
)  # fmt: skip

# normalized credential -> the ways a chart writes it
CRED_FORMS: dict[str, tuple[str, ...]] = {
    "MD": ("MD", "M.D."),
    "DO": ("DO", "D.O."),
    "PMHNP": ("PMHNP-BC", "PMHNP"),
    "APRN": ("APRN",),
    "NP": ("NP", "N.P."),
    "LCSW": ("LCSW", "L.C.S.W."),
    "LPC": ("LPC", "L.P.C."),
    "LCPC": ("LCPC",),
    "LMFT": ("LMFT",),
    "LMHC": ("LMHC",),
    "PSYD": ("PsyD", "Psy.D."),
    "PHD": ("PhD", "Ph.D."),
    "CADC": ("CADC",),
    "LADC": ("LADC",),
    "RN": ("RN", "R.N."),
}


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    return seq[rng.randrange(len(seq))]


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


@dataclass(frozen=True)
class Who:
    """A fictional person. ``cred``: the credential as this chart writes it (``None``:
    written without one); ``norm``: the gold's form of it."""

    first: str
    last: str
    cred: str | None = None
    norm: str | None = None

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def signed(self) -> str:
        """``First Last, CRED`` (or the name alone)."""
        return f"{self.full}, {self.cred}" if self.cred else self.full

    def gold(self, *, credential: bool = True) -> GoldSigner:
        return GoldSigner(self.full, self.norm if credential else None)


class People:
    """Draws people with last names distinct within one chart (the scorer matches signers
    by last name)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def person(self, norm: str | None = None, *, female: bool | None = None) -> Who:
        rng = self.rng
        if female is None:
            female = chance(rng, 0.55)
        first = pick(rng, FIRST_F if female else FIRST_M)
        last = pick(rng, LAST)
        while last in self.used:
            last = pick(rng, LAST)
        self.used.add(last)
        cred = pick(rng, CRED_FORMS[norm]) if norm else None
        return Who(first, last, cred, norm)


@dataclass(frozen=True)
class Member:
    who: Who
    female: bool
    dob: dt.date
    mrn: str

    @property
    def she(self) -> str:
        return "she" if self.female else "he"

    @property
    def her(self) -> str:
        """Possessive / object pronoun."""
        return "her" if self.female else "his"

    @property
    def him(self) -> str:
        return "her" if self.female else "him"

    @property
    def She(self) -> str:  # noqa: N802
        return self.she.capitalize()

    @property
    def Her(self) -> str:  # noqa: N802
        return self.her.capitalize()

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.dob.year
        if (day.month, day.day) < (self.dob.month, self.dob.day):
            years -= 1
        return years


def member(people: People, *, adolescent: bool = False) -> Member:
    rng = people.rng
    female = chance(rng, 0.55)
    who = people.person(female=female)
    if adolescent:
        dob = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(0, 3 * 365))
    else:
        dob = dt.date(1952, 1, 1) + dt.timedelta(days=rng.randrange(0, 48 * 365))
    mrn = str(rng.randrange(100000, 9999999)).zfill(7)
    return Member(who, female, dob, mrn)


def admission(rng: random.Random) -> dt.date:
    """A Monday between October 2025 and mid-March 2026."""
    start = dt.date(2025, 10, 6)  # a Monday
    return start + dt.timedelta(weeks=rng.randrange(0, 23))


def plus(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


# --------------------------------------------------------------------------- dates

DateStyle = Literal["us", "us_short", "iso", "long", "abbr", "dmy"]


def fmt(day: dt.date, style: DateStyle = "us") -> str:
    if style == "us":
        return day.strftime("%m/%d/%Y")
    if style == "us_short":
        return f"{day.month}/{day.day}/{day.year}"
    if style == "iso":
        return day.isoformat()
    if style == "long":
        return f"{day:%B} {day.day}, {day.year}"
    if style == "abbr":
        return f"{day:%b} {day.day}, {day.year}"
    return day.strftime("%d-%b-%Y")


def clock(rng: random.Random, *, h24: bool = False, lo: int = 8, hi: int = 17) -> str:
    hour = rng.randrange(lo, hi)
    minute = rng.randrange(0, 60)
    if h24:
        return f"{hour:02d}:{minute:02d}"
    suffix = "AM" if hour < 12 else "PM"
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {suffix}"


# --------------------------------------------------------------------------- text


def wrap(text: str, width: int = 88, indent: str = "", first: str | None = None) -> list[str]:
    """Word-wrapped lines (never breaks a word or at a hyphen)."""
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def para(text: str, width: int = 88, indent: str = "") -> str:
    return "\n".join(wrap(text, width, indent))


def txt(name: str, text: str) -> DocFile:
    if not text.endswith("\n"):
        text += "\n"
    return DocFile(name, text.encode("utf-8"))


# --------------------------------------------------------------------------- PDF


def _pdf_escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(
    lines: Sequence[str],
    *,
    lines_per_page: int = 58,
    font_size: float = 9.5,
    footer: str | None = None,
) -> bytes:
    """A text PDF: letter pages, Helvetica (WinAnsiEncoding), one BT/ET object per line.
    ``footer`` (may hold ``{page}`` and ``{pages}``) is written at the foot of each page."""
    pages: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line == "\f":
            pages.append(current)
            current = []
            continue
        current.append(line)
        if len(current) >= lines_per_page:
            pages.append(current)
            current = []
    if current or not pages:
        pages.append(current)

    leading = font_size * 1.32
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # pages, filled below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    kids: list[int] = []
    for number, page in enumerate(pages, start=1):
        parts: list[bytes] = []
        y = 792 - 54.0
        for line in page:
            if line.strip():
                bold = line.startswith("**")
                text = line[2:] if bold else line
                font = b"/F2" if bold else b"/F1"
                parts.append(
                    b"BT "
                    + font
                    + f" {font_size:g} Tf 1 0 0 1 54 {y:.2f} Tm (".encode()
                    + _pdf_escape(text)
                    + b") Tj ET"
                )
            y -= leading
        if footer:
            foot = footer.format(page=number, pages=len(pages))
            parts.append(b"BT /F1 8 Tf 1 0 0 1 54 30 Tm (" + _pdf_escape(foot) + b") Tj ET")
        stream = b"\n".join(parts)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            b" /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >>"
            b" /Contents %d 0 R >>" % content_id
        )
        kids.append(len(objects))
    objects[1] = (
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % k for k in kids)
        + b"] /Count %d >>" % len(kids)
    )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf(name: str, text: str, *, footer: str | None = None, lines_per_page: int = 58) -> DocFile:
    """A PDF of ``text`` (a form feed starts a new page; ``**`` starts a bold line)."""
    lines = [
        line if line == "\f" else line.rstrip() for line in text.replace("\f", "\n\f\n").split("\n")
    ]
    return DocFile(name, pdf_bytes(lines, footer=footer, lines_per_page=lines_per_page))


# --------------------------------------------------------------------------- diagnoses


@dataclass(frozen=True)
class Dx:
    """A diagnosis: ICD-10-CM code, its name as charts write it, and a key the families
    use to pick symptom wording."""

    code: str
    name: str
    key: Literal["mdd", "gad", "ptsd", "bipolar", "panic", "aud", "oud", "stim"]


MH_DX: tuple[Dx, ...] = (
    Dx("F33.1", "Major depressive disorder, recurrent, moderate", "mdd"),
    Dx("F33.2", "Major depressive disorder, recurrent, severe without psychotic features", "mdd"),
    Dx("F32.2", "Major depressive disorder, single episode, severe without psychotic features",
       "mdd"),
    Dx("F41.1", "Generalized anxiety disorder", "gad"),
    Dx("F43.10", "Post-traumatic stress disorder, unspecified", "ptsd"),
    Dx("F43.12", "Post-traumatic stress disorder, chronic", "ptsd"),
    Dx("F31.81", "Bipolar II disorder", "bipolar"),
    Dx("F41.0", "Panic disorder", "panic"),
)  # fmt: skip

SUD_DX: tuple[Dx, ...] = (
    Dx("F10.20", "Alcohol use disorder, moderate", "aud"),
    Dx("F10.20", "Alcohol use disorder, severe", "aud"),
    Dx("F11.20", "Opioid use disorder, severe", "oud"),
    Dx("F15.20", "Stimulant use disorder, amphetamine-type substance, moderate", "stim"),
    Dx("F14.20", "Stimulant use disorder, cocaine, severe", "stim"),
)


def workday(day: dt.date) -> dt.date:
    """``day``, or the Monday after it when it falls on a weekend."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)
