"""Hybrid search over the policy passages: dense (chroma) + lexical (BM25), fused by score.

Each method scores every passage searched: the dense one by the cosine similarity of the
passage's best sentence, the lexical one by BM25. :func:`fuse_scores` scales each to 0..1
over those passages (cosine min-max, BM25 divided by its maximum) and averages them
(CombSUM of normalised scores; Fox & Shaw 1994, Lee 1997). Unlike reciprocal rank fusion,
which this replaced, it keeps *how much* better a passage is: a rare exact term ("hospital
inpatients", G0137) puts the one passage holding it far ahead in BM25, and a list item of
four words that only BM25 finds is no longer outranked by the long passages the sentence
embedding likes for any IOP question.

:meth:`PolicySearch.ask` is what a reviewer's question gets: the best passages, or
"nothing relevant in this policy" when no code in the question occurs in the searched
policy files and either their best sentence is less similar to the question than
:data:`~retrieval.config.RELEVANCE_FLOOR`, or the question names something none of their
passages mentions. The similarity alone cannot tell: a question that names the policy's
topic clears the floor on that word ("What's the copay for IOP?" 0.61, "Does Medicare
cover hearing aids and eyeglasses?" 0.49 against the Medicare policy, while the eval
questions start at 0.41). So the question's *subject words* (its words less function
words, single letters and the policy's topic: the words of a searched file's title and
those :data:`~retrieval.config.TOPIC_SHARE` or more of the searched passages hold) must
include one that a searched passage holds; a question made only of topic words ("What is
IOP?") is left to the floor.

A question asking how often (:data:`~retrieval.config.ANSWER_TYPES`) gets a small lexical
bonus for the passages about its subject that state a frequency ("no less frequently than
every 60 days"), words the question does not use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from core.errors import UsageError
from retrieval.config import (
    ANSWER_TYPE_WEIGHT,
    ANSWER_TYPES,
    CANDIDATES,
    DENSE_WEIGHT,
    QUESTION_WORDS,
    RELEVANCE_FLOOR,
    TOPIC_SHARE,
)
from retrieval.corpus import PolicyFile, SkipReason, all_passages, indexed_passages
from retrieval.index import BuildNotice, PolicyIndex
from retrieval.lexical import LexicalIndex, codes, tokenize
from retrieval.lists import LeadIn
from retrieval.text import readable
from rules.passages import Passage

Method = Literal["fused", "dense", "lexical"]
METHODS: tuple[Method, ...] = ("fused", "dense", "lexical")
MAX_QUERY_CHARS = 2000


@dataclass(frozen=True)
class SearchHit:
    """One ranked passage. ``score`` is the fused score (0..1; for "dense" or "lexical"
    alone, that method's scaled score); the ranks are 1-based, ``None`` where that method
    did not rank the passage among its first :data:`~retrieval.config.CANDIDATES`;
    ``similarity`` is the cosine similarity of the passage's best sentence to the query.

    ``lead_ins``: if the passage is (or starts with) an item of a list, the lines that say
    what the list is, outermost first (:attr:`retrieval.corpus.PolicyFile.list_lead_ins`).
    They are context from elsewhere in the policy, shown before the passage; the passage's
    text and offsets stay its own.

    ``items`` (:meth:`PolicySearch.ask` only): list items shown after the passage, in the
    policy's order. For a passage that introduces a list (it ends in a lead-in such as
    "... describe the following:"), every item of that list: a lead-in alone says nothing.
    For a list item, the other items of its list that ranked as high as the answers shown:
    one answer per list, not one per item."""

    rank: int
    passage: Passage
    score: float
    dense_rank: int | None
    lexical_rank: int | None
    similarity: float | None
    lead_ins: tuple[LeadIn, ...] = ()
    items: tuple[Passage, ...] = ()

    @property
    def lead_in_lines(self) -> tuple[str, ...]:
        """The lead-ins to show before the passage, outermost first: those that are lines
        of the policy text (a section heading that introduces the list is already shown as
        the passage's section)."""
        return tuple(x.text for x in self.lead_ins if x.kind == "line")

    @property
    def item_texts(self) -> tuple[str, ...]:
        """:attr:`items` as a reader sees them (links as their label, white space
        collapsed): what "Ask the policy" lists after the passage."""
        return tuple(" ".join(readable(p.text).split()) for p in self.items)


@dataclass(frozen=True)
class Answer:
    """What "Ask the policy" shows: ``hits`` best first, or none when nothing in the
    searched policy files is relevant (:attr:`relevant`). ``unmentioned``: the words of
    the question that name what it asks about and that no searched passage holds, when
    none of its subject words is held ("copay" in "What's the copay for IOP?"): why
    nothing is relevant, though the question is close to the policy's topic."""

    query: str
    hits: tuple[SearchHit, ...]
    best_similarity: float
    codes_found: tuple[str, ...]
    floor: float
    unmentioned: tuple[str, ...] = ()

    @property
    def relevant(self) -> bool:
        return bool(self.hits)


@dataclass(frozen=True)
class Scores:
    """Every passage searched, scored by each method (best first)."""

    dense: dict[str, float]
    lexical: dict[str, float]
    fused: dict[str, float]

    def ranking(self, method: Method, depth: int) -> list[str]:
        scores = {"fused": self.fused, "dense": self.dense, "lexical": self.lexical}[method]
        return list(scores)[:depth]


def _scaled(scores: Mapping[str, float], low: float) -> dict[str, float]:
    high = max(scores.values(), default=low)
    span = high - low
    if span <= 0:
        return {k: 0.0 for k in scores}
    return {k: (v - low) / span for k, v in scores.items()}


def fuse_scores(
    dense: Mapping[str, float], lexical: Mapping[str, float], weight: float = DENSE_WEIGHT
) -> dict[str, float]:
    """Passage id -> ``weight * dense' + (1 - weight) * lexical'``, best first, where
    ``dense'`` is the cosine scaled min-max over ``dense`` and ``lexical'`` the BM25 score
    divided by the highest one (a passage missing from a mapping scores 0 there).

    Ties keep the order of ``dense``, then of ``lexical``, so the result depends on
    nothing but the inputs.
    """
    if not 0.0 <= weight <= 1.0:
        raise ValueError("the dense weight must be between 0 and 1")
    low = min(dense.values(), default=0.0)
    d = _scaled(dense, low)
    lex = _scaled({k: v for k, v in lexical.items() if v > 0}, 0.0)
    order = list(dict.fromkeys([*dense, *lexical]))
    fused = {i: weight * d.get(i, 0.0) + (1.0 - weight) * lex.get(i, 0.0) for i in order}
    position = {i: n for n, i in enumerate(order)}
    return dict(sorted(fused.items(), key=lambda kv: (-kv[1], position[kv[0]])))


class PolicySearch:
    """Search the passages of an open :class:`PolicyIndex`."""

    def __init__(self, index: PolicyIndex) -> None:
        self.index = index
        self.passages: dict[str, Passage] = {p.passage_id: p for p in all_passages(index.files)}
        self.lead_ins: dict[str, tuple[LeadIn, ...]] = {
            i: chain for f in index.files for i, chain in f.list_lead_ins.items()
        }
        self.list_items = _list_items(index.files)
        self.list_of = {i: head for head, items in self.list_items.items() for i in items}
        indexed = indexed_passages(index.files)
        texts = {i: t for f in index.files for i, t in f.index_texts.items()}
        self.lexical = LexicalIndex(
            [p.passage_id for p in indexed], [texts[p.passage_id] for p in indexed]
        )
        self.lexical_ids = frozenset(p.passage_id for p in indexed)
        # what each indexed passage holds, as lexical tokens, and each file's title words
        self.tokens = {p.passage_id: frozenset(tokenize(texts[p.passage_id])) for p in indexed}
        self.title_tokens = {f.source: frozenset(tokenize(f.title)) for f in index.files}
        self.question_words = frozenset(tokenize(" ".join(sorted(QUESTION_WORDS))))

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

    def _allowed(self, chosen: frozenset[str] | None) -> frozenset[str] | None:
        if chosen is None:
            return None
        return frozenset(i for i, p in self.passages.items() if p.source in chosen)

    def scores(self, query: str, *, sources: Iterable[str] | None = None) -> Scores:
        """Every passage of ``sources`` (default: all) scored by each method."""
        text = checked_query(query)
        chosen = self._check_sources(sources)
        dense = self.index.similarities(text, chosen)
        allowed = self._allowed(chosen)
        lexical = self.lexical.score_map(text, allowed)
        for cue, words in ANSWER_TYPES:
            if lexical and re.search(cue, text, re.IGNORECASE):
                bonus = self.lexical.score_map(words, allowed)
                lexical = {
                    i: s + ANSWER_TYPE_WEIGHT * bonus.get(i, 0.0) for i, s in lexical.items()
                }
                lexical = dict(sorted(lexical.items(), key=lambda kv: -kv[1]))  # stable
        return Scores(dense=dense, lexical=lexical, fused=fuse_scores(dense, lexical))

    def rankings(
        self,
        query: str,
        *,
        sources: Iterable[str] | None = None,
        depth: int = CANDIDATES,
    ) -> dict[Method, list[str]]:
        """The dense, lexical and fused rankings of ``query`` (ids, best first)."""
        scored = self.scores(query, sources=sources)
        return {m: scored.ranking(m, depth) for m in METHODS}

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
        return self._hits(self.scores(query, sources=sources), k, method, frozenset(exclude))

    def _hits(
        self, scored: Scores, k: int, method: Method, skip: frozenset[str]
    ) -> list[SearchHit]:
        rank = {
            m: {i: n for n, i in enumerate(scored.ranking(m, CANDIDATES + len(skip)), start=1)}
            for m in ("dense", "lexical")
        }
        values = {
            "fused": lambda: scored.fused,
            "dense": lambda: fuse_scores(scored.dense, {}, 1.0),
            "lexical": lambda: fuse_scores({}, scored.lexical, 0.0),
        }[method]()
        chosen = [(i, s) for i, s in values.items() if i not in skip]
        return [
            SearchHit(
                rank=n,
                passage=self.passages[i],
                score=score,
                dense_rank=rank["dense"].get(i),
                lexical_rank=rank["lexical"].get(i),
                similarity=scored.dense.get(i),
                lead_ins=self.lead_ins.get(i, ()),
            )
            for n, (i, score) in enumerate(chosen[:k], start=1)
        ]

    def _group(self, passage_id: str) -> str:
        """The answer a passage belongs to: the list it introduces or is an item of (named
        by the passage introducing it, when that one is indexed), else its own."""
        if passage_id in self.list_items:
            return passage_id
        head = self.list_of.get(passage_id)
        return head if head is not None and head in self.lexical_ids else passage_id

    def _answers(self, scored: Scores, k: int) -> list[SearchHit]:
        """The best ``k`` answers: the fused ranking with the passages of one list joined
        into one answer (the best-ranked of them shown first, see :attr:`SearchHit.items`);
        a passage introducing a list carries all its items."""
        groups: dict[str, list[str]] = {}
        for pid in scored.fused:
            key = self._group(pid)
            if key not in groups:
                if len(groups) == k:
                    break
                groups[key] = []
            groups[key].append(pid)
        hits = self._hits(scored, len(scored.fused), "fused", frozenset())
        by_id = {h.passage.passage_id: h for h in hits}
        order = {pid: n for n, pid in enumerate(self.passages)}
        answers: list[SearchHit] = []
        for n, members in enumerate(groups.values(), start=1):
            best = by_id[members[0]]
            if best.passage.passage_id in self.list_items:  # a lead-in: its whole list
                shown = self.list_items[best.passage.passage_id]
            else:
                shown = tuple(m for m in members[1:] if m != self.list_of.get(members[0]))
            items = tuple(self.passages[i] for i in sorted(shown, key=order.__getitem__))
            answers.append(
                SearchHit(
                    rank=n,
                    passage=best.passage,
                    score=best.score,
                    dense_rank=best.dense_rank,
                    lexical_rank=best.lexical_rank,
                    similarity=best.similarity,
                    lead_ins=best.lead_ins,
                    items=items,
                )
            )
        return answers

    def unmentioned(self, query: str, sources: Iterable[str] | None = None) -> tuple[str, ...]:
        """The words of ``query`` that name what it asks about, when no passage of
        ``sources`` (default: all) holds any of them; ``()`` when one does, or when the
        question has no such words (only the policy's topic and function words). See the
        module docstring."""
        chosen = self._check_sources(sources)
        searched = [
            t for i, t in self.tokens.items() if chosen is None or self.passages[i].source in chosen
        ]
        if not searched:
            return ()
        topic = frozenset().union(
            *(t for s, t in self.title_tokens.items() if chosen is None or s in chosen)
        )
        words = [w for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", query) if w]
        subject: dict[str, list[str]] = {}
        for word in words:
            for token in tokenize(word):
                if len(token) < 2 or token in self.question_words or token in topic:
                    continue
                held = sum(1 for t in searched if token in t)
                if held >= TOPIC_SHARE * len(searched):
                    continue  # the policy's topic: most passages hold it
                if held:
                    return ()  # the policy mentions what the question asks about
                subject.setdefault(word, []).append(token)
        return tuple(dict.fromkeys(subject))

    def ask(
        self,
        query: str,
        k: int = 5,
        *,
        sources: Iterable[str] | None = None,
        floor: float = RELEVANCE_FLOOR,
    ) -> Answer:
        """A reviewer's question: the best ``k`` passages of ``sources`` (default: all), or
        none if nothing there is relevant: no code of the question
        (:func:`retrieval.lexical.codes`) occurs in the searched passages, and either the
        best sentence's cosine similarity is below ``floor`` or no searched passage holds a
        word of what the question asks about (:meth:`unmentioned`)."""
        if k < 1:
            raise UsageError("ask for at least one result (-k 1 or more)")
        text = checked_query(query)
        chosen = self._check_sources(sources)
        scored = self.scores(text, sources=chosen)
        best = next(iter(scored.dense.values()), 0.0)
        allowed = self._allowed(chosen)
        found = tuple(c for c in codes(text) if self.lexical.rank(c, 1, allowed))
        missing = () if found else self.unmentioned(text, chosen)
        relevant = bool(found) or (best >= floor and not missing)
        hits = self._answers(scored, k) if relevant else []
        return Answer(
            query=text,
            hits=tuple(hits),
            best_similarity=best,
            codes_found=found,
            floor=floor,
            unmentioned=missing,
        )


# Items left out of the list shown with its lead-in: they are not policy text a reader
# needs (a bibliography entry, a table of contents). Link-only items ("[Neurofeedback](#)")
# and short ones are the list's content and are shown.
_NOT_SHOWN: frozenset[SkipReason] = frozenset({"back-matter", "contents", "citation"})


def _list_items(files: Sequence[PolicyFile]) -> dict[str, tuple[str, ...]]:
    """Passage id of an indexed passage that introduces a list (its text ends in the
    list's lead-in) -> the ids of the list's items, in order."""
    found: dict[str, list[str]] = {}
    for f in files:
        ends = {p.passage_id: p.end for p in f.passages}
        for p in f.passages:
            chain = f.list_lead_ins.get(p.passage_id, ())
            lines = [x for x in chain if x.kind == "line"]
            if not lines or chain[-1] is not lines[-1]:
                continue  # not an item of a list introduced by a line of the text
            head = lines[-1].passage_id
            if (
                head is None
                or head in f.skipped
                or f.skipped.get(p.passage_id) in _NOT_SHOWN
                or lines[-1].end is None
                or f.text[lines[-1].end : ends[head]].strip(" \t\n*_:")
            ):
                continue  # its lead-in is not indexed, or not what its passage ends with
            found.setdefault(head, []).append(p.passage_id)
    return {head: tuple(items) for head, items in found.items()}


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
