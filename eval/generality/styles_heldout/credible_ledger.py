"""Held-out style: a Qualifacts Credible / CareLogic-like visit ledger with linked notes.

Imitates the "Client Visit History" a reviewer exports from a Credible-type system: a
fixed-width (or pipe-table) listing of every visit of the episode with a Visit ID, the date,
a visit type in system abbreviations or words, the employee, Time In / Time Out (the
client's own), a duration as H:MM or minutes, billing units and a visit status (Completed,
No Show, Cancelled - Client, Late Cancel). Progress notes exported as monthly text files
carry the same Visit ID, the date spelled "Oct 7, 2025", times "9:00 AM to 10:30 AM", the
arrival time of a late client and a "next scheduled visit" line. Text files use CRLF line
ends. One variant lists only durations; one has notes only for one-to-one visits; one has
no notes, no profile and no discharge summary (a step-down plan closes it).
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
    hmm,
    is_video,
    iso,
    last_first,
    mdy,
    mdy_short,
    mon_d_y,
    response_line,
    session_work,
    signed_name,
    t12,
    t24,
)

VISIT_TYPE = {
    ServiceKind.GROUP_PSYCHOTHERAPY: ("GRP PSYCHOTHERAPY", "90853", "Group Psychotherapy"),
    ServiceKind.GROUP_EDUCATION: ("GRP PSYCHOED", "", "Psychoeducational Group"),
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: ("IND PSYCHOTHERAPY", "90834", "Individual Therapy"),
    ServiceKind.FAMILY_COUNSELING: ("FAM THERAPY W/CLT", "90847", "Family Therapy"),
    ServiceKind.CASE_MANAGEMENT: ("CASE MGMT", "T1016", "Case Management"),
    ServiceKind.MEDICATION_MANAGEMENT: ("MED MGMT", "99213", "Medication Management"),
}
STATUS = {
    Attendance.ATTENDED: "Completed",
    Attendance.ABSENT: "Absent",
    Attendance.NO_SHOW: "No Show",
    Attendance.CANCELLED: "Cancelled - Client",
}


def _status(s: PlannedSession, late_cancel_days: set[dt.date]) -> str:
    if s.attendance is Attendance.CANCELLED and s.date in late_cancel_days:
        return "Late Cancel"
    return STATUS[s.attendance]


def _units(s: PlannedSession) -> str:
    if s.kind is ServiceKind.CASE_MANAGEMENT and s.attended:
        return str(int(s.minutes) // 15)
    return "1" if s.attended else "0"


def _staff(scn: Scenario, s: PlannedSession, cm: Staff) -> Staff:
    if s.facilitators:
        return s.facilitators[0]
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        return scn.physician
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        return cm
    return scn.therapists[0]


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = scn.seed % 4
    chart = Chart(scn)
    m = scn.member
    cm = extra_staff(rng, "BSW")
    goals = goals_for(scn)
    client_no = rng.randint(20000, 89999)
    visit_no = rng.randint(1_040_000, 1_090_000)
    visits = [s for s in scn.sessions if s.kind in VISIT_TYPE]
    ids = {s.index: visit_no + 7 * i + rng.randint(0, 5) for i, s in enumerate(visits)}
    crlf = variant != 2
    cancelled_days = sorted({s.date for s in visits if s.attendance is Attendance.CANCELLED})
    late_cancel = {d for d in cancelled_days if rng.random() < 0.4}
    has_profile = variant != 3
    has_discharge = variant in (0, 1, 2)

    # ------------------------------------------------------------- visit ledger
    first, last = visits[0].date, visits[-1].date
    if variant == 2:
        ledger_name = "Service_Listing.md"
        lines = [
            f"# Service Listing - {m.last}, {m.first} (Client #{client_no})",
            "",
            f"Program: {scn.program} / Intensive Outpatient",
            "",
            "| Svc Date | Service | Code | Staff | Start | End | Minutes | Status |",
            "|---|---|---|---|---|---|---|---|",
        ]
    else:
        ledger_name = f"VisitHistory_{first:%Y%m%d}-{last:%Y%m%d}.txt"
        head = (
            f"{'Visit ID':<9} {'Date':<10} {'Visit Type':<18} {'Code':<6} {'Employee':<20} "
            + (f"{'Time In':<8}{'Time Out':<9}" if variant in (0, 3) else "")
            + f"{'Dur':<6}{'Units':<6}{'Status':<19}Remarks"
        )
        lines = [
            "CLIENT VISIT HISTORY",
            f"Client: {m.last}, {m.first}   Client #: {client_no}   DOB: {mdy(m.date_of_birth)}",
            f"Program: {scn.program} / Intensive Outpatient (IOP)",
            "",
            head,
            "-" * len(head),
        ]
    closures = sorted(scn.closed_days)
    for s in visits:
        while closures and closures[0] < s.date:
            note = f"Program closed {mon_d_y(closures.pop(0))} (holiday) - no visits scheduled."
            lines.append(f"| {note} |||||||" if variant == 2 else f"{'':<9} {note}")
        vtype, code, words = VISIT_TYPE[s.kind]
        code = s.cpt or code
        who = _staff(scn, s, cm)
        status = _status(s, late_cancel)
        tin = s.member_start or s.start
        tout = s.member_end or s.end
        remark = ""
        if s.member_start:
            remark = "late arrival"
        elif s.member_end:
            remark = "left early"
        if is_video(s) and s.attended:
            remark = (remark + "; " if remark else "") + "telehealth"
        if not s.attended:
            remark = f"sched {t24(s.start)}-{t24(s.end)}"
        if variant == 2:
            if s.attended:
                row = (
                    f"| {mon_d_y(s.date)} | {words} | {code or '-'} | {signed_name(who)} | "
                    f"{t12(tin)} | {t12(tout)} | {int(s.minutes)} | {status} |"
                )
            else:
                row = (
                    f"| {mon_d_y(s.date)} | {words} | {code or '-'} | {signed_name(who)} | "
                    f"{t12(s.start)} | {t12(s.end)} | - | {status} |"
                )
        else:
            date = iso(s.date) if variant in (0, 3) else mdy_short(s.date)
            row = f"{ids[s.index]:<9} {date:<10} {vtype:<18} {code:<6} {last_first(who)[:19]:<20} "
            if variant in (0, 3):
                row += f"{t24(tin):<8}{t24(tout):<9}" if s.attended else f"{'':<8}{'':<9}"
            dur = hmm(s.minutes) if s.attended else ""
            row += f"{dur:<6}{_units(s):<6}{status:<19}{remark}"
        lines.append(row.rstrip())
        # the ledger gives the client's own times (or duration) of completed visits and
        # the scheduled times of missed ones
        chart.mark(
            s,
            ledger_name,
            length=True,
            kind=True,
            attendance=True,
            member_times=s.attended,
            modality=is_video(s) and s.attended and variant != 2,
        )
        chart.doc_date(s.date)
    lines += [
        "",
        f"Visits listed: {len(visits)}",
        "Status key: Completed = service rendered; No Show = client did not attend, no notice; "
        "Cancelled/Late Cancel = client cancelled (late = under 24 h notice); "
        "Absent = excused absence.",
    ]
    if variant != 2:
        lines.append("Time In / Time Out and Dur are the client's own time in session.")
    chart.add(ledger_name, "\n".join(lines), crlf=crlf)

    # ------------------------------------------------------------- progress notes
    if variant in (0, 1, 2):
        noted = [s for s in visits if s.attended]
        if variant == 2:
            noted = [s for s in noted if not s.is_group]
        months: dict[tuple[int, int], list[str]] = {}
        for s in noted:
            nxt = next((n for n in visits[visits.index(s) + 1 :] if n.date > s.date), None)
            text, signed = _note(scn, s, rng, ids[s.index], client_no, nxt, goals, cm)
            months.setdefault((s.date.year, s.date.month), []).append(text)
            fname = f"ProgressNotes_{s.date:%Y-%m}.txt"
            chart.mark(
                s,
                fname,
                length=True,
                kind=True,
                attendance=False,
                implied=True,
                member_times=True,
                modality=True,
                group_size=s.is_group,
                facilitators=s.is_group,
            )
            chart.doc_date(signed)
        for (y, mo), texts in months.items():
            chart.add(f"ProgressNotes_{y}-{mo:02d}.txt", "\n".join(texts), crlf=crlf)

    # ------------------------------------------------------------- client profile
    if has_profile:
        prof = [
            "CLIENT PROFILE",
            f"Name: {m.first} {m.last}        Client #: {client_no}",
            f"DOB: {mdy(m.date_of_birth)}     Medicaid/Medicare ID: {m.member_id}",
            "",
            "Program Assignments",
            f"  Program: Intensive Outpatient (IOP)   Admit Date: {iso(scn.admission_date)}"
            + (f"   Discharge Date: {iso(scn.discharge_date)}" if has_discharge else ""),
            f"  Primary Clinician: {signed_name(scn.therapists[0])}",
            f"  Prescriber: {signed_name(scn.physician)}",
            "",
            "Diagnoses",
            f"  {scn.diagnosis_code}  {scn.diagnosis_name}  (Primary, entered "
            f"{iso(scn.admission_date)})",
        ]
        chart.add("ClientProfile.txt", "\n".join(prof), crlf=crlf)
        chart.doc_date(scn.admission_date)

    # ------------------------------------------------------------- treatment plan
    plan_date = scn.admission_date + dt.timedelta(days=rng.choice((0, 1, 2, 3)))
    plan = [
        "INDIVIDUALIZED TREATMENT PLAN",
        f"Client: {m.first} {m.last}  #{client_no}     Plan Start: {mdy(plan_date)}",
        f"Diagnosis: {scn.diagnosis_code} - {scn.diagnosis_name}",
        "",
    ]
    for i, g in enumerate(goals, start=1):
        plan += [
            f"Goal {i}: {g.goal}",
            f"   Objective: {g.objective} within {g.weeks} weeks "
            f"(target {mdy(plan_date + dt.timedelta(weeks=g.weeks))})",
        ]
    plan += [
        "",
        "Services / Frequency",
        "   Group Psychotherapy (90853) ......... 2-3 groups per program day, 3-4 days/week",
        "   Psychoeducational Group ............. 1 per program day, 60-90 min",
        "   Individual Therapy (90834) .......... weekly, 45-60 min",
        "   Case Management (T1016) ............. as needed",
        "Team: therapist, psychiatrist, case manager and nursing coordinate care weekly.",
        "",
        f"Signed: {signed_name(scn.therapists[0])}  {mdy(plan_date)}",
        f"Signed: {signed_name(scn.physician)}  {mdy(plan_date + dt.timedelta(days=1))}",
    ]
    chart.add("TreatmentPlan.txt", "\n".join(plan), crlf=crlf)
    chart.doc_date(plan_date, plan_date + dt.timedelta(days=1))

    # ------------------------------------------------------------- closing document
    signed = scn.discharge_date + dt.timedelta(days=rng.choice((0, 1, 2)))
    if has_discharge:
        ds = [
            "DISCHARGE SUMMARY",
            f"Client: {m.first} {m.last}  #{client_no}",
            f"Admit Date: {mdy(scn.admission_date)}     Discharge Date: {mdy(scn.discharge_date)}",
            "Reason for discharge: completed program.",
            "Progress: improved coping and mood; attended most scheduled visits.",
            "Aftercare: weekly outpatient therapy; psychiatry follow-up in 4 weeks.",
            f"Signed: {signed_name(scn.therapists[0])}  {mdy(signed)}",
        ]
        chart.add("DischargeSummary.txt", "\n".join(ds), crlf=crlf)
    else:
        signed = max(signed, last)
        ds = [
            "STEP-DOWN / TRANSITION PLAN",
            f"Client: {m.first} {m.last}  #{client_no}",
            "Member is stepping down from IOP to standard outpatient therapy.",
            "Referrals: weekly individual therapy; peer recovery meeting twice weekly.",
            f"Signed: {signed_name(scn.therapists[0])}  {mdy(signed)}",
        ]
        chart.add("TransitionPlan.txt", "\n".join(ds), crlf=crlf)
    chart.doc_date(signed)
    return chart.render(admission_stated=has_profile, discharge_stated=has_discharge)


def _note(
    scn: Scenario,
    s: PlannedSession,
    rng: random.Random,
    visit_id: int,
    client_no: int,
    nxt: PlannedSession | None,
    goals: tuple[Goal, ...],
    cm: Staff,
) -> tuple[str, dt.date]:
    m = scn.member
    words = VISIT_TYPE[s.kind][2]
    service = f"{words} ({s.title})" if s.is_group else words
    signed = s.date + dt.timedelta(days=rng.choice((0, 0, 0, 1)))
    who = _staff(scn, s, cm)
    out = [
        "=" * 72,
        f"Visit #: {visit_id}        Client: {m.last}, {m.first} (#{client_no})",
        f"Service: {service}",
        f"Date of Service: {mon_d_y(s.date)}     Time: {t12(s.start)} to {t12(s.end)}",
        "Location: " + ("Telehealth - Video" if is_video(s) else "Clinic - in person"),
    ]
    if s.is_group:
        facs = "; ".join(signed_name(f) for f in s.facilitators)
        out.append(f"Participants present: {s.group_size}     Facilitator(s): {facs}")
    if s.member_start:
        out.append(f"Client arrived at {t12(s.member_start)} (late).")
    if s.member_end:
        out.append(f"Client left at {t12(s.member_end)} (early departure, ride arrived).")
    work = (
        f"Topic: {s.topic}. Group reviewed the skill and practised it in pairs."
        if s.is_group
        else session_work(rng, s, m.first)
    )
    out += [
        f"Narrative: {work}",
        f"Client Response: {response_line(rng, m.first, s)}",
        f"Plan: {goal_line(rng, goals)}"
        + (f" Next scheduled visit: {mdy(nxt.date)} {t24(nxt.start)}." if nxt else ""),
        f"Signed: {signed_name(who)}  {mdy(signed)}",
        "",
    ]
    return "\n".join(out), signed


FAMILY = Family(
    name="ho-credible-ledger",
    split="heldout",
    description="Credible/CareLogic-like visit ledger with visit-linked monthly note files",
    conventions=(
        "fixed-width visit history, CRLF, client's Time In/Time Out and H:MM duration",
        "pipe-table service listing with minutes",
        "notes linked by visit number, 'Oct 7, 2025' and '9:00 AM to 10:30 AM'",
        "status words and a status key; next-visit lines",
    ),
    render=render,
)
