"""A readable terminal summary of an audit record (no chart text beyond short quotes)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from audit.record import AuditRecord, shown
from core.findings import Status

_STYLE = {
    Status.MET: "green",
    Status.NOT_MET: "bold red",
    Status.INSUFFICIENT_EVIDENCE: "yellow",
    Status.NOT_APPLICABLE: "dim",
}
_OVERALL_WORDS = {
    "met": "the chart documents every requirement checked",
    "not_met": "at least one requirement is not met (a person decides what follows)",
    "insufficient_evidence": "some requirements could not be decided from the chart",
}


def print_summary(record: AuditRecord, console: Console) -> None:
    style = _STYLE[Status(record.overall)]
    overall_words = _OVERALL_WORDS[record.overall]
    unread = [e for e in record.input_errors if not e.reason.startswith("same content as")]
    if unread and record.overall == "insufficient_evidence":
        files = ", ".join(shown(e.filename) for e in unread[:3])
        files += f" and {len(unread) - 3} more" if len(unread) > 3 else ""
        if all(f.status != Status.INSUFFICIENT_EVIDENCE for f in record.findings):
            overall_words = (
                "every requirement checked was decided, but what these files hold is "
                f"unknown: {files} could not be read"
            )
        else:
            overall_words += f", and {len(unread)} file(s) could not be read: {files}"
    console.print(
        Text.assemble(
            ("Overall: ", "bold"),
            (record.overall, style),
            f" — {overall_words}.",
        )
    )
    console.print(
        f"Policy {record.policy.id} {record.policy.version}; {len(record.documents)} documents "
        f"read, {len(record.input_errors)} unreadable; extractor {record.extractor.kind}."
    )
    for err in record.input_errors:
        reason = f"{shown(err.filename)}: {shown(err.reason)}"
        console.print(Text.assemble(("  unreadable: ", "red"), reason))
    for doc in record.documents:
        if doc.pages_without_text:
            pages = ", ".join(map(str, doc.pages_without_text))
            console.print(
                Text.assemble(
                    ("  no text layer: ", "yellow"),
                    f"{shown(doc.filename)} page(s) {pages} (scanned image; nothing on it was "
                    "read)",
                )
            )
    if record.extractor.kind != "deterministic":
        u = record.usage
        cost = f", cost {u.cost:.4f}" if u.cost is not None else ""
        console.print(
            f"  LLM {record.extractor.model} (prompt {record.extractor.prompt_version}): "
            f"{u.llm_calls} calls, {u.cached_calls} answered from cache, "
            f"{u.prompt_tokens} prompt + {u.completion_tokens} completion tokens{cost}."
        )
    failed = [u for u in record.ungrounded if u.why.startswith("llm extraction failed")]
    if failed:
        console.print(
            Text.assemble(
                ("  LLM extraction failed ", "red"),
                f"for {len(failed)} document(s); their narrative criteria are left "
                "undecided (see ungrounded[]).",
            )
        )
    if record.unread:
        by_doc: dict[str, int] = {}
        names = {d.document_id: shown(d.filename) for d in record.documents}
        for rec in record.unread:
            name = names.get(rec.document_id, rec.document_id[:12])
            by_doc[name] = by_doc.get(name, 0) + 1
        where = ", ".join(f"{n} in {f}" for f, n in sorted(by_doc.items()))
        console.print(
            Text.assemble(
                ("  unread service records: ", "yellow"),
                f"{len(record.unread)} ({where}); the rules they could change say "
                "insufficient_evidence (see unread[] in the record).",
            )
        )
    if record.ungrounded:
        console.print(
            f"  {len(record.ungrounded)} proposed facts could not be found in the text "
            "and were not used (see ungrounded[] in the record)."
        )

    table = Table(title="Findings", show_lines=False, expand=False)
    table.add_column("Rule")
    table.add_column("Status")
    table.add_column("Reason", overflow="fold")
    order = [Status.NOT_MET, Status.INSUFFICIENT_EVIDENCE, Status.MET, Status.NOT_APPLICABLE]
    for f in sorted(record.findings, key=lambda f: order.index(f.status)):
        # the reason may name files: printed as text (no markup), control characters escaped
        table.add_row(f.rule_id, Text(f.status.value, _STYLE[f.status]), Text(shown(f.reason)))
    console.print(table)

    if record.weekly_summary:
        weeks = Table(title="Counted services by program week")
        for col in ("Week", "Dates", "Complete", "Hours", "Services", "Unknown length", "Days"):
            weeks.add_column(col, justify="right" if col not in ("Dates",) else "left")
        for w in record.weekly_summary:
            weeks.add_row(
                str(w.week),
                f"{w.start.isoformat()} to {w.end.isoformat()}",
                "yes" if w.complete else "partial",
                f"{w.counted_hours:g}",
                str(w.counted_services),
                str(w.unknown_length_services),
                str(w.service_days),
            )
        console.print(weeks)
    console.print(
        "This is a recommendation with its evidence; a person records the decision.",
        style="dim",
    )
