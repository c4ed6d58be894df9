"""An EHR's "visit history" exported to CSV: one row per visit, newest first, with the
columns in the order the site configured them rather than date-first.

Above the header, a few metadata lines name the client and the IOP episode (admission and
discharge). The columns start with the length or the status (one layout begins
"Duration,Status,Provider,Visit Type,Visit Date,Start,..."; the other "Visit ID,Comments,
Status,Visit Date,Start,Duration,Visit Type,Provider"). Dates are "03-Mar-2025", starts
"9:00 AM" or "0900", durations the minutes the client attended with a prime ("70'") or as
"1h10m". Visit types are the site's abbreviations (IOP-GRP, IOP-PSYED, IND, FAM, CM, MED)
and statuses codes (P, A, E, NS, LC, CC, SCH), both explained in a key after a blank row
at the end. The free-text comments are quoted and may hold commas and line breaks
("Arrived 9:20, bus late.\nParticipated."); a late arrival or early departure is told there
and the duration is the client's own. Days the clinic closed are rows with status CC
(cancelled by clinic); a follow-up booked after discharge is a row with status SCH.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario

from . import _kit as k

LAYOUTS = ("duration_first", "id_first")
TYPE = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "IOP-GRP",
    ServiceKind.GROUP_EDUCATION: "IOP-PSYED",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "IND",
    ServiceKind.FAMILY_COUNSELING: "FAM",
    ServiceKind.CASE_MANAGEMENT: "CM",
    ServiceKind.MEDICATION_MANAGEMENT: "MED",
}
STATUS = {
    Attendance.ATTENDED: "P",
    Attendance.ABSENT: "E",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "LC",
}
KEY = (
    "Visit types: IOP-GRP = IOP group psychotherapy; IOP-PSYED = IOP psychoeducation group; "
    "IND = individual psychotherapy; FAM = family psychotherapy; CM = case management; "
    "MED = medication management; OP-THER = outpatient therapy",
    "Status: P = present; A = absent; E = excused absence; NS = no show; "
    "LC = late cancel (<24h); CC = cancelled by clinic; SCH = scheduled (future)",
    "Duration = minutes the client attended (') ",
)


def _start(t: dt.time, layout: str) -> str:
    return k.clock(t, "12") if layout == "duration_first" else f"{t:%H%M}"


def _duration(minutes: float, layout: str) -> str:
    return k.prime(minutes) if layout == "duration_first" else k.hm(minutes)


def _status(s: PlannedSession) -> str:
    if s.attendance is Attendance.ABSENT and s.absence_reason in ("", "left the program early"):
        return "A"
    return STATUS[s.attendance]


def _comment(rng: random.Random, s: PlannedSession) -> str:
    parts: list[str] = []
    if s.attended:
        if s.member_start is not None:
            parts.append(
                f"Arrived {k.clock(s.member_start, '12')}, "
                + rng.choice(("bus late.", "traffic.", "overslept."))
            )
        if s.member_end is not None:
            parts.append(f"Left at {k.clock(s.member_end, '12')}, picked up for appt.")
        if k.is_video(s):
            parts.append("Telehealth (video).")
        parts.append(k.note(rng, s))
        return "\n".join(parts)
    if s.absence_reason == "left the program early":
        return "Left the program early; did not return for this visit."
    return f"{k.reason(s).capitalize()}, outreach call made."


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.variant(scn, LAYOUTS)
    m = scn.member
    services = k.services(scn)
    name = f"VisitHistory_{m.member_id}.csv"
    rows: list[tuple[dt.date, dt.time, dict[str, str]]] = []
    vid = rng.randint(400_000, 700_000)
    for s in services:
        vid += rng.randint(1, 40)
        who = k.clinicians(scn, s) or (scn.therapists[0],)
        rows.append(
            (
                s.date,
                s.start,
                {
                    "Visit ID": f"V{vid}",
                    "Location": "Telehealth" if k.is_video(s) else "Main clinic",
                    "Duration": _duration(s.minutes, layout) if s.attended else "",
                    "Status": _status(s),
                    "Provider": ", ".join(k.staff_name(f, "init") for f in who),
                    "Visit Type": TYPE[s.kind],
                    "Visit Date": k.dmy(s.date),
                    "Start": _start(s.start, layout),
                    "Comments": _comment(rng, s),
                },
            )
        )
    plan = k.by_day(s for s in services if s.kind in k.GROUP_KINDS)
    first_day = max(plan.values(), key=len) if plan else []
    for d in scn.closed_days:
        for s in first_day:
            vid += 1
            rows.append(
                (
                    d,
                    s.start,
                    {
                        "Visit ID": f"V{vid}",
                        "Duration": "",
                        "Status": "CC",
                        "Provider": "",
                        "Visit Type": TYPE[s.kind],
                        "Visit Date": k.dmy(d),
                        "Start": _start(s.start, layout),
                        "Comments": "Program closed (holiday) - clinic cancelled all groups.",
                    },
                )
            )
    follow = scn.discharge_date + dt.timedelta(days=rng.randint(7, 12))
    rows.append(
        (
            follow,
            dt.time(14),
            {
                "Visit ID": f"V{vid + 97}",
                "Duration": "",
                "Status": "SCH",
                "Provider": k.staff_name(scn.therapists[0], "init"),
                "Visit Type": "OP-THER",
                "Visit Date": k.dmy(follow),
                "Start": _start(dt.time(14), layout),
                "Comments": "Step-down: weekly outpatient therapy after IOP discharge.",
            },
        )
    )
    rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    if layout == "duration_first":
        cols = [
            "Duration",
            "Status",
            "Provider",
            "Visit Type",
            "Visit Date",
            "Start",
            "Location",
            "Visit ID",
            "Comments",
        ]
    else:
        cols = [
            "Visit ID",
            "Comments",
            "Status",
            "Visit Date",
            "Start",
            "Duration",
            "Visit Type",
            "Provider",
        ]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([f"Visit History - {m.last}, {m.first} (MRN {m.member_id})"])
    w.writerow(
        [
            f"Program: {scn.program}",
            f"Episode: IOP {k.dmy(scn.admission_date)} - {k.dmy(scn.discharge_date)}",
        ]
    )
    w.writerow(
        [
            f"Exported {k.dmy(scn.discharge_date + dt.timedelta(days=3))}",
            "sorted by visit date, newest first",
        ]
    )
    w.writerow(cols)
    for _, _, r in rows:
        w.writerow([r.get(c, "Main clinic") for c in cols])
    w.writerow([])
    for line in KEY:
        w.writerow([line])
    written = [
        k.written(s, [name], length=s.attended, modality=s.attended and k.is_video(s))
        for s in services
    ]
    return RenderedChart(
        files=(ChartFile(name, buf.getvalue().encode("utf-8")),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date + dt.timedelta(days=3),
    )


FAMILY = Family(
    name="d11-visit-history-csv",
    split="dev",
    description=(
        "An EHR visit-history CSV, newest first, with columns in an unusual order "
        "(duration or visit id first), dates as 03-Mar-2025, a start time plus the minutes "
        "attended with a prime or as 1h10m, visit-type abbreviations and status codes "
        "explained in a key after the rows, multi-line quoted comments holding late "
        "arrivals and early departures, clinic-cancelled closure rows and a future booking."
    ),
    conventions=(
        "columns in site order: Duration,Status,Provider,... or Visit ID,Comments,...",
        "rows newest first",
        "dates as 03-Mar-2025",
        "start 9:00 AM or 0900 with duration 70' or 1h10m (client's own minutes)",
        "visit types IOP-GRP / IOP-PSYED / IND / FAM / CM / MED",
        "status codes P/A/E/NS/LC/CC/SCH with the key after a blank row",
        "quoted comments with commas and line breaks ('Arrived 9:20, bus late.')",
        "metadata lines above the header row",
        "CC rows for closed days, a SCH follow-up after discharge (not sessions)",
    ),
    render=render,
    tags=("csv", "structured"),
)
