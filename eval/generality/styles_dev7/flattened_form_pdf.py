"""Fillable PDF service-note forms, flattened: one page per session, whose text layer keeps
the form's drawing order, not its visual rows.

In the *column* layout each of the form's two columns is drawn as all its labels, then all
its values, so the text reads "Date of service / Service / Sched. start ..." followed by
"10/14/2025 / Process Group / 1:00 PM ...". In the *table* layout a row of labels is
followed by a row of values, each a single line with single spaces between cells
("Sched. start Sched. end Time in Time out" / "1:00 PM 2:30 PM 1:20 PM 2:30 PM").
Attendance and modality are checkbox rows ("[X] Present [ ] Absent ..."). Blank fields
print "--"; a note whose end time was never entered has no length. Signatures may come
days after the session; a header repeats the program schedule and the narrative names the
next group: neither is a service. Meals have no form.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)
from eval.generality.styles_dev7._kit import (
    Placed,
    clock12,
    is_group,
    member_end,
    member_start,
    pdf_placed,
    program_schedule,
    staff_name,
    us_date,
)

NAME = "h2-flattened-form-pdf"

_BOXES = (
    (Attendance.ATTENDED, "Present"),
    (Attendance.ABSENT, "Absent"),
    (Attendance.NO_SHOW, "No-show"),
    (Attendance.CANCELLED, "Cancelled"),
)


_LEFT = ("Client", "Client ID", "Date of service", "Service", "Billing code")
_RIGHT = ("Sched. start", "Sched. end", "Time in", "Time out", "Group census")
_WIDE = ("Staff", "Attendance", "Modality")
_ROWS = (
    ("Client", "Client ID", "Date of service"),
    ("Service", "Billing code", "Group census"),
    ("Sched. start", "Sched. end", "Time in", "Time out"),
    ("Staff",),
    ("Attendance",),
    ("Modality",),
)


def _boxes(options: list[tuple[bool, str]], mark: str) -> str:
    return "  ".join(f"[{mark if on else ' '}] {label}" for on, label in options)


class _Form:
    def __init__(self, scn: Scenario, rng: random.Random) -> None:
        self.scn = scn
        self.rng = rng
        self.layout = rng.choice(("columns", "table"))
        self.mark = rng.choice(("X", "x", "*"))
        self.clock = rng.choice(("upper", "lower"))
        self.form_no = f"BH-{rng.randint(100, 299)}"
        self.rev = f"rev. {rng.randint(1, 12):02d}/{rng.randint(2019, 2024)}"
        self.unknown_rate = rng.choice((0.0, 0.05, 0.1))
        sched = program_schedule(scn)
        self.schedule = (
            f"Program hours: groups {sched.days('abbr')} {clock12(sched.start, self.clock)}-"
            f"{clock12(sched.end, self.clock)}"
        )
        self.sched = sched

    def t(self, t: dt.time) -> str:
        return clock12(t, self.clock)

    def fields(self, s: PlannedSession, *, no_end: bool) -> dict[str, str]:
        m = self.scn.member
        if s.attended and not no_end:
            t_in, t_out = self.t(member_start(s)), self.t(member_end(s))
        else:
            t_in = t_out = "--"
        attendance = _boxes([(s.attendance is a, label) for a, label in _BOXES], self.mark)
        modality = _boxes(
            [
                (s.attended and s.modality is Modality.IN_PERSON, "In person"),
                (s.attended and s.modality is Modality.VIDEO, "Video"),
                (s.attended and s.modality is Modality.AUDIO, "Phone"),
            ],
            self.mark,
        )
        if is_group(s):
            staff = "; ".join(staff_name(f) for f in s.facilitators)
            census = str(s.group_size) if s.attended else "--"
        elif s.kind is ServiceKind.MEDICATION_MANAGEMENT:
            staff, census = staff_name(self.scn.physician), "N/A"
        elif s.kind is ServiceKind.CASE_MANAGEMENT:
            staff, census = "Case manager", "N/A"
        else:
            staff, census = staff_name(self.scn.therapists[0]), "N/A"
        return {
            "Client": f"{m.last}, {m.first}",
            "Client ID": m.member_id,
            "Date of service": us_date(s.date),
            "Service": s.title,
            "Billing code": s.cpt or "--",
            "Sched. start": self.t(s.start),
            "Sched. end": "--" if no_end else self.t(s.end),
            "Time in": t_in,
            "Time out": t_out,
            "Group census": census,
            "Staff": staff,
            "Attendance": attendance,
            "Modality": modality,
        }

    def page(
        self, s: PlannedSession, *, no_end: bool, signed: dt.date, signed_at: dt.time
    ) -> list[Placed]:
        values = self.fields(s, no_end=no_end)
        pieces = [
            Placed(15, 12, self.scn.program.upper(), bold=True),
            Placed(15, 17, f"Behavioral Health Service Note  (Form {self.form_no})"),
            Placed(15, 22, self.schedule),
        ]
        y = 32
        if self.layout == "columns":
            blocks = (
                (15, 50, _LEFT),
                (112, 140, _RIGHT),
            )
            for x_label, x_value, names in blocks:
                for i, label in enumerate(names):
                    pieces.append(Placed(x_label, y + 6 * i, f"{label}:"))
                for i, label in enumerate(names):
                    pieces.append(Placed(x_value, y + 6 * i, values[label]))
            y += 6 * len(_LEFT) + 4
            for i, label in enumerate(_WIDE):
                pieces.append(Placed(15, y + 6 * i, f"{label}:"))
            for i, label in enumerate(_WIDE):
                pieces.append(Placed(50, y + 6 * i, values[label]))
            y += 6 * len(_WIDE) + 6
        else:
            for row in _ROWS:
                step = 186 / len(row)
                for i, label in enumerate(row):
                    pieces.append(Placed(15 + i * step, y, label))
                for i, label in enumerate(row):
                    pieces.append(Placed(15 + i * step, y + 5, values[label]))
                y += 13
        pieces.append(Placed(15, y, "Narrative:", bold=True))
        pieces.append(Placed(15, y + 6, self.narrative(s), flow=True))
        pieces.append(
            Placed(
                15,
                y + 24,
                f"Electronically signed: {self.signer(s)}  {us_date(signed)} {self.t(signed_at)}",
            )
        )
        pieces.append(Placed(15, 250, f"Form {self.form_no} {self.rev}"))
        return pieces

    def signer(self, s: PlannedSession) -> str:
        if is_group(s):
            return staff_name(s.facilitators[0])
        if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
            return staff_name(self.scn.physician)
        return staff_name(self.scn.therapists[0])

    def narrative(self, s: PlannedSession) -> str:
        if not s.attended:
            reason = s.absence_reason or "no reason given"
            return f"Client did not attend: {reason}. Outreach attempted per protocol."
        text = f"Focus: {s.topic}. " if s.topic else ""
        text += "Client participated actively and was receptive to feedback."
        if s.member_start is not None:
            text += " Client arrived late."
        if s.member_end is not None:
            text += " Client left before the end of the session."
        nxt = s.date + dt.timedelta(days=1)
        while nxt.weekday() not in self.sched.weekdays:
            nxt += dt.timedelta(days=1)
        text += f" Next group: {us_date(nxt)} {self.t(self.sched.start)}."
        return text


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    form = _Form(scn, rng)
    admission_stated = rng.random() < 0.6
    discharge_stated = rng.random() < 0.5
    per_month = rng.random() < 0.5
    documented = [s for s in scn.sessions if s.kind is not ServiceKind.MEAL]
    pages: dict[str, list[list[Placed]]] = {}
    written: list[Written] = []
    doc_dates: list[dt.date] = []

    def file_of(d: dt.date) -> str:
        return f"service_notes_{d.year}-{d.month:02d}.pdf" if per_month else "service_notes.pdf"

    if admission_stated:
        d = scn.admission_date
        pages.setdefault(file_of(d), []).append(
            [
                Placed(15, 12, scn.program.upper(), bold=True),
                Placed(15, 17, "IOP Admission Face Sheet"),
                Placed(15, 30, "Client:"),
                Placed(15, 36, "Admission date:"),
                Placed(15, 42, "Diagnosis:"),
                Placed(60, 30, f"{scn.member.last}, {scn.member.first}"),
                Placed(60, 36, us_date(d)),
                Placed(60, 42, f"{scn.diagnosis_code} {scn.diagnosis_name}"),
                Placed(15, 52, form.schedule),
            ]
        )
    for s in documented:
        no_end = (
            s.attended
            and s.member_start is None
            and s.member_end is None
            and rng.random() < form.unknown_rate
        )
        lag = rng.choice((0, 0, 0, 0, 1, 2, 3))
        signed = s.date + dt.timedelta(days=lag)
        signed_at = dt.time(
            rng.randint(17, 20) if lag == 0 else rng.randint(8, 17), rng.randint(0, 59)
        )
        if lag == 0 and signed_at < s.end:
            signed_at = s.end
        doc_dates += [s.date, signed]
        name = file_of(s.date)
        pages.setdefault(name, []).append(
            form.page(s, no_end=no_end, signed=signed, signed_at=signed_at)
        )
        written.append(
            Written(
                session=s.index,
                files=(name,),
                states_length=not no_end,
                states_modality=s.attended,
                states_group_size=s.attended and is_group(s),
                states_facilitators=is_group(s),
            )
        )
    if discharge_stated:
        d = scn.discharge_date
        pages.setdefault(file_of(d), []).append(
            [
                Placed(15, 12, scn.program.upper(), bold=True),
                Placed(15, 17, "IOP Discharge Summary"),
                Placed(15, 30, "Client:"),
                Placed(15, 36, "Discharge date:"),
                Placed(15, 42, "Disposition:"),
                Placed(60, 30, f"{scn.member.last}, {scn.member.first}"),
                Placed(60, 36, us_date(d)),
                Placed(60, 42, "Completed program; weekly outpatient therapy"),
            ]
        )
    files = tuple(ChartFile(name, pdf_placed(p)) for name, p in pages.items())
    return RenderedChart(
        files=files,
        written=tuple(written),
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=max(doc_dates),
    )


FAMILY = Family(
    name=NAME,
    split="dev",
    description=(
        "Flattened fillable-form PDFs, one page per session: labels and values drawn "
        "column by column or as label rows over value rows, checkbox attendance."
    ),
    conventions=(
        "text layer in drawing order: all labels, then all values",
        "table rows: a line of labels over a line of values, cells split by single spaces",
        "checkbox attendance and modality ([X] Present [ ] Absent ...)",
        "scheduled start/end plus member time in/out",
        "blank fields as '--', missing end time = unknown length",
        "signatures dated days after the service",
        "schedule header and next-group line",
    ),
    render=render,
)
