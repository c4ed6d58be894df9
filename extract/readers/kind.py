"""What service a record documents: its kind (``services.yaml``: names, then CPT/HCPCS
codes) and, for a group, its focus (substance use or mental health).

Where, nearest first: a row's service cells (then its code cells); a record's service
fields; a line of its check boxes (the ticked service); its header lines (a heading
"GROUP THERAPY - SUBSTANCE USE", a title, the date line, a part's first line); a sentence
saying the member attended it; then the note it belongs to; then the document's preamble
("Group: IOP Morning Group (process group)").
In each place the first service name wins, the longest phrase where several start there;
a service held as a group ("Nursing Education Group") is group education; a bare "group",
"individual" or "family" counts only in a labeled value or a heading, and a labeled
value's bare "group" ("NOTE_TYPE: GRP_PROG") gives way to a service the record's own
header line names ("Group Psychoeducation: Wellness Education Group"), a row's bare
"group" cell to a service another of its cells names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.facts import GROUP_KINDS, GroupFocus, NoteElement, ServiceKind
from extract.readers.scope import CONTEXT, OWN, PARENT, Scope, Slot
from extract.records.segment import menu_options
from extract.values import times
from extract.values.boxes import box_options, marked_choice, ticked_options, unread_boxes
from extract.values.legend import chart_codes, leading_code, legend


@dataclass(frozen=True)
class Kind:
    slot: Slot[ServiceKind]
    named: bool  # a service's name or code says it (not only "group" or a "Group:" label)
    focus_spans: tuple[tuple[int, int], ...]


def kind_in(
    sc: Scope, s: int, e: int, *, label: str | None = None, fallback: bool = False
) -> tuple[ServiceKind, int, int, bool] | None:
    """The service kind ``text[s:e]`` names: a service name, else a code, else an
    abbreviation the document defines ("RP"), else (only when ``fallback``) a bare "group"
    / "individual" / "family" or a "Group:" label."""
    v, text = sc.v, sc.text
    abbr = legend(sc.layout).services.get(text[s:e].strip(" \t*"))
    if abbr is not None:
        return abbr[0], s, e, True  # the definition's words: :func:`definition`
    lead = leading_code(sc.layout, s, e)
    if lead is not None:  # "RG  930-11a ✓ n8 MO — ...": a line led by a defined code
        return lead[2], lead[0], lead[1], True
    meaning = chart_codes().get(text[s:e].strip(' \t*"'))
    if meaning is not None:  # a code the chart's code table defines ("IND-PSY")
        m = v.kinds.earliest(meaning) or v.codes.earliest(meaning)
        if m is not None:
            return m[2], s, e, True
    boxed = _ticked_kind(sc, s, e)
    if boxed is not None:
        # "[ ] Group Therapy  [X] Individual Therapy": a row of boxes, only what is ticked
        return boxed[0] if boxed else None
    grouped = (label is not None and label in v.group_labels) or v.group_words.found(text, s, e)
    listed, marked = marked_choice(text, list(v.kinds.matches(text, s, e)), ticked_only=True)
    if listed:
        # "Group Psychotherapy X Psychoeducation": a form's choices, only the marked one
        if marked is None:
            return None
        return marked[2], marked[0], marked[1], True
    for matcher in (v.kinds, v.codes):
        m = matcher.earliest(text, s, e)
        if m is not None:
            kind = v.group_variants.get(m[2], m[2]) if grouped else m[2]
            return kind, m[0], m[1], True
    if not fallback:
        return None
    if label is not None and label in v.group_labels:
        return ServiceKind.GROUP_PSYCHOTHERAPY, s, e, False
    m = v.fallback_kinds.earliest(text, s, e)
    return (m[2], m[0], m[1], False) if m is not None else None


def _ticked_kind(sc: Scope, s: int, e: int) -> list[tuple[ServiceKind, int, int, bool]] | None:
    """When services are options of a row of check boxes in ``text[s:e]`` ("☐ Group
    Therapy  ☒ Individual Therapy", "[ ] Group [X] Case Management", "Group [ ]
    Individual [x]"): the one service ticked, as a one-item list; ``[]`` when none is, or
    two different ones are (the row states none). ``None`` when no service is an option of
    a box (a service named beside boxes of something else: read as usual)."""
    v, text = sc.v, sc.text
    options = box_options(text, s, e)
    if not options:
        return None
    inside: list[tuple[int, int, ServiceKind, int, int, bool]] = []
    for matcher in (v.kinds, v.codes):
        for ms, me, kind in matcher.matches(text, s, e):
            for os_, oe, ticked in options:
                if os_ <= ms and me <= oe:
                    inside.append((ms, me, kind, os_, oe, ticked))
                    break
        if inside:
            break
    if not inside:
        return None
    marked = [x for x in inside if x[5]]
    if len({x[2] for x in marked}) != 1:
        return []
    ms, me, kind, os_, oe, _ = marked[0]
    if v.group_words.found(text, os_, oe):  # "[x] Nursing Education Group"
        kind = v.group_variants.get(kind, kind)
    return [(kind, ms, me, True)]


def read_kind(sc: Scope) -> Kind | None:
    rec = sc.rec
    places: list[tuple[int, int, str | None, bool, str]] = []
    cells = [(s, e, role) for role in ("service", "code") for s, e, _ in rec.cells(role)]
    # a name ("Recovery Education Group (Psychoeducation Group)") says more than a code
    # beside it ("G0177")
    cells.sort(key=lambda c: not any(ch.islower() for ch in sc.text[c[0] : c[1]]))
    places += [(s, e, None, True, f"kind.{role}-cell") for s, e, role in cells]
    if not places and rec.form.value == "row":
        # a row of a table without a service column: a cell that is a code the
        # document's legend defines ("UDS" where "UDS urine drug screen")
        defined_here = legend(sc.layout).services
        for c in sc.layout.lines[rec.first].cells:
            if sc.text[c.start : c.end].strip(" \t*") in defined_here:
                places.append((c.start, c.end, None, False, "kind.legend-code-cell"))
            elif (lead := leading_code(sc.layout, c.start, c.end)) is not None:
                places.append((lead[0], lead[1], None, False, "kind.legend-code-cell"))
    for f in sc.fields("service"):
        places.append((f.start, f.end, f.key, True, "kind.service-field"))
    unsure = _unsure_menu(sc)
    for i in sc.own:
        if i in unsure:
            continue  # a menu of codes with a mark not known: none of its options is read
        # a row of the form's check boxes of services ("☐ Individual Therapy  ☒ Case
        # Management"): the ticked one, before a title's bare word ("NOTE - INDIVIDUAL /
        # FAMILY / ANCILLARY")
        s, e = sc.line_span(i)
        if i not in sc.others and ticked_options(sc.text, s, e):
            places.append((s, e, None, False, "kind.ticked-box"))
        elif i not in sc.others and _marked_kind_choice(sc, s, e):
            # a flattened form's choices, the marked one ("Group Psychotherapy X
            # Psychoeducation"), before a numbered heading's bare "GROUP 2"
            places.append((s, e, None, False, "kind.marked-choice"))
    for i in sc.head:
        s, e = sc.line_span(i)
        heading = sc.layout.headings[i] is not None
        places.append((s, e, None, heading, "kind.header-line"))
    for f in sc.fields("code"):
        places.append((f.start, f.end, None, False, "kind.code-field"))
    for i in sc.own:  # a heading inside the note ("TRAUMA PROCESS GROUP 3:30-5:00 PM")
        h = sc.layout.headings[i]
        if h is not None and i not in sc.head:
            places.append((h.start, h.end, None, True, "kind.heading"))
            break
    if rec.form.value == "note":
        # the note's sentence that gives a session's time names that session's service
        # ("Group psychotherapy 09:00-12:00, present")
        for s, e in sc.current:
            if next(times.find_time_ranges(sc.text, s, e), None) is not None:
                places.append((s, e, None, False, "kind.timed-sentence"))
                break
    if rec.form.value in ("part", "entry"):
        # a part or an entry names its service in its own words
        places += [(s, e, None, False, "kind.own-words") for s, e in sc.sentences]
    for s, e in sc.current:
        if sc.v.attendance_narrative.found(sc.text, s, e):
            places.append((s, e, None, False, "kind.attended-sentence"))
    if rec.parent is not None:
        for f in sc.fields("service", PARENT):
            places.append((f.start, f.end, f.key, True, "kind.note-service-field"))
        for i in sc.parent[:3]:
            s, e = sc.line_span(i)
            places.append((s, e, None, sc.layout.headings[i] is not None, "kind.note-header-line"))
    for f in sc.fields("service", CONTEXT):
        places.append((f.start, f.end, f.key, True, "kind.preamble-field"))
    for k, i in enumerate(sc.context):
        # a heading of the preamble, or the document's first line (its title)
        if sc.layout.headings[i] is not None or (k == 0 and sc.layout.lines[i].is_text):
            s, e = sc.line_span(i)
            places.append((s, e, None, True, "kind.preamble-heading"))
    nature = NoteElement.NATURE_OF_SERVICE
    topics = [
        (f.start, f.end)
        for f in sc.all_fields(OWN)
        if not f.empty and sc.v.element_of(f.key) is nature
    ]
    defined = legend(sc.layout).services
    bare: Kind | None = None  # a bare "group" or a group label: a name of the record's wins
    for s, e, label, fallback, how in places:
        if (
            bare is not None
            and how not in ("kind.header-line", "kind.heading")
            and not (bare.slot.how.endswith("-cell") and how.endswith("-cell"))
        ):
            continue  # only the record's own header or heading names it better
        pieces = sc.rec.segments(s, e) if how.endswith("-cell") else ((s, e),)
        if len(pieces) > 1:  # a cell wrapped onto the row's next lines
            wrapped = _wrapped_kind(sc, pieces)
            if wrapped is not None:
                return Kind(Slot(wrapped, pieces, how + "+wrapped"), True, (*pieces, *topics))
            continue
        found = kind_in(sc, s, e, label=label, fallback=fallback)
        if found is not None:
            kind, ks, ke, named = found
            # a cell or a field quotes whole ("SUD Process Group (group psychotherapy)");
            # a heading or a sentence, the service's name in it
            whole = how.endswith(("-cell", "-field")) and box_options(sc.text, s, e) is None
            spans: tuple[tuple[int, int], ...] = ((s, e),) if whole else ((ks, ke),)
            definition = defined.get(sc.text[s:e].strip(" \t*"))
            if definition is not None:  # "RP", defined as "Relapse Prevention (RP)"
                spans = (spans[0], (definition[1], definition[2]))
                how += "+abbreviation"
            if kind is ServiceKind.MEDICATION_ADMINISTRATION:
                drug = drug_given(sc)
                if drug is not None:  # "Medication administration ... Sublocade 300 mg"
                    kind, spans, how = drug[2], (*spans, drug[:2]), how + "+drug"
            found_kind = Kind(Slot(kind, spans, how), named, (*spans, (s, e), *topics))
            if named:
                return found_kind
            if _CODE_TOKEN.fullmatch(sc.text[s:e].strip(" \t*")):
                continue  # "GRP-2A": a program's internal code, no service's name
            if how != "kind.service-field" and not (how.endswith("-cell") and len(cells) > 1):
                return bare or found_kind
            # "NOTE_TYPE: GRP_PROG": a field's bare "group"; the record's own header line
            # may name the service ("Group Psychoeducation: Wellness Education Group"); a
            # row's bare "group" (a "type" column) gives way to a cell beside it that names
            # the service ("Psychoeducational service, group")
            bare = bare or found_kind
    return bare


def _unsure_menu(sc: Scope) -> frozenset[int]:
    """The lines of the note's menu of billing codes when one of its boxes holds a mark
    that is neither a tick nor blank ("[/] 90853"): which options are ticked is not
    known, so no line of it names the service."""
    note = sc.rec.parent or sc.rec
    lines = {i for i, _, _, _ in menu_options(sc.layout, note)}
    lay = sc.layout
    if any(unread_boxes(sc.text, lay.lines[i].cstart, lay.lines[i].cend) for i in lines):
        return frozenset(lines)
    return frozenset()


def _marked_kind_choice(sc: Scope, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` lists services as a form's choices with one marked."""
    listed, marked = marked_choice(
        sc.text, list(sc.v.kinds.matches(sc.text, s, e)), ticked_only=True
    )
    return listed and marked is not None


# one token with a digit in it, joined by "-", "_" or ".": an internal code ("GRP-2A")
_CODE_TOKEN = re.compile(r"(?=[^\s]*\d)[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+")


def _wrapped_kind(sc: Scope, pieces: tuple[tuple[int, int], ...]) -> ServiceKind | None:
    """The service a cell wrapped onto several lines names, read as one line ("Recovery
    Education" / "Group"): a name, else a code."""
    v = sc.v
    joined = " ".join(sc.text[a:b].strip() for a, b in pieces)
    grouped = v.group_words.found(joined)
    for matcher in (v.kinds, v.codes):
        m = matcher.earliest(joined)
        if m is not None:
            return v.group_variants.get(m[2], m[2]) if grouped else m[2]
    return None


def drug_given(sc: Scope) -> tuple[int, int, ServiceKind] | None:
    """The first drug the record's own lines name that makes its medication
    administration a service of another kind (``administered_drugs``: giving buprenorphine
    is OUD medication dosing); for a part told inline, in its own stretch only."""
    span = sc.rec.span
    for i in sc.own:
        if i in sc.others:
            continue
        s, e = sc.line_span(i)
        if span is not None:
            s, e = max(s, span[0]), min(e, span[1])
            if s >= e:
                continue
        m = sc.v.administered_drugs.earliest(sc.text, s, e)
        if m is not None:
            return m
    return None


def read_focus(sc: Scope, kind: Kind | None) -> Slot[GroupFocus] | None:
    """A group's focus from the first place that names one (its name, then its topic);
    both named, or neither: unknown."""
    if kind is None or kind.slot.value not in GROUP_KINDS:
        return None
    for s, e in kind.focus_spans:
        values = {k for _, _, k in sc.v.focus.matches(sc.text, s, e)}
        if len(values) == 1:  # the words that name it: the group's name, or its topic
            return Slot(values.pop(), ((s, e),), "kind.group-focus")
        if values:
            return None
    return None


__all__ = ["Kind", "drug_given", "kind_in", "read_focus", "read_kind"]
