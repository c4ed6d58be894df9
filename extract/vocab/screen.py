"""Strict loader for ``screen.yaml``: the instruction screen's patterns as data."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator

from core.data import Frozen
from core.errors import ExtractionError
from core.yamlio import load_model

SCREEN_PATH = Path(__file__).with_name("screen.yaml")


class ScreenPatterns(Frozen):
    patterns: Annotated[list[str], Field(min_length=1)]

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"pattern {p!r} is not a regular expression: {e}") from e
        return patterns


@cache
def screen_patterns(path: Path = SCREEN_PATH) -> re.Pattern[str]:
    """One regex for every pattern of ``screen.yaml`` (case-insensitive, per line)."""
    loaded = load_model(path, ScreenPatterns, "instruction screen", ExtractionError)
    return re.compile("|".join(f"(?:{p})" for p in loaded.patterns), re.IGNORECASE | re.MULTILINE)
