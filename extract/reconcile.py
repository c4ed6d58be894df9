"""One session, documented in several places, becomes one fact (RULES.md "Same session,
documented twice").

A note, a service-log line, a weekly summary, an attendance grid, an addendum and a claim
line may each document the same session. Two sessions of different documents are the same
when they are on the same date and their times overlap (by at least half of the shorter
one). A session without a time is the same as one of the same (known) service on that date
in another document when the pairing is unambiguous: the document has as many untimed
sessions of that service that day as there are sessions of it to pair with, taken in order
(a grid's rows "Group Psychotherapy I" and "II" with the 9:00 and the 11:20 group's notes).
A document never holds the same session twice: two of its records are two sessions.
Billing lines (claims, charges) record billing, not services: they add their words to the
session they bill, and make a session of their own only for a separately billed service
that an IOP program day does not bundle (case management, CBRS).

The merged session keeps every place's evidence and every slot's words. Where the places
agree on a slot (or only one states it) the slot has that value; where they disagree, the
slot is *uncertain*: the fact holds no value for it (unknown kind, attendance, modality or
length) and lists the values with their words in ``uncertain``, so the rules treat it as
unknown and the finding can name both. Lengths agree when the session's own times or
stated durations give the same minutes; the member's own late arrival or early departure
is not a disagreement with a log's session times.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

from core.facts import (
    Attendance,
    Element,
    GroupFocus,
    Modality,
    Person,
    ServiceKind,
    Session,
    SlotEvidence,
    UncertainSlot,
)
from extract.layout import chart_memo
from extract.values.vocab import vocab

_MIN_OVERLAP = 0.5
_SAME_MINUTES = 1.0


def _clock(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _interval(s: Session) -> tuple[int, int] | None:
    start = s.start or s.member_start
    if start is None:
        return None
    end = s.end or s.member_end
    if end is not None and _clock(end) > _clock(start):
        return _clock(start), _clock(end)
    if s.stated_minutes is not None:
        return _clock(start), _clock(start) + int(s.stated_minutes)
    return _clock(start), _clock(start) + 1


def _length(s: Session) -> float | None:
    """The session's own length (not the member's): its times, else its stated duration."""
    if s.start is not None and s.end is not None and _clock(s.end) > _clock(s.start):
        return float(_clock(s.end) - _clock(s.start))
    return s.stated_minutes


def _attended(s: Session) -> float | None:
    """The member's own attended minutes when a record states a late arrival or an early
    departure from its session's times."""
    if s.member_start is None and s.member_end is None:
        return None
    start, end = s.member_start or s.start, s.member_end or s.end
    if start is None or end is None or _clock(end) <= _clock(start):
        return None
    return float(_clock(end) - _clock(start))


def is_billing_line(s: Session) -> bool:
    """A record of a claim or charge line (merged or not)."""
    return ".billing." in s.source


def _overlap(a: Session, b: Session) -> bool:
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return False
    shared = min(ia[1], ib[1]) - max(ia[0], ib[0])
    shorter = max(1, min(ia[1] - ia[0], ib[1] - ib[0]))
    return shared >= _MIN_OVERLAP * shorter


def same_times(a: Session, b: Session) -> bool:
    """Whether two sessions' times overlap by at least half of the shorter one (the test
    two documents' records of one session pass)."""
    return _overlap(a, b)


def _twice(a: Session, b: Session) -> bool:
    """The same service written twice in one document (an appointment and the encounter
    that fulfilled it, a note and its index entry): the same times, and the same kind or
    one side's kind unknown (but not both)."""
    unknown = ServiceKind.UNKNOWN
    return (
        (a.service_kind is b.service_kind or unknown in (a.service_kind, b.service_kind))
        and not a.service_kind is b.service_kind is unknown
        and _interval(a) == _interval(b)
    )


def _doc(s: Session) -> str:
    return s.evidence[0].document_id


def reconcile(sessions: Sequence[Session]) -> list[Session]:
    """Merge the sessions documented in several places (module docstring)."""
    by_date: dict[dt.date, list[Session]] = defaultdict(list)
    for s in sessions:
        by_date[s.date].append(s)
    out: list[Session] = []
    for date in sorted(by_date):
        out.extend(_reconcile_day(by_date[date]))
    return out


