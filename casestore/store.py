"""The case store: cases, their documents, sealed record versions and the append-only
reviewer actions, on SQLite (the default) or PostgreSQL.

Every write is one transaction that is committed before the call returns, so a reviewer's
action is saved the moment it is recorded. An action carries what the reviewer saw: the
``record_sha256`` of the case's latest record and, for a strict check, the number of
actions on the case. If the case changed since (a newer record, or with the strict check
any other action), the action is refused with :class:`StaleCaseError` and nothing is
saved: no lost update. Two writers on one case are serialized by the database (SQLite:
``BEGIN IMMEDIATE``; PostgreSQL: ``SELECT ... FOR UPDATE`` on the case row) and every case
UPDATE is guarded by its ``revision`` (SQLAlchemy's version counter) besides.

Documents as uploaded are kept as files named by their SHA-256 in a folder only the
service account can read (0700 folders, 0600 files), not as BLOBs: a chart file may be
50 MiB and PDFs are rendered from a path; the database stays small enough to back up and
replicate quickly; the same file uploaded to two cases is kept once; and the permissions
can be checked with ``ls``. The database holds each file's name, hash, media type and size.

Logs name cases by their id only: never a file name, a member or chart text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import mimetypes
import os
import sqlite3
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal, get_args

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from pydantic import ValidationError
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy import text as sql_text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from audit.record import AuditRecord, ReviewerAction, parse_record, to_json, verify_data
from casestore.config import case_files_dir, database_url
from casestore.errors import CaseNotFoundError, CaseStoreError, StaleCaseError
from casestore.models import Case, CaseDocument, RecordVersion, ReviewerActionRow
from casestore.outcome import ReviewedCounts, reviewed_case
from core.findings import Status

log = logging.getLogger("chartreview.casestore")

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
CHUNK = 1024 * 1024
SQLITE_BUSY_TIMEOUT_S = 30.0
# any fixed 64-bit number: the PostgreSQL advisory lock that serializes migrations
MIGRATION_LOCK = 7_215_015
# and the one that serializes placing an uploaded chart in its case (one chart, one case)
PLACEMENT_LOCK = 7_215_016

CaseStatus = Literal["new", "in_review", "decided"]
ActionKind = Literal["accept", "override", "note", "decision"]
WorklistSort = Literal["last_change", "member", "status", "pack", "overall", "reviewer_overall"]
CASE_STATUSES: tuple[CaseStatus, ...] = get_args(CaseStatus)
WORKLIST_SORTS: tuple[WorklistSort, ...] = get_args(WorklistSort)
OVERALLS = ("met", "not_met", "insufficient_evidence")

RELOAD = "reload the case to see what changed, then act again"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class FindingCounts:
    """How many of a record's findings have each status."""

    met: int
    not_met: int
    insufficient_evidence: int
    not_applicable: int


@dataclass(frozen=True)
class DocumentInfo:
    sha256: str
    filename: str  # as given: PHI, never logged
    media_type: str
    size: int | None
    stored: bool  # the bytes as uploaded are in the case-files folder
    readable: bool = True  # False: a file of the chart the review could not read


@dataclass(frozen=True)
class VersionInfo:
    version: int
    record_sha256: str
    previous_record_sha256: str | None
    review_id: str
    created_at: dt.datetime
    added_at: dt.datetime
    pack_id: str
    pack_version: str
    overall: str
    counts: FindingCounts


@dataclass(frozen=True)
class ActionInfo:
    seq: int  # 1, 2, ... in the order the actions were saved
    record_version: int  # the record version the reviewer acted on
    at: dt.datetime
    reviewer: str
    action: ActionKind
    rule_id: str | None
    new_status: str | None
    reason: str

    def to_reviewer_action(self) -> ReviewerAction:
        """The action as the audit record's ``reviewer_actions[]`` item."""
        return ReviewerAction.model_validate(
            {
                "at": self.at,
                "reviewer": self.reviewer,
                "action": self.action,
                "rule_id": self.rule_id,
                "new_status": self.new_status,
                "reason": self.reason,
            }
        )


@dataclass(frozen=True)
class CaseView:
    """One case as a reviewer opens it. Act on it with
    ``record_action(case_id, ..., seen_record_sha256=view.latest.record_sha256,
    seen_actions=len(view.actions))``."""

    case_id: str
    chart_name: str  # PHI
    member_dob: dt.date | None
    pack_id: str
    status: CaseStatus
    revision: int
    last_reviewer: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    latest: VersionInfo
    versions: tuple[VersionInfo, ...]
    documents: tuple[DocumentInfo, ...]
    actions: tuple[ActionInfo, ...]

    def reviewer_actions(self, version: int | None = None) -> list[ReviewerAction]:
        """The actions made on record ``version`` (default: the latest), in order, as the
        audit record's ``reviewer_actions[]`` items (to export the record with them)."""
        wanted = self.latest.version if version is None else version
        return [a.to_reviewer_action() for a in self.actions if a.record_version == wanted]


