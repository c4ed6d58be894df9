"""Every status of every ``medicare-otp-iop`` rule, on chart text, through the real extractor.

Each case is the OTP baseline mini chart (``tests/e2e/minichart.py``, :func:`otp_baseline`:
every rule met) with only what the case is about changed, reviewed end to end with
:func:`pipeline.review.review_paths` on a temporary folder, and every evidence span of the
review checked to be verbatim (the same helper as ``test_rule_statuses.py``).

Case ids read ``<rule>:<status>:<what differs>``. The expected statuses come from
/work/shared/spec/RULES.md (pack ``medicare-otp-iop``), never from the tool's output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from audit.record import AuditRecord
from core.findings import Finding, Status
from ingest.loader import load_chart
from pipeline.review import review_paths
from tests.e2e.coverage import assert_cases_cover
from tests.e2e.minichart import (
    OTP_CERTIFICATION,
    OTP_DISCHARGE,
    OTP_DOSING,
    OTP_INTAKE,
    OTP_PLAN,
    OTP_THERAPIST,
    MiniChart,
    otp_baseline,
    otp_log_name,
    otp_log_row,
    otp_service_log,
)
from tests.e2e.test_invariants import _spans

MET = Status.MET
NOT_MET = Status.NOT_MET
INSUFFICIENT = Status.INSUFFICIENT_EVIDENCE
NOT_APPLICABLE = Status.NOT_APPLICABLE

PACK = "medicare-otp-iop"

# What RULES.md lets each rule produce: its three columns, and insufficient_evidence where
# the facts a rule needs can be missing or contradictory (RULES.md "Statuses").
# excluded-items decides from presence alone; no-telehealth is insufficient only when the
# records of one service contradict each other on its modality.
STATUSES: dict[str, frozenset[Status]] = {
    "certification": frozenset({MET, NOT_MET, INSUFFICIENT}),
    "oud-diagnosis": frozenset({MET, NOT_MET, INSUFFICIENT}),
    "weekly-services": frozenset({MET, NOT_MET, INSUFFICIENT, NOT_APPLICABLE}),
    "no-telehealth": frozenset({MET, NOT_MET, INSUFFICIENT, NOT_APPLICABLE}),
    "excluded-items": frozenset({MET, NOT_MET}),
}


# --------------------------------------------------------------------------- reviewing


def review(chart: MiniChart, folder: Path) -> AuditRecord:
    """Review ``chart`` written into ``folder``; check every evidence span is verbatim."""
    chart.write(folder)
    record = review_paths([folder], policy=PACK)
    assert record.input_errors == []
    documents = {d.document_id: d for d in load_chart([folder]).documents}
    spans = list(_spans(record.model_dump(mode="json")))
    assert spans, "the review cites evidence"
    for ev in spans:
        text = documents[ev["document_id"]].page(ev["page"]).text
        assert text[ev["start"] : ev["end"]] == ev["quote"], ev
    return record


def finding(record: AuditRecord, rule: str) -> Finding:
    [found] = [f for f in record.findings if f.rule_id == f"{PACK}.{rule}"]
    return found


# --------------------------------------------------------------------------- chart knobs

LOG_W2 = otp_log_name(2)
ADMISSION = dt.date(2025, 6, 2)
W2 = ADMISSION + dt.timedelta(days=7)

# Week-2 rows of the baseline log (Mon-Fri, two services a day).
GROUP_MON_W2 = otp_log_row(W2, "Group counseling (group psychotherapy)", "09:00-10:30",
                           "Keisha Monroe, LCSW")  # fmt: skip
EDU_FRI_W2 = otp_log_row(W2 + dt.timedelta(days=4), "Relapse prevention education",
                         "10:45-11:45", "Tomas Herrera, RN")  # fmt: skip
GROUP_FRI_W2 = otp_log_row(W2 + dt.timedelta(days=4), "Group counseling (group psychotherapy)",
                           "09:00-10:30", "Keisha Monroe, LCSW")  # fmt: skip
IND_TUE_W2 = otp_log_row(W2 + dt.timedelta(days=1), "Individual psychotherapy", "13:00-14:00",
                         OTP_THERAPIST)  # fmt: skip
IND_THU_W2 = otp_log_row(W2 + dt.timedelta(days=3), "Individual psychotherapy", "13:00-14:00",
                         OTP_THERAPIST)  # fmt: skip


def log_w2(chart: MiniChart, old: str, new: str) -> MiniChart:
    """Week 2's service log with row ``old`` replaced by ``new`` ("" drops it)."""
    return chart.edit(LOG_W2, old + ("\n" if not new else ""), new)


