"""A spreadsheet attendance workbook flattened to tab-separated text.

The workbook had merged cells: the week label, the date and the weekday span all rows of
a day's (or week's) block, so once flattened they appear only on the block's first row and
the rows below have an empty date column. Each week ends with a "Total hrs" row (a sum,
not a session). Each month was a sheet; the flattening keeps a "Sheet:" line and repeats
the header row. Dates are spreadsheet dates ("2025-03-03 00:00:00", "3/3/2025" or
"03-Mar-25"), times Excel-formatted ("9:00:00 AM"). Start and End are blank on some rows
whose Hrs cell alone then gives the length; the Start of a member who came late is their
own arrival. Lunch rows are listed too. The header block states admission and discharge.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario, Written
from eval.generality.styles_dev3 import _kit as k


def _date(d: dt.date, style: str) -> str:
    if style == "iso":
        return f"{d.isoformat()} 00:00:00"
    if style == "us":
        return k.mdy(d, pad=False)
    return f"{d.day:02d}-{k.MONTHS[d.month - 1][:3]}-{d.year % 100:02d}"


def _time(t: dt.time, style: str) -> str:
    if style == "excel":
        h = t.hour % 12 or 12
        return f"{h}:{t.minute:02d}:00 {'AM' if t.hour < 12 else 'PM'}"
    if style == "24":
        return k.t24(t)
    return k.t12(t)


def _status(s: PlannedSession) -> str:
    return {
        "attended": "Present",
        "absent": "Absent",
        "no_show": "No Show",
        "cancelled": "Cancelled",
        "refused": "Refused",
    }.get(s.attendance.value, "Unknown")


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    date_style = rng.choice(("iso", "us", "dmy"))
    time_style = rng.choice(("excel", "excel", "24", "12"))
    blank_rate = rng.choice((0.15, 0.3, 0.45))
    trailing_tabs = rng.random() < 0.5
    show_meals = rng.random() < 0.7
    discharged = rng.random() < 0.6
    cols = ["Week", "Date", "Day", "Service", "CPT", "Start", "End", "Hrs", "Status", "Staff"]
    cols.append("Notes")
    width = len(cols)

    def row(cells: list[str]) -> str:
        cells = cells + [""] * (width - len(cells))
        line = "\t".join(cells)
        return line if trailing_tabs else line.rstrip("\t")

    name = f"IOP_Attendance_{scn.member.last}.tsv"
    lines = [
        row(["Client Attendance Detail"]),
        row(["Program", scn.program]),
        row(["Client", f"{scn.member.last}, {scn.member.first}", "", "ID", scn.member.member_id]),
        row(
            [
                "Admit Date",
                _date(scn.admission_date, date_style),
                "",
                "Discharge Date",
                _date(scn.discharge_date, date_style) if discharged else "",
            ]
        ),
        row(
            [
                "Program hours",
                f"{k.weekday_list(k.program_weekdays(scn))} "
                f"{k.t12(k.program_hours(scn)[0])}-{k.t12(k.program_hours(scn)[1])}",
            ]
        ),
        row([]),
    ]
    written: list[Written] = []
    sessions = [s for s in scn.sessions if show_meals or s.kind is not ServiceKind.MEAL]
    by_week: dict[dt.date, list[PlannedSession]] = {}
    for s in sessions:
        by_week.setdefault(k.monday_of(s.date), []).append(s)
    closed = sorted(scn.closed_days)
    sheet: tuple[int, int] | None = None
    for week_no, (monday, week_sessions) in enumerate(sorted(by_week.items()), 1):
        first_day = min(s.date for s in week_sessions)
        month = (first_day.year, first_day.month)
        if month != sheet:
            sheet = month
            lines += [
                row([]),
                row([f"Sheet: {k.MONTHS[month[1] - 1][:3]}-{month[0]}"]),
                row(cols),
            ]
        first_in_week = True
        total = 0.0
        days: dict[dt.date, list[PlannedSession]] = {}
        for s in week_sessions:
            days.setdefault(s.date, []).append(s)
        for d in closed:
            if k.monday_of(d) == monday:
                days.setdefault(d, [])
        for d in sorted(days):
            first_in_day = True
            if not days[d]:
                cells = [
                    f"Week {week_no}" if first_in_week else "",
                    _date(d, date_style),
                    k.WEEKDAYS3[d.weekday()],
                    "PROGRAM CLOSED - HOLIDAY",
                ]
                lines.append(row(cells))
                first_in_week = False
                continue
            for s in days[d]:
                start, end = k.session_span(s)
                basis = s.minutes
                is_meal = s.kind is ServiceKind.MEAL
                blank = s.attended and not is_meal and basis % 15 == 0 and rng.random() < blank_rate
                hrs = ""
                if s.attended and not is_meal:
                    hrs = k.hours_text(basis)
                    if k.counted_kind(s.kind):
                        total += basis
                elif not is_meal:
                    hrs = "0"
                notes = ""
                if s.member_start is not None:
                    notes = "late arrival"
                elif s.member_end is not None:
                    notes = "left early"
                elif not s.attended:
                    notes = s.absence_reason
                if s.facilitators:
                    staff = "; ".join(k.staff_last_first(x) for x in s.facilitators)
                elif is_meal:
                    staff = ""
                elif s.kind is ServiceKind.MEDICATION_MANAGEMENT:
                    staff = k.staff_last_first(scn.physician)
                else:
                    staff = k.staff_last_first(scn.therapists[0])
                cells = [
                    f"Week {week_no}" if first_in_week else "",
                    _date(d, date_style) if first_in_day else "",
                    k.WEEKDAYS3[d.weekday()] if first_in_day else "",
                    k.service_label(s) if s.is_group else k.generic_label(s.kind),
                    s.cpt or "",
                    "" if blank else _time(start, time_style),
                    "" if blank else _time(end, time_style),
                    hrs,
                    _status(s),
                    staff,
                    notes,
                ]
                lines.append(row(cells))
                first_in_week = first_in_day = False
                written.append(
                    Written(
                        session=s.index,
                        files=(name,),
                        states_length=True,
                        states_member_times=True,
                        states_facilitators=bool(s.facilitators),
                    )
                )
        lines.append(row(["", "", "", "Total hrs", "", "", "", k.hours_text(total)]))
        lines.append(row([]))
    return RenderedChart(
        files=(k.text_file(name, lines, crlf=rng.random() < 0.5),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=discharged,
        latest_document_date=max(s.date for s in scn.sessions),
    )


FAMILY = Family(
    name="d3-xlsx-merged-tsv",
    split="dev",
    description=(
        "Attendance workbook flattened to TSV: merged week/date cells appear only on the "
        "first row of their block, later rows have a blank date; a 'Total hrs' row ends "
        "each week; some rows have only an Hrs cell and no start/end."
    ),
    conventions=(
        "date only on the first row of each day's block",
        "week label only on the first row of the week",
        "Total hrs row per week that is not a session",
        "Excel-formatted dates and times (2025-03-03 00:00:00, 9:00:00 AM)",
        "Start/End blank, decimal Hrs only",
        "sheet lines and repeated header rows",
        "lunch rows and a holiday row",
    ),
    render=render,
)
