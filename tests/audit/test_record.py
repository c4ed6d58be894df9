"""The audit record: canonical hashing, verification, tamper detection, shipped schema."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from audit.record import (
    SCHEMA_PATH,
    SCHEMA_VERSION,
    AuditRecord,
    DocumentEntry,
    ExtractorInfo,
    PolicyInfo,
    ReviewerAction,
    ToolInfo,
    _depth,
    compute_sha256,
    generate_keys,
    json_schema,
    load_private_key,
    load_public_key,
    load_record,
    parse_record,
    record_data,
    record_sha256,
    reviewer_outcome,
    seal,
    shown,
    sign,
    to_json,
    verify_data,
    with_reviewer_outcome,
    write_record,
)
from core.data import DocumentKind, InputError, Usage
from core.errors import RecordError
from core.facts import ChartFacts, UnreadRecord
from core.findings import Citation, Finding, RelatedPassage, Status

DOC_ID = "ab" * 32


def _record() -> AuditRecord:
    return seal(
        AuditRecord(
            review_id="r-1",
            created_at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
            tool=ToolInfo(name="chartreview", version="0.1.0"),
            policy=PolicyInfo(id="medicare-iop", version="1", sha256="cd" * 32),
            extractor=ExtractorInfo(kind="deterministic"),
            documents=[
                DocumentEntry(
                    document_id=DOC_ID,
                    filename="note – café.txt",
                    media_type="text/plain",
                    pages=1,
                    kind=DocumentKind.PROGRESS_NOTE,
                )
            ],
            input_errors=[InputError(filename="scan.pdf", reason="encrypted")],
            facts=ChartFacts(),
            ungrounded=[],
            usage=Usage(),
            weekly_summary=[],
            findings=[
                Finding(
                    rule_id="medicare-iop.diagnosis",
                    status=Status.INSUFFICIENT_EVIDENCE,
                    reason="No diagnosis is documented.",
                    citations=(Citation(passage_id="p#1", source="x.txt", section="s", quote="q"),),
                    related_passages=(
                        RelatedPassage(
                            passage_id="p#2",
                            source="x.txt",
                            section="s",
                            start=4,
                            end=9,
                            text="words",
                        ),
                    ),
                )
            ],
            overall="insufficient_evidence",
        )
    )


def test_hash_is_sha256_of_canonical_json_without_the_field(tmp_path: Path) -> None:
    record = _record()
    path = tmp_path / "r.json"
    path.write_text(to_json(record), encoding="utf-8")
    # recompute exactly as AUDIT.md / the README tell an auditor to, without the tool
    data = json.loads(path.read_text(encoding="utf-8"))
    claimed = data.pop("record_sha256")
    canon = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canon.encode("utf-8")).hexdigest() == claimed == record.record_sha256
    assert load_record(path) == record


def test_any_edit_is_detected(tmp_path: Path) -> None:
    data = json.loads(to_json(_record()))
    data["findings"][0]["status"] = "met"
    ok, message = verify_data(data)
    assert not ok
    assert "hashes to" in message
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RecordError, match="edited after it was written"):
        load_record(path)


def test_missing_hash_is_reported() -> None:
    data = json.loads(to_json(_record()))
    del data["record_sha256"]
    assert verify_data(data) == (False, "the record has no record_sha256 field")


def test_record_fields_are_exactly_those_audit_md_names() -> None:
    expected = {
        "schema_version", "review_id", "created_at", "tool", "policy", "extractor",
        "documents", "input_errors", "facts", "ungrounded", "usage", "weekly_summary",
        "findings", "overall", "reviewer_actions", "previous_record_sha256", "record_sha256",
        "unread",  # a compatible addition AUDIT.md lists (1.3)
        "signature",  # a compatible addition AUDIT.md lists (1.5)
        "reviewer_outcome",  # a compatible addition AUDIT.md lists (1.6)
    }  # fmt: skip
    assert set(AuditRecord.model_fields) == expected
    assert set(UnreadRecord.model_fields) == {
        "document_id", "page", "start", "end", "why", "date",  # AUDIT.md's, and the date
    }  # fmt: skip
    assert set(json.loads(to_json(_record()))["findings"][0]) == {
        "rule_id", "status", "reason", "evidence", "citations", "values", "related_passages",
    }  # fmt: skip
    assert set(json.loads(to_json(_record()))["findings"][0]["related_passages"][0]) == {
        "passage_id", "source", "section", "start", "end", "text",
    }  # fmt: skip


def test_schema_version_is_1_7_since_document_facts_carry_their_fields_words() -> None:
    assert SCHEMA_VERSION == "1.7"
    assert _record().schema_version == "1.7"
    assert json_schema()["$id"] == "chartreview/audit-record/1.7"
    assert {"findings", "overall", "decision", "decision_reason"} == set(
        json_schema()["$defs"]["ReviewerOutcome"]["properties"]
    )
    data = json.loads(to_json(_record()))
    assert "schedules" in data["facts"] and data["unread"] == []
    defs = json_schema()["$defs"]
    for fact in ("Session", "Certification", "RiskAssessment", "AuthorizationPeriod", "Member"):
        assert {"slots", "uncertain"} <= set(defs[fact]["properties"])
    for document in ("Certification", "TreatmentPlan"):
        assert "signers" in defs[document]["properties"]
    assert {"date", "role", "signed"} <= set(defs["Signer"]["properties"])
    assert "score" in defs["Assessment"]["properties"]


def test_a_1_2_record_without_unread_still_loads_and_verifies(tmp_path: Path) -> None:
    # what 1.2 wrote: no unread[], sealed over that content
    data = json.loads(to_json(_record()))
    data["schema_version"] = "1.2"
    del data["unread"]
    _reseal(data)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert verify_data(data)[0]
    record = load_record(path)
    assert record.schema_version == "1.2"
    assert record.unread == []


def _reseal(data: dict[str, object]) -> None:
    data["record_sha256"] = hashlib.sha256(
        json.dumps(
            {k: v for k, v in data.items() if k != "record_sha256"},
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode("utf-8")
    ).hexdigest()


def test_a_1_0_record_without_related_passages_still_loads_and_verifies(tmp_path: Path) -> None:
    # what 1.0 wrote: no related_passages in findings, no schedules, sealed over that content
    data = json.loads(to_json(_record()))
    data["schema_version"] = "1.0"
    del data["findings"][0]["related_passages"]
    del data["facts"]["schedules"]
    del data["unread"]
    _reseal(data)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert verify_data(data)[0]
    record = load_record(path)
    assert record.schema_version == "1.0"
    assert record.findings[0].related_passages == ()


def test_a_1_1_record_without_schedules_still_loads_and_verifies(tmp_path: Path) -> None:
    # what 1.1 wrote: no facts.schedules, sealed over that content
    data = json.loads(to_json(_record()))
    data["schema_version"] = "1.1"
    del data["facts"]["schedules"]
    del data["unread"]
    _reseal(data)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert verify_data(data)[0]
    record = load_record(path)
    assert record.schema_version == "1.1"
    assert record.facts.schedules == ()


def test_a_related_passage_span_must_match_its_text() -> None:
    with pytest.raises(ValueError, match="span length differs"):
        RelatedPassage(passage_id="p#2", source="x.txt", section="s", start=4, end=8, text="words")


def test_shipped_schema_is_the_generated_one() -> None:
    shipped = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert shipped == json_schema(), "run `chartreview schema --out audit/audit-record.schema.json`"


def test_record_validates_against_the_shipped_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(to_json(_record())), schema)


# --------------------------------------------------------------------------- strict verify


def _rehashed(data: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in data.items() if k != "signature"}
    data["record_sha256"] = compute_sha256(data)
    return data


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        pytest.param(
            lambda d: d.update(schema_version="9.9"),
            "schema_version '9.9' is not one this version reads",
            id="unknown-schema-version",
        ),
        pytest.param(
            lambda d: d["findings"][0].update(status="approved"),
            "not a valid audit record: findings.0.status",
            id="unknown-status",
        ),
        pytest.param(
            lambda d: d.update(overall="great"),
            "not a valid audit record: overall",
            id="unknown-overall",
        ),
    ],
)
def test_a_rehashed_record_outside_the_schema_fails(
    edit: Callable[[dict[str, Any]], None], reason: str
) -> None:
    data = json.loads(to_json(_record()))
    edit(data)
    ok, message = verify_data(_rehashed(data))
    assert not ok
    assert reason in message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"record_sha256": "a", "record_sha256": "b"}', "appears twice"),
        ('{"x": NaN}', "NaN is not a number JSON allows"),
        ('{"x": -Infinity}', "-Infinity is not a number JSON allows"),
        ("[" * 100_000 + "]" * 100_000, "nested deeper than 64 levels"),
        ('"a string"', "an audit record is a JSON object"),
        ("{", "not JSON"),
    ],
)
def test_strict_parsing_reports_a_reason_never_a_traceback(text: str, reason: str) -> None:
    with pytest.raises(RecordError, match=re.escape(reason)):
        parse_record(text)


def test_a_signed_record_verifies_and_an_edit_with_a_recomputed_hash_does_not(
    tmp_path: Path,
) -> None:
    private, public = generate_keys(tmp_path)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    signed = sign(_record(), load_private_key(private))
    key = load_public_key(public)
    data = json.loads(to_json(signed))
    ok, message = verify_data(data, key)
    assert ok and "signature by key" in message
    # a hash alone cannot show this edit; the signature does
    edited = json.loads(to_json(signed))
    edited["findings"][0]["reason"] = "edited"
    edited["record_sha256"] = compute_sha256(edited)
    assert verify_data(edited)[0]  # no key: the hash matches ...
    assert "not checked" in verify_data(edited)[1]  # ... and it says the signature was not
    ok, message = verify_data(edited, key)
    assert not ok and "signature does not match" in message
    # an unsigned record, checked with a key, fails; without one it says it is unsigned
    unsigned = json.loads(to_json(_record()))
    assert "signature" not in unsigned
    assert not verify_data(unsigned, key)[0]
    assert "not signed" in verify_data(unsigned)[1]
    # another deployment's key
    _, other_pub = generate_keys(tmp_path / "other")
    ok, message = verify_data(data, load_public_key(other_pub))
    assert not ok and "not with the key given" in message


def test_a_record_is_written_atomically_and_only_its_owner_can_read_it(tmp_path: Path) -> None:
    path = tmp_path / "out" / "record.json"
    write_record(path, _record())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_record(path) == _record()
    assert [p.name for p in path.parent.iterdir()] == ["record.json"]  # no temporary left


def test_file_names_are_shown_without_control_characters() -> None:
    assert shown("chart\n\x1b[31mINFO overall met.json") == "chart\\n\\x1b[31mINFO overall met.json"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"x": 1' + "0" * 5000 + "}", "a number that cannot be read"),
        ('{"x": 1e400}', "too large for JSON's numbers"),
    ],
)
def test_numbers_json_cannot_hold_are_a_reason_not_a_traceback(text: str, reason: str) -> None:
    with pytest.raises(RecordError, match=re.escape(reason)):
        parse_record(text)


def test_a_lone_surrogate_fails_verification_with_a_reason() -> None:
    data = parse_record('{"x": "\\ud800", "record_sha256": "a"}')
    ok, message = verify_data(data)
    assert not ok and "cannot be hashed" in message


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ('[["]"]]', 2),  # brackets inside a string do not count
        ('"[[[[\\"[["', 0),  # nor after an escaped quote inside it
        ('{"a": [{"b": []}]}', 4),
    ],
)
def test_depth_is_measured_outside_strings(text: str, depth: int) -> None:
    assert _depth(text) == depth


def test_writing_over_an_existing_record_leaves_it_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o644)
    write_record(path, _record())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_record(path) == _record()


@pytest.mark.parametrize(
    "example", ["medicare-iop-complete", "medicare-iop-gaps", "optum-idaho-iop-adolescent"]
)
def test_the_hash_read_from_the_models_is_the_hash_of_the_records_json(example: str) -> None:
    """``seal`` hashes the record field by field (never holding it whole as JSON data) and
    ``to_json`` writes it with pydantic's encoder: both must agree byte for byte with the
    canonical JSON of the record's data, which is what ``verify`` recomputes."""
    from pipeline.review import review_paths

    chart = Path(__file__).resolve().parents[2] / "examples" / example
    record = review_paths([chart], policy="medicare-iop")
    data = record_data(record)
    assert record_sha256(record) == compute_sha256(data) == record.record_sha256
    written = json.loads(to_json(record))
    assert written == data
    assert compute_sha256(written) == record.record_sha256


