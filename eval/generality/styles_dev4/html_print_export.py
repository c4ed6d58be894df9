"""A chart printed to HTML by an EHR ("Print to file" / "Save chart as web page").

The export is what the EHR's print templates produce: an HTML 4 document with a ``<head>``
holding the print stylesheet and a small ``<script>`` (a print helper and the print job's
metadata), a running print banner ("Printed 04/14/2025 4:02 PM by jmorales"), and the
content as markup rather than text:

- note pages: one ``<div class="note">`` per session whose fields are
  ``<div class="field"><span class="label">Start Time</span><span class="value">09:00
  AM</span></div>`` pairs, the narrative in a ``<p>``, an electronic signature line;
- a service log: a ``<table>`` with ``<th>`` headers whose time cell holds start and end
  split by ``<br>`` (or joined by ``&ndash;``), empty cells as ``&nbsp;``, rows for days
  the program was closed spanning the row (``colspan``), and in some prints a lunch row.

Variants (seed-picked): one HTML file per note plus a face sheet; one service-log file plus
a file per attended note (absences only in the log); a single file holding the face sheet
and every note with CSS page breaks. Times print as "09:00 AM", "9:00 am" or "0900"; some
templates record the member's own Time In / Time Out beside the scheduled time, others
give the member's times directly with a late/early remark. Group census and the
location (in person / telehealth) are printed only by some templates.
"""

from __future__ import annotations

import datetime as dt
import html
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
from eval.generality.styles_dev4 import _kit as k

VENDORS = ("Mosaic Health & Recovery EHR", "ClarionChart BH", "Bridgeway Clinical Suite")
PRINT_USERS = ("jmorales", "kpatel", "records01", "lthompson")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _time(t: dt.time, style: str) -> str:
    if style == "12pad":
        return k.t12(t, pad=True)
    if style == "12lower":
        return k.t12(t, lower=True)
    return k.t24(t, colon=False)


def _head(title: str, vendor: str, printed: str, user: str, template: str) -> list[str]:
    return [
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
        '"http://www.w3.org/TR/html4/loose.dtd">',
        "<html>",
        "<head>",
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        f"<title>{_e(title)}</title>",
        '<style type="text/css">',
        "  body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #000; }",
        "  .banner { font-size: 8pt; color: #555; border-bottom: 1px solid #999; }",
        "  .note { margin: 12px 0 18px 0; }",
        "  .field { margin: 1px 0; }",
        "  .label { display: inline-block; width: 170px; font-weight: bold; }",
        "  .value { display: inline-block; }",
        "  table.grid { border-collapse: collapse; width: 100%; }",
        "  table.grid th, table.grid td { border: 1px solid #888; padding: 2px 4px; "
        "vertical-align: top; }",
        "  table.grid th { background: #dde4ec; text-align: left; }",
        "  tr.closed td { font-style: italic; background: #f3f3f3; }",
        "  .sig { font-size: 9pt; margin-top: 6px; }",
        "  .pb { page-break-before: always; }",
        "  @media print { .noprint { display: none; } }",
        "</style>",
        '<script type="text/javascript">',
        "//<![CDATA[",
        f'  var printJob = {{ user: "{user}", printed: "{printed}", template: "{template}" }};',
        "  function doPrint() { if (window.print) { window.print(); } }",
        "  window.onload = function () { var b = document.getElementById('btnPrint');",
        "    if (b) { b.onclick = doPrint; } };",
        "//]]>",
        "</script>",
        "</head>",
        "<body>",
        f'<div class="banner">{_e(vendor)} &nbsp;|&nbsp; Printed {_e(printed)} by {user}'
        " &nbsp;|&nbsp; CONFIDENTIAL &amp; PRIVILEGED &ndash; 42 CFR Part 2 / HIPAA"
        ' <input type="button" id="btnPrint" class="noprint" value="Print"></div>',
    ]


_TAIL = ["</body>", "</html>"]


def _field(label: str, value: str, *, raw: bool = False) -> str:
    v = value if raw else _e(value)
    return (
        f'<div class="field"><span class="label">{_e(label)}</span>'
        f'<span class="value">{v or "&nbsp;"}</span></div>'
    )