@dataclass(frozen=True)
class WorklistRow:
    case_id: str
    member: str  # the chart's name (the record names no member; it holds the birth date)
    member_dob: dt.date | None
    pack_id: str
    status: CaseStatus
    overall: str  # the tool's overall on the latest record
    reviewer_overall: str | None  # the reviewer's (casestore.outcome.case_outcome)
    counts: FindingCounts  # the tool's, on the latest record
    # the effective counts (the reviewer's status where a finding was accepted or
    # overridden, else the tool's: the case page's); None while no finding was
    reviewer_counts: FindingCounts | None
    actions: int
    last_reviewer: str | None
    last_change: dt.datetime
    version: int
    record_sha256: str


@dataclass(frozen=True)
class RecordAdded:
    case_id: str
    version: int
    record_sha256: str
    new_case: bool
    added: bool  # False: that record was already in the store (nothing changed)
    files_stored: int  # chart files whose bytes were kept
    files_skipped: int  # files given that are not documents of the record


@dataclass(frozen=True)
class _Unreadable:
    """A chart file the review could not read, as kept with its case."""

    filename: str  # as given: PHI, never logged
    media_type: str
    size: int


# --------------------------------------------------------------------------- helpers


def _private_dir(path: Path, *, tighten: bool = True) -> None:
    """``path`` and any missing parents, the last readable only by its owner (0700); with
    ``tighten`` an existing folder is made so too (the case-files folders are the store's
    own; the folder of a SQLite file may be anyone's, and the file itself is 0600)."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if tighten and path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError as e:
        raise CaseStoreError(
            f"cannot create a private case store folder ({type(e).__name__}): check that the "
            "service account owns the data folder (CHARTREVIEW_DATA_DIR) and "
            "CHARTREVIEW_CASE_FILES_DIR"
        ) from e


def _private_sqlite_file(path: Path) -> None:
    """Create the SQLite file readable only by its owner before SQLite does (its -wal and
    -shm files take the same permissions)."""
    _private_dir(path.parent, tighten=False)
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
    except OSError as e:
        raise CaseStoreError(
            f"cannot create the case database file ({type(e).__name__}): check that the "
            "data folder is writable, or set CHARTREVIEW_DATABASE_URL"
        ) from e


def utc_now() -> dt.datetime:
    """Now, in UTC, to the microsecond (the worklist sorts by it)."""
    return dt.datetime.now(dt.UTC)


def _chart_files(paths: Sequence[Path]) -> list[Path]:
    """The files at ``paths``, folders searched (not their hidden folders); symbolic links
    are not followed (as the review does not read them)."""
    found: list[Path] = []
    for path in paths:
        if path.is_symlink():
            continue
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not p.is_symlink()
                and not any(part.startswith(".") for part in p.relative_to(path).parts[:-1])
            )
        elif path.is_file():
            found.append(path)
        else:
            raise CaseStoreError("a chart file or folder given is not there: check the path")
    return found


def _sha256_of(source: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := source.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _write_ahead_log(path: Path) -> None:
    """Put the SQLite file in WAL mode (readers never wait for a writer; it stays so).
    Switching needs the file to itself, which SQLite refuses at once (no busy wait) while
    another connection uses it, e.g. a second server starting: so it is retried."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            with contextlib.closing(sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_S)) as c:
                c.execute("PRAGMA journal_mode = WAL")
            return  # WAL, or the mode the file system allows (still correct, just slower)
        except sqlite3.OperationalError as e:
            if time.monotonic() > deadline:
                raise _unreachable(e) from e
        time.sleep(0.02)


def _counts(record: AuditRecord) -> FindingCounts:
    c = Counter(f.status for f in record.findings)
    return FindingCounts(
        met=c[Status.MET],
        not_met=c[Status.NOT_MET],
        insufficient_evidence=c[Status.INSUFFICIENT_EVIDENCE],
        not_applicable=c[Status.NOT_APPLICABLE],
    )


def _member_dob(record: AuditRecord) -> dt.date | None:
    return next((m.date_of_birth for m in record.facts.members if m.date_of_birth), None)


def _version_info(row: RecordVersion) -> VersionInfo:
    return VersionInfo(
        version=row.version,
        record_sha256=row.record_sha256,
        previous_record_sha256=row.previous_record_sha256,
        review_id=row.review_id,
        created_at=row.created_at,
        added_at=row.added_at,
        pack_id=row.pack_id,
        pack_version=row.pack_version,
        overall=row.overall,
        counts=FindingCounts(
            met=row.met,
            not_met=row.not_met,
            insufficient_evidence=row.insufficient_evidence,
            not_applicable=row.not_applicable,
        ),
    )


