"""Session extraction (extract/deterministic/sessions.py): more log and note formats -
two-digit years, compact 24-hour ranges, status columns, rows without a time, dated entry
lines, several sessions in one narrative, program-style service names and modality."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.data import DocumentKind
from core.facts import Attendance, Modality, ServiceKind, Session
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.sessions import extract_sessions
from extract.values.dates import find_dates
from tests.chartdocs import chart_doc

T = dt.time
D = dt.date


def sessions_of(text: str) -> list[Session]:
    """Extract, and check that every span of every session is verbatim at its offsets."""
    doc = chart_doc(text)
    found = extract_sessions(doc)
    docs = {doc.document.document_id: doc.document}
    for s in found:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, docs) is None
    return found


def at(text: str, quote: str, after: str = "") -> tuple[int, int, str]:
    """The exact (start, end, quote) of ``quote``, searched after ``after``."""
    start = text.index(quote, text.index(after) if after else 0)
    return start, start + len(quote), quote


def spans(s: Session) -> list[tuple[int, int, str]]:
    return [(ev.start, ev.end, ev.quote) for ev in s.evidence]


def rows(found: list[Session]) -> list[tuple[D, ServiceKind, Attendance, T | None, T | None]]:
    return [(s.date, s.service_kind, s.attendance, s.start, s.end) for s in found]


GP = ServiceKind.GROUP_PSYCHOTHERAPY

# --------------------------------------------------------------------------- service logs

TWO_DIGIT_YEARS = """IOP ATTENDANCE LOG
Date      Service              Time        Status
10/6/25   Group Psychotherapy  1530-1700   Attended
10/7/25   Group Psychotherapy  0900-1200   Present
10/8/25   Group Psychotherapy  0900-1200   Absent
10/9/25   Group Psychotherapy  0900-1200   NS
3/13/25   Group Psychotherapy  0900-1200   Excused
"""


def test_fixed_width_log_with_two_digit_years_compact_times_and_a_status_column() -> None:
    found = sessions_of(TWO_DIGIT_YEARS)
    assert rows(found) == [
        (D(2025, 10, 6), GP, Attendance.ATTENDED, T(15, 30), T(17)),
        (D(2025, 10, 7), GP, Attendance.ATTENDED, T(9), T(12)),
        (D(2025, 10, 8), GP, Attendance.ABSENT, T(9), T(12)),
        (D(2025, 10, 9), GP, Attendance.NO_SHOW, T(9), T(12)),
        (D(2025, 3, 13), GP, Attendance.ABSENT, T(9), T(12)),
    ]
    assert all(s.is_log_entry for s in found)
    assert {s.source for s in found} == {"deterministic:records.row.space"}
    assert spans(found[0]) == [
        at(TWO_DIGIT_YEARS, "10/6/25"),
        at(TWO_DIGIT_YEARS, "Group Psychotherapy", after="10/6/25"),
        at(TWO_DIGIT_YEARS, "1530-1700"),
        at(TWO_DIGIT_YEARS, "Attended"),
    ]


DATE_TIME_COLUMN = """ATTENDANCE LOG
Date/Time            Service      Status
10/6/25 1530-1700    IOP Group    Attended
10/7/25 0900-1200    IOP Group    NS
"""


def test_a_date_time_column_gives_the_time_after_the_date() -> None:
    found = sessions_of(DATE_TIME_COLUMN)
    assert rows(found) == [
        (D(2025, 10, 6), GP, Attendance.ATTENDED, T(15, 30), T(17)),
        (D(2025, 10, 7), GP, Attendance.NO_SHOW, T(9), T(12)),
    ]
    assert at(DATE_TIME_COLUMN, "1530-1700") in spans(found[0])


NO_TIME_ROWS = """| Date | Service | Time | Attendance |
|---|---|---|---|
| 10/10/25 | Individual therapy | -- | Present |
| 10/11/25 | Process group | -- | -- |
| 10/12/25 | IOP | -- | -- |
| 10/13/25 | Transportation - program van | -- | -- |
| 10/14/25 | PROGRAM CLOSED - holiday | | |
| 10/15/25 | -- | -- | -- |
"""


def test_log_rows_without_a_time_are_sessions_of_unknown_length() -> None:
    found = sessions_of(NO_TIME_ROWS)
    assert rows(found) == [
        (D(2025, 10, 10), ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, Attendance.ATTENDED, None, None),
        (D(2025, 10, 11), GP, Attendance.UNKNOWN, None, None),
        (D(2025, 10, 12), ServiceKind.UNKNOWN, Attendance.UNKNOWN, None, None),
        (D(2025, 10, 13), ServiceKind.TRANSPORTATION, Attendance.UNKNOWN, None, None),
        (D(2025, 10, 14), ServiceKind.UNKNOWN, Attendance.PROGRAM_CLOSED, None, None),
    ]  # a row naming nothing is no session; a closed day is kept as closed (not scheduled)
    assert all(s.minutes is None for s in found)
    assert spans(found[3])[:2] == [
        at(NO_TIME_ROWS, "10/13/25"),
        at(NO_TIME_ROWS, "Transportation - program van"),
    ]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Process + CBT skills", GP),
        ("Teen Coping Skills Group", GP),
        ("Relapse Prevention (RP)", GP),
        ("Recovery Skills (RS)", GP),
        ("Process", GP),
        ("couples session", ServiceKind.FAMILY_COUNSELING),
        ("Couples therapy", ServiceKind.FAMILY_COUNSELING),
        ("Targeted case management (T1017)", ServiceKind.CASE_MANAGEMENT),
        ("Transportation - program van", ServiceKind.TRANSPORTATION),
    ],
)
def test_program_style_service_names(name: str, kind: ServiceKind) -> None:
    text = f"| Date | Service | Time | Attendance |\n|---|---|---|---|\n| 10/7/25 | {name} | 0900-1000 | Present |\n"
    (s,) = sessions_of(text)
    assert (s.service_kind, s.start, s.end) == (kind, T(9), T(10))


def test_modality_in_a_log_service_or_comment_cell() -> None:
    text = """| Date | Service | Time | Attendance | Notes |
|---|---|---|---|---|
| 10/7/25 | Group Psychotherapy (telehealth) | 0900-1200 | Present | |
| 10/8/25 | Individual therapy | 1300-1400 | Present | session held over the phone |
| 10/9/25 | Individual therapy | 1300-1400 | Present | |
"""
    found = sessions_of(text)
    assert [s.modality for s in found] == [Modality.VIDEO, Modality.AUDIO, Modality.UNKNOWN]
    assert at(text, "telehealth") in spans(found[0])
    assert at(text, "over the phone") in spans(found[1])


# --------------------------------------------------------------------------- dated entries

ENTRY_LINES = """IOP Service Log
10/6/25  Group Psychotherapy  9:00-12:00  Present
Tue 10/7/25  Group Psychotherapy  9:00-12:00  Absent
- 10/8/25: Individual Therapy, 1:00-2:00 PM, NS
"""


def test_dated_entry_lines_each_give_a_session_with_their_own_date() -> None:
    found = sessions_of(ENTRY_LINES)
    assert rows(found) == [
        (D(2025, 10, 6), GP, Attendance.ATTENDED, T(9), T(12)),
        (D(2025, 10, 7), GP, Attendance.ABSENT, T(9), T(12)),
        (
            D(2025, 10, 8),
            ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
            Attendance.NO_SHOW,
            T(13),
            T(14),
        ),
    ]
    assert spans(found[1])[0] == at(ENTRY_LINES, "10/7/25")
    assert at(ENTRY_LINES, "Absent") in spans(found[1])
    assert at(ENTRY_LINES, "NS") in spans(found[2])


def test_a_period_on_a_line_is_not_an_entry_date() -> None:
    text = """WEEKLY SUMMARY
10/6/25 - 10/12/25 Group Psychotherapy 9:00-12:00 daily
10/13/25 - 10/19/25 Group Psychotherapy 9:00-12:00 daily
Member attended all groups.
"""
    assert sessions_of(text) == []


# --------------------------------------------------------------------------- narrative

NARRATIVE_TWO = """Progress Note
Date: 03/04/2025
Member attended two groups this morning: Relapse Prevention group 9:00-10:30 and DBT skills group 10:45-12:00. Member was engaged.
"""


def test_several_sessions_in_one_narrative_paragraph() -> None:
    found = sessions_of(NARRATIVE_TWO)
    assert rows(found) == [
        (D(2025, 3, 4), GP, Attendance.ATTENDED, T(9), T(10, 30)),
        (D(2025, 3, 4), GP, Attendance.ATTENDED, T(10, 45), T(12)),
    ]
    assert spans(found[1])[:3] == [
        at(NARRATIVE_TWO, "03/04/2025"),
        at(NARRATIVE_TWO, "DBT skills group"),
        at(NARRATIVE_TWO, "10:45-12:00"),
    ]


def test_several_sessions_named_after_their_times() -> None:
    text = """Daily Note
Date: 03/05/2025
Schedule kept today: 9:00-10:30 process group; 1:00-2:00 PM individual therapy. Member participated.
"""
    found = sessions_of(text)
    assert [(s.service_kind, s.start, s.end) for s in found] == [
        (GP, T(9), T(10, 30)),
        (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, T(13), T(14)),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # overlapping ranges: one session with a member's times, not two sessions
        "Member attended process group 9:00-12:00 and individual therapy 10:00-11:00.",
        # the first range names no service: one session
        "Group ran 9:00-12:00; member attended process group 9:00-10:30.",
    ],
)
def test_ranges_that_do_not_name_several_sessions_give_one(sentence: str) -> None:
    text = f"Progress Note\nDate: 03/06/2025\n{sentence}\n"
    assert len(sessions_of(text)) == 1


def test_lines_labeled_with_a_service_and_its_time() -> None:
    text = """IOP DAILY NOTE
