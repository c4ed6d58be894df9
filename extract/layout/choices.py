"""Check boxes: the options of a form line that are not ticked.

A flattened form prints every option of a choice with its box: "☒ Present ☐ Absent
☐ No-show", "[X] In person [ ] Telehealth". The words of an unticked option are not what
the form says, so readers must not take them for a fact: :func:`option_spans` gives
where they are (and where the ticked ones are: the form's answer), and
:meth:`extract.layout.Layout.ticked` cuts them out of a span. An
option runs from its box to the next box, a wide gap (two blanks or a tab) or the end of
the line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.layout.lines import Line

_UNTICKED = r"☐|□|◻|❏|\[ \]|\(\s\)"
_TICKED = r"☒|☑|⊠|■|\[[xX✓✔]\]|\([xX✓✔]\)"
_BOX = re.compile(rf"(?P<off>{_UNTICKED})|(?:{_TICKED})")
_HINT = re.compile(r"[☐□◻❏☒☑⊠■]|\[[ xX✓✔]\]|\([ xX✓✔]\)")
_OPTION_END = re.compile(r"[ \t]{2,}|\t")


Span = tuple[int, int]


def option_spans(text: str, lines: Sequence[Line]) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """The spans of the unticked and of the ticked options of every line, in order (an
    option's span begins at its box)."""
    off: list[Span] = []
    on: list[Span] = []
    for line in lines:
        if not line.is_text or _HINT.search(text, line.cstart, line.cend) is None:
            continue
        boxes = list(_BOX.finditer(text, line.cstart, line.cend))
        for k, m in enumerate(boxes):
            stop = boxes[k + 1].start() if k + 1 < len(boxes) else line.cend
            gap = _OPTION_END.search(text, m.end(), stop)
            # past leading blanks after the box: "☐  Absent" is one option
            if gap is not None and gap.start() == m.end():
                gap = _OPTION_END.search(text, gap.end(), stop)
            end = gap.start() if gap is not None else stop
            while end > m.end() and text[end - 1] in " \t":
                end -= 1
            span = (m.start(), end)
            (off if m.group("off") is not None else on).append(span)
    return tuple(off), tuple(on)
