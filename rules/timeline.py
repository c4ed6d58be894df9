"""Timeline arithmetic of an IOP episode, exactly as RULES.md "Shared definitions" puts it.

Pure functions over fact types: the admission date, the episode end, program weeks, the
services of the chart (records of one session merged), counted services, service hours,
the weekly summary and the blocks of consecutive counted hours of a day.

Intervals are calendar days, later minus earlier (:func:`interval_days`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

from core.data import Evidence
from core.facts import (
    Attendance,
    ChartFacts,
    EpisodeDateKind,
    Fact,
    ServiceKind,
    Session,
    UnreadRecord,
)
from core.findings import WeekSummary

DAYS_PER_WEEK = 7
MINUTES_PER_HOUR = 60


def interval_days(earlier: dt.date, later: dt.date) -> int:
    """Calendar days from ``earlier`` to ``later`` (negative if ``later`` is earlier)."""
    return (later - earlier).days


def unique_evidence(facts: Iterable[Fact]) -> tuple[Evidence, ...]:
    """The evidence spans of ``facts``, in order, each once."""
    return tuple(dict.fromkeys(ev for fact in facts for ev in fact.evidence))


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class ResolvedDate:
    """A date the timeline derived, how, from which facts; or why it could not be.

    ``date`` is ``None`` when nothing establishes it or the facts conflict (``conflict``
    then says how).
    """

    date: dt.date | None
    basis: str
    evidence: tuple[Evidence, ...] = ()
    conflict: str | None = None


def _distinct_dates(dates: Iterable[dt.date]) -> list[dt.date]:
    return sorted(set(dates))


def _date_list(dates: Sequence[dt.date]) -> str:
    iso = [d.isoformat() for d in dates]
    return iso[0] if len(iso) == 1 else ", ".join(iso[:-1]) + " and " + iso[-1]


def admission_date(facts: ChartFacts, services: Sequence[Service]) -> ResolvedDate:
    """The stated admission date, else the date of the first attended service.

    Two different stated admission dates are a conflict (``date`` is ``None``). Without a
    stated date, a session of uncertain attendance dated before the first attended
    service makes the admission date uncertain as well.
    """
    stated = [e for e in facts.episode_dates if e.kind is EpisodeDateKind.ADMISSION]
    dates = _distinct_dates(e.date for e in stated)
    if len(dates) > 1:
        return ResolvedDate(
            None,
            "stated admission date",
            unique_evidence(stated),
            f"the chart states different admission dates: {_date_list(dates)}",
        )
    if dates:
        return ResolvedDate(dates[0], "stated admission date", unique_evidence(stated))
    attended = [s for s in services if s.attended]
    if not attended:
        return ResolvedDate(None, "no admission date stated and no attended service")
    first = min(attended, key=lambda s: s.date)
    # an earlier session with contradictory records, or whose attendance is not documented,
    # may be the first attended one
    earlier_conflicts = [
        s
        for s in services
        if (s.conflict or s.attendance is Attendance.UNKNOWN) and s.date < first.date
    ]
    if earlier_conflicts:
        return ResolvedDate(
            None,
            "first attended service",
            tuple(ev for s in earlier_conflicts for ev in s.evidence),
            f"the earliest session ({earlier_conflicts[0].label}) "
            f"is {earlier_conflicts[0].conflict or 'of undocumented attendance'}",
        )
    return ResolvedDate(first.date, "first attended service", first.evidence)


def episode_end(facts: ChartFacts) -> ResolvedDate:
    """The discharge date if documented, else the latest document date of the chart.

    Document dates are :class:`~core.facts.DocumentDate` facts and the dates of sessions,
    certifications and treatment plans (the dates those documents are written on).
    """
    discharges = [e for e in facts.episode_dates if e.kind is EpisodeDateKind.DISCHARGE]
    dates = _distinct_dates(e.date for e in discharges)
    if len(dates) > 1:
        return ResolvedDate(
            None,
            "discharge date",
            unique_evidence(discharges),
            f"the chart states different discharge dates: {_date_list(dates)}",
        )
    if dates:
        return ResolvedDate(dates[0], "discharge date", unique_evidence(discharges))
    dated: list[tuple[dt.date, Fact]] = [(d.date, d) for d in facts.document_dates]
    dated += [(s.date, s) for s in facts.sessions]
    dated += [(c.date, c) for c in facts.certifications if c.date is not None]
    dated += [(p.date, p) for p in facts.treatment_plans if p.date is not None]
    if not dated:
        return ResolvedDate(None, "no discharge date and no dated document")
    latest = max(day for day, _ in dated)
    return ResolvedDate(
        latest,
        "latest document date",
        unique_evidence(fact for day, fact in dated if day == latest),
    )


# --------------------------------------------------------------------------- services


def service_hours(session: Session) -> float | None:
    """Hours of ``session`` (member times, else session times, else stated duration)."""
    minutes = session.minutes
    return None if minutes is None else minutes / MINUTES_PER_HOUR


def _clock_minutes(t: dt.time) -> int:
    return t.hour * MINUTES_PER_HOUR + t.minute


@dataclass(frozen=True)
class Service:
    """One session of the chart, after merging the records that document it.

    A progress note and a service-log line of the same session are two
    :class:`~core.facts.Session` facts with the same date and start time; they are one
    service. ``conflict`` says how its records contradict each other (attended and absent,
    two different service kinds); a conflicted service is neither attended nor counted.
    ``start``/``end`` are the member's clock times when documented, else the session's.
    """

    date: dt.date
    kind: ServiceKind
    attendance: Attendance
    minutes: float | None
    start: dt.time | None
    end: dt.time | None
    records: tuple[Session, ...]
    conflict: str | None = None
    kinds: tuple[ServiceKind, ...] = ()  # every kind its records state (two: a conflict)
    other_conflicts: tuple[str, ...] = ()  # its conflicts besides the kinds

    @property
    def attended(self) -> bool:
        return self.attendance is Attendance.ATTENDED and self.conflict is None

    @property
    def hours(self) -> float | None:
        return None if self.minutes is None else self.minutes / MINUTES_PER_HOUR

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return unique_evidence(self.records)

    @property
    def label(self) -> str:
        """Readable name: "2025-03-10 09:00 group psychotherapy"."""
        clock = f" {self.start.strftime('%H:%M')}" if self.start else ""
        return f"{self.date.isoformat()}{clock} {self.kind.value.replace('_', ' ')}"


def _record_priority(session: Session) -> tuple[bool, bool]:
    """Sort key: records with the member's own times, then progress notes, come first."""
    has_member_times = session.member_start is not None or session.member_end is not None
    return (not has_member_times, session.is_log_entry)


