"""Slot readers: from a service record, each slot's value and the words that state it.

Every reader looks only inside the record (its cells, fields, heading and sentences), then
in the note it belongs to, then — for a few slots that a document states once for all its
records (a service's kind or modality, the staff) — in the document's preamble; never
outside. Each value comes back as a :class:`~extract.readers.scope.Slot` naming the reader
that found it, so a fact can say which words gave its date, its times, its kind.
"""
