"""The weekly hours a certification states (extract/deterministic/plans.py weekly_hours and
the certification's hours_per_week), each with the exact span that states it: hours a week
in many wordings, hours a day times days a week, and hours that are not a week's."""

from __future__ import annotations

import pytest

from core.data import DocumentKind
from extract.deterministic.plans import extract_certification, weekly_hours
from tests.chartdocs import chart_doc

CERT_HEAD = "PHYSICIAN CERTIFICATION FOR IOP\nDate: 02/16/2026\n\nIntensity ordered:\n  "


@pytest.mark.parametrize(
    ("sentence", "quote", "hours"),
    [
        pytest.param(
            "3 program days x 3 hours (9 hrs/wk).",
            "3 program days x 3 hours",
            9.0,
            id="days-times-hours",
        ),
        pytest.param(
            "3 h/day on 4 days each week (12 h weekly) for the next 30 days.",
            "3 h/day on 4 days each week",
            12.0,
            id="hours-written-h",
        ),
        pytest.param(
            "She requires intensive outpatient services for at least 3 hours on each of 4 days "
            "weekly.",
            "3 hours on each of 4 days weekly",
            12.0,
            id="hours-on-each-of-days-weekly",
        ),
        pytest.param(
            "She requires not fewer than 10 hours of intensive outpatient treatment every week.",
            "not fewer than 10 hours of intensive outpatient treatment every week",
            10.0,
            id="every-week",
        ),
        pytest.param(
            "Twelve hours of treatment per week are medically necessary.",
            "Twelve hours of treatment per week",
            12.0,
            id="in-words",
        ),
        pytest.param(
            "He requires no fewer than nine (9) hours of programming in each calendar week.",
            "no fewer than nine (9) hours of programming in each calendar week",
            9.0,
            id="each-calendar-week",
        ),
        pytest.param(
            "I am certifying that she requires a\n  weekly minimum of 9 treatment hours.",
            "weekly minimum of 9 treatment hours",
            9.0,
            id="the-week-named-first-on-a-wrapped-line",
        ),
        pytest.param(
            "No fewer than 10 hours of programming a week (2.5 hours on Mon, Tue, Thu and Fri).",
            "No fewer than 10 hours of programming a week",
            10.0,
            id="a-week-then-hours-a-day",
        ),
    ],
)
def test_the_weekly_hours_and_their_span(sentence: str, quote: str, hours: float) -> None:
    text = CERT_HEAD + sentence + "\n"
    [cert] = extract_certification(chart_doc(text, kind=DocumentKind.CERTIFICATION))
    assert cert.hours_per_week == hours
    start, end, value = weekly_hours(text)[0]
    start += len(text[start:end]) - len(text[start:end].lstrip())  # the blanks before it
    assert (start, end, value) == (text.index(quote), text.index(quote) + len(quote), hours)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # the week is that of the nearest hours before it: "3 hours (9 hrs/wk)" is 9 a week
        pytest.param("Attends 3 hours (9 hrs/wk).", [(17, 25, 9.0)], id="nearest-hours"),
        # hours a night are not a week's, whatever follows
        pytest.param("Sleeps 6 hours a night, walks every week.", [], id="hours-a-night"),
        pytest.param(
            "Sleeps 6 hours per night and attends 9 hours of IOP per week.",
            [(36, 60, 9.0)],  # " 9 hours of IOP per week"
            id="a-night-then-a-week",
        ),
        pytest.param("Reports sleep 5-6 hours; appetite fair.", [], id="no-week"),
        # the upper end of a level's range is no prescribed figure; the order's is
        pytest.param(
            "Level 2.1 (9 to 19 hrs/wk range). Intensity: 9 hours per week.",
            [(44, 61, 9.0)],  # " 9 hours per week"
            id="a-range-then-the-figure",
        ),
    ],
)
def test_hours_that_are_not_a_weeks(sentence: str, found: list[tuple[int, int, float]]) -> None:
    assert weekly_hours(sentence) == found
