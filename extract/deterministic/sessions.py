"""Sessions: every service record of a document read into a :class:`~core.facts.Session`.

The work is done by separate stages a newcomer can find by name:

- :mod:`extract.layout` parses the document once (lines, cells, fields, tables, headings);
- :mod:`extract.records` segments it into service records (table rows, grid cells,
  date-led entries, notes and their parts), each with the words its date rests on;
- :mod:`extract.readers` reads each slot of a record (times, kind, attendance, modality,
  staff, group size, note elements), each with its own words and the reader's name;
- :mod:`extract.reconcile` merges the records of one session documented in several places;
- :mod:`extract.unread` lists the service records nobody could read.

This module only turns a record's slots into a fact. A record is a session when it states
something a service has: a time or duration, a service named by its name or code, a grid
mark, an attendance (a row or an entry of a log; a note needs more: a team meeting's
"client not present" is no session), or (a progress note) a note element. An evaluation, plan,
certification or other non-session document (``Document.kind``), and a diagnostic service,
is a session only with a labeled time or duration of its own (RULES.md "Service"): a
program schedule in an intake's narrative is not a session.

No chart text is logged or put into an exception message.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.data import DocumentKind, Evidence
from core.facts import (
    GROUP_KINDS,
    Attendance,
    Element,
    GroupFocus,
    Modality,
    NoteElement,
    Person,
    ServiceKind,
    Session,
    SlotEvidence,
    UncertainSlot,
    UnreadRecord,
)
from extract.deterministic.common import DocInput, source
from extract.layout import Layout, chart_memo, layout_of
from extract.readers.elements import about_member, read_elements
from extract.readers.kind import read_focus, read_kind
from extract.readers.modality import read_modality
from extract.readers.scope import Scope, Slot
from extract.readers.staff import read_group_size, read_staff
from extract.readers.status import read_attendance
from extract.readers.when import read_when
from extract.records import RecordForm, ServiceRecord, service_records
from extract.unread import (
    told_services,
    unread_member_times,
    unread_records,
    untold_member_times,
)
from extract.values.legend import kept_for_member, key_pairs
from extract.values.vocab import vocab
from extract.vocab.phrases import norm

NON_SESSION_KINDS = frozenset(
    {
        DocumentKind.CERTIFICATION,
        DocumentKind.RECERTIFICATION,
        DocumentKind.TREATMENT_PLAN,
        DocumentKind.RISK_ASSESSMENT,
        DocumentKind.PHYSICAL_EXAM,
        DocumentKind.AUTHORIZATION,
        DocumentKind.INTAKE_EVALUATION,
        DocumentKind.DISCHARGE_SUMMARY,
    }
)
_LOG_FORMS = frozenset({RecordForm.ROW, RecordForm.GRID, RecordForm.ENTRY})


class _Evidence:
    """Evidence of a record's spans. ``all``: the session's own evidence (its date and the
    words of its slots, in order, each once); facilitators, note elements and the group
    focus carry theirs in their own facts and slots."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.all: list[Evidence] = []
        self.slots: list[SlotEvidence] = []

    def spans(self, spans: Iterable[tuple[int, int]], *, own: bool = True) -> tuple[Evidence, ...]:
        out = []
        for s, e in spans:
            ev = self.layout.evidence(s, e)
            if ev is not None:
                out.append(ev)
                if own and ev not in self.all:
                    self.all.append(ev)
        return tuple(out)

    def slot(self, name: str, slot: Slot[object] | None, *, own: bool = True) -> None:
        if slot is None:
            return
        evs = self.spans(slot.spans, own=own)
        if evs:
            self.slots.append(SlotEvidence(slot=name, evidence=evs, source=source(slot.how)))


def names_a_service(sc: Scope) -> bool:
    """A log row whose service cell names something ("IOP"), not a placeholder ("--") nor
    the status of a day ("PROGRAM CLOSED - holiday"): a service of unknown kind."""
    for s, e, _ in sc.rec.cells("service"):
        value = sc.text[s:e]
        if norm(value) in sc.v.placeholders or sum(ch.isalpha() for ch in value) < 2:
            continue
        if sc.v.attendance_values.earliest(sc.text, s, e) is None:
            return True
    return False


def note_format(sc: Scope) -> str:
    """DAP / BIRP / SOAP by the note's section labels or headings; else ``labeled`` when it
    has labeled fields besides its date, else ``narrative``."""
    rec = sc.rec.parent or sc.rec
    lay = sc.layout
    labels: set[str] = set()
    for i in rec.lines():
        labels.update(f.key for f in lay.fields_by_line[i])
        h = lay.headings[i]
        if h is not None:
            labels.add(norm(lay.text[h.start : h.end].strip(" :*#")))
    for name, sections in sc.v.formats.items():
        if all(section & labels for section in sections):
            return name
    roles = {sc.v.role_of(label) for label in labels} - {None, "date"}
    elements = any(sc.v.element_of(label) is not None for label in labels)
    return "labeled" if roles or elements else "narrative"


