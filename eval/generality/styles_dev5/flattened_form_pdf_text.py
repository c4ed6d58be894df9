"""A weekly fillable-PDF service verification form, flattened and exported.

The program verifies services weekly on a landscape fillable form ("IOP-WSV rev 03/2022,
IOP Weekly Service Verification"): a header block (client, ID, date of birth, week
beginning, admission date), a grid of numbered rows, one per scheduled service or closed
day (date, service code, service or group name, scheduled time, the client's time in and
out, minutes, check boxes P / A / NS / C / CL for attendance or a closure, IP / TH for in
person or telehealth, number in group, staff with credential), a legend of the codes, and
an attestation with the clinician's signature. A discharge/transition form gives the
admission and discharge dates. Field names follow the designer's scheme
(``Row7_In``, ``Row7_NS``, ``WeekOf``).

Variants (seed-picked):

- ``layout_text``: the flattened forms' text as ``pdftotext -layout`` prints it: the grid's
  column headings far above the values, header labels with their values on the next line
  or far to the right, check boxes as glyphs; on some charts the form's placeholder text
  shows the field name in every empty field (``Row9_Date``); one file per form or all
  forms in one file (pages split by form feeds);
- ``acrobat_tab``: Acrobat's "Export Data" as tab-delimited text: a line of field names
  and a line of values per form, check boxes as ``Yes``/``Off``;
- ``pdf``: the flattened forms as real PDFs;
- ``pdf_and_text``: each form as a PDF and its layout text beside it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Staff,
    Written,
)
from eval.generality.styles_dev5 import _kit as k

WSV = ("IOP-WSV rev 03/2022", "IOP WEEKLY SERVICE VERIFICATION")
DTF = ("IOP-DTF rev 11/2021", "IOP DISCHARGE / TRANSITION FORM")
ROWS_PER_PAGE = 12
CODES: dict[ServiceKind, tuple[str, str]] = {
    ServiceKind.GROUP_PSYCHOTHERAPY: ("GP", "Group Psychotherapy (90853)"),
    ServiceKind.GROUP_EDUCATION: ("PE", "Psychoeducation Group (G0177)"),
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: ("IT", "Individual Therapy (90834/90837)"),
    ServiceKind.FAMILY_COUNSELING: ("FT", "Family Therapy (90847)"),
    ServiceKind.CASE_MANAGEMENT: ("CM", "Case Management (T1016)"),
    ServiceKind.MEDICATION_MANAGEMENT: ("MM", "Medication Management (99213)"),
}
ATTEND_BOX = {
    Attendance.ATTENDED: "P",
    Attendance.ABSENT: "A",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "C",
}
LEGEND = (
    "Service codes: " + "   ".join(f"{code} = {label}" for code, label in CODES.values()),
    "Attendance: P = Present   A = Absent (excused)   NS = No-show   C = Cancelled by client   "
    "CL = Program closed",
    "Mode: IP = In person   TH = Telehealth (video)      #Grp = clients present incl. this "
    "client      Min = minutes attended",
)


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    chars: int  # layout-text width (0: the rest of the line)
    points: float  # PDF width
    check: bool = False


COLUMNS = (
    Col("No", "#", 4, 16),
    Col("Date", "Date", 11, 46),
    Col("Code", "Code", 11, 30),
    Col("Desc", "Service / Group", 28, 132),
    Col("Sched", "Sched. Time", 14, 66),
    Col("In", "In", 10, 36),
    Col("Out", "Out", 10, 36),
    Col("Min", "Min", 10, 28),
    Col("P", "P", 4, 16, True),
    Col("A", "A", 4, 16, True),
    Col("NS", "NS", 4, 18, True),
    Col("C", "C", 4, 16, True),
    Col("CL", "CL", 4, 16, True),
    Col("IP", "IP", 4, 16, True),
    Col("TH", "TH", 4, 16, True),
    Col("Grp", "#Grp", 10, 30),
    Col("Staff", "Staff / Credential", 0, 182),
)


@dataclass
class Form:
    form_id: str
    title: str
    header: list[tuple[str, str, str]]  # (field name, label, value)
    rows: list[dict[str, str]] = field(default_factory=list)  # column key -> value
    footer: list[tuple[str, str, str]] = field(default_factory=list)
    lines: list[tuple[str, str, str]] = field(default_factory=list)  # DTF: label/value rows


def _initial_name(s: Staff) -> str:
    return f"{s.first[0]}. {s.last}, {s.credential}"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    export = ("layout_text", "acrobat_tab", "pdf", "pdf_and_text")[scn.seed % 4]
    clock24 = rng.random() < 0.5
    glyphs = rng.choice((("☒", "☐"), ("■", "□"), ("[X]", "[ ]"), ("✔", "☐")))
    stacked = rng.random() < 0.5
    leak = rng.random() < 0.6
    one_file = export == "layout_text" and rng.random() < 0.5
    member = scn.member
    sessions = k.services(scn)
    safe = member.last.encode("ascii", "ignore").decode()

    def tm(t: dt.time) -> str:
        if clock24:
            return k.t24(t, colon=False)
        return f"{t.hour % 12 or 12}:{t.minute:02d}{'a' if t.hour < 12 else 'p'}"

    def row_of(s: PlannedSession) -> dict[str, str]:
        a, b = k.session_span(s)
        row = {c.key: ("Off" if c.check else "") for c in COLUMNS}
        row.update(
            Date=k.mdy(s.date, year4=False),
            Code=CODES[s.kind][0],
            Desc=s.title,
            Sched=f"{tm(s.start)}-{tm(s.end)}",
            Staff="; ".join(_initial_name(x) for x in k.rendering_staff(scn, s)),
        )
        row[ATTEND_BOX[s.attendance]] = "Yes"
        if s.attended:
            row.update(In=tm(a), Out=tm(b), Min=str(int(s.minutes)))
            row["TH" if s.modality is not Modality.IN_PERSON else "IP"] = "Yes"
            if s.is_group and s.group_size:
                row["Grp"] = str(s.group_size)
        return row

    def closed_row(d: dt.date) -> dict[str, str]:
        row = {c.key: ("Off" if c.check else "") for c in COLUMNS}
        row.update(Date=k.mdy(d, year4=False), Desc=f"CLOSED - {k.holiday_name(d)}", CL="Yes")
        return row

    # ---- the weekly forms
    weeks: dict[dt.date, list[tuple[dt.date, PlannedSession | None]]] = {}
    for s in sessions:
        weeks.setdefault(s.date - dt.timedelta(days=s.date.weekday()), []).append((s.date, s))
    for d in scn.closed_days:
        weeks.setdefault(d - dt.timedelta(days=d.weekday()), []).append((d, None))
    forms: list[tuple[str, Form, list[PlannedSession]]] = []
    for monday in sorted(weeks):
        entries = sorted(weeks[monday], key=lambda e: (e[0], e[1].start if e[1] else dt.time()))
        members = [s for _, s in entries if s is not None]
        signer = scn.therapists[0]
        last_day = max(d for d, _ in entries)
        form = Form(
            *WSV,
            header=[
                ("ClientName", "Client Name", f"{member.last}, {member.first}"),
                ("ClientID", "Client ID", member.member_id),
                ("DOB", "Date of Birth", k.mdy(member.date_of_birth)),
                ("WeekOf", "Week Beginning (Mon)", k.mdy(monday)),
                ("AdmitDate", "Admission Date", k.mdy(scn.admission_date)),
            ],
            rows=[row_of(s) if s is not None else closed_row(d) for d, s in entries],
            footer=[
                ("StaffSig", "Clinician Signature", signer.name),
                ("StaffCred", "Credential", signer.credential),
                ("SigDate", "Date Signed", k.mdy(k.later(last_day, rng, 1, 4))),
            ],
        )
        forms.append((f"{safe}_WSV_{monday:%Y%m%d}", form, members))
    dtf = Form(
        *DTF,
        header=[
            ("ClientName", "Client Name", f"{member.last}, {member.first}"),
            ("ClientID", "Client ID", member.member_id),
            ("DOB", "Date of Birth", k.mdy(member.date_of_birth)),
        ],
        lines=[
            ("AdmitDate", "Admission Date", k.mdy(scn.admission_date)),
            ("DischargeDate", "Discharge Date", k.mdy(scn.discharge_date)),
            ("Dx", "Primary Diagnosis (ICD-10)", f"{scn.diagnosis_code} {scn.diagnosis_name}"),
            ("DC_Completed", "Completed program", "Yes"),
            ("DC_AMA", "Left against clinical advice", "Off"),
            ("DC_Transfer", "Transferred to higher level of care", "Off"),
            (
                "ClosedDates",
                "Program closures during episode",
                "; ".join(f"{k.mdy(d)} {k.holiday_name(d)}" for d in scn.closed_days) or "None",
            ),
            ("StepDown", "Referred to", "Outpatient therapy, weekly"),
        ],
        footer=[
            ("StaffSig", "Clinician Signature", scn.therapists[0].name),
            ("StaffCred", "Credential", scn.therapists[0].credential),
            ("SigDate", "Date Signed", k.mdy(k.later(scn.discharge_date, rng, 0, 3))),
        ],
    )
    forms.append((f"{safe}_DTF_discharge", dtf, []))

    files: list[ChartFile] = []
    file_of: dict[int, list[str]] = {}

    def note(name: str, members: list[PlannedSession]) -> None:
        for s in members:
            file_of.setdefault(s.index, []).append(name)

    if export == "acrobat_tab":
        for stem, form, members in forms:
            name = f"{stem}_data.txt"
            files.append(k.text_file(name, _tab_export(form), crlf=True))
            note(name, members)
    elif export == "layout_text":
        pages = [
            (stem, _layout(form, scn.program, glyphs, stacked, leak), m) for stem, form, m in forms
        ]
        if one_file:
            name = f"{safe}_{member.member_id}_IOP_forms.txt"
            files.append(k.text_file(name, "\f".join(p for _, ps, _ in pages for p in ps)))
            for _, _, members in pages:
                note(name, members)
        else:
            for stem, ps, members in pages:
                files.append(k.text_file(f"{stem}.txt", "\f".join(ps)))
                note(f"{stem}.txt", members)
    else:
        for stem, form, members in forms:
            files.append(ChartFile(f"{stem}.pdf", _pdf(form, scn.program, leak)))
            note(f"{stem}.pdf", members)
            if export == "pdf_and_text":
                text = "\f".join(_layout(form, scn.program, glyphs, stacked, leak))
                files.append(k.text_file(f"{stem}.txt", text))
                note(f"{stem}.txt", members)

    written = [
        Written(
            session=s.index,
            files=tuple(file_of[s.index]),
            states_modality=s.attended,
            states_group_size=s.attended and s.is_group,
            states_facilitators=True,
        )
        for s in sessions
    ]
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


# --------------------------------------------------------------------------- field names


def _field_values(form: Form) -> list[tuple[str, str]]:
    """Every field of the form in tab order, with its value ("Yes"/"Off" for boxes)."""
    out = [(name, value) for name, _, value in form.header]
    if form.lines:
        out += [(name, value) for name, _, value in form.lines]
    else:
        pages = max(1, -(-len(form.rows) // ROWS_PER_PAGE))
        for n in range(1, pages * ROWS_PER_PAGE + 1):
            row = form.rows[n - 1] if n <= len(form.rows) else {}
            for c in COLUMNS:
                if c.key == "No":
                    continue
                out.append((f"Row{n}_{c.key}", row.get(c.key, "Off" if c.check else "")))
    out += [(name, value) for name, _, value in form.footer]
    return out


def _tab_export(form: Form) -> list[str]:
    """Acrobat "Export Data" as tab-delimited text: names, then values."""
    pairs = _field_values(form)
    return ["\t".join(n for n, _ in pairs), "\t".join(v.replace("\t", " ") for _, v in pairs)]


# --------------------------------------------------------------------------- layout text


def _layout(
    form: Form, program: str, glyphs: tuple[str, str], stacked: bool, leak: bool
) -> list[str]:
    """The flattened form's text as pdftotext -layout prints it, one string per page."""
    on, off = glyphs
    width = 168

    def shown(name: str, value: str) -> str:
        return value if value else (name if leak else "")

    def head_block() -> list[str]:
        if stacked:
            cells = [(label, shown(name, value)) for name, label, value in form.header]
            w = 34
            return [
                "".join(a.ljust(w) for a, _ in cells).rstrip(),
                "".join(b.ljust(w) for _, b in cells).rstrip(),
                "",
            ]
        far = [f"{label + ':':<28}{'':<40}{shown(n, v)}" for n, label, v in form.header]
        return [*far, ""]

    def cell(c: Col, value: str) -> str:
        text = (on if value == "Yes" else off) if c.check else value
        return (text + " ").ljust(c.chars) if c.chars else text

    body_pages: list[list[str]] = []
    if form.lines:
        body = head_block()
        for name, label, value in form.lines:
            if value in ("Yes", "Off"):
                body.append(f"    {on if value == 'Yes' else off}  {label}")
            else:
                body += [f"{label}", f"{'':<60}{shown(name, value)}"]
        body_pages.append(body)
    else:
        n_pages = max(1, -(-len(form.rows) // ROWS_PER_PAGE))
        for p in range(n_pages):
            body = head_block()
            heads = (c.label.ljust(c.chars) if c.chars else c.label for c in COLUMNS)
            body.append("".join(heads).rstrip())
            body.append("-" * width)
            for i in range(p * ROWS_PER_PAGE, (p + 1) * ROWS_PER_PAGE):
                n = i + 1
                row = form.rows[i] if i < len(form.rows) else {}
                if not row and not leak:
                    body.append(f"{n:<4}")
                    continue
                parts = []
                for c in COLUMNS:
                    if c.key == "No":
                        parts.append(str(n).ljust(c.chars))
                        continue
                    value = row.get(c.key, "Off" if c.check else "")
                    if not c.check:
                        value = shown(f"Row{n}_{c.key}", value)
                    parts.append(cell(c, value))
                body.append("".join(parts).rstrip())
            body += ["", *LEGEND, ""]
            body_pages.append(body)
    foot_rows = [
        "I attest that the services above were provided as documented.",
        "".join(label.ljust(40) for _, label, _ in form.footer).rstrip(),
        "",
        "".join(shown(name, value).ljust(40) for name, _, value in form.footer).rstrip(),
    ]
    body_pages[-1] += foot_rows
    total = len(body_pages)
    pages = []
    for n, body in enumerate(body_pages, 1):
        top = f"{form.form_id:<40}{program:^88}{f'Page {n} of {total}':>40}".rstrip()
        title = f"{form.title:^{width}}".rstrip()
        bottom = f"{form.form_id:<40}{'CONFIDENTIAL':^88}{f'Page {n} of {total}':>40}".rstrip()
        pages.append("\n".join([top, "", title, "", *body, "", bottom]) + "\n")
    return pages


# --------------------------------------------------------------------------- PDF


def _pdf(form: Form, program: str, leak: bool) -> bytes:
    pdf = k.FormPDF(form.form_id, k.latin1(program), "CONFIDENTIAL", landscape=True)
    left = 36.0

    def text_box(
        x: float, y: float, w: float, h: float, name: str, value: str, size: float
    ) -> None:
        pdf.rect(x, y, w, h)
        pdf.set_xy(x + 1.5, y)
        if value:
            pdf.set_font("Helvetica", "", size)
            pdf.set_text_color(0, 0, 0)
            text = k.latin1(value)
        elif leak:
            pdf.set_font("Helvetica", "I", 5)
            pdf.set_text_color(150, 150, 150)
            text = name
        else:
            return
        while text and pdf.get_string_width(text) > w - 3:
            text = text[:-1]
        pdf.cell(w - 3, h, text)
        pdf.set_text_color(0, 0, 0)

    def check_box(x: float, y: float, w: float, h: float, on: bool) -> None:
        pdf.rect(x, y, w, h)
        side = 7.0
        bx, by = x + (w - side) / 2, y + (h - side) / 2
        pdf.rect(bx, by, side, side)
        if on:
            pdf.set_font("Helvetica", "B", 7)
            pdf.set_xy(bx, by)
            pdf.cell(side, side, "X", align="C")

    def title_and_header() -> None:
        pdf.set_font("Helvetica", "B", 12)
        pdf.set_xy(left, 48)
        pdf.cell(pdf.usable, 16, form.title, align="C")
        y = 72.0
        w = pdf.usable / len(form.header)
        for i, (name, label, value) in enumerate(form.header):
            x = left + i * w
            pdf.set_font("Helvetica", "", 6.5)
            pdf.set_xy(x, y)
            pdf.cell(w - 6, 8, label)
            text_box(x, y + 8, w - 6, 14, name, value, 9)
        pdf.set_y(y + 30)

    def footer_block(y: float) -> None:
        pdf.set_font("Helvetica", "I", 7)
        pdf.set_xy(left, y)
        pdf.cell(pdf.usable, 9, "I attest that the services above were provided as documented.")
        w = 220.0
        for i, (name, label, value) in enumerate(form.footer):
            x = left + i * (w + 20)
            pdf.set_font("Helvetica", "", 6.5)
            pdf.set_xy(x, y + 11)
            pdf.cell(w, 8, label)
            text_box(x, y + 19, w, 14, name, value, 9)

    if form.lines:
        pdf.add_page()
        title_and_header()
        y = pdf.get_y() + 6
        for name, label, value in form.lines:
            if value in ("Yes", "Off"):
                check_box(left, y, 12, 12, value == "Yes")
                pdf.set_font("Helvetica", "", 8)
                pdf.set_xy(left + 16, y + 2)
                pdf.cell(300, 8, label)
                y += 16
                continue
            pdf.set_font("Helvetica", "", 6.5)
            pdf.set_xy(left, y)
            pdf.cell(200, 8, label)
            text_box(left, y + 8, pdf.usable, 14, name, value, 9)
            y += 28
        footer_block(y + 10)
        return k.pdf_bytes(pdf)

    n_pages = max(1, -(-len(form.rows) // ROWS_PER_PAGE))
    for p in range(n_pages):
        pdf.add_page()
        title_and_header()
        y = pdf.get_y()
        x = left
        pdf.set_fill_color(225, 225, 225)
        pdf.set_font("Helvetica", "B", 6.5)
        for c in COLUMNS:
            pdf.set_xy(x, y)
            pdf.cell(c.points, 12, c.label, border=1, align="C", fill=True)
            x += c.points
        y += 12
        for i in range(p * ROWS_PER_PAGE, (p + 1) * ROWS_PER_PAGE):
            n = i + 1
            row = form.rows[i] if i < len(form.rows) else {}
            x = left
            for c in COLUMNS:
                if c.key == "No":
                    pdf.set_font("Helvetica", "", 7)
                    pdf.set_xy(x, y)
                    pdf.cell(c.points, 16, str(n), border=1, align="C")
                elif c.check:
                    check_box(x, y, c.points, 16, row.get(c.key) == "Yes")
                else:
                    size = 6.5 if c.key in ("Staff", "Desc") else 7.5
                    text_box(x, y, c.points, 16, f"Row{n}_{c.key}", row.get(c.key, ""), size)
                x += c.points
            y += 16
        pdf.set_font("Helvetica", "", 6.5)
        for line in LEGEND:
            pdf.set_xy(left, y + 4)
            pdf.cell(pdf.usable, 9, line)
            y += 9
        if p == n_pages - 1:
            footer_block(y + 8)
    return k.pdf_bytes(pdf)


FAMILY = Family(
    name="d5-flattened-form-pdf-text",
    split="dev",
    description=(
        "A landscape weekly service-verification form (one numbered grid row per service or "
        "closed day: date, code, group, scheduled time, time in/out, minutes, P/A/NS/C/CL and "
        "IP/TH check boxes, #Grp, staff) plus a discharge form, flattened and exported as "
        "pdftotext -layout text, as Acrobat tab-delimited form data, or as real PDFs."
    ),
    conventions=(
        "weekly grid: one row per service, a legend of the codes at the bottom",
        "column headings far above the row values; header values below or far right",
        "empty fields show their field names (Row9_Date, Row3_Grp)",
        "check boxes ☒/☐, ■/□, [X]/[ ] or ✔/☐ for attendance and mode",
        "times as 0920 or 9:20a, scheduled range plus client's own in/out",
        "Acrobat Export Data: tab-separated field names line and values line",
        "landscape PDFs with drawn boxes and X'd check boxes",
        "program closures as grid rows with the CL box checked",
        "form id and Page n of N at the top and bottom of each page",
    ),
    render=render,
)
