"""The retrieval eval: the hand-written questions, the metrics, and the CI threshold."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import UsageError
from retrieval.evaluation import (
    MIN_FUSED_RECALL,
    EvalQuestion,
    QuestionResult,
    evaluate,
    load_questions,
)
from retrieval.search import PolicySearch
from rules.passages import source_of


def test_the_eval_set_has_30_or_more_valid_questions_over_both_policies() -> None:
    questions = load_questions()  # raises on an unknown passage id or a repeated id
    assert len(questions) >= 30
    sources = {source_of(pid) for q in questions for pid in q.relevant}
    assert sources == {
        "optum-medicare-iop-coverage-summary-BH803IOPMCS052025.txt",
        "optum-idaho-iop-faq.txt",
    }
    assert len({q.question for q in questions}) == len(questions)


def test_an_eval_file_naming_a_missing_passage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "questions:\n  - id: a\n    question: Q?\n    relevant: [optum-idaho-iop-faq#q99/1]\n"
        "  - id: a\n    question: R?\n    relevant: [optum-idaho-iop-faq#q1/1]\n",
        encoding="utf-8",
    )
    with pytest.raises(UsageError, match=r"no passage 'optum-idaho-iop-faq#q99/1'.*used twice"):
        load_questions(path)


def test_recall_and_reciprocal_rank_of_one_question() -> None:
    q = EvalQuestion(id="x", question="?", relevant=("a", "b"))
    result = QuestionResult(q, "fused", ("c", "a", "d", "e", "f", "b"))
    assert result.recall_at(5) == 0.5
    assert result.recall_at(6) == 1.0
    assert result.first_relevant_rank == 2
    assert result.reciprocal_rank == 0.5
    assert QuestionResult(q, "dense", ("c",)).reciprocal_rank == 0.0


def test_fused_search_reaches_the_required_recall(policy_search: PolicySearch) -> None:
    report = evaluate(policy_search, load_questions())
    print("\n" + report.table())  # shown with pytest -s; `chartreview policy eval` prints it too
    fused = report.scores["fused"]
    missed = [m.question.id for m in report.misses()]
    assert fused.recall >= MIN_FUSED_RECALL, f"fused recall@5 {fused.recall:.3f}; missed {missed}"
    assert fused.mrr >= 0.75
    for method in ("dense", "lexical"):
        assert 0.5 < report.scores[method].recall <= 1.0
