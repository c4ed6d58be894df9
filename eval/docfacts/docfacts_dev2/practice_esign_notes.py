"""dd-practice-esign-notes: a small private IOP practice whose chart mixes three cloud
EHRs' printouts: a Kipu-like master treatment plan (problems, long-term goals, numbered
short-term objectives with their own Target Date and Status lines, a signature panel of
"Signed by ... on ..." stamps with a pending one), a Credible-like level-of-care order that
certifies the need for IOP (ordering provider, cosigner signed or awaited), and
TherapyNotes-like group notes (date of service in several header styles, a Risk Assessment
section in the vendor's words or in prose, a participation paragraph, "Signed by ... at"
stamps with a supervisor's approval)."""

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
    para,
    pdf,
    pick,
    plus,
    txt,
    wrap,
)
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldGoal,
    GoldParticipation,
    GoldRisk,
    GoldSigner,
)

PRACTICES = (
    "Willow Creek Recovery & Wellness",
    "Northpoint Psychiatric Associates, PLLC",
    "Clearwater Counseling Group",
)

# (text, states a measure, states a time frame)
GOALS: tuple[tuple[str, bool, bool], ...] = (
    ("Reduce depressive symptoms so that the PHQ-9 score is below 10 within 60 days", True, True),
    ("Client will improve mood and get more enjoyment out of daily life", False, False),
    ("Client will feel less anxious and more in control of worry", False, False),
    ("Decrease panic attacks from daily to no more than one per week by {date}", True, True),
    ("Remain free of self-harm, with zero incidents reported, for the next 8 weeks", True, True),
    ("Develop healthier ways of responding to trauma reminders", False, False),
    ("Return to work at least 20 hours per week within 6 weeks", True, True),
    ("Strengthen relationships with family and supportive peers", False, False),
)  # fmt: skip
OBJECTIVES: tuple[tuple[str, bool], ...] = (
    ("Client will identify 3 triggers for low mood and one coping skill for each", True),
    ("Attend at least 4 of 5 scheduled program days each week", True),
    ("Complete a daily mood log on at least 5 days per week", True),
    ("Practice paced breathing twice daily and record it on the skills card", True),
    ("Learn about the effects of trauma on the body and the nervous system", False),
    ("Explore feelings related to recent losses with the primary therapist", False),
    ("Create a written safety plan listing 3 warning signs and 3 support contacts", True),
    ("Increase awareness of negative self-talk patterns", False),
    ("Reach out to one sober or supportive contact at least three times a week", True),
    ("Gain insight into how avoidance keeps anxiety going", False),
)
PROBLEMS = ("Depressed mood", "Anxiety / panic", "Trauma symptoms", "Safety", "Functioning")


def _target(rng: random.Random, plan_day: dt.date) -> tuple[str, bool]:
    variant = rng.randrange(5)
    if variant == 0:
        return fmt(plus(plan_day, pick(rng, (21, 28, 30, 45)))), True
    if variant == 1:
        return pick(rng, ("4 weeks", "30 days", "6 wks")), True
    if variant == 2:
        return "By discharge", True
    if variant == 3:
        return "Ongoing", False
    return "", False


