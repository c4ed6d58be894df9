"""The reviewer workspace's logic, kept out of the Streamlit UI (``app.py``) so it is tested.

Reviewer actions append to a record and reseal it: each new version carries the previous
version's ``record_sha256`` in ``previous_record_sha256`` (AUDIT.md), and earlier actions
are never rewritten.
"""

from workspace.actions import ActionError, append_action, parse_record
from workspace.view import (
    STATUS_ORDER,
    content_key,
    effective_status,
    evidence_items,
    findings_by_status,
    highlight_html,
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
    "effective_status",
    "evidence_items",
    "findings_by_status",
    "highlight_html",
    "page_text",
    "parse_record",
    "status_counts",
    "summary_markdown",
    "weekly_threshold",
]
