"""iso-tables-staff-join: a data-warehouse extract of relational tables (CSV/TSV).

Imitates the flat-file extracts that EHR vendors hand to auditors: one file per table,
machine column names, ISO 8601 timestamps, coded values explained only in a reference
table, and staff named only through a staff table joined by ID. A README data dictionary
describes the tables. Three variants (cycling by seed):

- "offsets": ``encounters.csv`` with ``start_ts`` / ``end_ts`` as local time with a UTC
  offset (``2025-10-14T09:00:00-06:00``, the offset changing with daylight saving time),
  ``arrive_ts`` / ``depart_ts`` filled only for a late arrival or an early departure,
  status codes (CMP/NOS/CXL/ABS), place-of-service codes (11 / 10), ``staff_ids`` as
  ``S0142;S0177`` and an attendee count;
- "utc": ``encounters.tsv`` with ``start_utc`` in UTC (``2025-10-14T15:00:00Z``, so an
  evening group's UTC date is the next day) and the local ``svc_date`` beside it,
  ``duration_min`` (minutes attended, blank when not attended), numeric status codes
  (1-4) and ``actual_start_utc`` / ``actual_end_utc`` for a late arrival / early
  departure;
- "normalized": ``group_sessions.csv`` (one row per group the program held, with its
  headcount) joined by ``session_id`` to ``group_attendance.csv`` (one row per client per
  group: the member's ``person_id`` among other clients' IDs, check-in/out timestamps),
  plus ``appointments.csv`` for individual, family, case-management and medication visits.

Service kinds are internal codes (``GRP-PSY``, ``GRP-EDU``, ``IND-PSY``, ``MEAL``) whose
meaning is in ``ref_codes.csv``. ``episode`` gives the admission date and, in most
charts, the discharge date (open episode otherwise).
"""

from __future__ import annotations

import datetime as dt
import random

from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Staff,
)
from eval.generality.styles_dev2 import _kit as k

SVC = {
    k.GP: "GRP-PSY",
    k.GE: "GRP-EDU",
    k.IND: "IND-PSY",
    k.FAM: "FAM-PSY",
    k.CM: "CM-T1016",
    k.MM: "MED-MGT",
    k.MEAL: "MEAL",
}
SVC_DESC = {
    "GRP-PSY": "Group psychotherapy (CPT 90853)",
    "GRP-EDU": "Group psychoeducation",
    "IND-PSY": "Individual psychotherapy",
    "FAM-PSY": "Family psychotherapy with patient present",
    "CM-T1016": "Targeted case management",
    "MED-MGT": "Psychiatric medication management visit",
    "MEAL": "Lunch break (non-billable, not a service)",
}
STATUS_ALPHA = {k.ATT: "CMP", k.NS: "NOS", k.CX: "CXL", k.ABS: "ABS"}
STATUS_NUM = {k.ATT: "1", k.NS: "2", k.CX: "3", k.ABS: "4"}
STATUS_DESC = {
    k.ATT: "Completed - client attended",
    k.NS: "No-show - client did not attend, no notice",
    k.CX: "Cancelled by client",
    k.ABS: "Absent - excused",
}
# (zone, standard UTC offset in hours)
ZONES = (
    ("America/New_York", -5),
    ("America/Chicago", -6),
    ("America/Denver", -7),
    ("America/Los_Angeles", -8),
)


def _dst(d: dt.date) -> bool:
    """US daylight saving time: second Sunday of March to first Sunday of November."""
    march = dt.date(d.year, 3, 8)
    start = march + dt.timedelta(days=(6 - march.weekday()) % 7)
    nov = dt.date(d.year, 11, 1)
    end = nov + dt.timedelta(days=(6 - nov.weekday()) % 7)
    return start <= d < end


def _offset(d: dt.date, std: int) -> int:
    return std + (1 if _dst(d) else 0)


def _local_ts(d: dt.date, t: dt.time, std: int) -> str:
    off = _offset(d, std)
    return (
        f"{d.isoformat()}T{t.hour:02d}:{t.minute:02d}:00{'-' if off < 0 else '+'}{abs(off):02d}:00"
    )


def _utc_ts(d: dt.date, t: dt.time, std: int) -> str:
    local = dt.datetime(d.year, d.month, d.day, t.hour, t.minute)
    utc = local - dt.timedelta(hours=_offset(d, std))
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


