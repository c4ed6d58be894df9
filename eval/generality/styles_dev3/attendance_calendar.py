"""A month-at-a-glance attendance calendar printed as text.

Each month is a page titled "March 2025": weeks are rows, days are columns, and a day's
cell holds only its day number and codes, one per service ("G1 P / G2 A / IT 50m", or the
same stacked one per line). The codes are explained on a legend page elsewhere in the file:
G1, G2, ... are the program's recurring groups (in some calendars with their times, in
others only their names, the program's posted hours standing apart on a cover line, which
does not time any session); IT / FT / CM / MM carry their minutes; P, A, NS, C, T (present,
arrived late) and E (present, left early) are statuses, and a trailing "v" marks video.
Some calendars add a weekly hours column, a total that is not a session. The admission
(and discharge, once discharged) dates are on a separate episode face sheet.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario, Written
from eval.generality.styles_dev3 import _kit as k

STATUS = {
    Attendance.ABSENT: "A",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "C",
    Attendance.REFUSED: "R",
}
OTHER_CODES = {
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "IT",
    ServiceKind.FAMILY_COUNSELING: "FT",
    ServiceKind.CASE_MANAGEMENT: "CM",
    ServiceKind.MEDICATION_MANAGEMENT: "MM",
}


def _code(s: PlannedSession, group_codes: dict[dt.time, str]) -> str:
    video = s.attended and s.modality is Modality.VIDEO
    if s.is_group:
        if not s.attended:
            status = STATUS.get(s.attendance, "?")
        elif s.member_start is not None:
            status = "T"
        elif s.member_end is not None:
            status = "E"
        else:
            status = "P"
        return f"{group_codes[s.start]} {status}{'v' if video else ''}"
    code = OTHER_CODES.get(s.kind, "OT")
    if not s.attended:
        return f"{code} {STATUS.get(s.attendance, '?')}"
    return f"{code} {int(s.minutes)}m{' v' if video else ''}"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    legend_times = rng.random() < 0.65
    layout = rng.choice(("stacked", "slash"))
    sunday_first = layout == "stacked" and rng.random() < 0.5
    week_total = legend_times and rng.random() < 0.6
    legend_first = rng.random() < 0.4
    discharged = rng.random() < 0.6
    upper_title = rng.random() < 0.5

    group_slots = [(a, b, kind) for a, b, kind in k.slot_times(scn) if kind in k.GROUP_KINDS]
    group_codes = {a: f"G{i}" for i, (a, _b, _k) in enumerate(group_slots, 1)}
    by_day: dict[dt.date, list[PlannedSession]] = {}
    for s in scn.sessions:
        if s.kind is not ServiceKind.MEAL:
            by_day.setdefault(s.date, []).append(s)
    closed = set(scn.closed_days)

    def cell(d: dt.date) -> list[str]:
        if d in closed:
            return ["CLOSED"]
        return [_code(s, group_codes) for s in by_day.get(d, [])]

    def minutes(d: dt.date) -> float:
        total = 0.0
        for s in by_day.get(d, []):
            if s.attended and k.counted_kind(s.kind):
                total += s.scheduled_minutes if s.is_group else s.minutes
        return total

    cal = calendar.Calendar(firstweekday=6 if sunday_first else 0)
    cols = list(range(7)) if sunday_first else [0, 1, 2, 3, 4]
    if sunday_first:
        head_names = [k.WEEKDAYS3[(6 + i) % 7] for i in range(7)]
    else:
        head_names = list(k.WEEKDAYS3[:5])
    first_month = (scn.admission_date.year, scn.admission_date.month)
    last_month = (scn.discharge_date.year, scn.discharge_date.month)
    months: list[tuple[int, int]] = []
    y, m = first_month
    while (y, m) <= last_month:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)

    if layout == "slash":
        width = max([22] + [len(" / ".join(cell(d))) + 2 for d in by_day] + [len("CLOSED") + 2])
    else:
        width = 12

    client = f"Client: {scn.member.last}, {scn.member.first}   ID {scn.member.member_id}"
    pages: list[list[str]] = []
    for y, m in months:
        title = f"{k.MONTHS[m - 1]} {y}"
        lines = [
            scn.program,
            "IOP ATTENDANCE CALENDAR",
            client,
            "",
            (title.upper() if upper_title else title).center(len(cols) * (width + 1) + 1).rstrip(),
            "",
        ]
        border = "+" + "+".join("-" * width for _ in cols) + "+"
        heads = "|" + "|".join(f" {head_names[i]:<{width - 1}}" for i in range(len(cols))) + "|"
        if week_total:
            border += "--------+"
            heads += " Wk hrs |"
        lines += [border, heads, border]
        for week in cal.monthdatescalendar(y, m):
            days = [week[i] for i in range(len(cols))]
            in_month = [d if d.month == m else None for d in days]
            cells = [cell(d) if d is not None else [] for d in in_month]
            if all(not c for c in cells) and all(d is None for d in in_month):
                continue
            numbers = (
                "|" + "|".join(f" {(str(d.day) if d else ''):<{width - 1}}" for d in in_month) + "|"
            )
            if layout == "slash":
                bodies = [[" / ".join(c)] if c else [""] for c in cells]
            else:
                bodies = [c or [""] for c in cells]
            height = max(len(b) for b in bodies)
            if week_total:
                hrs = sum(minutes(d) for d in in_month if d is not None) / 60
                total = k.hours_text(hrs * 60) if hrs else ""
                numbers += "        |"
            rows = [numbers]
            for r in range(height):
                row = (
                    "|"
                    + "|".join(f" {(b[r] if r < len(b) else ''):<{width - 1}}" for b in bodies)
                    + "|"
                )
                if week_total:
                    row += f" {(total if r == 0 else ''):>6} |"
                rows.append(row)
            lines += [*rows, border]
        pages.append(lines)

    verifier = scn.therapists[0]
    last_day = max(s.date for s in scn.sessions)
    verified = k.later(last_day, rng, 1, 6)
    legend = ["CALENDAR KEY / LEGEND", ""]
    for (a, b, kind), (_start, code) in zip(group_slots, group_codes.items(), strict=True):
        name = k.generic_label(kind)
        if legend_times:
            legend.append(f"  {code:<4} {name:<26} {k.t12(a)} - {k.t12(b)}")
        else:
            legend.append(f"  {code:<4} {name}")
    legend += [
        "  IT   Individual therapy (minutes shown, e.g. IT 50m)",
        "  FT   Family therapy session (minutes shown)",
        "  CM   Case management contact (minutes shown)",
        "  MM   Medication management visit with psychiatrist (minutes shown)",
        "",
        "  P  = present            A  = absent (excused)      NS = no show",
        "  C  = cancelled by client  T = present, arrived late  E = present, left early",
        "  v  = attended by video (telehealth)      CLOSED = program closed",
    ]
    if week_total:
        legend.append("  Wk hrs = group and therapy hours attended that calendar week")
    if not legend_times:
        open_t, close_t = k.program_hours(scn)
        posted = k.weekday_list(k.program_weekdays(scn))
        legend += ["", f"  Program hours: {posted} {k.t12(open_t)}-{k.t12(close_t)}"]
    legend += [
        "",
        f"Attendance verified by: {k.staff_full(verifier)}    Date: {k.mdy(verified)}",
    ]
    if legend_first:
        pages.insert(0, legend)
    else:
        pages.append(legend)
    cal_name = f"attendance_calendar_{scn.member.last.lower()}.txt"
    text = "\n\f".join("\n".join(p) for p in pages) + "\n"

    face = [
        "EPISODE FACE SHEET",
        f"Client name: {scn.member.name}",
        f"Date of birth: {k.mdy(scn.member.date_of_birth)}",
        f"Member ID: {scn.member.member_id}",
        f"Level of care: IOP    Admit date: {k.mdy(scn.admission_date)}",
        "Discharge date: "
        + (k.mdy(scn.discharge_date) if discharged else "__________ (currently enrolled)"),
        f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
        f"Primary clinician: {k.staff_full(scn.therapists[0])}",
    ]

    written: list[Written] = []
    for s in scn.sessions:
        if s.kind is ServiceKind.MEAL:
            continue
        video = s.attended and s.modality is Modality.VIDEO
        if s.is_group:
            wr = Written(
                session=s.index,
                files=(cal_name,),
                states_length=legend_times,
                states_member_times=False,
                states_modality=video,
            )
        else:
            wr = Written(
                session=s.index,
                files=(cal_name,),
                states_length=s.attended,
                states_modality=video,
            )
        written.append(wr)
    return RenderedChart(
        files=(k.text_file("episode_face_sheet.txt", face), k.text_file(cal_name, text)),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=discharged,
        latest_document_date=max(verified, last_day),
    )


FAMILY = Family(
    name="d3-month-calendar-grid",
    split="dev",
    description=(
        "Month-at-a-glance attendance calendar as text: weeks as rows, weekdays as columns, "
        "cells with a day number and codes ('G1 P / G2 A / IT 50m'); the codes and group "
        "times are explained on a legend page; dates exist only as day numbers under a "
        "month title."
    ),
    conventions=(
        "dates only as day numbers under 'March 2025'",
        "weeks as rows, days as columns",
        "status codes per group slot (G1 P / G2 A)",
        "legend on another page gives group times (or only names)",
        "posted program hours that time no session",
        "individual therapy as minutes in the cell (IT 50m)",
        "weekly hours column that is not a session",
    ),
    render=render,
)
