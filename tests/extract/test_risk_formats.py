"""More formats of risk assessments (extract/deterministic/risk.py): logs of several dated
assessments, run-in and parenthesised risk headings inside an intake, and conclusions about
danger to self or others. Physical-exam lines that only plan an exam
(extract/deterministic/assessments.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind, Evidence
from core.facts import DangerFinding, DangerKind, PhysicalExam, RiskAssessment
from extract.deterministic.assessments import extract_assessments
from extract.deterministic.common import DocInput
from extract.deterministic.risk import extract_risk
from tests.chartdocs import chart_doc

DATE = dt.date(2025, 10, 27)


def make_doc(text: str, kind: DocumentKind) -> DocInput:
    return chart_doc(text, kind=kind, date=DATE)


def at(text: str, quote: str, nth: int = 0) -> tuple[int, int, str]:
    """Offsets of the ``nth`` occurrence of ``quote`` in ``text``, and the quote."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return start, start + len(quote), quote


def spans(evidence: tuple[Evidence, ...]) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.quote) for e in evidence]


def assessments(doc: DocInput) -> list[RiskAssessment]:
    return [f for f in extract_risk(doc) if isinstance(f, RiskAssessment)]


def summary(ra: RiskAssessment) -> tuple[dt.date | None, str | None, str | None, str | None]:
    assessor = ra.assessor
    return (
        ra.date,
        assessor.name if assessor else None,
        assessor.credential if assessor else None,
        ra.instrument,
    )


# --------------------------------------------------------------------------- logs

FIELD_LOG = (
    "WEEKLY C-SSRS SCREENING LOG\n"
    "Member: Jordan Reyes\n"
    "\n"
    "Date: 10/06/2025\n"
    "Assessor: Maria Lopez, LCSW\n"
    "C-SSRS screen: negative. Denies SI/HI. Risk level: low.\n"
    "\n"
    "Date: 10/13/2025\n"
    "Assessor: Maria Lopez, LCSW\n"
    "C-SSRS screen: negative. Risk level: low.\n"
    "\n"
    "Date: 10/20/2025\n"
    "Assessor: Tom Baker, LPC\n"
    "C-SSRS screen: negative. No imminent danger to self or others.\n"
    "\n"
    "Date: 10/27/2025\n"
    "Assessor: Maria Lopez, LCSW\n"
    "C-SSRS screen: negative. Does not need 24-hour supervision.\n"
)

LINE_LOG = (
    "Risk Assessments\n"
    "\n"
    "10/06/2025 - C-SSRS (Maria Lopez, LCSW): screen negative; low risk.\n"
    "10/13/2025 - C-SSRS (Maria Lopez, LCSW): screen negative; low risk.\n"
    "10/20/2025 - C-SSRS (Tom Baker, LPC): screen negative; low risk.\n"
)

TABLE_LOG = (
    "| Date | Clinician | Instrument | Result |\n"
    "|---|---|---|---|\n"
    "| 10/06/2025 | Maria Lopez, LCSW | C-SSRS | Negative; low risk |\n"
    "| 10/13/2025 | Tom Baker, LPC | C-SSRS | Negative; low risk |\n"
)


DATE_CELL_LOG = (
    "| Instrument | Date | Clinician | Result |\n"
    "|---|---|---|---|\n"
    "| C-SSRS | 10/06/2025 | Maria Lopez, LCSW | Negative, low risk |\n"
    "| C-SSRS | 10/13/2025 | Tom Baker, LPC | Negative, low risk |\n"
)

WEEK_LOG = (
    "Weekly risk screening\n"
    "Week 1 (10/06/2025): C-SSRS negative; low risk. Maria Lopez, LCSW\n"
    "Week 2 (10/13/2025): C-SSRS negative; low risk. Tom Baker, LPC\n"
)

