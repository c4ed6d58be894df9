"""From the model's service records to :class:`core.facts.Session` facts, field by field.

The model names a service record (``record_quote``: its row, heading or first line) and
quotes the words of each of its fields. Record words that occur several times in the
chunk (identical rows under different dates) are the occurrence near the proposed date.
Every field's quote is aligned on its own: inside the record's words, then for a note
after them up to the next record the model named (its body: its attendance, its
clinician's signature), for a log entry on the rest of its own line only. A date not in
the record's words is the nearest one above them (a note's header, a date heading over a
day's rows); a note cut by a chunk boundary (the model sees the document's first lines
with every chunk) may quote the date nearest above it in the document, and only that one.
A field whose words cannot be found there is dropped and listed as ungrounded; the rest
of the session stays (one bad quote drops that field, not the fact).

The model never states a number. The date, the start and end, the member's own arrival
and departure, the stated length and the group size are parsed from the aligned words by
the offline reader's own parsers (:mod:`extract.values`); a quote that states no such
value is dropped like an unfound one. A date written without its year takes the year of
the document's nearest full date (as offline). A kind, an attendance or a modality is the
model's label for its quoted words: where the vocabulary reads those words as another
value ("No show" proposed as attended), the field is dropped; where it reads nothing, the
model's label stands, with its words as evidence. A progress note proposed as attended
with no words of attendance is attended on the note's own words (a note documents a
delivered session), unless its line is a plan or a schedule or states another status; a
log line needs its words. A session needs a date of service: without one it is not a fact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from pydantic import BaseModel

from core.data import Document, Evidence
from core.facts import (
    GROUP_KINDS,
    Attendance,
    GroupFocus,
    Modality,
    Person,
    ServiceKind,
    Session,
    SlotEvidence,
    UnreadRecord,
)
from core.textcache import text_cache
from extract.deterministic.sessions import NON_SESSION_KINDS
from extract.layout import layout_of
from extract.llm.align import Alignment, MatchHow, normalize
from extract.llm.schema import SessionProposal
from extract.readers.staff import group_size_value
from extract.records import service_records
from extract.unread import silent_document, unread_records
from extract.values import times
from extract.values.dates import DateSpan, find_dates, find_partial_dates
from extract.values.people import parse_person
from extract.values.vocab import Vocab, vocab
from extract.vocab.lexicon import label_groups
from extract.vocab.phrases import PhraseMap

#: How far above a record's words its date may be (a note's header over its time line, a
#: date heading over a day's rows); the nearest occurrence is taken.
LINES_ABOVE = 40
#: How far below a record's first words its fields may be when no other record follows
#: (a note's body down to its signature).
LINES_BELOW = 60

K = TypeVar("K")
E = TypeVar("E")


class Grounder(Protocol):
    """What :func:`ground_sessions` needs of :class:`extract.llm.convert._Grounder`."""

    @property
    def document(self) -> Document: ...

    def locate(
        self, quote: str, window: tuple[int, int], *, last: bool = False
    ) -> tuple[Evidence, Alignment] | str: ...

    def record_span(self, quote: str) -> tuple[Evidence, Alignment] | str: ...

    def record_spans(self, quote: str) -> list[tuple[Evidence, Alignment]]: ...

    def header_span(self, quote: str) -> tuple[Evidence, Alignment] | str: ...

    def reject(
        self, kind: str, proposal: BaseModel, quote: str, why: str, what: str = ""
    ) -> None: ...

    def source(self, *hows: MatchHow) -> str: ...

    def chunk_bounds(self) -> tuple[int, int]: ...


@dataclass(frozen=True)
class _Placed:
    proposal: SessionProposal
    record: Evidence
    how: MatchHow


def ground_sessions(g: Grounder, proposals: Sequence[SessionProposal]) -> list[Session]:
    """The sessions of one chunk's answer (module docstring); rejections go to ``g``."""
    placed: list[_Placed] = []
    used: set[tuple[int, int]] = set()
    for p in proposals:
        found = _record_of(g, p, used)
        if isinstance(found, str):
            g.reject("sessions", p, p.record_quote, found, "the service record: ")
            continue
        used.add((found[0].page, found[0].start))
        placed.append(_Placed(p, found[0], found[1].how))
    starts = sorted({(x.record.page, x.record.start) for x in placed})
    out: list[Session] = []
    for x in placed:
        later = [s for page, s in starts if page == x.record.page and s > x.record.start]
        session = _ground_one(g, x, later[0] if later else None)
        if session is not None:
            out.append(session)
    return out


