"""f5-risk-conclusions: a program's risk documents over the first weeks of a stay: the
admission psychiatric evaluation's narrative risk formulation (past attempts as history,
chronic against acute risk), a C-SSRS screener with the Columbia triage written beneath it,
and two progress notes: one with only a screening line ("SI/HI: denies") and one with a
section headed as a safety assessment that reaches a conclusion.

The gold follows RULES.md "Risk assessment": low or minimal acute risk, denial of current
ideation with plan or intent, or no need for a higher level of care or 24-hour observation
is *no imminent danger*; current ideation with plan and intent, a high triage or a need for
inpatient care is *imminent danger*; "moderate" alone reaches no conclusion; a past attempt
is history; a screening line in a progress note is not a risk assessment (scored: nothing
may be found there), and a conditional ("if thoughts return, she will call 988") is none."""

from __future__ import annotations

import datetime as dt
import random

from eval.docfacts.docfacts_dev._kit import (
    Member,
    People,
    Who,
    admission,
    chance,
    fmt,
    member,
    pick,
    plus,
    txt,
)
from eval.docfacts.docfacts_dev5._common import grid, stamp
from eval.docfacts.model import DocChart, DocFamily, DocFile, DocGold, GoldRisk

PROGRAMS = (
    "Kestrel Ridge Behavioral Health - IOP",
    "Fernhill Psychiatric Services - Adult IOP",
    "Beacon Street Counseling Center - Intensive Outpatient",
)
HISTORY = (
    "Two prior suicide attempts: an overdose in 2014 and cutting requiring sutures in 2019; "
    "no attempts since.",
    "One prior attempt by hanging in 2017 (interrupted by a roommate), hospitalized 5 days.",
    "Suicidal ideation with a plan during a depressive episode in 2020; no attempt; none since.",
)
ITEMS = (
    "Wish to be dead",
    "Non-specific active suicidal thoughts",
    "Active suicidal ideation with any methods (not plan) without intent to act",
    "Active suicidal ideation with some intent to act, without specific plan",
    "Active suicidal ideation with specific plan and intent",
)


def _fill(text: str, m: Member) -> str:
    return text.format(She=m.She, she=m.she, her=m.her, him=m.him, herself=m.him + "self")


def _evaluation(
    rng: random.Random, m: Member, doctor: Who, day: dt.date, program: str
) -> tuple[list[str], GoldRisk]:
    history = pick(rng, HISTORY)
    if chance(rng, 0.5):
        formulation = [
            "RISK FORMULATION",
            f"Past: {history}",
            "Chronic risk is elevated given the prior history, chronic pain and living alone.",
            _fill(
                "Acute risk is low: {she} denies current suicidal or homicidal thoughts, has "
                "no plan or intent, and is future-oriented (daughter's wedding in the spring).",
                m,
            ),
        ]
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=None)
    else:
        formulation = [
            "SUICIDE RISK FORMULATION",
            f"History: {history}",
            _fill(
                "Today {she} describes fleeting passive thoughts of not waking up but no "
                "active ideation, plan or intent. In my clinical judgment {she} is not at "
                "imminent risk of harming {herself} or others and can be treated safely "
                "without 24-hour observation.",
                m,
            ),
        ]
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
    lines = [
        program,
        "PSYCHIATRIC EVALUATION - IOP ADMISSION",
        f"Patient: {m.who.full}    DOB: {fmt(m.dob)}    Date of service: {fmt(day)}",
        "",
        "HPI: worsening low mood for two months with insomnia, poor appetite and withdrawal "
        "from work and friends.",
        "MSE: alert, cooperative; mood 'flat'; affect constricted; linear; no psychosis.",
        "",
        *formulation,
        "",
        "PLAN: admit to IOP; safety plan completed with patient; sertraline continued.",
        "",
        f"Attending: {doctor.signed}    e-signed {fmt(day)}",
    ]
    return lines, risk


