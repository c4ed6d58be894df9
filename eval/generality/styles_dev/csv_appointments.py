"""dev-csv-appointments: a scheduling / billing system's appointment export (CSV or TSV).

Imitates the appointment-history export of practice-management and billing systems
(one row per appointment, machine-oriented columns):

- variant "datetime": CSV whose Start and End columns hold full date-times
  (``10/07/2025 09:00``), with Arrived / Departed columns filled in only when the member
  came late or left early;
- variant "units": TSV with a date (``Oct 7, 2025``), a start time and a
  ``Units (15 min)`` column instead of an end time; rows whose length is not a whole
  number of 15-minute units leave Units empty (their length is unknown);
- variant "ranges": CSV with a date (``10/7/25``) and one ``Time`` column holding
  ``1000-1130``.

The service column holds the CPT/HCPCS code where the service has one (90853, 90834/90837,
90847, T1016, 99213) and the program's name for the service otherwise; a bare 99213 (an
E/M visit code) does not name the service kind. Appointment status uses scheduling words
(Completed, No Show, Canceled - Patient, Absent). Lunch is not scheduled, so it is not in
the export. Most charts also hold a per-diem claim file (S9480 lines, one per IOP day):
billing, not services. Some charts have no face sheet at all, so the admission date is
not stated.
"""

from __future__ import annotations

import csv
import io
import random

from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_dev import _common as c

STATUS = {
    "attended": "Completed",
    "absent": "Absent",
    "no_show": "No Show",
    "cancelled": "Canceled - Patient",
}


def _service(s: PlannedSession) -> tuple[str, bool]:
    """The service cell and whether it names the kind."""
    code = c.code_of(s)
    if code is not None:
        return code, c.code_names_kind(code)
    return c.group_label(s), True


