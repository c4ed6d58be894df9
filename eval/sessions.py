"""Session matching, shared by the gold set and the generated charts, and the strict
report model base (:class:`Model`) both score with.

A predicted session matches a gold session when its date, service kind, attendance and
length (minutes from its times, else its stated duration; both unknown counts as equal)
are all right and its evidence lies in a document the gold names for that session; each
gold session is matched at most once, so a session documented in two places and read
twice is one match and one false positive. Days the program was closed are no services:
they are left out on both sides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field, model_validator

from core.facts import Attendance, ServiceKind, Session


@dataclass(frozen=True)
class GoldRow:
    """What a gold session states, and the documents (file names) that document it."""

    date: dt.date
    kind: ServiceKind
    attendance: Attendance
    minutes: float | None
    files: frozenset[str]


class Model(BaseModel):
    """Strict report models; computed ratios are written to JSON and dropped on reading
    (they are recomputed), so a written report loads back."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if k not in cls.model_computed_fields}
        return data


class SessionScore(Model):
    """Session counts; precision and recall are written to JSON and recomputed on reading."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    def __add__(self, other: SessionScore) -> SessionScore:
        return self.add(other)

    def add(self, other: SessionScore) -> SessionScore:
        return SessionScore(
            gold=self.gold + other.gold,
            predicted=self.predicted + other.predicted,
            matched=self.matched + other.matched,
        )


def _same_minutes(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < 0.5


def label(date: object, kind: str, attendance: str, minutes: float | None) -> str:
    m = "?" if minutes is None else f"{minutes:g}"
    return f"{date} {kind} {attendance} {m}min"


@dataclass(frozen=True)
class Matching:
    score: SessionScore
    misses: tuple[str, ...]  # gold sessions not found
    extras: tuple[str, ...]  # predicted sessions matching none


def match_sessions(
    gold: Sequence[GoldRow], predicted: Iterable[Session], files: dict[str, str]
) -> Matching:
    """Match ``predicted`` to ``gold`` one to one (``files``: document id -> file name)."""
    rows = [g for g in gold if g.attendance is not Attendance.PROGRAM_CLOSED]
    sessions = [s for s in predicted if s.attendance is not Attendance.PROGRAM_CLOSED]
    free = list(range(len(rows)))
    matched = 0
    extras: list[str] = []
    for p in sessions:
        docs = {files.get(ev.document_id, "") for ev in p.evidence}
        hit = next(
            (
                k
                for k in free
                if rows[k].date == p.date
                and rows[k].kind == p.service_kind
                and rows[k].attendance == p.attendance
                and _same_minutes(rows[k].minutes, p.minutes)
                and docs & rows[k].files
            ),
            None,
        )
        if hit is None:
            extras.append(label(p.date, p.service_kind.value, p.attendance.value, p.minutes))
            continue
        free.remove(hit)
        matched += 1
    misses = tuple(
        label(rows[k].date, rows[k].kind.value, rows[k].attendance.value, rows[k].minutes)
        for k in free
    )
    return Matching(
        SessionScore(gold=len(rows), predicted=len(sessions), matched=matched),
        misses,
        tuple(extras),
    )
