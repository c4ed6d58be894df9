"""Modality: in person, video or audio. A modality field or cell ("via Zoom", "POS: 02",
"Telehealth: No"), else the record's header lines and its sentences about this session
("conducted by telephone (audio only)"), else a service or comment cell ("Group
Psychotherapy (telehealth)"), else the note's or the preamble's modality field. Audio beats
video beats in person when several are named together."""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.facts import Modality
from extract.readers.scope import CONTEXT, OWN, PARENT, Scope, Slot
from extract.records.segment import column_names
from extract.values import times
from extract.values.boxes import boxes_follow_options, marked_choice, ticked_options
from extract.values.legend import legend
from extract.vocab.phrases import norm

_PRIORITY = (Modality.AUDIO, Modality.VIDEO, Modality.IN_PERSON)
_POS = re.compile(r"[ \t]*(\d{2})\b")
_POS_ANY = re.compile(r"(?<![\d.])(\d{2})\b(?![.:/]\d)")


def _by_priority(matches: Iterable[tuple[int, int, Modality]]) -> tuple[Modality, int, int] | None:
    found: dict[Modality, tuple[int, int]] = {}
    for s, e, k in matches:
        found.setdefault(k, (s, e))
    for k in _PRIORITY:
        if k in found:
            return k, *found[k]
    return None


def modality_value(sc: Scope, s: int, e: int, label: str) -> tuple[Modality, int, int] | None:
    """The modality a value states; in a row of boxes ("[x] In person [ ] Video
    [ ] Phone") only what is ticked (two different ones ticked, or none: not stated)."""
    ticked = ticked_options(sc.text, s, e)
    if ticked is not None:
        after = boxes_follow_options(sc.text, s, e)
        said: set[tuple[Modality, int, int]] = set()
        for ts, te in ticked:
            named = list(sc.v.modality_values.matches(sc.text, ts, te))
            if after and named:  # the option just before its box
                said.add((named[-1][2], named[-1][0], named[-1][1]))
            elif (found := _modality_words(sc, ts, te, label)) is not None:
                said.add(found)
        return said.pop() if len({m for m, _, _ in said}) == 1 else None
    return _modality_words(sc, s, e, label)


def _modality_words(sc: Scope, s: int, e: int, label: str) -> tuple[Modality, int, int] | None:
    v, text = sc.v, sc.text
    if label in v.modality_answer_labels:
        answer = v.modality_answers.exact(text[s:e])
        if answer is not None:
            return answer, s, e
    if label in v.pos_labels:
        places = {v.pos_codes.exact(c.group(1)) for c in _POS_ANY.finditer(text, s, e)}
        if len(places - {None}) > 1:
            return None  # "POS: 11 office, 02 telehealth": the form's key of codes, no place
        code = _POS.match(text, s, e)
        if code is not None and (k := v.pos_codes.exact(code.group(1))) is not None:
            return k, code.start(1), code.end(1)
    return _by_priority(v.modality_values.matches(text, s, e))


