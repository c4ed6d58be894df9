"""dd-sud-asam-program: a substance-use treatment agency (ASAM Level 2.1 IOP, or an Opioid
Treatment Program's IOP under G0137). Counselor-driven paperwork: an ASAM intake with
AUDIT-C / DAST-10 and a C-SSRS screen, a certification (with the OTP "higher intensity"
statement when it is an OTP), an Individualized Service Plan by ASAM dimension with
"Short-term goal #n" and a client's-words long-term goal, a two-week counselor summary of
dated contacts (refusals, intoxication, intolerance, participation, BAM), and a
recertification."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from core.facts import CertificationElement, ContinuedStayElement, ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    SUD_DX,
    Dx,
    Member,
    People,
    Who,
    admission,
    chance,
    fmt,
    member,
    para,
    pick,
    plus,
    txt,
    workday,
    wrap,
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

AGENCIES = (
    "CLEARWATER RECOVERY CENTER",
    "BRIDGEWAY TREATMENT SERVICES",
    "NEW DAWN RECOVERY & WELLNESS",
)
INTOX = {
    "aud": "Client arrived smelling of alcohol, slurred speech, BAC 0.09 on breathalyzer; "
    "unable to participate and sent home with a sober ride.",
    "oud": "Client arrived sedated and nodding off, pinpoint pupils; unable to participate. "
    "Naloxone on hand, vitals stable; sent home with spouse.",
    "stim": "Client arrived agitated with pressured speech after using the night before; "
    "unable to participate in group and was sent home after a safety check.",
}
SUBST = {"aud": "alcohol", "oud": "opioids (fentanyl)", "stim": "stimulants"}


@dataclass(frozen=True)
class _G:
    text: str
    measure: bool
    tf: bool


def _hours(rng: random.Random) -> tuple[str, float]:
    return pick(
        rng,
        (
            ("3 hrs/day, 3 days/wk of structured programming", 9.0),
            ("a minimum of 9 hours of services per week", 9.0),
            ("no fewer than nine (9) hours per week of IOP services", 9.0),
            ("9+ hours of programming weekly (group, individual, psychoeducation)", 9.0),
        ),
    )


def _intake(
    rng: random.Random, agency: str, m: Member, dx: Dx, day: dt.date, counselor: Who
) -> tuple[DocFile, DocGold]:
    subst = SUBST[dx.key]
    dast = rng.randrange(3, 10)
    phq = rng.randrange(6, 18)
    scores = [GoldScore("DAST-10", dast), GoldScore("PHQ-9", phq)]
    if dx.key == "aud":
        if chance(rng, 0.5):
            audit = rng.randrange(18, 33)
            alc = f"AUDIT (full): {audit}"
            scores.append(GoldScore("AUDIT", audit))
        else:
            auditc = rng.randrange(7, 13)
            alc = f"AUDIT-C: {auditc}"
            scores.append(GoldScore("AUDIT-C", auditc))
    else:
        auditc = rng.randrange(0, 5)
        alc = f"AUDIT-C: {auditc}"
        scores.append(GoldScore("AUDIT-C", auditc))
    od = chance(rng, 0.5)
    level = pick(rng, ("low", "low", "low_denies", "moderate"))
    lines = [
        f"{agency}",
        "COMPREHENSIVE SUBSTANCE USE ASSESSMENT (ASAM)",
        f"Client: {m.who.full}     DOB: {fmt(m.dob)}     Date of assessment: {fmt(day)}",
        f"Assessor: {counselor.signed}",
        "",
        "PRESENTING PROBLEM",
        para(
            f"Client reports daily use of {subst} for the past {rng.randrange(2, 9)} years with "
            "escalation since a job loss; two DUIs, strained marriage, missed work. Referred by "
            + pick(rng, ("probation", "ED social worker", "employer EAP", "PCP"))
            + ".",
            90,
        ),
        "",
        "SCREENING INSTRUMENTS",
        f"  {alc}      DAST-10: {dast}      PHQ-9: {phq}",
        "",
        "ASAM DIMENSIONS (risk rating 0-4)",
        f"  D1 Intoxication/withdrawal: 1 - last use {fmt(plus(day, -2))}; CIWA/COWS low",
        "  D2 Biomedical: 1 - hypertension, controlled",
        "  D3 Emotional/behavioral/cognitive: 2 - depressive symptoms, see PHQ-9",
        "  D4 Readiness to change: 2 - contemplation/preparation",
        "  D5 Relapse/continued use potential: 3 - daily cravings, no sober supports",
        "  D6 Recovery environment: 2 - partner drinks at home",
        "",
        "SUICIDE / VIOLENCE RISK SCREEN",
    ]
    if od:
        lines.append(
            "  History: accidental overdose (fentanyl) in 2024 with naloxone reversal; client "
            "denies it was intentional."
        )
    else:
        lines.append("  History: suicide attempt by overdose in 2019; no attempts since.")
    if level == "low":
        lines += [
            "  C-SSRS screener: No to items 1-6 (past month).",
            "  Risk level: LOW. No current SI/HI.",
        ]
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=None)
    elif level == "low_denies":
        lines += [
            "  Denies SI/HI, no plan or intent. Not in need of 24-hour supervision; risk "
            "appropriate for outpatient level.",
        ]
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
    else:
        lines += [
            "  C-SSRS screener: yes to item 1 (wish to be dead), no to items 2-6.",
            "  Risk level: MODERATE - monitor weekly; safety plan completed.",
        ]
        risk = GoldRisk(imminent_danger=None, needs_24h_supervision=None)
    lines += [
        "  If cravings or thoughts of self-harm increase, client will call 988 or the agency "
        "crisis line.",
        "",
        "DIAGNOSIS (DSM-5)",
        f"  {dx.code}  {dx.name}",
        "",
        "RECOMMENDATION",
        "  ASAM Level 2.1 Intensive Outpatient" + (" (OTP-IOP)" if dx.key == "oud" else ""),
        "",
        f"Assessor signature: {counselor.signed}    {fmt(day)}",
    ]
    doc = txt(f"Intake_ASAM_Assessment_{day.isoformat()}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="evaluation",
        date=day,
        signers=(counselor.gold(),),
        risk=risk,
        scores=tuple(scores),
    )


def _cert_signers(
    rng: random.Random, md: Who, counselor: Who, npp: Who, day: dt.date, otp: bool
) -> tuple[list[str], tuple[GoldSigner, ...]]:
    d = fmt(day)
    variant = rng.randrange(4)
    if variant == 0:
        return [f"Certifying practitioner signature: /s/ {md.signed}    Date: {d}"], (md.gold(),)
    if variant == 1:
        return (
            [
                f"Counselor: {counselor.signed}  (signed {d})",
                f"Medical Director: {md.signed}  (signed {d})",
            ],
            (counselor.gold(), md.gold()),
        )
    if variant == 2:
        return (
            [
                f"Counselor signature: {counselor.signed}   {d}",
                "Medical Director signature: _________________________   Date: ________",
            ],
            (counselor.gold(), GoldSigner("Medical Director", None, signed=False)),
        )
    if otp:
        return [f"e-Signed: {npp.full} ({npp.cred})  {d}"], (npp.gold(),)
    return [f"e-Signed: Dr. {md.last}  {d}"], (GoldSigner(f"Dr. {md.last}", None),)


def _certification(
    rng: random.Random,
    agency: str,
    m: Member,
    dx: Dx,
    day: dt.date,
    md: Who,
    counselor: Who,
    npp: Who,
) -> tuple[DocFile, DocGold]:
    otp = dx.key == "oud"
    hours_text, hours = _hours(rng)
    elements = {
        CertificationElement.DIAGNOSIS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    subst = SUBST[dx.key]
    title = (
        "OTP INTENSIVE OUTPATIENT SERVICES - CERTIFICATION (HCPCS G0137)"
        if otp
        else "CERTIFICATION OF NEED - SUBSTANCE USE INTENSIVE OUTPATIENT (ASAM 2.1)"
    )
    lines = [
        agency,
        title,
        f"Client: {m.who.full}    DOB: {fmt(m.dob)}    Date: {fmt(day)}",
        "",
        f"Diagnosis: {dx.code} {dx.name}",
        "",
        "Clinical need:",
        para(
            f"Escalating use of {subst} with two relapses in the past month, daily "
            "cravings, and loss of employment; unable to sustain abstinence on "
            f"{'dosing alone' if otp else 'self-directed efforts'}. Use now interferes with "
            "family, work and legal obligations.",
            88,
            "  ",
        ),
        "",
        "Certification:",
    ]
    cert = f"I certify that this client needs {hours_text}"
    if otp:
        cert += (
            " and requires a higher level of care intensity than non-intensive outpatient OTP "
            "services (daily dosing with monthly counseling)"
        )
        elements.add(CertificationElement.HIGHER_INTENSITY)
    lines += [para(cert + ".", 88, "  "), ""]
    if otp or chance(rng, 0.6):
        elements.add(CertificationElement.PLAN_OF_CARE)
        lines += [
            "Plan of care:",
            para(
                "Group counseling (relapse prevention, MI), weekly individual counseling, "
                "family session monthly, medication for OUD coordinated with the dosing clinic "
                "(dosing is not part of IOP services)."
                if otp
                else "Group counseling (relapse prevention, CBT), weekly individual counseling, "
                "family session monthly, random UDS.",
                88,
                "  ",
            ),
            "",
        ]
    if chance(rng, 0.5):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        lines += [
            "Discharge criteria:",
            para(
                "30 days of negative UDS, active sober support network, and a written relapse "
                "prevention plan; step down to ASAM 1.0 outpatient.",
                88,
                "  ",
            ),
            "",
        ]
    sig, signers = _cert_signers(rng, md, counselor, npp, day, otp)
    lines += sig
    doc = txt(f"IOP_Certification_{day.isoformat()}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="certification",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )


def _isp(
    rng: random.Random,
    agency: str,
    m: Member,
    dx: Dx,
    day: dt.date,
    md: Who,
    counselor: Who,
    supervisor: Who,
) -> tuple[DocFile, DocGold]:
    otp = dx.key == "oud"
    d1 = fmt(plus(day, rng.randrange(30, 50)))
    d2 = fmt(plus(day, rng.randrange(20, 35)))
    pool = [
        (_G(f"Client will provide negative urine drug screens on 4 of 5 random collections by "
            f"{d1}", True, True), None),
        (_G("Client will attend 2 mutual-help meetings (AA/NA/SMART) per week and bring signed "
            "attendance sheets", True, False), "ongoing"),
        (_G("Client will identify 5 personal relapse triggers and a coping response for each, "
            "in writing, by end of week 3", True, True), None),
        (_G("Client will rate cravings at 3/10 or lower on the daily craving log by discharge",
            True, True), None),
        (_G(f"Client will stay sober and work on {m.her} recovery", False, False), None),
        (_G("Client will improve communication with family members", False, False), d2),
        (_G("Client will complete a written relapse prevention plan and review it with the "
            "counselor", True, False), d2),
        (_G(f"Client will call {m.her} sponsor or a sober support at least 3 times per week",
            True, False), None),
        (_G("Client will learn about the disease model of addiction by discharge", False, True),
         None),
    ]  # fmt: skip
    if otp:
        pool.append(
            (_G("Client will have no missed dosing days in the next 30 days", True, True), None)
        )
    rng.shuffle(pool)
    chosen = pool[: rng.randrange(4, 6)]
    words = pick(
        rng,
        ('"I want to get my kids back and keep my job."',
         '"I want my life back and my family to trust me again."',
         '"I want to stop waking up sick every morning."'),
    )  # fmt: skip
    goals = [GoldGoal(words.strip('".'), False, False)]
    lines = [
        f"{agency} - INDIVIDUALIZED SERVICE PLAN (ISP)",
        f"Client: {m.who.full}    Client #: {m.mrn}    Date of plan: {fmt(day)}",
        f"Level of care: {'OTP-IOP (G0137)' if otp else 'ASAM 2.1 IOP'}    Plan review date: "
        f"{fmt(plus(day, 30))}",
        f"Diagnosis: {dx.code} {dx.name}",
        "",
        f"LONG-TERM GOAL (client's words): {words}",
        "",
    ]
    dims = (
        ("DIMENSION 5 - RELAPSE / CONTINUED USE POTENTIAL (risk rating 3)",
         "Daily cravings and no relapse prevention skills."),
        ("DIMENSION 6 - RECOVERY ENVIRONMENT (risk rating 2)",
         "Partner uses at home; few sober supports."),
    )  # fmt: skip
    n = 0
    half = (len(chosen) + 1) // 2
    for k, (head, problem) in enumerate(dims):
        lines += [head, f"  Problem: {problem}"]
        for g, field in chosen[k * half : (k + 1) * half]:
            n += 1
            lines += wrap(f"Short-term goal #{n}: {g.text}.", 92, " " * 5, first="  ")
            timed = g.tf
            if field == "ongoing":
                lines.append("     Target: ongoing    Responsible: client / primary counselor")
            elif field:
                lines.append(f"     Target date: {field}    Responsible: client / counselor")
                timed = True
            else:
                lines.append("     Responsible: client / primary counselor")
            goals.append(GoldGoal(g.text, g.measure, timed))
        lines.append("")
    lines += [
        "SERVICES",
        "  IOP groups Mon/Tue/Thu 6:00-9:00 PM; individual counseling weekly; random UDS; "
        + ("coordination with dosing clinic; " if otp else "")
        + "family session monthly.",
        "",
    ]
    d = fmt(day)
    variant = rng.randrange(4)
    if variant == 0:
        lines.append(
            f"Signatures:  Client: {m.who.full} {d}   Counselor: {counselor.signed} {d}   "
            f"Medical Director: {md.signed} {d}"
        )
        signers = (GoldSigner(m.who.full, None), counselor.gold(), md.gold())
    elif variant == 1:
        lines += [
            f"Client signature: {m.who.full} (signature on file)      Date: {d}",
            f"Primary counselor: {counselor.signed} (signature on file)      Date: {d}",
            f"Reviewed and co-signed by {supervisor.signed}, Clinical Supervisor   {d}",
        ]
        signers = (GoldSigner(m.who.full, None), counselor.gold(), supervisor.gold())
    elif variant == 2:
        lines += [
            "Client signature: ______________________________   Date: __________",
            f"Primary counselor: {counselor.signed}      Date: {d}",
            f"Medical Director: {md.signed}      Date: {d}",
        ]
        signers = (GoldSigner("Client", None, signed=False), counselor.gold(), md.gold())
    else:
        lines += [
            f"Client: {m.who.full}  {d}",
            f"Counselor: {counselor.signed}  {d}",
            "Physician: _____________________________",
        ]
        signers = (
            GoldSigner(m.who.full, None),
            counselor.gold(),
            GoldSigner("Physician", None, signed=False),
        )
    doc = txt(f"Individualized_Service_Plan_{day.isoformat()}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name, kind="treatment_plan", date=day, signers=signers, goals=tuple(goals)
    )


def _summary(
    rng: random.Random, agency: str, m: Member, dx: Dx, adm: dt.date, counselor: Who
) -> tuple[DocFile, DocGold]:
    days = [plus(adm, k) for k in (1, 2, 3, 7, 8, 10)]
    end = plus(adm, 11)
    pattern = pick(rng, ("refuse_then_join", "refuse_then_join", "intox", "tolerate", "steady"))
    she, her = m.she, m.her
    entries: list[tuple[dt.date, str, str]] = []
    part: list[GoldParticipation] = []
    if pattern == "refuse_then_join":
        entries.append(
            (
                days[0],
                "GROUP - Relapse Prevention",
                "Client refused to participate in group; sat with arms crossed and "
                'stated "this is a waste of my time." Left at break.',
            )
        )
        part.append(GoldParticipation(ParticipationStatus.REFUSES, days[0]))
        entries.append(
            (
                days[2],
                "GROUP - Coping Skills",
                "Client again declined to participate in group activities and would "
                "not complete the worksheet.",
            )
        )
        part.append(GoldParticipation(ParticipationStatus.REFUSES, days[2]))
    elif pattern == "intox":
        entries.append(
            (
                days[0],
                "GROUP - Relapse Prevention",
                INTOX[dx.key],
            )
        )
        part.append(GoldParticipation(ParticipationStatus.CANNOT_PARTICIPATE, days[0]))
    elif pattern == "tolerate":
        entries.append(
            (
                days[0],
                "GROUP - Relapse Prevention",
                f"Client left group after 50 minutes, stating {she} cannot tolerate "
                f"sitting through a three-hour group while in early withdrawal.",
            )
        )
        part.append(GoldParticipation(ParticipationStatus.CANNOT_TOLERATE, days[0]))
    else:
        entries.append(
            (
                days[0],
                "GROUP - Relapse Prevention",
                f"Client participated actively; shared {her} relapse timeline and gave "
                f"peers feedback.",
            )
        )
        part.append(GoldParticipation(ParticipationStatus.PARTICIPATES, days[0]))
    entries.append((days[1], "UDS", "Random urine drug screen collected; sent to lab."))
    entries.append((days[3], "PHONE", "Spoke with client's probation officer re: attendance "
                    "(ROI on file)."))  # fmt: skip
    bam = rng.randrange(2, 9)
    entries.append((days[4], "INDIVIDUAL (50 min)",
                    f"Brief Addiction Monitor (BAM) completed - use score: {bam}. Craving log "
                    f"reviewed; plan unchanged."))  # fmt: skip
    entries.append((days[5], "GROUP - Family Roles",
                    f"Client participated fully in group, volunteered to role-play a refusal "
                    f"skill and described {her} plan for the weekend."))  # fmt: skip
    part.append(GoldParticipation(ParticipationStatus.PARTICIPATES, days[5]))
    entries.sort(key=lambda e: e[0])
    lines = [
        f"{agency}",
        "COUNSELOR PROGRESS SUMMARY - TWO WEEKS",
        f"Client: {m.who.full}    Period: {fmt(adm)} - {fmt(end)}",
        f"Primary counselor: {counselor.signed}",
        "",
    ]
    for d, service, text in entries:
        lines.append(f"{fmt(d)}  {service}")
        lines += para(text, 88, "            ").split("\n")
        lines.append("")
    lines += [f"Summary signed: {counselor.signed}    {fmt(end)}"]
    doc = txt(f"Counselor_Progress_Summary_{end.isoformat()}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="progress_note",
        date=end,
        participation=tuple(sorted(part, key=lambda p: p.date or adm)),
        scores=(GoldScore("BAM", bam, days[4]),),
    )


def _recert(
    rng: random.Random,
    agency: str,
    m: Member,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
    md: Who,
    counselor: Who,
    npp: Who,
) -> tuple[DocFile, DocGold]:
    otp = dx.key == "oud"
    hours_text, hours = _hours(rng)
    elements = {
        CertificationElement.RESPONSE_TO_TREATMENT,
        CertificationElement.CONTINUING_SYMPTOMS,
        CertificationElement.CLINICAL_NEED,
        CertificationElement.MIN_HOURS,
    }
    lapse = plus(day, -rng.randrange(6, 15))
    lines = [
        agency,
        "IOP RECERTIFICATION / CONTINUED STAY REVIEW",
        f"Client: {m.who.full}    Admit: {fmt(adm)}    Date: {fmt(day)}",
        "",
    ]
    if chance(rng, 0.7):
        elements.add(CertificationElement.DIAGNOSIS)
        lines += [f"Dx: {dx.code} {dx.name}", ""]
    bam = rng.randrange(1, 6)
    lines += [
        "Response to treatment:",
        para(
            f"Client attends regularly and has {rng.randrange(3, 6)} negative UDS since "
            f"{fmt(plus(adm, 14))}; uses urge-surfing and calls sponsor. BAM use score today: "
            f"{bam}.",
            88,
            "  ",
        ),
        "",
        "Symptoms that continue to require IOP:",
        para(
            f"Cravings still rated 6/10 most evenings; lapse on {fmt(lapse)} after a family "
            "conflict; sleep poor; partner still using at home.",
            88,
            "  ",
        ),
        "",
        "Continued need:",
    ]
    need = f"Client continues to need the IOP level of care and requires {hours_text}"
    if otp:
        need += (
            ", and still requires a higher level of care intensity than non-intensive OTP services"
        )
        elements.add(CertificationElement.HIGHER_INTENSITY)
    lines += [para(need + ".", 88, "  "), ""]
    if chance(rng, 0.7):
        elements.add(CertificationElement.DISCHARGE_GOALS)
        lines += [
            "Goals toward discharge:",
            "  30 days abstinent by UDS; 2 sober supports identified; OP appointment scheduled.",
            "",
        ]
    if chance(rng, 0.5):
        elements.add(CertificationElement.PLAN_OF_CARE)
        lines += [
            "Plan of care:",
            "  Continue IOP per updated ISP; add couples session; continue random UDS.",
            "",
        ]
    sig, signers = _cert_signers(rng, md, counselor, npp, day, otp)
    lines += sig
    doc = txt(f"Recertification_{day.isoformat()}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="recertification",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        continued_stay=None if otp else frozenset({ContinuedStayElement.CONTINUING_SYMPTOMS}),
        scores=(GoldScore("BAM", bam),),
    )


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    agency = pick(rng, AGENCIES)
    m = member(people)
    dx = pick(rng, SUD_DX)
    counselor = people.person(pick(rng, ("CADC", "LADC", "LPC")))
    md = people.person(pick(rng, ("MD", "DO")))
    npp = people.person("PMHNP")
    supervisor = people.person("LCSW")
    adm = admission(rng)
    intake, intake_gold = _intake(rng, agency, m, dx, adm, counselor)
    cert_day = plus(adm, rng.randrange(0, 3))
    cert, cert_gold = _certification(rng, agency, m, dx, cert_day, md, counselor, npp)
    isp_day = plus(adm, rng.randrange(2, 5))
    isp, isp_gold = _isp(rng, agency, m, dx, isp_day, md, counselor, supervisor)
    summary, summary_gold = _summary(rng, agency, m, dx, adm, counselor)
    recert_day = workday(plus(cert_day, rng.randrange(40, 57)))
    recert, recert_gold = _recert(rng, agency, m, dx, adm, recert_day, md, counselor, npp)
    return DocChart(
        files=(intake, cert, isp, summary, recert),
        gold=(intake_gold, cert_gold, isp_gold, summary_gold, recert_gold),
    )


FAMILY = DocFamily(
    name="dd-sud-asam-program",
    split="dev",
    description=(
        "Substance-use agency (ASAM 2.1 IOP or OTP-IOP): ASAM intake with AUDIT/AUDIT-C, "
        "DAST-10, C-SSRS screen; certification with the OTP higher-intensity statement; ISP by "
        "ASAM dimension; two-week counselor summary of dated contacts; recertification."
    ),
    conventions=(
        "'3 hrs/day, 3 days/wk', '9+ hours of programming weekly'",
        "OTP: higher level of care intensity than non-intensive OTP services; NPP certifies",
        "Counselor / Medical Director signature pairs, blank Medical Director or Client line",
        "Signatures: client, counselor and medical director on one line",
        "short-term goals with Target date / ongoing; long-term goal in the client's words",
        "refused early then participates; intoxicated and unable; cannot tolerate",
        "accidental overdose vs suicide attempt history; 988 if cravings increase",
        "BAM use score, AUDIT vs AUDIT-C, DAST-10",
    ),
    render=render,
    tags=("sud", "asam", "otp", "txt"),
)
