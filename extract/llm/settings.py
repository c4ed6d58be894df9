"""LLM settings, read from the environment only (never from a file, never from a chart).

The names are a contract (issue 5): ``OPENAI_API_KEY`` and ``OPENAI_BASE_URL`` are the
OpenAI SDK's own, so OpenAI, Azure OpenAI (v1 API), vLLM, Ollama and llama.cpp's servers
all work; ``CHARTREVIEW_LLM_MODEL`` names the model. Everything else has a default.

==========================================  =========================  =====================
variable                                    meaning                    default
==========================================  =========================  =====================
``OPENAI_API_KEY``                          API key                    none (a self-hosted
                                                                       server needs none)
``OPENAI_BASE_URL``                         OpenAI-compatible base URL the OpenAI API
``CHARTREVIEW_LLM_MODEL``                   model name                 required
``CHARTREVIEW_LLM_TIMEOUT``                 seconds per request        120
``CHARTREVIEW_LLM_DEADLINE``                seconds for a whole chart  900
``CHARTREVIEW_LLM_MAX_RESPONSE_BYTES``      largest answer read        4000000
``CHARTREVIEW_LLM_MAX_TOKENS``              completion token limit     4096
``CHARTREVIEW_LLM_TOKEN_PARAM``             ``auto`` |                 ``auto``
                                            ``max_completion_tokens``
                                            | ``max_tokens``
``CHARTREVIEW_LLM_MAX_CONCURRENCY``         parallel requests          4
``CHARTREVIEW_LLM_RETRIES``                 retries of 429/5xx/timeout 4
``CHARTREVIEW_LLM_REASKS``                  re-asks on invalid output  2
``CHARTREVIEW_LLM_STRUCTURED_OUTPUT``       ``auto`` | ``json_schema``  ``auto``
                                            | ``function_calling`` |
                                            ``json_mode``
``CHARTREVIEW_LLM_PRICE_PROMPT_PER_1K``     price per 1k prompt tokens none (cost null)
``CHARTREVIEW_LLM_PRICE_COMPLETION_PER_1K`` per 1k completion tokens   none (cost null)
``CHARTREVIEW_LLM_CHUNK_CHARS``             chunk size (characters)    8000
``CHARTREVIEW_LLM_CHUNK_OVERLAP``           chunk overlap (characters) 800
``CHARTREVIEW_LLM_CACHE``                   ``1`` / ``0``              ``1``
``CHARTREVIEW_DATA_DIR``                    cache root                 the user's cache dir
==========================================  =========================  =====================

``auto`` token parameter: ``max_completion_tokens`` for the OpenAI API (no base URL, or
``api.openai.com``), ``max_tokens`` for any other base URL (llama.cpp's Python server
ignores ``max_completion_tokens``; vLLM, Ollama and llama.cpp's C++ server accept
``max_tokens``). Temperature is always 0.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar, get_args

from core.errors import UsageError

StructuredMethod = Literal["json_schema", "function_calling", "json_mode"]
MethodSetting = Literal["auto", "json_schema", "function_calling", "json_mode"]
TokenParam = Literal["max_completion_tokens", "max_tokens"]
TokenParamSetting = Literal["auto", "max_completion_tokens", "max_tokens"]

#: The order ``auto`` tries structured-output methods in (each falls back to the next
#: when the server rejects it with 400/422).
AUTO_METHODS: tuple[StructuredMethod, ...] = ("json_schema", "function_calling", "json_mode")

ENV_API_KEY = "OPENAI_API_KEY"
ENV_BASE_URL = "OPENAI_BASE_URL"
ENV_MODEL = "CHARTREVIEW_LLM_MODEL"
ENV_DATA_DIR = "CHARTREVIEW_DATA_DIR"
_P = "CHARTREVIEW_LLM_"

T = TypeVar("T")


@dataclass(frozen=True)
class LLMSettings:
    """Everything the LLM extractor needs to reach a model. Build with :meth:`from_env`."""

    model: str
    api_key: str | None = None
    base_url: str | None = None
    timeout: float = 120.0
    # the most time a chart's model requests may take altogether, and the largest answer read
    deadline: float = 900.0
    max_response_bytes: int = 4_000_000
    max_tokens: int = 4096
    token_param: TokenParamSetting = "auto"
    max_concurrency: int = 4
    retries: int = 4
    reasks: int = 2
    structured_output: MethodSetting = "auto"
    price_prompt_per_1k: float | None = None
    price_completion_per_1k: float | None = None
    chunk_chars: int = 8000
    chunk_overlap: int = 800
    cache: bool = True
    data_dir: Path | None = None
    temperature: float = 0.0

    def __post_init__(self) -> None:
        if not self.model.strip():
            raise UsageError(f"{ENV_MODEL} is empty: set it to the model name to use")
        if self.chunk_overlap * 2 >= self.chunk_chars:
            raise UsageError(
                f"{_P}CHUNK_OVERLAP ({self.chunk_overlap}) must be less than half of "
                f"{_P}CHUNK_CHARS ({self.chunk_chars})"
            )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LLMSettings:
        """Settings from ``env`` (default ``os.environ``); :class:`UsageError` when no
        model is configured or a value cannot be read, naming the variable."""
        env = os.environ if env is None else env
        missing = missing_configuration(env)
        if missing:
            raise UsageError(not_configured_message(missing))
        return cls(
            model=env[ENV_MODEL].strip(),
            api_key=_get(env, ENV_API_KEY),
            base_url=_get(env, ENV_BASE_URL),
            timeout=_number(env, "TIMEOUT", float, 120.0, minimum=1.0),
            deadline=_number(env, "DEADLINE", float, 900.0, minimum=1.0),
            max_response_bytes=_number(env, "MAX_RESPONSE_BYTES", int, 4_000_000, minimum=10_000),
            max_tokens=_number(env, "MAX_TOKENS", int, 4096, minimum=16),
            token_param=_choice(env, "TOKEN_PARAM", get_args(TokenParamSetting), "auto"),
            max_concurrency=_number(env, "MAX_CONCURRENCY", int, 4, minimum=1),
            retries=_number(env, "RETRIES", int, 4, minimum=0),
            reasks=_number(env, "REASKS", int, 2, minimum=0),
            structured_output=_choice(env, "STRUCTURED_OUTPUT", get_args(MethodSetting), "auto"),
            price_prompt_per_1k=_optional_price(env, "PRICE_PROMPT_PER_1K"),
            price_completion_per_1k=_optional_price(env, "PRICE_COMPLETION_PER_1K"),
            chunk_chars=_number(env, "CHUNK_CHARS", int, 8000, minimum=500),
            chunk_overlap=_number(env, "CHUNK_OVERLAP", int, 800, minimum=0),
            cache=_flag(env, "CACHE", True),
            data_dir=Path(d) if (d := _get(env, ENV_DATA_DIR)) else None,
        )

    @property
    def methods(self) -> tuple[StructuredMethod, ...]:
        """Structured-output methods to try, in order."""
        if self.structured_output == "auto":
            return AUTO_METHODS
        return (self.structured_output,)

    @property
    def is_openai(self) -> bool:
        """Whether requests go to the OpenAI API itself (no custom base URL)."""
        return self.base_url is None or "api.openai.com" in self.base_url

    @property
    def effective_token_param(self) -> TokenParam:
        """The request field that carries :attr:`max_tokens`."""
        if self.token_param != "auto":
            return self.token_param
        return "max_completion_tokens" if self.is_openai else "max_tokens"

    def cache_dir(self) -> Path:
        """Where cached model answers live: ``$CHARTREVIEW_DATA_DIR/llm-cache``, else
        ``chartreview/llm-cache`` under the user's cache directory."""
        return (self.data_dir or default_data_dir()) / "llm-cache"

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float | None:
        """Cost of the tokens at the configured prices, ``None`` without prices."""
        if self.price_prompt_per_1k is None and self.price_completion_per_1k is None:
            return None
        return round(
            prompt_tokens / 1000 * (self.price_prompt_per_1k or 0.0)
            + completion_tokens / 1000 * (self.price_completion_per_1k or 0.0),
            6,
        )


