"""A FHIR R4 JSON Bundle of the episode's Encounters (a patient-access / bulk export).

The bundle (``type`` "collection" or "searchset") holds the Patient, the clinicians as
Practitioner resources (with a ``qualification`` naming the licence), the Location(s),
an EpisodeOfCare whose ``period`` is the IOP admission and discharge, and one Encounter
per session: ``status`` "finished" or "cancelled", ``class`` AMB (ambulatory) or VR
(virtual), ``type[].coding[]`` with the CPT/HCPCS code and its display and a ``text`` with
the program's name for the group, ``participant[].individual.display`` ("Dana Whitfield,
LCSW"), ``period.start``/``period.end`` as ISO datetimes with the local UTC offset (the
member's own times), and an attendance extension (Present / Absent / No show / Cancelled).

Variants (seed-picked):
- Encounters only, pretty-printed;
- Appointments and Encounters: every session is an Appointment (``fulfilled``, ``noshow``
  or ``cancelled`` with a ``cancelationReason``; the sessions of days the program was closed
  are Appointments cancelled by the provider for the holiday), and each attended one has
  an Encounter pointing at it, minified to one line;
- Encounters with progress notes as DocumentReference resources, the note text either
  base64 ``attachment.data`` or the resource's XHTML ``text.div``; the Encounter gives a
  ``period.start`` and a ``length`` in minutes instead of an end.
Some exports also carry a duplicate Encounter with ``status`` "entered-in-error".
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import random
from typing import Any

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
from eval.generality.styles_dev4 import _kit as k

Json = dict[str, Any]
CPT_SYSTEM = "http://www.ama-assn.org/go/cpt"
HCPCS_SYSTEM = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
ATTEND_EXT = "https://fhir.example-bh.org/StructureDefinition/session-attendance"
ATTEND = {
    Attendance.ATTENDED: ("present", "Present"),
    Attendance.ABSENT: ("absent", "Absent"),
    Attendance.NO_SHOW: ("no-show", "No show"),
    Attendance.CANCELLED: ("cancelled", "Cancelled by client"),
    Attendance.REFUSED: ("refused", "Refused"),
}


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = ("encounters", "appointments", "notes")[scn.seed % 3]
    zone = rng.choice(k.ZONES)
    indent: int | None = None if variant == "appointments" else rng.choice((2, 1, 4))
    with_error = rng.random() < 0.5
    base64_notes = rng.random() < 0.5
    millis = rng.random() < 0.4  # "09:00:00.000-05:00", as some FHIR servers write instants
    member = scn.member
    sessions = k.services(scn)

    def when(d: dt.date, t: dt.time) -> str:
        text = k.iso_local(zone, d, t)
        return text[:19] + ".000" + text[19:] if millis else text

    ids: dict[str, str] = {}

    def rid(key: str) -> str:
        if key not in ids:
            ids[key] = k.new_uuid(rng)
        return ids[key]

    entries: list[Json] = []

    def add(resource: Json) -> None:
        entry: Json = {
            "fullUrl": f"urn:uuid:{resource['id']}",
            "resource": resource,
        }
        if variant == "appointments":
            entry["search"] = {"mode": "match"}
        entries.append(entry)

    patient_id = rid("patient")
    add(
        {
            "resourceType": "Patient",
            "id": patient_id,
            "identifier": [
                {
                    "type": {"text": "Member ID"},
                    "system": "https://fhir.example-bh.org/member-id",
                    "value": member.member_id,
                }
            ],
            "name": [{"use": "official", "family": member.last, "given": [member.first]}],
            "birthDate": member.date_of_birth.isoformat(),
        }
    )
    staff: dict[Staff, str] = {}

    def practitioner(s: Staff) -> str:
        if s not in staff:
            staff[s] = rid(f"pr-{s.name}-{s.credential}")
            add(
                {
                    "resourceType": "Practitioner",
                    "id": staff[s],
                    "identifier": [
                        {"system": "http://hl7.org/fhir/sid/us-npi", "value": k.staff_id(s)}
                    ],
                    "name": [{"family": s.last, "given": [s.first], "suffix": [s.credential]}],
                    "qualification": [{"code": {"text": s.credential}}],
                }
            )
        return staff[s]

    room = rng.choice(("Group Room A", "IOP Group Room 3", "Suite 120"))
    loc_ids = {Modality.IN_PERSON: rid("loc-room"), Modality.VIDEO: rid("loc-tele")}
    add(
        {
            "resourceType": "Location",
            "id": loc_ids[Modality.IN_PERSON],
            "name": f"{scn.program} - {room}",
            "mode": "instance",
            "physicalType": {"coding": [{"code": "ro", "display": "Room"}]},
        }
    )
    add(
        {
            "resourceType": "Location",
            "id": loc_ids[Modality.VIDEO],
            "name": "Telehealth - video visit",
            "mode": "kind",
            "physicalType": {"coding": [{"code": "vi", "display": "Virtual"}]},
        }
    )
    episode_id = rid("episode")
    add(
        {
            "resourceType": "EpisodeOfCare",
            "id": episode_id,
            "status": "finished",
            "type": [{"text": "Intensive Outpatient Program (IOP)"}],
            "diagnosis": [
                {
                    "condition": {"display": f"{scn.diagnosis_code} {scn.diagnosis_name}"},
                    "rank": 1,
                }
            ],
            "patient": {"reference": f"Patient/{patient_id}"},
            "period": {
                "start": scn.admission_date.isoformat(),
                "end": scn.discharge_date.isoformat(),
            },
            "careManager": {"display": k.staff_full(scn.therapists[0])},
        }
    )

    def coding(s: PlannedSession) -> Json:
        code, system, display = k.billing_code(s)
        return {
            "coding": [
                {
                    "system": CPT_SYSTEM if system == "CPT" else HCPCS_SYSTEM,
                    "code": code,
                    "display": display,
                }
            ],
            "text": k.service_label(s),
        }

    def participants(s: PlannedSession) -> list[Json]:
        return [
            {
                "type": [
                    {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/"
                                "v3-ParticipationType",
                                "code": "PPRF" if i == 0 else "SPRF",
                                "display": "primary performer" if i == 0 else "secondary performer",
                            }
                        ]
                    }
                ],
                "individual": {
                    "reference": f"Practitioner/{practitioner(x)}",
                    "display": k.staff_full(x),
                },
            }
            for i, x in enumerate(k.rendering_staff(scn, s))
        ]

    def attendance_ext(att: Attendance) -> Json:
        code, display = ATTEND[att]
        return {"url": ATTEND_EXT, "valueCoding": {"code": code, "display": display}}

    def encounter(s: PlannedSession, *, status: str | None = None, key: str = "") -> Json:
        a, b = k.session_span(s) if s.attended else (s.start, s.end)
        video = s.modality is not Modality.IN_PERSON
        enc: Json = {
            "resourceType": "Encounter",
            "id": rid(f"enc-{s.index}{key}"),
            "meta": {"lastUpdated": when(k.later(s.date, rng, 0, 2), dt.time(17, 5))},
            "extension": [attendance_ext(s.attendance)],
            "status": status or ("finished" if s.attended else "cancelled"),
            "class": {
                "system": ACT_CODE,
                "code": "VR" if video else "AMB",
                "display": "virtual" if video else "ambulatory",
            },
            "type": [coding(s)],
            "serviceType": {"text": "Intensive Outpatient Program"},
            "subject": {"reference": f"Patient/{patient_id}", "display": member.name},
            "episodeOfCare": [{"reference": f"EpisodeOfCare/{episode_id}"}],
            "participant": participants(s),
        }
        if variant == "notes" and s.attended:
            enc["period"] = {"start": when(s.date, a)}
            enc["length"] = {
                "value": int(s.minutes),
                "unit": "min",
                "system": "http://unitsofmeasure.org",
                "code": "min",
            }
        else:
            enc["period"] = {"start": when(s.date, a), "end": when(s.date, b)}
        if variant == "appointments":
            enc["appointment"] = [{"reference": f"Appointment/{rid(f'appt-{s.index}')}"}]
        if not s.attended and s.absence_reason:
            enc["reasonCode"] = [{"text": f"{ATTEND[s.attendance][1]}: {s.absence_reason}"}]
        loc_id = loc_ids[Modality.VIDEO if video else Modality.IN_PERSON]
        enc["location"] = [
            {
                "location": {
                    "reference": f"Location/{loc_id}",
                    "display": "Telehealth - video visit" if video else f"{scn.program} - {room}",
                }
            }
        ]
        return enc

    def appointment(s: PlannedSession) -> Json:
        status = {
            Attendance.ATTENDED: "fulfilled",
            Attendance.NO_SHOW: "noshow",
        }.get(s.attendance, "cancelled")
        appt: Json = {
            "resourceType": "Appointment",
            "id": rid(f"appt-{s.index}"),
            "extension": [attendance_ext(s.attendance)],
            "status": status,
            "serviceType": [coding(s)],
            "description": k.service_label(s),
            "start": when(s.date, s.start),
            "end": when(s.date, s.end),
            "minutesDuration": int(s.scheduled_minutes),
            "participant": [
                {
                    "actor": {"reference": f"Patient/{patient_id}", "display": member.name},
                    "required": "required",
                    "status": "accepted",
                },
                *(
                    {
                        "actor": {
                            "reference": f"Practitioner/{practitioner(x)}",
                            "display": k.staff_full(x),
                        },
                        "required": "required",
                        "status": "accepted",
                    }
                    for x in k.rendering_staff(scn, s)
                ),
            ],
        }
        if status == "cancelled":
            word = ATTEND[s.attendance][1]
            appt["cancelationReason"] = {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/"
                        "appointment-cancellation-reason",
                        "code": "pat",
                        "display": "Patient",
                    }
                ],
                "text": f"{word} - {s.absence_reason}" if s.absence_reason else word,
            }
        elif status == "noshow" and s.absence_reason:
            appt["comment"] = s.absence_reason
        return appt

    def closed_appointments() -> list[Json]:
        """The program's recurring group slots on closed days, cancelled for the holiday."""
        slots = sorted(
            {(s.start, s.end, s.title) for s in scn.sessions if s.is_group},
            key=lambda x: x[0],
        )
        first_of_slot: dict[dt.time, tuple[dt.time, str]] = {}
        for a, b, title in slots:
            first_of_slot.setdefault(a, (b, title))
        out = []
        for d in scn.closed_days:
            for a, (b, _) in sorted(first_of_slot.items()):
                out.append(
                    {
                        "resourceType": "Appointment",
                        "id": rid(f"closed-{d}-{a}"),
                        "status": "cancelled",
                        "cancelationReason": {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/"
                                    "appointment-cancellation-reason",
                                    "code": "prov",
                                    "display": "Provider",
                                }
                            ],
                            "text": f"Program closed - {k.holiday_name(d)}",
                        },
                        "description": "IOP group (recurring)",
                        "start": when(d, a),
                        "end": when(d, b),
                        "participant": [
                            {
                                "actor": {
                                    "reference": f"Patient/{patient_id}",
                                    "display": member.name,
                                },
                                "status": "accepted",
                            }
                        ],
                    }
                )
        return out

    def note_text(s: PlannedSession) -> str:
        a, b = k.session_span(s)
        lines = [
            f"{k.service_label(s).upper()} - PROGRESS NOTE",
            f"Client: {member.name}    DOB: {k.mdy(member.date_of_birth)}",
            f"Date of service: {k.mdy(s.date)}",
            f"Time: {k.t12(a)} - {k.t12(b)} ({int(s.minutes)} min)",
            "Attendance: Present"
            + (f" - {k.late_phrase(s).lower()}" if k.member_differs(s) else ""),
            f"Modality: {k.modality_word(s.modality)}",
        ]
        if s.is_group:
            lines.append(f"Facilitators: {'; '.join(k.staff_full(x) for x in s.facilitators)}")
            if s.group_size:
                lines.append(f"Group census: {s.group_size} clients")
        lines += ["", *k.wrap(k.narrative(rng, s), 76), ""]
        if k.counted_kind(s.kind):
            lines.append(f"Plan: {k.pick(rng, k.PLAN)}")
        lines.append(f"Signed: {k.staff_full(k.rendering_staff(scn, s)[0])}")
        return "\n".join(lines) + "\n"

    def document(s: PlannedSession, enc_id: str) -> Json:
        text = note_text(s)
        a, b = k.session_span(s)
        doc: Json = {
            "resourceType": "DocumentReference",
            "id": rid(f"doc-{s.index}"),
            "status": "current",
            "docStatus": "final",
            "type": {
                "coding": [
                    {"system": "http://loinc.org", "code": "11506-3", "display": "Progress note"}
                ]
            },
            "subject": {"reference": f"Patient/{patient_id}"},
            "date": when(k.later(s.date, rng, 0, 1), dt.time(rng.randint(13, 18), 0)),
            "author": [{"display": k.staff_full(k.rendering_staff(scn, s)[0])}],
            "context": {
                "encounter": [{"reference": f"Encounter/{enc_id}"}],
                "period": {"start": when(s.date, a), "end": when(s.date, b)},
            },
        }
        if base64_notes:
            doc["content"] = [
                {
                    "attachment": {
                        "contentType": "text/plain; charset=utf-8",
                        "language": "en-US",
                        "data": base64.b64encode(text.encode()).decode("ascii"),
                        "title": f"Progress note {k.mdy(s.date)}",
                    }
                }
            ]
        else:
            body = "<br/>".join(k.xml_text(x) for x in text.rstrip("\n").split("\n"))
            doc["text"] = {
                "status": "generated",
                "div": f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{body}</p></div>',
            }
            doc["content"] = [
                {
                    "attachment": {
                        "contentType": "text/plain",
                        "url": f"Binary/{rid(f'bin-{s.index}')}",
                        "title": f"Progress note {k.mdy(s.date)}",
                    }
                }
            ]
        return doc

    written: list[Written] = []
    error_of = rng.choice([s.index for s in sessions if s.attended] or [-1]) if with_error else -1
    noted: set[int] = set()
    for s in sessions:
        if variant == "appointments":
            add(appointment(s))
            if s.attended:
                add(encounter(s))
        else:
            enc = encounter(s)
            add(enc)
            if variant == "notes" and s.attended and s.kind is not ServiceKind.MEAL:
                add(document(s, enc["id"]))
                noted.add(s.index)
        if s.index == error_of:
            add(encounter(s, status="entered-in-error", key="-dup"))
    if variant == "appointments":
        for appt in closed_appointments():
            add(appt)

    exported = k.later(scn.discharge_date, rng, 2, 15)
    bundle: Json = {
        "resourceType": "Bundle",
        "id": k.new_uuid(rng),
        "meta": {"lastUpdated": when(exported, dt.time(rng.randint(8, 20), rng.randint(0, 59)))},
        "type": "searchset" if variant == "appointments" else "collection",
        "timestamp": when(exported, dt.time(rng.randint(8, 20), rng.randint(0, 59))),
    }
    if variant == "appointments":
        bundle["total"] = len(entries)
    bundle["entry"] = entries
    if indent is None:
        text = json.dumps(bundle, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(bundle, ensure_ascii=False, indent=indent)
    tag = f"{member.last}{member.first}".encode("ascii", "ignore").decode()
    name = f"{tag}_{member.member_id}_bundle.json"
    for s in sessions:
        written.append(
            Written(
                session=s.index,
                files=(name,),
                states_modality=variant != "appointments" or s.attended,
                states_group_size=s.index in noted,
                states_facilitators=True,
            )
        )
    return RenderedChart(
        files=(ChartFile(name, (text + "\n").encode("utf-8")),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d4-fhir-json-bundle",
    split="dev",
    description=(
        "A FHIR R4 JSON Bundle of Encounter resources (period with UTC offsets, status "
        "finished/cancelled/entered-in-error, class AMB/VR, CPT/HCPCS type codings, "
        "participant displays), with Appointments (noshow/cancelled) or DocumentReference "
        "notes (base64 or XHTML) in some exports; pretty-printed or minified."
    ),
    conventions=(
        "period.start/end as ISO datetimes with offsets",
        "status finished / cancelled / entered-in-error duplicate",
        "class AMB vs VR for modality",
        "type[].coding[] CPT/HCPCS with display and text",
        "participant[].individual.display with credential",
        "Appointments fulfilled / noshow / cancelled with cancelationReason",
        "holiday slots as provider-cancelled Appointments",
        "period.start + length in minutes",
        "DocumentReference note as base64 data or XHTML div",
        "EpisodeOfCare period = admission/discharge",
        "minified one-line JSON in some exports",
    ),
    render=render,
)