# --------------------------------------------------------------------------- reviewer outcome


def _two_findings() -> AuditRecord:
    record = _record()
    second = record.findings[0].model_copy(
        update={"rule_id": "medicare-iop.weekly-hours", "status": Status.NOT_MET}
    )
    return seal(
        record.model_copy(
            update={
                "findings": [*record.findings, second],
                "input_errors": [],
                "overall": "not_met",
            }
        )
    )


def _act(record: AuditRecord, *actions: tuple[str, str | None, str | None, str]) -> AuditRecord:
    at = dt.datetime(2026, 1, 3, tzinfo=dt.UTC)
    entries = [
        ReviewerAction(at=at, reviewer="RN A", action=a, rule_id=r, new_status=s, reason=why)
        for a, r, s, why in actions
    ]
    return record.model_copy(update={"reviewer_actions": entries})


DIAG, HOURS = "medicare-iop.diagnosis", "medicare-iop.weekly-hours"


@pytest.mark.parametrize(
    ("actions", "statuses", "set_by", "overall", "decision"),
    [
        # no accept or override: the tool's statuses and overall
        (
            [("note", None, None, "called")],
            ["insufficient_evidence", "not_met"],
            ["tool", "tool"],
            "not_met",
            None,
        ),
        # an override moves the overall
        (
            [("override", HOURS, "met", "log found")],
            ["insufficient_evidence", "met"],
            ["tool", "override"],
            "insufficient_evidence",
            None,
        ),
        (
            [("override", HOURS, "met", "log"), ("override", DIAG, "met", "F33.1 on p.2")],
            ["met", "met"],
            ["override", "override"],
            "met",
            None,
        ),
        # the latest of accept/override on a finding counts: an accept restores the tool's
        (
            [("override", HOURS, "met", "log"), ("accept", HOURS, None, "")],
            ["insufficient_evidence", "not_met"],
            ["tool", "accept"],
            "not_met",
            None,
        ),
        # a decision is stated as recorded; it does not change the statuses
        (
            [("decision", None, "not_met", "deny"), ("decision", None, None, "approve")],
            ["insufficient_evidence", "not_met"],
            ["tool", "tool"],
            "not_met",
            None,
        ),
        (
            [("decision", None, "met", "approve continued stay")],
            ["insufficient_evidence", "not_met"],
            ["tool", "tool"],
            "not_met",
            "met",
        ),
    ],
)
def test_reviewer_outcome_follows_the_latest_action_on_each_finding(
    actions: list[tuple[str, str | None, str | None, str]],
    statuses: list[str],
    set_by: list[str],
    overall: str,
    decision: str | None,
) -> None:
    outcome = reviewer_outcome(_act(_two_findings(), *actions))
    assert [f.status.value for f in outcome.findings] == statuses
    assert [f.tool_status.value for f in outcome.findings] == ["insufficient_evidence", "not_met"]
    assert [f.set_by for f in outcome.findings] == set_by
    assert (outcome.overall, outcome.decision) == (overall, decision)


