"""Fifth group of development export-style families (``d5-``), written without reading the
extractor: a vendor's XML service export, progress notes stored as XML documents, RTF notes
as Microsoft Word writes them, after-visit summaries whose dates and times are spelled out
in words, and fillable PDF forms flattened and exported as text or as PDFs.

Each module defines ``FAMILY``; :mod:`._kit` holds the helpers they share.
"""
