"""The worklist page's rows: the case store's worklist in plain words, filtered by member."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from casestore import WorklistRow
from workspace.plain import pack_short_title, status_label

CASE_STATUS_LABELS: dict[str, str] = {
    "new": "New",
    "in_review": "In review",
    "decided": "Decided",
}
COUNTS_COLUMN = "Not met / Insufficient / Met / N/A"
SORTS: dict[str, str] = {
    "last_change": "Last change",
    "member": "Member",
    "status": "Status",
    "pack": "Pack",
    "overall": "Tool's overall",
    "reviewer_overall": "Reviewer's outcome",
}


@dataclass(frozen=True)
class WorklistLine:
    case_id: str
    member: str
    born: str
    pack: str
    status: str
    overall: str
    reviewer_overall: str  # "" while no reviewer accepted, overrode or decided
    met: int
    not_met: int
    insufficient: int
    not_applicable: int
    actions: int
    reviewer: str
    last_change: str

    def as_row(self) -> dict[str, str | int]:
        return {
            "Member": self.member,
            "Pack": self.pack,
            "Status": self.status,
            "Tool's overall": self.overall,
            "Reviewer's outcome": self.reviewer_overall or "—",
            COUNTS_COLUMN: (
                f"{self.not_met} / {self.insufficient} / {self.met} / {self.not_applicable}"
            ),
            "Actions": self.actions,
            "Reviewer": self.reviewer,
            "Last change (UTC)": self.last_change,
        }

    @property
    def choice(self) -> str:
        """How the case is named in the "open a case" list."""
        outcome = f" · reviewer: {self.reviewer_overall}" if self.reviewer_overall else ""
        return f"{self.member} · {self.pack} · {self.status}{outcome} · {self.last_change}"


def worklist_lines(rows: Sequence[WorklistRow], *, member: str = "") -> list[WorklistLine]:
    """``rows`` in plain words, only those whose member contains ``member`` (any case)."""
    wanted = " ".join(member.split()).casefold()
    lines: list[WorklistLine] = []
    for row in rows:
        if wanted and wanted not in " ".join(row.member.split()).casefold():
            continue
        c = row.counts
        lines.append(
            WorklistLine(
                case_id=row.case_id,
                member=row.member,
                born=row.member_dob.strftime("%m/%d/%Y") if row.member_dob else "",
                pack=pack_short_title(row.pack_id),
                status=CASE_STATUS_LABELS.get(row.status, row.status),
                overall=status_label(row.overall),
                reviewer_overall=status_label(row.reviewer_overall) if row.reviewer_overall else "",
                met=c.met,
                not_met=c.not_met,
                insufficient=c.insufficient_evidence,
                not_applicable=c.not_applicable,
                actions=row.actions,
                reviewer=row.last_reviewer or "",
                last_change=row.last_change.strftime("%Y-%m-%d %H:%M"),
            )
        )
    return lines
