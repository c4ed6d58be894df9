"""Score one review against its gold, and sum the scores of a set (eval/README.md).

Pure functions over a sealed record, its documents and the gold: nothing here runs a
review. Every ratio is ``None`` when its denominator is zero, never a made-up 1.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from pydantic import Field, computed_field

from audit.record import AuditRecord
from core.data import Document
from core.findings import Status
from eval.fields import Item, evidence_of, gold_items, predicted_items
from eval.gold import FIELDS, GoldChart
from eval.sessions import GoldRow, Model, SessionScore, match_sessions

STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
MISSING = "missing"  # the review reported no finding for a rule of the pack


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


class FieldScore(Model):
    """Counts of one field. A prediction is correct when it matches some gold fact; a gold
    fact is found when some prediction matches it."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    def add(self, other: FieldScore) -> FieldScore:
        return FieldScore(
            predicted=self.predicted + other.predicted,
            correct=self.correct + other.correct,
            gold=self.gold + other.gold,
            found=self.found + other.found,
        )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return ratio(self.correct, self.predicted)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return ratio(self.found, self.gold)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


class Verdict(Model):
    rule: str
    gold: str
    predicted: str

    @property
    def correct(self) -> bool:
        return self.gold == self.predicted

    @property
    def false_met(self) -> bool:
        return self.predicted == Status.MET.value and self.gold != Status.MET.value


class WeekScore(Model):
    week: int
    gold_hours: float
    predicted_hours: float | None
    gold_services: int
    predicted_services: int | None

    @property
    def hours_exact(self) -> bool:
        return (
            self.predicted_hours is not None and abs(self.predicted_hours - self.gold_hours) < 1e-6
        )

    @property
    def services_exact(self) -> bool:
        return self.predicted_services == self.gold_services


class ChartScore(Model):
    """Everything measured on one chart."""

    chart: str
    policy: str
    fields: dict[str, FieldScore]
    verdicts: list[Verdict]
    overall_gold: str
    overall_predicted: str
    weeks: list[WeekScore]
    sessions: SessionScore = Field(default_factory=SessionScore)  # date, length, kind, attendance
    evidence_spans: int
    verbatim_spans: int
    ungrounded: int
    input_errors: int
    llm_calls: int
    cached_calls: int
    prompt_tokens: int
    completion_tokens: int
    seconds: Annotated[float, Field(ge=0)]


def _score_field(predicted: Sequence[Item], gold: Sequence[Item]) -> FieldScore:
    return FieldScore(
        predicted=len(predicted),
        correct=sum(1 for p in predicted if any(p.matches(g) for g in gold)),
        gold=len(gold),
        found=sum(1 for g in gold if any(p.matches(g) for p in predicted)),
    )


def _verbatim(record: AuditRecord, documents: Sequence[Document]) -> tuple[int, int]:
    """(evidence spans in the record's facts, how many quote their page verbatim)."""
    pages = {(d.document_id, p.number): p.text for d in documents for p in d.pages}
    total = ok = 0
    for e in evidence_of(record.facts):
        total += 1
        text = pages.get((e.document_id, e.page))
        ok += text is not None and text[e.start : e.end] == e.quote
    return total, ok


def score_chart(
    gold: GoldChart, record: AuditRecord, documents: Sequence[Document], seconds: float
) -> ChartScore:
    """Score one review of ``gold``'s chart."""
    predicted = predicted_items(record.facts)
    golden = gold_items(gold, documents)
    fields = {
        f: _score_field([p for p in predicted if p.field == f], [g for g in golden if g.field == f])
        for f in FIELDS
    }
    found = {f.rule_id: f.status.value for f in record.findings}
    verdicts = [
        Verdict(rule=rule, gold=v.status.value, predicted=found.get(rule, MISSING))
        for rule, v in sorted(gold.rules.items())
    ]
    weekly = {w.week: w for w in record.weekly_summary}
    weeks = [
        WeekScore(
            week=w.week,
            gold_hours=w.counted_hours,
            predicted_hours=weekly[w.week].counted_hours if w.week in weekly else None,
            gold_services=w.counted_services,
            predicted_services=weekly[w.week].counted_services if w.week in weekly else None,
        )
        for w in gold.weeks
    ]
    spans, verbatim = _verbatim(record, documents)
    usage = record.usage
    rows = [
        GoldRow(g.date, g.kind, g.attendance, g.minutes, frozenset(a.document for a in g.at))
        for g in gold.sessions
    ]
    files = {d.document_id: d.filename for d in documents}
    sessions = match_sessions(rows, record.facts.sessions, files).score
    return ChartScore(
        chart=gold.chart,
        policy=gold.policy,
        fields=fields,
        verdicts=verdicts,
        overall_gold=gold.overall,
        overall_predicted=record.overall,
        weeks=weeks,
        sessions=sessions,
        evidence_spans=spans,
        verbatim_spans=verbatim,
        ungrounded=len(record.ungrounded),
        input_errors=len(record.input_errors),
        llm_calls=usage.llm_calls,
        cached_calls=usage.cached_calls,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        seconds=seconds,
    )


