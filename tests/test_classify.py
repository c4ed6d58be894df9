"""Tests of ingest.classify: the shipped patterns, their precedence, and strict loading."""

from __future__ import annotations

import pytest

from core.data import DocumentKind
from ingest.classify import (
    NO_MATCH,
    ClassifierConfigError,
    classify,
    default_config,
    header_lines,
    parse_config,
)

K = DocumentKind


@pytest.mark.parametrize(
    ("title", "kind", "pattern"),
    [
        (
            "Physician Certification for Intensive Outpatient Services",
            K.CERTIFICATION,
            "certification",
        ),
        ("Certification of Need for IOP", K.CERTIFICATION, "certification"),
        ("Recertification", K.RECERTIFICATION, "recertification"),
        ("Physician Recertification", K.RECERTIFICATION, "recertification"),
        ("IOP Re-Certification", K.RECERTIFICATION, "recertification"),
        ("Individualized Treatment Plan", K.TREATMENT_PLAN, "treatment-plan"),
        ("Plan of Care", K.TREATMENT_PLAN, "treatment-plan"),
        ("Master Treatment Plan", K.TREATMENT_PLAN, "treatment-plan"),
        ("Treatment Plan Review", K.TREATMENT_PLAN, "treatment-plan"),
        ("Progress Note", K.PROGRESS_NOTE, "progress-note"),
        ("Group Therapy Note", K.PROGRESS_NOTE, "progress-note"),
        ("Individual Therapy Note", K.PROGRESS_NOTE, "progress-note"),
        ("Session Note", K.PROGRESS_NOTE, "progress-note"),
        ("Family Session Note", K.PROGRESS_NOTE, "progress-note"),
        ("IOP Group Therapy Progress Note", K.PROGRESS_NOTE, "progress-note"),
        ("INDIVIDUAL PSYCHOTHERAPY - SOAP NOTE", K.PROGRESS_NOTE, "progress-note"),
        ("DAP Note - IOP Group", K.PROGRESS_NOTE, "progress-note"),
        ("BIRP notes", K.PROGRESS_NOTE, "progress-note"),
        ("Risk Assessment", K.RISK_ASSESSMENT, "risk-assessment"),
        ("Suicide Risk Assessment", K.RISK_ASSESSMENT, "risk-assessment"),
        ("C-SSRS Screen Version", K.RISK_ASSESSMENT, "risk-assessment"),
        ("Safety Assessment", K.RISK_ASSESSMENT, "risk-assessment"),
        ("Urgent Risk Reassessment", K.RISK_ASSESSMENT, "risk-assessment"),
        ("Safety Re-assessment", K.RISK_ASSESSMENT, "risk-assessment"),
        ("Physical Examination", K.PHYSICAL_EXAM, "physical-exam"),
        ("History and Physical", K.PHYSICAL_EXAM, "physical-exam"),
        ("H&P", K.PHYSICAL_EXAM, "physical-exam"),
        ("Attendance", K.ATTENDANCE, "attendance"),
        ("Absence Note", K.ATTENDANCE, "attendance"),
        ("Service Log", K.ATTENDANCE, "attendance"),
        ("Attendance Log - March 2024", K.ATTENDANCE, "attendance"),
        ("Discharge Summary", K.DISCHARGE_SUMMARY, "discharge-summary"),
        ("Authorization", K.AUTHORIZATION, "authorization"),
        ("Prior Authorization Request", K.AUTHORIZATION, "authorization"),
        ("Continued Stay Request", K.AUTHORIZATION, "authorization"),
        ("Pre-certification Request", K.AUTHORIZATION, "authorization"),
        ("Intake", K.INTAKE_EVALUATION, "intake-evaluation"),
        ("IOP Intake Assessment", K.INTAKE_EVALUATION, "intake-evaluation"),
        ("Psychiatric Evaluation", K.INTAKE_EVALUATION, "intake-evaluation"),
        ("Biopsychosocial Assessment", K.INTAKE_EVALUATION, "intake-evaluation"),
        ("Comprehensive Assessment", K.INTAKE_EVALUATION, "intake-evaluation"),
        ("Initial Evaluation", K.INTAKE_EVALUATION, "intake-evaluation"),
        ("IOP Track Admission Assessment", K.INTAKE_EVALUATION, "intake-evaluation"),
        ("Nursing Admission Evaluation", K.INTAKE_EVALUATION, "intake-evaluation"),
        ("Authorization for Release of Information", K.OTHER, "release-of-information"),
        ("Consent for Treatment", K.OTHER, NO_MATCH),
        # a record of the program's services by the program's name
        ("IOP Track Nursing Flowsheet", K.ATTENDANCE, "attendance"),
        ("Client Activity Ledger -- IOP Track", K.ATTENDANCE, "attendance"),
        ("Intensive Outpatient Service Register", K.ATTENDANCE, "attendance"),
        ("Nursing Flowsheet", K.OTHER, NO_MATCH),
        # a flowsheet of rating scales is no record of services, whichever program prints it
        ("IOP - Rating Scale Flowsheet", K.OTHER, "measurement-flowsheet"),
        ("Outcome Measures Flowsheet - Intensive Outpatient", K.OTHER, "measurement-flowsheet"),
        # a physician's statement of the member's need for the program
        (
            "Physician Statement of Medical Necessity - IOP Admission",
            K.CERTIFICATION,
            "certification",
        ),
        ("Certificate of Medical Necessity", K.CERTIFICATION, "certification"),
        ("Weekly Progress Summary - Program Week 2", K.PROGRESS_NOTE, "progress-note"),
        ("IOP 30-Day Progress Review", K.PROGRESS_NOTE, "progress-note"),
        ("Practitioner's Attestation of Medical Necessity", K.CERTIFICATION, "certification"),
        ("Addendum to Recovery Plan of 11/06/2025", K.TREATMENT_PLAN, "treatment-plan"),
        ("Person-Centered Service Plan", K.TREATMENT_PLAN, "treatment-plan"),
        ("Notice of Adverse Benefit Determination", K.AUTHORIZATION, "authorization"),
        ("APPROVAL OF SERVICES", K.AUTHORIZATION, "authorization"),
        ("Peer-to-Peer Review Note", K.AUTHORIZATION, "authorization"),
        ("Multidimensional Assessment (ASAM Criteria)", K.INTAKE_EVALUATION, "intake-evaluation"),
    ],
)
def test_title_decides_kind(title: str, kind: DocumentKind, pattern: str) -> None:
    expected = pattern if pattern == NO_MATCH else f"title:{pattern}"
    assert classify(f"Sunrise Behavioral Health\n{title}\nPatient: A. Doe", "doc.pdf") == (
        kind,
        expected,
    )
    assert classify(title.upper(), "doc.pdf") == (kind, expected)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # The title line wins over words further down the header.
        ("Group Therapy Note\nTreatment plan goals addressed: 1, 2", K.PROGRESS_NOTE),
        ("Progress Note\nRisk assessment: denies SI\nDischarge summary pending", K.PROGRESS_NOTE),
        ("Individualized Treatment Plan\nPhysician certification: signed", K.TREATMENT_PLAN),
        # On one line, the earlier pattern wins.
        ("Physician Recertification (Certification of continued need)", K.RECERTIFICATION),
        # Header field labels are not titles.
        ("Sunrise IOP\nAuthorization #: A-123\nProgress Note", K.PROGRESS_NOTE),
        ("Intake date: 03/01/2024\nAttendance Log", K.ATTENDANCE),
        ("Authorization Number: 77\nDischarge Summary", K.DISCHARGE_SUMMARY),
        # Whitespace inside a title line is collapsed.
        ("  Discharge \t  Summary  ", K.DISCHARGE_SUMMARY),
        # A sentence is no title ("... plan of care problems 1-3."); plurals are titles.
        (
            "IOP TRACK - SHORTHAND SESSION NOTES - DECEMBER 2025\n"
            "Goal numbers (G1-G3) = plan of care problems 1-3.",
            K.PROGRESS_NOTE,
        ),
        ("Harbor IOP - PROGRESS NOTES\nClient: Grace", K.PROGRESS_NOTE),
        ("Intake notes\nGoal numbers (G1-G3) = plan of care problems 1-3.", K.INTAKE_EVALUATION),
        # "non-attendance" is a reason, not an attendance log
        ("SUNFIELD OTP IOP\nDISCHARGE NOTE\nReason: non-attendance", K.DISCHARGE_SUMMARY),
        ("Member: J. Trask\nDischarged 07/21/2025  Reason: non-attendance", K.OTHER),
        # the title, not a field label below it ("Attendance: 3 of 3 groups")
        ("WEEKLY PROGRESS SUMMARY - PROGRAM WEEK 2\nAttendance: 3 of 3 groups", K.PROGRESS_NOTE),
        # a payer's determination of medical necessity is no physician's certification
        ("Medical Necessity Review - Determination", K.OTHER),
    ],
)
def test_title_precedence(text: str, kind: DocumentKind) -> None:
    assert classify(text, "x.pdf")[0] is kind


