"""Held-out document-fact phrasing families.

Written without reading the extractor (``extract/``, ``ingest/``, ``pipeline/``,
``prompts/``, ``rules/checks``) or the development families. These families are scored
only: they measure the tool on wording it has never seen and must never be tuned on.
"""
