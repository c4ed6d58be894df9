"""g2-academic-smart-plan: a university-hospital IOP (a department of psychiatry that
trains residents and psychology interns). Admission assessments are dictated by trainees,
transcribed with a job stamp, and carry a SAFE-T style suicide risk formulation and the
supervisor's agreement; certification and recertification share one numbered
question-and-answer form; the plan is written as SMART goals (Specific / Measurable /
Achievable / Relevant / Time-bound fields); the weekly interdisciplinary team conference is
transcribed in prose with the member's engagement day by day and this week's scales."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import CertificationElement, ContinuedStayElement, ParticipationStatus
from eval.docfacts.docfacts_dev._kit import MH_DX, Dx, chance, pdf, pick, plus, txt, wrap
from eval.docfacts.docfacts_heldout2._g2 import Client, Roster, client, day_str, hhmm, start_day
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
    ("UNIVERSITY OF THE PIEDMONT HEALTH SYSTEM", "Department of Psychiatry and Behavioral "
     "Sciences - Adult Intensive Outpatient Program"),
    ("GREAT LAKES ACADEMIC MEDICAL CENTER", "Psychiatry - Ambulatory Intensive Treatment "
     "Service"),
    ("SOUTHWEST UNIVERSITY HOSPITALS", "Behavioral Health Pavilion - IOP (Teaching Service)"),
)  # fmt: skip

HPI = {
    "mdd": "{She} describes four months of low mood, crying most days, sleeping only four hours "
    "and having stopped going to {her} classes; {she} lost {her} teaching assistantship",
    "gad": "{She} describes near-constant worry, muscle tension and three emergency visits "
    "for chest pain with negative cardiac work-ups; {she} has been on leave from work",
    "ptsd": "Since a workplace assault in the spring {she} has had nightmares most nights, "
    "flashbacks at work and has begun drinking to sleep",
    "bipolar": "After a hospitalization for a manic episode {she} remains labile, sleeping "
    "poorly, with racing thoughts in the evenings",
    "panic": "{She} has daily panic attacks and has not left the house alone for six weeks",
}

# (SAFE-T formulation, gold)
SAFE_T: tuple[tuple[str, GoldRisk], ...] = (
    (
        "Risk factors: prior suicide attempt by overdose (2018), recent job loss, insomnia. "
        "Protective factors: children at home, engaged in care, religious beliefs. Suicide "
        "inquiry: passive death wish last month, none this week; no plan, no intent, no "
        "preparatory behavior. RISK LEVEL: LOW. Intervention: safety plan reviewed; follow-up "
        "in the program.",
        GoldRisk(False, None),
    ),
    (
        "Risk factors: chronic ideation, alcohol use, living alone. Protective factors: "
        "therapeutic alliance, future orientation. Suicide inquiry: intermittent thoughts of "
        "suicide; declined to answer questions about a plan or intent. RISK LEVEL: MODERATE. "
        "Intervention: IOP with "
        "crisis plan; were {she} to resume drinking daily, admission would need to be "
        "reconsidered.",
        GoldRisk(None, None),
    ),
    (
        "Risk factors: attempt by hanging interrupted by a family member 3 days ago, "
        "ongoing intent, access to means. Suicide inquiry: plan and intent endorsed today. "
        "RISK LEVEL: HIGH. Intervention: IOP is not a safe level of care; {she} was "
        "escorted to the Psychiatric Emergency Service for inpatient admission.",
        GoldRisk(True, True),
    ),
    (
        "Risk factors: history of self-cutting in adolescence, none in 10 years. Protective "
        "factors: spouse, pets, employment. Suicide inquiry: denies current suicidal or "
        "homicidal thoughts. RISK LEVEL: LOW; does not require a 24-hour supervised setting.",
        GoldRisk(False, False),
    ),
)


def _fill(text: str, c: Client) -> str:
    return text.format(She=c.She, she=c.she, her=c.her)


def _admission(
    rng: random.Random, roster: Roster, center: tuple[str, str], c: Client, dx: Dx,
    day: dt.date,
) -> tuple[DocFile, DocGold, int]:  # fmt: skip
    phq, gad = rng.randrange(15, 26), rng.randrange(10, 21)
    formulation, risk = pick(rng, SAFE_T)
    job = rng.randrange(100000, 999999)
    scores = [GoldScore("PHQ-9", phq), GoldScore("GAD-7", gad)]
    extra = ""
    if dx.key == "ptsd" or chance(rng, 0.3):
        pcl = rng.randrange(38, 70)
        extra = f" A PCL 5 of {pcl} was obtained as part of the trauma screening."
        scores.append(GoldScore("PCL-5", pcl))
    exam = plus(day, rng.randrange(5, 15))
    v = rng.randrange(3)
    if v == 0:
        trainee = roster.person("MA")
        sup = roster.person(pick(rng, ("PHD", "PSYD")))
        sign = [
            f"{trainee.signed}, Psychology Intern",
            f"Supervising psychologist: {sup.signed}. I reviewed the assessment with the "
            "intern, interviewed the patient and agree with the findings and plan.",
        ]
    elif v == 1:
        trainee = roster.person("MD")
        sup = roster.person("MD")
        sign = [
            f"{trainee.signed}, PGY-2 Psychiatry Resident",
            f"ATTENDING NOTE: Patient seen and discussed with Dr. {trainee.last}. I agree "
            f"with the assessment and plan as documented. {sup.signed}",
        ]
    else:
        trainee = roster.person("MD")
        sup = roster.person("MD")
        # the resident signs on the attending's behalf: the attending is named, not a signer
        sign = [
            f"{trainee.signed}, PGY-4 Psychiatry Resident, for {sup.signed}, Attending",
        ]
    signed_day = day if chance(rng, 0.6) else plus(day, 1)
    lines = [
        center[0],
        center[1],
        "",
        "IOP ADMISSION ASSESSMENT",
        f"PATIENT: {c.who.full.upper()}     MRN: {c.mrn}     DATE OF SERVICE: {day_str(day)}",
        "",
        "HISTORY OF PRESENT ILLNESS: " + _fill(HPI[dx.key], c) + ".",
        "",
        f"PAST PSYCHIATRIC HISTORY: Outpatient treatment since {day.year - rng.randrange(3, 9)}. "
        "See risk formulation for prior attempts or self-harm.",
        "",
        f"STANDARDIZED MEASURES: On arrival {c.she} completed a PHQ 9 of {phq} and a GAD 7 "
        f"of {gad}.{extra}",
        "",
        "SUICIDE RISK FORMULATION (SAFE-T): " + _fill(formulation, c),
        "",
        f"DIAGNOSES: {dx.code} {dx.name}.",
        "",
        "PLAN: Admit to the Adult IOP. A physical examination will be completed by the "
        f"primary care physician on {day_str(exam)}. Labs: TSH, CMP.",
        "",
        *sign,
        "",
        f"D: {day_str(day)} {hhmm(rng, 9, 17)}   T: {day_str(day)} {hhmm(rng, 17, 23)}   "
        f"Job# {job}",
        f"Electronically signed {day_str(signed_day)}",
    ]
    text = "\n".join(x for line in lines for x in (wrap(line, 92) if line else [""]))
    doc = txt(f"IOP_Admission_Assessment_{day:%Y%m%d}.txt", text)
    return (
        doc,
        DocGold(
            file=doc.name,
            kind="evaluation",
            date=day if signed_day == day else None,
            signers=(trainee.gold(), sup.gold()) if v < 2 else (trainee.gold(),),
            risk=risk,
            scores=tuple(scores),
        ),
        phq,
    )


NEED = {
    "mdd": "Severe depression with loss of school and work function; weekly therapy and two "
    "antidepressant trials have not been enough.",
    "gad": "Disabling anxiety with repeated emergency visits; unable to work; outpatient care "
    "has not contained it.",
    "ptsd": "Trauma symptoms with new alcohol use to sleep; function at work has collapsed.",
    "bipolar": "Unstable mood after an inpatient stay; needs near-daily contact to prevent "
    "readmission.",
    "panic": "Housebound by panic attacks; outpatient visits are not enough to restore function.",
}
STILL = {
    "mdd": "still sleeping about five hours, low energy and unable to concentrate on reading",
    "gad": "still has daily worry spells and has not been able to return to work",
    "ptsd": "nightmares persist four nights a week with flashbacks when startled",
    "bipolar": "sleep remains broken and evenings are still marked by racing thoughts",
    "panic": "panic attacks continue three times a week and {she} still will not go out alone",
}
HOURS: tuple[tuple[str, float], ...] = (
    ("9", 9.0),
    ("12 (4 days x 3 hours)", 12.0),
    ("Nine hours per week minimum", 9.0),
    ("10 - three 3-hour program days plus weekly individual therapy", 10.0),
)


def _cert_form(
    rng: random.Random, roster: Roster, center: tuple[str, str], c: Client, dx: Dx,
    day: dt.date, recert: bool, phq0: int, phq1: int, since: dt.date,
) -> tuple[DocFile, DocGold]:  # fmt: skip
    hours_text, hours = pick(rng, HOURS)
    elements = {CertificationElement.MIN_HOURS, CertificationElement.CLINICAL_NEED}
    stay: set[ContinuedStayElement] = set()
    answers: list[tuple[str, str]] = []
    if chance(rng, 0.8) or not recert:
        elements.add(CertificationElement.DIAGNOSIS)
        answers.append(("1. Diagnosis (ICD-10-CM)", f"{dx.code} {dx.name}"))
    else:
        answers.append(("1. Diagnosis (ICD-10-CM)", "See initial certification."))
    answers.append(("2. Why does the patient need intensive outpatient care?", NEED[dx.key]))
    answers.append(("3. Hours of service needed per week", hours_text))
    scores: tuple[GoldScore, ...] = ()
    if recert:
        elements |= {CertificationElement.RESPONSE_TO_TREATMENT,
                     CertificationElement.CONTINUING_SYMPTOMS}  # fmt: skip
        stay.add(ContinuedStayElement.CONTINUING_SYMPTOMS)
        answers.append((
            "4. Response to treatment so far",
            f"Partial. PHQ-9 {phq0} at admission ({day_str(since)}), {phq1} on "
            f"{day_str(plus(day, -3))}; attends consistently and uses the skills taught.",
        ))  # fmt: skip
        scores = (GoldScore("PHQ-9", phq0, since), GoldScore("PHQ-9", phq1, plus(day, -3)))
        answers.append((
            "5. Symptoms that still require intensive treatment",
            _fill(STILL[dx.key], c).capitalize() + ".",
        ))  # fmt: skip
        if chance(rng, 0.6):
            stay.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
            answers.append((
                "6. Could the patient be treated at a less intensive level now?",
                "No. When program days were reduced to two a week during the holiday "
                "schedule, symptoms returned within a week and a crisis visit followed.",
            ))  # fmt: skip
        else:
            answers.append((
                "6. Could the patient be treated at a less intensive level now?",
                "Possibly within two to three weeks, if the current improvement continues.",
            ))  # fmt: skip
    else:
        answers.append(("4. Response to treatment so far", "N/A - initial certification"))
        answers.append(("5. Symptoms that still require intensive treatment", "N/A"))
        answers.append(("6. Could the patient be treated at a less intensive level now?", "N/A"))
    if chance(rng, 0.6):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        answers.append((
            "7. Treatment goals toward discharge",
            "PHQ-9 below 10, back to classes or work half time, outpatient psychiatrist and "
            "therapist in place.",
        ))  # fmt: skip
    else:
        answers.append(("7. Treatment goals toward discharge", ""))
    if chance(rng, 0.5):
        elements.add(CertificationElement.PLAN_OF_CARE)
        answers.append((
            "8. Plan of care",
            "Individualized plan of care established by the team; reviewed every 30 days.",
        ))  # fmt: skip
    else:
        answers.append(("8. Plan of care", "(see chart)"))
    lines = [
        f"**{center[0]}",
        center[1],
        "**CERTIFICATION / RECERTIFICATION OF MEDICAL NECESSITY - PHP AND IOP",
        f"Patient: {c.who.full}     MRN: {c.mrn}     Form date: {day_str(day)}",
        f"Type:  ( ) PHP   (X) IOP        {'( )' if recert else '(X)'} Initial   "
        f"{'(X)' if recert else '( )'} Recertification",
        "",
    ]
    for q, a in answers:
        lines.append(f"**{q}")
        lines += wrap(a, 90, indent="     ") if a else ["     "]
        lines.append("")
    md = roster.person(pick(rng, ("MD", "DO")))
    v = rng.randrange(3)
    if v == 0:
        lines.append(f"Certifying physician: {md.signed}     Date: {day_str(day)}")
        signers: tuple[GoldSigner, ...] = (md.gold(),)
    elif v == 1:
        np_ = roster.person("PMHNP")
        lines += [
            f"Signed: {np_.signed} {day_str(day)}; {md.initial}, {md.cred} {day_str(day)}",
        ]
        signers = (np_.gold(), GoldSigner(md.initial, md.norm))
    else:
        np_ = roster.person(pick(rng, ("PMHNP", "PA-C")))
        lines += [
            f"Completed by: {np_.signed}     Date: {day_str(day)}",
            "Certifying physician: ______________________________     Date: __________",
        ]
        signers = (np_.gold(), GoldSigner("Certifying physician", None, signed=False))
    lines.append(f"Next recertification due no later than {day_str(plus(day, 60))}.")
    doc = pdf(
        f"{'Recert' if recert else 'Cert'}_Form_{day:%Y%m%d}.pdf",
        "\n".join(lines),
        footer=f"{center[0].title()} - Form PSY-114 - page {{page}} of {{pages}}",
    )
    return doc, DocGold(
        file=doc.name,
        kind="recertification" if recert else "certification",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        continued_stay=frozenset(stay) if recert else None,
        scores=scores if recert else None,
    )


# (goal, S, M (or a vague M), measure, T, time frame)
SMART: tuple[tuple[str, str, str, bool], ...] = (
    ("Decrease depressive symptoms enough to return to school",
     "Behavioral activation schedule followed each day",
     "PHQ-9 below 10 on two consecutive weekly administrations", True),
    ("Reduce the frequency and intensity of panic attacks",
     "Interoceptive exposure practice at home",
     "No more than 1 panic attack per week for 3 weeks, by panic log", True),
    ("Improve sleep so that daytime functioning is restored",
     "Sleep restriction and a fixed wake time",
     "Patient will feel more rested", False),
    ("Build a reliable plan for staying safe during crises",
     "Written safety plan with three contacts",
     "Zero ED visits for crises; calls a listed contact instead", True),
    ("Strengthen relationships and reduce isolation",
     "Re-engage with one friend and one activity",
     "Improved mood and relationships per patient report", False),
)  # fmt: skip
OBJ: tuple[tuple[str, bool, bool], ...] = (
    ("Complete a daily activity log for the next 14 days", True, True),
    ("Identify personal warning signs with the therapist", False, False),
    ("Attend at least 11 of 12 program days each month", True, False),
    ("Practice paced breathing twice a day", True, False),
    ("Discuss medication side effects with the psychiatrist", False, False),
    ("Contact one support person 3 times per week by week 4", True, True),
)


def _smart_plan(
    rng: random.Random, roster: Roster, center: tuple[str, str], c: Client, day: dt.date,
    phq: int,
) -> tuple[DocFile, DocGold]:  # fmt: skip
    lines = [
        center[0],
        center[1],
        "INDIVIDUALIZED TREATMENT PLAN (SMART FORMAT)",
        f"Patient: {c.who.full}   MRN: {c.mrn}   Plan date: {day_str(day, 'long')}",
        f"Baseline measures: PHQ-9 {phq} (admission)",
        "",
    ]
    goals: list[GoldGoal] = []
    objs = rng.sample(range(len(OBJ)), len(OBJ))
    for n, gi in enumerate(rng.sample(range(len(SMART)), rng.randrange(2, 4)), start=1):
        goal, spec, meas, measured = SMART[gi]
        tv = rng.randrange(4)
        if tv <= 1:
            t_text, framed = f"by {day_str(plus(day, pick(rng, (35, 42, 56))))}", True
        elif tv == 2:
            t_text, framed = "within 6 weeks", True
        else:
            t_text, framed = "ongoing", False
        lines += [
            f"GOAL {n}: {goal}",
            f"   S (Specific):     {spec}",
            f"   M (Measurable):   {meas}",
            f"   A (Achievable):   Patient agrees; {c.she} has used similar skills before",
            "   R (Relevant):     Directly related to the reason for admission",
            f"   T (Time-bound):   {t_text}",
        ]
        objectives = []
        for k in range(rng.randrange(1, 3)):
            text, om, of = OBJ[objs.pop()]
            lines.append(f"   Objective {n}.{k + 1}: {text}")
            objectives.append(GoldGoal(text, om, of))
        lines.append("")
        goals.append(GoldGoal(goal, measured, framed, tuple(objectives)))
    att = roster.person(pick(rng, ("MD", "DO")))
    th = roster.person(pick(rng, ("LCSW", "PHD", "LMFT")))
    rn = roster.person("RN")
    lines += [
        f"Team members present at the planning conference: Dr. {att.last}, {th.full}, "
        f"{rn.full}, the patient"
        + (f", and a medical student ({roster.person().full})" if chance(rng, 0.5) else "")
        + ".",
        "",
        "SIGNATURES",
    ]
    signers: list[GoldSigner] = []
    if chance(rng, 0.5):
        lines.append(
            f"{c.who.full} (patient)  |  {th.signed}  |  {att.signed}   -   all signed "
            f"{day_str(day)}"
        )
        signers += [GoldSigner(c.who.full, None), th.gold(), att.gold()]
    else:
        lines += [
            f"Primary therapist: {th.signed}   {day_str(day)}",
            f"Attending psychiatrist: {att.signed}   {day_str(day)}",
            "Patient: ______________________   (patient left before signing; will sign at "
            "next session)",
        ]
        signers += [th.gold(), att.gold(), GoldSigner("Patient", None, signed=False)]
    lines.append(f"Plan review scheduled: {day_str(plus(day, 30))}")
    doc = txt(f"Treatment_Plan_SMART_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="treatment_plan",
        date=day,
        signers=tuple(signers),
        goals=tuple(goals),
        scores=(GoldScore("PHQ-9", phq),),
    )


SAID = {
    ParticipationStatus.PARTICIPATES: (
        "on {d} {she} was an active participant in every group",
        "on {d} {she} took full part, presenting {her} chain analysis",
        "on {d} {she} participated well and helped a newer patient",
    ),
    ParticipationStatus.REFUSES: (
        "on {d} {she} refused to attend the afternoon groups and went home",
        "on {d} {she} declined all groups, saying treatment was pointless",
    ),
    ParticipationStatus.CANNOT_PARTICIPATE: (
        "on {d} {she} was too disorganized after a missed lithium dose to take part",
    ),
    ParticipationStatus.CANNOT_TOLERATE: (
        "on {d} {she} could not tolerate the full program day and left after the first group",
    ),
}
ARC: tuple[tuple[ParticipationStatus, ...], ...] = (
    (ParticipationStatus.PARTICIPATES, ParticipationStatus.PARTICIPATES,
     ParticipationStatus.REFUSES),
    (ParticipationStatus.REFUSES, ParticipationStatus.PARTICIPATES,
     ParticipationStatus.PARTICIPATES),
    (ParticipationStatus.PARTICIPATES, ParticipationStatus.CANNOT_TOLERATE,
     ParticipationStatus.PARTICIPATES),
    (ParticipationStatus.PARTICIPATES, ParticipationStatus.CANNOT_PARTICIPATE,
     ParticipationStatus.REFUSES),
)  # fmt: skip


def _conference(
    rng: random.Random, roster: Roster, center: tuple[str, str], c: Client, monday: dt.date,
    week: int,
) -> tuple[DocFile, DocGold]:  # fmt: skip
    arc = pick(rng, ARC)
    days = sorted(rng.sample(range(0, 4), len(arc)))
    parts: list[GoldParticipation] = []
    bits: list[str] = []
    for status, k in zip(arc, days, strict=True):
        d = plus(monday, k)
        bits.append(
            pick(rng, SAID[status]).format(
                d=f"{d:%A} ({day_str(d, 'nopad')})", she=c.she, her=c.her
            )
        )
        parts.append(GoldParticipation(status, d))
    conf = plus(monday, 4)
    phq, gad = rng.randrange(8, 20), rng.randrange(6, 16)
    att = roster.person(pick(rng, ("MD", "DO")))
    engagement = "; ".join(bits)
    engagement = engagement[0].upper() + engagement[1:] + "."
    text = [
        f"{center[0]} - {center[1]}",
        "INTERDISCIPLINARY TEAM CONFERENCE - TRANSCRIBED",
        f"Patient: {c.who.full}   MRN: {c.mrn}   Conference date: {day_str(conf)}   "
        f"Program week {week}",
        "",
        f"Present: Dr. {att.last} (attending), primary therapist, nursing, social work.",
        "",
        "ENGAGEMENT THIS WEEK: " + engagement,
        "",
        f"MEASURES: This week's PHQ-9 was {phq} and GAD-7 {gad}, both completed "
        f"{day_str(plus(monday, 1), 'long')}. The team's target remains a PHQ-9 under 10.",
        "",
        "PLAN: continue current plan; family meeting to be offered next week. If refusals "
        "continue, the team will discuss discharge to a lower level of care.",
        "",
        f"Dictated by {att.signed}. D: {day_str(conf)}  T: {day_str(conf)}",
    ]
    lines = [x for line in text for x in (wrap(line, 92) if line else [""])]
    doc = txt(f"IDT_Conference_Week{week}_{conf:%Y%m%d}.txt", "\n".join(lines))
    when = plus(monday, 1)
    return doc, DocGold(
        file=doc.name,
        kind="progress_note",
        date=conf,
        participation=tuple(parts),
        scores=(GoldScore("PHQ-9", phq, when), GoldScore("GAD-7", gad, when)),
    )


def render(rng: random.Random) -> DocChart:
    roster = Roster(rng)
    center = pick(rng, CENTERS)
    c = client(roster)
    dx = pick(rng, MH_DX)
    adm = start_day(rng)
    ev, ev_gold, phq = _admission(rng, roster, center, c, dx, adm)
    cert_day = plus(adm, rng.randrange(0, 3))
    cert, cert_gold = _cert_form(rng, roster, center, c, dx, cert_day, False, phq, phq, adm)
    plan, plan_gold = _smart_plan(rng, roster, center, c, plus(adm, rng.randrange(1, 4)), phq)
    files = [ev, cert, plan]
    gold = [ev_gold, cert_gold, plan_gold]
    if chance(rng, 0.5):
        recert_day = plus(cert_day, rng.randrange(50, 59))
        phq1 = max(phq - rng.randrange(3, 9), 4)
        recert, recert_gold = _cert_form(
            rng, roster, center, c, dx, recert_day, True, phq, phq1, adm
        )
        files.append(recert)
        gold.append(recert_gold)
    else:
        week = rng.randrange(2, 5)
        conf, conf_gold = _conference(rng, roster, center, c, plus(adm, 7 * (week - 1)), week)
        files.append(conf)
        gold.append(conf_gold)
    return DocChart(files=tuple(files), gold=tuple(gold))


FAMILY = DocFamily(
    name="g2-academic-smart-plan",
    split="heldout",
    description=(
        "University-hospital teaching IOP: a dictated trainee admission assessment with a "
        "SAFE-T risk formulation and the supervisor's agreement, a numbered question-and-"
        "answer certification / recertification form, a SMART-format treatment plan and a "
        "transcribed interdisciplinary team conference with engagement day by day."
    ),
    conventions=(
        "'PHQ 9 of 18 and a GAD 7 of 14', 'PCL 5' as transcribed (no hyphen, no own date)",
        "SAFE-T: risk/protective factors, prior attempts as history, RISK LEVEL",
        "'were she to resume drinking daily, admission would need to be reconsidered'",
        "psychology intern + supervising psychologist; resident + attending note; "
        "'Resident, for Attending' on one line",
        "D: / T: / Job# stamps; signed the day after the service (no single date)",
        "planned physical exam date and plan-review date that are not the document's",
        "Q&A form: hours as a bare '9' or '12 (4 days x 3 hours)'; N/A answers on an initial",
        "'Possibly within two to three weeks, if ...' (no less-intensive-insufficient)",
        "empty discharge-goal answer; '(see chart)' plan of care",
        "several signers on one line with initials ('J. Doe, MD'); blank certifying physician",
        "SMART fields: M vague ('feel more rested'), T 'ongoing' / 'within 6 weeks' / by date",
        "team members present (a medical student) who do not sign",
        "IDT transcription: weekday (date) engagement, refusal after participation",
    ),
    render=render,
    tags=("academic", "transcribed", "smart-goals", "txt", "pdf"),
)
