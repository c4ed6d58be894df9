"""LLMExtractor and HybridExtractor on in-memory charts, through the real ChatOpenAI path
against a fake endpoint: joining with the deterministic facts, grounding, the cache,
failures, chunking, progress and logs."""

from __future__ import annotations

import logging
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest
from chartdocs import chart_doc
from fakellm import (
    FakeLLM,
    NoSleep,
    answer_of,
    chart_text,
    completion,
    proposal,
    settings,
    timeout,
)

from core.data import Document, DocumentKind
from core.facts import (
    AcuityKind,
    DangerKind,
    NoteElement,
    ParticipationStatus,
    Session,
)
from core.grounding import ground
from extract.base import Extractor
from extract.llm import FAILURE_KIND, HybridExtractor, LLMExtractor
from extract.llm.client import quiet_serializer_warnings
from extract.llm.settings import LLMSettings

NOTE = """IOP GROUP PROGRESS NOTE
Client: Sample Member    DOS: 03/10/2025
Group psychotherapy (process group), 9:00 AM-10:30 AM, in person
Facilitator: Jane Roe, LCSW    Group size: 6
Intervention: process group on coping with cravings.
Response: Member participated actively and named two triggers.
After the break she chose not to return to group and left the building.
Risk: denies SI/HI. History of suicide attempt in 2019.
Today she reports a plan to overdose tonight and intends to act on it.
"""

NOTE_ANSWER = answer_of(
    progress_notes=[
        {
            "session_quote": None,
            "nature_of_service": "process group on coping with cravings",
            "response": "named two triggers",
            "goal_relation": "Goal 7 (sobriety) was discussed at length",  # invented
        }
    ],
    participation=[
        {"status": "refuses", "quote": "she chose not to return to group"},
        {"status": "participates", "quote": "Member participated actively"},
    ],
    danger=[
        {
            "kind": "suicidal_ideation_with_plan_or_intent",
            "temporality": "negated",
            "quote": "denies SI/HI",
        },
        {
            "kind": "suicidal_ideation_with_plan_or_intent",
            "temporality": "historical",
            "quote": "History of suicide attempt in 2019",
        },
        {
            "kind": "suicidal_ideation_with_plan_or_intent",
            "temporality": "current",
            "quote": "reports a plan to overdose tonight and intends to act on it",
        },
    ],
    acuity=[
        {
            "kind": "decompensation",
            "domains": [],
            "quote": "Member is acutely decompensating",
        },  # invented
    ],
)


def note_doc(text: str = NOTE) -> Document:
    document: Document = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE).document
    return document


def make(
    cls: type[LLMExtractor] | type[HybridExtractor],
    fake: FakeLLM,
    tmp_path: Path,
    **overrides: Any,
) -> Extractor:
    return cls(settings(tmp_path, **overrides), http_client=fake.client(), sleep=NoSleep())


def llm_only(facts: tuple[Any, ...]) -> list[Any]:
    return [f for f in facts if f.source.startswith("llm:")]


def test_both_extractors_implement_the_protocol(tmp_path: Path) -> None:
    fake = FakeLLM()
    for cls, kind in ((LLMExtractor, "llm"), (HybridExtractor, "hybrid")):
        ex: Extractor = make(cls, fake, tmp_path)
        assert ex.kind == kind
        assert ex.model == "fake-model"
        assert ex.prompt_version == "chart-facts.v3"
        assert ex.prompt_sha256 is not None and len(ex.prompt_sha256) == 64


