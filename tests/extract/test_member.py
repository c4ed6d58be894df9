"""Member date of birth and age (extract/deterministic/member.py), with exact spans."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from extract.deterministic.common import DocInput
from extract.deterministic.member import extract_member
from tests.chartdocs import chart_doc

DATE = dt.date(2025, 3, 4)


def make_doc(text: str, date: dt.date | None = DATE) -> DocInput:
    """A one-page intake evaluation."""
    return chart_doc(text, kind=DocumentKind.INTAKE_EVALUATION, date=date)


@pytest.mark.parametrize(
    ("text", "dob", "age", "quote", "pattern"),
    [
        ("DOB: 04/12/1988", dt.date(1988, 4, 12), None, "DOB: 04/12/1988", "date_of_birth"),
        (
            "Date of Birth: April 12, 1988\n",
            dt.date(1988, 4, 12),
            None,
            "Date of Birth: April 12, 1988",
            "date_of_birth",
        ),
        ("| DOB | 04/12/1988 |", dt.date(1988, 4, 12), None, "DOB | 04/12/1988", "date_of_birth"),
        ("Age: 36", None, 36, "Age: 36", "age_field"),
        ("Age/Sex: 36/F", None, 36, "Age/Sex: 36", "age_field"),
        ("Member is a 36-year-old female.", None, 36, "36-year-old", "age_phrase"),
        ("A 36 year old woman presents.", None, 36, "36 year old", "age_phrase"),
        ("36 y/o M presents for intake.", None, 36, "36 y/o", "age_phrase"),
        ("Pt is 36 yo.", None, 36, "36 yo", "age_phrase"),
        ("Single, age 15, lives with mother.", None, 15, "age 15", "age_phrase"),
    ],
)
def test_one_form_each(
    text: str, dob: dt.date | None, age: int | None, quote: str, pattern: str
) -> None:
    [member] = extract_member(make_doc(text))
    assert (member.date_of_birth, member.age) == (dob, age)
    assert member.age_on == (DATE if age is not None else None)
    assert member.source == f"deterministic:member.{pattern}"
    start = text.index(quote)
    assert [(e.start, e.end, e.quote) for e in member.evidence] == [
        (start, start + len(quote), quote)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Lives with her 8-year-old son.",
        "She has a 36-year-old friend who visits.",
        "First hospitalized at age 15.",
        "Trauma when she was a 7-year-old.",
        "DOB: 04/12/2030",
        "Program serves ages 13-17.",
        "Depressed for 3 years.",
        "Dial-A-Ride takes riders aged 60 and over.",
        "Open to adults aged 18 or older.",
    ],
)
def test_not_the_member_or_not_an_age(text: str) -> None:
    assert extract_member(make_doc(text)) == []


def test_dob_and_age_of_one_document_make_one_member() -> None:
    text = "Patient: J. Doe   DOB: 04/12/1988   Age: 36\nDOB: 04/12/1988 (page header)"
    [member] = extract_member(make_doc(text))
    assert (member.date_of_birth, member.age, member.age_on) == (dt.date(1988, 4, 12), 36, DATE)
    assert [e.quote for e in member.evidence] == ["DOB: 04/12/1988", "DOB: 04/12/1988", "Age: 36"]
    assert [e.start for e in member.evidence] == [
        text.index("DOB"),
        text.rindex("DOB"),
        text.index("Age"),
    ]


def test_conflicting_values_are_separate_facts() -> None:
    text = "DOB: 04/12/1988\nDOB: 05/01/1990\nMember is a 36-year-old."
    facts = extract_member(make_doc(text))
    assert [(m.date_of_birth, m.age) for m in facts] == [
        (dt.date(1988, 4, 12), None),
        (dt.date(1990, 5, 1), None),
        (None, 36),
    ]


def test_age_without_a_document_date_has_no_age_on() -> None:
    [member] = extract_member(make_doc("Age: 36", date=None))
    assert (member.age, member.age_on) == (36, None)