Date: 03/04/2025
Process Group (9:00-10:30): Member shared about cravings.
Psychoeducation (10:45-12:00): Member was attentive.
"""
    found = sessions_of(text)
    assert [(s.service_kind, s.start, s.end) for s in found] == [
        (GP, T(9), T(10, 30)),
        (ServiceKind.GROUP_EDUCATION, T(10, 45), T(12)),
    ]
    assert at(text, "Process Group") in spans(found[0])


@pytest.mark.parametrize(
    ("sentence", "modality", "quote"),
    [
        ("Session was conducted by telephone (audio only).", Modality.AUDIO, "by telephone"),
        ("Session was conducted via video.", Modality.VIDEO, "via video"),
        ("Session conducted over the phone due to illness.", Modality.AUDIO, "over the phone"),
        ("Met with member via secure video platform.", Modality.VIDEO, "secure video"),
        ("This was a video visit.", Modality.VIDEO, "video visit"),
        ("Session held in the office.", Modality.IN_PERSON, "in the office"),
    ],
)
def test_modality_stated_in_the_narrative(sentence: str, modality: Modality, quote: str) -> None:
    text = f"Individual Therapy Note\nDate: 03/04/2025\nTime: 1:00-2:00 PM\n{sentence}\nMember was engaged.\n"
    (s,) = sessions_of(text)
    assert s.modality is modality
    assert at(text, quote) in spans(s)


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("DOS 10-6-25 group", "10-6-25", D(2025, 10, 6)),
        ("seen 3-13-25 1530-1700", "3-13-25", D(2025, 3, 13)),
        ("seen 3/13/25", "3/13/25", D(2025, 3, 13)),
    ],
)
def test_two_digit_year_dates(text: str, quote: str, expected: D) -> None:
    assert [(d.start, d.end, d.date) for d in find_dates(text)] == [
        (text.index(quote), text.index(quote) + len(quote), expected)
    ]


@pytest.mark.parametrize("text", ["F10-20", "goals 1-2-3", "ages 13-17"])
def test_dash_numbers_that_are_not_dates(text: str) -> None:
    assert list(find_dates(text)) == []


def test_dash_dated_log_rows() -> None:
    text = """| Date | Service | Time | Attendance |
|---|---|---|---|
| 10-6-25 | Group Psychotherapy | 1530-1700 | Present |
"""
    (s,) = sessions_of(text)
    assert (s.date, s.start, s.end) == (D(2025, 10, 6), T(15, 30), T(17))
    assert spans(s)[0] == at(text, "10-6-25")


def test_header_qualifiers_with_digits_and_more_column_spellings() -> None:
    text = """Svc Date  Service Name         Time (24h)   Attend (P/A/NS)
10/6/25   Group Psychotherapy  1530-1700    P
10/7/25   Group Psychotherapy  0900-1200    NS
"""
    found = sessions_of(text)
    assert rows(found) == [
        (D(2025, 10, 6), GP, Attendance.ATTENDED, T(15, 30), T(17)),
        (D(2025, 10, 7), GP, Attendance.NO_SHOW, T(9), T(12)),
    ]
    assert spans(found[1])[-1] == at(text, "NS", after="10/7/25")


@pytest.mark.parametrize(
    ("sentence", "attendance", "quote"),
    [
        ("Member present for group and engaged.", Attendance.ATTENDED, "present for group"),
        ("Member absent; no call received.", Attendance.ABSENT, "Member absent"),
        ("Client not in attendance today.", Attendance.ABSENT, "not in attendance"),
    ],
)
def test_attendance_stated_in_the_narrative(
    sentence: str, attendance: Attendance, quote: str
) -> None:
    text = f"Group Note\nDate: 03/04/2025\nGroup: Process Group\nTime: 9:00-12:00\n{sentence}\n"
    (s,) = sessions_of(text)
    assert s.attendance is attendance
    assert at(text, quote) in spans(s)


def test_a_mode_of_delivery_field() -> None:
    text = "Individual Therapy Note\nDate: 03/04/2025\nTime: 1:00-2:00 PM\nMode: Telehealth (audio only)\n"
    (s,) = sessions_of(text)
    assert s.modality is Modality.AUDIO
    assert at(text, "audio only") in spans(s)


# --------------------------------------------------------------------------- rosters

ROSTER_ROWS = """GROUP NOTE
Client: Jane Doe    DOS: 03/04/2025
Group: Process Group    Time: 9:00-12:00

Roster
Name            Status
John Roe        Absent
Jane Doe        Present
Sam Poe         NS
"""


def test_the_members_own_row_of_a_roster_gives_attendance() -> None:
    (s,) = sessions_of(ROSTER_ROWS)
    assert (s.date, s.attendance, s.start) == (D(2025, 3, 4), Attendance.ATTENDED, T(9))
    assert spans(s)[-1] == at(ROSTER_ROWS, "Present")


def test_a_roster_row_by_last_name_first_and_a_status_code() -> None:
    text = """GROUP NOTE
Client: Jane Doe    DOS: 03/04/2025
Group: Process Group    Time: 9:00-12:00
| Member | Attendance |
|---|---|
| Roe, John | P |
| Doe, Jane | NS |
"""
    (s,) = sessions_of(text)
    assert s.attendance is Attendance.NO_SHOW
    assert spans(s)[-1] == at(text, "NS")


def test_another_members_row_is_not_the_members_attendance() -> None:
    text = """GROUP NOTE
Client: Jane Doers    DOS: 03/04/2025
Group: Process Group    Time: 9:00-12:00
Jane Doe        Absent
"""
    (s,) = sessions_of(text)
    assert s.attendance is Attendance.UNKNOWN


ROSTER_COLUMNS = """ATTENDANCE
Client: J.D.

| Date | Service | Time | K.S. | J.D. |
|---|---|---|---|---|
| 03/04/2025 | Process Group | 9:00-12:00 | P | A |
| 03/05/2025 | Process Group | 9:00-12:00 | A | P |
"""


def test_the_members_own_column_of_a_roster_log_gives_attendance() -> None:
    found = sessions_of(ROSTER_COLUMNS)
    assert rows(found) == [
        (D(2025, 3, 4), GP, Attendance.ABSENT, T(9), T(12)),
        (D(2025, 3, 5), GP, Attendance.ATTENDED, T(9), T(12)),
    ]
    row = "| 03/04/2025 | Process Group | 9:00-12:00 | P | "
    start = ROSTER_COLUMNS.index(row) + len(row)
    assert spans(found[0])[-1] == (start, start + 1, "A")


DAILY_NOTES = """# Adult IOP - Daily Group Notes{title}

### Monday, April 28, 2025
Process group 9:00-10:30 AM (Kowalczyk, LCSW; 5 present). {sentence}
Psychoeducation 10:45 AM-12:15 PM (Tollefson, LPC; 5 present): sleep hygiene.
"""


@pytest.mark.parametrize(
    ("title", "sentence", "attendance"),
    [
        pytest.param(
            "\nClient: Walter P. Szymanski",
            "Brought drinking diary.",
            [Attendance.ATTENDED, Attendance.UNKNOWN],
            id="kept-for-the-member-a-sentence-about-him",
        ),
        pytest.param(
            "\nClient: Szymanski, Walter",
            "Mr. Szymanski shared his diary.",
            [Attendance.ATTENDED, Attendance.UNKNOWN],
            id="last-name-first-label",
        ),
        pytest.param(
            "\nClient: Walter P. Szymanski",
            "Called in sick.",
            [Attendance.UNKNOWN, Attendance.UNKNOWN],
            id="contact-outside-the-session-is-not-taking-part",
        ),
        pytest.param(
            "",
            "Brought drinking diary.",
            [Attendance.UNKNOWN, Attendance.UNKNOWN],
            id="no-member-named-group-notes",
        ),
        pytest.param(
            ": Walter P. Szymanski",
            "Brought drinking diary.",
            [Attendance.UNKNOWN, Attendance.UNKNOWN],
            id="a-name-in-the-title-is-not-enough",
        ),
        pytest.param(
            " - Anger Management",
            "Reviewed the worksheet.",
            [Attendance.UNKNOWN, Attendance.UNKNOWN],
            id="a-topic-in-the-title-is-no-member",
        ),
    ],
)
def test_a_document_kept_for_the_member_says_who_took_part(
    title: str, sentence: str, attendance: list[Attendance]
) -> None:
    """In a document a member label names as the member's, a sentence charted about the
    member ("Brought drinking diary") says the member took part; a group's topic alone does
    not, nor does contact outside the session; in a document of nobody's, neither does."""
    found = sessions_of(DAILY_NOTES.format(title=title, sentence=sentence))
    assert [s.attendance for s in found] == attendance


def test_a_group_note_of_nobody_with_its_content_is_no_attendance() -> None:
    text = """GROUP NOTE
Date: 03/04/2025   Time: 9:00-10:30
Intervention: Taught distress tolerance skills.
Reviewed the worksheet. Members engaged well.
"""
    (s,) = sessions_of(text)
    assert s.attendance is Attendance.UNKNOWN


@pytest.mark.parametrize(
    ("status", "attendance"),
    [
        ("Not provided", Attendance.ABSENT),
        ("Service not rendered", Attendance.ABSENT),
        ("Provided", Attendance.ATTENDED),
    ],
)
def test_a_negated_service_status_is_no_attendance(status: str, attendance: Attendance) -> None:
    text = f"""| Date | Time | Service | Status |
|---|---|---|---|
| 03/04/2025 | 9:00-10:30 | Process group | {status} |
| 03/05/2025 | 9:00-10:30 | Process group | Provided |
"""
    first, _ = sessions_of(text)
    assert first.attendance is attendance


@pytest.mark.parametrize(
    "sentence",
    [
        "Client refused to share during check-in but stayed for the full group.",
        "Client attended; declined to participate in the role play.",
    ],
)
def test_refusing_to_take_part_while_present_is_not_refused(sentence: str) -> None:
    text = f"""GROUP NOTE
Client: Jane Doe   Date: 03/04/2025   Time: 9:00-10:30
Group: Process group
Response: {sentence}
"""
    (s,) = sessions_of(text)
    assert s.attendance is not Attendance.REFUSED


@pytest.mark.parametrize(
    "lines",
    [
        [f"03/0{d}/2025 9:00-12:00 Process group - attended" for d in (3, 5, 6)],
        [f"- 03/0{d}/2025 Process group 9:00-12:00, attended" for d in (3, 5, 6)],
    ],
    ids=["date-led-lines-ending-in-attended", "bulleted"],
)
def test_a_dated_entry_after_an_entry_is_its_own_entry(lines: list[str]) -> None:
    text = "IOP LOG - Client: Jane Doe\n" + "\n".join(lines) + "\n"
    found = sessions_of(text)
    assert [s.date.day for s in found] == [3, 5, 6]
    assert {s.attendance for s in found} == {Attendance.ATTENDED}


def test_a_duration_in_the_notes_body_is_not_the_sessions_length() -> None:
    """The header block ends where the note's body (S:/O:/A:/P:) begins: "three hours" in
    the member's words is no stated length of the group."""
    text = """IOP DAILY NOTES
Patient: Corinne J. Valdez
Date: 05/05/2025

TRAUMA PROCESS GROUP  3:30-5:00 PM   Facilitator: Lauren Beck, LCSW
S: "I haven't slept more than three hours since March."
O: 6 group members present.

SEEKING SAFETY SKILLS GROUP  5:00-6:30 PM   Facilitator: J. Ortega
S: "Grounding sounds silly but I'll try it."
O: Practiced grounding.
"""
    first, second = sessions_of(text)
    assert (first.stated_minutes, first.minutes, first.group_size) == (None, 90, 6)
    assert second.minutes == 90


