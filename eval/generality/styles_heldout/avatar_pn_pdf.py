"""Held-out style: a Netsmart myAvatar-like "Progress Notes Report" PDF export.

Imitates the print a reviewer gets from an Avatar-type system: one long PDF of
chronological progress notes for the episode, several notes to a page, every page headed by
the client banner (name, ID, episode, report range) and footed "Page n of N". Each note is a
labelled form: Service Date, Service Code (code and upper-case description, or the code
alone), Start/End Time (12-hour padded, or full date-time stamps in 24-hour form, or a start
time and a Duration in minutes), Service Location (office or telehealth), Attendance, group
title and number in group, practitioners, DAP text and an electronic signature that may be
dated days later ("LATE ENTRY"), sometimes followed by a dated addendum. Missed services get
their own "Cancellation / No Show" notes. Beside the PDF: a Client Face Sheet (admission date), a
treatment plan with planned frequencies and target dates, and a discharge summary; one
variant has no face sheet, another no discharge summary.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario, Staff
from eval.generality.styles_heldout._common import (
    Chart,
    Goal,
    extra_staff,
    goal_line,
    goals_for,
    is_video,
    mdy,
    minutes_of,
    response_line,
    risk_sentence,
    safe_reason,
    session_work,
    signed_name,
    t12,
    t24,
)
from eval.generality.styles_heldout._pdf import ReportPdf

DESCRIPTIONS = {
    ServiceKind.GROUP_PSYCHOTHERAPY: ("90853", "GROUP PSYCHOTHERAPY"),
    ServiceKind.GROUP_EDUCATION: ("PSYED", "PSYCHOEDUCATION GROUP"),
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: ("90834", "INDIVIDUAL PSYCHOTHERAPY"),
    ServiceKind.FAMILY_COUNSELING: ("90847", "FAMILY PSYCHOTHERAPY W/ PATIENT"),
    ServiceKind.CASE_MANAGEMENT: ("T1016", "CASE MANAGEMENT"),
    ServiceKind.MEDICATION_MANAGEMENT: ("99213", "MEDICATION MANAGEMENT - E/M EST"),
}
NOTE_TYPE = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "GROUP",
    ServiceKind.GROUP_EDUCATION: "GROUP",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "INDIVIDUAL",
    ServiceKind.FAMILY_COUNSELING: "FAMILY",
    ServiceKind.CASE_MANAGEMENT: "CASE MANAGEMENT",
    ServiceKind.MEDICATION_MANAGEMENT: "PSYCHIATRIC / MEDICATION",
}
STATUS = {
    Attendance.ABSENT: "CLIENT ABSENT",
    Attendance.NO_SHOW: "CLIENT NO SHOW",
    Attendance.CANCELLED: "CANCELLED BY CLIENT",
}


def _code(s: PlannedSession, code_only: bool) -> str:
    """The service code; the code-only variant spells out only local and E/M codes."""
    code, desc = DESCRIPTIONS[s.kind]
    if s.kind is ServiceKind.INDIVIDUAL_PSYCHOTHERAPY and s.cpt:
        code = s.cpt  # 90834 or 90837 by length
    if code_only and code in ("90853", "90834", "90837", "90847", "T1016"):
        return code
    return f"{code} - {desc}"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = scn.seed % 4
    times = ("padded12", "stamp24", "range12", "duration")[variant]
    code_only = variant == 1
    has_face = variant != 3
    has_discharge = variant != 2
    write_absences = variant != 3
    chart = Chart(scn)
    m = scn.member
    goals = goals_for(scn)
    client_id = f"{rng.randint(100000, 999999):09d}"
    primary = scn.therapists[0]
    cm = extra_staff(rng, "BSW")

    # ------------------------------------------------------------- progress notes PDF
    notes = [s for s in scn.sessions if s.kind in DESCRIPTIONS]
    if not write_absences:
        notes = [s for s in notes if s.attended]
    first_day = min((s.date for s in notes), default=scn.admission_date)
    last_day = max((s.date for s in notes), default=scn.discharge_date)
    ds_signed = scn.discharge_date + dt.timedelta(days=rng.choice((0, 1, 2, 3)))
    printed = ds_signed + dt.timedelta(days=rng.randint(1, 20))
    banner = (
        scn.program,
        f"Progress Notes Report     Client: {m.last.upper()}, {m.first.upper()}   "
        f"ID: {client_id}   DOB: {mdy(m.date_of_birth)}",
        f"Episode: 1     Report Range: {mdy(first_day)} - {mdy(last_day)}"
        + (f"     Printed: {mdy(printed)}" if has_discharge else ""),
    )
    pdf = ReportPdf(created=printed if has_discharge else last_day, header_lines=lambda _p: banner)
    pdf.add_page()
    name = "Progress_Notes_Report.pdf"
    for s in notes:
        pdf.keep(60)
        signed = _note(
            pdf, scn, s, rng, times=times, code_only=code_only, goals=goals, case_manager=cm
        )
        chart.doc_date(s.date, signed)
        own = s.member_start is not None or s.member_end is not None
        chart.mark(
            s,
            name,
            length=True,
            kind=True,
            attendance=True,
            member_times=own and s.attended,
            modality=s.attended,
            group_size=s.is_group and s.attended,
            facilitators=s.is_group,
        )
    for closed in scn.closed_days:
        pdf.keep(20)
        pdf.line_text(f"ADMINISTRATIVE NOTE     Entered: {mdy(closed)}", bold=True)
        pdf.line_text("Program closed for holiday; no IOP services scheduled today.")
        chart.doc_date(closed)
        pdf.rule()
    chart.add(name, pdf.data())

    # ------------------------------------------------------------- face sheet
    if has_face:
        admit_time = t12(rng.choice((dt.time(8, 15), dt.time(8, 30), dt.time(12, 30))), pad=True)
        face = [
            "CLIENT FACE SHEET",
            "",
            f"Client Name:        {m.last.upper()}, {m.first.upper()}",
            f"Client ID:          {client_id}",
            f"Date of Birth:      {mdy(m.date_of_birth)}",
            f"Payer ID:           {m.member_id}",
            "",
            "EPISODE INFORMATION",
            "Episode Number:     1",
            f"Program:            {scn.program} - Intensive Outpatient (IOP)",
            f"Admission Date:     {mdy(scn.admission_date)}     Admission Time: {admit_time}",
            "Type of Admission:  Voluntary - Outpatient",
            "Referral Source:    Inpatient unit step-down",
            f"Primary Clinician:  {signed_name(primary)}",
            f"Attending:          {signed_name(scn.physician)}",
            "",
            "DIAGNOSIS",
            f"Primary (ICD-10-CM): {scn.diagnosis_code}  {scn.diagnosis_name}",
            "",
            f"Data entry by: Intake Coordinator on {mdy(scn.admission_date)}",
        ]
        chart.add("Client_Face_Sheet.txt", "\n".join(face))
        chart.doc_date(scn.admission_date)

    # ------------------------------------------------------------- treatment plan
    plan_date = scn.admission_date + dt.timedelta(days=rng.choice((0, 1, 2)))
    md_signed = plan_date + dt.timedelta(days=rng.choice((0, 1)))
    groups = [s for s in scn.sessions if s.is_group]
    days = sorted({s.date.weekday() for s in groups})
    day_names = "/".join(("Mon", "Tue", "Wed", "Thu", "Fri")[d] for d in days if d < 5)
    if groups:
        g0, g1 = (
            groups[0],
            max((g for g in groups if g.date == groups[0].date), key=lambda g: g.end),
        )
        hours = f"{t12(g0.start)} to {t12(g1.end)}"
    else:
        hours = "per schedule"
    plan = [
        "TREATMENT PLAN - INITIAL",
        f"Client: {m.last.upper()}, {m.first.upper()}   ID: {client_id}   Episode: 1",
        f"Plan Date: {mdy(plan_date)}"
        + (f"     Episode Admission Date: {mdy(scn.admission_date)}" if has_face else ""),
        f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
        "",
        "PROBLEMS / GOALS / OBJECTIVES",
    ]
    for i, g in enumerate(goals, start=1):
        target = plan_date + dt.timedelta(weeks=g.weeks)
        plan += [
            f"Problem {i}: {g.problem}",
            f"  Goal {i}: {g.goal}",
            f"  Objective {i}a: {g.objective} by target date {mdy(target)}.",
        ]
    plan += [
        "",
        "INTERVENTIONS / MODALITY / FREQUENCY",
        f"  90853 Group psychotherapy and psychoeducation groups, {day_names}, {hours}",
        "  90834 Individual psychotherapy, 1x weekly, 45-60 minutes",
        "  90847 Family session as clinically indicated",
        "  99213 Psychiatric medication management, every 4 weeks",
        "  Minimum of 9 hours of IOP services per week.",
        "",
        "COORDINATION OF CARE: plan reviewed by the multidisciplinary team (psychiatry, "
        "therapy, case management) in weekly treatment team.",
        "Family/natural supports: member consents to involve spouse/family in sessions.",
        "",
        f"Clinician: {signed_name(primary)}   Electronically signed {mdy(plan_date)}",
        f"Physician: {signed_name(scn.physician)}   Electronically signed {mdy(md_signed)}",
        f"Client: {m.first} {m.last}   Signed {mdy(plan_date)}",
    ]
    chart.add("Treatment_Plan.txt", "\n".join(plan))
    chart.doc_date(plan_date, md_signed)

    # ------------------------------------------------------------- discharge summary
    if has_discharge:
        attended = sum(1 for s in scn.sessions if s.attended and s.kind in DESCRIPTIONS)
        ds = [
            "DISCHARGE SUMMARY",
            f"Client: {m.last.upper()}, {m.first.upper()}   ID: {client_id}   Episode: 1",
            f"Admission Date: {mdy(scn.admission_date)}" if has_face else f"Program: {scn.program}",
            f"Discharge Date: {mdy(scn.discharge_date)}",
            "Discharge Type: Planned - treatment goals substantially met",
            "",
            f"Services: {attended} IOP services attended during the episode.",
            "Course of treatment: member engaged in group and individual therapy; symptoms "
            "decreased and coping skills improved over the episode.",
            "Discharge plan / step-down: outpatient therapy weekly and psychiatry follow-up. "
            f"First outpatient appointment {mdy(scn.discharge_date + dt.timedelta(days=9))} "
            "at 2:00 PM.",
            "",
            f"Electronically signed by {signed_name(primary)} on {mdy(ds_signed)}",
        ]
        chart.add("Discharge_Summary.txt", "\n".join(ds))
        chart.doc_date(ds_signed)
    return chart.render(admission_stated=has_face, discharge_stated=has_discharge)


def _note(
    pdf: ReportPdf,
    scn: Scenario,
    s: PlannedSession,
    rng: random.Random,
    *,
    times: str,
    code_only: bool,
    goals: tuple[Goal, ...],
    case_manager: Staff,
) -> dt.date:
    """Write one note; returns the date it was signed."""
    m = scn.member
    lag = rng.choice((0, 0, 0, 0, 1, 2, 3))
    signed = s.date + dt.timedelta(days=lag)
    program = "INTENSIVE OUTPATIENT (IOP) - ADULT"
    if s.attended:
        title = "PROGRESS NOTE" if code_only else f"PROGRESS NOTE - {NOTE_TYPE[s.kind]}"
        pdf.line_text(title, bold=True)
    else:
        pdf.line_text("CANCELLATION / NO SHOW NOTE", bold=True)
    if lag >= 2:
        pdf.line_text(f"** LATE ENTRY **  Entered {mdy(signed)} for date of service {mdy(s.date)}")
    pdf.line_text(f"Service Date: {mdy(s.date)}        Program: {program}")
    pdf.line_text(f"Service Code: {_code(s, code_only)}")
    if not s.attended:
        pdf.line_text(f"Scheduled: {t12(s.start, pad=True)} - {t12(s.end, pad=True)}")
        pdf.line_text(f"Appointment Status: {STATUS[s.attendance]}")
        reason = safe_reason(s)
        if reason:
            pdf.line_text(f"Reason: {reason}")
        if s.is_group:
            lead = "; ".join(signed_name(f) for f in s.facilitators)
            pdf.line_text(f"Group: {s.title}     Practitioner: {lead}")
        pdf.line_text(
            "Outreach call placed; message left. Member reminded of attendance expectations."
        )
    else:
        start, end = s.member_start or s.start, s.member_end or s.end
        mins = minutes_of(end) - minutes_of(start)
        if times == "padded12":
            pdf.line_text(
                f"Start Time: {t12(s.start, pad=True)}     End Time: {t12(s.end, pad=True)}"
            )
        elif times == "stamp24":
            pdf.line_text(
                f"Start: {mdy(s.date)} {t24(s.start)}     End: {mdy(s.date)} {t24(s.end)}"
            )
        elif times == "range12":
            pdf.line_text(f"Time: {t12(s.start)} - {t12(s.end)}")
        else:  # the client's own start and a duration in minutes
            pdf.line_text(f"Start Time: {t12(start, pad=True)}     Duration: {mins} Minutes")
        where = "Telehealth - audio/video" if is_video(s) else "Office (in person)"
        pdf.line_text(f"Service Location: {where}")
        att = "PRESENT"
        if s.member_start is not None:
            att += f" - arrived late at {_clock(s.member_start, times)}"
        if s.member_end is not None:
            att += f" - left early at {_clock(s.member_end, times)}"
        pdf.line_text(f"Attendance: {att}")
        if s.is_group:
            pdf.line_text(
                f"Group Title: {s.title}     Topic: {s.topic}     Number in Group: {s.group_size}"
            )
            pdf.line_text("Practitioner(s): " + "; ".join(signed_name(f) for f in s.facilitators))
        pdf.line_text(f"D: {_data(s, m.first, rng)}")
        pdf.line_text(f"A: {response_line(rng, m.first, s)} {risk_sentence(rng)}")
        pdf.line_text(f"P: {goal_line(rng, goals)} Continue IOP per treatment plan.")
    author = _author(scn, s, case_manager)
    if lag == 0:
        at = min(minutes_of(s.end) + rng.randint(10, 70), 23 * 60 + 50)
        stamp = t12(dt.time(at // 60, at % 60), pad=True)
    else:
        stamp = t12(dt.time(rng.randint(8, 17), rng.choice((2, 14, 27, 41, 55))), pad=True)
    pdf.line_text(f"Electronically signed by {author} on {mdy(signed)} at {stamp}")
    if s.attended and rng.random() < 0.08:
        add = signed + dt.timedelta(days=rng.randint(1, 4))
        pdf.line_text(
            f"ADDENDUM ({mdy(add)}): Member telephoned to follow up on the homework from this "
            f"session; no change to plan.  Signed {author} {mdy(add)}"
        )
        signed = add
    pdf.rule()
    return signed


def _clock(t: dt.time, times: str) -> str:
    return t24(t) if times == "stamp24" else t12(t, pad=True)


def _data(s: PlannedSession, first: str, rng: random.Random) -> str:
    if s.is_group:
        return (
            f"{s.title} focused on {s.topic}. Facilitator led check-in, skill review and "
            "discussion."
        )
    return session_work(rng, s, first)


def _author(scn: Scenario, s: PlannedSession, case_manager: Staff) -> str:
    if s.facilitators:
        return signed_name(s.facilitators[0])
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        return signed_name(scn.physician)
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        return signed_name(case_manager)
    return signed_name(scn.therapists[0])


FAMILY = Family(
    name="ho-avatar-pn-pdf",
    split="heldout",
    description="Avatar-like progress-notes report PDF with face sheet, plan and discharge summary",
    conventions=(
        "one PDF, several labelled notes per page, running client banner",
        "padded 12-hour, 24-hour date-time stamps, or start time and duration",
        "service code with description, or code alone",
        "separate cancellation / no-show notes; late entries and addenda",
    ),
    render=render,
)
