"""f6-safe-t-risk: an outpatient clinic's suicide-risk paperwork on the SAMHSA SAFE-T model
(Suicide Assessment Five-step Evaluation and Triage: risk factors, protective factors,
suicide inquiry, risk level and intervention, documentation), beside the intake
biopsychosocial assessment's own RISK ASSESSMENT section and an individual therapy note.

The gold follows RULES.md "Risk assessment". A SAFE-T at LOW risk whose inquiry finds no
plan or intent concludes no imminent danger (and, where it says IOP is the right level or
no higher level of care is needed, no need for 24-hour care); at HIGH risk with a plan and
intent and an inpatient admission it concludes imminent danger and a need for inpatient
care; at MODERATE risk with ambivalent intent it reaches no conclusion ("admission may be
necessary" is the form's conditional, not a need). What is not current risk: a prior
attempt ticked as a risk factor or told as history; a relative who "denies SI" in the
family history; a hypothetical ("if she loses her housing her risk would likely become
high"). The intake's section concludes only "moderate" (no conclusion), and a therapy
note's "Denies SI/HI" is a screening line, not a risk assessment."""

from __future__ import annotations

import datetime as dt
import random

from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    Member,
    People,
    Who,
    admission,
    chance,
    fmt,
    member,
    para,
    pdf,
    pick,
    plus,
    txt,
)
from eval.docfacts.docfacts_dev6._six import stamp
from eval.docfacts.model import DocChart, DocFamily, DocFile, DocGold, GoldRisk, GoldScore

CLINICS = (
    "Bayberry Community Counseling - Intensive Outpatient",
    "Thornfield Behavioral Medicine",
    "Silver Lake Mental Health Clinic - IOP",
)
ATTEMPTS = (
    "overdose on acetaminophen in 2016, medically admitted",
    "cut wrists in 2012 at age 19, sutured in the ED",
    "hanging attempt interrupted by a roommate in 2020",
)
FAMILY_LINES = (
    "Family history: mother with bipolar disorder; older sister hospitalized in 2018 after "
    "an overdose - per client the sister is doing well now and denies SI.",
    "Family history: father died by suicide in 2009. Brother treated for depression; he "
    "reportedly denies SI and lives out of state.",
)
# the levels of the first-day SAFE-T and of the reassessment two weeks later
SEQUENCES = (("moderate", "low"), ("low", "high"), ("high", "low"), ("low", "moderate"))
HYPOTHETICALS = (
    "If {she} were to lose {her} housing, {her} risk would likely become high.",
    "Should {she} resume drinking, risk would be considered high and the plan revisited.",
)


def _fill(text: str, m: Member) -> str:
    return text.format(she=m.she, her=m.her, him=m.him, She=m.She, Her=m.Her)


def _box(on: bool) -> str:
    return "[X]" if on else "[ ]"


