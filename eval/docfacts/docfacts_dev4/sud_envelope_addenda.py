"""f4-sud-envelope-addenda: a substance-use treatment program (ASAM Level 2.1) that collects
signatures through an e-signature service. Its multidimensional assessment carries
AUDIT-C / DAST-10 scores and a lethality screen with a counselor (CADC) and a clinical
supervisor (LADC) review; the medical-necessity order for IOP is signed by a prescriber
with the medical director's attestation; the recovery plan is written by ASAM dimension
and followed by the envelope's certificate of completion (signer events, a carbon-copy
recipient who signs nothing, a signer still pending); a later plan addendum, its own
file, adds an objective after a lapse, with a Brief Addiction Monitor flowsheet and the
member's participation before and after."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import CertificationElement, ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    SUD_DX,
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

PROGRAMS = (
    ("TURNING LEAF RECOVERY SERVICES", "Outpatient & IOP (ASAM 2.1)", "Rapid City, SD"),
    ("CROSSROADS ADDICTION TREATMENT CENTER", "Adult IOP Track", "Joplin, MO"),
    ("SECOND WIND BEHAVIORAL HEALTH", "Substance Use IOP", "Hagerstown, MD"),
)
SUBSTANCE = {"aud": "alcohol", "oud": "fentanyl", "stim": "methamphetamine"}


def _envelope_id(rng: random.Random) -> str:
    h = "".join(pick(rng, "0123456789ABCDEF") for _ in range(32))
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class _Clock:
    """Envelope timestamps of one day, each later than the one before."""

    def __init__(self, rng: random.Random, day: dt.date) -> None:
        self.day = day
        self.minute = 9 * 60 + rng.randrange(0, 60)
        self.rng = rng

    def __call__(self) -> str:
        self.minute += self.rng.randrange(1, 25)
        hour, minute = divmod(self.minute, 60)
        suffix = "AM" if hour < 12 else "PM"
        return f"{fmt(self.day)} | {(hour - 1) % 12 + 1}:{minute:02d} {suffix}"


LETHALITY: tuple[tuple[str, GoldRisk], ...] = (
    (
        "Denies suicidal or homicidal thoughts now or in the past; no plan, no intent, "
        "no access to firearms. Conclusion: low risk.",
        GoldRisk(False, None),
    ),
    (
        "History: attempted suicide by overdose in 2017, hospitalized 3 days. Today denies "
        "current ideation, plan or intent. Dimension 3 risk does not require a higher level "
        "of care (no need for ASAM 3.7 or 4.0 at this time).",
        GoldRisk(False, False),
    ),
    (
        "Endorses current suicidal ideation with a plan to overdose tonight and states "
        "intent. Conclusion: imminent risk; client requires 24-hour supervision and was "
        "walked to the crisis stabilization unit for Level 4 admission.",
        GoldRisk(True, True),
    ),
    (
        "Passive death wish when intoxicated; none when sober. Risk rated moderate; monitor "
        "at each contact.",
        GoldRisk(None, None),
    ),
)


def _assessment(
    rng: random.Random,
    people: People,
    prog: tuple[str, str, str],
    m: Member,
    dx: Dx,
    day: dt.date,
    counselor: Who,
    supervisor: Who,
) -> tuple[DocFile, DocGold]:
    subst = SUBSTANCE[dx.key]
    audit_c = rng.randrange(6, 13) if dx.key == "aud" else rng.randrange(0, 4)
    dast = rng.randrange(4, 11)
    screen_day = plus(day, -rng.randrange(2, 8))
    lethal, risk = pick(rng, LETHALITY)
    dims = [
        ("Dim 1 Intoxication/Withdrawal", "2", f"last use of {subst} 3 days ago; mild tremor"),
        ("Dim 2 Biomedical", "1", "elevated liver enzymes per PCP, no acute issues"),
        ("Dim 3 Emotional/Behavioral", "2", "depressed mood and poor sleep; see screen below"),
        ("Dim 4 Readiness to Change", "2", "ambivalent; 'I know I have to do something'"),
        ("Dim 5 Relapse Potential", "3", "daily cravings, relapsed after last treatment"),
        ("Dim 6 Recovery Environment", "3", "roommates use; few sober supports"),
    ]
    lines = [
        f"{prog[0]} - {prog[1]} - {prog[2]}",
        "MULTIDIMENSIONAL ASSESSMENT (ASAM CRITERIA)",
        f"Client: {m.who.full}   Client ID: {m.mrn}   Date completed: {fmt(day)}",
        f"Assessing counselor: {counselor.signed}",
        "",
        "SCREENING INSTRUMENTS",
        f"  AUDIT-C ............ {audit_c}   (completed {fmt(day)})",
        f"  DAST-10 ............ {dast}   (from referral screen {fmt(screen_day)})",
        "",
        "DIMENSIONAL RATINGS (0-4)",
    ]
    for name, rating, note in dims:
        lines.append(f"  {name:<32} Rating {rating}   {note}")
    lines += [
        "",
        "LETHALITY / SAFETY SCREEN",
        *wrap(lethal, 90, indent="  ", first="  "),
        "",
        f"DIAGNOSIS: {dx.code} {dx.name}",
        "PLACEMENT: ASAM Level 2.1 Intensive Outpatient",
        "",
        f"Counselor signature: {counselor.signed}   e-signed {fmt(day)}",
    ]
    signers: tuple[GoldSigner, ...] = (counselor.gold(), supervisor.gold())
    if chance(rng, 0.5):
        lines.append(
            f"Clinical supervisor review: assessment reviewed, placement agreed. "
            f"{supervisor.signed} {fmt(day)}"
        )
    else:
        lines.append(f"Reviewed/approved by: {supervisor.signed} on {fmt(day)}")
    doc = txt(f"ASAM_Assessment_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="evaluation",
        date=day,
        signers=signers,
        risk=risk,
        scores=(
            GoldScore("AUDIT-C", audit_c, day),
            GoldScore("DAST-10", dast, screen_day),
        ),
    )


INTENSITY: tuple[tuple[str, float], ...] = (
    ("3 evenings/week x 3.5 hours (10.5 hours weekly)", 10.5),
    ("9 hours per week minimum across group, individual and family sessions", 9.0),
    ("12 or more hours of programming weekly", 12.0),
    ("nine hours each week (three 3-hour groups)", 9.0),
)


def _order(
    rng: random.Random,
    people: People,
    prog: tuple[str, str, str],
    m: Member,
    dx: Dx,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    intensity, hours = pick(rng, INTENSITY)
    elements = {
        CertificationElement.DIAGNOSIS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    lines = [
        f"{prog[0]}",
        "LEVEL OF CARE ORDER & MEDICAL NECESSITY STATEMENT",
        f"Client: {m.who.full}     DOB: {fmt(m.dob)}     Order date: {fmt(day)}",
        "",
        "Placement ............ ASAM Level 2.1 Intensive Outpatient (9 to 19 hrs/wk range)",
        f"Diagnosis ............ {dx.code} {dx.name}",
        f"Prescribed intensity . {intensity}",
        "",
        "Medical necessity:",
        *wrap(
            "Two returns to use within 30 days of finishing standard outpatient counseling; "
            "Dimension 5 and Dimension 6 rated 3. Client cannot maintain abstinence with "
            "weekly sessions and needs the structure of IOP, without which residential "
            "placement is likely.",
            90,
            indent="  ",
            first="  ",
        ),
    ]
    if chance(rng, 0.5):
        elements.add(CertificationElement.PLAN_OF_CARE)
        lines.append("  Services are delivered under the individualized recovery plan.")
    if chance(rng, 0.5):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        lines.append(
            "  Transition criteria: 30 days of negative screens, a sober-support network and "
            "a Level 1 counselor appointment."
        )
    md = people.person(pick(rng, ("MD", "DO")))
    variant = rng.randrange(3)
    signers: tuple[GoldSigner, ...]
    if variant == 0:
        lines += ["", f"Ordered and e-signed by {md.signed}, Medical Director, {fmt(day)}"]
        signers = (md.gold(),)
    elif variant == 1:
        np_ = people.person(pick(rng, ("NP", "PMHNP")))
        lines += [
            "",
            f"Ordering prescriber: {np_.signed}    e-signed {fmt(day)} {clock(rng)}",
            *wrap(
                f"Attestation: As medical director I have reviewed the ASAM assessment and "
                f"concur with placement at Level 2.1. {md.signed}  {fmt(day)}",
                90,
            ),
        ]
        signers = (np_.gold(), md.gold())
    else:
        np_ = people.person(pick(rng, ("NP", "PMHNP")))
        lines += [
            "",
            f"Ordering prescriber: {np_.signed}    e-signed {fmt(day)} {clock(rng)}",
            "Medical director attestation: ________________________  Date: __________",
        ]
        signers = (np_.gold(), GoldSigner("Medical director", None, signed=False))
    doc = txt(f"LOC_Order_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="certification",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )


# (dimension, goal, measure, time frame, objectives as (text, measure, time frame))
_O = tuple[str, bool, bool]
PLAN_GOALS: tuple[tuple[str, str, bool, bool, tuple[_O, ...]], ...] = (
    ("DIMENSION 1 - WITHDRAWAL",
     "Have no emergency visits for withdrawal during the first 14 days", True, True,
     (("Understand the signs of late withdrawal", False, False),)),
    ("DIMENSION 2 - BIOMEDICAL",
     "Get a better handle on my physical health problems", False, False,
     (("Keep the liver-panel follow-up with the PCP on {d30}", True, True),)),
    ("DIMENSION 3 - EMOTIONAL/BEHAVIORAL",
     "Reduce anxiety so it no longer drives my use", False, False,
     (("Score under 8 on the GAD-7 by week 6 of the program", True, True),
      ("Learn two grounding skills from the skills group", True, False))),
    ("DIMENSION 4 - READINESS",
     "Client will commit to a recovery lifestyle", False, False,
     (("Learn the stages of change and where I am in them", False, False),)),
    ("DIMENSION 5 - RELAPSE POTENTIAL",
     "Remain abstinent, shown by negative results on 100% of random screens for 30 days",
     True, True,
     (("Log cravings 0-10 each evening on the recovery app", True, False),
      ("Identify 5 high-risk situations and a plan for each within 2 weeks", True, True))),
    ("DIMENSION 6 - RECOVERY ENVIRONMENT",
     "Build a sober network of at least 3 people by the end of month 1", True, True,
     (("Apply to two sober-living houses by {d21}", True, True),
      ("Discuss family history of use with the counselor", False, False))),
)  # fmt: skip


def _plan(
    rng: random.Random,
    people: People,
    prog: tuple[str, str, str],
    m: Member,
    dx: Dx,
    day: dt.date,
    counselor: Who,
    supervisor: Who,
) -> tuple[DocFile, DocGold, Who]:
    d21, d30 = fmt(plus(day, 21)), fmt(plus(day, 30))
    lines = [
        f"{prog[0]} - {prog[1]}",
        "INDIVIDUALIZED RECOVERY PLAN - BY ASAM DIMENSION",
        f"Client: {m.who.full}   ID: {m.mrn}   Plan date: {fmt(day)}   Review: every 30 days",
        f"Diagnosis: {dx.code} {dx.name}",
        "",
    ]
    chosen = sorted(rng.sample(range(len(PLAN_GOALS)), rng.randrange(3, 5)))
    gold_goals: list[GoldGoal] = []
    for gi in chosen:
        dim, goal, measure, frame, objs = PLAN_GOALS[gi]
        lines.append(dim)
        lines += wrap(f"Goal: {goal}", 92, indent="      ", first="  ")
        objectives: list[GoldGoal] = []
        for k, (o_text, o_m, o_f) in enumerate(objs, start=1):
            text = o_text.format(d21=d21, d30=d30)
            lines += wrap(f"Obj {k}: {text}", 92, indent="        ", first="    ")
            objectives.append(GoldGoal(text, o_m, o_f))
        how = pick(rng, ("MI sessions", "CBT relapse group", "case management"))
        lines.append(f"    Interventions: {how}; weekly individual counseling")
        lines.append("")
        gold_goals.append(GoldGoal(goal, measure, frame, tuple(objectives)))

    md = people.person(pick(rng, ("MD", "DO")))
    pending = chance(rng, 0.35)
    d = fmt(day)
    lines += [
        "SIGNATURES (captured electronically - see certificate of completion)",
        f"  Client: {m.who.full} ............................ {d}",
        f"  Primary counselor: {counselor.signed} ............ {d}",
        f"  Clinical supervisor (co-sign): {supervisor.signed} . {d}",
    ]
    signers = [GoldSigner(m.who.full, None), counselor.gold(), supervisor.gold()]
    if pending:
        lines.append("  Medical Director: ______________________ (awaiting e-signature)")
        signers.append(GoldSigner("Medical Director", None, signed=False))
    else:
        lines.append(f"  Medical Director: {md.signed} ...................... {d}")
        signers.append(md.gold())
    po = people.person()
    env = _envelope_id(rng)
    stamp = _Clock(rng, day)
    cert = [
        "\f",
        "CERTIFICATE OF COMPLETION",
        f"Envelope Id: {env}",
        f"Subject: Please sign - Recovery Plan {m.who.last}",
        f"Status: {'Sent' if pending else 'Completed'}",
        f"Envelope Originator: {counselor.full}",
        "",
        "Signer Events                     Signature                     Timestamp",
    ]
    who_rows: list[tuple[str, str, bool]] = [
        (m.who.full, "Client", True),
        (counselor.full, "Primary Counselor", True),
        (supervisor.full, "Clinical Supervisor", True),
        (md.full, "Medical Director", not pending),
    ]
    for name, title, done in who_rows:
        initials = "".join(w[0] for w in name.split())
        if done:
            cert += [
                f"{name:<34}{'Signed: ' + initials:<30}Sent: {stamp()}",
                f"{title:<34}{'Adoption: Drawn on device':<30}Viewed: {stamp()}",
                f"{'':<34}{'':<30}Signed: {stamp()}",
            ]
        else:
            cert += [
                f"{name:<34}{'':<30}Sent: {stamp()}",
                f"{title:<34}{'':<30}Viewed:",
                f"{'':<34}{'':<30}Signed:",
            ]
    cert += [
        "",
        "Carbon Copy Events                Status                        Timestamp",
        f"{po.full:<34}{'COPIED':<30}Sent: {stamp()}",
        f"{'Probation Officer':<34}",
        "",
        "Envelope Summary Events           Status                        Timestamps",
        f"{'Envelope Sent':<34}{'Hashed/Encrypted':<30}{stamp()}",
    ]
    if not pending:
        cert.append(f"{'Completed':<34}{'Security Checked':<30}{stamp()}")
    lines += cert
    doc = pdf(f"Recovery_Plan_{day:%Y%m%d}.pdf", "\n".join(lines), footer="Page {page} of {pages}")
    return (
        doc,
        DocGold(
            file=doc.name,
            kind="treatment_plan",
            date=day,
            signers=tuple(signers),
            goals=tuple(gold_goals),
        ),
        md,
    )


def _addendum(
    rng: random.Random,
    prog: tuple[str, str, str],
    m: Member,
    adm: dt.date,
    plan_day: dt.date,
    day: dt.date,
    counselor: Who,
    supervisor: Who,
) -> tuple[DocFile, DocGold]:
    lapse = plus(day, -rng.randrange(3, 6))
    back = plus(lapse, 2)
    weeks = [plus(adm, 7 * k) for k in range(4) if plus(adm, 7 * k) < day]
    bam = [rng.randrange(4, 9)]
    for _ in weeks[1:]:
        bam.append(max(0, bam[-1] - rng.randrange(0, 3)))
    bam[-1] = bam[-1] + 3  # the lapse week
    uds = [pick(rng, ("neg", "neg", "pos")) for _ in weeks]
    flow = [f"  {fmt(w):<12}{b:<10}{u}" for w, b, u in zip(weeks, bam, uds, strict=True)]
    new_target = fmt(plus(day, 28))
    objective = (
        f"Attend an extra relapse-prevention group each week and complete a written lapse "
        f"analysis by {new_target}"
    )
    she = m.she
    variant = rng.randrange(2)
    if variant == 0:
        part = (
            f"On {fmt(lapse)} client came to group under the influence and could not take "
            f"part; {she} was sent home with a family member. On {fmt(back)} {she} was back "
            "and took part in every exercise."
        )
        gold_part = (
            GoldParticipation(ParticipationStatus.CANNOT_PARTICIPATE, lapse),
            GoldParticipation(ParticipationStatus.PARTICIPATES, back),
        )
    else:
        part = (
            f"After the lapse {she} declined to join group on {fmt(lapse)} and on "
            f"{fmt(back)}, saying {she} was 'done with groups'."
        )
        gold_part = (
            GoldParticipation(ParticipationStatus.REFUSES, lapse),
            GoldParticipation(ParticipationStatus.REFUSES, back),
        )
    lines = [
        f"{prog[0]}",
        f"ADDENDUM TO RECOVERY PLAN OF {fmt(plan_day)}",
        f"Client: {m.who.full}   ID: {m.mrn}   Addendum date: {fmt(day)}",
        "",
        "Reason for addendum:",
        *wrap(f"Return to use reported {fmt(lapse)}. {part}", 90, indent="  ", first="  "),
        "",
        "Added to Dimension 5 (Relapse Potential):",
        f"  Obj 3: {objective}",
        "",
        "BRIEF ADDICTION MONITOR - USE SCORE BY WEEK",
        f"  {'Week of':<12}{'BAM use':<10}UDS",
        *flow,
        "",
        f"Addendum written by {counselor.signed}  {fmt(day)}",
        f"Co-signature (clinical supervisor): {supervisor.signed}  {fmt(day)}",
        "Client signature: ________________  (client not present; to sign at next visit)",
    ]
    doc = txt(f"Plan_Addendum_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="treatment_plan",
        date=day,
        signers=(counselor.gold(), supervisor.gold(), GoldSigner("Client", None, signed=False)),
        goals=(GoldGoal(objective, True, True),),
        participation=gold_part,
        scores=tuple(GoldScore("BAM", b, w) for w, b in zip(weeks, bam, strict=True)),
    )


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    prog = pick(rng, PROGRAMS)
    m = member(people)
    dx = pick(rng, SUD_DX)
    adm = admission(rng)
    counselor = people.person(pick(rng, ("CADC", "CADC", "LADC")))
    supervisor = people.person(pick(rng, ("LADC", "LCSW", "LPC")))
    assess, assess_gold = _assessment(rng, people, prog, m, dx, adm, counselor, supervisor)
    order, order_gold = _order(rng, people, prog, m, dx, plus(adm, rng.randrange(0, 3)))
    plan_day = plus(adm, rng.randrange(2, 6))
    plan, plan_gold, _md = _plan(rng, people, prog, m, dx, plan_day, counselor, supervisor)
    add_day = plus(adm, rng.randrange(20, 27))
    add, add_gold = _addendum(rng, prog, m, adm, plan_day, add_day, counselor, supervisor)
    return DocChart(
        files=(assess, order, plan, add),
        gold=(assess_gold, order_gold, plan_gold, add_gold),
    )


FAMILY = DocFamily(
    name="f4-sud-envelope-addenda",
    split="dev",
    description=(
        "ASAM 2.1 substance-use program: multidimensional assessment with AUDIT-C / DAST-10 "
        "and a lethality screen (CADC assessor, LADC supervisor review), a level-of-care "
        "order signed by a prescriber with the medical director's attestation, a recovery "
        "plan by dimension followed by an e-signature certificate of completion, and a plan "
        "addendum with a BAM use-score flowsheet."
    ),
    conventions=(
        "dotted label leaders: 'AUDIT-C ............ 9   (completed ...)'",
        "a score dated by an earlier referral screen, not the assessment",
        "lethality screen: history attempt vs current denial; no need for ASAM 3.7/4.0",
        "'Placement ... (9 to 19 hrs/wk range)' beside the prescribed intensity",
        "'Attestation: As medical director I have reviewed ...' or a blank attestation line",
        "goals by ASAM dimension with 'Obj n:' objectives, targets as dates and weeks",
        "certificate of completion: signer events with Sent / Viewed / Signed stamps",
        "a pending signer listed in the envelope with empty Viewed / Signed",
        "carbon-copy recipient (probation officer) who signs nothing",
        "addendum: its own date, the plan's date in its title, the client's blank line",
        "BAM use score by week with UDS neg/pos; lapse, inability, refusal, return",
    ),
    render=render,
    tags=("sud", "asam", "esign", "addendum", "pdf", "txt"),
)
