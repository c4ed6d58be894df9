"""The member's date of birth and stated age (``optum-idaho-iop.age``).

Forms: "DOB: 04/12/1988", "Date of Birth: April 12, 1988", "| DOB | 04/12/1988 |"
(lexicon label ``date_of_birth``), "DOB 04/12/1988", "Age: 36", "Age/Sex: 36/F" (label
``age``), "Member age: 36", and in prose "36-year-old", "thirty-six-year-old", "36 year old",
"36 y/o", "36 yo", "age 36", "36 years of age". ``age_on`` is the document date
when an age is stated.

Ages of other people and of the past are skipped: "her 8-year-old son", "a 36-year-old
friend", "at age 15", "when she was a 7-year-old", "Cannabis: first use age 13". A date of
birth after the document date is not one.

The mentions of a document with a single date of birth and a single age give one
:class:`Member` with every mention as evidence; when a document states different values,
each value gets its own fact so that the rules see the conflict.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from core.data import Evidence
from core.facts import Member
from extract.deterministic.common import DocInput, source
from extract.deterministic.fields import field
from extract.deterministic.mentions import cue_text, may_match, rx, vocabulary
from extract.values.dates import first_date

_MAX_AGE = 120
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_VALUES = {
    **{w: n for n, w in enumerate(_UNITS, 1)},
    **{w: n for n, w in enumerate(_TEENS, 10)},
    **{w: n for n, w in enumerate(_TENS, 2)},
}
# "DOB 04/12/2009", "(DOB 04/12/2009)": no colon, so no lexicon field
_DOB_PHRASE = re.compile(
    r"(?<![A-Za-z])(?:DOB|D\.O\.B\.?|date of birth)[ \t]*[#-]?[ \t]*(?=\d)",
    re.IGNORECASE,
)


def _number(text: str) -> int:
    """An age written in digits or words ("16", "sixteen", "forty-two")."""
    if text.isdigit():
        return int(text)
    tens, _, unit = text.lower().partition("-")
    value = _WORD_VALUES[tens] * (10 if tens in _TENS else 1)
    return value + (_WORD_VALUES[unit] if unit else 0)


_FIELD_AGE = re.compile(r"\s*(\d{1,3})(?![\d/.-]\d)")


@dataclass(frozen=True, slots=True)
class _Found:
    """A date of birth or an age, with its evidence and the pattern that found it."""

    evidence: Evidence
    pattern: str
    date_of_birth: dt.date | None = None
    age: int | None = None


@cache
def _not_member() -> tuple[re.Pattern[str], re.Pattern[str]]:
    vocab = vocabulary().member
    before = rx([rf"(?<![A-Za-z])(?:{w})\W*$" for w in vocab.not_member_before])
    after = rx([rf"^\W*(?:{w})(?:s|es)?(?![A-Za-z])" for w in vocab.not_member_after])
    return before, after


def _dates_of_birth(doc: DocInput) -> Iterator[_Found]:
    for page in doc.pages():
        text = page.text
        fields = [(f.label_start, f.start, f.end) for f in field(text, "date_of_birth")]
        phrases = [
            (m.start(), m.end(), m.end() + 10)  # the date right after the label
            for m in (_DOB_PHRASE.finditer(text) if may_match(cue_text(text), _DOB_PHRASE) else ())
            if not any(start <= m.start() < end for start, _, end in fields)
        ]
        for label_start, start, end in fields + phrases:
            d = first_date(text, start, end)
            if d is None or (doc.date is not None and d.date > doc.date):
                continue
            yield _Found(
                doc.evidence(page, label_start, d.end),
                "member.date_of_birth",
                date_of_birth=d.date,
            )


def _ages(doc: DocInput) -> Iterator[_Found]:
    before, after = _not_member()
    all_phrases = [rx([p]) for p in vocabulary().member.age_phrases]
    for page in doc.pages():
        text = page.text
        low = cue_text(text)  # a phrase none of whose cues the page holds is not searched
        phrases = [p for p in all_phrases if may_match(low, p)]
        for f in field(text, "age"):
            m = _FIELD_AGE.match(text, f.start, f.end)
            if m is not None and 0 < int(m.group(1)) <= _MAX_AGE:
                yield _Found(
                    doc.evidence(page, f.label_start, m.end()),
                    "member.age_field",
                    age=int(m.group(1)),
                )
        for m in (m for pattern in phrases for m in pattern.finditer(text)):
            age = _number(m.group("age"))
            line_start = text.rfind("\n", 0, m.start()) + 1
            if not 0 < age <= _MAX_AGE or before.search(
                text[max(line_start, m.start() - 12) : m.start()]
            ):
                continue
            if after.search(text[m.end() : m.end() + 30]):
                continue
            yield _Found(doc.evidence(page, m.start(), m.end()), "member.age_phrase", age=age)


def _member(doc: DocInput, found: list[_Found]) -> Member:
    dob = next((f.date_of_birth for f in found if f.date_of_birth is not None), None)
    age = next((f.age for f in found if f.age is not None), None)
    return Member(
        date_of_birth=dob,
        age=age,
        age_on=doc.date if age is not None else None,
        evidence=tuple(dict.fromkeys(f.evidence for f in found)),
        source=source(found[0].pattern),
    )


def extract_member(doc: DocInput) -> list[Member]:
    """Date of birth and age the document states about the member."""
    dobs = list(_dates_of_birth(doc))
    ages = list(_ages(doc))
    if not dobs and not ages:
        return []
    if len({f.date_of_birth for f in dobs}) <= 1 and len({f.age for f in ages}) <= 1:
        return [_member(doc, dobs + ages)]
    values: dict[dt.date | int | None, list[_Found]] = {}
    for f in dobs + ages:
        values.setdefault(f.date_of_birth or f.age, []).append(f)
    return [_member(doc, group) for group in values.values()]