# RULES.md "Counted service": the services an IOP program day bundles. A billing line of one
# of these adds no session of its own (the per diem bills the program day); a separately
# billed service of another kind (case management, CBRS) is evidence of that service.
_PROGRAM_KINDS = frozenset(
    {
        ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
        ServiceKind.GROUP_PSYCHOTHERAPY,
        ServiceKind.GROUP_EDUCATION,
        ServiceKind.FAMILY_COUNSELING,
        ServiceKind.OCCUPATIONAL_THERAPY,
        ServiceKind.PSYCHIATRIC_NURSING,
        ServiceKind.PEER_SUPPORT,
        ServiceKind.ILLNESS_NAVIGATION,
        ServiceKind.PATIENT_EDUCATION,
        ServiceKind.ACTIVITY_THERAPY,
        ServiceKind.DIAGNOSTIC,
        ServiceKind.MEDICATION_ADMINISTRATION,
        ServiceKind.UNKNOWN,
    }
)


def is_billing(s: Session) -> bool:
    """A claim or charge line (RULES.md: billing lines record billing, not services)."""
    return ".billing." in s.source and "+" not in s.source


def _kept(cluster: list[Session]) -> bool:
    """A cluster of billing lines alone is a session only for a separately billed service."""
    if not all(is_billing(s) for s in cluster):
        return True
    return cluster[0].service_kind not in _PROGRAM_KINDS


def _reconcile_day(day: list[Session]) -> list[Session]:
    if len(day) == 1:
        return [partial_without_times(day[0])] if _kept(day) else []
    clusters: list[list[Session]] = []
    timed = sorted(
        (s for s in day if _interval(s) is not None), key=lambda s: _interval(s) or (0, 0)
    )
    for s in timed:
        home = next(
            (
                c
                for c in clusters
                if (not any(_doc(m) == _doc(s) for m in c) and any(_overlap(m, s) for m in c))
                or any(_twice(m, s) for m in c)
            ),
            None,
        )
        if home is None:
            clusters.append([s])
        else:
            home.append(s)
    # sessions without a time: the same service, in order, when each document has as many
    # of that service that day as there are sessions to pair it with
    untimed: dict[tuple[str, ServiceKind], list[Session]] = defaultdict(list)
    for s in day:
        if _interval(s) is None:
            untimed[(_doc(s), s.service_kind)].append(s)
    for (doc, kind), sessions in untimed.items():
        if kind is ServiceKind.UNKNOWN:
            clusters.extend([s] for s in sessions)
            continue
        candidates = [
            c
            for c in clusters
            if not any(_doc(m) == doc for m in c) and any(m.service_kind is kind for m in c)
        ]
        if len(candidates) == len(sessions):
            for s, c in zip(sessions, candidates, strict=True):
                c.append(s)
        else:
            clusters.extend([s] for s in sessions)
    return [partial_without_times(c[0] if len(c) == 1 else merge(c)) for c in clusters if _kept(c)]


def partial_without_times(s: Session) -> Session:
    """A status that says the member was there for part of the session ("L = present,
    arrived late", "Partial") with no time of the member's read, on a session whose start
    and end are known, in a document that states member's arrival or departure times the
    reader did not attach to any session: the member's own times are documented but not
    read, so the length is uncertain. (Where the member's times are not documented, the
    session's count: RULES.md "Service hours"; a stated duration is often the time the
    member attended, "Duration = time the member attended": it is left as read.)"""
    if _in_documents(s, "unread_member_times"):
        s = _member_times_unread(s)
    if not _in_documents(s, "untold_member_times"):
        return s
    full = _scheduled_only(s)
    partial = vocab().partial_attendance
    said = tuple(ev for ev in s.slot_evidence("attendance") if partial.found(ev.quote))
    if full is None or not said:
        return s
    doubt = UncertainSlot(slot="minutes", values=(f"less than {full}", str(full)), evidence=said)
    return s.model_copy(update={"uncertain": (*s.uncertain, doubt)})


def _in_documents(s: Session, key: str) -> bool:
    """Whether ``s`` is quoted from a document the chart memo lists under ``key``."""
    memo = chart_memo()
    marked = memo.get(key) if memo is not None else None
    return isinstance(marked, set) and any(ev.document_id in marked for ev in s.evidence)


