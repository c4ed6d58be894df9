"""Stacked fields: a line of captions over a line of their values.

Forms printed as boxes come out of a PDF's text layer with each box's caption above its
value, several boxes to a row::

    Client In     Client Out     Minutes Attended     Clients Present
    1730          1900           90                   4

A *caption line* has two or more cells (set apart by tabs or runs of blanks) that name
columns (:func:`extract.layout.tables.headerish`: nothing that looks like data, and known
labels or short capitalized names). When the next line holds values under those captions
(each value starts under a caption: within two characters of its column or between it and
the next caption) and the line after it is not a second row of values, the pair is one set
of fields, each caption the label of the value under it, if it is one of a run of such
pairs with different captions (a form's rows of boxes; at most one blank line between):
a header over one row, alone or repeated with the same captions, stays a table. A caption
with no value under it is a field with an empty value. A caption line with several rows
of values under it is a table, not fields.

The fields are placed on the value line (the label's offsets stay on the caption line,
so ``label_start < start`` as for any field). A table the pairs were taken for (a caption
line looks like a header) loses those lines; a table left with no row is no table.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from extract.layout.fields import Field, label_key
from extract.layout.lines import Line, Span, Splitter
from extract.layout.tables import Table, data_like, headerish
from extract.vocab.lexicon import label_groups

_SPLIT = (Splitter.SPACE, Splitter.TAB)


def _captions(text: str, line: Line, known: frozenset[str]) -> bool:
    """Two or more cells that name columns, none a "Label: value" field ("Age: 16")."""
    return (
        line.is_text
        and line.splitter in _SPLIT
        and len(line.cells) >= 2
        and ":" not in text[line.cstart : line.cend]
        and headerish(text, line.cells, known)
    )


def _labels(text: str, line: Line, known: frozenset[str]) -> bool:
    """Half or more of the line's cells are known labels."""
    names = [label_key(text[c.start : c.end]) for c in line.cells]
    return sum(1 for x in names if x in known) * 2 >= len(names)


def _under(caption: Line, value: Line) -> list[int] | None:
    """For each value cell, the caption it stands under; ``None`` if one stands under none
    or two values stand under one caption."""
    starts = [c.start - caption.start for c in caption.cells]
    out: list[int] = []
    for cell in value.cells:
        col = cell.start - value.start
        k = next(
            (
                j
                for j in range(len(starts))
                if starts[j] - 2 <= col and (j + 1 == len(starts) or col < starts[j + 1] - 1)
            ),
            None,
        )
        if k is None or (out and k <= out[-1]):
            return None
        out.append(k)
    return out


def _values(text: str, caption: Line, value: Line, known: frozenset[str]) -> list[int] | None:
    if not value.is_text or value.splitter not in (*_SPLIT, Splitter.NONE):
        return None
    if _labels(text, value, known):
        return None  # captions again (names, "Jordan Achebe, LPC", look like captions too)
    if (
        value.splitter is Splitter.NONE
        and not data_like(text, value.cells[0])
        and value.cells[0].start - value.start > caption.cells[0].start - caption.start + 2
    ):
        # one cell of words under several captions: a sentence, unless it is a value
        # under the first caption only ("Present" under "Attendance   Comment")
        return None
    return _under(caption, value)


