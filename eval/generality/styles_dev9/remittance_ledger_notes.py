"""An electronic remittance advice (the payer's 835, printed from the practice-management
system) filed beside the program's brief IOP day notes.

The remittance file holds the payments of the episode's claims, a claim a program week:
the check/EFT header, then per claim the patient, claim status and totals, and service
lines (service date, place of service, procedure and modifiers, units, billed, allowed,
deductible, coinsurance, paid, adjustment group and reason codes such as CO-45 or PR-2).
An IOP day is billed as one per-diem line (S9480, or H0015 for a substance-use
diagnosis) covering its groups; individual, family, case-management and medication visits
have lines of their own; a line may be denied (CO-97, bundled) and a claim may be
reversed and paid again (status 22 then 1), so a day's line is printed two or three
times. Other patients' claims on the same remittance are left out with a notice. One
variant prints the raw X12 segments (CLP, SVC, DTM*472) instead of the readable lines.

The day notes document each program day: the date of service, the billing code, a line
per service with its clock times ("0930-1100" or "9:30a-11:00a"), an attendance code (P,
A, NS, CX with a legend) and the client's own arrival or departure, then a sentence and
the signature. Missed days list the services missed.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

TIME_STYLES = ("mil", "12c")
LAYOUTS = ("readable", "x12")
FEES = {
    "S9480": 425.0,
    "H0015": 390.0,
    "90834": 142.0,
    "90837": 188.0,
    "90847": 160.0,
    "T1016": 28.5,
    "99213": 115.0,
}
ALLOWED = 0.73
CODE_WORD = {
    Attendance.ATTENDED: "P",
    Attendance.ABSENT: "A",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "CX",
}
LABEL = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "GRP PSYTX 90853",
    ServiceKind.GROUP_EDUCATION: "GRP PSYCHOED",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "INDIV PSYTX",
    ServiceKind.FAMILY_COUNSELING: "FAMILY PSYTX 90847",
    ServiceKind.CASE_MANAGEMENT: "CASE MGMT T1016",
    ServiceKind.MEDICATION_MANAGEMENT: "MED MGMT 99213",
}
PAYERS = (
    ("BLUE VALLEY HEALTH PLAN", "47198"),
    ("MERIDIAN CARE ALLIANCE", "MCA01"),
    ("STATE EMPLOYEES BENEFIT TRUST", "60054"),
)


def _per_diem(scn: Scenario) -> str:
    return "H0015" if scn.diagnosis_code.startswith("F1") else "S9480"


def _label(s: PlannedSession) -> str:
    if s.kind is ServiceKind.INDIVIDUAL_PSYCHOTHERAPY:
        return f"{LABEL[s.kind]} {k.code(s)}"
    return LABEL[s.kind]


def _lines(
    scn: Scenario, items: list[PlannedSession]
) -> list[tuple[dt.date, str, str, int, float]]:
    """(date, POS, code+modifier, units, billed) of a week's billed services."""
    out: list[tuple[dt.date, str, str, int, float]] = []
    for day, ss in k.by_day(items).items():
        groups = [s for s in ss if s.kind in k.GROUP_KINDS and s.attended]
        if groups:
            video = all(k.is_video(s) for s in groups)
            c = _per_diem(scn)
            out.append((day, "02" if video else "11", c + (" 95" if video else ""), 1, FEES[c]))
        for s in ss:
            if s.kind in k.GROUP_KINDS or not s.attended:
                continue
            c = k.code(s)
            units = int(s.minutes // 15) if c == "T1016" else 1
            out.append(
                (
                    day,
                    "02" if k.is_video(s) else "11",
                    c + (" 95" if k.is_video(s) else ""),
                    units,
                    FEES.get(c, 100.0) * units,
                )
            )
    return out


def _money(x: float) -> str:
    return f"{x:,.2f}"


def _claim_readable(
    scn: Scenario,
    claim_no: str,
    status: str,
    lines: list[tuple[dt.date, str, str, int, float]],
    sign: int,
    denied: set[int],
) -> list[str]:
    m = scn.member
    billed = sum(x[4] for x in lines) * sign
    out = [
        f"PATIENT: {m.last.upper()}, {m.first.upper()}    MEMBER ID: {m.member_id}    "
        f"PATIENT ACCT #: {int(m.member_id[1:]) % 100000:05d}",
        f"CLAIM #: {claim_no}   STATUS: {status}   CHARGE {_money(billed)}",
        "  SERV DATE   POS  PROC/MOD   UNITS    BILLED   ALLOWED  DEDUCT   COINS     PAID  ADJ",
    ]
    total_paid = 0.0
    for i, (d, pos, c, units, fee) in enumerate(lines):
        if i in denied:
            allowed = paid = coins = 0.0
            adj = f"CO-97 {_money(fee * sign)}"
        else:
            allowed = round(fee * ALLOWED, 2)
            coins = round(allowed * 0.1, 2)
            paid = allowed - coins
            adj = f"CO-45 {_money((fee - allowed) * sign)}; PR-2 {_money(coins * sign)}"
        total_paid += paid * sign
        out.append(
            f"  {k.date(d, 'us')}  {pos}   {c:<9} {units:>5} {_money(fee * sign):>9} "
            f"{_money(allowed * sign):>9} {'0.00':>7} {_money(coins * sign):>7} "
            f"{_money(paid * sign):>8}  {adj}"
        )
        if i in denied:
            out.append("              REMARK N20: service not payable with other service rendered")
    out.append(f"  CLAIM PAID {_money(total_paid)}")
    out.append("")
    return out


def _claim_x12(
    scn: Scenario,
    claim_no: str,
    status: str,
    lines: list[tuple[dt.date, str, str, int, float]],
    sign: int,
    denied: set[int],
) -> list[str]:
    m = scn.member
    billed = sum(x[4] for x in lines) * sign
    code = status.split()[0]
    paid_total = (
        sum(0.0 if i in denied else round(x[4] * ALLOWED * 0.9, 2) for i, x in enumerate(lines))
        * sign
    )
    out = [
        f"CLP*{claim_no}*{code}*{billed:.2f}*{paid_total:.2f}**12*{claim_no[-6:]}~",
        f"NM1*QC*1*{m.last.upper()}*{m.first.upper()}****MI*{m.member_id}~",
    ]
    for i, (d, _pos, c, units, fee) in enumerate(lines):
        proc = c.replace(" ", ":")
        paid = 0.0 if i in denied else round(fee * ALLOWED * 0.9, 2)
        out.append(f"SVC*HC:{proc}*{fee * sign:.2f}*{paid * sign:.2f}**{units}~")
        out.append(f"DTM*472*{d:%Y%m%d}~")
        if i in denied:
            out.append(f"CAS*CO*97*{fee * sign:.2f}~")
        else:
            allowed = round(fee * ALLOWED, 2)
            out.append(f"CAS*CO*45*{(fee - allowed) * sign:.2f}~")
            out.append(f"CAS*PR*2*{round(allowed * 0.1, 2) * sign:.2f}~")
    return out


def _day_note(
    scn: Scenario, items: list[PlannedSession], style: str, rng: random.Random
) -> list[str]:
    d = items[0].date
    attended = [s for s in items if s.attended]
    billed = any(s.kind in k.GROUP_KINDS for s in attended)
    head = f"DOS {k.date(d, 'us')} ({k.WEEKDAYS[d.weekday()][:3]})   IOP DAY NOTE   "
    head += f"Per diem {_per_diem(scn)}" if billed else "not billed"
    out = [head]
    for s in items:
        span = k.clock_range(s.start, s.end, style)
        mark = CODE_WORD[s.attendance]
        extra = []
        if s.member_start is not None:
            extra.append(f"arr {k.clock(s.member_start, style)}")
        if s.member_end is not None:
            extra.append(f"dep {k.clock(s.member_end, style)}")
        if s.attended and k.is_video(s):
            extra.append("video")
        title = s.title if s.kind in k.GROUP_KINDS else ""
        out.append(
            f"  {span:<13} {title[:27]:<27} {_label(s):<20} {mark:<3} {' '.join(extra)}".rstrip()
        )
    if attended:
        out += [
            "  " + x for x in k.wrap("Mood stable, denies SI/HI. " + k.note(rng, attended[0]), 88)
        ]
    else:
        s0 = items[0]
        out.append(
            f"  Client {k.attend(s0.attendance).lower()} today: {k.reason(s0)}. "
            f"Outreach call {k.clock(k.plus(items[0].start, 75), style)}, left VM."
        )
    who = k.clinicians(scn, attended[0]) if attended else (scn.therapists[0],)
    signer = who[0] if who else scn.therapists[0]
    out.append(
        f"  /s/ {k.staff_name(signer, 'init')}  {k.date(d, 'us')} "
        f"{k.clock(k.plus(items[-1].end, rng.randint(10, 90)), style)}"
    )
    out.append("")
    return out


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    style = k.variant(scn, TIME_STYLES)
    layout = LAYOUTS[(scn.seed // 2) % len(LAYOUTS)]
    m = scn.member
    services = k.services(scn)
    days = k.by_day(services)
    notes_name = "iop_day_notes.txt"
    era_name = "remittance_835.txt"

    notes = [
        f"{scn.program.upper()} - IOP DAY NOTES",
        f"Client: {m.last}, {m.first}   MRN {m.member_id}   DOB {k.date(m.date_of_birth, 'us')}",
        f"Admit {k.date(scn.admission_date, 'us')}   Dx {scn.diagnosis_code} {scn.diagnosis_name}",
        "Attendance codes: P present  A absent  NS no-show  CX cancelled;"
        " arr/dep = client's own arrival/departure",
        "",
    ]
    for d in sorted(days):
        notes += _day_note(scn, days[d], style, rng)
    notes.append(f"DISCHARGE {k.date(scn.discharge_date, 'us')}: completed IOP, referred to OP.")

    payer, payer_id = rng.choice(PAYERS)
    npi = rng.choice(("1487293655", "1932018476", "1750396628"))
    era: list[str] = []
    weeks: dict[int, list[PlannedSession]] = {}
    for s in services:
        weeks.setdefault((s.date - scn.admission_date).days // 7, []).append(s)
    reversed_week = rng.choice(sorted(weeks)) if len(weeks) > 1 else -1
    check = rng.randint(400_000, 499_999)
    for w, items in sorted(weeks.items()):
        lines = _lines(scn, items)
        if not lines:
            continue
        pay_date = items[-1].date + dt.timedelta(days=rng.randint(14, 30))
        check += rng.randint(3, 90)
        denied = {
            i
            for i, x in enumerate(lines)
            if not x[2].startswith(_per_diem(scn)) and rng.random() < 0.15
        }
        claim_no = f"25{rng.randint(100, 999)}A{rng.randint(10000, 99999)}"
        header = [
            "=" * 100,
            f"ELECTRONIC REMITTANCE ADVICE - 835   Payer: {payer} (ID {payer_id})",
            f"Payee: {scn.program.upper()}   NPI {npi}",
            f"EFT trace #: {check:09d}   Payment date: {k.date(pay_date, 'us')}   "
            f"Claims on remittance: {rng.randint(6, 30)}",
            "-" * 100,
        ]
        era += header
        claims = [("1 PROCESSED AS PRIMARY", 1, denied)]
        if w == reversed_week:
            claims = [
                ("1 PROCESSED AS PRIMARY", 1, denied),
                ("22 REVERSAL OF PREVIOUS PAYMENT", -1, denied),
                ("1 PROCESSED AS PRIMARY (CORRECTED)", 1, set()),
            ]
        for status, sign, den in claims:
            if layout == "readable":
                era += _claim_readable(scn, claim_no, status, lines, sign, den)
            else:
                era += _claim_x12(scn, claim_no, status, lines, sign, den)
        era += ["*** CLAIMS FOR OTHER PATIENTS ON THIS REMITTANCE ARE NOT PRINTED ***", ""]

    written: list[Written] = []
    billed_days = {x[0] for x in _lines(scn, services)}
    for s in services:
        files = [notes_name]
        if s.attended and s.kind not in k.GROUP_KINDS and s.date in billed_days:
            files.append(era_name)
        written.append(k.written(s, files, modality=s.attended and k.is_video(s)))
    return RenderedChart(
        files=(
            ChartFile(era_name, "\n".join(era).encode("utf-8")),
            ChartFile(notes_name, "\n".join(notes).encode("utf-8")),
        ),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d9-remittance-ledger-notes",
    split="dev",
    description=(
        "A payer's remittance advice (835) printed readable or as raw X12 segments, one "
        "claim a program week with per-diem and visit lines, denials and a reversal, beside "
        "brief IOP day notes with a line per service and attendance codes."
    ),
    conventions=(
        "remittance service lines with billed/allowed/paid and CARC codes",
        "raw X12 CLP/SVC/DTM*472 segments in one variant",
        "a reversed and repaid claim prints a day's lines again",
        "day notes: a line per service with 0930-1100 or 9:30a-11:00a",
        "attendance codes P/A/NS/CX with a legend",
        "arr/dep abbreviations for late arrival and early leave",
    ),
    render=render,
    tags=("billing", "notes"),
)
