"""The one phrase matcher: vocabulary phrases -> values, for every vocabulary file.

A vocabulary (``services.yaml``, ``clinical.yaml``, ``styles/*.yaml``...) maps values to the
phrases that state them. :class:`PhraseMap` compiles them once into one regex factored by
common prefixes (a trie), so a position is tried once, not once per phrase; matches are
case-insensitive, on word boundaries, and a space in a phrase matches any run of blanks.
At each position the longest phrase wins.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

from core.textcache import on_clear

K = TypeVar("K")

#: Results of :meth:`PhraseMap.earliest` kept per text (then dropped and started over).
_MEMO_LIMIT = 10_000
_MAPS: weakref.WeakSet[PhraseMap[Any]] = weakref.WeakSet()
_MAPS_LOCK = threading.Lock()


def _forget_texts() -> None:
    with _MAPS_LOCK:
        maps = list(_MAPS)
    for phrase_map in maps:
        phrase_map._memo = ("", {})


on_clear(_forget_texts)


def norm(s: str) -> str:
    """Case-folded, blanks collapsed: how phrases and labels are compared."""
    return " ".join(s.casefold().split())


# characters and pairs that OCR of a faxed or scanned page confuses ("Tlme", "Dafc",
# "STATU5", "DO8", "Tirne"): folded to one form so a misread label still names its role
_OCR_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))
_OCR_CHARS = str.maketrans(
    {"0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "5": "s", "f": "t", "c": "e", "8": "b"}
)


def ocr_fold(key: str) -> str:
    """``key`` (a normalized label) with the characters OCR confuses folded together."""
    k = key.casefold()
    for a, b in _OCR_PAIRS:
        k = k.replace(a, b)
    return k.translate(_OCR_CHARS)


def ocr_index(keys: Iterable[str]) -> dict[str, str]:
    """Folded form -> the one key of ``keys`` (of three or more characters) that folds to
    it; a form two keys share is left out (it names neither for sure)."""
    out: dict[str, str] = {}
    shared: set[str] = set()
    for key in keys:
        if len(key) < 3:
            continue
        f = ocr_fold(key)
        if f in out and out[f] != key:
            shared.add(f)
        out.setdefault(f, key)
    return {f: k for f, k in out.items() if f not in shared}


def trie_regex(phrases: Sequence[Sequence[str]]) -> str:
    """One regex for phrases given as word lists, factored by common prefixes (a space
    matches any run of blanks). At each position it matches the longest phrase, as an
    alternation sorted longest-first would, but tries each character once instead of once
    per phrase."""
    trie: dict[str, Any] = {}
    for words in phrases:
        node = trie
        for i, word in enumerate(words):
            for unit in ([r"\s+"] if i else []) + [re.escape(c) for c in word]:
                node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [unit + emit(child) for unit, child in sorted(node.items()) if unit]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # a phrase ends here: the longer ones are tried first (greedy ?)
            return f"(?:{body})?"
        return body

    return emit(trie)


class PhraseMap(Generic[K]):
    """Phrases -> values, matched case-insensitively on word boundaries (a space in a phrase
    matches any run of blanks); one compiled regex, longest phrase first.

    Raises ``ValueError`` when a phrase is listed under two values (a vocabulary phrase
    has one meaning)."""

    def __init__(self, mapping: Mapping[K, Sequence[str]]) -> None:
        values: dict[str, K] = {}
        for key, phrases in mapping.items():
            for phrase in phrases:
                other = values.setdefault(norm(phrase), key)
                if other != key:
                    raise ValueError(f"{phrase!r} is listed under {other} and {key}")
        self._values = values
        if values:
            alts = trie_regex([p.split() for p in values])
            pattern = rf"(?<![A-Za-z0-9])(?:{alts})(?![A-Za-z0-9])"
        else:
            pattern = r"(?!x)x"  # matches nothing
        self._re = re.compile(pattern, re.IGNORECASE)
        # :meth:`earliest` results for the text last searched (held, so that it stays the
        # same object): a document's lines and sentences are asked about many times. One
        # tuple, replaced whole, so that a thread never reads another text's results.
        self._memo: tuple[str, dict[tuple[int, int], tuple[int, int, K] | None]] = ("", {})
        with _MAPS_LOCK:
            _MAPS.add(self)

    def __bool__(self) -> bool:
        return bool(self._values)

    def matches(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int, K]]:
        """Non-overlapping matches in ``text[start:end]``, leftmost (then longest) first."""
        for m in self._re.finditer(text, start, len(text) if end is None else end):
            yield m.start(), m.end(), self._values[norm(m.group(0))]

    def earliest(
        self, text: str, start: int = 0, end: int | None = None
    ) -> tuple[int, int, K] | None:
        """The leftmost match (the longest phrase there)."""
        stop = len(text) if end is None else end
        memo_text, memo = self._memo
        if text is not memo_text:
            memo = {}
            self._memo = (text, memo)
        key = (start, stop)
        if key in memo:
            return memo[key]
        if len(memo) >= _MEMO_LIMIT:  # a very long text: keep memory bounded
            memo = {}
            self._memo = (text, memo)
        m = self._re.search(text, start, stop)
        found = None if m is None else (m.start(), m.end(), self._values[norm(m.group(0))])
        memo[key] = found
        return found

    def exact(self, value: str) -> K | None:
        """The value ``value`` is a listed phrase of, as a whole."""
        return self._values.get(norm(value))

    def found(self, text: str, start: int = 0, end: int | None = None) -> bool:
        return self.earliest(text, start, end) is not None


def words(phrases: Sequence[str]) -> PhraseMap[str]:
    """A phrase list matched for presence only."""
    return PhraseMap({"": phrases})
