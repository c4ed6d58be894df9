"""The member's arrival or departure written as a compact clock with its half of the day
("Pt arrived 115P.", extract/readers/when.py) is a clock, like "1:15P"; a lone number
("arrived 20 minutes late" reads as a length, never as a clock "20"). Exact offsets."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from extract.deterministic.sessions import read_document
from tests.chartdocs import chart_doc

NOTE = (
    "PROGRESS NOTE                           Date: 4.28.25\n"
    "Pt: Nakamura, Samir   DOB 7.23.97   Acct 77235\n"
    "Svc: grp psychotherapy (90853)\n"
    "Time: 1P-230P   Loc: office\n"
    "Staff: T. Brennan LICSW     Pts present: 8\n"
    "O: {told} Shared openly about stressors at home.\n"
    "P: Cont IOP, grps M/W/F 1P-415P.\n"
)


@pytest.mark.parametrize(
    ("told", "quote", "member"),
    [
        ("Pt arrived 115P.", "115P", (dt.time(13, 15), None)),
        ("Pt left early 215p.", "215p", (None, dt.time(14, 15))),
        ("Pt arrived 15 minutes late.", "15 minutes", (dt.time(13, 15), None)),
        # a number that is no clock: nothing read
        ("Pt arrived 115.", None, (None, None)),
    ],
)
def test_a_compact_clock_with_its_half_of_the_day_is_the_members_own(
    told: str, quote: str | None, member: tuple[dt.time | None, dt.time | None]
) -> None:
    text = NOTE.format(told=told)
    (s,), _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert (s.start, s.end, s.member_start, s.member_end) == (
        dt.time(13),
        dt.time(14, 30),
        *member,
    )
    if quote is not None:
        slot = "member_start" if member[0] is not None else "member_end"
        at = text.index(quote)
        assert [(e.start, e.end) for x in s.slots if x.slot == slot for e in x.evidence] == [
            (at, at + len(quote))
        ]
