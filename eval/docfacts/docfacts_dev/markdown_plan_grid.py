"""dd-markdown-plan-grid: a web-based behavioral-health EHR that exports Markdown: pipe
tables for diagnoses, objectives (with a Target column), interventions (with the staff
responsible) and signatures (role / name / signature / date), a C-SSRS screen table with
a written formulation, and a measurement-based-care table in progress notes. Adolescent
members have a parent or guardian sign."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

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
    pick,
    plus,
    txt,
)
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldGoal,
    GoldRisk,
    GoldScore,
    GoldSigner,
)

FACILITIES = (
    "Juniper Ridge Behavioral Health",
    "Bright Harbor Wellness",
    "Cedar Hollow Counseling Group",
)
SX = {"mdd": "depressive", "gad": "anxiety", "ptsd": "trauma-related", "bipolar": "mood",
      "panic": "panic"}  # fmt: skip
PROBLEMS = {
    "mdd": ("Depressed mood", "I just want to stop feeling so heavy all the time."),
    "gad": ("Anxiety and worry", "My mind never shuts off and I can't get anything done."),
    "ptsd": ("Trauma symptoms", "I can't sleep and I jump at every noise."),
    "bipolar": ("Mood instability", "I want my mood to stay steady so I can work."),
    "panic": ("Panic attacks", "I am scared to leave the house."),
}


@dataclass(frozen=True)
class _Obj:
    text: str
    measure: bool
    tf: bool


GOALS = (
    _Obj("Client will experience fewer {sx} symptoms and improved daily functioning", False,
         False),
    _Obj("Client will be able to manage {her} emotions better", False, False),
    _Obj("Client will decrease the intensity of {her} symptoms by discharge", False, True),
    _Obj("Client will return to work or school at least 3 days per week by {date}", True, True),
    _Obj("Client will feel more hopeful about the future", False, False),
)  # fmt: skip
OBJECTIVES = (
    _Obj("Client will score 9 or lower on the PHQ-9", True, False),
    _Obj("Client will use a coping skill learned in group on 4 of 5 program days, per daily "
         "check-in", True, False),
    _Obj("Client will reach out to a support person 3 times per week", True, False),
    _Obj("Client will increase time spent outside the home to 30 minutes daily", True, False),
    _Obj("Client will attend at least 90% of scheduled program days", True, False),
    _Obj("Client will understand {her} triggers and warning signs", False, False),
    _Obj("Client will learn relaxation techniques to use at home", False, False),
    _Obj("Client will report a GAD-7 score below 10 within 8 weeks", True, True),

    _Obj("Client will list 5 personal warning signs on {her} safety plan within 2 weeks", True,
         True),
)  # fmt: skip


def _target(rng: random.Random, day: dt.date) -> tuple[str, bool]:
    return pick(
        rng,
        (
            (fmt(plus(day, rng.randrange(28, 56))), True),
            (fmt(plus(day, rng.randrange(28, 56))), True),
            ("8 weeks", True),
            ("by discharge", True),
            ("ongoing", False),
            ("—", False),
        ),
    )


def _plan(
    rng: random.Random,
    fac: str,
    m: Member,
    adolescent: bool,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
    therapist: Who,
    md: Who,
    family_th: Who,
    people: People,
) -> tuple[DocFile, DocGold]:
    program = "Adolescent IOP" if adolescent else "Adult Mental Health IOP"
    base_phq = rng.randrange(15, 25)
    base_gad = rng.randrange(10, 19)
    scores = [GoldScore("PHQ-9", base_phq, adm), GoldScore("GAD-7", base_gad, adm)]
    lines = [
        "# Individualized Treatment Plan",
        f"**Program:** {program} · **Facility:** {fac}",
        "",
        "| Client | DOB | Client ID | Plan date | Plan type | Next review |",
        "|---|---|---|---|---|---|",
        f"| {m.who.full} | {fmt(m.dob)} | C-{m.mrn[-5:]} | {fmt(day)} | Initial | "
        f"{fmt(plus(day, 30))} |",
        "",
        f"**Admission:** {fmt(adm)} · **Level of care:** Intensive Outpatient (3 days/week, "
        "3 hours/day)",
        "",
        "## Diagnoses",
        "| ICD-10 | Description | Status |",
        "|---|---|---|",
        f"| {dx.code} | {dx.name} | Primary |",
        "",
        "## Baseline measures",
        f"- PHQ-9: **{base_phq}** ({fmt(adm)})",
        f"- GAD-7: **{base_gad}** ({fmt(adm)})",
    ]
    if dx.key == "ptsd" or chance(rng, 0.3):
        pcl = rng.randrange(35, 62)
        lines.append(f"- PCL-5: **{pcl}** ({fmt(adm)})")
        scores.append(GoldScore("PCL-5", pcl, adm))
    lines += [
        "",
        "## Strengths & preferences",
        "- Insightful, motivated, good humor; prefers morning groups",
        "- Supports: "
        + ("parents and school counselor" if adolescent else "partner, one close friend"),
        "",
        "## Problems, goals & objectives",
    ]
    goals: list[GoldGoal] = []
    goal_pool = list(GOALS)
    obj_pool = list(OBJECTIVES)
    if dx.key == "ptsd":
        obj_pool.append(
            _Obj("Client will reduce nights with nightmares to 2 or fewer per week", True, False)
        )
    if dx.key in ("panic", "gad"):
        obj_pool.append(
            _Obj("Client will complete 2 exposure exercises per week from {her} hierarchy",
                 True, False)
        )  # fmt: skip
    rng.shuffle(goal_pool)
    rng.shuffle(obj_pool)
    title, words = PROBLEMS[dx.key]
    problems = ((title, words), ("Functioning and safety", None))
    for n, (ptitle, pwords) in enumerate(problems, start=1):
        lines += ["", f"### Problem {n} — {ptitle}"]
        if pwords:
            lines.append(f'Presenting concern (client\'s words): *"{pwords}"*')
            lines.append("")
        g = goal_pool.pop()
        gtext = g.text.format(her=m.her, date=fmt(plus(day, rng.randrange(40, 60))), sx=SX[dx.key])
        suffix = ""
        timed = g.tf
        if not g.tf and chance(rng, 0.4):
            t, timed = pick(
                rng, ((f"target {fmt(plus(day, 56))}", True), ("target: ongoing", False))
            )
            suffix = f" _({t})_"
        lines.append(f"**Goal {n}:** {gtext}.{suffix}")
        under: list[GoldGoal] = []
        lines += ["", "| Obj. | Objective | Target | Status |", "|---|---|---|---|"]
        for k in range(rng.randrange(1, 4)):
            o = obj_pool.pop()
            otext = o.text.format(her=m.her)
            target, t_timed = _target(rng, day)
            if o.tf:
                target, t_timed = pick(rng, ((fmt(plus(day, 56)), True), ("—", False)))
            lines.append(f"| {n}{'abc'[k]} | {otext} | {target} | Open |")
            under.append(GoldGoal(otext, o.measure, o.tf or t_timed))
        # the goal, with the objectives of its table
        goals.append(GoldGoal(gtext, g.measure, timed, tuple(under)))
    lines += [
        "",
        "## Interventions",
        "| Intervention | Frequency | Responsible |",
        "|---|---|---|",
        f"| Group psychotherapy (CBT/DBT skills) | 3x/week, 3 hrs | {therapist.signed} |",
        f"| Individual therapy | weekly, 50 min | {therapist.signed} |",
        f"| Medication evaluation & management | every 2 weeks | {md.signed} |",
        f"| Family session | 2x during episode | {family_th.signed} |",
        "",
        "## Care coordination",
        "Multidisciplinary team (psychiatry, nursing, therapy, family therapy) reviews this plan "
        "weekly. ROIs signed for PCP"
        + (" and school counselor." if adolescent else " and outpatient therapist."),
        "",
        "## Discharge plan",
        f"Step down to weekly outpatient therapy; anticipated discharge {fmt(plus(day, 45))}.",
        "",
        "## Signatures",
    ]
    pt = m.who
    guardian = people.person(female=chance(rng, 0.6)) if adolescent else None
    variant = rng.randrange(5)
    signers: list[GoldSigner] = []
    rows: list[tuple[str, str, str, str]] = []
    d = fmt(day)
    if variant in (0, 1, 2):
        rows.append(("Client", pt.full, "signed electronically", d))
        signers.append(GoldSigner(pt.full, None))
        if guardian:
            rows.append(("Parent/Guardian", f"{guardian.full} (parent)", "signed", d))
            signers.append(GoldSigner(guardian.full, None))
        rows.append(("Primary therapist", therapist.signed, "signed electronically", d))
        signers.append(therapist.gold())
        if variant == 1:
            rows.append(("Psychiatrist", "", "________", ""))
            signers.append(GoldSigner("Psychiatrist", None, signed=False))
        else:
            name = f"Dr. {md.signed}" if variant == 2 else md.signed
            rows.append(("Psychiatrist", name, "signed electronically", d))
            signers.append(md.gold())
        lines += ["| Role | Name / credentials | Signature | Date |", "|---|---|---|---|"]
        lines += [f"| {a} | {b} | {c} | {e} |" for a, b, c, e in rows]
    elif variant == 3:
        who = [f"{pt.full} (client)"]
        signers.append(GoldSigner(pt.full, None))
        if guardian:
            who.append(f"{guardian.full} (guardian)")
            signers.append(GoldSigner(guardian.full, None))
        who += [therapist.signed, f"Dr. {md.last}"]
        signers += [therapist.gold(), GoldSigner(f"Dr. {md.last}", None)]
        lines.append(f"Signatures: {' · '.join(who)} — {d}")
    else:
        lines.append(f"_e-signed:_ {therapist.signed} — {d} {clock(rng, h24=True)}  ")
        signers.append(therapist.gold())
        lines.append(f"_Reviewed and co-signed by_ {md.signed} — {d}  ")
        signers.append(md.gold())
        if guardian:
            lines.append(f"_Guardian signature:_ {guardian.full} — {d}  ")
            signers.append(GoldSigner(guardian.full, None))
        lines.append(f"_Client signature:_ {pt.full} — {d}")
        signers.append(GoldSigner(pt.full, None))
    lines += ["", f"<sub>Generated {fmt(plus(day, 1))} · page 1 of 1</sub>"]
    doc = txt("treatment_plan.md", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="treatment_plan",
        date=day,
        signers=tuple(signers),
        goals=tuple(goals),
        scores=tuple(scores),
    )


CSSRS_Q = (
    "Have you wished you were dead or wished you could go to sleep and not wake up?",
    "Have you actually had any thoughts of killing yourself?",
    "Have you been thinking about how you might do this?",
    "Have you had these thoughts and had some intention of acting on them?",
    "Have you started to work out or worked out the details of how to kill yourself? Do you "
    "intend to carry out this plan?",
)


def _risk(
    rng: random.Random,
    fac: str,
    m: Member,
    adm: dt.date,
    clinician: Who,
    md: Who,
) -> tuple[DocFile, DocGold]:
    level = pick(rng, ("low_full", "low", "low", "moderate", "high"))
    day = plus(adm, 16 if level == "high" else 0)
    setting = "IOP reassessment (week 3)" if level == "high" else "IOP admission"
    answers = {
        "low_full": ("No", "No", "—", "—", "—"),
        "low": ("No", "No", "—", "—", "—"),
        "moderate": ("Yes", "No", "—", "—", "—"),
        "high": ("Yes", "Yes", "Yes", "Yes", "Yes"),
    }[level]
    severity = {"low_full": 0, "low": 0, "moderate": 1, "high": 5}[level]
    attempt = chance(rng, 0.6)
    lines = [
        "# Suicide / Violence Risk Assessment",
        f"**Client:** {m.who.full} · **Date:** {fmt(day)} · **Clinician:** {clinician.signed} · "
        f"**Setting:** {setting}",
        "",
        "## Columbia Suicide Severity Rating Scale — Screen Version (past month)",
        "| # | Question | Response |",
        "|---|---|---|",
    ]
    lines += [
        f"| {i} | {q} | {a} |" for i, (q, a) in enumerate(zip(CSSRS_Q, answers, strict=True), 1)
    ]
    lines.append(
        "| 6 | Have you ever done anything, started to do anything, or prepared to do anything "
        "to end your life? | "
        + ("Yes — lifetime (2019); not in past 3 months |" if attempt else "No |")
    )
    scores: list[GoldScore] = []
    if chance(rng, 0.6):
        lines += ["", f"**C-SSRS ideation severity (past month):** {severity}"]
        scores.append(GoldScore("C-SSRS", severity))
    lines += ["", "## History"]
    if attempt:
        lines.append(
            "- Prior suicide attempt by overdose in 2019 (acetaminophen); medically admitted, "
            "no ICU stay. No attempts since."
        )
    else:
        lines.append("- No lifetime suicide attempts; one ED visit for panic in 2023.")
    lines += [
        "- No history of violence toward others; no access to firearms (confirmed with "
        + ("parent)." if m.age_on(day) < 18 else "partner)."),
        "",
        "## Risk and protective factors",
        "- Risk: recent losses, insomnia, " + ("prior attempt" if attempt else "chronic pain"),
        "- Protective: engaged in treatment, future-oriented, responsibility to pet and family",
        "",
        "## Formulation",
    ]
    if level == "low_full":
        lines.append(
            "**Acute risk: LOW.** Client denies current SI/HI, with no plan or intent. Does not "
            "require 24-hour supervision; IOP remains an appropriate level of care."
        )
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
    elif level == "low":
        lines.append(
            "Risk formulation: low acute risk; chronic risk "
            + ("elevated given the 2019 attempt" if attempt else "mildly elevated")
            + ". Client is not an imminent danger to self or others at this time."
        )
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=None)
    elif level == "moderate":
        lines.append(
            "Risk formulation: moderate acute risk given recent loss and passive death wishes. "
            "Will reassess each program day and update the safety plan."
        )
        risk = GoldRisk(imminent_danger=None, needs_24h_supervision=None)
    else:
        lines.append(
            "**Acute risk: HIGH.** Client reports current suicidal ideation with a plan to "
            "overdose on stored medication and intent to act this weekend. Requires inpatient "
            "psychiatric admission; mobile crisis contacted and client escorted to the ED by "
            "staff."
        )
        risk = GoldRisk(imminent_danger=True, needs_24h_supervision=True)
    lines += ["", "## Safety plan"]
    if level == "high":
        lines.append("- Deferred to inpatient team; IOP hold placed pending discharge from unit.")
    else:
        lines += [
            "- Warning signs: isolating in bedroom, not eating, ruminating at night",
            "- Coping: paced breathing, call sister, walk the dog",
            "- If suicidal thoughts return, client will call or text 988 or go to the nearest ED.",
        ]
    lines += ["", "---"]
    signers = [clinician.gold()]
    lines.append(f"Completed by: {clinician.signed} — {fmt(day)} {clock(rng)}  ")
    if chance(rng, 0.5):
        lines.append(f"Reviewed by: {md.signed} — {fmt(day)}")
        signers.append(md.gold())
    doc = txt(f"risk_assessment_{day.isoformat()}.md", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="risk_assessment",
        date=day,
        signers=tuple(signers),
        risk=risk,
        scores=tuple(scores),
    )


def _progress_note(
    rng: random.Random,
    m: Member,
    adm: dt.date,
    therapist: Who,
    plan_scores: tuple[int, int],
    step: int,
) -> tuple[DocFile, DocGold, list[tuple[dt.date, int, int]]]:
    dates = [adm, plus(adm, step), plus(adm, 2 * step)]
    phq, gad = plan_scores
    rows: list[tuple[dt.date, int, int]] = []
    for d in dates:
        rows.append((d, phq, gad))
        phq = max(3, phq - rng.randrange(1, 5))
        gad = max(2, gad - rng.randrange(0, 4))
    day = dates[-1]
    start = pick(rng, ("12:15", "13:00", "14:30"))
    lines = [
        "# Progress Note — Individual Therapy (IOP)",
        f"**Date of service:** {fmt(day)} · **Time:** {start}–{int(start[:2]) + 1}:{start[3:]}"
        f" · **Clinician:** {therapist.signed} · **Modality:** In person",
        "",
        "## Measurement-based care",
        "| Measure | " + " | ".join(fmt(d) for d in dates) + " |",
        "|---|---|---|---|",
        "| PHQ-9 | " + " | ".join(str(r[1]) for r in rows) + " |",
        "| GAD-7 | " + " | ".join(str(r[2]) for r in rows) + " |",
        "",
        "## Session",
        "Reviewed the week's diary card and practiced cognitive restructuring around a conflict "
        f"at home. {m.She} identified the automatic thought and generated two alternatives.",
        "",
        "## Relation to plan",
        "Problem 1, objective 1a (symptom reduction) and 2a (coping skills).",
        "",
        "## Plan",
        "Continue IOP 3x/week; review safety plan next session.",
        "",
        f"Signed: {therapist.signed} {fmt(day)}",
    ]
    doc = txt(f"progress_note_{day.isoformat()}.md", "\n".join(lines))
    scores = tuple(
        s for d, p, g in rows for s in (GoldScore("PHQ-9", p, d), GoldScore("GAD-7", g, d))
    )
    return doc, DocGold(file=doc.name, kind="progress_note", date=day, scores=scores), rows


def _intake_summary(
    fac: str, m: Member, adolescent: bool, dx: Dx, adm: dt.date, therapist: Who
) -> DocFile:
    lines = [
        "# Intake Summary",
        f"**Client:** {m.who.full} · **Admitted:** {fmt(adm)} · **Referred by:** "
        + ("school counselor" if adolescent else "PCP"),
        "",
        "## Reason for referral",
        f"{m.who.first} was referred with {dx.name} ({dx.code}): worsening symptoms with "
        + ("falling grades and missed school days." if adolescent else "missed work."),
        "",
        "## Level of care",
        f"Admitted to {fac} IOP, Mon/Wed/Thu 9:00–12:00 (primary therapist {therapist.signed})",
    ]
    return txt("intake_summary.md", "\n".join(lines))


def _csv(rows: list[tuple[dt.date, int, int]], therapist: Who) -> DocFile:
    lines = ["date,instrument,score,administered_by"]
    for d, p, g in rows:
        lines.append(f"{d.isoformat()},PHQ-9,{p},{therapist.full}")
        lines.append(f"{d.isoformat()},GAD-7,{g},{therapist.full}")
    return txt("outcome_measures.csv", "\n".join(lines))


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    fac = pick(rng, FACILITIES)
    adolescent = chance(rng, 0.3)
    m = member(people, adolescent=adolescent)
    dx = pick(rng, MH_DX)
    therapist = people.person(pick(rng, ("LPC", "LCSW", "LMHC", "LCPC", "PSYD")))
    md = people.person(pick(rng, ("MD", "DO")))
    family_th = people.person("LMFT")
    adm = admission(rng)
    plan_day = plus(adm, rng.randrange(1, 4))
    plan, plan_gold = _plan(
        rng, fac, m, adolescent, dx, adm, plan_day, therapist, md, family_th, people
    )
    base = plan_gold.scores or ()
    risk, risk_gold = _risk(rng, fac, m, adm, therapist, md)
    note, note_gold, rows = _progress_note(
        rng,
        m,
        adm,
        therapist,
        (int(base[0].value), int(base[1].value)),
        7 if risk_gold.risk and risk_gold.risk.imminent_danger else 14,
    )
    files = (
        _intake_summary(fac, m, adolescent, dx, adm, therapist),
        plan,
        risk,
        note,
        _csv(rows, therapist),
    )
    return DocChart(files=files, gold=(plan_gold, risk_gold, note_gold))


FAMILY = DocFamily(
    name="dd-markdown-plan-grid",
    split="dev",
    description=(
        "Web EHR exporting Markdown: treatment plan with pipe tables (objectives with a Target "
        "column, interventions naming staff, a signature table), C-SSRS screen table with a "
        "formulation, measurement-based-care table in a progress note, CSV flowsheet."
    ),
    conventions=(
        "signature table rows: client, parent/guardian, therapist, psychiatrist (blank row)",
        "Signatures: one line with a middle-dot list and 'Dr. Last' without credential",
        "staff named in the interventions table who do not sign",
        "Target column: date, '8 weeks', 'by discharge', 'ongoing', '—'",
        "presenting concern in the client's words that is not a goal",
        "C-SSRS screen with a numeric ideation severity; low / moderate-only / high formulation",
        "past attempt in 2019 as history; 'if thoughts return' 988 plan",
        "baseline measures list and a dated score table",
    ),
    render=render,
    tags=("markdown", "csv", "tables"),
)
