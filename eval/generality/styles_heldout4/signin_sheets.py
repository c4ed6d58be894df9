"""Scanned group sign-in sheets (a PDF page per group, with every participant's row), a
provider-visit log for the non-group services and, in some charts, the claims that billed
them (a raw X12 837P file or a CMS-1500 claim-line report).

On a sign-in sheet the header gives the group's scheduled time; each member row has a time
in, a time out and a signature, or a status instead (NO SHOW, ABSENT, CANCELLED). The
member is one row among others. Claims carry a date of service and a CPT code with units,
never times; a session billed is the same session as its sheet or log entry.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario, Staff
from eval.generality.styles_heldout4._kit import (
    Bold,
    ChartBuilder,
    PdfLine,
    end_of,
    facilitator_text,
    is_group,
    mdy,
    monday,
    other_names,
    pdf,
    program_week,
    start_of,
    t12,
    t12_bare,
    video,
)

STATUS = {
    Attendance.ABSENT: "ABSENT",
    Attendance.NO_SHOW: "NO SHOW",
    Attendance.CANCELLED: "CANCELLED",
}
FEES = {"90853": 95, "90834": 140, "90837": 180, "90847": 150, "T1016": 28, "99213": 110}
WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _row(n: int, name: str, tin: str, tout: str, sig: str) -> str:
    return f"{n:>2}  {name:<26}{tin:<10}{tout:<10}{sig}"


def _sheet(
    scn: Scenario,
    s: PlannedSession,
    rng: random.Random,
    *,
    bare: bool,
    scanned: dt.date | None,
) -> list[PdfLine]:
    def tt(t: dt.time) -> str:
        return t12_bare(t) if bare else t12(t)

    meal = s.kind is ServiceKind.MEAL
    title = "MEAL SIGN-IN (non-billable)" if meal else "GROUP ATTENDANCE / SIGN-IN SHEET"
    where = (
        "Telehealth (video) - Zoom"
        if video(s)
        else rng.choice(("Group Room 2", "Room 104", "Dayroom"))
    )
    lines: list[PdfLine] = [
        Bold(f"{scn.program.upper()}"),
        Bold(title),
        "",
        f"Date: {mdy(s.date)} ({WEEKDAY_ABBR[s.date.weekday()]})      "
        f"{'Service' if meal else 'Group'}: {s.title}",
        f"Scheduled: {t12(s.start)} - {t12(s.end)}      Location: {where}",
    ]
    if s.facilitators:
        lines.append(f"Facilitator(s): {facilitator_text(s)}")
    if s.topic and not meal:
        lines.append(f"Topic: {s.topic}")
    lines += [
        "-" * 86,
        Bold(
            _row(0, "Participant (print)", "Time In", "Time Out", "Signature / Status").replace(
                " 0", " #", 1
            )
        ),
        "-" * 86,
    ]
    member_name = scn.member.name
    if s.attended:
        present_others = (s.group_size - 1) if s.group_size else rng.randint(3, 8)
    else:
        present_others = rng.randint(3, 8)
    absent_others = rng.choice((0, 0, 1, 1, 2))
    names = other_names(rng, present_others + absent_others, member_name)
    rows: list[tuple[str, str, str, str]] = []
    sig_video = "via video"
    for name in names[:present_others]:
        first, last = name.split(" ", 1)
        rows.append(
            (name, tt(s.start), tt(s.end), sig_video if video(s) else f"{first[0]}. {last}")
        )
    for name in names[present_others:]:
        rows.append((name, rng.choice(("NO SHOW", "EXCUSED")), "", ""))
    if s.attended:
        mine = (
            member_name,
            tt(start_of(s)),
            tt(end_of(s)),
            sig_video if video(s) else f"{scn.member.first[0]}. {scn.member.last}",
        )
    else:
        status = STATUS[s.attendance]
        mine = (
            member_name,
            status + (f" - {s.absence_reason}" if s.absence_reason else ""),
            "",
            "",
        )
    rows.insert(rng.randint(0, len(rows)), mine)
    for n, (name, tin, tout, sig) in enumerate(rows, start=1):
        if tout == "" and sig == "":
            lines.append(f"{n:>2}  {name:<26}{tin}")
        else:
            lines.append(_row(n, name, tin, tout, sig))
    lines += ["-" * 86, f"Members present: {present_others + (1 if s.attended else 0)}"]
    if s.facilitators:
        lead = s.facilitators[0]
        lines.append(f"Facilitator signature: {lead.name}, {lead.credential}   Date: {mdy(s.date)}")
    if scanned is not None:
        lines.append(f"Scanned {mdy(scanned)} {rng.randint(8, 17)}:{rng.randint(0, 59):02d}")
    return lines


def _visit_entry(scn: Scenario, s: PlannedSession, signed: dt.date) -> list[str]:
    provider: Staff | None = (
        scn.physician if s.kind is ServiceKind.MEDICATION_MANAGEMENT else scn.therapists[0]
    )
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        provider = None
    code = f" ({s.cpt})" if s.cpt else ""
    status = (
        "Attended" if s.attended else STATUS[s.attendance].title().replace("No Show", "No-show")
    )
    if s.absence_reason:
        status += f" - {s.absence_reason}"
    lines = [
        f"Visit date: {mdy(s.date)}    Visit type: {s.title}{code}",
        f"Provider: {provider.name}, {provider.credential}"
        if provider
        else "Provider: case management staff",
        f"Start: {t12(s.start)}   Stop: {t12(s.end)}   Total: {int(s.scheduled_minutes)} min",
        f"Mode: {'Video (telehealth)' if video(s) else 'In person'}",
        f"Status: {status}",
    ]
    if s.attended:
        lines.append(f"Note: {s.topic.capitalize()}; member engaged, plan reviewed.")
    lines.append(f"Signed: {(provider.name if provider else 'staff')} {mdy(signed)}")
    return [*lines, ""]


def _x12(scn: Scenario, billed: list[PlannedSession], created: dt.date, rng: random.Random) -> str:
    sender = "".join(c for c in scn.program.upper() if c.isalpha())[:15]
    ctrl = rng.randint(100_000_000, 999_999_999)
    hm = f"{rng.randint(8, 18):02d}{rng.randint(0, 59):02d}"
    ymd = created.strftime("%Y%m%d")
    m = scn.member
    seg: list[str] = [
        f"ISA*00*          *00*          *ZZ*{sender:<15}*ZZ*{'OPTUMEDI':<15}*"
        f"{created.strftime('%y%m%d')}*{hm}*^*00501*{ctrl:09d}*0*P*:",
        f"GS*HC*{sender}*OPTUMEDI*{ymd}*{hm}*1*X*005010X222A1",
        "ST*837*0001*005010X222A1",
        f"BHT*0019*00*{rng.randint(10_000, 99_999)}*{ymd}*{hm}*CH",
        f"NM1*41*2*{scn.program.upper()}*****46*{rng.randint(100_000, 999_999)}",
        "NM1*40*2*OPTUM*****46*87726",
        "HL*1**20*1",
        f"NM1*85*2*{scn.program.upper()}*****XX*{rng.randint(10**9, 10**10 - 1)}",
        "HL*2*1*22*0",
        "SBR*P*18*******CI",
        f"NM1*IL*1*{m.last.upper()}*{m.first.upper()}****MI*{m.member_id}",
        f"DMG*D8*{m.date_of_birth.strftime('%Y%m%d')}*U",
    ]
    by_week: dict[dt.date, list[PlannedSession]] = {}
    for s in billed:
        by_week.setdefault(monday(s.date), []).append(s)
    for wk, items in sorted(by_week.items()):
        total = sum(FEES[s.cpt or ""] * _units(s) for s in items)
        seg.append(f"CLM*{m.member_id[-4:]}{wk.strftime('%m%d')}*{total}***11:B:1*Y*A*Y*Y")
        seg.append(f"HI*ABK:{scn.diagnosis_code.replace('.', '')}")
        for n, s in enumerate(items, start=1):
            mod = ":95" if video(s) else ""
            seg += [
                f"LX*{n}",
                f"SV1*HC:{s.cpt}{mod}*{FEES[s.cpt or ''] * _units(s)}*UN*{_units(s)}***1",
                f"DTP*472*D8*{s.date.strftime('%Y%m%d')}",
            ]
    seg += [f"SE*{len(seg) - 1}*0001", "GE*1*1", f"IEA*1*{ctrl:09d}"]
    return "~\n".join(seg) + "~\n"


def _units(s: PlannedSession) -> int:
    return int(s.scheduled_minutes // 15) if s.cpt == "T1016" else 1


def _claim_report(scn: Scenario, billed: list[PlannedSession], rng: random.Random) -> str:
    m = scn.member
    out = [
        "CLAIM LINE DETAIL REPORT - PROFESSIONAL (CMS-1500 02/12)",
        f"Billing provider: {scn.program}",
        f"Patient: {m.last.upper()}, {m.first.upper()}    Member ID: {m.member_id}"
        f"    Dx: {scn.diagnosis_code}",
        "",
        f"{'Claim #':<12}{'Ln':>3}  {'DOS From':<11}{'DOS To':<11}{'POS':<5}{'Proc':<7}"
        f"{'Mod':<5}{'Units':>5}{'Charges':>10}",
        "-" * 72,
    ]
    claim = rng.randint(10**9, 10**10 - 1)
    week: dt.date | None = None
    ln = 0
    for s in billed:
        if monday(s.date) != week:
            week = monday(s.date)
            claim += 1
            ln = 0
        ln += 1
        fee = FEES[s.cpt or ""] * _units(s)
        out.append(
            f"{claim:<12}{ln:>3}  {mdy(s.date):<11}{mdy(s.date):<11}"
            f"{'02' if video(s) else '11':<5}{s.cpt or '':<7}{'95' if video(s) else '':<5}"
            f"{_units(s):>5}{fee:>10.2f}"
        )
    return "\n".join(out) + "\n"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    b = ChartBuilder(scn)
    bare = rng.random() < 0.5
    claims = ("x12", "none", "report", "none")[(scn.seed % 100) % 4]
    face = claims != "none" or rng.random() < 0.5
    weekly = rng.random() < 0.5
    scanned_lag = rng.randint(1, 4) if face else None
    sheet_sessions = [s for s in scn.sessions if is_group(s) or s.kind is ServiceKind.MEAL]
    other = [s for s in scn.sessions if s not in sheet_sessions]

    pages: dict[str, list[list[PdfLine]]] = {}
    for s in sheet_sessions:
        if weekly:
            wk = program_week(scn, s.date)
            name = f"signin_week_{wk:02d}.pdf"
        else:
            name = "group_signin_sheets.pdf"
        scanned = s.date + dt.timedelta(days=scanned_lag) if scanned_lag else None
        if scanned:
            b.date(scanned)
        pages.setdefault(name, []).append(_sheet(scn, s, rng, bare=bare, scanned=scanned))
        b.doc(
            s,
            name,
            length=True,
            member_times=True,
            modality=video(s),
            group_size=s.attended,
            facilitators=True,
        )
    for name, file_pages in pages.items():
        total = len(file_pages)
        numbered = [[*p, "", f"Page {i} of {total}"] for i, p in enumerate(file_pages, start=1)]
        b.add_bytes(name, pdf(numbered, size=9.5, leading=13.0))

    if other:
        m = scn.member
        text = [
            f"PROVIDER VISIT LOG - {scn.program}",
            f"Member: {m.name}    DOB: {mdy(m.date_of_birth)}    ID: {m.member_id}",
            "=" * 64,
            "",
        ]
        for s in other:
            signed = s.date + dt.timedelta(days=rng.choice((0, 0, 1)))
            b.date(signed)
            text += _visit_entry(scn, s, signed)
            b.doc(s, "provider_visit_log.txt", length=True, member_times=False)
        b.add_text("provider_visit_log.txt", "\n".join(text))

    billed = [s for s in scn.sessions if s.attended and s.cpt]
    if claims != "none" and billed:
        created = scn.discharge_date + dt.timedelta(days=rng.randint(2, 9))
        b.date(created)
        if claims == "x12":
            name = f"837P_{created.strftime('%Y%m%d')}.x12.txt"
            b.add_text(name, _x12(scn, billed, created, rng))
        else:
            name = "claim_line_detail.txt"
            b.add_text(name, _claim_report(scn, billed, rng))
        for s in billed:
            b.doc(s, name, length=False, kind=True, attendance=False)

    if face:
        m = scn.member
        days = sorted({s.date.weekday() for s in scn.sessions})
        first = min(s.start for s in scn.sessions if is_group(s))
        last = max(s.end for s in scn.sessions if is_group(s) or s.kind is ServiceKind.MEAL)
        b.add_text(
            "face_sheet.txt",
            "\n".join(
                [
                    "CLIENT FACE SHEET",
                    f"Program: {scn.program} - Intensive Outpatient",
                    f"Client: {m.name}",
                    f"DOB: {mdy(m.date_of_birth)}",
                    f"Member ID: {m.member_id}",
                    f"Primary diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
                    f"Admission date: {mdy(scn.admission_date)}",
                    f"Discharge date: {mdy(scn.discharge_date)}",
                    f"Schedule: {'/'.join(WEEKDAY_ABBR[d] for d in days)} "
                    f"{t12(first)} - {t12(last)}",
                    f"Attending physician: {scn.physician.name}, {scn.physician.credential}",
                    f"Primary therapist: {scn.therapists[0].name}, {scn.therapists[0].credential}",
                ]
            )
            + "\n",
        )
    return b.build(admission_stated=face, discharge_stated=face)


FAMILY = Family(
    name="h4-signin-sheets",
    split="heldout",
    description=(
        "scanned group sign-in sheets (one PDF page per group, member is one row among "
        "others with time in/out or a status), a provider visit log for individual and "
        "other services, and sometimes an X12 837P file or claim-line report"
    ),
    conventions=(
        "one PDF page per group, participant rows",
        "time in/out written by hand without AM/PM",
        "member's status in the time-in column (NO SHOW - reason)",
        "members present count at the foot of the sheet",
        "X12 837P: SV1 CPT with units, DTP*472 date, ISA/GS submission time",
        "CMS-1500 claim-line report with POS 02 / modifier 95",
        "lunch sign-in page marked non-billable",
    ),
    render=render,
)
