"""CI thresholds of the eval (eval/thresholds.yaml) and the check against a report.

Thresholds only ratchet up: they start where the project really is, and a change that
improves a metric raises its threshold in the same commit. Lowering one to make CI pass
is not allowed (eval/README.md); grounding must stay at 100%.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

from pydantic import Field

from core.data import Frozen
from core.errors import EvalError
from core.yamlio import load_model
from eval.docfacts.score import FIELDS as DOC_FIELDS
from eval.docfacts.score import DocFamilyScore
from eval.generality.score import FamilyScore
from eval.gold import EVAL_DIR, FIELDS
from eval.metrics import Summary

THRESHOLDS_FILE = EVAL_DIR / "thresholds.yaml"
Fraction = Annotated[float, Field(ge=0, le=1)]


class Thresholds(Frozen):
    """The least each metric may be (``max_false_met``: the most)."""

    min_verdict_accuracy: Fraction
    min_pack_accuracy: dict[str, Fraction]
    max_false_met: Annotated[int, Field(ge=0)]
    min_overall_accuracy: Fraction
    min_weekly_hours_exact: Fraction
    # every evidence span verbatim at its offsets, always: 1.0 is the only value allowed
    min_grounding: Annotated[float, Field(ge=1.0, le=1.0)]
    max_ungrounded_facts: Annotated[int, Field(ge=0)]
    min_field_f1: dict[str, Fraction]
    # sessions read whole: date, length, kind and attendance all right (eval/sessions.py)
    min_session_precision: Fraction = 0.0
    min_session_recall: Fraction = 0.0


class StudiedCohort(Thresholds):
    """Charts moved into eval/studied later than the first ones, gated on their own from
    the measurement at which they moved (adding harder charts never lowers a threshold)."""

    charts: Annotated[list[str], Field(min_length=1)]


class StylesThresholds(Frozen):
    """The generated charts of the development style families (eval/generality)."""

    min_session_precision: Fraction
    min_session_recall: Fraction
    min_weekly_hours_exact: Fraction
    min_verdict_accuracy: Fraction
    max_false_met: Annotated[int, Field(ge=0)]


class DocFactsThresholds(Frozen):
    """The development document-fact families (eval/docfacts): the least F1 per field."""

    min_field_f1: dict[str, Fraction]


class ThresholdFile(Frozen):
    deterministic: Thresholds
    llm_recorded: Thresholds | None = None
    # the llm extractor answered with the gold (eval/oracle.py): the LLM path but the model
    oracle: Thresholds | None = None
    # the hybrid extractor answered with the gold: the offline reader joined field by field
    # with a model that is always right (a disagreement is the offline reader's error)
    hybrid_oracle: Thresholds | None = None
    # eval/studied (deterministic): retired holdout charts, their own gate
    studied: Thresholds | None = None
    # later cohorts of eval/studied, by name: each gates its own charts; ``studied`` the rest
    studied_cohorts: dict[str, StudiedCohort] = Field(default_factory=dict)
    styles_dev: StylesThresholds | None = None
    styles_dev2: StylesThresholds | None = None
    styles_dev3: StylesThresholds | None = None
    styles_dev4: StylesThresholds | None = None
    styles_dev5: StylesThresholds | None = None
    styles_dev6: StylesThresholds | None = None
    styles_dev7: StylesThresholds | None = None
    styles_dev8: StylesThresholds | None = None
    styles_dev9: StylesThresholds | None = None
    styles_dev10: StylesThresholds | None = None
    styles_dev11: StylesThresholds | None = None
    # the development document-fact groups, each gated on its own (eval/docfacts PACKAGES)
    docfacts_dev: DocFactsThresholds | None = None
    docfacts_dev2: DocFactsThresholds | None = None
    docfacts_dev3: DocFactsThresholds | None = None
    docfacts_dev4: DocFactsThresholds | None = None
    docfacts_dev5: DocFactsThresholds | None = None
    docfacts_dev6: DocFactsThresholds | None = None


def load_thresholds(path: Path | None = None) -> ThresholdFile:
    path = path or THRESHOLDS_FILE
    loaded = load_model(path, ThresholdFile, "eval thresholds", EvalError)
    for t in (
        loaded.deterministic,
        loaded.llm_recorded,
        loaded.oracle,
        loaded.hybrid_oracle,
        loaded.studied,
        *loaded.studied_cohorts.values(),
    ):
        unknown = sorted(set(t.min_field_f1) - set(FIELDS)) if t is not None else []
        if unknown:
            raise EvalError(f"{path.name}: unknown fields in min_field_f1: {', '.join(unknown)}")
    if loaded.docfacts_dev is not None:
        unknown = sorted(set(loaded.docfacts_dev.min_field_f1) - set(DOC_FIELDS))
        if unknown:
            raise EvalError(f"{path.name}: unknown docfacts_dev fields: {', '.join(unknown)}")
    return loaded


def failures(summary: Summary, t: Thresholds) -> list[str]:
    """Every threshold ``summary`` misses, in words (empty when it passes)."""
    out: list[str] = []

    def low(name: str, value: float | None, least: float) -> None:
        if value is None or value < least - 1e-9:
            shown = "n/a" if value is None else f"{value:.4f}"
            out.append(f"{name} is {shown}, below the threshold {least:.4f}")

    low("verdict accuracy", summary.verdicts.accuracy, t.min_verdict_accuracy)
    for pack, least in sorted(t.min_pack_accuracy.items()):
        acc = summary.verdicts_by_pack.get(pack)
        low(f"verdict accuracy of {pack}", acc.accuracy if acc else None, least)
    if summary.false_met > t.max_false_met:
        out.append(f"false met is {summary.false_met}, above the threshold {t.max_false_met}")
    low("overall result accuracy", summary.overall.accuracy, t.min_overall_accuracy)
    low(
        "weekly hours exact-match rate",
        summary.weekly_hours_exact.accuracy,
        t.min_weekly_hours_exact,
    )
    low("grounding rate", summary.grounding.accuracy, t.min_grounding)
    if summary.ungrounded_facts > t.max_ungrounded_facts:
        out.append(
            f"ungrounded facts are {summary.ungrounded_facts}, "
            f"above the threshold {t.max_ungrounded_facts}"
        )
    for field, least in sorted(t.min_field_f1.items()):
        low(f"F1 of {field}", summary.fields[field].f1, least)
    low("session precision", summary.sessions.precision, t.min_session_precision)
    low("session recall", summary.sessions.recall, t.min_session_recall)
    return out


def styles_failures(total: FamilyScore, t: StylesThresholds) -> list[str]:
    """Every threshold the development style families miss (empty when they pass)."""
    out: list[str] = []

    def low(name: str, value: float | None, least: float) -> None:
        if value is None or value < least - 1e-9:
            shown = "n/a" if value is None else f"{value:.4f}"
            out.append(f"{name} is {shown}, below the threshold {least:.4f}")

    low("session precision", total.precision, t.min_session_precision)
    low("session recall", total.recall, t.min_session_recall)
    low("weekly hours exact-match rate", total.weeks_exact_rate, t.min_weekly_hours_exact)
    low(
        "weekly-hours verdict accuracy",
        total.verdicts_right / total.charts if total.charts else None,
        t.min_verdict_accuracy,
    )
    if total.false_met > t.max_false_met:
        out.append(f"false met is {total.false_met}, above the threshold {t.max_false_met}")
    return out


def docfacts_failures(total: DocFamilyScore, t: DocFactsThresholds) -> list[str]:
    """Every per-field F1 the development document-fact families miss."""
    out: list[str] = []
    for name, least in sorted(t.min_field_f1.items()):
        count = total.fields.get(name)
        f1 = count.f1 if count is not None else None
        if f1 is None or f1 < least - 1e-9:
            shown = "n/a" if f1 is None else f"{f1:.4f}"
            out.append(f"F1 of {name} is {shown}, below the threshold {least:.4f}")
    return out


def _down(x: float) -> str:
    """``x`` rounded down to 3 decimals: a threshold the measured value still meets."""
    return f"{math.floor(x * 1000) / 1000:.3f}"


def ratchet_hints(summary: Summary, t: Thresholds) -> list[str]:
    """Metrics now clearly above their threshold: raise it in the same commit."""
    hints = []
    acc = summary.verdicts.accuracy
    if acc is not None and acc > t.min_verdict_accuracy + 0.01:
        hints.append(f"min_verdict_accuracy could rise to {_down(acc)}")
    if summary.false_met < t.max_false_met:
        hints.append(f"max_false_met could drop to {summary.false_met}")
    for field, least in sorted(t.min_field_f1.items()):
        f1 = summary.fields[field].f1
        if f1 is not None and f1 > least + 0.02:
            hints.append(f"min_field_f1.{field} could rise to {_down(f1)}")
    return hints
