"""Attendance: whether the member took part (present, absent, no-show, cancelled,
refused, the program closed).

Where, nearest first: a row's attendance cell (a word: "Present - participated minimally",
"Late cancel"; or a code: "P", "NS", "CX"), a grid's marked cell (a letter, or hours: the
member was there), a comment cell; a record's attendance field; a date-led entry's status
word or trailing code; the member's own row of a roster in the record; a sentence about
this session ("Member was absent", "no-show"). Otherwise, a note that documents the
member's own arrival or departure, or the member's response, is attended.
"""

from __future__ import annotations

import re

from core.facts import Attendance
from extract.layout import Field
from extract.readers.scope import PARENT, Scope, Slot, own_cells
from extract.records.segment import CLAUSE_JOIN
from extract.values import times
from extract.values.boxes import boxes_follow_options, marked_choice, ticked_options
from extract.values.legend import (
    chart_codes,
    chart_member_names,
    kept_for_member,
    key_pairs,
    leading_code,
    legend,
    member_names,
)
from extract.vocab.phrases import norm

_CODE_TOKEN = re.compile(r"[ \t]*([^\s\-–—:(,;/]+)")
_NUMBER = re.compile(r"[ \t]*\d+(?:[.:]\d+)?[ \t]*(?:h|hrs?|hours?|m|min)?[ \t]*$", re.IGNORECASE)


def _a_key(sc: Scope, s: int, e: int) -> bool:
    """A field whose value is the document's key of status codes ("Status: P = present;
    A = absent; NS = no show", printed after a visit list's rows): it defines the codes and
    says no status of any visit."""
    return any(s <= p < e for p in legend(sc.layout).pairs)


def legend_code(sc: Scope, s: int, e: int) -> tuple[Attendance, tuple[int, int]] | None:
    """A whole value that is a code of the document's own legend ("K" where "K=KEPT")."""
    found = legend(sc.layout).attendance.get(sc.text[s:e].strip(" \t*").upper())
    return None if found is None else (found[0], (found[1], found[2]))


def attendance_value(sc: Scope, s: int, e: int) -> tuple[Attendance, int, int] | None:
    """Attendance a value or a cell states: a phrase, a whole code, or a leading code; in a
    row of boxes ("[x] Present  [ ] Absent  [ ] No-show"), only what is ticked (two
    different statuses ticked, or none: not stated)."""
    text = sc.text
    listed, marked = marked_choice(text, list(sc.v.attendance_values.matches(text, s, e)))
    if listed:  # "X Present Absent No-show": a flattened row of boxes, the marked option
        return (marked[2], marked[0], marked[1]) if marked is not None else None
    ticked = ticked_options(text, s, e)
    if ticked is not None:
        after = boxes_follow_options(text, s, e)
        said = {
            found
            for ts, te in ticked
            if (found := _last_words(sc, ts, te) if after else _attendance_words(sc, ts, te))
        }
        return said.pop() if len({a for a, _, _ in said}) == 1 else None
    return _attendance_words(sc, s, e)


def _last_words(sc: Scope, s: int, e: int) -> tuple[Attendance, int, int] | None:
    """The status named nearest the end of ``text[s:e]`` (the option just before its box:
    "Present  Absent [x]" ticks "Absent")."""
    found = list(sc.v.attendance_values.matches(sc.text, s, e))
    if found:
        start, end, status = found[-1]
        return status, start, end
    return _attendance_words(sc, s, e)


def _attendance_words(sc: Scope, s: int, e: int) -> tuple[Attendance, int, int] | None:
    v, text = sc.v, sc.text
    m = v.attendance_values.earliest(text, s, e)
    t = _CODE_TOKEN.match(text, s, e)
    code = None
    if t is not None:  # the document's own legend first ("X cancelled"), then the listed
        defined = legend(sc.layout).attendance.get(t.group(1).upper())
        code = defined[0] if defined is not None else v.attendance_codes.exact(t.group(1))
    if t is not None and code is not None and (m is None or m[0] >= t.end(1)):
        # a leading code over words after it ("✓ CD — ... missed doses discussed")
        return code, t.start(1), t.end(1)
    if m is not None:
        return m[2], m[0], m[1]
    whole = v.attendance_codes.exact(text[s:e].strip(" \t*"))
    if whole is not None:
        return whole, s, e
    # a code the chart's code table defines ("CMP" = "Completed - client attended")
    meaning = chart_codes().get(text[s:e].strip(' \t*"'))
    if meaning is not None:
        m = v.attendance_values.earliest(meaning) or v.attendance_narrative.earliest(meaning)
        if m is not None:
            return m[2], s, e
    return None


