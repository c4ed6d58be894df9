"""A superbill's pre-printed menu of billing codes ("[X] 90853  Group psychotherapy  [ ]
90834  Psychotherapy, 38-52 min") lists every code the practice bills: only the ticked
codes say a service was given, the others say nothing, and a menu whose marks cannot be
told (a box holding a mark that is neither a tick nor blank) is unread, never guessed.
The menu's words define its codes for the document ("99213  E/M est. patient (med
mgmt)"); a code's meaning otherwise comes from the vocabulary (``services.yaml``:
H2027 is a psychoeducational service). A time record under column names printed with
single blanks, as a PDF's text prints a table ("Code Scheduled In Out Status POS Staff"),
gives a service a line: its code, scheduled range, the member's time in and out and its
status word ("Kept", "No show", "Cx client")."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance, Modality, ServiceKind
from extract.deterministic.sessions import read_document
from extract.layout.lines import split_lines
from tests.chartdocs import chart_doc, grounded_sessions, slot_spans, span

D = dt.date(2025, 10, 28)
HEAD = (
    "ENCOUNTER FORM / SUPERBILL        Encounter # 251028-794\n"
    "Patient: DOE, JANE    Acct: 85787    DOB: 08/14/1993\n"
    "Date of service: 10/28/2025 (Tue)    Dx: F43.10    POS: 11 office, 02 telehealth\n"
    "SERVICES (check each code rendered)\n"
)
MENU = (
    "[{a}] 90853  Group psychotherapy [{b}] 90834  Psychotherapy, 38-52 min\n"
    "[{c}] H2027  Psychoeducation, group [  ] 90837  Psychotherapy, 53+ min\n"
    "[{d}] 99213  E/M est. patient (med mgmt) [{e}] S9480  IOP per diem\n"
)
TAIL = (
    "Visit status: [X] Kept   [  ] No show   [  ] Cx client   [  ] Absent\n"
    "Next appointment: Wed 10/29/2025 9:30a\n"
    "Rendering provider: Avery Abernathy, LICSW    /s/ electronically\n"
)
TIME_RECORD = "TIME RECORD\nCode Scheduled In Out Status POS Staff\n"


def menu(a: str = "  ", b: str = "  ", c: str = "  ", d: str = "  ", e: str = "  ") -> str:
    return MENU.format(a=a, b=b, c=c, d=d, e=e)


def note(menu_text: str, rows: str = "") -> str:
    return HEAD + menu_text + (TIME_RECORD + rows if rows else "") + TAIL


def sessions(text: str) -> list[tuple[dt.date, ServiceKind, Attendance, float | None]]:
    return [(s.date, s.service_kind, s.attendance, s.minutes) for s in grounded_sessions(text)]


# --------------------------------------------------------------------------- menu only


@pytest.mark.parametrize(
    ("marks", "read", "kinds"),
    [
        pytest.param(
            {"a": "X"},
            [(D, ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED, None)],
            [["Group psychotherapy"]],
            id="one-marked",
        ),
        pytest.param(
            {"a": "X", "e": "X"},  # the per-diem box names no service
            [(D, ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED, None)],
            [["Group psychotherapy"]],
            id="one-marked-and-the-per-diem-box",
        ),
        pytest.param(
            {"a": "X", "c": "X"},
            [
                (D, ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED, None),
                (D, ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, None),
            ],
            [["90853", "90853  Group psychotherapy"], ["H2027", "H2027  Psychoeducation, group"]],
            id="two-marked-on-two-lines",
        ),
        pytest.param(
            {"a": "X", "b": "X"},
            [
                (D, ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED, None),
                (D, ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, Attendance.ATTENDED, None),
            ],
            # "38-52 min" defines the code: no length of this service
            [["90853", "90853  Group psychotherapy"], ["90834"]],
            id="two-marked-on-one-line",
        ),
        pytest.param(
            {"c": "X", "d": "X"},
            [
                (D, ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, None),
                (D, ServiceKind.MEDICATION_MANAGEMENT, Attendance.ATTENDED, None),
            ],
            # 99213 is what the menu says it is: no vocabulary meaning of its own
            [
                ["H2027", "H2027  Psychoeducation, group"],
                ["99213", "99213  E/M est. patient (med mgmt)"],
            ],
            id="a-code-the-menu-defines",
        ),
        pytest.param({}, [], [], id="none-marked"),
    ],
)  # fmt: skip
def test_only_the_marked_codes_of_a_menu_are_services(
    marks: dict[str, str],
    read: list[tuple[dt.date, ServiceKind, Attendance, float | None]],
    kinds: list[list[str]],
) -> None:
    text = note(menu(**marks))
    found = grounded_sessions(text)
    assert [(s.date, s.service_kind, s.attendance, s.minutes) for s in found] == read
    menu_at = text.index("SERVICES")
    assert [slot_spans(s, "kind") for s in found] == [
        [span(text, q, after="SERVICES") for q in quotes] for quotes in kinds
    ]
    assert all(a >= menu_at for s in found for a, _ in slot_spans(s, "kind"))
    # the day's status box, not a tick of the menu
    assert all(slot_spans(s, "attendance") == [span(text, "Kept")] for s in found)


@pytest.mark.parametrize("mark", ["/", "?", "o"])
def test_a_menu_with_a_mark_not_known_is_unread_not_guessed(mark: str) -> None:
    text = note(menu(a=mark, c="X"))
    found, unread = read_document(chart_doc(text))
    assert found == []
    lines = [text.index(f"[{mark}] 90853"), text.index("[X] H2027"), text.index("[  ] 99213")]
    assert [(u.start, u.end) for u in unread] == [
        (at, text.index("\n", at)) for at in sorted(lines)
    ]
    assert all(u.why == "a service's record that could not be read into a session" for u in unread)


# --------------------------------------------------------------------------- time record


ROWS = (
    "90853 9:30a-11:00a 9:45a 11:00a Kept 02 AA\n"
    "H2027 11:30a-12:45p 11:30a 12:30p Kept 11 TR\n"
    "90834 1:00p-1:50p -- -- No show TR\n"
    "99213 2:00p-2:30p -- -- Cx client JK\n"
    "90847 2:45p-3:35p -- -- No call / no show JK\n"
)


def test_a_time_record_gives_each_service_its_line() -> None:
    """Each line of the time record is a service: its code (a code the menu defines, too),
    its status word before the day's boxes, and the member's time in and out inside the
    scheduled range (a late arrival, an early departure); the menu's ticks and the form's
    "check each code rendered" say nothing of any one of them."""
    text = note(menu(a="X", c="X", e="X"), ROWS)
    found = grounded_sessions(text)
    assert [(s.date, s.service_kind, s.attendance, s.minutes) for s in found] == [
        (D, ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED, 75.0),
        (D, ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, 60.0),
        (D, ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, Attendance.NO_SHOW, 50.0),
        (D, ServiceKind.MEDICATION_MANAGEMENT, Attendance.CANCELLED, 30.0),
        (D, ServiceKind.FAMILY_COUNSELING, Attendance.NO_SHOW, 50.0),
    ]
    rows = text.index("TIME RECORD")
    assert [slot_spans(s, "kind")[0] for s in found] == [
        span(text, code, after="TIME RECORD") for code in ("90853", "H2027", "90834", "99213")
    ] + [span(text, "90847", after="TIME RECORD")]
    assert [slot_spans(s, "attendance") for s in found] == [
        [span(text, "Kept", after="9:45a")],
        [span(text, "Kept", after="12:30p")],
        [span(text, "No show", after="TIME RECORD")],
        [span(text, "Cx client", after="TIME RECORD")],
        [span(text, "No call / no show", after="TIME RECORD")],
    ]
    first, second = found[0], found[1]
    assert (first.member_start, first.member_end) == (dt.time(9, 45), None)
    assert slot_spans(first, "member_start") == [span(text, "9:45a")]
    assert (second.member_start, second.member_end) == (None, dt.time(12, 30))
    assert slot_spans(second, "member_end") == [span(text, "12:30p")]
    # the place of service under "POS" (a missed service's line has none); the header's
    # "POS: 11 office, 02 telehealth" is the form's key of place codes, no session's place
    assert [s.modality for s in found] == [Modality.VIDEO, Modality.IN_PERSON] + [
        Modality.UNKNOWN
    ] * 3
    assert [slot_spans(s, "modality") for s in found[:2]] == [
        [span(text, "02", after="9:45a")],
        [span(text, "11", after="12:30p")],
    ]
    assert all(a >= rows for s in found for a, _ in slot_spans(s, "kind"))


@pytest.mark.parametrize(
    ("row", "read", "quote"),
    [
        ("90853 9:30a-11:00a 9:30a 11:00a Kept 11 AA\n",
         (D, ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED, 90.0), "Kept"),
        ("H2027 11:30a-12:45p -- -- Absent TR\n",
         (D, ServiceKind.GROUP_EDUCATION, Attendance.ABSENT, 75.0), "Absent"),
        ("H2027 1130-1245 1130 1215 Kept 02 TR\n",
         (D, ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, 45.0), "Kept"),
    ],
)  # fmt: skip
def test_one_line_under_the_column_names_is_the_service(
    row: str, read: tuple[dt.date, ServiceKind, Attendance, float], quote: str
) -> None:
    """A form with one service line under its column names: that line is the service's
    record (the menu's tick is not read in its place)."""
    text = note(menu(d="X"), row)
    found = grounded_sessions(text)
    assert [(s.date, s.service_kind, s.attendance, s.minutes) for s in found] == [read]
    assert slot_spans(found[0], "kind") == [span(text, row[:5], after="TIME RECORD")]
    assert slot_spans(found[0], "attendance") == [span(text, quote, after="TIME RECORD")]


def test_the_pos_key_of_a_form_is_no_place_of_service() -> None:
    text = HEAD + "Service: Group psychotherapy   Time: 9:00 AM - 10:30 AM\n"
    (s,) = grounded_sessions(text)
    assert s.modality is Modality.UNKNOWN


def test_times_after_the_range_without_in_and_out_columns_are_not_the_members() -> None:
    text = note(menu(a="X"), "").replace(
        "SERVICES", "TIME RECORD\nCode Scheduled Status Staff Room\n"
        "90853 9:30a-11:00a 9:45a 11:00a Kept AA\nSERVICES"
    )  # fmt: skip
    found = grounded_sessions(text)
    assert [(s.service_kind, s.member_start, s.member_end, s.minutes) for s in found] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, None, None, 90.0)
    ]


