"""An EHR's "activity outline" print: the client's services as an outline whose only
structure is indentation, with no rules, bullets or blank lines between records.

A header names the client, the admission and discharge, the abbreviations of the services
(GRP, PSYED, IND, FAM, CM, MED) and the status codes (P present, A absent, E excused,
NS no show, LC late cancel), and the plan's frequencies ("GRP 3x/wk 90'": a plan, not
attendance). Then, at the margin, a program-week heading; indented two spaces, a day
heading carrying the only date ("THU 06-MAR-2025" in one layout, "Thursday, March 6th" in
the other, the year then only in the week heading); indented four, a line per service: the
abbreviation, the client's start and the minutes attended with a prime ("0920 70'") or as
"9:20a 1h10m", the status code and the facilitator; indented six, the note's text or the
reason for an absence. Days the program closed are day headings with "PROGRAM CLOSED".
Some individual and family notes were finished late: they are also listed under the day
they were written as "ADDENDUM / late entry for 06-MAR-2025", restating the service.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario

from . import _kit as k

LAYOUTS = ("military", "civil")
ABBR = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "GRP",
    ServiceKind.GROUP_EDUCATION: "PSYED",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "IND",
    ServiceKind.FAMILY_COUNSELING: "FAM",
    ServiceKind.CASE_MANAGEMENT: "CM",
    ServiceKind.MEDICATION_MANAGEMENT: "MED",
}
CODE = {
    Attendance.ATTENDED: "P",
    Attendance.ABSENT: "A",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "LC",
}


def _day(d: dt.date, layout: str) -> str:
    if layout == "military":
        return f"{k.WEEKDAYS[d.weekday()][:3].upper()} {k.dmy(d).upper()}"
    return f"{k.WEEKDAYS[d.weekday()]}, {k.md_ordinal(d)}"


def _when(s: PlannedSession, layout: str) -> str:
    start = k.member_in(s) if s.attended else s.start
    minutes = s.minutes if s.attended else s.scheduled_minutes
    if layout == "military":
        return f"{start:%H%M} {k.prime(minutes)}"
    return f"{k.clock(start, '12c')} {k.hm(minutes)}"


def _status(s: PlannedSession) -> str:
    if s.attendance is Attendance.ABSENT and s.absence_reason in (
        "called in sick",
        "family emergency",
    ):
        return "E"
    return CODE[s.attendance]


def _service_line(scn: Scenario, s: PlannedSession, layout: str) -> str:
    who = k.clinicians(scn, s) or (scn.therapists[0],)
    title = f"  {s.title}" if s.kind in k.GROUP_KINDS else ""
    video = "  (video)" if s.attended and k.is_video(s) else ""
    return (
        f"{ABBR[s.kind]:<6}{_when(s, layout):<14}{_status(s):<3}"
        f"{'/'.join(k.staff_name(f, 'init') for f in who)}{title}{video}"
    )


def _detail(rng: random.Random, s: PlannedSession, layout: str) -> list[str]:
    if not s.attended:
        return [f"Not attended: {k.reason(s)}."]
    out = []
    if s.member_start is not None:
        began = f"{s.start:%H%M}" if layout == "military" else k.clock(s.start, "12c")
        out.append(f"Late arrival, joined in progress (scheduled from {began}).")
    if s.member_end is not None:
        out.append("Left before the end of group (ride).")
    return out + k.wrap(k.note(rng, s), 72)


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.variant(scn, LAYOUTS)
    m = scn.member
    services = k.services(scn)
    days = k.by_day(services)
    addenda: dict[dt.date, list[PlannedSession]] = {}
    for s in services:
        if (
            s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING)
            and rng.random() < 0.4
        ):
            later = [d for d in days if s.date < d <= s.date + dt.timedelta(days=8)]
            if later:
                addenda.setdefault(later[0], []).append(s)
    plan = sorted(
        {(ABBR[s.kind], int(s.scheduled_minutes)) for s in services if s.kind in k.GROUP_KINDS}
    )
    n_days = len({s.date.weekday() for s in services if s.kind in k.GROUP_KINDS})
    out = [
        f"ACTIVITY OUTLINE   {scn.program}",
        f"Client {m.last.upper()}, {m.first.upper()}   MRN {m.member_id}   "
        f"DOB {k.date(m.date_of_birth, 'us')}",
        f"Level of care IOP   Admit {k.dmy(scn.admission_date)}   "
        f"Disch {k.dmy(scn.discharge_date)}",
        "Services GRP group psychotherapy  PSYED psychoeducation group  IND individual therapy",
        "         FAM family therapy  CM case management  MED medication management",
        "Status   P present  A absent  E excused  NS no show  LC late cancel",
        "Times    client's start and minutes attended" + (" (')" if layout == "military" else ""),
        "Plan     "
        + "  ".join(f"{a} {n_days}x/wk {k.prime(mins)}" for a, mins in plan)
        + "  IND 1x/wk",
    ]
    weeks: dict[int, list[dt.date]] = {}
    for d in sorted(set(days) | set(scn.closed_days) | set(addenda)):
        weeks.setdefault((d - scn.admission_date).days // 7 + 1, []).append(d)
    for n, ds in sorted(weeks.items()):
        start = scn.admission_date + dt.timedelta(days=7 * (n - 1))
        out.append(
            f"PROGRAM WEEK {n}  {k.date(start, 'us')} - "
            f"{k.date(start + dt.timedelta(days=6), 'us')}"
        )
        for d in ds:
            if d in scn.closed_days:
                out.append(f"  {_day(d, layout)}  PROGRAM CLOSED (holiday)")
                continue
            out.append(f"  {_day(d, layout)}")
            for s in days.get(d, []):
                out.append(f"    {_service_line(scn, s, layout)}")
                out += [f"      {line}" for line in _detail(rng, s, layout)]
            for s in addenda.get(d, []):
                out.append(
                    f"    ADDENDUM / late entry for {k.dmy(s.date).upper()}, "
                    f"entered {k.date(d, 'us')}"
                )
                out.append(f"      {_service_line(scn, s, layout)}")
                out.append("      Note completed late; content unchanged from session.")
    out.append(f"END OF OUTLINE  printed {k.date(scn.discharge_date + dt.timedelta(days=2), 'us')}")
    name = f"activity_outline_{m.member_id}.txt"
    written = [k.written(s, [name], modality=s.attended and k.is_video(s)) for s in services]
    return RenderedChart(
        files=(ChartFile(name, "\n".join(out).encode("utf-8") + b"\n"),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=max(scn.discharge_date, max(addenda, default=scn.discharge_date)),
    )


FAMILY = Family(
    name="d11-indented-day-outline",
    split="dev",
    description=(
        "An EHR activity outline structured by indentation alone: program-week headings, "
        "day headings holding the only date (THU 06-MAR-2025 or 'Thursday, March 6th'), "
        "service lines with an abbreviation, the client's start and minutes with a prime "
        "(0920 70') or as 9:20a 1h10m, status codes and staff, note text indented below, "
        "closed days, plan frequencies, and late-entry addenda filed under a later day."
    ),
    conventions=(
        "no separators: records told apart only by indentation",
        "date only in the day heading above several records",
        "day headings THU 06-MAR-2025 or 'Thursday, March 6th' (year only in the week heading)",
        "start plus minutes: 0920 70' or 9:20a 1h10m (client's own)",
        "abbreviations GRP / PSYED / IND / FAM / CM / MED",
        "status codes P/A/E/NS/LC",
        "plan frequencies GRP 3x/wk 90' (a plan)",
        "ADDENDUM / late entry for an earlier date filed under a later day",
        "PROGRAM CLOSED day headings",
    ),
    render=render,
    tags=("outline", "text"),
)
