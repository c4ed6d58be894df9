"""Small chart folders for the batch tests, from the end-to-end mini charts
(``tests/e2e/minichart.py``: fictional text charts on which every rule is met)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.minichart import MiniChart, baseline, otp_baseline

MEDICARE_FACE_SHEET = "00_face_sheet.txt"
IDAHO_FACE_SHEET = "00_idaho_face_sheet.txt"

# Fields of a record that differ between two reviews of the same chart with the same
# settings: review_id is a fresh UUID and created_at the time of the review (AUDIT.md),
# and record_sha256 hashes both. Everything else must be equal.
VOLATILE = ("review_id", "created_at", "record_sha256")


def face_sheet(payer: str) -> str:
    return (
        "RIVERSIDE BEHAVIORAL HEALTH - ADULT IOP\n"
        "FACE SHEET\n"
        "Patient: Marisol T. Okonkwo\n"
        f"Primary payer: {payer}\n"
        "Program: Intensive Outpatient Program\n"
    )


def medicare_chart() -> MiniChart:
    return baseline().add(MEDICARE_FACE_SHEET, face_sheet("Medicare Part B (MBI on file)"))


def otp_medicare_chart() -> MiniChart:
    return otp_baseline().add(MEDICARE_FACE_SHEET, face_sheet("Medicare Part B"))


def write_root(root: Path, count: int, *, payer: bool = True) -> list[str]:
    """``count`` chart folders under ``root`` (every third an OTP chart), named
    ``chart-01``...; returns their ids."""
    ids = []
    for n in range(1, count + 1):
        chart = (otp_medicare_chart() if n % 3 == 0 else medicare_chart()) if payer else baseline()
        chart_id = f"chart-{n:02d}"
        chart.write(root / chart_id)
        ids.append(chart_id)
    return ids


def stable(record_path: Path) -> dict[str, Any]:
    """A record without the fields that differ between two identical reviews."""
    data: dict[str, Any] = json.loads(record_path.read_text(encoding="utf-8"))
    for key in VOLATILE:
        data.pop(key)
    return data
