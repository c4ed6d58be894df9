"""``--policy auto``: choose a chart's policy pack from the payer its documents name.

The packs differ by payer and program: ``medicare-iop`` (Medicare), ``medicare-otp-iop``
(Medicare, services of an opioid treatment program) and ``optum-idaho-iop`` (Optum Idaho,
Idaho Medicaid). The chooser looks only for those names, word by word, in the text of
every document, and decides:

- Optum Idaho / Idaho Medicaid named, Medicare not: ``optum-idaho-iop``;
- Medicare named (a payer, not "Medicare-certified"), Idaho Medicaid not: ``medicare-otp-iop``
  when an opioid treatment program is named (OTP, "opioid treatment program", G0137),
  else ``medicare-iop``;
- both payers named, or neither: **no pack**. The chart is not reviewed and its reason
  says what was found and asks for the pack (``--policy`` or the manifest's ``policy``
  column). It never guesses: a chart that names no payer is not assumed to be Medicare.

Every choice comes with its reason (which names were found in how many documents),
kept in the batch summary. The reason names words of the chooser's lists and counts, never
chart text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.data import Document

CHOOSER_VERSION = "1"

MEDICARE_IOP = "medicare-iop"
MEDICARE_OTP_IOP = "medicare-otp-iop"
IDAHO_IOP = "optum-idaho-iop"
PACKS = (MEDICARE_IOP, MEDICARE_OTP_IOP, IDAHO_IOP)

# (what the reason calls it, pattern); matched per document
MEDICARE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Medicare", re.compile(r"\bmedicare\b(?![\s-]*(?:certified|approved|enrolled))", re.I)),
    ("MBI", re.compile(r"\bMBI\b")),
)
IDAHO_MEDICAID: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Optum Idaho", re.compile(r"\boptum\s+idaho\b", re.I)),
    ("Idaho Medicaid", re.compile(r"\bidaho\s+medicaid\b", re.I)),
    ("Medicaid", re.compile(r"\bmedicaid\b", re.I)),
    ("IBHP", re.compile(r"\bIBHP\b|\bidaho\s+behavioral\s+health\s+plan\b", re.I)),
)
OTP: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("OTP", re.compile(r"\bOTPs?\b")),
    ("opioid treatment program", re.compile(r"\bopioid\s+treatment\s+program", re.I)),
    ("G0137", re.compile(r"\bG0137\b")),
)


@dataclass(frozen=True)
class Choice:
    """The pack chosen (None: no pack could be chosen) and why."""

    pack: str | None
    reason: str


def _found(
    documents: Sequence[Document], patterns: Sequence[tuple[str, re.Pattern[str]]]
) -> dict[str, int]:
    """For each name of ``patterns``, in how many documents it occurs (names found only)."""
    counts: dict[str, int] = {}
    for document in documents:
        text = "\n".join(page.text for page in document.pages)
        for name, pattern in patterns:
            if pattern.search(text):
                counts[name] = counts.get(name, 0) + 1
    return counts


def _said(counts: dict[str, int], total: int) -> str:
    return ", ".join(f"{name} in {n} of {total} documents" for name, n in counts.items())


def choose_pack(documents: Sequence[Document]) -> Choice:
    """The pack for a chart of ``documents``, from the payer and program they name."""
    total = len(documents)
    if total == 0:
        return Choice(None, "no readable document to choose a pack from; give the pack")
    medicare = _found(documents, MEDICARE)
    idaho = _found(documents, IDAHO_MEDICAID)
    otp = _found(documents, OTP)
    ask = "give the pack with --policy or the manifest's policy column"
    if medicare and idaho:
        return Choice(
            None,
            f"names both Medicare ({_said(medicare, total)}) and Idaho Medicaid "
            f"({_said(idaho, total)}): cannot tell which payer reviews it; {ask}",
        )
    if idaho:
        also = f"; also names {_said(otp, total)}" if otp else ""
        return Choice(
            IDAHO_IOP, f"Idaho Medicaid payer named ({_said(idaho, total)}); Medicare not{also}"
        )
    if medicare:
        if otp:
            return Choice(
                MEDICARE_OTP_IOP,
                f"Medicare payer named ({_said(medicare, total)}) and an opioid treatment "
                f"program ({_said(otp, total)})",
            )
        return Choice(
            MEDICARE_IOP,
            f"Medicare payer named ({_said(medicare, total)}); no opioid treatment program "
            "named; Idaho Medicaid not named",
        )
    program = (
        f"; it names an opioid treatment program ({_said(otp, total)}), but "
        f"{MEDICARE_OTP_IOP} applies to Medicare only"
        if otp
        else ""
    )
    return Choice(
        None,
        f"names no payer the packs cover (Medicare; Optum Idaho or Idaho Medicaid){program}; {ask}",
    )
