"""The engine: findings in pack order, overall status, robustness on odd charts."""

from __future__ import annotations

import datetime as dt
import json
import random
import re

import pytest
from rulefacts import (
    ALL_NOTE_ELEMENTS,
    DOCUMENTS,
    LOG_DOC,
    PLAN2_DOC,
    RECERT_DOC,
    acuity,
    admission,
    certification,
    chart,
    continued,
    diagnosis,
    discharge,
    discharge_planning,
    doc_date,
    goal,
    medicare_pack,
    participation,
    person,
    plan,
    recertification,
    risk,
    session,
)

from core.data import Evidence
from core.facts import (
    AcuityKind,
    Attendance,
    CertificationElement,
    ChartFacts,
    ChartInput,
    ContinuedStayElement,
    DischargePlanningElement,
    ParticipationStatus,
    PlanElement,
    ServiceKind,
)
from core.findings import Finding, Status
from core.grounding import iter_evidence
from rules import evaluate


def chart_evidence(input_chart: ChartInput) -> set[Evidence]:
    facts = input_chart.facts
    return {
        ev
        for name in type(facts).model_fields
        for f in getattr(facts, name)
        for ev in iter_evidence(f)
    }


def test_findings_follow_the_pack() -> None:
    pack = medicare_pack()
    result = evaluate(pack, chart())
    assert [f.rule_id for f in result.findings] == [r.id for r in pack.rules]
    assert [f.citations for f in result.findings] == [r.citations for r in pack.rules]
    assert result.overall == "met"
    assert (result.pack_id, result.pack_version, result.pack_sha256) == (
        pack.id,
        pack.version,
        pack.sha256,
    )
    assert [(w.week, w.counted_hours, w.complete) for w in result.weekly_summary] == [
        (1, 9.25, True),
        (2, 9.25, True),
        (3, 9.25, True),
        (4, 6.5, False),
    ]


def test_met_findings_carry_evidence() -> None:
    """Every ``met`` finding shows its evidence, except the absence rule excluded-services."""
    for f in evaluate(medicare_pack(), chart()).findings:
        if f.status is Status.MET and f.rule_id != "medicare-iop.excluded-services":
            assert f.evidence, f.rule_id


@pytest.mark.parametrize(
    ("input_chart", "overall"),
    [
        (chart(), "met"),
        (chart(risk_assessments=()), "insufficient_evidence"),
        (
            chart(
                risk_assessments=(),
                treatment_plans=(plan(elements=(PlanElement.COORDINATION_OF_SERVICES,)),),
                discharge_planning=(),
            ),
            "not_met",
        ),
    ],
)
def test_overall(input_chart: ChartInput, overall: str) -> None:
    result = evaluate(medicare_pack(), input_chart)
    assert result.overall == overall, [(f.rule_id, f.status.value) for f in result.findings]


def test_empty_chart() -> None:
    result = evaluate(medicare_pack(), ChartInput(documents=(), facts=ChartFacts()))
    statuses = {f.rule_id.removeprefix("medicare-iop."): f.status.value for f in result.findings}
    assert statuses == {
        "initial-certification": "not_met",
        "recertification-interval": "insufficient_evidence",
        "recertification-content": "not_applicable",
        "treatment-plan": "not_met",
        "goals-measurable": "not_applicable",
        "weekly-hours": "insufficient_evidence",
        "progress-notes": "not_applicable",
        "diagnosis": "insufficient_evidence",
        "acuity": "insufficient_evidence",
        "safety": "insufficient_evidence",
        "participation": "insufficient_evidence",
        "active-treatment": "not_applicable",
        "excluded-services": "not_applicable",  # RULES.md: no program services
        "discharge-planning": "not_met",
        "continued-stay": "insufficient_evidence",
    }
    assert result.weekly_summary == ()
    assert result.overall == "not_met"


def check_finding_shape(f: Finding, evidence_pool: set[Evidence]) -> None:
    """One readable sentence, JSON values, evidence drawn from the chart's facts."""
    assert f.reason.endswith("."), f.reason
    assert not re.search(r"\.\s+[A-Z]", f.reason), f"more than one sentence: {f.reason}"
    json.dumps(f.model_dump(mode="json"))
    assert set(f.evidence) <= evidence_pool, f.rule_id
    assert len(set(f.evidence)) == len(f.evidence)


def test_findings_of_the_good_chart_are_well_formed() -> None:
    input_chart = chart()
    for f in evaluate(medicare_pack(), input_chart).findings:
        check_finding_shape(f, chart_evidence(input_chart))


