"""census-day-sheets: the program's daily census / group sign-in sheets, printed to PDF.

Imitates the "Daily Census & Group Sign-In" that IOP programs print each day and file in
every attending member's chart: one page (two when long) per program day, headed by the
date, listing the day's census (enrolled, admissions and discharges today), then each group
with its time, name and service type, facilitators and topic, and the clients present and
absent, then the day's other appointments. The member is one name among ten or so. Two
variants (alternating by seed):

- "table": one attendee table per group (Client | Status | Mode | In | Out); the In/Out
  columns are filled only for a late arrival or an early departure;
- "lists": comma-separated name lists per status ("Present (7): ...", "Absent: ...",
  "No-show: ...", "Cancelled: ..."), with "(late, arr. 9:20 AM)", "(left 11:45 AM)" and
  "(video)" annotations; the in-person default is never written.

The member's admission and discharge appear only as "Admissions today" / "Discharges
today" on those days' sheets. The other-appointments list holds the member's individual,
family, case-management and medication visits, and now and then another client's
(a distractor). Closed holidays get a one-line sheet. The running header repeats the date
on a continuation page; the footer carries a later print date ("Printed ...", not a date
of service).
"""

from __future__ import annotations

import datetime as dt
import random

from fpdf.enums import XPos, YPos

from eval.generality.model import (
    ChartFile,
    Family,
    Member,
    PlannedSession,
    RenderedChart,
    Scenario,
)
from eval.generality.styles_dev2 import _kit as k

KIND_NAME = {k.GP: "Group Psychotherapy", k.GE: "Group Psychoeducation"}
OTHER_NAME = {
    k.IND: "Individual therapy",
    k.FAM: "Family therapy",
    k.CM: "Case management",
    k.MM: "Psychiatric med check (medication management)",
}
STATUS = {k.ATT: "Present", k.ABS: "Absent (excused)", k.NS: "No-show", k.CX: "Cancelled"}
APPT_STATUS = {k.ATT: "Kept", k.ABS: "Absent", k.NS: "No-show", k.CX: "Cancelled by client"}


def _name(p: Member) -> str:
    return f"{p.last}, {p.first}"


def _date_title(d: dt.date, form: int) -> str:
    if form == 0:
        return k.long_us(d)
    return f"{k.mdy(d)} ({k.DAY3[d.weekday()]})"


