"""The eval's CI gate: thresholds load strictly, a regression fails `eval --check`, and a
threshold is never lowered (compared with the previous committed version of the file)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from core.errors import EvalError
from eval.metrics import Accuracy, summarize
from eval.thresholds import THRESHOLDS_FILE, Thresholds, failures, load_thresholds

REPO = Path(__file__).resolve().parents[2]


def test_the_shipped_thresholds_load_and_grounding_is_one() -> None:
    t = load_thresholds()
    assert t.deterministic.min_grounding == 1.0
    assert set(t.deterministic.min_pack_accuracy) == {
        "medicare-iop",
        "medicare-otp-iop",
        "optum-idaho-iop",
    }


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"min_grounding": 0.99}, "min_grounding"),
        ({"min_verdict_accuracy": 1.5}, "min_verdict_accuracy"),
        ({"surprise": 1}, "Extra inputs"),
        ({"min_field_f1": {"favourite_colour": 0.5}}, "unknown fields"),
    ],
)
def test_a_bad_threshold_file_is_rejected(
    tmp_path: Path, edit: dict[str, object], message: str
) -> None:
    data = yaml.safe_load(THRESHOLDS_FILE.read_text())
    data["deterministic"].update(edit)
    path = tmp_path / "thresholds.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(EvalError, match=message):
        load_thresholds(path)


def _bar(**changes: object) -> Thresholds:
    base = load_thresholds().deterministic.model_dump()
    base.update(changes)
    return Thresholds.model_validate(base)


def test_each_regression_is_named() -> None:
    summary = summarize([])  # no chart: every ratio is None
    summary = summary.model_copy(
        update={
            "verdicts": Accuracy(correct=1, total=2),
            "false_met": 99,
            "grounding": Accuracy(correct=9, total=10),
            "ungrounded_facts": 3,
        }
    )
    missed = "\n".join(failures(summary, _bar(max_ungrounded_facts=0)))
    assert "verdict accuracy is 0.5000, below" in missed
    assert "false met is 99, above" in missed
    assert "grounding rate is 0.9000, below the threshold 1.0000" in missed
    assert "ungrounded facts are 3" in missed
    assert "F1 of session is n/a" in missed  # a metric that cannot be computed fails too


def _previous_thresholds() -> dict[str, object] | None:
    """The thresholds file as of the commit before the last one that changed it."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        return None
    log = subprocess.run(
        ["git", "log", "--format=%H", "-n", "2", "--", "eval/thresholds.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    commits = log.stdout.split()
    if log.returncode != 0 or len(commits) < 2:
        return None
    shown = subprocess.run(
        ["git", "show", f"{commits[1]}:eval/thresholds.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return yaml.safe_load(shown.stdout) if shown.returncode == 0 else None


def test_thresholds_only_ratchet() -> None:
    before = _previous_thresholds()
    if before is None:
        pytest.skip("no earlier committed version of eval/thresholds.yaml to compare with")
    now = yaml.safe_load(THRESHOLDS_FILE.read_text())
    lowered: list[str] = []

    def compare(name: str, was: object, is_: object, kind: str) -> None:
        """``kind``: "max_" or "min_", from the nearest key that says which."""
        if isinstance(was, dict):
            for k, v in was.items():
                sub = k if k.startswith(("max_", "min_")) else kind
                compare(
                    f"{name}.{k}", v, (is_ or {}).get(k) if isinstance(is_, dict) else None, sub
                )
            return
        if not isinstance(was, int | float) or isinstance(was, bool):
            return  # a cohort's list of charts: not a threshold
        if is_ is None:
            lowered.append(f"{name} was removed")
        elif (kind.startswith("max_") and is_ > was) or (  # type: ignore[operator]
            not kind.startswith("max_") and is_ < was  # type: ignore[operator]
        ):
            lowered.append(f"{name}: {was} -> {is_}")

    for extractor, old in before.items():  # type: ignore[union-attr]
        compare(extractor, old, now.get(extractor), "min_")
    assert lowered == [], "thresholds only ratchet; fix the regression instead"


def test_eval_check_fails_the_command_on_a_regression(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cli.main import main

    data = yaml.safe_load(THRESHOLDS_FILE.read_text())
    data["deterministic"]["min_session_precision"] = 1.0
    data["deterministic"]["min_verdict_accuracy"] = 1.0
    path = tmp_path / "thresholds.yaml"
    path.write_text(yaml.safe_dump(data))
    monkeypatch.setattr("eval.thresholds.THRESHOLDS_FILE", path)
    code = main(["eval", "--check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAILED (deterministic): verdict accuracy" in out
    assert "FAILED (deterministic): session precision" in out


def test_eval_check_passes_on_the_shipped_set(capsys: pytest.CaptureFixture[str]) -> None:
    from cli.main import main

    assert main(["eval", "--check"]) == 0, capsys.readouterr().out
    assert "deterministic: every eval threshold is met" in capsys.readouterr().out


def test_the_studied_set_has_its_own_gate(capsys: pytest.CaptureFixture[str]) -> None:
    """Holdout charts studied to change the extractor are scored against their own
    thresholds (the main set's stay comparable); holdout itself takes no --check."""
    from cli.main import main

    assert main(["eval", "--set", "studied", "--check"]) == 0, capsys.readouterr().out
    assert load_thresholds().studied is not None
    assert main(["eval", "--set", "holdout", "--check"]) != 0


def test_a_later_studied_cohort_is_gated_on_its_own_charts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cohort's charts are scored against the cohort's thresholds, and `studied` against
    the rest: a cohort that misses its own threshold fails the check."""
    from cli.main import main

    data = yaml.safe_load(THRESHOLDS_FILE.read_text())
    [name] = list(data["studied_cohorts"])[:1]
    data["studied_cohorts"][name]["min_verdict_accuracy"] = 1.0
    path = tmp_path / "thresholds.yaml"
    path.write_text(yaml.safe_dump(data))
    monkeypatch.setattr("eval.thresholds.THRESHOLDS_FILE", path)
    code = main(["eval", "--set", "studied", "--check"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"FAILED (studied cohort {name}): verdict accuracy" in out
    assert "deterministic: every eval threshold is met" in out  # the other studied charts
