"""From the model's proposals to facts: align every quote, convert, de-duplicate, and join
the results with the deterministic extractor's facts.

Alignment happens against the chunk the model was shown (:func:`extract.llm.align.align`);
the chunk's offset turns the span into page offsets, and the evidence is built with
:meth:`core.data.Document.evidence`, so its quote is always the page's own text. A proposal
whose quote cannot be aligned becomes a :class:`core.facts.UngroundedFact`, never a fact.
Every LLM fact's ``source`` reads ``llm:<prompt version>:<how>`` (``exact``,
``normalized`` or ``fuzzy``; for a goal, the loosest of its spans).

How LLM results join the deterministic facts (``mode`` "llm" or "hybrid"):

* Participation, acuity, danger, continued stay, discharge planning are independent facts.
  "hybrid" keeps the deterministic ones and adds the LLM's (an LLM fact that repeats a
  deterministic one - same type and value, overlapping span - is dropped), so when the two
  disagree both are there and the rules see the conflict (participation: participates and
  refuses -> ``insufficient_evidence``; acuity: stable at admission and acute ->
  ``insufficient_evidence``; danger: any current danger -> ``not_met``). "llm" replaces the
  deterministic ones with the LLM's.
* Progress-note elements are attached to the deterministic :class:`core.facts.Session` of
  the same note. Each note session of a document has an own range: from its first to its
  last span that no other session of the document shares (its title, time line,
  attendance). A proposal goes to the session whose own range holds its ``session_quote``
  (else its first element), or else to the nearest one (a tie goes to the earlier session:
  a note's body follows its header); an element quoting another session's own text goes
  to that session (it documents that one, whatever note it was proposed for). "hybrid"
  adds the LLM's elements after the deterministic ones (same span: kept once), so
  ``Session.element()`` still returns the deterministic one and the finding's evidence
  lists both; "llm" replaces them. A document with no note session to attach to sends the
  proposal to ``ungrounded``.
* Goals are matched to the deterministic goals of the document's treatment plan by
  overlapping spans. "llm" replaces a matched goal's measure and time frame with the
  LLM's; "hybrid" fills in only what the deterministic goal lacks. Presence is what
  ``goals-measurable`` and ``progress-notes`` check (RULES.md "Presence, not adequacy"):
  a verbatim span from either extractor shows presence, and an extractor not finding one is
  not a statement of the chart, so it is no conflicting evidence. An LLM goal with no
  deterministic match is added to the plan.

A proposal whose quote overlaps a chart line that reads as an instruction to the model
(:mod:`extract.values.instructions`) is rejected like an unalignable one.

Documents whose LLM extraction failed (``failed``) get no LLM facts. In "llm" mode the
model is the narrative reader: no deterministic narrative fact is kept, and a failed
document's narrative is unread (the rules then say undecided, never a verdict the other
reader made). In "hybrid" mode the deterministic facts stay.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from core.data import Document, Evidence
from core.facts import (
    Acuity,
    AcuityKind,
    ChartFacts,
    ContinuedStay,
    ContinuedStayElement,
    DangerFinding,
    DangerKind,
    DischargePlanning,
    DischargePlanningElement,
    Element,
    Fact,
    Goal,
    NoteElement,
    Participation,
    ParticipationStatus,
    ServiceKind,
    Session,
    Signer,
    TreatmentPlan,
    UngroundedFact,
)
from extract.deterministic.extractor import FIELD_OF
from extract.layout import Layout, layout_of
from extract.llm.align import Alignment, MatchHow, align, normalize
from extract.llm.chunks import Chunk
from extract.llm.meaning import quote_problem
from extract.llm.reconcile_structure import join_structure
from extract.llm.schema import GoalProposal, NarrativeFacts, NoteProposal
from extract.llm.sessions import ground_sessions
from extract.llm.structure import STRUCTURE_FIELDS, assemble, ground_structure
from extract.reconcile import merge as reconcile_merge
from extract.reconcile import reconcile, same_times
from extract.values.instructions import instruction_spans

Mode = Literal["llm", "hybrid"]
SOURCE_PREFIX = "llm:"

#: ChartFacts fields whose facts the LLM proposes as whole facts.
NARRATIVE_FIELDS: tuple[str, ...] = (
    "participation",
    "acuity",
    "danger_findings",
    "continued_stay",
    "discharge_planning",
)
_NOT_FOUND = "the quote was not found in the text the model was shown (exact, normalized or fuzzy)"
_INSTRUCTION = (
    "the quote overlaps chart text that reads as an instruction to the reviewer or the model "
    "(possible prompt injection); chart text is data, never evidence of a fact"
)
_OTHER_DIGITS = (
    "the only words found like the quote hold other digits than it does, so they do not "
    "state the value quoted"
)
_HOW_ORDER: dict[MatchHow, int] = {"exact": 0, "normalized": 1, "fuzzy": 2}


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins or ends inside a word or number of the text."""
    return (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or (
        end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    )


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def llm_source(prompt_version: str, how: MatchHow) -> str:
    """The ``source`` of an LLM fact: ``llm:chart-facts.v3:fuzzy``."""
    return f"{SOURCE_PREFIX}{prompt_version}:{how}"


@dataclass(frozen=True)
class NoteFinding:
    """Aligned elements of one proposed progress-note session."""

    document_id: str
    position: tuple[int, int]  # (page, offset) used to find the note's session
    elements: tuple[Element, ...]


@dataclass
class DocumentFindings:
    """Everything aligned from the answers for one document's chunks."""

    facts: list[Fact] = field(default_factory=list)
    notes: list[NoteFinding] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    #: the document's structure facts (:mod:`extract.llm.structure`) and its signatures
    structure: list[Fact] = field(default_factory=list)
    signers: list[Signer] = field(default_factory=list)
    ungrounded: list[UngroundedFact] = field(default_factory=list)


class _Grounder:
    """Aligns the quotes of one chunk's answer."""

    def __init__(self, chunk: Chunk, document: Document, prompt_version: str) -> None:
        self.chunk = chunk
        self.document = document
        self.prompt_version = prompt_version
        self.ungrounded: list[UngroundedFact] = []
        self._screened = instruction_spans(chunk.text)
        self._layout: Layout | None = None

    def span(
        self,
        quote: str,
        field: str | None,
        *,
        stricter_only: bool = False,
        near: Evidence | None = None,
    ) -> tuple[Evidence, Alignment] | str:
        """The aligned evidence of ``quote`` as evidence of ``field`` (see
        :func:`extract.llm.meaning.quote_problem`; ``None``: only where it is), or why
        there is none. ``near``: a short quote that occurs several times ("04/14/2025") is
        first looked for from there on (a goal's time frame after the goal's words)."""
        found = None
        if near is not None and near.page == self.chunk.page:
            at = max(0, near.start - self.chunk.offset)
            later = align(quote, self.chunk.text[at:])
            if later is not None:
                found = Alignment(later.start + at, later.end + at, later.how, later.score)
        found = found or align(quote, self.chunk.text)
        if found is None:
            return _NOT_FOUND
        if any(found.start < end and start < found.end for start, end in self._screened):
            return _INSTRUCTION
        start = self.chunk.offset + found.start
        end = self.chunk.offset + found.end
        evidence = self.document.evidence(self.chunk.page, start, end)
        if field is not None:
            if self._layout is None:
                self._layout = layout_of(self.document)
            problem = quote_problem(
                field, evidence, layout=self._layout, stricter_only=stricter_only
            )
            if problem is not None:
                return problem
        return evidence, found

    @property
    def chunk_page(self) -> int:
        """The page number of the chunk the model was shown."""
        return self.chunk.page

    def chunk_bounds(self) -> tuple[int, int]:
        """The page offsets of the chunk the model was shown."""
        return self.chunk.offset, self.chunk.offset + len(self.chunk.text)

    def record_span(self, quote: str) -> tuple[Evidence, Alignment] | str:
        """A service record's identifying words, anywhere in the chunk."""
        return self.span(quote, None)

    def header_span(self, quote: str) -> tuple[Evidence, Alignment] | str:
        """``quote`` in the document header the chunk carried (its first page's first
        lines), or why not; exact or normalized only."""
        header = self.chunk.header
        if not header:
            return _NOT_FOUND
        found = align(quote, header)
        if found is None or found.how == "fuzzy":
            return _NOT_FOUND
        if _inside_word(header, found.start, found.end) or _digits(quote) != _digits(
            header[found.start : found.end]
        ):
            return _NOT_FOUND
        if any(found.start < e and s < found.end for s, e in instruction_spans(header)):
            return _INSTRUCTION
        first = self.document.pages[0].number
        return self.document.evidence(first, found.start, found.end), found

    def record_spans(self, quote: str) -> list[tuple[Evidence, Alignment]]:
        """Every occurrence of a record's words in the chunk (exact or normalized; at most
        100), in order: identical rows under different dates are different records."""
        out: list[tuple[Evidence, Alignment]] = []
        first = self.span(quote, None)
        if isinstance(first, str) or first[1].how == "fuzzy":
            return out
        out.append(first)
        at = first[0].end
        stop = self.chunk.offset + len(self.chunk.text)
        while len(out) < 100 and at < stop:
            found = self.locate(quote, (at, stop))
            if isinstance(found, str) or found[1].how == "fuzzy":
                break
            out.append(found)
            at = found[0].end
        return out

    def locate(
        self, quote: str, window: tuple[int, int], *, last: bool = False
    ) -> tuple[Evidence, Alignment] | str:
        """``quote`` inside the page range ``window`` only (its occurrence nearest the
        window's start, or with ``last`` its end), or why not."""
        lo = max(window[0], self.chunk.offset) - self.chunk.offset
        hi = min(window[1], self.chunk.offset + len(self.chunk.text)) - self.chunk.offset
        if hi <= lo:
            return _NOT_FOUND
        text = self.chunk.text
        chosen: tuple[int, int, Alignment] | None = None
        other_digits = False
        pos = lo
        while pos < hi:
            found = align(quote, text[pos:hi])
            if found is None:
                break
            start, end = pos + found.start, pos + found.end
            pos = start + 1
            if _inside_word(text, start, end):
                if found.how == "fuzzy":
                    break
                continue  # "6" is not the 6 of "06/02/2025": a quote is whole words
            if _digits(quote) != _digits(text[start:end]):
                # a loose match may hold other numbers ("10:45" for "10:30"): a value is
                # read from the words as written, so its digits must be the quote's
                other_digits = True
                if found.how == "fuzzy":
                    break
                continue
            if chosen is not None and found.how != chosen[2].how:
                break  # a later occurrence only as good as the first
            chosen = (start, end, found)
            if not last or found.how == "fuzzy":
                break  # (a loose match is looked for once: it is costly)
        if chosen is None:
            return _OTHER_DIGITS if other_digits else _NOT_FOUND
        start, end, found = chosen
        if any(start < e and s < end for s, e in self._screened):
            return _INSTRUCTION
        evidence = self.document.evidence(
            self.chunk.page, self.chunk.offset + start, self.chunk.offset + end
        )
        return evidence, Alignment(start, end, found.how, found.score)

    def reject(self, kind: str, proposal: BaseModel, quote: str, why: str, what: str = "") -> None:
        self.ungrounded.append(
            UngroundedFact(
                kind=kind,
                proposed_value=proposal.model_dump_json(),
                proposed_quote=quote,
                document_id=self.document.document_id,
                why=f"{SOURCE_PREFIX}{self.prompt_version}: {what}{why}",
            )
        )

    def source(self, *hows: MatchHow) -> str:
        return llm_source(self.prompt_version, max(hows, key=_HOW_ORDER.__getitem__))


def ground_answer(
    answer: NarrativeFacts, chunk: Chunk, document: Document, prompt_version: str
) -> DocumentFindings:
    """Align every quote of ``answer`` (the model's answer for ``chunk``)."""
    g = _Grounder(chunk, document, prompt_version)
    out = DocumentFindings()
    # (field, proposal, quote, fact type, values, could only make a rule stricter)
    simple: list[tuple[str, BaseModel, str, type[Fact], dict[str, object], bool]] = []
    for p in answer.participation:
        status = ParticipationStatus(p.status)
        stricter = status is not ParticipationStatus.PARTICIPATES
        simple.append(("participation", p, p.quote, Participation, {"status": status}, stricter))
    for a in answer.acuity:
        acuity = AcuityKind(a.kind)
        domains = tuple(dict.fromkeys(a.domains)) if acuity is AcuityKind.SEVERE_IMPAIRMENT else ()
        stricter = acuity in (AcuityKind.CHRONIC_STABLE, AcuityKind.PSYCHIATRICALLY_STABLE)
        simple.append(
            ("acuity", a, a.quote, Acuity, {"kind": acuity, "domains": domains}, stricter)
        )
    for d in answer.danger:
        if d.temporality == "current":  # negated, hypothetical, historical: not danger
            simple.append(
                ("danger_findings", d, d.quote, DangerFinding, {"kind": DangerKind(d.kind)}, True)
            )
    for c in answer.continued_stay:
        element = ContinuedStayElement(c.element)
        simple.append(("continued_stay", c, c.quote, ContinuedStay, {"element": element}, False))
    for dp in answer.discharge_planning:
        element_dp = DischargePlanningElement(dp.element)
        simple.append(
            ("discharge_planning", dp, dp.quote, DischargePlanning, {"element": element_dp}, False)
        )
    for field_name, proposal, quote, fact_type, values, stricter in simple:
        found = g.span(quote, field_name, stricter_only=stricter)
        if isinstance(found, str):
            g.reject(field_name, proposal, quote, found)
            continue
        evidence, how = found
        out.facts.append(fact_type(evidence=(evidence,), source=g.source(how.how), **values))
    out.sessions.extend(ground_sessions(g, answer.sessions))
    structure = ground_structure(g, answer)
    out.structure.extend(structure.facts)
    out.signers.extend(structure.signers)
    for note in answer.progress_notes:
        finding = _ground_note(g, note)
        if finding is not None:
            out.notes.append(finding)
    for goal in answer.goals:
        grounded = _ground_goal(g, goal)
        if grounded is not None:
            out.goals.append(grounded)
    out.ungrounded.extend(g.ungrounded)
    return out


def _ground_note(g: _Grounder, note: NoteProposal) -> NoteFinding | None:
    elements: list[Element] = []
    for name in NoteElement:
        quote = getattr(note, name.value)
        if quote is None:
            continue
        found = g.span(quote, name.value)
        if isinstance(found, str):
            g.reject("sessions", note, quote, found, f"the {name.value} quote: ")
            continue
        evidence, how = found
        elements.append(Element(evidence=(evidence,), source=g.source(how.how), name=name.value))
    if not elements:
        return None
    position = min((e.evidence[0].page, e.evidence[0].start) for e in elements)
    if note.session_quote is not None:
        found = g.span(note.session_quote, None)
        if not isinstance(found, str):
            position = (found[0].page, found[0].start)
    return NoteFinding(g.document.document_id, position, tuple(elements))


def _ground_goal(g: _Grounder, goal: GoalProposal) -> Goal | None:
    found = g.span(goal.goal_quote, "goal")
    if isinstance(found, str):
        g.reject("treatment_plans", goal, goal.goal_quote, found, "the goal: ")
        return None
    evidence, how = found
    hows: list[MatchHow] = [how.how]
    parts: dict[str, Evidence | None] = {}
    for name, quote in (("measure", goal.measure_quote), ("time_frame", goal.time_frame_quote)):
        parts[name] = None
        if quote is None:
            continue
        part = g.span(quote, f"goal_{name}", near=evidence)
        if isinstance(part, str):
            g.reject("treatment_plans", goal, quote, part, f"the goal's {name.replace('_', ' ')}: ")
            continue
        if not _near_goal(g.document, evidence, part[0]):
            why = (
                f"the quote is more than {_GOAL_LINES} lines from the goal's own words, so it "
                f"does not state this goal's {name.replace('_', ' ')}"
            )
            g.reject("treatment_plans", goal, quote, why, f"the goal's {name.replace('_', ' ')}: ")
            continue
        parts[name] = part[0]
        hows.append(part[1].how)
    return Goal(
        evidence=(evidence,),
        source=g.source(*hows),
        text=evidence.quote,
        measure=parts["measure"],
        time_frame=parts["time_frame"],
    )


#: How far below its goal's words a goal's measure or time frame may be (its objective or
#: target-date lines); one line above (a table row or a wrapped line) at most.
_GOAL_LINES = 6


def _near_goal(document: Document, goal: Evidence, part: Evidence) -> bool:
    """Whether ``part`` is on the goal's lines or just below them, with no heading between:
    a measure or a time frame elsewhere in the plan (its services, another section) is not
    this goal's."""
    if part.page != goal.page:
        return False
    text = document.page(goal.page).text
    if part.start < goal.start:
        return text.count("\n", text.rfind("\n", 0, part.start) + 1, goal.start) <= 1
    if text.count("\n", goal.end, part.start) > _GOAL_LINES:
        return False
    layout = layout_of(document)
    goal_end = layout.doc.offset(goal.page, goal.end)
    part_start = layout.doc.offset(part.page, part.start)
    if goal_end is None or part_start is None:
        return False
    first, last = layout.line_at(goal_end), layout.line_at(part_start)
    return not any(layout.headings[k] is not None for k in range(first + 1, last + 1))


# --------------------------------------------------------------------------- de-duplication


def _fact_key(fact: Fact) -> tuple[object, ...]:
    """Identity of a fact across overlapping chunks: its type, its values and its first
    quote (normalized), not its offsets or source."""
    values = json.dumps(
        fact.model_dump(mode="json", exclude={"evidence", "source"}), sort_keys=True
    )
    return (type(fact).__name__, fact.document_id, values, normalize(fact.evidence[0].quote)[0])


def dedupe(findings: Iterable[DocumentFindings]) -> DocumentFindings:
    """Merge the findings of one document's chunks, each fact, note and goal once."""
    out = DocumentFindings()
    seen: set[tuple[object, ...]] = set()
    seen_goals: list[Goal] = []
    seen_notes: set[tuple[object, ...]] = set()
    chunk_of: list[int] = []  # the chunk each kept session came from
    for k, f in enumerate(findings):
        for session in f.sessions:
            # a record in the overlap of two chunks is proposed twice: kept once, with what
            # each reading read (one chunk may have cut it: its times in the next chunk)
            twin = next(
                (
                    i
                    for i, other in enumerate(out.sessions)
                    if _same_session(session, other)
                    and (chunk_of[i] != k or _identical(session, other))
                ),
                None,
            )
            if twin is None:
                out.sessions.append(session)
                chunk_of.append(k)
            else:
                out.sessions[twin] = reconcile_merge([out.sessions[twin], session])
        for fact in f.facts:
            key = _fact_key(fact)
            if key not in seen:
                seen.add(key)
                out.facts.append(fact)
        for fact in f.structure:
            key = _fact_key(fact)
            if key not in seen:
                seen.add(key)
                out.structure.append(fact)
        out.signers.extend(f.signers)
        for note in f.notes:
            # two sessions of one note may share its words: a note is also where it is
            note_key = (note.position, *(_fact_key(e) for e in note.elements))
            if note_key not in seen_notes:
                seen_notes.add(note_key)
                out.notes.append(note)
        for goal in f.goals:
            if not any(goal.evidence[0].overlaps(other.evidence[0]) for other in seen_goals):
                seen_goals.append(goal)
                out.goals.append(goal)
        out.ungrounded.extend(f.ungrounded)
    return out


def _identical(a: Session, b: Session) -> bool:
    """The same values (a record the model listed twice in one answer)."""
    values = {"evidence", "source", "slots"}
    return a.model_dump(exclude=values) == b.model_dump(exclude=values)


def _same_session(a: Session, b: Session) -> bool:
    """The same record read in two chunks: the same record words (same place), the same
    date, and no slot both state differently."""
    if not (
        a.evidence[0].overlaps(b.evidence[0])
        and a.evidence[0].start == b.evidence[0].start
        and a.date == b.date
    ):
        return False
    for name in ("start", "end", "member_start", "member_end", "stated_minutes", "group_size"):
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None and x != y:
            return False
    for name in ("service_kind", "attendance", "modality"):
        x, y = getattr(a, name), getattr(b, name)
        if "unknown" not in (x.value, y.value) and x != y:
            return False
    return True


def _same_claim(a: Fact, b: Fact) -> bool:
    """Same type and values, overlapping evidence: the LLM repeats a deterministic fact."""
    if type(a) is not type(b):
        return False
    exclude = {"evidence", "source", "date"}
    if a.model_dump(exclude=exclude) != b.model_dump(exclude=exclude):
        return False
    return any(x.overlaps(y) for x in a.evidence for y in b.evidence)


# --------------------------------------------------------------------------- joining


def merge(
    deterministic: ChartFacts,
    findings: Mapping[str, DocumentFindings],
    mode: Mode,
    failed: frozenset[str] = frozenset(),
) -> tuple[ChartFacts, list[UngroundedFact]]:
    """Join the aligned LLM findings (by document id) with the deterministic facts."""
    ungrounded: list[UngroundedFact] = []
    update: dict[str, tuple[Fact, ...]] = {}
    llm_facts = [
        f for doc_id, found in findings.items() if doc_id not in failed for f in found.facts
    ]
    for name in NARRATIVE_FIELDS:
        det: tuple[Fact, ...] = getattr(deterministic, name)
        if mode == "llm":
            # the model is the narrative reader: where it failed, the narrative is unread
            # (the rules say undecided), never read instead by the other extractor, whose
            # answer would make a broken endpoint look better than a working one
            det = ()
        mine = [f for f in llm_facts if _field_of(f) == name]
        added = [f for f in mine if not any(_same_claim(f, d) for d in det)]
        update[name] = (*det, *added)
    llm_sessions = tuple(
        s for doc_id, found in findings.items() if doc_id not in failed for s in found.sessions
    )
    if mode == "llm":
        # the model is the reader of service records too: its sessions, joined with its
        # notes, then one session from the places that document it (as offline)
        joined, rejected = _join_sessions(llm_sessions, findings, mode, failed)
        update["sessions"] = tuple(reconcile(joined))
    else:
        joined, rejected = _join_sessions(deterministic.sessions, findings, mode, failed)
        update["sessions"], unpaired = pair_sessions(joined, llm_sessions)
        rejected.extend(unpaired)
    ungrounded.extend(rejected)
    update.update(_join_structure(deterministic, findings, mode, failed))
    joined_plans = tuple(p for p in update["treatment_plans"] if isinstance(p, TreatmentPlan))
    plans, rejected = _join_goals(joined_plans, findings, mode, failed)
    ungrounded.extend(rejected)
    update["treatment_plans"] = plans
    return deterministic.model_copy(update=update), ungrounded


def _join_structure(
    deterministic: ChartFacts,
    findings: Mapping[str, DocumentFindings],
    mode: Mode,
    failed: frozenset[str],
) -> dict[str, tuple[Fact, ...]]:
    """The structure fields: in "llm" mode the model's alone; in "hybrid" mode the offline
    reader's joined field by field with the model's
    (:func:`extract.llm.reconcile_structure.join_structure`)."""
    mine: dict[str, list[Fact]] = defaultdict(list)
    signers: dict[str, tuple[Signer, ...]] = {}
    for doc_id, found in findings.items():
        if doc_id in failed:
            continue
        for fact in assemble(found.structure, found.signers):
            mine[FIELD_OF_STRUCTURE[type(fact)]].append(fact)
        if found.signers:
            signers[doc_id] = tuple(found.signers)
    out: dict[str, tuple[Fact, ...]] = {}
    for name in STRUCTURE_FIELDS:
        if mode == "llm":
            out[name] = tuple(mine.get(name, ()))
            continue
        out[name] = join_structure(
            getattr(deterministic, name),
            mine.get(name, ()),
            deterministic.document_dates,
            signers,
        )
    return out


#: The ChartFacts field of each structure fact type (the offline reader's own map).
FIELD_OF_STRUCTURE: dict[type[Fact], str] = {
    t: name for t, name in FIELD_OF.items() if name in STRUCTURE_FIELDS
}

_FIELD_OF: dict[type[Fact], str] = {
    Participation: "participation",
    Acuity: "acuity",
    DangerFinding: "danger_findings",
    ContinuedStay: "continued_stay",
    DischargePlanning: "discharge_planning",
}


def pair_sessions(
    deterministic: Sequence[Session], llm: Sequence[Session]
) -> tuple[tuple[Session, ...], list[UngroundedFact]]:
    """Hybrid sessions: each LLM session joined field by field with the deterministic
    session it reads (:func:`extract.reconcile.merge`: slots both state alike keep both
    readers' words; slots they state differently are uncertain, the fact holds no value
    for them and the finding names both), or added where the deterministic reader read no
    such session. An LLM session reads a deterministic one of the same document and date
    whose times overlap its own, else whose record words it shares, else (both untimed)
    of the same known service; a timed LLM session also reads one documented in another
    document at overlapping times (the same session, written twice). A deterministic
    session takes one LLM session per document (a note and a log line of one session
    are two records of it). An LLM session whose record words are a deterministic
    session's but whose date is another is not added (it would count the session twice):
    it is listed as ungrounded, naming both dates."""
    out = list(deterministic)
    taken: dict[int, set[str]] = defaultdict(set)
    rejected: list[UngroundedFact] = []
    for s in llm:
        i = _partner(out, taken, s)
        if i is not None:
            out[i] = reconcile_merge([out[i], s])
            taken[i].add(s.document_id)
            continue
        other = next(
            (
                d
                for d in deterministic
                if d.date != s.date and any(a.overlaps(s.evidence[0]) for a in d.evidence)
            ),
            None,
        )
        if other is not None:
            rejected.append(
                UngroundedFact(
                    kind="sessions",
                    proposed_value=s.model_dump_json(include={"date"}),
                    proposed_quote=s.evidence[0].quote,
                    document_id=s.document_id,
                    why=f"the model dates this record {s.date.isoformat()}, the offline reader "
                    f"{other.date.isoformat()}: the session is kept as the offline reader read "
                    "it and not counted twice",
                )
            )
            continue
        out.append(s)
        taken[len(out) - 1].add(s.document_id)
    return tuple(out), rejected


def _partner(sessions: Sequence[Session], taken: Mapping[int, set[str]], s: Session) -> int | None:
    doc = s.document_id
    free = [
        i for i, d in enumerate(sessions) if doc not in taken.get(i, set()) and d.date == s.date
    ]
    here = [i for i in free if any(ev.document_id == doc for ev in sessions[i].evidence)]

    def overlapping(d: Session) -> bool:
        return same_times(d, s)

    def shares_record(d: Session) -> bool:
        return any(a.overlaps(s.evidence[0]) for a in d.evidence)

    def untimed_alike(d: Session) -> bool:
        return (
            d.start is None
            and s.start is None
            and d.service_kind is s.service_kind
            and s.service_kind is not ServiceKind.UNKNOWN
        )

    for test in (overlapping, shares_record, untimed_alike):
        hit = next((i for i in here if test(sessions[i])), None)
        if hit is not None:
            return hit
    if s.start is not None:
        return next((i for i in free if i not in here and same_times(sessions[i], s)), None)
    return None


def _field_of(fact: Fact) -> str:
    return _FIELD_OF[type(fact)]


def _spans_in(session: Session, doc_id: str) -> set[tuple[int, int, int]]:
    return {(e.page, e.start, e.end) for e in session.evidence if e.document_id == doc_id}


def _own_range(
    session: Session, shared: set[tuple[int, int, int]], doc_id: str
) -> tuple[int, int, int]:
    """``(page, first start, last end)`` of the spans in document ``doc_id`` only this
    session of the document has (its title, times, attendance), or of all its spans there
    if it has none of its own."""
    spans = _spans_in(session, doc_id)
    own = spans - shared or spans
    page = min(p for p, _, _ in own)
    on_page = [(s, e) for p, s, e in own if p == page]
    return page, min(s for s, _ in on_page), max(e for _, e in on_page)


def _holds(r: tuple[int, int, int], where: tuple[int, int]) -> bool:
    page, start, end = r
    return where[0] == page and start <= where[1] < end


def _owner(position: tuple[int, int], ranges: Sequence[tuple[int, tuple[int, int, int]]]) -> int:
    """The session whose own range holds ``position``, else the nearest one (a tie goes to
    the session before: a note's body follows its header)."""
    page, pos = position

    def distance(r: tuple[int, int, int]) -> tuple[int, int, int]:
        r_page, start, end = r
        if r_page != page:
            return (1, abs(r_page - page), 0)
        if start <= pos < end:
            return (0, 0, 0)
        return (0, start - pos if pos < start else pos - end, 1 if pos < start else 0)

    return min(ranges, key=lambda item: distance(item[1]))[0]


def _join_sessions(
    sessions: tuple[Session, ...],
    findings: Mapping[str, DocumentFindings],
    mode: Mode,
    failed: frozenset[str],
) -> tuple[tuple[Session, ...], list[UngroundedFact]]:
    result = list(sessions)
    notes_of: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sessions):
        if not s.is_log_entry:
            notes_of[s.document_id].append(i)
    if mode == "llm":
        for i, s in enumerate(result):
            if not s.is_log_entry and s.document_id not in failed:
                result[i] = s.model_copy(update={"elements": ()})
    ungrounded: list[UngroundedFact] = []
    for doc_id, found in findings.items():
        if doc_id in failed or not found.notes:
            continue
        indexes = notes_of.get(doc_id, [])
        if not indexes:
            ungrounded.extend(_unattached(n, "sessions", "no session") for n in found.notes)
            continue
        count: dict[tuple[int, int, int], int] = defaultdict(int)
        for i in indexes:
            for span in _spans_in(sessions[i], doc_id):
                count[span] += 1
        shared = {span for span, n in count.items() if n > 1}
        ranges = [(i, _own_range(sessions[i], shared, doc_id)) for i in indexes]
        for note in found.notes:
            owner = _owner(note.position, ranges)
            for e in note.elements:
                # a quote inside a session's own text (its title, times, attendance)
                # documents that session, whatever note it was proposed for
                where = (e.evidence[0].page, e.evidence[0].start)
                own = dict(ranges)
                home = (
                    owner
                    if _holds(own[owner], where)
                    else next((i for i, r in ranges if _holds(r, where)), owner)
                )
                current = result[home]
                if (e.name, e.evidence) in {(x.name, x.evidence) for x in current.elements}:
                    continue
                result[home] = current.model_copy(update={"elements": (*current.elements, e)})
    return tuple(result), ungrounded


