"""Progress notes exported from an EHR as Rich Text Format (.rtf).

Many behavioural-health EHRs store notes as RTF (the note editor is a rich-text control)
and export them as such: ``{\\rtf1\\ansi\\ansicpg1252...`` with a font table and colour table,
paragraphs ended by ``\\par``, bold labels as ``\\b Time In:\\b0``, ``\\tab`` between a label
and its value, line breaks inside a paragraph as ``\\line``, and non-ASCII characters
escaped (``Tom\\'e1s``, an en dash as ``\\'96`` or ``\\u8211?``). The note header is, by
template, either bold-label paragraphs or an RTF table (``\\trowd ... \\cell ... \\row``)
of Date / Time In / Time Out / Service cells.

Variants (seed-picked): one note per file; a week of notes per file, notes separated by
``\\page``; every note in one file. Session time is "Time In / Time Out", "Start / End" or
only "Session Length: 90 minutes" (the member's own, with the late arrival said in
words). Some templates have no attendance field: an attended note shows participation in
its narrative, and missed sessions get a "Missed Session" note that says what happened.
A discharge summary (also RTF) states the admission and discharge dates and the days the
program was closed.
"""

from __future__ import annotations

import random

from core.facts import Modality
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)
from eval.generality.styles_dev4 import _kit as k

FONT_TABLES = (
    "{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\froman\\fcharset0 Times New Roman;}"
    "{\\f2\\fmodern\\fcharset0 Courier New;}}",
    "{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}{\\f1\\fnil\\fcharset2 Symbol;}}",
    "{\\fonttbl{\\f0\\froman\\fprq2\\fcharset0 Times New Roman;}"
    "{\\f1\\fswiss\\fprq2\\fcharset0 Segoe UI;}}",
)


class _Rtf:
    """A tiny RTF writer: escaped text, bold labels, tables."""

    def __init__(self, *, unicode: bool) -> None:
        self.unicode = unicode
        self.parts: list[str] = []

    def x(self, text: str) -> str:
        return k.rtf_text(text, unicode=self.unicode)

    def raw(self, code: str) -> None:
        self.parts.append(code)

    def para(self, text: str, *, bold: bool = False, center: bool = False, size: int = 0) -> None:
        ctl = "\\pard\\sa60" + ("\\qc" if center else "") + (f"\\fs{size}" if size else "")
        body = f"\\b {self.x(text)}\\b0" if bold else self.x(text)
        self.parts.append(f"{{{ctl} {body}\\par}}")

    def labels(self, pairs: list[tuple[str, str]], *, tabbed: bool) -> None:
        """Label/value pairs on one paragraph, split by \\tab (or one pair a paragraph)."""
        if tabbed:
            cells = [f"\\b {self.x(lab)}:\\b0\\tab {self.x(val)}" for lab, val in pairs]
            self.parts.append(
                "\\pard\\sa60\\tx2160\\tx4320\\tx6480 " + "\\tab ".join(cells) + "\\par"
            )
        else:
            for lab, val in pairs:
                self.parts.append(f"\\pard\\sa60 \\b {self.x(lab)}:\\b0  {self.x(val)}\\par")

    def table(self, header: list[str], row: list[str]) -> None:
        width = 9360 // len(header)
        box = "\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs"
        edges = "".join(f"{box}\\cellx{width * (i + 1)}" for i in range(len(header)))
        for cells, bold in ((header, True), (row, False)):
            self.parts.append(f"\\trowd\\trgaph108\\trleft0{edges}")
            on, off = ("\\b ", "\\b0") if bold else ("", "")
            inner = "".join(f"\\pard\\intbl {on}{self.x(c)}{off}\\cell " for c in cells)
            self.parts.append(inner + "\\row")
        self.parts.append("\\pard\\sa60\\par")

    def text_block(self, label: str, lines: list[str]) -> None:
        body = "\\line ".join(self.x(x) for x in lines)
        self.parts.append(f"\\pard\\sa120 \\b {self.x(label)}\\b0\\line {body}\\par")


