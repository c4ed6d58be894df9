"""Eleventh group of development export style families, written by an author who read
neither the extractor nor its rules (session 18): a practice-management charge posting
journal with batches posted days after the service and other patients' lines, an EHR
visit-history CSV with its columns in an unusual order and multi-line quoted comments,
weekly group sign-in sheets with weekday columns and per-member totals (PDF), an mbox of
weekly attendance e-mails to a payer's care manager with quoted replies, an activity
outline structured by indentation alone with dates only in day headings and durations
with a prime, and a discharge summary whose attendance record lists every service attended
with its hours in running prose (text or PDF).

Each module defines ``FAMILY``; ``_kit`` holds this group's own helpers. Not registered
in ``eval.generality.families.PACKAGES`` by its author: the lead registers it.
"""
