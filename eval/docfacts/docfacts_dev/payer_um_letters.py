"""dd-payer-um-letters: a managed-care plan's utilization-management correspondence as the
provider's chart keeps it: a printed approval letter (PDF), the provider's faxed concurrent
review clinical update (PDF), the plan's concurrent-review determination (fax text) and a
fax cover sheet. Periods are written as sentences, a table row or "valid until" /
"expires on" with the start left out; the clinical update carries continued-stay
justification, dated scores and participation."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ContinuedStayElement, ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    DateStyle,
    Dx,
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
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldParticipation,
    GoldScore,
)

PAYERS = (
    ("NORTHSTAR BEHAVIORAL HEALTH", "Utilization Management Department", "NBH",
     "PO Box 4412 | Boise, ID 83711 | Phone (800) 555-0142 | Fax (855) 555-0199"),
    ("CASCADE HEALTH PLAN", "Behavioral Health Care Management", "CHP",
     "1900 Pine Street, Suite 600 | Portland, OR 97205 | Phone (866) 555-0117"),
    ("BLUE HERON MEDICARE ADVANTAGE", "Behavioral Health Utilization Review", "BHM",
     "PO Box 88120 | Sacramento, CA 95813 | Phone (877) 555-0190 | TTY 711"),
)  # fmt: skip
PROVIDERS = (
    ("Harborlight Behavioral Health", "1200 Harbor Way, Suite 300", "Tacoma, WA 98402"),
    ("Lakeview Counseling Center", "455 Shoreline Dr", "Coeur d'Alene, ID 83814"),
    ("Mesa Verde Psychiatric Services", "88 Canyon Rd, Bldg B", "Grand Junction, CO 81501"),
)

SYMPTOMS = {
    "mdd": "Member continues to endorse depressed mood most of the day, anhedonia and "
    "hopelessness; sleeping 10-12 hours; still unable to return to work.",
    "gad": "Ongoing daily worry and somatic anxiety (GI upset, tension headaches) with 2-3 "
    "panic episodes per week; still avoiding work email and phone calls.",
    "ptsd": "Nightmares persist 4-5 nights/week with 3-4 hours of sleep; hypervigilance and "
    "flashbacks triggered by loud noises; has not returned to driving.",
    "bipolar": "Persistent depressive symptoms with low energy, psychomotor slowing and "
    "hopelessness; sleep-wake cycle remains irregular.",
    "panic": "Panic attacks continue 3-4 times weekly; member is still unable to enter "
    "grocery stores alone.",
}
REMITTED = (
    "Symptoms have largely remitted: member describes mood as 'pretty good', is sleeping 7 "
    "hours a night and reports no panic or crying spells this week."
)
LESS_INTENSIVE = (
    "Member cannot be safely maintained at a lower level of care at this time; weekly "
    "outpatient therapy would not be sufficient to prevent relapse or rehospitalization.",
    "A step-down to routine outpatient now would likely result in decompensation and "
    "readmission to inpatient care, as happened after both prior hospitalizations.",
    "Less intensive services (weekly therapy and monthly medication checks) were in place "
    "before admission and did not prevent this decompensation; they cannot provide the "
    "structure needed to prevent relapse at this point.",
    "Without IOP-level structure the treatment team expects a return to the ED within "
    "weeks; standard outpatient frequency is insufficient to keep the member stable.",
)
STEP_DOWN = (
    "Member is making steady progress. Anticipate step-down to weekly outpatient therapy and "
    "medication management at the end of this authorization.",
    "Discharge planning under way: intake with community therapist scheduled; member "
    "expected to transition to routine outpatient care in about two weeks.",
)


def _d(day: dt.date, style: DateStyle) -> str:
    return fmt(day, style)


def _period(
    rng: random.Random, start: dt.date, end: dt.date, units: int, style: DateStyle
) -> tuple[list[str], tuple[dt.date | None, dt.date | None]]:
    s, e = _d(start, style), _d(end, style)
    variant = rng.randrange(5)
    if variant == 0:
        lines = para(
            f"Services are authorized from {s} through {e}. Units approved: {units} days of "
            "IOP (revenue code 0905).",
            92,
        ).split("\n")
        return lines, (start, end)
    if variant == 1:
        lines = para(
            f"This authorization is effective {s} to {e} for up to {units} units of S9480 "
            "(psychiatric health facility services, per diem).",
            92,
        ).split("\n")
        return lines, (start, end)
    if variant == 2:
        su, eu = fmt(start), fmt(end)
        lines = [
            "Service               Code    Units Req.  Units Appr.  Start Date    End Date",
            f"MH IOP per diem       S9480   {units + 4:<10}  {units:<11}  {su}    {eu}",
        ]
        return lines, (start, end)
    if variant == 3:
        lines = para(
            f"Approved: {units} days of intensive outpatient treatment beginning {s}. This "
            f"authorization is valid until {e}.",
            92,
        ).split("\n")
        return lines, (start, end)
    lines = para(
        f"Approved units: {units}. The authorization expires on {e}; services after that "
        "date require a new request.",
        92,
    ).split("\n")
    return lines, (None, end)


def _approval_letter(
    rng: random.Random,
    payer: tuple[str, str, str, str],
    prov: tuple[str, str, str],
    m: Member,
    member_id: str,
    ref: str,
    start: dt.date,
    end: dt.date,
    letter_day: dt.date,
    advocate: Who,
) -> tuple[DocFile, DocGold]:
    style: DateStyle = pick(rng, ("long", "us", "abbr"))
    units = pick(rng, (12, 15, 18, 20))
    period, auth = _period(rng, start, end, units, style)
    received = plus(start, -rng.randrange(1, 4))
    lines = [
        f"**{payer[0]}",
        payer[1],
        payer[3],
        "",
        fmt(letter_day, "long"),
        "",
        prov[0],
        "Attn: Utilization Review / Intake",
        prov[1],
        prov[2],
        "",
        f"RE:  Member: {m.who.full}            Member ID: {member_id}",
        f"     Date of Birth: {fmt(m.dob)}      Reference #: {ref}",
        "     Level of Care: Mental Health Intensive Outpatient Program (IOP)",
        f"     Requesting Provider: {prov[0]}",
        "",
        "**NOTICE OF AUTHORIZATION",
        "",
        "Dear Provider:",
        "",
        *para(
            f"{payer[0].title()} received your request for intensive outpatient services on "
            f"{fmt(received, style)}. Based on the clinical information submitted and our "
            "level of care guidelines, the request has been approved as follows:",
            92,
        ).split("\n"),
        "",
        *period,
        "",
        *para(
            "This approval is not a guarantee of payment. Payment is subject to the member's "
            "eligibility and benefits on the date(s) of service. To request additional days, "
            "submit updated clinical information at least 14 days before the end of the "
            "authorized period.",
            92,
        ).split("\n"),
        "",
        "Questions may be directed to the Care Advocate listed below.",
        "",
        "Sincerely,",
        "",
        advocate.signed,
        "Care Advocate, Behavioral Health UM",
        "",
        "cc: Member",
    ]
    doc = pdf(
        f"Approval_Letter_{ref}.pdf",
        "\n".join(lines),
        footer=f"{payer[2]}-UM-APR (rev 03/2025)    Page {{page}} of {{pages}}",
    )
    return doc, DocGold(file=doc.name, kind="authorization", date=letter_day, authorization=auth)


def _participation(
    rng: random.Random, m: Member, adm: dt.date, day: dt.date
) -> tuple[str, tuple[GoldParticipation, ...]]:
    d0 = plus(adm, rng.randrange(1, 4))
    d1 = plus(day, -rng.randrange(2, 6))
    a, b = fmt(d0), fmt(d1)
    variant = rng.randrange(4)
    if variant == 0:
        return (
            f"On {b} member actively participated in DBT skills group and completed the diary "
            "card with the group.",
            (GoldParticipation(ParticipationStatus.PARTICIPATES, d1),),
        )
    if variant == 1:
        return (
            f"Member refused to participate in process group on {a}, stating groups 'make it "
            f"worse'. After an individual session with the primary therapist {m.she} "
            f"participated fully in all three groups on {b}.",
            (
                GoldParticipation(ParticipationStatus.REFUSES, d0),
                GoldParticipation(ParticipationStatus.PARTICIPATES, d1),
            ),
        )
    if variant == 2:
        return (
            f"On {a} member left group after 45 minutes, reporting {m.she} could not tolerate "
            f"the 3-hour format because of panic. With a break plan in place {m.she} "
            f"participated actively for the full program day on {b}.",
            (
                GoldParticipation(ParticipationStatus.CANNOT_TOLERATE, d0),
                GoldParticipation(ParticipationStatus.PARTICIPATES, d1),
            ),
        )
    return (
        f"On {a} member was too sedated after an outside medication change to participate "
        f"and was sent home with family. After a dose adjustment {m.she} participated "
        f"actively in groups on {b}.",
        (
            GoldParticipation(ParticipationStatus.CANNOT_PARTICIPATE, d0),
            GoldParticipation(ParticipationStatus.PARTICIPATES, d1),
        ),
    )


def _scores(rng: random.Random, adm: dt.date, day: dt.date) -> tuple[list[str], list[GoldScore]]:
    p0, g0 = rng.randrange(17, 26), rng.randrange(13, 20)
    p1, g1 = p0 - rng.randrange(2, 7), g0 - rng.randrange(1, 6)
    variant = rng.randrange(4)
    if variant == 0:
        return (
            [f"PHQ-9: {p0} on {fmt(adm)} -> {p1} on {fmt(day)}"],
            [GoldScore("PHQ-9", p0, adm), GoldScore("PHQ-9", p1, day)],
        )
    if variant == 1:
        return (
            [
                f"Measure      Admission ({fmt(adm)})    Current ({fmt(day)})",
                f"PHQ-9        {p0:<24}{p1}",
                f"GAD-7        {g0:<24}{g1}",
            ],
            [
                GoldScore("PHQ-9", p0, adm),
                GoldScore("PHQ-9", p1, day),
                GoldScore("GAD-7", g0, adm),
                GoldScore("GAD-7", g1, day),
            ],
        )
    if variant == 2:
        band = "moderate" if p1 < 15 else "moderately severe" if p1 < 20 else "severe"
        return (
            [f"PHQ9 score = {p1} ({band}) on {fmt(day)}; GAD-7 total {g1}/21 on {fmt(day)}."],
            [GoldScore("PHQ-9", p1, day), GoldScore("GAD-7", g1, day)],
        )
    pcl = rng.randrange(38, 60)
    return (
        [f"Most recent PHQ-9: {p1}. PCL-5 at intake ({fmt(adm)}) was {pcl}."],
        [GoldScore("PHQ-9", p1), GoldScore("PCL-5", pcl, adm)],
    )


def _clinical_update(
    rng: random.Random,
    payer: tuple[str, str, str, str],
    prov: tuple[str, str, str],
    m: Member,
    member_id: str,
    ref: str,
    dx: Dx,
    adm: dt.date,
    auth_end: dt.date,
    day: dt.date,
    clinician: Who,
    req: tuple[dt.date, dt.date, int],
) -> tuple[DocFile, DocGold]:
    cs: set[ContinuedStayElement] = set()
    if chance(rng, 0.8):
        symptoms = SYMPTOMS[dx.key]
        cs.add(ContinuedStayElement.CONTINUING_SYMPTOMS)
    else:
        symptoms = REMITTED
    if cs and chance(rng, 0.75):
        lower = (
            "WHY CAN'T THE MEMBER BE TREATED AT A LOWER LEVEL OF CARE?",
            pick(rng, LESS_INTENSIVE),
        )
        cs.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
    else:
        lower = ("DISCHARGE READINESS", pick(rng, STEP_DOWN))
    score_lines, scores = _scores(rng, adm, day)
    part_text, part = _participation(rng, m, adm, day)
    lines = [
        f"**{prov[0].upper()} - INTENSIVE OUTPATIENT PROGRAM",
        "**CONCURRENT REVIEW - CLINICAL UPDATE",
        f"Date: {fmt(day)}                          To: {payer[0].title()} (fax)",
        f"Member: {m.who.full}    DOB: {fmt(m.dob)}    Member ID: {member_id}",
        f"Auth #: {ref} (current authorization through {fmt(auth_end)})",
        f"Level of care: MH-IOP (S9480)    Admit date: {fmt(adm)}",
        f"Primary Dx: {dx.code} {dx.name}",
        "",
        "**CURRENT SYMPTOMS / MENTAL STATUS",
        *para(symptoms, 92).split("\n"),
        "",
        "**STANDARDIZED MEASURES",
        *score_lines,
        "",
        "**PARTICIPATION / ENGAGEMENT",
        *para(part_text, 92).split("\n"),
        "",
        "**RISK",
        f"Denies SI/HI; C-SSRS screen negative on {fmt(plus(day, -1))}. Safety plan reviewed.",
        "",
        f"**{lower[0]}",
        *para(lower[1], 92).split("\n"),
        "",
        "**REQUEST",
        f"Requesting {req[2]} additional IOP days, {fmt(req[0])} - {fmt(req[1])}.",
        "",
        f"Submitted by: {clinician.signed}, Utilization Review    Phone (555) 014-2231",
    ]
    doc = pdf(
        f"Concurrent_Review_Clinical_Update_{day.isoformat()}.pdf",
        "\n".join(lines),
        footer="CONFIDENTIAL - 42 CFR Part 2 / HIPAA protected    Page {page} of {pages}",
    )
    return doc, DocGold(
        file=doc.name,
        kind="continued_stay_request",
        date=day,
        continued_stay=frozenset(cs),
        participation=part,
        scores=tuple(scores),
    )


def _determination(
    rng: random.Random,
    payer: tuple[str, str, str, str],
    prov: tuple[str, str, str],
    m: Member,
    ref: str,
    update_day: dt.date,
    day: dt.date,
    req: tuple[dt.date, dt.date, int],
    reviewer: Who,
) -> tuple[DocFile, DocGold]:
    start, req_end, req_units = req
    units = req_units if chance(rng, 0.5) else req_units - 4
    end = plus(start, units + units // 2 - 1)
    if units == req_units:
        end = req_end
    s, e = fmt(start), fmt(end)
    variant = rng.randrange(4)
    if variant == 0:
        period = [f"Dates of service approved: {s} - {e}"]
    elif variant == 1:
        period = [f"Approved from {s} thru {e}"]
    elif variant == 2:
        period = [f"Effective: {s}        Expires: {e}"]
    else:
        period = [f"Requested dates: {s} - {fmt(req_end)}", f"Approved dates:  {s} - {e}"]
    lines = [
        f"{payer[0]} - {payer[1]}",
        "CONCURRENT REVIEW DETERMINATION                                   Page 1 of 1",
        "=" * 78,
        f"Date of determination: {fmt(day)}",
        f"Member: {m.who.full}                 Ref#: {ref}-02",
        f"Provider: {prov[0]}",
        "Review type: Concurrent (continued stay) - MH Intensive Outpatient",
        f"Clinical reviewed: clinical update dated {fmt(update_day)}",
        "",
        f"DETERMINATION: APPROVED ({units} of {req_units} requested days)",
        *period,
        f"Next review due by: {fmt(plus(end, -7))}",
        "",
        *para(
            "Rationale: member continues to meet level of care guidelines for MH IOP. "
            "Continue to document response to treatment and discharge planning.",
            78,
        ).split("\n"),
        "",
        f"Physician reviewer: {reviewer.signed}",
        "=" * 78,
        "This fax may contain protected health information. If received in error, call "
        "(800) 555-0142.",
    ]
    doc = txt(f"Concurrent_Review_Determination_{day.isoformat()}.txt", "\n".join(lines))
    return doc, DocGold(file=doc.name, kind="authorization", date=day, authorization=(start, end))


def _fax_cover(
    rng: random.Random, payer: tuple[str, str, str, str], prov: tuple[str, str, str], day: dt.date
) -> DocFile:
    lines = [
        "F A X   C O V E R   S H E E T",
        "",
        f"To:      {prov[0]} - Utilization Review",
        f"From:    {payer[0].title()}",
        f"Date:    {fmt(day)}",
        f"Pages:   {rng.randrange(2, 4)} (including cover)",
        "Re:      Authorization determination",
        "",
        "CONFIDENTIALITY NOTICE: The documents accompanying this transmission contain",
        "confidential health information that is legally privileged. If you are not the",
        "intended recipient, you are hereby notified that any disclosure, copying or",
        "distribution is strictly prohibited.",
    ]
    return txt(f"Fax_Cover_{day.isoformat()}.txt", "\n".join(lines))


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    payer = pick(rng, PAYERS)
    prov = pick(rng, PROVIDERS)
    m = member(people)
    dx = pick(rng, MH_DX)
    adm = admission(rng)
    member_id = f"{payer[2]}{rng.randrange(10_000_000, 99_999_999)}"
    ref = f"UM-{adm.year}-{rng.randrange(100000, 999999)}"
    advocate = people.person("RN")
    clinician = people.person(pick(rng, ("LCSW", "LPC", "LMFT")))
    reviewer = people.person("MD")
    start = adm
    end = plus(start, pick(rng, (20, 27, 29, 34)))
    letter_day = plus(start, pick(rng, (-2, -1, 1, 2)))
    update_day = plus(end, -rng.randrange(5, 15))
    det_day = plus(update_day, rng.randrange(1, 4))
    req = (plus(end, 1), plus(end, 21), 14)

    letter, letter_gold = _approval_letter(
        rng, payer, prov, m, member_id, ref, start, end, letter_day, advocate
    )
    update, update_gold = _clinical_update(
        rng, payer, prov, m, member_id, ref, dx, adm, end, update_day, clinician, req
    )
    det, det_gold = _determination(rng, payer, prov, m, ref, update_day, det_day, req, reviewer)
    files = (_fax_cover(rng, payer, prov, det_day), letter, update, det)
    return DocChart(files=files, gold=(letter_gold, update_gold, det_gold))


FAMILY = DocFamily(
    name="dd-payer-um-letters",
    split="dev",
    description=(
        "Managed-care UM correspondence: approval letter PDF with the period as a sentence, a "
        "table row, 'valid until' or 'expires on' only; provider's faxed concurrent review "
        "clinical update PDF; fax-text concurrent review determination."
    ),
    conventions=(
        "authorized from ... through ...; effective ... to ...; valid until; expires on",
        "Start Date / End Date table row with units requested and approved",
        "requested vs approved dates, next review due date",
        "letter date and request-received date that are not the period",
        "why-not-lower-level answers vs step-down plans",
        "dated participation statements: refusal, intolerance, inability, then participation",
        "PHQ-9 -> arrow, admission/current table, 'PHQ9 score =', undated 'most recent'",
    ),
    render=render,
    tags=("payer", "pdf", "authorization"),
)
