"""Group sign-in sheets printed to PDF, with an appointment-history export beside them.

Programs keep a paper sign-in sheet per group; a copy goes into each member's chart with
the other members' names redacted (42 CFR Part 2). Each sheet gives the group, its
billing code, the date ("3-Mar-25" or "Mon 3/3/2025"), the scheduled time, the
facilitators, and one row per participant with time in, time out and the initials of the
staff member who checked them in; the client's own row carries their times (late arrivals
and early departures as signed) or "NO SHOW" / "ABSENT" / "CANCELLED" with the reason. A
telehealth group is a virtual attendance log (joined / left). Three sheets fit on a page.

Individual, family, case-management and medication visits are not on sign-in sheets: they
are in the practice-management system's appointment history (fixed-width columns: date,
start, minutes, provider, type, status). Meals are not recorded. A cover page gives the
admission and discharge dates and an aftercare referral with a date after discharge.
"""

from __future__ import annotations

import datetime as dt
import random

from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

DATE_STYLES = ("dmy2", "wmdy", "us")
TIME_STYLES = ("mil", "12c", "24")
REDACTED = ("[REDACTED]", "XXXXXXXX XXXXX", "(redacted - 42 CFR Part 2)")


def _sheet(
    scn: Scenario, s: PlannedSession, rng: random.Random, date_style: str, time_style: str
) -> list[k.Line]:
    video = k.is_video(s)
    title = "VIRTUAL GROUP ATTENDANCE LOG (Zoom)" if video else "GROUP SIGN-IN SHEET"
    lines = [
        k.Line(f"{title}    {scn.program}", "B", 10.5),
        k.Line(
            f"Group: {s.title} ({', '.join(filter(None, (k.KIND_LABEL[s.kind], k.code(s))))})    "
            f"Date: {k.date(s.date, date_style)}"
        ),
        k.Line(
            f"Scheduled: {k.clock(s.start, time_style)} to {k.clock(s.end, time_style)}    "
            + ("Platform: Zoom (video)" if video else f"Room {rng.choice('12345')}")
        ),
        k.Line("Facilitator(s): " + "; ".join(k.staff_name(f) for f in s.facilitators)),
    ]
    cols = ("Joined", "Left") if video else ("Time In", "Time Out")
    lines.append(k.Line(f"{'#':<3}{'Participant':<34}{cols[0]:<10}{cols[1]:<10}Staff", "B", 9))
    checker = k.initials(s.facilitators[0])
    redacted = rng.choice(REDACTED)
    others = (s.group_size - 1) if s.attended and s.group_size else rng.randint(3, 8)
    me = f"{scn.member.last.upper()}, {scn.member.first.upper()}"
    if s.attended:
        mine = (
            f"{me:<34}{k.clock(k.member_in(s), time_style):<10}"
            f"{k.clock(k.member_out(s), time_style):<10}{checker}"
        )
    else:
        word = k.attend(s.attendance, "upper")
        mine = f"{me:<34}{'-- ' + word + ' (' + k.reason(s) + ') --':<20} {checker}"
    rows = [
        f"{redacted:<34}{k.clock(s.start, time_style):<10}{k.clock(s.end, time_style):<10}{checker}"
        for _ in range(others)
    ]
    rows.insert(rng.randint(0, len(rows)), mine)
    lines += [k.Line(f"{i + 1:<3}{r}", "", 9) for i, r in enumerate(rows)]
    present = others + (1 if s.attended else 0)
    lines.append(k.Line(f"Members present: {present}    Sheet verified by {checker}", "I", 9))
    lines.append(k.Line(""))
    return lines