def stacked_fields(
    text: str,
    lines: Sequence[Line],
    fields_by_line: Sequence[tuple[Field, ...]],
    tables: Sequence[Table],
    known: frozenset[str],
) -> tuple[tuple[tuple[Field, ...], ...], tuple[Table, ...]]:
    """``fields_by_line`` with the stacked fields added (and a caption line's own
    misread fields removed), and ``tables`` without the lines the pairs took."""
    out = list(fields_by_line)
    found: list[tuple[int, list[int], tuple[str, ...]]] = []  # (caption line, under, captions)
    empty: set[int] = set()  # caption lines whose boxes were left empty (no value line)
    i = 0
    n = len(lines)
    while i + 1 < n:
        cap, val = lines[i], lines[i + 1]
        if not _captions(text, cap, known):
            i += 1
            continue
        if (
            found
            and found[-1][0] == i - 2
            and i - 2 not in empty
            and (not val.is_text or _captions(text, val, known))
        ):
            # a row of boxes left empty right under a row of filled ones ("Client In
            # Client Out  Minutes Attended" over nothing): its captions, no values
            found.append((i, [], tuple(label_key(text[c.start : c.end]) for c in cap.cells)))
            empty.add(i)
            i += 1
            continue
        under = _values(text, cap, val, known)
        if under is None:
            i += 1
            continue
        after = lines[i + 2] if i + 2 < n else None
        if (
            after is not None
            and after.is_text
            and after.splitter in _SPLIT
            and not _labels(text, after, known)
            and not _captions(text, after, known)
            and _under(cap, after) is not None
        ):
            i += 1  # a second row of values: a table
            continue
        found.append((i, under, tuple(label_key(text[c.start : c.end]) for c in cap.cells)))
        i += 2
    # a form is a run of pairs with different captions (one blank line between at most);
    # a header over one row, repeated with the same captions, is a table each time
    form = [
        p
        for k, p in enumerate(found)
        if any(0 < abs(q[0] - p[0]) <= 3 and q[2] != p[2] for q in found[max(0, k - 1) : k + 2])
    ]
    paired: set[int] = set()
    for i, under, _ in form:
        if i in empty:
            cap = lines[i]
            out[i] = tuple(
                Field(i, label, label_key(label), c.start, c.end, c.end)
                for c in cap.cells
                if (label := text[c.start : c.end].strip("*_ "))
            )
            paired.add(i)
            continue
        cap, val = lines[i], lines[i + 1]
        fields: list[Field] = []
        for j, c in enumerate(cap.cells):
            label = text[c.start : c.end].strip("*_ ")
            cells = [val.cells[k] for k, col in enumerate(under) if col == j]
            v: Span | None = cells[0] if cells else None
            start, end = (v.start, v.end) if v is not None else (val.cstart, val.cstart)
            fields.append(Field(val.index, label, label_key(label), c.start, start, end))
        # a value line may have its own fields ("Present    Comment: late"): keep those
        own = [f for f in out[i + 1] if not any(f.start <= g.start < f.end for g in fields)]
        out[i] = ()
        out[i + 1] = tuple(sorted([*fields, *own], key=lambda f: f.start))
        paired.update((i, i + 1))
    if not paired:
        return tuple(out), tuple(tables)
    kept: list[Table] = []
    for t in tables:
        lines_of = set(range(t.first_line, t.last_line + 1))
        if not lines_of & paired:
            kept.append(t)
            continue
        rows = tuple(r for r in t.rows if not set(r.lines) & paired)
        header_taken = t.header_line is not None and t.header_line in paired
        if not rows or header_taken:
            continue  # its lines were captions and values: no table left
        spans = [line for r in rows for line in r.lines] + (
            [t.header_line] if t.header_line is not None else []
        )
        kept.append(
            dataclasses.replace(
                t,
                rows=rows,
                first_line=min(spans),
                last_line=max(spans),
                skipped=tuple(k for k in t.skipped if min(spans) <= k <= max(spans)),
            )
        )
    return tuple(out), tuple(kept)


_DATE_SHAPE = re.compile(
    r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?(?!\d)|\d{4}-\d{2}-\d{2}"
    r"|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d{1,2}"
)
_CLOCK_SHAPE = re.compile(r"(?i)\d{1,2}(?::\d{2})?[ \t]*[ap]\.?m|\d{1,2}[:.h]\d{2}|\b\d{4}\b|noon")
_PLACEHOLDER = re.compile(r"(?i)(?:-{1,3}|—|–|n/?a|none|tbd|\?+|_+)\.?")
_DATE_GROUPS = frozenset(
    {"date_of_service", "document_date", "admission_date", "discharge_date", "date_of_birth"}
)
_TIME_GROUPS = frozenset({"time", "start_time", "end_time"})
_SIGNATURE = re.compile(r"(?i)\b(?:signature|signed|attest)")


