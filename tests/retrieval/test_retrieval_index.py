"""The chroma policy index: built offline, reused, rebuilt only for a changed policy file."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from offline import OfflineBuild, network_unreachable

from core.errors import UsageError
from retrieval import embedding
from retrieval.config import DATA_DIR_ENV, data_dir, index_dir
from retrieval.corpus import PolicyFile, policy_files
from retrieval.index import COLLECTION_NAME, PolicyIndex, _build_lock, passage_of
from rules.passages import passage_index

ROOT = Path(__file__).resolve().parents[2]
ALL_SOURCES = tuple(f.source for f in policy_files())


def test_index_builds_offline_on_first_use(offline_build: OfflineBuild) -> None:
    assert offline_build.switches_before == {"HF_HUB_OFFLINE": None, "TRANSFORMERS_OFFLINE": None}
    # the code switched the Hugging Face libraries offline itself, before loading
    assert offline_build.switches_after == {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    assert offline_build.attempts == (), "building the index tried to reach the network"
    assert offline_build.loads == 1
    assert offline_build.report.rebuilt == ALL_SOURCES
    assert offline_build.report.records == sum(len(f.chunks) for f in policy_files())


def test_the_network_guard_does_refuse_connections() -> None:
    # the guard of the offline build is real: a connection attempt fails and is recorded
    with network_unreachable() as attempts:
        with pytest.raises(OSError, match="network unreachable"):
            socket.create_connection(("127.0.0.1", 9))
        with pytest.raises(OSError, match="network unreachable"):
            socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9))
    assert len(attempts.calls) == 2


def test_second_open_in_a_new_process_embeds_nothing_and_loads_no_model(
    offline_build: OfflineBuild,
) -> None:
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from retrieval import embedding\n"
        "from retrieval.index import PolicyIndex\n"
        "index = PolicyIndex.open(Path(sys.argv[1]))\n"
        "print(json.dumps({'rebuilt': index.report.rebuilt, 'records': index.count(),\n"
        "    'loads': embedding.model_loads(), 'torch': 'torch' in sys.modules}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(index_dir(offline_build.data_dir))],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {
        "rebuilt": [],
        "records": offline_build.report.records,
        "loads": 0,
        "torch": False,
    }


def test_records_are_verbatim_sentences_with_their_passage(offline_build: OfflineBuild) -> None:
    index = PolicyIndex.open(index_dir(offline_build.data_dir))
    got = index.collection.get(include=["documents", "metadatas"])
    assert got["documents"] is not None and got["metadatas"] is not None
    texts = {f.source: f.text for f in policy_files()}
    for record_id, document, meta in zip(
        got["ids"], got["documents"], got["metadatas"], strict=True
    ):
        source = str(meta["source"])
        start, end = int(str(meta["start"])), int(str(meta["end"]))
        assert texts[source][start:end] == document
        passage = passage_index(source)[str(meta["passage_id"])]
        assert passage_of(record_id) == passage.passage_id
        assert (meta["section"], meta["passage_start"], meta["passage_end"]) == (
            passage.section,
            passage.start,
            passage.end,
        )
        assert passage.start <= start < end <= passage.end
    # chroma keeps our embedding function's name: it never substitutes its default one
    collection = index.collection
    assert collection.name == COLLECTION_NAME
    assert collection.configuration_json["embedding_function"]["name"] == (
        embedding.EMBEDDING_FUNCTION_NAME
    )


def _files(one: str, two: str) -> list[PolicyFile]:
    return [PolicyFile("alpha.txt", one), PolicyFile("beta.txt", two)]


ALPHA = "Alpha Policy\n\nThe program must provide nine hours of services per week.\n"
BETA = "Beta Policy\n\n- Groups are facilitated by licensed clinicians.\n- Peers may assist.\n"


def test_only_a_changed_file_is_embedded_again(offline_build: OfflineBuild, tmp_path: Path) -> None:
    where = tmp_path / "index"
    first = PolicyIndex.open(where, _files(ALPHA, BETA))
    assert first.report.rebuilt == ("alpha.txt", "beta.txt")
    assert first.count() == 3

    again = PolicyIndex.open(where, _files(ALPHA, BETA))
    assert (again.report.rebuilt, again.report.removed) == ((), ())

    edited = BETA.replace("licensed clinicians", "CADC counselors")
    changed = PolicyIndex.open(where, _files(ALPHA, edited))
    assert changed.report.rebuilt == ("beta.txt",)
    docs = changed.collection.get(where={"source": "beta.txt"}, include=["documents"])
    assert sorted(docs["documents"] or []) == [
        "Groups are facilitated by CADC counselors.",
        "Peers may assist.",
    ]
    assert changed.count() == 3  # the old sentences of beta.txt are gone

    dropped = PolicyIndex.open(where, [PolicyFile("alpha.txt", ALPHA)])
    assert (dropped.report.rebuilt, dropped.report.removed) == ((), ("beta.txt",))
    assert dropped.count() == 1

    rebuilt = PolicyIndex.open(where, [PolicyFile("alpha.txt", ALPHA)], rebuild=True)
    assert rebuilt.report.rebuilt == ("alpha.txt",)
    assert rebuilt.count() == 1


LISTED = "Gamma Policy\n\nThe following are excluded:\n\n- vocational training;\n- meals.\n"


def test_a_file_is_embedded_again_when_its_lists_are_read_otherwise(
    offline_build: OfflineBuild, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index built when the lead-ins of list items were read differently (here: not at
    all) holds other embedded texts for the same file: opening it re-embeds that file."""
    where = tmp_path / "index"
    import retrieval.corpus

    with monkeypatch.context() as m:
        m.setattr(retrieval.corpus, "find_lead_ins", lambda text, passages: {})
        before = PolicyFile("gamma.txt", LISTED)
        PolicyIndex.open(where, [before])
    now = PolicyFile("gamma.txt", LISTED)
    assert now.fingerprint != before.fingerprint
    assert PolicyIndex.open(where, [now]).report.rebuilt == ("gamma.txt",)
    assert PolicyIndex.open(where, [PolicyFile("gamma.txt", LISTED)]).report.rebuilt == ()