WRAPPED_LOG = (
    "Week of 10/06/2025 - C-SSRS negative, low risk (Maria Lopez, LCSW)\n"
    "Week of 10/13/2025 - C-SSRS negative, low risk (Tom Baker, LPC)\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *(
            (
                log,
                [
                    (dt.date(2025, 10, 6), "Maria Lopez", "LCSW", "C-SSRS"),
                    (dt.date(2025, 10, 13), "Tom Baker", "LPC", "C-SSRS"),
                ],
            )
            for log in (DATE_CELL_LOG, WEEK_LOG, WRAPPED_LOG)
        ),
        (
            FIELD_LOG,
            [
                (dt.date(2025, 10, 6), "Maria Lopez", "LCSW", "C-SSRS"),
                (dt.date(2025, 10, 13), "Maria Lopez", "LCSW", "C-SSRS"),
                (dt.date(2025, 10, 20), "Tom Baker", "LPC", "C-SSRS"),
                (dt.date(2025, 10, 27), "Maria Lopez", "LCSW", "C-SSRS"),
            ],
        ),
        (
            LINE_LOG,
            [
                (dt.date(2025, 10, 6), "Maria Lopez", "LCSW", "C-SSRS"),
                (dt.date(2025, 10, 13), "Maria Lopez", "LCSW", "C-SSRS"),
                (dt.date(2025, 10, 20), "Tom Baker", "LPC", "C-SSRS"),
            ],
        ),
        (
            TABLE_LOG,
            [
                (dt.date(2025, 10, 6), "Maria Lopez", "LCSW", "C-SSRS"),
                (dt.date(2025, 10, 13), "Tom Baker", "LPC", "C-SSRS"),
            ],
        ),
    ],
)
def test_each_dated_entry_of_a_log_is_an_assessment(
    text: str, expected: list[tuple[dt.date, str, str, str]]
) -> None:
    found = assessments(make_doc(text, DocumentKind.RISK_ASSESSMENT))
    assert [summary(ra) for ra in found] == expected


def test_each_log_entry_has_its_own_conclusions_and_evidence() -> None:
    first, second, third, fourth = assessments(make_doc(FIELD_LOG, DocumentKind.RISK_ASSESSMENT))
    # RULES.md "Risk assessment": a low risk level, "no imminent danger" and "does not need
    # 24-hour supervision" each conclude no imminent danger
    assert [(ra.imminent_danger, ra.needs_24h_supervision) for ra in (first, third, fourth)] == [
        (False, None),
        (False, None),
        (False, False),
    ]
    assert spans(second.evidence) == [
        at(FIELD_LOG, "C-SSRS", 2),
        at(FIELD_LOG, "C-SSRS screen: negative.", 1),
        at(FIELD_LOG, "Risk level: low.", 1),
    ]
    assert second.assessor is not None
    assert spans(second.assessor.evidence) == [at(FIELD_LOG, "Maria Lopez, LCSW", 1)]
    assert second.assessor.source == "deterministic:risk.assessor.field"


def test_a_soft_wrapped_conclusion_is_quoted_within_its_entry() -> None:
    first, second = assessments(make_doc(WRAPPED_LOG, DocumentKind.RISK_ASSESSMENT))
    line_one, line_two = WRAPPED_LOG.splitlines()
    assert spans(first.evidence) == [at(WRAPPED_LOG, "C-SSRS"), at(WRAPPED_LOG, line_one)]
    assert spans(second.evidence) == [at(WRAPPED_LOG, "C-SSRS", 1), at(WRAPPED_LOG, line_two)]


def test_entry_assessor_on_the_entry_line() -> None:
    _, _, third = assessments(make_doc(LINE_LOG, DocumentKind.RISK_ASSESSMENT))
    assert third.assessor is not None
    assert third.assessor.source == "deterministic:risk.assessor.entry"
    assert spans(third.assessor.evidence) == [at(LINE_LOG, "Tom Baker, LPC")]


def cssrs_page(date: str, signer: str) -> str:
    return (
        "COLUMBIA-SUICIDE SEVERITY RATING SCALE\n"
        "Screen Version - Since Last Contact\n"
        f"Member: Jordan Reyes    Date of Assessment: {date}\n"
        "1. Wish to be dead: No\n"
        "2. Suicidal thoughts: No\n"
        "Risk level: Low\n"
        f"Clinician signature: {signer}\n"
    )