def _fits(label: Field, value: str) -> bool:
    """Whether ``value`` has the shape its label asks for: a date for a date label, a clock
    (or a placeholder) for a time label, and no leading date for any other label; a
    signature label pairs nothing (a block of signatures is not a form's fields)."""
    if _SIGNATURE.search(label.label):
        return False
    groups = label_groups().get(label.key, frozenset())
    value = value.strip()
    if groups and groups <= _DATE_GROUPS:
        return _DATE_SHAPE.search(value) is not None
    if groups and groups <= _TIME_GROUPS:
        return _CLOCK_SHAPE.search(value) is not None or _PLACEHOLDER.fullmatch(value) is not None
    return _DATE_SHAPE.match(value) is None


def column_fields(
    text: str, lines: Sequence[Line], fields_by_line: Sequence[tuple[Field, ...]]
) -> tuple[tuple[Field, ...], ...]:
    """``fields_by_line`` with labels paired to the values listed after them.

    A form flattened to text (a PDF form's text layer, a copied form) often lists a block
    of labels, one per line, and then their values, one per line, in the same order::

        Date of service:
        Service:
        06/02/2025
        Interpersonal Process Group

    A run of two or more lines that each hold only an empty field ("Label:"), followed at
    once by as many lines that hold no field and are not blank, is such a block when the
    line after the values is not another value (a blank line, a rule, a field, or the end)
    and every value has its label's shape (a date under a date label, a clock or "--" under
    a time label, no leading date under any other; no signature labels): each label takes
    the value line in its place. A value missing or out of order breaks the shapes, and
    the block is left as it is. The fields are placed on the value lines
    (the label's offsets stay on the label line, as for stacked captions), and the label
    lines keep no field.
    """
    out = list(fields_by_line)
    n = len(lines)

    def label_only(i: int) -> bool:
        fs = fields_by_line[i]
        return lines[i].is_text and len(fs) == 1 and fs[0].empty

    def value_line(i: int) -> bool:
        return lines[i].is_text and not fields_by_line[i]

    i = 0
    while i < n:
        if not label_only(i):
            i += 1
            continue
        j = i
        while j < n and label_only(j):
            j += 1
        k = j - i  # labels in the run
        values = range(j, j + k)
        if (
            k >= 2
            and j + k <= n
            and all(value_line(v) for v in values)
            and (j + k == n or not value_line(j + k))
            and all(
                _fits(fields_by_line[i + o][0], text[lines[v].cstart : lines[v].cend])
                for o, v in enumerate(values)
            )
        ):
            for offset, v in enumerate(values):
                label = fields_by_line[i + offset][0]
                line = lines[v]
                out[v] = (
                    Field(v, label.label, label.key, label.label_start, line.cstart, line.cend),
                )
                out[i + offset] = ()
            i = j + k
        else:
            i = j
    return tuple(out)


_CAPTION_WORD = re.compile(r"[A-Z][A-Za-z'/()&#.-]*|of|to|by|in|on|and|for|the|&|#|\(s\)")
_MIN_PAIRS = 2


def _caption(text: str, line: Line, known: frozenset[str]) -> str | None:
    """``"known"`` when the whole line is a known label without a colon ("Date of
    Service"), ``"named"`` when it is a short capitalized name that could be one ("Record
    Type", "Entered By"), else ``None``."""
    if not line.is_text or len(line.cells) > 1:
        return None
    words = text[line.cstart : line.cend].split()
    if not 1 <= len(words) <= 5 or text[line.cend - 1] in ".:;,!?":
        return None
    if label_key(text[line.cstart : line.cend]) in known:
        return "known"
    if len(words) >= 2 and text[line.cstart : line.cend].isupper():
        return None  # a title ("SERVICE RECORD EXPORT"), not a box's caption
    return "named" if all(_CAPTION_WORD.fullmatch(w) for w in words) else None


