"""One structured request to an OpenAI-compatible chat model, made robust.

* **Structured output** through ``ChatOpenAI.with_structured_output``: JSON schema first,
  then tool calling, then JSON mode (``settings.methods``). A method the server rejects
  (HTTP 400/422) is skipped for this chunk, and for the rest of the run once a later method
  has worked, so a llama.cpp-style server that rejects ``json_schema`` costs one extra
  request per run, not per chunk.
* **Re-ask** (instructor-style): an answer that is not JSON or does not validate against
  :class:`~extract.llm.schema.NarrativeFacts` is sent back with the error text, at most
  ``settings.reasks`` times.
* **Retries**: 429, 5xx, timeouts and connection errors are retried ``settings.retries``
  times with exponential backoff (``Retry-After`` honoured, capped); ``sleep`` is
  injectable. The SDK's own retries are off so every request is counted.
* After the last try a :class:`~extract.llm.errors.LLMExtractionError` carries every
  :class:`~extract.llm.errors.Attempt`.

Nothing here logs or raises chart text: the error details are HTTP statuses, exception
class names and validation-error locations. LangSmith tracing is switched off around each
request, so a ``LANGSMITH_TRACING`` variable cannot ship chart text to a tracing service.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import openai
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import Runnable
from langchain_openai import ChatOpenAI
from langsmith import tracing_context
from pydantic import ValidationError

from extract.llm.errors import Attempt, AttemptOutcome, LLMCallError, LLMOutputError
from extract.llm.schema import NarrativeFacts, response_schema
from extract.llm.settings import LLMSettings, StructuredMethod

log = logging.getLogger("chartreview.extract.llm")

# The OpenAI SDK logs request bodies (the prompt, i.e. chart text) at DEBUG level.
logging.getLogger("openai").setLevel(logging.INFO)


def quiet_serializer_warnings() -> None:
    """Pydantic warns, on stderr, with the value it could not serialize: a model's answer
    of the wrong shape, that is, chart text. Such an answer fails as an output error
    anyway, so the warning is not shown."""
    warnings.filterwarnings("ignore", message="Pydantic serializer warnings", category=UserWarning)


quiet_serializer_warnings()

OPENAI_API_URL = "https://api.openai.com/v1"
BACKOFF_BASE_SECONDS = 1.0
BACKOFF_CAP_SECONDS = 30.0
_MAX_ERROR_TEXT = 3000

Sleep = Callable[[float], None]
#: An ``httpx.Client`` or ``httpx2.Client`` (the OpenAI SDK accepts either), e.g. with a
#: mock transport in tests or a proxy/CA setup in production.
HttpClient = Any


@dataclass
class Meter:
    """Requests and tokens spent, summed across threads."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, calls: int = 0, prompt_tokens: int = 0, completion_tokens: int = 0) -> None:
        with self._lock:
            self.calls += calls
            self.prompt_tokens += prompt_tokens
            self.completion_tokens += completion_tokens


class _RejectedError(Exception):
    """The server rejected the request as such (HTTP 400/422): try the next method."""


class _TemperatureError(Exception):
    """The model refuses a ``temperature`` (reasoning models take only their default)."""


class _FatalError(Exception):
    """A request error no retry or other method can fix (auth, unknown model, context)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class ResponseTooLarge(httpx.ReadError):
    """A model's answer larger than ``max_response_bytes``: read no further."""


class _CappedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, limit: int, request: httpx.Request) -> None:
        self._inner, self._limit, self._request = inner, limit, request

    def __iter__(self) -> Iterator[bytes]:
        seen = 0
        for part in self._inner:
            seen += len(part)
            if seen > self._limit:
                raise ResponseTooLarge(
                    f"the answer is larger than {self._limit} bytes", request=self._request
                )
            yield part

    def close(self) -> None:
        self._inner.close()


class _CappedTransport(httpx.BaseTransport):
    """Stops reading an answer once it is larger than ``limit`` bytes (a misbehaving
    server cannot make the review hold an 80 MB answer in memory)."""

    def __init__(self, inner: httpx.BaseTransport, limit: int) -> None:
        self._inner, self.limit = inner, limit

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            response.close()
            raise ResponseTooLarge(f"the answer is larger than {self.limit} bytes", request=request)
        stream = response.stream
        if isinstance(stream, httpx.SyncByteStream):
            response.stream = _CappedStream(stream, self.limit, request)
        return response

    def close(self) -> None:
        self._inner.close()


