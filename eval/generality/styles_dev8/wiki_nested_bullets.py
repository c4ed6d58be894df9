"""A wiki (Confluence/Notion-style) page exported to Markdown: nested bullet lists per day.

Some small programs keep the client's record on an internal wiki. The export has a page
header with properties, the standing program schedule (what a week normally holds: a
schedule, not services), the treatment plan with target dates, and then one section per
program week whose bullets nest day -> service -> its properties: time range, status
(with the client's own arrival or leaving time), facilitators, members present, setting
and a short note. Days are "Mon 3/3" with no year (the week heading has it); times are
"1:00p-2:30p", "13:00-14:30" or "1300-1430 hrs". Bullets use "-", "*" or "+" and two or
four spaces of indent. The page states the admission date but not the discharge; its
last entries are the last services.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

TIME_STYLES = ("12c", "24", "hrs1")
BULLETS = (("-", "  "), ("*", "    "), ("+", "  "), ("-", "    "))
STATUS_ICON = {True: "✅", False: "❌"}


def _schedule(scn: Scenario, style: str) -> list[str]:
    """The standing weekly schedule, from the first program day's services."""
    days = k.by_day(scn.sessions)
    first = days[min(days)]
    weekdays = sorted({d.weekday() for d in days})
    names = "/".join(k.WEEKDAYS[w][:3] for w in weekdays)
    out = [f"- **{names}**"]
    for s in first:
        if s.kind in k.GROUP_KINDS or s.kind is ServiceKind.MEAL:
            label = "Lunch" if s.kind is ServiceKind.MEAL else k.KIND_LABEL[s.kind]
            out.append(f"  - {k.clock_range(s.start, s.end, style)} {label}")
    out.append("- Individual therapy weekly, scheduled with the primary therapist")
    return out


def _service(
    scn: Scenario, s: PlannedSession, rng: random.Random, style: str, b: str, ind: str
) -> list[str]:
    code = k.code(s)
    head = k.service(s) + (f" ({code})" if code else "")
    out = [f"{ind}{b} {head}"]
    sub = ind * 2
    out.append(f"{sub}{b} time: {k.clock_range(s.start, s.end, style)}")
    if s.kind is ServiceKind.MEAL:
        out.append(f"{sub}{b} status: {STATUS_ICON[True]} present")
        return out
    if s.attended:
        status = f"{STATUS_ICON[True]} present"
        if s.member_start is not None:
            status += f", arrived {k.clock_point(s.member_start, style)}"
        if s.member_end is not None:
            status += f", left {k.clock_point(s.member_end, style)}"
    else:
        status = f"{STATUS_ICON[False]} {k.attend(s.attendance).lower()} ({k.reason(s)})"
    out.append(f"{sub}{b} status: {status}")
    who = k.clinicians(scn, s)
    if who:
        label = "facilitators" if s.kind in k.GROUP_KINDS else "clinician"
        out.append(f"{sub}{b} {label}: " + "; ".join(k.staff_name(w) for w in who))
    if s.attended:
        if s.kind in k.GROUP_KINDS:
            out.append(f"{sub}{b} members present: {s.group_size}")
        out.append(f"{sub}{b} setting: " + ("video (Zoom)" if k.is_video(s) else "on site"))
        out.append(f"{sub}{b} note: {k.note(rng, s)}")
    return out


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    style = k.variant(scn, TIME_STYLES)
    b, ind = rng.choice(BULLETS)
    m = scn.member
    name = f"{m.last.lower()}-{m.first.lower()}-iop.md"
    target = scn.admission_date + dt.timedelta(days=rng.choice((45, 60, 90)))
    out = [
        f"# IOP record: {m.first} {m.last}",
        "",
        "| Property | Value |",
        "|---|---|",
        f"| MRN | {m.member_id} |",
        f"| DOB | {k.date(m.date_of_birth, 'usn')} |",
        f"| Program | {scn.program} |",
        f"| Admitted | {k.date(scn.admission_date, 'usn')} |",
        f"| Primary therapist | {k.staff_name(scn.therapists[0])} |",
        f"| Diagnosis | {scn.diagnosis_code} {scn.diagnosis_name} |",
        "",
        "## Standing schedule",
        "",
        *_schedule(scn, style),
        "",
        "## Treatment plan",
        "",
        "- Goal 1: reduce depressive symptoms (PHQ-9 under 10)",
        f"  - target: {k.date(target, 'usn')}",
        "- Goal 2: use two coping skills daily, tracked on a diary card",
        f"  - target: {k.date(target + dt.timedelta(days=14), 'usn')}",
        "",
    ]
    days = k.by_day(scn.sessions)
    written: list[Written] = []
    for number, first, last in k.program_weeks(scn):
        out += [f"## Week {number} ({k.date(first, 'usn')} - {k.date(last, 'usn')})", ""]
        for d in sorted({*days, *scn.closed_days}):
            if not first <= d <= last:
                continue
            if d not in days:
                out += [f"{b} **{k.date(d, 'wmd')}** - closed (holiday)", ""]
                continue
            out.append(f"{b} **{k.date(d, 'wmd')}**")
            for s in days[d]:
                if s.kind is ServiceKind.MEAL and not s.attended:
                    continue
                out += _service(scn, s, rng, style, b, ind)
                written.append(
                    k.written(s, [name], modality=s.attended, group_size=True, facilitators=True)
                )
            out.append("")
    return RenderedChart(
        files=(ChartFile(name, ("\n".join(out) + "\n").encode("utf-8")),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=False,
        latest_document_date=max(scn.sessions[w.session].date for w in written),
    )


FAMILY = Family(
    name="d8-wiki-nested-bullets",
    split="dev",
    description=(
        "A wiki page exported to Markdown: a property table, the standing weekly schedule, "
        "plan target dates, then week sections whose nested bullets go day -> service -> "
        "time, status, facilitators, members present, setting; days as 'Mon 3/3'."
    ),
    conventions=(
        "nested bullet lists, properties as sub-bullets",
        "days as Mon 3/3 with the year only in the week heading",
        "times as 1:00p-2:30p, 13:00-14:30 or 1300-1430 hrs",
        "standing schedule that is not a service record",
        "status with check-mark / cross symbols",
        "no discharge date stated",
    ),
    render=render,
    tags=("markdown", "lists"),
)
