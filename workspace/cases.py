"""The workspace on the case store: a reviewed chart is a case, each review's sealed record
is a record version, and every reviewer action is saved through the store the moment it
is made (casestore/).

The record a reviewer sees and exports is the case's latest record as the tool wrote it,
with the actions saved on that version appended to ``reviewer_actions[]`` and the
reviewer's outcome stated (``reviewer_outcome``), chained to it (``previous_record_sha256``)
and sealed: the tool's findings and overall stay exactly as produced.

An action carries what the reviewer saw (:class:`Seen`: the latest record and the number
of actions on the case); if the case changed since, the store refuses it
(:class:`casestore.StaleCaseError`) and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from audit.record import AuditRecord, seal, with_reviewer_outcome
from casestore import ActionKind, CaseStore, CaseStoreError, CaseView, StaleCaseError
from core.errors import ChartReviewError
from ingest.loader import load_chart
from pipeline.review import Progress, review_paths
from workspace.actions import ActionError
from workspace.header import Pages, member_name_and_id
from workspace.plain import status_label
from workspace.view import finding_outcome

UploadedFile = tuple[str, bytes]  # (file name as uploaded, content)
ACTION_KINDS: dict[str, ActionKind] = {
    "accept": "accept",
    "override": "override",
    "note": "note",
    "decision": "decision",
}


@dataclass(frozen=True)
class Seen:
    """What the reviewer's page showed: the case's latest record and its actions."""

    record_sha256: str
    actions: int


@dataclass(frozen=True)
class OpenCase:
    view: CaseView
    tool_record: AuditRecord  # the latest record version, as stored
    record: AuditRecord  # with this version's actions and the reviewer's outcome, sealed

    @property
    def seen(self) -> Seen:
        return Seen(self.view.latest.record_sha256, len(self.view.actions))


@dataclass(frozen=True)
class ReviewedCase:
    case_id: str
    new_review: bool  # False: the same documents and pack were already a case (opened)
    version: int
    added_documents: int = 0  # documents new to an existing case (the chart grew)


def current_record(tool_record: AuditRecord, view: CaseView) -> AuditRecord:
    """The record the reviewer sees and exports: ``tool_record`` (the case's latest
    version) with the actions saved on it appended and the reviewer's outcome, chained to
    it. The tool's record itself when no one acted on it."""
    actions = view.reviewer_actions(view.latest.version)
    if not actions:
        return tool_record
    chained = tool_record.model_copy(
        update={
            "reviewer_actions": [*tool_record.reviewer_actions, *actions],
            "previous_record_sha256": tool_record.record_sha256,
            "signature": None,  # the deployment's key signs records the tool writes
        }
    )
    return with_reviewer_outcome(seal(chained))


def open_case(store: CaseStore, case_id: str) -> OpenCase:
    view = store.get_case(case_id)
    tool_record = store.latest_record(case_id)
    return OpenCase(view, tool_record, current_record(tool_record, view))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(folder: Path, files: Sequence[UploadedFile]) -> list[Path]:
    """Each file in its own numbered folder (two uploads may share a name)."""
    paths: list[Path] = []
    for n, (name, content) in enumerate(files):
        sub = folder / f"{n:03d}"
        sub.mkdir()
        target = sub / (Path(name).name or f"document-{n}")
        target.write_bytes(content)
        paths.append(target)
    return paths


def chart_name(record: AuditRecord, pages: Pages, now: dt.datetime) -> str:
    """The case's name in the worklist: the member's name as the chart labels it, else
    when it was reviewed."""
    name, _ = member_name_and_id(record, pages)
    return name or f"Chart reviewed {now:%Y-%m-%d %H:%M} UTC"


def review_into_case(
    store: CaseStore,
    files: Sequence[UploadedFile],
    *,
    pack: str,
    extractor: str,
    progress: Callable[[Progress], None] | None = None,
) -> ReviewedCase:
    """Review the uploaded chart and keep it as a case with its documents as uploaded.

    The same documents reviewed against the same pack with the same extractor open their
    case (nothing is reviewed again, no action is lost); with another extractor the new
    review becomes the case's next record version, and so does the same chart with
    documents added (every document of a case among the upload, and more). Files the
    review cannot read are kept with the case too (by SHA-256), so the same chart with the
    same damaged file opens its case as well; a repaired file is new content, reviewed
    anew."""
    if not files:
        raise ActionError("add at least one chart document first")
    hashes = [_sha256(content) for _, content in files]
    found = store.find_case(hashes, pack)
    grown = 0
    if found is not None:
        view = store.get_case(found)
        if store.latest_record(found).extractor.kind == extractor:
            return ReviewedCase(found, False, view.latest.version)
    else:
        # the same chart with documents added since: the case's next review
        found = store.find_grown_case(hashes, pack)
        if found is not None:
            held = {d.sha256 for d in store.get_case(found).documents}
            grown = len(set(hashes) - held)
    with tempfile.TemporaryDirectory(prefix="chartreview-upload-") as tmp:
        paths = _write(Path(tmp), files)
        previous = store.latest_record(found) if found is not None else None
        record = review_paths(
            paths, policy=pack, extractor=extractor, previous=previous, progress=progress
        )
        chart = load_chart(paths)
        pages = {d.document_id: [p.text for p in d.pages] for d in chart.documents}
        name = chart_name(record, pages, record.created_at)
        read = {d.document_id for d in record.documents}
        unreadable = [
            path
            for path, (_, content) in zip(paths, files, strict=True)
            if _sha256(content) not in read
        ]
        added = store.add_record(
            record,
            chart_name=name,
            case_id=found,
            files=paths,
            unreadable=unreadable,
            # placed by the store in one transaction: a review of the same chart that
            # finished meanwhile (another tab, another reviewer) made its case; join it
            same_chart=hashes,
        )
    return ReviewedCase(added.case_id, True, added.version, grown)


