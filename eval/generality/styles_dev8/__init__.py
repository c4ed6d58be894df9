"""Eighth group of development export style families (tuned on), written by an author who
read neither the extractor nor the other style groups, from how US behavioral-health IOP
records look: redacted group sign-in sheets printed to PDF beside an appointment history,
CMS-1500 claim text with per-diem lines and attached encounter notes, a daily flowsheet of
timestamped events (times with seconds), weekly treatment-team summaries in prose (PDF),
a wiki export with nested bullet lists per day, and a scanned intake and progress packet
whose notes are dated only in the running page header.

Each module defines ``FAMILY``; ``_kit`` holds this group's own helpers.
"""