def test_hybrid_keeps_both_sides_of_a_conflict_and_grounds_every_span(tmp_path: Path) -> None:
    fake = FakeLLM(answer=lambda text, kind: NOTE_ANSWER)
    doc = note_doc()
    result = make(HybridExtractor, fake, tmp_path).extract([doc])
    statuses = sorted((p.status.value, p.source.split(":")[0]) for p in result.facts.participation)
    # deterministic "participates" + the LLM's "refuses"; the LLM's own "participates"
    # repeats the deterministic fact (same value, overlapping span) and is dropped
    assert statuses == [("participates", "deterministic"), ("refuses", "llm")]
    [refusal] = llm_only(result.facts.participation)
    assert refusal.source == "llm:chart-facts.v3:exact"
    assert refusal.evidence[0].quote == "she chose not to return to group"
    # the pipeline's gate finds nothing to reject: every span is verbatim
    kept, rejected = ground(result.facts, [doc])
    assert rejected == ()
    assert kept == result.facts


def test_danger_only_from_current_statements(tmp_path: Path) -> None:
    fake = FakeLLM(answer=lambda text, kind: NOTE_ANSWER)
    result = make(LLMExtractor, fake, tmp_path).extract([note_doc()])
    [danger] = result.facts.danger_findings
    assert danger.kind is DangerKind.SUICIDAL_IDEATION_WITH_PLAN_OR_INTENT
    assert danger.evidence[0].quote == "reports a plan to overdose tonight and intends to act on it"


def test_invented_quotes_land_in_ungrounded_never_in_facts(tmp_path: Path) -> None:
    fake = FakeLLM(answer=lambda text, kind: NOTE_ANSWER)
    doc = note_doc()
    result = make(HybridExtractor, fake, tmp_path).extract([doc])
    assert not llm_only(result.facts.acuity)
    by_quote = {u.proposed_quote: u for u in result.ungrounded}
    acuity = by_quote["Member is acutely decompensating"]
    assert acuity.kind == "acuity"
    assert acuity.document_id == doc.document_id
    assert "not found" in acuity.why
    assert '"decompensation"' in acuity.proposed_value
    goal = by_quote["Goal 7 (sobriety) was discussed at length"]
    assert goal.kind == "sessions"
    assert "goal_relation" in goal.why
    [session] = result.facts.sessions
    assert session.element(NoteElement.GOAL_RELATION) is None


# the proposal of the LLM tests' group note, as this note states its service and size
NOTE_SESSION = proposal(
    service_quote="Group psychotherapy", attendance="attended", group_size_quote="6"
)


def test_llm_mode_replaces_deterministic_narrative_facts(tmp_path: Path) -> None:
    fake = FakeLLM(answer=lambda text, kind: {**NOTE_ANSWER, "sessions": [NOTE_SESSION]})
    result = make(LLMExtractor, fake, tmp_path).extract([note_doc()])
    assert all(f.source.startswith("llm:") for f in result.facts.participation)
    assert {p.status for p in result.facts.participation} == {
        ParticipationStatus.REFUSES,
        ParticipationStatus.PARTICIPATES,
    }
    [session] = result.facts.sessions
    # llm: the session is the model's too, every field from its own words
    assert session.source == "llm:chart-facts.v3:exact"
    assert session.minutes == 90
    assert [(e.name, e.evidence[0].quote) for e in session.elements] == [
        ("nature_of_service", "process group on coping with cravings"),
        ("response", "named two triggers"),
    ]
    assert all(e.source.startswith("llm:") for e in session.elements)


TWO_GROUPS = Path(__file__).resolve().parents[2] / "examples/medicare-iop-complete"


def _example(name: str) -> Document:
    from ingest.loader import load_chart

    [doc] = load_chart([TWO_GROUPS / name]).documents
    return doc


