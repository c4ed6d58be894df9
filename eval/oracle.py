"""The oracle: an LLM endpoint that answers with the gold, so the eval can measure
everything of the LLM path except the model (issue 14).

:class:`OracleTransport` is an ``httpx`` transport in place of the network: for each
chat-completions request it reads the chunk of chart text the extractor sent, and answers
in the model's output format (:class:`extract.llm.schema.NarrativeFacts`) with the gold
sessions of the chart under review whose gold quote lies in the chunk. Each field is
quoted the way a careful model would quote it: the words in or near the gold quote that
state the gold value (the date that reads as the gold date, the time range or length that
gives the gold minutes, the vocabulary's words of the service and of the attendance). The
answers then go through the same client, validation, alignment, grounding, conversion,
reconciliation and rules as a live model's. A disagreement with the gold is therefore a
defect of that path (or of the gold), never of a model.

The gold holds no narrative facts (note elements, goals' measures, participation, acuity,
danger, continued stay, discharge planning): for those the oracle proposes what the
offline reader read, quoted as it quoted them. So the oracle's verdicts are those of gold
service records with the offline reader's narrative, both through the LLM path; its
weekly hours are the gold's alone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from core.data import Document, Evidence
from core.facts import (
    Attendance,
    Certification,
    CertificationElement,
    ChartFacts,
    Person,
    TreatmentPlan,
)
from eval.gold import GoldChart, GoldSession
from extract.deterministic.extractor import DeterministicExtractor
from extract.deterministic.risk import risk_instrument_named
from extract.deterministic.schedule import weekdays_in
from extract.llm.schema import NarrativeFacts
from extract.readers.staff import group_size_value
from extract.values import times
from extract.values.dates import find_dates, find_partial_dates
from extract.values.vocab import vocab
from extract.vocab.lexicon import label_groups
from extract.vocab.phrases import norm

ORACLE_MODEL = "gold-oracle"
_CHART = re.compile(r"<chart_text>\n(.*)\n</chart_text>", re.DOTALL)
_LINES_ABOVE = 40
_LINES_BELOW = 60
_MAX_QUOTE = 600
_WEEKDAY_LEAD = re.compile(r"(?:[A-Za-z]{3,9}\.?,?\s+)?")


@dataclass
class OracleTransport(httpx.BaseTransport):
    """Answers every request with the gold of :attr:`chart` (:meth:`review` it first)."""

    #: the offline reader's narrative facts of the chart, as the model would propose them
    narrative: list[tuple[str, dict[str, Any], tuple[str, ...]]] = field(default_factory=list)

    def review(self, chart: GoldChart, documents: Sequence[Document]) -> None:
        """Answer for ``chart`` from now on (its ingested ``documents``)."""
        self.chart = chart
        self.pages = {d.filename: tuple(p.text for p in d.pages) for d in documents}
        facts = DeterministicExtractor().extract(documents).facts
        self.narrative = offline_narrative(facts)
        self.structure = offline_structure(facts, documents)
        self.texts = {d.document_id: tuple(p.text for p in d.pages) for d in documents}

    chart: GoldChart | None = None
    #: the offline reader's structure facts (document id, answer key, proposal, quotes)
    structure: list[tuple[str, str, dict[str, Any], tuple[str, ...]]] = field(default_factory=list)
    #: the page texts of each document, by document id
    texts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the page texts of each document of the chart, by file name: a gold quote is
    #: proposed only in a chunk of the document the gold names
    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    answered: int = 0
    proposed: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.read())
        text = _chunk_text(body)
        sessions = [] if self.chart is None else propose_sessions(self.chart, text, self.pages)
        with self._lock:
            self.answered += 1
            self.proposed += len(sessions)
        answer: dict[str, list[Any]] = {name: [] for name in NarrativeFacts.model_fields}
        answer["sessions"] = sessions
        for key, item, quotes in self.narrative:
            if all(q in text for q in quotes):
                answer[key].append(item)
        for key, items in structure_answer(self.structure, self.texts, text).items():
            answer[key].extend(items)
        return _completion(body, json.dumps(answer))


def _chunk_text(body: dict[str, Any]) -> str:
    for message in reversed(body["messages"]):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            found = _CHART.search(content)
            if found:
                return found.group(1)
    return ""


#: Characters per token, for the oracle's estimate of a live model's token counts.
CHARS_PER_TOKEN = 4


def _completion(body: dict[str, Any], content: str) -> httpx.Response:
    sent = sum(len(m["content"]) for m in body["messages"] if isinstance(m.get("content"), str))
    sent += len(json.dumps(body.get("response_format") or body.get("tools") or ""))
    prompt = sent // CHARS_PER_TOKEN
    completion = len(content) // CHARS_PER_TOKEN
    if body.get("tools"):
        name = body["tools"][0]["function"]["name"]
        message: dict[str, Any] = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": name, "arguments": content},
                }
            ],
        }
    else:
        message = {"role": "assistant", "content": content}
    return httpx.Response(
        200,
        json={
            "id": "chatcmpl-oracle",
            "object": "chat.completion",
            "created": 0,
            "model": ORACLE_MODEL,
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            # an estimate of what a model would be billed (about 4 characters a token):
            # the eval's tokens per chart then say what a live review would spend
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
            },
        },
    )


# --------------------------------------------------------------------------- proposals


def offline_narrative(facts: ChartFacts) -> list[tuple[str, dict[str, Any], tuple[str, ...]]]:
    """The offline reader's narrative facts in the model's output format: (answer key, the
    proposal, its quotes); a chunk gets the proposals whose quotes it holds."""
    out: list[tuple[str, dict[str, Any], tuple[str, ...]]] = []

    def add(key: str, item: dict[str, Any]) -> None:
        quotes = tuple(
            v
            for k, v in item.items()
            if isinstance(v, str) and (k.endswith("quote") or k in _QUOTED)
        )
        out.append((key, item, quotes))

    for f in facts.participation:
        add("participation", {"status": f.status.value, "quote": f.evidence[0].quote})
    for a in facts.acuity:
        add(
            "acuity",
            {"kind": a.kind.value, "domains": list(a.domains), "quote": a.evidence[0].quote},
        )
    for d in facts.danger_findings:
        add(
            "danger",
            {"kind": d.kind.value, "temporality": "current", "quote": d.evidence[0].quote},
        )
    for c in facts.continued_stay:
        add("continued_stay", {"element": c.element.value, "quote": c.evidence[0].quote})
    for dp in facts.discharge_planning:
        add("discharge_planning", {"element": dp.element.value, "quote": dp.evidence[0].quote})
    for plan in facts.treatment_plans:
        for g in plan.goals:
            add(
                "goals",
                {
                    "goal_quote": g.evidence[0].quote,
                    "measure_quote": g.measure.quote if g.measure else None,
                    "time_frame_quote": g.time_frame.quote if g.time_frame else None,
                },
            )
    for session in facts.sessions:
        named = {e.name: e.evidence[0] for e in session.elements}
        if not named:
            continue
        # the note's own first words identify the session among the note's sessions
        doc = next(iter(named.values())).document_id
        own = next((ev for ev in session.evidence if ev.document_id == doc), None)
        add(
            "progress_notes",
            {
                "session_quote": own.quote if own is not None else None,
                **{
                    name: (named[name].quote if name in named else None)
                    for name in ("nature_of_service", "response", "goal_relation")
                },
            },
        )
    return out


_QUOTED = frozenset({"nature_of_service", "response", "goal_relation"})


def offline_structure(
    facts: ChartFacts, documents: Sequence[Document]
) -> list[tuple[str, str, dict[str, Any], tuple[str, ...]]]:
    """The offline reader's structure facts (signers, certifications, plans, dates, risk
    assessments, diagnoses, authorizations, exams, assessments, schedules) in the model's
    output format, each quoted with the words it was read from: (document id, answer key,
    proposal, its quotes)."""
    out: list[tuple[str, str, dict[str, Any], tuple[str, ...]]] = []
    by_id = {d.document_id: d for d in documents}

    def _date_words(evidence: Sequence[Evidence], when: dt.date | None) -> str | None:
        return _fact_date_words(evidence, when, by_id)

    def add(doc_id: str, key: str, item: dict[str, Any]) -> None:
        quotes = [v for k, v in item.items() if k.endswith("quote") and isinstance(v, str)]
        for e in item.get("elements", ()):
            quotes.append(e["quote"])
        out.append((doc_id, key, item, tuple(quotes)))

    def people(p: Person | None) -> str | None:
        return p.evidence[0].quote if p is not None else None

    seen_signers: set[tuple[str, int, int, int]] = set()
    signed: list[Certification | TreatmentPlan] = [*facts.certifications, *facts.treatment_plans]
    for doc_fact in signed:
        for sig in doc_fact.signers:
            ev = sig.evidence[0]
            if (ev.document_id, ev.page, ev.start, ev.end) in seen_signers:
                continue
            seen_signers.add((ev.document_id, ev.page, ev.start, ev.end))
            add(
                ev.document_id,
                "signers",
                {
                    "signature_quote": ev.quote,
                    "name_quote": ev.quote if sig.signed and sig.name else None,
                    "date_quote": _date_words((ev,), sig.date),
                    "role_quote": sig.role if sig.role and sig.role in ev.quote else None,
                    "signed": sig.signed,
                    "signer_type": "member" if sig.member else "clinician",
                },
            )
    for c in facts.certifications:
        hours = c.element(CertificationElement.MIN_HOURS)
        add(
            c.document_id,
            "certifications",
            {
                "kind": c.kind.value,
                "quote": c.evidence[0].quote,
                "date_quote": _date_words(c.evidence, c.date),
                "hours_quote": hours.evidence[0].quote
                if hours is not None and c.hours_per_week is not None
                else None,
                "elements": [
                    {"element": e.name, "quote": e.evidence[0].quote}
                    for e in c.elements
                    if e.name != CertificationElement.MIN_HOURS or c.hours_per_week is None
                ],
            },
        )
    for plan in facts.treatment_plans:
        add(
            plan.document_id,
            "treatment_plans",
            {
                "quote": plan.evidence[0].quote,
                "date_quote": _date_words(plan.evidence, plan.date),
                "elements": [
                    {"element": e.name, "quote": e.evidence[0].quote} for e in plan.elements
                ],
            },
        )
    for r in facts.risk_assessments:
        add(
            r.document_id,
            "risk_assessments",
            {
                "conclusion_quote": r.evidence[-1].quote,
                "date_quote": _date_words(r.evidence, r.date),
                "assessor_quote": people(r.assessor),
                "instrument_quote": next(
                    (ev.quote for ev in r.evidence if risk_instrument_named(ev.quote)), None
                )
                if r.instrument
                else None,
                "imminent_danger": r.imminent_danger,
                "needs_24h_supervision": r.needs_24h_supervision,
            },
        )
    for dx in facts.diagnoses:
        add(
            dx.document_id,
            "diagnoses",
            {
                "code_quote": dx.code,
                "name_quote": dx.name if dx.name and dx.name in dx.evidence[-1].quote else None,
            },
        )
    for dd in facts.document_dates:
        quote = _date_words(dd.evidence, dd.date)
        if quote is not None:
            add(dd.document_id, "document_dates", {"date_quote": quote, "basis": dd.basis})
    for ep in facts.episode_dates:
        quote = _date_words(ep.evidence, ep.date)
        if quote is not None:
            add(ep.document_id, "episode_dates", {"kind": ep.kind.value, "date_quote": quote})
    for m in facts.members:
        born = _date_words(m.evidence, m.date_of_birth)
        age = next(
            (ev.quote for ev in m.evidence if m.age is not None and str(m.age) in ev.quote),
            None,
        )
        add(m.document_id, "members", {"date_of_birth_quote": born, "age_quote": age})
    for a in facts.authorizations:
        add(
            a.document_id,
            "authorizations",
            {
                "quote": a.evidence[0].quote,
                "start_quote": _date_words(a.evidence, a.start),
                "end_quote": _date_words(a.evidence, a.end),
            },
        )
    for rq in facts.continuing_service_requests:
        add(
            rq.document_id,
            "service_requests",
            {
                "quote": rq.evidence[0].quote,
                "submitted_quote": _date_words(rq.evidence, rq.submitted),
                "current_end_quote": _date_words(rq.evidence, rq.current_authorization_end),
            },
        )
    for ex in facts.physical_exams:
        add(
            ex.document_id,
            "physical_exams",
            {
                "quote": ex.evidence[0].quote,
                "date_quote": _date_words(ex.evidence, ex.date),
                "examiner_quote": people(ex.examiner),
            },
        )
    for asm in facts.assessments:
        add(
            asm.document_id,
            "assessments",
            {
                "kind": asm.kind.value,
                "instrument_quote": asm.evidence[0].quote,
                "score_quote": _score_words(asm.evidence, asm.score),
                "date_quote": _date_words(asm.evidence, asm.date),
            },
        )
    for sch in facts.schedules:
        # the words that list the weekdays (not the "Schedule" label above them)
        days = next(
            (ev.quote for ev in sch.evidence if weekdays_in(ev.quote, 0, len(ev.quote))), None
        )
        if days is not None:
            add(sch.document_id, "schedules", {"weekdays_quote": days})
    return out


def structure_answer(
    structure: Sequence[tuple[str, str, dict[str, Any], tuple[str, ...]]],
    texts: Mapping[str, Sequence[str]],
    text: str,
) -> dict[str, list[dict[str, Any]]]:
    """The proposals of :func:`offline_structure` a model shown the chunk ``text`` makes:
    those of the document the chunk is from (``texts``: page texts by document id; a date
    or a name alone is in many documents) whose words it holds, and of a certification or
    plan over several chunks the part it holds."""
    mine = {doc_id for doc_id, pages in texts.items() if any(text in p for p in pages)}
    out: dict[str, list[dict[str, Any]]] = {}
    for doc_id, key, item, quotes in structure:
        if doc_id not in mine:
            continue
        if all(q in text for q in quotes):
            out.setdefault(key, []).append(item)
        elif key in ("certifications", "treatment_plans"):
            part = _part_in(item, text)
            if part is not None:
                out.setdefault(key, []).append(part)
    return out


def _part_in(item: Mapping[str, Any], text: str) -> dict[str, Any] | None:
    """The part of a certification or plan proposal ``text`` holds: its fields whose words
    are in it, anchored on its title (in the chunk, or in the header it carries)."""
    elements = [e for e in item["elements"] if e["quote"] in text]
    part = {
        k: (v if not isinstance(v, str) or k == "kind" or v in text else None)
        for k, v in item.items()
    }
    part["elements"] = elements
    if part["quote"] is None:
        # anchored on its title, which the header every chunk carries holds
        if not elements and not part.get("hours_quote"):
            return None
        part["quote"] = item["quote"]
    return part


def _fact_date_words(
    evidence: Sequence[Evidence], when: dt.date | None, documents: Mapping[str, Document]
) -> str | None:
    """The words that write the date ``when`` as a careful model quotes them: in the
    fact's own words, else the nearest above them on their page (a note's or a section's
    date line), else the nearest below."""
    if when is None:
        return None
    for ev in evidence:
        for d in find_dates(ev.quote):
            if d.date == when:
                return ev.quote[d.start : d.end]
    first = evidence[0]
    text = documents[first.document_id].page(first.page).text
    found = [d for d in find_dates(text) if d.date == when]
    above = [d for d in found if d.end <= first.start]
    below = [d for d in found if d.start >= first.end]
    chosen = above[-1] if above else (below[0] if below else None)
    return None if chosen is None else text[chosen.start : chosen.end]


def _score_words(evidence: Sequence[Evidence], score: float | None) -> str | None:
    if score is None:
        return None
    number = f"{score:g}"
    for ev in evidence:
        m = re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", ev.quote)
        if m is not None:
            return m.group(0)
    return None


def propose_sessions(
    chart: GoldChart, text: str, pages: Mapping[str, Sequence[str]]
) -> list[dict[str, Any]]:
    """The gold sessions whose quote lies in ``text`` (a chunk of the document the gold
    names), each as a model would propose it (module docstring). A gold session with
    several quotes is proposed once per place that documents it (the extractor joins
    them); quotes of it that follow one another with no other session's between (a note's
    time line and its attendance line) are one place, read as one record."""
    places: list[tuple[int, int, GoldSession]] = []
    for s in chart.sessions:
        for at in s.at:
            if not any(text in page for page in pages.get(at.document, ())):
                continue
            start = text.find(at.quote)
            while start >= 0:
                places.append((start, start + len(at.quote), s))
                start = text.find(at.quote, start + 1)
    places.sort(key=lambda p: p[0])
    # the next quote of the same session, with none of another between: one record, the
    # later quotes' lines also its own (a note's time line, then its attendance line)
    merged: list[tuple[int, int, GoldSession, list[int]]] = []
    for start, end, s in places:
        if merged and merged[-1][2] is s:
            merged[-1][3].append(start)
        else:
            merged.append((start, end, s, [start]))
    starts = sorted({p[0] for p in merged})
    out: list[dict[str, Any]] = []
    for i, (start, end, s, lines) in enumerate(merged):
        later = [x for x in starts if x > start]
        proposed = _proposal(text, start, end, s, later[0] if later else None, lines)
        if len(s.at) > 1 and (
            _names_another_kind(text, start, end, s, proposed)
            or _mention_in_note(merged[:i], s, proposed)
        ):
            # a line that only refers back to a record of the session ("UDS results:
            # 09/15 methadone + only.", "UDS 09/15 pending" in another session's note):
            # a careful model reads it as part of that record, not as a service
            continue
        out.append(proposed)
    return out


def _mention_in_note(
    before: Sequence[tuple[int, int, GoldSession, list[int]]],
    s: GoldSession,
    proposed: Mapping[str, Any],
) -> bool:
    """An untimed note line naming a service of another date, below the note of another
    session in the same chunk: a mention inside that note, not a record of its own."""
    if proposed["record_type"] == "log_entry" or any(
        proposed[k] for k in ("times_quote", "duration_quote", "arrival_quote")
    ):
        return False
    return any(other is not s and other.date != s.date for _, _, other, _ in before)


def _service_words(text: str, hit: tuple[int, int, Any], start: int, end: int) -> str:
    """The service as a model quotes it: the cell or clause of the record that holds the
    words naming its kind ("Seeking Safety (substance use)"), else those words."""
    if not start <= hit[0] < end:
        return text[hit[0] : hit[1]]  # a heading above the record
    return _cell(text, hit[0], hit[1], start, end) or text[hit[0] : hit[1]]


def _names_another_kind(
    text: str, start: int, end: int, s: GoldSession, proposed: Mapping[str, Any]
) -> bool:
    """The place states no words of the gold kind and its words read as another kind."""
    v = vocab()
    if proposed["service_quote"] != proposed["record_quote"]:
        return False
    read = {hit[2] for hit in v.kinds.matches(text, start, end)}
    return bool(read) and s.kind not in read


def _kind_heading(text: str, start: int, s: GoldSession) -> tuple[int, int, Any] | None:
    """The words naming the gold kind in the heading a table's rows stand under ("URINE
    DRUG SCREENS" over a column header and rows of dates): above the record, past dated
    rows and at most two undated lines, no blank line between."""
    v = vocab()
    line_end = text.rfind("\n", 0, start)
    undated = 0
    for _ in range(_LINES_ABOVE):
        if line_end < 0:
            return None
        line_start = text.rfind("\n", 0, line_end) + 1
        if not text[line_start:line_end].strip():
            return None
        if next(find_dates(text, line_start, line_end), None) is None:
            for m in (v.kinds, v.codes):
                for hit in m.matches(text, line_start, line_end):
                    if s.kind in (hit[2], v.group_variants.get(hit[2])):
                        return hit
            undated += 1
            if undated >= 2:
                return None
        line_end = line_start - 1
    return None


def _below(text: str, end: int, next_start: int | None) -> int:
    stop = end
    for _ in range(_LINES_BELOW):
        nl = text.find("\n", stop + 1)
        if nl < 0:
            stop = len(text)
            break
        stop = nl
    return min(stop, next_start) if next_start is not None else stop


def _above(text: str, start: int) -> int:
    at = start
    for _ in range(_LINES_ABOVE + 1):
        nl = text.rfind("\n", 0, at)
        if nl < 0:
            return 0
        at = nl
    return at


def _proposal(
    text: str,
    start: int,
    end: int,
    s: GoldSession,
    next_start: int | None,
    lines: Sequence[int] = (),
) -> dict[str, Any]:
    record = text[start:end]
    if len(record) > _MAX_QUOTE:
        line_end = text.find("\n", start, start + _MAX_QUOTE)
        record = text[start : line_end if line_end > start else start + _MAX_QUOTE]
    below = _below(text, end, next_start)
    v = vocab()
    date_quote = _date_quote(text, start, end, s)
    when = _length_quotes(text, start, below, s.minutes, end, lines)
    # the vocabulary's words that name the gold kind (or its group form)
    kind_hit = next(
        (
            hit
            for m in (v.kinds, v.codes)
            for hit in m.matches(text, start, end)
            if s.kind in (hit[2], v.group_variants.get(hit[2]))
        ),
        None,
    )
    log_entry = _log_line(text, start, end)
    if kind_hit is None and log_entry:
        kind_hit = _kind_heading(text, start, s)
    # the words that state the gold attendance (a code may be a clinician's initial)
    attendance_hit = next(
        (
            hit
            for lo, hi in ((start, end), (start, below))
            for m in (v.attendance_values, v.attendance_codes, v.attendance_narrative)
            for hit in m.matches(text, lo, hi)
            if hit[2] is s.attendance
        ),
        None,
    )
    # the record's own words of its modality, as a careful model would quote them (two
    # records of one session may state two modalities: the extractor weighs them)
    modality_hit = next(
        (
            hit
            for m, hi in ((v.modality_values, below), (v.modality_narrative, end))
            for hit in m.matches(text, start, hi)
            if _states_delivery(text, start, hit)
        ),
        None,
    )
    service_quote = _service_words(text, kind_hit, start, end) if kind_hit else record
    facilitator_quotes = _facilitator_quotes(text, start, below, s.facilitators)
    attendance_quote = text[attendance_hit[0] : attendance_hit[1]] if attendance_hit else None
    if attendance_quote is None and log_entry and s.attendance is Attendance.ATTENDED:
        # a row with no status words: a careful model quotes the cell that shows the
        # service was given (a result, "Sent to lab", "Dosed")
        attendance_quote = _outcome_cell(text, start, end, (service_quote, *facilitator_quotes))
    return {
        "record_quote": record,
        "record_type": "log_entry" if log_entry else "progress_note",
        "date_quote": date_quote,
        "times_quote": when.get("times"),
        "duration_quote": when.get("duration"),
        "arrival_quote": when.get("arrival"),
        "departure_quote": when.get("departure"),
        # the vocabulary's words of the service, else the record's (a model names the
        # kind of a service whose name the vocabulary does not know)
        "service_quote": service_quote,
        "kind": s.kind.value,
        "attendance_quote": attendance_quote,
        "attendance": s.attendance.value,
        "modality_quote": text[modality_hit[0] : modality_hit[1]] if modality_hit else None,
        "modality": modality_hit[2].value if modality_hit else None,
        "facilitator_quotes": facilitator_quotes,
        "group_size_quote": _group_size_quote(text, start, below, s.group_size),
    }


_ROW_CELLS = re.compile(r"\s*(?:\||\t|\s{2,})\s*")


def _outcome_cell(text: str, start: int, end: int, taken: Sequence[str]) -> str | None:
    """The first cell of the record's line that is not its date, time, service or staff."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    for cell in _ROW_CELLS.split(line):
        if (
            len(cell) >= 3
            and next(find_dates(cell, 0, len(cell)), None) is None
            and next(iter(times.find_clock_times(cell, 0, len(cell), loose=True)), None) is None
            and not any(cell in q or q in cell for q in taken if q)
        ):
            return cell
    return None


