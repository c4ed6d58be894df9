"""f3-discharge-recert-letters: a psychiatrist-led IOP that writes in letters and narrative.
A recertification written as a letter to the reviewer (admission and diagnosis, response
since admission, what still persists, why a step-down would fail or may soon be possible,
the weekly hours recertified, readiness for discharge, a conditional step-up), a
medication follow-up note in SOAP form with a "Safety assessment" paragraph, today's
scales, a planned physical exam and a conditional, and a discharge summary whose course in
the program is told week by week (the member's engagement changing), with measures from
admission to discharge, past history, the risk at discharge and a follow-up date."""

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
    para,
    pdf,
    pick,
    plus,
    txt,
    wrap,
)
from eval.docfacts.docfacts_dev3._phrases import say, story
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldParticipation,
    GoldRisk,
    GoldScore,
    GoldSigner,
)

CLINICS = (
    ("Alder Psychiatric Partners", "Intensive Outpatient Program"),
    ("Stonebridge Behavioral Medicine", "Adult IOP"),
    ("Halcyon Mental Health Group", "IOP Service"),
)

RESPONSE = {
    "mdd": "begun getting up at a regular time, walks daily and now talks about returning to "
    "work, although {her} energy is still low",
    "gad": "learned to interrupt worry spirals with paced breathing and has driven short "
    "distances again",
    "ptsd": "been able to name {her} triggers and uses grounding during flashbacks, with "
    "fewer dissociative episodes",
    "bipolar": "kept a regular sleep schedule and taken {her} mood stabilizer consistently",
    "panic": "cut emergency visits to none and tolerates short trips to the store",
}
PERSISTING = {
    "mdd": "wakes at 4 a.m. most days, has crying spells and cannot concentrate long enough "
    "to read",
    "gad": "spends several hours a day worrying about {her} health and has two or three "
    "panic episodes a week",
    "ptsd": "has nightmares four nights a week and avoids the area where the assault happened",
    "bipolar": "has brief irritable spells and racing thoughts at night",
    "panic": "has panic attacks on most days {she} leaves the house",
}
HOURS: tuple[tuple[str, float], ...] = (
    ("no less than nine hours a week of intensive outpatient services", 9.0),
    ("intensive outpatient services for at least 3 hours on each of 4 days weekly", 12.0),
    ("not fewer than 10 hours of intensive outpatient treatment every week", 10.0),
)


