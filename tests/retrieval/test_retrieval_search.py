"""Hybrid search: tokens, BM25, score fusion, filters, "nothing relevant", and the corpus."""

from __future__ import annotations

import pytest

from core.errors import UsageError
from retrieval.config import RELEVANCE_FLOOR
from retrieval.corpus import PolicyFile, policy_files
from retrieval.lexical import LexicalIndex, codes, tokenize
from retrieval.search import PolicySearch, SearchHit, fuse_scores
from retrieval.text import readable, sentence_spans
from rules.passages import policy_text

MEDICARE = "optum-medicare-iop-coverage-summary-BH803IOPMCS052025.txt"
IDAHO = "optum-idaho-iop-faq.txt"
DENIAL = (
    "optum-medicare-iop-coverage-summary-BH803IOPMCS052025#intensive-outpatient-services-for-"
    "mental-health-and-substance-use-disorders/reasons-for-denial/"
)


# --------------------------------------------------------------------------- fusion


@pytest.mark.parametrize(
    ("dense", "lexical", "weight", "order", "scores"),
    [
        pytest.param(
            {"a": 1.0, "b": 0.5, "c": 0.0},
            {"c": 4.0, "b": 2.0},
            0.5,
            ["a", "b", "c"],
            [0.5, 0.5, 0.5],  # cosine 1, .5, 0 and BM25 0, .5, 1: all tie, dense order
            id="scaled-and-averaged",
        ),
        pytest.param(
            {"a": 0.70, "b": 0.68, "c": 0.60},
            {"b": 10.0, "a": 1.0},
            0.5,
            ["b", "a", "c"],
            [0.9, 0.55, 0.0],  # b's lexical lead is large, a's dense lead small
            id="how-far-ahead-counts",
        ),
        pytest.param(
            {"a": 0.7, "b": 0.5},
            {"b": 3.0, "x": 0.0},
            1.0,
            ["a", "b", "x"],
            [1.0, 0.0, 0.0],
            id="dense-only",
        ),
        pytest.param({"a": 0.5}, {}, 0.5, ["a"], [0.0], id="one-passage-no-spread"),
        pytest.param({}, {}, 0.5, [], [], id="nothing"),
    ],
)
def test_fused_scores_average_the_scaled_scores(
    dense: dict[str, float],
    lexical: dict[str, float],
    weight: float,
    order: list[str],
    scores: list[float],
) -> None:
    fused = fuse_scores(dense, lexical, weight)
    assert list(fused) == order
    assert list(fused.values()) == pytest.approx(scores)


def test_fused_ties_keep_dense_then_lexical_order_and_weights_are_checked() -> None:
    assert list(fuse_scores({"x": 0.9, "y": 0.1}, {"y": 4.0, "z": 4.0})) == ["x", "y", "z"]
    assert list(fuse_scores({"p": 0.3, "q": 0.3}, {})) == ["p", "q"]
    with pytest.raises(ValueError, match="between 0 and 1"):
        fuse_scores({"a": 1.0}, {}, 1.5)


# --------------------------------------------------------------------------- lexical


def test_tokens_keep_codes_numbers_and_drop_function_words() -> None:
    assert tokenize("What does HCPCS code G0137 cover?") == ["hcpcs", "code", "g0137", "cover"]
    assert tokenize("§1861(ff) of the Act") == ["1861", "ff", "act"]
    assert tokenize("no less than every 60 days") == ["no", "less", "everi", "60", "day"]
    assert tokenize("facilitate") == tokenize("Facilitators") == ["facilit"]
    assert tokenize("the of and") == []
    # stems cut to 7 letters meet where Snowball keeps them apart; codes are never cut
    assert tokenize("diagnoses") == tokenize("Diagnostic") == ["diagnos"]
    assert tokenize("recertify") == tokenize("Recertifications") == ["recerti"]
    assert tokenize("interval intervention") == ["interva", "interve"]
    assert tokenize("HCPCS G0137 90837 1861(ff)") == ["hcpcs", "g0137", "90837", "1861", "ff"]


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What does HCPCS code G0137 cover?", ["g0137"]),
        ("Is CPT 90837 or H0015 billable with G0137? And g0137 again", ["90837", "h0015", "g0137"]),
        ("§1861(ff), 9 hours, 60 days, 2024, 1835(a)(2)(F)(i)", []),
        ("recertify every 60 days", []),
    ],
)
def test_codes_are_tokens_with_letters_and_digits_or_five_digits(
    text: str, expected: list[str]
) -> None:
    assert codes(text) == expected


