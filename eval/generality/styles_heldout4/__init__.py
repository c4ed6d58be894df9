"""Fourth held-out group of export-style families (``h4-*``).

Written without reading the extractor (``extract/``, ``ingest/``, ``pipeline/``, ...) or
any other style group: only the harness interface (``eval/generality/model.py``,
``scenario.py``, ``gold.py``, ``families.py``), ``core/facts.py`` and RULES.md were read.
These families are scored only; they are never used to tune the extractor.
"""
