"""dd-team-review-grid: a community mental health center on a Medicaid-plan EHR with
fixed-width printouts: an authorization detail screen with dotted labels, a weekly risk
assessment form with [X] checkboxes, an interdisciplinary team (IDT) weekly review with a
dated participation grid, an outcome-measures grid with "--" for not given, and
continued-stay checkboxes; a numbered Continuing Service Request form (PDF)."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ContinuedStayElement, ParticipationStatus
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
    GoldParticipation,
    GoldRisk,
    GoldScore,
    Instrument,
)

CENTERS = (
    ("GEM STATE COMMUNITY MENTAL HEALTH", "Idaho Medicaid - Behavioral Health Plan"),
    ("SNAKE RIVER FAMILY SERVICES", "Idaho Medicaid - Behavioral Health Plan"),
    ("PALOUSE COUNSELING COLLABORATIVE", "Magnolia Community Health Plan"),
)
CS_SYMPTOMS = {
    "mdd": "Continues to report depressed mood 6/10, anhedonia and social withdrawal; "
    "unable to resume part-time job",
    "gad": "Ongoing excessive worry with 2-3 panic episodes weekly; avoiding work calls",
    "ptsd": "Nightmares 4x/week, hypervigilance and dissociative episodes in group",
    "bipolar": "Persistent depressive symptoms, irregular sleep (3-10 hrs), low energy",
    "panic": "Panic attacks 3-4x/week; still unable to ride the bus alone",
}
LESS = (
    "Team agrees weekly outpatient therapy would not prevent relapse or rehospitalization at "
    "this time",
    "Step-down to OP now would likely lead to decompensation and readmission; needs IOP structure",
    "Client was in weekly OP before admission and decompensated; lower level cannot maintain "
    "stability",
)


def _auth(
    rng: random.Random,
    center: tuple[str, str],
    m: Member,
    client_id: str,
    start: dt.date,
    end: dt.date,
    day: dt.date,
    clerk: Who,
) -> tuple[DocFile, DocGold]:
    auth_no = f"{start.year}-IOP-{rng.randrange(10000, 99999)}"
    units = pick(rng, (15, 18, 24))
    used = rng.randrange(2, 8)
    s, e = fmt(start), fmt(end)
    variant = rng.randrange(4)
    if variant == 0:
        period = [f" Start Date ........... {s}", f" End Date ............. {e}"]
    elif variant == 1:
        period = [f" Begin ................ {s}", f" Thru ................. {e}"]
    elif variant == 2:
        period = [f" Effective Date ....... {s}", f" Expiration Date ...... {e}"]
    else:
        period = [f" Auth Period .......... {s} - {e}"]
    bar = "=" * 66
    lines = [
        bar,
        " PAYER AUTHORIZATION DETAIL",
        bar,
        f" Client ............... {m.who.last.upper()}, {m.who.first.upper()} (ID {client_id})",
        f" Payer ................ {center[1]}",
        f" Auth # ............... {auth_no}",
        " Service .............. S9480 Intensive Outpatient Psychiatric (per diem)",
        " Status ............... APPROVED",
        f" Determination date ... {fmt(day)}",
        f" Date requested ....... {fmt(plus(start, -3))}",
        *period,
        f" Units Approved ....... {units}     Units Used ... {used}     Remaining ... "
        f"{units - used}",
        f" Entered by ........... {clerk.full} (billing)",
        " Notes ................ Submit continuing service request 14 days before end.",
        bar,
    ]
    doc = txt(f"AUTH_{auth_no}.txt", "\n".join(lines))
    return doc, DocGold(file=doc.name, kind="authorization", date=day, authorization=(start, end))


def _risk(
    rng: random.Random,
    center: tuple[str, str],
    m: Member,
    client_id: str,
    day: dt.date,
    lcsw: Who,
    supervisor: Who,
    prior: dt.date,
    level: str,
) -> tuple[DocFile, DocGold]:

    def box(on: bool) -> str:
        return "[X]" if on else "[ ]"

    prior_level = pick(rng, ("Low", "Moderate"))
    lines = [
        center[0],
        "WEEKLY RISK ASSESSMENT (IOP)",
        f"Client: {m.who.full}   ID: {client_id}   Date: {fmt(day)}   Time: {clock(rng)}",
        f"Prior risk level ({fmt(prior)}): {prior_level}",
        "",
        "C-SSRS SINCE LAST CONTACT",
    ]
    scores: list[GoldScore] = []
    sev = {"low": 0, "low_narr": 0, "moderate": 2, "high": 5}[level]
    yes = {
        "low": "none",
        "low_narr": "none",
        "moderate": "1, 2",
        "high": "1, 2, 3, 4, 5",
    }[level]
    lines.append(f"  Items endorsed: {yes}")
    if chance(rng, 0.6):
        lines.append(f"  C-SSRS severity score: {sev}")
        scores.append(GoldScore("C-SSRS", sev))
    lines += [
        "  Lifetime: "
        + pick(rng, ("attempt by overdose in 2019 (history only)", "no lifetime attempts")),
        "",
        "HOMICIDAL / VIOLENCE SCREEN",
        "  Denies HI; no access to firearms." if level != "high" else "  Denies HI.",
        "",
        "RISK LEVEL",
        f"  {box(level in ('low', 'low_narr'))} Low   {box(level == 'moderate')} Moderate   "
        f"{box(level == 'high')} High",
    ]
    if level == "low":
        lines.append("  Needs 24-hr supervision / higher level of care:  [ ] Yes  [X] No")
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
        narrative = "Stable this week; using safety plan skills."
    elif level == "low_narr":
        lines.append("  Needs 24-hr supervision / higher level of care:  [ ] Yes  [ ] No")
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=None)
        narrative = (
            "Client denies SI/HI, no plan or intent. If urges return, client will text 988 "
            "and call sister."
        )
    elif level == "moderate":
        lines.append("  Needs 24-hr supervision / higher level of care:  [ ] Yes  [ ] No")
        risk = GoldRisk(imminent_danger=None, needs_24h_supervision=None)
        narrative = (
            "Passive and some active thoughts this week after an argument with family; "
            "reviewed safety plan; daily check-ins added."
        )
    else:
        lines.append("  Needs 24-hr supervision / higher level of care:  [X] Yes  [ ] No")
        risk = GoldRisk(imminent_danger=True, needs_24h_supervision=True)
        narrative = (
            "Client reports current SI with plan to hang self and intent to act tonight; has "
            "researched methods. Imminent risk. Crisis team called; client transported to "
            "inpatient unit for 24-hour care."
        )
    lines += ["", "NARRATIVE", para(narrative, 80, "  "), ""]
    signers = [lcsw.gold()]
    lines.append(f"Assessed by: {lcsw.signed}    {fmt(day)}")
    if chance(rng, 0.5):
        lines.append(f"Supervisor review: {supervisor.signed}    {fmt(day)}")
        signers.append(supervisor.gold())
    doc = txt(f"Weekly_Risk_Assessment_{day.isoformat()}.txt", "\n".join(lines))
    gold = DocGold(
        file=doc.name,
        kind="risk_assessment",
        date=day,
        signers=tuple(signers),
        risk=risk,
        scores=tuple(scores),
    )
    return doc, gold


def _story(
    rng: random.Random, adm: dt.date
) -> tuple[list[tuple[dt.date, str, str, ParticipationStatus | None]], str]:
    """Dated participation rows for the IDT grid (status None: no participation stated)."""
    d = [plus(adm, k) for k in (7, 8, 9, 10, 11)]
    pattern = pick(rng, ("refuse", "refuse", "dissoc", "tolerate", "steady"))
    P = ParticipationStatus  # noqa: N806
    rows: list[tuple[dt.date, str, str, ParticipationStatus | None]]
    if pattern == "refuse":
        rows = [
            (d[0], "Group - DBT Skills", "Refused to participate; stayed in lobby", P.REFUSES),
            (d[1], "Group - Process", "Refused to participate", P.REFUSES),
            (d[2], "Individual", "Participated - engaged, completed chain analysis",
             P.PARTICIPATES),
            (d[4], "Group - Process", "Participated actively; gave peer feedback",
             P.PARTICIPATES),
        ]  # fmt: skip
    elif pattern == "dissoc":
        rows = [
            (d[0], "Group - Process", "Unable to participate - dissociated, grounded by staff",
             P.CANNOT_PARTICIPATE),
            (d[2], "Group - DBT Skills", "Participated actively", P.PARTICIPATES),
            (d[4], "Group - Process", "Participated; shared trauma narrative work",
             P.PARTICIPATES),
        ]  # fmt: skip
    elif pattern == "tolerate":
        rows = [
            (d[0], "Group - DBT Skills", "Left after 40 min - could not tolerate group "
             "intensity", P.CANNOT_TOLERATE),
            (d[2], "Group - DBT Skills", "Participated full session with break plan",
             P.PARTICIPATES),
        ]  # fmt: skip
    else:
        rows = [
            (d[0], "Group - DBT Skills", "Participated actively", P.PARTICIPATES),
            (d[2], "Group - Process", "Participated; led check-in", P.PARTICIPATES),
        ]
    rows.append((d[3], "Group - Process", "Absent - excused (dental appointment)", None))
    rows.sort(key=lambda r: r[0])
    return rows, pattern


def _idt(
    rng: random.Random,
    center: tuple[str, str],
    m: Member,
    client_id: str,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
    team: list[Who],
    rows: list[tuple[dt.date, str, str, ParticipationStatus | None]],
    held: dt.date | None,
) -> tuple[DocFile, DocGold, list[GoldScore]]:
    dates = [adm, plus(adm, 7), plus(adm, 14)]
    variant = pick(rng, (0, 0, 1, 2))
    phq = [rng.randrange(16, 24)]
    if variant == 2:
        phq += [rng.randrange(10, 14), rng.randrange(4, 9)]
    else:
        phq += [phq[-1] - rng.randrange(0, 3), phq[-1] - rng.randrange(2, 6)]
    scores = [GoldScore("PHQ-9", v, d) for v, d in zip(phq, dates, strict=True)]
    second: Instrument = "PCL-5" if dx.key == "ptsd" else "GAD-7"
    if second == "PCL-5":
        vals: list[int | None] = [rng.randrange(40, 65), None, rng.randrange(30, 50)]
    else:
        vals = [rng.randrange(10, 19), None, rng.randrange(7, 14)]
    if variant == 2:
        vals[2] = rng.randrange(8, 20) if second == "PCL-5" else rng.randrange(3, 8)
    scores += [GoldScore(second, v, d) for v, d in zip(vals, dates, strict=True) if v is not None]
    lines = [
        center[0],
        "INTERDISCIPLINARY TEAM (IDT) WEEKLY REVIEW - IOP",
        f"Client: {m.who.full}   ID: {client_id}   Review date: {fmt(day)}",
        f"Admit: {fmt(adm)}   Dx: {dx.code} {dx.name}",
        "Team present: " + "; ".join(w.signed for w in team),
        "",
        "PARTICIPATION THIS PERIOD",
        f"{'Date':<12}{'Service':<22}Participation",
        f"{'-' * 10:<12}{'-' * 20:<22}{'-' * 44}",
    ]
    lines += [f"{fmt(d):<12}{svc:<22}{note}" for d, svc, note, _ in rows]
    lines += [
        "",
        "OUTCOME MEASURES",
        (f"{'Instrument':<13}" + "".join(f"{fmt(d):<13}" for d in dates)).rstrip(),
        (f"{'PHQ-9':<13}" + "".join(f"{v:<13}" for v in phq)).rstrip(),
        (f"{second:<13}" + "".join(f"{('--' if v is None else v)!s:<13}" for v in vals)).rstrip(),
        "",
        "CONTINUED STAY",
    ]
    cs: set[ContinuedStayElement] = set()
    if variant == 0:
        cs = {ContinuedStayElement.CONTINUING_SYMPTOMS,
              ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT}  # fmt: skip
        lines += [
            f"  [X] Continuing symptoms: {CS_SYMPTOMS[dx.key]}.",
            f"  [X] Less intensive care insufficient: {pick(rng, LESS)}.",
        ]
    elif variant == 1:
        cs = {ContinuedStayElement.CONTINUING_SYMPTOMS}
        lines += [
            f"  [X] Continuing symptoms: {CS_SYMPTOMS[dx.key]}.",
            "  [ ] Less intensive care insufficient",
            "  Comment: team will revisit step-down to OP at next review.",
        ]
    else:
        lines += [
            "  [ ] Continuing symptoms",
            "  [ ] Less intensive care insufficient",
            "  Comment: symptoms in mild range; client meets discharge criteria. Step down to "
            "weekly OP.",
        ]
    lines += [
        "",
        "PLAN",
        (
            f"  IOP on hold - client admitted to inpatient unit on {fmt(held)}; team to "
            "review readmission to IOP at discharge."
            if held
            else "  Continue per treatment plan; next IDT review in 7 days."
        ),
        "",
        f"Recorded by: {team[1].signed}",
    ]
    doc = txt(f"IDT_Weekly_Review_{day.isoformat()}.txt", "\n".join(lines))
    part = tuple(GoldParticipation(st, d) for d, _, _, st in rows if st is not None)
    return (
        doc,
        DocGold(
            file=doc.name,
            kind="progress_note",
            date=day,
            continued_stay=frozenset(cs),
            participation=part,
            scores=tuple(scores),
        ),
        scores,
    )


def _csr(
    rng: random.Random,
    center: tuple[str, str],
    m: Member,
    client_id: str,
    dx: Dx,
    adm: dt.date,
    auth_end: dt.date,
    day: dt.date,
    clinician: Who,
    pattern: str,
    latest_phq: int,
) -> tuple[DocFile, DocGold]:
    cs = {ContinuedStayElement.CONTINUING_SYMPTOMS}
    less = chance(rng, 0.7)
    if less:
        cs.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
        why = pick(
            rng,
            (
                "Weekly outpatient therapy would not be enough to prevent relapse or a return "
                "to inpatient care; client still needs 3 days/week of structured treatment.",
                "Prior trial of routine OP (2025) ended in hospitalization; the team does not "
                "believe a less intensive level can keep the client out of the hospital.",
            ),
        )
    else:
        why = "N/A - requesting final authorization to complete discharge transition."
    d_ref = plus(day, -rng.randrange(1, 4))
    d0 = plus(adm, 7)
    if pattern == "refuse":
        ptext = (
            f"Client refused groups on {fmt(d0)}; has participated actively since "
            f"{fmt(plus(adm, 9))}."
        )
        part: tuple[GoldParticipation, ...] = (
            GoldParticipation(ParticipationStatus.REFUSES, d0),
            GoldParticipation(ParticipationStatus.PARTICIPATES, plus(adm, 9)),
        )
    else:
        ptext = f"As of {fmt(d_ref)}, client participates actively in all scheduled groups."
        part = (GoldParticipation(ParticipationStatus.PARTICIPATES, d_ref),)
    req_start, req_end = plus(auth_end, 1), plus(auth_end, 28)
    lines = [
        "**CONTINUING SERVICE REQUEST - INTENSIVE OUTPATIENT (IOP)",
        f"Provider: {center[0].title()}      Payer: {center[1]}",
        "",
        "**Section 1. Member / Authorization",
        f"  Member name: {m.who.full}     Member ID: {client_id}     DOB: {fmt(m.dob)}",
        f"  Current auth end date: {fmt(auth_end)}     Date of request: {fmt(day)}",
        f"  Admission date: {fmt(adm)}     Primary diagnosis: {dx.code}",
        "",
        "**Section 2. Clinical information",
        "  2a. Current symptoms and functional impairment:",
        *para(f"{CS_SYMPTOMS[dx.key]}.", 92, "      ").split("\n"),
        "  2b. Standardized measures (instrument / score / date):",
        f"      PHQ-9 / {latest_phq} / {fmt(plus(adm, 14))}",
        "  2c. Progress toward treatment plan goals:",
        "      Objective 1a partially met; uses two coping skills daily per diary card.",
        "  2d. Participation / engagement:",
        *para(ptext, 92, "      ").split("\n"),
        "  2e. Why can the member not be served at a less intensive level of care?",
        *para(why, 92, "      ").split("\n"),
        "  2f. Discharge plan / estimated discharge date:",
        f"      Step down to weekly OP and med management; est. discharge {fmt(req_end)}.",
        "",
        "**Section 3. Request",
        f"  Units requested: 12     Requested start: {fmt(req_start)}     Requested end: "
        f"{fmt(req_end)}",
        "",
        "I attest that the information above is accurate and supported by the clinical record.",
        f"Clinician signature: {clinician.signed}      Date: {fmt(day)}",
    ]
    doc = pdf(
        f"Continuing_Service_Request_{day.isoformat()}.pdf",
        "\n".join(lines),
        footer="CSR-IOP form v2.1 - Page {page} of {pages}",
    )
    return doc, DocGold(
        file=doc.name,
        kind="continued_stay_request",
        date=day,
        continued_stay=frozenset(cs),
        participation=part,
        scores=(GoldScore("PHQ-9", latest_phq, plus(adm, 14)),),
    )


def _attendance_csv(
    rows: list[tuple[dt.date, str, str, ParticipationStatus | None]], client_id: str
) -> DocFile:
    out = ["client_id,service_date,service,start,end,status"]
    for d, svc, _, st in rows:
        status = "ABSENT-EXCUSED" if st is None else "ATTENDED"
        times = "13:00,13:50" if svc == "Individual" else "09:00,12:00"
        out.append(f"{client_id},{d.isoformat()},{svc},{times},{status}")
    return txt("Attendance_Export.csv", "\n".join(out))


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    center = pick(rng, CENTERS)
    m = member(people)
    dx = pick(rng, MH_DX)
    client_id = str(rng.randrange(10000, 99999))
    md = people.person(pick(rng, ("MD", "DO")))
    lcsw = people.person(pick(rng, ("LCSW", "LCPC", "LMFT")))
    supervisor = people.person(pick(rng, ("LCSW", "PHD", "PSYD")))
    rn = people.person("RN")
    clerk = people.person()
    adm = admission(rng)
    start = adm
    end = plus(start, pick(rng, (34, 41, 48)))
    auth, auth_gold = _auth(rng, center, m, client_id, start, end, plus(start, 1), clerk)
    level = pick(rng, ("low", "low", "low_narr", "moderate", "high"))
    if level == "high":
        risk_day = plus(adm, 11)  # after the last group of the participation grid
    else:
        risk_day = plus(adm, 7 * rng.randrange(1, 3) + rng.randrange(0, 3))
    risk, risk_gold = _risk(
        rng, center, m, client_id, risk_day, lcsw, supervisor, plus(risk_day, -7), level
    )
    rows, pattern = _story(rng, adm)
    idt_day = plus(adm, 14)
    held = risk_day if level == "high" and risk_day < idt_day else None
    idt, idt_gold, scores = _idt(
        rng, center, m, client_id, dx, adm, idt_day, [md, lcsw, rn], rows, held
    )
    files: list[DocFile] = [auth, risk, idt]
    gold = [auth_gold, risk_gold, idt_gold]
    if level != "high" and idt_gold.continued_stay:
        csr_day = plus(end, -rng.randrange(14, 17))
        latest = int(next(s.value for s in reversed(scores) if s.instrument == "PHQ-9"))
        csr, csr_gold = _csr(
            rng, center, m, client_id, dx, adm, end, csr_day, lcsw, pattern, latest
        )
        files.append(csr)
        gold.append(csr_gold)
    files.append(_attendance_csv(rows, client_id))
    return DocChart(files=tuple(files), gold=tuple(gold))


FAMILY = DocFamily(
    name="dd-team-review-grid",
    split="dev",
    description=(
        "Community mental health center on a Medicaid-plan EHR: dotted-label authorization "
        "screen, [X]-checkbox weekly risk form, IDT weekly review with dated participation and "
        "outcome grids and continued-stay checkboxes, numbered Continuing Service Request PDF."
    ),
    conventions=(
        "Start/End, Begin/Thru, Effective/Expiration Date, Auth Period a - b",
        "determination and requested dates that are not the period",
        "risk level checkboxes; 24-hr supervision Yes/No (sometimes left blank)",
        "prior week's risk level quoted; attempt in 2019 as history; 988 if urges return",
        "participation grid: refused, dissociated and unable, could not tolerate, excused absence",
        "scores grid across dates with '--' for not administered",
        "continued-stay checkboxes checked / unchecked with comments",
        "CSR question 2e answered or 'N/A'",
    ),
    render=render,
    tags=("grid", "medicaid", "txt", "pdf"),
)
