"""More forms of the member's age and date of birth, and ages that are not the member's
(the age a substance was first used) (extract/deterministic/member.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from extract.deterministic.member import extract_member
from tests.chartdocs import chart_doc

DATE = dt.date(2025, 10, 27)


def members(text: str) -> list[tuple[int | None, list[tuple[int, int, str]]]]:
    doc = chart_doc(text, kind=DocumentKind.INTAKE_EVALUATION, date=DATE)
    return [(m.age, [(e.start, e.end, e.quote) for e in m.evidence]) for m in extract_member(doc)]


@pytest.mark.parametrize(
    "text",
    [
        "Cannabis: first use age 13, daily use.",
        "First used age 12; now weekly.",
        "first use: age 13",
        "Alcohol: age of first use 13.",
        "Age of first use: 13",
        "She started drinking at age 15.",
        "Started drinking age 15, last drink 10/20/2025.",
        "Nicotine: began vaping age 14.",
        "Alcohol — onset age 14",
        "Cannabis - first use at age 13",
    ],
)
def test_age_of_first_use_is_not_the_members_age(text: str) -> None:
    assert members(text) == []


def test_member_age_beside_an_age_of_first_use() -> None:
    text = "Member is a 17-year-old male.\nCannabis: first use age 13, daily use.\n"
    quote = "17-year-old"
    start = text.index(quote)
    assert members(text) == [(17, [(start, start + len(quote), quote)])]


@pytest.mark.parametrize(
    ("text", "age", "quote"),
    [
        ("Member is a sixteen-year-old male.", 16, "sixteen-year-old"),
        ("A forty-two-year-old woman presents.", 42, "forty-two-year-old"),
        ("Member age: 42", 42, "Member age: 42"),
        ("Patient Age: 42", 42, "Patient Age: 42"),
        ("Age (years): 16", 16, "Age (years): 16"),
        ("He is 42 years of age.", 42, "42 years of age"),
        ("34-y/o male", 34, "34-y/o"),
    ],
)
def test_more_forms_of_the_members_age(text: str, age: int, quote: str) -> None:
    start = text.index(quote)
    assert members(text) == [(age, [(start, start + len(quote), quote)])]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Reyes, Jordan (DOB 04/12/2009)", "DOB 04/12/2009"),
        ("Date of birth 04/12/2009", "Date of birth 04/12/2009"),
        ("Name: J. Reyes   DOB 4/12/09   MRN 5521", "DOB 4/12/09"),
    ],
)
def test_date_of_birth_without_a_colon(text: str, quote: str) -> None:
    doc = chart_doc(text, kind=DocumentKind.INTAKE_EVALUATION, date=DATE)
    [member] = extract_member(doc)
    assert member.date_of_birth == dt.date(2009, 4, 12)
    start = text.index(quote)
    assert [(e.start, e.end, e.quote) for e in member.evidence] == [
        (start, start + len(quote), quote)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "DOB 04/12/2030",
        "Her son (DOB: pending) is 4.",
        "At 15 years of age she began using cannabis.",
    ],
)
def test_no_member_fact(text: str) -> None:
    assert members(text) == []