def _states_delivery(text: str, record_start: int, hit: tuple[int, int, Any]) -> bool:
    """Words a careful model quotes for the modality: on the record's first line, the
    value of a modality field ("Setting: telehealth"), or inside a phrase that states it
    ("by telephone"); not a word of the narrative ("to take a phone call")."""
    line_start = text.rfind("\n", 0, hit[0]) + 1
    if line_start <= record_start:
        return True
    line_end = text.find("\n", hit[1])
    line_end = len(text) if line_end < 0 else line_end
    if any(
        s < hit[1] and hit[0] < e
        for s, e, _ in vocab().modality_narrative.matches(text, line_start, line_end)
    ):
        return True
    label = text[line_start : hit[0]].split(":")[0] if ":" in text[line_start : hit[0]] else ""
    return "modality" in label_groups().get(norm(label), frozenset())


def _log_line(text: str, start: int, end: int) -> bool:
    """A row of a table, or a line of a listing whose neighbouring line also starts with a
    date (after a weekday, if any: "Wed 04/02/2025"): a log entry, not a note."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if line.count("|") >= 2 or "\t" in line.strip():
        # a row among other rows of data; a table of one row is a note's header form
        return _sibling_rows(text, line_start, line_end) > 0
    if "\n" in text[start:end].strip():
        return False
    for a, b in (
        (line_end + 1, text.find("\n", line_end + 1)),
        (text.rfind("\n", 0, max(0, line_start - 1)) + 1, line_start - 1),
    ):
        b = len(text) if b < 0 else b
        if a < b:
            neighbour = text[a:b].lstrip()
            first = next(find_dates(neighbour, 0, min(len(neighbour), 24)), None)
            if first is not None and _WEEKDAY_LEAD.fullmatch(neighbour[: first.start]):
                return True
    return False


def _sibling_rows(text: str, line_start: int, line_end: int) -> int:
    """Rows of the same table next to the line (up to two each way; the header row and the
    rule under it are not counted)."""
    rows = 0
    for step in (1, -1):
        pos = line_end + 1 if step == 1 else line_start - 1
        for _ in range(2):
            if step == 1:
                end = text.find("\n", pos)
                end = len(text) if end < 0 else end
                line, pos = text[pos:end], end + 1
            else:
                if pos <= 0:
                    break
                begin = text.rfind("\n", 0, pos) + 1
                line, pos = text[begin:pos], begin - 1
            cells = line.strip()
            if cells.count("|") < 2 and "\t" not in cells:
                break
            if set(cells) <= set("|-: \t"):
                break  # the rule under the header: the header row is above it
            rows += 1
    return rows


def _date_quote(text: str, start: int, end: int, s: GoldSession) -> str | None:
    """The words in the record that read as the gold date, else the nearest above."""
    inside = [d for d in find_dates(text, start, end) if d.date == s.date]
    if inside:
        return text[inside[0].start : inside[0].end]
    above = [d for d in find_dates(text, _above(text, start), start) if d.date == s.date]
    if above:
        return text[above[-1].start : above[-1].end]
    # a date without its year ("Tue 7/8"), in the record or above it
    for lo, hi in ((start, end), (_above(text, start), start)):
        partial = [d for d in find_partial_dates(text, lo, hi, s.date) if d.date == s.date]
        if partial:
            return text[partial[-1].start : partial[-1].end]
    return None


_ARRIVAL = re.compile(r"(?i)\b(?:arriv\w*|joined|time in|in)\b\W{0,3}$")
_DEPARTURE = re.compile(r"(?i)\b(?:left|depart\w*|time out|out)\b\W{0,3}$")
_LEFT_AT = re.compile(r"(?i)\b(?:left|depart\w*|leaving|time out)\b")


def _length_quotes(
    text: str,
    start: int,
    stop: int,
    minutes: float | None,
    end: int | None = None,
    lines: Sequence[int] = (),
) -> dict[str, str]:
    """The words that give the gold minutes: the member's own arrival and departure, a
    time range, a stated length, or a range with the member's own arrival or departure;
    else the record's own time range (the member's times are in another record)."""
    if minutes is None:
        return {}
    own: dict[str, str] = {}
    for line in lines or (start,):
        for key, quote in _member_times(text, line, stop).items():
            own.setdefault(key, quote)
    if own:
        return own
    ranges = list(times.find_time_ranges(text, start, stop, loose=True))
    for r in ranges:
        if _span(r.begins, r.ends) == minutes:
            return {"times": text[r.start : r.end]}
    for d in times.find_durations(text, start, stop):
        if d.minutes == minutes:
            # and the start, when the record states one clock time ("3:45 PM | 60 min")
            bound = end if end is not None else stop
            dates = [(x.start, x.end) for x in find_dates(text, start, bound)]
            one = [
                c
                for c in times.find_clock_times(text, start, bound, loose=True)
                if c.form != "bare"
                and not d.start <= c.start < d.end
                and not any(a <= c.start < b for a, b in dates)  # a year is no clock
            ]
            if len(one) == 1 and not any(r.start < bound for r in ranges):
                return {"duration": text[d.start : d.end], "times": text[one[0].start : one[0].end]}
            return {"duration": text[d.start : d.end]}
    clocks = [c for c in times.find_clock_times(text, start, stop, loose=True) if c.form != "bare"]
    for r in ranges:
        for c in clocks:
            if c.start >= r.start and c.end <= r.end:
                continue
            at = times.resolve_within(c, r.begins, r.ends)
            arrival, departure = _span(at, r.ends) == minutes, _span(r.begins, at) == minutes
            if arrival and departure:
                # the middle of the range: the words before the time say which it is
                # ("left the group at 10:30 AM")
                departure = _LEFT_AT.search(text, max(start, c.start - 40), c.start) is not None
                arrival = not departure
            if arrival:
                return {"times": text[r.start : r.end], "arrival": text[c.start : c.end]}
            if departure:
                return {"times": text[r.start : r.end], "departure": text[c.start : c.end]}
    if len(clocks) >= 2:
        first, last = times.resolve_range(clocks[0], clocks[1])
        if _span(first, last) == minutes:
            return {"times": text[clocks[0].start : clocks[1].end]}
    inside = [r for r in ranges if end is None or r.end <= end]
    return {"times": text[inside[0].start : inside[0].end]} if inside else {}


def _member_times(text: str, start: int, stop: int) -> dict[str, str]:
    """ "arrived 10:00 AM, left 11:30 AM": the member's own clock times, by the word
    before each (on the line that starts at ``start``)."""
    line_end = text.find("\n", start, stop)
    stop = stop if line_end < 0 else line_end
    out: dict[str, str] = {}
    for c in times.find_clock_times(text, start, stop, loose=True):
        if c.form == "bare":
            continue
        before = text[max(start, c.start - 20) : c.start]
        if _ARRIVAL.search(before) and "arrival" not in out:
            out["arrival"] = text[c.start : c.end]
        elif _DEPARTURE.search(before) and "departure" not in out:
            out["departure"] = text[c.start : c.end]
    return out


def _span(a: Any, b: Any) -> float:
    return float((b.hour * 60 + b.minute) - (a.hour * 60 + a.minute))


_CELL_EDGE = re.compile(r"[|\t\n:;]|  ")
_NAME_EDGE = re.compile(r"[|\t\n:;()]|  ")  # a name also ends at a parenthesis


def _cell(
    text: str, start: int, end: int, lo: int, hi: int, edge: re.Pattern[str] = _CELL_EDGE
) -> str:
    """The cell or clause around ``text[start:end]`` (between separators), within lo-hi."""
    left = start
    while (
        left > lo
        and not edge.match(text, left - 1)
        and text[left - 1] != ","
        and not text.startswith("  ", left - 2)
    ):
        left -= 1
    right = end
    while right < hi and not edge.match(text, right) and text[right] != ",":
        right += 1
    return text[left:right].strip()


def _facilitator_quotes(text: str, start: int, stop: int, credentials: Sequence[str]) -> list[str]:
    """Each gold facilitator's name and credential as written near the record."""
    out: list[str] = []
    for cred in dict.fromkeys(credentials):
        m = re.compile(rf"\b{re.escape(cred)}\b").search(text, start, stop)
        if m is None:
            continue
        quote = _cell(text, m.start(), m.end(), start, stop, _NAME_EDGE)
        # "A. Pell, LCPC": the cell stops at the comma before the credential; take the name
        if quote == cred:
            before = text.rfind(",", start, m.start())
            if before > start:
                name = _cell(text, before - 1, before, start, stop, _NAME_EDGE)
                quote = text[text.find(name, start, before) : m.end()] if name else quote
        if quote and quote not in out:
            out.append(quote)
    return out


def _group_size_quote(text: str, start: int, stop: int, size: int | None) -> str | None:
    """The words near the record that state the gold number of participants."""
    if size is None:
        return None
    for m in re.finditer(rf"(?<![\d/:.-]){size}(?![\d/:.-])", text[start:stop]):
        at = start + m.start()
        found = group_size_value(text, at, min(stop, at + 40))
        if found is not None and found[0] == size:
            return _cell(text, at, at + len(str(size)), start, stop)
    return None
