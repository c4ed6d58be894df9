"""Weekly attendance verifications sent to a treatment court, with the individual
session notes beside them.

Clients of a drug or mental-health treatment court must show the court their treatment
hours. Every Monday or Tuesday the program's court liaison writes a verification for the
calendar week just ended (Monday through Sunday, not the program week): letterhead, the
date written, the court and case number, the reporting period, the level of care and the
client's standing schedule (a plan, not attendance), then a table of the week's treatment
services with the date, the service, the time (24-hour without a colon, "0900-1030",
with the client's own arrival or departure in the remarks) or, in the other program, the
minutes attended, the attendance ("Present", "Absent - excused", "No call / no show -
unexcused"), the hours counted by the program for the week and the court's requirement.
Days the program closed are rows "PROGRAM CLOSED - not counted against client". The last
letter is the discharge notice. Case management and medication visits are not treatment
hours for the court and appear only in the program's session notes, which also hold a note
for each individual and family session (so these sessions are written twice), some signed
as late entries days later.
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

LAYOUTS = ("times", "minutes")
ATT = {
    Attendance.ATTENDED: "Present",
    Attendance.ABSENT: "Absent - excused",
    Attendance.NO_SHOW: "No call / no show - unexcused",
    Attendance.CANCELLED: "Cancelled by client - excused",
}
SERVICE = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "group therapy",
    ServiceKind.GROUP_EDUCATION: "education group",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Individual counseling",
    ServiceKind.FAMILY_COUNSELING: "Family counseling session",
}
COURTS = (
    ("Marion County Adult Treatment Court", "Hon. Teresa Valdivia"),
    ("Fulton County Mental Health Court", "Hon. Raymond Okoro"),
    ("Lake County Drug Court", "Hon. Miriam Castellanos"),
)
TREATMENT = (
    ServiceKind.GROUP_PSYCHOTHERAPY,
    ServiceKind.GROUP_EDUCATION,
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
    ServiceKind.FAMILY_COUNSELING,
)


def _service(s: PlannedSession) -> str:
    if s.kind in k.GROUP_KINDS:
        return f"{s.title} ({SERVICE[s.kind]})"
    return SERVICE[s.kind]


def _row(layout: str, s: PlannedSession) -> str:
    remark = ATT[s.attendance]
    if not s.attended:
        remark += f" ({k.reason(s)})"
    elif s.member_start is not None:
        remark += f" - arrived {s.member_start:%H%M} (late)"
    elif s.member_end is not None:
        remark += f" - left {s.member_end:%H%M} (early)"
    if s.attended and k.is_video(s):
        remark += ", telehealth"
    if layout == "times":
        when = f"{s.start:%H%M}-{s.end:%H%M}"
        hrs = f"{s.minutes / 60:.2f}" if s.attended else "0.00"
        return f" {k.date(s.date, 'us')}  {_service(s):<48} {when:<10} {hrs:>5}  {remark}"
    mins = f"{int(s.minutes)}" if s.attended else "0"
    return f" {k.date(s.date, 'us')}  {_service(s):<48} {mins:>4}  {remark}"


def _letter(
    scn: Scenario,
    week: dt.date,
    items: list[PlannedSession],
    layout: str,
    court: tuple[str, str],
    case_no: str,
    schedule: str,
    rng: random.Random,
) -> tuple[dt.date, list[str]]:
    m = scn.member
    end = week + dt.timedelta(days=6)
    written_on = end + dt.timedelta(days=rng.choice((1, 1, 2)))
    liaison = scn.therapists[2]
    out = [
        scn.program.upper(),
        "Court Liaison Office",
        "",
        f"{' ' * 50}{k.date(written_on, 'long')}",
        f"TO: {court[1]} / Treatment Court Coordinator, {court[0]}",
        f"RE: {m.first} {m.last}    Case No. {case_no}    DOB {k.date(m.date_of_birth, 'us')}",
        "",
        f"ATTENDANCE VERIFICATION - reporting period {k.date(week, 'us')} through "
        f"{k.date(end, 'us')}",
        "Level of care: Intensive Outpatient Program (admitted "
        f"{k.date(scn.admission_date, 'us')})",
        f"Standing schedule: {schedule}",
        "",
    ]
    if layout == "times":
        out.append(f" {'Date':<10}  {'Service':<48} {'Time':<10} {'Hours':>5}  Attendance")
    else:
        out.append(f" {'Date':<10}  {'Service':<48} {'Min.':>4}  Attendance")
    out.append(" " + "-" * 100)
    closed = [d for d in scn.closed_days if week <= d <= end]
    rows: list[tuple[dt.date, dt.time, str]] = [(s.date, s.start, _row(layout, s)) for s in items]
    rows += [
        (
            d,
            dt.time(0, 0),
            f" {k.date(d, 'us')}  PROGRAM CLOSED (holiday) - not counted against client",
        )
        for d in closed
    ]
    out += [r[2] for r in sorted(rows, key=lambda r: (r[0], r[1]))]
    total = sum(s.minutes for s in items if s.attended) / 60
    out.append(" " + "-" * 100)
    out.append(
        f"Treatment hours this period: {total:.2f}    Court requirement: 9.00 per week    "
        + ("REQUIREMENT MET" if total >= 9 else "REQUIREMENT NOT MET")
    )
    out += [
        "",
        f"Respectfully, {k.staff_name(liaison)}, Court Liaison",
        "cc: client file; probation officer",
        "",
    ]
    return written_on, out


def _note(scn: Scenario, s: PlannedSession, rng: random.Random) -> tuple[dt.date, list[str]]:
    who = k.clinicians(scn, s) or (scn.therapists[0],)
    late = rng.random() < 0.2
    signed = s.date + dt.timedelta(days=rng.randint(2, 6) if late else 0)
    title = k.KIND_LABEL[s.kind].upper() + " NOTE"
    out = [
        "-" * 72,
        title + ("  ** LATE ENTRY **" if late else ""),
        f"Client: {scn.member.last}, {scn.member.first}    Date of service: "
        f"{k.date(s.date, 'usn')}",
        f"Start: {k.clock(s.start, '12')}    End: {k.clock(s.end, '12')}"
        + (f"    CPT {k.code(s)}" if k.code(s) else ""),
    ]
    if s.attended:
        out.append("Setting: " + ("telehealth (video)" if k.is_video(s) else "office"))
        out.append("Attendance: attended")
        out += k.wrap(k.note(rng, s), 72)
    else:
        out.append(f"Attendance: {k.attend(s.attendance).lower()} - {k.reason(s)}")
    out.append(
        f"Signed: {k.staff_name(who[0])}  {k.date(signed, 'usn')}"
        + (f" (late entry for {k.date(s.date, 'usn')})" if late else "")
    )
    return signed, out


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.variant(scn, LAYOUTS)
    m = scn.member
    services = k.services(scn)
    court = rng.choice(COURTS)
    docket = rng.choice(("CR", "DC", "MH"))
    case_no = f"{scn.admission_date.year}-{docket}-{rng.randint(100, 9999):05d}"
    groups = [s for s in services if s.kind in k.GROUP_KINDS]
    if groups:
        by = sorted({s.date.weekday() for s in groups})
        schedule = (
            "/".join(k.WEEKDAYS[d][:3] for d in by)
            + f" {min(s.start for s in groups):%H%M}-{max(s.end for s in groups):%H%M}"
        )
    else:
        schedule = "as arranged"
    treatment = [s for s in services if s.kind in TREATMENT]
    weeks: dict[dt.date, list[PlannedSession]] = {}
    for s in treatment:
        weeks.setdefault(s.date - dt.timedelta(days=s.date.weekday()), []).append(s)
    for d in scn.closed_days:
        weeks.setdefault(d - dt.timedelta(days=d.weekday()), [])
    letters: list[str] = []
    for week in sorted(weeks):
        _, lines = _letter(scn, week, weeks[week], layout, court, case_no, schedule, rng)
        letters.append("\n".join(lines))
    discharge_on = scn.discharge_date + dt.timedelta(days=rng.randint(1, 3))
    letters.append(
        "\n".join(
            [
                scn.program.upper(),
                "Court Liaison Office",
                "",
                f"{' ' * 50}{k.date(discharge_on, 'long')}",
                f"TO: {court[1]} / Treatment Court Coordinator, {court[0]}",
                f"RE: {m.first} {m.last}    Case No. {case_no}",
                "",
                "DISCHARGE NOTICE",
                f"The client was admitted to IOP on {k.date(scn.admission_date, 'us')} and "
                f"discharged on {k.date(scn.discharge_date, 'us')}, having completed the program.",
                f"Diagnosis on file: {scn.diagnosis_code} {scn.diagnosis_name}.",
                "Aftercare: weekly outpatient therapy; continue court-ordered testing.",
                "",
                f"Respectfully, {k.staff_name(scn.therapists[2])}, Court Liaison",
            ]
        )
    )
    letters_name = f"court_verifications_{case_no}.txt"
    notes: list[tuple[dt.date, int, list[str]]] = []
    noted = [s for s in services if s.kind not in k.GROUP_KINDS]
    for n, s in enumerate(noted):
        signed, lines = _note(scn, s, rng)
        notes.append((signed, n, lines))
    notes.sort(key=lambda x: (x[0], x[1]))
    notes_name = "session_notes.txt"
    notes_text = [f"SESSION NOTES - {m.last}, {m.first} (MRN {m.member_id}) - {scn.program}"]
    for _, _, lines in notes:
        notes_text += lines
    files = [ChartFile(letters_name, "\n\f\n".join(letters).encode("utf-8") + b"\n")]
    if noted:
        files.append(ChartFile(notes_name, "\n".join(notes_text).encode("utf-8") + b"\n"))
    written: list[Written] = []
    for s in services:
        where = []
        if s.kind in TREATMENT:
            where.append(letters_name)
        if s.kind not in k.GROUP_KINDS:
            where.append(notes_name)
        # minutes attended give no length to a missed group (its note-less row says 0)
        length = not (layout == "minutes" and not s.attended and s.kind in k.GROUP_KINDS)
        written.append(k.written(s, where, length=length, modality=s.attended and k.is_video(s)))
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=discharge_on,
    )


FAMILY = Family(
    name="d10-court-attendance-letters",
    split="dev",
    description=(
        "Weekly attendance verifications to a treatment court for calendar weeks (not "
        "program weeks): a table of treatment services with 24-hour times without a colon "
        "or minutes attended, attendance with excused/unexcused, the week's hours against "
        "the court's requirement, closures, the standing schedule, a discharge notice; "
        "individual and other session notes beside them, some as late entries."
    ),
    conventions=(
        "calendar-week reporting periods, hours totalled per calendar week",
        "times as 0900-1030 or minutes attended",
        "attendance as Present / Absent - excused / No call / no show - unexcused",
        "standing schedule line (a plan)",
        "an individual session in a letter and in a note",
        "late-entry notes signed days after the service",
    ),
    render=render,
    tags=("letters", "notes"),
)
