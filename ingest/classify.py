"""Classify a chart document by kind from its title lines and file name.

The patterns are data (``ingest/kinds.yaml``) so a reviewer can read and tune them without
touching code. They are loaded strictly: an unknown key, a duplicate key, an unknown kind or
a regex that does not compile is a :class:`ClassifierConfigError` at load time, never a
silent misclassification during a review.

How a kind is decided (see the comments in ``kinds.yaml``): the first non-empty lines of the
text are tried from the top, each against every pattern in file order, and the first line
that matches decides; this makes a document's title win over words in its body. Only if no
header line matches is the file name tried. :func:`classify` returns the kind together with
where and which pattern decided it, so the choice can be explained in the audit record.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import PurePath
from typing import Annotated

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from core.data import DocumentKind
from core.errors import ChartReviewError
from core.yamlio import load_yaml

#: The explanation :func:`classify` returns when no pattern matched.
NO_MATCH = "no-match"

_WHITESPACE = re.compile(r"\s+")
_FILENAME_SEPARATORS = re.compile(r"[\s_.\-]+")
# a line of six or more words ending in a full stop
_SENTENCE = re.compile(r"^(?:\S+\s+){5,}\S*[a-z0-9)][.]$")


class ClassifierConfigError(ChartReviewError):
    """The classification patterns file is invalid (unknown key, bad regex, unknown kind)."""


class KindPattern(BaseModel):
    """Regexes that identify one document kind, by title line and/or by file name."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    kind: DocumentKind
    title: tuple[re.Pattern[str], ...] = ()
    filename: tuple[re.Pattern[str], ...] = ()

    @field_validator("title", "filename", mode="before")
    @classmethod
    def _compile(cls, value: object) -> object:
        """Compile each regex case-insensitively; a bad regex is a validation error."""
        if not isinstance(value, list | tuple):
            return value
        compiled = []
        for source in value:
            if not isinstance(source, str):
                raise ValueError(f"a regex must be a string, got {type(source).__name__}")
            try:
                compiled.append(re.compile(source, re.IGNORECASE))
            except re.error as e:
                raise ValueError(f"invalid regex {source!r}: {e}") from e
        return tuple(compiled)

    @model_validator(mode="after")
    def _has_a_regex(self) -> KindPattern:
        if not self.title and not self.filename:
            raise ValueError("a pattern needs at least one 'title' or 'filename' regex")
        return self


class ClassifierConfig(BaseModel):
    """The whole patterns file: how many header lines to read, and the ordered patterns."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    header_lines: Annotated[int, Field(ge=1)]
    patterns: tuple[KindPattern, ...]

    @field_validator("patterns")
    @classmethod
    def _some_unique_ids(cls, value: tuple[KindPattern, ...]) -> tuple[KindPattern, ...]:
        if not value:
            raise ValueError("at least one pattern is needed")
        ids = [p.id for p in value]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"pattern ids must be unique; repeated: {', '.join(duplicates)}")
        return value


def parse_config(text: str, source: str) -> ClassifierConfig:
    """Parse and validate a patterns file's ``text``; ``source`` names it in error messages.

    Raises :class:`ClassifierConfigError` saying what is wrong and where.
    """
    try:
        raw = load_yaml(text)
    except yaml.YAMLError as e:
        raise ClassifierConfigError(f"{source}: not valid YAML: {e}") from e
    try:
        return ClassifierConfig.model_validate(raw)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in err['loc']) or '(top level)'}: {err['msg']}"
            for err in e.errors()
        )
        raise ClassifierConfigError(f"{source}: invalid classifier patterns: {problems}") from e


@cache
def default_config() -> ClassifierConfig:
    """The patterns shipped in ``ingest/kinds.yaml``, parsed once per process."""
    resource = files("ingest").joinpath("kinds.yaml")
    return parse_config(resource.read_text(encoding="utf-8"), "ingest/kinds.yaml")


def header_lines(text: str, limit: int) -> list[str]:
    """The first ``limit`` non-empty lines of ``text``, stripped, whitespace collapsed."""
    lines: list[str] = []
    for line in text.splitlines():
        collapsed = _WHITESPACE.sub(" ", line).strip()
        if collapsed:
            lines.append(collapsed)
            if len(lines) == limit:
                break
    return lines


_LIST_ITEM = re.compile(r"(?:\d{1,2}[.)]|[-*•])[ \t]+\S")


def _list_items(lines: list[str]) -> set[int]:
    """Lines in a run of two or more numbered or bulleted items: a list of contents."""
    marked = [bool(_LIST_ITEM.match(line)) for line in lines]
    return {
        k
        for k, m in enumerate(marked)
        if m and ((k > 0 and marked[k - 1]) or (k + 1 < len(marked) and marked[k + 1]))
    }


def classify(
    text: str, filename: str, *, config: ClassifierConfig | None = None
) -> tuple[DocumentKind, str]:
    """The kind of a document and why: ``"title:<pattern id>"``, ``"filename:<pattern id>"``,
    or :data:`NO_MATCH` (kind ``other``).

    ``text`` is the document's first page with text (may be empty for a scan); ``filename``
    may include folders, only its last part is used. ``config`` defaults to the shipped
    patterns.
    """
    cfg = config if config is not None else default_config()
    lines = header_lines(text, cfg.header_lines)
    listed = _list_items(lines)
    for k, line in enumerate(lines):
        if _SENTENCE.search(line):
            continue  # a sentence ("Goal numbers = plan of care problems 1-3.") is no title
        if k in listed:
            continue  # an item of a list of contents ("2. Physician certification") is no title
        for pattern in cfg.patterns:
            if any(regex.search(line) for regex in pattern.title):
                return pattern.kind, f"title:{pattern.id}"
    name = _FILENAME_SEPARATORS.sub(" ", PurePath(filename).stem).strip()
    for pattern in cfg.patterns:
        if any(regex.search(name) for regex in pattern.filename):
            return pattern.kind, f"filename:{pattern.id}"
    return DocumentKind.OTHER, NO_MATCH
