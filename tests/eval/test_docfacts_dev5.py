"""The fifth development group of document-fact families (``docfacts_dev5``): registered as
dev and gated, six ``f5-`` families, the same bytes and gold every run, every gold fact
supported by the words of the file it names, and the tricky lines of issue 12 present in
the gold as a careful reader takes them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from core.facts import CertificationElement, ParticipationStatus
from eval.docfacts.families import PACKAGES, GeneratedDocChart, file_text, generate, groups
from eval.docfacts.model import DocGold
from eval.thresholds import load_thresholds

GROUP = "docfacts_dev5"
FAMILIES = groups("dev").get(GROUP, ())
CHARTS = [c for f in FAMILIES for c in generate(f)]
GOLDS = [g for c in CHARTS for g in c.chart.gold]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _has_date(text: str, day: dt.date) -> bool:
    forms = {
        f"{day:%m/%d/%Y}",
        f"{day.month}/{day.day}/{day.year}",
        f"{day:%B} {day.day}, {day.year}",
        f"{day:%Y.%m.%d}",
    }
    return any(_squash(f) in text for f in forms)


_SPELLINGS = {
    "PHQ-9": "phq-9",
    "GAD-7": "gad-7",
    "PCL-5": "pcl-5",
    "AUDIT-C": "audit-c",
}


def _problems(gold: DocGold, text: str) -> list[str]:
    out: list[str] = []
    for part in [o for g in gold.goals or () for o in (g, *g.objectives)]:
        if text.count(_squash(part.text)) != 1:
            out.append(f"goal {part.text!r}")
    for s in gold.signers or ():
        key = s.name.split()[-1] if s.signed else s.name
        if _squash(key) not in text:
            out.append(f"signer {s.name!r}")
        if s.credential and s.credential.casefold() not in text.replace(".", ""):
            out.append(f"credential {s.credential!r} of {s.name!r}")
    for sc in gold.scores or ():
        name, value = _SPELLINGS[sc.instrument], f"{sc.value:g}"
        # the value after its instrument: in a sentence or a column of its table
        pattern = re.escape(name) + r"[^\n]{0,400}?(?<![\d/.:-])" + value + r"(?![\d:])"
        if not re.search(pattern, text, re.S):
            out.append(f"score {sc.instrument} {value}")
        if sc.date is not None and not _has_date(text, sc.date):
            out.append(f"score date {sc.date}")
    for p in gold.participation or ():
        if p.date is not None and not _has_date(text, p.date):
            out.append(f"participation date {p.date}")
    if gold.date is not None and not _has_date(text, gold.date):
        out.append(f"document date {gold.date}")
    if gold.hours_per_week is not None:
        words = {9.0: "nine", 12.0: "twelve"}
        hours = gold.hours_per_week
        if f"{hours:g}" not in text and words.get(hours, "-") not in text:
            out.append(f"hours {hours:g}")
    return out


def test_the_group_is_dev_gated_and_its_families_are_named_f5() -> None:
    assert PACKAGES[GROUP] == ("dev", "eval.docfacts.docfacts_dev5")
    assert getattr(load_thresholds(), GROUP, None) is not None
    names = [f.name for f in FAMILIES]
    assert len(names) == 6 and all(n.startswith("f5-") for n in names)
    others = {f.name for g, fams in groups().items() if g != GROUP for f in fams}
    assert not set(names) & others


def test_generation_is_deterministic() -> None:
    for family in FAMILIES:
        assert [c.chart for c in generate(family)] == [c.chart for c in generate(family)]


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.chart_id)
def test_every_gold_fact_is_in_the_words_of_its_file(chart: GeneratedDocChart) -> None:
    texts = {f.name: _squash(file_text(f.name, f.data)) for f in chart.chart.files}
    assert chart.chart.gold
    for gold in chart.chart.gold:
        assert _problems(gold, texts[gold.file]) == [], gold.file


@pytest.mark.parametrize(
    ("field", "least"),
    [
        ("signers", 16),
        ("scores", 12),
        ("participation", 12),
        ("goals", 8),
        ("certification_elements", 8),
        ("risk", 12),
        ("continued_stay", 8),
    ],
)
def test_the_group_scores_every_kind_of_fact(field: str, least: int) -> None:
    scored = [g for g in GOLDS if getattr(g, field) is not None]
    assert len(scored) >= least


def test_tricky_lines_are_in_the_gold_as_written() -> None:
    """Blank required lines as unsigned roles; a reviewer written 'Dr. <last>' without a
    credential; participation that turns to refusal, and refusal that turns to
    participation; a screening line in a note with no risk conclusion; a recertification
    naming only a past history with no diagnosis; a goal without a measure; a request
    whose symptoms resolved supporting no continued stay."""
    signers = [s for g in GOLDS for s in g.signers or ()]
    assert any(not s.signed for s in signers)
    assert any(s.name.startswith("Dr. ") and s.credential is None for s in signers)
    turns = [[p.status for p in g.participation or ()] for g in GOLDS if g.kind == "progress_note"]
    stays = [t for t in turns if len(t) == 2]
    assert [ParticipationStatus.REFUSES] * 2 in stays
    assert [ParticipationStatus.PARTICIPATES] * 2 in stays
    assert any(
        g.kind == "progress_note" and g.risk is not None and g.risk.imminent_danger is None
        for g in GOLDS
    )
    assert any(
        g.kind == "recertification"
        and CertificationElement.DIAGNOSIS not in (g.certification_elements or ())
        for g in GOLDS
    )
    assert any(not p.has_measure for g in GOLDS for p in g.goals or ())
    assert any(g.continued_stay == frozenset() for g in GOLDS)