def read_attendance(sc: Scope) -> Slot[Attendance] | None:
    rec, text, v = sc.rec, sc.text, sc.v
    if rec.form.value == "row" and _two_ticked(sc):
        return None  # "P" and "A" both ticked: no status for sure, whatever a cell says
    for s, e, _ in rec.cells("attendance"):
        coded = legend_code(sc, s, e)
        if coded is not None:
            return Slot(coded[0], ((s, e), coded[1]), "status.legend-code")
        found = attendance_value(sc, s, e)
        if found is not None:
            return Slot(found[0], ((s, e),), "status.attendance-cell")
    if rec.grid_mark is not None:
        s, e = rec.grid_mark
        coded = legend_code(sc, s, e)
        if coded is not None:
            return Slot(coded[0], ((s, e), coded[1]), "status.legend-code")
        found = attendance_value(sc, s, e)
        if found is not None:
            return Slot(found[0], ((found[1], found[2]),), "status.grid-mark")
        if _NUMBER.match(text, s, e):
            return Slot(Attendance.ATTENDED, ((s, e),), "status.grid-hours")
        fused = _fused_mark(sc, s, e)
        if fused is not None:
            return fused
    for s, e, _ in [*rec.cells("comments"), *rec.cells("service")]:
        m = v.attendance_narrative.earliest(text, s, e) or v.attendance_values.earliest(text, s, e)
        if m is not None and m[2] is not Attendance.ATTENDED:
            return Slot(m[2], ((m[0], m[1]),), "status.comment-cell")
    service_line = _service_line_word(sc)
    if service_line is not None:  # before the day's boxes below it ("Visit status: [X] Kept")
        return service_line
    for i in rec.lines():
        # a row of check boxes of statuses ("☐ Present  ☐ Absent  ☒ No-show"): the ticked one
        if i in sc.others or not sc.layout.lines[i].is_text:
            continue
        ls, le = sc.line_span(i)
        ticked = ticked_options(text, ls, le)
        if ticked and len(ticked) == 1:
            found = _attendance_words(sc, *ticked[0])
            if found is not None and v.attendance_values.earliest(text, ls, le) is not None:
                return Slot(found[0], ((found[1], found[2]),), "status.ticked-box")
    defined = key_pairs(sc.layout)
    for f in sc.fields("attendance"):
        if any(f.start <= a < f.end for a in defined):
            continue  # "STATUS: P=present  A=absent ...": the codes' key, not a status
        found = attendance_value(sc, f.start, f.end)
        if found is not None:  # the whole value: "Present - participated minimally"
            return Slot(found[0], ((f.start, f.end),), "status.attendance-field")
    for f in sc.fields("service"):
        # a missed service's status written after it, in the service's field ("Svc: Indiv
        # therapy (90837) 445PM-545PM - absent"); not a field that is all status, nor words
        # of taking part in a summary of the service ("completed the worksheet")
        m = v.attendance_narrative.earliest(text, f.start, f.end) or v.attendance_values.earliest(
            text, f.start, f.end
        )
        if (
            m is not None
            and m[2] is not Attendance.ATTENDED
            and text[f.start : m[0]].strip(" \t-–—:,;(")
            and not _of_another_appointment(text, m, f.end)
        ):
            return Slot(m[2], ((m[0], m[1]),), "status.service-field")
    changed = _status_change(sc)
    if changed is not None:
        return changed
    status = _status_cell(sc)
    if status is not None:
        return status
    lead = _lead_span(sc)
    if lead is not None:
        m = v.attendance_values.earliest(text, *lead)
        if m is not None and _HEADCOUNT.search(text, max(lead[0], m[0] - 6), m[0]):
            m = None  # "(Kowalczyk, LCSW; 5 present)": how many were there
        if m is not None:
            m = _how_missed(sc, m, lead[1])
            return Slot(m[2], ((m[0], m[1]),), "status.entry-word")
        entry_code = _entry_code(sc, *lead)
        if entry_code is not None:
            return entry_code
    roster = _roster(sc)
    if roster is not None:
        return roster
    named = _named_member_status(sc)
    if named is not None:
        return named
    own = list(sc.all_fields())
    # a status label of the note over the services it lists, this part among them, on a
    # line before the part's own ("Missed: A 9:30 AM-11:00 AM; B 11:30 AM-12:45 PM.")
    listing = [f for f in sc.all_fields(PARENT) if rec.span is not None and f not in own]
    for f in [*own, *listing]:
        # a label that is itself a status, over words about the member ("No-show: the
        # client did not attend and did not call"), says more than the words after it;
        # over names ("Absent: J. Roe, K. Lee") it lists others
        said = None if f.empty else v.attendance_values.exact(f.key)
        # ... or over the services it names, this one among them ("Missed: Grp psychotx
        # 0930-1100; Psychoed grp 1130-1245"); not over an aside ("Refused: pt refused
        # vitals", "Missed: she missed 2 doses")
        inside = (
            rec.span is not None
            and f.start <= rec.span[1]
            and rec.span[0] <= (_listed_to(sc, f) if said is not None else f.end)
        )
        about_attending = (
            f in own
            and v.attendance_narrative.found(text, f.start, f.end)
            and v.member_words.found(text, f.start, f.end)
        )
        if said is not None and (inside or about_attending):
            at = text.find(f.label, f.label_start, f.start)
            if at >= 0:
                if f.key in _GENERIC_MISSED:
                    # "Cx by pt ..." over "Missed: ...", or the sentence right before it
                    # ("Imani cancelled (called in sick). Missed: ...")
                    specific = _specific_miss(sc) or _said_before(sc, f)
                    if specific is not None:
                        return specific
                return Slot(said, ((at, at + len(f.label)),), "status.label")
    for s, e in sc.current:
        listed, marked = marked_choice(
            text,
            sorted(
                [
                    *v.attendance_values.matches(text, s, e),
                    *v.attendance_narrative.matches(text, s, e),
                ]
            ),
        )
        if listed:
            # "X Present Absent No-show Cancelled": a form's choices, only the marked one said
            if marked is not None:
                return Slot(marked[2], ((marked[0], marked[1]),), "status.marked-choice")
            continue
        m = v.attendance_narrative.earliest(text, s, e)
        if m is not None and not _of_another_appointment(text, m, e):
            m = _how_missed(sc, m, e)
            if norm(text[m[0] : m[1]]) in _GENERIC_MISSED:
                # "Missed Session Note" ... "Client did not attend (no-show)": how it was
                # missed, said in a later sentence of the record
                m = _said_later(sc, m, e)
            return Slot(m[2], ((m[0], m[1]),), "status.sentence")
    every = _every_part(sc)
    if every is not None:
        return every
    if rec.span is not None and CLAUSE_JOIN.match(text, rec.span[0]) is None:
        # a part told inline shares its sentence's status ("Process group 9:00-10:30 and
        # psychoeducation 10:45-12:15: CANCELLED by patient"); a clause joined on with a
        # verb of its own (", and met with ... for individual psychotherapy") does not
        # the whole sentence, from its start in the note ("The client was absent (called in
        # sick) and missed Process Group ... and Trauma Processing Group ...")
        whole = rec.parent if rec.parent is not None else rec
        for s, e in sc.layout.sentences(whole.first, rec.last):
            if s < rec.span[1] and rec.span[0] < e:
                m = v.attendance_narrative.earliest(text, s, e) or v.attendance_values.earliest(
                    text, s, e
                )
                if m is not None:
                    return Slot(m[2], ((m[0], m[1]),), "status.shared-sentence")
    if rec.parent is not None and rec.form.value == "row":
        # a row that heads its note ("Date of Service | Start | End" over one row): the
        # note's own attendance field
        for f in sc.fields("attendance", PARENT):
            if _a_key(sc, f.start, f.end):
                continue
            found = attendance_value(sc, f.start, f.end)
            if found is not None:
                return Slot(found[0], ((found[1], found[2]),), "status.note-attendance-field")
    if rec.form.value == "row" and rec.table is not None and rec.row is not None:
        boxes = _box_columns(sc)
        boxed = _ticked_column(sc, boxes)
        if boxed is not None:
            return boxed
        if len(boxes) >= 2 and any(not ticked for *_, ticked in boxes):
            return None  # the row says its status in boxes not read: no "delivered" default
    if (
        rec.form.value == "row"
        and not rec.billing
        and not rec.cells("attendance")
        and (rec.cells("service") or rec.cells("code"))
        and not (rec.cells("group_size") and not kept_for_member(sc.layout))
    ):
        # a dated log of services with no attendance column records what was delivered;
        # not a list of the program's groups with their headcounts in a document of no
        # one's ("session_id, ..., headcount"): it says nothing of who took part
        cell = (rec.cells("service") or rec.cells("code"))[0]
        return Slot(Attendance.ATTENDED, ((cell[0], cell[1]),), "status.delivered-log-row")
    if rec.parent is not None and rec.form.value == "part":
        for f in sc.fields("attendance", PARENT):
            if _a_key(sc, f.start, f.end):
                continue
            found = attendance_value(sc, f.start, f.end)
            if found is not None:
                return Slot(found[0], ((found[1], found[2]),), "status.note-attendance-field")
    return None