def _document(font_table: str, body: list[str], generator: str) -> str:
    head = (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1033"
        + font_table
        + "\r\n{\\colortbl ;\\red0\\green0\\blue0;\\red31\\green73\\blue125;}"
        + f"\r\n{{\\*\\generator {generator};}}\\viewkind4\\uc1\r\n"
        + "\\pard\\sa60\\sl240\\slmult1\\f0\\fs20\\lang9 "
    )
    return head + "\r\n".join(body) + "\r\n}\r\n"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    grouping = ("per_note", "per_week", "single")[scn.seed % 3]
    header_style = rng.choice(("labels", "tabbed", "table"))
    time_style = rng.choice(("in_out", "start_end", "length_only"))
    attendance_field = rng.random() < 0.6
    show_location = rng.random() < 0.5
    show_census = rng.random() < 0.5
    unicode = rng.random() < 0.5
    font_table = rng.choice(FONT_TABLES)
    generator = rng.choice(("Riched20 10.0.19041", "Msftedit 5.41.21.2510", "TX_RTF32 28.0"))
    member = scn.member
    dash = " \u2013 "

    sessions = k.services(scn)

    def note(s: PlannedSession) -> tuple[list[str], bool]:
        """The RTF body of one note, and whether it states attendance."""
        w = _Rtf(unicode=unicode)
        staff = k.rendering_staff(scn, s)
        code, _, _ = k.billing_code(s)
        if s.attended:
            title = (
                "GROUP PROGRESS NOTE"
                if s.is_group
                else f"{k.generic_label(s.kind).upper()} PROGRESS NOTE"
            )
        else:
            title = "MISSED SESSION NOTE"
        w.para(scn.program, bold=True, center=True, size=24)
        w.para(title, bold=True, center=True, size=22)
        w.labels(
            [("Client", member.name), ("DOB", k.mdy(member.date_of_birth))],
            tabbed=True,
        )
        a, b = k.session_span(s)
        service = f"{code}{dash}{k.service_label(s)}"
        states_att = attendance_field or not s.attended
        if time_style == "in_out":
            tl = [("Time In", k.t12(a)), ("Time Out", k.t12(b))]
            if not s.attended:
                tl = [("Scheduled", f"{k.t12(s.start)}{dash}{k.t12(s.end)}")]
        elif time_style == "start_end":
            tl = [("Start", k.t24(a)), ("End", k.t24(b))]
            if not s.attended:
                tl = [("Scheduled", f"{k.t24(s.start)}-{k.t24(s.end)}")]
        else:
            tl = [("Session Length", f"{int(s.minutes)} minutes")]
            if s.member_start is not None:
                late = k.minute_of(s.member_start) - k.minute_of(s.start)
                tl = [("Session Length", f"{int(s.minutes)} minutes (arrived {late} min late)")]
            elif s.member_end is not None:
                early = k.minute_of(s.end) - k.minute_of(s.member_end)
                tl = [("Session Length", f"{int(s.minutes)} minutes (left {early} min early)")]
            if not s.attended:
                tl = [("Scheduled Length", f"{int(s.scheduled_minutes)} minutes")]
        if header_style == "table":
            head = ["Date of Service", *(lab for lab, _ in tl), "Service"]
            row = [k.mdy(s.date), *(v for _, v in tl), service]
            w.table(head, row)
        else:
            w.labels([("Date of Service", k.mdy(s.date))], tabbed=False)
            w.labels(tl, tabbed=header_style == "tabbed")
            w.labels([("Service", service)], tabbed=False)
        if states_att:
            w.labels([("Attendance", k.attendance_word(s.attendance, s.index % 4))], tabbed=False)
        if show_location and s.attended:
            pos = "02 Telehealth" if s.modality is Modality.VIDEO else "11 Office"
            w.labels([("Location", f"{k.modality_word(s.modality)} (POS {pos})")], tabbed=False)
        who = "; ".join(k.staff_full(x) for x in staff)
        w.labels([("Facilitator(s)" if s.is_group else "Clinician", who)], tabbed=False)
        if show_census and s.is_group and s.attended and s.group_size:
            w.labels([("Number in group", str(s.group_size))], tabbed=False)
        if s.attended and time_style != "length_only" and k.member_differs(s):
            w.labels([("Note", k.late_phrase(s))], tabbed=False)
        story = k.narrative(rng, s).replace("'", "\u2019")
        lines = [story]
        if s.attended and k.counted_kind(s.kind):
            lines.append(f"Plan: {k.pick(rng, k.PLAN)}")
        w.text_block("Narrative:", lines)
        signed = k.later(s.date, rng, 0, 2)
        w.raw(
            f"\\pard\\sa60\\i Electronically signed: {w.x(k.staff_full(staff[0]))} "
            f"{k.mdy(signed)}\\i0\\par"
        )
        return w.parts, states_att

    files: list[ChartFile] = []
    written: list[Written] = []
    bodies: dict[int, tuple[list[str], bool]] = {s.index: note(s) for s in sessions}

    def add(name: str, members: list[PlannedSession]) -> None:
        body: list[str] = []
        for i, s in enumerate(members):
            if i:
                body.append("\\pard\\page")
            body += bodies[s.index][0]
        files.append(ChartFile(name, _document(font_table, body, generator).encode("ascii")))
        for s in members:
            states_att = bodies[s.index][1]
            written.append(
                Written(
                    session=s.index,
                    files=(name,),
                    states_attendance=states_att,
                    implied_attended=not states_att and s.attended,
                    states_modality=show_location and s.attended,
                    states_group_size=show_census and s.attended,
                    states_facilitators=True,
                )
            )

    safe_last = member.last.encode("ascii", "ignore").decode()
    if grouping == "per_note":
        for s in sessions:
            add(f"{safe_last}_{s.date:%Y%m%d}_{k.t24(s.start, colon=False)}.rtf", [s])
    elif grouping == "per_week":
        weeks: dict[int, list[PlannedSession]] = {}
        for s in sessions:
            weeks.setdefault((s.date - scn.admission_date).days // 7, []).append(s)
        for n, members in sorted(weeks.items()):
            first = members[0].date
            add(f"{safe_last}_IOP_notes_wk{n + 1:02d}_{first:%m%d%Y}.rtf", members)
    else:
        add(f"{safe_last}_{member.member_id}_ProgressNotes.rtf", sessions)

    # ---- discharge summary
    w = _Rtf(unicode=unicode)
    w.para(scn.program, bold=True, center=True, size=24)
    w.para("IOP DISCHARGE SUMMARY", bold=True, center=True, size=22)
    w.labels(
        [("Client", member.name), ("DOB", k.mdy(member.date_of_birth))],
        tabbed=True,
    )
    w.labels(
        [
            ("Admission Date", k.mdy(scn.admission_date)),
            ("Discharge Date", k.mdy(scn.discharge_date)),
            ("Diagnosis", f"{scn.diagnosis_code} {scn.diagnosis_name}"),
        ],
        tabbed=False,
    )
    closures = [f"{k.mdy(d)} ({k.holiday_name(d)})" for d in scn.closed_days]
    course = [
        "Client completed the Intensive Outpatient Program. Attendance and participation are "
        "documented in the session notes.",
    ]
    if closures:
        course.append("Program closed (no services): " + "; ".join(closures) + ".")
    course.append("Discharge plan: step down to weekly outpatient therapy.")
    w.text_block("Course of Treatment:", course)
    dc_signed = k.later(scn.discharge_date, rng, 0, 3)
    w.raw(
        f"\\pard\\sa60\\i Electronically signed: {w.x(k.staff_full(scn.therapists[0]))} "
        f"{k.mdy(dc_signed)}\\i0\\par"
    )
    files.append(
        ChartFile(
            f"{safe_last}_DischargeSummary.rtf",
            _document(font_table, w.parts, generator).encode("ascii"),
        )
    )
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=dc_signed,
    )


FAMILY = Family(
    name="d4-rtf-note-dump",
    split="dev",
    description=(
        "Progress notes exported as RTF: font and colour tables, \\b bold labels \\b0, \\tab "
        "and \\line, RTF tables for the note header, escaped non-ASCII characters, and in "
        "some exports several notes per file separated by \\page."
    ),
    conventions=(
        "{\\rtf1\\ansi ... } with font table and generator",
        "\\b Label:\\b0 value\\par",
        "label \\tab value on one paragraph",
        "header as RTF table (\\trowd ... \\cell ... \\row)",
        "\\'xx and \\uN? escapes, en dash between times",
        "notes separated by \\page",
        "Time In/Out, Start/End 24h, or length in minutes only",
        "no attendance field: participation in the narrative",
        "discharge summary lists program closures",
    ),
    render=render,
)
