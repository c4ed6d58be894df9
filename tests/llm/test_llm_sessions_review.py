"""Defects a review of the model's session reading found (issue 14): each test states
the behaviour wanted; those marked xfail are known open defects (strict: a fix makes
them fail until the mark is removed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from chartdocs import chart_doc
from fakellm import FakeLLM, NoSleep, answer_of, proposal, settings

from core.data import DocumentKind
from extract.deterministic.extractor import DeterministicExtractor
from extract.llm import HybridExtractor, LLMExtractor

NOTE = """IOP GROUP PROGRESS NOTE
Client: Sample Member    DOS: 03/10/2025
Group psychotherapy (process group), 9:00 AM-10:30 AM, in person
Facilitator: Jane Roe, LCSW    Group size: 6
Intervention: process group on coping with cravings.
Response: Member participated actively and named two triggers.
Signed 03/11/2025 by Jane Roe, LCSW
"""


def run(cls, tmp_path: Path, *proposals, text=NOTE, **kw):
    doc = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE).document
    fake = FakeLLM(answer=lambda chunk, kind: answer_of(sessions=list(proposals)))
    ex = cls(settings(tmp_path, **kw), http_client=fake.client(), sleep=NoSleep())
    return ex.extract([doc])


def test_hybrid_wrong_date_from_signature_double_counts(tmp_path: Path) -> None:
    # the model quotes the signature date (verbatim, in the note's body) as the DOS
    r = run(HybridExtractor, tmp_path, proposal(date_quote="03/11/2025"))
    print([(s.date, s.start, s.source) for s in r.facts.sessions])
    assert len(r.facts.sessions) == 1, "one record, one session (date should be uncertain)"


def boundary_text() -> str:
    pad = "".join(
        f"Background line {i:02d}: history reviewed, no changes noted today.\n" for i in range(5)
    )
    return (
        "IOP GROUP PROGRESS NOTE\nClient: Sample Member\n"
        + pad
        + "y" * 40
        + "\n"
        + "03/10/2025 Group psychotherapy (process group), 9:00 AM-10:30 AM, in person\n"
        + "x" * 150
        + "\n"
        + "Facilitator: Jane Roe, LCSW    Group size: 6\n"
        + "Response: Member participated actively and named two triggers.\n"
    )


def chunk_answer(chunk: str, kind: str) -> dict[str, Any]:
    p = proposal(
        record_quote="03/10/2025 Group psychotherapy (process group), 9:00 AM-10:30 AM, in person"
    )
    if p["record_quote"] not in chunk:
        return answer_of()
    for k, v in list(p.items()):
        if k.endswith("_quote") and v is not None and v not in chunk:
            p[k] = None
    p["facilitator_quotes"] = [q for q in p["facilitator_quotes"] if q in chunk]
    return answer_of(sessions=[p])


UNREAD_NOTE = """03/10/2025 Group psychotherapy 9:00 AM-10:30 AM attended
03/12/2025 IOP group 1:00 PM-2:30 PM Jane Roe, LCSW in person
"""


def test_read_by_model_drops_an_unread_line_a_field_quote_touches(tmp_path: Path) -> None:
    from core.facts import UnreadRecord
    from extract.llm.sessions import read_by_model

    doc = chart_doc(UNREAD_NOTE).document
    line2 = UNREAD_NOTE.index("03/12/2025")
    unread = UnreadRecord(
        document_id=doc.document_id,
        page=1,
        start=line2,
        end=len(UNREAD_NOTE) - 1,
        date=dt.date(2025, 3, 12),
        why="x",
    )
    # the model reads the 03/10 row and (wrongly or not) takes its modality from the next line
    p = proposal(
        record_quote="03/10/2025 Group psychotherapy 9:00 AM-10:30 AM attended",
        record_type="log_entry",
        service_quote="Group psychotherapy",
        attendance_quote="attended",
        attendance="attended",
        facilitator_quotes=["Jane Roe, LCSW"],
        group_size_quote=None,
    )
    r = run(LLMExtractor, tmp_path, p, text=UNREAD_NOTE)
    [s] = r.facts.sessions
    print([e.quote for e in s.evidence], s.date)
    print("hybrid hides:", read_by_model([unread], [s]) == ())
    print("llm-mode unread", [UNREAD_NOTE[u.start : u.end] for u in r.unread])
    assert r.unread, "llm mode: the 03/12 line is a service no session was read from"


DAYLOG = """SERVICE LOG
Date: 03/10/2025
Group psychotherapy 9:00 AM-12:00 PM Present
Group psychotherapy 1:00 PM-4:00 PM Present
Date: 03/11/2025
Group psychotherapy 9:00 AM-12:00 PM Present
"""


def row(rec: str, date: str) -> dict[str, Any]:
    return proposal(
        record_quote=rec,
        record_type="log_entry",
        date_quote=date,
        times_quote=rec.split("psychotherapy ")[1].rsplit(" ", 1)[0],
        service_quote="Group psychotherapy",
        attendance_quote="Present",
        attendance="attended",
        modality_quote=None,
        modality=None,
        facilitator_quotes=[],
        group_size_quote=None,
    )


PLAN = """IOP GROUP PROGRESS NOTE
Client: Sample Member    DOS: 03/10/2025
Group psychotherapy (process group), 9:00 AM-10:30 AM, in person
Member attended.
Plan: Next group: 03/12/2025 9:00 AM-12:00 PM Group psychotherapy.
"""


def test_a_future_appointment_labelled_a_note_becomes_an_attended_session(tmp_path: Path) -> None:
    p = proposal(
        record_quote="Next group: 03/12/2025 9:00 AM-12:00 PM Group psychotherapy.",
        date_quote="03/12/2025",
        times_quote="9:00 AM-12:00 PM",
        service_quote="Group psychotherapy",
        attendance="attended",
        modality_quote=None,
        modality=None,
        facilitator_quotes=[],
        group_size_quote=None,
    )
    r = run(
        LLMExtractor,
        tmp_path,
        proposal(
            record_quote="Group psychotherapy (process group), 9:00 AM-10:30 AM, in person",
            attendance="attended",
        ),
        p,
        text=PLAN,
    )
    got = [
        (s.date, s.start, s.attendance, [e.quote for e in s.slot_evidence("attendance")])
        for s in r.facts.sessions
    ]
    print(got)
    assert not any(s.date == dt.date(2025, 3, 12) and s.attended for s in r.facts.sessions)


def test_llm_mode_a_note_the_model_read_nothing_from_is_unread(tmp_path: Path) -> None:
    r = run(LLMExtractor, tmp_path, text=NOTE)  # the model proposes no session at all
    print("sessions", r.facts.sessions, "unread", [NOTE[u.start : u.end] for u in r.unread])
    assert r.facts.sessions or r.unread, "a note of a delivered session silently vanished"


TWO = """IOP PROGRESS NOTE
Client: Sample Member    DOS: 03/10/2025
Group psychotherapy (process group), 9:00 AM-10:30 AM, in person
Member attended and participated.
Psychoeducation group, 11:00 AM-12:00 PM, in person
Member attended and participated.
"""


def test_hybrid_pairs_by_shared_date_line_before_times(tmp_path: Path) -> None:
    doc = chart_doc(TWO, kind=DocumentKind.PROGRESS_NOTE).document
    det = DeterministicExtractor().extract([doc])
    print(
        "det",
        [(s.date, s.start, s.minutes, [e.quote for e in s.evidence]) for s in det.facts.sessions],
    )
    pm = proposal(
        record_quote="Psychoeducation group, 11:00 AM-12:00 PM, in person",
        times_quote="11:00 AM-12:00 PM",
        service_quote="Psychoeducation group",
        kind="group_education",
        attendance="attended",
        facilitator_quotes=[],
        group_size_quote=None,
    )
    am = proposal(attendance="attended", facilitator_quotes=[], group_size_quote=None)
    r = run(HybridExtractor, tmp_path, pm, am, text=TWO)
    for s in r.facts.sessions:
        print(
            "hyb",
            s.start,
            s.minutes,
            s.service_kind,
            [(u.slot, u.values) for u in s.uncertain],
            [e.quote for e in s.slot_evidence("start")],
        )
    assert all(not s.uncertain for s in r.facts.sessions)


LOG2 = """SERVICE LOG
03/10/2025 Group psychotherapy 9:00 AM-12:00 PM Present
03/12/2025 Group psychotherapy 9:00 AM-12:00 PM No show
"""


def test_a_field_borrowed_from_the_row_above(tmp_path: Path) -> None:
    p = proposal(
        record_quote="03/12/2025 Group psychotherapy 9:00 AM-12:00 PM",
        record_type="log_entry",
        date_quote="03/12/2025",
        times_quote="9:00 AM-12:00 PM",
        service_quote="Group psychotherapy",
        attendance_quote="Present",
        attendance="attended",
        modality_quote=None,
        modality=None,
        facilitator_quotes=[],
        group_size_quote=None,
    )
    r = run(LLMExtractor, tmp_path, p, text=LOG2)
    print(
        "llm",
        [
            (s.date, s.attendance, [e.quote for e in s.slot_evidence("attendance")])
            for s in r.facts.sessions
        ],
        "unread",
        [LOG2[u.start : u.end] for u in r.unread],
    )
    assert not any(s.date == dt.date(2025, 3, 12) and s.attended for s in r.facts.sessions)


LOG = """SERVICE LOG
03/10/2025 Group psychotherapy 9:00 AM-12:00 PM
03/12/2025 Group psychotherapy 9:00 AM-12:00 PM No show
"""


def test_a_log_lines_fields_are_on_its_own_line(tmp_path: Path) -> None:
    """The model names the first row and quotes an attendance the row does not state
    ("No show" is the next row's): the field is dropped, not borrowed."""
    p = proposal(
        record_quote="03/10/2025 Group psychotherapy 9:00 AM-12:00 PM",
        record_type="log_entry",
        date_quote="03/10/2025",
        times_quote="9:00 AM-12:00 PM",
        service_quote="Group psychotherapy",
        attendance_quote="No show",
        attendance="no_show",
        modality_quote=None,
        modality=None,
        facilitator_quotes=[],
        group_size_quote=None,
    )
    r = run(LLMExtractor, tmp_path, p, text=LOG)
    [s] = r.facts.sessions
    assert s.date == dt.date(2025, 3, 10)
    assert s.attendance.value == "unknown"
    assert any("the session's attendance: " in u.why for u in r.ungrounded)


@pytest.mark.parametrize("cls", [LLMExtractor, HybridExtractor])
def test_a_chunk_boundary_falls_before_a_record_not_inside_it(
    tmp_path: Path, cls: type[LLMExtractor] | type[HybridExtractor]
) -> None:
    """A window that would end inside the record (after its first line, before its
    clinician and group size) ends where the record begins instead: one chunk holds the
    record whole, and the session has every field."""
    text = boundary_text()
    doc = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE).document
    record_at = text.index("03/10/2025 Group psychotherapy")
    assert 250 < record_at < 500 < text.index("Group size: 6")  # the first window cuts it
    fake = FakeLLM(answer=chunk_answer)
    ex = cls(
        settings(tmp_path, chunk_chars=500, chunk_overlap=200),
        http_client=fake.client(),
        sleep=NoSleep(),
    )
    r = ex.extract([doc])
    answered = [b for b in fake.requests if "03/10/2025 Group psychotherapy" in str(b)]
    assert len(answered) == 1 and "Group size: 6" in str(answered[0])
    [s] = [s for s in r.facts.sessions if s.date == dt.date(2025, 3, 10)]
    assert s.minutes == 90
    assert s.group_size == 6