def _record_of(
    g: Grounder, p: SessionProposal, used: set[tuple[int, int]]
) -> tuple[Evidence, Alignment] | str:
    """Where the record's words are. Words that occur several times (identical rows under
    different dates, a date line) are the occurrence where most of the proposal's other
    quotes are found (its date in or above it, its times, length, service and attendance
    in or below it); of equals, one no other proposal took, then the first."""
    every = g.record_spans(p.record_quote)
    if len(every) <= 1:
        return every[0] if every else g.record_span(p.record_quote)
    below_quotes = [
        q
        for q in (p.times_quote, p.duration_quote, p.service_quote, p.attendance_quote)
        if q is not None
    ]

    def score(f: tuple[Evidence, Alignment]) -> tuple[int, bool]:
        # each occurrence's text runs to the next one (the next identical row)
        later = [e.start for e, _ in every if e.page == f[0].page and e.start > f[0].start]
        inside, below, above = _window(g, f[0], later[0] if later else None)
        hits = sum(not isinstance(g.locate(q, below), str) for q in below_quotes)
        if p.date_quote is not None and not (
            isinstance(g.locate(p.date_quote, inside), str)
            and isinstance(g.locate(p.date_quote, above, last=True), str)
        ):
            hits += 1
        return hits, (f[0].page, f[0].start) not in used

    return max(every, key=score)


def _window(g: Grounder, record: Evidence, next_start: int | None) -> list[tuple[int, int]]:
    """The page ranges a field's quote is looked for in, in order: the record's words, the
    text below them (to the next record), the lines just above them."""
    lo, hi = g.chunk_bounds()
    text = g.document.page(record.page).text
    below = record.end
    for _ in range(LINES_BELOW):
        nl = text.find("\n", below + 1, hi)
        if nl < 0:
            below = hi
            break
        below = nl
    if next_start is not None:
        below = min(below, next_start)
    above = record.start
    for _ in range(LINES_ABOVE + 1):
        nl = text.rfind("\n", lo, above)
        if nl < 0:
            above = lo
            break
        above = nl
    # each window holds the record's words too: a field may run from them onward (a
    # start on the record's line, the end on the next) or lead into them (a heading)
    return [(record.start, record.end), (record.start, max(record.end, below)), (above, record.end)]


