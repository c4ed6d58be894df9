"""Hybrid joins the offline reader's structure facts with the model's, field by field."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import Evidence
from core.facts import (
    Diagnosis,
    DocumentDate,
    Fact,
    Member,
    Person,
    RiskAssessment,
    SlotEvidence,
)
from extract.llm.reconcile_structure import join_structure

DOC = "a" * 64
OTHER = "b" * 64
OFFLINE = "det:test"
MODEL = "llm:chart-facts.v3:exact"


def ev(start: int, end: int, quote: str = "", doc: str = DOC) -> Evidence:
    """Words at ``start:end`` (a quote of that length unless one is given)."""
    quote = quote or "w" * (end - start)
    return Evidence(document_id=doc, page=1, start=start, end=start + len(quote), quote=quote)


def slot(name: str, at: Evidence) -> SlotEvidence:
    return SlotEvidence(slot=name, evidence=(at,), source=MODEL)


def risk(
    source: str,
    at: Evidence,
    when: dt.date | None = None,
    danger: bool | None = None,
    assessor: Person | None = None,
    slots: tuple[SlotEvidence, ...] = (),
) -> RiskAssessment:
    return RiskAssessment(
        evidence=(at,),
        source=source,
        date=when,
        imminent_danger=danger,
        assessor=assessor,
        slots=slots,
    )


MARCH_5 = dt.date(2025, 3, 5)
MARCH_12 = dt.date(2025, 3, 12)


def test_a_field_read_alike_is_one_fact_with_both_sources() -> None:
    det = risk(OFFLINE, ev(0, 40), MARCH_5, danger=False)
    words = ev(10, 20, "03/05/2025")
    mine = risk(MODEL, ev(10, 30), MARCH_5, danger=False, slots=(slot("date", words),))
    [joined] = join_structure([det], [mine], (), {})
    assert joined.source == f"{OFFLINE}+{MODEL}"
    assert isinstance(joined, RiskAssessment)
    assert (joined.date, joined.imminent_danger, joined.uncertain) == (MARCH_5, False, ())
    assert joined.slots == (slot("date", words),)  # the model's words for the date beside


def test_a_field_only_the_model_states_is_kept_with_its_words_and_source() -> None:
    words = ev(50, 60, "03/12/2025")
    who = Person(evidence=(ev(70, 80, "A. Rivera"),), source=MODEL, name="A. Rivera")
    det = risk(OFFLINE, ev(0, 40), None, danger=False)
    mine = risk(
        MODEL, ev(10, 30), MARCH_12, danger=False, assessor=who, slots=(slot("date", words),)
    )
    [joined] = join_structure([det], [mine], (), {})
    assert isinstance(joined, RiskAssessment)
    assert joined.date == MARCH_12 and joined.assessor == who
    assert joined.slots == (slot("date", words),)
    assert joined.evidence == det.evidence  # the offline fact's words stay its words


def test_a_field_read_two_ways_is_uncertain_with_both_readings_words() -> None:
    det = risk(OFFLINE, ev(0, 40, "Risk reviewed 03/05/2025: low"), MARCH_5, danger=False)
    model_words = ev(50, 60, "03/12/2025")
    mine = risk(MODEL, ev(0, 40), MARCH_12, danger=False, slots=(slot("date", model_words),))
    [joined] = join_structure([det], [mine], (), {})
    assert isinstance(joined, RiskAssessment)
    assert joined.date is None
    [u] = joined.uncertain
    assert (u.slot, u.values) == ("date", ("2025-03-05", "2025-03-12"))
    assert [e.quote for e in u.evidence] == ["Risk reviewed 03/05/2025: low", "03/12/2025"]


@pytest.mark.parametrize(
    ("det", "mine", "expected"),
    [
        # one diagnosis each, in different places: two diagnoses (a document holds several)
        (
            [Diagnosis(evidence=(ev(0, 5),), source=OFFLINE, code="F33.2")],
            [Diagnosis(evidence=(ev(20, 25),), source=MODEL, code="F41.1")],
            [("F33.2", OFFLINE), ("F41.1", MODEL)],
        ),
        # the same words, another code: one diagnosis, its code read two ways
        (
            [Diagnosis(evidence=(ev(0, 5),), source=OFFLINE, code="F33.2")],
            [Diagnosis(evidence=(ev(0, 5),), source=MODEL, code="F32.2")],
            [(None, f"{OFFLINE}+{MODEL}")],
        ),
        # a diagnosis of another document is never this document's
        (
            [Diagnosis(evidence=(ev(0, 5),), source=OFFLINE, code="F33.2")],
            [Diagnosis(evidence=(ev(0, 5, doc=OTHER),), source=MODEL, code="F33.2")],
            [("F33.2", OFFLINE), ("F33.2", MODEL)],
        ),
    ],
)
def test_diagnoses_pair_by_their_words(
    det: list[Fact], mine: list[Fact], expected: list[tuple[str | None, str]]
) -> None:
    joined = join_structure(det, mine, (), {})
    assert [(f.code, f.source) for f in joined] == expected


def test_a_document_date_read_two_ways_leaves_both_dates() -> None:
    """A fact cannot be without its date: two readings are two facts, which the rules
    already treat as a conflict (the document's date is unknown)."""
    det = DocumentDate(evidence=(ev(0, 10),), source=OFFLINE, date=MARCH_5, basis="service")
    mine = DocumentDate(evidence=(ev(0, 10),), source=MODEL, date=MARCH_12, basis="service")
    assert join_structure([det], [mine], (), {}) == (det, mine)


def test_a_document_date_of_another_basis_is_not_added_where_one_was_read() -> None:
    det = DocumentDate(evidence=(ev(0, 10),), source=OFFLINE, date=MARCH_5, basis="service")
    mine = DocumentDate(evidence=(ev(40, 50),), source=MODEL, date=MARCH_12, basis="signed")
    assert join_structure([det], [mine], (), {}) == (det,)
    # where the offline reader read none, the model's is kept
    assert join_structure([], [mine], (), {}) == (mine,)


def test_one_member_per_document_pairs_without_shared_words() -> None:
    det = Member(evidence=(ev(0, 10),), source=OFFLINE, age=34)
    mine = Member(evidence=(ev(200, 210),), source=MODEL, age=43)
    [joined] = join_structure([det], [mine], (), {})
    assert isinstance(joined, Member)
    assert joined.age is None and [u.values for u in joined.uncertain] == [("34", "43")]
