"""Lists in policy text: which passages are items of a list, and the lines that say what
the list is (its lead-in).

"Vocational training." or "2. a physician certifies the need for ..." means nothing on its
own: the line that says what the list is ("The following services are excluded from the
scope of intensive outpatient services ...:", "IOP services are covered when all of the
following are met:") is in an earlier passage. :func:`find_lead_ins` finds, for every
passage that is or starts with an item of a list, the lead-ins of that list and of the
lists it is nested in, outermost first. They are context: search shows them before the
passage and embeds them with it, but a passage's text, offsets and citations stay its own
(:class:`LeadIn` has the offsets of the lead-in's own words).

Everything is read from the layout of the policy file, the same way for every file:

* An *item* is a line that starts, after optional indentation, with a list marker: a
  bullet (``-`` ``*`` ``+`` ``•`` ``◦`` ``▪`` ...) or an enumerator (``1.`` ``1)``
  ``(1)`` ``a.`` ``a)`` ``(a)`` ``A.`` ``iv.`` ``(iv)``), then a space. The lines after it
  up to the next item are its text. The ``-`` of a bullet passage
  (:mod:`rules.passages`) is outside the passage's text; other markers are inside it.
* A *lead-in* is the last sentence of a line or item that ends in ``:``, or a Markdown
  heading line (``## Eligibility``). What follows it are its items; an item can itself be
  a lead-in (a nested list). A list at the start of a section with no lead-in line is
  introduced by the section's heading (a lead-in of kind ``heading``, without offsets).
* Where a list ends:

  - an unmarked paragraph ends a list of marked items; a list of unmarked paragraphs
    ("Effective 01/01/2024:" and the paragraph after it) ends with its first item that
    ends in ``.`` or opens a list of its own;
  - an item numbered next (``2.`` after ``1.``, ``b)`` after ``a)``, ``ii.`` after
    ``i.``) always continues its list; numbered like the lead-in and next after it, it is
    the lead-in's sibling, not its item;
  - when the items are marked like their lead-in, at the same or a shallower indentation
    (a converted document that makes every paragraph a bullet), the layout cannot tell
    the last item from the paragraph after the list: the list ends with its first item
    that ends in ``.`` (items of such lists end in ``;``, ``; and``, ``; or`` until the
    last);
  - but a list whose first item is *labelled* ("Signature – The recertification must
    be signed ...", "Timing: Recertifications are required ...": a short label, then a
    colon or a dash, then its text) goes on past an item that ends in ``.`` while the
    next item is labelled the same way (the same colon or dash): "Physician
    Recertification Requirements:" then "Signature – ...", "Timing – ...", "Content –
    ..." is one list even when every line is a bullet at one indentation; the first item
    after it that is not labelled so ("Treatment Plan: ..." after "... – ...") is not its
    item;
  - otherwise items continue while they have the indentation and marker of the list's
    first item, or are indented deeper (its sub-items), up to an unmarked paragraph or a
    line of another list; if its items end in ``;`` or ``,`` the list ends with its item
    that ends in ``.``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from retrieval.text import heading, readable, sentence_spans
from rules.passages import Passage

# A list marker at the start of a line: a bullet, or an enumerator "1." "1)" "(1)" "a."
# "(iv)" (letters: one letter, or a Roman numeral), then white space and the item's text.
_MARKER = re.compile(
    r"^(?P<indent>[ \t]*)"
    r"(?:(?P<bullet>[-*+•◦▪▫‣⁃●○■□–])"
    r"|(?P<open>\()?(?P<token>\d{1,3}|[a-z]{1,6}|[A-Z]{1,6})(?P<close>[.)]))"
    r"[ \t]+(?=\S)"
)
# Roman numerals up to xxxix: a list is not longer, and "dc." or "mi." is a word.
_ROMAN = re.compile(r"^x{0,3}(?:ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
# A Markdown heading line, or a line in bold only: it introduces the items under it.
_HEADING_LINE = re.compile(
    r"^(?:#{1,6}[ \t]+(?P<hash>\S[^\n]*)|(?P<bold>\*\*|__)(?P<strong>[^*_\n]+)(?P=bold))$"
)
# How an item that is not the last of its list ends: "...;", "...,", "...; and", "... or".
_NOT_LAST = re.compile(r"(?:[;,]|\b(?:and|or))$")
# Trailing emphasis or white space is not how a line ends ("**Criteria:**").
_TRAILING = " \t*_"
# A labelled item: a short label (a capitalised word and at most five more, no sentence
# punctuation), optionally in emphasis, then a colon or a dash, then its text:
# "Signature – The ...", "Treatment Plan: An ...", "Evaluation/Certification—Upon ...".
_LABEL = re.compile(
    r"^[*_]{0,2}[A-Z][\w’'()/&-]*(?:[ \t]+[\w’'()/&-]+){0,5}?[*_]{0,2}"
    r"[ \t]*(?P<sep>:|–|—|-(?=[ \t]))[*_]{0,2}[ \t]*(?=[\w“\"'(])"
)

Key = tuple[int, str]  # (indentation, marker style: "•", "-", "1.", "(a)", "A)", ...)


@dataclass(frozen=True)
class LeadIn:
    """A line that says what a list is. ``text`` is as read: links as their label, white
    space collapsed. For a ``line`` of the policy text, ``policy_text[start:end]`` is its
    words verbatim (without a list marker) and ``passage_id`` the passage holding them; a
    section ``heading`` that introduces a list has neither."""

    text: str
    kind: Literal["line", "heading"] = "line"
    passage_id: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class _Entry:
    """One item, or the run of unmarked lines of a passage before its first item."""

    key: Key | None  # None: not marked as an item
    ordinals: frozenset[int]  # what an enumerator counts as ("i." is 9 or 1)
    start: int  # the entry's words in the policy text, after its marker
    end: int
    heading_line: bool = False
    label: str | None = None  # how its label ends (":" or a dash) if it is labelled


@dataclass
class _List:
    chain: tuple[LeadIn, ...]  # the lead-ins of this list and those it is nested in
    lead_key: Key | None  # how the lead-in is marked (None: a line or heading)
    lead_ordinals: frozenset[int] = frozenset()
    only_marked: bool = False  # introduced by a heading: items must be marked
    key: Key | None = None  # how its first item is marked
    items: int = 0
    fragile: bool = False  # its items are marked like its lead-in: ends at an item's "."
    not_last: bool = False  # an item of its own level ended like "...;"
    closed: bool = False
    label: str | None = None  # how its items' labels end (its first item is labelled)
    last: frozenset[int] = field(default_factory=frozenset)


def _ordinals(token: str) -> frozenset[int]:
    if token.isdigit():
        return frozenset({int(token)})
    found: set[int] = set()
    if len(token) == 1:
        found.add(ord(token.lower()) - ord("a") + 1)
    low = token.lower()
    if low and _ROMAN.match(low):
        values = [_ROMAN_VALUES[c] for c in low]
        after = [*values[1:], 0]
        found.add(sum(-v if v < nxt else v for v, nxt in zip(values, after, strict=True)))
    return frozenset(found)


def item_marker(line: str) -> tuple[Key, frozenset[int], int] | None:
    """``((indentation, style), ordinals, end of the marker)`` if ``line`` starts with a
    list marker, else ``None``. ``style`` is the bullet, or the enumerator's pattern with
    ``1``, ``a`` or ``A`` for its count ("(iv)" -> "(a)"); ``ordinals`` are the numbers
    an enumerator may stand for ("i." is the ninth letter or Roman one)."""
    m = _MARKER.match(line)
    if m is None:
        return None
    indent = len(m.group("indent").expandtabs(4))
    if m.group("bullet"):
        return (indent, m.group("bullet")), frozenset(), m.end()
    token, opened, close = m.group("token"), m.group("open"), m.group("close")
    if opened and close != ")":
        return None
    ordinals = _ordinals(token)
    if not ordinals:  # several letters that are not a Roman numeral: a word
        return None
    count = "1" if token.isdigit() else ("a" if token.islower() else "A")
    return (indent, f"{opened or ''}{count}{close}"), ordinals, m.end()


def _entries(text: str, passage: Passage) -> list[_Entry]:
    """The entries of ``passage``: each item, and the unmarked lines before the first."""
    entries: list[_Entry] = []
    offset = text.rfind("\n", 0, passage.start) + 1  # the start of the passage's first line
    while offset < passage.end:
        stop = text.find("\n", offset)
        stop = len(text) if stop < 0 else stop
        line = text[offset:stop]
        found = item_marker(line)
        body = max(offset + found[2], passage.start) if found else max(offset, passage.start)
        end = min(offset + len(line.rstrip()), passage.end)
        if found is not None:
            entries.append(_Entry(found[0], found[1], body, end))
        elif not entries:
            entries.append(_Entry(None, frozenset(), body, end))
        else:  # a line of the entry before
            last = entries[-1]
            entries[-1] = _Entry(last.key, last.ordinals, last.start, max(last.end, end))
        offset = stop + 1
    return [_with_heading_flag(text, e) for e in entries]


def _with_heading_flag(text: str, entry: _Entry) -> _Entry:
    words = text[entry.start : entry.end]
    if entry.key is None and _HEADING_LINE.match(words):
        return _Entry(entry.key, entry.ordinals, entry.start, entry.end, heading_line=True)
    labelled = _LABEL.match(words)
    if labelled is not None:
        sep = labelled.group("sep")
        return _Entry(entry.key, entry.ordinals, entry.start, entry.end, label=sep)
    return entry


def _ending(words: str) -> str:
    return readable(words).rstrip(_TRAILING)


def _lead_in(text: str, entry: _Entry, passage: Passage) -> LeadIn | None:
    """The lead-in ``entry`` is, if it introduces a list: a heading line, or its last
    sentence if it ends in ":"."""
    words = text[entry.start : entry.end]
    if entry.heading_line:
        m = _HEADING_LINE.match(words)
        assert m is not None
        group = "hash" if m.group("hash") else "strong"
        start, end = entry.start + m.start(group), entry.start + m.end(group)
    elif _ending(words).endswith(":"):
        first, last = sentence_spans(words)[-1]
        start, end = entry.start + first, entry.start + last
    else:
        return None
    seen = " ".join(readable(text[start:end]).split()).strip(_TRAILING)
    return LeadIn(seen, "line", passage.passage_id, start, end)


def _follows(ordinals: frozenset[int], before: frozenset[int]) -> bool:
    return any(n == b + 1 for n in ordinals for b in before)


def _deeper(entry: _Entry, lst: _List) -> bool:
    """Whether ``entry`` is marked and indented deeper than the first item of ``lst``."""
    return entry.key is not None and lst.key is not None and entry.key[0] > lst.key[0]


def _belongs(lst: _List, entry: _Entry) -> bool:
    """Whether ``entry`` is an item of ``lst`` (or a line of one of its items)."""
    key = entry.key
    if (
        key is not None
        and lst.lead_key is not None
        and entry.ordinals
        and key[1] == lst.lead_key[1]
        and _follows(entry.ordinals, lst.lead_ordinals)
    ):
        return False  # numbered next after the lead-in: its sibling
    if lst.items == 0:
        return key is not None or not lst.only_marked
    if lst.label is not None and entry.label != lst.label and not _deeper(entry, lst):
        return False  # not labelled like its items ("Treatment Plan: ..." after "... – ...")
    if lst.key is None:  # a list of unmarked paragraphs
        return key is None and not lst.closed
    if key is None:
        return False
    if entry.ordinals and key[1] == lst.key[1] and _follows(entry.ordinals, lst.last):
        return True
    if lst.closed:
        return False
    return lst.fragile or key == lst.key or key[0] > lst.key[0]


def _add(lst: _List, entry: _Entry, words: str, opens: bool) -> None:
    lst.items += 1
    if lst.items == 1:
        lst.key = entry.key
        lst.fragile = (
            lst.lead_key is not None and entry.key is not None and entry.key[0] <= lst.lead_key[0]
        )
        # labels tell where a list ends that its layout cannot tell
        lst.label = entry.label if lst.fragile or entry.key is None else None
    if lst.key is not None and entry.key is not None and entry.key[1] == lst.key[1]:
        lst.last = entry.ordinals
    own_level = lst.key is None or lst.fragile or entry.key == lst.key
    ending = _ending(words)
    if own_level and _NOT_LAST.search(ending):
        lst.not_last = True
    if (
        own_level
        and ending.endswith(".")
        and (lst.key is None or lst.fragile or lst.not_last)
        and lst.label is None  # labelled items go on ("Signature – ... ." "Timing – ...")
    ):
        lst.closed = True
    if lst.key is None and opens:  # where its nested list ends cannot be told
        lst.closed = True


def find_lead_ins(text: str, passages: Sequence[Passage]) -> dict[str, tuple[LeadIn, ...]]:
    """Passage id -> the lead-ins of the list its first line is an item of, and of the
    lists that list is nested in, outermost first; only for such passages. ``passages``
    are those of ``text`` in order (:func:`rules.passages.split_passages`)."""
    found: dict[str, tuple[LeadIn, ...]] = {}
    stack: list[_List] = []
    section: str | None = None
    for passage in passages:
        fresh = passage.section != section
        if fresh:
            section, stack = passage.section, []
        for n, entry in enumerate(_entries(text, passage)):
            if entry.heading_line:
                stack = []
            elif fresh and entry.key is not None and heading(passage):
                intro = LeadIn(heading(passage), "heading")
                stack = [_List((intro,), None, only_marked=True)]
            fresh = False
            while stack and not _belongs(stack[-1], entry):
                stack.pop()
            lead_in = _lead_in(text, entry, passage)
            if stack:
                _add(stack[-1], entry, text[entry.start : entry.end], lead_in is not None)
                if n == 0:
                    found[passage.passage_id] = stack[-1].chain
            if lead_in is not None:
                chain = stack[-1].chain if stack else ()
                stack.append(
                    _List(
                        (*chain, lead_in),
                        entry.key,
                        entry.ordinals,
                        only_marked=entry.heading_line,
                    )
                )
    return found
