"""The CLI starts without what a command does not use (issue 16: ``--help``, ``verify``,
``policies`` and ``schema`` started with the whole review pipeline loaded).

Checked by the modules a fresh interpreter has loaded after the command, not by timing
(timings belong to benchmarks): a fresh process, because this test process has loaded
everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cli.main
import pipeline.review

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "medicare-iop-complete"
PIPELINE = ("pipeline", "extract", "ingest", "retrieval", "spacy", "pypdf", "langchain")

_PROBE = """
import contextlib, io, json, sys
from cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _loaded(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, check=True, text=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_parser_names_the_same_extractors_as_the_pipeline() -> None:
    assert cli.main.EXTRACTORS == pipeline.review.EXTRACTORS


@pytest.mark.parametrize(
    ("args", "not_loaded"),
    [
        (("--help",), (*PIPELINE, "audit", "rules", "pydantic", "rich", "cryptography")),
        (("batch", "--help"), (*PIPELINE, "audit", "rules", "batch", "pydantic")),
        (("schema",), (*PIPELINE, "rules", "rich")),
        (("policies",), (*PIPELINE, "audit", "cryptography")),
    ],
)
def test_a_command_loads_only_what_it_uses(
    args: tuple[str, ...], not_loaded: tuple[str, ...]
) -> None:
    loaded = _loaded(*args)
    assert sorted(loaded & set(not_loaded)) == []


def test_verify_loads_no_review_pipeline(tmp_path: Path) -> None:
    record = tmp_path / "r.json"
    assert cli.main.main(["review", str(EXAMPLE), "--out", str(record), "--quiet"]) == 0
    loaded = _loaded("verify", str(record))
    assert sorted(loaded & {*PIPELINE, "rules", "rich"}) == []
