"""YAML exports (ingest/formats/yaml_doc.py): read as the trees of keys and values they
are and viewed by the JSON exports' one reader (lists of records as tables of key paths),
every scalar as written, aliases and malformed files refused, and an API's appointment
dump reviewed with quotes at their offsets: its scheduled dates, the service a row's
other cells name beside a bare "group" type, the enrolment's admission date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from core.grounding import evidence_problem, iter_evidence
from ingest.formats import render_json, render_yaml
from ingest.loader import load_chart
from pipeline.review import review_chart
from tests.chartdocs import slot_spans, span

TREE = {
    "meta": {"page": 1, "exported_at": "2025-03-14T14:11:07Z"},
    "appointments": [
        {"id": 7, "service": {"code": "90853", "display": "Group"}, "status": "fulfilled"},
        {"id": 8, "service": {"code": "90834", "display": "Individual"}, "status": "noshow"},
    ],
}
TREE_YAML = """\
---
meta:
  page: 1
  exported_at: "2025-03-14T14:11:07Z"
appointments:
  - id: 7
    service: {code: "90853", display: Group}
    status: fulfilled
  - id: 8
    service:
      code: '90834'
      display: Individual
    status: noshow
"""


def test_yaml_and_json_of_one_tree_read_the_same() -> None:
    """One reader for trees of keys and values: the YAML and the JSON of one export view
    as the same text."""
    assert render_yaml(TREE_YAML) == render_json(json.dumps(TREE))
    assert render_yaml(TREE_YAML) == (  # ids and metadata hidden, as a viewer hides them
        "appointments\n"
        "service.code\tservice.display\tstatus\n"
        "90853\tGroup\tfulfilled\n"
        "90834\tIndividual\tnoshow\n"
    )


SCALARS = [
    # (a YAML mapping, its viewed text): scalars as written, never implicitly typed
    pytest.param("start: 09:00", "start: 09:00\n", id="sexagesimal-stays-a-clock"),
    pytest.param("code: 0123", "code: 0123\n", id="octal-stays-as-written"),
    pytest.param("kept: yes", "kept: yes\n", id="yaml11-boolean-word"),
    pytest.param("on: 2025-01-07", "on: 2025-01-07\n", id="date-and-boolean-key"),
    pytest.param("minutes: 1.50", "minutes: 1.50\n", id="float-as-written"),
    pytest.param("a: null\nb: ~\nc:\nd: x", "d: x\n", id="empty-values-are-none"),
    pytest.param("note: 'it''s: fine'", "note: it's: fine\n", id="single-quoted"),
    pytest.param('note: "tab\\there"', "note: tab here\n", id="double-quoted-escape"),
    pytest.param("note: |\n  line one\n  line two\n", "note: line one line two\n", id="block"),
    pytest.param("x: !!python/object:os.system ls", "x: ls\n", id="tag-ignored"),
    pytest.param("---\na: 1\n---\nb: 2\n", "a: 1\n\nb: 2\n", id="two-documents"),
    pytest.param("~: 1", "null: 1\n", id="empty-key"),
]


@pytest.mark.parametrize(("data", "text"), SCALARS)
def test_scalars_read_as_written(data: str, text: str) -> None:
    assert render_yaml(data) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param("a: &x [1, 2]\nb: *x\n", "alias", id="alias"),
        pytest.param(
            "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            "c: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
            "alias",
            id="billion-laughs",
        ),
        pytest.param("a: [1, 2\nb: 3\n", "does not parse as YAML", id="unclosed-flow"),
        pytest.param("a: b: c\n", "does not parse as YAML", id="two-colons"),
        pytest.param("? [a, b]\n: c\n", "keys and values", id="list-as-key"),
    ],
)
def test_aliases_and_malformed_yaml_are_refused(data: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        render_yaml(data)


def test_a_malformed_yaml_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "dump.yml").write_text("appointments: [1, 2\nname: Jane Roe\n", "utf-8")
    result = load_chart([tmp_path / "dump.yml"])
    assert result.documents == ()
    (error,) = result.errors
    assert error.reason.startswith("is named .yaml but is not YAML keys and values")
    assert "Jane" not in error.reason


DUMP = """\
---
patient:
  name: {family: Roe, given: Jane}
enrollment:
  admitted_on: 2025-03-04
  discharged_on: 2025-03-28
  recurring_schedule:
    slots:
      - starts: "09:00"
        ends: "10:30"
        usual_title: CBT Group
code_tables:
  attendance: {P: present, NS: no show}
appointments:
  - id: 1
    type: group
    service: {code: "H2027", display: "Psychoeducational service, group", program_title: Wellness Group}
    scheduled: {date: 2025-03-05, start: "09:00", end: "10:30"}
    status: fulfilled
    attendance: {code: P}
    staff: [{name: Ann Lee, credential: LCSW, role: facilitator}]
  - id: 2
    type: group
    service: {code: "90853", display: "Psychotherapy, group", program_title: CBT Group}
    scheduled: {date: 2025-03-06, start: "09:00", end: "10:30"}
    status: noshow
    attendance: {code: NS}
    staff: [{name: Ann Lee, credential: LCSW, role: facilitator}]
"""


def test_an_appointment_dump_yields_its_sessions_with_quotes_that_verify(tmp_path: Path) -> None:
    """Each appointment is a session on its scheduled date (beside its status, the date
    it was for), of the service its code and display name (not the bare "group" of its
    type); the enrolment's "admitted_on" is the admission date; the planned slots are no
    session; every quote is the viewed text at its offsets."""
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "appointments_p1.yaml").write_text(DUMP, "utf-8")
    review = review_chart([chart], policy="medicare-iop")
    (document,) = review.documents
    assert document.media_type == "application/yaml"
    text = document.pages[0].text
    docs = {document.document_id: document}
    for ev in iter_evidence(review.record.facts):
        assert evidence_problem(ev, docs) is None
        assert text[ev.start : ev.end] == ev.quote
    sessions = sorted(review.record.facts.sessions, key=lambda s: s.date)
    assert [
        (s.date, s.start, s.end, s.service_kind.value, s.attendance.value) for s in sessions
    ] == [
        (dt.date(2025, 3, 5), dt.time(9), dt.time(10, 30), "group_education", "attended"),
        (dt.date(2025, 3, 6), dt.time(9), dt.time(10, 30), "group_psychotherapy", "no_show"),
    ]
    education, _ = sessions
    assert slot_spans(education, "date") == [span(text, "2025-03-05", "appointments\n")]
    assert slot_spans(education, "kind") == [span(text, "Psychoeducational service, group")]
    admission = [
        (e.date, [(ev.start, ev.end) for ev in e.evidence])
        for e in review.record.facts.episode_dates
        if e.kind.value == "admission"
    ]
    start = text.index("enrollment.admitted_on")
    assert admission == [
        (dt.date(2025, 3, 4), [(start, start + len("enrollment.admitted_on: 2025-03-04"))])
    ]