def _scheduled_only(s: Session) -> int | None:
    """The minutes from an attended session's start to its end, when none of the member's
    own times was read and its length is not already in doubt; else ``None``."""
    if (
        s.attendance is not Attendance.ATTENDED
        or s.member_start is not None
        or s.member_end is not None
        or s.start is None
        or s.end is None
        or s.uncertain_slot("minutes") is not None
    ):
        return None
    full = (s.end.hour * 60 + s.end.minute) - (s.start.hour * 60 + s.start.minute)
    return full if full > 0 else None


def _member_times_unread(s: Session) -> Session:
    """An attended session with a start and an end but none of the member's own times, in
    a document whose member's times are written where they could not be read
    (:func:`extract.unread.unread_member_times`): its length is the member's, not known."""
    full = _scheduled_only(s)
    timed = tuple(ev for slot in ("start", "end") for ev in s.slot_evidence(slot))
    if full is None or not timed:
        return s
    doubt = UncertainSlot(
        slot="minutes",
        values=(str(full), "the member's own times, written but not read"),
        evidence=tuple(dict.fromkeys(timed)),
    )
    return s.model_copy(update={"uncertain": (*s.uncertain, doubt)})


def join_references(
    sessions: Sequence[Session], keys: dict[int, tuple[Session, str, bool]]
) -> list[Session]:
    """Join each member's marked cell of a roster grid that names a session by an id
    ("GS-26125") with the row that defines that session elsewhere in the chart (its date,
    times and service): one session from both. A defining row no cell of the member's
    names is a session of the program, not the member's: it is dropped. A cell whose id no
    row defines stays as read (its length unknown)."""
    defined: dict[str, list[Session]] = defaultdict(list)
    named: dict[str, list[Session]] = defaultdict(list)
    for s in sessions:
        hit = keys.get(id(s))
        if hit is not None and hit[0] is s:
            (defined if hit[2] else named)[hit[1]].append(s)
    out: list[Session] = []
    for s in sessions:
        hit = keys.get(id(s))
        if hit is None or hit[0] is not s:
            out.append(s)
            continue
        _, key, definition = hit
        if definition:
            continue  # joined below, or a session of the program only
        rows = [d for d in defined.get(key, []) if d.date == s.date]
        if len(rows) != 1:
            out.append(s)
            continue
        # the cell names its service only by the id: the defining row says which it is
        cell = s.model_copy(
            update={
                "service_kind": ServiceKind.UNKNOWN,
                "slots": tuple(x for x in s.slots if x.slot != "kind"),
            }
        )
        out.append(merge([cell, rows[0]]))
    return out


def _agree(
    group: Sequence[Session],
    slot: str,
    value: Callable[[Session], object],
    unknown: object,
) -> tuple[object, UncertainSlot | None, list[Session]]:
    """The slot's value over ``group``: (value, None, the sessions stating it) when they
    agree, (``unknown``, the uncertain slot, []) when they do not."""
    stated = [(value(s), s) for s in group if value(s) is not None and value(s) != unknown]
    values = {v for v, _ in stated}
    if not values:
        return unknown, None, []
    if len(values) == 1:
        return stated[0][0], None, [s for _, s in stated]
    evidence = tuple(
        dict.fromkeys(ev for _, s in stated for ev in (s.slot_evidence(slot) or s.evidence[:1]))
    )
    uncertain = UncertainSlot(
        slot=slot,
        values=tuple(sorted(str(getattr(v, "value", v)) for v in values)),
        evidence=evidence,
    )
    return unknown, uncertain, []


