"""Charts whose service records are written in a style the reader does not know: the
weekly rule says insufficient_evidence and names what it could not read (RULES.md "Unknown
kind, unread records"), never a guessed met or not_met."""

from __future__ import annotations

from pathlib import Path

from core.findings import Status
from ingest.loader import load_chart
from pipeline.review import review_paths
from tests.e2e.minichart import baseline, week_notes

PACK = "medicare-iop"

# Week 2's sessions, told in one summary sentence that no record reads
SUMMARY = """WEEKLY SUMMARY - WEEK 2
Member: Marisol T. Okonkwo
Process groups were held on 06/09/2025 (0900-1200), 06/11/2025 (0900-1200) and
06/12/2025 (0900-1200); individual psychotherapy on 06/10/2025 (1300-1400).
"""

# Week 2's sessions in a log whose services are internal codes the vocabulary does not know
CODED_LOG = """Encounter export - wk 2
| Date | Time | Svc | Status |
|---|---|---|---|
| 06/09/2025 | 0900-1200 | GRP-2A | K |
| 06/10/2025 | 1300-1400 | IND-1 | K |
| 06/11/2025 | 0900-1200 | GRP-2A | K |
| 06/12/2025 | 0900-1200 | GRP-2A | K |
"""


def _finding(record, rule: str):  # type: ignore[no-untyped-def]
    return next(f for f in record.findings if f.rule_id == f"{PACK}.{rule}")


def test_unread_service_records_make_the_short_week_undecided_and_are_named(
    tmp_path: Path,
) -> None:
    chart = baseline().drop(*week_notes(2)).add("20_week2_summary.txt", SUMMARY)
    folder = chart.write(tmp_path / "chart")
    record = review_paths([folder], policy=PACK)
    weekly = _finding(record, "weekly-hours")
    assert weekly.status is Status.INSUFFICIENT_EVIDENCE  # not the 0 hours it read
    assert "unread service record" in weekly.reason
    assert "20_week2_summary.txt page 1" in weekly.reason
    assert len(record.unread) == 2  # the two lines that hold dates and times
    page = {d.filename: d for d in load_chart([folder]).documents}["20_week2_summary.txt"]
    text = page.pages[0].text
    assert [text[u.start : u.end] for u in record.unread] == SUMMARY.splitlines()[2:4]
    assert [u.date.isoformat() if u.date else None for u in record.unread] == [
        "2025-06-09",
        "2025-06-12",
    ]
    assert record.overall == "insufficient_evidence"


def test_sessions_of_an_unknown_kind_make_the_short_week_undecided(tmp_path: Path) -> None:
    chart = baseline().drop(*week_notes(2)).add("21_encounters.md", CODED_LOG)
    record = review_paths([chart.write(tmp_path / "chart")], policy=PACK)
    weekly = _finding(record, "weekly-hours")
    assert weekly.status is Status.INSUFFICIENT_EVIDENCE
    assert "session of unknown kind" in weekly.reason
    assert record.unread == []  # read, but of a kind no vocabulary names
    unknown = [s for s in record.facts.sessions if s.service_kind.value == "unknown"]
    assert [s.date.isoformat() for s in unknown] == [
        "2025-06-09",
        "2025-06-10",
        "2025-06-11",
        "2025-06-12",
    ]


def test_a_read_week_is_still_judged(tmp_path: Path) -> None:
    record = review_paths([baseline().write(tmp_path / "chart")], policy=PACK)
    assert _finding(record, "weekly-hours").status is Status.MET
    assert record.unread == []
