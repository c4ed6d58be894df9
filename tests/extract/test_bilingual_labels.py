"""Notes printed with labels and values in two languages (extract/layout/fields.py,
extract/vocab/lexicon.yaml, extract/vocab/services.yaml): a label of alternatives separated
by a spaced slash ("Date of service / Fecha de servicio") names the known alternative, in
either order; labels and values in Spanish alone are data (the lexicon's and the
vocabulary's spellings), read like their English ones; letters of any alphabet make a
label ("Fecha de admisión")."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance, Modality, ServiceKind
from extract.deterministic.sessions import read_document
from extract.layout import known_labels, layout_of
from extract.layout.fields import known_alternative
from tests.chartdocs import chart_doc

T = dt.time


@pytest.mark.parametrize(
    ("label", "named"),
    [
        ("Date of service / Fecha de servicio", "Date of service"),
        ("Fecha de servicio / Date of service", "Fecha de servicio"),
        ("Asistencia / Attendance", "Asistencia"),
        ("Start time / Hora de inicio", "Start time"),
        # neither alternative known, no spaced slash, or not labels: none
        ("Narrative / Narrativa", None),
        ("D/C Date", None),
        ("Date of service", None),
        ("the client / patient", None),
    ],
)
def test_a_label_in_two_languages_names_its_known_alternative(
    label: str, named: str | None
) -> None:
    assert known_alternative(label, known_labels()) == named


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("Date of service / Fecha de servicio:   05/12/2025", "Date of service", "05/12/2025"),
        ("Fecha de servicio / Date of service:   05/12/2025", "Fecha de servicio", "05/12/2025"),
        ("Fecha de admisión: 05/12/2025", "Fecha de admisión", "05/12/2025"),
        ("Attendance / Asistencia:    Canceló / Cancelled", "Attendance", "Canceló / Cancelled"),
        ("Diagnóstico: F31.81", "Diagnóstico", "F31.81"),
    ],
)
def test_fields_of_bilingual_labels_keep_their_offsets(line: str, label: str, value: str) -> None:
    layout = layout_of(chart_doc(line + "\n").document)
    (f,) = layout.fields_by_line[0]
    assert f.label == label
    assert f.label_start == 0
    assert (f.start, f.end) == (line.index(value), line.index(value) + len(value))


NOTE = (
    "PROGRESS NOTE / NOTA DE PROGRESO    #777654\n"
    "{dos}:             05/13/2025 (martes, 13 de mayo de 2025)\n"
    "{start}:                     9:30 a. m.\n"
    "{end}:                          11:00 a. m.\n"
    "Service type / Tipo de servicio:                 Psicoterapia de grupo / Group Psychotherapy (90853)\n"
    "Attendance / Asistencia:                         {attendance}\n"
    "Modality / Modalidad:                            {modality}\n"
    "Signed by / Firmado por:                         Avery Ferreira, LCPC  05/13/2025\n"
)


@pytest.mark.parametrize(
    ("labels", "attendance", "modality", "expected", "said"),
    [
        (
            (
                "Date of service / Fecha de servicio",
                "Start time / Hora de inicio",
                "End time / Hora de fin",
            ),
            "Canceló / Cancelled",
            "Presencial / In person",
            (Attendance.CANCELLED, Modality.IN_PERSON),
            "Canceló",
        ),
        (
            (
                "Fecha de servicio / Date of service",
                "Hora de inicio / Start time",
                "Hora de fin / End time",
            ),
            "Ausente / Absent",
            "Video (telesalud) / Video telehealth",
            (Attendance.ABSENT, Modality.VIDEO),
            "Ausente",
        ),
        # Spanish only: the vocabulary's words
        (
            ("Fecha de servicio", "Hora de inicio", "Hora de fin"),
            "No se presentó",
            "Presencial",
            (Attendance.NO_SHOW, Modality.IN_PERSON),
            "No se presentó",
        ),
        (
            ("Fecha de servicio", "Hora de inicio", "Hora de fin"),
            "Asistió",
            "Telesalud",
            (Attendance.ATTENDED, Modality.VIDEO),
            "Asistió",
        ),
    ],
)
def test_a_bilingual_note_is_read_in_either_language(
    labels: tuple[str, str, str],
    attendance: str,
    modality: str,
    expected: tuple[Attendance, Modality],
    said: str,
) -> None:
    dos, start, end = labels
    text = NOTE.format(dos=dos, start=start, end=end, attendance=attendance, modality=modality)
    (session,), unread = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert (session.date, session.service_kind, session.start, session.end) == (
        dt.date(2025, 5, 13),
        ServiceKind.GROUP_PSYCHOTHERAPY,
        T(9, 30),
        T(11),
    )
    assert (session.attendance, session.modality) == expected
    at = text.index(said)
    assert [e.start for e in session.slot_evidence("attendance")] == [at]
    date_at = text.index("05/13/2025")
    assert [(e.start, e.end) for e in session.slot_evidence("date")] == [
        (date_at, date_at + len("05/13/2025"))
    ]
    assert unread == []
