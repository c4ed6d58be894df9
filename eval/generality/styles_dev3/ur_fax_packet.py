"""A payer utilization-review packet as a fax prints it to text.

The program faxes the payer's UM department a packet for a concurrent (mid-episode) or
retrospective (after discharge) review: a fax cover sheet, a clinical summary page, and
the session documentation as a numbered list of blocks ("Date of Service / Service /
Start-Stop / Units / Attendance / Clinician / Note"). Every page repeats the fax machine's
header line (transmission date and time, sender, page n/N) and a confidentiality footer.

Units are 15-minute units. Start-Stop is sometimes left blank ("not recorded"); then the
length is known only from the units, and only when the packet says what a unit is (some
variants never do). A member who came late has the Start-Stop of their own arrival. The
clinical summary lists the authorization period, the posted program hours ("Groups meet
Mon/Wed/Thu 9:00 AM-12:15 PM") and an anticipated discharge date, none of which is a
service or a discharge. A concurrent review packet holds only the sessions up to the day
it is sent; its episode end is the sending date (the latest document date).
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Modality, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario, Written
from eval.generality.styles_dev3 import _kit as k

PAYERS = (
    ("Blue Horizon Health Plan", "1-888-555-0142"),
    ("Meridian Behavioral Health Services", "1-877-555-0190"),
    ("Keystone Medicare Advantage", "1-866-555-0113"),
    ("Great Lakes Community Care", "1-855-555-0167"),
)
CODES = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "90853",
    ServiceKind.GROUP_EDUCATION: "H2027",
    ServiceKind.FAMILY_COUNSELING: "90847",
    ServiceKind.CASE_MANAGEMENT: "T1016",
    ServiceKind.MEDICATION_MANAGEMENT: "99213",
}
PAGE_LINES = 46


def _code(s: PlannedSession) -> str:
    if s.kind is ServiceKind.INDIVIDUAL_PSYCHOTHERAPY:
        return s.cpt or "90834"
    return CODES.get(s.kind, "")


def _service(s: PlannedSession) -> str:
    code = _code(s)
    name = k.service_label(s)
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        name = "Medication management visit (psychiatry)"
    return f"{code} {name}" if code else name


def _times(a: dt.time, b: dt.time, style: str) -> str:
    if style == "hhmm":
        return f"{k.t24(a, colon=False)}-{k.t24(b, colon=False)}"
    if style == "colon24":
        return f"{k.t24(a)} - {k.t24(b)}"
    return f"{k.t12(a)} - {k.t12(b)}"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    payer, payer_fax = rng.choice(PAYERS)
    retro = rng.random() < 0.5
    unit_size_stated = rng.random() < 0.75
    time_style = rng.choice(("hhmm", "colon24", "ampm"))
    show_location = rng.random() < 0.5
    show_census = rng.random() < 0.5
    missing_rate = rng.choice((0.2, 0.35, 0.5))
    form_feed = rng.random() < 0.5
    dos_label = rng.choice(("Date of Service", "DOS", "Date of Service (DOS)"))
    ur_name = (
        f"{rng.choice(('Gail', 'Renee', 'Loretta'))} {rng.choice(('Pruitt', 'Vasquez', 'Obi'))}"
    )
    fax_from = f"(555) {rng.randint(200, 899)}-{rng.randint(1000, 9999)}"
    auth = f"{rng.choice('AUZ')}{rng.randint(100000000, 999999999)}"

    sessions = [s for s in scn.sessions if s.kind is not ServiceKind.MEAL]
    if retro:
        cutoff = scn.discharge_date
    else:
        span = (scn.discharge_date - scn.admission_date).days
        cutoff = scn.admission_date + dt.timedelta(days=rng.randint(13, max(14, span - 3)))
    included = [s for s in sessions if s.date <= cutoff]

    # ---- the numbered session blocks
    blocks: list[list[str]] = []
    written: list[Written] = []
    sign_dates: list[dt.date] = []
    for n, s in enumerate(included, 1):
        start, end = k.session_span(s)
        basis = s.minutes
        show_times = True
        if s.attended and (not unit_size_stated or basis % 15 == 0):
            show_times = rng.random() >= missing_rate
        units = k.units15(basis) if s.attended else 0
        lines = [f"{n:>3}. {dos_label}: {k.mdy(s.date)}"]
        lines.append(f"     Service: {_service(s)}")
        if show_times:
            stamp = _times(start, end, time_style)
            if s.member_start is not None:
                stamp += " (late arrival)"
            elif s.member_end is not None:
                stamp += " (left early)"
            if not s.attended:
                stamp += " (scheduled)"
            lines.append(f"     Start-Stop: {stamp}")
        else:
            lines.append(f"     Start-Stop: {rng.choice(('not recorded', '--', ''))}".rstrip())
        unit_label = "Units" if not unit_size_stated or rng.random() < 0.6 else "Units (15 min)"
        lines.append(f"     {unit_label}: {units if s.attended else '0 - not billed'}")
        lines.append(f"     Attendance: {k.attendance_word(s.attendance, n % 2)}")
        staff = (
            k.facilitator_list(s, "full", " / ")
            if s.facilitators
            else k.staff_full(
                scn.physician if s.kind is ServiceKind.MEDICATION_MANAGEMENT else scn.therapists[0]
            )
        )
        if s.kind is ServiceKind.CASE_MANAGEMENT:
            staff = f"{scn.therapists[2].first} {scn.therapists[1].last}, BSW"
        lines.append(f"     Rendering clinician: {staff}")
        if show_location:
            place = (
                "02 - Telehealth, video"
                if s.modality is Modality.VIDEO
                else "11 - Office, in person"
            )
            lines.append(f"     POS/Location: {place}")
        if show_census and s.is_group and s.attended and s.group_size:
            lines.append(f"     Group census: {s.group_size} clients")
        if s.attended and s.is_group:
            body = f"Topic: {s.topic}. {k.pick(rng, k.PARTICIPATION)} {k.pick(rng, k.RESPONSE)}"
        elif s.attended and k.counted_kind(s.kind):
            body = f"{k.pick(rng, k.INDIVIDUAL)} {k.pick(rng, k.RESPONSE)}"
        elif s.attended:
            body = f"Met with client re: {s.topic}. Follow-up in one week."
        else:
            body = f"Client {k.absence_prose(s.absence_reason)}; outreach per protocol."
        lines += k.wrap(f"Note: {body}", 84, "     ")
        signed = k.later(s.date, rng, 0, 2)
        sign_dates.append(signed)
        lines.append(f"     Signed: {staff.split(' / ')[0]}  {k.mdy(signed)}")
        blocks.append(lines)
        states_length = show_times or (unit_size_stated and s.attended)
        written.append(
            Written(
                session=s.index,
                files=(),  # filled in below, once the packet is split into files
                states_length=states_length,
                states_member_times=True,
                states_modality=show_location,
                states_group_size=show_census,
                states_facilitators=True,
            )
        )

    sent = max([cutoff + dt.timedelta(days=rng.randint(2, 5)), *sign_dates])
    if retro:
        sent = max(sent, scn.discharge_date + dt.timedelta(days=rng.randint(3, 12)))
    sent_time = f"{rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}"

    # ---- clinical summary page
    days = k.weekday_list(k.program_weekdays(scn))
    open_t, close_t = k.program_hours(scn)
    auth_end = scn.admission_date + dt.timedelta(days=rng.choice((20, 27, 29)))
    summary = [
        "CLINICAL SUMMARY FOR UTILIZATION REVIEW",
        "",
        f"Member: {scn.member.last.upper()}, {scn.member.first.upper()}",
        f"Member ID: {scn.member.member_id}     DOB: {k.mdy(scn.member.date_of_birth)}",
        f"Level of care: Intensive Outpatient Program (rev code 0905)   Auth #: {auth}",
        f"Authorized: {k.mdy(scn.admission_date)} through {k.mdy(auth_end)}",
        f"Admission Date: {k.mdy(scn.admission_date)}",
    ]
    if retro:
        summary.append(f"Discharge Date: {k.mdy(scn.discharge_date)}")
        summary.append("Review type: Retrospective (post-discharge)")
    else:
        anticipated = scn.discharge_date + dt.timedelta(days=rng.choice((0, 7, 14)))
        summary.append("Review type: Concurrent - continued stay request")
        summary.append(f"Anticipated discharge: {k.mdy(anticipated)} (estimated)")
    summary += [
        f"Primary diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
        f"Attending: {k.staff_full(scn.physician)}   Primary therapist: "
        f"{k.staff_full(scn.therapists[0])}",
        "",
        f"Program schedule: groups meet {days} {k.t12(open_t)}-{k.t12(close_t)}; "
        "individual therapy weekly as scheduled.",
    ]
    summary += k.wrap(
        "Clinical status: member continues to report depressed mood and poor sleep, improved "
        "from admission. Engaged in groups; using coping skills with prompting. No current "
        "SI/HI. Continued IOP is requested to consolidate gains and step down safely.",
        84,
    )
    if unit_size_stated:
        summary += [
            "",
            "NOTE ON UNITS: session time below is documented in 15-minute units",
            "(1 unit = 15 minutes). Start-Stop shows the client's own time in session.",
        ]
    summary += ["", f"Sessions enclosed: {len(blocks)}   Prepared by: {ur_name}, UR Coordinator"]

    # ---- paginate: cover, summary, then the blocks (never split across pages)
    pages: list[list[str]] = [[], summary]
    current: list[str] = ["SERVICE DOCUMENTATION", ""]
    for b in blocks:
        if len(current) + len(b) + 1 > PAGE_LINES:
            pages.append(current)
            current = ["SERVICE DOCUMENTATION (continued)", ""]
        current += [*b, ""]
    pages.append(current)
    total = len(pages)
    pages[0] = [
        "F A X   C O V E R   S H E E T",
        "",
        f"Date: {k.mdy(sent)}",
        f"To: Utilization Management - {payer}",
        f"Fax: {payer_fax}",
        f"From: {scn.program}, UR Dept.  Fax: {fax_from}",
        f"Re: {'Retrospective' if retro else 'Concurrent'} review - "
        f"{scn.member.name} - ID {scn.member.member_id}",
        f"Pages (including cover): {total}",
        "",
        "Message: Please find enclosed clinical documentation supporting the request. "
        "Call with questions.",
        "",
        "CONFIDENTIALITY NOTICE: The documents accompanying this transmission contain",
        "confidential health information that is legally privileged. If you have received",
        "this fax in error, notify the sender immediately and destroy the documents.",
    ]
    sender = scn.program.upper()[:28]
    month = k.MONTHS[sent.month - 1][:3].upper()
    job = rng.randint(100, 999)
    text_pages = []
    for i, page in enumerate(pages, 1):
        head = (
            f"{month}-{sent.day:02d}-{sent.year} {sent_time}  FROM-{sender:<28} "
            f"{fax_from}  T-{job}  P.{i:03d}/{total:03d}"
        )
        foot = f"CONFIDENTIAL - contains PHI - do not redisclose          Page {i} of {total}"
        text_pages.append("\n".join([head, "", *page, "", foot]))
    sep = "\n\f" if form_feed else "\n" + "_" * 84 + "\n"
    name = f"UR_packet_{scn.member.last}_{k.mdy(sent, sep='', pad=True)}.txt"
    files = (k.text_file(name, sep.join(text_pages) + "\n", crlf=rng.random() < 0.3),)
    written = [
        Written(
            session=w.session,
            files=(name,),
            states_length=w.states_length,
            states_member_times=w.states_member_times,
            states_modality=w.states_modality,
            states_group_size=w.states_group_size,
            states_facilitators=w.states_facilitators,
        )
        for w in written
    ]
    return RenderedChart(
        files=files,
        written=tuple(written),
        admission_stated=True,
        discharge_stated=retro,
        latest_document_date=sent,
    )


FAMILY = Family(
    name="d3-ur-fax-packet",
    split="dev",
    description=(
        "Payer utilization-review packet as faxed text: cover sheet, clinical summary, and "
        "a numbered list of Date of Service / Service / Start-Stop / Units blocks, with the "
        "fax header and a confidentiality footer repeated on every page."
    ),
    conventions=(
        "fax header line with transmission date on every page",
        "numbered Date of Service blocks",
        "15-minute units, Start-Stop sometimes not recorded",
        "unit size stated only in some packets",
        "HCPCS/CPT code before the service name",
        "concurrent review: episode ends at the sending date",
        "authorization period and anticipated discharge are not the episode",
    ),
    render=render,
)
