"""dh-medicaid-mco-forms: an adult mental-health IOP billed to a state Medicaid managed
care plan, documented on fill-in forms: a state certification-of-need form (initial and
recertification versions, checkbox statements, NPI, a supervising-physician line), the
plan's continued-stay review form with a measures table, a prior-authorization
determination with a line-item table, and an attendance/participation log as CSV."""

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
    GoldParticipation,
    GoldScore,
    GoldSigner,
)

TEMPLATES = (
    ("FORM BH-217 (Rev. 07/2024)", "CERTIFICATION OF NEED - INTENSIVE OUTPATIENT SERVICES"),
    ("DMAS-IOP-01 (10/2023)", "PHYSICIAN / PRACTITIONER CERTIFICATION FOR IOP"),
    ("MA-MH-IOP CON (Rev. 2025)", "MEDICAID CERTIFICATION OF NEED: MH INTENSIVE OUTPATIENT"),
)
MCOS = (
    "Horizon Community Care (Medicaid MCO)",
    "BlueRiver Medicaid Advantage",
    "Sunflower State Health Partners",
)
PROVIDERS = (
    "Northgate Counseling & Wellness IOP",
    "Valley Behavioral Health Clinic - IOP",
    "Southside Community Mental Health Center",
)
DX = (
    ("F33.1", "Major depressive disorder, recurrent, moderate"),
    ("F31.81", "Bipolar II disorder"),
    ("F43.10", "Post-traumatic stress disorder, unspecified"),
    ("F25.0", "Schizoaffective disorder, bipolar type"),
)
# by the index of the diagnosis in DX
NEED = (
    "Recent decompensation after losing housing: daily SI without plan, not sleeping, "
    "missing shifts at work, isolating from family. Requires structured multi-day "
    "treatment with psychiatric oversight.",
    "Acute exacerbation of mood symptoms with impulsive spending and 3-4 hrs sleep; lost "
    "job this month; conflict with partner. Needs close monitoring and daily structure.",
    "Flashbacks and nightmares nightly since an assault 6 weeks ago; not leaving home "
    "alone, missed 2 weeks of work, drinking to sleep. Needs intensive trauma-focused "
    "treatment with frequent contact.",
    "Discharged from inpatient unit 5 days ago after psychotic decompensation; residual "
    "paranoia and poor self-care; needs intensive step-down treatment.",
)
STILL = (
    "persistent depressed mood, passive SI 2-3x/wk, inability to keep a daily routine",
    "mood remains labile with racing thoughts at night and impulsive purchases",
    "intrusive memories and nightmares most nights, dissociation under stress, avoidance of "
    "leaving home",
    "intermittent paranoia, poor medication adherence without daily prompting",
)
CSR_SYMPTOMS = (
    "Persistent low mood and hopelessness, passive SI several times a week, cannot sustain "
    "work hours.",
    "Mood swings several times a week, sleeping 4 hours, irritability with family.",
    "Nightmares 5 nights a week, panic when leaving home, hypervigilance at work.",
    "Ongoing auditory hallucinations (commenting voices), suspiciousness toward neighbors, "
    "disorganized self-care requiring daily prompts.",
)


def _box(on: bool) -> str:
    return "[X]" if on else "[ ]"