def capped_client(settings: LLMSettings, http_client: HttpClient | None = None) -> HttpClient:
    """``http_client`` (else a new ``httpx.Client``) whose answers are capped at
    ``settings.max_response_bytes``."""
    client = http_client or httpx.Client(timeout=settings.timeout)
    limit = settings.max_response_bytes
    transport = getattr(client, "_transport", None)
    if isinstance(transport, httpx.BaseTransport) and not isinstance(transport, _CappedTransport):
        client._transport = _CappedTransport(transport, limit)
    # a proxy (HTTPS_PROXY) is a mounted transport of its own
    mounts = getattr(client, "_mounts", None)
    if isinstance(mounts, dict):
        for pattern, mounted in list(mounts.items()):
            if isinstance(mounted, httpx.BaseTransport) and not isinstance(
                mounted, _CappedTransport
            ):
                mounts[pattern] = _CappedTransport(mounted, limit)
    return client


def make_chat_model(
    settings: LLMSettings, http_client: HttpClient | None = None, *, temperature: bool = True
) -> ChatOpenAI:
    """``ChatOpenAI`` for ``settings``: temperature 0 (none sent when ``temperature`` is
    false: a model that refuses it), no SDK retries (we count and retry ourselves), the
    completion limit in the field the server reads."""
    kwargs: dict[str, Any] = {
        "model": settings.model,
        "temperature": settings.temperature if temperature else None,
        "timeout": settings.timeout,
        "max_retries": 0,
        # A self-hosted server needs no key, but the SDK insists on one.
        "api_key": settings.api_key or "not-needed",
        # Explicit, so only the settings decide where chart text goes.
        "base_url": settings.base_url or OPENAI_API_URL,
        # uncompressed answers: the size cap counts the bytes that are held in memory
        "default_headers": {"Accept-Encoding": "identity"},
    }
    kwargs["http_client"] = capped_client(settings, http_client)
    if settings.effective_token_param == "max_completion_tokens":
        kwargs["max_tokens"] = settings.max_tokens  # sent as max_completion_tokens
    else:
        kwargs["extra_body"] = {"max_tokens": settings.max_tokens}
    return ChatOpenAI(**kwargs)


