"""The chartreview command: review, verify, policies; exit codes and messages."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from rich.console import Console

from audit.record import compute_sha256, load_record
from cli.main import EXIT_OK, EXIT_USAGE, EXIT_VERIFY_FAILED, main
from cli.summary import print_summary

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "medicare-iop-complete"


def test_review_writes_a_verifiable_record_and_prints_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.json"
    assert main(["review", str(EXAMPLE), "--policy", "medicare-iop", "--out", str(out)]) == EXIT_OK
    printed = capsys.readouterr().out
    assert "Overall:" in printed
    assert "medicare-iop.weekly-hours" in printed
    assert "Counted services by program week" in printed
    record = json.loads(out.read_text(encoding="utf-8"))
    assert len(record["findings"]) == 15
    assert main(["verify", str(out)]) == EXIT_OK
    assert "OK" in capsys.readouterr().out


def test_review_to_stdout_keeps_stdout_pure_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(EXAMPLE)]) == EXIT_OK
    captured = capsys.readouterr()
    assert json.loads(captured.out)["policy"]["id"] == "medicare-iop"
    assert "Overall:" in captured.err


def test_verify_detects_an_edit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.json"
    main(["review", str(EXAMPLE), "--out", str(out), "--quiet"])
    data = json.loads(out.read_text(encoding="utf-8"))
    data["overall"] = "met" if data["overall"] != "met" else "not_met"
    out.write_text(json.dumps(data), encoding="utf-8")
    assert main(["verify", str(out)]) == EXIT_VERIFY_FAILED
    assert "FAILED" in capsys.readouterr().out


def test_previous_record_chains(tmp_path: Path) -> None:
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    main(["review", str(EXAMPLE), "--out", str(first), "--quiet"])
    main(["review", str(EXAMPLE), "--out", str(second), "--previous", str(first), "--quiet"])
    one = json.loads(first.read_text(encoding="utf-8"))
    two = json.loads(second.read_text(encoding="utf-8"))
    assert one["previous_record_sha256"] is None
    assert two["previous_record_sha256"] == one["record_sha256"]
    assert two["review_id"] != one["review_id"]


def test_tampered_previous_record_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "1.json"
    main(["review", str(EXAMPLE), "--out", str(first), "--quiet"])
    data = json.loads(first.read_text(encoding="utf-8"))
    data["findings"][0]["reason"] = "edited"
    first.write_text(json.dumps(data), encoding="utf-8")
    code = main(["review", str(EXAMPLE), "--previous", str(first), "--quiet"])
    assert code == EXIT_USAGE
    assert "edited after it was written" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["review", "no/such/folder"], "no such file or folder: no/such/folder"),
        (["review", str(EXAMPLE), "--policy", "nope"], "unknown policy pack 'nope'"),
        (["review", str(EXAMPLE), "--extractor", "magic"], "invalid choice: 'magic'"),
        (["verify", "missing.json"], "missing.json: no such file"),
    ],
)
def test_unusable_arguments_exit_2_with_a_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(argv)
    except SystemExit as e:  # argparse rejects bad choices by exiting
        code = int(e.code or 0)
    assert code == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_policies_lists_the_pack_and_its_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policies"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "medicare-iop" in out
    assert "medicare-iop.continued-stay" in out


@pytest.mark.parametrize("extractor", ["llm", "hybrid"])
def test_llm_extractor_without_configuration_says_what_to_set(
    extractor: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CHARTREVIEW_LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)
    assert main(["review", str(EXAMPLE), "--extractor", extractor]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "CHARTREVIEW_LLM_MODEL" in err
    assert "OPENAI_API_KEY" in err or "OPENAI_BASE_URL" in err


def test_a_signed_record_is_checked_with_the_public_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["keygen", "--out", str(tmp_path)]) == EXIT_OK
    key, pub = (
        tmp_path / "chartreview-signing-key.pem",
        tmp_path / "chartreview-signing-key.pub.pem",
    )
    out = tmp_path / "signed.json"
    argv = ["review", str(EXAMPLE), "--out", str(out), "--quiet", "--sign-key", str(key)]
    assert main(argv) == EXIT_OK
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    capsys.readouterr()
    assert main(["verify", str(out), "--public-key", str(pub)]) == EXIT_OK
    assert "signature by key" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    data["findings"][0]["reason"] = "edited"
    data["record_sha256"] = compute_sha256(data)
    out.write_text(json.dumps(data), encoding="utf-8")
    assert main(["verify", str(out), "--public-key", str(pub)]) == EXIT_VERIFY_FAILED
    assert "signature does not match" in capsys.readouterr().out
    # keygen never replaces a key
    assert main(["keygen", "--out", str(tmp_path)]) == EXIT_USAGE


def test_a_previous_record_of_another_chart_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.txt").write_text("PROGRESS NOTE\nDate: 03/04/2025\nGroup.\n", encoding="utf-8")
    first = tmp_path / "other.json"
    assert main(["review", str(other), "--out", str(first), "--quiet"]) == EXIT_OK
    code = main(["review", str(EXAMPLE), "--previous", str(first), "--quiet"])
    assert code == EXIT_USAGE
    assert "another chart" in capsys.readouterr().err


def test_a_file_name_cannot_forge_a_line_of_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chart = tmp_path / "chart"
    chart.mkdir()
    evil = "x\nINFO overall met \x1b[32mOK.pdf"
    (chart / evil).write_bytes(b"not a pdf")
    # a file whose name reaches a finding's reason (an unread record is named by its file)
    log = "y\n\x1b[31mFAKE.txt"
    (chart / log).write_text(
        "SERVICE LOG\nDate: 03/05/2025  09:00-10:30  Process group\n", encoding="utf-8"
    )
    (chart / "note.txt").write_text("PROGRESS NOTE\nDate: 03/04/2025\nGroup.\n", encoding="utf-8")
    assert main(["review", str(chart), "--out", str(tmp_path / "r.json")]) == EXIT_OK
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\nINFO overall met" not in stream
        assert "\x1b[32m" not in stream and "\x1b[31m" not in stream
        assert "\nFAKE" not in stream
    assert "x\\nINFO overall met \\x1b[32mOK.pdf" in captured.out + captured.err


def test_a_reason_naming_a_file_cannot_forge_a_line_of_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert main(["review", str(EXAMPLE), "--out", str(out), "--quiet"]) == EXIT_OK
    record = load_record(out)
    forged = record.findings[0].model_copy(
        update={"reason": "2 unread records (y\nINFO overall met \x1b[31mFAKE.txt page 1)"}
    )
    record = record.model_copy(update={"findings": [forged, *record.findings[1:]]})
    buffer = io.StringIO()
    print_summary(record, Console(file=buffer, width=200))
    printed = buffer.getvalue()
    assert "\nINFO overall met" not in printed and "\x1b[31m" not in printed
    assert "y\\nINFO overall met \\x1b[31mFAKE.txt" in printed
