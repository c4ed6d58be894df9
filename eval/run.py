"""Run the eval: review every gold chart with an extractor and score it.

``run_eval`` returns an :class:`EvalReport` (the JSON report); ``render_table`` and
``render_markdown`` print one or more reports side by side, so two extractors can be
compared on the same charts.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from core.errors import UsageError
from eval.gold import FIELDS, SETS, GoldChart, chart_ids, gold_path, load_gold
from eval.metrics import (
    STATUSES,
    Accuracy,
    ChartScore,
    FieldScore,
    Summary,
    score_chart,
    summarize,
)
from eval.sessions import Model
from extract.base import Extractor
from pipeline.review import EXTRACTORS, make_extractor, review_chart, tool_version

if TYPE_CHECKING:  # the LLM libraries load only for an LLM eval
    from eval.oracle import OracleTransport
    from eval.recordings import ReplayTransport

log = logging.getLogger("chartreview.eval")

REPORT_SCHEMA = "chartreview-eval/1"
LLMSource = Literal["none", "live", "recording", "oracle"]
#: the eval's extractors: the review's, and the oracle (the gold through the LLM path)
EVAL_EXTRACTORS = (*EXTRACTORS, "oracle", "hybrid-oracle")


class EvalReport(Model):
    """One extractor's eval over the set (or the charts of one pack)."""

    report_schema: str = REPORT_SCHEMA
    created_at: str
    tool_version: str
    extractor: str
    model: str | None
    llm_source: LLMSource
    policy: str | None
    gold_set: str = "main"
    summary: Summary
    packs: dict[str, Summary]  # the same metrics over each pack's charts
    charts: list[ChartScore]


def run_eval(
    extractor: str | Extractor = "deterministic",
    *,
    policy: str | None = None,
    charts: Sequence[str] | None = None,
    gold_set: str = "main",
    llm_source: LLMSource = "none",
    progress: Callable[[str, int, int], None] | None = None,
    before_chart: Callable[[GoldChart, Path], None] | None = None,
) -> EvalReport:
    """Review and score the charts of ``gold_set`` (all, those of ``policy``, or
    ``charts``)."""
    if gold_set not in SETS:
        raise UsageError(f"unknown gold set {gold_set!r}: choose one of {', '.join(SETS)}")
    root = SETS[gold_set]
    ids = list(charts) if charts else chart_ids(root)
    unknown = [c for c in ids if not gold_path(c, root).is_file()]
    if unknown:
        raise UsageError(f"no gold file for chart(s) {', '.join(unknown)} in {root}")
    golds = [load_gold(gold_path(c, root)) for c in ids]
    if policy is not None:
        golds = [g for g in golds if g.policy == policy]
        if not golds:
            raise UsageError(f"no eval chart uses policy pack {policy!r}")
    engine = make_extractor(extractor) if isinstance(extractor, str) else extractor
    scores = []
    for done, gold in enumerate(golds, start=1):
        if before_chart is not None:
            before_chart(gold, root)
        started = time.perf_counter()
        review = review_chart([root / gold.chart], policy=gold.policy, extractor=engine)
        seconds = time.perf_counter() - started
        scores.append(score_chart(gold, review.record, review.documents, seconds))
        if progress is not None:
            progress(gold.chart, done, len(golds))
    log.info("eval: %d charts reviewed with %s", len(scores), engine.kind)
    return EvalReport(
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        tool_version=tool_version(),
        extractor=engine.kind,
        model=engine.model,
        llm_source=llm_source,
        policy=policy,
        gold_set=gold_set,
        summary=summarize(scores),
        packs={
            pack: summarize([s for s in scores if s.policy == pack])
            for pack in sorted({s.policy for s in scores})
        },
        charts=scores,
    )


@dataclass
class EvalExtractor:
    """An extractor for the eval and where its LLM answers come from."""

    extractor: Extractor
    llm_source: LLMSource
    replay: ReplayTransport | None = None  # counts served / missing answers
    oracle: OracleTransport | None = None  # answers with the gold of the chart under review

    def before_chart(self, gold: GoldChart, root: Path) -> None:
        if self.oracle is not None:
            from ingest.loader import load_chart

            self.oracle.review(gold, load_chart([root / gold.chart]).documents)


