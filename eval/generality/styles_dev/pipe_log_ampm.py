"""dev-pipe-log-ampm: a practice-management system's plain-text service log.

Imitates the "Client Service History" text export of small behavioral-health practice
systems: one pipe-delimited row per service with no column-header row (the reader must tell
the columns apart by their content), 12-hour times with AM/PM ("9:00 AM - 10:30 AM" or
"9:30 AM to 11:00 AM"), attendance as words with late arrival / early departure written
into the attendance cell, "PROGRAM CLOSED - holiday" rows, a modality column in some
variants, and staff with credentials. Beside the log: a face sheet stating the admission
date with a program schedule (a distractor) and past IOP history, and usually a discharge
summary with a follow-up appointment (a distractor). Some variants use CRLF line endings,
weekday-prefixed dates ("Tue 10/07/2025") or one log file per month.
"""

from __future__ import annotations

import datetime as dt
import random

from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_dev import _common as c


def _date(d: dt.date, form: int) -> str:
    if form == 0:
        return c.mdy(d)
    if form == 1:
        return f"{c.wd(d)} {c.mdy(d)}"
    return c.mdy_nopad(d)


def _time(s: PlannedSession, joiner: str) -> str:
    return f"{c.ampm(s.start)}{joiner}{c.ampm(s.end)}"


def _attendance(s: PlannedSession, rng: random.Random) -> tuple[str, bool]:
    """The attendance cell and whether it states the member's own times."""
    word = c.att_word(s, variant=1 if rng.random() < 0.3 else 0)
    late = c.member_times_phrase(s, "ampm")
    if late:
        return f"{word} - {late}", True
    why = c.reason(s)
    return (f"{word} ({why})" if why else word), False


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    crlf = rng.random() < 0.5
    date_form = scn.seed % 3
    joiner = rng.choice((" - ", " to "))
    with_modality = rng.random() < 0.6
    with_lunch = rng.random() < 0.5
    per_month = rng.random() < 0.4
    service_first = rng.random() < 0.5  # date | service | time ... vs date | time | service
    discharge = rng.random() < 0.75

    rec = c.Record()
    files: list[ChartFile] = []

    intake, intake_day = c.intake_doc(scn, rng, "mdy")
    face = c.Doc("CLIENT FACE SHEET", intake.fields, intake.sections, intake.signed)
    files.append(c.text_file("face_sheet.txt", c.doc_text(face, label_width=22), crlf=crlf))
    rec.dated(intake_day)

    sessions = [s for s in scn.sessions if with_lunch or s.kind is not c.MEAL]
    last = max(s.date for s in sessions)
    closed = c.closed_days_before(scn, last)
    rows: list[tuple[dt.date, dt.time, str, PlannedSession | None, bool]] = []
    for s in sessions:
        cells = [_date(s.date, date_form)]
        service = c.group_label(s)
        time = _time(s, joiner)
        cells += [service, time] if service_first else [time, service]
        att, member_times = _attendance(s, rng)
        cells.append(att)
        if with_modality:
            cells.append(c.modality_word(s, 0))
        cells.append(c.provider(s, scn, " / "))
        rows.append((s.date, s.start, " | ".join(cells), s, member_times))
    for d in closed:
        closed_line = f"{_date(d, date_form)} | PROGRAM CLOSED - holiday"
        rows.append((d, dt.time(0, 0), closed_line, None, False))
    rows.sort(key=lambda r: (r[0], r[1]))

    def log_name(d: dt.date) -> str:
        return f"service_log_{d:%Y-%m}.txt" if per_month else "service_log.txt"

    by_file: dict[str, list[str]] = {}
    for day, _, line, entry, member_times in rows:
        name = log_name(day)
        by_file.setdefault(name, []).append(line)
        if entry is not None:
            rec.add(
                entry,
                name,
                length=True,
                kind=True,
                attendance=True,
                member_times=member_times,
                modality=with_modality,
                facilitators=True,
            )
    for name, lines in by_file.items():
        head = [
            f"CLIENT SERVICE HISTORY - {scn.program}",
            f"Client: {scn.member.name}   DOB: {c.mdy(scn.member.date_of_birth)}   "
            f"ID: {scn.member.member_id}",
            c.rule("-"),
        ]
        files.append(c.text_file(name, head + lines, crlf=crlf))

    if discharge:
        doc, signed = c.discharge_doc(scn, rng, "mdy")
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
    name="dev-pipe-log-ampm",
    split="dev",
    description=(
        "Practice-management 'client service history' text log: pipe-delimited rows with no "
        "header row, 12-hour AM/PM times, attendance words, face sheet and discharge summary."
    ),
    conventions=(
        "pipe-delimited rows without a header row",
        "times as 9:00 AM - 10:30 AM or 9:30 AM to 11:00 AM",
        "dates 10/07/2025, Tue 10/07/2025 or 10/7/2025",
        "attendance words incl. late cancel, arrived late at / left early at",
        "PROGRAM CLOSED - holiday rows",
        "modality column in some variants",
        "face sheet with program schedule distractor and past IOP history",
        "discharge summary with follow-up appointment distractor",
        "CRLF line endings in some charts; one log per month in some",
    ),
    render=render,
)
