"""Deterministic (offline) extractor."""
