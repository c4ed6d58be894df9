"""The tenth development group of export styles (eval/generality/styles_dev10): six
registered families, every non-meal session the scenario holds written down once, each
written session's date and start time found in the text a reader gets from a file that
documents it (for PDFs, the text layer; for the iCalendar export, the unfolded lines, in
the program's zone or in UTC), the gold's weeks consistent with its sessions, the traps
(the standing schedule, other clients' rows, entered-in-error duplicates) present, and
the group's spellings of clocks."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re

import pypdf
import pytest

from core.facts import Attendance, ServiceKind
from eval.check_gold import COUNTED_KINDS
from eval.generality.families import SEED_BASE, generate, groups
from eval.generality.model import ChartFile, Family, RenderedChart, Scenario
from eval.generality.scenario import scenario
from eval.generality.styles_dev10 import _kit as k
from eval.generality.styles_dev10 import ics_calendar_export

FAMILIES = groups("dev")["styles_dev10"]
BY_NAME = {f.name: f for f in FAMILIES}


def _text(f: ChartFile) -> str:
    if f.name.endswith(".pdf"):
        return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(f.data)).pages)
    text = f.data.decode("utf-8")
    if f.name.endswith(".ics"):
        text = text.replace("\r\n ", "").replace("\r\n", "\n")  # RFC 5545 unfolding
    return text


def _chart(family: Family, chart: int) -> tuple[Scenario, RenderedChart]:
    name_seed = sum(ord(c) * 31**i for i, c in enumerate(family.name)) % 100_000
    seed = SEED_BASE["dev"] + name_seed * 100 + chart
    scn = scenario(seed)
    return scn, family.render(scn, random.Random(seed))


def _dates(d: dt.date) -> set[str]:
    return k.date_forms(d) | {f"{d:%Y%m%d}", k.date(d, "long")}


def _times(scn: Scenario, d: dt.date, t: dt.time) -> set[str]:
    forms = k.forms10(t)
    for zone in k.ZONES:  # an export in UTC writes the UTC clock
        forms.add(f"{k.to_utc(zone, d, t):%Y%m%dT%H%M%S}Z")
    return forms


def test_the_group_holds_six_development_families() -> None:
    names = [f.name for f in FAMILIES]
    assert len(names) == 6
    assert all(n.startswith("d10-") for n in names)
    assert all(f.split == "dev" for f in FAMILIES)
    assert sum(1 for f in FAMILIES if "pdf" in f.tags) >= 1


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
@pytest.mark.parametrize("chart", [0, 1])
def test_every_session_is_written_where_the_gold_says(family: Family, chart: int) -> None:
    scn, rendered = _chart(family, chart)
    texts = {f.name: _text(f) for f in rendered.files}
    written = {w.session: w for w in rendered.written}
    assert set(written) == {s.index for s in scn.sessions if s.kind is not ServiceKind.MEAL}
    for s in scn.sessions:
        if s.kind is ServiceKind.MEAL:
            continue
        w = written[s.index]
        # a dictation's words wrap over lines
        text = " ".join("\n".join(texts[name] for name in w.files).split())
        assert any(d in text for d in _dates(s.date)), (family.name, s.index)
        if w.states_length or s.attended:
            times = _times(scn, s.date, s.start) | _times(scn, s.date, k.member_in(s))
            minutes = {f"{int(s.minutes)} Present"}  # a letter giving minutes attended
            assert any(t in text for t in times | minutes), (family.name, s.index)


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_gold_weeks_add_up_from_the_gold_sessions(family: Family) -> None:
    for chart in generate(family, 2):
        gold = chart.gold
        assert gold.admission_date is not None and gold.episode_end is not None
        for w in gold.weeks:
            counted = [s for s in gold.sessions if s.counted and w.start <= s.date <= w.end]
            assert all(s.kind in COUNTED_KINDS for s in counted)
            assert all(s.attendance is Attendance.ATTENDED for s in counted)
            hours = sum(s.minutes or 0 for s in counted) / 60
            assert w.counted_hours == pytest.approx(round(hours, 2))
            assert w.counted_services == len(counted)
            assert w.unknown_length_services == sum(1 for s in counted if s.minutes is None)


def test_the_group_has_weeks_that_meet_and_weeks_that_do_not() -> None:
    hours = [
        w.counted_hours
        for family in FAMILIES
        for chart in generate(family, 4)
        for w in chart.gold.complete_weeks
    ]
    assert any(h >= 9 for h in hours)
    assert any(h < 9 for h in hours)


def test_dictation_unknowns_are_unknown_in_the_gold() -> None:
    """A group named only by its place in the day has no kind; a time the transcriptionist
    could not hear leaves the session's length unknown."""
    seen_kind = seen_length = False
    for chart in generate(BY_NAME["d10-dictation-transcripts"], 4):
        for s in chart.gold.sessions:
            seen_kind |= s.kind is ServiceKind.UNKNOWN
            seen_length |= s.minutes is None and s.attendance is Attendance.ATTENDED
            if s.kind is ServiceKind.UNKNOWN:
                assert not s.counted
    assert seen_kind and seen_length


