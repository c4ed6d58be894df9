"""The client's appointments exported from the EHR's scheduler as an iCalendar file (.ics).

What "Export client calendar" writes (RFC 5545): ``BEGIN:VCALENDAR`` with the calendar's
name and time zone (``X-WR-TIMEZONE``) and a ``VTIMEZONE``; a standing ``VEVENT`` for the
program's hours with a weekly ``RRULE`` and ``EXDATE`` for holidays (a schedule, not
attendance); an all-day event for each day the program was closed; and one ``VEVENT`` per
appointment: ``DTSTART``/``DTEND`` in the program's zone (``TZID=America/Chicago``) or, in
the other exporter, ``DTSTART`` in UTC ("...T150000Z") with a ``DURATION`` ("PT1H30M"),
the summary (the program's title and the service with its code), the location (a room or
"Telehealth - video"), ``STATUS`` (CONFIRMED or CANCELLED), the facilitator as
``ORGANIZER`` and a co-facilitator as a ``CHAIR`` attendee with credentials, the client as
an attendee whose ``PARTSTAT`` is ACCEPTED or DECLINED, and the EHR's own properties
``X-EHR-VISIT-STATUS`` (Kept, No Show, Cancelled by client, Absent) and
``X-EHR-ARRIVED``/``X-EHR-DEPARTED`` for a late arrival or an early departure. Text values
escape commas and semicolons; lines longer than 75 octets are folded; lines end in CRLF.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Staff,
    Written,
)

from . import _kit as k

LAYOUTS = ("tzid", "utc")
VISIT = {
    Attendance.ATTENDED: "Kept",
    Attendance.ABSENT: "Absent",
    Attendance.NO_SHOW: "No Show",
    Attendance.CANCELLED: "Cancelled by client",
}
PARTSTAT = {
    Attendance.ATTENDED: "ACCEPTED",
    Attendance.ABSENT: "NEEDS-ACTION",
    Attendance.NO_SHOW: "NEEDS-ACTION",
    Attendance.CANCELLED: "DECLINED",
}
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 folding: at most 75 octets a line, continuations start with a space."""
    out: list[str] = []
    data = line.encode("utf-8")
    limit = 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        out.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = 74
    out.append(data.decode("utf-8"))
    return [out[0], *(" " + x for x in out[1:])]


def _mail(st: Staff, host: str) -> str:
    return f"mailto:{st.first[0].lower()}{st.last.lower()}@{host}"


def _local(d: dt.date, t: dt.time) -> str:
    return f"{d:%Y%m%d}T{t:%H%M%S}"


def _utc(zone: tuple[str, str, int], d: dt.date, t: dt.time) -> str:
    return f"{k.to_utc(zone, d, t):%Y%m%dT%H%M%S}Z"


def _when(layout: str, zone: tuple[str, str, int], d: dt.date, t: dt.time) -> str:
    return f";TZID={zone[0]}:{_local(d, t)}" if layout == "tzid" else f":{_utc(zone, d, t)}"


def _duration(minutes: float) -> str:
    h, m = divmod(int(minutes), 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "")


def _event(
    scn: Scenario,
    s: PlannedSession,
    rng: random.Random,
    layout: str,
    zone: tuple[str, str, int],
    host: str,
    stamp: str,
    uid: int,
) -> list[str]:
    m = scn.member
    code = k.code(s)
    out = [
        "BEGIN:VEVENT",
        f"UID:appt-{uid}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART{_when(layout, zone, s.date, s.start)}",
    ]
    if layout == "tzid":
        out.append(f"DTEND{_when(layout, zone, s.date, s.end)}")
    else:
        out.append(f"DURATION:{_duration(s.scheduled_minutes)}")
    label = k.KIND_LABEL[s.kind]
    if s.kind in k.GROUP_KINDS:
        summary = f"{s.title} ({label}{' ' + code if code else ''})"
    else:
        summary = label + (f" - CPT {code}" if code else "")
    out.append(f"SUMMARY:{_esc(summary)}")
    out.append(
        "LOCATION:"
        + _esc(
            "Telehealth - video"
            if k.is_video(s)
            else (f"Group Room {rng.choice('ABC')}" if s.kind in k.GROUP_KINDS else "Office")
            + f", {scn.program}"
        )
    )
    out.append(f"STATUS:{'CANCELLED' if s.attendance is Attendance.CANCELLED else 'CONFIRMED'}")
    who = k.clinicians(scn, s) or (scn.therapists[0],)
    out.append(f'ORGANIZER;CN="{who[0].name}, {who[0].credential}":{_mail(who[0], host)}')
    for st in who[1:]:
        out.append(
            f'ATTENDEE;CN="{st.name}, {st.credential}";ROLE=CHAIR;PARTSTAT=ACCEPTED:'
            f"{_mail(st, host)}"
        )
    out.append(
        f"ATTENDEE;CN={m.first} {m.last};ROLE=REQ-PARTICIPANT;"
        f"PARTSTAT={PARTSTAT[s.attendance]}:mailto:client-{m.member_id.lower()}@{host}"
    )
    out.append(f"X-EHR-VISIT-STATUS:{VISIT[s.attendance]}")
    if s.attended and s.member_start is not None:
        out.append(f"X-EHR-ARRIVED{_when(layout, zone, s.date, s.member_start)}")
    if s.attended and s.member_end is not None:
        out.append(f"X-EHR-DEPARTED{_when(layout, zone, s.date, s.member_end)}")
    desc = k.note(rng, s) if s.attended else f"{VISIT[s.attendance]}: {k.reason(s)}."
    out.append(f"DESCRIPTION:{_esc(desc)}")
    out.append(f"CATEGORIES:IOP,{'GROUP' if s.kind in k.GROUP_KINDS else 'VISIT'}")
    out.append("END:VEVENT")
    return out


