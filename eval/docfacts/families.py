"""The registry of document-fact families, their generation and their self-checks.

Groups: ``eval/docfacts/docfacts_dev*/`` (tuned on, gated) and
``eval/docfacts/docfacts_heldout*/`` (scored only, never tuned on; each group reported on
its own). Each module there
defines ``FAMILY`` (a :class:`~eval.docfacts.model.DocFamily`).

``python -m eval.docfacts.families GROUP [--write DIR]`` generates a group's charts, checks
their gold against their own words (every goal text, signer name and date present in its
file) and optionally writes them out to read.
"""

from __future__ import annotations

import argparse
import importlib
import io
import pkgutil
import random
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from eval.docfacts.model import DocChart, DocFamily, DocGold, Split

PACKAGES: dict[str, tuple[Split, str]] = {
    "docfacts_dev": ("dev", "eval.docfacts.docfacts_dev"),
    # written blind later (myAvatar-like form reports, faxed payer forms, e-signed plans)
    "docfacts_dev2": ("dev", "eval.docfacts.docfacts_dev2"),
    # written blind by a third author (CMHC weekly summaries, a payer portal, rating-scale
    # flowsheets, recertification letters and discharge summaries)
    "docfacts_dev3": ("dev", "eval.docfacts.docfacts_dev3"),
    # written blind by a fourth author (rural CMHC grids, hospital IOP dictation and care
    # plans, an ASAM program's e-signed plans and addenda, a payer's UR packet)
    "docfacts_dev4": ("dev", "eval.docfacts.docfacts_dev4"),
    # written blind by a fifth author (SMART-goal cards and goal grids, participation that
    # turns, certification and continued-stay wording, signature layouts, risk conclusions,
    # scores over time)
    "docfacts_dev5": ("dev", "eval.docfacts.docfacts_dev5"),
    # written blind by a sixth author (wrapped plan columns, plan-of-care prose and an
    # unsigned draft, certification in a physician's words with e-signature audit trails,
    # check-box participation over time, SAFE-T risk, a payer portal's authorization)
    "docfacts_dev6": ("dev", "eval.docfacts.docfacts_dev6"),
    "docfacts_heldout": ("heldout", "eval.docfacts.docfacts_heldout"),
    # a second held-out group, written blind (a county SUD program's state forms, a
    # telehealth platform's generated documents, a payer's review worksheet, a teaching
    # hospital's SMART-goal plans); scored only, never tuned on
    "docfacts_heldout2": ("heldout", "eval.docfacts.docfacts_heldout2"),
}
CHARTS_PER_FAMILY = 4
SEED_BASE: dict[Split, int] = {"dev": 2000, "heldout": 8_000_000}


@dataclass(frozen=True)
class GeneratedDocChart:
    chart_id: str
    family: DocFamily
    chart: DocChart


@cache
def groups(split: Split | None = None) -> dict[str, tuple[DocFamily, ...]]:
    """The families of each group of ``split`` (every group when ``None``), by name."""
    out: dict[str, tuple[DocFamily, ...]] = {}
    for group, (sp, package) in PACKAGES.items():
        if split is not None and sp != split:
            continue
        try:
            pkg = importlib.import_module(package)
        except ModuleNotFoundError:
            continue
        found: list[DocFamily] = []
        for info in pkgutil.iter_modules([str(Path(pkg.__file__ or "").parent)]):
            if info.name.startswith("_"):
                continue
            family: DocFamily = importlib.import_module(f"{package}.{info.name}").FAMILY
            if family.split != sp:
                raise ValueError(f"{package}.{info.name}: FAMILY.split must be {sp!r}")
            found.append(family)
        names = [f.name for f in found]
        if len(names) != len(set(names)):
            raise ValueError(f"{group}: two families share a name")
        out[group] = tuple(sorted(found, key=lambda f: f.name))
    return out


def generate(family: DocFamily, n: int = CHARTS_PER_FAMILY) -> list[GeneratedDocChart]:
    """The ``n`` charts of ``family``, the same bytes every run."""
    name_seed = sum(ord(c) * 31**i for i, c in enumerate(family.name)) % 100_000
    charts = []
    for i in range(n):
        seed = SEED_BASE[family.split] + name_seed * 100 + i
        chart = family.render(random.Random(seed))
        chart_id = f"{family.name}-{i + 1:02d}"
        problems = check_chart(chart)
        if problems:
            raise ValueError(f"{chart_id}: " + "; ".join(problems))
        charts.append(GeneratedDocChart(chart_id, family, chart))
    return charts


def file_text(name: str, data: bytes) -> str:
    """A file's words as a reader would see them (PDF text through pypdf)."""
    if name.lower().endswith(".pdf"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join(p.extract_text() or "" for p in reader.pages)
    return data.decode("utf-8")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def check_chart(chart: DocChart) -> list[str]:
    """What is wrong with a chart's gold, judged against its own words."""
    problems: list[str] = []
    names = [f.name for f in chart.files]
    if len(names) != len(set(names)):
        problems.append("two files share a name")
    texts = {f.name: _squash(file_text(f.name, f.data)) for f in chart.files}
    seen: set[str] = set()
    for gold in chart.gold:
        if gold.file not in texts:
            problems.append(f"gold for unknown file {gold.file!r}")
            continue
        if gold.file in seen:
            problems.append(f"two golds for {gold.file!r}")
        seen.add(gold.file)
        problems += _check_gold(gold, texts[gold.file])
    return problems


def _check_gold(gold: DocGold, text: str) -> list[str]:
    out: list[str] = []
    where = gold.file
    for goal in [o for g in gold.goals or () for o in (g, *g.objectives)]:
        piece = _squash(goal.text)
        if len(piece) < 20:
            out.append(f"{where}: goal text shorter than 20 characters: {goal.text!r}")
        elif text.count(piece) != 1:
            out.append(f"{where}: goal text not found exactly once: {goal.text!r}")
    for signer in gold.signers or ():
        if signer.signed:
            last = _squash(signer.name.split()[-1])
            if last not in text:
                out.append(f"{where}: signer {signer.name!r} not in the text")
    if gold.authorization is not None and gold.authorization == (None, None):
        out.append(f"{where}: an authorization gold with neither start nor end")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("group", choices=sorted(PACKAGES))
    parser.add_argument("--write", type=Path, help="write each chart's files here")
    args = parser.parse_args(argv)
    split = PACKAGES[args.group][0]
    total = 0
    for family in groups(split).get(args.group, ()):
        for g in generate(family):
            total += 1
            if args.write:
                folder = args.write / g.chart_id
                folder.mkdir(parents=True, exist_ok=True)
                for f in g.chart.files:
                    (folder / f.name).write_bytes(f.data)
                (folder.parent / f"{g.chart_id}.gold.txt").write_text(
                    "\n".join(repr(d) for d in g.chart.gold), encoding="utf-8"
                )
    print(f"{args.group}: {total} charts generated, gold consistent with the text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
