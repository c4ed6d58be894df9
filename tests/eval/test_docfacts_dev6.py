"""The sixth development group of document-fact families (``docfacts_dev6``, written blind,
not yet registered): six ``f6-`` families, the same bytes and gold every run, every gold
fact supported by the words of the file it names, each gold consistent with what its own
document checks or states, and the tricky lines present in the gold as a careful reader
takes them. The families are loaded from the package itself, so these tests hold before
and after the group is registered in ``eval.docfacts.families.PACKAGES``."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import eval.docfacts.docfacts_dev6 as group_package
from core.facts import CertificationElement, ContinuedStayElement, ParticipationStatus
from eval.docfacts.families import PACKAGES, GeneratedDocChart, file_text, generate, groups
from eval.docfacts.model import DocFamily, DocGold

P = ParticipationStatus


def _families() -> tuple[DocFamily, ...]:
    folder = str(Path(group_package.__file__ or "").parent)
    found: list[DocFamily] = [
        importlib.import_module(f"{group_package.__name__}.{info.name}").FAMILY
        for info in pkgutil.iter_modules([folder])
        if not info.name.startswith("_")
    ]
    return tuple(sorted(found, key=lambda f: f.name))


FAMILIES = _families()
CHARTS = [c for f in FAMILIES for c in generate(f)]
GOLDS = [g for c in CHARTS for g in c.chart.gold]
TEXTS = {
    (c.chart_id, f.name): file_text(f.name, f.data).casefold()
    for c in CHARTS
    for f in c.chart.files
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _forms(day: dt.date) -> set[str]:
    return {
        f"{day:%m/%d/%Y}",
        f"{day.month}/{day.day}/{day.year}",
        f"{day:%B} {day.day}, {day.year}",
        f"{day:%d-%b-%Y}",
        day.isoformat(),
    }


def _has_date(text: str, day: dt.date) -> bool:
    return any(_squash(f) in text for f in _forms(day))


_SPELLINGS = {"PHQ-9": "phq-9", "GAD-7": "gad-7"}


def _problems(gold: DocGold, text: str) -> list[str]:
    out: list[str] = []
    for part in [o for g in gold.goals or () for o in (g, *g.objectives)]:
        if len(_squash(part.text)) < 20 or text.count(_squash(part.text)) != 1:
            out.append(f"goal {part.text!r}")
    for s in gold.signers or ():
        key = s.name.split()[-1] if s.signed else s.name
        if _squash(key) not in text:
            out.append(f"signer {s.name!r}")
        if s.credential and s.credential.casefold() not in text.replace(".", ""):
            out.append(f"credential {s.credential!r} of {s.name!r}")
    for sc in gold.scores or ():
        name, value = _SPELLINGS[sc.instrument], f"{sc.value:g}"
        pattern = re.escape(name) + r"[^\n]{0,40}?(?<![\d/.:-])" + value + r"(?![\d:/])"
        if not re.search(pattern, text):
            out.append(f"score {sc.instrument} {value}")
        if sc.date is not None and not _has_date(text, sc.date):
            out.append(f"score date {sc.date}")
    for p in gold.participation or ():
        if p.date is not None and not _has_date(text, p.date):
            out.append(f"participation date {p.date}")
    if gold.date is not None and not _has_date(text, gold.date):
        out.append(f"document date {gold.date}")
    for day in gold.authorization or ():
        if day is not None and not _has_date(text, day):
            out.append(f"authorization date {day}")
    if gold.hours_per_week is not None:
        words = {9.0: "nine", 12.0: "twelve"}
        hours = gold.hours_per_week
        if f"{hours:g}" not in text and words.get(hours, "-") not in text:
            out.append(f"hours {hours:g}")
    return out


def _text(chart: GeneratedDocChart, gold: DocGold) -> str:
    return _squash(TEXTS[(chart.chart_id, gold.file)])


def _pairs() -> list[tuple[GeneratedDocChart, DocGold]]:
    return [(c, g) for c in CHARTS for g in c.chart.gold]


def test_six_dev_families_named_f6_and_new_to_every_group() -> None:
    names = [f.name for f in FAMILIES]
    assert len(names) == 6 and len(set(names)) == 6
    assert all(n.startswith("f6-") for n in names)
    assert all(f.split == "dev" and f.conventions and f.description for f in FAMILIES)
    others = {f.name for g, fams in groups().items() if g != "docfacts_dev6" for f in fams}
    assert not set(names) & others
    # registered (by the lead) only ever as a dev group
    assert PACKAGES.get("docfacts_dev6", ("dev", group_package.__name__)) == (
        "dev",
        group_package.__name__,
    )


def test_generation_is_deterministic() -> None:
    for family in FAMILIES:
        assert [c.chart for c in generate(family)] == [c.chart for c in generate(family)]


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.chart_id)
def test_every_gold_fact_is_in_the_words_of_its_file(chart: GeneratedDocChart) -> None:
    assert chart.chart.gold
    for gold in chart.chart.gold:
        assert _problems(gold, _text(chart, gold)) == [], gold.file


@pytest.mark.parametrize(
    ("field", "least"),
    [
        ("signers", 24),
        ("goals", 8),
        ("participation", 24),
        ("risk", 20),
        ("authorization", 12),
        ("certification_elements", 8),
        ("continued_stay", 8),
        ("scores", 8),
    ],
)
def test_the_group_scores_every_kind_of_fact(field: str, least: int) -> None:
    scored = [g for g in GOLDS if getattr(g, field) is not None]
    assert len(scored) >= least


def test_goals_carry_objectives_and_both_answers_of_each_judgement() -> None:
    parts = [p for g in GOLDS for goal in g.goals or () for p in (goal, *goal.objectives)]
    assert sum(1 for g in GOLDS for goal in g.goals or () for _ in goal.objectives) >= 24
    for flag in ("has_measure", "has_time_frame"):
        assert {getattr(p, flag) for p in parts} == {True, False}
    # a plan with goals is dated by its own "Date of plan" line, never by a target date
    for chart, gold in _pairs():
        if gold.kind == "treatment_plan" and gold.goals:
            assert gold.date is not None
            text = _text(chart, gold)
            assert any(f"date of plan: {_squash(f)}" in text for f in _forms(gold.date))


def test_a_progress_note_quoting_an_objective_holds_no_goals() -> None:
    quoting = [g for g in GOLDS if g.kind == "progress_note" and g.goals == ()]
    assert len(quoting) == 4


def test_signature_blocks_as_a_careful_reader_takes_them() -> None:
    signers = [s for g in GOLDS for s in g.signers or ()]
    assert any(not s.signed for s in signers)
    assert any(s.signed and s.credential is None for s in signers)  # member, guardian
    drafts = [g for g in GOLDS if g.kind == "treatment_plan" and g.signers and g.goals is None]
    assert drafts and all(not s.signed for g in drafts for s in g.signers or ())
    for chart, gold in _pairs():
        text = _text(chart, gold)
        if "audit trail" in text:
            # who created, modified or printed the note signs it only on a signing line
            lines = TEXTS[(chart.chart_id, gold.file)].splitlines()
            signing = "\n".join(ln for ln in lines if re.search(r"\b(co-?)?signed\b", ln))
            for ln in lines:
                if re.search(r"\b(created|modified|printed)\b", ln):
                    for s in gold.signers or ():
                        last = s.name.split()[-1].casefold()
                        assert not s.signed or last not in ln or last in signing
        if "cosign pending" in text:
            assert any(not s.signed for s in gold.signers or ())


def test_checked_boxes_and_summary_rows_are_the_gold_participation() -> None:
    box = {
        "active": P.PARTICIPATES,
        "moderate": P.PARTICIPATES,
        "minimal": P.PARTICIPATES,
        "refused": P.REFUSES,
        "unable": P.CANNOT_PARTICIPATE,
    }
    checked = re.compile(r"^\s*(\[x\]|☒|\(x\))\s+(\w+)", re.M)
    seen_turns: set[tuple[ParticipationStatus, ParticipationStatus]] = set()
    for chart, gold in _pairs():
        raw = TEXTS[(chart.chart_id, gold.file)]
        if "participation (check one)" in raw:
            marks = checked.findall(raw)
            assert len(marks) == 1
            assert gold.participation is not None
            assert [p.status for p in gold.participation] == [box[marks[0][1]]]
        if "weekly iop progress summary" in raw:
            statuses = [p.status for p in gold.participation or ()]
            assert len(statuses) == 5
            seen_turns.add((statuses[0], statuses[-1]))
    assert (P.REFUSES, P.PARTICIPATES) in seen_turns or (P.PARTICIPATES, P.REFUSES) in seen_turns


def test_risk_conclusions_follow_the_level_and_the_history_is_not_current() -> None:
    level = re.compile(r"\(x\) (high|moderate|low)")
    found: set[bool | None] = set()
    for chart, gold in _pairs():
        raw = TEXTS[(chart.chart_id, gold.file)]
        if gold.kind == "risk_assessment":
            assert gold.risk is not None
            want = {"high": True, "moderate": None, "low": False}[level.findall(raw)[0]]
            assert gold.risk.imminent_danger is want
            found.add(want)
        if "family history" in raw and "denies si" in raw and gold.kind == "evaluation":
            assert gold.risk is not None and gold.risk.imminent_danger is None
        screened = re.search(r"si(/hi)?:? (denied|denies)", raw)
        if gold.kind == "progress_note" and screened and "safety assessment" not in raw:
            assert gold.risk is not None and gold.risk.imminent_danger is None
    assert found == {True, False, None}
    assert any(
        g.kind == "progress_note" and g.risk is not None and g.risk.imminent_danger is False
        for g in GOLDS
    )


def test_certification_wording_and_continued_stay() -> None:
    recerts = [g for g in GOLDS if g.kind == "recertification"]
    assert recerts
    for chart, gold in _pairs():
        text = _text(chart, gold)
        if gold.kind == "recertification":
            named = CertificationElement.DIAGNOSIS in (gold.certification_elements or ())
            assert named == ("diagnosis unchanged" not in text)
            tried = ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT in (gold.continued_stay or ())
            assert tried == ("we tried cutting" in text)
    assert any(
        CertificationElement.DIAGNOSIS not in (g.certification_elements or ()) for g in recerts
    )
    assert any(g.continued_stay == frozenset() for g in GOLDS)
    assert {g.hours_per_week for g in GOLDS if g.hours_per_week is not None} == {9.0, 12.0}


def test_authorizations_keep_the_approved_period_only() -> None:
    for chart, gold in _pairs():
        if gold.authorization is None:
            continue
        start, end = gold.authorization
        text = _text(chart, gold)
        assert end is not None
        if "partial approval" in text:
            assert start is not None
            # the approved period ends before the requested one
            requested = re.findall(r"(\d{2}/\d{2}/\d{4})", text.split("appeal")[0])
            latest = max(dt.datetime.strptime(d, "%m/%d/%Y").date() for d in requested)
            assert end < latest
        if "valid through" in text:
            assert start is None
    assert any(g.authorization is not None and g.authorization[0] is None for g in GOLDS)