def _set_reviewed(case: Case, overall: str | None, counts: ReviewedCounts | None) -> None:
    """Keep the reviewer's outcome and the effective counts on the case row."""
    case.reviewer_overall = overall
    case.reviewer_met = counts.met if counts else None
    case.reviewer_not_met = counts.not_met if counts else None
    case.reviewer_insufficient_evidence = counts.insufficient_evidence if counts else None
    case.reviewer_not_applicable = counts.not_applicable if counts else None


def _reviewer_counts(case: Case) -> FindingCounts | None:
    values = (
        case.reviewer_met,
        case.reviewer_not_met,
        case.reviewer_insufficient_evidence,
        case.reviewer_not_applicable,
    )
    if any(v is None for v in values):
        return None
    met, not_met, insufficient, not_applicable = (int(v or 0) for v in values)
    return FindingCounts(met, not_met, insufficient, not_applicable)


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})


def surname_key(name: str) -> tuple[int, str, str]:
    """How the worklist sorts members by name: by surname (the last word, past a suffix
    such as "Jr."; the words before the comma of "Surname, Given"), then the rest, any
    case. Names with a digit (a chart named by when it was reviewed) come after people."""
    flat = " ".join(name.split())
    if any(c.isdigit() for c in flat):
        return (1, flat.casefold(), "")
    if "," in flat:
        surname, _, rest = flat.partition(",")
        if surname.strip() and rest.strip():
            return (0, surname.strip().casefold(), rest.strip().casefold())
    words = flat.split(" ")
    cut = len(words) - 1
    while cut > 0 and words[cut].rstrip(".").casefold() in _NAME_SUFFIXES:
        cut -= 1
    surname = " ".join(words[cut:])
    return (0, surname.casefold(), " ".join(words[:cut]).casefold())


def _status(value: str) -> CaseStatus:
    for status in CASE_STATUSES:
        if status == value:
            return status
    raise CaseStoreError(f"the case database holds an unknown case status {value[:20]!r}")


def _action_kind(value: str) -> ActionKind:
    for kind in get_args(ActionKind):
        if kind == value:
            return kind  # type: ignore[no-any-return]
    raise CaseStoreError(f"the case database holds an unknown action {value[:20]!r}")


def derive_status(actions: Sequence[tuple[str, int]], latest_record_id: int) -> CaseStatus:
    """A case's status from its actions ``(action, record id)``: ``decided`` once a decision
    was recorded on the latest record, ``in_review`` once any action was recorded (also on
    an earlier record: a re-review does not make a case new again), else ``new``."""
    if any(kind == "decision" and rid == latest_record_id for kind, rid in actions):
        return "decided"
    return "in_review" if actions else "new"


def _check_action(
    record_rules: Sequence[str],
    *,
    reviewer: str,
    action: str,
    rule_id: str | None,
    new_status: str | None,
    reason: str,
) -> None:
    """Refuse an action that could not be shown or would mean nothing."""
    if action not in get_args(ActionKind):
        raise CaseStoreError(
            f"unknown action {action[:20]!r}: choose one of {', '.join(get_args(ActionKind))}"
        )
    if not reviewer.strip():
        raise CaseStoreError("an action needs the reviewer who made it (sign in first)")
    if action in ("accept", "override") and rule_id is None:
        raise CaseStoreError(f"an {action} is made on a finding: give its rule id")
    if action == "decision" and rule_id is not None:
        raise CaseStoreError("a decision is on the whole case: give no rule id")
    if rule_id is not None and rule_id not in record_rules:
        raise CaseStoreError(
            f"the latest record has no finding {rule_id[:80]!r}: {RELOAD} on a finding it lists"
        )
    if action == "override":
        if new_status not in {s.value for s in Status}:
            raise CaseStoreError(
                "an override needs the new status: one of " + ", ".join(s.value for s in Status)
            )
        if not reason.strip():
            raise CaseStoreError("an override needs a reason: say why the finding is changed")
    elif action == "decision":
        if new_status is not None and new_status not in OVERALLS:
            raise CaseStoreError(
                f"a decision's outcome is one of {', '.join(OVERALLS)} (or none given)"
            )
    elif new_status is not None:
        raise CaseStoreError(f"an {action} changes no status: give no new status")
    if action == "note" and not reason.strip():
        raise CaseStoreError("a note needs its text")


# --------------------------------------------------------------------------- the store


