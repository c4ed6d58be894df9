"""FHIR R4 JSON bundles and C-CDA XML encounter summaries, as an EHR's patient-access or
HIE export writes them.

Variants: one FHIR Bundle with an EpisodeOfCare (admission/discharge) and Encounters for
attended services and Appointments for missed ones; monthly FHIR search-set bundles,
newest first, with no episode resource; a C-CDA "Summarization of Episode" document whose
Encounters section narrative table carries the readable text and whose entries carry
timestamps like ``20250314090000-0500``. In FHIR, times are ISO 8601 with a local UTC
offset; the member's late arrival is either an extension on the session's period or the
encounter period itself.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_heldout4._kit import (
    ChartBuilder,
    end_of,
    facilitator_text,
    h,
    is_group,
    mdy,
    start_of,
    t12,
    video,
)

CPT_DISPLAY = {
    "90853": "Group psychotherapy (other than of a multiple-family group)",
    "90834": "Psychotherapy, 45 minutes with patient",
    "90837": "Psychotherapy, 60 minutes with patient",
    "90847": "Family psychotherapy (conjoint psychotherapy) (with patient present)",
    "T1016": "Case management, each 15 minutes",
    "99213": "Office/outpatient visit, established patient (medication management)",
}
HOSTS = ("fhir.cedarpoint-ehr.example", "api.meridianhealth.example", "r4.trellis-bh.example")
ATT_CODE = {
    Attendance.ATTENDED: ("attended", "Attended"),
    Attendance.ABSENT: ("absent", "Absent"),
    Attendance.NO_SHOW: ("no-show", "No-show"),
    Attendance.CANCELLED: ("cancelled", "Cancelled"),
}
APPT_STATUS = {
    Attendance.ABSENT: "booked",
    Attendance.NO_SHOW: "noshow",
    Attendance.CANCELLED: "cancelled",
}


def _iso(d: dt.date, t: dt.time, offset: str) -> str:
    return f"{d.isoformat()}T{t.hour:02d}:{t.minute:02d}:00{offset}"


def _rid(rng: random.Random) -> str:
    return (
        "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(3))
        + "-"
        + "".join(rng.choice("bcdfghjkmnpqrstvwxz") for _ in range(6))
    )


def _service_type(s: PlannedSession) -> dict[str, Any]:
    concept: dict[str, Any] = {}
    if s.cpt:
        concept["coding"] = [
            {
                "system": "http://www.ama-assn.org/go/cpt",
                "code": s.cpt,
                "display": CPT_DISPLAY.get(s.cpt, s.title),
            }
        ]
    concept["text"] = "Lunch (non-billable)" if s.kind is ServiceKind.MEAL else s.title
    return concept


def _fhir_resource(
    s: PlannedSession,
    scn: Scenario,
    rng: random.Random,
    *,
    host: str,
    offset: str,
    period_is_member: bool,
) -> dict[str, Any]:
    ext_base = f"https://{host}/fhir/StructureDefinition"
    code, display = ATT_CODE[s.attendance]
    extensions: list[dict[str, Any]] = [
        {"url": f"{ext_base}/attendance-status", "valueCoding": {"code": code, "display": display}}
    ]
    if s.absence_reason:
        extensions.append({"url": f"{ext_base}/absence-reason", "valueString": s.absence_reason})
    participants: list[dict[str, Any]] = []
    for i, f in enumerate(s.facilitators):
        participants.append(
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
                "individual": {"display": f"{f.name}, {f.credential}"},
            }
        )
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        participants.append(
            {"individual": {"display": f"{scn.physician.name}, {scn.physician.credential}"}}
        )
    elif s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING):
        t = scn.therapists[0]
        participants.append({"individual": {"display": f"{t.name}, {t.credential}"}})
    location = (
        "Telehealth - video visit"
        if video(s)
        else rng.choice(("Group Room 2", "Suite 110", "Room B"))
    )
    subject = {"reference": "Patient/pt-1", "display": scn.member.name}
    if not s.attended:
        appt: dict[str, Any] = {
            "resourceType": "Appointment",
            "id": _rid(rng),
            "extension": extensions,
            "status": APPT_STATUS[s.attendance],
            "serviceType": [_service_type(s)],
            "start": _iso(s.date, s.start, offset),
            "end": _iso(s.date, s.end, offset),
            "minutesDuration": int(s.scheduled_minutes),
            "participant": [
                {"actor": subject, "status": "accepted"},
                *(
                    {"actor": p["individual"], "status": "accepted"}
                    for p in participants
                    if "individual" in p
                ),
            ],
        }
        if s.attendance is Attendance.CANCELLED:
            appt["cancelationReason"] = {"text": s.absence_reason or "cancelled by patient"}
        return appt
    if period_is_member:
        period = {
            "start": _iso(s.date, start_of(s), offset),
            "end": _iso(s.date, end_of(s), offset),
        }
    else:
        period = {"start": _iso(s.date, s.start, offset), "end": _iso(s.date, s.end, offset)}
        if s.member_start:
            extensions.append(
                {
                    "url": f"{ext_base}/member-arrival-time",
                    "valueDateTime": _iso(s.date, s.member_start, offset),
                }
            )
        if s.member_end:
            extensions.append(
                {
                    "url": f"{ext_base}/member-departure-time",
                    "valueDateTime": _iso(s.date, s.member_end, offset),
                }
            )
    if is_group(s) and s.group_size is not None:
        extensions.append(
            {"url": f"{ext_base}/group-participant-count", "valueInteger": s.group_size}
        )
    enc: dict[str, Any] = {
        "resourceType": "Encounter",
        "id": _rid(rng),
        "extension": extensions,
        "status": "finished",
        "class": {
            "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "code": "VR" if video(s) else "AMB",
            "display": "virtual" if video(s) else "ambulatory",
        },
        "type": [_service_type(s)],
        "serviceType": {"text": "Intensive Outpatient Program"},
        "subject": subject,
        "participant": participants,
        "period": period,
        "location": [{"location": {"display": location}}],
    }
    if s.topic:
        enc["reasonCode"] = [{"text": s.topic}]
    return enc


def _patient(scn: Scenario, host: str) -> dict[str, Any]:
    m = scn.member
    return {
        "resourceType": "Patient",
        "id": "pt-1",
        "identifier": [{"system": f"https://{host}/member-id", "value": m.member_id}],
        "name": [{"use": "official", "family": m.last, "given": [m.first]}],
        "birthDate": m.date_of_birth.isoformat(),
    }


def _render_fhir(scn: Scenario, rng: random.Random, *, monthly: bool) -> RenderedChart:
    b = ChartBuilder(scn)
    host = rng.choice(HOSTS)
    offset = rng.choice(("-05:00", "-06:00", "-07:00", "-04:00"))
    period_is_member = rng.random() < 0.5
    sessions = list(scn.sessions)
    if rng.random() < 0.15:  # some exports leave lunch out
        sessions = [s for s in sessions if s.kind is not ServiceKind.MEAL]
    groups: dict[str, list[PlannedSession]] = {}
    for s in sessions:
        key = f"{s.date.year}-{s.date.month:02d}" if monthly else "all"
        groups.setdefault(key, []).append(s)
    for key, members in groups.items():
        name = f"encounters_{key}.json" if monthly else f"fhir_export_{scn.member.member_id}.json"
        entries: list[dict[str, Any]] = [
            {"fullUrl": f"https://{host}/fhir/Patient/pt-1", "resource": _patient(scn, host)}
        ]
        if not monthly:
            entries.append(
                {
                    "fullUrl": f"https://{host}/fhir/EpisodeOfCare/eoc-1",
                    "resource": {
                        "resourceType": "EpisodeOfCare",
                        "id": "eoc-1",
                        "status": "finished",
                        "type": [{"text": "Intensive Outpatient Program (IOP)"}],
                        "diagnosis": [
                            {
                                "condition": {
                                    "display": f"{scn.diagnosis_code} {scn.diagnosis_name}"
                                },
                                "role": {"text": "primary"},
                            }
                        ],
                        "patient": {"reference": "Patient/pt-1"},
                        "managingOrganization": {"display": scn.program},
                        "period": {
                            "start": scn.admission_date.isoformat(),
                            "end": scn.discharge_date.isoformat(),
                        },
                    },
                }
            )
        ordered = list(reversed(members)) if monthly else members
        for s in ordered:
            res = _fhir_resource(
                s, scn, rng, host=host, offset=offset, period_is_member=period_is_member
            )
            entries.append(
                {
                    "fullUrl": f"https://{host}/fhir/{res['resourceType']}/{res['id']}",
                    "resource": res,
                    **({"search": {"mode": "match"}} if monthly else {}),
                }
            )
            b.doc(
                s,
                name,
                length=True,
                member_times=True,
                modality=video(s) and s.attended,
                group_size=s.attended and s.group_size is not None,
                facilitators=bool(s.facilitators),
            )
        bundle: dict[str, Any] = {
            "resourceType": "Bundle",
            "type": "searchset" if monthly else "collection",
        }
        if monthly:
            bundle["total"] = len(members)
        bundle["entry"] = entries
        b.add_text(name, json.dumps(bundle, indent=2, ensure_ascii=False) + "\n")
    return b.build(admission_stated=not monthly, discharge_stated=not monthly)


def _cda_ts(d: dt.date, t: dt.time, offset: str) -> str:
    return f"{d.year}{d.month:02d}{d.day:02d}{t.hour:02d}{t.minute:02d}00{offset.replace(':', '')}"


def _render_ccda(scn: Scenario, rng: random.Random) -> RenderedChart:
    b = ChartBuilder(scn)
    name = f"CCDA_{scn.member.last}_{scn.member.member_id}.xml"
    offset = rng.choice(("-05:00", "-06:00", "-07:00"))
    created = scn.discharge_date + dt.timedelta(days=rng.randint(1, 6))
    b.date(created)
    m = scn.member
    rows: list[str] = []
    entries: list[str] = []
    for n, s in enumerate(scn.sessions, start=1):
        rid = f"enc{n}"
        service = s.title + (f" (CPT {s.cpt})" if s.cpt else "")
        if s.kind is ServiceKind.MEAL:
            service = "Lunch - non-billable"
        status = (
            "Attended"
            if s.attended
            else {
                Attendance.ABSENT: "Absent",
                Attendance.NO_SHOW: "No show",
                Attendance.CANCELLED: "Cancelled",
            }[s.attendance]
        )
        comments: list[str] = []
        if s.absence_reason:
            comments.append(s.absence_reason)
        if s.member_start:
            comments.append(f"arrived {t12(s.member_start)}")
        if s.member_end:
            comments.append(f"left {t12(s.member_end)}")
        if s.attended and is_group(s) and s.group_size is not None:
            comments.append(f"{s.group_size} participants")
        if video(s):
            comments.append("video telehealth")
        staff = facilitator_text(s, "<br/>")
        if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
            staff = h(f"{scn.physician.name}, {scn.physician.credential}")
        elif s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING):
            staff = h(f"{scn.therapists[0].name}, {scn.therapists[0].credential}")
        rows.append(
            f'            <tr ID="{rid}"><td>{mdy(s.date)}</td>'
            f'<td ID="{rid}type">{h(service)}</td>'
            f"<td>{t12(s.start)} - {t12(s.end)}</td><td>{status}</td>"
            f"<td>{staff}</td><td>{h('; '.join(comments))}</td></tr>"
        )
        code = (
            f'<code code="{s.cpt}" codeSystem="2.16.840.1.113883.6.12" codeSystemName="CPT-4"'
            f' displayName="{h(CPT_DISPLAY.get(s.cpt, s.title))}">'
            if s.cpt
            else '<code nullFlavor="OTH">'
        )
        entries.append(
            '          <entry typeCode="DRIV">\n'
            '            <encounter classCode="ENC" moodCode="EVN">\n'
            '              <templateId root="2.16.840.1.113883.10.20.22.4.49"'
            ' extension="2015-08-01"/>\n'
            f'              <id root="2.16.840.1.113883.19.5" extension="{rid}"/>\n'
            f'              {code}<originalText><reference value="#{rid}type"/>'
            "</originalText></code>\n"
            f'              <text><reference value="#{rid}"/></text>\n'
            f'              <effectiveTime><low value="{_cda_ts(s.date, s.start, offset)}"/>'
            f'<high value="{_cda_ts(s.date, s.end, offset)}"/></effectiveTime>\n'
            "            </encounter>\n"
            "          </entry>"
        )
        b.doc(
            s,
            name,
            length=True,
            member_times=True,
            modality=video(s),
            group_size=s.attended and s.group_size is not None,
            facilitators=bool(s.facilitators),
        )
    dob = m.date_of_birth
    episode = (
        f"Level of care: Intensive Outpatient Program. Admission date: "
        f"{mdy(scn.admission_date)}. Discharge date: {mdy(scn.discharge_date)}."
    )
    thead = (
        "<thead><tr>"
        + "".join(
            f"<th>{c}</th>"
            for c in ("Date", "Service", "Scheduled time", "Attendance", "Staff", "Comments")
        )
        + "</tr></thead>"
    )
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="CDA.xsl"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <realmCode code="US"/>
  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.1" extension="2015-08-01"/>
  <id root="2.16.840.1.113883.19.5.99999.1" extension="{m.member_id}-iop"/>
  <code code="34133-9" codeSystem="2.16.840.1.113883.6.1"
        displayName="Summarization of Episode Note"/>
  <title>{h(scn.program)} - IOP Episode Summary</title>
  <effectiveTime value="{created.strftime("%Y%m%d")}"/>
  <confidentialityCode code="R" codeSystem="2.16.840.1.113883.5.25"/>
  <languageCode code="en-US"/>
  <recordTarget>
    <patientRole>
      <id root="2.16.840.1.113883.19.5" extension="{m.member_id}"/>
      <patient>
        <name><given>{h(m.first)}</given><family>{h(m.last)}</family></name>
        <birthTime value="{dob.strftime("%Y%m%d")}"/>
      </patient>
    </patientRole>
  </recordTarget>
  <custodian><assignedCustodian><representedCustodianOrganization>
    <name>{h(scn.program)}</name>
  </representedCustodianOrganization></assignedCustodian></custodian>
  <component>
    <structuredBody>
      <component>
        <section>
          <title>Program Episode</title>
          <text>
            <paragraph>Member: {h(m.name)} (ID {m.member_id}), date of birth {mdy(dob)}.</paragraph>
            <paragraph>{episode}</paragraph>
            <paragraph>Diagnosis: {scn.diagnosis_code} {h(scn.diagnosis_name)}.</paragraph>
          </text>
        </section>
      </component>
      <component>
        <section>
          <templateId root="2.16.840.1.113883.10.20.22.2.22.1" extension="2015-08-01"/>
          <code code="46240-8" codeSystem="2.16.840.1.113883.6.1"
                displayName="History of encounters"/>
          <title>Encounters</title>
          <text>
            <table border="1" width="100%">
              {thead}
              <tbody>
{chr(10).join(rows)}
              </tbody>
            </table>
          </text>
{chr(10).join(entries)}
        </section>
      </component>
    </structuredBody>
  </component>
</ClinicalDocument>
"""
    b.add_text(name, xml)
    return b.build(admission_stated=True, discharge_stated=True)


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = ("bundle", "monthly", "ccda")[(scn.seed % 100) % 3]
    if variant == "ccda":
        return _render_ccda(scn, rng)
    return _render_fhir(scn, rng, monthly=variant == "monthly")


FAMILY = Family(
    name="h4-fhir-ccda-encounters",
    split="heldout",
    description=(
        "FHIR R4 JSON bundles (Encounter for attended services, Appointment for missed ones, "
        "custom extensions for attendance, arrival and group count) or a C-CDA episode "
        "summary whose Encounters narrative table holds the readable text"
    ),
    conventions=(
        "ISO 8601 times with local UTC offset",
        "attendance in an extension valueCoding",
        "late arrival as extension or as the encounter period itself",
        "missed sessions as Appointment status noshow/cancelled/booked",
        "monthly search-set bundles newest first, no episode resource",
        "C-CDA narrative table plus effectiveTime 20250314090000-0500",
        "CPT display text mentions 45/60 minutes",
    ),
    render=render,
)
