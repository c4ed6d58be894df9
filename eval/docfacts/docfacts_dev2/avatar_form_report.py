"""dd-avatar-form-report: a county behavioral-health agency on a Netsmart myAvatar-like
system, whose chart is printed as "Form Report" exports: every form is a two-column list
of questions and responses (wrapped in their columns), staff written LAST,FIRST CRED, the
form date apart from a data-entry stamp and a print date. A physician certification and a
recertification as question / response forms (an unanswered question prints its
question only), a suicide / violence risk assessment form with a reviewer who did not
perform it, and a progress-notes report of several group notes each with a
"Client Participation" response."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import CertificationElement, ContinuedStayElement, ParticipationStatus
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
    wrap,
)
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldParticipation,
    GoldRisk,
    GoldSigner,
)

AGENCIES = (
    ("RIVER VALLEY COUNTY BEHAVIORAL HEALTH", "ADULT IOP - EAST CLINIC"),
    ("TRI-COUNTY MENTAL HEALTH AUTHORITY", "INTENSIVE OUTPATIENT (MH) - MAIN"),
    ("SUMMIT COMMUNITY SERVICES BOARD", "IOP ADULT MH - SITE 04"),
)
Q_WIDTH = 42
A_COL = 46


def staff(w: Who) -> str:
    """myAvatar's staff print: LAST,FIRST CRED."""
    base = f"{w.last.upper()},{w.first.upper()}"
    return f"{base} {w.cred}" if w.cred else base


def qa(question: str, answer: str) -> list[str]:
    """A question and its response in two columns, each wrapped in its own column."""
    q = wrap(question, Q_WIDTH)
    a = wrap(answer, 88 - A_COL) if answer else [""]
    out = []
    for i in range(max(len(q), len(a))):
        left = q[i] if i < len(q) else ""
        right = a[i] if i < len(a) else ""
        out.append(f"{left:<{A_COL}}{right}".rstrip())
    return out


def header(
    agency: tuple[str, str], form: str, m: Member, episode: int, day: dt.date, entry: str
) -> list[str]:
    return [
        f"{agency[0]:<60}Page 1 of 1",
        f"Form Report: {form}",
        f"Client: {m.who.last.upper()},{m.who.first.upper()} ({m.mrn})    Episode: {episode}    "
        f"Program: {agency[1]}",
        f"Form Date: {fmt(day)}    Data Entry By: {entry}    Data Entry Time: {clock_of(day)}",
        "-" * 88,
        f"{'Question':<{A_COL}}Response",
        "-" * 88,
    ]


def clock_of(day: dt.date) -> str:
    return f"{8 + day.day % 9:02d}:{(day.day * 7) % 60:02d}"


def footer(printed: dt.date, user: str) -> list[str]:
    return [
        "-" * 88,
        f"Printed {fmt(printed)} by {user}    ** CONFIDENTIAL - 42 CFR Part 2 / HIPAA **",
    ]


