"""Findings' evidence starts with the spans that decided them (issue 15 item 4).

Weekly hours (and weekly services): the date and times of each session of the week judged, and
the words that say the member missed one (for a ``met``, the lowest week), in date order; an
interval (recertification): the two date lines; a document judged against a list of needs
(a certification, a plan): the words each need was judged on (its date, the signature,
each statement), before its title. ``values["deciding_evidence"]`` says how many spans
lead. Exact expectations on the example charts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from audit.record import AuditRecord, verify_data
from core.data import Evidence
from core.facts import Session, SlotEvidence
from core.findings import Citation, Finding, Status
from pipeline.review import Review, review_chart
from rules.checks.base import DECIDING_KEY, deciding_first, session_spans
from rules.timeline import Service
from workspace.deciding import by_session, split_evidence

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PACKS = {
    "medicare-iop-gaps": "medicare-iop",
    "medicare-iop-complete": "medicare-iop",
    "medicare-iop-insufficient": "medicare-iop",
    "medicare-otp-iop-complete": "medicare-otp-iop",
    "optum-idaho-iop-adolescent": "optum-idaho-iop",
}

Span = tuple[str, int, int, str]  # file, page, start, quote

GAPS_WEEK_6 = "05_group_services_record_2025-02.txt"
COMPLETE_LOG = "11_group_attendance_log_week_2025-03-10.txt"
OTP_LOG = "04_group_attendance_log_week_2025-04-07.txt"

EXPECTED: dict[tuple[str, str], tuple[str, int, list[Span]]] = {
    # a document judged against its needs: the words each need was judged on (its date,
    # the signature, each statement) before its title and headings
    ("medicare-iop-gaps", "medicare-iop.initial-certification"): (
        "met",
        10,
        [
            ("02_physician_certification.md", 1, 899, "01/06/2025"),
            ("02_physician_certification.md", 1, 880, "Paul Nguyen, DO on 01/06/2025"),
            (
                "02_physician_certification.md",
                1,
                670,
                "Certification:** I certify that the client requires a minimum of 9 hours of "
                "services\nper week of intensive outpatient treatment under an individualized "
                "plan of care",
            ),
            (
                "02_physician_certification.md",
                1,
                210,
                "Diagnoses:** F10.20 Alcohol use disorder, severe;",
            ),
            (
                "02_physician_certification.md",
                1,
                322,
                "Clinical need for IOP:** Relapse to daily heavy drinking after 4 years of "
                "sobriety with\nan acute worsening of depression (PHQ-9 18), a fall while "
                "intoxicated, and severe\nimpairment of family, social and self-care functioning.",
            ),
        ],
    ),
    ("medicare-iop-complete", "medicare-iop.treatment-plan"): (
        "met",
        4,
        [
            ("04_individualized_treatment_plan.md", 1, 169, "03/05/2025"),
            ("04_individualized_treatment_plan.md", 1, 2398, "Maria Chen, MD on 03/05/2025"),
            (
                "04_individualized_treatment_plan.md",
                1,
                1178,
                "## Interventions and coordination of services",
            ),
        ],
    ),
    # week 6 has 7.5 hours: its five groups, each by its date and its times, and the
    # group the member left early, marked absent (it explains the short week)
    ("medicare-iop-gaps", "medicare-iop.weekly-hours"): (
        "not_met",
        28,
        [
            (GAPS_WEEK_6, 1, 930, "02/10/2025"),
            (GAPS_WEEK_6, 1, 988, "0900-1030"),
            (GAPS_WEEK_6, 1, 1027, "02/10/2025"),
            (GAPS_WEEK_6, 1, 1085, "1045-1215"),
            (GAPS_WEEK_6, 1, 1124, "02/11/2025"),
            (GAPS_WEEK_6, 1, 1182, "0900-1030"),
            (GAPS_WEEK_6, 1, 1221, "02/11/2025"),
            (GAPS_WEEK_6, 1, 1279, "1045-1215"),
            (GAPS_WEEK_6, 1, 1335, "10:30"),
            (GAPS_WEEK_6, 1, 1310, "Absent - left program at 10:30 (dental appointment)"),
            (GAPS_WEEK_6, 1, 1362, "02/13/2025"),
            (GAPS_WEEK_6, 1, 1420, "0900-1030"),
            (GAPS_WEEK_6, 1, 1459, "02/13/2025"),
            (GAPS_WEEK_6, 1, 1517, "1045-1215"),
        ],
    ),
    # 63 days from the certification to the recertification: the two date lines
    ("medicare-iop-gaps", "medicare-iop.recertification-interval"): (
        "not_met",
        5,
        [
            ("02_physician_certification.md", 1, 899, "01/06/2025"),
            ("13_physician_recertification.txt", 1, 245, "March 10, 2025"),
        ],
    ),
    # 23 days from the certification to the discharge: the two date lines
    ("medicare-iop-complete", "medicare-iop.recertification-interval"): (
        "not_applicable",
        3,
        [
            ("02_physician_certification.pdf", 1, 1223, "3/3/2025"),
            ("19_discharge_summary.md", 1, 191, "- **Discharge date:** 03/26/2025"),
        ],
    ),
    ("medicare-iop-complete", "medicare-iop.continued-stay"): (
        "not_applicable",
        3,
        [
            ("02_physician_certification.pdf", 1, 1223, "3/3/2025"),
            ("19_discharge_summary.md", 1, 191, "- **Discharge date:** 03/26/2025"),
        ],
    ),
    # met: the lowest week (week 2, 9 hours), its seven sessions
    ("medicare-iop-complete", "medicare-iop.weekly-hours"): (
        "met",
        112,
        [
            (COMPLETE_LOG, 1, 460, "03/10/2025"),
            (COMPLETE_LOG, 1, 517, "09:00-10:30"),
            (COMPLETE_LOG, 1, 571, "03/10/2025"),
            (COMPLETE_LOG, 1, 628, "10:45-12:00"),
            ("12_2025-03-11_individual_therapy.txt", 1, 107, "2025-03-11"),
            ("12_2025-03-11_individual_therapy.txt", 1, 124, "13:00 - 13:45"),
            (COMPLETE_LOG, 1, 682, "03/12/2025"),
            (COMPLETE_LOG, 1, 739, "09:00-10:30"),
            (COMPLETE_LOG, 1, 793, "03/12/2025"),
            (COMPLETE_LOG, 1, 850, "10:45-12:00"),
            (COMPLETE_LOG, 1, 904, "03/13/2025"),
            (COMPLETE_LOG, 1, 961, "09:00-10:30"),
            (COMPLETE_LOG, 1, 1015, "03/13/2025"),
            (COMPLETE_LOG, 1, 1072, "10:45-12:00"),
        ],
    ),
    # week 2: 8 hours of known length and the 04/16 psychoeducation group of unknown
    # length (its date only: no times are written)
    ("medicare-iop-insufficient", "medicare-iop.weekly-hours"): (
        "insufficient_evidence",
        31,
        [
            ("08_2025-04-15_iop_daily_note.txt", 1, 98, "04/15/2025"),
            ("08_2025-04-15_iop_daily_note.txt", 1, 207, "1300-1430"),
            ("08_2025-04-15_iop_daily_note.txt", 1, 604, "1445-1600"),
            ("11_2025-04-16_psychoeducation_group.md", 1, 117, "04/16/2025"),
            ("09_2025-04-16_individual_therapy.txt", 1, 140, "2025-04-16"),
            ("09_2025-04-16_individual_therapy.txt", 1, 157, "10:00 - 11:00"),
            ("10_2025-04-16_group_psychotherapy.txt", 1, 118, "2025-04-16"),
            ("10_2025-04-16_group_psychotherapy.txt", 1, 135, "1:00 PM-2:30 PM"),
            ("12_2025-04-17_iop_daily_note.txt", 1, 98, "04/17/2025"),
            ("12_2025-04-17_iop_daily_note.txt", 1, 192, "1:00 PM-2:30 PM"),
            ("12_2025-04-17_iop_daily_note.txt", 1, 605, "2:45 PM-4:00 PM"),
        ],
    ),
    ("medicare-otp-iop-complete", "medicare-otp-iop.weekly-services"): (
        "met",
        119,
        [
            (OTP_LOG, 1, 561, "04/07/2025"),
            (OTP_LOG, 1, 621, "09:00-10:30"),
            (OTP_LOG, 1, 685, "04/07/2025"),
            (OTP_LOG, 1, 745, "10:45-11:45"),
            (OTP_LOG, 1, 809, "04/08/2025"),
            (OTP_LOG, 1, 869, "09:00-10:30"),
            ("05_2025-04-08_individual_note.txt", 1, 120, "2025-04-08"),
            ("05_2025-04-08_individual_note.txt", 1, 137, "13:00 - 13:50"),
            (OTP_LOG, 1, 933, "04/09/2025"),
            (OTP_LOG, 1, 993, "09:00-10:30"),
            (OTP_LOG, 1, 1057, "04/09/2025"),
            (OTP_LOG, 1, 1117, "10:45-11:45"),
            (OTP_LOG, 1, 1181, "04/10/2025"),
            (OTP_LOG, 1, 1241, "09:00-10:30"),
            ("06_2025-04-10_individual_note.txt", 1, 120, "2025-04-10"),
            ("06_2025-04-10_individual_note.txt", 1, 137, "13:00 - 13:50"),
            (OTP_LOG, 1, 1305, "04/11/2025"),
            (OTP_LOG, 1, 1365, "09:00-10:30"),
        ],
    ),
    ("optum-idaho-iop-adolescent", "optum-idaho-iop.weekly-hours"): (
        "not_met",
        33,
        [
            ("06a_2025-04-14_relapse_prevention_group.txt", 1, 100, "04/14/2025"),
            ("06a_2025-04-14_relapse_prevention_group.txt", 1, 117, "3:30 PM-4:30 PM"),
            ("06b_2025-04-14_dbt_skills_group.txt", 1, 100, "04/14/2025"),
            ("06b_2025-04-14_dbt_skills_group.txt", 1, 117, "4:30 PM-5:30 PM"),
            ("07a_2025-04-15_relapse_prevention_group.txt", 1, 100, "04/15/2025"),
            ("07a_2025-04-15_relapse_prevention_group.txt", 1, 117, "3:30 PM-4:30 PM"),
            ("07b_2025-04-15_dbt_skills_group.txt", 1, 100, "04/15/2025"),
            ("07b_2025-04-15_dbt_skills_group.txt", 1, 117, "4:30 PM-5:30 PM"),
            # the two groups of 04/17 the member did not come to
            ("08a_2025-04-17_relapse_prevention_group.txt", 1, 100, "04/17/2025"),
            ("08a_2025-04-17_relapse_prevention_group.txt", 1, 117, "3:30 PM-4:30 PM"),
            ("08a_2025-04-17_relapse_prevention_group.txt", 1, 267, "No-show"),
            ("08b_2025-04-17_dbt_skills_group.txt", 1, 100, "04/17/2025"),
            ("08b_2025-04-17_dbt_skills_group.txt", 1, 117, "4:30 PM-5:30 PM"),
            ("08b_2025-04-17_dbt_skills_group.txt", 1, 257, "No-show"),
            ("18_2025-04-18_family_session.txt", 1, 113, "04/18/2025"),
            ("18_2025-04-18_family_session.txt", 1, 136, "3:30 PM"),
            ("18_2025-04-18_family_session.txt", 1, 156, "5:00 PM"),
        ],
    ),
}


@pytest.fixture(scope="module")
def reviews() -> dict[str, Review]:
    return {c: review_chart([EXAMPLES / c], policy=p) for c, p in PACKS.items()}


@pytest.fixture(scope="module")
def records(reviews: dict[str, Review]) -> dict[str, AuditRecord]:
    return {c: r.record for c, r in reviews.items()}


@pytest.mark.parametrize(("chart", "rule"), sorted(EXPECTED), ids=lambda v: str(v))
def test_deciding_spans_lead_the_evidence(
    records: dict[str, AuditRecord], chart: str, rule: str
) -> None:
    record = records[chart]
    names = {d.document_id: d.filename for d in record.documents}
    [finding] = [f for f in record.findings if f.rule_id == rule]
    status, total, spans = EXPECTED[(chart, rule)]
    assert (finding.status.value, len(finding.evidence)) == (status, total)
    assert finding.values[DECIDING_KEY] == len(spans)
    deciding, rest = split_evidence(finding)
    assert [(names[e.document_id], e.page, e.start, e.quote) for e in deciding] == spans
    assert deciding + rest == finding.evidence
    assert not set(deciding) & set(rest)


# the rules that weigh dates and times, or judge a document against a list of needs
DECIDING_RULES = {
    "weekly-hours",
    "weekly-services",
    "recertification-interval",
    "continued-stay",
    "initial-certification",
    "certification",
    "recertification-content",
    "treatment-plan",
}


def test_only_the_rules_that_weigh_dates_or_judge_documents_mark_deciding_spans(
    records: dict[str, AuditRecord],
) -> None:
    marked = {
        (chart, f.rule_id)
        for chart, record in records.items()
        for f in record.findings
        if DECIDING_KEY in f.values
    }
    assert set(EXPECTED) <= marked
    assert {rule.split(".", 1)[1] for _, rule in marked} == DECIDING_RULES


def test_records_with_deciding_spans_verify(records: dict[str, AuditRecord]) -> None:
    for record in records.values():
        ok, message = verify_data(record.model_dump(mode="json"))
        assert ok, message


# --------------------------------------------------------------------------- helpers

DOC = "a" * 64


def ev(start: int, quote: str) -> Evidence:
    return Evidence(document_id=DOC, page=1, start=start, end=start + len(quote), quote=quote)


@pytest.mark.parametrize(
    ("deciding", "rest", "evidence", "count"),
    [
        ([ev(5, "b")], [ev(0, "a"), ev(5, "b")], [ev(5, "b"), ev(0, "a")], 1),
        ([ev(5, "b"), ev(5, "b")], [], [ev(5, "b")], 1),
        ([], [ev(0, "a")], [ev(0, "a")], 0),
    ],
)
def test_deciding_first(
    deciding: list[Evidence], rest: list[Evidence], evidence: list[Evidence], count: int
) -> None:
    values: dict[str, object] = {"other": 1}
    assert deciding_first(deciding, rest, values) == tuple(evidence)  # type: ignore[arg-type]
    assert values == {"other": 1, DECIDING_KEY: count}


def session(day: int, *, times: bool, start: int) -> Session:
    date_ev, time_ev = ev(start, f"03/{day:02d}"), ev(start + 10, "09:00-10:30")
    slots = [SlotEvidence(slot="date", evidence=(date_ev,), source="t")]
    if times:
        slots += [
            SlotEvidence(slot="start", evidence=(time_ev,), source="t"),
            SlotEvidence(slot="end", evidence=(time_ev,), source="t"),
        ]
    return Session(
        evidence=(ev(start + 30, "Group"), date_ev, *((time_ev,) if times else ())),
        source="t",
        date=dt.date(2025, 3, day),
        start=dt.time(9) if times else None,
        end=dt.time(10, 30) if times else None,
        slots=tuple(slots),
    )


def service(*records: Session) -> Service:
    first = records[0]
    return Service(
        date=first.date,
        kind=first.service_kind,
        attendance=first.attendance,
        minutes=first.minutes,
        start=first.start,
        end=first.end,
        records=records,
    )


def test_session_spans_date_then_times_in_date_order_from_the_timed_record() -> None:
    late = service(session(12, times=True, start=200))
    early = service(session(10, times=False, start=0), session(10, times=True, start=100))
    untimed = service(session(11, times=False, start=300))
    assert session_spans([late, untimed, early]) == (
        ev(100, "03/10"),
        ev(110, "09:00-10:30"),
        ev(300, "03/11"),
        ev(200, "03/12"),
        ev(210, "09:00-10:30"),
    )


def test_split_evidence_of_an_older_record_has_no_deciding_spans() -> None:
    citation = Citation(passage_id="p", source="s.md", section="s", quote="q")
    old = Finding(
        rule_id="r", status=Status.MET, reason="R.", evidence=(ev(0, "a"),), citations=(citation,)
    )
    assert split_evidence(old) == ((), (ev(0, "a"),))
    odd = old.model_copy(update={"values": {DECIDING_KEY: 9}})
    assert split_evidence(odd) == ((ev(0, "a"),), ())
    for bad in (True, -1, "2", None):
        assert split_evidence(old.model_copy(update={"values": {DECIDING_KEY: bad}})) == (
            (),
            (ev(0, "a"),),
        )


@pytest.mark.parametrize(
    ("own_date_span", "dating", "expected"),
    [
        ("own", "2025-03-03", "date"),  # the fact's own span a document date rests on
        ("none", "2025-03-03", "dating"),  # else that document date's words
        ("none", "2025-03-04", "fact"),  # a document date of another day: the fact's spans
        ("none", None, "fact"),  # no document date: the fact's spans
    ],
)
def test_date_words(own_date_span: str, dating: str | None, expected: str) -> None:
    from rulefacts import CERT, certification, chart, doc_date, medicare_pack

    from rules.checks.base import date_words
    from rules.context import ChartContext

    cert = certification("2025-03-03")
    date_fact = doc_date(dating or "2025-03-03", CERT)
    if own_date_span == "own":
        cert = cert.model_copy(update={"evidence": (*cert.evidence, *date_fact.evidence)})
    ctx = ChartContext.build(
        chart(certifications=[cert], document_dates=[date_fact] if dating else []),
        medicare_pack().timeline,
    )
    want = {
        "date": date_fact.evidence,
        "dating": date_fact.evidence,
        "fact": cert.evidence,
    }[expected]
    assert date_words(ctx, cert, dt.date(2025, 3, 3)) == want
    assert date_words(ctx, cert, None) == cert.evidence


@pytest.mark.parametrize(
    ("chart", "rule", "rows"),
    [
        # a session's date and times on two lines of its note: one row
        (
            "optum-idaho-iop-adolescent",
            "optum-idaho-iop.weekly-hours",
            [
                (1, "DOS: 04/14/2025 … Time: 3:30 PM-4:30 PM"),
                (3, "DOS: 04/14/2025 … Time: 4:30 PM-5:30 PM"),
                (5, "DOS: 04/15/2025 … Time: 3:30 PM-4:30 PM"),
                (7, "DOS: 04/15/2025 … Time: 4:30 PM-5:30 PM"),
                (9, "DOS: 04/17/2025 … Time: 3:30 PM-4:30 PM … Attendance: No-show"),
                (12, "DOS: 04/17/2025 … Time: 4:30 PM-5:30 PM … Attendance: No-show"),
                (15, "Date of Service: 04/18/2025 … Start Time: 3:30 PM   End Time: 5:00 PM"),
            ],
        ),
        # a certification's needs: its date and signature (one line: one row), then each
        # statement
        (
            "medicare-iop-gaps",
            "medicare-iop.initial-certification",
            [
                (1, "Electronically signed by Paul Nguyen, DO on 01/06/2025 15:10"),
                (
                    3,
                    "**Certification:** I certify that the client requires a minimum of 9 "
                    "hours of services\nper week of intensive outpatient treatment under an "
                    "individualized plan of care",
                ),
                (
                    4,
                    "**Diagnoses:** F10.20 Alcohol use disorder, severe; F32.1 Major "
                    "depressive disorder,",
                ),
                (
                    5,
                    "**Clinical need for IOP:** Relapse to daily heavy drinking after 4 years "
                    "of sobriety with\nan acute worsening of depression (PHQ-9 18), a fall "
                    "while intoxicated, and severe\nimpairment of family, social and self-care "
                    "functioning. Weekly outpatient care is not",
                ),
            ],
        ),
    ],
)
def test_what_decided_it_is_one_row_per_session_or_need(
    reviews: dict[str, Review], chart: str, rule: str, rows: list[tuple[int, str]]
) -> None:
    review = reviews[chart]
    pages = {d.document_id: [p.text for p in d.pages] for d in review.documents}
    [finding] = [f for f in review.record.findings if f.rule_id == rule]
    got = by_session(finding, pages)
    assert [(g.first, g.line) for g in got] == rows
    deciding, _ = split_evidence(finding)
    assert tuple(ev for g in got for ev in g.evidence) == deciding
