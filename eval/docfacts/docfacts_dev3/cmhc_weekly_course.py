"""f3-cmhc-weekly-course: a community mental health center's adult IOP, charted the way a
public-sector EHR prints it: a physician's statement of medical necessity (the presenting
picture, the ordered intensity in several ways, co-signatures, stamps and a required
co-signature left blank), an individualized recovery plan in the consumer's words (needs,
long-range goals, short-range objectives with "Measured by" and "Target" fields, a
guardian line that does not apply to an adult), and a weekly progress summary for each
program week telling engagement day by day, with that week's rating scales."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import CertificationElement, ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    Dx,
    Member,
    People,
    Who,
    admission,
    chance,
    clock,
    fmt,
    member,
    pdf,
    pick,
    plus,
    txt,
    wrap,
)
from eval.docfacts.docfacts_dev3._phrases import say, story
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldGoal,
    GoldParticipation,
    GoldScore,
    GoldSigner,
)

CENTERS = (
    ("RIVERBEND COMMUNITY MENTAL HEALTH CENTER", "Adult Intensive Outpatient Services"),
    ("TRI-COUNTY BEHAVIORAL HEALTH AUTHORITY", "IOP - Adult Mental Health Track"),
    ("EAST VALLEY CMHC", "Intensive Outpatient Program (Adult)"),
)

PICTURE = {
    "mdd": "Over the past month {she} has stopped showering most days, has not returned to "
    "{her} job and spends most of each day in bed. Weekly counseling has not slowed the "
    "decline; without several structured treatment days a week an inpatient stay is likely.",
    "gad": "Worry and physical anxiety now fill most of {her} waking hours; {she} has quit "
    "driving and has missed eleven work days this month. Monthly medication visits and "
    "weekly therapy have not been enough to contain it.",
    "ptsd": "Since an assault in the spring {she} has nightly nightmares, flashbacks at work "
    "and has begun to dissociate while driving. The intensity of symptoms exceeds what "
    "routine outpatient care can address.",
    "bipolar": "Two weeks out of an inpatient stay for a depressive episode with mixed "
    "features; sleep and mood remain unstable and {she} needs close structure several "
    "days a week to avoid readmission.",
    "panic": "Panic attacks several times a day with three emergency visits in a month; "
    "{she} has become largely housebound and cannot work. Outpatient care alone has "
    "not reduced them.",
}

# (text, its own words state a measure, a time frame)
LONG_GOALS: tuple[tuple[str, bool, bool], ...] = (
    ('"I want to get back to work and stop spending whole days in bed."', False, False),
    ("Reduce depressive symptoms to the mild range (PHQ-9 of 9 or lower) by discharge",
     True, True),
    ('"I want to feel calmer and more hopeful about the future."', False, False),
    ("Sleep through the night on at least 5 of 7 nights within six weeks", True, True),
    ('"Get along better with my family and stop blowing up at home."', False, False),
    ("Keep myself safe and use my safety plan whenever I am in crisis", False, False),
    ("Go to the grocery store alone at least twice a week by the 60-day review",
     True, True),
)  # fmt: skip
# (text, measure in its own words)
OBJECTIVES: tuple[tuple[str, bool], ...] = (
    ("Will attend at least 80% of scheduled IOP program days", True),
    ("Will rate anxiety at 4/10 or lower on the daily check-in sheet", True),
    ("Will log mood and activity on 3 of 4 weekday evenings", True),
    ("Will name two early warning signs of relapse to the group", True),
    ("Will explore the connection between thoughts and mood", False),
    ("Will gain an understanding of how sleep habits affect mood", False),
    ("Will practice a grounding skill when triggered by reminders", False),
    ("Will share one feeling check-in with a family member each day", True),
)
# a separate "Measured by" field: (words, states a measure)
MEASURED_BY: tuple[tuple[str, bool], ...] = (
    ("skills log, at least 4 entries weekly", True),
    ("consumer self-report", False),
    ("clinician observation in group", False),
    ("GAD-7 total under 8 on two readings in a row", True),
)


INTERVENTIONS = ("CBT skills group 3x weekly", "DBT skills group", "behavioral activation group")


def _target(rng: random.Random, day: dt.date) -> tuple[str, bool]:
    v = rng.randrange(7)
    if v == 0:
        return fmt(plus(day, pick(rng, (21, 28, 35, 42)))), True
    if v == 1:
        return pick(rng, ("within 21 days", "in 6 weeks", "30 days from plan date")), True
    if v == 2:
        return pick(rng, ("by discharge", "prior to discharge from IOP")), True
    if v == 3:
        return fmt(plus(day, pick(rng, (30, 45))), "long"), True
    return pick(rng, ("ongoing", "as tolerated", "TBD")), False


def _certification(
    rng: random.Random,
    people: People,
    center: tuple[str, str],
    m: Member,
    dx: Dx,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    md = people.person(pick(rng, ("MD", "DO")))
    np_ = people.person(pick(rng, ("PMHNP", "NP", "APRN")))
    t = clock(rng, lo=10, hi=17)
    hv = rng.randrange(4)
    if hv == 0:
        intensity, hours = "3 program days x 3 hours (9 hrs/wk).", 9.0
    elif hv == 1:
        intensity, hours = (
            "No fewer than 10 hours of programming a week (2.5 hours on Mon, Tue, Thu and Fri).",
            10.0,
        )
    elif hv == 2:
        intensity, hours = "Twelve hours of treatment per week are medically necessary.", 12.0
    else:
        intensity, hours = "3 h/day on 4 days each week (12 h weekly) for the next 30 days.", 12.0
    elements = {
        CertificationElement.MIN_HOURS,
        CertificationElement.DIAGNOSIS,
        CertificationElement.CLINICAL_NEED,
    }
    dx_line = pick(
        rng,
        (
            f"DSM-5-TR / ICD-10-CM:  {dx.code}  {dx.name}",
            f"Working diagnosis: {dx.name} ({dx.code})",
        ),
    )
    lines = [
        center[0],
        center[1],
        "PHYSICIAN STATEMENT OF MEDICAL NECESSITY - IOP ADMISSION",
        "",
        f"Consumer: {m.who.full}    Consumer #: {m.mrn}    D.O.B.: {fmt(m.dob)}",
        f"Statement date: {fmt(day)}",
        "",
        "Presenting picture:",
        *wrap(PICTURE[dx.key].format(she=m.she, her=m.her), 88, indent="  ", first="  "),
        "",
        dx_line,
        "",
        "Intensity ordered:",
        f"  {intensity}",
    ]
    if chance(rng, 0.5):
        elements.add(CertificationElement.PLAN_OF_CARE)
        lines.append("  Care is delivered under the individualized recovery plan the team writes.")
    if chance(rng, 0.4):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        lines.append(
            "  Ready to step down when mood is in the mild range, sleep is regular and an "
            "outpatient therapist is in place."
        )
    # a planned exam: neither the document's date nor a fact of this statement
    lines += [
        "",
        f"Physical examination: scheduled with the PCP on {fmt(plus(day, 9))}; report to be "
        "filed on receipt.",
        "",
    ]
    sv = rng.randrange(4)
    signers: list[GoldSigner]
    if sv == 0:
        lines.append(f"Attending psychiatrist: {md.signed}    [e-signed {fmt(day)} {t}]")
        signers = [md.gold()]
    elif sv == 1:
        lines.append(f"Prepared by: {np_.signed}    {fmt(day)}")
        lines.append(f"Reviewed and co-signed by {md.signed} on {fmt(day)}")
        signers = [np_.gold(), md.gold()]
    elif sv == 2:
        lines.append(f"Prepared by: {np_.signed}    {fmt(day)}")
        lines.append("Supervising physician co-signature: ____________________  (required)")
        signers = [np_.gold(), GoldSigner("Supervising physician", None, signed=False)]
    else:
        lines.append(f"<< Electronically signed by {np_.signed} | {fmt(day)} {t} >>")
        lines.append(f"<< Electronically co-signed by {md.signed} | {fmt(day)} {t} >>")
        signers = [np_.gold(), md.gold()]
    body = "\n".join(lines)
    name = f"Medical_Necessity_Statement_{day:%Y%m%d}"
    doc = pdf(name + ".pdf", body) if chance(rng, 0.4) else txt(name + ".txt", body)
    return doc, DocGold(
        file=doc.name,
        kind="certification",
        date=day,
        signers=tuple(signers),
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )


def _plan(
    rng: random.Random,
    people: People,
    center: tuple[str, str],
    m: Member,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
    clin: Who,
    baseline: tuple[int, int],
) -> tuple[DocFile, DocGold]:
    md = people.person(pick(rng, ("MD", "DO")))
    goals = rng.sample(LONG_GOALS, rng.randrange(2, 4))
    objs = rng.sample(OBJECTIVES, len(OBJECTIVES))
    needs = rng.sample(("Mood", "Anxiety", "Safety", "Daily living", "Relationships"), 3)
    lines = [
        center[0],
        "INDIVIDUALIZED RECOVERY PLAN (IRP) - INITIAL",
        f"Consumer: {m.who.full}    Consumer #: {m.mrn}    Admitted: {fmt(adm)}",
        f"Plan effective: {fmt(day)}    Review by: {fmt(plus(day, 30))}",
        f"Diagnosis: {dx.code} {dx.name}",
        f"Baseline measures: PHQ-9 {baseline[0]} on {fmt(adm)}; GAD-7 {baseline[1]} on {fmt(adm)}",
        "",
    ]
    gold_goals: list[GoldGoal] = []
    for gi, (text, measure, frame) in enumerate(goals, start=1):
        lines.append(f"NEED {gi} - {needs[gi - 1]}")
        lines += wrap(f"Long-range goal: {text}", 90, indent="    ", first="  ")
        goal_frame = frame
        if not frame and chance(rng, 0.4):
            target, goal_frame = _target(rng, day)
            lines.append(f"    Goal target: {target}")
        children: list[GoldGoal] = []
        for oi in range(rng.randrange(1, 3)):
            o_text, o_measure = objs.pop()
            letter = "AB"[oi]
            lines += wrap(
                f"Short-range objective {gi}{letter}: {o_text}",
                90,
                indent="      ",
                first="    ",
            )
            if chance(rng, 0.5):
                mb, mb_measure = pick(rng, MEASURED_BY)
                o_measure = o_measure or mb_measure
                lines.append(f"      Measured by: {mb}")
            target, o_frame = _target(rng, day)
            lines.append(f"      Target: {target}")
            children.append(GoldGoal(o_text, o_measure, o_frame))
        lines.append(f"    Interventions: {pick(rng, INTERVENTIONS)}; individual therapy weekly")
        lines.append("")
        gold_goals.append(GoldGoal(text.strip('"'), measure, goal_frame, tuple(children)))
    lines += [
        "Coordination: the IOP team (psychiatry, nursing, therapy, peer support) reviews this",
        "plan weekly; releases are on file for the PCP.",
        "",
        "SIGNATURES",
        f"Consumer: {m.who.full} ........ signed {fmt(day)}",
        f"Primary clinician: {clin.signed} ........ e-signed {fmt(day)} {clock(rng, lo=9, hi=12)}",
    ]
    signers = [GoldSigner(m.who.full, None), clin.gold()]
    pv = rng.randrange(3)
    if pv == 0:
        lines.append(f"Psychiatrist: {md.signed} ........ e-signed {fmt(day)} {clock(rng, lo=13)}")
        signers.append(md.gold())
    elif pv == 1:
        lines.append("Psychiatrist: ______________________    Date: __________")
        signers.append(GoldSigner("Psychiatrist", None, signed=False))
    else:
        lines.append(f"Reviewed and co-signed by {md.signed}, {fmt(day)}")
        signers.append(md.gold())
    if chance(rng, 0.5):
        # the consumer is an adult: this line is not a required signature
        lines.append("Parent/Guardian (only if consumer is under 18): ____________________")
    doc = txt(f"Recovery_Plan_{day:%Y-%m-%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="treatment_plan",
        date=day,
        signers=tuple(signers),
        goals=tuple(gold_goals),
        scores=(
            GoldScore("PHQ-9", baseline[0], adm),
            GoldScore("GAD-7", baseline[1], adm),
        ),
    )


def _day_label(rng: random.Random, day: dt.date, style: int) -> str:
    if style == 0:
        return f"{day:%a} {fmt(day)}"
    if style == 1:
        return f"{day:%A}, {fmt(day, 'long')}"
    return fmt(day, "iso")


def _weekly(
    rng: random.Random,
    center: tuple[str, str],
    m: Member,
    week: int,
    monday: dt.date,
    status: ParticipationStatus,
    used: set[str],
    clin: Who,
    scores: tuple[int, int],
) -> tuple[DocFile, DocGold]:
    friday = plus(monday, 4)
    days = sorted(rng.sample([monday, plus(monday, 1), plus(monday, 3)], rng.randrange(1, 3)))
    style = rng.randrange(3)
    parts = [GoldParticipation(status, d) for d in days]
    lines = [
        f"{center[0]} - {center[1]}",
        f"WEEKLY PROGRESS SUMMARY - PROGRAM WEEK {week}",
        f"Consumer: {m.who.full}    Week of {fmt(monday)} - {fmt(friday)}",
        f"Summary written: {fmt(friday)}",
        "",
        "Attendance: scheduled Mon/Tue/Thu, 9:00-12:00",
        "",
    ]
    if chance(rng, 0.5):
        lines.append("Engagement by day:")
        for d in days:
            lines += wrap(
                f"{_day_label(rng, d, style)} - {say(rng, m, status, used)}",
                90,
                indent="      ",
                first="  ",
            )
    else:
        lines.append("Engagement this week:")
        prose = " ".join(
            f"On {_day_label(rng, d, style)}: {say(rng, m, status, used)}" for d in days
        )
        lines += wrap(prose, 90, indent="  ", first="  ")
    lines.append("")
    sv = rng.randrange(3)
    if sv == 0:
        lines.append(
            f"Rating scales: PHQ-9 {scores[0]} ({fmt(monday)}); GAD-7 {scores[1]} ({fmt(monday)})"
        )
    elif sv == 1:
        lines.append(
            f"Rating scales given {fmt(monday)}: PHQ-9 total {scores[0]}, GAD-7 total {scores[1]}."
        )
    else:
        lines += [
            "Rating scales:",
            "  Scale     Given        Total",
            f"  PHQ-9     {fmt(monday)}   {scores[0]}",
            f"  GAD-7     {fmt(monday)}   {scores[1]}",
        ]
    if chance(rng, 0.5):
        lines.append("Discharge target remains a PHQ-9 below 10 and GAD-7 below 8.")
    lines += [
        "",
        "Progress toward IRP: see engagement above; objectives reviewed with the consumer.",
        "",
        f"Clinician: {clin.signed}    e-signed {fmt(friday)}",
    ]
    doc = txt(f"Weekly_Summary_Wk{week}_{friday:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="progress_note",
        date=friday,
        participation=tuple(parts),
        scores=(
            GoldScore("PHQ-9", scores[0], monday),
            GoldScore("GAD-7", scores[1], monday),
        ),
    )


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    center = pick(rng, CENTERS)
    m = member(people)
    dx = pick(rng, MH_DX)
    adm = admission(rng)
    clin = people.person(pick(rng, ("LCSW", "LPC", "LMHC", "LMFT")))
    cert, cert_gold = _certification(rng, people, center, m, dx, adm)
    p0, g0 = rng.randrange(16, 24), rng.randrange(12, 19)
    plan, plan_gold = _plan(
        rng, people, center, m, dx, adm, plus(adm, rng.randrange(1, 3)), clin, (p0, g0)
    )
    files: list[DocFile] = [cert, plan]
    gold: list[DocGold] = [cert_gold, plan_gold]
    used: set[str] = set()
    phq, gad = p0, g0
    for week, status in enumerate(story(rng), start=1):
        monday = plus(adm, 7 * week)
        phq = max(3, phq - rng.randrange(0, 4))
        gad = max(2, gad - rng.randrange(0, 4))
        doc, g = _weekly(rng, center, m, week + 1, monday, status, used, clin, (phq, gad))
        files.append(doc)
        gold.append(g)
    return DocChart(files=tuple(files), gold=tuple(gold))


FAMILY = DocFamily(
    name="f3-cmhc-weekly-course",
    split="dev",
    description=(
        "Community mental health center IOP: a physician's statement of medical necessity "
        "(presenting picture, ordered intensity, co-signatures and stamps), an "
        "individualized recovery plan with needs, long-range goals in the consumer's words "
        "and short-range objectives with Measured by / Target fields, and one weekly "
        "progress summary per program week telling engagement day by day."
    ),
    conventions=(
        "intensity: 3 days x 3 hours, 'no fewer than 10 hours', 'Twelve hours', 3 h/day on 4 days",
        "'Reviewed and co-signed by', << Electronically signed by ... >> stamps",
        "required co-signature line left blank; a guardian line for an adult (not required)",
        "a scheduled physical exam date inside a certification (not its date)",
        "'Measured by' / 'Target' fields under objectives: dates, durations, by discharge, ongoing",
        "goal targets like 'PHQ-9 of 9 or lower' that are not scores",
        "engagement day by day, week by week; the latest state changes between stays",
        "weekly PHQ-9 / GAD-7 in a sentence, a list or a small table, with the date given",
    ),
    render=render,
    tags=("cmhc", "weekly", "participation", "txt", "pdf"),
)