NEED = {
    "mdd": "Depressive episode worsened over the past month with daily tearfulness, "
    "anhedonia, sleeping 3-4 hours, and missing work 3 days per week; weekly outpatient "
    "therapy has not been sufficient and client requires the structure of IOP to avoid "
    "inpatient admission.",
    "gad": "Escalating anxiety with daily panic symptoms, avoidance of work and driving, and "
    "inability to complete household tasks; routine outpatient care has failed to contain "
    "the decline and IOP level of care is clinically necessary.",
    "ptsd": "Acute exacerbation of trauma symptoms after a recent assault: nightly "
    "nightmares, dissociative episodes at work and social withdrawal; needs intensive "
    "structured treatment several days per week to stabilize.",
    "bipolar": "Recent decompensation with mixed features, irregular sleep and impulsive "
    "spending; stepping down from inpatient and needs intensive monitoring and skills "
    "groups to prevent readmission.",
    "panic": "Panic attacks increased to several per day with ED visits twice this month; "
    "client has stopped leaving home alone and needs IOP-level exposure and skills work.",
}
RESPONSE = (
    "Partial response. Attending 4 of 4 program days most weeks; uses coping skills in "
    "group; sleep improved to 5-6 hours.",
    "Some improvement in mood and engagement since admission, but gains are inconsistent "
    "and client still has difficulty applying skills outside of program.",
    "Client has responded slowly: completed safety plan and medication adjustment, "
    "reports fewer crying spells, still well short of discharge goals.",
)
CONTINUING = {
    "mdd": "Persistent depressed mood, anhedonia and hopelessness; unable to return to work.",
    "gad": "Ongoing daily panic symptoms and avoidance of work and driving.",
    "ptsd": "Nightmares 4-5 nights per week, dissociation when triggered, avoidance.",
    "bipolar": "Residual depressive symptoms with unstable sleep-wake cycle.",
    "panic": "Panic attacks 3-4 times weekly; still unable to shop alone.",
}
CONTINUED_NEED = (
    "Yes - client still needs the daily structure and skills practice of IOP.",
    "Medically necessary: symptoms above still require IOP-level treatment.",
    "Yes",
)
LOWER_LOC = (
    "Prior trial of weekly outpatient therapy failed; stepping down now would likely "
    "result in relapse and rehospitalization.",
    "Client decompensated the last time services were reduced; a lower level of care "
    "could not keep client out of the hospital at this point.",
    "Less intensive services would not provide enough structure to prevent relapse.",
)
DISCHARGE = (
    "Discharge to weekly OP therapy and med management when PHQ-9 below 10 and client "
    "returns to work part time.",
    "Client will be ready for step-down when panic attacks are fewer than 1 per week and "
    "client drives independently.",
    "Transition to outpatient once sleep is 6+ hours and client attends 2 community "
    "support meetings weekly.",
)


def _certifiers(
    rng: random.Random, people: People
) -> tuple[list[tuple[str, str]], tuple[GoldSigner, ...]]:
    """The signature questions of a certification form and their gold."""
    variant = rng.randrange(4)
    if variant == 0:
        md = people.person(pick(rng, ("MD", "DO")))
        return (
            [
                ("Certifying Practitioner", staff(md)),
                ("Practitioner Signature", "Electronically Signed"),
            ],
            (md.gold(),),
        )
    np_ = people.person(pick(rng, ("PMHNP", "APRN", "NP")))
    if variant == 1:
        md = people.person("MD")
        return (
            [
                ("Certifying Practitioner", staff(np_)),
                ("Practitioner Signature", "Electronically Signed"),
                ("Co-Signature Required", "Yes"),
                ("Co-Signing Physician", staff(md)),
                ("Co-Signature Status", "Signed"),
            ],
            (np_.gold(), md.gold()),
        )
    if variant == 2:
        return (
            [
                ("Certifying Practitioner", staff(np_)),
                ("Practitioner Signature", "Electronically Signed"),
                ("Co-Signature Required", "Yes"),
                ("Co-Signing Physician", ""),
                ("Co-Signature Status", "Pending"),
            ],
            (np_.gold(), GoldSigner("Co-Signing Physician", None, signed=False)),
        )
    md = people.person("MD")
    return (
        [
            ("Certifying Practitioner", f"{staff(np_)}; {staff(md)}"),
            ("Practitioner Signature", "Electronically Signed (2 of 2)"),
        ],
        (np_.gold(), md.gold()),
    )


