"""dev-pdf-note-pages: progress notes printed to PDF, several short notes per page.

Imitates the "print selected notes" PDF of outpatient EHRs: each note is a short block
(bold service heading, a date line "Date of Service: Tue Oct 7, 2025", a time line, a
setting/group-size/facilitator line, attendance, narrative, electronic signature), six or
so to a letter page, pages headed by the program and member and footed "Page N of M".
Times use one-letter meridiem suffixes, per chart one of:

- ``Time In: 9:00a   Time Out: 10:30a``;
- ``Time: 9:00a-10:30a`` or ``Time: 1:00p - 2:30p``;
- durations only: ``Duration: 1:30`` or ``Length of session: 1.5 hours`` (the member's own
  time when they came late or left early, which the attendance line then says).

Notes are numbered "SESSION #n" in some charts. Individual-therapy notes end with a "Next
appointment" line (a distractor), and the intake mentions a past IOP and an upcoming
psychiatric evaluation (distractors). Lunch is not documented. Latin-1 text only (core
PDF fonts).
"""

from __future__ import annotations

import datetime as dt
import random

from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_dev import _common as c
from eval.generality.styles_dev._pdf import ChartPDF

NOTE_TITLE = {
    c.GP: "GROUP PSYCHOTHERAPY NOTE",
    c.GE: "PSYCHOEDUCATION GROUP NOTE",
    c.IND: "INDIVIDUAL PSYCHOTHERAPY NOTE",
    c.FAM: "FAMILY THERAPY NOTE",
    c.CM: "CASE MANAGEMENT NOTE",
    c.MM: "MEDICATION MANAGEMENT NOTE",
}


def _date(d: dt.date) -> str:
    return f"{c.wd(d)} {c.mon_d_y(d)}"


def _time_line(s: PlannedSession, form: str, spaced: bool) -> tuple[str, bool]:
    """The note's time line and whether it gives the session a length."""
    if form == "inout":
        return f"Time In: {c.ap(s.start)}   Time Out: {c.ap(s.end)}", True
    if form == "range":
        dash = " - " if spaced else "-"
        return f"Time: {c.ap(s.start)}{dash}{c.ap(s.end)}", True
    if not s.attended:
        return "", False
    if spaced:
        return f"Length of session: {c.dur_words(s.minutes)}", True
    return f"Duration: {c.h_mm(s.minutes)}", True


