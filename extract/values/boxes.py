"""Rows of check boxes in a value: "[x] Present  [ ] Absent", "Yes [x] No [ ]", "☒ In person
☐ Video". Only what is ticked is stated.

A box goes with the words on one side of it: a row that ends with a box puts each box
after its option ("Yes [x] No [ ]"); any other row puts each box before its option ("[x]
Present [ ] Absent", "(check one) [ ] Yes [x] No", "Seen via [ ] In person [x] Video").
Box after: the option is the phrase just before the box (after the previous box, or after
the last "/", ",", ";" or wide space: "No / Yes [x]" ticks "Yes"). Ticks are x, ✓, ✔, √,
* and the filled glyphs (☒ ☑ ⊠ ✅ ■); an empty box is ``[ ]``, ``( )``, ☐ or □.
"""

from __future__ import annotations

import re

_BOX = re.compile(r"\[[ \t]*[xX✓✔√*]?[ \t]*\]|\([ \t]*[xX✓✔*]?[ \t]*\)|[☒☑⊠✅■☐□]")
_EMPTY = re.compile(r"\[[ \t]*\]|\([ \t]*\)|[☐□]")
_STRIP = " \t:;,|-"
# where a phrase before a box begins: after a separator or a wide space
_PHRASE_START = re.compile(r"(?:[/;,|]|[ \t]{2,})[ \t]*")


def boxes_follow_options(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether the row of boxes in ``text[start:end]`` puts each box after its option (the
    row ends with a box)."""
    stop = len(text) if end is None else end
    boxes = list(_BOX.finditer(text, start, stop))
    return bool(boxes) and not text[boxes[-1].end() : stop].strip(_STRIP + ".")


def ticked_options(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int]] | None:
    """``(start, end)`` of each ticked option of the boxes in ``text[start:end]`` (offsets
    into ``text``); ``None`` when it holds no box, ``[]`` when none is ticked."""
    stop = len(text) if end is None else end
    boxes = list(_BOX.finditer(text, start, stop))
    if not boxes:
        return None
    boxes_after = boxes_follow_options(text, start, stop)
    out: list[tuple[int, int]] = []
    for k, box in enumerate(boxes):
        if _EMPTY.fullmatch(box.group()):
            continue
        if boxes_after:
            s, e = (boxes[k - 1].end() if k else start), box.start()
            cuts = [m.end() for m in _PHRASE_START.finditer(text, s, e) if m.end() < e]
            if cuts:
                s = cuts[-1]
        else:
            s, e = box.end(), boxes[k + 1].start() if k + 1 < len(boxes) else stop
        while s < e and text[s] in _STRIP:
            s += 1
        while e > s and text[e - 1] in _STRIP:
            e -= 1
        if s < e:
            out.append((s, e))
    return out