def _safe_t(
    rng: random.Random,
    m: Member,
    clinic: str,
    clinician: Who,
    day: dt.date,
    level: str,
    attempt: str,
) -> tuple[list[str], GoldRisk]:
    inquiry: list[str]
    if level == "low":
        inquiry = [
            "  Ideation: passive wish not to wake up, a few times this week; no active thoughts",
            "  Plan: none    Behaviors: none    Intent: denies",
            "  Homicidal ideation: denies",
        ]
        says_loc = chance(rng, 0.6)
        step4 = ["  Risk level:  ( ) High   ( ) Moderate   (x) Low"]
        if says_loc:
            step4 += [
                "  Intervention: outpatient referral (continue IOP), symptom reduction, "
                "crisis line and 988 given.",
                "  IOP remains the appropriate level of care; no higher level of care needed.",
            ]
        else:
            step4.append(
                "  Intervention: symptom reduction; crisis line and 988 given; safety plan "
                "reviewed."
            )
        risk = GoldRisk(False, False if says_loc else None)
    elif level == "moderate":
        inquiry = [
            "  Ideation: active thoughts of suicide most days this week",
            "  Plan: has thought of overdosing, no specific plan or date",
            "  Behaviors: none    Intent: ambivalent ('I don't know')",
            "  Homicidal ideation: denies",
        ]
        step4 = [
            "  Risk level:  ( ) High   (x) Moderate   ( ) Low",
            "  Intervention: admission may be necessary depending on risk factors; crisis plan "
            "developed; means restriction discussed; next-day follow-up.",
        ]
        risk = GoldRisk(None, None)
    else:
        inquiry = [
            "  Ideation: constant thoughts of suicide since the weekend",
            "  Plan: to overdose on stored pills tonight    Behaviors: has been saving pills",
            "  Intent: 'yes, I'm done'",
            "  Homicidal ideation: denies",
        ]
        step4 = [
            "  Risk level:  (x) High   ( ) Moderate   ( ) Low",
            f"  Intervention: inpatient admission; {m.she} was escorted to the emergency "
            "department by staff on 1:1 observation.",
        ]
        risk = GoldRisk(True, True)
    lines = [
        clinic,
        "SUICIDE ASSESSMENT FIVE-STEP EVALUATION AND TRIAGE (SAFE-T)",
        f"Client: {m.who.full}    DOB: {fmt(m.dob)}    Date: {fmt(day)}",
        "",
        "STEP 1 - RISK FACTORS (check all that apply)",
        f"  {_box(True)} Prior suicide attempt(s): {attempt}",
        f"  {_box(True)} Current major depressive episode",
        f"  {_box(level == 'high')} Access to lethal means",
        f"  {_box(chance(rng, 0.5))} Recent loss (job / relationship)",
        "",
        "STEP 2 - PROTECTIVE FACTORS",
        f"  {_box(True)} Engaged in treatment   {_box(chance(rng, 0.6))} Responsibility to "
        "children or pets   [X] Religious or cultural beliefs against suicide",
        "",
        "STEP 3 - SUICIDE INQUIRY",
        *inquiry,
        "",
        "STEP 4 - RISK LEVEL AND INTERVENTION",
        *step4,
        "",
        "STEP 5 - DOCUMENTATION",
        "  Rationale: risk level based on the inquiry above and the factors checked.",
        f"  Completed by: {clinician.signed}   {fmt(day)}",
    ]
    return lines, risk


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    m = member(people)
    dx = pick(rng, [d for d in MH_DX if d.key in ("mdd", "bipolar")])
    clinic = pick(rng, CLINICS)
    assessor = people.person(pick(rng, ("LCSW", "LPC", "LMHC")))
    therapist = people.person(pick(rng, ("LCSW", "LMFT")))
    supervisor = people.person(pick(rng, ("PHD", "PSYD")))
    admit = admission(rng)
    phq = rng.randrange(14, 25)
    attempt = pick(rng, ATTEMPTS)

    # ------------------------------------------------ the intake, its risk section "moderate"
    intake = [
        clinic,
        "BIOPSYCHOSOCIAL INTAKE ASSESSMENT",
        f"Client: {m.who.full}    DOB: {fmt(m.dob)}    Date of assessment: {fmt(admit)}",
        "",
        "Presenting problem: " + f"{dx.name} ({dx.code}); worsening over three months.",
        f"Measures today: PHQ-9 {phq}.",
        "",
        "Psychiatric history: " + f"one suicide attempt ({attempt}); no attempts since.",
        pick(rng, FAMILY_LINES),
        "Substance use: alcohol 2-3 drinks on weekends; no other drugs.",
        "",
        "RISK ASSESSMENT",
        para(
            f"Current: intermittent passive ideation; {m.she} could not say whether {m.she} "
            "would act on it. Chronic risk is elevated by the prior attempt and family history. "
            + _fill(pick(rng, HYPOTHETICALS), m)
        ),
        "Overall risk: moderate. SAFE-T to be completed at the first program day.",
        "",
        "Recommendation: admit to IOP pending the SAFE-T; level of care to be reassessed after it.",
        "",
        f"Assessor: {assessor.signed}   {fmt(admit)}",
        f"Clinical supervisor review: {supervisor.signed}   {fmt(plus(admit, 1))}",
    ]
    intake_name = f"Intake_Assessment_{stamp(admit)}.txt"
    intake_gold = DocGold(
        file=intake_name,
        kind="evaluation",
        date=admit,
        risk=GoldRisk(None, None),
        scores=(GoldScore("PHQ-9", phq, None),),
    )

    # ------------------------------------------------ two SAFE-Ts, two weeks apart
    first, second = pick(rng, SEQUENCES)
    safe_days = [plus(admit, rng.randrange(1, 3))]
    safe_days.append(plus(safe_days[0], 14))
    files: list[DocFile] = [txt(intake_name, "\n".join(intake))]
    golds: list[DocGold] = [intake_gold]
    for level, day in zip((first, second), safe_days, strict=True):
        lines, risk = _safe_t(rng, m, clinic, assessor, day, level, attempt)
        body = "\n".join(lines)
        as_pdf = chance(rng, 0.4)
        name = f"SAFE-T_{stamp(day)}" + (".pdf" if as_pdf else ".txt")
        files.append(pdf(name, body) if as_pdf else txt(name, body))
        golds.append(
            DocGold(
                file=name,
                kind="risk_assessment",
                date=day,
                risk=risk,
                signers=(assessor.gold(),),
            )
        )

    # ------------------------------------------------ a therapy note with a screening line
    note_day = plus(safe_days[0], 6)
    note = [
        clinic,
        "INDIVIDUAL THERAPY NOTE",
        f"Client: {m.who.full}    DOS: {fmt(note_day)}    9:00-9:53 AM",
        "",
        f"S: {m.She} reports a calmer week and slept better. Hx of SA (see intake).",
        "O: Euthymic, full affect. Denies SI/HI.",
        "A: Progressing toward objective 1b.",
        "P: Continue CBT; next session in one week.",
        "",
        f"{therapist.signed}  {fmt(note_day)}",
    ]
    note_name = f"Therapy_Note_{stamp(note_day)}.txt"
    files.append(txt(note_name, "\n".join(note)))
    golds.append(
        DocGold(file=note_name, kind="progress_note", date=note_day, risk=GoldRisk(None, None))
    )
    return DocChart(files=tuple(files), gold=tuple(golds))


FAMILY = DocFamily(
    name="f6-safe-t-risk",
    split="dev",
    description=(
        "SAMHSA SAFE-T suicide assessments (risk factors, protective factors, inquiry, "
        "risk level and intervention) at low, moderate or high risk; an intake's RISK "
        "ASSESSMENT section that concludes only 'moderate' beside a family history and a "
        "hypothetical; a therapy note with a screening line."
    ),
    conventions=(
        "SAFE-T Low with no plan or intent: no imminent danger; 'no higher level of care "
        "needed': no 24-hour need",
        "SAFE-T High with plan, intent and inpatient admission: imminent danger, 24-hour need",
        "SAFE-T Moderate with ambivalent intent and 'admission may be necessary': no conclusion",
        "a prior attempt ticked as a risk factor or told as history is not current risk",
        "a relative who 'denies SI' in the family history is not the member",
        "'If she were to lose her housing, her risk would likely become high' is hypothetical",
        "'Denies SI/HI' in a SOAP note is a screening line, not a risk assessment",
    ),
    render=_render,
    tags=("risk",),
)
