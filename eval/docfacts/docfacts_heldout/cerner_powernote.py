"""dh-cerner-powerform-iop: an academic medical center's IOP charted in a Cerner-like
EHR: PowerForm printouts with "Performed By / Verified By / Signature Line" blocks and
names written "Last, First CRED", a markdown master treatment plan whose goals sit in a
table with separate Measure and Target columns, a suicide risk reassessment PowerForm, a
group PowerNote with a one-line SI/HI screen, an interdisciplinary team review with
continued-stay justification, and a discharge summary PDF."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ContinuedStayElement as StayEl
from core.facts import ParticipationStatus as Part
from eval.docfacts.docfacts_heldout import _kit as k
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
    ("UNIVERSITY HEALTH - DEPARTMENT OF PSYCHIATRY", "Adult Intensive Outpatient Program"),
    ("PRAIRIE STATE ACADEMIC MEDICAL CENTER", "Psychiatric IOP - Ambulatory Behavioral Health"),
    ("COASTAL UNIVERSITY HOSPITALS", "Mood & Trauma Intensive Outpatient Program"),
)
TZ = ("CST", "CDT", "EST", "MST")


def _cer(c: k.Clin) -> str:
    """A name the Cerner way: "Last, First CRED"."""
    return f"{c.last}, {c.first} {c.cred}".rstrip()


def _stamp(rng: random.Random, d: dt.date, tz: str) -> str:
    return f"{k.mdy(d)} {rng.randrange(7, 19):02d}:{rng.randrange(60):02d} {tz}"


# (goal cell, measure cell, has_measure)
GOALS = (
    ("Decrease depressive symptoms", "PHQ-9 <= 9", True),
    ("Improve ability to manage trauma reminders", "PCL-5 below 33", True),
    ("Patient will feel more hopeful about the future", "-", False),
    ("Restore daily functioning and structure", "-", False),
    ("Reduce panic attacks", "fewer than 1 per week by self-report log", True),
)
OBJECTIVES = (
    ("Complete thought record after distressing events", "4 of 7 days/wk per diary", True),
    ("Name 3 coping skills usable at work", "3 skills demonstrated in group", True),
    ("Process grief related to the loss of a parent", "-", False),
    ("Walk or exercise outside the home", "30 min, 3x/week", True),
    ("Build insight into avoidance patterns", "-", False),
    ("Use the safety plan when urges occur", "0 ED visits; safety plan used 100%", True),
    ("Re-establish a regular sleep schedule", "in bed by 11 PM on 5 of 7 nights", True),
)


def _target(rng: random.Random, when: dt.date) -> tuple[str, bool]:
    r = rng.randrange(6)
    if r == 0:
        return k.mdy(when + dt.timedelta(days=rng.choice((28, 42, 56)))), True
    if r == 1:
        return f"{rng.choice((4, 6, 8))} wks", True
    if r == 2:
        return "D/C", True
    if r == 3:
        return "TBD", False
    if r == 4:
        return "-", False
    return k.dmy_abbr(when + dt.timedelta(days=rng.choice((30, 45)))), True


def _plan(
    rng: random.Random,
    center: tuple[str, str],
    member: tuple[str, str],
    fin: str,
    when: dt.date,
    attending: k.Clin,
    therapist: k.Clin,
    rn: k.Clin,
    phq0: int,
    adm: dt.date,
) -> tuple[DocFile, DocGold]:
    first, last = member
    out = [
        f"# {center[0]}",
        f"### {center[1]} - Master Treatment Plan",
        "",
        f"**Patient:** {last}, {first}  |  **FIN:** {fin}  |  **Plan date:** {k.mdy(when)}  |  "
        f"**Admit:** {k.mdy(adm)}",
        "",
        f"**Baseline:** PHQ-9 {phq0} on {k.mdy(adm)}",
        "",
        "| # | Problem | Goal / Objective | Measure | Target |",
        "|---|---|---|---|---|",
    ]
    goals: list[GoldGoal] = []
    lt = rng.sample(range(len(GOALS)), 2)
    st = rng.sample(range(len(OBJECTIVES)), 4)
    problems = ("Mood", "Coping / functioning")
    for i in range(2):
        g, m, hm = GOALS[lt[i]]
        tgt, ht = _target(rng, when)
        out.append(f"| {i + 1} | {problems[i]} | LTG: {g} | {m} | {tgt} |")
        goals.append(GoldGoal(g, hm, ht))
        for j in range(2):
            o, om, ohm = OBJECTIVES[st[i * 2 + j]]
            otgt, oht = _target(rng, when)
            out.append(f"| {i + 1}{'ab'[j]} |  | STO: {o} | {om} | {otgt} |")
            goals.append(GoldGoal(o, ohm, oht))
    out += [
        "",
        "**Interventions:** CBT and DBT skills groups M/W/F; individual therapy weekly; "
        "medication management q2 wks; family session PRN.",
        "**Coordination:** IDT meets Tuesdays; PCP and outpatient therapist updated by RN "
        "care coordinator.",
        "**Discharge criteria:** goals met or plateau; step down to OP with appointments in place.",
        "",
    ]
    signers: list[GoldSigner] = []
    listed = [
        f"{attending.full} {attending.cred}",
        therapist.with_cred(),
        f"{first} {last} (patient)",
    ]
    signers += [attending.signer(), therapist.signer(), GoldSigner(f"{first} {last}", None)]
    blank_md = rng.random() < 0.35
    if blank_md:
        listed = listed[1:]
        signers = signers[1:]
    if rng.random() < 0.5:
        listed.append(f"{rn.full} {rn.cred}")
        signers.append(rn.signer())
    rng.shuffle(listed)
    out.append(f"**Plan reviewed and signed ({k.mdy(when)}):** " + "; ".join(listed))
    if blank_md:
        out.append("")
        out.append("**Attending Physician:** ______________________ (awaiting signature)")
        signers.append(GoldSigner("Attending Physician", None, signed=False))
    name = "Master_Treatment_Plan.md"
    gold = DocGold(
        file=name,
        kind="treatment_plan",
        date=when,
        signers=tuple(signers),
        goals=tuple(goals),
        scores=(GoldScore("PHQ-9", phq0, adm),),
    )
    return k.text_file(name, "\n".join(out)), gold


def _risk(
    rng: random.Random,
    center: tuple[str, str],
    member: tuple[str, str],
    fin: str,
    when: dt.date,
    therapist: k.Clin,
    attending: k.Clin,
    tz: str,
    variant: str,
) -> tuple[DocFile, DocGold]:
    first, last = member
    score = {"low": 1, "nolevel": 0, "high": 5, "moderate": 3}[variant]
    stamp = _stamp(rng, when, tz)
    out = [
        center[0],
        f"Patient: {last}, {first}    FIN: {fin}",
        "",
        "Suicide Risk Reassessment - Text",
        f"Document Type: Suicide Risk Reassessment      Service Date/Time: {stamp}",
        f"Performed By: {_cer(therapist)} on {stamp}",
        "",
        f"  Columbia (C-SSRS) Screener Score :   {score}",
        "  Suicidal Ideation (current) :   "
        + {
            "low": "Passive, no plan, no intent",
            "nolevel": "Denies",
            "high": "Active, with plan and intent",
            "moderate": "Active, intent unclear",
        }[variant],
        "  Homicidal Ideation :   Denies",
        "  History of Suicide Attempt :   "
        + rng.choice(
            ("Yes - 2017, hanging, interrupted by roommate", "No", "Yes - age 16, overdose")
        ),
        "  Family History of Suicide :   "
        + rng.choice(("Paternal grandfather", "None known", "Sister (completed, 2015)")),
        "  Access to Firearms :   " + rng.choice(("No", "Yes - stored with brother per pt")),
    ]
    if variant == "low":
        out += [
            "  Risk Level Determination :   Low Risk",
            "  Imminent Risk to Self/Others :   No",
        ]
        risk = GoldRisk(False, None)
    elif variant == "nolevel":
        out += [
            "  Risk Level Determination :   (not selected)",
            "  Requires 24 Hour Observation :   No",
            "  Comments :   Does not meet criteria for inpatient level of care; continue IOP.",
        ]
        risk = GoldRisk(False, False)
    elif variant == "high":
        out += [
            "  Risk Level Determination :   High Risk",
            "  Imminent Risk to Self/Others :   Yes",
            "  Requires 24 Hour Observation :   Yes",
            "  Comments :   Plan to jump from parking structure, intent endorsed. Transferred "
            "to Psychiatric Emergency Services for inpatient admission.",
        ]
        risk = GoldRisk(True, True)
    else:
        out += [
            "  Risk Level Determination :   Moderate Risk",
            "  Comments :   Safety plan revised; if SI worsens pt will present to PES.",
        ]
        risk = GoldRisk(None, None)
    out += [
        "",
        "Signature Line",
        f"  Electronically Signed on {stamp}",
        "  ____________________________________________",
        f"  {_cer(therapist)}",
    ]
    if rng.random() < 0.5:
        out += [
            f"  Verified By: {_cer(attending)} on {_stamp(rng, when + dt.timedelta(1), tz)}",
        ]
    name = f"Suicide_Risk_Reassessment_{when:%Y%m%d}.txt"
    gold = DocGold(
        file=name,
        kind="risk_assessment",
        date=when,
        risk=risk,
        scores=(GoldScore("C-SSRS", score, when),),
    )
    return k.text_file(name, "\n".join(out)), gold


def _group_note(
    rng: random.Random,
    center: tuple[str, str],
    member: tuple[str, str],
    fin: str,
    when: dt.date,
    therapist: k.Clin,
    tz: str,
) -> tuple[DocFile, DocGold]:
    first, last = member
    kind = rng.choice(("active", "active", "refused", "tolerate"))
    phq = rng.randrange(8, 20)
    if kind == "active":
        obs = (
            "Pt participated actively in the chain analysis exercise and identified two "
            "vulnerability factors. Receptive to peer feedback."
        )
        p = Part.PARTICIPATES
    elif kind == "refused":
        obs = (
            "Pt present for check-in but refused to participate in the skills portion, "
            "stating 'this doesn't apply to me'; remained silent."
        )
        p = Part.REFUSES
    else:
        obs = (
            "Pt left group after 50 minutes, reporting that the intensity of the trauma "
            "processing group is more than they can tolerate right now."
        )
        p = Part.CANNOT_TOLERATE
    out = [
        center[0],
        f"{last}, {first}   FIN: {fin}",
        "",
        "Behavioral Health Group Therapy Note",
        f"Date of Service: {k.dmy_abbr(when)}   Time: 13:00-14:30   Group: DBT Skills",
        f"Author: {_cer(therapist)}",
        "",
        "Subjective: Pt reports 'a rough weekend' with poor sleep.",
        "Objective: " + obs,
        f"  PHQ-9 today: {phq}",
        "  SI/HI: denies",
        "Assessment: Ongoing depressive symptoms; skills use emerging. Relates to MTP problem #1.",
        "Plan: Continue IOP per MTP. Review diary card at next session.",
        "",
        f"Electronically Signed on {_stamp(rng, when, tz)}",
        f"{_cer(therapist)}",
    ]
    name = f"Group_Note_{when:%Y%m%d}.txt"
    gold = DocGold(
        file=name,
        kind="progress_note",
        date=when,
        participation=(GoldParticipation(p, when),),
        scores=(GoldScore("PHQ-9", phq, None),),
        risk=GoldRisk(None, None),
    )
    return k.text_file(name, "\n".join(out)), gold


def _team_review(
    rng: random.Random,
    center: tuple[str, str],
    member: tuple[str, str],
    fin: str,
    when: dt.date,
    adm: dt.date,
    attending: k.Clin,
    tz: str,
) -> tuple[DocFile, DocGold]:
    first, last = member
    days = [when - dt.timedelta(days=x) for x in (8, 6, 4)]  # Mon/Wed/Fri before the IDT
    part: list[GoldParticipation] = []
    pl: list[str] = []
    refusal = rng.random() < 0.6
    for i, d in enumerate(days):
        if i == 1 and refusal:
            pl.append(f"{k.mdy_short(d)} declined to participate in process group, left room")
            part.append(GoldParticipation(Part.REFUSES, d))
        elif i == 2 and refusal:
            pl.append(f"{k.mdy_short(d)} re-engaged, participated fully")
            part.append(GoldParticipation(Part.PARTICIPATES, d))
        else:
            pl.append(f"{k.mdy_short(d)} actively engaged")
            part.append(GoldParticipation(Part.PARTICIPATES, d))
    pcl = (rng.randrange(45, 65), rng.randrange(35, 50))
    cs: set[StayEl] = set()
    out = [
        center[0],
        f"{last}, {first}   FIN: {fin}   Admit: {k.mdy(adm)}",
        "",
        "Interdisciplinary Treatment Team Review",
        f"Review Date: {k.mdy(when)}   Program Day: {(when - adm).days}",
        f"Team: {_cer(attending)} (chair); therapy, nursing, OT",
        "",
        "Participation this week: " + "; ".join(pl) + ".",
        f"Measures: PCL-5 {pcl[0]} ({k.mdy(adm)}) -> {pcl[1]} ({k.mdy(days[0])}).",
        "",
        "Continued Stay Justification:",
    ]
    sym = rng.random() < 0.8
    less = rng.random() < 0.6
    if sym:
        cs.add(StayEl.CONTINUING_SYMPTOMS)
        out.append(
            k.wrap(
                rng.choice(
                    (
                        "- Continues to experience nightly nightmares, flashbacks triggered at "
                        "work, and passive SI twice this week.",
                        "- Depressive symptoms remain severe: anhedonia, hypersomnia 12 hrs/day, "
                        "unable to complete ADLs without prompting.",
                    )
                ),
                90,
                "  ",
            )
        )
    if less:
        cs.add(StayEl.LESS_INTENSIVE_INSUFFICIENT)
        out.append(
            k.wrap(
                rng.choice(
                    (
                        "- Team consensus: outpatient therapy alone would not prevent relapse or "
                        "re-hospitalization at this time.",
                        "- Discharge to a lower level of care now carries a high risk of "
                        "decompensation requiring inpatient admission.",
                    )
                ),
                90,
                "  ",
            )
        )
    if not sym and not less:
        out.append("- Pt progressing; team to discuss step-down timing next week.")
    out += [
        "",
        "Plan: continue IOP; med adjustment per attending; family meeting scheduled.",
        "",
        f"Electronically Signed on {_stamp(rng, when, tz)}",
        f"{_cer(attending)}",
    ]
    name = f"IDT_Review_{when:%Y%m%d}.txt"
    gold = DocGold(
        file=name,
        kind="progress_note",
        date=when,
        continued_stay=frozenset(cs),
        participation=tuple(part),
        scores=(GoldScore("PCL-5", pcl[0], adm), GoldScore("PCL-5", pcl[1], days[0])),
    )
    return k.text_file(name, "\n".join(out)), gold


def _discharge(
    rng: random.Random,
    center: tuple[str, str],
    member: tuple[str, str],
    fin: str,
    when: dt.date,
    adm: dt.date,
    attending: k.Clin,
    therapist: k.Clin,
    phq0: int,
    tz: str,
) -> tuple[DocFile, DocGold]:
    first, last = member
    phq1 = rng.randrange(3, 9)
    gad1 = rng.randrange(2, 8)
    lines = [
        center[0],
        center[1],
        "",
        "DISCHARGE SUMMARY",
        f"Patient: {last}, {first}     FIN: {fin}",
        f"Admit Date: {k.mdy(adm)}     Discharge Date: {k.mdy(when)}",
        f"Attending: {_cer(attending)}",
        "",
        "Reason for Discharge: Treatment goals substantially met; step-down to outpatient.",
        "",
        "Course in Program:",
    ]
    lines += k.wrap(
        f"{first} participated actively throughout the program, attending groups 3 days per "
        "week. Mood, sleep and concentration improved steadily after week 3; no crisis "
        "visits during the episode.",
        88,
        "  ",
    ).split("\n")
    lines += [
        "",
        "Outcome Measures:",
        f"  PHQ-9   admission {phq0} ({k.mdy(adm)})   discharge {phq1} ({k.mdy(when)})",
        f"  GAD-7   discharge {gad1} ({k.mdy(when)})",
        "",
        "Condition at Discharge: Improved. Denies SI/HI, no plan or intent; suicide risk at "
        "discharge assessed as low.",
        "",
        "Aftercare:",
    ]
    lines += k.wrap(
        "Weekly outpatient therapy and monthly psychiatry are appropriate to maintain gains "
        f"and prevent relapse. First OP appointment {k.mdy(when + dt.timedelta(days=6))} "
        f"with {therapist.full}.",
        88,
        "  ",
    ).split("\n")
    lines += [
        "",
        f"Electronically Signed on {_stamp(rng, when, tz)}",
        f"{_cer(attending)}",
    ]
    name = "Discharge_Summary.pdf"
    f = k.pdf_file(
        name,
        lines,
        header=f"{center[0]} - {last}, {first}",
        footer="Printed from ambulatory chart  Page {page} of {pages}",
    )
    gold = DocGold(
        file=name,
        kind="discharge_summary",
        date=when,
        signers=(attending.signer(),),
        risk=GoldRisk(False, None),
        continued_stay=frozenset(),
        participation=(GoldParticipation(Part.PARTICIPATES, None),),
        scores=(
            GoldScore("PHQ-9", phq0, adm),
            GoldScore("PHQ-9", phq1, when),
            GoldScore("GAD-7", gad1, when),
        ),
    )
    return f, gold


def render(rng: random.Random) -> DocChart:
    names = k.Names(rng)
    member = names.person()
    center = rng.choice(CENTERS)
    tz = rng.choice(TZ)
    fin = f"{rng.randrange(10**9, 10**10)}"
    adm = k.weekday_on_or_after(k.start_date(rng), 0)
    attending = k.clin(names, ("MD", "DO", "MD/PhD", "MD, FAPA"))
    therapist = k.clin(names, ("LCSW", "LICSW", "LMHC", "PsyD", "Ph.D.", "LPC"))
    rn = k.clin(names, ("RN", "RN-BC", "BSN, RN"))
    phq0 = rng.randrange(16, 25)
    risk_variants = rng.sample(("low", "nolevel", "high", "moderate"), 2)
    files: list[DocFile] = []
    golds: list[DocGold] = []
    for f, g in (
        _plan(
            rng,
            center,
            member,
            fin,
            adm + dt.timedelta(days=2),
            attending,
            therapist,
            rn,
            phq0,
            adm,
        ),
        _risk(
            rng,
            center,
            member,
            fin,
            adm + dt.timedelta(days=rng.choice((7, 14))),
            therapist,
            attending,
            tz,
            risk_variants[0],
        ),
        _risk(
            rng,
            center,
            member,
            fin,
            adm + dt.timedelta(days=rng.choice((28, 29))),
            therapist,
            attending,
            tz,
            risk_variants[1],
        ),
        _group_note(
            rng, center, member, fin, adm + dt.timedelta(days=rng.choice((9, 16))), therapist, tz
        ),
        _team_review(
            rng,
            center,
            member,
            fin,
            adm + dt.timedelta(days=rng.choice((36, 43))),
            adm,
            attending,
            tz,
        ),
        _discharge(
            rng,
            center,
            member,
            fin,
            adm + dt.timedelta(days=rng.choice((53, 60))),
            adm,
            attending,
            therapist,
            phq0,
            tz,
        ),
    ):
        files.append(f)
        golds.append(g)
    return DocChart(tuple(files), tuple(golds))


FAMILY = DocFamily(
    name="dh-cerner-powerform-iop",
    split="heldout",
    description=(
        "Academic medical center IOP in a Cerner-like EHR: markdown master treatment plan "
        "with Measure/Target table columns, risk reassessment PowerForm, group PowerNote "
        "with an SI/HI screen, IDT review with continued-stay justification, discharge "
        "summary PDF."
    ),
    conventions=(
        "names written 'Last, First CRED'; Performed By / Verified By / Signature Line",
        "several signers listed on one line; blank attending line awaiting signature",
        "goal measures only in a Measure column; targets as dates, 'N wks', D/C, TBD, '-'",
        "PowerForm risk fields: level, imminent risk, 24-hour observation, not selected",
        "one-line SI/HI screen in a progress note (no risk conclusion)",
        "score given on the note's own date only (gold date None)",
        "IDT participation: declined then re-engaged; PCL-5 trend",
        "discharge summary: step-down, OP 'appropriate to prevent relapse' (no CS support)",
    ),
    render=render,
)