def test_an_unread_file_keeps_the_reviewers_overall_from_met() -> None:
    record = _act(_record(), ("override", DIAG, "met", "found it"))  # has one input error
    assert reviewer_outcome(record).overall == "insufficient_evidence"


def test_a_record_with_its_outcome_verifies_and_keeps_the_tools_findings(tmp_path: Path) -> None:
    base = _two_findings()
    acted = with_reviewer_outcome(_act(base, ("override", HOURS, "met", "log found")))
    assert acted.findings == base.findings and acted.overall == "not_met"
    assert acted.reviewer_outcome is not None
    path = tmp_path / "r.json"
    write_record(path, acted)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["reviewer_outcome"]["overall"] == "insufficient_evidence"
    assert verify_data(data)[0]
    assert load_record(path) == acted
    # an outcome that does not follow from the actions is refused even when resealed
    data["reviewer_outcome"]["overall"] = "met"
    _reseal(data)
    ok, message = verify_data(data)
    assert not ok and message.startswith("reviewer_outcome does not follow")


def test_a_record_without_actions_has_no_outcome_key_and_hashes_as_before() -> None:
    record = with_reviewer_outcome(_record())
    assert record.reviewer_outcome is None and record == _record()
    data = json.loads(to_json(record))
    assert "reviewer_outcome" not in data and "reviewer_outcome" not in record_data(record)
    # an explicit null counts as absent (model_dump writes one)
    assert verify_data(record.model_dump(mode="json"))[0]