class _StaffIds:
    def __init__(self, scn: Scenario, rng: random.Random) -> None:
        self.rows: dict[Staff, str] = {}
        self._next = rng.randint(100, 700)
        people = [*scn.therapists, scn.physician, k.CASE_MANAGER]
        people += [f for s in scn.sessions for f in s.facilitators]
        for p in people:
            self.id(p)
        self.id(Staff("Perrin", "Oakhurst", "LPC"))  # staff on the roster who ran nothing here

    def id(self, p: Staff) -> str:
        if p not in self.rows:
            self.rows[p] = f"S{self._next:04d}"
            self._next += 7
        return self.rows[p]

    def table(self) -> list[list[str]]:
        out = [["staff_id", "last_name", "first_name", "credential", "role"]]
        for p, sid in sorted(self.rows.items(), key=lambda x: x[1]):
            role = (
                "Psychiatrist"
                if p.credential in ("MD", "DO")
                else "Case manager"
                if p == k.CASE_MANAGER
                else "Clinician"
            )
            out.append([sid, p.last, p.first, p.credential, role])
        return out


def _staff_of(s: PlannedSession, scn: Scenario) -> tuple[Staff, ...]:
    who = k.session_staff(s, scn)
    if who:
        return who
    return (k.CASE_MANAGER,) if s.kind is k.CM else ()


def _pos(s: PlannedSession) -> str:
    return "10" if k.is_video(s) else "11"


