"""Forms flattened to text: a block of labels, then their values in the same order; rows of
check boxes; a date that is the value of a label ending the line above."""

from __future__ import annotations

import pytest

from core.data import DocumentKind
from extract.deterministic.extractor import DeterministicExtractor
from extract.layout import layout_of
from extract.values.boxes import ticked_options
from tests.chartdocs import chart_doc

FORM = """Behavioral Health Service Note
Client:
Date of service:
Service:
Iverson, Casey
06/02/2025
Interpersonal Process Group
Time in:
Time out:
5:30pm
7:00pm
Attendance:
Modality:
[ ] Present  [*] No-show  [ ] Cancelled
[ ] In person  [*] Video  [ ] Phone
Narrative:
Client did not attend.
"""


def _fields(text: str) -> list[tuple[str, str, int]]:
    layout = layout_of(chart_doc(text).document)
    return [(f.label, layout.text[f.start : f.end], f.line) for f in layout.fields]


def test_labels_listed_before_their_values_are_paired_in_order() -> None:
    assert _fields(FORM) == [
        ("Client", "Iverson, Casey", 4),
        ("Date of service", "06/02/2025", 5),
        ("Service", "Interpersonal Process Group", 6),
        ("Time in", "5:30pm", 9),
        ("Time out", "7:00pm", 10),
        ("Attendance", "[ ] Present  [*] No-show  [ ] Cancelled", 13),
        ("Modality", "[ ] In person  [*] Video  [ ] Phone", 14),
        ("Narrative", "", 15),  # one label alone: its value is the text below, as always
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a date-led log under two labels: no value has its label's shape
        "IOP Attendance Record\nAttendance:\nDates:\n06/02/2025 Present\n06/04/2025 Present\n\n",
        # a value missing: "Next group" would take the service's name, "Service" a date
        "Service:\nDate of service:\nNext group:\n06/04/2025\n06/11/2025 5:30pm\nProcess Group\n\n",
        # a time label over a status
        "Time in:\nTime out:\nAttendance:\n5:30pm\nAbsent\nClient called to cancel.\n\n",
        # a signature block is not a form's fields
        "Clinician signature:\nDate:\nJane Roe, LCSW\nReviewed 06/20/2025\n\n",
    ],
)
def test_a_block_pairs_only_when_every_value_has_its_labels_shape(text: str) -> None:
    assert all(value == "" for _, value, _ in _fields(text))


@pytest.mark.parametrize(
    "text",
    [
        # more values than labels: not a block of this form (the values run on)
        "Client:\nService:\nIverson, Casey\nProcess Group\nextra line\n",
        # fewer values than labels
        "Client:\nService:\nDate:\nIverson, Casey\n\n",
    ],
)
def test_a_block_pairs_only_when_the_counts_agree(text: str) -> None:
    assert all(value == "" for _, value, _ in _fields(text))


def test_a_flattened_note_is_read_with_its_ticked_status_and_modality() -> None:
    doc = chart_doc(FORM, kind=DocumentKind.PROGRESS_NOTE).document
    sessions = DeterministicExtractor().extract([doc]).facts.sessions
    assert [(str(s.date), str(s.attendance), str(s.modality)) for s in sessions] == [
        ("2025-06-02", "no_show", "video")
    ]


@pytest.mark.parametrize(
    ("text", "ticked"),
    [
        ("[x] Present  [ ] Absent", ["Present"]),
        ("[ ] Present  [*] No-show  [ ] Cancelled", ["No-show"]),
        ("Yes [x] No [ ]", ["Yes"]),
        ("Yes [ ] No [x]", ["No"]),
        ("\u2612 In person \u2610 Video", ["In person"]),
        ("In person \u2610 Video \u2612", ["Video"]),
        ("[ ] Present  [ ] Absent", []),
        ("[x] Present  [x] Absent", ["Present", "Absent"]),
        ("Present", None),
        # words before the first box: the boxes still come before their options
        ("(check one) [ ] Yes [x] No", ["No"]),
        ("Client was [ ] Present [x] Absent", ["Absent"]),
        # an option without a box: the tick goes with the phrase just before it
        ("No / Yes [x]", ["Yes"]),
    ],
)
def test_ticked_options(text: str, ticked: list[str] | None) -> None:
    spans = ticked_options(text)
    assert (None if spans is None else [text[s:e] for s, e in spans]) == ticked


