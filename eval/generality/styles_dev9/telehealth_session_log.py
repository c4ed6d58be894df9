"""A virtual IOP's telehealth platform session report, exported for the record.

The program runs its groups and individual sessions in the platform's virtual rooms. The
report lists every meeting the client was invited to, one block each: the room (the
service name and its code), the scheduled local time with the program's time zone
abbreviation ("Mon 03/03/2025 09:00-10:30 CST"), the host and co-host, and a participant
table whose join, admit and leave timestamps are UTC with seconds (an evening session
admitted at 19:10 CST is logged the next day, 01:10 UTC). Everybody in the room is listed:
the hosts, the client, and the other clients under their display names; a client who
dropped and reconnected has two rows. The client's own row shows a late admission or an
early leave; a missed meeting lists the client under "Invited, did not join" with the
host's attendance mark. The header states the enrolment date and the time zone rule, not
the discharge date.
"""

from __future__ import annotations

import datetime as dt
import random

from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

PLATFORMS = ("CareBridge Virtual Visits", "TheraRoom Pro", "Vista Telehealth Connect")
DEVICES = ("Web/Chrome", "iOS app", "Android app", "Web/Safari", "Windows app", "Phone dial-in")
HOST_MARK = {
    "Absent": "ABSENT",
    "No-show": "NO SHOW",
    "Cancelled": "CANCELLED (client)",
}


def _utc(zone: tuple[str, str, int], d: dt.date, t: dt.time, sec: int) -> str:
    return k.to_utc(zone, d, t, sec).strftime("%Y-%m-%d %H:%M:%S")


def _dur(a: dt.datetime, b: dt.datetime) -> str:
    secs = int((b - a).total_seconds())
    return f"{secs // 3600:02d}:{secs % 3600 // 60:02d}:{secs % 60:02d}"


def _row(name: str, role: str, device: str, joined: str, admitted: str, left: str, dur: str) -> str:
    return f"  {name[:28]:<28} {role:<8} {device:<14} {joined:<20} {admitted:<20} {left:<20} {dur}"


