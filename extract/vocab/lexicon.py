"""Strict loader for ``lexicon.yaml``: label spellings and credentials as data."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field

from core.data import Frozen
from core.errors import ExtractionError
from core.yamlio import load_model
from extract.vocab.phrases import norm

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")

NonEmpty = Annotated[list[str], Field(min_length=1)]


class Labels(Frozen):
    date_of_service: NonEmpty
    document_date: NonEmpty
    admission_date: NonEmpty
    discharge_date: NonEmpty
    date_of_birth: NonEmpty
    age: NonEmpty
    time: NonEmpty
    start_time: NonEmpty
    end_time: NonEmpty
    duration: NonEmpty
    service: NonEmpty
    facilitator: NonEmpty
    attendance: NonEmpty
    modality: NonEmpty
    group_size: NonEmpty
    diagnosis: NonEmpty
    response: NonEmpty
    intervention: NonEmpty
    goal_relation: NonEmpty


class Lexicon(Frozen):
    labels: Labels
    credentials: dict[str, NonEmpty]

    def credential_spellings(self) -> dict[str, str]:
        """Map every accepted spelling (as written and upper-cased) to its canonical form."""
        out: dict[str, str] = {}
        for canonical, spellings in self.credentials.items():
            for s in [canonical, *spellings]:
                out[s] = canonical
                out[s.upper()] = canonical
                # a spelling of capitals and hyphens is also written with periods:
                # "LPC" as "L.P.C.", "LPC-S" as "L.P.C.-S"
                if re.fullmatch(r"[A-Z]{2,6}(?:-[A-Z]{1,3})?", s):
                    letters, _, suffix = s.partition("-")
                    dotted = "".join(f"{c}." for c in letters) + (f"-{suffix}" if suffix else "")
                    out.setdefault(dotted, canonical)
        return out


@cache
def lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    return load_model(path, Lexicon, "extractor lexicon", ExtractionError)


@cache
def label_groups() -> dict[str, frozenset[str]]:
    """Each label spelling, normalized (:func:`extract.vocab.phrases.norm`), -> the groups
    of ``labels`` it is listed under ("date" is a date of service and a document date)."""
    out: dict[str, set[str]] = {}
    for group, spellings in lexicon().labels.model_dump().items():
        for spelling in spellings:
            out.setdefault(norm(spelling), set()).add(group)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def credential_pattern() -> re.Pattern[str]:
    """A regex matching one credential token (longest spellings first)."""
    spellings = sorted(_spellings(), key=len, reverse=True)
    alts = "|".join(re.escape(s) for s in spellings)
    return re.compile(rf"(?<![A-Za-z])(?:{alts})(?![A-Za-z])")


def canonical_credential(token: str) -> str | None:
    return _spellings().get(token)


@cache
def _spellings() -> dict[str, str]:
    """The lexicon's credential spellings, built once (looked up for every name)."""
    return lexicon().credential_spellings()
