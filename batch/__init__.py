"""Batch review: many charts in one command (``chartreview batch``).

One chart per sub-folder of a root folder, or per chart id of a manifest CSV
(:mod:`batch.charts`); worker processes that build the extractor once
(:mod:`batch.worker`); one sealed record per chart, a resume state beside it, and
``summary.csv`` / ``summary.json`` at the top of the output folder (:mod:`batch.run`,
:mod:`batch.summary`). ``--policy auto`` chooses the pack from the documents' text and
records why (:mod:`batch.choose`).

Logs and the progress line name charts by their place in the batch (``chart #12``), never
by folder or file name: those often carry the member's name (PHI).
"""
