"""CMS-1500 claim forms as a billing system prints them to text, with the encounter notes
sent as claim attachments, one file per month of service.

Each claim form carries the patient block (name, birth date as "MM DD YY"), box 19
remarks (the IOP episode), box 21 diagnosis and up to six service lines in box 24 (dates
of service "03 03 25", place of service, CPT/HCPCS code with modifiers, diagnosis pointer,
charges, units, rendering NPI) and the billing clinician's signature and date. An IOP day
bills one per-diem line (S9480, or H0015 for a substance-use diagnosis) that covers the
day's groups; individual, family, case-management (T1016, 15-minute units) and medication
visits bill lines of their own (modifier 95 on video). Missed sessions are not billed.

The encounter notes after the forms document every session one by one, billed or not:
date of service, clock times ("1300-1430 hrs" or "13:00:00-14:30:00"), the service with
its code, status (present with the client's own arrival or departure time when late or
early; absent, no-show or cancelled with a reason), participants and facilitators for
groups, and a sentence of content. Lunch is not documented.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

TIME_STYLES = ("hrs1", "sec")
FEES = {
    "S9480": 425.00,
    "H0015": 390.00,
    "90834": 142.00,
    "90837": 188.00,
    "90847": 160.00,
    "T1016": 28.50,
    "99213": 115.00,
}


NPI = ("1487293655", "1932018476", "1750396628")


def _per_diem(scn: Scenario) -> str:
    return "H0015" if scn.diagnosis_code.startswith("F1") else "S9480"


def _lines(scn: Scenario, sessions: list[PlannedSession]) -> list[tuple[str, ...]]:
    """Box 24 lines of a month: (DOS, POS, code, modifiers, pointer, charges, units)."""
    out: list[tuple[str, ...]] = []
    for day, items in k.by_day(sessions).items():
        dos = k.date(day, "box")
        groups = [s for s in items if s.kind in k.GROUP_KINDS and s.attended]
        if groups:
            video = all(k.is_video(s) for s in groups)
            code = _per_diem(scn)
            out.append(
                (
                    dos,
                    "10" if video else "11",
                    code,
                    "95" if video else "",
                    "A",
                    f"{FEES[code]:.2f}",
                    "1",
                )
            )
        for s in items:
            if s.kind in k.GROUP_KINDS or s.kind is ServiceKind.MEAL or not s.attended:
                continue
            code = k.code(s)
            units = int(s.minutes // 15) if code == "T1016" else 1
            out.append(
                (
                    dos,
                    "10" if k.is_video(s) else "11",
                    code,
                    "95" if k.is_video(s) else "",
                    "A",
                    f"{FEES.get(code, 100.0) * units:.2f}",
                    str(units),
                )
            )
    return out


def _form(
    scn: Scenario, lines: list[tuple[str, ...]], n: int, signed: dt.date, npi: str
) -> list[str]:
    m = scn.member
    bar = "=" * 92
    out = [
        bar,
        f"HEALTH INSURANCE CLAIM FORM  1500  (02/12)          CLAIM {n:02d}   PICA [ ]",
        bar,
        "1. MEDICARE [ ]  MEDICAID [ ]  GROUP HEALTH PLAN [X]      1a. INSURED'S I.D. NUMBER  "
        + m.member_id,
        f"2. PATIENT'S NAME  {m.last.upper()}, {m.first.upper()}"
        f"      3. PATIENT'S BIRTH DATE  MM DD YY  {k.date(m.date_of_birth, 'box')}",
        "19. ADDITIONAL CLAIM INFORMATION  IOP episode: admitted "
        + k.date(scn.admission_date, "us"),
        f"21. ICD IND 0   A. {scn.diagnosis_code.replace('.', '')}",
        "24. A. DATE(S) OF SERVICE      B.     D. PROCEDURES, SERVICES    E. DIAG.  F.     "
        "     G.     J. RENDERING",
        "    From        To             POS    CPT/HCPCS  MODIFIER        POINTER   $ CHARGES "
        "  UNITS  PROVIDER ID #",
    ]
    for i, (dos, pos, code, mod, ptr, charge, units) in enumerate(lines, start=1):
        out.append(
            f"{i:<4}{dos:<12}{dos:<15}{pos:<7}{code:<11}{mod:<16}{ptr:<10}"
            f"{charge:>9}   {units:<7}{npi}"
        )
    total = sum(float(line[5]) for line in lines)
    out += [
        f"28. TOTAL CHARGE  $ {total:.2f}      29. AMOUNT PAID  $ 0.00",
        f"31. SIGNATURE OF PHYSICIAN OR SUPPLIER  {scn.physician.name}, "
        f"{scn.physician.credential}   DATE {k.date(signed, 'us')}",
        f"33. BILLING PROVIDER INFO  {scn.program}",
        "",
    ]
    return out


def _note(
    scn: Scenario, s: PlannedSession, rng: random.Random, style: str, n: int, per_diem: str
) -> list[str]:
    time = k.clock_range(s.start, s.end, style)
    code = k.code(s)
    svc = k.service(s) + (f" ({code})" if code else "")
    out = [
        f"ENCOUNTER NOTE  ENC-{n:06d}",
        f"DOS: {k.date(s.date, 'us')}    Time: {time}    Service: {svc}",
    ]
    if s.attended:
        status = "Present"
        if s.member_start is not None:
            status += f" - arrived late at {k.clock_point(s.member_start, style)}"
        if s.member_end is not None:
            status += f" - left early at {k.clock_point(s.member_end, style)}"
        out.append(f"Status: {status}")
        out.append(
            "Setting: "
            + ("Telehealth, video (POS 10)" if k.is_video(s) else "Clinic, in person (POS 11)")
        )
        if s.kind in k.GROUP_KINDS:
            out.append(
                f"Participants: {s.group_size}    Facilitators: "
                + "; ".join(k.staff_name(f, "init") for f in s.facilitators)
            )
            out.append(f"Billing: included in per diem {per_diem} for this date.")
        out += k.wrap("Note: " + k.note(rng, s), 90)
    else:
        word = k.attend(s.attendance)
        out.append(f"Status: {word} - {k.reason(s)}. Not billed.")
    who = k.clinicians(scn, s)
    if who:
        out.append(f"Signed: {k.staff_name(who[0])}  {k.date(s.date, 'us')}")
    out.append("")
    return out


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    style = k.variant(scn, TIME_STYLES)
    npi = rng.choice(NPI)
    per_diem = _per_diem(scn)
    months: dict[tuple[int, int], list[PlannedSession]] = {}
    for s in scn.sessions:
        if s.kind is not ServiceKind.MEAL:
            months.setdefault((s.date.year, s.date.month), []).append(s)
    files: list[ChartFile] = []
    written: list[Written] = []
    claim_no = 0
    note_no = rng.randint(1000, 9000)
    last_month = max(months)
    for (year, month), sessions in months.items():
        name = f"claims_{year}-{month:02d}.txt"
        lines = _lines(scn, sessions)
        month_end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        signed = month_end + dt.timedelta(days=rng.randint(2, 6))
        out = [
            f"{scn.program.upper()} - CLAIMS AND ATTACHMENTS",
            f"Statement period: {k.date(sessions[0].date, 'us')} through "
            f"{k.date(sessions[-1].date, 'us')}",
            "",
        ]
        for i in range(0, len(lines), 6):
            claim_no += 1
            out += _form(scn, lines[i : i + 6], claim_no, signed, npi)
        out += ["-" * 92, "ATTACHMENT: ENCOUNTER NOTES (documentation of services)", "-" * 92, ""]
        for s in sessions:
            note_no += 1
            out += _note(scn, s, rng, style, note_no, per_diem)
            written.append(
                k.written(s, [name], modality=s.attended, group_size=True, facilitators=s.attended)
            )
        if (year, month) == last_month:
            out += [
                f"DISCHARGE: client discharged from IOP on "
                f"{k.date(scn.discharge_date, 'us')} (program completed).",
                "",
            ]
        files.append(ChartFile(name, "\n".join(out).encode("utf-8")))
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d8-claim-form-notes",
    split="dev",
    description=(
        "CMS-1500 claim forms printed to text (box 24 service lines with per-diem S9480 or "
        "H0015 days, CPT lines for individual and family therapy, T1016 units, modifier "
        "95) followed by the encounter notes attached to the claims, one file a month."
    ),
    conventions=(
        "claim box 24 lines with dates as MM DD YY",
        "per-diem billing line covering a day's groups",
        "15-minute units for case management",
        "encounter notes as claim attachments",
        "times as 1300-1430 hrs or 13:00:00-14:30:00",
        "missed sessions documented, not billed",
        "claim signature dated after the month",
    ),
    render=render,
    tags=("claims", "notes"),
)
