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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.data import Evidence
from core.findings import Finding
from rules.checks.base import deciding_layout
from workspace.view import page_text


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


def _line_of(pages: Mapping[str, Sequence[str]], ev: Evidence) -> tuple[int, int, str] | None:
    """(start, end, words) of the line of ``ev``'s page that holds its start; ``None``
    when the page text is not at hand."""
    text = page_text(pages, ev)
    if text is None or not 0 <= ev.start <= len(text):
        return None
    start = text.rfind("\n", 0, ev.start) + 1
    end = text.find("\n", ev.start)
    end = len(text) if end < 0 else end
    return start, end, text[start:end].strip()


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