def test_api_dump_parses_and_holds_the_standing_schedule_apart() -> None:
    for chart in (0, 1):
        scn, rendered = _chart(BY_NAME["d10-api-appointment-dump"], chart)
        first = rendered.files[0]
        text = first.data.decode("utf-8")
        assert "recurring_schedule:" in text or '"recurring_schedule"' in text
        if first.name.endswith(".json"):
            body = json.loads(text)
            ids = [a["id"] for f in rendered.files for a in json.loads(f.data)["appointments"]]
            assert len(ids) == len(set(ids))
            assert body["enrollment"]["admitted_on"] == scn.admission_date.isoformat()


def test_day_sheets_hold_other_clients_rows_and_the_key_on_the_last_page() -> None:
    scn, rendered = _chart(BY_NAME["d10-clinician-day-sheets"], 0)
    text = _text(rendered.files[0])
    pages = text.split("\f")
    assert "STATUS KEY" in pages[-1] and all("STATUS KEY" not in p for p in pages[:-1])
    ids = set(re.findall(r"\b[ABHKMQTWZ]\d{8}\b", text))
    assert scn.member.member_id in ids and len(ids) > 3


def test_ics_lines_are_folded_to_75_octets_and_crlf() -> None:
    _, rendered = _chart(BY_NAME["d10-ics-calendar-export"], 1)
    raw = rendered.files[0].data
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert ics_calendar_export._fold("X" * 160) == ["X" * 75, " " + "X" * 74, " " + "X" * 11]


@pytest.mark.parametrize(
    ("hh", "mm", "compact", "spoken", "ahdi"),
    [
        (9, 0, "9a", "nine", "9 a.m."),
        (10, 30, "10:30a", "ten-thirty", "10:30 a.m."),
        (12, 0, "12p", "noon", "noon"),
        (12, 45, "12:45p", "twelve forty-five", "12:45 p.m."),
        (13, 5, "1:05p", "one-oh-five", "1:05 p.m."),
        (19, 10, "7:10p", "seven-ten", "7:10 p.m."),
        (20, 55, "8:55p", "eight fifty-five", "8:55 p.m."),
    ],
)
def test_clock_spellings(hh: int, mm: int, compact: str, spoken: str, ahdi: str) -> None:
    t = dt.time(hh, mm)
    assert (k.compact(t), k.spoken(t), k.ahdi(t)) == (compact, spoken, ahdi)


def test_ranges_share_the_meridiem_once() -> None:
    assert k.compact_range(dt.time(9), dt.time(10, 30)) == "9a-10:30a"
    assert k.spoken_range(dt.time(9), dt.time(10, 30)) == "nine to ten-thirty in the morning"
    assert k.ahdi_range(dt.time(9), dt.time(10, 30)) == "9 to 10:30 a.m."
    assert k.ahdi_range(dt.time(11, 30), dt.time(12, 45)) == "11:30 a.m. to 12:45 p.m."
    assert k.hours_minutes(90) == "1 hr 30 min"


def test_generation_is_the_same_bytes_every_run() -> None:
    for family in FAMILIES:
        first, second = generate(family, 1), generate(family, 1)
        assert [f.data for f in first[0].files] == [f.data for f in second[0].files]
        assert first[0].gold == second[0].gold