def individual_note(day: dt.date, location: str) -> str:
    """A BIRP individual psychotherapy note of a 13:00-14:00 session on ``day``."""
    return f"""\
Harbor Light Recovery Center - OTP IOP Individual Psychotherapy Note
Patient: Dwayne R. Kessler | MRN HL-30927
Date of Service: {day.strftime("%m/%d/%Y")}
Time: 1:00 PM - 2:00 PM
Location: {location}
Clinician: {OTP_THERAPIST}

B: Patient reports cravings 4/10, no use since 06/08.
I: Relapse-prevention planning around grief triggers; urge-surfing practice.
R: Patient identified two high-risk situations and a plan for each.
P: Goal 1 (no illicit opioid use) - continue twice-weekly individual therapy.

{OTP_THERAPIST} - electronically signed {day.strftime("%m/%d/%Y")} 14:30
"""


def note_name(day: dt.date) -> str:
    return f"{day.isoformat()}_otp_individual_note.txt"


TUE_W2 = W2 + dt.timedelta(days=1)


def with_note(location: str) -> Callable[[MiniChart], MiniChart]:
    return lambda c: c.add(note_name(TUE_W2), individual_note(TUE_W2, location))


DOSING_ROW = "06/13/2025 | Methadone dosing 90 mg                    | 07:30-07:35 | Tomas Herrera, RN    | In person | Present"
UDS_ROW = "06/13/2025 | UDS                                      | 12:00-12:05 | Tomas Herrera, RN    | In person | Present"


def no_diagnosis(chart: MiniChart) -> MiniChart:
    return (
        chart.edit(OTP_INTAKE, "DIAGNOSES\nF11.20 Opioid use disorder, severe\n"
                   "F43.21 Adjustment disorder with depressed mood\n", "")
        .edit(OTP_PLAN, "Diagnosis: F11.20 Opioid use disorder, severe\n", "")
    )  # fmt: skip


def diagnosed(chart: MiniChart, intake: str, plan: str) -> MiniChart:
    return chart.edit(OTP_INTAKE, "F11.20 Opioid use disorder, severe", intake).edit(
        OTP_PLAN, "F11.20 Opioid use disorder, severe", plan
    )


def discharged_on(chart: MiniChart, day: dt.date) -> MiniChart:
    us = day.strftime("%m/%d/%Y")
    return chart.edit(OTP_DISCHARGE, "Discharge Date: 06/16/2025", f"Discharge Date: {us}").edit(
        OTP_DISCHARGE, "on 06/16/2025 15:00", f"on {us} 15:00"
    )


SIGNER = "Certifying practitioner: Renata Vasquez, PMHNP"
HIGHER = (
    "He requires a higher level of care intensity than non-intensive outpatient OTP services\n"
    "because of relapse to fentanyl use with two overdoses in the past month.\n"
)
NINE_HOURS = (
    "I certify that this patient requires OTP intensive outpatient services, including a\n"
    "minimum of 9 hours of services per week.\n"
)
PLAN_OF_CARE = (
    "Services will be furnished under the individualized plan of care dated 06/03/2025.\n"
)


def same(chart: MiniChart) -> MiniChart:
    return chart


@dataclass(frozen=True)
class Case:
    """One rule's expected status on the OTP baseline changed by ``build``."""

    rule: str
    status: Status
    name: str
    build: Callable[[MiniChart], MiniChart]
    values: Mapping[str, object] = field(default_factory=dict)
    reason: str | None = None  # a phrase the finding's reason must contain

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.status.value}:{self.name}"