def _con(
    rng: random.Random,
    tmpl: tuple[str, str],
    provider: str,
    member: tuple[str, str],
    mid: str,
    dob: dt.date,
    when: dt.date,
    recert: bool,
    certifier: k.Clin,
    supervisor: k.Clin,
    dx: tuple[str, str],
    plan_date: dt.date,
) -> tuple[DocFile, DocGold]:
    first, last = member
    elements: set[CertEl] = set()
    cs: set[StayEl] = set()
    hours: float | None = None
    out = [
        f"{tmpl[0]}".rjust(92),
        tmpl[1],
        "",
        f"{_box(not recert)} Initial certification    {_box(recert)} Recertification",
        "",
        "SECTION A - MEMBER / PROVIDER",
        f"  Member name: {last}, {first}        Medicaid ID: {mid}        DOB: {k.mdy(dob)}",
        f"  Provider: {provider}",
        f"  Date of certification: {k.mdy(when)}",
        "",
        "SECTION B - DIAGNOSIS (ICD-10-CM)",
    ]
    if rng.random() < 0.9:
        elements.add(CertEl.DIAGNOSIS)
        out.append(f"  Primary: {dx[0]}  {dx[1]}")
        out.append(
            "  Secondary: "
            + rng.choice(
                (
                    "F41.1 Generalized anxiety disorder",
                    "none",
                    "F12.20 Cannabis use disorder, moderate",
                )
            )
        )
    else:
        out.append("  Primary: ______________   Secondary: ______________")
    out += ["", "SECTION C - CERTIFICATION STATEMENTS (check all that apply)"]
    style = tmpl[0][:2]
    hours_on = rng.random() < 0.85
    if style == "MA":
        if hours_on:
            hours = float(rng.choice((9, 9, 12)))
            out.append(
                f"  Weekly hours of IOP services certified as medically necessary: __{hours:g}__"
            )
        else:
            out.append("  Weekly hours of IOP services certified as medically necessary: ____")
    else:
        if hours_on:
            hours = 9.0
        text = (
            "The member requires a minimum of nine (9) hours per week of IOP services."
            if style == "BH"
            else "Member needs >= 9 hrs/week of intensive outpatient treatment."
        )
        out.append(f"  {_box(hours_on)} {text}")
    if hours_on:
        elements.add(CertEl.MIN_HOURS)
    hi = rng.random() < 0.6
    out += k.wrap(
        f"{_box(hi)} The member's condition requires a higher intensity of services than "
        "non-intensive outpatient care; less intensive services would not be sufficient to "
        "prevent relapse or hospitalization.",
        88,
        "      ",
        first="  ",
    ).split("\n")
    if hi:
        elements.add(CertEl.HIGHER_INTENSITY)
        cs.add(StayEl.LESS_INTENSIVE_INSUFFICIENT)
    poc = rng.random() < 0.75
    out.append(
        f"  {_box(poc)} Services will be furnished under the individualized plan of care "
        + (f"dated {k.mdy(plan_date)} (attached)." if poc else "dated ________.")
    )
    if poc:
        elements.add(CertEl.PLAN_OF_CARE)
    out += ["", "SECTION D - CLINICAL NEED FOR IOP (required)"]
    elements.add(CertEl.CLINICAL_NEED)
    need = NEED[DX.index(dx)]
    if recert:
        need = rng.choice(
            (
                "Member continues to need the IOP level of care; see Section E.",
                "Ongoing clinical need for IOP as described in Section E.",
            )
        )
    out += k.wrap(need, 88, "  ").split("\n")
    out += ["", "SECTION E - RECERTIFICATION ONLY"]
    if not recert:
        out += [
            "  Response to treatment: N/A - initial",
            "  Symptoms that continue to require intensive treatment: N/A",
            "  Treatment goals toward discharge: N/A",
        ]
    else:
        if rng.random() < 0.85:
            elements.add(CertEl.RESPONSE_TO_TREATMENT)
            out += k.wrap(
                "Response to treatment: "
                + rng.choice(
                    (
                        "Partial - fewer crisis calls (1 in past 3 wks vs 4 in first 3 wks), "
                        "attends reliably, practicing coping skills.",
                        "Modest improvement in sleep and self-care; attends 3 days a week.",
                    )
                ),
                88,
                "      ",
                first="  ",
            ).split("\n")
        else:
            out.append("  Response to treatment: ")
        elements.add(CertEl.CONTINUING_SYMPTOMS)
        cs.add(StayEl.CONTINUING_SYMPTOMS)
        out += k.wrap(
            "Symptoms that continue to require intensive treatment: " + STILL[DX.index(dx)],
            88,
            "      ",
            first="  ",
        ).split("\n")
        if rng.random() < 0.7:
            elements.add(CertEl.DISCHARGE_GOALS)
            out += k.wrap(
                "Treatment goals toward discharge: stable housing confirmed, PHQ-9 under "
                "10, linkage to ACT/outpatient psychiatry and peer support before discharge.",
                88,
                "      ",
                first="  ",
            ).split("\n")
        else:
            out.append("  Treatment goals toward discharge: ")
    out += ["", "SECTION F - SIGNATURES"]
    signers: list[GoldSigner] = [certifier.signer()]
    npi = rng.randrange(10**9, 2 * 10**9)
    out.append(
        f"  Certifying practitioner: {certifier.full}   Credentials: {certifier.cred}   NPI: {npi}"
    )
    out.append(f"  Signature: /s/ {certifier.full}   Date: {k.mdy(when)}")
    is_phys = certifier.gold_cred in ("MD", "DO")
    out.append("  Supervising physician (required if certifying practitioner is not MD/DO):")
    if is_phys:
        out.append("    N/A - certifying practitioner is a physician")
    elif rng.random() < 0.5:
        out.append(
            f"    {supervisor.with_cred()}   Signature: /s/   Date: "
            f"{k.mdy(when + dt.timedelta(days=rng.choice((0, 2))))}"
        )
        signers.append(supervisor.signer())
    else:
        out.append("    Name: ____________________  Signature: ____________________  Date: ______")
        signers.append(GoldSigner("Supervising physician", None, signed=False))
    if rng.random() < 0.75:
        out.append(f"  Member or legal representative: /s/ {first} {last}   Date: {k.mdy(when)}")
        signers.append(GoldSigner(f"{first} {last}", None))
    else:
        out.append("  Member or legal representative: ______________________   Date: ______")
        signers.append(GoldSigner("Member or legal representative", None, signed=False))
    out += ["", "Retain in member record. Submit with PA request via provider portal."]
    name = f"{'Recert' if recert else 'Initial'}_CON_{when:%Y%m%d}.txt"
    gold = DocGold(
        file=name,
        kind="recertification" if recert else "certification",
        date=when,
        signers=tuple(signers),
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        continued_stay=frozenset(cs) if recert else None,
    )
    return k.text_file(name, "\n".join(out)), gold


