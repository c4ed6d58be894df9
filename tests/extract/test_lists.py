"""Lists (extract/layout/lists.py): each line's list item and how items nest; a service's
bullet holds the properties nested under it (its time, status, staff), so the service's
record reads them, and a standing schedule in bullets (no date) is no record."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance, Modality, ServiceKind
from extract.layout import layout_of
from extract.layout.lists import item_end, list_items, nested
from tests.chartdocs import chart_doc
from tests.chartdocs import grounded_sessions as _sessions
from tests.chartdocs import slot_spans as _slot
from tests.chartdocs import span as _at

T = dt.time
D = dt.date


Item = tuple[int, int, int | None, int, str]


def _items(text: str) -> list[Item | None]:
    """(line, depth, parent, last, the words from its body on) of each line's item."""
    layout = layout_of(chart_doc(text).document)
    return [
        None
        if x is None
        else (
            x.line,
            x.depth,
            x.parent,
            x.last,
            layout.line_text(x.line)[x.body - layout.lines[x.line].cstart :],
        )
        for x in list_items(layout)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- Mon 3/3\n  - CBT Group\n    - time: 9-10\n  - Lunch\nafter\n",
            [
                (0, 0, None, 3, "Mon 3/3"),
                (1, 1, 0, 2, "CBT Group"),
                (2, 2, 1, 2, "time: 9-10"),
                (3, 1, 0, 3, "Lunch"),
                None,
                None,
            ],
        ),
        (
            # "+" bullets four blanks deep; a blank line keeps the list; a wrapped line is
            # its item's
            "+ day\n    + one\n      wrapped\n\n    + two\n",
            [(0, 0, None, 4, "day"), (1, 1, 0, 2, "one"), None, None, (4, 1, 0, 4, "two"), None],
        ),
        (
            # numbers and small letters; a paragraph at the margin ends the list
            "1. first\n   a. sub\nText at the margin\n   - not nested under 1.\n",
            [
                (0, 0, None, 1, "first"),
                (1, 1, 0, 1, "sub"),
                None,
                (3, 0, None, 3, "not nested under 1."),
                None,
            ],
        ),
        (
            # no item: a heading, bold, a name's initial, a negative number, a rule
            "## Week 1\n**Mon 3/3**\nJ. Doe, LCSW\n-5 degrees\n---\n",
            [None, None, None, None, None, None],
        ),
    ],
    ids=["dash", "plus-wrapped", "numbered", "not-items"],
)
def test_list_items_nest_by_indent(text: str, expected: list[Item | None]) -> None:
    assert _items(text) == expected


def test_item_end_and_nested() -> None:
    layout = layout_of(chart_doc("- day\n  - svc\n    - time: 9-10\n- next\nplain\n").document)
    assert [item_end(layout, i) for i in range(5)] == [2, 2, 2, 3, None]
    assert [nested(layout, i) for i in range(5)] == [True, True, False, False, False]
    # offsets of the item of line 1: its mark and where its words begin
    item = list_items(layout)[1]
    assert item is not None
    assert (item.mark_start, item.mark_end, item.body, item.indent) == (8, 9, 10, 2)


WIKI = (
    "# IOP record: Jane Doe\n"
    "\n"
    "## Standing schedule\n"
    "\n"
    "- **Tue/Wed/Thu**\n"
    "  - 13:00-14:30 Group Psychotherapy\n"
    "  - 14:45-16:15 Group Psychotherapy\n"
    "- Individual therapy weekly, scheduled with the primary therapist\n"
    "\n"
    "## Treatment plan\n"
    "\n"
    "- Goal 1: reduce depressive symptoms (PHQ-9 under 10)\n"
    "  - target: 3/21/2025\n"
    "\n"
    "## Week 1 (2/4/2025 - 2/10/2025)\n"
    "\n"
    "+ **Tue 2/4**\n"
    "  + CBT Group - Group Psychotherapy (90853)\n"
    "    + time: 13:00-14:30\n"
    "    + status: ✅ present, arrived 13:30\n"
    "    + facilitators: Dmitri Iverson, PsyD\n"
    "    + members present: 9\n"
    "    + setting: video (Zoom)\n"
    "  + Individual Psychotherapy (90837)\n"
    "    + time: 14:45-15:45\n"
    "    + status: ❌ no-show (no call)\n"
    "    + clinician: Tomás Galloway, LICSW\n"
    "\n"
    "+ **Wed 2/5** - closed (holiday)\n"
)


@pytest.mark.parametrize("kind", [DocumentKind.OTHER, DocumentKind.TREATMENT_PLAN])
def test_a_services_bullet_reads_the_properties_nested_under_it(kind: DocumentKind) -> None:
    found = _sessions(WIKI, kind)
    assert [
        (s.date, s.service_kind, s.attendance, s.start, s.end, s.member_start, s.modality)
        for s in found
    ] == [
        (
            D(2025, 2, 4),
            ServiceKind.GROUP_PSYCHOTHERAPY,
            Attendance.ATTENDED,
            T(13),
            T(14, 30),
            T(13, 30),
            Modality.VIDEO,
        ),
        (
            D(2025, 2, 4),
            ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
            Attendance.NO_SHOW,
            T(14, 45),
            T(15, 45),
            None,
            Modality.UNKNOWN,
        ),
    ]
    group, individual = found
    assert _slot(group, "date") == [_at(WIKI, "2/4", after="+ **Tue")]
    assert _slot(group, "start") == [_at(WIKI, "13:00-14:30", after="+ time")]
    assert _slot(group, "group_size") == [_at(WIKI, "9", after="members present")]
    assert _slot(individual, "start") == [_at(WIKI, "14:45-15:45")]
    assert _slot(individual, "attendance") == [_at(WIKI, "❌ no-show (no call)")]
    assert [(p.name, p.credentials) for p in group.facilitators] == [("Dmitri Iverson", ("PsyD",))]


def test_a_standing_schedule_in_bullets_is_no_service() -> None:
    schedule = WIKI[: WIKI.index("## Week 1")]
    assert _sessions(schedule) == []