def _certification(
    rng: random.Random,
    people: People,
    agency: tuple[str, str],
    m: Member,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
    entry: str,
) -> tuple[DocFile, DocGold]:
    elements = {CertificationElement.DIAGNOSIS, CertificationElement.CLINICAL_NEED}
    rows: list[tuple[str, str]] = [
        ("Type of Certification", "Initial"),
        ("Admission Date", fmt(adm)),
        ("Primary Diagnosis (ICD-10-CM)", f"{dx.code} - {dx.name}"),
    ]
    hours_q = rng.randrange(3)
    if hours_q == 0:
        hours = 9.0
        rows.append(("Client requires a minimum of 9 hours per week of IOP services", "Yes"))
    elif hours_q == 1:
        hours = float(pick(rng, (10, 12)))
        rows.append(("Hours per week of active treatment medically necessary", f"{hours:g}"))
    else:
        days, per = pick(rng, ((3, 3), (4, 3), (3, 4)))
        hours = float(days * per)
        rows.append(("Frequency (days per week)", str(days)))
        rows.append(("Hours per program day", str(per)))
        rows.append(("Total weekly hours required", f"{hours:g}"))
    elements.add(CertificationElement.MIN_HOURS)
    rows.append(("Clinical justification for IOP level of care", NEED[dx.key]))
    if chance(rng, 0.5):
        rows.append(
            (
                "Services furnished under an individualized plan of care",
                "Yes - IOP Treatment Plan to be completed within 7 days",
            )
        )
        elements.add(CertificationElement.PLAN_OF_CARE)
    else:
        rows.append(("Services furnished under an individualized plan of care", ""))
    sig_rows, signers = _certifiers(rng, people)
    rows += sig_rows
    rows.append(("Signature Date", fmt(day)))
    lines = header(agency, "IOP PHYSICIAN CERTIFICATION / RECERTIFICATION", m, 1, day, entry)
    for q, a in rows:
        lines += qa(q, a)
    lines += footer(plus(day, rng.randrange(20, 60)), entry)
    doc = txt(f"FormReport_IOP_Cert_{m.mrn}_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="certification",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )


def _recertification(
    rng: random.Random,
    people: People,
    agency: tuple[str, str],
    m: Member,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
    entry: str,
) -> tuple[DocFile, DocGold]:
    elements = {
        CertificationElement.RESPONSE_TO_TREATMENT,
        CertificationElement.CONTINUING_SYMPTOMS,
        CertificationElement.CLINICAL_NEED,
    }
    stay = {ContinuedStayElement.CONTINUING_SYMPTOMS}
    rows: list[tuple[str, str]] = [
        ("Type of Certification", "Recertification"),
        ("Admission Date", fmt(adm)),
    ]
    if chance(rng, 0.6):
        rows.append(("Primary Diagnosis (ICD-10-CM)", f"{dx.code} - {dx.name}"))
        elements.add(CertificationElement.DIAGNOSIS)
    rows.append(("Client's response to treatment to date", pick(rng, RESPONSE)))
    rows.append(("Symptoms that continue to require IOP", CONTINUING[dx.key]))
    rows.append(("Continued need for IOP level of care", pick(rng, CONTINUED_NEED)))
    hours: float | None = None
    if chance(rng, 0.7):
        hours = 9.0
        rows.append(("Client continues to require at least 9 hours per week of services", "Yes"))
        elements.add(CertificationElement.MIN_HOURS)
    else:
        rows.append(("Client continues to require at least 9 hours per week of services", ""))
    if chance(rng, 0.65):
        rows.append(
            ("Why can client not be served at a lower level of care?", pick(rng, LOWER_LOC))
        )
        stay.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
    else:
        rows.append(("Why can client not be served at a lower level of care?", ""))
    if chance(rng, 0.6):
        rows.append(("Treatment goals / criteria for discharge", pick(rng, DISCHARGE)))
        elements.add(CertificationElement.DISCHARGE_GOALS)
    sig_rows, signers = _certifiers(rng, people)
    rows += sig_rows
    rows.append(("Signature Date", fmt(day)))
    lines = header(agency, "IOP PHYSICIAN CERTIFICATION / RECERTIFICATION", m, 1, day, entry)
    for q, a in rows:
        lines += qa(q, a)
    lines += footer(plus(day, rng.randrange(5, 30)), entry)
    doc = txt(f"FormReport_IOP_Recert_{m.mrn}_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="recertification",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        continued_stay=frozenset(stay),
    )


def _risk(
    rng: random.Random,
    people: People,
    agency: tuple[str, str],
    m: Member,
    day: dt.date,
    entry: str,
) -> tuple[DocFile, DocGold]:
    assessor = people.person(pick(rng, ("LCSW", "LPC", "LMHC", "PSYD")))
    reviewer = people.person(pick(rng, ("MD", "LCSW")))
    history = pick(
        rng,
        (
            "Yes - intentional overdose in 2016, hospitalized 3 days",
            "Yes - cut wrists at age 19 (remote)",
            "None reported",
        ),
    )
    variant = rng.randrange(4)
    rows: list[tuple[str, str]]
    if variant == 0:
        rows = [
            ("Current suicidal ideation", "No"),
            ("Suicide plan", "None"),
            ("Suicidal intent", "None"),
            ("History of suicide attempts", history),
            ("Homicidal / violent ideation", "Denied"),
            ("Overall suicide risk level", "Low"),
            ("Client requires 24-hour supervision", "No"),
            ("Recommended level of care", "Continue IOP; safety plan reviewed"),
        ]
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
    elif variant == 1:
        rows = [
            ("Current suicidal ideation", "Passive (wishes to not wake up); no plan, no intent"),
            ("History of suicide attempts", history),
            ("Homicidal / violent ideation", "No"),
            ("Access to lethal means", "Firearm removed from home by brother"),
            ("Overall suicide risk level", "Low"),
            ("Risk formulation", "Chronic risk factors present; acute risk low at this time."),
        ]
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=None)
    elif variant == 2:
        rows = [
            ("Current suicidal ideation", "Yes - intermittent, no specific plan"),
            ("Suicidal intent", f"Client unable to say whether {m.she} would act"),
            ("History of suicide attempts", history),
            ("Homicidal / violent ideation", "No"),
            ("Overall suicide risk level", "Moderate"),
            ("Plan", "Safety plan updated; increase check-ins; reassess at next visit"),
        ]
        risk = GoldRisk(imminent_danger=None, needs_24h_supervision=None)
    else:
        rows = [
            ("Current suicidal ideation", "Yes"),
            ("Suicide plan", "Hang self in garage; has identified rope"),
            ("Suicidal intent", "Yes - states would act tonight"),
            ("History of suicide attempts", history),
            ("Overall suicide risk level", "High / Imminent"),
            ("Client requires 24-hour supervision", "Yes"),
            (
                "Recommended level of care",
                "Inpatient psychiatric hospitalization; transported to ED by mobile crisis",
            ),
        ]
        risk = GoldRisk(imminent_danger=True, needs_24h_supervision=True)
    rows += [("Assessed By", staff(assessor)), ("Reviewed By (Supervisor)", staff(reviewer))]
    lines = header(agency, "SUICIDE / VIOLENCE RISK ASSESSMENT (C-SSRS BASED)", m, 1, day, entry)
    lines[3] = f"Assessment Date: {fmt(day, 'us_short')}    Data Entry By: {entry}"
    for q, a in rows:
        lines += qa(q, a)
    lines += footer(plus(day, rng.randrange(10, 40)), entry)
    doc = txt(f"FormReport_Risk_Assessment_{m.mrn}_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="risk_assessment",
        date=day,
        signers=(assessor.gold(),),
        risk=risk,
    )


