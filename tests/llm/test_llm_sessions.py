"""Service records read by the model, field by field (issue 14): each quote aligned on its
own near its record, every number parsed from the quoted words by the offline parsers, a
bad quote dropping its field only; ``llm`` mode reading sessions on its own, ``hybrid``
joining them with the offline reader's field by field."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from chartdocs import chart_doc
from fakellm import FakeLLM, NoSleep, answer_of, proposal, session_proposals, settings

import pipeline.review
from audit.record import AuditRecord
from core.data import Document, DocumentKind
from core.facts import Attendance, GroupFocus, Modality, ServiceKind, Session
from extract.deterministic.extractor import DeterministicExtractor
from extract.llm import HybridExtractor, LLMExtractor
from ingest.loader import load_chart
from pipeline.review import review_paths

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

NOTE = """IOP GROUP PROGRESS NOTE
Client: Sample Member    DOS: 03/10/2025
Group psychotherapy (process group), 9:00 AM-10:30 AM, in person
Facilitator: Jane Roe, LCSW    Group size: 6
Intervention: process group on coping with cravings.
Response: Member participated actively and named two triggers.
"""


def extract_llm(tmp_path: Path, *proposals: dict[str, Any], text: str = NOTE) -> Any:
    doc: Document = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE).document
    fake = FakeLLM(answer=lambda chunk, kind: answer_of(sessions=list(proposals)))
    ex = LLMExtractor(settings(tmp_path), http_client=fake.client(), sleep=NoSleep())
    return ex.extract([doc])


def slot_quotes(s: Session) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for slot in s.slots:
        out.setdefault(slot.slot, []).extend(ev.quote for ev in slot.evidence)
    return out


def test_every_field_is_read_from_its_own_words(tmp_path: Path) -> None:
    result = extract_llm(tmp_path, proposal())
    [s] = result.facts.sessions
    assert s.source == "llm:chart-facts.v3:exact"
    assert (s.date, s.start, s.end, s.minutes) == (
        dt.date(2025, 3, 10),
        dt.time(9, 0),
        dt.time(10, 30),
        90.0,
    )
    assert s.service_kind is ServiceKind.GROUP_PSYCHOTHERAPY
    assert s.modality is Modality.IN_PERSON
    assert [(p.name, p.credentials) for p in s.facilitators] == [("Jane Roe", ("LCSW",))]
    assert s.group_size == 6
    assert not s.is_log_entry
    assert slot_quotes(s) == {
        "date": ["03/10/2025"],
        "start": ["9:00 AM-10:30 AM"],
        "end": ["9:00 AM-10:30 AM"],
        "kind": ["Group psychotherapy (process group)"],
        "modality": ["in person"],
        "facilitators": ["Jane Roe, LCSW"],
        "group_size": ["Group size: 6"],
    }
    # the date above the record line is the one the note states (offsets into the page)
    date_ev = s.slot_evidence("date")[0]
    assert NOTE[date_ev.start : date_ev.end] == "03/10/2025"


@pytest.mark.parametrize(
    ("change", "dropped", "why"),
    [
        # a quote the text does not hold: that field only is dropped
        ({"facilitator_quotes": ["Dr. Nobody, MD"]}, "facilitator", "not in the service record"),
        # words that state no clock time
        ({"times_quote": "process group"}, "times", "state no clock time"),
        # the vocabulary reads the words as another kind than proposed
        ({"kind": "individual_psychotherapy"}, "service", "read as group_psychotherapy"),
        # words that state no number of participants
        ({"group_size_quote": "Facilitator"}, "group size", "no number of participants"),
    ],
)
def test_one_bad_field_drops_that_field_not_the_session(
    tmp_path: Path, change: dict[str, Any], dropped: str, why: str
) -> None:
    result = extract_llm(tmp_path, proposal(**change))
    [s] = result.facts.sessions
    [rejected] = [u for u in result.ungrounded if u.kind == "sessions"]
    assert f"the session's {dropped}: " in rejected.why
    assert why in rejected.why
    kept = {"facilitator": "facilitators", "times": "start", "service": "kind"}
    kept["group size"] = "group_size"
    assert kept[dropped] not in slot_quotes(s)
    assert s.date == dt.date(2025, 3, 10)


LAB = """OTP MEDICATION AND LABORATORY RECORD
Patient: Sample Member

