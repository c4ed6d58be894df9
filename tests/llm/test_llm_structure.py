"""The documents' structure read by the model, field by field (issue 14): signers,
certifications, plans, risk assessments, dates, diagnoses, members, authorizations,
requests, exams, assessments and schedules. Each quote is aligned on its own, every value
parsed from the quoted words by the offline parsers, a bad quote dropping its field only;
``llm`` mode reads the structure on its own, ``hybrid`` keeps the offline reader's and adds
what it did not read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from chartdocs import chart_doc
from fakellm import FakeLLM, NoSleep, answer_of, settings

import pipeline.review
from audit.record import AuditRecord
from core.data import Document, DocumentKind
from core.facts import (
    AssessmentKind,
    CertificationElement,
    CertificationKind,
    EpisodeDateKind,
)
from extract.base import ExtractionResult
from extract.llm import HybridExtractor, LLMExtractor
from pipeline.review import review_paths

CERT = """PHYSICIAN CERTIFICATION - INTENSIVE OUTPATIENT
Member: Sample Member A    DOB: 02/14/1988    Age: 37
Date: 03/03/2025
Admission date: 03/03/2025
Dx: F33.1 Major depressive disorder, recurrent, moderate
I certify that the member needs IOP services 3 hours a day, 3 days a week.
Without IOP the member is at risk of hospitalization.
Schedule: Mon/Wed/Thu 9:00 AM-12:00 PM
Signatures: Omar Said, MD 03/03/2025; Ann Lee, LCSW 03/04/2025; Sample Member A 03/04/2025
Therapist co-signature: ____________
"""


def signer(quote: str, name: str | None, date: str | None, **kw: Any) -> dict[str, Any]:
    return {
        "signature_quote": quote,
        "name_quote": name,
        "date_quote": date,
        "role_quote": kw.get("role"),
        "signed": kw.get("signed", True),
        "signer_type": kw.get("signer_type", "clinician"),
    }


def cert(**kw: Any) -> dict[str, Any]:
    return {
        "kind": "initial",
        "quote": "PHYSICIAN CERTIFICATION - INTENSIVE OUTPATIENT",
        "date_quote": "03/03/2025",
        "hours_quote": "3 hours a day, 3 days a week",
        "elements": [
            {
                "element": "clinical_need",
                "quote": "Without IOP the member is at risk of hospitalization.",
            }
        ],
    } | kw


SIGNERS = [
    signer("Omar Said, MD 03/03/2025", "Omar Said, MD", "03/03/2025"),
    signer("Ann Lee, LCSW 03/04/2025", "Ann Lee, LCSW", "03/04/2025"),
    signer("Sample Member A 03/04/2025", "Sample Member A", "03/04/2025", signer_type="member"),
    signer(
        "Therapist co-signature: ____________",
        None,
        None,
        role="Therapist co-signature",
        signed=False,
    ),
]


def document(text: str = CERT, kind: DocumentKind = DocumentKind.CERTIFICATION) -> Document:
    return chart_doc(text, kind=kind).document


def extract(
    tmp_path: Path,
    cls: type[LLMExtractor] | type[HybridExtractor] = LLMExtractor,
    doc: Document | None = None,
    **lists: list[dict[str, Any]],
) -> ExtractionResult:
    fake = FakeLLM(answer=lambda chunk, kind: answer_of(**lists))
    ex = cls(settings(tmp_path, cache=False), http_client=fake.client(), sleep=NoSleep())
    return ex.extract([doc or document()])


def llm_whys(result: ExtractionResult) -> list[tuple[str, str]]:
    return [(u.kind, u.why.split(": ", 1)[1]) for u in result.ungrounded]


def test_a_certification_with_every_signer_read_from_the_quoted_words(tmp_path: Path) -> None:
    result = extract(
        tmp_path,
        certifications=[cert()],
        signers=SIGNERS,
        document_dates=[{"date_quote": "03/03/2025", "basis": "written"}],
    )
    assert result.ungrounded == ()
    [c] = result.facts.certifications
    assert c.source == "llm:chart-facts.v3:exact"
    assert (c.kind, c.date, c.hours_per_week) == (
        CertificationKind.INITIAL,
        dt.date(2025, 3, 3),
        9.0,  # 3 hours a day times 3 days: parsed from the words, never the model's sum
    )
    assert [(e.name, e.evidence[0].quote) for e in c.elements] == [
        (CertificationElement.MIN_HOURS, "3 hours a day, 3 days a week"),
        (
            CertificationElement.CLINICAL_NEED,
            "Without IOP the member is at risk of hospitalization.",
        ),
    ]
    assert [(s.name, s.credentials, s.date, s.signed, s.member, s.role) for s in c.signers] == [
        ("Omar Said", ("MD",), dt.date(2025, 3, 3), True, False, None),
        ("Ann Lee", ("LCSW",), dt.date(2025, 3, 4), True, False, None),
        ("Sample Member A", (), dt.date(2025, 3, 4), True, True, None),
        (None, (), None, False, False, "Therapist co-signature"),
    ]
    assert c.signed_by is not None and c.signed_by.name == "Omar Said"  # the physician
    # offsets into the page: the second signer's date is its own, not the first's
    second_date = c.signers[1].evidence[-1]
    assert (second_date.start, second_date.end) == (
        CERT.index("03/04/2025"),
        CERT.index("03/04/2025") + 10,
    )


@pytest.mark.parametrize(
    ("field", "quote", "why"),
    [
        ("date_quote", "03/33/2025", "not found"),  # not in the text
        ("date_quote", "Member:", "states no date"),
        ("hours_quote", "Without IOP", "states no weekly hours"),
        ("hours_quote", "4 hours a day, 3 days a week", "digits"),  # other digits
    ],
)
def test_a_bad_field_quote_drops_that_field_not_the_certification(
    tmp_path: Path, field: str, quote: str, why: str
) -> None:
    result = extract(tmp_path, certifications=[cert(**{field: quote})])
    [c] = result.facts.certifications
    dropped = "date" if field == "date_quote" else "hours_per_week"
    assert getattr(c, dropped) is None
    assert [e.name for e in c.elements][-1] == CertificationElement.CLINICAL_NEED
    [(kind, reason)] = llm_whys(result)
    assert kind == "certifications" and why in reason


def test_a_date_quote_is_whole_words_not_the_tail_of_another_date(tmp_path: Path) -> None:
    text = "RISK ASSESSMENT\n=== 03/25/2025 ===\nLow risk; no plan or intent.\nSigned 3/25/2025\n"
    risk = {
        "conclusion_quote": "Low risk; no plan or intent.",
        "date_quote": "3/25/2025",
        "assessor_quote": None,
        "instrument_quote": None,
        "imminent_danger": False,
        "needs_24h_supervision": None,
    }
    doc = document(text, DocumentKind.RISK_ASSESSMENT)
    result = extract(tmp_path, doc=doc, risk_assessments=[risk])
    [r] = result.facts.risk_assessments
    assert r.date == dt.date(2025, 3, 25)
    date_ev = r.evidence[-1]
    assert text[date_ev.start - 1 : date_ev.end] == " 3/25/2025"


def test_values_are_parsed_from_the_words(tmp_path: Path) -> None:
    result = extract(
        tmp_path,
        diagnoses=[
            {"code_quote": "F33.1", "name_quote": "Major depressive disorder, recurrent, moderate"}
        ],
        members=[{"date_of_birth_quote": "02/14/1988", "age_quote": "Age: 37"}],
        episode_dates=[{"kind": "admission", "date_quote": "03/03/2025"}],
        schedules=[{"weekdays_quote": "Mon/Wed/Thu"}],
        document_dates=[{"date_quote": "03/03/2025", "basis": "written"}],
    )
    assert result.ungrounded == ()
    [dx] = result.facts.diagnoses
    assert (dx.code, dx.name) == ("F33.1", "Major depressive disorder, recurrent, moderate")
    [m] = result.facts.members
    assert (m.date_of_birth, m.age, m.age_on) == (dt.date(1988, 2, 14), 37, dt.date(2025, 3, 3))
    [ep] = result.facts.episode_dates
    assert (ep.kind, ep.date) == (EpisodeDateKind.ADMISSION, dt.date(2025, 3, 3))
    [sch] = result.facts.schedules
    assert sch.weekdays == (0, 2, 3)


def test_a_quote_that_states_no_value_is_not_a_fact(tmp_path: Path) -> None:
    result = extract(
        tmp_path,
        schedules=[{"weekdays_quote": "9:00 AM-12:00 PM"}],
        document_dates=[{"date_quote": "Member:", "basis": "written"}],
        diagnoses=[{"code_quote": "Dx:", "name_quote": None}],
    )
    assert result.facts.schedules == ()
    assert result.facts.document_dates == ()
    assert result.facts.diagnoses == ()
    assert sorted(k for k, _ in llm_whys(result)) == ["diagnoses", "document_dates", "schedules"]


def test_an_instrument_is_named_as_the_offline_reader_names_it(tmp_path: Path) -> None:
    text = "INTAKE\nDAST-10 score: 2\nColumbia Suicide Severity Rating Scale: low risk.\n"
    doc = document(text, DocumentKind.OTHER)
    result = extract(
        tmp_path,
        doc=doc,
        assessments=[
            {
                "kind": "substance_use",
                "instrument_quote": "DAST-10",
                "score_quote": "2",
                "date_quote": None,
            }
        ],
        risk_assessments=[
            {
                "conclusion_quote": "low risk.",
                "date_quote": None,
                "assessor_quote": None,
                "instrument_quote": "Columbia Suicide Severity Rating Scale",
                "imminent_danger": False,
                "needs_24h_supervision": None,
            }
        ],
    )
    [a] = result.facts.assessments
    assert (a.kind, a.instrument, a.score) == (AssessmentKind.SUBSTANCE_USE, "DAST", 2.0)
    [r] = result.facts.risk_assessments
    assert (r.instrument, r.imminent_danger) == ("C-SSRS", False)


def test_a_certification_over_two_chunks_is_one_fact(tmp_path: Path) -> None:
    filler = "".join(f"Line {i}: observation recorded for the review.\n" for i in range(120))
    text = CERT.replace("Without IOP", filler + "Without IOP")

    def answer(chunk: str, kind: str) -> dict[str, Any]:
        if "PHYSICIAN CERTIFICATION" in chunk:
            part = cert(elements=[])
        else:
            # a later chunk: anchored on the title, in the header the chunk carries
            part = cert(date_quote=None, hours_quote=None)
        return answer_of(certifications=[part])

    fake = FakeLLM(answer=answer)
    ex = LLMExtractor(
        settings(tmp_path, cache=False, chunk_chars=2000, chunk_overlap=100),
        http_client=fake.client(),
        sleep=NoSleep(),
    )
    result = ex.extract([document(text)])
    assert fake.calls >= 2
    [c] = result.facts.certifications
    assert c.hours_per_week == 9.0 and c.date == dt.date(2025, 3, 3)
    assert [e.name for e in c.elements] == [
        CertificationElement.MIN_HOURS,
        CertificationElement.CLINICAL_NEED,
    ]


def test_llm_reads_the_structure_alone_and_hybrid_adds_what_offline_missed(
    tmp_path: Path,
) -> None:
    """The offline reader reads this certification and its listed signers itself; hybrid
    keeps its facts and adds only the model's signer it lacks, llm mode has the model's
    facts only (none, when the model proposes none)."""
    blank_only = [SIGNERS[3]]
    offline_only = extract(tmp_path, HybridExtractor)
    [det] = offline_only.facts.certifications
    assert not det.source.startswith("llm:")
    hybrid = extract(tmp_path, HybridExtractor, signers=[*SIGNERS, *blank_only])
    [h] = hybrid.facts.certifications
    assert h.source == det.source and h.date == det.date
    assert {(s.name, s.signed) for s in det.signers} <= {(s.name, s.signed) for s in h.signers}
    nothing = extract(tmp_path, LLMExtractor)
    assert nothing.facts.certifications == ()
    assert nothing.facts.diagnoses == () and nothing.facts.members == ()


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _hybrid_review(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    answer: Callable[[str, str], dict[str, Any]],
) -> AuditRecord:
    fake = FakeLLM(answer=answer)
    monkeypatch.setattr(
        pipeline.review,
        "make_extractor",
        lambda kind: HybridExtractor(
            settings(tmp_path, cache=False), http_client=fake.client(), sleep=NoSleep()
        ),
    )
    return review_paths([EXAMPLES / "medicare-iop-complete"], policy="medicare-iop")


def test_hybrid_reads_a_plan_date_two_ways_that_does_not_bear_on_the_rule(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The offline reader dates the plan 03/05/2025 (its "Plan date" field); a model that
    quotes the goal's target date as the plan's date disagrees: the date is uncertain (no
    value, both readings kept). The treatment-plan rule does not depend on the plan's date:
    either reading meets it, so it is met, and its reason says the date was read two
    ways."""
    offline = review_paths([EXAMPLES / "medicare-iop-complete"], policy="medicare-iop")
    status = {f.rule_id: f for f in offline.findings}["medicare-iop.treatment-plan"].status
    assert str(status) == "met"
    plan = {
        "quote": "Individualized Treatment Plan — Adult IOP",
        "date_quote": "04/14/2025",
        "elements": [],
    }

    def answer(chunk: str, kind: str) -> dict[str, Any]:
        here = "Individualized Treatment Plan — Adult IOP" in chunk and "04/14/2025" in chunk
        return answer_of(treatment_plans=[plan] if here else [])

    record = _hybrid_review(monkeypatch, tmp_path, answer)
    [p] = record.facts.treatment_plans
    assert p.date is None
    [slot] = p.uncertain
    assert (slot.slot, slot.values) == ("date", ("2025-03-05", "2025-04-14"))
    assert [ev.quote for ev in slot.evidence][1] == "04/14/2025"
    assert "+llm:" in p.source  # one fact, both readers
    finding = {f.rule_id: f for f in record.findings}["medicare-iop.treatment-plan"]
    assert str(finding.status) == "met"
    assert "date read two ways" in finding.reason and "either reading" in finding.reason
    assert any(ev.quote == "04/14/2025" for ev in finding.evidence)


