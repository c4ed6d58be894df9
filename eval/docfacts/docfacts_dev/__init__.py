"""Document-fact phrasing families of the ``dev`` split (``docfacts_dev``).

Written without reading the extractor (``extract/``, ``ingest/``, ``pipeline/``,
``prompts/``, ``rules/checks``), its tests or its tuned charts: only the harness interface
(``eval/docfacts/model.py``, ``families.py``), the fact enums (``core/facts.py``), the rule
catalogue (``shared/spec/RULES.md``), the payer policies and the policy packs were read. The
gold of every document is what its written words support under RULES.md.

Six families, each one EHR vendor's or one writer's way of charting: ``_kit`` holds their
shared helpers (names, dates, a minimal text-PDF writer).
"""