def test_score_map_keeps_positive_scores_best_first() -> None:
    index = LexicalIndex(
        ["a", "b", "c"],
        ["Meals are excluded.", "Meals and transportation are excluded.", "Groups are held."],
    )
    scores = index.score_map("transportation meals")
    assert list(scores) == ["b", "a"]
    assert scores["b"] > scores["a"] > 0
    assert list(index.score_map("transportation meals", frozenset({"a", "c"}))) == ["a"]
    assert index.rank("transportation meals", 1) == ["b"]


# --------------------------------------------------------------------------- corpus


@pytest.mark.parametrize("source", [MEDICARE, IDAHO])
def test_every_sentence_record_is_a_verbatim_slice_inside_its_passage(source: str) -> None:
    (f,) = policy_files([source])
    covered: dict[str, int] = {}
    for c in f.chunks:
        assert f.text[c.start : c.end] == c.text
        assert c.passage.start <= c.start < c.end <= c.passage.end
        folded = f.folded.get(c.passage.passage_id, ()) if c.chunk_id.endswith("@items") else ()
        assert c.embed_text.endswith(
            "\n".join([readable(c.text), *(["; ".join(folded)] if folded else [])])
        )
        covered[c.passage.passage_id] = covered.get(c.passage.passage_id, 0) + 1
    assert set(covered) == {p.passage_id for p in f.indexed}  # no indexed passage left out


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


# --------------------------------------------------------------------------- ask


@pytest.mark.parametrize(
    ("question", "source", "floor", "answered", "codes_found"),
    [
        ("How often must the physician recertify the patient?", MEDICARE, None, True, ()),
        ("What is the capital of France?", MEDICARE, None, False, ()),
        ("What is a good recipe for banana bread?", IDAHO, None, False, ()),
        # a code the policy holds is answered however low the similarity (MiniLM does not
        # know G0137); one the policy does not hold is not
        ("What does HCPCS code G0137 cover?", MEDICARE, 0.9, True, ("g0137",)),
        ("What does HCPCS code G0137 cover?", IDAHO, None, False, ()),
    ],
)
def test_ask_answers_or_says_nothing_is_relevant(
    policy_search: PolicySearch,
    question: str,
    source: str,
    floor: float | None,
    answered: bool,
    codes_found: tuple[str, ...],
) -> None:
    wanted = RELEVANCE_FLOOR if floor is None else floor
    answer = policy_search.ask(question, 3, sources=[source], floor=wanted)
    assert (answer.relevant, answer.codes_found, answer.floor) == (answered, codes_found, wanted)
    assert len(answer.hits) == (3 if answered else 0)
    assert {h.passage.source for h in answer.hits} <= {source}
    assert (answer.best_similarity >= wanted) == (answered and not codes_found)


@pytest.mark.parametrize(
    ("question", "source", "unmentioned"),
    [
        # the topic word ("IOP", "intensive outpatient") clears the floor, the subject is
        # nowhere in the policy
        ("What's the copay for IOP?", MEDICARE, ("copay",)),
        ("What's the copay for IOP?", IDAHO, ("copay",)),
        ("What is the copay for intensive outpatient services?", IDAHO, ("copay",)),
        ("Does Medicare cover hearing aids for IOP patients?", MEDICARE, ("hearing", "aids")),
        ("what is the copay?", MEDICARE, ("copay",)),
    ],
)
def test_a_question_about_what_the_policy_never_mentions_gets_nothing(
    policy_search: PolicySearch, question: str, source: str, unmentioned: tuple[str, ...]
) -> None:
    answer = policy_search.ask(question, 5, sources=[source])
    assert (answer.relevant, answer.hits, answer.unmentioned) == (False, (), unmentioned)
    assert policy_search.unmentioned(question, [source]) == unmentioned


