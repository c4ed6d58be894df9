"""The second held-out group of document-fact families (``docfacts_heldout2``): registered
as held-out and never gated, four ``g2-`` families, the same bytes and gold every run, and
every gold fact supported by the words of the file it names (goal texts once, signer names
and blank roles, each score's instrument and value, each stated date, the authorization's
start and end)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eval.docfacts.families import PACKAGES, file_text, generate, groups
from eval.docfacts.model import DocGold
from eval.thresholds import load_thresholds

GROUP = "docfacts_heldout2"
FAMILIES = groups("heldout").get(GROUP, ())
CHARTS = [c for f in FAMILIES for c in generate(f)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _date_forms(day: dt.date) -> set[str]:
    """Every way these families write a date (a worksheet's shorthand may drop the year)."""
    month = f"{day:%b}" + ("." if day.month != 5 else "")
    return {
        f"{day:%m/%d/%Y}",
        f"{day:%m/%d/%y}",
        day.isoformat(),
        f"{day:%B} {day.day}, {day.year}",
        f"{month} {day.day}, {day.year}",
        f"{day:%d%b%Y}".upper(),
        f"{day.month}/{day.day}/{day.year}",
        f"{day.month}/{day.day}:",
        f"{day.month}/{day.day} ",
    }


def _has_date(text: str, day: dt.date) -> bool:
    return any(_squash(form) in text for form in _date_forms(day))


_SPELLINGS = {
    "PHQ-9": ("phq-9", "phq9", "phq 9"),
    "GAD-7": ("gad-7", "gad7", "gad 7"),
    "PCL-5": ("pcl-5", "pcl 5"),
    "AUDIT": ("audit",),
    "AUDIT-C": ("audit-c",),
    "DAST-10": ("dast-10",),
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
        if s.credential and s.credential.replace("-", "").casefold() not in text.replace(
            ".", ""
        ).replace("-", ""):
            out.append(f"credential {s.credential!r} of {s.name!r}")
    for sc in gold.scores or ():
        names = _SPELLINGS[sc.instrument]
        value = f"{sc.value:g}"
        near = any(
            # the value after its instrument: in a sentence, an arrow list or a table column
            re.search(re.escape(n) + r".{0,160}?(?<![\d/.:-])" + value + r"(?![\d/:])", text)
            for n in names
        )
        if not near:
            out.append(f"score {sc.instrument} {value}")
        if sc.date is not None and not _has_date(text, sc.date):
            out.append(f"score date {sc.date}")
    for p in gold.participation or ():
        if p.date is not None and not _has_date(text, p.date):
            out.append(f"participation date {p.date}")
    if gold.date is not None and not _has_date(text, gold.date):
        out.append(f"document date {gold.date}")
    if gold.authorization is not None:
        for day in gold.authorization:
            if day is not None and not _has_date(text, day):
                out.append(f"authorization date {day}")
    if gold.hours_per_week is not None:
        hours = gold.hours_per_week
        words = {9.0: "nine", 10.0: "ten", 12.0: "twelve"}
        if f"{hours:g}" not in text and words.get(hours, "-") not in text:
            out.append(f"hours {hours:g}")
    return out


def test_the_group_is_heldout_scored_only_and_its_families_are_named_g2() -> None:
    assert PACKAGES[GROUP] == ("heldout", "eval.docfacts.docfacts_heldout2")
    assert getattr(load_thresholds(), GROUP, None) is None  # scored only, never gated
    names = [f.name for f in FAMILIES]
    assert len(names) == 4 and all(n.startswith("g2-") for n in names)
    assert all(f.split == "heldout" for f in FAMILIES)
    others = {f.name for g, fams in groups().items() if g != GROUP for f in fams}
    assert not set(names) & others


def test_generation_is_deterministic() -> None:
    for family in FAMILIES:
        first, again = generate(family), generate(family)
        assert [c.chart for c in first] == [c.chart for c in again]


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.chart_id)
def test_every_gold_fact_is_in_the_words_of_its_file(chart: object) -> None:
    from eval.docfacts.families import GeneratedDocChart

    assert isinstance(chart, GeneratedDocChart)
    texts = {f.name: _squash(file_text(f.name, f.data)) for f in chart.chart.files}
    assert chart.chart.gold
    for gold in chart.chart.gold:
        assert gold.file in texts
        assert _problems(gold, texts[gold.file]) == [], gold.file


@pytest.mark.parametrize(
    ("field", "least"),
    [
        ("signers", 12),
        ("scores", 12),
        ("participation", 6),
        ("goals", 12),
        ("authorization", 8),
        ("certification_elements", 8),
        ("risk", 12),
        ("continued_stay", 4),
    ],
)
def test_the_group_scores_every_kind_of_fact(field: str, least: int) -> None:
    """Each field is scored on several documents across the group (so a field's F1 is not
    one document's luck)."""
    scored = [g for c in CHARTS for g in c.chart.gold if getattr(g, field) is not None]
    assert len(scored) >= least


def test_tricky_lines_are_in_the_gold_as_written() -> None:
    """The gold keeps what a careful reader keeps: blank required lines as unsigned roles,
    participation that turns to refusal with the refusal last, and documents whose several
    dates leave no single date unscored."""
    golds = [g for c in CHARTS for g in c.chart.gold]
    assert any(s.signed is False for g in golds for s in g.signers or ())
    assert any(
        len(g.participation or ()) >= 2 and g.participation[-1].status.value == "refuses"
        for g in golds
        if g.participation
    )
    assert any(g.date is None and g.kind in ("certification", "treatment_plan") for g in golds)
    assert any(g.risk is not None and g.risk.imminent_danger is None for g in golds)