# a change of status: the status after it is the record's ("STATUS Scheduled -> NO SHOW",
# "from=scheduled to=no_show", "new=CANCELLED", "changed from booked to cancelled")
_CHANGE = re.compile(
    r"[ \t]*(?:->|→|=>)[ \t]*"
    r"|\bfrom\b[ \t]*[=:]?[ \t]*[\w-]+[ \t]+to\b[ \t]*[=:]?[ \t]*"
    r"|\bnew(?:[ _]status)?[ \t]*[=:][ \t]*",
    re.IGNORECASE,
)
_STATUS_TOKEN = re.compile(r"[\"']?([A-Za-z][\w-]*)")


def _status_change(sc: Scope) -> Slot[Attendance] | None:
    """The status a record's own line changes to (:data:`_CHANGE`): the word or code right
    after the change (written with "_" for blanks in a log: "no_show"), or a status phrase
    that begins there ("NO SHOW")."""
    text, v = sc.text, sc.v
    for i in sc.own:
        if i in sc.others or not sc.layout.lines[i].is_text:
            continue
        s, e = sc.line_span(i)
        for m in _CHANGE.finditer(text, s, e):
            t = _STATUS_TOKEN.match(text, m.end(), e)
            if t is None:
                continue
            found = v.attendance_values.earliest(text, t.start(1), min(e, t.start(1) + 24))
            if found is not None and found[0] == t.start(1):
                return Slot(found[2], ((found[0], found[1]),), "status.changed-to")
            word = t.group(1)
            said = v.attendance_values.exact(norm(word.replace("_", " "))) or (
                v.attendance_codes.exact(word)
            )
            if said is not None:
                return Slot(said, ((t.start(1), t.end(1)),), "status.changed-to")
    return None


