"""C-CDA R2.1 documents (XML) whose Encounters section lists the IOP's sessions.

An EHR's "export continuity of care document" writes a ``<ClinicalDocument
xmlns="urn:hl7-org:v3">`` with the usual header (``recordTarget``, ``author``,
``custodian``, ``documentationOf/serviceEvent``), the IOP episode as the
``componentOf/encompassingEncounter`` (its ``effectiveTime`` low/high: admission and
discharge), a Program Course section in words, and an Encounters section (LOINC 46240-8):
a narrative ``<text><table>`` that renders the encounters for people, and one
``<entry><encounter>`` per session with a CPT/HCPCS ``<code>``, ``<statusCode>``,
``<effectiveTime>``, ``<performer>`` (name with the credential as ``<suffix>``), a location
``<participant>`` and an attendance ``<observation>`` whose ``<value xsi:type="CD">``
says Present / Absent / No show / Cancelled.

Variants (seed-picked): times only in the entries' ``effectiveTime`` (low/high with a UTC
offset), the narrative table giving the date alone; times only in the narrative table, the
entries dated by day (``<effectiveTime value="20250303"/>``); or a start with an
ISO-8601 duration ("PT1H30M") in the narrative and ``<low/>`` + ``<width unit="min"/>`` in
the entry. One document for the episode, or one per calendar month. Closed days are rows
of the narrative table only. XML comments from the exporter are sprinkled through.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, Modality
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

X = k.xml_text
A = k.xml_attr
ROOT_OID = "2.16.840.1.113883.3.9941"
ATTEND_CODES = {
    Attendance.ATTENDED: ("P", "Present"),
    Attendance.ABSENT: ("A", "Absent"),
    Attendance.NO_SHOW: ("NS", "No show"),
    Attendance.CANCELLED: ("C", "Cancelled by client"),
    Attendance.REFUSED: ("R", "Refused"),
}
TAXONOMY = {
    "LCSW": ("1041C0700X", "Clinical Social Worker"),
    "LICSW": ("1041C0700X", "Clinical Social Worker"),
    "LPC": ("101YP2500X", "Professional Counselor"),
    "LCPC": ("101YP2500X", "Professional Counselor"),
    "LMHC": ("101YM0800X", "Mental Health Counselor"),
    "LMFT": ("106H00000X", "Marriage & Family Therapist"),
    "PsyD": ("103T00000X", "Psychologist"),
    "MD": ("2084P0800X", "Psychiatry"),
    "DO": ("2084P0800X", "Psychiatry"),
    "CADC": ("101YA0400X", "Addiction (Substance Use Disorder) Counselor"),
    "LADC": ("101YA0400X", "Addiction (Substance Use Disorder) Counselor"),
    "CPRS": ("175T00000X", "Peer Specialist"),
    "RN": ("163WP0808X", "Registered Nurse, Psychiatric/Mental Health"),
}


def _name(s: Staff) -> str:
    return (
        f"<name><given>{X(s.first)}</given><family>{X(s.last)}</family>"
        f'<suffix qualifier="AC">{X(s.credential)}</suffix></name>'
    )


def _performer(s: Staff, ident: str, indent: str) -> list[str]:
    tax = TAXONOMY.get(s.credential)
    code = (
        f'<code code="{tax[0]}" codeSystem="2.16.840.1.113883.6.101" codeSystemName="NUCC" '
        f'displayName="{A(tax[1])}"/>'
        if tax
        else ""
    )
    return [
        f'{indent}<performer typeCode="PRF">',
        f"{indent}  <assignedEntity>",
        f'{indent}    <id root="2.16.840.1.113883.4.6" extension="{ident}"/>',
        *([f"{indent}    {code}"] if code else []),
        f"{indent}    <assignedPerson>{_name(s)}</assignedPerson>",
        f"{indent}  </assignedEntity>",
        f"{indent}</performer>",
    ]


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    times_in = ("entries", "narrative", "iso_duration")[scn.seed % 3]
    monthly = rng.random() < 0.4
    zone = rng.choice(k.ZONES)
    show_location = rng.random() < 0.7
    comments = rng.random() < 0.7
    exporter = rng.choice(("CCDA Export Service 4.2.1", "InterOp Bridge v2019.3", "HIE Gateway"))
    member = scn.member
    sessions = k.services(scn)
    room = rng.choice(("Group Room 2", "Suite 210 - Group Room", "Conference Rm B"))

    def ts(d: dt.date, t: dt.time) -> str:
        return k.hl7_ts(zone, d, t)

    def location(s: PlannedSession) -> str:
        if s.modality is Modality.VIDEO:
            return "Telehealth - video (patient home)"
        if s.modality is Modality.AUDIO:
            return "Telephone - audio only"
        return f"{scn.program}, {room} (in person)"

    def narrative_time(s: PlannedSession) -> tuple[str, str]:
        """The narrative table's Time and Duration cells (empty when not shown)."""
        a, b = k.session_span(s) if s.attended else (s.start, s.end)
        if times_in == "narrative":
            cell = f"{k.t12(a)} - {k.t12(b)}"
            if s.attended and s.member_start is not None:
                cell += f" (arrived late; group began {k.t12(s.start)})"
            elif s.attended and s.member_end is not None:
                cell += f" (left early; group ended {k.t12(s.end)})"
            return (cell, "")
        if times_in == "iso_duration":
            minutes = s.minutes if s.attended else s.scheduled_minutes
            note = ""
            if s.attended and s.member_start is not None:
                note = " (late arrival)"
            return (f"{k.t24(a)}{note}", k.iso_duration(minutes))
        return ("", "")

    def entry(s: PlannedSession, n: int) -> list[str]:
        code, system, display = k.billing_code(s)
        oid = "2.16.840.1.113883.6.12" if system == "CPT" else "2.16.840.1.113883.6.285"
        sysname = "CPT-4" if system == "CPT" else "HCPCS"
        a, b = k.session_span(s) if s.attended else (s.start, s.end)
        if times_in == "entries":
            eff = [
                "        <effectiveTime>",
                f'          <low value="{ts(s.date, a)}"/>',
                f'          <high value="{ts(s.date, b)}"/>',
                "        </effectiveTime>",
            ]
        elif times_in == "narrative":
            eff = [f'        <effectiveTime value="{s.date:%Y%m%d}"/>']
        else:
            minutes = int(s.minutes if s.attended else s.scheduled_minutes)
            eff = [
                "        <effectiveTime>",
                f'          <low value="{ts(s.date, a)}"/>',
                f'          <width value="{minutes}" unit="min"/>',
                "        </effectiveTime>",
            ]
        status = "completed" if s.attended else "cancelled"
        att_code, att_word = ATTEND_CODES[s.attendance]
        out = []
        if comments:
            out.append(f"    <!-- encounter {n}: {k.mdy(s.date)} {code} -->")
        out += [
            '    <entry typeCode="DRIV">',
            '      <encounter classCode="ENC" moodCode="EVN">',
            '        <templateId root="2.16.840.1.113883.10.20.22.4.49" extension="2015-08-01"/>',
            f'        <id root="{ROOT_OID}.7" extension="{s.date:%Y%m%d}-{n:04d}"/>',
            f'        <code code="{code}" codeSystem="{oid}" codeSystemName="{sysname}" '
            f'displayName="{A(display)}">',
            f'          <originalText><reference value="#enc{n}"/>{X(k.service_label(s))}'
            "</originalText>",
            "        </code>",
            f'        <text><reference value="#enc{n}"/></text>',
            f'        <statusCode code="{status}"/>',
            *eff,
        ]
        for st in k.rendering_staff(scn, s):
            out += _performer(st, k.staff_id(st), "        ")
        if show_location:
            out += [
                '        <participant typeCode="LOC">',
                '          <participantRole classCode="SDLOC">',
                '            <templateId root="2.16.840.1.113883.10.20.22.4.32"/>',
                '            <code nullFlavor="OTH"><originalText>'
                f"{X(location(s))}</originalText></code>",
                f'            <playingEntity classCode="PLC"><name>{X(location(s))}</name>'
                "</playingEntity>",
                "          </participantRole>",
                "        </participant>",
            ]
        out += [
            '        <entryRelationship typeCode="COMP">',
            '          <observation classCode="OBS" moodCode="EVN">',
            f'            <code code="ATTEND" codeSystem="{ROOT_OID}.4.12" '
            'displayName="Attendance status"/>',
            '            <statusCode code="completed"/>',
            f'            <value xsi:type="CD" code="{att_code}" codeSystem="{ROOT_OID}.4.13" '
            f'displayName="{att_word}"/>',
        ]
        if not s.attended and s.absence_reason:
            out.append(
                f'            <entryRelationship typeCode="RSON"><observation classCode="OBS" '
                f'moodCode="EVN"><code nullFlavor="OTH"/><value xsi:type="ST">'
                f"{X(s.absence_reason)}</value></observation></entryRelationship>"
            )
        out += [
            "          </observation>",
            "        </entryRelationship>",
            "      </encounter>",
            "    </entry>",
        ]
        return out

    def table(members: list[tuple[int, PlannedSession]], closed: list[dt.date]) -> list[str]:
        head = ["Date", "Encounter", "Code"]
        if times_in == "narrative":
            head.append("Time")
        elif times_in == "iso_duration":
            head += ["Start", "Duration"]
        head += ["Provider", "Status"]
        if show_location:
            head.append("Location")
        rows: list[tuple[dt.date, dt.time, str]] = []
        for n, s in members:
            code, _, _ = k.billing_code(s)
            cells = [k.mdy(s.date), k.service_label(s), code]
            time_cell, dur = narrative_time(s)
            if times_in == "narrative":
                cells.append(time_cell)
            elif times_in == "iso_duration":
                cells += [time_cell, dur]
            cells.append("; ".join(k.staff_full(x) for x in k.rendering_staff(scn, s)))
            status = ATTEND_CODES[s.attendance][1]
            if not s.attended and s.absence_reason:
                status += f" - {s.absence_reason}"
            cells.append(status)
            if show_location:
                cells.append(location(s))
            tds = "".join(f"<td>{X(c)}</td>" for c in cells)
            rows.append((s.date, s.start, f'            <tr ID="enc{n}">{tds}</tr>'))
        for d in closed:
            rows.append(
                (
                    d,
                    dt.time(0, 0),
                    f'            <tr><td>{k.mdy(d)}</td><td colspan="{len(head) - 1}">'
                    f"Program closed - {X(k.holiday_name(d))} (no services)</td></tr>",
                )
            )
        return [
            "      <text>",
            '        <table border="1" width="100%">',
            "          <thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>",
            "          <tbody>",
            *(r for _, _, r in sorted(rows, key=lambda x: (x[0], x[1]))),
            "          </tbody>",
            "        </table>",
            "      </text>",
        ]

    def document(
        title: str,
        members: list[tuple[int, PlannedSession]],
        closed: list[dt.date],
        created: dt.date,
    ) -> str:
        doc_id = k.new_uuid(rng)
        created_ts = k.hl7_ts(zone, created, dt.time(rng.randint(8, 17), rng.randint(0, 59)))
        first = min((s.date for _, s in members), default=scn.admission_date)
        last = max((s.date for _, s in members), default=scn.discharge_date)
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<?xml-stylesheet type="text/xsl" href="CDA.xsl"?>',
        ]
        if comments:
            lines.append(f"<!-- Generated by {X(exporter)}; C-CDA R2.1 CCD -->")
        lines += [
            '<ClinicalDocument xmlns="urn:hl7-org:v3" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sdtc="urn:hl7-org:sdtc">',
            '  <realmCode code="US"/>',
            '  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>',
            '  <templateId root="2.16.840.1.113883.10.20.22.1.1" extension="2015-08-01"/>',
            '  <templateId root="2.16.840.1.113883.10.20.22.1.2" extension="2015-08-01"/>',
            f'  <id root="{doc_id}"/>',
            '  <code code="34133-9" codeSystem="2.16.840.1.113883.6.1" codeSystemName="LOINC" '
            'displayName="Summarization of Episode Note"/>',
            f"  <title>{X(title)}</title>",
            f'  <effectiveTime value="{created_ts}"/>',
            '  <confidentialityCode code="R" codeSystem="2.16.840.1.113883.5.25"/>',
            '  <languageCode code="en-US"/>',
            "  <recordTarget>",
            "    <patientRole>",
            f'      <id root="{ROOT_OID}.2" extension="{member.member_id}"/>',
            "      <patient>",
            f'        <name use="L"><given>{X(member.first)}</given>'
            f"<family>{X(member.last)}</family></name>",
            '        <administrativeGenderCode nullFlavor="UNK"/>',
            f'        <birthTime value="{member.date_of_birth:%Y%m%d}"/>',
            "      </patient>",
            "    </patientRole>",
            "  </recordTarget>",
            "  <author>",
            f'    <time value="{created_ts}"/>',
            "    <assignedAuthor>",
            f'      <id root="2.16.840.1.113883.4.6" extension="{k.staff_id(scn.therapists[0])}"/>',
            f"      <assignedPerson>{_name(scn.therapists[0])}</assignedPerson>",
            f"      <representedOrganization><name>{X(scn.program)}</name>"
            "</representedOrganization>",
            "    </assignedAuthor>",
            "  </author>",
            "  <custodian><assignedCustodian><representedCustodianOrganization>",
            f'    <id root="{ROOT_OID}"/><name>{X(scn.program)}</name>',
            "  </representedCustodianOrganization></assignedCustodian></custodian>",
            '  <documentationOf><serviceEvent classCode="PCPR"><effectiveTime>',
            f'    <low value="{first:%Y%m%d}"/><high value="{last:%Y%m%d}"/>',
            "  </effectiveTime></serviceEvent></documentationOf>",
        ]
        if comments:
            lines.append("  <!-- the IOP episode (admission to discharge) -->")
        lines += [
            "  <componentOf>",
            "    <encompassingEncounter>",
            f'      <id root="{ROOT_OID}.9" extension="EP{member.member_id[1:]}"/>',
            '      <code code="IOP" codeSystem="2.16.840.1.113883.19.5.99999.88" '
            'displayName="Intensive Outpatient Program"/>',
            "      <effectiveTime>",
            f'        <low value="{scn.admission_date:%Y%m%d}"/>',
            f'        <high value="{scn.discharge_date:%Y%m%d}"/>',
            "      </effectiveTime>",
            '      <dischargeDispositionCode code="01" codeSystem="2.16.840.1.113883.12.112" '
            'displayName="Discharged to home or self care (routine discharge)"/>',
            "    </encompassingEncounter>",
            "  </componentOf>",
            "  <component>",
            "    <structuredBody>",
            "      <component>",
            "        <section>",
            '          <code code="8648-8" codeSystem="2.16.840.1.113883.6.1" '
            'displayName="Hospital course"/>',
            "          <title>Program Course</title>",
            "          <text>",
            f"            <paragraph>Admitted to the Intensive Outpatient Program on "
            f"{k.long_date(scn.admission_date)}; discharged on "
            f"{k.long_date(scn.discharge_date)}.</paragraph>",
            f"            <paragraph>Primary diagnosis: {X(scn.diagnosis_code)} "
            f"{X(scn.diagnosis_name)}.</paragraph>",
            "          </text>",
            "        </section>",
            "      </component>",
            "      <component>",
        ]
        if comments:
            lines.append("      <!-- Encounters section (entries required) -->")
        body = [
            "    <section>",
            '      <templateId root="2.16.840.1.113883.10.20.22.2.22.1" extension="2015-08-01"/>',
            '      <code code="46240-8" codeSystem="2.16.840.1.113883.6.1" '
            'codeSystemName="LOINC" displayName="History of encounters"/>',
            "      <title>Encounters</title>",
            *table(members, closed),
        ]
        for n, s in members:
            body += entry(s, n)
        body.append("    </section>")
        lines += ["    " + x for x in body]
        lines += [
            "      </component>",
            "    </structuredBody>",
            "  </component>",
            "</ClinicalDocument>",
        ]
        return "\n".join(lines) + "\n"

    numbered = list(enumerate(sessions, 1))
    files: list[ChartFile] = []
    written: list[Written] = []
    tag = f"{member.last}_{member.first}".encode("ascii", "ignore").decode()
    if monthly:
        months: dict[tuple[int, int], list[tuple[int, PlannedSession]]] = {}
        for n, s in numbered:
            months.setdefault((s.date.year, s.date.month), []).append((n, s))
        for (y, m), members in sorted(months.items()):
            name = f"CCD_{tag}_{y}{m:02d}.xml"
            closed = [d for d in scn.closed_days if (d.year, d.month) == (y, m)]
            created = k.later(max(s.date for _, s in members), rng, 1, 6)
            title = f"Encounter Summary - {k.MONTHS[m - 1]} {y}"
            files.append(ChartFile(name, document(title, members, closed, created).encode()))
            written += [_written(s, name, show_location) for _, s in members]
    else:
        name = f"CCD_{tag}_{scn.discharge_date:%Y%m%d}.xml"
        created = k.later(scn.discharge_date, rng, 1, 10)
        title = "Continuity of Care Document - Intensive Outpatient Episode"
        text = document(title, numbered, list(scn.closed_days), created)
        files.append(ChartFile(name, text.encode()))
        written += [_written(s, name, show_location) for _, s in numbered]
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


def _written(s: PlannedSession, name: str, show_location: bool) -> Written:
    return Written(
        session=s.index,
        files=(name,),
        states_modality=show_location,
        states_facilitators=True,
    )


FAMILY = Family(
    name="d4-ccda-xml-encounters",
    split="dev",
    description=(
        "C-CDA XML with an Encounters section: <encounter> entries with CPT/HCPCS <code>, "
        "<effectiveTime> low/high with UTC offsets, <performer> names with credential "
        "suffixes and an attendance observation, beside a narrative <table> of the same."
    ),
    conventions=(
        'xmlns="urn:hl7-org:v3" with xsi:type values',
        "effectiveTime low/high as YYYYMMDDHHMMSS-0500",
        "times only in the narrative table, entries dated by day",
        "start + ISO-8601 duration PT1H30M / <width unit=min>",
        "attendance as an observation value (Present/Absent/No show)",
        "statusCode completed vs cancelled",
        "episode as encompassingEncounter low/high",
        "closed days as narrative rows only",
        "one document, or one per month",
        "XML comments",
    ),
    render=render,
)
