"""Group therapy notes printed to PDF from a group-note template whose member
participation table lists the whole group.

The therapist writes one note per group and the EHR files a copy in every member's chart;
this program's print does not redact the other members, who appear by initials and the
last four digits of their record number, while the chart's own member is named in full.
Each note: the group's name and service type with its code, date ("Date of Group: Mon
03/03/2025"), scheduled time ("Group Time: 9:00 AM - 10:30 AM"), location or video room,
facilitators, topic and a group summary, then the table: member, status (P present, T
tardy, LE left early, A absent, NS no-show, EX excused), time in, time out, participation
(Active / Moderate / Minimal / Not applicable) and affect. Other members arrive late and
leave early too. Individual and other services have a short note of their own. A few
group notes were entered late and are followed by a "LATE ENTRY" or an addendum that
restates the member's own row. Each page has a running header with the program and the
member and a footer "Page N of M".
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance
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

TIME_STYLES = ("12", "24")
STATUS = {
    Attendance.ABSENT: "A",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "EX",
}
COLS = (48.0, 196.0, 236.0, 286.0, 336.0, 410.0)
AFFECT = ("Euthymic", "Anxious", "Constricted", "Bright", "Flat", "Tearful")
PART = ("Active", "Moderate", "Minimal")


def _status(s: PlannedSession) -> str:
    if not s.attended:
        return STATUS[s.attendance]
    if s.member_start is not None:
        return "T"
    if s.member_end is not None:
        return "LE"
    return "P"


def _last4(scn: Scenario, first: str, last: str) -> str:
    """The last four digits of another member's record number (fixed for a chart)."""
    n = sum(ord(c) * 17**i for i, c in enumerate(first + last)) + scn.seed
    return f"{n % 10000:04d}"


def _row(cells: tuple[str, ...], style: str = "") -> Line:
    return Line(tuple(Cell(x, c) for x, c in zip(COLS, cells, strict=True)), style, 8.5)


def _group_note(
    scn: Scenario, s: PlannedSession, rng: random.Random, style: str, others: list[tuple[str, str]]
) -> list[Line]:
    m = scn.member
    t = style
    code = k.code(s)
    out = [
        Line.of(f"GROUP PROGRESS NOTE - {s.title}", "B", 10.5),
        Line.of(
            f"Service: {k.KIND_LABEL[s.kind]}"
            + (f" (CPT {code})" if code else "")
            + f"     Date of Group: {k.date(s.date, 'wmd')}/{s.date.year}"
        ),
        Line.of(
            f"Group Time: {k.clock(s.start, t)} - {k.clock(s.end, t)}     Location: "
            + ("Video room (telehealth)" if k.is_video(s) else f"Group Room {rng.choice('ABC')}")
        ),
        Line.of("Facilitator(s): " + "; ".join(k.staff_name(f) for f in s.facilitators)),
        Line.of(f"Topic: {s.topic}"),
    ]
    out += [Line.of(x) for x in k.wrap("Group summary: " + k.note(rng, s), 100)]
    out.append(_row(("Member", "Status", "Time In", "Time Out", "Participation", "Affect"), "B"))
    rows: list[tuple[str, ...]] = []
    n_present = (s.group_size - 1) if (s.attended and s.group_size) else rng.randint(3, 8)
    n_absent = rng.randint(0, 2)
    pool = rng.sample(others, min(len(others), n_present + n_absent))
    for i, (first, last) in enumerate(pool):
        ident = f"{first[0]}.{last[0]}. (...{_last4(scn, first, last)})"
        if i >= n_present:
            rows.append((ident, rng.choice(("A", "NS", "EX")), "--", "--", "Not applicable", "--"))
            continue
        t_in, t_out, st = s.start, s.end, "P"
        if rng.random() < 0.15:
            t_in, st = k.plus(s.start, rng.choice((10, 15, 25))), "T"
        elif rng.random() < 0.08:
            t_out, st = k.plus(s.end, -rng.choice((15, 30))), "LE"
        rows.append(
            (ident, st, k.clock(t_in, t), k.clock(t_out, t), rng.choice(PART), rng.choice(AFFECT))
        )
    if s.attended:
        mine = (
            f"{m.last}, {m.first}",
            _status(s),
            k.clock(k.member_in(s), t),
            k.clock(k.member_out(s), t),
            rng.choice(PART),
            rng.choice(AFFECT),
        )
    else:
        mine = (f"{m.last}, {m.first}", _status(s), "--", "--", "Not applicable", "--")
    rows.insert(rng.randint(0, len(rows)), mine)
    out += [_row(r) for r in rows]
    present = sum(1 for r in rows if r[1] in ("P", "T", "LE"))
    out.append(Line.of(f"Members present: {present} of {len(rows)} enrolled"))
    if not s.attended:
        out.append(Line.of(f"{m.last}, {m.first}: {k.attend(s.attendance)} - {k.reason(s)}."))
    out.append(Line.of(f"Electronically signed: {k.staff_name(s.facilitators[0])}", "I"))
    out.append(Line.of(""))
    return out


