"""A printed message thread (secure messages, e-mail): each message's header (From / Sent /
To / Subject) bounds the records of its body, a reply's quotation ("> " before each line)
is read as the message it quotes (the same sessions, once), and a message with the
standing schedule is no session."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from core.data import Document, DocumentKind, Page
from core.facts import Attendance, ServiceKind
from extract.deterministic.extractor import DeterministicExtractor
from extract.deterministic.sessions import read_document
from extract.layout import layout_of
from extract.layout.text import unquoted
from extract.records import service_records
from extract.records.messages import message_headers
from tests.chartdocs import chart_doc

T = dt.time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quoted block: the marks become blanks, offsets stay
        ("> a\n>\n> b\nc\n", "  a\n \n  b\nc\n"),
        # a quotation within a quotation
        ("> > a\n>> b\n> c\n", "    a\n   b\n  c\n"),
        # fewer than three marked lines in a row: no quotation
        ("> a\nb\n> c\n", "> a\nb\n> c\n"),
        # a ">" inside a line is no mark; nor is one glued to a word
        ("a > b\n>x\n>y\n>z\n", "a > b\n>x\n>y\n>z\n"),
    ],
)
def test_quotation_marks_are_blanked_in_place(text: str, expected: str) -> None:
    out = unquoted(text)
    assert out == expected
    assert len(out) == len(text)


MESSAGE = (
    "From: Harold Delacroix <hd@example.org>\n"
    "Sent: Tuesday, September 23, 2025 6:58 PM\n"
    "To: Imani Castillo <ic@example.org>\n"
    "Subject: IOP notes - week of 9/15\n"
    "\n"
    "Mon 9/15: Imani attended Process Group (group therapy) 9:30 AM-11:00 AM, 4 clients in\n"
    "group; attended Psychoeducation Group (psychoeducation group) 11:30 AM-12:45 PM. Client\n"
    "engaged.\n"
    "\n"
    "-- Harold Delacroix, LCPC\n"
)
THREAD = (
    "Secure Messaging - Conversation printout, year 2025\n"
    "\n" + "_" * 60 + "\n" + "From: Imani Castillo <ic@example.org>\n"
    "Sent: Thursday, September 25, 2025 2:11 PM\n"
    "To: Harold Delacroix <hd@example.org>\n"
    "Subject: RE: IOP notes - week of 9/15\n"
    "\n"
    "Thanks - reviewed and co-signed.\n"
    "\n"
    + "".join(
        f"> {line}\n" if line else ">\n"
        for line in ["-----Original Message-----", *MESSAGE.splitlines()]
    )
    + "\n"
    + "_" * 60
    + "\n"
    + MESSAGE
)


def test_message_headers_are_found_with_the_rule_or_title_above() -> None:
    layout = layout_of(chart_doc(THREAD).document)
    lines = [layout.text[ln.cstart : ln.cend] for ln in layout.lines]
    found = message_headers(layout)
    assert [(lines[a][:14], lines[b][:9]) for a, b in found] == [
        ("_" * 14, "Subject: "),
        ("-----Original ", "Subject: "),
        ("_" * 14, "Subject: "),
    ]


def test_a_note_ends_before_the_next_message_header() -> None:
    layout = layout_of(chart_doc(THREAD).document)
    text = layout.text
    notes = service_records(layout).notes
    assert len(notes) == 2
    for note in notes:
        # each day's note runs to its message's signature, not into the next message
        assert text[layout.lines[note.last].cstart : layout.lines[note.last].cend] == (
            "-- Harold Delacroix, LCPC"
        )


def test_a_quoted_reply_documents_the_same_sessions_once() -> None:
    document = Document(
        document_id=hashlib.sha256(THREAD.encode()).hexdigest(),
        filename="thread.txt",
        media_type="text/plain",
        pages=(Page(number=1, text=THREAD),),
        kind=DocumentKind.OTHER,
    )
    sessions = DeterministicExtractor().extract([document]).facts.sessions
    assert [(s.date, s.service_kind, s.start, s.end, s.attendance) for s in sessions] == [
        (
            dt.date(2025, 9, 15),
            ServiceKind.GROUP_PSYCHOTHERAPY,
            T(9, 30),
            T(11),
            Attendance.ATTENDED,
        ),
        (
            dt.date(2025, 9, 15),
            ServiceKind.GROUP_EDUCATION,
            T(11, 30),
            T(12, 45),
            Attendance.ATTENDED,
        ),
    ]
    # each session rests on both copies: the quoted one and the original
    quoted = THREAD.index("9:30 AM-11:00 AM")
    original = THREAD.rindex("9:30 AM-11:00 AM")
    assert [e.start for e in sessions[0].slot_evidence("start")] == [quoted]
    assert {quoted, original} <= {e.start for e in sessions[0].evidence}


def test_a_missed_list_takes_how_it_was_missed_from_the_sentence_before() -> None:
    text = (
        "Notes for the week, 2025\n"
        "\n"
        "Tue 12/2/2025: Imani cancelled (called in sick). Missed: Interpersonal Process Group\n"
        "(group therapy) 9:30 AM-11:00 AM; Psychoeducation Group (psychoeducation group)\n"
        "11:30 AM-12:45 PM; Relapse Prevention Group (group therapy) 1:00 PM-2:00 PM.\n"
    )
    sessions, _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    at = text.index("cancelled")
    assert [(s.service_kind, s.start, s.end, s.attendance) for s in sessions] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, T(9, 30), T(11), Attendance.CANCELLED),
        (ServiceKind.GROUP_EDUCATION, T(11, 30), T(12, 45), Attendance.CANCELLED),
        (ServiceKind.GROUP_PSYCHOTHERAPY, T(13), T(14), Attendance.CANCELLED),
    ]
    for s in sessions:
        assert [(e.start, e.end) for e in s.slot_evidence("attendance")] == [(at, at + 9)]


def test_services_of_soft_wrapped_lines_are_the_sentence_s() -> None:
    """Wrapped lines that begin with a service and its time are not a list of services
    when the note's first line names one too: every service of the sentence is read."""
    text = (
        "Mon 3/3/2025: Quinn attended CBT Group (group therapy) 9-10am, 7 clients in group; attended\n"
        "Psychoeducation Group (psychoeducation group) 10:10-11:10am, 10 clients in group; attended\n"
        "Interpersonal Process Group (group therapy) 11:20am-12:20pm by video and left early at\n"
        "12:05pm, 5 clients in group. Didactic on sleep hygiene.\n"
    )
    sessions, _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert [(s.service_kind, s.start, s.end, s.minutes) for s in sessions] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, T(9), T(10), 60),
        (ServiceKind.GROUP_EDUCATION, T(10, 10), T(11, 10), 60),
        # the member left early at 12:05, on the next line
        (ServiceKind.GROUP_PSYCHOTHERAPY, T(11, 20), T(12, 20), 45),
    ]
    left = text.index("12:05pm")
    assert [(e.start, e.end) for e in sessions[2].slot_evidence("member_end")] == [
        (left, left + len("12:05pm"))
    ]