def _csr(
    rng: random.Random,
    mco: str,
    provider: str,
    member: tuple[str, str],
    mid: str,
    when: dt.date,
    auth: tuple[dt.date, dt.date],
    adm: dt.date,
    reviewer: k.Clin,
    dx: tuple[str, str],
) -> tuple[DocFile, DocGold]:
    first, last = member
    cs: set[StayEl] = set()
    variant = rng.choice(("both", "both", "symptoms", "stepdown"))
    out = [
        mco.upper(),
        "CONTINUED STAY REVIEW - MENTAL HEALTH IOP",
        "",
        f"Review date: {k.mdy(when)}     Review type: Concurrent",
        f"Member: {first} {last}   ID: {mid}",
        f"Provider: {provider}",
        f"Admit date: {k.mdy(adm)}     Current auth: {k.mdy(auth[0])} - {k.mdy(auth[1])}",
        f"Clinician submitting: {reviewer.with_cred()}",
        "",
    ]
    sym = (
        "Symptoms largely resolved; denies SI; sleeping 7 hours; mood described as 'steady'."
        if variant == "stepdown"
        else CSR_SYMPTOMS[DX.index(dx)]
    )
    if variant != "stepdown":
        cs.add(StayEl.CONTINUING_SYMPTOMS)
    out += k.wrap("1. Current symptoms (severity, frequency): " + sym, 90, "   ").split("\n")
    lower = {
        "both": "A lower level of care would not be adequate; when IOP days were reduced "
        "for one week the member had a crisis visit. Without IOP, rehospitalization is likely.",
        "symptoms": "Member is working toward step-down; plan to transition to weekly "
        "outpatient once medication is stable.",
        "stepdown": "Member is ready for step-down to routine outpatient; discharge planned "
        f"for {k.mdy(when + dt.timedelta(days=rng.choice((5, 7, 10))))}.",
    }[variant]
    if variant == "both":
        cs.add(StayEl.LESS_INTENSIVE_INSUFFICIENT)
    out += k.wrap(
        "2. Why can the member not be treated at a lower level of care?: " + lower, 90, "   "
    ).split("\n")
    out += ["", "3. Standardized measures (most recent first):"]
    scores: list[GoldScore] = []
    d2, d1 = when - dt.timedelta(days=rng.choice((1, 2, 3))), adm
    phq = (
        rng.randrange(5, 9) if variant == "stepdown" else rng.randrange(13, 21),
        rng.randrange(18, 25),
    )
    gad = (rng.randrange(4, 15), rng.randrange(12, 19))
    out.append("   Instrument   " + k.mdy(d2).ljust(14) + k.mdy(d1))
    out.append("   PHQ-9        " + str(phq[0]).ljust(14) + str(phq[1]))
    out.append("   GAD-7        " + str(gad[0]).ljust(14) + str(gad[1]))
    scores += [
        GoldScore("PHQ-9", phq[0], d2),
        GoldScore("PHQ-9", phq[1], d1),
        GoldScore("GAD-7", gad[0], d2),
        GoldScore("GAD-7", gad[1], d1),
    ]
    if rng.random() < 0.5:
        ac = rng.randrange(0, 6)
        out.append("   AUDIT-C      " + str(ac).ljust(14) + "not done")
        scores.append(GoldScore("AUDIT-C", ac, d2))
    out += [
        "",
        "4. Requested: "
        + (
            "continued IOP x 15 days"
            if variant != "stepdown"
            else "5 days to complete discharge plan"
        ),
        "",
        "FOR MCO USE: Reviewer ________  Decision ________",
    ]
    name = f"CSR_{when:%Y-%m-%d}.txt"
    gold = DocGold(
        file=name,
        kind="continued_stay_request",
        date=when,
        continued_stay=frozenset(cs),
        scores=tuple(scores),
    )
    return k.text_file(name, "\n".join(out)), gold


