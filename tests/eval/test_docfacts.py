"""The document-fact harness (eval/docfacts, issue 12): gold checked against its own
words, per-field counting (signers one to one by last name, blank lines by role,
credentials of matched signers, goals by their words, participation and scores with
dates), and the dev/held-out split. Held-out families are only listed, never rendered."""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import (
    Assessment,
    AssessmentKind,
    ChartFacts,
    Goal,
    Objective,
    Participation,
    ParticipationStatus,
    Signer,
    TreatmentPlan,
)
from eval.docfacts.families import PACKAGES, check_chart, groups
from eval.docfacts.model import (
    DocChart,
    DocFile,
    DocGold,
    GoldGoal,
    GoldParticipation,
    GoldScore,
    GoldSigner,
)
from eval.docfacts.score import FieldCount, _Tally, score_doc
from eval.thresholds import load_thresholds
from tests.rules.rulefacts import ev

DOC = "a" * 64
OTHER = "b" * 64
DAY = dt.date(2025, 3, 4)


def signer(name: str, *creds: str, signed: bool = True, role: str | None = None) -> Signer:
    return Signer(
        evidence=(ev(name or "____", DOC),),
        source="t",
        name=name or None,
        credentials=creds,
        signed=signed,
        role=role,
    )


def plan(*signers: Signer, goals: tuple[Goal, ...] = (), doc: str = DOC) -> TreatmentPlan:
    return TreatmentPlan(evidence=(ev("plan", doc),), source="t", signers=signers, goals=goals)


def goal(text: str, measure: bool, time_frame: bool) -> Goal:
    e = ev(text, DOC)
    return Goal(
        evidence=(e,),
        source="t",
        text=text,
        measure=e if measure else None,
        time_frame=e if time_frame else None,
    )


def counts(gold: DocGold, facts: ChartFacts) -> dict[str, tuple[int, int, int]]:
    tally = _Tally({}, [], [])
    score_doc(tally, gold, frozenset({DOC}), facts)
    return {k: (v.tp, v.fp, v.fn) for k, v in tally.counts.items()}


def test_signers_match_one_to_one_by_last_name_and_blank_lines_by_role() -> None:
    gold = DocGold(
        file="plan.txt",
        kind="treatment_plan",
        signers=(
            GoldSigner("Dana Whitfield", "MD"),
            GoldSigner("Ann Roe", "LCSW"),
            GoldSigner("Physician", None, signed=False),
            GoldSigner("Pat Member", None),
        ),
    )
    facts = ChartFacts(
        treatment_plans=(
            plan(
                signer("Dana Whitfield", "M.D."),
                signer("Ann Roe", "LPC"),  # wrong credential
                signer("", signed=False, role="Physician signature"),
                signer("Someone Else", "LCSW"),  # not in the gold
            ),
            plan(signer("Roe Ann"), doc=OTHER),  # another file: not counted
        )
    )
    assert counts(gold, facts) == {
        "signer": (3, 1, 1),
        "signer_credential": (1, 2, 1),
    }


def test_goals_are_matched_by_their_words_and_each_part_counted() -> None:
    gold = DocGold(
        file="plan.txt",
        kind="treatment_plan",
        goals=(
            GoldGoal("PHQ-9 of 10 or below within 8 weeks", True, True),
            GoldGoal("Client will feel better about life", False, False),
            GoldGoal("Attend 3 AA meetings per week by discharge", True, True),
        ),
    )
    facts = ChartFacts(
        treatment_plans=(
            plan(
                goals=(
                    goal("Goal 1: PHQ-9 of 10 or below within 8 weeks.", True, False),
                    goal("Client will feel better about life", True, False),
                    goal("Sleep 7 hours a night", True, True),  # not in the gold
                )
            ),
        )
    )
    assert counts(gold, facts) == {
        "goal": (2, 1, 1),
        "goal_measure": (1, 2, 1),
        "goal_time_frame": (0, 1, 2),
    }


def test_objectives_are_scored_on_their_own_words_and_kept_with_their_goal() -> None:
    gold = DocGold(
        file="plan.txt",
        kind="treatment_plan",
        goals=(
            GoldGoal(
                "Improve coping and emotional regulation",
                False,
                True,
                (
                    GoldGoal("GAD-7 score below 10 in 30 days", True, True),
                    GoldGoal("Work on self-esteem and self-worth", False, False),
                ),
            ),
            GoldGoal("Maintain safety in the community", False, False),
        ),
    )
    measured = goal("GAD-7 score below 10 in 30 days", True, True)
    vague = goal("Work on self-esteem and self-worth", False, False)
    first = goal("Goal: Improve coping and emotional regulation. By discharge", False, True)
    folded = first.model_copy(
        # the goal's measure is its objective's words, not its own
        update={
            "measure": measured.measure,
            "objectives": tuple(
                Objective(evidence=g.evidence, source="t", text=g.text, measure=g.measure,
                          time_frame=g.time_frame)
                for g in (measured,)
            ),
        }
    )  # fmt: skip
    # the vague objective read as a goal of its own, not under its goal
    facts = ChartFacts(
        treatment_plans=(
            plan(goals=(folded, vague, goal("Maintain safety in the community", False, False))),
        )
    )
    assert counts(gold, facts) == {
        "goal": (4, 0, 0),
        "goal_measure": (1, 0, 0),
        "goal_time_frame": (2, 0, 0),
        "goal_objective": (1, 0, 1),
    }


