"""Seventh group of development export style families: the second held-out group
(``styles_heldout2``), written without reading the extractor or the other style groups,
looked at once in session 5 and therefore made a development group in session 7 (tuned
on, gated by its own thresholds); ``styles_heldout4`` replaced it as held-out.

Each module defines ``FAMILY``; ``_kit`` holds this group's own helpers.
"""
