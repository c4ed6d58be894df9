"""The LLM eval without an endpoint: record a run's responses, then replay them.

The "model" here is the test's fake endpoint (tests/llm/fakellm.py) behind the real
``ChatOpenAI`` call path, so this proves the record/replay plumbing, not any model's
accuracy. A recording of a real model goes in eval/recordings/ (eval/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from fakellm import FakeLLM, stub_server

from cli.main import main
from eval.gold import chart_ids
from eval.recordings import (
    FORMAT,
    Recording,
    RecordingTransport,
    ReplayTransport,
    header_for,
    replay_settings,
)
from eval.run import EvalReport, eval_extractor, run_eval
from extract.llm import LLMExtractor, LLMSettings
from extract.llm.prompt import load_prompt


def two_charts() -> list[str]:
    ids = chart_ids()
    return [
        next(c for c in ids if c.startswith("mi-")),
        next(c for c in ids if c.startswith("id-")),
    ]


def record(tmp_path: Path) -> tuple[Path, FakeLLM, EvalReport]:
    fake = FakeLLM()
    settings = LLMSettings(
        model="fake-model (test stub, not a language model)",
        api_key="test",
        cache=False,
        retries=0,
        max_concurrency=1,
    )
    prompt = load_prompt()
    path = tmp_path / "recordings" / "fake.jsonl"
    transport = RecordingTransport(
        httpx.MockTransport(fake), path, header_for(settings, prompt.version, prompt.sha256)
    )
    live = run_eval(
        LLMExtractor(settings, http_client=httpx.Client(transport=transport)),
        charts=two_charts(),
        llm_source="live",
    )
    return path, fake, live


def test_a_replayed_recording_gives_the_live_results_without_a_network(tmp_path: Path) -> None:
    path, fake, live = record(tmp_path)
    assert fake.calls > 0
    recording = Recording.load(path)
    assert recording.header.format == FORMAT
    assert recording.header.model.startswith("fake-model")
    assert "RECORDED" in recording.header.note
    replay = ReplayTransport(recording)
    replayed = run_eval(
        LLMExtractor(replay_settings(recording.header), http_client=httpx.Client(transport=replay)),
        charts=two_charts(),
        llm_source="recording",
    )
    assert replay.missing == 0
    assert replay.served == fake.calls  # every request answered from the file
    assert replayed.summary.llm_calls_per_chart == live.summary.llm_calls_per_chart > 0
    assert replayed.summary.tokens_per_chart == live.summary.tokens_per_chart
    assert [c.verdicts for c in replayed.charts] == [c.verdicts for c in live.charts]
    assert [c.fields for c in replayed.charts] == [c.fields for c in live.charts]


def test_a_request_missing_from_the_recording_fails_loudly_not_silently(tmp_path: Path) -> None:
    path, _, _ = record(tmp_path)
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:2]) + "\n")  # keep the header and one answer
    recording = Recording.load(path)
    replay = ReplayTransport(recording)
    report = run_eval(
        LLMExtractor(replay_settings(recording.header), http_client=httpx.Client(transport=replay)),
        charts=two_charts(),
        llm_source="recording",
    )
    assert replay.missing > 0
    assert report.summary.ungrounded_facts >= replay.missing  # each failure is recorded


def test_the_cli_replays_the_recording_and_compares_extractors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, _ = record(tmp_path)
    monkeypatch.setattr("eval.recordings.RECORDINGS_DIR", path.parent)
    chosen = eval_extractor("llm")
    assert chosen.llm_source == "recording"
    out = tmp_path / "report.json"
    args = ["eval", "--extractor", "deterministic", "--extractor", "llm", "--out", str(out)]
    for chart in two_charts():
        args += ["--chart", chart]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "deterministic" in printed and "llm (recorded fake-model" in printed
    reports = json.loads(out.read_text())["reports"]
    assert [r["extractor"] for r in reports] == ["deterministic", "llm"]
    assert reports[1]["llm_source"] == "recording"
    assert "| verdict accuracy |" in out.with_suffix(".md").read_text()


def test_without_endpoint_or_recording_the_llm_eval_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("eval.recordings.RECORDINGS_DIR", tmp_path)
    assert main(["eval", "--extractor", "llm"]) == 2
    err = capsys.readouterr().err
    assert "no LLM endpoint is configured" in err and "--record" in err


def test_the_cli_records_a_live_endpoint_and_ci_replays_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`eval --record` against a real HTTP server on 127.0.0.1 (the SDK's own HTTP stack),
    then, with the endpoint unset, `eval --extractor llm` replays the file as CI does."""
    fake = FakeLLM()
    path = tmp_path / "recordings" / "stub.jsonl"
    chart = two_charts()[0]
    with stub_server(fake) as base_url:
        monkeypatch.setenv("OPENAI_BASE_URL", base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "test")
        monkeypatch.setenv("CHARTREVIEW_LLM_MODEL", "stub-model (test stub)")
        live = ["eval", "--extractor", "llm", "--chart", chart, "--record", str(path)]
        assert main([*live, "--out", str(tmp_path / "live.json")]) == 0
    assert fake.calls > 0
    header = json.loads(path.read_text().splitlines()[0])
    assert header["model"] == "stub-model (test stub)"
    assert len(path.read_text().splitlines()) == 1 + fake.calls
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "CHARTREVIEW_LLM_MODEL"):
        monkeypatch.delenv(name)
    monkeypatch.setattr("eval.recordings.RECORDINGS_DIR", path.parent)
    capsys.readouterr()
    replay = ["eval", "--extractor", "llm", "--chart", chart, "--out", str(tmp_path / "re.json")]
    assert main(replay) == 0
    assert f"replayed {fake.calls} recorded responses" in capsys.readouterr().err
    [was] = json.loads((tmp_path / "live.json").read_text())["reports"]
    [now] = json.loads((tmp_path / "re.json").read_text())["reports"]
    assert (was["llm_source"], now["llm_source"]) == ("live", "recording")
    assert now["charts"][0]["verdicts"] == was["charts"][0]["verdicts"]
    assert now["summary"]["llm_calls_per_chart"] == was["summary"]["llm_calls_per_chart"]
