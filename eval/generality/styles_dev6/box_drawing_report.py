"""Service reports drawn with Unicode box-drawing characters.

Three report writers:

- ``single-grid``: light lines (┌─┬─┐ │ ├┼┤ └┴┘), one row per service with the date on every
  row, cells wrapped onto several lines (service names, two facilitators, "Present - late,
  in 09:15"), full-width merged rows for closures and weekly subtotals, page breaks that
  repeat the title and the column header;
- ``double-day-blocks``: double lines (╔═╦═╗ ║ ╠╬╣ ╚╩╝), a merged row per day carrying the
  date ("TUE 02-SEP-2025") over rows that have only times; setting and group size columns;
  the lunch break shown without attendance;
- ``rounded-inout``: rounded light frame with double-line header rule, scheduled time beside
  the client's In / Out and decimal hours, subtotal rows per week (starting Monday).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

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

LAYOUTS = ("single-grid", "double-day-blocks", "rounded-inout")
COUNTED = (
    *k.GROUP_KINDS,
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
    ServiceKind.FAMILY_COUNSELING,
)


@dataclass(frozen=True)
class Box:
    tl: str
    tr: str
    bl: str
    br: str
    v: str  # outer vertical
    iv: str  # inner vertical
    top_fill: str
    top_j: str
    bot_j: str
    major: tuple[str, str, str, str, str, str]  # left, fill, cross, up, down, right
    minor: tuple[str, str, str, str, str, str]


SINGLE = Box(
    "┌",
    "┐",
    "└",
    "┘",
    "│",
    "│",
    "─",
    "┬",
    "┴",
    ("├", "─", "┼", "┴", "┬", "┤"),
    ("├", "─", "┼", "┴", "┬", "┤"),
)
DOUBLE = Box(
    "╔",
    "╗",
    "╚",
    "╝",
    "║",
    "║",
    "═",
    "╦",
    "╩",
    ("╠", "═", "╬", "╩", "╦", "╣"),
    ("╠", "═", "╬", "╩", "╦", "╣"),
)
ROUNDED = Box(
    "╭",
    "╮",
    "╰",
    "╯",
    "│",
    "│",
    "─",
    "┬",
    "┴",
    ("╞", "═", "╪", "╧", "╤", "╡"),
    ("├", "─", "┼", "┴", "┬", "┤"),
)


class Table:
    """Rows of wrapped cells and merged full-width rows, with the right junctions."""

    def __init__(self, box: Box, widths: list[int], header: list[str]) -> None:
        self.box = box
        self.widths = widths
        self.header = header
        self.lines: list[str] = []
        self.prev: str | None = None

    @property
    def inner(self) -> int:
        return sum(w + 2 for w in self.widths) + len(self.widths) - 1

    def _rule(self, left: str, fill: str, mid: str, right: str) -> str:
        return left + mid.join(fill * (w + 2) for w in self.widths) + right

    def _sep(self, nxt: str, major: bool) -> None:
        b = self.box
        if self.prev is None:
            mid = b.top_j if nxt == "cols" else b.top_fill
            self.lines.append(self._rule(b.tl, b.top_fill, mid, b.tr))
            return
        left, fill, cross, up, down, right = b.major if major else b.minor
        if self.prev == "cols" and nxt == "cols":
            mid = cross
        elif self.prev == "cols":
            mid = up
        elif nxt == "cols":
            mid = down
        else:
            mid = fill
        self.lines.append(self._rule(left, fill, mid, right))

    def row_lines(self, cells: list[str]) -> list[str]:
        wrapped = [k.wrap(c, w) for c, w in zip(cells, self.widths, strict=True)]
        height = max(len(x) for x in wrapped)
        out = []
        for i in range(height):
            parts = [
                f" {(x[i] if i < len(x) else ''):<{w}} "
                for x, w in zip(wrapped, self.widths, strict=True)
            ]
            out.append(self.box.v + self.box.iv.join(parts) + self.box.v)
        return out

    def row(self, cells: list[str], major: bool = False) -> None:
        self._sep("cols", major)
        self.lines += self.row_lines(cells)
        self.prev = "cols"

    def merged(self, text: str, major: bool = False) -> None:
        self._sep("merged", major)
        for line in k.wrap(text, self.inner - 2):
            self.lines.append(f"{self.box.v} {line:<{self.inner - 2}} {self.box.v}")
        self.prev = "merged"

    def open(self) -> None:
        self.row(self.header)

    def close(self) -> None:
        if self.prev is None:
            return
        b = self.box
        mid = b.bot_j if self.prev == "cols" else b.top_fill
        self.lines.append(self._rule(b.bl, b.top_fill, mid, b.br))
        self.prev = None


class Pages:
    """Pages of ``length`` lines; each page repeats the title and the table header."""

    def __init__(self, title: list[str], table: Table, length: int) -> None:
        self.title = title
        self.table = table
        self.length = length
        self.pages: list[list[str]] = []
        self.carry: str | None = None  # a day header repeated at the top of a new page
        self._new()

    def _new(self) -> None:
        if self.pages:
            self.table.close()
            self.pages[-1] += self.table.lines
        self.pages.append(list(self.title))
        self.table.lines = []
        self.table.prev = None
        self.table.open()
        self._header_pending = True
        if self.carry is not None:
            self.table.merged(f"{self.carry} (continued)", major=True)
            self._header_pending = False

    def _fits(self, extra: int) -> bool:
        return len(self.pages[-1]) + len(self.table.lines) + extra + 3 <= self.length

    def row(self, cells: list[str]) -> None:
        if not self._fits(len(self.table.row_lines(cells)) + 1):
            self._new()
        self.table.row(cells, major=self._header_pending)
        self._header_pending = False

    def merged(self, text: str) -> None:
        if not self._fits(2):
            self._new()
        self.table.merged(text, major=self._header_pending)
        self._header_pending = False

    def render(self, footer: str) -> str:
        self.table.close()
        self.pages[-1] += self.table.lines
        n = len(self.pages)
        out = []
        for i, page in enumerate(self.pages, start=1):
            out.append("\n".join([*page, "", f"{footer}{f'Page {i} of {n}':>30}"]))
        return "\n\f".join(out) + "\n"


def _counted_minutes(sessions: list[PlannedSession]) -> float:
    return sum(s.minutes for s in sessions if s.attended and s.kind in COUNTED)


def _items(scn: Scenario, meals: bool) -> list[tuple[dt.date, PlannedSession | None]]:
    items: list[tuple[dt.date, PlannedSession | None]] = [
        (s.date, s) for s in scn.sessions if meals or s.kind is not ServiceKind.MEAL
    ]
    items += [(d, None) for d in scn.closed_days]
    return sorted(items, key=lambda e: (e[0], k.minutes_of(e[1].start) if e[1] else -1))


def _status(s: PlannedSession, ts: str) -> str:
    if not s.attended:
        word = k.attendance(s.attendance, "plain")
        return f"{word}: {k.reason(s)}"
    if s.member_start is not None:
        return f"Present - late, in {k.tm(s.member_start, ts)}"
    if s.member_end is not None:
        return f"Present - left early, out {k.tm(s.member_end, ts)}"
    return "Present"


# --------------------------------------------------------------------------- layouts


def _title(scn: Scenario, report: str, admission: bool, discharge: bool) -> list[str]:
    m = scn.member
    out = [
        scn.program.upper(),
        report,
        f"Client: {m.last.upper()}, {m.first.upper()}    MRN {m.member_id}    "
        f"DOB {k.df(m.date_of_birth, 'us')}",
    ]
    ep = []
    if admission:
        ep.append(f"Admission {k.df(scn.admission_date, 'us')}")
    if discharge:
        ep.append(f"Discharge {k.df(scn.discharge_date, 'us')}")
    if ep:
        out.append("    ".join(ep))
    return [*out, ""]


def _single_grid(scn: Scenario, rng: random.Random) -> tuple[str, list[Written], bool, bool]:
    admission = rng.random() < 0.8
    discharge = rng.random() < 0.5
    ts = "24"
    table = Table(
        SINGLE,
        [10, 11, 20, 22, 7, 18, 4],
        ["Date", "Scheduled", "Service", "Staff", "Mode", "Status", "Min"],
    )
    pages = Pages(
        _title(scn, "ATTENDANCE & SERVICE DETAIL REPORT", admission, discharge),
        table,
        rng.choice((58, 64)),
    )
    name = "service_detail_report.txt"
    written: list[Written] = []
    week: list[PlannedSession] = []
    current: dt.date | None = None

    def subtotal() -> None:
        if current is not None:
            mins = _counted_minutes(week)
            pages.merged(
                f"Week of {k.df(current, 'us')}: attended IOP service time "
                f"{mins / 60:.2f} h ({mins:.0f} min)"
            )

    for d, s in _items(scn, meals=False):
        if current is not None and k.monday(d) != current:
            subtotal()
            week = []
        current = k.monday(d)
        if s is None:
            pages.merged(f"{k.df(d, 'us')}  PROGRAM CLOSED - {k.holiday(d)} (no services)")
            continue
        week.append(s)
        service = f"{s.title} ({s.cpt})" if s.cpt else s.title
        staff = " / ".join(k.staff(w) for w in k.clinicians(scn, s))
        mins = f"{s.minutes:.0f}" if s.attended else "--"
        pages.row(
            [
                k.df(s.date, "us"),
                k.span(s.start, s.end, ts),
                service,
                staff,
                k.modality(s.modality, "short"),
                _status(s, ts),
                mins,
            ]
        )
        written.append(k.written(s, [name], modality=True, facilitators=True))
    subtotal()
    return pages.render("Generated by ClinTrack Reports  "), written, admission, discharge


def _double_day_blocks(scn: Scenario, rng: random.Random) -> tuple[str, list[Written], bool, bool]:
    admission = rng.random() < 0.7
    ts = rng.choice(("12a", "24n"))
    table = Table(
        DOUBLE,
        [15, 26, 24, 3, 8, 24],
        ["Time", "Service", "Facilitator(s)", "n", "Where", "Attendance"],
    )
    pages = Pages(_title(scn, "IOP DAILY SERVICE LOG", admission, True), table, 62)
    name = "iop_service_log.txt"
    written: list[Written] = []
    week: list[PlannedSession] = []
    current: dt.date | None = None
    day: dt.date | None = None
    for d, s in _items(scn, meals=True):
        if current is not None and k.monday(d) != current:
            pages.carry = None
            pages.merged(
                f"Subtotal week of {k.df(current, 'md')}: "
                f"{_counted_minutes(week) / 60:.1f} hours attended"
            )
            week = []
        current = k.monday(d)
        if s is None:
            pages.carry = None
            pages.merged(
                f"{k.WEEKDAYS[d.weekday()][:3].upper()} {k.df(d, 'dmon').upper()}"
                f" - CLOSED ({k.holiday(d)})"
            )
            day = d
            continue
        if d != day:
            pages.carry = None
            pages.merged(f"{k.WEEKDAYS[d.weekday()][:3].upper()} {k.df(d, 'dmon').upper()}")
            pages.carry = f"{k.WEEKDAYS[d.weekday()][:3].upper()} {k.df(d, 'dmon').upper()}"
            day = d
        week.append(s)
        where = "Video" if s.modality.value == "video" else "Clinic"
        if s.kind is ServiceKind.MEAL:
            pages.row([k.span(s.start, s.end, ts), "Lunch (no charge)", "", "", where, "--"])
            written.append(k.written(s, [name], attendance=False))
            continue
        group = s.kind in k.GROUP_KINDS
        n = str(s.group_size) if group and s.group_size is not None else ""
        service = s.title if not s.cpt else f"{s.title} - {s.cpt}"
        staff = ", ".join(w.name + " " + w.credential for w in k.clinicians(scn, s))
        pages.row([k.span(s.start, s.end, ts), service, staff, n, where, _status(s, ts)])
        written.append(k.written(s, [name], modality=True, group_size=True, facilitators=True))
    if current is not None:
        pages.merged(
            f"Subtotal week of {k.df(current, 'md')}: "
            f"{_counted_minutes(week) / 60:.1f} hours attended"
        )
    return pages.render("IOP service log - confidential  "), written, admission, True


def _rounded_inout(scn: Scenario, rng: random.Random) -> tuple[str, list[Written], bool, bool]:
    admission = rng.random() < 0.6
    discharge = rng.random() < 0.6
    ts = "24"
    table = Table(
        ROUNDED,
        [8, 18, 5, 11, 5, 5, 4, 11, 20],
        ["Date", "Service", "CPT", "Sched", "In", "Out", "Hrs", "Status", "Clinician"],
    )
    pages = Pages(
        _title(scn, "CLIENT ATTENDANCE - TIME IN / TIME OUT", admission, discharge), table, 60
    )
    name = "attendance_in_out.txt"
    written: list[Written] = []
    week: list[PlannedSession] = []
    current: dt.date | None = None

    def subtotal(monday: dt.date, sessions: list[PlannedSession]) -> None:
        hours = _counted_minutes(sessions) / 60
        pages.merged(f"Week starting {k.df(monday, 'us')}: {hours:.2f} hrs (IOP counted)")

    for d, s in _items(scn, meals=False):
        if current is not None and k.monday(d) != current:
            subtotal(current, week)
            week = []
        current = k.monday(d)
        if s is None:
            pages.merged(f"{k.df(d, 'us2')} Closed - {k.holiday(d)}")
            continue
        week.append(s)
        att = s.attended
        status = {
            Attendance.ATTENDED: "Attended",
            Attendance.ABSENT: "Absent",
            Attendance.NO_SHOW: "No Show",
            Attendance.CANCELLED: "Cancelled",
        }[s.attendance]
        pages.row(
            [
                k.df(s.date, "us2"),
                s.title,
                s.cpt or "",
                k.span(s.start, s.end, ts),
                k.tm(k.member_in(s), ts) if att else "",
                k.tm(k.member_out(s), ts) if att else "",
                f"{s.minutes / 60:.2f}" if att else "",
                status,
                "; ".join(k.staff(w, "init") for w in k.clinicians(scn, s)),
            ]
        )
        written.append(k.written(s, [name], facilitators=True))
    if current is not None:
        subtotal(current, week)
    return pages.render(""), written, admission, discharge


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.pick_layout(scn, LAYOUTS)
    if layout == "single-grid":
        text, written, admission, discharge = _single_grid(scn, rng)
        name = "service_detail_report.txt"
    elif layout == "double-day-blocks":
        text, written, admission, discharge = _double_day_blocks(scn, rng)
        name = "iop_service_log.txt"
    else:
        text, written, admission, discharge = _rounded_inout(scn, rng)
        name = "attendance_in_out.txt"
    dates = [scn.sessions[w.session].date for w in written]
    return RenderedChart(
        files=(ChartFile(name, text.encode("utf-8")),),
        written=tuple(written),
        admission_stated=admission,
        discharge_stated=discharge,
        latest_document_date=max(dates),
    )


FAMILY = Family(
    name="d6-box-drawing-report",
    split="dev",
    description=(
        "Text reports drawn with Unicode box-drawing characters (light, double and rounded "
        "frames) with wrapped multi-line cells, merged full-width rows for closures, day "
        "headers and weekly subtotals, and page breaks repeating the column header."
    ),
    conventions=(
        "┌─┬─┐ / ╔═╦═╗ / ╭─┬─╮ frames",
        "cells wrapped over several lines",
        "merged rows for closures and weekly subtotals",
        "date only in a merged day-header row",
        "page breaks repeating the header",
        "scheduled time beside client In / Out",
    ),
    render=render,
    tags=("box-drawing", "report"),
)
