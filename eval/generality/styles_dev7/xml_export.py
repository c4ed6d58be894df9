"""An XML clinical-data export saved as text: encounters in export (id) order, not date
order, with ISO 8601 timestamps carrying a UTC offset (or given in UTC with a separate
local service date) and lengths as ISO 8601 durations ("PT1H30M") or a start and end.

Attendance is a nested, coded status: an encounter status (finished / cancelled) and an
attendance code from a local code system declared at the top of the file; some exports
write the code's display text, others only the code. The member's own arrival and
departure are participant times. The episode's recurring schedule is an RRULE, and an
appointments section lists future bookings that are not services. Meals are not exported.
"""

from __future__ import annotations

import datetime as dt
import random
from xml.sax.saxutils import escape, quoteattr

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
    ZONES,
    aware,
    is_group,
    member_end,
    member_start,
    minutes_of,
    program_schedule,
)

NAME = "h2-xml-iso-durations"

_ATTEND = (
    ("P", "Present"),
    ("LA", "Present - arrived late"),
    ("LE", "Present - left early"),
    ("ABS", "Absent"),
    ("NS", "No-show"),
    ("CX", "Cancelled by client"),
)
_CODE = {Attendance.ABSENT: "ABS", Attendance.NO_SHOW: "NS", Attendance.CANCELLED: "CX"}
_DISPLAY = dict(_ATTEND)
_TYPE_DISPLAY = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "Group psychotherapy",
    ServiceKind.GROUP_EDUCATION: "Group psychoeducation",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Individual psychotherapy",
    ServiceKind.FAMILY_COUNSELING: "Family psychotherapy with patient present",
    ServiceKind.CASE_MANAGEMENT: "Targeted case management",
    ServiceKind.MEDICATION_MANAGEMENT: "Medication management visit",
}


def iso_duration(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m or not h else "")


