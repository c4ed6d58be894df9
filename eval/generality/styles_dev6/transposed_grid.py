"""Attendance grids turned on their side: services are rows, dates are columns.

Each group slot of the program day is a row whose label carries the group's time; the
weekly individual / family session and the occasional case-management or medication visit
have rows of their own. Three vendors:

- ``weekly-csv``: one block per calendar week (Mon-Fri columns headed "Tue 10/14", the year
  only in the block title), cells are minutes attended (``*`` telehealth) or absence codes,
  with row totals, a billable daily total, the lunch row and a legend;
- ``monthly-codes``: a fixed-width month grid with day-of-month columns and weekday initials,
  one-letter codes explained in a legend, partial attendance and the non-group services
  (with their times) listed under the grid;
- ``weekly-fixed``: a fixed-width week grid of minutes with a group-census line under each
  group row and a daily total.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
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

LAYOUTS = ("weekly-csv", "monthly-codes", "weekly-fixed")
OTHER_KINDS = (
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
    ServiceKind.FAMILY_COUNSELING,
    ServiceKind.CASE_MANAGEMENT,
    ServiceKind.MEDICATION_MANAGEMENT,
)
Slot = tuple[dt.time, dt.time, ServiceKind]


class _Grid:
    """The chart's rows and where each session falls."""

    def __init__(self, scn: Scenario, meals: bool) -> None:
        self.scn = scn
        kinds = (*k.GROUP_KINDS, ServiceKind.MEAL) if meals else k.GROUP_KINDS
        self.slots: list[Slot] = sorted(
            {(s.start, s.end, s.kind) for s in scn.sessions if s.kind in kinds}
        )
        self.others = [kd for kd in OTHER_KINDS if any(s.kind is kd for s in scn.sessions)]
        self.cell: dict[tuple[object, dt.date], PlannedSession] = {}
        for s in scn.sessions:
            if s.kind in kinds:
                self.cell[((s.start, s.end, s.kind), s.date)] = s
            elif s.kind in OTHER_KINDS:
                self.cell[(s.kind, s.date)] = s
        self.closed = set(scn.closed_days)

    def weeks(self) -> list[dt.date]:
        first = k.monday(self.scn.admission_date)
        out = []
        while first <= self.scn.discharge_date:
            out.append(first)
            first += dt.timedelta(days=7)
        return out


ABS_CSV = {Attendance.ABSENT: "A", Attendance.NO_SHOW: "NS", Attendance.CANCELLED: "CX"}
ABS_FIX = {Attendance.ABSENT: "abs", Attendance.NO_SHOW: "n/s", Attendance.CANCELLED: "cxl"}
ABS_CODE = {Attendance.ABSENT: "A", Attendance.NO_SHOW: "N", Attendance.CANCELLED: "C"}


# --------------------------------------------------------------------------- weekly-csv