# --------------------------------------------------------------------------- second review

REC = "Group psychotherapy (process group), 9:00 AM-10:30 AM, in person"
REC2 = "Group psychotherapy (process group), 1:00 PM-2:30 PM, via video"
MULTI = (
    "IOP GROUP PROGRESS NOTES\nClient: Sample Member    DOS: 03/10/2025\n"
    + REC
    + "\nFacilitator: Jane Roe, LCSW\n"
    + "".join(
        f"Narrative line {i:02d}: member discussed coping skills at length.\n" for i in range(10)
    )
    + "DOS: 03/17/2025\n"
    + "".join(f"Background line {i:02d}: history reviewed, no changes today.\n" for i in range(10))
    + REC2
    + "\n"
)


def multi_answer(chunk: str, kind: str) -> dict[str, Any]:
    """A model that, cut off from the second note's date line, quotes the document
    header's date for it (as the prompt allows)."""
    out = []
    if REC in chunk:
        out.append(proposal(record_quote=REC, date_quote="03/10/2025", attendance="attended"))
    if REC2 in chunk:
        date = "03/17/2025" if "03/17/2025" in chunk else "03/10/2025"
        out.append(
            proposal(
                record_quote=REC2,
                date_quote=date,
                times_quote="1:00 PM-2:30 PM",
                modality_quote=None,
                modality=None,
                attendance="attended",
            )
        )
    return answer_of(sessions=out)


