"""The registry of style families, and the generation of a family's charts.

Development families live in ``eval/generality/styles_dev/`` (the first group) and
``eval/generality/styles_dev2/`` (the second, written later by another author and gated by
its own thresholds, which start where the extractor was when they were added); held-out
families in ``eval/generality/styles_heldout/``. Each module there defines ``FAMILY`` (a
:class:`~eval.generality.model.Family`). Held-out families are generated with the fixed
seeds below and only scored: they are never used to choose extractor changes (issue 11).
"""

from __future__ import annotations

import importlib
import pkgutil
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from eval.generality.gold import GenGold, derive_gold
from eval.generality.model import ChartFile, Family, Split
from eval.generality.scenario import scenario

# group name -> (split, package). A group is scored and gated as one (eval/thresholds.yaml).
PACKAGES: dict[str, tuple[Split, str]] = {
    "styles_dev": ("dev", "eval.generality.styles_dev"),
    "styles_dev2": ("dev", "eval.generality.styles_dev2"),
    "styles_dev3": ("dev", "eval.generality.styles_dev3"),
    "styles_dev4": ("dev", "eval.generality.styles_dev4"),
    "styles_dev5": ("dev", "eval.generality.styles_dev5"),
    "styles_dev6": ("dev", "eval.generality.styles_dev6"),
    "styles_heldout": ("heldout", "eval.generality.styles_heldout"),
    # the second held-out group, looked at once (session 5): development from session 7
    "styles_dev7": ("dev", "eval.generality.styles_dev7"),
    "styles_heldout3": ("heldout", "eval.generality.styles_heldout3"),
    "styles_heldout4": ("heldout", "eval.generality.styles_heldout4"),
    # the eighth development group, written blind to the extractor (session 14)
    "styles_dev8": ("dev", "eval.generality.styles_dev8"),
    # the ninth development group, written blind to the extractor (session 15)
    "styles_dev9": ("dev", "eval.generality.styles_dev9"),
    # the tenth development group, written blind to the extractor (session 16)
    "styles_dev10": ("dev", "eval.generality.styles_dev10"),
    # the eleventh development group, written blind to the extractor (session 18)
    "styles_dev11": ("dev", "eval.generality.styles_dev11"),
}
CHARTS_PER_FAMILY = 4
# Fixed seeds: the held-out charts are the same every run (scored only, never tuned on).
SEED_BASE: dict[Split, int] = {"dev": 1000, "heldout": 9_000_000}


@dataclass(frozen=True)
class GeneratedChart:
    chart_id: str
    family: Family
    files: tuple[ChartFile, ...]
    gold: GenGold


@cache
def families(split: Split | None = None) -> tuple[Family, ...]:
    """Every registered family of ``split`` (both splits when ``None``), by name."""
    found = [f for group in groups(split).values() for f in group]
    names = [f.name for f in found]
    if len(names) != len(set(names)):
        raise ValueError("two style families share a name")
    return tuple(sorted(found, key=lambda f: f.name))


@cache
def groups(split: Split | None = None) -> dict[str, tuple[Family, ...]]:
    """The families of each group of ``split`` (every group when ``None``), by name."""
    out: dict[str, tuple[Family, ...]] = {}
    for group, (sp, package) in PACKAGES.items():
        found: list[Family] = []
        if split is not None and sp != split:
            continue
        try:
            pkg = importlib.import_module(package)
        except ModuleNotFoundError:
            continue
        for info in pkgutil.iter_modules([str(Path(pkg.__file__ or "").parent)]):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{package}.{info.name}")
            family: Family = module.FAMILY
            if family.split != sp:
                raise ValueError(f"{package}.{info.name}: FAMILY.split must be {sp!r}")
            found.append(family)
        out[group] = tuple(sorted(found, key=lambda f: f.name))
    return out


def generate(family: Family, n: int = CHARTS_PER_FAMILY) -> list[GeneratedChart]:
    """The ``n`` charts of ``family``: scenario seeds and style choices are fixed by the
    family's name and split, so every run generates the same bytes."""
    charts = []
    name_seed = sum(ord(c) * 31**i for i, c in enumerate(family.name)) % 100_000
    for i in range(n):
        seed = SEED_BASE[family.split] + name_seed * 100 + i
        scn = scenario(seed)
        rendered = family.render(scn, random.Random(seed))
        chart_id = f"{family.name}-{i + 1:02d}"
        names = [f.name for f in rendered.files]
        if len(names) != len(set(names)):
            raise ValueError(f"{family.name}: two files share a name")
        gold = derive_gold(chart_id, family.name, family.split, scn, rendered)
        for s in gold.sessions:
            missing = set(s.files) - set(names)
            if missing:
                raise ValueError(f"{family.name}: a session is written in unknown files {missing}")
        charts.append(GeneratedChart(chart_id, family, rendered.files, gold))
    return charts


def write_chart(chart: GeneratedChart, root: Path) -> Path:
    """Write a chart's files into ``root/<chart_id>/`` and its gold beside the folder."""
    folder = root / chart.chart_id
    folder.mkdir(parents=True, exist_ok=True)
    for f in chart.files:
        (folder / f.name).write_bytes(f.data)
    (root / f"{chart.chart_id}.gold.json").write_text(
        chart.gold.model_dump_json(indent=1), encoding="utf-8"
    )
    return folder
