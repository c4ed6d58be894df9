"""Unread service records (extract/unread.py): lines that record a service but were read
into no session are listed; schedules, plans, history and other days are not."""

from __future__ import annotations

import pytest

from core.data import DocumentKind
from extract.deterministic.sessions import read_document
from tests.chartdocs import chart_doc


def unread_lines(text: str, kind: DocumentKind = DocumentKind.OTHER) -> list[str]:
    doc = chart_doc(text, kind=kind)
    _, unread = read_document(doc)
    page = doc.document.pages[0].text
    for u in unread:
        assert u.document_id == doc.document.document_id and u.page == 1
    return [page[u.start : u.end] for u in unread]


SUMMARY = (
    "WEEKLY SUMMARY\n"
    "Group services this week were held on 10/06/2025 (0900-1200), 10/08/2025 (0900-1200)\n"
    "and 10/09/2025 (0900-1200).\n"
)


def test_a_line_with_a_date_and_a_time_that_no_session_reads_is_unread() -> None:
    assert unread_lines(SUMMARY) == [
        "Group services this week were held on 10/06/2025 (0900-1200), 10/08/2025 (0900-1200)",
        "and 10/09/2025 (0900-1200).",
    ]


def test_the_unread_record_keeps_its_date_but_no_text() -> None:
    doc = chart_doc(SUMMARY)
    _, (first, _) = read_document(doc)
    assert first.date is not None and first.date.isoformat() == "2025-10-06"
    assert "quote" not in first.model_dump()  # places only: the record holds no chart text
    assert first.why == "a date with a time that no session was read from"


@pytest.mark.parametrize(
    "text",
    [
        # read into sessions
        "10/6/25  Group Psychotherapy  9:00-12:00  Present\n10/7/25  Group Psychotherapy  9:00-12:00  NS\n",
        "GROUP NOTE\nDate: 10/07/2025\nTime: 0900-1030\nService: Process group\nMember attended.\n",
        # schedules, plans, other days, history
        "Program schedule:\n  Mon/Wed/Thu 9:00 AM - 12:00 PM  Process Group\n",
        "Daily structure:\n  9:00 AM - 10:30 AM  Group Psychotherapy\n  10:45 AM - 12:15 PM  Psychoeducation Group\n",
        "Next group: 10/09/2025 9:00-10:30 Process group.\n",
        "History: attended an IOP in 2019, 3 hours a day (9:00-12:00 process group).\n",
        "Admit to Adult IOP starting 09/10/2025, process group M-F 0900-1200.\n",
    ],
    ids=["entries", "note", "schedule", "daily-structure", "next", "history", "recurring"],
)
def test_explained_or_read_lines_are_not_unread(text: str) -> None:
    assert unread_lines(text) == []


def test_a_plan_records_no_services_so_nothing_in_it_is_unread() -> None:
    text = "TREATMENT PLAN\nDate: 10/01/2025\nGroup therapy 10/06/2025 9:00-12:00 weekly\n"
    assert unread_lines(text, DocumentKind.TREATMENT_PLAN) == []


NOTE = (
    "GROUP NOTE\nClient: Jane Doe   Date: 03/04/2025\nGroup: Process group   Time: 9:00-10:30\n"
    "Response: Client engaged.\n\n{extra}\n"
)


