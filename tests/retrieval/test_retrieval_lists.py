"""Lists in policy text: which passages are list items, and the lead-ins that say what the
list is (retrieval.lists), exactly, for every kind of marker and layout; and that a lead-in
is context with its own verbatim offsets, never part of the passage."""

from __future__ import annotations

import pytest

from retrieval.corpus import PolicyFile, policy_files
from retrieval.lists import LeadIn, find_lead_ins, item_marker
from retrieval.text import readable
from rules.passages import split_passages

MEDICARE = "optum-medicare-iop-coverage-summary-BH803IOPMCS052025.txt"
M = "optum-medicare-iop-coverage-summary-BH803IOPMCS052025#"
MH = M + "intensive-outpatient-services-for-mental-health-and-substance-use-disorders/"
USE = M + "introduction-instructions-for-use/instructions-for-use/"
OTP = M + "opioid-treatment-programs-intensive-outpatient-services/"

LEAD = "IOP services are covered when all of the following are met:"


def _shown(chain: tuple[LeadIn, ...]) -> list[str]:
    """A chain as text: a section heading is marked, lines are as read."""
    return [f"[heading] {x.text}" if x.kind == "heading" else x.text for x in chain]


def _lead_ins(text: str) -> list[tuple[str, list[str]]]:
    """Every passage of ``text``, with the lead-ins of the list it is an item of."""
    passages = split_passages("x.txt", text)
    found = find_lead_ins(text, passages)
    return [(p.text, _shown(found.get(p.passage_id, ()))) for p in passages]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            f"Coverage\n\n{LEAD}\n\n"
            "• the patient requires a structured program of at least 9 hours a week;\n\n"
            "• a physician certifies the need for the program; and\n\n"
            "• the patient can take part in active treatment.\n\n"
            "Programs bill a per diem.\n",
            [
                (LEAD, []),
                ("• the patient requires a structured program of at least 9 hours a week;", [LEAD]),
                ("• a physician certifies the need for the program; and", [LEAD]),
                ("• the patient can take part in active treatment.", [LEAD]),
                ("Programs bill a per diem.", []),
            ],
            id="bullets-•",
        ),
        pytest.param(
            f"Coverage\n\n{LEAD}\n"
            "- the patient requires a structured program;\n"
            "- a physician certifies the need.\n"
            "- Programs bill a per diem.\n",
            [
                (LEAD, []),
                ("the patient requires a structured program;", [LEAD]),
                ("a physician certifies the need.", [LEAD]),
                # a marked paragraph after the last item (".") of a list of items ending in ";"
                ("Programs bill a per diem.", []),
            ],
            id="bullets-dash",
        ),
        pytest.param(
            "Coverage\n\nThe program must offer:\n\n"
            "* individual psychotherapy,\n\n* group psychotherapy, and\n\n* family counseling.\n",
            [
                ("The program must offer:", []),
                ("* individual psychotherapy,", ["The program must offer:"]),
                ("* group psychotherapy, and", ["The program must offer:"]),
                ("* family counseling.", ["The program must offer:"]),
            ],
            id="bullets-star",
        ),
        pytest.param(
            "Coverage\n\nA physician must certify all of the following:\n\n"
            "1. The patient requires IOP.\n\n"
            "2. The patient needs at least 9 hours of services a week.\n\n"
            "3. The plan of care is on file.\n\n"
            "The certification is signed and dated.\n",
            [
                ("A physician must certify all of the following:", []),
                (
                    "1. The patient requires IOP.",
                    ["A physician must certify all of the following:"],
                ),
                (
                    "2. The patient needs at least 9 hours of services a week.",
                    ["A physician must certify all of the following:"],
                ),
                (
                    "3. The plan of care is on file.",
                    ["A physician must certify all of the following:"],
                ),
                ("The certification is signed and dated.", []),
            ],
            id="numbered-1.-whole-sentences",
        ),
        pytest.param(
            f"Coverage\n\n{LEAD}\n\n"
            "1) the patient requires a structured program;\n\n"
            "2) a physician certifies the need.\n",
            [
                (LEAD, []),
                ("1) the patient requires a structured program;", [LEAD]),
                ("2) a physician certifies the need.", [LEAD]),
            ],
            id="numbered-1)",
        ),
        pytest.param(
            "Denials\n\nThe following are not covered:\n\n"
            "(a) meals;\n\n(b) transportation; or\n\n(c) vocational training.\n\n"
            "(HCFA Ruling 97-1) applies to benefit category denials.\n",
            [
                ("The following are not covered:", []),
                ("(a) meals;", ["The following are not covered:"]),
                ("(b) transportation; or", ["The following are not covered:"]),
                ("(c) vocational training.", ["The following are not covered:"]),
                ("(HCFA Ruling 97-1) applies to benefit category denials.", []),
            ],
            id="lettered-(a)",
        ),
        pytest.param(
            "Denials\n\nThe following are not covered:\n\n"
            "a. Meals.\n\nb. Transportation.\n\nc. Vocational training.\n",
            [
                ("The following are not covered:", []),
                ("a. Meals.", ["The following are not covered:"]),
                ("b. Transportation.", ["The following are not covered:"]),
                ("c. Vocational training.", ["The following are not covered:"]),
            ],
            id="lettered-a.",
        ),
        pytest.param(
            "Admission\n\nAdmission requires all of the following:\n\n"
            "• a diagnosis of one of:\n\n"
            "  ◦ a mental disorder; or\n\n"
            "  ◦ a substance use disorder;\n\n"
            "• a physician certifies the need for IOP.\n",
            [
                ("Admission requires all of the following:", []),
                ("• a diagnosis of one of:", ["Admission requires all of the following:"]),
                (
                    "◦ a mental disorder; or",
                    ["Admission requires all of the following:", "a diagnosis of one of:"],
                ),
                (
                    "◦ a substance use disorder;",
                    ["Admission requires all of the following:", "a diagnosis of one of:"],
                ),
                (
                    "• a physician certifies the need for IOP.",
                    ["Admission requires all of the following:"],
                ),
            ],
            id="nested-bullets",
        ),
        pytest.param(
            "Recertification\n\nThe recertification must state:\n\n"
            "1. the patient's response to treatment, including:\n\n"
            "   i. attendance;\n\n   ii. progress toward goals;\n\n"
            "2. the symptoms that still require IOP.\n",
            [
                ("The recertification must state:", []),
                (
                    "1. the patient's response to treatment, including:",
                    ["The recertification must state:"],
                ),
                (
                    "i. attendance;",
                    [
                        "The recertification must state:",
                        "the patient's response to treatment, including:",
                    ],
                ),
                (
                    "ii. progress toward goals;",
                    [
                        "The recertification must state:",
                        "the patient's response to treatment, including:",
                    ],
                ),
                (
                    "2. the symptoms that still require IOP.",
                    ["The recertification must state:"],
                ),
            ],
            id="nested-numbered-and-roman",
        ),
        pytest.param(
            "Certification\n\n1. The patient has one of the following:\n\n"
            "2. A physician certifies the need for IOP.\n",
            [
                # a list at the start of its section: the heading introduces it
                ("1. The patient has one of the following:", ["[heading] Certification"]),
                # numbered next to the lead-in: its sibling, not its item
                ("2. A physician certifies the need for IOP.", ["[heading] Certification"]),
            ],
            id="numbered-next-to-the-lead-in-is-its-sibling",
        ),
        pytest.param(
            f"Coverage\n\n{LEAD}\n\n"
            "• the patient requires a structured program;\n"
            "• a physician certifies the need.\n",
            [
                (LEAD, []),
                (
                    "• the patient requires a structured program;\n"
                    "• a physician certifies the need.",
                    [LEAD],
                ),
            ],
            id="a-passage-that-starts-with-items",
        ),
        pytest.param(
            f"Coverage\n\n{LEAD}\n"
            "• the patient requires a structured program;\n\n"
            "• a physician certifies the need.\n",
            [
                (f"{LEAD}\n• the patient requires a structured program;", []),
                ("• a physician certifies the need.", [LEAD]),
            ],
            id="lead-in-and-first-item-in-one-passage",
        ),
        pytest.param(
            "Excluded Services\n\n- Meals;\n- Transportation; and\n- Vocational training.\n",
            [
                ("Meals;", ["[heading] Excluded Services"]),
                ("Transportation; and", ["[heading] Excluded Services"]),
                ("Vocational training.", ["[heading] Excluded Services"]),
            ],
            id="list-at-the-start-of-a-section-heading-is-its-lead-in",
        ),
        pytest.param(
            "Coverage\n\n## Eligibility criteria\n\n"
            "- the patient requires IOP;\n- a physician certifies it.\n\n"
            "Programs bill a per diem.\n",
            [
                ("## Eligibility criteria", []),
                ("the patient requires IOP;", ["Eligibility criteria"]),
                ("a physician certifies it.", ["Eligibility criteria"]),
                ("Programs bill a per diem.", []),
            ],
            id="markdown-heading-line-as-lead-in",
        ),
        pytest.param(
            "Coverage\n\nServices include:\n- group therapy;\n- family counseling\n\n"
            "Denials\n\n- Meals;\n- Transportation.\n",
            [
                ("Services include:", []),
                ("group therapy;", ["Services include:"]),
                ("family counseling", ["Services include:"]),
                # a new section: the list above does not go on into it
                ("Meals;", ["[heading] Denials"]),
                ("Transportation.", ["[heading] Denials"]),
            ],
            id="a-list-ends-with-its-section",
        ),
        pytest.param(
            "Coverage\n\nEffective 01/01/2024:\n\n"
            "[Medicare Benefit Policy Manual, Chapter 17, § 20 Definitions:](#)\n\n"
            "- OTP intensive outpatient services means services of § 410.44.\n"
            "- HCPCS code G0137 bills them.\n\n"
            "Use of the criteria is reviewed yearly.\n",
            [
                ("Effective 01/01/2024:", []),
                (
                    "[Medicare Benefit Policy Manual, Chapter 17, § 20 Definitions:](#)",
                    ["Effective 01/01/2024:"],
                ),
                (
                    "OTP intensive outpatient services means services of § 410.44.",
                    [
                        "Effective 01/01/2024:",
                        "Medicare Benefit Policy Manual, Chapter 17, § 20 Definitions:",
                    ],
                ),
                (
                    "HCPCS code G0137 bills them.",
                    [
                        "Effective 01/01/2024:",
                        "Medicare Benefit Policy Manual, Chapter 17, § 20 Definitions:",
                    ],
                ),
                ("Use of the criteria is reviewed yearly.", []),
            ],
            id="unmarked-and-link-lead-ins",
        ),
        pytest.param(
            "Documentation\n\n"
            "- Initial certification is made on admission.\n"
            "- Recertification Requirements:\n"
            "- Signature – signed by the treating physician.\n"
            "- Timing: at least every 60 days.\n",
            [
                ("Initial certification is made on admission.", ["[heading] Documentation"]),
                ("Recertification Requirements:", ["[heading] Documentation"]),
                (
                    "Signature – signed by the treating physician.",
                    ["[heading] Documentation", "Recertification Requirements:"],
                ),
                # items marked like their lead-in: the layout cannot tell the list's end, so
                # it ends with the first item that ends in "." (this one is labelled, but
                # its items' labels end in a dash)
                ("Timing: at least every 60 days.", ["[heading] Documentation"]),
            ],
            id="items-marked-like-their-lead-in",
        ),
        pytest.param(
            "Documentation\n\n"
            "- Initial Evaluation/Certification—Upon admission, a physician certifies.\n"
            "- Recertification Requirements:\n"
            "- Signature – The recertification is signed by the treating physician.\n"
            "- Timing – Recertifications are due at least every 60 days.\n"
            "- Content – The recertification must describe the following:\n"
            "- the patient's response to treatment;\n"
            "- goals for discharge.\n"
            "- Treatment Plan: The plan is signed by a physician.\n"
            "- Progress notes are kept for every session.\n",
            [
                (
                    "Initial Evaluation/Certification—Upon admission, a physician certifies.",
                    ["[heading] Documentation"],
                ),
                ("Recertification Requirements:", ["[heading] Documentation"]),
                # a run of items labelled alike ("Label – text") is one list, past the "."
                (
                    "Signature – The recertification is signed by the treating physician.",
                    ["[heading] Documentation", "Recertification Requirements:"],
                ),
                (
                    "Timing – Recertifications are due at least every 60 days.",
                    ["[heading] Documentation", "Recertification Requirements:"],
                ),
                (
                    "Content – The recertification must describe the following:",
                    ["[heading] Documentation", "Recertification Requirements:"],
                ),
                (
                    "the patient's response to treatment;",
                    [
                        "[heading] Documentation",
                        "Recertification Requirements:",
                        "Content – The recertification must describe the following:",
                    ],
                ),
                (
                    "goals for discharge.",
                    [
                        "[heading] Documentation",
                        "Recertification Requirements:",
                        "Content – The recertification must describe the following:",
                    ],
                ),
                # labelled otherwise (":" after "–"), or not labelled: not an item of it
                ("Treatment Plan: The plan is signed by a physician.", ["[heading] Documentation"]),
                ("Progress notes are kept for every session.", ["[heading] Documentation"]),
            ],
            id="labelled-items-marked-like-their-lead-in",
        ),
        pytest.param(
            "Recertification\n\nA recertification states the following:\n\n"
            "Signature: The treating physician signs it.\n\n"
            "Timing: It is made at least every 60 days.\n\n"
            "Programs bill a per diem.\n",
            [
                ("A recertification states the following:", []),
                (
                    "Signature: The treating physician signs it.",
                    ["A recertification states the following:"],
                ),
                # unmarked paragraphs labelled alike: one list, up to one not labelled
                (
                    "Timing: It is made at least every 60 days.",
                    ["A recertification states the following:"],
                ),
                ("Programs bill a per diem.", []),
            ],
            id="labelled-paragraphs",
        ),
        pytest.param(
            "FAQ\n\n1. Which services count toward the 9 hours?\n"
            "Counted services are:\n\n- group therapy;\n- family counseling.\n\n"
            "2. Are meals covered?\nNo.\n",
            [
                ("Counted services are:", []),
                ("group therapy;", ["Counted services are:"]),
                ("family counseling.", ["Counted services are:"]),
                ("No.", []),
            ],
            id="faq-answer-lists",
        ),
    ],
)
def test_the_lead_ins_of_list_items(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert _lead_ins(text) == expected


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("- item", ((0, "-"), frozenset())),
        ("  • item", ((2, "•"), frozenset())),
        ("\t* item", ((4, "*"), frozenset())),
        ("◦ item", ((0, "◦"), frozenset())),
        ("1. item", ((0, "1."), frozenset({1}))),
        ("12) item", ((0, "1)"), frozenset({12}))),
        ("(3) item", ((0, "(1)"), frozenset({3}))),
        ("b. item", ((0, "a."), frozenset({2}))),
        ("(c) item", ((0, "(a)"), frozenset({3}))),
        ("B) item", ((0, "A)"), frozenset({2}))),
        ("i. item", ((0, "a."), frozenset({1, 9}))),  # a Roman one, or the ninth letter
        ("(iv) item", ((0, "(a)"), frozenset({4}))),
        ("XII. item", ((0, "A."), frozenset({12}))),
        ("-item", None),  # no space after the marker
        ("*Level of Care*", None),
        ("**Criteria**", None),
        ("(1. item", None),
        ("DC. item", None),  # a word, not a numeral
        ("2024. The year", None),
        ("e.g. outpatient", None),
        ("The patient", None),
    ],
)
def test_list_markers(line: str, marker: tuple[tuple[int, str], frozenset[int]] | None) -> None:
    found = item_marker(line)
    assert (found[:2] if found else None) == marker


