"""g2-payer-review-worksheet: a health plan's behavioral-health utilization management as
its own staff write it. The approval notice is a faxed text form with units and service
dates; the care manager's concurrent-review worksheet is internal shorthand (telephonic
review with the provider's UR coordinator, arrows between scores, two-digit years, a
criteria grid answered Y/N) that pends the request to a physician advisor; the physician
advisor's determination records the peer-to-peer call and the decision; the provider's
discharge notification closes the case."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ContinuedStayElement, ParticipationStatus
from eval.docfacts.docfacts_dev._kit import MH_DX, Dx, chance, pdf, pick, plus, txt, wrap
from eval.docfacts.docfacts_heldout2._g2 import Client, Roster, client, day_str, hhmm, start_day
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
    ("SUMMIT RIDGE HEALTH PLAN", "Behavioral Health Utilization Management", "1-888-555-0142"),
    ("TRI-STATE COMMUNITY CARE (MEDICARE ADVANTAGE)", "BH Care Management", "1-877-555-0198"),
    ("PIONEER VALLEY HEALTH PARTNERS", "Behavioral Health Services Dept.", "1-866-555-0117"),
)
PROVIDERS = ("Northgate Behavioral Health IOP", "Riverside Counseling Center - IOP",
             "Oak Hollow Recovery & Wellness")  # fmt: skip


def _notice(
    rng: random.Random, plan: tuple[str, str, str], prov: str, c: Client, ref: str,
    sent: dt.date, start: dt.date, end: dt.date, units: int,
) -> tuple[DocFile, DocGold]:  # fmt: skip
    v = rng.randrange(4)
    auth: tuple[dt.date | None, dt.date | None] = (start, end)
    if v == 0:
        period = [f"SERVICE DATES APPROVED:  {day_str(start)}  -  {day_str(end)}"]
    elif v == 1:
        period = [f"FIRST APPROVED DATE OF SERVICE: {day_str(start)}",
                  f"LAST APPROVED DATE OF SERVICE:  {day_str(end)}"]  # fmt: skip
    elif v == 2:
        period = wrap(
            f"Services are approved for dates of service on or after {day_str(start, 'long')} "
            f"and ending no later than {day_str(end, 'long')}.",
            80,
        )
    else:
        period = [f"APPROVAL SPAN: {day_str(start, 'dmy')} THRU {day_str(end, 'dmy')}"]
    received = plus(sent, -rng.randrange(1, 3))
    lines = [
        f"FAX  TO: {prov}   FROM: {plan[0]} {plan[1]}   PAGES: 1",
        f"Fax transmitted {day_str(sent)} {hhmm(rng)}",
        "",
        "NOTICE OF APPROVAL - OUTPATIENT BEHAVIORAL HEALTH SERVICE",
        f"Notice date: {day_str(sent)}       Reference #: {ref}",
        f"Member: {c.who.full}   Member ID: {c.mrn}   DOB: {day_str(c.dob)}",
        f"Request received: {day_str(received)}",
        "Service: Intensive Outpatient Program - mental health (S9480 / rev 0905)",
        f"Units approved: {units} (1 unit = 1 program day)",
        *period,
        "",
        *wrap(
            "This approval is not a guarantee of payment. The member must be eligible on each "
            "date of service. To continue services beyond the approved dates, submit clinical "
            f"information no later than {day_str(plus(end, -3))}. Questions: {plan[2]}.",
            80,
        ),
    ]
    doc = txt(f"Approval_Notice_{ref}.txt", "\n".join(lines))
    return doc, DocGold(file=doc.name, kind="authorization", date=sent, authorization=auth)


STILL = {
    "mdd": "early wakening 3-4am, anhedonia, poor concentration, not back at work",
    "gad": "daily worry spells w/ chest tightness, still can't drive on highway",
    "ptsd": "nightmares 4x/wk, startle, dissociates when triggered",
    "bipolar": "sleep still broken (4-5 hrs), irritable, low energy afternoons",
    "panic": "panic attacks 3-4x/wk, won't ride bus alone",
}


def _worksheet(
    rng: random.Random, roster: Roster, plan: tuple[str, str, str], prov: str, c: Client,
    dx: Dx, ref: str, day: dt.date, adm: dt.date, auth: tuple[dt.date, dt.date],
    req: tuple[dt.date, dt.date],
) -> tuple[DocFile, DocGold]:  # fmt: skip
    cm = roster.person("RN")
    ur = roster.person()
    p0 = rng.randrange(16, 25)
    p1 = p0 - rng.randrange(2, 7)
    d1 = plus(day, -rng.randrange(2, 5))
    stay: set[ContinuedStayElement] = set()
    improving = chance(rng, 0.25)
    crit: list[tuple[str, str, str]] = []
    if improving:
        clin = (
            "Per UR, pt 'doing much better', sx mild, attending all groups, asking about step down"
        )
        crit += [
            ("Persistence of sx meeting admission criteria", "N", "sx now mild per UR"),
            ("Less intensive LOC would not be sufficient", "N", "OP tx appears adequate"),
        ]
    else:
        clin = f"Per UR, ongoing {STILL[dx.key]}"
        stay.add(ContinuedStayElement.CONTINUING_SYMPTOMS)
        crit.append(("Persistence of sx meeting admission criteria", "Y", "see clinical"))
        if chance(rng, 0.7):
            stay.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
            clin += (
                f"; tried step-down to 2 days/wk wk of {day_str(plus(adm, 7), 'mdyy')} -> "
                "decompensated, ED visit 3 days later, back to full schedule"
            )
            crit.append(("Less intensive LOC would not be sufficient", "Y", "failed step-down"))
        else:
            crit.append(("Less intensive LOC would not be sufficient", "?", "not addressed by UR"))
    v = rng.randrange(3)
    if v == 0:
        engagement = "Attending/engaged per UR; 11/12 program days attended."
        parts: tuple[GoldParticipation, ...] = (
            GoldParticipation(ParticipationStatus.PARTICIPATES),
        )
        crit.append(("Pt actively participating in tx", "Y", ""))
    elif v == 1:
        r = plus(adm, rng.randrange(9, 12))
        back = plus(r, 2)
        engagement = (
            f"{day_str(r, 'nopad')[:-5]}: refused to attend, stayed in car; from "
            f"{day_str(back, 'nopad')[:-5]} back in groups and participating per UR."
        )
        parts = (
            GoldParticipation(ParticipationStatus.REFUSES, r),
            GoldParticipation(ParticipationStatus.PARTICIPATES, back),
        )
        crit.append(("Pt actively participating in tx", "Y", "after 1 refusal"))
    else:
        a = plus(day, -4)
        r = plus(day, -2)
        engagement = (
            f"Participated thru {day_str(a, 'nopad')[:-5]}; on {day_str(r, 'nopad')[:-5]} pt "
            "refused group & told staff 'I'm done' - UR unsure if pt will return."
        )
        parts = (
            GoldParticipation(ParticipationStatus.PARTICIPATES, a),
            GoldParticipation(ParticipationStatus.REFUSES, r),
        )
        crit.append(("Pt actively participating in tx", "N", "refusal"))
    rv = rng.randrange(3)
    if rv == 0:
        risk_line, risk = (
            "SI/HI: denies; no plan/intent. Prior OD 2015 (hx).",
            GoldRisk(False, None),
        )
    elif rv == 1:
        risk_line, risk = (
            "Risk per provider: mod - passive SI, no plan; safety plan updated. PA to consider "
            "whether PHP would be needed if SI increases.",
            GoldRisk(None, None),
        )
    else:
        risk_line, risk = (
            "Risk per provider: low; no need for 24 hr supervision / inpt.",
            GoldRisk(False, False),
        )
    g = rng.randrange(8, 17)
    clin_lines = wrap(clin + ".", 84, indent="          ", first="CLINICAL: ")
    lines = [
        f"{plan[0]} - {plan[1]}",
        "CONCURRENT REVIEW WORKSHEET  ** INTERNAL - NOT PART OF THE MEMBER'S MEDICAL RECORD **",
        f"Case #: {ref}-CR   Review date: {day_str(day, 'mdyy')}   Reviewer: {cm.signed}, CCM",
        f"Mbr: {c.who.last.upper()}, {c.who.first.upper()}   ID {c.mrn}   Prov: {prov}",
        f"LOC: MH IOP   Admit: {day_str(adm, 'mdyy')}   Dx: {dx.code}",
        f"Current auth: {day_str(auth[0], 'mdyy')}-{day_str(auth[1], 'mdyy')}   "
        f"Requested: {day_str(req[0], 'mdyy')}-{day_str(req[1], 'mdyy')} (12 units)",
        f"Review type: telephonic w/ {ur.full}, UR coord., {hhmm(rng)}",
        "",
        *clin_lines,
        f"MEASURES: PHQ9 {p0} -> {p1} ({day_str(adm, 'mdyy')} -> {day_str(d1, 'mdyy')}); "
        f"GAD7 {g} ({day_str(d1, 'mdyy')}). Goal PHQ9 <10 not met.",
        f"ENGAGEMENT: {engagement}",
        f"RISK: {risk_line}",
        "D/C PLAN: step down to OP therapy + med mgmt; aftercare appt not yet scheduled.",
        "",
        f"{'CONTINUED STAY CRITERIA':<50}{'MET':<5}COMMENT",
        *(f"{a:<50}{b:<5}{c_}" for a, b, c_ in crit),
        "",
        "ACTION: pended to Physician Advisor (plan policy: every IOP extension past 15 "
        "units). Provider notified of P2P option.",
        f"Next action due: {day_str(plus(day, 1), 'mdyy')}",
    ]
    doc = txt(f"CR_Worksheet_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="continued_stay_request",
        date=day,
        authorization=auth,
        continued_stay=frozenset(stay),
        risk=risk,
        participation=parts,
        scores=(GoldScore("PHQ-9", p0, adm), GoldScore("PHQ-9", p1, d1), GoldScore("GAD-7", g, d1)),
    )


def _advisor(
    rng: random.Random, roster: Roster, plan: tuple[str, str, str], prov: str, c: Client,
    dx: Dx, ref: str, day: dt.date, req: tuple[dt.date, dt.date],
) -> tuple[DocFile, DocGold]:  # fmt: skip
    pa = roster.person(pick(rng, ("MD", "DO")))
    att = roster.person(pick(rng, ("MD", "DO")))
    approved_end = plus(req[0], pick(rng, (9, 11, 13)))
    stay = {ContinuedStayElement.CONTINUING_SYMPTOMS}
    talk = [
        f"Peer-to-peer with Dr. {att.last}, attending psychiatrist, on {day_str(day)} at "
        f"{hhmm(rng, 9, 16)}.",
        f"Per Dr. {att.last}, the member continues to have {STILL[dx.key].replace('w/', 'with')}, "
        "severe enough to need daily structure.",
    ]
    if chance(rng, 0.6):
        stay.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
        talk.append(
            "An attempt to reduce to two program days a week was followed within days by an "
            "ED visit; weekly outpatient therapy would not prevent a relapse at this point."
        )
    else:
        talk.append(
            "Dr. Last expects that the member could move to weekly outpatient therapy within "
            "two weeks if the current gains hold.".replace("Last", att.last)
        )
    decision = [
        f"DETERMINATION: Partially approved. Approved {day_str(req[0])} through "
        f"{day_str(approved_end)}.",
        f"Not approved: {day_str(plus(approved_end, 1))} through {day_str(req[1])} "
        "(may be re-requested with updated clinical information).",
    ]
    lines = [
        f"**{plan[0]}",
        plan[1],
        "",
        "**PHYSICIAN ADVISOR REVIEW - MEDICAL NECESSITY DETERMINATION",
        f"Case: {ref}-CR     Member: {c.who.full}     Provider: {prov}",
        f"Level of care requested: MH IOP, {day_str(req[0])} - {day_str(req[1])}",
        "Criteria applied: plan medical necessity criteria, IOP continued stay (rev. 2025)",
        "",
        "**Clinical summary and peer-to-peer",
        *(x for t in talk for x in wrap(t, 92)),
        "",
        *(x for t in decision for x in wrap(t, 92)),
        "",
        f"Physician Advisor: {pa.signed}, Board Certified in Psychiatry",
        f"Electronically signed {day_str(day)} {hhmm(rng, 12, 18)}",
    ]
    doc = pdf(
        f"PA_Determination_{day:%Y%m%d}.pdf",
        "\n".join(lines),
        footer=f"{plan[0]} - confidential peer review - page {{page}}",
    )
    return doc, DocGold(
        file=doc.name,
        kind="authorization",
        date=day,
        signers=(pa.gold(),),
        authorization=(req[0], approved_end),
        continued_stay=frozenset(stay),
    )


def _discharge(
    rng: random.Random, roster: Roster, plan: tuple[str, str, str], prov: str, c: Client,
    ref: str, last: dt.date,
) -> tuple[DocFile, DocGold]:  # fmt: skip
    clin = roster.person(pick(rng, ("LCSW", "LPC", "LMFT")))
    sent = plus(last, rng.randrange(2, 4))
    phq = rng.randrange(5, 13)
    if chance(rng, 0.5):
        reason = "Completed program - treatment goals met"
        course = [f"Member attended and took an active part through the last program day, "
                  f"{day_str(last)}."]  # fmt: skip
        parts: tuple[GoldParticipation, ...] = (
            GoldParticipation(ParticipationStatus.PARTICIPATES, last),
        )
        dc = last
    else:
        gone = plus(last, 2)
        reason = "Member refused further IOP (AMA)"
        course = [
            f"Member participated in groups through {day_str(last)}. On {day_str(gone)} "
            "member called and refused to return to the program despite outreach.",
        ]
        parts = (
            GoldParticipation(ParticipationStatus.PARTICIPATES, last),
            GoldParticipation(ParticipationStatus.REFUSES, gone),
        )
        dc = gone
    after = plus(sent, rng.randrange(5, 10))
    lines = [
        f"TO: {plan[0]} - {plan[1]}",
        f"FROM: {prov}",
        "RE: DISCHARGE NOTIFICATION - BEHAVIORAL HEALTH LEVEL OF CARE",
        "",
        f"Date submitted ......... {day_str(sent)}",
        f"Member ................. {c.who.full} (ID {c.mrn})",
        f"Authorization # ........ {ref}",
        f"Discharge date ......... {day_str(dc)}",
        f"Discharge reason ....... {reason}",
        "",
        "Course:",
        *(x for t in course for x in wrap(t, 88, indent="  ")),
        f"Discharge PHQ-9: {phq} (administered {day_str(last)})",
        f"Aftercare: outpatient therapy appointment {day_str(after)} with {prov} OP clinic.",
        "",
        f"Completed by: {clin.signed}, Program Therapist",
    ]
    doc = txt(f"Discharge_Notification_{sent:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="discharge_summary",
        date=None,  # written on one date about a discharge on another: no single date
        participation=parts,
        scores=(GoldScore("PHQ-9", phq, last),),
    )


def render(rng: random.Random) -> DocChart:
    roster = Roster(rng)
    plan = pick(rng, PLANS)
    prov = pick(rng, PROVIDERS)
    c = client(roster)
    dx = pick(rng, MH_DX)
    adm = start_day(rng)
    ref = f"{pick(rng, ('UM', 'BH', 'AU'))}{rng.randrange(1_000_000, 9_999_999)}"
    auth = (adm, plus(adm, 18))
    notice, notice_gold = _notice(
        rng, plan, prov, c, ref, plus(adm, -rng.randrange(1, 3)), *auth, 15
    )
    req = (plus(auth[1], 3), plus(auth[1], 21))
    review_day = plus(auth[1], -rng.randrange(2, 4))
    ws, ws_gold = _worksheet(rng, roster, plan, prov, c, dx, ref, review_day, adm, auth, req)
    pa, pa_gold = _advisor(rng, roster, plan, prov, c, dx, ref, plus(review_day, 1), req)
    last = plus(req[0], rng.randrange(6, 10))
    dc, dc_gold = _discharge(rng, roster, plan, prov, c, ref, last)
    return DocChart(
        files=(notice, ws, pa, dc),
        gold=(notice_gold, ws_gold, pa_gold, dc_gold),
    )


FAMILY = DocFamily(
    name="g2-payer-review-worksheet",
    split="heldout",
    description=(
        "A health plan's UM as its own staff write it: a faxed approval notice with units "
        "and service dates, a care manager's internal concurrent-review worksheet in "
        "shorthand with a Y/N criteria grid pended to a physician advisor, the advisor's "
        "peer-to-peer determination (partial approval) and the provider's discharge "
        "notification."
    ),
    conventions=(
        "SERVICE DATES APPROVED / FIRST and LAST APPROVED DATE OF SERVICE / on or after ... "
        "ending no later than / APPROVAL SPAN 05JAN2026 THRU ...",
        "fax, notice, request-received and clinical-due dates that are not the period",
        "worksheet shorthand: two-digit years, 'PHQ9 17 -> 13 (01/05/26 -> 01/20/26)'",
        "dates without a year ('1/14: refused ... from 1/16 back in groups')",
        "current auth and requested dates on one line; goal 'PHQ9 <10' is no score",
        "criteria grid Y / N / ? with comments; improving member: no continued-stay element",
        "risk: denies with 'Prior OD 2015 (hx)', moderate with a conditional PHP, low + no 24 hr",
        "peer-to-peer reported speech; 'could move to weekly outpatient within two weeks if'",
        "partial approval: approved and not-approved spans",
        "discharge: participated then refused to return (AMA); aftercare date",
    ),
    render=render,
    tags=("payer", "um", "worksheet", "authorization", "txt", "pdf"),
)
