"""Where retrieval keeps its files, and the knobs shared by its modules."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "CHARTREVIEW_DATA_DIR"
MODEL_NAME = "all-MiniLM-L6-v2"
INDEX_SUBDIR = "policy-index"

# Fusion of the dense and lexical scores (retrieval.search.fuse_scores): each is scaled to
# 0..1 over the passages searched (cosine min-max, BM25 / its maximum) and they are
# averaged with this weight on the dense one. Equal weights: neither method is trusted more.
DENSE_WEIGHT = 0.5
# How deep the dense and lexical rankings go (what `rankings` returns for each).
CANDIDATES = 50
# The dense side scores every passage from up to this many nearest sentence records; the
# policy index holds a few hundred, so today that is all of them (exact, not approximate).
DENSE_RECORDS = 2000
# "Nothing relevant in this policy" (retrieval.search.Answer): the best sentence of the
# searched policy files is less similar to the question than this (cosine), and no code in
# the question (G0137, 90837) occurs in them. Calibrated on the eval questions and on the
# off-topic questions of retrieval/data/off_topic.yaml (tests/retrieval/test_retrieval_floor.py;
# the figures are in that file's header).
RELEVANCE_FLOOR = 0.40
# Related passages listed per finding, beyond its pinned citations.
RELATED_PER_RULE = 3

# What is not indexed (retrieval.corpus.skip_reason), decided from a passage's structure,
# the same for every policy file.
#
# Headings of sections that list sources or the document's history rather than policy: a
# passage under one of them (at any level of its heading path, compared case-insensitively)
# is left out. Policy texts call their bibliography by any of these names.
BACK_MATTER_HEADINGS = frozenset(
    {
        "bibliography",
        "citations",
        "literature cited",
        "reference list",
        "references",
        "revision history",
        "sources",
        "table of contents",
        "works cited",
    }
)
# A passage that does not end like a sentence (. ! ?) and has fewer words than this (runs
# of non-space characters holding a letter: "01/01/2024" is not a word) is a fragment
# ("Effective 01/01/2024:", "Access the ECSII Criteria here") unless what a reader reads
# with it makes it whole: the sentence that opens its list ("Services to hospital
# inpatients;" after "The following services are excluded ...:") or the FAQ question it
# answers.
MIN_PASSAGE_WORDS = 6


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
