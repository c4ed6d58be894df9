"""The total score written with an instrument's name (extract/values/scores.py)."""

from __future__ import annotations

import pytest

from extract.values.scores import score_near


@pytest.mark.parametrize(
    ("text", "name", "maximum", "expected"),
    [
        ("PHQ-9: 14", "PHQ-9", 27, (14, "14")),
        ("PHQ9 score = 14 (moderate)", "PHQ9", 27, (14, "14")),
        ("GAD-7 total 11/21", "GAD-7", 21, (11, "11/21")),
        ("| PHQ-9 | 14 |", "PHQ-9", 27, (14, "14")),
        ("AUDIT-C score of 6", "AUDIT-C", 12, (6, "6")),
        ("PHQ-9 (Patient Health Questionnaire) total score: 9", "PHQ-9", 27, (9, "9")),
        ("GAD-7 was 8 out of 21", "GAD-7", 21, (8, "8 out of 21")),
        ("she scored 14 on the PHQ-9", "PHQ-9", 27, (14, "14")),
        ("PCL-5 = 41.5", "PCL-5", 80, (41.5, "41.5")),
        ("- PHQ-9: **15** (12/08/2025)", "PHQ-9", 27, (15, "15")),
        # not a score
        ("PHQ-9 10/06/2025", "PHQ-9", 27, None),  # a date
        ("PHQ-9 10/06", "PHQ-9", 27, None),  # a date without its year
        ("GAD-7: 25", "GAD-7", 21, None),  # above the maximum
        ("PHQ-9 5/10 items", "PHQ-9", 27, None),  # a maximum that is not the instrument's
        ("BAM: 12 days sober", "BAM", 68, None),  # a duration
        ("PHQ-9 at intake 18", "PHQ-9", 27, None),  # words between: not read
        ("PHQ-9 item 9: 2", "PHQ-9", 27, None),  # an item, not the total
        ("PHQ-9 75%", "PHQ-9", 27, None),
        ("PHQ-9\n14", "PHQ-9", 27, None),  # another line
    ],
)
def test_score_near(text: str, name: str, maximum: int, expected: tuple[float, str] | None) -> None:
    start = text.index(name)
    got = score_near(text, start, start + len(name), maximum)
    if expected is None:
        assert got is None
        return
    assert got is not None
    value, quote = expected
    assert (got.value, text[got.start : got.end]) == (value, quote)
    assert got.start == text.rindex(quote)
