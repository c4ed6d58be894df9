"""HL7 v2.5.1 messages captured from an interface feed and saved as files.

What an interface engine archives for one member's IOP episode: the registration
(``ADT^A04``, PV1-44 the admit date/time) and the discharge (``ADT^A03``, PV1-45), and
per session, by variant:

- scheduling: ``SIU^S12`` books each session (SCH-11 timing quantity
  ``^^M90^start^end``, SCH-9/10 duration, AIS-3 the service as CPT/HCPCS code and name,
  AIS-4 start, AIS-7/8 duration and units, AIP-3 the clinician with the degree as XCN-7,
  AIL-3 the room or telehealth location), then an outcome message on the day:
  ``SIU^S14`` with SCH-25 "Complete" (an NTE says when a late member arrived or left),
  ``SIU^S26`` "Noshow", ``SIU^S15`` "Cancelled" with the reason in SCH-6, or ``SIU^S14``
  with a local "Absent" status. Sessions on days the program closed were booked as a
  recurring series and are cancelled by ``SIU^S15`` with the holiday as the reason;
- scheduling plus charges: the same, with a ``DFT^P03`` per attended service (FT1-4 the
  transaction date as a start^end range, FT1-10 quantity, FT1-20 performer, FT1-25 the
  procedure code, FT1-26 modifier 95 for telehealth);
- documents plus charges: ``MDM^T02`` per session (TXA-4 activity date/time, TXA-5 the
  clinician, TXA-17 "AU") whose note is one ``OBX|n|TX`` per line, escape sequences
  (``\\T\\`` for &, ``\\F\\`` for |) in the text, and the ``DFT^P03`` charges.

Segments end with a carriage return (the standard), a line feed, or CR LF; messages are
one batch file (FHS/BHS ... BTS/FTS), a file per message type, or a file per day.
Timestamps are YYYYMMDDHHMMSS with an offset, or YYYYMMDDHHMM without one.
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

E = k.hl7_text
CONTROL_ID = "<control-id>"
APPS = (("PRACTICEMGR", "EHR"), ("CARELOGIX", "ADT"), ("BHSUITE", "SCHED"))


def _seg(name: str, fields: dict[int, str]) -> str:
    """A segment from its fields by number (missing fields empty, no trailing |)."""
    top = max(fields) if fields else 0
    return "|".join([name, *(fields.get(i, "") for i in range(1, top + 1))])


def _xcn(s: Staff) -> str:
    """XCN: ID^Family^Given^Middle^Suffix^Prefix^Degree."""
    return f"{k.staff_id(s)}^{E(s.last.upper())}^{E(s.first.upper())}^^^^{E(s.credential)}"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = ("scheduling", "sched_charges", "documents")[scn.seed % 3]
    separator = rng.choice(("\r", "\n", "\r\n"))
    packaging = rng.choice(("batch", "by_type", "by_day"))
    zone: k.Zone | None = rng.choice(k.ZONES) if rng.random() < 0.6 else None
    seconds = zone is not None or rng.random() < 0.5
    app, app_fac = rng.choice(APPS)
    fac = "".join(w[0] for w in scn.program.split()[:3]).upper() + "IOP"
    member = scn.member
    sessions = k.services(scn)
    room = rng.choice(("GRP2", "GRPA", "RM210"))
    room_name = {"GRP2": "Group Room 2", "GRPA": "Group Room A", "RM210": "Room 210"}[room]
    visit = f"V{rng.randint(1000000, 9999999)}"
    first_control_id = rng.randint(100000, 900000)
    bookings = [0]

    def ts(d: dt.date, t: dt.time) -> str:
        return k.hl7_ts(zone, d, t, seconds=seconds)

    def stamp(d: dt.date, t: dt.time) -> str:
        # a message's own time: seconds vary, as a real engine's clock does
        if seconds:
            sec = t.second or rng.randint(0, 59)
            base = k.hl7_ts(None, d, t, seconds=False) + f"{sec:02d}"
            return base + (k.offset_text(zone, d, colon=False) if zone else "")
        return k.hl7_ts(None, d, t, seconds=False)

    def msh(kind: str, event: str, structure: str, d: dt.date, t: dt.time) -> str:
        # the control id (MSH-10) is numbered once the messages are in order
        return (
            f"MSH|^~\\&|{app}|{fac}|{app_fac}|{fac}|{stamp(d, t)}||{kind}^{event}^{structure}|"
            f"{CONTROL_ID}|P|2.5.1|||AL|NE"
        )

    pid = _seg(
        "PID",
        {
            1: "1",
            3: f"{member.member_id}^^^{fac}^MR",
            5: f"{E(member.last.upper())}^{E(member.first.upper())}",
            7: f"{member.date_of_birth:%Y%m%d}",
            8: "U",
        },
    )

    def pv1(loc: str, *, discharge: bool = False) -> str:
        fields = {
            1: "1",
            2: "O",
            3: loc,
            4: "R",
            7: _xcn(scn.physician),
            10: "IOP",
            18: "IOP",
            19: visit,
            44: ts(scn.admission_date, dt.time(8, 0)),
        }
        if discharge:
            fields[36] = "01"
            fields[45] = ts(scn.discharge_date, dt.time(17, 0))
        return _seg("PV1", fields)

    def loc_of(s: PlannedSession) -> tuple[str, str]:
        """(PL for PV1-3/AIL-3, location type CE)."""
        if s.modality is not Modality.IN_PERSON:
            return (f"TELE^VIDEO^^{fac}^^^^^Telehealth video visit", "VIRTUAL^Telehealth video^L")
        return (f"IOP^{room}^^{fac}^^^^^{room_name}", "GRP^Group room^L")

    def code_ce(s: PlannedSession) -> str:
        code, system, _ = k.billing_code(s)
        return f"{code}^{E(k.service_label(s))}^{'CPT4' if system == 'CPT' else 'HCPCS'}"

    # messages: (date, time, message type for packaging, segments, the session it is about)
    messages: list[tuple[dt.date, dt.time, str, list[str], int | None]] = []

    adm_t = dt.time(8, rng.randint(5, 40))
    messages.append(
        (
            scn.admission_date,
            adm_t,
            "ADT",
            [
                msh("ADT", "A04", "ADT_A01", scn.admission_date, adm_t),
                f"EVN|A04|{stamp(scn.admission_date, adm_t)}",
                pid,
                pv1(f"IOP^^^{fac}"),
                _seg("DG1", {1: "1", 3: f"{scn.diagnosis_code}^{E(scn.diagnosis_name)}^I10"}),
            ],
            None,
        )
    )

    def siu(
        s: PlannedSession,
        event: str,
        status: str,
        reason: str,
        when: tuple[dt.date, dt.time],
        note: str = "",
    ) -> list[str]:
        minutes = int(s.scheduled_minutes)
        loc, loc_type = loc_of(s)
        sch_id = f"{s.date:%y%m%d}{k.t24(s.start, colon=False)}{s.index:03d}"
        out = [
            msh("SIU", event, "SIU_S12", *when),
            _seg(
                "SCH",
                {
                    1: f"P{sch_id}^{app}",
                    2: f"F{sch_id}^{app}",
                    6: reason,
                    7: "FOLLOWUP^A follow up visit^HL70276",
                    8: "Normal^Routine schedule request^HL70277",
                    9: str(minutes),
                    10: "min",
                    11: f"^^M{minutes}^{ts(s.date, s.start)}^{ts(s.date, s.end)}",
                    16: _xcn(k.rendering_staff(scn, s)[0]),
                    20: _xcn(k.rendering_staff(scn, s)[0]),
                    25: status,
                },
            ),
        ]
        if note:
            out.append(f"NTE|1||{E(note)}")
        out += [pid, pv1(loc), "RGS|1|A"]
        out.append(
            _seg(
                "AIS",
                {
                    1: "1",
                    2: "A",
                    3: code_ce(s),
                    4: ts(s.date, s.start),
                    5: "0",
                    6: "min",
                    7: str(minutes),
                    8: "min",
                    10: status,
                },
            )
        )
        if s.is_group:
            out.append(
                _seg(
                    "AIG",
                    {
                        1: "1",
                        2: "A",
                        3: f"IOPGRP{s.start.hour:02d}^{E(s.title)}^L",
                        4: "GROUP^Group session^L",
                    },
                )
            )
        out.append(
            _seg(
                "AIL",
                {
                    1: "1",
                    2: "A",
                    3: loc,
                    4: loc_type,
                    6: ts(s.date, s.start),
                    7: "0",
                    8: "min",
                    9: str(minutes),
                    10: "min",
                    12: status,
                },
            )
        )
        for i, st in enumerate(k.rendering_staff(scn, s), 1):
            out.append(
                _seg(
                    "AIP",
                    {
                        1: str(i),
                        2: "A",
                        3: _xcn(st),
                        4: "FAC^Facilitator^L" if s.is_group else "THER^Clinician^L",
                        6: ts(s.date, s.start),
                        7: "0",
                        8: "min",
                        9: str(minutes),
                        10: "min",
                        12: status,
                    },
                )
            )
        return out

    def booking_time(s: PlannedSession) -> tuple[dt.date, dt.time]:
        # the series was booked at intake, on the admission date, one booking a second or two
        bookings[0] += 1
        n = bookings[0] * 2
        return (min(s.date, scn.admission_date), dt.time(8, 45 + n // 60, n % 60 or 1))

    def outcome(s: PlannedSession) -> tuple[dt.time, list[str]]:
        """The day's outcome message of a booked session, and its time."""
        after = k.shift(s.end, rng.randint(2, 40))
        before = k.shift(s.start, -rng.randint(20, 90))
        if s.attended:
            note = ""
            if s.member_start is not None:
                note = f"Client arrived late at {k.t24(s.member_start)}; attended to end."
            elif s.member_end is not None:
                note = f"Client left early at {k.t24(s.member_end)}."
            return (
                after,
                siu(s, "S14", "Complete", "CHKOUT^Checked out^L", (s.date, after), note),
            )
        reason = f" - {E(s.absence_reason)}" if s.absence_reason else ""
        if s.attendance is Attendance.NO_SHOW:
            return (
                after,
                siu(s, "S26", "Noshow", f"NOSHOW^No show{reason}^L", (s.date, after)),
            )
        if s.attendance is Attendance.CANCELLED:
            why = f"PTCANC^Client cancelled{reason}^L"
            return (before, siu(s, "S15", "Cancelled", why, (s.date, before)))
        why = f"ABSENT^Absent{reason}^L"
        return (after, siu(s, "S14", "ABSENT^Absent^L", why, (s.date, after)))

    def dft(s: PlannedSession, n: int) -> tuple[dt.date, list[str]]:
        code, system, display = k.billing_code(s)
        a, b = k.session_span(s)
        posted = k.later(s.date, rng, 1, 4)
        loc, _ = loc_of(s)
        mod = "95^Synchronous telemedicine^CPT4" if s.modality is not Modality.IN_PERSON else ""
        ft1 = _seg(
            "FT1",
            {
                1: "1",
                2: f"T{visit[1:]}{n:03d}",
                4: f"{ts(s.date, a)}^{ts(s.date, b)}",
                5: ts(posted, dt.time(2, 15)),
                6: "CG",
                7: f"{code}^{E(display)}^{'CPT4' if system == 'CPT' else 'HCPCS'}",
                8: E(k.service_label(s)),
                10: str(k.billed_units(s)),
                13: "IOP",
                16: loc,
                19: f"{scn.diagnosis_code}^{E(scn.diagnosis_name)}^I10",
                20: _xcn(k.rendering_staff(scn, s)[0]),
                25: f"{code}^{E(display)}^{'C4' if system == 'CPT' else 'HCPCS'}",
                26: mod,
            },
        )
        t = dt.time(2, 15)
        return (
            posted,
            [
                msh("DFT", "P03", "DFT_P03", posted, t),
                f"EVN|P03|{stamp(posted, t)}",
                pid,
                pv1(loc),
                ft1,
            ],
        )

    def mdm(s: PlannedSession) -> tuple[dt.date, dt.time, list[str], bool]:
        """An MDM^T02 for a session's note, its date and time, and whether it states the
        group census."""
        staff = k.rendering_staff(scn, s)
        a, b = k.session_span(s) if s.attended else (s.start, s.end)
        signed = k.later(s.date, rng, 0, 2)
        sign_t = dt.time(rng.randint(12, 19), rng.randint(0, 59))
        doc_no = f"DOC{s.date:%Y%m%d}{s.index:03d}"
        code, _, _ = k.billing_code(s)
        lines = [
            f"Service: {code} {k.service_label(s)}",
            f"Date of service: {k.mdy(s.date)}",
        ]
        census = False
        if s.attended:
            lines.append(f"Time: {k.t24(a)} - {k.t24(b)} ({int(s.minutes)} min)")
            lines.append("Attendance: Present")
            if k.member_differs(s):
                lines.append(f"Note: {k.late_phrase(s, fmt='24')}")
            lines.append(f"Location: {k.modality_word(s.modality)}")
        else:
            lines.append(f"Scheduled: {k.t24(s.start)} - {k.t24(s.end)}")
            lines.append(f"Attendance: {k.attendance_word(s.attendance, 0)}")
        lines.append(
            ("Facilitators: " if s.is_group else "Clinician: ")
            + "; ".join(k.staff_full(x) for x in staff)
        )
        if s.attended and s.is_group and s.group_size:
            lines.append(f"Group census: {s.group_size}")
            census = True
        lines.append("")
        if s.attended and s.is_group:
            start_mood = rng.randint(2, 6)
            lines.append(f"Mood rating (0-10) | start: {start_mood} | end: {start_mood + 1}")
        lines += k.wrap(k.narrative(rng, s), 78)
        if s.attended and k.counted_kind(s.kind):
            lines.append(f"Plan: {k.pick(rng, k.PLAN)}")
            lines.append("Homework: thought record & sleep log; review with primary therapist.")
        lines.append(f"Electronically signed by {k.staff_full(staff[0])}")
        loc, _ = loc_of(s)
        doc_type = "PN^Progress Note^L" if s.attended else "MS^Missed Session Note^L"
        out = [
            msh("MDM", "T02", "MDM_T02", signed, sign_t),
            f"EVN|T02|{stamp(signed, sign_t)}",
            pid,
            pv1(loc),
            _seg(
                "TXA",
                {
                    1: "1",
                    2: doc_type,
                    3: "TX",
                    4: ts(s.date, a),
                    5: _xcn(staff[0]),
                    6: ts(signed, sign_t),
                    9: _xcn(staff[0]),
                    12: doc_no,
                    17: "AU",
                    18: "R",
                    19: "AV",
                    22: f"{_xcn(staff[0])}{'^' * 8}{ts(signed, sign_t)}",
                },
            ),
        ]
        for i, line in enumerate(lines, 1):
            out.append(f"OBX|{i}|TX|NOTE^Note text^L|1|{E(line)}||||||F")
        return (signed, sign_t, out, census)

    census_of: set[int] = set()
    n_charge = 0
    for s in sessions:
        if variant in ("scheduling", "sched_charges"):
            bd, bt = booking_time(s)
            booked = siu(s, "S12", "Booked", "NEW^New booking^L", (bd, bt))
            messages.append((bd, bt, "SIU", booked, s.index))
            t_out, out = outcome(s)
            messages.append((s.date, t_out, "SIU", out, s.index))
        else:
            signed, t_doc, msg, census = mdm(s)
            messages.append((signed, t_doc, "MDM", msg, s.index))
            if census:
                census_of.add(s.index)
        if variant in ("sched_charges", "documents") and s.attended:
            n_charge += 1
            posted, msg = dft(s, n_charge)
            messages.append((posted, dt.time(2, 15), "DFT", msg, s.index))

    if variant in ("scheduling", "sched_charges"):
        slots = sorted({(s.start, s.end) for s in scn.sessions if s.is_group})
        titles = {(s.start, s.end): s for s in scn.sessions if s.is_group}
        for d in scn.closed_days:
            for a, b in slots:
                proto = titles[(a, b)]
                held = PlannedSession(
                    index=900 + len(messages),
                    date=d,
                    start=a,
                    end=b,
                    kind=proto.kind,
                    title=proto.title,
                    attendance=Attendance.CANCELLED,
                    modality=Modality.IN_PERSON,
                    facilitators=proto.facilitators,
                    cpt=proto.cpt,
                )
                bd, bt = booking_time(held)
                booked = siu(held, "S12", "Booked", "NEW^New booking^L", (bd, bt))
                messages.append((bd, bt, "SIU", booked, None))
                when = (d - dt.timedelta(days=rng.randint(3, 10)), dt.time(9, rng.randint(0, 59)))
                reason = f"CLOSED^Program closed - {E(k.holiday_name(d))}^L"
                cancel = siu(held, "S15", "Cancelled", reason, when)
                messages.append((when[0], when[1], "SIU", cancel, None))

    dc_t = dt.time(17, rng.randint(5, 50))
    messages.append(
        (
            scn.discharge_date,
            dc_t,
            "ADT",
            [
                msh("ADT", "A03", "ADT_A03", scn.discharge_date, dc_t),
                f"EVN|A03|{stamp(scn.discharge_date, dc_t)}",
                pid,
                pv1(f"IOP^^^{fac}", discharge=True),
            ],
            None,
        )
    )

    messages.sort(key=lambda m: (m[0], m[1], m[2]))
    for i, m in enumerate(messages):
        m[3][0] = m[3][0].replace(CONTROL_ID, str(first_control_id + i))
    files: list[ChartFile] = []
    file_of: dict[int, str] = {}  # message number -> file name
    ext = rng.choice((".hl7", ".txt"))
    tag = member.last.encode("ascii", "ignore").decode().upper()

    def joined(msgs: list[list[str]]) -> str:
        return "".join(separator.join(m) + separator for m in msgs)

    if packaging == "batch":
        name = f"{tag}_{member.member_id}_feed{ext}"
        now = stamp(k.later(scn.discharge_date, rng, 1, 5), dt.time(23, 30))
        head = [
            f"FHS|^~\\&|{app}|{fac}|{app_fac}|{fac}|{now}",
            f"BHS|^~\\&|{app}|{fac}|{app_fac}|{fac}|{now}",
        ]
        tail = [f"BTS|{len(messages)}", "FTS|1"]
        body = separator.join(head) + separator + joined([m[3] for m in messages])
        body += separator.join(tail) + separator
        files.append(ChartFile(name, body.encode("utf-8")))
        for i in range(len(messages)):
            file_of[i] = name
    elif packaging == "by_type":
        kinds = sorted({m[2] for m in messages})
        for kind in kinds:
            name = f"{tag}_{kind}{ext}"
            files.append(
                ChartFile(name, joined([m[3] for m in messages if m[2] == kind]).encode("utf-8"))
            )
        for i, m in enumerate(messages):
            file_of[i] = f"{tag}_{m[2]}{ext}"
    else:
        days = sorted({m[0] for m in messages})
        for d in days:
            name = f"{tag}_{d:%Y%m%d}{ext}"
            files.append(
                ChartFile(name, joined([m[3] for m in messages if m[0] == d]).encode("utf-8"))
            )
        for i, m in enumerate(messages):
            file_of[i] = f"{tag}_{m[0]:%Y%m%d}{ext}"

    # which files mention each session (its scheduling, document and charge messages)
    where: dict[int, set[str]] = {}
    for i, m in enumerate(messages):
        if m[4] is not None:
            where.setdefault(m[4], set()).add(file_of[i])
    written = [
        Written(
            session=s.index,
            files=tuple(sorted(where[s.index])),
            states_modality=True,
            states_group_size=s.index in census_of,
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
    name="d4-hl7v2-feed",
    split="dev",
    description=(
        "HL7 v2.5.1 interface feed: ADT^A04/A03 for the episode, SIU^S12/S14/S15/S26 "
        "scheduling (SCH-11 timing, AIS/AIG/AIL/AIP), DFT^P03 charges (FT1-4 date range, "
        "FT1-25 procedure) and MDM^T02 notes (TXA + OBX TX lines with escapes)."
    ),
    conventions=(
        "SCH-11 ^^M90^start^end timing quantity",
        "AIS-3 CPT/HCPCS code^name, AIS-4 start, AIS-7/8 duration",
        "AIP-3 XCN with degree, AIL-3 room vs telehealth",
        "SCH-25 Complete / Noshow / Cancelled / local Absent",
        "late arrival in an NTE",
        "holiday slots cancelled by SIU^S15",
        "FT1-4 start^end range, FT1-25 code, modifier 95",
        "MDM^T02 OBX TX lines with \\T\\ and \\F\\ escapes",
        "segments split by CR, LF or CRLF",
        "batch FHS/BHS file, file per type, or per day",
        "timestamps with or without seconds and offset",
    ),
    render=render,
)