def _weekly_csv(scn: Scenario, rng: random.Random) -> RenderedChart:
    grid = _Grid(scn, meals=True)
    name = rng.choice(("attendance_by_service.csv", "service_grid_weekly.csv"))
    variant = rng.randint(0, 2)
    admission_stated = rng.random() < 0.75
    discharge_stated = rng.random() < 0.5
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if rng.random() < 0.5 else "\n")
    m = scn.member
    w.writerow(["Attendance by Service - Weekly View"])
    w.writerow(["Program", scn.program])
    w.writerow(["Client", f"{m.last}, {m.first}", "MRN", m.member_id])
    episode: list[str] = []
    if admission_stated:
        episode += ["Admission", k.df(scn.admission_date, "us")]
    if discharge_stated:
        episode += ["Discharge", k.df(scn.discharge_date, "us")]
    if episode:
        w.writerow(episode)
    written: list[Written] = []
    for monday in grid.weeks():
        days = [monday + dt.timedelta(days=i) for i in range(5)]
        w.writerow([])
        w.writerow([f"Week of {k.df(monday, 'us')}"])
        w.writerow(
            ["Service", "Group Time", *(f"{d:%a} {k.df(d, 'md')}" for d in days), "Total (min)"]
        )
        daily = [0] * 5
        for slot in grid.slots:
            start, end, kind = slot
            label = kind_label(kind, variant)
            row: list[str] = [label, k.span(start, end, "24")]
            total = 0
            for i, d in enumerate(days):
                s = grid.cell.get((slot, d))
                row.append(_csv_cell(s, d in grid.closed))
                if s is not None:
                    if s.attended:
                        total += int(s.minutes)
                        if kind is not ServiceKind.MEAL:
                            daily[i] += int(s.minutes)
                    written.append(k.written(s, [name], modality=s.attended))
            w.writerow([*row, str(total)])
        for kind in grid.others:
            row = [kind_label(kind, variant), "as scheduled"]
            total = 0
            for i, d in enumerate(days):
                s = grid.cell.get((kind, d))
                row.append(_csv_cell(s, False) if s else "")
                if s is not None:
                    if s.attended:
                        total += int(s.minutes)
                        if kind in (
                            ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
                            ServiceKind.FAMILY_COUNSELING,
                        ):
                            daily[i] += int(s.minutes)
                    written.append(k.written(s, [name], length=s.attended, modality=s.attended))
            w.writerow([*row, str(total)])
        w.writerow(
            [
                "Daily total, billable (min)",
                "",
                *(str(x) if x else "" for x in daily),
                str(sum(daily)),
            ]
        )
    w.writerow([])
    w.writerow(
        [
            "Legend: number = minutes attended by the client; * = attended by telehealth "
            "(video), all other attended minutes in person; A = absent; NS = no-show; "
            "CX = cancelled by client; CL = program closed (holiday); blank = not "
            "scheduled"
        ]
    )
    text = buf.getvalue()
    dates = [scn.sessions[x.session].date for x in written]
    return RenderedChart(
        files=(ChartFile(name, text.encode("utf-8")),),
        written=tuple(written),
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=max(dates),
    )


def kind_label(kind: ServiceKind, variant: int) -> str:
    if kind is ServiceKind.MEAL:
        return "Lunch (non-billable)"
    return k.kind_name(kind, variant)


def _csv_cell(s: PlannedSession | None, closed: bool) -> str:
    if closed:
        return "CL"
    if s is None:
        return ""
    if s.attended:
        return f"{s.minutes:.0f}{'*' if s.modality.value == 'video' else ''}"
    return ABS_CSV[s.attendance]


# --------------------------------------------------------------------------- monthly-codes