def _ground_one(g: Grounder, x: _Placed, next_start: int | None) -> Session | None:
    p = x.proposal
    windows = _window(g, x.record, next_start)
    evidence: list[Evidence] = [x.record]
    hows: list[MatchHow] = [x.how]
    slots: list[SlotEvidence] = []
    text = g.document.page(x.record.page).text
    # a log entry's own words: from its record to its line's end (or the next record on
    # the line: a grid of several entries per line)
    line_end = _line_of(text, x.record, whole=True)[1]
    own_line = (x.record.start, min(line_end, next_start) if next_start else line_end)

    def field(name: str, quote: str | None) -> Evidence | None:
        if quote is None:
            return None
        inside, below, above = windows
        # a date not in the record's words heads it (a note's header, a day's heading);
        # the rest of a record's fields are in its words or follow its first line, never
        # in the rows above it (another record's); a log line's fields are on its own
        # line(s), never on the lines of the log below it
        order: tuple[tuple[int, int], ...]
        if name == "date":
            order = (inside, above)
        elif p.record_type == "log_entry":
            order = (inside, own_line)
        else:
            order = (inside, below)
        if name == "service" and p.record_type == "log_entry":
            # a table's rows may take their service from the heading they stand under
            # ("URINE DRUG SCREENS" above rows of dates and results)
            heading = _heading_above(g.document, x.record)
            if heading is not None:
                order = (*order, heading)
        for window in order:
            if window[1] <= window[0]:
                continue
            found = g.locate(quote, window, last=window is above)
            if not isinstance(found, str):
                evidence.append(found[0])
                hows.append(found[1].how)
                return found[0]
        if name == "date" and p.record_type == "progress_note":
            # a note cut by a chunk boundary (the model saw its date in the document's
            # header): the nearest date above the record in the document, if it is the
            # quoted one (a later note of the document has its own date line above)
            above_ev = _nearest_date_above(g.document, x.record)
            if above_ev is not None and normalize(above_ev.quote)[0] == normalize(quote)[0]:
                evidence.append(above_ev)
                hows.append("exact")
                return above_ev
        why = "the quote is not in the service record's words or just above or below them"
        g.reject("sessions", p, quote, why, f"the session's {name}: ")
        return None

    def unreadable(name: str, quote: str, what: str) -> None:
        g.reject("sessions", p, quote, f"the words state no {what}", f"the session's {name}: ")

    def slot(name: str, ev: Evidence) -> None:
        slots.append(SlotEvidence(slot=name, evidence=(ev,), source=g.source(x.how)))

    date_ev = field("date", p.date_quote)
    date = None
    if date_ev is not None:
        date_text = g.document.page(date_ev.page).text  # the header's is page 1's
        found_date = next(find_dates(date_text, date_ev.start, date_ev.end), None)
        if found_date is None:
            found_date = _partial_date(g.document, date_ev, x.record)
        if found_date is None:
            unreadable("date", date_ev.quote, "date")
        else:
            date = found_date.date
            slot("date", date_ev)
    if date is None:
        why = "no date of service was quoted that states a date; a session needs one"
        g.reject("sessions", p, p.record_quote, why, "the service record: ")
        return None

    start = end = None
    times_ev = field("times", p.times_quote)
    if times_ev is not None:
        read = _times(text, times_ev.start, times_ev.end)
        if read is None:
            unreadable("times", times_ev.quote, "clock time")
        else:
            start, end = read
            slot("start", times_ev)
            if end is not None:
                slot("end", times_ev)
    member: dict[str, dt.time | None] = {"member_start": None, "member_end": None}
    for name, quote, role in (
        ("arrival", p.arrival_quote, "member_start"),
        ("departure", p.departure_quote, "member_end"),
    ):
        ev = field(name, quote)
        if ev is None:
            continue
        clock = next(times.find_clock_times(text, ev.start, ev.end, loose=True), None)
        if clock is None or clock.form == "bare":
            unreadable(name, ev.quote, "clock time")
            continue
        member[role] = times.resolve_within(clock, start, end)
        slot(role, ev)
    minutes = None
    duration_ev = field("duration", p.duration_quote)
    if duration_ev is not None:
        d = next(times.find_durations(text, duration_ev.start, duration_ev.end), None)
        if d is None:
            unreadable("duration", duration_ev.quote, "length")
        else:
            minutes = d.minutes
            slot("minutes", duration_ev)

    v = vocab()
    kind = _labelled(
        field("service", p.service_quote),
        p.kind,
        ServiceKind.UNKNOWN,
        lambda s, e: _read(text, s, e, v.kinds, v.codes),
        lambda ev, why: g.reject("sessions", p, ev.quote, why, "the session's service: "),
        agrees=lambda said, value: value in (said, v.group_variants.get(said)),
    )
    attendance_ev = field("attendance", p.attendance_quote)
    attended = p.attendance is Attendance.ATTENDED
    if (
        attendance_ev is None
        and attended
        and p.record_type == "progress_note"
        and not _planned(g.document, x.record)
    ):
        # a note of the session documents it as delivered: its words are the record's
        attendance_ev = x.record
    if attendance_ev is not None and attended and p.record_type == "log_entry":
        # a log line that says otherwise ("... No show"): not attended on other words (a
        # note's line may speak of other days: "make-up for missed groups 10/16")
        # (its status words only: a code such as "C" or "R" may be a clinician's initial)
        other = _read(text, *own_line, v.attendance_values)
        if other is not None and other is not Attendance.ATTENDED:
            g.reject(
                "sessions",
                p,
                x.record.quote,
                f"the record's own line reads as {other.value}, not as attended",
                "the session's attendance: ",
            )
            attendance_ev = None
    defaulted = attendance_ev is x.record
    attendance = _labelled(
        attendance_ev,
        p.attendance,
        Attendance.UNKNOWN,
        # a note's own words (attended by default) were checked above, status words only
        lambda s, e: None if defaulted else _read(text, s, e, *_attendance_maps(v)),
        lambda ev, why: g.reject("sessions", p, ev.quote, why, "the session's attendance: "),
    )
    modality_ev = field("modality", p.modality_quote)
    if modality_ev is not None and not _states_delivery(g.document, modality_ev, own_line):
        why = (
            "the words do not say how the session was delivered (not the record's own words, "
            "a modality field's value or a phrase such as 'by phone')"
        )
        g.reject("sessions", p, modality_ev.quote, why, "the session's modality: ")
        modality_ev = None
    modality = _labelled(
        modality_ev,
        p.modality,
        Modality.UNKNOWN,
        lambda s, e: _read(text, s, e, v.modality_values, v.modality_narrative),
        lambda ev, why: g.reject("sessions", p, ev.quote, why, "the session's modality: "),
    )
    for name, (_, ev) in (("kind", kind), ("attendance", attendance), ("modality", modality)):
        if ev is not None:
            slot(name, ev)
    focus = _focus(text, kind[0], kind[1])
    if focus is not None:
        slot("focus", focus[1])

    people: list[Person] = []
    for quote in p.facilitator_quotes:
        person_ev = field("facilitator", quote)
        if person_ev is None:
            continue
        person = parse_person(text, person_ev.start, person_ev.end)
        if person is None or (person.name is None and not person.credentials):
            unreadable("facilitator", person_ev.quote, "clinician's name or credential")
            continue
        people.append(
            Person(
                evidence=(person_ev,),
                source=g.source(x.how),
                name=person.name,
                credentials=person.credentials,
            )
        )
        slot("facilitators", person_ev)

    size = None
    size_ev = field("group size", p.group_size_quote)
    if size_ev is not None:
        size = _group_size(text, size_ev.start, size_ev.end)
        if size is None:
            unreadable("group size", size_ev.quote, "number of participants")
        else:
            slot("group_size", size_ev)

    assert isinstance(kind[0], ServiceKind) and isinstance(attendance[0], Attendance)
    assert isinstance(modality[0], Modality)
    return Session(
        evidence=tuple(dict.fromkeys(evidence)),
        source=g.source(*hows),
        date=date,
        service_kind=kind[0],
        attendance=attendance[0],
        start=start,
        end=end,
        member_start=member["member_start"],
        member_end=member["member_end"],
        stated_minutes=minutes,
        modality=modality[0],
        facilitators=tuple(people),
        group_size=size,
        group_focus=focus[0] if focus is not None else GroupFocus.UNKNOWN,
        is_log_entry=p.record_type == "log_entry",
        slots=tuple(slots),
    )


