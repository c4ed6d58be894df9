"""Held-out style: a practice-management day sheet PDF plus a CMS-1500 service-line listing.

Imitates what a billing/practice-management system prints for a utilization reviewer:
"Daily Encounter Summary" pages, one block per service date headed "07-Oct-2025 (Tuesday)",
listing the day's encounters in a bordered table (encounter number, service, code,
rendering staff, start/stop in 24-hour time or one "1:00p-2:30p" column, location, status
such as Seen / No-Show / Cxl-Pt), or the same as encounter slips ("Start 13:00 Stop
14:30", or a start time and "Duration: 6 units x 15 min"), or with separate scheduled and
patient in/out columns; and a claim detail PDF in the layout of CMS-1500 item 24 (dates
of service as "10 07 25", place of service, CPT/HCPCS with modifiers, charges, units),
split into monthly claims with a signed box 31, its table header repeated on every page.
A registration sheet, treatment plan and discharge summary are plain text; some variants
lack the registration or the discharge summary.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario, Staff
from eval.generality.styles_heldout._common import (
    WEEKDAYS,
    Chart,
    by_date,
    dd_mon_yyyy,
    extra_staff,
    goals_for,
    is_video,
    mdy,
    t24,
    tletter,
    tmil,
)
from eval.generality.styles_heldout._pdf import ReportPdf

SERVICE = {
    ServiceKind.GROUP_PSYCHOTHERAPY: ("Group Psychotherapy", "90853"),
    ServiceKind.GROUP_EDUCATION: ("Psychoeducation Group", "H2027"),
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: ("Individual Psychotherapy", "90834"),
    ServiceKind.FAMILY_COUNSELING: ("Family Psychotherapy", "90847"),
    ServiceKind.CASE_MANAGEMENT: ("Case Management", "T1016"),
    ServiceKind.MEDICATION_MANAGEMENT: ("Medication Management", "99213"),
}
STATUS = {
    Attendance.ATTENDED: "Seen",
    Attendance.ABSENT: "Absent",
    Attendance.NO_SHOW: "No-Show",
    Attendance.CANCELLED: "Cxl-Pt",
}
CHARGE = {
    "90853": 95.0,
    "H2027": 18.0,
    "90834": 140.0,
    "90837": 185.0,
    "90847": 150.0,
    "T1016": 24.0,
    "99213": 120.0,
}
LEGEND = (
    "Status: Seen = patient attended; No-Show = did not attend, no notice; Cxl-Pt = "
    "cancelled by patient; Absent = excused absence. Loc: Clinic = on site; Tele-V = "
    "telehealth (audio-video)."
)


def _staff(scn: Scenario, s: PlannedSession, cm: Staff) -> str:
    if s.facilitators:
        return " / ".join(f"{f.last} {f.credential}" for f in s.facilitators)
    who = {
        ServiceKind.MEDICATION_MANAGEMENT: scn.physician,
        ServiceKind.CASE_MANAGEMENT: cm,
    }.get(s.kind, scn.therapists[0])
    return f"{who.last} {who.credential}"


def _service(s: PlannedSession) -> tuple[str, str]:
    name, code = SERVICE[s.kind]
    if s.kind is ServiceKind.INDIVIDUAL_PSYCHOTHERAPY and s.cpt:
        code = s.cpt  # 90834 or 90837 by length
    return name, code


def _units(s: PlannedSession, code: str) -> int:
    """Billing units: per session, or per 15 minutes (8-minute rule) for timed codes."""
    if code in ("H2027", "T1016"):
        whole, rest = divmod(int(s.minutes), 15)
        return whole + (1 if rest >= 8 else 0)
    return 1


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = scn.seed % 4
    has_registration = variant != 2
    has_discharge = variant != 1
    chart = Chart(scn)
    m = scn.member
    cm = extra_staff(rng, "BSW")
    days = by_date(scn)
    acct = f"{rng.randint(100000, 999999)}"
    enc = rng.randint(300000, 600000)
    ds_signed = scn.discharge_date + dt.timedelta(days=rng.choice((1, 2, 4)))

    # ------------------------------------------------------------- day sheets
    name = "Daily_Encounter_Summary.pdf"
    created = ds_signed if has_discharge else scn.discharge_date
    pdf = ReportPdf(
        created=created,
        header_lines=lambda _p: (
            f"{scn.program} - Daily Encounter Summary",
            f"Patient: {m.last}, {m.first}   Acct #{acct}   DOB {mdy(m.date_of_birth)}",
        ),
        size=8,
    )
    pdf.add_page()
    for day in sorted(set(days) | set(scn.closed_days)):
        heading = f"{dd_mon_yyyy(day)} ({WEEKDAYS[day.weekday()]})"
        if day in scn.closed_days:
            pdf.keep(14)
            pdf.line_text(heading, bold=True)
            pdf.line_text("CLINIC CLOSED - HOLIDAY. No encounters.")
            pdf.gap()
            continue
        todays = [s for s in days[day] if s.kind in SERVICE]
        if not todays:
            continue
        pdf.keep(12 + 6 * len(todays))
        pdf.line_text(heading, bold=True)
        rows: list[list[str]] = []
        for s in todays:
            enc += rng.randint(3, 40)
            svc, code = _service(s)
            loc = "Tele-V" if is_video(s) and s.attended else "Clinic"
            status = STATUS[s.attendance]
            pin, pout = s.member_start or s.start, s.member_end or s.end
            if variant == 1:
                span = f"{tletter(pin)}-{tletter(pout)}"
                if not s.attended:
                    span = f"({tletter(s.start)}-{tletter(s.end)})"
                rows.append(
                    [
                        str(enc),
                        svc,
                        code,
                        _staff(scn, s, cm),
                        span,
                        loc if s.attended else "",
                        status,
                    ]
                )
            elif variant == 0:
                if s.attended:
                    rows.append(
                        [str(enc), svc, code, _staff(scn, s, cm), t24(pin), t24(pout), loc, status]
                    )
                else:
                    planned = [f"({t24(s.start)})", f"({t24(s.end)})"]
                    rows.append([str(enc), svc, code, _staff(scn, s, cm), *planned, "", status])
            elif variant == 2:
                sched = f"{tmil(s.start)}-{tmil(s.end)}"
                if s.attended:
                    rows.append(
                        [
                            str(enc),
                            svc,
                            code,
                            _staff(scn, s, cm),
                            sched,
                            tmil(pin),
                            tmil(pout),
                            loc,
                            status,
                        ]
                    )
                else:
                    rows.append(
                        [str(enc), svc, code, _staff(scn, s, cm), sched, "", "", "", status]
                    )
            else:
                _slip(pdf, s, str(enc), svc, code, _staff(scn, s, cm), loc, status)
            own = s.member_start is not None or s.member_end is not None
            chart.mark(
                s,
                name,
                length=True,
                kind=True,
                attendance=True,
                member_times=own and s.attended,
                modality=s.attended,
                facilitators=s.is_group,
            )
            chart.doc_date(day)
        if variant == 1:
            pdf.grid(
                ("Enc #", "Service", "Code", "Rendering staff", "Pt time", "Loc", "Status"),
                (16, 40, 14, 50, 28, 16, 24),
                rows,
            )
            pdf.line_text(
                "Pt time = patient's time in service; (..) = scheduled time of a missed encounter.",
                size=7,
            )
        elif variant == 0:
            pdf.grid(
                ("Enc #", "Service", "Code", "Rendering staff", "Start", "Stop", "Loc", "Status"),
                (16, 40, 14, 50, 14, 14, 16, 24),
                rows,
            )
            pdf.line_text(
                "Start/Stop = patient's time in service; (hh:mm) = scheduled time of a missed "
                "encounter.",
                size=7,
            )
        elif variant == 2:
            pdf.grid(
                (
                    "Enc #",
                    "Service",
                    "Code",
                    "Rendering staff",
                    "Sched",
                    "Pt In",
                    "Pt Out",
                    "Loc",
                    "Status",
                ),
                (15, 38, 13, 44, 20, 13, 13, 14, 18),
                rows,
            )
        pdf.gap()
    pdf.line_text(LEGEND, size=7)
    chart.add(name, pdf.data())

    # ------------------------------------------------------------- claim detail
    billed = [s for s in scn.sessions if s.kind in SERVICE and s.attended]
    claims: dict[tuple[int, int], list[PlannedSession]] = {}
    for s in billed:
        claims.setdefault((s.date.year, s.date.month), []).append(s)
    cname = "CMS1500_Claim_Detail.pdf"
    claim_no = [0]
    cpdf = ReportPdf(
        created=created,
        header_lines=lambda _p: (
            "HEALTH INSURANCE CLAIM FORM (CMS-1500 02/12) - SERVICE LINE DETAIL",
            f"1a. Insured's ID: {m.member_id}   2. Patient: {m.last.upper()}, "
            f"{m.first.upper()}   3. DOB: {m.date_of_birth:%m %d %Y}   "
            f"Claim #: {claim_no[0]}",
            f"21. Dx A: {scn.diagnosis_code.replace('.', '')}   "
            f"32. Service facility: {scn.program}",
        ),
        size=8,
        landscape=True,
    )
    first_claim = rng.randint(7_000_000, 7_999_999)
    for k, ((_y, _mo), items) in enumerate(claims.items()):
        claim_no[0] = first_claim + k
        cpdf.add_page()
        rows = []
        for s in items:
            _svc, code = _service(s)
            units = _units(s, code)
            mod = "95" if is_video(s) else ""
            if code == "H2027":
                mod = (mod + " HQ").strip()  # group setting
            pos = "10" if is_video(s) else "11"
            dos = f"{s.date:%m %d %y}"
            rows.append(
                [
                    dos,
                    dos,
                    pos,
                    code,
                    mod,
                    "A",
                    f"{CHARGE.get(code, 100.0) * units:.2f}",
                    str(units),
                    f"{rng.randint(1000000000, 1999999999)}",
                ]
            )
            chart.mark(s, cname, length=False, kind=code != "H2027", attendance=False)
        cpdf.grid(
            (
                "24A DOS From MM DD YY",
                "To MM DD YY",
                "24B POS",
                "24D CPT/HCPCS",
                "Modifier",
                "24E Dx Ptr",
                "24F Charges $",
                "24G Units",
                "24J Rendering NPI",
            ),
            (38, 30, 16, 26, 20, 18, 26, 18, 38),
            rows,
            row_height=7.0,
        )
        total = sum(float(r[6]) for r in rows)
        box31 = max(s.date for s in items) + dt.timedelta(days=rng.randint(0, 2))
        cpdf.gap()
        cpdf.line_text(f"28. Total charge: ${total:.2f}     29. Amount paid: $0.00")
        cpdf.line_text(
            f"31. Signature of physician or supplier: {scn.physician.name}, "
            f"{scn.physician.credential}   Date: {mdy(box31)}"
        )
        cpdf.line_text("Units: per session, except H2027/T1016 = 1 unit per 15 minutes.", size=7)
        chart.doc_date(box31)
    chart.add(cname, cpdf.data())

    # ------------------------------------------------------------- registration
    if has_registration:
        reg = [
            "PATIENT REGISTRATION / FACE SHEET",
            f"Account: {acct}",
            f"Patient: {m.last}, {m.first}      DOB: {dd_mon_yyyy(m.date_of_birth)}",
            f"Primary insurance: Medicare / ID {m.member_id}",
            f"Service line: Intensive Outpatient Program (IOP), {scn.program}",
            f"Admit date: {dd_mon_yyyy(scn.admission_date)}",
            f"Referring / attending physician: {scn.physician.name}, {scn.physician.credential}",
            f"Dx: {scn.diagnosis_code} {scn.diagnosis_name}",
            f"Registered: {dd_mon_yyyy(scn.admission_date)} by front desk",
        ]
        chart.add("Registration.txt", "\n".join(reg))
        chart.doc_date(scn.admission_date)

    # ------------------------------------------------------------- treatment plan
    goals = goals_for(scn)
    plan_date = scn.admission_date + dt.timedelta(days=rng.choice((0, 1, 2, 4)))
    plan = [
        "INDIVIDUALIZED PLAN OF CARE - INTENSIVE OUTPATIENT",
        f"Patient: {m.last}, {m.first}   Acct {acct}",
        f"Date: {dd_mon_yyyy(plan_date)}",
        f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
        "",
    ]
    for i, g in enumerate(goals, start=1):
        plan.append(f"{i}. {g.goal}. Objective: {g.objective}. Review in {g.weeks} weeks.")
    plan += [
        "",
        "Planned services: 90853 group psychotherapy and H2027 psychoeducation 3 hrs/day "
        "3 days/wk; 90834 individual weekly; 99213 medication management monthly.",
        "Care coordination: IOP team (MD, therapists, case manager) meets weekly.",
        "",
        f"Physician signature: {scn.physician.name}, {scn.physician.credential}   "
        f"{dd_mon_yyyy(plan_date)}",
        f"Therapist signature: {scn.therapists[0].name}, {scn.therapists[0].credential}   "
        f"{dd_mon_yyyy(plan_date)}",
    ]
    chart.add("Plan_of_Care.txt", "\n".join(plan))
    chart.doc_date(plan_date)

    # ------------------------------------------------------------- discharge
    if has_discharge:
        ds = [
            "DISCHARGE SUMMARY - IOP",
            f"Patient: {m.last}, {m.first}   Acct {acct}",
            f"Admission: {dd_mon_yyyy(scn.admission_date)}" if has_registration else "",
            f"Discharge: {dd_mon_yyyy(scn.discharge_date)}",
            "Condition at discharge: improved, stable for outpatient level of care.",
            "Referrals: outpatient therapist; PCP; community support group.",
            f"Signed: {scn.therapists[0].name}, {scn.therapists[0].credential}  "
            f"{dd_mon_yyyy(ds_signed)}",
        ]
        chart.add("Discharge_Summary.txt", "\n".join(line for line in ds if line))
        chart.doc_date(ds_signed)
    return chart.render(admission_stated=has_registration, discharge_stated=has_discharge)


def _slip(
    pdf: ReportPdf,
    s: PlannedSession,
    enc: str,
    svc: str,
    code: str,
    staff: str,
    loc: str,
    status: str,
) -> None:
    """An encounter slip: start and stop, or start and 15-minute units when they divide."""
    pin = s.member_start or s.start
    mins = int(s.minutes) if s.attended else int(s.scheduled_minutes)
    begin = pin if s.attended else s.start
    if mins % 15 == 0:
        length = f"Duration: {mins // 15} units x 15 min"
    else:
        end = (s.member_end or s.end) if s.attended else s.end
        length = f"Stop {t24(end)}"
    line = f"Enc {enc}  {svc} ({code})  Staff: {staff}  Start {t24(begin)}  {length}"
    pdf.line_text(line)
    extra = f"    Status: {status}"
    if s.attended:
        extra += f"   Loc: {loc}"
        if s.member_start:
            extra += f"   Pt arrived {tletter(s.member_start)}; group began {tletter(s.start)}"
        if s.member_end:
            extra += f"   Pt left {tletter(s.member_end)}; group ended {tletter(s.end)}"
    pdf.line_text(extra)


FAMILY = Family(
    name="ho-daysheet-claim",
    split="heldout",
    description="PM-system daily encounter summary PDF and CMS-1500 item-24 claim listing",
    conventions=(
        "day blocks headed '07-Oct-2025 (Tuesday)', bordered encounter tables",
        "24-hour start/stop, '1:00p-2:30p', scheduled vs patient in/out, or 15-minute units",
        "claim service lines with 'MM DD YY' dates, POS, modifiers, units",
        "tables repeat their header across pages",
    ),
    render=render,
)
