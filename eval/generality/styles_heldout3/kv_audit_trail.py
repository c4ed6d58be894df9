"""An EHR audit trail of key=value event lines, where a session is a pair of events.

When a payer asks for "the record", some programs send the scheduling system's audit
log: one line per event, ``key=value`` pairs, in the order the events were logged. A
session is not one line: an appointment is booked (with its scheduled start and end, the
service, the providers and whether it is in person or by video), the client is checked
in and later checked out (each with the effective time the clinician entered), the group
roster is finalised with the number present, the note is signed, sometimes the next
morning. The reader has to pair check-in and check-out by appointment id, use the
effective times rather than the logging timestamps (which may be UTC, or the next day
for a late entry), and read missed appointments from status changes.

Three line formats (the seed picks one):

- ``logfmt``: ``ts=2025-04-14T18:00:37Z lvl=info evt=appt.checkin appt=AP-558201 ...
  at=2025-04-14T13:00:00-05:00`` (logging time in UTC, effective time local with offset);
- ``bracketed``: ``[2025-04-14 13:00:37.412] INFO ATTENDANCE action=CHECK_IN ...
  effective="2025-04-14 13:00"`` in the server's local time;
- ``syslog``: ``Apr 14 13:00:37 ehr-app01 audit[2231]: event=CHECKIN ...
  eff_date=04/14/2025 eff_time=1:00 PM`` (the syslog stamp has no year).

Admission and discharge are events of their own; a closed day is a calendar event.
Meals are not appointments and do not appear.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from core.facts import Modality
from eval.generality.model import ChartFile, Family, RenderedChart, Scenario, Staff
from eval.generality.styles_heldout3 import _kit as kit
from eval.generality.styles_heldout3._kit import A, K

NAME = "h3-kv-audit-trail"
LAYOUTS = ("logfmt", "bracketed", "syslog")

STATUS_TO = {A.NO_SHOW: "no_show", A.CANCELLED: "cancelled_client", A.ABSENT: "absent_excused"}
SVC_NAME = {
    K.GROUP_PSYCHOTHERAPY: "Group Psychotherapy",
    K.GROUP_EDUCATION: "Group Psychoeducation",
    K.INDIVIDUAL_PSYCHOTHERAPY: "Individual Psychotherapy",
    K.FAMILY_COUNSELING: "Family Psychotherapy",
    K.CASE_MANAGEMENT: "Case Management",
    K.MEDICATION_MANAGEMENT: "Medication Management",
}


@dataclass
class Event:
    logged: dt.datetime  # local wall time of logging
    seq: int
    name: str  # canonical event name, mapped per format
    fields: list[tuple[str, str]]
    effective: dt.datetime | None = None  # local effective time, when the event has one


def _user(st: Staff) -> str:
    return (st.first[0] + st.last).lower().replace("á", "a")


def _q(v: str) -> str:
    return f'"{v}"' if (" " in v or "," in v or "=" in v) else v


EVENT_NAMES = {
    "logfmt": {
        "login": "user.login",
        "admit": "episode.admit",
        "discharge": "episode.discharge",
        "book": "appt.create",
        "checkin": "appt.checkin",
        "checkout": "appt.checkout",
        "status": "appt.status",
        "roster": "group.roster_final",
        "sign": "note.sign",
        "closure": "calendar.closure",
        "view": "chart.view",
    },
    "bracketed": {
        "login": "SESSION LOGIN",
        "admit": "EPISODE ADMIT",
        "discharge": "EPISODE DISCHARGE",
        "book": "SCHEDULING CREATE_APPT",
        "checkin": "ATTENDANCE CHECK_IN",
        "checkout": "ATTENDANCE CHECK_OUT",
        "status": "SCHEDULING STATUS_CHANGE",
        "roster": "GROUP ROSTER_FINAL",
        "sign": "DOCUMENT SIGN",
        "closure": "CALENDAR CLOSURE",
        "view": "CHART VIEW",
    },
    "syslog": {
        "login": "LOGIN",
        "admit": "ADMIT",
        "discharge": "DISCHARGE",
        "book": "APPT_CREATE",
        "checkin": "CHECKIN",
        "checkout": "CHECKOUT",
        "status": "APPT_STATUS",
        "roster": "ROSTER",
        "sign": "NOTE_SIGN",
        "closure": "CLOSURE",
        "view": "VIEW",
    },
}


def _render(scn: Scenario, rng: random.Random, ledger: kit.Ledger) -> RenderedChart:
    layout = LAYOUTS[scn.seed % len(LAYOUTS)]
    std_offset = rng.choice((-5, -6, -7, -8))
    host = rng.choice(("ehr-app01", "ehr-app02", "sched-prod"))
    pid = rng.randint(1200, 9800)
    m = scn.member
    appt_base = rng.randint(410_000, 880_000)
    events: list[Event] = []
    seq = 0

    def add(
        logged: dt.datetime,
        name: str,
        fields: list[tuple[str, str]],
        effective: dt.datetime | None = None,
    ) -> Event:
        nonlocal seq
        seq += 1
        ev = Event(logged, seq, name, fields, effective)
        events.append(ev)
        return ev

    def at(d: dt.date, t: dt.time, seconds: int = 0) -> dt.datetime:
        return dt.datetime.combine(d, t) + dt.timedelta(seconds=seconds)

    front = f"frontdesk{rng.randint(1, 4)}"
    admit_at = at(scn.admission_date, dt.time(8, rng.randint(0, 40)), rng.randint(0, 59))
    add(admit_at - dt.timedelta(minutes=3), "login", [("user", front)])
    add(
        admit_at,
        "admit",
        [
            ("client", m.member_id),
            ("program", "IOP"),
            ("admit_date", kit.d_iso(scn.admission_date)),
            ("user", front),
        ],
    )
    for d in scn.closed_days:
        add(
            at(d - dt.timedelta(days=rng.randint(3, 9)), dt.time(9, 12), rng.randint(0, 59)),
            "closure",
            [
                ("date", kit.d_iso(d)),
                ("scope", "program"),
                ("reason", f"{kit.holiday_name(d)} - program closed"),
            ],
        )

    services = [s for s in scn.sessions if s.kind is not K.MEAL]
    booked_at: dict[int, dt.datetime] = {}
    for k, s in enumerate(services):
        if s.kind in kit.GROUP_KINDS:  # the group series is booked at admission
            booked = admit_at + dt.timedelta(minutes=5, seconds=11 * k)
        else:
            day = max(scn.admission_date, s.date - dt.timedelta(days=rng.randint(1, 6)))
            booked = at(day, dt.time(rng.randint(8, 16), rng.randint(0, 59)), rng.randint(0, 59))
            if booked >= at(s.date, s.start):
                booked = at(s.date, s.start) - dt.timedelta(hours=2, seconds=rng.randint(0, 999))
        booked_at[s.index] = booked
    # appointment numbers follow the order the appointments were created in
    appt_of: dict[int, str] = {
        i: f"{appt_base + 7 * n}"
        for n, i in enumerate(sorted(booked_at, key=lambda i: (booked_at[i], i)))
    }
    for s in services:
        appt = appt_of[s.index]
        booked = booked_at[s.index]
        provs = kit.providers(scn, s)
        fields = [
            ("appt", appt),
            ("client", m.member_id),
            ("svc_code", s.cpt or "NONBILL"),
            ("svc", SVC_NAME[s.kind]),
        ]
        if s.kind in kit.GROUP_KINDS:
            fields.append(("title", s.title))
        fields += [("start", "START"), ("end", "END")]
        if provs:
            fields.append(("provider", kit.staff_name(provs[0])))
        for co in provs[1:]:
            fields.append(("cofacilitator", kit.staff_name(co)))
        fields.append(("mode", "video" if s.modality is Modality.VIDEO else "in_person"))
        fields.append(("user", front))
        add(booked, "book", fields, at(s.date, s.start))

        lead = provs[0] if provs else scn.therapists[0]
        user = _user(lead)
        if s.attended:
            cin = at(s.date, kit.own_start(s), rng.randint(5, 170))
            add(
                cin,
                "checkin",
                [("appt", appt), ("client", m.member_id), ("at", "EFF"), ("user", user)],
                at(s.date, kit.own_start(s)),
            )
            out_logged = at(s.date, kit.own_end(s), rng.randint(20, 600))
            late_entry = rng.random() < 0.15
            if late_entry:
                out_logged = at(
                    s.date + dt.timedelta(days=1),
                    dt.time(8, rng.randint(2, 55)),
                    rng.randint(0, 59),
                )
            out_fields = [
                ("appt", appt),
                ("client", m.member_id),
                ("at", "EFF"),
                ("status", "completed"),
            ]
            if s.member_end is not None:
                out_fields.append(("note", "left early"))
            if late_entry:
                out_fields.append(("late_entry", "true"))
            out_fields.append(("user", user))
            add(out_logged, "checkout", out_fields, at(s.date, kit.own_end(s)))
            if s.kind in kit.GROUP_KINDS and s.group_size:
                add(
                    out_logged + dt.timedelta(seconds=rng.randint(30, 240)),
                    "roster",
                    [("appt", appt), ("present", str(s.group_size)), ("user", user)],
                )
            sign_day = s.date + dt.timedelta(days=1 if rng.random() < 0.3 else 0)
            sign_at = max(
                at(
                    sign_day,
                    dt.time(
                        rng.randint(17, 20) if sign_day == s.date else rng.randint(8, 12),
                        rng.randint(0, 59),
                    ),
                ),
                out_logged + dt.timedelta(minutes=2),
            )
            add(
                sign_at,
                "sign",
                [
                    ("appt", appt),
                    ("doc", f"PN-{appt}"),
                    ("signer", kit.staff_name(lead)),
                    ("user", user),
                ],
            )
        else:
            if s.attendance is A.CANCELLED:  # the client called ahead
                logged = at(s.date, dt.time(7, rng.randint(5, 55)), rng.randint(0, 59))
                if logged >= at(s.date, s.start):
                    logged = at(s.date, s.start) - dt.timedelta(minutes=rng.randint(20, 40))
            else:  # marked once the session has started without the client
                logged = at(s.date, s.start, 60 * rng.randint(10, 25) + rng.randint(0, 59))
            add(
                logged,
                "status",
                [
                    ("appt", appt),
                    ("client", m.member_id),
                    ("from", "scheduled"),
                    ("to", STATUS_TO[s.attendance]),
                    ("reason", s.absence_reason),
                    ("user", front),
                ],
            )
        if rng.random() < 0.15:
            add(
                at(s.date, dt.time(7, rng.randint(30, 59)), rng.randint(0, 59)),
                "view",
                [("client", m.member_id), ("user", user)],
            )

    last_end = max(s.end for s in services if s.date == scn.discharge_date)
    dc_at = at(scn.discharge_date, last_end, 60 * rng.randint(20, 50) + rng.randint(0, 59))
    add(
        dc_at,
        "discharge",
        [
            ("client", m.member_id),
            ("discharge_date", kit.d_iso(scn.discharge_date)),
            ("disposition", "completed"),
            ("user", front),
        ],
    )
    events.sort(key=lambda e: (e.logged, e.seq))

    names = EVENT_NAMES[layout]
    session_of_appt = {appt_of[x.index]: x for x in services}

    def eff(t: dt.datetime, kind: str) -> list[tuple[str, str]]:
        """An effective time as the format writes it."""
        o = kit.us_utc_offset_hours(t.date(), std_offset)
        if layout == "logfmt":
            return [(kind, t.strftime("%Y-%m-%dT%H:%M:00") + f"{o:+03d}:00")]
        if layout == "bracketed":
            return [(kind, t.strftime("%Y-%m-%d %H:%M"))]
        return [(f"{kind}_date", kit.d_us(t.date())), (f"{kind}_time", kit.t_ampm(t.time()))]

    eff_key = {"logfmt": "at", "bracketed": "effective", "syslog": "eff"}[layout]
    lines: list[str] = []
    for e in events:
        off = kit.us_utc_offset_hours(e.logged.date(), std_offset)
        utc = e.logged - dt.timedelta(hours=off)
        out: list[tuple[str, str]] = []
        for key, val in e.fields:
            if val == "EFF":
                assert e.effective is not None
                out += eff(e.effective, eff_key)
            elif val in ("START", "END"):
                sess = session_of_appt[dict(e.fields)["appt"]]
                out += eff(
                    dt.datetime.combine(sess.date, sess.start if val == "START" else sess.end), key
                )
            else:
                out.append((key, val))
        kv = " ".join(f"{key}={_q(val)}" for key, val in out)
        if layout == "logfmt":
            stamp = utc.strftime("%Y-%m-%dT%H:%M:%SZ")
            lines.append(f"ts={stamp} lvl=info evt={names[e.name]} {kv}")
        elif layout == "bracketed":
            ms = (e.seq * 137) % 1000
            stamp = e.logged.strftime("%Y-%m-%d %H:%M:%S") + f".{ms:03d}"
            lines.append(f"[{stamp}] INFO  {names[e.name]} {kv}")
        else:
            stamp = f"{e.logged.strftime('%b')} {e.logged.day:2d} {e.logged.strftime('%H:%M:%S')}"
            lines.append(f"{stamp} {host} audit[{pid}]: event={names[e.name]} {kv}")

    header: list[str] = []
    if layout == "bracketed":
        zone = {
            -5: "America/New_York",
            -6: "America/Chicago",
            -7: "America/Denver",
            -8: "America/Los_Angeles",
        }[std_offset]
        header = [f"# audit export - client {m.member_id} - server time zone {zone}"]
    fname = f"audit_{m.member_id}.log"
    text = "\n".join(header + lines) + "\n"

    files_by: dict[int, list[str]] = {}
    for s in services:
        files_by[s.index] = [fname]
        d = s.date
        if layout == "logfmt":
            o = kit.us_utc_offset_hours(d, std_offset)
            needles = [
                f"{d.isoformat()}T{kit.t_24(s.start)}:00{o:+03d}:00",
                f"{d.isoformat()}T{kit.t_24(s.end)}:00{o:+03d}:00",
            ]
            if s.attended:
                needles += [
                    f"at={d.isoformat()}T{kit.t_24(kit.own_start(s))}:00{o:+03d}:00",
                    f"at={d.isoformat()}T{kit.t_24(kit.own_end(s))}:00{o:+03d}:00",
                ]
        elif layout == "bracketed":
            needles = [f'start="{d.isoformat()} {kit.t_24(s.start)}"']
            if s.attended:
                needles += [f'effective="{d.isoformat()} {kit.t_24(kit.own_end(s))}"']
        else:
            needles = [f'start_date={kit.d_us(d)} start_time="{kit.t_ampm(s.start)}"']
            if s.attended:
                needles += [f'eff_date={kit.d_us(d)} eff_time="{kit.t_ampm(kit.own_start(s))}"']
        ledger.note(s.index, fname, f"appt={appt_of[s.index]}", *needles)

    written = kit.build_written(
        files_by,
        lambda i: dict(
            states_member_times=True,
            states_modality=True,
            states_group_size=True,
            states_facilitators=True,
        ),
    )
    return RenderedChart(
        files=(ChartFile(fname, text.encode("utf-8")),),
        written=written,
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


def render_checked(scn: Scenario, rng: random.Random) -> tuple[RenderedChart, kit.Ledger]:
    ledger = kit.Ledger()
    return _render(scn, rng, ledger), ledger


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    return render_checked(scn, rng)[0]


FAMILY = Family(
    name=NAME,
    split="heldout",
    description=(
        "A scheduling system's audit trail: key=value event lines in logging order, where "
        "a session is an appointment booking plus check-in and check-out events paired by "
        "appointment id, with effective times distinct from logging timestamps."
    ),
    conventions=(
        "key=value (logfmt) lines; bracketed local timestamps; syslog stamps without year",
        "check-in / check-out paired by appointment id",
        "effective time vs logging time (UTC Z, or the next morning for late entries)",
        "ISO 8601 times with UTC offsets (DST-aware)",
        "missed appointments as status changes (to=no_show)",
        "group size from a roster event, facilitators on the booking",
        "admission, discharge and closures as events",
    ),
    render=render,
    tags=("log", "events"),
)