@pytest.mark.parametrize(
    ("filename", "kind", "pattern"),
    [
        ("notes/IOP_recert_2024-04-30.pdf", K.RECERTIFICATION, "recertification"),
        ("physician-cert.pdf", K.CERTIFICATION, "certification"),
        ("TxPlan.pdf", K.TREATMENT_PLAN, "treatment-plan"),
        ("group_note_2024-03-05.pdf", K.PROGRESS_NOTE, "progress-note"),
        ("Progress-Notes.PDF", K.PROGRESS_NOTE, "progress-note"),
        ("C-SSRS.pdf", K.RISK_ASSESSMENT, "risk-assessment"),
        ("H&P.pdf", K.PHYSICAL_EXAM, "physical-exam"),
        ("attendance.march.txt", K.ATTENDANCE, "attendance"),
        ("DC_summary.pdf", K.DISCHARGE_SUMMARY, "discharge-summary"),
        ("prior_auth.pdf", K.AUTHORIZATION, "authorization"),
        ("psych_eval.pdf", K.INTAKE_EVALUATION, "intake-evaluation"),
        ("ROI.pdf", K.OTHER, "release-of-information"),
    ],
)
def test_file_name_decides_when_no_title_matches(
    filename: str, kind: DocumentKind, pattern: str
) -> None:
    assert classify("", filename) == (kind, f"filename:{pattern}")
    assert classify("Sunrise Behavioral Health\nPatient: A. Doe", filename) == (
        kind,
        f"filename:{pattern}",
    )


