"""Ingest: chart files in, :class:`~core.data.Document` objects (or input errors) out."""

from ingest.classify import ClassifierConfigError, classify
from ingest.loader import DEFAULT_MAX_BYTES, MEDIA_TYPES, IngestResult, load_chart

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MEDIA_TYPES",
    "ClassifierConfigError",
    "IngestResult",
    "classify",
    "load_chart",
]
