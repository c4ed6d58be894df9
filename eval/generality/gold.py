"""The gold of a rendered chart: what its written words support (RULES.md).

Derived from the scenario and the style's :class:`~eval.generality.model.Written` reports,
never from the extractor. The weekly summary uses the same derivation as the hand-written
gold set (:func:`eval.check_gold.program_weeks`, RULES.md "Program week N").
"""

from __future__ import annotations

import datetime as dt

from core.data import Frozen
from core.facts import Attendance, Modality, ServiceKind
from eval.check_gold import COUNTED_KINDS, program_weeks
from eval.generality.model import RenderedChart, Scenario, Written
from eval.gold import GoldWeek


class GenSession(Frozen):
    """One session as the written chart supports it (``files``: where it is documented)."""

    date: dt.date
    kind: ServiceKind
    attendance: Attendance
    counted: bool
    minutes: float | None
    modality: Modality | None = None
    group_size: int | None = None
    facilitators: tuple[str, ...] = ()
    files: tuple[str, ...]


class GenGold(Frozen):
    """The gold of one generated chart."""

    chart: str
    family: str
    split: str
    seed: int
    admission_date: dt.date | None
    episode_end: dt.date | None
    sessions: tuple[GenSession, ...]
    weeks: tuple[GoldWeek, ...]

    @property
    def complete_weeks(self) -> tuple[GoldWeek, ...]:
        return tuple(w for w in self.weeks if w.complete)


def _session(scn: Scenario, w: Written) -> GenSession:
    s = scn.sessions[w.session]
    if w.states_attendance:
        attendance = s.attendance
    else:
        attendance = Attendance.ATTENDED if w.implied_attended else Attendance.UNKNOWN
    kind = s.kind if w.states_kind else ServiceKind.UNKNOWN
    minutes: float | None = None
    if w.states_length:
        minutes = s.minutes if w.states_member_times else s.scheduled_minutes
    is_group = kind in (ServiceKind.GROUP_PSYCHOTHERAPY, ServiceKind.GROUP_EDUCATION)
    return GenSession(
        date=s.date,
        kind=kind,
        attendance=attendance,
        counted=kind in COUNTED_KINDS and attendance is Attendance.ATTENDED,
        minutes=minutes,
        modality=s.modality if w.states_modality else None,
        group_size=s.group_size if (w.states_group_size and is_group) else None,
        facilitators=(
            tuple(f.credential for f in s.facilitators)
            if w.states_facilitators and is_group
            else ()
        ),
        files=w.files,
    )


def derive_gold(
    chart: str, family: str, split: str, scn: Scenario, rendered: RenderedChart
) -> GenGold:
    seen: set[int] = set()
    for w in rendered.written:
        if w.session in seen:
            raise ValueError(
                f"{family}: session {w.session} written twice; list every file in one Written"
            )
        if not w.files:
            raise ValueError(f"{family}: session {w.session} is written in no file")
        seen.add(w.session)
    sessions = tuple(sorted((_session(scn, w) for w in rendered.written), key=lambda g: g.date))
    attended = [g.date for g in sessions if g.attendance is Attendance.ATTENDED]
    admission = scn.admission_date if rendered.admission_stated else min(attended, default=None)
    end = scn.discharge_date if rendered.discharge_stated else rendered.latest_document_date
    weeks: list[GoldWeek] = []
    if admission is not None:
        for number, start, last, complete in program_weeks(admission, end):
            counted = [g for g in sessions if g.counted and start <= g.date <= last]
            minutes = sum(g.minutes for g in counted if g.minutes is not None)
            weeks.append(
                GoldWeek(
                    week=number,
                    start=start,
                    end=last,
                    complete=complete,
                    counted_hours=round(minutes / 60, 2),
                    counted_services=len(counted),
                    unknown_length_services=sum(1 for g in counted if g.minutes is None),
                    service_days=len({g.date for g in counted}),
                )
            )
    return GenGold(
        chart=chart,
        family=family,
        split=split,
        seed=scn.seed,
        admission_date=admission,
        episode_end=end,
        sessions=sessions,
        weeks=tuple(weeks),
    )