def _words(values: Iterable[StrEnum]) -> str:
    return " and ".join(v.value.replace("_", " ") for v in values)


def stated(records: Iterable[Session], slot: str, attr: str) -> set[str]:
    """Every value the records state for a slot (as text), including the values of a slot
    their documents disagree on (``Session.uncertain``)."""
    values: set[str] = set()
    for r in records:
        value = getattr(r, attr)
        if value is not None and str(getattr(value, "value", value)) != "unknown":
            values.add(str(getattr(value, "value", value)))
        u = r.uncertain_slot(slot)
        if u is not None:
            values.update(u.values)
    return values


def _merge(records: Sequence[Session]) -> Service:
    """One service from the records of one session; contradictions become ``conflict``
    (between records here, or between the documents of one record: ``Session.uncertain``)."""
    ordered = sorted(records, key=_record_priority)
    primary = ordered[0]
    problems: list[str] = []
    kinds = sorted(ServiceKind(k) for k in stated(records, "kind", "service_kind"))
    lengths = sorted({v for r in records if (u := r.uncertain_slot("minutes")) for v in u.values})
    if lengths:
        problems.append(f"documented with different lengths ({' and '.join(lengths)} minutes)")
    statuses = {Attendance(a) for a in stated(records, "attendance", "attendance")}
    missed = sorted(statuses - {Attendance.ATTENDED})
    if Attendance.ATTENDED in statuses and missed:
        problems.append(f"documented as both attended and {_words(missed)}")
    attendance = (
        Attendance.ATTENDED
        if Attendance.ATTENDED in statuses
        else (missed[0] if missed else Attendance.UNKNOWN)
    )
    timed = next((r for r in ordered if r.minutes is not None), primary)
    kind_conflict = f"documented as both {_words(kinds)}" if len(kinds) > 1 else None
    return Service(
        date=primary.date,
        kind=kinds[0] if kinds else ServiceKind.UNKNOWN,
        attendance=attendance,
        minutes=timed.minutes,
        start=timed.member_start or timed.start,
        end=timed.member_end or timed.end,
        records=tuple(records),
        conflict="; ".join([*([kind_conflict] if kind_conflict else []), *problems]) or None,
        kinds=tuple(kinds),
        other_conflicts=tuple(problems),
    )


