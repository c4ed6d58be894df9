"""f6-cert-audit-trail: a psychiatric practice on a cloud EHR whose notes end in an
electronic-signature audit trail (every event with its time: CREATED, MODIFIED, SIGNED,
COSIGN REQUESTED, COSIGNED, PRINTED). The physician certifies the IOP inside an admission
note written Assessment-and-Plan first, in the physician's own words; the 60-day
recertification is a follow-up note written in the same voice by the psychiatrist or by the
nurse practitioner with the physician's co-signature stamped in a box (or still pending);
and the program's utilization-review coordinator logs the telephone concurrent review.

The elements are said the way physicians talk: "twelve hours a week (four days, three
hours each)", "she can't hold it together with a weekly therapist", "what is still there",
"we tried cutting her back to two days in December and she was in the ED within ten days".
What is not an element or a signer: "Diagnosis unchanged" names no diagnosis; a history
line is not the certifying diagnosis; "if she doesn't turn the corner we may need PHP" is a
hypothetical; a planned step-down is not a statement that less intensive care would fail;
a scribe who created the note, an editor and a records clerk who printed it are not
signers; a co-signature still pending is a blank required line."""

from __future__ import annotations

import datetime as dt
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
    para,
    pick,
    plus,
    txt,
)
from eval.docfacts.docfacts_dev6._six import stamp
from eval.docfacts.model import DocChart, DocFamily, DocFile, DocGold, GoldSigner

E = CertificationElement
C = ContinuedStayElement

PRACTICES = (
    "Alder Creek Psychiatry & IOP",
    "Summit View Psychiatric Associates",
    "Greywater Mental Health Partners",
)
HOURS: tuple[tuple[str, float], ...] = (
    ("twelve hours a week (four days, three hours each)", 12.0),
    ("at least nine hours of programming a week", 9.0),
    ("three days a week, three hours each day (9 hrs/wk)", 9.0),
    ("four 3-hour days every week, 12 hours in all", 12.0),
)
NEED = (
    "{She} can't hold it together with a weekly therapist - {she} has missed eleven days of "
    "work this month and stopped eating regular meals - and {she} needs the daily structure "
    "and skills work of the IOP to stay out of the hospital.",
    "Weekly outpatient visits have not been enough; {she} is barely functioning at home and "
    "needs several hours of treatment most days of the week, which is what the IOP gives.",
)
HISTORY_LINE = (
    "History of alcohol use disorder, in sustained remission since 2019.",
    "History of an eating disorder in adolescence, resolved.",
)
SCRIBE_ROLES = ("Medical Scribe", "Intake Coordinator")


def _fill(text: str, m: Member) -> str:
    return text.format(She=m.She, she=m.she, her=m.her, him=m.him, Her=m.Her)


def _trail(events: list[tuple[dt.datetime, str, str]]) -> list[str]:
    out = ["Electronic Signature Audit Trail", "-" * 72]
    for when, what, who in events:
        out.append(f"{when:%Y-%m-%d %H:%M}  {what:<18}{who}")
    return out


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def _lastfirst(w: Who) -> str:
    return f"{w.last}, {w.first}" + (f"  {w.cred}" if w.cred else "")


def _certification(
    rng: random.Random, m: Member, dx: Dx, doctor: Who, scribe: Who, practice: str, day: dt.date
) -> tuple[DocFile, DocGold]:
    hours, per_week = pick(rng, HOURS)
    role = pick(rng, SCRIBE_ROLES)
    plan = chance(rng, 0.6)
    discharge = chance(rng, 0.5)
    a_and_p = [
        "ASSESSMENT AND PLAN",
        para(
            f"{m.who.full} is a {m.age_on(day)}-year-old with {dx.name} ({dx.code}), "
            f"worse since {pick(rng, ('late summer', 'the holidays', 'a layoff in the fall'))}."
        ),
        para(f"Why IOP: {_fill(pick(rng, NEED), m)}"),
        para(
            f"Certification: I am certifying {m.him} for intensive outpatient treatment, "
            f"{hours}."
            + (
                f" {m.She} will be treated under a written individualized plan that the team "
                "puts together this week and that I will review."
                if plan
                else ""
            )
            + (
                f" What I want to see before discharge: {m.she} is back at work at least half "
                "days and the PHQ-9 is under 10."
                if discharge
                else ""
            )
        ),
        para(
            f"Meds: continue sertraline 100 mg; if {m.she} doesn't turn the corner in two "
            "weeks we may need to talk about PHP."
        ),
        "",
        "SUBJECTIVE",
        para(
            f"Sleep poor with early waking at 3-4 am, appetite down. {pick(rng, HISTORY_LINE)} "
            "Denies SI with plan or intent; passive thoughts last month."
        ),
        "",
        "OBJECTIVE",
        "MSE: tired-appearing, slowed speech, mood 'empty', affect constricted, linear, no "
        "psychosis.",
    ]
    elements = {E.DIAGNOSIS, E.CLINICAL_NEED, E.MIN_HOURS}
    if plan:
        elements.add(E.PLAN_OF_CARE)
    if discharge:
        elements.add(E.DISCHARGE_GOALS)
    events = [
        (_at(day, 9, rng.randrange(0, 59)), "CREATED", f"{_lastfirst(scribe)} ({role})"),
        (_at(day, 11, rng.randrange(0, 59)), "MODIFIED", f"{_lastfirst(scribe)} ({role})"),
        (
            _at(day, 16, rng.randrange(0, 59)),
            "SIGNED",
            f"{_lastfirst(doctor)} (Attending Psychiatrist)",
        ),
        (_at(plus(day, 1), 8, rng.randrange(0, 59)), "PRINTED", "HIM Release of Information"),
    ]
    lines = [
        practice,
        "PSYCHIATRIC ADMISSION NOTE - INTENSIVE OUTPATIENT PROGRAM",
        f"Patient: {m.who.full}    DOB: {fmt(m.dob)}    MRN: {m.mrn}",
        f"Date of service: {fmt(day)}    Visit type: New patient, in person",
        "",
        *a_and_p,
        "",
        *_trail(events),
    ]
    name = f"Psych_Admission_Cert_{stamp(day)}.txt"
    gold = DocGold(
        file=name,
        kind="certification",
        date=day,
        signers=(doctor.gold(),),
        certification_elements=frozenset(elements),
        hours_per_week=per_week,
    )
    return txt(name, "\n".join(lines)), gold


