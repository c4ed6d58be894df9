"""A semicolon-delimited CSV export with day-first dotted dates and decimal-comma hours.

Practice software set to a European locale (or opened and re-saved by a spreadsheet set
to one) exports services as ``;``-separated values: dates as ``14.04.2025`` (or
``14.04.25``), times as ``13:00`` or ``13.00``, hours as decimal commas (``1,5``,
``0,75``), quoted fields wherever a value holds a semicolon, CRLF line ends, a byte-order
mark or a Windows code page, and sometimes a few "key;value" lines above the header.

Three layouts (the seed picks one):

- ``times_hours``: the client's own From / To times and decimal-comma hours, service,
  code, status, staff (every facilitator), setting and participants; an episode block
  with the admission and discharge dates above the header; rows newest first or oldest
  first; a lunch appointment appears as a non-billable row.
- ``duration_only``: the appointment's start time only, and a duration as ``h:mm``
  (the time the client attended) beside decimal hours; missed appointments have an empty
  duration. No episode dates, no staff.
- ``checkin``: scheduled start and end beside check-in and check-out, dotted times and
  two-digit years, saved in Windows-1252; a first line states the admission and
  discharge dates.
"""

from __future__ import annotations

import csv
import io
import random

from core.facts import Modality
from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_heldout3 import _kit as kit
from eval.generality.styles_heldout3._kit import A, K

NAME = "h3-semicolon-eu-csv"
LAYOUTS = ("times_hours", "duration_only", "checkin")

STATUS = {
    A.ATTENDED: "attended",
    A.NO_SHOW: "no-show",
    A.CANCELLED: "cancelled (client)",
    A.ABSENT: "absent (excused)",
}
SERVICE = {
    K.GROUP_PSYCHOTHERAPY: "Group psychotherapy",
    K.GROUP_EDUCATION: "Psychoeducation group",
    K.INDIVIDUAL_PSYCHOTHERAPY: "Individual psychotherapy",
    K.FAMILY_COUNSELING: "Family therapy",
    K.CASE_MANAGEMENT: "Case management",
    K.MEDICATION_MANAGEMENT: "Medication management",
    K.MEAL: "Lunch (not billable)",
}


def _service(s: PlannedSession, with_title: bool) -> str:
    base = SERVICE[s.kind]
    if with_title and s.kind in kit.GROUP_KINDS and s.title.lower() != base.lower():
        return f"{base}; {s.title}"
    return base


def _always(s: PlannedSession) -> bool:
    return True


def _if_attended(s: PlannedSession) -> bool:
    return s.attended


