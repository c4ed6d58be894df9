"""The case store's errors: part of chartreview's one exception tree (core/errors.py).

Messages say what to do and never hold a file name, a member's name or chart text.
"""

from __future__ import annotations

from core.errors import ChartReviewError


class CaseStoreError(ChartReviewError):
    """The case store cannot do what was asked (database unreachable, unknown case, a
    stored document that no longer matches its hash, an action that is not valid)."""


class CaseNotFoundError(CaseStoreError):
    """No case with that id."""


class StaleCaseError(CaseStoreError):
    """The case changed after the reviewer loaded it (a newer record, or another reviewer's
    action): the action was not saved. Reload the case and act again."""