def random_chart(rng: random.Random) -> ChartInput:
    """A chart of random, often contradictory or incomplete, facts."""
    base = dt.date(2025, 1, 6)

    def iso() -> str:
        return (base + dt.timedelta(days=rng.randint(-10, 120))).isoformat()

    def maybe_iso() -> str | None:
        return rng.choice([iso(), iso(), None])

    def times() -> tuple[str | None, str | None]:
        start = rng.choice([None, "08:00", "09:00", "09:30", "10:45", "13:00"])
        end = rng.choice([None, "09:00", "10:30", "12:00", "14:00", "08:30"])
        return start, end

    def pick(*options: object) -> object:
        return rng.choice(options)

    docs = [d for d in (*DOCUMENTS, RECERT_DOC, PLAN2_DOC, LOG_DOC) if rng.random() < 0.8]
    doc_ids = [d.document_id for d in docs] or [DOCUMENTS[0].document_id]
    sessions = []
    for _ in range(rng.randint(0, 40)):
        start, end = times()
        sessions.append(
            session(
                iso(),
                start,
                end,
                rng.choice(list(ServiceKind)),
                rng.choice(list(Attendance)),
                member_start=rng.choice([None, None, "09:20"]),
                member_end=rng.choice([None, None, "11:30"]),
                minutes=rng.choice([None, None, 45, 0, 90]),
                log=rng.random() < 0.3,
                elements=rng.sample(ALL_NOTE_ELEMENTS, rng.randint(0, 3)),
                doc=rng.choice(doc_ids),
            )
        )
    cert_elements = list(CertificationElement)
    facts = {
        "episode_dates": tuple(
            (admission if rng.random() < 0.6 else discharge)(iso())
            for _ in range(rng.randint(0, 3))
        ),
        "document_dates": tuple(
            doc_date(iso(), rng.choice(doc_ids)) for _ in range(rng.randint(0, 6))
        ),
        "diagnoses": tuple(
            diagnosis(
                rng.choice(["F33.2", "I10", "x", None, "f10.20"]),
                rng.choice([None, "Bipolar disorder", "Flu"]),
            )
            for _ in range(rng.randint(0, 3))
        ),
        "certifications": tuple(
            (certification if rng.random() < 0.6 else recertification)(
                maybe_iso(),
                signer=rng.choice([None, person("A", "LCSW"), person("B"), person("C", "MD")]),
                unsigned=rng.random() < 0.2,
                hours=rng.choice([None, 6, 9, 12]),
                elements=rng.sample(cert_elements, rng.randint(0, len(cert_elements))),
                doc=rng.choice(doc_ids),
            )
            for _ in range(rng.randint(0, 4))
        ),
        "treatment_plans": tuple(
            plan(
                maybe_iso(),
                unsigned=rng.random() < 0.3,
                goals=[
                    goal("g", rng.choice([None, "m"]), rng.choice([None, "t"]))
                    for _ in range(rng.randint(0, 3))
                ],
                elements=rng.sample(list(PlanElement), rng.randint(0, 4)),
                doc=rng.choice(doc_ids),
            )
            for _ in range(rng.randint(0, 2))
        ),
        "sessions": tuple(sessions),
        "risk_assessments": tuple(
            risk(rng.choice([None, True, False]), rng.choice([None, True, False]), iso())
            for _ in range(rng.randint(0, 2))
        ),
        "participation": tuple(
            participation(rng.choice(list(ParticipationStatus)), iso())
            for _ in range(rng.randint(0, 3))
        ),
        "acuity": tuple(
            acuity(
                rng.choice(list(AcuityKind)),
                *rng.sample(["social", "family", "mood", "self care"], rng.randint(0, 3)),
                doc=rng.choice(doc_ids),
            )
            for _ in range(rng.randint(0, 3))
        ),
        "discharge_planning": tuple(
            discharge_planning(rng.choice(list(DischargePlanningElement)))
            for _ in range(rng.randint(0, 2))
        ),
        "continued_stay": tuple(
            continued(rng.choice(list(ContinuedStayElement)), maybe_iso(), rng.choice(doc_ids))
            for _ in range(rng.randint(0, 3))
        ),
    }
    return ChartInput(documents=tuple(docs), facts=ChartFacts(**facts))


def test_random_odd_charts_never_crash() -> None:
    rng = random.Random(20250520)
    pack = medicare_pack()
    seen: dict[str, set[Status]] = {r.id: set() for r in pack.rules}
    for _ in range(400):
        input_chart = random_chart(rng)
        result = evaluate(pack, input_chart)
        assert len(result.findings) == len(pack.rules)
        pool = chart_evidence(input_chart)
        for f in result.findings:
            check_finding_shape(f, pool)
            seen[f.rule_id].add(f.status)
    # the random charts reach more than one outcome of every rule
    assert all(len(statuses) >= 2 for statuses in seen.values()), seen
