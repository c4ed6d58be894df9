"""Rows of check boxes in a value: "[x] Present  [ ] Absent", "Yes [x] No [ ]", "☒ In person
☐ Video". Only what is ticked is stated.

A box goes with the words on the side the row starts with: a row that starts with a box
puts each box before its option, one that starts with words puts each box after its
option. Ticks are x, ✓, ✔, √, * and the filled glyphs (☒ ☑ ⊠ ✅ ■); an empty box is
``[ ]``, ``( )``, ☐ or □.
"""

from __future__ import annotations

import re

_BOX = re.compile(r"\[[ \t]*[xX✓✔√*]?[ \t]*\]|\([ \t]*[xX✓✔*]?[ \t]*\)|[☒☑⊠✅■☐□]")
_EMPTY = re.compile(r"\[[ \t]*\]|\([ \t]*\)|[☐□]")


def ticked_options(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int]] | None:
    """``(start, end)`` of each ticked option of the boxes in ``text[start:end]`` (offsets
    into ``text``); ``None`` when it holds no box, ``[]`` when none is ticked."""
    stop = len(text) if end is None else end
    boxes = list(_BOX.finditer(text, start, stop))
    if not boxes:
        return None
    boxes_first = not text[start : boxes[0].start()].strip()
    out: list[tuple[int, int]] = []
    for k, box in enumerate(boxes):
        if _EMPTY.fullmatch(box.group()):
            continue
        if boxes_first:
            s, e = box.end(), boxes[k + 1].start() if k + 1 < len(boxes) else stop
        else:
            s, e = (boxes[k - 1].end() if k else start), box.start()
        while s < e and text[s] in " \t:;,|":
            s += 1
        while e > s and text[e - 1] in " \t:;,|":
            e -= 1
        if s < e:
            out.append((s, e))
    return out
