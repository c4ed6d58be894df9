"""What the workspace shows, computed from a record: grouping, counts, evidence, Markdown."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from audit.record import AuditRecord, OutcomeFinding, ReviewerOutcome, reviewer_outcome
from core.data import Evidence, unread_files
from core.findings import Finding, Status
from rules.checks.base import deciding_layout
from workspace.deciding import by_session, finding_rows, page_text
from workspace.plain import (
    STATUS_LABELS,
    document_titles,
    md_escape,
    pack_title,
    plain_reason,
    plain_text,
    policy_title,
    read_by,
    rule_title,
    status_label,
)

# not_met and insufficient first: they are what a reviewer must look at
STATUS_ORDER: tuple[Status, ...] = (
    Status.NOT_MET,
    Status.INSUFFICIENT_EVIDENCE,
    Status.MET,
    Status.NOT_APPLICABLE,
)
__all__ = ["STATUS_LABELS", "STATUS_ORDER", "page_text"]


def content_key(files: Iterable[tuple[str, bytes]], *options: str) -> str:
    """A cache key for a review: the files' names and content hashes plus the options."""
    h = hashlib.sha256()
    for name, data in sorted(files, key=lambda f: f[0]):
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    for option in options:
        h.update(b"\1" + option.encode("utf-8"))
    return h.hexdigest()


def outcome(record: AuditRecord) -> ReviewerOutcome:
    """The reviewer's outcome of ``record``: the one it states, else computed from its
    actions (every finding at the tool's status while no one acted)."""
    return record.reviewer_outcome or reviewer_outcome(record)


def findings_by_status(record: AuditRecord) -> list[tuple[Status, list[Finding]]]:
    """The findings grouped by their effective status (the reviewer's where one was
    recorded, else the tool's), not_met and insufficient first; empty groups left out; the
    pack's order kept inside a group."""
    effective = {o.rule_id: o.status for o in outcome(record).findings}
    groups: list[tuple[Status, list[Finding]]] = []
    for status in STATUS_ORDER:
        members = [f for f in record.findings if effective.get(f.rule_id, f.status) == status]
        if members:
            groups.append((status, members))
    return groups


def status_counts(record: AuditRecord) -> dict[str, int]:
    """How many findings have each effective status (every status listed, in display
    order)."""
    effective = [o.status for o in outcome(record).findings]
    return {s.value: sum(1 for e in effective if e == s) for s in STATUS_ORDER}


def effective_overall(record: AuditRecord) -> str:
    """The overall the effective statuses give (the tool's while no one changed one)."""
    return outcome(record).overall


def finding_outcome(record: AuditRecord, rule_id: str) -> OutcomeFinding | None:
    return next((o for o in outcome(record).findings if o.rule_id == rule_id), None)


def effective_status(record: AuditRecord, rule_id: str) -> str | None:
    """The status a reviewer's override gave ``rule_id`` (None: the tool's stands, never
    overridden or accepted since)."""
    found = finding_outcome(record, rule_id)
    if found is None or found.set_by != "override":
        return None
    return found.status.value


def finding_actor(record: AuditRecord, rule_id: str) -> str | None:
    """Who made the accept or override the finding's effective status comes from (the
    latest of them on it); None while the tool's status stands untouched."""
    for action in reversed(record.reviewer_actions):
        if action.rule_id == rule_id and action.action in ("accept", "override"):
            return action.reviewer
    return None


def _same_reviewer(a: str | None, b: str | None) -> bool:
    return bool(a and b) and " ".join((a or "").split()) == " ".join((b or "").split())


def who(actor: str | None, me: str | None) -> str:
    """How an action's reviewer is named to the signed-in reviewer ``me``: "you" for their
    own, else the reviewer's name (Markdown-escaped)."""
    if _same_reviewer(actor, me):
        return "you"
    return md_escape(actor) if actor else "a reviewer"


def _names(people: Sequence[str]) -> str:
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]


@dataclass(frozen=True)
class FindingLabel:
    """How a finding's reviewer status is said: after its title in the checklist, and as
    the first line inside it (Markdown)."""

    title_suffix: str  # " — rn.rivera: Met (tool: Not met)", " — accepted by you", ""
    status_line: str  # "Your status: **Met** (overridden) · Tool's recommendation: **Not met**"