def missing_configuration(env: Mapping[str, str] | None = None) -> list[str]:
    """The variables that still have to be set before an LLM can be used ([] if none)."""
    env = os.environ if env is None else env
    missing = []
    if not _get(env, ENV_MODEL):
        missing.append(ENV_MODEL)
    if not _get(env, ENV_API_KEY) and not _get(env, ENV_BASE_URL):
        missing.append(f"{ENV_API_KEY} (OpenAI) or {ENV_BASE_URL} (a self-hosted server)")
    return missing


def is_configured(env: Mapping[str, str] | None = None) -> bool:
    """Whether the environment names a model and a way to reach it."""
    return not missing_configuration(env)


def not_configured_message(missing: list[str] | None = None) -> str:
    """The message for a user who asked for an LLM extractor without configuring one."""
    missing = missing_configuration() if missing is None else missing
    return (
        "the llm and hybrid extractors need a model: set "
        + " and ".join(missing)
        + f". For OpenAI: {ENV_API_KEY}=sk-... {ENV_MODEL}=gpt-4o-mini. For a self-hosted "
        f"OpenAI-compatible server (vLLM, Ollama, llama.cpp): {ENV_BASE_URL}="
        f"http://localhost:8000/v1 {ENV_MODEL}=<served model name>. Without them, use "
        "--extractor deterministic (the default)."
    )


def default_data_dir() -> Path:
    """``chartreview`` under the user's cache directory (XDG on Linux)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "chartreview" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "chartreview"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "chartreview"


# --------------------------------------------------------------------------- parsing


def _get(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None


def _number(
    env: Mapping[str, str], suffix: str, kind: Callable[[str], T], default: T, *, minimum: T
) -> T:
    raw = _get(env, _P + suffix)
    if raw is None:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise UsageError(f"{_P}{suffix}={raw!r} is not a number") from None
    if value < minimum:  # type: ignore[operator]
        raise UsageError(f"{_P}{suffix}={raw!r} must be at least {minimum}")
    return value


def _optional_price(env: Mapping[str, str], suffix: str) -> float | None:
    if _get(env, _P + suffix) is None:
        return None
    return _number(env, suffix, float, 0.0, minimum=0.0)


def _choice(env: Mapping[str, str], suffix: str, allowed: tuple[str, ...], default: T) -> T:
    raw = _get(env, _P + suffix)
    if raw is None:
        return default
    if raw not in allowed:
        raise UsageError(f"{_P}{suffix}={raw!r}: choose one of {', '.join(allowed)}")
    return raw  # type: ignore[return-value]


def _flag(env: Mapping[str, str], suffix: str, default: bool) -> bool:
    raw = _get(env, _P + suffix)
    if raw is None:
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise UsageError(f"{_P}{suffix}={raw!r}: use 1 or 0")