def test_participation_and_scores_with_dates() -> None:
    gold = DocGold(
        file="notes.txt",
        kind="progress_note",
        participation=(
            GoldParticipation(ParticipationStatus.REFUSES, DAY),
            GoldParticipation(ParticipationStatus.PARTICIPATES, DAY + dt.timedelta(days=7)),
        ),
        scores=(GoldScore("PHQ-9", 14, DAY), GoldScore("DAST-10", 3, None)),
    )

    def said(status: ParticipationStatus, day: dt.date) -> Participation:
        return Participation(evidence=(ev("p", DOC),), source="t", status=status, date=day)

    def score(name: str, value: float, day: dt.date | None) -> Assessment:
        return Assessment(
            evidence=(ev(name or "____", DOC),),
            source="t",
            kind=AssessmentKind.OTHER_STANDARDIZED,
            instrument=name,
            score=value,
            date=day,
        )

    facts = ChartFacts(
        participation=(
            said(ParticipationStatus.REFUSES, DAY),
            said(ParticipationStatus.PARTICIPATES, DAY),  # wrong date
        ),
        assessments=(score("PHQ9", 14, DAY), score("DAST", 3, DAY), score("GAD-7", 5, DAY)),
    )
    assert counts(gold, facts) == {"participation": (1, 1, 1), "score": (2, 1, 0)}


def test_field_count_f1() -> None:
    c = FieldCount(tp=3, fp=1, fn=2)
    assert (c.precision, c.recall) == (0.75, 0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert FieldCount().f1 is None


def test_a_gold_that_its_words_do_not_support_is_refused() -> None:
    chart = DocChart(
        files=(DocFile("plan.txt", b"Goal 1: attend 3 groups weekly by 05/01/2026.\n"),),
        gold=(
            DocGold(
                file="plan.txt",
                kind="treatment_plan",
                goals=(GoldGoal("attend 4 groups weekly by 05/01/2026", True, True),),
                signers=(GoldSigner("Dana Whitfield", "MD"),),
            ),
            DocGold(file="missing.txt", kind="progress_note"),
        ),
    )
    problems = check_chart(chart)
    assert len(problems) == 3
    assert any("goal text not found" in p for p in problems)
    assert any("Whitfield" in p for p in problems)
    assert any("unknown file" in p for p in problems)


def test_dev_and_heldout_groups_are_split_and_dev_is_gated() -> None:
    assert {g: sp for g, (sp, _) in PACKAGES.items()} == {
        "docfacts_dev": "dev",
        "docfacts_dev2": "dev",
        "docfacts_dev3": "dev",
        "docfacts_dev4": "dev",
        "docfacts_dev5": "dev",
        "docfacts_dev6": "dev",
        "docfacts_heldout": "heldout",
        "docfacts_heldout2": "heldout",
    }
    dev = groups("dev")["docfacts_dev"]
    held = groups("heldout").get("docfacts_heldout", ())
    assert len(dev) >= 6
    assert all(f.name.startswith("dd-") for f in dev)
    assert all(f.name.startswith("dh-") for f in held)
    assert not {f.name for f in dev} & {f.name for f in held}
    assert load_thresholds().docfacts_dev is not None
    assert load_thresholds().docfacts_dev2 is not None
    dev2 = groups("dev")["docfacts_dev2"]
    assert len(dev2) >= 3 and all(f.name.startswith("dd-") for f in dev2)
    assert not {f.name for f in dev2} & {f.name for f in held}
    dev3 = groups("dev")["docfacts_dev3"]
    assert len(dev3) == 4 and all(f.name.startswith("f3-") for f in dev3)
    assert load_thresholds().docfacts_dev3 is not None
    assert load_thresholds().docfacts_dev4 is not None
    assert not {f.name for f in dev3} & {f.name for f in (*dev, *dev2, *held)}
    dev4 = groups("dev")["docfacts_dev4"]
    assert len(dev4) == 4 and all(f.name.startswith("f4-") for f in dev4)
    assert not {f.name for f in dev4} & {f.name for f in (*dev, *dev2, *dev3, *held)}
