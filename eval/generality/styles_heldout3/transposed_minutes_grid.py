"""A transposed attendance grid: one row per service line, one column per date.

Program attendance spreadsheets are often laid out "sideways": the program's service lines
down the left (each group slot of the day, individual therapy, case management, lunch),
the dates across the top, and in each cell the minutes the client attended or a code for
the day, explained by a legend under the grid. The reader has to join a cell to its row
label (the service and, for a group slot, its scheduled time) and its column header (the
date, sometimes without the year, which the block's title gives).

Three layouts (the seed picks one):

- ``weekly_minutes``: a text grid per calendar week; cells hold minutes attended by the
  client (so a late arrival shows fewer minutes, with a footnote giving the arrival time),
  a ``v`` suffix for telehealth video, NS/CX/AB codes for missed sessions.
- ``weekly_codes``: a CSV with one block per week; group slots carry their scheduled time
  in a Time column and cells hold P / L (late) / E (left early) / A / NS / C codes with no
  times; individual services give their time in the cell. No discharge date.
- ``month_sheet``: one text sheet per month with a column for every day of the month
  (day number over a weekday letter), minutes in the cells, a closed-clinic row and a
  daily total row.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import random
from collections.abc import Callable

from core.facts import Modality
from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_heldout3 import _kit as kit
from eval.generality.styles_heldout3._kit import A, K

NAME = "h3-transposed-minutes-grid"
LAYOUTS = ("weekly_minutes", "weekly_codes", "month_sheet")

KIND_ROW = {
    K.INDIVIDUAL_PSYCHOTHERAPY: "Individual Therapy (90834/90837)",
    K.FAMILY_COUNSELING: "Family Therapy (90847)",
    K.CASE_MANAGEMENT: "Case Management (T1016)",
    K.MEDICATION_MANAGEMENT: "Medication Mgmt (99213)",
}
SLOT_NAME = {
    K.GROUP_PSYCHOTHERAPY: "Group Psychotherapy",
    K.GROUP_EDUCATION: "Psychoeducation Group",
    K.MEAL: "Lunch (not billed)",
}
MISSED = {A.NO_SHOW: "NS", A.CANCELLED: "CX", A.ABSENT: "AB"}


def _range_label(start: dt.time, end: dt.time) -> str:
    """ "1:00-2:30 PM", or "11:20 AM-12:20 PM" when the meridiem changes."""
    if (start.hour < 12) == (end.hour < 12):
        return f"{kit.t_12bare(start)}-{kit.t_12bare(end)} {'AM' if start.hour < 12 else 'PM'}"
    return f"{kit.t_ampm(start)}-{kit.t_ampm(end)}"


RowKey = tuple[int, int, str]


def _row_key(s: PlannedSession) -> RowKey:
    if s.kind in (K.GROUP_PSYCHOTHERAPY, K.GROUP_EDUCATION, K.MEAL):
        return (0, kit.mins(s.start), s.kind.value)
    order = (
        K.INDIVIDUAL_PSYCHOTHERAPY,
        K.FAMILY_COUNSELING,
        K.CASE_MANAGEMENT,
        K.MEDICATION_MANAGEMENT,
    )
    return (1, order.index(s.kind), s.kind.value)


def _rows(scn: Scenario) -> list[tuple[RowKey, str, PlannedSession]]:
    """(key, label, an example session) per service line, in grid order."""
    seen: dict[RowKey, PlannedSession] = {}
    for s in scn.sessions:
        seen.setdefault(_row_key(s), s)
    out = []
    for key in sorted(seen):
        s = seen[key]
        if key[0] == 0:
            label = f"{SLOT_NAME[s.kind]} {_range_label(s.start, s.end)}"
        else:
            label = KIND_ROW[s.kind]
        out.append((key, label, s))
    return out


def _minutes_cell(
    s: PlannedSession,
    marks: list[str],
    footnotes: list[str],
    dfmt: Callable[[dt.date], str],
) -> str:
    if not s.attended:
        return MISSED[s.attendance]
    cell = str(int(s.minutes))
    if s.modality is Modality.VIDEO:
        cell += "v"
    if kit.is_late_or_early(s):
        mark = marks[len(footnotes) % len(marks)]
        cell += mark
        if s.member_start is not None:
            what = f"arrived {kit.t_ampm(s.member_start)} (scheduled {kit.t_ampm(s.start)})"
        else:
            what = f"left at {kit.t_ampm(kit.own_end(s))} (scheduled end {kit.t_ampm(s.end)})"
        footnotes.append(f"{mark} {dfmt(s.date)} {kit.service_label(s)}: {what}")
    return cell


def _text_grid(
    label_w: int, col_w: int, head: list[list[str]], body: list[list[str]], sep: str
) -> list[str]:
    """Rows of a fixed-width text grid: the first column left-aligned, the rest centred."""
    out = []
    for line_cells in head:
        out.append(
            line_cells[0].ljust(label_w) + sep + sep.join(c.center(col_w) for c in line_cells[1:])
        )
    out.append(
        "-" * label_w
        + sep.replace(" ", "-")
        + sep.replace(" ", "-").join("-" * col_w for _ in head[0][1:])
    )
    for cells in body:
        out.append(cells[0].ljust(label_w) + sep + sep.join(c.center(col_w) for c in cells[1:]))
    return out


def _render(scn: Scenario, rng: random.Random, ledger: kit.Ledger) -> RenderedChart:
    layout = LAYOUTS[scn.seed % len(LAYOUTS)]
    m = scn.member
    rows = _rows(scn)
    by_cell: dict[tuple[dt.date, RowKey], PlannedSession] = {
        (s.date, _row_key(s)): s for s in scn.sessions
    }
    closed = set(scn.closed_days)
    files: list[ChartFile] = []
    files_by: dict[int, list[str]] = {}
    program_days = sorted({s.date.weekday() for s in scn.sessions})
    # A missed individual service in a minutes grid is a code under a row label without a
    # time: the chart states no length for it (a group slot's label gives its time).
    no_length: set[int] = set()

    if layout == "weekly_minutes":
        fname = "weekly_minutes_grid.txt"
        all_weekdays = rng.random() < 0.5
        weekdays = list(range(5)) if all_weekdays else program_days
        marks = ["*", "+", "#"] if rng.random() < 0.5 else ["¹", "²", "³", "⁴"]
        sep = rng.choice((" | ", "  "))
        lines = [
            f"{scn.program}",
            "INTENSIVE OUTPATIENT PROGRAM - WEEKLY ATTENDANCE (MINUTES)",
            f"Client: {m.name}    MRN: {m.member_id}    DOB: {kit.d_us(m.date_of_birth)}",
            f"Admission: {kit.d_us(scn.admission_date)}    "
            f"Discharge: {kit.d_us(scn.discharge_date)}",
            "",
        ]
        first_week = kit.monday(scn.admission_date)
        last_week = kit.monday(scn.discharge_date)
        week = first_week
        while week <= last_week:
            dates = [week + dt.timedelta(days=d) for d in weekdays]
            footnotes: list[str] = []
            head = [
                ["Week of " + kit.d_us(week)] + [d.strftime("%a") for d in dates],
                ["Service"] + [f"{d.month}/{d.day}" for d in dates],
            ]
            if any(d in closed for d in dates):
                head.append([""] + ["CLOSED" if d in closed else "" for d in dates])
            body = []
            for key, label, _ in rows:
                cells = [label]
                for d in dates:
                    s = by_cell.get((d, key))
                    if s is None:
                        cells.append("" if d in closed else "-")
                        continue
                    cell = _minutes_cell(s, marks, footnotes, kit.d_us_short)
                    if key[0] == 1 and not s.attended:
                        no_length.add(s.index)  # "NS" under a row with no time
                    cells.append(cell)
                    files_by.setdefault(s.index, []).append(fname)
                    ledger.note(s.index, fname, f"{d.month}/{d.day}", cell)
                body.append(cells)
            lines += _text_grid(40, 7, head, body, sep)
            for d in dates:
                if d in closed:
                    lines.append(f"  Program closed {kit.d_us(d)} ({kit.holiday_name(d)}).")
            lines += [f"  {f}" for f in footnotes]
            lines.append("")
            week += dt.timedelta(days=7)
        lines += [
            "Legend: number = minutes the client attended; v = telehealth (video), otherwise",
            "on site; NS = no-show; CX = cancelled by client; AB = absent (excused);",
            "- = not scheduled. Marked cells: see the footnote under the week.",
        ]
        files.append(ChartFile(fname, ("\n".join(lines) + "\n").encode("utf-8")))
        flags = dict(states_member_times=True, states_modality=True)
        admission_stated = discharge_stated = True

    elif layout == "weekly_codes":
        fname = "attendance_grid.csv"
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow([f"{scn.program} - IOP Attendance Grid"])
        w.writerow(
            [
                f"Client: {m.last}, {m.first}",
                f"ID {m.member_id}",
                f"Admit date: {kit.d_us(scn.admission_date)}",
            ]
        )
        w.writerow([])
        week = kit.monday(scn.admission_date)
        while week <= kit.monday(scn.discharge_date):
            dates = [week + dt.timedelta(days=d) for d in range(7)]
            dates = [
                d for d in dates if d in closed or any(by_cell.get((d, key)) for key, _, _ in rows)
            ]
            if dates:
                w.writerow([f"Week of {kit.d_us(week)}"])
                w.writerow(
                    ["Service", "Time"]
                    + [
                        f"{d.strftime('%a')} {d.month:02d}/{d.day:02d}"
                        + (" (CLOSED)" if d in closed else "")
                        for d in dates
                    ]
                )
                for key, label, example in rows:
                    if key[0] == 0:
                        name = SLOT_NAME[example.kind]
                        when = _range_label(example.start, example.end)
                    else:
                        name, when = label, "see cell"
                    cells = []
                    for d in dates:
                        s = by_cell.get((d, key))
                        if s is None:
                            cells.append("")
                            continue
                        if s.attended:
                            code = "L" if s.member_start else "E" if s.member_end else "P"
                        else:
                            code = {A.NO_SHOW: "NS", A.CANCELLED: "C", A.ABSENT: "A"}[s.attendance]
                        needles = [f"{d.month:02d}/{d.day:02d}"]
                        if key[0] == 1:
                            rng_txt = f"{kit.t_ampm_short(s.start)}-{kit.t_ampm_short(s.end)}"
                            code = f"{code} {rng_txt}"
                        else:
                            needles.append(when)
                        needles.append(code)
                        cells.append(code)
                        files_by.setdefault(s.index, []).append(fname)
                        ledger.note(s.index, fname, *needles)
                    if any(cells):
                        w.writerow([name, when, *cells])
                w.writerow([])
            week += dt.timedelta(days=7)
        w.writerow(
            [
                "Legend: P = present; L = present, arrived late; E = present, left early;"
                " A = absent; NS = no-show; C = cancelled by client"
            ]
        )
        w.writerow(["Individual services: the cell gives the code and the appointment time."])
        files.append(ChartFile(fname, buf.getvalue().encode("utf-8")))
        flags = dict(states_member_times=False, states_modality=False)
        admission_stated, discharge_stated = True, False

    else:  # month_sheet
        months = sorted({(s.date.year, s.date.month) for s in scn.sessions})
        sep = rng.choice(("|", " "))
        for year, month in months:
            fname = f"service_sheet_{year}-{month:02d}.txt"
            ndays = calendar.monthrange(year, month)[1]
            dates = [dt.date(year, month, d) for d in range(1, ndays + 1)]
            sheet_notes: list[str] = []
            lines = [
                f"{scn.program} -- IOP Monthly Service Sheet -- "
                f"{calendar.month_name[month]} {year}",
                f"Client: {m.name}   Member ID: {m.member_id}   "
                f"Admit: {kit.d_us(scn.admission_date)}   "
                f"Discharge: {kit.d_us(scn.discharge_date)}",
                "",
            ]
            label_w, col_w = max(len(r[1]) for r in rows) + 2, 4
            head1 = (
                "Service line".ljust(label_w)
                + sep
                + sep.join(str(d.day).rjust(col_w - 1).ljust(col_w) for d in dates)
                + sep
                + "Total"
            )
            head2 = (
                "".ljust(label_w)
                + sep
                + sep.join("MTWTFSS"[d.weekday()].rjust(col_w - 1).ljust(col_w) for d in dates)
                + sep
            )
            lines += [head1, head2, "=" * len(head1)]
            day_total = {d: 0 for d in dates}
            for key, label, _ in rows:
                cells = []
                total = 0
                present = False
                for d in dates:
                    s = by_cell.get((d, key))
                    if s is None:
                        cells.append("")
                        continue
                    present = True
                    cell = _minutes_cell(s, ["*", "+", "#", "@"], sheet_notes, kit.d_us_short)
                    if key[0] == 1 and not s.attended:
                        no_length.add(s.index)  # "NS" under a row with no time
                    if s.attended:
                        total += int(s.minutes)
                        day_total[d] += int(s.minutes)
                    cells.append(cell)
                    files_by.setdefault(s.index, []).append(fname)
                    ledger.note(s.index, fname, f"{calendar.month_name[month]} {year}", cell)
                if not present:
                    continue
                lines.append(
                    label[:label_w].ljust(label_w)
                    + sep
                    + sep.join(c.rjust(col_w - 1).ljust(col_w) for c in cells)
                    + sep
                    + str(total).rjust(5)
                )
            if any(d in closed for d in dates):
                lines.append(
                    "Clinic closed (holiday)".ljust(label_w)
                    + sep
                    + sep.join(
                        ("H" if d in closed else "").rjust(col_w - 1).ljust(col_w) for d in dates
                    )
                    + sep
                )
            lines.append("-" * len(head1))
            lines.append(
                "Daily total (min)".ljust(label_w)
                + sep
                + sep.join(
                    (str(day_total[d]) if day_total[d] else "").rjust(col_w - 1).ljust(col_w)
                    for d in dates
                )
                + sep
                + str(sum(day_total.values())).rjust(5)
            )
            lines.append("")
            lines += sheet_notes
            lines += [
                "",
                "Cells: minutes attended by the client (v = telehealth video; no mark = in",
                "clinic). NS = no-show, CX = cancelled by client, AB = absent, H = clinic",
                "closed. Marked cells are explained in the notes above.",
            ]
            files.append(ChartFile(fname, ("\n".join(lines) + "\n").encode("utf-8")))
        flags = dict(states_member_times=True, states_modality=True)
        admission_stated = discharge_stated = True

    written = kit.build_written(files_by, lambda i: dict(flags, states_length=i not in no_length))
    return RenderedChart(
        files=tuple(files),
        written=written,
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=kit.latest_written_date(scn, files_by),
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
        "A transposed attendance grid: service lines down the side (group slots with their "
        "scheduled time, individual therapy, case management, lunch), dates across the top, "
        "and minutes attended or attendance codes in the cells, explained by a legend."
    ),
    conventions=(
        "rows = service lines, columns = dates",
        "cells = minutes attended, v suffix for video, footnote marks for late/early",
        "cells = P/L/E/A/NS/C codes; the slot's time is in the row label",
        "column headers without the year (Mon 04/14); the year is in the block title",
        "month sheet with a column per day number and weekday letter",
        "closed days marked in a header or a closed-clinic row",
        "daily total and row total columns",
    ),
    render=render,
    tags=("text", "csv", "grid"),
)