def test_a_date_after_a_label_that_ends_the_line_above_is_that_labels() -> None:
    """ "Next group:" wrapped before its date: the date is the next group's, not the date of
    the note's service."""
    note = (
        "Service Note\nDate of service: 06/04/2025\nService: Process Group\n"
        "Time in: 5:30pm\nTime out: 7:00pm\nAttendance: Present\n"
        "Narrative: Client participated actively. Next group:\n06/05/2025 5:30pm.\n"
    )
    doc = chart_doc(note, kind=DocumentKind.PROGRESS_NOTE).document
    sessions = DeterministicExtractor().extract([doc]).facts.sessions
    assert [str(s.date) for s in sessions] == ["2025-06-04"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dated entry under a heading ending in ":" is still an entry
        (
            "Attendance log:\nScheduled:\n06/02/2025 Group 9:00-10:30 Present\n"
            "06/04/2025 Group 9:00-10:30 Present\n",
            ["2025-06-02", "2025-06-04"],
        ),
    ],
)
def test_a_dated_entry_after_a_label_is_not_the_labels_value(
    text: str, expected: list[str]
) -> None:
    doc = chart_doc(text, kind=DocumentKind.ATTENDANCE).document
    sessions = DeterministicExtractor().extract([doc]).facts.sessions
    assert sorted(str(s.date) for s in sessions) == expected


@pytest.mark.parametrize(
    ("value", "modality"),
    [
        ("Modality: Seen via [ ] In person [x] Telehealth video", "video"),
        ("Modality: In person [ ] Video [x]", "video"),
    ],
)
def test_modality_is_what_is_ticked(value: str, modality: str) -> None:
    note = f"Group Note\nDate of service: 06/02/2025\nTime: 9:00-10:30 AM\n{value}\n"
    doc = chart_doc(note, kind=DocumentKind.PROGRESS_NOTE).document
    sessions = DeterministicExtractor().extract([doc]).facts.sessions
    assert [str(s.modality) for s in sessions] == [modality]


SPACED = (
    "Client Client ID Date of service\n"
    "Achebe, Beatrice M72612950 10/21/2025\n"
    "Service Billing code Group census\n"
    "Group Psychotherapy 90853 7\n"
    "Sched. start Sched. end Time in Time out\n"
    "9:00 AM 10:00 AM 9:20 AM 10:00 AM\n"
)


def _spans(text: str) -> list[tuple[str, str, int, int, int, int]]:
    layout = layout_of(chart_doc(text).document)
    return [
        (f.label, layout.text[f.start : f.end], f.line, f.label_start, f.start, f.end)
        for f in layout.fields
    ]


def test_a_row_of_captions_over_a_row_of_values_written_with_single_blanks() -> None:
    assert _spans(SPACED) == [
        ("Client", "Achebe, Beatrice", 1, 0, 33, 49),
        ("Client ID", "M72612950", 1, 7, 50, 59),
        ("Date of service", "10/21/2025", 1, 17, 60, 70),
        ("Service", "Group Psychotherapy", 3, 71, 105, 124),
        ("Billing code", "90853", 3, 79, 125, 130),
        ("Group census", "7", 3, 92, 131, 132),
        ("Sched. start", "9:00 AM", 5, 133, 174, 181),
        ("Sched. end", "10:00 AM", 5, 146, 182, 190),
        ("Time in", "9:20 AM", 5, 157, 191, 198),
        ("Time out", "10:00 AM", 5, 165, 199, 207),
    ]
    # blanks printed as "--" are values in their places
    assert _spans("Sched. start Sched. end Time in Time out\n11:20 AM 12:20 PM -- --\n") == [
        ("Sched. start", "11:20 AM", 1, 0, 41, 49),
        ("Sched. end", "12:20 PM", 1, 13, 50, 58),
        ("Time in", "--", 1, 24, 59, 61),
        ("Time out", "--", 1, 32, 62, 64),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a header over two rows of values of the same shapes: a table, not fields
        "Date Time Service\n10/01/2025 9:00 AM Group\n10/02/2025 9:00 AM Group\n",
        # a clock under a caption that names no time
        "Client Status\nPresent 9:00 AM\n",
        # fewer values than captions
        "Time in Time out\n9:00 AM\n",
        # a sentence over a line with a date: no caption is known
        "Client reported feeling better today\nSlept 7 hours 10/01/2025\n",
        # a date under a caption that names no date
        "Service Staff\nGroup 10/01/2025\n",
    ],
)
def test_single_blank_captions_pair_only_values_of_their_shape(text: str) -> None:
    assert _spans(text) == []


