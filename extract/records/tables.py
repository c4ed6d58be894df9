"""Service records from tables: a row per service, or a marked cell per service and day.

**Column roles** come from the header's names (the lexicon's label groups and the log
columns of ``services.yaml``: "Date", "DOS", "Time", "Start", "Stop", "Duration",
"Units", "Service", "CPT", "Staff", "Status", "Attendance", "Mode", "#", "Comments"...).
A table without a header gets roles from its cells: the column where most cells are dates
is the date, time ranges the time, service names or codes the service, attendance words or
codes the attendance, credentialed names the staff.

**Rows.** A row with a date in its date column is a service record of that date; a row
whose date cell is empty or a ditto mark ('"', "do.", "same") and that has its own time,
duration or attendance repeats the row above's date. A table without a date column takes
its date from the record it sits in (a note listing the day's groups in a table), or the
dated heading or field right above it.

**Grids.** A header whose cells are weekdays or dates (three or more) makes an attendance
grid: its first column(s) name the service (and maybe its time); each marked cell is the
service on that column's day. Weekday columns are dated by a "Week of" date, or a date in
the heading above the grid. A column's header may also name the service and its time
(a stacked header: "Mon / 04/28 / 09:00- / 10:00 / IPG"). When the first columns name
people instead (a client column: a member label, or names as "Last, First"), the grid is
a roster: only the member's row is the member's, and each of its marked cells is the
service its column names. A roster grid's column may name its session by an id
("GS-26125") that a table elsewhere in the chart defines (a row with that id and the
session's date, times and service): that table's rows define sessions, they are not the
member's; each is read only joined with the member's marked cell that names it
(:func:`extract.reconcile.join_references`).

A grid's total row ("Daily total (min)") is a sum, no service. A cell's number with a
code the legend defines as a modality ("90*" where "* = attended by telehealth (video)")
is the minutes and the modality. **Notes under a grid** complete its marks: a line naming
a mark's day and its session's times with the member's arrival or departure (in a
roster, the member's own line), or, for a session named by id, the one mark of that day
the legend codes as late or early; a row that sends to a list ("Indiv Therapy (see
list)") takes the times of the list's line of that day and kind. Beside a scheduled time,
bare "In" and "Out" columns are the member's own times.

**Episode dates.** The member's row of a table with an admission or discharge column (a
roster's "ADMIT" and "D/C", an episode table's "admit_dt") states them
(:func:`episode_cells`).

A table under a schedule heading without an attendance column lists what is planned, not
what was delivered: it gives no record.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extract.layout import Layout, Row, Table, chart_layouts, chart_memo
from extract.records.model import Anchor, RecordForm, ServiceRecord
from extract.records.relations import member_ids, person_column, relations
from extract.records.roster import LAST_FIRST
from extract.values import times
from extract.values.dates import (
    DateSpan,
    compact_date,
    compact_order,
    find_dates,
    find_partial_dates,
)
from extract.values.legend import chart_member_names, kept_for_member, legend, member_names
from extract.values.vocab import vocab
from extract.values.zones import stamp_local, utc_stamp
from extract.vocab.letters import name_pattern
from extract.vocab.lexicon import label_groups
from extract.vocab.phrases import norm

_DITTO = frozenset({'"', "''", "〃", "do", "do.", "same", "ditto", '-"-'})
_CREDENTIALED = re.compile(
    name_pattern(r"\b[\p{Lu}][\p{Ll}'’\-]+,?\s+") + r"(?:[A-Z]{2,6}|[A-Z][a-z]{0,2}[A-Z]{1,4})\b"
)
_MIN_GRID_DAYS = 3
# a table whose rows document services has one of these columns
_SERVICE_ROLES = frozenset(
    {"date", "day", "time", "start", "end", "duration", "units", "service", "code"}
)


@dataclass(frozen=True)
class Columns:
    roles: tuple[str | None, ...]
    headers: tuple[str, ...]
    grid_days: tuple[tuple[int, object], ...]  # (column, weekday index or date) of a grid


def _cell_span(row: Row, j: int) -> tuple[int, int] | None:
    if j >= len(row.cells) or not row.cells[j]:
        return None
    spans = row.cells[j]
    return spans[0].start, spans[-1].end


_DATE_LIKE = re.compile(
    r"\d{1,2}[/.-]\d{1,2}|\d{6,8}|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)|^\W+$", re.IGNORECASE
)


def _holds_dates(layout: Layout, table: Table, j: int) -> bool:
    """Whether any cell of column ``j`` holds a date (or a weekday, or a ditto mark)."""
    text = layout.text
    for row in table.rows:
        span = _cell_span(row, j)
        if span is None:
            continue
        if next(find_dates(text, *span), None) is not None or compact_date(text, *span):
            return True
        if _DATE_LIKE.search(text[span[0] : span[1]]):
            return True  # "10/7", "Mon", a ditto: a date column may hold these
    return False


_AROUND = 40  # written-out dates a compact column's order is checked against


def compact_column_order(layout: Layout, table: Table, j: int) -> str | None:
    """The order of column ``j``'s compact dates ("251014", "09022025"), as
    :func:`compact_order` reads it against the dates the document writes out."""
    text = layout.text
    cells = [span for row in table.rows if (span := _cell_span(row, j)) is not None]
    if not any(compact_date(text, *c) or _COMPACT_CELL.fullmatch(text, *c) for c in cells):
        return None
    around = list(itertools.islice((d.date for d in find_dates(text)), _AROUND))
    return compact_order(text, cells, around)


_COMPACT_CELL = re.compile(r"[ \t]*\d{6}(?:\d\d)?[ \t]*")


def _infer_role(layout: Layout, table: Table, j: int) -> str | None:
    """A headerless column's role, from what most of its cells hold."""
    v = vocab()
    text = layout.text
    votes: dict[str, int] = {}
    codes = legend(layout)
    filled = 0
    order = compact_column_order(layout, table, j)
    for row in table.rows:
        span = _cell_span(row, j)
        if span is None:
            continue
        s, e = span
        filled += 1
        cell = text[s:e]
        if (next(find_dates(text, s, e), None) is not None and len(cell) <= 24) or (
            order is not None and compact_date(text, s, e, order) is not None
        ):
            votes["date"] = votes.get("date", 0) + 1
        elif next(times.find_time_ranges(text, s, e), None) is not None:
            votes["time"] = votes.get("time", 0) + 1
        elif next(find_dates(text, s, e), None) is not None:
            pass  # a long cell with a date ("*LATE ENTRY for DOS 04/07/25*"): no status
        elif (
            v.kinds.earliest(text, s, e)
            or v.codes.earliest(text, s, e)
            or cell.strip() in codes.services
        ):
            votes["service"] = votes.get("service", 0) + 1
        elif (
            v.attendance_values.earliest(text, s, e)
            or v.attendance_codes.exact(cell)
            or cell.strip().upper() in codes.attendance
        ):
            votes["attendance"] = votes.get("attendance", 0) + 1
        elif cell.strip().upper() in codes.modality:
            votes["modality"] = votes.get("modality", 0) + 1
        elif False:
            votes["attendance"] = votes.get("attendance", 0) + 1
        elif next(times.find_durations(text, s, e), None) is not None:
            votes["duration"] = votes.get("duration", 0) + 1
        elif _CREDENTIALED.search(cell):
            votes["staff"] = votes.get("staff", 0) + 1
        elif v.weekdays.exact(cell.strip(" .,")) is not None:
            votes["day"] = votes.get("day", 0) + 1
    if not votes or filled == 0:
        return None
    role, count = max(votes.items(), key=lambda kv: kv[1])
    return role if count * 2 >= filled else None


