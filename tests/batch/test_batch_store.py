"""``chartreview batch --store``: the records a batch reviews become cases of the worklist
(a real SQLite case store), and a re-run adds nothing twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casestore import open_store
from cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_a_batch_fills_the_worklist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHARTREVIEW_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CHARTREVIEW_DATABASE_URL", raising=False)
    charts = tmp_path / "charts"
    shutil.copytree(EXAMPLES / "medicare-iop-complete", charts / "a")
    shutil.copytree(EXAMPLES / "medicare-iop-gaps", charts / "b")
    out = tmp_path / "out"
    args = ["batch", str(charts), "--policy", "medicare-iop", "--out", str(out), "--quiet"]
    assert main([*args, "--workers", "1", "--store"]) == 0
    assert "Case store: 2 record(s) added." in capsys.readouterr().out
    with open_store() as store:
        cases = store.worklist()
        assert sorted(c.member for c in cases) == ["a", "b"]
        assert {c.status for c in cases} == {"new"}
    # resumed with nothing changed: nothing is reviewed again, nothing added twice
    assert main([*args, "--workers", "1", "--store", "--resume"]) == 0
    assert "Case store: 0 record(s) added." in capsys.readouterr().out
    with open_store() as store:
        assert len(store.worklist()) == 2