@pytest.mark.parametrize(
    ("title", "attendance"),
    [
        pytest.param(
            "Daily Group Notes: Walter P. Szymanski",
            Attendance.ATTENDED,
            id="the-member-a-label-names-elsewhere-in-the-chart",
        ),
        pytest.param(
            "Daily Group Notes: Ana Kowalczyk",
            Attendance.UNKNOWN,
            id="a-name-no-member-label-gives",
        ),
    ],
)
def test_a_title_names_the_member_only_as_the_chart_names_the_member(
    title: str, attendance: Attendance
) -> None:
    from extract.deterministic.extractor import DeterministicExtractor

    intake = chart_doc(
        "INTAKE\nPatient: Walter P. Szymanski\nDOB: 01/02/1960\n",
        kind=DocumentKind.INTAKE_EVALUATION,
    )
    notes = chart_doc(
        f"# {title}\n\n### Monday, April 28, 2025\n"
        "Process group 9:00-10:30 AM (Kowalczyk, LCSW; 5 present). Brought drinking diary.\n",
        kind=DocumentKind.PROGRESS_NOTE,
    )
    result = DeterministicExtractor().extract([intake.document, notes.document])
    (session,) = [f for f in result.facts.sessions]
    assert session.attendance is attendance


def test_a_titles_date_is_the_notes_date_not_a_signature() -> None:
    """ "GROUP PROGRESS NOTES - 03/25/2025" looks like "NAME CRED - date", but "NOTES" is no
    credential: the title dates the note."""
    text = """GROUP PROGRESS NOTES - 03/25/2025
Client: Caden T. Marsh

Coping Skills Group (DBT-informed skills, psychotherapy group)
Time: 4:30 PM - 5:30 PM     Participants: 5     Facilitator: Lauren Mihalik, LCPC
Caden participated minimally at first, then completed the worksheet.
Signed: Lauren Mihalik, LCPC 3/25/2025
"""
    (s,) = sessions_of(text)
    assert (s.date.isoformat(), s.minutes, s.group_size) == ("2025-03-25", 60, 5)


# ------------------------------------------------------------------ day-first documents

DAY_FIRST_LOG = """# Daily programme record

_Dates are written day/month/year._

## 02/09/2025

- 13h00–14h30 · Process Group (group therapy) · D. Whitfield (LMFT) · 9 attending · attended
- 16h45–17h35 · 1:1 therapy · H. Pham (LMFT) · attended

## 25/09/2025

- 13h00–14h30 · CBT Group (group therapy) · H. Pham (LMFT) · cancelled by client (sick)

## Wed 1st October

- 13h00–14h30 · Process Group (group therapy) · H. Pham (LMFT) · attended, arr. 13h15
"""


def test_a_document_whose_dates_can_only_be_day_first_reads_every_numeric_date_so() -> None:
    """ "25/09/2025" can only be day first, so "02/09/2025" is 2 September; a weekday-led
    heading without a year takes the year in which it falls on that weekday; a spaced
    middle dot separates cells, one of which begins with the status; "arr. 13h15" is the
    member's arrival."""
    found = sessions_of(DAY_FIRST_LOG)
    assert [(s.date, s.service_kind, s.attendance, s.start, s.end) for s in found] == [
        (D(2025, 9, 2), GP, Attendance.ATTENDED, T(13, 0), T(14, 30)),
        (
            D(2025, 9, 2),
            ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
            Attendance.ATTENDED,
            T(16, 45),
            T(17, 35),
        ),
        (D(2025, 9, 25), GP, Attendance.CANCELLED, T(13, 0), T(14, 30)),
        (D(2025, 10, 1), GP, Attendance.ATTENDED, T(13, 0), T(14, 30)),
    ]
    assert found[-1].minutes == 75  # arrived 13h15
    (cancelled,) = [ev for ev in found[2].evidence if ev.quote.startswith("cancelled")]
    assert cancelled.quote == "cancelled"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Seen 02/09/2025. Seen 25/09/2025. Seen 26/09/2025.", D(2025, 9, 2), id="shown"
        ),
        # one number that can only be day first is not enough ("Auth #: 24-03-5521")
        pytest.param("Seen 02/09/2025. Seen 25/09/2025.", D(2025, 2, 9), id="one-is-not-enough"),
        pytest.param("Auth #: 24-03-5521. Seen 10/06/2025.", D(2025, 10, 6), id="an-id"),
        pytest.param("Dates are dd/mm/yyyy.\nSeen 02/09/2025.", D(2025, 9, 2), id="said"),
        pytest.param("Seen 02/09/2025. Seen 09/25/2025.", D(2025, 2, 9), id="month-first"),
        pytest.param("Seen 02/09/2025.", D(2025, 2, 9), id="no-evidence-us"),
        # both orders shown: no evidence either way, read month first as before
        pytest.param("Seen 02/09/2025. 25/09/2025. 09/25/2025.", D(2025, 2, 9), id="both"),
        pytest.param(
            "Seen 02.09.25. Seen 25.09.25. Seen 26.09.25.", D(2025, 9, 2), id="dots-two-digit-year"
        ),
    ],
)
def test_the_order_of_numeric_dates_is_what_the_document_shows(text: str, expected: D) -> None:
    assert next(find_dates(text)).date == expected


def test_a_document_that_shows_no_order_takes_the_order_of_the_rest_of_the_chart() -> None:
    """Two documents show day first ("27/08/2025"); the log shows no date that settles the
    order, so its "02/09/2025" is 2 September as in the rest of the chart."""
    notes = chart_doc(
        "SESSION NOTES\n\n1:1 therapy session - 27/08/2025, 16h30-17h20\nClinician: H. Pham, LMFT\n"
        "Client attended and reviewed the mood log.\nSigned 28/08/2025\n",
        kind=DocumentKind.PROGRESS_NOTE,
    )
    letter = chart_doc(
        "REFERRAL LETTER 15/08/2025\nSeen for assessment on 18/08/2025.\n",
        kind=DocumentKind.OTHER,
    )
    log = chart_doc(
        "ATTENDANCE LOG\nDate        Service              Time        Status\n"
        "02/09/2025  Group Psychotherapy  1300-1430   Attended\n"
        "03/09/2025  Group Psychotherapy  1300-1430   Attended\n",
        kind=DocumentKind.ATTENDANCE,
    )
    from extract.deterministic.extractor import DeterministicExtractor

    result = DeterministicExtractor().extract([notes.document, letter.document, log.document])
    dates = sorted(s.date for s in result.facts.sessions)
    assert dates == [D(2025, 8, 27), D(2025, 9, 2), D(2025, 9, 3)]


# ----------------------------------------------------- notes dated by a running page header

RUNNING_HEADER_PAGE = """Riverbend Behavioral Health IOP - Progress Notes
DOS: 04/21/2025      Client: Lindqvist, Nia      MRN: Z51477998
GROUP PSYCHOTHERAPY NOTE - Relapse Prevention Group
The client cancelled ahead of time (called in sick).
Electronically signed by Grace Rosenthal, LCSW on 04/21/2025 at 1:25 PM
PSYCHOEDUCATION GROUP NOTE - Psychoeducation Group
This ninety-minute education group began at a quarter to eleven in the morning. Five
clients were present, including this client. The client left at a quarter to
twelve, thirty minutes before the end, to get to a medical appointment.
Electronically signed by Casey Holloway, LMFT on 04/22/2025 at 1:58 PM
INDIVIDUAL PSYCHOTHERAPY NOTE
No-show: the client did not attend and did not call; an outreach call went to voicemail.
Electronically signed by Grace Rosenthal, LCSW on 04/21/2025 at 3:04 PM
Printed 06/16/2025 3:40 PM      Page 4 of 21
"""


def test_notes_closed_by_their_signatures_under_one_page_header_are_each_a_session() -> None:
    """Each note's heading names its service and a signature closes it, so each is its own
    session on the page header's date, with no time of its own needed; a start and a
    stated length give the end; a status label over words about the client is the status;
    "The client cancelled" is a cancellation."""
    found = sessions_of(RUNNING_HEADER_PAGE)
    assert [(s.date, s.service_kind, s.attendance) for s in found] == [
        (D(2025, 4, 21), GP, Attendance.CANCELLED),
        (D(2025, 4, 21), ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED),
        (D(2025, 4, 21), ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, Attendance.NO_SHOW),
    ]
    education = found[1]
    assert (education.start, education.end, education.member_end) == (
        T(10, 45),
        T(12, 15),
        T(11, 45),
    )
    assert education.minutes == 60
    assert [ev.quote for ev in education.slot_evidence("end")] == [
        "a quarter to eleven in the morning",
        "ninety-minute",
    ]
    assert [ev.quote for ev in found[2].slot_evidence("attendance")] == ["No-show"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Service Date 11-NOV-2025 (Tue)", D(2025, 11, 11)), ("NOVEMBER 11, 2025", D(2025, 11, 11))],
)
def test_months_in_capitals(text: str, expected: D) -> None:
    assert next(find_dates(text)).date == expected


# ------------------------------------------------------------- multi-client census sheets

CENSUS_INTAKE = "REFERRAL AND INTAKE SUMMARY\nClient: Avery Castillo   DOB: 06/08/1964\n"

CENSUS_ROSTER = """Daily Census & Group Sign-In
Census date: Thursday, October 30, 2025
DAILY CENSUS - Thursday, October 30, 2025
GROUP 1   9:00 AM - 10:00 AM   Trauma Processing Group - Group Psychotherapy
Facilitator(s): Casey Oyelaran, LICSW     Topic: grounding
Client Status Mode In Out
Albrecht, Soren No-show
Castillo, Avery Present In person 9:30 AM
Drummond, Nikolai Absent (excused)
GROUP 2   10:10 AM - 11:10 AM   Recovery Education Group - Group Psychoeducation
Facilitator(s): Imani Ferreira, LCSW     Topic: the stages of change
Client Status Mode In Out
Albrecht, Soren Present Video
Castillo, Avery Cancelled
Drummond, Nikolai Present In person
OTHER APPOINTMENTS TODAY
Time Client Service Clinician Status
12:35 PM - 1:20 PM Fairweather, Gwen Individual therapy Quinn Nakamura, LMHC Kept
12:50 PM - 1:40 PM Castillo, Avery Individual therapy Casey Oyelaran, LICSW Kept
"""