def test_hybrid_reads_a_certification_date_two_ways_and_the_rule_it_decides_names_both(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A model that takes the date of birth on the certification for its date: with the
    offline reading (3/3/2025) the stay ends within 60 days of the certification (no
    recertification is due: not applicable), with the
    model's (07/19/1956) it is not. recertification-interval depends on which is right:
    insufficient_evidence naming both readings' words, and both verdicts in its values."""
    cert = {
        "kind": "initial",
        "quote": "PHYSICIAN CERTIFICATION FOR INTENSIVE OUTPATIENT SERVICES",
        "date_quote": "07/19/1956",
        "hours_quote": None,
        "elements": [],
    }

    def answer(chunk: str, kind: str) -> dict[str, Any]:
        here = "PHYSICIAN CERTIFICATION FOR INTENSIVE OUTPATIENT SERVICES" in chunk
        return answer_of(certifications=[cert] if here else [])

    record = _hybrid_review(monkeypatch, tmp_path, answer)
    [c] = record.facts.certifications
    assert c.date is None
    [slot] = c.uncertain
    assert (slot.slot, slot.values) == ("date", ("2025-03-03", "1956-07-19"))
    assert [ev.quote for ev in slot.evidence] == ["3/3/2025", "07/19/1956"]
    findings = {f.rule_id: f for f in record.findings}
    interval = findings["medicare-iop.recertification-interval"]
    assert str(interval.status) == "insufficient_evidence"
    assert interval.reason.startswith(
        "The certification in 02_physician_certification.pdf has its date read two ways, "
        "as \u201c3/3/2025\u201d and as \u201c07/19/1956\u201d; the verdict depends on which is right"
    )
    assert interval.values["status_by_reading"] == {
        "2025-03-03": "not_applicable",
        "1956-07-19": "not_met",
    }
    assert {"3/3/2025", "07/19/1956"} <= {ev.quote for ev in interval.evidence}
    # a rule the date does not decide keeps its verdict
    assert str(findings["medicare-iop.initial-certification"].status) == "met"
