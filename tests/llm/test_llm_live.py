"""The example charts through a real OpenAI-compatible endpoint.

Skipped unless ``CHARTREVIEW_LIVE_LLM=1`` and an LLM is configured (``OPENAI_API_KEY`` or
``OPENAI_BASE_URL``, and ``CHARTREVIEW_LLM_MODEL``), so no ordinary test run - CI or a
developer's machine that merely has a key set - ever reaches a network. Run it with:

    CHARTREVIEW_LIVE_LLM=1 OPENAI_BASE_URL=http://localhost:8000/v1 \\
    CHARTREVIEW_LLM_MODEL=qwen2.5-7b-instruct .venv/bin/python -m pytest -m live_llm tests/llm
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.grounding import ground
from extract.llm import FAILURE_KIND, HybridExtractor, is_configured
from ingest.loader import load_chart

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytestmark = [
    pytest.mark.live_llm,
    pytest.mark.skipif(
        os.environ.get("CHARTREVIEW_LIVE_LLM") != "1" or not is_configured(),
        reason="set CHARTREVIEW_LIVE_LLM=1 and configure an LLM endpoint to run",
    ),
]


@pytest.mark.parametrize(
    "chart", sorted(p.name for p in EXAMPLES.glob("medicare-iop-*") if p.is_dir())
)
def test_example_chart_through_a_live_model(
    chart: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHARTREVIEW_DATA_DIR", str(tmp_path))
    documents = load_chart([EXAMPLES / chart]).documents
    extractor = HybridExtractor()
    result = extractor.extract(documents)
    failures = [u for u in result.ungrounded if u.kind == FAILURE_KIND]
    assert not failures, [u.why for u in failures]
    assert result.usage.llm_calls > 0
    # everything the model proposed that became a fact is verbatim in the chart
    _, rejected = ground(result.facts, documents)
    assert rejected == ()
    llm_sources = {
        f.source
        for name in ("participation", "acuity", "discharge_planning", "continued_stay")
        for f in getattr(result.facts, name)
        if f.source.startswith("llm:")
    }
    assert llm_sources, "the model proposed no grounded narrative fact at all"
    # a second run is served from the cache
    again = HybridExtractor().extract(documents)
    assert again.usage.llm_calls == 0
