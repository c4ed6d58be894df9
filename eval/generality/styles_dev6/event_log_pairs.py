"""Scheduling / front-desk audit logs where a session is several events tied by an id.

A session is an appointment-booked event (date, scheduled times in clinic time, service,
provider, modality) plus a check-in and a check-out event carrying the client's own clinic
times, all sharing one appointment id. Missed sessions get a status-change event instead
(no-show, cancelled, absent), closed days a site-closure event. Every line starts with the
*logging* timestamp, which is not the clinical time: server time in UTC (an evening group
logs after midnight UTC), bookings logged the Friday before, check-outs now and then entered
the next morning as late entries. Three log formats:

- ``logfmt``: ``ts=... evt=appt.checkin appt=AP-50213 local_time=09:20`` key=value lines,
  sorted by logging time;
- ``bracketed``: ``[2025-09-02 14:00:41 UTC] [FRONTDESK] APPT#50213 ARRIVED 09:00 CDT``;
- ``syslog``: ``Sep  2 14:00:41 ehr-app02 sched[2231]: ...`` (no year in the stamp), the
  scheduling host's stream followed by the front desk's, each in its own order.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from core.facts import Attendance, ServiceKind
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

LAYOUTS = ("logfmt", "bracketed", "syslog")

SVC_CODES = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "GRP-PSY",
    ServiceKind.GROUP_EDUCATION: "GRP-EDU",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "IND-PSY",
    ServiceKind.FAMILY_COUNSELING: "FAM-THX",
    ServiceKind.CASE_MANAGEMENT: "CM",
    ServiceKind.MEDICATION_MANAGEMENT: "MED-MGT",
}
STATUS = {
    Attendance.NO_SHOW: ("no_show", "NO SHOW"),
    Attendance.CANCELLED: ("cancelled", "CANCELLED"),
    Attendance.ABSENT: ("absent", "ABSENT"),
}


@dataclass(frozen=True)
class _Event:
    at: dt.datetime  # logging time, naive UTC
    seq: int
    stream: str  # "sched" or "desk"
    kind: str  # "book", "in", "out", "status", "closure", "admit", "discharge", "remind"
    session: PlannedSession | None = None
    local: dt.time | None = None  # clinic time carried by the event
    late_for: dt.date | None = None  # a late entry: the service date it is for
    day: dt.date | None = None  # closure / episode date


class _Log:
    def __init__(self, scn: Scenario, rng: random.Random) -> None:
        self.scn = scn
        self.rng = rng
        self.zone = rng.choice(k.US_ZONES)
        self.events: list[_Event] = []
        self.ids: dict[int, int] = {}
        self.users = {
            "desk": rng.choice(("frontdesk1", "fd.mgarza", "reception2")),
            "sched": rng.choice(("sched.kmorris", "scheduler", "intake.jlee")),
        }

    def add(
        self,
        local_day: dt.date,
        local_t: dt.time,
        stream: str,
        kind: str,
        *,
        seconds: int = 0,
        session: PlannedSession | None = None,
        local: dt.time | None = None,
        late_for: dt.date | None = None,
        day: dt.date | None = None,
    ) -> None:
        at = k.to_utc(local_day, local_t, self.zone, seconds)
        self.events.append(
            _Event(at, len(self.events), stream, kind, session, local, late_for, day)
        )

    def build(self) -> None:
        scn, rng = self.scn, self.rng
        next_id = rng.randint(40_000, 89_000)
        for s in scn.sessions:
            if s.kind is ServiceKind.MEAL:
                continue
            next_id += rng.randint(1, 9)
            self.ids[s.index] = next_id
            # booked in the Friday batch before the week, individual visits a few days ahead
            if s.kind in k.GROUP_KINDS:
                day = k.monday(s.date) - dt.timedelta(days=3)
                t = dt.time(15, 5 + s.date.weekday() * 3 + (s.start.hour % 3))
            else:
                day = s.date - dt.timedelta(days=rng.randint(2, 6))
                t = dt.time(rng.randint(9, 16), rng.randint(0, 59))
            self.add(day, t, "sched", "book", seconds=rng.randint(0, 59), session=s)
            if rng.random() < 0.3:
                self.add(
                    s.date - dt.timedelta(days=1),
                    dt.time(10, 0),
                    "sched",
                    "remind",
                    seconds=rng.randint(0, 900),
                    session=s,
                )
            if s.attended:
                self.add(
                    s.date,
                    k.member_in(s),
                    "desk",
                    "in",
                    seconds=rng.randint(0, 50),
                    session=s,
                    local=k.member_in(s),
                )
                out = k.member_out(s)
                if rng.random() < 0.12:
                    nxt = s.date + dt.timedelta(days=1)
                    self.add(
                        nxt,
                        dt.time(rng.randint(7, 9), rng.randint(0, 59)),
                        "desk",
                        "out",
                        session=s,
                        local=out,
                        late_for=s.date,
                    )
                else:
                    self.add(
                        s.date,
                        out,
                        "desk",
                        "out",
                        seconds=rng.randint(20, 400),
                        session=s,
                        local=out,
                    )
            elif s.attendance is Attendance.CANCELLED:
                when = dt.datetime.combine(s.date, s.start) - dt.timedelta(
                    minutes=rng.choice((50, 95, 180, 900))
                )
                self.add(when.date(), when.time(), "sched", "status", session=s)
            else:
                when = dt.datetime.combine(s.date, s.start) + dt.timedelta(
                    minutes=rng.choice((15, 25, 40))
                )
                self.add(when.date(), when.time(), "sched", "status", session=s)
        for d in scn.closed_days:
            self.add(
                d - dt.timedelta(days=rng.randint(7, 12)),
                dt.time(11, 12),
                "sched",
                "closure",
                day=d,
            )


def _who(st: tuple[Staff, ...]) -> str:
    return "; ".join(k.staff(w) for w in st)


# --------------------------------------------------------------------------- formats


def _logfmt(log: _Log, census: bool) -> str:
    scn = log.scn
    z = log.zone
    out = [
        f"# scheduling-audit export v3.2  site={scn.program.split()[0].upper()}-IOP  "
        f"tz={z[0]}  mrn={scn.member.member_id}  (timestamps UTC; local_time = clinic time)"
    ]
    for e in sorted(log.events, key=lambda e: (e.at, e.seq)):
        ts = f"ts={e.at.isoformat(timespec='seconds')}Z"
        s = e.session
        if e.kind == "admit":
            out.append(
                f"{ts} evt=episode.admit mrn={scn.member.member_id} "
                f"admit_date={e.day} loc=IOP user=intake.jlee"
            )
        elif e.kind == "discharge":
            out.append(
                f"{ts} evt=episode.discharge mrn={scn.member.member_id} "
                f'discharge_date={e.day} disposition="step down to OP" user=intake.jlee'
            )
        elif e.kind == "closure":
            out.append(
                f"{ts} evt=site.closure date={e.day} "
                f'note="{k.holiday(e.day or scn.admission_date)} - program closed" '
                f"user={log.users['sched']}"
            )
        elif s is None:
            continue
        elif e.kind == "book":
            mode = "TELEHEALTH" if s.modality.value == "video" else "IN_PERSON"
            staff = " ".join(
                f'{"provider" if i == 0 else "cofac"}="{k.staff(w)}"'
                for i, w in enumerate(k.clinicians(scn, s))
            )
            cpt = f" cpt={s.cpt}" if s.cpt else ""
            out.append(
                f"{ts} evt=appt.create appt=AP-{log.ids[s.index]} mrn={scn.member.member_id} "
                f"svc_date={s.date} start={k.tm(s.start, '24')} end={k.tm(s.end, '24')} "
                f'tz={k.zone_abbr(s.date, z)} svc="{s.title}"{cpt} '
                f"type={'GROUP' if s.kind in k.GROUP_KINDS else 'INDIVIDUAL'} mode={mode} "
                f"{staff} user={log.users['sched']}"
            )
        elif e.kind == "remind":
            out.append(
                f"{ts} evt=appt.reminder appt=AP-{log.ids[s.index]} channel=sms result=delivered"
            )
        elif e.kind == "in":
            out.append(
                f"{ts} evt=appt.checkin appt=AP-{log.ids[s.index]} "
                f"local_time={k.tm(e.local or s.start, '24')} status=arrived "
                f"user={log.users['desk']}"
            )
        elif e.kind == "out":
            late = f" late_entry=true entered_for={e.late_for}" if e.late_for else ""
            cen = (
                f" census={s.group_size}"
                if census and s.kind in k.GROUP_KINDS and s.group_size is not None
                else ""
            )
            out.append(
                f"{ts} evt=appt.checkout appt=AP-{log.ids[s.index]} "
                f"local_time={k.tm(e.local or s.end, '24')} status=completed{cen}{late} "
                f"user={log.users['desk']}"
            )
        elif e.kind == "status":
            to = STATUS[s.attendance][0]
            by = " by=client" if s.attendance is Attendance.CANCELLED else ""
            out.append(
                f"{ts} evt=appt.status appt=AP-{log.ids[s.index]} from=scheduled "
                f'to={to}{by} reason="{k.reason(s)}" user={log.users["sched"]}'
            )
    return "\n".join(out) + "\n"


def _bracketed(log: _Log, census: bool) -> str:
    scn = log.scn
    z = log.zone
    m = scn.member
    out: list[str] = []
    for e in sorted(log.events, key=lambda e: (e.at, e.seq)):
        head = f"[{e.at:%Y-%m-%d %H:%M:%S} UTC]"
        s = e.session
        if e.kind in ("admit", "discharge"):
            what = "ADMITTED to IOP" if e.kind == "admit" else "DISCHARGED from IOP"
            out.append(
                f"{head} [ADT      ] PT {m.member_id} {what} effective "
                f"{k.df(e.day or scn.admission_date, 'us')}"
            )
        elif e.kind == "closure":
            d = e.day or scn.admission_date
            out.append(
                f"{head} [SCHED    ] CALENDAR {k.df(d, 'us')} marked CLOSED "
                f"({k.holiday(d)}); no IOP groups"
            )
        elif s is None:
            continue
        elif e.kind == "book":
            cpt = f" ({s.cpt})" if s.cpt else ""
            mode = "telehealth/video" if s.modality.value == "video" else "in person"
            out.append(
                f"{head} [SCHED    ] APPT#{log.ids[s.index]} CREATED for "
                f"{m.last.upper()}, {m.first.upper()}: {k.df(s.date, 'us')} "
                f'{k.span(s.start, s.end, "24")} {k.zone_abbr(s.date, z)} "{s.title}"{cpt} '
                f"w/ {_who(k.clinicians(scn, s))} [{mode}]"
            )
        elif e.kind == "remind":
            out.append(f"{head} [NOTIFY   ] APPT#{log.ids[s.index]} reminder call - confirmed")
        elif e.kind == "in":
            out.append(
                f"{head} [FRONTDESK] APPT#{log.ids[s.index]} ARRIVED "
                f"{k.tm(e.local or s.start, '24')} {k.zone_abbr(s.date, z)}"
            )
        elif e.kind == "out":
            extra = ""
            if census and s.kind in k.GROUP_KINDS and s.group_size is not None:
                extra = f"; attendees {s.group_size}"
            late = ""
            if e.late_for:
                late = f" (LATE ENTRY for {k.df(e.late_for, 'us')})"
            out.append(
                f"{head} [CLINICAL ] APPT#{log.ids[s.index]} COMPLETED - departed "
                f"{k.tm(e.local or s.end, '24')} {k.zone_abbr(s.date, z)}{extra}{late}"
            )
        elif e.kind == "status":
            to = STATUS[s.attendance][1]
            out.append(
                f"{head} [SCHED    ] APPT#{log.ids[s.index]} STATUS Scheduled -> {to} "
                f'("{k.reason(s)}")'
            )
    return "\n".join(out) + "\n"


def _syslog(log: _Log) -> str:
    scn = log.scn
    m = scn.member
    hosts = {"sched": ("ehr-app02", "sched", 2231), "desk": ("ehr-fd01", "frontdesk", 877)}
    out: list[str] = [
        f"### log extract for patient {m.member_id}: hosts ehr-app02 (scheduling), ehr-fd01 "
        "(front desk); server clock ###"
    ]
    for stream in ("sched", "desk"):
        host, proc, pid = hosts[stream]
        for e in sorted((e for e in log.events if e.stream == stream), key=lambda e: (e.at, e.seq)):
            head = f"{e.at:%b} {e.at.day:>2} {e.at:%H:%M:%S} {host} {proc}[{pid}]:"
            s = e.session
            if e.kind in ("admit", "discharge"):
                code = "ADT_A01" if e.kind == "admit" else "ADT_A03"
                out.append(
                    f"{head} {code} pt={m.member_id} eff={k.df(e.day or scn.admission_date, 'us')}"
                    f" unit=IOP"
                )
            elif e.kind == "closure":
                out.append(
                    f"{head} CAL_CLOSE date={k.df(e.day or scn.admission_date, 'us')} "
                    f'reason="{k.holiday(e.day or scn.admission_date)}"'
                )
            elif s is None:
                continue
            elif e.kind == "book":
                mode = "TELE-VIDEO" if s.modality.value == "video" else "OFFICE"
                provs = " ".join(
                    f'prov{i + 1}="{k.staff(w, "last")}"'
                    for i, w in enumerate(k.clinicians(scn, s))
                )
                out.append(
                    f"{head} APPT_BOOK id={log.ids[s.index]} pt={m.member_id} "
                    f"dos={k.df(s.date, 'us')} sched={k.span(s.start, s.end, '4')} "
                    f'svc={SVC_CODES[s.kind]} desc="{s.title}" cpt={s.cpt or "-"} '
                    f"visit={mode} {provs}"
                )
            elif e.kind == "remind":
                out.append(f"{head} APPT_REMIND id={log.ids[s.index]} sms=ok")
            elif e.kind == "in":
                out.append(
                    f"{head} APPT_ARRIVE id={log.ids[s.index]} "
                    f"clinic_local={k.tm(e.local or s.start, '4')}"
                )
            elif e.kind == "out":
                late = f" backdated=1 dos={k.df(e.late_for, 'us')}" if e.late_for else ""
                out.append(
                    f"{head} APPT_DEPART id={log.ids[s.index]} "
                    f"clinic_local={k.tm(e.local or s.end, '4')}{late}"
                )
            elif e.kind == "status":
                to = STATUS[s.attendance][1].replace(" ", "_")
                out.append(
                    f'{head} APPT_STATUS id={log.ids[s.index]} new={to} note="{k.reason(s)}"'
                )
    return "\n".join(out) + "\n"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.pick_layout(scn, LAYOUTS)
    log = _Log(scn, rng)
    log.build()
    admission_stated = rng.random() < 0.7
    census = layout != "syslog" and rng.random() < 0.75
    first = next((s for s in scn.sessions if s.date == scn.admission_date), scn.sessions[0])
    if admission_stated:
        log.add(
            scn.admission_date,
            k.minutes_after(first.start, -35),
            "sched",
            "admit",
            seconds=rng.randint(0, 59),
            day=scn.admission_date,
        )
    last = scn.sessions[-1]
    log.add(
        scn.discharge_date,
        k.minutes_after(max(last.end, dt.time(12, 0)), 50),
        "sched",
        "discharge",
        seconds=rng.randint(0, 59),
        day=scn.discharge_date,
    )
    if layout == "logfmt":
        name, text = "appointment_audit.log", _logfmt(log, census)
    elif layout == "bracketed":
        name, text = "audit_trail.txt", _bracketed(log, census)
    else:
        name, text = "ehr_syslog_extract.log", _syslog(log)
    written: list[Written] = [
        k.written(s, [name], modality=True, group_size=census, facilitators=True)
        for s in scn.sessions
        if s.kind is not ServiceKind.MEAL
    ]
    return RenderedChart(
        files=(ChartFile(name, text.encode("utf-8")),),
        written=tuple(written),
        admission_stated=admission_stated,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d6-event-log-pairs",
    split="dev",
    description=(
        "Scheduling and front-desk audit logs: a session is a booking event plus check-in "
        "and check-out events paired by appointment id, with UTC logging stamps unlike the "
        "clinic times, bookings days ahead, next-day late entries and status changes for "
        "missed sessions; key=value, bracketed and syslog formats."
    ),
    conventions=(
        "booking + check-in + check-out paired by id",
        "UTC logging time vs clinic local time",
        "evening events stamped the next UTC day",
        "late entries logged the next morning",
        "status-change events for no-shows and cancellations",
        "syslog stamps without a year",
        "two streams concatenated, not merged",
    ),
    render=render,
    tags=("log", "events"),
)
