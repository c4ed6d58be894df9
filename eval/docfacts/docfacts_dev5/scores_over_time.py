"""f5-scores-over-time: a program's standardized measures across a stay: a
measurement-based-care report (one row per administration date, one column per
instrument, "--" or "declined" where none was given), a therapist's note giving today's
scores in prose with the earlier value ("PHQ-9 today 11, down from 17 on 01/05/2026"), a
plan update whose goals set score targets, and a discharge summary narrating first and last
scores.

What is not a measured score: a goal's target ("a PHQ-9 of 9 or less within 6 weeks"), a
discharge criterion, a single item ("PHQ-9 item 9 scored 0"), a change in points, a
declined or skipped administration. A score given "today" in a dated note carries no date
of its own (the gold's ``None``); a score with its own date keeps it."""

from __future__ import annotations

import random

from eval.docfacts.docfacts_dev._kit import (
    Member,
    People,
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
    Instrument,
)

CLINICS = (
    "Summerset Behavioral Health - IOP",
    "Pinecrest Integrated Care - Intensive Outpatient",
    "Tidewater Counseling Group - IOP",
)


def _series(rng: random.Random, start: int, n: int) -> list[int]:
    out = [start]
    for _ in range(n - 1):
        out.append(max(0, out[-1] - rng.randrange(0, 5) + (1 if chance(rng, 0.2) else 0)))
    return out


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    m: Member = member(people)
    clinic = pick(rng, CLINICS)
    therapist = people.person(pick(rng, ("LCSW", "LPC", "LMFT")))
    admit = admission(rng)
    third: Instrument = pick(rng, ("PCL-5", "AUDIT-C"))
    days = [plus(admit, 7 * k) for k in range(4)]
    start = {"PHQ-9": rng.randrange(15, 24), "GAD-7": rng.randrange(11, 19)}
    start[third] = rng.randrange(45, 66) if third == "PCL-5" else rng.randrange(6, 11)
    series = {k: _series(rng, v, 4) for k, v in start.items()}
    # one administration of the third instrument was declined, one PHQ-9 was skipped
    declined = rng.randrange(1, 4)
    skipped = rng.randrange(1, 3)
    files: list[DocFile] = []
    golds: list[DocGold] = []

    # ---------------------------------------------------------------- the report
    run_day = plus(days[-1], rng.randrange(1, 4))
    instruments: list[Instrument] = ["PHQ-9", "GAD-7", third]
    rows: list[list[str]] = []
    report_scores: list[GoldScore] = []
    for i, d in enumerate(days):
        cells = [fmt(d)]
        for inst in instruments:
            if inst == third and i == declined:
                cells.append("declined")
                continue
            if inst == "PHQ-9" and i == skipped:
                cells.append("--")
                continue
            cells.append(str(series[inst][i]))
            report_scores.append(GoldScore(inst, series[inst][i], d))
        rows.append(cells)
    lines = [
        clinic,
        "MEASUREMENT-BASED CARE REPORT",
        f"Client: {m.who.full}    MRN: {m.mrn}    Run date: {fmt(run_day)}",
        f"Episode start: {fmt(admit)}",
        "",
        *grid(("Administered", *(f"{i} total" for i in instruments)), rows),
        "",
        "-- = not administered. Higher scores mean more severe symptoms.",
        "Targets set in the treatment plan: PHQ-9 under 10, GAD-7 under 8.",
    ]
    name = f"MBC_Report_{stamp(run_day)}.txt"
    files.append(txt(name, "\n".join(lines)))
    golds.append(DocGold(file=name, kind="evaluation", date=run_day, scores=tuple(report_scores)))

    # ---------------------------------------------------------------- today's note, prose
    note_day = plus(days[-1], 2) if run_day != plus(days[-1], 2) else plus(days[-1], 4)
    phq_today = max(0, series["PHQ-9"][-1] - rng.randrange(0, 3))
    gad_today = max(0, series["GAD-7"][-1] - rng.randrange(0, 3))
    phrase = pick(
        rng,
        (
            f"PHQ-9 today {phq_today}, down from {series['PHQ-9'][0]} on {fmt(admit)}.",
            f"Re-administered the PHQ-9: total {phq_today} (was {series['PHQ-9'][0]} on "
            f"{fmt(admit)}).",
        ),
    )
    lines = [
        clinic,
        "INDIVIDUAL THERAPY NOTE",
        f"Client: {m.who.full}    Date: {fmt(note_day)}    Start 1:00 PM  End 1:50 PM",
        "",
        f"Measures: {phrase} GAD-7 score {gad_today}/21. PHQ-9 item 9 scored 0.",
        "Content: reviewed the activity schedule and a thought record about a conflict at work.",
        f"Response: engaged; identified two alternatives to {m.her} automatic thought.",
        "Plan: continue IOP; measures again next week.",
        "",
        f"{therapist.signed}    {fmt(note_day)}",
    ]
    name = f"Therapy_Note_{stamp(note_day)}.txt"
    files.append(txt(name, "\n".join(lines)))
    golds.append(
        DocGold(
            file=name,
            kind="progress_note",
            date=note_day,
            scores=(
                GoldScore("PHQ-9", phq_today, None),
                GoldScore("PHQ-9", series["PHQ-9"][0], admit),
                GoldScore("GAD-7", gad_today, None),
            ),
        )
    )

    # ---------------------------------------------------------------- plan update
    upd_day = plus(days[2], 1)
    last_phq = 0 if skipped == 1 else 1  # the PHQ-9 of week 2, unless it was skipped
    goal_lines = [
        "Goal 1: Depressive symptoms will decrease to a PHQ-9 score of 9 or less within 6 weeks.",
    ]
    goals = [
        GoldGoal(
            "Depressive symptoms will decrease to a PHQ-9 score of 9 or less within 6 weeks",
            True,
            True,
        )
    ]
    if third == "AUDIT-C":
        goal_lines.append("Goal 2: Reduce drinking to an AUDIT-C of 3 or lower by discharge.")
        goals.append(
            GoldGoal("Reduce drinking to an AUDIT-C of 3 or lower by discharge", True, True)
        )
    else:
        goal_lines.append(
            "Goal 2: Bring trauma symptoms into the mild range, PCL-5 below 33, by discharge."
        )
        goals.append(
            GoldGoal(
                "Bring trauma symptoms into the mild range, PCL-5 below 33, by discharge",
                True,
                True,
            )
        )
    goal_lines.append("Goal 3: Talk through the losses of the past year in individual sessions.")
    goals.append(
        GoldGoal("Talk through the losses of the past year in individual sessions", False, False)
    )
    lines = [
        clinic,
        "TREATMENT PLAN UPDATE",
        f"Client: {m.who.full}    Update date: {fmt(upd_day)}    Next update: "
        f"{fmt(plus(upd_day, 30))}",
        "",
        f"Scores at the last team review: PHQ-9 {series['PHQ-9'][last_phq]} on "
        f"{fmt(days[last_phq])}; GAD-7 {series['GAD-7'][1]} on {fmt(days[1])}.",
        "",
        *goal_lines,
        "",
        "Interventions unchanged: CBT group 3 days a week, individual therapy weekly.",
        f"Updated by {therapist.signed} {fmt(upd_day)}",
    ]
    name = f"Plan_Update_{stamp(upd_day)}.txt"
    files.append(txt(name, "\n".join(lines)))
    golds.append(
        DocGold(
            file=name,
            kind="treatment_plan",
            date=upd_day,
            goals=tuple(goals),
            scores=(
                GoldScore("PHQ-9", series["PHQ-9"][last_phq], days[last_phq]),
                GoldScore("GAD-7", series["GAD-7"][1], days[1]),
            ),
        )
    )

    # ---------------------------------------------------------------- discharge summary
    dc_day = plus(note_day, rng.randrange(5, 10))
    first3, last3 = series[third][0], max(0, series[third][-1] - rng.randrange(1, 5))
    final_phq = max(0, phq_today - rng.randrange(0, 4))
    unit = "" if third == "PCL-5" else "/12"
    lines = [
        clinic,
        "DISCHARGE SUMMARY",
        f"Client: {m.who.full}    Admitted: {fmt(admit)}    Discharged: {fmt(dc_day)}",
        "",
        f"Course: {m.She} attended most program days and used the skills taught. The {third} "
        f"fell from {first3}{unit} at admission ({fmt(admit)}) to {last3}{unit} at discharge.",
        f"The discharge goal of a PHQ-9 below 10 was "
        f"{'met' if final_phq < 10 else 'not met'} (final PHQ-9: {final_phq}).",
        "Aftercare: weekly outpatient therapy and medication management with the PCP.",
        "",
        f"Discharging clinician: {therapist.signed}    {fmt(dc_day)}",
    ]
    name = f"Discharge_Summary_{stamp(dc_day)}.txt"
    files.append(txt(name, "\n".join(lines)))
    golds.append(
        DocGold(
            file=name,
            kind="discharge_summary",
            date=dc_day,
            scores=(
                GoldScore(third, first3, admit),
                GoldScore(third, last3, None),
                GoldScore("PHQ-9", final_phq, None),
            ),
        )
    )
    return DocChart(files=tuple(files), gold=tuple(golds))


FAMILY = DocFamily(
    name="f5-scores-over-time",
    split="dev",
    description=(
        "Standardized measures across a stay: a measurement-based-care report (a row per "
        "administration date, a column per instrument), a note with today's scores in prose "
        "and the earlier value, a plan update with score targets, and a discharge summary "
        "narrating first and last scores."
    ),
    conventions=(
        "a report table with dates as rows and 'PHQ-9 total' / 'GAD-7 total' / 'PCL-5 total' "
        "/ 'AUDIT-C total' columns; '--' and 'declined' cells",
        "'PHQ-9 today 11, down from 17 on <date>', 'GAD-7 score 9/21'",
        "'PHQ-9 item 9 scored 0' is an item, not a total",
        "goal targets ('a PHQ-9 score of 9 or less within 6 weeks') and discharge goals are "
        "not measured scores",
        "'fell from 52 at admission (<date>) to 31 at discharge' in a discharge summary",
    ),
    render=_render,
    tags=("scores", "goals"),
)