def _recertification(
    rng: random.Random,
    m: Member,
    dx: Dx,
    doctor: Who,
    np_: Who,
    practice: str,
    admit: dt.date,
    day: dt.date,
) -> tuple[DocFile, DocGold]:
    hours, per_week = pick(rng, HOURS)
    names_dx = chance(rng, 0.6)
    tried_less = chance(rng, 0.6)
    phq0, phq1 = rng.randrange(19, 25), rng.randrange(11, 16)
    author = pick(rng, ("doctor", "np_cosigned", "np_pending"))
    writer = doctor if author == "doctor" else np_
    body = [
        practice,
        "PSYCHIATRIC FOLLOW-UP - 60-DAY IOP RECERTIFICATION",
        f"Patient: {m.who.full}    MRN: {m.mrn}    Date of service: {fmt(day)}",
        f"In the program since {fmt(admit)}.",
        "",
        "ASSESSMENT AND PLAN",
        (
            f"Diagnosis: {dx.name} ({dx.code})."
            if names_dx
            else "Diagnosis unchanged from admission."
        ),
        para(
            f"How {m.she} has done: {m.She} has gone from missing most program days to coming "
            f"every day, and the PHQ-9 is down from {phq0} to {phq1}. {m.She} is cooking "
            "again and answering the phone."
        ),
        para(
            f"What is still there: {m.she} still wakes at 3 am most nights, had passive "
            f"wishes to be dead twice last week and can't get through a full work shift - "
            "this still needs IOP-level care."
        ),
    ]
    stay = {C.CONTINUING_SYMPTOMS}
    if tried_less:
        body.append(
            para(
                f"We tried cutting {m.him} back to two days a week in "
                f"{fmt(plus(day, -30), 'long').split()[0]} and {m.she} was in the ED within "
                "ten days; weekly outpatient care would not keep "
                f"{m.him} out of the hospital right now."
            )
        )
        stay.add(C.LESS_INTENSIVE_INSUFFICIENT)
    else:
        body.append(
            para(
                "We will talk about stepping down to weekly outpatient therapy at the next "
                "review if the gains hold."
            )
        )
    body += [
        para(
            f"Recertifying for {hours}. {m.She}'ll be ready to step down once {m.she} is "
            "sleeping six hours, has had two weeks without passive death wishes and has a "
            "community therapist lined up."
        ),
        "",
    ]
    elements = {
        E.RESPONSE_TO_TREATMENT,
        E.CONTINUING_SYMPTOMS,
        E.CLINICAL_NEED,
        E.MIN_HOURS,
        E.DISCHARGE_GOALS,
    }
    if names_dx:
        elements.add(E.DIAGNOSIS)
    t = rng.randrange(10, 59)
    events = [
        (_at(day, 10, t), "CREATED", f"{_lastfirst(writer)}"),
        (_at(day, 15, t), "SIGNED", f"{_lastfirst(writer)}"),
    ]
    signers: list[GoldSigner] = [writer.gold()]
    stamp_box: list[str] = []
    if author == "np_cosigned":
        events.append((_at(day, 15, t + 1), "COSIGN REQUESTED", f"{_lastfirst(doctor)}"))
        co_day = plus(day, rng.randrange(0, 3))
        events.append((_at(co_day, 18, t), "COSIGNED", f"{_lastfirst(doctor)}"))
        stamp_box = [
            "*" * 64,
            "*  CO-SIGNATURE: I have reviewed this note and agree with the".ljust(63) + "*",
            "*  assessment and recertification.".ljust(63) + "*",
            f"*  Electronically co-signed by {doctor.signed} {fmt(co_day)}".ljust(63) + "*",
            "*" * 64,
            "",
        ]
        signers.append(doctor.gold())
    elif author == "np_pending":
        events.append((_at(day, 15, t + 1), "COSIGN REQUESTED", f"{_lastfirst(doctor)}"))
        events.append((_at(day, 15, t + 1), "COSIGN PENDING", "Supervising Physician"))
        signers.append(GoldSigner("Supervising Physician", None, signed=False))
    lines = [*body, *stamp_box, *_trail(events)]
    name = f"Recert_60day_{stamp(day)}.txt"
    gold = DocGold(
        file=name,
        kind="recertification",
        date=day,
        signers=tuple(signers),
        certification_elements=frozenset(elements),
        hours_per_week=per_week,
        continued_stay=frozenset(stay),
    )
    return txt(name, "\n".join(lines)), gold


