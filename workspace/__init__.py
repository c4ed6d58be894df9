"""The reviewer workspace's logic, kept out of the Streamlit UI (``app.py``) so it is tested.

A reviewed chart is a case in the case store (``workspace.cases``); reviewer actions are
saved through it at once and the record a reviewer exports is the case's latest record
with those actions and the reviewer's outcome, chained to it and sealed (AUDIT.md).
"""

from workspace.actions import ActionError, append_action, parse_record
from workspace.view import (
    STATUS_ORDER,
    content_key,
    effective_overall,
    effective_status,
    evidence_items,
    finding_outcome,
    findings_by_status,
    highlight_html,
    outcome,
    page_text,
    status_counts,
    summary_markdown,
    weekly_threshold,
)

__all__ = [
    "STATUS_ORDER",
    "ActionError",
    "append_action",
    "content_key",
    "effective_overall",
    "effective_status",
    "evidence_items",
    "finding_outcome",
    "findings_by_status",
    "highlight_html",
    "outcome",
    "page_text",
    "parse_record",
    "status_counts",
    "summary_markdown",
    "weekly_threshold",
]