def finding_label(record: AuditRecord, finding: Finding, me: str | None) -> FindingLabel:
    """The finding's status as the reviewer ``me`` (the signed-in one) reads it: an
    override or accept is labelled by who made it ("you" only for ``me``'s own)."""
    o = finding_outcome(record, finding.rule_id)
    tool = f"Tool's recommendation: **{status_label(finding.status)}**"
    if o is None or o.set_by == "tool":
        return FindingLabel("", tool)
    person = who(finding_actor(record, finding.rule_id), me)
    if o.set_by == "override":
        owner = "Your" if person == "you" else f"{person}'s"
        return FindingLabel(
            f" — {person}: {status_label(o.status)} (tool: {status_label(finding.status)})",
            f"{owner} status: **{status_label(o.status)}** (overridden) · {tool}",
        )
    return FindingLabel(f" — accepted by {person}", f"{tool} · accepted by {person}")


@dataclass(frozen=True)
class OutcomeStatement:
    """The case's outcome, stated once for the case page and the Markdown summary: a
    recorded decision's outcome when there is one (it is what the reviewer decided), else
    the overall the findings give as reviewed; with the findings' overall and the tool's
    recommendation beside it in words."""

    status: str  # what the headline states: the decision's outcome, else the findings'
    decided: bool  # the headline is a recorded decision's outcome
    findings_overall: str  # the overall the findings give, as reviewed
    tool_overall: str
    changes: str  # "you changed 1 finding", "" when no finding's status was changed
    decision_reason: str | None
    decided_by: str | None  # who recorded the latest decision ("you" for the reader)

    @property
    def headline(self) -> str:
        label = "Decision" if self.decided else "Outcome"
        return f"{label}: {status_label(self.status)}"

    @property
    def beside(self) -> str:
        """The findings' overall and the tool's recommendation, in words (one sentence)."""
        findings, tool = status_label(self.findings_overall), status_label(self.tool_overall)
        if not self.decided:
            if self.changes:
                return f"The tool recommended {tool}; {self.changes}."
            return "As the tool recommended."
        if self.changes:
            return (
                f"The findings as reviewed give {findings} ({self.changes}); the tool "
                f"recommended {tool}."
            )
        if self.findings_overall == self.tool_overall:
            return f"The findings give {findings}, as the tool recommended."
        return f"The findings give {findings}; the tool recommended {tool}."


def outcome_statement(record: AuditRecord, me: str | None = None) -> OutcomeStatement:
    """The case's :class:`OutcomeStatement` as ``me`` reads it (None: for the export,
    where every reviewer is named)."""
    result = outcome(record)
    changers: dict[str, int] = {}
    for o in result.findings:
        if o.status != o.tool_status:
            person = who(finding_actor(record, o.rule_id), me)
            changers[person] = changers.get(person, 0) + 1
    changes = ""
    if changers:
        n = sum(changers.values())
        people = sorted(changers, key=lambda p: (p == "you", p))  # "... and you"
        changes = f"{_names(people)} changed {n} finding{'s' if n != 1 else ''}"
    decision = next((a for a in reversed(record.reviewer_actions) if a.action == "decision"), None)
    return OutcomeStatement(
        status=result.decision or result.overall,
        decided=result.decision is not None,
        findings_overall=result.overall,
        tool_overall=record.overall,
        changes=changes,
        decision_reason=result.decision_reason or None,
        decided_by=who(decision.reviewer, me) if decision else None,
    )