def review_case_with(store: CaseStore, case_id: str, *, pack: str, extractor: str) -> ReviewedCase:
    """The chart of case ``case_id`` (its documents as uploaded, from the store) reviewed
    against ``pack``: that pack's case for the same documents (opened if it exists), so a
    chart reviewed against the wrong pack is reviewed again without uploading it again."""
    view = store.get_case(case_id)
    files: list[UploadedFile] = []
    for doc in view.documents:
        if not doc.stored:
            continue
        try:
            files.append((doc.filename, store.read_document(doc.sha256)))
        except CaseStoreError:
            continue
    if not files:
        raise ActionError(
            "this case holds no documents to review again (it came from an exported "
            "record): upload the chart"
        )
    return review_into_case(store, files, pack=pack, extractor=extractor)


def add_exported_record(store: CaseStore, record: AuditRecord) -> ReviewedCase:
    """A verified exported record as a case (or its case's next version), so that later
    actions continue it. Its documents are not stored (the record does not hold them)."""
    added = store.add_record(record, chart_name=chart_name(record, {}, record.created_at))
    return ReviewedCase(added.case_id, added.added, added.version)


def case_pages(store: CaseStore, view: CaseView) -> Pages:
    """The page texts of the case's stored documents, read again as the review read them
    (document id -> page texts); documents whose bytes are not stored are left out."""
    stored = [d for d in view.documents if d.stored and d.readable]
    if not stored:
        return {}
    with tempfile.TemporaryDirectory(prefix="chartreview-case-") as tmp:
        files: list[UploadedFile] = []
        for doc in stored:
            try:
                files.append((doc.filename, store.read_document(doc.sha256)))
            except CaseStoreError:
                continue
        chart = load_chart(_write(Path(tmp), files))
    return {d.document_id: [p.text for p in d.pages] for d in chart.documents}


def document_bytes(store: CaseStore, document_id: str) -> bytes | None:
    """A stored document's bytes as uploaded (None: not stored, or changed since)."""
    try:
        return store.read_document(document_id)
    except CaseStoreError:
        return None


def record_case_action(
    store: CaseStore,
    case: OpenCase,
    seen: Seen,
    *,
    reviewer: str,
    action: str,
    rule_id: str | None = None,
    new_status: str | None = None,
    reason: str = "",
) -> str:
    """Save one reviewer action through the store now; returns what to tell the reviewer.

    Raises :class:`ActionError` for an action that would mean nothing (an override to the
    status the finding already has, accepting twice without a comment, an empty note) and
    :class:`StaleCaseError` when the case changed since ``seen`` (nothing saved): for a
    case note, only when the chart was reviewed again since."""
    reason = reason.strip()
    reviewer = reviewer.strip()
    if not reviewer:
        raise ActionError("sign in (in the sidebar) before acting: actions carry your name")
    current = finding_outcome(case.record, rule_id) if rule_id else None
    if rule_id is not None and current is None:
        raise ActionError("this finding is not in the case's latest record: reload the case")
    if action == "override":
        if not new_status:
            raise ActionError("choose the new status for the override")
        if current is not None and current.status.value == new_status:
            raise ActionError(
                f"the finding is already {status_label(new_status)}: choose another status"
            )
        if not reason:
            raise ActionError("an override needs a reason: say why the finding is changed")
    elif action == "accept":
        if current is not None and current.set_by == "accept" and not reason:
            raise ActionError("you already accepted this finding")
    elif action in ("note", "decision") and not reason and not new_status:
        raise ActionError(f"a {action} needs its text")
    kind = ACTION_KINDS.get(action)
    if kind is None:
        raise ActionError(f"unknown action {action!r}: one of {', '.join(ACTION_KINDS)}")
    # a case note changes no finding and answers no one's action: others acting meanwhile
    # do not refuse it (a chart reviewed again since does). Every other action, a note on
    # a finding too, is refused when anyone acted on the case since the reviewer saw it.
    case_note = kind == "note" and rule_id is None
    try:
        store.record_action(
            case.view.case_id,
            reviewer=reviewer,
            action=kind,
            seen_record_sha256=seen.record_sha256,
            seen_actions=None if case_note else seen.actions,
            rule_id=rule_id,
            new_status=new_status if action in ("override", "decision") else None,
            reason=reason,
        )
    except StaleCaseError:
        raise
    except ChartReviewError as e:
        raise ActionError(str(e)) from e
    if kind == "override" and new_status:
        return f"Overridden to {status_label(new_status)} and saved"
    return {
        "accept": "Accepted and saved",
        "note": "Note saved",
        "decision": "Decision saved",
    }[kind]


def nothing_to_save(action: str, reason: str, new_status: str | None = None) -> str | None:
    """What to tell a reviewer who pressed "Add note" (or "Record decision") with nothing
    typed or chosen: nothing to save, which is no failure (often a second click right after
    the note was saved and the box cleared). None when there is something to save."""
    if reason.strip():
        return None
    if action == "note":
        return "Nothing to save: type a note first."
    if action == "decision" and not new_status:
        return "Nothing to save: type the decision or choose its outcome first."
    return None
