"""dh-county-youth-isp: a county behavioral-health department's adolescent IOP under state
Medicaid: a markdown Individualized Service Plan with goals in the youth's own words and
numbered objectives beneath them, a signature table with youth, parent/guardian,
clinician, supervisor and a prescriber row, a checkbox safety assessment, a weekly
progress summary with day-by-day engagement, and a Medicaid prior-authorization notice."""

from __future__ import annotations

import datetime as dt
import random

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

AGENCIES = (
    ("Pinecrest County Behavioral Health", "Youth & Family Services Division"),
    ("Tri-County Community Mental Health Authority", "Adolescent Intensive Outpatient"),
    ("Harbor County Department of Behavioral Health", "Children's System of Care - AIOP"),
)
STATES = (
    ("STATE OF OREGON", "OREGON HEALTH AUTHORITY", "Oregon Health Plan (Medicaid)"),
    ("COMMONWEALTH OF KENTUCKY", "DEPARTMENT FOR MEDICAID SERVICES", "KY Medicaid"),
    ("STATE OF NEW MEXICO", "HEALTH CARE AUTHORITY", "Centennial Care / Turquoise Care"),
)
DX = (
    ("F32.1", "Major depressive disorder, single episode, moderate"),
    ("F43.10", "Posttraumatic stress disorder"),
    ("F34.81", "Disruptive mood dysregulation disorder"),
    ("F41.1", "Generalized anxiety disorder"),
    ("F93.0", "Separation anxiety disorder"),
)
RELATIONS = ("mother", "grandmother", "legal guardian", "father", "kinship caregiver")


def _short(relation: str, full: str) -> str:
    return {"mother": "Mom", "father": "Dad", "grandmother": "Grandma"}.get(relation, full)


def _word(relation: str) -> str:
    return {
        "mother": "my mom",
        "father": "my dad",
        "grandmother": "my grandma",
        "legal guardian": "my guardian",
    }.get(relation, "my caregiver")


def _objectives(rng: random.Random, y: str, g: str, when: dt.date) -> list[tuple[str, bool, bool]]:
    d1 = k.mdy(when + dt.timedelta(days=rng.choice((42, 49, 56))))
    d2 = k.mdy(when + dt.timedelta(days=rng.choice((28, 35))))
    pool = [
        (
            f"{y} will use a coping card or time-out instead of yelling in at least 4 of 5 "
            f"conflicts, as reported by {g} at the weekly check-in, within 6 weeks",
            True,
            True,
        ),
        (f"{y} and {g} will attend 4 multifamily group sessions by {d1}", True, True),
        (
            f"{y} will identify 3 triggers for self-harm urges and share them in family "
            f"session by {d2}",
            True,
            True,
        ),
        (f"{y} will attend school at least 4 of 5 days per week by {d1}", True, True),
        (f"{y} will talk with the school counselor about a return-to-school plan", False, False),
        (f"{y} will practice one DBT skill daily and log it on the diary card", True, False),
        (f"{y} will learn about healthy ways to express anger", False, False),
        (
            f"{y} will bring the DSM-5 CCSM depression domain down to 1 (mild) or lower by "
            "discharge",
            True,
            True,
        ),
        (
            f"{g} will learn 2 validation skills and practice them at home within 30 days",
            True,
            True,
        ),
        (f"{y} will work on a better bedtime routine over the next month", False, True),
        (f"{y} will feel more confident with peers by the end of the quarter", False, True),
    ]
    return rng.sample(pool, 4)


