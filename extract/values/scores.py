"""The total score written with a standardized instrument's name: "PHQ-9: 14",
"PHQ9 score = 14 (moderate)", "GAD-7 total 11/21", "| PHQ-9 | 14 |", "AUDIT-C score of 6",
"scored 14 on the PHQ-9".

Pure text functions: the caller finds the instrument's name; these read the number right
after it (or the "scored N on" right before it). A number that opens a date ("PHQ-9
10/06/2025"), a number above the instrument's maximum, or a stated maximum that is not the
instrument's, is not a score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# after the name: an optional spelled-out name in parentheses, separators, and up to three
# words such as "total score", "was", "of"
_AFTER = re.compile(
    r"(?:[ \t]*\([^)\n]{0,60}\))?"
    r"(?:[ \t]*(?:[:=|–—*_-]|total|score[sd]?|result|raw|was|were|is|of|at)(?![A-Za-z]))*"
    r"[ \t]*(?:\*\*|__)?(?P<value>\d{1,3}(?:\.\d)?)(?![\d.]*\d)"
    r"(?:[ \t]*(?:/|out[ ]of)[ \t]*(?P<max>\d{1,3})(?!\d))?"
    r"(?![ \t]*(?:%|x\b|times|days?|weeks?|wks?|months?|mos?|years?|yrs?|hours?|hrs?|min))",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:scored|score of|scoring)[ \t]+(?P<value>\d{1,3}(?:\.\d)?)"
    r"(?:[ \t]*(?:/|out[ ]of)[ \t]*(?P<max>\d{1,3}))?[ \t]+(?:on|in)[ \t]+(?:the[ \t]+|a[ \t]+)?\Z",
    re.IGNORECASE,
)
_DATE_TAIL = re.compile(r"[/.-]\d")


@dataclass(frozen=True, slots=True)
class ScoreSpan:
    """A score ``value`` read from ``text[start:end]``."""

    start: int
    end: int
    value: float


def score_near(text: str, start: int, end: int, maximum: int | None) -> ScoreSpan | None:
    """The score written with the instrument named at ``text[start:end]`` (on its line),
    if its value is possible for an instrument whose maximum is ``maximum``."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    after = _AFTER.match(text, end, line_end)
    found: re.Match[str] | None = None
    if after is not None and not _DATE_TAIL.match(text, after.end()):
        found = after
    else:
        # "scored 14 on the": only the few words right before the name are read (a long
        # line is not rescanned for every mention)
        line_start = max(text.rfind("\n", 0, start) + 1, start - 60)
        found = _BEFORE.search(text[line_start:start])
        if found is not None:
            value = float(found["value"])
            stated = int(found["max"]) if found["max"] else None
            if _possible(value, stated, maximum):
                end = found.end("max") if found["max"] else found.end("value")
                return ScoreSpan(line_start + found.start("value"), line_start + end, value)
        return None
    value = float(found["value"])
    stated = int(found["max"]) if found["max"] else None
    if not _possible(value, stated, maximum):
        return None
    return ScoreSpan(found.start("value"), found.end(), value)


def _possible(value: float, stated: int | None, maximum: int | None) -> bool:
    if maximum is not None and value > maximum:
        return False
    return stated is None or (value <= stated and (maximum is None or stated == maximum))
