"""Policy passages: stable ids, verbatim text, headings of both policy files."""

from __future__ import annotations

import pytest

from core.errors import UsageError
from rules.passages import (
    load_passages,
    passage_index,
    policies_dir,
    policy_text,
    slugify,
    source_of,
    split_passages,
)

MEDICARE = "optum-medicare-iop-coverage-summary-BH803IOPMCS052025.txt"
IDAHO = "optum-idaho-iop-faq.txt"
MH = (
    "optum-medicare-iop-coverage-summary-BH803IOPMCS052025"
    "#intensive-outpatient-services-for-mental-health-and-substance-use-disorders"
)
MH_SECTION = "Intensive Outpatient Services for Mental Health and Substance Use Disorders"


def test_policies_dir_holds_both_policy_files() -> None:
    assert (policies_dir() / MEDICARE).is_file()
    assert (policies_dir() / IDAHO).is_file()


@pytest.mark.parametrize("source", [MEDICARE, IDAHO])
def test_text_is_the_file_slice(source: str) -> None:
    raw = (policies_dir() / source).read_bytes().decode("utf-8")
    passages = load_passages(source)
    assert len(passages) > 30
    for p in passages:
        assert p.text == raw[p.start : p.end]
        assert p.text == p.text.strip()
        assert p.source == source


@pytest.mark.parametrize("source", [MEDICARE, IDAHO])
def test_ids_are_unique_and_stable_across_loads(source: str) -> None:
    first = split_passages(source, policy_text(source))
    second = split_passages(source, policy_text(source))
    assert [p.passage_id for p in first] == [p.passage_id for p in second]
    assert len({p.passage_id for p in first}) == len(first)
    stem = source.removesuffix(".txt")
    assert all(p.passage_id.startswith(f"{stem}#") for p in first)


@pytest.mark.parametrize(
    ("passage_id", "section", "starts_with"),
    [
        (
            f"{MH}/documentation-requirements-and-physician-supervision/1",
            f"{MH_SECTION} > Documentation Requirements and Physician Supervision",
            "Initial Psychiatric Evaluation/Certification—Upon admission",
        ),
        (
            f"{MH}/documentation-requirements-and-physician-supervision/4",
            f"{MH_SECTION} > Documentation Requirements and Physician Supervision",
            "Timing – Recertifications are required",
        ),
        (f"{MH}/program-criteria/1", f"{MH_SECTION} > Program Criteria", "IOPs work best"),
        # "- Drugs and biologicals" lost its indentation after a page break: still a
        # passage of "Covered Services", not a section of its own.
        (
            f"{MH}/covered-services/6",
            f"{MH_SECTION} > Covered Services",
            "Drugs and biologicals that cannot be self-administered",
        ),
        (
            f"{MH}/reasons-for-denial/7",
            f"{MH_SECTION} > Reasons for Denial",
            "Meals, self-administered medications, transportation; and",
        ),
        (
            "optum-medicare-iop-coverage-summary-BH803IOPMCS052025"
            "#introduction-instructions-for-use/introduction/1",
            "Introduction & Instructions for Use > Introduction",
            "Medicare Coverage Summaries are a set of objective",
        ),
        (
            "optum-medicare-iop-coverage-summary-BH803IOPMCS052025"
            "#opioid-treatment-programs-intensive-outpatient-services/5",
            "Opioid Treatment Programs Intensive Outpatient Services",
            "OTPs providing intensive outpatient services to Medicare beneficiaries",
        ),
        (
            "optum-idaho-iop-faq#q4/1",
            "Q4. What are the age requirements for IOP?",
            "For the first phase of IOP implementation",
        ),
        # a question that wraps over a blank line
        (
            "optum-idaho-iop-faq#q3/1",
            "Q3. Will IOP be appropriate for Members with a mental health diagnosis but who "
            "lack a SUD diagnosis?",
            "Yes, as clinically indicated.",
        ),
        # a question that starts right after the previous answer, indented
        (
            "optum-idaho-iop-faq#q7/1",
            "Q7. Is reimbursement for IOP services bundled? If so, will this include all "
            "services provided, including coordination of care efforts?",
            "Yes. When a Member is admitted",
        ),
        (
            "optum-idaho-iop-faq#q12/1",
            "Q12. I understand that IOP is provided in a group "
            "format. What is the optimal group size?",
            "The optimal group size is 3-9 participants.",
        ),
    ],
)
def test_known_passages(passage_id: str, section: str, starts_with: str) -> None:
    passage = passage_index(source_of(passage_id))[passage_id]
    assert passage.section == section
    assert passage.text.startswith(starts_with)


def test_headings_are_not_passages() -> None:
    texts = {p.text for p in load_passages(MEDICARE)}
    assert "Program Criteria" not in texts
    assert "Revision History" not in texts
    assert all(not p.text.startswith("24. After two weeks") for p in load_passages(IDAHO))