def caption_pairs(
    text: str,
    lines: Sequence[Line],
    fields_by_line: Sequence[tuple[Field, ...]],
    known: frozenset[str],
) -> tuple[tuple[Field, ...], ...]:
    """``fields_by_line`` with captions paired to the value on the line under each.

    A boxed form's text layer may give each box's caption on a line and its value on the
    next, box after box::

        Date of Service
        09/17/2025
        Service Provided
        Recovery Education Group

    A run of such pairs (no blank line between, no colons), at least two, one or more of
    whose captions are known labels, is a set of fields (a title in capitals is no
    caption): each caption the label of the
    line under it, when that line has a known caption's shape (a date under a date label,
    a clock under a time label: as for a flattened form's block). A caption followed by
    another caption and then a value is a box left empty (its value vanished from the text
    layer); a line that reads like a caption between two captions is a value ("Attendance"
    / "Attended" / "Delivery"). Any other line ends the run; a run that is not a form stays
    as it is.
    """
    out = list(fields_by_line)
    n = len(lines)

    def free(k: int) -> bool:
        return lines[k].is_text and not fields_by_line[k]

    i = 0
    while i < n:
        pairs: list[tuple[int, int]] = []
        known_count = 0
        j = i
        while j + 1 < n and free(j) and free(j + 1):
            kind = _caption(text, lines[j], known)
            if kind is None:
                break
            if (
                _caption(text, lines[j + 1], known) is not None
                and j + 2 < n
                and free(j + 2)
                and _caption(text, lines[j + 2], known) is None
            ):
                j += 1  # an empty box: its caption only; the next caption has the value
                continue
            label = text[lines[j].cstart : lines[j].cend]
            nxt = lines[j + 1]
            probe = Field(j + 1, label, label_key(label), lines[j].cstart, nxt.cstart, nxt.cend)
            if kind == "known" and not _fits(probe, text[nxt.cstart : nxt.cend]):
                break
            pairs.append((j, j + 1))
            known_count += kind == "known"
            j += 2
        if len(pairs) >= _MIN_PAIRS and known_count >= 1:
            for cap, val in pairs:
                c, v = lines[cap], lines[val]
                label = text[c.cstart : c.cend]
                out[val] = (Field(val, label, label_key(label), c.cstart, v.cstart, v.cend),)
            i = j
        elif known_count == 0:
            i = max(i + 1, j)  # no known caption from here to j: none from inside it (linear)
        else:
            i += 1
    return tuple(out)


# a caption line written with single blanks: each caption begins with a capitalized word
# ("Sched. start Sched. end Time in Time out"); its other words are lower case, acronyms
# ("Client ID") or connectors
_CAPTION_LINE = re.compile(r"[A-Za-z][A-Za-z.()/#&'-]*(?:[ \t][A-Za-z][A-Za-z.()/#&'-]*)+")
_STARTS_CAPTION = re.compile(r"[A-Z][a-z]")
# typed values of a value line written with single blanks, each whole at its place
_CLOCK_VALUE = r"(?i:\d{1,2}(?::[0-5]\d)?[ \t]?[ap]\.?m\.?|\d{1,2}:[0-5]\d)"
_VALUE_TOKENS = re.compile(
    rf"(?P<range>{_CLOCK_VALUE}[ \t]*[-–][ \t]*{_CLOCK_VALUE}(?![\w:/]))"
    rf"|(?P<clock>{_CLOCK_VALUE}(?![\w:/]))"
    r"|(?P<date>(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\w/]))"
    r"|(?P<none>(?:-{1,3}|—|–|(?i:n/a))(?![\w/-]))"
    r"|(?P<code>[A-Za-z]{0,3}\d[\w.-]*)(?![\w/])"
)
_MAX_SPACED = 8


