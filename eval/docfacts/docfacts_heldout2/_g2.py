"""Helpers of the ``docfacts_heldout2`` families: fictional clinicians and members with
their own name pools (hyphenated and particle surnames, initials), more date spellings,
and column tables."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from eval.docfacts.docfacts_dev._kit import chance, pick
from eval.docfacts.model import GoldSigner

GIVEN_F = (
    "Adaeze", "Bethany", "Consuelo", "Deirdre", "Esperanza", "Francesca", "Greta",
    "Hiroko", "Ingrid", "Josefina", "Keisha", "Leticia", "Marisol", "Noor", "Oksana",
    "Paulette", "Rosalind", "Siobhan", "Thandiwe", "Ursula", "Valentina", "Winona",
)  # fmt: skip
GIVEN_M = (
    "Alejandro", "Bartholomew", "Cedric", "Desmond", "Emeka", "Fernando", "Gideon",
    "Hamish", "Ignatius", "Joaquin", "Kwame", "Leopold", "Malcolm", "Nikolai", "Orlando",
    "Percival", "Rashid", "Sebastian", "Thaddeus", "Vikram", "Winston", "Zachariah",
)  # fmt: skip
SURNAMES = (
    "Achebe", "Bergstrom", "Cavanaugh", "Dimitriou", "Esposito", "Featherstone",
    "Gallagher-Reyes", "Halvorsen", "Ishikawa", "Jorgensen", "Kaczmarek", "Lachance",
    "MacAllister", "Nwachukwu", "O'Rourke", "Papadakis", "Quackenbush", "Rousseau",
    "Szymanski", "Tremblay", "Uchida", "Vasquez-Ortega", "Wojcik", "Yamamoto",
    "Zabrowski", "Abernathy-Cole", "Blackwood", "Castellanos", "Dufresne", "Eastman",
    "Fennimore", "Grimaldi", "Haverford", "Iglesias", "Jovanovic", "Kincaid",
    "Lindgren", "Montgomery", "Nakashima", "Oduya", "Pellegrino", "Rutherford",
    "Sandoval", "Takahashi", "Villanueva", "Whitaker", "Youngblood", "Zeller",
)  # fmt: skip

# gold credential -> how these charts write it
WRITTEN: dict[str, tuple[str, ...]] = {
    "MD": ("MD", "M.D."),
    "DO": ("DO", "D.O."),
    "PMHNP": ("PMHNP-BC", "PMHNP"),
    "APRN": ("APRN", "APRN-CNP"),
    "PA-C": ("PA-C",),
    "LCSW": ("LCSW",),
    "LMFT": ("LMFT",),
    "LMHC": ("LMHC",),
    "LPCC": ("LPCC",),
    "LPC": ("LPC",),
    "PHD": ("PhD", "Ph.D."),
    "PSYD": ("PsyD",),
    "CADC": ("CADC",),
    "RN": ("RN", "R.N."),
    "MA": ("MA", "M.A."),
}


@dataclass(frozen=True)
class Clin:
    """A fictional person; ``cred``: the credential as written (``None``: no credential),
    ``norm``: the gold's form of it."""

    first: str
    last: str
    cred: str | None = None
    norm: str | None = None

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def initial(self) -> str:
        """``F. Last``."""
        return f"{self.first[0]}. {self.last}"

    @property
    def signed(self) -> str:
        return f"{self.full}, {self.cred}" if self.cred else self.full

    def gold(self, *, credential: bool = True) -> GoldSigner:
        return GoldSigner(self.full, self.norm if credential else None)


class Roster:
    """Draws people whose surnames are distinct within one chart."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def person(self, norm: str | None = None, *, female: bool | None = None) -> Clin:
        rng = self.rng
        if female is None:
            female = chance(rng, 0.5)
        first = pick(rng, GIVEN_F if female else GIVEN_M)
        last = pick(rng, SURNAMES)
        while last in self.used:
            last = pick(rng, SURNAMES)
        self.used.add(last)
        cred = pick(rng, WRITTEN[norm]) if norm else None
        return Clin(first, last, cred, norm)


@dataclass(frozen=True)
class Client:
    who: Clin
    female: bool
    dob: dt.date
    mrn: str

    @property
    def she(self) -> str:
        return "she" if self.female else "he"

    @property
    def She(self) -> str:  # noqa: N802
        return self.she.capitalize()

    @property
    def her(self) -> str:
        return "her" if self.female else "his"

    @property
    def Her(self) -> str:  # noqa: N802
        return self.her.capitalize()

    @property
    def him(self) -> str:
        return "her" if self.female else "him"


def client(roster: Roster) -> Client:
    rng = roster.rng
    female = chance(rng, 0.5)
    who = roster.person(female=female)
    dob = dt.date(1958, 3, 1) + dt.timedelta(days=rng.randrange(0, 45 * 365))
    mrn = f"{rng.randrange(10, 99)}-{rng.randrange(100000, 999999)}"
    return Client(who, female, dob, mrn)


def start_day(rng: random.Random) -> dt.date:
    """A Monday between November 2025 and April 2026."""
    return dt.date(2025, 11, 3) + dt.timedelta(weeks=rng.randrange(0, 24))


DateForm = Literal["mdy", "mdyy", "iso", "long", "mon", "dmy", "nopad", "dow"]


def day_str(day: dt.date, form: DateForm = "mdy") -> str:
    """01/05/2026, 01/05/26, 2026-01-05, January 5, 2026, Jan. 5, 2026, 05JAN2026, 1/5/2026,
    Mon 01/05/2026."""
    if form == "mdy":
        return f"{day:%m/%d/%Y}"
    if form == "mdyy":
        return f"{day:%m/%d/%y}"
    if form == "iso":
        return day.isoformat()
    if form == "long":
        return f"{day:%B} {day.day}, {day.year}"
    if form == "mon":
        month = f"{day:%b}" + ("." if day.month != 5 else "")
        return f"{month} {day.day}, {day.year}"
    if form == "dmy":
        return f"{day:%d%b%Y}".upper()
    if form == "nopad":
        return f"{day.month}/{day.day}/{day.year}"
    return f"{day:%a} {day:%m/%d/%Y}"


def hhmm(rng: random.Random, lo: int = 8, hi: int = 18) -> str:
    return f"{rng.randrange(lo, hi):02d}:{rng.randrange(0, 60):02d}"


def grid(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> list[str]:
    """A column table without rules: a header, a dashed underline, one line per row."""

    def line(cells: Sequence[str]) -> str:
        return "  ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]
