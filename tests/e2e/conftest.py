"""Reviews of the example charts, run once per test session and shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.record import AuditRecord
from pipeline.review import review_paths

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHARTS = sorted(p.name.removesuffix(".expected.yaml") for p in EXAMPLES.glob("*.expected.yaml"))


@pytest.fixture(scope="session")
def reviews() -> dict[str, AuditRecord]:
    return {name: review_paths([EXAMPLES / name], policy="medicare-iop") for name in CHARTS}
