"""The program coordinator's weekly attendance e-mails to the payer's care manager, saved
from the mail client as one mbox file.

Messages follow one another, each opened by an mbox "From " line and its RFC 5322 headers
(From, To, Date with the zone offset, Subject, Message-ID, In-Reply-To). The first message
notices the admission and the authorized frequency and posted hours (a plan, not
attendance). Then, the day after each program week ends, a summary of that week: a line per
day ("Tue 3/4") with each service under it, its time typed loosely ("9 to 10:30 am",
"10:45 am to 12:15 pm") and what happened ("attended", "attended, left at 11:50",
"attended, arrived late", "did not attend", "cx by pt", "no call/no show"), days the
program closed, and the week's total. The care manager answers some summaries, quoting the
whole message with "> " and asking when a late client arrived; the coordinator's answer
("Thu 3/6: she signed in at 9:20 AM for the 9 o'clock group") is a later message naming the earlier
date. The last summary carries the discharge.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_dev9._kit import daylight

from . import _kit as k

KIND = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "group therapy",
    ServiceKind.GROUP_EDUCATION: "psychoeducation",
}
OTHER = {
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "individual session",
    ServiceKind.FAMILY_COUNSELING: "family session",
    ServiceKind.CASE_MANAGEMENT: "case management",
    ServiceKind.MEDICATION_MANAGEMENT: "med check",
}
MISSED = {
    Attendance.ABSENT: "did not attend",
    Attendance.NO_SHOW: "no call/no show",
    Attendance.CANCELLED: "cx by pt",
}
CM_NAMES = ("Renata Voss", "Gideon Farrow", "Lourdes Pinedo", "Colette Marsh")
PAYERS = ("bluevalleyhealth.com", "meridiancare.org", "summitmhplan.com")


def _stamp(when: dt.datetime) -> tuple[str, str]:
    """(mbox From-line stamp, RFC 5322 Date) in the program's zone (US Central)."""
    off = -5 if daylight(when.date()) else -6
    sign = "-" if off < 0 else "+"
    return (
        f"{when:%a %b} {when.day:2d} {when:%H:%M:%S %Y}",
        f"{when:%a, %d %b %Y %H:%M:%S} {sign}{abs(off):02d}00",
    )