def _style(rec: ServiceRecord, sc: Scope) -> str:
    """The record's segmentation rule; for a note, its format ("note.dap", "note.dap.part")."""
    if rec.form not in (RecordForm.NOTE, RecordForm.PART):
        return rec.style
    suffix = {RecordForm.NOTE: ""}.get(rec.form, "." + rec.style.rsplit(".", 1)[-1])
    return f"note.{note_format(sc)}{suffix}"


_MARK = 3  # a mark: at most this many characters


def _unread_status(sc: Scope) -> bool:
    """Whether the record's own attendance field holds a mark that was not read (one whose
    meaning no key gives: "Attendance: X"; words such as "Participation: active" describe
    taking part, marks do not say which status they are); not a key of codes ("STATUS: P=present
    A=absent"), which says nothing of this session."""
    defined = key_pairs(sc.layout)
    return any(
        not any(f.start <= a < f.end for a in defined)
        and 0 < len(sc.text[f.start : f.end].strip()) <= _MARK
        for f in sc.fields("attendance")
    )


def _told(sc: Scope) -> list[tuple[int, int]]:
    """The record's current sentences that tell what happened: prose, or the value of a
    note element or body label, not a header field ("Client: Jane Doe", "Group: ...")."""
    v, lay = sc.v, sc.layout
    out = []
    for a, b in sc.current:
        fields = lay.fields_by_line[lay.line_at(a)]
        if not fields or any(
            f.start <= a < max(f.end, f.start + 1)
            and (f.key in v.element_labels or f.key in v.body_labels)
            for f in fields
        ):
            out.append((a, b))
    return out


def _titled_not_service(rec: ServiceRecord) -> bool:
    """A note whose heading says it documents no service ("DISCHARGE NOTE", "Treatment
    Plan Review" among a file's session notes)."""
    note = rec.parent or rec
    if note.form is not RecordForm.NOTE:
        return False
    lay, v = note.layout, vocab()
    for i in range(note.first, min(note.last, note.first + 2) + 1):
        h = lay.headings[i]
        if h is not None:
            found = v.not_service_titles.earliest(lay.text, h.start, h.end)
            return found is not None and found[0] == h.start
    return False


