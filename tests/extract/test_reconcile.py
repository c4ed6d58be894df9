"""One session documented in several places becomes one fact (extract/reconcile.py,
RULES.md "Same session, documented twice")."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from core.data import Document, DocumentKind, Page
from core.facts import Attendance, ServiceKind, Session
from extract.deterministic.extractor import DeterministicExtractor

T = dt.time


def doc(name: str, text: str, kind: DocumentKind = DocumentKind.OTHER) -> Document:
    return Document(
        document_id=hashlib.sha256(text.encode()).hexdigest(),
        filename=name,
        media_type="text/plain",
        pages=(Page(number=1, text=text),),
        kind=kind,
    )


def sessions(*docs: Document) -> list[Session]:
    return list(DeterministicExtractor().extract(docs).facts.sessions)


NOTE = """GROUP NOTE
Date: 03/04/2025   Time: 9:00 AM - 10:30 AM
Service: Process group
Attendance: Present - arrived late at 9:20
Response: Member shared a trigger.
"""
LOG = """| Date | Service | Time | Attendance |
|---|---|---|---|
| 03/04/2025 | Group psychotherapy | 0900-1030 | P |
| 03/04/2025 | Psychoeducation | 1045-1200 | P |
"""


def test_a_note_and_a_log_line_of_one_session_are_one_session_with_both_evidences() -> None:
    note, log = doc("note.txt", NOTE), doc("log.md", LOG)
    found = sessions(note, log)
    assert len(found) == 2
    merged = found[0]
    assert (merged.service_kind, merged.attendance) == (
        ServiceKind.GROUP_PSYCHOTHERAPY,
        Attendance.ATTENDED,
    )
    assert {ev.document_id for ev in merged.evidence} == {note.document_id, log.document_id}
    assert (merged.start, merged.end, merged.member_start) == (T(9), T(10, 30), T(9, 20))
    assert merged.minutes == 70  # the member's own arrival (the note) counts
    assert not merged.is_log_entry  # a progress note documents it
    assert "+" in merged.source and merged.uncertain == ()


def test_two_places_that_disagree_make_the_slot_uncertain() -> None:
    note = doc("note.txt", NOTE.replace("Present - arrived late at 9:20", "Absent - no call"))
    found = sessions(note, doc("log.md", LOG))
    merged = found[0]
    assert merged.attendance is Attendance.UNKNOWN
    (u,) = merged.uncertain
    assert (u.slot, u.values) == ("attendance", ("absent", "attended"))
    assert {ev.quote for ev in u.evidence} == {"Absent - no call", "P"}


def test_different_lengths_make_the_length_uncertain() -> None:
    log = LOG.replace("0900-1030", "0900-1200")
    merged = sessions(doc("note.txt", NOTE), doc("log.md", log))[0]
    assert merged.minutes is None
    assert [(u.slot, u.values) for u in merged.uncertain] == [("minutes", ("90", "180"))]


def test_one_session_written_twice_in_one_document_is_counted_once() -> None:
    """RULES.md "Same session, documented twice": the same date and times are one session,
    in one document too (an appointment and the encounter that fulfilled it; a note and
    its index entry, whose kind is unknown). Two services of one day at other times stay
    two."""
    text = LOG + "| 03/04/2025 | Group psychotherapy | 0900-1030 | P |\n"
    assert len(sessions(doc("log.md", text))) == 2
    index = LOG + "| 03/04/2025 | Progress note (see attached) | 0900-1030 | |\n"
    found = sessions(doc("log.md", index))
    assert [(s.service_kind, s.start) for s in found] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, T(9)),
        (ServiceKind.GROUP_EDUCATION, T(10, 45)),
    ]


def test_untimed_sessions_pair_in_order_when_the_counts_agree() -> None:
    grid = """ATTENDANCE - Week of 03/03/2025
