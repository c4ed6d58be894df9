"""f5-cert-continued-stay: a psychiatric group's admission order with its certification
statement, a recertification note written in the physician's own prose, and a continued
stay request to the payer closed by a physician attestation.

The wording varies the way physicians write it: the weekly need as "not less than 9
hours of active treatment each week", "three 3-hour program days weekly (9 hours)",
"4 days x 3 hrs = 12 hrs/week"; the clinical need as "Medical necessity" or "Why
intensive services are needed"; the response as "Treatment response" or "Since the last
certification"; continuing symptoms as "Residual symptoms requiring IOP"; that a lower level
of care would not prevent relapse or rehospitalization; discharge criteria. What is not
the certifying diagnosis: a "History of ..." line in the past history (a recertification
that names only such a history identifies no diagnosis). A request whose symptoms have
resolved states no continuing symptoms, and a planned step-down is not a statement that
less intensive care would fail."""

from __future__ import annotations

import random

from core.facts import CertificationElement, ContinuedStayElement
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
    pick,
    plus,
    txt,
)
from eval.docfacts.docfacts_dev5._common import stamp
from eval.docfacts.model import DocChart, DocFamily, DocFile, DocGold, GoldSigner

E = CertificationElement
C = ContinuedStayElement

GROUPS = (
    "Northgate Psychiatric Group - Intensive Outpatient Services",
    "Marlow Creek Behavioral Medicine - IOP",
    "Saint Ansgar Outpatient Psychiatry - IOP",
)

# past history that is not the certifying diagnosis
HISTORY = (
    "History of alcohol use disorder, in sustained remission since 2019",
    "History of anorexia nervosa in adolescence, resolved",
    "History of opioid use disorder, in sustained remission on no medication",
)

NEED: dict[str, str] = {
    "mdd": "Over the past month {she} has stopped eating regular meals, sleeps 3-4 hours a "
    "night and has missed every shift at work; weekly psychotherapy has not reversed the "
    "decline and {she} needs several structured treatment days each week.",
    "gad": "Worry and somatic anxiety now keep {him} from leaving home except for "
    "appointments; {she} has stopped driving and lost {her} job. Outpatient therapy every "
    "other week has not been enough.",
    "ptsd": "Nightmares most nights, flashbacks at work and escalating avoidance have ended "
    "{her} ability to work or care for the household; biweekly therapy cannot address "
    "symptoms of this severity.",
    "bipolar": "Recently discharged from an inpatient unit after a mixed episode; sleep and "
    "mood remain unstable and {she} needs daily structure and monitoring to stay out of the "
    "hospital.",
    "panic": "Panic attacks several times a day with emergency-room visits twice this month; "
    "{she} can no longer ride the bus to work and outpatient care has not contained this.",
}
RESIDUAL: dict[str, str] = {
    "mdd": "early waking most days, tearfulness and poor concentration; not yet back at work",
    "gad": "daily worry rated 7/10 and muscle tension; still avoids driving on the highway",
    "ptsd": "nightmares three to four nights a week and startle in crowds",
    "bipolar": "sleep still irregular (4-5 hours) with irritable mood on most days",
    "panic": "two to three panic attacks a week and avoidance of public transport",
}
RESPONSE = (
    "Partial response: attends every program day, uses paced breathing and behavioral "
    "activation, PHQ-9 improved by 5 points",
    "Some gains: {she} now names warning signs early and has resumed one household routine",
    "Slow but real progress: {she} completed a written safety plan and reconnected with a sister",
)
LOWER = (
    "Transition to routine outpatient care at this point would, in my opinion, result in "
    "relapse and probable rehospitalization.",
    "A less intensive level of care would not prevent relapse: the last attempt at weekly "
    "therapy alone was followed by an emergency visit within two weeks.",
    "Weekly outpatient therapy alone would not be sufficient to keep {him} out of the hospital.",
)
ONGOING = (
    "Ongoing need for IOP: {she} still needs the structure and daily clinical monitoring the "
    "program provides.",
    "Medical necessity continues: the intensity of the program is still required to treat "
    "these symptoms.",
)
DISCHARGE = (
    "Discharge criteria: sleeping 6 or more hours most nights, a community therapist in "
    "place, and back to at least part-time work.",
    "Will be ready for step-down when the PHQ-9 is under 10 on two administrations and "
    "{she} has a first appointment with an outpatient prescriber.",
)


def _fill(text: str, m: Member) -> str:
    return text.format(She=m.She, she=m.she, her=m.her, him=m.him)


