"""Recorded LLM responses, so the LLM extractor's eval runs in CI with no endpoint.

A recording is a JSON Lines file in ``eval/recordings/``: a header line naming the model
that produced it (and when, and the prompt version), then one line per chat-completions
request: the sha256 of the canonical request body and the response (status and JSON).
:class:`RecordingTransport` writes one while a live eval runs against a configured
endpoint; :class:`ReplayTransport` answers the same requests from it and never touches the
network. A request that is not in the recording (the prompt or a chart changed) gets a 404
that says so: the extractor records the failure and the eval shows it, rather than
inventing an answer.

Recordings hold model output about the fictional eval charts only, never a real chart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import httpx

from core.data import Frozen
from core.errors import EvalError
from eval.gold import EVAL_DIR
from extract.llm.settings import LLMSettings

RECORDINGS_DIR = EVAL_DIR / "recordings"
FORMAT = "chartreview-llm-recording/1"
NOT_RECORDED = 404


class RecordingHeader(Frozen):
    """First line of a recording: what produced the responses."""

    format: str
    model: str
    recorded_at: str
    prompt_version: str | None
    prompt_sha256: str | None
    # the settings that shape a request body: replay must send the same bodies
    token_param: Literal["max_completion_tokens", "max_tokens"]
    max_tokens: int
    structured_output: Literal["auto", "json_schema", "function_calling", "json_mode"]
    chunk_chars: int
    chunk_overlap: int
    temperature: float
    reasks: int
    note: str


def request_key(body: bytes) -> str:
    """The sha256 of the request body with its keys sorted (stable across runs)."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"))
    except ValueError:
        canonical = body.decode("utf-8", "replace")
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Recording:
    header: RecordingHeader
    responses: dict[str, tuple[int, Any]]

    @classmethod
    def load(cls, path: Path) -> Recording:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
            header = RecordingHeader.model_validate_json(lines[0])
            responses = {}
            for line in lines[1:]:
                entry = json.loads(line)
                responses[entry["key"]] = (int(entry["status"]), entry["body"])
        except (OSError, IndexError, ValueError, KeyError) as e:
            raise EvalError(f"LLM recording {path.name} is unreadable: {e}") from e
        if header.format != FORMAT:
            raise EvalError(f"LLM recording {path.name} has format {header.format!r}, not {FORMAT}")
        return cls(header=header, responses=responses)


def find_recording(directory: Path | None = None) -> Path | None:
    """The recording to replay (by name, the last ``*.jsonl`` in ``directory``, default
    eval/recordings/), if any."""
    files = sorted((directory or RECORDINGS_DIR).glob("*.jsonl"))
    return files[-1] if files else None


class ReplayTransport(httpx.BaseTransport):
    """Answers chat-completions requests from a recording; counts what it served."""

    def __init__(self, recording: Recording) -> None:
        self.recording = recording
        self.served = 0
        self.missing = 0
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        found = self.recording.responses.get(request_key(request.read()))
        with self._lock:
            if found is None:
                self.missing += 1
            else:
                self.served += 1
        if found is None:
            return httpx.Response(
                NOT_RECORDED,
                json={"error": {"message": "no recorded response for this request: re-record"}},
            )
        status, body = found
        return httpx.Response(status, json=body)


class RecordingTransport(httpx.BaseTransport):
    """Forwards requests to ``inner`` (the real network transport) and writes each
    request's key and response to ``path``."""

    def __init__(self, inner: httpx.BaseTransport, path: Path, header: RecordingHeader) -> None:
        self.inner = inner
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(header.model_dump_json() + "\n", encoding="utf-8")

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        key = request_key(request.read())
        response = self.inner.handle_request(request)
        content = response.read()
        try:
            body = json.loads(content)
        except ValueError:
            body = {"error": {"message": "response was not JSON"}}
        line = json.dumps({"key": key, "status": response.status_code, "body": body})
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
        # ``content`` is already decoded: pass no content-encoding/length on
        return httpx.Response(
            response.status_code,
            headers={"content-type": response.headers.get("content-type", "application/json")},
            content=content,
            request=request,
        )


def header_for(
    settings: LLMSettings, prompt_version: str | None, prompt_sha256: str | None
) -> RecordingHeader:
    """The header of a recording made with ``settings``."""
    return RecordingHeader(
        format=FORMAT,
        model=settings.model,
        recorded_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        prompt_version=prompt_version,
        prompt_sha256=prompt_sha256,
        token_param=settings.effective_token_param,
        max_tokens=settings.max_tokens,
        structured_output=settings.structured_output,
        chunk_chars=settings.chunk_chars,
        chunk_overlap=settings.chunk_overlap,
        temperature=settings.temperature,
        reasks=settings.reasks,
        note="RECORDED responses of the model named here to the fictional eval charts; "
        "`chartreview eval --extractor llm` replays them when no endpoint is configured.",
    )


def replay_settings(header: RecordingHeader) -> LLMSettings:
    """Settings that send the bodies the recording was made with: no cache (every
    request reaches the transport), no retries (a missing answer is final), re-asks as
    recorded, one request at a time."""
    return LLMSettings(
        model=header.model,
        api_key="replayed-recording",
        base_url=None,
        token_param=header.token_param,
        max_tokens=header.max_tokens,
        structured_output=header.structured_output,
        chunk_chars=header.chunk_chars,
        chunk_overlap=header.chunk_overlap,
        temperature=header.temperature,
        cache=False,
        retries=0,
        reasks=header.reasks,
        max_concurrency=1,
    )