@pytest.mark.parametrize(
    ("form", "member"),
    [
        (SPACED, [("09:00:00", "10:00:00", "09:20:00", None)]),
        # a block of labels, then their values: the scheduled times, then the member's
        (
            "Service Note\nDate of service:\nService:\n06/19/2025\nProcess Group\n"
            "Sched. start:\nSched. end:\nTime in:\nTime out:\n7:10pm\n8:40pm\n7:10pm\n"
            "8:10pm\nAttendance:\n[*] Present  [ ] Absent\n",
            [("19:10:00", "20:40:00", None, "20:10:00")],
        ),
    ],
)
def test_time_in_and_out_beside_scheduled_start_and_end_are_the_members(
    form: str, member: list[tuple[str, str, str | None, str | None]]
) -> None:
    doc = chart_doc(form, kind=DocumentKind.PROGRESS_NOTE).document
    sessions = DeterministicExtractor().extract([doc]).facts.sessions
    assert [
        (
            str(s.start),
            str(s.end),
            s.member_start and str(s.member_start),
            s.member_end and str(s.member_end),
        )
        for s in sessions
    ] == member


BOXES = (
    "Client Name       Okafor, Victor       Client ID       Z94504315       DOB       12/25/2000\n"
    "Group 1 scheduled       5:30 PM - 7:00 PM   Group title       Interpersonal Process Group\n"
    "☒ Group Psychotherapy   ☐ Psychoeducation\n"
    "Time In       | 1 7 : 3 0 |       Time Out       | 1 9 : 0 0 |\n"
)


def test_a_row_of_boxes_alternating_labels_and_values_is_fields_not_a_table() -> None:
    layout = layout_of(chart_doc(BOXES).document)
    assert layout.tables == ()  # the line of check-box options is no table row either
    assert _spans(BOXES) == [
        ("Client Name", "Okafor, Victor", 0, 0, 18, 32),
        ("Client ID", "Z94504315", 0, 39, 55, 64),
        ("DOB", "12/25/2000", 0, 71, 81, 91),
        ("Group 1 scheduled", "5:30 PM - 7:00 PM", 1, 92, 116, 133),
        ("Group title", "Interpersonal Process Group", 1, 136, 154, 181),
        ("Time In", "1 7 : 3 0", 3, 224, 240, 249),
        ("Time Out", "1 9 : 0 0", 3, 258, 275, 284),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a table's header of captions: its "values" are known labels too
        "Date       Service       Time       Status\n",
        # a data row: its first cell reads as no label
        "10/07/2025       Process Group       9:00       Present\n",
        # labels that name nothing known
        "Morning Block       Process Group       Afternoon Block       Skills Group\n",
    ],
)
def test_cells_pair_as_fields_only_when_they_alternate_labels_and_values(text: str) -> None:
    assert _spans(text) == []


FORM_NOTE = (
    "IOP SESSION NOTE - INDIVIDUAL / FAMILY / ANCILLARY\n\n"
    "Date of Service       11/10/2025       Admit Date       11/03/2025\n\n"
    "SERVICE\n-------\n"
    "☐ Individual Therapy   ☐ Family Therapy   ☒ Case Management\n"
    "Scheduled              4:45 PM - 5:15 PM\n"
    "Time In       | 1 6 : 5 0 |       Time Out       | 1 7 : 1 5 |\n"
    "☒ Present   ☐ Absent   ☐ No-show\n"
)


def test_a_flattened_form_gives_its_ticked_service_and_the_members_boxed_times() -> None:
    doc = chart_doc(FORM_NOTE, kind=DocumentKind.PROGRESS_NOTE).document
    (s,) = DeterministicExtractor().extract([doc]).facts.sessions
    assert (str(s.date), str(s.service_kind), str(s.attendance)) == (
        "2025-11-10",
        "case_management",
        "attended",
    )
    assert (str(s.start), str(s.end), str(s.member_start)) == ("16:45:00", "17:15:00", "16:50:00")
    text = doc.pages[0].text
    kind = next(x for x in s.slots if x.slot == "kind")
    arrival = next(x for x in s.slots if x.slot == "member_start")
    assert [(e.start, e.end) for e in arrival.evidence] == [
        (text.index("1 6 : 5 0"), text.index("1 6 : 5 0") + 9)
    ]
    assert kind.source == "deterministic:kind.ticked-box"
    assert [(e.start, e.end) for e in kind.evidence] == [
        (text.index("Case Management"), text.index("Case Management") + 15)
    ]


