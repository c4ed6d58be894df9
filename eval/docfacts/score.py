"""Score the extractor on the document-fact families: precision, recall and F1 per field,
per family, per group (issue 12).

Each generated chart is reviewed as a whole; a fact belongs to the file its evidence is
in. For each file with a gold, and each field the gold scores (not ``None``), the
predicted values of that file are compared with the gold's:

- ``signer``: every signature and blank required line of a certification or plan (of a
  risk assessment: who performed it and every other signer), matched one to one by last
  name (a blank line by its role); ``signer_credential``: the first credential of each
  matched signature, as the main eval normalizes it;
- ``certification_element``, ``continued_stay``: sets of elements (a certification's
  continuing symptoms count for a continued stay, as the rules read them);
  ``hours_per_week``: the weekly hours a certification states;
- ``risk_conclusion``: whether the member is in imminent danger and whether 24-hour
  supervision is needed, each where the gold says; a current danger finding in the file
  counts as a conclusion of danger;
- ``goal``: gold goals and objectives matched to the plan's goals and their objectives by
  their words; ``goal_measure`` and ``goal_time_frame``: whether each matched one states
  one in its own words (an unmatched predicted one with one is a false positive);
  ``goal_objective``: each objective read under the goal the gold puts it under (only
  where the gold says which goal an objective belongs to);
- ``authorization_period``: (start, end) exactly;
- ``participation``: (state, date) per statement (the date only where the gold has one);
- ``score``: (instrument, value, date) per standardized score;
- ``document_date``: the file's date.

Held-out families are scored only, never tuned on.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.data import Evidence, Frozen
from core.facts import (
    Certification,
    CertificationElement,
    ChartFacts,
    ContinuedStayElement,
    DangerKind,
    Fact,
    Goal,
    Person,
    RiskAssessment,
    TreatmentPlan,
)
from eval.docfacts.families import GeneratedDocChart, generate, groups
from eval.docfacts.model import DocGold, GoldGoal, GoldSigner, Split
from eval.fields import norm_credential
from extract.base import Extractor
from pipeline.review import make_extractor, review_chart

PACK = "medicare-iop"
FIELDS: tuple[str, ...] = (
    "signer",
    "signer_credential",
    "certification_element",
    "hours_per_week",
    "risk_conclusion",
    "goal",
    "goal_measure",
    "goal_time_frame",
    "goal_objective",
    "authorization_period",
    "continued_stay",
    "participation",
    "score",
    "document_date",
)
_DANGER = frozenset(
    {
        DangerKind.IMMINENT_DANGER,
        DangerKind.SUICIDAL_IDEATION_WITH_PLAN_OR_INTENT,
        DangerKind.HOMICIDAL_IDEATION_WITH_PLAN_OR_INTENT,
    }
)


class FieldCount(Frozen):
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: FieldCount) -> FieldCount:
        return FieldCount(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


class DocChartResult(Frozen):
    chart: str
    family: str
    fields: dict[str, FieldCount]
    misses: tuple[str, ...] = ()  # "file field: gold value" not found
    extras: tuple[str, ...] = ()  # "file field: predicted value" not in the gold


class DocFamilyScore(Frozen):
    family: str
    split: str
    charts: int
    fields: dict[str, FieldCount]


class DocFactsReport(Frozen):
    split: str
    families: tuple[DocFamilyScore, ...]
    groups: tuple[DocFamilyScore, ...]
    total: DocFamilyScore
    charts: tuple[DocChartResult, ...]


# --------------------------------------------------------------------------- matching


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _last_name(name: str) -> str:
    """The last name: the last word, or the word before a comma ("CORDOVA,NAOMI")."""
    last, comma, _ = name.partition(",")
    words = re.findall(r"[^\W\d_][\w'’-]*", last if comma else name)
    return words[-1].casefold() if words else ""


_INSTRUMENT_NAMES = {"DAST10": "DAST", "DSM5CROSSCUTTINGSYMPTOMMEASURE": "CCSM"}


def _instrument(name: str) -> str:
    """PHQ-9 / PHQ9 -> PHQ9; DAST-10 -> DAST; the DSM-5 Cross-Cutting Symptom Measure ->
    CCSM."""
    key = re.sub(r"[^A-Z0-9]", "", name.upper())
    return _INSTRUMENT_NAMES.get(key, key)


@dataclass
class _Tally:
    counts: dict[str, FieldCount]
    misses: list[str]
    extras: list[str]

    def add(self, field: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.counts[field] = self.counts.get(field, FieldCount()) + FieldCount(tp=tp, fp=fp, fn=fn)

    def sets(self, field: str, where: str, gold: Iterable[str], got: Iterable[str]) -> None:
        g, p = Counter(gold), Counter(got)
        both = g & p
        self.add(field, tp=sum(both.values()), fp=sum((p - g).values()), fn=sum((g - p).values()))
        self.misses += [f"{where} {field}: {v}" for v in (g - p).elements()]
        self.extras += [f"{where} {field}: {v}" for v in (p - g).elements()]


def _doc_of(fact: Fact) -> str:
    return fact.document_id


def _signers(
    docs: Sequence[Certification | TreatmentPlan | RiskAssessment],
) -> list[tuple[str, str | None, bool]]:
    """(last name or role, first credential, signed) of every signature of the documents
    (a risk assessment's: the clinician who performed it)."""
    out: dict[tuple[str, str | None, bool], None] = {}
    for d in docs:
        if isinstance(d, RiskAssessment):
            # who performed it, and every other signer (a supervisor's review, a co-signature)
            people: Sequence[Person] = (
                *((d.assessor,) if d.assessor is not None else ()),
                *(s for s in d.signers if s.name != getattr(d.assessor, "name", None)),
            )
        else:
            people = d.signers or ((d.signed_by,) if d.signed_by is not None else ())
        for p in people:
            signed = getattr(p, "signed", True)
            if signed:
                key = _last_name(p.name or "")
            else:
                key = _squash(getattr(p, "role", None) or p.name or "")
            cred = norm_credential(p.credentials[0]) if p.credentials else None
            out[(key, cred, signed)] = None
    return list(out)


def _score_signers(
    t: _Tally,
    where: str,
    gold: Sequence[GoldSigner],
    docs: Sequence[Certification | TreatmentPlan | RiskAssessment],
) -> None:
    got = _signers(docs)
    free = list(range(len(got)))
    matched: list[tuple[GoldSigner, tuple[str, str | None, bool]]] = []
    missed: list[GoldSigner] = []
    for g in gold:
        if g.signed:
            key = _last_name(g.name)
            hit = next((i for i in free if got[i][2] and got[i][0] == key), None)
        else:
            role = _squash(g.name)
            hit = next(
                (
                    i
                    for i in free
                    if not got[i][2] and (role in got[i][0] or got[i][0] in role) and got[i][0]
                ),
                None,
            )
        if hit is None:
            missed.append(g)
        else:
            free.remove(hit)
            matched.append((g, got[hit]))
    t.add("signer", tp=len(matched), fp=len(free), fn=len(missed))
    t.misses += [f"{where} signer: {g.name} ({'signed' if g.signed else 'blank'})" for g in missed]
    t.extras += [
        f"{where} signer: {got[i][0]} ({'signed' if got[i][2] else 'blank'})" for i in free
    ]
    for g, p in matched:
        want = norm_credential(g.credential) if g.credential else None
        if want is not None and p[1] == want:
            t.add("signer_credential", tp=1)
            continue
        if want is not None:
            t.add("signer_credential", fn=1)
            t.misses.append(f"{where} signer_credential: {g.name} {want} (read {p[1]})")
        if p[1] is not None:
            t.add("signer_credential", fp=1)
            t.extras.append(f"{where} signer_credential: {g.name} {p[1]} (gold {want})")
    for i in free:
        if got[i][1] is not None:
            t.add("signer_credential", fp=1)


@dataclass(frozen=True)
class _Part:
    """A goal or an objective as read, with what its own words state (a goal's measure
    taken from one of its objectives is that objective's, not the goal's own)."""

    text: str
    words: str
    measure: bool
    time_frame: bool
    goal: int | None  # the index of its goal's part (an objective), else None


def _inside(span: Evidence, parts: Sequence[Evidence]) -> bool:
    return any(
        span.document_id == p.document_id
        and span.page == p.page
        and p.start <= span.start
        and span.end <= p.end
        for p in parts
    )


def _words(text: str, evidence: Sequence[Evidence]) -> str:
    return _squash(text + " " + " ".join(e.quote for e in evidence))


def _parts(goals: Sequence[Goal]) -> list[_Part]:
    out: list[_Part] = []
    for g in goals:
        objectives = [e for o in g.objectives for e in o.evidence]
        own_measure = g.measure is not None and not _inside(g.measure, objectives)
        own_frame = g.time_frame is not None and not _inside(g.time_frame, objectives)
        at = len(out)
        out.append(_Part(g.text, _words(g.text, g.evidence), own_measure, own_frame, None))
        out += [
            _Part(
                o.text,
                _words(o.text, o.evidence),
                o.measure is not None,
                o.time_frame is not None,
                at,
            )
            for o in g.objectives
        ]
    return out


def _states(part: _Part | GoldGoal, name: str) -> bool:
    if isinstance(part, GoldGoal):
        return part.has_measure if name == "goal_measure" else part.has_time_frame
    return part.measure if name == "goal_measure" else part.time_frame


def _score_goals(t: _Tally, where: str, gold: Sequence[GoldGoal], goals: Sequence[Goal]) -> None:
    """Every goal and objective (``goal``), whether each states a measure and a time frame
    in its own words (``goal_measure``, ``goal_time_frame``), and, where the gold says
    which goal an objective belongs to, whether it was read under that goal
    (``goal_objective``)."""
    got = _parts(goals)
    # every gold part, with the index (here) of its goal's part for an objective
    want: list[tuple[GoldGoal, int | None]] = []
    for g in gold:
        at = len(want)
        want.append((g, None))
        want += [(o, at) for o in g.objectives]
    free = list(range(len(got)))
    match: dict[int, int] = {}  # index in ``want`` -> index in ``got``
    for k, (g, _) in enumerate(want):
        piece = _squash(g.text)
        hit = next(
            (
                i
                for i in free
                if piece in got[i].words or (len(got[i].words) >= 20 and got[i].words in piece)
            ),
            None,
        )
        if hit is not None:
            free.remove(hit)
            match[k] = hit
    t.add("goal", tp=len(match), fn=len(want) - len(match), fp=len(free))
    t.misses += [f"{where} goal: {g.text[:60]}" for k, (g, _) in enumerate(want) if k not in match]
    t.extras += [f"{where} goal: {got[i].text[:60]}" for i in free]
    for name in ("goal_measure", "goal_time_frame"):
        for k, (g, _) in enumerate(want):
            wanted = _states(g, name)
            found = k in match and _states(got[match[k]], name)
            if wanted and found:
                t.add(name, tp=1)
            elif wanted:
                t.add(name, fn=1)
                t.misses.append(f"{where} {name}: {g.text[:60]}")
            elif found:
                t.add(name, fp=1)
                t.extras.append(f"{where} {name}: {g.text[:60]}")
        t.add(name, fp=sum(1 for i in free if _states(got[i], name)))
    if not any(g.objectives for g in gold):
        return  # the gold does not say which goal an objective belongs to
    pairs = {(parent, k) for k, (_, parent) in enumerate(want) if parent is not None}
    back = {i: k for k, i in match.items()}
    read = {
        (back.get(p.goal), back[i]) for i, p in enumerate(got) if p.goal is not None and i in back
    }
    tp = len(pairs & read)
    t.add("goal_objective", tp=tp, fn=len(pairs) - tp, fp=len(read - pairs))
    t.misses += [f"{where} goal_objective: {want[o][0].text[:60]}" for _, o in pairs - read]
    t.extras += [f"{where} goal_objective: {want[o][0].text[:60]}" for _, o in read - pairs]


def _dated(value: str, date: dt.date | None) -> str:
    return f"{value} {date}" if date is not None else value


def _dated_like(
    got: Sequence[tuple[str, dt.date | None]], gold: set[tuple[str, bool]]
) -> list[str]:
    """Predicted values with their dates, except where the gold states that value with no
    date of its own (its document's date is then not compared)."""
    return [_dated(v, None if (v, True) in gold and (v, False) not in gold else d) for v, d in got]


def score_doc(t: _Tally, gold: DocGold, ids: frozenset[str], facts: ChartFacts) -> None:
    """Add the counts of one file's gold against the facts found in it."""
    where = gold.file
    certs = [c for c in facts.certifications if _doc_of(c) in ids]
    plans = [p for p in facts.treatment_plans if _doc_of(p) in ids]
    if gold.signers is not None:
        signed: list[Certification | TreatmentPlan | RiskAssessment] = [*certs, *plans]
        signed += [r for r in facts.risk_assessments if _doc_of(r) in ids]
        _score_signers(t, where, gold.signers, signed)
    if gold.certification_elements is not None:
        t.sets(
            "certification_element",
            where,
            (e.value for e in gold.certification_elements),
            {e.name for c in certs for e in c.elements},
        )
    if gold.hours_per_week is not None:
        hours = {c.hours_per_week for c in certs if c.hours_per_week is not None}
        t.sets("hours_per_week", where, [f"{gold.hours_per_week:g}"], [f"{h:g}" for h in hours])
    if gold.risk is not None:
        want: list[str] = []
        if gold.risk.imminent_danger is not None:
            want.append(f"imminent_danger={gold.risk.imminent_danger}")
        if gold.risk.needs_24h_supervision is not None:
            want.append(f"needs_24h={gold.risk.needs_24h_supervision}")
        got: set[str] = set()
        for r in facts.risk_assessments:
            if _doc_of(r) in ids:
                if r.imminent_danger is not None:
                    got.add(f"imminent_danger={r.imminent_danger}")
                if r.needs_24h_supervision is not None:
                    got.add(f"needs_24h={r.needs_24h_supervision}")
        for d in facts.danger_findings:
            if _doc_of(d) in ids:
                if d.kind in _DANGER:
                    got.add("imminent_danger=True")
                if d.kind is DangerKind.NEEDS_24H_SUPERVISION:
                    got.add("needs_24h=True")
        t.sets("risk_conclusion", where, want, got)
    if gold.goals is not None:
        _score_goals(t, where, gold.goals, [g for p in plans for g in p.goals])
    if gold.authorization is not None:
        s, e = gold.authorization
        periods = {(a.start, a.end) for a in facts.authorizations if _doc_of(a) in ids}
        t.sets(
            "authorization_period",
            where,
            [f"{s} to {e}"],
            [f"{a} to {b}" for a, b in periods],
        )
    if gold.continued_stay is not None:
        t.sets(
            "continued_stay",
            where,
            (e.value for e in gold.continued_stay),
            {c.element.value for c in facts.continued_stay if _doc_of(c) in ids}
            # a (re)certification's continuing symptoms support a stay as the rules read it
            | {
                ContinuedStayElement.CONTINUING_SYMPTOMS.value
                for c in certs
                if c.element(CertificationElement.CONTINUING_SYMPTOMS) is not None
            },
        )
    if gold.participation is not None:
        got_p = [p for p in facts.participation if _doc_of(p) in ids]
        t.sets(
            "participation",
            where,
            (_dated(g.status.value, g.date) for g in gold.participation),
            _dated_like(
                [(p.status.value, p.date) for p in got_p],
                {(g.status.value, g.date is None) for g in gold.participation},
            ),
        )
    if gold.scores is not None:
        got_s = [a for a in facts.assessments if _doc_of(a) in ids and a.score is not None]
        t.sets(
            "score",
            where,
            (_dated(f"{_instrument(g.instrument)} {g.value:g}", g.date) for g in gold.scores),
            _dated_like(
                [(f"{_instrument(a.instrument or '')} {a.score:g}", a.date) for a in got_s],
                {(f"{_instrument(g.instrument)} {g.value:g}", g.date is None) for g in gold.scores},
            ),
        )
    if gold.date is not None:
        dates = {d.date for d in facts.document_dates if _doc_of(d) in ids}
        t.sets("document_date", where, [str(gold.date)], [str(d) for d in dates])


def score_chart(chart: GeneratedDocChart, extractor: Extractor, root: Path) -> DocChartResult:
    folder = root / chart.chart_id
    folder.mkdir(parents=True, exist_ok=True)
    for f in chart.chart.files:
        (folder / f.name).write_bytes(f.data)
    review = review_chart([folder], policy=PACK, extractor=extractor)
    ids_by_file: dict[str, set[str]] = {}
    for d in review.documents:
        ids_by_file.setdefault(Path(d.filename).name, set()).add(d.document_id)
    tally = _Tally({}, [], [])
    for gold in chart.chart.gold:
        ids = frozenset(ids_by_file.get(gold.file, set()))
        score_doc(tally, gold, ids, review.record.facts)
    return DocChartResult(
        chart=chart.chart_id,
        family=chart.family.name,
        fields=tally.counts,
        misses=tuple(tally.misses),
        extras=tuple(tally.extras),
    )


def _sum(results: Sequence[DocChartResult], family: str, split: str) -> DocFamilyScore:
    fields: dict[str, FieldCount] = {}
    for r in results:
        for k, v in r.fields.items():
            fields[k] = fields.get(k, FieldCount()) + v
    return DocFamilyScore(family=family, split=split, charts=len(results), fields=fields)


def run_docfacts(
    split: Split,
    extractor: str | Extractor = "deterministic",
    *,
    only: Sequence[str] = (),
    progress: Callable[[str, int, int], None] | None = None,
) -> DocFactsReport:
    """Generate and score every chart of the ``split`` document-fact families."""
    engine = make_extractor(extractor) if isinstance(extractor, str) else extractor
    chosen = {
        g: [f for f in fams if not only or f.name in only] for g, fams in groups(split).items()
    }
    count = sum(len(f) for f in chosen.values())
    results: list[DocChartResult] = []
    families: list[DocFamilyScore] = []
    group_scores: list[DocFamilyScore] = []
    with tempfile.TemporaryDirectory(prefix="chartreview-docfacts-") as tmp:
        root = Path(tmp)
        for group, fams in chosen.items():
            in_group: list[DocChartResult] = []
            for family in fams:
                fam = [score_chart(c, engine, root) for c in generate(family)]
                in_group += fam
                families.append(_sum(fam, family.name, split))
                if progress is not None:
                    progress(family.name, len(families), count)
            if fams:
                group_scores.append(_sum(in_group, group, split))
            results += in_group
    return DocFactsReport(
        split=split,
        families=tuple(families),
        groups=tuple(group_scores),
        total=_sum(results, "all", split),
        charts=tuple(results),
    )


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def render_docfacts(report: DocFactsReport, *, details: bool = False) -> str:
    """A table of F1 (P/R) per field for each family, group and the total."""
    scores = [*report.families, *(report.groups if len(report.groups) > 1 else ()), report.total]
    lines = [f"document facts ({report.split}): F1 (precision/recall), n = gold items"]
    for s in scores:
        lines.append(f"\n{s.family} ({s.charts} charts)")
        for name in FIELDS:
            c = s.fields.get(name)
            if c is None or c.tp + c.fp + c.fn == 0:
                continue
            lines.append(
                f"  {name:<24} F1 {_pct(c.f1):>5}  (P {_pct(c.precision)} / R "
                f"{_pct(c.recall)})  n={c.tp + c.fn}"
            )
    if details:
        for r in report.charts:
            if r.misses or r.extras:
                lines.append(f"\n{r.chart}: {len(r.misses)} missed, {len(r.extras)} extra")
                lines += [f"  missed {m}" for m in r.misses[:20]]
                lines += [f"  extra  {m}" for m in r.extras[:20]]
    return "\n".join(lines)


__all__ = ["DocFactsReport", "FieldCount", "render_docfacts", "run_docfacts"]
