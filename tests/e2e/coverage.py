"""The coverage check shared by the per-pack chart-text status tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from core.findings import Status
from rules.pack import load_pack


def assert_cases_cover(
    pack: str,
    statuses: Mapping[str, frozenset[Status]],
    cases: Iterable[tuple[str, Status]],
    ids: Iterable[str],
) -> None:
    """Every status each rule of ``pack`` can produce (``statuses``, keyed by the rule id
    without the pack prefix) has a passing chart-text case, no case claims a status the
    rule cannot produce, and case ids are unique. ``cases`` are (rule, status) pairs."""
    pack_rules = {r.id.removeprefix(f"{pack}.") for r in load_pack(pack).rules}
    assert set(statuses) == pack_rules
    covered = set(cases)
    wanted = {(rule, s) for rule, allowed in statuses.items() for s in allowed}
    assert wanted - covered == set(), "statuses without a passing case"
    assert covered - wanted == set(), "cases of statuses RULES.md does not allow"
    id_list = list(ids)
    assert len(id_list) == len(set(id_list)), "case ids repeat"