def _monthly_codes(scn: Scenario, rng: random.Random) -> RenderedChart:
    grid = _Grid(scn, meals=False)
    name = "monthly_attendance_grid.txt"
    admission_stated = rng.random() < 0.7
    discharge_stated = rng.random() < 0.6
    m = scn.member
    label_w = 30
    out: list[str] = []
    written: list[Written] = []
    for year, month in k.months_between(scn.admission_date, scn.discharge_date):
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        days = [first + dt.timedelta(days=i) for i in range((nxt - first).days)]
        if out:
            out.append("\f")
        out.append(f"{'MONTHLY IOP ATTENDANCE GRID':<60}{k.MONTHS[month - 1].upper()} {year}")
        out.append(
            f"Client: {m.last.upper()}, {m.first.upper()}   MRN {m.member_id}   "
            f"Program: {scn.program}"
        )
        ep = []
        if admission_stated:
            ep.append(f"Admitted {k.df(scn.admission_date, 'us')}")
        if discharge_stated:
            ep.append(f"Discharged {k.df(scn.discharge_date, 'us')}")
        if ep:
            out.append("   ".join(ep))
        out.append("")
        out.append(" " * label_w + "".join(f"{'MTWTFSS'[d.weekday()]:>3}" for d in days))
        out.append(f"{'SERVICE / TIME':<{label_w}}" + "".join(f"{d.day:>3}" for d in days))
        out.append("-" * (label_w + 3 * len(days)))
        partial: list[str] = []
        listed: list[str] = []
        for slot in grid.slots:
            start, end, kind = slot
            label = f"{k.kind_name(kind, 2)} {k.span(start, end, '4')}"
            cells = ""
            for d in days:
                s = grid.cell.get((slot, d))
                cells += f"{_code(s, d in grid.closed):>3}"
                if s is not None:
                    if k.partial(s) and s.attended:
                        partial.append(_partial_line(s, label))
                    written.append(k.written(s, [name], modality=s.attended))
            out.append(f"{label:<{label_w}}{cells}")
        for kind in grid.others:
            cells = ""
            for d in days:
                s = grid.cell.get((kind, d))
                cells += f"{_code(s, False):>3}"
                if s is not None:
                    listed.append(_other_line(scn, s))
                    written.append(k.written(s, [name], modality=s.attended))
            out.append(f"{k.kind_name(kind, 2) + ' (see list)':<{label_w}}{cells}")
        out.append("-" * (label_w + 3 * len(days)))
        out.append(
            "Legend: P present in person  V present by telehealth video  L present, "
            "partial (see below)"
        )
        out.append(
            "        A absent (excused)  N no-show  C cancelled  X program closed  . no service"
        )
        if partial:
            out += ["", "Partial attendance:", *partial]
        if listed:
            out += ["", "Individual, family and other services:", *listed]
        closed_here = [d for d in scn.closed_days if (d.year, d.month) == (year, month)]
        for d in closed_here:
            out.append(f"  {k.df(d, 'us')} program closed - {k.holiday(d)}")
    dates = [scn.sessions[x.session].date for x in written]
    return RenderedChart(
        files=(ChartFile(name, ("\n".join(out) + "\n").encode("utf-8")),),
        written=tuple(written),
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=max(dates),
    )


def _code(s: PlannedSession | None, closed: bool) -> str:
    if closed:
        return "X"
    if s is None:
        return "."
    if s.attended:
        if k.partial(s):
            return "L"
        return "V" if s.modality.value == "video" else "P"
    return ABS_CODE[s.attendance]


def _partial_line(s: PlannedSession, label: str) -> str:
    where = "telehealth video" if s.modality.value == "video" else "in person"
    if s.member_start is not None:
        what = f"arrived {k.tm(s.member_start, '4')}"
    else:
        what = f"left {k.tm(k.member_out(s), '4')}"
    return f"  {k.df(s.date, 'md')} {label}: {what} ({s.minutes:.0f} min), {where}"


def _other_line(scn: Scenario, s: PlannedSession) -> str:
    who = k.clinicians(scn, s)
    status = _code(s, False)
    extra = f" ({k.reason(s)})" if not s.attended else ""
    by = f"  {k.staff(who[0])}" if who else ""
    return (
        f"  {k.df(s.date, 'md')} {s.title:<24} {k.span(s.start, s.end, '4')}  {status}{extra}{by}"
    )


# --------------------------------------------------------------------------- weekly-fixed


