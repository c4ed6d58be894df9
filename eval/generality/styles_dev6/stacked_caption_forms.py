"""Boxed attendance forms whose text layer stacks each caption above its value.

Three vendors' forms:

- ``pdf-boxes``: one PDF page per service (a month per file), each field a drawn box with a
  small caption over the value; the text layer gives either each row of captions followed by
  the row of values, or caption/value pairs box by box. Scheduled time, the client's Time In
  / Time Out and minutes attended, census, facilitators, setting; a face sheet and closure
  notices.
- ``stacked-lines``: the same kind of record flattened to text, one caption line then one
  value line per field (no group census).
- ``caption-rows``: a daily verification sheet laid out as text: rows of two to four
  captions, each followed by a row of values under them (blank where the form was empty),
  with the lunch break and closed days.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from fpdf import FPDF

from core.facts import ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

LAYOUTS = ("pdf-boxes", "stacked-lines", "caption-rows")


def _service_title(s: PlannedSession) -> str:
    return s.title


def _month_key(d: dt.date) -> str:
    return f"{d.year}-{d.month:02d}"


# --------------------------------------------------------------------------- pdf-boxes


class _Form:
    """A page of boxed fields drawn top-down; ``order`` is the text-layer order."""

    def __init__(self, pdf: FPDF, order: str) -> None:
        self.pdf = pdf
        self.order = order
        self.y = 0.0

    def header(self, program: str, title: str, form_no: str) -> None:
        pdf = self.pdf
        pdf.set_font("Helvetica", "B", 12)
        pdf.text(36, 52, k.latin1(program))
        pdf.set_font("Helvetica", "B", 10)
        pdf.text(36, 68, k.latin1(title))
        pdf.set_font("Helvetica", "", 7)
        pdf.text(470, 52, form_no)
        pdf.line(36, 74, 576, 74)
        self.y = 82.0

    def row(self, boxes: Sequence[tuple[str, str, float]], height: float = 30.0) -> None:
        """Boxes of ``(caption, value, width share)`` filling the 540pt line."""
        pdf = self.pdf
        total = sum(w for _, _, w in boxes)
        x = 36.0
        places: list[tuple[float, float, str, str]] = []
        for caption, value, share in boxes:
            w = 540.0 * share / total
            pdf.rect(x, self.y, w, height)
            places.append((x, w, caption, value))
            x += w

        def caption_at(px: float, cap: str) -> None:
            pdf.set_font("Helvetica", "", 6.5)
            pdf.text(px + 3, self.y + 8, k.latin1(cap.upper()))

        def value_at(px: float, w: float, val: str) -> None:
            if not val:
                return
            size = 9.5
            pdf.set_font("Helvetica", "", size)
            while pdf.get_string_width(k.latin1(val)) > w - 6 and size > 6:
                size -= 0.5
                pdf.set_font("Helvetica", "", size)
            pdf.text(px + 3, self.y + 22, k.latin1(val))

        if self.order == "rows":
            for px, _, cap, _ in places:
                caption_at(px, cap)
            for px, w, _, val in places:
                value_at(px, w, val)
        else:
            for px, w, cap, val in places:
                caption_at(px, cap)
                value_at(px, w, val)
        self.y += height

    def text_box(self, caption: str, lines: list[str], height: float) -> None:
        pdf = self.pdf
        pdf.rect(36, self.y, 540, height)
        pdf.set_font("Helvetica", "", 6.5)
        pdf.text(39, self.y + 8, caption.upper())
        pdf.set_font("Helvetica", "", 9)
        for i, line in enumerate(lines):
            pdf.text(39, self.y + 21 + 11 * i, k.latin1(line))
        self.y += height

    def footer(self, left: str, page: int) -> None:
        pdf = self.pdf
        pdf.set_font("Helvetica", "", 7)
        pdf.text(36, 760, k.latin1(left))
        pdf.text(530, 760, f"Page {page}")


def _pdf_boxes(scn: Scenario, rng: random.Random) -> RenderedChart:
    # a vendor's text layer gives rows of captions then values, or box by box
    order = "rows" if (scn.seed // len(LAYOUTS)) % 2 == 0 else "boxes"
    ts = rng.choice(("12", "24"))
    empty = rng.choice(("", "N/A"))
    discharge_stated = rng.random() < 0.6
    vendor = rng.choice(("CareForms 4.2", "TheraDoc Forms", "EHR Forms Module v11"))
    m = scn.member
    member_name = f"{m.last}, {m.first}"
    per_month: dict[str, list[tuple[dt.date, int, PlannedSession | None]]] = {}
    for s in scn.sessions:
        if s.kind is ServiceKind.MEAL:
            continue
        per_month.setdefault(_month_key(s.date), []).append((s.date, minutes_key(s), s))
    for d in scn.closed_days:
        per_month.setdefault(_month_key(d), []).append((d, -1, None))
    files: list[ChartFile] = []
    written: list[Written] = []
    doc_dates: list[dt.date] = []
    for mi, key in enumerate(sorted(per_month)):
        name = f"iop_forms_{key}.pdf"
        pdf = k.new_pdf()
        page = 0
        if mi == 0:
            pdf.add_page()
            page += 1
            f = _Form(pdf, order)
            f.header(scn.program, "EPISODE FACE SHEET", "Form IOP-01")
            f.row(
                [
                    ("Client Name", member_name, 2),
                    ("Client ID", m.member_id, 1),
                    ("Date of Birth", k.df(m.date_of_birth, "us"), 1),
                ]
            )
            boxes = [
                ("Program", "Intensive Outpatient (IOP)", 2),
                ("Admission Date", k.df(scn.admission_date, "us"), 1),
            ]
            if discharge_stated:
                boxes.append(("Discharge Date", k.df(scn.discharge_date, "us"), 1))
            else:
                boxes.append(("Episode Status", "Active", 1))
            f.row(boxes)
            f.row(
                [
                    ("Primary Diagnosis", f"{scn.diagnosis_code}  {scn.diagnosis_name}", 3),
                    ("Attending Physician", k.staff(scn.physician), 2),
                ]
            )
            f.footer(vendor, page)
            doc_dates.append(scn.admission_date)
        for d, _, item in sorted(per_month[key], key=lambda e: (e[0], e[1])):
            pdf.add_page()
            page += 1
            f = _Form(pdf, order)
            if item is None:
                f.header(scn.program, "PROGRAM CLOSURE NOTICE", "Form IOP-12")
                f.row(
                    [
                        ("Date", k.df(d, "us"), 1),
                        ("Day", k.WEEKDAYS[d.weekday()], 1),
                        ("Reason", k.holiday(d), 2),
                    ]
                )
                f.row(
                    [
                        ("Services Affected", "All IOP groups - program closed, none held", 3),
                        ("Posted", k.df(d - dt.timedelta(days=7), "us"), 1),
                    ]
                )
                f.footer(vendor, page)
                continue
            s = item
            _session_form(f, scn, s, rng, member_name, ts, empty)
            signed = k.sign_date(rng, s.date)
            who = k.clinicians(scn, s)
            f.row(
                [
                    ("Completed By", k.staff(who[0]) if who else "", 2),
                    ("Date Signed", k.df(signed, "us"), 1),
                ]
            )
            f.footer(vendor, page)
            doc_dates.append(signed)
            written.append(k.written(s, [name], modality=True, group_size=True, facilitators=True))
        files.append(ChartFile(name, k.pdf_bytes(pdf)))
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=discharge_stated,
        latest_document_date=max(doc_dates),
    )


def minutes_key(s: PlannedSession) -> int:
    return k.minutes_of(s.start)


def _session_form(
    f: _Form,
    scn: Scenario,
    s: PlannedSession,
    rng: random.Random,
    member_name: str,
    ts: str,
    empty: str,
) -> None:
    group = s.kind in k.GROUP_KINDS
    title = "GROUP SERVICE ATTENDANCE RECORD" if group else "INDIVIDUAL SERVICE RECORD"
    f.header(scn.program, title, "Form IOP-07")
    m = scn.member
    f.row(
        [
            ("Client Name", member_name, 2),
            ("Client ID", m.member_id, 1),
            ("Date of Birth", k.df(m.date_of_birth, "us"), 1),
            ("Date of Service", k.df(s.date, "us"), 1),
        ]
    )
    attended = s.attended
    census = str(s.group_size) if group and s.group_size is not None else empty
    f.row(
        [
            ("Service", _service_title(s), 2),
            ("Billing Code", s.cpt or empty, 1),
            ("Setting", k.modality(s.modality), 1),
            (
                "Clients in Group" if group else "Session Type",
                census if group else k.kind_name(s.kind),
                1,
            ),
        ]
    )
    f.row(
        [
            ("Scheduled Time", k.span(s.start, s.end, ts, " - "), 2),
            ("Time In", k.tm(k.member_in(s), ts) if attended else empty, 1),
            ("Time Out", k.tm(k.member_out(s), ts) if attended else empty, 1),
            ("Minutes Attended", f"{s.minutes:.0f}" if attended else empty, 1),
        ]
    )
    note = ""
    if s.member_start is not None:
        note = "Late arrival"
    elif s.member_end is not None:
        note = "Left early"
    f.row(
        [
            ("Attendance", k.attendance(s.attendance, "plain"), 1),
            ("Absence Reason / Comment", k.reason(s) if not attended else note, 3),
        ]
    )
    who = k.clinicians(scn, s)
    f.row([("Facilitator(s)" if group else "Clinician", "; ".join(k.staff(w) for w in who), 1)])
    if attended:
        lines: list[str] = []
        for sentence in k.narrative(rng, s):
            lines += k.wrap(sentence, 105)
    else:
        lines = k.wrap(
            f"Client did not attend ({k.reason(s)}). Outreach per attendance "
            "policy; absence reviewed with treatment team.",
            105,
        )
    f.text_box("Session Summary", lines, 24 + 11 * len(lines))


# --------------------------------------------------------------------------- stacked-lines


def _stacked_lines(scn: Scenario, rng: random.Random) -> RenderedChart:
    name = "service_record_export.txt"
    ts = rng.choice(("12", "12l", "24"))
    ds = rng.choice(("us", "usn"))
    blank = rng.choice(("", "--", "(not recorded)"))
    discharge_stated = rng.random() < 0.5
    sep_style = rng.choice(("formfeed", "rule"))
    m = scn.member
    items: list[tuple[dt.date, int, PlannedSession | None]] = [
        (s.date, k.minutes_of(s.start), s) for s in scn.sessions if s.kind is not ServiceKind.MEAL
    ]
    items += [(d, -1, None) for d in scn.closed_days]
    items.sort(key=lambda e: (e[0], e[1]))
    out: list[str] = [
        "SERVICE RECORD EXPORT",
        "Client",
        f"{m.first} {m.last}",
        "Client ID",
        m.member_id,
        "Program",
        scn.program,
        "Admission Date",
        k.df(scn.admission_date, ds),
    ]
    if discharge_stated:
        out += ["Discharge Date", k.df(scn.discharge_date, ds)]
    written: list[Written] = []
    doc_dates = [scn.admission_date]
    total = len(items)
    for n, (d, _, s) in enumerate(items, start=1):
        if sep_style == "formfeed":
            out += ["\f" + f"Record {n} of {total}"]
        else:
            out += ["", f"==================== Record {n} / {total} ===================="]
        if s is None:
            out += [
                "Record Type",
                "Program Closure",
                "Date",
                k.df(d, ds),
                "Status",
                f"Program closed - {k.holiday(d)}. No services scheduled.",
            ]
            continue
        attended = s.attended
        out += [
            "Record Type",
            "Service Attendance",
            "Date of Service",
            k.df(s.date, ds),
            "Service Provided",
            s.title,
            "Service Type",
            k.kind_name(s.kind),
        ]
        if s.cpt:
            out += ["Procedure Code", s.cpt]
        out += [
            "Scheduled",
            k.span(s.start, s.end, ts, " - "),
            "Actual Time In",
            k.tm(k.member_in(s), ts) if attended else blank,
            "Actual Time Out",
            k.tm(k.member_out(s), ts) if attended else blank,
            "Attendance",
            k.attendance(s.attendance, "long"),
            "Delivery",
            k.modality(s.modality),
        ]
        who = k.clinicians(scn, s)
        out += ["Staff", "; ".join(k.staff(w) for w in who)]
        if attended:
            text = " ".join(k.narrative(rng, s))
            if s.member_start is not None:
                text = f"Client arrived late. {text}"
            if s.member_end is not None:
                text = f"Client left before the end of group. {text}"
        else:
            text = f"Reason for absence: {k.reason(s)}."
        out += ["Note", text]
        signed = k.sign_date(rng, s.date)
        doc_dates.append(signed)
        if signed == s.date:
            entered = dt.datetime.combine(s.date, s.end) + dt.timedelta(
                minutes=rng.randint(10, 150)
            )
        else:
            entered = dt.datetime.combine(signed, dt.time(rng.randint(8, 11), rng.randint(0, 59)))
        stamp = f"{k.df(entered.date(), ds)} {k.tm(entered.time(), ts)}"
        doc_dates.append(entered.date())
        out += ["Entered By", k.staff(who[0]) if who else "", "Entered On", stamp]
        written.append(k.written(s, [name], modality=True, facilitators=True))
    text = "\n".join(out) + "\n"
    return RenderedChart(
        files=(ChartFile(name, text.encode("utf-8")),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=discharge_stated,
        latest_document_date=max(doc_dates),
    )


# --------------------------------------------------------------------------- caption-rows


def _caption_row(cells: list[tuple[str, str, int]]) -> list[str]:
    """A row of captions and the row of their values, each column ``width`` wide."""
    cap = "".join(c.ljust(w) for c, _, w in cells).rstrip()
    val = "".join(v.ljust(w) for _, v, w in cells).rstrip()
    return [cap, val]


def _caption_rows(scn: Scenario, rng: random.Random) -> RenderedChart:
    ts = rng.choice(("4", "24"))
    discharge_stated = rng.random() < 0.6
    admission_stated = rng.random() < 0.8
    form = rng.choice(("Form AV-2", "BH-114 rev. 03/2024", "IOP-DAV"))
    m = scn.member
    by_day: dict[dt.date, list[PlannedSession]] = {}
    for s in scn.sessions:
        by_day.setdefault(s.date, []).append(s)
    days: list[tuple[dt.date, list[PlannedSession]]] = sorted(
        [*by_day.items(), *((d, []) for d in scn.closed_days)], key=lambda e: e[0]
    )
    files: dict[str, list[str]] = {}
    written: list[Written] = []
    doc_dates: list[dt.date] = []
    first = True
    for page, (d, sessions) in enumerate(days, start=1):
        name = f"daily_attendance_{_month_key(d)}.txt"
        lines = files.setdefault(name, [])
        if lines:
            lines.append("\f")
        lines += [
            scn.program.upper().center(86).rstrip(),
            f"{'DAILY IOP ATTENDANCE VERIFICATION':<64}{form}  p. {page}",
            "",
        ]
        if first:
            cells = [("Level of Care", "IOP", 18)]
            if admission_stated:
                cells.append(("Admission Date", k.df(scn.admission_date, "us"), 18))
            if discharge_stated:
                cells.append(("Discharge Date", k.df(scn.discharge_date, "us"), 18))
            cells.append(("Diagnosis", scn.diagnosis_code, 12))
            lines += [*_caption_row(cells), ""]
            first = False
        lines += _caption_row(
            [
                ("Client", f"{m.first} {m.last}", 32),
                ("Record No.", m.member_id, 18),
                ("Date of Service", k.df(d, "us"), 21),
                ("Weekday", k.WEEKDAYS[d.weekday()], 10),
            ]
        )
        lines.append("")
        if not sessions:
            lines += _caption_row(
                [("Program Status", f"CLOSED - {k.holiday(d)}", 40), ("Groups Held", "None", 14)]
            )
            lines += ["", "-" * 86]
            continue
        for s in sessions:
            name_here = [name]
            sched = k.span(s.start, s.end, ts)
            if s.kind is ServiceKind.MEAL:
                lines += _caption_row(
                    [("Break", s.title, 37), ("Time", sched, 18), ("Billable", "No", 10)]
                )
                lines += ["", "-" * 86]
                written.append(k.written(s, name_here, attendance=False))
                continue
            group = s.kind in k.GROUP_KINDS
            attended = s.attended
            lines += _caption_row(
                [
                    ("Service", s.title, 37),
                    ("Code", s.cpt or "", 9),
                    (
                        "Setting",
                        "Telehealth-Video" if s.modality.value == "video" else "Clinic",
                        19,
                    ),
                    ("Scheduled", sched, 14),
                ]
            )
            row = [
                ("Client In", k.tm(k.member_in(s), ts) if attended else "", 14),
                ("Client Out", k.tm(k.member_out(s), ts) if attended else "", 15),
                ("Minutes Attended", f"{s.minutes:.0f}" if attended else "", 21),
            ]
            if group:
                row.append(
                    ("Clients Present", str(s.group_size) if s.group_size is not None else "", 16)
                )
            lines += _caption_row(row)
            who = k.clinicians(scn, s)
            if group:
                co = k.staff(who[1]) if len(who) > 1 else ""
                lines += _caption_row(
                    [("Facilitator", k.staff(who[0]), 42), ("Co-Facilitator", co, 40)]
                )
            elif who:
                lines += _caption_row(
                    [("Clinician", k.staff(who[0]), 42), ("Service Type", k.kind_name(s.kind), 40)]
                )
            comment = k.reason(s)
            if s.member_start is not None:
                comment = "arrived late"
            elif s.member_end is not None:
                comment = "left early"
            lines += _caption_row(
                [("Attendance", k.attendance(s.attendance, "plain"), 24), ("Comment", comment, 40)]
            )
            lines += ["", "-" * 86]
            written.append(
                k.written(s, name_here, modality=True, group_size=True, facilitators=True)
            )
        verifier = next((x.facilitators[0] for x in sessions if x.facilitators), scn.therapists[0])
        lines += _caption_row(
            [
                ("Verified By", verifier.name, 32),
                ("Credentials", verifier.credential, 18),
                ("Date", k.df(d, "us"), 14),
            ]
        )
        doc_dates.append(d)
    return RenderedChart(
        files=tuple(ChartFile(n, ("\n".join(v) + "\n").encode("utf-8")) for n, v in files.items()),
        written=tuple(written),
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=max(doc_dates),
    )


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.pick_layout(scn, LAYOUTS)
    if layout == "pdf-boxes":
        return _pdf_boxes(scn, rng)
    if layout == "stacked-lines":
        return _stacked_lines(scn, rng)
    return _caption_rows(scn, rng)


FAMILY = Family(
    name="d6-stacked-caption-forms",
    split="dev",
    description=(
        "Boxed attendance forms whose text layer puts captions above values: PDF pages with "
        "caption rows then value rows (or box by box), caption/value line pairs, and daily "
        "sheets of caption rows over value rows; scheduled time beside the client's own Time "
        "In / Time Out and minutes attended."
    ),
    conventions=(
        "caption line then value line",
        "row of captions then row of values",
        "empty fields vanish from the text layer",
        "scheduled time and actual Time In / Time Out",
        "minutes attended",
        "closure notice pages",
        "one PDF page per service",
    ),
    render=render,
    tags=("pdf", "forms", "stacked"),
)
