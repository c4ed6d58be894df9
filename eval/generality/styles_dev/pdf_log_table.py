"""dev-pdf-log-table: a multi-page PDF "Attendance & Service Log" table.

Imitates the landscape attendance/service log that IOP programs print for utilization
review: a title block (member, admission date, an attendance-code legend), then one table
row per scheduled service, the column header repeated at the top of every page and a
"Page N of M" footer. The log gives durations, not times ("90 min", or "1.5 hrs" for whole
quarter hours in some charts), and the member's own attended time when they came late or
left early (the Remarks column says so). Attendance is coded (P, A, NS, CX, LC) with the
legend on page 1; non-attended rows carry no duration. Services are named with a
parenthetical synonym ("Group counseling (group psychotherapy)") or as the group's title
with the kind in parentheses. Closed holidays are rows coded PC. A treatment-plan PDF
carries planned frequencies and goal target dates (distractors). The discharge date is
printed under the table in some charts.
"""

from __future__ import annotations

import datetime as dt
import random

from fpdf.enums import XPos, YPos

from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_dev import _common as c
from eval.generality.styles_dev._pdf import ChartPDF, latin1

COLUMNS = (
    ("Date", 24.0),
    ("Day", 11.0),
    ("Service", 72.0),
    ("Duration", 18.0),
    ("Att", 10.0),
    ("Mode", 18.0),
    ("Staff", 56.0),
    ("Remarks", 40.0),
)
CODE = {"attended": "P", "absent": "A", "no_show": "NS", "cancelled": "CX"}
LEGEND = (
    "Att codes: P = present, A = absent (excused), NS = no-show, CX = cancelled by client, "
    "LC = late cancel (< 24 h), PC = program closed"
)


class LogPDF(ChartPDF):
    """A landscape log whose table header is repeated at the top of every page."""

    def __init__(self, program: str, member: str) -> None:
        super().__init__(program, "Attendance & Service Log", member, landscape=True)
        self.table_started = False

    def header(self) -> None:
        super().header()
        if self.table_started:
            self.column_header()

    def column_header(self) -> None:
        self.set_font("Helvetica", "B", 8)
        for name, width in COLUMNS:
            self.cell(width, 6, name, border=1)
        self.ln(6)

    def row(self, cells: list[str]) -> None:
        self.set_font("Helvetica", "", 7.5)
        for (_, width), text in zip(COLUMNS, cells, strict=True):
            text = latin1(text)
            if self.get_string_width(text) > width - 2:
                raise ValueError(f"cell too wide for the log: {text!r}")
            self.cell(width, 5.5, text, border=1)
        self.ln(5.5)


def _short(name: str, credential: str) -> str:
    return f"{name.split()[0][0]}. {name.split()[-1]}, {credential}"


def _service(s: PlannedSession, synonyms: bool) -> str:
    if synonyms or not s.is_group:
        return c.KIND_SYNONYM[s.kind]
    return c.title_with_kind(s)