def merge_services(sessions: Iterable[Session]) -> tuple[Service, ...]:
    """The services of a chart, ordered by date and time.

    Session records with the same date and the same start time (the session's, else the
    member's) document one session and are merged; records without a start time stay
    services of their own.
    """
    groups: dict[tuple[dt.date, dt.time] | int, list[Session]] = {}
    for index, session in enumerate(sessions):
        start = session.start or session.member_start
        key: tuple[dt.date, dt.time] | int = (session.date, start) if start else index
        groups.setdefault(key, []).append(session)
    services = [_merge(records) for records in groups.values()]
    return tuple(sorted(services, key=lambda s: (s.date, s.start or dt.time.min)))


def is_counted(service: Service, counted_kinds: frozenset[ServiceKind]) -> bool:
    """RULES.md "Counted service": attended, and of a counted kind."""
    return service.attended and service.kind in counted_kinds


def counted_services(
    services: Iterable[Service], counted_kinds: frozenset[ServiceKind]
) -> tuple[Service, ...]:
    """The counted services among ``services``."""
    return tuple(s for s in services if is_counted(s, counted_kinds))


# --------------------------------------------------------------------------- weeks


@dataclass(frozen=True)
class ProgramWeek:
    """Program week ``number``: ``start`` = admission + 7*(number-1), ``end`` = start + 6."""

    number: int
    start: dt.date
    end: dt.date
    complete: bool

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        """Readable name: "Week 2 (2025-03-10 to 2025-03-16)"."""
        return f"Week {self.number} ({self.start.isoformat()} to {self.end.isoformat()})"


def week_number(admission: dt.date, day: dt.date) -> int | None:
    """The program week ``day`` falls in; ``None`` before the admission date."""
    if day < admission:
        return None
    return interval_days(admission, day) // DAYS_PER_WEEK + 1


def program_weeks(admission: dt.date, end: dt.date) -> tuple[ProgramWeek, ...]:
    """Every week from admission to the one holding ``end``; complete if its last day is on
    or before ``end``. Empty if ``end`` precedes the admission date."""
    weeks = []
    number = 1
    start = admission
    while start <= end:
        last = start + dt.timedelta(days=DAYS_PER_WEEK - 1)
        weeks.append(ProgramWeek(number, start, last, last <= end))
        number += 1
        start += dt.timedelta(days=DAYS_PER_WEEK)
    return tuple(weeks)


def week_summary(
    week: ProgramWeek, services: Iterable[Service], counted_kinds: frozenset[ServiceKind]
) -> WeekSummary:
    """Counted hours (known lengths only), counted services, services of unknown length
    and service days of ``week``."""
    counted = [s for s in counted_services(services, counted_kinds) if week.contains(s.date)]
    minutes = sum(s.minutes for s in counted if s.minutes is not None)
    return WeekSummary(
        week=week.number,
        start=week.start,
        end=week.end,
        complete=week.complete,
        counted_hours=round(minutes / MINUTES_PER_HOUR, 2),
        counted_services=len(counted),
        unknown_length_services=sum(1 for s in counted if s.minutes is None),
        service_days=len({s.date for s in counted}),
    )