# words that say a service was missed without saying how (absent, cancelled, no-show...)
_GENERIC_MISSED = frozenset(
    {
        "missed",
        "not attended",
        "did not attend",
        "not present",
        "missed session",
        "missed the session",
        "missed group",
        "missed the group",
    }
)
_SPECIFIC = frozenset(
    {Attendance.CANCELLED, Attendance.NO_SHOW, Attendance.REFUSED, Attendance.PROGRAM_CLOSED}
)


def _how_missed(sc: Scope, m: tuple[int, int, Attendance], end: int) -> tuple[int, int, Attendance]:
    """``m`` a generic miss ("did not attend", "missed"): how it was missed when the words
    after it, up to ``end``, say so ("did not attend (no-show; no call)", "missed -
    cancelled by client"); else ``m``."""
    v, text = sc.v, sc.text
    if norm(text[m[0] : m[1]]) not in _GENERIC_MISSED:
        return m
    after = sorted(
        [
            *v.attendance_narrative.matches(text, m[1], end),
            *v.attendance_values.matches(text, m[1], end),
        ]
    )
    return next((x for x in after if x[2] in _SPECIFIC), m)


def _said_later(
    sc: Scope, m: tuple[int, int, Attendance], after: int
) -> tuple[int, int, Attendance]:
    """``m`` a generic miss: the one specific status the record's later sentences give
    (no-show, cancelled, refused, closed; not another appointment's), else ``m``. Two
    different specific statuses: ``m`` (not for sure which)."""
    v, text = sc.v, sc.text
    found: list[tuple[int, int, Attendance]] = []
    for s, e in sc.current:
        if s < after:
            continue
        for x in sorted(
            [*v.attendance_narrative.matches(text, s, e), *v.attendance_values.matches(text, s, e)]
        ):
            if x[2] in _SPECIFIC and not _of_another_appointment(text, x, e):
                found.append(x)
                break
    return found[0] if found and len({x[2] for x in found}) == 1 else m


