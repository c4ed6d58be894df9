"""f6-auth-portal-inquiry: authorizations as a provider's billing office keeps them: a
multi-payer portal's "Authorization / Referral Inquiry - Results" printout (the payer's
278 response laid out as labelled fields: certification number, action, decision date,
quantity in units or days, certification effective and expiration dates, an event date
range), the payer's letter on the extension request approving it in part (the requested
sessions and dates beside the approved and the not approved ones, as a sentence or a
Requested / Approved / Not approved table), and a short e-mail notice extending the
authorization "valid through" a date with no start written.

What the gold keeps: the period that was certified or approved (start, end) and the
decision or letter date. What is not the period or the date: the printout's "Printed"
stamp, the request's received date, the requested dates beside the approved ones, the
denied remainder, the appeal deadline, a date of birth and the next review due date."""

from __future__ import annotations

import datetime as dt
import random

from eval.docfacts.docfacts_dev._kit import (
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
from eval.docfacts.docfacts_dev6._six import stamp
from eval.docfacts.model import DocChart, DocFamily, DocFile, DocGold

PAYERS = (
    ("Keystone Valley Health Plan", "KVHP Behavioral Health"),
    ("Meridian Shore Medicare Advantage", "Meridian Behavioral Health Services"),
    ("Clearwater Commercial PPO", "Clearwater BH Utilization Management"),
)
PROVIDERS = (
    "Orchard Lane Behavioral Health IOP",
    "Blue Heron Counseling Center",
    "Pinecrest Intensive Outpatient Services",
)
SERVICES = (
    ("S9480", "Intensive outpatient psychiatric services, per diem", "days"),
    ("0905", "Intensive outpatient services - psychiatric (revenue code)", "sessions"),
    ("H0015", "Alcohol and/or drug services; intensive outpatient", "units"),
)


def _portal(
    rng: random.Random,
    m: Member,
    payer: str,
    provider: str,
    service: tuple[str, str, str],
    start: dt.date,
    end: dt.date,
    decided: dt.date,
) -> tuple[DocFile, DocGold]:
    code, words, unit = service
    qty = (end - start).days // 7 * 3 + 3
    printed = plus(decided, rng.randrange(1, 6))
    cert_no = f"{rng.randrange(10**8, 10**9)}"
    lines = [
        "Authorization / Referral Inquiry - Results",
        f"Printed {fmt(printed)} {rng.randrange(8, 12)}:{rng.randrange(10, 59)} AM by "
        f"{provider} billing office",
        "",
        f"Payer: {payer}",
        f"Patient: {m.who.last.upper()}, {m.who.first.upper()}    Member ID: "
        f"{pick(rng, ('W', 'M', 'K'))}{rng.randrange(10**8, 10**9)}    DOB: {fmt(m.dob)}",
        f"Requesting / servicing provider: {provider}",
        "",
        f"Certification Number ............ {cert_no}",
        "Certification Action ............ CERTIFIED IN TOTAL",
        f"Review Decision Date ............ {fmt(decided)}",
        "Service Type .................... Mental Health - Intensive Outpatient",
        f"Procedure / Revenue Code ........ {code}  {words}",
        f"Quantity ........................ {qty} {unit.capitalize()}",
        f"Certification Effective Date .... {fmt(start)}",
        f"Certification Expiration Date ... {fmt(end)}",
        f"Event Date Range ................ {fmt(start)} - {fmt(end)}",
        f"Next Review Due ................. {fmt(plus(end, -5))}",
        "",
        "This inquiry shows the payer's response as of the print time. It is not a "
        "guarantee of payment.",
    ]
    name = f"Auth_Inquiry_{cert_no}.txt"
    gold = DocGold(file=name, kind="authorization", date=decided, authorization=(start, end))
    return txt(name, "\n".join(lines)), gold


def _partial(
    rng: random.Random,
    m: Member,
    um: str,
    provider: str,
    reviewer: Who,
    service: tuple[str, str, str],
    start: dt.date,
    received: dt.date,
    letter_day: dt.date,
) -> tuple[DocFile, DocGold]:
    code, _, unit = service
    # four program days a week: four weeks asked, one or two approved
    weeks = rng.randrange(1, 3)
    asked, granted = 16, 4 * weeks
    asked_end = plus(start, 27)
    ok_end = plus(start, 7 * weeks - 1)
    denied_start = plus(ok_end, 1)
    intro = [
        um,
        f"{fmt(letter_day, 'long')}",
        "",
        f"{provider}",
        "Attn: Utilization Review",
        "",
        f"RE: {m.who.full}    Date of birth: {fmt(m.dob)}",
        "    Continued intensive outpatient services - NOTICE OF PARTIAL APPROVAL",
        "",
    ]
    if chance(rng, 0.5):
        body = [
            para(
                f"We received your request on {fmt(received)} for {asked} {unit} of intensive "
                f"outpatient services ({code}) for dates of service {fmt(start)} through "
                f"{fmt(asked_end)}. After review by our physician advisor we have approved "
                f"{granted} {unit} for dates of service {fmt(start)} through {fmt(ok_end)}. "
                f"The remaining {asked - granted} {unit}, {fmt(denied_start)} through "
                f"{fmt(asked_end)}, are not approved: the records show your patient's "
                "symptoms are improving and weekly outpatient care may meet the need after "
                "the approved dates."
            ),
        ]
    else:
        body = [
            f"Service: {code}",
            "",
            f"{'':<14}{'Units':<8}{'From':<13}{'Through':<13}",
            f"{'Requested':<14}{asked:<8}{fmt(start):<13}{fmt(asked_end):<13}",
            f"{'Approved':<14}{granted:<8}{fmt(start):<13}{fmt(ok_end):<13}",
            f"{'Not approved':<14}{asked - granted:<8}{fmt(denied_start):<13}{fmt(asked_end):<13}",
            "",
            para(
                "Reason for the part not approved: the clinical information shows steady "
                "improvement; a lower level of care may be appropriate after the approved dates."
            ),
        ]
    close = [
        "",
        para(
            "You or your patient may appeal the part not approved within 60 days of this "
            f"notice (by {fmt(plus(letter_day, 60))}). A peer-to-peer review is available on "
            "request."
        ),
        "",
        "Sincerely,",
        f"{reviewer.signed}",
        "Physician Advisor",
    ]
    text = "\n".join([*intro, *body, *close])
    name = f"Partial_Approval_{stamp(letter_day)}.pdf"
    gold = DocGold(file=name, kind="authorization", date=letter_day, authorization=(start, ok_end))
    return pdf(name, text, footer="Page {page} of {pages}"), gold


def _valid_through(
    rng: random.Random, m: Member, um: str, service: tuple[str, str, str], sent: dt.date
) -> tuple[DocFile, DocGold]:
    code, _, unit = service
    end = plus(sent, rng.randrange(18, 32))
    lines = [
        f"From: {um} <noreply-auth@plan.example>",
        f"Sent: {fmt(sent, 'long')} 3:12 PM",
        "Subject: Authorization update",
        "",
        f"Member: {m.who.full}",
        "",
        para(
            f"The authorization for {code} has been extended by {rng.randrange(4, 9)} {unit}. "
            f"It is valid through {fmt(end, pick(rng, ('us', 'long')))}. Please request any "
            "further services before that date."
        ),
    ]
    name = f"Auth_Update_Email_{stamp(sent)}.txt"
    gold = DocGold(file=name, kind="authorization", date=sent, authorization=(None, end))
    return txt(name, "\n".join(lines)), gold


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    m = member(people)
    payer, um = pick(rng, PAYERS)
    provider = pick(rng, PROVIDERS)
    reviewer = people.person(pick(rng, ("MD", "DO")))
    service = pick(rng, SERVICES)
    admit = admission(rng)
    first_end = plus(admit, rng.randrange(20, 30))
    decided = plus(admit, -rng.randrange(1, 4))
    files: list[DocFile] = []
    golds: list[DocGold] = []
    f, g = _portal(rng, m, payer, provider, service, admit, first_end, decided)
    files.append(f)
    golds.append(g)
    start2 = plus(first_end, 1)
    received = plus(first_end, -rng.randrange(5, 9))
    letter_day = plus(received, rng.randrange(2, 5))
    f, g = _partial(rng, m, um, provider, reviewer, service, start2, received, letter_day)
    files.append(f)
    golds.append(g)
    f, g = _valid_through(rng, m, um, service, plus(letter_day, rng.randrange(14, 20)))
    files.append(f)
    golds.append(g)
    return DocChart(files=tuple(files), gold=tuple(golds))


FAMILY = DocFamily(
    name="f6-auth-portal-inquiry",
    split="dev",
    description=(
        "A multi-payer portal's authorization inquiry printout (278 response as dotted "
        "labelled fields), a payer's partial-approval letter (PDF) in a sentence or a "
        "Requested / Approved / Not approved table, and an e-mail extending an "
        "authorization 'valid through' a date with no start."
    ),
    conventions=(
        "Certification Effective / Expiration Date and an Event Date Range; quantity in "
        "days, sessions or units",
        "the printout's 'Printed' stamp and 'Next Review Due' are not the decision date or "
        "the period",
        "a partial approval: the approved dates, never the requested or the not approved",
        "'valid through <date>' with no start: (None, end)",
        "received date, appeal deadline and date of birth are no periods",
    ),
    render=_render,
    tags=("authorization",),
)