def _caption_names(
    text: str, line: Line, known: frozenset[str]
) -> list[tuple[int, int, bool]] | None:
    """The captions of a line of captions set apart by single blanks, as spans and whether
    each is a known label: a caption begins at each capitalized word (``Sched. start`` |
    ``Time in``); in a line of capitals, each known label is a caption, the words between
    two known labels one more ("CLIENT NAME CLIENT ID" | "DATE OF BIRTH" | "DATE OF
    SERVICE"); ``None`` when the line is not made of words alone or does not begin with
    one."""
    s, e = line.cstart, line.cend
    if _CAPTION_LINE.fullmatch(text, s, e) is None:
        return None
    if not any(ch.islower() for ch in text[s:e]):
        return _known_captions(text, s, e, known)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[s:e])]
    out: list[tuple[int, int]] = []
    for a, b in words:
        if _STARTS_CAPTION.match(text, s + a) is not None or not out:
            if _STARTS_CAPTION.match(text, s + a) is None:
                return None
            out.append((s + a, s + b))
        else:
            out[-1] = (out[-1][0], s + b)
    return [(a, b, label_key(text[a:b]) in known) for a, b in out]


_MAX_LABEL_WORDS = 6


def _known_captions(
    text: str, s: int, e: int, known: frozenset[str]
) -> list[tuple[int, int, bool]]:
    words = [(s + m.start(), s + m.end()) for m in re.finditer(r"\S+", text[s:e])]
    out: list[tuple[int, int, bool]] = []
    pending: tuple[int, int] | None = None
    i = 0
    while i < len(words):
        n = next(
            (
                n
                for n in range(min(_MAX_LABEL_WORDS, len(words) - i), 0, -1)
                if label_key(text[words[i][0] : words[i + n - 1][1]]) in known
            ),
            0,
        )
        if n:
            if pending is not None:
                out.append((*pending, False))
                pending = None
            out.append((words[i][0], words[i + n - 1][1], True))
            i += n
        else:
            pending = (pending[0] if pending else words[i][0], words[i][1])
            i += 1
    if pending is not None:
        out.append((*pending, False))
    return out


def _spaced_values(text: str, line: Line) -> list[tuple[int, int, str]] | None:
    """The values of a line written with single blanks: typed values (a clock, a date, a
    code or number, a blank's placeholder), each whole, and runs of other words between
    them, each one value; ``None`` when no value is typed."""
    out: list[tuple[int, int, str]] = []
    i, e = line.cstart, line.cend
    free: int | None = None
    while i < e:
        if text[i] in " \t":
            i += 1
            continue
        m = _VALUE_TOKENS.match(text, i, e)
        if m is not None and (m.end() == e or text[m.end()] in " \t"):
            if free is not None:
                end = i
                while text[end - 1] in " \t":
                    end -= 1
                out.append((free, end, "free"))
                free = None
            out.append((m.start(), m.end(), m.lastgroup or "code"))
            i = m.end()
            continue
        if free is None:
            free = i
        while i < e and text[i] not in " \t":
            i += 1
    if free is not None:
        out.append((free, e, "free"))
    if all(kind == "free" for _, _, kind in out):
        return None
    return out


def _takes(key: str, kind: str, clock_words: frozenset[str]) -> bool:
    """Whether a caption (its key) takes a value of ``kind``: a date label a date (or a
    blank's placeholder), a time label a clock (or a placeholder); a clock only a time
    label or a caption ending in a time word ("Sched. start"), a date only a date label."""
    groups = label_groups().get(key, frozenset())
    if _SIGNATURE.search(key):
        return False
    if groups and groups <= _DATE_GROUPS:
        return kind in ("date", "none")
    if groups and groups <= _TIME_GROUPS:
        return kind in ("clock", "range", "none")
    if kind in ("clock", "range"):
        return not groups and key.split()[-1] in clock_words
    return kind != "date"


# values whose shape says what they are (a number or a code may be anything)
_STRONG = frozenset({"date", "clock", "range"})


