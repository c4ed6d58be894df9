"""Sixth group of development export style families (tuned on). Written without reading the
extractor or the other style groups."""