def test_a_1_5_record_without_the_outcome_still_loads_and_verifies(tmp_path: Path) -> None:
    data = json.loads(to_json(_act(_record(), ("note", None, None, "n"))))
    data["schema_version"] = "1.5"
    _reseal(data)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert verify_data(data)[0]
    record = load_record(path)
    assert record.reviewer_outcome is None and record.reviewer_actions[0].reason == "n"


def test_a_second_copy_of_a_document_read_does_not_make_the_outcome_insufficient() -> None:
    # the tool's overall counts only files whose content is unknown; the reviewer's outcome
    # (computed from the record, and by the case store from its JSON) counts the same
    met = Finding(
        rule_id="medicare-iop.diagnosis",
        status=Status.MET,
        reason="F33.1 is documented.",
        citations=(Citation(passage_id="p#1", source="x.txt", section="s", quote="q"),),
    )
    copy = InputError(
        filename="cert (1).pdf",
        reason="same content as cert.pdf, which is reviewed once under that name; remove one copy",
    )
    record = _record().model_copy(
        update={"findings": [met], "overall": "met", "input_errors": [copy]}
    )
    assert reviewer_outcome(record).overall == "met"
    unread = record.model_copy(
        update={"input_errors": [copy, InputError(filename="s.pdf", reason="encrypted")]}
    )
    assert reviewer_outcome(unread).overall == "insufficient_evidence"