def _grid_day(layout: Layout, header: str) -> object | None:
    """A grid column's day: a weekday index (0 = Monday) or a date."""
    v = vocab()
    d = next(find_dates(header, 0, len(header)), None)
    if d is not None:
        return d.date
    key = norm(header.strip(" *:"))
    m = v.weekdays.earliest(key, 0, len(key))
    if m is not None and m[0] == 0:
        partial = _PARTIAL_AFTER_DAY.match(key, m[1])
        if partial is not None:  # "Mon 04/28", stacked: "Mon 04/28 09:00- 10:00 IPG"
            return (m[2], partial.group(1))
        if len(key.split()) <= 3:
            return m[2]
    return None


_PARTIAL_AFTER_DAY = re.compile(r"\.?,?[ \t]+(\d{1,2}/\d{1,2})(?![/\d])")


def columns(layout: Layout, table: Table) -> Columns:
    v = vocab()
    width = table.width
    headers = tuple(table.header_text(layout.text, j) for j in range(width))
    roles: list[str | None] = []
    grid: list[tuple[int, object]] = []
    names = member_names(layout)
    for j, h in enumerate(headers):
        if h and norm(h.strip(" *:_")) in names:
            roles.append("attendance")  # the member's own column of a roster log
            continue
        day = _grid_day(layout, h) if h else None
        if day is not None:
            grid.append((j, day))
            roles.append(None)
            continue
        roles.append(v.role_of(h) if h else None)
    if len(grid) < _MIN_GRID_DAYS and table.header is not None:
        month_days = _month_days(layout, table, headers)
        if month_days:
            grid = month_days
            day_cols = {j for j, _ in grid}
            roles = [None if j in day_cols else r for j, r in enumerate(roles)]
    if len(grid) < _MIN_GRID_DAYS:
        grid = []
        roles = [
            r if r is not None or not h else (v.role_of(h) if h else None)
            for r, h in zip(roles, headers, strict=True)
        ]
        for j, h in enumerate(headers):
            if roles[j] is None and _grid_day(layout, h) is not None and h:
                roles[j] = "date" if isinstance(_grid_day(layout, h), dt.date) else "day"
    for j, h in enumerate(headers):
        if roles[j] == "date" and _SCHEDULED_DATE.fullmatch(h) and "attendance" in roles:
            continue  # "scheduled.date" beside the appointment's status: the date it was for
        if roles[j] == "date" and v.names_other_date(h):
            roles[j] = None  # "admit_dt", "birthDate": a date, not the service's
        elif roles[j] == "date" and table.header is not None and not _holds_dates(layout, table, j):
            roles[j] = None  # "Encounter" over service names: not a date column here
    if table.header is None:
        roles = _sparse_twins([_infer_role(layout, table, j) for j in range(width)], table)
    else:
        _member_in_out_columns(headers, roles)
        # a header the vocabulary does not know ("Svc", "Appt Status"): what its cells hold
        grid_cols = {c for c, _ in grid}
        named = any(h and norm(h.strip(" *:_")) in names for h in headers)
        for j in range(width):
            if roles[j] is None and j not in grid_cols and not named:
                inferred = _infer_role(layout, table, j)
                if inferred == "date" and v.names_other_date(headers[j]):
                    continue  # "birthDate", "dob": a date, not of a service
                if inferred is not None and inferred not in roles:
                    roles[j] = inferred
    if "time" in roles:
        # "Sched 09:00-10:00 | In 09:20 | Out 10:00": beside the session's scheduled times,
        # a bare "In" and "Out" are the member's own arrival and departure
        for j, h in enumerate(headers):
            own = _MEMBER_IN_OUT.get(norm(h.strip(" *:_")))
            if roles[j] is None and own is not None and own not in roles:
                roles[j] = own
    return Columns(tuple(roles), headers, tuple(grid))


_MEMBER_IN_OUT = {"in": "member_start", "out": "member_end"}
# a recurring event's rule or dates (iCalendar RRULE, RDATE)
_RECURRENCE = re.compile(r"(?i)recurrence(?:[ _.-]?(?:rule|dates?))?|rrule|rdate")


def rows_apart(layout: Layout, table: Table) -> frozenset[int]:
    """The rows of ``table`` whose service cannot be known, which :mod:`extract.records`
    lists unread: recurring events (a recurrence rule: a table of them under a schedule's
    title is a schedule, :func:`is_schedule`, and never comes here), and rows dated only by
    a UTC stamp ("2025-03-10T08:00Z", no date column) whose local day is not known
    (:func:`extract.values.zones.stamp_local`). (Whose each row is, in a table of several
    people's events or services, :mod:`extract.records.clients` tells.)"""
    unknown: set[int] = set()
    text = layout.text
    # a recurring event ("Recurrence rule" FREQ=WEEKLY;...): its occurrences are not
    # listed, and are never guessed from the rule
    rule = [
        j for j in range(table.width) if _RECURRENCE.fullmatch(table.header_text(text, j).strip())
    ]
    for k, row in enumerate(table.rows):
        if any((span := _cell_span(row, j)) is not None and span[1] > span[0] for j in rule):
            unknown.add(k)
    roles = columns(layout, table).roles
    timed = [] if "date" in roles else [j for j, r in enumerate(roles) if r in ("start", "time")]
    for k, row in enumerate(table.rows):
        for j in timed:
            span = _cell_span(row, j)
            d = next(find_dates(text, span[0], span[1]), None) if span is not None else None
            stamp = utc_stamp(text, d.end, span[1]) if d is not None and span else None
            if d is not None and stamp is not None:
                line = layout.line_at(d.start)
                if stamp_local(layout, line, line, d.date, stamp[0], stamp[1]) is None:
                    unknown.add(k)
                break
    return frozenset(unknown)


# a scheduled date ("Scheduled Date", "scheduled.date", "scheduledDate"): in a table with an
# attendance column, the date each appointment was for (its status says what happened)
_SCHEDULED_DATE = re.compile(r"(?i)[\W_]*scheduled[\W_]*(?:date|dt)[\W_]*")


def _member_in_out_columns(headers: tuple[str, ...], roles: list[str | None]) -> None:
    """The member's own time in and out by their columns' headers ("Check-in", "Sign
    In", "Arrived"; "Check-out", "Departed": ``services.yaml`` ``sheet_in_columns`` and
    ``sheet_out_columns``), in a table with no start or end column of its own: each the
    header listed first ("Admitted" before "Joined")."""
    v = vocab()
    if {"start", "end", "member_start", "member_end"} & set(roles):
        return
    keys = [norm(h.strip(" *:_")) if h else "" for h in headers]
    for role, listed in (("member_start", v.sheet_in_columns), ("member_end", v.sheet_out_columns)):
        found = [
            (listed.index(k), j) for j, k in enumerate(keys) if roles[j] is None and k in listed
        ]
        if found:
            roles[min(found)[1]] = role


def _sparse_twins(roles: list[str | None], table: Table) -> list[str | None]:
    """A headerless table's roles without a sparse column's role that a fuller column
    has ("transportation fell through" in a remarks column filled on one row of nine, beside
    the service codes' column): the fuller column holds it, the sparse one says it of a row
    by chance."""
    filled = [sum(1 for row in table.rows if _cell_span(row, j)) for j in range(len(roles))]
    out = list(roles)
    for j, role in enumerate(roles):
        if role is None or 2 * filled[j] >= len(table.rows):
            continue
        if any(k != j and roles[k] == role and filled[k] > filled[j] for k in range(len(roles))):
            out[j] = None
    return out