class StructuredClient:
    """Asks the model for :class:`NarrativeFacts`; thread-safe."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        http_client: HttpClient | None = None,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._http_client = http_client
        self._chat = make_chat_model(settings, http_client)
        #: the model refused a temperature, so none is sent (recorded in the usage)
        self.temperature_omitted = False
        self._schema = response_schema()
        self._lock = threading.Lock()
        self._unsupported: set[StructuredMethod] = set()
        self._runnables: dict[StructuredMethod, Runnable[Any, Any]] = {}
        self._fatal: str | None = None

    @property
    def methods(self) -> tuple[StructuredMethod, ...]:
        """The methods still worth trying, in order."""
        with self._lock:
            left = tuple(m for m in self.settings.methods if m not in self._unsupported)
        return left or self.settings.methods[-1:]

    def ask(
        self, messages: Sequence[BaseMessage], meter: Meter, deadline: float | None = None
    ) -> NarrativeFacts:
        """The model's validated answer to ``messages``; raises :class:`LLMCallError` or
        :class:`LLMOutputError` (both carry the attempts). ``deadline`` (a
        ``time.monotonic()`` value): no request is started, and no retry waited for, after
        it."""
        attempts: list[Attempt] = []
        with self._lock:
            fatal = self._fatal
        if fatal is not None:
            raise LLMCallError(f"an earlier request failed for good ({fatal})", ())
        methods = self.methods
        rejected: list[StructuredMethod] = []
        for method in methods:
            try:
                answer = self._ask_with(method, list(messages), meter, attempts, deadline)
            except _RejectedError:
                rejected.append(method)
                continue
            except _FatalError as e:
                with self._lock:
                    self._fatal = e.detail
                raise LLMCallError("the model endpoint refused the request", tuple(attempts)) from e
            if rejected:
                with self._lock:
                    self._unsupported.update(rejected)
                log.info(
                    "the server rejected structured output by %s; using %s",
                    ", ".join(rejected),
                    method,
                )
            return answer
        raise LLMCallError("the server rejected every structured-output method", tuple(attempts))

    # ------------------------------------------------------------------ one method

    def _omit_temperature(self) -> None:
        """From now on, send no temperature (the model takes only its default)."""
        with self._lock:
            if self.temperature_omitted:
                return
            self.temperature_omitted = True
            self._chat = make_chat_model(self.settings, self._http_client, temperature=False)
            self._runnables.clear()
        log.info("the model refused a temperature; requests are sent without one")

    def _runnable(self, method: StructuredMethod) -> Runnable[Any, Any]:
        with self._lock:
            runnable = self._runnables.get(method)
            if runnable is None:
                runnable = self._chat.with_structured_output(
                    self._schema,
                    method=method,
                    include_raw=True,
                    strict=True if method == "json_schema" else None,
                )
                self._runnables[method] = runnable
            return runnable

    def _ask_with(
        self,
        method: StructuredMethod,
        messages: list[BaseMessage],
        meter: Meter,
        attempts: list[Attempt],
        deadline: float | None = None,
    ) -> NarrativeFacts:
        conversation = messages
        for _ in range(self.settings.reasks + 1):
            try:
                result = self._invoke(
                    self._runnable(method), conversation, method, meter, attempts, deadline
                )
            except _TemperatureError:
                # once without a temperature (another thread may have dropped it already:
                # this request was built before); refused again, the method is rejected
                self._omit_temperature()
                try:
                    result = self._invoke(
                        self._runnable(method), conversation, method, meter, attempts, deadline
                    )
                except _TemperatureError as e:
                    raise _RejectedError("the server refuses the request's temperature") from e
            raw = result.get("raw")
            if isinstance(raw, AIMessage) and raw.usage_metadata:
                meter.add(
                    prompt_tokens=raw.usage_metadata.get("input_tokens", 0),
                    completion_tokens=raw.usage_metadata.get("output_tokens", 0),
                )
            facts, for_model, for_record = _validate(result)
            if facts is not None:
                return facts
            attempts.append(Attempt(len(attempts) + 1, method, "invalid_output", for_record))
            conversation = [*messages, HumanMessage(_reask_text(_raw_text(raw), for_model))]
        raise LLMOutputError("the model's answer did not validate", tuple(attempts))

    def _invoke(
        self,
        runnable: Runnable[Any, Any],
        conversation: list[BaseMessage],
        method: StructuredMethod,
        meter: Meter,
        attempts: list[Attempt],
        deadline: float | None = None,
    ) -> dict[str, Any]:
        retries = self.settings.retries
        for retry in range(retries + 1):
            if deadline is not None and time.monotonic() >= deadline:
                raise LLMCallError(
                    f"the chart's time for the model ({self.settings.deadline:g} s) ran out",
                    tuple(attempts),
                )
            meter.add(calls=1)
            try:
                with tracing_context(enabled=False):
                    result = runnable.invoke(conversation)
            except openai.LengthFinishReasonError as e:
                # the SDK's parse path refuses an answer cut off at the token limit
                usage = e.completion.usage
                if usage is not None:
                    meter.add(
                        prompt_tokens=usage.prompt_tokens,
                        completion_tokens=usage.completion_tokens,
                    )
                return {"raw": None, "finish_reason": "length"}
            except openai.APIError as e:
                outcome, detail, delay = self._classify(e, retry)
            else:
                if not isinstance(result, dict):  # pragma: no cover - include_raw contract
                    raise TypeError("structured output without include_raw")
                return result
            attempts.append(Attempt(len(attempts) + 1, method, outcome, detail))
            if outcome == "rejected":
                raise _RejectedError(detail)
            if retry < retries:
                if deadline is not None:
                    delay = max(0.0, min(delay, deadline - time.monotonic()))
                self._sleep(delay)
        raise LLMCallError("requests to the model kept failing", tuple(attempts))

    def _classify(self, e: openai.APIError, retry: int) -> tuple[AttemptOutcome, str, float]:
        """How a request error ends, a detail without chart text, and the backoff delay."""
        backoff = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2**retry)
        name = type(e).__name__
        if isinstance(e, openai.APITimeoutError):
            return "timeout", f"no answer within {self.settings.timeout:g} s", backoff
        if isinstance(e, openai.APIConnectionError):
            return "connection_error", name, backoff
        if isinstance(e, openai.RateLimitError):
            return "rate_limited", "HTTP 429", _retry_after(e.response) or backoff
        if isinstance(e, openai.APIStatusError):
            status = e.status_code
            if status >= 500:
                return "server_error", f"HTTP {status}", _retry_after(e.response) or backoff
            if "context" in name.lower() and "overflow" in name.lower():
                raise _FatalError(
                    f"HTTP {status}: the chunk exceeds the model's context window; lower "
                    "CHARTREVIEW_LLM_CHUNK_CHARS"
                ) from e
            if status in (400, 422) and _about_temperature(e):
                raise _TemperatureError()
            if status in (400, 422):
                return "rejected", f"HTTP {status}", 0.0
            raise _FatalError(f"HTTP {status} ({name})") from e
        return "connection_error", name, backoff


def _about_temperature(e: openai.APIStatusError) -> bool:
    """Whether the server's error names the ``temperature`` parameter (its error object's
    ``param``, or its message): the server's words, never chart text."""
    body = e.body if isinstance(e.body, dict) else {}
    inner = body.get("error") if isinstance(body.get("error"), dict) else body
    param = inner.get("param") if isinstance(inner, dict) else None
    return param == "temperature" or "temperature" in str(e.message).lower()


