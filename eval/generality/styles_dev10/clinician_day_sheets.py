"""Clinicians' daily day sheets (encounter sheets), copied into the client's chart.

Each clinician fills a day sheet per working day: the header names the clinician with
initials and credential and the date ("Tue 03/04/25"); the services are listed under an
AM and a PM block, one row per client seen: the time as the clinician writes it ("9a-10:30a",
"1p-1:50p", or 24-hour without a colon "0900-1030"), the client (LAST, F.) and record
number, the service code, 15-minute units, a status code and the clinician's initials. A
group is one row per client present or expected, so the client's group rows sit among
other clients' rows (one other client may share the client's last name, with another
initial and record number); individual sessions with other clients fill the rest of the
day. A late client's row notes the arrival ("in 9:20a"); a row missed is units 0. Rows
written after the day are late entries on a later day's sheet ("LATE ENTRY for DOS
03/04/25"). The status and service codes are explained only on the last page of the file
("STATUS KEY"), and the sheets are separated by form feeds.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Staff,
    Written,
)

from . import _kit as k

TIME_STYLES = ("compact", "mil")
STATUS = {
    Attendance.ABSENT: "A",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "CX",
}
SVC = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "90853",
    ServiceKind.GROUP_EDUCATION: "H2027",
    ServiceKind.FAMILY_COUNSELING: "90847",
    ServiceKind.CASE_MANAGEMENT: "T1016",
    ServiceKind.MEDICATION_MANAGEMENT: "99213",
}


def _svc(s: PlannedSession) -> str:
    return SVC.get(s.kind) or k.code(s)


def _span(a: dt.time, b: dt.time, style: str) -> str:
    return k.compact_range(a, b) if style == "compact" else f"{a:%H%M}-{b:%H%M}"


def _point(t: dt.time, style: str) -> str:
    return k.compact(t) if style == "compact" else f"{t:%H%M}"


def _status(s: PlannedSession) -> str:
    if not s.attended:
        return STATUS[s.attendance]
    if s.member_start is not None:
        return "T"
    if s.member_end is not None:
        return "LE"
    return "P"


def _units(minutes: float) -> int:
    return int((minutes + 7) // 15)


def _mrn(scn: Scenario, first: str, last: str) -> str:
    n = sum(ord(c) * 13**i for i, c in enumerate(first + last)) + scn.seed * 7
    return f"{'ABHKMQTWZ'[n % 9]}{n % 90_000_000 + 10_000_000}"


def _row(
    span: str, client: str, mrn: str, svc: str, units: int | str, st: str, ini: str, rem: str
) -> str:
    return (
        f" {span:<13} {client[:22]:<22} {mrn:<10} {svc:<6} {units!s:>3}  {st:<3} {ini:<4} {rem}"
    ).rstrip()


class _Sheet:
    def __init__(self, who: Staff, day: dt.date) -> None:
        self.who = who
        self.day = day
        # (start time, order, line)
        self.rows: list[tuple[dt.time, int, str]] = []
        self.late: list[str] = []


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    style = k.variant(scn, TIME_STYLES)
    m = scn.member
    services = k.services(scn)
    others = k.peers(scn, 14)
    namesake = (scn.seed // 2) % 2 == 1
    if namesake:
        first = next(f for f in k.PEER_FIRST if f[0] != m.first[0])
        others[0] = (first, m.last)
    me = f"{m.last.upper()}, {m.first[0]}."
    sheets: dict[tuple[str, dt.date], _Sheet] = {}
    order = 0

    def sheet(who: Staff, day: dt.date) -> _Sheet:
        key = (who.name, day)
        if key not in sheets:
            sheets[key] = _Sheet(who, day)
        return sheets[key]

    def client_row(s: PlannedSession, ini: str) -> str:
        rem = ""
        if s.attended and s.member_start is not None:
            rem = f"in {_point(s.member_start, style)}"
        elif s.attended and s.member_end is not None:
            rem = f"out {_point(s.member_end, style)}"
        elif not s.attended:
            rem = k.reason(s)
        if s.attended and k.is_video(s):
            rem = (rem + " TH").strip()
        units = _units(s.minutes) if s.attended else 0
        return _row(
            _span(s.start, s.end, style), me, m.member_id, _svc(s), units, _status(s), ini, rem
        )

    for s in services:
        who = (k.clinicians(scn, s) or (scn.therapists[0],))[0]
        ini = k.initials(who)
        late = (s.kind not in k.GROUP_KINDS and rng.random() < 0.25) or (
            s.kind in k.GROUP_KINDS and rng.random() < 0.03
        )
        if late:
            entered = s.date + dt.timedelta(days=rng.randint(1, 3))
            sh = sheet(who, entered)
            sh.late.append(
                f" *LATE ENTRY for DOS {k.date(s.date, 'us2')}*  " + client_row(s, ini).strip()
            )
            if s.kind in k.GROUP_KINDS:
                continue
        else:
            sh = sheet(who, s.date)
            order += 1
            sh.rows.append((s.start, order, client_row(s, ini)))
        if s.kind in k.GROUP_KINDS:
            sh = sheet(who, s.date)
            n_present = (s.group_size - 1) if (s.attended and s.group_size) else rng.randint(3, 8)
            pool = rng.sample(others, min(len(others), n_present + rng.randint(0, 2)))
            for j, (first, last) in enumerate(pool):
                order += 1
                name = f"{last.upper()}, {first[0]}."
                if j >= n_present:
                    row = _row(
                        _span(s.start, s.end, style),
                        name,
                        _mrn(scn, first, last),
                        _svc(s),
                        0,
                        rng.choice(("A", "NS")),
                        ini,
                        "",
                    )
                else:
                    row = _row(
                        _span(s.start, s.end, style),
                        name,
                        _mrn(scn, first, last),
                        _svc(s),
                        _units(s.scheduled_minutes),
                        "P",
                        ini,
                        "",
                    )
                sh.rows.append((s.start, order, row))
        elif rng.random() < 0.7:
            # another client's individual session the same day
            first, last = rng.choice(others)
            a = k.plus(s.end, rng.choice((10, 15)))
            b = k.plus(a, rng.choice((45, 53, 60)))
            order += 1
            sh = sheet(who, s.date)
            sh.rows.append(
                (
                    a,
                    order,
                    _row(
                        _span(a, b, style),
                        f"{last.upper()}, {first[0]}.",
                        _mrn(scn, first, last),
                        "90834",
                        _units(k.minutes_between(a, b)),
                        "P",
                        ini,
                        "",
                    ),
                )
            )
    for d in scn.closed_days:
        sh = sheet(scn.therapists[0], d)
        sh.late.append(" PROGRAM CLOSED (holiday) - no groups held, no clients seen")

    pages: list[list[str]] = []
    for key in sorted(sheets, key=lambda x: (x[1], x[0])):
        sh = sheets[key]
        w = sh.who
        lines = [
            f"{scn.program.upper()}  -  CLINICIAN DAY SHEET",
            f"Clinician: {k.staff_name(w, 'init')}    Initials: {k.initials(w)}    "
            f"Date: {k.date(sh.day, 'wmd')}/{sh.day.year % 100:02d}",
            "-" * 96,
            _row("Time", "Client", "MRN", "Svc", "Un", "St", "Init", "Remarks"),
            "-" * 96,
        ]
        am = sorted((r for r in sh.rows if r[0].hour < 12), key=lambda r: (r[0], r[2]))
        pm = sorted((r for r in sh.rows if r[0].hour >= 12), key=lambda r: (r[0], r[2]))
        lines.append("AM BLOCK")
        lines += [r[2] for r in am] or [" (none)"]
        lines.append("PM BLOCK")
        lines += [r[2] for r in pm] or [" (none)"]
        if sh.late:
            lines.append("ENTRIES FOR PRIOR DAYS")
            lines += sh.late
        total = len(sh.rows)
        lines += [
            "-" * 96,
            f"Rows: {total}    Clinician signature: /s/ {k.staff_name(w, 'bare')} {w.credential}"
            f"    {k.date(sh.day, 'us2')}",
        ]
        pages.append(lines)
    key_page = [
        "STATUS KEY AND SERVICE CODES (applies to every day sheet in this file)",
        "-" * 96,
        "St:  P = present    T = tardy, arrived late (see 'in')    LE = left early (see 'out')",
        "     A = absent     NS = no show    CX = client cancelled",
        "Un:  15-minute units attended",
        "Remarks: TH = telehealth (video); otherwise on site",
        "Svc: 90853 group psychotherapy    H2027 psychoeducation, group",
        "     90834 / 90837 individual psychotherapy    90847 family psychotherapy",
        "     T1016 case management    99213 medication management (prescriber)",
    ]
    pages.append(key_page)
    name = f"day_sheets_{m.member_id}.txt"
    text = "\n\f\n".join("\n".join(p) for p in pages) + "\n"
    head = [
        f"Copies of clinician day sheets filed for {m.first} {m.last}  (MRN {m.member_id})",
        f"IOP admission {k.date(scn.admission_date, 'us')}   discharge "
        f"{k.date(scn.discharge_date, 'us')}   Dx {scn.diagnosis_code}",
        "",
    ]
    text = "\n".join(head) + "\n" + text
    written: list[Written] = []
    for s in services:
        written.append(k.written(s, [name], modality=s.attended))
    return RenderedChart(
        files=(ChartFile(name, text.encode("utf-8")),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d10-clinician-day-sheets",
    split="dev",
    description=(
        "Clinicians' day sheets copied into the chart: AM and PM blocks, one row per client "
        "seen (other clients' rows around the client's, a namesake in some charts), times "
        "as 9a-10:30a or 0900-1030, units, status codes and initials, late entries on a "
        "later day's sheet, and the status key only on the last page."
    ),
    conventions=(
        "AM BLOCK / PM BLOCK per clinician day",
        "times as 9a-10:30a or 0900-1030",
        "other clients' rows; a client sharing the last name",
        "status codes P/T/LE/A/NS/CX with the key on the last page",
        "late entries written on a later day's sheet for an earlier DOS",
        "15-minute units beside the times",
    ),
    render=render,
    tags=("day-sheet", "codes"),
)
