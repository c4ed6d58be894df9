"""Lexical ranking: BM25 (Okapi) over stemmed word tokens.

Policy questions are full of exact terms — codes (G0137), credentials (CADC), numbers
(60 days, 9 hours), section marks (§1861(ff)) — that a sentence embedding blurs. Tokens
are lower-case runs of letters and digits, so ``G0137`` stays one token and ``§1861(ff)``
gives ``1861`` and ``ff``; words are stemmed with the Snowball English stemmer so that
"facilitate" meets "facilitators", and the stems cut to :data:`STEM_PREFIX` letters so
that "diagnoses" meets "diagnostic"; a short list of function words is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

import snowballstemmer
from rank_bm25 import BM25Okapi

_TOKEN = re.compile(r"[a-z0-9]+")

# Function words that carry no policy meaning. Deliberately short: negations ("not",
# "no") and modal verbs ("must", "may") are kept, they matter in a policy.
_STOPWORDS = """a an and are as at be been being by can could did do does for from had has
have how i if in into is it its me my of on or our so than that the their them then there
these they this those to was we were what when where which who whom why will with would
you your"""
STOPWORDS = frozenset(_STOPWORDS.split())

# Stems are cut to this many letters: Snowball keeps apart words a reviewer uses for one
# another ("diagnoses" -> diagnos, "Diagnostic" -> diagnost; "recertify" -> recertifi,
# "Recertifications" -> recertif). Tokens holding a digit (codes) are never cut.
STEM_PREFIX = 7


# A code: a token holding a digit and a letter (G0137, H0015) or five or more digits
# (a CPT code, 90837). A sentence embedding cannot tell such codes apart; only an exact
# match can.
_CODE = re.compile(r"(?=[a-z]*[0-9])(?=[0-9]*[a-z])[a-z0-9]+|[0-9]{5,}")


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def tokenize(text: str) -> list[str]:
    """Stemmed, lower-case word tokens of ``text`` without stopwords."""
    folded = unicodedata.normalize("NFKC", text).lower()
    words = [w for w in _TOKEN.findall(folded) if w not in STOPWORDS]
    stems: list[str] = _stemmer().stemWords(words)
    return [s if any(c.isdigit() for c in s) else s[:STEM_PREFIX] for s in stems]


def codes(text: str) -> list[str]:
    """The codes among the tokens of ``text`` (see ``_CODE``), in order, once each."""
    return list(dict.fromkeys(t for t in tokenize(text) if _CODE.fullmatch(t)))


class LexicalIndex:
    """BM25 over a fixed list of documents, addressed by their ids."""

    def __init__(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        if len(ids) != len(texts):
            raise ValueError("ids and texts differ in length")
        if not ids:
            raise ValueError("a lexical index needs at least one document")
        self.ids = tuple(ids)
        self._bm25 = BM25Okapi([tokenize(t) for t in texts])

    def scores(self, query: str) -> list[float]:
        """The BM25 score of every document for ``query``, in the order of ``ids``."""
        tokens = tokenize(query)
        if not tokens:
            return [0.0] * len(self.ids)
        return [float(s) for s in self._bm25.get_scores(tokens)]

    def score_map(self, query: str, allowed: frozenset[str] | None = None) -> dict[str, float]:
        """Id -> BM25 score of the documents scoring above 0 for ``query``, best first
        (ties keep document order); ``allowed`` restricts them to those ids."""
        scored = [
            (score, i)
            for i, score in enumerate(self.scores(query))
            if score > 0 and (allowed is None or self.ids[i] in allowed)
        ]
        scored.sort(key=lambda item: (-item[0], item[1]))
        return {self.ids[i]: score for score, i in scored}

    def rank(self, query: str, limit: int, allowed: frozenset[str] | None = None) -> list[str]:
        """Ids of the best ``limit`` documents with a positive score, best first (ties keep
        document order). ``allowed`` restricts the ranking to those ids."""
        return list(self.score_map(query, allowed))[:limit]