def _lines_above(layout: Layout, first: int, count: int = 4) -> Iterator[int]:
    i = first - 1
    while i >= 0 and count > 0:
        line = layout.lines[i]
        if line.is_text:
            if layout.in_table(i):
                return
            yield i
            count -= 1
        elif line.kind.value == "rule" and count < 4:
            return
        i -= 1


def is_schedule(layout: Layout, table: Table, cols: Columns) -> bool:
    """A table under a schedule heading, without an attendance column or marks."""
    v = vocab()
    if "attendance" in cols.roles:
        return False
    title = next(_lines_above(layout, table.first_line), None)
    if title is None or len(layout.line_text(title).split()) > 10:
        return False
    line = layout.lines[title]
    m = v.schedule_words.earliest(layout.text, line.cstart, line.cend)
    return m is not None and not layout.text[max(line.cstart, m[0] - 4) : m[0]].lower().endswith(
        ("not ", "un")
    )


def _date_above(layout: Layout, table: Table) -> DateSpan | None:
    """A date in a heading, a title or a field right above the table (not a line of data:
    "02/17/2025 PROGRAM CLOSED" dates no rows below it)."""
    text = layout.text
    for i in _lines_above(layout, table.first_line):
        line = layout.lines[i]
        for d in find_dates(text, line.cstart, line.cend):
            if (
                d.start == line.cstart
                and layout.headings[i] is None
                and not layout.fields_by_line[i]
            ):
                return None
            return d
    return None


def _row_week(
    layout: Layout, table: Table, row: Row, label_cols: Sequence[int], cols: Columns
) -> tuple[int, DateSpan, dt.date] | None:
    """The column, date and first day of a grid row's own week: a label column headed by a
    week ("Week of", "Week beginning", "Wk") whose cell holds the row's date; under "Week
    ending" ("W/E") the date is the week's last day, and the week the seven days to it."""
    text = layout.text
    for j in label_cols:
        header = cols.headers[j].lower() if j < len(cols.headers) else ""
        ending = re.search(r"\b(?:week|wk)[ \t.]*(?:end|ending|ended)\b|\bw/e\b", header)
        if ending is None and not re.search(r"\b(?:week|wk)\b", header):
            continue
        span = _cell_span(row, j)
        d = next(find_dates(text, *span), None) if span is not None else None
        if d is not None:
            return j, d, d.date - dt.timedelta(days=6) if ending is not None else d.date
    return None


def _week_start(layout: Layout, d: DateSpan | None) -> bool:
    """Whether ``d`` begins a week ("Week of 10/6/25", "Week beginning ...")."""
    if d is None:
        return False
    before = layout.text[max(0, d.start - 24) : d.start].lower()
    if re.search(r"\bweek[ \t:]*$", before):  # "WEEK 04/28/2025 - 05/04/2025"
        return True
    return "week" in before and any(w in before for w in ("of", "beginning", "starting", "start"))


def row_records(layout: Layout, table: Table, host: ServiceRecord | None) -> list[ServiceRecord]:
    """The service records of ``table`` (``host``: the note it sits in, if any)."""
    cols = columns(layout, table)
    if is_schedule(layout, table, cols) or _is_key(layout, table) or _sign_off(layout, table, cols):
        return []
    if cols.grid_days:
        if is_calendar(layout, table, cols):
            # a month's calendar: its numbers are days, not hours; what a day's cell holds
            # ("G1 P / G2 P / IT 60m") is read when the month is named above it
            return _calendar_records(layout, table, cols, host)
        return _grid_records(layout, table, cols, host)
    text = layout.text
    dated_in = "member_start" in cols.roles and _holds_dates(
        layout, table, cols.roles.index("member_start")
    )  # "Check-in 03/03/2025 09:00 AM": a service's date and the member's time in
    if not set(cols.roles) & _SERVICE_ROLES and not dated_in and not _refers(layout, table):
        return []  # a roster or a list (names and statuses): no service of its own per row
    out: list[ServiceRecord] = []
    roles_present = set(cols.roles)
    has_date = "date" in roles_present
    above = _date_above(layout, table)
    near = above.date if above else _first_date(layout)
    # a weekday column ("Mon 7/7", "Tue") dates the rows when there is no date column
    day_dated = not has_date and "day" in roles_present
    carried: Anchor | None = None
    # a table that defines the sessions grids name: not the member's own log (it has an
    # attendance or a person column, or the document is kept for the member)
    id_col = (
        _id_column(layout, table)
        if "attendance" not in cols.roles and not kept_for_member(layout)
        else None
    )
    rel = relations()
    ids = member_ids(layout)
    person = person_column(layout, table)
    if person is not None and not ids and _people(layout, table, person) >= 2:
        return []  # rows of several people, and which is the member's is not known
    if not ids or (
        person is not None and not rel.member_ids and _people(layout, table, person) < 2
    ):
        person = None  # (one person's rows: an identifier the chart states otherwise)
    index = next((k for k, t in enumerate(layout.tables) if t is table), -1)
    if id_col is None:
        id_col = rel.defining.get((id(layout), index))  # it defines sessions rows name
    ref_col, ref_dates = None, {}
    if person is not None:
        for j in range(table.width):
            column = norm(table.header_text(text, j))
            if j != person and column in rel.defined:
                ref_col, ref_dates = j, rel.defined[column]
                break
    day_lines = _day_lines(layout, table)
    unknown = rows_apart(layout, table)
    # each compact date cell's order, as its column shows it ("251014": year first)
    orders: dict[int, str | None] = {}
    for j, role in enumerate(cols.roles):
        if role == "date":
            order = compact_column_order(layout, table, j)
            for row in table.rows:
                if (span := _cell_span(row, j)) is not None:
                    orders[span[0]] = order
    for k, row in enumerate(table.rows):
        if _total_row(text, row) or _blank_form_row(text, row) or _key_row(layout, row):
            continue  # "Total hrs 9.88": a sum of the rows above; a form's empty row; a key
        if k in unknown:
            continue  # a row whose service cannot be known (listed unread)
        if person is not None:
            who = _cell_span(row, person)
            if who is None or text[who[0] : who[1]].strip().strip('"') not in ids:
                continue  # another person's row of an extract
        roles: dict[str, list[tuple[int, int, str]]] = {}
        for j, role in enumerate(cols.roles):
            span = _cell_span(row, j)
            if role is not None and span is not None:
                roles.setdefault(role, []).append((span[0], span[1], cols.headers[j]))
        if _spans_days(layout, roles):
            continue  # "period.start 2025-05-19, period.end 2025-06-05": an episode, no service
        anchor: Anchor | None = None
        if has_date:
            cell = [c for c in roles.get("date", []) if text[c[0] : c[1]].strip()]
            if cell:
                s, e, _ = cell[0]
                d = next(find_dates(text, s, e), None) or compact_date(text, s, e, orders.get(s))
                if d is None and near is not None:
                    d = next(find_partial_dates(text, s, e, near), None)
                if d is not None and vocab().not_service_words.earliest(text, s, d.start):
                    d = None  # "by 11/14/25", "target 4/1": a goal's date, not a service's
                    carried = None
                timed = _date_time_cell(layout, roles)
                if d is not None and timed is not None and timed.date != d.date:
                    # "date 2025-01-17" (when a note was written) beside "start
                    # 2025-01-16T09:00": the start says the day of the service
                    anchor, near, carried = timed, timed.date, None
                elif d is not None:
                    anchor = Anchor(d.date, d.start, d.end, "date-column")
                    near = d.date
                    carried = anchor
                elif norm(text[s:e]) in _DITTO and carried is not None:
                    anchor = carried
            elif carried is not None and any(
                r in roles for r in ("time", "start", "duration", "attendance", "units")
            ):
                anchor = carried
        elif (timed := _date_time_cell(layout, roles)) is not None:
            anchor = timed  # "2025-03-17T16:45:00-05:00" in a start column: its date
            near = anchor.date
        elif (lead := _leading_date(layout, row, near)) is not None:
            anchor = lead  # "02/18/2025 SUD Process Group ..." run together in one cell
            near = anchor.date
            carried = anchor
        elif day_dated:
            # "Mon 7/7", or "Mon" in the week that starts above; a weekday alone, under no
            # week, is a weekly template (a schedule), not a service
            anchor = _day_cell_date(layout, roles.get("day", []), near, above)
            if anchor is not None:
                near = anchor.date
        elif (day := _day_line(layout, day_lines, row)) is not None:
            anchor = day  # "║ MON 06-JAN-2025 ║" across the table over the day's rows
            near = anchor.date
        elif host is not None:
            if not _row_timed(layout, roles):
                continue  # a form's line laid out like a row (check boxes, captions)
            anchor = host.anchor
        elif above is not None:
            if not _row_timed(layout, roles):
                continue  # a form's line laid out like a row (check boxes, captions)
            anchor = Anchor(above.date, above.start, above.end, "date-above")
        ref = _cell_span(row, ref_col) if ref_col is not None else None
        ref_key = text[ref[0] : ref[1]].strip().strip('"') if ref is not None else ""
        if anchor is None and ref is not None and ref_key in ref_dates:
            # the member's row names a session the chart defines elsewhere: its date
            anchor = Anchor(ref_dates[ref_key], ref[0], ref[1], "joined-id")
        if anchor is None:
            continue
        billing = "charge" in roles_present or _money(text, row)
        key = ref_key if ref_key in ref_dates else None
        if id_col is not None and (sp := _cell_span(row, id_col)) is not None:
            key = text[sp[0] : sp[1]].strip().strip('"')
        out.append(
            ServiceRecord(
                layout,
                RecordForm.ROW,
                row.lines[0],
                row.lines[-1],
                anchor,
                f"row.{'billing.' if billing else ''}{table.splitter}",
                parent=host,
                table=table,
                row=row,
                roles=roles,
                billing=billing,
                key=key,
                definition=id_col is not None,
            )
        )
    return out


