"""pm-roster-matrix: a practice-management system's weekly group attendance matrix.

Imitates the "Group Attendance Roster" / "Attendance Matrix" reports of practice-management
systems, printed into each member's chart: every member enrolled in the program that week
down the side (this member among ten or so others, with their admit and discharge dates),
the week's group sessions across the top, and one attendance code per cell whose legend is
printed at the bottom of the block. The member's sessions are one row among many; the
program days before the admission and after the discharge of the same week are columns too
(the member's cells there are blank: not enrolled). Two variants (alternating by seed):

- "stacked": one fixed-width text report, a block per week; each column's header is
  stacked over four lines (weekday, MM/DD, ``0900-`` / ``1030`` split over two lines) plus
  a group abbreviation (``PRCS``, ``MEDED``) explained in the legend with its service type;
  the service times exist only in those column headers;
- "keyed": one CSV per week whose columns are session IDs under a row of dates
  (``GS-24817`` under ``Mon 10/13/2025``), joined to a separate ``group_sessions.csv``
  session list that holds the times, group name, service type, facilitators and (in some
  charts) the attendee count.

Codes: ``P``/``V`` present in person / by video (or ``X`` present, with modality not
recorded, in some charts), ``L`` arrived late, ``E`` left early (the arrival/departure time
is footnoted in some charts, else only the code is known), ``A`` absent, ``N`` no-show,
``C`` cancelled, ``H`` program closed. A "Present" total row gives the group size in some
charts. Individual, family, case-management and medication visits are in a separate client
appointment list. A face sheet gives the diagnosis and the program schedule (distractor).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from core.facts import ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    Member,
    PlannedSession,
    RenderedChart,
    Scenario,
    Staff,
)
from eval.generality.styles_dev2 import _kit as k

ABBR = {
    "Process Group": "PRCS",
    "Group Psychotherapy": "GPSY",
    "CBT Group": "CBT",
    "Relapse Prevention Group": "RPG",
    "Trauma Processing Group": "TRMA",
    "Interpersonal Process Group": "IPG",
    "Psychoeducation Group": "PSYED",
    "Wellness Education Group": "WELL",
    "Medication Education Group": "MEDED",
    "Recovery Education Group": "RECED",
    "Lunch": "LUNCH",
}
TYPE_WORD = {
    k.GP: "Group Psychotherapy",
    k.GE: "Group Psychoeducation",
    k.MEAL: "Meal break - not billable",
}
FILLER_TITLES = {
    k.GP: ("Process Group", "CBT Group", "Relapse Prevention Group"),
    k.GE: ("Psychoeducation Group", "Wellness Education Group"),
    k.MEAL: ("Lunch",),
}
ABSENT_CODE = {k.ABS: "A", k.NS: "N", k.CX: "C"}


@dataclass
class Column:
    """One session column of the matrix (a group or lunch on one date)."""

    date: dt.date
    start: dt.time
    end: dt.time
    kind: ServiceKind
    title: str
    facilitators: tuple[Staff, ...] = ()
    session: PlannedSession | None = None
    closed: bool = False
    sid: str = ""
    cells: dict[str, str] = field(default_factory=dict)  # member id -> code

    @property
    def present(self) -> int:
        return sum(1 for c in self.cells.values() if c in ("P", "V", "X", "L", "E"))


@dataclass(frozen=True)
class Enrolled:
    person: Member
    admit: dt.date
    discharge: dt.date | None

    def on(self, d: dt.date) -> bool:
        return self.admit <= d and (self.discharge is None or d <= self.discharge)


def _roster(scn: Scenario, rng: random.Random) -> list[Enrolled]:
    """The member and 10-12 fellow members: nine enrolled through the whole episode (so
    every group can hold up to ten), the rest joining or leaving part way."""
    adm, dis = scn.admission_date, scn.discharge_date
    others = k.co_members(rng, rng.randint(10, 12), scn.member, adm.year)
    out = [Enrolled(scn.member, adm, dis)]
    span = (dis - adm).days
    weekdays = k.program_weekdays(scn)
    for i, p in enumerate(others):
        if i < 9:
            admit = adm - dt.timedelta(days=rng.randint(7, 40))
            out.append(Enrolled(p, admit, None))
        elif i % 2 == 0:
            admit = adm + dt.timedelta(days=rng.randint(3, max(4, span)))
            while admit.weekday() not in weekdays:
                admit += dt.timedelta(days=1)
            out.append(Enrolled(p, admit, None))
        else:
            admit = adm - dt.timedelta(days=rng.randint(10, 40))
            out.append(Enrolled(p, admit, adm + dt.timedelta(days=rng.randint(1, max(2, span)))))
    return out


def _columns(scn: Scenario, rng: random.Random, lunch: bool) -> list[Column]:
    """Every program session of every week the episode touches, the member's and the
    program's own before admission / after discharge in the same weeks, and closed days."""
    slots = k.day_slots(scn)
    if not lunch:
        slots = [s for s in slots if s[2] is not k.MEAL]
    mine = [s for s in scn.sessions if s.is_group or (lunch and s.kind is k.MEAL)]
    by_date = k.by_day(mine)
    first = k.monday_of(scn.admission_date)
    last = k.monday_of(scn.discharge_date) + dt.timedelta(days=6)
    weekdays = k.program_weekdays(scn)
    cols: list[Column] = []
    d = first
    while d <= last:
        if d in by_date:
            for s in sorted(by_date[d], key=lambda x: x.start):
                cols.append(
                    Column(s.date, s.start, s.end, s.kind, s.title, s.facilitators, session=s)
                )
        elif d.weekday() in weekdays and (d < scn.admission_date or d > scn.discharge_date):
            for start, end, kind in slots:
                lead = scn.therapists[rng.randrange(len(scn.therapists))]
                fac = () if kind is k.MEAL else (lead,)
                cols.append(Column(d, start, end, kind, rng.choice(FILLER_TITLES[kind]), fac))
        elif d in scn.closed_days:
            for start, end, kind in slots:
                cols.append(Column(d, start, end, kind, "", closed=True))
        d += dt.timedelta(days=1)
    for i, col in enumerate(cols):
        col.sid = f"GS-{24000 + scn.seed % 1000 * 7 + i * 3:05d}"
    return cols


