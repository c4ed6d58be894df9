"""The ninth development group of export styles (eval/generality/styles_dev9): six
registered families, every non-meal session the scenario holds written down once, and
each written session's date and start time found in the text a reader gets from a file
that documents it (for PDFs, the text layer), in one of the spellings the group writes
(times in words, Spanish dates, YYMMDD included)."""

from __future__ import annotations

import datetime as dt
import io
import random

import pypdf
import pytest

from core.facts import ServiceKind
from eval.generality.families import SEED_BASE, generate, groups
from eval.generality.model import ChartFile, Family
from eval.generality.scenario import scenario
from eval.generality.styles_dev9 import _kit as k

FAMILIES = groups("dev")["styles_dev9"]


def _text(f: ChartFile) -> str:
    if f.name.endswith(".pdf"):
        return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(f.data)).pages)
    return f.data.decode("utf-8")


def test_the_group_holds_six_development_families() -> None:
    names = [f.name for f in FAMILIES]
    assert len(names) == 6
    assert all(n.startswith("d9-") for n in names)
    assert all(f.split == "dev" for f in FAMILIES)
    assert sum(1 for f in FAMILIES if "pdf" in f.tags) >= 1


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
@pytest.mark.parametrize("chart", [0, 1])
def test_every_session_is_written_where_the_gold_says(family: Family, chart: int) -> None:
    name_seed = sum(ord(c) * 31**i for i, c in enumerate(family.name)) % 100_000
    seed = SEED_BASE["dev"] + name_seed * 100 + chart
    scn = scenario(seed)
    rendered = family.render(scn, random.Random(seed))
    texts = {f.name: _text(f) for f in rendered.files}
    written = {w.session: w for w in rendered.written}
    for s in scn.sessions:
        if s.kind is ServiceKind.MEAL:
            continue
        w = written[s.index]  # every service is documented
        text = "\n".join(texts[name] for name in w.files)
        assert any(d in text for d in k.date_forms(s.date)), (family.name, s.index)
        times = k.clock_forms(s.start) | k.clock_forms(k.member_in(s))
        assert any(t in text for t in times), (family.name, s.index)


@pytest.mark.parametrize(
    ("hh", "mm", "words"),
    [
        (9, 0, "nine"),
        (10, 30, "half past ten"),
        (10, 45, "a quarter to eleven"),
        (11, 10, "ten past eleven"),
        (12, 0, "noon"),
        (14, 8, "two oh eight"),
        (13, 23, "one twenty-three"),
        (19, 40, "twenty to eight"),
    ],
)
def test_times_in_words(hh: int, mm: int, words: str) -> None:
    assert k.in_words(dt.time(hh, mm)) == words


def test_daylight_saving_offsets() -> None:
    chicago = k.ZONES[1]
    assert k.utc_offset(chicago, dt.date(2025, 3, 7)) == -6
    assert k.utc_offset(chicago, dt.date(2025, 3, 10)) == -5
    assert k.utc_offset(chicago, dt.date(2025, 11, 3)) == -6
    # an evening session is logged on the next UTC date
    assert k.to_utc(chicago, dt.date(2025, 1, 6), dt.time(19, 10)) == dt.datetime(2025, 1, 7, 1, 10)


def test_generation_is_the_same_bytes_every_run() -> None:
    for family in FAMILIES:
        first, second = generate(family, 1), generate(family, 1)
        assert [f.data for f in first[0].files] == [f.data for f in second[0].files]
        assert first[0].gold == second[0].gold