def _csv(rows: list[list[str]], delimiter: str = ",") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    # consecutive seeds cycle through the variants, so a family's 4 charts show all three
    variant = ("datetime", "units", "ranges")[scn.seed % 3]
    face_sheet = rng.random() < 0.6
    claims = rng.random() < 0.75
    episode = rng.random() < 0.6
    rec = c.Record()
    files: list[ChartFile] = []

    sessions = [s for s in scn.sessions if s.kind is not c.MEAL]
    pid = scn.member.member_id
    rows: list[list[str]]
    if variant == "datetime":
        rows = [
            [
                "Patient ID",
                "Appt Date",
                "Start",
                "End",
                "Arrived",
                "Departed",
                "Service",
                "Status",
                "Visit Type",
                "Provider",
            ]
        ]
        for s in sessions:
            service, named = _service(s)
            d = c.mdy(s.date)
            arrived = f"{d} {c.hhmm(s.member_start)}" if s.member_start else ""
            departed = f"{d} {c.hhmm(s.member_end)}" if s.member_end else ""
            video = s.modality.value == "video"
            rows.append(
                [
                    pid,
                    d,
                    f"{d} {c.hhmm(s.start)}",
                    f"{d} {c.hhmm(s.end)}",
                    arrived,
                    departed,
                    service,
                    STATUS[s.attendance.value],
                    "Telehealth - Video" if video else "In Person",
                    c.provider(s, scn, "; "),
                ]
            )
            rec.add(
                s,
                "appointments.csv",
                length=True,
                kind=named,
                attendance=True,
                member_times=c.has_member_times(s),
                modality=True,
                facilitators=True,
            )
        files.append(ChartFile("appointments.csv", _csv(rows)))
    elif variant == "units":
        rows = [["DOS", "Start", "Service", "Units (15 min)", "Status", "Rendering Provider"]]
        for s in sessions:
            service, named = _service(s)
            start = s.member_start or s.start
            minutes = round(s.minutes)
            exact = minutes % 15 == 0
            rows.append(
                [
                    c.mon_d_y(s.date),
                    c.ampm(start),
                    service,
                    str(minutes // 15) if exact and s.attended else "",
                    STATUS[s.attendance.value],
                    c.provider(s, scn, "; "),
                ]
            )
            rec.add(
                s,
                "service_units.tsv",
                length=exact and s.attended,
                kind=named,
                attendance=True,
                member_times=c.has_member_times(s),
                facilitators=True,
            )
        files.append(ChartFile("service_units.tsv", _csv(rows, "\t")))
    else:
        rows = [["Client", "Date", "Time", "Svc", "Appt Status", "Staff"]]
        for s in sessions:
            service, named = _service(s)
            rows.append(
                [
                    scn.member.name,
                    c.mdy_short(s.date),
                    f"{c.mil(s.start)}-{c.mil(s.end)}",
                    service,
                    STATUS[s.attendance.value],
                    c.provider(s, scn, "; "),
                ]
            )
            rec.add(
                s,
                "appointment_history.csv",
                length=True,
                kind=named,
                attendance=True,
                facilitators=True,
            )
        files.append(ChartFile("appointment_history.csv", _csv(rows)))

    if claims:
        days = sorted({s.date for s in sessions if s.attended and s.is_group})
        lines = [["Claim ID", "Line", "DOS", "HCPCS", "Description", "Units", "Charge"]]
        claim = f"CLM{rng.randint(100000, 999999)}"
        for i, day in enumerate(days, start=1):
            lines.append(
                [
                    claim,
                    str(i),
                    c.mdy(day),
                    "S9480",
                    "INTENSIVE OUTPATIENT PSYCHIATRIC SERVICES, PER DIEM",
                    "1",
                    "425.00",
                ]
            )
        files.append(ChartFile("claim_lines_S9480.csv", _csv(lines)))

    if face_sheet:
        m = scn.member
        lines_ = [
            "PATIENT DEMOGRAPHICS / FACE SHEET",
            f"Name: {m.name}    DOB: {c.mdy(m.date_of_birth)}    Patient ID: {m.member_id}",
            f"Program: {scn.program} - Intensive Outpatient (IOP)",
            f"Admit Date: {c.mdy(scn.admission_date)}",
            f"Primary Dx: {scn.diagnosis_code} {scn.diagnosis_name}",
            f"Attending: {c.staff(scn.physician)}",
            f"Recurring appointments: {c.schedule_line(scn)}",
        ]
        files.append(c.text_file("face_sheet.txt", lines_, crlf=True))
        rec.dated(scn.admission_date)
    if episode:
        ep = [
            ["Patient ID", "Level of Care", "Episode Start", "Episode End", "End Reason"],
            [
                pid,
                "IOP",
                c.mdy(scn.admission_date),
                c.mdy(scn.discharge_date),
                "Completed program - stepped down to OP",
            ],
        ]
        files.append(ChartFile("episode.csv", _csv(ep)))

    return RenderedChart(
        files=tuple(files),
        written=rec.written(),
        admission_stated=face_sheet or episode,
        discharge_stated=episode,
        latest_document_date=rec.latest(),
    )


FAMILY = Family(
    name="dev-csv-appointments",
    split="dev",
    description=(
        "Scheduling/billing appointment export as CSV or TSV: full date-time start/end, or "
        "start + 15-minute units, CPT codes as the service, status words, S9480 claim lines."
    ),
    conventions=(
        "CSV with header row, CRLF rows",
        "start/end as full date-times 10/07/2025 09:00; arrived/departed columns",
        "TSV with Start + 'Units (15 min)' (empty when not whole units)",
        "times as 1000-1130 in one column; dates 10/7/25 and Oct 7, 2025",
        "service only as CPT/HCPCS code where one exists (99213 alone does not name a kind)",
        "status words Completed / No Show / Canceled - Patient / Absent",
        "per-diem S9480 claim lines (billing, not services)",
        "admission date sometimes not stated at all",
    ),
    render=render,
)
