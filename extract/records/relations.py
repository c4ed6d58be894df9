"""Tables that refer to each other by id: an extract of a clinical database, one table per
file (``person.csv``, ``group_sessions.csv``, ``group_attendance.csv``).

- **The member's id.** A table with a person id column (``person_id``, ``client_id``,
  ``MRN``...) and name columns (``last_name``, ``first_name``) that holds one row names the
  member of a one-member extract: that id is the member's, those names the member's.
- **Rows of others.** In a table with a person id column, a row whose id is not the
  member's is about someone else: it is no record of the member's.
- **References.** A column named like an id (``session_id``) in a table with a person id
  column refers to the table elsewhere in the chart with a column of the same name whose
  ids are each on one row and that has no person id column: that table defines the
  sessions (date, times, service), the referring rows say who took part. A defining row is
  read only joined with a row of the member's that names it
  (:func:`extract.reconcile.join_references`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extract.layout import Layout, Table, chart_layouts, chart_memo
from extract.values.dates import find_dates
from extract.values.legend import chart_member_ids
from extract.values.legend import member_ids as stated_ids
from extract.vocab.phrases import norm

_PERSON_ID = re.compile(r"(?:person|client|patient|member|consumer|pt)[ _.-]?(?:id|no|number)|mrn")
_LAST = re.compile(r"last[ _.-]?name|surname|family[ _.-]?name")
_FIRST = re.compile(r"first[ _.-]?name|given[ _.-]?name")
_ID = re.compile(r".*(?:[ _.-]id|Id|ID)$")


@dataclass(frozen=True)
class Relations:
    member_ids: frozenset[str]
    member_names: frozenset[str]
    # a defining table's id column name -> {id: the date of its row}
    defined: dict[str, dict[str, dt.date]]
    # (id of the layout, index of the table) -> the id column that defines sessions
    defining: dict[tuple[int, int], int]


_EMPTY = Relations(frozenset(), frozenset(), {}, {})


def _headers(layout: Layout, table: Table) -> list[str]:
    return [norm(table.header_text(layout.text, j)) for j in range(table.width)]


def person_column(layout: Layout, table: Table) -> int | None:
    """The column of ``table`` that holds person ids, if its header names one."""
    return next((j for j, h in enumerate(_headers(layout, table)) if _PERSON_ID.fullmatch(h)), None)


def _cell(layout: Layout, table: Table, row: int, j: int) -> str:
    cells = table.rows[row].cells
    if j >= len(cells) or not cells[j]:
        return ""
    span = cells[j][0]
    return layout.text[span.start : span.end].strip().strip('"')


def relations() -> Relations:
    """The relations of the tables of the chart being read (module docstring)."""
    memo = chart_memo()
    if memo is None:
        return _EMPTY
    found = memo.get("relations")
    if isinstance(found, Relations):
        return found
    layouts = chart_layouts()
    ids: set[str] = set()
    names: set[str] = set()
    tables = [(lay, k, t) for lay in layouts for k, t in enumerate(lay.tables) if t.header]
    for lay, _, t in tables:
        person = person_column(lay, t)
        hs = _headers(lay, t)
        last = next((j for j, h in enumerate(hs) if _LAST.fullmatch(h)), None)
        first = next((j for j, h in enumerate(hs) if _FIRST.fullmatch(h)), None)
        if person is None or last is None or first is None or len(t.rows) != 1:
            continue
        pid, ln, fn = (_cell(lay, t, 0, j) for j in (person, last, first))
        if pid and ln and fn:
            ids.add(pid)
            names.update({norm(f"{fn} {ln}"), norm(f"{ln}, {fn}")})
    # references: an id column of a table with persons, defined by a table without them
    referred: set[str] = set()
    for lay, _, t in tables:
        person = person_column(lay, t)
        if person is None:
            continue
        hs = _headers(lay, t)
        raw = [t.header_text(lay.text, j) for j in range(t.width)]
        referred.update(hs[j] for j in range(t.width) if j != person and _ID.match(raw[j]))
    defined: dict[str, dict[str, dt.date]] = {}
    defining: dict[tuple[int, int], int] = {}
    for lay, k, t in tables:
        if person_column(lay, t) is not None:
            continue
        hs = _headers(lay, t)
        for j, h in enumerate(hs):
            if h not in referred:
                continue
            dates: dict[str, dt.date] = {}
            for r, row in enumerate(t.rows):
                key = _cell(lay, t, r, j)
                d = next(
                    (
                        d
                        for cell in row.cells
                        for span in cell[:1]
                        for d in find_dates(lay.text, span.start, span.end)
                    ),
                    None,
                )
                if key and d is not None:
                    dates.setdefault(key, d.date)
            if len(dates) >= 2 and len(dates) == len(
                {_cell(lay, t, r, j) for r in range(len(t.rows))}
            ):
                defined[h] = dates
                defining[(id(lay), k)] = j
                break
    found = Relations(frozenset(ids), frozenset(names), defined, defining)
    memo["relations"] = found
    return found


def member_ids(layout: Layout | None = None) -> frozenset[str]:
    """The member's identifiers: a one-member extract's id (:func:`relations`), and those
    the chart's documents (and ``layout``'s) state after the member's name or in an
    identifier field (:func:`extract.values.legend.member_ids`)."""
    own = stated_ids(layout) if layout is not None else frozenset()
    return relations().member_ids | chart_member_ids() | own


__all__ = ["Relations", "member_ids", "person_column", "relations"]