def _note_lines(
    s: PlannedSession, scn: Scenario, rng: random.Random, form: str, spaced: bool
) -> tuple[list[tuple[str, bool]], dt.date, bool]:
    """(line, bold) pairs, the signature date, whether the length is stated."""
    title = NOTE_TITLE[s.kind]
    if s.is_group and s.title != c.KIND_LABEL[s.kind]:
        title += f" - {s.title}"
    out: list[tuple[str, bool]] = [(title, True)]
    time_line, has_length = _time_line(s, form, spaced)
    out.append((f"Date of Service: {_date(s.date)}    {time_line}".rstrip(), False))
    setting = "Telehealth (video) via Zoom" if s.modality.value == "video" else "In person"
    third = f"Setting: {setting}"
    if s.is_group:
        third += f"    Group size: {s.group_size}    Facilitator(s): {c.facilitators(s)}"
    else:
        third += f"    Clinician: {c.provider(s, scn)}"
    out.append((third, False))
    att = c.att_word(s)
    mt = c.member_times_phrase(s, "ap")
    if mt:
        att += f" - {mt}"
    elif not s.attended and c.reason(s):
        att += f" ({c.reason(s)})"
    out.append((f"Attendance: {att}", False))
    out.append((f"Narrative: {c.narrative(s, rng)}", False))
    if s.kind in (c.IND, c.FAM) and s.attended:
        nxt = s.date + dt.timedelta(days=7)
        out.append((f"Next appointment: {_date(nxt)} at {c.ap(s.start)}", False))
    signed, at = c.signature_time(s, rng)
    signer = c.provider(s, scn).split("; ")[0]
    out.append((f"Electronically signed by {signer} on {c.mon_d_y(signed)} at {c.ap(at)}", False))
    return out, signed, has_length


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    form = ("inout", "range", "duration")[scn.seed % 3]
    spaced = rng.random() < 0.5
    numbered = rng.random() < 0.5
    discharge = rng.random() < 0.7
    rec = c.Record()
    files: list[ChartFile] = []
    member = f"{scn.member.name}  DOB {c.mdy(scn.member.date_of_birth)}"

    # intake + treatment plan in one PDF
    pdf = ChartPDF(scn.program, "Intake Assessment and Treatment Plan", member)
    pdf.add_page()
    intake, intake_day = c.intake_doc(scn, rng, "mon", schedule=False)
    plan, plan_day = c.plan_doc(scn, rng, "mon")
    for doc in (intake, plan):
        pdf.line_text(doc.title, bold=True, size=11)
        for k, v in doc.fields:
            pdf.line_text(f"{k}: {v}")
        for sec in doc.sections:
            pdf.ln(1)
            pdf.line_text(sec.heading, bold=True)
            for line in sec.lines:
                pdf.line_text(line)
        if doc is intake:
            evaluation = scn.admission_date + dt.timedelta(days=rng.choice((8, 9, 10)))
            pdf.line_text(
                f"Next appointment: psychiatric evaluation {c.mon_d_y(evaluation)} "
                f"at 1:00p with {c.staff(scn.physician)}"
            )
        for sig in doc.signed:
            pdf.line_text(f"Electronically signed: {sig}")
        pdf.rule(3)
    rec.dated(intake_day, plan_day)
    files.append(pdf.to_file("intake_and_plan.pdf", plan_day))

    notes = ChartPDF(scn.program, "Progress Notes", member)
    notes.add_page()
    sessions = [s for s in scn.sessions if s.kind is not c.MEAL]
    latest = scn.admission_date
    for n, s in enumerate(sessions, start=1):
        lines, signed, has_length = _note_lines(s, scn, rng, form, spaced)
        if numbered:
            lines.insert(0, (f"SESSION #{n}", True))
        height = 5.0 * (len(lines) + 2) + 4
        if not notes.fits(height):
            notes.add_page()
        for text, bold in lines:
            notes.line_text(text, bold=bold)
        notes.rule(2)
        latest = max(latest, signed)
        rec.dated(signed)
        rec.add(
            s,
            "progress_notes.pdf",
            length=has_length,
            kind=True,
            attendance=True,
            member_times=c.has_member_times(s),
            modality=True,
            group_size=True,
            facilitators=True,
        )
    files.append(notes.to_file("progress_notes.pdf", latest))

    if discharge:
        doc, signed = c.discharge_doc(scn, rng, "mon")
        dpdf = ChartPDF(scn.program, "Discharge Summary", member)
        dpdf.add_page()
        dpdf.line_text(doc.title, bold=True, size=11)
        for k, v in doc.fields:
            dpdf.line_text(f"{k}: {v}")
        for sec in doc.sections:
            dpdf.ln(1)
            dpdf.line_text(sec.heading, bold=True)
            for line in sec.lines:
                dpdf.line_text(line)
        for sig in doc.signed:
            dpdf.line_text(f"Electronically signed: {sig}")
        files.append(dpdf.to_file("discharge_summary.pdf", signed))
        rec.dated(signed)

    return RenderedChart(
        files=tuple(files),
        written=rec.written(),
        admission_stated=True,
        discharge_stated=discharge,
        latest_document_date=rec.latest(),
    )


FAMILY = Family(
    name="dev-pdf-note-pages",
    split="dev",
    description=(
        "EHR 'print selected notes' PDF: short note blocks, several per page, a/p time "
        "suffixes (Time In/Time Out, ranges) or durations only, SESSION #n headings."
    ),
    conventions=(
        "PDF, several notes per page, running header and 'Page N of M' footer",
        "dates as Tue Oct 7, 2025",
        "Time In: 9:00a   Time Out: 10:30a",
        "times 9:00a-10:30a or 1:00p - 2:30p",
        "durations only: Duration: 1:30 / Length of session: 1.5 hours",
        "attendance words with 'arrived late at 9:25a'",
        "modality 'Telehealth (video) via Zoom' / 'In person'",
        "SESSION #n numbered notes in some charts",
        "next-appointment and upcoming-evaluation distractors",
    ),
    render=render,
)
