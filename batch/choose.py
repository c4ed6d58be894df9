"""``--policy auto``: choose a chart's policy pack from the payer its documents name.

The packs differ by payer and program: ``medicare-iop`` (Medicare), ``medicare-otp-iop``
(Medicare, services of an opioid treatment program) and ``optum-idaho-iop`` (Optum Idaho,
Idaho Medicaid). The chooser looks only for those names, line by line, in the text of
every document:

- **Medicare**: the word "Medicare" as a payer (not "Medicare-certified", "-approved" or
  "-enrolled"). "MBI" is not counted: in these charts it also means
  "mindfulness-based intervention".
- **Idaho Medicaid**: a name that says Idaho ("Optum Idaho", "Idaho Medicaid", "Idaho
  Behavioral Health Plan", "IBHP", "Idaho Department of Health and Welfare", "IDHW"), or
  "Medicaid" or "Optum" with "Idaho" on the same line. "Medicaid" or "Optum" alone may be
  any state's: not counted, and the reason says so.
- **An opioid treatment program**: "OTP", "opioid treatment program", "G0137".

On a line with checkboxes (``☐ ☒ ☑ ✔``, ``[ ]``, ``[X]``...) a name counts only when its
own box is checked: "☐ Medicare ☒ Commercial" and "[ ] Medicare [X] Commercial" do not
name Medicare. A box belongs to the label after it, or, on a line that ends with a box
and does not start with one ("Medicare [X] Commercial [ ]"), to the label before it. A
yes/no row ("Medicare: ☐ Yes ☒ No") counts only with "Yes" checked and "No" not. An
unclear mark (``✗``) counts as not checked: a name is never counted on a guess.

Then it decides:

- Idaho Medicaid named, Medicare not: ``optum-idaho-iop``;
- Medicare named, Idaho Medicaid not: ``medicare-otp-iop`` when an opioid treatment
  program is named, else ``medicare-iop``;
- both payers named, or neither: **no pack**. The chart is not reviewed and its reason
  says what was found and asks for the pack (``--policy`` or the manifest's ``policy``
  column). It never guesses: a chart that names no payer is not assumed to be Medicare.

Every choice comes with its reason: which of the chooser's words were matched, in how many
documents, and which were seen but not counted (and why). The reason quotes only those
words of the chooser's lists and counts, never other chart text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from core.data import Document

CHOOSER_VERSION = "2"

MEDICARE_IOP = "medicare-iop"
MEDICARE_OTP_IOP = "medicare-otp-iop"
IDAHO_IOP = "optum-idaho-iop"
PACKS = (MEDICARE_IOP, MEDICARE_OTP_IOP, IDAHO_IOP)

Group = Literal["medicare", "idaho", "otp"]

# (the word as the reason names it, its group or None, pattern), tried in this order at
# each place of a line: a longer name before the words it contains
_TERMS: tuple[tuple[str, Group | None, str], ...] = (
    ("Optum Idaho", "idaho", r"(?i:\boptum\s+idaho\b)"),
    ("Idaho Medicaid", "idaho", r"(?i:\bidaho\s+medicaid\b)"),
    ("Idaho Behavioral Health Plan", "idaho", r"(?i:\bidaho\s+behavioral\s+health\s+plan\b)"),
    (
        "Idaho Department of Health and Welfare",
        "idaho",
        r"(?i:\bidaho\s+department\s+of\s+health\s+(?:and|&)\s+welfare\b)",
    ),
    ("IBHP", "idaho", r"\bIBHP\b"),
    ("IDHW", "idaho", r"\bIDHW\b"),
    ("opioid treatment program", "otp", r"(?i:\bopioid\s+treatment\s+programs?\b)"),
    ("OTP", "otp", r"\bOTPs?\b"),
    ("G0137", "otp", r"\bG0137\b"),
    ("Medicare", "medicare", r"(?i:\bmedicare\b(?![\s-]*(?:certified|approved|enrolled)))"),
    # counted only with "Idaho" on the same line
    ("Medicaid", None, r"(?i:\bmedicaid\b)"),
    ("Optum", None, r"(?i:\boptum\b)"),
    ("Idaho", None, r"(?i:\bidaho\b)"),
)
_TERM = re.compile("|".join(f"(?P<t{n}>{pattern})" for n, (_, _, pattern) in enumerate(_TERMS)))
_WITH_IDAHO = ("Medicaid", "Optum")

_CHECKED = re.compile(r"[☑☒✓✔✅■▣⊠◉●⬛]|\[\s*[xX✓✔*•]\s*\]|\(\s*[xX✓✔•]\s*\)")
_UNCHECKED = re.compile(r"[☐□◻◽⬜❏❐❑❒○◯✗✘]|\[[\s_]*\]|\(\s+\)")
_BOX = re.compile(f"(?P<checked>{_CHECKED.pattern})|(?P<unchecked>{_UNCHECKED.pattern})")
_YES = {"yes", "y"}
_NO = {"no", "n"}


Why = Literal["", "with_idaho", "without_idaho", "unchecked"]


@dataclass(frozen=True)
class PayerWord:
    """One of the chooser's words as seen in a chart: in how many documents, and what it
    was counted as (``group`` None: not counted, ``why`` says why; "with_idaho": Medicaid
    or Optum counted as Idaho Medicaid for "Idaho" on the same line)."""

    word: str  # as the chooser names it: "Optum Idaho", "Medicaid", "OTP"
    group: Group | None
    documents: int
    why: Why = ""


@dataclass(frozen=True)
class Choice:
    """The pack chosen (None: no pack could be chosen) and why; ``words`` and
    ``documents`` say the same in parts (for a reader's own words: the workspace)."""

    pack: str | None
    reason: str
    words: tuple[PayerWord, ...] = ()
    documents: int = 0


@dataclass
class _Found:
    """Per group, in how many documents each counted word occurs; and the words seen but
    not counted, with why."""

    counted: dict[Group, dict[str, int]] = field(
        default_factory=lambda: {"medicare": {}, "idaho": {}, "otp": {}}
    )
    ignored: dict[str, int] = field(default_factory=dict)
    words: dict[tuple[str, Group | None, Why], int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Box:
    start: int
    end: int
    checked: bool


@dataclass(frozen=True)
class _Term:
    name: str
    group: Group | None
    start: int
    end: int


def _terms(line: str) -> list[_Term]:
    found = []
    for match in _TERM.finditer(line):
        n = int(str(match.lastgroup)[1:])
        name, group, _ = _TERMS[n]
        found.append(_Term(name, group, match.start(), match.end()))
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _ticked(line: str, terms: list[_Term]) -> list[bool | None]:
    """For each of ``terms``: True (its box is checked), False (its box is not, or the
    line's yes/no boxes do not say yes), None (no box of its own: plain text)."""
    boxes = [_Box(m.start(), m.end(), m.lastgroup == "checked") for m in _BOX.finditer(line)]
    if not boxes:
        return [None] * len(terms)
    label_after = bool(re.search(r"\w", line[: boxes[0].start])) and not re.search(
        r"\w", line[boxes[-1].end :]
    )
    # each box's label, without the payer words: the text after it up to the next box
    # (or before it, from the previous box, when labels come first)
    rest = list(line)
    for term in terms:
        rest[term.start : term.end] = " " * (term.end - term.start)
    text = "".join(rest)
    labels: list[str] = []
    for i, box in enumerate(boxes):
        if label_after:
            labels.append(text[boxes[i - 1].end if i else 0 : box.start])
        else:
            labels.append(text[box.end : boxes[i + 1].start if i + 1 < len(boxes) else len(text)])
    # a yes/no row: the payer words are its question
    answers = [
        (box.checked, " ".join(_words(label))) for box, label in zip(boxes, labels, strict=True)
    ]
    yes_no = [(checked, a) for checked, a in answers if a in _YES | _NO]
    if yes_no:
        said_yes = any(c and a in _YES for c, a in yes_no) and not any(
            c and a in _NO for c, a in yes_no
        )
        return [said_yes] * len(terms)
    ticked: list[bool | None] = []
    for term in terms:
        if label_after:
            owner = next((b for b in boxes if b.start >= term.end), None)
        else:
            owner = next((b for b in reversed(boxes) if b.end <= term.start), None)
        ticked.append(None if owner is None else owner.checked)
    return ticked


def _document(
    text: str,
) -> tuple[dict[str, Group], set[str], set[tuple[str, Group | None, Why]]]:
    """The counted words of one document (word -> group), the words not counted, and the
    same in parts (:class:`PayerWord`)."""
    counted: dict[str, Group] = {}
    ignored: set[str] = set()
    seen: set[tuple[str, Group | None, Why]] = set()
    for line in text.splitlines():
        terms = _terms(line)
        if not terms:
            continue
        kept = []
        for term, ticked in zip(terms, _ticked(line, terms), strict=True):
            if ticked is False:
                ignored.add(f'"{term.name}" beside a box not checked')
                seen.add((term.name, None, "unchecked"))
            else:
                kept.append(term)
        idaho_here = any("Idaho" in t.name for t in kept)
        for term in kept:
            if term.group is not None:
                counted[f'"{term.name}"'] = term.group
                seen.add((term.name, term.group, ""))
            elif term.name in _WITH_IDAHO:
                if idaho_here:
                    counted[f'"{term.name}" with "Idaho" on the same line'] = "idaho"
                    seen.add((term.name, "idaho", "with_idaho"))
                else:
                    ignored.add(f'"{term.name}" without "Idaho" on the same line')
                    seen.add((term.name, None, "without_idaho"))
    return counted, ignored, seen


def _find(documents: Sequence[Document]) -> _Found:
    found = _Found()
    for document in documents:
        counted, ignored, seen = _document("\n".join(page.text for page in document.pages))
        for word, group in counted.items():
            found.counted[group][word] = found.counted[group].get(word, 0) + 1
        for note in ignored:
            found.ignored[note] = found.ignored.get(note, 0) + 1
        for key in seen:
            found.words[key] = found.words.get(key, 0) + 1
    return found


def _said(counts: dict[str, int], total: int) -> str:
    return ", ".join(f"{word} in {n} of {total} documents" for word, n in counts.items())


def choose_pack(documents: Sequence[Document]) -> Choice:
    """The pack for a chart of ``documents``, from the payer and program they name."""
    total = len(documents)
    if total == 0:
        return Choice(None, "no readable document to choose a pack from; give the pack")
    found = _find(documents)
    words = tuple(
        PayerWord(word, group, n, why)
        for (word, group, why), n in sorted(
            found.words.items(), key=lambda item: (-item[1], item[0][0], item[0][2])
        )
    )
    choice = _choose(found, total)
    return Choice(choice.pack, choice.reason, words, total)


def _choose(found: _Found, total: int) -> Choice:
    medicare, idaho, otp = (found.counted[g] for g in ("medicare", "idaho", "otp"))
    ask = "give the pack with --policy or the manifest's policy column"
    notes = f"; not counted: {_said(found.ignored, total)}" if found.ignored else ""
    if medicare and idaho:
        return Choice(
            None,
            f"names both Medicare ({_said(medicare, total)}) and Idaho Medicaid "
            f"({_said(idaho, total)}): cannot tell which payer reviews it{notes}; {ask}",
        )
    if idaho:
        also = f"; also names {_said(otp, total)}" if otp else ""
        return Choice(
            IDAHO_IOP,
            f"Idaho Medicaid payer named ({_said(idaho, total)}); Medicare not named{also}{notes}",
        )
    if medicare:
        if otp:
            return Choice(
                MEDICARE_OTP_IOP,
                f"Medicare payer named ({_said(medicare, total)}) and an opioid treatment "
                f"program ({_said(otp, total)}); Idaho Medicaid not named{notes}",
            )
        return Choice(
            MEDICARE_IOP,
            f"Medicare payer named ({_said(medicare, total)}); no opioid treatment program "
            f"named; Idaho Medicaid not named{notes}",
        )
    program = (
        f"; it names an opioid treatment program ({_said(otp, total)}), but "
        f"{MEDICARE_OTP_IOP} applies to Medicare only"
        if otp
        else ""
    )
    return Choice(
        None,
        "names no payer the packs cover (Medicare; Optum Idaho or Idaho Medicaid)"
        f"{program}{notes}; {ask}",
    )
