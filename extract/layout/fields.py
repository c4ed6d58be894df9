"""Label/value fields of a line: ``DOS: 10/07/25   Time: 0900-1030   Staff: J. Roe, LCSW``.

A field is a label followed by a colon, then its value. Fields are found in each cell of a
line (pipes, tabs and runs of blanks separate cells), several per cell when a further
label follows inside the value: any label after a tab, ``|``, ``;`` or two blanks, a known
label (the lexicon's spellings) after one blank, or a Title-Case label after one blank that
follows a value ending in a digit, a capital, a closing bracket or a period. A two-cell
row whose first cell is a known label (``| Service Date | 10/07/2025 |``,
``Service Date      10/07/2025``) is a field too, and so is each pair of a row of cells
that alternate labels and values (``Client ID    Z94504315    DOB    12/25/2000``).

A label alone in its cell takes the next cell as its value when that cell holds no label
(``DOB:               10/30/1958``). A known label after a sentence end inside prose
("... after. Response: more animated") begins a field too. A label is up to six words
beginning with a letter or ``#``; it is never a clock time (``9:30``), a ratio, or a URL
scheme. A label whose value is empty (``Goals:``) is kept: it
heads what follows (:mod:`extract.layout.structure`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from extract.layout.lines import Line, LineKind, Span, Splitter
from extract.vocab.phrases import norm, ocr_fold, ocr_index

# A label at the start of a cell: optional bullet and bold, the label, optional bold, colon.
_LABEL_AT = re.compile(
    r"(?:[-*+•·>][ \t]+)?(?:\*\*|__)?"
    # a label begins with a letter, or with a digit OCR misread for one ("5top:")
    # (letters of any alphabet: "Fecha de admisión", "Diagnóstico")
    r"(?P<label>(?:[^\W\d_]|#|[015](?=[A-Za-z]))"
    r"(?:[^\W_]|[/#().'&,+\-]|_(?=[^\W_])|[ \t](?![ \t])){0,50}?)"
    r"(?:\*\*|__)?[ \t]*:(?![/\\])(?:\*\*|__)?"
)
# A label joined to its value by a leader of dots ("Begin ........ 10/13/2025", "Auth # ...
# 2025-IOP-21196"), as printed forms and fixed-width reports write fields.
_LEADER_AT = re.compile(
    r"(?:[-*•·>][ \t]+)?"
    r"(?P<label>(?:[^\W\d_]|#)(?:[^\W_]|[/#()'&,+\-]|[ \t](?![ \t.])){0,50}?)"
    r"[ \t]*(?:\.{3,}|(?:\.[ \t]){3,}\.?)[ \t]*:?[ \t]*"
)
_WORD = re.compile(r"(?:[^\W_]|[#/().'&+\-])+(?:_(?:[^\W_]|[#/().'&+\-])+)*")
_CONNECTORS = frozenset(
    {
        "of",
        "by",
        "to",
        "in",
        "for",
        "and",
        "the",
        "with",
        "on",
        "at",
        "&",
        "or",
        "toward",
        "towards",
    }
)
_MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class Field:
    """``label`` as written, ``key`` its normalized form (:func:`norm`, without a trailing
    ``#`` or bold); the value is ``text[start:end]`` (``start == end`` when empty);
    ``label_start`` is where the label (or its bullet) begins."""

    line: int
    label: str
    key: str
    label_start: int
    start: int
    end: int

    @property
    def empty(self) -> bool:
        return self.start >= self.end


def label_key(label: str) -> str:
    """``SVC_DATE`` (a database column) reads as "svc date"."""
    return norm(_SNAKE.sub(" ", label.strip("*_ \t")))


_SNAKE = re.compile(r"(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])")


# OCR's misreadings of letters as digits inside a word ("5top", "Gr0up", "C1inician",
# "DO5"): each digit's possible letters
_OCR_LETTERS: dict[str, tuple[str, ...]] = {"0": ("o",), "5": ("s",), "1": ("l", "i")}


def ocr_label_key(label: str, known: frozenset[str]) -> str | None:
    """The known label a label misread by OCR spells, when only one does: in a word that
    has letters, a 0 read as o, a 5 as s, a 1 as l or i ("5top" is "stop", "C1inician"
    "clinician"); else the letters OCR confuses folded together as the vocabulary folds
    a column header (:func:`~extract.vocab.phrases.ocr_fold`: "Sfart", "5tarf", "Datc",
    "Tirne"). ``None`` when the label is known as written, when no reading is known, or
    when two readings are (ambiguous: never guessed)."""
    key = label_key(label)
    if not key or key in known:
        return None
    spelled = _digit_reading(key, known) if any(ch in _OCR_LETTERS for ch in key) else None
    if spelled is not None:
        return spelled
    found = _ocr_known(known).get(ocr_fold(key))
    return found if found is not None and found != key else None


def _digit_reading(key: str, known: frozenset[str]) -> str | None:
    words = key.split(" ")
    options: list[list[str]] = []
    for w in words:
        if not any(c.isalpha() for c in w):
            options.append([w])  # a number of its own ("Group 1"): not a misread letter
            continue
        spelled = [""]
        for ch in w:
            letters = _OCR_LETTERS.get(ch, (ch,))
            spelled = [x + c for x in spelled for c in letters]
            if len(spelled) > 16:
                return None
        options.append(spelled)
    found: set[str] = set()
    for combo in _product(options):
        candidate = " ".join(combo)
        if candidate != key and candidate in known:
            found.add(candidate)
    return found.pop() if len(found) == 1 else None


_OCR_KNOWN: dict[int, tuple[frozenset[str], dict[str, str]]] = {}


def _ocr_known(known: frozenset[str]) -> dict[str, str]:
    """The known labels by their OCR-folded form (:func:`ocr_index`), built once per set
    (a form two labels share is in none)."""
    hit = _OCR_KNOWN.get(id(known))
    if hit is not None and hit[0] is known:
        return hit[1]
    index = ocr_index(known)
    if len(_OCR_KNOWN) > 8:
        _OCR_KNOWN.clear()
    _OCR_KNOWN[id(known)] = (known, index)
    return index


def _product(options: list[list[str]]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for opts in options:
        out = [[*x, o] for x in out for o in opts]
        if len(out) > 64:
            return []
    return out


# a data export's key path, as a JSON or YAML export is viewed (ingest/formats): keys of
# letters and digits, joined by dots, at least one dot ("enrollment.admitted_on")
_KEY_PATH = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+")


def _label_like(label: str, known: frozenset[str], *, strict: bool, bold: bool = False) -> bool:
    """Up to six words; capitalized words (or connectors), or a known label, or (``bold``,
    "**Progress toward treatment goals:**") any words. ``strict`` (inside a value): at most
    three words, each capitalized."""
    key = label_key(label)
    if not key or key in known:
        return bool(key)
    if _KEY_PATH.fullmatch(label):
        return True  # a data export's key path ("enrollment.admitted_on")
    if bold:
        return len(label.split()) <= _MAX_WORDS
    words = label.split()
    if not words or len(words) > (3 if strict else _MAX_WORDS):
        return False
    if not (words[0][0].isupper() or words[0][0] == "#"):
        return False
    if strict:
        return all(w[0].isupper() or w[0] in "#(" or w in _CONNECTORS for w in words)
    # "Date of service", "Time in", "Client response" are labels; a long lowercase run
    # ("The client reported") is a sentence
    lower = sum(1 for w in words[1:] if w[0].islower() and w not in _CONNECTORS)
    return (lower <= 1 and len(words) <= 3) or lower == 0


_ALTERNATIVES = re.compile(r"[ \t]+/[ \t]+")


def known_alternative(label: str, known: frozenset[str]) -> str | None:
    """The known label among the alternatives of a label printed in two languages (or two
    wordings) separated by a spaced slash ("Date of service / Fecha de servicio",
    "Asistencia / Attendance"): the first alternative that is a known label, each
    alternative a few words beginning with a capital. ``None`` for a label without
    alternatives or without a known one ("D/C Date" has no spaced slash: one label)."""
    if _ALTERNATIVES.search(label) is None:
        return None
    parts = [p.strip("*_ \t") for p in _ALTERNATIVES.split(label)]
    if not all(p and p[0].isupper() and len(p.split()) <= _MAX_WORDS for p in parts):
        return None
    return next((p for p in parts if label_key(p) in known), None)


def _not_a_label(text: str, label_start: int, colon: int) -> bool:
    """A clock time or ratio ("9:30", "Ratio 1:2"), or a URL ("http://")."""
    before = text[colon - 1] if colon > label_start else ""
    after = text[colon + 1] if colon + 1 < len(text) else ""
    return before.isdigit() and after.isdigit()


def _value_end(text: str, start: int, end: int) -> int:
    """Before the blanks, emphasis and separators ("03/04/2025 | Staff: ...") at its end."""
    while end > start and text[end - 1] in " \t*_|;":
        end -= 1
    return end


def _value_start(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t*_":
        start += 1
    return start


def _inner_label(text: str, vstart: int, colon: int, known: frozenset[str]) -> int | None:
    """Where a label ending at ``colon`` (inside a value that began at ``vstart``) begins,
    or ``None`` when the colon ends no label (see the module docstring)."""
    # the words right before the colon, nearest first, up to a wide gap or a separator
    words: list[tuple[int, int]] = []
    pos = colon
    while pos > vstart and text[pos - 1] in "*_":
        pos -= 1
    boundary_wide = False
    while pos > vstart and len(words) < _MAX_WORDS:
        e = pos
        while pos > vstart and text[pos - 1] not in " \t;|":
            pos -= 1
        if pos == e or not _WORD.fullmatch(text, pos, e):
            return _best(text, words, colon, known, wide=False, vstart=vstart)
        words.append((pos, e))
        gap = pos
        while pos > vstart and text[pos - 1] in " \t":
            pos -= 1
        if pos == vstart:
            break
        if gap - pos >= 2 or "\t" in text[pos:gap] or text[pos - 1] in ";|":
            boundary_wide = True
            break
    return _best(text, words, colon, known, wide=boundary_wide, vstart=vstart)


def _best(
    text: str,
    words: list[tuple[int, int]],
    colon: int,
    known: frozenset[str],
    *,
    wide: bool,
    vstart: int,
) -> int | None:
    if not words:
        return None
    # the longest known label ending here ("Time In", "Date of Service")
    for n in range(len(words), 0, -1):
        s = words[n - 1][0]
        if label_key(text[s:colon]) in known or ocr_label_key(text[s:colon], known):
            return s
    if wide and _label_like(text[words[-1][0] : colon], known, strict=False):
        return words[-1][0]
    for n in range(min(3, len(words)), 0, -1):
        s = words[n - 1][0]
        label = text[s:colon]
        if not _label_like(label, known, strict=True):
            continue
        k = s
        while k > vstart and text[k - 1] in " \t":
            k -= 1
        prev = text[k - 1] if k > vstart else ""
        if prev and (prev.isdigit() or prev.isupper() or prev in ").]"):
            return s
    return None


def _phrase_tail(text: str, vstart: int, s: int) -> bool:
    """A lowercase known label right after the one word the value holds so far ("**D:**
    Final group: relapse-prevention plan"): the end of a phrase ("Final group") that
    leads the value, not a field of its own."""
    head = text[vstart:s].strip(" \t*_")
    return (
        text[s : s + 1].islower()
        and bool(head)
        and not any(ch.isspace() for ch in head)
        and text[s - 1] == " "
        and text[s - 2 : s - 1] not in (" ", "\t")
    )


def _leader_field(text: str, line: Line, cell: Span, known: frozenset[str]) -> list[Field]:
    """A cell "Label ........ value": one field (the dots are the separator)."""
    m = _LEADER_AT.match(text, cell.start, cell.end)
    if m is None or m.end() >= cell.end:
        return []
    label = m.group("label").rstrip()
    if not _label_like(label, known, strict=False):
        return []
    vs = _value_start(text, m.end(), cell.end)
    ve = _value_end(text, vs, cell.end)
    return [Field(line.index, label, label_key(label), m.start(), vs, max(vs, ve))]


def _cell_fields(text: str, line: Line, cell: Span, known: frozenset[str]) -> list[Field]:
    m = _LABEL_AT.match(text, cell.start, cell.end)
    if m is None:
        return _leader_field(text, line, cell, known)
    label = m.group("label").rstrip()
    first = m.start()
    colon = text.rfind(":", m.start(), m.end())
    bold = "**" in text[m.start() : m.start("label")] or "__" in text[m.start() : m.start("label")]
    if _not_a_label(text, m.start("label"), colon):
        return []
    label = _spelled(label, known)
    named = known_alternative(label, known)
    if named is not None:
        label = named  # "Date of service / Fecha de servicio": the field names a date of service
    elif not _label_like(label, known, strict=False, bold=bold):
        # "Group members present: 6": a known label ("Members Present") qualified by
        # leading words
        s = _inner_label(text, m.start("label"), colon, known)
        if s is None or label_key(text[s:colon]) not in known:
            return []
        before = text[m.start("label") : s].split()
        if before and before[-1].lower() in _CONNECTORS:
            # "Treatment goals toward discharge:": the known label is the object of the
            # leading words, not what the field is ("Discharge")
            return []
        label = text[s:colon].strip("*_ \t")
        if _SENTENCE_END.search(text, m.start("label"), s):
            # "group). Lucia arrived late, at 17.45. Focus: ...": a sentence, then the
            # field; the sentence is prose, not part of the label
            first = s
    out: list[Field] = []
    label_start, cur_label, vstart = first, label, m.end()
    pos = vstart
    while True:
        nxt: tuple[int, int] | None = None  # (label start, colon)
        c = text.find(":", pos, cell.end)
        while c != -1:
            after = text[c + 1] if c + 1 < cell.end else " "
            if after in " \t*" and not _not_a_label(text, c - 1, c):
                s = _inner_label(text, vstart, c, known)
                if s is not None and s > vstart and not _phrase_tail(text, vstart, s):
                    nxt = (s, c)
                    break
            c = text.find(":", c + 1, cell.end)
        vend = nxt[0] if nxt is not None else cell.end
        vs = _value_start(text, vstart, vend)
        ve = _value_end(text, vs, vend)
        out.append(Field(line.index, cur_label, label_key(cur_label), label_start, vs, max(vs, ve)))
        if nxt is None:
            return out
        label_start = nxt[0]
        cur_label = _spelled(text[nxt[0] : nxt[1]].strip("*_ \t"), known)
        vstart = nxt[1] + 1
        while vstart < cell.end and text[vstart] in "*_":
            vstart += 1
        pos = vstart


def _spelled(label: str, known: frozenset[str]) -> str:
    """``label``, or the known label it spells when OCR misread its letters as digits
    (:func:`ocr_label_key`): a field's label is what it names, its offsets what is
    written."""
    return ocr_label_key(label, known) or label


_SENTENCE_END = re.compile(r"[a-z0-9)][.!?]\)?[ \t]+(?=\S+)")
_SENTENCE_LABEL = re.compile(r"[.;!?][ \t]+(?=[A-Z])")


def _embedded(text: str, line: Line, cell: Span, known: frozenset[str]) -> list[Field]:
    """A known label after a sentence inside prose ("... 70% after. Response: more
    animated in the second half."): the fields from there on."""
    for m in _SENTENCE_LABEL.finditer(text, cell.start, cell.end):
        colon = text.find(":", m.end(), min(cell.end, m.end() + 40))
        if colon == -1 or label_key(text[m.end() : colon]) not in known:
            continue
        return _cell_fields(text, line, Span(m.end(), cell.end), known)
    return []


def line_fields(text: str, line: Line, known: frozenset[str]) -> list[Field]:
    """Every field of ``line`` (see the module docstring)."""
    if line.kind is not LineKind.TEXT:
        return []
    out: list[Field] = []
    per_cell = []
    for cell in line.cells:
        found = _cell_fields(text, line, cell, known)
        per_cell.append(found or _embedded(text, line, cell, known))
    for k, found in enumerate(per_cell):
        if (
            found
            and found[-1].empty
            and line.splitter in (Splitter.SPACE, Splitter.TAB)
            and k + 1 < len(per_cell)
            and not per_cell[k + 1]
        ):
            # "DOB:               10/30/1958": the value sits in the next cell
            nxt = line.cells[k + 1]
            last = found[-1]
            found = [
                *found[:-1],
                Field(line.index, last.label, last.key, last.label_start, nxt.start, nxt.end),
            ]
        out.extend(found)
    if not out and len(line.cells) >= 4 and len(line.cells) % 2 == 0:
        out = _paired_cells(text, line, known)
    if not out and len(line.cells) == 2 and line.splitter is not Splitter.NONE:
        first, second = line.cells
        key = label_key(text[first.start : first.end])
        if key in known and label_key(text[second.start : second.end]) not in known:
            # ("Time In    Time Out" is a row of captions, not a label and its value)
            out.append(
                Field(
                    line.index,
                    text[first.start : first.end].strip("*_ "),
                    key,
                    first.start,
                    second.start,
                    second.end,
                )
            )
    return out


def _paired_cells(text: str, line: Line, known: frozenset[str]) -> list[Field]:
    """A form's row of boxes printed as cells without colons, each label followed by its
    value ("Client Name    Okafor, Victor    Client ID    Z94504315    DOB    12/25/2000"):
    a field per pair when every label cell reads as a label, one of them at least is a
    known label or ends with one ("Group 1 scheduled"), and no value cell is a known label
    (a table's header of captions is no row of fields)."""
    cells = line.cells
    labels = [text[c.start : c.end].strip("*_ ") for c in cells[0::2]]
    values = cells[1::2]
    if (
        line.splitter is Splitter.NONE
        or not all(_label_like(x, known, strict=False) for x in labels)
        or not any(
            label_key(x) in known or label_key(x).rsplit(" ", 1)[-1] in known for x in labels
        )
        or any(label_key(text[v.start : v.end]) in known for v in values)
    ):
        return []
    return [
        Field(line.index, label, label_key(label), c.start, v.start, v.end)
        for label, c, v in zip(labels, cells[0::2], values, strict=True)
    ]


def find_fields(text: str, lines: Iterable[Line], known: frozenset[str]) -> tuple[Field, ...]:
    return tuple(f for line in lines for f in line_fields(text, line, known))
