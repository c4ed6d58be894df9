"""Held-out style: SimplePractice / TherapyNotes-like per-day progress-note exports.

Imitates the notes a small-practice EHR prints per appointment: a client banner, a note
heading, the appointment line in the vendor's own spelling ("Tue, Mar 3, 2025 · 9:00 AM to
10:30 AM", "Mar 3, 2025 9–10:30am", or "Date of Service / Time / Duration: 90 min"), the
clinician, the billing code with its catalogue description (whose minutes are the code's,
not the session's), location (video office or main office), SOAP-like sections, a "Next
appointment" line and an e-signature with date and time. Attended appointments have no
attendance field: the note itself documents the client taking part; missed ones get a
"Missed Appointment" entry with a status (No Show, Late Canceled, Canceled, Absent). All
notes of one date share a Markdown file. An intake note (admission date), a treatment plan
with target dates, a monthly superbill and a discharge summary appear in most variants; one
variant names services by code only.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario, Staff
from eval.generality.styles_heldout._common import (
    MONTHS,
    Chart,
    Goal,
    age_on,
    by_date,
    extra_staff,
    goal_line,
    goals_for,
    is_video,
    loose_range,
    mdy,
    mdy_nopad,
    minutes_of,
    mon_d_y,
    response_line,
    risk_sentence,
    safe_reason,
    session_work,
    signed_name,
    t12,
    wd3,
)

CATALOGUE = {
    "90853": "Group psychotherapy (other than of a multiple-family group)",
    "90834": "Psychotherapy, 45 min",
    "90837": "Psychotherapy, 60 min",
    "90847": "Family psychotherapy (conjoint psychotherapy) (with patient present), 50 min",
    "T1016": "Case management, each 15 minutes",
    "99213": "Office/outpatient visit, established patient (medication management)",
}
FEES = {"90853": 65, "90834": 120, "90837": 160, "90847": 130, "T1016": 22, "99213": 110}
HEADING = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "Group Progress Note",
    ServiceKind.GROUP_EDUCATION: "Group Progress Note",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Individual Progress Note",
    ServiceKind.FAMILY_COUNSELING: "Family Session Note",
    ServiceKind.CASE_MANAGEMENT: "Case Management Note",
    ServiceKind.MEDICATION_MANAGEMENT: "Psychiatric Medication Management Note",
}
MISSED = {
    Attendance.NO_SHOW: "No Show",
    Attendance.CANCELLED: "Late Canceled",
    Attendance.ABSENT: "Absent (excused)",
}


def _when(s: PlannedSession, style: str) -> list[str]:
    if style == "dot":
        return [f"**{wd3(s.date)}, {mon_d_y(s.date)} · {t12(s.start)} to {t12(s.end)}**"]
    if style == "loose":
        return [f"**{mon_d_y(s.date)} {loose_range(s.start, s.end)}**"]
    if style == "fields":
        mins = minutes_of(s.end) - minutes_of(s.start)
        return [
            f"Date of Service: {mdy(s.date)}",
            f"Time: {t12(s.start)} - {t12(s.end)}",
            f"Duration: {mins} min",
        ]
    return [f"**{wd3(s.date)}, {mon_d_y(s.date)} · {t12(s.start)} to {t12(s.end)}**"]


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = scn.seed % 4
    style = ("dot", "loose", "dot", "fields")[variant]
    code_only = variant == 2
    has_intake = variant != 2
    has_superbill = variant in (0, 3)
    has_discharge = variant != 3
    chart = Chart(scn)
    m = scn.member
    goals = goals_for(scn)
    cm = extra_staff(rng, "CM")
    client_id = f"{rng.randint(1000000, 9999999)}"
    days = by_date(scn)
    shown = [s for s in scn.sessions if s.kind in HEADING]
    billed: list[PlannedSession] = []

    for day, sessions in days.items():
        todays = [s for s in sessions if s.kind in HEADING]
        if not todays:
            continue
        name = f"{day.isoformat()}_Progress_Notes.md"
        out = [f"# {m.first} {m.last}", f"DOB {mdy(m.date_of_birth)} · Client ID {client_id}", ""]
        for s in todays:
            out += _note(scn, s, rng, style=style, code_only=code_only, goals=goals)
            nxt = next((n for n in shown if (n.date, n.start) > (s.date, s.start)), None)
            if s.attended and nxt is not None and nxt.date > s.date:
                out.append(
                    f"Next appointment: {wd3(nxt.date)}, {mon_d_y(nxt.date)} at {t12(nxt.start)}"
                )
            signer = _clinician(scn, s, cm)
            lag = rng.choice((0, 0, 0, 1, 2))
            signed = s.date + dt.timedelta(days=lag)
            at = minutes_of(s.end) + rng.randint(20, 200) if lag == 0 else rng.randint(480, 1100)
            at = min(at, 23 * 60 + 45)
            stamp = t12(dt.time(at // 60, at % 60))
            out += [f"_Signed by {signed_name(signer)} on {mdy_nopad(signed)} at {stamp}_", ""]
            chart.doc_date(signed)
            chart.mark(
                s,
                name,
                length=True,
                kind=True,
                attendance=not s.attended,
                implied=s.attended,
                member_times=True,
                modality=s.attended,
                group_size=s.is_group and s.attended,
                facilitators=s.is_group,
            )
            if s.attended and s.cpt is not None:
                billed.append(s)
        chart.add(name, "\n".join(out))

    # ------------------------------------------------------------- superbills
    if has_superbill:
        months: dict[tuple[int, int], list[PlannedSession]] = {}
        for s in billed:
            months.setdefault((s.date.year, s.date.month), []).append(s)
        for (y, mo), items in months.items():
            name = f"Superbill_{MONTHS[mo - 1]}_{y}.md"
            issued = max(s.date for s in items)  # printed after the month's last visit
            rows = [
                "# Superbill / Statement for Insurance Reimbursement",
                "",
                f"Client: {m.first} {m.last} · DOB {mdy(m.date_of_birth)} · "
                f"Insurance ID {m.member_id}",
                f"Provider: {scn.program} · Statement date {mdy(issued)}",
                f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
                "",
                "| Date of service | Code | Description | Units | Fee |",
                "|---|---|---|---|---|",
            ]
            for s in items:
                code = s.cpt or ""
                units = int(s.minutes) // 15 if code == "T1016" else 1
                fee = FEES.get(code, 100) * units
                desc = CATALOGUE.get(code, "Behavioral health service")
                rows.append(f"| {mdy(s.date)} | {code} | {desc} | {units} | ${fee}.00 |")
                chart.mark(s, name, length=code == "T1016", kind=True, attendance=False)
            chart.add(name, "\n".join(rows))
            chart.doc_date(issued)

    # ------------------------------------------------------------- intake note
    if has_intake:
        intake = [
            f"# {m.first} {m.last}",
            f"DOB {mdy(m.date_of_birth)} · Client ID {client_id}",
            "",
            "## Psychiatric Intake / Admission Note",
            f"**{wd3(scn.admission_date)}, {mon_d_y(scn.admission_date)}**",
            f"Clinician: {signed_name(scn.therapists[0])}",
            "",
            f"Date of admission to IOP: {mdy(scn.admission_date)}",
            f"Age: {age_on(m.date_of_birth, scn.admission_date)}",
            "Presenting problem: worsening symptoms over 6 weeks with missed work and "
            "withdrawal from family; stepped down from inpatient care.",
            f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
            f"Risk assessment: {risk_sentence(rng)}",
            "History: prior outpatient therapy in 2019 (ended 2020-05); one prior hospitalization.",
            "Recommendation: IOP, 3-4 days per week, at least 9 hours of services weekly.",
            "",
            f"_Signed by {signed_name(scn.therapists[0])} on {mdy_nopad(scn.admission_date)}_",
        ]
        chart.add("Intake_Note.md", "\n".join(intake))
        chart.doc_date(scn.admission_date)

    # ------------------------------------------------------------- treatment plan
    plan_date = scn.admission_date + dt.timedelta(days=rng.choice((0, 1, 2)))
    plan = [
        f"# {m.first} {m.last}",
        "",
        "## Treatment Plan",
        f"Plan date: {mon_d_y(plan_date)}",
        f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
        "",
    ]
    for i, g in enumerate(goals, start=1):
        plan += [
            f"**Goal {i}:** {g.goal}",
            f"- Objective: {g.objective}",
            f"- Target date: {mon_d_y(plan_date + dt.timedelta(weeks=g.weeks))}",
            "",
        ]
    plan += [
        "**Frequency of treatment:** IOP groups 3 hours per day, 3-4 days per week; "
        "individual session weekly (53+ min); family session as needed.",
        "**Coordination:** treatment team (therapist, psychiatrist, case manager) meets weekly.",
        "",
        f"_Signed by {signed_name(scn.therapists[0])} on {mdy_nopad(plan_date)}_  ",
        f"_Signed by {signed_name(scn.physician)} on {mdy_nopad(plan_date)}_",
    ]
    chart.add("Treatment_Plan.md", "\n".join(plan))
    chart.doc_date(plan_date)

    # ------------------------------------------------------------- discharge summary
    if has_discharge:
        signed = scn.discharge_date + dt.timedelta(days=rng.choice((0, 1, 3)))
        ds = [
            f"# {m.first} {m.last}",
            "",
            "## Discharge Summary",
            f"Discharge date: {mon_d_y(scn.discharge_date)}",
            "Reason: completed IOP; goals partially to substantially met.",
            "Step-down: weekly outpatient therapy with this practice; first appointment "
            f"{mon_d_y(scn.discharge_date + dt.timedelta(days=7))} at 3:00 PM.",
            "",
            f"_Signed by {signed_name(scn.therapists[0])} on {mdy_nopad(signed)}_",
        ]
        chart.add("Discharge_Summary.md", "\n".join(ds))
        chart.doc_date(signed)
    return chart.render(admission_stated=has_intake, discharge_stated=has_discharge)


def _clinician(scn: Scenario, s: PlannedSession, cm: Staff) -> Staff:
    if s.facilitators:
        return s.facilitators[0]
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        return scn.physician
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        return cm
    return scn.therapists[0]


def _note(
    scn: Scenario,
    s: PlannedSession,
    rng: random.Random,
    *,
    style: str,
    code_only: bool,
    goals: tuple[Goal, ...],
) -> list[str]:
    m = scn.member
    if not s.attended:
        head = "## Missed Appointment"
    elif code_only:
        head = "## Progress Note"
    else:
        head = f"## {HEADING[s.kind]}"
    out = [head, *_when(s, style)]
    if code_only and s.cpt is not None:
        out.append(f"Service code: {s.cpt}")
    elif s.cpt is not None:
        out.append(f"Service: {s.cpt} {CATALOGUE.get(s.cpt, HEADING[s.kind])}")
    else:
        out.append("Service: Psychoeducation group (non-billable)")
    if s.is_group:
        out.append("Clinicians: " + "; ".join(signed_name(f) for f in s.facilitators))
        out.append(f"Group: {s.title}")
    if not s.attended:
        reason = safe_reason(s)
        out.append(f"Status: {MISSED[s.attendance]}" + (f" - {reason}" if reason else ""))
        out.append("")
        return out
    out.append("Location: " + ("Video Office (telehealth)" if is_video(s) else "Main Office"))
    if s.is_group:
        out.append(f"Members present: {s.group_size}")
    if s.member_start:
        late = minutes_of(s.member_start) - minutes_of(s.start)
        out.append(f"Client arrived {late} minutes late, at {t12(s.member_start)}.")
    if s.member_end:
        out.append(f"Client left at {t12(s.member_end)} for a medical appointment.")
    what = (
        f"Group worked on {s.topic}; facilitator taught and modelled the skill."
        if s.is_group
        else session_work(rng, s, m.first)
    )
    out += [
        "",
        "**Subjective:** "
        + rng.choice(
            (
                f'"It was a rough weekend," {m.first} said.',
                f"{m.first} reports sleeping better this week.",
                f"{m.first} reports ongoing worry about work.",
            )
        ),
        f"**Intervention:** {what}",
        f"**Progress:** {response_line(rng, m.first, s)} {goal_line(rng, goals)}",
        "**Plan:** Continue treatment as planned.",
    ]
    return out


FAMILY = Family(
    name="ho-simplepractice-notes",
    split="heldout",
    description="SimplePractice/TherapyNotes-like per-day Markdown notes with superbills",
    conventions=(
        "appointment lines 'Tue, Mar 3, 2025 · 9:00 AM to 10:30 AM' or '9–10:30am'",
        "no attendance field on attended notes; missed-appointment statuses",
        "CPT catalogue descriptions with the code's minutes; code-only variant",
        "monthly superbill lines for billed sessions; next-appointment lines",
    ),
    render=render,
)
