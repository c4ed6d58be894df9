"""Lists of several clients' services: whose row is whose (the one rule for it).

A clinician's day sheet, a program's daily census of services, an export of a schedule, a
calendar's events with their attendees: a table (or a run of lines) whose rows each name
the client (or the people) the service was for, by name ("CASTILLO, Q.", "Castillo,
Quinn"), initials ("Q.C.", under a client column), record number ("H44578325") or date of
birth. Only the member's rows say anything of the member; the other clients' rows say
nothing of the member (no session, no unread record); a row of such a list whose client
cannot be told (its client cell is blank, the chart does not say who the member is, or
the name may be the member's written otherwise) may be the member's and is unread
(RULES.md "unread records"), never read as the member's, nor dropped as another's.

- **A row's client.** A name written "Last, First" or "LAST, F." in one of its cells
  (a staff name with a credential, "Beaumont, LMHC", is no client); under a column whose
  header names clients or people (a member label: "Client", "Patient"; a person column of
  ``services.yaml``: "Attendee"; or their plural), the people of the cell: several joined
  by " / " (a calendar's attendees; the row is the member's when one of them is), each
  without its role or status in parentheses ("Jane Roe (REQ-PARTICIPANT, ACCEPTED)"), a
  number being a head count and no one, a staff member written with a credential no
  client; each a name, initials or an identifier. An identifier cell ("H44578325", under
  a person id column, or shaped like the member's own identifier: the same letters and as
  many digits); a date under a date-of-birth column ("DOB").
- **The member.** The member's names (member labels, a banner's name before an identifier:
  :func:`extract.values.legend.member_names`) and the other names the chart states
  ("née Smith", "formerly Quinn Barnes", "Preferred name: Janie":
  :func:`extract.values.legend.member_aliases`), identifiers (the identifier after the
  banner's name, an "MRN:" field: :func:`extract.values.legend.member_ids`; a one-member
  extract's id: :mod:`extract.records.relations`) and date of birth
  (:func:`extract.values.legend.member_births`), of the document or of the chart. When
  the chart names no one, the member of a table is the one person its people column names
  in more than half the rows that name anyone (a calendar exported for one client).
- **Names compared** (accents and case aside: "Nguyen" is "Nguyễn"). A name is the
  member's when its last name is the member's and its first name (or initial) agrees. It
  is clearly someone else's when both its last name and its first name differ from each
  of the member's names. Otherwise it may be the member's written otherwise and cannot be
  told: the member's last name with another first name (a nickname, a relative), another
  last name with the member's first name or initial (a maiden or married name), a last
  name a letter off or sharing a part ("Castilo", "Castillo-Ruiz": a misspelling, a double
  name). Initials are the member's when they are the member's first and last initials,
  someone else's when neither is, else not told. An identifier or date of birth is the
  member's when it is one of the member's, else someone else's. A row is what its name,
  identifier and date of birth say: the one of them that tells ("Doe, Janie" with the
  member's date of birth is the member's; with another's, someone else's), unknown when
  one says the member and another someone else.
- **A list of several clients.** A table whose header names a client column (or a person
  id column) and whose rows name two or more clients, or one who is not the member; a
  table whose rows name the member and someone else; and, in a document that holds such a
  list, every table and line whose rows name clients (a day sheet on which the member does
  not appear is another client's). In such a table, a row with a time or a date and no
  client is unknown.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from extract.layout import Layout, Row, Table, chart_memo
from extract.records.relations import member_ids, person_column
from extract.values import times
from extract.values.dates import find_dates
from extract.values.legend import (
    BIRTH_LABELS,
    chart_member_aliases,
    chart_member_births,
    chart_member_names,
    member_aliases,
    member_births,
    member_names,
    without_aliases,
)
from extract.values.vocab import vocab
from extract.vocab.letters import name_pattern
from extract.vocab.lexicon import canonical_credential
from extract.vocab.phrases import norm

# "CASTILLO, Q.", "Castillo, Quinn", "Castillo, Quinn T." (never inside a word)
_CLIENT = re.compile(
    name_pattern(
        r"(?<![\w.’'\-])(?P<last>[\p{Lu}][\p{L}'’\-]+),[ \t]*"
        r"(?P<first>[\p{Lu}](?:[\p{L}'’\-]+|\.)?)"
        r"(?:[ \t]+[\p{Lu}]\.?)?(?![\w’'\-])"
    )
)
# "Quinn Castillo", "Q. Castillo": a whole cell under a client column
_FIRST_LAST = re.compile(
    name_pattern(
        r"(?P<first>[\p{Lu}](?:[\p{L}'’\-]+|\.))(?:[ \t]+[\p{Lu}]\.?)?[ \t]+"
        r"(?P<last>[\p{Lu}][\p{L}'’\-]+)"
    )
)
# a qualifier in parentheses after a name: its role or status
_QUALIFIED = re.compile(r"[ \t]*\([^()]*\)$")
# several people in one cell ("Jane Roe (REQ-PARTICIPANT, ACCEPTED) / Ann Lee")
_SEVERAL = re.compile(r"[ \t]+/[ \t]+")
# "QC", "Q.C.", "Q. T. C.": a client's initials under a client column
_INITIALS = re.compile(name_pattern(r"(?:[\p{Lu}]\.?[ \t]?){2,3}"))
# an identifier: letters, then digits ("H44578325", "A-123456", "10023456")
_ID = re.compile(r"(?P<letters>[A-Za-z]{0,4})-?(?P<digits>\d{5,12})")


@dataclass(frozen=True, slots=True)
class ClientRows:
    """The lines of ``layout``'s lists of several clients: the member's rows, other
    clients' rows, and rows whose client is not known."""

    member: frozenset[int]
    others: frozenset[int]
    unknown: frozenset[int]