def weekly_threshold(record: AuditRecord) -> float | None:
    """The pack's minimum weekly hours, as the weekly-hours rule reported it."""
    for finding in record.findings:
        value = finding.values.get("min_weekly_hours")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence a reviewer can open: ``key`` names it for the program
    (``finding:<rule id>:<n>``, ``fact:<kind>:<i>:<n>``); ``label`` says in words what it
    supports and what it quotes."""

    key: str
    label: str
    evidence: Evidence
    subject: str = ""  # what it supports: the finding's title or the fact's name
    # every span shown with it, ``evidence`` first (a session's date line and time line)
    spans: tuple[Evidence, ...] = ()

    @property
    def shown(self) -> tuple[Evidence, ...]:
        """The spans the panel marks: all of the row's on ``evidence``'s page."""
        return self.spans or (self.evidence,)

    @property
    def group(self) -> str:
        """The key of the finding or fact it belongs to (its own key without ``:<n>``)."""
        return self.key.rsplit(":", 1)[0]


#: Characters of a finding's or fact's name the panel's closed choice shows whole at 1,440
#: px (a longer name is cut at a word, with "…"; the panel shows it whole below).
SUBJECT_CHARS = 58


def short_name(name: str, limit: int = SUBJECT_CHARS) -> str:
    """``name`` whole when it has at most ``limit`` characters, else cut at a word with an
    ellipsis (``limit`` characters at most, the ellipsis included)."""
    if len(name) <= limit:
        return name
    cut = name[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—(")
    return (cut or name[: limit - 1]) + "…"


def evidence_subjects(
    items: Sequence[EvidenceItem], limit: int | None = SUBJECT_CHARS
) -> dict[str, str]:
    """Each finding or fact that has evidence (its group key) and its name, in order, for
    the first of the panel's two short choices (the second picks one of its quotes): cut
    to ``limit`` characters (:func:`short_name`) so the closed choice shows it whole, the
    same name twice numbered."""
    subjects: dict[str, str] = {}
    seen: dict[str, int] = {}
    for item in items:
        if item.group in subjects:
            continue
        name = item.subject or item.label
        if limit is not None:
            name = short_name(name, limit)
        seen[name] = seen.get(name, 0) + 1
        subjects[item.group] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return subjects


def quote_choices(
    items: Sequence[EvidenceItem], group: str, titles: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The quotes of the finding or fact ``group``: key → "n of N: “quote”" (short enough to
    read whole in the panel's narrow column). A quote that reads the same as another of
    the group in another document (the admission date stated in four documents) is
    followed by its document's title from ``titles``, so that the choices differ:
    "“Admit Date: 01/06/2025” · Intake assessment"."""
    members = [i for i in items if i.group == group]
    quoted = [" … ".join(f"“{short_quote(ev.quote, 30)}”" for ev in i.shown) for i in members]
    documents: dict[str, set[str]] = {}
    for item, words in zip(members, quoted, strict=True):
        documents.setdefault(words, set()).add(item.evidence.document_id)
    labels: dict[str, str] = {}
    for n, (item, words) in enumerate(zip(members, quoted, strict=True), start=1):
        title = (titles or {}).get(item.evidence.document_id)
        label = f"{n} of {len(members)}: {words}"
        if title and len(documents[words]) > 1:  # the same words in several documents
            label += f" · {short_name(title, max(26, SUBJECT_CHARS - len(label) - 3))}"
        labels[item.key] = label
    return labels


FACT_NAMES: dict[str, str] = {
    "members": "Member",
    "episode_dates": "Admission or discharge",
    "document_dates": "Document date",
    "diagnoses": "Diagnosis",
    "certifications": "Certification",
    "treatment_plans": "Treatment plan",
    "sessions": "Service",
    "risk_assessments": "Risk assessment",
    "danger_findings": "Danger",
    "participation": "Participation",
    "acuity": "Acuity",
    "discharge_planning": "Discharge planning",
    "continued_stay": "Continued stay",
    "physical_exams": "Physical exam",
    "assessments": "Assessment",
    "authorizations": "Authorization",
    "continuing_service_requests": "Continuing service request",
    "schedules": "Program schedule",
}


_MARKUP = re.compile(r"\*\*|__|`|^#{1,6}[ \t]+|(?<=\n)#{1,6}[ \t]+")


def plain_quote(text: str) -> str:
    """A quote as a reader sees it: without a Markdown document's markup (``**``, ``__``,
    back-ticks, heading marks), a table row as its cells ("| Plan date | 03/05/2025 |" is
    "Plan date: 03/05/2025"; more cells are joined by " · "). For display only; the record
    keeps the verbatim quote."""
    return "\n".join(_plain_row(line) for line in _MARKUP.sub("", text).split("\n"))


