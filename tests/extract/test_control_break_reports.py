"""Reports printed with control breaks and notes laid out in columns under a dated heading:

- a report sorted by client (an identifier and "LAST, FIRST" on each client's first line,
  the client's lines under it with those columns blank) holds other clients' lines before
  and after the member's: only the member's block is the member's (the client the chart
  names, else the client whose block holds most of the service lines);
- a date column written as six digits year first ("251014") is read in the order that
  reads every cell and puts the dates among the document's written-out dates;
- a row's second time range inside its first (scheduled, then actual) gives the member's
  own arrival or departure;
- a dated line that begins left of the rows under it ("DOS 06/10/2025 (Tue) IOP DAY
  NOTE") heads them: it is no row of their table, and neither is the line above it;
- a row's cell of no named column (mixed remarks under no header: "dep 2010") tells the
  member's own arrival or departure.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import Attendance, ServiceKind, Session
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.sessions import read_document
from extract.layout import build_layout
from extract.records.roster import ClientBlock, client_blocks, other_client_breaks
from extract.values.dates import compact_order
from extract.values.vocab import vocab
from tests.chartdocs import chart_doc

T = dt.time
G = ServiceKind.GROUP_PSYCHOTHERAPY
E = ServiceKind.GROUP_EDUCATION
P = Attendance.ATTENDED

_HEAD = (
    " CLIENT-ID  CLIENT NAME            SVC-DATE  DAY SVC  DESCRIPTION                PROC "
    "  SCHEDULED  ACTUAL     MINS ST\n"
    " ---------- ---------------------- --------  --- ---- -------------------------- -----"
    "  ---------  ---------  ---- --\n"
)


def _row(d: str, day: str, svc: str, desc: str, sched: str, actual: str, mins: str, st: str) -> str:
    return (
        f" {'':<10} {'':<22} {d:<8}  {day:<3} {svc:<4} {desc:<26} 90853  {sched}  {actual}  "
        f"{mins}  {st}\n"
    )


def _report(title: str = "") -> str:
    return (
        title
        + "BHR410-01   TEST CLINIC   RUN 10/21/25 01:02:03   PAGE    7\n"
        + _HEAD
        # line 3: the end of the previous client's lines
        + " K21436354  GUTIERREZ, OPAL (CONT)\n"
        + _row("251014", "TUE", "GRP", "PROCESS GRP", "0900-1000", "0900-1000", "060", "P")
        # line 5: the member's block
        + " K21436468  MCALLISTER, HAROLD     ADMIT 251014  PGM IOP\n"
        + _row("251014", "TUE", "GRP", "PROCESS GRP", "0900-1030", "0920-1030", "070", "LT")
        + _row("251014", "TUE", "EDU", "PSYCHOEDUCATION GRP", "1045-1215", "1045-1215", "090", "P")
        + _row("251015", "WED", "GRP", "PROCESS GRP", "0900-1030", "0900-1000", "060", "LE")
        + _row("251016", "THU", "GRP", "PROCESS GRP", "0900-1030", "0900-1030", "090", "P")
        # line 10: the start of the next client's lines
        + " K21436514  IBARRA, MIREYA         ADMIT 251016  PGM IOP\n"
        + _row("251016", "THU", "GRP", "PROCESS GRP", "1300-1400", "1300-1400", "060", "P")
        + " STATUS CODES: P=PRESENT  LT=LATE ARRIVAL (ACTUAL START)  LE=LEFT EARLY (ACTUAL END)\n"
    )


def _sessions(text: str) -> list[Session]:
    doc = chart_doc(text)
    sessions, _ = read_document(doc)
    for s in sessions:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, {doc.document.document_id: doc.document}) is None
    return sessions


def _blocks(*rows: tuple[str, str, int, int]) -> tuple[ClientBlock, ...]:
    return tuple(ClientBlock(*r) for r in rows)


@pytest.mark.parametrize(
    ("text", "blocks", "others"),
    [
        pytest.param(
            _report(),
            _blocks(
                ("K21436354", "gutierrez, opal", 3, 4),
                ("K21436468", "mcallister, harold", 5, 9),
                ("K21436514", "ibarra, mireya", 10, 13),
            ),
            {3, 4, 10, 11, 12, 13},
            id="the-block-with-most-service-lines-is-the-members",
        ),
        pytest.param(
            _report("Client: Ibarra, Mireya\n"),
            _blocks(
                ("K21436354", "gutierrez, opal", 4, 5),
                ("K21436468", "mcallister, harold", 6, 10),
                ("K21436514", "ibarra, mireya", 11, 14),
            ),
            set(range(4, 11)),
            id="a-member-label-names-the-member",
        ),
        pytest.param(
            "REPORT\n"
            " A1234567  DOE, JANE     ADMIT 01/02/25\n"
            "   01/03/25  GRP  0900-1000  P\n"
            " A7654321  ROE, RICK     ADMIT 01/02/25\n"
            "   01/03/25  GRP  0900-1000  P\n",
            _blocks(("A1234567", "doe, jane", 1, 2), ("A7654321", "roe, rick", 3, 5)),
            set(),
            id="two-clients-alike-nothing-set-aside",
        ),
        pytest.param(
            " A1234567  DOE, JANE     ADMIT 01/02/25\n"
            "   01/03/25  GRP  0900-1000  P\n"
            " A1234567  DOE, JANE (CONT)\n"
            "   01/04/25  GRP  0900-1000  P\n",
            (),
            set(),
            id="one-client-over-two-pages-no-blocks",
        ),
    ],
)
def test_a_report_sorted_by_client_sets_the_other_clients_lines_aside(
    text: str, blocks: tuple[ClientBlock, ...], others: set[int]
) -> None:
    layout = build_layout(chart_doc(text).document)
    assert client_blocks(layout) == blocks
    assert other_client_breaks(layout) == others


def test_only_the_members_lines_of_a_report_are_sessions_with_actual_times() -> None:
    text = _report()
    got = sorted(
        (s.date, s.service_kind, s.attendance, s.minutes, s.member_start, s.member_end)
        for s in _sessions(text)
    )
    assert got == [
        (dt.date(2025, 10, 14), E, P, 90.0, None, None),
        (dt.date(2025, 10, 14), G, P, 70.0, T(9, 20), None),
        (dt.date(2025, 10, 15), G, P, 60.0, None, T(10, 0)),
        (dt.date(2025, 10, 16), G, P, 90.0, None, None),
    ]
    by_slot = {
        (s.date, se.slot): se.evidence[0]
        for s in _sessions(text)
        for se in s.slots
        if se.slot in ("member_start", "member_end")
    }
    late = text.index("0920-1030")
    early = text.index("0900-1000", text.index("251015"))
    assert {k: (e.start, e.end, e.quote) for k, e in by_slot.items()} == {
        (dt.date(2025, 10, 14), "member_start"): (late, late + 9, "0920-1030"),
        (dt.date(2025, 10, 15), "member_end"): (early, early + 9, "0900-1000"),
    }
    dates = sorted(
        (se.evidence[0].start, se.evidence[0].quote)
        for s in _sessions(text)
        for se in s.slots
        if se.slot == "date"
    )
    assert dates[0] == (text.index("251014", text.index("PGM IOP")), "251014")


def _cells(text: str, *cells: str) -> list[tuple[int, int]]:
    out = []
    at = 0
    for c in cells:
        at = text.index(c, at)
        out.append((at, at + len(c)))
        at += len(c)
    return out


@pytest.mark.parametrize(
    ("cells", "around", "order"),
    [
        pytest.param(("251014", "250902"), (dt.date(2025, 10, 21),), "ymd", id="year-first"),
        pytest.param(("101425", "090225"), (), "mdy", id="month-first-only-reading"),
        pytest.param(("141032", "020932"), (), "dmy", id="day-first-only-reading"),
        pytest.param(("20251014", "20250902"), (dt.date(2025, 10, 21),), "ymd", id="eight-digits"),
        pytest.param(("251014", "250902"), (), None, id="two-readings-nothing-tells"),
        pytest.param(("991399",), (), None, id="no-reading"),
        pytest.param(
            ("110311", "120508"), (dt.date(2025, 10, 21),), None, id="identifiers-years-away"
        ),
    ],
)
def test_a_compact_date_columns_order(
    cells: tuple[str, ...], around: tuple[dt.date, ...], order: str | None
) -> None:
    text = "  ".join(cells)
    assert compact_order(text, _cells(text, *cells), around) == order


NOTES = (
    "PRAIRIE LIGHT - IOP DAY NOTES\n"
    "DOS 06/09/2025 (Mon)   IOP DAY NOTE   Per diem S9480\n"
    "  1730-1900     CBT Group                   GRP PSYTX 90853      P\n"
    "  1910-2040     Wellness Education Group    GRP PSYCHOED         P\n"
    "  Mood stable, denies SI/HI.\n"
    "  /s/ C. Holloway, LICSW  06/09/2025 2124\n"
    "\n"
    "DOS 06/10/2025 (Tue)   IOP DAY NOTE   Per diem S9480\n"
    "  1645-1715                                 MED MGMT 99213       P\n"
    "  1730-1900     Trauma Processing Group     GRP PSYTX 90853      P\n"
    "  1910-2040     Medication Education Group  GRP PSYCHOED         P   dep 2010\n"
    "  2055-2155                                 INDIV PSYTX 90837    P\n"
    "  Mood stable, denies SI/HI.\n"
    "  /s/ S. Delacroix, MD  06/10/2025 2258\n"
)


DATES_ONCE = (
    "  04/14/25  MON GRP  PROCESS GRP               0900-1000  P\n"
    "                EDU  MEDICATION EDUCATION GRP  1010-1110  P\n"
    "  04/15/25  TUE GRP  CBT GRP                   0900-1000  P\n"
    "                EDU  WELLNESS EDUCATION GRP    1010-1110  P\n"
)


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        pytest.param(NOTES, [(8,), (9,), (10,), (11,)], id="a-dated-heading-over-its-rows"),
        pytest.param(DATES_ONCE, [(0,), (1,), (2,), (3,)], id="a-date-printed-once-is-a-rows-date"),
    ],
)
def test_a_dated_heading_and_the_line_above_it_are_no_rows_of_the_table_under_it(
    text: str, rows: list[tuple[int, ...]]
) -> None:
    layout = build_layout(chart_doc(text).document)
    (table,) = layout.tables
    assert [r.lines for r in table.rows] == rows


def test_the_rows_under_a_dated_heading_are_of_its_date_with_their_remarks() -> None:
    got = sorted(
        (s.date, s.service_kind, s.minutes, s.member_end)
        for s in _sessions(NOTES)
        if s.date == dt.date(2025, 6, 10)
    )
    assert got == [
        (dt.date(2025, 6, 10), E, 60.0, T(20, 10)),
        (dt.date(2025, 6, 10), G, 90.0, None),
        (dt.date(2025, 6, 10), ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, 60.0, None),
        (dt.date(2025, 6, 10), ServiceKind.MEDICATION_MANAGEMENT, 30.0, None),
    ]
    (left,) = [
        se.evidence[0] for s in _sessions(NOTES) for se in s.slots if se.slot == "member_end"
    ]
    at = NOTES.index("2010")
    assert (left.start, left.end, left.quote) == (at, at + 4, "2010")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("WELLNESS EDUCATION GRP", E),
        ("MEDICATION EDUCATION GRP", E),
        ("INTERPERSONAL PROCESS GRP", G),
    ],
)
def test_a_group_named_with_the_grp_abbreviation(name: str, kind: ServiceKind) -> None:
    hit = vocab().kinds.earliest(name, 0, len(name))
    assert hit is not None and hit[2] is kind
