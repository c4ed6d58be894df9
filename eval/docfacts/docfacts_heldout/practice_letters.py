"""dh-practice-scanned-letters: a small private psychiatric practice whose documents
reach the chart as scanned, OCR'd PDFs: a certification letter and a recertification
letter in prose ("To Whom It May Concern"), a payer's faxed authorization confirmation,
and a one-page suicide risk assessment. Fax banners, received stamps, OCR slips in the
boilerplate, signatures typed as "Dr. X" with no credential or as name + degree."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import CertificationElement as CertEl
from core.facts import ContinuedStayElement as StayEl
from eval.docfacts.docfacts_heldout import _kit as k
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldRisk,
    GoldScore,
    GoldSigner,
)

PRACTICES = (
    ("LAKESHORE PSYCHIATRIC ASSOCIATES, PLLC", "1200 Harbor Blvd, Suite 3", "(555) 014-7720"),
    ("Brightwater Behavioral Medicine", "88 Orchard Lane, 2nd Floor", "(555) 019-3301"),
    ("Cedar & Pine Psychiatry Group", "410 N. Main Street", "(555) 016-2284"),
)
PAYERS = ("Meridian Behavioral Health Solutions", "TriState Health Plan", "Alliance BH Partners")
DX = (
    ("F33.2", "major depressive disorder, recurrent, severe", 0),
    ("F31.32", "bipolar I disorder, current episode depressed, moderate", 1),
    ("F43.12", "posttraumatic stress disorder, chronic", 2),
    ("F50.2", "bulimia nervosa", 3),
)

OCR_SWAPS = (("the ", "tbe "), ("with ", "witb "), ("in ", "ln "), ("m", "rn"), ("l", "1"))


def _ocr(rng: random.Random, line: str, rate: float = 0.25) -> str:
    """Boilerplate as a scanner reads it: one OCR slip now and then."""
    if rng.random() > rate:
        return line
    a, b = rng.choice(OCR_SWAPS)
    i = line.find(a)
    if i < 0:
        return line
    return line[:i] + b + line[i + len(a) :]


def _fax_banner(rng: random.Random, when: dt.date, sender: str, page: int, pages: int) -> str:
    return (
        f"{when:%m/%d/%Y} {rng.randrange(8, 17):02d}:{rng.randrange(60):02d} FAX "
        f"{sender[:24].upper()}  P.{page:03d}/{pages:03d}"
    )


def _sig_block(rng: random.Random, doc: k.Clin) -> tuple[list[str], GoldSigner]:
    style = rng.randrange(3)
    if style == 0:
        return (
            ["", "   [signature]", f"Dr. {doc.last}", "Attending Psychiatrist"],
            GoldSigner(f"Dr. {doc.last}", None),
        )
    if style == 1:
        return (["", "   /s/ (signature illegible)", doc.with_cred(), "Psychiatrist"], doc.signer())
    return (["", "   [signature]", doc.with_cred(), "Medical Director"], doc.signer())


def _letterhead(prac: tuple[str, str, str]) -> list[str]:
    return [prac[0], prac[1], f"Tel {prac[2]}   Fax {prac[2][:-4]}0000", ""]


def _cert_letter(
    rng: random.Random,
    prac: tuple[str, str, str],
    member: tuple[str, str],
    sex: str,
    dob: dt.date,
    when: dt.date,
    doc: k.Clin,
    dx: tuple[str, str, int],
) -> tuple[DocFile, DocGold]:
    first, last = member
    title, she, her = ("Ms.", "she", "her") if sex == "F" else ("Mr.", "he", "his")
    elements: set[CertEl] = {CertEl.CLINICAL_NEED}
    hours: float | None = None
    body: list[str] = [
        *_letterhead(prac),
        k.long_date(when),
        "",
        "To Whom It May Concern:",
        "",
        f"RE: {first} {last}   DOB {k.mdy(dob)}",
        "    Certification of need for Intensive Outpatient Program (IOP) services",
        "",
    ]
    p1 = (
        f"I evaluated {title} {last} in my office on {k.long_date(when)}. "
        f"{she.capitalize()} has been under my care since "
        f"{when.year - rng.randrange(1, 4)}. "
    )
    if rng.random() < 0.9:
        elements.add(CertEl.DIAGNOSIS)
        p1 += f"{she.capitalize()} meets criteria for {dx[1]} ({dx[0]}). "
    p1 += (
        (
            f"Over the past month {she} has had a marked worsening of symptoms with daily "
            f"crying spells, hopelessness and thoughts of death, and {she} has been unable "
            f"to work since {k.mdy(when - dt.timedelta(days=24))}. {her.capitalize()} "
            "symptoms now severely interfere with work, parenting and self-care.",
            f"Since a medication change {she} has decompensated, with sleeplessness, "
            "agitation and withdrawal from family and friends, and has stopped attending "
            "classes. The current presentation is acute and requires close monitoring.",
            f"{she.capitalize()} reports binge/purge episodes up to 3 times daily, "
            "dizziness and social isolation; functioning at work and at home has "
            "broken down.",
        )
    )[(0, 1, 1, 2)[dx[2]]]
    body += [*k.wrap(p1, 86).split("\n"), ""]
    hform = rng.randrange(5)
    p2 = ""
    if hform < 4:
        hours = 9.0 if hform != 3 else 10.0
        elements.add(CertEl.MIN_HOURS)
        p2 = (
            f"In my medical opinion {title} {last} requires an intensive outpatient program "
            "of at least nine (9) hours of treatment per week. ",
            f"{she.capitalize()} needs a minimum of 9 hours of intensive outpatient services "
            "each week. ",
            f"I am certifying that {she} requires 9 or more hours per week of structured "
            "IOP treatment. ",
            f"{she.capitalize()} requires at least ten hours per week of intensive "
            "outpatient care. ",
        )[hform]
    else:
        p2 = f"I am referring {her} to your intensive outpatient program. "
    if rng.random() < 0.4:
        elements.add(CertEl.HIGHER_INTENSITY)
        p2 += (
            f"Weekly outpatient psychotherapy and medication visits with me have not been "
            f"enough; {she} needs a more intensive level of care than routine outpatient "
            "treatment. "
        )
    body += [*k.wrap(p2.strip(), 86).split("\n"), ""]
    if rng.random() < 0.5:
        elements.add(CertEl.PLAN_OF_CARE)
        body += [
            *k.wrap(
                "The plan of care is group psychotherapy, individual therapy and medication "
                f"management in the program, with {her} outpatient medications continued and "
                "adjusted by me in coordination with the program psychiatrist.",
                86,
            ).split("\n"),
            "",
        ]
    if rng.random() < 0.3:
        elements.add(CertEl.DISCHARGE_GOALS)
        body += [
            *k.wrap(
                f"The goal for discharge is for {her} to return to work and resume weekly "
                "outpatient care with me once symptoms are in the mild range.",
                86,
            ).split("\n"),
            "",
        ]
    closing = [
        _ocr(rng, "Please do not hesitate to contact the office with any questions regarding"),
        _ocr(rng, "this patient's care."),
        "",
        "Sincerely,",
    ]
    sig, signer = _sig_block(rng, doc)
    body += closing + sig
    pages = 1
    name = "Scan_0001_IOP_certification_letter.pdf"
    recv = when + dt.timedelta(days=rng.choice((1, 2, 3)))
    f = k.pdf_file(
        name,
        [
            _fax_banner(rng, recv, prac[0], 1, pages),
            "",
            *body,
            "",
            f"RECEIVED  {recv:%b %d %Y}".upper(),
        ],
        footer="Scanned by DocuCapture 4.2 - image quality: fair",
    )
    gold = DocGold(
        file=name,
        kind="certification",
        date=when,
        signers=(signer,),
        certification_elements=frozenset(elements),
        hours_per_week=hours,
    )
    return f, gold


def _recert_letter(
    rng: random.Random,
    prac: tuple[str, str, str],
    member: tuple[str, str],
    sex: str,
    dob: dt.date,
    when: dt.date,
    adm: dt.date,
    doc: k.Clin,
    therapist: k.Clin,
    dx: tuple[str, str, int],
) -> tuple[DocFile, DocGold]:
    first, last = member
    title, she, her = ("Ms.", "she", "her") if sex == "F" else ("Mr.", "he", "his")
    elements: set[CertEl] = {CertEl.CLINICAL_NEED, CertEl.CONTINUING_SYMPTOMS}
    cs: set[StayEl] = {StayEl.CONTINUING_SYMPTOMS}
    scores: list[GoldScore] = []
    hours: float | None = None
    body = [
        *_letterhead(prac),
        k.long_date(when),
        "",
        f"RE: {first} {last} (DOB {k.mdy(dob)}) - IOP RECERTIFICATION",
        f"    Admitted to IOP {k.mdy(adm)}",
        "",
        "To the IOP treatment team and utilization reviewer:",
        "",
    ]
    paras: list[str] = []
    if rng.random() < 0.8:
        elements.add(CertEl.DIAGNOSIS)
        paras.append(f"{title} {last} continues in treatment for {dx[1]}, {dx[0]}.")
    if rng.random() < 0.85:
        elements.add(CertEl.RESPONSE_TO_TREATMENT)
        if rng.random() < 0.5:
            a, b = rng.randrange(17, 24), rng.randrange(10, 16)
            d0 = adm + dt.timedelta(days=rng.choice((0, 1)))
            paras.append(
                f"{she.capitalize()} has responded partially to the program: {her} PHQ-9 "
                f"was {a} on {k.mdy(d0)} and {b} when repeated on {k.mdy(when)}, and {she} "
                "now uses skills from group to interrupt rumination."
            )
            scores += [GoldScore("PHQ-9", a, d0), GoldScore("PHQ-9", b, when)]
        else:
            paras.append(
                f"Response so far: {she} attends reliably and reports some improvement in "
                "sleep and energy, but gains are inconsistent from week to week."
            )
    paras.append(
        (
            (
                f"However, {she} still has daily depressive symptoms, intermittent passive "
                f"suicidal thoughts without plan, and cannot yet manage {her} household "
                "without help. These symptoms continue to require intensive treatment.",
                f"{she.capitalize()} continues to have nightly nightmares, panic in crowded "
                "places and angry outbursts, which still require the intensity of the IOP.",
                f"Binge/purge behavior continues 4-5 times per week and {she} remains "
                "medically fragile; these symptoms continue to need IOP-level treatment.",
            )
        )[(0, 0, 1, 2)[dx[2]]]
    )
    if rng.random() < 0.6:
        cs.add(StayEl.LESS_INTENSIVE_INSUFFICIENT)
        elements.add(CertEl.HIGHER_INTENSITY)
        paras.append(
            rng.choice(
                (
                    f"If {she} were stepped down to weekly outpatient visits now, I believe "
                    f"{she} would relapse and likely need hospitalization.",
                    "A less intensive level of care would not be enough to prevent relapse "
                    "or readmission at this point.",
                )
            )
        )
    hform = rng.randrange(4)
    if hform < 3:
        hours = 9.0
        elements.add(CertEl.MIN_HOURS)
        paras.append(
            (
                f"I recertify that {she} requires a minimum of 9 hours per week of "
                "intensive outpatient services.",
                f"{she.capitalize()} continues to need at least nine hours a week of IOP "
                "treatment.",
                "The need for 9+ hours of IOP services per week continues.",
            )[hform]
        )
    else:
        paras.append(f"I recommend that {she} continue in the program.")
    if rng.random() < 0.7:
        elements.add(CertEl.DISCHARGE_GOALS)
        paras.append(
            "Goals for discharge: PHQ-9 under 10 for two weeks in a row, a return-to-work "
            "plan with the employer, and an outpatient therapy appointment scheduled before "
            "the last IOP day."
        )
    if rng.random() < 0.5:
        elements.add(CertEl.PLAN_OF_CARE)
        paras.append(
            "Plan: continue group and individual therapy in the program, family meeting "
            "this month, and medication adjustments with me every two weeks."
        )
    for p in paras:
        body += [*k.wrap(p, 86).split("\n"), ""]
    sig, signer = _sig_block(rng, doc)
    body += ["Sincerely,", *sig]
    signers = [signer]
    if rng.random() < 0.5:
        body += [
            "",
            "Co-signed (treating IOP therapist):",
            "   [signature]",
            f"{therapist.with_cred()}    {k.mdy(when)}",
        ]
        signers.append(therapist.signer())
    name = "Scan_0002_IOP_recertification.pdf"
    recv = when + dt.timedelta(days=1)
    f = k.pdf_file(
        name,
        [_fax_banner(rng, recv, prac[0], 1, 1), "", *body],
        footer="Scanned by DocuCapture 4.2 - image quality: fair",
    )
    gold = DocGold(
        file=name,
        kind="recertification",
        date=when,
        signers=tuple(signers),
        certification_elements=frozenset(elements),
        hours_per_week=hours,
        continued_stay=frozenset(cs),
        scores=tuple(scores),
    )
    return f, gold


def _auth_fax(
    rng: random.Random,
    payer: str,
    prac: tuple[str, str, str],
    member: tuple[str, str],
    mid: str,
    start: dt.date,
    end: dt.date,
) -> tuple[DocFile, DocGold]:
    first, last = member
    sent = start - dt.timedelta(days=rng.choice((1, 2, 4)))
    units = rng.choice((12, 20, 24))
    form = rng.randrange(4)
    lines = [
        _fax_banner(rng, sent, payer, 1, 1),
        "",
        payer.upper(),
        _ocr(rng, "Behavioral Health Utilization Management", 0.5),
        "",
        "AUTHORIZATION CONFIRMATION",
        "",
        f"Date : {k.mdy(sent)}",
        f"To : {prac[0]}",
        f"Member : {last.upper()}, {first.upper()}     ID : {mid}",
        f"Reference # : {rng.randrange(10**8, 10**9)}",
        "Level of care : Intensive Outpatient - Mental Health (rev code 0905)",
        "",
    ]
    if form == 0:
        lines += [
            f"Service From : {k.mdy(start)}        Through : {k.mdy(end)}",
            f"Units Authorized : {units}           Status : APPROVED",
        ]
    elif form == 1:
        lines += [
            f"Begin Date    {k.mdy(start)}",
            f"End Date      {k.mdy(end)}",
            f"Visits        {units} approved",
        ]
    elif form == 2:
        lines += k.wrap(
            f"The request has been approved. Authorized period: {k.mdy_loose(start)} to "
            f"{k.mdy_loose(end)}. Number of days approved: {units}.",
            86,
        ).split("\n")
    else:
        lines += k.wrap(
            f"IOP is authorized effective {k.mdy(start)}; the authorization expires "
            f"{k.mdy(end)} ({units} units).",
            86,
        ).split("\n")
    lines += [
        "",
        _ocr(rng, "This confirmation is not a guarantee of payment. Benefits are subject to", 0.5),
        _ocr(rng, "eligibility and plan provisions on the date of service.", 0.5),
        "",
        "Confidentiality notice: this facsimile contains protected health information.",
    ]
    name = "Payer_Auth_Fax.pdf"
    f = k.pdf_file(name, lines)
    gold = DocGold(file=name, kind="authorization", date=sent, authorization=(start, end))
    return f, gold


def _risk(
    rng: random.Random,
    prac: tuple[str, str, str],
    member: tuple[str, str],
    sex: str,
    when: dt.date,
    doc: k.Clin,
) -> tuple[DocFile, DocGold]:
    first, last = member
    she = "she" if sex == "F" else "he"
    variant = rng.choices(("low", "low24", "moderate", "high"), (3, 3, 2, 2))[0]
    phq = rng.randrange(12, 24)
    pcl = rng.randrange(30, 62)
    lines = [
        prac[0],
        "SUICIDE RISK ASSESSMENT (SAFE-T FORMAT)",
        "",
        f"Patient: {first} {last}      Date of assessment: {k.mdy(when)}",
        f"Clinician: {doc.with_cred()}",
        "",
        "1. RISK FACTORS",
    ]
    rf = ["current depressive episode", "recent job loss"]
    if rng.random() < 0.6:
        rf.append(
            f"history of suicide attempt ({when.year - rng.randrange(3, 12)}, "
            "overdose, medically admitted)"
        )
    if rng.random() < 0.5:
        rf.append("family history: brother died by suicide")
    lines += [f"   - {r}" for r in rf]
    lines += [
        "2. PROTECTIVE FACTORS",
        "   - " + rng.choice(("children at home", "religious faith", "engaged in treatment")),
        "3. SUICIDE INQUIRY",
    ]
    if variant in ("low", "low24"):
        inq = (
            "Denies current suicidal ideation, intent or plan. Last passive thoughts about 2 "
            "weeks ago. Denies homicidal ideation. No access to firearms."
        )
    elif variant == "moderate":
        inq = (
            "Endorses frequent thoughts of suicide with some intent to act but no specific "
            f"plan yet; {she} is ambivalent. Denies HI."
        )
    else:
        inq = (
            f"Endorses suicidal ideation with a plan (car exhaust in garage) and intent; "
            f"{she} has written a note. Denies HI."
        )
    lines += k.wrap(inq, 86, "   ").split("\n")
    lines += [
        "4. SCREENING MEASURES",
        f"   PHQ-9 total {phq} (item 9 = {2 if variant == 'high' else 1})    "
        f"PCL-5 total {pcl}    both completed {k.mdy(when)}",
        "5. RISK LEVEL / INTERVENTION",
    ]
    if variant == "low":
        c = "Risk level: LOW. Safety plan reviewed and signed. Follow up in 1 week."
        risk = GoldRisk(False, None)
    elif variant == "low24":
        c = (
            "Overall risk low. Patient is not an imminent danger to self or others and does "
            "not need inpatient hospitalization or 24-hour supervision."
        )
        risk = GoldRisk(False, False)
    elif variant == "moderate":
        c = (
            "Risk level: MODERATE. Safety plan completed; crisis line numbers given; if "
            f"ideation intensifies or {she} forms a plan, {she} will go to the ER."
        )
        risk = GoldRisk(None, None)
    else:
        c = (
            "Risk level: HIGH - imminent danger to self. Needs inpatient psychiatric care; "
            "arranged direct admission to Lakeview Behavioral Hospital, family to transport."
        )
        risk = GoldRisk(True, True)
    lines += k.wrap(c, 86, "   ").split("\n")
    lines += ["6. DOCUMENTATION", f"   {doc.with_cred()}  {k.mdy(when)}"]
    name = "Scan_0003_suicide_risk_assessment.pdf"
    f = k.pdf_file(name, lines, footer="Page {page} of {pages}")
    gold = DocGold(
        file=name,
        kind="risk_assessment",
        date=when,
        risk=risk,
        scores=(GoldScore("PHQ-9", phq, when), GoldScore("PCL-5", pcl, when)),
    )
    return f, gold


def _cover(
    rng: random.Random,
    prac: tuple[str, str, str],
    payer: str,
    member: tuple[str, str],
    when: dt.date,
) -> DocFile:
    out = [
        "FAX COVER SHEET",
        f"From: {prac[0]}",
        f"To: {payer} - Utilization Management",
        f"Date: {k.mdy(when)}     Pages (incl. cover): {rng.randrange(3, 7)}",
        f"Re: {member[0]} {member[1]} - IOP clinical documentation",
        "",
        "Attached: certification letter, risk assessment. Please call with questions.",
        "",
        "CONFIDENTIAL: intended only for the named recipient.",
    ]
    return k.text_file("Fax_Cover_Sheet.txt", "\n".join(out))


def render(rng: random.Random) -> DocChart:
    names = k.Names(rng)
    member = names.person()
    sex = rng.choice(("F", "M"))
    prac = rng.choice(PRACTICES)
    payer = rng.choice(PAYERS)
    adm = k.weekday_on_or_after(k.start_date(rng), 0)
    dob = dt.date(rng.randrange(1960, 2004), rng.randrange(1, 13), rng.randrange(1, 28))
    mid = f"{rng.choice(('MBH', 'TSH', 'ABP'))}{rng.randrange(10**6, 10**7)}"
    doc = k.clin(names, ("MD", "M.D.", "MD/PhD", "D.O.", "M.D., DFAPA", "DO"))
    therapist = k.clin(names, ("PsyD", "Ph.D.", "LMHC", "LICSW"))
    dx = rng.choice(DX)
    cert_date = adm - dt.timedelta(days=rng.choice((1, 3, 5)))
    risk_date = adm + dt.timedelta(days=rng.choice((0, 2)))
    recert_date = adm + dt.timedelta(days=rng.randrange(50, 59))
    start = adm
    end = adm + dt.timedelta(days=rng.choice((29, 30, 44)))
    files: list[DocFile] = [_cover(rng, prac, payer, member, adm)]
    golds: list[DocGold] = []
    for f, g in (
        _cert_letter(rng, prac, member, sex, dob, cert_date, doc, dx),
        _risk(rng, prac, member, sex, risk_date, doc),
        _auth_fax(rng, payer, prac, member, mid, start, end),
        _recert_letter(rng, prac, member, sex, dob, recert_date, adm, doc, therapist, dx),
    ):
        files.append(f)
        golds.append(g)
    return DocChart(tuple(files), tuple(golds))


FAMILY = DocFamily(
    name="dh-practice-scanned-letters",
    split="heldout",
    description=(
        "Small private psychiatric practice: prose certification and recertification "
        "letters, SAFE-T style risk assessment and a payer's authorization fax, all as "
        "scanned/OCR'd PDFs with fax banners, received stamps and OCR slips."
    ),
    conventions=(
        "signature typed as 'Dr. X' with no credential, or MD/PhD, M.D., DFAPA, D.O.",
        "co-signature by the treating therapist (PsyD, Ph.D., LMHC, LICSW)",
        "9-hour need in letter prose (nine (9), 9 or more, at least ten, 9+)",
        "referral-only variant without an hours statement",
        "response to treatment with PHQ-9 dates; stepped-down-would-relapse wording",
        "authorization fax: From/Through, Begin/End Date, authorized period, effective/expires",
        "SAFE-T risk: low, low with 24h negated, moderate only, high with admission",
        "PHQ-9 with item 9 beside the total; PCL-5",
    ),
    render=render,
)
