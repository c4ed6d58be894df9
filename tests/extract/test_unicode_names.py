"""People's names in any script's letters, with apostrophes and hyphens ("Tomás", "Nguyễn",
"Zoë", "O'Neil", "D’Angelo", "Jean-Luc", "María José"; a letter and its accent as a
combining mark): facilitators, signers, the member and the clients of a list are read whole,
at offsets in the page text's characters (:mod:`extract.vocab.letters`)."""

from __future__ import annotations

import re

import pytest

from extract.layout import layout_of, reading_chart
from extract.records.clients import ClientRows, client_rows
from extract.values.legend import member_names
from extract.values.people import parse_person
from extract.vocab.letters import name_pattern
from tests.chartdocs import chart_doc, grounded_sessions, slot_spans, span

DECOMPOSED = "Tome\u0301s Rosenthal"  # "é" written as "e" and a combining acute accent


# (text, where the name begins, (start, end, name, credentials)) of the person read there
PEOPLE = [
    ("Facilitator: Tomás Rosenthal, LCSW", 13, (13, 34, "Tomás Rosenthal", ("LCSW",))),
    ("Facilitator: Zoë O'Neil-Brien, LPC", 13, (13, 34, "Zoë O'Neil-Brien", ("LPC",))),
    ("Signed: Jean-Luc D’Angelo, PhD", 8, (8, 30, "Jean-Luc D’Angelo", ("PhD",))),
    ("Co-facilitator: María José Núñez LMHC", 16, (16, 37, "María José Núñez", ("LMHC",))),
    ("Staff: NGUYỄN, THỊ LPC", 7, (7, 22, "NGUYỄN, THỊ", ("LPC",))),
    (f"Facilitator: {DECOMPOSED}, MD", 13, (13, 33, DECOMPOSED, ("MD",))),
    ("Facilitator: Łukasz Żółć, LCSW", 13, (13, 30, "Łukasz Żółć", ("LCSW",))),
]


@pytest.mark.parametrize(("text", "start", "want"), PEOPLE)
def test_a_persons_name_is_read_whole(
    text: str, start: int, want: tuple[int, int, str, tuple[str, ...]]
) -> None:
    p = parse_person(text, start, len(text))
    assert p is not None
    assert (p.start, p.end, p.name, p.credentials) == want
    assert text[p.start : p.end].startswith(want[2])


@pytest.mark.parametrize(
    "facilitator",
    ["Tomás Rosenthal, LCSW", "Zoë O'Neil, LPC", "Jean-Luc Ngô, LMHC", f"{DECOMPOSED}, MD"],
)
def test_a_sessions_facilitator_is_quoted_whole(facilitator: str) -> None:
    text = (
        "GROUP NOTE\n"
        "Date of service: 04/21/2025  Time: 09:00-10:30\n"
        "Service: Group psychotherapy\n"
        f"Facilitator: {facilitator}\n"
        "Attendance: Present\n"
    )
    (session,) = grounded_sessions(text)
    assert slot_spans(session, "facilitators") == [span(text, facilitator)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            "Client: María José Nguyễn\n",
            {"maría josé nguyễn", "nguyễn, maría josé"},
            id="member-label",
        ),
        pytest.param(
            "Bluestem IOP | Ó'Brien, Siobhán   MRN B82342109\n",
            {"ó'brien, siobhán", "siobhán ó'brien"},
            id="banner-before-an-identifier",
        ),
    ],
)
def test_the_members_name_in_any_letters(text: str, names: set[str]) -> None:
    with reading_chart():
        assert member_names(layout_of(chart_doc(text).document)) == names


SHEET = (
    "Copies of day sheets filed for Zoë Nguyễn  (MRN H44578325)\n"
    "CLINICIAN DAY SHEET\n"
    "Clinician: E. Beaumont, LMHC    Date: Mon 4/21/25\n"
    " Time          Client                 MRN        Svc     Un  St\n"
    " 9a-10a        ÑÚÑEZ, Ó.              H80466231  90853    0  NS\n"
    " 9a-10a        NGUYỄN, Z.             H44578325  90853    4  P\n"
    " 9a-10a        O'NEIL-ÅBERG, É.       K94948114  90853    4  P\n"
)


def test_clients_of_a_day_sheet_in_any_letters() -> None:
    with reading_chart():
        rows = client_rows(layout_of(chart_doc(SHEET).document))
    assert rows == ClientRows(frozenset({5}), frozenset({4, 6}), frozenset())


@pytest.mark.parametrize(
    ("pattern", "text", "match"),
    [
        (r"[\p{Lu}][\p{Ll}]+", "Zoë", "Zoë"),
        (r"[\p{Lu}][\p{Ll}]+", "zoë", None),
        (r"[\p{Lu}][\p{L}'’\-]+", "Ó'Brien-Ñúñez", "Ó'Brien-Ñúñez"),
        (r"[\p{L}]+", DECOMPOSED.split()[0], DECOMPOSED.split()[0]),
        (r"[\p{L}]+", "Anna2", "Anna"),
    ],
)
def test_name_pattern_letter_classes(pattern: str, text: str, match: str | None) -> None:
    m = re.match(name_pattern(pattern), text)
    assert (m.group(0) if m else None) == match