def _hours(rng: random.Random) -> tuple[str, float]:
    return pick(
        rng,
        (
            ("not less than 9 hours of active treatment each week", 9.0),
            ("three 3-hour program days weekly (9 hours)", 9.0),
            ("4 days x 3 hrs = 12 hrs/week of IOP services", 12.0),
            ("a minimum of twelve hours of therapeutic services every week", 12.0),
            ("9 or more hours of IOP services per week", 9.0),
        ),
    )


def _certification(
    rng: random.Random, m: Member, dx: Dx, doctor: Who, group: str
) -> tuple[str, str, DocGold]:
    admit = admission(rng)
    hours, per_week = _hours(rng)
    history = pick(rng, HISTORY)
    plan_line = chance(rng, 0.6)
    discharge_line = chance(rng, 0.5)
    lines = [
        group.upper(),
        "ADMISSION ORDERS AND PHYSICIAN CERTIFICATION - INTENSIVE OUTPATIENT",
        f"Patient: {m.who.full}    DOB: {fmt(m.dob)}    Acct: {m.mrn}",
        f"Order date: {fmt(admit)}",
        "",
        "1. Admit to: Intensive Outpatient Program, adult mental health track.",
        f"2. Diagnosis (primary, for this admission): {dx.name} ({dx.code})",
        f"   Past psychiatric history: {history}.",
        f"3. Why intensive services are needed: {_fill(NEED[dx.key], m)}",
        f"4. Intensity: {m.she} requires {hours}.",
    ]
    elements = {E.DIAGNOSIS, E.CLINICAL_NEED, E.MIN_HOURS}
    n = 5
    if plan_line:
        lines.append(
            f"{n}. Services are furnished under the written individualized plan of care, "
            "reviewed by the treatment team at least every 30 days."
        )
        elements.add(E.PLAN_OF_CARE)
        n += 1
    if discharge_line:
        lines.append(f"{n}. {_fill(pick(rng, DISCHARGE), m)}")
        elements.add(E.DISCHARGE_GOALS)
        n += 1
    lines.append(f"{n}. Labs: CBC, CMP, TSH if not done in the last 90 days.")
    layout = rng.randrange(2)
    if layout == 0:
        lines += [
            "",
            "I certify that the above services are medically necessary.",
            f"Authenticated by: {doctor.signed}  {fmt(admit)} 17:42",
        ]
    else:
        lines += [
            "",
            "Certifying physician:",
            doctor.full,
            f"{doctor.cred}, Attending Psychiatrist",
            f"Signed {fmt(admit)}",
        ]
    name = f"Admission_Orders_Certification_{stamp(admit)}.txt"
    gold = DocGold(
        file=name,
        kind="certification",
        date=admit,
        signers=(doctor.gold(),),
        certification_elements=frozenset(elements),
        hours_per_week=per_week,
    )
    return name, "\n".join(lines), gold


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    m = member(people)
    dx = pick(rng, [d for d in MH_DX if d.key in NEED])
    group = pick(rng, GROUPS)
    doctor = people.person(pick(rng, ("MD", "DO")))
    np_ = people.person(pick(rng, ("PMHNP", "NP", "APRN")))
    therapist = people.person(pick(rng, ("LCSW", "LPC")))
    cert_name, cert_text, cert_gold = _certification(rng, m, dx, doctor, group)
    admit = cert_gold.date
    assert admit is not None

    # ---------------------------------------------------------------- recertification prose
    recert_day = plus(admit, 54 + rng.randrange(0, 5))
    hours, per_week = _hours(rng)
    only_history = rng.randrange(3) == 0
    says_lower = chance(rng, 0.6)
    history = pick(rng, HISTORY)
    body = [
        group,
        "RECERTIFICATION - CONTINUED INTENSIVE OUTPATIENT TREATMENT",
        f"Patient: {m.who.full}    DOB: {fmt(m.dob)}    Date: {fmt(recert_day, 'long')}",
        f"Admitted {fmt(admit)}; initially certified {fmt(admit)}.",
        "",
    ]
    if only_history:
        # the note names no current diagnosis: its only diagnosis is past history
        body.append(f"PMH: {history}.")
    else:
        body.append(f"Diagnosis: {dx.name} ({dx.code}). PMH: {history}.")
    body += [
        "",
        f"Treatment response: {_fill(pick(rng, RESPONSE), m)}.",
        f"Residual symptoms requiring IOP: {_fill(RESIDUAL[dx.key], m)}.",
    ]
    body.append(_fill(pick(rng, ONGOING), m))
    if says_lower:
        body.append(_fill(pick(rng, LOWER), m))
    body += [
        f"{m.She} continues to require {hours}.",
        _fill(pick(rng, DISCHARGE), m),
        "",
    ]
    elements = {
        E.RESPONSE_TO_TREATMENT,
        E.CONTINUING_SYMPTOMS,
        E.CLINICAL_NEED,
        E.MIN_HOURS,
        E.DISCHARGE_GOALS,
    }
    if not only_history:
        elements.add(E.DIAGNOSIS)
    signed_by_np = chance(rng, 0.5)
    signers: tuple[GoldSigner, ...]
    if signed_by_np:
        body += [
            f"Signed (e-sig): {np_.full} {np_.cred}  {fmt(recert_day)} 11:05",
            f"Physician co-signature: {doctor.signed}  {fmt(plus(recert_day, 1))} 08:30",
        ]
        signers = (np_.gold(), doctor.gold())
    else:
        body += [f"Signed (e-sig): {doctor.full} {doctor.cred}  {fmt(recert_day)} 16:20"]
        signers = (doctor.gold(),)
    recert_name = f"Recertification_{stamp(recert_day)}.txt"
    recert_gold = DocGold(
        file=recert_name,
        kind="recertification",
        date=recert_day,
        signers=signers,
        certification_elements=frozenset(elements),
        hours_per_week=per_week,
        continued_stay=frozenset(
            {C.CONTINUING_SYMPTOMS, *((C.LESS_INTENSIVE_INSUFFICIENT,) if says_lower else ())}
        ),
    )

    # ---------------------------------------------------------------- continued stay request
    req_day = plus(recert_day, rng.randrange(2, 6))
    auth_end = plus(req_day, rng.randrange(8, 15))
    resolved = chance(rng, 0.35)
    req = [
        "CONTINUED STAY REQUEST - BEHAVIORAL HEALTH INTENSIVE OUTPATIENT",
        f"Submitted: {fmt(req_day)}    Provider: {group}",
        f"Member: {m.who.full}    DOB: {fmt(m.dob)}    Admit: {fmt(admit)}",
        f"Current authorization ends: {fmt(auth_end)}",
        "",
    ]
    stay: set[ContinuedStayElement] = set()
    if resolved:
        req += [
            "Clinical status: symptoms have largely resolved; mood is euthymic and sleep is "
            "regular. Requesting 5 final days to complete the step-down to weekly outpatient "
            "therapy, which is scheduled to begin the following week.",
            "",
            "Physician attestation: I have reviewed this request. The member is ready for a "
            "lower level of care once the transition days are complete.",
        ]
    else:
        req += [
            f"Clinical status: {_fill(RESIDUAL[dx.key], m).capitalize()}; these symptoms still "
            "require IOP-level treatment.",
            "",
            "Physician attestation: I attest that the member continues to have the symptoms "
            "above and that "
            + pick(
                rng,
                (
                    "treatment at a less intensive level of care would not prevent relapse or "
                    "readmission to the hospital.",
                    "stepping down to outpatient care now would likely lead to "
                    "decompensation and rehospitalization.",
                ),
            ),
        ]
        stay = {C.CONTINUING_SYMPTOMS, C.LESS_INTENSIVE_INSUFFICIENT}
    req += [
        f"Attesting physician: {doctor.signed}    {fmt(req_day)}",
        f"Prepared by: {therapist.signed}, utilization review",
    ]
    req_name = f"Continued_Stay_Request_{stamp(req_day)}.txt"
    req_gold = DocGold(
        file=req_name,
        kind="continued_stay_request",
        date=req_day,
        continued_stay=frozenset(stay),
    )
    files: tuple[DocFile, ...] = (
        txt(cert_name, cert_text),
        txt(recert_name, "\n".join(body)),
        txt(req_name, "\n".join(req)),
    )
    return DocChart(files=files, gold=(cert_gold, recert_gold, req_gold))


FAMILY = DocFamily(
    name="f5-cert-continued-stay",
    split="dev",
    description=(
        "Psychiatric group: numbered admission orders ending in a physician certification, "
        "a recertification in the physician's prose ('Treatment response:', 'Residual "
        "symptoms requiring IOP:'), and a continued stay request closed by a physician "
        "attestation."
    ),
    conventions=(
        "weekly need as 'not less than 9 hours of active treatment each week', 'three 3-hour "
        "program days weekly (9 hours)', '4 days x 3 hrs = 12 hrs/week'",
        "'Past psychiatric history: History of ...' is not the certifying diagnosis; a "
        "recertification naming only such history identifies no diagnosis",
        "'would not prevent relapse' / 'would likely lead to decompensation and "
        "rehospitalization' in a physician attestation",
        "a request whose symptoms have resolved and whose step-down is planned states neither "
        "continuing symptoms nor that less intensive care would fail",
        "signatures: 'Authenticated by:', the name with its credential on the next line, "
        "'Signed (e-sig):' with a physician co-signature",
    ),
    render=_render,
    tags=("certification", "continued_stay", "signers"),
)