class _Export:
    def __init__(self, scn: Scenario, rng: random.Random) -> None:
        self.scn = scn
        self.rng = rng
        self.zone = rng.choice(ZONES)
        self.utc = rng.random() < 0.35  # timestamps in UTC ("Z") plus a local serviceDate
        self.displays = rng.random() < 0.5  # attendance display text beside the code
        self.durations = rng.choice((0.0, 0.5, 1.0))  # share of encounters with a duration

    def stamp(self, day: dt.date, t: dt.time) -> str:
        moment = aware(self.zone, day, t)
        if self.utc:
            return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return moment.isoformat()

    def attendance(self, s: PlannedSession) -> tuple[str, str]:
        if not s.attended:
            code = _CODE[s.attendance]
        elif s.member_start is not None:
            code = "LA"
        elif s.member_end is not None:
            code = "LE"
        else:
            code = "P"
        status = (
            "finished"
            if s.attended
            else ("cancelled" if s.attendance is Attendance.CANCELLED else "not-done")
        )
        return code, status

    def encounter(self, s: PlannedSession, ident: str) -> list[str]:
        code, status = self.attendance(s)
        out = [f"    <encounter id={quoteattr(ident)}>"]
        if self.utc:
            out.append(f"      <serviceDate>{s.date.isoformat()}</serviceDate>")
        cpt = f' code={quoteattr(s.cpt)} system="CPT"' if s.cpt else ""
        out.append(f"      <type{cpt} display={quoteattr(_TYPE_DISPLAY.get(s.kind, s.title))}/>")
        out.append(f"      <title>{escape(s.title)}</title>")
        if s.attended:
            cls = (
                '<class code="VR" display="virtual (video)"/>'
                if s.modality is Modality.VIDEO
                else '<class code="AMB" display="ambulatory (in person)"/>'
            )
            out.append(f"      {cls}")
        out.append("      <status>")
        out.append(f"        <encounterStatus>{status}</encounterStatus>")
        display = f"<display>{escape(_DISPLAY[code])}</display>" if self.displays else ""
        coded = f'<code system="urn:local:attend">{code}</code>{display}'
        out.append(f"        <attendance>{coded}</attendance>")
        if not s.attended:
            reason = s.absence_reason or "no reason given"
            out.append(f"        <statusReason>{escape(reason)}</statusReason>")
        out.append("      </status>")
        start = self.stamp(s.date, s.start)
        if self.rng.random() < self.durations:
            length = iso_duration(minutes_of(s.start, s.end))
            out.append(f"      <period><start>{start}</start><length>{length}</length></period>")
        else:
            end = self.stamp(s.date, s.end)
            out.append(f"      <period><start>{start}</start><end>{end}</end></period>")
        if s.attended and (s.member_start is not None or s.member_end is not None):
            arrived = self.stamp(s.date, member_start(s))
            departed = self.stamp(s.date, member_end(s))
            out.append(
                f'      <participant type="patient"><arrived>{arrived}</arrived>'
                f"<departed>{departed}</departed></participant>"
            )
        staff = list(s.facilitators) if is_group(s) else []
        if s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING):
            staff = [self.scn.therapists[0]]
        if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
            staff = [self.scn.physician]
        role = "facilitator" if is_group(s) else "performer"
        for st in staff:
            out.append(
                f'      <participant type="{role}"><name>{escape(st.name)}</name>'
                f"<qualification>{st.credential}</qualification></participant>"
            )
        if s.attended and is_group(s):
            out.append(f"      <groupSize>{s.group_size}</groupSize>")
        if s.attended and s.topic:
            out.append(f"      <note>{escape(s.topic.capitalize())}.</note>")
        out.append("    </encounter>")
        return out


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    ex = _Export(scn, rng)
    sched = program_schedule(scn)
    admission_stated = rng.random() < 0.75
    discharge_stated = rng.random() < 0.5
    documented = [s for s in scn.sessions if s.kind is not ServiceKind.MEAL]
    last = max(s.date for s in documented)
    # the export's run date is given only when it is after a stated discharge (otherwise it
    # would be the chart's latest document date, which a data feed does not decide)
    generated = ""
    if discharge_stated:
        run = ex.stamp(last + dt.timedelta(days=rng.randint(3, 12)), dt.time(7, 42))
        generated = f' generated="{run}"'
    m = scn.member
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<clinicalExport system="CarePath BH 7.2"{generated} timeZone="{ex.zone.name}">',
        "  <codeSystems>",
        '    <codeSystem uri="urn:local:attend" name="Session attendance">',
        *(f"      <concept code={quoteattr(c)} display={quoteattr(d)}/>" for c, d in _ATTEND),
        "    </codeSystem>",
        "  </codeSystems>",
        f"  <facility>{escape(scn.program)}</facility>",
        f'  <patient id="{m.member_id}">',
        f"    <name><family>{escape(m.last)}</family><given>{escape(m.first)}</given></name>",
        f"    <birthDate>{m.date_of_birth.isoformat()}</birthDate>",
        "  </patient>",
        "  <episodeOfCare>",
        "    <type>Intensive Outpatient Program</type>",
        f'    <diagnosis code="{scn.diagnosis_code}">{escape(scn.diagnosis_name)}</diagnosis>',
    ]
    period = []
    if admission_stated:
        period.append(f"<start>{scn.admission_date.isoformat()}</start>")
    if discharge_stated:
        period.append(f"<end>{scn.discharge_date.isoformat()}</end>")
    if period:
        lines.append(f"    <period>{''.join(period)}</period>")
    lines += [
        "    <recurringSchedule>",
        f"      <rule>FREQ=WEEKLY;BYDAY={sched.days('rrule')};BYHOUR={sched.start.hour};"
        f"BYMINUTE={sched.start.minute}</rule>",
        f"      <duration>{iso_duration(minutes_of(sched.start, sched.end))}</duration>",
        "      <comment>Group block; individual therapy scheduled weekly after groups.</comment>",
        "    </recurringSchedule>",
        "  </episodeOfCare>",
        "  <encounters>",
    ]
    base = rng.randint(200_000, 700_000)
    ids = [f"ENC-{base + rng.randint(0, 99_999):06d}" for _ in documented]
    while len(set(ids)) < len(ids):
        ids = [f"ENC-{base + rng.randint(0, 99_999):06d}" for _ in documented]
    for ident, s in sorted(zip(ids, documented, strict=True), key=lambda p: p[0]):
        lines += ex.encounter(s, ident)
    lines.append("  </encounters>")
    if not discharge_stated:
        # bookings still open at export time: future dates, not services
        lines.append("  <appointments>")
        nxt = last + dt.timedelta(days=1)
        while nxt.weekday() not in sched.weekdays:
            nxt += dt.timedelta(days=1)
        lines.append(
            f'    <appointment status="booked"><start>{ex.stamp(nxt, sched.start)}</start>'
            f"<length>{iso_duration(minutes_of(sched.start, sched.end))}</length>"
            "<description>IOP group block</description></appointment>"
        )
        lines.append("  </appointments>")
    lines.append("</clinicalExport>")
    name = rng.choice(("clinical_export.xml.txt", "encounters_export.txt", "ccd_dump.txt"))
    files = (ChartFile(name, ("\n".join(lines) + "\n").encode()),)
    written = tuple(
        Written(
            session=s.index,
            files=(name,),
            states_modality=s.attended,
            states_group_size=s.attended and is_group(s),
            states_facilitators=is_group(s),
        )
        for s in documented
    )
    return RenderedChart(
        files=files,
        written=written,
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=last,
    )


FAMILY = Family(
    name=NAME,
    split="dev",
    description=(
        "XML export saved as text: encounters in id order, ISO 8601 timestamps with offsets "
        "or in UTC, ISO 8601 durations, coded attendance with a code-system legend."
    ),
    conventions=(
        "XML elements, one encounter each, not in date order",
        "ISO 8601 datetimes with UTC offset, or UTC 'Z' plus a local serviceDate",
        "ISO 8601 durations (PT1H30M) instead of an end time",
        "nested status: encounter status plus a local attendance code",
        "attendance codes with or without display text (legend at the top)",
        "member arrival/departure as participant times",
        "RRULE schedule and future booked appointments",
    ),
    render=render,
)