def _service(scn: Scenario, s: PlannedSession) -> str:
    when = k.loose_range(s.start, s.end)
    if s.kind in k.GROUP_KINDS:
        what = f"{s.title} ({KIND[s.kind]})"
    else:
        who = (k.clinicians(scn, s) or (scn.therapists[0],))[0]
        what = f"{OTHER[s.kind]} w/ {who.first}"
    if s.attended:
        status = "attended"
        if s.member_start is not None:
            status += ", arrived late"
        if s.member_end is not None:
            status += f", left at {k.clock(s.member_end, 'short')}"
        if k.is_video(s):
            status += " (video)"
        if s.kind in (ServiceKind.CASE_MANAGEMENT, ServiceKind.MEDICATION_MANAGEMENT):
            status += " - not an IOP hour"
    elif s.absence_reason == "left the program early":
        status = "did not attend (had left for the day)"
    else:
        status = f"{MISSED[s.attendance]} ({k.reason(s)})"
    return f"{what} {when} - {status}"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    m = scn.member
    services = k.services(scn)
    coord = next((t for t in scn.therapists[::-1] if t.last != m.last), scn.therapists[2])
    cm = rng.choice(CM_NAMES)
    domain = scn.program.lower().split()[0] + "bh.org"
    me = f"{coord.first.lower()}.{coord.last.lower()}@{domain}"
    them = f"{cm.split()[0][0].lower()}{cm.split()[1].lower()}@{rng.choice(PAYERS)}"
    auth = f"{rng.randint(100000, 999999)}"
    messages: list[tuple[dt.datetime, str, str, list[str], str, str | None]] = []
    # (when, from, to, body lines, subject, in-reply-to); Message-IDs from the send time
    groups = [s for s in services if s.kind in k.GROUP_KINDS]
    wds = "/".join(k.WEEKDAYS[w][:3] for w in sorted({s.date.weekday() for s in groups}))
    posted = (
        k.loose_range(min(s.start for s in groups), max(s.end for s in groups)) if groups else ""
    )
    admit_at = dt.datetime.combine(scn.admission_date, dt.time(16, rng.randint(0, 59), 12))
    messages.append(
        (
            admit_at,
            me,
            them,
            [
                f"Hi {cm.split()[0]},",
                "",
                f"{m.first} {m.last} (member ID {m.member_id}, "
                f"DOB {k.date(m.date_of_birth, 'us')}) was admitted to our IOP today, "
                f"{k.md_ordinal(scn.admission_date, year=True)}.",
                f"Authorization #{auth}: {wds.count('/') + 1} days/wk x 3 hrs/day, "
                "reviewed weekly.",
                f"Program days are {wds}, groups {posted}, plus a weekly individual session.",
                "I'll send attendance every week.",
                "",
                f"{coord.first}",
            ],
            f"IOP admission - {m.first} {m.last[0]}.",
            None,
        )
    )
    week = 1
    start = scn.admission_date
    while start <= scn.discharge_date:
        end = start + dt.timedelta(days=6)
        items = [s for s in services if start <= s.date <= end]
        closed = [d for d in scn.closed_days if start <= d <= end]
        last = end >= scn.discharge_date
        lines = [
            f"Hi {cm.split()[0]},",
            "",
            f"Attendance for {m.first} {m.last} ({m.member_id}), program week {week}, "
            f"{k.WEEKDAYS[start.weekday()]} {k.md_ordinal(start)} through "
            f"{k.WEEKDAYS[end.weekday()]} {k.md_ordinal(end)}:",
            "",
        ]
        days = k.by_day(items)
        for d in sorted(set(days) | set(closed)):
            if d in closed:
                lines.append(f"{k.wmd(d)} - program closed (holiday)")
                continue
            lines.append(k.wmd(d))
            lines += [f"  {_service(scn, s)}" for s in days[d]]
        counted = sum(
            s.minutes
            for s in items
            if s.attended
            and s.kind not in (ServiceKind.CASE_MANAGEMENT, ServiceKind.MEDICATION_MANAGEMENT)
        )
        lines += ["", f"IOP hours this week: {counted / 60:.2f}"]
        if last:
            lines += [
                "",
                f"{m.first} was discharged on {k.WEEKDAYS[scn.discharge_date.weekday()]}, "
                f"{k.md_ordinal(scn.discharge_date, year=True)}, having completed the program. "
                "Step-down to weekly outpatient therapy.",
            ]
        lines += [
            "",
            "Thanks,",
            f"{coord.first} {coord.last}, {coord.credential}",
            "IOP Coordinator, " + scn.program,
        ]
        sent = dt.datetime.combine(
            end + dt.timedelta(days=1), dt.time(8, rng.randint(0, 59), rng.randint(0, 59))
        )
        subject = f"IOP attendance - {m.first} {m.last[0]}. - week {week}"
        msg_id = f"<{sent:%Y%m%d%H%M%S}@{domain}>"
        messages.append((sent, me, them, lines, subject, None))
        late = [s for s in items if s.attended and s.member_start is not None]
        if late or rng.random() < 0.3:
            reply_at = sent + dt.timedelta(hours=rng.randint(3, 30))
            ask = (
                [f"Thanks. What time did {m.first} get in on {k.wmd(late[0].date)}?", ""]
                if late
                else ["Received, thank you.", ""]
            )
            quoted = [
                f"On {sent:%a, %b %d, %Y at %I:%M %p}, {coord.first} {coord.last} <{me}> wrote:"
            ]
            quoted += [f"> {line}".rstrip() for line in lines]
            messages.append((reply_at, them, me, [*ask, *quoted], "RE: " + subject, msg_id))
            if late:
                answer_at = reply_at + dt.timedelta(hours=rng.randint(1, 20))
                who = "She" if rng.random() < 0.5 else "They"
                said = [
                    f"{k.wmd(s.date)}: {who.lower()} signed in at "
                    f"{k.clock(s.member_start or s.start, '12')} for the "
                    f"{k.loose(s.start)} o'clock group ({s.title}, "
                    f"{k.loose_range(s.start, s.end)})."
                    for s in late
                ]
                messages.append(
                    (
                        answer_at,
                        me,
                        them,
                        [*said, "", coord.first],
                        "RE: RE: " + subject,
                        msg_id,
                    )
                )
        start += dt.timedelta(days=7)
        week += 1
    messages.sort(key=lambda x: x[0])
    out: list[str] = []
    for when, frm, to, body, subject, reply_to in messages:
        stamp, date_hdr = _stamp(when)
        out += [
            f"From {frm} {stamp}",
            f"From: {frm}",
            f"To: {to}",
            f"Date: {date_hdr}",
            f"Subject: {subject}",
            f"Message-ID: <{when:%Y%m%d%H%M%S}@{frm.split('@')[1]}>",
        ]
        if reply_to:
            out.append(f"In-Reply-To: {reply_to}")
        out += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", ""]
        out += [(">" + line) if line.startswith("From ") else line for line in body]
        out.append("")
    name = f"IOP_{m.last}_{m.first}.mbox"
    written = [
        k.written(s, [name], length=True, modality=s.attended and k.is_video(s)) for s in services
    ]
    return RenderedChart(
        files=(ChartFile(name, "\n".join(out).encode("utf-8")),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=max(x[0] for x in messages).date(),
    )


FAMILY = Family(
    name="d11-mbox-weekly-digest",
    split="dev",
    description=(
        "An mbox of weekly attendance e-mails from the IOP coordinator to a payer's care "
        "manager: mbox From lines and RFC 5322 headers, an admission notice with the "
        "authorized frequency, a line per day ('Tue 3/4') with services and loosely typed "
        "times ('9 to 10:30 am'), attendance words, closures, weekly totals, replies "
        "quoting whole summaries with '> ', a late arrival's time given in a later answer "
        "and the discharge in the last summary."
    ),
    conventions=(
        "mbox 'From ' separator lines and RFC 5322 headers with zone offsets",
        "day lines 'Tue 3/4' with services indented under them",
        "times as '9 to 10:30 am' / '10:45 am to 12:15 pm'",
        "attended / arrived late / left at 11:50 / did not attend / cx by pt / no call/no show",
        "authorization '3 days/wk x 3 hrs/day' and posted hours (a plan)",
        "whole summaries quoted again with '> ' in replies",
        "a late arrival's time only in a later reply naming the date",
        "weekly total line (a sum, not a session)",
    ),
    render=render,
    tags=("email", "narrative"),
)