_SIGNED = re.compile(r"(?i)\b(?:signature|signed|attest)")


def _sign_off(layout: Layout, table: Table, cols: Columns) -> bool:
    """A note's sign-off set out as a table ("Staff signature    Date" over a name and a
    date): who signed and when, not a service delivered."""
    if not set(cols.roles) <= {"date", "staff"}:
        return False
    return any(_SIGNED.search(table.header_text(layout.text, j)) for j in range(table.width))


def _is_key(layout: Layout, table: Table) -> bool:
    """A key of codes set out as a table ("CBT    = CBT Group (...)"): most rows' second
    cell begins with "=", so each row defines a code, not a service delivered."""
    text = layout.text
    defined = 0
    for row in table.rows:
        second = row.cells[1] if len(row.cells) > 1 and row.cells[1] else None
        if second is not None and text[second[0].start : second[0].start + 1] == "=":
            defined += 1
    return 2 * defined > len(table.rows)


_MONEY = re.compile(r"\$[ \t]?\d[\d,]*(?:\.\d\d)?")


_TOTAL = re.compile(
    r"[ \t]*(?:weekly[ \t]+|week[ \t]+|grand[ \t]+|daily[ \t]+|sub-?)?totals?\b", re.IGNORECASE
)


_DAY_LINE_WORDS = 4


def _day_lines(layout: Layout, table: Table) -> list[tuple[int, DateSpan]]:
    """The lines inside a table, across its whole width, that name a day ("║ MON
    06-JAN-2025 ║" between the rules of a boxed report): one cell, a date and at most a
    weekday beside it, in the table's lines but in none of its rows."""
    text = layout.text
    out: list[tuple[int, DateSpan]] = []
    for k in table.skipped:
        line = layout.lines[k]
        if not line.is_text or len(line.cells) != 1:
            continue
        c = line.cells[0]
        d = next(find_dates(text, c.start, c.end), None)
        if d is not None and len(text[c.start : c.end].split()) <= _DAY_LINE_WORDS:
            out.append((k, d))
    return out


def _day_line(layout: Layout, day_lines: list[tuple[int, DateSpan]], row: Row) -> Anchor | None:
    """The day line above ``row`` nearest it (:func:`_day_lines`), as its date."""
    found = None
    for k, d in day_lines:
        if k > row.lines[0]:
            break
        found = d
    return None if found is None else Anchor(found.date, found.start, found.end, "day-line")


def _total_row(text: str, row: Row) -> bool:
    """A row whose first text cell is a total ("Total hrs", "Weekly total", "Subtotal")."""
    for cell in row.cells:
        for sp in cell:
            if text[sp.start : sp.end].strip():
                return _TOTAL.match(text, sp.start, sp.end) is not None
    return False


_FIELD_NAME = re.compile(r"([A-Za-z]+\d*)_[A-Za-z0-9_]+")
_UNTICKED = re.compile(r"\[[ \t]?\]|[☐□]")


def _blank_form_row(text: str, row: Row) -> bool:
    """A row of a form left empty, whose boxes print their field names ("Row11_Date
    Row11_Code ... ☐ ☐ Row11_Staff"): every cell is an unticked box or the name of a field
    of that one row (two or more, one prefix)."""
    prefixes: set[str] = set()
    names = 0
    for cell in row.cells:
        for sp in cell:
            value = text[sp.start : sp.end].strip()
            if not value or _UNTICKED.fullmatch(value):
                continue
            m = _FIELD_NAME.fullmatch(value)
            if m is None:
                return False
            prefixes.add(m.group(1).lower())
            names += 1
    return names >= 2 and len(prefixes) == 1


_DEFINES = re.compile(r"(?:[A-Za-z][A-Za-z /#()]{0,30}:[ \t]*)?[A-Za-z#0-9]{1,5}[ \t]*=[ \t]*\S")


def _key_row(layout: Layout, row: Row) -> bool:
    """A line of a code key run on under a table ("Service codes: GP = Group
    Psychotherapy (90853)   PE = Psychoeducation Group"): each of its line's own cells
    defines a code (the table's columns may cut through them)."""
    text = layout.text
    cells = [c for i in row.lines for c in layout.lines[i].cells]
    return len(cells) >= 2 and all(_DEFINES.match(text, c.start, c.end) for c in cells)


def _people(layout: Layout, table: Table, column: int) -> int:
    """How many different ids the person id column ``column`` holds."""
    text = layout.text
    return len(
        {text[sp[0] : sp[1]].strip() for row in table.rows if (sp := _cell_span(row, column))}
    )


def _refers(layout: Layout, table: Table) -> bool:
    """Whether ``table`` has persons' rows that name sessions defined elsewhere."""
    rel = relations()
    if not rel.defined or person_column(layout, table) is None:
        return False
    return any(norm(table.header_text(layout.text, j)) in rel.defined for j in range(table.width))