def _states_delivery(document: Document, ev: Evidence, own: tuple[int, int]) -> bool:
    """Whether the words of a modality say how the session was delivered: on the record's
    own line, a modality field's value ("Setting: telehealth"), or a phrase that states it
    ("seen by video", "over the phone"). A word in a note's narrative is not ("left group
    to take a phone call")."""
    if own[0] <= ev.start and ev.end <= own[1]:
        return True
    text = document.page(ev.page).text
    # a phrase that states it, in or around the quoted words ("conducted by [telephone]")
    line_start = text.rfind("\n", 0, ev.start) + 1
    line_end = text.find("\n", ev.end)
    line_end = len(text) if line_end < 0 else line_end
    if any(
        s < ev.end and ev.start < e
        for s, e, _ in vocab().modality_narrative.matches(text, line_start, line_end)
    ):
        return True
    layout = layout_of(document)
    at = layout.doc.offset(ev.page, ev.start)
    if at is None:
        return False
    groups = label_groups()
    return any(
        f.start <= at < max(f.end, f.start + 1) and "modality" in groups.get(f.key, frozenset())
        for f in layout.fields_by_line[layout.line_at(at)]
    )


def _focus(text: str, kind: ServiceKind, ev: Evidence | None) -> tuple[GroupFocus, Evidence] | None:
    """A group's focus from the words naming its service ("Seeking Safety (substance
    use)"), read by the offline reader's vocabulary: one focus named, else none."""
    if ev is None or kind not in GROUP_KINDS:
        return None
    values = {k for _, _, k in vocab().focus.matches(text, ev.start, ev.end)}
    return (values.pop(), ev) if len(values) == 1 else None