def _attendees(
    s: PlannedSession, member: Member, others: list[Member], rng: random.Random
) -> list[tuple[Member, str, str, str, str]]:
    """(client, status, mode, in, out) for the member and the other enrolled clients;
    the present count is the session's group size when the member attended."""
    rows: list[tuple[Member, str, str, str, str]] = []
    n = s.group_size - 1 if s.attended and s.group_size is not None else rng.randint(3, 8)
    here = {id(p) for p in rng.sample(others, n)}
    for p in others:
        if id(p) in here:
            mode = "Video" if rng.random() < 0.1 else "In person"
            rows.append((p, "Present", mode, "", ""))
        else:
            status = rng.choice(("Absent (excused)", "Absent (excused)", "No-show", "Cancelled"))
            rows.append((p, status, "", "", ""))
    t_in = k.ampm(s.member_start) if s.member_start else ""
    t_out = k.ampm(s.member_end) if s.member_end else ""
    mode = ("Video" if k.is_video(s) else "In person") if s.attended else ""
    rows.append((member, STATUS[s.attendance], mode, t_in, t_out))
    return sorted(rows, key=lambda r: (r[0].last, r[0].first))


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = ("table", "lists")[scn.seed % 2]
    date_form = rng.randrange(2)
    distractor_rate = rng.choice((0.0, 0.15, 0.3))
    led = k.Ledger()
    others = k.co_members(rng, rng.randint(9, 11), scn.member, scn.admission_date.year)
    printed = scn.discharge_date + dt.timedelta(days=rng.randint(2, 9))
    printer = rng.choice(("hkessler", "records01", "mfontaine", "intake2"))
    name = "daily_census_sheets.pdf"

    pdf = k.PagedPDF()
    pdf.foot = (
        f"Printed {k.mdy(printed)} {rng.randint(8, 16)}:{rng.randint(10, 59)} by {printer}   "
        "|   Page {page} of {nb}   |   CONFIDENTIAL - contains multiple clients' information"
    )
    days = k.by_day([s for s in scn.sessions if s.kind is not k.MEAL])
    pages: list[dt.date] = sorted(set(days) | set(scn.closed_days))
    enrolled_n = len(others) + 1
    for d in pages:
        title = _date_title(d, date_form)
        pdf.head = [f"{scn.program} - Daily Census & Group Sign-In", f"Census date: {title}"]
        pdf.add_page()
        pdf.text_line(f"DAILY CENSUS - {title}", bold=True, size=12, h=6)
        if d in scn.closed_days:
            pdf.text_line("PROGRAM CLOSED (holiday). No groups held; no census taken.")
            continue
        adm = _name(scn.member) if d == scn.admission_date else "none"
        dis = (
            f"{_name(scn.member)} (completed program, stepped down to outpatient)"
            if d == scn.discharge_date
            else "none"
        )
        pdf.text_line(
            f"Enrolled: {enrolled_n}     Admissions today: {adm}     Discharges today: {dis}",
            size=9,
        )
        pdf.ln(1.5)
        groups = sorted((s for s in days[d] if s.is_group), key=lambda x: x.start)
        for n, s in enumerate(groups, start=1):
            _group(pdf, s, n, scn.member, others, rng, variant)
            in_person_stated = variant == "table"
            led.note(
                s,
                name,
                length=True,
                kind=True,
                attendance=True,
                member_times=True,
                modality=s.attended and (in_person_stated or k.is_video(s)),
                group_size=True,
                facilitators=True,
            )
        appts = sorted((s for s in days[d] if not s.is_group), key=lambda x: x.start)
        extra: list[tuple[dt.time, list[str]]] = []
        if rng.random() < distractor_rate:
            other = rng.choice(others)
            start = k.add_minutes(groups[-1].end if groups else dt.time(13, 0), 15)
            extra.append(
                (
                    start,
                    [
                        f"{k.ampm(start)} - {k.ampm(k.add_minutes(start, 50))}",
                        _name(other),
                        "Individual therapy",
                        k.staff_full(scn.therapists[1]),
                        "Kept",
                    ],
                )
            )
        if appts or extra:
            rows = [
                (
                    s.start,
                    [
                        f"{k.ampm(s.start)} - {k.ampm(s.end)}",
                        _name(scn.member),
                        OTHER_NAME[s.kind] + (" (video)" if k.is_video(s) and s.attended else ""),
                        k.staff_full(k.session_staff(s, scn)[0])
                        if k.session_staff(s, scn)
                        else k.staff_full(k.CASE_MANAGER),
                        APPT_STATUS[s.attendance],
                    ],
                )
                for s in appts
            ]
            _appointments(pdf, sorted(rows + extra, key=lambda r: r[0]))
            for s in appts:
                led.note(
                    s,
                    name,
                    length=True,
                    kind=True,
                    attendance=True,
                    modality=k.is_video(s) and s.attended,
                )
        pdf.ln(2)
        pdf.text_line(
            f"Census verified by: {k.staff_full(scn.therapists[rng.randrange(3)])}", size=8.5
        )
    files: list[ChartFile] = [pdf.to_file(name, printed)]
    files.append(_intake(scn, rng))
    led.dated(scn.admission_date, scn.discharge_date)
    return RenderedChart(
        files=tuple(files),
        written=led.written(),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=led.latest(),
    )