def test_the_medicare_lists() -> None:
    (f,) = policy_files([MEDICARE])
    shown = {pid: _shown(chain) for pid, chain in f.list_lead_ins.items()}
    excluded = (
        "The following services are excluded from the scope of intensive outpatient services "
        "defined in §1861(ff) of the Social Security Act:"
    )
    assert shown[MH + "reasons-for-denial/8"] == [excluded]  # "Vocational training."
    assert MH + "reasons-for-denial/9" not in shown  # the next paragraph
    content = (
        "Content – The recertification must specify that the patient requires a minimum of 9 "
        "hours of mental health treatment services per week and describe the following:"
    )
    docs = "[heading] Documentation Requirements and Physician Supervision"
    recert = MH + "documentation-requirements-and-physician-supervision/"
    requirements = "Physician Recertification Requirements:"
    # its items lost their indentation: labelled alike ("Timing – ..."), they are its items
    assert shown[recert + "3"] == [docs, requirements]  # "Signature – ..."
    assert shown[recert + "4"] == [docs, requirements]  # "Timing – ..."
    assert shown[recert + "5"] == [docs, requirements]  # "Content – ..."
    assert shown[recert + "6"] == [docs, requirements, content]
    assert shown[recert + "8"] == [docs, requirements, content]
    # "Treatment Plan: ..." is an item of neither Content nor the requirements
    assert shown[recert + "9"] == [docs]
    # a list after a page break lost its indentation: its items still carry the lead-in
    include = (
        "Items and services that can be included as part of the structured, multimodal "
        "active treatment program, identified in §1861(ff)(2) include:"
    )
    assert shown[MH + "covered-services/6"] == ["[heading] Covered Services", include]
    assert MH + "covered-services/11" not in shown  # the paragraph after the list
    criteria = (
        "If there is an absence of any applicable Medicare statutes, regulations, National or "
        "Local Coverage Determinations offering guidance, Optum utilizes adopted external "
        "criteria as follows:"
    )
    assert shown[USE + "20"] == [criteria]  # "Optum utilizes The ASAM Criteria ..."
    assert shown[USE + "16"] == [criteria, "Optum Behavioral Clinical Policies:"]
    assert shown[OTP + "6"] == [  # "HCPCS code G0137: ..."
        "Effective 01/01/2024:",
        "Medicare Benefit Policy Manual, Chapter 17: Opioid Treatment Programs (OTPs), "
        "§ 20 Definitions:",
    ]
    assert MH + "reasons-for-denial/5" not in shown  # a lead-in, not an item


