"""f4-rural-cmhc-grid: a rural community mental-health center whose EHR prints every form
as a boxed label / value grid (long values wrap inside their cell onto continuation rows)
and closes it with a signature table (Role | Printed Name | Credentials | Signature |
Date). The IOP's physician certification, an Individualized Recovery Plan with a goal
table (goal and objective rows, a Measure of Success cell and a Target cell), a C-SSRS
screen with a risk formulation, and a 30-day progress review with a symptom flowsheet."""

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
    fmt,
    member,
    pick,
    plus,
    txt,
)
from eval.docfacts.docfacts_dev4._tools import box, columns
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

CENTERS = (
    ("SAGEBRUSH VALLEY COMMUNITY MENTAL HEALTH CENTER", "Elko County Satellite - Adult IOP"),
    ("HIGH PLAINS BEHAVIORAL HEALTH CENTER", "Sidney Clinic - Intensive Outpatient"),
    ("NORTH FORK COUNSELING & WELLNESS CENTER", "Three Rivers Office - IOP Track"),
)

NEED = {
    "mdd": "Depression has deepened over six weeks: in bed past noon most days, stopped "
    "bathing regularly, missed 9 of the last 12 shifts at the feed store. Counseling every "
    "other week at this clinic has not halted the decline; the nearest inpatient unit is 90 "
    "miles away and IOP structure is needed to avoid it.",
    "gad": "Worry and panic now keep the consumer from driving the 40 miles to work; has "
    "left two jobs this year. Monthly counseling and an SSRI from the PCP have not been "
    "enough; requires several structured treatment days a week.",
    "ptsd": "Since a ranch accident in which a coworker died, nightly nightmares, "
    "flashbacks around machinery and drinking to sleep; cannot return to work. Symptoms "
    "exceed what biweekly outpatient sessions can address.",
    "bipolar": "Discharged last week from the regional psychiatric unit after a mixed "
    "episode; sleep still irregular and judgment impaired. Needs daily structure and "
    "monitoring to prevent readmission.",
    "panic": "Panic attacks several times a day with two ambulance calls this month; no "
    "longer leaves the property alone. Outpatient visits alone have not contained this.",
}
INTENSITY: tuple[tuple[str, float], ...] = (
    ("Not less than 9 hours of active treatment per week", 9.0),
    ("3 program days x 3 hours = 9 hours/week", 9.0),
    ("12 hrs/wk (four 3-hour program days)", 12.0),
    ("At least ten (10) hours weekly", 10.0),
)

SIG_HEAD = ("Role", "Printed Name", "Credentials", "Signature", "Date")
SIG_W = (26, 22, 11, 22, 10)


def _sig_row(role: str, who: Who | None, how: str, day: dt.date | None) -> tuple[str, ...]:
    if who is None:
        return (role, "", "", "", "")
    return (role, who.full, who.cred or "", how, fmt(day) if day else "")


def _header(center: tuple[str, str], title: str, m: Member) -> list[str]:
    return [
        center[0],
        center[1],
        "",
        title,
        *box(
            [
                ("Consumer Name", f"{m.who.last}, {m.who.first}"),
                ("Record #", m.mrn),
                ("Date of Birth", fmt(m.dob)),
            ]
        ),
    ]


