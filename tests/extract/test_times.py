"""Time ranges, clock times and durations: exact offsets and values (extract/deterministic/times.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.values.times import (
    find_clock_times,
    find_durations,
    find_time_ranges,
    resolve_within,
)

T = dt.time

# (text, the range's exact quote, start, end)
RANGES = [
    ("Time: 9:00 AM-12:00 PM today", "9:00 AM-12:00 PM", T(9), T(12)),
    ("Time: 9:00 am – 12:00 pm.", "9:00 am – 12:00 pm", T(9), T(12)),
    ("Group 9-12pm in room B", "9-12pm", T(9), T(12)),
    ("Group 1-3pm in room B", "1-3pm", T(13), T(15)),
    ("Group 11-1pm in room B", "11-1pm", T(11), T(13)),
    ("Session 9:00-10:30 (DBT)", "9:00-10:30", T(9), T(10, 30)),
    ("Session 1:00-3:00 (DBT)", "1:00-3:00", T(13), T(15)),
    ("Session 6:00-9:00 evening", "6:00-9:00", T(18), T(21)),
    ("Session 11:00-1:00 over lunch", "11:00-1:00", T(11), T(13)),
    ("Session 12:30-1:30", "12:30-1:30", T(12, 30), T(13, 30)),
    ("Time 0900-1200 hrs", "0900-1200 hrs", T(9), T(12)),
    ("Time 09:00 - 10:30", "09:00 - 10:30", T(9), T(10, 30)),
    ("Time 1300–1430", "1300–1430", T(13), T(14, 30)),
    ("from 9:00 AM to 12:00 PM.", "9:00 AM to 12:00 PM", T(9), T(12)),
    ("from 10 a.m. until noon", "10 a.m. until noon", T(10), T(12)),
    ("9am-12 group", "9am-12", T(9), T(12)),
    ("at 09:00-1:30", "09:00-1:30", T(9), T(13, 30)),
    ("- 09h00-10h30 Process group", "09h00-10h30", T(9), T(10, 30)),
    ("Group 9h00 - 10h30", "9h00 - 10h30", T(9), T(10, 30)),
    ("14h15 to 14h50 peer session", "14h15 to 14h50", T(14, 15), T(14, 50)),
    ("Time 09:00:00-10:30:00", "09:00:00-10:30:00", T(9), T(10, 30)),
    # in words; a bare hour only after "from" beside a clock in words; a part of the day
    # said before the range applies to both ends; a PDF's line break between words
    (
        "from a quarter to three to a quarter past four.",
        "a quarter to three to a quarter past four",
        T(14, 45),
        T(16, 15),
    ),
    ("held in the afternoon, from one to half past two.", "one to half past two", T(13), T(14, 30)),
    (
        "in the evening, from ten past seven to twenty to nine.",
        "ten past seven to twenty to nine",
        T(19, 10),
        T(20, 40),
    ),
    (
        "from half past five until seven in the evening",
        "half past five until seven in the evening",
        T(17, 30),
        T(19),
    ),
    (
        "ran from half past twelve to 1:23 in the afternoon,",
        "half past twelve to 1:23 in the afternoon",
        T(12, 30),
        T(13, 23),
    ),
    ("from 9:00 to half past ten", "9:00 to half past ten", T(9), T(10, 30)),
    # minutes in words after the hour, each side with its part of the day
    (
        "ran from eleven twenty in the morning to twelve twenty in the afternoon.",
        "eleven twenty in the morning to twelve twenty in the afternoon",
        T(11, 20),
        T(12, 20),
    ),
    (
        "from five forty-five in the evening until seven oh five in the evening",
        "five forty-five in the evening until seven oh five in the evening",
        T(17, 45),
        T(19, 5),
    ),
    # hours in digits with the part of the day after the range
    ("Group met from 9 to 10 in the morning.", "9 to 10 in the morning", T(9), T(10)),
    ("from 2 to 4 in the afternoon", "2 to 4 in the afternoon", T(14), T(16)),
    ("Process Group, 9 to 10 in the morning (", "9 to 10 in the morning", T(9), T(10)),
    # the start takes its part of the day from the end; twelve in the morning is noon
    ("CBT Group, 11 to 1 in the afternoon", "11 to 1 in the afternoon", T(11), T(13)),
    ("Group, 9 to 12 in the morning", "9 to 12 in the morning", T(9), T(12)),
    # clocks in digits, each with its part of the day
    (
        "Group, 11:20 in the morning to 12:20 in the afternoon (",
        "11:20 in the morning to 12:20 in the afternoon",
        T(11, 20),
        T(12, 20),
    ),
    (
        "from a quarter\nto three to four o'clock",
        "a quarter\nto three to four o'clock",
        T(14, 45),
        T(16),
    ),
    # hours and minutes run together before am/pm
    ("Time: 9am-1030am", "9am-1030am", T(9), T(10, 30)),
    ("Time: 1245pm-130pm", "1245pm-130pm", T(12, 45), T(13, 30)),
    ("930a-11a group", "930a-11a", T(9, 30), T(11)),
    # shorthand: the last side's am/pm reads a first side run together or a bare hour
    ("  RG  930-11a   ✓ n8 MO", "930-11a", T(9, 30), T(11)),
    ("  EG  1115-12p  ✓ n9 KP", "1115-12p", T(11, 15), T(12)),
    ("  IC  10-1050a  ✓ VIDEO", "10-1050a", T(10), T(10, 50)),
    ("  ??  1-130p    ✓ (no staff)", "1-130p", T(13), T(13, 30)),
    # military hours with an "h" ("0900h"), French hours ("9h-10h30"), dotted ranges
    ("Time: 0900h-1030h", "0900h-1030h", T(9), T(10, 30)),
    ("Time: 9h-10h30", "9h-10h30", T(9), T(10, 30)),
    ("Time: 9h30-11h", "9h30-11h", T(9, 30), T(11)),
    ("09.00-10.30 Process group", "09.00-10.30", T(9), T(10, 30)),
    ("13.00 - 14.30", "13.00 - 14.30", T(13), T(14, 30)),
    # a range's word where the line wrapped: one line break beside it
    ("by video from 1300\nto 1430 hrs, facilitated", "1300\nto 1430 hrs", T(13), T(14, 30)),
    ("missed it from 1:00 to\n2:30 p.m. and", "1:00 to\n2:30 p.m.", T(13), T(14, 30)),
    ("from 2000 to 2130 hrs", "2000 to 2130 hrs", T(20), T(21, 30)),
]


@pytest.mark.parametrize(("text", "quote", "begins", "ends"), RANGES)
def test_time_ranges_exact_span_and_resolved_times(
    text: str, quote: str, begins: dt.time, ends: dt.time
) -> None:
    ranges = list(find_time_ranges(text))
    assert len(ranges) == 1
    r = ranges[0]
    assert (r.start, r.end) == (text.index(quote), text.index(quote) + len(quote))
    assert text[r.start : r.end] == quote
    assert (r.begins, r.ends) == (begins, ends)


@pytest.mark.parametrize(
    "text",
    [
        "ages 13-17",
        "Goal 1-2 met",
        "DOB 3-4-2025",
        "2025-03-04",
        "call 555-1212",
        "attends 2-3 times a week",
        "9-12",
        "01.02.2025-03.04.2025",  # dotted dates
        "$1.50-2.00",  # money
        "from 3 to 5 members",  # counts: no part of the day
        "ages from 9 to 10 in the study",
        "from 9 to 12 weeks",
        "DOB 2/16/2004 to 10 in the morning",
        "Client rated anxiety 7 to 8 in the morning",  # prose: no "from", no comma
        "Client reports drinking 2 to 3 in the evening.",
        "Group, 2 to 3 in the evening",  # no evening at 2
        "outpatient therapy 2021 to 2023.",  # a span of years
        "treated 2019-2024 at another clinic",
        "from 9:00\n\nto 10:00",  # a paragraph break is no wrapped range
        "9:00\n- 10:30 list item",  # a dash beginning a line begins an item
    ],
)
def test_strict_mode_rejects_number_ranges_that_are_not_times(text: str) -> None:
    assert list(find_time_ranges(text)) == []


@pytest.mark.parametrize(
    ("text", "quote", "begins", "ends"),
    [("9-12", "9-12", T(9), T(12)), ("6-9", "6-9", T(18), T(21)), ("1-4", "1-4", T(13), T(16))],
)
def test_loose_mode_reads_bare_hours(text: str, quote: str, begins: dt.time, ends: dt.time) -> None:
    (r,) = find_time_ranges(text, loose=True)
    assert text[r.start : r.end] == quote
    assert (r.begins, r.ends) == (begins, ends)


def test_range_offsets_respect_start_and_end_bounds() -> None:
    text = "9:00-10:00 then 1:00-2:00"
    (r,) = find_time_ranges(text, 11)
    assert (r.start, r.end) == (16, 25)
    assert (r.begins, r.ends) == (T(13), T(14))
    assert list(find_time_ranges(text, 0, 9)) == []


# (text, quote, value, loose)
CLOCKS = [
    ("arrived at 9:30.", "9:30", T(9, 30), False),
    ("arrived at 1:15 today", "1:15", T(13, 15), False),
    ("at 10 a.m. sharp", "10 a.m.", T(10), False),
    ("at 12:00 PM", "12:00 PM", T(12), False),
    ("at 12:00 AM", "12:00 AM", T(0), False),
    ("by noon", "noon", T(12), False),
    ("Start: 1300", "1300", T(13), True),
    ("Start: 9", "9", T(9), True),
    ("Start: 2", "2", T(14), True),
    ("Start: 2025-10-14T09:00:00-06:00", "09:00:00-06:00", T(9), True),  # ISO date-time
    ("Start: 2025-10-14T15:30:00Z", "15:30:00Z", T(15, 30), True),
    (
        "set for a quarter to five in the afternoon.",
        "a quarter to five in the afternoon",
        T(16, 45),
        False,
    ),
    ("began at one in the afternoon", "one in the afternoon", T(13), False),
    ("at half past nine in the morning", "half past nine in the morning", T(9, 30), False),
    ("left at a quarter to\ntwelve, thirty", "a quarter to\ntwelve", T(11, 45), False),
    ("left at twenty-five past eight", "twenty-five past eight", T(8, 25), False),
    ("starting at 10:45\na.m.", "10:45\na.m.", T(10, 45), False),
    ("at nine o'clock", "nine o'clock", T(9), False),
    # a dotted clock where a clock is expected ("in 10.05"); in free text "2.30" is a number
    ("in 10.05 (late)", "10.05", T(10, 5), True),
    ("out 14.45", "14.45", T(14, 45), True),
    # ... also ending a sentence ("arrived late, at 17.45.")
    ("arrived late, at 17.45.", "17.45", T(17, 45), True),
]


@pytest.mark.parametrize(("text", "quote", "value", "loose"), CLOCKS)
def test_clock_times(text: str, quote: str, value: dt.time, loose: bool) -> None:
    (c,) = find_clock_times(text, loose=loose)
    assert text[c.start : c.end] == quote
    assert c.value == value


@pytest.mark.parametrize(
    "text",
    [
        "Group size: 7",
        "afternoon",
        "dated 3/4/2025",
        "Start: 1300",
        # counts, not clocks in words
        "groups of ten to twelve members",
        "attended two of five groups",
        "one of the goals",
        "from one to three sessions",
        "Suite 200A",  # a room, not 2:00 am
        "took 2.30 hours",
    ],
)
def test_strict_clock_times_need_minutes_a_meridiem_or_noon(text: str) -> None:
    assert list(find_clock_times(text)) == []


def test_a_dotted_date_is_no_dotted_clock() -> None:
    assert list(find_clock_times("seen 12.10.2025", loose=True)) == []


def test_member_time_takes_the_reading_inside_the_session() -> None:
    (c,) = find_clock_times("left at 8:00", loose=True)
    assert c.value == T(8)  # alone: the day rule says morning
    assert resolve_within(c, T(18), T(21)) == T(20)  # inside a 6-9 PM session
    assert resolve_within(c, T(7), T(10)) == T(8)
    assert resolve_within(c, None, None) == T(8)


# (text, quote, minutes)
DURATIONS = [
    ("Duration: 180 min", "180 min", 180.0),
    ("for 90 minutes.", "90 minutes", 90.0),
    ("total 3 hrs", "3 hrs", 180.0),
    ("Duration: 1.5 hours", "1.5 hours", 90.0),
    ("lasted 1 hr 30 min", "1 hr 30 min", 90.0),
    ("lasted 1 hour and 30 minutes", "1 hour and 30 minutes", 90.0),
    ("lasted 1h30m", "1h30m", 90.0),
    ("Time: 9-12 (60 minutes)", "60 minutes", 60.0),
    ("the 3-hour DBT skills group", "3-hour", 180.0),
    ("a 90-minute session", "90-minute", 90.0),
    ("for three hours", "three hours", 180.0),
    ("for an hour", "an hour", 60.0),
    ("This ninety-minute group", "ninety-minute", 90),
    ("an hour and a half, starting", "an hour and a half", 90),
    ("one and a half hours", "one and a half hours", 90),
    ("an hour and fifteen minutes", "an hour and fifteen minutes", 75),
    ("half an hour", "half an hour", 30),
    ("A forty-five-minute session", "forty-five-minute", 45),
    ("ran for ninety\nminutes", "ninety\nminutes", 90),
    ("It lasted an hour and a quarter.", "an hour and a quarter", 75),
    ("It lasted three quarters of an hour.", "three quarters of an hour", 45),
    ("a quarter of an hour", "a quarter of an hour", 15),
    # ISO 8601 durations of data exports
    ("width PT1H30M", "PT1H30M", 90),
    ("duration: PT45M", "PT45M", 45),
]


@pytest.mark.parametrize(("text", "quote", "minutes"), DURATIONS)
def test_durations(text: str, quote: str, minutes: float) -> None:
    (d,) = find_durations(text)
    assert (d.start, d.end) == (text.index(quote), text.index(quote) + len(quote))
    assert d.minutes == minutes


@pytest.mark.parametrize(
    "text",
    [
        "7 members present",
        "60 mg daily",
        "1:30 hours",
        "plan hour",
        "in a minute",
        "11   H0015           1",  # a place of service, then a billing code
        "09h00",  # a clock
        "0900h",  # a clock in military hours, not 900 hours
        "Time: 9h-11h",  # a range's sides
        "2h - 3h group",  # a range or two lengths: no length either way
        "PT900H",  # longer than a day: no service's length
    ],
)
def test_not_durations(text: str) -> None:
    assert list(find_durations(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "2025-10-14T09:00:00-06:00",  # an ISO offset is no range's end
        "2025-10-14T09:00:00-06:00 - 2025-10-14T10:30:00-06:00",
    ],
)
def test_an_iso_date_time_holds_no_time_range(text: str) -> None:
    assert list(find_time_ranges(text)) == []
    assert list(find_durations(text)) == []


def test_no_hour_is_read_inside_an_iso_date() -> None:
    text = "2025-10-14T09:00:00-06:00"
    assert [text[c.start : c.end] for c in find_clock_times(text, loose=True)] == ["09:00:00-06:00"]


@pytest.mark.parametrize(
    ("text", "minutes"), [("1h30m", 90.0), ("1h 30m", 90.0), ("3 h", 180.0), ("09h00", None)]
)
def test_h_is_hours_unless_a_clocks_minutes_follow(text: str, minutes: float | None) -> None:
    assert [d.minutes for d in find_durations(text)] == ([minutes] if minutes else [])


@pytest.mark.parametrize(
    ("text", "quote", "value"),
    [
        ("low value=20251013090000-0600", "0900", T(9)),
        ("start: 202510131445", "1445", T(14, 45)),
    ],
)
def test_the_time_of_a_compact_timestamp(text: str, quote: str, value: dt.time) -> None:
    """HL7 / ISO 8601 basic timestamps ("YYYYMMDDHHMM[SS][+-ZZZZ]") hold a clock time;
    an ISO duration's hours are no clock ("PT1H30M")."""
    (c,) = find_clock_times(text, loose=True)
    assert (text[c.start : c.end], c.value) == (quote, value)
    assert list(find_clock_times("PT1H30M", loose=True)) == []


@pytest.mark.parametrize(
    ("text", "quote", "minutes"),
    [
        ("lasted an hour and a\n  half. You", "an hour and a\n  half", 90.0),
        ("for half an\nhour", "half an\nhour", 30.0),
        ("an hour and a\nquarter", "an hour and a\nquarter", 75.0),
        # a new paragraph is not the length's next word
        ("an hour.\n\nAnd a half", "an hour", 60.0),
    ],
)
def test_a_length_in_words_wrapped_onto_the_next_line(
    text: str, quote: str, minutes: float
) -> None:
    [d] = list(find_durations(text))
    assert (text[d.start : d.end], d.minutes) == (quote, minutes)
