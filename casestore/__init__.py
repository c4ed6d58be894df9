"""The case store (issue 15): cases, their documents as uploaded, each sealed record
version and the append-only reviewer actions, in a real database (SQLite by default,
PostgreSQL via ``CHARTREVIEW_DATABASE_URL``), with Alembic migrations run on open.

    from casestore import open_store
    with open_store() as store:
        added = store.add_record(record, chart_name="chart-017", files=chart_files)
        case = store.get_case(added.case_id)
        store.record_action(case.case_id, reviewer="rn.lee", action="note", reason="...",
                            seen_record_sha256=case.latest.record_sha256,
                            seen_actions=len(case.actions))
        rows = store.worklist(status="in_review", pack="medicare-iop")
"""

from casestore.errors import CaseNotFoundError, CaseStoreError, StaleCaseError
from casestore.store import (
    ActionInfo,
    ActionKind,
    CaseStatus,
    CaseStore,
    CaseView,
    DocumentInfo,
    FindingCounts,
    RecordAdded,
    VersionInfo,
    WorklistRow,
    WorklistSort,
    add_record,
    derive_status,
    migrate,
    open_store,
)

__all__ = [
    "ActionInfo",
    "ActionKind",
    "CaseNotFoundError",
    "CaseStatus",
    "CaseStore",
    "CaseStoreError",
    "CaseView",
    "DocumentInfo",
    "FindingCounts",
    "RecordAdded",
    "StaleCaseError",
    "VersionInfo",
    "WorklistRow",
    "WorklistSort",
    "add_record",
    "derive_status",
    "migrate",
    "open_store",
]