def _date_time_cell(layout: Layout, roles: dict[str, list[tuple[int, int, str]]]) -> Anchor | None:
    """A full date inside the row's start or time cell (a date-time: "2025-03-17T16:45"):
    the row's date, when it has no date column."""
    text = layout.text
    for role in ("start", "time", "member_start"):
        for s, e, _ in roles.get(role, []):
            d = next(find_dates(text, s, e), None)
            if d is None:
                continue
            stamp = utc_stamp(text, d.end, e)
            if stamp is None:
                return Anchor(d.date, d.start, d.end, "date-time-cell")
            # a UTC stamp ("2025-03-04T01:30:00Z"): its local date, when that is known
            line = layout.line_at(s)
            local = stamp_local(layout, line, line, d.date, stamp[0], stamp[1])
            if local is None:
                return None
            return Anchor(local[0], d.start, stamp[2], "date-time-cell-utc")
    return None


def _spans_days(layout: Layout, roles: dict[str, list[tuple[int, int, str]]]) -> bool:
    """Whether the row's start and end cells hold two different dates (a period, not a
    session: an episode of care, an authorization)."""
    text = layout.text
    ends = []
    for role in ("start", "end"):
        cells = roles.get(role, [])
        d = next((x for s, e, _ in cells[:1] for x in find_dates(text, s, e)), None)
        if d is None:
            return False
        ends.append(d.date)
    return ends[0] != ends[1]


def _money(text: str, row: Row) -> bool:
    """A row that charges an amount ("$425.00")."""
    return any(_MONEY.search(text, s.start, s.end) for cell in row.cells for s in cell)


def _leading_date(layout: Layout, row: Row, near: dt.date | None) -> Anchor | None:
    """A date that begins the row's first cell."""
    span = _cell_span(row, 0)
    if span is None:
        return None
    d = next(find_dates(layout.text, span[0], span[1]), None)
    if d is None or d.start != span[0]:
        return None
    return Anchor(d.date, d.start, d.end, "date-led-cell")


def _first_date(layout: Layout) -> dt.date | None:
    """The first full date of the document: the year for dates written without one."""
    for line in layout.lines:
        if line.is_text:
            d = next(find_dates(layout.text, line.cstart, line.cend), None)
            if d is not None:
                return d.date
    return None


def _day_cell_date(
    layout: Layout,
    cells: Sequence[tuple[int, int, str]],
    near: dt.date | None,
    above: DateSpan | None,
) -> Anchor | None:
    """A row's date from its weekday cell: a date without a year ("Mon 7/7"), else the
    weekday of the week that starts at the date above the table ("Week of 07/07/2025")."""
    if not cells:
        return None
    s, e, _ = cells[0]
    text = layout.text
    if near is not None:
        d = next(find_partial_dates(text, s, e, near), None)
        if d is not None:
            return Anchor(d.date, d.start, d.end, "day-column")
    if above is not None and _week_start(layout, above):
        key = norm(text[s:e])
        m = vocab().weekdays.earliest(key, 0, len(key))
        if m is not None:
            date = _day_date(m[2], above.date)
            if date is not None:
                return Anchor(date, s, e, "day-column", ((above.start, above.end),))
    return None


_MARK = re.compile(r"[^\s\-–—.]")


def _row_timed(layout: Layout, roles: dict[str, list[tuple[int, int, str]]]) -> bool:
    """A row under a date above it documents a service of that day when it has a time or
    a length of its own (a cell with a clock or a duration), or a status."""
    text = layout.text
    if any(r in roles for r in ("time", "start", "end", "duration", "attendance", "units")):
        return True
    return any(
        next(times.find_time_ranges(text, s, e), None) is not None
        or next(times.find_durations(text, s, e), None) is not None
        for spans in roles.values()
        for s, e, _ in spans
    )


def _dates_row(layout: Layout, row: Row, cols: Columns) -> bool:
    """A grid row with no label whose filled day cells each hold a date alone."""
    text = layout.text
    filled = [sp for j, _ in cols.grid_days if (sp := _cell_span(row, j)) is not None]
    if not filled:
        return False
    for s, e in filled:
        d = next(find_dates(text, s, e), None) or next(
            find_partial_dates(text, s, e, dt.date(2000, 1, 1)), None
        )
        if d is None or text[s:e].strip() != text[d.start : d.end]:
            return False
    return True


def _property_row(layout: Layout, roles: dict[str, list[tuple[int, int, str]]]) -> bool:
    """A grid row whose label names a property of the service above it, not a service: its
    group size ("clients in group", "Census") or its minutes total."""
    label = roles.get("service")
    if not label or len(label) != 1:
        return False
    s, e, _ = label[0]
    name = layout.text[s:e].strip(" \t*:").casefold()
    return vocab().role_of(name) == "group_size"


def _grid_records(
    layout: Layout, table: Table, cols: Columns, host: ServiceRecord | None
) -> list[ServiceRecord]:
    """A record per marked cell of an attendance grid (module docstring)."""
    text = layout.text
    above = _date_above(layout, table)
    month = month_above(layout, table)
    week_start: dt.date | None = None
    if above is not None and _week_start(layout, above):
        week_start = above.date
    elif host is not None:
        week_start = host.anchor.date
    out: list[ServiceRecord] = []
    label_cols = [j for j in range(table.width) if j not in {c for c, _ in cols.grid_days}]
    people = _people_column(layout, table, cols, label_cols)
    names = member_names(layout) | chart_member_names()
    for row in table.rows:
        if _total_row(text, row):
            continue  # "Daily total (min)": the sums of the cells above, no service
        if people is not None:
            span = _cell_span(row, people)
            if span is None or norm(text[span[0] : span[1]].strip(" *")) not in names:
                continue  # another client's row of a roster grid
        roles: dict[str, list[tuple[int, int, str]]] = {}
        # "Week of | Mon | Tue ...": a row's own week, its weekday columns' days
        row_week = _row_week(layout, table, row, label_cols, cols)
        for j in label_cols:
            span = _cell_span(row, j)
            if span is None or j == people:
                continue
            if people is not None:
                continue  # a roster's other columns (ID, admission date) are the client's
            if row_week is not None and j == row_week[0]:
                continue
            role = cols.roles[j] or "service"
            roles.setdefault(role, []).append((span[0], span[1], cols.headers[j]))
        if people is None and roles and "service" not in roles and "code" not in roles:
            # the row's label names its service with its time ("Grp Psychotherapy
            # 1730-1900" under "SERVICE / TIME"): the label is the service's too
            first = min((c for cs in roles.values() for c in cs), key=lambda c: c[0])
            roles["service"] = [first]
        if people is None and _property_row(layout, roles):
            continue  # "clients in group" under a group's row: its counts, not a service
        if not roles and _dates_row(layout, row, cols):
            continue  # "9/1  9/2  9/3" under "MON  TUE  WED": the header's second line
        for j, day in cols.grid_days:
            span = _cell_span(row, j)
            if span is None or not _MARK.search(text, span[0], span[1]):
                continue
            # a weekday alone needs the week's start; a weekday with its day ("Mon 04/28")
            # needs only a year, which any date above gives
            start = row_week[2] if row_week is not None else week_start
            near = start or (above.date if above is not None else None)
            date = _day_date(day, start if isinstance(day, int) else near)
            header = table.header[j] if table.header is not None else None
            if date is None or header is None:
                continue
            cell_roles = dict(roles)
            flag = _modality_flag(layout, span)
            if flag is not None:  # "90*" where "* = attended by telehealth (video)"
                span, cell_roles["modality"] = flag[0], [(*flag[1], cols.headers[j])]
            cell_roles["mark"] = [(span[0], span[1], cols.headers[j])]
            date_span = (header.start, header.end)
            key = None
            if people is not None:
                own = text[header.start : header.end].strip(" *")
                key = own if _ID_TOKEN.fullmatch(own) else None
            if table.stacked:
                cell_roles.update(_stacked_roles(layout, table, j, cols.headers[j]))
                dated = _stacked_date_span(layout, table, j)
                if dated is not None:
                    date_span = dated
            also = ((above.start, above.end),) if above is not None else ()
            if row_week is not None:
                also = ((row_week[1].start, row_week[1].end),)
            if (
                isinstance(day, dt.date)
                and month is not None
                and (day.year, day.month) == (month[1], month[0])
                and next(find_dates(cols.headers[j]), None) is None
            ):
                also = (month[2],)  # "1" under "APRIL 2025": the month's words too
            out.append(
                ServiceRecord(
                    layout,
                    RecordForm.GRID,
                    row.lines[0],
                    row.lines[-1],
                    Anchor(date, date_span[0], date_span[1], "grid-column", also),
                    "grid.day-columns" if people is None else "grid.roster-columns",
                    parent=host,
                    table=table,
                    row=row,
                    roles=cell_roles,
                    grid_mark=span,
                    key=key,
                )
            )
    return _with_details(layout, table, out, people is not None)