def _plan(
    rng: random.Random,
    agency: tuple[str, str],
    youth: tuple[str, str],
    guardian: tuple[str, str],
    relation: str,
    dob: dt.date,
    mid: str,
    when: dt.date,
    clinician: k.Clin,
    supervisor: k.Clin,
    prescriber: k.Clin,
    dx: tuple[str, str],
) -> tuple[DocFile, DocGold]:
    y, ylast = youth
    g = f"{guardian[0]} {guardian[1]}"
    gshort = _short(relation, g)
    out = [
        f"# {agency[0]}",
        f"## {agency[1]} - Individualized Service Plan (ISP)",
        "",
        "| Youth | DOB | Medicaid ID | ISP type | ISP date |",
        "|---|---|---|---|---|",
        f"| {y} {ylast} | {k.mdy(dob)} | {mid} | Initial | {k.mdy(when)} |",
        "",
        f"**Legal guardian:** {g} ({relation})  ",
        f"**Diagnosis:** {dx[0]} {dx[1]}  ",
        "**Level of care:** Adolescent Intensive Outpatient (AIOP), after-school track  ",
        f"**Natural supports:** {gshort}, youth pastor, soccer coach",
        "",
    ]
    goals: list[GoldGoal] = []
    youth_goals = [
        ("Family", f"I want me and {_word(relation)} to stop yelling at each other"),
        ("School", "I want to go back to school without feeling sick every morning"),
        ("Social", "I want to feel like myself again and hang out with my friends"),
        ("Safety", "I want people to stop worrying that I'm going to hurt myself"),
    ]
    rng.shuffle(youth_goals)
    objs = _objectives(rng, y, gshort, when)
    clinician_goal = rng.random() < 0.5
    for gi in range(2):
        domain, text = youth_goals[gi]
        if gi == 1 and clinician_goal:
            domain = "School"
        out += [f"### Goal {gi + 1} - Life domain: {domain}", ""]
        if gi == 1 and clinician_goal:
            d = k.mdy(when + dt.timedelta(days=rng.choice((60, 75, 90))))
            text = f"Reduce school refusal to no more than 1 missed day per month by {d}"
            out.append(f"**Goal (clinician-written, agreed with youth):** {text}.")
            goals.append(GoldGoal(text, True, True))
        else:
            out.append(f'**Goal (in {y}\'s own words):** "{text}."')
            goals.append(GoldGoal(text, False, False))
        out += ["", "**Measurable objectives:**", ""]
        for oi in range(2):
            otext, m, t = objs[gi * 2 + oi]
            out.append(f"{gi + 1}.{oi + 1} {otext}.")
            goals.append(GoldGoal(otext, m, t))
        out += [
            "",
            "**Interventions / who / how often:** DBT-A skills group 3 afternoons a week "
            f"({clinician.last}); family therapy weekly with {gshort}; "
            "psychiatric med review monthly.",
            "",
        ]
    out += [
        "### Family & natural supports",
        f"{gshort} will attend weekly family session and the monthly multifamily group; "
        "school liaison contacted with ROI on file.",
        "",
        "### Transition / discharge",
        "Step down to weekly outpatient therapy at the clinic when objectives are met; "
        "referral to school-based therapist.",
        "",
        "### Signatures",
        "",
        "| Role | Printed name / credentials | Signature | Date |",
        "|---|---|---|---|",
    ]
    signers: list[GoldSigner] = []
    ds = k.mdy(when)
    if rng.random() < 0.7:
        out.append(f"| Youth | {y} {ylast} | signed | {ds} |")
        signers.append(GoldSigner(f"{y} {ylast}", None))
    else:
        out.append(f"| Youth | {y} {ylast} | declined to sign - plan reviewed verbally | |")
        signers.append(GoldSigner("Youth", None, signed=False))
    out.append(f"| Parent/Guardian | {g} ({relation}) | signed | {ds} |")
    signers.append(GoldSigner(g, None))
    out.append(f"| Primary Clinician | {clinician.with_cred()} | e-signed | {ds} |")
    signers.append(clinician.signer())
    if rng.random() < 0.6:
        out.append(f"| Clinical Supervisor | {supervisor.with_cred()} | e-signed | {ds} |")
        signers.append(supervisor.signer())
    pform = rng.randrange(3)
    if pform == 0:
        out.append("| Psychiatric Prescriber |  |  |  |")
        signers.append(GoldSigner("Psychiatric Prescriber", None, signed=False))
    elif pform == 1:
        ds2 = k.mdy(when + dt.timedelta(days=rng.choice((1, 3, 6))))
        out.append(f"| Psychiatric Prescriber | {prescriber.with_cred()} | e-signed | {ds2} |")
        signers.append(prescriber.signer())
    else:
        out.append(f"| Psychiatric Prescriber | Dr. {prescriber.last} | signed | {ds} |")
        signers.append(GoldSigner(f"Dr. {prescriber.last}", None))
    out += [
        "",
        "_Youth and guardian were offered a copy of this ISP._",
    ]
    name = f"ISP_{ylast}_{when:%Y-%m-%d}.md"
    gold = DocGold(
        file=name,
        kind="treatment_plan",
        date=when,
        signers=tuple(signers),
        goals=tuple(goals),
        scores=(),
    )
    return k.text_file(name, "\n".join(out)), gold