@pytest.mark.parametrize(
    "question",
    [
        "What is IOP?",  # only the policy's topic: the floor decides
        "What is an intensive outpatient program?",
        "Is transportation to the program covered?",  # a subject word the policy holds
        "How often must the physician recertify?",
    ],
)
def test_a_question_about_the_topic_or_a_word_the_policy_holds_is_answered(
    policy_search: PolicySearch, question: str
) -> None:
    answer = policy_search.ask(question, 3, sources=[MEDICARE])
    assert answer.relevant and answer.unmentioned == (), (question, answer.best_similarity)


def test_how_often_ranks_the_passage_that_states_a_frequency_first(
    policy_search: PolicySearch,
) -> None:
    supervision = (
        "optum-medicare-iop-coverage-summary-BH803IOPMCS052025#intensive-outpatient-services-"
        "for-mental-health-and-substance-use-disorders/documentation-requirements-and-"
        "physician-supervision/"
    )
    for question in (
        "How often must the physician recertify?",
        "how frequently are recertifications needed?",
    ):
        answer = policy_search.ask(question, 3, sources=[MEDICARE])
        # Timing ("no less frequently than every 60 days") first, not Signature, which
        # says "physician" and "recertification" more often; then the other items of the
        # recertification requirements (Signature, Content), each under that lead-in
        top = [h.passage.passage_id for h in answer.hits[:3]]
        assert top[0] == supervision + "4" and set(top) == {
            supervision + n for n in ("3", "4", "5")
        }, question
        assert answer.hits[0].passage.text.startswith("Timing")
        assert answer.hits[0].lead_in_lines == ("Physician Recertification Requirements:",)
    # a question that is not about a frequency ranks as before
    plain = policy_search.ask("Who must sign the physician recertification?", 1, sources=[MEDICARE])
    assert plain.hits[0].passage.passage_id == supervision + "3"
    # the bonus is a tie-breaker among passages about the question's subject: a frequency
    # question on a subject the policy only names elsewhere does not get Timing
    risk = policy_search.ask("How often is a risk assessment done?", 3, sources=[MEDICARE])
    assert supervision + "4" not in [h.passage.passage_id for h in risk.hits]


def test_ask_hits_carry_their_similarity_and_a_floor_above_everything_refuses(
    policy_search: PolicySearch,
) -> None:
    question = "Can meals or transportation be billed as part of IOP?"
    answer = policy_search.ask(question, 5, sources=[MEDICARE])
    assert answer.hits[0].passage.passage_id == DENIAL + "7"
    assert answer.best_similarity == max(h.similarity or 0.0 for h in answer.hits)
    assert [h.score for h in answer.hits] == sorted((h.score for h in answer.hits), reverse=True)
    assert not policy_search.ask(question, 5, sources=[MEDICARE], floor=1.01).relevant
    with pytest.raises(UsageError, match="at least one result"):
        policy_search.ask(question, 0)


def test_nothing_skipped_is_ever_returned(policy_search: PolicySearch) -> None:
    skipped = {pid for f in policy_files() for pid in f.skipped}
    for question in (
        "ASAM criteria validity Journal of Addictive Diseases",
        "Effective 01/01/2024",
    ):
        for method in ("fused", "dense", "lexical"):
            hits = policy_search.search(question, 10, method=method)  # type: ignore[arg-type]
            assert hits and not {h.passage.passage_id for h in hits} & skipped


def test_a_treatment_listed_only_as_a_link_finds_the_passage_listing_it(
    policy_search: PolicySearch,
) -> None:
    answer = policy_search.ask("Is neurofeedback covered?", 3, sources=[MEDICARE])
    assert answer.hits[0].passage.passage_id == (
        "optum-medicare-iop-coverage-summary-BH803IOPMCS052025#introduction-instructions-for-use/"
        "instructions-for-use/14"
    )