@pytest.mark.parametrize("cls", [LLMExtractor, HybridExtractor])
def test_the_first_notes_date_never_dates_a_later_note(
    tmp_path: Path, cls: type[LLMExtractor] | type[HybridExtractor]
) -> None:
    """Only the date nearest above a record may come from outside its chunk: the second
    note, quoted with the header's date, is not dated 03/10 (its hours are not counted in
    the first note's week); llm mode lists its record as unread."""
    doc = chart_doc(MULTI, kind=DocumentKind.PROGRESS_NOTE).document
    fake = FakeLLM(answer=multi_answer)
    r = cls(
        settings(tmp_path, chunk_chars=600, chunk_overlap=100),
        http_client=fake.client(),
        sleep=NoSleep(),
    ).extract([doc])
    on_first_day = [s for s in r.facts.sessions if s.date == dt.date(2025, 3, 10)]
    assert [s.start for s in on_first_day] == [dt.time(9, 0)]
    if cls is LLMExtractor:
        assert any(MULTI[u.start : u.end].startswith(REC2) for u in r.unread)


def test_a_date_from_the_document_header_is_read_from_its_own_page(tmp_path: Path) -> None:
    """A note cut by a page boundary: the date the model quotes from the first page is
    never read at the same offsets of the record's page (another date there)."""
    page1 = "IOP GROUP PROGRESS NOTE\nClient: Sample Member    DOS: 03/10/2025\nHistory reviewed.\n"
    page2 = "IOP GROUP PROGRESS NOTE\nPrinted by: J. Clerk      On: 04/22/2025\n" + REC + "\n"
    doc = chart_doc(page1, page2, kind=DocumentKind.PROGRESS_NOTE).document

    def answer(chunk: str, kind: str) -> dict[str, Any]:
        p = proposal(record_quote=REC, date_quote="03/10/2025", attendance="attended")
        return answer_of(sessions=[p] if REC in chunk else [])

    r = LLMExtractor(
        settings(tmp_path), http_client=FakeLLM(answer=answer).client(), sleep=NoSleep()
    ).extract([doc])
    # the nearest date above the record is the printing date: the quoted one is not it,
    # so the session has no date and its record is unread (never dated 04/22)
    assert [s.date for s in r.facts.sessions] == []
    assert r.unread


