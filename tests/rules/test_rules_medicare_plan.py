"""medicare-iop: treatment-plan, goals-measurable, discharge-planning."""

from __future__ import annotations

import pytest
from rulefacts import (
    DOCUMENTS,
    PLAN,
    PLAN2,
    PLAN2_DOC,
    assert_finding,
    chart,
    discharge_planning,
    finding,
    goal,
    person,
    plan,
)

from core.data import DocumentKind
from core.facts import ChartInput, DischargePlanningElement, PlanElement
from core.findings import Status

MET = Status.MET
NOT_MET = Status.NOT_MET
INSUFFICIENT = Status.INSUFFICIENT_EVIDENCE
NA = Status.NOT_APPLICABLE

NO_PLAN_DOCS = tuple(d for d in DOCUMENTS if d.kind is not DocumentKind.TREATMENT_PLAN)


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            chart(),
            MET,
            ["The treatment plan dated 2025-03-05 is signed by Maria Chen, MD, identifies 2"],
            id="met",
        ),
        pytest.param(
            chart(treatment_plans=(plan(elements=(PlanElement.MULTIDISCIPLINARY_TEAM,)),)),
            MET,
            [],
            id="multidisciplinary-team-only",
        ),
        pytest.param(
            chart(
                documents=(*DOCUMENTS, PLAN2_DOC),
                treatment_plans=(plan(unsigned=True), plan("2025-03-19", doc=PLAN2)),
            ),
            MET,
            ["dated 2025-03-19"],
            id="later-plan-passes",
        ),
        pytest.param(
            chart(documents=NO_PLAN_DOCS, treatment_plans=()),
            NOT_MET,
            ["No treatment plan is documented."],
            id="absent",
        ),
        pytest.param(
            chart(treatment_plans=()),
            INSUFFICIENT,
            ["plan.txt is filed as treatment plan, but no treatment plan could be read from it."],
            id="document-unread",
        ),
        pytest.param(
            chart(treatment_plans=(plan(unsigned=True),)),
            NOT_MET,
            ["The treatment plan dated 2025-03-05 lacks a signature by a physician."],
            id="unsigned",
        ),
        pytest.param(
            chart(treatment_plans=(plan(signer=person("Ann Lee", "LCSW", doc=PLAN)),)),
            NOT_MET,
            ["is signed by Ann Lee, LCSW, not by a physician"],
            id="not-a-physician",
        ),
        pytest.param(
            chart(treatment_plans=(plan(goals=()),)),
            NOT_MET,
            ["identifies no treatment goals"],
            id="no-goals",
        ),
        pytest.param(
            chart(treatment_plans=(plan(elements=(PlanElement.DISCHARGE_PLAN,)),)),
            NOT_MET,
            ["does not describe the coordination of services or a multidisciplinary team"],
            id="no-coordination",
        ),
        pytest.param(
            chart(
                documents=(*DOCUMENTS, PLAN2_DOC),
                treatment_plans=(plan(goals=()), plan("2025-03-19", unsigned=True, doc=PLAN2)),
            ),
            NOT_MET,
            [
                "The treatment plan dated 2025-03-05 identifies no treatment goals; the "
                "treatment plan dated 2025-03-19 lacks a signature by a physician."
            ],
            id="every-plan-named",
        ),
        pytest.param(
            chart(treatment_plans=(plan(signer=person("Maria Chen", doc=PLAN)),)),
            INSUFFICIENT,
            ["is signed by Maria Chen with no credential documented"],
            id="signer-credential-unknown",
        ),
    ],
)
def test_treatment_plan(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    assert_finding("treatment-plan", input_chart, status, fragments)


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            chart(),
            MET,
            ["Each of the 2 treatment goals states a measure and a time frame."],
            id="met",
        ),
        pytest.param(
            chart(treatment_plans=(plan(unsigned=True),)),
            MET,
            [],
            id="unsigned-plan-still-judged",
        ),
        pytest.param(
            chart(documents=NO_PLAN_DOCS, treatment_plans=()),
            NA,
            ["The chart has no treatment plan."],
            id="no-plan",
        ),
        pytest.param(
            chart(treatment_plans=(plan(goals=()),)),
            INSUFFICIENT,
            ["No treatment goals could be read"],
            id="plan-without-goals",
        ),
        pytest.param(
            chart(treatment_plans=()),
            INSUFFICIENT,
            ["No treatment goals could be read"],
            id="plan-document-unread",
        ),
        pytest.param(
            chart(
                treatment_plans=(
                    plan(
                        goals=(
                            goal("Reduce depressive symptoms"),
                            goal("Lower PHQ-9", "PHQ-9 below 10", None),
                            goal("Work on relationship with daughter", None, "within 30 days"),
                            goal("Feel better", None, None),
                        )
                    ),
                )
            ),
            NOT_MET,
            [
                "3 of 4 treatment goals are not measurable and time-framed: "
                "“Lower PHQ-9” has no time frame; "
                "“Work on relationship with daughter” has no measure; "
                "“Feel better” has no measure or time frame."
            ],
            id="three-goals-fail",
        ),
        pytest.param(
            chart(
                treatment_plans=(
                    plan(
                        goals=(
                            goal("Lower PHQ-9"),
                            goal(
                                "Increase time outside to [illegible] by [illegible].", None, None
                            ),
                        )
                    ),
                )
            ),
            INSUFFICIENT,
            [
                "“Increase time outside to [illegible] by [illegible].” has words that could not be read "
                "where its measure or time frame would be"
            ],
            id="illegible-goal-undecided",
        ),
        pytest.param(
            chart(
                treatment_plans=(
                    plan(
                        goals=(
                            goal("Feel better", None, None),
                            goal("Walk (illegible) a week", None, "by 04/14"),
                        )
                    ),
                )
            ),
            NOT_MET,
            ["1 of 2 treatment goals are not measurable and time-framed: “Feel better”"],
            id="a-readable-goal-fails-whatever-the-illegible-one-says",
        ),
    ],
)
def test_goals_measurable(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    assert_finding("goals-measurable", input_chart, status, fragments)


def test_goals_measurable_evidence_is_the_failing_goal() -> None:
    bad = goal("Lower PHQ-9", "PHQ-9 below 10", None)
    result = finding("goals-measurable", chart(treatment_plans=(plan(goals=(goal("Sleep"), bad)),)))
    assert result.evidence == bad.evidence
    assert result.values["failing"] == 1


def test_goals_measurable_met_cites_measure_and_time_frame() -> None:
    good = goal("Sleep", "7 hours on 5 nights", "by 04/14")
    result = finding("goals-measurable", chart(treatment_plans=(plan(goals=(good,)),)))
    assert good.measure in result.evidence
    assert good.time_frame in result.evidence


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            chart(),
            MET,
            [
                "Discharge planning is documented: a step-down plan and a discharge plan in the "
                "treatment plan."
            ],
            id="met",
        ),
        pytest.param(
            chart(
                treatment_plans=(plan(elements=(PlanElement.COORDINATION_OF_SERVICES,)),),
                discharge_planning=(
                    discharge_planning(DischargePlanningElement.CRITERIA),
                    discharge_planning(DischargePlanningElement.COMMUNITY_LINKAGE),
                ),
            ),
            MET,
            ["discharge criteria and linkage to community resources"],
            id="met-by-discharge-summary-only",
        ),
        pytest.param(
            chart(discharge_planning=()),
            MET,
            ["a discharge plan in the treatment plan"],
            id="met-by-plan-only",
        ),
        pytest.param(
            chart(
                discharge_planning=(),
                treatment_plans=(plan(elements=(PlanElement.COORDINATION_OF_SERVICES,)),),
            ),
            NOT_MET,
            ["No discharge planning"],
            id="none",
        ),
    ],
)
def test_discharge_planning(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    assert_finding("discharge-planning", input_chart, status, fragments)