def _group(
    pdf: k.PagedPDF,
    s: PlannedSession,
    n: int,
    member: Member,
    others: list[Member],
    rng: random.Random,
    variant: str,
) -> None:
    rows = _attendees(s, member, others, rng)
    present = sum(1 for r in rows if r[1] == "Present")
    need = 22.0 + (4.2 * (len(rows) + 1) if variant == "table" else 16.0)
    if not pdf.room(need):
        pdf.add_page()
    kind = KIND_NAME[s.kind]
    label = s.title if s.title == kind else f"{s.title} - {kind}"
    pdf.set_fill_color(225, 225, 225)
    pdf.set_font("Helvetica", "B", 9.5)
    pdf.cell(
        0,
        5.5,
        k.latin1(f"GROUP {n}   {k.ampm(s.start)} - {k.ampm(s.end)}   {label}"),
        fill=True,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    fac = "; ".join(k.staff_full(f) for f in s.facilitators)
    pdf.text_line(f"Facilitator(s): {fac}     Topic: {s.topic}", size=8.5)
    if variant == "table":
        pdf.text_line(f"Present: {present} of {len(rows)} enrolled", size=8.5)
        widths = (62.0, 34.0, 26.0, 26.0, 26.0)
        pdf.set_font("Helvetica", "B", 8)
        for head, w in zip(("Client", "Status", "Mode", "In", "Out"), widths, strict=True):
            pdf.cell(w, 4.2, head, border="B")
        pdf.ln(4.2)
        pdf.set_font("Helvetica", "", 8)
        for p, status, mode, t_in, t_out in rows:
            for text, w in zip((_name(p), status, mode, t_in, t_out), widths, strict=True):
                pdf.cell(w, 4.2, k.latin1(text))
            pdf.ln(4.2)
    else:
        groups: dict[str, list[str]] = {}
        for p, status, mode, t_in, t_out in rows:
            note = []
            if t_in:
                note.append(f"late, arr. {t_in}")
            if t_out:
                note.append(f"left {t_out}")
            if mode == "Video":
                note.append("video")
            label_ = _name(p) + (f" ({'; '.join(note)})" if note else "")
            key = status.split(" (")[0]
            groups.setdefault(key, []).append(label_)
        order = ("Present", "Absent", "No-show", "Cancelled")
        for key in order:
            names = groups.get(key, [])
            if key == "Present":
                pdf.text_line(f"Present ({len(names)}): {'; '.join(names)}", size=8.5)
            elif names:
                what = "Absent (excused)" if key == "Absent" else key
                pdf.text_line(f"{what}: {'; '.join(names)}", size=8.5)
    pdf.ln(2)


def _appointments(pdf: k.PagedPDF, rows: list[tuple[dt.time, list[str]]]) -> None:
    if not pdf.room(10 + 4.2 * len(rows)):
        pdf.add_page()
    pdf.text_line("OTHER APPOINTMENTS TODAY", bold=True, size=9.5)
    widths = (38.0, 40.0, 52.0, 40.0, 20.0)
    pdf.set_font("Helvetica", "B", 7.5)
    for head, w in zip(("Time", "Client", "Service", "Clinician", "Status"), widths, strict=True):
        pdf.cell(w, 4.2, head, border="B")
    pdf.ln(4.2)
    pdf.set_font("Helvetica", "", 7.5)
    for _, cells in rows:
        for text, w in zip(cells, widths, strict=True):
            pdf.cell(w, 4.2, k.latin1(text))
        pdf.ln(4.2)


def _intake(scn: Scenario, rng: random.Random) -> ChartFile:
    lines = [
        "REFERRAL AND INTAKE SUMMARY",
        f"Client: {scn.member.name}   DOB: {k.mdy(scn.member.date_of_birth)}   "
        f"ID: {scn.member.member_id}",
        "Referred by: "
        + rng.choice(("primary care", "emergency department", "outpatient therapist")),
        f"Working diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
        "Recommended level of care: Intensive Outpatient Program, 3+ groups/week.",
        "Risk screen: denies current suicidal or homicidal ideation, plan or intent; low risk.",
        f"Completed by: {k.staff_full(scn.therapists[0])}",
    ]
    return k.text_file("intake_summary.txt", lines)


FAMILY = Family(
    name="census-day-sheets",
    split="dev",
    description=(
        "Daily census / group sign-in PDF: one page per program day with each group's time, "
        "name, facilitators and topic and the present/absent clients (member among many), "
        "plus other appointments; admission and discharge only as 'Admissions today'."
    ),
    conventions=(
        "PDF, a page per program day; date as 'Tuesday, October 14, 2025' or 'DATE: 10/14/2025'",
        "the member is one client among ten or so on each sheet",
        "attendee table (Status/Mode/In/Out) or name lists per status with annotations",
        "late arrival / early departure as In/Out cells or '(late, arr. 9:20 AM)'",
        "in-person default not written in the list variant; '(video)' annotation",
        "group size as 'Present (7)' / 'Present: 7 of 11 enrolled'",
        "other clients' individual appointments on the same sheet (distractor)",
        "admission / discharge only as 'Admissions today' / 'Discharges today'",
        "footer 'Printed <later date>' is not a date of service",
        "closed-holiday sheets",
    ),
    render=render,
)
