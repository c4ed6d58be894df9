"""Text of documents exported as markup or data: HTML printouts, RTF note dumps, JSON,
YAML and XML exports, HL7 v2 message feeds, iCalendar files, mailboxes.

A PDF page's text is what pypdf extracts from it; an HTML or RTF document's text is what
these renderers make of it, the way a reader sees it printed: markup, styles and scripts
left out, blocks and table rows on lines of their own, table cells and label/value pairs
set apart by a tab, page breaks as form feeds. The renderers only leave out and lay out:
every character of the text comes from the document's own text (entities and escapes
decoded), so evidence quotes the words the document prints. Both are linear in the size
of their input.
"""

from __future__ import annotations

from ingest.formats.hl7 import looks_like_hl7, render_hl7
from ingest.formats.html import render_html
from ingest.formats.ics import render_ics
from ingest.formats.json_doc import render_json
from ingest.formats.mbox import render_mbox
from ingest.formats.rtf import render_embedded_rtf, render_rtf
from ingest.formats.text import tidy
from ingest.formats.xml_doc import render_xml
from ingest.formats.yaml_doc import render_yaml

__all__ = [
    "looks_like_hl7",
    "render_embedded_rtf",
    "render_hl7",
    "render_html",
    "render_ics",
    "render_json",
    "render_mbox",
    "render_rtf",
    "render_xml",
    "render_yaml",
    "tidy",
]
