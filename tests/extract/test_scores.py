"""The total score written with an instrument's name (extract/values/scores.py)."""

from __future__ import annotations

import pytest

from extract.values.scores import score_near, scores_near


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
        # a dot leader between the name and its score
        ("PCL-5 total........... 54", "PCL-5", 80, (54, "54")),
        ("AUDIT-C ............ 3   (completed)", "AUDIT-C", 12, (3, "3")),
        # a bound, not a score: a target or a cutoff
        ("GAD-7 score of 9 or less", "GAD-7", 21, None),
        ("PHQ-9 of 10 or higher", "PHQ-9", 27, None),
        ("PHQ-9: 10+", "PHQ-9", 27, None),
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


NOT_AFTER = frozenset({"below", "under", "to", "item", "goal", "due", "weeks", "above"})


@pytest.mark.parametrize(
    ("text", "name", "maximum", "expected"),
    [
        # the score right after the name, dated right after it
        ("PHQ-9 of 17 on 12/17/2025.", "PHQ-9", 27, [("17", "2025-12-17")]),
        ("PHQ-9: 14", "PHQ-9", 27, [("14", None)]),
        # a few words between the name and the score; a date in parentheses before it
        ("PCL-5 at intake (10/06/2025) was 47.", "PCL-5", 80, [("47", "2025-10-06")]),
        ("BAM use score today: 1.", "BAM", 68, [("1", None)]),
        ("C-SSRS ideation severity (past month): 0", "C-SSRS", 6, [("0", None)]),
        ("PHQ-9 at intake 18", "PHQ-9", 27, [("18", None)]),
        # further scores, each with its own date
        (
            "PHQ-9 has fallen from 15 on 10/20/2025 to 7 on 12/08/2025. Next: 3 on 01/05/2026",
            "PHQ-9",
            27,
            [("15", "2025-10-20"), ("7", "2025-12-08")],  # the sentence ends at the period
        ),
        (
            "PHQ-9: 21 today (admission 24 on 10/20/2025)",
            "PHQ-9",
            27,
            [("21", None), ("24", "2025-10-20")],
        ),
        ("PHQ-9 / 14 / 10/27/2025", "PHQ-9", 27, [("14", None)]),
        # a further number without its own date is not a score
        ("PHQ-9 of 17 and 3 sessions", "PHQ-9", 27, [("17", None)]),
        # words that set a target, count an item or plan: no score
        ("PHQ-9 below 10 by discharge", "PHQ-9", 27, []),
        ("PHQ-9 item 9: 2", "PHQ-9", 27, []),
        ("GAD-7 due in 2 weeks", "GAD-7", 21, []),
        ("PHQ-9 and GAD-7 were given", "PHQ-9", 27, []),  # the 7 of another name
        ("PHQ-9 was 31", "PHQ-9", 27, []),  # above the maximum
        ("PHQ-9. Seen 14 times", "PHQ-9", 27, []),  # another sentence
        # the words that say when a score was given, before its date
        (
            "PHQ-9 19 today vs 22 when last given 03/03/2026.",
            "PHQ-9",
            27,
            [("19", None), ("22", "2026-03-03")],
        ),
        (
            "PHQ-9: 22 on admission (03/02/2026) -> 15 at discharge (03/26/2026)",
            "PHQ-9",
            27,
            [("22", "2026-03-02"), ("15", "2026-03-26")],
        ),
        ("AUDIT-C ............ 3   (completed 03/02/2026)", "AUDIT-C", 12, [("3", "2026-03-02")]),
        (
            "DAST-10 ............ 5   (from referral screen 02/26/2026)",
            "DAST-10",
            28,
            [("5", "2026-02-26")],
        ),
        ("Prior GAD-7 on 11/26/2025: 15.", "GAD-7", 21, [("15", "2025-11-26")]),
        ("BAM use total......... 5", "BAM", 68, [("5", None)]),
        # a target's date is not the score's ("by", "due" are no words of when it was given)
        ("PHQ-9 14 (repeat due 12/01/2025)", "PHQ-9", 27, [("14", None)]),
        ("PHQ-9 14 by 12/01/2025", "PHQ-9", 27, [("14", None)]),
        # scores, then as many dates in parentheses (the sentence wraps onto the next line)
        (
            "GAD-7 went from 18 to 12\n  over the same dates (02/16/2026 and 03/10/2026).",
            "GAD-7",
            21,
            [("18", "2026-02-16"), ("12", "2026-03-10")],
        ),
        # ... not when the parentheses hold anything but those dates
        ("GAD-7 went from 18 to 12 (goal 10)", "GAD-7", 21, [("18", None)]),
        ("GAD-7 went from 18 to 12 over weeks (02/16/2026)", "GAD-7", 21, [("18", None)]),
        # bounds and items are no scores
        ("GAD-7 score of 9 or less", "GAD-7", 21, []),
        ("PHQ-9 of 9 or lower by discharge", "PHQ-9", 27, []),
        ("PHQ-9 item 9 (self-harm) 1", "PHQ-9", 27, []),
        ("If the GAD-7 climbs above 20", "GAD-7", 21, []),
    ],
)
def test_scores_near(
    text: str, name: str, maximum: int, expected: list[tuple[str, str | None]]
) -> None:
    start = text.index(name)
    got = scores_near(text, start, start + len(name), maximum, NOT_AFTER, len(text))
    assert [
        (text[s.start : s.end], None if s.date is None else str(s.date)) for s in got
    ] == expected
    assert [s.value for s in got] == [float(v) for v, _ in expected]