CENSUS_LISTS = """Daily Census & Group Sign-In
Census date: 12/26/2025 (Fri)
DAILY CENSUS - 12/26/2025 (Fri)
GROUP 1   5:30 PM - 7:00 PM   Process Group - Group Psychotherapy
Present (3): Eskildsen, Jasper (video); Hargreave, Thea; Prewitt, Dorian
Absent (excused): Castillo, Avery; Stroud, Nikolai
No-show: Ibsen, Hollis
GROUP 2   7:10 PM - 8:40 PM   Recovery Education Group - Group Psychoeducation
Present (4): Bjornstad, Gwen; Eskildsen, Jasper; Hargreave, Thea; Castillo,
Avery (left 8:10 PM); Northcott, Soren
No-show: Stroud, Nikolai
"""


def _chart_sessions(*docs: str) -> list[Session]:
    from extract.deterministic.extractor import DeterministicExtractor

    inputs = [chart_doc(d, kind=DocumentKind.ATTENDANCE).document for d in docs]
    return list(DeterministicExtractor().extract(inputs).facts.sessions)


def test_a_census_sheet_gives_the_members_own_roster_line_not_the_others() -> None:
    """Another client's "No-show" is not the member's; the member's line gives the status
    and its one clock under "In Out" gives the same length read either way (30 minutes);
    another client's appointment is no session of the member's."""
    found = sorted(_chart_sessions(CENSUS_INTAKE, CENSUS_ROSTER), key=lambda s: s.start or T(0))
    assert [(s.service_kind, s.attendance, s.start, s.minutes) for s in found] == [
        (GP, Attendance.ATTENDED, T(9), 30),
        (ServiceKind.GROUP_EDUCATION, Attendance.CANCELLED, T(10, 10), 60),
        (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, Attendance.ATTENDED, T(12, 50), 50),
    ]
    assert [ev.quote for ev in found[0].slot_evidence("attendance")] == ["Present"]


def test_a_roster_clock_that_may_be_the_arrival_or_the_departure_makes_the_length_uncertain() -> (
    None
):
    text = CENSUS_ROSTER.replace("In person 9:30 AM", "In person 9:20 AM")
    first = min(_chart_sessions(CENSUS_INTAKE, text), key=lambda s: s.start or T(0))
    u = first.uncertain_slot("minutes")
    assert u is not None and set(u.values) == {"20", "40"}
    assert [ev.quote for ev in u.evidence] == ["9:20 AM"]


def test_status_lists_give_the_status_of_the_list_that_names_the_member() -> None:
    """ "Absent (excused): Castillo, Avery; ..." is the member's status; a name wrapped
    onto the next line is still the member's; "(left 8:10 PM)" is the departure."""
    found = sorted(_chart_sessions(CENSUS_INTAKE, CENSUS_LISTS), key=lambda s: s.start or T(0))
    assert [(s.attendance, s.start, s.minutes) for s in found] == [
        (Attendance.ABSENT, T(17, 30), 90),
        (Attendance.ATTENDED, T(19, 10), 60),
    ]


# ------------------------------------------------------------ roster matrices (transposed)

FACE_SHEET = "CLIENT FACE SHEET\nName: Marchetti, Elena     DOB: 06/16/1999\n"

MATRIX = """GROUP ATTENDANCE MATRIX - INTENSIVE OUTPATIENT   WEEK 04/28/2025 - 05/04/2025

                                                         Mon      Mon      Wed
                                                         04/28    04/28    04/30
                                                         09:00-   10:10-   09:00-
                                                         10:00    11:10    10:30
CLIENT                    ID         ADMIT     D/C       IPG      MEDED    RPG
------------------------------------------------------------------------------------
Albrecht, Odette          S11586611  03/24/25            N        P        P
Marchetti, Elena          A48482790  04/28/25            P        C        L
Winslow, Thea             S53121701  04/08/25            P        P        A
------------------------------------------------------------------------------------

GROUP KEY
  IPG    = Interpersonal Process Group (Group Psychotherapy / CPT 90853)
  MEDED  = Medication Education Group (Group Psychoeducation)
  RPG    = Relapse Prevention Group (Group Psychotherapy / CPT 90853)
LEGEND
  P = present (in person)   L = present, arrived late   A = absent (excused)   C = cancelled by client   N = no-show (no call)
"""


def test_a_transposed_roster_matrix_gives_the_members_row_under_a_stacked_header() -> None:
    """Rows are clients, columns are sessions whose header stacks the weekday, the date,
    the times and a code a key defines: only the member's row is read (a bare "Name:" on a
    client face sheet names the member); the key is no service. "Arrived late" with no
    member's time documented counts the session's times (RULES.md "Service hours")."""
    found = sorted(_chart_sessions(FACE_SHEET, MATRIX), key=lambda s: (s.date, s.start or T(0)))
    assert [(s.date, s.service_kind, s.attendance, s.start, s.end) for s in found] == [
        (D(2025, 4, 28), GP, Attendance.ATTENDED, T(9), T(10)),
        (D(2025, 4, 28), ServiceKind.GROUP_EDUCATION, Attendance.CANCELLED, T(10, 10), T(11, 10)),
        (D(2025, 4, 30), GP, Attendance.ATTENDED, T(9), T(10, 30)),
    ]
    assert found[-1].uncertain_slot("minutes") is None and found[-1].minutes == 90


def test_a_late_arrival_whose_time_is_documented_but_not_read_is_of_uncertain_length() -> None:
    """The document states the member's arrival time on a line no session was read from:
    the "arrived late" session's length is uncertain, never the full session."""
    text = (
        MATRIX + "LATE ARRIVAL / EARLY DEPARTURE\n  Marchetti, Elena - Wed 04/30: arrived 09:20\n"
    )
    found = sorted(_chart_sessions(FACE_SHEET, text), key=lambda s: (s.date, s.start or T(0)))
    late = found[-1].uncertain_slot("minutes")
    assert late is not None and late.values == ("less than 90", "90")
    assert [ev.quote for ev in late.evidence] == ["L = present, arrived late"]


ROSTER_CSV = """Group Attendance Roster,Week of 02/10/2025
,,,,Tue 02/11/2025,Tue 02/11/2025,Wed 02/12/2025
Client Name,Client ID,Admit Date,Discharge Date,GS-26125,GS-26128,GS-26131
"Abernathy, Maren",A80681013,02/04/2025,,X,C,X
"Albrecht, Ulises",V61507281,01/05/2025,,X,X,A
"""

SESSIONS_CSV = """Session ID,Date,Start,End,Group,Service Type,Facilitator(s),Attendees
GS-26122,02/06/2025,11:30,12:45,Wellness Education Group,Group Psychoeducation,"B. Iverson, LMFT",9
GS-26125,02/11/2025,09:30,11:00,Process Group,Group Psychotherapy,"B. Iverson, LMFT",9
GS-26128,02/11/2025,11:30,12:45,Medication Education Group,Group Psychoeducation,"R. Lindqvist, LMFT",7
GS-26131,02/12/2025,09:30,11:00,CBT Group,Group Psychotherapy,"R. Castillo, LCPC",8
"""


@pytest.mark.parametrize(
    ("key", "marked"),
    [
        # the roster's "X" is a mark of no stated meaning (present in one grid, absent in
        # another): those sessions' attendance is not known
        ("", Attendance.UNKNOWN),
        # its key says what it means
        ("Key: X = present, C = cancelled by client, A = absent\n", Attendance.ATTENDED),
    ],
)
def test_a_roster_grid_joins_the_sessions_it_names_by_id_with_the_table_defining_them(
    key: str, marked: Attendance
) -> None:
    """The member's cells name sessions by id; the table that defines those ids gives
    their times and services; its rows are not the member's sessions by themselves (the
    session on 02/06 no cell of the member's names is dropped)."""
    face = "CLIENT FACE SHEET\nName: Abernathy, Maren     DOB: 10/25/1965\n"
    found = sorted(
        _chart_sessions(face, ROSTER_CSV + key, SESSIONS_CSV),
        key=lambda s: (s.date, s.start or T(0)),
    )
    assert [(s.date, s.service_kind, s.attendance, s.start, s.end) for s in found] == [
        (D(2025, 2, 11), GP, marked, T(9, 30), T(11)),
        (D(2025, 2, 11), ServiceKind.GROUP_EDUCATION, Attendance.CANCELLED, T(11, 30), T(12, 45)),
        (D(2025, 2, 12), GP, marked, T(9, 30), T(11)),
    ]


# ------------------------------------------------- telegraphic daily notes and claim lines

TELEGRAPHIC_NOTES = """Lakeshore Mental Health - IOP DAILY NOTES
Client: Owen Holloway   ID T57901885

11/20/25  IOP day 3
  Grp psychotx 0930-1100 (Relapse Prev) - gave peer feedback
  Psychoed grp 1130-1245 (Med ed) - engaged
  Pt present all groups.
  Case mgmt (housing/benefits) 0845-0915 w/ L. Tibbetts, BSW - done
  -- R. Oyelaran, LMHC  signed 11/21/25

12/23/25  IOP day 21
  Cx by pt - medical appointment. Outreach call x1.
  Missed: Grp psychotx 0930-1100; Psychoed grp 1130-1245
  -- R. Castillo, LMFT  signed 12/23/25
"""


def test_telegraphic_daily_notes() -> None:
    """Charting abbreviations name services ("Grp psychotx", "Psychoed grp", "Case mgmt",
    an aside in parentheses before the time); "Pt present all groups" is every part's
    status; "Missed:" over the services says they were missed, and "Cx by pt" says how."""
    found = sessions_of(TELEGRAPHIC_NOTES)
    assert [(s.date, s.service_kind, s.attendance, s.start) for s in found] == [
        (D(2025, 11, 20), GP, Attendance.ATTENDED, T(9, 30)),
        (D(2025, 11, 20), ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, T(11, 30)),
        (D(2025, 11, 20), ServiceKind.CASE_MANAGEMENT, Attendance.ATTENDED, T(8, 45)),
        (D(2025, 12, 23), GP, Attendance.CANCELLED, T(9, 30)),
        (D(2025, 12, 23), ServiceKind.GROUP_EDUCATION, Attendance.CANCELLED, T(11, 30)),
    ]


def test_a_date_column_written_as_digits_alone() -> None:
    """ "101025" in a "SERV DATE" column is 10/10/2025, not the statement period's date
    above the table."""
    from extract.values.dates import compact_date

    assert compact_date("101025", 0, 6).date == D(2025, 10, 10)  # type: ignore[union-attr]
    assert compact_date("20251010", 0, 8).date == D(2025, 10, 10)  # type: ignore[union-attr]
    assert compact_date("10102025", 0, 8).date == D(2025, 10, 10)  # type: ignore[union-attr]
    assert compact_date("139925", 0, 6) is None