def _certification(
    rng: random.Random,
    people: People,
    center: tuple[str, str],
    m: Member,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    intensity, hours = pick(rng, INTENSITY)
    elements = {
        CertificationElement.MIN_HOURS,
        CertificationElement.DIAGNOSIS,
        CertificationElement.CLINICAL_NEED,
    }
    rows: list[tuple[str, str]] = [
        ("Date of Certification", fmt(day)),
        ("Program Admission Date", fmt(adm)),
        ("Certification Type", "Initial (program admission)"),
        ("-", ""),
        ("Primary Diagnosis (ICD-10)", f"{dx.code} - {dx.name}"),
        ("Why IOP Is Needed Now", NEED[dx.key]),
        ("Weekly Intensity Required", intensity),
    ]
    if chance(rng, 0.6):
        elements.add(CertificationElement.PLAN_OF_CARE)
        rows.append(
            (
                "Plan of Care",
                "Services follow the consumer's Individualized Recovery Plan, reviewed by "
                "the team at least every 30 days.",
            )
        )
    dc = rng.randrange(3)
    if dc == 0:
        elements.add(CertificationElement.DISCHARGE_GOALS)
        rows.append(
            (
                "Discharge Criteria",
                "PHQ-9 under 10 on two checks in a row, back at work or daily routine, and "
                "linked to an outpatient counselor at this center.",
            )
        )
    elif dc == 1:
        rows.append(("Discharge Criteria", "(not yet completed)"))
    rows.append(
        (
            "Physical Health",
            "Annual physical is due; a visit with the PCP at Valley Family Clinic is to be "
            "scheduled within 30 days.",
        )
    )
    md = people.person(pick(rng, ("MD", "DO")))
    variant = rng.randrange(4)
    sig: list[tuple[str, ...]]
    signers: tuple[GoldSigner, ...]
    date: dt.date | None = day
    if variant == 0:
        sig = [_sig_row("Certifying Physician", md, "Electronically signed", day)]
        signers = (md.gold(),)
    elif variant == 1:
        np_ = people.person(pick(rng, ("PMHNP", "APRN")))
        late = plus(day, rng.randrange(3, 9))
        sig = [
            _sig_row("Certifying Practitioner", np_, "e-Signed", day),
            _sig_row("Collaborating Physician", md, "Co-signed (late)", late),
        ]
        signers = (np_.gold(), md.gold())
        date = None  # two signing dates: the document's own date is not one date
    elif variant == 2:
        np_ = people.person(pick(rng, ("PMHNP", "APRN")))
        sig = [
            _sig_row("Certifying Practitioner", np_, "e-Signed", day),
            _sig_row("Physician Co-Signature", None, "", None),
        ]
        signers = (np_.gold(), GoldSigner("Physician Co-Signature", None, signed=False))
    else:
        bare = Who(md.first, md.last)
        sig = [_sig_row("Certifying Physician", bare, "Signed on file", day)]
        signers = (GoldSigner(md.full, None),)
    lines = [
        *_header(center, "PHYSICIAN CERTIFICATION - INTENSIVE OUTPATIENT LEVEL OF CARE", m),
        *box(rows),
        "",
        "SIGNATURES",
        *columns(SIG_HEAD, sig, SIG_W),
        "",
        f"Form CMH-IOP-01 (rev. 2024)   Printed {fmt(plus(day, 14))}",
    ]
    doc = txt(f"IOP_Certification_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="certification",
        date=date,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )


# (goal words, measure cell or "" when none)
GOALS: tuple[tuple[str, str], ...] = (
    ("Reduce depressive symptoms to a manageable level", "PHQ-9 under 10 on 2 checks"),
    ("Manage worry without leaving work early", "0 early departures a month"),
    ("Feel better about myself and my future", ""),
    ("Sleep through the night more often than not", "6+ hours on 5 of 7 nights"),
    ("Stay safe and out of the hospital", "no ED visits or admissions"),
    ("Reconnect with my church and with my sister", ""),
    ("Get back to tending the livestock each morning", "chores done 6 days a week"),
    ("Be less irritable with my kids at home", "Staff observation"),
)
# (objective words, its words state a measure, its words state a time frame)
OBJECTIVES: tuple[tuple[str, bool, bool], ...] = (
    ("Practice a grounding skill daily and mark it on the card", True, False),
    ("Name three early warning signs of a setback", True, False),
    ("Talk with the peer specialist about recovery supports", False, False),
    ("Attend at least 3 of 4 program days each week", True, False),
    ("Learn how thoughts and moods affect each other", False, False),
    ("Walk outdoors for 20 minutes on 4 days a week", True, False),
    ("Write a crisis plan with 2 emergency contacts within 14 days", True, True),
    ("Explore grief about losing the family ranch", False, False),
    ("Call one supportive person twice a week for the next month", True, True),
)
# an objective's Measure of Success cell: only a ratio states a measure (a record or an
# observer names how, not what)
OBJ_CELLS = ("3 of 4 weeks", "per skills card", "Staff observation", "")


def _target(rng: random.Random, day: dt.date) -> tuple[str, bool]:
    variant = rng.randrange(6)
    if variant == 0:
        return fmt(plus(day, pick(rng, (45, 60, 90)))), True
    if variant == 1:
        return pick(rng, ("90 days", "60 days", "8 weeks")), True
    if variant == 2:
        return "At discharge", True
    if variant == 3:
        return "Ongoing", False
    if variant == 4:
        return "TBD", False
    return "", False


def _plan(
    rng: random.Random,
    people: People,
    center: tuple[str, str],
    m: Member,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
    clinician: Who,
) -> tuple[DocFile, DocGold]:
    phq, gad = rng.randrange(15, 25), rng.randrange(10, 19)
    scores: list[GoldScore]
    if chance(rng, 0.5):
        baseline = f"PHQ-9 {phq} on {fmt(adm)}; GAD-7 {gad} on {fmt(adm)}"
        scores = [GoldScore("PHQ-9", phq, adm), GoldScore("GAD-7", gad, adm)]
    else:
        baseline = f"PHQ-9 = {phq} (intake); GAD-7 not given"
        scores = [GoldScore("PHQ-9", phq)]
    rows: list[tuple[str, str]] = [
        ("Plan Type", "Initial Individualized Recovery Plan"),
        ("Plan Date", fmt(day)),
        ("Next Plan Review", "within 90 days of the plan date"),
        ("Program", "Adult Intensive Outpatient (IOP)"),
        ("Diagnosis", f"{dx.code} {dx.name}"),
        ("Baseline Measures", baseline),
        ("Consumer's Own Words", '"I want to get my life back on track."'),
    ]
    goal_rows: list[tuple[str, ...]] = []
    gold_goals: list[GoldGoal] = []
    objs = rng.sample(range(len(OBJECTIVES)), len(OBJECTIVES))
    for n, gi in enumerate(rng.sample(range(len(GOALS)), rng.randrange(2, 4)), start=1):
        words, cell = GOALS[gi]
        target, framed = _target(rng, day)
        goal_rows.append((str(n), words, cell, target))
        objectives: list[GoldGoal] = []
        for k in range(rng.randrange(1, 3)):
            o_words, o_measure, o_frame = OBJECTIVES[objs.pop()]
            o_cell = pick(rng, OBJ_CELLS)
            o_target, o_framed = _target(rng, day)
            goal_rows.append((f"{n}{'abc'[k]}", f"  {o_words}", o_cell, o_target))
            cell_measure = o_cell == "3 of 4 weeks"
            objectives.append(GoldGoal(o_words, o_measure or cell_measure, o_frame or o_framed))
        measured = cell not in ("", "Staff observation")
        gold_goals.append(GoldGoal(words, measured, framed, tuple(objectives)))

    md = people.person(pick(rng, ("MD", "DO")))
    d = day
    sig: list[tuple[str, ...]] = []
    signers: list[GoldSigner] = []
    date: dt.date | None = day
    variant = rng.randrange(4)
    if variant == 1:
        sig.append(("Consumer", m.who.full, "", "Declined to sign", fmt(d)))
        signers.append(GoldSigner("Consumer", None, signed=False))
    else:
        sig.append(("Consumer", m.who.full, "", "Signed on tablet", fmt(d)))
        signers.append(GoldSigner(m.who.full, None))
    sig.append(_sig_row("Primary Clinician", clinician, "Electronically signed", d))
    signers.append(clinician.gold())
    if variant == 2:
        sup = people.person("LCSW")
        sig.append(_sig_row("Clinical Supervisor", sup, "Co-signed", d))
        sig.append(_sig_row("Psychiatrist", None, "", None))
        signers += [sup.gold(), GoldSigner("Psychiatrist", None, signed=False)]
    elif variant == 3:
        late = plus(d, rng.randrange(6, 12))
        sig.append(_sig_row("Medical Director", md, "Electronically signed", late))
        signers.append(md.gold())
        date = None
    else:
        sig.append(_sig_row("Psychiatrist", md, "Electronically signed", d))
        signers.append(md.gold())
    sig.append(("Interpreter (if used)", "", "", "", ""))

    lines = [
        *_header(center, "INDIVIDUALIZED RECOVERY PLAN (IRP)", m),
        *box(rows),
        "",
        "GOALS AND OBJECTIVES",
        *columns(
            ("No.", "Goal / Objective", "Measure of Success", "Target"), goal_rows, (4, 62, 26, 12)
        ),
        "",
        *box(
            [
                (
                    "Services / Interventions",
                    "IOP group 3 hours a day, 3 days a week; individual therapy weekly; "
                    "psychiatric medication review monthly; peer support; case management "
                    "for transportation and benefits.",
                ),
                (
                    "Coordination of Care",
                    "Team (clinician, psychiatrist, nurse, peer specialist, case manager) "
                    "meets Tuesdays; PCP receives a copy with consent.",
                ),
            ]
        ),
        "",
        "SIGNATURES",
        *columns(SIG_HEAD, sig, SIG_W),
    ]
    doc = txt(f"IRP_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="treatment_plan",
        date=date,
        signers=tuple(signers),
        goals=tuple(gold_goals),
        scores=tuple(scores),
    )


def _risk(
    rng: random.Random,
    people: People,
    center: tuple[str, str],
    m: Member,
    day: dt.date,
    clinician: Who,
) -> tuple[DocFile, DocGold]:
    variant = rng.randrange(4)
    history = (
        "6. Suicidal behavior, lifetime",
        "Yes - overdose on sleeping pills in 2019 (history; none in past 3 months)",
    )
    if variant == 0:
        items = ["No", "No", "No", "No", "No"]
        level = "Low"
        extra = [
            ("24-Hour Supervision Needed?", "No"),
            ("Disposition", "Continue IOP as planned; safety plan on file."),
        ]
        risk = GoldRisk(False, False)
    elif variant == 1:
        items = ["Yes", "Yes", "Yes", "Unsure", "No"]
        level = "Moderate"
        extra = [("Disposition", "Safety plan updated; re-screen on each program day.")]
        risk = GoldRisk(None, None)
    elif variant == 2:
        items = ["Yes", "Yes", "Yes", "Yes", "Yes"]
        level = "High"
        extra = [
            ("24-Hour Supervision Needed?", "Yes"),
            (
                "Disposition",
                "Consumer has a plan to shoot self and intends to act; sheriff's deputy "
                "transported consumer to the regional hospital for inpatient admission.",
            ),
        ]
        risk = GoldRisk(True, True)
    else:
        items = ["No", "No", "No", "No", "No"]
        level = "Low"
        extra = [
            (
                "Disposition",
                "If ideation with a plan returns, the consumer will be referred for "
                "inpatient evaluation. None at this time.",
            )
        ]
        risk = GoldRisk(False, None)
    questions = (
        "1. Wish to be dead, past month",
        "2. Suicidal thoughts, past month",
        "3. Thoughts of a method",
        "4. Some intent to act",
        "5. Plan worked out, with intent",
    )
    rows: list[tuple[str, str]] = [
        ("Screen Date", fmt(day)),
        ("Reason", pick(rng, ("Admission screen", "Weekly re-screen", "Clinician concern"))),
        ("-", ""),
        *zip(questions, items, strict=True),
        history,
        ("-", ""),
        ("Protective Factors", "Children at home, faith community, engaged in care"),
        ("Current Risk Level", level),
        *extra,
    ]
    sig = [_sig_row("Completed by", clinician, "Electronically signed", day)]
    signers = [clinician.gold()]
    if chance(rng, 0.5):
        sup = people.person(pick(rng, ("LCSW", "PSYD")))
        sig.append(_sig_row("Reviewed by (supervisor)", sup, "Co-signed", day))
        signers.append(sup.gold())
    lines = [
        *_header(center, "C-SSRS SCREEN AND RISK FORMULATION", m),
        *box(rows, label_w=34, value_w=58),
        "",
        "SIGNATURES",
        *columns(SIG_HEAD, sig, SIG_W),
    ]
    doc = txt(f"Risk_Screen_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name, kind="risk_assessment", date=day, signers=tuple(signers), risk=risk
    )


def _review(
    rng: random.Random,
    center: tuple[str, str],
    m: Member,
    adm: dt.date,
    day: dt.date,
    clinician: Who,
) -> tuple[DocFile, DocGold]:
    d0 = plus(adm, rng.randrange(3, 9))
    d1 = plus(d0, rng.randrange(4, 10))
    a, b = fmt(d0), fmt(d1)
    she, her = m.she, m.her
    variant = rng.randrange(4)
    part: tuple[GoldParticipation, ...]
    if variant == 0:
        text = f"On {b} {she} took an active part in group and led the check-in."
        part = (GoldParticipation(ParticipationStatus.PARTICIPATES, d1),)
    elif variant == 1:
        text = (
            f"On {a} {she} sat in the lobby and would not join group when invited. Back in "
            f"group on {b}, {she} took part in the role-plays and shared about {her} week."
        )
        part = (
            GoldParticipation(ParticipationStatus.REFUSES, d0),
            GoldParticipation(ParticipationStatus.PARTICIPATES, d1),
        )
    elif variant == 2:
        text = (
            f"On {a} {she} could not stay for the 3-hour day because of panic and left at "
            f"the break. With a shorter first hour {she} stayed the full day on {b} and took "
            "part throughout."
        )
        part = (
            GoldParticipation(ParticipationStatus.CANNOT_TOLERATE, d0),
            GoldParticipation(ParticipationStatus.PARTICIPATES, d1),
        )
    else:
        text = (
            f"On {b} {she} was too drowsy after a medication change to follow the "
            "discussion and was driven home by a neighbor."
        )
        part = (GoldParticipation(ParticipationStatus.CANNOT_PARTICIPATE, d1),)
    mid = plus(adm, 14)
    p = [rng.randrange(16, 24)]
    p += [p[0] - rng.randrange(1, 4), p[0] - rng.randrange(4, 8)]
    g = [rng.randrange(11, 18)]
    g += [g[0] - rng.randrange(1, 4), g[0] - rng.randrange(3, 7)]
    skip_gad = chance(rng, 0.5)
    flow = [
        (fmt(adm), str(p[0]), str(g[0])),
        (fmt(mid), str(p[1]), "not done" if skip_gad else str(g[1])),
        (fmt(day), str(p[2]), str(g[2])),
    ]
    scores = [
        GoldScore("PHQ-9", p[0], adm),
        GoldScore("PHQ-9", p[1], mid),
        GoldScore("PHQ-9", p[2], day),
        GoldScore("GAD-7", g[0], adm),
        GoldScore("GAD-7", g[2], day),
    ]
    if not skip_gad:
        scores.append(GoldScore("GAD-7", g[1], mid))
    rows = [
        ("Review Date", fmt(day)),
        ("Review Period", f"{fmt(adm)} to {fmt(day)}"),
        ("Participation", text),
        ("Progress Toward Goals", "Partial; using grounding skills, sleep a little better."),
    ]
    lines = [
        *_header(center, "IOP 30-DAY PROGRESS REVIEW", m),
        *box(rows),
        "",
        "SYMPTOM FLOWSHEET",
        *columns(("Date", "PHQ-9", "GAD-7"), flow, (10, 6, 8)),
        "",
        "SIGNATURES",
        *columns(SIG_HEAD, [_sig_row("Primary Clinician", clinician, "e-signed", day)], SIG_W),
    ]
    doc = txt(f"Progress_Review_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="progress_note",
        date=day,
        participation=part,
        scores=tuple(scores),
    )


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    center = pick(rng, CENTERS)
    m = member(people)
    dx = pick(rng, MH_DX)
    adm = admission(rng)
    clinician = people.person(pick(rng, ("LCPC", "LPC", "LCSW", "LMHC")))
    cert, cert_gold = _certification(rng, people, center, m, dx, adm, plus(adm, rng.randrange(3)))
    risk, risk_gold = _risk(rng, people, center, m, plus(adm, rng.randrange(0, 3)), clinician)
    plan_day = plus(adm, rng.randrange(3, 7))
    plan, plan_gold = _plan(rng, people, center, m, dx, adm, plan_day, clinician)
    review, review_gold = _review(rng, center, m, adm, plus(adm, 30), clinician)
    return DocChart(
        files=(cert, risk, plan, review),
        gold=(cert_gold, risk_gold, plan_gold, review_gold),
    )


FAMILY = DocFamily(
    name="f4-rural-cmhc-grid",
    split="dev",
    description=(
        "Rural community mental-health center: every form a boxed label/value grid with "
        "wrapped values and a Role / Printed Name / Credentials / Signature / Date table; "
        "physician certification, recovery plan with a goal table (Measure of Success and "
        "Target cells), C-SSRS screen with risk formulation, 30-day review with a flowsheet."
    ),
    conventions=(
        "label | value grids, values wrapped onto continuation rows with an empty label",
        "weekly intensity as '3 program days x 3 hours = 9 hours/week', '12 hrs/wk'",
        "discharge criteria row '(not yet completed)'; a planned physical within 30 days",
        "signature table: NP with late physician co-sign, blank Physician Co-Signature row",
        "consumer signed on tablet or 'Declined to sign'; Interpreter (if used) left blank",
        "goal measure in its own cell ('Staff observation' is no measure); TBD / Ongoing",
        "baseline PHQ-9 in the plan beside a 'PHQ-9 under 10' target that is not a score",
        "C-SSRS Yes/No items, lifetime attempt as history, conditional referral",
        "flowsheet Date / PHQ-9 / GAD-7 with a 'not done' cell",
        "dated participation: refusal, cannot tolerate, too drowsy, then taking part",
    ),
    render=render,
    tags=("cmhc", "grid", "txt"),
)
