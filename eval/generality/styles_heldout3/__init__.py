"""Third group of held-out export style families (scored only, never tuned on).

Written without reading the extractor or the other style groups.

Each module defines ``FAMILY``; ``_kit`` holds this group's own helpers (time and date
formats, staff names, note wording, and a ledger of what each renderer wrote where, used
only by this group's own self-checks).
"""
