"""Fillable PDF forms, filled in by staff and exported flattened or dumped.

The program documents on fillable PDF forms: a daily group note (form "IOP-DN-03 rev
2019") with a block per group of the day (pre-printed group time; Time In / Time Out boxes
for the client's own times; service-type, attendance, arrived-late/left-early and modality
check boxes; number in group; facilitators; note), a session note for individual, family
and ancillary services ("IOP-SN-05 rev 2021"), and a discharge form ("IOP-DC-07 rev 2020")
with the admission and discharge dates and the days the program was closed.

What the chart holds is what the records office exported, by variant (seed-picked):

- a dump of each form's fields as ``pdftk dump_data_fields`` prints it (``---``,
  ``FieldType``, ``FieldName: txtG1TimeIn``, ``FieldNameAlt`` (the tooltip),
  ``FieldValue``, ``FieldStateOption: Off/Yes``), check boxes as ``Yes``/``Off``;
- the text of the flattened forms (as ``pdftotext -layout`` gives it): labels and values
  on separate lines or far apart on one, times in character boxes ``| 0 9 : 0 0 |`` (with
  AM/PM boxes in 12-hour forms), check boxes as ``☒``/``☐`` or ``[X]``/``[ ]``, and the
  form id and "Page n of N" repeated at the top and bottom of every page;
- the flattened forms as real PDFs (one per form), drawn boxes with the values in them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)
from eval.generality.styles_dev4 import _kit as k

DAY_FORM = ("IOP-DN-03 rev 2019", "INTENSIVE OUTPATIENT PROGRAM - DAILY GROUP NOTE")
SESSION_FORM = ("IOP-SN-05 rev 2021", "IOP SESSION NOTE - INDIVIDUAL / FAMILY / ANCILLARY")
DC_FORM = ("IOP-DC-07 rev 2020", "IOP DISCHARGE / TRANSITION FORM")
PAGE_LINES = 54


@dataclass(frozen=True)
class Field:
    """One form field: ``kind`` "text", "check" (value "Yes"/"Off") or "time" (a time in
    character boxes; ``value`` "09:00" or "" when blank)."""

    name: str
    label: str
    kind: str
    value: str
    width: int = 0  # characters for a text value in the layout (0: as long as it is)


Row = list[Field]


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[Row]
    new_page: bool = False  # the form prints this section at the top of a new page


@dataclass(frozen=True)
class Form:
    form_id: str
    title: str
    sections: list[Section]


def _check(name: str, label: str, on: bool) -> Field:
    return Field(name, label, "check", "Yes" if on else "Off")


def _text(name: str, label: str, value: str, width: int = 0) -> Field:
    return Field(name, label, "text", value, width)


ATTEND_BOXES = (
    ("Present", Attendance.ATTENDED),
    ("Absent", Attendance.ABSENT),
    ("NoShow", Attendance.NO_SHOW),
    ("Cancelled", Attendance.CANCELLED),
)
ATTEND_LABELS = {
    "Present": "Present",
    "Absent": "Absent",
    "NoShow": "No-show",
    "Cancelled": "Cancelled",
}


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    export = ("pdftk_dump", "layout_text", "pdf")[scn.seed % 3]
    clock = ("24", "12")[(scn.seed // 3) % 2]
    glyphs = rng.choice((("☒", "☐"), ("[X]", "[ ]")))
    label_above = rng.random() < 0.5
    show_modality = rng.random() < 0.7
    show_census = rng.random() < 0.6
    one_file = export == "layout_text" and rng.random() < 0.5
    member = scn.member
    sessions = k.services(scn)

    def tval(t: dt.time | None) -> str:
        if t is None:
            return ""
        if clock == "24":
            return k.t24(t)
        return f"{t.hour % 12 or 12:02d}:{t.minute:02d}"

    def time_fields(prefix: str, label: str, t: dt.time | None) -> list[Field]:
        out = [Field(f"txt{prefix}", label, "time", tval(t))]
        if clock == "12":
            out.append(_check(f"chk{prefix}_AM", "AM", t is not None and t.hour < 12))
            out.append(_check(f"chk{prefix}_PM", "PM", t is not None and t.hour >= 12))
        return out

    def header_rows(d: dt.date) -> list[Row]:
        return [
            [
                _text("txtClientName", "Client Name", f"{member.last}, {member.first}", 30),
                _text("txtClientID", "Client ID", member.member_id, 12),
                _text("txtDOB", "DOB", k.mdy(member.date_of_birth), 10),
            ],
            [
                _text("txtSvcDate", "Date of Service", k.mdy(d), 10),
                _text("txtAdmitDate", "Admit Date", k.mdy(scn.admission_date), 10),
                _text("txtProgram", "Program", scn.program, 34),
            ],
        ]

    def attendance_row(p: str, s: PlannedSession) -> Row:
        row = [
            _check(f"chk{p}Attend_{code}", ATTEND_LABELS[code], s.attendance is att)
            for code, att in ATTEND_BOXES
        ]
        if s.attendance not in {att for _, att in ATTEND_BOXES}:
            row.append(_text(f"txt{p}AttendOther", "Other", k.attendance_word(s.attendance), 12))
        return row

    def session_rows(p: str, s: PlannedSession) -> list[Row]:
        a, b = (s.member_start or s.start, s.member_end or s.end) if s.attended else (None, None)
        late, early = s.member_start is not None, s.member_end is not None
        rows: list[Row] = [
            [*time_fields(f"{p}TimeIn", "Time In", a), *time_fields(f"{p}TimeOut", "Time Out", b)],
            attendance_row(p, s),
            [
                _check(f"chk{p}Late_Yes", "Arrived late: Yes", s.attended and late),
                _check(f"chk{p}Late_No", "Arrived late: No", s.attended and not late),
                _check(f"chk{p}Early_Yes", "Left early: Yes", s.attended and early),
                _check(f"chk{p}Early_No", "Left early: No", s.attended and not early),
            ],
        ]
        if show_modality:
            rows.append(
                [
                    _check(
                        f"chk{p}Mode_InPerson",
                        "In person",
                        s.attended and s.modality is Modality.IN_PERSON,
                    ),
                    _check(
                        f"chk{p}Mode_Video",
                        "Telehealth (video)",
                        s.attended and s.modality is Modality.VIDEO,
                    ),
                    _check(
                        f"chk{p}Mode_Phone",
                        "Telephone",
                        s.attended and s.modality is Modality.AUDIO,
                    ),
                ]
            )
        if not s.attended:
            rows.append([_text(f"txt{p}ReasonMissed", "Reason missed", s.absence_reason, 40)])
        return rows

    def day_form(d: dt.date, groups: list[PlannedSession]) -> Form:
        sections = [Section("", header_rows(d))]
        for n, s in enumerate(groups, 1):
            p = f"G{n}"
            rows: list[Row] = [
                [
                    _text(
                        f"txt{p}Sched",
                        f"Group {n} scheduled",
                        f"{k.t12(s.start)} - {k.t12(s.end)}",
                        20,
                    ),
                    _text(f"txt{p}Title", "Group title", s.title, 30),
                ],
                [
                    _check(
                        f"chk{p}Type_GrpPsych",
                        "Group Psychotherapy",
                        s.kind is ServiceKind.GROUP_PSYCHOTHERAPY,
                    ),
                    _check(
                        f"chk{p}Type_PsychEd",
                        "Psychoeducation",
                        s.kind is ServiceKind.GROUP_EDUCATION,
                    ),
                ],
                *session_rows(p, s),
            ]
            if show_census:
                census = str(s.group_size) if s.attended and s.group_size else ""
                rows.append([_text(f"txt{p}Census", "# Clients in group", census, 3)])
            rows.append(
                [
                    _text(
                        f"txt{p}Facilitators",
                        "Facilitator(s)",
                        "; ".join(k.staff_full(x) for x in s.facilitators),
                        50,
                    )
                ]
            )
            rows.append([_text(f"txt{p}Note", "Note", k.narrative(rng, s), 0)])
            sections.append(Section(f"GROUP {n}", rows, new_page=n > 1))
        signer = groups[0].facilitators[0] if groups[0].facilitators else scn.therapists[0]
        sections.append(
            Section(
                "SIGNATURE",
                [
                    [
                        _text("txtSignedBy", "Staff signature", k.staff_full(signer), 34),
                        _text("txtSignDate", "Date", k.mdy(k.later(d, rng, 0, 1)), 10),
                    ]
                ],
            )
        )
        return Form(*DAY_FORM, sections)

    def session_form(s: PlannedSession) -> Form:
        kinds = (
            ("Individual", "Individual Therapy", ServiceKind.INDIVIDUAL_PSYCHOTHERAPY),
            ("Family", "Family Therapy", ServiceKind.FAMILY_COUNSELING),
            ("CaseMgmt", "Case Management", ServiceKind.CASE_MANAGEMENT),
            ("MedMgmt", "Medication Management", ServiceKind.MEDICATION_MANAGEMENT),
        )
        staff = k.rendering_staff(scn, s)[0]
        code, _, _ = k.billing_code(s)
        rows: list[Row] = [
            [_check(f"chkSvc_{c}", label, s.kind is kind) for c, label, kind in kinds],
            [_text("txtCPT", "CPT/HCPCS", code, 6)],
            [_text("txtSched", "Scheduled", f"{k.t12(s.start)} - {k.t12(s.end)}", 20)],
            *session_rows("S", s),
            [_text("txtClinician", "Clinician", k.staff_full(staff), 34)],
            [_text("txtNote", "Session note", k.narrative(rng, s), 0)],
            [
                _text("txtSignedBy", "Staff signature", k.staff_full(staff), 34),
                _text("txtSignDate", "Date", k.mdy(k.later(s.date, rng, 0, 2)), 10),
            ],
        ]
        return Form(*SESSION_FORM, [Section("", header_rows(s.date)), Section("SERVICE", rows)])

    def dc_form() -> Form:
        closed = "; ".join(f"{k.mdy(d)} {k.holiday_name(d)}" for d in scn.closed_days)
        rows: list[Row] = [
            [
                _text("txtClientName", "Client Name", f"{member.last}, {member.first}", 30),
                _text("txtClientID", "Client ID", member.member_id, 12),
            ],
            [
                _text("txtAdmitDate", "Admission Date", k.mdy(scn.admission_date), 10),
                _text("txtDCDate", "Discharge Date", k.mdy(scn.discharge_date), 10),
            ],
            [_text("txtDx", "Diagnosis", f"{scn.diagnosis_code} {scn.diagnosis_name}", 0)],
            [
                _check("chkDC_Completed", "Completed program", True),
                _check("chkDC_AMA", "Left against advice", False),
                _check("chkDC_Transfer", "Transferred", False),
            ],
            [_text("txtClosedDays", "Program closed (holidays)", closed or "None", 0)],
            [
                _text("txtSignedBy", "Staff signature", k.staff_full(scn.therapists[0]), 34),
                _text("txtSignDate", "Date", k.mdy(scn.discharge_date), 10),
            ],
        ]
        return Form(*DC_FORM, [Section("DISCHARGE", rows)])

    # ---- the forms
    forms: list[tuple[str, Form, list[PlannedSession]]] = []
    safe = member.last.encode("ascii", "ignore").decode()
    for d, day in k.by_day(sessions).items():
        groups = [s for s in day if s.is_group]
        if groups:
            forms.append((f"{safe}_IOP-DN-03_{d:%Y%m%d}", day_form(d, groups), groups))
        for s in day:
            if not s.is_group:
                stem = f"{safe}_IOP-SN-05_{d:%Y%m%d}_{k.t24(s.start, colon=False)}"
                forms.append((stem, session_form(s), [s]))
    forms.append((f"{safe}_IOP-DC-07", dc_form(), []))

    files: list[ChartFile] = []
    file_of: dict[int, str] = {}
    if export == "pdftk_dump":
        for stem, form, members in forms:
            name = f"{stem}_fields.txt"
            files.append(k.text_file(name, _dump(form)))
            for s in members:
                file_of[s.index] = name
    elif export == "pdf":
        for stem, form, members in forms:
            name = f"{stem}.pdf"
            files.append(ChartFile(name, _pdf(form, scn.program)))
            for s in members:
                file_of[s.index] = name
    else:
        pages_of = [
            (stem, _layout(form, scn.program, glyphs, label_above), members)
            for stem, form, members in forms
        ]
        if one_file:
            name = f"{safe}_{member.member_id}_forms_export.txt"
            text = "\f".join("\f".join(pages) for _, pages, _ in pages_of)
            files.append(k.text_file(name, text))
            for _, _, members in pages_of:
                for s in members:
                    file_of[s.index] = name
        else:
            for stem, pages, members in pages_of:
                name = f"{stem}.txt"
                files.append(k.text_file(name, "\f".join(pages)))
                for s in members:
                    file_of[s.index] = name

    written = [
        Written(
            session=s.index,
            files=(file_of[s.index],),
            states_modality=show_modality and s.attended,
            states_group_size=show_census and s.attended,
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


# --------------------------------------------------------------------------- pdftk dump


def _dump(form: Form) -> list[str]:
    """``pdftk form.pdf dump_data_fields_utf8`` output of a filled form."""
    out: list[str] = []
    for sec in form.sections:
        for row in sec.rows:
            for f in row:
                out.append("---")
                if f.kind == "check":
                    out += [
                        "FieldType: Button",
                        f"FieldName: {f.name}",
                        f"FieldNameAlt: {(sec.title + ' ' if sec.title else '')}{f.label}",
                        "FieldFlags: 0",
                        f"FieldValue: {f.value}",
                        "FieldJustification: Left",
                        "FieldStateOption: Off",
                        "FieldStateOption: Yes",
                    ]
                else:
                    value = f.value
                    if f.kind == "time" and value:
                        value = value.replace(":", "")
                    out += [
                        "FieldType: Text",
                        f"FieldName: {f.name}",
                        f"FieldNameAlt: {(sec.title + ' ' if sec.title else '')}{f.label}",
                        "FieldFlags: 4096" if f.name.endswith("Note") else "FieldFlags: 0",
                        f"FieldValue: {value}",
                        "FieldJustification: Left",
                    ]
                    if f.kind == "time":
                        out.append("FieldMaxLength: 4")
    return out


# --------------------------------------------------------------------------- layout text


def _boxes(value: str) -> str:
    if not value:
        return "|   :   |"
    return "| " + " ".join(value) + " |"


def _layout(form: Form, program: str, glyphs: tuple[str, str], label_above: bool) -> list[str]:
    """The flattened form's text, as pdftotext -layout prints it, cut into pages."""
    on, off = glyphs
    body: list[str] = ["", f"{form.title:^100}".rstrip(), ""]
    breaks: list[int] = []
    for sec in form.sections:
        if sec.new_page:
            breaks.append(len(body))
        if sec.title:
            body += [sec.title, "-" * len(sec.title)]
        for row in sec.rows:
            if all(f.kind == "check" for f in row):
                if "Late_" in row[0].name:
                    # arrived late / left early toggles
                    yes_no = [
                        f"{on if f.value == 'Yes' else off} {f.label[-3:].strip()}" for f in row
                    ]
                    body.append(
                        f"Arrived late?   {yes_no[0]}  {yes_no[1]}          "
                        f"Left early?   {yes_no[2]}  {yes_no[3]}"
                    )
                else:
                    body.append(
                        "   ".join(f"{on if f.value == 'Yes' else off} {f.label}" for f in row)
                    )
                continue
            long_texts = [f for f in row if f.kind == "text" and f.width == 0]
            if long_texts:
                f = long_texts[0]
                body.append(f"{f.label}:")
                body += k.wrap(f.value or " ", 92, "    ")
                continue
            cells: list[tuple[str, str]] = []
            i = 0
            while i < len(row):
                f = row[i]
                if f.kind == "time":
                    val = _boxes(f.value)
                    while i + 1 < len(row) and row[i + 1].kind == "check":
                        nxt = row[i + 1]
                        val += f" {on if nxt.value == 'Yes' else off} {nxt.label}"
                        i += 1
                    cells.append((f.label, val))
                elif f.kind == "check":
                    cells.append(("", f"{on if f.value == 'Yes' else off} {f.label}"))
                else:
                    cells.append((f.label, f.value.ljust(f.width)))
                i += 1
            width = max(32, *(max(len(a), len(b)) + 4 for a, b in cells))
            if label_above:
                body.append("".join(a.ljust(width) for a, _ in cells).rstrip())
                body.append("".join(b.ljust(width) for _, b in cells).rstrip())
            else:
                body.append(
                    "".join(
                        (f"{a}{' ' * 14}{b}" if a else b).ljust(width + 16) for a, b in cells
                    ).rstrip()
                )
        body.append("")
    per_page = PAGE_LINES - 4
    chunks: list[list[str]] = []
    for a, b in zip([0, *breaks], [*breaks, len(body)], strict=True):
        part = body[a:b]
        chunks += [part[i : i + per_page] for i in range(0, len(part), per_page)]
    chunks = chunks or [[]]
    total = len(chunks)
    pages = []
    for n, chunk in enumerate(chunks, 1):
        head = f"{form.form_id:<34}{program[:40]:^40}{f'Page {n} of {total}':>26}"
        foot = f"{form.form_id:<34}{'CONFIDENTIAL - protected health information':^40}"
        foot += f"{f'Page {n} of {total}':>26}"
        pages.append("\n".join([head, *chunk, "", foot]) + "\n")
    return pages