def _appointments(
    scn: Scenario, visits: list[PlannedSession], date_style: str, time_style: str
) -> str:
    m = scn.member
    out = [
        "APPOINTMENT HISTORY",
        f"Patient: {m.last}, {m.first}    Account: {m.member_id}    "
        f"DOB: {k.date(m.date_of_birth, 'us')}",
        f"Location: {scn.program}",
        f"Range: {k.date(scn.admission_date, 'us')} - {k.date(scn.discharge_date, 'us')}",
        "",
    ]
    rows = [("Appt Date", "Start", "Min", "Provider", "Type", "Status")]
    for s in visits:
        who = k.clinicians(scn, s)[0]
        rows.append(
            (
                k.date(s.date, date_style),
                k.clock(s.start, time_style),
                str(int(s.scheduled_minutes)),
                f"{who.last}, {who.first} {who.credential}",
                k.KIND_LABEL[s.kind] + (" (tele)" if k.is_video(s) else ""),
                k.attend(s.attendance, "appt"),
            )
        )
    widths = [max(len(r[i]) for r in rows) + 2 for i in range(5)]
    for i, r in enumerate(rows):
        out.append("".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + r[5])
        if i == 0:
            out.append("-" * (sum(widths) + 12))
    out += ["", f"{len(visits)} appointment(s) listed."]
    return "\n".join(out) + "\n"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    date_style = k.variant(scn, DATE_STYLES)
    time_style = rng.choice(TIME_STYLES)
    m = scn.member
    cover = [
        k.Line(f"{scn.program.upper()}", "B", 12),
        k.Line("Attendance Records - Intensive Outpatient Program", "B", 11),
        k.Line(""),
        k.Line(f"Client: {m.last}, {m.first}    MRN: {m.member_id}"),
        k.Line(f"Date of birth: {k.date(m.date_of_birth, 'us')}"),
        k.Line(f"Admission date: {k.date(scn.admission_date, 'us')}"),
        k.Line(f"Discharge date: {k.date(scn.discharge_date, 'us')}"),
        k.Line(f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}"),
        k.Line(""),
        k.Line("Group sign-in sheets follow in date order (other participants redacted)."),
        k.Line(
            "Aftercare: referred to outpatient therapy; first appointment "
            f"{k.date(scn.discharge_date + k_days(rng), 'us')} (outside provider)."
        ),
    ]
    sheets: list[list[k.Line]] = []
    visits: list[PlannedSession] = []
    groups: list[PlannedSession] = []
    for s in scn.sessions:
        if s.kind in k.GROUP_KINDS:
            sheets.append(_sheet(scn, s, rng, date_style, time_style))
            groups.append(s)
        elif k.clinicians(scn, s):
            visits.append(s)
    pages = [cover, *k.paginate(sheets, 680)]
    pdf_name = "group_signin_sheets.pdf"
    appt_name = "appointment_history.txt"
    written: list[Written] = [
        k.written(s, [pdf_name], modality=s.attended, group_size=True, facilitators=True)
        for s in groups
    ]
    written += [k.written(s, [appt_name]) for s in visits]
    files = [ChartFile(pdf_name, k.pdf(pages, font="Courier"))]
    if visits:
        files.append(
            ChartFile(appt_name, _appointments(scn, visits, date_style, time_style).encode("utf-8"))
        )
    return RenderedChart(
        files=tuple(files),
        written=tuple(sorted(written, key=lambda w: w.session)),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


def k_days(rng: random.Random) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(6, 20))


FAMILY = Family(
    name="d8-signin-roster-pdf",
    split="dev",
    description=(
        "Redacted group sign-in sheets printed to PDF, three to a page, with each "
        "participant's time in/out and staff initials, beside a fixed-width appointment "
        "history for individual, family, case-management and medication visits."
    ),
    conventions=(
        "one sign-in sheet per group, three per PDF page",
        "other participants redacted; members present counted",
        "client's own time in/out (late, early) in the row",
        "NO SHOW / ABSENT / CANCELLED across the time columns",
        "dates as 3-Mar-25 or Mon 3/3/2025",
        "appointment history with start and minutes only",
        "aftercare appointment after discharge",
    ),
    render=render,
    tags=("pdf", "roster"),
)
