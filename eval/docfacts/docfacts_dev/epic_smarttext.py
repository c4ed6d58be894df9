"""dd-smarttext-plan-cert: an Epic-like hospital outpatient department. Notes are SmartText
exports: a patient banner, ALL-CAPS section headings, "Electronically signed by ... on ...
at ..." lines, "Reviewed and co-signed by" attestations, problem/goal/objective trees with
"Target Date:" fields, and a printed PDF now and then."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

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
)
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldGoal,
    GoldScore,
    GoldSigner,
)

SITES = (
    ("ELMWOOD BEHAVIORAL HEALTH", "EBH ADULT IOP", "Elmwood Behavioral Health"),
    ("RIVERBEND HEALTH SYSTEM", "RHS BH INTENSIVE OUTPT", "Riverbend Health System"),
    ("ST. BRIGID MEDICAL CENTER", "SBMC PSYCH IOP 3 WEST", "St. Brigid Medical Center"),
)

NEED = {
    "mdd": (
        "{name} is a {age} y.o. {sex} referred by {her} PCP after {n} weeks of worsening "
        "depressed mood, anhedonia, hypersomnia and hopelessness following {stressor}. "
        "{She} has stopped going to work and is neglecting meals, hygiene and household "
        "tasks. Symptoms severely interfere with occupational and family functioning."
    ),
    "gad": (
        "{name} is a {age} y.o. {sex} with escalating worry, muscle tension, insomnia and "
        "near-daily crying spells over the past {n} weeks after {stressor}. {She} has called "
        "out of work 6 times this month and withdrawn from friends and family."
    ),
    "ptsd": (
        "{name} is a {age} y.o. {sex} with re-emergence of nightmares, intrusive memories and "
        "hypervigilance over the past {n} weeks after {stressor}. Sleeping 3-4 hours a night, "
        "unable to complete shifts at work, avoiding family gatherings."
    ),
    "bipolar": (
        "{name} is a {age} y.o. {sex} in a depressive episode of {n} weeks' duration with "
        "psychomotor slowing, hopelessness and erratic sleep after {stressor}. Unable to work; "
        "relies on family for meals and reminders for hygiene."
    ),
    "panic": (
        "{name} is a {age} y.o. {sex} with daily panic attacks for the past {n} weeks after "
        "{stressor}; unable to drive or shop alone, has missed work and avoids leaving home."
    ),
}
STRESSORS = (
    "a layoff in the fall",
    "the death of {her} mother",
    "a divorce",
    "a motor vehicle accident",
    "a medication change by an outside prescriber",
    "the loss of {her} housing",
)
CONTINUING = {
    "mdd": "low mood most days, poor concentration and amotivation; has not returned to work",
    "gad": "daily worry rated 7/10, initial insomnia and avoidance of work-related tasks",
    "ptsd": "nightmares 4-5 nights per week, startle and avoidance of driving past the site",
    "bipolar": "depressed mood with low energy and oversleeping; not yet able to keep a "
    "daily routine without prompting",
    "panic": "panic attacks 3-4 times per week and continued avoidance of stores and highways",
}
RESPONSE = (
    "Partial response. Mood brighter in groups per staff report, though still variable at "
    "home; using behavioral activation schedule with prompting.",
    "Modest improvement: sleep up to 6 hours/night with CBT-I strategies; still isolating on "
    "non-program days.",
    "Responding slowly to group CBT and the current medication regimen; fewer crying spells "
    "and able to name early warning signs.",
    "Some gains in distress tolerance (uses paced breathing and TIPP skills); symptoms "
    "remain moderate.",
)


@dataclass(frozen=True)
class _Goal:
    text: str
    measure: bool
    tf: bool


def _hours(rng: random.Random) -> tuple[str, float]:
    return pick(
        rng,
        (
            ("Patient requires a minimum of 9 hours of IOP services weekly.", 9.0),
            ("Pt requires no fewer than nine (9) hours per week of intensive outpatient "
             "services.", 9.0),
            ("Required frequency: 3 hrs/day, 3 days/wk of IOP programming.", 9.0),
            ("Requires 12 hours of IOP services per week (4 days/week x 3 hours).", 12.0),
            ("The patient needs at least 9 hours/week of structured IOP treatment.", 9.0),
        ),
    )  # fmt: skip


def _banner(
    site: tuple[str, str, str], m: Member, day: dt.date, enc: str, author: Who
) -> list[str]:
    sex = "female" if m.female else "male"
    return [
        site[0],
        site[1],
        f"{m.who.last.upper()}, {m.who.first.upper()}   MRN: {m.mrn}   "
        f"DOB: {fmt(m.dob, 'us_short')} ({m.age_on(day)} y.o. {sex})",
        f"Encounter Date: {fmt(day, 'us_short')}   Encounter Type: {enc}",
        f"Author: {author.signed}",
        "",
    ]


def _esign(rng: random.Random, who: Who | str, day: dt.date, lo: int = 8, hi: int = 17) -> str:
    name = who.signed if isinstance(who, Who) else who
    at = clock(rng, lo=lo, hi=hi)
    return pick(
        rng,
        (
            f"Electronically signed by {name} on {fmt(day, 'us_short')} at {at}",
            f"Electronically signed by {name} at {fmt(day, 'us_short')} {at}",
            f"Electronically signed by: {name}  {fmt(day)} {clock(rng, h24=True, lo=lo, hi=hi)}",
        ),
    )


def _cert_signature(
    rng: random.Random, people: People, md: Who, day: dt.date
) -> tuple[list[str], tuple[GoldSigner, ...], Who]:
    """Signature lines of a (re)certification, their gold and the note's author."""
    variant = rng.randrange(4)
    if variant == 0:
        return [_esign(rng, md, day)], (md.gold(),), md
    np_ = people.person(pick(rng, ("PMHNP", "APRN", "NP")))
    if variant == 1:
        lines = [_esign(rng, np_, day, 8, 14), f"Reviewed and co-signed by {md.signed} on "
                 f"{fmt(day, 'us_short')} at {clock(rng, lo=16, hi=19)}"]  # fmt: skip
        return lines, (np_.gold(), md.gold()), np_
    if variant == 2:
        lines = [
            "",
            "______________________________________",
            f"Physician Signature: /s/ {md.signed}     Date: {fmt(day)}",
        ]
        return lines, (md.gold(),), md
    lines = [
        _esign(rng, np_, day),
        "",
        "Physician signature: ___________________________   Date: ____________",
    ]
    return lines, (np_.gold(), GoldSigner("Physician", None, signed=False)), np_


