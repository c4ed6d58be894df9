"""One exception tree for chartreview.

Every error a user can meet derives from :class:`ChartReviewError`; its message says what
went wrong and what to do about it. Library code raises these with ``raise ... from e`` so
the original cause is kept for debugging. Messages never contain chart text.
"""

from __future__ import annotations


class ChartReviewError(Exception):
    """Base class of every error chartreview raises on purpose."""


class InputFileError(ChartReviewError):
    """A chart file could not be read (encrypted, corrupt, empty, too large, undecodable).

    The pipeline records it under ``input_errors[]`` and reviews the other files.
    """

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason


class UsageError(ChartReviewError):
    """The caller asked for something that cannot be done (bad path, unknown pack, ...)."""


class PolicyPackError(ChartReviewError):
    """A policy pack file is invalid: unknown keys, bad values, or a citation that is not
    verbatim in the policy text. Raised at load time, never during a review."""


class RecordError(ChartReviewError):
    """An audit record could not be read, or failed verification."""


class ExtractionError(ChartReviewError):
    """An extractor failed on a document in a way that it could not recover from."""


class EvalError(ChartReviewError):
    """The eval set is invalid (a gold file that does not load, a quote not found in its
    document, a weekly summary that does not add up) or an eval threshold was missed."""