def _weekly_fixed(scn: Scenario, rng: random.Random) -> RenderedChart:
    grid = _Grid(scn, meals=False)
    name = "iop_weekly_minutes.txt"
    admission_stated = rng.random() < 0.8
    discharge_stated = rng.random() < 0.5
    ts = rng.choice(("24n", "12a"))
    m = scn.member
    lw, cw = 34, 11
    out: list[str] = [
        f"{scn.program.upper()}",
        "IOP MINUTES-ATTENDED WORKSHEET (client minutes per service and day)",
        f"Client {m.first} {m.last}  ID {m.member_id}  DOB {k.df(m.date_of_birth, 'us')}",
    ]
    if admission_stated:
        out.append(f"Admit date {k.df(scn.admission_date, 'us')}")
    if discharge_stated:
        out.append(f"Discharge date {k.df(scn.discharge_date, 'us')}")
    written: list[Written] = []
    for monday in grid.weeks():
        days = [monday + dt.timedelta(days=i) for i in range(5)]
        out += ["", f"=== Week of {k.df(monday, 'us')} " + "=" * 60]
        out.append(
            f"{'SERVICE / SLOT':<{lw}}"
            + "".join(f"{d:%a}".upper().rjust(cw) for d in days)
            + "TOTAL".rjust(8)
        )
        out.append(" " * lw + "".join(k.df(d, "mdn").rjust(cw) for d in days))
        daily = [0] * 5
        for slot in grid.slots:
            start, end, kind = slot
            label = f"{k.kind_name(kind, 1)} {k.span(start, end, ts)}"
            cells, census, total = "", "", 0
            for i, d in enumerate(days):
                s = grid.cell.get((slot, d))
                cells += _fix_cell(s, d in grid.closed).rjust(cw)
                size = "-"
                if s is not None:
                    if s.attended:
                        total += int(s.minutes)
                        daily[i] += int(s.minutes)
                        size = str(s.group_size) if s.group_size is not None else "-"
                    written.append(k.written(s, [name], modality=s.attended, group_size=True))
                census += (size if s is not None else "").rjust(cw)
            out.append(f"{label:<{lw}}{cells}{total:>8}")
            out.append(f"{'   clients in group':<{lw}}{census}".rstrip())
        for kind in grid.others:
            cells, total = "", 0
            for i, d in enumerate(days):
                s = grid.cell.get((kind, d))
                cells += (_fix_cell(s, False) if s else "").rjust(cw)
                if s is not None:
                    if s.attended:
                        total += int(s.minutes)
                        if kind in (
                            ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
                            ServiceKind.FAMILY_COUNSELING,
                        ):
                            daily[i] += int(s.minutes)
                    written.append(k.written(s, [name], length=s.attended, modality=s.attended))
            out.append(f"{k.kind_name(kind, 1) + ' (min)':<{lw}}{cells}{total:>8}")
        out.append("-" * (lw + cw * 5 + 8))
        out.append(
            f"{'DAILY TOTAL (counted min)':<{lw}}"
            + "".join((str(x) if x else "").rjust(cw) for x in daily)
            + f"{sum(daily):>8}"
        )
    out += [
        "",
        "Cells: minutes the client attended; 'v' = by video (telehealth), otherwise on "
        "site; abs = absent, n/s = no-show, cxl = cancelled, CLOSED = holiday closure.",
        "Case management and medication visits are listed but not counted in totals.",
    ]
    dates = [scn.sessions[x.session].date for x in written]
    return RenderedChart(
        files=(ChartFile(name, ("\n".join(out) + "\n").encode("utf-8")),),
        written=tuple(written),
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=max(dates),
    )


def _fix_cell(s: PlannedSession | None, closed: bool) -> str:
    if closed:
        return "CLOSED"
    if s is None:
        return ""
    if s.attended:
        return f"{s.minutes:.0f}{'v' if s.modality.value == 'video' else ''}"
    return ABS_FIX[s.attendance]


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.pick_layout(scn, LAYOUTS)
    if layout == "weekly-csv":
        return _weekly_csv(scn, rng)
    if layout == "monthly-codes":
        return _monthly_codes(scn, rng)
    return _weekly_fixed(scn, rng)


FAMILY = Family(
    name="d6-transposed-grid",
    split="dev",
    description=(
        "Transposed attendance grids: services as rows (group times in the row label), "
        "dates as columns; cells hold minutes attended or legend codes; weekly CSV blocks, "
        "a fixed-width month grid with footnotes, and fixed-width weekly minutes with census."
    ),
    conventions=(
        "services as rows, dates as columns",
        "group time only in the row label",
        "cells are minutes attended",
        "one-letter attendance codes with a legend",
        "column headers without a year",
        "day-of-month columns under weekday initials",
        "partial attendance as a footnote",
    ),
    render=render,
    tags=("grid", "csv", "fixed-width"),
)
