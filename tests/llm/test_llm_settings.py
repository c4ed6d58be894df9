"""Settings from the environment only."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from core.errors import UsageError
from extract.llm.chunks import chunk_document, split_spans
from extract.llm.settings import LLMSettings, is_configured, missing_configuration


def test_nothing_configured() -> None:
    assert not is_configured({})
    assert missing_configuration({}) == [
        "CHARTREVIEW_LLM_MODEL",
        "OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (a self-hosted server)",
    ]
    with pytest.raises(UsageError, match="CHARTREVIEW_LLM_MODEL and OPENAI_API_KEY"):
        LLMSettings.from_env({})
    # a key alone is not enough: the model is never guessed
    assert missing_configuration({"OPENAI_API_KEY": "sk-x"}) == ["CHARTREVIEW_LLM_MODEL"]


def test_openai_and_self_hosted() -> None:
    openai = LLMSettings.from_env(
        {"OPENAI_API_KEY": "sk-x", "CHARTREVIEW_LLM_MODEL": "gpt-4o-mini"}
    )
    assert openai.is_openai and openai.effective_token_param == "max_completion_tokens"
    assert (openai.temperature, openai.timeout, openai.max_tokens) == (0.0, 120.0, 4096)
    local = LLMSettings.from_env(
        {"OPENAI_BASE_URL": "http://localhost:11434/v1", "CHARTREVIEW_LLM_MODEL": "llama3.1"}
    )
    assert local.api_key is None and not local.is_openai
    assert local.effective_token_param == "max_tokens"
    assert local.methods == ("json_schema", "function_calling", "json_mode")


def test_every_knob(tmp_path: Path) -> None:
    s = LLMSettings.from_env(
        {
            "OPENAI_BASE_URL": "http://h/v1",
            "CHARTREVIEW_LLM_MODEL": "m",
            "CHARTREVIEW_LLM_TIMEOUT": "30",
            "CHARTREVIEW_LLM_MAX_TOKENS": "2000",
            "CHARTREVIEW_LLM_TOKEN_PARAM": "max_completion_tokens",
            "CHARTREVIEW_LLM_MAX_CONCURRENCY": "8",
            "CHARTREVIEW_LLM_RETRIES": "0",
            "CHARTREVIEW_LLM_REASKS": "1",
            "CHARTREVIEW_LLM_STRUCTURED_OUTPUT": "json_mode",
            "CHARTREVIEW_LLM_PRICE_PROMPT_PER_1K": "0.15",
            "CHARTREVIEW_LLM_PRICE_COMPLETION_PER_1K": "0.6",
            "CHARTREVIEW_LLM_CHUNK_CHARS": "4000",
            "CHARTREVIEW_LLM_CHUNK_OVERLAP": "400",
            "CHARTREVIEW_LLM_CACHE": "0",
            "CHARTREVIEW_DATA_DIR": str(tmp_path),
        }
    )
    assert (s.timeout, s.max_tokens, s.max_concurrency, s.retries, s.reasks) == (30, 2000, 8, 0, 1)
    assert s.effective_token_param == "max_completion_tokens"
    assert s.methods == ("json_mode",)
    assert s.cost(1000, 1000) == pytest.approx(0.75)
    assert (s.chunk_chars, s.chunk_overlap, s.cache) == (4000, 400, False)
    assert s.cache_dir() == tmp_path / "llm-cache"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CHARTREVIEW_LLM_TIMEOUT", "soon", "is not a number"),
        ("CHARTREVIEW_LLM_MAX_CONCURRENCY", "0", "must be at least 1"),
        ("CHARTREVIEW_LLM_STRUCTURED_OUTPUT", "xml", "choose one of auto, json_schema"),
        ("CHARTREVIEW_LLM_CACHE", "maybe", "use 1 or 0"),
        ("CHARTREVIEW_LLM_CHUNK_OVERLAP", "5000", "less than half"),
    ],
)
def test_bad_values_name_the_variable(name: str, value: str, message: str) -> None:
    env = {"OPENAI_API_KEY": "k", "CHARTREVIEW_LLM_MODEL": "m", name: value}
    with pytest.raises(UsageError, match=message) as caught:
        LLMSettings.from_env(env)
    assert "CHARTREVIEW_LLM_" in str(caught.value)


def test_default_data_dir_is_the_user_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    s = LLMSettings(model="m")
    assert s.cache_dir() == tmp_path / "xdg" / "chartreview" / "llm-cache"


def test_chunks_keep_offsets_and_never_span_pages() -> None:
    from chartdocs import chart_doc

    page1 = "".join(f"row {i:03d} of page one\n" for i in range(300))
    page2 = "short second page\n"
    doc = chart_doc(page1, page2).document
    chunks = chunk_document(doc, 1000, 200)
    assert {c.page for c in chunks} == {1, 2}
    for c in chunks:
        assert doc.page(c.page).text[c.offset : c.offset + len(c.text)] == c.text
        assert len(c.text) <= 1000
    ones = [c for c in chunks if c.page == 1]
    assert ones[0].offset == 0 and ones[-1].offset + len(ones[-1].text) == len(page1)
    for a, b in itertools.pairwise(ones):
        assert b.offset < a.offset + len(a.text)  # overlap ...
        assert a.offset + len(a.text) - b.offset >= 100  # ... of a real size
        assert page1[b.offset - 1] == "\n"  # chunks start at a line
    assert split_spans("", 1000, 200) == []


def _log(rows: int) -> str:
    lines = [
        "SERVICE LOG - Adult IOP",
        "",
        "| Date | Service | Time | Staff | Status |",
        "|---|---|---|---|---|",
    ]
    for i in range(rows):
        day = 1 + i % 28
        lines.append(f"| 03/{day:02d}/2025 | Process group | 9:00-10:30 | R. Doe, LPC | Present |")
    return "\n".join(lines) + "\n"


def test_a_long_table_is_cut_between_rows_and_each_later_chunk_names_its_columns() -> None:
    from chartdocs import chart_doc

    text = _log(80)
    doc = chart_doc(text).document
    chunks = chunk_document(doc, 1000, 200)
    assert len(chunks) >= 3
    for c in chunks:
        # whole rows only: every chunk begins and ends at a row's edge
        assert c.text.startswith("|") or c.offset == 0
        assert c.text.endswith("|\n")
    for c in chunks[1:]:
        assert c.columns == "| Date | Service | Time | Staff | Status |"
        assert "Column names of the table the excerpt continues" in c.context
        assert c.context.startswith("SERVICE LOG - Adult IOP")
    assert chunks[0].columns == "" and chunks[0].context == ""


def test_notes_are_cut_where_a_note_begins() -> None:
    from chartdocs import chart_doc

    note = (
        "GROUP NOTE   DOS: 03/{d:02d}/2025\n"
        "Group psychotherapy, 9:00-10:30, in person\n\n"
        "Intervention: the therapist led a discussion of triggers and coping.\n"
        "Response: Member participated and named two triggers.\n"
        "Facilitator: Jane Roe, LCSW\n"
    )
    text = "".join(note.format(d=d) for d in range(1, 29))
    doc = chart_doc(text).document
    chunks = chunk_document(doc, 1200, 200)
    assert len(chunks) >= 3
    for c in chunks[:-1]:
        # each chunk ends right before a note's first line (not at the blank line inside
        # a note), so no note is cut in two
        end = c.offset + len(c.text)
        assert text[end:].startswith("GROUP NOTE")
