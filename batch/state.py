"""What ``--resume`` compares: a small state file per chart next to its record.

``state/<chart>.json`` holds the chart's input fingerprint (the name and SHA-256 of each
file), the settings of its review (the policy asked, the pack and its SHA-256, the
extractor and its model and prompt, the LLM endpoint and how it is asked (base URL, chunk
size and overlap, temperature), the per-document text budget
(``CHARTREVIEW_MAX_DOCUMENT_CHARS``), the tool version, the pack chooser's version, the
signing key) and its summary row. A chart is skipped on ``--resume`` only when all of
these are unchanged, its last attempt succeeded, no document's narrative went unread (the
LLM failed on it: reviewed again, the endpoint may work now), and its record is on disk and
verifies with the same ``record_sha256``; anything else is reviewed again.

The state is written before the record (both atomically): a state whose record is missing
or different means the run stopped between the two, and the chart is reviewed again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from audit.record import parse_record, verify_data
from batch.charts import InputFile
from batch.summary import SummaryRow
from core.errors import RecordError
from core.files import write_private

STATE_VERSION: Literal["2"] = "2"
MAX_STATE_BYTES = 64 * 1024 * 1024


class Settings(BaseModel):
    """Everything besides the input files that a review's outcome depends on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    policy_asked: str
    extractor: str
    model: str | None
    prompt_sha256: str | None
    tool_version: str
    chooser_version: str | None
    signing_key_id: str | None
    max_document_chars: int
    # the LLM extractors' endpoint and how they ask it (None: deterministic); the base URL
    # without any user name or password it may carry
    llm_base_url: str | None = None
    llm_chunk_chars: int | None = None
    llm_chunk_overlap: int | None = None
    llm_temperature: float | None = None


class FileEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    sha256: str


class ChartState(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    state_version: Literal["2"] = STATE_VERSION
    chart_id: str
    inputs: list[FileEntry]
    settings: Settings
    pack: str | None
    pack_sha256: str | None
    row: SummaryRow


def entries(inputs: tuple[InputFile, ...]) -> list[FileEntry]:
    return [FileEntry(name=f.name, sha256=f.sha256) for f in inputs]


def read_state(path: Path) -> ChartState | None:
    """The state at ``path``, or None when there is none or it cannot be used (then the
    chart is simply reviewed again)."""
    try:
        if path.stat().st_size > MAX_STATE_BYTES:
            return None
        return ChartState.model_validate_json(path.read_bytes())
    except (OSError, ValidationError):
        return None


def write_state(path: Path, state: ChartState) -> None:
    write_private(path, (state.model_dump_json(indent=2) + "\n").encode("utf-8"))


def record_matches(path: Path, record_sha256: str) -> bool:
    """Is the record at ``path`` intact (it verifies) and the one with ``record_sha256``?"""
    try:
        data = parse_record(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, RecordError):
        return False
    ok, _ = verify_data(data)
    return ok and data.get("record_sha256") == record_sha256
