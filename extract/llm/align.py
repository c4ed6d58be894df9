"""Align a quote the model proposed to character offsets in the text it was shown.

Three tiers, tried in order; the first that succeeds wins:

``exact``
    ``text.find(quote)`` (the first occurrence).
``normalized``
    Both sides folded the same way: runs of whitespace -> one space, lower case, typographic
    quotes/dashes -> ASCII, markdown emphasis (``*``) dropped, and the text read as a reader
    sees it (:func:`extract.values.instructions.as_read`: full-width forms folded, invisible
    characters dropped, look-alike letters of other scripts read as Latin ones). Models
    often re-flow line breaks, drop ``**``, straighten quotes or retype look-alike letters;
    the meaning is unchanged, and the instruction screen reads the same form.
``fuzzy``
    Bounded: only for quotes of at least :data:`FUZZY_MIN_CHARS` normalized characters; the
    best candidate is the window around the longest common substring; accepted only when
    difflib's similarity ratio is at least :data:`FUZZY_MIN_RATIO` and the span's length is
    within :data:`FUZZY_MAX_LENGTH_DIFF` of the quote's. That admits a typo or a dropped
    word in a sentence, never a paraphrase or a quote stitched from distant parts.

Whatever tier matched, the evidence quote is the page's own text at the aligned offsets,
never the model's string.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from extract.values.instructions import as_read

MatchHow = Literal["exact", "normalized", "fuzzy"]

FUZZY_MIN_CHARS = 20
FUZZY_MIN_RATIO = 0.90
FUZZY_MAX_LENGTH_DIFF = 0.15
_MAX_WORD_EXTENSION = 20

_FOLD = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
}
_DROP = frozenset("*")
_QUOTE_PAIRS = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "`": "`"}


@dataclass(frozen=True)
class Alignment:
    """``text[start:end]`` is the aligned span (end exclusive); ``score`` is 1.0 for exact
    and normalized matches, the similarity ratio for fuzzy ones."""

    start: int
    end: int
    how: MatchHow
    score: float


def normalize(text: str) -> tuple[str, list[int]]:
    """The folded form of ``text`` and, for each of its characters, the index of the
    original character it came from."""
    out: list[str] = []
    index: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        if ch in _DROP:
            continue
        ch = as_read(ch) if ord(ch) > 127 else ch
        if not ch:
            continue
        if pending_space >= 0:
            if out:
                out.append(" ")
                index.append(pending_space)
            pending_space = -1
        for folded in "".join(_FOLD.get(c, c) for c in ch).lower():
            out.append(folded)
            index.append(i)
    return "".join(out), index


def align(quote: str, text: str) -> Alignment | None:
    """Where ``quote`` is in ``text``, or ``None`` if no tier finds it. Each tier is tried
    on the quote and (if the model wrapped it in quotation marks) on its inside before the
    next, looser tier."""
    variants = _variants(quote)
    for variant in variants:
        pos = text.find(variant)
        if pos >= 0:
            return Alignment(pos, pos + len(variant), "exact", 1.0)
    ntext, tmap = normalize(text)
    if not ntext:
        return None
    nvariants = [nq for v in variants if (nq := normalize(v)[0])]
    for nquote in nvariants:
        npos = ntext.find(nquote)
        if npos >= 0:
            start, end = _trim(text, tmap[npos], tmap[npos + len(nquote) - 1] + 1)
            return Alignment(start, end, "normalized", 1.0)
    for nquote in nvariants:
        found = _fuzzy(nquote, ntext, tmap, text)
        if found is not None:
            return found
    return None


def _variants(quote: str) -> list[str]:
    """The quote, then (if the model wrapped it in quotation marks) its inside."""
    q = quote.strip()
    variants = [q] if q else []
    if len(q) > 2 and _QUOTE_PAIRS.get(q[0]) == q[-1]:
        inner = q[1:-1].strip()
        if inner:
            variants.append(inner)
    return variants


def _fuzzy(nquote: str, ntext: str, tmap: list[int], text: str) -> Alignment | None:
    n = len(nquote)
    if n < FUZZY_MIN_CHARS:
        return None
    anchor = SequenceMatcher(None, ntext, nquote, autojunk=False).find_longest_match(
        0, len(ntext), 0, n
    )
    if anchor.size < max(8, n // 4):
        return None
    slack = int(n * FUZZY_MAX_LENGTH_DIFF) + 1
    w_start = max(0, anchor.a - anchor.b - slack)
    w_end = min(len(ntext), anchor.a - anchor.b + n + slack)
    window = ntext[w_start:w_end]
    blocks = [
        b for b in SequenceMatcher(None, window, nquote, autojunk=False).get_matching_blocks()
    ]
    blocks = [b for b in blocks if b.size > 0]
    # stray one- or two-character matches at the edges of the window are not the quote
    while len(blocks) > 1 and blocks[0].size < 3:
        blocks.pop(0)
    while len(blocks) > 1 and blocks[-1].size < 3:
        blocks.pop()
    if not blocks:
        return None
    span_start = w_start + blocks[0].a
    span_end = w_start + blocks[-1].a + blocks[-1].size
    matched = sum(b.size for b in blocks)
    span_len = span_end - span_start
    ratio = 2.0 * matched / (span_len + n)
    if ratio < FUZZY_MIN_RATIO or abs(span_len - n) > FUZZY_MAX_LENGTH_DIFF * n:
        return None
    start, end = _to_words(text, tmap[span_start], tmap[span_end - 1] + 1)
    start, end = _trim(text, start, end)
    if start >= end:
        return None
    return Alignment(start, end, "fuzzy", round(ratio, 4))


def _to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy span that starts or ends inside a word to the whole word."""
    limit = start - _MAX_WORD_EXTENSION
    while start > 0 and start > limit and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    limit = end + _MAX_WORD_EXTENSION
    while end < len(text) and end < limit and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