_NOTES_BELOW = 40  # lines under a grid searched for its notes
_ARRIVES = re.compile(r"(?i)\b(?:arriv\w*|left|depart\w*|late|early|in|out)\b")
_SEE = re.compile(r"(?i)\bsee\b")


def _with_details(
    layout: Layout, table: Table, records: list[ServiceRecord], roster: bool
) -> list[ServiceRecord]:
    """The grid's marks with the notes printed under the grid about them (the lines after
    it outside tables, up to forty):

    - a line naming a mark's day and its session's times with the member's arrival or
      departure ("04/30 Grp Psychotherapy 1730-1900: arrived 1750 (70 min)", under a
      legend's "L present, partial (see below)"; in a roster grid, a line that names the
      member: "Doe, Jane - Mon 08/11 09:00-10:30: arrived 09:20") is that mark's comment;
    - a mark in a row whose label sends to a list ("Indiv Therapy (see list)") takes the
      times of the list's line of that day and that kind, when there is one (the line and
      the mark are one service)."""
    if not records:
        return records
    text = layout.text
    notes: list[tuple[int, int]] = []
    for i in range(table.last_line + 1, min(len(layout.lines), table.last_line + _NOTES_BELOW)):
        line = layout.lines[i]
        if line.is_text and not layout.in_table(i):
            notes.append((line.cstart, line.cend))
    if not notes:
        return records
    v = vocab()
    names = member_names(layout) | chart_member_names()
    out: list[ServiceRecord] = []
    for rec in records:
        label = [c for role in ("service", "time") for c in rec.roles.get(role, [])]
        if any(_SEE.search(text, s, e) for s, e, _ in label):
            kind = next((k[2] for s, e, _ in label if (k := v.kinds.earliest(text, s, e))), None)
            listed = next(
                (
                    (s, e)
                    for s, e in notes
                    if kind is not None
                    and _note_day(text, s, e, rec.anchor.date, leading=True)
                    and (k := v.kinds.earliest(text, s, e)) is not None
                    and k[2] is kind
                ),
                None,
            )
            r = _note_range(text, *listed) if listed is not None else None
            if r is not None and listed is not None:
                # the list's line of that day gives the mark's times
                rec.roles["time"] = [(r.start, r.end, "list")]
                rec.roles.setdefault("comments", []).append((r.end, listed[1], "list"))
        slot = _record_times(layout, rec)
        partial = slot is None and _partial_mark(layout, rec, records)
        if slot is not None or partial:
            for s, e in notes:
                if not _note_day(text, s, e, rec.anchor.date, leading=False):
                    continue
                r = _note_range(text, s, e)
                if r is None or (slot is not None and (r.begins, r.ends) != slot):
                    continue
                if not _ARRIVES.search(text, r.end, e):
                    continue
                if roster and not any(n in norm(text[s:e]) for n in names if n):
                    continue  # another client's note
                while e > r.end and text[e - 1] in "\"' \t":
                    e -= 1  # a quoted cell's closing quote
                rec.roles.setdefault("comments", []).append((r.end, e, "note"))
                break
        out.append(rec)
    return out


_PARTIAL_CODE = re.compile(r"(?i)\b(?:late|early|arriv\w*|left|depart\w*|partial)\b")


def _partial_mark(layout: Layout, rec: ServiceRecord, records: Sequence[ServiceRecord]) -> bool:
    """A mark whose session's times the grid does not give (its column names a session
    defined elsewhere: "GS-26143"), coded by the legend as a late arrival or an early
    departure ("L = present, arrived late"), the only such mark of its row that day: the
    note under the grid naming that day is about it."""
    if rec.grid_mark is None:
        return False
    text = layout.text

    def coded(r: ServiceRecord) -> bool:
        if r.grid_mark is None:
            return False
        found = legend(layout).attendance.get(text[r.grid_mark[0] : r.grid_mark[1]].strip().upper())
        return found is not None and _PARTIAL_CODE.search(text, found[1], found[2]) is not None

    if not coded(rec):
        return False
    return (
        sum(
            1 for r in records if r.row is rec.row and r.anchor.date == rec.anchor.date and coded(r)
        )
        == 1
    )


def _note_range(text: str, s: int, e: int) -> times.TimeRange | None:
    """The first time range of a note's line, also one a colon ends ("1730-1900: arrived
    1750")."""
    r = next(times.find_time_ranges(text, s, e), None)
    if r is not None:
        return r
    for m in re.finditer(r":[ \t]", text[s:e]):
        r = next(times.find_time_ranges(text, s, s + m.start()), None)
        if r is not None:
            return r
    return None


def _note_day(text: str, s: int, e: int, day: dt.date, *, leading: bool) -> bool:
    """Whether the line ``text[s:e]`` names ``day`` (with or without its year; at its start
    when ``leading``)."""
    d = next(find_dates(text, s, e), None) or next(find_partial_dates(text, s, e, day), None)
    if d is None or d.date != day:
        return False
    return not leading or not text[s : d.start].strip()


def _record_times(layout: Layout, rec: ServiceRecord) -> tuple[dt.time, dt.time] | None:
    """The times of a grid mark's session: a range in its row's label, or the start and
    end its column's stacked header names."""
    text = layout.text
    for role in ("time", "service"):
        for s, e, _ in rec.roles.get(role, []):
            r = next(times.find_time_ranges(text, s, e), None)
            if r is not None:
                return r.begins, r.ends
    a, b = rec.roles.get("start"), rec.roles.get("end")
    if a and b:
        first = next(times.find_clock_times(text, a[0][0], a[0][1], loose=True), None)
        last = next(times.find_clock_times(text, b[0][0], b[0][1], loose=True), None)
        if first is not None and last is not None:
            return times.resolve_range(first, last)
    return None


_FLAGGED = re.compile(r"[ \t]*(\d+(?:[.,]\d+)?)[ \t]*(\S{1,3})[ \t]*$")


