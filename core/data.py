"""Pure data types shared by every stage: documents, pages and evidence spans.

Nothing here does I/O or imports another chartreview package. The invariant every stage
relies on: for an :class:`Evidence` ``e`` of a document ``d``,
``d.page(e.page).text[e.start:e.end] == e.quote``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Frozen(BaseModel):
    """Base for immutable models that reject unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(Frozen):
    """A verbatim span of one page of one document.

    ``start``/``end`` are character offsets into the page's extracted text (Python ``str``
    indices, i.e. code points), ``end`` exclusive.
    """

    document_id: Sha256
    page: Annotated[int, Field(ge=1)]
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    quote: Annotated[str, Field(min_length=1)]

    @model_validator(mode="after")
    def _span_matches_quote_length(self) -> Evidence:
        if self.end - self.start != len(self.quote):
            raise ValueError(
                f"evidence span {self.start}:{self.end} has length {self.end - self.start} "
                f"but the quote has length {len(self.quote)}"
            )
        return self

    def overlaps(self, other: Evidence) -> bool:
        """Whether the two spans share a character of the same page of one document."""
        return (
            self.document_id == other.document_id
            and self.page == other.page
            and self.start < other.end
            and other.start < self.end
        )


class DocumentKind(StrEnum):
    CERTIFICATION = "certification"
    RECERTIFICATION = "recertification"
    TREATMENT_PLAN = "treatment_plan"
    PROGRESS_NOTE = "progress_note"
    RISK_ASSESSMENT = "risk_assessment"
    PHYSICAL_EXAM = "physical_exam"
    ATTENDANCE = "attendance"
    DISCHARGE_SUMMARY = "discharge_summary"
    AUTHORIZATION = "authorization"
    INTAKE_EVALUATION = "intake_evaluation"
    OTHER = "other"


class Page(Frozen):
    """One page of extracted text. ``number`` is 1-based."""

    number: Annotated[int, Field(ge=1)]
    text: str
    has_text_layer: bool = True


class Document(Frozen):
    """A chart document after ingest: its identity and the text evidence refers to."""

    document_id: Sha256
    filename: str
    media_type: str
    pages: tuple[Page, ...]
    kind: DocumentKind = DocumentKind.OTHER

    @property
    def pages_without_text(self) -> list[int]:
        return [p.number for p in self.pages if not p.has_text_layer]

    def page(self, number: int) -> Page:
        """The 1-based page ``number``; raises ``IndexError`` if there is none."""
        if not 1 <= number <= len(self.pages):
            raise IndexError(f"{self.filename} has no page {number}")
        return self.pages[number - 1]

    def evidence(self, page: int, start: int, end: int) -> Evidence:
        """Build evidence for ``page_text[start:end]``, quoting it verbatim."""
        text = self.page(page).text
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span {start}:{end} is outside page {page} of {self.filename}")
        return Evidence(
            document_id=self.document_id, page=page, start=start, end=end, quote=text[start:end]
        )


# how a second copy of a document already read is reported: its content is reviewed
# (under the first copy's name), so it is no unread file
DUPLICATE_REASON = "same content as "


class InputError(Frozen):
    """A file that could not be read, and why (no chart text in ``reason``)."""

    filename: str
    reason: str

    @property
    def unread(self) -> bool:
        """Whether what the file holds is unknown (not a second copy of a file read)."""
        return not self.reason.startswith(DUPLICATE_REASON)


def unread_files(errors: Iterable[InputError] | Iterable[Mapping[str, object]]) -> int:
    """How many of ``errors`` (models, or their JSON) are files whose content is unknown:
    a second copy of a document read is not one (RULES.md: an unreadable file makes the
    overall insufficient evidence; a duplicate does not)."""
    return sum(
        1
        for e in errors
        if not str(e.reason if isinstance(e, InputError) else e.get("reason", "")).startswith(
            DUPLICATE_REASON
        )
    )


class Usage(Frozen):
    """LLM usage of a review (all zero for the deterministic extractor)."""

    llm_calls: int = 0
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = None
    # the model refused a temperature (a reasoning model), so requests were sent without one
    temperature_omitted: bool = False
