"""Score the extractor on generated charts: sessions and weekly hours per style family.

Sessions are matched as :mod:`eval.sessions` says (date, length, kind and attendance all
right, in a file that documents the session; one to one). Precision is matches over
predicted sessions, recall matches over gold sessions. Weekly hours: the share of the
gold's complete program weeks whose counted hours the review gets exactly (same week
start, same hours to 0.01). The weekly-hours verdict (``medicare-iop.weekly-hours``) is
compared with the one RULES.md gives for the gold weeks; a ``met`` where the gold is not
is a false met.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from core.data import Frozen
from core.findings import Status
from eval.generality.families import GeneratedChart, generate, groups, write_chart
from eval.generality.gold import GenGold
from eval.generality.model import Split
from eval.sessions import GoldRow, match_sessions
from extract.base import Extractor
from pipeline.review import make_extractor, review_chart

PACK = "medicare-iop"
RULE = f"{PACK}.weekly-hours"
MIN_HOURS = 9.0
TOLERANCE = 0.005


class ChartResult(Frozen):
    chart: str
    family: str
    split: str
    gold_sessions: int
    predicted_sessions: int
    matched: int
    complete_weeks: int
    weeks_exact: int
    gold_verdict: str
    verdict: str
    unread: int
    unknown_kind: int
    misses: tuple[str, ...] = ()  # gold sessions not found (date kind attendance minutes)
    extras: tuple[str, ...] = ()  # predicted sessions matching no gold session


class FamilyScore(Frozen):
    family: str
    split: str
    charts: int
    gold_sessions: int
    predicted_sessions: int
    matched: int
    complete_weeks: int
    weeks_exact: int
    verdicts_right: int
    false_met: int
    unread: int

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted_sessions if self.predicted_sessions else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold_sessions if self.gold_sessions else None

    @property
    def weeks_exact_rate(self) -> float | None:
        return self.weeks_exact / self.complete_weeks if self.complete_weeks else None


def gold_verdict(gold: GenGold) -> Status:
    """RULES.md ``medicare-iop.weekly-hours`` on the gold weeks."""
    complete = gold.complete_weeks
    if not complete:
        return Status.NOT_APPLICABLE
    short = [w for w in complete if w.counted_hours + TOLERANCE < MIN_HOURS]
    if not short:
        return Status.MET
    if all(w.unknown_length_services > 0 for w in short):
        return Status.INSUFFICIENT_EVIDENCE
    return Status.NOT_MET


def score_generated(chart: GeneratedChart, extractor: Extractor, root: Path) -> ChartResult:
    folder = write_chart(chart, root)
    review = review_chart([folder], policy=PACK, extractor=extractor)
    record = review.record
    files = {d.document_id: d.filename for d in review.documents}
    gold = chart.gold
    rows = [
        GoldRow(g.date, g.kind, g.attendance, g.minutes, frozenset(g.files)) for g in gold.sessions
    ]
    matching = match_sessions(rows, record.facts.sessions, files)
    by_start = {w.start: w for w in record.weekly_summary}
    complete = gold.complete_weeks
    exact = sum(
        1
        for w in complete
        if (got := by_start.get(w.start)) is not None
        and abs(got.counted_hours - w.counted_hours) <= TOLERANCE
    )
    finding = next(f for f in record.findings if f.rule_id == RULE)
    unread = len(getattr(record, "unread", ()) or ())
    return ChartResult(
        chart=chart.chart_id,
        family=chart.family.name,
        split=chart.family.split,
        gold_sessions=matching.score.gold,
        predicted_sessions=matching.score.predicted,
        matched=matching.score.matched,
        complete_weeks=len(complete),
        weeks_exact=exact,
        gold_verdict=gold_verdict(gold).value,
        verdict=finding.status.value,
        unread=unread,
        unknown_kind=sum(1 for s in record.facts.sessions if s.service_kind.value == "unknown"),
        misses=matching.misses,
        extras=matching.extras,
    )


def summarize(results: Sequence[ChartResult], family: str, split: str) -> FamilyScore:
    return FamilyScore(
        family=family,
        split=split,
        charts=len(results),
        gold_sessions=sum(r.gold_sessions for r in results),
        predicted_sessions=sum(r.predicted_sessions for r in results),
        matched=sum(r.matched for r in results),
        complete_weeks=sum(r.complete_weeks for r in results),
        weeks_exact=sum(r.weeks_exact for r in results),
        verdicts_right=sum(1 for r in results if r.verdict == r.gold_verdict),
        false_met=sum(1 for r in results if r.verdict == "met" and r.gold_verdict != "met"),
        unread=sum(r.unread for r in results),
    )


class StylesReport(Frozen):
    split: str
    families: tuple[FamilyScore, ...]
    groups: tuple[FamilyScore, ...]  # one per group of families (``family`` is its name)
    total: FamilyScore
    charts: tuple[ChartResult, ...]


def run_styles(
    split: Split,
    extractor: str | Extractor = "deterministic",
    *,
    only: Sequence[str] = (),
    progress: Callable[[str, int, int], None] | None = None,
) -> StylesReport:
    """Generate and score every chart of the ``split`` families (or the families ``only``)."""
    engine = make_extractor(extractor) if isinstance(extractor, str) else extractor
    chosen = {
        group: [f for f in fams if not only or f.name in only]
        for group, fams in groups(split).items()
    }
    count = sum(len(fams) for fams in chosen.values())
    results: list[ChartResult] = []
    scores: list[FamilyScore] = []
    group_scores: list[FamilyScore] = []
    with tempfile.TemporaryDirectory(prefix="chartreview-styles-") as tmp:
        root = Path(tmp)
        for group, fams in chosen.items():
            in_group: list[ChartResult] = []
            for family in fams:
                fam_results = [score_generated(c, engine, root) for c in generate(family)]
                in_group.extend(fam_results)
                scores.append(summarize(fam_results, family.name, split))
                if progress is not None:
                    progress(family.name, len(scores), count)
            if fams:
                group_scores.append(summarize(in_group, group, split))
            results.extend(in_group)
    return StylesReport(
        split=split,
        families=tuple(sorted(scores, key=lambda s: s.family)),
        groups=tuple(group_scores),
        total=summarize(results, "all", split),
        charts=tuple(results),
    )


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def render_styles(report: StylesReport, *, details: bool = False) -> str:
    rows = [("family", "P", "R", "sessions", "weeks exact", "verdicts", "false met", "unread")]
    for s in (*report.families, *(report.groups if len(report.groups) > 1 else ()), report.total):
        rows.append(
            (
                s.family,
                _pct(s.precision),
                _pct(s.recall),
                f"{s.matched}/{s.gold_sessions} ({s.predicted_sessions} read)",
                f"{_pct(s.weeks_exact_rate)} ({s.weeks_exact}/{s.complete_weeks})",
                f"{s.verdicts_right}/{s.charts}",
                str(s.false_met),
                str(s.unread),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if details:
        for c in report.charts:
            if c.misses or c.extras or c.verdict != c.gold_verdict:
                lines.append(
                    f"\n{c.chart}: verdict {c.verdict} (gold {c.gold_verdict}), "
                    f"{len(c.misses)} missed, {len(c.extras)} extra"
                )
                lines += [f"  missed {m}" for m in c.misses[:12]]
                lines += [f"  extra  {m}" for m in c.extras[:12]]
    return "\n".join(lines)


__all__ = ["StylesReport", "render_styles", "run_styles"]
