"""The member's documented IOP schedule (``optum-idaho-iop.attendance``, RULES.md
"Scheduled sessions"), with exact spans. Vocabulary: ``schedule.yaml`` beside this module.

A :class:`ProgramSchedule` is a line (of the document's layout) with a schedule label
("Schedule:", "IOP schedule", "Program days:", "Attends", ...) followed on the same line by
weekdays, or a line that leads with its weekdays under a schedule heading ("## Schedule")
or right below an empty schedule label ("IOP schedule:"), or a line naming the program
before weekdays that its hours follow ("Youth IOP Mon/Wed/Thu 3:30-6:30 PM"). Weekdays
are: names and abbreviations ("Monday", "Mon", "Tues", "Thurs"), one- or two-letter forms
next to another weekday ("M/W/Th", "T/Th", "MWF"), lists ("Monday, Wednesday and
Thursday"), ranges ("Mon-Thu", "Tuesday through Thursday", "M-F") and exceptions ("M-F
except Tuesday").
The first run of weekdays after the label is read; it must name at least ``min_weekdays``
days. The span runs from the label to the end of the last weekday read.

Nothing is read from a line that is negated ("no set schedule", "unable to attend"),
hypothetical ("would attend", "proposed schedule"), past ("previous schedule"), whose
weekdays are dates ("Monday 06/02/2025"), or that names, before the weekdays, something
other than the member's IOP ("work schedule", "attends AA", "step-down schedule"). One
schedule per document and set of weekdays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field

from core.data import Frozen
from core.errors import ExtractionError
from core.facts import ProgramSchedule
from core.yamlio import load_model
from extract.deterministic.common import DocInput, source
from extract.layout import Layout, layout_of
from extract.values.dates import find_dates
from extract.values.times import find_time_ranges

VOCABULARY_PATH = Path(__file__).with_name("schedule.yaml")
NonEmpty = Annotated[list[str], Field(min_length=1)]
DAYS_PER_WEEK = 7
# A date that starts this close after a weekday makes the weekday a date reference.
_DATE_GAP = 3


class WeekdayForms(Frozen):
    names: NonEmpty
    letters: list[str]


class Vocabulary(Frozen):
    labels: NonEmpty
    program_words: NonEmpty
    weekdays: Annotated[list[WeekdayForms], Field(min_length=7, max_length=7)]
    list_separators: NonEmpty
    range_separators: NonEmpty
    exceptions: NonEmpty
    min_weekdays: Annotated[int, Field(ge=1, le=7)]
    negated: NonEmpty
    hypothetical: NonEmpty
    historical: NonEmpty
    other_programs: NonEmpty


@cache
def vocabulary(path: Path = VOCABULARY_PATH) -> Vocabulary:
    return load_model(path, Vocabulary, "schedule vocabulary", ExtractionError)


def _alternatives(phrases: list[str], escape: bool = False) -> str:
    parts = sorted(phrases, key=len, reverse=True)
    if escape:
        return "|".join(re.escape(p) for p in parts)
    return "|".join(p.replace(" ", r"[ \t]+") for p in parts)


@dataclass(frozen=True)
class _Patterns:
    label: re.Pattern[str]
    program: re.Pattern[str]
    day: re.Pattern[str]
    letter: re.Pattern[str]
    list_gap: re.Pattern[str]
    range_gap: re.Pattern[str]
    exception_gap: re.Pattern[str]
    skip_line: re.Pattern[str]
    other: re.Pattern[str]
    letter_day: dict[str, int]


@cache
def _patterns() -> _Patterns:
    v = vocabulary()

    def word(phrases: list[str]) -> re.Pattern[str]:
        return re.compile(rf"(?<![A-Za-z])(?:{_alternatives(phrases)})(?![A-Za-z])", re.I)

    letter_day = {letter: n for n, forms in enumerate(v.weekdays) for letter in forms.letters}
    letters = _alternatives(list(letter_day), escape=True)
    named = "|".join(
        rf"(?P<d{n}>(?i:{_alternatives(forms.names, escape=True)})s?\.?)"
        for n, forms in enumerate(v.weekdays)
    )
    # several one- or two-letter weekdays written together ("MWF", "TTh") or one alone
    compact = rf"(?P<compact>(?:{letters}){{2,}})(?!-[A-Za-z]{{2}})"
    single = rf"(?P<letter>{letters})"
    day = re.compile(rf"(?<![A-Za-z])(?:{named}|{compact}|{single})(?![A-Za-z])")
    blank = r"[ \t]*"
    return _Patterns(
        label=word(v.labels),
        program=word(v.program_words),
        day=day,
        letter=re.compile(letters),
        list_gap=re.compile(
            rf"{blank}(?:(?:{_alternatives(v.list_separators, escape=True)}){blank})?", re.I
        ),
        range_gap=re.compile(
            rf"{blank}(?:{_alternatives(v.range_separators, escape=True)}){blank}", re.I
        ),
        exception_gap=re.compile(
            rf"{blank}[,;(]?{blank}(?:{_alternatives(v.exceptions)}){blank}", re.I
        ),
        skip_line=word(v.negated + v.hypothetical + v.historical),
        other=word(v.other_programs),
        letter_day=letter_day,
    )


@dataclass(frozen=True)
class _Day:
    weekday: int
    start: int
    end: int


def _days(text: str, start: int, end: int) -> Iterator[_Day]:
    """Weekdays written in ``text[start:end]``, in order; a compact run gives one per letter."""
    p = _patterns()
    for m in p.day.finditer(text, start, end):
        if m.group("compact") is not None:
            for part in p.letter.finditer(m.group("compact")):
                yield _Day(p.letter_day[part.group()], m.start(), m.end())
        elif m.group("letter") is not None:
            yield _Day(p.letter_day[m.group("letter")], m.start(), m.end())
        else:
            n = next(n for n in range(DAYS_PER_WEEK) if m.group(f"d{n}") is not None)
            yield _Day(n, m.start(), m.end())


@dataclass(frozen=True)
class _Run:
    weekdays: frozenset[int]
    end: int
    days: tuple[_Day, ...]


def _run(text: str, days: list[_Day], first: int) -> tuple[_Run, int] | None:
    """The run of weekdays joined by list or range separators from ``days[first]``, and the
    index after it; ``None`` if a range runs backwards ("Thu-Mon")."""
    p = _patterns()
    chosen = {days[first].weekday}
    i = first
    while i + 1 < len(days):
        here, after = days[i], days[i + 1]
        gap = text[here.end : after.start]
        if after.start == here.start:  # the next letter of a compact run ("MWF")
            chosen.add(after.weekday)
        elif p.range_gap.fullmatch(gap):
            if after.weekday < here.weekday:
                return None
            chosen.update(range(here.weekday, after.weekday + 1))
        elif p.list_gap.fullmatch(gap):
            chosen.add(after.weekday)
        else:
            break
        i += 1
    return _Run(frozenset(chosen), days[i].end, tuple(days[first : i + 1])), i + 1


def weekdays_in(text: str, start: int, end: int) -> tuple[int, ...]:
    """The weekdays ``text[start:end]`` lists (its first run: "Mon/Wed/Thu", "M-F",
    "MWF"), ascending; ``()`` when it lists none (or a range runs backwards)."""
    days = list(_days(text, start, end))
    if not days:
        return ()
    found = _run(text, days, 0)
    return () if found is None else tuple(sorted(found[0].weekdays))


def _is_date_reference(text: str, day: _Day, end: int) -> bool:
    """The weekday is followed by a date ("Monday 06/02/2025", "Mon, June 2")."""
    date = next(find_dates(text, day.end, min(end, day.end + 40)), None)
    return (
        date is not None
        and len(text[day.end : date.start].strip(" \t,")) == 0
        and (date.start - day.end <= _DATE_GAP)
    )


def _heading_label(layout: Layout, i: int) -> tuple[int, int] | None:
    """The schedule label a line stands under: its section's heading ("## Schedule") or an
    empty labeled field right above it ("IOP schedule:"), as a span of the label."""
    p = _patterns()
    text = layout.text
    if i > 0:
        above = layout.fields_by_line[i - 1]
        if above and above[-1].empty:
            m = p.label.search(text, above[-1].label_start, above[-1].start)
            if m is not None:
                return m.span()
    for j in range(i - 1, -1, -1):
        h = layout.headings[j]
        if h is None:
            continue
        m = p.label.search(text, h.start, h.end)
        return m.span() if m is not None else None
    return None


def _schedule(doc: DocInput, layout: Layout, i: int) -> ProgramSchedule | None:
    p = _patterns()
    text = layout.text
    line = layout.lines[i]
    if p.skip_line.search(text, line.cstart, line.cend):
        return None
    label = p.label.search(text, line.cstart, line.cend)
    hours = False
    if label is None:
        program = p.program.search(text, line.cstart, line.cend)
        if program is not None:
            label, hours = program, True
    after_label = label.end() if label is not None else line.cstart
    days = list(_days(text, after_label, line.cend))
    if not days:
        return None
    if label is None:
        # no label on the line: one that leads with its weekdays under a schedule heading
        # or label ("## Schedule" / "Mon/Wed/Thu 9:00 AM-12:00 PM: Process Group ...")
        if text[line.cstart : days[0].start].strip(" \t-*•") or layout.in_table(i):
            return None
        if _heading_label(layout, i) is None:
            return None
    found = _run(text, days, 0)
    if found is None:
        return None
    run, after = found
    weekdays = set(run.weekdays)
    end = run.end
    if after < len(days) and p.exception_gap.fullmatch(text[end : days[after].start]):
        excepted = _run(text, days, after)
        if excepted is None:
            return None
        weekdays -= excepted[0].weekdays
        end = excepted[0].end
        run = _Run(run.weekdays, end, run.days + excepted[0].days)
    if len(weekdays) < vocabulary().min_weekdays:
        return None
    if hours:
        # a program named before weekdays: a schedule only with its hours right after them
        slot = next(find_time_ranges(text, end, line.cend), None)
        if slot is None or text[end : slot.start].strip(" \t,:"):
            return None
    if any(_is_date_reference(text, day, line.cend) for day in run.days):
        return None
    if p.other.search(text, line.cstart, run.days[0].start):
        return None
    if label is None and p.other.search(text, line.cstart, line.cend):
        # only a heading above names it a schedule: the whole line must not be about
        # something else ("Tue/Sat 7:00 PM: AA meeting", "outpatient therapy after
        # discharge"); a line that names the IOP itself may say "after school"
        return None
    spans = [(label.start() if label is not None else run.days[0].start, end)]
    if label is None:
        heading = _heading_label(layout, i)
        if heading is not None:
            spans.insert(0, heading)
    evidence = tuple(e for a, b in spans if (e := layout.evidence(a, b)) is not None)
    if not evidence:
        return None
    return ProgramSchedule(
        weekdays=tuple(sorted(weekdays)),
        evidence=evidence,
        source=source(
            "schedule.heading"
            if label is None
            else ("schedule.program_hours" if hours else "schedule.weekdays")
        ),
    )


def _candidates(layout: Layout) -> list[int]:
    """Lines that may state a schedule: those holding a label or a program word, and the
    text lines right below a schedule label or heading (found by one scan of the text)."""
    p = _patterns()
    text = layout.text
    lines = {
        layout.line_at(m.start())
        for pattern in (p.label, p.program)
        for m in pattern.finditer(text)
    }
    out = set(lines)
    for i in sorted(lines):
        # "## Schedule" or "IOP schedule:" heads the lines below it (_heading_label decides)
        for j in range(i + 1, min(len(layout.lines), i + 21)):
            if layout.lines[j].is_text:
                out.add(j)
    return sorted(k for k in out if layout.lines[k].is_text)


def extract_schedules(doc: DocInput) -> list[ProgramSchedule]:
    """The member's IOP schedules the document states, one per set of weekdays."""
    found: dict[tuple[int, ...], ProgramSchedule] = {}
    layout = layout_of(doc.document)
    for i in _candidates(layout):
        schedule = _schedule(doc, layout, i)
        if schedule is not None:
            found.setdefault(schedule.weekdays, schedule)
    return list(found.values())