def _fill(
    cols: list[Column], roster: list[Enrolled], rng: random.Random, *, modality: bool
) -> None:
    """Codes for every enrolled member; the column's present count is the session's group
    size when the member attended it."""
    present_code = "P" if modality else "X"
    member_id = roster[0].person.member_id
    last_group: dict[str, bool] = {}
    for col in cols:
        enrolled = [e for e in roster[1:] if e.on(col.date)]
        if col.closed:
            for e in roster:
                if e.on(col.date):
                    col.cells[e.person.member_id] = "H"
            continue
        s = col.session
        if s is not None:
            if s.attended:
                code = present_code
                if modality and k.is_video(s):
                    code = "V"
                if s.member_start is not None:
                    code = "L"
                elif s.member_end is not None:
                    code = "E"
            else:
                code = ABSENT_CODE[s.attendance]
            col.cells[member_id] = code
        if col.kind is k.MEAL:
            for e in enrolled:
                here = last_group.get(e.person.member_id, False)
                col.cells[e.person.member_id] = present_code if here else "A"
            continue
        if s is not None and s.attended and s.group_size is not None:
            n_others = s.group_size - 1
        else:
            n_others = rng.randint(min(3, len(enrolled)), min(8, len(enrolled)))
        here_ids = {e.person.member_id for e in rng.sample(enrolled, n_others)}
        for e in enrolled:
            pid = e.person.member_id
            if pid in here_ids:
                roll = rng.random()
                if roll < 0.05:
                    code = "L"
                elif modality and roll < 0.15:
                    code = "V"
                else:
                    code = present_code
            else:
                code = rng.choice(("A", "A", "A", "N", "C"))
            col.cells[pid] = code
            last_group[pid] = pid in here_ids
        if s is not None:
            last_group[member_id] = s.attended


def _week_people(roster: list[Enrolled], monday: dt.date) -> list[Enrolled]:
    """Everyone enrolled on some day of the week, alphabetical (the member is one row)."""
    sunday = monday + dt.timedelta(days=6)
    people = [
        e for e in roster if e.admit <= sunday and (e.discharge is None or e.discharge >= monday)
    ]
    return sorted(people, key=lambda e: (e.person.last, e.person.first))


def _legend(modality: bool, footnotes: bool) -> list[str]:
    present = (
        "P = present (in person)   V = present (telehealth video)" if modality else "X = present"
    )
    late = "L = present, arrived late   E = present, left early"
    if footnotes:
        late += " (times under 'Late arrival / early departure')"
    return [
        "LEGEND",
        f"  {present}   {late}",
        "  A = absent (excused)   N = no-show (no call)   C = cancelled by client   "
        "H = program closed (holiday)   blank = not enrolled on that date",
    ]