def _retry_after(response: object) -> float | None:
    """The ``Retry-After`` seconds of an error response (httpx or httpx2), capped."""
    headers = getattr(response, "headers", None)
    value = headers.get("retry-after") if headers is not None else None
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None
    if seconds is None or seconds < 0:
        return None
    return min(seconds, BACKOFF_CAP_SECONDS)


def _validate(result: dict[str, Any]) -> tuple[NarrativeFacts | None, str, str]:
    """The validated answer, or ``None`` with the error for the model (may quote the
    answer) and a detail for the record (locations and error types only).

    The raw answer is parsed strictly here rather than trusting LangChain's parsed value:
    its JSON parser repairs truncated JSON, which would let an answer cut off at the token
    limit pass with its last items silently missing."""
    raw = result.get("raw")
    if result.get("finish_reason") == "length" or (
        isinstance(raw, AIMessage) and raw.response_metadata.get("finish_reason") == "length"
    ):
        return (
            None,
            "the answer was cut off at the completion token limit; answer more briefly",
            "truncated at the token limit",
        )
    text = _strip_fences(_raw_text(raw))
    if not text:
        return (
            None,
            "no structured answer was returned: answer with one JSON object",
            "no structured answer",
        )
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as e:
        return None, f"the answer is not valid JSON: {e}", "unparseable (JSONDecodeError)"
    if not isinstance(parsed, dict):
        return None, "the answer must be one JSON object", "not a JSON object"
    try:
        return NarrativeFacts.model_validate(parsed), "", ""
    except ValidationError as e:
        where = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['type']}"
            for err in e.errors(include_url=False, include_input=False)[:5]
        )
        return None, str(e), f"validation failed at {where}"


def _strip_fences(text: str) -> str:
    """Some servers wrap JSON in a markdown code fence even in JSON mode."""
    text = text.strip()
    if text.startswith("```") and text.endswith("```"):
        text = text[3:-3]
        if text.startswith("json"):
            text = text[4:]
    return text.strip()


def _raw_text(raw: object) -> str:
    """What the model answered, as text: the first tool call's arguments for tool calling
    (LangChain has already parsed valid ones with ``json.loads``), else the content."""
    if not isinstance(raw, AIMessage):
        return ""
    if raw.tool_calls:
        return json.dumps(raw.tool_calls[0]["args"])
    if raw.invalid_tool_calls:
        args = raw.invalid_tool_calls[0].get("args")
        return args if isinstance(args, str) else ""
    return raw.content if isinstance(raw.content, str) else ""


def _reask_text(previous: str, error: str) -> str:
    return (
        "Your previous answer could not be used.\n\nError:\n"
        + error[:_MAX_ERROR_TEXT]
        + "\n\nYour previous answer:\n"
        + previous[:_MAX_ERROR_TEXT]
        + "\n\nAnswer again for the same chart text: one JSON object with exactly the keys "
        "of the schema, every quote copied verbatim from the chart text."
    )