def _end_pairs(
    names: list[tuple[int, int, bool]],
    keys: list[str],
    values: list[tuple[int, int, str]],
    clock_words: frozenset[str],
) -> list[tuple[tuple[int, int, bool], str, tuple[int, int, str]]]:
    """Captions paired with values from each end of their lines inward, while the caption
    is a known label over a date, a clock or a range of its shape (a number could be any
    caption's)."""
    out: list[tuple[tuple[int, int, bool], str, tuple[int, int, str]]] = []
    limit = min(len(names), len(values))
    for k in range(limit):
        n, v = names[k], values[k]
        # the line's first words under its first caption, a known one ("SERVICE" over
        # "Psychoeducation Group ..."): up to its first typed value
        first_words = k == 0 and v[2] == "free" and n[2] and _takes(keys[k], v[2], clock_words)
        if not first_words and (
            not n[2] or v[2] not in _STRONG or not _takes(keys[k], v[2], clock_words)
        ):
            break
        out.append((n, keys[k], v))
        if first_words:
            break
    left = len(out)
    for k in range(1, limit - left + 1):
        n, v = names[-k], values[-k]
        if not n[2] or v[2] not in _STRONG or not _takes(keys[-k], v[2], clock_words):
            break
        out.append((n, keys[-k], v))
    return sorted(out, key=lambda p: p[2][0])


def spaced_captions(
    text: str,
    lines: Sequence[Line],
    fields_by_line: Sequence[tuple[Field, ...]],
    tables: Sequence[Table],
    known: frozenset[str],
) -> tuple[tuple[Field, ...], ...]:
    """``fields_by_line`` with a line of captions paired to the line of values under it,
    both written with single blanks (a PDF form's text layer that prints a row of boxes as
    one line)::

        Sched. start Sched. end Time in Time out
        9:00 AM 10:00 AM 9:00 AM 10:00 AM

    The captions are the line's words, one caption from each capitalized word to the next
    (``Client ID``: an acronym goes on); one or more of them are known labels. The values
    are the typed values of the next line (a clock, a date, a code or number, ``--`` or
    ``N/A`` for a blank) and the runs of other words between them (``Group Psychotherapy
    90853 7``: a name, a code, a number). When there are as many values as captions and
    each has its caption's shape (a clock under a time caption or one ending in a time
    word, a date under a date caption only), each caption labels the value in its place. A
    third line with values of the same shapes makes the pair a table's header and row, not
    fields. The fields are placed on the value line (the label's offsets stay on the
    caption line)."""
    out = list(fields_by_line)
    taken = {k for t in tables for k in range(t.first_line, t.last_line + 1)}
    clock_words = frozenset(
        k for k, g in label_groups().items() if g and g <= _TIME_GROUPS and " " not in k
    )

    def single(k: int) -> bool:
        line = lines[k]
        return line.is_text and len(line.cells) == 1 and not fields_by_line[k] and k not in taken

    for i in range(len(lines) - 1):
        if not (single(i) and single(i + 1)):
            continue
        names = _caption_names(text, lines[i], known)
        if names is None or not 2 <= len(names) <= _MAX_SPACED:
            continue
        keys = [label_key(text[a:b]) for a, b, _ in names]
        if not any(k in known for k in keys):
            continue
        values = _spaced_values(text, lines[i + 1])
        if values is None:
            continue
        if i + 2 < len(lines) and single(i + 2):
            more = _spaced_values(text, lines[i + 2])
            if more is not None and [v[2] for v in more] == [v[2] for v in values]:
                continue  # a second row of values: a table
        pairs = list(zip(names, keys, values, strict=False))
        capitals = not any(ch.islower() for ch in text[lines[i].cstart : lines[i].cend])
        if len(values) != len(names) and not capitals:
            continue
        if len(values) != len(names) or (capitals and not all(n[2] for n in names)):
            # the captions' words could not all be told apart: the known captions at the
            # ends, each over a typed value at its end of the line ("... DATE OF BIRTH DATE
            # OF SERVICE" over "... 10/03/1992 04/29/2025")
            pairs = _end_pairs(names, keys, values, clock_words)
        if not pairs or not all(_takes(k, v[2], clock_words) for _, k, v in pairs):
            continue
        out[i + 1] = tuple(
            Field(i + 1, text[a:b], key, a, vs, ve) for (a, b, _), key, (vs, ve, _) in pairs
        )
    return tuple(out)


__all__ = ["caption_pairs", "column_fields", "spaced_captions", "stacked_fields"]