# --------------------------------------------------------------------------- words and units


@pytest.mark.parametrize(
    "value",
    ["No call / no show", "no call, no show", "No-call/no-show", "No call - no show"],
)
def test_no_call_no_show_is_a_no_show(value: str) -> None:
    text = (
        "GROUP NOTE\nDate of Service: 10/28/2025   Time: 9:00 AM - 10:30 AM\n"
        f"Group: Process group\nAttendance: {value}\n"
    )
    (s,) = grounded_sessions(text)
    assert s.attendance is Attendance.NO_SHOW
    assert slot_spans(s, "attendance") == [span(text, value)]


UNITS = (
    "SERVICE LOG\nClient: Jane Doe\n{key}"
    "Date of Service | Code | Service | Units\n"
    "10/28/2025 | H2027 | Psychoeducation | 4\n"
    "10/29/2025 | T1016 | Case management | 2\n"
)
KEY = "Codes: H2027 = psychoeducational service, per 15 minutes; T1016 = case management\n"


@pytest.mark.parametrize(
    ("key", "minutes", "defined"),
    [
        (KEY, [60.0, None], ["H2027 = psychoeducational service, per 15 minutes", None]),
        ("", [None, None], [None, None]),
    ],
    ids=["h2027-defined-per-15-minutes", "no-unit-defined"],
)
def test_units_of_a_code_the_document_defines_per_minutes(
    key: str, minutes: list[float | None], defined: list[str | None]
) -> None:
    """4 units of H2027 are an hour where the document says H2027 is billed per 15
    minutes; a code it defines without a unit (T1016 here), or a document that defines
    none, gives no length (units are rounded, their size is what the document says)."""
    text = UNITS.format(key=key)
    found = grounded_sessions(text)
    assert [s.service_kind for s in found] == [
        ServiceKind.GROUP_EDUCATION,
        ServiceKind.CASE_MANAGEMENT,
    ]
    assert [s.minutes for s in found] == minutes
    for s, quote in zip(found, defined, strict=True):
        if quote is None:
            assert slot_spans(s, "minutes") == []
        else:
            assert slot_spans(s, "minutes") == [
                span(text, "4", after="| Psychoeducation |"),
                span(text, quote),
            ]


