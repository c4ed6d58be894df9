"""f5-smart-goal-cards: a group practice whose plan module prints each goal as a SMART card
(Specific / Measurable / Achievable / Relevant / Time-bound rows, its objectives under it
with their own "measured by" and "target" fields), and whose 30-day plan review prints the
same goals as a Goal | Objective | Measure | Target date | Status grid.

What is not a fact: a target date (or the next review date) is not the document's date; a
score threshold in a Measurable field is a target, not a measured score; an Achievable or
Relevant row is not a measure; a card whose Measurable row is "to be determined" has no
measure; a Time-bound row reading "ongoing" is no time frame."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    Member,
    People,
    Who,
    admission,
    chance,
    fmt,
    member,
    pick,
    plus,
    txt,
)
from eval.docfacts.docfacts_dev5._common import grid, stamp
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldGoal,
    GoldScore,
    GoldSigner,
)

PRACTICES = (
    "Larkspur Counseling Collaborative - Adult IOP",
    "Bridgewater Behavioral Associates - Intensive Outpatient Track",
    "Cedar Hollow Mind & Body Clinic - IOP",
)


@dataclass(frozen=True)
class Part:
    """A goal or objective: its words, and what its Measurable / Time-bound fields state
    (``None``: the field states none)."""

    text: str
    measure: str | None
    frame: str | None  # a duration phrase; "DATE" is replaced with a dated target


GOALS: tuple[tuple[Part, tuple[Part, ...]], ...] = (
    (
        Part(
            "Reduce depressive symptoms so that {she} can return to part-time work",
            "PHQ-9 of 9 or below on two consecutive administrations",
            "within 8 weeks",
        ),
        (
            Part(
                "Complete a thought record after each low-mood episode and bring it to group",
                "entries on 5 of 7 days each week",
                "by end of week 4",
            ),
            Part("Learn how avoidance keeps low mood going", None, "by discharge"),
        ),
    ),
    (
        Part(
            "Decrease panic attacks enough to drive to appointments alone",
            "no more than 1 panic attack per week on the panic log",
            "by discharge",
        ),
        (
            Part(
                "Practice paced breathing at the first sign of panic",
                "used in 80% of logged episodes",
                "in 30 days",
            ),
        ),
    ),
    (
        Part("Improve sleep and the shape of the day", None, "in 30 days"),
        (
            Part(
                "Keep a regular bedtime and wake time on the sleep diary",
                "6 of 7 nights per week",
                "within 3 weeks",
            ),
            Part("Explore what keeps {him} up at night with the therapist", None, None),
        ),
    ),
    (
        Part(
            "Rebuild a sober support network outside the program",
            "at least 3 sober contacts listed with phone numbers",
            "DATE",
        ),
        (
            Part(
                "Attend a mutual-help meeting in the community",
                "2 meetings weekly, verified by a signed sheet",
                "DATE",
            ),
        ),
    ),
    (
        Part("Handle conflict at home without shouting matches", None, None),
        (
            Part(
                "Identify personal warning signs of escalating anger",
                "a list of 5 warning signs written on the safety plan",
                "within 10 days",
            ),
            Part(
                "Use a time-out script when an argument starts",
                "4/5 arguments logged with a time-out taken",
                None,
            ),
        ),
    ),
    (
        Part(
            "Reduce trauma-related avoidance in daily life",
            "PCL-5 total below 33",
            "within 6 weeks",
        ),
        (
            Part(
                "Use a grounding skill during flashbacks",
                "grounding noted for 3 of every 4 flashbacks on the log",
                "by the 30-day review",
            ),
            Part("Understand the link between trauma reminders and avoidance", None, None),
        ),
    ),
    (
        Part("Feel more hopeful about where life is going", None, None),
        (
            Part(
                "Schedule pleasant activities with a friend or relative",
                "3 planned activities per week",
                "within 2 weeks",
            ),
        ),
    ),
)

ACHIEVABLE = (
    "skills already introduced in group; {she} rates motivation as high",
    "builds on coping {she} used before the current episode",
    "supported by {her} partner, who attends family sessions",
)
RELEVANT = (
    "{Her} own stated priority at intake",
    "addresses the main reason for referral",
    "tied to keeping {her} job and household running",
)
VAGUE_MEASURE = ("to be determined", "(not defined yet)", "TBD with client")
NO_FRAME = ("ongoing", "open", "--")
STATUS = ("Progressing", "Not started", "Partially met", "Active", "Met")


def _fill(text: str, m: Member) -> str:
    return text.format(she=m.she, her=m.her, him=m.him, She=m.She, Her=m.Her)


def _frame(rng: random.Random, p: Part, start: dt.date) -> str | None:
    if p.frame is None:
        return None
    if p.frame == "DATE":
        return f"by {fmt(plus(start, 7 * rng.randrange(4, 9)), pick(rng, ('us', 'long')))}"
    return p.frame


def _card(
    n: int,
    goal: Part,
    objectives: tuple[Part, ...],
    frames: list[str | None],
    m: Member,
    rng: random.Random,
) -> list[str]:
    out = [f"=== SMART GOAL {n} " + "=" * 50]
    out.append(f"  S - Specific:    {_fill(goal.text, m)}")
    out.append(f"  M - Measurable:  {goal.measure or pick(rng, VAGUE_MEASURE)}")
    out.append(f"  A - Achievable:  {_fill(pick(rng, ACHIEVABLE), m)}")
    out.append(f"  R - Relevant:    {_fill(pick(rng, RELEVANT), m)}")
    out.append(f"  T - Time-bound:  {frames[0] or pick(rng, NO_FRAME)}")
    out.append("  Objectives:")
    for k, (o, f) in enumerate(zip(objectives, frames[1:], strict=True)):
        out.append(f"    {n}{'abc'[k]}  {_fill(o.text, m)}")
        out.append(
            f"        measured by: {o.measure or pick(rng, VAGUE_MEASURE)}   |   "
            f"target: {f or pick(rng, NO_FRAME)}"
        )
    out.append("=" * 66)
    out.append("")
    return out


def _golds(
    chosen: list[tuple[Part, tuple[Part, ...]]], frames: list[list[str | None]], m: Member
) -> tuple[GoldGoal, ...]:
    out = []
    for (goal, objs), fr in zip(chosen, frames, strict=True):
        kids = tuple(
            GoldGoal(_fill(o.text, m), o.measure is not None, f is not None)
            for o, f in zip(objs, fr[1:], strict=True)
        )
        out.append(GoldGoal(_fill(goal.text, m), goal.measure is not None, fr[0] is not None, kids))
    return tuple(out)


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    m = member(people)
    dx = pick(rng, MH_DX)
    practice = pick(rng, PRACTICES)
    admit = admission(rng)
    therapist: Who = people.person(pick(rng, ("LPC", "LCSW", "LMFT", "LMHC")))
    doctor: Who = people.person(pick(rng, ("MD", "DO")))
    plan_day = plus(admit, rng.randrange(1, 4))
    review_day = plus(plan_day, 28 + rng.randrange(0, 4))
    chosen = rng.sample(list(GOALS), 3)
    phq0, gad0 = rng.randrange(15, 24), rng.randrange(11, 19)
    phq1, gad1 = phq0 - rng.randrange(3, 8), gad0 - rng.randrange(2, 6)

    # ---------------------------------------------------------------- the SMART plan
    frames = [[_frame(rng, p, plan_day) for p in (g, *objs)] for g, objs in chosen]
    lines = [
        practice.upper(),
        "INDIVIDUALIZED TREATMENT PLAN - SMART GOALS",
        "",
        f"Client: {m.who.full}    DOB: {fmt(m.dob)}    Chart #: {m.mrn}",
        f"Admitted: {fmt(admit)}    Plan date: {fmt(plan_day)}    "
        f"Next review: {fmt(plus(plan_day, 30))}",
        f"Diagnosis: {dx.code} {dx.name}",
        f"Baseline (intake {fmt(admit)}): PHQ-9 {phq0}; GAD-7 {gad0}",
        "",
    ]
    for n, ((goal, objs), frm) in enumerate(zip(chosen, frames, strict=True), start=1):
        lines += _card(n, goal, objs, frm, m, rng)
    lines += [
        "Interventions: skills group 3 days a week; individual therapy weekly; medication",
        "management every 2 weeks; family session as needed.",
        "Coordination: the treatment team (psychiatry, therapy, nursing) reviews this plan",
        "at each 30-day review.",
        "",
        f"Client participated in writing these goals: {m.who.full} (signed on tablet) "
        f"{fmt(plan_day)}",
        f"Electronically signed: {therapist.signed}, Primary Therapist {fmt(plan_day)}",
        f"Electronically signed: {doctor.signed}, Psychiatrist {fmt(plan_day)}",
    ]
    plan_name = f"SMART_Treatment_Plan_{stamp(plan_day)}.txt"
    plan_gold = DocGold(
        file=plan_name,
        kind="treatment_plan",
        date=plan_day,
        signers=(GoldSigner(m.who.full, None), therapist.gold(), doctor.gold()),
        goals=_golds(chosen, frames, m),
        scores=(
            GoldScore("PHQ-9", phq0, admit),
            GoldScore("GAD-7", gad0, admit),
        ),
    )

    # ---------------------------------------------------------------- the 30-day review grid
    # the review re-dates each time-framed target; an untimed one stays untimed, and a goal
    # whose measure was never defined gets none here either
    frames2: list[list[str | None]] = []
    rows: list[list[str]] = []
    for n, (goal, objs) in enumerate(chosen, start=1):
        fr: list[str | None] = []
        for k, p in enumerate((goal, *objs)):
            if p.frame is None:
                target = None
            elif chance(rng, 0.5):
                target = fmt(plus(review_day, 7 * rng.randrange(2, 7)))
            else:
                target = pick(rng, ("by discharge", "within 4 weeks", "in 30 days"))
            fr.append(target)
            cells = [
                f"{n}. {_fill(p.text, m)}" if k == 0 else "",
                "" if k == 0 else f"{n}{'abc'[k - 1]}. {_fill(p.text, m)}",
                p.measure or "--",
                target or pick(rng, ("--", "ongoing")),
                pick(rng, STATUS),
            ]
            rows.append(cells)
        frames2.append(fr)
    review = [
        practice,
        "30-DAY TREATMENT PLAN REVIEW",
        f"Client: {m.who.full}    Chart #: {m.mrn}",
        f"Review date: {fmt(review_day)}    Original plan: {fmt(plan_day)}",
        f"Measures at review ({fmt(review_day)}): PHQ-9 {phq1}; GAD-7 {gad1}",
        "",
        *grid(("Goal", "Objective", "Measure", "Target date", "Status"), rows),
        "",
        "Summary: goals remain appropriate; targets re-dated where the client asked for more",
        "time. Plan continues unchanged otherwise.",
        "",
        f"Reviewed with client; client signature: {m.who.full}",
        f"Therapist: {therapist.signed}    Date: {fmt(review_day)}",
        "Psychiatrist review: ______________________    Date: __________",
    ]
    review_name = f"Plan_Review_30day_{stamp(review_day)}.txt"
    review_gold = DocGold(
        file=review_name,
        kind="treatment_plan",
        date=review_day,
        signers=(
            GoldSigner(m.who.full, None),
            therapist.gold(),
            GoldSigner("Psychiatrist review", None, signed=False),
        ),
        goals=_golds(chosen, frames2, m),
        scores=(GoldScore("PHQ-9", phq1, None), GoldScore("GAD-7", gad1, None)),
    )
    files: tuple[DocFile, ...] = (
        txt(plan_name, "\n".join(lines)),
        txt(review_name, "\n".join(review)),
    )
    return DocChart(files=files, gold=(plan_gold, review_gold))


FAMILY = DocFamily(
    name="f5-smart-goal-cards",
    split="dev",
    description=(
        "Group practice plan module: each goal a SMART card (Specific / Measurable / "
        "Achievable / Relevant / Time-bound) with objectives under it carrying their own "
        "'measured by' and 'target' fields; a 30-day review printing the goals as a Goal | "
        "Objective | Measure | Target date | Status grid."
    ),
    conventions=(
        "measures as ratios ('4/5 arguments', '5 of 7 days'), frequencies, percentages and "
        "score thresholds ('PHQ-9 of 9 or below', 'PCL-5 total below 33')",
        "time frames 'within 8 weeks', 'by discharge', 'in 30 days', 'by end of week 4', dates",
        "a Measurable row 'to be determined' / '--' is no measure; 'ongoing' is no time frame",
        "target dates and the next review date are not document dates",
        "a score threshold in a goal is a target, not a measured score",
        "an unsigned 'Psychiatrist review: ____' line on the review",
    ),
    render=_render,
    tags=("goals", "scores", "signers"),
)
