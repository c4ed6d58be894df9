"""Grounding: a fact is kept only if every evidence span it carries is verbatim in its page.

This is the single gate between any extractor and the rules. A fact with one span that does
not match ``page_text[start:end] == quote`` is moved, whole, to ``ungrounded``: it can never
make a rule ``met``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from pydantic import BaseModel

from core.data import Document, Evidence
from core.facts import FACT_FIELDS, ChartFacts, Fact, UngroundedFact


def iter_evidence(model: BaseModel) -> Iterator[Evidence]:
    """Every :class:`Evidence` inside ``model``, at any depth."""
    if isinstance(model, Evidence):
        yield model
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, tuple | list) else (value,)
        for item in items:
            if isinstance(item, BaseModel):
                yield from iter_evidence(item)


def evidence_problem(ev: Evidence, documents: Mapping[str, Document]) -> str | None:
    """Why ``ev`` is not verbatim in its document, or ``None`` if it is."""
    doc = documents.get(ev.document_id)
    if doc is None:
        return "evidence names a document that is not in the chart"
    if not 1 <= ev.page <= len(doc.pages):
        return f"evidence names page {ev.page}, but the document has {len(doc.pages)}"
    text = doc.pages[ev.page - 1].text
    if ev.end > len(text) or text[ev.start : ev.end] != ev.quote:
        return "the quote is not verbatim at the given offsets of the page text"
    return None


def ground(
    facts: ChartFacts, documents: Sequence[Document]
) -> tuple[ChartFacts, tuple[UngroundedFact, ...]]:
    """Split ``facts`` into those whose every span is verbatim and the rest."""
    by_id = {d.document_id: d for d in documents}
    kept: dict[str, list[Fact]] = {name: [] for name in FACT_FIELDS}
    rejected: list[UngroundedFact] = []
    for name in FACT_FIELDS:
        for fact in getattr(facts, name):
            problem = next(
                (p for ev in iter_evidence(fact) if (p := evidence_problem(ev, by_id))), None
            )
            if problem is None:
                kept[name].append(fact)
            else:
                rejected.append(
                    UngroundedFact(
                        kind=name,
                        proposed_value=fact.model_dump_json(exclude={"evidence"}),
                        proposed_quote=fact.evidence[0].quote,
                        document_id=fact.document_id if fact.document_id in by_id else None,
                        why=problem,
                    )
                )
    return ChartFacts(**{k: tuple(v) for k, v in kept.items()}), tuple(rejected)
