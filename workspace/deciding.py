"""The spans that decided a finding, apart from the rest of its evidence.

API (for ``app.py``)::

    from workspace.deciding import split_evidence

    deciding, supporting = split_evidence(finding)
    # show ``deciding`` first and open ("Deciding evidence"), ``supporting`` folded away

Rules put the spans a verdict rests on at the head of a finding's evidence and say how
many in ``values["deciding_evidence"]`` (rules/checks/base.py ``deciding_first``): for
weekly hours, the date and times of each session of the week judged; for an interval
(recertification), the two date lines. A finding without that value (every other rule, and
records written before it existed) has no deciding spans: all its evidence is supporting.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.data import Evidence
from core.findings import Finding
from rules.checks.base import deciding_layout


def page_text(pages: Mapping[str, Sequence[str]], evidence: Evidence) -> str | None:
    """The text of the page ``evidence`` points into, if that document is loaded."""
    doc = pages.get(evidence.document_id)
    if doc is None or not 1 <= evidence.page <= len(doc):
        return None
    return doc[evidence.page - 1]


def split_evidence(finding: Finding) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...]]:
    """(deciding spans, the rest) of ``finding.evidence``, in the finding's order."""
    count, _ = deciding_layout(finding.values, len(finding.evidence))
    return finding.evidence[:count], finding.evidence[count:]


@dataclass(frozen=True)
class LineGroup:
    """Deciding spans on one line of a page (a session's date and times in one row):
    ``first`` is the 1-based position of the first in the finding's evidence, ``line`` the
    line's text (``None`` when the page text is not at hand)."""

    first: int
    line: str | None
    evidence: tuple[Evidence, ...]


def by_line(deciding: Sequence[Evidence], pages: Mapping[str, Sequence[str]]) -> list[LineGroup]:
    """``deciding`` grouped by the line they are on, in order: a week's sessions read as
    one row each ("02/10/2025 ... 10:45-12:15") instead of a date and a time apart."""
    groups: list[LineGroup] = []
    last: tuple[str, int, int] | None = None
    for n, ev in enumerate(deciding, start=1):
        found = _line_of(pages, ev)
        if found is None:
            groups.append(LineGroup(n, None, (ev,)))
            last = None
            continue
        start, end, line = found
        where = (ev.document_id, ev.page, start)
        if where == last and ev.end <= end:
            g = groups[-1]
            groups[-1] = LineGroup(g.first, g.line, (*g.evidence, ev))
        else:
            groups.append(LineGroup(n, line, (ev,)))
        last = where
    return groups


# A line that only names what follows it: "Diagnosis:", "## Interventions", "**Plan:**",
# a title in capitals ("SERVICES / COORDINATION OF SERVICES"). It carries no fact itself.
_LABEL_ONLY = re.compile(r"^[^\n]*:$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]")
_CAPITALS_TITLE = re.compile(r"^[^a-z\d]*[A-Z]{2,}[^a-z\d]*\s[^a-z\d]*[A-Z]{2,}[^a-z\d]*$")


def bare_heading(line: str) -> bool:
    """Whether ``line`` is one line that is a heading with no content of its own (a label
    ending in ":", a Markdown heading, a title in capitals): the fact is on the line(s)
    after it."""
    words = line.strip().strip("*_").strip()
    return bool(
        words
        and "\n" not in words
        and (
            _LABEL_ONLY.match(words)
            or _MARKDOWN_HEADING.match(words)
            or _CAPITALS_TITLE.match(words)
        )
    )


def _line_of(pages: Mapping[str, Sequence[str]], ev: Evidence) -> tuple[int, int, str] | None:
    """(start, end, words) of the line of ``ev``'s page that holds its start; ``None``
    when the page text is not at hand. A span that goes on past its first line (a goal
    with its target date) is the lines it covers; a bare heading (:func:`bare_heading`)
    is not the row: the next line that is not blank is ("Diagnosis:" then "F33.2 Major
    depressive disorder ..."); the words are then those lines, one a line."""
    text = page_text(pages, ev)
    if text is None or not 0 <= ev.start <= len(text):
        return None
    start = text.rfind("\n", 0, ev.start) + 1
    end = _line_end(text, ev.start)
    if ev.end > end + 1:
        # the span goes on (a goal with its target date, a statement wrapped onto the next
        # line): the row is the lines it covers
        end = _line_end(text, ev.end - 1)
    elif bare_heading(text[start:end]):
        # the first line after the heading that holds words
        at = end + 1
        while at < len(text) and not text[at : _line_end(text, at)].strip():
            at = _line_end(text, at) + 1
        if at < len(text):
            end = _line_end(text, at)
    lines = [x.strip() for x in text[start:end].split("\n") if x.strip()]
    return start, end, "\n".join(lines)


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def by_session(finding: Finding, pages: Mapping[str, Sequence[str]]) -> list[LineGroup]:
    """The deciding spans of ``finding`` as rows: one per group the rule made (a session's
    date and times, a document's need) when it says how they group, its lines' words
    joined ("DOS: 04/07/2025 … Time: 3:30 PM-4:30 PM"); else one per line
    (:func:`by_line`)."""
    deciding, _ = split_evidence(finding)
    _, sizes = deciding_layout(finding.values, len(finding.evidence))
    if sizes is None:
        return by_line(deciding, pages)
    rows: list[LineGroup] = []
    keys: list[tuple[tuple[str, int, int], ...]] = []
    at = 0
    for n in sizes:
        group = deciding[at : at + n]
        lines: dict[tuple[str, int, int], str] = {}
        for ev in group:
            found = _line_of(pages, ev)
            if found is None:
                lines.clear()
                break
            lines.setdefault((ev.document_id, ev.page, found[0]), found[2])
        key = tuple(lines)
        if key and keys and keys[-1] == key:
            # the same line(s) as the row before (a signature and its date): one row
            last = rows[-1]
            rows[-1] = LineGroup(last.first, last.line, (*last.evidence, *group))
        else:
            words = " … ".join(t for t in lines.values() if t) or None
            rows.append(LineGroup(at + 1, words, tuple(group)))
            keys.append(key)
        at += n
    return rows


def distinct_lines(rows: Sequence[LineGroup]) -> list[LineGroup]:
    """``rows`` with a line shown once: a later row of the same line of the same page
    (the same words quoted by two facts) joins the first; rows without a line are kept."""
    out: list[LineGroup] = []
    seen: dict[tuple[str, int, str], int] = {}
    for row in rows:
        ev = row.evidence[0]
        key = (ev.document_id, ev.page, row.line) if row.line else None
        if key is not None and key in seen:
            k = seen[key]
            first = out[k]
            out[k] = LineGroup(first.first, first.line, (*first.evidence, *row.evidence))
            continue
        if key is not None:
            seen[key] = len(out)
        out.append(row)
    return out


def finding_rows(
    finding: Finding, pages: Mapping[str, Sequence[str]]
) -> tuple[list[tuple[int, LineGroup]], list[tuple[int, LineGroup]]]:
    """A finding's evidence as the checklist lists it, each row with its number (the
    evidence panel's key ``finding:<rule id>:<n>``): what decided it, one row per session
    or need (:func:`by_session`), and the other evidence, one row per line
    (:func:`distinct_lines`)."""
    deciding, rest = split_evidence(finding)
    lead = [(g.first, g) for g in by_session(finding, pages)] if deciding else []
    others = [(len(deciding) + g.first, g) for g in distinct_lines(by_line(rest, pages))]
    return lead, others
