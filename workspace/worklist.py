"""The worklist page's rows: the case store's worklist in plain words, filtered by member.

Every column is readable without sideways scrolling in the workspace's main area at
1440 px (928 px beside the sidebar, 892 px after the row-select column): short headers
(their help says the rest), short status words and a short timestamp, no actions count
(the case page lists the actions); :data:`COLUMNS` gives each column's width.

The finding counts are the ones the case page shows: the reviewer's status where a finding
was accepted or overridden, else the tool's (``WorklistRow.reviewer_counts``). A UR nurse
reads the worklist to find what is left to do, and a finding a reviewer overrode to Met is
no longer a Not met to work on; counts that disagreed with the case page and the Outcome
column beside them would read as an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from casestore import WorklistRow
from workspace.plain import moment, pack_short_title, status_label

CASE_STATUS_LABELS: dict[str, str] = {
    "new": "New",
    "in_review": "In review",
    "decided": "Decided",
}
# the worklist's narrow columns: "Insufficient evidence" and "Not applicable" shortened
SHORT_STATUS_LABELS: dict[str, str] = {
    "met": "Met",
    "not_met": "Not met",
    "insufficient_evidence": "Insufficient",
    "not_applicable": "N/A",
}
COUNTS_COLUMN = "Not met/Insuff./Met/N/A"
SORTS: dict[str, str] = {
    "last_change": "Last change",
    "member": "Member (surname)",
    "status": "Status",
    "pack": "Pack",
    "overall": "Tool's recommendation",
    "reviewer_overall": "Reviewer's outcome",
}
TIME_FORMAT = "MM/DD/YY HH:mm"  # the table's date-time format (Moment.js tokens)


@dataclass(frozen=True)
class Column:
    """One worklist column: its header, width in pixels, what it holds and its help."""

    name: str
    width: int
    kind: Literal["text", "number", "datetime"]
    help: str


COLUMNS: tuple[Column, ...] = (
    Column("Member", 158, "text", "The member's name as the chart labels it"),
    Column("Pack", 118, "text", "The policy pack the chart was reviewed against"),
    Column("Status", 78, "text", "New, In review (a reviewer acted) or Decided"),
    Column("Tool", 84, "text", "The tool's overall recommendation"),
    Column(
        "Outcome",
        92,
        "text",
        "The reviewer's outcome: the recorded decision, else what the findings give as "
        "reviewed; — until a reviewer accepts, overrides or decides",
    ),
    Column(
        COUNTS_COLUMN,
        160,
        "text",
        "How many findings are Not met / Insufficient evidence / Met / Not applicable, as "
        "the case page counts them: the reviewer's status where a finding was accepted or "
        "overridden, else the tool's",
    ),
    Column("Reviewer", 86, "text", "Who acted on the case last"),
    Column("Changed (UTC)", 112, "datetime", "When the case last changed (UTC)"),
)


@dataclass(frozen=True)
class WorklistLine:
    case_id: str
    member: str
    born: str
    pack: str
    status: str
    overall: str
    reviewer_overall: str  # "" while no reviewer accepted, overrode or decided
    met: int  # the counts as the case page shows them (see the module's docstring)
    not_met: int
    insufficient: int
    not_applicable: int
    counts_reviewed: bool  # the counts hold a reviewer's accepts or overrides
    actions: int
    reviewer: str
    last_change: str
    changed_at: dt.datetime

    def as_row(self) -> dict[str, str | int | dt.datetime]:
        """The table's row, keyed by the :data:`COLUMNS`' names."""
        return {
            "Member": self.member,
            "Pack": self.pack,
            "Status": self.status,
            "Tool": self.overall,
            "Outcome": self.reviewer_overall or "—",
            COUNTS_COLUMN: (
                f"{self.not_met} / {self.insufficient} / {self.met} / {self.not_applicable}"
            ),
            "Reviewer": self.reviewer,
            "Changed (UTC)": self.changed_at,
        }

    @property
    def choice(self) -> str:
        """How the case is named in the "open a case" list."""
        outcome = f" · reviewer: {self.reviewer_overall}" if self.reviewer_overall else ""
        return f"{self.member} · {self.pack} · {self.status}{outcome} · {self.last_change}"


def short_status(status: str) -> str:
    return SHORT_STATUS_LABELS.get(status, status_label(status))


def worklist_lines(rows: Sequence[WorklistRow], *, member: str = "") -> list[WorklistLine]:
    """``rows`` in plain words, only those whose member contains ``member`` (any case)."""
    wanted = " ".join(member.split()).casefold()
    lines: list[WorklistLine] = []
    for row in rows:
        if wanted and wanted not in " ".join(row.member.split()).casefold():
            continue
        c = row.reviewer_counts or row.counts
        lines.append(
            WorklistLine(
                case_id=row.case_id,
                member=row.member,
                born=row.member_dob.strftime("%m/%d/%Y") if row.member_dob else "",
                pack=pack_short_title(row.pack_id),
                status=CASE_STATUS_LABELS.get(row.status, row.status),
                overall=short_status(row.overall),
                reviewer_overall=short_status(row.reviewer_overall) if row.reviewer_overall else "",
                met=c.met,
                not_met=c.not_met,
                insufficient=c.insufficient_evidence,
                not_applicable=c.not_applicable,
                counts_reviewed=row.reviewer_counts is not None,
                actions=row.actions,
                reviewer=row.last_reviewer or "",
                last_change=moment(row.last_change),
                changed_at=row.last_change,
            )
        )
    return lines