@pytest.mark.parametrize(
    ("extra", "unread"),
    [
        pytest.param(
            "AFTERNOON BLOCK 13:00-14:30\nWorked on the project.",
            ["AFTERNOON BLOCK 13:00-14:30"],
            id="a-second-timed-block-no-session-was-read-from",
        ),
        pytest.param("Break 9:45-10:00 in the group room.", [], id="a-break-inside-the-session"),
        pytest.param(
            'S: "I sleep 4-5 hours, wake at 4-5 AM."', [], id="a-time-in-the-members-words"
        ),
        pytest.param("Member arrived 9:10-9:15 after the bus.", [], id="within-the-session"),
        pytest.param(
            "Then Psychoeducation Group from 10:45 AM for 60 minutes.",
            [],  # read as a part of its own (tests/extract/test_visit_summaries.py)
            id="a-service-with-a-start-and-a-length-is-read",
        ),
        pytest.param(
            "In group psychotherapy the member spent 20 minutes practicing the skill.",
            [],
            id="a-length-alone-may-be-part-of-the-session-read",
        ),
        pytest.param(
            "Psychoeducation group at 11:45 today was cancelled (staff out).",
            [],
            id="a-service-not-held-adds-no-hours",
        ),
        pytest.param(
            "Program track: groups meet Mon/Wed/Fri, 9:00-12:00.",
            [],
            id="a-recurring-schedule",
        ),
    ],
)
def test_inside_a_read_note_another_timed_service_is_unread(extra: str, unread: list[str]) -> None:
    assert unread_lines(NOTE.format(extra=extra), DocumentKind.PROGRESS_NOTE) == unread


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        pytest.param(
            "DAILY RECORD - Tue 14th October\n- 09h00-10h30 Process group (AB)\n"
            "- 10h45-12h15 Skills group (CD)\n",
            ["- 09h00-10h30 Process group (AB)", "- 10h45-12h15 Skills group (CD)"],
            id="entries-in-a-form-the-reader-does-not-know",
        ),
        pytest.param(
            "TEAM REVIEW\n- OT to add a meal-planning task to the worksheet.\n",
            [],
            id="a-task-is-no-entry",
        ),
        pytest.param(
            "TEAM REVIEW\nNursing report (N. Blythe, RN): on 10/15 the member was unable to "
            "participate in the afternoon group and went home early.\n",
            [],
            id="a-report-that-mentions-a-service",
        ),
    ],
)
def test_in_a_note_nothing_was_read_from_every_service_entry_is_unread(
    text: str, unread: list[str]
) -> None:
    assert unread_lines(text, DocumentKind.PROGRESS_NOTE) == unread


CALENDAR = """IOP ATTENDANCE CALENDAR
+------+------+------+------+------+--------+
| Mon  | Tue  | Wed  | Thu  | Fri  | Wk hrs |
+------+------+------+------+------+--------+
| 15   | 16   | 17   | 18   | 19   |        |
| G1 P | G1 P |      | G1 A |      |      3 |
+------+------+------+------+------+--------+
| 22   | 23   | 24   | 25   | 26   |        |
| G1 P | G2 E |      | G1 P |      |      6 |
+------+------+------+------+------+--------+
"""


def test_a_months_calendar_is_not_read_as_hours_and_is_unread() -> None:
    """Its numbers are days of the month, not hours on weekdays; with no month named above
    it, no session is read from it and the whole calendar is unread."""
    doc = chart_doc(CALENDAR, kind=DocumentKind.ATTENDANCE)
    sessions, unread = read_document(doc)
    assert sessions == []
    assert [u.why for u in unread] == ["a calendar whose days could not be read"]


def test_a_service_a_summary_says_took_place_that_no_session_was_read_for_is_unread() -> None:
    """A discharge summary records no sessions itself, but "attended individual therapy
    with B. Holloway, LICSW on 7/15" says one took place: with no session of that kind read
    on that date, it is unread (dated), so the week it falls in cannot be judged short."""
    from extract.deterministic.extractor import DeterministicExtractor

    summary = chart_doc(
        "DISCHARGE SUMMARY\nAdmission date: 07/01/2025    Discharge date: 07/31/2025\n"
        "IOP COURSE\nWeek 3 (7/15-7/17): attended all 9 scheduled groups; attended individual"
        " therapy with\nBeatrice Holloway, LICSW on 7/15; no-showed for family therapy on 7/16.\n",
        kind=DocumentKind.DISCHARGE_SUMMARY,
    )
    result = DeterministicExtractor().extract([summary.document])
    page = summary.document.pages[0].text
    assert [
        (u.date.isoformat() if u.date else None, page[u.start : u.end]) for u in result.unread
    ] == [
        ("2025-07-15", "attended individual therapy with\nBeatrice Holloway, LICSW on 7/15"),
        ("2025-07-16", "no-showed for family therapy on 7/16"),
    ]


