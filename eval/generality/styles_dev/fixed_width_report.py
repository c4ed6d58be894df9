"""dev-fixed-width-report: a legacy hospital system's fixed-width encounter report.

Imitates the green-bar "ENCOUNTER SUMMARY REPORT" of hospital-based outpatient systems:
upper-case, fixed-width columns (DOS as M/D/YY, START and END as ``0900``/``1030`` or
``09:00``/``10:30``, PROC code, a truncated description such as ``GRP PSYTX - PROCESS
GROUP``, a status code, a mode code, optional ARR/DEP columns holding the member's own
arrival/departure, staff as ``LAST F CRED``), a legend of the codes at the top, and the
page header and column header repeated every 40 lines. Closed holidays are ``CL`` rows.
Beside the report: one note file per individual/family session that gives its length as
"Length of session: 53 minutes", "Duration: 1:00" or "Units: 4 (15-minute units)" (no
times), an addendum written days after the date of service of one group, an intake with
past-treatment history, and (in most charts) a discharge summary. CRLF line endings in
some charts.
"""

from __future__ import annotations

import datetime as dt
import random

from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_dev import _common as c

STS = {"attended": "K", "no_show": "NS", "cancelled": "CX", "absent": "AB"}
DESC_HEAD = {
    c.GP: "GRP PSYTX",
    c.GE: "EDUCATION GROUP",
    c.IND: "INDIV PSYTX",
    c.FAM: "FAMILY PSYTX W/PT",
    c.CM: "CASE MGMT",
    c.MM: "MED MGMT - PSYCHIATRY",
}
LINES_PER_PAGE = 40


def _desc(s: PlannedSession) -> str:
    head = DESC_HEAD[s.kind]
    if s.is_group and s.title.lower() != c.KIND_LABEL[s.kind].lower():
        head = f"{head} - {s.title.upper()}"
    return head[:30]


def _who(s: PlannedSession, scn: Scenario) -> str:
    people = list(s.facilitators)
    if not people:
        people = [scn.physician] if s.kind is c.MM else [scn.therapists[0]]
    if s.kind is c.CM:
        return "CASE MGR"
    return "/".join(f"{p.last.upper()} {p.first[0]} {p.credential}" for p in people)


