"""The audit record (AUDIT.md): models, canonical JSON, hashing, signing, verification,
chaining, and writing.

``record_sha256`` is the SHA-256 of the record's canonical JSON without that field (and
without ``signature``, which signs it):
UTF-8, keys sorted, no insignificant whitespace (``separators=(",", ":")``), non-ASCII
characters kept as they are. Anyone can recompute it without the tool::

    import hashlib, json
    r = json.load(open("record.json", encoding="utf-8")); claimed = r.pop("record_sha256")
    r.pop("signature", None)
    canon = json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canon.encode("utf-8")).hexdigest() == claimed
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PrivateFormat,
    PublicFormat,
)
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import to_jsonable_python

from core.data import DocumentKind, InputError, Sha256, Usage, unread_files
from core.errors import RecordError
from core.facts import ChartFacts, UngroundedFact, UnreadRecord
from core.files import write_private
from core.findings import Finding, Overall, Status, WeekSummary, overall_of

# Minor bump: a compatible addition (older records still validate); major: an incompatible
# change. 1.1 added findings[].related_passages; 1.2 added facts.schedules; 1.3 added
# unread[] and, on sessions, slots[] (the words of each slot) and uncertain[]; 1.4 added,
# on certifications and treatment plans, signers[] (every signature and blank signature line);
# 1.5 added, on assessments, score (the total score of a standardized instrument), and the
# optional signature (ed25519 over record_sha256); 1.6 added the optional reviewer_outcome (the
# reviewer's effective status per finding and overall, computed from reviewer_actions[]); 1.7
# added, on every document fact but signers, goals and narrative judgments (certifications,
# plans, risk assessments, diagnoses, members, episode and document dates, exams,
# assessments, authorizations, requests, schedules), slots[] (the words of each field and
# the reader that read it) and uncertain[] (a field two readers read differently); on goals,
# objectives[] (each with its own measure and time frame); on risk assessments, signers[].
SCHEMA_VERSION = "1.7"
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


class OutcomeFinding(_Model):
    """One finding as the reviewer left it: the tool's status, the effective status (the
    reviewer's where one was recorded) and the action that set it (``tool``: no accept or
    override recorded; else the latest of them on the finding)."""

    rule_id: str
    tool_status: Status
    status: Status
    set_by: Literal["tool", "accept", "override"]


class ReviewerOutcome(_Model):
    """The reviewer's outcome, computed from ``reviewer_actions[]`` (AUDIT.md, 1.6): every
    finding's effective status, the overall those statuses give by the same rule as the
    tool's overall (RULES.md; a file that could not be read keeps it from ``met``), and the
    latest decision's outcome and text if one was recorded. The tool's ``findings`` and
    ``overall`` are never changed by a reviewer; this states the reviewer's view beside
    them."""

    findings: list[OutcomeFinding]
    overall: Overall
    decision: Overall | None = None
    decision_reason: str | None = None


class RecordSignature(_Model):
    """An ed25519 signature over ``record_sha256`` (its 64 hex characters, ASCII) with the
    deployment's private key; ``key_id`` names the key (the first 16 hex characters of the
    SHA-256 of the raw public key)."""

    alg: Literal["ed25519"]
    key_id: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    value: Annotated[str, Field(min_length=1)]


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
    reviewer_outcome: ReviewerOutcome | None = None
    previous_record_sha256: Sha256 | None = None
    record_sha256: Sha256 = "0" * 64
    signature: RecordSignature | None = None


def reviewer_outcome(record: AuditRecord) -> ReviewerOutcome:
    """The reviewer's outcome of ``record`` from its ``reviewer_actions[]``: on each
    finding the latest accept (the tool's status) or override (its new status) counts;
    the overall follows from those statuses as the tool's overall does from its own
    (any not met: not met; else any insufficient evidence or a file that could not be
    read: insufficient evidence; else met); the latest decision is stated as recorded."""
    return outcome_of(
        [(f.rule_id, f.status) for f in record.findings],
        record.reviewer_actions,
        unreadable_files=unread_files(record.input_errors),
    )


def outcome_of(
    tool: Sequence[tuple[str, Status]],
    actions: Sequence[ReviewerAction],
    *,
    unreadable_files: int = 0,
) -> ReviewerOutcome:
    """:func:`reviewer_outcome` from its parts: the tool's ``(rule id, status)`` of each
    finding, the reviewer's actions on that record and how many files could not be read
    (the case store computes a case's outcome from these without loading the record)."""
    latest: dict[str, ReviewerAction] = {}
    decision: ReviewerAction | None = None
    for action in actions:
        if action.action in ("accept", "override") and action.rule_id is not None:
            latest[action.rule_id] = action
        elif action.action == "decision":
            decision = action
    findings: list[OutcomeFinding] = []
    for rule_id, tool_status in tool:
        chosen = latest.get(rule_id)
        if chosen is None:
            findings.append(
                OutcomeFinding(
                    rule_id=rule_id, tool_status=tool_status, status=tool_status, set_by="tool"
                )
            )
            continue
        status = chosen.new_status if chosen.action == "override" else None
        findings.append(
            OutcomeFinding(
                rule_id=rule_id,
                tool_status=tool_status,
                status=status or tool_status,
                set_by="override" if chosen.action == "override" else "accept",
            )
        )
    decided = decision.new_status.value if decision and decision.new_status else None
    return ReviewerOutcome(
        findings=findings,
        overall=overall_of((f.status for f in findings), unreadable_files=unreadable_files),
        decision=_overall(decided),
        decision_reason=decision.reason if decision else None,
    )


def _overall(value: str | None) -> Overall | None:
    overalls: dict[str | None, Overall] = {
        "met": "met",
        "not_met": "not_met",
        "insufficient_evidence": "insufficient_evidence",
    }
    return overalls.get(value)


def with_reviewer_outcome(record: AuditRecord) -> AuditRecord:
    """``record`` with its ``reviewer_outcome`` computed (none while no reviewer acted),
    sealed."""
    outcome = reviewer_outcome(record) if record.reviewer_actions else None
    return seal(record.model_copy(update={"reviewer_outcome": outcome}))


def new_review_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


def canonical_json(data: dict[str, Any]) -> bytes:
    return _CANONICAL.encode(data).encode("utf-8")


_UNHASHED = frozenset({"record_sha256", "signature"})
# optional additions written only when present, so that a record without them reads (and
# hashes) exactly as records did before they existed
_OMITTED_WHEN_NONE = frozenset({"reviewer_outcome"})


_SPLIT_DEPTH = 3  # record -> facts -> sessions -> each session encoded whole


def _canonical_pieces(value: Any, depth: int = 0) -> Iterator[str]:
    """The text of :func:`canonical_json` in pieces: objects and arrays near the top are
    walked, everything below is encoded whole (by the fast encoder), so that a very large
    record is never held as one string."""
    if depth < _SPLIT_DEPTH and isinstance(value, dict) and all(isinstance(k, str) for k in value):
        yield "{"
        for i, key in enumerate(sorted(value)):
            yield ("," if i else "") + _CANONICAL.encode(key) + ":"
            yield from _canonical_pieces(value[key], depth + 1)
        yield "}"
    elif depth < _SPLIT_DEPTH and isinstance(value, list):
        yield "["
        for i, item in enumerate(value):
            if i:
                yield ","
            yield from _canonical_pieces(item, depth + 1)
        yield "]"
    else:
        yield _CANONICAL.encode(value)


def _sha256_of(pieces: Iterator[str]) -> str:
    digest = hashlib.sha256()
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= 1 << 16:
            digest.update("".join(buffer).encode("utf-8"))
            buffer.clear()
            size = 0
    digest.update("".join(buffer).encode("utf-8"))
    return digest.hexdigest()


def compute_sha256(data: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of ``data`` without ``record_sha256`` and
    ``signature`` (the bytes of :func:`canonical_json`, hashed piece by piece); an optional
    addition that is null counts as absent (``reviewer_outcome``)."""
    kept = {
        k: v
        for k, v in data.items()
        if k not in _UNHASHED and not (k in _OMITTED_WHEN_NONE and v is None)
    }
    return _sha256_of(_canonical_pieces(kept))


def _model_pieces(value: Any, depth: int = 0) -> Iterator[str]:
    """:func:`_canonical_pieces` of ``value``'s JSON data, read from the models themselves:
    near the top, each model's fields and each list's items are dumped one at a time, so
    the record is never held whole as JSON data (a very large chart's record is big)."""
    if depth < _SPLIT_DEPTH and isinstance(value, BaseModel):
        yield "{"
        names = sorted(type(value).model_fields)
        if depth == 0:
            names = [
                n
                for n in names
                if n not in _UNHASHED
                and not (n in _OMITTED_WHEN_NONE and getattr(value, n) is None)
            ]
        for i, name in enumerate(names):
            yield ("," if i else "") + _CANONICAL.encode(name) + ":"
            yield from _model_pieces(getattr(value, name), depth + 1)
        yield "}"
    elif depth < _SPLIT_DEPTH and isinstance(value, list | tuple):
        yield "["
        for i, item in enumerate(value):
            if i:
                yield ","
            yield from _model_pieces(item, depth + 1)
        yield "]"
    elif isinstance(value, BaseModel):
        yield from _canonical_pieces(value.model_dump(mode="json"), _SPLIT_DEPTH)
    else:
        yield from _canonical_pieces(to_jsonable_python(value), _SPLIT_DEPTH)


def record_sha256(record: AuditRecord) -> str:
    """:func:`compute_sha256` of ``record_data(record)``, computed without building it."""
    return _sha256_of(_model_pieces(record))


def record_data(record: AuditRecord) -> dict[str, Any]:
    """The record as JSON data; an unsigned record has no ``signature`` key at all (it
    reads exactly as records did before signatures existed)."""
    data = record.model_dump(mode="json")
    for name in ("signature", *_OMITTED_WHEN_NONE):
        if data.get(name) is None:
            data.pop(name, None)
    return data


def seal(record: AuditRecord) -> AuditRecord:
    """The record with ``record_sha256`` set from its content."""
    return record.model_copy(update={"record_sha256": record_sha256(record)})


def to_json(record: AuditRecord) -> str:
    """Pretty JSON for files; the hash is over the canonical form, so layout is free.
    Serialized by pydantic's own encoder (no intermediate JSON data: a very large chart's
    record is big); an unsigned record has no ``signature`` key (:func:`record_data`)."""
    exclude = {name for name in ("signature", *_OMITTED_WHEN_NONE) if getattr(record, name) is None}
    return record.model_dump_json(indent=2, exclude=exclude or None) + "\n"


MAX_RECORD_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 64


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        dup = next(k for k in keys if keys.count(k) > 1)
        raise RecordError(f"the key {dup[:40]!r} appears twice in one object (which counts?)")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise RecordError(f"{name} is not a number JSON allows")


def _depth(text: str) -> int:
    """The deepest nesting of ``text``'s arrays and objects (strings skipped), counted in
    one pass without recursion, so that absurd nesting is measured, not followed."""
    depth = deepest = 0
    in_string = escaped = False
    for c in text:
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif c in "]}":
            depth -= 1
    return deepest


def _finite(raw: str) -> float:
    value = float(raw)
    if value != value or value in (float("inf"), float("-inf")):
        raise RecordError(f"the number {raw[:20]} is too large for JSON's numbers")
    return value


def parse_record(text: str) -> dict[str, Any]:
    """A record's JSON, parsed strictly (AUDIT.md): duplicate keys, NaN/Infinity and
    nesting deeper than any record has are errors (:class:`RecordError`), never a
    traceback."""
    if _depth(text) > MAX_DEPTH:
        raise RecordError(f"nested deeper than {MAX_DEPTH} levels, as no audit record is")
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=_finite,
        )
    except json.JSONDecodeError as e:
        raise RecordError(f"not JSON ({e.msg} at line {e.lineno}, column {e.colno})") from e
    except ValueError as e:  # an integer with thousands of digits
        raise RecordError(f"a number that cannot be read ({type(e).__name__})") from e
    except RecursionError as e:  # pragma: no cover - the depth check comes first
        raise RecordError("nested too deeply to read") from e
    if not isinstance(data, dict):
        raise RecordError("an audit record is a JSON object")
    return data


def read_json(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_RECORD_BYTES:
            raise RecordError(
                f"{shown(path)}: larger than any audit record ({MAX_RECORD_BYTES} bytes)"
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise RecordError(f"{shown(path)}: no such file") from e
    except (OSError, UnicodeDecodeError) as e:
        raise RecordError(f"{shown(path)}: not a readable audit record ({type(e).__name__})") from e
    try:
        return parse_record(text)
    except RecordError as e:
        raise RecordError(f"{shown(path)}: not a valid audit record: {e}") from e


def shown(path: Path | str) -> str:
    """A file name as it may be printed: control characters (newlines, terminal escapes)
    escaped, so that a name cannot forge a line of output."""
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(path)
    )


# --------------------------------------------------------------------------- signatures


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as e:
        raise RecordError(
            f"{shown(path)}: not a readable ed25519 private key in PEM form "
            "(make one with `chartreview keygen`)"
        ) from e
    if not isinstance(key, Ed25519PrivateKey):
        raise RecordError(f"{shown(path)}: the signing key must be an ed25519 key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError, TypeError) as e:
        raise RecordError(f"{shown(path)}: not a readable ed25519 public key in PEM form") from e
    if not isinstance(key, Ed25519PublicKey):
        raise RecordError(f"{shown(path)}: the public key must be an ed25519 key")
    return key


def sign(record: AuditRecord, key: Ed25519PrivateKey) -> AuditRecord:
    """The sealed record with its ``signature`` (over ``record_sha256``)."""
    sealed = seal(record)
    value = base64.b64encode(key.sign(sealed.record_sha256.encode("ascii"))).decode("ascii")
    signature = RecordSignature(alg="ed25519", key_id=key_id(key.public_key()), value=value)
    return sealed.model_copy(update={"signature": signature})


def generate_keys(folder: Path) -> tuple[Path, Path]:
    """A new ed25519 key pair in ``folder``; the private key readable only by its owner."""
    private = folder / "chartreview-signing-key.pem"
    public = folder / "chartreview-signing-key.pub.pem"
    if private.exists() or public.exists():
        raise RecordError(f"{shown(folder)}: a signing key is already there; not replaced")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, serialization.NoEncryption())
    write_private(private, pem)
    public.write_bytes(
        key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    )
    return private, public


def _known_version(version: object) -> bool:
    m = re.fullmatch(r"1\.(0|[1-9]\d{0,2})", version) if isinstance(version, str) else None
    return m is not None and int(m.group(1)) <= int(SCHEMA_VERSION.split(".")[1])


def verify_data(
    data: dict[str, Any], public_key: Ed25519PublicKey | None = None
) -> tuple[bool, str]:
    """(ok, message): does ``record_sha256`` match the content, is the content an audit
    record of a known schema version, and (with ``public_key``) is it signed by that key?
    Without a key the message says whether the record is signed: a hash alone cannot show
    an edit whose hash was recomputed."""
    claimed = data.get("record_sha256")
    if not isinstance(claimed, str):
        return False, "the record has no record_sha256 field"
    try:
        actual = compute_sha256(data)
    except (UnicodeEncodeError, ValueError) as e:
        return False, f"the content cannot be hashed ({type(e).__name__}): not a record written"
    if actual != claimed:
        return False, f"record_sha256 is {claimed[:64]} but the content hashes to {actual}"
    if not _known_version(data.get("schema_version")):
        return False, (
            f"schema_version {str(data.get('schema_version'))[:20]!r} is not one this version "
            f"reads (1.0 to {SCHEMA_VERSION})"
        )
    try:
        record = AuditRecord.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        return False, f"not a valid audit record: {where}: {first['msg']}"
    if record.reviewer_outcome is not None and record.reviewer_outcome != reviewer_outcome(record):
        return False, (
            "reviewer_outcome does not follow from reviewer_actions[] and the findings: "
            "it was not computed by chartreview"
        )
    matched = f"record_sha256 {actual} matches the content"
    signature = record.signature
    if public_key is None:
        if signature is None:
            return True, (
                f"{matched}; the record is not signed, so an edit whose hash was recomputed "
                "would not show"
            )
        return True, (
            f"{matched}; signed with key {signature.key_id}, not checked (give --public-key)"
        )
    if signature is None:
        return False, f"{matched}, but the record is not signed"
    if signature.key_id != key_id(public_key):
        return False, f"signed with key {signature.key_id}, not with the key given"
    try:
        raw = base64.b64decode(signature.value, validate=True)
        public_key.verify(raw, actual.encode("ascii"))
    except (InvalidSignature, binascii.Error, ValueError):
        return False, f"{matched}, but the signature does not match it: the record was changed"
    return True, f"{matched}; the signature by key {signature.key_id} is valid"


def load_record(path: Path, *, verify: bool = True) -> AuditRecord:
    """Read a record; with ``verify`` refuse one that does not verify."""
    data = read_json(path)
    if verify:
        ok, message = verify_data(data)
        if not ok:
            edited = "; it was edited after it was written" if "hashes to" in message else ""
            raise RecordError(f"{shown(path)}: {message}{edited}")
    try:
        return AuditRecord.model_validate(data)
    except ValidationError as e:
        raise RecordError(
            f"{shown(path)}: not a valid audit record ({e.error_count()} errors)"
        ) from e


def write_record(path: Path, record: AuditRecord) -> None:
    write_private(path, to_json(record).encode("utf-8"))


def json_schema() -> dict[str, Any]:
    schema = AuditRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"chartreview/audit-record/{SCHEMA_VERSION}"
    return schema


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.write_text(json.dumps(json_schema(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