_LISTED_LINES = 8  # lines a status label's list of services may wrap over
_PERIOD = re.compile(r"(?<![ap]\.m)(?<!\b[A-Z])[.!?](?=\s|$)")


def _listed_to(sc: Scope, f: Field) -> int:
    """Where the services a status label lists end ("Missed: Process Group 9:30 AM-11:00
    AM; Psychoeducation Group 11:30 AM-12:45 PM."): the end of the sentence its value
    begins, over the lines its paragraph wraps onto (a ";" between the services does not
    end the list); the value's end when the sentence ends on its line."""
    lay = sc.layout
    first, last = next(lay.paragraphs(f.line, f.line + _LISTED_LINES), (f.line, f.line))
    if first != f.line:
        last = f.line
    m = _PERIOD.search(sc.text, f.start, lay.lines[last].cend)
    return max(f.end, m.end() if m is not None else lay.lines[last].cend)


def _said_before(sc: Scope, f: Field) -> Slot[Attendance] | None:
    """How the services a generic "Missed:" label lists were missed, said by the sentence
    right before the label on its line ("Imani cancelled (called in sick). Missed: ..."):
    one specific status (cancelled, no-show, refused, closed), not another appointment's."""
    text, v = sc.text, sc.v
    line = sc.layout.lines[f.line]
    s, e = line.cstart, f.label_start
    found = sorted(
        [*v.attendance_narrative.matches(text, s, e), *v.attendance_values.matches(text, s, e)]
    )
    said = [x for x in found if x[2] in _SPECIFIC and not _of_another_appointment(text, x, e)]
    if not said or len({x[2] for x in said}) != 1:
        return None
    return Slot(said[0][2], ((said[0][0], said[0][1]),), "status.said-before")


def _specific_miss(sc: Scope) -> Slot[Attendance] | None:
    """A line of the record or its note that begins with how the service was missed
    ("Cx by pt - medical appointment", "No-show, no call"), which says more than a generic
    "Missed:"."""
    text, v, lay = sc.text, sc.v, sc.layout
    note = sc.rec.parent or sc.rec
    for i in range(note.first, note.last + 1):
        line = lay.lines[i]
        if not line.is_text:
            continue
        m = v.attendance_values.earliest(text, line.cstart, line.cend)
        if m is not None and m[0] == line.cstart and m[2] in _SPECIFIC:
            return Slot(m[2], ((m[0], m[1]),), "status.specific-miss")
        token = _CODE_TOKEN.match(text, line.cstart, line.cend)
        word = token.group(1) if token is not None else ""
        code = (
            v.attendance_codes.exact(word.upper())
            # a code as codes are written ("CX", "Cx", "NS"), not a word ("Ref to PCP")
            if (len(word) >= 2 and word[:2].isupper()) or word in ("Cx", "Ns")
            else None
        )
        if token is not None and code in _SPECIFIC:
            return Slot(code, (token.span(1),), "status.specific-miss")
    return None


_EXCEPT = re.compile(r"\b(?:except|but|other[ \t]+than|apart[ \t]+from|not)\b", re.IGNORECASE)
# a form's instruction to its staff ("check each code rendered", "mark all that apply")
_FORM_INSTRUCTION = re.compile(
    r"\b(?:check|mark|circle|tick|select|initial|list|enter)[ \t]+(?:each|every|all)\b",
    re.IGNORECASE,
)
_ALL = re.compile(r"\ball\b|\beach\b|\bevery\b|\bboth\b", re.IGNORECASE)


def _every_part(sc: Scope) -> Slot[Attendance] | None:
    """A sentence of a part's note that gives one status for all its services ("Pt
    present all groups.", "Attended both groups"): each part's."""
    parent = sc.rec.parent
    if parent is None or sc.rec.form.value != "part":
        return None
    text, v = sc.text, sc.v
    for s, e in sc.layout.sentences(parent.first, parent.last):
        if _ALL.search(text, s, e) is None or v.not_current.earliest(text, s, e) is not None:
            continue
        if _FORM_INSTRUCTION.search(text, s, e) is not None:
            continue  # "SERVICES (check each code rendered)": the form's instruction
        if _EXCEPT.search(text, s, e) is not None:
            continue  # "attended all groups except psychoed": not one status for all
        m = v.attendance_narrative.earliest(text, s, e) or v.attendance_values.earliest(text, s, e)
        if m is not None:
            return Slot(m[2], ((m[0], m[1]),), "status.every-part")
    return None


