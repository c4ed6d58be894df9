"""An attendance spreadsheet with one row per calendar week and a column per weekday, each
cell listing the day's services as codes with the hours attended ("GRP 1:30 / EDU 1:30 /
IND 0:53"), absences as codes ("GRP NS"), holidays as "HOL", and a legend above the table.

Saved as CSV (title rows above the header, multi-line cells), as Excel "Unicode Text"
(UTF-16 with BOM, tab-separated) or as a Markdown table with ``<br>`` in cells. No clock
times: a session's length is the duration in its cell (the member's own hours when late);
its date is the row's week plus the column's weekday, or written in the cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, RenderedChart, Scenario
from eval.generality.styles_heldout4._kit import (
    ChartBuilder,
    hours_exact,
    mdy,
    minutes_hm,
    monday,
    t12,
    video,
)

CODE_SETS: tuple[dict[ServiceKind, tuple[str, str]], ...] = (
    {
        ServiceKind.GROUP_PSYCHOTHERAPY: ("GRP", "group psychotherapy"),
        ServiceKind.GROUP_EDUCATION: ("EDU", "psychoeducation group"),
        ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: ("IND", "individual therapy"),
        ServiceKind.FAMILY_COUNSELING: ("FAM", "family therapy"),
        ServiceKind.CASE_MANAGEMENT: ("CM", "case management (not IOP hours)"),
        ServiceKind.MEDICATION_MANAGEMENT: ("MED", "medication management (not IOP hours)"),
        ServiceKind.MEAL: ("LUN", "lunch (not billed)"),
    },
    {
        ServiceKind.GROUP_PSYCHOTHERAPY: ("GT", "group therapy"),
        ServiceKind.GROUP_EDUCATION: ("PE", "psychoeducational group"),
        ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: ("IT", "individual psychotherapy"),
        ServiceKind.FAMILY_COUNSELING: ("FT", "family session"),
        ServiceKind.CASE_MANAGEMENT: ("CMG", "case management"),
        ServiceKind.MEDICATION_MANAGEMENT: ("MM", "psychiatric medication management visit"),
        ServiceKind.MEAL: ("ML", "meal break"),
    },
)
ABS_SETS: tuple[dict[Attendance, tuple[str, str]], ...] = (
    {
        Attendance.ABSENT: ("A", "absent"),
        Attendance.NO_SHOW: ("NS", "no-show"),
        Attendance.CANCELLED: ("CX", "cancelled by client"),
    },
    {
        Attendance.ABSENT: ("ABS", "absent"),
        Attendance.NO_SHOW: ("NCNS", "no call / no show"),
        Attendance.CANCELLED: ("CNX", "cancelled"),
    },
)
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
COUNTED = (
    ServiceKind.GROUP_PSYCHOTHERAPY,
    ServiceKind.GROUP_EDUCATION,
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
    ServiceKind.FAMILY_COUNSELING,
)


def _dur(minutes: float, fmt: str) -> str:
    if fmt == "hm":
        return minutes_hm(minutes)
    if fmt == "dec":
        exact = hours_exact(minutes)
        return f"{exact}h" if exact is not None else f"{round(minutes)}m"
    return f"{round(minutes)}m"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    b = ChartBuilder(scn)
    fmt = ("csv", "utf16", "md")[(scn.seed % 100) % 3]
    codes = rng.choice(CODE_SETS)
    abs_codes = rng.choice(ABS_SETS)
    dur_fmt = rng.choice(("hm", "dec", "min"))
    dated = rng.random() < 0.4
    weekend = rng.random() < 0.5
    stated = rng.random() < 0.6
    sep = "\n" if fmt == "csv" and rng.random() < 0.6 else " / "
    if fmt == "md":
        sep = "<br>"
    name = {
        "csv": "attendance_grid.csv",
        "utf16": "Attendance Tracker.txt",
        "md": "attendance_grid.md",
    }[fmt]
    days = DAYS if weekend else DAYS[:5]

    m = scn.member
    title_rows: list[list[str]] = [
        [f"{scn.program} - IOP Weekly Attendance Tracker"],
        [f"Client: {m.name}", f"DOB: {mdy(m.date_of_birth)}", f"ID: {m.member_id}"],
    ]
    if stated:
        title_rows.append(
            [f"Admit: {mdy(scn.admission_date)}", f"Discharge: {mdy(scn.discharge_date)}"]
        )
    weekdays = sorted({s.date.weekday() for s in scn.sessions})
    groups = [s for s in scn.sessions if s.kind in (ServiceKind.GROUP_PSYCHOTHERAPY,)]
    first = min(s.start for s in groups) if groups else scn.sessions[0].start
    title_rows.append([f"Scheduled: {', '.join(DAYS[d] for d in weekdays)} from {t12(first)}"])
    legend = "; ".join(f"{c} = {d}" for c, d in codes.values())
    legend += "; " + "; ".join(f"{c} = {d}" for c, d in abs_codes.values())
    legend += "; HOL = program closed (holiday)"
    unit = {"hm": "h:mm", "dec": "hours (h) or minutes (m)", "min": "minutes"}[dur_fmt]
    title_rows.append([f"Legend: {legend}. Numbers are time attended in {unit}."])
    title_rows.append(["(V) = attended by telehealth video; all other attended services on site."])

    header = ["Week", "Week of", *days, "IOP hrs", "Comments"]
    rows: list[list[str]] = []
    start_week = monday(scn.admission_date)
    end_week = monday(scn.discharge_date)
    wk = start_week
    n = 1
    closed = set(scn.closed_days)
    while wk <= end_week:
        cells: list[str] = []
        comments: list[str] = []
        counted = 0.0
        for i in range(len(days)):
            d = wk + dt.timedelta(days=i)
            items: list[str] = []
            if d in closed:
                items.append("HOL")
                comments.append(f"{DAYS[i]} {d.month}/{d.day} program closed")
            todays = [s for s in scn.sessions if s.date == d]
            for s in todays:
                code = codes[s.kind][0]
                if s.attended:
                    item = f"{code} {_dur(s.minutes, dur_fmt)}" + (" (V)" if video(s) else "")
                    if s.kind in COUNTED:
                        counted += s.minutes
                    if s.member_start:
                        comments.append(f"{DAYS[i]} late arrival {t12(s.member_start)}")
                    if s.member_end:
                        comments.append(f"{DAYS[i]} left early {t12(s.member_end)}")
                    b.doc(s, name, length=True, member_times=True, modality=True)
                else:
                    item = f"{code} {abs_codes[s.attendance][0]}"
                    b.doc(s, name, length=False)
                items.append(item)
            reasons = sorted({s.absence_reason for s in todays if s.absence_reason})
            for reason in reasons:
                comments.append(f"{DAYS[i]}: {reason}")
            text = sep.join(items)
            if dated and text:
                text = f"{d.month}/{d.day}: {text}"
            cells.append(text)
        if any(cells):
            rows.append([str(n), mdy(wk), *cells, f"{counted / 60:.2f}", "; ".join(comments)])
        n += 1
        wk += dt.timedelta(days=7)

    if fmt == "md":
        out = [f"# {title_rows[0][0]}", ""]
        out += ["  \n".join(" | ".join(r) for r in title_rows[1:]), ""]
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "|".join("---" for _ in header) + "|")
        for r in rows:
            out.append("| " + " | ".join(c.replace("|", "/") for c in r) + " |")
        b.add_text(name, "\n".join(out) + "\n")
    else:
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="\t" if fmt == "utf16" else ",", lineterminator="\r\n")
        width = len(header)
        for r in title_rows:
            writer.writerow(r + [""] * (width - len(r)) if fmt == "csv" else r)
        writer.writerow([])
        writer.writerow(header)
        writer.writerows(rows)
        b.add_text(name, buf.getvalue(), encoding="utf-16-le" if fmt == "utf16" else "utf-8")
    return b.build(admission_stated=stated, discharge_stated=stated)


FAMILY = Family(
    name="h4-weekly-grid",
    split="heldout",
    description=(
        "spreadsheet attendance tracker: one row per calendar week, a column per weekday, "
        "cells of service codes with hours attended, a legend above; CSV, Excel Unicode "
        "text (UTF-16, tabs) or Markdown"
    ),
    conventions=(
        "one row per calendar week, weekday columns",
        "cell codes with durations: 'GRP 1:30', '1.5h', '53m'",
        "multi-line CSV cells",
        "absence codes per service: 'GRP NS', 'IT CNX'",
        "legend rows above the header",
        "UTF-16LE with BOM, tab-separated",
        "calendar-week totals that are not program weeks",
        "no clock times",
    ),
    render=render,
)