def _plan(
    rng: random.Random,
    people: People,
    practice: str,
    m: Member,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
    therapist: Who,
) -> tuple[DocFile, DocGold]:
    n_goals = rng.randrange(2, 4)
    goal_picks = rng.sample(range(len(GOALS)), n_goals)
    obj_pool = rng.sample(range(len(OBJECTIVES)), len(OBJECTIVES))
    problems = rng.sample(PROBLEMS, n_goals)
    stamp_t = [clock(rng, lo=9, hi=16) for _ in range(4)]
    lines = [
        f"{practice}",
        f"Patient: {m.who.full}  |  MR#: {m.mrn}  |  DOB: {fmt(m.dob)}  |  Level of Care: IOP",
        f"Admission: {fmt(adm)}  |  Diagnosis: {dx.code} {dx.name}",
        "",
        "MASTER TREATMENT PLAN",
        f"Plan Start Date: {fmt(day)}          Next Review Due: {fmt(plus(day, 30))}",
        "",
    ]
    gold_goals: list[GoldGoal] = []
    for gi, (gp, prob) in enumerate(zip(goal_picks, problems, strict=True), start=1):
        text, measure, frame = GOALS[gp]
        text = text.format(date=fmt(plus(day, 60)))
        lines += [f"PROBLEM #{gi}: {prob}"]
        lines += wrap(f"Long-Term Goal: {text}", 90, indent="   ", first="   ")
        lines.append("   Short-Term Objectives:")
        objectives: list[GoldGoal] = []
        for oi in range(rng.randrange(1, 3)):
            o_text, o_measure = OBJECTIVES[obj_pool.pop()]
            target, o_frame = _target(rng, day)
            lines += wrap(f"{gi}.{oi + 1}  {o_text}", 90, indent="        ", first="      ")
            status = pick(rng, ("In Progress", "Not Started", "Active"))
            lines.append(f"        Target Date: {target or '--'}      Status: {status}")
            objectives.append(GoldGoal(o_text, o_measure, o_frame))
        staff = pick(rng, ("Primary Therapist", "Group Facilitator", "Psychiatric Provider"))
        lines.append(f"   Interventions: weekly individual and daily group therapy ({staff})")
        lines.append("")
        gold_goals.append(GoldGoal(text, measure, frame, tuple(objectives)))

    # the signature panel
    md = people.person(pick(rng, ("MD", "DO")))
    variant = rng.randrange(3)
    at = fmt(day)
    panel = ["SIGNATURES"]
    panel.append(f"   Patient:             Signed by {m.who.full} on {at} {stamp_t[0]}")
    panel.append(f"   Primary Therapist:   Signed by {therapist.signed} on {at} {stamp_t[1]}")
    signers: list[GoldSigner] = [GoldSigner(m.who.full, None), therapist.gold()]
    if variant == 0:
        panel.append(f"   Medical Director:    Signed by {md.signed} on {at} {stamp_t[2]}")
        signers.append(md.gold())
    elif variant == 1:
        panel.append("   Medical Director:    Pending signature")
        signers.append(GoldSigner("Medical Director", None, signed=False))
    else:
        rn = people.person("RN")
        panel.append(f"   Treatment Team:      {rn.signed}; {md.signed} - signed {at} {stamp_t[2]}")
        signers += [rn.gold(), md.gold()]
    lines += panel
    as_pdf = chance(rng, 0.4)
    body = "\n".join(lines)
    if as_pdf:
        doc = pdf(f"Master_Treatment_Plan_{day:%m-%d-%Y}.pdf", body, footer="Page {page}")
    else:
        doc = txt(f"Master_Treatment_Plan_{day:%m-%d-%Y}.txt", body)
    return doc, DocGold(
        file=doc.name,
        kind="treatment_plan",
        date=day,
        signers=tuple(signers),
        goals=tuple(gold_goals),
    )


NEED = {
    "mdd": "Severe depressive episode with passive SI, not leaving bed most days and missing "
    "work for two weeks despite weekly therapy and an SSRI trial.",
    "gad": "Anxiety has escalated to daily panic, client stopped driving and working; "
    "outpatient therapy alone has not contained symptoms.",
    "ptsd": "Marked worsening of PTSD after a recent assault with nightly nightmares and "
    "dissociation at work; needs several structured treatment days per week.",
    "bipolar": "Recently discharged from inpatient after a mixed episode; requires intensive "
    "structure and monitoring to avoid readmission.",
    "panic": "Daily panic attacks with two ED visits this month; largely housebound.",
}