# "Client cancelled her PCP appointment to attend group": another appointment's status
_OTHER_APPOINTMENT = re.compile(
    r"[ \t]+(?:(?:her|his|their|an?|the)[ \t]+)?(?:\w+[ \t]+)?"
    r"(?:appointment|appt|visit|pcp|doctor|dentist|psychiatr\w*|physician|therapist)\b",
    re.IGNORECASE,
)


def _of_another_appointment(text: str, m: tuple[int, int, Attendance], end: int) -> bool:
    return m[2] is not Attendance.ATTENDED and (
        _OTHER_APPOINTMENT.match(text, m[1], min(end, m[1] + 48)) is not None
    )


# a form's check box as its data is exported: "Yes" ticked, "Off" not (Acrobat's states)
_BOX_CELL = re.compile(r"[ \t]*(?:☒|☑|⊠|\[[xX✓✔]\]|\([xX✓✔]\)|[xX✓✔]|Yes)[ \t]*$")
_EMPTY_BOX = re.compile(r"[ \t]*(?:☐|□|\[ \]|\( \)|Off)[ \t]*$")
_BARE_MARK = re.compile(r"[ \t]*(?:[xX✓✔]|Yes)[ \t]*$")


def _status_of_header(sc: Scope, header: str) -> tuple[Attendance, tuple[int, int] | None] | None:
    """The status a column header names as a code ("NS" where "NS = No-show"; "P")."""
    v = sc.v
    header = header.strip()
    if not header:
        return None
    defined = legend(sc.layout).attendance.get(header.upper())
    if defined is not None:
        return defined[0], (defined[1], defined[2])
    listed = v.attendance_codes.exact(header) or v.attendance_values.exact(header)
    return (listed, None) if listed is not None else None


def _box_columns(sc: Scope) -> list[tuple[int, int, int, bool]]:
    """The row's cells that are check boxes, in columns whose header is a status code
    when the table has two or more such columns: (column, start, end, ticked); an empty
    cell of such a column is an unticked box."""
    rec, text = sc.rec, sc.text
    assert rec.row is not None and rec.table is not None
    coded = [
        j
        for j in range(rec.table.width)
        if _status_of_header(sc, rec.table.header_text(text, j)) is not None
    ]
    out = []
    for j, cell in enumerate(rec.row.cells):
        for span in cell:
            if _BOX_CELL.match(text, span.start, span.end) and (
                len(coded) >= 2 or not _BARE_MARK.match(text, span.start, span.end)
            ):
                out.append((j, span.start, span.end, True))
            elif _EMPTY_BOX.match(text, span.start, span.end):
                out.append((j, span.start, span.end, False))
    if len(coded) >= 2:
        marked = {j for j, *_ in out}
        line = sc.layout.lines[rec.first]
        out += [(j, line.cstart, line.cstart, False) for j in coded if j not in marked]
    return out


def _two_ticked(sc: Scope) -> bool:
    """A row whose check-box columns of statuses have two different statuses ticked."""
    rec, text = sc.rec, sc.text
    if rec.table is None or rec.row is None:
        return False
    said = set()
    for j, _, _, ticked in _box_columns(sc):
        named = _status_of_header(sc, rec.table.header_text(text, j)) if ticked else None
        if named is not None:
            said.add(named[0])
    return len(said) > 1


def _ticked_column(sc: Scope, boxes: list[tuple[int, int, int, bool]]) -> Slot[Attendance] | None:
    """A row of check-box columns ("P  A  NS  C" over "[ ] [ ] [X] [ ]", or an "X" under
    one of them): the status the ticked column's header names (by the document's legend,
    else as listed)."""
    rec, text = sc.rec, sc.text
    assert rec.table is not None
    if len(boxes) < 2 or all(ticked for *_, ticked in boxes):
        return None  # a lone "X" is a mark, not a choice among boxes
    found: list[tuple[Attendance, int, int, tuple[int, int] | None]] = []
    for j, s, e, ticked in boxes:
        if ticked:
            named = _status_of_header(sc, rec.table.header_text(text, j))
            if named is not None:
                found.append((named[0], s, e, named[1]))
    if len({f[0] for f in found}) != 1:
        return None  # none ticked, or two statuses ticked: not for sure
    status, s, e, defined_at = found[0]
    spans = ((s, e),) if defined_at is None else ((s, e), defined_at)
    return Slot(status, spans, "status.ticked-column")