def _certification(
    rng: random.Random,
    people: People,
    site: tuple[str, str, str],
    m: Member,
    dx: Dx,
    md: Who,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    sig, signers, author = _cert_signature(rng, people, md, day)
    hours_text, hours = _hours(rng)
    stressor = pick(rng, STRESSORS).format(her=m.her)
    need = NEED[dx.key].format(
        name=m.who.first,
        age=m.age_on(day),
        sex="female" if m.female else "male",
        n=rng.randrange(3, 10),
        stressor=stressor,
        her=m.her,
        She=m.She,
    )
    scores: list[GoldScore] = []
    if chance(rng, 0.5):
        phq = rng.randrange(16, 26)
        need += f" PHQ-9 today is {phq}."
        scores.append(GoldScore("PHQ-9", phq))
    elements = {
        CertificationElement.DIAGNOSIS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    lines = _banner(site, m, day, "IOP Certification", author)
    lines += [
        "CERTIFICATION OF NEED FOR INTENSIVE OUTPATIENT PROGRAM (IOP) - INITIAL",
        "",
        "DIAGNOSES",
        f"Principal: {dx.name} ({dx.code})",
    ]
    if chance(rng, 0.4):
        lines.append("Secondary: Z56.0 Unemployment, unspecified")
    lines += ["", "CLINICAL NEED FOR IOP", para(need, 90), ""]
    lines += [
        "SERVICE INTENSITY",
        hours_text,
        "",
    ]
    if chance(rng, 0.6):
        elements.add(CertificationElement.PLAN_OF_CARE)
        lines += [
            "PLAN OF CARE",
            para(
                pick(
                    rng,
                    (
                        "Services will be furnished under an individualized plan of care "
                        "established by the treating psychiatrist and reviewed at least every "
                        "30 days.",
                        "Plan of care: group psychotherapy (CBT/DBT skills), individual therapy "
                        "weekly, medication management and psychoeducation per the "
                        "Interdisciplinary Treatment Plan.",
                    ),
                ),
                90,
            ),
            "",
        ]
    if chance(rng, 0.5):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        lines += [
            "DISCHARGE CRITERIA",
            para(
                pick(
                    rng,
                    (
                        "Discharge when PHQ-9 is below 10 on two consecutive administrations, pt "
                        "has returned to work and is established with an outpatient therapist.",
                        "Anticipated step-down to weekly outpatient therapy once symptoms are in "
                        "the mild range and pt is managing daily routines independently.",
                    ),
                ),
                90,
            ),
            "",
        ]
    lines += [
        "ATTESTATION",
        para(
            "I certify that intensive outpatient services are medically necessary for this "
            "patient and that the patient is under my care.",
            90,
        ),
        "",
        *sig,
    ]
    text = "\n".join(lines)
    name = f"IOP_Physician_Certification_{day.isoformat()}"
    if chance(rng, 0.4):
        doc = pdf(
            f"{name}.pdf",
            text,
            footer=f"Printed {fmt(plus(day, 3), 'us_short')} - {site[2]} - Page {{page}} of "
            "{pages}",
        )
    else:
        doc = txt(f"{name}.txt", text)
    gold = DocGold(
        file=doc.name,
        kind="certification",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        scores=tuple(scores),
    )
    return doc, gold


def _objectives(rng: random.Random, dx: Dx, start: dt.date) -> list[tuple[_Goal, str | None]]:
    """Objectives with their "Target Date:" field (``None``: no field)."""
    d1 = fmt(plus(start, rng.randrange(35, 60)), "us_short")
    d2 = fmt(plus(start, rng.randrange(25, 45)), "us_short")
    pool: list[tuple[_Goal, str | None]] = [
        (_Goal(f"Pt will report a PHQ-9 score of 10 or below by {d1}", True, True), None),
        (
            _Goal("Pt will identify 3 healthy coping skills and demonstrate one in group "
                  "within 4 weeks", True, True),
            None,
        ),
        (_Goal("Pt will complete a daily mood log on 5 of 7 days", True, False), d2),
        (_Goal("Pt will complete a daily thought record on 4 of 7 days", True, False),
         "Ongoing"),
        (
            _Goal("Pt will sleep at least 6 hours per night on 5 of 7 nights by end of week 6",
                  True, True),
            None,
        ),
        (_Goal("Pt will schedule a pleasurable or mastery activity 3 times per week", True,
               False), None),
        (_Goal("Pt will work on self-esteem and self-worth", False, False), "Ongoing"),
        (_Goal("Pt will talk with staff when feeling unsafe or overwhelmed", False, False),
         "By discharge"),
        (_Goal("Pt will report a GAD-7 score below 10 in 30 days", True, True), None),
        (
            _Goal("Pt will complete a written safety plan listing 3 coping strategies and 2 "
                  "emergency contacts in 1 week", True, True),
            None,
        ),
    ]  # fmt: skip
    if dx.key == "panic":
        pool.append(
            (_Goal("Pt will reduce panic attacks to 2 or fewer per week within 8 weeks",
                   True, True), None)
        )  # fmt: skip
    if dx.key == "ptsd":
        pool.append((_Goal("Pt will practice grounding when triggered by flashbacks",
                           False, False), None))  # fmt: skip
    rng.shuffle(pool)
    return pool[: rng.randrange(3, 6)]


def _treatment_plan(
    rng: random.Random,
    site: tuple[str, str, str],
    m: Member,
    dx: Dx,
    md: Who,
    therapist: Who,
    people: People,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    target = plus(day, rng.randrange(42, 63))
    long_goals: list[tuple[_Goal, str | None]] = [
        pick(
            rng,
            (
                (_Goal("Pt will experience improved mood and return to baseline functioning",
                       False, False), "Ongoing"),
                (_Goal("Pt will experience improved mood and return to baseline functioning",
                       False, False), fmt(target, "us_short")),
                (_Goal("Reduce depressive symptoms to the mild range (PHQ-9 score of 9 or less)",
                       True, False), fmt(target, "us_short")),
                (_Goal("Pt will feel better and be less stressed", False, False), None),
                (_Goal("Improve coping skills and emotional regulation", False, False),
                 "By discharge"),
            ),
        ),
        pick(
            rng,
            (
                (_Goal("Return to work at least 20 hours per week", True, False),
                 fmt(plus(target, 14), "us_short")),
                (_Goal("Maintain safety in the community", False, False), "Ongoing"),
                (_Goal("Pt will rebuild a daily routine and structure", False, False), None),
            ),
        ),
    ]  # fmt: skip
    objectives = _objectives(rng, dx, day)
    split = max(1, len(objectives) - 2)
    problems = (
        ("Depressive/anxiety symptoms impairing function", long_goals[0], objectives[:split]),
        ("Safety and daily functioning", long_goals[1], objectives[split:]),
    )
    goals: list[GoldGoal] = []

    def gold(g: _Goal, field: str | None, objectives: tuple[GoldGoal, ...] = ()) -> GoldGoal:
        timed = g.tf or (field is not None and field != "Ongoing")
        return GoldGoal(g.text, g.measure, timed, objectives)

    lines = _banner(site, m, day, "Treatment Plan", therapist)
    lines += [
        "INTERDISCIPLINARY TREATMENT PLAN - INITIAL",
        f"Plan Date: {fmt(day, 'us_short')}     Next Review Due: {fmt(plus(day, 30), 'us_short')}",
        f"Admitting Dx: {dx.code} {dx.name}",
        "",
        "STRENGTHS: motivated for treatment, supportive sibling, good work history",
        "BARRIERS: transportation on Fridays, limited insight into triggers",
        "",
    ]
    for n, (title, (lg, lg_field), objs) in enumerate(problems, start=1):
        lines.append(f"PROBLEM {n}: {title}")
        lines.append(f"   Goal: {lg.text}.")
        if lg_field:
            lines.append(f"      Target Date: {lg_field}     Status: In progress")
        under: list[GoldGoal] = []
        for k, (ob, field) in enumerate(objs, start=1):
            lines.append(f"   Objective {n}.{k}: {ob.text}.")
            if field:
                lines.append(f"      Target Date: {field}     Status: New")
            under.append(gold(ob, field))
        # the problem's goal, with its objectives
        goals.append(gold(lg, lg_field, tuple(under)))
        lines.append("   Interventions:")
        if n == 1:
            lines += [
                "      - Group psychotherapy (CBT/DBT skills), 3 hrs x 3 days/wk - Primary "
                "therapist",
                "      - Individual therapy 1x/wk within IOP - Primary therapist",
                "      - Medication management q2wk - Attending psychiatrist",
            ]
        else:
            lines += [
                "      - Safety planning and weekly C-SSRS screen - Primary therapist",
                "      - Psychoeducation on sleep hygiene and routine - RN",
            ]
        lines.append("")
    lines += [
        "COORDINATION OF CARE",
        para(
            "Plan reviewed in interdisciplinary team (psychiatry, nursing, therapy, case "
            "management). Releases on file for PCP and outpatient prescriber; case manager "
            "to coordinate step-down referral and transportation resources.",
            90,
        ),
        "",
        "Patient participated in developing this plan and agrees with the goals above.",
        "",
    ]
    variant = rng.randrange(5)
    pt = m.who
    signers: tuple[GoldSigner, ...]
    if variant == 0:
        lines.append(
            f"Signatures: {md.signed} (Psychiatrist); {therapist.signed} (Primary "
            f"Therapist); {pt.full} (Patient) - {fmt(day, 'us_short')}"
        )
        signers = (md.gold(), therapist.gold(), GoldSigner(pt.full, None))
    elif variant == 1:
        lines += [
            _esign(rng, therapist, day, 8, 12),
            _esign(rng, md, day, 12, 18),
            f"Patient signature: {pt.full} (signed on signature pad) {fmt(day, 'us_short')}",
        ]
        signers = (therapist.gold(), md.gold(), GoldSigner(pt.full, None))
    elif variant == 2:
        lines += [
            _esign(rng, therapist, day),
            f"Patient: {pt.full} - signed {fmt(day, 'us_short')}",
            "",
            "Attending Physician: ______________________________  Date: ___________",
        ]
        signers = (
            therapist.gold(),
            GoldSigner(pt.full, None),
            GoldSigner("Attending Physician", None, signed=False),
        )
    elif variant == 3:
        lines += [
            _esign(rng, therapist, day),
            f"Reviewed and co-signed by Dr. {md.last} on {fmt(day, 'us_short')}",
        ]
        signers = (therapist.gold(), GoldSigner(f"Dr. {md.last}", None))
    else:
        np_ = people.person("PMHNP")
        lines += [
            _esign(rng, therapist, day, 8, 11),
            _esign(rng, np_, day, 11, 14),
            f"Reviewed and co-signed by {md.signed} {fmt(day, 'us_short')} "
            f"{clock(rng, lo=14, hi=18)}",
        ]
        signers = (therapist.gold(), np_.gold(), md.gold())
    doc = txt(f"Interdisciplinary_Treatment_Plan_{day.isoformat()}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name, kind="treatment_plan", date=day, signers=signers, goals=tuple(goals)
    )


def _recertification(
    rng: random.Random,
    people: People,
    site: tuple[str, str, str],
    m: Member,
    dx: Dx,
    md: Who,
    adm: dt.date,
    cert_day: dt.date,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    sig, signers, author = _cert_signature(rng, people, md, day)
    hours_text, hours = _hours(rng)
    elements = {
        CertificationElement.RESPONSE_TO_TREATMENT,
        CertificationElement.CONTINUING_SYMPTOMS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    lines = _banner(site, m, day, "IOP Recertification", author)
    lines += [
        "IOP RECERTIFICATION",
        f"Admission date: {fmt(adm, 'us_short')}   Initial certification: "
        f"{fmt(cert_day, 'us_short')}   Day {(day - adm).days + 1} of program",
        "",
    ]
    if chance(rng, 0.7):
        elements.add(CertificationElement.DIAGNOSIS)
        lines += ["DIAGNOSIS", f"{dx.code}  {dx.name}", ""]
    lines += [
        "RESPONSE TO TREATMENT",
        para(pick(rng, RESPONSE), 90),
        "",
        "SYMPTOMS CONTINUING TO REQUIRE IOP",
        para(f"Continues to report {CONTINUING[dx.key]}.", 90),
        "",
        "CONTINUED NEED",
        para(
            "Pt continues to require the structure of IOP to treat the symptoms above and "
            "consolidate skills.",
            90,
        ),
        hours_text,
        "",
    ]
    base = rng.randrange(17, 25)
    cur = base - rng.randrange(3, 8)
    gad = rng.randrange(8, 15)
    style = rng.randrange(3)
    scores: tuple[GoldScore, ...]
    lines.append("MEASURES")
    if style == 0:
        lines.append(f"PHQ-9: {cur} today (admission {base} on {fmt(adm, 'us_short')})")
        scores = (GoldScore("PHQ-9", cur), GoldScore("PHQ-9", base, adm))
    elif style == 1:
        band = "moderate" if cur < 15 else "moderately severe" if cur < 20 else "severe"
        lines.append(f"PHQ9 score = {cur} ({band}); GAD-7 total {gad}/21")
        scores = (GoldScore("PHQ-9", cur), GoldScore("GAD-7", gad))
    else:
        mid = plus(adm, 14)
        lines += [
            "  Date         PHQ-9   GAD-7",
            f"  {fmt(adm)}   {base:>5}   {gad + 3:>5}",
            f"  {fmt(mid)}   {base - 2:>5}   {gad + 1:>5}",
            f"  {fmt(day)}   {cur:>5}   {gad:>5}",
        ]
        scores = (
            GoldScore("PHQ-9", base, adm),
            GoldScore("GAD-7", gad + 3, adm),
            GoldScore("PHQ-9", base - 2, mid),
            GoldScore("GAD-7", gad + 1, mid),
            GoldScore("PHQ-9", cur, day),
            GoldScore("GAD-7", gad, day),
        )
    lines.append("")
    if chance(rng, 0.7):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        lines += [
            "DISCHARGE GOALS",
            para(
                pick(
                    rng,
                    (
                        "PHQ-9 under 10 on two consecutive weeks; return to work part-time; "
                        "linked with community therapist and prescriber for step-down.",
                        "Independent daily routine without staff prompting, sleep 6+ hours, and "
                        "first outpatient appointment scheduled before discharge.",
                    ),
                ),
                90,
            ),
            "",
        ]
    if chance(rng, 0.6):
        elements.add(CertificationElement.PLAN_OF_CARE)
        lines += [
            "PLAN OF CARE",
            para(
                f"Continue IOP per the updated interdisciplinary treatment plan (revised "
                f"{fmt(plus(day, -2), 'us_short')}); medication management every 2 weeks; "
                "weekly individual therapy within IOP.",
                90,
            ),
            "",
        ]
    lines += [
        "I certify that continued intensive outpatient services remain medically necessary.",
        "",
        *sig,
    ]
    text = "\n".join(lines)
    name = f"IOP_Recertification_{day.isoformat()}"
    if chance(rng, 0.4):
        doc = pdf(f"{name}.pdf", text, footer=f"{site[2]} - Page {{page}} of {{pages}}")
    else:
        doc = txt(f"{name}.txt", text)
    return doc, DocGold(
        file=doc.name,
        kind="recertification",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        scores=scores,
    )


def _face_sheet(
    site: tuple[str, str, str],
    m: Member,
    adm: dt.date,
    md: Who,
    therapist: Who,
    rng: random.Random,
    hours: float | None,
) -> DocFile:
    lines = [
        f"{site[2]} - PATIENT FACE SHEET",
        f"Printed: {fmt(plus(adm, 1), 'us_short')} {clock(rng)}",
        "",
        f"Name: {m.who.last.upper()}, {m.who.first.upper()}      MRN: {m.mrn}",
        f"DOB: {fmt(m.dob, 'us_short')}      Sex: {'F' if m.female else 'M'}",
        f"Address: {rng.randrange(100, 9999)} {pick(rng, ('Alder', 'Birch', 'Cedar', 'Juniper'))}"
        f" {pick(rng, ('St', 'Ave', 'Ln', 'Ct'))}, Apt {rng.randrange(1, 40)}",
        f"Primary coverage: {pick(rng, ('Cascade Medicare Advantage HMO', 'Medicare Part B', 'Summit Senior Choice PPO'))}",  # noqa: E501
        f"Program: Adult Mental Health IOP   Admit date: {fmt(adm, 'us_short')}",
        "Schedule: "
        + ("Mon/Tue/Thu/Fri" if hours == 12 else "Mon/Wed/Fri")
        + " 9:00 AM - 12:00 PM",
        "",
        "CARE TEAM",
        f"  Attending psychiatrist: {md.signed}",
        f"  Primary therapist: {therapist.signed}",
        "",
        f"Emergency contact: {pick(rng, ('sister', 'spouse', 'adult son', 'friend'))} "
        f"(555) {rng.randrange(200, 999)}-{rng.randrange(1000, 9999)}",
    ]
    return txt("FaceSheet.txt", "\n".join(lines))


def _group_note(
    site: tuple[str, str, str], m: Member, therapist: Who, day: dt.date, rng: random.Random
) -> DocFile:
    topic = pick(rng, ("Behavioral activation", "Cognitive distortions", "Distress tolerance"))
    lines = [
        *_banner(site, m, day, "Group Therapy", therapist),
        "GROUP PSYCHOTHERAPY NOTE",
        f"Group: IOP Process/Skills  Time: 9:00 AM - 12:00 PM  Members present: "
        f"{rng.randrange(4, 9)}",
        f"Topic: {topic}",
        "",
        "INTERVENTION",
        para(
            f"Facilitator reviewed {topic.lower()} with worksheets and role-play; members "
            "practiced identifying triggers and alternative responses.",
            90,
        ),
        "",
        "RESPONSE",
        para(
            f"Pt shared an example from the weekend and received feedback; affect "
            f"constricted but reactive. {m.She} completed the worksheet with minimal prompting.",
            90,
        ),
        "",
        "PLAN",
        "Continue IOP per treatment plan; addresses Problem 1 objectives.",
        "",
        _esign(rng, therapist, day),
    ]
    return txt(f"Group_Progress_Note_{day.isoformat()}.txt", "\n".join(lines))


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    site = pick(rng, SITES)
    m = member(people)
    dx = pick(rng, MH_DX)
    md = people.person(pick(rng, ("MD", "MD", "DO")))
    therapist = people.person(pick(rng, ("LCSW", "LPC", "LMFT", "LMHC")))
    adm = admission(rng)
    cert_day = plus(adm, rng.randrange(0, 3))
    plan_day = plus(adm, rng.randrange(2, 6))
    note_day = plus(adm, rng.randrange(7, 12))
    recert_day = plus(cert_day, rng.randrange(28, 58))

    cert, cert_gold = _certification(rng, people, site, m, dx, md, cert_day)
    plan, plan_gold = _treatment_plan(rng, site, m, dx, md, therapist, people, plan_day)
    recert, recert_gold = _recertification(rng, people, site, m, dx, md, adm, cert_day, recert_day)
    files = (
        _face_sheet(site, m, adm, md, therapist, rng, cert_gold.hours_per_week),
        cert,
        plan,
        _group_note(site, m, therapist, note_day, rng),
        recert,
    )
    return DocChart(files=files, gold=(cert_gold, plan_gold, recert_gold))


FAMILY = DocFamily(
    name="dd-smarttext-plan-cert",
    split="dev",
    description=(
        "Epic-like hospital IOP: SmartText certification, interdisciplinary treatment plan "
        "(problem/goal/objective with Target Date fields) and recertification, some printed "
        "to PDF; e-signature lines, co-signatures, blank physician lines."
    ),
    conventions=(
        "Electronically signed by ... on ... at ...",
        "Reviewed and co-signed by (with or without credential)",
        "Signatures: list of three on one line incl. patient",
        "blank Physician signature line",
        "9-hour need as 'minimum of 9 hours weekly', 'no fewer than nine', '3 hrs/day, 3 days/wk'",
        "recert sections toggled (diagnosis, discharge goals, plan of care)",
        "goal time frame in a separate Target Date field, 'Ongoing' is none",
        "score tables by date in the recertification",
    ),
    render=render,
    tags=("epic", "txt", "pdf"),
)