def _letter(
    rng: random.Random,
    people: People,
    clinic: tuple[str, str],
    m: Member,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    md = people.person(pick(rng, ("MD", "DO")))
    np_ = people.person(pick(rng, ("PMHNP", "NP")))
    hours_text, hours = pick(rng, HOURS)
    f = {"she": m.she, "her": m.her}
    elements = {
        CertificationElement.DIAGNOSIS,
        CertificationElement.RESPONSE_TO_TREATMENT,
        CertificationElement.CONTINUING_SYMPTOMS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    stay = {ContinuedStayElement.CONTINUING_SYMPTOMS}
    body = [
        f"{m.who.first} was admitted to our intensive outpatient program on {fmt(adm, 'long')} "
        f"with {dx.name.lower()} ({dx.code}). Since admission {m.she} has "
        f"{RESPONSE[dx.key].format(**f)}. Even so, {m.she} still "
        f"{PERSISTING[dx.key].format(**f)}, and {m.she} continues to need the structure of "
        "the program several days a week."
    ]
    if chance(rng, 0.7):
        stay.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
        body.append(
            f"Stepping {m.him} down to weekly therapy now would, in my judgment, undo these "
            "gains and lead to a readmission; a less intensive level of care would not hold "
            f"{m.him}."
        )
    else:
        body.append(
            "A lower level of care may become appropriate within two to three weeks if "
            "progress continues."
        )
    body.append(f"I therefore recertify that {m.she} requires {hours_text}.")
    if chance(rng, 0.6):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        body.append(
            f"{m.She} will be ready for discharge once {m.she} sleeps through most nights, "
            "has a community therapist and has resumed part of her usual routine."
            if m.female
            else f"{m.She} will be ready for discharge once {m.she} sleeps through most "
            "nights, has a community therapist and has resumed part of his usual routine."
        )
    if chance(rng, 0.5):
        elements.add(CertificationElement.PLAN_OF_CARE)
        body.append(
            f"{m.Her} individualized plan of care was revised with {m.him} this week and "
            "continues to guide the services."
        )
    body.append("Should symptoms worsen, we would consider a step-up to partial hospitalization.")
    lines = [
        clinic[0],
        clinic[1],
        "",
        fmt(day, "long"),
        "",
        f"RE: {m.who.full}, DOB {fmt(m.dob)}",
        f"    Recertification of need for intensive outpatient services "
        f"(day {(day - adm).days + 1} of program)",
        "",
        "To the utilization reviewer:",
        "",
    ]
    for p in body:
        lines += [para(p, 88), ""]
    sv = rng.randrange(4)
    signers: list[GoldSigner]
    if sv == 0:
        lines += ["Sincerely,", "", f"/s/ {md.signed}", "Medical Director"]
        signers = [md.gold()]
    elif sv == 1:
        lines += [
            "Sincerely,",
            "",
            np_.signed,
            "Psychiatric Nurse Practitioner",
            "",
            f"Reviewed and co-signed by {md.signed} on {fmt(day)}",
        ]
        signers = [np_.gold(), md.gold()]
    elif sv == 2:
        lines += [
            f"{np_.signed}  (dictated, not read)",
            "Attending physician co-signature: pending",
        ]
        signers = [np_.gold(), GoldSigner("Attending physician", None, signed=False)]
    else:
        lines += [f"Electronically authenticated by {md.signed} - {fmt(day)} {clock(rng)}"]
        signers = [md.gold()]
    lines += ["", f"Next review due: {fmt(plus(day, 30))}"]
    text = "\n".join(lines)
    name = f"Recert_Letter_{day:%Y-%m-%d}"
    doc = pdf(name + ".pdf", text) if chance(rng, 0.5) else txt(name + ".txt", text)
    return doc, DocGold(
        file=doc.name,
        kind="recertification",
        date=day,
        signers=tuple(signers),
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        continued_stay=frozenset(stay),
        risk=GoldRisk(None, None),
    )


def _med_note(
    rng: random.Random,
    clinic: tuple[str, str],
    m: Member,
    day: dt.date,
    md: Who,
    phq: int,
    gad: int,
) -> tuple[DocFile, DocGold]:
    v = rng.randrange(3)
    if v == 0:
        safety = (
            "Denies SI/HI, no plan or intent. Overdose attempt in 2015 is remote history. "
            "Acute risk low."
        )
        risk = GoldRisk(False, None)
    elif v == 1:
        safety = (
            "Endorses passive thoughts of not waking up, no plan. Risk moderate; safety "
            "plan reviewed with patient."
        )
        risk = GoldRisk(None, None)
    else:
        safety = (
            f"No current suicidal or homicidal ideation; {m.she} can name three reasons for "
            "living. No indication for a higher level of care or 24-hour supervision."
        )
        risk = GoldRisk(False, False)
    lines = [
        f"{clinic[0]} - {clinic[1]}",
        "PSYCHIATRIC MEDICATION FOLLOW-UP",
        f"Patient: {m.who.full}    DOS: {fmt(day)}    {clock(rng, lo=13, hi=16)}",
        "",
        "S: Reports sleep 5-6 hours; appetite fair. Tolerating sertraline.",
        f"O: Calm, cooperative, linear. PHQ-9 today {phq}; GAD-7 today {gad}.",
        "A: Partial response.",
        "Safety assessment:",
        *wrap(safety, 88, indent="   ", first="   "),
        "P: Increase sertraline to 150 mg daily.",
        *wrap(
            f"Physical exam with the PCP planned for {fmt(plus(day, 12))}; labs ordered. "
            "If symptoms worsen, consider a step-up to PHP.",
            88,
            indent="   ",
        ),
        "",
        f"{md.signed}    signed {fmt(day)}",
    ]
    doc = txt(f"Med_FollowUp_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="progress_note",
        date=day,
        signers=(md.gold(),),
        risk=risk,
        scores=(GoldScore("PHQ-9", phq), GoldScore("GAD-7", gad)),
    )


def _discharge(
    rng: random.Random,
    people: People,
    clinic: tuple[str, str],
    m: Member,
    dx: Dx,
    adm: dt.date,
    dc: dt.date,
    scores: tuple[int, int, int, int],
) -> tuple[DocFile, DocGold]:
    therapist = people.person(pick(rng, ("LCSW", "LPC")))
    used: set[str] = set()
    weeks = story(rng)
    parts: list[GoldParticipation] = []
    course: list[str] = []
    for k, status in enumerate(weeks):
        d = plus(adm, 7 * k + pick(rng, (1, 2, 3)))
        when = fmt(d) if chance(rng, 0.6) else fmt(d, "long")
        head = f"Week {k + 1} ({when}):" if chance(rng, 0.5) else f"Week {k + 1}: On {when} -"
        course += wrap(
            f"{head} {say(rng, m, status, used)}",
            90,
            indent="   ",
            first="  ",
        )
        parts.append(GoldParticipation(status, d))
    last = weeks[-1]
    if last is ParticipationStatus.PARTICIPATES:
        final = (
            f"On the last program day ({fmt(dc)}) {m.she} took part fully and presented "
            f"{m.her} relapse-prevention plan."
        )
    elif last is ParticipationStatus.REFUSES:
        final = (
            f"On {fmt(dc)} {m.she} again refused to attend group and asked to be discharged "
            "against advice."
        )
    elif last is ParticipationStatus.CANNOT_PARTICIPATE:
        final = (
            f"On {fmt(dc)} {m.she} remained too sedated to take part and was discharged to "
            "medication review."
        )
    else:
        final = (
            f"On {fmt(dc)} {m.she} left after the first hour again, unable to bear the "
            "length of the program day."
        )
    course += wrap(f"Final week: {final}", 90, indent="   ", first="  ")
    parts.append(GoldParticipation(last, dc))
    p0, p1, g0, g1 = scores
    v = rng.randrange(3)
    if v == 0:
        measures = [
            f"  PHQ-9: {p0} on admission ({fmt(adm)}) -> {p1} at discharge ({fmt(dc)})",
            f"  GAD-7: {g0} on admission ({fmt(adm)}) -> {g1} at discharge ({fmt(dc)})",
        ]
    elif v == 1:
        measures = wrap(
            f"The PHQ-9 fell from {p0} on {fmt(adm)} to {p1} on {fmt(dc)}; the GAD-7 went "
            f"from {g0} to {g1} over the same dates ({fmt(adm)} and {fmt(dc)}).",
            90,
            indent="  ",
            first="  ",
        )
    else:
        measures = [
            f"  {'Scale':<8}{fmt(adm):<14}{fmt(dc)}",
            f"  {'PHQ-9':<8}{p0!s:<14}{p1}",
            f"  {'GAD-7':<8}{g0!s:<14}{g1}",
        ]
    rv = rng.randrange(2)
    if rv == 0:
        risk_text = (
            "Denies current suicidal or homicidal ideation, plan or intent; risk judged low. "
            "Appropriate for outpatient care; no need for 24-hour supervision."
        )
        risk = GoldRisk(False, False)
    else:
        risk_text = "Denies SI/HI with no plan or intent; acute risk low at discharge."
        risk = GoldRisk(False, None)
    follow = plus(dc, rng.randrange(4, 9))
    lines = [
        f"{clinic[0]} - {clinic[1]}",
        "DISCHARGE SUMMARY",
        f"Patient: {m.who.full}    DOB: {fmt(m.dob)}",
        f"Admitted: {fmt(adm)}    Discharged: {fmt(dc)}",
        f"Diagnosis: {dx.name} ({dx.code})",
        "",
        "Past psychiatric history:",
        "  Suicide attempt by overdose in 2015 with an ICU stay; no attempts since.",
        "",
        "Course in program:",
        *course,
        "",
        "Measures:",
        *measures,
        "",
        "Risk assessment at discharge:",
        *wrap(risk_text, 90, indent="  ", first="  "),
        "",
        "Aftercare:",
        f"  First appointment with {therapist.signed} on {fmt(follow)} at 2:00 PM.",
        "",
        f"Discharging clinician: {therapist.signed}, e-signed {fmt(dc)}",
    ]
    doc = txt(f"Discharge_Summary_{dc:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="discharge_summary",
        date=dc,
        risk=risk,
        participation=tuple(parts),
        scores=(
            GoldScore("PHQ-9", p0, adm),
            GoldScore("PHQ-9", p1, dc),
            GoldScore("GAD-7", g0, adm),
            GoldScore("GAD-7", g1, dc),
        ),
    )


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    clinic = pick(rng, CLINICS)
    m = member(people)
    dx = pick(rng, MH_DX)
    adm = admission(rng)
    psych = people.person(pick(rng, ("MD", "DO")))
    p0, g0 = rng.randrange(17, 25), rng.randrange(12, 19)
    pm, gm = p0 - rng.randrange(2, 5), g0 - rng.randrange(1, 4)
    p1, g1 = pm - rng.randrange(2, 6), gm - rng.randrange(1, 4)
    note, note_gold = _med_note(rng, clinic, m, plus(adm, 9), psych, pm, gm)
    dc = plus(adm, 7 * 3 + rng.randrange(1, 4))
    summary, summary_gold = _discharge(rng, people, clinic, m, dx, adm, dc, (p0, p1, g0, g1))
    letter, letter_gold = _letter(rng, people, clinic, m, dx, adm, plus(adm, 17))
    return DocChart(
        files=(letter, note, summary),
        gold=(letter_gold, note_gold, summary_gold),
    )


FAMILY = DocFamily(
    name="f3-discharge-recert-letters",
    split="dev",
    description=(
        "Psychiatrist-led IOP writing in letters and narrative: a recertification letter to "
        "the reviewer (diagnosis, response, persisting symptoms, why a step-down would fail "
        "or soon may not, hours recertified, discharge readiness, a conditional step-up), "
        "a SOAP medication follow-up with a Safety assessment, scales, a planned exam and a "
        "conditional, and a discharge summary telling engagement week by week."
    ),
    conventions=(
        "recertification in letter prose: 'I therefore recertify that she requires ...'",
        "'no less than nine hours a week' / '3 hours on each of 4 days' / 'not fewer than 10'",
        "'Stepping him down ... would not hold him' vs 'may become appropriate within weeks'",
        "'Should symptoms worsen, we would consider a step-up to PHP' (no risk conclusion)",
        "/s/, 'Reviewed and co-signed by', co-signature pending, 'Electronically authenticated by'",
        "a planned physical exam, a next review and a follow-up date (not the document date)",
        "past suicide attempt as history beside low current risk",
        "'Week 1: On <date> - ...' course, the final week's state; scales admission to discharge",
    ),
    render=render,
    tags=("letters", "discharge", "recertification", "participation", "txt", "pdf"),
)
