"""Progress notes printed as PDF forms whose fields are a small label over a value.

Many EHRs print a note as a form: each field is a small grey caption ("DATE OF SERVICE")
with the value on the line below it, one field per line or several fields side by side.
The text layer therefore comes out label-line / value-line, or, for fields side by side,
a line of captions followed by a line of values. Times are written the way the program
writes them ("0900h", "9h00", "9:00 AM" or "09:00").

Three layouts (the seed picks one):

- ``stacked``: one field per line pair; the scheduled start and end and the client's own
  Time In / Time Out; one PDF per calendar week (one note per page) and a closure notice
  page for a closed day.
- ``grid3``: fields three to a row (Date of Service | Session Time | Minutes Attended,
  then Time In | Time Out | Location ...); one PDF per calendar week.
- ``per_note``: one PDF per note, fields two to a row, only the session's time; the
  attendance field says "Present - arrived late" or "left early" without times.

Missed sessions get an absence note with the scheduled time. Every chart has a discharge
summary PDF stating the admission and discharge dates. Meals are not documented.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from fpdf import FPDF

from core.facts import Modality
from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_heldout3 import _kit as kit
from eval.generality.styles_heldout3._kit import A, K

NAME = "h3-stacked-form-pdf"
LAYOUTS = ("stacked", "grid3", "per_note")

NOTE_TITLE = {
    K.GROUP_PSYCHOTHERAPY: "GROUP THERAPY PROGRESS NOTE",
    K.GROUP_EDUCATION: "PSYCHOEDUCATION GROUP NOTE",
    K.INDIVIDUAL_PSYCHOTHERAPY: "INDIVIDUAL THERAPY PROGRESS NOTE",
    K.FAMILY_COUNSELING: "FAMILY THERAPY PROGRESS NOTE",
    K.CASE_MANAGEMENT: "CASE MANAGEMENT CONTACT NOTE",
    K.MEDICATION_MANAGEMENT: "MEDICATION MANAGEMENT NOTE",
}
SERVICE_TYPE = {
    K.GROUP_PSYCHOTHERAPY: "Group Psychotherapy",
    K.GROUP_EDUCATION: "Group Psychoeducation",
    K.INDIVIDUAL_PSYCHOTHERAPY: "Individual Psychotherapy",
    K.FAMILY_COUNSELING: "Family Psychotherapy (with client present)",
    K.CASE_MANAGEMENT: "Targeted Case Management",
    K.MEDICATION_MANAGEMENT: "Medication Management (E/M)",
}
ABSENCE_WORD = {A.NO_SHOW: "No Show", A.CANCELLED: "Cancelled by Client", A.ABSENT: "Absent"}


class _Doc(FPDF):
    def __init__(self, footer_text: str, created: dt.datetime) -> None:
        super().__init__(format="letter", unit="mm")
        self.footer_text = footer_text
        self.set_creation_date(created)
        self.set_auto_page_break(True, margin=18)
        self.set_margins(18, 16, 18)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=7)
        self.set_text_color(110)
        self.cell(0, 4, f"{self.footer_text}    Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0)


def _latin(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


class _Form:
    """Draws captions over values on a :class:`_Doc`."""

    def __init__(self, pdf: _Doc, upper: bool) -> None:
        self.pdf = pdf
        self.upper = upper

    def heading(self, program: str, title: str) -> None:
        p = self.pdf
        p.set_font("Helvetica", "B", 12)
        p.cell(0, 6, _latin(program), new_x="LMARGIN", new_y="NEXT")
        p.set_font("Helvetica", "B", 10)
        p.cell(0, 6, _latin(title), new_x="LMARGIN", new_y="NEXT")
        p.set_draw_color(150)
        p.line(p.l_margin, p.get_y() + 1, p.w - p.r_margin, p.get_y() + 1)
        p.set_y(p.get_y() + 4)

    def row(self, fields: list[tuple[str, str]]) -> None:
        p = self.pdf
        if p.get_y() > p.h - 40:
            p.add_page()
        width = (p.w - p.l_margin - p.r_margin) / len(fields)
        y = p.get_y()
        p.set_font("Helvetica", "", 7)
        p.set_text_color(100)
        for i, (label, _) in enumerate(fields):
            p.set_xy(p.l_margin + i * width, y)
            p.cell(width - 3, 3.5, _latin(label.upper() if self.upper else label))
        p.set_text_color(0)
        for i, (_, value) in enumerate(fields):
            size = 10.0
            p.set_font("Helvetica", "", size)
            while size > 6 and p.get_string_width(_latin(value)) > width - 4:
                size -= 0.5  # the form shrinks a long value to fit its box
                p.set_font("Helvetica", "", size)
            p.set_xy(p.l_margin + i * width, y + 3.8)
            p.cell(width - 3, 5, _latin(value))
        p.set_xy(p.l_margin, y + 11)

    def block(self, label: str, text: str) -> None:
        p = self.pdf
        if p.get_y() > p.h - 45:
            p.add_page()
        p.set_font("Helvetica", "", 7)
        p.set_text_color(100)
        p.cell(
            0, 3.5, _latin(label.upper() if self.upper else label), new_x="LMARGIN", new_y="NEXT"
        )
        p.set_font("Helvetica", "", 10)
        p.set_text_color(0)
        p.multi_cell(0, 5, _latin(text), new_x="LMARGIN", new_y="NEXT")
        p.set_y(p.get_y() + 2.5)


def _note(
    form: _Form,
    scn: Scenario,
    s: PlannedSession,
    layout: str,
    tf: Callable[[dt.time], str],
    rng: random.Random,
) -> list[str]:
    """Draw the note of ``s`` on a new page; returns the strings that time and date it."""
    pdf = form.pdf
    pdf.add_page()
    m = scn.member
    dos = kit.d_us(s.date)
    sched = f"{tf(s.start)} - {tf(s.end)}"
    staff = kit.providers(scn, s)
    staff_txt = "; ".join(kit.staff_name(p) for p in staff)
    mode = (
        "Telehealth - video (client at home)"
        if s.modality is Modality.VIDEO
        else "Clinic - in person"
    )
    title = NOTE_TITLE[s.kind] if s.attended else "MISSED SESSION / ABSENCE NOTE"
    form.heading(scn.program, title)
    needles = [dos]
    ident = [
        ("Client Name", m.name),
        ("Client ID", m.member_id),
        ("Date of Birth", kit.d_us(m.date_of_birth)),
    ]
    service = SERVICE_TYPE[s.kind]
    if s.kind in kit.GROUP_KINDS and s.title.lower() != service.lower():
        service += f" - {s.title}"
    code = s.cpt or "n/a"
    staff_label = "Facilitator(s)" if s.kind in kit.GROUP_KINDS else "Clinician"

    if layout == "stacked":
        for f in ident:
            form.row([f])
        form.row([("Date of Service", dos)])
        form.row([("Service", service)])
        form.row([("Procedure Code", code)])
        form.row([("Scheduled Start", tf(s.start))])
        form.row([("Scheduled End", tf(s.end))])
        needles += [tf(s.start), tf(s.end)]
        if s.attended:
            form.row([("Time In", tf(kit.own_start(s)))])
            form.row([("Time Out", tf(kit.own_end(s)))])
            needles += [tf(kit.own_start(s)), tf(kit.own_end(s))]
        form.row([("Attendance", "Present" if s.attended else ABSENCE_WORD[s.attendance])])
        form.row([("Location of Service", mode)])
        if s.attended and s.group_size:
            form.row([("Number of Participants", str(s.group_size))])
        form.row([(staff_label, staff_txt)])
    elif layout == "grid3":
        form.row(ident)
        if s.attended:
            form.row(
                [
                    ("Date of Service", dos),
                    ("Session Time", sched),
                    ("Minutes Attended", str(int(s.minutes))),
                ]
            )
            form.row(
                [("Time In", tf(kit.own_start(s))), ("Time Out", tf(kit.own_end(s))), ("CPT", code)]
            )
            needles += [sched, tf(kit.own_start(s)), tf(kit.own_end(s))]
        else:
            form.row(
                [
                    ("Date of Service", dos),
                    ("Scheduled Time", sched),
                    ("Attendance", ABSENCE_WORD[s.attendance]),
                ]
            )
            needles.append(sched)
        form.row([("Service", service)])
        form.row(
            [
                ("Location", mode),
                ("Participants", str(s.group_size) if (s.attended and s.group_size) else "-"),
            ]
        )
        form.row([(staff_label, staff_txt)])
    else:  # per_note
        form.row(ident[:2])
        form.row([("Date of Service", dos), ("Session Time", sched)])
        needles.append(sched)
        if s.attended:
            att = "Present"
            if s.member_start is not None:
                att = "Present - arrived late"
            elif s.member_end is not None:
                att = "Present - left early"
        else:
            att = ABSENCE_WORD[s.attendance]
        form.row([("Service", service), ("Attendance", att)])
        form.row([("Location", mode), ("Procedure Code", code)])
        if s.attended and s.group_size:
            form.row([("Group Size", str(s.group_size)), (staff_label, staff_txt)])
        else:
            form.row([(staff_label, staff_txt)])

    form.row([("Diagnosis", f"{scn.diagnosis_code} {scn.diagnosis_name}")])
    if s.attended:
        paras = kit.note_paragraphs(scn, s, rng)
        if s.kind in kit.GROUP_KINDS:
            form.block("Group Topic", s.topic)
        form.block("Data", paras["data"])
        form.block("Assessment / Response", paras["assessment"])
        form.block("Plan", paras["plan"])
    else:
        form.block("Reason / Follow-up", kit.absence_text(s))
    signer = staff[0] if staff else scn.therapists[0]
    signed = s.date + dt.timedelta(days=1 if rng.random() < 0.25 else 0)
    sign_time = dt.time(
        rng.randint(16, 19) if signed == s.date else rng.randint(8, 11), rng.randint(0, 59)
    )
    form.row(
        [
            ("Electronically Signed By", kit.staff_name(signer)),
            ("Signed On", f"{kit.d_us(signed)} {kit.t_24(sign_time)}"),
        ]
    )
    return needles


def _closure(form: _Form, scn: Scenario, d: dt.date) -> None:
    form.pdf.add_page()
    form.heading(scn.program, "PROGRAM CLOSURE NOTICE")
    form.row([("Date", kit.d_us(d))])
    form.row([("Reason", f"{kit.holiday_name(d)} - program closed, no IOP groups held")])


def _summary(form: _Form, scn: Scenario) -> None:
    form.pdf.add_page()
    form.heading(scn.program, "IOP DISCHARGE SUMMARY")
    m = scn.member
    form.row([("Client Name", m.name)])
    form.row([("Client ID", m.member_id)])
    form.row([("Date of Birth", kit.d_us(m.date_of_birth))])
    form.row([("Admission Date", kit.d_us(scn.admission_date))])
    form.row([("Discharge Date", kit.d_us(scn.discharge_date))])
    form.row([("Primary Diagnosis", f"{scn.diagnosis_code} {scn.diagnosis_name}")])
    form.row([("Attending Physician", kit.staff_name(scn.physician))])
    form.row([("Primary Therapist", kit.staff_name(scn.therapists[0]))])
    form.row([("Discharge Type", "Completed program - planned discharge")])
    form.block(
        "Course of Treatment",
        "Client participated in group and individual therapy. Depressive and anxiety "
        "symptoms decreased; client uses coping skills consistently and denies SI/HI.",
    )
    form.block(
        "Aftercare",
        "Step down to weekly outpatient therapy; psychiatry follow-up in "
        "4 weeks; community support group twice weekly.",
    )
    form.row(
        [
            ("Electronically Signed By", kit.staff_name(scn.physician)),
            ("Signed On", kit.d_us(scn.discharge_date)),
        ]
    )


def _render(scn: Scenario, rng: random.Random, ledger: kit.Ledger) -> RenderedChart:
    layout = LAYOUTS[scn.seed % len(LAYOUTS)]
    tf = rng.choice((kit.t_milh, kit.t_fr, kit.t_ampm, kit.t_24))
    upper = rng.random() < 0.5
    created = dt.datetime.combine(scn.discharge_date, dt.time(18, 5), tzinfo=dt.UTC)
    services = [s for s in scn.sessions if s.kind is not K.MEAL]
    files: list[ChartFile] = []
    files_by: dict[int, list[str]] = {}

    def finish(pdf: _Doc, fname: str) -> None:
        files.append(ChartFile(fname, bytes(pdf.output())))

    if layout in ("stacked", "grid3"):
        weeks = sorted({kit.monday(s.date) for s in services})
        for wk in weeks:
            end = wk + dt.timedelta(days=6)
            fname = f"IOP_notes_{kit.d_iso(wk)}_to_{kit.d_iso(end)}.pdf"
            pdf = _Doc(f"{scn.member.name} - IOP progress notes", created)
            form = _Form(pdf, upper)
            items: list[tuple[dt.date, int, PlannedSession | None]] = [
                (s.date, kit.mins(s.start), s) for s in services if wk <= s.date <= end
            ]
            items += [(d, 0, None) for d in scn.closed_days if wk <= d <= end]
            for d, _, s in sorted(items, key=lambda x: (x[0], x[1])):
                if s is None:
                    _closure(form, scn, d)
                    continue
                needles = _note(form, scn, s, layout, tf, rng)
                files_by.setdefault(s.index, []).append(fname)
                ledger.note(s.index, fname, *needles)
            finish(pdf, fname)
        flags = dict(states_member_times=True)
    else:
        for s in services:
            kind_tag = {
                K.GROUP_PSYCHOTHERAPY: "GRP",
                K.GROUP_EDUCATION: "EDU",
                K.INDIVIDUAL_PSYCHOTHERAPY: "IND",
                K.FAMILY_COUNSELING: "FAM",
                K.CASE_MANAGEMENT: "CM",
                K.MEDICATION_MANAGEMENT: "MED",
            }[s.kind]
            fname = f"note_{s.date:%Y%m%d}_{s.start:%H%M}_{kind_tag}.pdf"
            pdf = _Doc(f"{scn.program} - confidential", created)
            needles = _note(_Form(pdf, upper), scn, s, layout, tf, rng)
            finish(pdf, fname)
            files_by.setdefault(s.index, []).append(fname)
            ledger.note(s.index, fname, *needles)
        for d in scn.closed_days:
            pdf = _Doc(f"{scn.program} - notice", created)
            _closure(_Form(pdf, upper), scn, d)
            finish(pdf, f"closure_{d:%Y%m%d}.pdf")
        flags = dict(states_member_times=False)

    pdf = _Doc(f"{scn.member.name} - discharge summary", created)
    _summary(_Form(pdf, upper), scn)
    finish(pdf, "discharge_summary.pdf")

    written = kit.build_written(
        files_by,
        lambda i: dict(
            flags, states_modality=True, states_group_size=True, states_facilitators=True
        ),
    )
    return RenderedChart(
        files=tuple(files),
        written=written,
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


def render_checked(scn: Scenario, rng: random.Random) -> tuple[RenderedChart, kit.Ledger]:
    ledger = kit.Ledger()
    return _render(scn, rng, ledger), ledger


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    return render_checked(scn, rng)[0]


FAMILY = Family(
    name=NAME,
    split="heldout",
    description=(
        "PDF progress-note forms whose text layer is caption-over-value: each field's small "
        "label on one line and its value on the next, or a row of captions followed by a "
        "row of values; times as 0900h, 9h00, 9:00 AM or 09:00."
    ),
    conventions=(
        "label line then value line (PDF form text layer)",
        "three captions on one line, their values on the next",
        "scheduled start/end beside Time In / Time Out",
        "times like 0900h and 9h00",
        "one PDF per calendar week, one note per page; or one PDF per note",
        "absence notes with the scheduled time; closure notice page",
        "discharge summary PDF with admission and discharge dates",
    ),
    render=render,
    tags=("pdf", "notes", "forms"),
)
