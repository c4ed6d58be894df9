"""A narrative IOP discharge summary whose attendance record lists every service the
client was scheduled for, with its hours, in running prose.

The summary has the usual sections (identifying data, reason for admission, course,
condition at discharge, aftercare with a follow-up appointment that is not a service,
the frequency recommended at admission, which is a plan). Its "Attendance record" gives
each program week one paragraph with no line per record: the services follow one another
separated by semicolons, each day opened by its date ("3/3" with the year in the week's
heading, or "March 3rd"), each service by its abbreviation (GRP, PSYED, IND, FAM, CM,
MED, explained once) and the hours the client attended, in decimal hours where exact
("1.5 h", "1.25 h") and in minutes otherwise ("50 min"); a late arrival or early departure
is told with the time ("left 11:45"). Missed services close the day's entry ("missed GRP
and PSYED (cx by pt: family emergency)"), closed days are named. The summary is printed as
text, or as a PDF with several weeks to a page.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario

from . import _kit as k

LAYOUTS = ("text_numeric", "pdf_ordinal")
ABBR = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "GRP",
    ServiceKind.GROUP_EDUCATION: "PSYED",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "IND",
    ServiceKind.FAMILY_COUNSELING: "FAM",
    ServiceKind.CASE_MANAGEMENT: "CM",
    ServiceKind.MEDICATION_MANAGEMENT: "MED",
}
MISSED = {
    Attendance.ABSENT: "did not attend",
    Attendance.NO_SHOW: "no show",
    Attendance.CANCELLED: "cx by pt",
}


def _day(d: dt.date, layout: str) -> str:
    return f"{d.month}/{d.day}" if layout == "text_numeric" else k.md_ordinal(d)


def _attended(s: PlannedSession) -> str:
    out = f"{ABBR[s.kind]} {k.length(s.minutes)}"
    notes = []
    if s.member_start is not None:
        notes.append(f"arrived {k.clock(s.member_start, 'short')}")
    if s.member_end is not None:
        notes.append(f"left {k.clock(s.member_end, 'short')}")
    if k.is_video(s):
        notes.append("video")
    return out + (f" ({', '.join(notes)})" if notes else "")


def _day_entry(d: dt.date, items: list[PlannedSession], layout: str) -> str:
    went = [_attended(s) for s in items if s.attended]
    parts = [", ".join(went)] if went else []
    missed: dict[tuple[Attendance, str], list[PlannedSession]] = {}
    for s in items:
        if not s.attended:
            missed.setdefault((s.attendance, s.absence_reason), []).append(s)
    for group in missed.values():
        abbrs = [ABBR[s.kind] for s in group]
        named = abbrs[0] if len(abbrs) == 1 else ", ".join(abbrs[:-1]) + " and " + abbrs[-1]
        first = group[0]
        why = (
            "had left for the day"
            if first.absence_reason == "left the program early"
            else f"{MISSED[first.attendance]}: {k.reason(first)}"
        )
        parts.append(f"missed {named} ({why})")
    return f"{_day(d, layout)} " + ", ".join(parts)


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.variant(scn, LAYOUTS)
    m = scn.member
    services = k.services(scn)
    days = k.by_day(services)
    signed = scn.discharge_date + dt.timedelta(days=rng.randint(1, 4))
    follow = scn.discharge_date + dt.timedelta(days=rng.randint(5, 10))
    groups = [s for s in services if s.kind in k.GROUP_KINDS]
    n_days = len({s.date.weekday() for s in groups})
    per_day = (
        sum(s.scheduled_minutes for s in groups if s.date == groups[0].date) / 60 if groups else 3
    )
    admit = (
        k.date(scn.admission_date, "long")
        if layout == "text_numeric"
        else k.md_ordinal(scn.admission_date, year=True)
    )
    disch = (
        k.date(scn.discharge_date, "long")
        if layout == "text_numeric"
        else k.md_ordinal(scn.discharge_date, year=True)
    )
    paras: list[tuple[str, str]] = [  # (heading, paragraph); heading "" for body text
        ("DISCHARGE SUMMARY - INTENSIVE OUTPATIENT PROGRAM", ""),
        (
            "",
            f"{scn.program}. Client: {m.first} {m.last}, MRN {m.member_id}, "
            f"DOB {k.date(m.date_of_birth, 'us')}.",
        ),
        (
            "",
            f"Date of admission: {admit}. Date of discharge: {disch}. "
            f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}.",
        ),
        (
            "Reason for admission",
            f"The client was referred for worsening symptoms of "
            f"{scn.diagnosis_name.lower()} with impaired functioning at work and home. The "
            f"frequency recommended at admission was {n_days} days a week, {per_day:g} hours "
            "a day, with a weekly individual session.",
        ),
        (
            "Course",
            "The client engaged in group and individual work and used the skills taught. "
            f"{m.first} was discharged having completed the program.",
        ),
        (
            "Attendance record",
            "Abbreviations: GRP group psychotherapy, PSYED psychoeducation group, IND "
            "individual psychotherapy, FAM family psychotherapy, CM case management (not a "
            "treatment hour), MED medication management visit (not a treatment hour). Hours "
            "are the client's attended time.",
        ),
    ]
    week = 1
    start = scn.admission_date
    while start <= scn.discharge_date:
        end = start + dt.timedelta(days=6)
        entries = []
        for d in sorted(
            set(d for d in days if start <= d <= end)
            | {d for d in scn.closed_days if start <= d <= end}
        ):
            if d in scn.closed_days:
                entries.append(f"{_day(d, layout)} program closed (holiday)")
            else:
                entries.append(_day_entry(d, days[d], layout))
        head = f"Week {week} ({k.date(start, 'us')} - {k.date(end, 'us')}):"
        paras.append(("", head + " " + ("; ".join(entries) if entries else "no services") + "."))
        start += dt.timedelta(days=7)
        week += 1
    therapist = scn.therapists[0]
    paras += [
        (
            "Condition at discharge",
            "Mood improved; denies SI/HI, no plan or intent. Stable for a lower level of care.",
        ),
        (
            "Aftercare",
            f"Weekly outpatient therapy with {k.staff_name(therapist)}; first appointment "
            f"{k.md_ordinal(follow, year=True)} at 2:00 pm. Medication follow-up with "
            f"{k.staff_name(scn.physician)} in four weeks.",
        ),
        ("", f"Electronically signed: {k.staff_name(therapist)}  {k.date(signed, 'us')}"),
    ]
    if layout == "text_numeric":
        out: list[str] = []
        for heading, para in paras:
            if heading:
                out.append(heading.upper() if not para else f"{heading}:")
            if para:
                out += k.wrap(para, 96)
            out.append("")
        name = f"discharge_summary_{m.member_id}.txt"
        data = "\n".join(out).encode("utf-8")
    else:
        blocks: list[list[k.Line]] = []
        for heading, para in paras:
            block = []
            if heading:
                block.append(k.Line.of(heading, "B", 11 if not para else 9.5))
            if para:
                block += [k.Line.of(line, "", 9) for line in k.wrap(para, 104)]
            block.append(k.Line.of("", size=5))
            blocks.append(block)
        pages = k.paginate(blocks, 660)
        framed = [
            [
                *page,
                k.Line.of(
                    f"{m.last}, {m.first}  MRN {m.member_id}   Page {i} of {len(pages)}", "I", 7
                ),
            ]
            for i, page in enumerate(pages, start=1)
        ]
        name = f"discharge_summary_{m.member_id}.pdf"
        data = k.pdf(framed)
    written = [
        k.written(s, [name], length=s.attended, modality=s.attended and k.is_video(s))
        for s in services
    ]
    return RenderedChart(
        files=(ChartFile(name, data),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=signed,
    )


FAMILY = Family(
    name="d11-discharge-hours-ledger",
    split="dev",
    description=(
        "A narrative discharge summary whose attendance record gives each program week one "
        "paragraph listing every scheduled service by day ('3/3' or 'March 3rd'), "
        "abbreviation and attended hours (decimal where exact, else minutes, 'left 11:45am'), "
        "separated only by commas and semicolons; missed services with reasons, closures, "
        "the recommended frequency and a follow-up appointment; text or PDF."
    ),
    conventions=(
        "no record separators: services run on in a paragraph, separated by ; and ,",
        "day as 3/3 (year in the week heading) or March 3rd",
        "hours as 1.5 h / 1.25 h, or 50 min when decimals would round",
        "abbreviations GRP / PSYED / IND / FAM / CM / MED explained once",
        "'missed GRP and PSYED (cx by pt: family emergency)'",
        "recommended frequency and a follow-up appointment (not services)",
        "plain text, or a PDF with several weeks to a page",
    ),
    render=render,
    tags=("pdf", "narrative", "discharge"),
)