def _pa(
    rng: random.Random,
    mco: str,
    provider: str,
    member: tuple[str, str],
    mid: str,
    start: dt.date,
) -> tuple[DocFile, DocGold]:
    first, last = member
    req_end = start + dt.timedelta(days=29)
    decided = start - dt.timedelta(days=rng.choice((1, 2)))
    partial = rng.random() < 0.5
    end = start + dt.timedelta(days=20) if partial else req_end
    units_r, units_a = 20, (14 if partial else 20)
    sd = rng.choice((k.mdy_short, k.mdy))
    form = rng.randrange(2)
    out = [
        mco,
        "PRIOR AUTHORIZATION DETERMINATION",
        "",
        f"Determination date: {k.mdy(decided)}",
        f"Member: {last}, {first}  ({mid})",
        f"Requesting provider: {provider}",
        f"Case #: PA-{rng.randrange(10**6, 10**7)}",
        "",
    ]
    if form == 0:
        out += [
            "Ln | Service            | Code  | Requested             | Approved              "
            "| Units req | Units appr | Decision",
            f"1  | MH IOP per diem    | S9480 | {sd(start)} - {sd(req_end)} | "
            f"{sd(start)} - {sd(end)} | {units_r}        | {units_a}         | "
            + ("PARTIAL" if partial else "APPROVED"),
        ]
    else:
        out += [
            "Decision: " + ("PARTIALLY APPROVED" if partial else "APPROVED"),
            f"Authorization period - begin: {k.mdy(start)}   end: {k.mdy(end)}",
            f"Units requested: {units_r}    Units approved: {units_a}",
        ]
    if partial:
        out += [
            "",
            k.wrap(
                "Reason for partial approval: medical necessity established for the approved "
                "dates; a concurrent review with updated clinical information is required "
                "for additional days.",
                90,
            ),
        ]
    out += ["", "Appeal rights enclosed. This is not a guarantee of payment."]
    name = "PA_Determination.txt"
    gold = DocGold(file=name, kind="authorization", date=decided, authorization=(start, end))
    return k.text_file(name, "\n".join(out)), gold


def _log(
    rng: random.Random,
    member: tuple[str, str],
    first_day: dt.date,
    staff: list[k.Clin],
) -> tuple[DocFile, DocGold]:
    rows = ["Member,Date,Service,Start,End,Attendance,Participation,Staff"]
    part: list[GoldParticipation] = []
    days = [first_day + dt.timedelta(days=i) for i in (0, 2, 3, 7, 9, 10)]
    bad = rng.randrange(1, 4)
    bad_kind = rng.choice(("refused_present", "refused_absent", "tolerate", "unable"))
    mname = f"{member[1]} {member[0][0]}."
    for i, d in enumerate(days):
        s = rng.choice(staff)
        service = rng.choice(
            ("Group psychotherapy", "Psychoeducation group", "Group psychotherapy")
        )
        start, end = "09:00", "12:00"
        if i == bad:
            if bad_kind == "refused_present":
                att, p = "Present", "Refused to participate - sat out of circle"
                part.append(GoldParticipation(Part.REFUSES, d))
            elif bad_kind == "refused_absent":
                att, p = "Refused", "Refused group - did not attend; stayed in car"
                part.append(GoldParticipation(Part.REFUSES, d))
            elif bad_kind == "tolerate":
                att, p = "Present", "Left 10:05 - could not tolerate group intensity"
                end = "10:05"
                part.append(GoldParticipation(Part.CANNOT_TOLERATE, d))
            else:
                att, p = "Present", "Unable to participate - acutely intoxicated; sent home"
                part.append(GoldParticipation(Part.CANNOT_PARTICIPATE, d))
        elif i == bad + 1 and rng.random() < 0.4:
            att, p = "No-show", ""
        else:
            att = "Present"
            p = rng.choice(("Active", "Active", "Minimal", "Engaged, shared in group"))
            part.append(GoldParticipation(Part.PARTICIPATES, d))
        rows.append(f'"{mname}",{k.mdy(d)},{service},{start},{end},{att},"{p}","{s.with_cred()}"')
    # the latest entry is always a participation
    if part[-1].date != days[-1]:
        d = days[-1] + dt.timedelta(days=1)
        rows.append(
            f'"{mname}",{k.mdy(d)},Group psychotherapy,09:00,12:00,Present,"Active",'
            f'"{staff[0].with_cred()}"'
        )
        part.append(GoldParticipation(Part.PARTICIPATES, d))
    name = "Attendance_Participation_Log.csv"
    gold = DocGold(file=name, kind="progress_note", participation=tuple(part))
    return k.text_file(name, "\n".join(rows)), gold