def test_the_idaho_faq_has_no_lists() -> None:
    (f,) = policy_files(["optum-idaho-iop-faq.txt"])
    assert f.list_lead_ins == {}


def test_a_lead_in_is_verbatim_policy_text_outside_the_passage() -> None:
    for f in policy_files():
        passages = {p.passage_id: p for p in f.passages}
        for pid, chain in f.list_lead_ins.items():
            item = passages[pid]
            for lead_in in chain:
                if lead_in.kind == "heading":
                    assert lead_in.start is None and lead_in.passage_id is None
                    assert lead_in.text == item.section.rsplit(" > ", 1)[-1]
                    continue
                assert lead_in.start is not None and lead_in.end is not None
                assert lead_in.passage_id is not None
                holder = passages[lead_in.passage_id]
                # its words are in the passage that holds them, before the item
                assert holder.start <= lead_in.start < lead_in.end <= holder.end <= item.start
                words = f.text[lead_in.start : lead_in.end]
                assert lead_in.text == " ".join(readable(words).split()).strip(" *_")
                assert lead_in.text not in item.text


def test_the_passage_text_and_citations_are_unchanged_by_lead_ins() -> None:
    text = f"Coverage\n\n{LEAD}\n\n2. a physician certifies the need.\n"
    f = PolicyFile("x.txt", text)
    (lead, item) = f.passages
    assert item.text == "2. a physician certifies the need."
    assert text[item.start : item.end] == item.text
    (lead_in,) = f.list_lead_ins[item.passage_id]
    assert lead_in == LeadIn(LEAD, "line", lead.passage_id, lead.start, lead.end)
    # the dense records of the item are its own sentence; the lead-in is only embedded with it
    records = [c for c in f.chunks if c.passage.passage_id == item.passage_id]
    assert {c.text for c in records} == {item.text}
    assert [c.embed_text for c in records] == [
        f"Coverage\n{LEAD}\n2. a physician certifies the need.",
        "Coverage\n2. a physician certifies the need.",
    ]
