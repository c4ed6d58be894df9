"""dev-weekly-grid: a weekly attendance grid plus one note file per session.

Imitates programs that keep attendance on a weekly sign-in grid ("ATTENDANCE - Week of
10/06/2025", one row per program service, weekday columns Mon..Fri) and write each
session's note as its own file. Two variants (alternating by seed):

- "letters": grid cells hold P / A / NS / C / X (program closed) / - (not scheduled);
  every attended group and individual/family session has a note file with
  "Start 13:00 Stop 14:30" times; lunch, case management and medication visits appear
  only in the grid (kind and attendance known, length unknown);
- "hours": grid cells hold the time the member attended as h:mm ("1:30", "1:10" when
  late), or A / NS / C / X; only individual and family sessions have note files.

Notes carry no attendance field: the narrative documents participation and the grid gives
attendance. A program-information sheet states the admission date, the program schedule
and, in some charts, the daily structure with times (all distractors: a schedule is not a
service). One chart in two also has a discharge summary.
"""

from __future__ import annotations

import datetime as dt
import random

from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_dev import _common as c

ROW_NAME = {
    c.GP: "Group Psychotherapy",
    c.GE: "Psychoeducation Group",
    c.MEAL: "Lunch",
    c.IND: "Individual Therapy",
    c.FAM: "Family Therapy",
    c.CM: "Case Management",
    c.MM: "Medication Management",
}
ROMAN = ("", " I", " II", " III")
LETTER = {"attended": "P", "absent": "A", "no_show": "NS", "cancelled": "C"}


def _rows(scn: Scenario) -> dict[int, str]:
    """Each session's grid row: groups by their slot of the day (``Group Psychotherapy
    II``: the day's second psychotherapy group), other services by kind."""
    out: dict[int, str] = {}
    by_day: dict[dt.date, list[PlannedSession]] = {}
    for s in scn.sessions:
        by_day.setdefault(s.date, []).append(s)
    repeated = {
        k
        for k in (c.GP, c.GE)
        if any(sum(1 for s in day if s.kind is k) > 1 for day in by_day.values())
    }
    for day in by_day.values():
        seen: dict[str, int] = {}
        for s in sorted(day, key=lambda x: x.start):
            name = ROW_NAME[s.kind]
            seen[name] = seen.get(name, 0) + 1
            out[s.index] = name + (ROMAN[seen[name]] if s.kind in repeated else "")
    return out


