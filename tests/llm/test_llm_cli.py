"""`chartreview review --extractor hybrid` end to end: the real CLI, configured from the
environment only, against an OpenAI-compatible stub server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakellm import FakeLLM, answer_of, stub_server

from cli.main import EXIT_OK, main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "medicare-iop-complete"


def test_hybrid_review_from_the_cli_then_zero_calls_on_the_unchanged_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("CHARTREVIEW_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CHARTREVIEW_LLM_MODEL", "stub-model")
    monkeypatch.setenv("OPENAI_API_KEY", "not-a-real-key")
    fake = FakeLLM(answer=lambda text, kind: answer_of())
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    with stub_server(fake) as base_url:
        monkeypatch.setenv("OPENAI_BASE_URL", base_url)
        assert (
            main(["review", str(EXAMPLE), "--extractor", "hybrid", "--out", str(first)]) == EXIT_OK
        )
        calls = fake.calls
        assert (
            main(["review", str(EXAMPLE), "--extractor", "hybrid", "--out", str(second)]) == EXIT_OK
        )
    record = json.loads(first.read_text(encoding="utf-8"))
    assert record["extractor"]["kind"] == "hybrid"
    assert record["extractor"]["model"] == "stub-model"
    assert record["extractor"]["prompt_version"] and record["extractor"]["prompt_sha256"]
    assert calls > 0 and record["usage"]["llm_calls"] == calls
    again = json.loads(second.read_text(encoding="utf-8"))
    assert fake.calls == calls, "the unchanged chart was answered from the cache"
    assert again["usage"]["llm_calls"] == 0 and again["usage"]["cached_calls"] == calls
    assert "LLM stub-model" in capsys.readouterr().out
