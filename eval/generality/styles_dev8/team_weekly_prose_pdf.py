"""Weekly treatment-team summaries in prose, printed to PDF.

The interdisciplinary team reviews each client once a program week and the coordinator
writes what happened, day by day, in sentences: "Monday, March 3rd: the client attended
CBT Group (group psychotherapy) from 1:00 to 2:30 p.m., facilitated by ..., with six
members present, and ..." Late arrivals and early departures give the client's own times
and the group's; absences name the missed services and their times with the reason;
individual and family sessions, case-management and medication visits are sentences of
their own. The day is written "Monday, March 3rd" or "Mon 3/3" (the year only in the
review period at the top). Times are "1:00 to 2:30 p.m." or "1300 to 1430 hrs". Each
summary ends with clinical progress, plan target dates, the next review date and the
team's signatures; the last one states the discharge. Several days, and often two weeks,
fit on a page. Lunch is not mentioned.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

DAY_STYLES = ("word", "wmd")
TIME_STYLES = ("12one", "hrs1")
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_MISSED = {
    Attendance.ABSENT: "was absent",
    Attendance.NO_SHOW: "was a no-show",
    Attendance.CANCELLED: "cancelled",
}


def _when(s: PlannedSession, style: str) -> str:
    return "from " + k.clock_range(s.start, s.end, style, " to ")


def _attended(scn: Scenario, s: PlannedSession, style: str) -> str:
    if s.kind in k.GROUP_KINDS:
        kind = k.KIND_LABEL[s.kind].lower()
        if s.member_start is not None:
            when = (
                f"from {k.clock_range(s.member_start, s.end, style, ' to ')} (arrived "
                f"{k.minutes_between(s.start, s.member_start)} minutes late; the group ran "
                f"{k.clock_range(s.start, s.end, style, ' to ')})"
            )
        elif s.member_end is not None:
            when = (
                f"from {k.clock_range(s.start, s.member_end, style, ' to ')} (left "
                f"{k.minutes_between(s.member_end, s.end)} minutes early; the group ran "
                f"{k.clock_range(s.start, s.end, style, ' to ')})"
            )
        else:
            when = _when(s, style)
        staff = " and ".join(k.staff_name(f) for f in s.facilitators)
        video = " by video" if k.is_video(s) else ""
        size = s.group_size or 0
        return (
            f"attended {s.title} ({kind}){video} {when}, facilitated by {staff}, with "
            f"{NUMBERS[size] if size < len(NUMBERS) else size} members present"
        )
    who = k.clinicians(scn, s)[0]
    video = " by video" if k.is_video(s) else ""
    if s.kind is ServiceKind.INDIVIDUAL_PSYCHOTHERAPY:
        return f"met with {k.staff_name(who)} for individual psychotherapy{video} {_when(s, style)}"
    if s.kind is ServiceKind.FAMILY_COUNSELING:
        return (
            f"attended family psychotherapy with their spouse and {k.staff_name(who)}{video} "
            + _when(s, style)
        )
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        return (
            f"met with case manager {k.staff_name(who)} {_when(s, style)} about {s.topic} "
            "(case management)"
        )
    return f"had a medication management visit with {k.staff_name(who)} {_when(s, style)}"


def _missed(s: PlannedSession, style: str) -> str:
    name = (
        f"{s.title} ({k.KIND_LABEL[s.kind].lower()})"
        if s.kind in k.GROUP_KINDS
        else k.KIND_LABEL[s.kind].lower()
    )
    return f"{name} {_when(s, style)}"


def _day(scn: Scenario, day: list[PlannedSession], style: str, day_style: str) -> str:
    parts: list[str] = []
    services = [s for s in day if s.kind is not ServiceKind.MEAL]
    attended = [s for s in services if s.attended]
    missed = [s for s in services if not s.attended]
    if attended:
        parts.append(
            "The client " + ", and ".join(_attended(scn, s, style) for s in attended) + "."
        )
    by_status: dict[tuple[Attendance, str], list[PlannedSession]] = {}
    for s in missed:
        by_status.setdefault((s.attendance, k.reason(s)), []).append(s)
    for (att, why), items in by_status.items():
        parts.append(
            f"The client {_MISSED[att]} ({why}) and missed "
            + " and ".join(_missed(s, style) for s in items)
            + "."
        )
    return f"{k.date(day[0].date, day_style)}: " + " ".join(parts)


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    day_style = k.variant(scn, DAY_STYLES)
    style = rng.choice(TIME_STYLES)
    lead = scn.therapists[0]
    m = scn.member
    days = k.by_day(scn.sessions)
    blocks: list[list[k.Line]] = []
    written: list[Written] = []
    name = "treatment_team_summaries.pdf"
    weeks = k.program_weeks(scn)
    for number, first, last in weeks:
        final = number == len(weeks)
        lines = [
            k.Line("WEEKLY INTERDISCIPLINARY TREATMENT TEAM SUMMARY", "B", 11),
            k.Line(f"{scn.program}    Client: {m.first} {m.last}    MRN {m.member_id}"),
            k.Line(
                f"Review period: program week {number}, {k.date(first, 'long')} through "
                f"{k.date(last, 'long')}    Admitted {k.date(scn.admission_date, 'usn')}"
            ),
            k.Line(""),
            k.Line("Attendance and services", "B"),
        ]
        in_week = [d for d in sorted(days) if first <= d <= last]
        for d in in_week:
            text = _day(scn, days[d], style, day_style)
            lines += [k.Line(t) for t in k.wrap(text, 100)]
            for s in days[d]:
                if s.kind is not ServiceKind.MEAL:
                    written.append(
                        k.written(
                            s,
                            [name],
                            modality=s.attended and k.is_video(s),
                            group_size=True,
                            facilitators=s.attended,
                        )
                    )
        for d in scn.closed_days:
            if first <= d <= last:
                lines.append(k.Line(f"{k.date(d, day_style)}: program closed for the holiday."))
        if not in_week:
            lines.append(k.Line("No services were scheduled this week."))
        target = scn.admission_date + dt.timedelta(days=rng.choice((56, 60, 75)))
        review = last + dt.timedelta(days=1 + rng.randint(0, 2))
        signed = last + dt.timedelta(days=rng.randint(1, 3))
        lines += [
            k.Line(""),
            k.Line("Clinical progress", "B"),
            *[
                k.Line(t)
                for t in k.wrap(
                    "Client reports mood 5/10 (from 4/10 at intake); PHQ-9 trending down. "
                    "Uses grounding skills when distressed. History: one prior inpatient "
                    "admission in 2019; outpatient therapy 2021 to 2023.",
                    100,
                )
            ],
            k.Line("Plan", "B"),
            k.Line(
                f"Goal 1 (reduce depressive symptoms, PHQ-9 below 10) target date "
                f"{k.date(target, 'usn')}."
            ),
        ]
        if final:
            lines.append(
                k.Line(
                    f"Discharge: the client was discharged from IOP on "
                    f"{k.date(scn.discharge_date, 'long')}; aftercare with outpatient therapy."
                )
            )
        else:
            lines.append(k.Line(f"Next team review: {k.date(review, 'word')}."))
        lines += [
            k.Line(
                f"Team: {k.staff_name(lead)} (primary); {k.staff_name(scn.physician)}; "
                f"signed {k.date(signed, 'usn')}",
                "I",
            ),
            k.Line(""),
            k.Line(""),
        ]
        blocks.append(lines)
    pages = k.paginate(blocks, 690)
    for i, page in enumerate(pages):
        page.append(k.Line(""))
        page.append(k.Line(f"Page {i + 1} of {len(pages)}    Confidential", "I", 8))
    return RenderedChart(
        files=(ChartFile(name, k.pdf(pages, font="Times", leading=1.25)),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d8-team-weekly-prose-pdf",
    split="dev",
    description=(
        "Weekly interdisciplinary treatment-team summaries printed to PDF, recapping each "
        "day's services in sentences with times, facilitators, members present, late "
        "arrivals, early departures and missed services, then plan target dates and the "
        "next review date."
    ),
    conventions=(
        "services written in sentences, several per sentence",
        "day as 'Monday, March 3rd' or 'Mon 3/3' with the year only in the period",
        "times as '1:00 to 2:30 p.m.' or '1300 to 1430 hrs'",
        "client's own times with the group's in parentheses",
        "missed services grouped by reason",
        "plan target and next-review dates beside services",
        "several weeks per PDF page",
    ),
    render=render,
    tags=("pdf", "prose"),
)
