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

import itertools
import re
from collections.abc import Sequence
from typing import TypeVar

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
    options = box_options(text, start, end)
    if options is None:
        return None
    return [(s, e) for s, e, ticked in options if ticked]


def box_options(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int, bool]] | None:
    """``(start, end, ticked)`` of each option of the boxes in ``text[start:end]``
    (offsets into ``text``), ticked or not; ``None`` when it holds no box."""
    stop = len(text) if end is None else end
    boxes = list(_BOX.finditer(text, start, stop))
    if not boxes:
        return None
    boxes_after = boxes_follow_options(text, start, stop)
    out: list[tuple[int, int, bool]] = []
    for k, box in enumerate(boxes):
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
            out.append((s, e, not _EMPTY.fullmatch(box.group())))
    return out


# a box holding one mark that is neither a tick nor blank ("[/]", "[?]", "[o]", "(-)"): a
# mark whose meaning is not known (a slash may tick a box or strike an option out)
_UNREAD_BOX = re.compile(
    r"(?<!\w)(?:\[[ \t]*[^\s\[\]xX✓✔√*][ \t]*\]|\([ \t]*[^\s()xX✓✔*\w][ \t]*\))"
)


def unread_boxes(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each box in ``text[start:end]`` marked with something that is
    neither a tick nor blank, on a line of boxes; ``[]`` when there is none."""
    stop = len(text) if end is None else end
    if box_options(text, start, stop) is None:
        return []
    return [m.span() for m in _UNREAD_BOX.finditer(text, start, stop)]


# a tick left in front of an option when a form's boxes are flattened to text ("X Present
# Absent No-show Cancelled", "✓ In person  Telephone"): alone, right before the option
_TICK_BEFORE = re.compile(r"(?:^|(?<=\s))[xX✓✔√☒☑⊠][ \t]+$")

_V = TypeVar("_V")
# what stands between two options of one list: blanks, lone ticks and boxes, nothing else
_BETWEEN_CHOICES = re.compile(r"(?:\s|(?<!\S)[xX✓✔√](?!\S)|[☒☑⊠☐□])*")
_PAREN_OPEN = re.compile(r"[ \t]*\([ \t]*")


def marked_choice(
    text: str, options: Sequence[tuple[int, int, _V]], *, ticked_only: bool = False
) -> tuple[bool, tuple[int, int, _V] | None]:
    """Whether ``options`` (the phrases found in one line or sentence, in text order) are a
    list of choices — two or more different values with nothing but blanks, lone ticks
    and boxes between them, as a form's flattened check boxes print them — and, if so,
    the one option a lone tick marks right before it (``None`` when none is, or several
    are: the list then states nothing). With ``ticked_only`` (names that may run
    together: "Nursing psychoeducation group"), options no tick marks are no list."""
    kept: list[tuple[int, int, _V]] = []
    # one option per place, the longest: phrases of two vocabularies may overlap
    for o in sorted(options, key=lambda o: (o[0], -o[1])):
        if kept and o[0] < kept[-1][1]:
            continue
        if kept and o[2] == kept[-1][2] and _PAREN_OPEN.fullmatch(text, kept[-1][1], o[0]):
            # "Telehealth (video)": one option, said twice
            end = o[1] + 1 if text[o[1] : o[1] + 1] == ")" else o[1]
            kept[-1] = (kept[-1][0], end, o[2])
            continue
        kept.append(o)
    options = kept
    if len({value for _, _, value in options}) < 2 or not all(
        _BETWEEN_CHOICES.fullmatch(text, a[1], b[0]) for a, b in itertools.pairwise(options)
    ):
        return False, None
    marked = [o for o in options if _TICK_BEFORE.search(text, max(0, o[0] - 4), o[0])]
    if ticked_only and not marked:
        return False, None
    return True, (marked[0] if len({v for _, _, v in marked}) == 1 else None)
