"""f4-payer-ur-packet: a health plan's utilization-review packet for one IOP stay, as the
plan's portal and correspondence print it: an authorization detail page (a service-line
table with requested and approved dates side by side), an approval letter, the provider's
continued-stay review request with the attending's attestation (a long-format scores
table, a risk section, participation, the current authorization beside the requested
dates), a notice of adverse benefit determination approving part of the request, and the
plan's peer-to-peer note (the denial reversed with more days, or upheld)."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import CertificationElement, ContinuedStayElement, ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    DateStyle,
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

PLANS = (
    ("PRAIRIE SKY HEALTH PLAN", "Behavioral Health Utilization Review", "PSH"),
    ("GULF COAST COMMUNITY CARE", "BH Medical Management", "GCC"),
    ("TIMBERLINE MEDICARE ADVANTAGE", "Behavioral Health Clinical Review", "TMA"),
)
PROVIDERS = (
    "Bayside Behavioral Health IOP",
    "Ridgeview Counseling Associates",
    "Cottonwood Psychiatric Services",
)
SYMPTOMS = {
    "mdd": "Depressed mood most of the day, sleeps 11-12 hours, has not returned to work, "
    "stopped cooking for herself and her children.",
    "gad": "Daily worry episodes of several hours, chest tightness, still unable to drive "
    "to work; calls out sick 2-3 days a week.",
    "ptsd": "Nightmares 5 nights a week, startle and flashbacks at the grocery store, "
    "sleeping 3-4 hours.",
    "bipolar": "Residual depression with psychomotor slowing and hopelessness; sleep-wake "
    "cycle still irregular after the mixed episode.",
    "panic": "Panic attacks 4-5 times a week, still avoids stores and public transit.",
}
LOWER = (
    "Stepped down to weekly therapy after a prior IOP stay and was in the ED with suicidal "
    "thoughts within 9 days; weekly outpatient care did not prevent that relapse and "
    "would not now.",
    "Routine outpatient treatment cannot provide the daily skills practice and monitoring "
    "she still needs; without IOP the team expects decompensation and readmission.",
)


def _pronouns(text: str, m: Member) -> str:
    if m.female:
        return text
    return text.replace("herself", "himself").replace(" her ", " his ").replace("she ", "he ")


def _auth_detail(
    rng: random.Random,
    plan: tuple[str, str, str],
    prov: str,
    m: Member,
    member_id: str,
    ref: str,
    start: dt.date,
    asked: dt.date,
    end: dt.date,
    decided: dt.date,
) -> tuple[DocFile, DocGold]:
    units_req = (asked - start).days * 5 // 7
    units = (end - start).days * 5 // 7
    partial = end != asked
    decision = "PARTIAL" if partial else "APPROVED"
    head = (
        f"{'Ln':<4}{'Service':<24}{'Code':<7}{'Req From':<12}{'Req To':<12}{'Req':<5}"
        f"{'Decision':<10}{'Appr From':<12}{'Appr To':<12}{'Appr'}"
    )
    row1 = (
        f"{'1':<4}{'MH Intensive Outpatient':<24}{'S9480':<7}{fmt(start):<12}{fmt(asked):<12}"
        f"{units_req:<5}{decision:<10}{fmt(start):<12}{fmt(end):<12}{units}"
    )
    second = pick(rng, (("Family psychotherapy", "90847", "PENDED"),
                        ("Psychological testing", "96130", "DENIED")))  # fmt: skip
    row2 = (
        f"{'2':<4}{second[0]:<24}{second[1]:<7}{fmt(start):<12}{fmt(asked):<12}{'2':<5}"
        f"{second[2]:<10}{'--':<12}{'--':<12}0"
    )
    lines = [
        f"{plan[0]}  |  Provider Portal  |  Authorization Detail",
        "",
        f"Authorization #: {ref}        Review type: Initial        Status: Closed - {decision}",
        f"Member: {m.who.last}, {m.who.first}   ID: {member_id}   DOB: {fmt(m.dob)}",
        f"Servicing provider: {prov}",
        f"Request received: {fmt(plus(start, -2))}     Decision date: {fmt(decided)}",
        "",
        head,
        "-" * len(head),
        row1,
        row2,
        "",
        "Notes: Submit concurrent review no later than 2 business days before the last "
        "approved date.",
        f"Printed by portal user {prov.split()[0].lower()}_ur on {fmt(plus(decided, 5))}",
    ]
    doc = txt(f"Auth_Detail_{ref}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name, kind="authorization", date=decided, authorization=(start, end)
    )


def _approval_letter(
    rng: random.Random,
    plan: tuple[str, str, str],
    prov: str,
    m: Member,
    member_id: str,
    ref: str,
    start: dt.date,
    end: dt.date,
    day: dt.date,
    reviewer: Who,
) -> tuple[DocFile, DocGold]:
    units = (end - start).days * 5 // 7
    style: DateStyle = pick(rng, ("long", "abbr", "us"))
    s, e = fmt(start, style), fmt(end, style)
    variant = rng.randrange(4)
    auth: tuple[dt.date | None, dt.date | None] = (start, end)
    if variant == 0:
        period = [f"Coverage window: {s} to {e}        Units approved: {units}"]
    elif variant == 1:
        period = para(
            f"This approval covers {units} units of S9480 for services on {s} and after, "
            f"through and including {e}.",
            90,
        ).split("\n")
    elif variant == 2:
        period = [f"First covered day: {s}     Last covered day: {e}     Units: {units}"]
    else:
        period = [f"Authorized units: {units} (valid through {e})"]
        auth = (None, end)
    lines = [
        f"**{plan[0]}",
        plan[1],
        "",
        fmt(day, "long"),
        "",
        f"{prov}",
        "Attn: Utilization Review Coordinator",
        "",
        f"Member: {m.who.full}    Member ID: {member_id}    Reference: {ref}",
        "Service: Mental health intensive outpatient program (IOP)",
        "",
        "**APPROVAL OF SERVICES",
        "",
        *para(
            f"We received your request on {fmt(plus(start, -2), style)}. A licensed clinician "
            "reviewed it against our medical necessity criteria and approved the services "
            "below.",
            90,
        ).split("\n"),
        "",
        *period,
        "",
        *para(
            "Approval does not guarantee payment; benefits and eligibility are checked when "
            "the claim is received. For more days, send a concurrent review before the last "
            "approved day.",
            90,
        ).split("\n"),
        "",
        "Sincerely,",
        f"{reviewer.signed}",
        "Utilization Review Clinician",
    ]
    doc = pdf(
        f"Approval_Letter_{ref}.pdf",
        "\n".join(lines),
        footer=f"{plan[2]} UR-APPROVE-02    Page {{page}} of {{pages}}",
    )
    return doc, DocGold(file=doc.name, kind="authorization", date=day, authorization=auth)


HOURS: tuple[tuple[str, float], ...] = (
    ("no less than 9 treatment hours a week", 9.0),
    ("at least 12 hours/week (4 days x 3 hrs)", 12.0),
    ("IOP services of 9 hrs or more per week", 9.0),
)


def _csr(
    rng: random.Random,
    people: People,
    plan: tuple[str, str, str],
    prov: str,
    m: Member,
    member_id: str,
    ref: str,
    dx: Dx,
    adm: dt.date,
    auth: tuple[dt.date, dt.date],
    asked: tuple[dt.date, dt.date],
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    stay = {ContinuedStayElement.CONTINUING_SYMPTOMS}
    elements = {
        CertificationElement.CONTINUING_SYMPTOMS,
        CertificationElement.RESPONSE_TO_TREATMENT,
        CertificationElement.DIAGNOSIS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    hours_text, hours = pick(rng, HOURS)
    mid = plus(adm, max(3, (day - adm).days // 2))
    p = [rng.randrange(18, 26)]
    p += [p[0] - rng.randrange(2, 5), p[0] - rng.randrange(5, 9)]
    g0, g2 = rng.randrange(12, 19), rng.randrange(6, 12)
    table = [
        f"  {'Date':<12}{'Instrument':<13}Score",
        f"  {fmt(adm):<12}{'PHQ-9':<13}{p[0]}",
        f"  {fmt(adm):<12}{'GAD-7':<13}{g0}",
        f"  {fmt(mid):<12}{'PHQ-9':<13}{p[1]}",
        f"  {fmt(day):<12}{'PHQ-9':<13}{p[2]}",
        f"  {fmt(day):<12}{'GAD-7':<13}{g2}",
    ]
    scores = (
        GoldScore("PHQ-9", p[0], adm),
        GoldScore("GAD-7", g0, adm),
        GoldScore("PHQ-9", p[1], mid),
        GoldScore("PHQ-9", p[2], day),
        GoldScore("GAD-7", g2, day),
    )
    rv = rng.randrange(3)
    if rv == 0:
        risk_text = "Current SI/HI: denied.  Plan/intent: none.  Risk level: LOW."
        risk = GoldRisk(False, None)
    elif rv == 1:
        risk_text = (
            "Passive SI twice this week without a plan; safety plan reviewed with member. "
            "Risk level: MODERATE."
        )
        risk = GoldRisk(None, None)
    else:
        risk_text = (
            "No current SI or HI. History of suicide attempt by overdose in 2019. Member "
            "does not require 24-hour supervision."
        )
        risk = GoldRisk(False, False)
    d0 = plus(adm, rng.randrange(5, 9))
    d2 = plus(d0, rng.randrange(2, 5))
    if chance(rng, 0.5):
        part_text = "Attends 4 days a week and participates actively in all groups."
        part: tuple[GoldParticipation, ...] = (GoldParticipation(ParticipationStatus.PARTICIPATES),)
    else:
        part_text = (
            f"Refused to join group on {fmt(d0)} after a family conflict; has participated "
            f"in every group since {fmt(d2)}."
        )
        part = (
            GoldParticipation(ParticipationStatus.REFUSES, d0),
            GoldParticipation(ParticipationStatus.PARTICIPATES, d2),
        )
    lower = ["  Not answered."]
    if chance(rng, 0.7):
        stay.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
        lower = wrap(_pronouns(pick(rng, LOWER), m), 88, indent="  ", first="  ")
    discharge = ["  To be determined."]
    if chance(rng, 0.6):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        discharge = [
            "  Step down to weekly therapy when PHQ-9 is under 10 and member is back at work",
            "  at least 3 days a week; outpatient psychiatrist appointment already booked.",
        ]
    clin = people.person(pick(rng, ("LCSW", "LMFT", "LPC")))
    md = people.person(pick(rng, ("MD", "DO")))
    sv = rng.randrange(3)
    if sv == 0:
        sig = [
            f"Completed by: {clin.signed}   {fmt(day)}",
            f"Attending physician: {md.signed}   electronically attested {fmt(day)} "
            f"{clock(rng, h24=True)}",
            "Member/guardian acknowledgement (optional): ____________________",
        ]
        signers: tuple[GoldSigner, ...] = (clin.gold(), md.gold())
    elif sv == 1:
        sig = [
            f"Completed by: {clin.signed}   {fmt(day)}",
            "Attending physician: ____________________   Date: ________",
            "Member/guardian acknowledgement (optional): ____________________",
        ]
        signers = (clin.gold(), GoldSigner("Attending physician", None, signed=False))
    else:
        sig = [
            f"Completed by: {clin.signed}   {fmt(day)}",
            f"Attending physician: {md.signed}   electronically attested {fmt(day)}",
            f"Member/guardian acknowledgement (optional): {m.who.full} {fmt(day)}",
        ]
        signers = (clin.gold(), md.gold(), GoldSigner(m.who.full, None))
    lines = [
        f"{plan[0]} - CONTINUED STAY REVIEW REQUEST (MH IOP)",
        f"Submitted: {fmt(day)}    Provider: {prov}",
        f"Member: {m.who.full}   ID: {member_id}   Admitted: {fmt(adm)}",
        f"Current authorization: #{ref}, {fmt(auth[0])} - {fmt(auth[1])}",
        f"Requested:             {fmt(asked[0])} through {fmt(asked[1])}",
        "",
        "A. DIAGNOSIS (ICD-10)",
        f"  {dx.code}  {dx.name}",
        "",
        "B. PROGRESS SINCE ADMISSION",
        "  Partial response: uses coping skills in group, sleep slightly better, mood",
        "  brighter on program days; not yet at goal.",
        "",
        "C. SYMPTOMS THAT STILL REQUIRE IOP",
        *wrap(_pronouns(SYMPTOMS[dx.key], m), 88, indent="  ", first="  "),
        "",
        "D. WHY A LOWER LEVEL OF CARE IS NOT APPROPRIATE",
        *lower,
        "",
        "E. STANDARDIZED MEASURES",
        *table,
        "",
        "F. RISK ASSESSMENT",
        *wrap(risk_text, 88, indent="  ", first="  "),
        "",
        "G. PARTICIPATION",
        *wrap(part_text, 88, indent="  ", first="  "),
        "",
        "H. DISCHARGE PLAN",
        *discharge,
        "",
        "I. ATTENDING ATTESTATION",
        *wrap(
            f"I attest that the member continues to need intensive outpatient treatment, "
            f"because the symptoms in section C persist despite treatment, and requires "
            f"{hours_text}.",
            88,
            indent="  ",
            first="  ",
        ),
        "",
        *sig,
    ]
    doc = txt(f"CSR_Request_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="continued_stay_request",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        risk=risk,
        authorization=auth,
        continued_stay=frozenset(stay),
        participation=part,
        scores=scores,
    )


def _adverse(
    rng: random.Random,
    plan: tuple[str, str, str],
    prov: str,
    m: Member,
    member_id: str,
    ref: str,
    asked: tuple[dt.date, dt.date],
    approved_end: dt.date,
    day: dt.date,
    reviewer: Who,
) -> tuple[DocFile, DocGold]:
    start, req_end = asked
    n_ok = (approved_end - start).days * 5 // 7 + 1
    n_no = (req_end - approved_end).days * 5 // 7
    p2p_by = plus(day, 14)
    if chance(rng, 0.5):
        decision = para(
            f"We approved {n_ok} units for dates of service from {fmt(start)} to "
            f"{fmt(approved_end)}. We did not approve the remaining {n_no} units requested "
            f"for {fmt(plus(approved_end, 1))} to {fmt(req_end)}.",
            88,
        ).split("\n")
    else:
        decision = [
            f"Requested:     {fmt(start)} - {fmt(req_end)}",
            f"Approved:      {n_ok} units, DOS {fmt(start)} - {fmt(approved_end)}",
            f"Not approved:  DOS {fmt(plus(approved_end, 1))} - {fmt(req_end)}",
        ]
    lines = [
        f"{plan[0]} - {plan[1]}",
        "NOTICE OF ADVERSE BENEFIT DETERMINATION (PARTIAL)",
        f"Notice date: {fmt(day)}",
        f"Member: {m.who.full}   ID: {member_id}   Reference: {ref}-C1",
        f"Provider: {prov}",
        "",
        *decision,
        "",
        "Reason:",
        *wrap(
            "The records show improvement in mood and attendance. Our criteria for "
            "continued IOP are not met for the later dates; care can be provided at a "
            "lower level of care.",
            88,
            indent="  ",
            first="  ",
        ),
        "",
        *wrap(
            f"Your attending physician may ask for a peer-to-peer conversation with our "
            f"reviewer until {fmt(p2p_by)}. You may appeal within 60 days of this notice.",
            88,
        ),
        "",
        f"Reviewing physician: {reviewer.signed}",
    ]
    doc = txt(f"Adverse_Determination_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name, kind="authorization", date=day, authorization=(start, approved_end)
    )


def _peer_to_peer(
    rng: random.Random,
    people: People,
    plan: tuple[str, str, str],
    m: Member,
    ref: str,
    adm: dt.date,
    later: tuple[dt.date, dt.date],
    day: dt.date,
    reviewer: Who,
    phq: int,
) -> tuple[DocFile, DocGold]:
    md = people.person(pick(rng, ("MD", "DO")))
    stay = {ContinuedStayElement.CONTINUING_SYMPTOMS}
    she = m.she
    still = pick(rng, ("daily crying spells", "panic several times a week", "nightmares"))
    said = [
        f"Dr. {md.last} reports the member still has {still} and cannot manage a full work "
        f"day; PHQ-9 was {phq} on {fmt(plus(day, -2))}.",
    ]
    if chance(rng, 0.7):
        stay.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
        said.append(
            f"When {she} was tapered to two days a week {she} relapsed within a week; "
            "the attending believes standard outpatient care would not prevent a "
            "hospitalization now."
        )
    overturned = chance(rng, 0.6)
    if overturned:
        units = (later[1] - later[0]).days * 5 // 7 + 1
        outcome = (
            f"Outcome: adverse determination reversed. {units} additional units approved, "
            f"{fmt(later[0])} through {fmt(later[1])}."
        )
        auth: tuple[dt.date | None, dt.date | None] | None = later
    else:
        outcome = (
            "Outcome: adverse determination upheld. Provider informed of appeal rights; "
            "no further units approved."
        )
        auth = None
    lines = [
        f"{plan[0]} - PEER-TO-PEER REVIEW NOTE",
        f"Date of call: {fmt(day)}  {clock(rng)}    Reference: {ref}-C1",
        f"Member: {m.who.full}    Admitted to IOP: {fmt(adm)}",
        f"Plan reviewer: {reviewer.signed}, Associate Medical Director",
        f"Treating physician on call: Dr. {md.full}",
        "",
        "Discussion:",
    ]
    for s in said:
        lines += wrap(s, 88, indent="  ", first="  - ")
    lines += [
        *wrap(
            "  - Reviewer noted the improved attendance; discussed discharge criteria.",
            88,
        ),
        "",
        *wrap(outcome, 88),
        "",
        f"Documented by {reviewer.signed} {fmt(day)}",
    ]
    doc = txt(f"Peer_to_Peer_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="authorization",
        date=day,
        authorization=auth,
        continued_stay=frozenset(stay),
        scores=(GoldScore("PHQ-9", phq, plus(day, -2)),),
    )


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    plan = pick(rng, PLANS)
    prov = pick(rng, PROVIDERS)
    m = member(people)
    dx = pick(rng, MH_DX)
    adm = admission(rng)
    member_id = f"{plan[2]}{rng.randrange(100_000_000, 999_999_999)}"
    ref = f"{plan[2]}-{rng.randrange(1_000_000, 9_999_999)}"
    ur = people.person(pick(rng, ("RN", "LCSW")))
    pmd = people.person("MD")
    start = adm
    asked0 = plus(start, 27)
    end = asked0 if chance(rng, 0.5) else plus(start, pick(rng, (13, 18, 20)))
    decided = plus(start, rng.randrange(0, 2))
    detail, detail_gold = _auth_detail(
        rng, plan, prov, m, member_id, ref, start, asked0, end, decided
    )
    letter, letter_gold = _approval_letter(
        rng, plan, prov, m, member_id, ref, start, end, plus(decided, 1), ur
    )
    csr_day = plus(end, -rng.randrange(2, 5))
    asked = (plus(end, 1), plus(end, 21))
    csr, csr_gold = _csr(
        rng, people, plan, prov, m, member_id, ref, dx, adm, (start, end), asked, csr_day
    )
    ok_end = plus(asked[0], rng.randrange(4, 8))
    adv_day = plus(csr_day, rng.randrange(1, 3))
    adverse, adverse_gold = _adverse(
        rng, plan, prov, m, member_id, ref, asked, ok_end, adv_day, pmd
    )
    p2p_day = plus(adv_day, rng.randrange(2, 5))
    phq = next(int(s.value) for s in reversed(csr_gold.scores or ()) if s.instrument == "PHQ-9")
    p2p, p2p_gold = _peer_to_peer(
        rng, people, plan, m, ref, adm, (plus(ok_end, 1), asked[1]), p2p_day, pmd, phq
    )
    return DocChart(
        files=(detail, letter, csr, adverse, p2p),
        gold=(detail_gold, letter_gold, csr_gold, adverse_gold, p2p_gold),
    )


FAMILY = DocFamily(
    name="f4-payer-ur-packet",
    split="dev",
    description=(
        "A health plan's UR packet: portal authorization detail with requested and approved "
        "columns on one service line, an approval letter, the provider's continued-stay "
        "review request with an attending attestation, a partial adverse determination and "
        "a peer-to-peer note that reverses or upholds it."
    ),
    conventions=(
        "Req From / Req To / Appr From / Appr To on one table row; a pended or denied line",
        "portal print date and request-received date that are not the document's",
        "coverage window / on ... and after, through and including / first and last covered "
        "day / valid through (no start)",
        "current authorization beside requested dates in a provider's request",
        "long-format scores table: Date | Instrument | Score",
        "risk LOW / MODERATE only / history attempt with no 24-hour supervision",
        "attestation of continued need with weekly hours; blank attending line",
        "optional member/guardian acknowledgement left blank, or signed by the member",
        "partial denial: approved and not-approved dates; peer-to-peer request deadline",
        "peer-to-peer: attending's continuing symptoms and failed taper; reversed or upheld",
    ),
    render=render,
    tags=("payer", "ur", "authorization", "pdf", "txt"),
)
