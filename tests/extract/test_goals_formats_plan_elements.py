"""A plan's coordination-of-services and multidisciplinary-team elements stated as a
section or labeled line (plans.yaml)."""

from __future__ import annotations

import pytest

from core.facts import PlanElement
from tests.extract.test_plans import PLAN_HEAD, plan_of


@pytest.mark.parametrize(
    ("body", "element", "quote"),
    [
        (
            "Coordination of care:\n- PCP: Dr. Ann Park, plan sent\n",
            PlanElement.COORDINATION_OF_SERVICES,
            # a bare label is quoted with its value on the next line
            "Coordination of care:\n- PCP: Dr. Ann Park, plan sent",
        ),
        (
            "COORDINATION OF CARE\nPlan shared with PCP.\n",
            PlanElement.COORDINATION_OF_SERVICES,
            "COORDINATION OF CARE",
        ),
        (
            "Coordination: school counselor updated with consent.\n",
            PlanElement.COORDINATION_OF_SERVICES,
            "Coordination: school counselor updated with consent.",
        ),
        (
            "Collaboration: plan shared with PCP.\n",
            PlanElement.COORDINATION_OF_SERVICES,
            "Collaboration: plan shared with PCP.",
        ),
        (
            "Communication with other providers: PCP updated monthly.\n",
            PlanElement.COORDINATION_OF_SERVICES,
            "Communication with other providers: PCP updated monthly.",
        ),
        (
            "SERVICES AND COORDINATION\n  Mon  DBT skills group (R. Iwasaki, LCSW)\n",
            PlanElement.COORDINATION_OF_SERVICES,
            "SERVICES AND COORDINATION",
        ),
        (
            "Psychiatry monthly; wife invited to a family session; PCP Dr. Lowell updated "
            "monthly.\n",
            PlanElement.COORDINATION_OF_SERVICES,
            "PCP Dr. Lowell updated monthly.",  # its clause
        ),
        (
            "Weekly team meeting reviews progress.\n",
            PlanElement.MULTIDISCIPLINARY_TEAM,
            "Weekly team meeting reviews progress.",
        ),
        (
            "Treatment team:\nOmar Said, MD (psychiatrist); Kim Lo, LCSW (therapist)\n",
            PlanElement.MULTIDISCIPLINARY_TEAM,
            "Treatment team:\nOmar Said, MD (psychiatrist);",
        ),
        (
            "Care team: Omar Said, MD (psychiatry), Kim Lo, LCSW (therapy), Ann Ray, RN\n",
            PlanElement.MULTIDISCIPLINARY_TEAM,
            "Care team: Omar Said, MD (psychiatry), Kim Lo, LCSW (therapy), Ann Ray, RN",
        ),
    ],
)
def test_plan_element_sections(body: str, element: PlanElement, quote: str) -> None:
    plan = plan_of(PLAN_HEAD + body)
    found = plan.element(element)
    assert found is not None
    assert found.evidence[0].quote == quote


def test_no_team_or_coordination_when_not_stated() -> None:
    plan = plan_of(PLAN_HEAD + "Client attends group three days a week.\n")
    assert plan.element(PlanElement.COORDINATION_OF_SERVICES) is None
    assert plan.element(PlanElement.MULTIDISCIPLINARY_TEAM) is None