def _join_goals(
    plans: tuple[TreatmentPlan, ...],
    findings: Mapping[str, DocumentFindings],
    mode: Mode,
    failed: frozenset[str],
) -> tuple[tuple[TreatmentPlan, ...], list[UngroundedFact]]:
    result = list(plans)
    ungrounded: list[UngroundedFact] = []
    for doc_id, found in findings.items():
        if doc_id in failed or not found.goals:
            continue
        indexes = [i for i, p in enumerate(plans) if p.document_id == doc_id]
        if not indexes:
            ungrounded.extend(
                _unattached(g, "treatment_plans", "no treatment plan") for g in found.goals
            )
            continue
        for llm_goal in found.goals:
            placed = False
            for i in indexes:
                plan = result[i]
                goals = list(plan.goals)
                for j, det_goal in enumerate(goals):
                    if not any(a.overlaps(llm_goal.evidence[0]) for a in det_goal.evidence):
                        continue
                    goals[j] = _combine_goal(det_goal, llm_goal, mode)
                    placed = True
                    break
                if placed:
                    result[i] = plan.model_copy(update={"goals": tuple(goals)})
                    break
            if not placed:
                plan = result[indexes[0]]
                result[indexes[0]] = plan.model_copy(update={"goals": (*plan.goals, llm_goal)})
    return tuple(result), ungrounded


def _combine_goal(det: Goal, llm: Goal, mode: Mode) -> Goal:
    if mode == "llm":
        measure, time_frame = llm.measure, llm.time_frame
    else:
        measure = det.measure or llm.measure
        time_frame = det.time_frame or llm.time_frame
    if (measure, time_frame) == (det.measure, det.time_frame):
        return det
    return det.model_copy(
        update={
            "measure": measure,
            "time_frame": time_frame,
            "source": f"{det.source}+{llm.source}",
        }
    )


def _unattached(item: NoteFinding | Goal, kind: str, missing: str) -> UngroundedFact:
    if isinstance(item, Goal):
        value = item.model_dump_json(exclude={"evidence"})
        quote = item.evidence[0].quote
        doc_id = item.document_id
    else:
        value = json.dumps({e.name: e.evidence[0].quote for e in item.elements})
        quote = item.elements[0].evidence[0].quote
        doc_id = item.document_id
    return UngroundedFact(
        kind=kind,
        proposed_value=value,
        proposed_quote=quote,
        document_id=doc_id,
        why=f"{missing} was found in this document to attach it to",
    )
