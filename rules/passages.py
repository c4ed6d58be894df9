"""Split a policy text (a file in ``policies/``) into citable passages.

A passage is one paragraph (consecutive non-blank lines) or one bullet (a line starting
with ``- `` after optional indentation), together with the path of headings it sits under.
Its id is stable and readable: ``<file stem>#<section-path-slug>/<ordinal>``, the ordinal
counting passages from 1 within the section; nothing about it is random, so the same file
always yields the same ids.

Headings are recognised in the two layouts the policy files use:

* **title lines**: a block of one or two short lines on their own (no sentence-ending
  punctuation, no colon, no tab). If the file has a table of contents (lines ending in a
  tab and a page number), titles listed there are top-level sections and other titles
  nest under the latest of them; without one, every title is top-level.
* **bullet sections**: an unindented bullet whose text is title-like and that is followed
  by indented bullets (``- Program Criteria``) heads a section under the current title.
  Bullets that lost their indentation (after a page break) stay ordinary passages of the
  section they are in.
* **numbered questions** (FAQ): ``4. What are ...?`` starts the top-level section
  ``Q4. What are ...?`` with the slug ``q4``. A question may wrap over several lines; it
  ends at the first line ending in ``?``, within four non-blank lines. Numbers must follow
  each other (1, 2, 3, ...), so a line of an answer that happens to start with a number
  is not taken for a question, and a numbered line that does not end in ``?`` is an item
  of a numbered list ("1. the patient requires ..."), kept as text, not a heading.

``text == file_text[start:end]`` always holds: ``text`` is verbatim, with its inner line
breaks, and without the bullet marker or the surrounding whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.errors import UsageError

_BULLET = re.compile(r"^(?P<indent>[ \t]*)- (?P<body>\S.*)$")
_QUESTION = re.compile(r"^[ \t]*(?P<number>\d{1,3})\.[ \t]+(?P<body>\S.*)$")
_TOC_ENTRY = re.compile(r"^(?P<title>\S[^\t]*?)\.*\t+\d+[ \t]*$")
_MAX_TITLE_CHARS = 100
_MAX_TITLE_WORDS = 14
_MAX_TITLE_LINES = 2
_MAX_QUESTION_LINES = 4
FRONT_MATTER_SLUG = "front-matter"


class Passage(BaseModel):
    """One citable paragraph or bullet of a policy file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    passage_id: str
    source: str = Field(description="policy file name, e.g. 'optum-idaho-iop-faq.txt'")
    section: str = Field(description="heading path joined with ' > ' ('' before any heading)")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(min_length=1)

    @model_validator(mode="after")
    def _span_matches_text(self) -> Passage:
        if self.end - self.start != len(self.text):
            raise ValueError("passage span length differs from its text length")
        return self


@dataclass(frozen=True)
class _Heading:
    text: str
    slug: str


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the line's first character in the file text
    text: str  # without the line break

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def policies_dir() -> Path:
    """The repository's ``policies/`` folder (next to the ``rules`` package)."""
    return Path(__file__).resolve().parent.parent / "policies"


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by ``-`` ("Program Criteria" -> "program-criteria")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        lines.append(_Line(offset, raw))
        offset += len(raw) + 1
    return lines


def _is_title_like(text: str) -> bool:
    """A short line that reads as a heading, not as a sentence or a label."""
    stripped = text.strip()
    return (
        0 < len(stripped) <= _MAX_TITLE_CHARS
        and len(stripped.split()) <= _MAX_TITLE_WORDS
        and stripped[0].isalpha()
        and stripped[0].isupper()
        and "\t" not in stripped
        and ":" not in stripped
        and stripped[-1] not in ".;,:!?"
    )


def _toc_titles(lines: list[_Line]) -> frozenset[str]:
    """Titles listed in a table of contents (``Title.....<tab>page``)."""
    titles = set()
    for line in lines:
        match = _TOC_ENTRY.match(line.text)
        if match:
            titles.add(match.group("title").strip())
    return frozenset(titles)


def _collapse(parts: list[str]) -> str:
    return " ".join(" ".join(parts).split())


