"""What is indexed: bibliography, reference lists, link-only lines, tables of contents and
one-line fragments are left out, by structure; list items keep their lead-in."""

from __future__ import annotations

import pytest

from retrieval.corpus import (
    PolicyFile,
    SkipReason,
    policy_files,
    skip_reason,
    word_count,
)
from retrieval.text import readable
from rules.passages import split_passages

MEDICARE = "optum-medicare-iop-coverage-summary-BH803IOPMCS052025.txt"
IDAHO = "optum-idaho-iop-faq.txt"
M = "optum-medicare-iop-coverage-summary-BH803IOPMCS052025#"
USE = M + "introduction-instructions-for-use/instructions-for-use/"
MH = M + "intensive-outpatient-services-for-mental-health-and-substance-use-disorders/"
OTP = M + "opioid-treatment-programs-intensive-outpatient-services/"


@pytest.mark.parametrize(
    ("text", "seen", "words"),
    [
        (
            "[Level of Care Utilization System \\(LOCUS\\):](#)",
            "Level of Care Utilization System (LOCUS):",
            6,
        ),
        ("Access the ECSII Criteria [here](#)", "Access the ECSII Criteria here", 5),
        ("Effective 01/01/2024:", "Effective 01/01/2024:", 1),
        ("See https://youtu.be/zi2CMPKpp4w now", "See https://youtu.be/zi2CMPKpp4w now", 2),
        (
            "The optimal group size is 3-9 participants.",
            "The optimal group size is 3-9 participants.",
            6,
        ),
        ("Policy Number: BH803IOPMCS052025", "Policy Number: BH803IOPMCS052025", 3),
    ],
)
def test_links_read_as_their_label_and_words_need_a_letter(
    text: str, seen: str, words: int
) -> None:
    assert readable(text) == seen
    assert word_count(text) == words