def weekly_summary(
    weeks: Iterable[ProgramWeek],
    services: Sequence[Service],
    counted_kinds: frozenset[ServiceKind],
) -> tuple[WeekSummary, ...]:
    """:func:`week_summary` of each week."""
    return tuple(week_summary(w, services, counted_kinds) for w in weeks)


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Block:
    """Counted services of one day joined by gaps of at most the allowed minutes."""

    date: dt.date
    start: dt.time
    end: dt.time
    minutes: float  # the sum of the services' own lengths
    services: tuple[Service, ...]

    @property
    def hours(self) -> float:
        return self.minutes / MINUTES_PER_HOUR


@dataclass(frozen=True)
class DayBlocks:
    """The blocks of one service day, and counted services that could not be placed in
    one (no clock time, or no known length)."""

    date: dt.date
    blocks: tuple[Block, ...]
    unplaced: tuple[Service, ...]

    @property
    def longest_hours(self) -> float:
        return max((b.hours for b in self.blocks), default=0.0)


def _placed_span(service: Service) -> tuple[int, int] | None:
    """Clock minutes [start, end) of ``service``, or ``None`` if it cannot be placed."""
    if service.start is None or service.minutes is None:
        return None
    start = _clock_minutes(service.start)
    if service.end is not None and _clock_minutes(service.end) > start:
        return start, _clock_minutes(service.end)
    return start, start + round(service.minutes)