def _name(p: Member) -> str:
    return f"{p.last}, {p.first}"


def _footnotes(
    cols: list[Column], member: Member, fmt: str, rng: random.Random, others: list[Enrolled]
) -> list[str]:
    out = []
    t = k.hhmm if fmt == "colon" else k.mil
    for col in cols:
        s = col.session
        if s is not None and s.attended and k.has_member_times(s):
            what = []
            if s.member_start is not None:
                what.append(f"arrived {t(s.member_start)}")
            if s.member_end is not None:
                what.append(f"left {t(s.member_end)}")
            out.append(
                f"  {_name(member)} - {k.DAY3[col.date.weekday()]} {k.md(col.date)} "
                f"{t(col.start)}-{t(col.end)}: {', '.join(what)}"
            )
        for e in others:
            if e.person is member:
                continue
            if col.cells.get(e.person.member_id) == "L":
                late = k.add_minutes(col.start, rng.choice((10, 15, 25)))
                out.append(
                    f"  {_name(e.person)} - {k.DAY3[col.date.weekday()]} {k.md(col.date)} "
                    f"{t(col.start)}-{t(col.end)}: arrived {t(late)}"
                )
    return out


def _stacked(
    scn: Scenario,
    cols: list[Column],
    roster: list[Enrolled],
    rng: random.Random,
    led: k.Ledger,
    *,
    modality: bool,
    footnotes: bool,
    totals: bool,
    fmt: str,
) -> ChartFile:
    name = "attendance_matrix.txt"
    t = k.hhmm if fmt == "colon" else k.mil
    w = 9
    lines: list[str] = []
    weeks: dict[dt.date, list[Column]] = {}
    for col in cols:
        weeks.setdefault(k.monday_of(col.date), []).append(col)
    for monday, wcols in sorted(weeks.items()):
        sunday = monday + dt.timedelta(days=6)
        people = _week_people(roster, monday)
        left = 26 + 11 + 10 + 10
        lines += [
            scn.program.upper(),
            "GROUP ATTENDANCE MATRIX - INTENSIVE OUTPATIENT   "
            f"WEEK {k.mdy(monday)} - {k.mdy(sunday)}",
            "",
            " " * left + "".join(k.DAY3[c.date.weekday()].ljust(w) for c in wcols),
            " " * left + "".join(k.md(c.date).ljust(w) for c in wcols),
            " " * left
            + "".join(("CLOSED" if c.closed else f"{t(c.start)}-").ljust(w) for c in wcols),
            " " * left + "".join(("" if c.closed else t(c.end)).ljust(w) for c in wcols),
            "CLIENT".ljust(26)
            + "ID".ljust(11)
            + "ADMIT".ljust(10)
            + "D/C".ljust(10)
            + "".join(("--" if c.closed else ABBR[c.title]).ljust(w) for c in wcols),
            "-" * (left + w * len(wcols)),
        ]
        for e in people:
            pid = e.person.member_id
            dc = e.discharge if e.discharge is not None and e.discharge <= sunday else None
            row = (
                _name(e.person)[:25].ljust(26)
                + pid.ljust(11)
                + k.mdy2(e.admit).ljust(10)
                + (k.mdy2(dc) if dc else "").ljust(10)
                + "".join(c.cells.get(pid, "").ljust(w) for c in wcols)
            )
            lines.append(row.rstrip())
        if totals:
            lines.append("-" * (left + w * len(wcols)))
            lines.append(
                "PRESENT".ljust(left)
                + "".join(
                    ("" if c.closed or c.kind is k.MEAL else str(c.present)).ljust(w) for c in wcols
                )
            )
        lines.append("")
        used = sorted({c.title for c in wcols if not c.closed})
        lines.append("GROUP KEY")
        for title in used:
            kind = next(c.kind for c in wcols if c.title == title)
            code = " / CPT 90853" if kind is k.GP else ""
            lines.append(f"  {ABBR[title]:<6} = {title} ({TYPE_WORD[kind]}{code})")
        lines += _legend(modality, footnotes)
        if footnotes:
            notes = _footnotes(wcols, scn.member, fmt, rng, people)
            if notes:
                lines += ["LATE ARRIVAL / EARLY DEPARTURE", *notes]
        lines += [
            f"Run {k.mdy(min(sunday, scn.discharge_date + dt.timedelta(days=3)))} "
            f"by {rng.choice(('front desk', 'program coordinator', 'clinical records'))}",
            "",
            "\f",
        ]
        for c in wcols:
            s = c.session
            if s is None:
                continue
            led.note(
                s,
                name,
                length=True,
                kind=True,
                attendance=True,
                member_times=footnotes,
                modality=modality and s.attended and not k.has_member_times(s),
                group_size=totals and s.attended,
            )
    return k.text_file(name, [line.rstrip() for line in lines])