_NONE = ClientRows(frozenset(), frozenset(), frozenset())

# how a name is written (last name in capitals, first an initial); (None, None): an
# identifier of the member's shape
Form = tuple[bool | None, bool | None]

MEMBER = "member"
OTHER = "other"


@dataclass(frozen=True, slots=True)
class _Who:
    """The member's names as (last, first) and identifiers."""

    names: tuple[tuple[str, str], ...]
    ids: frozenset[str]
    born: frozenset[dt.date] = frozenset()

    @property
    def known(self) -> bool:
        return bool(self.names or self.ids)


def _who(layout: Layout) -> _Who:
    pairs: set[tuple[str, str]] = set()
    names = member_names(layout) | chart_member_names()
    for n in {without_aliases(n) for n in names} | member_aliases(layout) | chart_member_aliases():
        if "," in n:
            last, _, first = n.partition(",")
        else:
            first, _, last = n.rpartition(" ")
        last, first = last.strip(), first.strip()
        if last and first and len(last.strip(".")) > 1:
            pairs.add((last.split()[-1], first.split()[0].strip(".")))
    born = member_births(layout) or chart_member_births()
    return _Who(tuple(sorted(pairs)), member_ids(layout), born)


def client_rows(layout: Layout) -> ClientRows:
    """The member's, other clients' and unknown clients' lines of ``layout`` (module
    docstring); kept for the chart being read."""
    memo = chart_memo()
    if memo is None:
        return _find(layout)
    cache = memo.setdefault("client_rows", {})
    assert isinstance(cache, dict)
    hit = cache.get(id(layout))
    if hit is not None and hit[0] is layout:
        return hit[1]  # type: ignore[no-any-return]
    found = _find(layout)
    cache[id(layout)] = (layout, found)
    return found


def name_says(last: str, first: str, who: _Who) -> str | None:
    """Whether the name ``last``, ``first`` is the member's (``MEMBER``: one of the
    member's last names, accents aside, and the first name or its initial), clearly someone
    else's (``OTHER``: another last name and another first name), or cannot be told: the
    member's names are not known, or the name may be the member's written otherwise (the
    member's last name with another first name: a nickname; another last name with the
    member's first name or initial: a maiden or married name; a last name one letter off:
    a misspelling)."""
    if not who.names:
        return None
    last, first = _fold(last), _fold(first).strip(".")
    unclear = False
    for n, f in who.names:
        n, f = _fold(n), _fold(f)
        if n == last:
            if not f or not first:
                return None
            if f == first or (len(first) == 1 and f[0] == first) or (len(f) == 1 and first[0] == f):
                return MEMBER
            unclear = True
        elif _near(n, last) or (f and first and _first_near(f, first)):
            unclear = True
    return None if unclear else OTHER