def test_each_page_of_a_pdf_of_assessments_is_an_assessment() -> None:
    pages = [
        cssrs_page("10/06/2025", "Maria Lopez, LCSW"),
        cssrs_page("10/13/2025", "Tom Baker, LPC"),
        cssrs_page("10/20/2025", "Maria Lopez, LCSW"),
    ]
    doc = chart_doc(*pages, kind=DocumentKind.RISK_ASSESSMENT, date=DATE)
    found = assessments(doc)
    assert [summary(ra) for ra in found] == [
        (dt.date(2025, 10, 6), "Maria Lopez", "LCSW", "C-SSRS"),
        (dt.date(2025, 10, 13), "Tom Baker", "LPC", "C-SSRS"),
        (dt.date(2025, 10, 20), "Maria Lopez", "LCSW", "C-SSRS"),
    ]
    title = "COLUMBIA-SUICIDE SEVERITY RATING SCALE"
    for n, ra in enumerate(found):  # each quotes its own page's title and conclusion
        assert [(e.page, e.start, e.end, e.quote) for e in ra.evidence] == [
            (n + 1, *at(pages[n], title)),
            (n + 1, *at(pages[n], "Risk level: Low")),
        ]


def test_a_dated_history_line_does_not_split_one_assessment() -> None:
    text = (
        "SUICIDE RISK ASSESSMENT\n"
        "Date: 10/06/2025\n"
        "Assessed by: Maria Lopez, LCSW\n"
        "History of attempts:\n"
        "03/14/2019 - overdose, hospitalized.\n"
        "\n"
        "RISK FORMULATION\n"
        "Denies current SI/HI. Risk level: low.\n"
    )
    [ra] = assessments(make_doc(text, DocumentKind.RISK_ASSESSMENT))
    assert summary(ra) == (dt.date(2025, 10, 6), "Maria Lopez", "LCSW", None)


def test_a_log_inside_a_risk_section_of_a_note_is_split() -> None:
    text = (
        "PROGRESS NOTE\n"
        "Risk Assessment:\n"
        "10/13/2025 - screened by Maria Lopez, LCSW: SI/HI denied; low risk.\n"
        "10/20/2025 - screened by Tom Baker, LPC: SI/HI denied; low risk.\n"
    )
    found = assessments(make_doc(text, DocumentKind.PROGRESS_NOTE))
    assert [summary(ra) for ra in found] == [
        (dt.date(2025, 10, 13), "Maria Lopez", "LCSW", None),
        (dt.date(2025, 10, 20), "Tom Baker", "LPC", None),
    ]


# --------------------------------------------------------------------------- assessor


@pytest.mark.parametrize(
    ("text", "kind", "quote", "pattern"),
    [
        (
            "C-SSRS administered by Maria Lopez, LCSW on 10/06/2025: screen negative; low risk.",
            DocumentKind.PROGRESS_NOTE,
            "Maria Lopez, LCSW",
            "by",
        ),
        (
            "Completed by Maria Lopez, LCSW\nC-SSRS Screen: negative. Low risk.\n",
            DocumentKind.RISK_ASSESSMENT,
            "Maria Lopez, LCSW",
            "by",
        ),
        (
            "Risk Assessment - Maria Lopez, LCSW - 10/06/2025\nDenies SI/HI. Low risk.\n",
            DocumentKind.RISK_ASSESSMENT,
            "Maria Lopez, LCSW",
            "entry",
        ),
        (
            "Risk assessment (Maria Lopez, LCSW): denies SI/HI; low risk.\n",
            DocumentKind.INTAKE_EVALUATION,
            "Maria Lopez, LCSW",
            "entry",
        ),
        (
            "Therapist: Maria Lopez, LCSW\n\nRisk Assessment: Denies SI/HI. Low risk.\n",
            DocumentKind.PROGRESS_NOTE,
            "Maria Lopez, LCSW",
            "document_field",
        ),
        (
            "SUICIDE RISK ASSESSMENT\nAssessed by: Maria Lopez\nDenies SI/HI. Risk level: low.\n"
            "\nElectronically signed by Maria Lopez, LCSW on 10/06/2025\n",
            DocumentKind.RISK_ASSESSMENT,
            "Maria Lopez, LCSW",
            "signature",
        ),
    ],
)
def test_assessor_with_credentials(text: str, kind: DocumentKind, quote: str, pattern: str) -> None:
    [ra] = assessments(make_doc(text, kind))
    assert ra.assessor is not None
    assert (ra.assessor.name, ra.assessor.credentials) == ("Maria Lopez", ("LCSW",))
    assert ra.assessor.source == f"deterministic:risk.assessor.{pattern}"
    assert spans(ra.assessor.evidence) == [at(text, quote)]