CASES: tuple[Case, ...] = (
    # ---------------------------------------------------------------- certification
    Case("certification", MET, "npp-pmhnp", same, reason="signed by Renata Vasquez, PMHNP"),
    Case(
        "certification",
        MET,
        "physician",
        lambda c: c.edit(OTP_CERTIFICATION, SIGNER, "Certifying physician: Samuel Whitfield, MD"),
        reason="signed by Samuel Whitfield, MD",
    ),
    Case(
        "certification",
        MET,
        "plan-of-care-not-named-but-in-chart",
        lambda c: c.edit(OTP_CERTIFICATION, PLAN_OF_CARE, ""),
        reason="with a plan of care",
    ),
    Case(
        "certification",
        NOT_MET,
        "no-certification",
        lambda c: c.drop(OTP_CERTIFICATION),
        reason="No certification is documented.",
    ),
    Case(
        "certification",
        NOT_MET,
        "signed-by-counselor",
        lambda c: c.edit(OTP_CERTIFICATION, SIGNER, "Signature: Alan Brooks, LPC"),
        reason="not by a physician or non-physician practitioner",
    ),
    Case(
        "certification",
        NOT_MET,
        "no-higher-intensity",
        lambda c: c.edit(OTP_CERTIFICATION, HIGHER, ""),
        reason="does not state the need for a higher intensity of care",
    ),
    Case(
        "certification",
        NOT_MET,
        "no-9-hour-statement",
        lambda c: c.edit(
            OTP_CERTIFICATION,
            NINE_HOURS,
            "I certify that this patient requires OTP intensive outpatient services.\n",
        ),
        reason="does not state the need for at least 9 hours of services per week",
    ),
    Case(
        "certification",
        NOT_MET,
        "no-plan-of-care",
        lambda c: c.edit(OTP_CERTIFICATION, PLAN_OF_CARE, "").drop(OTP_PLAN),
        reason="has no plan of care",
    ),
    Case(
        "certification",
        INSUFFICIENT,
        "signer-credential-not-written",
        lambda c: c.edit(OTP_CERTIFICATION, SIGNER, "Certifying practitioner: Renata Vasquez"),
        reason="signed by Renata Vasquez with no credential documented",
    ),
    # ---------------------------------------------------------------- oud-diagnosis
    Case("oud-diagnosis", MET, "f11-code", same, reason="F11.20"),
    Case(
        "oud-diagnosis",
        MET,
        "stated-by-name",
        lambda c: diagnosed(c, "Opioid use disorder, severe", "Opioid use disorder, severe"),
        reason="Opioid use disorder, severe",
    ),
    Case(
        "oud-diagnosis",
        NOT_MET,
        "alcohol-only",
        lambda c: diagnosed(
            c, "F10.20 Alcohol use disorder, severe", "F10.20 Alcohol use disorder, severe"
        ),
        reason="No opioid use disorder diagnosis is documented",
    ),
    Case(
        "oud-diagnosis",
        INSUFFICIENT,
        "no-diagnosis",
        no_diagnosis,
        reason="No diagnosis is documented.",
    ),
    # ---------------------------------------------------------------- weekly-services
    Case(
        "weekly-services",
        MET,
        "baseline",
        same,
        reason="lowest: week 1, 10 services); week 3 is partial and not judged",
    ),
    Case(
        "weekly-services",
        MET,
        "exactly-9",
        lambda c: log_w2(c, EDU_FRI_W2, ""),
        reason="lowest: week 2, 9 services",
    ),
    Case(
        "weekly-services",
        NOT_MET,
        "week-2-has-8",
        lambda c: log_w2(log_w2(c, EDU_FRI_W2, ""), GROUP_FRI_W2, ""),
        reason="Week 2 (2025-06-09 to 2025-06-15) has 8 counted services, fewer than the 9",
    ),
    Case(
        "weekly-services",
        NOT_MET,
        "dosing-and-uds-do-not-count",
        lambda c: log_w2(
            log_w2(c, EDU_FRI_W2, DOSING_ROW.replace("07:30-07:35", "10:45-10:50")),
            GROUP_FRI_W2,
            UDS_ROW.replace("12:00-12:05", "09:00-09:05"),
        ),
        reason="has 8 counted services",
    ),
    Case(
        "weekly-services",
        NOT_MET,
        "no-show-does-not-count",
        lambda c: log_w2(
            log_w2(c, EDU_FRI_W2, ""), GROUP_FRI_W2, GROUP_FRI_W2.replace("Present", "No-show")
        ),
        reason="has 8 counted services",
    ),
    Case(
        "weekly-services",
        INSUFFICIENT,
        "log-no-show-but-note-present",
        lambda c: with_note("Harbor Light OTP, room 3 (in person)")(
            log_w2(log_w2(c, EDU_FRI_W2, ""), IND_TUE_W2, IND_TUE_W2.replace("Present", "No-show"))
        ),
        reason="has 8 counted services and 1 service(s) whose records contradict each other",
    ),
    Case(
        "weekly-services",
        NOT_APPLICABLE,
        "discharged-in-week-1",
        lambda c: discharged_on(c, dt.date(2025, 6, 6)),
        reason="No program week is complete",
    ),
    # ---------------------------------------------------------------- no-telehealth
    Case(
        "no-telehealth",
        MET,
        "in-person",
        same,
        {"counted_services": 20, "in_person_stated": 20, "telehealth": []},
    ),
    Case(
        "no-telehealth",
        MET,
        "modality-not-written",
        lambda c: c.replace(LOG_W2, otp_service_log(2).replace("| In person ", "|           ")),
        {"counted_services": 20, "in_person_stated": 10, "modality_not_stated": 10},
    ),
    Case(
        "no-telehealth",
        NOT_MET,
        "group-via-zoom",
        lambda c: log_w2(c, GROUP_MON_W2, GROUP_MON_W2.replace("In person", "Zoom     ")),
        {"telehealth": ["2025-06-09 09:00 group psychotherapy (video)"]},
    ),
    Case(
        "no-telehealth",
        NOT_MET,
        "individual-telephonic",
        lambda c: log_w2(c, IND_THU_W2, IND_THU_W2.replace("In person", "Telephonic")),
        {"telehealth": ["2025-06-12 13:00 individual psychotherapy (audio)"]},
    ),
    Case(
        "no-telehealth",
        NOT_MET,
        "note-audio-only",
        lambda c: log_w2(c, IND_TUE_W2, IND_TUE_W2.replace("In person", "         ")).add(
            note_name(TUE_W2), individual_note(TUE_W2, "Telehealth (audio-only, patient at home)")
        ),
        {"telehealth": ["2025-06-10 13:00 individual psychotherapy (audio)"]},
    ),
    Case(
        "no-telehealth",
        INSUFFICIENT,
        "log-in-person-note-via-zoom",
        with_note("Telehealth via Zoom (patient at home)"),
        reason="state both in person and telehealth",
    ),
    Case(
        "no-telehealth",
        NOT_APPLICABLE,
        "no-iop-services",
        lambda c: c.drop(otp_log_name(1), otp_log_name(2)),
        {"counted_services": 0},
    ),
    # ---------------------------------------------------------------- excluded-items
    Case(
        "excluded-items",
        MET,
        "dosing-and-uds-in-separate-record",
        same,
        {"as_iop_services": []},
        reason="documented as separate OTP services",
    ),
    Case(
        "excluded-items",
        MET,
        "no-dosing-record",
        lambda c: c.drop(OTP_DOSING),
        {"as_iop_services": [], "separate_otp_services": 0},
    ),
    Case(
        "excluded-items",
        NOT_MET,
        "methadone-dosing-in-iop-log",
        lambda c: log_w2(c, EDU_FRI_W2, EDU_FRI_W2 + "\n" + DOSING_ROW),
        reason="2025-06-13 07:30 OUD medication dosing (12_iop_service_log_week2.txt)",
    ),
    Case(
        "excluded-items",
        NOT_MET,
        "uds-in-iop-log",
        lambda c: log_w2(c, EDU_FRI_W2, EDU_FRI_W2 + "\n" + UDS_ROW),
        reason="2025-06-13 12:00 toxicology (12_iop_service_log_week2.txt)",
    ),
)