# ------------------------------------------------------------- a relational data extract

PERSON_CSV = "person_id,last_name,first_name,birth_dt,mrn\nP817999,Whitfield,Casey,1992-12-02,W94\n"
GROUPS_CSV = """session_id,program_cd,svc_cd,session_title,start_ts,end_ts,headcount
GS79737,IOP-A,GRP-PSY,Relapse Prevention Group,2025-03-17T13:00:00-05:00,2025-03-17T14:30:00-05:00,6
GS79741,IOP-A,GRP-PSY,Process Group,2025-03-17T14:45:00-05:00,2025-03-17T16:15:00-05:00,8
GS79742,IOP-A,GRP-PSY,Relapse Prevention Group,2025-03-18T13:00:00-05:00,2025-03-18T14:30:00-05:00,7
"""
ATTENDANCE_CSV = """session_id,person_id,status_cd,check_in_ts,check_out_ts
GS79737,P127515,CMP,2025-03-17T13:00:00-05:00,2025-03-17T14:30:00-05:00
GS79737,P817999,CMP,2025-03-17T13:00:00-05:00,2025-03-17T14:30:00-05:00
GS79741,P817999,ABS,,
GS79742,P127515,CMP,2025-03-18T13:00:00-05:00,2025-03-18T14:30:00-05:00
"""
APPOINTMENTS_CSV = """appt_id,person_id,svc_cd,start_ts,end_ts,status_cd,pos_cd
A5933480,P817999,IND-PSY,2025-03-17T16:45:00-05:00,2025-03-17T17:45:00-05:00,NOS,11
A5933488,P817999,CM-T1016,2025-03-18T12:15:00-05:00,2025-03-18T12:45:00-05:00,CMP,11
"""
CODES_CSV = """code_set,code,description
svc_cd,IND-PSY,Individual psychotherapy
svc_cd,CM-T1016,Targeted case management
status_cd,CMP,Completed - client attended
status_cd,NOS,"No-show - client did not attend, no notice"
status_cd,ABS,Absent - excused
"""


def test_a_relational_extract_is_read_by_its_ids_and_code_tables() -> None:
    """The one-row person table names the member's id; attendance rows of other people
    are no one's session of the member's; the member's rows are joined with the groups they
    name by id (the group on 03/18 the member has no row for is not the member's); codes
    mean what the chart's code table says they mean."""
    found = sorted(
        _chart_sessions(PERSON_CSV, GROUPS_CSV, ATTENDANCE_CSV, APPOINTMENTS_CSV, CODES_CSV),
        key=lambda s: (s.date, s.start or T(0)),
    )
    assert [(s.date, s.service_kind, s.attendance, s.start, s.end) for s in found] == [
        (D(2025, 3, 17), GP, Attendance.ATTENDED, T(13), T(14, 30)),
        (D(2025, 3, 17), GP, Attendance.ABSENT, T(14, 45), T(16, 15)),
        (
            D(2025, 3, 17),
            ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
            Attendance.NO_SHOW,
            T(16, 45),
            T(17, 45),
        ),
        (D(2025, 3, 18), ServiceKind.CASE_MANAGEMENT, Attendance.ATTENDED, T(12, 15), T(12, 45)),
    ]


def test_a_list_of_the_programs_groups_says_nothing_of_who_took_part() -> None:
    """A table of all the program's groups with their headcounts, in a document of no one,
    is no attendance of the member's."""
    found = _chart_sessions(GROUPS_CSV)
    assert found and all(s.attendance is Attendance.UNKNOWN for s in found)


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("encounter_id", None),
        ("status_cd", "attendance"),
        ("svc_cd", "code"),
        ("Status Code", "attendance"),
        ("arrive_ts", "member_start"),
        ("headcount", "group_size"),
    ],
)
def test_export_column_names(header: str, role: str | None) -> None:
    from extract.values.vocab import vocab

    assert vocab().role_of(header) == role


def test_rows_of_several_people_are_not_read_when_the_member_is_not_known() -> None:
    """Without a person table naming the member, an attendance table of several people's
    rows is nobody's in particular: no session is read from it, and it is listed as unread
    (so the verdicts it could change are insufficient_evidence, not a confident answer)."""
    from extract.deterministic.extractor import DeterministicExtractor

    docs = [chart_doc(d, kind=DocumentKind.ATTENDANCE).document for d in (ATTENDANCE_CSV,)]
    result = DeterministicExtractor().extract(docs)
    assert list(result.facts.sessions) == []
    assert [u.why for u in result.unread] == [
        "a table of services none of whose rows could be read"
    ]


def test_a_day_sheets_date_field_dates_its_services() -> None:
    """ "Census date:" alone (no dated heading) dates the sheet's services."""
    text = CENSUS_ROSTER.replace("DAILY CENSUS - Thursday, October 30, 2025\n", "")
    found = _chart_sessions(CENSUS_INTAKE, text)
    assert {s.date for s in found} == {D(2025, 10, 30)} and len(found) == 3


def test_a_late_entry_names_its_date_of_service_without_a_year() -> None:
    """ "Late entry for 9/8:" in a note written 9.10.25 documents 9/8 of the year of the
    dates of service before it (not of the birth date on the same note)."""
    text = """PROGRESS NOTE                           Date: 9.10.25
Pt: Marchetti, Quinn   DOB 9.27.78   Acct 69908
Late entry for 9/8: Pt attended Medication Education Grp - psychoed grp 1045am-1215pm.
Staff: T. Nakamura LCPC
e-signed T. Nakamura LCPC 9.10.25 305pm
"""
    (s,) = sessions_of(text)
    assert (s.date, s.service_kind, s.start, s.end) == (
        D(2025, 9, 8),
        ServiceKind.GROUP_EDUCATION,
        T(10, 45),
        T(12, 15),
    )


MULTI_CLIENT_NOTES = """Group Notes Export - 01/15/2025

GROUP NOTE - Process Group
Service: Group Psychotherapy (90853)
Date of Service: 01/15/2025    Start: 9:30 AM    End: 11:00 AM
========================================================================
CLIENT: NOVAK, FRIEDA  DOB 06/24/1982
Attendance: Present - arrived late at 10:15 AM
Electronically signed by Rowan Rosenthal, LCSW on 01/16/2025 at 2:09 PM
========================================================================
CLIENT: KOWALCZYK, TAYLOR  DOB 06/08/1999
Attendance: Present
Response: Mood appeared improved by the end of group.
Electronically signed by Rowan Rosenthal, LCSW on 01/15/2025 at 3:09 PM
========================================================================
CLIENT: MWANGI, NADIA  DOB 02/13/1985
Attendance: No-show
Electronically signed by Rowan Rosenthal, LCSW on 01/16/2025 at 6:30 PM
"""


def test_a_note_of_several_clients_reads_the_members_block_only() -> None:
    """Member labels naming several people make each a client's block: the blocks of
    clients other than the member (named by the face sheet) are about others (another
    client's late arrival or no-show is not the member's)."""
    face = "CLIENT FACE SHEET\nCLIENT: KOWALCZYK, TAYLOR  DOB 06/08/1999\n"
    found = _chart_sessions(face, MULTI_CLIENT_NOTES)
    assert [(s.date, s.attendance, s.start, s.end, s.minutes) for s in found] == [
        (D(2025, 1, 15), Attendance.ATTENDED, T(9, 30), T(11), 90)
    ]
    # with no document naming the member, no block is known to be the member's
    (alone,) = _chart_sessions(MULTI_CLIENT_NOTES)
    assert alone.attendance is Attendance.UNKNOWN


MERGED_TSV = (
    "Sheet: Aug-2025\n"
    "Week\tDate\tDay\tService\tCPT\tStart\tEnd\tHrs\tStatus\tStaff\tNotes\n"
    "Week 1\t8/25/2025\tMon\tTrauma Group (Group Psychotherapy)\t90853\t\t\t1.5\tPresent\tA. Roe\n"
    "\t\t\tIndividual Therapy\t90837\t12:30:00 PM\t1:23:00 PM\t0.88\tPresent\tA. Roe\n"
    "\t\t\tTotal hrs\t\t\t\t2.38\n"
    "\n"
    "Week 2\t9/1/2025\tMon\tGroup Psychotherapy\t90853\t9:00:00 AM\t10:30:00 AM\t1.5\tPresent\tB. Poe\n"
    "\t\t\tPsychoeducation Group\t\t10:45:00 AM\t12:15:00 PM\t1.5\tAbsent\tB. Poe\n"
)


def test_a_flattened_spreadsheet_with_merged_date_cells() -> None:
    """Leading tabs are empty cells, so a row whose date cell was merged away takes the
    date above; a "Total hrs" row is no session; the table goes on after a blank line
    without its header."""
    found = sessions_of(MERGED_TSV)
    assert [(s.date, s.service_kind, s.attendance, s.minutes) for s in found] == [
        (D(2025, 8, 25), GP, Attendance.ATTENDED, 90),
        (D(2025, 8, 25), ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, Attendance.ATTENDED, 53),
        (D(2025, 9, 1), GP, Attendance.ATTENDED, 90),
        (D(2025, 9, 1), ServiceKind.GROUP_EDUCATION, Attendance.ABSENT, 90),
    ]


def test_a_start_stop_label_holds_the_range_and_zero_units_are_no_length() -> None:
    """ "Start-Stop: 16:30 - 17:20" is the range (not only the start); "Units: 0 - not
    billed" is no length (a missed session is not billed)."""
    text = """ 8. Date of Service (DOS): 03/05/2025
     Service: 90834 Individual Therapy
     Start-Stop: 16:30 - 17:20
     Units: 3
     Attendance: Attended

 9. Date of Service (DOS): 03/12/2025
     Service: 90853 Group Psychotherapy
     Start-Stop: 14:45 - 16:15 (scheduled)
     Units (15 min): 0 - not billed
     Attendance: No-show
"""
    found = sessions_of(text)
    assert [(s.date, s.attendance, s.start, s.end, s.minutes) for s in found] == [
        (D(2025, 3, 5), Attendance.ATTENDED, T(16, 30), T(17, 20), 50),
        (D(2025, 3, 12), Attendance.NO_SHOW, T(14, 45), T(16, 15), 90),
    ]


