"""Treatment-plan goals in the formats plans use (extract/deterministic/plans.py and
plans.yaml): objectives under a goal, discharge criteria, count/frequency measures, goals
in a Markdown table."""

from __future__ import annotations

import pytest

from tests.extract.test_plans import PLAN_HEAD, judged, plan_of

SIGNED = "\nElectronically signed by Sam Lee, MD on 06/03/2025\n"


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        pytest.param(
            "Goal 1: Reduce panic attacks.\n"
            "Objective 1a: Use a breathing skill at least once a week by 08/01/2025.\n"
            "Objective 1b: Practice grounding daily.\n"
            "Goal 2: Improve sleep.\n",
            [
                ("Goal 1: Reduce panic attacks.", "at least once a week", "08/01/2025"),
                ("Goal 2: Improve sleep.", None, None),
            ],
            id="objectives-belong-to-their-goal",
        ),
        pytest.param(
            "Goal 1: Reduce panic attacks.\n\n"
            "Discharge criteria:\n"
            "Goals A-C met or plateau -> step down to OP.\n",
            [("Goal 1: Reduce panic attacks.", None, None)],
            id="discharge-criteria-are-not-a-goal",
        ),
        pytest.param(
            "GOALS\n"
            "1. Try at least one new coping skill each week.\n"
            "2. Attend an AA meeting at least twice a week.\n"
            "3. Call her sponsor twice a week by 07/15/2025.\n"
            "\nGoals 1-3 met or plateau -> step down.\n",
            [
                (
                    "1. Try at least one new coping skill each week.",
                    "at least one new coping skill each week",
                    None,
                ),
                (
                    "2. Attend an AA meeting at least twice a week.",
                    "at least twice a week",
                    None,
                ),
                ("3. Call her sponsor twice a week by 07/15/2025.", "twice a week", "07/15/2025"),
            ],
            id="count-and-frequency-measures",
        ),
        pytest.param(
            "| Goal | Target |\n"
            "|------|--------|\n"
            "| Attend group at least 3 days per week | 07/31/2025 |\n"
            "| Reduce GAD-7 score below 10 | 08/15/2025 |\n",
            [
                (
                    "| Attend group at least 3 days per week | 07/31/2025 |",
                    "at least 3 days per week",
                    "07/31/2025",
                ),
                (
                    "| Reduce GAD-7 score below 10 | 08/15/2025 |",
                    "GAD-7 score below 10",
                    "08/15/2025",
                ),
            ],
            id="goal-table-without-a-goals-heading",
        ),
        pytest.param(
            "| Problem | Plan |\n|---|---|\n| Anxiety | Group therapy |\n",
            [],
            id="a-table-without-a-goal-column-holds-no-goals",
        ),
        pytest.param(
            "GOALS\n"
            "1. Abstain from heroin, confirmed by negative urine drug screens, by 08/01/2025.\n"
            "2. Ride as a passenger on 3 local trips by 11/30/2025.\n"
            "3. Attend his church group or one community activity each week.\n"
            "4. Feel less overwhelmed within 2 weeks.\n",
            [
                (
                    "1. Abstain from heroin, confirmed by negative urine drug screens, by "
                    "08/01/2025.",
                    "confirmed by negative urine drug screens",
                    "08/01/2025",
                ),
                (
                    "2. Ride as a passenger on 3 local trips by 11/30/2025.",
                    "3 local trips",
                    "11/30/2025",
                ),
                (
                    "3. Attend his church group or one community activity each week.",
                    "one community activity each week",
                    None,
                ),
                # a count of weeks is a time frame, not a measure
                ("4. Feel less overwhelmed within 2 weeks.", None, "within 2 weeks"),
            ],
            id="objective-checks-counts-of-things-and-frequencies",
        ),
    ],
)
def test_goal_formats(goals: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    plan = plan_of(PLAN_HEAD + goals + SIGNED)
    assert [judged(g) for g in plan.goals] == expected


def test_an_illegible_goal_is_kept_as_written() -> None:
    plan = plan_of(PLAN_HEAD + "GOALS\n1. [illegible]\n2. Walk twice a week.\n" + SIGNED)
    assert [judged(g) for g in plan.goals] == [
        ("1. [illegible]", None, None),
        ("2. Walk twice a week.", "twice a week", None),
    ]
