"""dh-hospital-epic-iop: a hospital outpatient department's adult IOP printed from an
Epic-like EHR: note headers with Author/Filed/Status, e-signature and attestation stamps,
an interdisciplinary plan of care with problems, long-term goals and short-term
objectives with "Target:" fields, a C-SSRS flowsheet with a clinician risk formulation,
and a physician recertification printed to PDF."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import CertificationElement as CertEl
from core.facts import ContinuedStayElement as StayEl
from eval.docfacts.docfacts_heldout import _kit as k
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

HOSPITALS = (
    ("RIVERSIDE REGIONAL MEDICAL CENTER", "Behavioral Health Intensive Outpatient - Adult"),
    ("ST. BRENDAN HEALTH SYSTEM", "Outpatient Psychiatry IOP Program"),
    ("MERCY LAKES HOSPITAL", "Adult Mental Health Intensive Outpatient Services"),
)

# three clinical pictures (0 depression, 1 panic, 2 trauma with drinking): principal and
# secondary diagnoses, and the wording each document uses for them
DIAGNOSES = (
    (
        ("F33.2", "Major depressive disorder, recurrent, severe without psychotic features"),
        ("F32.2", "Major depressive disorder, single episode, severe w/o psychotic features"),
    ),
    (("F41.0", "Panic disorder"),),
    (("F43.10", "Post-traumatic stress disorder, unspecified"),),
)
SECONDARY = (
    (("F41.1", "Generalized anxiety disorder"),),
    (("F33.1", "Major depressive disorder, recurrent, moderate"),),
    (("F10.20", "Alcohol use disorder, moderate"),),
)
MEDS = (
    ("start sertraline 50 mg daily", "continue bupropion XL 300 mg"),
    ("start sertraline 25 mg daily, increase to 50 mg in 1 week",),
    ("prazosin 1 mg qhs for nightmares", "naltrexone 50 mg daily for alcohol use"),
)
CERT_DC = (
    "Discharge to weekly outpatient therapy and psychiatry when PHQ-9 is below 10 and pt "
    "has returned to work at least part time.",
    "Anticipated discharge when panic episodes are under 1/week and pt manages child care "
    "independently; step down to OP.",
    "Discharge when nightmares are 2 or fewer nights a week and pt has 30 days without "
    "alcohol; step down to trauma-focused OP therapy.",
)
STILL = (
    "Persistent anhedonia, passive death wishes 2-3 times per week, early-morning awakening "
    "and inability to return to work",
    "Daily panic symptoms, avoidance of leaving home alone, and reliance on family for child care",
    "Ongoing nightmares several nights a week, irritability at work, and binge drinking on "
    "weekends when unstructured",
)
RECERT_DC = (
    "PHQ-9 below 10 on two consecutive weeks; return to work part time; step down to weekly "
    "OP therapy and psychiatry with appointments set before discharge.",
    "Panic episodes less than once weekly, independent use of the safety plan, linkage to "
    "community therapist and peer support group.",
    "Nightmares 2 or fewer nights a week, 30 days alcohol-free, intake completed with a "
    "trauma therapist and a recovery support group before discharge.",
)


def _header(
    hosp: tuple[str, str],
    member: tuple[str, str],
    mrn: str,
    dob: dt.date,
    when: dt.date,
    title: str,
    author: k.Clin,
    author_type: str,
    filed: str,
) -> list[str]:
    first, last = member
    return [
        hosp[0],
        hosp[1],
        "",
        f"{last.upper()}, {first.upper()}".ljust(44) + f"MRN: {mrn}",
        f"DOB: {k.mdy(dob)}".ljust(44) + f"Encounter Date: {k.mdy(when)}",
        "",
        f"{title} by {author.with_cred()} at {k.mdy_loose(when)} {filed}",
        f"Author: {author.full}  Service: Psychiatry  Author Type: {author_type}",
        f"Filed: {k.mdy_loose(when)} {filed}  Date of Service: {k.mdy_loose(when)}  Status: Signed",
        "",
    ]


def _certification(
    rng: random.Random,
    hosp: tuple[str, str],
    member: tuple[str, str],
    mrn: str,
    dob: dt.date,
    when: dt.date,
    attending: k.Clin,
    names: k.Names,
    dx: list[tuple[str, str]],
    theme: int,
) -> tuple[DocFile, DocGold]:
    first, _last = member
    elements: set[CertEl] = {CertEl.CLINICAL_NEED}
    hours: float | None = None
    signers: list[GoldSigner] = []
    style = rng.choice(("attending", "resident", "np"))
    filed = k.clock(rng, 13, 18)
    if style == "attending":
        author, author_type = attending, "Physician"
    elif style == "resident":
        author = k.clin(names, ("MD", "DO"))
        author_type = "Resident"
    else:
        author = k.clin(names, ("PMHNP-BC", "APRN", "NP-C"))
        author_type = "Nurse Practitioner"
    out = _header(hosp, member, mrn, dob, when, "Progress Notes", author, author_type, filed)
    out += ["IOP ADMISSION - PHYSICIAN CERTIFICATION OF NEED", ""]
    age = (when - dob).days // 365
    source = rng.choice(
        (
            "discharge from the inpatient psychiatric unit (4 West)",
            "an emergency department visit for suicidal ideation",
            "the outpatient psychiatrist after a 6-week decline",
            "the PCP after 3 weeks of missed work",
        )
    )
    need = (
        (
            f"{first} is a {age} y.o. referred after {source}. Reports depressed mood most of "
            "the day, anhedonia, poor concentration and initial insomnia (3-4 hrs/night), "
            "with passive death wishes. Missed 3 weeks of work and has withdrawn from family "
            "responsibilities. Symptoms severely interfere with occupational and family "
            "functioning and require a structured, multimodal program with psychiatric "
            "oversight and frequent monitoring.",
            f"{age} yo pt referred after {source}. Acute decompensation over the past month: "
            "tearfulness, hopelessness, panic episodes 4-5x/wk, not leaving the home except "
            "for appointments; unable to manage child care without daily help from a sibling. "
            "Needs an intensive, closely monitored program to stabilize.",
            f"Referred after {source}. Pt endorses nightmares nightly, hypervigilance, "
            "irritability with two verbal altercations at work, and heavy drinking to sleep. "
            "Functioning is severely impaired at work and at home. Clinical need: structured, "
            "closely monitored treatment several days a week to stabilize.",
        )
    )[theme]
    out += ["REASON FOR ADMISSION / CLINICAL NEED FOR IOP:", k.wrap(need, 88, "  "), ""]
    if rng.random() < 0.85:
        elements.add(CertEl.DIAGNOSIS)
        out.append("DIAGNOSES:")
        for i, (code, name) in enumerate(dx):
            label = "Principal" if i == 0 else "Secondary"
            out.append(f"  {label}: {name} ({code})")
        out.append("")
    else:
        out += ["DIAGNOSES: see problem list", ""]
    out.append("LEVEL OF CARE:")
    hours_form = rng.randrange(6)
    if hours_form == 0:
        hours = 9.0
        line = "Pt requires a minimum of 9 hours per week of IOP services."
    elif hours_form == 1:
        hours = 9.0
        line = "Patient needs no fewer than nine (9) hours/week of structured IOP programming."
    elif hours_form == 2:
        hours = 9.0
        line = "Medically necessary: IOP at ≥ 9 hrs/wk of active treatment."
    elif hours_form == 3:
        hours = 12.0
        line = (
            "Requires at least 12 hours weekly of intensive outpatient treatment (4 days per week)."
        )
    elif hours_form == 4:
        hours = 9.0
        line = "IOP indicated; need for intensive outpatient care of at least nine hours a week."
    else:
        line = "IOP level of care indicated. Program schedule: Mon/Tue/Thu 9:00 AM-12:00 PM."
    if hours is not None:
        elements.add(CertEl.MIN_HOURS)
    out.append(k.wrap(line, 88, "  "))
    if rng.random() < 0.4:
        elements.add(CertEl.HIGHER_INTENSITY)
        out.append(
            k.wrap(
                rng.choice(
                    (
                        "Routine outpatient therapy (weekly, x 5 months) has not been "
                        "sufficient; pt needs a higher intensity of care than standard "
                        "outpatient services can provide.",
                        "Standard outpatient care alone is insufficient at this time; a more "
                        "intensive level of care than routine OP is required.",
                    )
                ),
                88,
                "  ",
            )
        )
    out.append("")
    if rng.random() < 0.7:
        elements.add(CertEl.PLAN_OF_CARE)
        out += [
            "PLAN OF CARE:",
            "  - Group psychotherapy (CBT/DBT skills) per IOP schedule",
            "  - Individual psychotherapy weekly with primary therapist",
            "  - Medication management: " + rng.choice(MEDS[theme]),
            "  - Psychoeducation for pt and family; care coordination with outpatient providers",
            "",
        ]
    if rng.random() < 0.45:
        elements.add(CertEl.DISCHARGE_GOALS)
        out += [
            "DISCHARGE CRITERIA:",
            k.wrap(CERT_DC[theme], 88, "  "),
            "",
        ]
    attest = "I certify that the services are medically necessary and that the patient "
    attest += "was seen and evaluated by me on the date above."
    out += ["ATTESTATION:", k.wrap(attest, 88, "  "), ""]
    if style == "attending":
        signers.append(attending.signer())
        out.append(
            f"Electronically signed by {attending.with_cred()} on {k.mdy_loose(when)} at {filed}"
        )
    elif style == "resident":
        signers += [author.signer(), attending.signer()]
        out.append(
            f"Electronically signed by {author.with_cred()} (Resident) on "
            f"{k.mdy_loose(when)} at {filed}"
        )
        out.append("")
        out.append(
            k.wrap(
                f"Attending Attestation: I saw and examined the patient with Dr. {author.last} "
                f"and agree with the findings and plan as documented above. "
                f"{attending.with_cred()}",
                88,
            )
        )
        out.append(
            f"Electronically signed by {attending.with_cred()} on {k.mdy_loose(when)} "
            f"at {k.clock(rng, 17, 19)}"
        )
    else:
        signers += [author.signer(), attending.signer()]
        out.append(
            f"Electronically signed by {author.with_cred()} on {k.mdy_loose(when)} at {filed}"
        )
        cos = when + dt.timedelta(days=rng.choice((0, 1)))
        out.append(f"Cosigned by: {attending.with_cred()} {k.mdy_loose(cos)} {k.clock(rng, 7, 10)}")
    out += ["", "Routing History: Priority: Routine  Method: In Basket", "END OF NOTE"]
    name = f"IOP_Certification_{when:%Y%m%d}.txt"
    gold = DocGold(
        file=name,
        kind="certification",
        date=when,
        signers=tuple(signers),
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )
    return k.text_file(name, "\n".join(out)), gold


# (problem, goal text, has_measure) - long-term goals
LTG = (
    ("Depressed mood", "Patient will experience a reduction in depressive symptoms", False),
    (
        "Depressed mood / hopelessness",
        "Reduce depressive symptoms to the mild range as shown by a PHQ-9 score of 9 or less",
        True,
    ),
    (
        "Mood instability",
        "Improve mood stability and develop healthier coping with stressors",
        False,
    ),
    ("Anxiety / panic", "Achieve a GAD-7 score below 10 on two consecutive administrations", True),
    (
        "Trauma symptoms",
        "Decrease trauma-related distress so pt can resume routine activities",
        False,
    ),
    (
        "Safety / self-harm urges",
        "Pt will report 0 episodes of self-harm and use the safety plan when urges occur",
        True,
    ),
)
# short-term objectives
STO = (
    ("Pt will identify 3 early warning signs of relapse and add them to the safety plan", True),
    ("Pt will complete the behavioral activation log on at least 5 of 7 days each week", True),
    ("Pt will attend 90% of scheduled IOP group sessions", True),
    ("Pt will practice paced breathing or grounding twice daily per skills diary", True),
    ("Pt will report sleeping 6 or more hours per night on 5 of 7 nights", True),
    ("Pt will explore feelings related to recent losses in individual therapy", False),
    ("Pt will gain insight into cognitive distortions that maintain low mood", False),
    ("Pt will demonstrate 2 distress tolerance skills during group role-play", True),
    ("Pt will reduce drinking days to no more than 1 per week per self-report log", True),
    ("Pt will increase awareness of interpersonal triggers", False),
)


def _target(rng: random.Random, plan_date: dt.date) -> tuple[str, bool]:
    r = rng.randrange(7)
    if r == 0:
        return k.mdy(plan_date + dt.timedelta(days=rng.choice((21, 28, 30, 45)))), True
    if r == 1:
        return f"{rng.choice((2, 3, 4, 6))} weeks", True
    if r == 2:
        return "by discharge", True
    if r == 3:
        return f"within {rng.choice((14, 21, 30))} days", True
    if r == 4:
        return "Ongoing", False
    if r == 5:
        return "", False
    return k.mdy(plan_date + dt.timedelta(days=rng.choice((35, 60)))), True


def _plan(
    rng: random.Random,
    hosp: tuple[str, str],
    member: tuple[str, str],
    mrn: str,
    dob: dt.date,
    when: dt.date,
    adm: dt.date,
    attending: k.Clin,
    therapist: k.Clin,
    names: k.Names,
    dx: list[tuple[str, str]],
    phq0: int,
) -> tuple[DocFile, DocGold]:
    first, last = member
    out = [
        hosp[0],
        "INTERDISCIPLINARY TREATMENT PLAN - INTENSIVE OUTPATIENT PROGRAM",
        "",
        f"Patient: {last}, {first}    MRN: {mrn}    DOB: {k.mdy(dob)}",
        f"Plan Date: {k.mdy(when)}    Plan Type: Initial    Admit Date: {k.mdy(adm)}",
        f"Next Review Due: {k.mdy(when + dt.timedelta(days=30))}",
        "",
        "Diagnoses: " + "; ".join(f"{c} {n}" for c, n in dx),
        "",
    ]
    scores: list[GoldScore] = []
    if rng.random() < 0.75:
        phq = phq0
        gad = rng.randrange(10, 20)
        sd = adm
        scores += [GoldScore("PHQ-9", phq, sd), GoldScore("GAD-7", gad, sd)]
        out += [
            f"Baseline Measures: PHQ-9 = {phq} ({k.mdy(sd)})   GAD-7 = {gad} ({k.mdy(sd)})",
            "",
        ]
    rn_first, rn_last = names.person()
    out += [
        "Treatment Team: "
        f"{attending.with_cred()} (attending psychiatrist); {therapist.with_cred()} "
        f"(primary therapist); {rn_first} {rn_last}, RN; OT consult as needed",
        "Strengths: "
        + rng.choice(
            (
                "motivated for treatment, supportive partner",
                "stable housing, insight into illness",
                "employed, engaged with peer supports",
            )
        ),
        "",
    ]
    goals: list[GoldGoal] = []
    ltgs = rng.sample(range(len(LTG)), 2)
    stos = rng.sample(range(len(STO)), 4)
    for pi in range(2):
        problem, text, meas = LTG[ltgs[pi]]
        tgt, has_t = _target(rng, when)
        goals.append(GoldGoal(text, meas, has_t))
        out += [
            f"PROBLEM #{pi + 1}: {problem}",
            f"  Long-Term Goal: {text}.",
            f"    Target Date: {tgt}",
            "  Short-Term Objectives:",
        ]
        for oi in range(2):
            otext, ometa = STO[stos[pi * 2 + oi]]
            otgt, o_has_t = _target(rng, when)
            goals.append(GoldGoal(otext, ometa, o_has_t))
            out.append(f"    {pi + 1}{'ab'[oi]}. {otext}.")
            out.append(f"        Target: {otgt}    Status: New")
        out += [
            "  Interventions:",
            "    - CBT/DBT skills group 3x/wk (primary therapist)",
            "    - Individual therapy weekly; medication management by attending",
            "",
        ]
    out += [
        "COORDINATION OF CARE: Team meets weekly; plan shared with outpatient psychiatrist "
        "and PCP with pt consent.",
        "DISCHARGE PLAN: Step down to weekly outpatient therapy; follow-up appointment to be "
        "scheduled prior to discharge.",
        "",
        "PLAN OF CARE SIGNATURES",
    ]
    signers: list[GoldSigner] = []
    pt_form = rng.randrange(3)
    if pt_form == 0:
        out.append(f"Patient: {first} {last} (signed on signature pad) {k.mdy(when)}")
    elif pt_form == 1:
        out.append(f"Patient signature: /s/ {first} {last}    Date: {k.mdy(when)}")
    else:
        out.append(
            f"Patient: {first} {last} participated in plan development and signed {k.mdy(when)}"
        )
    signers.append(GoldSigner(f"{first} {last}", None))
    out.append(
        f"Primary therapist: Electronically signed by {therapist.with_cred()} "
        f"{k.mdy(when)} {k.clock24(rng)}"
    )
    signers.append(therapist.signer())
    md_form = rng.randrange(4)
    if md_form == 3:
        out.append("Attending psychiatrist: ______________________________  Date: ________")
        signers.append(GoldSigner("Attending psychiatrist", None, signed=False))
    else:
        when2 = when + dt.timedelta(days=md_form % 2)
        out.append(
            f"Attending psychiatrist: Electronically signed by {attending.with_cred()} "
            f"{k.mdy(when2)} {k.clock24(rng)}"
        )
        signers.append(attending.signer())
    if rng.random() < 0.5:
        out.append(f"Nursing: Electronically signed by {rn_first} {rn_last}, RN {k.mdy(when)}")
        signers.append(GoldSigner(f"{rn_first} {rn_last}", "RN"))
    out += ["", "Printed by: BHIOP_CLERK  Page 1 of 1"]
    name = "Interdisciplinary_Treatment_Plan.txt"
    gold = DocGold(
        file=name,
        kind="treatment_plan",
        date=when,
        signers=tuple(signers),
        goals=tuple(goals),
        scores=tuple(scores),
    )
    return k.text_file(name, "\n".join(out)), gold


def _risk(
    rng: random.Random,
    hosp: tuple[str, str],
    member: tuple[str, str],
    mrn: str,
    dob: dt.date,
    when: dt.date,
    therapist: k.Clin,
) -> tuple[DocFile, DocGold]:
    first, last = member
    variant = rng.choices(("low", "none24", "high", "moderate"), (3, 3, 2, 2))[0]
    t = k.clock24(rng, 9, 16)
    out = [
        hosp[0],
        f"Flowsheet Print - {last.upper()}, {first.upper()} (MRN {mrn})",
        "Row group: Columbia Suicide Severity Rating Scale (C-SSRS) - Since Last Contact",
        f"Date/Time Taken: {k.mdy(when)} {t}   Taken by: {therapist.with_cred()}",
        "",
    ]
    yes_no = {
        "low": ("Yes", "No", "No", "No", "No", "No"),
        "none24": ("No", "No", "No", "No", "No", "No"),
        "high": ("Yes", "Yes", "Yes", "Yes", "Yes", "No"),
        "moderate": ("Yes", "Yes", "Yes", "Yes", "No", "No"),
    }[variant]
    items = (
        "1. Wished to be dead or not wake up",
        "2. Non-specific active suicidal thoughts",
        "3. Active SI with any methods (not plan) without intent to act",
        "4. Active SI with some intent to act, without specific plan",
        "5. Active SI with specific plan and intent",
        "6. Suicidal behavior, past 3 months",
    )
    for item, ans in zip(items, yes_no, strict=True):
        out.append(f"  {item.ljust(66)} {ans}")
    hx = rng.random() < 0.6
    out.append(
        "  Lifetime suicidal behavior: "
        + ("Yes - intentional overdose 2019, treated at ED, no ICU" if hx else "No")
    )
    out.append("")
    scores: list[GoldScore] = []
    phq = {"low": 16, "none24": 12, "high": 24, "moderate": 19}[variant] + rng.randrange(-2, 3)
    item9 = {"low": 1, "none24": 0, "high": 3, "moderate": 2}[variant]
    out += [
        "Row group: PHQ-9",
        f"  PHQ-9 Total Score ........................ {phq}",
        f"  Q9 Thoughts better off dead/self-harm .... {item9}",
        "",
    ]
    scores.append(GoldScore("PHQ-9", phq, when))
    famhx = rng.random() < 0.5
    out.append("SUICIDE RISK ASSESSMENT - CLINICIAN FORMULATION")
    risk_factors = ["depressed mood", "insomnia"]
    if hx:
        risk_factors.append("history of suicide attempt (2019)")
    if famhx:
        risk_factors.append(
            rng.choice(
                ("father died by suicide in 2011", "family hx of completed suicide (maternal aunt)")
            )
        )
    out.append("  Risk factors: " + ", ".join(risk_factors))
    out.append(
        "  Protective factors: "
        + rng.choice(
            (
                "children at home, engaged in treatment, future-oriented",
                "religious beliefs, supportive spouse, no firearms in the home",
            )
        )
    )
    if variant == "low":
        concl = (
            "Acute risk: LOW. "
            + ("Chronic risk elevated given prior attempt. " if hx else "")
            + "Pt endorses passive death wish but denies current suicidal ideation with plan "
            "or intent. Not assessed to be an imminent danger to self or others."
        )
        risk = GoldRisk(False, None)
    elif variant == "none24":
        concl = (
            "Pt denies SI/HI, no plan or intent. Overall risk judged low. Pt does not require "
            "inpatient hospitalization or 24-hour supervision at this time; safety plan "
            "reviewed and updated."
        )
        risk = GoldRisk(False, False)
    elif variant == "high":
        concl = (
            "Pt endorses current SI with a plan to overdose on stockpiled medication and "
            "states intent to act tonight. Acute risk: HIGH / imminent. Pt requires inpatient "
            "psychiatric admission with 24-hour observation; escorted to the ED by staff, "
            "attending notified."
        )
        risk = GoldRisk(True, True)
    else:
        concl = (
            "Acute risk: MODERATE. Safety plan reviewed: if thoughts progress to a plan, pt "
            "will call 988 or go to the nearest ED, and will tell a support person. Means "
            "restriction discussed; pt agreed to give medications to partner to hold."
        )
        risk = GoldRisk(None, None)
    out += ["  Formulation:", k.wrap(concl, 88, "    "), ""]
    out.append(f"Electronically signed by {therapist.with_cred()} {k.mdy(when)} {t}")
    name = "CSSRS_Risk_Assessment.txt"
    gold = DocGold(
        file=name,
        kind="risk_assessment",
        date=when,
        risk=risk,
        scores=tuple(scores),
    )
    return k.text_file(name, "\n".join(out)), gold


def _progress_note(
    rng: random.Random,
    hosp: tuple[str, str],
    member: tuple[str, str],
    when: dt.date,
    therapist: k.Clin,
) -> DocFile:
    first, last = member
    out = [
        hosp[0],
        f"IOP Group Psychotherapy Note - {last}, {first}",
        f"Date of Service: {k.mdy(when)}  Time: 09:00-10:30  Location: BH IOP Rm 2",
        f"Group: CBT Skills  Facilitator: {therapist.with_cred()}  Participants: 7",
        "",
        "Topic: Behavioral activation and pleasant-activity scheduling.",
        k.wrap(
            f"{first} described two scheduled activities completed since last session and "
            "offered feedback to a peer. Affect constricted, brightened with humor. Progress "
            "toward Goal #1 (mood) noted. Plan: continue per treatment plan.",
            88,
        ),
        "",
        f"Electronically signed by {therapist.with_cred()} {k.mdy(when)}",
    ]
    return k.text_file(f"Group_Note_{when:%Y%m%d}.txt", "\n".join(out))


def _recert(
    rng: random.Random,
    hosp: tuple[str, str],
    member: tuple[str, str],
    mrn: str,
    dob: dt.date,
    when: dt.date,
    adm: dt.date,
    attending: k.Clin,
    names: k.Names,
    dx: list[tuple[str, str]],
    theme: int,
    phq0: int,
) -> tuple[DocFile, DocGold]:
    first, last = member
    elements: set[CertEl] = {CertEl.CLINICAL_NEED, CertEl.CONTINUING_SYMPTOMS}
    cs: set[StayEl] = {StayEl.CONTINUING_SYMPTOMS}
    scores: list[GoldScore] = []
    hours: float | None = None
    out = [
        hosp[0],
        hosp[1],
        "",
        "PHYSICIAN RECERTIFICATION FOR CONTINUED INTENSIVE OUTPATIENT SERVICES",
        "",
        f"Patient: {first} {last}        MRN: {mrn}        DOB: {k.mdy(dob)}",
        f"IOP Admission: {k.mdy(adm)}     Recertification Date: {k.mdy(when)}",
        f"Days in program: {(when - adm).days}",
        "",
    ]
    if rng.random() < 0.85:
        elements.add(CertEl.DIAGNOSIS)
        out.append("Active diagnoses: " + "; ".join(f"{n} ({c})" for c, n in dx))
        out.append("")
    if rng.random() < 0.9:
        elements.add(CertEl.RESPONSE_TO_TREATMENT)
        a, b = phq0, rng.randrange(11, 16)
        d0 = adm
        d1 = when - dt.timedelta(days=rng.choice((1, 2, 3)))
        form = rng.randrange(2)
        if form == 0:
            resp = (
                f"Partial response. PHQ-9 decreased from {a} on {k.mdy(d0)} to {b} on "
                f"{k.mdy(d1)}. Attends consistently, is using behavioral activation and "
                "thought records, and sleep has improved to about 5 hours."
            )
            scores += [GoldScore("PHQ-9", a, d0), GoldScore("PHQ-9", b, d1)]
        else:
            resp = (
                "Pt has responded to group and medication changes with fewer crying spells "
                "and better engagement with family; gains remain fragile and are lost under "
                "stress."
            )
        out += ["RESPONSE TO TREATMENT:", *k.wrap(resp, 86, "  ").split("\n"), ""]
    sx = STILL[theme]
    out += [
        "SYMPTOMS THAT CONTINUE TO REQUIRE INTENSIVE TREATMENT:",
        k.wrap(
            sx + ". These symptoms continue to require the structure and intensity of the IOP.",
            86,
            "  ",
        ),
        "",
    ]
    if rng.random() < 0.6:
        cs.add(StayEl.LESS_INTENSIVE_INSUFFICIENT)
        elements.add(CertEl.HIGHER_INTENSITY)
        out += [
            *k.wrap(
                rng.choice(
                    (
                        "Step-down to routine outpatient care at this time would likely result in "
                        "relapse and rehospitalization.",
                        "A less intensive level of care (weekly OP therapy) would not be adequate "
                        "to prevent decompensation and readmission.",
                        "Outpatient services alone cannot provide the support needed to maintain "
                        "pt safely in the community.",
                    )
                ),
                86,
                "  ",
            ).split("\n"),
            "",
        ]
    if rng.random() < 0.75:
        elements.add(CertEl.DISCHARGE_GOALS)
        out += [
            "GOALS TOWARD DISCHARGE:",
            *k.wrap(RECERT_DC[theme], 86, "  ").split("\n"),
            "",
        ]
    if rng.random() < 0.6:
        elements.add(CertEl.PLAN_OF_CARE)
        out += [
            "PLAN OF CARE:",
            "  Continue IOP group psychotherapy per schedule, individual therapy weekly,",
            "  medication management (dose adjusted today), family session every other week.",
            "",
        ]
    hours_form = rng.randrange(5)
    if hours_form < 4:
        hours = 9.0
        elements.add(CertEl.MIN_HOURS)
        line = (
            "I certify that the patient continues to need a minimum of 9 hours per week of "
            "intensive outpatient services.",
            "Continues to require not less than nine (9) hours of IOP treatment each week.",
            "Recertified: needs >= 9 hrs/wk of active IOP treatment.",
            "The patient still requires at least 9 hours weekly of IOP level care.",
        )[hours_form]
        out += ["CERTIFICATION:", *k.wrap(line, 86, "  ").split("\n"), ""]
    else:
        out += ["CERTIFICATION:", "  Recertified for continued IOP level of care.", ""]
    signers: list[GoldSigner] = []
    if rng.random() < 0.8:
        out.append(f"Electronically signed by: {attending.with_cred()}")
        out.append(f"Signed: {k.mdy(when)} {k.clock(rng, 12, 18)}")
        signers.append(attending.signer())
    else:
        np_ = k.clin(names, ("PMHNP-BC", "NP-C"))
        out.append(f"Electronically signed by: {np_.with_cred()}  {k.mdy(when)}")
        out.append("Physician signature: ______________________________  Date: __________")
        signers += [np_.signer(), GoldSigner("Physician", None, signed=False)]
    name = f"Recertification_{when:%m-%d-%Y}.pdf"
    f = k.pdf_file(
        name,
        out,
        footer=f"{last}, {first}  MRN {mrn}  Printed {k.mdy(when)}  Page {{page}} of {{pages}}",
    )
    gold = DocGold(
        file=name,
        kind="recertification",
        date=when,
        signers=tuple(signers),
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        continued_stay=frozenset(cs),
        scores=tuple(scores),
    )
    return f, gold


def render(rng: random.Random) -> DocChart:
    names = k.Names(rng)
    member = names.person()
    hosp = rng.choice(HOSPITALS)
    mrn = f"{rng.randrange(10**7, 10**8)}"
    adm = k.weekday_on_or_after(k.start_date(rng), 0)
    dob = dt.date(rng.randrange(1958, 2003), rng.randrange(1, 13), rng.randrange(1, 28))
    attending = k.clin(names, k.PHYSICIAN_CREDS)
    therapist = k.clin(names, k.THERAPIST_CREDS)
    theme = rng.randrange(3)
    dx = [rng.choice(DIAGNOSES[theme])]
    if rng.random() < 0.6:
        dx.append(rng.choice(SECONDARY[theme]))
    phq0 = rng.randrange(17, 25)
    cert_date = adm + dt.timedelta(days=rng.choice((0, 1, 2)))
    plan_date = adm + dt.timedelta(days=rng.choice((1, 2, 3)))
    risk_date = adm + dt.timedelta(days=rng.choice((7, 14)))
    note_date = k.business(adm + dt.timedelta(days=9))
    recert_date = k.business(adm + dt.timedelta(days=rng.randrange(48, 58)))
    files: list[DocFile] = []
    golds: list[DocGold] = []
    f, g = _certification(rng, hosp, member, mrn, dob, cert_date, attending, names, dx, theme)
    files.append(f)
    golds.append(g)
    f, g = _plan(rng, hosp, member, mrn, dob, plan_date, adm, attending, therapist, names, dx, phq0)
    files.append(f)
    golds.append(g)
    f, g = _risk(rng, hosp, member, mrn, dob, risk_date, therapist)
    files.append(f)
    golds.append(g)
    files.append(_progress_note(rng, hosp, member, note_date, therapist))
    f, g = _recert(rng, hosp, member, mrn, dob, recert_date, adm, attending, names, dx, theme, phq0)
    files.append(f)
    golds.append(g)
    return DocChart(tuple(files), tuple(golds))


FAMILY = DocFamily(
    name="dh-hospital-epic-iop",
    split="heldout",
    description=(
        "Hospital-based adult IOP printed from an Epic-like EHR: certification note with "
        "author/attestation/cosign stamps, interdisciplinary plan with LTG/STO target "
        "fields, C-SSRS flowsheet with risk formulation, recertification PDF."
    ),
    conventions=(
        "e-signature stamps, resident + attending attestation, NP note with cosign",
        "blank attending/physician lines on plan and recert",
        "9-hour need in six wordings, one schedule-only variant without a need statement",
        "goal Target: fields with dates, durations, 'by discharge', 'Ongoing' and blank",
        "C-SSRS item grid, PHQ-9 item 9 beside the total, history of attempt, family hx",
        "risk low / none with 24h negated / high with inpatient / moderate only",
        "recertification with PHQ-9 trend dates, relapse-if-stepped-down wording",
    ),
    render=render,
)
