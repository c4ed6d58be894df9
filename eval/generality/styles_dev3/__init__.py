"""Third group of development export-style families (``d3-``), written without reading the
extractor: fax utilization-review packets, multi-client group-note files, month calendar
grids, compact-time progress notes with late entries, spreadsheet exports flattened with
merged-cell gaps, and discharge summaries whose attendance is told in prose.

Each module defines ``FAMILY``; :mod:`._kit` holds the helpers they share.
"""