def _code_of(s: PlannedSession) -> str:
    return k.billing_code(s)[0] if s.kind is not ServiceKind.MEAL else ""


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = ("note_per_file", "log_plus_notes", "single_file")[scn.seed % 3]
    time_style = rng.choice(("12pad", "12lower", "24"))
    dual_times = rng.random() < 0.5  # scheduled time plus the client's Time In / Time Out
    show_census = rng.random() < 0.5
    show_location = rng.random() < 0.6
    log_meals = layout == "log_plus_notes" and rng.random() < 0.5
    br_cells = rng.random() < 0.6  # log time cell "start<br>end" rather than "start&ndash;end"
    vendor = rng.choice(VENDORS)
    user = rng.choice(PRINT_USERS)
    printed_day = k.later(scn.discharge_date, rng, 3, 20)
    printed = f"{k.mdy(printed_day)} {rng.randint(1, 4)}:{rng.randint(10, 59)} PM"
    member = scn.member
    client = f"{member.last.upper()}, {member.first}"

    sessions = k.services(scn, meals=log_meals)

    def t(x: dt.time) -> str:
        return _time(x, time_style)

    # ---- one note (a list of lines) per documented session
    def note(s: PlannedSession, signed: dt.date) -> list[str]:
        staff = k.rendering_staff(scn, s)
        title = "Group Progress Note" if s.is_group else f"{k.generic_label(s.kind)} Note"
        if not s.attended:
            title = "Absence / Missed Session Note"
        code = k.billing_code(s)[0]
        rows = [
            '<div class="note">',
            f"<h2>{_e(title)}</h2>",
            _field("Client", client),
            _field("Client ID", member.member_id),
            _field("Date of Service", k.mdy(s.date)),
            _field("Service", f"{code} - {k.service_label(s)}"),
        ]
        a, b = k.session_span(s)
        if dual_times:
            rows.append(_field("Scheduled", f"{t(s.start)} &ndash; {t(s.end)}", raw=True))
            if s.attended:
                rows.append(_field("Client Time In", t(a)))
                rows.append(_field("Client Time Out", t(b)))
        else:
            rows.append(_field("Start Time", t(a)))
            rows.append(_field("End Time", t(b)))
            if s.attended:
                rows.append(_field("Duration", f"{int(s.minutes)} min"))
                if k.member_differs(s):
                    rows.append(_field("Arrival/Departure", k.late_phrase(s)))
        rows.append(_field("Attendance", k.attendance_word(s.attendance, s.index % 4)))
        if show_location and s.attended:
            rows.append(_field("Location", k.modality_word(s.modality)))
        rows.append(
            _field(
                "Facilitator(s)" if s.is_group else "Clinician",
                "<br>".join(_e(k.staff_full(x)) for x in staff),
                raw=True,
            )
        )
        if show_census and s.is_group and s.attended and s.group_size:
            rows.append(_field("Clients in Group", str(s.group_size)))
        rows.append('<div class="field"><span class="label">Narrative</span></div>')
        rows.append(f"<p>{_e(k.narrative(rng, s))}</p>")
        if s.attended and k.counted_kind(s.kind):
            rows.append(f"<p><b>Plan:</b> {_e(k.pick(rng, k.PLAN))}</p>")
        hh = rng.randint(12, 18)
        rows.append(
            f'<div class="sig">Electronically signed by {_e(k.staff_full(staff[0]))} on '
            f"{k.mdy(signed)} {hh % 12 or 12}:{rng.randint(0, 59):02d} "
            f"{'PM' if hh >= 12 else 'AM'}</div>"
        )
        rows.append("</div>")
        return rows

    # ---- face sheet block
    def face() -> list[str]:
        return [
            '<div class="note">',
            "<h1>Client Face Sheet</h1>",
            _field("Client", client),
            _field("DOB", k.mdy(member.date_of_birth)),
            _field("Client ID", member.member_id),
            _field("Program", f"{_e(scn.program)} &ndash; Intensive Outpatient", raw=True),
            _field("Admission Date", k.mdy(scn.admission_date)),
            _field("Discharge Date", k.mdy(scn.discharge_date)),
            _field("Primary Dx", f"{scn.diagnosis_code} {scn.diagnosis_name}"),
            _field("Attending", k.staff_full(scn.physician)),
            _field("Primary Therapist", k.staff_full(scn.therapists[0])),
            _field(
                "Program Schedule",
                f"{k.weekday_list(k.program_weekdays(scn))} "
                f"{t(k.program_hours(scn)[0])}&ndash;{t(k.program_hours(scn)[1])}",
                raw=True,
            ),
            "</div>",
        ]

    # ---- service log table
    def log() -> list[str]:
        head = ["Date", "Day", "Service", "Code", "Time", "Min", "Status", "Staff"]
        if show_location:
            head.append("Mode")
        rows = [
            "<h2>Service Log</h2>",
            '<table class="grid" cellspacing="0" cellpadding="2" border="1">',
            "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>",
            "<tbody>",
        ]
        items: list[tuple[dt.date, dt.time, list[str]]] = []
        for s in sessions:
            a, b = k.session_span(s) if s.attended else (s.start, s.end)
            joiner = "<br>" if br_cells else " &ndash; "
            cell_time = f"{t(a)}{joiner}{t(b)}"
            status = k.attendance_word(s.attendance, s.index % 2)
            if s.attended and k.member_differs(s):
                status += " &ndash; late arrival" if s.member_start else " &ndash; left early"
            staff = "<br>".join(_e(k.staff_full(x)) for x in k.rendering_staff(scn, s))
            if s.kind is ServiceKind.MEAL:
                staff = "&nbsp;"
            cells = [
                k.mdy(s.date),
                k.WEEKDAYS3[s.date.weekday()],
                _e(k.service_label(s)),
                _code_of(s) or "&nbsp;",
                cell_time,
                str(int(s.minutes)) if s.attended else "&nbsp;",
                status,
                staff,
            ]
            if show_location:
                cells.append(
                    _e(k.modality_word(s.modality)).replace(" ", "&nbsp;")
                    if s.attended
                    else "&nbsp;"
                )
            items.append((s.date, s.start, cells))
        for d in scn.closed_days:
            cells = [
                k.mdy(d),
                k.WEEKDAYS3[d.weekday()],
                f'<span style="color:#777">PROGRAM CLOSED &ndash; {_e(k.holiday_name(d))}</span>',
            ]
            items.append((d, dt.time(0, 0), cells))
        for _, _, cells in sorted(items, key=lambda x: (x[0], x[1])):
            if len(cells) == 3:
                rows.append(
                    f'<tr class="closed"><td>{cells[0]}</td><td>{cells[1]}</td>'
                    f'<td colspan="{len(head) - 2}">{cells[2]}</td></tr>'
                )
            else:
                rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        rows += ["</tbody>", "</table>"]
        return rows

    files: list[ChartFile] = []
    written: list[Written] = []
    tag = f"{member.last}_{member.first}".replace(" ", "")

    def flags(s: PlannedSession, *, in_note: bool) -> dict[str, bool]:
        return {
            "states_modality": show_location and s.attended,
            "states_group_size": show_census and in_note and s.attended,
            "states_facilitators": True,
        }

    if layout == "note_per_file":
        face_name = f"{tag}_FaceSheet.html"
        files.append(
            k.text_file(
                face_name,
                _head(f"Face Sheet - {client}", vendor, printed, user, "FACESHEET_v3")
                + face()
                + _TAIL,
            )
        )
        for s in sessions:
            name = f"{tag}_Note_{s.date:%Y%m%d}_{k.t24(s.start, colon=False)}.html"
            signed = k.later(s.date, rng, 0, 2)
            body = _head(
                f"Progress Note - {client} - {k.mdy(s.date)}",
                vendor,
                printed,
                user,
                "IOP_GRP_NOTE_v7" if s.is_group else "IOP_IND_NOTE_v4",
            )
            files.append(k.text_file(name, [*body, *note(s, signed), *_TAIL]))
            written.append(Written(session=s.index, files=(name,), **flags(s, in_note=True)))
    elif layout == "log_plus_notes":
        log_name = f"{tag}_ServiceLog.html"
        files.append(
            k.text_file(
                log_name,
                _head(f"Service Log - {client}", vendor, printed, user, "SVC_LOG_v2")
                + face()
                + log()
                + _TAIL,
            )
        )
        for s in sessions:
            names: tuple[str, ...] = (log_name,)
            in_note = s.attended and s.kind is not ServiceKind.MEAL
            if in_note:
                name = f"{tag}_{s.date:%Y-%m-%d}_{k.t24(s.start, colon=False)}.htm"
                body = _head(
                    f"Progress Note - {client} - {k.mdy(s.date)}",
                    vendor,
                    printed,
                    user,
                    "IOP_GRP_NOTE_v7" if s.is_group else "IOP_IND_NOTE_v4",
                )
                files.append(
                    k.text_file(name, [*body, *note(s, k.later(s.date, rng, 0, 2)), *_TAIL])
                )
                names = (log_name, name)
            written.append(Written(session=s.index, files=names, **flags(s, in_note=in_note)))
    else:
        name = f"{tag}_ChartPrint.html"
        body = _head(f"Chart Print - {client}", vendor, printed, user, "CHART_PRINT_ALL")
        body += face()
        for s in sessions:
            body.append('<div class="pb"></div>')
            body += note(s, k.later(s.date, rng, 0, 2))
        body.append(
            '<div class="pb"><h2>Program Closures</h2><p>'
            + (
                "<br>".join(
                    f"{k.mdy(d)} &ndash; program closed ({_e(k.holiday_name(d))})"
                    for d in scn.closed_days
                )
                or "None during this episode."
            )
            + "</p></div>"
        )
        files.append(k.text_file(name, [*body, *_TAIL]))
        for s in sessions:
            written.append(Written(session=s.index, files=(name,), **flags(s, in_note=True)))

    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d4-html-print-export",
    split="dev",
    description=(
        "A chart printed to HTML by an EHR: <head> with CSS and a <script>, note pages as "
        "label/value <span> pairs inside <div class=field>, and a <table> service log with "
        "<th> headers, <br> inside time cells and &nbsp; for empty cells."
    ),
    conventions=(
        "label/value spans in div.field",
        "service log <table> with <th> headers",
        "start<br>end in one cell, or start&ndash;end",
        "&nbsp; / &amp; / &ndash; entities",
        "<script> and <style> in the head, a print banner",
        "closed days as a colspan row",
        "one file per note, log + notes, or one file with page breaks",
        "times as 09:00 AM, 9:00 am or 0900",
    ),
    render=render,
)
