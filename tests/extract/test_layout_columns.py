"""Text printed in columns side by side (extract/layout/columns.py): each column is read as
its own lines, slices of the printed lines in the page's one coordinate space, the left
column top to bottom before the right one; tables, forms and a single column are not."""

from __future__ import annotations

import pytest

from extract.layout import build_layout, layout_of, page_lines, reading_chart
from extract.layout.columns import Region, find_regions
from extract.layout.lines import split_lines
from tests.chartdocs import chart_doc


def _row(left: str, right: str = "", width: int = 40) -> str:
    """A printed line: ``left`` padded to ``width``, then ``right``."""
    return (left.ljust(width) + right).rstrip() if right else left


# two notes side by side under a page header and over a footer that span the whole width;
# the left note ends a line before the right one, whose last line has nothing on the left
TWO_NOTES = (
    "\n".join(
        [
            "RIVER CLINIC - CLINICAL DOCUMENTATION - two notes on this page",
            "",
            _row("GROUP NOTE", "ABSENCE NOTE"),
            _row("Date of service: 10/28/2025", "Date of service: 10/29/2025"),
            _row("Note: members practiced the skill", "Note: client did not attend and"),
            _row("in pairs and offered feedback to", "staff placed an outreach call to"),
            _row("peers during the group.", "reschedule the missed session."),
            _row("Staff: A. Roe, LCSW"),
            _row("", "Staff: B. Poe, LPC"),
            "",
            "CONFIDENTIAL - protected health information, do not redisclose",
        ]
    )
    + "\n"
)

# three panes: the right side of the first gutter is searched again
THREE_PANES = (
    "\n".join(
        [
            _row(
                _row("client reports poor", "alert and oriented,", 28), "continue weekly group", 56
            ),
            _row(_row("sleep and low mood", "mood low, affect", 28), "and review the safety", 56),
            _row(_row("since the last visit,", "constricted, speech", 28), "plan at the next", 56),
            _row(_row("appetite fair.", "normal in rate.", 28), "individual visit.", 56),
        ]
    )
    + "\n"
)


@pytest.mark.parametrize(
    ("text", "lines", "columns"),
    [
        (
            TWO_NOTES,
            [
                (0, 62, "RIVER CLINIC - CLINICAL DOCUMENTATION - two notes on this page"),
                (64, 74, "GROUP NOTE"),
                (117, 144, "Date of service: 10/28/2025"),
                (185, 218, "Note: members practiced the skill"),
                (257, 289, "in pairs and offered feedback to"),
                (330, 353, "peers during the group."),
                (401, 420, "Staff: A. Roe, LCSW"),
                (104, 116, "ABSENCE NOTE"),
                (157, 184, "Date of service: 10/29/2025"),
                (225, 256, "Note: client did not attend and"),
                (297, 329, "staff placed an outreach call to"),
                (370, 400, "reschedule the missed session."),
                (461, 479, "Staff: B. Poe, LPC"),
                (481, 543, "CONFIDENTIAL - protected health information, do not redisclose"),
            ],
            [(2, 8, 0), (9, 15, 40)],
        ),
        (
            THREE_PANES,
            [
                (0, 19, "client reports poor"),
                (78, 96, "sleep and low mood"),
                (156, 177, "since the last visit,"),
                (229, 243, "appetite fair."),
                (28, 47, "alert and oriented,"),
                (106, 122, "mood low, affect"),
                (184, 203, "constricted, speech"),
                (257, 272, "normal in rate."),
                (56, 77, "continue weekly group"),
                (134, 155, "and review the safety"),
                (212, 228, "plan at the next"),
                (285, 302, "individual visit."),
            ],
            [(0, 3, 0), (4, 7, 28), (8, 11, 56)],
        ),
    ],
)
def test_each_column_is_read_top_to_bottom_before_the_next(
    text: str, lines: list[tuple[int, int, str]], columns: list[tuple[int, int, int]]
) -> None:
    layout = build_layout(chart_doc(text).document)
    assert [
        (ln.cstart, ln.cend, text[ln.cstart : ln.cend]) for ln in layout.lines if ln.is_text
    ] == lines
    assert [(c.first, c.last, c.left) for c in layout.columns] == columns
    # every line is a slice of one printed line, and its index is its place
    printed = split_lines(text)
    for i, ln in enumerate(layout.lines):
        assert ln.index == i
        assert any(p.start <= ln.start <= ln.end <= p.end for p in printed)


def test_fields_and_sentences_stay_in_their_column() -> None:
    layout = build_layout(chart_doc(TWO_NOTES).document)
    assert [(f.label, TWO_NOTES[f.start : f.end], f.line) for f in layout.fields] == [
        ("Date of service", "10/28/2025", 3),
        ("Note", "members practiced the skill", 4),
        ("Staff", "A. Roe, LCSW", 7),
        ("Date of service", "10/29/2025", 10),
        ("Note", "client did not attend and", 11),
        ("Staff", "B. Poe, LPC", 15),
    ]
    # a sentence wrapped inside a column cannot be one span (the other column's words lie
    # between its lines): each of its lines is read alone, never with the other column
    assert list(layout.sentences(2, 15)) == [
        (64, 74),
        (134, 144),
        (191, 218),
        (257, 289),
        (330, 353),
        (408, 420),
        (104, 116),
        (174, 184),
        (231, 256),
        (297, 329),
        (370, 400),
        (468, 479),
    ]