def _lead_span(sc: Scope) -> tuple[int, int] | None:
    """Where an entry's, a one-line part's or a status-less row's marks are: after the
    entry's date, or the time ("RG  930-11a  ✓ n8 MO — ..."), to the end of its line or a
    dash before narrative."""
    rec, text = sc.rec, sc.text
    line = sc.layout.lines[rec.first]
    if rec.form.value == "entry":
        return rec.anchor.end, line.cend
    if rec.form.value == "row":
        if (
            rec.cells("attendance")
            or rec.cells("comments")
            or (rec.table is not None and rec.table.header is not None)
        ):
            return None  # a table with a header says the status under it
    elif rec.form.value != "part" or sc.layout.headings[rec.first] is not None:
        return None
    when = next(times.find_time_ranges(text, line.cstart, line.cend), None)
    if when is None:
        return None
    dash = _NARRATIVE_DASH.search(text, when.end, line.cend)
    return when.end, dash.start() if dash is not None else line.cend


def _service_line_word(sc: Scope) -> Slot[Attendance] | None:
    """A part's line of its service and time (under a form's "TIME RECORD" and its column
    names: "90853 9:30a-11:00a 9:45a 11:00a Kept 11 AA"): the status word after the time,
    before the day's boxes further down ("Visit status: [X] Kept"); a word, not a code
    (initials stand there too)."""
    rec, text, lay = sc.rec, sc.text, sc.layout
    if rec.form.value != "part" or rec.span is not None:
        return None
    for i in sc.own:
        if i in sc.others or not lay.lines[i].is_text:
            continue
        line = lay.lines[i]
        when = next(times.find_time_ranges(text, line.cstart, line.cend), None)
        if when is None:
            continue
        named = (
            sc.v.kinds.earliest(text, line.cstart, when.start)
            or sc.v.codes.earliest(text, line.cstart, when.start)
            or leading_code(lay, line.cstart, when.start)
        )
        if named is None:
            return None  # a time of no service's line
        end = line.cend
        for dash in _NARRATIVE_DASH.finditer(text, when.end, line.cend):
            if text[dash.end() : dash.end() + 2] != "--":  # "-- --": empty cells, no dash
                end = dash.start()
                break
        m = sc.v.attendance_values.earliest(text, when.end, end)
        if m is None or _COUNT_BEFORE.search(text, max(when.end, m[0] - 6), m[0]):
            return None  # no status; "(Kowalczyk, LCSW; 5 present)": how many were there
        m = _how_missed(sc, m, end)
        return Slot(m[2], ((m[0], m[1]),), "status.service-line-word")
    return None


_HEADCOUNT = re.compile(r"\d+[ \t]*$")
_COUNT_BEFORE = re.compile(r"(?<![\d:.])\d{1,2}[ \t]*$")  # a count, not a clock ("1215 Kept")
# where a shorthand line's marks end and its narrative begins: "✓ n8 MO — first group"
_NARRATIVE_DASH = re.compile(r"[ \t](?:—|--)[ \t]")


def _fused_mark(sc: Scope, s: int, e: int) -> Slot[Attendance] | None:
    """A grid mark that runs a status code and a modality code together ("Pv" where "P =
    present" and "v = attended by video", "53m v"): the status, or a length (attended)."""
    text = sc.text
    lg = legend(sc.layout)
    mark = text[s:e].strip()
    if not lg.modality or len(mark) < 2:
        return None
    for k in range(len(mark) - 1, 0, -1):
        head, tail = mark[:k].rstrip(), mark[k:].strip()
        if tail.upper() not in lg.modality:
            continue
        found = lg.attendance.get(head.upper())
        at = text.find(head, s, e)
        if found is not None and at >= 0:
            return Slot(found[0], ((at, at + len(head)), (found[1], found[2])), "status.fused-mark")
        if _NUMBER.fullmatch(head) and at >= 0:
            return Slot(Attendance.ATTENDED, ((at, at + len(head)),), "status.grid-hours")
    return None


def _status_cell(sc: Scope) -> Slot[Attendance] | None:
    """A cell of the record's own line, outside a table, that begins with a status
    ("13h00–14h30 · CBT Group · H. Pham (LMFT) · cancelled by client (sick)"): not its
    first cell, which names the service or the time."""
    text = sc.text
    for c in own_cells(sc):
        s = c.start
        while s < c.end and text[s] in "*_([":
            s += 1
        m = sc.v.attendance_values.earliest(text, s, c.end)
        if m is not None and m[0] == s:
            return Slot(m[2], ((m[0], m[1]),), "status.status-cell")
    return None


