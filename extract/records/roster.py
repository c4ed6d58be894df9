"""Roster lines: a line that lists one person and that person's status.

A sign-in sheet, a census or a group note's roster lists several people, each on a line
that begins with a name and goes on with a status: ``Castillo, Avery Present In person``,
``- Jane Doe | No-show``. The member's own line says the member's status; the other lines
say nothing about the member, so no reader may take a status, a modality or a time from
them (a "No-show" on another client's line is not the member's no-show).

A status list is a field whose label is a status, with or without a count, and whose
value lists names (``Present (6): Eskildsen, Jasper; Kowalczyk, Yara; ...``, wrapped onto
the lines that follow until the next field): the member's status is the label of the list
that names the member; the lists that do not name the member are about others.

A line is a roster line when a name (``Last, First`` or ``First [M.] Last``, capitalized)
opens it and a status (an attendance phrase or code of ``services.yaml``) follows the
name at once. A document's lines about others count only when it holds at least two
roster lines (a roster lists several people); the member's own line always counts. The
member is named by a member label of the document or of the chart
(:func:`extract.values.legend.member_names`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from core.facts import Attendance
from extract.layout import Layout, chart_memo
from extract.records.clients import client_rows
from extract.records.relations import member_ids
from extract.values import times
from extract.values.legend import chart_member_names, member_labels, member_names
from extract.values.vocab import vocab
from extract.vocab.letters import name_pattern
from extract.vocab.phrases import norm

_NAME = re.compile(
    name_pattern(
        r"[ \t]*(?:[-*•][ \t]+)?"
        r"(?P<name>[\p{Lu}][\p{L}'’\-]+,[ \t]+[\p{Lu}][\p{L}'’\-]+(?:[ \t]+[\p{Lu}]\.?)?"
        r"|[\p{Lu}][\p{L}'’\-]+(?:[ \t]+[\p{Lu}]\.)?[ \t]+[\p{Lu}][\p{L}'’\-]+)"
        r"(?:[ \t]*[|:–—-][ \t]*|[ \t]+)"
    )
)
_TOKEN = re.compile(r"[^\s(,;|]+")
_INITIAL = re.compile(name_pattern(r"[ \t]+[\p{Lu}]\.?$"))


@dataclass(frozen=True, slots=True)
class RosterLine:
    """Line ``line`` lists ``name`` (normalized); its status begins at ``rest``."""

    line: int
    name: str
    name_start: int
    name_end: int
    rest: int
    member: bool


_T = TypeVar("_T")


def _per_chart(name: str, layout: Layout, compute: Callable[[Layout], _T]) -> _T:
    """``compute(layout)``, kept for the chart being read (what it finds depends on the
    chart's member names, so it is never kept across charts); computed afresh outside a
    chart read."""
    memo = chart_memo()
    if memo is None:
        return compute(layout)
    cache = memo.setdefault(name, {})
    assert isinstance(cache, dict)
    hit = cache.get(id(layout))
    if hit is not None and hit[0] is layout:
        return hit[1]  # type: ignore[no-any-return]
    found = compute(layout)
    cache[id(layout)] = (layout, found)
    return found


def roster_lines(layout: Layout) -> dict[int, RosterLine]:
    """The roster lines of ``layout`` by line index (module docstring)."""
    return _per_chart("roster_lines", layout, _find)


def _find(layout: Layout) -> dict[int, RosterLine]:
    v = vocab()
    text = layout.text
    names = member_names(layout) | chart_member_names()
    out: dict[int, RosterLine] = {}
    for line in layout.lines:
        if not line.is_text or line.cend - line.cstart > 200:
            continue
        m = _NAME.match(text, line.cstart, line.cend)
        if m is None or any(
            v.member_words.exact(w.strip(",")) is not None for w in m.group("name").split()
        ):  # "Client DNA – no contact": the member's charting, not a name
            continue
        if all(
            v.attendance_values.exact(w.strip(",")) is not None for w in m.group("name").split()
        ):
            continue  # "Present Absent No-show X Cancelled": a form's choices, not a name
        rest = m.end()
        name = norm(m.group("name"))
        name_end = m.end("name")
        initial = _INITIAL.search(m.group("name"))
        if name not in names and initial is not None:
            # "Marchetti, Quinn T 09:30": the member and a status code, not a middle initial
            bare = norm(m.group("name")[: initial.start()])
            if bare in names:
                name, name_end = bare, m.start("name") + initial.start()
                after = text[name_end : line.cend]
                rest = name_end + len(after) - len(after.lstrip(" \t"))
        status = v.attendance_values.earliest(text, rest, line.cend)
        if status is None or status[0] != rest:
            token = _TOKEN.match(text, rest, line.cend)
            if token is None or (
                v.attendance_codes.exact(token.group(0)) is None
                and not (name in names and _own_row(text, token, line.cend))
            ):
                continue
        out[line.index] = RosterLine(
            line.index, name, m.start("name"), name_end, rest, name in names
        )
    if len(out) < 2:
        return {i: r for i, r in out.items() if r.member}
    return out


# a status code this vocabulary does not know, as a roster's column writes it ("T", "LE")
_CODE = re.compile(r"[A-Z]{1,3}")
# ... not an identifier after the member's name in a banner ("Doe, Jane  DOB ...")
_IDENTIFIERS = frozenset({"DOB", "MRN", "ID", "SSN", "AGE", "SEX"})


def _own_row(text: str, token: re.Match[str], end: int) -> bool:
    """Whether the member's name, then ``token``, opens a row of the member's own
    attendance in a roster whose status code is not one of the vocabulary's ("Marchetti,
    Quinn  T  09:30  10:30  Minimal"): a short code, then the member's clock times."""
    code = token.group(0)
    if not _CODE.fullmatch(code) or code in _IDENTIFIERS:
        return False
    return next(times.find_clock_times(text, token.end(), end), None) is not None


@dataclass(frozen=True, slots=True)
class StatusList:
    """Lines ``first``..``last`` list people whose status is ``status`` (the label at
    ``label_start``:``label_end``); ``member`` is where the member's name is in it, if it
    is."""

    first: int
    last: int
    status: Attendance
    label_start: int
    label_end: int
    member: tuple[int, int] | None


_COUNT = re.compile(r"\s*\([^)]*\)$")  # "Present (6)", "Absent (excused)"
_SEPARATORS = re.compile(r"[;,]")


def status_lists(layout: Layout) -> tuple[StatusList, ...]:
    """The status lists of ``layout`` (module docstring), in text order."""
    return _per_chart("status_lists", layout, _find_lists)


def _find_lists(layout: Layout) -> tuple[StatusList, ...]:
    v = vocab()
    text = layout.text
    names = member_names(layout) | chart_member_names()
    out: list[StatusList] = []
    n = len(layout.lines)
    for i, fields in enumerate(layout.fields_by_line):
        for k, f in enumerate(fields):
            if f.empty:
                continue
            status = v.attendance_values.exact(_COUNT.sub("", f.key))
            if status is None or not _lists_names(text, f.start, f.end):
                continue
            # the value runs on over the next lines until a field, a heading or a break
            last, end = i, f.end
            if k == len(fields) - 1:
                j = i + 1
                while (
                    j < n
                    and layout.lines[j].is_text
                    and not layout.fields_by_line[j]
                    and (
                        # a wrapped list of names may look like a title: it has semicolons
                        layout.headings[j] is None
                        or ";" in text[layout.lines[j].cstart : layout.lines[j].cend]
                    )
                    and _SEPARATORS.search(text, layout.lines[j].cstart, layout.lines[j].cend)
                ):
                    last, end = j, layout.lines[j].cend
                    j += 1
            at = text.find(f.label, f.label_start, f.start)
            label = (at, at + len(f.label)) if at >= 0 else (f.label_start, f.start)
            out.append(
                StatusList(i, last, status, label[0], label[1], _named(text, f.start, end, names))
            )
    return tuple(out)


# a person's name as rosters write it: "Doe, Jane (M.)" or "Jane (M.) Doe"
LAST_FIRST = name_pattern(r"[\p{Lu}][\p{L}'’\-]+,[ \t]+[\p{Lu}][\p{L}'’\-]+(?:[ \t]+[\p{Lu}]\.?)?")
_PERSON = re.compile(
    LAST_FIRST
    + name_pattern(r"|[\p{Lu}][\p{L}'’\-]+(?:[ \t]+[\p{Lu}]\.)?[ \t]+[\p{Lu}][\p{L}'’\-]+")
)


def _lists_names(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lists names: most of its ``;``-separated items are a
    name ("Drummond, Hollis; Rosenthal, Morgan (left 4:00 PM)"), not words about the
    client ("the client did not attend; an outreach call went to voicemail")."""
    parts = re.findall(r"(?:[^;(]|\([^)]*\)?)+", text[start:end])
    items = [re.sub(r"\([^)]*\)?", "", x).strip() for x in parts]
    items = [x for x in items if x]
    named = sum(1 for x in items if _PERSON.fullmatch(x) is not None)
    return bool(items) and 2 * named >= len(items) and named >= 1


def _named(text: str, start: int, end: int, names: frozenset[str]) -> tuple[int, int] | None:
    """Where one of ``names`` is listed in ``text[start:end]`` (items between ``;``)."""
    # items between semicolons outside parentheses ("Rosenthal, Morgan (late; video)")
    for item in re.finditer(r"(?:[^;(]|\([^)]*\)?)+", text[start:end]):
        s, e = start + item.start(), start + item.end()
        words = norm(re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", "", text[s:e])).strip())
        if words in names:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            return s, e
    return None


_LAST_FIRST = re.compile(
    name_pattern(
        r"\b[\p{Lu}][\p{Ll}'’\-]+(?:-[\p{Lu}][\p{Ll}'’]+)?,"
        r"[ \t]+[\p{Lu}][\p{Ll}'’\-]+\b(?![ \t]*\()"
    )
)


def about_others(layout: Layout) -> frozenset[int]:
    """The lines of ``layout`` about people other than the member: roster lines and status
    lists of others, and, in a document that lists several clients (two roster lines of
    others, or a status list that does not name the member), a line that names a client
    as ``Last, First`` and does not name the member ("4:30 PM - 5:20 PM Fairweather, Gwen
    Individual therapy Quinn Nakamura, LMHC Kept"; staff are written with credentials)."""
    return _per_chart("about_others", layout, _about_others)


def _about_others(layout: Layout) -> frozenset[int]:
    rosters = roster_lines(layout)
    lists = status_lists(layout)
    out = {i for i, r in rosters.items() if not r.member}
    for x in lists:
        if x.member is None:
            out.update(range(x.first, x.last + 1))
    out |= _other_clients_blocks(layout)
    out |= other_client_breaks(layout)
    out |= _others_marked(layout)
    several = sum(1 for r in rosters.values() if not r.member) >= 2 or any(
        x.member is None for x in lists
    )
    if several:
        text = layout.text
        names = member_names(layout) | chart_member_names()
        listed = {i for x in lists for i in range(x.first, x.last + 1)}
        for line in layout.lines:
            i = line.index
            if not line.is_text or i in out or i in rosters or i in listed:
                continue
            found = [norm(m.group(0)) for m in _LAST_FIRST.finditer(text, line.cstart, line.cend)]
            if found and not any(n in names for n in found):
                low = norm(text[line.cstart : line.cend])
                if not any(n in low for n in names if n):
                    out.add(i)
    return frozenset(out)


# a client's key line of a report sorted by client: an identifier (letters and six or more
# digits), then the client's name as "LAST, FIRST" (any case, accented letters), at the
# line's start ("  K89184018  BEAUMONT, TOMÁS   ADMIT 12/02/25", "A2828  HATHAWAY, NOLAN
# (CONT)")
_CLIENT_KEY = re.compile(
    r"[ \t]*(?:[01+\-][ \t]+)?(?P<id>[A-Z]{0,3}\d{6,12})[ \t]{2,}"
    r"(?P<name>[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*,[ \t]*[^\W\d_]+)"
)


@dataclass(frozen=True, slots=True)
class ClientBlock:
    """The lines ``first`` to ``last`` of a report sorted by client are client ``key``'s
    (from its key line up to the next client's)."""

    key: str
    name: str
    first: int
    last: int


def client_blocks(layout: Layout) -> tuple[ClientBlock, ...]:
    """The clients' blocks of a report printed with control breaks by client: each
    client's identifier and name are printed on the client's first line (and again after a
    page break, as the same identifier), the client's lines follow with those columns
    blank, up to the next client's key line. Empty unless two or more clients are keyed."""
    text = layout.text
    keys: list[tuple[int, str, str]] = []
    for line in layout.lines:
        if not line.is_text:
            continue
        m = _CLIENT_KEY.match(text, line.start, line.cend)
        if m is not None:
            keys.append((line.index, m.group("id"), norm(m.group("name"))))
    if len({k for _, k, _ in keys}) < 2:
        return ()
    out: list[ClientBlock] = []
    for n, (i, key, name) in enumerate(keys):
        if out and out[-1].key == key:
            continue  # the same client again after a page break
        nxt = next((j for j, k, _ in keys[n + 1 :] if k != key), len(layout.lines))
        out.append(ClientBlock(key, name, i, nxt - 1))
    return tuple(out)


def other_client_breaks(layout: Layout) -> set[int]:
    """Other clients' rows of a list of several clients' services
    (:func:`extract.records.clients.client_rows`), and the lines of a report sorted by
    client (:func:`client_blocks`) in the blocks of clients other than the member. The
    member is the client the chart names (a member label's name, or the member's id of the
    chart's tables or of a banner); when the chart names no one,
    the client whose block holds more service lines (lines with a time range) than all the
    others together (the pages filed for a client begin with the end of the previous
    client's lines and end with the start of the next's). When neither tells, nothing is
    set aside."""
    listed = set(client_rows(layout).others)  # other clients' rows of a list of services
    blocks = client_blocks(layout)
    if not blocks:
        return listed
    names = member_names(layout) | chart_member_names()
    ids = member_ids(layout)
    mine = {b.key for b in blocks if b.key in ids or b.name in names}
    if not mine:
        # each client's service lines: the lines of its block that hold a time range
        text = layout.text
        size = {b.key: 0 for b in blocks}
        for b in blocks:
            for i in range(b.first, b.last + 1):
                line = layout.lines[i]
                if next(times.find_time_ranges(text, line.cstart, line.cend), None) is not None:
                    size[b.key] += 1
        top = max(size, key=lambda k: size[k])
        if 2 * size[top] > sum(size.values()):
            mine = {top}
    if not mine:
        return listed
    return listed | {i for b in blocks if b.key not in mine for i in range(b.first, b.last + 1)}


# a person's name ending a label, before its colon ("Attendance mark for John Roe: ABSENT")
_NAMED_LABEL = re.compile(
    name_pattern(
        r"(?<![\p{L}])(?P<name>[\p{Lu}][\p{L}'’\-]+,[ \t]+[\p{Lu}][\p{L}'’\-]+"
        r"|[\p{Lu}][\p{L}'’\-]+(?: [\p{Lu}]\.)? [\p{Lu}][\p{L}'’\-]+)[ \t]*:[ \t]*"
    )
)


def _others_marked(layout: Layout) -> set[int]:
    """Lines whose label ends with the name of someone other than the member over a status
    ("Host attendance mark for John Roe: NO SHOW", in the member's record): that person's
    status, not the member's. Only when the member's name is known (else whose it is is not
    known) and the name is no service's ("Process Group: cancelled")."""
    names = member_names(layout) | chart_member_names()
    if not names:
        return set()
    v = vocab()
    text = layout.text
    out: set[int] = set()
    for line in layout.lines:
        if not line.is_text or line.cend - line.cstart > 200:
            continue
        for m in _NAMED_LABEL.finditer(text, line.cstart, line.cend):
            name = norm(m.group("name"))
            if name in names or any(n and n in name for n in names):
                break  # the member's own status
            if (
                v.role_of(m.group("name").split()[-1]) is not None  # "Group Therapy Status:"
                or v.kinds.earliest(text, m.start("name"), m.end("name")) is not None
                or v.fallback_kinds.earliest(text, m.start("name"), m.end("name")) is not None
                or any(v.member_words.exact(w.strip(",")) for w in m.group("name").split())
            ):
                continue
            status = v.attendance_values.earliest(text, m.end(), line.cend)
            if status is not None and status[0] == m.end():
                out.add(line.index)
                break
    return out


def _other_clients_blocks(layout: Layout) -> set[int]:
    """In a document whose member labels name several people ("CLIENT: NOVAK, FRIEDA  DOB
    ..." under each group note), each label begins that client's block, up to the next
    label, heading or rule: the blocks of clients who are not the member (as the chart's
    other documents name the member) are about others."""
    labels = member_labels(layout)
    names = chart_member_names()  # empty: which block is the member's is not known
    if len({n for _, n in labels}) < 2:
        return set()
    out: set[int] = set()
    starts = {i for i, _ in labels}
    for i, name in labels:
        if name in names:  # (the chart's names hold both orders: "doe, jane", "jane doe")
            continue
        j = i
        while j < len(layout.lines):
            line = layout.lines[j]
            if j > i and (
                j in starts or line.kind.value == "rule" or layout.headings[j] is not None
            ):
                break
            out.add(j)
            j += 1
    return out


__all__ = [
    "LAST_FIRST",
    "ClientBlock",
    "RosterLine",
    "StatusList",
    "about_others",
    "client_blocks",
    "other_client_breaks",
    "roster_lines",
    "status_lists",
]