def _fold(name: str) -> str:
    """A name compared: case-folded, without accents ("Nguyễn" is "nguyen")."""
    plain = unicodedata.normalize("NFKD", norm(name))
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def _near(a: str, b: str) -> bool:
    """Names that may be one written otherwise: a part in common ("doe-smith", "doe"), one
    the start of the other ("chris", "christopher"), or one letter off after the same first
    letter ("castilo", "castillo")."""
    if set(re.split(r"[-\s]+", a)) & set(re.split(r"[-\s]+", b)) - {""}:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and long.startswith(short):
        return True
    return len(short) >= 4 and a[0] == b[0] and _one_off(a, b)


def _first_near(a: str, b: str) -> bool:
    """First names that may be one: an initial and a name it begins ("q", "quinn"), or
    names :func:`_near` each other."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return _near(a, b)


def _one_off(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter changed, added or dropped, or two
    neighbours swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) != len(b):
        short, long = sorted((a, b), key=len)
        return short[i:] == long[i + 1 :]
    swapped = a[:i] + a[i + 1 : i + 2] + a[i : i + 1] + a[i + 2 :]
    return a[i + 1 :] == b[i + 1 :] or swapped == b


def _initials_say(cell: str, who: _Who) -> str | None:
    """Whether initials ("JD", "J.T.D.") are the member's first and last initials, clearly
    another's (neither initial the member's), or cannot be told (one of them is)."""
    if not who.names:
        return None
    letters = _fold("".join(ch for ch in cell if ch.isalpha()))
    mine = {_fold(f)[:1] + _fold(n)[:1] for n, f in who.names if f and n}
    pair = letters[0] + letters[-1] if len(letters) >= 2 else letters
    if pair in mine:
        return MEMBER
    if any(pair[:1] == m[:1] or pair[-1:] == m[-1:] for m in mine):
        return None
    return OTHER


def _shape(ident: str) -> tuple[int, int] | None:
    m = _ID.fullmatch(ident)
    return None if m is None else (len(m.group("letters")), len(m.group("digits")))


def _id_says(cell: str, who: _Who, *, named_column: bool) -> str | None:
    """Whether the identifier ``cell`` is the member's, another client's (under a person
    id column, or shaped like one of the member's identifiers), or cannot be told."""
    if not who.ids:
        return None
    ident = cell.strip().strip('"')
    if ident in who.ids:
        return MEMBER
    shape = _shape(ident)
    if named_column or (shape is not None and shape in {_shape(i) for i in who.ids}):
        return OTHER
    return None


def _staff(m: re.Match[str]) -> bool:
    """A staff name written with its credential ("Beaumont, LMHC"), or no name at all (a
    weekday and a month: "Monday, April"; a service and a word)."""
    v = vocab()
    first = m.group("first").rstrip(".")
    last = m.group("last")
    if canonical_credential(first) is not None:
        return True
    if first.isupper() and len(first) >= 2 and not last.isupper():
        return True
    return any(
        v.weekdays.exact(w) is not None
        or v.member_words.exact(w) is not None
        or v.kinds.exact(w) is not None
        or v.attendance_values.exact(w) is not None
        for w in (first, last)
    )


def _cell(text: str, row: Row, j: int) -> tuple[int, int] | None:
    if j >= len(row.cells) or not row.cells[j]:
        return None
    return row.cells[j][0].start, row.cells[j][-1].end


def _client_column(layout: Layout, table: Table) -> int | None:
    """The column whose header names clients: a member label or a person column."""
    if table.header is None:
        return None
    v = vocab()
    for j in range(table.width):
        key = norm(table.header_text(layout.text, j).strip(" *:#"))
        # (or its plural: "Attendees", "Clients")
        for k in {key, key.removesuffix("s")} - {""}:
            if k in v.member_labels or k in v.person_columns:
                return j
    return None


def _birth_column(layout: Layout, table: Table) -> int | None:
    """The column whose header names each row's client's date of birth ("DOB")."""
    if table.header is None:
        return None
    return next(
        (
            j
            for j in range(table.width)
            if norm(table.header_text(layout.text, j).strip(" *:#")) in BIRTH_LABELS
        ),
        None,
    )


def _birth_says(text: str, row: Row, j: int | None, who: _Who) -> str | None:
    """Whether the row's date of birth is the member's, another's, or not told."""
    sp = _cell(text, row, j) if j is not None and who.born else None
    d = next(find_dates(text, sp[0], sp[1]), None) if sp is not None else None
    if d is None:
        return None
    return MEMBER if d.date in who.born else OTHER


def _names(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The clients' names written "Last, First" in ``text[start:end]`` (no staff's)."""
    return [m for m in _CLIENT.finditer(text, start, end) if not _staff(m)]


def _form(m: re.Match[str]) -> Form:
    """How a name is written: the last name in capitals or not, the first as an initial
    or not ("CASTILLO, Q." and "Smith, Jane" are written differently)."""
    return (m.group("last").isupper(), len(m.group("first").rstrip(".")) == 1)


def _pick(said: set[str | None]) -> str | None:
    """The member when any says the member, else another client, else not told."""
    for x in (MEMBER, OTHER, "?"):
        if x in said:
            return x
    return None


def _span_says(
    text: str, start: int, end: int, who: _Who, forms: set[Form] | None = None
) -> tuple[str | None, str | None]:
    """What the names and identifiers in ``text[start:end]`` say: (by name, by id);
    ``"?"`` where one names a client whose name cannot be compared. The member when any
    name (identifier) is the member's. ``forms`` gathers how its names are written."""
    names = _names(text, start, end)
    if forms is not None:
        forms.update(_form(m) for m in names)
    by_name = _pick({name_says(m.group("last"), m.group("first"), who) or "?" for m in names})
    # an identifier: the member's, or another's (a number of the shape of the member's)
    said = {
        _id_says(tok.group(0), who, named_column=False)
        for tok in re.finditer(r"[A-Za-z0-9-]+", text[start:end])
        if _ID.fullmatch(tok.group(0)) is not None
    }
    if forms is not None and said - {None}:
        forms.add((None, None))  # identifiers of the member's shape
    return by_name, _pick(said)


def _verdict(by_name: str | None, by_id: str | None, by_birth: str | None = None) -> str | None:
    """The row's client from what its name, identifier and date of birth say; ``"?"``:
    unknown (one says the member and another someone else, or none tells)."""
    said = {x for x in (by_name, by_id, by_birth) if x is not None}
    if not said:
        return None  # names no client
    told = said - {"?"}
    if len(told) == 1:
        return told.pop()  # (a name not compared beside the member's record number)
    return "?"  # a client not told, or "CASTILLO, Q." with another's record number


def _row_says(
    layout: Layout,
    row: Row,
    who: _Who,
    columns: tuple[int | None, int | None, int | None],
    forms: set[Form],
) -> str | None:
    """What ``row`` says of its client, by its people, identifier and date-of-birth
    ``columns`` (else by the names and identifiers in its cells)."""
    named, ids, born = columns
    text = layout.text
    by_name: str | None = None
    by_id: str | None = None
    if named is not None:
        sp = _cell(text, row, named)
        if sp is not None:
            by_name, by_id = _people_say(text[sp[0] : sp[1]], who)
    if ids is not None:
        sp = _cell(text, row, ids)
        if sp is not None and text[sp[0] : sp[1]].strip(" *\"'"):
            by_id = _id_says(text[sp[0] : sp[1]], who, named_column=True) or "?"
    if named is None and ids is None:
        names: set[str | None] = set()
        numbers: set[str | None] = set()
        for j in range(len(row.cells)):
            sp = _cell(text, row, j)
            if sp is None:
                continue
            n, i = _span_says(text, sp[0], sp[1], who, forms)
            names.add(n)
            numbers.add(i)
        by_name, by_id = _pick(names), _pick(numbers)
    return _verdict(by_name, by_id, _birth_says(text, row, born, who))


def _people(cell: str) -> list[str]:
    """The people a cell of a people column names: several joined by " / " (a calendar's
    attendees), each without its role or status in parentheses ("Jane Roe
    (REQ-PARTICIPANT, ACCEPTED)" is Jane Roe); no staff member written with a credential
    ("Ann Lee, LCSW") and no number of people ("6": a head count)."""
    out: list[str] = []
    for part in _SEVERAL.split(cell):
        part = _QUALIFIED.sub("", part.strip(" *\"'")).strip(" *\"'")
        if not part or (not any(ch.isalpha() for ch in part) and not _ID.fullmatch(part)):
            continue
        tail = re.split(r"[ \t,]+", part)[-1]
        if " " in part and canonical_credential(tail) is not None:
            continue
        out.append(part)
    return out


def _person_says(person: str, who: _Who) -> tuple[str | None, str | None]:
    """What one person of a people column is: (by name, by identifier)."""
    m = _CLIENT.fullmatch(person) or _FIRST_LAST.fullmatch(person)
    if m is not None:
        return name_says(m.group("last"), m.group("first"), who) or "?", None
    if _INITIALS.fullmatch(person):
        return _initials_say(person, who) or "?", None
    if _ID.fullmatch(person):
        return None, _id_says(person, who, named_column=True) or "?"
    return "?", None  # "[REDACTED]", a name in a form not read


def _people_say(cell: str, who: _Who) -> tuple[str | None, str | None]:
    """What a cell of a people column says (by name, by identifier): the member when it
    names the member among others (a group's attendees), another client when everyone it
    names is someone else, ``"?"`` when anyone it names cannot be told; nothing when it
    names no one."""
    names: set[str | None] = set()
    ids: set[str | None] = set()
    for person in _people(cell):
        n, i = _person_says(person, who)
        names.add(n)
        ids.add(i)
    return _all_say(names), _all_say(ids)


def _all_say(said: set[str | None]) -> str | None:
    """What several people say together: the member when one is; else not told when one
    is not told; else another client."""
    for x in (MEMBER, "?", OTHER):
        if x in said:
            return x
    return None


def _by_most(layout: Layout, table: Table, named: int | None, who: _Who) -> _Who:
    """The member of ``table`` when the chart does not say who the member is: the one
    person its people column names in more than half the rows that name anyone (a
    calendar exported for one client, with a few events of others); else not known."""
    if who.known or named is None:
        return who
    counts: Counter[tuple[str, str]] = Counter()
    filled = 0
    for row in table.rows:
        sp = _cell(layout.text, row, named)
        people = _people(layout.text[sp[0] : sp[1]]) if sp is not None else []
        filled += bool(people)
        parsed = (_CLIENT.fullmatch(p) or _FIRST_LAST.fullmatch(p) for p in people)
        counts.update(
            {(norm(m.group("last")), norm(m.group("first")).strip(".")) for m in parsed if m}
        )
    top = [name for name, c in counts.items() if 2 * c > filled]
    return _Who((top[0],), who.ids) if len(top) == 1 else who


def _service_like(layout: Layout, row: Row) -> bool:
    """A row with a time or a date: a service's, whoever it was for; not a row of two
    different dates and no time (a period: a calendar's all-day closure "2025-03-05
    2025-03-06 PROGRAM CLOSED", an episode)."""
    text = layout.text
    dates: set[object] = set()
    for i in row.lines:
        line = layout.lines[i]
        if next(times.find_time_ranges(text, line.cstart, line.cend), None) is not None:
            return True
        dates |= {d.date for d in find_dates(text, line.cstart, line.cend)}
        if any(c.form != "bare" for c in times.find_clock_times(text, line.cstart, line.cend)):
            return True
    return len(dates) == 1


def _find(layout: Layout) -> ClientRows:
    who = _who(layout)
    text = layout.text
    member: set[int] = set()
    others: set[int] = set()
    unknown: set[int] = set()
    # each table's rows: (row, what it says), whether it lists clients, how it writes them
    tables: list[tuple[list[tuple[Row, str | None]], bool, set[Form]]] = []
    confirmed: set[Form] = set()  # how the lists naming the member and others write names
    for table in layout.tables:
        named = _client_column(layout, table)
        ids = person_column(layout, table)
        headed = named is not None or ids is not None
        forms: set[Form] = set()
        mine = _by_most(layout, table, named, who)
        cols = (named, ids, _birth_column(layout, table))
        said = [(row, _row_says(layout, row, mine, cols, forms)) for row in table.rows]
        kinds = {s for _, s in said if s is not None}
        clients = _distinct_clients(layout, table, named) if headed else 0
        both = MEMBER in kinds and OTHER in kinds
        listed = (
            both
            or (headed and (clients >= 2 or OTHER in kinds))
            or (table.header is None and _names_clients(layout, table, said))
        )
        if both or (listed and table.header is None):
            confirmed |= forms
        tables.append((said, listed, forms))
    # lines outside tables that are one client's entry
    lines: list[tuple[int, str | None]] = []
    line_forms: set[Form] = set()
    for line in layout.lines:
        if not line.is_text or layout.in_table(line.index) or line.cend - line.cstart > 300:
            continue
        if not _entry_line(layout, line.index):
            continue
        by_name, by_id = _span_says(text, line.cstart, line.cend, who, line_forms)
        said_line = _verdict(by_name, by_id)
        if said_line is not None:
            lines.append((line.index, said_line))
    kinds_lines = {s for _, s in lines}
    if MEMBER in kinds_lines and OTHER in kinds_lines:
        confirmed |= line_forms
    if not confirmed and not any(listed for _, listed, _ in tables):
        return _NONE
    for said, listed, forms in tables:
        # in a document that lists clients, a table that names clients as its lists do
        # (a day sheet on which the member does not appear)
        if not (listed or (forms & confirmed and any(s is not None for _, s in said))):
            continue
        for row, s in said:
            rows = set(row.lines)
            if s == MEMBER:
                member |= rows
            elif s == OTHER:
                others |= rows
            elif _service_like(layout, row):
                unknown |= rows
    if confirmed:
        for i, s in lines:
            if s == MEMBER:
                member.add(i)
            elif s == OTHER:
                others.add(i)
    return ClientRows(frozenset(member), frozenset(others), frozenset(unknown))


_NEXT_WORD = re.compile(r"[ \t,]*([A-Za-z][A-Za-z.\-]*)")


def _credential_after(text: str, start: int, end: int) -> bool:
    """A credential right after a name ("Beaumont, Victor LCSW"): a staff member's."""
    m = _NEXT_WORD.match(text, start, end)
    return m is not None and canonical_credential(m.group(1)) is not None


def _names_clients(layout: Layout, table: Table, said: list[tuple[Row, str | None]]) -> bool:
    """A table with no header whose rows each name one client, written "LAST, First" in
    the same column, two or more different ones (a billing journal's lines of several
    patients: "BAUTISTA, NOLAN  959454  20250623 ..."): a list of several clients. A name
    with its credential after it ("Beaumont, Victor LCSW") is a staff member's, no client's."""
    text = layout.text
    named: set[tuple[str, str]] = set()
    columns: set[int] = set()
    rows = 0
    for row, _ in said:
        found = [
            (j, m)
            for j in range(len(row.cells))
            if (sp := _cell(text, row, j)) is not None
            for m in _names(text, sp[0], sp[1])
            if not _credential_after(text, m.end(), sp[1])
        ]
        if len(found) == 1:
            rows += 1
            columns.add(found[0][0])
            named.add((norm(found[0][1].group("last")), norm(found[0][1].group("first"))))
    return len(named) >= 2 and len(columns) == 1 and rows * 2 >= len(said)


def _entry_line(layout: Layout, i: int) -> bool:
    """A line that may be one client's entry of a list of services: it has a time range
    and names at most one client (a line naming several, "Present: Doe, Jane; Roe, Rick",
    or a wrapped part of such a list, is a roster's: :mod:`extract.records.roster`)."""
    text = layout.text
    line = layout.lines[i]
    if ";" in text[line.cstart : line.cend]:
        return False
    if next(times.find_time_ranges(text, line.cstart, line.cend), None) is None:
        return False
    named = [m for m in _CLIENT.finditer(text, line.cstart, line.cend) if not _staff(m)]
    return len(named) <= 1


def _distinct_clients(layout: Layout, table: Table, named: int | None) -> int:
    """How many different clients the client (or person id) column of ``table`` names."""
    text = layout.text
    j = named if named is not None else person_column(layout, table)
    if j is None:
        return 0
    return len(
        {
            norm(person)
            for row in table.rows
            if (sp := _cell(text, row, j)) is not None
            for person in _people(text[sp[0] : sp[1]])
        }
    )


__all__ = ["MEMBER", "OTHER", "ClientRows", "client_rows", "name_says"]