def build_session(rec: ServiceRecord, doc: DocInput) -> Session | None:
    """The session ``rec`` documents, or ``None`` (module docstring)."""
    sc = Scope(rec)
    when = read_when(sc)
    kind = read_kind(sc)
    # a row of a table that defines the program's sessions says nothing of the member
    attendance = None if rec.definition else read_attendance(sc)
    modality = read_modality(sc)
    size = read_group_size(sc)
    staff = read_staff(sc)
    note = rec.form in (RecordForm.NOTE, RecordForm.PART)
    elements = read_elements(sc) if note else []
    focus = read_focus(sc, kind)
    doc_kind = doc.document.kind
    service_kind = kind.slot.value if kind is not None else ServiceKind.UNKNOWN
    if (
        doc_kind in NON_SESSION_KINDS
        or service_kind is ServiceKind.DIAGNOSTIC
        or (kind is None and _titled_not_service(rec))
    ):
        # a discharge note's line that is a service's record ("05/16/2025 9:00 AM process
        # group: no-show"), not a summary of many
        told = (
            doc_kind is DocumentKind.DISCHARGE_SUMMARY
            and rec.anchor.how == "date-led"
            and kind is not None
            and kind.named
            and attendance is not None
            and all(  # the date, the service and its status on one line
                rec.layout.line_at(span[0]) == rec.anchor_line
                for span in (kind.slot.spans[0], attendance.spans[0])
            )
        )
        if not (when.labeled and when.has_time) and not told:
            return None
        if rec.form in (RecordForm.ROW, RecordForm.GRID) and attendance is None:
            return None  # a plan's or an evaluation's table of planned services or goals
    elif not (
        when.has_time
        or when.member_start is not None  # the member's own time in ("Sign In 09:00")
        or (rec.key is not None and not rec.definition)  # joined with its defining row
        or (kind is not None and kind.named)
        or (attendance is not None and not note)
        or rec.grid_mark is not None
        or (doc_kind is DocumentKind.PROGRESS_NOTE and note and bool(elements))
        or names_a_service(sc)
    ):
        return None
    ev = _Evidence(rec.layout)
    date_ev = ev.spans(rec.anchor.spans)
    if not date_ev:
        return None
    ev.slots.append(
        SlotEvidence(slot="date", evidence=date_ev, source=source(f"records.{rec.anchor.how}"))
    )
    for name, slot in (
        ("kind", kind.slot if kind is not None else None),
        ("start", when.start),
        ("end", when.end),
        ("minutes", when.minutes),
        ("member_start", when.member_start),
        ("member_end", when.member_end),
        ("attendance", attendance),
        ("modality", modality),
        ("group_size", size),
    ):
        ev.slot(name, slot)  # type: ignore[arg-type]
    ev.slot("focus", focus, own=False)  # type: ignore[arg-type]
    status = attendance.value if attendance is not None else Attendance.UNKNOWN
    if (
        attendance is None
        and not rec.cut
        and not _unread_status(sc)
        and (
            when.member_start is not None
            or when.member_end is not None
            or any(e.name is NoteElement.RESPONSE for e in elements)
            or (elements and any(about_member(sc, a, b, subjectless=False) for a, b in sc.current))
            or (
                kept_for_member(rec.layout)
                and (elements or any(about_member(sc, a, b) for a, b in _told(sc)))
            )
        )
    ):
        # a note that documents the member's own response, arrival or departure, or a
        # note of what was done that speaks of the member, or, in a document kept for the
        # member ("Client: ...", "Group Notes: Jane Doe"), a note of what was done or a
        # sentence charted about the member ("Brought drinking diary"): the member took
        # part. A note of a group's content alone ("Topic: sleep hygiene") does not say so,
        # nor a piece cut at a page break whose continuation was not found (its status may
        # be on the page that is not there), nor a note whose own attendance field says
        # what could not be read ("Attendance: X" with no key to the mark).
        status = Attendance.ATTENDED
    facilitators: list[Person] = []
    for st in staff:
        pev = ev.spans([(st.person.start, st.person.end), *st.also], own=False)
        if pev:
            facilitators.append(
                Person(
                    evidence=pev,
                    source=source(st.how),
                    name=st.person.name,
                    credentials=st.person.credentials,
                )
            )
    if facilitators:
        ev.slots.append(
            SlotEvidence(
                slot="facilitators",
                evidence=tuple(p.evidence[0] for p in facilitators),
                source=source(staff[0].how),
            )
        )
    element_facts = []
    for stated in elements:
        eev = ev.spans([(stated.start, stated.end)], own=False)
        if eev:
            element_facts.append(
                Element(
                    evidence=eev, source=source(f"readers.element.{stated.how}"), name=stated.name
                )
            )
    uncertain: list[UncertainSlot] = []
    if when.length_readings is not None:
        # the member's one clock on a roster line may be the arrival or the departure
        read_as = ev.spans(when.length_readings.spans)
        if read_as:
            uncertain.append(
                UncertainSlot(
                    slot="minutes",
                    values=tuple(f"{m:g}" for m in when.length_readings.value),
                    evidence=read_as,
                )
            )
    return Session(
        uncertain=tuple(uncertain),
        evidence=tuple(ev.all),
        source=source(f"records.{_style(rec, sc)}"),
        date=rec.anchor.date,
        service_kind=service_kind,
        attendance=status,
        start=when.start.value if when.start else None,
        end=when.end.value if when.end else None,
        member_start=when.member_start.value if when.member_start else None,
        member_end=when.member_end.value if when.member_end else None,
        stated_minutes=when.minutes.value if when.minutes else None,
        modality=modality.value if modality is not None else Modality.UNKNOWN,
        facilitators=tuple(facilitators),
        group_size=size.value if size is not None else None,
        group_focus=focus.value
        if focus is not None and service_kind in GROUP_KINDS
        else GroupFocus.UNKNOWN,
        is_log_entry=rec.form in _LOG_FORMS or rec.billing,
        elements=tuple(element_facts),
        slots=tuple(ev.slots),
    )


def read_document(doc: DocInput) -> tuple[list[Session], list[UnreadRecord]]:
    """Every session ``doc`` documents, in document order, and the service-like lines no
    session was read from (:mod:`extract.unread`; none for a document that does not record
    services: a plan, an evaluation, a certification)."""
    layout = layout_of(doc.document)
    if not layout.text.strip():
        return [], []
    records = service_records(layout)
    sessions: list[Session] = []
    read: list[ServiceRecord] = []
    keys = session_keys()
    for rec in records.records:
        session = build_session(rec, doc)
        if session is not None:
            sessions.append(session)
            read.append(rec)
            if rec.key is not None and keys is not None:
                keys[id(session)] = (session, rec.key, rec.definition)
    memo = chart_memo()
    if memo is not None and untold_member_times(layout, sessions):
        untold = memo.setdefault("untold_member_times", set())
        assert isinstance(untold, set)
        untold.add(doc.document.document_id)
    if memo is not None and unread_member_times(layout, sessions):
        unread_times = memo.setdefault("unread_member_times", set())
        assert isinstance(unread_times, set)
        unread_times.add(doc.document.document_id)
    if doc.document.kind in NON_SESSION_KINDS:
        if memo is not None and doc.document.kind is DocumentKind.DISCHARGE_SUMMARY:
            told = memo.setdefault("told_services", [])
            assert isinstance(told, list)
            told.extend(told_services(layout))  # judged against the chart's sessions
        return sessions, []
    return sessions, unread_records(records, read, sessions)


def session_keys() -> dict[int, tuple[Session, str, bool]] | None:
    """The session ids records name, by session, for the chart being read (``None``
    outside one): (the session, its id, whether its record defines the session)."""
    memo = chart_memo()
    if memo is None:
        return None
    keys = memo.setdefault("session_keys", {})
    assert isinstance(keys, dict)
    return keys


def extract_sessions(doc: DocInput) -> list[Session]:
    """Every session ``doc`` documents, in document order (see the module docstring)."""
    return read_document(doc)[0]