def _box(on: bool) -> str:
    return "[X]" if on else "[ ]"


def _safety(
    rng: random.Random,
    agency: tuple[str, str],
    youth: tuple[str, str],
    relation: str,
    when: dt.date,
    clinician: k.Clin,
    variant: str,
) -> tuple[DocFile, DocGold]:
    y, ylast = youth
    level = {"low": "Low", "low24": "Low", "moderate": "Moderate", "high": "High"}[variant]
    ideation = {
        "low": "Passive",
        "low24": "None",
        "moderate": "Active w/o plan",
        "high": "Active with plan/intent",
    }[variant]
    cssrs = {"low": 1, "low24": 0, "moderate": 3, "high": 5}[variant]
    out = [
        agency[0].upper(),
        "SUICIDE / SELF-HARM RISK ASSESSMENT - YOUTH",
        "",
        f"Youth: {ylast}, {y}          Date: {k.mdy(when)}",
        f"Completed by: {clinician.with_cred()}   Informants: youth, {relation}",
        "",
        "CURRENT IDEATION:  "
        + "  ".join(
            f"{_box(ideation == o)} {o}"
            for o in ("None", "Passive", "Active w/o plan", "Active with plan/intent")
        ),
        f"C-SSRS screener score (0-6): {cssrs}",
    ]
    hx = rng.random() < 0.55
    fam = rng.random() < 0.6
    out += [
        "Non-suicidal self-injury, past 30 days: "
        + (
            "cutting on forearm x2, superficial, no medical care"
            if rng.random() < 0.5
            else "denies"
        ),
        f"Prior suicide attempt: {_box(hx)} Yes  {_box(not hx)} No"
        + ("   Details: ingestion of ibuprofen at age 13, ED visit, no admission" if hx else ""),
        f"Family history of suicide: {_box(fam)} Yes  {_box(not fam)} No"
        + ("   Details: maternal uncle died by suicide (2020)" if fam else ""),
        "Access to lethal means: firearms - none in home per guardian; meds locked",
        "",
        "RISK LEVEL:  " + "  ".join(f"{_box(level == o)} {o}" for o in ("Low", "Moderate", "High")),
        "",
        "CLINICAL SUMMARY:",
    ]
    if variant == "low":
        s = (
            f"{y} reports occasional passive thoughts of not wanting to be here, most recently "
            "4 days ago, with no plan or intent. Engaged in school and future-oriented. "
            f"{y} is not an imminent risk to self or others at this time."
        )
        risk = GoldRisk(False, None)
    elif variant == "low24":
        s = (
            f"{y} denies current suicidal or homicidal ideation, plan or intent. No need for a "
            "higher level of care or 24-hour supervision at this time; AIOP remains "
            "appropriate."
        )
        risk = GoldRisk(False, False)
    elif variant == "moderate":
        s = (
            f"{y} endorses active thoughts of suicide over the past week with some intent, "
            "but has not formed a plan. Risk judged moderate; safety plan strengthened and "
            "guardian will increase check-ins."
        )
        risk = GoldRisk(None, None)
    else:
        s = (
            f"{y} disclosed a plan to hang self this weekend and stated intent to follow "
            "through; has researched methods. Imminent risk. Youth requires a 24-hour "
            "supervised setting - referred for inpatient psychiatric admission; mobile "
            f"crisis called, {relation} present, youth not left alone."
        )
        risk = GoldRisk(True, True)
    out += [k.wrap(s, 90, "  "), ""]
    out += [
        "SAFETY PLAN (reviewed with youth and guardian):",
        k.wrap(
            f"If urges to hurt self increase, {y} will use the coping box, tell "
            f"{_word(relation).replace('my ', 'their ')}, and call or text 988; "
            f"if {y} has a plan, guardian will take youth to the ER.",
            90,
            "  ",
        ),
        "",
        f"Clinician: {clinician.with_cred()}   Signature on file   {k.mdy(when)}",
    ]
    name = f"Safety_Assessment_{when:%m%d%Y}.txt"
    gold = DocGold(
        file=name,
        kind="risk_assessment",
        date=when,
        risk=risk,
        scores=(GoldScore("C-SSRS", cssrs, when),),
    )
    return k.text_file(name, "\n".join(out)), gold


