"""A practice-management report printed as a Unicode box-drawing table (┌─┬─┐ │ ├┼┤ └┴┘).

Report writers that "print to text" draw their grids with box-drawing characters: light,
rounded, double-line or heavy-header borders. Cells wrap onto several lines (a long
service name, two facilitators in one cell), a closed day or a weekly subtotal is one row
whose cells are merged across the table, and the table is cut into pages with the header
repeated and a form feed between pages.

Three report layouts (the seed picks one):

- ``attendance``: one file per calendar month; a row per service with the scheduled time,
  the client's own in-out times, minutes attended, location, group size, every facilitator
  and the attendance status; a subtotal row per calendar week.
- ``daysheet``: rows grouped by day (the date only on a day's first row, lines only
  between days); the scheduled time, the service with its staff on the line below, and an
  attendance status that says "late" or "left early" without times. No discharge date.
- ``billing``: ISO dates, the client's own start and end and a duration, the procedure
  code, one rendering provider and a place-of-service code explained in a legend.

Meals are not on these reports (they are not scheduled services there).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from core.facts import Modality
from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_heldout3 import _kit as kit
from eval.generality.styles_heldout3._kit import A, K

NAME = "h3-boxdraw-service-report"

# --------------------------------------------------------------------------- borders


@dataclass(frozen=True)
class Border:
    h: str
    v: str
    top: tuple[str, str, str]  # left, junction, right
    bottom: tuple[str, str, str]
    mid_lr: tuple[str, str]
    mid: dict[tuple[bool, bool], str]  # (column line above, column line below) -> junction
    head_h: str
    head_v: str
    head_top: tuple[str, str, str]
    head_sep_lr: tuple[str, str]
    head_sep: dict[tuple[bool, bool], str]


_LIGHT_MID = {(True, True): "┼", (True, False): "┴", (False, True): "┬", (False, False): "─"}
BORDERS = {
    "light": Border(
        "─",
        "│",
        ("┌", "┬", "┐"),
        ("└", "┴", "┘"),
        ("├", "┤"),
        _LIGHT_MID,
        "─",
        "│",
        ("┌", "┬", "┐"),
        ("├", "┤"),
        _LIGHT_MID,
    ),
    "rounded": Border(
        "─",
        "│",
        ("╭", "┬", "╮"),
        ("╰", "┴", "╯"),
        ("├", "┤"),
        _LIGHT_MID,
        "─",
        "│",
        ("╭", "┬", "╮"),
        ("├", "┤"),
        _LIGHT_MID,
    ),
    "double": Border(
        "═",
        "║",
        ("╔", "╦", "╗"),
        ("╚", "╩", "╝"),
        ("╠", "╣"),
        {(True, True): "╬", (True, False): "╩", (False, True): "╦", (False, False): "═"},
        "═",
        "║",
        ("╔", "╦", "╗"),
        ("╠", "╣"),
        {(True, True): "╬", (True, False): "╩", (False, True): "╦", (False, False): "═"},
    ),
    "heavy_head": Border(
        "─",
        "│",
        ("┏", "┳", "┓"),
        ("└", "┴", "┘"),
        ("├", "┤"),
        _LIGHT_MID,
        "━",
        "┃",
        ("┏", "┳", "┓"),
        ("┡", "┩"),
        {(True, True): "╇", (True, False): "┻", (False, True): "╇", (False, False): "━"},
    ),
}


@dataclass
class Row:
    """A table row: ``cells`` (text per column), or a merged row (``first`` in column 1,
    ``span`` across the rest). ``rule_before``: draw a line above it."""

    cells: list[str] | None = None
    first: str = ""
    span: str = ""
    rule_before: bool = True


def _cell_lines(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in text.split("\n"):
        lines.extend(kit.wrap(part, width) if part else [""])
    return lines


def _table_lines(cols: list[tuple[str, int]], rows: list[Row], b: Border, aligns: str) -> list[str]:
    """Draw ``rows`` under a header of ``cols`` (title, width); ``aligns`` one of l/r/c per
    column. Returns the text lines of the whole table."""
    widths = [w for _, w in cols]
    span_width = sum(widths[1:]) + 3 * (len(widths) - 2)

    def rule(
        lr: tuple[str, str],
        junctions: dict[tuple[bool, bool], str],
        h: str,
        above: bool,
        below: bool,
    ) -> str:
        parts = [lr[0], h * (widths[0] + 2)]
        for i in range(1, len(widths)):
            first_junction = i == 1
            a = True if first_junction else above
            bl = True if first_junction else below
            parts.append(junctions[(a, bl)])
            parts.append(h * (widths[i] + 2))
        parts.append(lr[1])
        return "".join(parts)

    def line(cells: list[str], v: str) -> str:
        out = [v]
        for i, (text, w) in enumerate(zip(cells, widths, strict=True)):
            al = aligns[i]
            txt = text.rjust(w) if al == "r" else text.center(w) if al == "c" else text.ljust(w)
            out.append(f" {txt} {v}")
        return "".join(out)

    out: list[str] = []
    top = b.head_top
    out.append(top[0] + top[1].join(b.head_h * (w + 2) for w in widths) + top[2])
    head_cells = [_cell_lines(t, w) for t, w in cols]
    for k in range(max(len(c) for c in head_cells)):
        out.append(line([c[k] if k < len(c) else "" for c in head_cells], b.head_v))
    prev_split = True  # the header has every column line
    for n, row in enumerate(rows):
        split = row.cells is not None
        if n == 0:
            out.append(rule(b.head_sep_lr, b.head_sep, b.head_h, prev_split, split))
        elif row.rule_before or not split or not prev_split:
            out.append(rule(b.mid_lr, b.mid, b.h, prev_split, split))
        if split:
            assert row.cells is not None
            cells = [_cell_lines(t, w) for t, w in zip(row.cells, widths, strict=True)]
            for k in range(max(len(c) for c in cells)):
                out.append(line([c[k] if k < len(c) else "" for c in cells], b.v))
        else:
            first = _cell_lines(row.first, widths[0])
            span = _cell_lines(row.span, span_width)
            for k in range(max(len(first), len(span))):
                f = first[k] if k < len(first) else ""
                s = span[k] if k < len(span) else ""
                out.append(f"{b.v} {f.ljust(widths[0])} {b.v} {s.ljust(span_width)} {b.v}")
        prev_split = split
    bot = b.bottom
    if prev_split:
        out.append(bot[0] + bot[1].join(b.h * (w + 2) for w in widths) + bot[2])
    else:
        out.append(bot[0] + b.h * (widths[0] + 2) + bot[1] + b.h * (span_width + 2) + bot[2])
    return out


def _paginate(
    header: list[str],
    cols: list[tuple[str, int]],
    rows: list[Row],
    b: Border,
    aligns: str,
    footer: list[str],
    rows_per_page: int,
) -> str:
    """Pages of at most ``rows_per_page`` rows, each with the header block and the table's
    column header repeated, separated by form feeds; "Page i of n" on each page."""
    chunks: list[list[Row]] = []
    current: list[Row] = []
    for row in rows:
        if len(current) >= rows_per_page:
            chunks.append(current)
            current = []
        current.append(row)
    if current or not chunks:
        chunks.append(current)
    pages = []
    for i, chunk in enumerate(chunks, 1):
        lines = [h.replace("{page}", f"Page {i} of {len(chunks)}") for h in header]
        lines += _table_lines(cols, chunk, b, aligns) if chunk else ["(no services)"]
        if i == len(chunks):
            lines += footer
        pages.append("\n".join(lines) + "\n")
    return "\f".join(pages)


# --------------------------------------------------------------------------- layouts

STATUS_ATT = {
    A.NO_SHOW: "No-show",
    A.CANCELLED: "Cancelled",
    A.ABSENT: "Absent",
}


def _status_attendance(s: PlannedSession) -> str:
    if not s.attended:
        return STATUS_ATT[s.attendance]
    if s.member_start is not None:
        return "Present-late"
    if s.member_end is not None:
        return "Left early"
    return "Present"


LAYOUTS = ("attendance", "daysheet", "billing")


def _render(scn: Scenario, rng: random.Random, ledger: kit.Ledger) -> RenderedChart:
    layout = LAYOUTS[scn.seed % len(LAYOUTS)]
    border = BORDERS[rng.choice(tuple(BORDERS))]
    m = scn.member
    services = [s for s in scn.sessions if s.kind is not K.MEAL]
    files_by: dict[int, list[str]] = {}
    closed = sorted(scn.closed_days)
    files: list[ChartFile] = []

    if layout == "attendance":
        dash = rng.choice(("–", "-"))
        cols = [
            ("Date", 10),
            ("Sched. Time", 11),
            ("Service", 22),
            ("Staff", 20),
            ("Loc", 6),
            ("N", 2),
            ("Client In-Out", 13),
            ("Status", 15),
            ("Min", 3),
        ]
        aligns = "lllllrllr"
        months = sorted({(s.date.year, s.date.month) for s in services})
        for year, month in months:
            fname = f"service_detail_{year}-{month:02d}.txt"
            rows: list[Row] = []
            in_month = [s for s in services if (s.date.year, s.date.month) == (year, month)]
            events: list[tuple[dt.date, int, PlannedSession | None]] = [
                (s.date, kit.mins(s.start), s) for s in in_month
            ]
            events += [(d, 0, None) for d in closed if (d.year, d.month) == (year, month)]
            events.sort(key=lambda e: (e[0], e[1]))
            week_of = None
            week_done: list[PlannedSession] = []

            def subtotal(week_start: dt.date, done: list[PlannedSession]) -> Row:
                att = [x for x in done if x.attended]
                total = int(sum(x.minutes for x in att))
                return Row(
                    first="",
                    span=(
                        f"Subtotal, week of {kit.d_us(week_start)}: {len(att)} of {len(done)} "
                        f"scheduled services attended, {total} minutes"
                    ),
                )

            for d, _, ev in events:
                wk = kit.monday(d)
                if week_of is not None and wk != week_of and week_done:
                    rows.append(subtotal(week_of, week_done))
                    week_done = []
                week_of = wk
                if ev is None:
                    rows.append(
                        Row(
                            first=kit.d_us(d),
                            span=(f"PROGRAM CLOSED - {kit.holiday_name(d)}; no groups held"),
                        )
                    )
                    continue
                s = ev
                week_done.append(s)
                staff = "\n".join(kit.staff_name(p, "initial") for p in kit.providers(scn, s))
                sched = f"{kit.t_24(s.start)}{dash}{kit.t_24(s.end)}"
                inout = (
                    f"{kit.t_24(kit.own_start(s))}{dash}{kit.t_24(kit.own_end(s))}"
                    if s.attended
                    else "--"
                )
                svc = f"{s.title} ({s.cpt})" if s.cpt else s.title
                loc = "Video" if s.modality is Modality.VIDEO else "Clinic"
                n = str(s.group_size) if (s.attended and s.group_size) else ""
                status = _status_attendance(s)
                if not s.attended:
                    status = f"{status}: {s.absence_reason}"
                minutes = str(int(s.minutes)) if s.attended else "0"
                rows.append(
                    Row(cells=[kit.d_us(s.date), sched, svc, staff, loc, n, inout, status, minutes])
                )
                files_by.setdefault(s.index, []).append(fname)
                ledger.note(
                    s.index, fname, kit.d_us(s.date), sched, inout if s.attended else "", loc
                )
            if week_of is not None and week_done:
                rows.append(subtotal(week_of, week_done))
            header = [
                f"{scn.program.upper()}",
                "CLIENT SERVICE DETAIL - INTENSIVE OUTPATIENT",
                f"Client: {m.last}, {m.first}   ID: {m.member_id}   "
                f"DOB: {kit.d_us(m.date_of_birth)}",
                f"Admit: {kit.d_us(scn.admission_date)}   Discharge: {kit.d_us(scn.discharge_date)}"
                f"   Period: {year}-{month:02d}",
                "{page}",
                "",
            ]
            footer = [
                "",
                "Loc: Clinic = on site, Video = telehealth (audio-video). N = clients present.",
                "Client In-Out = client's own arrival and departure. Min = minutes attended.",
                "CONFIDENTIAL: protected by 42 CFR Part 2 and HIPAA.",
            ]
            text = _paginate(header, cols, rows, border, aligns, footer, rng.choice((14, 18, 22)))
            files.append(ChartFile(fname, text.encode("utf-8")))
        flags = dict(
            states_member_times=True,
            states_modality=True,
            states_group_size=True,
            states_facilitators=True,
        )
        admission_stated = discharge_stated = True

    elif layout == "daysheet":
        fname = "day_sheet_report.txt"
        tfmt = rng.choice((kit.t_ampm, kit.t_ampm_short))
        cols = [("Date", 12), ("Time", 17), ("Service / Staff", 30), ("Attendance", 24)]
        rows = []
        by_day: dict[dt.date, list[PlannedSession]] = {}
        for s in services:
            by_day.setdefault(s.date, []).append(s)
        for d in closed:
            by_day.setdefault(d, [])
        for d in sorted(by_day):
            day_label = f"{d.strftime('%a')} {kit.d_us_short(d)}"
            if not by_day[d]:
                rows.append(Row(first=day_label, span=f"Closed ({kit.holiday_name(d)})"))
                continue
            for k, s in enumerate(by_day[d]):
                when = f"{tfmt(s.start)}-{tfmt(s.end)}"
                staff = "; ".join(kit.staff_name(p, "first_last") for p in kit.providers(scn, s))
                svc = kit.service_label(s) + (f"\n  w/ {staff}" if staff else "")
                if s.attended:
                    att = "Present"
                    if s.member_start is not None:
                        att = "Present - arrived late"
                    elif s.member_end is not None:
                        att = "Present - left early"
                else:
                    att = {
                        A.NO_SHOW: "No show",
                        A.CANCELLED: "Cancelled by client",
                        A.ABSENT: "Absent",
                    }[s.attendance] + f" ({s.absence_reason})"
                rows.append(
                    Row(cells=[day_label if k == 0 else "", when, svc, att], rule_before=k == 0)
                )
                files_by.setdefault(s.index, []).append(fname)
                ledger.note(s.index, fname, day_label, when)
        header = [
            f"{scn.program}",
            "IOP Day Sheet - Services by Date",
            f"Client: {m.name} ({m.member_id})   Admitted: {kit.d_us(scn.admission_date)}",
            "{page}",
            "",
        ]
        footer = ["", "End of report."]
        text = _paginate(header, cols, rows, border, "llll", footer, rng.choice((16, 24)))
        files.append(ChartFile(fname, text.encode("utf-8")))
        flags = dict(
            states_member_times=False,
            states_modality=False,
            states_group_size=False,
            states_facilitators=True,
        )
        admission_stated, discharge_stated = True, False

    else:  # billing
        fname = "billing_detail.txt"
        cols = [
            ("Svc Date", 10),
            ("Start", 8),
            ("End", 8),
            ("Dur", 7),
            ("Proc", 5),
            ("Description", 24),
            ("Rendering Provider", 24),
            ("POS", 3),
            ("Status", 6),
        ]
        rows = []
        every_row = rng.random() < 0.5
        prev_date = None
        for s in services:
            if s.attended:
                start, end = kit.t_ampm(kit.own_start(s)), kit.t_ampm(kit.own_end(s))
                dur = kit.h_m_words(s.minutes)
                status = "KEPT"
            else:
                start, end = kit.t_ampm(s.start), kit.t_ampm(s.end)
                dur = "--"
                status = {A.NO_SHOW: "NS", A.CANCELLED: "CXL", A.ABSENT: "ABS"}[s.attendance]
            prov = kit.providers(scn, s)
            rows.append(
                Row(
                    cells=[
                        kit.d_iso(s.date),
                        start,
                        end,
                        dur,
                        s.cpt or "--",
                        kit.service_label(s),
                        kit.staff_name(prov[0], "last_first") if prov else "",
                        "10" if s.modality is Modality.VIDEO else "11",
                        status,
                    ],
                    rule_before=every_row or s.date != prev_date,
                )
            )
            prev_date = s.date
            files_by.setdefault(s.index, []).append(fname)
            ledger.note(s.index, fname, kit.d_iso(s.date), start, end, dur if s.attended else "")
        header = [
            f"{scn.program} - Billing Detail by Date of Service",
            f"Patient: {m.last.upper()}, {m.first.upper()}  Acct: {m.member_id}  "
            f"Admit {kit.d_iso(scn.admission_date)}  D/C {kit.d_iso(scn.discharge_date)}",
            "{page}",
            "",
        ]
        footer = [
            "",
            "POS 11 = office (in person); POS 10 = telehealth in patient's home (audio-video).",
            "Status: KEPT = attended; NS = no-show; CXL = cancelled by patient; ABS = absent.",
            "Start/End are the patient's actual times; Dur = time attended.",
        ]
        if closed:
            footer.append(
                "Clinic closed: "
                + ", ".join(f"{kit.d_iso(d)} ({kit.holiday_name(d)})" for d in closed)
            )
        text = _paginate(header, cols, rows, border, "lrrrllllc", footer, rng.choice((20, 30)))
        files.append(ChartFile(fname, text.encode("utf-8")))
        flags = dict(
            states_member_times=True,
            states_modality=True,
            states_group_size=False,
            states_facilitators=False,
        )
        admission_stated = discharge_stated = True

    written = kit.build_written(files_by, lambda i: dict(flags))
    return RenderedChart(
        files=tuple(files),
        written=written,
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=kit.latest_written_date(scn, files_by),
    )


def render_checked(scn: Scenario, rng: random.Random) -> tuple[RenderedChart, kit.Ledger]:
    ledger = kit.Ledger()
    return _render(scn, rng, ledger), ledger


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    return render_checked(scn, rng)[0]


FAMILY = Family(
    name=NAME,
    split="heldout",
    description=(
        "A practice-management service report printed as a Unicode box-drawing table "
        "(light, rounded, double or heavy-header borders), with wrapped multi-line cells, "
        "merged rows for closed days and weekly subtotals, and repeated headers per page."
    ),
    conventions=(
        "box-drawing table borders ┌─┬─┐ │ ├┼┤ └┴┘ / ╔═╦═╗ / ┏━┳━┓",
        "multi-line cells: wrapped service names, one facilitator per line",
        "merged rows: PROGRAM CLOSED and weekly subtotal spanning the columns",
        "date only on a day's first row (day sheet)",
        "scheduled time beside the client's own in-out times",
        "POS codes 11/10 explained in a legend; KEPT/NS/CXL statuses",
        "form feeds between pages, column header repeated",
    ),
    render=render,
    tags=("text", "table", "unicode"),
)
