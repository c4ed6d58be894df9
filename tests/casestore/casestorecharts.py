"""Records of the example charts for the case store tests (made by the real pipeline)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from audit.record import AuditRecord
from pipeline.review import review_paths

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Records:
    gaps: AuditRecord  # medicare-iop, not met
    gaps_again: AuditRecord  # the same chart reviewed again, chained to ``gaps``
    complete: AuditRecord  # medicare-iop, met
    adolescent: AuditRecord  # optum-idaho-iop


def make_records() -> Records:
    gaps = review_paths([EXAMPLES / "medicare-iop-gaps"])
    return Records(
        gaps=gaps,
        gaps_again=review_paths([EXAMPLES / "medicare-iop-gaps"], previous=gaps),
        complete=review_paths([EXAMPLES / "medicare-iop-complete"]),
        adolescent=review_paths(
            [EXAMPLES / "optum-idaho-iop-adolescent"], policy="optum-idaho-iop"
        ),
    )