def test_a_label_after_a_sentence_that_runs_on_keeps_the_sentence_whole() -> None:
    text = (
        "Wed 2/12/2025: Nia attended Group Psychotherapy (group therapy) from half past five until\n"
        "seven in the evening; attended Psychoeducation Group (psychoeducation group) from ten\n"
        "past seven until twenty to nine in the evening. Topic: coping with shame.\n"
    )
    sessions, _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert [(s.service_kind, s.start, s.end) for s in sessions] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, T(17, 30), T(19)),
        (ServiceKind.GROUP_EDUCATION, T(19, 10), T(20, 40)),
    ]


def test_a_schedule_under_a_lead_in_is_no_unread_record() -> None:
    text = (
        "Hi Quinn, welcome! Your first day is Monday, March 3, 2025.\n"
        "Each program day is scheduled as:\n"
        "  9:00 AM-10:00 AM  Process Group\n"
        "  10:10 AM-11:10 AM  Psychoeducation Group\n"
        "Please call if you cannot attend.\n"
    )
    sessions, unread = read_document(chart_doc(text))
    assert sessions == []
    assert unread == []


@pytest.mark.parametrize(
    ("text", "quote", "begins", "ends"),
    [
        # the line ends inside the second clock: the range read whole, never "until ten"
        (
            "attended Psychoeducation Group from ten past ten until ten\n"
            "past eleven in the morning, 5 clients",
            "ten past ten until ten\npast eleven in the morning",
            T(10, 10),
            T(11, 10),
        ),
        # an hour and its minutes, the part of the day given by the second clock
        (
            "attended individual therapy from eight fifty-five until nine fifty-five in the "
            "evening\n",
            "eight fifty-five until nine fifty-five in the evening",
            T(20, 55),
            T(21, 55),
        ),
        # the line ends after a whole range: no clock goes on over it
        (
            "attended group from half past nine until ten\nto discuss coping skills",
            "half past nine until ten",
            T(9, 30),
            T(10),
        ),
    ],
)
def test_a_range_in_words_is_read_over_the_line_end(
    text: str, quote: str, begins: dt.time, ends: dt.time
) -> None:
    from extract.values.times import find_time_ranges

    eol = text.index("\n")
    (r,) = list(find_time_ranges(text, 0, eol))
    assert (r.start, r.end) == (text.index(quote), text.index(quote) + len(quote))
    assert (r.begins, r.ends) == (begins, ends)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the list ends with its sentence: the service after it is not missed
        (
            "Tue 12/2/2025: Imani cancelled (called in sick). Missed: Interpersonal Process Group\n"
            "(group therapy) 9:30 AM-11:00 AM. Attended Psychoeducation Group (psychoeducation\n"
            "group) 11:30 AM-12:45 PM.\n",
            [Attendance.CANCELLED, Attendance.ATTENDED],
        ),
        # the list ends with its line when the next line begins another unit
        (
            "Tue 12/2/2025 group day\n"
            "Process Group (group therapy) 9:30 AM-11:00 AM - attended\n"
            "Cancelled: the Friday outing\n"
            "Psychoeducation Group (psychoeducation group) 11:30 AM-12:45 PM - attended\n",
            [Attendance.ATTENDED, Attendance.ATTENDED],
        ),
    ],
)
def test_a_status_label_lists_only_the_services_of_its_sentence(
    text: str, expected: list[Attendance]
) -> None:
    sessions, _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert [s.attendance for s in sessions] == expected
