"""LLM tests never reach a network: every test gets a clean LLM environment (no key, no
base URL, no model, cache under its own tmp dir) unless it sets one itself."""

from __future__ import annotations

from pathlib import Path

import pytest

_VARS = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "CHARTREVIEW_LLM_MODEL",
    "CHARTREVIEW_DATA_DIR",
    "LANGSMITH_TRACING",
    "LANGCHAIN_TRACING_V2",
)


@pytest.fixture(autouse=True)
def _clean_llm_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if request.node.get_closest_marker("live_llm"):
        return
    for name in _VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CHARTREVIEW_DATA_DIR", str(tmp_path / "data"))