def test_a_list_item_answer_carries_its_lead_in_and_stays_verbatim(
    policy_search: PolicySearch,
) -> None:
    answer = policy_search.ask("Is vocational training covered?", 3, sources=[MEDICARE])
    (hit, *rest) = answer.hits
    assert hit.passage.passage_id == DENIAL + "8"
    assert hit.passage.text == "Vocational training."  # the passage itself, verbatim
    assert hit.lead_in_lines == (
        "The following services are excluded from the scope of intensive outpatient services "
        "defined in §1861(ff) of the Social Security Act:",
    )
    (lead_in,) = hit.lead_ins
    text = policy_text(MEDICARE)
    assert lead_in.start is not None and lead_in.end is not None
    assert text[lead_in.start : lead_in.end] == lead_in.text
    assert lead_in.end < hit.passage.start
    # a list under a section heading shows only the lines of the text: the heading is the
    # passage's section, shown with it
    covered = next(h for h in rest if h.passage.passage_id.endswith("covered-services/9"))
    assert [x.kind for x in covered.lead_ins] == ["heading", "line"]
    assert covered.lead_in_lines == (
        "Items and services that can be included as part of the structured, multimodal active "
        "treatment program, identified in §1861(ff)(2) include:",
    )
    # a passage that is not a list item has none
    assert not policy_search.ask("What is a bundled rate?", 1, sources=[IDAHO]).hits[0].lead_ins


DOCUMENTATION = (
    "optum-medicare-iop-coverage-summary-BH803IOPMCS052025#intensive-outpatient-services-for-"
    "mental-health-and-substance-use-disorders/documentation-requirements-and-physician-supervision/"
)
COVERED = (
    "optum-medicare-iop-coverage-summary-BH803IOPMCS052025#intensive-outpatient-services-for-"
    "mental-health-and-substance-use-disorders/covered-services/"
)
REVIEWER_QUESTIONS = (
    "does a family session count toward the 9 hours?",
    "which services count toward the weekly minimum?",
    "what must the recertification say?",
    "is occupational therapy a covered service?",
    "How often must the physician recertify?",
)


def _shown(hit: SearchHit) -> list[str]:
    return [hit.passage.passage_id, *(p.passage_id for p in hit.items)]


@pytest.mark.parametrize("question", REVIEWER_QUESTIONS)
def test_an_answer_carries_its_content_and_a_list_is_one_answer(
    policy_search: PolicySearch, question: str
) -> None:
    answer = policy_search.ask(question, 5, sources=[MEDICARE])
    assert len(answer.hits) == 5
    for hit in answer.hits:
        # a list's lead-in ("... describe the following:") is never an answer without its list
        if hit.passage.text.rstrip(" *_").endswith(":"):
            assert hit.items, hit.passage.passage_id
        assert [i.text for i in hit.items] == [
            policy_search.passages[i.passage_id].text for i in hit.items
        ]
    # each passage shown once: the items of one list are one answer, not one each
    shown = [pid for hit in answer.hits for pid in _shown(hit)]
    assert len(shown) == len(set(shown))
    assert [h.rank for h in answer.hits] == [1, 2, 3, 4, 5]


def test_a_lead_in_answer_lists_what_it_introduces(policy_search: PolicySearch) -> None:
    answer = policy_search.ask("what must the recertification say?", 5, sources=[MEDICARE])
    content = next(h for h in answer.hits if h.passage.passage_id == DOCUMENTATION + "5")
    assert content.passage.text.endswith("describe the following:")
    assert [p.passage_id for p in content.items] == [DOCUMENTATION + n for n in "678"]
    assert content.item_texts[0] == (
        "The patient’s response to the therapeutic interventions provided by the IOP;"
    )


def test_a_family_session_question_finds_the_services_that_make_up_the_program(
    policy_search: PolicySearch,
) -> None:
    # the policy lists family counseling among the services a program is made of (and G0137
    # counts it among the nine services of a week); it says nothing closer to "counts
    # toward the 9 hours"
    answer = policy_search.ask(
        "does a family session count toward the 9 hours?", 5, sources=[MEDICARE]
    )
    first = next(n for n, h in enumerate(answer.hits, start=1) if COVERED + "8" in _shown(h))
    assert first <= 3
    hit = answer.hits[first - 1]
    assert hit.lead_in_lines == (
        "Items and services that can be included as part of the structured, multimodal active "
        "treatment program, identified in §1861(ff)(2) include:",
    )