def _reasons(text: str) -> list[tuple[str, SkipReason | None]]:
    """(passage text, skip reason) of every passage of a policy ``text``."""
    f = PolicyFile("x.txt", text)
    return [(p.text, f.skipped.get(p.passage_id)) for p in f.passages]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Coverage\n\nPrograms must provide nine hours of services per week.\n\n"
            "Effective 01/01/2024:\n\n"
            "Bibliography\n\n"
            "Any text at all under a bibliography heading is left out.\n",
            [
                ("Programs must provide nine hours of services per week.", None),
                ("Effective 01/01/2024:", "fragment"),
                ("Any text at all under a bibliography heading is left out.", "back-matter"),
            ],
            id="fragment-and-back-matter-heading",
        ),
        pytest.param(
            "Coverage\n\n"
            "Baker, S.L. & Gastfriend, D.R. (2003). Reliability of treatment matching. "
            "*Journal of Addictive Diseases*, 22 Suppl 1, 45-60.\n\n"
            "Centers for Medicare and Medicaid Services. (2023). CMS Publication 100-02.\n\n"
            "Since 2023 (2023). the rule applies to every program that bills per diem.\n\n"
            "The 2023 rule (2023) applies to every program that bills per diem.\n",
            [
                (
                    "Baker, S.L. & Gastfriend, D.R. (2003). Reliability of treatment matching. "
                    "*Journal of Addictive Diseases*, 22 Suppl 1, 45-60.",
                    "citation",
                ),
                (
                    "Centers for Medicare and Medicaid Services. (2023). CMS Publication 100-02.",
                    "citation",
                ),
                # a year in brackets followed by a full stop is a citation's shape wherever
                # it is; without the full stop it is not
                (
                    "Since 2023 (2023). the rule applies to every program that bills per diem.",
                    "citation",
                ),
                ("The 2023 rule (2023) applies to every program that bills per diem.", None),
            ],
            id="citations-outside-a-references-section",
        ),
        pytest.param(
            "Coverage\n\n"
            "- [Neurofeedback](#)\n"
            "- https://youtu.be/zi2CMPKpp4w\n"
            "- Read [the criteria](#) before every review of a chart.\n"
            "- Access the ECSII Criteria [here](#)\n"
            "- Peers may assist.\n",
            [
                ("[Neurofeedback](#)", "link-only"),
                ("https://youtu.be/zi2CMPKpp4w", "link-only"),
                ("Read [the criteria](#) before every review of a chart.", None),
                ("Access the ECSII Criteria [here](#)", "fragment"),
                ("Peers may assist.", None),  # short, but a whole sentence
            ],
            id="links-and-short-lines",
        ),
        pytest.param(
            "Coverage\n\n"
            "The following services are excluded from the scope of IOP:\n"
            "- Vocational training;\n"
            "- Meals; and\n"
            "- Transportation.\n"
            "- Physician Requirements:\n"
            "- Services excluded:\n",
            [
                ("The following services are excluded from the scope of IOP:", None),
                ("Vocational training;", None),  # its lead-in makes it whole
                ("Meals; and", None),
                ("Transportation.", None),
                ("Physician Requirements:", "fragment"),
                # a short lead-in is read through its items, which carry it
                ("Services excluded:", "fragment"),
            ],
            id="list-items-are-whole-with-their-lead-in",
        ),
        pytest.param(
            "Coverage\n\nEarly Childhood Service Intensity Instrument (ECSII):\n"
            " - Access the ECSII Criteria [here](#)\n"
            " - See https://example.org/ecsii\n"
            " - Read the criteria online\n",
            [
                ("Early Childhood Service Intensity Instrument (ECSII):", None),
                # a line that ends in a link sends the reader there: its lead-in does not
                # make it whole
                ("Access the ECSII Criteria [here](#)", "fragment"),
                ("See https://example.org/ecsii", "fragment"),
                ("Read the criteria online", None),
            ],
            id="a-link-at-the-end-is-not-made-whole-by-a-lead-in",
        ),
        pytest.param(
            "Coverage\n\nIntroduction.....\t1\nCoverage\t2\nReferences\t6\n\n"
            "Programs must provide nine hours of services per week.\n",
            [
                ("Introduction.....\t1\nCoverage\t2\nReferences\t6", "contents"),
                ("Programs must provide nine hours of services per week.", None),
            ],
            id="table-of-contents",
        ),
    ],
)
def test_what_is_left_out_of_the_index(
    text: str, expected: list[tuple[str, SkipReason | None]]
) -> None:
    assert _reasons(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("FAQ\n\n1. How often is a recertification required?\n- Every 60 days\n", None),
        ("FAQ\n\nRecertification\n\n- Every 60 days\n", "fragment"),
    ],
)
def test_an_faq_answer_is_whole_with_its_question(text: str, reason: SkipReason | None) -> None:
    (answer,) = split_passages("faq.txt", text)
    assert (answer.text, skip_reason(answer)) == ("Every 60 days", reason)


def test_the_medicare_policy_leaves_out_exactly_its_back_matter_links_and_fragments() -> None:
    (f,) = policy_files([MEDICARE])
    refs = {f"{M}references/{n}": "back-matter" for n in range(1, 23)}
    assert f.skipped == {
        f"{M}intensive-outpatient-programs/2": "contents",
        USE + "6": "link-only",
        USE + "8": "link-only",
        USE + "10": "fragment",
        USE + "11": "link-only",
        USE + "13": "fragment",
        USE + "15": "link-only",
        USE + "16": "link-only",
        USE + "17": "link-only",
        USE + "18": "link-only",
        USE + "19": "link-only",
        USE + "21": "fragment",
        MH + "2": "fragment",
        MH + "3": "link-only",
        MH + "documentation-requirements-and-physician-supervision/2": "fragment",
        OTP + "2": "fragment",
        **refs,
        f"{M}revision-history/1": "back-matter",
    }
    assert len(f.indexed) == len(f.passages) - len(f.skipped) == 63
    assert {c.passage.passage_id for c in f.chunks} == {p.passage_id for p in f.indexed}


def test_the_idaho_faq_leaves_out_only_its_bare_links() -> None:
    (f,) = policy_files([IDAHO])
    assert f.skipped == {
        "optum-idaho-iop-faq#q14/2": "link-only",
        "optum-idaho-iop-faq#q30/2": "link-only",
    }


