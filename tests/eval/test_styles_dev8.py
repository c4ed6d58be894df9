"""The eighth development group of export styles (eval/generality/styles_dev8): six
registered families, every session the scenario holds written down once (meals may be
left out), and each written session's date and start time found in the text a reader
gets from a file that documents it (for PDFs, the text layer)."""

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
from eval.generality.styles_dev8 import _kit as k

FAMILIES = groups("dev")["styles_dev8"]
DATE_STYLES = ("us", "usn", "dmy2", "dmy", "word", "wmd", "wmdy", "long")


def _text(f: ChartFile) -> str:
    if f.name.endswith(".pdf"):
        return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(f.data)).pages)
    return f.data.decode("utf-8")


def _clocks(t: dt.time) -> set[str]:
    forms = {k.clock(t, c) for c in ("sec", "24", "hrs", "mil", "12", "12s", "12c")}
    return forms | {k.clock(t, "12s")[:-5]}  # "1:00" of "1:00 to 2:30 p.m."


def test_the_group_holds_six_development_families() -> None:
    names = [f.name for f in FAMILIES]
    assert len(names) == 6
    assert all(n.startswith("d8-") for n in names)
    assert all(f.split == "dev" for f in FAMILIES)
    assert sum(1 for f in FAMILIES if "pdf" in f.tags) >= 2


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_every_session_is_written_where_the_gold_says(family: Family) -> None:
    name_seed = sum(ord(c) * 31**i for i, c in enumerate(family.name)) % 100_000
    seed = SEED_BASE["dev"] + name_seed * 100  # the family's first chart
    scn = scenario(seed)
    rendered = family.render(scn, random.Random(seed))
    texts = {f.name: _text(f) for f in rendered.files}
    written = {w.session: w for w in rendered.written}
    for s in scn.sessions:
        if s.kind is ServiceKind.MEAL:
            continue
        w = written[s.index]  # every service is documented
        text = "\n".join(texts[name] for name in w.files)
        dates = {k.date(s.date, style) for style in DATE_STYLES} | {s.date.isoformat()}
        assert any(d in text for d in dates), (family.name, s.index)
        times = _clocks(s.start) | _clocks(k.member_in(s))
        assert any(t in text for t in times), (family.name, s.index)


def test_generation_is_the_same_bytes_every_run() -> None:
    for family in FAMILIES:
        first, second = generate(family, 1), generate(family, 1)
        assert [f.data for f in first[0].files] == [f.data for f in second[0].files]
        assert first[0].gold == second[0].gold