URINE DRUG SCREENS (point-of-care, observed collection)
Date        Time   Result                                   Collected by
06/02/2025  08:40  Buprenorphine +, fentanyl +              K. Lee, RN
06/16/2025  08:35  Buprenorphine +, all else negative       K. Lee, RN
"""


def lab_row(row: str, service_quote: str, **fields: Any) -> dict[str, Any]:
    return proposal(
        record_quote=row,
        record_type=fields.pop("record_type", "log_entry"),
        date_quote=row[:10],
        times_quote=None,
        service_quote=service_quote,
        kind="toxicology",
        modality_quote=None,
        modality=None,
        facilitator_quotes=[],
        group_size_quote=None,
        **fields,
    )


def test_a_table_row_takes_its_service_from_the_heading_it_stands_under(
    tmp_path: Path,
) -> None:
    rows = [line for line in LAB.splitlines() if line.startswith("06/")]
    result = extract_llm(tmp_path, *(lab_row(r, "URINE DRUG SCREENS") for r in rows), text=LAB)
    assert [(s.date, s.service_kind) for s in result.facts.sessions] == [
        (dt.date(2025, 6, 2), ServiceKind.TOXICOLOGY),
        (dt.date(2025, 6, 16), ServiceKind.TOXICOLOGY),
    ]
    for s in result.facts.sessions:
        [kind_ev] = s.slot_evidence("kind")
        assert LAB[kind_ev.start : kind_ev.end] == "URINE DRUG SCREENS"
        assert kind_ev.start == LAB.index("URINE DRUG SCREENS")


@pytest.mark.parametrize(
    ("service_quote", "record_type", "why"),
    [
        # the words of another line above (not a heading): not the row's service
        ("Patient: Sample Member", "log_entry", "not in the service record"),
        # a note's service is in its own words, never in a heading above them
        ("URINE DRUG SCREENS", "progress_note", "not in the service record"),
    ],
)
def test_a_service_from_above_is_only_the_heading_of_a_table_row(
    tmp_path: Path, service_quote: str, record_type: str, why: str
) -> None:
    row = next(line for line in LAB.splitlines() if line.startswith("06/02"))
    result = extract_llm(tmp_path, lab_row(row, service_quote, record_type=record_type), text=LAB)
    [s] = result.facts.sessions
    assert s.service_kind is ServiceKind.UNKNOWN
    assert any(why in u.why and "the session's service" in u.why for u in result.ungrounded)


@pytest.mark.parametrize(
    ("service", "focus"),
    [
        ("Seeking Safety (substance use)", GroupFocus.SUBSTANCE_USE),
        ("DBT skills group", GroupFocus.MENTAL_HEALTH),
        # a model's name alone, or words naming both: no focus
        ("Seeking Safety group", GroupFocus.UNKNOWN),
        ("Relapse prevention and DBT group", GroupFocus.UNKNOWN),
    ],
)
def test_a_groups_focus_is_read_from_the_words_naming_its_service(
    tmp_path: Path, service: str, focus: GroupFocus
) -> None:
    text = NOTE.replace("Group psychotherapy (process group)", service)
    record = f"{service}, 9:00 AM-10:30 AM, in person"
    result = extract_llm(tmp_path, proposal(record_quote=record, service_quote=service), text=text)
    [s] = result.facts.sessions
    assert s.service_kind is ServiceKind.GROUP_PSYCHOTHERAPY
    assert s.group_focus is focus
    assert [ev.quote for ev in s.slot_evidence("focus")] == (
        [service] if focus is not GroupFocus.UNKNOWN else []
    )


@pytest.mark.parametrize(
    ("body", "quote", "modality"),
    [
        # a word in the narrative is not how the session was delivered
        ("Left group briefly to take a phone call, returned.", "phone", Modality.UNKNOWN),
        # a phrase that states it, around the quoted word
        ("Session conducted by telephone (audio only).", "telephone", Modality.AUDIO),
        # a modality field's value below the record
        ("Setting: telehealth (Zoom)", "telehealth", Modality.VIDEO),
    ],
)
def test_a_modality_is_the_words_that_say_how_the_session_was_delivered(
    tmp_path: Path, body: str, quote: str, modality: Modality
) -> None:
    record = "Group psychotherapy (process group), 9:00 AM-10:30 AM"
    text = NOTE.replace(f"{record}, in person", record) + body + "\n"
    result = extract_llm(
        tmp_path,
        proposal(record_quote=record, modality_quote=quote, modality=modality.value),
        text=text,
    )
    [s] = result.facts.sessions
    assert s.modality is modality
    rejected = [u for u in result.ungrounded if "the session's modality" in u.why]
    assert bool(rejected) is (modality is Modality.UNKNOWN)


def test_a_session_without_a_date_of_service_is_not_a_fact(tmp_path: Path) -> None:
    result = extract_llm(tmp_path, proposal(date_quote=None))
    assert result.facts.sessions == ()
    [rejected] = [u for u in result.ungrounded if u.kind == "sessions"]
    assert "a session needs one" in rejected.why


def test_a_contradicted_attendance_is_dropped(tmp_path: Path) -> None:
    text = NOTE + "Attendance: No show\n"
    result = extract_llm(
        tmp_path,
        proposal(attendance_quote="No show", attendance="attended"),
        text=text,
    )
    [s] = result.facts.sessions
    assert s.attendance is Attendance.UNKNOWN
    assert any("read as no_show" in u.why for u in result.ungrounded)


def test_a_record_proposed_in_two_overlapping_chunks_is_one_session(tmp_path: Path) -> None:
    result = extract_llm(tmp_path, proposal(), proposal())
    assert len(result.facts.sessions) == 1


def test_llm_mode_lists_the_service_lines_the_model_did_not_read(tmp_path: Path) -> None:
    text = NOTE + "\nAFTERNOON: 03/10/2025 Relapse prevention group 1:00 PM-2:30 PM\n"
    result = extract_llm(tmp_path, proposal(), text=text)
    assert len(result.facts.sessions) == 1
    [unread] = result.unread
    assert text[unread.start : unread.end].startswith("AFTERNOON: 03/10/2025")


# --------------------------------------------------------------------------- whole reviews


def review(
    monkeypatch: pytest.MonkeyPatch, chart: Path, make: Any, policy: str = "medicare-iop"
) -> AuditRecord:
    monkeypatch.setattr(pipeline.review, "make_extractor", lambda kind: make())
    return review_paths([chart], policy=policy)


def weeks(record: AuditRecord) -> list[tuple[int, float]]:
    return [(w.week, w.counted_hours) for w in record.weekly_summary]


def offline_answers(chart: Path) -> Any:
    documents = load_chart([chart]).documents
    facts = DeterministicExtractor().extract(documents).facts
    return session_proposals(facts.sessions, documents), facts


def test_llm_mode_reading_the_offline_readers_words_gets_the_same_weeks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    chart = EXAMPLES / "medicare-iop-complete"
    offline = review_paths([chart], policy="medicare-iop")
    answer, _ = offline_answers(chart)
    fake = FakeLLM(answer=answer)
    record = review(
        monkeypatch,
        chart,
        lambda: LLMExtractor(settings(tmp_path), http_client=fake.client(), sleep=NoSleep()),
    )
    assert weeks(record) == weeks(offline)
    assert [w for w in weeks(record) if w[1] > 0], "some hours were counted"
    hours = {f.rule_id: f.status for f in record.findings}["medicare-iop.weekly-hours"]
    assert hours == {f.rule_id: f.status for f in offline.findings}["medicare-iop.weekly-hours"]
    assert all(s.source.startswith("llm:") for s in record.facts.sessions)


def copy_chart(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def test_hybrid_names_both_quotes_of_a_field_the_readers_disagree_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The model proposes every session as the offline reader read it, except one field:
    the family session's length, quoted from other words. Hybrid keeps both readings,
    the length is uncertain, and the week it could sink is undecided, naming both."""
    chart = copy_chart(EXAMPLES / "medicare-iop-complete", tmp_path / "chart")
    note = chart / "15_2025-03-18_family_session.txt"
    text = note.read_text(encoding="utf-8")
    changed = text.replace(
        "Participants: patient;", "Daughter joined for the last 1 hour.\nParticipants: patient;"
    )
    assert changed != text
    note.write_text(changed, encoding="utf-8")
    offline = review_paths([chart], policy="medicare-iop")
    assert {f.rule_id: f.status for f in offline.findings}["medicare-iop.weekly-hours"] == "met"
    answer, _ = offline_answers(chart)

    def one_changed(chunk: str, kind: str) -> dict[str, Any]:
        out = answer(chunk, kind)
        for p in out["sessions"]:
            if p["duration_quote"] == "1.5 hours":
                p["duration_quote"] = "1 hour"
        return out

    fake = FakeLLM(answer=one_changed)
    record = review(
        monkeypatch,
        chart,
        lambda: HybridExtractor(settings(tmp_path), http_client=fake.client(), sleep=NoSleep()),
    )
    [family] = [s for s in record.facts.sessions if s.date == dt.date(2025, 3, 18)]
    doubt = family.uncertain_slot("minutes")
    assert doubt is not None
    assert doubt.values == ("60", "90")
    assert {ev.quote for ev in doubt.evidence} == {"1.5 hours", "1 hour"}
    [hours] = [f for f in record.findings if f.rule_id == "medicare-iop.weekly-hours"]
    assert hours.status == "insufficient_evidence"
    quotes = {ev.quote for ev in hours.evidence}
    assert {"1.5 hours", "1 hour"} <= quotes
    assert "60 and 90 minutes" in hours.reason