CALENDAR_MONTH = """CALENDAR KEY / LEGEND
  G1   Group Psychotherapy        9:00 AM - 10:30 AM
  G2   Psychoeducation Group      10:45 AM - 12:15 PM
  IT   Individual therapy (minutes shown, e.g. IT 50m)

  P  = present            A  = absent (excused)      NS = no show
  v  = attended by video (telehealth)      CLOSED = program closed

                          October 2025
+------------+------------+------------+--------+
| Wed        | Thu        | Fri        | Wk hrs |
+------------+------------+------------+--------+
| 1          | 2          | 3          |        |
| G1 P       | G1 Pv      |            |   6.88 |
| G2 P       | G2 NS      |            |        |
| IT 53m v   |            |            |        |
+------------+------------+------------+--------+
| 8          | 9          | 10         |        |
| G1 A / G2 P| G1 P       |            |      3 |
+------------+------------+------------+--------+
"""


def test_a_months_calendar_reads_each_days_entries() -> None:
    """The day is its column's number above, the month is named above the calendar; each
    entry names its service by the key's code (its times too) and its status by the
    legend ("Pv": present, by video); a length alone ("IT 53m v") is attended."""
    found = sorted(sessions_of(CALENDAR_MONTH), key=lambda s: (s.date, s.start or T(23, 59)))
    assert [(s.date, s.service_kind, s.attendance, s.minutes) for s in found] == [
        (D(2025, 10, 1), GP, Attendance.ATTENDED, 90),
        (D(2025, 10, 1), ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, 90),
        (D(2025, 10, 1), ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, Attendance.ATTENDED, 53),
        (D(2025, 10, 2), GP, Attendance.ATTENDED, 90),
        (D(2025, 10, 2), ServiceKind.GROUP_EDUCATION, Attendance.NO_SHOW, 90),
        (D(2025, 10, 8), GP, Attendance.ABSENT, 90),
        (D(2025, 10, 8), ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, 90),
        (D(2025, 10, 9), GP, Attendance.ATTENDED, 90),
    ]


# ------------------------------------------------- a reviewer's counter-examples (session 4)


@pytest.mark.parametrize(
    "aside",
    [
        "Refused: pt refused vitals this morning",
        "Missed: pt reports she missed 2 doses of sertraline",
        "Absent: her father (at work)",
        "Client cancelled her PCP appointment to attend group today.",
    ],
)
def test_an_aside_about_something_else_is_not_the_sessions_status(aside: str) -> None:
    text = (
        "GROUP NOTE\nDate of Service: 10/06/2025   Time: 9:00 AM - 12:00 PM\n"
        "Service: Group psychotherapy\n"
        f"{aside}\nPt participated actively in group discussion.\n"
    )
    (s,) = sessions_of(text)
    assert s.attendance is Attendance.ATTENDED


def test_all_groups_except_one_is_no_status_for_every_part() -> None:
    text = (
        "10/06/25  IOP day 3\n"
        "  Grp psychotx 0930-1100 - engaged\n"
        "  Psychoed grp 1130-1245 - not attended\n"
        "  Pt attended all groups except psychoed - left at 1115 for MD appt.\n"
    )
    found = sessions_of(text)
    assert found[1].attendance is not Attendance.ATTENDED or found[1].minutes != 75


def test_a_meeting_with_someone_else_is_not_the_sessions_length() -> None:
    text = (
        "GROUP NOTE\nDate of Service: 10/06/2025\nService: Group psychotherapy\n"
        "Pt had a 20-minute meeting with her case manager after group.\n"
        "Pt participated actively.\n"
    )
    (s,) = sessions_of(text)
    assert s.minutes is None


def test_a_weekday_grid_under_a_week_ending_date_is_not_dated_from_it() -> None:
    """ "Week ending: 10/10/2025" is no week's start: Monday is not the 13th."""
    text = (
        "Week ending: 10/10/2025\n"
        "Service                     Mon  Tue  Wed  Thu  Fri\n"
        "Process Group 9:00-10:30    P    P    P    P    P\n"
        "CBT Group 10:45-12:15       P    P    P    P    P\n"
    )
    assert all(s.date <= D(2025, 10, 10) for s in sessions_of(text))


def test_a_calendars_first_row_may_end_the_month_before() -> None:
    text = """October 2025
+------+------+------+------+------+
| Mon  | Tue  | Wed  | Thu  | Fri  |
+------+------+------+------+------+
| 29   | 30   | 1    | 2    | 3    |
| G1 P | G1 P | G1 P | G1 P |      |
+------+------+------+------+------+
| 6    | 7    | 8    | 9    | 10   |
| G1 P |      | G1 P |      |      |
+------+------+------+------+------+
"""
    dates = sorted(s.date for s in sessions_of(text))
    assert dates[:2] == [D(2025, 9, 29), D(2025, 9, 30)] and D(2025, 10, 1) in dates


SHORTHAND = """IOP TRACK - SHORTHAND SESSION NOTES - MARCH 2026
Codes: PG process group (group therapy) . ED psychoeducation group . IT individual counseling
       UDS urine drug screen . CM case management
Marks: ✓ attended . NS no-show . X cancelled. Groups list n = members present.
Mon 3/2/26
  PG  930-11a   ✓ n7 AB — quiet; listened; 5 present agreed.
  ED  1115-12p  NS AB — no call, no show.
Tue 3/3/26
  UDS 840-850a  ✓ CD — observed collection at check-in
  IT  10-1050a  ✓ CD — grief timeline; missed doses discussed.
  PG  1-230p    X EF — cancelled by program, staff out
"""


def test_shorthand_lines_read_by_the_documents_own_codes() -> None:
    """Lines led by a code the document defines on a separated list ("PG process group
    (group therapy) . ED ..."), times whose am/pm is written once at the end ("930-11a"),
    and marks from the list ("✓", "NS", "X") before the narrative dash; words after the
    dash ("missed doses") are not the status, nor is a headcount ("5 present")."""
    found = sessions_of(SHORTHAND)
    got = [(s.date, s.service_kind, s.start, s.end, s.attendance) for s in found]
    assert got == [
        (D(2026, 3, 2), ServiceKind.GROUP_PSYCHOTHERAPY, T(9, 30), T(11), Attendance.ATTENDED),
        (D(2026, 3, 2), ServiceKind.GROUP_EDUCATION, T(11, 15), T(12), Attendance.NO_SHOW),
        (D(2026, 3, 3), ServiceKind.TOXICOLOGY, T(8, 40), T(8, 50), Attendance.ATTENDED),
        (
            D(2026, 3, 3),
            ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
            T(10),
            T(10, 50),
            Attendance.ATTENDED,
        ),
        (D(2026, 3, 3), ServiceKind.GROUP_PSYCHOTHERAPY, T(13), T(14, 30), Attendance.CANCELLED),
    ]
    ud = found[2]
    kind_slot = next(x for x in ud.slots if x.slot == "kind")
    assert kind_slot.evidence[0].quote == "UDS"


NOTES_WITH_A_DISCHARGE_NOTE = """Harbor IOP - PROGRESS NOTES
Client: Grace Lind   MRN: T1

SESSION #1
GROUP THERAPY
DOS: 6/23/25   Time: 17:30-19:00   Staff: Imani Ray, LMHC
Note: Member attended and shared about coping with shame.
Electronically signed: Imani Ray, LMHC 6/23/25 1935

DISCHARGE NOTE
Date: 6/24/25   Staff: Maren Hall, PsyD
Member discharged from IOP on 6/24/25; treatment goals partially met. Plan: weekly therapy.
Electronically signed: Maren Hall, PsyD 6/24/25
"""


def test_a_note_headed_as_a_discharge_note_is_no_session() -> None:
    found = sessions_of(NOTES_WITH_A_DISCHARGE_NOTE)
    assert [(s.date, s.service_kind) for s in found] == [
        (D(2025, 6, 23), ServiceKind.GROUP_PSYCHOTHERAPY)
    ]


def test_the_members_charted_status_is_no_roster_line() -> None:
    """ "Client DNA – no contact (no-show)" is the member's status, not a line listing a
    person called "Client DNA"."""
    text = (
        "### Family session — 03/18/2026, 1:15-2:05 PM\n\n"
        "Clinician: Riley Abe, LMHC\n"
        "Client DNA – no contact (no-show). Follow-up call made.\n"
    )
    (s,) = sessions_of(text)
    assert (s.service_kind, s.attendance) == (ServiceKind.FAMILY_COUNSELING, Attendance.NO_SHOW)


CASE_MANAGEMENT_NOTE = """SAWTOOTH RIDGE COUNSELING - TARGETED CASE MANAGEMENT NOTE (billed separately, T1017)
Member: Tobias Renquist   ID 0061
Date: 10/08/2025   Time: 1400-1430   Location: office   Case manager: Gideon Frye, BSW

Purpose: linkage for housing deposit assistance.
Outcome: application submitted.

Gideon Frye, BSW   10/08/2025 1445
"""


def test_a_title_with_an_aside_heads_the_note_it_dates() -> None:
    """A capitals title with a parenthetical aside is a heading, so the "Date:" below it
    dates the service rather than a signature after a body."""
    (s,) = sessions_of(CASE_MANAGEMENT_NOTE)
    assert (s.date, s.service_kind, s.start, s.end) == (
        D(2025, 10, 8),
        ServiceKind.CASE_MANAGEMENT,
        T(14),
        T(14, 30),
    )


CLAIM_LINES = """CLAIM DETAIL (CMS-1500, box 24 extract)
Codes: H0015 = alcohol/drug intensive outpatient, per diem; T1017 = targeted case management

24A FROM  TO        POS  CPT/HCPCS MOD  UNITS  CHARGES   DX PTR   PRIOR AUTH
--------  --------  ---  --------- ---  -----  --------  -------  -------------
10/07/25  10/07/25  11   H0015           1    $185.00   F10.20   OID-25-771402
10/08/25  10/08/25  11   H0015           1    $185.00   F10.20   OID-25-771402
10/08/25  10/08/25  11   T1017   HF      2     $42.00   F10.20   --
"""


def test_claim_lines_under_a_ruled_header_name_their_codes() -> None:
    """A header set off by a rule of column dashes is the table's header even when a
    name begins with a digit ("24A FROM"); "11   H0015" is a place of service and a code,
    not an 11-hour length."""
    found = sessions_of(CLAIM_LINES)
    assert [(s.date, s.service_kind, s.stated_minutes) for s in found] == [
        (D(2025, 10, 8), ServiceKind.CASE_MANAGEMENT, None),
    ]


NOTES_HEADED_BY_ONE_ROW_TABLES = (
    "North Valley Counseling\nGROUP PROGRESS NOTE\n"
    "Client:\tVictor K\tDOB:\t01/23/1989\n"
    "Date of Service\tStart\tEnd\tService\n"
    "12/10/2025\t13:00\t14:30\t90853 – Group Psychotherapy\n\n"
    "Facilitator(s): Yara Beaumont, LMHC\nNarrative:\nAttentive; completed the worksheet.\n\n"
    "North Valley Counseling\nMISSED SESSION NOTE\n"
    "Client:\tVictor K\tDOB:\t01/23/1989\n"
    "Date of Service\tScheduled\tService\n"
    "12/11/2025\t13:00-14:30\t90853 – Interpersonal Process Group (Group Psychotherapy)\n\n"
    "Attendance: No-show\nNarrative:\nClient did not attend; outreach call placed.\n"
)