def read_modality(sc: Scope) -> Slot[Modality] | None:
    rec, text, v = sc.rec, sc.text, sc.v
    codes = legend(sc.layout).modality
    for s, e, header in rec.cells("modality"):
        coded = codes.get(text[s:e].strip(" \t*").upper() or text[s:e].strip())
        if coded is not None:
            return Slot(coded[0], ((s, e), (coded[1], coded[2])), "modality.legend-code")
        found = modality_value(sc, s, e, norm(header))
        if found is not None:
            return Slot(found[0], ((found[1], found[2]),), "modality.cell")
    for f in sc.fields("modality"):
        found = modality_value(sc, f.start, f.end, f.key)
        if found is not None:
            return Slot(found[0], ((found[1], found[2]),), "modality.field")
    spans = [sc.line_span(i) for i in sc.head] + sc.current
    spans += [(s, e) for role in ("service", "comments", "mark") for s, e, _ in rec.cells(role)]
    # words in a row of boxes say only what is ticked (read above, as a field's value)
    for i in rec.lines():
        # a row of check boxes of modalities ("☐ In person  ☒ Telehealth (video)"): the
        # ticked one
        if i in sc.others or not sc.layout.lines[i].is_text:
            continue
        ls, le = sc.line_span(i)
        ticked = ticked_options(text, ls, le)
        if ticked and len(ticked) == 1 and v.modality_values.earliest(text, ls, le) is not None:
            found = _by_priority(v.modality_values.matches(text, *ticked[0]))
            if found is not None:
                return Slot(found[0], ((found[1], found[2]),), "modality.ticked-box")
    spans = [(s, e) for s, e in spans if ticked_options(text, s, e) is None]
    kept = []
    for s, e in spans:
        listed, marked = marked_choice(
            text,
            sorted(
                [*v.modality_values.matches(text, s, e), *v.modality_narrative.matches(text, s, e)]
            ),
        )
        if not listed:
            kept.append((s, e))
        elif marked is not None:  # "X In person Telehealth (video) Telephone"
            return Slot(marked[2], ((marked[0], marked[1]),), "modality.marked-choice")
    spans = kept
    keys = _pos_keys(sc)
    found = _by_priority(
        m
        for s, e in spans
        for m in v.modality_narrative.matches(text, s, e)
        if not any(a <= m[0] < b for a, b in keys)
    )
    if found is not None:
        return Slot(found[0], ((found[1], found[2]),), "modality.words")
    pos = _pos_on_service_line(sc)
    if pos is not None:
        return pos
    for where, how in ((PARENT, "modality.note-field"), (CONTEXT, "modality.preamble-field")):
        for f in sc.fields("modality", where):
            found = modality_value(sc, f.start, f.end, f.key)
            if found is not None:
                return Slot(found[0], ((found[1], found[2]),), how)
    return None


def _pos_keys(sc: Scope) -> list[tuple[int, int]]:
    """Place-of-service fields of the record and its note that list codes of two places
    ("POS: 11 office, 02 telehealth"): the form's key of codes, whose words ("telehealth")
    are no session's place."""
    v, text = sc.v, sc.text
    out = []
    for f in sc.all_fields(OWN, PARENT):
        if f.key in v.pos_labels:
            places = {
                v.pos_codes.exact(c.group(1)) for c in _POS_ANY.finditer(text, f.start, f.end)
            }
            if len(places - {None}) > 1:
                out.append((f.start, f.end))
    return out


def _pos_on_service_line(sc: Scope) -> Slot[Modality] | None:
    """A part's line of its service and time under column names printed with single blanks,
    one of them a place of service ("Code Scheduled In Out Status POS Staff" over "90853
    9:30a-11:00a 9:30a 11:00a Kept 02 AA"): the one place-of-service code standing alone
    after the times (a missed service's line has none: "-- -- No show TR")."""
    rec, text, lay, v = sc.rec, sc.text, sc.layout, sc.v
    if rec.form.value != "part" or rec.span is not None:
        return None
    note = rec.parent or rec
    service = next(
        (
            (i, r)
            for i in sc.own
            if lay.lines[i].is_text
            and (r := next(times.find_time_ranges(text, *sc.line_span(i)), None)) is not None
        ),
        None,
    )
    if service is None:
        return None
    at, when = service
    named = [
        i
        for i in range(note.first, at)
        if column_names(lay, i)
        and any(
            norm(w) in v.pos_labels for w in text[lay.lines[i].cstart : lay.lines[i].cend].split()
        )
    ]
    if not named:
        return None
    found = [
        (m.start(1), m.end(1), k)
        for m in _POS_TOKEN.finditer(text, when.end, lay.lines[at].cend)
        if (k := v.pos_codes.exact(m.group(1))) is not None
    ]
    if len(found) != 1:
        return None
    s, e, k = found[0]
    return Slot(k, ((s, e),), "modality.pos-column-word")


# a two-digit code standing alone between blanks ("Kept 02 AA"), not part of a clock
_POS_TOKEN = re.compile(r"(?<=[ \t])(\d{2})(?=[ \t]|$)")


__all__ = ["modality_value", "read_modality"]