def _order(
    rng: random.Random,
    people: People,
    practice: str,
    m: Member,
    dx: Dx,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    variant = rng.randrange(4)
    if variant == 0:
        freq, hours = "3 hours/day, 4 days/week (12 hours per week)", 12.0
    elif variant == 1:
        freq, hours = "IOP 3x/week, 3 hrs per session", 9.0
    elif variant == 2:
        freq, hours = "4 days a week, 3.5 hours each day", 14.0
    else:
        freq, hours = "minimum of nine hours weekly", 9.0
    elements = {
        CertificationElement.MIN_HOURS,
        CertificationElement.DIAGNOSIS,
        CertificationElement.CLINICAL_NEED,
    }
    t0 = clock(rng, lo=9, hi=13)
    t1 = clock(rng, lo=13, hi=18)
    prov = people.person(pick(rng, ("PMHNP", "APRN", "MD")))
    lines = [
        f"{practice} - ORDERS",
        "",
        "Order Type:        Level of Care - Admit to Intensive Outpatient Program (IOP)",
        f"Order Date/Time:   {fmt(day)} {t0}",
        f"Client:            {m.who.full} (ID {m.mrn})",
        f"Diagnosis:         {dx.code} {dx.name}",
        "",
        "Order Details",
        f"  Frequency:       {freq}",
        f"  Duration:        {pick(rng, ('6 weeks', '8 weeks', '30 days then review'))}",
        "",
        "Medical Necessity",
        para(NEED[dx.key], 86, indent="  "),
        "",
        "Certification",
        para(
            "I certify that the client requires the intensity of services ordered above and "
            "that, without them, the client would be at risk of hospitalization.",
            86,
            indent="  ",
        ),
    ]
    if chance(rng, 0.5):
        elements.add(CertificationElement.PLAN_OF_CARE)
        lines.append(
            "  Services will follow an individualized treatment plan reviewed every 30 days."
        )
    if chance(rng, 0.4):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        lines.append(
            "  Discharge criteria: PHQ-9 under 10, return to work, outpatient therapist in place."
        )
    lines += ["", "Signatures"]
    lines.append(f"  Ordering Provider: {prov.signed} - Electronically signed {fmt(day)} {t0}")
    signers: list[GoldSigner] = [prov.gold()]
    if prov.norm != "MD":
        md = people.person("MD")
        if chance(rng, 0.5):
            lines.append(f"  Cosigner: {md.signed} - Cosigned {fmt(day)} {t1}")
            signers.append(md.gold())
        else:
            lines.append(f"  Cosign required: Yes    Cosigner: Dr. {md.last}    Status: Awaiting")
            signers.append(GoldSigner("Cosigner", None, signed=False))
    doc = txt(f"Order_LOC_IOP_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="certification",
        date=day,
        signers=tuple(signers),
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )


TN_DENIES = "Patient denies all areas of risk. No contrary clinical indications present."


def _risk_section(rng: random.Random, m: Member) -> tuple[list[str], GoldRisk]:
    variant = rng.randrange(4)
    if variant == 0:
        return ["Risk Assessment:", f"   {TN_DENIES}"], GoldRisk(False, None)
    if variant == 1:
        return (
            [
                "Risk Assessment:",
                "   Suicidal Ideation: Passive    Plan: No    Intent: No",
                "   Homicidal Ideation: Denied",
                f"   Risk level assessed as low; {m.she} does not require a higher level of care.",
            ],
            GoldRisk(False, False),
        )
    if variant == 2:
        return (
            [
                "Risk Assessment:",
                *wrap(
                    f"Patient reports intermittent suicidal thoughts this week, no specific "
                    f"plan. History of overdose in 2018. Risk assessed as moderate; safety plan "
                    f"reviewed and {m.she} agreed to call 988 if thoughts intensify.",
                    88,
                    indent="   ",
                    first="   ",
                ),
            ],
            GoldRisk(None, None),
        )
    return (
        [
            "Risk Assessment:",
            *wrap(
                f"Patient disclosed a plan to overdose on saved medication tonight and stated "
                f"{m.she} intends to act. Assessed as high risk requiring inpatient "
                "hospitalization; mobile crisis called and patient transported to St. Luke's ED.",
                88,
                indent="   ",
                first="   ",
            ),
        ],
        GoldRisk(True, True),
    )


def _note(
    rng: random.Random,
    practice: str,
    m: Member,
    day: dt.date,
    author: Who,
    supervisor: Who | None,
    participation: tuple[ParticipationStatus, str],
    with_risk: bool,
) -> tuple[DocFile, DocGold]:
    start = pick(rng, ("9:00 AM", "9:30 AM", "1:00 PM"))
    style = rng.randrange(3)
    if style == 0:
        when = [f"Date of Service: {fmt(day)}    Time: {start} (180 minutes)"]
    elif style == 1:
        when = [f"Appointment: {day:%a}, {fmt(day, 'abbr')} {start} - 180 min"]
    else:
        when = [f"Session Date: {fmt(day, 'us_short')}", f"Start Time: {start}   Duration: 3 hrs"]
    lines = [
        f"{practice}",
        "Group Therapy Note",
        f"Client: {m.who.full}    DOB: {fmt(m.dob)}",
        *when,
        "Service Code: 90853 - Group psychotherapy    Location: Office",
        "",
        "Group Topic:",
        f"   {pick(rng, ('Emotion regulation', 'Behavioral activation', 'Grounding skills'))}",
        "",
        "Participation:",
        *wrap(participation[1], 88, indent="   ", first="   "),
        "",
    ]
    risk: GoldRisk | None = None
    if with_risk:
        section, risk = _risk_section(rng, m)
        lines += [*section, ""]
    lines += [
        "Plan:",
        "   Continue IOP per treatment plan.",
        "",
        f"Signed by {author.signed} on {fmt(day)} at {clock(rng, lo=13, hi=18)}",
    ]
    if supervisor is not None:
        lines.append(f"Approved by supervisor {supervisor.signed} on {fmt(day)}")
    doc = txt(f"GroupNote_{day.isoformat()}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="progress_note",
        date=day,
        signers=(author.gold(),) if with_risk else None,
        risk=risk,
        participation=(GoldParticipation(participation[0], day),),
    )


def _participation_story(rng: random.Random, m: Member) -> list[tuple[ParticipationStatus, str]]:
    engaged = (
        f"Client actively participated, shared an example of a recent trigger and practiced "
        f"the skill with peers. {m.She} offered support to a newer member.",
        "Client was engaged throughout group, completed the worksheet and contributed "
        "to the discussion.",
        "Present and participating; quieter than usual but answered when prompted and "
        "completed the exercise.",
    )
    lapse = pick(
        rng,
        (
            (
                ParticipationStatus.REFUSES,
                f"Client attended but refused to participate; {m.she} sat with hood up, "
                "declined to speak and would not do the exercise.",
            ),
            (
                ParticipationStatus.CANNOT_PARTICIPATE,
                f"Client was too sedated after an outside medication change to take part in "
                f"group; {m.she} was unable to stay awake and was sent home with a family member.",
            ),
            (
                ParticipationStatus.CANNOT_TOLERATE,
                f"Client became overwhelmed 45 minutes into group and left; {m.she} said "
                f"{m.she} cannot tolerate three hours in a room with others right now.",
            ),
        ),
    )
    first = (ParticipationStatus.PARTICIPATES, pick(rng, engaged))
    back = (ParticipationStatus.PARTICIPATES, pick(rng, engaged))
    if chance(rng, 0.5):
        return [first, lapse, back]
    return [first, lapse]


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    practice = pick(rng, PRACTICES)
    m = member(people)
    dx = pick(rng, MH_DX)
    adm = admission(rng)
    therapist = people.person(pick(rng, ("LPC", "LCSW", "LMHC", "LMFT")))
    supervisor = people.person("LCSW") if chance(rng, 0.5) else None
    order, order_gold = _order(rng, people, practice, m, dx, plus(adm, rng.randrange(0, 2)))
    plan, plan_gold = _plan(
        rng, people, practice, m, dx, adm, plus(adm, rng.randrange(2, 6)), therapist
    )
    story = _participation_story(rng, m)
    risk_at = rng.randrange(len(story))
    pool = [plus(adm, d) for d in range(1, 20) if plus(adm, d).weekday() < 5]
    days = sorted(rng.sample(pool, len(story)))
    files: list[DocFile] = [order, plan]
    gold: list[DocGold] = [order_gold, plan_gold]
    for i, (day, part) in enumerate(zip(days, story, strict=True)):
        doc, g = _note(rng, practice, m, day, therapist, supervisor, part, i == risk_at)
        files.append(doc)
        gold.append(g)
    return DocChart(files=tuple(files), gold=tuple(gold))


FAMILY = DocFamily(
    name="dd-practice-esign-notes",
    split="dev",
    description=(
        "Small private IOP on cloud EHRs: Kipu-like master treatment plan (problems, "
        "long-term goals, numbered objectives with Target Date / Status lines, 'Signed by "
        "... on ...' panel), Credible-like level-of-care order certifying IOP with ordering "
        "provider and cosigner, TherapyNotes-like group notes with a Risk Assessment section "
        "and participation paragraphs."
    ),
    conventions=(
        "Target Date: date / 4 weeks / By discharge / Ongoing / -- on its own line",
        "goals with and without a measure or time frame in their own words",
        "signature panel: patient, therapist, Medical Director signed or 'Pending signature'",
        "two team members on one 'Treatment Team' line",
        "order frequency as hours/day x days/week, 3x/week x 3 hrs, 'minimum of nine hours'",
        "Cosigner signed vs 'Cosign required ... Status: Awaiting'",
        "'Patient denies all areas of risk. No contrary clinical indications present.'",
        "risk low with no higher level needed / moderate only / plan and intent, inpatient",
        "Date of Service / Appointment: Wed, Jan 14, 2026 / Session Date header styles",
        "participation across dated notes: engaged, refused while present, sedated, left",
        "note author vs 'Approved by supervisor'",
    ),
    render=render,
    tags=("kipu", "credible", "therapynotes", "esign", "txt", "pdf"),
)
