"""An "Encounter History" printout whose table cells hold several lines: an HTML page with
a day table that nests a table of the day's encounters (``<br>`` inside cells, a time
range broken after its dash), an RTF table with ``\\line`` breaks in cells, or a PDF whose
rows wrap over several lines and whose column header repeats at the top of every page.

Status cells say Attended / Absent / No Show / Cancelled, with the member's arrival or
departure below; details cells give the group size and the modality. Individual and family
sessions are, in some charts, also written up in a separate note file (the same session
documented twice).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_heldout4._kit import (
    Bold,
    ChartBuilder,
    PdfLine,
    by_day,
    h,
    is_group,
    mdy,
    pdf,
    rtf_document,
    rtf_par,
    rtf_row,
    t12,
    video,
    wrap,
)

STATUS = {
    Attendance.ATTENDED: "Attended",
    Attendance.ABSENT: "Absent",
    Attendance.NO_SHOW: "No Show",
    Attendance.CANCELLED: "Cancelled",
}


def _service(s: PlannedSession) -> list[str]:
    if s.kind is ServiceKind.MEAL:
        return ["Lunch", "(non-billable)"]
    return [s.title, f"CPT {s.cpt}"] if s.cpt else [s.title]


def _staff(scn: Scenario, s: PlannedSession) -> list[str]:
    if s.facilitators:
        return [f"{f.name}, {f.credential}" for f in s.facilitators]
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        return [f"{scn.physician.name}, {scn.physician.credential}"]
    if s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING):
        t = scn.therapists[0]
        return [f"{t.name}, {t.credential}"]
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        return ["Case manager"]
    return ["-"]


def _status(s: PlannedSession) -> list[str]:
    out = [STATUS[s.attendance]]
    if s.member_start:
        out.append(f"Arrived {t12(s.member_start)}")
    if s.member_end:
        out.append(f"Left {t12(s.member_end)}")
    if s.absence_reason:
        out.append(s.absence_reason)
    return out


def _details(s: PlannedSession) -> list[str]:
    out = []
    if s.attended and is_group(s) and s.group_size:
        out.append(f"Group size: {s.group_size}")
    out.append("Telehealth (video)" if video(s) else "In clinic")
    return out


def _doc(b: ChartBuilder, s: PlannedSession, name: str) -> None:
    b.doc(
        s,
        name,
        length=True,
        member_times=True,
        modality=True,
        group_size=s.attended,
        facilitators=True,
    )


def _individual_notes(
    scn: Scenario, rng: random.Random, b: ChartBuilder, sessions: Sequence[PlannedSession]
) -> str:
    name = "individual_session_notes.md"
    out = [f"# Individual and Family Session Notes - {scn.member.name}", ""]
    for s in sessions:
        t = scn.therapists[0]
        out.append(f"### {s.title} - {mdy(s.date)}")
        out.append("")
        out.append(f"- Time: {t12(s.start)} - {t12(s.end)}")
        out.append(f"- Clinician: {t.name}, {t.credential}")
        if s.attended:
            where = "by video" if video(s) else "in person"
            out.append(f"- Attendance: attended {where}")
            out.append(
                f"- Note: Reviewed {s.topic}. Member identified one barrier and one coping "
                "step toward the treatment plan goal."
            )
        else:
            word = STATUS[s.attendance].lower()
            out.append(
                f"- Attendance: {word}" + (f" ({s.absence_reason})" if s.absence_reason else "")
            )
        signed = s.date + dt.timedelta(days=rng.choice((0, 1)))
        b.date(signed)
        out.append(f"- Signed: {t.name}, {t.credential} {mdy(signed)}")
        out.append("")
        b.doc(s, name, length=True, member_times=True, modality=s.attended)
    b.add_text(name, "\n".join(out))
    return name


def _html(scn: Scenario, rng: random.Random, b: ChartBuilder, stated: bool) -> None:
    name = "encounter_history.html"
    split_time = rng.random() < 0.6
    m = scn.member
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Encounter History</title>',
        "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 4px;"
        "vertical-align:top;font:11px Arial}.inner td{border-color:#ccc}</style>",
        "<script>window.onload=function(){document.title+=' - printed';};</script>",
        "</head><body>",
        f"<h1>{h(scn.program)}</h1>",
        '<table class="hdr"><tr>',
        f"<td><b>Patient:</b> {h(m.last)}, {h(m.first)}</td>",
        f"<td><b>MRN:</b> {m.member_id}</td><td><b>DOB:</b> {mdy(m.date_of_birth)}</td></tr>",
    ]
    if stated:
        parts.append(
            f"<tr><td><b>Admit Date:</b> {mdy(scn.admission_date)}</td>"
            f"<td><b>Discharge Date:</b> {mdy(scn.discharge_date)}</td>"
            "<td><b>Level of care:</b> IOP</td></tr>"
        )
    parts += [
        "</table>",
        "<h2>Encounter History</h2>",
        '<table class="outer">',
        "<thead><tr><th>Date of Service</th><th>Encounters</th></tr></thead><tbody>",
    ]
    closed = set(scn.closed_days)
    days = dict(by_day(scn))
    for d in sorted(set(days) | closed):
        parts.append(f"<tr><td>{d.strftime('%a')}<br>{mdy(d)}</td><td>")
        if d in closed:
            parts.append("<i>Program closed - holiday</i></td></tr>")
            continue
        parts.append('<table class="inner">')
        parts.append(
            "<tr><th>Service</th><th>Time</th><th>Status</th><th>Clinician</th>"
            "<th>Details</th></tr>"
        )
        for s in days.get(d, []):
            time = (
                f"{t12(s.start)}&nbsp;&ndash;<br>{t12(s.end)}"
                if split_time
                else f"{t12(s.start)} &ndash; {t12(s.end)}"
            )
            cells = [
                "<br>".join(h(x) for x in _service(s)),
                time,
                "<br>".join(h(x) for x in _status(s)),
                "<br>".join(h(x) for x in _staff(scn, s)),
                "<br>".join(h(x) for x in _details(s)),
            ]
            parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            _doc(b, s, name)
        parts.append("</table></td></tr>")
    parts += ["</tbody></table>", "</body></html>"]
    b.add_text(name, "\n".join(parts) + "\n")


def _rtf(scn: Scenario, b: ChartBuilder, stated: bool) -> None:
    name = "encounter_history.rtf"
    m = scn.member
    body = [
        rtf_par(f"{scn.program} - Encounter History", bold=True),
        rtf_par(f"Patient: {m.name}    MRN: {m.member_id}    DOB: {mdy(m.date_of_birth)}"),
    ]
    if stated:
        body.append(
            rtf_par(f"Admission: {mdy(scn.admission_date)}    Discharge: {mdy(scn.discharge_date)}")
        )
    widths = (1500, 2600, 1700, 1900, 2400, 1700)
    body.append(
        rtf_row(
            [["Date"], ["Service"], ["Time"], ["Status"], ["Clinician"], ["Details"]],
            widths,
            bold=True,
        )
    )
    closed = set(scn.closed_days)
    days = dict(by_day(scn))
    for d in sorted(set(days) | closed):
        if d in closed:
            body.append(
                rtf_row(
                    [[mdy(d), d.strftime("%a")], ["Program closed (holiday)"], [], [], [], []],
                    widths,
                )
            )
            continue
        for s in days[d]:
            body.append(
                rtf_row(
                    [
                        [mdy(d), d.strftime("%a")],
                        _service(s),
                        [f"{t12(s.start)} -", t12(s.end)],
                        _status(s),
                        _staff(scn, s),
                        _details(s),
                    ],
                    widths,
                )
            )
            _doc(b, s, name)
    b.add_text(name, rtf_document(body, font="Arial"))


COLS = (
    ("Date", 12),
    ("Service", 21),
    ("Time", 19),
    ("Status", 18),
    ("Clinician", 23),
    ("Details", 20),
)


def _pdf_row(cells: Sequence[Sequence[str]]) -> list[str]:
    wrapped: list[list[str]] = []
    for (_, width), cell in zip(COLS, cells, strict=True):
        lines: list[str] = []
        for part in cell:
            lines += wrap(part, width - 1)
        wrapped.append(lines)
    height = max(len(c) for c in wrapped)
    out = []
    for i in range(height):
        text = "".join(
            (c[i] if i < len(c) else "").ljust(w) for (_, w), c in zip(COLS, wrapped, strict=True)
        )
        out.append(text.rstrip())
    return out


def _pdf(scn: Scenario, rng: random.Random, b: ChartBuilder) -> None:
    name = "Encounter_History_Report.pdf"
    m = scn.member
    printed = scn.discharge_date + dt.timedelta(days=rng.randint(1, 10))
    b.date(printed)
    header: list[PdfLine] = [
        Bold(f"ENCOUNTER HISTORY REPORT - {scn.program}"),
        f"Patient: {m.last.upper()}, {m.first.upper()}   MRN: {m.member_id}   "
        f"DOB: {mdy(m.date_of_birth)}",
        f"Admit: {mdy(scn.admission_date)}   Discharge: {mdy(scn.discharge_date)}   "
        f"Printed: {mdy(printed)} {rng.randint(8, 17)}:{rng.randint(0, 59):02d}",
        "",
        Bold("".join(n.ljust(w) for n, w in COLS).rstrip()),
        "-" * 112,
    ]
    rows: list[list[str]] = []
    closed = set(scn.closed_days)
    days = dict(by_day(scn))
    for d in sorted(set(days) | closed):
        if d in closed:
            rows.append(_pdf_row([[mdy(d)], ["Program closed"], ["(holiday)"], [], [], []]))
            continue
        for s in days[d]:
            rows.append(
                _pdf_row(
                    [
                        [mdy(d)],
                        _service(s),
                        [f"{t12(s.start)}-{t12(s.end)}"],
                        _status(s),
                        _staff(scn, s),
                        _details(s),
                    ]
                )
            )
            _doc(b, s, name)
    per_page = 50 - len(header) - 2
    pages: list[list[PdfLine]] = []
    current: list[PdfLine] = []
    for row in rows:
        if len(current) + len(row) + 1 > per_page:
            pages.append(current)
            current = []
        current += [*row, ""]
    if current:
        pages.append(current)
    out = [[*header, *p, "", f"Page {i} of {len(pages)}"] for i, p in enumerate(pages, start=1)]
    b.add_bytes(name, pdf(out, size=8.0, leading=10.5, left=28.0, landscape=True))


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    b = ChartBuilder(scn)
    variant = ("html", "rtf", "pdf")[(scn.seed % 100) % 3]
    stated = variant == "pdf" or rng.random() < 0.6
    if variant == "html":
        _html(scn, rng, b, stated)
    elif variant == "rtf":
        _rtf(scn, b, stated)
    else:
        _pdf(scn, rng, b)
    individual = [
        s
        for s in scn.sessions
        if s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING)
    ]
    if individual and rng.random() < 0.6:
        _individual_notes(scn, rng, b, individual)
    return b.build(admission_stated=stated, discharge_stated=stated)


FAMILY = Family(
    name="h4-nested-tables",
    split="heldout",
    description=(
        "encounter history printout with multi-line cells: HTML day table nesting a table "
        "of encounters, RTF table with line breaks in cells, or landscape PDF with wrapped "
        "rows and the column header repeated on every page; individual sessions sometimes "
        "also in a separate note file"
    ),
    conventions=(
        "nested HTML tables, <br> inside cells",
        "time range broken after its dash across cell lines",
        "RTF \\trowd table with \\line in cells",
        "PDF rows wrapping over several lines, header repeated per page",
        "status cell 'Attended' with 'Arrived 9:20 AM' below",
        "individual sessions in a log and a note (one session, two files)",
        "holiday rows",
    ),
    render=render,
)