def test_a_one_row_table_heading_a_note_reads_the_notes_attendance() -> None:
    """Notes whose header is a one-row table: each row reads its own note's fields, so a
    missed-session note's "Attendance: No-show" is the row's, and the tab-separated
    "Client:  ...  DOB:  ..." line above is a form line, not the table's first row."""
    found = sessions_of(NOTES_HEADED_BY_ONE_ROW_TABLES)
    assert [(s.date, s.start, s.attendance) for s in found] == [
        (D(2025, 12, 10), T(13), Attendance.ATTENDED),
        (D(2025, 12, 11), T(13), Attendance.NO_SHOW),
    ]
    missed = next(x for x in found[1].slots if x.slot == "attendance")
    assert [e.quote for e in missed.evidence] == ["No-show"]


DISCHARGE_NOTE_WITH_A_LAST_SESSION = """# Discharge Note - OTP IOP (left against clinical advice)
- **Discharge date:** May 16, 2025

05/16/2025 9:00 AM process group: no-show. She telephoned at 10:15 AM to say she would
not return to the IOP. She attended process group regularly until then.
"""


def test_a_discharge_notes_line_that_records_a_service_is_a_session() -> None:
    """In a discharge note, a line with a date, a named service and its status is that
    service's record; the summary around it ("attended regularly") is not."""
    found = sessions_of_kind(DISCHARGE_NOTE_WITH_A_LAST_SESSION, DocumentKind.DISCHARGE_SUMMARY)
    assert [(s.date, s.service_kind, s.attendance) for s in found] == [
        (D(2025, 5, 16), ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.NO_SHOW)
    ]


def sessions_of_kind(text: str, kind: DocumentKind) -> list[Session]:
    return extract_sessions(chart_doc(text, kind=kind))


FHIR_TABLES = (
    "Patient\nname.family\tname.given\tbirthDate\nRuiz\tAna\t1980-01-02\n\n"
    "EpisodeOfCare\nstatus\ttype.text\tperiod.start\tperiod.end\n"
    "finished\tIntensive Outpatient Program (IOP)\t2025-05-19\t2025-06-05\n"
    "active\tIntensive Outpatient Program (IOP)\t2025-06-06\t2025-07-05\n\n"
    "Encounter\nsession-attendance.valueCoding.display\tstatus\ttype.coding.code\t"
    "type.text\tperiod.start\tperiod.end\n"
    "Present\tfinished\tG0177\tRecovery Education Group (Psychoeducation Group)\t"
    "2025-05-19T19:10:00-07:00\t2025-05-19T20:40:00-07:00\n"
    "No show\tcancelled\t90853\tProcess Group\t2025-05-20T17:30:00-07:00\t"
    "2025-05-20T19:00:00-07:00\n"
)


def test_a_data_exports_key_paths_name_its_columns() -> None:
    """Key-path columns ("period.start", "type.text") take the role of their last key
    ("session-attendance.valueCoding.display": attendance); a service's name says more
    than the code beside it ("G0177" is patient education alone, but "... Group
    (Psychoeducation Group)" is a group); a birth date anchors no service, nor does a
    period from one day to another (an episode of care)."""
    found = sessions_of(FHIR_TABLES)
    assert [(s.date, s.service_kind, s.start, s.end, s.attendance) for s in found] == [
        (D(2025, 5, 19), ServiceKind.GROUP_EDUCATION, T(19, 10), T(20, 40), Attendance.ATTENDED),
        (
            D(2025, 5, 20),
            ServiceKind.GROUP_PSYCHOTHERAPY,
            T(17, 30),
            T(19),
            Attendance.NO_SHOW,
        ),
    ]


BOX_GRID = (
    "Date       Service            Time          P   A   NS  C   IP  TH\n"
    "---------  -----------------  ------------  --  --  --  --  --  --\n"
    "12/01/25   Process Group      1:00p-2:30p   [ ] [ ] [X] [ ] [ ] [ ]\n"
    "12/03/25   Process Group      1:00p-2:30p   [X] [ ] [ ] [ ] [X] [ ]\n"
    "12/05/25   Process Group      1:00p-2:30p   [ ] [ ] [ ] [ ] [ ] [ ]\n"
    "\nP = Present   A = Absent   NS = No-show   C = Cancelled\n"
)


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        pytest.param(
            BOX_GRID,
            [Attendance.NO_SHOW, Attendance.ATTENDED, Attendance.UNKNOWN],
            id="bracket-boxes",
        ),
        pytest.param(
            BOX_GRID.replace("[ ]", "   ").replace("[X]", " X "),
            [Attendance.NO_SHOW, Attendance.ATTENDED, Attendance.UNKNOWN],
            id="an-x-under-a-status-column",
        ),
    ],
)
def test_a_grid_of_check_box_columns_says_the_ticked_columns_status(
    text: str, statuses: list[Attendance]
) -> None:
    """Check-box columns headed by status codes: the ticked column's header is the
    status ("X" under "NS" is a no-show, not the code "X" for attended); a row with no
    box ticked says nothing (no "delivered log" default)."""
    assert [s.attendance for s in sessions_of(text)] == statuses


VISIT_SUMMARY = """AFTER-VISIT SUMMARY

Prepared for: Rowan Mac
Visit day: Thursday, the twentieth of February, 2025

You took part in the CBT Group (a group therapy session), led by Yara Iverson,
LMFT. It ran from half past five until seven in the evening. You attended in
person at the clinic.

You took part in the Psychoeducation Group (a psychoeducation group), led by
Lucia Oyelaran, LMHC. It lasted an hour and a quarter. You attended in person at
the clinic.

Before your next visit: Remember to keep a regular bedtime this week.
"""


def test_a_summary_in_words_tells_a_service_a_paragraph() -> None:
    """The date in words under "Visit day:", a paragraph of sentences for each service
    with its time or length in words ("It lasted an hour and a quarter")."""
    found = sessions_of(VISIT_SUMMARY)
    assert [(s.date, s.service_kind, s.start, s.minutes) for s in found] == [
        (D(2025, 2, 20), ServiceKind.GROUP_PSYCHOTHERAPY, T(17, 30), 90),
        (D(2025, 2, 20), ServiceKind.GROUP_EDUCATION, None, 75),
    ]


# --------------------------------------------------------------------------- boxed cards

BOX_CARDS = """CLIENT ACTIVITY LEDGER
Client: DOE, JANE      MRN 1001

+----------------------------------------------------------------+
| ACT 31874 | Mon 11 May 2026 | Track: OTP-IOP                   |
| Activity : Recovery Process Group [GRP-RPG]                    |
| Sched    : 0900-1030      Client in/out : 0900 / 1030          |
| Staff    : H. Castellanos, LICDC-CS          Census : 8        |
| Outcome  : PRESENT                                             |
+----------------------------------------------------------------+
| ACT 31877 | Mon 11 May 2026 | Track: OTP-IOP                   |
| Activity : Individual Counseling [IND-50]                      |
| Sched    : 1045-1135      Client in/out : -- / --              |
| Staff    : P. Raman, LSW                                       |
| Outcome  : NO SHOW                                             |
+----------------------------------------------------------------+
| ACT 31880 | Tue 12 May 2026 | Track: OTP-IOP                   |
| Activity : Recovery Process Group [GRP-RPG]                    |
| Sched    : 0900-1030      Client in/out : -- / --              |
| Outcome  : NOT HELD - center closed (holiday)                  |
+----------------------------------------------------------------+
"""


def test_cards_in_ascii_boxes_are_one_session_each() -> None:
    """A box's borders frame fields; a date in a cell of its own heads each card."""
    found = sessions_of(BOX_CARDS)
    assert rows(found) == [
        (D(2026, 5, 11), GP, Attendance.ATTENDED, T(9, 0), T(10, 30)),
        (
            D(2026, 5, 11),
            ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
            Attendance.NO_SHOW,
            T(10, 45),
            T(11, 35),
        ),
        (D(2026, 5, 12), GP, Attendance.PROGRAM_CLOSED, T(9, 0), T(10, 30)),
    ]
    first, second, _ = found
    assert at(BOX_CARDS, "11 May 2026") in spans(first)
    assert at(BOX_CARDS, "PRESENT") in spans(first)
    assert at(BOX_CARDS, "NO SHOW") in spans(second)
    assert [(p.name, p.credentials) for p in first.facilitators] == [("H. Castellanos", ("LADC",))]
    assert [(p.name, p.credentials) for p in second.facilitators] == [("P. Raman", ("LSW",))]
    assert first.group_size == 8


FLOWSHEET = (
    "IOP NURSING FLOWSHEET\n"
    "contact_date\ttime_in\ttime_out\tcontact\tnote\tdocumented_by\n"
    "05/13/2026\t11:50\t12:05\tIOP nursing check\tSleep hygiene teaching\tC. Marsh, RN\n"
    "05/27/2026\t12:05\t12:15\tMedication administration\t"
    "Buprenorphine extended-release (Sublocade) 300 mg subcut; tolerated\tC. Marsh, RN\n"
    "05/29/2026\t12:05\t12:10\tMedication administration\t"
    "Paliperidone palmitate 156 mg IM; tolerated\tC. Marsh, RN\n"
)


def test_a_medication_administration_naming_an_oud_drug_is_oud_dosing() -> None:
    """Giving buprenorphine is OUD medication dosing, whatever the row calls the service;
    another drug's administration stays a medication administration."""
    nursing, dosing, injection = sessions_of(FLOWSHEET)
    assert nursing.service_kind is ServiceKind.PSYCHIATRIC_NURSING
    assert dosing.service_kind is ServiceKind.OUD_MEDICATION_DOSING
    assert at(FLOWSHEET, "Buprenorphine") in spans(dosing)
    assert injection.service_kind is ServiceKind.MEDICATION_ADMINISTRATION


BOX_REPORT = """ATTENDANCE & SERVICE DETAIL REPORT
┌────────────┬─────────────┬──────────────────────┬─────────┐
│ Date       │ Scheduled   │ Service              │ Status  │
├────────────┼─────────────┼──────────────────────┼─────────┤
│ 07/14/2025 │ 10:10-11:10 │ Recovery Education   │ Present │
│            │             │ Group                │         │
├────────────┼─────────────┼──────────────────────┼─────────┤
│ 07/15/2025 │ 09:00-10:00 │ Interpersonal        │ No-show │
│            │             │ Process Group        │         │
└────────────┴─────────────┴──────────────────────┴─────────┘
"""