def _modality_flag(
    layout: Layout, span: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A grid cell's number followed by a code the document's legend defines as a modality
    ("90*", "53v" where "* = attended by telehealth (video)"): the number's span and the
    code's."""
    m = _FLAGGED.match(layout.text, span[0], span[1])
    if m is None or m.group(2).upper() not in legend(layout).modality:
        return None
    return m.span(1), m.span(2)


_ID_TOKEN = re.compile(r"[A-Za-z]{0,8}[-_#]?\d{3,}[A-Za-z0-9\-]*")


def grid_ids() -> frozenset[str]:
    """The session ids the columns of roster grids name, over the chart being read."""
    memo = chart_memo()
    if memo is None:
        return frozenset()
    found = memo.get("grid_ids")
    if not isinstance(found, frozenset):
        ids: set[str] = set()
        for layout in chart_layouts():
            text = layout.text
            for table in layout.tables:
                if table.header is None:
                    continue
                cols = columns(layout, table)
                label_cols = [j for j in range(table.width) if j not in dict(cols.grid_days)]
                if not cols.grid_days or _people_column(layout, table, cols, label_cols) is None:
                    continue
                for j, _ in cols.grid_days:
                    h = table.header[j]
                    own = text[h.start : h.end].strip(" *") if h is not None else ""
                    if _ID_TOKEN.fullmatch(own):
                        ids.add(own)
        found = frozenset(ids)
        memo["grid_ids"] = found
    return found


def _id_column(layout: Layout, table: Table) -> int | None:
    """The column of ``table`` whose cells are ids that roster grids name (two or more)."""
    ids = grid_ids()
    if not ids:
        return None
    text = layout.text
    for j in range(table.width):
        named = sum(
            1
            for row in table.rows
            if (sp := _cell_span(row, j)) is not None and text[sp[0] : sp[1]].strip() in ids
        )
        if named >= 2:
            return j
    return None


_LAST_FIRST = re.compile(LAST_FIRST)


_DAY_NUMBER = re.compile(r"[ \t]*([1-9]|[12]\d|3[01])[ \t]*")


def is_calendar(layout: Layout, table: Table, cols: Columns | None = None) -> bool:
    """A month's calendar laid out as a table: weekday columns whose rows, in two or more
    places, number the days in order ("| 22 | 23 | 24 | 25 | 26 |"). Its numbers are days of
    the month, not marks or hours; what the days hold is not read from it."""
    cols = cols or columns(layout, table)
    day_cols = [j for j, day in cols.grid_days if isinstance(day, int)]
    if len(day_cols) < 3:
        return False
    text = layout.text
    numbered = 0
    for row in table.rows:
        days = []
        for j in day_cols:
            sp = _cell_span(row, j)
            m = _DAY_NUMBER.fullmatch(text, sp[0], sp[1]) if sp is not None else None
            if m is not None:
                days.append(int(m.group(1)))
        steps = list(itertools.pairwise(days))
        # day after day, or once back to the 1st where a month ends ("29 30 1 2 3")
        if (
            len(days) >= 2
            and sum(1 for a, b in steps if b != a + 1) <= 1
            and all(b == a + 1 or (b == 1 and a >= 28) for a, b in steps)
        ):
            numbered += 1
    return numbered >= 2


_MONTH_YEAR = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)[ \t,]+(\d{4})\b",
    re.IGNORECASE,
)
_MONTH_NUMBER = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# one entry of a day's cell: a code and what follows it, up to " / ", ";" or ","
_ENTRY = re.compile(r"[^/;,]+")


def month_above(layout: Layout, table: Table) -> tuple[int, int, tuple[int, int]] | None:
    """The month and year named on a line up to seven lines above the table ("APRIL
    2025"), and the words' span."""
    text = layout.text
    for i in range(table.first_line - 1, max(-1, table.first_line - 8), -1):
        line = layout.lines[i]
        m = _MONTH_YEAR.search(text, line.cstart, line.cend) if line.is_text else None
        if m is not None:
            return (_MONTH_NUMBER[m.group(1)[:3].lower()], int(m.group(2)), m.span())
    return None


_DAY_OF_MONTH = re.compile(r"(?:([A-Za-z]{1,3})\.?[ \t]+)?([1-9]|[12]\d|3[01])")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _month_days(layout: Layout, table: Table, headers: Sequence[str]) -> list[tuple[int, object]]:
    """A month's grid: columns headed by the days of the month ("1", "T 1", "We 2"), in
    order, under a month and year named above ("APRIL 2025"): each column's date. A
    weekday written with a day must be that date's ("T 1" under April 2025: Tuesday)."""
    found = [(j, _DAY_OF_MONTH.fullmatch(h.strip())) for j, h in enumerate(headers) if h]
    days = [(j, m) for j, m in found if m is not None]
    if len(days) < _MIN_GRID_DAYS:
        return []
    numbers = [int(m.group(2)) for _, m in days]
    if any(b <= a for a, b in itertools.pairwise(numbers)):
        return []
    month = month_above(layout, table)
    if month is None:
        return []
    out: list[tuple[int, object]] = []
    for j, m in days:
        try:
            date = dt.date(month[1], month[0], int(m.group(2)))
        except ValueError:
            return []
        letters = m.group(1)
        if letters is not None and not _WEEKDAY_NAMES[date.weekday()].startswith(letters.lower()):
            return []
        out.append((j, date))
    return out


def _calendar_records(
    layout: Layout, table: Table, cols: Columns, host: ServiceRecord | None
) -> list[ServiceRecord]:
    """A record per entry of a day's cell of a month's calendar: the day is the number in
    its column's day row above; the month and year are named above the calendar ("March
    2025"); each entry ("G1 P", "IT 60m") names its service by a code the document's key
    defines (its times too, when the key gives them) and its status by a legend code or
    a length. Without a named month, nothing is read (the calendar is unread)."""
    text = layout.text
    month = month_above(layout, table)
    if month is None:
        return []
    day_cols = [j for j, day in cols.grid_days if isinstance(day, int)]
    services = legend(layout).services
    # column -> (day, months from the calendar's month, the number's span)
    day_of: dict[int, tuple[int, int, tuple[int, int]]] = {}
    seen_days = False
    out: list[ServiceRecord] = []
    for row in table.rows:
        numbers: dict[int, tuple[int, tuple[int, int]]] = {}
        for j in day_cols:
            cell = _cell_span(row, j)
            m = _DAY_NUMBER.fullmatch(text, cell[0], cell[1]) if cell is not None else None
            if m is not None and cell is not None:
                numbers[j] = (int(m.group(1)), cell)
        if numbers and len(numbers) == sum(1 for j in day_cols if _cell_span(row, j)):
            # a row of day numbers; where they start again at 1, the days before belong
            # to the month before (the first row) or the days after to the next (a later)
            ordered = sorted(numbers.items())
            drop = next(
                (k for k in range(1, len(ordered)) if ordered[k][1][0] < ordered[k - 1][1][0]),
                None,
            )
            day_of = {}
            for k, (j, (n, cell)) in enumerate(ordered):
                shift = 0
                if drop is not None:
                    shift = (-1 if k < drop else 0) if not seen_days else (1 if k >= drop else 0)
                day_of[j] = (n, shift, cell)
            seen_days = True
            continue
        for j in day_cols:
            sp = _cell_span(row, j)
            if sp is None or j not in day_of:
                continue
            day, shift, _ = day_of[j]
            month_no = month[0] + shift
            year = month[1] + (month_no - 1) // 12
            month_no = (month_no - 1) % 12 + 1
            try:
                date = dt.date(year, month_no, day)
            except ValueError:
                continue
            for m in _ENTRY.finditer(text, sp[0], sp[1]):
                a, b = m.start(), m.end()
                while a < b and text[a] in " \t":
                    a += 1
                while b > a and text[b - 1] in " \t":
                    b -= 1
                code = re.match(r"\S+", text[a:b])
                if code is None or a >= b:
                    continue
                code_end = a + code.end()
                rest = code_end
                while rest < b and text[rest] in " \t":
                    rest += 1
                roles: dict[str, list[tuple[int, int, str]]] = {
                    "service": [(a, code_end, "service")]
                }
                defined = services.get(text[a:code_end])
                if defined is not None:
                    r = next(times.find_time_ranges(text, defined[1], defined[2]), None)
                    if r is not None:
                        roles["time"] = [(r.start, r.end, "time")]
                mark = (rest, b) if rest < b else None
                if mark is not None:
                    roles["mark"] = [(mark[0], mark[1], "")]
                out.append(
                    ServiceRecord(
                        layout,
                        RecordForm.GRID,
                        row.lines[0],
                        row.lines[-1],
                        Anchor(date, *day_of[j][2], "calendar-day", (month[2],)),
                        "grid.calendar",
                        parent=host,
                        table=table,
                        row=row,
                        roles=roles,
                        grid_mark=mark,
                        span=(a, b),
                    )
                )
    return out


