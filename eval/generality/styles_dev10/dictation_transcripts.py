"""Daily IOP notes dictated by the primary therapist and returned by a medical
transcription service, batch by batch.

Each transcribed report has the service's header: job number, work type, author, the
patient, the date of service, the dictation date and time (DD, often a day or three after
the service) and the transcription date (DT) with the transcriptionist's initials. The body
is the dictation as spoken: the day's services in sentences, times either as dictated
("from nine to ten-thirty in the morning", "arrived at nine-twenty") or as the
transcriptionist normalizes them ("from 9 to 10:30 a.m."), the group's leaders and
members present, the client's own late arrival or early leave, the missed services with
the reason, and now and then a word the transcriptionist could not make out ("from nine
to [inaudible]") or a group named only by its place in the day ("the second group of the
morning"). The plan names the next program day (a plan, not a service) and the client's
outside meetings are mentioned (not program services). A service left out of a dictation
is added by a later ADDENDUM report naming its date of service. Reports are filed in the
batch of the week they were transcribed.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

TIME_STYLES = ("spoken", "ahdi")
KIND_WORDS = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "group psychotherapy",
    ServiceKind.GROUP_EDUCATION: "psychoeducation group",
}
ORDINAL = ("first", "second", "third", "fourth")


def _range(a: dt.time, b: dt.time, style: str) -> str:
    return k.spoken_range(a, b) if style == "spoken" else k.ahdi_range(a, b)


def _at(t: dt.time, style: str) -> str:
    return k.spoken(t) if style == "spoken" else k.ahdi(t)


def _count(n: int) -> str:
    return k.NUMBERS[n] if 0 < n < 20 else str(n)


def _sentence(
    scn: Scenario,
    s: PlannedSession,
    rng: random.Random,
    style: str,
    nth: int,
    flags: dict[int, tuple[bool, bool]],
) -> str:
    """What the dictation says about ``s``; records in ``flags`` whether the words state
    its kind and its length."""
    span = _range(s.start, s.end, style)
    kind_ok = length_ok = True
    if rng.random() < 0.05:
        span = f"from {_at(s.start, style)} to [inaudible]"
        length_ok = False
    else:
        span = f"from {span}"
    where = "by video" if k.is_video(s) else "in person"
    if s.kind in k.GROUP_KINDS:
        if s.attended and rng.random() < 0.08:
            what = f"the {ORDINAL[nth]} group of the {'morning' if s.start.hour < 12 else 'day'}"
            kind_ok = False
        else:
            what = (
                f"{s.title}, {KIND_WORDS[s.kind]}"
                if s.title.lower() != KIND_WORDS[s.kind]
                else s.title
            )
        if not s.attended:
            flags[s.index] = (kind_ok, False)
            return f"The patient missed {what}, scheduled at {_at(s.start, style)}; {k.reason(s)}."
        lead = s.facilitators
        led = f"led by {k.staff_name(lead[0])}" + (
            f" with {k.staff_name(lead[1])}" if len(lead) > 1 else ""
        )
        text = f"The patient attended {what}, {span}, {where}, {led}."
        if s.group_size:
            text += f" There were {_count(s.group_size)} members present."
        if s.member_start is not None:
            text += f" The patient arrived at {_at(s.member_start, style)}."
        if s.member_end is not None:
            text += f" The patient left the group at {_at(s.member_end, style)}."
        narrative = k.note(rng, s)
        # a group the dictation does not name gets no sentence that would tell its kind
        text += " " + (narrative if kind_ok else "The patient participated and shared once.")
        # the time the client left ends the client's own time even when the group's end
        # was not heard
        flags[s.index] = (kind_ok, length_ok or s.member_end is not None)
        return text
    label = {
        ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "individual psychotherapy with me",
        ServiceKind.FAMILY_COUNSELING: "a family therapy session with me and the spouse",
        ServiceKind.CASE_MANAGEMENT: f"case management with {k.staff_name(k.case_manager(scn))}",
        ServiceKind.MEDICATION_MANAGEMENT: f"a medication management visit with Dr. "
        f"{scn.physician.last}, {scn.physician.credential}",
    }[s.kind]
    if not s.attended:
        flags[s.index] = (True, False)
        return (
            f"The patient was scheduled for {label} at {_at(s.start, style)} and did not "
            f"come; {k.reason(s)}."
        )
    flags[s.index] = (True, length_ok)
    return f"The patient had {label} {span}, {where}. " + k.note(rng, s)


def _header(
    scn: Scenario,
    job: int,
    work: str,
    dos: dt.date,
    dd: dt.datetime,
    dtr: dt.datetime,
    tr: str,
) -> list[str]:
    m = scn.member
    a = scn.therapists[0]
    return [
        "=" * 78,
        "MIDSTATE MEDICAL TRANSCRIPTION - TRANSCRIBED REPORT",
        f"Job ID: {job}    Work type: {work}",
        f"Author: {k.staff_name(a)} (author ID {sum(map(ord, a.name)) * 7})",
        f"Patient: {m.last.upper()}, {m.first.upper()}    MRN: {m.member_id}    "
        f"DOB: {k.date(m.date_of_birth, 'us')}",
        f"DOS: {k.date(dos, 'us')}    DD: {k.date(dd.date(), 'us')} {dd:%H:%M}    "
        f"DT: {k.date(dtr.date(), 'us')} {dtr:%H:%M}    TR: {tr}",
        "-" * 78,
    ]


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    style = k.variant(scn, TIME_STYLES)
    m = scn.member
    a = scn.therapists[0]
    services = k.services(scn)
    days = k.by_day(services)
    order = sorted(days)
    job = rng.randint(5_000_000, 7_000_000)
    flags: dict[int, tuple[bool, bool]] = {}
    # (transcribed at, lines, session indexes)
    reports: list[tuple[dt.datetime, list[str], list[int]]] = []
    for i, day in enumerate(order):
        items = days[day]
        moved = [
            s
            for s in items
            if s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING)
            and s.attended
            and len(items) > 1
            and rng.random() < 0.2
        ]
        kept = [s for s in items if s not in moved]
        dd = dt.datetime.combine(
            day + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2, 3))),
            dt.time(rng.randint(15, 19), rng.randint(0, 59)),
        )
        dtr = dd + dt.timedelta(hours=rng.randint(10, 30), minutes=rng.randint(0, 59))
        job += rng.randint(40, 900)
        body = [
            f"This is {a.name} dictating the intensive outpatient daily note for "
            f"{m.first} {m.last}, date of service {k.date(day, 'long')}."
        ]
        nth = 0
        for s in kept:
            body.append(_sentence(scn, s, rng, style, nth, flags))
            if s.kind in k.GROUP_KINDS:
                nth += 1
        if rng.random() < 0.3:
            body.append(
                "The patient reports attending an AA meeting on Sunday evening and calling "
                "a sponsor twice."
            )
        if i + 1 < len(order):
            nxt = order[i + 1]
            first = days[nxt][0]
            body.append(
                f"Plan: continue IOP; the patient will return {k.WEEKDAYS[nxt.weekday()]}, "
                f"{k.date(nxt, 'long')}, for group at {_at(first.start, style)}".rstrip(".")
                + "."
            )
        else:
            body.append("Plan: discharge from IOP, step down to weekly outpatient therapy.")
        lines = _header(scn, job, "42 IOP DAILY NOTE", day, dd, dtr, rng.choice(("kmr", "jlt")))
        for para in body:
            lines += [*k.wrap(para, 78), ""]
        lines.append(
            f"Electronically signed by {k.staff_name(a)} on "
            f"{k.date((dtr + dt.timedelta(days=1)).date(), 'us')}"
        )
        lines.append("")
        reports.append((dtr, lines, [s.index for s in kept]))
        for s in moved:
            add_dd = dt.datetime.combine(
                day + dt.timedelta(days=rng.randint(2, 5)), dt.time(rng.randint(8, 17), 5)
            )
            add_dt = add_dd + dt.timedelta(hours=rng.randint(12, 26))
            job += rng.randint(40, 900)
            text = (
                f"ADDENDUM to the daily note of {k.date(day, 'long')}. This is {a.name}. The "
                "daily note omitted a service. " + _sentence(scn, s, rng, style, 0, flags)
            )
            lines = _header(scn, job, "43 ADDENDUM", day, add_dd, add_dt, "kmr")
            lines += [*k.wrap(text, 78), ""]
            lines.append(f"Electronically signed by {k.staff_name(a)}")
            lines.append("")
            reports.append((add_dt, lines, [s.index]))
    reports.sort(key=lambda r: r[0])
    batches: dict[dt.date, list[str]] = {}
    where: dict[int, str] = {}
    for when, lines, idx in reports:
        monday = when.date() - dt.timedelta(days=when.weekday())
        name = f"transcripts_week_of_{monday:%Y-%m-%d}.txt"
        if monday not in batches:
            batches[monday] = [
                f"{scn.program} - transcribed reports for {m.first} {m.last} ({m.member_id})",
                f"Batch: reports transcribed the week of {k.date(monday, 'us')}",
                "",
            ]
        batches[monday] += lines
        for i in idx:
            where[i] = name
    discharge = [
        "=" * 78,
        "IOP EPISODE (from the program's face sheet, filed with the first batch)",
        f"Admitted {k.date(scn.admission_date, 'us')}; discharged "
        f"{k.date(scn.discharge_date, 'us')}. Diagnosis {scn.diagnosis_code} "
        f"{scn.diagnosis_name}.",
        *[f"Program closed {k.date(d, 'us')} (holiday)." for d in scn.closed_days],
        "",
    ]
    first_batch = min(batches)
    batches[first_batch] = batches[first_batch][:3] + discharge + batches[first_batch][3:]
    files = tuple(
        ChartFile(f"transcripts_week_of_{d:%Y-%m-%d}.txt", "\n".join(v).encode("utf-8"))
        for d, v in sorted(batches.items())
    )
    written: list[Written] = []
    for s in services:
        kind_ok, length_ok = flags[s.index]
        written.append(
            k.written(
                s,
                [where[s.index]],
                kind=kind_ok,
                length=length_ok,
                modality=s.attended,
                group_size=True,
                facilitators=True,
            )
        )
    latest = max(r[0].date() for r in reports)
    return RenderedChart(
        files=files,
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=max(latest, scn.discharge_date),
    )


FAMILY = Family(
    name="d10-dictation-transcripts",
    split="dev",
    description=(
        "Daily IOP notes dictated and returned by a transcription service: job headers with "
        "DOS, DD and DT, times spoken ('nine to ten-thirty') or normalized ('9 to 10:30 "
        "a.m.'), [inaudible] gaps, groups named by their place in the day, addenda for "
        "services left out, plans and outside meetings that are not services."
    ),
    conventions=(
        "transcription header: Job ID, DOS, DD (dictated), DT (transcribed), TR",
        "times as dictated words or AHDI style '9 to 10:30 a.m.'",
        "[inaudible] in place of a time",
        "a group named only as 'the second group of the morning'",
        "ADDENDUM reports dated days after the service",
        "batches filed by week of transcription",
    ),
    render=render,
    tags=("narrative", "dictation"),
)
