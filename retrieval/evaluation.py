"""Retrieval eval: recall@k and MRR of dense, lexical and fused search.

The questions (``retrieval/data/questions.yaml``) were written by hand from the policy
texts, each with the passages that answer it. For each question and method:

* recall@k = the share of its answering passages among the first k results;
* reciprocal rank = 1 / the rank of its first answering passage (0 if none is among the
  first :data:`MRR_DEPTH` results).

Both are averaged over the questions. Search runs over every indexed policy file, with no
``--policy`` filter, which is the harder setting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from core.errors import UsageError
from core.yamlio import load_model
from retrieval.config import package_data_dir
from retrieval.search import METHODS, Method, PolicySearch
from rules.passages import passage_index, source_of

MRR_DEPTH = 10
RECALL_K = 5
MIN_FUSED_RECALL = 0.9


class EvalQuestion(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Annotated[str, Field(min_length=1)]
    question: Annotated[str, Field(min_length=1)]
    relevant: Annotated[tuple[str, ...], Field(min_length=1)]


class EvalSet(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    questions: Annotated[tuple[EvalQuestion, ...], Field(min_length=1)]


def questions_path() -> Path:
    return package_data_dir() / "questions.yaml"


def load_questions(path: Path | None = None) -> tuple[EvalQuestion, ...]:
    """The eval questions; raises :class:`UsageError` if the file is invalid, repeats an
    id or names a passage that does not exist."""
    where = path if path is not None else questions_path()
    questions = load_model(where, EvalSet, "retrieval eval set", UsageError).questions
    problems: list[str] = []
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            problems.append(f"question id {q.id!r} is used twice")
        seen.add(q.id)
        if len(set(q.relevant)) != len(q.relevant):
            problems.append(f"question {q.id!r} lists a passage twice")
        for pid in q.relevant:
            try:
                known = pid in passage_index(source_of(pid))
            except UsageError:
                known = False
            if not known:
                problems.append(f"question {q.id!r}: no passage {pid!r}")
    if problems:
        raise UsageError(f"{where}: " + "; ".join(problems))
    return questions


@dataclass(frozen=True)
class QuestionResult:
    question: EvalQuestion
    method: Method
    ranking: tuple[str, ...]

    def recall_at(self, k: int) -> float:
        top = set(self.ranking[:k])
        return sum(1 for p in self.question.relevant if p in top) / len(self.question.relevant)

    @property
    def first_relevant_rank(self) -> int | None:
        for n, pid in enumerate(self.ranking[:MRR_DEPTH], start=1):
            if pid in self.question.relevant:
                return n
        return None

    @property
    def reciprocal_rank(self) -> float:
        rank = self.first_relevant_rank
        return 0.0 if rank is None else 1.0 / rank


@dataclass(frozen=True)
class MethodScore:
    method: Method
    recall: float
    mrr: float
    results: tuple[QuestionResult, ...]


@dataclass(frozen=True)
class EvalReport:
    k: int
    questions: int
    scores: dict[Method, MethodScore]

    def table(self) -> str:
        """A plain-text table: one line per method."""
        lines = [f"{'method':<8} {f'recall@{self.k}':>9} {f'MRR@{MRR_DEPTH}':>7}"]
        for method in METHODS:
            s = self.scores[method]
            lines.append(f"{method:<8} {s.recall:>9.3f} {s.mrr:>7.3f}")
        return "\n".join(lines)

    def misses(self, method: Method = "fused") -> list[QuestionResult]:
        """Questions whose answering passages are not all in the first k of ``method``."""
        return [r for r in self.scores[method].results if r.recall_at(self.k) < 1.0]


def evaluate(
    search: PolicySearch, questions: Sequence[EvalQuestion], k: int = RECALL_K
) -> EvalReport:
    """Run every question through every method and score the rankings."""
    if k < 1:
        raise UsageError("k must be at least 1")
    if not questions:
        raise UsageError("there are no eval questions")
    per_method: dict[Method, list[QuestionResult]] = {m: [] for m in METHODS}
    depth = max(k, MRR_DEPTH)
    for q in questions:
        ranked = search.rankings(q.question, depth=max(depth, 50))
        for method in METHODS:
            per_method[method].append(QuestionResult(q, method, tuple(ranked[method][:depth])))
    scores = {
        m: MethodScore(
            method=m,
            recall=sum(r.recall_at(k) for r in rs) / len(rs),
            mrr=sum(r.reciprocal_rank for r in rs) / len(rs),
            results=tuple(rs),
        )
        for m, rs in per_method.items()
    }
    return EvalReport(k=k, questions=len(questions), scores=scores)