def event_log(sessions: list[Session]) -> tuple[str, list[dict[str, Any]]]:
    """The chart's sessions written as a key=value event log (a style the offline reader
    was never shown), and what a capable model would propose for it."""
    lines: list[str] = ["# scheduler export v3 (events)"]
    proposals: list[dict[str, Any]] = []
    later: dict[dt.date, int] = {}  # sessions with a length only: one after another
    for n, s in enumerate(sessions):
        if not s.attended or s.minutes is None:
            continue
        day = s.date.isoformat()
        svc = s.service_kind.value.replace("_", " ")
        begin = s.member_start or s.start
        if begin is None:
            at = later.get(s.date, 14 * 60)
            later[s.date] = at + int(s.minutes) + 15
            begin = dt.time(at // 60, at % 60)
        end_minutes = begin.hour * 60 + begin.minute + int(s.minutes)
        end = dt.time(end_minutes // 60, end_minutes % 60)
        first = f"evt=open appt=A{n:03d} day={day} svc='{svc}' at={begin:%H.%M} status=attended"
        last = f"evt=close appt=A{n:03d} at={end:%H.%M}"
        lines += [first, last]
        proposals.append(
            {
                "record_quote": f"{first}\n{last}",  # the record is both events
                "record_type": "log_entry",
                "date_quote": f"day={day}",
                "times_quote": f"at={begin:%H.%M} status=attended\n{last}",
                "duration_quote": None,
                "arrival_quote": None,
                "departure_quote": None,
                "service_quote": f"svc='{svc}'",
                "kind": s.service_kind.value,
                "attendance_quote": "status=attended",
                "attendance": "attended",
                "modality_quote": None,
                "modality": None,
                "facilitator_quotes": [],
                "group_size_quote": None,
            }
        )
    return "\n".join(lines) + "\n", proposals


def test_llm_mode_reads_a_style_the_offline_reader_cannot(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every session document of the example replaced by one event log in a style the
    offline reader does not read: offline, the weeks are wrong; with a model that reads
    it (a fake proposing the right words), llm mode gets every week's hours right."""
    source = EXAMPLES / "medicare-iop-complete"
    truth = review_paths([source], policy="medicare-iop")
    chart = copy_chart(source, tmp_path / "chart")
    for path in chart.iterdir():
        if path.name[:2] in {f"{n:02d}" for n in range(5, 19)} and path.name[:2] != "13":
            path.unlink()
    text, proposals = event_log(list(truth.facts.sessions))
    (chart / "20_scheduler_events.log.txt").write_text(text, encoding="utf-8")
    offline = review_paths([chart], policy="medicare-iop")
    assert weeks(offline) != weeks(truth), "the offline reader reads this style: pick another"
    fake = FakeLLM(
        answer=lambda chunk, kind: answer_of(
            sessions=[p for p in proposals if p["record_quote"] in chunk]
        )
    )
    record = review(
        monkeypatch,
        chart,
        lambda: LLMExtractor(settings(tmp_path), http_client=fake.client(), sleep=NoSleep()),
    )
    assert weeks(record) == weeks(truth)


def test_a_note_cut_by_a_chunk_boundary_takes_its_date_from_the_document_header(
    tmp_path: Path,
) -> None:
    pad = "".join(f"Background line {i:02d}: history reviewed, no changes.\n" for i in range(12))
    text = (
        "IOP GROUP PROGRESS NOTE\nClient: Sample Member    DOS: 03/10/2025\n"
        + pad
        + "Group psychotherapy (process group), 9:00 AM-10:30 AM, in person\n"
        + "Facilitator: Jane Roe, LCSW    Group size: 6\n"
    )
    doc: Document = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE).document
    headers: list[str] = []

    def answer(chunk: str, kind: str) -> dict[str, Any]:
        p = proposal(attendance="attended")
        return answer_of(sessions=[p] if p["record_quote"] in chunk else [])

    fake = FakeLLM(answer=answer)
    ex = LLMExtractor(
        settings(tmp_path, chunk_chars=500, chunk_overlap=200),
        http_client=fake.client(),
        sleep=NoSleep(),
    )
    result = ex.extract([doc])
    for body in fake.requests:
        message = body["messages"][-1]["content"]
        headers.append(message.split("<document_header>\n")[1].split("\n</document_header>")[0])
    # the first chunk holds the header; the later ones carry it (requests run concurrently:
    # in any order)
    none = "(none: the excerpt starts the document)"
    assert headers.count(none) == 1
    later = [h for h in headers if h != none]
    assert later and all(
        h.startswith("IOP GROUP PROGRESS NOTE\nClient: Sample Member") for h in later
    )
    [s] = result.facts.sessions
    assert s.date == dt.date(2025, 3, 10)
    [date_ev] = s.slot_evidence("date")
    assert (date_ev.page, text[date_ev.start : date_ev.end]) == (1, "03/10/2025")
    assert date_ev.start < 60  # the header's date, not a later occurrence