def test_note_elements_join_the_session_of_their_own_note(tmp_path: Path) -> None:
    doc = _example("05_2025-03-03_iop_group_note.txt")
    answer = answer_of(
        progress_notes=[
            {
                "session_quote": "GROUP 2: Coping Skills Psychoeducation",
                "nature_of_service": "Psychoeducation on behavioral activation",
                "response": 'stated\n"maybe I can take a walk with my daughter."',
                "goal_relation": "supports Goal 1 (depression) and Goal 3 (self-care routine).",
            },
            {
                "session_quote": "GROUP 1: Process Group (Group Psychotherapy)",
                "nature_of_service": None,
                "response": "accepted support from two peers",
                "goal_relation": None,
            },
        ]
    )
    fake = FakeLLM(answer=lambda text, kind: answer)
    result = make(HybridExtractor, fake, tmp_path).extract([doc])
    first, second = sorted(result.facts.sessions, key=lambda s: s.start or s.date)

    def llm_elements(session: Session) -> list[tuple[str, str]]:
        return [
            (e.name, e.evidence[0].quote) for e in session.elements if e.source.startswith("llm:")
        ]

    assert llm_elements(first) == [("response", "accepted support from two peers")]
    assert llm_elements(second) == [
        ("nature_of_service", "Psychoeducation on behavioral activation"),
        ("response", 'stated\n"maybe I can take a walk with my daughter."'),
    ]
    # the LLM's goal relation repeats the deterministic span exactly: kept once
    assert [e.source.split(":")[0] for e in second.elements if e.name == "goal_relation"] == [
        "deterministic"
    ]
    # hybrid: the deterministic elements stay first, so element() still returns them
    response = second.element(NoteElement.RESPONSE)
    assert response is not None
    assert response.source.startswith("deterministic:")


def test_goals_llm_replaces_measure_and_hybrid_fills_gaps(tmp_path: Path) -> None:
    doc = _example("04_individualized_treatment_plan.md")
    answer = answer_of(
        goals=[
            {
                "goal_quote": "Reduce worry: GAD-7 from 16 to 9 or less within 6 weeks of admission.",
                "measure_quote": "GAD-7 from 16 to 9 or less",
                "time_frame_quote": "within 6 weeks of admission",
            },
            {
                "goal_quote": "Reduce depressive symptoms: PHQ-9 from 21 to below 10 by 04/14/2025.",
                "measure_quote": None,
                "time_frame_quote": "by 04/14/2025",
            },
        ]
    )
    answer["treatment_plans"] = [
        {"quote": "Individualized Treatment Plan — Adult IOP", "date_quote": None, "elements": []}
    ]
    fake = FakeLLM(answer=lambda text, kind: answer)
    llm = make(LLMExtractor, fake, tmp_path).extract([doc])
    hybrid = make(HybridExtractor, fake, tmp_path).extract([doc])
    [plan] = llm.facts.treatment_plans
    [hplan] = hybrid.facts.treatment_plans
    # llm: the model's plan with the goals it read; hybrid: the offline reader's plan, its
    # goals matched with the model's (not appended)
    assert plan.source.startswith("llm:") and len(plan.goals) == 2
    assert len(hplan.goals) == 4
    anxiety = next(g for g in plan.goals if "GAD-7" in g.text)
    assert anxiety.measure is not None and anxiety.measure.quote == "GAD-7 from 16 to 9 or less"
    assert anxiety.time_frame is not None
    assert anxiety.time_frame.quote == "within 6 weeks of admission"
    depression = next(g for g in plan.goals if "PHQ-9" in g.text)
    assert depression.measure is None  # the LLM's judgment in llm mode
    assert "llm:chart-facts.v3:exact" in depression.source
    hdepression = next(g for g in hplan.goals if "PHQ-9" in g.text)
    assert hdepression.measure is not None  # hybrid keeps the deterministic span
    _, rejected = ground(llm.facts, [doc])
    assert rejected == ()


