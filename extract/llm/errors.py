"""Typed errors of the LLM extractor. Messages and attempt details never carry chart text:
only HTTP statuses, exception class names and validation error locations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from core.errors import ExtractionError

AttemptOutcome = Literal[
    "rate_limited",  # HTTP 429
    "server_error",  # HTTP 5xx
    "timeout",
    "connection_error",
    "rejected",  # HTTP 4xx other than 429 (e.g. the server does not support a method)
    "invalid_output",  # the answer did not validate against the output schema
]


@dataclass(frozen=True)
class Attempt:
    """One request to the model and how it ended (no chart text in ``detail``)."""

    number: int  # 1-based, across every method and re-ask of one chunk
    method: str  # the structured-output method used
    outcome: AttemptOutcome
    detail: str

    def __str__(self) -> str:
        return f"#{self.number} {self.method}: {self.outcome} ({self.detail})"


class LLMExtractionError(ExtractionError):
    """The model could not produce a valid answer for a chunk; ``attempts`` says how each
    try ended."""

    def __init__(self, message: str, attempts: tuple[Attempt, ...]) -> None:
        last = f"; last: {attempts[-1]}" if attempts else ""
        super().__init__(f"{message} after {len(attempts)} attempt(s){last}")
        self.summary = message
        self.attempts = attempts


class LLMCallError(LLMExtractionError):
    """Requests kept failing (rate limits, server errors, timeouts, connection errors, or
    every structured-output method rejected)."""


class LLMOutputError(LLMExtractionError):
    """The model kept answering with output that does not validate, after every re-ask."""
