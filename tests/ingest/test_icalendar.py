"""iCalendar files (ingest/formats/ics.py, RFC 5545): content lines unfolded and decoded by
the standard, viewed as a table of events, loaded as chart documents (.ics, .ical),
refused with a reason when malformed, and reviewed with
evidence that quotes the viewed text at its offsets: a cancelled event, an all-day
closure, a recurring schedule, another client's event and times in UTC."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.facts import Session, UnreadRecord
from core.grounding import evidence_problem, iter_evidence
from ingest.formats.ics import TITLE, render_ics
from ingest.loader import load_chart
from pipeline.review import review_chart
from tests.chartdocs import grounded_sessions, slot_spans, span


def cal(*lines: str) -> str:
    """A calendar of ``lines`` (already folded as a test wants them), CRLF line ends."""
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *lines, "END:VCALENDAR"]) + "\r\n"


def event(*lines: str) -> tuple[str, ...]:
    return ("BEGIN:VEVENT", "UID:u1@example.org", "DTSTAMP:20250401T120000Z", *lines, "END:VEVENT")


# --------------------------------------------------------------------------- values

VALUE_CASES = [
    # (content lines of one event, the column, its cell)
    pytest.param(
        (
            "SUMMARY:CBT Gro",
            " up",
        ),
        "Summary",
        "CBT Group",
        id="folded-space",
    ),
    pytest.param(
        (
            "SUMMARY:CBT Gro",
            "\tup",
        ),
        "Summary",
        "CBT Group",
        id="folded-tab",
    ),
    pytest.param(
        ("DESCRIPTION:coping\\, stress\\; a\\\\b\\nPlan: continue\\N",),
        "Description",
        "coping, stress; a\\b Plan: continue",
        id="text-escapes",
    ),
    pytest.param(
        ('ORGANIZER;CN="Lee, Ann: LCSW";ROLE=CHAIR:mailto:alee@example.org',),
        "Organizer",
        "Lee, Ann: LCSW (CHAIR)",
        id="quoted-parameter-with-colon",
    ),
    pytest.param(
        ("ORGANIZER;CN=Ann ^'Annie^' Lee:mailto:alee@example.org",),
        "Organizer",
        'Ann "Annie" Lee',
        id="rfc6868-parameter-escape",
    ),
    pytest.param(
        ("ATTENDEE;PARTSTAT=DECLINED:mailto:jroe@example.org",),
        "Attendee",
        "jroe@example.org (DECLINED)",
        id="attendee-without-name",
    ),
    pytest.param(
        ("ATTENDEE;CN=Bo Diaz, RN;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:b@example.org",),
        "Chair",
        "Bo Diaz, RN (CHAIR, ACCEPTED)",
        id="chair-attendee",
    ),
    pytest.param(
        ("DTSTART;TZID=America/Chicago:20250303T090000",),
        "Start",
        "2025-03-03T09:00",
        id="tzid-local",
    ),
    pytest.param(("DTSTART:20250303T150000Z",), "Start", "2025-03-03T15:00Z", id="utc"),
    pytest.param(("DTSTART:20250303T090030",), "Start", "2025-03-03T09:00:30", id="floating"),
    pytest.param(("DTSTART;VALUE=DATE:20250305",), "Start", "2025-03-05", id="all-day-date"),
    pytest.param(("DTSTART:20250305",), "Start", "2025-03-05", id="bare-date"),
    pytest.param(("DURATION:PT1H30M",), "Duration", "PT1H30M", id="duration-as-written"),
    pytest.param(("CATEGORIES:IOP,GROUP\\,A",), "Categories", "IOP, GROUP,A", id="text-list"),
    pytest.param(("STATUS:TENTATIVE",), "Status", "TENTATIVE", id="status"),
    pytest.param(
        ("X-EHR-VISIT-STATUS:No Show",), "EHR.VISIT.STATUS", "No Show", id="extension-name"
    ),
    pytest.param(
        ("X-EHR-ARRIVED;TZID=America/Chicago:20250303T094000",),
        "EHR.ARRIVED",
        "2025-03-03T09:40",
        id="extension-date-time",
    ),
]


@pytest.mark.parametrize(("lines", "column", "cell"), VALUE_CASES)
def test_a_property_is_a_column_of_its_value_as_a_viewer_shows_it(
    lines: tuple[str, ...], column: str, cell: str
) -> None:
    text = render_ics(cal(*event(*lines)))
    header, row = text.split("\n")[-3:-1]
    assert dict(zip(header.split("\t"), row.split("\t"), strict=True)) == {column: cell}


def test_a_calendar_is_its_properties_then_its_events_then_its_schedule() -> None:
    """Identifiers and bookkeeping hidden, alarms left out, a time zone named once, a
    recurring event apart as a schedule; the whole text exactly."""
    text = render_ics(
        cal(
            "PRODID:-//Clinic//EN",
            "X-WR-CALNAME:Roe\\, Jane",
            "X-WR-TIMEZONE:America/Chicago",
            "BEGIN:VTIMEZONE",
            "TZID:America/Chicago",
            "BEGIN:STANDARD",
            "DTSTART:19701101T020000",
            "TZOFFSETFROM:-0500",
            "TZOFFSETTO:-0600",
            "END:STANDARD",
            "END:VTIMEZONE",
            *event(
                "DTSTART;TZID=America/Chicago:20250303T090000",
                "RRULE:FREQ=WEEKLY;BYDAY=MO",
                "SUMMARY:IOP hours",
            ),
            *event(
                "DTSTART;TZID=America/Chicago:20250303T090000",
                "DTEND;TZID=America/Chicago:20250303T103000",
                "SUMMARY:CBT Group",
                "BEGIN:VALARM",
                "TRIGGER:-PT15M",
                "ACTION:DISPLAY",
                "END:VALARM",
            ),
        )
    )
    assert text == (
        f"{TITLE}\n"
        "Calendar name: Roe, Jane\n"
        "Time zone: America/Chicago\n"
        "\n"
        "Events\n"
        "Start\tEnd\tSummary\n"
        "2025-03-03T09:00\t2025-03-03T10:30\tCBT Group\n"
        "\n"
        "Recurring events (schedule)\n"
        "Start\tRecurrence rule\tSummary\n"
        "2025-03-03T09:00\tFREQ=WEEKLY;BYDAY=MO\tIOP hours\n"
    )


MALFORMED = [
    pytest.param("BEGIN:VEVENT\r\nEND:VEVENT\r\n", "begins with BEGIN:VCALENDAR", id="no-calendar"),
    pytest.param("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "does not end", id="unclosed"),
    pytest.param(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
        "line 3 ends a component that is not open",
        id="mismatched-end",
    ),
    pytest.param(
        "BEGIN:VCALENDAR\r\nSUMMARY group at nine\r\nEND:VCALENDAR\r\n",
        "line 2 is not a content line",
        id="no-colon",
    ),
    pytest.param(
        'BEGIN:VCALENDAR\r\nORGANIZER;CN="Lee:mailto:x\r\nEND:VCALENDAR\r\n',
        "unclosed quoted parameter",
        id="unclosed-quote",
    ),
    pytest.param(
        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        "after the calendar ended",
        id="two-calendars",
    ),
]


@pytest.mark.parametrize(("data", "reason"), MALFORMED)
def test_a_malformed_calendar_is_refused_saying_why(data: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        render_ics(data)


def test_deep_nesting_is_refused_in_bounded_depth() -> None:
    data = "BEGIN:VCALENDAR\r\n" + "BEGIN:X\r\n" * 40 + "END:X\r\n" * 40 + "END:VCALENDAR\r\n"
    with pytest.raises(ValueError, match="nest deeper"):
        render_ics(data)


def test_a_malformed_ics_file_is_an_input_error_that_quotes_nothing(tmp_path: Path) -> None:
    (tmp_path / "cal.ics").write_text("BEGIN:VCALENDAR\r\nSUMMARY Jane Roe\r\n", "utf-8")
    result = load_chart([tmp_path / "cal.ics"])
    assert result.documents == ()
    (error,) = result.errors
    assert error.reason.startswith("is not a readable iCalendar file")
    assert "(line 2 is not a content line (NAME:value))" in error.reason
    assert "Jane" not in error.reason


def test_a_calendar_saved_as_text_stays_the_text_it_is(tmp_path: Path) -> None:
    """Only a calendar file (.ics, .ical) is read as a calendar: one saved as text keeps
    its lines as written, which quotes of it point into (as JSON saved as text does)."""
    path = tmp_path / "export.txt"
    data = cal(*event("SUMMARY:CBT Group"))
    path.write_text(data, "utf-8")
    (document,) = load_chart([path]).documents
    assert document.pages[0].text == data.replace("\r\n", "\n")


# --------------------------------------------------------------------------- review

FOLDED = "SUMMARY:CBT Group (Group Psychotherapy 9085"  # the code folds onto the next line
CALENDAR = cal(
    "X-WR-CALNAME:Roe\\, Jane (H51724700) - IOP appointments",
    "X-WR-CALDESC:Exported for Jane Roe\\, DOB 06/08/1992.",
    "X-WR-TIMEZONE:America/Chicago",
    # a kept group, its summary folded inside the code
    *event(
        "DTSTART;TZID=America/Chicago:20250303T090000",
        "DTEND;TZID=America/Chicago:20250303T103000",
        FOLDED,
        " 3)",
        "STATUS:CONFIRMED",
        'ORGANIZER;CN="Ann Lee, LCSW":mailto:alee@example.org',
        "ATTENDEE;CN=Jane Roe;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:jr@example.org",
        "X-EHR-VISIT-STATUS:Kept",
        "DESCRIPTION:Topic: coping\\, stress\\; client engaged.",
    ),
    # cancelled, in UTC with a duration (15:00Z is 09:00 in Chicago in March, before DST)
    *event(
        "DTSTART:20250304T150000Z",
        "DURATION:PT1H30M",
        "SUMMARY:Process Group (Group Psychotherapy 90853)",
        "STATUS:CANCELLED",
        'ORGANIZER;CN="Ann Lee, LCSW":mailto:alee@example.org',
        "ATTENDEE;CN=Jane Roe;PARTSTAT=DECLINED:mailto:jr@example.org",
    ),
    # an all-day closure: a date, no times, no service
    *event(
        "DTSTART;VALUE=DATE:20250305",
        "DTEND;VALUE=DATE:20250306",
        "SUMMARY:PROGRAM CLOSED - holiday",
    ),
    # the standing schedule: never expanded into sessions
    *event(
        "DTSTART;TZID=America/Chicago:20250303T090000",
        "DTEND;TZID=America/Chicago:20250303T120000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20250331T235959Z",
        "SUMMARY:IOP group block (Group Psychotherapy 90853)",
    ),
    # another client's appointment
    *event(
        "DTSTART;TZID=America/Chicago:20250306T090000",
        "DTEND;TZID=America/Chicago:20250306T100000",
        "SUMMARY:Individual Therapy - CPT 90834",
        'ORGANIZER;CN="Ann Lee, LCSW":mailto:alee@example.org',
        "ATTENDEE;CN=John Poe;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:jp@example.org",
        "X-EHR-VISIT-STATUS:Kept",
    ),
    # the member's own, in UTC: arrived ten minutes late
    *event(
        "DTSTART:20250307T150000Z",
        "DTEND:20250307T160000Z",
        "SUMMARY:Individual Therapy - CPT 90834",
        'ORGANIZER;CN="Ann Lee, LCSW":mailto:alee@example.org',
        "ATTENDEE;CN=Jane Roe;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:jr@example.org",
        "X-EHR-VISIT-STATUS:Kept",
        "X-EHR-ARRIVED:20250307T151000Z",
    ),
)


def _review(tmp_path: Path, data: str) -> tuple[list[Session], tuple[UnreadRecord, ...], str]:
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "roe_appointments.ics").write_bytes(data.encode("utf-8"))
    review = review_chart([chart], policy="medicare-iop")
    (document,) = review.documents
    assert document.media_type == "text/calendar"
    docs = {document.document_id: document}
    text = document.pages[0].text
    for ev in iter_evidence(review.record.facts):
        assert evidence_problem(ev, docs) is None
        assert text[ev.start : ev.end] == ev.quote
    sessions = sorted(review.record.facts.sessions, key=lambda s: s.date)
    return sessions, tuple(review.record.unread), text


def test_events_are_sessions_with_quotes_at_their_offsets(tmp_path: Path) -> None:
    sessions, unread, text = _review(tmp_path, CALENDAR)
    got = [
        (s.date, s.start, s.end, s.minutes, s.service_kind.value, s.attendance.value)
        for s in sessions
    ]
    assert got == [
        (dt.date(2025, 3, 3), dt.time(9), dt.time(10, 30), 90.0, "group_psychotherapy", "attended"),
        (
            dt.date(2025, 3, 4),
            dt.time(9),
            dt.time(10, 30),
            90.0,
            "group_psychotherapy",
            "cancelled",
        ),
        (
            dt.date(2025, 3, 7),
            dt.time(9),
            dt.time(10),
            50.0,
            "individual_psychotherapy",
            "attended",
        ),
    ]
    # (the all-day closure names no attendee: a period of two dates and no time, it is
    # no service of anyone's, and no unread record either)
    assert unread == ()
    kept, cancelled, utc = sessions
    assert slot_spans(kept, "kind") == [span(text, "CBT Group (Group Psychotherapy 90853)")]
    assert slot_spans(kept, "start") == [span(text, "09:00", "\nEvents\n")]
    assert slot_spans(kept, "end") == [span(text, "10:30", "\nEvents\n")]
    assert slot_spans(kept, "attendance") == [span(text, "Kept")]
    assert slot_spans(kept, "facilitators") == [span(text, "Ann Lee, LCSW")]
    # a UTC clock is quoted as written, its local time the zone's
    assert slot_spans(cancelled, "start") == [span(text, "15:00Z", "2025-03-04T")]
    assert slot_spans(cancelled, "attendance") == [span(text, "CANCELLED")]
    assert slot_spans(utc, "date") == [span(text, "2025-03-07T15:00Z")]
    assert slot_spans(utc, "member_start") == [span(text, "2025-03-07T15:10Z")]
    assert utc.member_start == dt.time(9, 10)


def test_utc_times_without_a_stated_zone_are_never_read_as_local(tmp_path: Path) -> None:
    """Without the calendar's zone, "15:00Z" is no local clock: the local day where it is
    the same at every offset a program may have, no times, the length between the
    stamps; a stamp whose local day is not known ("08:00Z": the evening before in
    Hawaii) is listed unread."""
    late = event(
        "DTSTART:20250310T080000Z",
        "DTEND:20250310T090000Z",
        "SUMMARY:Individual Therapy - CPT 90834",
        "ATTENDEE;CN=Jane Roe:mailto:jr@example.org",
        "X-EHR-VISIT-STATUS:Kept",
    )
    data = CALENDAR.replace("X-WR-TIMEZONE:America/Chicago\r\n", "").replace(
        "END:VCALENDAR", "\r\n".join(late) + "\r\nEND:VCALENDAR"
    )
    sessions, unread, text = _review(tmp_path, data)
    assert [(s.date, s.start, s.end) for s in sessions] == [
        (dt.date(2025, 3, 3), dt.time(9), dt.time(10, 30)),
        (dt.date(2025, 3, 4), None, None),
        (dt.date(2025, 3, 7), None, None),
    ]
    assert [s.minutes for s in sessions[:2]] == [90.0, 90.0]
    row = next(line for line in text.split("\n") if line.startswith("2025-03-10T08:00Z"))
    assert (text.index(row), text.index(row) + len(row)) in [(u.start, u.end) for u in unread]


def test_events_of_attendees_none_known_as_the_member_are_unread(tmp_path: Path) -> None:
    """Two clients, each in half of the events, and no member named: whose events they
    are is not known."""
    data = cal(
        *event(
            "DTSTART;TZID=America/Chicago:20250303T090000",
            "DTEND;TZID=America/Chicago:20250303T100000",
            "SUMMARY:Individual Therapy - CPT 90834",
            "ATTENDEE;CN=Jane Roe:mailto:jr@example.org",
            "X-EHR-VISIT-STATUS:Kept",
        ),
        *event(
            "DTSTART;TZID=America/Chicago:20250304T090000",
            "DTEND;TZID=America/Chicago:20250304T100000",
            "SUMMARY:Individual Therapy - CPT 90834",
            "ATTENDEE;CN=John Poe:mailto:jp@example.org",
            "X-EHR-VISIT-STATUS:Kept",
        ),
    )
    sessions, unread, text = _review(tmp_path, data)
    assert sessions == []
    rows = [line for line in text.split("\n") if line.startswith("2025-03-0")]
    for row in rows:  # each row lies in an unread record (the row, or its whole table)
        start = text.index(row)
        assert any(u.start <= start and start + len(row) <= u.end for u in unread)


@pytest.mark.parametrize(
    ("attendees", "read"),
    [
        pytest.param(("6", "5", "7"), 3, id="head-counts-are-no-names"),
        pytest.param(("Jane Roe", "Jane Roe", "John Poe"), 2, id="another-client"),
        pytest.param(("Jane Roe / Ann Lee", "Jane Roe", "John Poe"), 2, id="group-events"),
        pytest.param(("Jane Roe / Ann Lee", "Jane Roe", "Ann Lee"), 0, id="two-in-most-rows"),
        # (the event that names no one may be either's: not read, as a list of several
        # clients' row whose client cell is blank, extract/records/clients.py)
        pytest.param(("Jane Roe", "John Poe", ""), 0, id="no-one-in-most-rows"),
    ],
)
def test_an_attendee_column_keeps_the_members_rows(
    attendees: tuple[str, str, str], read: int
) -> None:
    """The member is the one person named in most rows (the chart names no one); a row
    naming others is theirs; numbers are head counts, not people."""
    text = "Date\tStart\tEnd\tService\tAttendees\n" + "".join(
        f"2025-03-0{d}\t09:00\t10:30\tGroup Psychotherapy\t{who}\n"
        for d, who in zip((3, 4, 5), attendees, strict=True)
    )
    assert len(grounded_sessions(text)) == read


def test_a_recurring_event_with_a_status_is_unread_never_expanded(tmp_path: Path) -> None:
    """A weekly series the member accepted: which of its occurrences took place is not
    listed, so it is no session (not even its first) and is listed unread."""
    data = cal(
        "X-WR-TIMEZONE:America/Chicago",
        *event(
            "DTSTART;TZID=America/Chicago:20250303T090000",
            "DTEND;TZID=America/Chicago:20250303T120000",
            "RRULE:FREQ=WEEKLY;BYDAY=MO,WE",
            "SUMMARY:CBT Group (Group Psychotherapy 90853)",
            "STATUS:CONFIRMED",
            "ATTENDEE;CN=Jane Roe;PARTSTAT=ACCEPTED:mailto:jr@example.org",
        ),
    )
    sessions, unread, text = _review(tmp_path, data)
    assert sessions == []
    row = next(line for line in text.split("\n") if line.startswith("2025-03-03T09:00"))
    assert [(u.start, u.end) for u in unread] == [(text.index(row), text.index(row) + len(row))]