def _cases_sharing_in(
    session: Session, wanted: set[str], pack_id: str
) -> list[tuple[str, set[str]]]:
    """:meth:`CaseStore._cases_sharing` inside the transaction of ``session``."""
    if not wanted:
        return []
    candidates = (
        session.execute(
            select(Case.id)
            .join(CaseDocument, CaseDocument.case_id == Case.id)
            .where(Case.pack_id == pack_id, CaseDocument.sha256.in_(sorted(wanted)))
            .group_by(Case.id, Case.updated_at)
            .order_by(Case.updated_at.desc(), Case.id)
        )
        .scalars()
        .all()
    )
    return [
        (
            case_id,
            set(
                session.execute(
                    select(CaseDocument.sha256).where(CaseDocument.case_id == case_id)
                ).scalars()
            ),
        )
        for case_id in candidates
    ]


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise CaseStoreError(
            "CHARTREVIEW_DATABASE_URL is not a database URL: give one like "
            "postgresql+psycopg://user@host/chartreview, or unset it to use the SQLite file"
        ) from e
    backend = parsed.get_backend_name()
    try:
        if backend != "sqlite":
            return create_engine(parsed, pool_pre_ping=True)
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            _private_sqlite_file(Path(database))
            _write_ahead_log(Path(database))
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
    except (NoSuchModuleError, ImportError) as e:
        raise CaseStoreError(
            f"no database driver for {backend!r} URLs: use sqlite:/// or postgresql+psycopg://"
        ) from e

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # transactions are begun below (BEGIN IMMEDIATE), not by the sqlite3 module
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # take the write lock first: two writers queue instead of one failing half-way
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _unreachable(e: Exception) -> CaseStoreError:
    return CaseStoreError(
        f"the case database could not be used ({type(e).__name__}): check that it is running "
        "and that CHARTREVIEW_DATABASE_URL is right, then try again"
    )


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (Alembic ``upgrade head``): from empty, or
    from any earlier version of this package. Safe to run from several processes at once."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except CommandError as e:
        raise CaseStoreError(
            "the case database has a schema this chartreview does not know (made by a newer "
            "version?): upgrade chartreview, or point CHARTREVIEW_DATABASE_URL elsewhere"
        ) from e
    except SQLAlchemyError as e:
        raise _unreachable(e) from e