def _ref_codes(numeric: bool, used: set[str]) -> list[list[str]]:
    rows = [["code_set", "code", "description"]]
    for code, desc in SVC_DESC.items():
        if code in used:
            rows.append(["svc_cd", code, desc])
    for att, desc in STATUS_DESC.items():
        rows.append(["status_cd", (STATUS_NUM if numeric else STATUS_ALPHA)[att], desc])
    rows.append(["pos_cd", "11", "Office / clinic (in person)"])
    rows.append(["pos_cd", "10", "Telehealth in patient's home (audio-video)"])
    return rows


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = ("offsets", "utc", "normalized")[scn.seed % 3]
    zone, std = rng.choice(ZONES)
    with_lunch = rng.random() < 0.5
    open_episode = rng.random() < 0.3
    led = k.Ledger()
    files: list[ChartFile] = []
    ids = _StaffIds(scn, rng)
    person = f"P{rng.randint(100000, 999999)}"
    sessions = [s for s in scn.sessions if with_lunch or s.kind is not k.MEAL]
    used = {SVC[s.kind] for s in sessions}
    sep, ext = ("\t", "tsv") if variant == "utc" else (",", "csv")

    def table(name: str, rows: list[list[str]]) -> str:
        fname = f"{name}.{ext}"
        files.append(ChartFile(fname, k.delimited(rows, sep, crlf=False)))
        return fname

    enc_id = rng.randint(5_000_000, 6_000_000)
    if variant == "offsets":
        rows = [
            [
                "encounter_id",
                "person_id",
                "svc_cd",
                "activity_name",
                "start_ts",
                "end_ts",
                "arrive_ts",
                "depart_ts",
                "status_cd",
                "pos_cd",
                "staff_ids",
                "attendee_cnt",
            ]
        ]
        for s in sessions:
            enc_id += rng.randint(3, 40)
            count = ""
            if s.is_group:
                count = str(s.group_size if s.attended else rng.randint(3, 8))
            rows.append(
                [
                    str(enc_id),
                    person,
                    SVC[s.kind],
                    s.title,
                    _local_ts(s.date, s.start, std),
                    _local_ts(s.date, s.end, std),
                    _local_ts(s.date, s.member_start, std) if s.member_start else "",
                    _local_ts(s.date, s.member_end, std) if s.member_end else "",
                    STATUS_ALPHA[s.attendance],
                    _pos(s),
                    ";".join(ids.id(p) for p in _staff_of(s, scn)),
                    count,
                ]
            )
        name = table("encounters", rows)
        for s in sessions:
            led.note(
                s,
                name,
                length=True,
                kind=True,
                attendance=True,
                member_times=True,
                modality=True,
                group_size=s.attended,
                facilitators=True,
            )
    elif variant == "utc":
        rows = [
            [
                "enc_id",
                "person_id",
                "svc_date",
                "svc_cd",
                "start_utc",
                "duration_min",
                "actual_start_utc",
                "actual_end_utc",
                "status",
                "pos",
                "rendering_staff_id",
                "group_headcount",
            ]
        ]
        for s in sessions:
            enc_id += rng.randint(3, 40)
            staff = _staff_of(s, scn)
            count = ""
            if s.is_group:
                count = str(s.group_size if s.attended else rng.randint(3, 8))
            rows.append(
                [
                    str(enc_id),
                    person,
                    s.date.isoformat(),
                    SVC[s.kind],
                    _utc_ts(s.date, s.start, std),
                    str(round(s.minutes)) if s.attended else "",
                    _utc_ts(s.date, s.member_start, std) if s.member_start else "",
                    _utc_ts(s.date, s.member_end, std) if s.member_end else "",
                    STATUS_NUM[s.attendance],
                    _pos(s),
                    ";".join(ids.id(p) for p in staff),
                    count,
                ]
            )
        name = table("encounters", rows)
        for s in sessions:
            led.note(
                s,
                name,
                length=s.attended,
                kind=True,
                attendance=True,
                member_times=True,
                modality=True,
                group_size=s.attended,
                facilitators=True,
            )
    else:
        groups = [s for s in sessions if s.is_group or s.kind is k.MEAL]
        others = [s for s in sessions if not (s.is_group or s.kind is k.MEAL)]
        co_ids = [f"P{rng.randint(100000, 999999)}" for _ in range(11)]
        gs_rows = [
            [
                "session_id",
                "program_cd",
                "svc_cd",
                "session_title",
                "start_ts",
                "end_ts",
                "facilitator_staff_ids",
                "room",
                "headcount",
            ]
        ]
        ga_rows = [["session_id", "person_id", "status_cd", "check_in_ts", "check_out_ts"]]
        sid = rng.randint(70_000, 80_000)
        for s in groups:
            sid += rng.randint(1, 9)
            present_others = (
                (s.group_size - 1) if (s.attended and s.group_size) else rng.randint(3, 8)
            )
            if s.kind is k.MEAL:
                present_others = rng.randint(3, 8)
            gs_rows.append(
                [
                    f"GS{sid}",
                    "IOP-A",
                    SVC[s.kind],
                    s.title,
                    _local_ts(s.date, s.start, std),
                    _local_ts(s.date, s.end, std),
                    ";".join(ids.id(p) for p in s.facilitators),
                    "" if s.kind is k.MEAL else rng.choice(("GRP-1", "GRP-2", "ZOOM-HYBRID")),
                    "" if s.kind is k.MEAL else str(present_others + (1 if s.attended else 0)),
                ]
            )
            here = set(rng.sample(co_ids, present_others))
            att_rows = [
                [
                    f"GS{sid}",
                    p,
                    "CMP" if p in here else rng.choice(("ABS", "ABS", "NOS", "CXL")),
                    _local_ts(s.date, s.start, std) if p in here else "",
                    _local_ts(s.date, s.end, std) if p in here else "",
                ]
                for p in co_ids
            ]
            att_rows.append(
                [
                    f"GS{sid}",
                    person,
                    STATUS_ALPHA[s.attendance],
                    _local_ts(s.date, s.member_start or s.start, std) if s.attended else "",
                    _local_ts(s.date, s.member_end or s.end, std) if s.attended else "",
                ]
            )
            ga_rows += sorted(att_rows, key=lambda r: r[1])
        gs_name = table("group_sessions", gs_rows)
        ga_name = table("group_attendance", ga_rows)
        for s in groups:
            led.note(
                s,
                gs_name,
                length=True,
                kind=True,
                group_size=s.attended,
                facilitators=True,
            )
            # the check-in/out columns give the member's own times (the session's when on time)
            led.note(s, ga_name, attendance=True, member_times=True)
        ap_rows = [
            [
                "appt_id",
                "person_id",
                "svc_cd",
                "start_ts",
                "end_ts",
                "status_cd",
                "pos_cd",
                "staff_id",
            ]
        ]
        for s in others:
            enc_id += rng.randint(3, 40)
            ap_rows.append(
                [
                    f"A{enc_id}",
                    person,
                    SVC[s.kind],
                    _local_ts(s.date, s.start, std),
                    _local_ts(s.date, s.end, std),
                    STATUS_ALPHA[s.attendance],
                    _pos(s),
                    ";".join(ids.id(p) for p in _staff_of(s, scn)),
                ]
            )
        ap_name = table("appointments", ap_rows)
        for s in others:
            led.note(s, ap_name, length=True, kind=True, attendance=True, modality=True)

    table("staff", ids.table())
    table("ref_codes", _ref_codes(variant == "utc", used))
    table(
        "person",
        [
            ["person_id", "last_name", "first_name", "birth_dt", "mrn"],
            [
                person,
                scn.member.last,
                scn.member.first,
                scn.member.date_of_birth.isoformat(),
                scn.member.member_id,
            ],
        ],
    )
    table(
        "episode",
        [
            ["person_id", "level_of_care", "admit_dt", "discharge_dt", "dx_primary", "dx_desc"],
            [
                person,
                "IOP",
                scn.admission_date.isoformat(),
                "" if open_episode else scn.discharge_date.isoformat(),
                scn.diagnosis_code,
                scn.diagnosis_name,
            ],
        ],
    )
    files.append(_readme(variant, zone, ext))
    return RenderedChart(
        files=tuple(files),
        written=led.written(),
        admission_stated=True,
        discharge_stated=not open_episode,
        latest_document_date=led.latest(),
    )


