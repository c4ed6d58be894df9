"""A fake OpenAI chat-completions endpoint for the real ``ChatOpenAI`` call path.

``FakeLLM`` is an ``httpx.MockTransport`` handler: it records every request body, answers
in the shape the request asks for (a tool call when the request carries ``tools``, else a
JSON message), and can be scripted to fail: ``FakeLLM.script`` is a queue of steps consumed
one per request before the default answer applies. No network is touched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from core.data import Document
from core.facts import Session
from extract.llm.schema import NarrativeFacts
from extract.llm.settings import LLMSettings

Answer = Callable[[str, str], dict[str, Any]]
Step = Callable[[httpx.Request, dict[str, Any]], httpx.Response]

#: every list of the answer, empty (from the answer's own model)
EMPTY: dict[str, list[Any]] = {name: [] for name in NarrativeFacts.model_fields}

_CHART = re.compile(r"<chart_text>\n(.*)\n</chart_text>", re.DOTALL)
_KIND = re.compile(r"Document kind \(from file classification; may be wrong\): (\S+)")


def answer_of(**kinds: list[dict[str, Any]]) -> dict[str, Any]:
    """A full answer object with the given lists and every other list empty (fresh lists:
    callers may extend them)."""
    return {**{k: list(v) for k, v in EMPTY.items()}, **kinds}


def _chunk_message(body: dict[str, Any]) -> str:
    """The last user message that carries chart text (a re-ask comes after it)."""
    for message in reversed(body["messages"]):
        if message["role"] == "user" and _CHART.search(message["content"]):
            return str(message["content"])
    raise AssertionError("no user message carries chart text")


def chart_text(body: dict[str, Any]) -> str:
    """The chart text of the chunk being asked about."""
    found = _CHART.search(_chunk_message(body))
    assert found is not None
    return found.group(1)


def document_kind(body: dict[str, Any]) -> str:
    found = _KIND.search(_chunk_message(body))
    return found.group(1) if found else ""


def method_of(body: dict[str, Any]) -> str:
    if body.get("tools"):
        return "function_calling"
    fmt = body.get("response_format") or {}
    return "json_schema" if fmt.get("type") == "json_schema" else "json_mode"


def completion(
    body: dict[str, Any], content: str, *, usage: tuple[int, int] = (100, 20)
) -> httpx.Response:
    """A chat completion carrying ``content`` as the request's method expects it."""
    if body.get("tools"):
        name = body["tools"][0]["function"]["name"]
        message: dict[str, Any] = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": name, "arguments": content},
                }
            ],
        }
    else:
        message = {"role": "assistant", "content": content}
    return httpx.Response(
        200,
        json={
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", "fake"),
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {
                "prompt_tokens": usage[0],
                "completion_tokens": usage[1],
                "total_tokens": sum(usage),
            },
        },
    )


