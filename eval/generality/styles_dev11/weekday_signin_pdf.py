"""Weekly group sign-in sheets scanned back into the chart as a PDF with a text layer.

Each group of the program's day has a sheet per calendar week: the group's service and
code and its time, written once in the sheet's heading ("meets 9:00 to 10:30 am"), then a
row per enrolled member (this client among six to nine others, LAST, First) and a column
per program weekday headed "Mon 3/3". A cell is "X" when the member signed in, "X in 9:20"
or "X out 11:45" when the member came late or left early, or a code (A absent, NS no
show, CX cancelled); a column of a closed day reads "CLOSED" and a cell is blank when the
member was not enrolled that day. The last column totals the member's hours in that group
for the week (a sum, not a session). A row of topics and a row of facilitator initials
close each sheet. Three or four sheets share a page under a running header. Individual,
family, case-management and medication visits follow on an appointment list (date, start,
minutes, service, status). The cover page states the admission and discharge and the
program's standing schedule (a plan, not attendance).
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario

from . import _kit as k
from ._kit import Cell, Line

CODE = {Attendance.ABSENT: "A", Attendance.NO_SHOW: "NS", Attendance.CANCELLED: "CX"}
SERVICE = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "Group psychotherapy (90853)",
    ServiceKind.GROUP_EDUCATION: "Psychoeducation group (H2027)",
}
APPT = {
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Individual psychotherapy",
    ServiceKind.FAMILY_COUNSELING: "Family psychotherapy",
    ServiceKind.CASE_MANAGEMENT: "Case management",
    ServiceKind.MEDICATION_MANAGEMENT: "Medication management",
}
STATUS = {
    Attendance.ATTENDED: "Kept",
    Attendance.ABSENT: "Absent",
    Attendance.NO_SHOW: "No show",
    Attendance.CANCELLED: "Cancelled by client",
}
NAME_X = 48.0
DAY_X = 168.0
DAY_W = 74.0
SIZE = 8.0


def _cell(s: PlannedSession) -> str:
    if not s.attended:
        return CODE[s.attendance]
    out = "X"
    if s.member_start is not None:
        out += f" in {k.clock(s.member_start, '12c')[:-1]}"
    if s.member_end is not None:
        out += f" out {k.clock(s.member_end, '12c')[:-1]}"
    return out


def _row(label: str, cells: list[str], total: str, style: str = "") -> Line:
    parts = [Cell(NAME_X, label)]
    parts += [Cell(DAY_X + DAY_W * i, c) for i, c in enumerate(cells)]
    parts.append(Cell(DAY_X + DAY_W * len(cells) + 8, total))
    return Line(tuple(parts), style, SIZE)


def _hours(minutes: float) -> str:
    return f"{minutes / 60:.2f}"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    m = scn.member
    services = k.services(scn)
    groups = [s for s in services if s.kind in k.GROUP_KINDS]
    slots = sorted({(s.start, s.end, s.kind) for s in groups})
    weekdays = sorted({s.date.weekday() for s in groups} | {d.weekday() for d in scn.closed_days})
    mondays = sorted(
        {s.date - dt.timedelta(days=s.date.weekday()) for s in groups}
        | {d - dt.timedelta(days=d.weekday()) for d in scn.closed_days}
    )
    roster = k.peers(scn, 9)[: rng.randint(6, 9)]
    by_key = {(s.date, s.start, s.kind): s for s in groups}
    blocks: list[list[Line]] = []
    for monday in mondays:
        days = [monday + dt.timedelta(days=wd) for wd in weekdays]
        for n, (start, end, kind) in enumerate(slots, start=1):
            mine = [by_key.get((d, start, kind)) for d in days]
            if not any(mine) and not any(d in scn.closed_days for d in days):
                continue
            block = [
                Line.of(
                    f"WEEKLY GROUP SIGN-IN      Week of {k.date(monday, 'us')}      Group {n} of "
                    f"{len(slots)}",
                    "B",
                    9,
                ),
                Line.of(f"{SERVICE[kind]}    meets {k.loose_range(start, end)}", "", SIZE),
                _row("Member", [k.wmd(d) for d in days], "Hrs", "B"),
                _row(
                    "Topic",
                    [
                        "CLOSED"
                        if d in scn.closed_days
                        else (s.title.replace(" Group", "")[:13] if s else "")
                        for d, s in zip(days, mine, strict=True)
                    ],
                    "",
                    "I",
                ),
            ]
            rows: list[tuple[str, Line]] = []
            mins = sum(s.minutes for s in mine if s is not None and s.attended)
            rows.append(
                (
                    m.last.upper(),
                    _row(
                        f"{m.last.upper()}, {m.first}",
                        [
                            "CLOSED" if d in scn.closed_days else (_cell(s) if s else "")
                            for d, s in zip(days, mine, strict=True)
                        ],
                        _hours(mins),
                    ),
                )
            )
            length = k.minutes_between(start, end)
            for first, last in roster:
                cells: list[str] = []
                total = 0
                for d in days:
                    if d in scn.closed_days:
                        cells.append("CLOSED")
                    elif d < scn.admission_date - dt.timedelta(days=14) or d > scn.discharge_date:
                        cells.append("")
                    else:
                        c = rng.choice(("X", "X", "X", "X", "X", "A", "NS"))
                        cells.append(c)
                        total += length if c == "X" else 0
                rows.append((last.upper(), _row(f"{last.upper()}, {first}", cells, _hours(total))))
            rows.sort(key=lambda r: r[0])
            block += [r[1] for r in rows]
            block.append(
                _row(
                    "Facilitator",
                    ["/".join(k.initials(f) for f in s.facilitators) if s else "" for s in mine],
                    "",
                    "I",
                )
            )
            block.append(Line.of("", size=6))
            blocks.append(block)
    appts = [s for s in services if s.kind not in k.GROUP_KINDS]
    if appts:
        block = [Line.of("INDIVIDUAL / FAMILY / OTHER APPOINTMENTS", "B", 9)]
        block.append(
            Line(
                (
                    Cell(48, "Date"),
                    Cell(140, "Start"),
                    Cell(200, "Min"),
                    Cell(240, "Service"),
                    Cell(380, "Clinician"),
                    Cell(490, "Status"),
                ),
                "B",
                SIZE,
            )
        )
        for s in appts:
            who = k.clinicians(scn, s) or (scn.therapists[0],)
            block.append(
                Line(
                    (
                        Cell(48, k.date(s.date, "wmd") + f"/{s.date.year}"),
                        Cell(140, k.clock(s.start, "12")),
                        Cell(200, str(int(s.minutes)) if s.attended else "--"),
                        Cell(
                            240, APPT[s.kind] + (" (video)" if s.attended and k.is_video(s) else "")
                        ),
                        Cell(380, k.staff_name(who[0], "init")),
                        Cell(490, STATUS[s.attendance]),
                    ),
                    "",
                    SIZE,
                )
            )
        blocks.append(block)
    body = k.paginate(blocks, 640)
    total = len(body) + 1
    plan_days = "/".join(k.WEEKDAYS[w][:3] for w in weekdays)
    cover = [
        Line.of(scn.program, "B", 12),
        Line.of("Group sign-in sheets and appointment list - copy for chart", "", 9),
        Line.of(
            f"Client: {m.first} {m.last}    MRN {m.member_id}    "
            f"DOB {k.date(m.date_of_birth, 'us')}",
            "",
            9,
        ),
        Line.of(
            f"IOP admission {k.date(scn.admission_date, 'us')}    "
            f"discharge {k.date(scn.discharge_date, 'us')}",
            "",
            9,
        ),
        Line.of(
            f"Standing schedule: {plan_days}, "
            + "; ".join(f"Group {n} {k.loose_range(a, b)}" for n, (a, b, _) in enumerate(slots, 1)),
            "",
            9,
        ),
        Line.of(
            "Sheet codes: X signed in; in/out = time arrived / left; A absent; NS no show;", "", 9
        ),
        Line.of("CX cancelled; CLOSED program closed; blank = not enrolled that day.", "", 9),
        Line.of(f"Page 1 of {total}", "I", 7.5),
    ]
    pages = [cover]
    for p, page in enumerate(body, start=2):
        head = Line.of(
            f"SIGN-IN SHEETS   {m.last.upper()}, {m.first.upper()}   MRN {m.member_id}   "
            f"Page {p} of {total}",
            "I",
            7.5,
        )
        pages.append([head, Line.of("", size=6), *page])
    name = f"signin_sheets_{m.member_id}.pdf"
    written = [
        k.written(
            s,
            [name],
            length=s.attended or s.kind in k.GROUP_KINDS,
            modality=s.attended and k.is_video(s) and s.kind not in k.GROUP_KINDS,
        )
        for s in services
    ]
    return RenderedChart(
        files=(ChartFile(name, k.pdf(pages)),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d11-weekday-signin-pdf",
    split="dev",
    description=(
        "Weekly group sign-in sheets (PDF, three or four to a page): the group's time once "
        "in the heading, a row per enrolled member with this client among others, weekday "
        "columns headed 'Mon 3/3' holding X, 'X in 9:20', A/NS/CX or CLOSED, a weekly hours "
        "total per member, topic and facilitator rows; an appointment list with start and "
        "minutes for the other services; a cover page with the standing schedule."
    ),
    conventions=(
        "one sheet per group per calendar week; times only in the sheet heading",
        "weekday columns 'Mon 3/3' with the year only in 'Week of'",
        "cells X / 'X in 9:20' / 'X out 11:45' / A / NS / CX / CLOSED / blank",
        "this client one row among six to nine members",
        "Hrs total per member per sheet (a sum, not a session)",
        "appointment list: date, start, minutes, service, status",
        "standing schedule on the cover page (a plan)",
    ),
    render=render,
    tags=("pdf", "signin", "grid"),
)