def _weekly(
    rng: random.Random,
    agency: tuple[str, str],
    youth: tuple[str, str],
    relation: str,
    monday: dt.date,
    clinician: k.Clin,
) -> tuple[DocFile, DocGold]:
    y, ylast = youth
    days = [monday + dt.timedelta(days=i) for i in range(4)]
    part: list[GoldParticipation] = []
    lines: list[str] = []
    first_kind = rng.choice(("refuse", "refuse", "cannot", "tolerate"))
    first_text = {
        "refuse": (
            f"{y} refused to join group, stayed in the lobby with headphones on and "
            "declined staff check-ins x2.",
            Part.REFUSES,
        ),
        "cannot": (
            f"{y} arrived very drowsy after a medication change and was unable to "
            "participate; slept in the quiet room, guardian picked up early.",
            Part.CANNOT_PARTICIPATE,
        ),
        "tolerate": (
            f"{y} became overwhelmed about an hour in, said the 3-hour group was too much, "
            "and could not tolerate the session; left with guardian.",
            Part.CANNOT_TOLERATE,
        ),
    }[first_kind]
    gad = rng.randrange(8, 18)
    ccsm = rng.randrange(14, 32)
    closed_day = rng.randrange(2, 4)
    for i, d in enumerate(days):
        head = f"{d:%a} {d.month:02d}/{d.day:02d} -"
        if i == 0:
            lines.append(f"{head} DBT-A skills group 3:30-6:30 PM: " + first_text[0])
            part.append(GoldParticipation(first_text[1], d))
        elif i == 1:
            t = rng.choice(
                (
                    f"{y} participated actively, practiced the TIPP skill and shared a diary "
                    "card example with peers.",
                    f"Engaged throughout group; {y} contributed to role-play and gave "
                    "feedback to two peers.",
                )
            )
            lines.append(f"{head} DBT-A skills group 3:30-6:30 PM: " + t)
            part.append(GoldParticipation(Part.PARTICIPATES, d))
        elif i == closed_day:
            lines.append(f"{head} Program closed (county staff in-service). No services.")
        else:
            if rng.random() < 0.5:
                lines.append(
                    f"{head} Family session 4:00-5:00 PM with {relation}: {y} participated "
                    "in a chain analysis of Sunday's argument; both identified one repair "
                    "step."
                )
                part.append(GoldParticipation(Part.PARTICIPATES, d))
            else:
                lines.append(f"{head} Absent - excused (dental appointment), guardian called.")
    out = [
        agency[0],
        f"{agency[1]}",
        "ADOLESCENT IOP - WEEKLY PROGRESS SUMMARY",
        "",
        f"Youth: {y} {ylast}     Week of: {k.mdy(days[0])} - {k.mdy(days[0] + dt.timedelta(4))}",
        f"Primary clinician: {clinician.with_cred()}",
        "",
        "DAILY ENGAGEMENT",
    ]
    for ln in lines:
        out.append(k.wrap(ln, 92, "    ", first="  "))
    out += [
        "",
        "MEASURES",
        f"  GAD-7 administered {k.mdy(days[0])}: {gad}",
        f"  DSM-5 CCSM Level 1 (youth self-report) {k.mdy(days[0])}: total {ccsm}; "
        "domains at threshold - depression, anger, sleep",
        "",
        "RISK SCREEN: Denied SI/HI at each contact this week.",
        "",
        "PLAN: Continue AIOP per ISP; review diary card with guardian next Monday.",
        "",
        f"{clinician.with_cred()} - electronically signed {k.mdy(days[0] + dt.timedelta(4))}",
    ]
    name = f"Weekly_Summary_{days[0]:%Y%m%d}.txt"
    gold = DocGold(
        file=name,
        kind="progress_note",
        date=days[0] + dt.timedelta(days=4),
        participation=tuple(part),
        scores=(GoldScore("GAD-7", gad, days[0]), GoldScore("CCSM", ccsm, days[0])),
        risk=GoldRisk(None, None),
    )
    return k.text_file(name, "\n".join(out)), gold