# --------------------------------------------------------------------------- PDF


def _pdf(form: Form, program: str) -> bytes:
    pdf = k.FormPDF(form.form_id, k.latin1(program), "CONFIDENTIAL - protected health information")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 18, k.latin1(form.title), align="C", new_x="LMARGIN", new_y="NEXT")
    usable = 516.0
    for sec in form.sections:
        if sec.new_page:
            pdf.add_page()
        if sec.title:
            pdf.set_font("Helvetica", "B", 10)
            pdf.set_fill_color(225, 225, 225)
            pdf.cell(usable, 14, sec.title, fill=True, new_x="LMARGIN", new_y="NEXT")
        for row in sec.rows:
            long_texts = [f for f in row if f.kind == "text" and f.width == 0]
            if long_texts:
                f = long_texts[0]
                pdf.set_font("Helvetica", "", 7)
                pdf.cell(usable, 9, k.latin1(f.label), new_x="LMARGIN", new_y="NEXT")
                pdf.set_font("Helvetica", "", 9)
                pdf.multi_cell(usable, 11, k.latin1(f.value or " "), border=1)
                pdf.ln(3)
                continue
            if pdf.get_y() > 700:
                pdf.add_page()
            y = pdf.get_y()
            x = 48.0
            step = usable / max(1, len(row)) if any(f.kind != "check" for f in row) else 0
            for f in row:
                if f.kind == "check":
                    pdf.rect(x, y + 10, 9, 9)
                    pdf.set_font("Helvetica", "B", 8)
                    if f.value == "Yes":
                        pdf.set_xy(x, y + 10)
                        pdf.cell(9, 9, "X", align="C")
                    pdf.set_font("Helvetica", "", 8)
                    pdf.set_xy(x + 11, y + 10)
                    w = pdf.get_string_width(k.latin1(f.label)) + 4
                    pdf.cell(w, 9, k.latin1(f.label))
                    x += 11 + w + 8
                    continue
                pdf.set_font("Helvetica", "", 7)
                pdf.set_xy(x, y)
                pdf.cell(step - 4, 9, k.latin1(f.label))
                pdf.set_font("Helvetica", "", 9)
                if f.kind == "time":
                    chars = list(f.value) if f.value else [" ", " ", ":", " ", " "]
                    for j, ch in enumerate(chars):
                        pdf.rect(x + j * 12, y + 9, 12, 13)
                        pdf.set_xy(x + j * 12, y + 9)
                        pdf.cell(12, 13, ch, align="C")
                    x += 5 * 12 + 6
                    continue
                pdf.rect(x, y + 9, step - 6, 13)
                pdf.set_xy(x + 2, y + 9)
                text = k.latin1(f.value)
                while text and pdf.get_string_width(text) > step - 10:
                    text = text[:-1]
                pdf.cell(step - 10, 13, text)
                x += step
            pdf.set_xy(48, y + 26)
        pdf.ln(4)
    return k.pdf_bytes(pdf)


FAMILY = Family(
    name="d4-flattened-form-text",
    split="dev",
    description=(
        "Fillable PDF forms (daily group note, session note, discharge form) exported as a "
        "pdftk field dump, as flattened layout text with boxed times and check-box glyphs "
        "and repeating form headers/footers, or as flattened PDFs."
    ),
    conventions=(
        "leaked field names (txtSvcDate, chkG1Attend_Present)",
        "pdftk dump_data_fields blocks with Yes/Off check boxes",
        "check boxes as ☒/☐ or [X]/[ ]",
        "times in character boxes | 0 9 : 0 0 | with AM/PM boxes",
        "labels above values, or far to their left",
        "arrived late? / left early? Yes/No toggles",
        "form id and Page n of N on every page",
        "one form per program day with a block per group",
        "flattened PDF with drawn boxes",
    ),
    render=render,
)
