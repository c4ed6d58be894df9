"""The total score written with a standardized instrument's name: "PHQ-9: 14",
"PHQ9 score = 14 (moderate)", "GAD-7 total 11/21", "| PHQ-9 | 14 |", "AUDIT-C score of 6",
"scored 14 on the PHQ-9", "PHQ-9 / 14 / 10/27/2025" (instrument / score / date).

Pure text functions: the caller finds the instrument's name; these read the number right
after it (or the "scored N on" right before it). A number that opens a date ("PHQ-9
10/06/2025"), a number above the instrument's maximum, or a stated maximum that is not the
instrument's, is not a score.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extract.values.dates import first_date

# after the name: an optional spelled-out name in parentheses, separators, and up to three
# words such as "total score", "was", "of"
# a bound, not a value: "9 or less", "10 or higher", "10+" (a target or a cutoff)
_BOUND = (
    r"(?![ \t]*(?:\+|(?:or|and)[ \t]+(?:less|lower|fewer|below|under|better|more|higher"
    r"|greater|above|over|worse)(?![A-Za-z])))"
)
_AFTER = re.compile(
    r"(?:[ \t]*\([^)\n]{0,60}\))?"
    r"(?:[ \t]*(?:[:=|–—*_-]|[ \t]/[ \t]|\.{2,}|total|score[sd]?|result|raw|was|were|is|of|at)"
    r"(?![A-Za-z]))*"
    r"[ \t]*(?:\*\*|__)?(?P<value>\d{1,3}(?:\.\d)?)(?![\d.]*\d)"
    r"(?:[ \t]*(?:/|out[ ]of)[ \t]*(?P<max>\d{1,3})(?!\d|[/.-]\d))?"
    r"(?![ \t]*(?:%|x\b|times|days?|weeks?|wks?|months?|mos?|years?|yrs?|hours?|hrs?|min))"
    + _BOUND,
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
    """A score ``value`` read from ``text[start:end]``, and the date written with it (if
    any: :func:`scores_near`)."""

    start: int
    end: int
    value: float
    date: dt.date | None = None


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


# --------------------------------------------------------------------------- in a sentence

_UNIT_AHEAD = (
    r"(?![ \t]*(?:%|x\b|times|days?|weeks?|wks?|months?|mos?|years?|yrs?|hours?|hrs?|min))"
)
_NUMBER = (
    r"(?<![A-Za-z][-‐])(?<![A-Za-z])(?P<value>\d{1,3}(?:\.\d)?)(?![\d.]*\d)(?![/.-]\d)"
    r"(?:[ \t]*(?:/|out[ ]of)[ \t]*(?P<max>\d{1,3})(?!\d|[/.-]\d))?" + _UNIT_AHEAD + _BOUND
)
# after the name, a few words, separators or parentheses ("use score today:", "at intake
# (10/06/2025) was", "has fallen from", "ideation severity (past month):"), then the number
_LOOSE = re.compile(
    r"(?P<fill>(?:[ \t]*(?:\([^)\n]{0,60}\)|[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|[:=|–—*_,]"
    # a date after "on": "Prior GAD-7 on 11/26/2025: 15"
    r"|(?<![A-Za-z])(?:on|dated)[ \t]+\d{1,2}/\d{1,2}/\d{2,4}(?![\d/])"
    r"|\.{2,}|-(?![A-Za-z\d])|/(?=[ \t]))){0,8}?)[ \t]*(?:\*\*|__)?" + _NUMBER,
)
# a score's own date right after it: "15 on 10/20/2025", "15 (10/20/2025)", "22 on
# admission (03/02/2026)", "22 when last given 03/03/2026", "5 (from referral screen
# 02/26/2026)": only words that say when it was given, never a target's ("by", "due")
_WHEN = (
    r"on|at|dated|when|last|given|administered|completed|obtained|taken|recorded|done"
    r"|admission|intake|discharge|baseline|entry"
)
_ON_DATE = re.compile(
    rf"[ \t]*(?:(?:{_WHEN})[ \t]+){{0,4}}(?:\([ \t]*"
    rf"(?:(?:{_WHEN}|from|the|a|an|initial|prior|outside|referral|screen|screening)[ \t]+){{0,4}})?"
    r"(?=\d)",
    re.IGNORECASE,
)
# a further dated score of the same instrument: "... to 7 on 12/08/2025", "(admission 24
# on 10/20/2025)", "and 11 on 03/08/2026"
_NEXT = re.compile(
    r"(?:[ \t]+[A-Za-z]+){0,2}[ \t]*[,;]?[ \t]*"
    r"(?:\(|->|→|=>|\b(?:and|to|then|vs\.?|versus|from)\b)[ \t]*"
    r"(?:[A-Za-z]+[ \t]+){0,2}" + _NUMBER,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def scores_near(
    text: str,
    start: int,
    end: int,
    maximum: int | None,
    not_after: frozenset[str],
    sentence_end: int | None = None,
) -> list[ScoreSpan]:
    """The scores written with the instrument named at ``text[start:end]``, in its sentence
    (on its line): the score right after the name (:func:`score_near`), else the first
    number a few words on ("BAM use score today: 1", "PCL-5 at intake (10/06/2025) was
    47") unless those words set a target or count something (``not_after``: "below",
    "goal", "item", ...); then the further scores written with their own dates ("from 15
    on 10/20/2025 to 7 on 12/08/2025"). Each with the date in the parentheses before it or
    right after it ("15 on 10/20/2025"), if any. Scores written without dates and followed
    in the sentence (which may wrap onto later lines, up to ``sentence_end``) by as many
    dates in parentheses take those dates in order ("went from 18 to 12 over the same dates
    (02/16/2026 and 03/10/2026)")."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    stop = _sentence_end(text, end, line_end)
    out: list[ScoreSpan] = []
    first = score_near(text, start, end, maximum)
    fill_date: dt.date | None = None
    if first is None:
        m = _LOOSE.match(text, end, stop)
        if m is None or not _possible(
            float(m["value"]), int(m["max"]) if m["max"] else None, maximum
        ):
            return []
        words = {w.lower() for w in _WORD.findall(re.sub(r"\([^)]*\)", " ", m["fill"]))}
        if words & not_after:
            return []
        d = first_date(text, m.start("fill"), m.end("fill"))
        fill_date = d.date if d is not None else None
        first = ScoreSpan(
            m.start("value"), m.end("max") if m["max"] else m.end("value"), float(m["value"])
        )
    if first.start < end:  # "scored 14 on the PHQ-9": no further scores read
        return [ScoreSpan(first.start, first.end, first.value, None)]
    own = _own_date(text, first.end, stop)
    if own is None and fill_date is None:
        paired = _paired(text, first, stop, maximum, sentence_end)
        if paired:
            return paired
    out.append(
        ScoreSpan(first.start, first.end, first.value, fill_date or (own[0] if own else None))
    )
    pos = own[1] if own else first.end
    pos = pos + 1 if own and pos < stop and text[pos] == ")" else pos
    while len(out) < 6:
        nxt = _next_score(text, pos, stop, maximum)
        if nxt is None:
            break
        start_at, end_at, value = nxt
        own = _own_date(text, end_at, stop)
        if own is None:
            break
        out.append(ScoreSpan(start_at, end_at, value, own[0]))
        pos = own[1] + 1 if own[1] < stop and text[own[1]] == ")" else own[1]
    return out


def _next_score(
    text: str, pos: int, stop: int, maximum: int | None
) -> tuple[int, int, float] | None:
    """The further score right at ``pos`` ("... to 12", "..., 9/27"): its span and value,
    when it is a possible score of the instrument."""
    m = _NEXT.match(text, pos, stop)
    if m is None:
        return None
    value = float(m["value"])
    stated = int(m["max"]) if m["max"] else None
    if not _possible(value, stated, maximum):
        return None
    return m.start("value"), m.end("max") if m["max"] else m.end("value"), value


# the dates of a list of scores, in parentheses after a few words: "(02/16/2026 and
# 03/10/2026)"
_DATES_GROUP = re.compile(r"(?:\s+[A-Za-z]+){0,6}\s*\((?P<dates>[^()\n]{6,80})\)", re.IGNORECASE)
_DATE_JOIN = re.compile(r"\s*(?:,|;|&|and)?\s*", re.IGNORECASE)


def _paired(
    text: str, first: ScoreSpan, stop: int, maximum: int | None, sentence_end: int | None
) -> list[ScoreSpan]:
    """Undated scores ("from 18 to 12") followed by as many dates in one parenthesis: each
    score with its date, in order; else nothing."""
    chain = [first]
    pos = first.end
    while len(chain) < 6:
        nxt = _next_score(text, pos, stop, maximum)
        if nxt is None or _own_date(text, nxt[1], stop) is not None:
            break
        chain.append(ScoreSpan(*nxt))
        pos = nxt[1]
    if len(chain) < 2:
        return []
    wide = _sentence_end(text, pos, max(stop, sentence_end or stop))
    g = _DATES_GROUP.match(text, pos, wide)
    if g is None:
        return []
    dates: list[dt.date] = []
    at = g.start("dates")
    while at < g.end("dates"):
        d = first_date(text, at, g.end("dates"))
        if d is None or d.start != at:
            return []  # anything but dates in the parentheses
        dates.append(d.date)
        j = _DATE_JOIN.match(text, d.end, g.end("dates"))
        at = j.end() if j is not None and j.end() > d.end else d.end
        if at == d.end and at < g.end("dates"):
            return []
    if len(dates) != len(chain):
        return []
    return [ScoreSpan(c.start, c.end, c.value, d) for c, d in zip(chain, dates, strict=True)]


def _own_date(text: str, at: int, stop: int) -> tuple[dt.date, int] | None:
    """The date written right after a score ("on 10/20/2025", "(10/20/2025)"), and where
    its words end."""
    m = _ON_DATE.match(text, at, stop)
    if m is None or m.end() == at:
        return None
    d = first_date(text, m.end(), stop)
    return (d.date, d.end) if d is not None and d.start == m.end() else None


def _sentence_end(text: str, start: int, stop: int) -> int:
    """The end of the sentence from ``start`` on, within ``stop``: a period, question or
    exclamation mark followed by a blank (a decimal point or a date is no end)."""
    m = _STOP.search(text, start, stop)
    return m.start() + 1 if m is not None else stop


_STOP = re.compile(r"(?:(?<!\.)\.|[!?;])(?=[ \t]|$)")  # not a leader's "....."