def _time_of(minutes: int) -> dt.time:
    minutes = min(minutes, 24 * MINUTES_PER_HOUR - 1)
    return dt.time(minutes // MINUTES_PER_HOUR, minutes % MINUTES_PER_HOUR)


def day_blocks(
    services: Iterable[Service], counted_kinds: frozenset[ServiceKind], max_gap_minutes: int
) -> tuple[DayBlocks, ...]:
    """Blocks of consecutive counted hours per service day, by date.

    Counted services of one date whose gap (next start minus the block's end so far) is at
    most ``max_gap_minutes`` form one block, whose length is the sum of its services'
    hours. Non-counted services neither add to nor bridge a block.
    """
    by_day: dict[dt.date, list[Service]] = {}
    for service in counted_services(services, counted_kinds):
        by_day.setdefault(service.date, []).append(service)
    result = []
    for day in sorted(by_day):
        placed: list[tuple[int, int, Service]] = []
        unplaced: list[Service] = []
        for service in by_day[day]:
            span = _placed_span(service)
            if span is None:
                unplaced.append(service)
            else:
                placed.append((span[0], span[1], service))
        placed.sort(key=lambda item: (item[0], item[1]))
        blocks: list[Block] = []
        members: list[Service] = []
        block_start = block_end = 0
        for start, end, service in placed:
            if members and start - block_end > max_gap_minutes:
                blocks.append(_block(day, block_start, block_end, members))
                members = []
            if not members:
                block_start, block_end = start, end
            members.append(service)
            block_end = max(block_end, end)
        if members:
            blocks.append(_block(day, block_start, block_end, members))
        result.append(DayBlocks(day, tuple(blocks), tuple(unplaced)))
    return tuple(result)


def _block(day: dt.date, start: int, end: int, members: Sequence[Service]) -> Block:
    minutes = sum(s.minutes for s in members if s.minutes is not None)
    return Block(day, _time_of(start), _time_of(end), minutes, tuple(members))


# --------------------------------------------------------------------------- the timeline


@dataclass(frozen=True)
class Timeline:
    """Everything date-related the rules share, computed once per chart."""

    admission: ResolvedDate
    episode_end: ResolvedDate
    services: tuple[Service, ...]
    counted_kinds: frozenset[ServiceKind]
    weeks: tuple[ProgramWeek, ...]
    summary: tuple[WeekSummary, ...]
    unread: tuple[UnreadRecord, ...] = ()

    @property
    def conflicts(self) -> tuple[Service, ...]:
        """Services whose records contradict each other."""
        return tuple(s for s in self.services if s.conflict)

    @property
    def unknown_kind(self) -> tuple[Service, ...]:
        """Services of unknown kind (RULES.md "Unknown kind, unread records"): not counted,
        but a total that falls short only because of them is undecided."""
        return tuple(
            s
            for s in self.services
            if s.kind is ServiceKind.UNKNOWN
            and not s.conflict
            and s.attendance not in (Attendance.PROGRAM_CLOSED, *MISSED)
        )

    @property
    def unknown_attendance(self) -> tuple[Service, ...]:
        """Services of a counted kind whose attendance no record states: not counted (a
        counted service is attended), but a total that falls short only because of them
        is undecided, as for a session of unknown kind."""
        return tuple(
            s
            for s in self.services
            if s.kind in self.counted_kinds
            and s.attendance is Attendance.UNKNOWN
            and not s.conflict
        )

    def doubts(self, first: dt.date | None = None, last: dt.date | None = None) -> list[Doubt]:
        """What could change a total of ``first``..``last`` (all dates when not given):
        unread service records dated there (or undated), and services of unknown kind
        there. Each names its place."""

        def inside(day: dt.date | None) -> bool:
            if day is None:
                return True
            return (first is None or day >= first) and (last is None or day <= last)

        out = [
            Doubt(
                f"a session of unknown kind ({s.label})",
                s.date,
                s.evidence,
                None,
                s,
                "unknown_kind",
            )
            for s in self.unknown_kind
            if inside(s.date)
        ]
        out += [
            Doubt(
                f"a session whose attendance is not documented ({s.label})",
                s.date,
                s.evidence,
                None,
                s,
                "unknown_attendance",
            )
            for s in self.unknown_attendance
            if inside(s.date)
        ]
        out += [
            Doubt(
                "an unread service record "
                f"({'dated ' + u.date.isoformat() if u.date else 'undated'})",
                u.date,
                (),
                u,
                None,
                "unread",
            )
            for u in self.unread
            if inside(u.date)
        ]
        return out

    def services_in(self, week: ProgramWeek) -> tuple[Service, ...]:
        return tuple(s for s in self.services if week.contains(s.date))

    def counted_in(self, week: ProgramWeek) -> tuple[Service, ...]:
        return counted_services(self.services_in(week), self.counted_kinds)


MISSED = (Attendance.ABSENT, Attendance.NO_SHOW, Attendance.CANCELLED, Attendance.REFUSED)


DoubtKind = Literal["unread", "unknown_kind", "unknown_attendance"]


@dataclass(frozen=True)
class Doubt:
    """Something that could change a total: a session of unknown kind or of undocumented
    attendance (``service``), or a service record that could not be read (``unread``: its
    place, for the finding to name). ``why`` says which."""

    label: str
    date: dt.date | None
    evidence: tuple[Evidence, ...]
    unread: UnreadRecord | None
    service: Service | None  # the session in doubt (of unknown kind or attendance)
    why: DoubtKind


def _settle_kind(service: Service, counted_kinds: frozenset[ServiceKind]) -> Service:
    """Two kinds documented for one service decide nothing a rule needs when both are
    counted or neither is (group psychotherapy or group education: counted either way);
    then only the other conflicts stand."""
    if len(service.kinds) < 2 or service.conflict is None:
        return service
    if len({k in counted_kinds for k in service.kinds}) > 1:
        return service
    return replace(service, conflict="; ".join(service.other_conflicts) or None)


def build_timeline(
    facts: ChartFacts,
    counted_kinds: frozenset[ServiceKind],
    unread: tuple[UnreadRecord, ...] = (),
) -> Timeline:
    """The timeline of a chart: dates, services, program weeks and their summary.

    Without an admission date or an episode end there are no program weeks.
    """
    services = tuple(_settle_kind(s, counted_kinds) for s in merge_services(facts.sessions))
    admission = admission_date(facts, services)
    end = episode_end(facts)
    weeks: tuple[ProgramWeek, ...] = ()
    if admission.date is not None and end.date is not None:
        weeks = program_weeks(admission.date, end.date)
    return Timeline(
        admission=admission,
        episode_end=end,
        services=services,
        counted_kinds=counted_kinds,
        weeks=weeks,
        summary=weekly_summary(weeks, services, counted_kinds),
        unread=unread,
    )