def test_a_link_heading_introduces_the_items_under_it() -> None:
    (f,) = policy_files([MEDICARE])
    assert f.lead_ins[USE + "7"] == "Level of Care Utilization System (LOCUS):"
    assert f.contexts[USE + "9"] == (
        "Instructions for Use\n"
        "Child and Adolescent Level of Care/Service Intensity Utilization System (CALOCUS-CASII):"
    )
    # "Access the CALOCUS-CASII Criteria [here](#)" is an item of that list too (indented
    # like the description above it), but a line that ends in a link stays a fragment
    assert f.lead_ins[USE + "10"] == (
        "Child and Adolescent Level of Care/Service Intensity Utilization System (CALOCUS-CASII):"
    )
    assert f.skipped[USE + "10"] == "fragment"


def test_a_list_item_is_embedded_with_its_lead_in_and_on_its_own() -> None:
    f = PolicyFile(
        "x.txt",
        "Denials\n\nThe following services are excluded from the scope of IOP:\n"
        "- Services to hospital inpatients;\n- Vocational training.\n",
    )
    lead = "x#denials/1"
    assert [(c.chunk_id, c.embed_text) for c in f.chunks] == [
        (f"{lead}@1", "Denials\nThe following services are excluded from the scope of IOP:"),
        (
            "x#denials/2@1",
            "Denials\nThe following services are excluded from the scope of IOP:\n"
            "Services to hospital inpatients;",
        ),
        ("x#denials/2@1#item", "Denials\nServices to hospital inpatients;"),
        (
            "x#denials/3@1",
            "Denials\nThe following services are excluded from the scope of IOP:\n"
            "Vocational training.",
        ),
        ("x#denials/3@1#item", "Denials\nVocational training."),
    ]
    assert f.index_texts["x#denials/2"] == (
        "Denials\nThe following services are excluded from the scope of IOP:\n"
        "Services to hospital inpatients;"
    )
    # the two records of an item are the same verbatim sentence
    assert {c.text for c in f.chunks if c.passage.passage_id == "x#denials/2"} == {
        "Services to hospital inpatients;"
    }


def test_link_only_items_are_indexed_with_the_passage_that_introduces_them() -> None:
    f = PolicyFile(
        "x.txt",
        "Criteria\n\nOptum reviews these under its own clinical policies:\n"
        "- [Neurofeedback](#)\n- [Wilderness Therapy](https://example.org/w)\n"
        "- Every other treatment is reviewed under this guideline.\n",
    )
    head = "x#criteria/1"
    assert f.skipped == {"x#criteria/2": "link-only", "x#criteria/3": "link-only"}
    assert f.folded == {head: ("Neurofeedback", "Wilderness Therapy")}
    assert f.index_texts[head] == (
        "Criteria\nOptum reviews these under its own clinical policies:\n"
        "Neurofeedback\nWilderness Therapy"
    )
    items = [c for c in f.chunks if c.passage.passage_id == head]
    assert [(c.chunk_id, c.text, c.embed_text) for c in items] == [
        (
            f"{head}@1",
            "Optum reviews these under its own clinical policies:",
            "Criteria\nOptum reviews these under its own clinical policies:",
        ),
        (
            f"{head}@items",
            "Optum reviews these under its own clinical policies:",
            "Criteria\nOptum reviews these under its own clinical policies:\n"
            "Neurofeedback; Wilderness Therapy",
        ),
    ]
    assert f.text[items[1].start : items[1].end] == items[1].text


def test_the_medicare_link_lists_fold_into_their_lead_ins() -> None:
    (f,) = policy_files([MEDICARE])
    assert f.folded == {
        # the three assessment tools are items of "... adopted external criteria as follows:"
        USE + "5": (
            "Level of Care Utilization System (LOCUS):",
            "Child and Adolescent Level of Care/Service Intensity Utilization System "
            "(CALOCUS-CASII):",
            "Early Childhood Service Intensity Instrument (ECSII):",
        ),
        USE + "14": (
            "Complementary and Alternative Medicine (CAM) Treatments",
            "Computer Based Treatment for Cognitive Behavioral Therapy (CBTCBT)",
            "Neurofeedback",
            "Transcranial Magnetic Stimulation",
            "Wilderness Therapy",
        ),
    }