def _chart_unread(*texts: str, kind: DocumentKind = DocumentKind.OTHER) -> list[tuple[int, str]]:
    """(which document, the unread words) of a chart of ``texts``, read whole."""
    from extract.deterministic.extractor import DeterministicExtractor

    docs = [chart_doc(t, kind=kind).document for t in texts]
    result = DeterministicExtractor().extract(docs)
    ids = [d.document_id for d in docs]
    return [
        (ids.index(u.document_id), docs[ids.index(u.document_id)].pages[0].text[u.start : u.end])
        for u in result.unread
    ]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        pytest.param(
            "Community log\n\n10/08/2025\nCBRS worker met member at the library; resume help.\n",
            DocumentKind.OTHER,
            ["10/08/2025\nCBRS worker met member at the library; resume help."],
            id="a-dated-service-nothing-was-read-from",
        ),
        pytest.param(
            "Letter\n10/08/2025\nDear Dr. Smith, thank you for the referral.\n",
            DocumentKind.OTHER,
            [],
            id="a-letter-names-no-service",
        ),
        pytest.param(
            "Community log\n\n10/08/2025\nCBRS worker met member at the library for resume"
            " help today. Member participated actively and was engaged throughout.\n",
            DocumentKind.OTHER,
            [
                "10/08/2025\nCBRS worker met member at the library for resume help today."
                " Member participated actively and was engaged throughout."
            ],
            id="a-note-read-only-for-its-participation-is-still-unread",
        ),
        pytest.param(
            "Team note\n\n10/16/2025\nNursing report: on 10/15 the member was unable to"
            " participate in group; he was confused and dozed through the morning.\n",
            DocumentKind.OTHER,
            [],
            id="a-story-of-another-day-is-no-record",
        ),
        pytest.param(
            "Team review\n\n06/02/2025\nStatus: stable. Mood euthymic, sleeping 7 hours,"
            " nightmares about once a week, no panic attacks since May.\n",
            DocumentKind.OTHER,
            [],
            id="a-length-alone-in-a-story-is-no-record",
        ),
        pytest.param(
            "Community log\n\n10/08/2025\nCBRS worker met member at the library.\n",
            DocumentKind.DISCHARGE_SUMMARY,
            [],
            id="a-summary-is-judged-by-its-told-services-instead",
        ),
    ],
)
def test_a_document_that_records_services_and_yields_nothing_is_unread(
    text: str, kind: DocumentKind, expected: list[str]
) -> None:
    """A rule `met` on an absence ("no CBRS on IOP days") must not take the silence of a
    document the reader got nothing from for absence: the document is an unread record."""
    assert [words for _, words in _chart_unread(text, kind=kind)] == expected


def test_member_times_written_where_they_cannot_be_read() -> None:
    """Captions of the member's own times over a comb field ("| 0 9 : 3 0 |"): the
    member's times are written but unread; a title naming them over a date is not."""
    from extract.layout import build_layout
    from extract.unread import unread_member_times
    from tests.chartdocs import chart_doc

    comb = "Time In                         Time Out\n| 0 9 : 3 0 | ☒ AM ☐ PM         | 1 0 : 3 0 | ☒ AM ☐ PM\n"
    title = "CLIENT ATTENDANCE - TIME IN / TIME OUT\nClient: CASTILLO, OWEN    DOB 06/13/1981\n"
    clear = "Time In       Time Out\n09:30         10:30\n"
    assert unread_member_times(build_layout(chart_doc(comb).document), [])
    assert not unread_member_times(build_layout(chart_doc(title).document), [])
    assert not unread_member_times(build_layout(chart_doc(clear).document), [])


LEDGER = (
    "DISCHARGE SUMMARY\nDate of admission: April 29, 2025. Date of discharge: June 19, 2025.\n"
    "Attendance record:\nAbbreviations: GRP group psychotherapy, IND individual psychotherapy.\n\n"
    "Week 1 (04/29/2025 - 05/05/2025): 4/29 GRP 1.5 h, IND 53 min; 4/30 GRP 1.5 h,\nGRP"
    " 1.5 h; 5/1 no show for GRP.\n\n"
    "Aftercare: first appointment June 26th, 2025 at 2:00 pm; follow-up in four weeks.\n"
)


@pytest.mark.parametrize(
    ("date", "start", "end", "words"),
    [
        ("2025-04-29", 211, 237, "4/29 GRP 1.5 h, IND 53 min"),
        ("2025-04-30", 239, 264, "4/30 GRP 1.5 h,\nGRP 1.5 h"),
        ("2025-05-01", 266, 285, "5/1 no show for GRP"),
    ],
)
def test_a_summarys_ledger_of_services_by_day_is_unread_clause_by_clause(
    date: str, start: int, end: int, words: str
) -> None:
    """A discharge summary's hours ledger ("4/29 GRP 1.5 h, IND 53 min; 4/30 ...") in codes
    the reader does not know: each day's clause (a date opening a clause, with a length or
    an attendance word) is unread, dated, so no week is judged on its silence; the weeks'
    range "(04/29/2025 - 05/05/2025)", the admission's date fields and the aftercare's
    appointment are not services."""
    from extract.deterministic.extractor import DeterministicExtractor

    summary = chart_doc(LEDGER, kind=DocumentKind.DISCHARGE_SUMMARY)
    result = DeterministicExtractor().extract([summary.document])
    got = [(u.date.isoformat() if u.date else None, u.start, u.end) for u in result.unread]
    assert LEDGER[start:end] == words
    assert (date, start, end) in got
    assert len(got) == 3