def test_every_faq_question_is_a_section() -> None:
    sections = {p.section.split(".")[0] for p in load_passages(IDAHO)}
    assert {f"Q{n}" for n in range(1, 33)} <= sections


def test_multi_line_paragraph_keeps_its_line_breaks() -> None:
    passage = passage_index(IDAHO)["optum-idaho-iop-faq#q4/1"]
    assert "between 13-17 years \nof age." in passage.text


def test_split_synthetic_text() -> None:
    text = (
        "Title Of Policy\n"
        "\n"
        "First paragraph, line one\n"
        "and line two.\n"
        "\n"
        "- Section Heading\n"
        " - nested bullet one;\n"
        " - nested bullet two.\n"
        "- Not a heading: a sentence without children.\n"
        "1. Is this a question?\n"
        "Answer one.\n"
        "3. Not a question: numbers must follow each other.\n"
    )
    passages = split_passages("demo.txt", text)
    assert [(p.passage_id, p.text) for p in passages] == [
        ("demo#title-of-policy/1", "First paragraph, line one\nand line two."),
        ("demo#title-of-policy/section-heading/1", "nested bullet one;"),
        ("demo#title-of-policy/section-heading/2", "nested bullet two."),
        ("demo#title-of-policy/section-heading/3", "Not a heading: a sentence without children."),
        ("demo#q1/1", "Answer one.\n3. Not a question: numbers must follow each other."),
    ]
    assert passages[1].section == "Title Of Policy > Section Heading"
    assert passages[4].section == "Q1. Is this a question?"
    assert all(p.text == text[p.start : p.end] for p in passages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Coverage Criteria\n\n"
            "IOP services are covered when all of the following are met:\n\n"
            "1. the patient requires a structured program;\n\n"
            "2. a physician certifies the need.\n",
            [
                (
                    "Coverage Criteria",
                    "IOP services are covered when all of the following are met:",
                ),
                ("Coverage Criteria", "1. the patient requires a structured program;"),
                ("Coverage Criteria", "2. a physician certifies the need."),
            ],
            id="numbered-items-are-text",
        ),
        pytest.param(
            "Notes\n\nA note must show:\n1. the date;\n2. the hours.\n",
            [("Notes", "A note must show:\n1. the date;\n2. the hours.")],
            id="numbered-items-in-a-paragraph",
        ),
        pytest.param(
            "FAQ\n\n1. Which services\ncount toward the hours?\nGroups:\n\n"
            "1. group therapy;\n\n2. Is a physical required?\nYes.\n",
            [
                ("Q1. Which services count toward the hours?", "Groups:"),
                ("Q1. Which services count toward the hours?", "1. group therapy;"),
                ("Q2. Is a physical required?", "Yes."),
            ],
            id="questions-still-end-in-a-question-mark",
        ),
        pytest.param(
            "FAQ\n\n1. Which services count?\nThese:\n1. group therapy;\n"
            "2. family counseling;\n2. Is a physical required?\nYes.\n",
            [
                ("Q1. Which services count?", "These:\n1. group therapy;\n2. family counseling;"),
                ("Q2. Is a physical required?", "Yes."),
            ],
            id="a-question-does-not-wrap-onto-the-next-numbered-line",
        ),
    ],
)
def test_a_numbered_line_is_a_question_only_if_it_asks_one(
    text: str, expected: list[tuple[str, str]]
) -> None:
    """A numbered line that does not end in "?" (within its first four lines) is an item of
    a numbered list, kept as a passage, not made a section heading."""
    passages = split_passages("demo.txt", text)
    assert [(p.section, p.text) for p in passages] == expected
    assert all(p.text == text[p.start : p.end] for p in passages)


def test_text_before_any_heading_is_front_matter() -> None:
    (passage,) = split_passages("demo.txt", "just a sentence.\n")
    assert passage.passage_id == "demo#front-matter/1"
    assert passage.section == ""


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Introduction & Instructions for Use", "introduction-instructions-for-use"),
        ("Program Criteria", "program-criteria"),
        ("§ 70.4", "70-4"),
        ("§", "section"),
    ],
)
def test_slugify(heading: str, slug: str) -> None:
    assert slugify(heading) == slug


@pytest.mark.parametrize("source", ["no-such-policy.txt", "../pyproject.toml", ""])
def test_unknown_source_is_a_usage_error(source: str) -> None:
    with pytest.raises(UsageError):
        load_passages(source)


def test_source_of() -> None:
    assert source_of("optum-idaho-iop-faq#q4/1") == IDAHO
    with pytest.raises(UsageError, match="form"):
        source_of("no-hash-here")
