"""The registry of check functions a policy pack may name in a rule's ``check`` key.

Each module of this package registers its checks on a :class:`~rules.checks.base.CheckSet`;
this module merges them. Check names are ``<module>.<check>``, e.g.
``medicare_iop.weekly_hours``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from rules.checks import medicare_iop, medicare_otp_iop, optum_idaho_iop
from rules.checks.base import CheckSet, RegisteredCheck


def _merge(*sets: CheckSet) -> Mapping[str, RegisteredCheck[Any]]:
    merged: dict[str, RegisteredCheck[Any]] = {}
    for check_set in sets:
        for name, check in check_set.checks.items():
            if name in merged:
                raise ValueError(f"check {name} is registered by two modules")
            merged[name] = check
    return MappingProxyType(merged)


CHECKS: Mapping[str, RegisteredCheck[Any]] = _merge(
    medicare_iop.CHECK_SET, medicare_otp_iop.CHECK_SET, optum_idaho_iop.CHECK_SET
)

__all__ = ["CHECKS"]