_TOKEN = re.compile(r"(?<![\w./-])([A-Z][A-Za-z]{0,3}|[✓✔])(?![\w./-])")


def _entry_code(sc: Scope, start: int, end: int) -> Slot[Attendance] | None:
    """An attendance code standing alone on an entry line ("Oct 6, 2025 Mon CBT Group 1.5
    hrs P In person ..."): a code of the document's legend, else a listed code written as
    listed (upper case; not the article "A")."""
    text, v = sc.text, sc.v
    codes = legend(sc.layout).attendance
    listed: tuple[Attendance, tuple[int, int]] | None = None
    for m in _TOKEN.finditer(text, start, end):
        token = m.group(1)
        if token.upper() in codes and token == token.upper():
            found = codes[token.upper()]
            return Slot(found[0], (m.span(1), (found[1], found[2])), "status.entry-legend-code")
        if listed is None and token == token.upper() and token != "A":
            code = v.attendance_codes.exact(token)
            if code is not None:
                listed = (code, m.span(1))
    if listed is not None:
        return Slot(listed[0], (listed[1],), "status.entry-code")
    return None


def _roster(sc: Scope) -> Slot[Attendance] | None:
    """The member's own line of a roster or sign-in list inside the record: it begins with
    the member's name, a status follows (:mod:`extract.records.roster`; also a line split
    into cells whose first cell names the member)."""
    if sc.rec.form.value not in ("note", "part"):
        return None
    listed = sc.member_status_list
    if listed is not None and listed.member is not None:
        return Slot(
            listed.status, ((listed.label_start, listed.label_end), listed.member), "status.list"
        )
    own = sc.member_roster_line
    if own is not None:
        line = sc.layout.lines[own.line]
        found = attendance_value(sc, own.rest, line.cend)
        if found is not None:
            return Slot(found[0], ((found[1], found[2]),), "status.roster")
    names = member_names(sc.layout) | chart_member_names()
    if not names:
        return None
    lay, text = sc.layout, sc.text
    for i in sc.rec.lines():
        line = lay.lines[i]
        if not line.is_text or any(f.key in sc.v.member_labels for f in lay.fields_by_line[i]):
            continue
        if len(line.cells) >= 2:
            # the cell naming the member: the first, or the second after a row number
            # (" 6  OYELARAN, YARA   9:00   10:30   P   IP" on a sign-in sheet)
            at = 1 if _ROW_NUMBER.fullmatch(text, line.cells[0].start, line.cells[0].end) else 0
            name = line.cells[at] if at < len(line.cells) else None
            if name is not None and norm(text[name.start : name.end].strip("*_ ")) in names:
                for c in line.cells[at + 1 :]:
                    found = attendance_value(sc, c.start, c.end)
                    if found is not None:
                        return Slot(found[0], ((found[1], found[2]),), "status.roster")
    return None


_ROW_NUMBER = re.compile(r"#?\d{1,3}[.)]?")
_AFTER_NAME = re.compile(r"[ \t]*[:=][ \t]*")


def _named_member_status(sc: Scope) -> Slot[Attendance] | None:
    """A label that ends with the member's name, over a status value ("Host attendance
    mark for Jane Doe: CANCELLED (client)", "Attendance - Doe, Jane: absent"): the
    member's status in the record; a status after another person's name is not."""
    names = [n for n in member_names(sc.layout) | chart_member_names() if n]
    if not names:
        return None
    text, lay = sc.text, sc.layout
    for i in sc.rec.lines():
        line = lay.lines[i]
        if not line.is_text or i in sc.others:
            continue
        low = text[line.cstart : line.cend].lower()
        for n in names:
            k = low.find(n)
            while k >= 0:
                end = line.cstart + k + len(n)
                sep = _AFTER_NAME.match(text, end, line.cend)
                word_end = k + len(n) >= len(low) or not low[k + len(n)].isalnum()
                word_start = k == 0 or not low[k - 1].isalnum()
                if sep is not None and word_end and word_start:
                    found = attendance_value(sc, sep.end(), line.cend)
                    if found is not None and found[1] == sep.end():
                        return Slot(found[0], ((found[1], found[2]),), "status.named-member")
                k = low.find(n, k + 1)
    return None


__all__ = ["attendance_value", "read_attendance"]