def test_an_uncredentialed_assessor_does_not_borrow_another_persons_credentials() -> None:
    text = (
        "SUICIDE RISK ASSESSMENT\nAssessed by: Maria Lopez\nDenies SI/HI. Risk level: low.\n"
        "\nElectronically signed by Tom Baker, LPC on 10/06/2025\n"
    )
    [ra] = assessments(make_doc(text, DocumentKind.RISK_ASSESSMENT))
    assert ra.assessor is not None
    assert (ra.assessor.name, ra.assessor.credentials) == ("Maria Lopez", ())
    assert ra.assessor.source == "deterministic:risk.assessor.field"


# --------------------------------------------------------------------------- sections


@pytest.mark.parametrize(
    ("text", "heading", "date", "imminent", "needs_24h", "conclusions"),
    [
        (
            "IDENTIFYING INFORMATION\nMember is a 16-year-old male.\n\n"
            "**Risk assessment.** Denies SI/HI. No current danger to self or others. "
            "Does not need 24-hour supervision.\n\n"
            "**Plan.** Admit to IOP.\n",
            "Risk assessment",
            DATE,
            False,
            False,
            ["No current danger to self or others.", "Does not need 24-hour supervision."],
        ),
        (
            "Risk assessment (C-SSRS screen, 10/06/2025): negative; no current danger to self "
            "or others.\n",
            "Risk assessment",
            dt.date(2025, 10, 6),
            False,
            None,
            ["no current danger to self or others."],
        ),
        (
            "Safety assessment: denies SI/HI, plan or intent; result: no imminent danger.\n",
            "Safety assessment",
            DATE,
            False,
            None,
            ["result: no imminent danger."],
        ),
        (
            "__Suicide Risk Assessment:__ Member is not a danger to self or others; low risk.\n",
            "Suicide Risk Assessment",
            DATE,
            False,
            None,
            ["Suicide Risk Assessment:__ Member is not a danger to self or others;", "low risk."],
        ),
        # a bold line under the heading may be a labeled conclusion, not a new heading
        (
            "### Risk assessment (C-SSRS screener)\nWish to be dead: no. Suicidal thoughts: no.\n"
            "**Conclusion: low risk; no current suicidal ideation, plan or intent.**\n",
            "Risk assessment",
            DATE,
            False,
            None,
            ["Conclusion: low risk;"],
        ),
    ],
)
def test_risk_section_of_an_intake(
    text: str,
    heading: str,
    date: dt.date,
    imminent: bool | None,
    needs_24h: bool | None,
    conclusions: list[str],
) -> None:
    [ra] = assessments(make_doc(text, DocumentKind.INTAKE_EVALUATION))
    assert ra.date == date
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (imminent, needs_24h)
    quotes = [e.quote for e in ra.evidence]
    assert quotes[0] == heading
    assert spans(ra.evidence)[0] == at(text, heading)
    assert [q for q in quotes if q in conclusions] == conclusions


@pytest.mark.parametrize(
    "text",
    [
        "Member was assessed for danger to self or others.",
        "Reviewed risk of danger to others with family.",
        "Member is not a danger to self or others.",
        "No current danger to self or others.",
    ],
)
def test_danger_to_self_or_others_is_no_finding_unless_affirmed(text: str) -> None:
    found = extract_risk(make_doc(text, DocumentKind.PROGRESS_NOTE))
    assert [f for f in found if isinstance(f, DangerFinding)] == []


def test_affirmed_danger_to_self_is_a_finding() -> None:
    text = "Member is currently a danger to self; risk level: high."
    [danger] = [
        f
        for f in extract_risk(make_doc(text, DocumentKind.PROGRESS_NOTE))
        if isinstance(f, DangerFinding)
    ]
    assert danger.kind is DangerKind.IMMINENT_DANGER
    assert spans(danger.evidence) == [at(text, "danger to self")]


