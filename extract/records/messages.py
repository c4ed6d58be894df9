"""A printed message thread (secure messages, e-mail): where each message's header is.

A message begins with its header: three or more lines in a row, each led by a field whose
label is a message header label (``records.message_header_labels`` in
``extract/vocab/services.yaml``: "From", "Sent", "To", "Subject"), at least three of them
different, with the rule or the decorated title right above it ("____",
"-----Original Message-----"). What a message's body documents is read inside that message:
no service record runs over the next message's header, and none begins in a header. The
header's date is when the message was sent, not a date of service. A reply's quotation of
an earlier message is read as that message (its quotation marks are blanked by
:func:`extract.layout.text.unquoted`); the sessions it repeats are the same sessions.
"""

from __future__ import annotations

from extract.layout import HeadingKind, Layout, LineKind
from extract.values.vocab import vocab

_MIN_LINES = 3


def message_headers(layout: Layout) -> tuple[tuple[int, int], ...]:
    """Each message header's first and last line, in order (the first line is the rule or
    decorated title right above the header's fields, when there is one)."""
    labels = vocab().message_labels
    out: list[tuple[int, int]] = []
    run: list[int] = []
    keys: set[str] = set()
    for i in range(len(layout.lines) + 1):
        fields = layout.fields_by_line[i] if i < len(layout.lines) else ()
        if fields and layout.lines[i].is_text and fields[0].key in labels:
            run.append(i)
            keys.add(fields[0].key)
            continue
        if len(run) >= _MIN_LINES and len(keys) >= _MIN_LINES:
            first = run[0]
            above = first - 1
            if above >= 0 and (
                layout.lines[above].kind is LineKind.RULE
                or (
                    layout.headings[above] is not None
                    and layout.headings[above].kind is HeadingKind.DECORATED  # type: ignore[union-attr]
                )
            ):
                first = above
            out.append((first, run[-1]))
        run, keys = [], set()
    return tuple(out)


def within_message(
    headers: tuple[tuple[int, int], ...], first: int, anchor: int, last: int
) -> tuple[int, int]:
    """Lines ``first``..``last`` of a record whose date is on line ``anchor``, bounded by
    the message that holds the anchor: from below the header above it, to above the next
    header."""
    for s, e in headers:
        if e < anchor and e >= first:
            first = e + 1
        elif s > anchor and s <= last:
            last = s - 1
            break
    return first, last
