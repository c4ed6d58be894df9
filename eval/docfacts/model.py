"""Types of the document-fact harness: a family renders a few documents (a treatment plan,
a certification, a risk assessment, an authorization letter, ...) and states, per document,
what a careful human reader finds in it (the gold).

A *family* is one way of writing these documents: one EHR template or one clinician's
habits, with its own headings, signature blocks and wording; the seed picks among its
variants. A family's ``render`` returns a :class:`DocChart`: the files of one member's
chart and a :class:`DocGold` per file it scores. Each gold field is ``None`` when the family
does not score that field for that document (nothing is claimed), and an empty tuple or set
when the document holds none of it (so anything found there is a false positive).

The gold is what the written words support under ``../shared/spec/RULES.md``, never what
a tool happens to find. Nothing here imports the extractor; authors of families must not
read ``extract/``, ``ingest/``, ``pipeline/``, ``prompts/`` or ``rules/checks``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from core.facts import (
    CertificationElement,
    ContinuedStayElement,
    ParticipationStatus,
)

Split = Literal["dev", "heldout"]

DocKind = Literal[
    "treatment_plan",
    "certification",  # initial certification of need for IOP (physician/NPP)
    "recertification",
    "risk_assessment",  # a risk evaluation/instrument that reaches a conclusion
    "evaluation",  # psychiatric/psychosocial/intake evaluation
    "progress_note",
    "authorization",  # payer authorization letter / form
    "continued_stay_request",
    "discharge_summary",
]

# Canonical instrument names a score's gold uses.
Instrument = Literal[
    "PHQ-9", "GAD-7", "C-SSRS", "AUDIT", "AUDIT-C", "DAST-10", "PCL-5", "BAM", "CCSM"
]


@dataclass(frozen=True)
class GoldSigner:
    """One signature of the document, or a required signature line left blank.

    ``name``: the signer's name exactly as a reader would say it ("Dana Whitfield"; the
    scorer compares last names, case-insensitively). ``credential``: the first credential
    written with the name, upper case without dots ("MD", "LCSW", "PMHNP"), or ``None``
    when none is written. ``signed``: False for a blank required line ("Physician
    signature: ________"), whose ``name`` is then the role as written ("Physician").
    """

    name: str
    credential: str | None
    signed: bool = True


@dataclass(frozen=True)
class GoldGoal:
    """One goal of a plan with its objectives, or one objective. ``text``: a verbatim piece
    of its words (at least 20 characters, unique in the document) that locates it.
    ``has_measure``: its own words (or its own target/measure field or cell) state an
    observable criterion, count, ratio, frequency, percentage or score threshold;
    ``has_time_frame``: they state a date or a duration ("by 03/15/2026", "within 8 weeks",
    "in 30 days", "by discharge"). ``objectives``: the goal's objectives, each judged on its
    own words the same way.

    One model (CHANGELOG, issue 12): an objective belongs to its goal; a goal is measurable
    (time-framed) when its own words or one of its objectives state a measure (a time
    frame), as RULES.md ``goals-measurable`` judges it. The gold states each part on its
    own words, so each is scored where it is written; a family that does not say which
    goal an objective belongs to may list it as a goal of its own (its part is still
    scored; whom it belongs to is not)."""

    text: str
    has_measure: bool
    has_time_frame: bool
    objectives: tuple[GoldGoal, ...] = ()


@dataclass(frozen=True)
class GoldRisk:
    """The conclusion of a risk assessment, as written (RULES.md "Risk assessment"):
    whether the member is in imminent danger to self or others, and whether the member
    needs 24-hour supervision / inpatient care. ``None``: the document does not say."""

    imminent_danger: bool | None
    needs_24h_supervision: bool | None


@dataclass(frozen=True)
class GoldScore:
    """A standardized measure's result: instrument, total score and the date it was given
    (``None`` if the document gives no date for it other than its own)."""

    instrument: Instrument
    value: float
    date: dt.date | None = None


@dataclass(frozen=True)
class GoldParticipation:
    """A statement of whether the member participates in treatment (RULES.md
    ``medicare-iop.participation``), with the date it is about."""

    status: ParticipationStatus
    date: dt.date | None = None


@dataclass(frozen=True)
class DocGold:
    """What a careful reader finds in one file of the chart.

    ``file``: the file's name in :attr:`DocChart.files`. ``kind``: what the document is.
    ``date``: the document's own date (service, written or signed), if it states one.
    Every other field: ``None`` = not scored here; otherwise the complete list of what the
    document states (see each class above).

    - ``signers``: every signer and blank required signature line (plans,
      certifications, recertifications; others may be scored too);
    - ``certification_elements``: what a (re)certification states (RULES.md);
      ``hours_per_week``: the weekly hours it certifies as needed;
    - ``risk``: the risk conclusion (risk assessments, evaluations);
    - ``goals``: every goal of a plan, with its objectives (:class:`GoldGoal`);
    - ``authorization``: the period an authorization runs (start, end);
    - ``continued_stay``: what supports a continued stay (RULES.md
      ``medicare-iop.continued-stay``);
    - ``participation``: every statement of participation or its absence;
    - ``scores``: every standardized score stated with a value.
    """

    file: str
    kind: DocKind
    date: dt.date | None = None
    signers: tuple[GoldSigner, ...] | None = None
    certification_elements: frozenset[CertificationElement] | None = None
    hours_per_week: float | None = None
    risk: GoldRisk | None = None
    goals: tuple[GoldGoal, ...] | None = None
    authorization: tuple[dt.date | None, dt.date | None] | None = None
    continued_stay: frozenset[ContinuedStayElement] | None = None
    participation: tuple[GoldParticipation, ...] | None = None
    scores: tuple[GoldScore, ...] | None = None


@dataclass(frozen=True)
class DocFile:
    """A file of the chart: UTF-8 text (``.txt``, ``.md``, ``.csv``) or a PDF's bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class DocChart:
    """One member's chart as a family writes it: its files, and the gold of those it
    scores (files without a gold are context: notes around a plan, a cover sheet)."""

    files: tuple[DocFile, ...]
    gold: tuple[DocGold, ...]


DocRenderer = Callable[[random.Random], DocChart]


@dataclass(frozen=True)
class DocFamily:
    """A family of document phrasings: one renderer; the ``rng`` (seeded per chart) picks
    among its variants. ``conventions``: what it exercises, a few words each."""

    name: str
    split: Split
    description: str
    conventions: tuple[str, ...]
    render: DocRenderer
    tags: tuple[str, ...] = field(default_factory=tuple)
