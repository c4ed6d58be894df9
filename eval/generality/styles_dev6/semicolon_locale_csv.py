"""Service exports written by spreadsheet tools set to a European locale.

Semicolon-delimited, day-first dates, decimal-comma hours, metadata lines above the header
and rows not in date order. Three exports:

- ``bom-crlf``: UTF-8 with a byte-order mark and CRLF line ends, dd.mm.yyyy dates, 24-hour
  times, scheduled start/end beside the client's Arrived/Left, hours as "1,5", rows sorted by
  service and then date, lunch rows without hours, setting and group size columns;
- ``cp1252-reverse``: Windows-1252 bytes, CRLF, dd.mm.yy dates, times "13.00", "Present
  from / to" filled only when the client was late or left early, hours "1,50", quoted staff
  lists holding semicolons, newest rows first, closure rows;
- ``sepline-grouped``: an Excel ``sep=;`` first line, LF, times "9.00-10.00" for the
  schedule and for the time attended, minutes, rows grouped by attendance status.
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
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

LAYOUTS = ("bom-crlf", "cp1252-reverse", "sepline-grouped")
STATUS_WORD = {
    Attendance.ATTENDED: "attended",
    Attendance.ABSENT: "absent",
    Attendance.NO_SHOW: "no-show",
    Attendance.CANCELLED: "cancelled",
}


def _hours(minutes: float) -> str:
    """Decimal-comma hours without trailing zeros: 1,5 / 1 / 0,75 / 0,88."""
    text = f"{minutes / 60:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


# --------------------------------------------------------------------------- bom-crlf


def _bom_crlf(scn: Scenario, rng: random.Random) -> RenderedChart:
    name = rng.choice(("Leistungsexport_IOP.csv", "service_log_export.csv"))
    admission_stated = rng.random() < 0.7
    discharge_stated = rng.random() < 0.5
    variant = rng.randint(0, 2)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    m = scn.member
    sessions = list(scn.sessions)
    w.writerow(["Service log export"])
    w.writerow(["Facility", scn.program])
    w.writerow(["Client", f"{m.last}, {m.first}", "ID", m.member_id])
    ep: list[str] = []
    if admission_stated:
        ep += ["Admission", k.df(scn.admission_date, "eu")]
    if discharge_stated:
        ep += ["Discharge", k.df(scn.discharge_date, "eu")]
    if ep:
        w.writerow(ep)
    w.writerow(["Period", f"{k.df(sessions[0].date, 'eu')} - {k.df(sessions[-1].date, 'eu')}"])
    if discharge_stated:
        exported = scn.discharge_date + dt.timedelta(days=rng.randint(1, 9))
        w.writerow(
            ["Exported", f"{k.df(exported, 'eu')} {rng.randint(7, 9):02d}:{rng.randint(0, 59):02d}"]
        )
    w.writerow([])
    w.writerow(
        [
            "Date",
            "Weekday",
            "Service",
            "Service type",
            "Code",
            "Sched. start",
            "Sched. end",
            "Arrived",
            "Left",
            "Hours",
            "Status",
            "Reason",
            "Clinician",
            "Setting",
            "Group size",
        ]
    )
    written: list[Written] = []
    order = sorted(sessions, key=lambda s: (k.kind_name(s.kind, variant), s.date, s.start))
    for s in order:
        att = s.attended
        meal = s.kind is ServiceKind.MEAL
        group = s.kind in k.GROUP_KINDS
        w.writerow(
            [
                k.df(s.date, "eu"),
                f"{s.date:%a}",
                s.title,
                k.kind_name(s.kind, variant),
                s.cpt or "",
                k.tm(s.start, "24"),
                k.tm(s.end, "24"),
                k.tm(k.member_in(s), "24") if att and not meal else "",
                k.tm(k.member_out(s), "24") if att and not meal else "",
                _hours(s.minutes) if att and not meal else "",
                STATUS_WORD[s.attendance],
                "" if att else k.reason(s),
                "; ".join(k.staff(x) for x in k.clinicians(scn, s)),
                "video" if s.modality.value == "video" else "on site",
                str(s.group_size) if group and s.group_size is not None else "",
            ]
        )
        written.append(k.written(s, [name], modality=True, group_size=True, facilitators=True))
    data = "\ufeff" + buf.getvalue()
    return RenderedChart(
        files=(ChartFile(name, data.encode("utf-8")),),
        written=tuple(written),
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=sessions[-1].date,
    )


# --------------------------------------------------------------------------- cp1252-reverse


def _cp1252_reverse(scn: Scenario, rng: random.Random) -> RenderedChart:
    name = "Anwesenheit_export.csv" if rng.random() < 0.5 else "attendance_export_1252.csv"
    admission_stated = rng.random() < 0.6
    discharge_stated = rng.random() < 0.4
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    m = scn.member
    w.writerow(["Service record / attendance", "", "", ""])
    w.writerow(["Client", f"{m.first} {m.last}", "Record", m.member_id])
    if admission_stated:
        w.writerow(["Admission date", k.df(scn.admission_date, "eu2")])
    if discharge_stated:
        w.writerow(["Discharge date", k.df(scn.discharge_date, "eu2")])
    first, last = scn.sessions[0].date, scn.sessions[-1].date
    w.writerow(["Period from", k.df(first, "eu2"), "to", k.df(last, "eu2")])
    w.writerow([])
    w.writerow(
        [
            "Svc date",
            "From",
            "To",
            "Present from",
            "Present to",
            "Duration (h)",
            "Service",
            "Status",
            "Staff",
            "Remarks",
        ]
    )
    rows: list[tuple[dt.date, int, list[str]]] = []
    written: list[Written] = []
    for s in scn.sessions:
        if s.kind is ServiceKind.MEAL:
            continue
        att = s.attended
        video = s.modality.value == "video"
        remarks = []
        if not att:
            remarks.append(k.reason(s))
        if s.member_start is not None:
            remarks.append("late arrival")
        if s.member_end is not None:
            remarks.append("left early")
        if video and att:
            remarks.append("telehealth (video)")
        staff = "; ".join(f"{x.last}, {x.first} ({x.credential})" for x in k.clinicians(scn, s))
        rows.append(
            (
                s.date,
                k.minutes_of(s.start),
                [
                    k.df(s.date, "eu2"),
                    k.tm(s.start, "dot"),
                    k.tm(s.end, "dot"),
                    k.tm(s.member_start, "dot") if att and s.member_start else "",
                    k.tm(s.member_end, "dot") if att and s.member_end else "",
                    f"{s.minutes / 60:.2f}".replace(".", ",") if att else "",
                    s.title if not s.cpt else f"{s.title} ({s.cpt})",
                    {
                        Attendance.ATTENDED: "present",
                        Attendance.ABSENT: "absent",
                        Attendance.NO_SHOW: "no show",
                        Attendance.CANCELLED: "cancelled",
                    }[s.attendance],
                    staff,
                    "; ".join(remarks),
                ],
            )
        )
        written.append(k.written(s, [name], modality=att and video, facilitators=True))
    for d in scn.closed_days:
        rows.append(
            (
                d,
                -1,
                [
                    k.df(d, "eu2"),
                    "",
                    "",
                    "",
                    "",
                    "",
                    f"Program closed ({k.holiday(d)})",
                    "closed",
                    "",
                    "",
                ],
            )
        )
    for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]), reverse=True):
        w.writerow(row)
    data = buf.getvalue().encode("cp1252", errors="replace")
    return RenderedChart(
        files=(ChartFile(name, data),),
        written=tuple(written),
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=last,
    )


# --------------------------------------------------------------------------- sepline-grouped


def _sepline_grouped(scn: Scenario, rng: random.Random) -> RenderedChart:
    name = "attendance_by_status.csv"
    admission_stated = rng.random() < 0.75
    discharge_stated = rng.random() < 0.6
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    m = scn.member
    buf.write("sep=;\n")
    w.writerow(["Attendance export (grouped by status)"])
    w.writerow(["Program", scn.program])
    w.writerow(["Client", f"{m.last}, {m.first}", "DOB", k.df(m.date_of_birth, "eu")])
    if admission_stated:
        w.writerow(["Admitted", k.df(scn.admission_date, "eu")])
    if discharge_stated:
        w.writerow(["Discharged", k.df(scn.discharge_date, "eu")])
    w.writerow([])
    header = [
        "Client",
        "Date",
        "Time scheduled",
        "Time attended",
        "Minutes",
        "Service",
        "CPT",
        "Attendance",
        "Provider",
    ]
    sessions = [s for s in scn.sessions if s.kind is not ServiceKind.MEAL]
    written: list[Written] = []
    groups = (
        ("Attended", [s for s in sessions if s.attended]),
        ("Not attended", [s for s in sessions if not s.attended]),
    )
    words = {
        Attendance.ATTENDED: "Attended",
        Attendance.ABSENT: "Absent",
        Attendance.NO_SHOW: "No show",
        Attendance.CANCELLED: "Cancelled (client)",
    }
    for title, members in groups:
        if not members:
            continue
        w.writerow([f"{title} ({len(members)})"])
        w.writerow(header)
        for s in sorted(members, key=lambda s: (s.title, s.date)):
            att = s.attended
            w.writerow(
                [
                    f"{m.last}, {m.first}",
                    k.df(s.date, "eu"),
                    k.span(s.start, s.end, "dotn"),
                    k.span(k.member_in(s), k.member_out(s), "dotn") if att else "",
                    f"{s.minutes:.0f}" if att else "",
                    s.title,
                    s.cpt or "",
                    words[s.attendance] + ("" if att else f" - {k.reason(s)}"),
                    " | ".join(k.staff(x) for x in k.clinicians(scn, s)),
                ]
            )
            written.append(k.written(s, [name], facilitators=True))
        w.writerow([])
    if scn.closed_days:
        w.writerow(["Program closed"])
        for d in scn.closed_days:
            w.writerow(["", k.df(d, "eu"), "", "", "", k.holiday(d), "", "closed", ""])
    return RenderedChart(
        files=(ChartFile(name, buf.getvalue().encode("utf-8")),),
        written=tuple(written),
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=max(scn.sessions[x.session].date for x in written),
    )


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.pick_layout(scn, LAYOUTS)
    if layout == "bom-crlf":
        return _bom_crlf(scn, rng)
    if layout == "cp1252-reverse":
        return _cp1252_reverse(scn, rng)
    return _sepline_grouped(scn, rng)


FAMILY = Family(
    name="d6-semicolon-locale-csv",
    split="dev",
    description=(
        "European-locale spreadsheet exports: semicolon delimiters, dd.mm.yyyy / dd.mm.yy "
        "dates, times 13:00 or 13.00, decimal-comma hours, BOM/CRLF/Windows-1252 bytes, "
        "metadata lines above the header and rows sorted by service, reversed or grouped by "
        "status."
    ),
    conventions=(
        "semicolon delimiter",
        "dd.mm.yyyy and dd.mm.yy dates",
        "times 13.00",
        "decimal-comma hours (1,5)",
        "UTF-8 BOM + CRLF / Windows-1252",
        "metadata lines above the header",
        "rows not in date order",
        "Excel sep=; line",
    ),
    render=render,
    tags=("csv", "locale"),
)
