"""Visit summaries told in sentences (issue 11): each service of the day with its own time
(a range, or a start and a length), a generic miss made specific after it, the member's
own arrival written as a dotted clock, and services no session was read from listed as
unread even when another session quotes their staff."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance, ServiceKind, Session
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.sessions import read_document
from extract.layout import layout_of
from tests.chartdocs import chart_doc

T = dt.time

DAY = (
    "Visit: Tuesday, October 21, 2025\n"
    "Visit narrative\n"
    "Yara attended Trauma Processing Group, from 9:00 AM for 60 minutes (in person;\n"
    "facilitated by Casey Marchetti, LMFT; 7 clients in group). Focus: grounding.\n"
    "Yara attended Psychoeducation Group, from 19.10 for 90 minutes (facilitated by Jordan\n"
    "Ferreira, LCSW). Focus: sleep hygiene.\n"
    "Plan: continue IOP.\n"
)


def _read(text: str) -> tuple[list[Session], list[tuple[int, int]]]:
    doc = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE)
    sessions, unread = read_document(doc)
    docs = {doc.document.document_id: doc.document}
    for s in sessions:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, docs) is None
    return sessions, [(u.start, u.end) for u in unread]


def _slot(s: Session, name: str) -> list[tuple[int, int]]:
    return [(ev.start, ev.end) for x in s.slots if x.slot == name for ev in x.evidence]


def _at(text: str, quote: str) -> tuple[int, int]:
    return text.index(quote), text.index(quote) + len(quote)


def test_services_told_with_a_start_and_a_length_are_a_part_each() -> None:
    sessions, unread = _read(DAY)
    assert [
        (s.service_kind, s.attendance, s.start, s.stated_minutes, s.source) for s in sessions
    ] == [
        (
            ServiceKind.GROUP_PSYCHOTHERAPY,
            Attendance.ATTENDED,
            T(9),
            60.0,
            "deterministic:records.note.labeled.inline",
        ),
        (
            ServiceKind.GROUP_EDUCATION,
            Attendance.ATTENDED,
            T(19, 10),
            90.0,
            "deterministic:records.note.labeled.inline",
        ),
    ]
    first, second = sessions
    assert _slot(first, "kind") == [_at(DAY, "Trauma Processing Group")]
    assert _slot(first, "minutes") == [_at(DAY, "60 minutes")]
    assert _slot(second, "start") == [_at(DAY, "19.10")]
    assert unread == []


MISSED = (
    "Visit: Wednesday, November 19, 2025\n"
    "Visit narrative\n"
    "Psychoeducation Group, 10:10 AM - 11:10 AM: Yara did not attend (no-show; no call).\n"
    "Process Group, 11:20 AM - 12:20 PM: Yara did not attend (cancelled by client; ill).\n"
    "Plan: continue IOP.\n"
)


def test_a_generic_miss_is_the_specific_one_said_after_it() -> None:
    sessions, _ = _read(MISSED)
    assert [(s.attendance, _slot(s, "attendance")) for s in sessions] == [
        (Attendance.NO_SHOW, [_at(MISSED, "no-show")]),
        (Attendance.CANCELLED, [_at(MISSED, "cancelled")]),
    ]


LATE = (
    "Visit: Wednesday, June 11, 2025\n"
    "Lucia attended Process Group, 5:30 PM - 7:00 PM (by video; 3 clients in\n"
    "group). Lucia arrived late, at 17.45. Focus: interpersonal conflict.\n"
)


def test_the_members_arrival_as_a_dotted_clock_ending_a_sentence() -> None:
    (s,), _ = _read(LATE)
    assert (s.start, s.end, s.member_start) == (T(17, 30), T(19), T(17, 45))
    assert _slot(s, "member_start") == [_at(LATE, "17.45")]


def test_a_sentence_before_a_known_label_is_prose_not_the_label() -> None:
    layout = layout_of(chart_doc(LATE).document)
    (focus,) = layout.fields_by_line[2]
    assert (focus.label, focus.label_start, focus.start) == (
        "Focus",
        LATE.index("Focus"),
        LATE.index("interpersonal"),
    )


def test_a_timed_service_quoted_only_for_its_staff_is_unread() -> None:
    # the first service's name is no service the reader knows, so the note is not split;
    # the last line is quoted by the session's staff, but not for its date, kind or
    # times: it holds a service no session was read from
    text = (
        "GROUP NOTE\nDate: 10/21/2025\n"
        "Yara attended Morning Block, from 9:00 AM for 60 minutes (facilitated by Casey Roe,"
        " LMFT).\n"
        "Yara attended Psychoeducation Group, 10:10 AM - 11:10 AM (facilitated by Jordan Poe,"
        " LCSW).\n"
        "Yara attended CBT Group, 11:20 AM - 12:20 PM (facilitated by Elena Doe, PsyD).\n"
    )
    sessions, unread = _read(text)
    assert [(s.start, s.end) for s in sessions] == [(T(10, 10), T(11, 10))]
    line = text.index("Yara attended CBT")
    assert unread == [(line, text.index("\n", line))]


def test_a_note_and_a_service_told_after_it_with_a_start_and_a_length() -> None:
    text = (
        "GROUP NOTE\nClient: Jane Doe   Date: 03/04/2025\nGroup: Process group   Time: 9:00-10:30\n"
        "Response: Client engaged.\n\nThen Psychoeducation Group from 10:45 AM for 60 minutes.\n"
    )
    sessions, unread = _read(text)
    assert [(s.service_kind, s.start, s.end, s.stated_minutes) for s in sessions] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, T(9), T(10, 30), None),
        (ServiceKind.GROUP_EDUCATION, T(10, 45), T(11, 45), 60.0),
    ]
    second = sessions[1]
    assert _slot(second, "start") == [_at(text, "10:45 AM")]
    assert _slot(second, "end") == [_at(text, "10:45 AM"), _at(text, "60 minutes")]
    assert unread == []


SERVICES_TODAY = (
    "**Visit day:** Thursday, April seventeenth, 2025\n"
    "\n"
    "### Your services today\n"
    "\n"
    "- You took part in the Process Group, led by Quinn Holloway. It began at nine in\n"
    "  the morning and lasted an hour and a half. The group talked about grounding.\n"
    "- You took part in the Psychoeducation Group, led by Elena Abernathy. It began at a\n"
    "  quarter to eleven in the morning and lasted an\n"
    "  hour and a half. The group talked about sleep.\n"
    "- You took part in an individual therapy session. It began at a quarter to one in\n"
    "  the afternoon and lasted fifty minutes.\n"
)


def test_an_item_whose_length_wraps_onto_the_next_line_is_a_service_of_its_own() -> None:
    # the second item's "an" / "hour and a half" is its own time: three parts, not two
    # (the second service had gone unread and unlisted, and the week came out short)
    sessions, unread = _read(SERVICES_TODAY)
    assert [(s.service_kind, s.start, s.stated_minutes) for s in sessions] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, T(9), 90.0),
        (ServiceKind.GROUP_EDUCATION, T(10, 45), 90.0),
        (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, T(12, 45), 50.0),
    ]
    length = SERVICES_TODAY.index("an\n  hour and a half")
    assert _slot(sessions[1], "minutes") == [(length, length + len("an\n  hour and a half"))]
    assert unread == []


MISSED_LETTER = (
    "MISSED VISIT NOTICE\n"
    "\n"
    "Prepared for: Rowan McAllister\n"
    "Visit day: Tuesday, the eighteenth of March, 2025\n"
    "\n"
    "You were scheduled for the Relapse Prevention Group (a group therapy session)\n"
    "with Harold Achebe, LCSW. It was set from half past five until seven in the\n"
    "evening. This time you did not come and we did not hear from you, so it was\n"
    "recorded as a no-show.\n"
    "\n"
    "You were scheduled for an individual therapy session with Yara Iverson, LMFT.\n"
    "It was set from five to nine until five to ten in the evening. This time you\n"
    "did not come, so it was recorded as a no-show.\n"
    "\n"
    "Before your next visit: try one pleasant activity. You are scheduled for the\n"
    "Process Group on Thursday at half past five in the evening.\n"
)


def test_a_missed_visit_letter_tells_each_missed_service() -> None:
    sessions, unread = _read(MISSED_LETTER)
    assert [(s.service_kind, s.attendance, s.start, s.end) for s in sessions] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.NO_SHOW, T(17, 30), T(19)),
        (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, Attendance.NO_SHOW, T(20, 55), T(21, 55)),
    ]
    assert _slot(sessions[0], "attendance") == [_at(MISSED_LETTER, "no-show")]
    assert _slot(sessions[1], "kind") == [_at(MISSED_LETTER, "individual therapy")]
    assert unread == []


# one paragraph per day, each service named in one sentence and timed in the next
WEEK_IN_WORDS = (
    "Dear Quinn,\n"
    "\n"
    "On Monday, the twenty-fifth of August, 2025:\n"
    "You took part in the Relapse Prevention Group (a group therapy session), led\n"
    "by Yara Ferreira, LICSW. It ran from half past nine until eleven in the\n"
    "morning. You attended in person at the clinic. The group talked about urges.\n"
    "You took part in the Psychoeducation Group (a psychoeducation group), led by\n"
    "Marcus Iverson, LMHC. It ran from half past eleven in the morning until a\n"
    "quarter to one in the afternoon. You attended in person at the clinic.\n"
    "\n"
    "------------------------------------------------------------------------\n"
    "Weekly Summary | Quinn Lindqvist | Page 1 of 2\n"
    "\f"
    "On Friday, the twenty-ninth of August, 2025:\n"
    "You were scheduled for the Process Group (a group therapy session) with Marcus\n"
    "Iverson, LMHC. It was set from half past nine until eleven in the morning.\n"
    "This time you cancelled ahead of time (you called in sick).\n"
    "You were scheduled for the Recovery Education Group (a psychoeducation group).\n"
    "It was set from half past eleven in the morning until a quarter to one in the\n"
    "afternoon. This time you cancelled ahead of time (you called in sick).\n"
    "\n"
    "Something to work on: bring your mood log next time.\n"
    "\n"
    "------------------------------------------------------------------------\n"
    "Weekly Summary | Quinn Lindqvist | Page 2 of 2\n"
)

# negatives: a schedule ahead, a history sentence, a goal's target date
NOT_SERVICES = (
    "On Monday, the first of September, 2025:\n"
    "Next week you are scheduled for the Process Group (a group therapy session).\n"
    "It will run from half past nine until eleven in the morning. You are also\n"
    "scheduled for the Psychoeducation Group. It will run from half past eleven\n"
    "until a quarter to one.\n"
    "\n"
    "On Tuesday, the second of September, 2025:\n"
    "You took part in the Process Group (a group therapy session). It ran from half\n"
    "past nine until eleven in the morning. You attended in person.\n"
    "Last month you attended the Psychoeducation Group. It ran from half past eleven\n"
    "until a quarter to one in the afternoon.\n"
    "Your goal is to attend the Relapse Prevention Group by\n"
    "the thirtieth of September, 2025.\n"
)


def _parts(text: str) -> list[tuple[str, str]]:
    doc = chart_doc(text, kind=DocumentKind.OTHER)
    from extract.records import service_records

    records = service_records(layout_of(doc.document)).records
    return [
        (r.style, text[r.start : r.end].split(".")[0]) for r in records if r.form.value == "part"
    ]


def test_services_named_and_timed_in_separate_sentences_are_a_part_each() -> None:
    sessions, unread = _read(WEEK_IN_WORDS)
    assert [(s.date, s.service_kind, s.attendance, s.start, s.end) for s in sessions] == [
        (
            dt.date(2025, 8, 25),
            ServiceKind.GROUP_PSYCHOTHERAPY,
            Attendance.ATTENDED,
            T(9, 30),
            T(11),
        ),
        (
            dt.date(2025, 8, 25),
            ServiceKind.GROUP_EDUCATION,
            Attendance.ATTENDED,
            T(11, 30),
            T(12, 45),
        ),
        (
            dt.date(2025, 8, 29),
            ServiceKind.GROUP_PSYCHOTHERAPY,
            Attendance.CANCELLED,
            T(9, 30),
            T(11),
        ),
        (
            dt.date(2025, 8, 29),
            ServiceKind.GROUP_EDUCATION,
            Attendance.CANCELLED,
            T(11, 30),
            T(12, 45),
        ),
    ]
    assert [s.source for s in sessions] == ["deterministic:records.note.narrative.sentences"] * 4
    assert _slot(sessions[0], "start") == [
        _at(WEEK_IN_WORDS, "half past nine until eleven in the\nmorning")
    ]
    assert _slot(sessions[1], "kind") == [_at(WEEK_IN_WORDS, "Psychoeducation Group")]
    # the part begins after the running footer and the page break, not at the footer
    fourth = WEEK_IN_WORDS.index("You were scheduled for the Recovery")
    assert _slot(sessions[3], "attendance")[0][0] > fourth
    assert unread == []


def test_a_plan_a_history_and_a_goal_told_in_sentences_are_no_services() -> None:
    # the second day's service is a part of its own; the history and the goal are left out
    # of the parts (the goal's date, wrapped onto its own line, is no date of service)
    assert _parts(NOT_SERVICES) == [
        ("note.heading.sentences", "You took part in the Process Group (a group therapy session)")
    ]
    sessions, unread = _read(NOT_SERVICES)
    assert [(s.date, s.service_kind, s.start, s.end) for s in sessions] == [
        (dt.date(2025, 9, 2), ServiceKind.GROUP_PSYCHOTHERAPY, T(9, 30), T(11))
    ]
    assert unread == []


SESSION_HELD = (
    "Header.Organization: Prairie Light Behavioral Services\n"
    "Header.Client.ClientName: Lindqvist, Riley\n"
    "Header.Client.ClientId: B53748501\n"
    "Header.Client.DateOfBirth: 1986-07-22\n"
    "Header.NoteType: Individual Therapy Progress Note\n"
    "Header.ServiceCode: 90837\n"
    "Header.ServiceName: Individual Therapy\n"
    "Header.DateOfService: 2025-06-16\n"
    "Body.Section.name: Data\n"
    "Body.Section: Session held 12:50 to 13:43. Clinician: Elena McAllister, LMHC. Location:"
    " Telehealth - video (client at home). Explored triggers; will review the handout at home.\n"
    "Body.Section.name: Assessment\n"
    "Body.Section: Verbalized insight into the link between thoughts and mood.\n"
    "Body.Section.name: Plan\n"
    "Body.Section: Attend all groups this week; complete the thought record homework.\n"
    "Signature.SignedBy: Elena McAllister\n"
    "Signature.Credential: LMHC\n"
    "Signature.SignedDateTime: 2025-06-17T16:09:29\n"
)


@pytest.mark.parametrize(
    ("sentence", "times"),
    [
        ("Session held 12:50 to 13:43.", (T(12, 50), T(13, 43))),
        ("The visit ran from 9:00 to 9:45.", (T(9), T(9, 45))),
        # a plan for another day, and a clock of no session: no time read
        ("Next session held 12:50 to 13:43.", (None, None)),
    ],
)
def test_a_sentence_about_the_session_itself_gives_its_times(
    sentence: str, times: tuple[dt.time | None, dt.time | None]
) -> None:
    text = SESSION_HELD.replace("Session held 12:50 to 13:43.", sentence)
    sessions, _ = _read(text)
    assert [(s.date, s.service_kind, s.start, s.end) for s in sessions] == [
        (dt.date(2025, 6, 16), ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, *times)
    ]
    if times[0] is not None:
        at = text.index(sentence) + sentence.index(
            next(w for w in sentence.split() if w[0].isdigit())
        )
        assert _slot(sessions[0], "start")[0][0] == at
