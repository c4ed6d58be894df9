"""``--policy auto`` never guesses: a payer counts only when the chart says it (Idaho with
Medicaid, Medicare with its box checked), and the reason names the words it matched and
those it did not count, never other chart text."""

from __future__ import annotations

import hashlib

import pytest

from batch.choose import IDAHO_IOP, MEDICARE_IOP, MEDICARE_OTP_IOP, choose_pack
from core.data import Document, Page

MEMBER = "Marisol T. Okonkwo"


def _doc(text: str) -> Document:
    return Document(
        document_id=hashlib.sha256(text.encode()).hexdigest(),
        filename="face_sheet.txt",
        media_type="text/plain",
        pages=(Page(number=1, text=f"FACE SHEET\nPatient: {MEMBER}\n{text}\n"),),
    )


def _choose(*texts: str) -> tuple[str | None, str]:
    choice = choose_pack([_doc(t) for t in texts])
    assert MEMBER not in choice.reason and "FACE SHEET" not in choice.reason
    return choice.pack, choice.reason


@pytest.mark.parametrize(
    "text",
    [
        "Primary payer: Medicaid",
        "Primary payer: Oregon Medicaid",
        "Insurance: Medicaid (Washington)",
        "Payer: Optum",
    ],
)
def test_medicaid_or_optum_without_idaho_chooses_no_pack_and_says_why(text: str) -> None:
    pack, reason = _choose(text)
    assert pack is None
    assert "Idaho Medicaid payer named" not in reason
    assert "names no payer the packs cover" in reason
    assert 'without "Idaho" on the same line in 1 of 1 documents' in reason


def test_idaho_must_be_on_the_line_that_names_medicaid() -> None:
    pack, _ = _choose("Clinic address: 12 Main St, Boise, Idaho\nPrimary payer: Medicaid")
    assert pack is None


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("Primary payer: Idaho Medicaid", '"Idaho Medicaid" in 1 of 1 documents'),
        ("Payer: Optum Idaho", '"Optum Idaho" in 1 of 1 documents'),
        ("Payer: IDHW", '"IDHW" in 1 of 1 documents'),
        ("Payer: Medicaid (Idaho)", '"Medicaid" with "Idaho" on the same line in 1 of 1'),
        ("State: Idaho   Payer: Medicaid", '"Medicaid" with "Idaho" on the same line'),
    ],
)
def test_idaho_medicaid_is_chosen_with_the_words_matched(text: str, matched: str) -> None:
    pack, reason = _choose(text)
    assert pack == IDAHO_IOP
    assert reason.startswith("Idaho Medicaid payer named (")
    assert matched in reason


def test_mbi_alone_is_not_medicare() -> None:
    # "MBI": also mindfulness-based intervention in these charts
    pack, reason = _choose("Group: MBI skills, 60 minutes. Member engaged in MBI practice.")
    assert pack is None
    assert "MBI" not in reason


@pytest.mark.parametrize(
    "text",
    [
        "☐ Medicare ☒ Commercial",
        "[ ] Medicare [X] Commercial",
        "Payer: [ ] Medicare  [x] Commercial  [ ] Self-pay",
        "Medicare [ ]   Commercial [X]",
        "Medicare: ☐ Yes ☒ No",
        "✗ Medicare",
    ],
)
def test_an_unchecked_box_does_not_name_medicare(text: str) -> None:
    pack, reason = _choose(text)
    assert pack is None
    assert '"Medicare" beside a box not checked in 1 of 1 documents' in reason


@pytest.mark.parametrize(
    "text",
    [
        "☒ Medicare ☐ Commercial",
        "[X] Medicare [ ] Commercial",
        "[ ] Commercial [x] Medicare",
        "Medicare [X]   Commercial [ ]",
        "Medicare: ☒ Yes ☐ No",
        "Primary payer: Medicare Part B",
    ],
)
def test_a_checked_box_or_plain_text_names_medicare(text: str) -> None:
    pack, reason = _choose(text)
    assert pack == MEDICARE_IOP
    assert reason.startswith('Medicare payer named ("Medicare" in 1 of 1 documents)')


def test_an_unchecked_idaho_box_beside_a_checked_medicare_one() -> None:
    pack, reason = _choose("☐ Idaho Medicaid ☒ Medicare")
    assert pack == MEDICARE_IOP
    assert '"Idaho Medicaid" beside a box not checked' in reason


def test_both_payers_or_medicare_with_a_program_and_the_counts() -> None:
    pack, reason = _choose("Payer: Medicare", "Payer: Optum Idaho")
    assert pack is None and reason.startswith("names both Medicare")
    pack, reason = _choose("Payer: Medicare", "Program: OTP dosing", "Notes")
    assert pack == MEDICARE_OTP_IOP
    assert '"Medicare" in 1 of 3 documents' in reason and '"OTP" in 1 of 3' in reason
    pack, reason = _choose("Payer: Medicare", "Secondary: Medicaid")
    assert pack == MEDICARE_IOP  # the other state's Medicaid is told, not counted
    assert '"Medicaid" without "Idaho" on the same line in 1 of 2 documents' in reason
