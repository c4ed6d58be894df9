"""Invariants over every record the example reviews produce: every evidence span is
verbatim at its offsets, and no chart text reaches a log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from audit.record import AuditRecord
from core.data import Document
from ingest.loader import load_chart
from pipeline.review import review_paths
from tests.e2e.conftest import CHARTS, EXAMPLES


def _spans(node: Any) -> Iterator[dict[str, Any]]:
    """Every evidence object anywhere in a record's JSON."""
    if isinstance(node, dict):
        if {"document_id", "page", "start", "end", "quote"} <= node.keys():
            yield node
        for value in node.values():
            yield from _spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from _spans(value)


@pytest.mark.parametrize("chart", CHARTS)
def test_every_evidence_span_is_verbatim(reviews: dict[str, AuditRecord], chart: str) -> None:
    documents: dict[str, Document] = {
        d.document_id: d for d in load_chart([EXAMPLES / chart]).documents
    }
    spans = list(_spans(reviews[chart].model_dump(mode="json")))
    assert len(spans) > 50, "a full chart review cites many spans"
    for ev in spans:
        text = documents[ev["document_id"]].page(ev["page"]).text
        assert text[ev["start"] : ev["end"]] == ev["quote"]


def test_no_chart_text_in_logs(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    marker = "Zebulon Quixotewright"
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "note.txt").write_text(
        "IOP GROUP PROGRESS NOTE\n"
        f"Client: {marker}\nDOS: 03/03/2025\nTime: 9:00 AM-12:00 PM\n"
        f"Facilitator: {marker}, LCSW\nResponse: {marker} engaged well.\n",
        encoding="utf-8",
    )
    (chart / "broken.pdf").write_bytes(f"{marker} this is not a PDF".encode())
    caplog.set_level(logging.DEBUG)
    record = review_paths([chart, *(EXAMPLES / CHARTS[0]).iterdir()], policy="medicare-iop")
    quotes = {
        ev["quote"] for ev in _spans(record.model_dump(mode="json")) if len(ev["quote"]) >= 12
    }
    assert quotes, "the review extracted facts"
    logged = [r.getMessage() for r in caplog.records]
    assert logged, "the review logged something to check"
    for message in logged:
        assert marker[:8] not in message
        assert not any(q in message for q in quotes), "a log message contains chart text"
