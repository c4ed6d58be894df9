"""A scheduling API's appointment records for one client, dumped page by page and
pretty-printed as YAML or as JSON.

Programs whose EHR has no chart print hand the auditor what the vendor's REST API returns
for ``GET /v3/patients/{id}/appointments``: a file per page of results, each with the
request and a ``meta`` block (page, per-page, total, the next page's cursor). The first
page also carries the patient, the program enrolment (admitted and discharged dates, the
program's ``recurring_schedule`` of planned groups, which is a plan and no attendance, and
its closures) and the vendor's code tables. Every appointment record has an id, the
service (code, display and the program's title), the scheduled time (YAML: a date with
"09:00"/"10:30" strings; JSON: a local ISO start with its UTC offset and a
``duration_minutes``), an appointment ``status`` (fulfilled, booked, noshow, cancelled,
entered-in-error) and an ``attendance`` code explained only in the code table on page 1,
check-in and check-out times when the client came late or left early, the location
(onsite room or telehealth), staff with role and credential, and the group's census. A
booking made twice is kept with status ``entered-in-error``; the days the program was
closed are appointments cancelled by the clinic.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

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

LAYOUTS = ("yaml", "json")
PER_PAGE = 40
ATT_CODE = {
    Attendance.ATTENDED: "P",
    Attendance.ABSENT: "A",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "CX",
}
STATUS = {
    Attendance.ATTENDED: "fulfilled",
    Attendance.ABSENT: "booked",
    Attendance.NO_SHOW: "noshow",
    Attendance.CANCELLED: "cancelled",
}
DISPLAY = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "Psychotherapy, group",
    ServiceKind.GROUP_EDUCATION: "Psychoeducational service, group",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Psychotherapy, individual",
    ServiceKind.FAMILY_COUNSELING: "Family psychotherapy with patient",
    ServiceKind.CASE_MANAGEMENT: "Targeted case management",
    ServiceKind.MEDICATION_MANAGEMENT: "Office visit, established patient (med management)",
}
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _code(s: PlannedSession) -> str:
    return k.code(s) or ("H2027" if s.kind is ServiceKind.GROUP_EDUCATION else "")


def _iso(zone: tuple[str, str, int], d: dt.date, t: dt.time) -> str:
    off = k.utc_offset(zone, d)
    return f"{d.isoformat()}T{t:%H:%M:%S}{off:+03d}:00"


def _record(
    scn: Scenario,
    s: PlannedSession,
    appt_id: int,
    layout: str,
    zone: tuple[str, str, int],
    rng: random.Random,
) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": appt_id, "type": "group" if s.kind in k.GROUP_KINDS else "visit"}
    rec["service"] = {"code": _code(s), "display": DISPLAY[s.kind], "program_title": s.title}
    if layout == "yaml":
        rec["scheduled"] = {"date": s.date, "start": f"{s.start:%H:%M}", "end": f"{s.end:%H:%M}"}
    else:
        rec["start"] = _iso(zone, s.date, s.start)
        rec["duration_minutes"] = int(s.scheduled_minutes)
    rec["status"] = STATUS[s.attendance]
    att: dict[str, Any] = {"code": ATT_CODE[s.attendance]}
    if s.attended and s.member_start is not None:
        att["checked_in_at"] = _iso(zone, s.date, s.member_start)
    if s.attended and s.member_end is not None:
        att["checked_out_at"] = _iso(zone, s.date, s.member_end)
    if not s.attended:
        att["reason"] = k.reason(s)
    rec["attendance"] = att
    if s.attendance is Attendance.CANCELLED:
        rec["cancellation"] = {"by": "patient", "reason": k.reason(s)}
    video = k.is_video(s)
    rec["location"] = (
        {"kind": "telehealth", "name": f"Virtual room {rng.randint(1, 6)}"}
        if video
        else {"kind": "onsite", "name": f"Group Room {rng.choice('ABC')}"}
        if s.kind in k.GROUP_KINDS
        else {"kind": "onsite", "name": f"Office {rng.randint(101, 118)}"}
    )
    who = k.clinicians(scn, s)
    rec["staff"] = [
        {
            "name": st.name,
            "credential": st.credential,
            "role": ("facilitator" if i == 0 else "co-facilitator")
            if s.kind in k.GROUP_KINDS
            else "rendering",
        }
        for i, st in enumerate(who)
    ]
    if s.kind in k.GROUP_KINDS and s.attended and s.group_size:
        rec["group"] = {"census": s.group_size}
    rec["updated_at"] = _iso(zone, s.date, k.plus(s.end, rng.randint(5, 240)))
    return rec


def _closure(
    scn: Scenario, day: dt.date, appt_id: int, layout: str, zone: tuple[str, str, int]
) -> dict[str, Any]:
    first = next((s for s in scn.sessions if s.kind in k.GROUP_KINDS), scn.sessions[0])
    rec: dict[str, Any] = {"id": appt_id, "type": "group"}
    rec["service"] = {"code": "", "display": "IOP group block", "program_title": "IOP day"}
    if layout == "yaml":
        rec["scheduled"] = {"date": day, "start": f"{first.start:%H:%M}", "end": None}
    else:
        rec["start"] = _iso(zone, day, first.start)
        rec["duration_minutes"] = None
    rec["status"] = "cancelled"
    rec["cancellation"] = {"by": "clinic", "reason": "Program closed - holiday"}
    return rec


# --------------------------------------------------------------------------- emitters


def _scalar(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    text = str(v)
    plain = text and all(c.isalnum() or c in "-_ " for c in text) and not text[0].isdigit()
    if plain and text.lower() not in ("yes", "no", "on", "off", "null", "true", "false"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _yaml(v: Any, indent: int = 0) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(v, dict):
        for key, val in v.items():
            if isinstance(val, (dict, list)) and val:
                out.append(f"{pad}{key}:")
                out += _yaml(val, indent + 2)
            elif isinstance(val, (dict, list)):
                out.append(f"{pad}{key}: {'{}' if isinstance(val, dict) else '[]'}")
            else:
                out.append(f"{pad}{key}: {_scalar(val)}")
        return out
    if isinstance(v, list):
        for item in v:
            sub = _yaml(item, indent + 2)
            if sub:
                out.append(f"{pad}- {sub[0].lstrip()}")
                out += sub[1:]
        return out
    return [f"{pad}{_scalar(v)}"]


def _json_default(v: Any) -> str:
    if isinstance(v, dt.date):
        return v.isoformat()
    raise TypeError(type(v).__name__)


# --------------------------------------------------------------------------- render


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.variant(scn, LAYOUTS)
    zone = k.ZONES[(scn.seed // 2) % len(k.ZONES)]
    m = scn.member
    services = k.services(scn)
    pid = rng.randint(100_000, 999_999)
    appt = rng.randint(40_000, 90_000)
    # (record, session index or None)
    records: list[tuple[dict[str, Any], int | None]] = []
    closed = set(scn.closed_days)
    pending_closed = sorted(closed)
    for s in services:
        while pending_closed and pending_closed[0] < s.date:
            appt += rng.randint(1, 40)
            records.append((_closure(scn, pending_closed.pop(0), appt, layout, zone), None))
        appt += rng.randint(1, 40)
        records.append((_record(scn, s, appt, layout, zone, rng), s.index))
        if s.attended and s.kind in k.GROUP_KINDS and rng.random() < 0.05:
            appt += rng.randint(1, 5)
            dup = _record(scn, s, appt, layout, zone, rng)
            dup["status"] = "entered-in-error"
            dup["attendance"] = {"code": None}
            dup.pop("group", None)
            dup["comment"] = f"duplicate booking of appointment {records[-1][0]['id']}"
            records.append((dup, s.index))
    for day in pending_closed:
        appt += rng.randint(1, 40)
        records.append((_closure(scn, day, appt, layout, zone), None))

    plan_days = sorted({s.date.weekday() for s in services if s.kind in k.GROUP_KINDS})
    # whole tuples in order: a set's order differs between processes (string hashing)
    slots = sorted({(s.start, s.end, s.title) for s in services if s.kind in k.GROUP_KINDS})
    seen: set[dt.time] = set()
    slot_list = []
    for a, b, title in slots:
        if a in seen:
            continue
        seen.add(a)
        slot_list.append({"starts": f"{a:%H:%M}", "ends": f"{b:%H:%M}", "usual_title": title})
    enrolment = {
        "program": scn.program,
        "level_of_care": "Intensive Outpatient (IOP)",
        "admitted_on": scn.admission_date,
        "discharged_on": scn.discharge_date,
        "primary_diagnosis": {"code": scn.diagnosis_code, "display": scn.diagnosis_name},
        "recurring_schedule": {
            "note": "planned program week; attendance is recorded on appointments",
            "by_day": [WEEKDAY_CODES[d] for d in plan_days],
            "slots": slot_list,
        },
        "closures": [{"date": d, "reason": "holiday"} for d in sorted(closed)],
    }
    code_tables = {
        "attendance": {
            "P": "present",
            "A": "absent",
            "NS": "no show",
            "CX": "cancelled",
            "L": "late arrival (see checked_in_at)",
        },
        "status": "booked | fulfilled | noshow | cancelled | entered-in-error",
        "time_zone": zone[0],
    }
    pages = [records[i : i + PER_PAGE] for i in range(0, len(records), PER_PAGE)] or [[]]
    files: list[ChartFile] = []
    where: dict[int, list[str]] = {}
    ext = "yaml" if layout == "yaml" else "json"
    exported = scn.discharge_date + dt.timedelta(days=rng.randint(10, 40))
    cursor = rng.randint(10**8, 10**9)
    for i, page in enumerate(pages, start=1):
        name = f"appointments_p{i}.{ext}"
        body: dict[str, Any] = {
            "request": f"GET /v3/patients/{pid}/appointments?from={scn.admission_date}"
            f"&to={scn.discharge_date}&include=attendance,staff,location",
            "meta": {
                "page": i,
                "per_page": PER_PAGE,
                "total": len(records),
                "next_cursor": None if i == len(pages) else f"c{cursor + i:x}",
                "exported_at": f"{exported.isoformat()}T14:{10 + i:02d}:07Z",
            },
        }
        if i == 1:
            body["patient"] = {
                "id": pid,
                "mrn": m.member_id,
                "name": {"family": m.last, "given": m.first},
                "birth_date": m.date_of_birth,
            }
            body["enrollment"] = enrolment
            body["code_tables"] = code_tables
        body["appointments"] = [r for r, _ in page]
        for _r, idx in page:
            if idx is not None:
                where.setdefault(idx, []).append(name)
        if layout == "yaml":
            text = "\n".join(["---", *_yaml(body)]) + "\n"
        else:
            text = json.dumps(body, indent=2, default=_json_default, ensure_ascii=False) + "\n"
        files.append(ChartFile(name, text.encode("utf-8")))
    written: list[Written] = [
        k.written(
            s,
            where[s.index],
            modality=s.attended,
            group_size=True,
            facilitators=True,
        )
        for s in services
    ]
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d10-api-appointment-dump",
    split="dev",
    description=(
        "A scheduling API's appointment records dumped page by page as YAML or JSON: "
        "scheduled date with HH:MM strings or ISO start with offset and duration_minutes, "
        "appointment status plus an attendance code explained on page 1, check-in/out "
        "times, the program's recurring schedule, clinic-cancelled closures and "
        "entered-in-error duplicates."
    ),
    conventions=(
        "YAML or pretty-printed JSON, a file per page of results",
        "times as '09:00' strings or ISO 8601 with UTC offset plus duration_minutes",
        "attendance codes P/A/NS/CX explained only on the first page",
        "recurring_schedule of planned groups (a plan, not attendance)",
        "entered-in-error duplicate bookings",
        "clinic-cancelled appointments on closed days",
    ),
    render=render,
    tags=("api", "structured"),
)