def _nearest_date_above(document: Document, record: Evidence) -> Evidence | None:
    """The date written nearest above ``record`` in the document (on its page before it,
    else the last of an earlier page)."""
    above = [
        (page, start, end)
        for page, start, end, _ in _full_dates(document)
        if page < record.page or (page == record.page and end <= record.start)
    ]
    if not above:
        return None
    page, start, end = max(above)
    return document.evidence(page, start, end)


def _attendance_maps(v: Vocab) -> tuple[PhraseMap[Attendance], ...]:
    return (v.attendance_values, v.attendance_codes, v.attendance_narrative)


def _line_of(text: str, ev: Evidence, *, whole: bool = False) -> tuple[int, int]:
    """The page offsets of the first line ``ev`` lies on (``whole``: of all its lines)."""
    start = text.rfind("\n", 0, ev.start) + 1
    end = text.find("\n", max(ev.start, ev.end - 1) if whole else ev.start)
    return start, len(text) if end < 0 else end


def _heading_above(document: Document, record: Evidence) -> tuple[int, int] | None:
    """The words (page offsets) of the nearest heading above the record's line, on its page
    and within ``LINES_ABOVE`` lines; ``None`` when there is none."""
    layout = layout_of(document)
    at = layout.doc.offset(record.page, record.start)
    if at is None:
        return None
    line = layout.line_at(at)
    base = at - record.start
    for j in range(line - 1, max(-1, line - 1 - LINES_ABOVE), -1):
        heading = layout.headings[j]
        if heading is None:
            continue
        if heading.start < base:
            return None  # on another page
        return heading.start - base, heading.end - base
    return None


def _planned(document: Document, record: Evidence) -> bool:
    """Whether the record's line is about another day or a plan, or a schedule's
    ("Next group: 03/12 9:00-12:00"): not the note of a delivered session."""
    layout = layout_of(document)
    at = layout.doc.offset(record.page, record.start)
    if at is None:
        return True
    line = layout.line_at(at)
    ln = layout.lines[line]
    # words of another time ("next group", "plan", "history"), a schedule table's line
    return vocab().not_current.earliest(
        layout.text, ln.cstart, ln.cend
    ) is not None or line in _schedule_lines(document)


@text_cache(maxsize=8)
def _schedule_lines(document: Document) -> frozenset[int]:
    """The lines of ``document``'s tables read as schedules, found once per document."""
    return service_records(layout_of(document)).schedule_lines


def _partial_date(document: Document, ev: Evidence, record: Evidence) -> DateSpan | None:
    """A date written without its year ("Tue 7/8"), in the year that puts it nearest the
    document's own full date nearest to it; a weekday written with it (in the quote or the
    record) must be the date's. ``None`` when the document states no full date."""
    near = _nearest_full_date(document, ev)
    if near is None:
        return None
    text = document.page(ev.page).text
    weekdays = vocab().weekdays
    day = weekdays.earliest(text, ev.start, ev.end) or weekdays.earliest(
        document.page(record.page).text, record.start, record.end
    )
    return next(
        find_partial_dates(text, ev.start, ev.end, near, None if day is None else day[2]),
        None,
    )


def _nearest_full_date(document: Document, ev: Evidence) -> dt.date | None:
    best: tuple[int, int, dt.date] | None = None
    for page, start, _, date in _full_dates(document):
        key = (abs(page - ev.page), abs(start - ev.start), date)
        if best is None or key[:2] < best[:2]:
            best = key
    return None if best is None else best[2]


@text_cache(maxsize=8)
def _full_dates(document: Document) -> tuple[tuple[int, int, int, dt.date], ...]:
    """Every full date of ``document``: (page, start, end, date), read once per document."""
    return tuple(
        (p.number, d.start, d.end, d.date) for p in document.pages for d in find_dates(p.text)
    )


