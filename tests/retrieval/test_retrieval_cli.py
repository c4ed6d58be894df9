"""`chartreview policy ...`: search, index, related, eval; messages and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import EXIT_OK, EXIT_USAGE, main

MEDICARE = "optum-medicare-iop-coverage-summary-BH803IOPMCS052025.txt"
IDAHO = "optum-idaho-iop-faq.txt"


def test_search_prints_ranked_passages_with_source_section_and_text(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["policy", "search", "who may facilitate a substance-use group?", "-k", "3"]) == 0
    out = capsys.readouterr().out
    first = out.split("\n2. ")[0]
    assert first.startswith("1. Q13. What level of training/education is required")
    assert IDAHO in first and "optum-idaho-iop-faq#q13/1" in first
    assert "facilitators must be CADC or higher" in " ".join(first.split())
    assert "\n3. " in out and "\n4. " not in out


def test_search_prints_a_list_items_lead_in_before_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["policy", "search", "is vocational training covered?", "--policy", "medicare-iop"]
    assert main([*argv, "-k", "1"]) == EXIT_OK
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "under: The following services are excluded from the scope of intensive outpatient "
        "services defined in §1861(ff) of the Social Security Act: Vocational training."
    ) in out


def test_search_with_a_pack_searches_only_its_policy(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["policy", "search", "how many hours per week?", "--policy", "medicare-iop", "-k", "5"]
    assert main(argv) == EXIT_OK
    out = capsys.readouterr().out
    assert out.count(MEDICARE) == 5
    assert IDAHO not in out


def test_search_methods_can_be_chosen(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "search", "G0137", "--method", "lexical", "-k", "1"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "HCPCS code G0137" in out and "lexical #1" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["policy", "search", "hours", "--policy", "no-such-pack"], "unknown policy pack"),
        (["policy", "search", "  "], "question is empty"),
        (["policy", "search", "hours", "-k", "0"], "must be 1 or more"),
        (["policy", "search", "hours", "-k", "five"], "not a whole number"),
        (["policy"], "required"),
    ],
)
def test_unusable_arguments_exit_2_with_a_message(
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CHARTREVIEW_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(SystemExit) as exit_info:
        raise SystemExit(main(argv))
    assert exit_info.value.code == EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not (tmp_path / "data").exists()  # refused before building anything


def test_index_reports_its_folder_and_files(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["policy", "index"]) == EXIT_OK
    out = capsys.readouterr().out
    assert str(data_dir / "policy-index") in out
    assert f"{MEDICARE}: " in out and f"{IDAHO}: " in out
    assert out.count("(up to date)") == 2


def test_related_check_reports_and_sets_the_exit_code(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # what check_related computes is tested in test_retrieval_related; here the command
    import retrieval.related_build as build

    monkeypatch.setattr(build, "check_related", lambda search: [])
    assert main(["policy", "related", "--check"]) == EXIT_OK
    assert "up to date" in capsys.readouterr().out
    monkeypatch.setattr(build, "check_related", lambda search: ["x.json differs"])
    assert main(["policy", "related", "--check"]) == 1
    assert "x.json differs: run `chartreview policy related`" in capsys.readouterr().out


def test_eval_prints_the_table_and_fails_below_the_threshold(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a few questions keep this fast; the whole set runs in test_retrieval_eval
    import retrieval.evaluation as evaluation

    questions = evaluation.load_questions()[:4]
    monkeypatch.setattr(evaluation, "load_questions", lambda: questions)
    assert main(["policy", "eval", "--misses"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("4 questions")
    assert "recall@5" in out and "fused" in out and "dense" in out and "lexical" in out
    assert main(["policy", "eval", "--min-recall", "1.01"]) == 1
    assert "FAILED: fused recall@5" in capsys.readouterr().out