# --------------------------------------------------------------------------- the set


class Accuracy(Model):
    correct: int
    total: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float | None:
        return ratio(self.correct, self.total)


class Summary(Model):
    """The set's metrics for one extractor (what CI's thresholds read)."""

    charts: int
    fields: dict[str, FieldScore]
    field_micro: FieldScore
    verdicts: Accuracy
    verdicts_by_pack: dict[str, Accuracy]
    rules: dict[str, Accuracy]
    confusion: dict[str, dict[str, int]]  # gold status -> predicted status -> count
    false_met: int
    false_met_findings: list[str]  # "chart: rule (gold status)"
    overall: Accuracy
    sessions: SessionScore = Field(default_factory=SessionScore)
    weekly_hours_exact: Accuracy
    weekly_services_exact: Accuracy
    grounding: Accuracy  # evidence spans verbatim at their offsets
    ungrounded_facts: int
    llm_calls_per_chart: float
    tokens_per_chart: float
    seconds_per_chart: float


def summarize(scores: Sequence[ChartScore]) -> Summary:
    fields = {f: FieldScore() for f in FIELDS}
    for s in scores:
        for f, fs in s.fields.items():
            fields[f] = fields[f].add(fs)
    micro = FieldScore()
    for fs in fields.values():
        micro = micro.add(fs)
    verdicts = [(s, v) for s in scores for v in s.verdicts]
    confusion = {g: dict.fromkeys((*STATUSES, MISSING), 0) for g in STATUSES}
    for _, v in verdicts:
        confusion[v.gold][v.predicted] += 1
    packs = sorted({s.policy for s in scores})
    rules = sorted({v.rule for _, v in verdicts})
    weeks = [w for s in scores for w in s.weeks]
    n = len(scores) or 1
    return Summary(
        charts=len(scores),
        fields=fields,
        field_micro=micro,
        verdicts=Accuracy(correct=sum(v.correct for _, v in verdicts), total=len(verdicts)),
        verdicts_by_pack={
            p: Accuracy(
                correct=sum(v.correct for s, v in verdicts if s.policy == p),
                total=sum(1 for s, _ in verdicts if s.policy == p),
            )
            for p in packs
        },
        rules={
            r: Accuracy(
                correct=sum(v.correct for _, v in verdicts if v.rule == r),
                total=sum(1 for _, v in verdicts if v.rule == r),
            )
            for r in rules
        },
        confusion=confusion,
        false_met=sum(v.false_met for _, v in verdicts),
        false_met_findings=[
            f"{s.chart}: {v.rule} (gold {v.gold})" for s, v in verdicts if v.false_met
        ],
        overall=Accuracy(
            correct=sum(s.overall_gold == s.overall_predicted for s in scores), total=len(scores)
        ),
        sessions=sum((s.sessions for s in scores), SessionScore()),
        weekly_hours_exact=Accuracy(correct=sum(w.hours_exact for w in weeks), total=len(weeks)),
        weekly_services_exact=Accuracy(
            correct=sum(w.services_exact for w in weeks), total=len(weeks)
        ),
        grounding=Accuracy(
            correct=sum(s.verbatim_spans for s in scores),
            total=sum(s.evidence_spans for s in scores),
        ),
        ungrounded_facts=sum(s.ungrounded for s in scores),
        llm_calls_per_chart=sum(s.llm_calls for s in scores) / n,
        tokens_per_chart=sum(s.prompt_tokens + s.completion_tokens for s in scores) / n,
        seconds_per_chart=sum(s.seconds for s in scores) / n,
    )
