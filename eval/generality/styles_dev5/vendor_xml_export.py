"""A behavioural-health vendor's own XML export of a client's services (not CDA, not FHIR).

Practice-management systems offer a "client services export" for audits and transfers: a
``<ServiceExport>`` root with the exporting system and time, the ``<Client>``, the IOP
``<Episode>`` (admission and discharge dates), the program's closures, the vendor's
``<CodeTables>`` (attendance status codes, service type codes, place-of-service codes) and
one ``<Service>`` record per scheduled service: date, scheduled and actual times, service
type code, the program's name for the service, CPT/HCPCS code, attendance status code,
staff as ``<Staff><Name/><Credential/></Staff>``, and the note text.

Variants (seed-picked):

- ``elements``: child elements, times as ``09:00:00``, scheduled start/end plus the
  client's ``TimeIn``/``TimeOut``; note text in CDATA sections;
- ``attributes``: each record's fields as attributes, ISO datetimes
  (``2025-03-03T09:20:00``) for the client's own start and end, one file per month;
- ``durations``: appointment start plus ISO 8601 length (``PT1H30M``) and the client's
  actual start and length;
- ``namespaced``: prefixed namespaces (``ex:``, ``st:`` for staff), datetimes with the
  local UTC offset.

Status codes are letters (P/A/NS/CC) or numbers (1-4) per export, looked up in the code
table in the same file; place of service and group census are in some exports only.
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
    Staff,
    Written,
)
from eval.generality.styles_dev5 import _kit as k

X = k.xml_text
A = k.xml_attr

SERVICE_TYPES: dict[ServiceKind, tuple[str, str]] = {
    ServiceKind.GROUP_PSYCHOTHERAPY: ("GRPTX", "Group Psychotherapy"),
    ServiceKind.GROUP_EDUCATION: ("PSYED", "Psychoeducational Group"),
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: ("INDTX", "Individual Psychotherapy"),
    ServiceKind.FAMILY_COUNSELING: ("FAMTX", "Family Psychotherapy (with client present)"),
    ServiceKind.CASE_MANAGEMENT: ("TCM", "Targeted Case Management"),
    ServiceKind.MEDICATION_MANAGEMENT: ("MEDMGT", "Medication Management (E/M)"),
}
STATUS_LETTERS: dict[Attendance, tuple[str, str]] = {
    Attendance.ATTENDED: ("P", "Present - service rendered"),
    Attendance.ABSENT: ("A", "Absent (excused)"),
    Attendance.NO_SHOW: ("NS", "No show - no call"),
    Attendance.CANCELLED: ("CC", "Cancelled by client"),
    Attendance.REFUSED: ("R", "Refused service"),
}
STATUS_NUMBERS: dict[Attendance, tuple[str, str]] = {
    Attendance.ATTENDED: ("1", "Kept"),
    Attendance.CANCELLED: ("2", "Cancelled - client"),
    Attendance.ABSENT: ("3", "Absent - excused"),
    Attendance.NO_SHOW: ("4", "No show"),
    Attendance.REFUSED: ("5", "Refused"),
}
# a provider-side cancellation code the program never used here (a real table lists it)
EXTRA_STATUS = {"letters": ("CP", "Cancelled by provider"), "numbers": ("6", "Cancelled - staff")}
POS = {
    Modality.IN_PERSON: ("11", "Office"),
    Modality.VIDEO: ("10", "Telehealth provided in patient's home"),
    Modality.AUDIO: ("10", "Telehealth provided in patient's home"),
}
VENDORS = (
    ("CareBridge EHR", "Client Services Export 7.2.1"),
    ("TheraLink", "svc-export 3.0.14"),
    ("Meridian BH Suite", "DataBridge 2024.2"),
)


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = ("elements", "attributes", "durations", "namespaced")[scn.seed % 4]
    numeric = rng.random() < 0.5
    statuses = STATUS_NUMBERS if numeric else STATUS_LETTERS
    extra_status = EXTRA_STATUS["numbers" if numeric else "letters"]
    show_pos = rng.random() < 0.7
    show_census = rng.random() < 0.6
    zone = rng.choice(k.ZONES)
    vendor, exporter = rng.choice(VENDORS)
    member = scn.member
    sessions = k.services(scn)
    export_day = k.later(scn.discharge_date, rng, 4, 30)
    exported = f"{export_day.isoformat()}T{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}:00"
    agency_id = f"{rng.randint(100000, 999999)}"
    ids = {s.index: f"{rng.randint(3_000_000, 9_999_999)}" for s in sessions}
    safe = member.last.encode("ascii", "ignore").decode()

    ns = variant == "namespaced"

    def e(name: str) -> str:
        """An element name in the export's namespace prefix."""
        return f"ex:{name}" if ns else name

    def sec(t: dt.time) -> str:
        return f"{k.t24(t)}:00"

    def stamp(d: dt.date, t: dt.time) -> str:
        if ns:
            return k.iso_local(zone, d, t)
        return f"{d.isoformat()}T{sec(t)}"

    def staff_xml(st: Staff, role: str, ind: str) -> list[str]:
        if ns:
            return [
                f'{ind}<st:Staff st:role="{role}">',
                f"{ind}  <st:Name>{X(st.name)}</st:Name>",
                f"{ind}  <st:Credential>{X(st.credential)}</st:Credential>",
                f"{ind}  <st:ProviderId>{k.staff_id(st)}</st:ProviderId>",
                f"{ind}</st:Staff>",
            ]
        return [
            f'{ind}<Staff role="{role}">',
            f"{ind}  <Name>{X(st.name)}</Name>",
            f"{ind}  <Credential>{X(st.credential)}</Credential>",
            f"{ind}  <StaffID>{k.staff_id(st)}</StaffID>",
            f"{ind}</Staff>",
        ]

    def roles(s: PlannedSession) -> list[tuple[Staff, str]]:
        staff = k.rendering_staff(scn, s)
        if s.is_group:
            return [(x, "Facilitator" if i == 0 else "Co-Facilitator") for i, x in enumerate(staff)]
        return [(x, "Rendering") for x in staff]

    def note(s: PlannedSession) -> str:
        text = k.narrative(rng, s)
        if s.attended and k.member_differs(s):
            text = f"{k.late_phrase(s)}. {text}"
        return text

    def signed(s: PlannedSession) -> str:
        at = k.signed_after(rng, s, 0, 2)
        return stamp(at.date(), at.time())

    # ------------------------------------------------------------------ one record
    def record(s: PlannedSession) -> list[str]:
        code, system, _ = k.billing_code(s)
        stype, _ = SERVICE_TYPES[s.kind]
        status, _ = statuses[s.attendance]
        a, b = k.session_span(s)
        census = show_census and s.is_group and s.attended and s.group_size
        pos = POS[s.modality][0] if show_pos and s.attended else ""
        i = "    "
        if variant == "attributes":
            start, end = (a, b) if s.attended else (s.start, s.end)
            attrs = [
                f'id="{ids[s.index]}"',
                f'date="{s.date.isoformat()}"',
                f'start="{stamp(s.date, start)}"',
                f'end="{stamp(s.date, end)}"',
                f'type="{stype}"',
                f'name="{A(s.title)}"',
                f'cpt="{code}"',
                f'units="{k.billed_units(s)}"',
                f'status="{status}"',
            ]
            if s.attended and s.member_start is not None:
                attrs.append(f'schedStart="{stamp(s.date, s.start)}" lateArrival="Y"')
            if s.attended and s.member_end is not None:
                attrs.append(f'schedEnd="{stamp(s.date, s.end)}" earlyDeparture="Y"')
            if pos:
                attrs.append(f'pos="{pos}"')
            if census:
                attrs.append(f'census="{s.group_size}"')
            out = [f"{i}<Service {' '.join(attrs)}>"]
            for st, role in roles(s):
                out += staff_xml(st, role, i + "  ")
            if not s.attended and s.absence_reason:
                out.append(f"{i}  <AbsenceReason>{X(s.absence_reason)}</AbsenceReason>")
            out.append(f'{i}  <Note signed="{signed(s)}">{X(note(s))}</Note>')
            out.append(f"{i}</Service>")
            return out
        out = [f'{i}<{e("Service")}{" ex:id" if ns else " id"}="{ids[s.index]}">']
        j = i + "  "
        if variant == "elements":
            out += [
                f"{j}<ServiceDate>{s.date.isoformat()}</ServiceDate>",
                f"{j}<ScheduledStart>{sec(s.start)}</ScheduledStart>",
                f"{j}<ScheduledEnd>{sec(s.end)}</ScheduledEnd>",
            ]
            if s.attended:
                out += [f"{j}<TimeIn>{sec(a)}</TimeIn>", f"{j}<TimeOut>{sec(b)}</TimeOut>"]
            else:
                out += [f"{j}<TimeIn/>", f"{j}<TimeOut/>"]
        elif variant == "durations":
            out += [
                f"{j}<DateOfService>{s.date.isoformat()}</DateOfService>",
                f"{j}<Appointment>",
                f"{j}  <Start>{sec(s.start)}</Start>",
                f"{j}  <Length>{k.iso_duration(s.scheduled_minutes)}</Length>",
                f"{j}</Appointment>",
            ]
            if s.attended:
                out += [
                    f"{j}<Actual>",
                    f"{j}  <Start>{sec(a)}</Start>",
                    f"{j}  <Length>{k.iso_duration(s.minutes)}</Length>",
                    f"{j}</Actual>",
                ]
        else:
            out.append(
                f'{j}<ex:Scheduled start="{stamp(s.date, s.start)}" end="{stamp(s.date, s.end)}"/>'
            )
            if s.attended:
                out.append(f'{j}<ex:ClientTime in="{stamp(s.date, a)}" out="{stamp(s.date, b)}"/>')
        if ns:
            out += [
                f'{j}<ex:ServiceType code="{stype}"/>',
                f"{j}<ex:Title>{X(s.title)}</ex:Title>",
                f'{j}<ex:Procedure system="{system}" code="{code}" units="{k.billed_units(s)}"/>',
                f'{j}<ex:Status code="{status}"/>',
            ]
        else:
            out += [
                f"{j}<ServiceType>{stype}</ServiceType>",
                f"{j}<ServiceName>{X(s.title)}</ServiceName>",
                f'{j}<ProcedureCode system="{system}">{code}</ProcedureCode>',
                f"{j}<Units>{k.billed_units(s)}</Units>",
                f"{j}<AttendanceStatus>{status}</AttendanceStatus>",
            ]
        if not s.attended and s.absence_reason:
            out.append(f"{j}<{e('AbsenceReason')}>{X(s.absence_reason)}</{e('AbsenceReason')}>")
        if pos:
            out.append(f"{j}<{e('PlaceOfService')}>{pos}</{e('PlaceOfService')}>")
        if census:
            out.append(f"{j}<{e('GroupCensus')}>{s.group_size}</{e('GroupCensus')}>")
        for st, role in roles(s):
            out += staff_xml(st, role, j)
        body = k.cdata(note(s)) if variant == "elements" else X(note(s))
        out.append(f"{j}<{e('NoteText')}>{body}</{e('NoteText')}>")
        signer = k.rendering_staff(scn, s)[0]
        out += [
            f"{j}<{e('Signature')}>",
            f"{j}  <{e('SignedBy')}>{X(k.staff_full(signer))}</{e('SignedBy')}>",
            f"{j}  <{e('SignedAt')}>{signed(s)}</{e('SignedAt')}>",
            f"{j}</{e('Signature')}>",
            f"{i}</{e('Service')}>",
        ]
        return out

    # ------------------------------------------------------------------ the document
    def code_tables() -> list[str]:
        i = "    "
        rows = [f"  <{e('CodeTables')}>", f'{i}<{e("CodeTable")} name="AttendanceStatus">']
        for value, label in [*statuses.values(), extra_status]:
            rows.append(f'{i}  <{e("Code")} value="{value}">{X(label)}</{e("Code")}>')
        rows.append(f"{i}</{e('CodeTable')}>")
        rows.append(f'{i}<{e("CodeTable")} name="ServiceType">')
        for kind, (value, label) in SERVICE_TYPES.items():
            if any(s.kind is kind for s in sessions) or kind in k.GROUP_KINDS:
                rows.append(f'{i}  <{e("Code")} value="{value}">{X(label)}</{e("Code")}>')
        rows.append(f"{i}</{e('CodeTable')}>")
        if show_pos:
            rows.append(f'{i}<{e("CodeTable")} name="PlaceOfService">')
            for value, label in dict(POS.values()).items():
                rows.append(f'{i}  <{e("Code")} value="{value}">{X(label)}</{e("Code")}>')
            rows.append(f"{i}</{e('CodeTable')}>")
        rows.append(f"  </{e('CodeTables')}>")
        return rows

    def document(members: list[PlannedSession], closures: list[dt.date], part: str) -> bytes:
        root_attrs = [
            f'exportId="{k.new_uuid(rng)}"',
            f'generated="{exported}"',
            f'system="{A(vendor)}"',
            f'exporter="{A(exporter)}"',
            'schemaVersion="2.3"',
        ]
        if ns:
            root_attrs = [
                'xmlns:ex="urn:meridian-bh:export:services:2"',
                'xmlns:st="urn:meridian-bh:export:staff:1"',
                *root_attrs,
            ]
        if part:
            root_attrs.append(f'period="{part}"')
        lines = ['<?xml version="1.0" encoding="UTF-8"?>']
        lines.append(f"<!-- {exporter}: client services export; do not edit by hand -->")
        lines.append(f"<{e('ServiceExport')} {' '.join(root_attrs)}>")
        lines.append(
            f'  <{e("Agency")} id="{agency_id}" name="{A(scn.program)}" timeZone="{zone.name}"/>'
        )
        client = [
            f'  <{e("Client")} id="{member.member_id}">',
            f"    <{e('LastName')}>{X(member.last)}</{e('LastName')}>",
            f"    <{e('FirstName')}>{X(member.first)}</{e('FirstName')}>",
            f"    <{e('BirthDate')}>{member.date_of_birth.isoformat()}</{e('BirthDate')}>",
            f"  </{e('Client')}>",
        ]
        lines += client
        lines += [
            f'  <{e("Episode")} program="Intensive Outpatient Program (IOP)" '
            f'admitDate="{scn.admission_date.isoformat()}" '
            f'dischargeDate="{scn.discharge_date.isoformat()}" status="Discharged">',
            f'    <{e("Diagnosis")} code="{scn.diagnosis_code}" system="ICD-10-CM" '
            f'primary="true">{X(scn.diagnosis_name)}</{e("Diagnosis")}>',
            f"  </{e('Episode')}>",
        ]
        lines += code_tables()
        if closures:
            lines.append(f"  <{e('ProgramClosures')}>")
            for d in closures:
                lines.append(
                    f'    <{e("Closure")} date="{d.isoformat()}" '
                    f'reason="{A(k.holiday_name(d))}">Program closed - no services'
                    f"</{e('Closure')}>"
                )
            lines.append(f"  </{e('ProgramClosures')}>")
        lines.append(f'  <{e("Services")} count="{len(members)}">')
        for s in members:
            lines += record(s)
        lines.append(f"  </{e('Services')}>")
        lines.append(f"</{e('ServiceExport')}>")
        return ("\r\n" if rng.random() < 0.3 else "\n").join(lines).encode("utf-8") + b"\n"

    files: list[ChartFile] = []
    file_of: dict[int, str] = {}
    if variant == "attributes":
        months: dict[tuple[int, int], list[PlannedSession]] = {}
        for s in sessions:
            months.setdefault((s.date.year, s.date.month), []).append(s)
        for (y, m), members in sorted(months.items()):
            closures = [d for d in scn.closed_days if (d.year, d.month) == (y, m)]
            name = f"{safe}_{member.member_id}_services_{y}-{m:02d}.xml"
            files.append(ChartFile(name, document(members, closures, f"{y}-{m:02d}")))
            for s in members:
                file_of[s.index] = name
    else:
        name = f"ServiceExport_{member.member_id}_{export_day:%Y%m%d}.xml"
        files.append(ChartFile(name, document(sessions, list(scn.closed_days), "")))
        for s in sessions:
            file_of[s.index] = name

    written = [
        Written(
            session=s.index,
            files=(file_of[s.index],),
            states_modality=show_pos and s.attended,
            states_group_size=show_census and s.attended and s.is_group,
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


FAMILY = Family(
    name="d5-vendor-xml-export",
    split="dev",
    description=(
        "A practice-management vendor's XML export of a client's services: episode dates, "
        "code tables for attendance status, service type and place of service, and one "
        "<Service> record per scheduled service with scheduled and actual times (or ISO 8601 "
        "lengths), CPT/HCPCS code, nested <Staff> and the note text."
    ),
    conventions=(
        "<ServiceExport><Client/><Episode/><CodeTables/><Services><Service>",
        "status codes P/A/NS/CC or 1-4 looked up in an in-file code table",
        "child elements with 09:00:00 times, scheduled vs TimeIn/TimeOut",
        "attribute records with ISO datetimes, one file per month",
        "appointment start + ISO 8601 length (PT1H30M) and actual start + length",
        "prefixed namespaces ex:/st: and datetimes with UTC offsets",
        "note text in CDATA sections",
        "<Staff><Name/><Credential/></Staff> nested in each record",
        "program closures as <Closure date=... reason=...>",
    ),
    render=render,
)