def test_a_service_name_wrapped_in_a_box_drawing_table() -> None:
    education, process = sessions_of(BOX_REPORT)
    assert rows([education, process]) == [
        (D(2025, 7, 14), ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, T(10, 10), T(11, 10)),
        (D(2025, 7, 15), GP, Attendance.NO_SHOW, T(9), T(10)),
    ]
    quotes = [q for _, _, q in spans(education)]
    assert "Recovery Education" in quotes and "Group" in quotes


DAYBOOK = (
    "clinician\tcred\tdate\ttime\tactivity\tclient status\n"
    "Haldane-Cruz, R\tLCPC\tTue 17-Mar-2026\t09.00-10.30\tMH process group\t"
    "present - in 10.05 (late, car trouble), out 10.30\n"
    "Traversi, J\tCADC\tTue 17-Mar-2026\t10.45-12.15\tSUD relapse-prevention group\tpresent\n"
)


def test_the_members_in_and_out_in_a_status_with_dotted_times() -> None:
    """The member's own times written in the status ("in 10.05 ... out 10.30") give the
    length, not the group's scheduled 90 minutes."""
    late, on_time = sessions_of(DAYBOOK)
    assert (late.start, late.end, late.member_start, late.member_end) == (
        T(9),
        T(10, 30),
        T(10, 5),
        T(10, 30),
    )
    assert late.minutes == 25
    assert at(DAYBOOK, "in 10.05") in spans(late)
    assert on_time.minutes == 90


def test_a_credential_column_gives_the_row_staffs_credential() -> None:
    late, on_time = sessions_of(DAYBOOK)
    [who] = late.facilitators
    assert (who.name, who.credentials) == ("Haldane-Cruz, R", ("LCPC",))
    assert [(e.start, e.end, e.quote) for e in who.evidence] == [
        at(DAYBOOK, "Haldane-Cruz, R"),
        at(DAYBOOK, "LCPC"),
    ]
    assert [p.credentials for p in on_time.facilitators] == [("CADC",)]


LOCALE_CSV = (
    "Svc date;From;To;Present from;Present to;Duration (h);Service;Status\n"
    "02.09.25;14.45;16.15;;;1,50;Interpersonal Process Group (90853);present\n"
    "03.09.25;09.00;10.30;09.20;10.30;1,17;Process Group (90853);present - late\n"
    "04.09.25;16.45;17.45;;;;Family Therapy (90847);no show\n"
)


def test_a_european_locale_export_from_to_columns_and_decimal_comma_hours() -> None:
    """Semicolons, dd.mm.yy dates, "From"/"To" columns with dotted times, the member's
    own "Present from/to", and hours with a decimal comma."""
    first, late, missed = sessions_of(LOCALE_CSV)
    assert (first.date, first.start, first.end, first.minutes) == (
        D(2025, 9, 2),
        T(14, 45),
        T(16, 15),
        90,
    )
    assert (late.member_start, late.member_end, late.minutes) == (T(9, 20), T(10, 30), 70)
    assert missed.attendance is Attendance.NO_SHOW
    assert at(LOCALE_CSV, "14.45") in spans(first)


TRANSPOSED = """IOP MINUTES-ATTENDED WORKSHEET (client minutes per service and day)

=== Week of 09/01/2025 ==========================================
SERVICE / SLOT                     MON      TUE      WED   TOTAL
                                   9/1      9/2      9/3
Group Therapy 1:00p-2:30p                    90       90     180
   clients in group                           8        7
-----------------------------------------------------------------
DAILY TOTAL (counted min)                    90       90     180

=== Week of 09/08/2025 ==========================================
SERVICE / SLOT                     MON      TUE      WED   TOTAL
                                   9/8      9/9     9/10
Group Therapy 1:00p-2:30p           90       90              180
   clients in group                 10        6
-----------------------------------------------------------------
DAILY TOTAL (counted min)           90       90              180
"""


def test_a_grid_of_services_by_day_repeated_per_week() -> None:
    """Each week's grid is its own table (a heading between rules starts a section, even
    when every week repeats it); the row of dates under the weekdays and the "clients in
    group" row under a group are not services."""
    found = sessions_of(TRANSPOSED)
    assert [(s.date, s.service_kind, s.start) for s in found] == [
        (D(2025, 9, 2), GP, T(13)),
        (D(2025, 9, 3), GP, T(13)),
        (D(2025, 9, 8), GP, T(13)),
        (D(2025, 9, 9), GP, T(13)),
    ]


def test_a_grid_of_the_members_minutes_gives_the_minutes_attended() -> None:
    """In a grid of the client's minutes, a cell under a group's slot (1:00p-2:30p) with
    fewer minutes than the slot is the member's length."""
    late = TRANSPOSED.replace(
        "9/2      9/3\nGroup Therapy 1:00p-2:30p                    90       90",
        "9/2      9/3\nGroup Therapy 1:00p-2:30p                    90       75",
    )
    found = sessions_of(late)
    assert [s.minutes for s in found][:2] == [90, 75]
    assert found[1].start is None  # the slot's times are not the member's


FLAT_FORM = """INTENSIVE OUTPATIENT PROGRAM - DAILY GROUP NOTE

Date of Service: 09/09/2025

GROUP 1
-------
Group 1 scheduled                 Group title
9:00 AM - 10:30 AM                Trauma Processing Group
☒ Group Psychotherapy   ☐ Psychoeducation
Time In                         Time Out
| 0 9 : 3 0 | ☒ AM ☐ PM         | 1 0 : 3 0 | ☒ AM ☐ PM
"""


def test_lines_of_a_form_laid_out_like_a_table_are_not_services() -> None:
    """Under a note's date, a line of check boxes or of captions has no time, length or
    status of its own: only the scheduled group is a service."""
    found = sessions_of(FLAT_FORM)
    assert [(s.date, s.start, s.end) for s in found] == [(D(2025, 9, 9), T(9), T(10, 30))]


def test_a_session_whose_member_times_are_written_but_unread_has_no_sure_length(
    tmp_path: Path,
) -> None:
    """The member's "Time In" is a comb field nobody can read: the group's 90 scheduled
    minutes are not the member's length, so the length is uncertain."""
    from pipeline.review import review_chart

    (tmp_path / "note.txt").write_text(FLAT_FORM, encoding="utf-8")
    result = review_chart([tmp_path], policy="medicare-iop")
    [session] = [s for s in result.record.facts.sessions if s.start == T(9)]
    doubt = session.uncertain_slot("minutes")
    assert doubt is not None and doubt.values[0] == "90"


def test_visit_summaries_dated_in_the_year_they_state_with_a_schedule_line_between() -> None:
    """A visit summary dated without a year ("Visit: Monday the 9th of June") in a report
    that states its year; the program's recurring schedule ("groups meet Mon/Wed/Fri,
    5.30-8.40 pm") is no session's time; each sentence with its own time is a service."""
    text = (
        "PRAIRIE LIGHT BEHAVIORAL SERVICES\n"
        "Intensive Outpatient Programme -- Visit Summaries -- Calendar Year 2025\n"
        "Client: Lucia Oyelaran    DOB 3/18/1950\n\n"
        "Visit: Monday the 9th of June\n"
        "Programme track: Evening IOP -- groups meet Mon/Wed/Fri, 5.30-8.40 pm\n"
        "Visit narrative\n"
        "Lucia attended Trauma Process Group, 5:30 PM - 7:00 PM (facilitated by Quinn "
        "Achebe, LMFT; 10 clients in group).\n"
        "Lucia attended Psychoeducation Group, 7:10 PM - 8:40 PM (facilitated by Victor "
        "Abernathy, PsyD; 5 clients in group).\n"
    )
    found = sessions_of(text)
    assert [(s.date, s.start, s.end) for s in found] == [
        (D(2025, 6, 9), T(17, 30), T(19)),
        (D(2025, 6, 9), T(19, 10), T(20, 40)),
    ]


def test_a_note_header_right_under_the_last_notes_sign_off_starts_the_next_note() -> None:
    """No blank line between one note's body and sign-off and the next note's header:
    each note keeps its own body (it was credited to the note after it)."""
    from extract.deterministic.extractor import DeterministicExtractor

    note = (
        "GROUP NOTE   DOS: 03/{d:02d}/2025\n"
        "Group psychotherapy, 9:00-10:30, in person\n\n"
        "Intervention: relapse-prevention topic number {d}.\n"
        "Response: Member named trigger number {d}.\n"
        "Facilitator: Jane Roe, LCSW\n"
    )
    text = "".join(note.format(d=d) for d in (3, 4, 5))
    doc = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE).document
    found = DeterministicExtractor().extract([doc]).facts.sessions
    assert [s.date for s in found] == [D(2025, 3, 3), D(2025, 3, 4), D(2025, 3, 5)]
    for s, d in zip(found, (3, 4, 5), strict=True):
        response = next(e for e in s.elements if e.name == "response")
        quote = f"Member named trigger number {d}."
        start = text.index(quote)
        assert (response.evidence[0].start, response.evidence[0].end) == (start, start + len(quote))


def test_how_long_the_member_took_part_is_the_services_length() -> None:
    """A visit summary saying "It lasted an hour and a quarter. You left fifteen minutes
    before the end, so you took part for an hour": the member's hour counts, not the
    group's 75 minutes; a length after "lasted" on the next line is read too."""
    from extract.deterministic.extractor import DeterministicExtractor

    text = (
        "AFTER-VISIT SUMMARY\n"
        "Visit day: Friday, August eighth, 2025\n\n"
        "- You took part in the Wellness Education Group (a psychoeducation group), led\n"
        "  by Quinn Holloway. It lasted an hour and a quarter. You left fifteen minutes\n"
        "  before the end, so you took part for an hour. You attended in person.\n"
        "- You took part in the Process Group (a group therapy session), led by Casey\n"
        "  Lindqvist. It began at nine in the morning and lasted\n"
        "  an hour and a half. You attended in person.\n"
    )
    doc = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE).document
    found = DeterministicExtractor().extract([doc]).facts.sessions
    by_kind = {s.service_kind.value: s for s in found}
    education = by_kind["group_education"]
    assert (education.date, education.minutes) == (D(2025, 8, 8), 60.0)
    [ev] = education.slot_evidence("minutes")
    start = text.index("an hour. You attended")
    assert (ev.start, ev.end, ev.quote) == (start, start + 7, "an hour")
    process = by_kind["group_psychotherapy"]
    assert (process.start, process.minutes) == (T(9, 0), 90.0)
