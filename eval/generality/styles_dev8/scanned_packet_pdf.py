"""A records packet (intake, progress notes, discharge summary) as the medical-records
department prints it for a payer: a PDF whose pages carry a running header and footer.

The date of service of the progress notes is printed only in the running title of each
page ("PROGRESS NOTES - Date of Service: 3-Mar-25"); every day starts on a new page and a
day that does not fit runs on to the next page ("-- continued on next page --", the next
title marked "(continued)"), sometimes splitting a note. In the note body: the service
and its code, the clock times ("Start: 1300 hrs  End: 1430 hrs", "13:00:00 - 14:30:00")
or a start time and a duration in 15-minute units ("Duration: 6 units (15 min/unit)",
minutes when the length is not a whole number of units), attendance with the client's own
arrival or leaving time, members present and facilitators, content, and the signature,
whose date is the date of service or, for a late entry, a later one. The intake pages hold
history dates, the date of birth and plan review dates; the discharge summary states the
admission and discharge dates. Lunch is not documented.
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

VARIANTS = ("hrs", "sec", "units")
DATE_STYLES = ("dmy2", "us", "dmy")
LINES_PER_PAGE = 26
_TITLE = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "GROUP PSYCHOTHERAPY NOTE",
    ServiceKind.GROUP_EDUCATION: "GROUP PSYCHOEDUCATION NOTE",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "INDIVIDUAL PSYCHOTHERAPY NOTE",
    ServiceKind.FAMILY_COUNSELING: "FAMILY PSYCHOTHERAPY NOTE",
    ServiceKind.CASE_MANAGEMENT: "CASE MANAGEMENT NOTE",
    ServiceKind.MEDICATION_MANAGEMENT: "MEDICATION MANAGEMENT NOTE",
}


def _duration(minutes: int) -> str:
    if minutes % 15 == 0:
        return f"Duration: {minutes // 15} units (15 min/unit)"
    return f"Duration: {minutes} min"


def _times(s: PlannedSession, variant: str) -> list[str]:
    if variant == "units":
        start = k.member_in(s) if s.attended else s.start
        mins = k.minutes_between(start, k.member_out(s) if s.attended else s.end)
        line = f"Start: {k.clock(start, 'hrs')}    {_duration(mins)}"
        if s.attended and s.member_start is not None:
            line += f"    (group began {k.clock(s.start, 'hrs')})"
        if s.attended and s.member_end is not None:
            line += f"    (client left early; group ended {k.clock(s.end, 'hrs')})"
        return [line]
    style = "hrs" if variant == "hrs" else "sec"
    if variant == "hrs":
        line = f"Start: {k.clock(s.start, style)}    End: {k.clock(s.end, style)}"
    else:
        line = f"Time: {k.clock_range(s.start, s.end, style, ' - ')}"
    return [line]


def _note(
    scn: Scenario, s: PlannedSession, rng: random.Random, variant: str, date_style: str
) -> list[str]:
    code = k.code(s)
    head = _TITLE[s.kind] + (f" - {s.title}" if s.kind in k.GROUP_KINDS else "")
    out = [head + (f" ({code})" if code else "")]
    out += _times(s, variant)
    if s.attended:
        att = "present"
        style = "hrs" if variant != "sec" else "sec"
        if s.member_start is not None:
            att += f", arrived late at {k.clock(s.member_start, style)}"
        if s.member_end is not None:
            att += f", left early at {k.clock(s.member_end, style)}"
        out.append(
            f"Attendance: {att}    Setting: "
            + ("telehealth (video)" if k.is_video(s) else "in person")
        )
        if s.kind in k.GROUP_KINDS:
            out.append(f"Members present: {s.group_size}")
        out += k.wrap("Content: " + k.note(rng, s), 92)
    else:
        out.append(f"Attendance: {k.attend(s.attendance).lower()} - {k.reason(s)}")
    who = k.clinicians(scn, s)
    label = "Facilitator(s)" if s.kind in k.GROUP_KINDS else "Clinician"
    out.append(f"{label}: " + "; ".join(k.staff_name(w) for w in who))
    r = rng.random()
    signed = s.date if r < 0.8 else s.date + dt.timedelta(days=1 if r < 0.95 else 2)
    tag = "" if signed == s.date else " (late entry)"
    out.append(f"Electronically signed {k.date(signed, date_style)}{tag}")
    out.append("")
    return out


def _intake(scn: Scenario, rng: random.Random, date_style: str) -> list[str]:
    m = scn.member
    review = scn.admission_date + dt.timedelta(days=30)
    return [
        f"Admission date: {k.date(scn.admission_date, 'us')}",
        f"Date of birth: {k.date(m.date_of_birth, 'us')}",
        f"Referral source: primary care; referral dated "
        f"{k.date(scn.admission_date - dt.timedelta(days=rng.randint(5, 15)), 'us')}",
        "",
        "Presenting problem:",
        *k.wrap(
            "Worsening mood, poor sleep and withdrawal over the past three months; "
            "missed work two weeks in a row.",
            92,
        ),
        "",
        "Psychiatric history:",
        f"- Inpatient admission {rng.choice(('June', 'October', 'February'))} "
        f"{rng.randint(2015, 2021)}, five days, for suicidal ideation.",
        "- Outpatient therapy 2021 to 2023; sertraline since 2022.",
        "",
        f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
        "Recommended level of care: intensive outpatient, 3 or more days a week.",
        f"Treatment plan to be reviewed by {k.date(review, 'us')}.",
        f"Assessed by {k.staff_name(scn.therapists[0])}, signed "
        f"{k.date(scn.admission_date, date_style)}",
    ]


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = k.variant(scn, VARIANTS)
    date_style = rng.choice(DATE_STYLES)
    m = scn.member
    name = "records_packet.pdf"
    # (running title, body lines) per section; a section breaks over pages
    sections: list[tuple[str, list[str]]] = [("INTAKE ASSESSMENT", _intake(scn, rng, date_style))]
    written: list[Written] = []
    for day, items in k.by_day(scn.sessions).items():
        body: list[str] = []
        for s in items:
            if s.kind is ServiceKind.MEAL:
                continue
            body += _note(scn, s, rng, variant, date_style)
            written.append(
                k.written(s, [name], modality=s.attended, group_size=True, facilitators=True)
            )
        if body:
            sections.append((f"PROGRESS NOTES - Date of Service: {k.date(day, date_style)}", body))
    sections.append(
        (
            "DISCHARGE SUMMARY",
            [
                f"Admission date: {k.date(scn.admission_date, 'us')}",
                f"Discharge date: {k.date(scn.discharge_date, 'us')}",
                "Reason: completed program goals; stepped down to outpatient therapy.",
                "Follow-up: outpatient therapist, first visit within 7 days of discharge.",
                f"Signed {k.staff_name(scn.therapists[0])} "
                + k.date(scn.discharge_date, date_style),
            ],
        )
    )
    raw: list[tuple[str, list[str], bool]] = []  # title, lines, continues
    for title, body in sections:
        chunks = [body[i : i + LINES_PER_PAGE] for i in range(0, len(body), LINES_PER_PAGE)]
        for j, chunk in enumerate(chunks):
            raw.append((title + (" (continued)" if j else ""), chunk, j < len(chunks) - 1))
    pages: list[list[k.Line]] = []
    for i, (title, chunk, continues) in enumerate(raw):
        page = [
            k.Line(f"{scn.program} - Health Information Management", "", 8),
            k.Line(f"Patient: {m.last.upper()}, {m.first.upper()}   MRN {m.member_id}", "", 8),
            k.Line(title, "B", 10.5),
            k.Line(""),
            *[k.Line(t) for t in chunk],
        ]
        page += [k.Line("")] * (LINES_PER_PAGE + 1 - len(chunk))
        if continues:
            page.append(k.Line("-- continued on next page --", "I", 8))
        page.append(k.Line(f"Page {i + 1} of {len(raw)}    Released for utilization review", "", 8))
        pages.append(page)
    return RenderedChart(
        files=(ChartFile(name, k.pdf(pages, font="Courier", leading=1.25)),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name="d8-scanned-packet-pdf",
    split="dev",
    description=(
        "A medical-records packet printed to PDF: intake, progress notes and discharge "
        "summary under running page headers; a note's date of service only in the running "
        "title, days running over pages, durations in 15-minute units."
    ),
    conventions=(
        "date of service only in the running page title",
        "continued on next page, notes split over pages",
        "times as 1300 hrs or 13:00:00",
        "durations in 15-minute units",
        "signature dates after the date of service (late entries)",
        "intake history and plan review dates",
    ),
    render=render,
    tags=("pdf", "packet"),
)
