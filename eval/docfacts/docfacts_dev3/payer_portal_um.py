"""f3-payer-portal-um: utilization management through a health plan's provider portal. The
plan's first authorization notice (a sentence in visits, a sentence with day-first long
dates, a Markdown decision table, a dotted form), the provider's concurrent review
submission as the portal prints it (numbered questions: current presentation, why a lower
level will not do, engagement week by week with a late addendum, measures at admission and
most recent, risk in words with remote history and conditional plans), and the plan's
decision on the extension (a partial approval beside the period requested, a sentence that
also names the earlier period, or an export with an approved and a denied line)."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ContinuedStayElement, ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    Dx,
    Member,
    People,
    admission,
    chance,
    clock,
    fmt,
    member,
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
)

PLANS = (
    ("Evergreen Advantage Health Plan", "EAH"),
    ("Keystone Medicare Choice", "KMC"),
    ("Pacific Crest Health Partners", "PCH"),
)
PROVIDERS = ("Sagebrush Behavioral Health", "Harbor Point Counseling", "Lumen Recovery Clinic")

PRESENTATION = {
    "mdd": "Still tearful daily and sleeping 11-12 hours; has not resumed work or household "
    "tasks; hopelessness persists.",
    "gad": "Continues to report constant worry with 2-3 panic episodes a week; still unable "
    "to drive or work more than a few hours.",
    "ptsd": "Nightmares still 4-5 nights a week; startles and dissociates when reminded of "
    "the assault; remains off work.",
    "bipolar": "Mood remains labile with 4-5 hours of sleep; two missed medication doses "
    "this week; family reports irritability.",
    "panic": "Panic persists several times weekly; leaves the house only for program days.",
}
LOWER_LEVEL = (
    "A step-down to weekly therapy in 2024 ended in readmission within three weeks; weekly "
    "outpatient care would not be expected to prevent relapse or hospitalization now.",
    "Without the IOP structure the team expects rapid decompensation and a return to "
    "inpatient care; a lower level is not sufficient at present.",
)
LOWER_NOT_NEEDED = (
    "Member could likely be maintained at a lower level of care; two weeks are requested "
    "to complete the transition to outpatient therapy."
)
IMPROVED = (
    "Mood has lifted into the mild range and the member is back at work part-time; no "
    "symptoms requiring IOP-level care remain."
)


def _dmy(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _initial_notice(
    rng: random.Random,
    plan: tuple[str, str],
    prov: str,
    m: Member,
    issued: dt.date,
    start: dt.date,
    end: dt.date,
) -> tuple[DocFile, DocGold]:
    ref = f"{plan[1]}-{rng.randrange(100000, 999999)}"
    head = [
        plan[0].upper(),
        "Behavioral Health Utilization Management",
        "",
    ]
    if chance(rng, 0.5):
        head.append(fmt(issued, "long"))
    else:
        head.append(f"Date issued: {fmt(issued)}")
    head += [
        "",
        f"To: {prov}",
        f"Member: {m.who.full}    Member ID: {m.mrn}{rng.randrange(10, 99)}    Ref: {ref}",
        "Service: Mental health intensive outpatient (IOP), revenue code 0905",
        "",
    ]
    v = rng.randrange(4)
    units = rng.randrange(12, 24)
    if v == 0:
        body = wrap(
            f"We have approved {units} visits of intensive outpatient care to be used between "
            f"{fmt(start, 'us_short')} and {fmt(end, 'us_short')}.",
            88,
        )
    elif v == 1:
        body = wrap(
            f"This approval covers services rendered from {_dmy(start)} through {_dmy(end)}, "
            f"up to {units} days of treatment.",
            88,
        )
    elif v == 2:
        body = [
            "| Line | Service | Eff. | Exp. | Units | Decision |",
            "|---|---|---|---|---|---|",
            f"| 1 | MH IOP | {start.isoformat()} | {end.isoformat()} | {units} | Approved |",
        ]
    else:
        body = [
            "Decision ............ APPROVED",
            f"Effective Date ...... {fmt(start)}",
            f"Expiration Date ..... {fmt(end)}",
            f"Units ............... {units}",
        ]
    tail = [
        "",
        *wrap(
            f"To request more days, send updated clinical information through the portal by "
            f"{fmt(plus(end, -7))}. Approval is not a guarantee of payment.",
            88,
        ),
        "",
        f"Care manager: {pick(rng, ('Gloria', 'Trevor', 'Imani'))} (UM line ext. "
        f"{rng.randrange(1000, 9999)})",
    ]
    text = "\n".join(head + body + tail)
    name = f"Auth_Notice_{ref}"
    doc = pdf(name + ".pdf", text) if chance(rng, 0.4) else txt(name + ".txt", text)
    return doc, DocGold(
        file=doc.name, kind="authorization", date=issued, authorization=(start, end)
    )


def _risk(rng: random.Random, m: Member, day: dt.date) -> tuple[str, GoldRisk]:
    v = rng.randrange(3)
    if v == 0:
        return (
            f"C-SSRS screen negative on {fmt(day)}. Remote history of an overdose attempt "
            f"(2019); no suicidal ideation since admission. Risk judged low; {m.she} does not "
            "need a higher level of care.",
            GoldRisk(False, False),
        )
    if v == 1:
        return "Risk level: moderate (chronic). Safety plan updated with the member.", GoldRisk(
            None, None
        )
    return (
        "Currently denies SI and HI, with no plan or intent. If suicidal ideation with intent "
        "re-emerges, the team will arrange a PHP or inpatient evaluation.",
        GoldRisk(False, None),
    )


def _review(
    rng: random.Random,
    people: People,
    prov: str,
    m: Member,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
    auth: tuple[dt.date, dt.date],
    req: tuple[dt.date, dt.date],
) -> tuple[DocFile, DocGold]:
    ur = people.person(pick(rng, ("LCSW", "LPC", "RN")))
    stay: set[ContinuedStayElement] = set()
    improved = chance(rng, 0.25)
    if improved:
        q1, q2 = IMPROVED, LOWER_NOT_NEEDED
    else:
        q1 = PRESENTATION[dx.key]
        stay.add(ContinuedStayElement.CONTINUING_SYMPTOMS)
        if chance(rng, 0.7):
            q2 = pick(rng, LOWER_LEVEL)
            stay.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
        else:
            q2 = "Not answered."
    used: set[str] = set()
    weeks = story(rng)
    parts: list[GoldParticipation] = []
    q3: list[str] = []
    for i, status in enumerate(weeks):
        monday = plus(adm, 7 * i)
        q3 += wrap(
            f"Wk {i + 1} (week of {fmt(monday)}): {say(rng, m, status, used)}",
            88,
            indent="          ",
            first="     ",
        )
        parts.append(GoldParticipation(status, monday))
    if chance(rng, 0.4):
        late = plus(day, -1)
        turn = (
            ParticipationStatus.REFUSES
            if weeks[-1] is ParticipationStatus.PARTICIPATES
            else ParticipationStatus.PARTICIPATES
        )
        q3 += wrap(
            f"Addendum {fmt(late)}: {say(rng, m, turn, used)}",
            88,
            indent="          ",
            first="     ",
        )
        parts.append(GoldParticipation(turn, late))
    p0, p1 = rng.randrange(17, 25), rng.randrange(8, 16)
    g0, g1 = rng.randrange(13, 20), rng.randrange(6, 13)
    recent = plus(adm, 14)
    risk_text, risk = _risk(rng, m, plus(day, -2))
    lines = [
        f"{prov.upper()} - PROVIDER PORTAL PRINT",
        "CONCURRENT REVIEW SUBMISSION - MH INTENSIVE OUTPATIENT",
        f"Confirmation #: CR-{rng.randrange(10000, 99999)}    Submitted: {fmt(day)} "
        f"{clock(rng, lo=13, hi=17)}",
        f"Member: {m.who.full}    DOB: {fmt(m.dob)}    Admitted: {fmt(adm)}",
        f"Dx: {dx.code} {dx.name}",
        f"Authorization on file: {fmt(auth[0])} - {fmt(auth[1])}",
        f"Extension requested: {fmt(req[0])} - {fmt(req[1])}",
        "",
        "[1] Current clinical presentation",
        *wrap(q1, 88, indent="     ", first="     "),
        "[2] Why is a lower level of care not appropriate?",
        *wrap(q2, 88, indent="     ", first="     "),
        "[3] Engagement in treatment, by week",
        *q3,
        "[4] Standardized measures",
        "     Measure    At admission         Most recent",
        f"     PHQ-9      {p0:<2} ({fmt(adm)})    {p1:<2} ({fmt(recent)})",
        f"     GAD-7      {g0:<2} ({fmt(adm)})    {g1:<2} ({fmt(recent)})",
        "[5] Risk",
        *wrap(risk_text, 88, indent="     ", first="     "),
        "[6] Discharge plan",
        "     Step down to weekly outpatient therapy; discharge goal PHQ-9 under 10.",
        "",
        f"Submitted by: {ur.signed}, utilization review",
    ]
    doc = txt(f"Concurrent_Review_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="continued_stay_request",
        date=day,
        risk=risk,
        continued_stay=frozenset(stay),
        participation=tuple(parts),
        scores=(
            GoldScore("PHQ-9", p0, adm),
            GoldScore("PHQ-9", p1, recent),
            GoldScore("GAD-7", g0, adm),
            GoldScore("GAD-7", g1, recent),
        ),
    )


def _decision(
    rng: random.Random,
    plan: tuple[str, str],
    prov: str,
    m: Member,
    day: dt.date,
    prior: tuple[dt.date, dt.date],
    req: tuple[dt.date, dt.date],
) -> tuple[DocFile, DocGold]:
    approved = (req[0], plus(req[0], 13))
    lines = [
        f"{plan[0]} - Behavioral Health UM",
        "CONTINUED STAY DECISION",
        f"Decision date: {fmt(day)}",
        f"Provider: {prov}    Member: {m.who.full}",
        "",
    ]
    v = rng.randrange(3)
    if v == 0:
        lines += [
            f"Days requested for: {fmt(req[0])} - {fmt(req[1])}",
            f"Decision period:    {fmt(approved[0])} - {fmt(approved[1])}  (partially approved)",
            "Reason for partial approval: progress supports a shorter extension; a further",
            "request may be submitted with updated clinicals.",
        ]
    elif v == 1:
        lines += wrap(
            f"The plan authorizes continued IOP from {fmt(approved[0], 'long')} until "
            f"{fmt(approved[1], 'long')}. Your previous authorization ran "
            f"{fmt(prior[0])} through {fmt(prior[1])}.",
            88,
        )
    else:
        lines += [
            "auth_line,svc,eff_dt,term_dt,status",
            f"01,IOP-MH,{approved[0].isoformat()},{approved[1].isoformat()},APPROVED",
            f"02,IOP-MH,{plus(approved[1], 1).isoformat()},{req[1].isoformat()},DENIED",
        ]
    lines += ["", "Reviewer: Peer clinical reviewer, Behavioral Health UM"]
    doc = txt(f"Continued_Stay_Decision_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(file=doc.name, kind="authorization", date=day, authorization=approved)


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    plan = pick(rng, PLANS)
    prov = pick(rng, PROVIDERS)
    m = member(people)
    dx = pick(rng, MH_DX)
    adm = admission(rng)
    auth = (adm, plus(adm, 27))
    issued = plus(adm, -rng.randrange(1, 4))
    notice, notice_gold = _initial_notice(rng, plan, prov, m, issued, *auth)
    req = (plus(auth[1], 1), plus(auth[1], 28))
    submitted = plus(adm, 21 + rng.randrange(0, 3))
    review, review_gold = _review(rng, people, prov, m, dx, adm, submitted, auth, req)
    decision, decision_gold = _decision(
        rng, plan, prov, m, plus(submitted, rng.randrange(1, 4)), auth, req
    )
    return DocChart(
        files=(notice, review, decision),
        gold=(notice_gold, review_gold, decision_gold),
    )


FAMILY = DocFamily(
    name="f3-payer-portal-um",
    split="dev",
    description=(
        "A health plan's provider portal: the first authorization notice (visits between "
        "dates, day-first long dates, a Markdown decision table, a dotted form), the "
        "provider's concurrent review submission (numbered questions, engagement week by "
        "week with a late addendum, measures at admission and most recent, risk in words) "
        "and the plan's extension decision (partial approval, earlier period named, an "
        "export with approved and denied lines)."
    ),
    conventions=(
        "'approved N visits ... to be used between 1/12/2026 and 2/8/2026'",
        "'from 12 January 2026 through 8 February 2026'; Eff./Exp. table; Effective/Expiration",
        "a clinical-update deadline and an earlier period that are not the authorization",
        "requested period beside a partially approved one; a DENIED export line",
        "'Wk 1 (week of ...)' engagement lines; an addendum that changes the latest state",
        "improvement with a lower level adequate: no continued-stay element",
        "remote attempt history, moderate-only risk, a conditional PHP/inpatient plan",
    ),
    render=render,
    tags=("payer", "portal", "authorization", "continued-stay", "txt", "pdf"),
)
