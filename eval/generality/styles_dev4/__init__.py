"""Fourth group of development export-style families (``d4-``), written without reading the
extractor: charts exported as structured data rather than prose: an EHR's HTML print,
RTF progress-note dumps, C-CDA encounter documents, FHIR R4 JSON bundles, HL7 v2
scheduling/charge/document feeds, and flattened fillable-PDF forms.

Each module defines ``FAMILY``; :mod:`._kit` holds the helpers they share.
"""
