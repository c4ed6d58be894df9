"""A printed thread of secure messages in which the IOP therapist sends the week's notes.

Some small programs document in the practice's secure messaging: at the end of each
program week the primary therapist sends the clinical director (and the record) a message
"IOP notes - <client> - week of 3/3", one paragraph per program day, and the director's
reply quotes it ("-----Original Message-----" with the From/Sent/To/Subject of the message
quoted, every quoted line prefixed with "> "). The print is newest first, as mail clients
print a conversation. Every header carries the sent date and time, never the date of
service; the days are "Mon 3/3" in the body. Times are "9-10:30am" or written in words
("from nine until half past ten in the morning"). The thread also holds the front desk's
welcome message with the standing schedule (planned, not held), a late entry documenting
a day again ("Late entry for Wed 3/5: ...") and the discharge message.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

TIME_STYLES = ("short1", "words", "12")
SHORT = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "group therapy",
    ServiceKind.GROUP_EDUCATION: "psychoeducation group",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "individual therapy",
    ServiceKind.FAMILY_COUNSELING: "family session",
    ServiceKind.CASE_MANAGEMENT: "case management",
    ServiceKind.MEDICATION_MANAGEMENT: "med management with Dr.",
}


def _what(scn: Scenario, s: PlannedSession) -> str:
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        return f"a med management visit with Dr. {scn.physician.last}"
    if s.kind in k.GROUP_KINDS:
        return f"{s.title} ({SHORT[s.kind]})"
    return SHORT[s.kind]


def _sent(d: dt.date, rng: random.Random) -> str:
    h = rng.randint(7, 21)
    m = rng.randint(0, 59)
    return f"{k.date(d, 'wlong')} {k.clock(dt.time(h, m), '12')}"


def _day(scn: Scenario, items: list[PlannedSession], style: str, rng: random.Random) -> str:
    d = items[0].date
    first = scn.member.first
    missed = [s for s in items if not s.attended]
    parts: list[str] = []
    if missed and len(missed) == len(items):
        s0 = missed[0]
        word = {
            Attendance.NO_SHOW: "was a no-show",
            Attendance.CANCELLED: "cancelled",
            Attendance.ABSENT: "was absent",
        }[s0.attendance]
        listed = "; ".join(
            f"{_what(scn, s)} {k.clock_range(s.start, s.end, style)}" for s in missed
        )
        return f"{k.date(d, 'wmd')}: {first} {word} ({k.reason(s0)}). Missed: {listed}."
    for s in items:
        span = k.clock_range(s.start, s.end, style)
        if not s.attended:
            parts.append(
                f"did not attend {_what(scn, s)} {span} ({k.attend(s.attendance).lower()}, "
                f"{k.reason(s)})"
            )
            continue
        bit = f"attended {_what(scn, s)} {span}"
        if k.is_video(s):
            bit += " by video"
        if s.member_start is not None:
            bit += f" but came in late at {k.clock_point(s.member_start, style)}"
        if s.member_end is not None:
            bit += f" and left early at {k.clock_point(s.member_end, style)}"
        if s.kind in k.GROUP_KINDS:
            bit += f", {s.group_size} clients in group"
        parts.append(bit)
    body = f"{k.date(d, 'wmd')}: {first} " + "; ".join(parts) + ". "
    attended = [s for s in items if s.attended]
    if attended:
        body += k.note(rng, rng.choice(attended))
    return body


def _message(
    sender: str, to: str, sent: str, subject: str, body: list[str], cc: str = ""
) -> list[str]:
    out = [f"From: {sender}", f"Sent: {sent}", f"To: {to}"]
    if cc:
        out.append(f"Cc: {cc}")
    out += [f"Subject: {subject}", "", *body, ""]
    return out


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    style = k.variant(scn, TIME_STYLES)
    m = scn.member
    domain = scn.program.split()[0].lower() + "bh.org"
    ther = scn.therapists[0]
    director = scn.therapists[2]
    t_addr = f"{ther.first} {ther.last} <{ther.first[0].lower()}{ther.last.lower()}@{domain}>"
    d_addr = f"{director.first} {director.last} <{director.last.lower()}@{domain}>"
    record = f"Clinical Record <records@{domain}>"
    front = f"Front Desk <frontdesk@{domain}>"
    who = f"{m.first[0]}. {m.last}"
    services = k.services(scn)
    days = k.by_day(services)
    messages: list[tuple[dt.date, list[str]]] = []  # (sent date, lines), oldest first

    # the welcome message: a standing schedule (planned, not held)
    first_day = days[min(days)]
    weekdays = sorted({d.weekday() for d in days})
    sched = [
        f"  {k.clock_range(s.start, s.end, style)}  {s.title}"
        for s in first_day
        if s.kind in k.GROUP_KINDS
    ]
    welcome_sent = scn.admission_date - dt.timedelta(days=rng.randint(2, 5))
    messages.append(
        (
            welcome_sent,
            _message(
                front,
                f"{m.first} {m.last}",
                _sent(welcome_sent, rng),
                "Welcome to IOP - your schedule",
                [
                    f"Hi {m.first}, welcome! Your first day is "
                    f"{k.date(scn.admission_date, 'wlong')}.",
                    "Program days: " + ", ".join(k.WEEKDAYS[w] for w in weekdays) + ".",
                    "Each program day is scheduled as:",
                    *sched,
                    "Individual therapy is scheduled weekly with your therapist.",
                    "Please call if you cannot attend.",
                ],
                cc=record,
            ),
        )
    )
    late_entry_done = False
    weeks = [(n, a, b) for n, a, b in _weeks(scn) if any(a <= d <= b for d in days)]
    for n, a, b in weeks:
        in_week = [d for d in sorted(days) if a <= d <= b]
        held_back: dt.date | None = None
        if not late_entry_done and len(in_week) > 2 and rng.random() < 0.6:
            held_back = in_week[1]
        hello = director.first if director.first != m.first else "Hello"
        body = [f"{hello}, notes for {who}, program week {n}:", ""]
        for d in in_week:
            if d == held_back:
                body.append(f"{k.date(d, 'wmd')}: note to follow.")
                body.append("")
                continue
            body += k.wrap(_day(scn, days[d], style, rng), 96)
            body.append("")
        if n == 1:
            body.insert(1, f"Admitted to IOP {k.date(scn.admission_date, 'wmd')} after intake.")
        body.append(f"-- {k.staff_name(ther)}")
        sent = b + dt.timedelta(days=rng.randint(0, 2))
        if sent <= in_week[-1]:
            sent = in_week[-1] + dt.timedelta(days=1)
        subject = f"IOP notes - {who} - week of {k.date(a, 'md')}"
        sent_at = _sent(sent, rng)
        messages.append((sent, _message(t_addr, d_addr, sent_at, subject, body, record)))
        # the director replies (a day or two later) quoting the notes
        reply_sent = sent + dt.timedelta(days=rng.randint(1, 2))
        quoted = [
            "-----Original Message-----",
            f"From: {t_addr}",
            f"Sent: {sent_at}",
            f"To: {d_addr}",
            f"Subject: {subject}",
            "",
            *body,
        ]
        reply = [
            rng.choice(
                (
                    "Thanks - reviewed and co-signed.",
                    "Reviewed. Please add the safety plan review to next week's notes.",
                    "Thank you. Co-signed; see my comment on attendance below.",
                )
            ),
            f"{director.first} {director.last}, {director.credential}, Clinical Director",
            "",
            *[f"> {line}" if line else ">" for line in quoted],
        ]
        messages.append(
            (reply_sent, _message(d_addr, t_addr, _sent(reply_sent, rng), f"RE: {subject}", reply))
        )
        if held_back is not None:
            late_entry_done = True
            late_sent = sent + dt.timedelta(days=rng.randint(1, 3))
            body2 = [
                f"Late entry for {k.date(held_back, 'wmd')} (date of service "
                f"{k.date(held_back, 'us')}), entered {k.date(late_sent, 'us')}:",
                "",
                *k.wrap(_day(scn, days[held_back], style, rng), 96),
                "",
                f"-- {k.staff_name(ther)}",
            ]
            messages.append(
                (
                    late_sent,
                    _message(
                        t_addr,
                        d_addr,
                        _sent(late_sent, rng),
                        f"Late entry - {who} - {k.date(held_back, 'md')}",
                        body2,
                        record,
                    ),
                )
            )
    dc_sent = scn.discharge_date + dt.timedelta(days=rng.randint(0, 1))
    messages.append(
        (
            dc_sent,
            _message(
                t_addr,
                d_addr,
                _sent(dc_sent, rng),
                f"Discharge - {who}",
                [
                    f"{who} completed IOP and was discharged on "
                    f"{k.date(scn.discharge_date, 'long')}. Aftercare: weekly outpatient "
                    "therapy, first appointment in ten days.",
                    f"-- {k.staff_name(ther)}",
                ],
                record,
            ),
        )
    )
    name = f"secure_messages_{m.last.lower()}.txt"
    out = [
        f"{scn.program} - Secure Messaging - Conversation printout",
        f"Client: {m.last}, {m.first}   MRN {m.member_id}   Printed for the clinical record",
        f"{len(messages)} messages, newest first",
        "",
    ]
    for _, lines in sorted(messages, key=lambda x: x[0], reverse=True):
        out += ["_" * 100, *lines]
    written: list[Written] = [
        k.written(s, [name], modality=k.is_video(s) and s.attended, group_size=True)
        for s in services
    ]
    return RenderedChart(
        files=(ChartFile(name, "\n".join(out).encode("utf-8")),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=dc_sent,
    )


def _weeks(scn: Scenario) -> list[tuple[int, dt.date, dt.date]]:
    out = []
    n, start = 1, scn.admission_date
    while start <= scn.discharge_date:
        out.append((n, start, start + dt.timedelta(days=6)))
        n, start = n + 1, start + dt.timedelta(days=7)
    return out


FAMILY = Family(
    name="d9-message-thread-notes",
    split="dev",
    description=(
        "A printed secure-message conversation (newest first) in which the therapist sends "
        "each program week's notes, a paragraph per day ('Mon 3/3: ...'), quoted again in "
        "the director's reply; a welcome schedule, a late entry and a discharge message."
    ),
    conventions=(
        "From/Sent/To/Subject headers dated when sent, not when served",
        "newest message first",
        "quoted replies repeat the notes with '> '",
        "times as 9-10:30am, 9:00 AM-10:30 AM or in words",
        "a standing schedule that is not a service record",
        "a late entry documenting a day again",
        "days as Mon 3/3 without a year",
    ),
    render=render,
    tags=("messages", "prose"),
)