def _pa_notice(
    rng: random.Random,
    state: tuple[str, str, str],
    agency: tuple[str, str],
    youth: tuple[str, str],
    mid: str,
    start: dt.date,
) -> tuple[DocFile, DocGold]:
    y, ylast = youth
    end = start + dt.timedelta(days=rng.choice((29, 59, 89)))
    notice = start + dt.timedelta(days=rng.choice((2, 3, 4)))
    received = start - dt.timedelta(days=rng.choice((1, 2)))
    units = rng.choice((24, 36, 40))
    pa = f"{notice:%Y}-{rng.randrange(100000, 999999)}"
    form = rng.randrange(3)
    out = [
        state[0],
        state[1],
        f"{state[2]} - PRIOR AUTHORIZATION NOTICE OF ACTION",
        "",
        f"Notice date: {k.mdy(notice)}            PA number: {pa}",
        f"Recipient: {ylast.upper()}, {y.upper()}     Recipient ID: {mid}",
        f"Billing provider: {agency[0]}",
        f"Request received: {k.mdy(received)}",
        "",
    ]
    if form == 0:
        out += [
            "LINE  PROC   MOD  DESCRIPTION                 BEGIN DATE  END DATE    UNITS  STATUS",
            f"01    S9480  HA   Intensive outpatient psych  {k.mdy(start)}  {k.mdy(end)}  "
            f"{units:<5}  APPROVED",
            "",
            "Unit = 1 per diem day. Services outside the begin/end dates are not covered.",
        ]
        auth = (start, end)
    elif form == 1:
        req_end = end + dt.timedelta(days=30)
        out += [
            k.wrap(
                f"Your request for adolescent intensive outpatient services (S9480-HA) for "
                f"dates {k.mdy(start)} to {k.mdy(req_end)} has been PARTIALLY APPROVED. "
                f"{units} units are approved for dates of service {k.mdy(start)} through "
                f"{k.mdy(end)}. The remaining days were not approved because a "
                "continued-stay review is required before they can be considered.",
                90,
            ),
        ]
        auth = (start, end)
    else:
        out += [
            "DECISION: APPROVED",
            "Service: Adolescent IOP, per diem (S9480 HA)",
            f"Certification period: {k.mdy_short(start)} - {k.mdy_short(end)}",
            f"Approved units: {units}",
        ]
        auth = (start, end)
    out += [
        "",
        k.wrap(
            "If you disagree with this decision you may ask for a fair hearing within 60 "
            "days of the notice date. Approval is not a guarantee of payment; eligibility "
            "is verified on each date of service.",
            90,
        ),
        "",
        "Utilization Management Unit - this notice was generated electronically.",
    ]
    name = "Medicaid_PA_Notice.txt"
    gold = DocGold(file=name, kind="authorization", date=notice, authorization=auth)
    return k.text_file(name, "\n".join(out)), gold


