"""Bilingual progress notes (Spanish / English labels) from a community program's EHR.

Programs serving Spanish-speaking members print their note templates with both labels,
Spanish first or English first ("Fecha de servicio / Date of service"). Each note gives
the date (US numerals with the Spanish long date beside it, "03/03/2025 (lunes, 3 de
marzo de 2025)"), start and end times ("9:00 a. m." with the Spanish spacing, or
"09:00 hrs"), the service type in both languages with its code, the attendance
("Asistió / Attended", "No se presentó / No-show", "Canceló / Cancelled", "Ausente /
Absent"), the member's own late arrival or early departure, the modality ("Presencial /
In person", "Video (telesalud) / Video telehealth"), facilitators and the number of
participants, and a narrative in Spanish or English. Notes are in files by month, in the
order they were signed: an addendum or late entry ("ADENDA / ADDENDUM - entrada tardía")
signed days later restates a session's times and attendance after other notes. The
first file opens with the admission data and the treatment plan schedule (planned, not
held); the last holds the discharge note.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

TIME_STYLES = ("12es", "hrs")
ORDERS = ("es-en", "en-es")
KIND_ES = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "Psicoterapia de grupo",
    ServiceKind.GROUP_EDUCATION: "Grupo psicoeducativo",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Psicoterapia individual",
    ServiceKind.FAMILY_COUNSELING: "Terapia familiar",
    ServiceKind.CASE_MANAGEMENT: "Manejo de caso",
    ServiceKind.MEDICATION_MANAGEMENT: "Manejo de medicamentos",
}
ATT = {
    Attendance.ATTENDED: ("Asistió", "Attended"),
    Attendance.ABSENT: ("Ausente", "Absent"),
    Attendance.NO_SHOW: ("No se presentó", "No-show"),
    Attendance.CANCELLED: ("Canceló", "Cancelled"),
}
NARR_ES = (
    "El participante compartió un estresor reciente y aceptó retroalimentación del grupo.",
    "Participó activamente; practicó respiración diafragmática.",
    "Identificó dos pensamientos automáticos y una alternativa equilibrada.",
)
REASON_ES = {
    "called in sick": "llamó para avisar que estaba enfermo/a",
    "family emergency": "emergencia familiar",
    "medical appointment": "cita médica",
    "transportation fell through": "no tuvo transporte",
    "no call, no show": "no llamó ni se presentó",
    "did not answer outreach calls": "no contestó las llamadas de seguimiento",
    "left the program early": "se retiró temprano del programa",
}


def _t(t: dt.time, style: str) -> str:
    return f"{k.clock(t, 'mil')} hrs" if style == "hrs" else k.clock(t, "12es")


def _lab(es: str, en: str, order: str) -> str:
    return f"{es} / {en}" if order == "es-en" else f"{en} / {es}"


def _note(
    scn: Scenario, s: PlannedSession, rng: random.Random, style: str, order: str, signed: dt.date
) -> list[str]:
    def row(es: str, en: str, value: str) -> str:
        return f"{_lab(es, en, order) + ':':<48} {value}"

    es_att, en_att = ATT[s.attendance]
    code = k.code(s)
    out = [
        "=" * 96,
        _lab("NOTA DE PROGRESO", "PROGRESS NOTE", order) + f"    #{rng.randint(200000, 899999)}",
        row(
            "Fecha de servicio",
            "Date of service",
            f"{k.date(s.date, 'us')} ({k.date(s.date, 'wes')})",
        ),
        row("Hora de inicio", "Start time", _t(s.start, style)),
        row("Hora de fin", "End time", _t(s.end, style)),
        row(
            "Tipo de servicio",
            "Service type",
            f"{KIND_ES[s.kind]} / {k.KIND_LABEL[s.kind]}" + (f" ({code})" if code else ""),
        ),
    ]
    if s.kind in k.GROUP_KINDS:
        out.append(row("Nombre del grupo", "Group name", s.title))
    out.append(row("Asistencia", "Attendance", f"{es_att} / {en_att}"))
    if s.member_start is not None:
        out.append(row("Llegada tarde", "Late arrival", _t(s.member_start, style)))
    if s.member_end is not None:
        out.append(row("Salida temprana", "Early departure", _t(s.member_end, style)))
    if s.attended:
        mod = (
            ("Video (telesalud)", "Video telehealth")
            if k.is_video(s)
            else ("Presencial", "In person")
        )
        out.append(row("Modalidad", "Modality", f"{mod[0]} / {mod[1]}"))
        if s.kind in k.GROUP_KINDS:
            out.append(row("Participantes", "Participants", str(s.group_size)))
    who = k.clinicians(scn, s)
    if who and s.kind in k.GROUP_KINDS:
        out.append(
            row("Facilitador(es)", "Facilitator(s)", "; ".join(k.staff_name(w) for w in who))
        )
    if s.attended:
        text = rng.choice(NARR_ES) if rng.random() < 0.5 else k.note(rng, s)
    else:
        why = k.reason(s)
        text = f"Motivo / Reason: {REASON_ES.get(why, why)} ({why})."
    out += k.wrap(_lab("Narrativa", "Narrative", order) + ": " + text, 96)
    signer = who[0] if who else scn.therapists[0]
    out.append(row("Firmado por", "Signed by", f"{k.staff_name(signer)}  {k.date(signed, 'us')}"))
    out.append("")
    return out


def _addendum(
    scn: Scenario, s: PlannedSession, rng: random.Random, style: str, order: str, signed: dt.date
) -> list[str]:
    es_att, en_att = ATT[s.attendance]
    span = f"{_t(k.member_in(s), style)} - {_t(k.member_out(s), style)}"
    out = [
        "=" * 96,
        _lab("ADENDA", "ADDENDUM", order) + " - " + _lab("entrada tardía", "late entry", order),
        f"{_lab('Fecha de la adenda', 'Addendum date', order)}: {k.date(signed, 'us')}",
        f"{_lab('Fecha de servicio', 'Date of service', order)}: {k.date(s.date, 'us')}",
        f"{_lab('Servicio', 'Service', order)}: {KIND_ES[s.kind]} / {k.KIND_LABEL[s.kind]}, "
        f"{_t(s.start, style)} - {_t(s.end, style)}",
    ]
    text = (
        f"Asistencia confirmada con la hoja de firmas / Attendance confirmed against the "
        f"sign-in sheet: {es_att} / {en_att}"
        + (f"; presente de {span} / present {span}" if s.attended else "")
        + ". "
        + rng.choice(
            (
                "La nota original se firmó antes de conciliar la hoja de firmas.",
                "Original note was signed before the sign-in sheet was reconciled.",
            )
        )
    )
    out += k.wrap(text, 96)
    who = k.clinicians(scn, s)
    signer = who[0] if who else scn.therapists[0]
    out.append(f"{_lab('Firmado por', 'Signed by', order)}: {k.staff_name(signer)}")
    out.append("")
    return out


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    style = k.variant(scn, TIME_STYLES)
    order = ORDERS[(scn.seed // 2) % 2]
    m = scn.member
    services = k.services(scn)
    # (sign date, order signed, lines, date of service)
    entries: list[tuple[dt.date, int, list[str], dt.date]] = []
    n = 0
    for s in services:
        lag = rng.choice((0, 0, 0, 1, 2))
        signed = s.date + dt.timedelta(days=lag)
        n += 1
        entries.append((signed, n, _note(scn, s, rng, style, order, signed), s.date))
        if rng.random() < 0.08 or (s.member_start is not None and rng.random() < 0.5):
            late = s.date + dt.timedelta(days=rng.randint(2, 6))
            n += 1
            entries.append((late, n, _addendum(scn, s, rng, style, order, late), s.date))
    files_lines: dict[tuple[int, int], list[str]] = {}
    where: dict[dt.date, str] = {}
    for _signed, _n, lines, dos in sorted(entries, key=lambda e: (e[0], e[1])):
        # a note is filed in the month of its date of service
        key = (dos.year, dos.month)
        files_lines.setdefault(key, []).extend(lines)
    names = {key: f"notas_progreso_{key[0]}-{key[1]:02d}.txt" for key in files_lines}
    for s in services:
        where[s.date] = names[(s.date.year, s.date.month)]
    first_key = min(files_lines)
    last_key = max(files_lines)
    days = k.by_day(services)
    first_day = days[min(days)]
    plan = [
        _lab("PLAN DE TRATAMIENTO", "TREATMENT PLAN", order),
        _lab("Horario programado", "Scheduled hours", order)
        + ": "
        + ", ".join(
            f"{_t(s.start, style)} - {_t(s.end, style)} {s.title}"
            for s in first_day
            if s.kind in k.GROUP_KINDS
        ),
        _lab("Días por semana", "Days per week", order) + f": {len({d.weekday() for d in days})}",
        "",
    ]
    head = [
        f"{scn.program} - {_lab('Expediente clínico', 'Clinical record', order)}",
        f"{_lab('Nombre', 'Name', order)}: {m.first} {m.last}   MRN {m.member_id}   "
        f"{_lab('Fecha de nacimiento', 'Date of birth', order)}: {k.date(m.date_of_birth, 'us')}",
        "",
    ]
    files: list[ChartFile] = []
    for key, lines in sorted(files_lines.items()):
        body = list(head)
        if key == first_key:
            body += [
                f"{_lab('Fecha de admisión', 'Admission date', order)}: "
                f"{k.date(scn.admission_date, 'us')}",
                f"{_lab('Diagnóstico', 'Diagnosis', order)}: {scn.diagnosis_code} "
                f"{scn.diagnosis_name}",
                "",
                *plan,
            ]
        body += lines
        if key == last_key:
            body += [
                "=" * 96,
                _lab("NOTA DE ALTA", "DISCHARGE NOTE", order),
                f"{_lab('Fecha de alta', 'Discharge date', order)}: "
                f"{k.date(scn.discharge_date, 'us')} ({k.date(scn.discharge_date, 'wes')})",
                _lab("Completó el programa", "Completed the program", order) + ".",
                "",
            ]
        files.append(ChartFile(names[key], "\n".join(body).encode("utf-8")))
    written: list[Written] = [
        k.written(s, [where[s.date]], modality=s.attended, group_size=True, facilitators=True)
        for s in services
    ]
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d9-bilingual-progress-notes",
    split="dev",
    description=(
        "Progress notes with Spanish and English labels ('Hora de inicio / Start time: "
        "9:00 a. m.'), Spanish long dates beside US numerals, bilingual attendance and "
        "modality words, and addenda (late entries) restating sessions days later."
    ),
    conventions=(
        "bilingual field labels, Spanish first or English first",
        "times as 9:00 a. m. or 0900 hrs",
        "dates as 03/03/2025 (lunes, 3 de marzo de 2025)",
        "attendance as Asistió / Attended, No se presentó / No-show",
        "addenda restating a session's times and attendance",
        "a scheduled-hours plan that is not a service record",
        "notes filed by month in the order signed",
    ),
    render=render,
    tags=("bilingual", "notes"),
)