def _keyed(
    scn: Scenario,
    cols: list[Column],
    roster: list[Enrolled],
    rng: random.Random,
    led: k.Ledger,
    *,
    modality: bool,
    footnotes: bool,
    totals: bool,
    fmt: str,
) -> list[ChartFile]:
    files: list[ChartFile] = []
    t = k.hhmm if fmt == "colon" else k.ampm
    list_name = "group_sessions.csv"
    with_count = rng.random() < 0.6
    rows = [
        [
            "Session ID",
            "Date",
            "Start",
            "End",
            "Group",
            "Service Type",
            "Facilitator(s)",
            "Room",
        ]
        + (["Attendees"] if with_count else [])
    ]
    for c in cols:
        if c.closed:
            row = [c.sid, k.mdy(c.date), "", "", "PROGRAM CLOSED - HOLIDAY", "", "", ""]
        else:
            row = [
                c.sid,
                k.mdy(c.date),
                t(c.start),
                t(c.end),
                c.title,
                TYPE_WORD[c.kind],
                "; ".join(k.staff_full(f) for f in c.facilitators),
                "Dining room" if c.kind is k.MEAL else rng.choice(("Room 2", "Room 4", "Annex")),
            ]
        if with_count:
            row.append("" if c.closed or c.kind is k.MEAL else str(c.present))
        rows.append(row)
    files.append(ChartFile(list_name, k.delimited(rows)))

    weeks: dict[dt.date, list[Column]] = {}
    for col in cols:
        weeks.setdefault(k.monday_of(col.date), []).append(col)
    for monday, wcols in sorted(weeks.items()):
        sunday = monday + dt.timedelta(days=6)
        name = f"attendance_week_{monday.isoformat()}.csv"
        people = _week_people(roster, monday)
        matrix: list[list[str]] = [
            [f"Group Attendance Roster - {scn.program}", f"Week of {k.mdy(monday)}"],
            ["", "", "", ""] + [f"{k.DAY3[c.date.weekday()]} {k.mdy(c.date)}" for c in wcols],
            ["Client Name", "Client ID", "Admit Date", "Discharge Date"] + [c.sid for c in wcols],
        ]
        for e in people:
            pid = e.person.member_id
            dc = e.discharge if e.discharge is not None and e.discharge <= sunday else None
            matrix.append(
                [_name(e.person), pid, k.mdy(e.admit), k.mdy(dc) if dc else ""]
                + [c.cells.get(pid, "") for c in wcols]
            )
        if totals:
            matrix.append(
                ["Total present", "", "", ""]
                + ["" if c.closed or c.kind is k.MEAL else str(c.present) for c in wcols]
            )
        matrix.append([])
        matrix += [[line.strip()] for line in _legend(modality, footnotes)]
        matrix.append(["Session times, groups and facilitators: see group_sessions.csv"])
        if footnotes:
            notes = _footnotes(wcols, scn.member, "colon", rng, people)
            if notes:
                matrix.append(["Late arrival / early departure"])
                matrix += [[n.strip()] for n in notes]
        files.append(ChartFile(name, k.delimited(matrix)))
        for c in wcols:
            s = c.session
            if s is None:
                continue
            led.note(
                s,
                name,
                attendance=True,
                member_times=footnotes,
                modality=modality and s.attended and not k.has_member_times(s),
                group_size=totals and s.attended,
            )
            led.note(
                s,
                list_name,
                length=True,
                kind=True,
                group_size=with_count and s.attended,
                facilitators=s.kind is not k.MEAL,
            )
    return files


SERVICE_NAME = {
    k.IND: "Individual Psychotherapy",
    k.FAM: "Family Psychotherapy",
    k.CM: "Case Management",
    k.MM: "Medication Management (psychiatry)",
}
STATUS = {k.ATT: "Kept", k.ABS: "Absent", k.NS: "No Show", k.CX: "Cancelled by Client"}