def people_grid(layout: Layout, table: Table) -> bool:
    """Whether ``table`` is a grid whose rows name people (a roster grid)."""
    cols = columns(layout, table)
    if not cols.grid_days:
        return False
    label_cols = [j for j in range(table.width) if j not in dict(cols.grid_days)]
    return _people_column(layout, table, cols, label_cols) is not None


def _people_column(
    layout: Layout, table: Table, cols: Columns, label_cols: Sequence[int]
) -> int | None:
    """The label column of a roster grid that names people: headed by a member label
    ("CLIENT"), or most of its cells are names written "Last, First"."""
    v = vocab()
    text = layout.text
    for j in label_cols:
        if norm(cols.headers[j].strip(" *:")) in v.member_labels:
            return j
        cells = [sp for row in table.rows if (sp := _cell_span(row, j)) is not None]
        named = sum(1 for a, b in cells if _LAST_FIRST.fullmatch(text, a, b) is not None)
        if len(cells) >= 2 and 2 * named > len(cells):
            return j
    return None


def _stacked_roles(
    layout: Layout, table: Table, j: int, header: str
) -> dict[str, list[tuple[int, int, str]]]:
    """The service and its times a stacked column header names ("Mon / 04/28 / 09:00- /
    10:00 / IPG"): the cell with a clock ending in a dash starts, the next clock ends."""
    text = layout.text
    v = vocab()
    out: dict[str, list[tuple[int, int, str]]] = {}
    clocks: list[tuple[int, int]] = []
    for sp in table.header_spans(j):
        c = next(times.find_clock_times(text, sp.start, sp.end, loose=True), None)
        dated = next(find_dates(text, sp.start, sp.end), None) is not None
        if c is not None and c.start == sp.start and not dated:
            clocks.append((c.start, c.end))
            continue
        cell = text[sp.start : sp.end].strip(" *")
        if (
            cell in legend(layout).services
            or v.kinds.earliest(text, sp.start, sp.end) is not None
            or v.codes.earliest(text, sp.start, sp.end) is not None
        ):
            out.setdefault("service", []).append((sp.start, sp.end, header))
    if len(clocks) == 2:
        out["start"] = [(clocks[0][0], clocks[0][1], header)]
        out["end"] = [(clocks[1][0], clocks[1][1], header)]
    return out


def _stacked_date_span(layout: Layout, table: Table, j: int) -> tuple[int, int] | None:
    for sp in table.header_spans(j):
        m = re.search(r"\d{1,2}/\d{1,2}", layout.text[sp.start : sp.end])
        if m is not None:
            return sp.start + m.start(), sp.start + m.end()
    return None


def _day_date(day: object, week_start: dt.date | None) -> dt.date | None:
    if isinstance(day, dt.date):
        return day
    if isinstance(day, tuple):
        weekday, partial = day
        if week_start is not None:
            spans = list(find_partial_dates(partial, 0, len(partial), week_start))
            if spans:
                return spans[0].date
        day = weekday
    if isinstance(day, int) and week_start is not None:
        offset = (day - week_start.weekday()) % 7
        return week_start + dt.timedelta(days=offset)
    return None


def ditto(text: str) -> bool:
    return norm(text) in _DITTO


def table_lines(tables: Sequence[Table]) -> set[int]:
    return {i for t in tables for i in range(t.first_line, t.last_line + 1)}


_EPISODE_GROUPS = ("admission_date", "discharge_date")
_DATE_WORD = re.compile(r"[ _.]*(?:dt|date)$")


def _episode_group(header: str) -> str | None:
    """The episode date a column header names ("ADMIT", "Admit Date", "D/C", "admit_dt"):
    ``admission_date`` or ``discharge_date``, as the lexicon's labels say."""
    groups = label_groups()
    words = norm(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header.strip(" *:_")).replace("_", " "))
    bare = _DATE_WORD.sub("", words).strip()
    for key in (words, bare, f"{bare} date"):
        found = [g for g in _EPISODE_GROUPS if g in groups.get(key, frozenset())]
        if len(found) == 1:
            return found[0]
    return None


def episode_cells(layout: Layout) -> list[tuple[str, DateSpan]]:
    """Admission and discharge dates the member's row of a table states, under a column
    that names them ("ADMIT" and "D/C" of a roster whose row names the member, "admit_dt"
    of a one-row episode table): (``admission_date`` or ``discharge_date``, the date).

    The member's row: in a table whose column names people ("CLIENT", names as "Last,
    First"), the row naming the member; in one with a person id column, the row of the
    member's id when the chart's tables tell it; else the only row of a one-row table.
    Another person's row is never read."""
    text = layout.text
    out: list[tuple[str, DateSpan]] = []
    names = member_names(layout) | chart_member_names()
    member_ids = relations().member_ids
    v = vocab()
    for table in layout.tables:
        if table.header is None:
            continue
        headers = [table.header_text(text, j) for j in range(table.width)]
        wanted = [(j, g) for j, h in enumerate(headers) if h and (g := _episode_group(h))]
        if not wanted:
            continue
        people = next(
            (j for j, h in enumerate(headers) if norm(h.strip(" *:")) in v.member_labels), None
        )
        if people is None:
            cols = columns(layout, table)
            people = _people_column(layout, table, cols, range(table.width))
        ids = person_column(layout, table)
        rows: list[Row] = []
        if people is not None:
            for row in table.rows:
                sp = _cell_span(row, people)
                if sp is not None and norm(text[sp[0] : sp[1]].strip(' *"')) in names:
                    rows.append(row)
        elif ids is not None and member_ids:
            for row in table.rows:
                sp = _cell_span(row, ids)
                if sp is not None and text[sp[0] : sp[1]].strip(' "') in member_ids:
                    rows.append(row)
        elif len(table.rows) == 1:
            rows = list(table.rows)
        for row in rows:
            for j, group in wanted:
                sp = _cell_span(row, j)
                d = next(find_dates(text, *sp), None) if sp is not None else None
                if (
                    d is not None
                    and sp is not None
                    and text[sp[0] : sp[1]].strip(' "') == text[d.start : d.end]
                ):
                    out.append((group, d))
    return out
