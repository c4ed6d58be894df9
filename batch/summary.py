"""The batch summary: one row per chart, as ``summary.csv`` and ``summary.json``.

A row says what became of a chart: ``reviewed`` (a sealed record in ``records/``) or
``failed`` (no record; ``error`` says why and what to do). For a reviewed chart it gives
the pack and why it was chosen, the overall result, how many findings have each status,
the rules not met and those without sufficient evidence, and how much could not be read
(unread service records, ungrounded facts, unreadable files). ``from_earlier_run`` marks a
chart that ``--resume`` found unchanged and did not review again.

Both files hold chart ids (often member names or numbers) and are written like records:
atomically, readable only by their owner.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from audit.record import AuditRecord
from core.files import write_private
from core.findings import Status

SUMMARY_VERSION = "1"


class SummaryRow(BaseModel):
    """One chart of a batch."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    index: int
    chart: str
    status: Literal["reviewed", "failed"]
    from_earlier_run: bool = False
    policy_asked: str
    pack: str | None = None
    pack_reason: str | None = None
    overall: str | None = None
    met: int = 0
    not_met: int = 0
    insufficient_evidence: int = 0
    not_applicable: int = 0
    rules_not_met: list[str] = []
    rules_insufficient: list[str] = []
    documents: int = 0
    input_errors: int = 0
    unread_records: int = 0
    narrative_unread_documents: int = 0
    ungrounded: int = 0
    record: str | None = None
    record_sha256: str | None = None
    error: str | None = None
    seconds: float = 0.0


CSV_COLUMNS = tuple(SummaryRow.model_fields)


def reviewed_row(
    *,
    index: int,
    chart: str,
    policy_asked: str,
    pack_reason: str | None,
    record: AuditRecord,
    record_path: str,
    seconds: float,
) -> SummaryRow:
    statuses = [Status(f.status) for f in record.findings]
    return SummaryRow(
        index=index,
        chart=chart,
        status="reviewed",
        policy_asked=policy_asked,
        pack=record.policy.id,
        pack_reason=pack_reason,
        overall=record.overall,
        met=statuses.count(Status.MET),
        not_met=statuses.count(Status.NOT_MET),
        insufficient_evidence=statuses.count(Status.INSUFFICIENT_EVIDENCE),
        not_applicable=statuses.count(Status.NOT_APPLICABLE),
        rules_not_met=[f.rule_id for f in record.findings if f.status == Status.NOT_MET],
        rules_insufficient=[
            f.rule_id for f in record.findings if f.status == Status.INSUFFICIENT_EVIDENCE
        ],
        documents=len(record.documents),
        input_errors=len(record.input_errors),
        unread_records=len(record.unread),
        narrative_unread_documents=len(
            {u.document_id for u in record.ungrounded if u.why.startswith("llm extraction failed")}
        ),
        ungrounded=len(record.ungrounded),
        record=record_path,
        record_sha256=record.record_sha256,
        seconds=round(seconds, 3),
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (ids and reasons are data)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(rows: Sequence[SummaryRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        data = row.model_dump()
        writer.writerow([_csv_safe(_cell(data[column])) for column in CSV_COLUMNS])
    return buffer.getvalue()


def totals(rows: Sequence[SummaryRow], selected: int) -> dict[str, int]:
    reviewed = [r for r in rows if r.status == "reviewed"]
    out = {
        "charts": selected,
        "finished": len(rows),
        "not_finished": selected - len(rows),
        "reviewed": len(reviewed),
        "from_earlier_run": sum(r.from_earlier_run for r in rows),
        "failed": len(rows) - len(reviewed),
    }
    for overall in ("met", "not_met", "insufficient_evidence"):
        out[f"overall_{overall}"] = sum(r.overall == overall for r in reviewed)
    return out


def write_summary(
    folder: Path,
    stem: str,
    rows: Sequence[SummaryRow],
    *,
    selected: int,
    complete: bool,
    settings: dict[str, Any],
    run: dict[str, Any],
) -> tuple[Path, Path]:
    """Write ``<stem>.csv`` and ``<stem>.json`` in ``folder`` for ``rows`` (by chart
    number); ``complete`` is False when the batch stopped before every chart finished."""
    ordered = sorted(rows, key=lambda r: r.index)
    payload = {
        "summary_version": SUMMARY_VERSION,
        "complete": complete,
        "settings": settings,
        "totals": totals(ordered, selected),
        "run": run,
        "charts": [r.model_dump(mode="json") for r in ordered],
    }
    csv_path = folder / f"{stem}.csv"
    json_path = folder / f"{stem}.json"
    write_private(csv_path, to_csv(ordered).encode("utf-8"))
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    write_private(json_path, text.encode("utf-8"))
    return csv_path, json_path
