"""The workspace on the case store, its case header and its plain words (no UI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from accounts import add_user
from audit.record import AuditRecord, DocumentEntry, to_json, verify_data
from casestore import CaseStore, StaleCaseError
from core.data import DocumentKind
from ingest.loader import load_chart
from pipeline.review import review_paths
from workspace.actions import ActionError
from workspace.cases import (
    add_exported_record,
    case_pages,
    current_record,
    open_case,
    record_case_action,
    review_into_case,
)
from workspace.header import Pages, age_on, case_header, member_name_and_id
from workspace.identity import (
    has_local_accounts,
    local_sign_in,
    oidc_name,
    reviewer_identity,
    sign_in_mode,
)
from workspace.plain import (
    document_title,
    document_titles,
    pack_short_title,
    plain_text,
    policy_title,
    rule_title,
    where,
)
from workspace.view import effective_overall, findings_by_status, status_counts
from workspace.worklist import COUNTS_COLUMN, worklist_lines

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RECERT = "medicare-iop.recertification-interval"
WEEKLY = "medicare-iop.weekly-hours"


def files_of(name: str) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted((EXAMPLES / name).iterdir()) if p.is_file()]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CaseStore]:
    s = CaseStore(f"sqlite:///{tmp_path / 'cases.sqlite3'}", files_dir=tmp_path / "files")
    try:
        yield s
    finally:
        s.close()


def pages_of(name: str, pack: str = "medicare-iop") -> tuple[AuditRecord, Pages]:
    paths = [EXAMPLES / name]
    chart = load_chart(paths)
    pages = {d.document_id: [p.text for p in d.pages] for d in chart.documents}
    return review_paths(paths, policy=pack), pages


# --------------------------------------------------------------------------- cases


def test_a_reviewed_chart_is_a_case_and_the_same_upload_opens_it(store: CaseStore) -> None:
    files = files_of("medicare-iop-gaps")
    first = review_into_case(store, files, pack="medicare-iop", extractor="deterministic")
    assert (first.new_review, first.version) == (True, 1)
    case = open_case(store, first.case_id)
    assert case.view.chart_name == "Raymond T. Ostrowski"  # from the chart's labelled field
    assert sorted(d.sha256 for d in case.view.documents) == sorted(
        d.document_id for d in case.record.documents
    )
    assert all(d.stored for d in case.view.documents)
    assert case.record == case.tool_record  # no action yet: the tool's record as stored
    # the same files again (in another order): the case opens, nothing is reviewed again
    again = review_into_case(
        store, list(reversed(files)), pack="medicare-iop", extractor="deterministic"
    )
    assert (again.case_id, again.new_review, again.version) == (first.case_id, False, 1)
    # another pack is another case
    other = review_into_case(store, files, pack="medicare-otp-iop", extractor="deterministic")
    assert other.case_id != first.case_id and other.new_review
    with pytest.raises(ActionError, match="add at least one chart document"):
        review_into_case(store, [], pack="medicare-iop", extractor="deterministic")


def test_the_same_chart_with_documents_added_is_the_cases_next_review(store: CaseStore) -> None:
    files = files_of("medicare-iop-gaps")
    first = review_into_case(store, files[:-1], pack="medicare-iop", extractor="deterministic")
    grown = review_into_case(store, files, pack="medicare-iop", extractor="deterministic")
    assert (grown.case_id, grown.new_review, grown.version, grown.added_documents) == (
        first.case_id,
        True,
        2,
        1,
    )
    assert len(store.worklist()) == 1
    # a chart that shares only some documents with the case is another case
    other = review_into_case(store, files[1:], pack="medicare-iop", extractor="deterministic")
    assert other.case_id != first.case_id and other.added_documents == 0


def test_actions_are_saved_at_once_and_the_record_states_the_outcome(store: CaseStore) -> None:
    reviewed = review_into_case(
        store, files_of("medicare-iop-complete"), pack="medicare-iop", extractor="deterministic"
    )
    case = open_case(store, reviewed.case_id)
    assert case.record.overall == "met"
    said = record_case_action(
        store,
        case,
        case.seen,
        reviewer="RN Rivera",
        action="override",
        rule_id=WEEKLY,
        new_status="not_met",
        reason="week 2 counts an outing",
    )
    assert said == "Overridden to Not met and saved"
    # a new server process reading the store sees it (nothing kept in memory)
    reopened = open_case(store, reviewed.case_id)
    record = reopened.record
    assert [(a.action, a.rule_id, a.new_status) for a in record.reviewer_actions] == [
        ("override", WEEKLY, "not_met")
    ]
    assert record.findings == reopened.tool_record.findings and record.overall == "met"
    assert record.reviewer_outcome is not None and record.reviewer_outcome.overall == "not_met"
    assert effective_overall(record) == "not_met"
    assert status_counts(record) == {
        "not_met": 1,
        "insufficient_evidence": 0,
        "met": 11,
        "not_applicable": 3,
    }
    assert [f.rule_id for f in findings_by_status(record)[0][1]] == [WEEKLY]
    assert record.previous_record_sha256 == reopened.tool_record.record_sha256
    assert verify_data(__import__("json").loads(to_json(record)))[0]
    assert reopened.view.status == "in_review"


def test_an_action_on_a_case_that_changed_is_refused_and_none_is_lost(store: CaseStore) -> None:
    reviewed = review_into_case(
        store, files_of("medicare-iop-gaps"), pack="medicare-iop", extractor="deterministic"
    )
    seen_by_a = open_case(store, reviewed.case_id)
    seen_by_b = open_case(store, reviewed.case_id)
    record_case_action(
        store, seen_by_a, seen_by_a.seen, reviewer="RN A", action="note", reason="first"
    )
    # a note on a finding is refused like any action on it...
    with pytest.raises(StaleCaseError, match="RN A acted on this case since you opened it"):
        record_case_action(
            store,
            seen_by_b,
            seen_by_b.seen,
            reviewer="Dr B",
            action="note",
            rule_id=RECERT,
            reason="second",
        )
    now = open_case(store, reviewed.case_id)
    assert [a.reason for a in now.view.actions] == ["first"]
    record_case_action(
        store, now, now.seen, reviewer="Dr B", action="note", rule_id=RECERT, reason="second"
    )
    # ... a note on the whole case changes no finding: saved whoever acted meanwhile
    record_case_action(
        store, seen_by_b, seen_by_b.seen, reviewer="Dr B", action="note", reason="third"
    )
    assert [a.reason for a in open_case(store, reviewed.case_id).view.actions] == [
        "first",
        "second",
        "third",
    ]


@pytest.mark.parametrize(
    ("action", "rule", "status", "reason", "message"),
    [
        ("override", RECERT, None, "why", "choose the new status for the override"),
        ("override", RECERT, "not_met", "why", "the finding is already Not met"),
        ("override", RECERT, "met", "", "an override needs a reason"),
        ("note", RECERT, None, "  ", "a note needs its text"),
        ("note", None, None, "", "a note needs its text"),
        ("decision", None, None, "", "a decision needs its text"),
        ("override", "medicare-iop.no-such-rule", "met", "why", "not in the case's latest record"),
        ("shout", RECERT, None, "why", "unknown action 'shout'"),
    ],
)
def test_actions_that_mean_nothing_are_refused_before_the_store(
    store: CaseStore,
    action: str,
    rule: str | None,
    status: str | None,
    reason: str,
    message: str,
) -> None:
    reviewed = review_into_case(
        store, files_of("medicare-iop-gaps"), pack="medicare-iop", extractor="deterministic"
    )
    case = open_case(store, reviewed.case_id)
    with pytest.raises(ActionError, match=message):
        record_case_action(
            store,
            case,
            case.seen,
            reviewer="RN A",
            action=action,
            rule_id=rule,
            new_status=status,
            reason=reason,
        )
    assert open_case(store, reviewed.case_id).view.actions == ()


def test_accepting_twice_is_one_action(store: CaseStore) -> None:
    reviewed = review_into_case(
        store, files_of("medicare-iop-gaps"), pack="medicare-iop", extractor="deterministic"
    )
    case = open_case(store, reviewed.case_id)
    assert record_case_action(store, case, case.seen, reviewer="A", action="accept", rule_id=RECERT)
    case = open_case(store, reviewed.case_id)
    with pytest.raises(ActionError, match="you already accepted this finding"):
        record_case_action(store, case, case.seen, reviewer="A", action="accept", rule_id=RECERT)
    # with a comment it is a new statement, recorded
    record_case_action(
        store, case, case.seen, reviewer="A", action="accept", rule_id=RECERT, reason="checked"
    )
    assert [a.action for a in open_case(store, reviewed.case_id).view.actions] == [
        "accept",
        "accept",
    ]


def test_an_exported_record_becomes_a_case_and_its_pages_come_from_the_store(
    store: CaseStore,
) -> None:
    record = review_paths([EXAMPLES / "medicare-iop-gaps"])
    added = add_exported_record(store, record)
    case = open_case(store, added.case_id)
    assert case.tool_record == record
    assert case_pages(store, case.view) == {}  # the record does not hold its documents
    reviewed = review_into_case(
        store, files_of("medicare-iop-complete"), pack="medicare-iop", extractor="deterministic"
    )
    stored = case_pages(store, open_case(store, reviewed.case_id).view)
    tool = open_case(store, reviewed.case_id).tool_record
    assert set(stored) == {d.document_id for d in tool.documents}
    ev = tool.findings[0].evidence[0]
    assert stored[ev.document_id][ev.page - 1][ev.start : ev.end] == ev.quote


def test_current_record_is_the_tool_record_until_someone_acts(store: CaseStore) -> None:
    reviewed = review_into_case(
        store, files_of("medicare-iop-gaps"), pack="medicare-iop", extractor="deterministic"
    )
    case = open_case(store, reviewed.case_id)
    assert current_record(case.tool_record, case.view) is case.tool_record


# --------------------------------------------------------------------------- header


@pytest.mark.parametrize(
    ("chart", "pack", "expected"),
    [
        (
            "medicare-iop-gaps",
            "medicare-iop",
            (
                "Raymond T. Ostrowski",
                "LK-55810",
                dt.date(1951, 11, 2),
                73,
                dt.date(2025, 1, 6),
                dt.date(2025, 3, 14),
                "Adult IOP",
            ),
        ),
        (
            "medicare-iop-complete",
            "medicare-iop",
            (
                "Dolores A. Whitcomb",
                "RB-204417",
                dt.date(1956, 7, 19),
                68,
                dt.date(2025, 3, 3),
                dt.date(2025, 3, 26),
                "Adult IOP",
            ),
        ),
        (
            "optum-idaho-iop-adolescent",
            "optum-idaho-iop",
            (
                "Kaden M. Verhoeven",
                "ID-7730415",
                dt.date(2008, 11, 3),
                16,
                dt.date(2025, 4, 7),
                dt.date(2025, 5, 2),
                "Adolescent IOP",
            ),
        ),
    ],
)
def test_case_header_from_the_record_and_the_chart(
    chart: str, pack: str, expected: tuple[object, ...]
) -> None:
    record, pages = pages_of(chart, pack)
    h = case_header(record, pages)
    got = (
        h.member_name,
        h.member_id,
        h.date_of_birth,
        h.age_at_admission,
        h.admission,
        h.episode_end,
        h.program,
    )
    assert got == expected
    assert h.warnings == ()


@pytest.mark.parametrize(
    ("chart", "pack", "warnings"),
    [
        (
            "optum-idaho-iop-adolescent",
            "medicare-iop",
            [
                "The chart looks like Optum Idaho Intensive Outpatient Program (IOP FAQ), "
                "not Medicare Intensive Outpatient Services (MBPM ch.6 "
                "§70.4): it names Idaho Medicaid as the payer (“Optum Idaho” in 2 of its 32 "
                "documents) and never names Medicare. “Medicaid” appears in 1 document without "
                "“Idaho” on the same line: it could be another state's Medicaid, so it was not "
                "taken as Idaho Medicaid.",
                "The member was 16 at admission: Medicare covers people 65 or older or with a "
                "qualifying disability, so an adolescent's chart is seldom a Medicare chart. "
                "Check the payer (an Idaho Medicaid chart is reviewed with the Optum Idaho "
                "Intensive Outpatient Program (IOP FAQ) pack).",
            ],
        ),
        (
            "medicare-otp-iop-complete",
            "medicare-iop",
            [
                "The chart names an opioid treatment program (13 of 13 documents: OTP, opioid "
                "treatment program or G0137): OTP intensive outpatient services are reviewed "
                "with the Medicare OTP Intensive Outpatient Services (MBPM ch.17 §20, HCPCS "
                "G0137) pack."
            ],
        ),
        (
            "medicare-iop-gaps",
            "medicare-otp-iop",
            [
                "No document names an opioid treatment program (OTP, opioid treatment program, "
                "G0137), which the Medicare OTP Intensive Outpatient Services (MBPM ch.17 §20, "
                "HCPCS G0137) pack is for: check the program and the pack."
            ],
        ),
        ("medicare-otp-iop-complete", "medicare-otp-iop", []),
    ],
)
def test_a_chart_that_looks_like_another_pack_is_warned_about(
    chart: str, pack: str, warnings: list[str]
) -> None:
    record, pages = pages_of(chart, pack)
    assert list(case_header(record, pages).warnings) == warnings


def test_without_the_chart_text_the_header_has_the_records_facts_only() -> None:
    record, _ = pages_of("optum-idaho-iop-adolescent")
    h = case_header(record, {})
    assert (h.member_name, h.member_id, h.date_of_birth, h.age_at_admission) == (
        None,
        None,
        dt.date(2008, 11, 3),
        16,
    )
    assert h.program == "Adolescent IOP"
    assert len(h.warnings) == 1 and h.warnings[0].startswith("The member was 16 at admission")


@pytest.mark.parametrize(
    ("line", "name", "member_id"),
    [
        ("Client: Jane Q. Doe   DOB: 01/02/1950   Client #: AB-1234", "Jane Q. Doe", "AB-1234"),
        ("**Patient:** Ann Lee  **DOB:** 01/02/1950  **MRN:** 55-9981", "Ann Lee", "55-9981"),
        ("Member Name: Bo Diaz DOB: 01/02/1950 Member ID: M0012345", "Bo Diaz", "M0012345"),
        ("DOB: 01/02/1950", None, None),  # nothing labelled: nothing guessed
        ("Name of facility: Lakeshore  DOB: 01/02/1950", None, None),
    ],
)
def test_member_name_and_id_are_the_labelled_fields_on_the_birth_date_line(
    line: str, name: str | None, member_id: str | None
) -> None:
    record, _ = pages_of("medicare-iop-gaps")
    member = record.facts.members[0]
    ev = member.evidence[0]
    start = line.index("DOB")
    fake = member.model_copy(
        update={"evidence": (ev.model_copy(update={"start": start, "end": start + 3, "page": 1}),)}
    )
    facts = record.facts.model_copy(update={"members": (fake,)})
    changed = record.model_copy(update={"facts": facts})
    assert member_name_and_id(changed, {ev.document_id: [line]}) == (name, member_id)


def test_age_on() -> None:
    assert age_on(dt.date(2008, 11, 3), dt.date(2025, 11, 2)) == 16
    assert age_on(dt.date(2008, 11, 3), dt.date(2025, 11, 3)) == 17


# --------------------------------------------------------------------------- plain words


@pytest.mark.parametrize(
    ("filename", "title"),
    [
        ("07_2025-01-08_individual_therapy.txt", "Individual therapy, 01/08/2025"),
        ("01_intake_assessment.txt", "Intake assessment"),
        ("03a_2025-04-07_relapse_prevention_group.txt", "Relapse prevention group, 04/07/2025"),
        ("14_service_log_2025-03-17_to_2025-03-21.md", "Service log to, 03/17/2025 to 03/21/2025"),
        ("03_cssrs_risk_assessment.txt", "CSSRS risk assessment"),
        ("sub/02_physician_certification.pdf", "Physician certification"),
        ("2025-04-07.txt", "04/07/2025"),
        ("12.txt", "12"),
    ],
)
def test_document_title(filename: str, title: str) -> None:
    assert document_title(filename) == title


def _entry(n: int, filename: str) -> DocumentEntry:
    return DocumentEntry(
        document_id=f"{n:02d}" * 32,
        filename=filename,
        media_type="text/plain",
        pages=1,
        kind=DocumentKind.OTHER,
    )


def test_repeated_titles_are_numbered_and_reasons_name_titles() -> None:
    docs = [_entry(1, "a/01_note.txt"), _entry(2, "b/02_note.txt"), _entry(3, "03_plan.md")]
    assert list(document_titles(docs).values()) == ["Note (1)", "Note (2)", "Plan"]
    assert plain_text("plan in 03_plan.md, see a/01_note.txt", docs) == (
        "plan in Plan, see Note (1)"
    )
    titles = document_titles(docs)
    assert where(titles, docs[0].document_id, 2, 3) == "Note (1), page 2"
    assert where(titles, docs[2].document_id, 1, 1) == "Plan"


@pytest.mark.parametrize(
    ("function", "argument", "expected"),
    [
        (pack_short_title, "medicare-iop", "Medicare IOP"),
        (pack_short_title, "medicare-otp-iop", "Medicare OTP IOP"),
        (pack_short_title, "optum-idaho-iop", "Optum Idaho IOP"),
        (pack_short_title, "no-such-pack", "no-such-pack"),
        (
            policy_title,
            "optum-medicare-iop-coverage-summary-BH803IOPMCS052025.txt",
            "Optum Medicare Coverage Summary: Intensive Outpatient Programs (BH803IOPMCS052025)",
        ),
        (
            policy_title,
            "optum-idaho-iop-faq.txt",
            "Optum Idaho: Intensive Outpatient Program (IOP) FAQ",
        ),
        (policy_title, "state-iop_rules.txt", "State iop rules"),
    ],
)
def test_pack_and_policy_titles(function: object, argument: str, expected: str) -> None:
    assert callable(function) and function(argument) == expected


def test_rule_titles_come_from_the_pack() -> None:
    assert rule_title("medicare-iop", WEEKLY) == (
        "At least 9 hours of counted services in every complete program week"
    )
    assert rule_title("no-such-pack", "x.weekly-hours") == "Weekly hours"


# --------------------------------------------------------------------------- who, worklist


@pytest.mark.parametrize(
    ("signed_in", "expected"),
    [
        ("  rn.rivera ", "rn.rivera"),
        ("Dr  Chen", "Dr Chen"),
        ("", None),
        ("  ", None),
        (None, None),
    ],
)
def test_the_reviewer_is_the_signed_in_user(signed_in: str | None, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(ActionError, match=r"sign in \(in the sidebar\) before acting"):
            reviewer_identity(signed_in)
    else:
        assert reviewer_identity(signed_in) == expected


def test_reviewer_names_are_bounded() -> None:
    with pytest.raises(ActionError, match="at most 120 characters"):
        reviewer_identity("x" * 121)


@pytest.mark.parametrize(
    ("user", "name"),
    [
        ({"is_logged_in": True, "name": "Dana  Lee", "email": "d@x.org", "sub": "1"}, "Dana Lee"),
        ({"is_logged_in": True, "email": "d@x.org", "sub": "1"}, "d@x.org"),
        ({"is_logged_in": True, "name": " ", "sub": "abc"}, "abc"),
        ({"is_logged_in": False, "name": "Dana Lee"}, None),
        ({}, None),
    ],
)
def test_oidc_name(user: dict[str, object], name: str | None) -> None:
    assert oidc_name(user) == name


def test_sign_in_mode() -> None:
    assert (sign_in_mode(True), sign_in_mode(False)) == ("oidc", "local")


def test_local_sign_in_with_the_users_file(tmp_path: Path) -> None:
    users = tmp_path / "users.json"
    assert not has_local_accounts(users)
    add_user("rn.rivera", "correct horse battery", path=users)
    assert has_local_accounts(users)
    assert local_sign_in(" rn.rivera ", "correct horse battery", path=users) == "rn.rivera"
    for name, password in (("rn.rivera", "wrong password!"), ("nobody", "correct horse battery")):
        with pytest.raises(ActionError, match=r"^unknown user or wrong password$"):
            local_sign_in(name, password, path=users)
    with pytest.raises(ActionError, match="enter your user name and password"):
        local_sign_in("rn.rivera", "", path=users)


def test_worklist_lines_in_plain_words_filtered_by_member(store: CaseStore) -> None:
    for chart in ("medicare-iop-gaps", "medicare-iop-complete"):
        review_into_case(store, files_of(chart), pack="medicare-iop", extractor="deterministic")
    rows = store.worklist(sort="member")
    lines = worklist_lines(rows)
    # by surname: Ostrowski before Whitcomb
    assert [(x.member, x.born, x.pack, x.status, x.overall) for x in lines] == [
        ("Raymond T. Ostrowski", "11/02/1951", "Medicare IOP", "New", "Not met"),
        ("Dolores A. Whitcomb", "07/19/1956", "Medicare IOP", "New", "Met"),
    ]
    assert [x.member for x in worklist_lines(rows, member="  raymond  t. ")] == [
        "Raymond T. Ostrowski"
    ]
    assert worklist_lines(rows, member="nobody") == []
    assert lines[0].as_row()[COUNTS_COLUMN] == "5 / 0 / 10 / 0"
    assert lines[1].as_row()[COUNTS_COLUMN] == "0 / 0 / 12 / 3"
    assert lines[1].choice.startswith("Dolores A. Whitcomb · Medicare IOP · New · ")
    assert [x.as_row()["Outcome"] for x in lines] == ["—", "—"]
