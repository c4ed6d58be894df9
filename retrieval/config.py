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
# off-topic questions of retrieval/data/off_topic.yaml (retrieval.evaluation.calibrate_floor,
# tested in tests/retrieval/test_retrieval_eval.py; the figures are in retrieval/evaluation.py).
RELEVANCE_FLOOR = 0.40
# The floor measures how close the question is to the policy's topic as much as to what it
# asks: a question that names the topic ("What's the copay for IOP?", "Does Medicare cover
# hearing aids?") clears 0.40 on "IOP" or "Medicare" alone. So a question must also share a
# word of what it asks about with the policy (retrieval.search.PolicySearch.ask): its words
# less the function words below, single letters, and the policy's topic: the words of a
# searched file's title and those that TOPIC_SHARE or more of the searched passages hold
# ("IOP", "services", "program"). A question with such words of which no searched passage
# holds any is about something the policy never mentions ("copay"); one made only of topic
# words ("What is IOP?") is left to the floor.
TOPIC_SHARE = 0.2
# Function words and light verbs: what a question says about its subject, not the subject
# ("How often", "what must ... before", "do I need"). Compared as lexical tokens (stemmed).
_QUESTION_WORDS = """
    about above across after again against all almost along also although always among any
    anyone anything around because before behind below beside besides between beyond
    both but could each either else enough even ever every few first further here
    however just last least less many may might more most much must neither never next
    none nor not now often once one only other others otherwise over own per perhaps
    quite rather really same several shall should since some something still such than
    then therefore though through thus together too toward towards under unless until
    upon usually very via well whether while whose within without yet need needs get
    gets got make makes made take takes give gives go goes happen happens done allow
    allowed say says tell know mean means want like kind kinds way thing things good
    best
"""
QUESTION_WORDS = frozenset(_QUESTION_WORDS.split())
# Answer types (retrieval.search.PolicySearch.scores): a question asking how often is
# answered by a passage that states a frequency, in words the question does not use ("at
# intervals ..., but no less frequently than every 60 days"), which BM25 cannot see. A
# passage that matches a word of such a question (a positive BM25 score) gets
# ANSWER_TYPE_WEIGHT times the BM25 score of the answer type's words added to its own: a
# tie-breaker among the passages about the question's subject, never a match of its own.
ANSWER_TYPES: tuple[tuple[str, str], ...] = (
    (r"\bhow\s+often\b|\bfrequen", "frequently frequency interval intervals every"),
)
ANSWER_TYPE_WEIGHT = 0.3
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