def test_title_wins_over_file_name() -> None:
    assert classify("Discharge Summary", "progress_note.pdf") == (
        K.DISCHARGE_SUMMARY,
        "title:discharge-summary",
    )


def test_nothing_matches() -> None:
    assert classify("", "scan0001.pdf") == (K.OTHER, NO_MATCH)
    assert classify("Lab results\nSodium 140", "labs.pdf") == (K.OTHER, NO_MATCH)


def test_only_the_first_header_lines_are_read() -> None:
    limit = default_config().header_lines
    filler = "\n\n".join(f"line {i}" for i in range(limit))
    assert classify(f"{filler}\nDischarge Summary", "x.pdf") == (K.OTHER, NO_MATCH)
    assert classify(f"{filler[: filler.rindex('line')]}Discharge Summary", "x.pdf")[0] is (
        K.DISCHARGE_SUMMARY
    )


def test_header_lines_skip_blank_lines_and_collapse_whitespace() -> None:
    assert header_lines("\n  A   b \n\n\t\nC\nD\n", 2) == ["A b", "C"]


def test_every_kind_has_a_pattern() -> None:
    kinds = {p.kind for p in default_config().patterns}
    assert kinds == set(DocumentKind)


VALID = """
header_lines: 3
patterns:
  - id: plan
    kind: treatment_plan
    title: ['\\bplan\\b']
"""


def test_custom_config() -> None:
    config = parse_config(VALID, "custom.yaml")
    assert classify("a\nb\nPlan", "x.pdf", config=config) == (K.TREATMENT_PLAN, "title:plan")
    assert classify("a\nb\nc\nPlan", "x.pdf", config=config) == (K.OTHER, NO_MATCH)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            VALID + "extra: 1\n",
            r"^custom\.yaml: invalid classifier patterns: extra: Extra inputs are not permitted$",
        ),
        (
            VALID + "    filenames: ['x']\n",
            r"patterns\.0\.filenames: Extra inputs are not permitted",
        ),
        (
            VALID.replace("treatment_plan", "treatmentplan"),
            r"patterns\.0\.kind: Input should be 'certification', .* or 'other'$",
        ),
        (VALID.replace("\\bplan\\b", "(unclosed"), r"patterns\.0\.title: .*invalid regex"),
        (VALID.replace("title: ['\\bplan\\b']", "filename: []"), r"at least one 'title'"),
        (VALID + VALID[VALID.index("  - id") :], r"pattern ids must be unique; repeated: plan"),
        (VALID + "header_lines: 4\n", r"not valid YAML: .*duplicate key 'header_lines'"),
        (
            VALID.replace("['\\bplan\\b']", "[1]"),
            r"title: Value error, a regex must be a string, got int$",
        ),
        (
            VALID.replace("['\\bplan\\b']", "plan"),
            r"patterns\.0\.title: Input should be a valid tuple$",
        ),
        ("patterns: [", r"not valid YAML"),
        (
            "header_lines: 3\npatterns: []\n",
            r"patterns: Value error, at least one pattern is needed$",
        ),
        ("- 1\n", r"\(top level\): Input should be a valid dictionary"),
        (VALID.replace("header_lines: 3", "header_lines: 0"), r"header_lines: Input should be"),
        (VALID.replace("id: plan", "id: Plan Kind"), r"patterns\.0\.id: String should match"),
    ],
)
def test_invalid_config_is_rejected_with_reason(text: str, message: str) -> None:
    with pytest.raises(ClassifierConfigError, match=message):
        parse_config(text, "custom.yaml")


def test_an_item_of_a_list_of_contents_is_not_a_title() -> None:
    cover = (
        "HEALTH INFORMATION MANAGEMENT\nRESPONSE TO RECORDS REQUEST\nRecords enclosed:\n"
        "  1. Admission note\n  2. Physician certification for IOP\n  3. Treatment plan\n"
    )
    assert classify(cover, "cover.txt") == (DocumentKind.OTHER, NO_MATCH)
    # a numbered title alone is still a title
    assert classify("1. Physician Certification\nPatient: A. Doe", "doc.txt")[0] is (
        DocumentKind.CERTIFICATION
    )