@pytest.mark.parametrize(
    ("pos", "line"),
    [
        (64, 2),  # "GROUP NOTE": the left column's first line
        (80, 2),  # the gutter after it: the left segment
        (104, 9),  # "ABSENCE NOTE": the right column's first line
        (157, 10),
        (420, 14),  # the end of a left-only line: its empty right segment
        (470, 15),  # "B. Poe": the right column's last line
        (500, 17),  # the footer, after the columns
    ],
)
def test_an_offset_is_on_the_segment_holding_it(pos: int, line: int) -> None:
    assert build_layout(chart_doc(TWO_NOTES).document).line_at(pos) == line


def test_a_page_in_columns_ends_after_its_right_column() -> None:
    first = "\n".join(
        [
            _row("Note: members practiced the skill", "Note: client did not attend and"),
            _row("in pairs and offered feedback to", "staff placed an outreach call to"),
            _row("peers during the group.", "reschedule the missed session."),
            _row("Staff: A. Roe, LCSW"),  # the page's last line: nothing on the right
        ]
    )
    second = "Second page: nothing in columns.\n"
    with reading_chart():
        layout = layout_of(chart_doc(first, second).document)
        one, two = page_lines(first), page_lines(second)
    assert [(c.first, c.last, c.left) for c in layout.columns] == [(0, 3, 0), (4, 7, 40)]
    assert one is not None and (one.first, one.last) == (0, 7)
    assert two is not None and (two.first, two.last) == (9, 9)


PROBLEM_TABLE = (
    "\n".join(
        [
            _row("Problem", "Intervention", 36),
            _row("client reports low mood and", "therapist will teach coping", 36),
            _row("poor sleep for two weeks,", "skills weekly and review the", 36),
            _row("with worry about work.", "safety plan at each visit.", 36),
            _row("client drinks on weekends and", "counselor will offer relapse", 36),
            _row("misses work on mondays.", "prevention group twice weekly.", 36),
        ]
    )
    + "\n"
)


def test_a_table_with_a_header_row_keeps_its_rows() -> None:
    # its cells run on like two columns of text, but a header row names them: a table
    assert find_regions(PROBLEM_TABLE, split_lines(PROBLEM_TABLE)) == [Region(0, 5, 36)]
    layout = build_layout(chart_doc(PROBLEM_TABLE).document)
    assert layout.columns == ()
    assert [(t.first_line, t.last_line, t.header_line, t.width) for t in layout.tables] == [
        (0, 5, 0, 2)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a fixed-width table: short cells in rows, nothing runs on
        "Date        Time          Service               Status\n"
        "10/06/2025  9:00-12:00    Group psychotherapy   Present\n"
        "10/07/2025  9:00-12:00    Group psychotherapy   Absent\n"
        "10/08/2025  9:00-10:00    Individual therapy    Present\n"
        "10/09/2025  9:00-12:00    Group psychotherapy   Present\n",
        # a wide-spaced form: labels on the left, their values on the right
        "Name:            Jordan Smith\n"
        "Date of birth:   01/02/1980\n"
        "Diagnosis:       major depressive disorder, recurrent, moderate\n"
        "Plan:            continue weekly individual therapy and the\n"
        "                 group program per the treatment plan\n"
        "Signed:          A. Roe, LCSW\n",
        # a single ragged column, a staff name indented under the one above
        "Note: members practiced the skill in pairs and\n"
        "offered feedback to peers during the group, and\n"
        "the client shared a recent stressor.\n"
        "Facilitators: A. Roe, LCSW\n"
        "              B. Poe, LPC\n",
        # questions and answers in two columns: no question runs on into the next
        _row("Thoughts of harming yourself this week?", "no, denies any such thoughts", 52)
        + "\n"
        + _row("Thoughts of harming others this week?", "no, denies any such thoughts", 52)
        + "\n"
        + _row("Access to firearms or other means?", "none reported by the client", 52)
        + "\n"
        + _row("Safety plan reviewed with the client?", "yes, copy given to the client", 52)
        + "\n",
        # a form printed in two columns of fields: no text runs on in either
        _row("Date of service: 10/28/2025", "Date of service: 10/29/2025")
        + "\n"
        + _row("Time: 13:00-14:30", "Time: 14:45-16:15")
        + "\n"
        + _row("Service: Group Psychotherapy", "Service: Process Group")
        + "\n"
        + _row("Attendance: Present", "Attendance: Present")
        + "\n",
    ],
)
def test_tables_forms_and_one_column_are_not_columns(text: str) -> None:
    layout = build_layout(chart_doc(text).document)
    assert layout.columns == ()
    assert [(ln.start, ln.end) for ln in layout.lines] == [
        (ln.start, ln.end) for ln in split_lines(text)
    ]


def test_a_word_across_the_gutter_ends_the_columns() -> None:
    text = (
        "\n".join(
            [
                _row("Note: members practiced the skill", "Note: client did not attend and"),
                _row("in pairs and offered feedback to", "staff placed an outreach call to"),
                _row("peers during the group.", "reschedule the missed session."),
                "Reviewed by the clinical director on 10/30/2025 with both notes signed.",
                _row("Note: members practiced the skill", "Note: client did not attend and"),
            ]
        )
        + "\n"
    )
    layout = build_layout(chart_doc(text).document)
    assert [(c.first, c.last, c.left) for c in layout.columns] == [(0, 2, 0), (3, 5, 40)]
    assert layout.line_text(6) == (
        "Reviewed by the clinical director on 10/30/2025 with both notes signed."
    )
    assert layout.lines[7].cells[1].start - layout.lines[7].start == 40  # one line: no run
