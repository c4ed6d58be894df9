"""Quotes must mean what they are claimed to mean (extract/llm/meaning.py): a verbatim
quote of a line that does not state the field it was proposed for is ungrounded."""

from __future__ import annotations

import pytest
from chartdocs import chart_doc

from extract.layout import layout_of
from extract.llm.meaning import FIELDS, meaning_rules, quote_problem

NOTE = """GROUP PSYCHOTHERAPY PROGRESS NOTE
Date of Service: 02/05/2025
Time: 10:00 - 11:00
Facilitator: Dana Reyes, LCSW
Group Size: 7
Intervention: Reviewed the relapse-prevention worksheet and urge surfing.
Response: Member identified two triggers and practiced urge surfing.
Goals Addressed: Goal 2 - reduce drinking days.
Accepted feedback from two peers.
Attendance: Present
Diagnosis: F33.1 Major depressive disorder
Discharge plan: step down to weekly outpatient therapy with AA meetings.
Goal 1: Reduce panic attacks to 1 or fewer per week by 04/30/2025.
Electronically signed by Dana Reyes, LCSW 02/05/2025 14:02
Client: Raymond T. Ostrowski     Client #: LK-55810
Physician: Signed: Dr. Paul Nguyen, DO   Date: 02/06/2025
Record reviewed and signed: Gloria Reyes, LCSW

| Date | Service | Time | Staff | Attendance |
|---|---|---|---|---|
| 02/05/2025 | SUD Process Group (group psychotherapy) | 9:00 AM-10:30 AM | D. Whitaker | Present |

| Admit Date | 01/06/2025 |
|---|---|
| Discharge Date | 03/14/2025 |

## Goal 3: Decrease depressive symptoms
"""

# (field, quote, stricter only, expected reason fragment or None)
CASES = [
    # bookkeeping fields are never evidence
    ("response", "02/05/2025", False, "only dates, times or numbers"),
    ("response", "10:00 - 11:00", False, "only dates, times or numbers"),
    ("response", "Dana Reyes, LCSW", False, "facilitator field"),
    ("nature_of_service", "Group Size: 7", False, "group size field"),
    ("continued_stay", "Date of Service: 02/05/2025", False, "date of service field"),
    ("danger_findings", "Dana Reyes, LCSW", True, "facilitator field"),
    # a signature line, a heading
    (
        "goal_time_frame",
        "Electronically signed by Dana Reyes, LCSW 02/05/2025 14:02",
        False,
        "signature line",
    ),
    ("response", "GROUP PSYCHOTHERAPY PROGRESS NOTE", False, "heading"),
    ("nature_of_service", "GROUP PSYCHOTHERAPY PROGRESS NOTE", False, None),
    # per field: a service's kind is not a member's response; attendance is participation
    ("response", "Present", False, "attendance field"),
    ("participation", "Present", False, None),
    ("discharge_planning", "F33.1 Major depressive disorder", False, "diagnosis field"),
    ("discharge_planning", "step down to weekly outpatient therapy with AA meetings", False, None),
    # cues: a response is about the member, a goal relation names a goal
    ("response", "Member identified two triggers and practiced urge surfing.", False, None),
    ("response", "Accepted feedback from two peers.", False, None),
    (
        "response",
        "Reviewed the relapse-prevention worksheet and urge surfing.",
        False,
        "no word that states a response",
    ),
    ("goal_relation", "Goal 2 - reduce drinking days.", False, None),
    ("goal_relation", "Accepted feedback from two peers.", False, "no word that states a goal"),
    ("participation", "Accepted feedback from two peers.", False, "no word that states a part"),
    # a goal's measure holds a number or quantity; its time frame a date or a span
    ("goal_measure", "1 or fewer per week", False, None),
    ("goal_time_frame", "by 04/30/2025", False, None),
    ("goal_measure", "Reduce panic attacks", False, None),  # "reduce": a change to measure
    ("goal_time_frame", "Reduce panic attacks", False, "no word that states a goal time frame"),
    # identifying data, signatures written as labels, a table's header, a key-value row
    ("acuity", "Raymond T. Ostrowski", False, "identifying 'client' field"),
    ("acuity", "LK-55810", False, "identifying 'client #' field"),
    (
        "continued_stay",
        "Physician: Signed: Dr. Paul Nguyen, DO   Date: 02/06/2025",
        False,
        "signature line",
    ),
    (
        "discharge_planning",
        "Record reviewed and signed: Gloria Reyes, LCSW",
        False,
        "signature line",
    ),
    ("acuity", "| Date | Service | Time | Staff | Attendance |", False, "heading"),
    ("continued_stay", "| Admit Date | 01/06/2025 |", False, "admission date field"),
    ("discharge_planning", "Discharge Date | 03/14/2025", False, "discharge date field"),
    # a service record tells that a service took place, not how ill the member is
    (
        "acuity",
        "SUD Process Group (group psychotherapy) | 9:00 AM-10:30 AM",
        False,
        "service record",
    ),
    ("participation", "02/05/2025 | SUD Process Group", False, "service record"),
    ("response", "SUD Process Group (group psychotherapy)", False, "no word that states"),
    # a heading states a goal only when it names one
    ("goal", "Goal 3: Decrease depressive symptoms", False, None),
    ("goal", "GROUP PSYCHOTHERAPY PROGRESS NOTE", False, "heading"),
    # a proposal that can only make a rule stricter is not dropped for a missing cue
    ("participation", "Accepted feedback from two peers.", True, None),
]


@pytest.mark.parametrize(("field", "quote", "stricter", "expected"), CASES)
def test_quote_meaning(field: str, quote: str, stricter: bool, expected: str | None) -> None:
    doc = chart_doc(NOTE).document
    start = NOTE.index(quote)
    evidence = doc.evidence(1, start, start + len(quote))
    problem = quote_problem(field, evidence, layout=layout_of(doc), stricter_only=stricter)
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in problem, problem


def test_rules_name_known_fields_and_label_groups() -> None:
    rules = meaning_rules()
    assert set(rules.cues) <= set(FIELDS)
    with pytest.raises(ValueError, match="unknown field"):
        quote_problem("mood", chart_doc("x").document.evidence(1, 0, 1))