def error(status: int, headers: dict[str, str] | None = None) -> Step:
    def step(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        return httpx.Response(status, json={"error": {"message": "fake error"}}, headers=headers)

    return step


def timeout() -> Step:
    def step(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        raise httpx.ReadTimeout("fake timeout", request=request)

    return step


def raw(content: str) -> Step:
    """Answer with ``content`` verbatim (e.g. malformed JSON)."""

    def step(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        return completion(body, content)

    return step


@dataclass
class FakeLLM:
    """``answer(chart_text, document_kind)`` gives the default answer object.

    ``reject`` lists structured-output methods the server answers with HTTP 400 (like
    llama.cpp's Python server for ``json_schema``)."""

    answer: Answer = field(default=lambda text, kind: answer_of())
    script: list[Step] = field(default_factory=list)
    reject: frozenset[str] = frozenset()
    #: per-chunk behaviour: a step for chunks whose text it picks, ``None`` for the rest
    when: Callable[[str], Step | None] = field(default=lambda text: None)
    requests: list[dict[str, Any]] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests.append(body)
        if method_of(body) in self.reject:
            return httpx.Response(
                400, json={"error": {"message": f"{method_of(body)} is not supported"}}
            )
        if self.script:
            return self.script.pop(0)(request, body)
        special = self.when(chart_text(body))
        if special is not None:
            return special(request, body)
        return completion(body, json.dumps(self.answer(chart_text(body), document_kind(body))))

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))

    @property
    def calls(self) -> int:
        return len(self.requests)


def settings(tmp_path: Any, **overrides: Any) -> LLMSettings:
    """Settings for a fake self-hosted server, cache under ``tmp_path``."""
    values: dict[str, Any] = {
        "model": "fake-model",
        "base_url": "http://127.0.0.1:9/v1",
        "data_dir": tmp_path / "data",
        "retries": 2,
        "reasks": 2,
        "max_concurrency": 2,
    }
    values.update(overrides)
    return LLMSettings(**values)


class NoSleep:
    """Records the delays it was asked to sleep instead of sleeping."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@contextmanager
def stub_server(fake: FakeLLM) -> Iterator[str]:
    """Serve ``fake`` over real HTTP on 127.0.0.1 (an OpenAI-compatible stub); yields its
    base URL. Used where the SDK's own HTTP stack must be exercised (no injected client)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            request = httpx.Request("POST", f"http://stub{self.path}", content=body)
            response = fake(request)
            payload = response.read()
            self.send_response(response.status_code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def session_proposals(sessions: Sequence[Session], documents: Sequence[Document]) -> Answer:
    """An answer function proposing ``sessions`` (facts read by the offline reader) as the
    model would: for each document a session is quoted from, its record (the first words
    there) and the words of each slot the reader recorded there; a chunk gets the
    proposals whose quotes it holds."""
    texts = {d.document_id: d for d in documents}
    proposals: list[dict[str, Any]] = []
    for s in sessions:
        for doc_id in dict.fromkeys(ev.document_id for ev in s.evidence):
            proposals.append(_proposal(s, texts[doc_id], doc_id))

    def answer(text: str, kind: str) -> dict[str, Any]:
        mine = [p for p in proposals if all(q in text for q in _quotes_of(p))]
        return answer_of(sessions=mine)

    return answer


def _quotes_of(p: dict[str, Any]) -> list[str]:
    singles = [v for k, v in p.items() if k.endswith("_quote") and v is not None]
    return [*singles, *p["facilitator_quotes"]]


def _proposal(s: Session, document: Document, doc_id: str) -> dict[str, Any]:
    def words(*slots: str) -> str | None:
        evs = [ev for slot in slots for ev in s.slot_evidence(slot) if ev.document_id == doc_id]
        if not evs:
            return None
        page = evs[0].page
        same = [ev for ev in evs if ev.page == page]
        start, end = min(ev.start for ev in same), max(ev.end for ev in same)
        return document.page(page).text[start:end]

    record = next(ev for ev in s.evidence if ev.document_id == doc_id)
    people = [
        ev.quote
        for slot in s.slots
        if slot.slot == "facilitators"
        for ev in slot.evidence
        if ev.document_id == doc_id
    ]
    unknown = "unknown"
    return {
        "record_quote": record.quote,
        "record_type": "log_entry" if s.is_log_entry else "progress_note",
        "date_quote": words("date"),
        "times_quote": words("start", "end"),
        "duration_quote": words("minutes"),
        "arrival_quote": words("member_start"),
        "departure_quote": words("member_end"),
        "service_quote": words("kind"),
        "kind": None if s.service_kind.value == unknown else s.service_kind.value,
        "attendance_quote": words("attendance"),
        "attendance": None if s.attendance.value == unknown else s.attendance.value,
        "modality_quote": words("modality"),
        "modality": None if s.modality.value == unknown else s.modality.value,
        "facilitator_quotes": list(dict.fromkeys(people)),
        "group_size_quote": words("group_size"),
    }


def proposal(**fields: Any) -> dict[str, Any]:
    """One session as the model proposes it (the group note of the LLM tests: a 9:00-10:30
    process group on 03/10/2025), with ``fields`` changed."""
    base: dict[str, Any] = {
        "record_quote": "Group psychotherapy (process group), 9:00 AM-10:30 AM, in person",
        "record_type": "progress_note",
        "date_quote": "03/10/2025",
        "times_quote": "9:00 AM-10:30 AM",
        "duration_quote": None,
        "arrival_quote": None,
        "departure_quote": None,
        "service_quote": "Group psychotherapy (process group)",
        "kind": "group_psychotherapy",
        "attendance_quote": None,
        "attendance": None,
        "modality_quote": "in person",
        "modality": "in_person",
        "facilitator_quotes": ["Jane Roe, LCSW"],
        "group_size_quote": "Group size: 6",
    }
    return {**base, **fields}
