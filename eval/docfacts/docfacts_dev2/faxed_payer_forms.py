"""dd-faxed-payer-forms: a payer's fill-in forms and notices as they come back through a fax
server and its text layer: every page led by a fax transmission header (its own date and
time, which is not the document's date), check boxes printed as ``[X]`` / ``[ ]``,
``(X)`` / ``( )`` or ``|X|`` / ``|_|``, two-digit years and ``05JAN2026`` dates. An
authorization notice (a table row, "visits for dates of service", "days approved ...
length of stay approved through", a partial approval, "on or after ... on or before"), the
payer's physician certification form (initial or recertification) with unchecked items
and signature fields, and the payer's continued-stay review form filled in by the
provider with a check-box risk section and participation boxes and comments."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from core.facts import CertificationElement, ContinuedStayElement, ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
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
    wrap,
)
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldParticipation,
    GoldRisk,
    GoldSigner,
)

PAYERS = (
    ("PRAIRIE STATE HEALTH PLAN", "Behavioral Health UM", "8555550147"),
    ("GREAT LAKES MEDICARE ADVANTAGE", "BH Clinical Review Unit", "8775550163"),
    ("SOUTHWEST COMMUNITY CARE (Medicaid)", "Care Management - Behavioral Health", "8665550121"),
)
PROVIDERS = (
    ("Cedar Ridge Behavioral Health IOP", "5055550188"),
    ("New Horizons Counseling Associates", "3175550190"),
    ("Bayfront Psychiatric Partners", "7275550176"),
)
BOXES = (("[X]", "[ ]"), ("(X)", "( )"), ("|X|", "|_|"))


def d2(day: dt.date) -> str:
    """1/5/26."""
    return f"{day.month}/{day.day}/{day:%y}"


def dmy(day: dt.date) -> str:
    """05JAN2026."""
    return day.strftime("%d%b%Y").upper()


def dash(day: dt.date) -> str:
    """01-05-2026."""
    return day.strftime("%m-%d-%Y")


def fax_line(
    day: dt.date, hour: int, minute: int, sender: str, number: str, page: int, of: int
) -> str:
    return (
        f"{day.strftime('%b-%d-%Y').upper()} {hour:02d}:{minute:02d}  FROM:{sender[:22]:<22}  "
        f"{number}  P.{page:03d}/{of:03d}"
    )


def _pages(
    day: dt.date, rng: random.Random, sender: str, number: str, pages: list[list[str]]
) -> str:
    hour, minute = rng.randrange(8, 18), rng.randrange(60)
    out: list[str] = []
    for i, page in enumerate(pages, start=1):
        if i > 1:
            out.append("\f")
        out.append(fax_line(day, hour, minute, sender, number, i, len(pages)))
        out.append("")
        out += page
    return "\n".join(out)


# --------------------------------------------------------------------------- authorization


def _period(
    rng: random.Random, start: dt.date, end: dt.date
) -> tuple[list[str], tuple[dt.date, dt.date]]:
    units = (end - start).days // 7 * 4 + pick(rng, (0, 2))
    variant = rng.randrange(5)
    if variant == 0:
        ref = f"A{start:%y%m}-{rng.randrange(1000, 9999)}"
        return (
            [
                "AUTH NO.      SVC CODE   FROM       TO         UNITS   STATUS",
                f"{ref:<14}S9480      {d2(start):<11}{d2(end):<11}{units:<8}APPROVED",
            ],
            (start, end),
        )
    if variant == 1:
        return (
            para(
                f"Approved {units} visits of intensive outpatient treatment for dates of service "
                f"{dash(start)} - {dash(end)}.",
                86,
            ).split("\n"),
            (start, end),
        )
    if variant == 2:
        return (
            [
                f"Number of days approved: {units}",
                f"Start date: {dmy(start)}",
                f"Length of stay approved through: {dmy(end)}",
            ],
            (start, end),
        )
    if variant == 3:
        asked = plus(end, pick(rng, (7, 10, 14)))
        return (
            [
                f"Dates requested:  {d2(start)} through {d2(asked)}",
                "Decision:         PARTIALLY APPROVED",
                f"Approved:         {d2(start)} through {d2(end)}",
                f"Not approved:     {d2(plus(end, 1))} through {d2(asked)} (see rationale)",
            ],
            (start, end),
        )
    return (
        para(
            f"This authorization is valid for dates of service on or after {fmt(start, 'long')} "
            f"and on or before {fmt(end, 'long')}, up to {units} units.",
            86,
        ).split("\n"),
        (start, end),
    )


def _auth_notice(
    rng: random.Random,
    payer: tuple[str, str, str],
    prov: tuple[str, str],
    m: Member,
    member_id: str,
    start: dt.date,
    end: dt.date,
    notice: dt.date,
    reviewer: Who,
) -> tuple[DocFile, DocGold]:
    period, auth = _period(rng, start, end)
    label = pick(rng, ("Notice Date", "Date of Notice", "Decision Date"))
    page1 = [
        f"{payer[0]}",
        f"{payer[1]}",
        "",
        f"{label}: {fmt(notice)}",
        "",
        f"TO: {prov[0]}   FAX: {prov[1]}",
        f"RE: {m.who.last.upper()}, {m.who.first.upper()}   DOB {d2(m.dob)}   ID# {member_id}",
        "LEVEL OF CARE: MENTAL HEALTH INTENSIVE OUTPATIENT (IOP)",
        "",
        "AUTHORIZATION DETERMINATION",
        "",
        *period,
        "",
        *para(
            "Services outside these dates or above these units are not covered without a new "
            "request. Submit concurrent review clinicals no later than 3 business days before "
            "the last covered day.",
            86,
        ).split("\n"),
    ]
    page2 = [
        "Reviewer:",
        f"{reviewer.signed}",
        f"{payer[1]}",
        "",
        "lf you have questions about this notice call the number on the back of the member",
        "ID card. TTY 711.",
    ]
    fax_day = plus(notice, pick(rng, (0, 0, 1)))
    text = _pages(fax_day, rng, payer[0], payer[2], [page1, page2])
    doc = txt(f"FAX_{fax_day:%Y%m%d}_{payer[2][-4:]}_auth_notice.txt", text)
    return doc, DocGold(file=doc.name, kind="authorization", date=notice, authorization=auth)


# --------------------------------------------------------------------------- certification

NEED = {
    "mdd": "Worsening depression x 4 wks, not eating, missing work, failed weekly OP",
    "gad": "Daily panic sx, unable to work or drive, 2 ED visits this month",
    "ptsd": "Acute PTSD exacerbation after assault - nightmares, dissociation at work",
    "bipolar": "Post-discharge from inpatient, mixed sx, needs step-down structure",
    "panic": "Panic attacks several per day, housebound, ED visits x2",
}
SYMPTOMS = {
    "mdd": "Depressed mood most days, anhedonia, poor sleep",
    "gad": "Daily worry with panic 2-3x/wk, avoidance of work",
    "ptsd": "Nightmares 4-5x/wk, hypervigilance, avoidance",
    "bipolar": "Residual depressive sx, irregular sleep",
    "panic": "Panic 3-4x/wk, cannot shop alone",
}


def _signature(
    rng: random.Random, people: People, day: dt.date
) -> tuple[list[str], tuple[GoldSigner, ...]]:
    variant = rng.randrange(3)
    if variant == 0:
        md = people.person(pick(rng, ("MD", "DO")))
        return (
            [
                f"Physician Signature: /s/ {md.full}                 Date: {d2(day)}",
                f"Printed Name: {md.signed}       NPI: {1000000000 + day.toordinal() * 7}",
            ],
            (md.gold(),),
        )
    if variant == 1:
        np_ = people.person(pick(rng, ("PMHNP", "NP")))
        return (
            [
                f"Completed by: {np_.signed}   Signature: /s/ {np_.full}   Date: {d2(day)}",
                "Attending Physician Signature: ______________________   Date: __________",
            ],
            (np_.gold(), GoldSigner("Attending Physician", None, signed=False)),
        )
    md = people.person("MD")
    lcsw = people.person("LCSW")
    return (
        [
            f"Clinician completing form: {lcsw.signed}  /s/  {d2(day)}",
            f"Physician Signature: /s/ {md.full}, {md.cred}   Date: {d2(day)}",
        ],
        (lcsw.gold(), md.gold()),
    )


def _cert_form(
    rng: random.Random,
    people: People,
    payer: tuple[str, str, str],
    prov: tuple[str, str],
    m: Member,
    member_id: str,
    dx: Dx,
    adm: dt.date,
    day: dt.date,
    recert: bool,
    as_pdf: bool,
) -> tuple[DocFile, DocGold]:
    on, off = BOXES[0] if as_pdf else pick(rng, BOXES)
    elements = {CertificationElement.DIAGNOSIS}
    items: list[str] = []
    hours: float | None = None
    n = 1

    def item(checked: bool, text: str, answer: str | None = None) -> None:
        nonlocal n
        box = on if checked else off
        items.extend(wrap(f"{box} {n}. {text}", 88, indent="        "))
        if answer is not None:
            items.extend(wrap(answer, 84, first="        ", indent="        "))
        n += 1

    if not recert or chance(rng, 0.8):
        hours = 9.0
        elements.add(CertificationElement.MIN_HOURS)
        item(True, "The member requires IOP services of at least nine (9) hours per week.")
    else:
        item(False, "The member requires IOP services of at least nine (9) hours per week.")
    item(True, f"Diagnosis (ICD-10): {dx.code} {dx.name}")
    if recert:
        elements |= {
            CertificationElement.RESPONSE_TO_TREATMENT,
            CertificationElement.CONTINUING_SYMPTOMS,
            CertificationElement.CLINICAL_NEED,
        }
        item(
            True,
            "Response to treatment since last certification:",
            pick(rng, ("Partial - attending, mood slightly better, still not working",
                       "Minimal improvement, PHQ-9 down 3 pts, sleep still poor",
                       "Some gains in coping skills; sx persist")),
        )  # fmt: skip
        item(True, "Symptoms that continue to require intensive treatment:", SYMPTOMS[dx.key])
        item(
            True,
            "Clinical need for continued IOP (describe):",
            pick(rng, ("Still needs IOP structure - decompensated at last step-down",
                       "Cannot yet manage sx with weekly OP; continue IOP")),
        )  # fmt: skip
        if chance(rng, 0.6):
            elements.add(CertificationElement.DISCHARGE_GOALS)
            item(
                True,
                "Treatment goals / discharge criteria:",
                pick(rng, ("PHQ-9 < 10, back to work PT, then weekly OP",
                           "Panic < 1x/wk, drives self to appts; step down to OP")),
            )  # fmt: skip
        else:
            item(False, "Treatment goals / discharge criteria:")
    else:
        elements.add(CertificationElement.CLINICAL_NEED)
        item(True, "Clinical need for IOP (describe):", NEED[dx.key])
    if chance(rng, 0.5):
        elements.add(CertificationElement.PLAN_OF_CARE)
        item(True, "Services are furnished under an individualized written plan of care.")
    else:
        item(False, "Services are furnished under an individualized written plan of care.")
    sig, signers = _signature(rng, people, day)
    kind_line = (
        f"Type:  {off} Initial certification   {on} Recertification"
        if recert
        else f"Type:  {on} Initial certification   {off} Recertification"
    )
    page = [
        f"{payer[0]} - PHYSICIAN CERTIFICATION FOR INTENSIVE OUTPATIENT SERVICES",
        "Form BH-IOP-07 (rev. 2024)",
        "",
        f"Member name: {m.who.full}      Member ID: {member_id}     DOB: {d2(m.dob)}",
        f"Provider: {prov[0]}      Admit date: {d2(adm)}",
        kind_line,
        "",
        "SECTION B - CERTIFICATION (check each item that applies)",
        *items,
        "",
        "SECTION C - SIGNATURE",
        *sig,
        "",
        "Return completed form by fax to UM. Incomplete forms will be returned.",
    ]
    fax_day = plus(day, pick(rng, (0, 1, 2)))
    hour, minute = rng.randrange(8, 18), rng.randrange(60)
    top = fax_line(fax_day, hour, minute, prov[0], prov[1], 1, 1)
    name = f"FAX_{fax_day:%Y%m%d}_{'recert' if recert else 'cert'}_form"
    if as_pdf:
        doc = pdf(f"{name}.pdf", "\n".join([top, "", *page]))
    else:
        doc = txt(f"{name}.txt", "\n".join([top, "", *page]))
    return doc, DocGold(
        file=doc.name,
        kind="recertification" if recert else "certification",
        date=day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        continued_stay=(frozenset({ContinuedStayElement.CONTINUING_SYMPTOMS}) if recert else None),
    )


# --------------------------------------------------------------------------- continued stay


def _review_form(
    rng: random.Random,
    people: People,
    payer: tuple[str, str, str],
    prov: tuple[str, str],
    m: Member,
    member_id: str,
    dx: Dx,
    adm: dt.date,
    auth_end: dt.date,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    on, off = pick(rng, BOXES)
    clin = people.person(pick(rng, ("LPC", "LCSW", "LMFT")))

    def boxes(options: list[str], chosen: int | None) -> str:
        return "  ".join(f"{on if i == chosen else off} {o}" for i, o in enumerate(options))

    variant = rng.randrange(3)
    si = ["None", "Passive", "Active w/o plan", "Active w/ plan/intent"]
    lvl = ["Low", "Moderate", "High"]
    if variant == 0:
        risk_lines = [
            f"   Suicidal ideation:  {boxes(si, 0)}",
            f"   Homicidal ideation: {boxes(['None', 'Present'], 0)}",
            f"   Current risk level: {boxes(lvl, 0)}",
            f"   Member requires 24-hour supervision?  {boxes(['Yes', 'No'], 1)}",
        ]
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
    elif variant == 1:
        risk_lines = [
            f"   Suicidal ideation:  {boxes(si, 1)}",
            f"   Homicidal ideation: {boxes(['None', 'Present'], 0)}",
            f"   Current risk level: {boxes(lvl, 0)}",
            "   Comments: passive death wish, no plan or intent, safety plan on file",
        ]
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=None)
    else:
        risk_lines = [
            f"   Suicidal ideation:  {boxes(si, 2)}",
            f"   Homicidal ideation: {boxes(['None', 'Present'], 0)}",
            f"   Current risk level: {boxes(lvl, 1)}",
            f"   Member requires 24-hour supervision?  {boxes(['Yes', 'No'], None)}",
        ]
        risk = GoldRisk(imminent_danger=None, needs_24h_supervision=None)

    part_opts = ["Attends and actively participates", "Attends, minimal participation",
                 "Refuses / non-adherent"]  # fmt: skip
    early = plus(adm, rng.randrange(3, 10))
    later = plus(early, rng.randrange(2, 6))
    parts: list[GoldParticipation]
    if chance(rng, 0.6):
        comment = pick(
            rng,
            (
                f"Refused to attend group on {d2(early)} citing family conflict; back in group "
                f"and participating since {d2(later)}.",
                f"Could not tolerate the full 3-hr day on {d2(early)} (panic, left early); "
                f"with a break plan has participated fully since {d2(later)}.",
            ),
        )
        first = (
            ParticipationStatus.REFUSES
            if comment.startswith("Refused")
            else ParticipationStatus.CANNOT_TOLERATE
        )
        part_line = f"   {boxes(part_opts, 0)}"
        parts = [
            GoldParticipation(first, early),
            GoldParticipation(ParticipationStatus.PARTICIPATES, later),
            # the checked box: the current state, with no date but the form's own
            GoldParticipation(ParticipationStatus.PARTICIPATES),
        ]
    else:
        comment = (
            f"Has declined all groups since {d2(later)} and says {m.she} wants to stop "
            "treatment. Outreach ongoing."
        )
        part_line = f"   {boxes(part_opts, 2)}"
        parts = [
            GoldParticipation(ParticipationStatus.REFUSES, later),
            GoldParticipation(ParticipationStatus.REFUSES),
        ]
    stay = {ContinuedStayElement.CONTINUING_SYMPTOMS}
    if chance(rng, 0.6):
        stay.add(ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT)
        why = pick(
            rng,
            (
                "Stepped down to OP in 2024 and was hospitalized within 3 wks; OP alone will "
                "not prevent relapse now.",
                "Lower level of care would not prevent readmission - needs daily structure.",
            ),
        )
    else:
        why = "N/A - discharge to OP planned at end of this auth"
    req_start = plus(auth_end, 1)
    req_end = plus(req_start, 13)
    label = pick(rng, ("Date completed", "Date of request", "Form date"))
    page = [
        f"{payer[0]} - CONTINUED STAY REVIEW: MH INTENSIVE OUTPATIENT",
        "",
        f"{label}: {dash(day)}          Current auth ends: {d2(auth_end)}",
        f"Member: {m.who.full}   ID: {member_id}   Admit: {d2(adm)}",
        f"Dx: {dx.code}",
        "",
        "4. RISK ASSESSMENT",
        *risk_lines,
        "",
        "5. TREATMENT PARTICIPATION",
        part_line,
        *wrap(f"Comments: {comment}", 86, indent="   ", first="   "),
        "",
        "6. CONTINUED STAY",
        *wrap(f"Symptoms requiring continued IOP: {SYMPTOMS[dx.key]}", 86, indent="   ",
              first="   "),
        *wrap(f"Why can't member step down to a lower level of care? {why}", 86, indent="   ",
              first="   "),
        "",
        f"7. REQUEST: 10 additional days   From {d2(req_start)}   To {d2(req_end)}",
        "",
        f"Submitted by: {clin.signed}   Phone: {prov[1]}",
    ]  # fmt: skip
    fax_day = plus(day, pick(rng, (0, 1)))
    text = _pages(fax_day, rng, prov[0], prov[1], [page])
    doc = txt(f"FAX_{fax_day:%Y%m%d}_continued_stay_review.txt", text)
    return doc, DocGold(
        file=doc.name,
        kind="continued_stay_request",
        date=day,
        risk=risk,
        continued_stay=frozenset(stay),
        participation=tuple(parts),
    )


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    payer = pick(rng, PAYERS)
    prov = pick(rng, PROVIDERS)
    m = member(people)
    dx = pick(rng, MH_DX)
    adm = admission(rng)
    member_id = f"{rng.randrange(100, 999)}{rng.randrange(100000, 999999)}"
    reviewer = people.person(pick(rng, ("RN", "LCSW")))
    cert_day = plus(adm, rng.randrange(0, 3))
    auth_end = plus(adm, pick(rng, (20, 27, 29)))
    notice = plus(adm, pick(rng, (-3, -2, 1, 2)))
    auth, auth_gold = _auth_notice(rng, payer, prov, m, member_id, adm, auth_end, notice, reviewer)
    cert, cert_gold = _cert_form(
        rng, people, payer, prov, m, member_id, dx, adm, cert_day, False, chance(rng, 0.4)
    )
    review_day = plus(auth_end, -rng.randrange(3, 7))
    review, review_gold = _review_form(
        rng, people, payer, prov, m, member_id, dx, adm, auth_end, review_day
    )
    ext_start = plus(auth_end, 1)
    ext_end = plus(ext_start, pick(rng, (9, 13, 20)))
    ext, ext_gold = _auth_notice(
        rng, payer, prov, m, member_id, ext_start, ext_end, plus(review_day, 2), reviewer
    )
    recert_day = plus(cert_day, rng.randrange(52, 60))
    recert, recert_gold = _cert_form(
        rng, people, payer, prov, m, member_id, dx, adm, recert_day, True, chance(rng, 0.4)
    )
    files = (auth, cert, review, ext, recert)
    if len({f.name for f in files}) != len(files):  # two faxes the same day
        ext = DocFile(ext.name.replace(".txt", "_2.txt"), ext.data)
        ext_gold = dataclasses.replace(ext_gold, file=ext.name)
        files = (auth, cert, review, ext, recert)
    return DocChart(files=files, gold=(auth_gold, cert_gold, review_gold, ext_gold, recert_gold))


FAMILY = DocFamily(
    name="dd-faxed-payer-forms",
    split="dev",
    description=(
        "A payer's fill-in forms and notices through a fax server's text layer: fax headers "
        "on every page, check boxes as [X] / (X) / |X|, two-digit years and 05JAN2026 "
        "dates; authorization notices, physician (re)certification forms, a continued-stay "
        "review form with check-box risk and participation."
    ),
    conventions=(
        "fax transmission header dates that are not the document's date",
        "AUTH NO. / FROM / TO table row; visits for dates of service a - b",
        "days approved + start date + length of stay approved through",
        "partially approved: requested vs approved vs not approved dates",
        "valid for dates of service on or after ... and on or before ...",
        "unchecked certification items (9 hours, plan of care, discharge goals)",
        "/s/ physician with printed name and NPI; NP with blank Attending Physician line",
        "check-box SI / risk level / 24-hour supervision (one left unchecked)",
        "participation boxes with dated comments: refused or could not tolerate, then back",
    ),
    render=render,
    tags=("payer", "fax", "ocr", "checkbox", "txt", "pdf"),
)