def _times(text: str, start: int, end: int) -> tuple[dt.time, dt.time | None] | None:
    """A start and an end (a range, or two clock times: "In 9:00a ... Out 10:30a"), else a
    start alone; ``None`` when the words hold no clock time."""
    rng = next(times.find_time_ranges(text, start, end, loose=True), None)
    if rng is not None:
        return rng.begins, rng.ends
    clocks = list(times.find_clock_times(text, start, end, loose=True))
    if len(clocks) >= 2:
        return times.resolve_range(clocks[0], clocks[-1])
    if len(clocks) == 1:
        return clocks[0].value, None
    return None


# a count: digits that are not part of a clock, a date or a decimal ("9:00", "4/22")
_FIRST_NUMBER = re.compile(r"(?<![\d:/.-])\d+(?![\d:/]|[.-]\d)|\b[A-Za-z]+\b")


def _group_size(text: str, start: int, end: int) -> int | None:
    for m in _FIRST_NUMBER.finditer(text, start, end):
        found = group_size_value(text, m.start(), end)
        if found is not None:
            return found[0]
    return None


def _read(text: str, start: int, end: int, *maps: PhraseMap[K]) -> K | None:
    """The value the vocabulary reads in ``text[start:end]`` (the first map that reads
    one), else ``None``."""
    for m in maps:
        hit = m.earliest(text, start, end)
        if hit is not None:
            return hit[2]
    return None


def _labelled(
    ev: Evidence | None,
    label: E | None,
    unknown: E,
    read: Callable[[int, int], E | None],
    reject: Callable[[Evidence, str], None],
    agrees: Callable[[E, E], bool] = lambda said, value: said == value,
) -> tuple[E, Evidence | None]:
    """A categorical field: the model's label for its words, unless the vocabulary reads
    the words as another value (then dropped; a service's group form agrees with it: a
    group of patient education is group education); no words, no value."""
    if ev is None:
        return unknown, None
    said = read(ev.start, ev.end)
    value = label if label is not None and label != unknown else said
    if value is None or value == unknown:
        reject(ev, "the words state no value the rules know, and none was proposed")
        return unknown, None
    if said is not None and not agrees(said, value):
        reject(ev, f"the words read as {getattr(said, 'value', said)}, not as proposed")
        return unknown, None
    return value, ev


def unread_by_model(
    documents: Sequence[Document],
    sessions: Mapping[str, Sequence[Session]],
    failed: frozenset[str],
) -> list[UnreadRecord]:
    """In ``llm`` mode, where the model is the reader of service records: the service-like
    lines of each document that no session the model proposed was read from
    (:func:`extract.unread.unread_records`, the offline reader's own test), and for a
    document whose extraction failed, its first service record (it was not read at all)."""
    out: list[UnreadRecord] = []
    for document in documents:
        doc_id = document.document_id
        if document.kind in NON_SESSION_KINDS:
            continue
        layout = layout_of(document)
        if not layout.text.strip():
            continue
        if doc_id in failed:
            record = silent_document(layout)
            if record is not None:
                out.append(record)
            continue
        readings = [_reading(s) for s in sessions.get(doc_id, ())]
        out.extend(unread_records(service_records(layout), (), readings))
    return out


def read_by_model(
    unread: Sequence[UnreadRecord], sessions: Sequence[Session]
) -> tuple[UnreadRecord, ...]:
    """In ``hybrid`` mode: the offline reader's unread records, less those the model read
    into a session (one of its words lies on the unread lines)."""
    spans = [
        (ev.document_id, ev.page, ev.start, ev.end) for s in sessions for ev in _reading(s).evidence
    ]
    return tuple(
        u
        for u in unread
        if not any(
            d == u.document_id and p == u.page and s < u.end and u.start < e for d, p, s, e in spans
        )
    )


def _reading(s: Session) -> Session:
    """``s`` with only the words that make a line read: its record's and its times' (a
    clinician's name or a modality on another line does not read that line, nor does a
    date quoted from a line above: it may be another record's)."""
    kept = [
        s.evidence[0],
        *(ev for slot in ("start", "end") for ev in s.slot_evidence(slot)),
    ]
    timing = ("start", "end")
    return s.model_copy(
        update={
            "evidence": tuple(dict.fromkeys(kept)),
            "slots": tuple(x for x in s.slots if x.slot in timing),
            "facilitators": (),
            "elements": (),
            "uncertain": (),
        }
    )
