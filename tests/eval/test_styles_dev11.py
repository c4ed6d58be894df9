"""The eleventh development group of export styles (eval/generality/styles_dev11), written
blind to the extractor and not yet registered: six families, every non-meal session the
scenario holds written down, each written session's date and time or length found in the
text a reader gets from a file that documents it (for PDFs, the text layer), the gold's
weeks consistent with its sessions, each family's traps present (posting dates after the
service, CSV rows newest first with the key after them, sign-in totals, quoted replies,
indentation-only records, decimal hours only where exact), and the group's spellings."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import pkgutil
import random
import re
from pathlib import Path

import pypdf
import pytest

from core.facts import Attendance, ServiceKind
from eval.check_gold import COUNTED_KINDS
from eval.generality import styles_dev11
from eval.generality.families import SEED_BASE, generate, groups
from eval.generality.model import ChartFile, Family, RenderedChart, Scenario
from eval.generality.scenario import scenario
from eval.generality.styles_dev11 import _kit as k


def _families() -> tuple[Family, ...]:
    found = []
    for info in pkgutil.iter_modules([str(Path(styles_dev11.__file__).parent)]):
        if not info.name.startswith("_"):
            found.append(
                importlib.import_module(f"eval.generality.styles_dev11.{info.name}").FAMILY
            )
    return tuple(sorted(found, key=lambda f: f.name))


FAMILIES = _families()
BY_NAME = {f.name: f for f in FAMILIES}


def _text(f: ChartFile) -> str:
    if f.name.endswith(".pdf"):
        return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(f.data)).pages)
    return f.data.decode("utf-8")


def _chart(family: Family, chart: int) -> tuple[Scenario, RenderedChart]:
    name_seed = sum(ord(c) * 31**i for i, c in enumerate(family.name)) % 100_000
    seed = SEED_BASE["dev"] + name_seed * 100 + chart
    scn = scenario(seed)
    return scn, family.render(scn, random.Random(seed))


def _dates(d: dt.date) -> set[str]:
    return k.date_forms(d) | {k.dmy(d), k.dmy(d).upper(), k.ymd8(d), k.md_ordinal(d), k.wmd(d)}


def _lengths(minutes: float) -> set[str]:
    return {k.length(minutes), k.prime(minutes), k.hm(minutes)}


def test_the_group_holds_six_development_families_registered_as_one_group() -> None:
    names = [f.name for f in FAMILIES]
    assert len(names) == 6
    assert all(n.startswith("d11-") for n in names)
    assert all(f.split == "dev" for f in FAMILIES)
    # registered by the lead after it was written blind (session 18), in no other group
    assert {f.name for f in groups()["styles_dev11"]} == set(names)
    others = {f.name for g, fs in groups().items() if g != "styles_dev11" for f in fs}
    assert not others & set(names)
    assert all(f.conventions and f.description for f in FAMILIES)


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
        text = " ".join("\n".join(texts[name] for name in w.files).split())
        assert any(d in text for d in _dates(s.date)), (family.name, s.index)
        if s.attended:
            assert w.states_length and w.states_attendance
            assert w.states_kind or s.kind not in COUNTED_KINDS
            found = k.forms11(s.start) | k.forms11(k.member_in(s)) | _lengths(s.minutes)
            assert any(t in text for t in found), (family.name, s.index)


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_gold_weeks_add_up_from_the_gold_sessions(family: Family) -> None:
    for chart in generate(family, 2):
        gold = chart.gold
        assert gold.admission_date is not None and gold.episode_end is not None
        assert gold.weeks
        for w in gold.weeks:
            counted = [s for s in gold.sessions if s.counted and w.start <= s.date <= w.end]
            assert all(s.kind in COUNTED_KINDS for s in counted)
            assert all(s.attendance is Attendance.ATTENDED for s in counted)
            hours = sum(s.minutes or 0 for s in counted) / 60
            assert w.counted_hours == pytest.approx(round(hours, 2))
            assert w.counted_services == len(counted)
            assert w.unknown_length_services == 0


def test_the_group_has_weeks_that_meet_and_weeks_that_do_not() -> None:
    hours = [
        w.counted_hours
        for family in FAMILIES
        for chart in generate(family, 4)
        for w in chart.gold.complete_weeks
    ]
    assert any(h >= 9 for h in hours)
    assert any(h < 9 for h in hours)


def test_generation_is_the_same_bytes_every_run() -> None:
    for family in FAMILIES:
        first, second = generate(family, 1), generate(family, 1)
        assert [f.data for f in first[0].files] == [f.data for f in second[0].files]
        assert first[0].gold == second[0].gold


def test_the_pdfs_open_and_hold_several_sessions_a_page() -> None:
    seen = 0
    for family in FAMILIES:
        for chart in generate(family, 4):
            for f in chart.files:
                if not f.name.endswith(".pdf"):
                    continue
                seen += 1
                reader = pypdf.PdfReader(io.BytesIO(f.data))
                assert len(reader.pages) >= 1
                body = reader.pages[-1].extract_text()
                assert len(re.findall(r"\b\d{1,2}/\d{1,2}\b", body)) >= 3
    assert seen >= 6  # every sign-in chart and half the discharge summaries


def test_posting_journal_batches_post_after_the_service_among_other_patients() -> None:
    for chart in (0, 1):
        scn, rendered = _chart(BY_NAME["d11-batch-posting-journal"], chart)
        text = rendered.files[0].data.decode("utf-8")
        me = f"{scn.member.last.upper()}, {scn.member.first.upper()}"
        posted = None
        names = set()
        for line in text.splitlines():
            if m := re.match(r"BATCH \S+  POSTED (\d{8})", line):
                posted = m.group(1)
            elif re.match(r"[A-Z' -]+, [A-Z]+ +\d{6} +\d{8}", line):
                names.add(line[:22].strip())
                assert posted is not None and line[31:39] < posted
                if line.startswith(me) and ("S9480" in line or "H0015" in line):
                    assert "hrs" not in line and line[41:46].strip() == ""
        assert me in names and len(names) > 4
        pages = text.split("\f")
        assert all("PATIENT" in p for p in pages)
        assert "STATUS: PD POSTED" in pages[-1]
        assert all("STATUS:" not in p for p in pages[:-1])


def test_visit_history_rows_run_newest_first_with_the_key_after_a_blank_row() -> None:
    for chart in (0, 1):
        scn, rendered = _chart(BY_NAME["d11-visit-history-csv"], chart)
        rows = list(csv.reader(io.StringIO(rendered.files[0].data.decode("utf-8"))))
        header = rows[3]
        assert header[0] in ("Duration", "Visit ID")
        blank = rows.index([])
        body = rows[4:blank]
        dates = [
            dt.datetime.strptime(r[header.index("Visit Date")], "%d-%b-%Y").date() for r in body
        ]
        assert dates == sorted(dates, reverse=True)
        assert any("\n" in r[header.index("Comments")] for r in body)
        assert rows[blank + 1][0].startswith("Visit types:")
        future = [r for r in body if r[header.index("Status")] == "SCH"]
        assert len(future) == 1
        assert dates[0] > scn.discharge_date


def test_signin_member_totals_are_the_attended_minutes() -> None:
    scn, rendered = _chart(BY_NAME["d11-weekday-signin-pdf"], 0)
    text = _text(rendered.files[0])
    me = f"{scn.member.last.upper()}, {scn.member.first}"
    rows = [line for line in text.splitlines() if line.startswith(me)]
    sheets = text.count("WEEKLY GROUP SIGN-IN")
    assert len(rows) == sheets > 2
    groups_ = [s for s in k.services(scn) if s.kind in k.GROUP_KINDS]
    total = sum(float(line.split()[-1]) for line in rows)
    assert total == pytest.approx(
        sum(s.minutes for s in groups_ if s.attended) / 60, abs=0.01 * len(rows)
    )


def test_mbox_messages_quote_and_answer_late_arrivals() -> None:
    texts = [_chart(BY_NAME["d11-mbox-weekly-digest"], c) for c in range(4)]
    answered = 0
    for scn, rendered in texts:
        text = rendered.files[0].data.decode("utf-8")
        froms = re.findall(r"^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$", text, re.M)
        assert len(froms) == len(re.findall(r"^Date: ", text, re.M)) > 2
        for s in scn.sessions:
            if s.attended and s.member_start is not None:
                assert f"signed in at {k.clock(s.member_start, '12')}" in text
                answered += 1
        if "In-Reply-To:" in text:
            assert re.search(r"^> .*attended", text, re.M)
    assert answered >= 1


def test_outline_records_are_told_apart_by_indentation_only() -> None:
    addenda = 0
    for chart in range(4):
        _, rendered = _chart(BY_NAME["d11-indented-day-outline"], chart)
        lines = rendered.files[0].data.decode("utf-8").splitlines()
        assert all(line.strip() for line in lines)
        lines = lines[next(i for i, x in enumerate(lines) if x.startswith("PROGRAM WEEK")) :]
        assert not any(re.fullmatch(r"\s*[-=_*]{3,}\s*", line) for line in lines)
        day = None
        for line in lines:
            indent = len(line) - len(line.lstrip())
            assert indent in (0, 2, 4, 6)
            if indent == 2:
                day = line.strip()
            if "late entry for" in line:
                addenda += 1
                assert day is not None and "late entry" not in day
    assert addenda >= 1


@pytest.mark.parametrize(
    ("minutes", "decimal", "length", "prime", "hm"),
    [
        (90, "1.5", "1.5 h", "90'", "1h30m"),
        (75, "1.25", "1.25 h", "75'", "1h15m"),
        (45, "0.75", "0.75 h", "45'", "45m"),
        (60, "1", "1 h", "60'", "1h"),
        (50, None, "50 min", "50'", "50m"),
        (53, None, "53 min", "53'", "53m"),
        (70, None, "70 min", "70'", "1h10m"),
    ],
)
def test_lengths_are_exact_or_in_minutes(
    minutes: int, decimal: str | None, length: str, prime: str, hm: str
) -> None:
    assert k.decimal_hours(minutes) == decimal
    assert (k.length(minutes), k.prime(minutes), k.hm(minutes)) == (length, prime, hm)


@pytest.mark.parametrize(
    ("day", "dmy", "ymd8", "ordinal", "wmd"),
    [
        (dt.date(2025, 3, 3), "03-Mar-2025", "20250303", "March 3rd", "Mon 3/3"),
        (dt.date(2025, 3, 11), "11-Mar-2025", "20250311", "March 11th", "Tue 3/11"),
        (dt.date(2025, 10, 22), "22-Oct-2025", "20251022", "October 22nd", "Wed 10/22"),
        (dt.date(2026, 1, 1), "01-Jan-2026", "20260101", "January 1st", "Thu 1/1"),
    ],
)
def test_date_spellings(day: dt.date, dmy: str, ymd8: str, ordinal: str, wmd: str) -> None:
    assert (k.dmy(day), k.ymd8(day), k.md_ordinal(day), k.wmd(day)) == (dmy, ymd8, ordinal, wmd)


@pytest.mark.parametrize(
    ("a", "b", "text"),
    [
        ((9, 0), (10, 30), "9 to 10:30 am"),
        ((10, 45), (12, 15), "10:45 am to 12:15 pm"),
        ((13, 0), (14, 30), "1 to 2:30 pm"),
        ((17, 30), (19, 0), "5:30 to 7 pm"),
        ((9, 0), (12, 0), "9 to noon"),
    ],
)
def test_loose_ranges(a: tuple[int, int], b: tuple[int, int], text: str) -> None:
    assert k.loose_range(dt.time(*a), dt.time(*b)) == text
    assert k.hrs(dt.time(*a)) == f"{a[0]:02d}{a[1]:02d}hrs"