def _appointments(scn: Scenario, rng: random.Random, led: k.Ledger, *, csv_form: bool) -> ChartFile:
    printed = scn.discharge_date + dt.timedelta(days=rng.randint(1, 4))
    rows = [["Appt Date", "Time", "Service", "Provider", "Status", "Visit Type"]]
    name = "client_appointments.csv" if csv_form else "client_appointments.txt"
    for s in scn.sessions:
        if s.kind not in SERVICE_NAME:
            continue
        who = k.session_staff(s, scn)
        provider = k.staff_full(who[0]) if who else k.staff_full(k.CASE_MANAGER)
        rows.append(
            [
                k.mdy(s.date),
                f"{k.ampm(s.start)} - {k.ampm(s.end)}",
                SERVICE_NAME[s.kind],
                provider,
                STATUS[s.attendance],
                "Telehealth (video)" if k.is_video(s) else "Office",
            ]
        )
        led.note(s, name, length=True, kind=True, attendance=True, modality=True)
    if csv_form:
        return ChartFile(name, k.delimited(rows))
    widths = [12, 22, 36, 30, 21, 18]
    lines = [
        f"CLIENT APPOINTMENT LIST - {_name(scn.member).upper()} ({scn.member.member_id})",
        f"{scn.program}   Printed {k.mdy(printed)}",
        "",
    ]
    for i, r in enumerate(rows):
        lines.append("".join(v.ljust(wd) for v, wd in zip(r, widths, strict=True)).rstrip())
        if i == 0:
            lines.append("-" * sum(widths))
    return k.text_file(name, lines)


def _face_sheet(scn: Scenario, rng: random.Random) -> ChartFile:
    days = "/".join(k.DAY3[d] for d in k.program_weekdays(scn))
    slots = k.day_slots(scn)
    lines = [
        "CLIENT FACE SHEET",
        f"Name: {_name(scn.member)}     DOB: {k.mdy(scn.member.date_of_birth)}     "
        f"Client ID: {scn.member.member_id}",
        f"Program: {scn.program} - Intensive Outpatient Program",
        f"Primary diagnosis: {scn.diagnosis_code} - {scn.diagnosis_name}",
        f"Attending psychiatrist: {k.staff_full(scn.physician)}",
        f"Primary clinician: {k.staff_full(scn.therapists[0])}",
        f"Group schedule: {days} {k.ampm(slots[0][0])} to {k.ampm(slots[-1][1])}",
        f"Emergency contact: {rng.choice(('spouse', 'sister', 'parent', 'friend'))} on file",
    ]
    return k.text_file("face_sheet.txt", lines)


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = ("stacked", "keyed")[scn.seed % 2]
    modality = rng.random() < 0.6
    footnotes = rng.random() < 0.6
    totals = rng.random() < 0.65
    lunch = rng.random() < 0.5
    fmt = rng.choice(("colon", "mil")) if variant == "stacked" else rng.choice(("colon", "ampm"))
    led = k.Ledger()
    roster = _roster(scn, rng)
    cols = _columns(scn, rng, lunch)
    _fill(cols, roster, rng, modality=modality)

    files = [_face_sheet(scn, rng)]
    if variant == "stacked":
        files.append(
            _stacked(
                scn,
                cols,
                roster,
                rng,
                led,
                modality=modality,
                footnotes=footnotes,
                totals=totals,
                fmt=fmt,
            )
        )
    else:
        files += _keyed(
            scn,
            cols,
            roster,
            rng,
            led,
            modality=modality,
            footnotes=footnotes,
            totals=totals,
            fmt=fmt,
        )
    files.append(_appointments(scn, rng, led, csv_form=variant == "keyed"))
    led.dated(scn.admission_date, scn.discharge_date)
    return RenderedChart(
        files=tuple(files),
        written=led.written(),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=led.latest(),
    )


FAMILY = Family(
    name="pm-roster-matrix",
    split="dev",
    description=(
        "Practice-management weekly group attendance matrix: all enrolled members down the "
        "side, session columns across the top (stacked text headers with times, or session "
        "IDs joined to a separate session list), coded cells with the legend at the bottom."
    ),
    conventions=(
        "matrix: this member is one row among ten or more other members",
        "dates and session times only in stacked column headers (0900- / 1030 on two lines)",
        "session-ID columns joined to a separate group_sessions.csv (times, type, staff)",
        "cell codes P/V/X/L/E/A/N/C/H with the legend printed at the bottom of each block",
        "group abbreviations (PRCS, MEDED) explained in a group key",
        "late/early codes with footnoted times in some charts, code only in others",
        "'Present' total row = group size in some charts",
        "program days before admission / after discharge as columns with blank cells",
        "admit and discharge dates as roster columns",
        "individual/family/CM/med visits in a separate appointment list",
    ),
    render=render,
)