def _screen(
    rng: random.Random, m: Member, clinician: Who, day: dt.date, level: str, program: str
) -> tuple[list[str], GoldRisk]:
    answers = ["No"] * 5
    behavior = "No"
    if level == "moderate":
        answers[:3] = ["Yes", "Yes", "Yes"]
    elif level == "high":
        answers = ["Yes"] * 5
        behavior = "Yes - gathered pills this week"
    rows = [[f"{i + 1}", q, a] for i, (q, a) in enumerate(zip(ITEMS, answers, strict=True))]
    rows.append(["6", "Suicidal behavior in the past 3 months", behavior])
    if level == "low":
        triage = [
            "Columbia triage: LOW RISK - no ideation or behavior endorsed.",
            "Disposition: routine follow-up; no need for a higher level of care.",
        ]
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
    elif level == "moderate":
        triage = [
            "Columbia triage: MODERATE RISK (item 3 endorsed).",
            "Disposition: same-day safety planning with the primary therapist; reassess at "
            "next program day.",
        ]
        risk = GoldRisk(imminent_danger=None, needs_24h_supervision=None)
    else:
        triage = [
            "Columbia triage: HIGH RISK (items 4, 5 and 6 endorsed).",
            _fill(
                "Disposition: {she} requires inpatient psychiatric admission; escorted to the "
                "emergency department by staff, family notified.",
                m,
            ),
        ]
        risk = GoldRisk(imminent_danger=True, needs_24h_supervision=True)
    lines = [
        program,
        "C-SSRS SCREENER (SINCE LAST CONTACT)",
        f"Patient: {m.who.full}    Screen date: {fmt(day)}",
        "",
        *grid(("#", "Question", "Answer"), rows),
        "",
        *triage,
        "",
        f"Screened by {clinician.signed}, {fmt(day)}",
    ]
    return lines, risk


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    m = member(people)
    program = pick(rng, PROGRAMS)
    doctor = people.person(pick(rng, ("MD", "DO")))
    clinician = people.person(pick(rng, ("LCSW", "LPC", "LMHC")))
    admit = admission(rng)
    files: list[DocFile] = []
    golds: list[DocGold] = []

    lines, risk = _evaluation(rng, m, doctor, admit, program)
    name = f"Psych_Eval_{stamp(admit)}.txt"
    files.append(txt(name, "\n".join(lines)))
    golds.append(
        DocGold(file=name, kind="evaluation", date=admit, signers=(doctor.gold(),), risk=risk)
    )

    # a screening line in a note: not a risk assessment; with a conditional safety-plan line
    note_day = plus(admit, rng.randrange(2, 5))
    lines = [
        program,
        f"INDIVIDUAL THERAPY NOTE    {m.who.full}    DOS {fmt(note_day)}    50 min",
        "",
        "Content: reviewed the week's mood log; practiced behavioral activation scheduling.",
        pick(rng, ("SI/HI: denies.", "Pt denies SI/HI.", "Denies SI, HI, AVH.")),
        _fill("If suicidal thoughts return, {she} will use {her} safety plan and call 988.", m),
        "Plan: continue IOP; next session in one week.",
        "",
        f"{clinician.signed}  {fmt(note_day)}",
    ]
    name = f"Therapy_Note_{stamp(note_day)}.txt"
    files.append(txt(name, "\n".join(lines)))
    golds.append(
        DocGold(
            file=name,
            kind="progress_note",
            date=note_day,
            risk=GoldRisk(imminent_danger=None, needs_24h_supervision=None),
        )
    )

    # the C-SSRS screener in week 2
    level = pick(rng, ("low", "low", "moderate", "high"))
    screen_day = plus(admit, 7 + rng.randrange(0, 3))
    lines, risk = _screen(rng, m, clinician, screen_day, level, program)
    name = f"CSSRS_Screener_{stamp(screen_day)}.txt"
    files.append(txt(name, "\n".join(lines)))
    golds.append(
        DocGold(
            file=name,
            kind="risk_assessment",
            date=screen_day,
            signers=(clinician.gold(),),
            risk=risk,
        )
    )

    # a note with a section headed as a safety assessment (after the screen, unless the
    # member went to the hospital)
    if level != "high":
        safety_day = plus(screen_day, rng.randrange(2, 5))
        if level == "moderate" and chance(rng, 0.5):
            section = [
                "SAFETY ASSESSMENT",
                _fill(
                    "Passive wish to be dead persists; no plan. Risk remains moderate; safety "
                    "plan revised with {him} and {her} sister.",
                    m,
                ),
            ]
            risk = GoldRisk(imminent_danger=None, needs_24h_supervision=None)
        else:
            section = [
                "SAFETY ASSESSMENT",
                _fill(
                    "{She} denies current SI/HI with no plan or intent and no preparatory "
                    "behavior. No indication for a higher level of care at this time.",
                    m,
                ),
            ]
            risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
        lines = [
            program,
            f"GROUP/INDIVIDUAL PROGRESS NOTE    {m.who.full}    Service date {fmt(safety_day)}",
            "",
            "Session: CBT skills group, 3 hours; one 15-minute individual check-in.",
            "",
            *section,
            "",
            f"Clinician: {clinician.signed}    {fmt(safety_day)}",
        ]
        name = f"Progress_Note_{stamp(safety_day)}.txt"
        files.append(txt(name, "\n".join(lines)))
        golds.append(DocGold(file=name, kind="progress_note", date=safety_day, risk=risk))
    return DocChart(files=tuple(files), gold=tuple(golds))


FAMILY = DocFamily(
    name="f5-risk-conclusions",
    split="dev",
    description=(
        "Risk documents over a stay's first weeks: an admission evaluation's narrative risk "
        "formulation (history against current, chronic against acute), a C-SSRS screener "
        "table with the Columbia triage, a therapy note with only a screening line, and a "
        "progress note with a 'SAFETY ASSESSMENT' section."
    ),
    conventions=(
        "'Chronic risk is elevated ... Acute risk is low': no imminent danger",
        "'not at imminent risk ... without 24-hour observation' in a psychiatrist's words",
        "'Columbia triage: LOW / MODERATE / HIGH RISK' under a C-SSRS item table",
        "'MODERATE RISK' alone reaches no conclusion",
        "'SI/HI: denies.' in a therapy note is a screening line, not a risk assessment",
        "'If suicidal thoughts return, she will ... call 988' is a conditional, not a finding",
        "past attempts written as history",
    ),
    render=_render,
    tags=("risk", "signers"),
)