def _staff(s: PlannedSession, scn: Scenario) -> str:
    if s.facilitators:
        return " / ".join(_short(f.name, f.credential) for f in s.facilitators)
    who = c.provider(s, scn)
    if "," in who:
        name, cred = who.rsplit(", ", 1)
        return _short(name, cred)
    return who


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    hours = scn.seed % 2 == 0  # "1.5 hrs" where whole quarter hours, else "90 min"
    synonyms = rng.random() < 0.5
    date_form = rng.choice(("mon", "mdy_short"))
    with_lunch = rng.random() < 0.5
    admission_stated = rng.random() < 0.8
    discharge_line = rng.random() < 0.6
    late_cancel = rng.random() < 0.5
    rec = c.Record()
    files: list[ChartFile] = []
    fmt = c.DATE_FORMS[date_form]
    member = f"{scn.member.name}  ID {scn.member.member_id}"

    plan, plan_day = c.plan_doc(scn, rng, "mon")
    ppdf = ChartPDF(scn.program, "Treatment Plan", member)
    ppdf.add_page()
    ppdf.line_text(plan.title, bold=True, size=11)
    for k, v in plan.fields:
        ppdf.line_text(f"{k}: {v}")
    for sec in plan.sections:
        ppdf.ln(1)
        ppdf.line_text(sec.heading, bold=True)
        for line in sec.lines:
            ppdf.line_text(f"- {line}")
    ppdf.ln(2)
    for sig in plan.signed:
        ppdf.line_text(f"Signature: {sig}")
    files.append(ppdf.to_file("treatment_plan.pdf", plan_day))
    rec.dated(plan_day)

    log = LogPDF(scn.program, member)
    log.set_auto_page_break(auto=True, margin=18)
    log.add_page()
    log.line_text("ATTENDANCE & SERVICE LOG", bold=True, size=12)
    top = f"Member: {scn.member.name}    DOB: {c.mdy(scn.member.date_of_birth)}"
    if admission_stated:
        top += f"    Admitted: {fmt(scn.admission_date)}"
    log.line_text(top)
    log.line_text(LEGEND, size=8)
    log.line_text(
        "Duration = time the member attended. Mode: In person / Video (telehealth).", size=8
    )
    log.ln(2)
    log.table_started = True
    log.column_header()

    sessions = [s for s in scn.sessions if with_lunch or s.kind is not c.MEAL]
    last = max(s.date for s in sessions)
    entries: list[tuple[dt.date, dt.time, PlannedSession | None]] = [
        (s.date, s.start, s) for s in sessions
    ]
    entries += [(d, dt.time(0, 0), None) for d in c.closed_days_before(scn, last)]
    entries.sort(key=lambda e: (e[0], e[1]))
    for day, _, s in entries:
        if s is None:
            log.row([fmt(day), c.wd(day), "PROGRAM CLOSED - holiday", "", "PC", "", "", ""])
            continue
        code = CODE[s.attendance.value]
        if code == "CX" and late_cancel:
            code = "LC"
        duration = ""
        if s.attended:
            duration = c.dur_min_or_hrs(s.minutes) if hours else f"{round(s.minutes)} min"
        remarks = c.member_times_phrase(s, "ap").replace("arrived late at", "late arr.")
        remarks = remarks.replace("left early at", "left early")
        if not s.attended:
            remarks = c.reason(s)
        mode = "Video" if s.modality.value == "video" else "In person"
        log.row(
            [
                fmt(s.date),
                c.wd(s.date),
                _service(s, synonyms),
                duration or "--",
                code,
                mode,
                _staff(s, scn),
                remarks,
            ]
        )
        rec.add(
            s,
            "attendance_service_log.pdf",
            length=s.attended,
            kind=True,
            attendance=True,
            member_times=c.has_member_times(s),
            modality=True,
            facilitators=True,
        )
    log.table_started = False
    if discharge_line:
        log.ln(3)
        log.set_font("Helvetica", "", 9)
        log.cell(
            0,
            5,
            f"Discharged from IOP: {fmt(scn.discharge_date)}",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    log.line_text(
        f"Log reviewed and signed: {c.staff(scn.therapists[0])}, {fmt(scn.discharge_date)}"
    )
    rec.dated(scn.discharge_date)
    files.append(log.to_file("attendance_service_log.pdf", scn.discharge_date))

    return RenderedChart(
        files=tuple(files),
        written=rec.written(),
        admission_stated=admission_stated,
        discharge_stated=discharge_line,
        latest_document_date=rec.latest(),
    )


FAMILY = Family(
    name="dev-pdf-log-table",
    split="dev",
    description=(
        "Landscape multi-page PDF attendance & service log: header repeated on every page, "
        "durations not times, coded attendance with a legend, parenthetical service synonyms."
    ),
    conventions=(
        "multi-page PDF table, column header repeated on each page",
        "durations only: 90 min / 1.5 hrs (member's attended time)",
        "attendance codes P/A/NS/CX/LC/PC with a legend",
        "services as 'Group counseling (group psychotherapy)' or 'CBT Group (group psychotherapy)'",
        "dates Oct 7, 2025 or 10/7/25 with a weekday column",
        "PROGRAM CLOSED - holiday rows",
        "treatment-plan PDF with planned frequency and target dates (distractors)",
        "admission in the title block; discharge under the table in some charts",
    ),
    render=render,
)
