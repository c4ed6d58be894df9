"""The extractor interface: documents in, facts (each with evidence) out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from core.data import Document, Usage
from core.facts import ChartFacts, UngroundedFact, UnreadRecord

ExtractorKind = Literal["deterministic", "llm", "hybrid"]
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class ExtractionResult:
    """``unread_documents``: ids of documents whose narrative the extractor was asked to
    judge but could not (e.g. every LLM call for them failed); the rules then treat
    narrative verdicts about them as undecided (``DocumentRef.narrative_unread``).
    ``unread``: service records seen but not read into sessions (RULES.md "Unknown kind,
    unread records")."""

    facts: ChartFacts
    ungrounded: tuple[UngroundedFact, ...] = ()
    usage: Usage = field(default_factory=Usage)
    unread_documents: frozenset[str] = frozenset()
    unread: tuple[UnreadRecord, ...] = ()


class Extractor(Protocol):
    """Proposes facts for a chart. Every fact must carry verbatim evidence; the pipeline
    re-checks that with :func:`core.grounding.ground` before any rule sees a fact."""

    @property
    def kind(self) -> ExtractorKind: ...

    @property
    def model(self) -> str | None: ...

    @property
    def prompt_version(self) -> str | None: ...

    @property
    def prompt_sha256(self) -> str | None: ...

    def extract(
        self, documents: Sequence[Document], progress: ProgressCallback | None = None
    ) -> ExtractionResult: ...
