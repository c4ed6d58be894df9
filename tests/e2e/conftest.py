"""Reviews of the example charts, run once per test session and shared."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.record import AuditRecord
from pipeline.review import review_paths

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHARTS = sorted(p.name.removesuffix(".expected.yaml") for p in EXAMPLES.glob("*.expected.yaml"))


def policy_of(chart: str) -> str:
    """The policy pack an example is reviewed with: its oracle's ``policy:`` field."""
    data = yaml.safe_load((EXAMPLES / f"{chart}.expected.yaml").read_text("utf-8"))
    policy: str = data["policy"]
    return policy


@pytest.fixture(scope="session")
def reviews() -> dict[str, AuditRecord]:
    return {name: review_paths([EXAMPLES / name], policy=policy_of(name)) for name in CHARTS}