_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_RULE_CELL = re.compile(r"^:?-{2,}:?$")


def _plain_row(line: str) -> str:
    m = _TABLE_ROW.match(line)
    if m is not None and "|" in m.group(1):
        inner = m.group(1)
    elif " | " in line:
        inner = line  # cells of a row, quoted without its outer bars ("Admission | 03/03")
    else:
        return line
    cells = [c.strip() for c in inner.split("|")]
    cells = [c for c in cells if c and not _RULE_CELL.match(c)]
    if len(cells) == 2:
        return f"{cells[0]}: {cells[1]}"
    return " · ".join(cells)


def page_window(text: str, start: int, end: int, lines: int = 12) -> tuple[int, int]:
    """The offsets of the ``lines`` lines either side of ``text[start:end]``: what the
    source panel shows, so the highlighted span is in view without scrolling."""
    lo = start
    for _ in range(lines):
        nl = text.rfind("\n", 0, max(0, lo - 1))
        if nl < 0:
            lo = 0
            break
        lo = nl + 1
    hi = end
    for _ in range(lines):
        nl = text.find("\n", hi + 1)
        if nl < 0:
            hi = len(text)
            break
        hi = nl
    return lo, hi


def block_window(text: str, start: int, end: int, lines: int = 12) -> tuple[int, int]:
    """:func:`page_window` widened to whole Markdown blocks (to the blank lines around
    them): a window that starts inside a table or a list still renders as one."""
    lo, hi = page_window(text, start, end, lines)
    while lo > 0:
        prev = text.rfind("\n", 0, lo - 1) + 1
        if not text[prev : lo - 1].strip():
            break
        lo = prev
    while hi < len(text):
        nl = text.find("\n", hi + 1)
        following = text[hi + 1 :] if nl < 0 else text[hi + 1 : nl]
        if not following.strip():
            break
        hi = len(text) if nl < 0 else nl
    return lo, hi


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (or lines) ``text[start:end]`` is on, without its leading and trailing
    blanks: the row a short quote belongs to. Never narrower than the quote."""
    lo = text.rfind("\n", 0, start) + 1
    nl = text.find("\n", max(start, end - 1))
    hi = len(text) if nl < 0 else nl
    while lo < start and text[lo] in " \t":
        lo += 1
    while hi > end and text[hi - 1] in " \t\r":
        hi -= 1
    return min(lo, start), max(hi, end)


# a row of columns: cells between pipes, a tab, or columns aligned with runs of spaces
_ALIGNED = re.compile(r"\S {3,}(?=\S)")


def tabular(text: str) -> bool:
    """Whether ``text`` holds rows laid out in columns (two lines or more with pipes
    between cells, a tab, or two runs of three spaces or more between words): shown
    unwrapped, as a wrapped row loses its columns."""
    rows = 0
    for line in text.splitlines():
        cells = line.strip()
        if cells.count("|") >= 2 or "\t" in cells or len(_ALIGNED.findall(cells)) >= 2:
            rows += 1
            if rows >= 2:
                return True
    return False


def short_quote(text: str, limit: int = 70) -> str:
    """A quote on one line, cut at a word near ``limit`` characters."""
    flat = " ".join(plain_quote(text).split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return (cut or flat[:limit]) + "…"


def _fact_label(kind: str, fact: Mapping[str, Any]) -> str:
    name = FACT_NAMES.get(kind, kind.replace("_", " ").capitalize())
    for key in ("date", "kind", "code", "service_kind", "value"):
        value = fact.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return f"{name} ({str(value).replace('_', ' ')})"
    return name


def _quoted(spans: Sequence[Evidence]) -> str:
    return " … ".join(f"“{short_quote(ev.quote)}”" for ev in spans)


def _on_page(spans: Sequence[Evidence]) -> tuple[Evidence, ...]:
    first = spans[0]
    return tuple(ev for ev in spans if (ev.document_id, ev.page) == (first.document_id, first.page))


def evidence_items(
    record: AuditRecord, pages: Mapping[str, Sequence[str]] | None = None
) -> list[EvidenceItem]:
    """Every piece of evidence of the record: findings' first (not met and insufficient
    first, by effective status), one per row as the checklist lists them (a session's
    date and times together, :func:`workspace.deciding.finding_rows`; its spans on one
    page shown together), then each extracted fact's, its spans on one page together."""
    items: list[EvidenceItem] = []
    ordered = [f for _, group in findings_by_status(record) for f in group]
    for finding in ordered:
        title = rule_title(record.policy.id, finding.rule_id)
        lead, others = finding_rows(finding, pages or {})
        for n, row in [*lead, *others]:
            spans = _on_page(row.evidence)
            items.append(
                EvidenceItem(
                    f"finding:{finding.rule_id}:{n}",
                    f"{title}: {_quoted(spans)}",
                    spans[0],
                    title,
                    spans,
                )
            )
    facts = record.facts.model_dump(mode="json")
    for kind, value in facts.items():
        entries = value if isinstance(value, list) else [value]
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            quoted = [Evidence.model_validate(raw) for raw in entry.get("evidence") or []]
            subject = _fact_label(kind, entry)
            pages_of: dict[tuple[str, int], int] = {}
            for n, ev in enumerate(quoted, start=1):  # one item per page, its spans together
                pages_of.setdefault((ev.document_id, ev.page), n)
            for where, n in pages_of.items():
                shown = tuple(ev for ev in quoted if (ev.document_id, ev.page) == where)
                label = f"{subject}: {_quoted(shown)}"
                items.append(EvidenceItem(f"fact:{kind}:{i}:{n}", label, shown[0], subject, shown))
    return items