def _other_note(scn: Scenario, s: PlannedSession, rng: random.Random, style: str) -> list[Line]:
    who = k.clinicians(scn, s)
    code = k.code(s)
    out = [
        Line.of(f"{k.KIND_LABEL[s.kind].upper()} NOTE", "B", 10.5),
        Line.of(
            f"Date: {k.date(s.date, 'wmd')}/{s.date.year}     Time: {k.clock(s.start, style)} - "
            f"{k.clock(s.end, style)}" + (f"     CPT {code}" if code else "")
        ),
    ]
    if s.attended:
        out.append(Line.of("Status: Attended, " + ("video" if k.is_video(s) else "in person")))
        out += [Line.of(x) for x in k.wrap(k.note(rng, s), 100)]
    else:
        out.append(Line.of(f"Status: {k.attend(s.attendance)} - {k.reason(s)}"))
    if who:
        out.append(Line.of(f"Electronically signed: {k.staff_name(who[0])}", "I"))
    out.append(Line.of(""))
    return out


def _late(scn: Scenario, s: PlannedSession, style: str, entered: dt.date, kind: str) -> list[Line]:
    m = scn.member
    span = f"{k.clock(k.member_in(s), style)} - {k.clock(k.member_out(s), style)}"
    what = (
        f"{m.first} {m.last} attended {s.title} on {k.date(s.date, 'us')}, "
        f"present {span} (group {k.clock(s.start, style)} - {k.clock(s.end, style)})."
        if s.attended
        else f"{m.first} {m.last} did not attend {s.title} on {k.date(s.date, 'us')} "
        f"({k.clock(s.start, style)} - {k.clock(s.end, style)}): "
        f"{k.attend(s.attendance).lower()}, {k.reason(s)}."
    )
    head = "LATE ENTRY" if kind == "late" else "ADDENDUM"
    return [
        Line.of(
            f"{head} - entered {k.date(entered, 'us')} for date of service {k.date(s.date, 'us')}",
            "B",
        ),
        *[Line.of(x) for x in k.wrap(what, 100)],
        Line.of(f"Electronically signed: {k.staff_name(s.facilitators[0])}", "I"),
        Line.of(""),
    ]


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    style = k.variant(scn, TIME_STYLES)
    m = scn.member
    others = k.peers(scn)
    services = k.services(scn)
    name = f"group_notes_{m.member_id}.pdf"
    blocks: list[list[Line]] = [
        [
            Line.of(f"{scn.program} - Intensive Outpatient Program", "B", 12),
            Line.of(f"Clinical documentation for {m.first} {m.last}  (MRN {m.member_id})"),
            Line.of(
                f"Admission date: {k.date(scn.admission_date, 'us')}     Discharge date: "
                f"{k.date(scn.discharge_date, 'us')}"
            ),
            Line.of(f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}"),
            Line.of(""),
        ]
    ]
    pending: list[tuple[dt.date, list[Line]]] = []
    for s in services:
        while pending and pending[0][0] <= s.date:
            blocks.append(pending.pop(0)[1])
        if s.kind in k.GROUP_KINDS:
            blocks.append(_group_note(scn, s, rng, style, others))
            if rng.random() < 0.07:
                entered = s.date + dt.timedelta(days=rng.randint(1, 4))
                pending.append(
                    (entered, _late(scn, s, style, entered, rng.choice(("late", "add"))))
                )
                pending.sort(key=lambda p: p[0])
        else:
            blocks.append(_other_note(scn, s, rng, style))
    blocks += [b for _, b in pending]
    pages = k.paginate(blocks, 640)
    total = len(pages)
    framed: list[list[Line]] = []
    for i, page in enumerate(pages, start=1):
        head = Line.of(f"{scn.program}   |   {m.last}, {m.first}   MRN {m.member_id}", "I", 7.5)
        foot = Line.of(
            f"Printed {k.date(scn.discharge_date + dt.timedelta(days=9), 'us')}"
            f"    Page {i} of {total}",
            "I",
            7.5,
        )
        framed.append([head, Line.of("", size=4), *page, Line.of("", size=4), foot])
    written: list[Written] = [
        k.written(s, [name], modality=s.attended, group_size=True, facilitators=True)
        for s in services
    ]
    return RenderedChart(
        files=(ChartFile(name, k.pdf(framed)),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d9-group-participation-pdf",
    split="dev",
    description=(
        "Group notes (PDF) from a template whose participation table lists every member of "
        "the group (others by initials, this member by name) with status P/T/LE/A/NS/EX, "
        "time in and out; short notes for other services; late entries and addenda."
    ),
    conventions=(
        "a participation table of the whole group, one row this member's",
        "other members' late arrivals and early departures",
        "status codes P, T, LE, A, NS, EX",
        "times as 9:00 AM or 09:00",
        "dates as Mon 3/3/2025",
        "late entries and addenda restating a session",
        "running header and Page N of M footer",
    ),
    render=render,
    tags=("pdf", "group-notes"),
)
