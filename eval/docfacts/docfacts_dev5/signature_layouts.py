"""f5-signature-layouts: one organisation's plans, certifications and risk assessments,
each closed by a signature block laid out another way: a signature log table (Signer |
Role | Credential | Signed | Method, names written "Last, First"), "Authored by" /
"Authenticated by" lines, a credential on the line under the name, a PDF digital-signature
stamp ("Digitally signed by ... Date: 2026.01.05 16:40:12 -07'00'"), "Signed (e-sig):"
lines, and a reviewer written only as "Dr. <name>".

What the gold keeps: every signer, the first credential written with each name (none for
"Dr. <name>" alone), the member's or a guardian's own signature (no credential), and a
required line left blank or marked not signed, by its role as written."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    Member,
    People,
    Who,
    admission,
    chance,
    clock,
    fmt,
    member,
    pick,
    plus,
    txt,
)
from eval.docfacts.docfacts_dev5._common import grid, stamp
from eval.docfacts.model import DocChart, DocFamily, DocFile, DocGold, GoldRisk, GoldSigner

ORGS = (
    "Wrenfield Behavioral Health Partners",
    "Tallgrass Counseling & Psychiatry",
    "Osprey Point Mental Health Services",
)


@dataclass(frozen=True)
class Line:
    """One signature, or a required one left blank (``who`` None, ``role`` as written)."""

    role: str
    who: Who | None
    doctor_only: bool = False  # written "Dr. <last>" with no credential

    def gold(self) -> GoldSigner:
        if self.who is None:
            return GoldSigner(self.role, None, signed=False)
        if self.doctor_only:
            return GoldSigner(f"Dr. {self.who.last}", None)
        return GoldSigner(self.who.full, self.who.norm)


def _log(rng: random.Random, day: dt.date, lines: list[Line]) -> list[str]:
    rows = []
    for ln in lines:
        if ln.who is None:
            rows.append(["--", ln.role, "--", "NOT SIGNED", "--"])
            continue
        name = f"Dr. {ln.who.last}" if ln.doctor_only else f"{ln.who.last}, {ln.who.first}"
        cred = "--" if ln.doctor_only or ln.who.cred is None else ln.who.cred
        method = "signature pad" if ln.who.cred is None else "e-signature"
        rows.append([name, ln.role, cred, f"{fmt(day)} {clock(rng, h24=True)}", method])
    return ["SIGNATURE LOG", *grid(("Signer", "Role", "Credential", "Signed", "Method"), rows)]


def _authenticated(rng: random.Random, day: dt.date, lines: list[Line]) -> list[str]:
    out = []
    for i, ln in enumerate(lines):
        if ln.who is None:
            out.append(f"{ln.role}: required - not yet authenticated")
        elif ln.doctor_only:
            out.append(f"Reviewed: Dr. {ln.who.last} {fmt(day)}")
        else:
            verb = "Authored by" if i == 0 else "Authenticated by"
            at = clock(rng, lo=8, hi=12) if i == 0 else clock(rng, lo=13, hi=18)
            out.append(f"{verb}: {ln.who.signed} ({ln.role}) on {fmt(day)} at {at}")
    return out


def _next_line(rng: random.Random, day: dt.date, lines: list[Line]) -> list[str]:
    out = []
    for ln in lines:
        if ln.who is None:
            out += ["_______________________________", f"{ln.role}                Date", ""]
        elif ln.doctor_only:
            out += [f"/s/ Dr. {ln.who.last}", ln.role, fmt(day), ""]
        else:
            second = f"{ln.who.cred}, {ln.role}" if ln.who.cred else ln.role
            out += [f"/s/ {ln.who.full}", second, fmt(day), ""]
    return out


def _digital(rng: random.Random, day: dt.date, lines: list[Line]) -> list[str]:
    out = []
    for ln in lines:
        if ln.who is None:
            out.append(f"{ln.role}: [signature field empty]")
            continue
        shown = f"Dr. {ln.who.last}" if ln.doctor_only else ln.who.signed
        out += [
            f"{ln.role}:",
            f"   Digitally signed by {shown}",
            f"   Date: {day:%Y.%m.%d} {clock(rng, h24=True)}:{rng.randrange(10, 60)} -07'00'",
        ]
    return out


def _esig(rng: random.Random, day: dt.date, lines: list[Line]) -> list[str]:
    out = []
    for ln in lines:
        if ln.who is None:
            out.append(f"{ln.role} (e-sig): ____________________")
        elif ln.doctor_only:
            out.append(f"Signed (e-sig): Dr. {ln.who.last}  {fmt(day)}")
        elif ln.who.cred is None:
            out.append(f"Signed (e-sig): {ln.who.full} ({ln.role.lower()})  {fmt(day)}")
        else:
            out.append(f"Signed (e-sig): {ln.who.full} {ln.who.cred}  {fmt(day)}")
    return out


LAYOUTS = (_log, _authenticated, _next_line, _digital, _esig)


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    layouts = rng.sample(list(LAYOUTS), 3)
    youth = rng.randrange(3) == 0
    m: Member = member(people, adolescent=youth)
    dx = pick(rng, MH_DX)
    org = pick(rng, ORGS)
    admit = admission(rng)
    therapist = people.person(pick(rng, ("LCSW", "LPC", "LMFT", "LCPC")))
    doctor = people.person(pick(rng, ("MD", "DO")))
    nurse_p = people.person(pick(rng, ("PMHNP", "APRN")))
    supervisor = people.person(pick(rng, ("PHD", "PSYD", "LCSW")))
    files: list[DocFile] = []
    golds: list[DocGold] = []

    # ---------------------------------------------------------------- certification
    cert_day = plus(admit, rng.randrange(0, 3))
    if chance(rng, 0.5):
        cert_lines = [Line("Certifying practitioner", nurse_p), Line("Supervising physician", None)]
    else:
        cert_lines = [Line("Certifying physician", doctor)]
    text = [
        org.upper(),
        "CERTIFICATION OF NEED - INTENSIVE OUTPATIENT PROGRAM",
        f"Patient: {m.who.full}    DOB: {fmt(m.dob)}    Date: {fmt(cert_day)}",
        "",
        f"Diagnosis: {dx.name} ({dx.code}).",
        "The patient's symptoms have worsened despite weekly outpatient therapy and now keep "
        f"{m.him} from work or school and from ordinary family routines. {m.She} needs at least "
        "9 hours of intensive outpatient services per week.",
        "",
        *layouts[0](rng, cert_day, cert_lines),
    ]
    name = f"IOP_Certification_{stamp(cert_day)}.txt"
    files.append(txt(name, "\n".join(text)))
    golds.append(
        DocGold(
            file=name,
            kind="certification",
            date=cert_day,
            signers=tuple(ln.gold() for ln in cert_lines),
        )
    )

    # ---------------------------------------------------------------- treatment plan
    plan_day = plus(cert_day, rng.randrange(1, 4))
    plan_lines = [Line("Primary therapist", therapist)]
    if youth:
        guardian = Who(pick(rng, ("Maria", "Denise", "Robert", "Anthony")), m.who.last)
        plan_lines += [
            Line("Youth", m.who),
            Line("Parent/legal guardian", guardian),
        ]
    else:
        plan_lines.append(Line("Member", m.who))
    plan_lines.append(
        pick(
            rng,
            (
                Line("Psychiatrist", doctor),
                Line("Medical Director", None),
                Line("Psychiatrist", doctor, doctor_only=True),
            ),
        )
    )
    text = [
        org,
        "INDIVIDUALIZED TREATMENT PLAN",
        f"Member: {m.who.full}    DOB: {fmt(m.dob)}    Plan date: {fmt(plan_day)}",
        f"Diagnosis: {dx.code} {dx.name}",
        "",
        "Goal 1: Reduce symptoms enough to return to a regular daily routine.",
        "Goal 2: Build a written safety plan with three people to call.",
        "Services: IOP groups three days a week, individual therapy weekly, medication management.",
        "Coordination: reviewed with the treatment team; releases on file for the PCP.",
        "",
        *layouts[1](rng, plan_day, plan_lines),
    ]
    name = f"Treatment_Plan_{stamp(plan_day)}.txt"
    files.append(txt(name, "\n".join(text)))
    golds.append(
        DocGold(
            file=name,
            kind="treatment_plan",
            date=plan_day,
            signers=tuple(ln.gold() for ln in plan_lines),
        )
    )

    # ---------------------------------------------------------------- risk assessment
    risk_day = plus(plan_day, rng.randrange(5, 12))
    risk_lines = [
        Line("Assessing clinician", therapist),
        Line("Clinical supervisor", supervisor),
        Line("Psychiatrist review", doctor, doctor_only=True),
    ]
    text = [
        org,
        "SUICIDE AND VIOLENCE RISK ASSESSMENT",
        f"Member: {m.who.full}    Date of assessment: {fmt(risk_day)}",
        "",
        f"Current: {m.she} denies suicidal and homicidal ideation, plan or intent; no "
        "preparatory behavior; no access to firearms.",
        "History: no prior attempts; no violence.",
        "Risk formulation: acute risk LOW. Does not require 24-hour supervision; outpatient "
        "intensive level of care remains appropriate.",
        "",
        *layouts[2](rng, risk_day, risk_lines),
    ]
    name = f"Risk_Assessment_{stamp(risk_day)}.txt"
    files.append(txt(name, "\n".join(text)))
    golds.append(
        DocGold(
            file=name,
            kind="risk_assessment",
            date=risk_day,
            signers=tuple(ln.gold() for ln in risk_lines),
            risk=GoldRisk(imminent_danger=False, needs_24h_supervision=False),
        )
    )
    return DocChart(files=tuple(files), gold=tuple(golds))


FAMILY = DocFamily(
    name="f5-signature-layouts",
    split="dev",
    description=(
        "One organisation's certification, plan and risk assessment, each with a signature "
        "block laid out another way: a signature log table with 'Last, First' names, "
        "'Authored by' / 'Authenticated by' lines, credential on the next line, PDF digital "
        "signature stamps, 'Signed (e-sig):' lines; guardians and youths signing plans."
    ),
    conventions=(
        "names written 'Last, First' in a log table, credential in its own column",
        "credential on the line under the name ('LCSW, Primary therapist')",
        "'Digitally signed by <name>, <cred>' with 'Date: 2026.01.05 16:40:12 -07'00''",
        "blank required lines: 'NOT SIGNED' rows, 'required - not yet authenticated', "
        "'[signature field empty]', an underscore line over its role",
        "a reviewer written 'Dr. <last>' only: a signer without a credential",
        "a youth and a parent/legal guardian who share a last name both sign the plan",
    ),
    render=_render,
    tags=("signers",),
)
