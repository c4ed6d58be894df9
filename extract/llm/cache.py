"""On-disk cache of validated model answers, so re-reviewing an unchanged chart makes no
model calls.

Key: sha256 over (sha256 of the chunk text, the document kind shown to the model, the
prompt's sha256, the model name). Value: the validated answer (quotes, not offsets: the
chunk's offsets are applied on every read, so the same text at another place of a page
still aligns correctly). Only answers that validated are stored; failures never are.

The cache holds chart-derived text (the quotes), i.e. PHI: files are created owner-only
(0600 in a 0700 directory) under ``$CHARTREVIEW_DATA_DIR/llm-cache`` (default: the user's
cache directory); set ``CHARTREVIEW_LLM_CACHE=0`` to disable it. A corrupt entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from core.files import write_private
from extract.llm.schema import NarrativeFacts

_FORMAT = 1


def cache_key(chunk_text: str, document_kind: str, prompt_sha256: str, model: str) -> str:
    """The cache key of one request."""
    parts = {
        "format": _FORMAT,
        "text_sha256": hashlib.sha256(chunk_text.encode("utf-8")).hexdigest(),
        "document_kind": document_kind,
        "prompt_sha256": prompt_sha256,
        "model": model,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


class _Entry(BaseModel):
    """An answer stored with how it was asked for (an entry of an answer that needs no
    more is the answer itself, as before)."""

    model_config = ConfigDict(extra="forbid")

    answer: NarrativeFacts
    temperature_omitted: bool


class AnswerCache:
    """Answers by key, one JSON file each under ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> NarrativeFacts | None:
        """The stored answer, or ``None`` when there is none or it cannot be read."""
        found = self.get_entry(key)
        return found[0] if found is not None else None

    def get_entry(self, key: str) -> tuple[NarrativeFacts, bool] | None:
        """The stored answer and whether the model gave it without a temperature (it
        refused one), or ``None`` when there is none or it cannot be read. An entry
        written before that was recorded reads as with a temperature."""
        try:
            data = self._path(key).read_text(encoding="utf-8")
        except OSError:
            return None
        try:
            return NarrativeFacts.model_validate_json(data), False
        except ValidationError:
            pass
        try:
            entry = _Entry.model_validate_json(data)
        except ValidationError:
            return None
        return entry.answer, entry.temperature_omitted

    def put(self, key: str, answer: NarrativeFacts, *, temperature_omitted: bool = False) -> None:
        """Store ``answer`` atomically (write to a temporary file, then rename), with
        ``temperature_omitted`` when the model gave it without a temperature. A cache that
        cannot be written is not an error: the review goes on without it."""
        path = self._path(key)
        if temperature_omitted:
            text = _Entry(answer=answer, temperature_omitted=True).model_dump_json()
        else:
            text = answer.model_dump_json()
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.parent.mkdir(mode=0o700, exist_ok=True)
            write_private(path, text.encode("utf-8"))
        except OSError:
            return