def _vtimezone(zone: tuple[str, str, int]) -> list[str]:
    std, dst = zone[2], zone[2] + 1
    a = zone[1]
    return [
        "BEGIN:VTIMEZONE",
        f"TZID:{zone[0]}",
        "BEGIN:DAYLIGHT",
        f"TZOFFSETFROM:{std:+03d}00",
        f"TZOFFSETTO:{dst:+03d}00",
        f"TZNAME:{a}DT",
        "DTSTART:19700308T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        f"TZOFFSETFROM:{dst:+03d}00",
        f"TZOFFSETTO:{std:+03d}00",
        f"TZNAME:{a}ST",
        "DTSTART:19701101T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.variant(scn, LAYOUTS)
    zone = k.ZONES[(scn.seed // 2 + 1) % len(k.ZONES)]
    m = scn.member
    services = k.services(scn)
    host = rng.choice(("sched.riverbendbh.org", "ehr.cedarridge.net", "calendar.nvcounsel.com"))
    exported = scn.discharge_date + dt.timedelta(days=rng.randint(5, 30))
    stamp = f"{exported:%Y%m%d}T{rng.randint(13, 21):02d}{rng.randint(0, 59):02d}00Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{scn.program}//EHR Scheduler 11.4//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_esc(f'{m.last}, {m.first} ({m.member_id}) - IOP appointments')}",
        f"X-WR-TIMEZONE:{zone[0]}",
        "X-WR-CALDESC:"
        + _esc(
            f"Exported for {m.first} {m.last}, DOB {k.date(m.date_of_birth, 'us')}. IOP "
            f"admission {k.date(scn.admission_date, 'us')}, discharge "
            f"{k.date(scn.discharge_date, 'us')}. Diagnosis {scn.diagnosis_code} "
            f"{scn.diagnosis_name}."
        ),
        *_vtimezone(zone),
    ]
    groups = [s for s in services if s.kind in k.GROUP_KINDS]
    if groups:
        first = groups[0]
        last_end = max(s.end for s in groups)
        by = sorted({s.date.weekday() for s in groups})
        lines += [
            "BEGIN:VEVENT",
            f"UID:program-hours-{m.member_id.lower()}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;TZID={zone[0]}:{_local(scn.admission_date, first.start)}",
            f"DTEND;TZID={zone[0]}:{_local(scn.admission_date, last_end)}",
            "RRULE:FREQ=WEEKLY;BYDAY="
            + ",".join(DAYS[d] for d in by)
            + f";UNTIL={scn.discharge_date:%Y%m%d}T235959Z",
        ]
        lines += [f"EXDATE;TZID={zone[0]}:{_local(d, first.start)}" for d in scn.closed_days]
        lines += [
            "SUMMARY:IOP program hours (standing schedule)",
            "TRANSP:TRANSPARENT",
            "DESCRIPTION:"
            + _esc("Standing program schedule. Attendance is recorded on each appointment."),
            "END:VEVENT",
        ]
    for d in scn.closed_days:
        lines += [
            "BEGIN:VEVENT",
            f"UID:closure-{d:%Y%m%d}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{d:%Y%m%d}",
            f"DTEND;VALUE=DATE:{d + dt.timedelta(days=1):%Y%m%d}",
            "SUMMARY:PROGRAM CLOSED - holiday (groups cancelled by program)",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    uid = rng.randint(200_000, 300_000)
    for s in services:
        uid += rng.randint(1, 60)
        lines += _event(scn, s, rng, layout, zone, host, stamp, uid)
    lines.append("END:VCALENDAR")
    folded = [x for line in lines for x in _fold(line)]
    name = f"{m.last.lower()}_iop_appointments.ics"
    data = ("\r\n".join(folded) + "\r\n").encode("utf-8")
    written: list[Written] = [
        k.written(s, [name], modality=s.attended, facilitators=True) for s in services
    ]
    return RenderedChart(
        files=(ChartFile(name, data),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d10-ics-calendar-export",
    split="dev",
    description=(
        "The client's appointments exported as an iCalendar file: VEVENTs with DTSTART/DTEND "
        "in a TZID or DTSTART in UTC with a DURATION, STATUS and X-EHR-VISIT-STATUS, "
        "X-EHR-ARRIVED/DEPARTED, organizer and attendees with credentials, a standing "
        "RRULE schedule and all-day closures; folded CRLF lines with escaped text."
    ),
    conventions=(
        "DTSTART;TZID=...:20250303T090000 with DTEND",
        "DTSTART:20250303T150000Z with DURATION:PT1H30M",
        "visit status in an X- property, PARTSTAT for the client",
        "standing weekly RRULE with EXDATE (a schedule, not attendance)",
        "RFC 5545 line folding, escaped commas and semicolons, CRLF",
    ),
    render=render,
    tags=("calendar", "structured"),
)