def test_a_grid_entry_does_not_take_the_previous_entrys_status(tmp_path: Path) -> None:
    text = (
        "WEEKLY GRID\n"
        "Mon 03/10/2025 Group psychotherapy 9:00 AM-12:00 PM Present    "
        "Tue 03/11/2025 Group psychotherapy 9:00 AM-12:00 PM Absent\n"
    )
    first = "Mon 03/10/2025 Group psychotherapy 9:00 AM-12:00 PM Present"
    second = "Tue 03/11/2025 Group psychotherapy 9:00 AM-12:00 PM"
    props = [
        proposal(
            record_quote=q,
            record_type="log_entry",
            date_quote=d,
            times_quote="9:00 AM-12:00 PM",
            service_quote="Group psychotherapy",
            attendance_quote="Present",
            attendance="attended",
            modality_quote=None,
            modality=None,
            facilitator_quotes=[],
            group_size_quote=None,
        )
        for q, d in ((first, "03/10/2025"), (second, "03/11/2025"))
    ]
    r = run(LLMExtractor, tmp_path, *props, text=text)
    by_day = {s.date: s.attendance.value for s in r.facts.sessions}
    assert by_day[dt.date(2025, 3, 10)] == "attended"
    assert by_day[dt.date(2025, 3, 11)] == "unknown"  # its "Present" is Monday's


def test_a_date_is_never_found_inside_a_longer_date(tmp_path: Path) -> None:
    text = (
        "GROUP NOTE\nDOS: 1/10/2025\nAuthorization valid through 11/10/2025\n"
        + REC
        + "\nFacilitator: Jane Roe, LCSW\n"
    )
    r = run(
        LLMExtractor,
        tmp_path,
        proposal(record_quote=REC, date_quote="1/10/2025", attendance="attended"),
        text=text,
    )
    assert [s.date for s in r.facts.sessions] == [dt.date(2025, 1, 10)]


def test_a_record_read_in_two_overlapping_chunks_is_one_session() -> None:
    """A record longer than a chunk's window is cut: one chunk's reading lacks its
    clinician and group size, the next has them; the two readings are one session with
    what both read."""
    from core.facts import Session
    from extract.llm.convert import DocumentFindings, dedupe

    text = boundary_text()
    doc = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE).document
    at = text.index("03/10/2025 Group psychotherapy")
    record = doc.evidence(1, at, text.index("\n", at))
    size = doc.evidence(1, text.index("Group size: 6"), text.index("Group size: 6") + 13)
    base = {
        "source": "llm:chart-facts.v3:exact",
        "date": dt.date(2025, 3, 10),
        "start": dt.time(9, 0),
        "end": dt.time(10, 30),
    }
    cut = Session(evidence=(record,), **base)
    whole = Session(evidence=(record, size), group_size=6, **base)
    [s] = dedupe([DocumentFindings(sessions=[cut]), DocumentFindings(sessions=[whole])]).sessions
    assert (s.minutes, s.group_size) == (90, 6)
    assert size in s.evidence
