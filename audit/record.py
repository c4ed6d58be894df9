"""The audit record (AUDIT.md): models, canonical JSON, hashing, verification, chaining.

``record_sha256`` is the SHA-256 of the record's canonical JSON without that field:
UTF-8, keys sorted, no insignificant whitespace (``separators=(",", ":")``), non-ASCII
characters kept as they are. Anyone can recompute it without the tool::

    import hashlib, json
    r = json.load(open("record.json", encoding="utf-8")); claimed = r.pop("record_sha256")
    canon = json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canon.encode("utf-8")).hexdigest() == claimed
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from core.data import DocumentKind, InputError, Sha256, Usage
from core.errors import RecordError
from core.facts import ChartFacts, UngroundedFact, UnreadRecord
from core.findings import Finding, Overall, Status, WeekSummary

# Minor bump: a compatible addition (older records still validate); major: an incompatible
# change. 1.1 added findings[].related_passages; 1.2 added facts.schedules; 1.3 added
# unread[] and, on sessions, slots[] (the words of each slot) and uncertain[]; 1.4 added,
# on certifications and treatment plans, signers[] (every signature and blank signature line);
# 1.5 added, on assessments, score (the total score of a standardized instrument).
SCHEMA_VERSION = "1.5"
SCHEMA_PATH = Path(__file__).with_name("audit-record.schema.json")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ToolInfo(_Model):
    name: str
    version: str


class PolicyInfo(_Model):
    id: str
    version: str
    sha256: Sha256


class ExtractorInfo(_Model):
    kind: Literal["deterministic", "llm", "hybrid"]
    model: str | None = None
    prompt_version: str | None = None
    prompt_sha256: str | None = None


class DocumentEntry(_Model):
    document_id: Sha256
    filename: str
    media_type: str
    pages: Annotated[int, Field(ge=0)]
    kind: DocumentKind
    pages_without_text: list[int] = Field(default_factory=list)


class ReviewerAction(_Model):
    at: AwareDatetime
    reviewer: Annotated[str, Field(min_length=1)]
    action: Literal["accept", "override", "note", "decision"]
    rule_id: str | None = None
    new_status: Status | None = None
    reason: str


class AuditRecord(_Model):
    """One review of one chart. Field names are a contract (AUDIT.md): keep them."""

    schema_version: str = SCHEMA_VERSION
    review_id: str
    created_at: AwareDatetime
    tool: ToolInfo
    policy: PolicyInfo
    extractor: ExtractorInfo
    documents: list[DocumentEntry]
    input_errors: list[InputError]
    facts: ChartFacts
    ungrounded: list[UngroundedFact]
    unread: list[UnreadRecord] = Field(default_factory=list)
    usage: Usage
    weekly_summary: list[WeekSummary]
    findings: list[Finding]
    overall: Overall
    reviewer_actions: list[ReviewerAction] = Field(default_factory=list)
    previous_record_sha256: Sha256 | None = None
    record_sha256: Sha256 = "0" * 64


def new_review_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def canonical_json(data: dict[str, Any]) -> bytes:
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def compute_sha256(data: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of ``data`` without ``record_sha256``."""
    body = {k: v for k, v in data.items() if k != "record_sha256"}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def seal(record: AuditRecord) -> AuditRecord:
    """The record with ``record_sha256`` set from its content."""
    data = record.model_dump(mode="json")
    return record.model_copy(update={"record_sha256": compute_sha256(data)})


def to_json(record: AuditRecord) -> str:
    """Pretty JSON for files; the hash is over the canonical form, so layout is free."""
    return json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise RecordError(f"{path}: no such file") from e
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise RecordError(f"{path}: not a readable JSON audit record ({e})") from e
    if not isinstance(data, dict):
        raise RecordError(f"{path}: an audit record is a JSON object")
    return data


def verify_data(data: dict[str, Any]) -> tuple[bool, str]:
    """(ok, message): does the record's ``record_sha256`` match its content?"""
    claimed = data.get("record_sha256")
    if not isinstance(claimed, str):
        return False, "the record has no record_sha256 field"
    actual = compute_sha256(data)
    if actual != claimed:
        return False, f"record_sha256 is {claimed} but the content hashes to {actual}"
    return True, f"record_sha256 {actual} matches the content"


def load_record(path: Path, *, verify: bool = True) -> AuditRecord:
    """Read a record; with ``verify`` refuse one whose hash does not match."""
    data = read_json(path)
    if verify:
        ok, message = verify_data(data)
        if not ok:
            raise RecordError(f"{path}: {message}; it was edited after it was written")
    try:
        return AuditRecord.model_validate(data)
    except ValidationError as e:
        raise RecordError(f"{path}: not a valid audit record: {e}") from e


def json_schema() -> dict[str, Any]:
    schema = AuditRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"chartreview/audit-record/{SCHEMA_VERSION}"
    return schema


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.write_text(json.dumps(json_schema(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