def test_the_code_h2027_is_psychoeducation() -> None:
    text = "VISIT\nDate of Service: 10/28/2025   Time: 11:30 AM - 12:45 PM\nService: H2027\n"
    (s,) = grounded_sessions(text)
    assert s.service_kind is ServiceKind.GROUP_EDUCATION
    assert slot_spans(s, "kind") == [span(text, "H2027")]


def test_the_blanks_inside_an_empty_box_do_not_split_cells() -> None:
    text = "[X] 90853  Group psychotherapy [  ] 90834  Psychotherapy, 38-52 min\n"
    (line, *_) = split_lines(text)
    assert [text[c.start : c.end] for c in line.cells] == [
        "[X] 90853",
        "Group psychotherapy [  ] 90834",
        "Psychotherapy, 38-52 min",
    ]


def test_a_document_of_kind_other_reads_the_same() -> None:
    text = note(menu(a="X"))
    doc = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE)
    assert [s.service_kind for s in read_document(doc)[0]] == [ServiceKind.GROUP_PSYCHOTHERAPY]


@pytest.mark.parametrize(
    ("header", "facilitators"),
    [
        # the rendering provider's signature under the time record signs the whole form:
        # no one line's facilitator (each line's staff is its own: initials, unnamed)
        ("", [[], [], [], [], []]),
        # a facilitator field above the time record is every line's
        ("Facilitator: Ann Lee, LCSW\n", [["Ann Lee"]] * 5),
    ],
)
def test_the_rendering_provider_of_a_form_is_no_lines_facilitator(
    header: str, facilitators: list[list[str]]
) -> None:
    text = HEAD + header + menu(a="X", c="X", e="X") + TIME_RECORD + ROWS + TAIL
    found = grounded_sessions(text)
    assert [[p.name for p in s.facilitators] for s in found] == facilitators
    assert [slot_spans(s, "facilitators") for s in found] == [
        [span(text, "Ann Lee, LCSW")] if f else [] for f in facilitators
    ]
    # the last line's status is its own word, not the day's status boxes below it
    assert slot_spans(found[-1], "attendance") == [span(text, "No call / no show")]


def test_the_rendering_provider_of_a_one_service_form_is_its_facilitator() -> None:
    text = note(menu(a="X"), "90853 9:30a-11:00a 9:30a 11:00a Kept 11 AA\n")
    [found] = grounded_sessions(text)
    assert [p.name for p in found.facilitators] == ["Avery Abernathy"]
    assert slot_spans(found, "facilitators") == [span(text, "Avery Abernathy, LICSW")]
