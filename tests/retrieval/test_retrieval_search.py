"""Hybrid search: tokens, BM25, reciprocal rank fusion, filters, and the corpus it reads."""

from __future__ import annotations

import pytest

from core.errors import UsageError
from retrieval.corpus import PolicyFile, policy_files, sentence_spans
from retrieval.lexical import LexicalIndex, tokenize
from retrieval.search import PolicySearch, reciprocal_rank_fusion

MEDICARE = "optum-medicare-iop-coverage-summary-BH803IOPMCS052025.txt"
IDAHO = "optum-idaho-iop-faq.txt"
DENIAL = (
    "optum-medicare-iop-coverage-summary-BH803IOPMCS052025#intensive-outpatient-services-for-"
    "mental-health-and-substance-use-disorders/reasons-for-denial/"
)


# --------------------------------------------------------------------------- fusion


def test_rrf_scores_are_sums_of_reciprocal_ranks() -> None:
    fused = dict(reciprocal_rank_fusion([["a", "b", "c"], ["b", "d"]], k=60))
    assert fused == pytest.approx({"a": 1 / 61, "b": 1 / 62 + 1 / 61, "c": 1 / 63, "d": 1 / 62})


def test_rrf_prefers_agreement_and_breaks_ties_by_first_appearance() -> None:
    ranked = [i for i, _ in reciprocal_rank_fusion([["x", "both"], ["y", "both"]])]
    assert ranked == ["both", "x", "y"]  # x and y tie; x was seen first (ranking 0)
    assert [i for i, _ in reciprocal_rank_fusion([["q"], []])] == ["q"]
    assert reciprocal_rank_fusion([]) == []


def test_rrf_rejects_a_ranking_with_a_repeated_id() -> None:
    with pytest.raises(ValueError, match="twice"):
        reciprocal_rank_fusion([["a", "a"]])


# --------------------------------------------------------------------------- lexical


def test_tokens_keep_codes_numbers_and_drop_function_words() -> None:
    assert tokenize("What does HCPCS code G0137 cover?") == ["hcpcs", "code", "g0137", "cover"]
    assert tokenize("§1861(ff) of the Act") == ["1861", "ff", "act"]
    assert tokenize("no less than every 60 days") == ["no", "less", "everi", "60", "day"]
    assert tokenize("facilitate") == tokenize("Facilitators") == ["facilit"]
    assert tokenize("the of and") == []


def test_bm25_ranks_the_exact_term_first_and_skips_non_matches() -> None:
    index = LexicalIndex(
        ["a", "b", "c"],
        [
            "Facilitators must be CADC or higher.",
            "Groups are facilitated by licensed clinicians.",
            "Meals and transportation are excluded.",
        ],
    )
    assert index.rank("Who may facilitate? CADC?", 5) == ["a", "b"]
    assert index.rank("CADC", 5, allowed=frozenset({"b", "c"})) == []
    assert index.rank("the of", 5) == []
    with pytest.raises(ValueError):
        LexicalIndex([], [])


# --------------------------------------------------------------------------- corpus


@pytest.mark.parametrize("source", [MEDICARE, IDAHO])
def test_every_sentence_record_is_a_verbatim_slice_inside_its_passage(source: str) -> None:
    (f,) = policy_files([source])
    covered: dict[str, int] = {}
    for c in f.chunks:
        assert f.text[c.start : c.end] == c.text
        assert c.passage.start <= c.start < c.end <= c.passage.end
        assert c.embed_text.endswith(c.text)
        covered[c.passage.passage_id] = covered.get(c.passage.passage_id, 0) + 1
    assert set(covered) == {p.passage_id for p in f.passages}  # no passage left out


def test_sentence_spans_split_at_sentence_ends_only() -> None:
    text = "First one (e.g., outpatient) ends here. Second; Third ends.  "
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "First one (e.g., outpatient) ends here.",
        "Second;",
        "Third ends.",
    ]
    assert sentence_spans("   ") == []


def test_a_list_item_is_indexed_with_the_sentence_that_opens_its_list() -> None:
    (f,) = policy_files([MEDICARE])
    meals = f.index_texts[DENIAL + "7"]
    assert meals.startswith("Reasons for Denial\nThe following services are excluded")
    assert meals.endswith("Meals, self-administered medications, transportation; and")
    # the list closes at its last item: the next passage has no lead-in
    assert f.contexts[DENIAL + "9"] == "Reasons for Denial"


def test_a_file_fingerprint_follows_its_text() -> None:
    a = PolicyFile("x.txt", "Title\n\nOne sentence.\n")
    assert a.fingerprint == PolicyFile("x.txt", "Title\n\nOne sentence.\n").fingerprint
    assert a.fingerprint != PolicyFile("x.txt", "Title\n\nOne sentence!\n").fingerprint


# --------------------------------------------------------------------------- search


def test_the_issue_questions_find_their_passages(policy_search: PolicySearch) -> None:
    (hit, *_) = policy_search.search("who may facilitate a substance-use group?")
    assert hit.passage.passage_id == "optum-idaho-iop-faq#q13/1"
    assert "CADC" in hit.passage.text
    assert hit.dense_rank is not None and hit.lexical_rank is not None
    top = [h.passage.text for h in policy_search.search("what counts toward the 9 hours?", 5)]
    assert any("9 hours" in t for t in top)
    (g0137, *_) = policy_search.search("G0137")
    assert "G0137" in g0137.passage.text


def test_search_honours_k_sources_exclusions_and_method(policy_search: PolicySearch) -> None:
    question = "How often must the physician recertify?"
    hits = policy_search.search(question, 3, sources=[MEDICARE])
    assert [h.rank for h in hits] == [1, 2, 3]
    assert {h.passage.source for h in hits} == {MEDICARE}
    assert all(h.score > 0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    first = hits[0].passage.passage_id
    rest = policy_search.search(question, 3, sources=[MEDICARE], exclude=[first])
    assert first not in {h.passage.passage_id for h in rest}
    assert {h.passage.source for h in policy_search.search(question, 4, sources=[IDAHO])} == {IDAHO}
    lexical = policy_search.search(question, 5, method="lexical")
    assert all(h.lexical_rank == h.rank for h in lexical)
    dense = policy_search.search(question, 5, method="dense")
    assert all(h.dense_rank == h.rank for h in dense)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"query": "   "}, "question is empty"),
        ({"query": "x" * 3000}, "characters long"),
        ({"query": "hours", "k": 0}, "at least one result"),
        ({"query": "hours", "sources": ["nope.txt"]}, "not in the index"),
        ({"query": "hours", "method": "magic"}, "unknown search method"),
    ],
)
def test_unusable_searches_say_what_to_do(
    policy_search: PolicySearch, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        policy_search.search(**kwargs)  # type: ignore[arg-type]