def test_build_notice_names_the_files_before_embedding(
    offline_build: OfflineBuild, tmp_path: Path
) -> None:
    told: list[list[str]] = []
    PolicyIndex.open(tmp_path / "i", _files(ALPHA, BETA), on_build=lambda s: told.append(list(s)))
    PolicyIndex.open(tmp_path / "i", _files(ALPHA, BETA), on_build=lambda s: told.append(list(s)))
    assert told == [["alpha.txt", "beta.txt"]]


def test_a_damaged_index_says_to_delete_the_folder(tmp_path: Path) -> None:
    where = tmp_path / "index"
    where.mkdir()
    (where / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(UsageError, match="delete that folder"):
        PolicyIndex.open(where, _files(ALPHA, BETA))


def test_an_unwritable_data_dir_says_what_to_set(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match=DATA_DIR_ENV):
        PolicyIndex.open(blocker / "index", _files(ALPHA, BETA))


def test_data_dir_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "d"))
    assert data_dir() == tmp_path / "d"
    assert index_dir() == tmp_path / "d" / "policy-index"
    monkeypatch.delenv(DATA_DIR_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert data_dir() == tmp_path / "cache" / "chartreview"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert data_dir() == Path.home() / ".cache" / "chartreview"


def test_the_fast_query_embedding_equals_the_model_embedding(offline_build: OfflineBuild) -> None:
    texts = ["Who may facilitate a substance-use group?", "G0137", "60 days " * 200]
    for text in texts:
        fast = embedding.embed_query(text)
        full = embedding.embed([text])
        assert fast.shape == full.shape == (1, embedding.DIMENSIONS)
        assert float(fast[0] @ full[0]) > 0.99999


def test_a_second_builder_waits_for_the_first_and_then_says_so(tmp_path: Path) -> None:
    """Index builds hold a lock file: a second process waits, and past its wait reports
    that another process is building (not "delete the folder")."""
    fcntl = pytest.importorskip("fcntl")  # POSIX only
    with (tmp_path / ".build.lock").open("a+b") as other:  # another process's build
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)
        busy = "another process is building the policy index"
        with pytest.raises(UsageError, match=busy), _build_lock(tmp_path, wait=0.3):
            pass
        timer = threading.Timer(0.3, fcntl.flock, (other.fileno(), fcntl.LOCK_UN))
        timer.start()
        entered = []
        with _build_lock(tmp_path, wait=10):
            entered.append(True)
        timer.join()
    assert entered == [True]
