"""g2-county-sud-state-forms: a county-operated substance-use disorder program that writes on
the state's mandated forms. The adult ASAM intake numbers every item and codes the risk
screen with digits (0 none ... 3 high); the medical-necessity determination is signed by a
Licensed Practitioner of the Healing Arts (LPHA) with the medical director's review; the
client plan is a problem list whose goals carry action-step rows with WHO and TARGET
columns; group notes are written in DAP form, several to a file."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import CertificationElement, ParticipationStatus
from eval.docfacts.docfacts_dev._kit import SUD_DX, Dx, chance, pdf, pick, plus, txt, wrap
from eval.docfacts.docfacts_heldout2._g2 import (
    Client,
    Clin,
    Roster,
    client,
    day_str,
    hhmm,
    start_day,
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

COUNTIES = (
    ("KLAMATH RIVER COUNTY BEHAVIORAL HEALTH", "Alcohol & Drug Services - Outpatient Clinic",
     "STATE DEPARTMENT OF HEALTH CARE SERVICES"),
    ("SAN TOMAS COUNTY HEALTH AGENCY", "Substance Use Treatment Services (SUTS)",
     "STATE DEPARTMENT OF HEALTH CARE SERVICES"),
    ("MESA VERDE COUNTY DEPT. OF HUMAN SERVICES", "Recovery Services Division",
     "OFFICE OF BEHAVIORAL HEALTH - STATE OF COLORADO"),
)  # fmt: skip

USE = {
    "aud": "drinking a fifth of vodka daily, morning shakes, two DUIs, lost job in October",
    "oud": "injecting fentanyl 6-8 times a day, two overdoses reversed with naloxone this "
    "year, on buprenorphine induction since last week",
    "stim": "smoking {drug} most days, awake for days at a time, paranoia when using, "
    "evicted last month",
}


def _drug(dx: Dx) -> str:
    return "crack cocaine" if "cocaine" in dx.name else "methamphetamine"


def _header(county: tuple[str, str, str], form: str, title: str, c: Client) -> list[str]:
    return [
        f"{county[2]}  --  {form}",
        f"Provider: {county[0]} / {county[1]}",
        title,
        f"Client name: {c.who.last.upper()}, {c.who.first}   Client ID: {c.mrn}   "
        f"DOB: {day_str(c.dob)}",
        "=" * 92,
    ]


# (risk screen text, the code entered, gold)
RISK: tuple[tuple[str, int, GoldRisk], ...] = (
    (
        "Client denies current thoughts of suicide or of harming anyone. Overdosed "
        "intentionally in 2017 after a divorce (hospitalized 5 days); no attempts since. "
        "No plan, no intent, no access to firearms.",
        1,
        GoldRisk(False, False),
    ),
    (
        "Client reports passive wishes to 'not wake up' on heavy-use days, none in the last "
        "week; no plan or intent voiced. Safety plan reviewed; crisis line number given. If "
        "use escalates or ideation returns, counselor will re-screen and consult the LPHA.",
        2,
        GoldRisk(False, False),
    ),
    (
        "Client states a plan to overdose on purpose tonight with fentanyl already in "
        "hand and says 'I'm done'. Mobile crisis called; client placed on a hold and "
        "transported to the Crisis Stabilization Unit for admission.",
        3,
        GoldRisk(True, True),
    ),
    (
        "No suicidal or homicidal ideation reported at this screen. History: attempt by "
        "hanging at 19, interrupted by roommate.",
        0,
        GoldRisk(False, False),
    ),
)


def _intake(
    rng: random.Random, roster: Roster, county: tuple[str, str, str], c: Client, dx: Dx,
    day: dt.date,
) -> tuple[DocFile, DocGold, Clin]:  # fmt: skip
    audit = rng.randrange(16, 36) if dx.key == "aud" else rng.randrange(0, 8)
    dast = rng.randrange(6, 11) if dx.key != "aud" else rng.randrange(0, 4)
    risk_text, code, risk = pick(rng, RISK)
    scores = [GoldScore("AUDIT", audit), GoldScore("DAST-10", dast)]
    jail = ""
    if chance(rng, 0.5):
        earlier = plus(day, -rng.randrange(25, 70))
        prior = rng.randrange(3, 10)
        jail = (
            f" (for comparison: DAST-10 = {prior} on the county jail health screen dated "
            f"{day_str(earlier)})"
        )
        scores.append(GoldScore("DAST-10", prior, earlier))
    counselor = roster.person("CADC")
    lpha = roster.person(pick(rng, ("LCSW", "LMFT", "LPCC")))
    lines = _header(county, "FORM SUD-AA-7 (rev. 04/2024)", "ADULT ASAM CRITERIA ASSESSMENT",
                    c)  # fmt: skip
    lines += [
        f"Item 1.  Date of assessment: {day_str(day)}     Location: clinic, face to face",
        f"Item 2.  Referral source: {pick(rng, ('Probation', 'Self', 'Drug court', 'ED'))}",
        f"Item 3.  Primary substance / pattern: {USE[dx.key].format(drug=_drug(dx))}",
        f"Item 4.  DSM-5 diagnosis: {dx.code} {dx.name}",
        "Item 5.  Dimension 1 (intoxication/withdrawal): low; no current withdrawal signs",
        "Item 6.  Dimension 2 (biomedical): hepatitis C antibody positive 2022, untreated",
        "Item 7.  Dimension 3 (emotional/behavioral/cognitive): depressed mood, poor sleep",
        "Item 8.  Dimension 4 (readiness): contemplation moving to preparation",
        "Item 9.  Dimension 5 (relapse potential): high; no sober supports",
        "Item 10. Dimension 6 (recovery environment): couch-surfing with using friends",
        "Item 11. Screening instruments administered at this visit",
        f"         11a. AUDIT total score ........ {audit}",
        f"         11b. DAST-10 total score ...... {dast}{jail}",
        "         11c. (instrument cut-offs: AUDIT 8 or more = hazardous; DAST-10 6 or more "
        "= substantial)",
        "Item 12. Suicide/violence risk screen narrative:",
        *wrap(risk_text, 84, indent="         "),
        "Item 13. Risk screen result code (0 = none, 1 = low, 2 = moderate, 3 = high) "
        f"......... {code}",
    ]
    answer = "Y" if code == 3 else "N"
    if code < 3 and chance(rng, 0.3):
        answer = "___"  # the item left unanswered: no conclusion about 24-hour care
        risk = GoldRisk(risk.imminent_danger, None)
    lines.append(
        "Item 14. Client requires a 24-hour structured/medically monitored setting (Y/N) "
        f"..... {answer}"
    )
    level = "2.1 Intensive Outpatient" if code < 3 else "deferred - see Item 12"
    lines += [
        f"Item 15. Recommended level of care: ASAM {level}",
        "",
        f"Assessor (counselor): {counselor.signed}        Signature: /s/ {counselor.full}"
        f"    Date: {day_str(day)}",
        f"Reviewed by LPHA: {lpha.signed}         Signature: /s/ {lpha.full}"
        f"    Date: {day_str(day)}",
    ]
    doc = txt(f"ASAM_Assessment_{day:%m%d%Y}.txt", "\n".join(lines))
    return (
        doc,
        DocGold(
            file=doc.name,
            kind="evaluation",
            date=day,
            signers=(counselor.gold(), lpha.gold()),
            risk=risk,
            scores=tuple(scores),
        ),
        lpha,
    )


NEED = {
    "aud": "Client has been unable to stop drinking despite two outpatient episodes in the "
    "last year; withdrawal risk is now managed but daily structure is needed to keep {him} "
    "from returning to daily use and losing {his} housing placement.",
    "oud": "Client has had two overdoses this year and cannot keep {his} buprenorphine "
    "doses without several contacts a week; weekly counseling alone has not interrupted "
    "injection use.",
    "stim": "Client's {drug} use continues most days with paranoia and missed court dates; "
    "a lower level (1.0) did not hold {him} in treatment.",
}
# (schedule as written, hours per week)
SCHEDULES: tuple[tuple[str, float], ...] = (
    ("Mon/Wed/Fri 9:00 am - 12:00 pm group (9 hours per week)", 9.0),
    ("3 days per week x 3.5 hours per day = 10.5 hrs/week", 10.5),
    ("Tue/Thu/Sat three hours each plus one hour individual counseling (10 hours weekly)",
     10.0),
    ("four days a week, three hours a day (12 hours each week)", 12.0),
)  # fmt: skip


def _necessity(
    rng: random.Random, roster: Roster, county: tuple[str, str, str], c: Client, dx: Dx,
    day: dt.date, lpha: Clin,
) -> tuple[DocFile, DocGold]:  # fmt: skip
    schedule, hours = pick(rng, SCHEDULES)
    elements = {
        CertificationElement.DIAGNOSIS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    need = NEED[dx.key].format(him=c.him, his=c.her, drug=_drug(dx))
    lines = _header(
        county,
        "FORM SUD-MN-2",
        "MEDICAL NECESSITY DETERMINATION AND LEVEL OF CARE CERTIFICATION",
        c,
    )
    lines += [
        f"Date of determination: {day_str(day)}",
        "",
        "SECTION A. DIAGNOSIS (at least one DSM-5 substance-related diagnosis is required)",
        f"   [X] {dx.code}  {dx.name}",
        "   [ ] Provisional diagnosis pending further assessment",
        "",
        "SECTION B. LEVEL OF CARE",
        "   [ ] 1.0 Outpatient    [X] 2.1 Intensive Outpatient    [ ] 2.5 Partial Hospitalization",
        f"   Prescribed schedule: {schedule}",
        "",
        "SECTION C. BASIS FOR DETERMINATION (why this level of care is medically necessary)",
        *wrap(need, 86, indent="   "),
        "",
    ]
    if chance(rng, 0.6):
        elements.add(CertificationElement.PLAN_OF_CARE)
        lines += [
            "SECTION D. SERVICES",
            *wrap(
                "Services will be delivered under the individualized client plan developed "
                "with the client and reviewed by the LPHA at least every 90 days.",
                86,
                indent="   ",
            ),
            "",
        ]
    else:
        lines += ["SECTION D. SERVICES", "   (left blank)", ""]
    if chance(rng, 0.5):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        lines += [
            "SECTION E. TRANSITION CRITERIA",
            *wrap(
                "Step down to 1.0 outpatient once the client has 30 days of negative drug "
                "screens, stable housing and a sponsor or recovery coach.",
                86,
                indent="   ",
            ),
            "",
        ]
    else:
        lines += ["SECTION E. TRANSITION CRITERIA", "   To be developed in the client plan.", ""]
    lines.append("SECTION F. SIGNATURES")
    signers: list[GoldSigner] = []
    date: dt.date | None = day
    md = roster.person(pick(rng, ("MD", "DO")))
    v = rng.randrange(4)
    if v == 0:
        lines += [
            f"   LPHA: {lpha.signed}   /s/ electronically   {day_str(day)}",
            f"   Medical Director review: {md.signed}   /s/ electronically   {day_str(day)}",
        ]
        signers += [lpha.gold(), md.gold()]
    elif v == 1:
        lines += [
            f"   LPHA: {lpha.signed}   /s/ electronically   {day_str(day)}",
            "   Medical Director review: ______________________________   Date: __________",
        ]
        signers += [lpha.gold(), GoldSigner("Medical Director", None, signed=False)]
    elif v == 2:
        late = plus(day, rng.randrange(3, 9))
        lines += [
            f"   LPHA: {lpha.signed}   /s/ electronically   {day_str(day)}",
            f"   Medical Director review: {md.signed}   /s/ electronically   {day_str(late)}"
            "   (late entry)",
        ]
        signers += [lpha.gold(), md.gold()]
        date = None
    else:
        lines.append(
            f"   Signed: {lpha.signed} (LPHA) {day_str(day)}; {md.signed} (Medical Director) "
            f"{day_str(day)}"
        )
        signers += [lpha.gold(), md.gold()]
    lines += [
        "",
        "Client acknowledgment (optional): ____________________________",
        "This form must be retained in the client record for 10 years.",
    ]
    doc = pdf(
        f"Medical_Necessity_{day:%m%d%Y}.pdf",
        "\n".join(lines),
        footer=f"{county[0].title()} | SUD-MN-2 | page {{page}} of {{pages}}",
    )
    return doc, DocGold(
        file=doc.name,
        kind="certification",
        date=date,
        signers=tuple(signers),
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )


# (problem in the client's words, goal, measure, time frame)
GOALS: tuple[tuple[str, str, bool, bool], ...] = (
    ("I keep using when I'm around my old crew.",
     "Client will remain abstinent from all non-prescribed substances as shown by negative "
     "urine drug screens for 60 consecutive days", True, True),
    ("I don't have anywhere to stay.",
     "Client will work toward a safer living situation before discharge from 2.1", False,
     True),
    ("My family won't talk to me anymore.",
     "Client will rebuild trust with family members and improve communication", False, False),
    ("I can't sleep and I'm angry all the time.",
     "Client will reduce anger outbursts to no more than one per week as reported on the "
     "daily log", True, False),
    ("I need to get my license back.",
     "Client will make progress on legal issues within 90 days", False, True),
)  # fmt: skip
# (action step, measure, time frame in its own words)
STEPS: tuple[tuple[str, bool, bool], ...] = (
    ("List 5 high-risk people/places and a plan for each", True, False),
    ("Attend at least 2 mutual-help meetings each week", True, False),
    ("Learn how substance use changes the brain", False, False),
    ("Submit 3 housing applications with the case manager", True, False),
    ("Practice refusal skills in group role plays", False, False),
    ("Complete a written relapse prevention plan within 14 days", True, True),
    ("Think about reconnecting with sister", False, False),
    ("Keep a daily anger log for four weeks", True, True),
    ("Identify two sober activities for weekends", True, False),
)


def _target(rng: random.Random, day: dt.date) -> tuple[str, bool]:
    v = rng.randrange(5)
    if v <= 1:
        return day_str(plus(day, pick(rng, (14, 30, 45, 60))), "mdyy"), True
    if v == 2:
        return "at d/c", True
    if v == 3:
        return "ongoing", False
    return "", False


def _plan(
    rng: random.Random, roster: Roster, county: tuple[str, str, str], c: Client, day: dt.date,
    lpha: Clin,
) -> tuple[DocFile, DocGold]:  # fmt: skip
    lines = _header(county, "FORM SUD-CP-1", "PROBLEM LIST AND CLIENT PLAN", c)
    lines += [f"Plan date: {day_str(day)}    Plan type: Initial    Next plan review due: "
              f"{day_str(plus(day, 90))}", ""]  # fmt: skip
    steps = rng.sample(range(len(STEPS)), len(STEPS))
    goals: list[GoldGoal] = []
    counselor = roster.person("CADC")
    for n, gi in enumerate(rng.sample(range(len(GOALS)), rng.randrange(2, 4)), start=1):
        problem, goal, measure, frame = GOALS[gi]
        lines += [
            f'PROBLEM #{n}   (in client\'s words) "{problem}"',
            *wrap(f"GOAL #{n}: {goal}.", 90, indent="            ", first="   "),
            f"   {'ACTION STEP':<60}  {'WHO':<18}TARGET",
        ]
        objectives = []
        for k in range(rng.randrange(2, 4)):
            text, o_measure, o_frame = STEPS[steps.pop()]
            target, framed = _target(rng, day)
            who = pick(rng, ("Client", "Client/CC", "Client+counselor", "CM"))
            lines.append(f"   {n}.{k + 1} {text:<56}  {who:<18}{target}".rstrip())
            objectives.append(GoldGoal(text, o_measure, o_frame or framed))
        lines.append("")
        goals.append(GoldGoal(goal, measure, frame, tuple(objectives)))
    lines += [
        "INTERVENTIONS: group counseling 3x/week, individual counseling 1x/week, case "
        "management as needed, MAT coordination.",
        "",
        "SIGNATURES",
    ]
    signers = [counselor.gold()]
    lines.append(f"Counselor: {counselor.signed}   {day_str(day)}")
    if chance(rng, 0.5):
        lines.append(f"LPHA: {lpha.signed}   {day_str(day)}")
        signers.append(lpha.gold())
    else:
        lines.append("LPHA: ____________________   Date: ________")
        signers.append(GoldSigner("LPHA", None, signed=False))
    if chance(rng, 0.5):
        lines.append(f"Client: {c.who.full}   {day_str(day)}")
        signers.append(GoldSigner(c.who.full, None))
    else:
        lines.append("Client: ____________________   Date: ________   (client refused to sign; "
                     "see note of same date)")  # fmt: skip
        signers.append(GoldSigner("Client", None, signed=False))
    doc = txt(f"Client_Plan_{day:%m%d%Y}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name, kind="treatment_plan", date=day, signers=tuple(signers), goals=tuple(goals)
    )


SAY = {
    ParticipationStatus.PARTICIPATES: (
        "Client attended {grp} and shared about a trigger from the weekend; gave feedback "
        "to peers.",
        "Client was present for all of {grp}, completed the worksheet and took part in the "
        "role play.",
        "Client engaged well in {grp}; volunteered to read and identified a coping skill.",
    ),
    ParticipationStatus.REFUSES: (
        "Client arrived but would not go into {grp}; stated 'I'm not doing this today' and "
        "left the building.",
        "Client declined to participate in {grp}, sat in the lobby and refused staff "
        "prompts to join.",
    ),
    ParticipationStatus.CANNOT_PARTICIPATE: (
        "Client arrived visibly intoxicated (slurred speech, unsteady); not able to take "
        "part in {grp} and was sent home with a ride.",
    ),
    ParticipationStatus.CANNOT_TOLERATE: (
        "Client left {grp} after 40 minutes saying {she} could not sit through three hours "
        "with the cravings.",
    ),
}
STORIES: tuple[tuple[ParticipationStatus, ...], ...] = (
    (ParticipationStatus.PARTICIPATES, ParticipationStatus.PARTICIPATES,
     ParticipationStatus.REFUSES, ParticipationStatus.REFUSES),
    (ParticipationStatus.REFUSES, ParticipationStatus.PARTICIPATES,
     ParticipationStatus.PARTICIPATES),
    (ParticipationStatus.PARTICIPATES, ParticipationStatus.CANNOT_PARTICIPATE,
     ParticipationStatus.PARTICIPATES, ParticipationStatus.REFUSES),
    (ParticipationStatus.PARTICIPATES, ParticipationStatus.CANNOT_TOLERATE,
     ParticipationStatus.PARTICIPATES),
)  # fmt: skip
GROUPS = ("Relapse Prevention group", "Seeking Safety group", "Anger Management group",
          "Early Recovery Skills group", "Process group")  # fmt: skip


def _notes(
    rng: random.Random, roster: Roster, county: tuple[str, str, str], c: Client, day: dt.date,
) -> tuple[DocFile, DocGold]:  # fmt: skip
    story = pick(rng, STORIES)
    counselor = roster.person("CADC")
    weekdays = [plus(day, k) for k in range(18) if plus(day, k).weekday() < 5]
    chosen = sorted(rng.sample(weekdays, len(story)))
    lines = _header(county, "FORM SUD-PN-3", "GROUP COUNSELING NOTES (DAP)", c)
    parts: list[GoldParticipation] = []
    scores: list[GoldScore] = []
    used: set[str] = set()
    for i, (status, d) in enumerate(zip(story, chosen, strict=True)):
        grp = pick(rng, GROUPS)
        options = [s for s in SAY[status] if s not in used] or list(SAY[status])
        said = pick(rng, options)
        used.add(said)
        start = pick(rng, ("09:00", "13:00", "17:30"))
        lines += [
            "",
            f"Date of service: {day_str(d)}   Start: {start}   Duration: 180 min   "
            f"Service: group counseling",
            *wrap("D: " + said.format(grp=grp, she=c.she), 88, indent="   "),
        ]
        a = "A: Ambivalence about abstinence continues; cravings 6/10."
        if i == 1 and status is ParticipationStatus.PARTICIPATES:
            phq = rng.randrange(6, 17)
            a = f"A: PHQ-9 repeated in group today = {phq}; cravings 4/10."
            scores.append(GoldScore("PHQ-9", phq, d))
        lines += [
            f"   {a}",
            "   P: Continue per client plan; next group as scheduled. If two more groups are "
            "missed, the team will review discharge.",
            f"   {counselor.signed}  signed {day_str(d)} {hhmm(rng, 20, 23)}",
        ]
        parts.append(GoldParticipation(status, d))
    doc = txt(f"Group_Notes_{day:%m%d%Y}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="progress_note",
        participation=tuple(parts),
        scores=tuple(scores),
    )


def render(rng: random.Random) -> DocChart:
    roster = Roster(rng)
    county = pick(rng, COUNTIES)
    c = client(roster)
    dx = pick(rng, SUD_DX)
    adm = start_day(rng)
    intake, intake_gold, lpha = _intake(rng, roster, county, c, dx, adm)
    mn, mn_gold = _necessity(rng, roster, county, c, dx, plus(adm, rng.randrange(0, 3)), lpha)
    plan, plan_gold = _plan(rng, roster, county, c, plus(adm, rng.randrange(3, 10)), lpha)
    notes, notes_gold = _notes(rng, roster, county, c, plus(adm, 14))
    return DocChart(
        files=(intake, mn, plan, notes),
        gold=(intake_gold, mn_gold, plan_gold, notes_gold),
    )


FAMILY = DocFamily(
    name="g2-county-sud-state-forms",
    split="heldout",
    description=(
        "County-run SUD program on state-mandated forms: a numbered ASAM intake with AUDIT "
        "and DAST-10 and a risk code, an LPHA medical-necessity determination with "
        "checkbox sections and the medical director's review, a problem-list client plan "
        "with action-step rows, and DAP group notes several to a file."
    ),
    conventions=(
        "numbered items with dotted leaders; a comparison DAST-10 from a jail screen",
        "instrument cut-offs that are not scores",
        "risk result as a digit code (0-3) with the code legend; a Y/N 24-hour item",
        "past intentional overdose / attempt at 19 as history",
        "checkbox level-of-care row and a prescribed schedule with weekly hours",
        "SECTION D '(left blank)'; transition criteria 'to be developed'",
        "LPHA and medical director: both signed, blank review line, late entry, one line",
        "optional client acknowledgment line (not required) left blank",
        "problem in the client's words (no goal), GOAL #n, ACTION STEP / WHO / TARGET rows",
        "target as mm/dd/yy, 'at d/c', 'ongoing' or empty; next plan review date",
        "client refused to sign; DAP notes with dated participation and a PHQ-9 in A:",
    ),
    render=render,
    tags=("sud", "county", "state-forms", "txt", "pdf"),
)
