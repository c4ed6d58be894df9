"""Ninth group of development export style families (tuned on), written by an author who
read neither the extractor nor its rules: a telehealth platform's session report with
participant join/admit/leave timestamps in UTC (the program's local time zone stated), a
printed thread of secure messages carrying the notes (From/Sent/Subject, quoted replies,
late entries, times sometimes in words), an electronic remittance advice beside brief day
notes, bilingual English/Spanish progress notes with addenda, group notes whose member
participation table holds the whole group (PDF), and a mainframe activity report with
control breaks, calendar-week subtotals and neighbouring clients on its pages.

Each module defines ``FAMILY``; ``_kit`` holds this group's own helpers.
"""
