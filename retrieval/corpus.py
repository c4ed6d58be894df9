"""The policy files, their passages, and what retrieval indexes for each passage.

Passages come from :func:`rules.passages.split_passages`: the same ids, offsets and
sections that pack citations use. A passage is indexed with the context a reader has when
reading it (:attr:`PolicyFile.contexts`):

* its own heading: in the FAQ the question is the heading and the passage is the answer,
  so the heading carries most of what a reviewer will ask;
* for an item of a list, the sentence that introduces the list. "Vocational training." is
  a reason for denial only because it follows "The following services are excluded from
  the scope of intensive outpatient services ...:". A passage ending in ``:`` opens a list;
  the passages after it in the same section are its items, up to and including the first
  one that ends in ``.`` (list items end in ``;``, ``; and``, ``; or`` until the last).

BM25 indexes context + passage text (:attr:`PolicyFile.index_texts`). The dense index
holds one record per sentence of a passage (:attr:`PolicyFile.chunks`), embedded with the
passage's context: all-MiniLM-L6-v2 was trained on texts of up to 128 word pieces and cuts
its input at 256, so one vector for a long passage blurs it, or loses its end.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from core.errors import UsageError
from rules.passages import Passage, policies_dir, policy_text, split_passages

POLICY_SUFFIX = ".txt"
# A sentence ends at . ? ! or ; followed by white space and a capital, digit, quote or
# bracket ("… 60 days. Recertification …", "…; The …"); "e.g., outpatient" does not split.
_SENTENCE_END = re.compile(r"(?<=[.?!;])\s+(?=[A-Z0-9“\"(\[])")


@dataclass(frozen=True)
class Chunk:
    """One sentence of a passage: ``text == file_text[start:end]``; ``embed_text`` is what
    gets embedded (the passage's context, then the sentence)."""

    chunk_id: str
    passage: Passage
    start: int
    end: int
    text: str
    embed_text: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, stripped of surrounding white space."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        stop = match.start() if match is not None else len(text)
        piece = text[begin:stop]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((begin + lead, begin + len(piece.rstrip())))
        if match is not None:
            begin = match.end()
    return spans


def heading(passage: Passage) -> str:
    """The innermost heading of a passage's section ('' before any heading)."""
    return passage.section.rsplit(" > ", 1)[-1]


@dataclass(frozen=True)
class PolicyFile:
    """One policy text: its file name in ``policies/`` and its exact content."""

    source: str
    text: str

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def passages(self) -> tuple[Passage, ...]:
        return split_passages(self.source, self.text)

    @cached_property
    def contexts(self) -> dict[str, str]:
        """Passage id -> its heading and, for a list item, the list's lead-in sentence."""
        contexts: dict[str, str] = {}
        section: str | None = None
        intro: str | None = None
        for p in self.passages:
            if p.section != section:
                section, intro = p.section, None
            contexts[p.passage_id] = "\n".join(x for x in (heading(p), intro) if x)
            end = p.text.rstrip()
            if end.endswith(":"):
                start, stop = sentence_spans(p.text)[-1]
                intro = " ".join(p.text[start:stop].split())
            elif end.endswith("."):
                intro = None
        return contexts

    @cached_property
    def index_texts(self) -> dict[str, str]:
        """Passage id -> what BM25 indexes for it: its context, then its text."""
        return {
            p.passage_id: "\n".join(x for x in (self.contexts[p.passage_id], p.text) if x)
            for p in self.passages
        }

    @cached_property
    def chunks(self) -> tuple[Chunk, ...]:
        """The sentences of every passage, in order, as dense index records."""
        chunks: list[Chunk] = []
        for p in self.passages:
            context = self.contexts[p.passage_id]
            for n, (start, end) in enumerate(sentence_spans(p.text), start=1):
                sentence = p.text[start:end]
                chunks.append(
                    Chunk(
                        chunk_id=f"{p.passage_id}@{n}",
                        passage=p,
                        start=p.start + start,
                        end=p.start + end,
                        text=sentence,
                        embed_text="\n".join(x for x in (context, sentence) if x),
                    )
                )
        return tuple(chunks)

    @cached_property
    def fingerprint(self) -> str:
        """Changes when the file, its passages, or what is indexed for them changes."""
        layout = [[p.passage_id, p.section, p.start, p.end] for p in self.passages]
        embedded = [[c.chunk_id, c.embed_text] for c in self.chunks]
        blob = json.dumps([self.sha256, layout, embedded], separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def policy_sources() -> list[str]:
    """File names of the policy texts in ``policies/``, sorted."""
    return sorted(p.name for p in policies_dir().glob(f"*{POLICY_SUFFIX}") if p.is_file())


def policy_files(sources: Iterable[str] | None = None) -> tuple[PolicyFile, ...]:
    """The policy files ``sources`` (default: all of ``policies/``), sorted by name."""
    names = sorted(set(sources)) if sources is not None else policy_sources()
    if not names:
        raise UsageError(f"there are no policy texts (*{POLICY_SUFFIX}) in {policies_dir()}")
    return tuple(PolicyFile(name, policy_text(name)) for name in names)


def all_passages(files: Sequence[PolicyFile]) -> tuple[Passage, ...]:
    return tuple(p for f in files for p in f.passages)
