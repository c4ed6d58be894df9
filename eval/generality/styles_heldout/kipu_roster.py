"""Held-out style: a Kipu-like weekly attendance grid and daily group-session rosters.

Imitates what an addiction/behavioral-health EHR of the Kipu kind exports for a patient:
a "Weekly Attendance" grid per calendar week (Markdown table; one row per schedule block
labelled with military times "0900-1030" and the service, one column per weekday, headed
either "Tue 10/7" or only "Tue" under a "Week of" line) whose cells hold letter codes
(P, A, NS, C, L 0920 = late in at, LE 1140 = left early at, CLOSED) with a legend; one-to-one
visits sit in a shared row with their own times in the cell. Beside it, daily "Group
Session Documentation" files dated "Tuesday, October 7, 2025", one section per group with
times "9:00a-10:30a", leader and co-leader with credentials, the count of patients in
attendance, a roster line for the patient and a patient-specific note. A patient
information sheet, a master treatment plan and a discharge summary complete most charts.
Variants: grid and rosters (with dated or undated grid columns), rosters only, grid only.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_heldout._common import (
    Chart,
    Goal,
    by_date,
    goal_line,
    goals_for,
    is_video,
    long_date,
    mdy,
    mdy_nopad,
    monday_of,
    month_d_y,
    response_line,
    safe_reason,
    session_work,
    signed_name,
    tletter,
    tmil,
    wd3,
)

ROW_NAME = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "Group Psychotherapy",
    ServiceKind.GROUP_EDUCATION: "Psychoeducation Group",
    ServiceKind.MEAL: "Lunch (supervised)",
}
CODE = {
    Attendance.ATTENDED: "P",
    Attendance.ABSENT: "A",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "C",
}
ROSTER_STATUS = {
    Attendance.ATTENDED: "Attended",
    Attendance.ABSENT: "Absent (excused)",
    Attendance.NO_SHOW: "No-show",
    Attendance.CANCELLED: "Cancelled by patient",
}
_IND_FAM = (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING)
ONE_TO_ONE = {
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: ("IND", "Individual Therapy Session"),
    ServiceKind.FAMILY_COUNSELING: ("FAM", "Family Therapy Session"),
    ServiceKind.CASE_MANAGEMENT: ("CM", "Case Management Contact"),
    ServiceKind.MEDICATION_MANAGEMENT: ("MM", "Psychiatric Medication Management Visit"),
}


def _cell(s: PlannedSession) -> str:
    code = CODE[s.attendance]
    if s.member_start:
        code = f"L {tmil(s.member_start)}"
    elif s.member_end:
        code = f"LE {tmil(s.member_end)}"
    if is_video(s) and s.attended and s.kind is not ServiceKind.MEAL:
        code += " (V)"
    return code


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = scn.seed % 4
    dated_columns = variant in (0, 3)
    has_grid = variant in (0, 1, 3)
    has_rosters = variant in (0, 1, 2)
    has_discharge = variant != 2
    has_info = True
    chart = Chart(scn)
    m = scn.member
    goals = goals_for(scn)
    days = by_date(scn)
    mrn = f"{m.last[:3].upper()}{rng.randint(1000, 9999)}"

    # ------------------------------------------------------------- weekly grids
    if has_grid:
        slots = sorted(
            {(s.start, s.end, s.kind) for s in scn.sessions if s.kind in ROW_NAME},
            key=lambda x: (x[0], x[1]),
        )
        week = monday_of(scn.admission_date)
        while week <= scn.discharge_date:
            _grid(chart, scn, week, slots, days, dated_columns, mrn)
            week += dt.timedelta(days=7)

    # ------------------------------------------------------------- daily rosters
    if has_rosters:
        for day, sessions in days.items():
            _rosters(chart, scn, day, sessions, rng, goals, variant)
        for closed in scn.closed_days:
            name = f"Group_Notes_{closed.isoformat()}.md"
            chart.add(
                name,
                f"# Group Session Documentation\n\n**{long_date(closed)}**\n\n"
                "Facility closed (holiday). No groups held.\n",
            )
            chart.doc_date(closed)

    # ------------------------------------------------------------- patient information
    if has_info:
        info = [
            "# Patient Information",
            "",
            f"- **Patient:** {m.first} {m.last}  (MR# {mrn})",
            f"- **DOB:** {month_d_y(m.date_of_birth)}",
            f"- **Level of care:** Intensive Outpatient (IOP) - {scn.program}",
            f"- **Admission Date:** {month_d_y(scn.admission_date)}",
            f"- **Primary Diagnosis:** {scn.diagnosis_code} {scn.diagnosis_name}",
            f"- **Primary Therapist:** {signed_name(scn.therapists[0])}",
            f"- **Attending Psychiatrist:** {signed_name(scn.physician)}",
            f"- **Insurance ID:** {m.member_id}",
            "",
            f"Created {mdy(scn.admission_date)} by Admissions.",
        ]
        chart.add("Patient_Information.md", "\n".join(info))
        chart.doc_date(scn.admission_date)

    # ------------------------------------------------------------- master treatment plan
    plan_date = scn.admission_date + dt.timedelta(days=rng.choice((1, 2, 3)))
    starts = sorted({s.start for s in scn.sessions if s.is_group})
    ends = sorted({s.end for s in scn.sessions if s.is_group})
    weekdays = sorted({s.date.weekday() for s in scn.sessions if s.is_group})
    sched = (
        f"{'/'.join(wd3(dt.date(2024, 1, 1) + dt.timedelta(days=d)) for d in weekdays)} "
        f"{tmil(starts[0])}-{tmil(ends[-1])}"
        if starts
        else "per program calendar"
    )
    plan = [
        "# Master Treatment Plan",
        "",
        f"Patient: {m.first} {m.last} | MR# {mrn} | Plan date: {month_d_y(plan_date)}",
        f"Diagnosis: {scn.diagnosis_code} - {scn.diagnosis_name}",
        f"IOP schedule: {sched}; individual therapy weekly; family session as indicated.",
        "",
        "| # | Problem | Goal | Objective | Target date |",
        "|---|---|---|---|---|",
    ]
    for i, g in enumerate(goals, start=1):
        target = plan_date + dt.timedelta(weeks=g.weeks)
        plan.append(f"| {i} | {g.problem} | {g.goal} | {g.objective} | {mdy_nopad(target)} |")
    plan += [
        "",
        "Interdisciplinary team: therapist, psychiatrist, nursing and case management review "
        "this plan weekly. Family engagement: family invited to family sessions.",
        "",
        f"Signatures: {signed_name(scn.therapists[0])} ({mdy(plan_date)}); "
        f"{signed_name(scn.physician)} ({mdy(plan_date)}); patient ({mdy(plan_date)})",
    ]
    chart.add("Master_Treatment_Plan.md", "\n".join(plan))
    chart.doc_date(plan_date)

    # ------------------------------------------------------------- discharge summary
    if has_discharge:
        signed = scn.discharge_date + dt.timedelta(days=rng.choice((0, 1, 1, 2)))
        ds = [
            "# Discharge Summary",
            "",
            f"**Patient:** {m.first} {m.last} (MR# {mrn})",
            f"**Admission Date:** {long_date(scn.admission_date)}",
            f"**Discharge Date:** {long_date(scn.discharge_date)}",
            "**Discharge type:** Successful completion",
            "",
            "Summary of treatment: attended groups and individual sessions; improved use of "
            "coping skills; mood and sleep improved.",
            "Aftercare: outpatient therapy weekly, psychiatry in 30 days, peer support "
            "meetings twice weekly.",
            "",
            f"Signed by {signed_name(scn.therapists[0])} on {mdy(signed)}",
        ]
        chart.add("Discharge_Summary.md", "\n".join(ds))
        chart.doc_date(signed)
    return chart.render(admission_stated=has_info, discharge_stated=has_discharge)


def _grid(
    chart: Chart,
    scn: Scenario,
    week: dt.date,
    slots: list[tuple[dt.time, dt.time, ServiceKind]],
    days: dict[dt.date, list[PlannedSession]],
    dated_columns: bool,
    mrn: str,
) -> None:
    name = f"Attendance_Week_of_{week.isoformat()}.md"
    dates = [week + dt.timedelta(days=i) for i in range(5)]
    heads = [f"{wd3(d)} {d.month}/{d.day}" if dated_columns else wd3(d) for d in dates]
    lines = [
        f"# Weekly Attendance - {scn.member.last}, {scn.member.first} (MR# {mrn})",
        "",
        f"**Week of {mdy(week)}** - {scn.program}"
        + ("" if "Intensive" in scn.program or "IOP" in scn.program else " IOP"),
        "",
        "| Time | Service | " + " | ".join(heads) + " |",
        "|---|---|" + "---|" * len(dates),
    ]
    in_episode = [scn.admission_date <= d <= scn.discharge_date for d in dates]
    written: list[PlannedSession] = []
    for start, end, kind in slots:
        cells = []
        for d, inside in zip(dates, in_episode, strict=True):
            hit = [s for s in days.get(d, []) if (s.start, s.end, s.kind) == (start, end, kind)]
            if d in scn.closed_days:
                cells.append("CLOSED")
            elif hit:
                cells.append(_cell(hit[0]))
                written.append(hit[0])
            else:
                cells.append("" if not inside else "-")
        row = f"| {tmil(start)}-{tmil(end)} | {ROW_NAME[kind]} | " + " | ".join(cells)
        lines.append(row + " |")
    one_to_one = (
        ("Individual / Family", _IND_FAM),
        ("CM / Psychiatry", (ServiceKind.CASE_MANAGEMENT, ServiceKind.MEDICATION_MANAGEMENT)),
    )
    for label, kinds in one_to_one:
        cells = []
        for d in dates:
            hit = [s for s in days.get(d, []) if s.kind in kinds]
            parts = []
            for s in hit:
                abbr = ONE_TO_ONE[s.kind][0]
                parts.append(f"{abbr} {tmil(s.start)}-{tmil(s.end)} {_cell(s)}")
                written.append(s)
            cells.append("; ".join(parts))
        if any(cells):
            lines.append(f"| see cell | {label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Legend: P = present; A = absent (excused); NS = no-show; C = cancelled by patient; "
        "L hhmm = present, arrived late at hhmm; LE hhmm = present, left early at hhmm; "
        "(V) = attended by telehealth video, no mark = on site; CLOSED = facility closed; "
        "- = not scheduled. IND = individual therapy, FAM = family therapy, "
        "CM = case management, MM = medication management.",
    ]
    reviewed = max((s.date for s in written), default=None)
    if reviewed is not None:
        lines.append(f"\nReviewed by {signed_name(scn.therapists[0])} on {mdy(reviewed)}")
        chart.doc_date(reviewed)
    chart.add(name, "\n".join(lines))
    for s in written:
        chart.mark(
            s,
            name,
            length=True,
            kind=True,
            attendance=True,
            member_times=True,
            modality=s.attended and s.kind is not ServiceKind.MEAL,
        )


def _rosters(
    chart: Chart,
    scn: Scenario,
    day: dt.date,
    sessions: list[PlannedSession],
    rng: random.Random,
    goals: tuple[Goal, ...],
    variant: int,
) -> None:
    m = scn.member
    name = f"Group_Notes_{day.isoformat()}.md"
    out = ["# Group Session Documentation", "", f"**{long_date(day)}**", ""]
    patient = f"{m.last}, {m.first[0]}."
    for s in sessions:
        if s.kind is ServiceKind.MEAL:
            continue
        span = f"{tletter(s.start)}-{tletter(s.end)}"
        if s.is_group:
            kind = ROW_NAME[s.kind]
            lead = s.facilitators[0]
            out += [f"## {s.title} - {span}", ""]
            staff = f"Leader: {signed_name(lead)}"
            if len(s.facilitators) > 1:
                staff += f" | Co-leader: {signed_name(s.facilitators[1])}"
            out += [staff, f"Group type: {kind}"]
            if s.attended:
                out.append(f"Patients in attendance: {s.group_size}")
            if s.attended:
                room = "Telehealth (video)" if is_video(s) else "On site, Group Room B"
                out.append(f"Setting: {room}")
            out.append(f"Topic: {s.topic}")
            out += ["", "| Patient | Status | Comment |", "|---|---|---|"]
        else:
            title = ONE_TO_ONE[s.kind][1]
            out += [f"## {title} - {span}", ""]
            clin = (
                scn.physician if s.kind is ServiceKind.MEDICATION_MANAGEMENT else scn.therapists[0]
            )
            out.append(f"Clinician: {signed_name(clin)}")
            if s.attended:
                room = "Telehealth (video)" if is_video(s) else "On site, Office 4"
                out.append(f"Setting: {room}")
            out += ["", "| Patient | Status | Comment |", "|---|---|---|"]
        comment = ""
        if s.member_start:
            comment = f"Arrived late at {tletter(s.member_start)}"
        elif s.member_end:
            comment = f"Left early at {tletter(s.member_end)}"
        elif not s.attended:
            comment = safe_reason(s) or "-"
        out.append(f"| {patient} | {ROSTER_STATUS[s.attendance]} | {comment or '-'} |")
        out.append("")
        if s.attended:
            work = f"Group explored {s.topic}." if s.is_group else session_work(rng, s, m.first)
            out.append(
                f"Patient-specific note: {work} {response_line(rng, m.first, s)} "
                f"{goal_line(rng, goals)}"
            )
        else:
            out.append("Patient-specific note: outreach call made by staff.")
        signer = s.facilitators[0] if s.facilitators else scn.therapists[0]
        if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
            signer = scn.physician
        lag = rng.choice((0, 0, 0, 1)) if variant != 2 else 0
        signed = day + dt.timedelta(days=lag)
        out += [f"_Signed {signed_name(signer)} - {mdy(signed)}_", ""]
        chart.doc_date(signed)
        chart.mark(
            s,
            name,
            length=True,
            kind=True,
            attendance=True,
            member_times=True,
            modality=s.attended,
            group_size=s.is_group and s.attended,
            facilitators=s.is_group,
        )
    chart.add(name, "\n".join(out))


FAMILY = Family(
    name="ho-kipu-roster",
    split="heldout",
    description="Kipu-like weekly attendance grid and daily group rosters",
    conventions=(
        "Week-of grid with weekday columns, dated or undated",
        "letter codes with legend, late/left-early times in cells",
        "daily roster files, 'Tuesday, October 7, 2025', '9:00a-10:30a'",
        "grid and roster document the same session",
    ),
    render=render,
)