def merge(group: Sequence[Session]) -> Session:
    """One session from the records of one session (module docstring)."""
    notes_first = sorted(group, key=lambda s: (s.is_log_entry, s.start is None))
    uncertain: list[UncertainSlot] = []
    slots: list[SlotEvidence] = []

    kept: set[SlotEvidence] = set()

    def keep(slot: str, givers: Sequence[Session]) -> None:
        for s in givers:
            for x in s.slots:
                if x.slot == slot and x not in kept:  # a set: many records of one session
                    kept.add(x)
                    slots.append(x)

    # the session's own length: times and stated durations must give the same minutes (a
    # billing line's times that are the member's own attended span, as another record of
    # the session states it, bill that span and agree with it)
    attended = {round(m) for s in group if (m := _attended(s)) is not None}
    lengths = {
        round(m)
        for s in group
        if (m := _length(s)) is not None and not (is_billing_line(s) and round(m) in attended)
    }
    start: dt.time | None = None
    end: dt.time | None = None
    stated: float | None = None
    if len(lengths) > 1 and max(lengths) - min(lengths) > _SAME_MINUTES:
        uncertain.append(
            UncertainSlot(
                slot="minutes",
                values=tuple(str(v) for v in sorted(lengths)),
                evidence=tuple(
                    dict.fromkeys(
                        ev
                        for s in group
                        for ev in (
                            s.slot_evidence("start")
                            + s.slot_evidence("end")
                            + s.slot_evidence("minutes")
                        )
                    )
                )
                or group[0].evidence[:1],
            )
        )
    else:
        timed = next((s for s in notes_first if s.start is not None and s.end is not None), None)
        if timed is None:
            timed = next((s for s in notes_first if s.start is not None), None)
        if timed is not None:
            start, end = timed.start, timed.end
            keep("start", [timed])
            keep("end", [timed])
        dur = next((s for s in notes_first if s.stated_minutes is not None), None)
        if dur is not None:
            stated = dur.stated_minutes
            keep("minutes", [dur])
    # a record's own doubt (a roster clock that may be the arrival or the departure)
    for s in group:
        for own in s.uncertain:
            if all(u.slot != own.slot for u in uncertain):
                uncertain.append(own)
    member_start, u, givers = _agree(group, "member_start", lambda s: s.member_start, None)
    if u:
        uncertain.append(u)
    keep("member_start", givers)
    member_end, u, givers = _agree(group, "member_end", lambda s: s.member_end, None)
    if u:
        uncertain.append(u)
    keep("member_end", givers)
    # a service one record names as a group and another by its code alone (a charge's
    # "G0177" for the scheduled "Psychoeducation Group"): the group's kind
    variants = vocab().group_variants
    named = {s.service_kind for s in group}

    def kind_of(s: Session) -> ServiceKind:
        grouped = variants.get(s.service_kind)
        return grouped if grouped is not None and grouped in named else s.service_kind

    kind, u, givers = _agree(group, "kind", kind_of, ServiceKind.UNKNOWN)
    if u:
        uncertain.append(u)
    keep("kind", givers)
    attendance, u, givers = _agree(group, "attendance", lambda s: s.attendance, Attendance.UNKNOWN)
    if u:
        uncertain.append(u)
    keep("attendance", givers)
    modality, u, givers = _agree(group, "modality", lambda s: s.modality, Modality.UNKNOWN)
    if u:
        uncertain.append(u)
    keep("modality", givers)
    size, u, givers = _agree(group, "group_size", lambda s: s.group_size, None)
    if u:
        uncertain.append(u)
    keep("group_size", givers)
    focus, _, givers = _agree(group, "focus", lambda s: s.group_focus, GroupFocus.UNKNOWN)
    keep("focus", givers)
    keep("date", group)
    people: dict[tuple[str | None, tuple[str, ...]], Person] = {}
    for s in notes_first:
        for p in s.facilitators:
            people.setdefault((p.name, p.credentials), p)
    keep("facilitators", group)
    elements: dict[str, Element] = {}
    for s in notes_first:
        for el in s.elements:
            elements.setdefault(el.name, el)
    evidence = tuple(dict.fromkeys(ev for s in notes_first for ev in s.evidence))
    sources = "+".join(dict.fromkeys(s.source for s in notes_first))
    assert isinstance(kind, ServiceKind) and isinstance(attendance, Attendance)
    assert isinstance(modality, Modality) and isinstance(focus, GroupFocus)
    return Session(
        evidence=evidence,
        source=sources,
        date=group[0].date,
        service_kind=kind,
        attendance=attendance,
        start=start,
        end=end,
        member_start=member_start if isinstance(member_start, dt.time) else None,
        member_end=member_end if isinstance(member_end, dt.time) else None,
        stated_minutes=stated,
        modality=modality,
        facilitators=tuple(people.values()),
        group_size=size if isinstance(size, int) else None,
        group_focus=focus,
        is_log_entry=all(s.is_log_entry for s in group),
        elements=tuple(elements.values()),
        slots=tuple(slots),
        uncertain=tuple(uncertain),
    )