def _readme(variant: str, zone: str, ext: str) -> ChartFile:
    lines = [
        "EXTRACT README / DATA DICTIONARY",
        "Clinical data extract for utilization review. One file per table; first row is the "
        "header.",
        f"Site time zone: {zone}.",
        "",
    ]
    if variant == "offsets":
        lines += [
            f"encounters.{ext}: one row per scheduled service for the client.",
            "  start_ts/end_ts: scheduled start/end, ISO 8601 local time with UTC offset.",
            "  arrive_ts/depart_ts: client's actual arrival/departure, only when different "
            "from the scheduled times.",
            "  status_cd, svc_cd, pos_cd: see ref_codes. staff_ids: ';'-separated, see staff.",
            "  attendee_cnt: clients present in the group (groups only).",
        ]
    elif variant == "utc":
        lines += [
            f"encounters.{ext}: one row per scheduled service for the client (tab-separated).",
            "  svc_date: date of service in site local time.",
            "  start_utc: scheduled start in UTC (ISO 8601, Z suffix).",
            "  duration_min: minutes the client attended; blank when not attended.",
            "  actual_start_utc/actual_end_utc: client's late arrival / early departure (UTC).",
            "  status (numeric), svc_cd, pos: see ref_codes. rendering_staff_id: see staff.",
            "  group_headcount: clients present in the group.",
        ]
    else:
        lines += [
            f"group_sessions.{ext}: one row per group the program held (all clients).",
            "  start_ts/end_ts: ISO 8601 local time with UTC offset. headcount: clients present.",
            "  facilitator_staff_ids: ';'-separated, see staff.",
            f"group_attendance.{ext}: one row per client per group session (join on "
            "session_id); check_in_ts/check_out_ts are the client's own times.",
            f"appointments.{ext}: individual, family, case management and medication visits.",
        ]
    lines += [
        f"staff.{ext}: staff_id, name and credential.",
        f"ref_codes.{ext}: descriptions of coded values (svc_cd, status, pos).",
        f"person.{ext} / episode.{ext}: client demographics; level-of-care episode "
        "(discharge_dt blank while the episode is open).",
    ]
    return k.text_file("README_extract.txt", lines)


FAMILY = Family(
    name="iso-tables-staff-join",
    split="dev",
    description=(
        "Data-warehouse extract: one CSV/TSV per table, ISO 8601 timestamps with offsets or "
        "UTC, durations in minutes, coded status/service/POS values explained in a "
        "reference table, staff joined by ID, group attendance joined by session ID."
    ),
    conventions=(
        "ISO 8601 local timestamps with UTC offsets (DST-aware: -06:00 / -07:00)",
        "UTC 'Z' timestamps with a separate local svc_date (evening UTC date is next day)",
        "duration_min (minutes attended) instead of an end time",
        "internal service codes GRP-PSY / GRP-EDU / MEAL decoded via ref_codes",
        "status codes CMP/NOS/CXL/ABS or numeric 1-4; POS 11 / 10 for modality",
        "staff named only via staff table joined by staff_id",
        "normalized group_sessions + group_attendance joined by session_id, other clients' "
        "person_ids in the attendance table",
        "README data dictionary; open episode (blank discharge_dt) in some charts",
    ),
    render=render,
)