# --------------------------------------------------------------------------- physical exam


@pytest.mark.parametrize(
    "text",
    [
        "Physical exam: father to schedule with PCP by 09/19/2025.",
        "Physical exam: parents to schedule with pediatrician.",
        "Physical exam: mother will schedule with PCP.",
        "Physical exam: not completed.",
        "Physical exam: not obtained",
        "Physical Exam: Not completed at intake; member to schedule with PCP.",
        "**Physical exam:** scheduled with PCP for 11/03/2025.",
        "Physical exam: needs an annual physical; referred to PCP.",
        "Physical exam: 11/14/2025",
    ],
)
def test_a_planned_physical_exam_is_not_an_exam(text: str) -> None:
    found = extract_assessments(make_doc(text, DocumentKind.INTAKE_EVALUATION))
    assert [f for f in found if isinstance(f, PhysicalExam)] == []


@pytest.mark.parametrize(
    ("text", "date", "quotes"),
    [
        (
            "Physical exam: completed 08/02/2025 by PCP.",
            dt.date(2025, 8, 2),
            ["Physical exam: completed", "08/02/2025"],
        ),
        (
            "Last physical exam: 08/02/2025, normal.",
            dt.date(2025, 8, 2),
            ["Last physical exam", "08/02/2025"],
        ),
        ("**Physical Examination:**\nHEENT normal.", DATE, ["Physical Examination"]),
        # a child's physical
        (
            "Last well-child exam: 08/14/2024 (normal).",
            dt.date(2024, 8, 14),
            ["Last well-child exam", "08/14/2024"],
        ),
    ],
)
def test_a_completed_physical_exam_still_counts(
    text: str, date: dt.date, quotes: list[str]
) -> None:
    """The exam and the words of its date are its evidence."""
    [exam] = extract_assessments(make_doc(text, DocumentKind.INTAKE_EVALUATION))
    assert isinstance(exam, PhysicalExam)
    assert exam.date == date
    assert spans(exam.evidence)[: len(quotes)] == [at(text, q) for q in quotes]


@pytest.mark.parametrize(
    "conclusion", ["Risk to self/others: low.", "Risk of harm to self or others: low"]
)
def test_risk_to_self_or_others_is_a_risk_level(conclusion: str) -> None:
    text = f"SAFETY ASSESSMENT\nDenies SI/HI.\n{conclusion}\n"
    [ra] = assessments(make_doc(text, DocumentKind.INTAKE_EVALUATION))
    assert spans(ra.evidence) == [at(text, "SAFETY ASSESSMENT"), at(text, conclusion)]
    assert (ra.imminent_danger, ra.needs_24h_supervision) == (False, None)  # a low level


@pytest.mark.parametrize(
    ("conclusion", "imminent"),
    [
        ("Risk level: minimal.", False),
        ("Overall risk: none.", False),
        ("Risk level: high.", True),
        ("Risk level: moderate.", None),
        ("Low to moderate suicide risk.", None),  # a mixed level concludes nothing
        ("Suicide risk: low. Violence risk: moderate.", None),
        ("Risk level: moderate. Does not need 24-hour supervision.", False),
        ("Risk level: low to moderate.", None),
        ("Suicide risk: low. Violence risk: high. Does not require 24-hour supervision.", None),
        ("Risk level was high last week; now low.", None),  # a past level is no conclusion
        ("Risk level: high -> low after safety planning.", None),
        ("Risk level: low. Recommend higher level of care (PHP).", True),  # a step-up
        ("Step-up to PHP recommended.", True),
        ("Low risk. A higher level of care is not indicated.", False),
        ("Does not need a higher level of care.", False),
    ],
)
def test_a_risk_level_concludes_as_rules_md_says(conclusion: str, imminent: bool | None) -> None:
    text = f"SAFETY ASSESSMENT\nDenies SI/HI.\n{conclusion}\n"
    [ra] = assessments(make_doc(text, DocumentKind.INTAKE_EVALUATION))
    assert ra.imminent_danger is imminent
