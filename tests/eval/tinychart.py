"""A tiny planted chart and its gold, for the eval's unit tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from eval.gold import allowed_statuses, gold_path

RULES = [r for r in allowed_statuses() if r.startswith("medicare-iop.")]
NOTE = """IOP GROUP NOTE
Admit Date: 03/03/2025
DOS: 03/03/2025
Time: 9:00 AM - 12:00 PM
Dx: F33.1
"""


def good_gold() -> dict[str, Any]:
    return {
        "chart": "mi-90-tiny",
        "policy": "medicare-iop",
        "description": "one group note",
        "conventions": ["labeled"],
        "admission_date": "2025-03-03",
        "episode_end": "2025-03-10",
        "sessions": [
            {
                "date": "2025-03-03",
                "kind": "group_psychotherapy",
                "attendance": "attended",
                "counted": True,
                "minutes": 180,
                "at": [{"document": "01_note.txt", "quote": "9:00 AM - 12:00 PM"}],
            }
        ],
        "weeks": [
            {
                "week": 1,
                "start": "2025-03-03",
                "end": "2025-03-09",
                "complete": True,
                "counted_hours": 3.0,
                "counted_services": 1,
                "unknown_length_services": 0,
                "service_days": 1,
            },
            {
                "week": 2,
                "start": "2025-03-10",
                "end": "2025-03-16",
                "complete": False,
                "counted_hours": 0,
                "counted_services": 0,
                "unknown_length_services": 0,
                "service_days": 0,
            },
        ],
        "facts": [
            {
                "field": "diagnosis",
                "value": "F33.1",
                "at": [{"document": "01_note.txt", "quote": "F33.1"}],
            },
            {
                "field": "admission_date",
                "value": "2025-03-03",
                "at": [{"document": "01_note.txt", "quote": "Admit Date: 03/03/2025"}],
            },
        ],
        "rules": {r: {"status": "met", "why": "x"} for r in RULES}
        | {"medicare-iop.weekly-hours": {"status": "not_met", "why": "3 hours in week 1"}},
        "overall": "not_met",
    }


def write(tmp_path: Path, gold: dict[str, Any]) -> Path:
    chart = tmp_path / gold["chart"]
    chart.mkdir(exist_ok=True)
    (chart / "01_note.txt").write_text(NOTE, encoding="utf-8")
    gold_path(gold["chart"], tmp_path).write_text(yaml.safe_dump(gold), encoding="utf-8")
    return tmp_path
