"""dd-dictated-psychiatry: a private psychiatry group whose attending dictates. The initial
psychiatric evaluation comes back from transcription as a PDF in run-on prose (HPI, past
history with a 2019 overdose, MSE, rating scales, a RISK ASSESSMENT paragraph); the
certification and recertification are first-person letters ("I have personally examined
..."); an urgent risk reassessment is written the same day it happens. The attending
sometimes signs as "Dr. Last" with no credential."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import CertificationElement
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
    workday,
)
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldRisk,
    GoldScore,
    GoldSigner,
)

GROUPS = (
    ("COBALT VALLEY PSYCHIATRY", "2450 Meridian Ave, Suite 210 - Missoula, MT 59801"),
    ("MERIDIAN MENTAL HEALTH PARTNERS", "77 Foundry Street - Lowell, MA 01852"),
    ("RIVERBEND PSYCHIATRIC ASSOCIATES", "310 W. Front St - Bismarck, ND 58501"),
)

HPI = {
    "mdd": (
        "{name} is a {age}-year-old {job} who reports two months of depressed mood, early "
        "morning awakening, loss of appetite with a 12-pound weight loss, and an inability to "
        "concentrate at work. {She} has taken leave from work and spends most days in bed. "
        "{Her} spouse now manages the children's routines and the household finances."
    ),
    "gad": (
        "{name} is a {age}-year-old {job} describing constant worry about finances and "
        "{her} health, muscle tension, irritability and insomnia that have escalated over six "
        "weeks. {She} has been unable to work a full shift and has stopped seeing friends."
    ),
    "ptsd": (
        "{name} is a {age}-year-old {job} who was assaulted in a parking garage in the "
        "summer. Since then {she} has nightly nightmares, flashbacks, marked startle and "
        "avoidance of parking structures; {she} lost {her} job after missing shifts and rarely "
        "leaves the apartment."
    ),
    "bipolar": (
        "{name} is a {age}-year-old {job} with bipolar II disorder who stopped lamotrigine in "
        "the fall and has been in a depressive episode for seven weeks with hypersomnia, "
        "hopelessness and social withdrawal; {she} has not been able to work."
    ),
    "panic": (
        "{name} is a {age}-year-old {job} with daily panic attacks for a month, now avoiding "
        "driving, stores and public transit; {she} has missed most of the last three weeks "
        "of work and depends on family for errands."
    ),
}
JOBS = ("bookkeeper", "warehouse supervisor", "dental hygienist", "line cook", "teacher",
        "bus driver", "paralegal")  # fmt: skip
CONTINUING = {
    "mdd": "{she} still describes low mood on most days, poor concentration and early morning "
    "awakening, and has not been able to return to work",
    "gad": "{she} continues to worry most of the day with tension headaches and initial "
    "insomnia, and avoids work-related calls",
    "ptsd": "{she} continues to have nightmares four to five nights a week and avoids parking "
    "structures and crowded places",
    "bipolar": "{she} remains depressed with low energy and oversleeping and cannot yet keep a "
    "daily routine without prompting",
    "panic": "panic attacks continue three to four times a week and {she} still will not drive "
    "on the highway",
}


def _physician_sig(
    rng: random.Random, md: Who, day: dt.date, people: People
) -> tuple[list[str], tuple[GoldSigner, ...]]:
    variant = rng.randrange(5)
    if variant == 0:
        return (
            ["", "______________________________", md.signed, "Board Certified, Psychiatry"],
            (md.gold(),),
        )
    if variant == 1:
        return (
            ["", f"/s/ Dr. {md.last}", f"Date signed: {fmt(day)}"],
            (GoldSigner(f"Dr. {md.last}", None),),
        )
    if variant == 2:
        return (
            [f"Electronically signed: Dr. {md.signed} {fmt(day)} {clock(rng, h24=True)}"],
            (md.gold(),),
        )
    if variant == 3:
        return (
            ["", f"Certifying physician: {md.signed}", f"Signature on file    Date: {fmt(day)}"],
            (md.gold(),),
        )
    np_ = people.person("APRN")
    return (
        [
            "",
            f"Signed: {np_.signed}, PMHNP-BC    Date: {fmt(day)}",
            "",
            "Physician signature: ______________________   Date: ___________",
        ],
        (np_.gold(), GoldSigner("Physician", None, signed=False)),
    )


def _evaluation(
    rng: random.Random,
    group: tuple[str, str],
    m: Member,
    dx: Dx,
    md: Who,
    day: dt.date,
    pcp: Who,
) -> tuple[DocFile, DocGold]:
    age = m.age_on(day)
    hpi = HPI[dx.key].format(
        name=m.who.first, age=age, job=pick(rng, JOBS), she=m.she, She=m.She, her=m.her,
        Her=m.Her,
    )  # fmt: skip
    attempt = chance(rng, 0.65)
    level = pick(rng, ("low_full", "low_full", "not_imminent", "moderate"))
    phq = rng.randrange(15, 26)
    gad = rng.randrange(9, 20)
    auditc = rng.randrange(0, 6)
    scores = [GoldScore("PHQ-9", phq), GoldScore("GAD-7", gad), GoldScore("AUDIT-C", auditc)]
    pcp_day = plus(day, -rng.randrange(10, 30))
    pcp_phq = min(27, phq + rng.randrange(0, 4))
    referral = f"Referred by {pcp.signed} (PCP)"
    if chance(rng, 0.5):
        referral += f", whose office recorded a PHQ-9 of {pcp_phq} on {fmt(pcp_day)}"
        scores.append(GoldScore("PHQ-9", pcp_phq, pcp_day))
    referral += "."
    past = (
        f"One prior suicide attempt by overdose in 2019 (sertraline and alcohol), treated at "
        f"{pick(rng, ('St. Vincent', 'Mercy General', 'Valley Medical Center'))} with a five-day "
        "psychiatric admission afterward. No attempts since."
        if attempt
        else "No prior suicide attempts or psychiatric hospitalizations. Outpatient therapy in "
        "2021 for grief."
    )
    if level == "moderate":
        thought = (
            "Thought content: endorses passive death wishes most days and guilt about being a "
            "burden; denies homicidal ideation."
        )
        risk_text = (
            "RISK ASSESSMENT: Risk factors include "
            + ("the 2019 attempt, " if attempt else "")
            + "insomnia, hopelessness and recent job loss; protective factors include children, "
            "faith and engagement in care. Acute risk is judged to be moderate. Safety plan "
            "completed in session; we will reassess at every contact."
        )
        risk = GoldRisk(imminent_danger=None, needs_24h_supervision=None)
    else:
        thought = "Thought content: denies SI/HI, no plan or intent; no delusions elicited."
        if level == "low_full":
            risk_text = (
                "RISK ASSESSMENT: Although "
                + (
                    f"{m.she} carries chronic risk from the 2019 overdose, "
                    if attempt
                    else f"{m.she} has several chronic risk factors, "
                )
                + f"{m.her} acute risk is low. {m.She} denies current suicidal or homicidal "
                "ideation, plan or intent, has no access to firearms, and is future-oriented. "
                f"{m.She} does not require 24-hour supervision and is appropriate for an "
                "intensive outpatient level of care."
            )
            risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
        else:
            risk_text = (
                "RISK ASSESSMENT: Static risk factors are noted"
                + (" (prior overdose in 2019)" if attempt else "")
                + ". In my opinion the patient is not an imminent danger to self or others. "
                "Means restriction was discussed with the spouse."
            )
            risk = GoldRisk(imminent_danger=False, needs_24h_supervision=None)
    lines = [
        f"**{group[0]}",
        "Intensive Outpatient Program",
        group[1],
        "",
        "**INITIAL PSYCHIATRIC EVALUATION",
        "",
        f"PATIENT: {m.who.last.upper()}, {m.who.first}        DOB: {fmt(m.dob)}     MRN: {m.mrn}",
        f"DATE OF SERVICE: {fmt(day)}       LOCATION: IOP clinic",
        f"ATTENDING: Dr. {md.full}",
        "",
        *para(f"IDENTIFICATION AND REFERRAL: {referral}", 95).split("\n"),
        "",
        *para(
            "CHIEF COMPLAINT: "
            + pick(
                rng,
                (
                    '"I can\'t function anymore."',
                    '"Everything feels impossible."',
                    '"I need more help than once a week."',
                ),
            ),
            95,
        ).split("\n"),
        "",
        *para(f"HISTORY OF PRESENT ILLNESS: {hpi}", 95).split("\n"),
        "",
        *para(f"PAST PSYCHIATRIC HISTORY: {past}", 95).split("\n"),
        "",
        *para(
            f"SUBSTANCE USE HISTORY: Drinks {pick(rng, ('one or two beers', 'a glass of wine'))}"
            f" on weekends; AUDIT-C score of {auditc}. Denies cannabis or other drug use.",
            95,
        ).split("\n"),
        "",
        *para(
            "MENTAL STATUS EXAMINATION: Casually dressed, fair hygiene, psychomotor slowing. "
            'Speech soft, normal rate. Mood "numb"; affect constricted and tearful. Thought '
            f"process linear. {thought} Insight and judgment fair.",
            95,
        ).split("\n"),
        "",
        *para(f"RATING SCALES: PHQ-9 = {phq}, GAD-7 = {gad} (administered today).", 95).split("\n"),
        "",
        *para(risk_text, 95).split("\n"),
        "",
        f"DIAGNOSTIC IMPRESSION: {dx.name} ({dx.code}).",
        "",
        "PLAN:",
        "1. Admit to the intensive outpatient program, three days per week.",
        "2. Medication: continue current antidepressant, titrate per response; labs reviewed.",
        *para(
            "3. Safety plan reviewed with patient and spouse; if suicidal thoughts recur, "
            f"{m.she} will call 988 or go to the nearest emergency department.",
            95,
        ).split("\n"),
        "4. Return visit in two weeks for medication management.",
        "",
    ]
    signers: tuple[GoldSigner, ...]
    if chance(rng, 0.35):
        name = f"Dr. {md.last}"
        signers = (GoldSigner(name, None),)
    else:
        name = md.signed
        signers = (md.gold(),)
    lines += [
        f"Dictated by: {name}",
        f"D: {fmt(day)}   T: {fmt(day)}   Job #: {rng.randrange(100000, 999999)}",
        f"Electronically signed by {name} on {fmt(day)} at {clock(rng, lo=15, hi=19)}",
    ]
    doc = pdf(
        f"Psychiatric_Evaluation_{day.isoformat()}.pdf",
        "\n".join(lines),
        footer=f"{group[0].title()} - Confidential - Page {{page}} of {{pages}}",
        lines_per_page=52,
    )
    return doc, DocGold(
        file=doc.name,
        kind="evaluation",
        date=day,
        signers=signers,
        risk=risk,
        scores=tuple(scores),
    )


def _hours(rng: random.Random) -> tuple[str, float]:
    return pick(
        rng,
        (
            ("a minimum of nine hours per week of intensive outpatient treatment", 9.0),
            ("not less than 9 hrs/week of structured IOP services", 9.0),
            ("IOP services three days per week for three hours each day", 9.0),
            ("at least 10 hours of intensive outpatient services each week", 10.0),
        ),
    )


def _certification(
    rng: random.Random,
    group: tuple[str, str],
    m: Member,
    dx: Dx,
    md: Who,
    day: dt.date,
    people: People,
) -> tuple[DocFile, DocGold]:
    hours_text, hours = _hours(rng)
    elements = {
        CertificationElement.DIAGNOSIS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    need = pick(
        rng,
        (
            f"{m.Her} symptoms began acutely about two months ago and now interfere with "
            f"{m.her} work, "
            f"{m.her} family life and {m.her} basic self-care; {m.she} needs a structured, "
            "multidisciplinary program with psychiatric supervision to treat them.",
            f"This is an acute decompensation: {m.she} has stopped working, is isolating from "
            "family and friends, and requires the intensive, structured combination of "
            "services the program provides.",
        ),
    )
    body = (
        f"I have personally examined {m.who.full} on {fmt(day, 'long')}. {m.She} meets "
        f"criteria for {dx.name.lower()} ({dx.code}). {need} In my medical opinion the "
        f"patient requires {hours_text}."
    )
    if chance(rng, 0.6):
        elements.add(CertificationElement.PLAN_OF_CARE)
        body += (
            " Treatment will be delivered under the individualized plan of care I have "
            "established, including group and individual psychotherapy, medication "
            "management and family sessions."
        )
    if chance(rng, 0.4):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        body += (
            f" The goal is discharge to outpatient care once {m.she} has resumed work and "
            f"{m.her} PHQ-9 is below 10."
        )
    sig, signers = _physician_sig(rng, md, day, people)
    lines = [
        f"{group[0]} - INTENSIVE OUTPATIENT PROGRAM",
        "PHYSICIAN CERTIFICATION OF NEED FOR INTENSIVE OUTPATIENT SERVICES",
        "",
        f"Patient: {m.who.full}     DOB: {fmt(m.dob)}     Date: {fmt(day)}",
        "",
        *para(body, 95).split("\n"),
        *sig,
    ]
    text = "\n".join(lines)
    name = f"Physician_Certification_{day.isoformat()}"
    doc = pdf(f"{name}.pdf", text) if chance(rng, 0.5) else txt(f"{name}.txt", text)
    return doc, DocGold(
        file=doc.name,
        kind="certification",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )


def _reassessment(
    rng: random.Random, m: Member, md: Who, therapist: Who, day: dt.date
) -> tuple[DocFile, DocGold, bool]:
    variant = pick(rng, ("positive", "passive", "hi"))
    head = [
        "URGENT RISK REASSESSMENT",
        f"Patient: {m.who.full}    Date: {fmt(day)}    Time: {clock(rng, lo=10, hi=12)}",
        f"Requested by: {therapist.signed} (group facilitator)",
        "",
    ]
    if variant == "positive":
        body = (
            f"Called to see patient after {m.she} disclosed in group that {m.she} has been "
            f"saving {m.her} clonazepam and wrote a goodbye note last night. On interview {m.she} "
            f"endorses current suicidal ideation with a plan to overdose tonight and states "
            "intent to act. Denies HI.",
            "ASSESSMENT: Imminent risk of harm to self; preparatory behavior present.",
            "DISPOSITION: Requires inpatient psychiatric hospitalization for 24-hour "
            "observation. Transported by ambulance to the emergency department with staff; "
            "spouse notified. IOP on hold.",
        )
        risk = GoldRisk(imminent_danger=True, needs_24h_supervision=True)
    elif variant == "passive":
        body = (
            f"Called to evaluate after patient said in group that {m.she} 'wouldn't mind not "
            f"waking up'. {m.She} clarifies these are passive thoughts; no plan, no intent, no "
            f"preparatory behavior. Past attempt in 2019 reviewed; {m.she} identifies {m.her} "
            "children as a reason for living.",
            "ASSESSMENT: Not at imminent risk of harm to self. Does not require a higher level "
            "of care.",
            "DISPOSITION: Continue IOP. Safety plan updated; if thoughts intensify "
            f"{m.she} will call 988 or the after-hours line.",
        )
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
    else:
        body = (
            f"Called after patient voiced anger toward a former partner during group. {m.She} "
            "denies homicidal ideation, intent or plan, has no access to weapons and no history "
            "of violence. Denies SI.",
            "ASSESSMENT: Not an imminent danger to others or self. Does not require 24-hour "
            "supervision.",
            "DISPOSITION: Continue IOP; anger management skills added to plan.",
        )
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
    lines = list(head)
    for b in body:
        lines += [para(b, 88), ""]
    if chance(rng, 0.5):
        lines.append(f"{md.signed}")
        lines.append(f"Signed {fmt(day)}")
        signers: tuple[GoldSigner, ...] = (md.gold(),)
    else:
        lines.append(f"Dr. {md.last} / dictated {fmt(day)}")
        signers = (GoldSigner(f"Dr. {md.last}", None),)
    doc = txt(f"Risk_Reassessment_{day.isoformat()}.txt", "\n".join(lines))
    gold = DocGold(file=doc.name, kind="risk_assessment", date=day, signers=signers, risk=risk)
    return doc, gold, variant == "positive"


def _recertification(
    rng: random.Random,
    group: tuple[str, str],
    m: Member,
    dx: Dx,
    md: Who,
    adm: dt.date,
    cert_day: dt.date,
    day: dt.date,
    hospitalized: dt.date | None,
    people: People,
    base_phq: int,
) -> tuple[DocFile, DocGold]:
    hours_text, hours = _hours(rng)
    elements = {
        CertificationElement.RESPONSE_TO_TREATMENT,
        CertificationElement.CONTINUING_SYMPTOMS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    cur = max(5, base_phq - rng.randrange(4, 9))
    opening = f"{m.who.full} has attended the intensive outpatient program since {fmt(adm)}"
    if hospitalized:
        opening += (
            f", with a brief inpatient stay after {fmt(hospitalized)}; {m.she} returned to the "
            f"program on {fmt(plus(hospitalized, 6))}"
        )
    opening += "."
    if chance(rng, 0.7):
        elements.add(CertificationElement.DIAGNOSIS)
        opening += f" {m.Her} diagnosis remains {dx.name.lower()} ({dx.code})."
    response = pick(
        rng,
        (
            f"{m.She} has responded partially to treatment: {m.she} uses behavioral "
            "activation and sleep strategies and participates in group.",
            f"{m.Her} response has been gradual; {m.she} now names warning signs early and "
            "uses the safety plan, though gains are fragile.",
        ),
    )
    scores_text = f"{m.Her} PHQ-9 has fallen from {base_phq} on {fmt(adm)} to {cur} on {fmt(day)}."
    body = (
        f"{opening} {response} {scores_text} However, "
        + CONTINUING[dx.key].format(she=m.she)
        + f". {m.She} continues to need the structure and intensity of the program to treat "
        f"these symptoms, and I certify that {m.she} requires {hours_text}."
    )
    if chance(rng, 0.7):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        body += (
            " Goals toward discharge: return to work at least part-time, PHQ-9 below 10, and a "
            "first appointment with a community therapist before transition."
        )
    if chance(rng, 0.5):
        elements.add(CertificationElement.PLAN_OF_CARE)
        body += (
            " The plan of care has been updated to add family sessions and continue medication "
            "management every two weeks."
        )
    sig, signers = _physician_sig(rng, md, day, people)
    lines = [
        f"{group[0]}",
        "RECERTIFICATION FOR CONTINUED INTENSIVE OUTPATIENT SERVICES",
        "",
        f"Date: {fmt(day)}    Patient: {m.who.full}    DOB: {fmt(m.dob)}",
        f"Admission: {fmt(adm)}    Previous certification: {fmt(cert_day)}",
        "",
        para(body, 92),
        *sig,
    ]
    doc = txt(f"Recertification_{day.isoformat()}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="recertification",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        scores=(GoldScore("PHQ-9", base_phq, adm), GoldScore("PHQ-9", cur, day)),
    )


def _med_note(rng: random.Random, m: Member, md: Who, day: dt.date) -> DocFile:
    lines = [
        "MEDICATION MANAGEMENT - BRIEF NOTE",
        f"{m.who.full}    {fmt(day)}    15 minutes",
        "",
        para(
            f"Tolerating current regimen without GI upset. Sleep improved to 6 hours. Increase "
            f"dose as planned; next visit in two weeks. {m.She} attends IOP three days a week.",
            88,
        ),
        "",
        f"{md.signed}",
    ]
    return txt(f"Med_Management_Note_{day.isoformat()}.txt", "\n".join(lines))


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    group = pick(rng, GROUPS)
    m = member(people)
    dx = pick(rng, MH_DX)
    md = people.person(pick(rng, ("MD", "MD", "DO")))
    therapist = people.person(pick(rng, ("LCSW", "LPC", "PSYD")))
    pcp = people.person(pick(rng, ("MD", "DO", "NP")))
    adm = admission(rng)
    eval_day = adm
    cert_day = plus(adm, rng.randrange(0, 2))
    reass_day = workday(plus(adm, rng.randrange(9, 20)))
    recert_day = workday(plus(cert_day, rng.randrange(45, 58)))

    ev, ev_gold = _evaluation(rng, group, m, dx, md, eval_day, pcp)
    cert, cert_gold = _certification(rng, group, m, dx, md, cert_day, people)
    reass, reass_gold, hospitalized = _reassessment(rng, m, md, therapist, reass_day)
    base = next(int(s.value) for s in ev_gold.scores or () if s.instrument == "PHQ-9")
    recert, recert_gold = _recertification(
        rng,
        group,
        m,
        dx,
        md,
        adm,
        cert_day,
        recert_day,
        reass_day if hospitalized else None,
        people,
        base,
    )
    files = (ev, cert, _med_note(rng, m, md, plus(adm, 14)), reass, recert)
    return DocChart(files=files, gold=(ev_gold, cert_gold, reass_gold, recert_gold))


FAMILY = DocFamily(
    name="dd-dictated-psychiatry",
    split="dev",
    description=(
        "Private psychiatry group with dictation: transcribed evaluation PDF in prose with a "
        "RISK ASSESSMENT paragraph, first-person certification and recertification letters, "
        "urgent risk reassessment (positive or not), 'Dr. Last' signatures with no credential."
    ),
    conventions=(
        "run-on dictated prose, D:/T: transcription stamps",
        "prior overdose in 2019 as history; 'if suicidal thoughts recur ... 988' plan",
        "low acute risk / not an imminent danger / moderate only / imminent with preparatory "
        "behavior and inpatient need",
        "hours as 'three days per week for three hours each day', 'not less than 9 hrs/week', "
        "'at least 10 hours'",
        "certification elements inside one paragraph",
        "Dr. Last without credential, /s/ signatures, APRN with PMHNP-BC and blank physician line",
        "PHQ-9 '=', 'score of', PCP-recorded score with its own date",
    ),
    render=render,
    tags=("dictation", "pdf", "prose"),
)