def _cover(mco: str, provider: str, member: tuple[str, str], mid: str, adm: dt.date) -> DocFile:
    out = [
        f"{provider} - MEMBER RECORD COVER SHEET",
        "",
        f"Member: {member[1]}, {member[0]}    Medicaid ID: {mid}",
        f"Health plan: {mco}",
        f"IOP admission: {k.mdy(adm)}",
        "Contents: CON forms, PA determination, continued stay review, attendance log",
    ]
    return k.text_file("Record_Cover_Sheet.txt", "\n".join(out))


def render(rng: random.Random) -> DocChart:
    names = k.Names(rng)
    member = names.person()
    tmpl = rng.choice(TEMPLATES)
    mco = rng.choice(MCOS)
    provider = rng.choice(PROVIDERS)
    mid = f"{rng.randrange(10**9, 10**10)}"
    adm = k.weekday_on_or_after(k.start_date(rng), 0)
    dob = dt.date(rng.randrange(1960, 2005), rng.randrange(1, 13), rng.randrange(1, 28))
    certifier = k.clin(names, ("PMHNP-BC", "APRN", "PA-C", "MD", "DO", "NP-C"))
    supervisor = k.clin(names, ("MD", "DO", "M.D."))
    staff = [k.clin(names, ("LCSW", "LMHC", "LPC", "LMFT")) for _ in range(2)]
    dx = rng.choice(DX)
    auth_start = adm
    recert_date = adm + dt.timedelta(days=rng.randrange(52, 60))
    csr_date = adm + dt.timedelta(days=rng.randrange(16, 24))
    files: list[DocFile] = [_cover(mco, provider, member, mid, adm)]
    golds: list[DocGold] = []
    pa_file, pa_gold = _pa(rng, mco, provider, member, mid, auth_start)
    assert pa_gold.authorization is not None
    auth = (auth_start, pa_gold.authorization[1] or auth_start)
    for f, g in (
        _con(
            rng,
            tmpl,
            provider,
            member,
            mid,
            dob,
            adm,
            False,
            certifier,
            supervisor,
            dx,
            adm + dt.timedelta(days=2),
        ),
        (pa_file, pa_gold),
        _log(rng, member, adm, staff),
        _csr(rng, mco, provider, member, mid, csr_date, auth, adm, staff[0], dx),
        _con(
            rng,
            tmpl,
            provider,
            member,
            mid,
            dob,
            recert_date,
            True,
            certifier,
            supervisor,
            dx,
            recert_date - dt.timedelta(days=3),
        ),
    ):
        files.append(f)
        golds.append(g)
    return DocChart(tuple(files), tuple(golds))


FAMILY = DocFamily(
    name="dh-medicaid-mco-forms",
    split="heldout",
    description=(
        "Adult MH IOP under a Medicaid MCO documented on fill-in forms: state certification "
        "of need (initial and recertification) with checkbox statements, continued-stay "
        "review form, PA determination with line-item table, attendance/participation CSV."
    ),
    conventions=(
        "checked vs unchecked certification statements; hours as a fill-in field",
        "N/A recertification section on an initial form (labels without content)",
        "NPP certifier with supervising-physician line signed, blank, or N/A for a physician",
        "member signature line signed or blank",
        "continued-stay review: symptoms and lower-level-of-care answers, incl. ready to step down",
        "measures table with two dated columns (PHQ-9, GAD-7, AUDIT-C 'not done')",
        "PA determination: requested vs approved dates, partial approval, begin/end",
        "participation column: active, minimal, refused, could not tolerate, intoxicated",
    ),
    render=render,
)
