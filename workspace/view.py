"""What the workspace shows, computed from a record: grouping, counts, evidence, Markdown."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from audit.record import AuditRecord
from core.data import Evidence
from core.findings import Finding, Status

# not_met and insufficient first: they are what a reviewer must look at
STATUS_ORDER: tuple[Status, ...] = (
    Status.NOT_MET,
    Status.INSUFFICIENT_EVIDENCE,
    Status.MET,
    Status.NOT_APPLICABLE,
)
STATUS_LABELS: dict[str, str] = {
    "met": "Met",
    "not_met": "Not met",
    "insufficient_evidence": "Insufficient evidence",
    "not_applicable": "Not applicable",
}


def content_key(files: Iterable[tuple[str, bytes]], *options: str) -> str:
    """A cache key for a review: the files' names and content hashes plus the options."""
    h = hashlib.sha256()
    for name, data in sorted(files, key=lambda f: f[0]):
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    for option in options:
        h.update(b"\1" + option.encode("utf-8"))
    return h.hexdigest()


def findings_by_status(record: AuditRecord) -> list[tuple[Status, list[Finding]]]:
    """The findings grouped by status, not_met and insufficient first; empty groups left
    out; the pack's order kept inside a group."""
    groups: list[tuple[Status, list[Finding]]] = []
    for status in STATUS_ORDER:
        members = [f for f in record.findings if f.status == status]
        if members:
            groups.append((status, members))
    return groups


def status_counts(record: AuditRecord) -> dict[str, int]:
    """How many findings have each status (every status listed, in display order)."""
    return {s.value: sum(1 for f in record.findings if f.status == s) for s in STATUS_ORDER}


def effective_status(record: AuditRecord, rule_id: str) -> str | None:
    """The status the latest override gave ``rule_id``, if any."""
    status: str | None = None
    for action in record.reviewer_actions:
        if action.action == "override" and action.rule_id == rule_id and action.new_status:
            status = action.new_status.value
    return status


def weekly_threshold(record: AuditRecord) -> float | None:
    """The pack's minimum weekly hours, as the weekly-hours rule reported it."""
    for finding in record.findings:
        value = finding.values.get("min_weekly_hours")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence a reviewer can open: what it supports, and where it is."""

    label: str
    evidence: Evidence


def _fact_label(kind: str, fact: Mapping[str, Any]) -> str:
    parts = [kind.replace("_", " ")]
    for key in ("date", "session", "code", "kind", "value", "signed_by"):
        value = fact.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            parts.append(str(value))
            break
    return " · ".join(parts)


def evidence_items(record: AuditRecord) -> list[EvidenceItem]:
    """Every evidence span of the record: findings' first (not met and insufficient
    first), then each extracted fact's."""
    items: list[EvidenceItem] = []
    ordered = [f for _, group in findings_by_status(record) for f in group]
    for finding in ordered:
        for n, ev in enumerate(finding.evidence, start=1):
            items.append(EvidenceItem(f"finding {finding.rule_id} #{n}", ev))
    facts = record.facts.model_dump(mode="json")
    for kind, value in facts.items():
        entries = value if isinstance(value, list) else [value]
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            for n, raw in enumerate(entry.get("evidence") or [], start=1):
                label = f"fact {_fact_label(kind, entry)} #{n}"
                items.append(EvidenceItem(label, Evidence.model_validate(raw)))
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


def _md(text: str) -> str:
    """Text safe inside a Markdown paragraph or table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _quote_block(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in text.splitlines()] or [">"]


def summary_markdown(record: AuditRecord, *, filenames: Mapping[str, str] | None = None) -> str:
    """A Markdown summary of the review and the reviewer's actions."""
    names = dict(filenames or {})
    names.update({d.document_id: d.filename for d in record.documents})
    lines = [
        f"# Chart review: {record.policy.id} {record.policy.version}",
        "",
        f"- Overall: **{STATUS_LABELS.get(record.overall, record.overall)}**",
        f"- Review id: `{record.review_id}`, created {record.created_at.isoformat()}",
        f"- Extractor: {record.extractor.kind}"
        + (f" ({record.extractor.model})" if record.extractor.model else ""),
        f"- Documents read: {len(record.documents)}; could not be read: {len(record.input_errors)}",
        f"- record_sha256: `{record.record_sha256}`",
        f"- previous_record_sha256: `{record.previous_record_sha256 or 'none'}`",
        "",
        "| Status | Findings |",
        "|---|---|",
    ]
    counts = status_counts(record)
    lines += [f"| {STATUS_LABELS[s]} | {n} |" for s, n in counts.items()]
    if record.input_errors:
        lines += ["", "## Files that could not be read", ""]
        lines += [f"- {_md(e.filename)}: {_md(e.reason)}" for e in record.input_errors]
    if record.unread:
        lines += ["", "## Service records that could not be read", ""]
        lines += [
            f"- {_md(names.get(u.document_id, u.document_id[:12]))} p.{u.page}, "
            f"offsets {u.start}-{u.end}"
            + (f", dated {u.date.isoformat()}" if u.date else "")
            + f": {_md(u.why)}"
            for u in record.unread
        ]
    lines += ["", "## Findings"]
    for status, findings in findings_by_status(record):
        lines += ["", f"### {STATUS_LABELS[status.value]}"]
        for f in findings:
            overridden = effective_status(record, f.rule_id)
            suffix = f" (overridden to {overridden})" if overridden else ""
            lines += ["", f"#### {f.rule_id}{suffix}", "", _md(f.reason), ""]
            for ev in f.evidence:
                where = f"{names.get(ev.document_id, ev.document_id[:12])} p.{ev.page}"
                lines.append(f"- Evidence ({_md(where)}): “{_md(ev.quote)}”")
            for c in f.citations:
                lines.append(f"- Policy ({_md(c.source)}, {_md(c.section)}):")
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
        target = f" {a.rule_id}" if a.rule_id else ""
        change = f" → {a.new_status.value}" if a.new_status else ""
        lines.append(
            f"- {a.at.isoformat()} {_md(a.reviewer)}: **{a.action}**{target}{change}"
            + (f" — {_md(a.reason)}" if a.reason else "")
        )
    return "\n".join(lines) + "\n"


def page_text(pages: Mapping[str, Sequence[str]], evidence: Evidence) -> str | None:
    """The text of the page ``evidence`` points into, if that document is loaded."""
    doc = pages.get(evidence.document_id)
    if doc is None or not 1 <= evidence.page <= len(doc):
        return None
    return doc[evidence.page - 1]
