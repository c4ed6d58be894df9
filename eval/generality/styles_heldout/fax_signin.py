"""Held-out style: a faxed paper attendance record and group sign-in sheets, transcribed.

Imitates the records packet a small program faxes to a payer and a records clerk keys in
as text: a fax cover (sender, date, "RE:" line with dates), the program's handwritten
attendance record transcribed line by line with the fax machine's page banners in between
and the column heading repeated on each page, and group sign-in sheets (group name, date
"10/7/25", time "9:00 - 10:30 am", facilitator with credential, one line per participant
with initials for other members, Time In / Time Out, a participant total). Lines follow the
paper: "07-Oct-2025 Tue" with "9\u201310:30am" and letter codes, or "Tue 10/7/25" with
"0900-1030" and words, or "WEEK OF" blocks with weekday names only and in/out times.
Transcriber marks such as "[illegible]" stand where the paper could not be read, and a
few rows carry only the program's bundle code. Files use CRLF line ends.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario, Staff
from eval.generality.styles_heldout._common import (
    WEEKDAYS,
    Chart,
    dd_mon_yyyy,
    extra_staff,
    is_video,
    loose_range,
    mdy_short,
    monday_of,
    safe_reason,
    signed_name,
    tloose,
    tmil,
    wd3,
)

SHORT = {
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Indiv therapy",
    ServiceKind.FAMILY_COUNSELING: "Family session",
    ServiceKind.CASE_MANAGEMENT: "Case mgmt",
    ServiceKind.MEDICATION_MANAGEMENT: "Med check (MD)",
}
GROUP_WORD = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "grp therapy",
    ServiceKind.GROUP_EDUCATION: "psychoed",
}
LETTER = {
    Attendance.ATTENDED: "P",
    Attendance.ABSENT: "A",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "CX",
}
WORD = {
    Attendance.ATTENDED: "present",
    Attendance.ABSENT: "absent",
    Attendance.NO_SHOW: "no-show",
    Attendance.CANCELLED: "cancelled",
}
INITIALS = "ABCDEFGHJKLMNPRSTVW"


def _initials(staff: Staff) -> str:
    return f"{staff.first[0]}{staff.last[0]}"


def _service(s: PlannedSession, bundle: bool) -> tuple[str, bool]:
    """What the paper says the service was, and whether that names its kind."""
    if s.is_group:
        if bundle:
            return "IOP H0015", False
        return f"{s.title.replace(' Group', ' Grp')} ({GROUP_WORD[s.kind]})", True
    return SHORT[s.kind], True


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = scn.seed % 4
    chart = Chart(scn)
    m = scn.member
    cm = extra_staff(rng, "BSW")
    fax_from = f"555{rng.randint(1000, 9999)}"
    visits = [s for s in scn.sessions if s.kind is not ServiceKind.MEAL]
    if variant == 3:
        fax_date = visits[-1].date + dt.timedelta(days=rng.choice((0, 1)))
    else:
        fax_date = scn.discharge_date + dt.timedelta(days=rng.randint(6, 30))
    stamp = f"{dd_mon_yyyy(fax_date).upper()} {rng.randint(9, 16):02d}:{rng.randint(0, 59):02d}"
    bundle = {s.index for s in visits if variant == 3 and s.is_group and rng.random() < 0.25}
    # a row loses its time only where no other row of that date has the same service, so
    # that a reader cannot take it for a second record of another session
    illegible = {
        s.index
        for s in visits
        if variant == 3
        and rng.random() < 0.12
        and sum(1 for o in visits if o.date == s.date and o.kind is s.kind) == 1
    }
    sheets = _signin_selection(scn, variant, rng)
    page = [1]
    texts: list[tuple[str, str]] = []  # (file name, text with the page total still open)

    def banner() -> str:
        page[0] += 1
        return f"---- {stamp}  FROM: {fax_from}  TO: UM INTAKE  P.{page[0]}/@@N ----"

    # ------------------------------------------------------------- cover
    admit = mdy_short(scn.admission_date)
    disc = mdy_short(scn.discharge_date)
    cover = [
        f"---- {stamp}  FROM: {fax_from}  TO: UM INTAKE  P.1/@@N ----",
        "",
        "FACSIMILE TRANSMITTAL",
        f"From: {scn.program} - Intensive Outpatient Program",
        "To:   Utilization Management / Behavioral Health Review",
        f"Date: {mdy_short(fax_date)}",
        "Pages (incl. cover): @@N",
        "",
        f"RE: {m.last}, {m.first}   DOB {mdy_short(m.date_of_birth)}   Member ID {m.member_id}",
    ]
    admission_stated = variant in (0, 1)
    discharge_stated = variant in (0, 1, 2)
    if variant == 0:
        cover.append(f"    IOP admit date {admit}. Attendance and sign-in sheets enclosed.")
    elif variant == 1:
        cover.append(f"    Admitted to IOP {admit}; discharged {disc}. Records enclosed.")
    elif variant == 2:
        cover.append(f"    Records requested for dates of service through {disc}.")
    else:
        cover.append("    Weekly attendance update for concurrent review, as requested.")
    cover += [
        "",
        "CONFIDENTIALITY NOTICE: this facsimile contains protected health information. If you",
        "received it in error, notify the sender and destroy all copies.",
        "",
        "Sent by: Medical Records, ext. 214",
    ]
    texts.append(("00_fax_cover.txt", "\n".join(cover)))
    chart.doc_date(fax_date)

    # ------------------------------------------------------------- attendance record
    name = "01_attendance_record_transcribed.txt"
    out = [
        banner(),
        "",
        "PROGRAM ATTENDANCE RECORD - IOP",
        f"Client: {m.first} {m.last}          Program: {scn.program}",
        "[Transcribed from faxed handwritten sheets by Health Information. [illegible] marks",
        " entries that could not be read; spelling as on the original.]",
        "",
    ]
    head = _head(variant)
    out += [head, "-" * len(head)]
    rows_on_page = 0
    week_shown: dt.date | None = None
    for day in sorted({s.date for s in visits} | set(scn.closed_days)):
        if variant == 2 and monday_of(day) != week_shown:
            week_shown = monday_of(day)
            out += ["", f"WEEK OF {mdy_short(week_shown)}"]
        if day in scn.closed_days:
            out.append(_closed_row(day, variant))
            continue
        for s in (v for v in visits if v.date == day):
            if rows_on_page >= 28:
                out += ["", banner(), "", head, "-" * len(head)]
                rows_on_page = 0
                if variant == 2 and week_shown is not None:
                    out.append(f"WEEK OF {mdy_short(week_shown)} (cont.)")
            rows_on_page += 1
            svc, named = _service(s, s.index in bundle)
            staff = _initials(s.facilitators[0]) if s.facilitators else _one_staff(scn, s, cm)
            hidden = s.index in illegible
            out.append(_row(s, variant, svc, staff, hidden))
            chart.mark(
                s,
                name,
                length=not hidden,
                kind=named,
                attendance=True,
                member_times=True,
                modality=is_video(s) and s.attended,
            )
            chart.doc_date(day)
    out += [
        "",
        _legend(variant),
        "Staff = initials of the staff member who ran the service.",
    ]
    texts.append((name, "\n".join(out)))

    # ------------------------------------------------------------- sign-in sheets
    if sheets:
        sname = "02_group_signin_sheets.txt"
        out = []
        for k, s in enumerate(sheets):
            if k % 3 == 0:
                out += [banner(), ""]
            out += _sheet(s, scn, rng)
            chart.mark(
                s,
                sname,
                length=True,
                kind=True,
                attendance=False,
                implied=True,
                member_times=True,
                group_size=True,
                facilitators=True,
            )
            chart.doc_date(s.date)
        texts.append((sname, "\n".join(out)))

    # ------------------------------------------------------------- discharge summary
    if variant in (0, 2):
        signed = scn.discharge_date + dt.timedelta(days=rng.choice((0, 1, 2)))
        ds = [
            banner(),
            "",
            "IOP DISCHARGE SUMMARY",
            f"Client: {m.first} {m.last}",
            f"Date of discharge: {mdy_short(scn.discharge_date)}",
            "Reason: completed program / stepped down to outpatient.",
            "Aftercare: OP therapy weekly; psychiatry follow-up; AA/NA or peer group 2x/wk.",
            f"Clinician: {signed_name(scn.therapists[0])}   Date signed: {mdy_short(signed)}",
        ]
        texts.append(("03_discharge_summary.txt", "\n".join(ds)))
        chart.doc_date(signed)
    for fname, text in texts:
        chart.add(fname, text.replace("@@N", str(page[0])), crlf=True)
    return chart.render(admission_stated=admission_stated, discharge_stated=discharge_stated)


def _one_staff(scn: Scenario, s: PlannedSession, cm: Staff) -> str:
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        return _initials(scn.physician)
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        return _initials(cm)
    return _initials(scn.therapists[0])


def _head(variant: int) -> str:
    if variant in (0, 3):
        return f"{'DATE':<12} {'DAY':<4} {'SERVICE':<38} {'TIME':<14} {'STATUS':<18} STAFF"
    if variant == 1:
        return f"{'DAY/DATE':<12} {'SERVICE':<38} {'TIME':<10} {'ATTENDANCE':<30} STAFF"
    return f"  {'DAY':<10} {'SERVICE':<38} {'SCHED':<14} {'IN':<6} {'OUT':<6} {'STATUS':<10} STAFF"


def _closed_row(day: dt.date, variant: int) -> str:
    if variant in (0, 3):
        return f"{dd_mon_yyyy(day):<12} {wd3(day):<4} -- PROGRAM CLOSED (holiday) --"
    if variant == 1:
        return f"{wd3(day)} {mdy_short(day):<8} -- PROGRAM CLOSED (holiday) --"
    return f"  {WEEKDAYS[day.weekday()]:<10} -- PROGRAM CLOSED (holiday) --"


def _row(s: PlannedSession, variant: int, svc: str, staff: str, hidden: bool) -> str:
    video = " (video)" if is_video(s) and s.attended else ""
    if variant in (0, 3):
        time = "[illegible]" if hidden else loose_range(s.start, s.end)
        status = LETTER[s.attendance]
        if s.member_start:
            status += f" - in {tloose(s.member_start)}"
        if s.member_end:
            status += f" - left {tloose(s.member_end)}"
        if not s.attended and safe_reason(s):
            status += f" ({safe_reason(s)})"
        return (
            f"{dd_mon_yyyy(s.date):<12} {wd3(s.date):<4} {svc + video:<38} {time:<14} "
            f"{status:<18} {staff}"
        )
    if variant == 1:
        time = f"{tmil(s.start)}-{tmil(s.end)}"
        att = WORD[s.attendance]
        if s.member_start:
            att += f", arrived {tmil(s.member_start)}"
        if s.member_end:
            att += f", left early {tmil(s.member_end)}"
        if not s.attended and safe_reason(s):
            att += f" - {safe_reason(s)}"
        day = f"{wd3(s.date)} {mdy_short(s.date)}"
        return f"{day:<12} {svc + video:<38} {time:<10} {att:<30} {staff}"
    sched = loose_range(s.start, s.end, dash="-")
    tin = _hm(s.member_start or s.start) if s.attended else ""
    tout = _hm(s.member_end or s.end) if s.attended else ""
    return (
        f"  {WEEKDAYS[s.date.weekday()]:<10} {svc + video:<38} {sched:<14} {tin:<6} {tout:<6} "
        f"{WORD[s.attendance]:<10} {staff}"
    )


def _legend(variant: int) -> str:
    if variant in (0, 3):
        return (
            "KEY: P = present, A = absent (excused), NS = no show, CX = cancelled by client; "
            "'in' = time client arrived, 'left' = time client left; H0015 = IOP service "
            "(bundled code, service not written on sheet)."
        )
    if variant == 1:
        return "Times are 24-hour clock. Attendance as written by group leader."
    return "IN / OUT = client's own time in and time out (12-hour clock)."


def _signin_selection(scn: Scenario, variant: int, rng: random.Random) -> list[PlannedSession]:
    """Sign-in sheets faxed: attended groups of some weeks (which weeks varies)."""
    groups = [s for s in scn.sessions if s.is_group and s.attended]
    if not groups:
        return []
    if variant == 1:
        return []
    first_week = monday_of(scn.admission_date)
    pick = rng.choice((0, 1, 2))
    chosen = []
    for s in groups:
        week = (monday_of(s.date) - first_week).days // 7
        if (
            (variant == 0 and week <= 1)
            or (variant == 2 and week % 3 == pick)
            or (variant == 3 and week % 2 == pick % 2)
        ):
            chosen.append(s)
    return chosen


def _hm(t: dt.time) -> str:
    """9:25 (12-hour clock, no suffix, as written on paper)"""
    return f"{t.hour % 12 or 12}:{t.minute:02d}"


def _sheet(s: PlannedSession, scn: Scenario, rng: random.Random) -> list[str]:
    m = scn.member
    suffix = "am" if s.end.hour < 12 else "pm"
    span = f"{_hm(s.start)} - {_hm(s.end)} {suffix}"
    kind = "Group Psychotherapy" if s.kind is ServiceKind.GROUP_PSYCHOTHERAPY else "Psychoeducation"
    out = [
        "GROUP SIGN-IN SHEET",
        f"Group: {s.title:<28} Date: {mdy_short(s.date):<10} Time: {span}",
        f"Type: {kind}",
        "Facilitator: " + "    Co-facilitator: ".join(signed_name(f) for f in s.facilitators),
        "",
        f"{'#':<3}{'Name (print)':<22}{'Signature':<12}{'Time In':<9}Time Out",
    ]
    size = s.group_size or 1
    slot = rng.randrange(size)
    used: list[str] = []
    for i in range(size):
        if i == slot:
            nm = f"{m.first[0]}. {m.last}"
            tin, tout = _hm(s.member_start or s.start), _hm(s.member_end or s.end)
        else:
            nm = f"{rng.choice(INITIALS)}.{rng.choice(INITIALS)}."
            while nm in used:
                nm = f"{rng.choice(INITIALS)}.{rng.choice(INITIALS)}."
            used.append(nm)
            tin, tout = _hm(s.start), _hm(s.end)
        out.append(f"{i + 1:<3}{nm:<22}{'[signed]':<12}{tin:<9}{tout}")
    out += [f"Total participants: {size}", "Leader initials: [initialed]", ""]
    return out


FAMILY = Family(
    name="ho-fax-signin",
    split="heldout",
    description="Faxed attendance record and group sign-in sheets, transcribed to text",
    conventions=(
        "fax banners between pages, CRLF, column heading repeated per page",
        "'07-Oct-2025 Tue' / 'Tue 10/7/25' / WEEK OF blocks with weekday names",
        "'9\u201310:30am', '0900-1030', in/out times, letter codes or words",
        "sign-in sheets with participant totals; [illegible] and bundle-code rows",
    ),
    render=render,
)
