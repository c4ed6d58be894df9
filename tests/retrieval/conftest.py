"""Fixtures of the retrieval tests.

The embedding model is loaded once per test session (it takes several seconds), by
``offline_build``, with the network made unreachable: every socket connection and DNS
look-up fails and is recorded, and the Hugging Face offline switches are unset before, so
the code under test has to set them itself. The index built there is shared by the tests
that only read it; tests that change an index build their own, small one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from offline import OfflineBuild, network_unreachable

from retrieval import embedding
from retrieval.config import DATA_DIR_ENV, index_dir
from retrieval.index import PolicyIndex
from retrieval.search import PolicySearch

HF_SWITCHES = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OfflineBuild]:
    """The policy index built from scratch, offline, with a freshly loaded model."""
    root = tmp_path_factory.mktemp("chartreview-data")
    with pytest.MonkeyPatch.context() as mp:
        for name in HF_SWITCHES:
            mp.delenv(name, raising=False)
        before = {name: os.environ.get(name) for name in HF_SWITCHES}
        embedding._forget_model()
        loads = embedding.model_loads()
        with network_unreachable() as attempts:
            index = PolicyIndex.open(index_dir(root))
            after = {name: os.environ.get(name) for name in HF_SWITCHES}
        yield OfflineBuild(
            data_dir=root,
            report=index.report,
            attempts=tuple(attempts.calls),
            switches_before=before,
            switches_after=after,
            loads=embedding.model_loads() - loads,
        )


@pytest.fixture(scope="session")
def policy_search(offline_build: OfflineBuild) -> PolicySearch:
    """Search over the index of ``offline_build`` (opening it again embeds nothing)."""
    search = PolicySearch.open(index_dir(offline_build.data_dir))
    assert search.index.report.rebuilt == ()
    return search


@pytest.fixture
def data_dir(offline_build: OfflineBuild, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``CHARTREVIEW_DATA_DIR`` pointed at the session's built index (for CLI tests)."""
    monkeypatch.setenv(DATA_DIR_ENV, str(offline_build.data_dir))
    return offline_build.data_dir


@pytest.fixture(autouse=True)
def _never_the_users_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No retrieval test writes to the real ~/.cache/chartreview (or to a data folder set
    in the environment): ``data_dir`` points the tests that need an index at the built one."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path_factory.getbasetemp() / "unused-data"))