# --------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def baseline_record(tmp_path_factory: pytest.TempPathFactory) -> AuditRecord:
    return review(otp_baseline(), tmp_path_factory.mktemp("otp-minichart") / "baseline")


def test_otp_baseline_meets_every_rule(baseline_record: AuditRecord) -> None:
    got = {f.rule_id.removeprefix(f"{PACK}."): f.status for f in baseline_record.findings}
    assert got == dict.fromkeys(STATUSES, MET)
    assert baseline_record.overall == MET
    weeks = [(w.week, w.complete, w.counted_services) for w in baseline_record.weekly_summary]
    assert weeks == [(1, True, 10), (2, True, 10), (3, False, 0)]


def test_otp_cases_cover_every_status_of_every_rule() -> None:
    assert_cases_cover(PACK, STATUSES, ((c.rule, c.status) for c in CASES), (c.id for c in CASES))


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_otp_rule_status_on_chart_text(case: Case, tmp_path: Path) -> None:
    record = review(case.build(otp_baseline()), tmp_path / "chart")
    got = finding(record, case.rule)
    assert got.status == case.status, f"{case.id}: {got.status}: {got.reason}"
    for key, want in case.values.items():
        assert got.values.get(key) == want, f"{case.id}: values[{key!r}] in {got.values}"
    if case.reason is not None:
        assert case.reason in got.reason, f"{case.id}: {got.reason}"