class _Splitter:
    """One pass over the lines of a policy file, tracking the heading path."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.stem = Path(source).stem
        self.text = text
        self.lines = _lines(text)
        self.toc = _toc_titles(self.lines)
        self.title: _Heading | None = None
        self.subtitle: _Heading | None = None
        self.bullet_section: _Heading | None = None
        self.last_question = 0
        self.ordinals: dict[str, int] = {}
        self.passages: list[Passage] = []

    # ------------------------------------------------------------------ headings
    def _path(self) -> list[_Heading]:
        return [h for h in (self.title, self.subtitle, self.bullet_section) if h is not None]

    def _set_title(self, heading: _Heading, top_level: bool) -> None:
        if top_level or self.title is None:
            self.title, self.subtitle = heading, None
        else:
            self.subtitle = heading
        self.bullet_section = None

    def _question_at(self, index: int) -> re.Match[str] | None:
        match = _QUESTION.match(self.lines[index].text)
        if (
            match
            and int(match.group("number")) == self.last_question + 1
            and self._question_lines(index, match) is not None
        ):
            return match
        return None

    def _question_lines(self, index: int, match: re.Match[str]) -> tuple[list[str], int] | None:
        """The lines of the numbered question at ``index`` (its number left out) up to the
        first that ends in ``?``, and that line's index; ``None`` if none of its first
        :data:`_MAX_QUESTION_LINES` non-blank lines does: then it is an item of a numbered
        list ("1. the patient requires ..."), not a question."""
        parts, last = [match.group("body")], index
        while not parts[-1].rstrip().endswith("?"):
            last += 1
            if len(parts) >= _MAX_QUESTION_LINES or last >= len(self.lines):
                return None
            line = self.lines[last]
            if _QUESTION.match(line.text):  # the next numbered line: no question wraps onto it
                return None
            if not line.blank:
                parts.append(line.text)
        return parts, last

    def _bullet_has_children(self, index: int, indent: int) -> bool:
        for line in self.lines[index + 1 :]:
            if line.blank:
                continue
            match = _BULLET.match(line.text)
            return match is not None and len(match.group("indent")) > indent
        return False

    # ------------------------------------------------------------------ passages
    def _add(self, start: int, end: int) -> None:
        path = self._path()
        key = "/".join(h.slug for h in path) or FRONT_MATTER_SLUG
        ordinal = self.ordinals.get(key, 0) + 1
        self.ordinals[key] = ordinal
        self.passages.append(
            Passage(
                passage_id=f"{self.stem}#{key}/{ordinal}",
                source=self.source,
                section=" > ".join(h.text for h in path),
                start=start,
                end=end,
                text=self.text[start:end],
            )
        )

    # ------------------------------------------------------------------ blocks
    def _question(self, index: int, match: re.Match[str]) -> int:
        """Consume a numbered question; return the index of the line after it."""
        number = int(match.group("number"))
        found = self._question_lines(index, match)
        assert found is not None  # _question_at found it
        parts, last = found
        self.last_question = number
        self._set_title(_Heading(f"Q{number}. {_collapse(parts)}", f"q{number}"), True)
        return last + 1

    def _bullet(self, index: int, match: re.Match[str]) -> None:
        line = self.lines[index]
        indent = len(match.group("indent"))
        body = match.group("body").rstrip()
        if indent == 0 and _is_title_like(body) and self._bullet_has_children(index, indent):
            self.bullet_section = _Heading(body.strip(), slugify(body))
            return
        start = line.start + match.start("body")
        self._add(start, start + len(body))

    def _paragraph(self, index: int) -> int:
        """Consume a paragraph or a title block; return the index of the line after it."""
        end = index
        while (
            end < len(self.lines)
            and not self.lines[end].blank
            and not _BULLET.match(self.lines[end].text)
            and (end == index or self._question_at(end) is None)
        ):
            end += 1
        block = self.lines[index:end]
        followed_by_blank = end == len(self.lines) or self.lines[end].blank
        if (
            followed_by_blank
            and len(block) <= _MAX_TITLE_LINES
            and all(_is_title_like(line.text) for line in block)
        ):
            title = _collapse([line.text for line in block])
            self._set_title(_Heading(title, slugify(title)), not self.toc or title in self.toc)
            return end
        first, last = block[0], block[-1]
        start = first.start + len(first.text) - len(first.text.lstrip())
        self._add(start, last.start + len(last.text.rstrip()))
        return end

    def split(self) -> tuple[Passage, ...]:
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            if line.blank:
                index += 1
            elif question := self._question_at(index):
                index = self._question(index, question)
            elif bullet := _BULLET.match(line.text):
                self._bullet(index, bullet)
                index += 1
            else:
                index = self._paragraph(index)
        return tuple(self.passages)


def split_passages(source: str, text: str) -> tuple[Passage, ...]:
    """The passages of policy ``text``; ``source`` is its file name (it prefixes the ids)."""
    return _Splitter(source, text).split()


def _checked_path(source: str) -> Path:
    if Path(source).name != source or not source:
        raise UsageError(f"policy source {source!r} must be a file name inside policies/")
    path = policies_dir() / source
    if not path.is_file():
        raise UsageError(f"policy file {source!r} is not in {policies_dir()}")
    return path


@cache
def policy_text(source: str) -> str:
    """The exact text of policy file ``source`` (UTF-8, line endings untouched)."""
    return _checked_path(source).read_bytes().decode("utf-8")


@cache
def load_passages(source: str) -> tuple[Passage, ...]:
    """The passages of ``policies/<source>`` (cached; raises ``UsageError`` if absent)."""
    return split_passages(source, policy_text(source))


@cache
def passage_index(source: str) -> MappingProxyType[str, Passage]:
    """The passages of ``policies/<source>`` by id (read-only, cached)."""
    return MappingProxyType({p.passage_id: p for p in load_passages(source)})


def source_of(passage_id: str) -> str:
    """The policy file a passage id refers to: ``<stem>#...`` -> ``<stem>.txt``."""
    stem, sep, _ = passage_id.partition("#")
    if not sep or not stem:
        raise UsageError(f"passage id {passage_id!r} does not have the form '<file stem>#...'")
    return f"{stem}.txt"
