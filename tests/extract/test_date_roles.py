"""Date roles by place (extract/records/dates.py): a date that begins a line after a row's
number leads an entry; a date wrapped onto its own line after a word like "by" ends the
sentence above (a goal's target), never leading an entry. Exact offsets."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.layout import layout_of
from extract.records.dates import DateRole, date_hits
from tests.chartdocs import chart_doc


@pytest.mark.parametrize(
    ("text", "quote", "role", "why"),
    [
        # a goal's target date wrapped onto its own line: the sentence's, not an entry's
        (
            "Your goal is to attend the Relapse Prevention Group by\n"
            "the thirtieth of September, 2025.\n",
            "the thirtieth of September, 2025",
            DateRole.OTHER,
            "by",
        ),
        (
            "Complete the safety plan by\n10/30/2025 with your therapist.\n",
            "10/30/2025",
            DateRole.OTHER,
            "by",
        ),
        # a dotted path's last name says whose date it is (an XML export's key path)
        ("Header.Client.DateOfBirth: 1986-07-22\n", "1986-07-22", DateRole.OTHER, "label"),
        ("Header.DateOfService: 2025-06-16\n", "2025-06-16", DateRole.SERVICE, ""),
        # a label ending with its colon above is that label's value, not a wrapped word
        ("Date of Service:\n10/07/2025\n", "10/07/2025", DateRole.SERVICE, ""),
        # a report's run stamp under its last page ("Run 08/31/2025 by ..."): when it was
        # printed, never a date of service leading the lines above it
        (
            "LATE ARRIVAL\n  Lee, Ann - Mon 08/25 09:00-10:30: arrived 09:10\n"
            "Run 08/31/2025 by program coordinator\n",
            "08/31/2025",
            DateRole.OTHER,
            "run",
        ),
        ("Run date: 09/02/2025\n", "09/02/2025", DateRole.OTHER, "label"),
        # a line of its own after a sentence that ends: a dated entry
        (
            "Group attended.\n10/07/2025 Process group 9:00-10:30 P\n",
            "10/07/2025",
            DateRole.LEAD,
            "",
        ),
    ],
)
def test_a_date_beginning_a_line_takes_the_role_of_its_place(
    text: str, quote: str, role: DateRole, why: str
) -> None:
    layout = layout_of(chart_doc(text).document)
    start = text.index(quote)
    hit = next(h for h in date_hits(layout) if h.start == start)
    assert (hit.end, hit.role, hit.why) == (start + len(quote), role, why)


def test_a_goal_date_wrapped_onto_its_line_dates_no_record() -> None:
    text = (
        "Your goal is to attend the Relapse Prevention Group by\n"
        "the thirtieth of September, 2025.\n"
    )
    hits = date_hits(layout_of(chart_doc(text).document))
    assert [(h.date, h.role) for h in hits] == [(dt.date(2025, 9, 30), DateRole.OTHER)]