def test_second_extraction_of_the_same_chart_makes_zero_calls(tmp_path: Path) -> None:
    fake = FakeLLM(answer=lambda text, kind: NOTE_ANSWER)
    docs = [note_doc(), _example("05_2025-03-03_iop_group_note.txt")]
    first = make(HybridExtractor, fake, tmp_path).extract(docs)
    calls = fake.calls
    assert calls == 2
    assert (first.usage.llm_calls, first.usage.cached_calls) == (2, 0)
    assert (first.usage.prompt_tokens, first.usage.completion_tokens) == (200, 40)
    again = make(HybridExtractor, fake, tmp_path).extract(docs)  # a new extractor, same disk
    assert fake.calls == calls
    assert again.usage.llm_calls == 0
    assert again.usage.cached_calls == 2
    assert (again.usage.prompt_tokens, again.usage.completion_tokens) == (0, 0)
    assert again.facts == first.facts
    assert again.ungrounded == first.ungrounded
    # another model is another key
    make(HybridExtractor, fake, tmp_path, model="other-model").extract(docs)
    assert fake.calls == calls + 2
    # the cache can be switched off
    make(HybridExtractor, fake, tmp_path, cache=False).extract(docs)
    assert fake.calls == calls + 4


def test_cost_is_summed_at_the_configured_prices(tmp_path: Path) -> None:
    fake = FakeLLM(answer=lambda text, kind: NOTE_ANSWER)
    result = make(
        LLMExtractor,
        fake,
        tmp_path,
        price_prompt_per_1k=0.5,
        price_completion_per_1k=2.0,
    ).extract([note_doc()])
    assert result.usage.cost == pytest.approx(100 / 1000 * 0.5 + 20 / 1000 * 2.0)
    unpriced = make(LLMExtractor, fake, tmp_path, cache=False).extract([note_doc()])
    assert unpriced.usage.cost is None


def test_a_failed_document_gets_no_llm_facts_and_the_rest_go_on(tmp_path: Path) -> None:
    broken = note_doc(NOTE.replace("Sample Member", "Broken Member"))
    fine = note_doc()
    fake = FakeLLM(
        answer=lambda text, kind: NOTE_ANSWER,
        when=lambda text: timeout() if "Broken Member" in text else None,
    )
    for cls in (HybridExtractor, LLMExtractor):
        result = make(cls, fake, tmp_path, cache=False, retries=1).extract([broken, fine])
        llm_docs = {
            f.document_id
            for name in ("participation", "danger_findings")
            for f in llm_only(getattr(result.facts, name))
        }
        assert llm_docs == {fine.document_id}
        [failure] = [u for u in result.ungrounded if u.kind == FAILURE_KIND]
        assert failure.document_id == broken.document_id
        assert failure.why.startswith("llm extraction failed: requests to the model kept failing")
        assert "2 attempt(s)" in failure.why
        assert "Broken Member" not in failure.why
        # hybrid: the failed document keeps its deterministic facts (no silent loss of the
        # baseline); llm: its narrative is unread, the rules say so (never the other reader)
        kept = any(
            p.document_id == broken.document_id and p.source.startswith("deterministic:")
            for p in result.facts.participation
        )
        assert kept is (cls is HybridExtractor)
        # nothing was proposed for it, so nothing of it is in ungrounded but the failure
        assert [u.kind for u in result.ungrounded if u.document_id == broken.document_id] == [
            FAILURE_KIND
        ]


def test_failures_are_never_cached(tmp_path: Path) -> None:
    fake = FakeLLM(answer=lambda text, kind: NOTE_ANSWER, script=[timeout()] * 3)
    first = make(LLMExtractor, fake, tmp_path, retries=2).extract([note_doc()])
    assert [u.kind for u in first.ungrounded] == [FAILURE_KIND]
    second = make(LLMExtractor, fake, tmp_path, retries=2).extract([note_doc()])
    assert second.usage.llm_calls == 1
    assert llm_only(second.facts.participation)