def _length_line(s: PlannedSession, rng: random.Random) -> str:
    m = round(s.minutes)
    forms = ["length", "duration"] + (["units"] if m % 15 == 0 else [])
    form = rng.choice(forms)
    if form == "units":
        return f"Units: {m // 15} (15-minute units)"
    if form == "duration":
        return f"Duration: {c.h_mm(m)}"
    return f"Length of session: {m} minutes"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    crlf = rng.random() < 0.5
    colon = scn.seed % 2 == 0
    arr_dep = rng.random() < 0.6
    discharge = rng.random() < 0.75
    rec = c.Record()
    files: list[ChartFile] = []
    t = c.hhmm if colon else c.mil

    intake, intake_day = c.intake_doc(scn, rng, "mdy_short", schedule=False)
    files.append(c.text_file("intake.txt", c.doc_text(intake, label_width=20), crlf=crlf))
    rec.dated(intake_day)

    sessions = [s for s in scn.sessions if s.kind is not c.MEAL]
    last = sessions[-1].date
    head = [
        f"{scn.program.upper():<60}ENCOUNTER SUMMARY REPORT",
        f"PATIENT: {scn.member.name.upper():<24}MRN: {scn.member.member_id:<14}"
        f"DOB: {c.mdy_short(scn.member.date_of_birth)}",
    ]
    legend = [
        "STS: K=KEPT  NS=NO SHOW  CX=CANCELLED BY PT  AB=ABSENT  CL=CLINIC CLOSED",
        "MODE: OFC=IN PERSON AT CLINIC  TV=TELEHEALTH VIDEO"
        + ("   ARR/DEP: PATIENT ARRIVAL/DEPARTURE IF NOT ON TIME" if arr_dep else ""),
    ]
    cols = f"{'DOS':<10}{'START':<7}{'END':<7}{'PROC':<7}{'DESCRIPTION':<32}{'STS':<5}{'MODE':<6}"
    rulers = (
        f"{'-' * 8:<10}{'-' * 5:<7}{'-' * 5:<7}{'-' * 5:<7}{'-' * 30:<32}{'-' * 3:<5}{'-' * 4:<6}"
    )
    if arr_dep:
        cols += f"{'ARR':<7}{'DEP':<7}"
        rulers += f"{'-' * 5:<7}{'-' * 5:<7}"
    cols += "STAFF"
    rulers += "-" * 20

    body: list[tuple[dt.date, dt.time, str]] = []
    for s in sessions:
        line = (
            f"{c.mdy_short(s.date):<10}{t(s.start):<7}{t(s.end):<7}{(c.code_of(s) or ''):<7}"
            f"{_desc(s):<32}{STS[s.attendance.value]:<5}"
            f"{('TV' if s.modality.value == 'video' else 'OFC'):<6}"
        )
        if arr_dep:
            arr = t(s.member_start) if s.member_start else ""
            dep = t(s.member_end) if s.member_end else ""
            line += f"{arr:<7}{dep:<7}"
        line += _who(s, scn)
        body.append((s.date, s.start, line.rstrip()))
        rec.add(
            s,
            "encounter_report.txt",
            length=True,
            kind=True,
            attendance=True,
            member_times=arr_dep and c.has_member_times(s),
            modality=True,
            facilitators=True,
        )
    for d in c.closed_days_before(scn, last):
        line = (
            f"{c.mdy_short(d):<10}{'----':<7}{'----':<7}{'':<7}"
            f"{'PROGRAM CLOSED - HOLIDAY':<32}{'CL':<5}"
        )
        body.append((d, dt.time(0, 0), line.rstrip()))
    body.sort(key=lambda b: (b[0], b[1]))
    report: list[str] = []
    pages = [body[i : i + LINES_PER_PAGE] for i in range(0, len(body), LINES_PER_PAGE)]
    for n, page in enumerate(pages, start=1):
        report += [*head, f"{'':<60}PAGE {n} OF {len(pages)}", *legend, "", cols, rulers]
        report += [b[2] for b in page]
        report += ["", ""]
    report.append("*** END OF REPORT ***")
    files.append(c.text_file("encounter_report.txt", report, crlf=crlf))

    for s in sessions:
        if s.kind not in (c.IND, c.FAM):
            continue
        title = "INDIVIDUAL PSYCHOTHERAPY NOTE" if s.kind is c.IND else "FAMILY PSYCHOTHERAPY NOTE"
        lines = [
            title,
            f"Patient: {scn.member.name}   MRN: {scn.member.member_id}",
            f"Date of service: {c.mdy_short(s.date)} ({c.wd(s.date)})   CPT: {c.code_of(s)}",
            f"Clinician: {c.staff(scn.therapists[0])}",
        ]
        if s.attended:
            lines += [
                _length_line(s, rng),
                "Attendance: Patient present for the full session.",
                "Mode: " + ("telehealth, video" if s.modality.value == "video" else "in person"),
                c.narrative(s, rng),
            ]
        else:
            lines += ["Attendance: No-show. Patient did not arrive; outreach call placed."]
        signed, _ = c.signature_time(s, rng)
        lines.append(f"Signed: {c.staff(scn.therapists[0])}  {c.mdy_short(signed)}")
        name = f"therapy_note_{s.date:%Y%m%d}.txt"
        files.append(c.text_file(name, lines, crlf=crlf))
        rec.dated(signed)
        rec.add(
            s,
            name,
            length=s.attended,
            kind=True,
            attendance=True,
            member_times=c.has_member_times(s),
            modality=s.attended,
        )

    groups = [s for s in sessions if s.is_group and s.attended and s.date < last]
    if groups:
        g = rng.choice(groups)
        written_on = g.date + dt.timedelta(days=rng.choice((2, 3, 4)))
        signer = g.facilitators[0] if g.facilitators else scn.therapists[0]
        lines = [
            "ADDENDUM / LATE ENTRY",
            f"Date written: {c.mdy_short(written_on)}",
            f"Re: date of service {c.mdy_short(g.date)}, {DESC_HEAD[g.kind].title()} "
            f"({g.title}) "
            f"{t(g.start)}-{t(g.end)}",
            "During this group the patient disclosed a recent argument with a family member "
            "and was tearful; grounding skills used; patient denied SI/HI, no plan or intent.",
            f"Signed: {c.staff(signer)}  {c.mdy_short(written_on)}",
        ]
        name = f"addendum_{written_on:%Y%m%d}.txt"
        files.append(c.text_file(name, lines, crlf=crlf))
        rec.dated(written_on)
        rec.add(g, name, length=True, kind=True, attendance=False, implied=True)

    if discharge:
        doc, signed = c.discharge_doc(scn, rng, "mdy_short")
        files.append(c.text_file("discharge_summary.txt", c.doc_text(doc), crlf=crlf))
        rec.dated(signed)

    return RenderedChart(
        files=tuple(files),
        written=rec.written(),
        admission_stated=True,
        discharge_stated=discharge,
        latest_document_date=rec.latest(),
    )


FAMILY = Family(
    name="dev-fixed-width-report",
    split="dev",
    description=(
        "Legacy fixed-width encounter report (M/D/YY, START/END columns, PROC + truncated "
        "description, status and mode codes) plus therapy notes with lengths or 15-min units."
    ),
    conventions=(
        "fixed-width upper-case columns with a code legend",
        "page header and column header repeated every 40 lines",
        "START/END columns 0900/1030 or 09:00/10:30; DOS 10/7/25",
        "status codes K/NS/CX/AB/CL; mode codes OFC/TV",
        "ARR/DEP columns with the member's own times in some charts",
        "therapy notes with 'Length of session: 53 minutes', 'Duration: 1:00' or "
        "'Units: 4 (15-minute units)'",
        "addendum written days after the date of service",
        "CRLF line endings in some charts",
    ),
    render=render,
)
