"""f4-hospital-iop-careplan: a hospital-based IOP (a department of psychiatry in a general
hospital). Its attending psychiatrist dictates the certification and recertification as
letters that come back from transcription with an authentication footer ("This document
has been electronically authenticated by ...", a teaching physician's attestation, or a
DICTATED BUT NOT AUTHENTICATED banner); the admission psychiatric evaluation carries a
suicide risk formulation (static history vs acute risk) and rating scales; the plan is
printed from the hospital's care-plan module as a Problem / Long-Term Goal / Short-Term
Goal / Interventions hierarchy with Target and Outcome measure fields and a discipline
sign-off grid."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import CertificationElement, ContinuedStayElement, ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    Dx,
    Member,
    People,
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
    workday,
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

HOSPITALS = (
    ("ST. BRENDAN REGIONAL MEDICAL CENTER", "Department of Psychiatry - Adult Intensive "
     "Outpatient Program", "4100 Cathedral Ave, Pueblo, CO 81003"),
    ("MERCY LAKESHORE HOSPITAL", "Behavioral Medicine Service - Partial/IOP Unit",
     "920 Lakeshore Blvd, Duluth, MN 55802"),
    ("ELMWOOD UNIVERSITY HOSPITAL", "Psychiatry Ambulatory Services - IOP",
     "1 Medical Center Dr, Morgantown, WV 26506"),
)  # fmt: skip

NEED = {
    "mdd": "{She} has become unable to leave bed on most mornings, has lost eleven pounds "
    "in a month and has not worked since the holidays; weekly psychotherapy did not stop "
    "this slide, and {she} needs a daily, physician-supervised program to recover",
    "gad": "{Her} anxiety now prevents {her} from finishing a work day or driving on the "
    "interstate, and {she} has been to our emergency department twice; office-based care "
    "has not been enough and {she} needs structured treatment several days a week",
    "ptsd": "Since an assault in the autumn {she} has had nightly nightmares, dissociates "
    "at work and has stopped leaving home after dark; the severity is beyond what a weekly "
    "therapy hour can address",
    "bipolar": "{She} was discharged from our inpatient unit after a mixed episode and "
    "remains unstable, with broken sleep and impulsive spending; without close daily "
    "structure {she} is likely to be readmitted",
    "panic": "{She} is having several panic attacks a day, has called an ambulance twice and "
    "is largely confined to home; outpatient visits have not contained this",
}
STILL = {
    "mdd": "{she} still wakes at four in the morning, has little appetite and cannot yet "
    "concentrate long enough to read a page",
    "gad": "{she} still has daily worry spells with chest tightness and cannot drive "
    "farther than the grocery store",
    "ptsd": "nightmares continue four nights a week and {she} still dissociates when startled",
    "bipolar": "{her} sleep is still broken and {she} remains low in energy and hopeless "
    "most afternoons",
    "panic": "panic attacks still occur three or four times a week and {she} will not ride "
    "a bus alone",
}
HOURS: tuple[tuple[str, float], ...] = (
    ("no fewer than nine (9) hours of programming in each calendar week", 9.0),
    ("twelve hours of treatment weekly, delivered as four three-hour days", 12.0),
    ("a weekly minimum of 9 treatment hours", 9.0),
    ("IOP at 10 hrs per week", 10.0),
)


def _fill(text: str, m: Member) -> str:
    return text.format(she=m.she, She=m.She, her=m.her, Her=m.Her)


def _letterhead(hosp: tuple[str, str, str], day: dt.date, m: Member, subject: str) -> list[str]:
    return [
        f"**{hosp[0]}",
        hosp[1],
        hosp[2],
        "",
        fmt(day, "long"),
        "",
        f"RE:      {m.who.full}     MRN {m.mrn}     DOB {fmt(m.dob)}",
        f"SUBJECT: {subject}",
        "",
    ]


def _authentication(
    rng: random.Random, people: People, day: dt.date
) -> tuple[list[str], tuple[GoldSigner, ...], bool]:
    """The footer of a transcribed letter: its lines, its signers and whether the letter
    keeps one date (False when it was authenticated days after it was dictated)."""
    md = people.person(pick(rng, ("MD", "DO")))
    job = f"{rng.randrange(1_000_000, 9_999_999)}"
    typist = pick(rng, ("kr", "mlt", "jd", "sab"))
    variant = rng.randrange(4)
    if variant == 0:
        return (
            [
                f"{md.full}, {md.cred}",
                "Attending Psychiatrist",
                "",
                f"Dictating provider: {md.last}, {md.first}   Job {job}/{typist}",
                f"Transcribed {fmt(day)} {clock(rng, h24=True)}",
                f"This document has been electronically authenticated by {md.signed} on "
                f"{fmt(day)} at {clock(rng, lo=14, hi=19)}.",
            ],
            (md.gold(),),
            True,
        )
    if variant == 1:
        res = people.person("MD")
        return (
            [
                f"{res.full}, {res.cred}, PGY-3",
                "Psychiatry Resident",
                f"Authenticated by resident {res.full} {fmt(day)} {clock(rng, h24=True)}",
                "",
                *wrap(
                    f"Teaching physician attestation: I saw and examined the patient with Dr. "
                    f"{res.last}, reviewed this letter and agree with the certification as "
                    f"written. -- {md.signed}, {fmt(day)}",
                    92,
                ),
            ],
            (res.gold(), md.gold()),
            True,
        )
    if variant == 2:
        return (
            [
                f"Dictating provider: Dr. {md.last}   Job {job}/{typist}",
                f"Transcribed {fmt(day)}",
                "*** DICTATED BUT NOT AUTHENTICATED - NOT VALID UNTIL SIGNED ***",
                "Attending Psychiatrist signature: _______________________   Date: ________",
            ],
            (GoldSigner("Attending Psychiatrist", None, signed=False),),
            True,
        )
    late = plus(day, rng.randrange(5, 12))
    return (
        [
            f"{md.full}, {md.cred}",
            "Medical Director, Intensive Outpatient Program",
            "",
            f"Transcribed {fmt(day)}   Job {job}/{typist}",
            f"Authenticated (late): {md.signed}  {fmt(late)} {clock(rng, h24=True)}",
        ],
        (md.gold(),),
        False,
    )


def _certification(
    rng: random.Random,
    people: People,
    hosp: tuple[str, str, str],
    m: Member,
    dx: Dx,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    hours_text, hours = pick(rng, HOURS)
    elements = {
        CertificationElement.DIAGNOSIS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    title = "Mr." if not m.female else "Ms."
    body = [
        f"I saw {title} {m.who.last} in our clinic on {fmt(day, 'long')} at the request of "
        f"{m.her} primary care physician. {m.She} has {dx.name.lower()} (ICD-10 {dx.code}). "
        f"{_fill(NEED[dx.key], m)}.",
        f"Intensive outpatient care is medically necessary, and I am certifying that "
        f"{m.she} requires {hours_text}. Without it I would expect {m.him} to need "
        "admission to an inpatient psychiatric unit.",
    ]
    extra = []
    if chance(rng, 0.5):
        elements.add(CertificationElement.PLAN_OF_CARE)
        extra.append(
            "Treatment will follow an individualized plan of care written by the "
            "interdisciplinary team, which I will review and sign."
        )
    if chance(rng, 0.5):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        extra.append(
            f"We will step {m.him} down to weekly outpatient therapy once {m.she} is back at "
            "work part time and has gone two weeks without a crisis call."
        )
    if extra:
        body.append(" ".join(extra))
    body.append(
        "A physical examination and screening labs have been requested from the primary "
        "care office and will be filed when received."
    )
    foot, signers, one_date = _authentication(rng, people, day)
    lines = _letterhead(hosp, day, m, "Physician Certification - Intensive Outpatient Program")
    lines += ["To the Health Information Management Department:", ""]
    for p in body:
        lines += [*para(p, 92).split("\n"), ""]
    lines += ["Sincerely,", "", *foot]
    doc = pdf(
        f"Cert_Letter_{m.who.last}_{day:%Y%m%d}.pdf",
        "\n".join(lines),
        footer=f"{hosp[0].title()} | Confidential | Page {{page}} of {{pages}}",
    )
    return doc, DocGold(
        file=doc.name,
        kind="certification",
        date=day if one_date else None,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )


def _recertification(
    rng: random.Random,
    people: People,
    hosp: tuple[str, str, str],
    m: Member,
    dx: Dx,
    adm: dt.date,
    cert_day: dt.date,
    day: dt.date,
    phq: int,
) -> tuple[DocFile, DocGold]:
    hours_text, hours = pick(rng, HOURS)
    elements = {
        CertificationElement.RESPONSE_TO_TREATMENT,
        CertificationElement.CONTINUING_SYMPTOMS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    stay = {ContinuedStayElement.CONTINUING_SYMPTOMS}
    p0 = phq
    p1 = p0 - rng.randrange(3, 8)
    mid = workday(plus(adm, 28))
    scores = (GoldScore("PHQ-9", p0, adm), GoldScore("PHQ-9", p1, mid))
    name = f"{'Ms.' if m.female else 'Mr.'} {m.who.last}"
    paras = [
        f"I first certified {name}'s need for intensive outpatient treatment on "
        f"{fmt(cert_day, 'long')}. {m.She} has attended nearly every program day and takes "
        f"an active part in the groups.",
        f"Response so far: {m.her} PHQ-9 has come down from {p0} on {fmt(adm)} to {p1} on "
        f"{fmt(mid)}, and {m.she} now uses behavioral activation and sleep scheduling on "
        "most days. The gains are real but partial.",
        f"What remains: {_fill(STILL[dx.key], m)}. These symptoms still call for "
        "intensive treatment.",
    ]
    if chance(rng, 0.5):
        elements.add(CertificationElement.DIAGNOSIS)
        paras.append(f"The working diagnosis remains {dx.name.lower()} ({dx.code}).")
    if chance(rng, 0.7):
        stay.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
        paras.append(
            f"When we tried two program days a week last month {m.she} slipped within ten "
            f"days and had to come back to full schedule; I do not believe ordinary "
            f"outpatient care would keep {m.him} out of the hospital at this point."
        )
    paras.append(
        f"{m.She} still needs the daily structure and psychiatric oversight of the program, "
        f"and I recertify that {m.she} requires {hours_text}, for a further period of up to "
        "60 days."
    )
    if chance(rng, 0.6):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        paras.append(
            f"Goals toward discharge: PHQ-9 under 10, a return to work at least three days "
            f"a week, and an established outpatient psychiatrist; {m.she} will then step "
            "down to weekly therapy."
        )
    foot, signers, one_date = _authentication(rng, people, day)
    lines = _letterhead(
        hosp, day, m, "Recertification of Need - Continued Intensive Outpatient Treatment"
    )
    for p in paras:
        lines += [*para(p, 92).split("\n"), ""]
    lines += ["Respectfully,", "", *foot]
    doc = pdf(
        f"Recert_Letter_{m.who.last}_{day:%Y%m%d}.pdf",
        "\n".join(lines),
        footer=f"{hosp[0].title()} | Confidential | Page {{page}} of {{pages}}",
    )
    return doc, DocGold(
        file=doc.name,
        kind="recertification",
        date=day if one_date else None,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        continued_stay=frozenset(stay),
        participation=(GoldParticipation(ParticipationStatus.PARTICIPATES),),
        scores=scores,
    )


RISK = (
    (
        "Current suicidal ideation: denied. Current plan or intent: none. Homicidal "
        "ideation: denied. Static factors: prior attempt by cutting at age 17, one "
        "psychiatric admission (2021). Dynamic factors: insomnia, hopelessness, now "
        "improving. Formulation: chronic risk above baseline because of the prior attempt; "
        "acute risk LOW. {She} does not require inpatient care and is appropriate for IOP.",
        GoldRisk(False, False),
    ),
    (
        "Passive thoughts that life is not worth living, without a plan. Prior attempt by "
        "overdose at age 22. Formulation: acute risk MODERATE. Should a plan or intent "
        "emerge, inpatient admission would be warranted; a crisis plan was written today.",
        GoldRisk(None, None),
    ),
    (
        "{She} reports a plan to overdose on a stockpile of pills and says {she} intends to "
        "do it this weekend. Formulation: acute risk HIGH. IOP is not safe at this time; "
        "{she} was escorted to the psychiatric emergency service for inpatient admission.",
        GoldRisk(True, True),
    ),
    (
        "Denies thoughts of suicide or harming others at present; \"I tried in 2018, I'm not "
        'there now." Formulation: acute risk LOW; chronic risk modestly elevated by history.',
        GoldRisk(False, None),
    ),
)


def _evaluation(
    rng: random.Random,
    people: People,
    hosp: tuple[str, str, str],
    m: Member,
    dx: Dx,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    phq, gad = rng.randrange(15, 25), rng.randrange(11, 20)
    risk_text, risk = pick(rng, RISK)
    scores = [GoldScore("PHQ-9", phq), GoldScore("GAD-7", gad)]
    outside = ""
    if chance(rng, 0.5):
        pcl = rng.randrange(35, 62)
        earlier = plus(day, -rng.randrange(20, 60))
        outside = f" A PCL-5 of {pcl} was recorded by {m.her} outside therapist on {fmt(earlier)}."
        scores.append(GoldScore("PCL-5", pcl, earlier))
    md = people.person(pick(rng, ("MD", "DO")))
    sections = [
        ("IDENTIFICATION", f"{m.who.full}, {m.age_on(day)}-year-old, referred by primary care."),
        ("HISTORY OF PRESENT ILLNESS", _fill(NEED[dx.key], m) + "."),
        (
            "PAST PSYCHIATRIC HISTORY",
            "Outpatient therapy since 2020; sertraline trial; see risk formulation for "
            "prior attempts.",
        ),
        (
            "MENTAL STATUS",
            "Casually dressed, good eye contact, psychomotor slowing; mood 'awful', affect "
            "constricted; thought process linear; no psychosis; insight and judgment fair.",
        ),
        (
            "RATING SCALES",
            f"Completed in clinic today: PHQ-9 total {phq}; GAD-7 total {gad}.{outside}",
        ),
        ("SUICIDE AND VIOLENCE RISK FORMULATION", _fill(risk_text, m)),
        ("ASSESSMENT", f"{dx.name} ({dx.code})."),
        (
            "PLAN",
            "Admit to the intensive outpatient program; physical exam to be obtained from "
            "the PCP; continue medication with titration per response.",
        ),
    ]
    lines = [
        f"**{hosp[0]}",
        hosp[1],
        "",
        "**PSYCHIATRIC EVALUATION - IOP ADMISSION",
        f"Patient: {m.who.full}   MRN: {m.mrn}   Encounter date: {fmt(day)}",
        "",
    ]
    for head, text in sections:
        lines += [f"**{head}", *para(text, 95).split("\n"), ""]
    signers: tuple[GoldSigner, ...]
    if chance(rng, 0.5):
        lines.append(f"Electronically authenticated by {md.signed} {fmt(day)} {clock(rng)}")
        signers = (md.gold(),)
    else:
        np_ = people.person("PMHNP")
        lines += [
            f"Evaluation performed by {np_.signed} -- authenticated {fmt(day)}",
            f"Collaborating psychiatrist review: agree with assessment and plan. {md.signed} "
            f"{fmt(day)}",
        ]
        signers = (np_.gold(), md.gold())
    doc = pdf(
        f"Psych_Eval_{day:%Y%m%d}.pdf",
        "\n".join(lines),
        footer=f"Printed from the electronic record - {hosp[0].title()} - Page {{page}}",
    )
    return doc, DocGold(
        file=doc.name,
        kind="evaluation",
        date=day,
        signers=signers,
        risk=risk,
        scores=tuple(scores),
    )


# (problem, long-term goal, LTG states a measure, outcome-measure field or "")
PROBLEMS: tuple[tuple[str, str, bool, str], ...] = (
    ("Alteration in mood: depression",
     "Patient will report mood of 6/10 or better on 5 of 7 days", True, ""),
    ("Anxiety interfering with daily function",
     "Patient will manage anxiety well enough to resume normal activities", False,
     "GAD-7 score of 9 or less"),
    ("Risk for self-harm",
     "Patient will keep self safe and use the safety plan when urges arise", False,
     "Zero self-harm incidents on daily safety check"),
    ("Impaired sleep pattern",
     "Patient will achieve restful sleep and wake feeling refreshed", False, ""),
    ("Ineffective coping",
     "Patient will demonstrate healthier coping during stressful situations", False,
     "Staff and patient report"),
)  # fmt: skip
# (objective, states a measure, states a time frame)
STGS: tuple[tuple[str, bool, bool], ...] = (
    ("Patient will list 4 coping strategies and use one in group", True, False),
    ("Patient will complete a sleep diary every night for two weeks", True, True),
    ("Patient will learn about the side effects of new medication", False, False),
    ("Patient will attend 90% of scheduled program hours", True, False),
    ("Patient will explore personal triggers with the therapist", False, False),
    ("Patient will contact a support person 3 times weekly", True, False),
    ("Patient will try progressive muscle relaxation with the nurse", False, False),
    ("Patient will complete a written safety plan within 48 hours of admission", True, True),
)


def _plan_target(rng: random.Random, day: dt.date) -> tuple[str, bool]:
    variant = rng.randrange(5)
    if variant == 0:
        return f"Target: {fmt(plus(day, pick(rng, (14, 21, 30, 42))))}", True
    if variant == 1:
        return "Target: by discharge", True
    if variant == 2:
        return f"Target: {pick(rng, ('2 weeks', '30 days', '6 weeks'))}", True
    if variant == 3:
        return "Target: (none entered)", False
    return "Target: ongoing", False


def _plan(
    rng: random.Random,
    people: People,
    hosp: tuple[str, str, str],
    m: Member,
    dx: Dx,
    day: dt.date,
    phq: int,
) -> tuple[DocFile, DocGold]:
    lines = [
        f"{hosp[0]}  --  CARE PLAN MODULE  --  REPORT: INTERDISCIPLINARY PLAN OF CARE",
        f"Patient: {m.who.last.upper()}, {m.who.first.upper()}   MRN: {m.mrn}   "
        f"Unit: IOP   Plan initiated: {fmt(day)}",
        f"Admitting diagnosis: {dx.code} {dx.name}",
        "-" * 96,
    ]
    gold_goals: list[GoldGoal] = []
    scores: list[GoldScore] = []
    stgs = rng.sample(range(len(STGS)), len(STGS))
    picks = rng.sample(range(len(PROBLEMS)), rng.randrange(2, 4))
    for n, pi in enumerate(picks, start=1):
        problem, ltg, ltg_measure, outcome = PROBLEMS[pi]
        target, framed = _plan_target(rng, day)
        lines.append(f"PROBLEM {n}: {problem}        Status: Active   Onset: {fmt(day)}")
        if n == 1:
            lines.append(f"   Evidenced by: PHQ-9 of {phq} at admission; tearful, withdrawn")
            scores.append(GoldScore("PHQ-9", phq))
        lines.append(f"   LONG-TERM GOAL {n}: {ltg}")
        lines.append(f"      {target}")
        if outcome:
            lines.append(f"      Outcome measure: {outcome}")
        measured = ltg_measure or (bool(outcome) and outcome != "Staff and patient report")
        objectives: list[GoldGoal] = []
        for k in range(rng.randrange(1, 3)):
            text, o_measure, o_frame = STGS[stgs.pop()]
            o_target, o_framed = _plan_target(rng, day)
            lines.append(f"      SHORT-TERM GOAL {n}.{k + 1}: {text}")
            status = pick(rng, ("Initiated", "Met", "Progressing"))
            lines.append(f"         {o_target}     Status: {status}")
            objectives.append(GoldGoal(text, o_measure, o_frame or o_framed))
        lines.append("   INTERVENTIONS:")
        lines.append("      RN: assess mood, sleep and safety each program day")
        lines.append("      Therapist: CBT and DBT skills groups 3 hours per program day")
        lines.append("-" * 96)
        gold_goals.append(GoldGoal(ltg, measured, framed, tuple(objectives)))

    md = people.person(pick(rng, ("MD", "DO")))
    rn = people.person("RN")
    th = people.person(pick(rng, ("LCSW", "LMFT", "LPC")))
    at = clock(rng, h24=True)
    grid = [
        "PLAN OF CARE SIGN-OFF",
        f"{'Discipline':<14}{'Name':<26}{'Credentials':<13}Signed",
        f"{'Nursing':<14}{rn.full:<26}{rn.cred or '':<13}{fmt(day)} {at}",
        f"{'Therapy':<14}{th.full:<26}{th.cred or '':<13}{fmt(day)} {at}",
    ]
    signers: list[GoldSigner] = [rn.gold(), th.gold()]
    date: dt.date | None = day
    variant = rng.randrange(4)
    if variant == 0:
        grid.append(f"{'Psychiatry':<14}{md.full:<26}{md.cred or '':<13}{fmt(day)} {at}")
        signers.append(md.gold())
    elif variant == 1:
        grid.append(f"{'Psychiatry':<14}{'':<26}{'':<13}Signature pending (routed {fmt(day)})")
        signers.append(GoldSigner("Psychiatry", None, signed=False))
    elif variant == 2:
        late = plus(day, rng.randrange(7, 14))
        grid.append(f"{'Psychiatry':<14}{md.full:<26}{md.cred or '':<13}{fmt(late)} {at} (late)")
        signers.append(md.gold())
        date = None
    else:
        grid += [
            "",
            *wrap(
                f"Attestation: I have reviewed this interdisciplinary plan of care with the "
                f"team and approve it. {md.signed}, Attending Psychiatrist, {fmt(day)}",
                92,
            ),
        ]
        signers.append(md.gold())
    if chance(rng, 0.5):
        grid.append(
            f"{'Patient':<14}{m.who.full:<26}{'':<13}{fmt(day)} (signed paper copy, scanned)"
        )
        signers.append(GoldSigner(m.who.full, None))
    else:
        grid.append(f"{'Patient':<14}{'':<26}{'':<13}Not signed - left before plan review")
        signers.append(GoldSigner("Patient", None, signed=False))
    lines += grid
    doc = txt(f"CarePlan_Report_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="treatment_plan",
        date=date,
        signers=tuple(signers),
        goals=tuple(gold_goals),
        scores=tuple(scores),
    )


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    hosp = pick(rng, HOSPITALS)
    m = member(people)
    dx = pick(rng, MH_DX)
    adm = admission(rng)
    ev, ev_gold = _evaluation(rng, people, hosp, m, dx, adm)
    cert_day = plus(adm, rng.randrange(0, 3))
    cert, cert_gold = _certification(rng, people, hosp, m, dx, cert_day)
    phq = next(int(s.value) for s in ev_gold.scores or () if s.instrument == "PHQ-9")
    plan, plan_gold = _plan(rng, people, hosp, m, dx, plus(adm, rng.randrange(1, 4)), phq)
    recert_day = workday(plus(cert_day, rng.randrange(48, 58)))
    recert, recert_gold = _recertification(rng, people, hosp, m, dx, adm, cert_day, recert_day, phq)
    return DocChart(
        files=(ev, cert, plan, recert),
        gold=(ev_gold, cert_gold, plan_gold, recert_gold),
    )


FAMILY = DocFamily(
    name="f4-hospital-iop-careplan",
    split="dev",
    description=(
        "Hospital-based IOP: transcribed certification and recertification letters with "
        "authentication footers (resident + teaching-physician attestation, DICTATED BUT NOT "
        "AUTHENTICATED, late authentication), an admission psychiatric evaluation with a "
        "static/acute risk formulation, and a care-plan module report of problems, long-term "
        "goals, short-term goals and interventions with a discipline sign-off grid."
    ),
    conventions=(
        "'This document has been electronically authenticated by ... on ... at ...'",
        "resident authenticates, attending attests in prose with name and date",
        "dictating provider named but not signed: blank Attending Psychiatrist line",
        "weekly intensity in prose: 'four three-hour days', 'IOP at 10 hrs per week'",
        "recert: response with dated PHQ-9, remaining symptoms, failed step-down, goals",
        "prior attempts as static history beside LOW / MODERATE / HIGH acute risk",
        "'Should a plan or intent emerge, inpatient admission would be warranted'",
        "scores 'completed in clinic today' (no own date) and an outside dated PCL-5",
        "LTG with Target: line and Outcome measure: field; 'Staff and patient report'",
        "STG 'Target: (none entered)' / 'ongoing' / 'by discharge'",
        "sign-off grid: pending routed psychiatry, late signature, prose attestation",
        "patient line signed on a scanned paper copy or left empty",
    ),
    render=render,
    tags=("hospital", "dictation", "care-plan", "pdf", "txt"),
)
