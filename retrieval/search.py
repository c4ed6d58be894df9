"""Hybrid search over the policy passages: dense (chroma) + lexical (BM25), fused by RRF.

Reciprocal rank fusion (Cormack, Clarke & Büttcher, 2009) scores a passage by
``sum(1 / (RRF_K + rank))`` over the rankings it appears in. It needs no score
calibration between cosine distances and BM25 scores, and a passage that both methods
rank well beats one that only one of them likes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from core.errors import UsageError
from retrieval.config import CANDIDATES, RRF_K
from retrieval.corpus import PolicyFile, all_passages
from retrieval.index import BuildNotice, PolicyIndex
from retrieval.lexical import LexicalIndex
from rules.passages import Passage

Method = Literal["fused", "dense", "lexical"]
METHODS: tuple[Method, ...] = ("fused", "dense", "lexical")
MAX_QUERY_CHARS = 2000


@dataclass(frozen=True)
class SearchHit:
    """One ranked passage. ``score`` is the fused RRF score (for "dense" or "lexical"
    alone, the RRF score of that one ranking); the ranks are 1-based, ``None`` where that
    method did not rank the passage among its candidates."""

    rank: int
    passage: Passage
    score: float
    dense_rank: int | None
    lexical_rank: int | None


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], k: int = RRF_K
) -> list[tuple[str, float]]:
    """Ids of all rankings with their fused score, best first.

    Ties (equal scores) go to the id that appears first when the rankings are read rank by
    rank, so the result does not depend on anything but the rankings.
    """
    if k < 0:
        raise ValueError("the RRF constant must not be negative")
    scores: dict[str, float] = {}
    first_seen: dict[str, tuple[int, int]] = {}
    for which, ranking in enumerate(rankings):
        if len(set(ranking)) != len(ranking):
            raise ValueError(f"ranking {which} lists an id twice")
        for position, item in enumerate(ranking):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + position + 1)
            first_seen[item] = min(first_seen.get(item, (position, which)), (position, which))
    return sorted(scores.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))


class PolicySearch:
    """Search the passages of an open :class:`PolicyIndex`."""

    def __init__(self, index: PolicyIndex) -> None:
        self.index = index
        passages = all_passages(index.files)
        self.passages: dict[str, Passage] = {p.passage_id: p for p in passages}
        texts = {i: t for f in index.files for i, t in f.index_texts.items()}
        self.lexical = LexicalIndex(
            [p.passage_id for p in passages], [texts[p.passage_id] for p in passages]
        )

    @classmethod
    def open(
        cls,
        directory: Path | None = None,
        files: Sequence[PolicyFile] | None = None,
        *,
        on_build: BuildNotice | None = None,
    ) -> PolicySearch:
        """Open the index (building or updating it if needed) and ready BM25."""
        return cls(PolicyIndex.open(directory, files, on_build=on_build))

    @property
    def sources(self) -> frozenset[str]:
        return frozenset(f.source for f in self.index.files)

    def _check_sources(self, sources: Iterable[str] | None) -> frozenset[str] | None:
        if sources is None:
            return None
        chosen = frozenset(sources)
        unknown = sorted(chosen - self.sources)
        if unknown:
            raise UsageError(
                f"policy file(s) {', '.join(unknown)} are not in the index; indexed: "
                f"{', '.join(sorted(self.sources))}"
            )
        return chosen

    def rankings(
        self,
        query: str,
        *,
        sources: Iterable[str] | None = None,
        depth: int = CANDIDATES,
    ) -> dict[Method, list[str]]:
        """The dense, lexical and fused rankings of ``query`` (ids, best first)."""
        text = checked_query(query)
        chosen = self._check_sources(sources)
        allowed = None
        if chosen is not None:
            allowed = frozenset(i for i, p in self.passages.items() if p.source in chosen)
        dense = self.index.dense(text, depth, chosen)
        lexical = self.lexical.rank(text, depth, allowed)
        fused = [i for i, _ in reciprocal_rank_fusion([dense, lexical])]
        return {"fused": fused, "dense": dense, "lexical": lexical}

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        sources: Iterable[str] | None = None,
        method: Method = "fused",
        exclude: Iterable[str] = (),
    ) -> list[SearchHit]:
        """The best ``k`` passages for ``query``, optionally only from ``sources`` (policy
        file names) and never those in ``exclude`` (passage ids)."""
        if k < 1:
            raise UsageError("ask for at least one result (-k 1 or more)")
        if method not in METHODS:
            raise UsageError(f"unknown search method {method!r}: choose one of {METHODS}")
        skip = frozenset(exclude)
        ranked = self.rankings(query, sources=sources, depth=CANDIDATES + len(skip))
        position: dict[Method, Callable[[str], int | None]] = {
            m: _positions(ranked[m]) for m in ("dense", "lexical")
        }
        chosen = [(i, s) for i, s in _scored(ranked, method) if i not in skip][:k]
        return [
            SearchHit(
                rank=n,
                passage=self.passages[i],
                score=score,
                dense_rank=position["dense"](i),
                lexical_rank=position["lexical"](i),
            )
            for n, (i, score) in enumerate(chosen, start=1)
        ]


def _scored(ranked: dict[Method, list[str]], method: Method) -> list[tuple[str, float]]:
    if method == "fused":
        return reciprocal_rank_fusion([ranked["dense"], ranked["lexical"]])
    return reciprocal_rank_fusion([ranked[method]])


def _positions(ranking: Sequence[str]) -> Callable[[str], int | None]:
    where = {item: n for n, item in enumerate(ranking, start=1)}
    return where.get


def checked_query(query: str) -> str:
    """``query`` with its white space collapsed; raises :class:`UsageError` if it is empty
    or too long."""
    text = " ".join(query.split())
    if not text:
        raise UsageError('the question is empty: ask something, e.g. "what counts toward 9 hours?"')
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(
            f"the question is {len(text)} characters long; keep it under {MAX_QUERY_CHARS}"
        )
    return text
