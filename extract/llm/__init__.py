"""LLM extraction through LangChain's ``ChatOpenAI`` (any OpenAI-compatible server).

The model only PROPOSES narrative facts, each with a verbatim quote; quotes are aligned to
page offsets (:mod:`extract.llm.align`), unalignable proposals go to ``ungrounded``, and
the rules decide. Configuration comes from the environment only (:mod:`.settings`).

Public API: :class:`LLMExtractor`, :class:`HybridExtractor`, :class:`LLMSettings`,
:func:`is_configured`, :func:`not_configured_message`, :func:`load_prompt`, the errors
:class:`LLMExtractionError` / :class:`LLMCallError` / :class:`LLMOutputError` with
:class:`Attempt`, and :func:`align`.
"""

from __future__ import annotations

from extract.llm.align import Alignment, align
from extract.llm.errors import Attempt, LLMCallError, LLMExtractionError, LLMOutputError
from extract.llm.extractor import FAILURE_KIND, HybridExtractor, LLMExtractor
from extract.llm.prompt import Prompt, load_prompt
from extract.llm.settings import (
    LLMSettings,
    is_configured,
    missing_configuration,
    not_configured_message,
)

__all__ = [
    "FAILURE_KIND",
    "Alignment",
    "Attempt",
    "HybridExtractor",
    "LLMCallError",
    "LLMExtractionError",
    "LLMExtractor",
    "LLMOutputError",
    "LLMSettings",
    "Prompt",
    "align",
    "is_configured",
    "load_prompt",
    "missing_configuration",
    "not_configured_message",
]