def _render(scn: Scenario, rng: random.Random, ledger: kit.Ledger) -> RenderedChart:
    layout = LAYOUTS[scn.seed % len(LAYOUTS)]
    m = scn.member
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    files_by: dict[int, list[str]] = {}
    sessions = list(scn.sessions)

    if layout == "times_hours":
        fname = f"services_{m.member_id}.csv"
        trim = rng.random() < 0.5
        if rng.random() < 0.5:
            sessions.reverse()  # newest first, as the export's default sort
        w.writerow(["Client", f"{m.last}, {m.first}", "Client-ID", m.member_id])
        w.writerow(["Program", scn.program])
        w.writerow(
            ["Admission", kit.d_eu(scn.admission_date), "Discharge", kit.d_eu(scn.discharge_date)]
        )
        w.writerow([])
        w.writerow(
            [
                "Client-ID",
                "Date",
                "From",
                "To",
                "Hours",
                "Service",
                "Code",
                "Status",
                "Staff",
                "Setting",
                "Participants",
            ]
        )
        for s in sessions:
            if s.attended:
                start, end = kit.t_24(kit.own_start(s)), kit.t_24(kit.own_end(s))
                hours = kit.hours_comma(s.minutes, trim=trim)
            else:
                start, end = kit.t_24(s.start), kit.t_24(s.end)
                hours = kit.hours_comma(0, trim=trim)
            staff = " / ".join(kit.staff_name(p, "last_first") for p in kit.providers(scn, s))
            setting = "video" if s.modality is Modality.VIDEO else "on site"
            n = str(s.group_size) if (s.attended and s.group_size) else ""
            w.writerow(
                [
                    m.member_id,
                    kit.d_eu(s.date),
                    start,
                    end,
                    hours,
                    _service(s, True),
                    s.cpt or "",
                    STATUS[s.attendance],
                    staff,
                    setting,
                    n,
                ]
            )
            files_by.setdefault(s.index, []).append(fname)
            ledger.note(s.index, fname, kit.d_eu(s.date), f";{start};{end};")
        data = buf.getvalue().encode("utf-8-sig")
        flags = dict(
            states_member_times=True,
            states_modality=True,
            states_group_size=True,
            states_facilitators=True,
        )
        length_for = _always  # times for every row
        admission_stated = discharge_stated = True

    elif layout == "duration_only":
        fname = "appointment_export.csv"
        sessions = [s for s in sessions if s.kind is not K.MEAL]
        w.writerow(
            [
                "Date",
                "Start",
                "Appointment type",
                "Duration (h:mm)",
                "Hours (dec.)",
                "Status",
                "Billing code",
            ]
        )
        for s in sessions:
            if s.attended:
                dur, hours = kit.h_colon_m(s.minutes), kit.hours_comma(s.minutes)
            else:
                dur, hours = "", ""
            w.writerow(
                [
                    kit.d_eu(s.date),
                    kit.t_24(s.start),
                    _service(s, False),
                    dur,
                    hours,
                    STATUS[s.attendance],
                    s.cpt or "",
                ]
            )
            files_by.setdefault(s.index, []).append(fname)
            ledger.note(
                s.index,
                fname,
                f"{kit.d_eu(s.date)};{kit.t_24(s.start)};{_service(s, False)};{dur};",
            )
        data = buf.getvalue().encode("utf-8-sig")
        flags = dict(states_member_times=True)
        length_for = _if_attended  # missed rows have no duration
        admission_stated = discharge_stated = False

    else:  # checkin
        fname = "leistungsnachweis_IOP.csv"
        sessions = [s for s in sessions if s.kind is not K.MEAL]
        w.writerow(
            [
                f"Client: {m.name} ({m.member_id})",
                f"Program: {scn.program}",
                f"Admitted: {kit.d_eu(scn.admission_date)}",
                f"Discharged: {kit.d_eu(scn.discharge_date)}",
            ]
        )
        w.writerow(
            [
                "Date",
                "Sched. start",
                "Sched. end",
                "Check-in",
                "Check-out",
                "Hours",
                "Service",
                "Status",
                "Clinician",
                "Mode",
                "Group size",
            ]
        )
        for s in sessions:
            if s.attended:
                cin, cout = kit.t_24dot(kit.own_start(s)), kit.t_24dot(kit.own_end(s))
                hours = kit.hours_comma(s.minutes)
            else:
                cin = cout = hours = ""
            staff = ", ".join(f"{p.first} {p.last} {p.credential}" for p in kit.providers(scn, s))
            mode = "Video" if s.modality is Modality.VIDEO else "Office"
            n = str(s.group_size) if (s.attended and s.group_size) else ""
            sched = f"{kit.t_24dot(s.start)};{kit.t_24dot(s.end)}"
            w.writerow(
                [
                    kit.d_eu_short(s.date),
                    kit.t_24dot(s.start),
                    kit.t_24dot(s.end),
                    cin,
                    cout,
                    hours,
                    _service(s, True),
                    STATUS[s.attendance].capitalize(),
                    staff,
                    mode,
                    n,
                ]
            )
            files_by.setdefault(s.index, []).append(fname)
            ledger.note(
                s.index,
                fname,
                f"{kit.d_eu_short(s.date)};{sched}",
                f";{cin};{cout};" if s.attended else "",
            )
        data = buf.getvalue().encode("cp1252", "replace")
        flags = dict(
            states_member_times=True,
            states_modality=True,
            states_group_size=True,
            states_facilitators=True,
        )
        length_for = _always
        admission_stated = discharge_stated = True

    written = kit.build_written(
        files_by, lambda i: dict(flags, states_length=length_for(scn.sessions[i]))
    )
    return RenderedChart(
        files=(ChartFile(fname, data),),
        written=written,
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=kit.latest_written_date(scn, files_by),
    )


def render_checked(scn: Scenario, rng: random.Random) -> tuple[RenderedChart, kit.Ledger]:
    ledger = kit.Ledger()
    return _render(scn, rng, ledger), ledger


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    return render_checked(scn, rng)[0]


FAMILY = Family(
    name=NAME,
    split="heldout",
    description=(
        "A semicolon-separated service export from software set to a European locale: "
        "dd.mm.yyyy (or dd.mm.yy) dates, 13:00 or 13.00 times, decimal-comma hours, quoted "
        "values holding semicolons, CRLF, a BOM or Windows-1252, key;value lines above."
    ),
    conventions=(
        "semicolon delimiter, CRLF, UTF-8 BOM or cp1252",
        "dd.mm.yyyy and dd.mm.yy dates",
        "decimal-comma hours (1,5 / 0,75 / 1,50)",
        "duration as h:mm with no times",
        "scheduled start/end beside check-in/check-out, dotted times 13.00",
        "episode key;value lines above the header",
        "rows newest first",
    ),
    render=render,
    tags=("csv", "locale"),
)
