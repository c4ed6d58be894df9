"""dh-otp-sud-recovery: an opioid treatment program's IOP track written the way SUD
programs write: a practitioner's certification of need (often an NP or PA with a
medical-director review), a CSV of screening instruments over dates, an individualized
recovery plan organised by ASAM dimension with inline "by" dates, a daily group log with
participation levels, a continued-stay request to the managed-care plan, and the plan's
authorization letter printed to PDF."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import CertificationElement as CertEl
from core.facts import ContinuedStayElement as StayEl
from core.facts import ParticipationStatus as Part
from eval.docfacts.docfacts_heldout import _kit as k
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldGoal,
    GoldParticipation,
    GoldScore,
    GoldSigner,
)

PROGRAMS = (
    ("NEW DAWN RECOVERY CENTER - OTP #0417", "Intensive Outpatient Track"),
    ("CLEARWATER COMPREHENSIVE TREATMENT CENTER", "OTP Intensive Outpatient (G0137)"),
    ("BRIDGEWAY OPIOID TREATMENT SERVICES", "IOP / Medication-Assisted Recovery"),
)
PLANS = (
    "Cascadia Health Plan - Behavioral Health UM",
    "Summit Medicaid Managed Care - UM Department",
    "Keystone Community Health Choices - BH Utilization Review",
)
MEDS = (
    "methadone 85 mg daily",
    "buprenorphine/naloxone 16/4 mg SL daily",
    "methadone 110 mg daily",
    "buprenorphine ER 300 mg monthly injection",
)


def _cert(
    rng: random.Random,
    prog: tuple[str, str],
    client: tuple[str, str],
    cid: str,
    when: dt.date,
    certifier: k.Clin,
    director: k.Clin,
    med: str,
) -> tuple[DocFile, DocGold]:
    first, last = client
    elements: set[CertEl] = {CertEl.CLINICAL_NEED}
    out = [
        prog[0],
        prog[1],
        "",
        "CERTIFICATION OF NEED - OTP INTENSIVE OUTPATIENT SERVICES",
        "",
        f"Client: {last}, {first}     Client ID: {cid}",
        f"Date of evaluation: {k.mdy(when)}",
        f"Current medication for OUD: {med} (dosing is an OTP service and is not counted "
        "toward IOP hours)",
        "",
    ]
    if rng.random() < 0.9:
        elements.add(CertEl.DIAGNOSIS)
        dx = ["F11.20  Opioid use disorder, severe, on maintenance therapy"]
        if rng.random() < 0.5:
            dx.append(
                rng.choice(
                    (
                        "F15.20  Stimulant (methamphetamine) use disorder, moderate",
                        "F41.1   Generalized anxiety disorder",
                        "F10.10  Alcohol use disorder, mild",
                    )
                )
            )
        out += ["DIAGNOSES (ICD-10-CM):"] + [f"  {d}" for d in dx] + [""]
    need = rng.choice(
        (
            "Return to daily illicit fentanyl use over the past 5 weeks despite methadone "
            "maintenance; 2 overdoses reversed with naloxone in the past 60 days; lost "
            "housing and employment. Needs structured, multi-day programming with close "
            "monitoring to regain stability.",
            "Client reports cravings 8/10, injecting fentanyl 3-4 times daily, and "
            "co-occurring methamphetamine use. Family conflict and pending court date. "
            "Clinical need: intensive structured treatment with frequent contact.",
            "Relapse after 14 months in recovery following a death in the family; daily "
            "opioid use x 3 weeks, missed doses, unable to work. Requires intensive "
            "counseling and relapse-prevention skills to stabilize.",
        )
    )
    out += ["CLINICAL RATIONALE:", k.wrap(need, 88, "  "), ""]
    hours: float | None
    hform = rng.randrange(5)
    if hform == 4:
        hours = None
        out += ["LEVEL OF CARE: OTP IOP recommended.", ""]
    else:
        hours = 9.0
        elements.add(CertEl.MIN_HOURS)
        line = (
            "Client has a need for a minimum of nine (9) hours of services per week.",
            "Client requires at least 9 hrs/week of IOP services.",
            "I certify a need for no less than 9 hours of services weekly.",
            "Needs 9 or more hours per week of structured OTP intensive outpatient services.",
        )[hform]
        out += ["LEVEL OF CARE:", k.wrap(line, 88, "  ")]
        out.append("")
    if rng.random() < 0.75:
        elements.add(CertEl.HIGHER_INTENSITY)
        out += [
            *k.wrap(
                rng.choice(
                    (
                        "Client requires a higher level of care intensity than non-intensive "
                        "OTP services (standard counseling 1 hr/wk with daily dosing).",
                        "Standard (non-intensive) OTP counseling has not been sufficient; a more "
                        "intensive level of care is needed.",
                        "Higher intensity indicated: routine OTP outpatient counseling is "
                        "insufficient for current severity.",
                    )
                ),
                88,
                "  ",
            ).split("\n"),
            "",
        ]
    if rng.random() < 0.8:
        elements.add(CertEl.PLAN_OF_CARE)
        out += [
            "PLAN OF CARE:",
            "  - IOP counseling groups (relapse prevention, CBT, MI) 4 days/week",
            "  - Individual counseling weekly with primary counselor",
            "  - Patient education: overdose prevention, naloxone; family education monthly",
            "  - Medication management by prescriber (separate from IOP)",
            "",
        ]
    if rng.random() < 0.35:
        elements.add(CertEl.DISCHARGE_GOALS)
        out += [
            "STEP-DOWN / DISCHARGE GOALS:",
            k.wrap(
                "Four consecutive weekly UDS negative for non-prescribed opioids, cravings "
                "3/10 or less, stable housing; then step down to standard OTP counseling.",
                88,
                "  ",
            ),
            "",
        ]
    signers: list[GoldSigner] = [certifier.signer()]
    t = k.clock(rng, 10, 17)
    out += [
        "CERTIFYING PRACTITIONER:",
        f"  {certifier.with_cred()}   E-signature: {certifier.first[0]}.{certifier.last} "
        f"{k.mdy(when)} {t}",
    ]
    if rng.random() < 0.5:
        out.append(
            f"  Reviewed/approved - Medical Director: {director.with_cred()} "
            f"{k.mdy(when + dt.timedelta(days=1))}"
        )
        signers.append(director.signer())
    if rng.random() < 0.5:
        out.append(f"  Client acknowledgment: {first} {last} (signed) {k.mdy(when)}")
        signers.append(GoldSigner(f"{first} {last}", None))
    name = "OTP_IOP_Certification_of_Need.txt"
    gold = DocGold(
        file=name,
        kind="certification",
        date=when,
        signers=tuple(signers),
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )
    return k.text_file(name, "\n".join(out)), gold


def _scores_csv(
    rng: random.Random, adm: dt.date, staff: k.Clin, client: tuple[str, str]
) -> tuple[DocFile, DocGold]:
    dates = [adm, adm + dt.timedelta(days=28), adm + dt.timedelta(days=rng.choice((49, 56)))]
    fmt = rng.choice((k.iso, k.mdy))
    rows = ["client,date_administered,instrument,total_score,severity,administered_by"]
    scores: list[GoldScore] = []
    who = f'"{staff.with_cred()}"'
    cl = f'"{client[1]}, {client[0]}"'
    audit = rng.randrange(3, 22)
    auditc = rng.randrange(1, 9)
    dast0 = rng.randrange(6, 10)
    bam = [rng.randrange(30, 50), rng.randrange(20, 35), rng.randrange(10, 25)]
    for i, d in enumerate(dates):
        if i == 0:
            rows.append(f"{cl},{fmt(d)},AUDIT,{audit},{'low' if audit < 8 else 'hazardous'},{who}")
            scores.append(GoldScore("AUDIT", audit, d))
            rows.append(f"{cl},{fmt(d)},DAST-10,{dast0},substantial,{who}")
            scores.append(GoldScore("DAST-10", dast0, d))
        if i == 1:
            rows.append(f"{cl},{fmt(d)},AUDIT-C,{auditc},,{who}")
            scores.append(GoldScore("AUDIT-C", auditc, d))
            rows.append(f"{cl},{fmt(d)},UDS (point of care),,positive FEN; BUP neg,{who}")
        if i == 2:
            dast2 = max(0, dast0 - rng.randrange(2, 5))
            rows.append(f"{cl},{fmt(d)},DAST-10,{dast2},moderate,{who}")
            scores.append(GoldScore("DAST-10", dast2, d))
        rows.append(f"{cl},{fmt(d)},BAM,{bam[i]},,{who}")
        scores.append(GoldScore("BAM", bam[i], d))
    name = "Screening_Instruments.csv"
    gold = DocGold(file=name, kind="evaluation", scores=tuple(scores))
    return k.text_file(name, "\n".join(rows)), gold


def _goal_pool(rng: random.Random, when: dt.date) -> list[tuple[str, bool, bool]]:
    d1 = k.mdy(when + dt.timedelta(days=rng.choice((30, 45))))
    d2 = k.long_date(when + dt.timedelta(days=rng.choice((56, 60))))
    return [
        (
            "Client will provide UDS negative for all non-prescribed substances on 4 "
            f"consecutive weekly tests by {d1}",
            True,
            True,
        ),
        ("Client will attend IOP groups 4 days per week", True, False),
        ("Client will develop a healthier, drug-free lifestyle", False, False),
        (
            "Client will identify 5 high-risk situations and a coping response for each "
            "within 2 weeks",
            True,
            True,
        ),
        (
            "Client will attend at least 2 mutual-help meetings (NA or SMART) per week and "
            "bring signed attendance slips",
            True,
            False,
        ),
        ("Client will understand the disease model of addiction", False, False),
        ("Client will improve relationships with family members by discharge", False, True),
        (f"Client will rate cravings at 3 or below on a 0-10 scale by {d2}", True, True),
        (
            "Client will keep all prescriber appointments and take medication as dosed, "
            "100% of scheduled doses over the next 30 days",
            True,
            True,
        ),
        ("Client will explore how trauma history relates to substance use", False, False),
    ]


def _plan(
    rng: random.Random,
    prog: tuple[str, str],
    client: tuple[str, str],
    cid: str,
    when: dt.date,
    counselor: k.Clin,
    supervisor: k.Clin,
    prescriber: k.Clin,
) -> tuple[DocFile, DocGold]:
    first, last = client
    pool = _goal_pool(rng, when)
    picks = rng.sample(pool, 5)
    dims = (
        "DIMENSION 1 - Acute intoxication / withdrawal potential",
        "DIMENSION 3 - Emotional, behavioral or cognitive conditions",
        "DIMENSION 4 - Readiness to change",
        "DIMENSION 5 - Relapse, continued use or continued problem potential",
        "DIMENSION 6 - Recovery / living environment",
    )
    out = [
        prog[0],
        "INDIVIDUALIZED RECOVERY PLAN",
        "",
        f"Client: {first} {last}    ID: {cid}    Plan date: {k.mdy(when)}",
        f"Primary counselor: {counselor.with_cred()}",
        "Level of care: ASAM 2.1 Intensive Outpatient (OTP IOP track)",
        "",
        "Client's statement of need: \""
        + rng.choice(
            ("I need to get my kids back", "I am tired of waking up sick", "I want my job back")
        )
        + '"',
        "",
    ]
    goals: list[GoldGoal] = []
    chosen_dims = sorted(rng.sample(range(len(dims)), 3))
    gi = 0
    for n, di in enumerate(chosen_dims):
        out.append(dims[di])
        count = 2 if n < 2 else 1
        for j in range(count):
            text, m, t = picks[gi]
            gi += 1
            label = "Goal" if j == 0 else "Objective"
            out.append(k.wrap(f"{label} {n + 1}.{j + 1}: {text}.", 90, "      ", first="  "))
            goals.append(GoldGoal(text, m, t))
        out.append("  Methods: group counseling, individual counseling, patient education")
        out.append("")
    out += [
        "FAMILY / SUPPORT INVOLVEMENT: partner invited to monthly family education night.",
        "DISCHARGE / TRANSITION: step down to standard OTP counseling when plan goals met.",
        "",
        "SIGNATURES".ljust(32) + "Name / Credentials".ljust(38) + "Date",
    ]
    signers: list[GoldSigner] = []
    ds = k.mdy(when)
    if rng.random() < 0.85:
        out.append("Client:".ljust(32) + f"/s/ {first} {last}".ljust(38) + ds)
        signers.append(GoldSigner(f"{first} {last}", None))
    else:
        out.append("Client:".ljust(32) + "_" * 30 + "        " + "________")
        signers.append(GoldSigner("Client", None, signed=False))
    out.append("Primary Counselor:".ljust(32) + f"/s/ {counselor.with_cred()}".ljust(38) + ds)
    signers.append(counselor.signer())
    if rng.random() < 0.6:
        out.append(
            "Clinical Supervisor:".ljust(32)
            + f"/s/ {supervisor.with_cred()}".ljust(38)
            + k.mdy(when + dt.timedelta(days=1))
        )
        signers.append(supervisor.signer())
    if rng.random() < 0.65:
        out.append(
            "Medical Director/Prescriber:".ljust(32)
            + f"/s/ {prescriber.with_cred()}".ljust(38)
            + k.mdy(when + dt.timedelta(days=2))
        )
        signers.append(prescriber.signer())
    else:
        out.append("Medical Director/Prescriber:".ljust(32) + "_" * 30 + "        " + "________")
        signers.append(GoldSigner("Medical Director/Prescriber", None, signed=False))
    name = "Recovery_Plan.txt"
    gold = DocGold(
        file=name, kind="treatment_plan", date=when, signers=tuple(signers), goals=tuple(goals)
    )
    return k.text_file(name, "\n".join(out)), gold


def _group_log(
    rng: random.Random,
    prog: tuple[str, str],
    client: tuple[str, str],
    monday: dt.date,
    counselor: k.Clin,
    peer: tuple[str, str],
) -> tuple[DocFile, DocGold]:
    first, last = client
    days = [monday, monday + dt.timedelta(days=1), monday + dt.timedelta(days=3)]
    topics = (
        "Relapse Prevention - high-risk situations",
        "CBT - thought stopping and urges",
        "Overdose prevention & naloxone education",
        "MI - decisional balance",
    )
    part: list[GoldParticipation] = []
    out = [prog[0], "IOP DAILY GROUP LOG", f"Client: {last}, {first}", ""]
    bad = rng.choice(("refuse", "sedated", "refuse_then"))
    for i, d in enumerate(days):
        out.append("=" * 78)
        out.append(f"DATE: {k.mdy(d)}   TIME: 09:00-12:00   GROUP: {rng.choice(topics)} (SUD)")
        out.append(
            f"FACILITATOR: {counselor.with_cred()}   CO-FACILITATOR: {peer[0]} "
            f"{peer[1]}, CPRS   # IN GROUP: {rng.randrange(5, 10)}"
        )
        if i == 1 and bad == "sedated":
            level = "None"
            txt = (
                f"{first} presented nodding and slurring words, unable to participate in "
                "group; escorted to nursing for assessment, dosing held per prescriber."
            )
            part.append(GoldParticipation(Part.CANNOT_PARTICIPATE, d))
        elif i == 1:
            level = "None - refused"
            txt = (
                f"{first} declined to participate in group, stating 'I'm not talking "
                "today'; sat with arms crossed and left at break."
            )
            part.append(GoldParticipation(Part.REFUSES, d))
        elif i == 2 and rng.random() < 0.5:
            level = "Minimal"
            txt = (
                f"{first} participated minimally, answered when called on, and completed "
                "the worksheet."
            )
            part.append(GoldParticipation(Part.PARTICIPATES, d))
        else:
            level = rng.choice(("Active", "Active", "Moderate"))
            txt = rng.choice(
                (
                    f"{first} actively participated, identified payday as a trigger and "
                    "practiced urge surfing with peers.",
                    f"{first} engaged in discussion and shared a recent craving episode and "
                    "the coping skill used.",
                    f"{first} participated throughout; role-played refusal skills with a peer.",
                )
            )
            part.append(GoldParticipation(Part.PARTICIPATES, d))
        out.append(f"PARTICIPATION LEVEL: {level}")
        out.append(k.wrap("NOTE: " + txt, 88))
        out.append("RELATION TO PLAN: Goal 1.1 / relapse prevention")
        out.append(f"Signed: {counselor.with_cred()} {k.mdy(d)}")
    out.append("=" * 78)
    name = f"Group_Log_week_of_{monday:%Y-%m-%d}.txt"
    gold = DocGold(file=name, kind="progress_note", participation=tuple(part))
    return k.text_file(name, "\n".join(out)), gold


def _csr(
    rng: random.Random,
    prog: tuple[str, str],
    plan: str,
    client: tuple[str, str],
    cid: str,
    when: dt.date,
    auth_start: dt.date,
    auth_end: dt.date,
    counselor: k.Clin,
) -> tuple[DocFile, DocGold]:
    first, last = client
    cs: set[StayEl] = set()
    out = [
        prog[0],
        f"To: {plan}",
        "CONTINUED STAY REQUEST - INTENSIVE OUTPATIENT (SUD)",
        "",
        f"Member: {first} {last}   Member ID: {cid}",
        f"Date submitted: {k.mdy(when)}",
        f"Current authorization ends: {k.mdy(auth_end)}",
        f"Requested: continued IOP, {k.mdy(auth_end + dt.timedelta(days=1))} - "
        f"{k.mdy(auth_end + dt.timedelta(days=30))}",
        "",
    ]
    scores: list[GoldScore] = []
    bam = rng.randrange(14, 30)
    sym = rng.random() < 0.85
    if sym:
        cs.add(StayEl.CONTINUING_SYMPTOMS)
        txt = rng.choice(
            (
                f"Cravings remain 6-7/10 daily; UDS positive for fentanyl on "
                f"{k.mdy(when - dt.timedelta(days=6))}; continues to report insomnia and "
                f"isolating. BAM {bam} on {k.mdy(when - dt.timedelta(days=2))}.",
                "Ongoing intense cravings, two lapses in the past 3 weeks, and persistent "
                f"anxiety with panic at night. BAM total {bam} "
                f"({k.mdy(when - dt.timedelta(days=2))}).",
            )
        )
        out += ["CURRENT SYMPTOMS / RISK:", k.wrap(txt, 88, "  "), ""]
        scores.append(GoldScore("BAM", bam, when - dt.timedelta(days=2)))
    else:
        out += [
            "PROGRESS:",
            k.wrap(
                "Client has been abstinent from illicit opioids for 21 days with "
                "consistent dosing; cravings reported at 2/10.",
                88,
                "  ",
            ),
            "",
        ]
    if rng.random() < 0.7 or not sym:
        cs.add(StayEl.LESS_INTENSIVE_INSUFFICIENT)
        out += [
            "WHY A LOWER LEVEL OF CARE IS NOT APPROPRIATE:",
            k.wrap(
                rng.choice(
                    (
                        "Stepping down to standard OTP counseling (1 hour weekly) would "
                        "not provide enough structure to prevent relapse; client has "
                        "relapsed twice in the past after leaving IOP early.",
                        "Less intensive services would not be sufficient to prevent "
                        "return to use and possible overdose or hospitalization at this time.",
                        "Without IOP-level support, relapse and ED utilization are highly "
                        "likely; routine outpatient cannot meet this need.",
                    )
                ),
                88,
                "  ",
            ),
            "",
        ]
    else:
        out += [
            "DISCHARGE PLANNING:",
            "  Anticipated step-down to standard OTP counseling in 30 days.",
            "",
        ]
    out += [
        "PLAN FOR REQUESTED PERIOD: continue IOP groups 4 days/wk, weekly individual "
        "counseling, family session x1.",
        "",
        f"Submitted by: {counselor.with_cred()}, Primary Counselor  "
        f"Phone: (555) 0{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}",
    ]
    name = "Continued_Stay_Request.txt"
    gold = DocGold(
        file=name,
        kind="continued_stay_request",
        date=when,
        continued_stay=frozenset(cs),
        scores=tuple(scores),
    )
    return k.text_file(name, "\n".join(out)), gold


def _auth_letter(
    rng: random.Random,
    plan: str,
    prog: tuple[str, str],
    client: tuple[str, str],
    cid: str,
    start: dt.date,
    end: dt.date,
) -> tuple[DocFile, DocGold]:
    first, last = client
    letter = start - dt.timedelta(days=rng.choice((2, 3, 5)))
    auth_no = f"UM{rng.randrange(10**7, 10**8)}"
    units = rng.choice((16, 18, 20, 24))
    review = end - dt.timedelta(days=rng.choice((10, 14)))
    form = rng.randrange(4)
    out = [
        plan,
        "P.O. Box 4471, Salem, OR 97309        Fax (555) 013-2200",
        "",
        k.long_date(letter),
        "",
        f"{prog[0]}",
        "Attn: Utilization Review",
        "",
        f"RE: {first} {last}   Member ID: {cid}",
        f"Authorization #: {auth_no}",
        "",
        "Dear Provider,",
        "",
    ]
    if form == 0:
        body = (
            f"We have approved intensive outpatient treatment (H0015) for the member named "
            f"above for dates of service {k.mdy(start)} through {k.mdy(end)}, {units} units."
        )
    elif form == 1:
        body = (
            "Following clinical review, your request for continued SUD intensive outpatient "
            f"services is approved. Auth valid {k.mdy_short(start)} thru {k.mdy_short(end)}. "
            f"Units approved: {units} (1 unit = 1 day of service)."
        )
    elif form == 2:
        body = (
            "The following services have been authorized:\n"
            f"  Service: SUD IOP (H0015)   Start Date: {k.mdy(start)}   End Date: "
            f"{k.mdy(end)}   Units: {units}"
        )
    else:
        body = (
            f"This letter confirms authorization of SUD IOP beginning {k.long_date(start)} and "
            f"ending {k.long_date(end)}. {units} units have been approved."
        )
    for para in body.split("\n"):
        out += k.wrap(para, 84).split("\n") if not para.startswith("  ") else [para]
    out += [
        "",
        k.wrap(
            f"If continued services are needed, submit clinical information by "
            f"{k.mdy(review)}. This authorization is not a guarantee of payment.",
            84,
        ),
        "",
        "Sincerely,",
        "Utilization Management, Behavioral Health",
    ]
    name = "Auth_Approval_Letter.pdf"
    f = k.pdf_file(name, out, footer="CONFIDENTIAL - 42 CFR Part 2 protected  Page {page}")
    gold = DocGold(file=name, kind="authorization", date=letter, authorization=(start, end))
    return f, gold


def render(rng: random.Random) -> DocChart:
    names = k.Names(rng)
    client = names.person()
    prog = rng.choice(PROGRAMS)
    plan = rng.choice(PLANS)
    cid = f"{rng.randrange(100000, 999999)}"
    adm = k.weekday_on_or_after(k.start_date(rng), 0)
    certifier = k.clin(names, ("PMHNP-BC", "NP-C", "PA-C", "APRN, PMHNP-BC", "DO", "M.D."))
    director = k.clin(names, ("MD", "DO", "D.O."))
    counselor = k.clin(names, k.SUD_CREDS)
    supervisor = k.clin(names, ("LCADC", "LPC-S", "LCSW-C", "LICSW"))
    peer = names.person()
    med = rng.choice(MEDS)
    auth1_end = adm + dt.timedelta(days=29)
    csr_date = auth1_end - dt.timedelta(days=rng.choice((6, 10, 15, 18)))
    files: list[DocFile] = []
    golds: list[DocGold] = []
    for f, g in (
        _cert(rng, prog, client, cid, adm, certifier, director, med),
        _scores_csv(rng, adm, counselor, client),
        _plan(
            rng,
            prog,
            client,
            cid,
            adm + dt.timedelta(days=rng.choice((2, 4))),
            counselor,
            supervisor,
            certifier,
        ),
        _group_log(rng, prog, client, adm + dt.timedelta(days=7), counselor, peer),
        _csr(rng, prog, plan, client, cid, csr_date, adm, auth1_end, counselor),
        _auth_letter(
            rng,
            plan,
            prog,
            client,
            cid,
            auth1_end + dt.timedelta(days=1),
            auth1_end + dt.timedelta(days=rng.choice((28, 30))),
        ),
    ):
        files.append(f)
        golds.append(g)
    return DocChart(tuple(files), tuple(golds))


FAMILY = DocFamily(
    name="dh-otp-sud-recovery",
    split="heldout",
    description=(
        "Opioid treatment program IOP track: NPP certification of need with medical "
        "director review, CSV of AUDIT/AUDIT-C/DAST-10/BAM over dates, ASAM-dimension "
        "recovery plan, daily group log, continued-stay request, payer approval letter PDF."
    ),
    conventions=(
        "NP/PA certifier, e-signature initials, medical director review, client acknowledgment",
        "higher intensity than non-intensive OTP care; dosing mentioned but not IOP hours",
        "instrument scores as CSV rows with a non-numeric UDS row",
        "recovery plan goals inline with 'by' dates, 'within 2 weeks', 'over the next 30 days'",
        "columnar signature block with /s/ and blank client or prescriber lines",
        "group log participation levels: active, minimal, refused, unable (sedated)",
        "continued-stay: cravings/lapses; step-down would not prevent relapse",
        "auth letter: dates of service, auth valid thru, start/end date, beginning/ending",
    ),
    render=render,
)
