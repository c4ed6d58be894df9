"""What a check sees of a chart: its facts, its documents and the shared timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from core.data import DocumentKind
from core.facts import ChartFacts, ChartInput, DocumentRef, Fact, ServiceKind, SlottedFact
from rules.timeline import Doubt, Timeline, build_timeline


class TimelineParams(BaseModel):
    """Pack parameters the engine itself uses (not tied to one rule)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    counted_service_kinds: Annotated[frozenset[ServiceKind], Field(min_length=1)]


@dataclass(frozen=True)
class ChartContext:
    """A chart prepared for the checks: built once per evaluation."""

    chart: ChartInput
    timeline: Timeline

    @classmethod
    def build(cls, chart: ChartInput, params: TimelineParams) -> ChartContext:
        """Compute the timeline of ``chart`` with the pack's counted service kinds."""
        return cls(chart, build_timeline(chart.facts, params.counted_service_kinds, chart.unread))

    @property
    def facts(self) -> ChartFacts:
        """The chart's grounded facts."""
        return self.chart.facts

    def document(self, document_id: str) -> DocumentRef | None:
        """The chart's reference to document ``document_id``, if it lists one."""
        return next((d for d in self.chart.documents if d.document_id == document_id), None)

    def filename(self, document_id: str) -> str:
        """The document's file name, or a short id if the chart does not list it."""
        ref = self.document(document_id)
        return ref.filename if ref is not None else f"document {document_id[:8]}"

    def documents_of_kind(self, *kinds: DocumentKind) -> tuple[DocumentRef, ...]:
        """The chart's documents of any of ``kinds``, in chart order."""
        return tuple(d for d in self.chart.documents if d.kind in kinds)

    def document_date(self, document_id: str) -> dt.date | None:
        """The document's date when its :class:`~core.facts.DocumentDate` facts agree on
        one; ``None`` when it has none or several different ones."""
        dates = {d.date for d in self.facts.document_dates if d.document_id == document_id}
        return next(iter(dates)) if len(dates) == 1 else None

    def fact_date(self, fact: Fact, own: dt.date | None) -> dt.date | None:
        """A fact's own date, else the (unambiguous) date of the document it is in; no date
        when the fact's own date was read two ways (it is unknown, not the document's)."""
        if own is None and isinstance(fact, SlottedFact) and fact.uncertain_slot("date"):
            return None
        return own if own is not None else self.document_date(fact.document_id)


def doubt_names(doubts: Sequence[Doubt], ctx: ChartContext) -> str:
    """Readable names of what could change a total: "2 unread service records (04_log.txt
    page 1, offsets 120-160; ...) and a session of unknown kind (2025-03-04 unknown)"."""
    unread = [d.unread for d in doubts if d.unread is not None]
    other = [d.label for d in doubts if d.unread is None]
    parts: list[str] = []
    if unread:
        places = "; ".join(
            f"{ctx.filename(u.document_id)} page {u.page}, offsets {u.start}-{u.end}"
            for u in unread[:5]
        )
        more = f"; and {len(unread) - 5} more" if len(unread) > 5 else ""
        noun = "service record" if len(unread) == 1 else "service records"
        parts.append(f"{len(unread)} unread {noun} ({places}{more})")
    if other:
        shown = ", ".join(other[:5]) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
        parts.append(shown)
    return " and ".join(parts)


def doubt_values(doubts: Sequence[Doubt], ctx: ChartContext) -> list[JsonValue]:
    """The doubts as finding values: each unread record's place, each unknown session."""
    out: list[JsonValue] = []
    for d in doubts:
        if d.unread is not None:
            u = d.unread
            out.append(
                {
                    "document": ctx.filename(u.document_id),
                    "page": u.page,
                    "start": u.start,
                    "end": u.end,
                    "date": u.date.isoformat() if u.date else None,
                    "why": u.why,
                }
            )
        else:
            out.append({"session": d.label})
    return out