def _face_sheet(
    agency: tuple[str, str],
    youth: tuple[str, str],
    guardian: tuple[str, str],
    relation: str,
    dob: dt.date,
    mid: str,
    adm: dt.date,
    dx: tuple[str, str],
) -> DocFile:
    y, ylast = youth
    out = [
        f"{agency[0]} - CLIENT FACE SHEET",
        "",
        f"Client name ........ {ylast}, {y}",
        f"DOB ................ {k.mdy(dob)}",
        f"Medicaid ID ........ {mid}",
        f"Program ............ {agency[1]}",
        f"Admission date ..... {k.mdy(adm)}",
        f"Guardian ........... {guardian[0]} {guardian[1]} ({relation})",
        f"School ............. {_school(ylast)}",
        f"Diagnosis .......... {dx[0]} {dx[1]}",
        "Referral source .... school counselor after crisis evaluation",
        "Emergency contact .. guardian (see above)",
    ]
    return k.text_file("Face_Sheet.txt", "\n".join(out))


def _school(seed: str) -> str:
    schools = ("Lincoln Middle School", "Westview High School", "Cedar Ridge Academy")
    return schools[len(seed) % 3]


def render(rng: random.Random) -> DocChart:
    names = k.Names(rng)
    youth = names.person()
    guardian = names.person()
    relation = rng.choice(RELATIONS)
    agency = rng.choice(AGENCIES)
    state = rng.choice(STATES)
    adm = k.weekday_on_or_after(k.start_date(rng), 0)
    age = rng.randrange(13, 18)
    dob = adm - dt.timedelta(days=age * 365 + rng.randrange(30, 330))
    mid = f"{rng.choice('ABCDEFGHJK')}{rng.randrange(10**8, 10**9)}"
    clinician = k.clin(names, ("LPC", "LCSW", "LMFT", "LPC-S", "LCSW-C", "LMHC"))
    supervisor = k.clin(names, ("LCSW-C", "LICSW", "LPC-S", "PsyD", "Ph.D."))
    prescriber = k.clin(names, ("MD", "DO", "PMHNP-BC", "M.D."))
    dx = rng.choice(DX)
    plan_date = adm + dt.timedelta(days=rng.choice((2, 3, 4)))
    safety_date = adm + dt.timedelta(days=rng.choice((0, 1, 7)))
    week = adm + dt.timedelta(days=7 * rng.choice((1, 2)))
    risk_variants = (rng.choice(("low", "low24")), rng.choice(("moderate", "high")))
    files: list[DocFile] = [_face_sheet(agency, youth, guardian, relation, dob, mid, adm, dx)]
    golds: list[DocGold] = []
    for f, g in (
        _plan(
            rng,
            agency,
            youth,
            guardian,
            relation,
            dob,
            mid,
            plan_date,
            clinician,
            supervisor,
            prescriber,
            dx,
        ),
        _safety(rng, agency, youth, relation, safety_date, clinician, risk_variants[0]),
        _safety(
            rng,
            agency,
            youth,
            relation,
            adm + dt.timedelta(days=rng.choice((21, 24))),
            clinician,
            risk_variants[1],
        ),
        _weekly(rng, agency, youth, relation, week, clinician),
        _pa_notice(rng, state, agency, youth, mid, adm),
    ):
        files.append(f)
        golds.append(g)
    return DocChart(tuple(files), tuple(golds))


FAMILY = DocFamily(
    name="dh-county-youth-isp",
    split="heldout",
    description=(
        "County behavioral-health adolescent IOP under state Medicaid: markdown ISP with "
        "goals in the youth's words and numbered objectives, signature table with youth and "
        "guardian, checkbox safety assessment, weekly summary, Medicaid PA notice."
    ),
    conventions=(
        "markdown signature table; youth declining to sign; empty prescriber row",
        "prescriber signing as 'Dr. X' without a credential",
        "goals in the youth's own words (no measure, no time) over SMART objectives",
        "checkbox risk form with family history, prior attempt, safety-plan conditionals",
        "weekly day-by-day engagement: refusal/inability then participation, closed day",
        "PA notice as a line table, as a partial approval, as a certification period",
        "GAD-7 and CCSM in a measures block, C-SSRS screener score",
    ),
    render=render,
)
