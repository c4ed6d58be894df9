"""Warming policy search up in the background: cheap to import, ready before the first
question, errors handed to the caller."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from offline import OfflineBuild

import retrieval.warm as warm_module
from core.errors import UsageError
from retrieval.config import index_dir
from retrieval.corpus import PolicyFile
from retrieval.search import PolicySearch
from retrieval.warm import WARM_QUESTION, WarmSearch, warm

ROOT = Path(__file__).resolve().parents[2]
SMALL = [
    PolicyFile(
        "alpha.txt", "Alpha Policy\n\nThe program must provide nine hours of services per week.\n"
    )
]


def test_warm_opens_the_index_and_answers_a_question(offline_build: OfflineBuild) -> None:
    search = warm(index_dir(offline_build.data_dir))
    assert isinstance(search, PolicySearch)
    assert search.index.report.rebuilt == ()
    assert search.ask(WARM_QUESTION, 1).relevant


def test_warm_search_runs_once_in_a_thread_and_hands_back_the_search(
    offline_build: OfflineBuild, tmp_path: Path
) -> None:
    warming = WarmSearch(tmp_path / "index", SMALL, start=False)
    assert not warming.ready() and warming.seconds is None
    search = warming.get(timeout=120)  # starts it
    assert warming.ready() and warming.seconds is not None and warming.seconds > 0
    assert [p.source for p in search.passages.values()] == ["alpha.txt"]
    warming.start()  # a second start does nothing
    assert warming.get() is search


def test_a_failed_warm_up_is_raised_to_the_caller_and_the_next_get_tries_again(
    offline_build: OfflineBuild, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    warming = WarmSearch(blocker / "index", SMALL)
    with pytest.raises(UsageError, match="cannot create the policy index folder"):
        warming.get(timeout=60)
    assert not warming.ready()  # forgotten: nothing is running until the next get()
    blocker.unlink()
    blocker.mkdir()  # the cause is fixed
    search = warming.get(timeout=120)
    assert [p.source for p in search.passages.values()] == ["alpha.txt"]


def test_an_unexpected_failure_is_a_usage_error_and_waiting_can_time_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    calls: list[Path | None] = []

    def slow(directory: Path | None, files: object) -> PolicySearch:
        calls.append(directory)
        release.wait(30)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(warm_module, "warm", slow)
    warming = WarmSearch()
    with pytest.raises(TimeoutError, match=r"still warming up after 0\.05 s"):
        warming.get(timeout=0.05)
    release.set()
    with pytest.raises(UsageError, match=r"could not start \(RuntimeError: disk on fire\)"):
        warming.get(timeout=30)
    with pytest.raises(UsageError, match="disk on fire"):
        warming.get(timeout=30)  # tried again, failed again
    assert calls == [None, None]


def test_importing_warm_loads_nothing_and_warming_loads_the_model_once(
    offline_build: OfflineBuild,
) -> None:
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "import retrieval.warm as w\n"
        "cheap = not any(m in sys.modules for m in ('torch', 'chromadb', 'retrieval.search'))\n"
        "warming = w.WarmSearch(Path(sys.argv[1]))\n"
        "search = warming.get(timeout=300)\n"
        "from retrieval import embedding\n"
        "loads = embedding.model_loads()\n"
        "search.ask('Who may sign a recertification?', 3)\n"
        "print(json.dumps({'cheap': cheap, 'loads': loads, 'after': embedding.model_loads(),\n"
        "    'thread': [t.name for t in __import__('threading').enumerate()]}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(index_dir(offline_build.data_dir))],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=300,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert (result["cheap"], result["loads"], result["after"]) == (True, 1, 1)
    assert "chartreview-policy-warm-up" not in result["thread"]  # finished