def _phone_review(
    rng: random.Random, m: Member, coordinator: Who, practice: str, day: dt.date, admit: dt.date
) -> tuple[DocFile, DocGold]:
    resolved = chance(rng, 0.4)
    auth_end = plus(day, rng.randrange(3, 8))
    lines = [
        practice,
        "UTILIZATION REVIEW LOG - TELEPHONIC CONCURRENT REVIEW",
        f"Member: {m.who.full}    Admit: {fmt(admit)}    Call date: {fmt(day)} "
        f"{rng.randrange(9, 12)}:{rng.randrange(10, 59)} AM",
        f"Current auth runs through {fmt(auth_end)}; requesting 10 more program days.",
        "",
    ]
    if resolved:
        lines += [
            "Q (plan reviewer): What symptoms still need IOP?",
            para(
                f"A: Honestly not many - mood is steady, {m.she} is sleeping through the night "
                "and went back to work full time this week."
            ),
            "Q: Why not step down?",
            para(
                f"A: We are stepping {m.him} down; the extra days are to finish the relapse "
                "prevention plan and hand off to the outpatient therapist on the 20th."
            ),
        ]
        stay: frozenset[ContinuedStayElement] = frozenset()
    else:
        lines += [
            "Q (plan reviewer): What symptoms still need IOP?",
            para(
                f"A: {m.She} still has panic most mornings, passive death wishes a few times a "
                f"week and is missing about half of {m.her} shifts."
            ),
            "Q: Why not step down?",
            para(
                f"A: Every time {m.she} has been down to weekly therapy {m.she} has ended up "
                "back in the hospital within a month - a lower level of care would not hold "
                f"{m.him} right now."
            ),
        ]
        stay = frozenset({C.CONTINUING_SYMPTOMS, C.LESS_INTENSIVE_INSUFFICIENT})
    lines += [
        "",
        "Outcome: reviewer to send determination by fax within 1 business day.",
        f"Logged by {coordinator.signed}, UR Coordinator",
    ]
    name = f"UR_Phone_Review_{stamp(day)}.txt"
    gold = DocGold(file=name, kind="continued_stay_request", date=day, continued_stay=stay)
    return txt(name, "\n".join(lines)), gold


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    m = member(people)
    dx = pick(rng, [d for d in MH_DX if d.key in ("mdd", "gad", "ptsd", "panic")])
    practice = pick(rng, PRACTICES)
    doctor = people.person(pick(rng, ("MD", "DO")))
    np_ = people.person(pick(rng, ("PMHNP", "NP")))
    scribe = people.person()
    coordinator = people.person("RN")
    admit = admission(rng)
    cert_file, cert_gold = _certification(rng, m, dx, doctor, scribe, practice, admit)
    recert_day = plus(admit, 55 + rng.randrange(0, 5))
    recert_file, recert_gold = _recertification(
        rng, m, dx, doctor, np_, practice, admit, recert_day
    )
    call_day = plus(recert_day, rng.randrange(1, 4))
    call_file, call_gold = _phone_review(rng, m, coordinator, practice, call_day, admit)
    return DocChart(
        files=(cert_file, recert_file, call_file), gold=(cert_gold, recert_gold, call_gold)
    )


FAMILY = DocFamily(
    name="f6-cert-audit-trail",
    split="dev",
    description=(
        "A psychiatric practice's certification inside an Assessment-and-Plan-first "
        "admission note and a 60-day recertification follow-up note, both in the "
        "physician's own words and closed by an e-signature audit trail (created / modified "
        "/ signed / cosign requested / cosigned / printed), a boxed co-signature stamp or a "
        "pending co-signature; a telephonic concurrent-review log in Q and A form."
    ),
    conventions=(
        "hours in words: 'twelve hours a week (four days, three hours each)', 'three days a "
        "week, three hours each day (9 hrs/wk)', 'four 3-hour days every week, 12 hours'",
        "clinical need, response, continuing symptoms and discharge goals in a physician's "
        "spoken phrasing ('What is still there', 'ready to step down once')",
        "'Diagnosis unchanged from admission' names no diagnosis; a 'History of ...' line is "
        "not the certifying diagnosis",
        "a failed earlier step-down as the reason a lower level would not hold; a planned "
        "step-down is not",
        "audit trail: CREATED / MODIFIED by a scribe and PRINTED by records are no signers; "
        "COSIGN PENDING is a blank required line",
        "'if she doesn't turn the corner we may need PHP' is a hypothetical",
    ),
    render=_render,
    tags=("certification", "signers", "continued_stay"),
)
