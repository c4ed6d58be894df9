"""f6-planner-columns: a behavioral-health practice whose treatment-planner module prints
the plan as a report table of side-by-side columns (Problem | Goal | Objective |
Intervention | Target Date) with no rules between cells: every cell wraps inside its own
column, so the words of a goal share their lines with the words of the problem beside it
(a text report, or the same report printed to PDF). Each goal has a row of its own with
its own target; its objectives follow on rows of their own, each with an intervention and
a target. The plan closes with a signature table with a Role column. A progress note from
the next week quotes an objective and its target.

What is not a fact: a target date (or "Next review" / the next review due date) is not the
plan's date; a physical exam the plan orders from the primary-care provider is planned, not
done; a "PHQ-9 below 10" in a goal is a target, while the baseline line is a measured
score; a target cell reading "Ongoing" or "Continuous" is no time frame; "Improve coping"
with no criterion has no measure; a progress note quoting an objective is not a plan (it
holds no goals); a "Parent/Guardian: N/A (adult)" row is not a required line; a signature
cell left as a line is a blank required line, named by its role."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from core.facts import ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    Member,
    People,
    Who,
    admission,
    chance,
    fmt,
    member,
    pdf,
    pick,
    plus,
    txt,
)
from eval.docfacts.docfacts_dev6._six import first_line, stamp, wrapped_columns
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldGoal,
    GoldParticipation,
    GoldRisk,
    GoldScore,
    GoldSigner,
)

PRACTICES = (
    "Juniper Hill Behavioral Health - Intensive Outpatient Program",
    "Tidewater Counseling Partners - IOP",
    "North Fork Mental Health Associates - Adult Intensive Outpatient",
)
WIDTHS = (20, 32, 32, 24, 12)
HEADER = ("PROBLEM", "GOAL", "OBJECTIVE", "INTERVENTION", "TARGET DATE")


@dataclass(frozen=True)
class Obj:
    text: str
    measure: bool
    intervention: str


@dataclass(frozen=True)
class Problem:
    label: str
    goal: str
    measure: bool
    own_frame: bool  # the goal's own words carry a time frame
    objectives: tuple[Obj, ...]


PROBLEMS: tuple[Problem, ...] = (
    Problem(
        "1. Depressed mood as evidenced by anhedonia, early waking and missed work",
        "Client will report a PHQ-9 score below 10 on two consecutive administrations",
        True,
        False,
        (
            Obj(
                "Complete the daily mood log with 0-10 ratings on at least 6 of 7 days",
                True,
                "Therapist reviews the log in weekly individual session (CBT)",
            ),
            Obj(
                "Schedule one valued activity each afternoon and rate mastery and pleasure",
                True,
                "Behavioral activation module, skills group M/W/F",
            ),
        ),
    ),
    Problem(
        "2. Anxiety and panic interfering with driving and grocery shopping",
        "Reduce avoidance so that client drives to the program alone 4 of 5 program days",
        True,
        False,
        (
            Obj(
                "Rate distress (SUDS 0-100) before and after each exposure; peak SUDS at or "
                "below 40 on the last three trials",
                True,
                "Graded exposure hierarchy built with the primary therapist",
            ),
            Obj(
                "Learn about the panic cycle and how safety behaviors maintain it",
                False,
                "Psychoeducation in group; handout reviewed with client",
            ),
        ),
    ),
    Problem(
        "3. Alcohol use to manage sleep and mood (AUD, moderate)",
        "Maintain abstinence from alcohol as shown by negative breathalyzer at 100% of "
        "program days",
        True,
        False,
        (
            Obj(
                "Attend two community mutual-help meetings weekly and bring the signed "
                "attendance slip",
                True,
                "Case manager links client to meetings near home",
            ),
            Obj(
                "Explore personal high-risk situations for drinking and ways to cope with them",
                False,
                "Relapse-prevention group; individual review of the plan",
            ),
        ),
    ),
    Problem(
        "4. Poor coping with stress; conflict with partner",
        "Improve coping with stress at home and at work",
        False,
        False,
        (
            Obj(
                "Practice a DBT distress tolerance skill during conflicts, logged on the diary "
                "card in 3 out of 4 conflicts",
                True,
                "DBT skills group; diary card reviewed weekly",
            ),
            Obj(
                "Talk with partner about ways to handle disagreements more calmly",
                False,
                "Family session with the primary therapist",
            ),
        ),
    ),
    Problem(
        "5. Sleep disturbance (sleeping 3-4 hours a night)",
        "Sleep at least 6 hours on 5 nights a week within 60 days of admission",
        True,
        True,
        (
            Obj(
                "Keep a sleep diary with bedtime, wake time and naps every night",
                True,
                "Nursing sleep-hygiene education",
            ),
            Obj(
                "Limit time in bed to no more than 8 hours and get out of bed after 20 "
                "minutes awake",
                True,
                "CBT-I elements taught by the therapist",
            ),
        ),
    ),
    Problem(
        "6. Social withdrawal after the loss of a parent",
        "Gain insight into the grief process and its effect on relationships",
        False,
        False,
        (
            Obj(
                "Reach out to a friend or relative by phone or in person 3 times per week",
                True,
                "Interpersonal therapy focus in individual session",
            ),
        ),
    ),
)

STRENGTHS = ("motivated, insightful", "supportive sister", "steady work history")
NO_FRAME = ("Ongoing", "Continuous", "")
INTERPRETATION_NOTE = (
    "Targets are reviewed at each plan review; a target that is met is marked Met at review."
)


def _target(rng: random.Random, plan_day: dt.date, review_day: dt.date) -> str | None:
    """A target cell: a date, 'By discharge', 'Next review', a duration, or none."""
    roll = rng.randrange(10)
    if roll < 5:
        return fmt(plus(plan_day, 7 * rng.randrange(3, 10)), pick(rng, ("us", "us_short")))
    if roll == 5:
        return "By discharge"
    if roll == 6:
        return "Next review"
    if roll == 7:
        return pick(rng, ("6 weeks", "30 days", "8 weeks"))
    return None


def _piece(cell: str, width: int) -> str:
    """The words of a cell's first line without its number: what locates it."""
    return re.sub(r"^\d+[a-c]?\.\s*", "", first_line(cell, width))