def test_long_pages_are_chunked_with_offsets_and_deduplicated(tmp_path: Path) -> None:
    filler = "".join(f"Line {i}: routine observation, nothing notable.\n" for i in range(60))
    text = filler + "Member participated actively in every group.\n" + filler
    doc = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE).document

    def answer(chunk: str, kind: str) -> dict[str, Any]:
        quote = "Member participated actively in every group."
        found = quote in chunk
        return answer_of(
            participation=[{"status": "participates", "quote": quote}] if found else []
        )

    fake = FakeLLM(answer=answer)
    ex = make(LLMExtractor, fake, tmp_path, chunk_chars=1500, chunk_overlap=600)
    result = ex.extract([doc])
    assert fake.calls >= 3
    seen = sum("Member participated actively" in chart_text(b) for b in fake.requests)
    assert seen >= 2  # the sentence sits in an overlap: two chunks report it ...
    [fact] = result.facts.participation  # ... and it is one fact
    ev = fact.evidence[0]
    assert text[ev.start : ev.end] == "Member participated actively in every group."
    assert ev.start == len(filler)


def test_progress_is_reported_per_document(tmp_path: Path) -> None:
    fake = FakeLLM(answer=lambda text, kind: NOTE_ANSWER)
    empty = chart_doc("   \n", kind=DocumentKind.OTHER).document
    seen: list[tuple[int, int]] = []
    make(HybridExtractor, fake, tmp_path).extract(
        [note_doc(), empty], progress=lambda d, t: seen.append((d, t))
    )
    assert sorted(seen) == [(1, 2), (2, 2)]


def test_no_chart_text_in_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake = FakeLLM(
        answer=lambda text, kind: NOTE_ANSWER,
        reject=frozenset({"json_schema"}),
        when=lambda text: timeout() if "Broken" in text else None,
    )
    docs = [note_doc(), note_doc(NOTE.replace("Sample", "Broken"))]
    make(HybridExtractor, fake, tmp_path, retries=0).extract(docs)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    # the OpenAI SDK logs request bodies at DEBUG in some versions: kept above that
    assert not logging.getLogger("openai").isEnabledFor(logging.DEBUG)
    assert logged  # something was logged ...
    for fragment in ("Sample Member", "refused to return", "overdose", "cravings", "Broken"):
        assert fragment not in logged  # ... but no chart text


def test_not_configured_is_a_usage_error_naming_the_variables() -> None:
    from core.errors import UsageError

    with pytest.raises(UsageError) as caught:
        HybridExtractor()
    message = str(caught.value)
    assert "CHARTREVIEW_LLM_MODEL" in message
    assert "OPENAI_API_KEY" in message
    assert "OPENAI_BASE_URL" in message


def test_settings_from_the_environment_reach_the_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8000/v1")
    monkeypatch.setenv("CHARTREVIEW_LLM_MODEL", "qwen2.5-7b-instruct")
    monkeypatch.setenv("CHARTREVIEW_LLM_MAX_TOKENS", "1234")
    fake = FakeLLM(answer=lambda text, kind: NOTE_ANSWER)
    ex = LLMExtractor(http_client=fake.client(), sleep=NoSleep())
    assert ex.settings == LLMSettings.from_env()
    ex.extract([note_doc()])
    [body] = fake.requests
    assert body["model"] == "qwen2.5-7b-instruct"
    assert body["max_tokens"] == 1234
    assert ex.settings.cache_dir() == tmp_path / "data" / "llm-cache"
    assert any((tmp_path / "data" / "llm-cache").rglob("*.json"))


def test_acuity_domains_only_for_severe_impairment(tmp_path: Path) -> None:
    text = "Intake: not bathing, lost her job, stopped seeing friends. Onset two weeks ago.\n"
    answer = answer_of(
        acuity=[
            {
                "kind": "severe_impairment",
                "domains": ["self_care", "vocational", "social", "social"],
                "quote": "not bathing, lost her job, stopped seeing friends",
            },
            {"kind": "acute_onset", "domains": ["social"], "quote": "Onset two weeks ago."},
        ]
    )
    fake = FakeLLM(answer=lambda t, k: answer)
    doc = chart_doc(text, kind=DocumentKind.INTAKE_EVALUATION).document
    result = make(LLMExtractor, fake, tmp_path).extract([doc])
    by_kind = {a.kind: a for a in result.facts.acuity}
    assert by_kind[AcuityKind.SEVERE_IMPAIRMENT].domains == ("self_care", "vocational", "social")
    assert by_kind[AcuityKind.ACUTE_ONSET].domains == ()