def eval_extractor(kind: str, *, record: Path | None = None) -> EvalExtractor:
    """``deterministic``; or ``llm``/``hybrid`` against the configured endpoint (live,
    written to ``record`` when given), else replayed from the recording in
    eval/recordings/ (clearly reported as a recording)."""
    if kind not in EVAL_EXTRACTORS:
        raise UsageError(f"unknown extractor {kind!r}: choose one of {', '.join(EVAL_EXTRACTORS)}")
    if kind in ("oracle", "hybrid-oracle"):
        if record is not None:
            raise UsageError("--record needs --extractor llm or hybrid")
        return oracle_extractor(hybrid=kind == "hybrid-oracle")
    if kind == "deterministic":
        if record is not None:
            raise UsageError("--record needs --extractor llm or hybrid")
        return EvalExtractor(make_extractor(kind), "none")
    import httpx

    from eval.recordings import (
        Recording,
        RecordingTransport,
        ReplayTransport,
        find_recording,
        header_for,
        replay_settings,
    )
    from extract.llm import HybridExtractor, LLMExtractor, LLMSettings, is_configured
    from extract.llm.prompt import DEFAULT_PROMPT, PROMPTS_DIR, load_prompt

    cls = HybridExtractor if kind == "hybrid" else LLMExtractor
    if is_configured():
        settings = replace(LLMSettings.from_env(), cache=False)  # count every call
        client = None
        if record is not None:
            prompt = load_prompt(DEFAULT_PROMPT, PROMPTS_DIR)
            header = header_for(settings, prompt.version, prompt.sha256)
            transport = RecordingTransport(httpx.HTTPTransport(), record, header)
            client = httpx.Client(transport=transport, timeout=settings.timeout)
        return EvalExtractor(cls(settings, http_client=client), "live")
    if record is not None:
        raise UsageError("--record needs an LLM endpoint: " + not_configured_hint())
    path = find_recording()
    if path is None:
        raise UsageError(
            f"no LLM endpoint is configured and eval/recordings/ has no recording to replay: "
            f"{not_configured_hint()}, or add a recording made with `chartreview eval "
            f"--extractor llm --record eval/recordings/<model>.jsonl`"
        )
    recording = Recording.load(path)
    replay = ReplayTransport(recording)
    client = httpx.Client(transport=replay)
    return EvalExtractor(
        cls(replay_settings(recording.header), http_client=client), "recording", replay
    )


def oracle_extractor(*, hybrid: bool = False) -> EvalExtractor:
    """The ``llm`` extractor (``hybrid``: the hybrid one, which joins the offline reader's
    facts with the model's field by field) answered by
    :class:`eval.oracle.OracleTransport` (the gold in the model's output format): no cache,
    no retries, one request at a time."""
    import httpx

    from eval.oracle import ORACLE_MODEL, OracleTransport
    from extract.llm import HybridExtractor, LLMExtractor, LLMSettings

    transport = OracleTransport()
    settings = LLMSettings(
        model=ORACLE_MODEL,
        api_key="gold-oracle",
        structured_output="json_schema",
        cache=False,
        retries=0,
        max_concurrency=1,
    )
    cls = HybridExtractor if hybrid else LLMExtractor
    extractor = cls(settings, http_client=httpx.Client(transport=transport))
    return EvalExtractor(extractor, "oracle", oracle=transport)


def not_configured_hint() -> str:
    return "set OPENAI_API_KEY and/or OPENAI_BASE_URL and CHARTREVIEW_LLM_MODEL"


# --------------------------------------------------------------------------- rendering


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _label(r: EvalReport) -> str:
    if r.llm_source == "oracle":
        return f"{r.extractor} (gold oracle)"
    if r.llm_source == "recording":
        return f"{r.extractor} (recorded {r.model})"
    return r.extractor if r.model is None else f"{r.extractor} ({r.model})"


def _rows(reports: Sequence[EvalReport]) -> list[tuple[str, list[str]]]:
    """(metric, one cell per report) rows of the headline table."""
    return _summary_rows([r.summary for r in reports])


def _summary_rows(
    summaries: Sequence[Summary], *, by_pack: bool = True
) -> list[tuple[str, list[str]]]:
    """(metric, one cell per summary) rows; ``by_pack`` adds verdict accuracy per pack."""

    def row(name: str, cell: Callable[[Summary], str]) -> tuple[str, list[str]]:
        return name, [cell(s) for s in summaries]

    rows = [
        row("charts", lambda s: str(s.charts)),
        row(
            "verdict accuracy",
            lambda s: _count(s.verdicts),
        ),
    ]
    packs = sorted({p for s in summaries for p in s.verdicts_by_pack}) if by_pack else []
    rows += [(f"  {p}", [_pack_cell(s, p) for s in summaries]) for p in packs]
    rows += [
        row("false met (gold not met)", lambda s: str(s.false_met)),
        row("overall result accuracy", lambda s: _pct(s.overall.accuracy)),
        row(
            "weekly hours exact",
            lambda s: _count(s.weekly_hours_exact),
        ),
        row("weekly services exact", lambda s: _pct(s.weekly_services_exact.accuracy)),
        row(
            "sessions (date, length, kind, attendance)",
            lambda s: (
                f"P {_pct(s.sessions.precision)} R {_pct(s.sessions.recall)} "
                f"({s.sessions.matched}/{s.sessions.gold})"
            ),
        ),
        row(
            "grounding (verbatim spans)",
            lambda s: f"{_pct(s.grounding.accuracy)} of {s.grounding.total}",
        ),
        row("ungrounded facts", lambda s: str(s.ungrounded_facts)),
        row("fact F1 (micro)", lambda s: _f1_cell(s.field_micro)),
        row("LLM calls / chart", lambda s: f"{s.llm_calls_per_chart:.1f}"),
        row("LLM tokens / chart", lambda s: f"{s.tokens_per_chart:.0f}"),
        row("seconds / chart", lambda s: f"{s.seconds_per_chart:.2f}"),
    ]
    return rows