VERIFICATION = (
    "#   Date       Code       Service / Group             Sched. Time   In        Out       Min       P   A   NS  C   CL  IP  TH  #Grp      Staff / Credential\n"
    "------------------------------------------------------------------------------------------------------------------------------------------------------------------------\n"
    "9   08/07/25   GP         Group Psychotherapy         11:20a-12:20p 11:20a    12:20p    60        ☒   ☐   ☐   ☐   ☐   ☒   ☐   8         M. Szabo, LCPC; M. Achebe, BA\n"
    "10  08/07/25   IT         Individual Therapy          12:35p-1:20p  12:35p    1:20p     45        ☒   ☐   ☐   ☐   ☐   ☒   ☐   Row10_Grp G. Whitfield, LMFT\n"
    "11  Row11_Date Row11_Code Row11_Desc                  Row11_Sched   Row11_In  Row11_Out Row11_Min ☐   ☐   ☐   ☐   ☐   ☐   ☐   Row11_Grp Row11_Staff\n"
    "12  Row12_Date Row12_Code Row12_Desc                  Row12_Sched   Row12_In  Row12_Out Row12_Min ☐   ☐   ☐   ☐   ☐   ☐   ☐   Row12_Grp Row12_Staff\n"
    "\n"
    "Service codes: GP = Group Psychotherapy (90853)   PE = Psychoeducation Group (G0177)   IT = Individual Therapy (90834/90837)   FT = Family Therapy (90847)   CM = Case Management (T1016)   MM = Medication Management (99213)\n"
    "Attendance: P = Present   A = Absent (excused)   NS = No-show   C = Cancelled by client   CL = Program closed\n"
)


def test_a_forms_empty_rows_and_its_code_key_are_no_services() -> None:
    doc = chart_doc(VERIFICATION, kind=DocumentKind.ATTENDANCE).document
    sessions = DeterministicExtractor().extract([doc]).facts.sessions
    text = doc.pages[0].text
    assert [(str(s.date), str(s.service_kind), s.start and str(s.start)) for s in sessions] == [
        ("2025-08-07", "group_psychotherapy", "11:20:00"),
        ("2025-08-07", "individual_psychotherapy", "12:35:00"),
    ]
    dates = [next(x for x in s.slots if x.slot == "date").evidence[0] for s in sessions]
    first = text.index("08/07/25")
    second = text.index("08/07/25", first + 1)
    assert [(e.start, e.end) for e in dates] == [(first, first + 8), (second, second + 8)]


CAPITALS = (
    "CLIENT NAME CLIENT ID DATE OF BIRTH DATE OF SERVICE\n"
    "Okafor, Elena M79727119 10/03/1992 04/29/2025\n"
    "SERVICE BILLING CODE SETTING CLIENTS IN GROUP\n"
    "Psychoeducation Group In person 3\n"
    "SCHEDULED TIME TIME IN TIME OUT\n"
    "19:10 - 20:40 19:10 20:30\n"
)


def test_captions_in_capitals_pair_where_their_words_can_be_told_apart() -> None:
    # "CLIENT NAME CLIENT ID" cannot be told apart (and "CLIENTS IN GROUP" ends in a
    # known label): only the known captions at the ends over values of their shape, and
    # the first caption over the line's first words; a range is one value
    assert _spans(CAPITALS) == [
        ("DATE OF BIRTH", "10/03/1992", 1, 22, 76, 86),
        ("DATE OF SERVICE", "04/29/2025", 1, 36, 87, 97),
        ("SERVICE", "Psychoeducation Group In person", 3, 98, 144, 175),
        ("SCHEDULED TIME", "19:10 - 20:40", 5, 178, 210, 223),
        ("TIME IN", "19:10", 5, 193, 224, 229),
        ("TIME OUT", "20:30", 5, 201, 230, 235),
    ]


def test_a_form_in_capitals_is_dated_by_its_date_of_service_not_the_birth_date() -> None:
    doc = chart_doc(CAPITALS, kind=DocumentKind.PROGRESS_NOTE).document
    (s,) = DeterministicExtractor().extract([doc]).facts.sessions
    assert (str(s.date), str(s.service_kind)) == ("2025-04-29", "group_education")
    assert (str(s.start), str(s.end), str(s.member_end)) == ("19:10:00", "20:40:00", "20:30:00")
    date = next(x for x in s.slots if x.slot == "date")
    assert [(e.start, e.end) for e in date.evidence] == [(87, 97)]