def _fill(text: str, m: Member) -> str:
    return text.replace("client", m.who.first).replace("Client", m.who.first)


def _sign_table(
    rng: random.Random, m: Member, therapist: Who, doctor: Who, day: dt.date
) -> tuple[list[str], list[GoldSigner]]:
    at = fmt(day)
    t1 = f"{rng.randrange(9, 12)}:{rng.randrange(10, 60)}"
    t2 = f"{rng.randrange(13, 17)}:0{rng.randrange(10)}"
    rows = [
        f"{'Role':<22}{'Signature':<48}Date / Time",
        f"{'Client':<22}{'[signed on signature pad] ' + m.who.full:<48}{at} {t1}",
        f"{'Primary Therapist':<22}{'/es/ ' + therapist.full:<48}{at} {t1}",
        f"{'':<22}{therapist.cred}",
    ]
    signers = [GoldSigner(m.who.full, None), therapist.gold()]
    variant = rng.randrange(3)
    if variant == 0:
        rows += [
            f"{'Psychiatrist':<22}{'/es/ ' + doctor.full:<48}{at} {t2}",
            f"{'':<22}{doctor.cred}, Medical Director",
        ]
        signers.append(doctor.gold())
    elif variant == 1:
        rows += [
            f"{'Psychiatrist':<22}{'_' * 34:<48}{'_' * 12}",
            f"{'':<22}(Dr. {doctor.last} - awaiting signature)",
        ]
        signers.append(GoldSigner("Psychiatrist", None, signed=False))
    else:
        rows += [
            f"{'Supervising Physician':<22}{'_' * 34:<48}{'_' * 12}",
        ]
        signers.append(GoldSigner("Supervising Physician", None, signed=False))
    rows.append(f"{'Parent/Guardian':<22}N/A (adult client)")
    return ["SIGNATURES", *rows], signers


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    m = member(people)
    dx = pick(rng, MH_DX)
    practice = pick(rng, PRACTICES)
    therapist = people.person(pick(rng, ("LPC", "LCSW", "LMFT", "LCPC")))
    doctor = people.person(pick(rng, ("MD", "DO")))
    admit = admission(rng)
    plan_day = plus(admit, rng.randrange(1, 4))
    review_day = plus(plan_day, 30)
    phq, gad = rng.randrange(14, 25), rng.randrange(10, 20)
    chosen = rng.sample(list(PROBLEMS), 3)

    rows: list[list[str]] = []
    golds: list[GoldGoal] = []
    exam_day = plus(admit, rng.randrange(10, 25))
    for n, p in enumerate(chosen, start=1):
        label = f"{n}." + p.label.split(".", 1)[1]
        target = _target(rng, plan_day, review_day)
        goal = _fill(p.goal, m)
        rows.append([label, f"{n}. {goal}", "", "", target or pick(rng, NO_FRAME)])
        kids: list[GoldGoal] = []
        for k, o in enumerate(p.objectives):
            o_target = _target(rng, plan_day, review_day)
            text = _fill(o.text, m)
            intervention = o.intervention
            rows.append(
                ["", "", f"{n}{'abc'[k]}. {text}", intervention, o_target or pick(rng, NO_FRAME)]
            )
            kids.append(
                GoldGoal(
                    _piece(f"{n}{'abc'[k]}. {text}", WIDTHS[2]),
                    o.measure,
                    o_target is not None,
                )
            )
        golds.append(
            GoldGoal(
                _piece(f"{n}. {goal}", WIDTHS[1]),
                p.measure,
                p.own_frame or target is not None,
                tuple(kids),
            )
        )

    sign, signers = _sign_table(rng, m, therapist, doctor, plan_day)
    lines = [
        practice,
        "TREATMENT PLAN - INITIAL",
        "",
        f"Client: {m.who.full}        DOB: {fmt(m.dob)}        MRN: {m.mrn}",
        f"Admission date: {fmt(admit)}    Date of plan: {fmt(plan_day)}    "
        f"Next review due: {fmt(review_day)}",
        f"Diagnosis: {dx.code}  {dx.name}",
        f"Baseline measures ({fmt(admit)}): PHQ-9 = {phq}; GAD-7 = {gad}",
        f"Medical: physical exam ordered from PCP, to be completed by {fmt(exam_day)}",
        f"Client strengths: {pick(rng, STRENGTHS)}",
        "",
        *wrapped_columns(HEADER, rows, WIDTHS),
        INTERPRETATION_NOTE,
        "",
        "Coordination of care: the interdisciplinary team (psychiatrist, primary therapist, "
        "nurse, case manager) meets weekly and reviews this plan at least every 30 days.",
        "Discharge criteria: objectives met or step-down to weekly outpatient therapy.",
        "",
        *sign,
    ]
    body = "\n".join(lines)
    as_pdf = chance(rng, 0.5)
    plan_name = f"TxPlan_Initial_{stamp(plan_day)}" + (".pdf" if as_pdf else ".txt")
    plan_file = (
        pdf(plan_name, body, footer="Treatment Plan - page {page} of {pages}")
        if as_pdf
        else txt(plan_name, body)
    )
    plan_gold = DocGold(
        file=plan_name,
        kind="treatment_plan",
        date=plan_day,
        signers=tuple(signers),
        goals=tuple(golds),
        scores=(GoldScore("PHQ-9", phq, admit), GoldScore("GAD-7", gad, admit)),
    )

    # ------------------------------------------------ a note quoting an objective and its target
    note_day = plus(plan_day, 7 + rng.randrange(0, 3))
    quoted = chosen[0].objectives[0]
    q_text = _fill(quoted.text, m)
    note = [
        practice,
        "INDIVIDUAL PSYCHOTHERAPY NOTE (90837)",
        f"Client: {m.who.full}    MRN: {m.mrn}    Date of service: {fmt(note_day)}",
        "Start 1:00 PM   End 1:55 PM",
        "",
        f'Treatment plan objective addressed: 1a "{q_text}" (target per plan).',
        "Intervention: reviewed the week's log and practiced restructuring one thought.",
        f"Response: {m.who.first} was engaged throughout, brought the completed log and "
        "identified two patterns without prompting.",
        "Risk screen: SI/HI denied.",
        "Plan: continue per treatment plan; next session in one week.",
        "",
        f"/es/ {therapist.signed}  {fmt(note_day)} 2:10 PM",
    ]
    note_name = f"Progress_Note_{stamp(note_day)}.txt"
    note_gold = DocGold(
        file=note_name,
        kind="progress_note",
        date=note_day,
        goals=(),
        participation=(GoldParticipation(ParticipationStatus.PARTICIPATES, note_day),),
        risk=GoldRisk(None, None),
    )
    files: tuple[DocFile, ...] = (plan_file, txt(note_name, "\n".join(note)))
    return DocChart(files=files, gold=(plan_gold, note_gold))


FAMILY = DocFamily(
    name="f6-planner-columns",
    split="dev",
    description=(
        "Treatment-planner report: Problem | Goal | Objective | Intervention | Target Date "
        "columns side by side with wrapping cells and no rules (text report or PDF), a goal "
        "row with its own target and objective rows under it; a signature table with a Role "
        "column; a progress note quoting an objective."
    ),
    conventions=(
        "wrapped side-by-side cells: a goal's words share lines with the problem beside it",
        "measures as score thresholds, ratios ('3 out of 4 conflicts'), percentages "
        "('100% of program days'), frequencies and SUDS self-ratings",
        "target cells as dates, 'By discharge', 'Next review', '6 weeks'; 'Ongoing', "
        "'Continuous' or blank is no time frame; a time frame in the goal's own words",
        "target dates, the next review due date and an ordered physical exam are not "
        "document dates or exams",
        "signature table: Role | Signature | Date / Time, credential on the line under the "
        "name, a blank Psychiatrist / Supervising Physician line, 'Parent/Guardian: N/A'",
        "a progress note quoting an objective holds no plan goals",
    ),
    render=_render,
    tags=("goals", "signers", "scores"),
)
