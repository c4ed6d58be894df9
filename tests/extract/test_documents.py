"""Diagnoses (extract/deterministic/documents.py), with the exact spans they were read
from."""

from __future__ import annotations

import pytest

from core.data import DocumentKind
from core.facts import Diagnosis
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.documents import extract_diagnoses
from tests.chartdocs import chart_doc


def diagnoses_of(text: str) -> list[Diagnosis]:
    doc = chart_doc(text, kind=DocumentKind.INTAKE_EVALUATION)
    found = extract_diagnoses(doc)
    docs = {doc.document.document_id: doc.document}
    for d in found:
        for ev in iter_evidence(d):
            assert evidence_problem(ev, docs) is None
    return found


def named(found: list[Diagnosis]) -> list[tuple[str | None, str | None, str]]:
    return [(d.code, d.name, d.source.removeprefix("deterministic:diagnosis.")) for d in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "DIAGNOSES\nMajor depressive disorder, recurrent episode, severe\n",
            [(None, "Major depressive disorder, recurrent episode, severe", "named_list_line")],
            id="named-line-under-a-heading",
        ),
        pytest.param(
            "## Diagnoses\n- Generalized anxiety disorder\n- Panic disorder.\n",
            [
                (None, "Generalized anxiety disorder", "named_list_line"),
                (None, "Panic disorder", "named_list_line"),
            ],
            id="bulleted-names",
        ),
        pytest.param(
            "Diagnosis: Bipolar I disorder, current episode depressed\n",
            [(None, "Bipolar I disorder, current episode depressed", "named_field")],
            id="named-field",
        ),
        pytest.param(
            "DIAGNOSES\nF33.1 Major depressive disorder, recurrent, moderate; F41.1 Generalized\n"
            "anxiety disorder.\n",
            [
                ("F33.1", "Major depressive disorder, recurrent, moderate", "icd10_code"),
                ("F41.1", "Generalized", "icd10_code"),
            ],
            id="a-wrapped-line-is-not-a-diagnosis-of-its-own",
        ),
    ],
)
def test_diagnoses(text: str, expected: list[tuple[str | None, str | None, str]]) -> None:
    assert named(diagnoses_of(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "DIAGNOSES\nRule out bipolar disorder\n",
        "DIAGNOSES\nNo psychotic disorder.\n",
        "DIAGNOSES\nDeferred: depressive disorder vs. adjustment disorder\n",
        "DIAGNOSES\nShe has had depression since her twenties. It worsened after her divorce.\n",
        "HISTORY\nMajor depressive disorder, recurrent\n",
    ],
)
def test_no_named_diagnosis_from_a_list_line(text: str) -> None:
    assert [d for d in diagnoses_of(text) if d.code is None] == []
