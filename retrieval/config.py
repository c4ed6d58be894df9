"""Where retrieval keeps its files, and the knobs shared by its modules."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "CHARTREVIEW_DATA_DIR"
MODEL_NAME = "all-MiniLM-L6-v2"
INDEX_SUBDIR = "policy-index"

# Reciprocal rank fusion constant (Cormack et al. 2009): score = sum of 1 / (RRF_K + rank).
RRF_K = 60
# How deep each ranking (dense, lexical) goes before fusion.
CANDIDATES = 50
# Related passages listed per finding, beyond its pinned citations.
RELATED_PER_RULE = 3


def data_dir() -> Path:
    """chartreview's data folder: ``$CHARTREVIEW_DATA_DIR`` if set, else
    ``$XDG_CACHE_HOME/chartreview`` (``~/.cache/chartreview`` by default).

    It only holds what can be rebuilt from the repository (the policy index), so deleting
    it is always safe.
    """
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(cache).expanduser() if cache else Path.home() / ".cache"
    return base / "chartreview"


def index_dir(root: Path | None = None) -> Path:
    """The folder of the chroma policy index inside ``root`` (default :func:`data_dir`)."""
    return (root if root is not None else data_dir()) / INDEX_SUBDIR


def package_data_dir() -> Path:
    """``retrieval/data``: the eval questions and the precomputed related passages."""
    return Path(__file__).resolve().parent / "data"