PARTICIPATES = (
    "Active - client shared about triggers and gave feedback to peers",
    "Active",
    "Minimal - quiet but attentive; completed the worksheet",
    "Engaged throughout, volunteered for role play",
)
REFUSES = (
    "Refused - client declined to join group, stayed in lobby",
    "Refused to participate; stated 'groups are pointless'",
)
CANNOT = (
    "Unable - client disorganized and responding to internal stimuli, could not engage",
    "Unable to participate: intoxicated on arrival, sent home with sister",
)
TOLERATE = (
    "Left after 40 min - client reported the length of group was too much to tolerate",
    "Could not tolerate full group; overwhelmed by noise, left at break",
)


def _notes_report(
    rng: random.Random,
    people: People,
    agency: tuple[str, str],
    m: Member,
    adm: dt.date,
    entry: str,
) -> tuple[DocFile, DocGold]:
    facil = people.person(pick(rng, ("LPC", "LCSW", "LMFT")))
    pool = [plus(adm, d) for d in range(1, 26) if plus(adm, d).weekday() < 5]
    days = sorted(rng.sample(pool, rng.randrange(3, 5)))
    # the story: engaged first, then a lapse; it ends on participation half the time
    lapse = pick(
        rng,
        (
            (ParticipationStatus.REFUSES, REFUSES),
            (ParticipationStatus.CANNOT_PARTICIPATE, CANNOT),
            (ParticipationStatus.CANNOT_TOLERATE, TOLERATE),
        ),
    )
    ends_engaged = chance(rng, 0.5)
    states: list[tuple[ParticipationStatus, str]] = []
    n = len(days)
    for i in range(n):
        engaged = i in (0, n - 1) if ends_engaged else i < n - 1
        if engaged:
            states.append((ParticipationStatus.PARTICIPATES, pick(rng, PARTICIPATES)))
        else:
            states.append((lapse[0], pick(rng, lapse[1])))
    label = pick(rng, ("Client Participation", "Participation Level", "Client Response"))
    lines = [
        f"{agency[0]:<60}Page 1 of 1",
        "Progress Notes (Group and Individual) - Client Report",
        f"Client: {m.who.last.upper()},{m.who.first.upper()} ({m.mrn})    Program: {agency[1]}",
        f"Service Dates: {fmt(days[0])} - {fmt(days[-1])}",
        "=" * 88,
    ]
    gold: list[GoldParticipation] = []
    for d, (status, text) in zip(days, states, strict=True):
        start = clock(rng, lo=9, hi=10)
        lines += [
            f"Service Date: {fmt(d)}    Service: 90853 Group Psychotherapy    Duration: 180",
            f"Practitioner: {staff(facil)}    Location: 11 - Office",
            *qa("Group Topic", pick(rng, ("Distress tolerance", "Cognitive distortions",
                                           "Relapse prevention", "Values and goals"))),
            *qa(label, text),
            *qa("Note Status", f"Final - signed {fmt(d)} {start}"),
            "-" * 88,
        ]  # fmt: skip
        gold.append(GoldParticipation(status, d))
    lines.pop()
    lines += footer(plus(days[-1], rng.randrange(2, 9)), entry)
    doc = txt(f"ProgressNotes_Report_{m.mrn}.txt", "\n".join(lines))
    return doc, DocGold(file=doc.name, kind="progress_note", participation=tuple(gold))


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    agency = pick(rng, AGENCIES)
    m = member(people)
    dx = pick(rng, MH_DX)
    adm = admission(rng)
    entry = pick(rng, ("JSMITH04", "MREYES", "KTRAN2", "AVATARUSER17"))
    cert_day = plus(adm, rng.randrange(0, 4))
    cert, cert_gold = _certification(rng, people, agency, m, dx, adm, cert_day, entry)
    risk, risk_gold = _risk(rng, people, agency, m, plus(adm, rng.randrange(0, 3)), entry)
    notes, notes_gold = _notes_report(rng, people, agency, m, adm, entry)
    recert_day = plus(cert_day, rng.randrange(50, 60))
    recert, recert_gold = _recertification(rng, people, agency, m, dx, adm, recert_day, entry)
    files = (cert, risk, notes, recert)
    return DocChart(files=files, gold=(cert_gold, risk_gold, notes_gold, recert_gold))


FAMILY = DocFamily(
    name="dd-avatar-form-report",
    split="dev",
    description=(
        "Netsmart myAvatar-like 'Form Report' exports: certification, recertification and "
        "risk assessment as two-column question / response lists with wrapped answers, "
        "staff as LAST,FIRST CRED; a progress-notes report of dated group notes with a "
        "participation response."
    ),
    conventions=(
        "question / response columns; a question with no response states nothing",
        "Form Date vs Data Entry Time vs Printed date (only the form date is the document's)",
        "Certifying Practitioner + Co-Signing Physician (signed, or blank and 'Pending')",
        "two practitioners in one response 'LAST,FIRST PMHNP; LAST,FIRST MD'",
        "9 hours as a Yes to a question, a number of hours, or days x hours per day",
        "risk: low / passive SI without plan / moderate only / high with 24-hour supervision",
        "Assessed By vs Reviewed By (Supervisor)",
        "participation responses: Active / Minimal / Refused / Unable / could not tolerate",
    ),
    render=render,
    tags=("avatar", "export", "txt", "question-response"),
)