def _meeting(
    scn: Scenario,
    s: PlannedSession,
    rng: random.Random,
    zone: tuple[str, str, int],
    meeting_no: int,
    others: list[tuple[str, str]],
) -> list[str]:
    code = k.code(s)
    tz = k.zone_abbrev(zone, s.date)
    hosts = k.clinicians(scn, s) or (scn.therapists[0],)
    out = [
        "-" * 132,
        f"Meeting ID {meeting_no}   Room: {k.service(s)}" + (f"  [{code}]" if code else ""),
        f"Scheduled (local): {k.date(s.date, 'wmd')}/{s.date.year} "
        f"{k.clock_range(s.start, s.end, '24')} {tz} (UTC{k.utc_offset(zone, s.date):+03d}:00)",
        "Host: "
        + k.staff_name(hosts[0])
        + ("" if len(hosts) < 2 else "   Co-host: " + k.staff_name(hosts[1])),
    ]
    opened = k.to_utc(zone, s.date, k.plus(s.start, -rng.randint(4, 12)), rng.randint(0, 59))
    closed = k.to_utc(zone, s.date, k.plus(s.end, rng.randint(1, 6)), rng.randint(0, 59))
    out.append(
        f"Room opened {opened:%Y-%m-%d %H:%M:%S} UTC   closed {closed:%Y-%m-%d %H:%M:%S} UTC"
    )
    out.append("Participants (timestamps UTC):")
    out.append(_row("Display name", "Role", "Device", "Joined", "Admitted", "Left", "In room"))
    for h in hosts:
        out.append(
            _row(
                k.staff_name(h, "bare"),
                "Host" if h is hosts[0] else "Co-host",
                "Web/Chrome",
                f"{opened:%Y-%m-%d %H:%M:%S}",
                "--",
                f"{closed:%Y-%m-%d %H:%M:%S}",
                _dur(opened, closed),
            )
        )
    m = scn.member
    rows: list[tuple[dt.datetime, str]] = []
    if s.attended:
        a_sec = rng.randint(0, 40)
        l_sec = rng.randint(a_sec, 59)
        t_in, t_out = k.member_in(s), k.member_out(s)
        admitted = k.to_utc(zone, s.date, t_in, a_sec)
        left = k.to_utc(zone, s.date, t_out, l_sec)
        joined = max(
            admitted - dt.timedelta(seconds=rng.randint(40, 400)),
            opened + dt.timedelta(seconds=rng.randint(5, 30)),
        )
        device = rng.choice(DEVICES)
        name = f"{m.first} {m.last}"
        if rng.random() < 0.2 and k.minutes_between(t_in, t_out) > 30:
            drop_at = k.to_utc(zone, s.date, k.plus(t_in, rng.randint(10, 25)), rng.randint(0, 20))
            back = drop_at + dt.timedelta(seconds=rng.randint(20, 39))
            rows.append(
                (
                    joined,
                    _row(
                        name,
                        "Client",
                        device,
                        f"{joined:%Y-%m-%d %H:%M:%S}",
                        f"{admitted:%Y-%m-%d %H:%M:%S}",
                        f"{drop_at:%Y-%m-%d %H:%M:%S}",
                        _dur(admitted, drop_at),
                    ),
                )
            )
            rows.append(
                (
                    back,
                    _row(
                        name + " (reconnected)",
                        "Client",
                        device,
                        f"{back:%Y-%m-%d %H:%M:%S}",
                        f"{back:%Y-%m-%d %H:%M:%S}",
                        f"{left:%Y-%m-%d %H:%M:%S}",
                        _dur(back, left),
                    ),
                )
            )
        else:
            rows.append(
                (
                    joined,
                    _row(
                        name,
                        "Client",
                        device,
                        f"{joined:%Y-%m-%d %H:%M:%S}",
                        f"{admitted:%Y-%m-%d %H:%M:%S}",
                        f"{left:%Y-%m-%d %H:%M:%S}",
                        _dur(admitted, left),
                    ),
                )
            )
    n_others = (s.group_size - 1) if (s.is_group and s.group_size) else 0
    if s.is_group and not s.attended:
        n_others = rng.randint(3, 8)
    for first, last in rng.sample(others, min(n_others, len(others))):
        late = rng.random() < 0.15
        t_in = k.plus(s.start, rng.choice((5, 12, 25))) if late else s.start
        t_out = k.plus(s.end, -rng.choice((10, 20))) if rng.random() < 0.1 else s.end
        a = k.to_utc(zone, s.date, t_in, rng.randint(0, 40))
        lft = k.to_utc(zone, s.date, t_out, rng.randint(41, 59))
        j = max(
            a - dt.timedelta(seconds=rng.randint(30, 500)),
            opened + dt.timedelta(seconds=rng.randint(5, 30)),
        )
        rows.append(
            (
                j,
                _row(
                    f"{first} {last[0]}.",
                    "Client",
                    rng.choice(DEVICES),
                    f"{j:%Y-%m-%d %H:%M:%S}",
                    f"{a:%Y-%m-%d %H:%M:%S}",
                    f"{lft:%Y-%m-%d %H:%M:%S}",
                    _dur(a, lft),
                ),
            )
        )
    out += [r for _, r in sorted(rows)]
    if s.is_group and s.attended:
        out.append(f"Client participants admitted: {s.group_size}")
    if not s.attended:
        word = k.attend(s.attendance)
        out.append(f"Invited, did not join: {m.first} {m.last}")
        out.append(
            f"Host attendance mark for {m.first} {m.last}: {HOST_MARK[word]} - {k.reason(s)}"
        )
    else:
        mark = "PRESENT"
        if s.member_start is not None:
            mark += f" - late, admitted {k.clock(s.member_start, '24')} {tz}"
        if s.member_end is not None:
            mark += f" - left early {k.clock(s.member_end, '24')} {tz}"
        out.append(f"Host attendance mark for {m.first} {m.last}: {mark}")
    out.append("")
    return out


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    zone = rng.choice(k.ZONES)
    platform = rng.choice(PLATFORMS)
    others = k.peers(scn)
    m = scn.member
    services = k.services(scn)
    name = f"telehealth_sessions_{m.member_id}.txt"
    generated = scn.discharge_date + dt.timedelta(days=rng.randint(3, 20))
    out = [
        f"{platform} - Session Participation Report",
        f"Organization: {scn.program}",
        f"Generated {generated.isoformat()}T{rng.randint(13, 22):02d}:{rng.randint(0, 59):02d}:"
        f"{rng.randint(0, 59):02d}Z by records@{scn.program.split()[0].lower()}.org",
        f"Participant filter: {m.last}, {m.first}  (MRN {m.member_id}, "
        f"DOB {k.date(m.date_of_birth, 'us')})",
        f"Enrolled: Virtual IOP track, {k.date(scn.admission_date, 'us')}",
        f"All timestamps in participant tables are UTC. Program local time zone: {zone[0]} "
        f"({zone[1]}ST UTC{zone[2]:+03d}:00 / {zone[1]}DT UTC{zone[2] + 1:+03d}:00).",
        f"Meetings listed: {len(services)}",
        "",
    ]
    written: list[Written] = []
    meeting_no = rng.randint(81_000_000, 89_000_000) * 10
    for s in services:
        meeting_no += rng.randint(3, 40)
        out += _meeting(scn, s, rng, zone, meeting_no, others)
        written.append(k.written(s, [name], group_size=True, facilitators=True))
    out += ["-" * 132, f"End of report. {len(services)} meetings.", ""]
    return RenderedChart(
        files=(ChartFile(name, "\n".join(out).encode("utf-8")),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=False,
        latest_document_date=max(s.date for s in services),
    )


FAMILY = Family(
    name="d9-telehealth-session-log",
    split="dev",
    description=(
        "A virtual IOP's telehealth platform report: one block per meeting with the room "
        "(service and code), the scheduled local time and zone, hosts, and a participant "
        "table of join/admit/leave timestamps in UTC with seconds for everyone in the room."
    ),
    conventions=(
        "participant timestamps in UTC, local zone stated once",
        "evening sessions logged on the next UTC date",
        "daylight-saving offsets (CST/CDT)",
        "other clients' rows in the same table",
        "reconnections as two rows",
        "missed meetings as invited, did not join",
        "no discharge date stated",
    ),
    render=render,
    tags=("telehealth", "timestamps"),
)