def test_an_answer_of_the_wrong_shape_logs_no_chart_text_and_no_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A model that returns its content (or tool arguments) as a JSON object instead of a
    string (issue 13): whatever fails, the log names the error's type and place, never its
    message, which would quote the answer, that is, the chart."""
    caplog.set_level(logging.DEBUG)
    leaked = {"quote": "Sample Member refused to return", "why": ["overdose"]}

    def object_content(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        response = completion(body, "{}")
        data = response.json()
        message = data["choices"][0]["message"]
        if message.get("tool_calls"):
            message["tool_calls"][0]["function"]["arguments"] = leaked
        else:
            message["content"] = leaked
        return httpx.Response(200, json=data)

    fake = FakeLLM(answer=lambda text, kind: NOTE_ANSWER, script=[object_content] * 6)
    with warnings.catch_warnings(record=True) as warned:
        warnings.resetwarnings()  # as a fresh process: pytest's filters out of the way ...
        warnings.simplefilter("always")
        quiet_serializer_warnings()  # ... and those extract.llm sets when imported
        result = make(LLMExtractor, fake, tmp_path, retries=0, cache=False).extract([note_doc()])
    assert not [w for w in warned if "Sample Member" in str(w.message)]
    assert [u.kind for u in result.ungrounded] == [FAILURE_KIND]
    for r in caplog.records:
        assert r.exc_info is None and r.exc_text is None  # no traceback
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for fragment in ("Sample Member", "refused to return", "overdose", "input_value"):
        assert fragment not in logged


def test_importing_the_llm_client_silences_serializer_warnings() -> None:
    """In a fresh process (pytest replaces the warning filters inside tests)."""
    code = (
        "import warnings, extract.llm.client\n"
        "print(any(f[0] == 'ignore' and f[1] is not None and 'serializer' in f[1].pattern "
        "for f in warnings.filters))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_an_answer_larger_than_the_cap_is_not_read(tmp_path: Path) -> None:
    """Issue 13: an 80 MB non-JSON answer hung a review at 3.7 GB. Answers are read up to
    ``max_response_bytes`` (streamed or with a Content-Length) and the document fails."""
    huge = b"x" * 5_000_000

    def streamed(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        return httpx.Response(200, stream=httpx.ByteStream(huge))

    def declared(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        return httpx.Response(200, content=huge, headers={"content-type": "application/json"})

    for step in (streamed, declared):
        fake = FakeLLM(answer=lambda text, kind: NOTE_ANSWER, when=lambda text, s=step: s)
        ex = make(LLMExtractor, fake, tmp_path, cache=False, retries=0, max_response_bytes=100_000)
        result = ex.extract([note_doc()])
        [failure] = [u for u in result.ungrounded if u.kind == FAILURE_KIND]
        assert "requests to the model kept failing" in failure.why
        assert not llm_only(result.facts.participation)


def test_a_chart_has_a_time_limit_for_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13: a server answering in 130 s per request made a chart take 41 minutes.
    After ``deadline`` seconds no request starts and no retry is waited for."""
    clock = [0.0]

    def slow_failure(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        clock[0] += 40.0  # each request "takes" 40 s
        return httpx.Response(500, json={"error": {"message": "busy"}})

    fake = FakeLLM(answer=lambda text, kind: NOTE_ANSWER, when=lambda text: slow_failure)
    ex = make(LLMExtractor, fake, tmp_path, cache=False, retries=10, deadline=100.0)
    monkeypatch.setattr("time.monotonic", lambda: clock[0])
    result = ex.extract([note_doc()])
    [failure] = [u for u in result.ungrounded if u.kind == FAILURE_KIND]
    assert "the chart's time for the model (100 s) ran out" in failure.why
    assert fake.calls == 3  # at 0, 40 and 80 s; none started at 120 s