def highlight_html(text: str, start: int, end: int, *, context: int | None = None) -> str:
    """``text`` as HTML with ``text[start:end]`` in a ``<mark>``, everything escaped.

    With ``context``, only that many characters either side of the span are kept (cut
    points marked with an ellipsis). Offsets outside the text raise ``ValueError``.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} is outside a text of {len(text)} characters")
    lo, hi = 0, len(text)
    if context is not None:
        lo, hi = max(0, start - context), min(len(text), end + context)
    before = ("…" if lo > 0 else "") + html.escape(text[lo:start])
    after = html.escape(text[end:hi]) + ("…" if hi < len(text) else "")
    marked = f'<mark id="evidence-span">{html.escape(text[start:end])}</mark>'
    return before + marked + after


def page_html(
    text: str,
    start: int,
    end: int,
    lo: int = 0,
    hi: int | None = None,
    more: Sequence[tuple[int, int]] = (),
) -> str:
    """``text[lo:hi]`` as HTML for the evidence panel, everything escaped: one ``<div
    class="ln">`` per line (a line that wraps stays one block), an ellipsis line where the
    window cuts the page. ``text[start:end]`` is in ``<mark class="evidence">`` elements
    (one per line it is on, the first ``id="evidence-span"``): exactly the quote. The rest
    of the line(s) it is on is in ``<mark class="evidence-line">``: the row a date is in,
    the signature a date belongs to, read whole. ``more`` spans (a session's other lines)
    are marked the same way. A span outside ``lo:hi`` or offsets outside the text raise
    ``ValueError``."""
    hi = len(text) if hi is None else hi
    spans = [(start, end), *more]
    for a, b in spans:
        if not 0 <= lo <= a <= b <= hi <= len(text):
            raise ValueError(
                f"span {a}:{b} is outside the window {lo}:{hi} of a text of {len(text)} characters"
            )
    rows = [line_span(text, a, b) for a, b in spans]
    edges = {x for span in (*spans, *rows) for x in span}
    out = ['<div class="ln cr-more">…</div>'] if lo > 0 else []
    anchor = ' id="evidence-span"'
    at = lo
    while True:
        nl = text.find("\n", at, hi)
        stop = hi if nl < 0 else nl
        cuts = sorted({at, stop, *(x for x in edges if at < x < stop)})
        line = []
        for n in range(len(cuts) - 1):
            a, b = cuts[n], cuts[n + 1]
            piece = html.escape(text[a:b])
            if any(s <= a < e for s, e in spans):
                line.append(f'<mark{anchor} class="evidence">{piece}</mark>')
                anchor = ""
            elif any(s <= a < e for s, e in rows):
                line.append(f'<mark class="evidence-line">{piece}</mark>')
            else:
                line.append(piece)
        out.append(f'<div class="ln">{"".join(line)}</div>')
        if nl < 0:
            break
        at = nl + 1
    if hi < len(text):
        out.append('<div class="ln cr-more">…</div>')
    return "".join(out)


def _md(text: str) -> str:
    """Text safe inside a Markdown paragraph or table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _quote_block(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in text.splitlines()] or [">"]


SUMMARY_EVIDENCE = 5  # places of a finding's other evidence listed in the summary


def row_words(line: str) -> str:
    """A row of the chart as the summary and the checklist show it: its line(s) as a
    reader sees them (:func:`plain_quote`: no Markdown markup, a table row as "label:
    value"), on one line."""
    return " ".join(plain_quote(line).split())


def _evidence_lines(
    f: Finding, titles: Mapping[str, str], pages: Mapping[str, Sequence[str]] | None = None
) -> list[str]:
    """A finding's evidence for the summary: what decided it, one line per session or
    need (the whole row(s) of the chart it is on, when the chart's text is at hand; else
    its quotes joined), then the first few other places and how many more the audit
    record holds."""
    deciding, _ = deciding_layout(f.values, len(f.evidence))
    out: list[str] = []
    for row in by_session(f, pages or {}):
        first = row.evidence[0]
        where = f"{titles.get(first.document_id, 'a document')} p.{first.page}"
        if row.line:
            said = f"“{_md(row_words(row.line))}”"
        else:
            said = " … ".join(f"“{_md(plain_quote(ev.quote))}”" for ev in row.evidence)
        out.append(f"- Decided by ({_md(where)}): {said}")
    rest = f.evidence[deciding:]
    for ev in rest[:SUMMARY_EVIDENCE]:
        where = f"{titles.get(ev.document_id, 'a document')} p.{ev.page}"
        out.append(f"- Evidence ({_md(where)}): “{_md(plain_quote(ev.quote))}”")
    if len(rest) > SUMMARY_EVIDENCE:
        out.append(
            f"- … and {len(rest) - SUMMARY_EVIDENCE} more places in the chart (each in the "
            "audit record, and in the workspace)"
        )
    return out


def summary_markdown(
    record: AuditRecord,
    *,
    filenames: Mapping[str, str] | None = None,
    pages: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """A Markdown summary of the review: the reviewer's outcome beside the tool's, the
    findings by effective status with the tool's recommendation, and every action. With
    ``pages`` (document id -> page texts) what decided a finding is quoted as the chart's
    whole rows."""
    titles = document_titles(record.documents)
    titles.update(filenames or {})
    pack = record.policy.id
    result = outcome(record)
    by_rule = {o.rule_id: o for o in result.findings}
    said = outcome_statement(record)
    lines = [
        f"# Chart review: {_md(pack_title(pack))} ({pack} {record.policy.version})",
        "",
    ]
    reason = f": {_md(said.decision_reason)}" if said.decision_reason else ""
    by = f" (recorded by {said.decided_by})" if said.decided_by else ""  # named, escaped
    if said.decided:  # the decision is the outcome; the findings' and the tool's beside it
        lines += [f"- Decision: **{status_label(said.status)}**{by}{reason}", f"- {said.beside}"]
    else:
        recommended = status_label(said.tool_overall)
        lines.append(
            f"- Outcome: **{status_label(said.status)}**"
            + (
                f" (the tool recommended {recommended}; {said.changes})"
                if said.changes
                else " (as the tool recommended)"
            )
        )
        if said.decision_reason:  # a decision in words only, no outcome chosen
            lines.append(f"- Reviewer's decision{by}{reason}")
    lines += [
        f"- Reviewed {record.created_at:%Y-%m-%d %H:%M} UTC; the documents were read by "
        + read_by(record.extractor.kind, record.extractor.model),
        f"- Documents read: {len(record.documents)}; could not be read: "
        f"{unread_files(record.input_errors)}"
        + (
            f"; second copies of a document read: {copies}"
            if (copies := len(record.input_errors) - unread_files(record.input_errors))
            else ""
        ),
        "",
        "| Status | Findings (reviewer) | Findings (tool) |",
        "|---|---|---|",
    ]
    counts = status_counts(record)
    tool = {s.value: sum(1 for f in record.findings if f.status == s) for s in STATUS_ORDER}
    lines += [f"| {STATUS_LABELS[s]} | {n} | {tool[s]} |" for s, n in counts.items()]
    unread = [e for e in record.input_errors if e.unread]
    second_copies = [e for e in record.input_errors if not e.unread]
    if unread:
        lines += ["", "## Files that could not be read", ""]
        lines += [f"- {_md(e.filename)}: {_md(plain_reason(e.reason))}" for e in unread]
    if second_copies:
        lines += ["", "## Second copies of a document read (reviewed once)", ""]
        lines += [f"- {_md(e.filename)}: {_md(plain_reason(e.reason))}" for e in second_copies]
    if record.unread:
        lines += ["", "## Service records that could not be read", ""]
        lines += [
            f"- {_md(titles.get(u.document_id, 'a document'))} p.{u.page}"
            + (f", dated {u.date.isoformat()}" if u.date else "")
            + f": {_md(u.why)}"
            for u in record.unread
        ]
    lines += ["", "## Findings"]
    for status, findings in findings_by_status(record):
        lines += ["", f"### {STATUS_LABELS[status.value]}"]
        for f in findings:
            o = by_rule.get(f.rule_id)
            lines += ["", f"#### {_md(rule_title(pack, f.rule_id))}", ""]
            actor = finding_actor(record, f.rule_id)
            by = f" by {_md(actor)}" if actor else ""
            if o is not None and o.set_by == "override":
                lines.append(
                    f"Reviewer: **{status_label(o.status)}** (overridden{by}; the tool "
                    f"recommended {status_label(f.status)})."
                )
            elif o is not None and o.set_by == "accept":
                lines.append(f"Reviewer: **{status_label(o.status)}** (accepted{by}).")
            else:
                lines.append(f"Tool's recommendation: **{status_label(f.status)}**.")
            lines += ["", _md(plain_text(f.reason, record.documents)), ""]
            lines += _evidence_lines(f, titles, pages)
            for c in f.citations:
                lines.append(f"- Policy ({_md(policy_title(c.source))}, {_md(c.section)}):")
                lines += ["  " + q for q in _quote_block(c.quote)]
    if record.weekly_summary:
        lines += ["", "## Counted hours per program week", ""]
        lines += ["| Week | Dates | Hours | Services | Complete |", "|---|---|---|---|---|"]
        for w in record.weekly_summary:
            lines.append(
                f"| {w.week} | {w.start} – {w.end} | {w.counted_hours:g} | "
                f"{w.counted_services} | {'yes' if w.complete else 'partial'} |"
            )
    if record.ungrounded:
        lines += ["", "## Proposed but not found in the text", ""]
        lines += [f"- {_md(u.kind)}: {_md(u.why)}" for u in record.ungrounded]
    lines += ["", "## Reviewer actions", ""]
    if not record.reviewer_actions:
        lines.append("None yet.")
    for a in record.reviewer_actions:
        target = f" {_md(rule_title(pack, a.rule_id))}" if a.rule_id else ""
        change = f" → {status_label(a.new_status)}" if a.new_status else ""
        lines.append(
            f"- {a.at:%Y-%m-%d %H:%M} UTC {_md(a.reviewer)}: **{a.action}**{target}{change}"
            + (f" — {_md(a.reason)}" if a.reason else "")
        )
    lines += [
        "",
        "---",
        "",
        f"Audit record: review {record.review_id}, record_sha256 {record.record_sha256}"
        + (f", previous {record.previous_record_sha256}" if record.previous_record_sha256 else ""),
    ]
    return "\n".join(lines) + "\n"
