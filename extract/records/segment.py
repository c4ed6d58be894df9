"""Segmenting a document's text (outside tables) into service records.

The rule is structural, not a template: a record is the stretch of lines around one date
of service, bounded by the strongest separators the document uses.

1. **Entries.** Two or more lines that each begin with a date and carry a service clue (a
   time, a duration, a service name, an attendance word) form a running list: each such
   line, with the lines that continue it, is one record ("10/6/25  Group  9:00-12:00  P").
2. **Notes.** Every other date of service (a date-of-service field, a dated heading, a
   date-led line) anchors a note. A note begins at its header block (the heading, title and
   field lines right above its date, and a lone heading above those) and runs to the next
   note. A second anchor starts a new note when its date differs, or when it repeats the
   first anchor's form (the same label, or a heading of the same kind) after some body, or
   when a separator (a rule, a page break, a numbered or rule-decorated heading) lies
   between. Anchors in one header block are one note.
3. **Parts.** A note that names two or more services each with its own time or duration
   (a line or a heading per service, or one sentence naming several with their times)
   documents one service per part; the part's own lines come first for every slot, then
   the note's header.
4. A document with no date of service but a sentence like "On 10/7/25 the member attended
   group" is one note dated by that sentence.

Lines before the first record are the document's preamble (program, member, a "Group:"
line): readers may take a service's kind, modality or staff from it, never its date or
times.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence

from core.facts import Attendance
from extract.layout import HeadingKind, Layout, LineKind
from extract.layout.lists import item_end
from extract.layout.sentences import open_parenthesis as _open_parenthesis
from extract.records.dates import (
    ANCHOR_ROLES,
    DateHit,
    DateRole,
    page_stamps,
    signature_line,
)
from extract.records.messages import message_headers, within_message
from extract.records.model import Anchor, RecordForm, ServiceRecord
from extract.records.roster import about_others
from extract.values import times
from extract.values.boxes import box_options, unread_boxes
from extract.values.dates import WEEKDAY_RUN, find_dates
from extract.values.legend import BILLING_CODE, leading_code, legend
from extract.values.vocab import vocab
from extract.vocab.lexicon import label_groups

_STRONG_HEADINGS = frozenset({HeadingKind.DECORATED, HeadingKind.NUMBERED})
_ROLE_RANK = {DateRole.SERVICE: 0, DateRole.HEADING: 1, DateRole.LEAD: 2}
_MAX_HEADER_LINES = 10
#: Fields of a note's body, and of its sign-off (lexicon label groups).
_BODY_GROUPS = frozenset({"response", "intervention", "goal_relation"})
_SIGN_OFF_GROUPS = frozenset({"facilitator"})


def _has_clue(layout: Layout, start: int, end: int) -> bool:
    """A time, a duration, a service name or code, or an attendance word in the span."""
    v = vocab()
    text = layout.text
    return (
        next(times.find_time_ranges(text, start, end), None) is not None
        or next(times.find_durations(text, start, end), None) is not None
        or v.kinds.earliest(text, start, end) is not None
        or v.codes.earliest(text, start, end) is not None
        or v.attendance_values.earliest(text, start, end) is not None
    )


def _entry_lines(layout: Layout, hits: Sequence[DateHit]) -> list[DateHit]:
    """Date-led lines that form a running list (two or more, close together)."""
    lead = [
        h
        for h in hits
        if h.role is DateRole.LEAD
        and _has_clue(layout, h.end, layout.lines[h.line].cend)
        and not layout.fields_by_line[h.line]
    ]
    by_line: dict[int, DateHit] = {}
    for h in lead:
        by_line.setdefault(h.line, h)
    ordered = sorted(by_line.values(), key=lambda h: h.line)
    out: list[DateHit] = []
    run: list[DateHit] = []
    for h in [*ordered, None]:  # type: ignore[assignment]
        if (
            h is not None
            and run
            and h.line - run[-1].line <= 3
            and _continuous(layout, run[-1].line, h.line)
        ):
            run.append(h)
            continue
        if len(run) >= 2:
            out.extend(run)
        run = [h] if h is not None else []
    return out


def _continuous(layout: Layout, a: int, b: int) -> bool:
    """Lines between two entries are continuation text or blank (no heading, no field)."""
    return all(
        layout.headings[i] is None
        and not layout.fields_by_line[i]
        and not layout.in_table(i)
        and layout.lines[i].kind in (LineKind.TEXT, LineKind.BLANK)
        for i in range(a + 1, b)
    )


def _entry_end(layout: Layout, line: int, stop: int) -> int:
    """The last line of the entry starting at ``line``: its continuation lines (text lines
    before ``stop`` that are neither headings nor fields)."""
    last = line
    i = line + 1
    while i < stop and layout.lines[i].is_text and not layout.in_table(i):
        if layout.headings[i] is not None or layout.fields_by_line[i]:
            break
        last = i
        i += 1
    return last


def _label_groups(layout: Layout, i: int) -> frozenset[str]:
    groups = label_groups()
    return frozenset(g for f in layout.fields_by_line[i] for g in groups.get(f.key, ()))


def header_start(layout: Layout, line: int) -> int:
    """Where the header block of an anchor on ``line`` begins (see the module docstring).
    A note's body field ("Response: ...") never heads the note below it: the block begins
    under it, and under the staff fields that sign that body off ("Facilitator: ...")."""
    v = vocab()
    i = line
    k = 0
    while i > 0 and k < _MAX_HEADER_LINES:
        prev = i - 1
        p = layout.lines[prev]
        if not p.is_text or layout.in_table(prev):
            break
        if not (layout.fields_by_line[prev] or layout.headings[prev] is not None):
            break
        if signature_line(v, layout, prev):
            break
        if prev > 0 and layout.in_table(prev - 1):
            break  # a table's footer ("Members present: 5") is the table's, not the block's
        if _label_groups(layout, prev) & _BODY_GROUPS:
            # the note above's body: its sign-off lines below it are that note's too
            while i < line and _label_groups(layout, i) & _SIGN_OFF_GROUPS:
                i += 1
            break
        i, k = prev, k + 1
        h = layout.headings[prev]
        if h is not None and h.kind in _STRONG_HEADINGS:
            break  # "==== RECORD 2 of 44 ====" tops the block: the lines above are not its
    if i > 1 and _underline(layout, i - 1):
        return i - 2  # a title underlined by a rule ("GROUP NOTE" over "==========")
    j = i - 1
    while j >= 0 and layout.lines[j].kind is LineKind.BLANK:
        j -= 1
    if j >= 1 and _underline(layout, j):
        return j - 1
    if (
        0 <= j < i - 1
        and layout.headings[j] is not None
        and layout.headings[j].kind is not HeadingKind.LABEL  # type: ignore[union-attr]
        and (j == 0 or layout.lines[j - 1].is_break)
    ):
        return j
    return i


def _underline(layout: Layout, i: int) -> bool:
    """Line ``i`` is a rule under a title (a setext heading), not a separator."""
    h = layout.headings[i - 1] if i > 0 else None
    return (
        layout.lines[i].kind is LineKind.RULE and h is not None and h.kind is HeadingKind.UNDERLINED
    )


def _trailer(layout: Layout, first: int, last: int) -> bool:
    """Lines that only sign off the note above: fields and nothing else (no body, no time,
    no service)."""
    body = False
    for i in range(first, last + 1):
        line = layout.lines[i]
        if not line.is_text or layout.in_table(i):
            continue
        if not layout.fields_by_line[i] or layout.headings[i] is not None:
            body = True
            break
    return not body and not _has_clue(layout, layout.lines[first].cstart, layout.lines[last].cend)


def _strong_break(layout: Layout, a: int, b: int) -> bool:
    """A rule, a page break (also a form feed that begins a line), a page stamp (a fax
    banner) or a numbered / decorated heading on lines ``a``..``b``."""
    stamps = page_stamps(layout)
    for i in range(a, b + 1):
        line = layout.lines[i]
        if line.kind in (LineKind.RULE, LineKind.PAGE_BREAK) or i in stamps:
            return True
        if "\f" in layout.text[line.start : line.cstart]:
            return True
        h = layout.headings[i]
        if h is not None and h.kind in _STRONG_HEADINGS:
            return True
    return False


def _form(layout: Layout, hit: DateHit) -> tuple[str, str]:
    """What an anchor looks like: its role and its label or heading kind."""
    if hit.role is DateRole.SERVICE:
        return (hit.role.value, hit.label or "")
    h = layout.headings[hit.line]
    return (hit.role.value, h.kind.name if h is not None else "")


def _has_body(layout: Layout, a: int, b: int) -> bool:
    """Lines ``a``..``b`` hold text besides header fields and headings."""
    return any(
        layout.lines[i].is_text and not layout.fields_by_line[i] and layout.headings[i] is None
        for i in range(a, b + 1)
    ) or any(
        not f.empty and len(layout.text[f.start : f.end]) > 40
        for i in range(a, b + 1)
        for f in layout.fields_by_line[i]
    )


def note_records(
    layout: Layout, hits: Sequence[DateHit], lines: Sequence[int]
) -> tuple[list[ServiceRecord], tuple[int, int] | None]:
    """The note and entry records of ``lines`` (the document's lines outside tables), and
    the preamble's line range."""
    allowed = set(lines)
    free_hits = [h for h in hits if h.line in allowed]
    entries = _entry_lines(layout, free_hits)
    entry_lines = {h.line for h in entries}
    anchors = [h for h in free_hits if h.role in ANCHOR_ROLES and h.line not in entry_lines]
    records: list[ServiceRecord] = []
    n = len(layout.lines)
    starts: list[tuple[int, str, DateHit | None]] = []  # (first line, kind, anchor)
    # notes: group anchors
    groups: list[list[DateHit]] = []
    bests: list[DateHit] = []  # each group's anchor of the strongest role (kept as it grows)

    def new_group(h: DateHit) -> None:
        groups.append([h])
        bests.append(h)

    def join(h: DateHit) -> None:
        groups[-1].append(h)
        if _ROLE_RANK[h.role] < _ROLE_RANK[bests[-1].role]:
            bests[-1] = h

    for h in anchors:
        if not groups:
            new_group(h)
            continue
        cur = groups[-1]
        first_hit = cur[0]
        best = bests[-1]
        if h.date != best.date:
            if h.line == cur[-1].line:
                join(h)  # "Date: 10/8/25 (DOS 10/7/25)": one header line
            else:
                new_group(h)
            continue
        h_head = header_start(layout, h.line)
        header_lines = range(cur[-1].line, h.line + 1)
        if all(
            layout.lines[i].is_text and (layout.fields_by_line[i] or layout.headings[i])
            for i in header_lines
        ):
            join(h)  # the same header block
            continue
        if _strong_break(layout, cur[-1].line + 1, max(h_head - 1, cur[-1].line + 1)):
            new_group(h)
            continue
        if _form(layout, h) == _form(layout, first_hit) and _has_body(
            layout, first_hit.line + 1, h_head - 1
        ):
            new_group(h)
            continue
        join(h)
    for k, g in enumerate(groups):
        best = min(g, key=lambda x: (_ROLE_RANK[x.role], x.start))
        head = header_start(layout, g[0].line)
        stop = header_start(layout, groups[k + 1][0].line) if k + 1 < len(groups) else n
        if starts and _trailer(layout, head, min(stop, n) - 1):
            continue  # "Clinician: ...  Date: ..." under a note: that note's sign-off
        starts.append((head, "note", best))
    for h in entries:
        starts.append((h.line, "entry", h))
    starts.sort(key=lambda s: s[0])
    if not starts:
        prose = _prose_anchor(layout, free_hits)
        if prose is None:
            return [], (lines[0], lines[-1]) if lines else None
        first, last = lines[0], lines[-1]
        rec = ServiceRecord(
            layout, RecordForm.NOTE, first, last, Anchor.of(prose, "prose"), "note.prose-date"
        )
        return [rec], None
    preamble = _preamble(layout, lines[0], starts[0][0] - 1) if lines else None
    headers = message_headers(layout)
    for k, (first, kind, hit) in enumerate(starts):
        assert hit is not None
        stop = starts[k + 1][0] if k + 1 < len(starts) else n
        if kind == "entry":
            last = _entry_end(layout, first, stop)
            rec = ServiceRecord(
                layout, RecordForm.ENTRY, first, last, Anchor.of(hit, "date-led"), "entry.date-led"
            )
        else:
            last = stop - 1
            if headers:  # a message thread: the record stays in its message
                first, last = within_message(headers, first, hit.line, last)
            while last > first and not layout.lines[last].is_text:
                last -= 1
            how = {
                DateRole.SERVICE: "dos-field",
                DateRole.HEADING: "heading",
                DateRole.LEAD: "date-led",
            }[hit.role]
            rec = ServiceRecord(
                layout, RecordForm.NOTE, first, last, Anchor.of(hit, how), f"note.{how}"
            )
        rec.context = preamble
        records.append(rec)
    return records, preamble


def _preamble(layout: Layout, first: int, last: int) -> tuple[int, int] | None:
    """The lines before the first record (a document's title, program, member, "Group:"
    line), up to the first page break."""
    stop = last
    for i in range(first, last + 1):
        if layout.lines[i].kind is LineKind.PAGE_BREAK:
            stop = i - 1
            break
    return (first, stop) if first <= stop else None


def _prose_anchor(layout: Layout, hits: Sequence[DateHit]) -> DateHit | None:
    """ "On 10/7/25 the member attended group": a prose date in a sentence that says the
    member attended (or missed) a service."""
    v = vocab()
    text = layout.text
    for h in hits:
        if h.role is not DateRole.PROSE:
            continue
        line = layout.lines[h.line]
        before = text[max(line.cstart, h.start - 20) : h.start].lower()
        if not before.rstrip().endswith(("on", "on the")) and "on " not in before[-12:]:
            continue
        if v.attendance_narrative.earliest(text, line.cstart, line.cend) is not None:
            return h
    return None


_MARK = re.compile(r"[ \t]*(?:[-*•·>]|\+(?=[ \t])|\d{1,2}[.)]|#{1,6}|\*\*)[ \t]*")


def _mark_end(text: str, s: int, e: int) -> int:
    """Where a line's list mark ("-", "1.", "##", "**") ends (``s`` when it has none)."""
    m = _MARK.match(text, s, e)
    return m.end() if m is not None else s


# between a service's name and its time: a few joining words, or a short aside in
# parentheses ("Case mgmt (housing/benefits) 0845-0915")
_NEAR = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:(?:at|from|on|,|-|–|—|\(|:)[ \t]*){0,2}")


def _own_time(layout: Layout, first: int, last: int) -> bool:
    """Lines ``first``..``last`` state a time or duration of their own (a field, or a range
    or duration on a line not about another day)."""
    v = vocab()
    text = layout.text
    for i in range(first, last + 1):
        line = layout.lines[i]
        if not line.is_text:
            continue
        if any(
            v.role_of(f.label) in ("time", "start", "duration", "units")
            for f in layout.fields_by_line[i]
        ):
            return True
        when = next(times.find_time_ranges(text, line.cstart, line.cend), None) or next(
            times.find_durations(text, line.cstart, line.cend), None
        )
        if when is not None and v.not_current.earliest(text, line.cstart, when.end) is None:
            return True
    # a length wrapped onto the next line ("... and lasted an" / "hour and a half."): the
    # block's sentences, each read whole
    for s, e in layout.sentences(first, last):
        if layout.line_at(s) == layout.line_at(max(s, e - 1)):
            continue  # a one-line sentence: read above
        d = next(times.find_durations(text, s, e), None)
        if d is not None and v.not_current.earliest(text, s, d.end) is None:
            return True
    # a plan in the past told with how it was missed ("You were scheduled for ... It was
    # planned for an hour. ... recorded as a no-show"): the missed service's own length
    s, e = layout.lines[first].cstart, layout.lines[last].cend
    told = next(times.find_time_ranges(text, s, e), None) or next(
        times.find_durations(text, s, e), None
    )
    return (
        told is not None
        and bool(list(v.missed_plan.matches(text, s, e)))
        and (not _plan_or_past(layout, s, e))
    )


def _heading_parts(layout: Layout, rec: ServiceRecord) -> list[int]:
    """Headings or list items that name a service ("SESSION 2 - Psychoeducation ...",
    "1. Process Group ...", "**DBT group, 75 min**"), each over a block with a time of its
    own."""
    v = vocab()
    text = layout.text
    heads: list[int] = []
    for i in rec.lines():
        if i == rec.anchor_line or layout.in_table(i) or not layout.lines[i].is_text:
            continue
        line = layout.lines[i]
        marked = (
            layout.headings[i] is not None or _mark_end(text, line.cstart, line.cend) > line.cstart
        )
        if not marked:
            continue
        named = (
            v.kinds.earliest(text, line.cstart, line.cend)
            or v.codes.earliest(text, line.cstart, line.cend)
            or leading_code(layout, line.cstart, line.cend)  # a code the document defines
        )
        if named is not None and _current_or_missed(text, line.cstart, line.cend):
            heads.append(i)
    # numbered headings of services ("GROUP 1", "GROUP 2"; "SESSION 1 - ..."), each over a
    # block with a time of its own outside a table (a table's rows are read as rows): one
    # service each, even where the heading names no kind (the block's fields and boxes do)
    numbered = [
        i
        for i in rec.lines()
        if i != rec.anchor_line
        and not layout.in_table(i)
        and layout.headings[i] is not None
        and layout.headings[i].kind is HeadingKind.NUMBERED  # type: ignore[union-attr]
    ]
    if len(numbered) >= 2 and all(
        any(
            not layout.in_table(i) and _own_time(layout, i, i)
            for i in range(h, (numbered[k + 1] - 1) if k + 1 < len(numbered) else rec.last + 1)
        )
        for k, h in enumerate(numbered)
    ):
        return numbered
    # headings naming a service, each block but the last closed by its own signature
    # ("GROUP PSYCHOTHERAPY NOTE ... Electronically signed by ..." then "FAMILY THERAPY
    # NOTE ..."): one note each, even without a time
    if len(heads) >= 2 and all(
        _signed_at_end(layout, h + 1, heads[k + 1] - 1) for k, h in enumerate(heads[:-1])
    ):
        return heads
    timed = [
        h
        for k, h in enumerate(heads)
        if _own_time(layout, h, (heads[k + 1] - 1) if k + 1 < len(heads) else rec.last)
    ]
    if len(timed) >= 2:
        return timed
    # headings of one kind below the note's date, each over its own body ("TRAUMA PROCESS
    # GROUP 3:30-5:00 PM ..." then "SEEKING SAFETY SKILLS GROUP ..."): one service each,
    # even where one states no time (a service of unknown length)
    below = [h for h in heads if h > rec.anchor_line and layout.headings[h] is not None]
    kinds = {layout.headings[h].kind for h in below}  # type: ignore[union-attr]
    if (
        len(below) >= 2
        and len(kinds) == 1
        and timed
        and all(
            _has_body(layout, h + 1, (below[k + 1] - 1) if k + 1 < len(below) else rec.last)
            for k, h in enumerate(below)
        )
    ):
        return below
    return []


def _current_or_missed(text: str, s: int, e: int) -> bool:
    """``text[s:e]`` is about this day, or its only words of a plan tell a plan in the past
    ("You were scheduled for ...": how it was missed may follow, :func:`_own_time`)."""
    v = vocab()
    found = list(v.not_current.matches(text, s, e))
    plans = list(v.missed_plan.matches(text, s, e))
    return all(any(a <= x < b for a, b, _ in plans) for x, _, _ in found)


def _signed_at_end(layout: Layout, first: int, last: int) -> bool:
    """Whether the last text line of ``first``..``last`` is a signature line."""
    v = vocab()
    for i in range(last, first - 1, -1):
        if layout.lines[i].is_text:
            return signature_line(v, layout, i)
    return False


def _timed_lines(layout: Layout, rec: ServiceRecord) -> list[int]:
    """Lines that begin a service with its own time: a service name at the line's start
    with the time right after it ("Process group 9:00-10:30 AM (...)"), or a marked line
    (a heading, a bullet, a number) with a service name and a time."""
    v = vocab()
    text = layout.text
    found: list[int] = []
    for i in rec.lines():
        if i == rec.anchor_line or layout.in_table(i):
            continue
        line = layout.lines[i]
        if not line.is_text:
            continue
        s, e = line.cstart, line.cend
        fields = layout.fields_by_line[i]
        if fields and v.role_of(fields[0].label) in ("time", "start", "end", "duration", "date"):
            continue
        when: times.TimeRange | times.Duration | None = next(iter(_timed(text, s, e)), None)
        when = when or next(times.find_durations(text, s, e), None)
        if when is None:
            continue
        # about another day or a plan ("next group 9-10:30"): in the words up to the time
        if v.not_current.earliest(text, s, min(e, when.end + 12)) is not None:
            continue
        lead = _mark_end(text, s, e)
        # a code the document defines leading the line ("RG  930-11a ..."), else a name
        named = (
            leading_code(layout, lead, e)
            or v.kinds.earliest(text, lead, e)
            or v.codes.earliest(text, lead, e)
        )
        if named is None:
            continue
        marked = layout.headings[i] is not None or lead > s
        near = _NEAR.match(text, named[1], e)
        adjacent = named[0] <= lead + 1 and near is not None and near.end() == when.start
        if marked or adjacent:
            found.append(i)
    return found


def _part_lines(layout: Layout, rec: ServiceRecord, timed: list[int]) -> list[int]:
    """Where each of several services of a note begins: headings or list items naming a
    service over a block with its own time; lines beginning with a service and its time
    (``timed``: :func:`_timed_lines`); or each line where a repeated set of service / time
    labels begins again."""
    heads = _heading_parts(layout, rec)
    if len(timed) > len(heads) >= 2 and set(heads) <= set(timed):
        # lines of a service and its time, some set like headings ("90853 9:30a-11:00a
        # 9:30a 11:00a Kept 11 AA" in title case) and some not ("90847 ... No call / no
        # show"): every one begins a service
        return timed
    for found in (
        heads,
        timed,
        _repeated_label_parts(layout, rec),
        _paragraph_parts(layout, rec),
    ):
        if len(found) >= 2:
            return found
    return []


_SENTENCE_END = re.compile(r"[a-z]{2,}[.!?](?:\s|$)")
# a sentence's end in prose, after a word or a credential ("... led by J. Achebe, LPC.")
_PROSE_END = re.compile(r"[A-Za-z]{2,}[.!?](?:\s|$)")


def _about_another_time(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` is about another day or a plan (``not_current`` words), but not
    when its only such words tell a plan in the past (``missed_plan``: "You were scheduled
    for the Relapse Prevention Group") and it says how that service was missed ("recorded
    as a no-show"): that tells the missed service."""
    v = vocab()
    found = list(v.not_current.matches(text, s, e))
    if not found:
        return False
    plans = list(v.missed_plan.matches(text, s, e))
    if not plans or not all(any(a <= x < b for a, b, _ in plans) for x, _, _ in found):
        return True
    said = [*v.attendance_values.matches(text, s, e), *v.attendance_narrative.matches(text, s, e)]
    return not any(m[2] is not Attendance.ATTENDED for m in said)


def _leading_field(layout: Layout, i: int) -> bool:
    """Whether line ``i`` begins with a field's label ("Topic: ..."); a label after a
    sentence on its line ("There were four members present. Topic: asking for support.")
    is prose's."""
    line = layout.lines[i]
    lead = len(layout.text[line.cstart : line.cend]) - len(
        layout.text[line.cstart : line.cend].lstrip(" \t")
    )
    return any(
        f.label_start <= line.cstart + lead and _SENTENCE_END.search(f.label) is None
        for f in layout.fields_by_line[i]
    )


def _paragraph_parts(layout: Layout, rec: ServiceRecord) -> list[int]:
    """Paragraphs of prose that each tell one service with its time ("You took part in the
    CBT Group ... It ran from half past five until seven in the evening."): where each
    begins, when two or more do and no paragraph tells two."""
    v = vocab()
    text = layout.text
    starts: list[int] = []
    timed = 0
    for a, b in layout.paragraphs(rec.first, rec.last):
        s, e = layout.lines[a].cstart, layout.lines[b].cend
        if a == rec.anchor_line or _about_another_time(text, s, e):
            continue
        words = text[s:e].split()
        if (
            any(_leading_field(layout, i) for i in range(a, b + 1))
            or len(words) < 12
            or _PROSE_END.search(text, s, e) is None
            or sum(w[0].islower() for w in words) * 2 < len(words)
        ):
            continue  # sentences only: not a labeled block, a heading or a roster line
        names = {k for _, _, k in v.kinds.matches(text, s, e)}
        attended = v.attendance_narrative.found(text, s, e)
        told = len(list(times.find_time_ranges(text, s, e))) or len(
            list(times.find_durations(text, s, e))
        )
        if told == 1 and (names or attended):
            # a service with its time, named or not ("attended the first group of the
            # day, from five-thirty to seven in the evening": of unknown kind)
            starts.append(a)
            timed += 1
        elif told == 0 and names and attended:
            starts.append(a)  # a service told without its time ("from seven-ten to
            # [inaudible]"): of unknown length, never folded into the one before
        elif told > 1:
            return []  # a paragraph that tells several services: not one each
    return starts if timed else []


def _repeated_label_parts(layout: Layout, rec: ServiceRecord) -> list[int]:
    """ "Service: A / Time: 9-10:30 / Service: B / Time: 10:45-12": where the first label of
    the repeating service / time set occurs."""
    v = vocab()
    seen: dict[str, list[int]] = {}
    for i in rec.lines():
        for f in layout.fields_by_line[i]:
            role = v.role_of(f.label)
            if role in ("service", "time", "start", "duration"):
                seen.setdefault(f.key, []).append(i)
    repeated = [lines for lines in seen.values() if len(lines) >= 2]
    if not repeated:
        return []
    starts = min(repeated, key=lambda ls: ls[0])
    has_time = any(
        v.role_of(f.label) in ("time", "start", "duration")
        for i in rec.lines()
        for f in layout.fields_by_line[i]
    )
    return starts if has_time else []


def split_parts(rec: ServiceRecord) -> list[ServiceRecord]:
    """The parts of a note that documents several services (module docstring), or none."""
    layout = rec.layout
    timed = _timed_lines(layout, rec)
    part_lines = _part_lines(layout, rec, timed)
    if part_lines and _ranges_before(layout, rec, part_lines[0]):
        # a time range above the first part line, in no part: the lines are a sentence's
        # soft-wrapped lines that happen to begin with a service and its time ("Mon 3/3:
        # attended CBT Group 9-10am; attended" / "Psychoeducation Group 10:10-11:10am; ..."),
        # read as the sentence's services when that finds more
        inline = _inline_parts(rec)
        if len(inline) > len(part_lines):
            return inline
    if not part_lines:
        inline = _inline_parts(rec) or _sentence_parts(rec)
        part_lines = [] if inline else _only_timed_line(layout, rec, timed)
        if not part_lines:
            return inline or _menu_parts(rec)
    starts = [
        _with_heading_above(layout, rec, p, part_lines[k - 1] if k else None)
        for k, p in enumerate(part_lines)
    ]
    out: list[ServiceRecord] = []
    for k, first in enumerate(starts):
        last = starts[k + 1] - 1 if k + 1 < len(starts) else rec.last
        line = layout.lines[first]
        if layout.headings[first] is None and (
            _mark_end(layout.text, line.cstart, line.cend) > line.cstart
            or item_end(layout, first) is not None
        ):
            last = _item_end(layout, first, last)  # a list item ends with its continuation
        while last > first and not layout.lines[last].is_text:
            last -= 1
        closing: tuple[int, ...] = ()
        if k and k + 1 == len(starts) and all(p.last == part_lines[j] for j, p in enumerate(out)):
            # the last of the lines of a time record ("90853 5:30p-7:00p ... Kept 11 RR"
            # over "H2027 7:10p-8:40p ... Kept 11 RB"), each a part of one line: what
            # follows its line (the day's status, the rendering provider's signature) closes
            # the note
            closing = tuple(range(part_lines[k] + 1, last + 1))
        out.append(
            ServiceRecord(
                layout,
                RecordForm.PART,
                first,
                last,
                rec.anchor,
                f"{rec.style}.part",
                parent=rec,
                context=rec.context,
                closing=closing,
            )
        )
    inside = {i for p in out for i in p.lines()}
    shared = tuple(i for i in rec.lines() if i not in inside)
    for p in out:
        p.shared = shared
    return out


def _ranges_before(layout: Layout, rec: ServiceRecord, line: int) -> bool:
    """A time range on the note's lines above ``line``."""
    if line <= rec.first:
        return False
    s, e = layout.lines[rec.first].cstart, layout.lines[line - 1].cend
    return next(times.find_time_ranges(layout.text, s, e), None) is not None


def _only_timed_line(layout: Layout, rec: ServiceRecord, timed: list[int]) -> list[int]:
    """A note whose only line besides its dated heading is one list item or line naming a
    service with its time ("## 25/09/2025" over "- 13h00-14h30 · CBT Group · cancelled"),
    or whose one such line stands under a line of column names ("Code Scheduled In Out
    Status POS Staff" over "90853 9:30a-11:00a 9:45a 11:00a Kept 11 AA", a form's time
    record): that line is the service's record, as it would be among several."""
    if len(timed) != 1:
        return []
    if timed[0] - 1 >= rec.first and column_names(layout, timed[0] - 1):
        return timed
    others = [
        i for i in rec.lines() if layout.lines[i].is_text and i not in (timed[0], rec.anchor_line)
    ]
    return [] if others else timed


def column_names(layout: Layout, i: int) -> bool:
    """Whether line ``i`` is a line of column names whose blanks are single, as a PDF's
    text prints a table's header ("Code Scheduled In Out Status POS Staff"): four or more
    words and no digit, three or more of them naming a column's role."""
    line = layout.lines[i]
    if not line.is_text or layout.in_table(i):
        return False
    words = layout.text[line.cstart : line.cend].split()
    if len(words) < 4 or any(ch.isdigit() for w in words for ch in w):
        return False
    v = vocab()
    return sum(1 for w in words if v.role_of(w) is not None) >= 3


_MENU_CODE = re.compile(rf"(?:{BILLING_CODE})(?![\w])")
_CODE_AFTER = re.compile(rf"[ \t]*(?:{BILLING_CODE})(?![\w])")


def menu_options(layout: Layout, rec: ServiceRecord) -> list[tuple[int, int, int, bool]]:
    """The options of a form's pre-printed menu of billing codes in the note's own lines
    ("[X] 90853  Group psychotherapy  [ ] 90834  Psychotherapy, 38-52 min"): (line, start,
    end, ticked) of each option led by a code, on lines of two or more such options."""
    text = layout.text
    out: list[tuple[int, int, int, bool]] = []
    for i in rec.lines():
        line = layout.lines[i]
        if layout.in_table(i) or not line.is_text:
            continue
        options = box_options(text, line.cstart, line.cend) or []
        coded = [(i, s, e, t) for s, e, t in options if _MENU_CODE.match(text, s, e)]
        # a box with a mark not known ("[/] 90853") holds an option too
        unsure = [
            b for b in unread_boxes(text, line.cstart, line.cend) if _CODE_AFTER.match(text, b[1])
        ]
        if len(coded) + len(unsure) >= 2:
            out.extend(coded)
    return out


def option_kind(layout: Layout, s: int, e: int) -> bool:
    """Whether a menu's option names a service: its code (the document's own meaning of
    it, else the vocabulary's) or its words ("99213  E/M est. patient (med mgmt)"); a
    per-diem box ("S9480  IOP per diem") names none."""
    v = vocab()
    m = _MENU_CODE.match(layout.text, s, e)
    if m is not None and m.group(0) in legend(layout).services:
        return True
    return bool(v.codes.found(layout.text, s, e) or v.kinds.found(layout.text, s, e))


def _menu_parts(rec: ServiceRecord) -> list[ServiceRecord]:
    """A form's menu of billing codes with two or more services ticked, and no line of
    its own for each (a superbill without a time record): a part per ticked service, the
    option's words (:func:`menu_options`); the services' times are not written. Options
    not ticked say nothing; a menu with a mark that is neither a tick nor blank is read
    by no one (:func:`unread_boxes`)."""
    layout = rec.layout
    options = menu_options(layout, rec)
    if not options or any(
        unread_boxes(layout.text, layout.lines[i].cstart, layout.lines[i].cend)
        for i in {o[0] for o in options}
    ):
        return []
    ticked = [(i, s, e) for i, s, e, t in options if t and option_kind(layout, s, e)]
    if len(ticked) < 2:
        return []
    menu = {i for i, _, _, _ in options}
    shared = tuple(i for i in rec.lines() if i not in menu)
    out = []
    for i, s, e in ticked:
        # the code: its words define it ("Psychotherapy, 38-52 min" is no length of this
        # service), :func:`extract.values.legend.legend`
        e = _MENU_CODE.match(layout.text, s, e).end()  # type: ignore[union-attr]
        part = ServiceRecord(
            layout,
            RecordForm.PART,
            i,
            i,
            rec.anchor,
            f"{rec.style}.menu",
            parent=rec,
            span=(s, e),
            context=rec.context,
        )
        part.shared = shared
        out.append(part)
    return out


def _with_heading_above(layout: Layout, rec: ServiceRecord, line: int, previous: int | None) -> int:
    """A part begins at the heading right above its first line ("SESSION 2 - ..." over
    "Time: ..."), not below the previous part's start."""
    i = line
    while i - 1 > max(rec.first, previous if previous is not None else rec.first):
        above = i - 1
        if layout.lines[above].kind is LineKind.BLANK:
            break
        if layout.headings[above] is None or above == rec.anchor_line:
            break
        i = above
    return i


def _item_end(layout: Layout, first: int, last: int) -> int:
    """The last line of a list item: the items nested under it (:mod:`extract.layout.lists`),
    else its lines indented or continuing in lower case."""
    nested_end = item_end(layout, first)
    if nested_end is not None and nested_end > first:
        return min(nested_end, last)
    end = first
    for i in range(first + 1, last + 1):
        line = layout.lines[i]
        if not line.is_text or layout.fields_by_line[i] or layout.headings[i] is not None:
            break
        if line.indent == 0 and not layout.text[line.cstart].islower():
            break
        end = i
    return end


_FOR = re.compile(r"[ \t]+for[ \t]+(?:about[ \t]+|approximately[ \t]+)?")


def _timed(text: str, s: int, e: int) -> list[times.TimeRange]:
    """The time ranges of ``text[s:e]``, and each clock followed by "for" and a length
    ("from 10:10 AM for 60 minutes") as the range it gives, in text order."""
    ranges = list(times.find_time_ranges(text, s, e))
    # a clock right before "for" and a length is one (a dotted "19.10" too), a count is not
    for c in times.find_clock_times(text, s, e, loose=True):
        if c.form == "bare" or any(r.start <= c.start < r.end for r in ranges):
            continue
        m = _FOR.match(text, c.end, e)
        d = next(times.find_durations(text, m.end(), e), None) if m is not None else None
        if m is None or d is None or d.start != m.end() or d.minutes != int(d.minutes):
            continue
        begins = c.value.hour * 60 + c.value.minute
        ends = begins + int(d.minutes)
        if ends < 24 * 60:
            ranges.append(
                times.TimeRange(c.start, d.end, c, c, c.value, dt.time(ends // 60, ends % 60))
            )
    return sorted(ranges, key=lambda r: r.start)


def _inline_parts(rec: ServiceRecord) -> list[ServiceRecord]:
    """Several services told in a note's sentences, each with its own time range ("On 9/8
    he attended the process group from 9:00 to 10:30 AM ... He then attended the
    psychoeducation group from 10:45 to 11:45 AM"; "Relapse Prevention group 9:00-10:30 and
    DBT skills group 10:45-12:00"; a start and a length: "from 10:10 AM for 60
    minutes"): each range with the service named right before it (or,
    when the first has none before it, right after it). Two or more such pairs whose
    ranges do not overlap make a part each: the text from where the pair's sentence
    (or the previous pair) ends up to where the next begins. Otherwise: none."""
    v = vocab()
    layout = rec.layout
    text = layout.text
    pairs: list[tuple[int, int, int]] = []  # (boundary, range start, range end)
    ranges_all: list[times.TimeRange] = []
    clause_end: int | None = None  # where the last timed sentence ends, when read by clauses
    others = about_others(layout)
    for s, e in layout.sentences(rec.first, rec.last):
        if (
            v.not_current.earliest(text, s, e) is not None
            or WEEKDAY_RUN.search(text, s, e)
            or _HISTORY.search(text, s, e)
        ):
            # not about this day, a recurring schedule ("meet Mon/Wed/Fri, ..."), or the
            # past ("History: ... outpatient therapy 2021 to 2023")
            continue
        ranges = [r for r in _timed(text, s, e) if layout.line_at(r.start) not in others]
        clauses = _clause_pairs(text, s, e, ranges)
        if clauses is not None:
            pairs.extend(clauses)
            ranges_all.extend(r for r in ranges if any(r.start == c[1] for c in clauses))
            clause_end = e
            continue
        if ranges:
            clause_end = None
        if ranges and others:
            # a sentence that runs on from lines about other clients begins, for the
            # member, after the last of them
            first, at = layout.line_at(s), layout.line_at(ranges[0].start)
            about = [i for i in range(first, at) if i in others]
            if about:
                s = layout.lines[about[-1] + 1].cstart
        after: bool | None = None
        for k, r in enumerate(ranges):
            lo = ranges[k - 1].end if k else s
            hi = ranges[k + 1].start if k + 1 < len(ranges) else e
            before = list(v.kinds.matches(text, lo, r.start))
            if after is None:
                after = not before
            if after:
                m = v.kinds.earliest(text, r.end, hi)
                if m is None:
                    return []
            elif not before:
                return []
            # a service named after its time ("12:35 PM - 1:20 PM Castillo, Avery Family
            # therapy") begins at its time; one named before it, after the previous time,
            # at the clause that names it when one is joined on (", and attended ..."):
            # what follows the previous time up to there is the previous service's
            # ("from 1300 to 1430 hrs, facilitated by ..., with nine members present")
            boundary = r.start if after else s if k == 0 else ranges[k - 1].end
            if not after and k:
                joins = list(CLAUSE_JOIN.finditer(text, ranges[k - 1].end, before[0][0]))
                if joins:
                    boundary = joins[-1].start()
            pairs.append((boundary, r.start, r.end))
            ranges_all.append(r)
    if len(pairs) < 2:
        return []
    # the services follow one another: no two ranges overlap (a day sheet may list the
    # day's other appointments after its groups, an earlier one among them)
    by_start = sorted(ranges_all, key=lambda r: (r.begins, r.ends))
    disjoint = all(a.ends <= b.begins for a, b in itertools.pairwise(by_start))
    if not disjoint:
        return []
    # a service told in a clause of its own ends with its sentence: the team's progress
    # and plan after it are no service's
    last_end = layout.lines[rec.last].cend if clause_end is None else clause_end
    out = []
    for k, (start, _, _) in enumerate(pairs):
        end = pairs[k + 1][0] if k + 1 < len(pairs) else last_end
        while end > start and text[end - 1] in " \t\n":
            end -= 1
        line = layout.line_at(start)
        last = layout.line_at(max(start, end - 1))
        out.append(
            ServiceRecord(
                layout,
                RecordForm.PART,
                line,
                last,
                rec.anchor,
                f"{rec.style}.inline",
                parent=rec,
                span=(start, end),
                context=rec.context,
            )
        )
    return out


# a clause joined on to a sentence: ", and ...", ", then ...", "; ..."
CLAUSE_JOIN = re.compile(r",[ \t\n]*(?:and|then|and[ \t\n]+then)\b|;", re.IGNORECASE)


def _clause_pairs(
    text: str, s: int, e: int, ranges: list[times.TimeRange]
) -> list[tuple[int, int, int]] | None:
    """A sentence of services joined clause by clause (", and attended CBT Group (group
    psychotherapy) from 1445 to 1615 hrs, facilitated by ..., with six members present, and
    met with ... for individual psychotherapy from 1645 to 1730 hrs"): when every clause
    (:data:`CLAUSE_JOIN`) with a time range has exactly one, and names a service inside
    it, each such clause is a service's (boundary, range start, range end): from the
    clause's start (the first, from the sentence's), with the clauses after it that have
    no time. Otherwise ``None`` (the sentence is read range by range)."""
    if not ranges:
        return None
    bounds = [
        m.start()
        for m in CLAUSE_JOIN.finditer(text, s, e)
        if not _open_parenthesis(text, s, m.start())
    ]
    if not bounds:
        return None
    v = vocab()
    edges = [s, *bounds, e]
    out: list[tuple[int, int, int]] = []
    for a, b in itertools.pairwise(edges):
        inside = [r for r in ranges if a <= r.start < b]
        if not inside:
            continue
        told = [r for r in inside if not _open_parenthesis(text, a, r.start)]
        if told:
            # an aside in parentheses about the same service ("from 9:50 to 11:00 a.m.
            # (arrived 20 minutes late; the group ran 9:30 to 11:00 a.m.)") is no other
            inside = told
        if len(inside) > 1 or inside[0].end > b or v.kinds.earliest(text, a, b) is None:
            return None
        out.append((s if not out else a, inside[0].start, inside[0].end))
    return out


# words that tell a sentence is about the past before this day ("Last month you attended
# the Process Group from 9 to 10:30"): a history, not a service of this note
_HISTORY = re.compile(
    r"\b(?:last[ \t]+(?:week|month|year|time)|previous(?:ly)?|prior[ \t]+to|ago|in[ \t]+the"
    r"[ \t]+past|history|used[ \t]+to)\b",
    re.IGNORECASE,
)


def _past_furniture(layout: Layout, s: int, e: int) -> int:
    """Where a sentence begins after the page furniture its first lines may be (a running
    footer or header repeated on every page, a page stamp, a rule, a page break): its own
    words run on from there ("Weekly Summary | Page 1 of 2" / "You took part in ...")."""
    stamps = page_stamps(layout)
    i = layout.line_at(s)
    while i < len(layout.lines) and layout.lines[i].start < e:
        line = layout.lines[i]
        furniture = (
            not line.is_text
            or line.kind is LineKind.RULE
            or i in stamps
            or (layout.repeats[i] >= 2 and _at_page_edge(layout, i))
        )
        if not furniture:
            return max(s, line.cstart)
        i += 1
    return e


def _at_page_edge(layout: Layout, i: int) -> bool:
    """Line ``i`` stands by a page's edge: a rule or a page break right above or below it
    (a running footer "Weekly Summary | Page 1 of 2" over a form feed)."""
    for k in (i - 1, i + 1):
        if 0 <= k < len(layout.lines):
            line = layout.lines[k]
            if line.kind in (LineKind.RULE, LineKind.PAGE_BREAK) or (
                "\f" in layout.text[line.start : line.cstart]
            ):
                return True
    return False


def _plan_or_past(layout: Layout, start: int, end: int) -> bool:
    """Whether the sentences of ``text[start:end]`` (page furniture left out) tell another
    day, a plan or the past (:func:`_about_another_time`, :data:`_HISTORY`): a plan in the
    past told with how it was missed is this day's missed service."""
    v = vocab()
    text = layout.text
    told = [
        (a, b)
        for s, b in layout.sentences(layout.line_at(start), layout.line_at(max(start, end - 1)))
        if start <= (a := _past_furniture(layout, s, b)) < end
    ]
    if any(_HISTORY.search(text, a, b) for a, b in told):
        return True
    found = [m for a, b in told for m in v.not_current.matches(text, a, b)]
    if not found:
        return False
    plans = [m for a, b in told for m in v.missed_plan.matches(text, a, b)]
    if not plans or not all(any(p <= x < q for p, q, _ in plans) for x, _, _ in found):
        return True
    said = [
        m
        for a, b in told
        for m in (
            *v.attendance_values.matches(text, a, b),
            *v.attendance_narrative.matches(text, a, b),
        )
    ]
    return not any(m[2] is not Attendance.ATTENDED for m in said)


def _sentence_parts(rec: ServiceRecord) -> list[ServiceRecord]:
    """Services told in sentences, each named in one sentence and timed in another ("You
    took part in the Relapse Prevention Group ... It ran from half past nine until eleven
    in the morning. ... You took part in the Psychoeducation Group ... It ran from half past
    eleven ..."): a part begins at the first sentence naming a service after the previous
    part's time, and holds exactly one time range (or, without one, one length). Two or
    more such parts whose ranges do not overlap make a part each, the text from its
    naming sentence up to the next one's; a part about another day or a plan (a schedule
    ahead, "next week ..."; not a missed plan told with how it was missed) or about the
    past ("last month ...") is no service of this note and is left out (its time stays
    unread). Otherwise: none."""
    v = vocab()
    layout = rec.layout
    text = layout.text
    if any(
        v.role_of(f.label) in ("service", "time", "start", "end", "duration")
        for i in rec.lines()
        for f in layout.fields_by_line[i]
    ):
        return []  # a labeled note: its labels say what it documents
    starts: list[int] = []  # where each part begins
    timed: list[tuple[int, int] | None] = []  # each part's range (begins, ends) in minutes
    counts: list[int] = []
    last_end = timed_end = layout.lines[rec.last].cend
    for s, e in layout.sentences(rec.first, rec.last):
        s = _past_furniture(layout, s, e)
        if s >= e:
            continue
        if layout.line_at(s) == rec.anchor_line and layout.line_at(max(s, e - 1)) == (
            rec.anchor_line
        ):
            continue  # the note's dated heading
        last_end = e
        if WEEKDAY_RUN.search(text, s, e) or not _current_or_missed(text, s, e):
            continue  # a recurring schedule, another day or a plan: no service's time
        ranges = _timed(text, s, e)
        durations = [
            d
            for d in times.find_durations(text, s, e)
            if not any(r.start <= d.start < r.end for r in ranges)
        ]
        named = v.kinds.earliest(text, s, e) is not None
        if named and (not starts or counts[-1] > 0):
            starts.append(s)
            timed.append(None)
            counts.append(0)
        if not (ranges or durations):
            continue
        if not starts:
            return []  # a time before any service is named: not a list of services
        counts[-1] += len(ranges) or len(durations)
        timed_end = e
        if ranges:
            r = ranges[0]
            timed[-1] = (r.begins.hour * 60 + r.begins.minute, r.ends.hour * 60 + r.ends.minute)
    if len(starts) < 2 or any(c > 1 for c in counts):
        return []
    # the last part ends with the paragraph that times it (advice after a blank line is
    # the letter's, not the service's)
    at = layout.line_at(max(0, timed_end - 1))
    last_end = next(
        (layout.lines[b].cend for a, b in layout.paragraphs(rec.first, rec.last) if a <= at <= b),
        last_end,
    )
    spans = [(a, starts[k + 1] if k + 1 < len(starts) else last_end) for k, a in enumerate(starts)]
    known = sorted(t for t in timed if t is not None)
    if any(a[1] > b[0] for a, b in itertools.pairwise(known)):
        return []  # overlapping ranges: not services that follow one another
    out: list[ServiceRecord] = []
    for (start, end), count in zip(spans, counts, strict=True):
        while end > start and text[end - 1] in " \t\n":
            end -= 1
        if _plan_or_past(layout, start, end) or any(
            d.date != rec.anchor.date for d in find_dates(text, start, end)
        ):
            continue  # a plan, the past, or another day ("... by the 30th of September")
        if count == 0:
            return []  # a service told without its time, or not a service: not read as parts
        out.append(
            ServiceRecord(
                layout,
                RecordForm.PART,
                layout.line_at(start),
                layout.line_at(max(start, end - 1)),
                rec.anchor,
                f"{rec.style}.sentences",
                parent=rec,
                span=(start, end),
                context=rec.context,
            )
        )
    return out if len(out) >= 2 or (out and len(out) < len(spans)) else []