def _count(a: Accuracy) -> str:
    return f"{_pct(a.accuracy)} ({a.correct}/{a.total})"


def _pack_cell(s: Summary, pack: str) -> str:
    return _count(s.verdicts_by_pack[pack]) if pack in s.verdicts_by_pack else "—"


def _f1_cell(fs: FieldScore) -> str:
    return f"P {_pct(fs.precision)} R {_pct(fs.recall)} F1 {_pct(fs.f1)}"


def _field_rows(reports: Sequence[EvalReport]) -> list[tuple[str, list[str]]]:
    return [
        (
            f"{f} (gold {reports[0].summary.fields[f].gold})",
            [_f1_cell(r.summary.fields[f]) for r in reports],
        )
        for f in FIELDS
    ]


def render_table(reports: Sequence[EvalReport]) -> str:
    """A plain-text table for the terminal: headline metrics, then per-field scores."""
    head = ["metric", *(_label(r) for r in reports)]
    body = [
        [name, *cells]
        for name, cells in [*_rows(reports), ("", [""] * len(reports)), *_field_rows(reports)]
    ]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(head, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in body
    ]
    for r in reports:
        if r.summary.false_met_findings:
            lines += ["", f"False met ({_label(r)}): the costliest errors, check these first"]
            lines += [f"  {x}" for x in r.summary.false_met_findings]
    return "\n".join(lines)


def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
        *("| " + " | ".join(r) + " |" for r in rows),
    ]


def render_markdown(reports: Sequence[EvalReport]) -> str:
    """The Markdown report: headline, per field, per rule, confusion, false met."""
    labels = [_label(r) for r in reports]
    out = ["# chartreview eval", ""]
    out.append(
        f"{reports[0].summary.charts} gold charts of the {reports[0].gold_set} set; "
        f"tool {reports[0].tool_version}."
    )
    out += ["", "## Headline", ""]
    out += _md_table(["metric", *labels], [[n, *c] for n, c in _rows(reports)])
    for r, label in zip(reports, labels, strict=True):
        packs = sorted(r.packs)
        out += ["", f"## Per pack: {label}", ""]
        out += _md_table(
            ["metric", *packs],
            [
                [name, *cells]
                for name, cells in _summary_rows([r.packs[p] for p in packs], by_pack=False)
            ],
        )
    out += ["", "## Facts (value matches and evidence overlaps the gold span)", ""]
    out += _md_table(["field", *labels], [[n, *c] for n, c in _field_rows(reports)])
    rules = sorted({rule for r in reports for rule in r.summary.rules})
    out += ["", "## Verdict accuracy per rule", ""]
    out += _md_table(
        ["rule", *labels],
        [
            [
                rule,
                *(
                    _count(r.summary.rules[rule]) if rule in r.summary.rules else "—"
                    for r in reports
                ),
            ]
            for rule in rules
        ],
    )
    for r, label in zip(reports, labels, strict=True):
        out += ["", f"## Confusion matrix: {label} (rows gold, columns predicted)", ""]
        cols = [*STATUSES, "missing"]
        out += _md_table(
            ["gold \\ predicted", *cols],
            [[g, *(str(r.summary.confusion[g][p]) for p in cols)] for g in STATUSES],
        )
        out += ["", f"False `met` ({r.summary.false_met}):", ""]
        out += [f"- {x}" for x in r.summary.false_met_findings] or ["- none"]
        wrong = [
            [c.chart, v.rule, v.gold, v.predicted]
            for c in r.charts
            for v in c.verdicts
            if not v.correct
        ]
        out += ["", f"## Verdicts that differ from the gold: {label} ({len(wrong)})", ""]
        out += _md_table(["chart", "rule", "gold", "predicted"], wrong) if wrong else ["none"]
    return "\n".join(out) + "\n"
