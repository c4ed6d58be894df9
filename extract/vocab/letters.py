"""The letters people's names are written in, for the patterns that find names.

A name is written in any script's letters ("Tomás", "Nguyễn", "Zoë", "Ólafsdóttir"), with
apostrophes and hyphens ("O'Neil", "D’Angelo", "Jean-Luc"), and a letter may carry its
accent as a combining mark after it ("e" + U+0301, as a PDF's text layer may give it).
Python's ``re`` has no classes of letters by case, so :func:`name_pattern` writes them
out: a pattern says ``\\p{Lu}`` (a capital: upper or title case), ``\\p{Ll}`` (a small
letter) or ``\\p{L}`` (any letter) inside a character class, and gets the class of those
letters of the Basic Multilingual Plane. Small letters and letters come with the combining
marks (a mark belongs to the letter before it); a capital is a letter of its own. Offsets
of what such a pattern finds are offsets in the text it is run on: nothing is normalized.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

_MARKS = frozenset({"Mn", "Mc"})
_PLANE = 0x10000


def _body(keep: Callable[[str], bool]) -> str:
    """The characters of the plane that ``keep`` keeps, as the ranges of a character
    class's body ("A-Z..."), escaped."""
    out: list[str] = []
    start: int | None = None
    for code in range(_PLANE + 1):
        surrogate = 0xD800 <= code <= 0xDFFF
        if code < _PLANE and not surrogate and keep(chr(code)):
            if start is None:
                start = code
            continue
        if start is not None:
            last = code - 1
            out.append(_esc(start) if last == start else f"{_esc(start)}-{_esc(last)}")
            start = None
    return "".join(out)


def _esc(code: int) -> str:
    return f"\\u{code:04x}"


def _mark(ch: str) -> bool:
    return unicodedata.category(ch) in _MARKS


#: capitals (upper and title case: "ǅ")
UPPER = _body(lambda ch: ch.isupper() or ch.istitle())
#: small letters, and the combining marks
LOWER = _body(lambda ch: ch.islower() or _mark(ch))
#: every letter (of any case, or of a script without case), and the combining marks
LETTER = _body(lambda ch: ch.isalpha() or _mark(ch))

_CLASSES = (("\\p{Lu}", UPPER), ("\\p{Ll}", LOWER), ("\\p{L}", LETTER))


def name_pattern(pattern: str) -> str:
    """``pattern`` with ``\\p{Lu}``, ``\\p{Ll}`` and ``\\p{L}`` (each inside a character
    class: ``[\\p{Lu}]``, ``[\\p{L}'’\\-]``) written out as the letters they stand for."""
    for token, body in _CLASSES:
        pattern = pattern.replace(token, body)
    return pattern


__all__ = ["LETTER", "LOWER", "UPPER", "name_pattern"]
