"""A daily program flowsheet: one timestamped event per line, times with seconds.

Nursing and program staff chart the day as a timeline: the client's check-in at the front
desk, a room safety sweep, "SESSION START" and "SESSION END" of every service with the
service, its code, staff and the client's attendance, observations during a session, a
late arrival ("ARRIVAL ... joined in progress") or an early departure as events of their
own, meals, phone calls about absences and outreach to no-shows. Times carry seconds
("13:00:00"). Two layouts: a header per day with times only on the lines, or every line
stamped with an ISO date and time. Closed program days have a one-line entry. One file per
month; an episode header gives the admission and discharge dates.
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

LAYOUTS = ("header", "stamp")
HOLIDAYS = {
    dt.date(2025, 1, 20): "Martin Luther King Jr. Day",
    dt.date(2025, 2, 17): "Presidents' Day",
    dt.date(2025, 5, 26): "Memorial Day",
    dt.date(2025, 7, 4): "Independence Day",
    dt.date(2025, 9, 1): "Labor Day",
    dt.date(2025, 11, 27): "Thanksgiving",
    dt.date(2025, 12, 25): "Christmas Day",
    dt.date(2026, 1, 1): "New Year's Day",
    dt.date(2026, 1, 19): "Martin Luther King Jr. Day",
    dt.date(2026, 2, 16): "Presidents' Day",
}
_OBS = (
    "Client participating; affect brighter than at check-in.",
    "Client quiet, attentive; responded when prompted.",
    "Client shared a coping strategy with peers.",
    "Client tearful briefly, regrouped with support.",
)

Event = tuple[dt.time, int, str, str]  # time, seconds, event, detail


def _events(scn: Scenario, day: list[PlannedSession], rng: random.Random) -> list[Event]:
    out: list[Event] = []
    first = day[0]
    attended = [s for s in day if s.attended]
    out.append(
        (
            k.plus(first.start, -25),
            rng.randint(0, 59),
            "ENVIRONMENT",
            "Group room safety sweep completed by staff.",
        )
    )
    if attended:
        a = attended[0]
        if a.member_start is None:
            out.append(
                (
                    k.plus(a.start, -rng.randint(5, 12)),
                    rng.randint(0, 59),
                    "CHECK-IN",
                    "Client checked in at front desk; screening questions negative.",
                )
            )
    else:
        if first.attendance is Attendance.CANCELLED:
            out.append(
                (
                    k.plus(first.start, -50),
                    rng.randint(0, 59),
                    "PHONE",
                    f"Client called to cancel today: {k.reason(first)}.",
                )
            )
        elif first.attendance is Attendance.NO_SHOW:
            out.append(
                (
                    k.plus(first.start, 20),
                    rng.randint(0, 59),
                    "OUTREACH",
                    "Staff called client, no answer; voicemail left.",
                )
            )
        else:
            out.append(
                (
                    k.plus(first.start, -30),
                    rng.randint(0, 59),
                    "PHONE",
                    f"Message received: client will be absent ({k.reason(first)}).",
                )
            )
    for s in day:
        if s.kind is ServiceKind.MEAL:
            if s.attended:
                out.append((s.start, 0, "MEAL START", "Lunch in dining room; client present."))
                out.append((s.end, 0, "MEAL END", "Lunch"))
            continue
        code = k.code(s)
        svc = k.service(s) + (f" ({code})" if code else "")
        who = "; ".join(k.staff_name(f, "init") for f in k.clinicians(scn, s))
        where = " - video" if k.is_video(s) else ""
        if s.attended:
            status = "present, late (see ARRIVAL)" if s.member_start else "present"
        else:
            status = f"{k.attend(s.attendance, 'upper')} - {k.reason(s)}"
        out.append((s.start, 0, "SESSION START", f"{svc}{where} | {who} | attendance: {status}"))
        if s.member_start is not None and s.attended:
            out.append(
                (
                    s.member_start,
                    0,
                    "ARRIVAL",
                    f"Client arrived late; joined {s.title} in progress.",
                )
            )
        if s.attended:
            mid = k.plus(k.member_in(s), k.minutes_between(k.member_in(s), k.member_out(s)) // 2)
            out.append((mid, rng.randint(1, 59), "OBSERVATION", rng.choice(_OBS)))
        if s.member_end is not None and s.attended:
            out.append(
                (
                    s.member_end,
                    0,
                    "DEPARTURE",
                    f"Client left {s.title} early (ride arrived); did not return.",
                )
            )
        tail = f"{s.title}"
        if s.attended and s.kind in k.GROUP_KINDS:
            tail += f" | participants: {s.group_size}"
        out.append((s.end, 0, "SESSION END", tail))
    return sorted(out, key=lambda e: (e[0], e[1]))


def _line(layout: str, day: dt.date, e: Event) -> str:
    t = f"{e[0].hour:02d}:{e[0].minute:02d}:{e[1]:02d}"
    if layout == "stamp":
        return f"{day.isoformat()} {t} | {e[2]} | {e[3]}"
    return f"{t}  {e[2]:<15}{e[3]}"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.variant(scn, LAYOUTS)
    m = scn.member
    days = k.by_day(scn.sessions)
    all_days = sorted({*days, *scn.closed_days})
    months: dict[str, list[str]] = {}
    written: list[Written] = []
    for day in all_days:
        name = f"flowsheet_{day.year}-{day.month:02d}.txt"
        out = months.setdefault(
            name,
            [
                f"{scn.program.upper()} - IOP DAILY FLOWSHEET",
                f"Client: {m.last}, {m.first}    MRN: {m.member_id}    "
                f"DOB: {k.date(m.date_of_birth, 'us')}",
                f"Episode: admitted {k.date(scn.admission_date, 'us')}; "
                f"discharged {k.date(scn.discharge_date, 'us')}",
                "",
            ],
        )
        if layout == "header":
            out += ["=" * 78, f"DATE: {k.date(day, 'wmdy')}", "=" * 78]
        if day not in days:
            closed = f"PROGRAM CLOSED - {HOLIDAYS.get(day, 'holiday')}; no services."
            out.append(closed if layout == "header" else f"{day.isoformat()} | {closed}")
            out.append("")
            continue
        if layout == "header":
            out.append(f"{'TIME':<10}{'EVENT':<15}DETAIL")
        out += [_line(layout, day, e) for e in _events(scn, days[day], rng)]
        out.append("")
        for s in days[day]:
            if s.kind is ServiceKind.MEAL and not s.attended:
                continue
            written.append(
                k.written(
                    s,
                    [name],
                    modality=s.attended and k.is_video(s),
                    group_size=True,
                    facilitators=True,
                )
            )
    files = tuple(ChartFile(n, ("\n".join(v) + "\n").encode("utf-8")) for n, v in months.items())
    return RenderedChart(
        files=files,
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d8-flowsheet-timeline",
    split="dev",
    description=(
        "A daily program flowsheet of timestamped events with seconds: session start and "
        "end interleaved with check-in, safety sweeps, observations, late arrivals, early "
        "departures, meals and absence calls; a header per day or ISO-stamped lines."
    ),
    conventions=(
        "SESSION START / SESSION END event pairs",
        "times with seconds (13:00:00)",
        "late arrival and early departure as separate events",
        "other events interleaved inside sessions",
        "date only in a day header, or ISO date on every line",
        "closed program days as one line",
    ),
    render=render,
    tags=("timeline", "events"),
)
