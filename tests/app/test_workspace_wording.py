"""What the case page and the worklist say, as a UR nurse reads it (issue 15, the new-user
trial): who acted, one outcome, counts that agree with the case page, columns that fit,
no developer words. Pure helpers, no UI."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from audit.record import AuditRecord, ReviewerAction, with_reviewer_outcome
from batch.choose import Choice, PayerWord
from casestore import FindingCounts, WorklistRow
from casestore.store import surname_key
from pipeline.review import review_paths
from rules.checks.base import DECIDING_GROUPS_KEY, DECIDING_KEY
from workspace.cases import nothing_to_save
from workspace.computed import computed_values, label
from workspace.header import payer_words
from workspace.plain import plain_reason, read_by, reader_choice
from workspace.view import finding_actor, finding_label, outcome_statement, summary_markdown
from workspace.worklist import COLUMNS, COUNTS_COLUMN, worklist_lines

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "medicare-iop-complete"
WEEKLY = "medicare-iop.weekly-hours"
DIAGNOSIS = "medicare-iop.diagnosis"
AT = dt.datetime(2026, 12, 6, 19, 33, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def record() -> AuditRecord:
    r = review_paths([EXAMPLE])
    assert r.overall == "met"
    return r


def acted(record: AuditRecord, *actions: tuple[str, str, str | None, str | None]) -> AuditRecord:
    """``record`` with ``(reviewer, action, rule id, new status)`` actions, as the case
    store hands it to the page."""
    made = [
        ReviewerAction.model_validate(
            {
                "at": AT,
                "reviewer": who,
                "action": kind,
                "rule_id": rule,
                "new_status": to,
                "reason": "because",
            }
        )
        for who, kind, rule, to in actions
    ]
    return with_reviewer_outcome(
        record.model_copy(update={"reviewer_actions": [*record.reviewer_actions, *made]})
    )


# --------------------------------------------------------------------------- who acted


def test_an_override_is_labelled_by_who_made_it(record: AuditRecord) -> None:
    r = acted(record, ("rn.rivera", "override", WEEKLY, "not_met"))
    f = next(f for f in r.findings if f.rule_id == WEEKLY)
    assert finding_actor(r, WEEKLY) == "rn.rivera"
    # another reviewer reads rn.rivera's override under rn.rivera's name
    theirs = finding_label(r, f, "rn.ames")
    assert theirs.title_suffix == " — rn.rivera: Not met (tool: Met)"
    assert theirs.status_line.startswith("rn.rivera's status: **Not met** (overridden)")
    assert "you" not in theirs.title_suffix.lower() + theirs.status_line.lower()
    # rn.rivera reads it as their own
    mine = finding_label(r, f, "rn.rivera")
    assert mine.title_suffix == " — you: Not met (tool: Met)"
    assert mine.status_line == (
        "Your status: **Not met** (overridden) · Tool's recommendation: **Met**"
    )
    # signed out: every action by name
    assert finding_label(r, f, None).title_suffix == " — rn.rivera: Not met (tool: Met)"
    # a later accept by someone else: the tool's status again, accepted by them
    again = acted(r, ("dr.boyd", "accept", WEEKLY, None))
    label_ = finding_label(again, f, "rn.rivera")
    assert label_.title_suffix == " — accepted by dr.boyd"
    assert label_.status_line == "Tool's recommendation: **Met** · accepted by dr.boyd"
    untouched = next(x for x in record.findings if x.rule_id == DIAGNOSIS)
    assert finding_label(r, untouched, "rn.rivera").title_suffix == ""


def test_a_reviewer_name_is_shown_as_written_not_as_markdown(record: AuditRecord) -> None:
    r = acted(record, ("Jane *Doe*", "override", WEEKLY, "not_met"))
    f = next(f for f in r.findings if f.rule_id == WEEKLY)
    assert finding_label(r, f, "rn.ames").title_suffix.startswith(" — Jane \\*Doe\\*: ")


# --------------------------------------------------------------------------- one outcome


def test_a_recorded_decision_is_the_headline_with_the_findings_beside_it(
    record: AuditRecord,
) -> None:
    r = acted(record, ("rn.rivera", "override", WEEKLY, "not_met"))
    said = outcome_statement(r, "rn.rivera")
    assert (said.headline, said.status, said.decided) == ("Outcome: Not met", "not_met", False)
    assert said.beside == "The tool recommended Met; you changed 1 finding."
    assert outcome_statement(r, "rn.ames").beside == (
        "The tool recommended Met; rn.rivera changed 1 finding."
    )
    decided = acted(r, ("rn.rivera", "decision", None, "insufficient_evidence"))
    said = outcome_statement(decided, "rn.rivera")
    assert said.headline == "Decision: Insufficient evidence"
    assert said.status == "insufficient_evidence" and said.decided
    assert said.beside == (
        "The findings as reviewed give Not met (you changed 1 finding); the tool recommended Met."
    )
    assert (said.decision_reason, said.decided_by) == ("because", "you")
    # the Markdown summary states the same outcome, naming the reviewers
    md = summary_markdown(decided)
    assert "- Decision: **Insufficient evidence** (recorded by rn.rivera): because\n" in md
    assert (
        "- The findings as reviewed give Not met (rn.rivera changed 1 finding); the tool "
        "recommended Met.\n" in md
    )
    assert "Outcome: **Not met**" not in md
    # a decision without changes, agreeing or not with the tool
    plain = acted(record, ("md.kim", "decision", None, "met"))
    assert outcome_statement(plain).beside == "The findings give Met, as the tool recommended."
    other = acted(record, ("md.kim", "decision", None, "not_met"))
    assert outcome_statement(other, "md.kim").headline == "Decision: Not met"
    # a decision in words only states no outcome: the findings' stays the headline
    words = acted(record, ("md.kim", "decision", None, None))
    assert outcome_statement(words).headline == "Outcome: Met"


def test_changes_by_several_reviewers_name_them_all(record: AuditRecord) -> None:
    r = acted(
        record,
        ("rn.rivera", "override", WEEKLY, "not_met"),
        ("dr.boyd", "override", DIAGNOSIS, "insufficient_evidence"),
    )
    assert outcome_statement(r, "rn.rivera").changes == "dr.boyd and you changed 2 findings"
    assert outcome_statement(r).changes == "dr.boyd and rn.rivera changed 2 findings"


# --------------------------------------------------------------------------- plain words


def test_computed_values_read_as_words_not_json(record: AuditRecord) -> None:
    f = next(x for x in record.findings if x.rule_id == WEEKLY)
    values = {**f.values, DECIDING_KEY: 14, DECIDING_GROUPS_KEY: [2, 2]}
    shown = computed_values(values)
    labels = [v.label for v in shown]
    assert "Deciding evidence" not in labels and "Deciding groups" not in labels
    assert not [x for x in labels if "_" in x]
    by_label = {v.label: v for v in shown}
    assert by_label["Minimum hours per complete week"].text == "9"
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", by_label["Admission date"].text)
    weeks = by_label["Program weeks"].rows
    # numbered as the checklist numbers them (from 1), in words, dates as MM/DD/YYYY
    assert [w["Week"] for w in weeks] == [str(n) for n in range(1, len(weeks) + 1)]
    assert list(weeks[0])[:5] == ["Week", "Dates", "Complete", "Hours", "Services"]
    assert weeks[0]["Complete"] in ("yes", "no") and weeks[0]["Status"] in ("Met", "Not met")
    # one column for a week's dates, the year once when both days share it
    assert re.fullmatch(r"\d\d/\d\d – \d\d/\d\d/\d{4}", weeks[0]["Dates"])
    for v in shown:
        assert "{" not in v.text and "_" not in v.text, v


def test_computed_value_formats() -> None:
    shown = computed_values(
        {
            "share": 0.0076,
            "max_share": 0.5,
            "impaired_domains": ["family", "self_care", "family"],
            "stable_at_admission": [],
            "imminent": False,
            "signers": [{"name": "Maria Chen", "credentials": ["MD"]}],
            "schedule": [["Tuesday", "Wednesday"]],
            "intervals": [{"from": "2025-01-06", "to": "2025-03-10", "days": 63}],
        }
    )
    said = {v.label: (v.text, v.rows) for v in shown}
    assert said["Share of hours not active treatment"][0] == "0.8%"
    assert said["Largest share allowed"][0] == "50%"
    assert said["Impaired domains"][0] == "family, self care"
    assert said["Stable at admission"][0] == "none"
    assert said["Imminent"][0] == "no"
    assert said["Signers"][1] == ({"Name": "Maria Chen", "Credentials": "MD"},)
    assert said["Schedule"][0] == "Tuesday, Wednesday"
    assert said["Intervals"][1] == ({"From": "01/06/2025", "To": "03/10/2025", "Days": "63"},)
    assert label("min_service_days_per_week") == "Minimum service days per week"


def test_unreadable_file_reasons_and_readers_in_plain_words() -> None:
    reason = (
        "the PDF could not be read (PdfStreamError): the file is damaged, truncated or not "
        "really a PDF; export it again"
    )
    assert plain_reason(reason) == (
        "the PDF could not be read: the file is damaged, truncated or not really a PDF; "
        "export it again"
    )
    assert plain_reason("page 3 could not be read (pypdf.errors.PdfReadError): x") == (
        "page 3 could not be read: x"
    )
    # an operating system's words stay: they say what is wrong
    kept = "could not be read (Permission denied): check that you may read it"
    assert plain_reason(kept) == kept
    assert read_by("deterministic") == "the offline reader"
    assert read_by("llm", "gpt-4o-mini") == "an AI model (gpt-4o-mini)"
    assert read_by("hybrid", "qwen") == "the offline reader and an AI model (qwen)"
    assert [reader_choice(k) for k in ("deterministic", "llm", "hybrid")] == [
        "Offline reader",
        "AI model",
        "Offline reader and AI model",
    ]


def test_the_pack_warning_says_why_in_plain_words() -> None:
    choice = Choice(
        "optum-idaho-iop",
        "(the batch's reason)",
        (
            PayerWord("Optum Idaho", "idaho", 2),
            PayerWord("Medicaid", None, 1, "without_idaho"),
            PayerWord("Medicare", None, 3, "unchecked"),
        ),
        32,
    )
    said = payer_words(choice, "medicare-iop")
    assert said == (
        "it names Idaho Medicaid as the payer (“Optum Idaho” in 2 of its 32 documents) and "
        "never names Medicare. “Medicaid” appears in 1 document without “Idaho” on the same "
        "line: it could be another state's Medicaid, so it was not taken as Idaho Medicaid. "
        "“Medicare” is beside a box that is not checked in 3 documents, so it was not taken "
        "as the payer there."
    )
    assert "not counted" not in said


def test_an_empty_note_is_nothing_to_save_not_a_failure() -> None:
    assert nothing_to_save("note", "  ") == "Nothing to save: type a note first."
    assert nothing_to_save("note", "called the program") is None
    assert nothing_to_save("decision", "", None) == (
        "Nothing to save: type the decision or choose its outcome first."
    )
    assert nothing_to_save("decision", "", "met") is None
    assert nothing_to_save("override", "", "met") is None  # its own message: needs a reason
    assert nothing_to_save("accept", "") is None


# --------------------------------------------------------------------------- worklist


def row(
    name: str, *, reviewed: FindingCounts | None = None, outcome: str | None = None
) -> WorklistRow:
    return WorklistRow(
        case_id=name,
        member=name,
        member_dob=None,
        pack_id="medicare-iop",
        status="in_review" if reviewed or outcome else "new",
        overall="met",
        reviewer_overall=outcome,
        counts=FindingCounts(met=12, not_met=0, insufficient_evidence=0, not_applicable=3),
        reviewer_counts=reviewed,
        actions=2 if reviewed else 0,
        last_reviewer="rn.rivera" if reviewed else None,
        last_change=AT,
        version=1,
        record_sha256="0" * 64,
    )


def test_worklist_counts_are_the_case_pages() -> None:
    reviewed = FindingCounts(met=11, not_met=1, insufficient_evidence=0, not_applicable=3)
    done, new = worklist_lines(
        [row("Dolores A. Whitcomb", reviewed=reviewed, outcome="insufficient_evidence"),
         row("Raymond T. Ostrowski")]
    )  # fmt: skip
    assert done.as_row()[COUNTS_COLUMN] == "1 / 0 / 11 / 3" and done.counts_reviewed
    assert done.as_row()["Outcome"] == "Insufficient" and done.as_row()["Tool"] == "Met"
    assert new.as_row()[COUNTS_COLUMN] == "0 / 0 / 12 / 3" and not new.counts_reviewed
    assert new.as_row()["Outcome"] == "—"
    assert done.as_row()["Changed (UTC)"] == AT
    assert "reviewer: Insufficient" in done.choice


def test_worklist_columns_fit_beside_the_sidebar_at_1440_px() -> None:
    # 1440 px less the 22rem sidebar and the main area's padding (928 px, measured in
    # Chromium), less the row-select column; the browser test checks it in Chromium too
    available = 1440 - 352 - 2 * 80 - 36
    assert sum(c.width for c in COLUMNS) <= available
    assert [c.name for c in COLUMNS] == list(worklist_lines([row("A B")])[0].as_row())
    assert all(c.help for c in COLUMNS)
    assert max(len(c.name) for c in COLUMNS) <= len(COUNTS_COLUMN) <= 23


def test_members_sort_by_surname() -> None:
    names = [
        "Raymond T. Ostrowski",
        "Dolores A. Whitcomb",
        "Kaden M. Verhoeven",
        "Ana Ostrowski",
        "Chart reviewed 2026-12-06 19:33 UTC",
        "Lee Adams Jr.",
        "Zed, Amy",
    ]
    assert sorted(names, key=surname_key) == [
        "Lee Adams Jr.",
        "Ana Ostrowski",
        "Raymond T. Ostrowski",
        "Kaden M. Verhoeven",
        "Dolores A. Whitcomb",
        "Zed, Amy",
        "Chart reviewed 2026-12-06 19:33 UTC",
    ]