class CaseStore:
    """The case store at ``url`` (default :func:`casestore.config.database_url`) with its
    documents in ``files_dir`` (default :func:`casestore.config.case_files_dir`). Opening it
    migrates the schema to the newest version. Use as a context manager or call
    :meth:`close`."""

    def __init__(self, url: str | None = None, *, files_dir: Path | None = None) -> None:
        self.url = url if url is not None else database_url()
        self.files_dir = files_dir if files_dir is not None else case_files_dir()
        self.engine = _engine(self.url)
        try:
            migrate(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        log.info("case store opened (%s)", self.engine.dialect.name)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """One committed transaction; database failures become :class:`CaseStoreError`."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except (StaleDataError, IntegrityError) as e:
            raise StaleCaseError(
                f"the case was changed by someone else at the same moment: {RELOAD}"
            ) from e
        except SQLAlchemyError as e:
            raise _unreachable(e) from e

    def _case_for_update(self, session: Session, case_id: str) -> Case:
        case = session.execute(
            select(Case).where(Case.id == case_id).with_for_update()
        ).scalar_one_or_none()
        if case is None:
            raise CaseNotFoundError(f"no case {case_id[:40]!r}: choose one from the worklist")
        return case

    # ----------------------------------------------------------------- documents

    def _store_stream(self, source: BinaryIO) -> tuple[str, int]:
        """Copy ``source`` into the case-files folder under its SHA-256 (0600 file)."""
        _private_dir(self.files_dir)
        digest = hashlib.sha256()
        size = 0
        fd, tmp = tempfile.mkstemp(dir=self.files_dir, prefix=".incoming-", suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            final = self.document_path(sha256)
            _private_dir(final.parent)
            if final.exists():
                Path(tmp).unlink()
            else:
                Path(tmp).replace(final)
        except OSError as e:
            Path(tmp).unlink(missing_ok=True)
            raise CaseStoreError(
                f"a document could not be stored ({type(e).__name__}): check the free space "
                "and permissions of the case-files folder"
            ) from e
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha256, size

    def document_path(self, sha256: str) -> Path:
        """Where the bytes of the document with this SHA-256 are (or would be) kept."""
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise CaseStoreError("a document is named by the 64 hex digits of its SHA-256")
        return self.files_dir / sha256[:2] / sha256

    def read_document(self, sha256: str) -> bytes:
        """The document's bytes as uploaded; refused if they no longer match the hash."""
        try:
            data = self.document_path(sha256).read_bytes()
        except FileNotFoundError as e:
            raise CaseStoreError(
                "that document's file is not in the case-files folder: upload it again"
            ) from e
        except OSError as e:
            raise CaseStoreError(f"that document cannot be read ({type(e).__name__})") from e
        if hashlib.sha256(data).hexdigest() != sha256:
            raise CaseStoreError(
                "that document's file was changed after it was stored: upload it again"
            )
        return data

    def add_document(
        self, case_id: str, source: BinaryIO, *, filename: str, media_type: str
    ) -> DocumentInfo:
        """Keep an uploaded document of a case (the bytes as uploaded, by SHA-256)."""
        sha256, size = self._store_stream(source)
        with self._transaction() as session:
            case = self._case_for_update(session, case_id)
            doc = self._document_row(session, case, sha256, filename, media_type)
            doc.size, doc.stored = size, True
            case.updated_at = utc_now()
            info = DocumentInfo(sha256, doc.filename, doc.media_type, size, True)
        log.info("case %s: a document was stored", case_id)
        return info

    def _document_row(
        self,
        session: Session,
        case: Case,
        sha256: str,
        filename: str,
        media_type: str,
        *,
        readable: bool = True,  # for a new row: an existing one keeps its own
    ) -> CaseDocument:
        doc = session.execute(
            select(CaseDocument).where(
                CaseDocument.case_id == case.id, CaseDocument.sha256 == sha256
            )
        ).scalar_one_or_none()
        if doc is None:
            doc = CaseDocument(
                case_id=case.id,
                sha256=sha256,
                filename=filename,
                media_type=media_type,
                size=None,
                stored=False,
                readable=readable,
                added_at=utc_now(),
            )
            session.add(doc)
        return doc

    # ----------------------------------------------------------------- records

    def add_record(
        self,
        record: AuditRecord,
        *,
        chart_name: str | None = None,
        case_id: str | None = None,
        files: Sequence[Path] = (),
        new_case: bool = False,
        unreadable: Sequence[Path] = (),
        same_chart: Sequence[str] | None = None,
    ) -> RecordAdded:
        """Add a sealed record as a new version of its case, with the chart ``files`` (files
        or folders) whose bytes are documents of the record (others are skipped, counted
        and not copied). With ``new_case`` it starts a case of its own (the workspace: the
        same chart reviewed against another pack is another case).

        ``unreadable`` are files of the chart the review could not read (the record lists
        them in ``input_errors``, by name and reason only): they are kept with the case as
        its unreadable documents (by SHA-256, bytes as uploaded), so that the same chart
        uploaded again, unreadable files and all, finds its case (:meth:`find_case`). A
        file among them that is a document of the record was read, and is not one of them.

        ``same_chart`` (the SHA-256s of every file uploaded with the chart, read or not)
        places the record the way an upload is placed: in the case of the record's pack
        whose documents are exactly those; else in the case whose documents are all among
        them (the chart grown since); else in a new case. That is decided in the same write
        transaction that adds the record, so two reviews of one chart finishing at the same
        moment (two tabs, two reviewers, a repeated click) make one case, not two.

        Otherwise the case is ``case_id`` if given; else the case holding the record's
        ``previous_record_sha256``; else the case of the same ``chart_name`` that shares a
        document (same SHA-256) with the record; else a new case. Adding a record already
        in the store changes nothing. A record that does not verify is refused."""
        text = to_json(record)
        ok, message = verify_data(parse_record(text))
        if not ok:
            raise CaseStoreError(f"the record does not verify ({message}): review the chart again")
        sha = record.record_sha256
        kinds = {d.document_id: d for d in record.documents}
        stored: dict[str, int] = {}
        skipped = 0
        for path in _chart_files(files):  # hashed first: a file not in the record is not copied
            try:
                with path.open("rb") as f:
                    if _sha256_of(f) not in kinds:
                        skipped += 1
                        continue
                    f.seek(0)
                    got, size = self._store_stream(f)
            except OSError as e:
                raise CaseStoreError(
                    f"a chart file could not be read ({type(e).__name__}): check the folder"
                ) from e
            if got in kinds:  # unless it changed while it was read
                stored[got] = size
            else:
                skipped += 1
        failed = self._store_unreadable(record, unreadable, kinds)
        with self._transaction() as session:
            existing = session.execute(
                select(RecordVersion).where(RecordVersion.record_sha256 == sha)
            ).scalar_one_or_none()
            if existing is not None:
                case = self._case_for_update(session, existing.case_id)
                self._keep_files(session, case, record, stored, failed)
                return RecordAdded(
                    existing.case_id, existing.version, sha, False, False, len(stored), skipped
                )
            if same_chart is not None and case_id is None:
                case, made = self._case_of_chart(session, record, chart_name, same_chart)
            else:
                case, made = self._case_of(session, record, chart_name, case_id, new_case)
            now = utc_now()
            number = len(case.records) + 1
            row = RecordVersion(
                case_id=case.id,
                version=number,
                record_sha256=sha,
                previous_record_sha256=record.previous_record_sha256,
                review_id=record.review_id,
                created_at=record.created_at,
                added_at=now,
                pack_id=record.policy.id,
                pack_version=record.policy.version,
                overall=record.overall,
                rule_ids=json.dumps([f.rule_id for f in record.findings]),
                record_json=text,
                **vars(_counts(record)),
            )
            session.add(row)
            session.flush()
            latest = session.get(RecordVersion, case.latest_record_id or -1)
            if latest is None or record.created_at >= latest.created_at:
                case.latest_record_id = row.id
                case.pack_id = record.policy.id
                case.member_dob = _member_dob(record) or case.member_dob
                done = session.execute(
                    select(ReviewerActionRow.action, ReviewerActionRow.record_id).where(
                        ReviewerActionRow.case_id == case.id
                    )
                ).all()
                case.status = derive_status([(a, r) for a, r in done], row.id)
                _set_reviewed(case, None, None)  # no one has acted on the new record yet
            case.updated_at = now
            self._keep_files(session, case, record, stored, failed)
            result = RecordAdded(case.id, number, sha, made, True, len(stored), skipped)
        log.info("case %s: record version %d added", result.case_id, result.version)
        return result

    def _keep_files(
        self,
        session: Session,
        case: Case,
        record: AuditRecord,
        stored: dict[str, int],
        unreadable: dict[str, _Unreadable] | None = None,
    ) -> None:
        for entry in record.documents:
            doc = self._document_row(
                session, case, entry.document_id, entry.filename, entry.media_type
            )
            doc.readable = True  # a document of a record (an earlier review may not have read it)
            if entry.document_id in stored:
                doc.size, doc.stored = stored[entry.document_id], True
        for sha256, file in (unreadable or {}).items():
            doc = self._document_row(
                session, case, sha256, file.filename, file.media_type, readable=False
            )
            doc.size, doc.stored = file.size, True

    def _store_unreadable(
        self, record: AuditRecord, paths: Sequence[Path], documents: Mapping[str, object]
    ) -> dict[str, _Unreadable]:
        """Keep the chart files the review could not read (see :meth:`add_record`)."""
        kept: dict[str, _Unreadable] = {}
        for path in _chart_files(paths):
            try:
                with path.open("rb") as f:
                    sha256, size = self._store_stream(f)
            except OSError as e:
                raise CaseStoreError(
                    f"a chart file could not be read ({type(e).__name__}): check the folder"
                ) from e
            if sha256 in documents:
                continue  # read after all: a document of the record
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            kept[sha256] = _Unreadable(path.name, media_type, size)
        if len(kept) > len(record.input_errors):
            raise CaseStoreError(
                f"{len(kept)} chart files are given as unreadable but the record lists "
                f"{len(record.input_errors)} files that could not be read: give only those"
            )
        return kept

    def _case_of(
        self,
        session: Session,
        record: AuditRecord,
        chart_name: str | None,
        case_id: str | None,
        new_case: bool = False,
    ) -> tuple[Case, bool]:
        if case_id is not None:
            return self._case_for_update(session, case_id), False
        if new_case:
            return self._new_case(session, record, chart_name), True
        if record.previous_record_sha256:
            found = session.execute(
                select(RecordVersion.case_id).where(
                    RecordVersion.record_sha256 == record.previous_record_sha256
                )
            ).scalar_one_or_none()
            if found is not None:
                return self._case_for_update(session, found), False
        name = (chart_name or "").strip() or f"chart reviewed {record.created_at:%Y-%m-%d %H:%M}"
        document_ids = [d.document_id for d in record.documents]
        if document_ids:
            found = session.execute(
                select(Case.id)
                .join(CaseDocument, CaseDocument.case_id == Case.id)
                .where(Case.chart_name == name, CaseDocument.sha256.in_(document_ids))
                .order_by(Case.created_at)
                .limit(1)
            ).scalar_one_or_none()
            if found is not None:
                return self._case_for_update(session, found), False
        return self._new_case(session, record, name), True

    def _case_of_chart(
        self, session: Session, record: AuditRecord, chart_name: str | None, files: Sequence[str]
    ) -> tuple[Case, bool]:
        """The case an upload of ``files`` goes to (see :meth:`add_record`'s
        ``same_chart``), found under a lock so that no other upload places the same chart
        between the look and the insert (SQLite: the transaction began IMMEDIATE)."""
        if session.get_bind().dialect.name == "postgresql":
            session.execute(sql_text(f"SELECT pg_advisory_xact_lock({PLACEMENT_LOCK})"))
        wanted = set(files)
        sharing = _cases_sharing_in(session, wanted, record.policy.id)
        found = next((c for c, held in sharing if held == wanted), None)
        if found is None:
            found = next((c for c, held in sharing if held and held < wanted), None)
        if found is not None:
            return self._case_for_update(session, found), False
        return self._new_case(session, record, chart_name), True

    def _new_case(self, session: Session, record: AuditRecord, chart_name: str | None) -> Case:
        name = (chart_name or "").strip() or f"chart reviewed {record.created_at:%Y-%m-%d %H:%M}"
        now = utc_now()
        case = Case(
            id=str(uuid.uuid4()),
            chart_name=name,
            member_dob=None,
            pack_id=record.policy.id,
            status="new",
            latest_record_id=None,
            action_count=0,
            last_reviewer=None,
            created_at=now,
            updated_at=now,
        )
        session.add(case)
        session.flush()
        return case

    def find_case(self, document_sha256s: Sequence[str], pack_id: str) -> str | None:
        """The case (most recently changed first) whose documents are exactly
        ``document_sha256s`` and whose pack is ``pack_id``: the same chart uploaded again
        opens its case instead of starting a new one. A case's documents include the files
        its review could not read (``add_record(unreadable=...)``), so a chart with a
        damaged file finds its case too, as long as that file is the same (same SHA-256)."""
        wanted = set(document_sha256s)
        return next((c for c, held in self._cases_sharing(wanted, pack_id) if held == wanted), None)

    def find_grown_case(self, document_sha256s: Sequence[str], pack_id: str) -> str | None:
        """The case (most recently changed first) of pack ``pack_id`` whose documents are
        all among ``document_sha256s``, which hold more: the same chart with documents
        added since (new notes for a concurrent review) is that case's next review, not a
        new case. ``None`` when no case's documents are all in the upload."""
        wanted = set(document_sha256s)
        return next(
            (c for c, held in self._cases_sharing(wanted, pack_id) if held and held < wanted),
            None,
        )

    def _cases_sharing(self, wanted: set[str], pack_id: str) -> list[tuple[str, set[str]]]:
        """The cases of ``pack_id`` holding any of ``wanted`` (most recently changed first),
        each with the SHA-256s of all its documents."""
        if not wanted:
            return []
        with self._transaction() as session:
            return _cases_sharing_in(session, wanted, pack_id)

    def record_text(self, record_sha256: str) -> str:
        """A stored record's JSON exactly as it was added."""
        with self._transaction() as session:
            text = session.execute(
                select(RecordVersion.record_json).where(
                    RecordVersion.record_sha256 == record_sha256
                )
            ).scalar_one_or_none()
        if text is None:
            raise CaseStoreError("no such record in the case store: import it first")
        return text

    def latest_record(self, case_id: str) -> AuditRecord:
        """The case's latest record (verified as it is read)."""
        view = self.get_case(case_id)
        data = parse_record(self.record_text(view.latest.record_sha256))
        ok, message = verify_data(data)
        if not ok:
            raise CaseStoreError(f"the stored record no longer verifies ({message})")
        return AuditRecord.model_validate(data)

    # ----------------------------------------------------------------- actions

    def record_action(
        self,
        case_id: str,
        *,
        reviewer: str,
        action: ActionKind,
        seen_record_sha256: str,
        seen_actions: int | None = None,
        rule_id: str | None = None,
        new_status: str | None = None,
        reason: str = "",
        at: dt.datetime | None = None,
    ) -> ActionInfo:
        """Save one reviewer action now (its own transaction). ``seen_record_sha256`` is the
        record the reviewer looked at: if the case's latest record is another one, the
        action is refused (:class:`StaleCaseError`). With ``seen_actions`` (the number of
        actions the reviewer saw) any action saved since by someone else refuses it too."""
        when = at or utc_now()
        with self._transaction() as session:
            case = self._case_for_update(session, case_id)
            latest = session.get(RecordVersion, case.latest_record_id or -1)
            if latest is None:  # pragma: no cover - a case is made with its first record
                raise CaseStoreError("the case has no record yet: import one first")
            if latest.record_sha256 != seen_record_sha256:
                raise StaleCaseError(
                    f"the chart was reviewed again since you opened the case (now version "
                    f"{latest.version}): your {action} was not saved; {RELOAD}"
                )
            if seen_actions is not None and case.action_count != seen_actions:
                who = case.last_reviewer or "another reviewer"
                raise StaleCaseError(
                    f"{who} acted on this case since you opened it: your {action} was not "
                    f"saved; {RELOAD}"
                )
            _check_action(
                json.loads(latest.rule_ids),
                reviewer=reviewer,
                action=action,
                rule_id=rule_id,
                new_status=new_status,
                reason=reason,
            )
            try:
                ReviewerAction.model_validate(
                    {
                        "at": when,
                        "reviewer": reviewer,
                        "action": action,
                        "rule_id": rule_id,
                        "new_status": new_status,
                        "reason": reason,
                    }
                )
            except ValidationError as e:
                raise CaseStoreError(
                    f"not a valid reviewer action ({e.error_count()} errors)"
                ) from e
            seq = case.action_count + 1
            session.add(
                ReviewerActionRow(
                    case_id=case.id,
                    record_id=latest.id,
                    seq=seq,
                    at=when,
                    reviewer=reviewer,
                    action=action,
                    rule_id=rule_id,
                    new_status=new_status,
                    reason=reason,
                )
            )
            case.action_count = seq
            case.last_reviewer = reviewer
            if action != "note":  # a note changes no status
                session.flush()
                reviewed = reviewed_case(latest.record_json, self._actions_on(session, latest.id))
                _set_reviewed(case, reviewed.overall, reviewed.counts)
            case.updated_at = when
            if action == "decision":
                case.status = "decided"
            elif case.status == "new":
                case.status = "in_review"
            info = ActionInfo(
                seq, latest.version, when, reviewer, action, rule_id, new_status, reason
            )
        log.info("case %s: action %d (%s) saved", case_id, seq, action)
        return info

    @staticmethod
    def _actions_on(session: Session, record_id: int) -> list[ReviewerAction]:
        rows = session.execute(
            select(ReviewerActionRow)
            .where(ReviewerActionRow.record_id == record_id)
            .order_by(ReviewerActionRow.seq)
        ).scalars()
        return [
            ReviewerAction(
                at=r.at,
                reviewer=r.reviewer,
                action=_action_kind(r.action),
                rule_id=r.rule_id,
                new_status=Status(r.new_status) if r.new_status else None,
                reason=r.reason,
            )
            for r in rows
        ]

    # ----------------------------------------------------------------- reading

    def get_case(self, case_id: str) -> CaseView:
        with self._transaction() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise CaseNotFoundError(f"no case {case_id[:40]!r}: choose one from the worklist")
            versions = {r.id: _version_info(r) for r in case.records}
            latest = versions.get(case.latest_record_id or -1)
            if latest is None:  # pragma: no cover - a case is made with its first record
                raise CaseStoreError("the case has no record yet: import one first")
            return CaseView(
                case_id=case.id,
                chart_name=case.chart_name,
                member_dob=case.member_dob,
                pack_id=case.pack_id,
                status=_status(case.status),
                revision=case.revision,
                last_reviewer=case.last_reviewer,
                created_at=case.created_at,
                updated_at=case.updated_at,
                latest=latest,
                versions=tuple(versions.values()),
                documents=tuple(
                    DocumentInfo(d.sha256, d.filename, d.media_type, d.size, d.stored, d.readable)
                    for d in case.documents
                ),
                actions=tuple(
                    ActionInfo(
                        a.seq,
                        versions[a.record_id].version,
                        a.at,
                        a.reviewer,
                        _action_kind(a.action),
                        a.rule_id,
                        a.new_status,
                        a.reason,
                    )
                    for a in case.actions
                ),
            )

    def worklist(
        self,
        *,
        status: CaseStatus | None = None,
        pack: str | None = None,
        sort: WorklistSort = "last_change",
        descending: bool | None = None,
    ) -> list[WorklistRow]:
        """The cases, filtered by status and pack, sorted by ``sort`` (newest change first
        by default; the other keys ascending unless ``descending``). ``member`` sorts by
        surname (:func:`surname_key`), then the rest of the name."""
        if status is not None and status not in CASE_STATUSES:
            raise CaseStoreError(f"unknown status {status!r}: one of {', '.join(CASE_STATUSES)}")
        if sort not in WORKLIST_SORTS:
            raise CaseStoreError(f"cannot sort by {sort!r}: one of {', '.join(WORKLIST_SORTS)}")
        keys = {
            "last_change": Case.updated_at,
            "member": Case.chart_name,
            "status": Case.status,
            "pack": Case.pack_id,
            "overall": RecordVersion.overall,
            "reviewer_overall": Case.reviewer_overall,
        }
        down = sort == "last_change" if descending is None else descending
        key = keys[sort]
        query = select(Case, RecordVersion).join(
            RecordVersion, RecordVersion.id == Case.latest_record_id
        )
        if status is not None:
            query = query.where(Case.status == status)
        if pack is not None:
            query = query.where(Case.pack_id == pack)
        if sort == "member":  # by surname: the last word, which SQL cannot sort by
            query = query.order_by(Case.id)
        else:
            query = query.order_by(key.desc() if down else key.asc(), Case.id)
        with self._transaction() as session:
            rows = [
                WorklistRow(
                    case_id=case.id,
                    member=case.chart_name,
                    member_dob=case.member_dob,
                    pack_id=case.pack_id,
                    status=_status(case.status),
                    overall=version.overall,
                    reviewer_overall=case.reviewer_overall,
                    counts=_version_info(version).counts,
                    reviewer_counts=_reviewer_counts(case),
                    actions=case.action_count,
                    last_reviewer=case.last_reviewer,
                    last_change=case.updated_at,
                    version=version.version,
                    record_sha256=version.record_sha256,
                )
                for case, version in session.execute(query)
            ]
        if sort == "member":  # stable: the same name stays in case id order
            rows.sort(key=lambda r: surname_key(r.member), reverse=down)
        return rows


# --------------------------------------------------------------------------- for callers


def open_store(url: str | None = None, *, files_dir: Path | None = None) -> CaseStore:
    """The configured case store (``CHARTREVIEW_DATABASE_URL``, else the SQLite file in the
    data folder), migrated to the newest schema."""
    return CaseStore(url, files_dir=files_dir)


def add_record(
    record: AuditRecord,
    *,
    chart_name: str,
    files: Sequence[Path] = (),
    url: str | None = None,
    files_dir: Path | None = None,
) -> RecordAdded:
    """Put one finished, sealed record into the configured case store (for the batch:
    ``add_record(record, chart_name=chart_id, files=chart_files)``); a re-review of the same
    chart becomes the case's next version."""
    with open_store(url, files_dir=files_dir) as store:
        return store.add_record(record, chart_name=chart_name, files=files)
