"""Tenth group of development export style families (tuned on), written by an author who
read neither the extractor nor its rules: a scheduling API's appointment dump
pretty-printed as YAML or JSON (with the program's recurring schedule and entered-in-error
records), clinicians' daily day sheets with AM/PM blocks, other clients' rows and a status
key on the last page, an iCalendar (.ics) export of the client's appointments, superbill
encounter forms printed two to a PDF page, medical-transcription reports of dictated day
notes (times spoken, "nine to ten-thirty", dictated days after the service) and weekly
treatment-court attendance verifications beside individual session notes.

Each module defines ``FAMILY``; ``_kit`` holds this group's own helpers.
"""
