"""Document-fact phrasing families of a second ``dev`` group (``docfacts_dev2``).

Written without reading the extractor (``extract/``, ``rules/``, ``prompts/``), its tests,
``eval/oracle.py`` or any held-out family: only the harness (``eval/docfacts/model.py``,
``families.py``, ``score.py``), the first dev group's families (to write differently from
them), ``shared/spec/RULES.md`` and the payer policies were read. The gold of every
document is what its written words support under RULES.md.

Three families, each another vendor's or payer's way of charting: a myAvatar-like form
report export (question / response pairs), a faxed payer packet as OCR text with check
boxes and two-digit years, and a small-practice EHR (Kipu / TherapyNotes / Credible-like)
with e-signature stamps. They reuse the first group's helpers
(``eval.docfacts.docfacts_dev._kit``).
"""