Service                  Mon   Tue   Wed
Group Psychotherapy I     P     -     -
Group Psychotherapy II    P     -     -
"""
    note1 = (
        "GROUP NOTE\nDate: 03/03/2025\nTime: 9:00-10:30\nService: Process group\nMember attended.\n"
    )
    note2 = (
        "GROUP NOTE\nDate: 03/03/2025\nTime: 11:00-12:30\nService: CBT group\nMember attended.\n"
    )
    found = sessions(doc("grid.txt", grid), doc("n1.txt", note1), doc("n2.txt", note2))
    assert [(s.start, len({ev.document_id for ev in s.evidence})) for s in found] == [
        (T(9), 2),
        (T(11), 2),
    ]


def test_a_claim_line_adds_no_session_but_a_separately_billed_service_is_one() -> None:
    claims = """| DOS | HCPCS | Description | Units | Charge |
|---|---|---|---|---|
| 03/04/2025 | S9480 | IOP per diem | 1 | $425.00 |
| 03/04/2025 | 90853 | Group psychotherapy | 1 | $150.00 |
| 03/05/2025 | T1016 | Case management | 2 | $40.00 |
"""
    found = sessions(doc("log.md", LOG), doc("claims.md", claims))
    kinds = [(s.date.day, s.service_kind) for s in found]
    assert kinds == [
        (4, ServiceKind.GROUP_PSYCHOTHERAPY),
        (4, ServiceKind.GROUP_EDUCATION),
        (5, ServiceKind.CASE_MANAGEMENT),
    ]
    billed = found[0]  # the claim line is evidence of the group it bills
    assert len({ev.document_id for ev in billed.evidence}) == 2


CHARGES = """| DOS | Code | Description | From | To | Charge |
|---|---|---|---|---|---|
| 03/04/2025 | {code} | {description} | {start} | {end} | $150.00 |
"""
LEFT_EARLY = """| Date | Service | Time | Attendance | Comments |
|---|---|---|---|---|
| 03/04/2025 | {service} | 0900-1030 | P | {comment} |
"""


@pytest.mark.parametrize(
    ("service", "comment", "code", "description", "end", "kind", "minutes", "uncertain"),
    [
        pytest.param(
            "Group psychotherapy", "Left early at 10:00", "90853", "Group psychotherapy",
            "1000", ServiceKind.GROUP_PSYCHOTHERAPY, 60, [], id="charge-bills-the-member-span",
        ),
        pytest.param(
            "Group psychotherapy", "", "90853", "Group psychotherapy", "1000",
            ServiceKind.GROUP_PSYCHOTHERAPY, None, [("minutes", ("60", "90"))],
            id="charge-span-without-a-stated-departure-disagrees",
        ),
        pytest.param(
            "Psychoeducation group", "", "G0177", "Training and educational services", "1030",
            ServiceKind.GROUP_EDUCATION, 90, [], id="code-alone-and-the-group-it-bills",
        ),
        pytest.param(
            "Individual therapy", "", "G0177", "Training and educational services", "1030",
            ServiceKind.UNKNOWN, 90, [("kind", ("individual_psychotherapy", "patient_education"))],
            id="other-kinds-still-disagree",
        ),
    ],
)  # fmt: skip
def test_a_charge_line_agrees_with_the_session_it_bills(
    service: str,
    comment: str,
    code: str,
    description: str,
    end: str,
    kind: ServiceKind,
    minutes: int | None,
    uncertain: list[tuple[str, tuple[str, ...]]],
) -> None:
    """A charge that bills the member's own attended span (the log says they left early)
    agrees with the log's session times; a code named alone ("G0177", patient education)
    bills the group the log names (its group kind); anything else still disagrees."""
    log = LEFT_EARLY.format(service=service, comment=comment)
    charges = CHARGES.format(code=code, description=description, start="0900", end=end)
    (merged,) = sessions(doc("log.md", log), doc("charges.md", charges))
    assert len({ev.document_id for ev in merged.evidence}) == 2
    assert (merged.service_kind, merged.minutes) == (kind, minutes)
    assert [(u.slot, u.values) for u in merged.uncertain] == uncertain
