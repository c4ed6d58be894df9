"""The gold files of the eval set: strict pydantic models and their loader.

A gold file (``eval/charts/<chart>.gold.yaml``) is written by hand from RULES.md and the
chart's documents; eval/README.md describes every key. Loading rejects unknown keys,
repeated keys and values outside the enums, so a typo in the gold fails loudly instead of
silently scoring nothing.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, get_args

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from core.data import Frozen
from core.errors import EvalError
from core.facts import Attendance, Modality, ServiceKind
from core.findings import Status
from core.yamlio import load_model, load_yaml

EVAL_DIR = Path(__file__).resolve().parent
CHARTS_DIR = EVAL_DIR / "charts"
# The main set (CI thresholds) and a blind holdout written after the extractor was last
# changed against the main set's numbers (eval/README.md "Holdout").
SETS: dict[str, Path] = {
    "main": CHARTS_DIR,
    "holdout": EVAL_DIR / "holdout",
    # holdout charts that were studied to change the extractor: development charts now,
    # gated by their own thresholds from the measurement at which they moved
    "studied": EVAL_DIR / "studied",
}
STATUSES_FILE = EVAL_DIR / "statuses.yaml"
GOLD_SUFFIX = ".gold.yaml"

PackId = Literal["medicare-iop", "medicare-otp-iop", "optum-idaho-iop"]
Overall = Literal["met", "not_met", "insufficient_evidence"]

# Fact fields a gold file lists under ``facts`` (eval/README.md "Fact fields").
FactField = Literal[
    "admission_date",
    "discharge_date",
    "certification",
    "certification_signer",
    "plan_signer",
    "diagnosis",
    "goal",
    "risk_assessment",
    "risk_assessor",
    "member_age",
    "physical_exam",
]
# Fields derived from the session table (eval/README.md "Session rows").
SESSION_FIELDS = (
    "session",
    "session_minutes",
    "attendance",
    "group_size",
    "facilitator",
    "modality",
)
FIELDS: tuple[str, ...] = (*get_args(FactField), *SESSION_FIELDS)


class Location(Frozen):
    """A verbatim quote in one document of the chart (every occurrence counts)."""

    document: Annotated[str, Field(min_length=1)]
    quote: Annotated[str, Field(min_length=1)]


Locations = Annotated[tuple[Location, ...], Field(min_length=1)]


class GoldSession(Frozen):
    """One service the chart documents (one row of the session table)."""

    date: dt.date
    kind: ServiceKind
    attendance: Attendance
    counted: bool
    minutes: Annotated[float, Field(gt=0)] | None
    group_size: Annotated[int, Field(ge=1)] | None = None
    facilitators: tuple[str, ...] = ()
    modality: Modality | None = None
    at: Locations

    @field_validator("modality")
    @classmethod
    def _stated_modality(cls, v: Modality | None) -> Modality | None:
        if v is Modality.UNKNOWN:
            raise ValueError("leave modality out when the chart does not state it")
        return v


class GoldWeek(Frozen):
    """The weekly summary of one program week (RULES.md "Program week N")."""

    week: Annotated[int, Field(ge=1)]
    start: dt.date
    end: dt.date
    complete: bool
    counted_hours: Annotated[float, Field(ge=0)]
    counted_services: Annotated[int, Field(ge=0)]
    unknown_length_services: Annotated[int, Field(ge=0)]
    service_days: Annotated[int, Field(ge=0, le=7)]


class GoldFact(Frozen):
    """One fact of a field, with every place the chart states it."""

    field: FactField
    value: str
    at: Locations

    @field_validator("value", mode="before")
    @classmethod
    def _as_text(cls, v: object) -> object:
        # YAML reads 2025-03-03 as a date and 15 as an int: the value is compared as text
        if isinstance(v, dt.date | int | float) and not isinstance(v, bool):
            return v.isoformat() if isinstance(v, dt.date) else str(v)
        return v


class GoldRule(Frozen):
    status: Status
    why: Annotated[str, Field(min_length=1)]


class GoldChart(Frozen):
    """A gold file: what a correct review of the chart finds."""

    chart: Annotated[str, Field(pattern=r"^(mi|otp|id)-\d\d-[a-z0-9-]+$")]
    policy: PackId
    description: Annotated[str, Field(min_length=1)]
    conventions: Annotated[tuple[str, ...], Field(min_length=1)]
    admission_date: dt.date | None
    episode_end: dt.date | None
    member_age: Annotated[int, Field(ge=0, le=120)] | None = None
    sessions: tuple[GoldSession, ...]
    weeks: tuple[GoldWeek, ...]
    facts: tuple[GoldFact, ...]
    rules: dict[str, GoldRule]
    overall: Overall

    @model_validator(mode="after")
    def _ids_match_pack(self) -> GoldChart:
        prefix = {"medicare-iop": "mi-", "medicare-otp-iop": "otp-", "optum-idaho-iop": "id-"}
        if not self.chart.startswith(prefix[self.policy]):
            raise ValueError(f"chart id {self.chart!r} must start with {prefix[self.policy]!r}")
        foreign = [r for r in self.rules if not r.startswith(f"{self.policy}.")]
        if foreign:
            raise ValueError(f"rules of another pack: {', '.join(foreign)}")
        return self

    def status_of(self, rule_id: str) -> Status:
        return self.rules[rule_id].status


class StatusTable(Frozen):
    """eval/statuses.yaml: the statuses each rule can take, per pack (from RULES.md)."""

    packs: dict[PackId, dict[str, tuple[Status, ...]]]


@cache
def allowed_statuses() -> dict[str, frozenset[Status]]:
    """Full rule id -> the statuses RULES.md allows for it."""
    try:
        raw = load_yaml(STATUSES_FILE.read_text(encoding="utf-8"))
        table = StatusTable.model_validate({"packs": raw})
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError) as e:
        raise EvalError(f"{STATUSES_FILE.name} is invalid: {e}") from e
    return {
        f"{pack}.{rule}": frozenset(statuses)
        for pack, rules in table.packs.items()
        for rule, statuses in rules.items()
    }


def gold_path(chart: str, root: Path = CHARTS_DIR) -> Path:
    return root / f"{chart}{GOLD_SUFFIX}"


def load_gold(path: Path) -> GoldChart:
    """Load one gold file strictly; the chart id must equal the file name."""
    gold = load_model(path, GoldChart, "gold file", EvalError)
    if path.name != f"{gold.chart}{GOLD_SUFFIX}":
        raise EvalError(f"gold file {path.name} names chart {gold.chart!r}: rename one of them")
    return gold


def chart_ids(root: Path = CHARTS_DIR) -> list[str]:
    """Every chart of the set: a folder with a gold file beside it (sorted)."""
    ids = sorted(p.name.removesuffix(GOLD_SUFFIX) for p in root.glob(f"*{GOLD_SUFFIX}"))
    missing = [c for c in ids if not (root / c).is_dir()]
    if missing:
        raise EvalError(f"gold files without a chart folder: {', '.join(missing)}")
    return ids
