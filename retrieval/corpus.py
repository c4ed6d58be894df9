"""The policy files, their passages, and what retrieval indexes for each passage.

Passages come from :func:`rules.passages.split_passages`: the same ids, offsets and
sections that pack citations use. A passage is indexed with the context a reader has when
reading it (:attr:`PolicyFile.contexts`):

* its own heading: in the FAQ the question is the heading and the passage is the answer,
  so the heading carries most of what a reviewer will ask;
* for an item of a list, the sentence that introduces the list (its lead-in, the
  innermost one for a nested list). "Vocational training." is a reason for denial only
  because it follows "The following services are excluded from the scope of intensive
  outpatient services ...:". Which passages are items, and of which list, is read from
  the layout (list markers, indentation, numbering, ``:`` and ``.``) by
  :func:`retrieval.lists.find_lead_ins`; "Ask the policy" shows the same lead-ins before
  the passage (:attr:`PolicyFile.list_lead_ins`).

BM25 indexes context + passage text (:attr:`PolicyFile.index_texts`). The dense index
holds one record per sentence of a passage (:attr:`PolicyFile.chunks`), embedded with the
passage's context: all-MiniLM-L6-v2 was trained on texts of up to 128 word pieces and cuts
its input at 256, so one vector for a long passage blurs it, or loses its end.

Not every passage is worth finding. :func:`skip_reason` leaves out, from both indexes,
what answers no reviewer's question, deciding from structure alone and the same way for
every policy file (the rules' data is in :mod:`retrieval.config`):

* ``back-matter``: passages under a bibliography, reference-list, revision-history or
  contents heading;
* ``contents``: a table of contents (lines ending in a tab and a page number);
* ``link-only``: nothing but links or addresses ("[Neurofeedback](#)", a bare URL);
* ``citation``: a bibliography entry anywhere ("Author, A. (2007). Title. ...");
* ``fragment``: not a sentence (it does not end in ``.``, ``!`` or ``?``) and fewer than
  :data:`~retrieval.config.MIN_PASSAGE_WORDS` words together with the list lead-in or FAQ
  question read with it ("Effective 01/01/2024:"); a line that ends in a link ("Access
  the ECSII Criteria [here](#)") sends the reader elsewhere, and its lead-in does not
  count.

Skipped passages still give their context to others: a link heading ending in ``:``
("[Level of Care Utilization System (LOCUS):](#)") introduces the items under it. Link
markup is read as its label (:func:`readable`) in everything that is embedded or
tokenized; the stored sentences stay verbatim.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from core.errors import UsageError
from retrieval.config import BACK_MATTER_HEADINGS, MIN_PASSAGE_WORDS
from retrieval.lists import LeadIn, find_lead_ins
from retrieval.text import LINK, heading, readable, sentence_spans
from rules.passages import Passage, policies_dir, policy_text, split_passages

POLICY_SUFFIX = ".txt"
# A bare or <bracketed> web address.
_URL = re.compile(r"<?\b(?:https?://|www\.)[^\s>]+>?")
# A line that ends in a link or web address sends the reader there ("Access the ECSII
# Criteria [here](#)"): the lead-in of its list does not make it say more.
_ENDS_IN_LINK = re.compile(r"(?:\]\([^)\s]*\)|" + _URL.pattern + r")\s*$")
# A bibliography entry: authors or an organisation, then the year in brackets and a full
# stop, early in the entry ("Baker, S.L. & Gastfriend, D.R. (2003). Reliability ...").
_CITATION = re.compile(r"^[^\n]{1,300}?\((?:1[6-9]|20)\d\d[a-z]?\)\.(?:\s|$)")
# A table-of-contents line: a title, a tab and a page number.
_CONTENTS_LINE = re.compile(r"\S.*\t\d{1,4}[ \t]*$")

# How a sentence ends ("Peers may assist." is short but whole; "Effective 01/01/2024:" is not).
_FULL_STOPS = (".", "!", "?")

SkipReason = Literal["back-matter", "contents", "link-only", "citation", "fragment"]


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


def word_count(text: str) -> int:
    """The words of ``text`` as read (:func:`readable`), web addresses left out: runs of
    non-space characters holding a letter ("01/01/2024" and "3-9" are not words)."""
    return sum(1 for w in _URL.sub(" ", readable(text)).split() if any(c.isalpha() for c in w))


def is_question(title: str) -> bool:
    """An FAQ heading: the question a passage answers."""
    return title.rstrip().endswith("?")


def skip_reason(passage: Passage, lead_in: str | None = None) -> SkipReason | None:
    """Why ``passage`` is not indexed, or ``None`` if it is. ``lead_in`` is the sentence
    that opens the list the passage is an item of (:attr:`PolicyFile.lead_ins`)."""
    headings = {h.strip().lower() for h in passage.section.split(" > ")}
    if headings & BACK_MATTER_HEADINGS:
        return "back-matter"
    lines = [line for line in passage.text.splitlines() if line.strip()]
    if len(lines) >= 2 and 2 * sum(1 for x in lines if _CONTENTS_LINE.match(x)) >= len(lines):
        return "contents"
    bare = _URL.sub(" ", LINK.sub(" ", passage.text))
    if not any(c.isalpha() for c in bare):
        return "link-only"
    if _CITATION.match(readable(passage.text)):
        return "citation"
    words = word_count(passage.text)
    if lead_in and not _ENDS_IN_LINK.search(passage.text):
        words += word_count(lead_in)
    if is_question(heading(passage)):
        words += word_count(heading(passage))
    if words < MIN_PASSAGE_WORDS and not readable(passage.text).rstrip().endswith(_FULL_STOPS):
        return "fragment"
    return None


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
    def title(self) -> str:
        """The file's first non-blank line, as read: the policy's title ("Intensive
        Outpatient Program (IOP)"), what every passage of it is about."""
        first = next((line for line in self.text.splitlines() if line.strip()), "")
        return " ".join(readable(first).split())

    @cached_property
    def list_lead_ins(self) -> dict[str, tuple[LeadIn, ...]]:
        """Passage id -> the lead-ins of the list it is (or starts with) an item of, and of
        the lists that one is nested in, outermost first (:func:`retrieval.lists.find_lead_ins`);
        only for list items. What "Ask the policy" shows before such a passage."""
        return find_lead_ins(self.text, self.passages)

    @cached_property
    def _innermost(self) -> dict[str, LeadIn]:
        """Item id -> the innermost lead-in line of its list (a heading is not one: it is
        already the passage's context)."""
        found: dict[str, LeadIn] = {}
        for pid, chain in self.list_lead_ins.items():
            lines = [x for x in chain if x.kind == "line"]
            if lines:
                found[pid] = lines[-1]
        return found

    @cached_property
    def lead_ins(self) -> dict[str, str]:
        """Passage id -> the sentence that opens the list it is an item of (only items)."""
        return {pid: x.text for pid, x in self._innermost.items()}

    @cached_property
    def folded(self) -> dict[str, tuple[str, ...]]:
        """Passage id of a list's lead-in -> the labels of its link-only items, which are
        not indexed on their own but as part of the passage that introduces them: "Is
        neurofeedback covered?" finds "... Optum Behavioral Clinical Policies:" through
        its item "[Neurofeedback](#)"."""
        folded: dict[str, list[str]] = {}
        for p in self.passages:
            lead_in = self._innermost.get(p.passage_id)
            head = lead_in.passage_id if lead_in is not None else None
            if (
                head is None
                or head in self.skipped
                or self.skipped.get(p.passage_id) != "link-only"
            ):
                continue
            label = " ".join(_URL.sub(" ", readable(p.text)).split())
            if label:
                folded.setdefault(head, []).append(label)
        return {head: tuple(labels) for head, labels in folded.items()}

    @cached_property
    def contexts(self) -> dict[str, str]:
        """Passage id -> its heading and, for a list item, the list's lead-in sentence."""
        return {
            p.passage_id: "\n".join(x for x in (heading(p), self.lead_ins.get(p.passage_id)) if x)
            for p in self.passages
        }

    @cached_property
    def skipped(self) -> dict[str, SkipReason]:
        """Passage id -> why it is not indexed (:func:`skip_reason`), for those left out."""
        reasons = {
            p.passage_id: skip_reason(p, self.lead_ins.get(p.passage_id)) for p in self.passages
        }
        return {pid: reason for pid, reason in reasons.items() if reason is not None}

    @cached_property
    def indexed(self) -> tuple[Passage, ...]:
        """The passages that are indexed (all but :attr:`skipped`), in order."""
        return tuple(p for p in self.passages if p.passage_id not in self.skipped)

    @cached_property
    def index_texts(self) -> dict[str, str]:
        """Indexed passage id -> what BM25 indexes for it: its context, its text, then the
        labels of its link-only items (:attr:`folded`)."""
        return {
            p.passage_id: "\n".join(
                x
                for x in (
                    self.contexts[p.passage_id],
                    readable(p.text),
                    *self.folded.get(p.passage_id, ()),
                )
                if x
            )
            for p in self.indexed
        }

    @cached_property
    def chunks(self) -> tuple[Chunk, ...]:
        """The sentences of every indexed passage, in order, as dense index records.

        A list item's sentence is embedded twice: with its heading and lead-in (what the
        item means: "Vocational training." is excluded) and with its heading only (what it
        says). A lead-in is often longer than the item, and mean pooling then makes every
        item of a list look like the lead-in; the second record keeps the item's own words
        findable. Its id ends in ``#item``; :func:`retrieval.index.passage_of` reads both.
        A passage that opens a list of link-only items (:attr:`folded`) has one more
        record, ``@items``: its last sentence with the items' labels.
        """
        chunks: list[Chunk] = []
        for p in self.indexed:
            title = heading(p)
            context = self.contexts[p.passage_id]
            item = p.passage_id in self.lead_ins
            for n, (start, end) in enumerate(sentence_spans(p.text), start=1):
                sentence = p.text[start:end]
                seen = readable(sentence)
                variants = [(f"{n}", context)] + ([(f"{n}#item", title)] if item else [])
                for suffix, before in variants:
                    chunks.append(
                        Chunk(
                            chunk_id=f"{p.passage_id}@{suffix}",
                            passage=p,
                            start=p.start + start,
                            end=p.start + end,
                            text=sentence,
                            embed_text="\n".join(x for x in (before, seen) if x),
                        )
                    )
            labels = self.folded.get(p.passage_id)
            if labels:  # the lead-in sentence (the last one) with its link-only items
                last = chunks[-1]
                chunks.append(
                    Chunk(
                        chunk_id=f"{p.passage_id}@items",
                        passage=p,
                        start=last.start,
                        end=last.end,
                        text=last.text,
                        embed_text="\n".join(
                            x for x in (context, readable(last.text), "; ".join(labels)) if x
                        ),
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


def indexed_passages(files: Sequence[PolicyFile]) -> tuple[Passage, ...]:
    return tuple(p for f in files for p in f.indexed)
