"""Superbill encounter forms, one per program day, printed two to a PDF page.

The front desk starts an encounter form for each day the client is scheduled and the staff
complete it: the header (encounter number, patient, account, birth date, payer, diagnosis
and the date of service), a pre-printed menu of the program's billing codes with check
boxes ("[X] 90853 Group psychotherapy", "[ ] 90837 Psychotherapy, 53+ min": only the
checked codes were rendered, and the IOP per-diem box S9480/H0015 is checked on days billed
per diem), a time record with a line per scheduled service (code, scheduled time, the
client's time in and out, visit status, place of service 11 or 02, staff initials), the
day's visit status boxes, the next appointment (a booking, not a service) and the
rendering provider's signature. Each PDF page holds two forms under a running header
naming the client and "Page N of M". Times are "9:00a" or 24-hour without a colon.
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
    Written,
)

from . import _kit as k
from ._kit import Cell, Line

TIME_STYLES = ("12c", "mil")
STATUS = {
    Attendance.ATTENDED: "Kept",
    Attendance.ABSENT: "Absent",
    Attendance.NO_SHOW: "No show",
    Attendance.CANCELLED: "Cx client",
}
MENU = (
    ("90853", "Group psychotherapy"),
    ("90834", "Psychotherapy, 38-52 min"),
    ("H2027", "Psychoeducation, group"),
    ("90837", "Psychotherapy, 53+ min"),
    ("90847", "Family psychotherapy w/ patient"),
    ("T1016", "Case management, per 15 min"),
    ("99213", "E/M est. patient (med mgmt)"),
    ("PERDIEM", "IOP per diem"),
)
COLS = (48.0, 96.0, 196.0, 250.0, 304.0, 372.0, 408.0)


def _code(s: PlannedSession) -> str:
    return "H2027" if s.kind is ServiceKind.GROUP_EDUCATION else k.code(s)


def _per_diem(scn: Scenario) -> str:
    return "H0015" if scn.diagnosis_code.startswith("F1") else "S9480"


def _t(t: dt.time, style: str) -> str:
    return k.clock(t, style)


def _row(cells: tuple[str, ...], style: str = "") -> Line:
    return Line(tuple(Cell(x, c) for x, c in zip(COLS, cells, strict=True)), style, 8.0)


def _form(
    scn: Scenario,
    day: dt.date,
    items: list[PlannedSession],
    nxt: dt.date | None,
    style: str,
    enc: str,
    acct: str,
    payer: str,
) -> list[Line]:
    m = scn.member
    attended = [s for s in items if s.attended]
    checked = {_code(s) for s in attended}
    if any(s.kind in k.GROUP_KINDS for s in attended):
        checked.add("PERDIEM")
    out = [
        Line.of(f"ENCOUNTER FORM / SUPERBILL        Encounter # {enc}", "B", 10),
        Line.of(
            f"Patient: {m.last.upper()}, {m.first.upper()}    Acct: {acct}    "
            f"DOB: {k.date(m.date_of_birth, 'us')}    Payer: {payer}"
        ),
        Line.of(
            f"Date of service: {k.date(day, 'us')} ({k.WEEKDAYS[day.weekday()][:3]})    "
            f"Dx: {scn.diagnosis_code}    POS: 11 office, 02 telehealth"
        ),
        Line.of("SERVICES (check each code rendered)", "B", 8.5),
    ]
    for i in range(0, len(MENU), 2):
        cells = []
        for j, (c, label) in enumerate(MENU[i : i + 2]):
            shown = _per_diem(scn) if c == "PERDIEM" else c
            box = "[X]" if c in checked else "[  ]"
            cells.append(Cell(48.0 + 260 * j, f"{box} {shown}  {label}"))
        out.append(Line(tuple(cells), "", 8.0))
    out.append(Line.of("TIME RECORD", "B", 8.5))
    out.append(_row(("Code", "Scheduled", "In", "Out", "Status", "POS", "Staff"), "B"))
    for s in items:
        who = k.clinicians(scn, s) or (scn.therapists[0],)
        sched = f"{_t(s.start, style)}-{_t(s.end, style)}"
        if s.attended:
            t_in, t_out = _t(k.member_in(s), style), _t(k.member_out(s), style)
            pos = "02" if k.is_video(s) else "11"
        else:
            t_in = t_out = "--"
            pos = ""
        out.append(
            _row((_code(s), sched, t_in, t_out, STATUS[s.attendance], pos, k.initials(who[0])))
        )
    day_status = "Kept" if attended else STATUS[items[0].attendance]
    boxes = "   ".join(
        f"[{'X' if day_status == v else '  '}] {v}"
        for v in ("Kept", "No show", "Cx client", "Absent")
    )
    out.append(Line.of(f"Visit status: {boxes}"))
    if not attended:
        out.append(Line.of(f"Reason: {k.reason(items[0])}"))
    if nxt is not None:
        first = next((s for s in scn.sessions if s.date == nxt), None)
        when = f" {_t(first.start, style)}" if first else ""
        out.append(Line.of(f"Next appointment: {k.date(nxt, 'wmd')}/{nxt.year}{when}"))
    signer = next(
        (s.facilitators[0] for s in items if s.kind in k.GROUP_KINDS and s.facilitators),
        scn.therapists[0],
    )
    out.append(Line.of(f"Rendering provider: {k.staff_name(signer)}    /s/ electronically", "I"))
    return out


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    style = k.variant(scn, TIME_STYLES)
    m = scn.member
    services = k.services(scn)
    days = k.by_day(services)
    order = sorted(days)
    acct = f"{rng.randint(10_000, 99_999)}"
    payer = rng.choice(("Medicare Part B", "Blue Valley Health Plan", "Meridian Care Alliance"))
    name = f"encounter_forms_{m.member_id}.pdf"
    forms: list[list[Line]] = []
    for i, day in enumerate(order):
        nxt = order[i + 1] if i + 1 < len(order) else None
        enc = f"{day:%y%m%d}-{rng.randint(100, 999)}"
        forms.append(_form(scn, day, days[day], nxt, style, enc, acct, payer))
    pages = [forms[i : i + 2] for i in range(0, len(forms), 2)]
    total = len(pages) + 1
    framed: list[list[Line]] = [
        [
            Line.of(f"{scn.program}", "B", 12),
            Line.of("Encounter forms - Intensive Outpatient Program"),
            Line.of(f"Client: {m.first} {m.last}    MRN {m.member_id}"),
            Line.of(
                f"IOP admission: {k.date(scn.admission_date, 'us')}    Discharge: "
                f"{k.date(scn.discharge_date, 'us')}"
            ),
            Line.of(f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}"),
            *[
                Line.of(f"Program closed {k.date(d, 'us')} (holiday): no encounter form.")
                for d in scn.closed_days
            ],
            Line.of(""),
            Line.of(f"Page 1 of {total}", "I", 7.5),
        ]
    ]
    for p, pair in enumerate(pages, start=2):
        head = Line.of(
            f"{m.last.upper()}, {m.first.upper()}   MRN {m.member_id}   Encounter forms"
            f"    Page {p} of {total}",
            "I",
            7.5,
        )
        page = [head, Line.of("", size=6)]
        for j, form in enumerate(pair):
            if j:
                page += [Line.of("", size=6), Line.of("- " * 48, size=6), Line.of("", size=6)]
            page += form
        framed.append(page)
    written: list[Written] = [k.written(s, [name], modality=s.attended) for s in services]
    return RenderedChart(
        files=(ChartFile(name, k.pdf(framed)),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d10-superbill-encounter-pdf",
    split="dev",
    description=(
        "Superbill encounter forms printed two to a PDF page under a running header: a "
        "pre-printed code menu with check boxes (only checked codes rendered), a time "
        "record per scheduled service with time in/out, status and place of service, the "
        "day's visit status boxes and the next appointment."
    ),
    conventions=(
        "pre-printed billing-code menu with [X] / [  ] check boxes",
        "per-diem box checked on IOP days",
        "time record: scheduled time, client's in and out, status, POS 11/02",
        "times as 9:00a or 0900",
        "next appointment line (a booking, not a service)",
        "two forms per page, running header with Page N of M",
    ),
    render=render,
    tags=("pdf", "billing"),
)
