"""Types of the generality harness: a scenario (what happened), a rendered chart (how an
EHR export style wrote it down) and its gold (what a correct reader finds).

The harness exists to measure the extractor on export styles it was never tuned on
(issue 11). A *scenario* is the truth about one member's IOP episode: the sessions held,
their times, kinds, attendance, modality, staff and group sizes. A *style family* renders a
scenario into chart files the way one family of EHR templates would, and reports, for each
session it wrote down, what the written record states (a style may omit a session's
modality, state only a CPT code, give a duration instead of times, or leave absences out).
The gold is what the written chart supports, never what the scenario "really" was.

Nothing here imports the extractor; style authors must not read ``extract/``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from core.facts import Attendance, Modality, ServiceKind

Split = Literal["dev", "heldout"]


@dataclass(frozen=True)
class Staff:
    """A clinician: ``name`` as a style would print it ("Dana Whitfield"), ``credential``
    the licence/degree ("LCSW", "MD", "CADC", "CPRS", "BA")."""

    first: str
    last: str
    credential: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Member:
    first: str
    last: str
    date_of_birth: dt.date
    member_id: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class PlannedSession:
    """One session of the scenario (the truth; a style decides what it writes down).

    ``start``/``end`` are the session's scheduled times; ``member_start``/``member_end`` the
    member's own when they differ (late arrival, early departure). ``minutes`` is what
    RULES.md "Service hours" makes of them (member's own times, else the session's).
    ``title`` is the program's name for the service ("Process Group", "Relapse Prevention
    Group", "Individual Therapy", "Lunch"), whose kind is ``kind``. ``cpt`` is the billing
    code when the service has one.
    """

    index: int
    date: dt.date
    start: dt.time
    end: dt.time
    kind: ServiceKind
    title: str
    attendance: Attendance
    modality: Modality = Modality.IN_PERSON
    member_start: dt.time | None = None
    member_end: dt.time | None = None
    facilitators: tuple[Staff, ...] = ()
    group_size: int | None = None  # participants present incl. the member (groups only)
    topic: str = ""
    cpt: str | None = None
    absence_reason: str = ""  # for non-attended sessions ("called in sick", "no call")

    @property
    def minutes(self) -> float:
        s = self.member_start or self.start
        e = self.member_end or self.end
        return float((e.hour * 60 + e.minute) - (s.hour * 60 + s.minute))

    @property
    def scheduled_minutes(self) -> float:
        return float(
            (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)
        )

    @property
    def attended(self) -> bool:
        return self.attendance is Attendance.ATTENDED

    @property
    def is_group(self) -> bool:
        return self.kind in (ServiceKind.GROUP_PSYCHOTHERAPY, ServiceKind.GROUP_EDUCATION)


@dataclass(frozen=True)
class Scenario:
    """One member's episode. ``sessions`` are in date and time order. ``closed_days`` are
    dates the program was closed (holidays) inside the episode."""

    seed: int
    program: str
    member: Member
    admission_date: dt.date
    discharge_date: dt.date
    diagnosis_code: str
    diagnosis_name: str
    physician: Staff
    therapists: tuple[Staff, ...]
    sessions: tuple[PlannedSession, ...]
    closed_days: tuple[dt.date, ...] = ()


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class ChartFile:
    """One file of a rendered chart. ``data`` is the file's bytes (UTF-8 text, or a PDF)."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Written:
    """What the rendered chart states about one scenario session.

    A style reports one ``Written`` per session it documents, listing every file that
    documents it (a note and a log line are one session with two files). Each ``states_*``
    is whether the written words state that slot (anywhere in those files), so the gold
    holds only what a careful human reader could establish from the chart:

    - ``states_length``: a time range or a duration for the session (if False, the session
      is of unknown length in the gold);
    - ``states_kind``: the service is named (a name or a billing code a reader can map);
      if False the gold kind is ``unknown``;
    - ``states_attendance``: present/absent/... is written (if False, attendance in the gold
      is ``attended`` only when the written note plainly documents the member taking part,
      which the style must then say by ``implied_attended=True``; else ``unknown``);
    - ``states_member_times``: the member's own late/early times are written, so the gold
      length is the member's; if False the gold length is the session's;
    - ``states_modality`` / ``states_group_size`` / ``states_facilitators``.
    """

    session: int  # PlannedSession.index
    files: tuple[str, ...]
    states_length: bool = True
    states_kind: bool = True
    states_attendance: bool = True
    implied_attended: bool = False
    states_member_times: bool = True
    states_modality: bool = False
    states_group_size: bool = False
    states_facilitators: bool = False


@dataclass(frozen=True)
class RenderedChart:
    """A style's rendering of a scenario.

    ``admission_stated`` / ``discharge_stated``: whether the chart states the admission and
    discharge dates (if not, the gold uses RULES.md's fallbacks: the first attended service,
    and the latest document date, which the style gives as ``latest_document_date``)."""

    files: tuple[ChartFile, ...]
    written: tuple[Written, ...]
    admission_stated: bool
    discharge_stated: bool
    latest_document_date: dt.date


# A renderer may use ``rng`` (seeded per chart) to pick among its style's variants.
Renderer = Callable[[Scenario, random.Random], RenderedChart]


@dataclass(frozen=True)
class Family:
    """A family of export styles: one renderer, with the seed picking among its variants.

    ``conventions``: the features it exercises, in a few words each ("times as 0900-1030",
    "pipe table without header", "one PDF page holds three notes")."""

    name: str
    split: Split
    description: str
    conventions: tuple[str, ...]
    render: Renderer
    tags: Sequence[str] = field(default_factory=tuple)