def _note(s: PlannedSession, scn: Scenario, rng: random.Random) -> tuple[list[str], dt.date]:
    kind = "GROUP NOTE" if s.is_group else f"{ROW_NAME[s.kind].upper()} NOTE"
    lines = [
        kind,
        f"Client: {scn.member.name}          Program: {scn.program}",
        f"Date: {c.mdy(s.date)}",
        f"Service: {c.title_with_kind(s)}",
        f"Start {c.hhmm(s.start)} Stop {c.hhmm(s.end)}",
        "Format: " + ("Video (Zoom)" if s.modality.value == "video" else "In person"),
    ]
    if s.is_group:
        lines.append(f"Group members present: {s.group_size}")
        lines.append(f"Facilitator(s): {c.facilitators(s)}")
    else:
        lines.append(f"Clinician: {c.provider(s, scn)}")
    if s.member_start is not None:
        lines.append(f"Client arrived at {c.hhmm(s.member_start)}.")
    if s.member_end is not None:
        lines.append(f"Client left the group at {c.hhmm(s.member_end)}.")
    lines += ["", c.narrative(s, rng), ""]
    signed, at = c.signature_time(s, rng)
    signer = c.provider(s, scn).split("; ")[0]
    lines.append(f"Signed: {signer}   {c.mdy(signed)} {c.hhmm(at)}")
    return lines, signed


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    hours = scn.seed % 2 == 1
    structure = rng.random() < 0.6
    discharge = rng.random() < 0.5
    rec = c.Record()
    files: list[ChartFile] = []
    rows = _rows(scn)

    info = [
        "PROGRAM INFORMATION / ORIENTATION",
        f"Client: {scn.member.name}    DOB: {c.mdy(scn.member.date_of_birth)}",
        f"Program: {scn.program} - Intensive Outpatient",
        f"Admission: {c.mdy(scn.admission_date)}",
        f"Schedule: {c.schedule_line(scn)}",
        f"Primary therapist: {c.staff(scn.therapists[0])}",
    ]
    if structure:
        first = next(s.date for s in scn.sessions if s.is_group)
        info += ["", "Daily structure:"]
        info += [
            f"  {c.ampm(s.start)} - {c.ampm(s.end)}  {ROW_NAME[s.kind]}"
            for s in scn.sessions
            if s.date == first and (s.is_group or s.kind is c.MEAL)
        ]
    info += ["", f"Oriented by {c.staff(scn.therapists[0])} on {c.mdy(scn.admission_date)}."]
    files.append(c.text_file("program_info.txt", info))
    rec.dated(scn.admission_date)

    # the grid
    weeks: dict[dt.date, list[PlannedSession]] = {}
    for s in scn.sessions:
        weeks.setdefault(c.monday_of(s.date), []).append(s)
    last = scn.sessions[-1].date
    closed = c.closed_days_before(scn, last)
    legend = (
        "Legend: h:mm = time attended, A = absent, NS = no-show, C = cancelled, "
        "X = program closed, - = not scheduled"
        if hours
        else "Legend: P = present, A = absent, NS = no-show, C = cancelled, X = program closed, "
        "- = not scheduled"
    )
    grid = [f"WEEKLY ATTENDANCE GRID - {scn.program}", f"Client: {scn.member.name}", legend]
    order = list(
        dict.fromkeys(
            rows[s.index]
            for s in sorted(
                scn.sessions, key=lambda x: (x.kind in (c.IND, c.FAM, c.CM, c.MM), x.start)
            )
        )
    )
    for monday in sorted(set(weeks) | {c.monday_of(d) for d in closed}):
        week = weeks.get(monday, [])
        names = [n for n in order if any(rows[s.index] == n for s in week)]
        group_rows = [
            n for n in order if not n.startswith(("Individual", "Family", "Case", "Medication"))
        ]
        if not names:
            names = group_rows
        days = [monday + dt.timedelta(days=i) for i in range(5)]
        grid += [
            "",
            f"ATTENDANCE - Week of {c.mdy(monday)}",
            "Service".ljust(28) + "".join(c.wd(d).rjust(6) for d in days),
        ]
        for name in names:
            cells = []
            for d in days:
                hit = [s for s in week if s.date == d and rows[s.index] == name]
                if d in closed and name in group_rows:
                    cells.append("X")
                elif not hit:
                    cells.append("-")
                else:
                    s = hit[0]
                    if hours and s.attended:
                        cells.append(c.h_mm(s.minutes))
                    else:
                        cells.append(LETTER[s.attendance.value])
                    rec.add(
                        s,
                        "attendance_grid.txt",
                        length=hours and s.attended,
                        kind=True,
                        attendance=True,
                        member_times=hours and c.has_member_times(s),
                    )
            grid.append(name.ljust(28) + "".join(x.rjust(6) for x in cells))
        end = max(s.date for s in week) if week else monday
        grid.append(f"Verified by: {c.staff(scn.therapists[0])}  {c.mdy(end)}")
        rec.dated(end)
    files.append(c.text_file("attendance_grid.txt", grid))

    for s in scn.sessions:
        wanted = s.kind in (c.IND, c.FAM) or (not hours and s.is_group)
        if not (wanted and s.attended):
            continue
        lines, signed = _note(s, scn, rng)
        row = rows[s.index].lower().replace(" ", "_")
        name = f"note_{s.date.isoformat()}_{c.mil(s.start)}_{row}.txt"
        files.append(c.text_file(name, lines))
        rec.dated(signed)
        rec.add(
            s,
            name,
            length=True,
            kind=True,
            attendance=False,
            implied=True,
            member_times=c.has_member_times(s),
            modality=True,
            group_size=True,
            facilitators=True,
        )

    if discharge:
        doc, signed = c.discharge_doc(scn, rng, "mdy")
        files.append(c.text_file("discharge_summary.txt", c.doc_text(doc)))
        rec.dated(signed)

    return RenderedChart(
        files=tuple(files),
        written=rec.written(),
        admission_stated=True,
        discharge_stated=discharge,
        latest_document_date=rec.latest(),
    )


FAMILY = Family(
    name="dev-weekly-grid",
    split="dev",
    description=(
        "Weekly attendance grid (Week of MM/DD/YYYY, Mon-Fri columns, P/A/NS/C/X letters or "
        "h:mm attended) plus one note file per session with 'Start 13:00 Stop 14:30'."
    ),
    conventions=(
        "attendance grid 'Week of 10/06/2025' with Mon..Fri columns",
        "grid cells P/A/NS/C/X/- or h:mm time attended",
        "one note per file; notes without an attendance field (participation narrative)",
        "times as Start 13:00 Stop 14:30",
        "same session in grid and note",
        "sessions only in the grid: length unknown (letters variant)",
        "program schedule and daily structure with times (distractors)",
    ),
    render=render,
)
