"""The member's documented IOP schedule (extract/deterministic/schedule.py), with exact
weekdays and spans."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from extract.deterministic.common import DocInput
from extract.deterministic.extractor import DeterministicExtractor
from extract.deterministic.schedule import extract_schedules, vocabulary
from tests.chartdocs import chart_doc

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def make_doc(text: str) -> DocInput:
    return chart_doc(text, kind=DocumentKind.TREATMENT_PLAN, date=dt.date(2025, 6, 3))


def read(text: str) -> list[tuple[tuple[int, ...], int, int, str]]:
    return [
        (f.weekdays, f.evidence[0].start, f.evidence[0].end, f.evidence[0].quote)
        for f in extract_schedules(make_doc(text))
    ]


@pytest.mark.parametrize(
    ("text", "weekdays", "start", "end", "quote"),
    [
        pytest.param(
            "Schedule: Mon/Wed/Thu 9:00 AM-12:00 PM\n",
            (MON, WED, THU), 0, 21, "Schedule: Mon/Wed/Thu",
            id="slash-abbreviations",
        ),
        pytest.param(
            "Orientation completed.\nIOP schedule: Monday, Wednesday and Thursday mornings\n",
            (MON, WED, THU), 23, 67, "IOP schedule: Monday, Wednesday and Thursday",
            id="names-list-with-and",
        ),
        pytest.param(
            "Attends M/W/Th, 3 hours per day.\n",
            (MON, WED, THU), 0, 14, "Attends M/W/Th",
            id="letters",
        ),
        pytest.param(
            "Program days: Tue-Thu\n",
            (TUE, WED, THU), 0, 21, "Program days: Tue-Thu",
            id="abbreviation-range",
        ),
        pytest.param(
            "Client will attend the adult IOP Tuesday through Thursday, 6-9 PM.\n",
            (TUE, WED, THU), 7, 57, "will attend the adult IOP Tuesday through Thursday",
            id="names-range-through",
        ),
        pytest.param(
            "Group schedule: M-F 9:00-12:00\n",
            (MON, TUE, WED, THU, FRI), 0, 19, "Group schedule: M-F",
            id="letter-range",
        ),
        pytest.param(
            "Schedule: M-F except Tuesday\n",
            (MON, WED, THU, FRI), 0, 28, "Schedule: M-F except Tuesday",
            id="range-with-exception",
        ),
        pytest.param(
            "Treatment schedule: MWF 10-1\n",
            (MON, WED, FRI), 0, 23, "Treatment schedule: MWF",
            id="compact-letters",
        ),
        pytest.param(
            "Schedule: T/Th evenings\n",
            (TUE, THU), 0, 14, "Schedule: T/Th",
            id="tuesday-thursday-letters",
        ),
        pytest.param(
            "Schedule: Tues., Thurs. & Sat.\n",
            (TUE, THU, SAT), 0, 30, "Schedule: Tues., Thurs. & Sat.",
            id="dotted-abbreviations",
        ),
        pytest.param(
            "Schedule: 3 days/week (Mon, Wed, Thu), 9 hours/week\n",
            (MON, WED, THU), 0, 36, "Schedule: 3 days/week (Mon, Wed, Thu",
            id="days-in-parentheses",
        ),
        pytest.param(
            "Schedule: Mondays and Wednesdays, 9-12\n",
            (MON, WED), 0, 32, "Schedule: Mondays and Wednesdays",
            id="plural-names",
        ),
        pytest.param(
            "Days of attendance: Sat-Sun\n",
            (SAT, SUN), 0, 27, "Days of attendance: Sat-Sun",
            id="weekend",
        ),
    ],
)  # fmt: skip
def test_schedule(text: str, weekdays: tuple[int, ...], start: int, end: int, quote: str) -> None:
    assert read(text) == [(weekdays, start, end, quote)]
    assert text[start:end] == quote


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("No set schedule; attends Mon/Wed when possible.\n", id="negated"),
        pytest.param("Client is unable to attend Mon/Wed/Thu groups.\n", id="unable"),
        pytest.param("Would attend Mon/Wed/Thu if transportation allows.\n", id="would"),
        pytest.param("Proposed schedule: Tue/Thu/Fri pending authorization.\n", id="proposed"),
        pytest.param("Previous schedule: Mon/Wed/Fri.\n", id="previous"),
        pytest.param("Work schedule: M-F 8-5.\n", id="work"),
        pytest.param("Attends AA Mon and Thu evenings.\n", id="aa-meetings"),
        pytest.param("Attends school Monday through Friday.\n", id="school"),
        pytest.param("Step-down schedule: Tue/Thu outpatient therapy.\n", id="step-down"),
        pytest.param("Next scheduled: Monday 06/09/2025 and Wednesday 06/11/2025\n", id="dates"),
        pytest.param("Schedule reviewed with client on Monday.\n", id="one-weekday"),
        pytest.param("Engagement: attended 7 of 7 scheduled groups.\n", id="no-weekdays"),
        pytest.param("Mon/Wed/Thu 9:00 AM-12:00 PM\n", id="no-label"),
        pytest.param("Program days: Thu-Mon\n", id="backwards-range"),
        pytest.param("No groups scheduled Thursday and Friday (holiday).\n", id="closed"),
        pytest.param("Attends TF-CBT group weekly.\n", id="not-a-weekday"),
        pytest.param("## Goals\nMon/Wed/Thu 9:00 AM-12:00 PM\n", id="heading-not-a-label"),
        pytest.param("## Schedule\nGroups meet Mon/Wed/Thu.\n", id="under-a-heading-not-leading"),
        pytest.param("## Schedule\nWork schedule: M-F 8-5.\n", id="under-a-heading-other"),
        pytest.param("IOP groups were held Mon and Wed.\n", id="program-without-hours"),
        pytest.param("IOP intake done; works Mon-Fri 8:00-5:00.\n", id="program-then-work"),
        pytest.param("IOP Mon/Wed/Thu with an evening 6-8 PM option\n", id="hours-not-next"),
        pytest.param("## Schedule\nTue/Sat 7:00 PM: AA meeting at First Church\n", id="aa"),
        pytest.param("## Weekly Schedule\nMon-Fri 8:00-5:00 works at the warehouse\n", id="job"),
        pytest.param(
            "History: completed IOP, Mon/Wed/Fri 6-9 PM, at Valley Clinic in 2019.\n",
            id="history",
        ),
        pytest.param("Family groups Tue/Thu 6-7 PM are open to parents.\n", id="other-groups"),
        pytest.param("- Mon/Wed 9-10 AM: outpatient therapy after discharge\n", id="aftercare"),
    ],
)
def test_not_a_schedule(text: str) -> None:
    assert read(text) == []


@pytest.mark.parametrize(
    ("text", "weekdays", "quote"),
    [
        (
            "Youth IOP Mon/Wed/Thu 3:30-6:30 PM: DBT-A Skills Group.\n",
            (MON, WED, THU),
            "IOP Mon/Wed/Thu",
        ),
        (
            "Admit to adult IOP, Mon/Wed/Thu 9:00 AM-12:00 PM.\n",
            (MON, WED, THU),
            "IOP, Mon/Wed/Thu",
        ),
        (
            "Intensive outpatient program Tuesday-Thursday, 1-4 PM\n",
            (TUE, WED, THU),
            "Intensive outpatient program Tuesday-Thursday",
        ),
        (
            "Admit to Transition-Age IOP on 10/14/2025: Tue/Wed/Thu 3:00-5:30 PM after school.\n",
            (TUE, WED, THU),
            "IOP on 10/14/2025: Tue/Wed/Thu",
        ),
    ],
)
def test_the_program_with_weekdays_and_its_hours(
    text: str, weekdays: tuple[int, ...], quote: str
) -> None:
    [found] = extract_schedules(make_doc(text))
    assert (found.weekdays, found.evidence[0].quote) == (weekdays, quote)
    start = text.index(quote)
    assert (found.evidence[0].start, found.evidence[0].end) == (start, start + len(quote))
    assert found.source == "deterministic:schedule.program_hours"


@pytest.mark.parametrize(
    ("text", "weekdays", "spans"),
    [
        pytest.param(
            "## Schedule\nMon/Wed/Thu 9:00 AM-12:00 PM: Process Group and CBT Skills Group;\n",
            (MON, WED, THU),
            [(3, 11, "Schedule"), (12, 23, "Mon/Wed/Thu")],
            id="markdown-heading",
        ),
        pytest.param(
            "PROGRAM SCHEDULE\n\n- Tuesday, Thursday 3:30-6:30 PM\n",
            (TUE, THU),
            [(0, 16, "PROGRAM SCHEDULE"), (20, 37, "Tuesday, Thursday")],
            id="caps-heading-and-bullet",
        ),
        pytest.param(
            "## Schedule\nPlease arrive 10 minutes early.\nMon/Wed/Thu 9:00 AM-12:00 PM\n",
            (MON, WED, THU),
            [(3, 11, "Schedule"), (44, 55, "Mon/Wed/Thu")],
            id="a-line-of-prose-between",
        ),
        pytest.param(
            "IOP schedule:\nM/W/F 9-12\n",
            (MON, WED, FRI),
            [(0, 12, "IOP schedule"), (14, 19, "M/W/F")],
            id="empty-label-above",
        ),
    ],
)
def test_a_line_led_by_weekdays_under_a_schedule_heading(
    text: str, weekdays: tuple[int, ...], spans: list[tuple[int, int, str]]
) -> None:
    [found] = extract_schedules(make_doc(text))
    assert found.weekdays == weekdays
    assert [(e.start, e.end, e.quote) for e in found.evidence] == spans
    assert all(text[a:b] == q for a, b, q in spans)
    assert found.source == "deterministic:schedule.heading"


def test_one_schedule_per_document_and_weekdays() -> None:
    text = "Schedule: Mon/Wed/Thu\nAttends Monday, Wednesday and Thursday.\nProgram days: Tue-Thu\n"
    assert read(text) == [
        ((MON, WED, THU), 0, 21, "Schedule: Mon/Wed/Thu"),
        ((TUE, WED, THU), 62, 83, "Program days: Tue-Thu"),
    ]


def test_the_extractor_collects_schedules() -> None:
    doc = make_doc("IOP schedule: Mon/Wed/Thu 9-12\n")
    result = DeterministicExtractor().extract([doc.document])
    assert [s.weekdays for s in result.facts.schedules] == [(MON, WED, THU)]
    assert result.facts.schedules[0].source == "deterministic:schedule.weekdays"


def test_vocabulary_names_seven_weekdays() -> None:
    assert len(vocabulary().weekdays) == 7
