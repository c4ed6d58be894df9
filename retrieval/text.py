"""How policy text reads: sentences, and Markdown links and escapes as a reader sees them.

Shared by :mod:`retrieval.corpus` (what is indexed) and :mod:`retrieval.lists` (the
lead-in of a list item); nothing here changes the verbatim text, it only reads it.
"""

from __future__ import annotations

import re

from rules.passages import Passage

# A sentence ends at . ? ! or ; followed by white space and a capital, digit, quote or
# bracket ("… 60 days. Recertification …", "…; The …"); "e.g., outpatient" does not split.
_SENTENCE_END = re.compile(r"(?<=[.?!;])\s+(?=[A-Z0-9“\"(\[])")
# A Markdown link "[label](target)".
LINK = re.compile(r"\[(?P<label>[^\]\n]*)\]\([^)\s]*\)")
# A Markdown backslash escape ("\(LOCUS\)").
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


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


def readable(text: str) -> str:
    """``text`` as a reader sees it: Markdown links as their label, escapes resolved
    ("[Level of Care \\(LOCUS\\):](#)" -> "Level of Care (LOCUS):")."""
    return _ESCAPE.sub(r"\1", LINK.sub(lambda m: m.group("label"), text))


def heading(passage: Passage) -> str:
    """The innermost heading of a passage's section ('' before any heading)."""
    return passage.section.rsplit(" > ", 1)[-1]
