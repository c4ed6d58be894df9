"""A discharge summary whose "IOP course" tells attendance in prose, week by week, beside
a daily log of which only some pages reached the chart.

The prose gives each program week's counts ("Week 2 (3/10-3/13): attended 5 of 6
scheduled groups; missed Thursday due to illness") and names individual, family, case
management and medication visits by date. Counts and day-level absences name no single
session, so only the dated individual/family/case-management/medication visits become
sessions from the prose alone, and those are of unknown length. The daily log excerpt
states sessions with times and statuses, but only for the days on the pages received
("[log page 2 of 4 not received]"). The summary also states the posted group hours and a
follow-up appointment after discharge, neither of which is a session.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario, Written
from eval.generality.styles_dev3 import _kit as k

SUMMARY = "discharge_summary.txt"
LOG = "daily_log_excerpt.txt"
STATUS = {
    Attendance.ATTENDED: "P",
    Attendance.ABSENT: "A",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "C",
    Attendance.REFUSED: "R",
}
REASON = {
    "called in sick": "due to illness",
    "family emergency": "due to a family emergency",
    "medical appointment": "for a medical appointment",
    "transportation fell through": "due to transportation problems",
    "no call, no show": "without calling",
    "did not answer outreach calls": "and did not answer outreach calls",
}


def _weekday_ref(d: dt.date, with_date: bool) -> str:
    name = k.WEEKDAYS[d.weekday()]
    return f"{name} {k.md(d)}" if with_date else name


def _visit_phrase(s: PlannedSession, scn: Scenario) -> str:
    day = k.md(s.date)
    if s.kind is ServiceKind.CASE_MANAGEMENT:
        what = "a case management appointment"
        done = f"met with the case manager on {day} about housing and benefits"
    elif s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        what = "a medication review"
        done = f"had a medication review with {k.staff_full(scn.physician)} on {day}"
    else:
        what = "family therapy" if s.kind is ServiceKind.FAMILY_COUNSELING else "individual therapy"
        done = f"attended {what} with {k.staff_full(scn.therapists[0])} on {day}"
    if s.attended:
        return done
    if s.attendance is Attendance.NO_SHOW:
        return f"no-showed for {what} on {day}"
    if s.attendance is Attendance.CANCELLED:
        return f"cancelled {what} on {day} ({s.absence_reason})"
    return f"was absent from {what} on {day} ({s.absence_reason})"


def implied_only(s: PlannedSession) -> bool:
    """Visits the prose reports without a status word ("met with the case manager")."""
    return s.kind in (ServiceKind.CASE_MANAGEMENT, ServiceKind.MEDICATION_MANAGEMENT)


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    coverage = rng.choice((0.35, 0.45, 0.6))
    dated_weekdays = rng.random() < 0.5
    per_week_paragraphs = rng.random() < 0.5
    log_credentials = rng.random() < 0.5
    log_meals = rng.random() < 0.5
    twelve = rng.random() < 0.5

    by_day: dict[dt.date, list[PlannedSession]] = {}
    for s in scn.sessions:
        by_day.setdefault(s.date, []).append(s)
    program_days = sorted(by_day)
    # the log's pages hold a few program days each; only some pages reached the chart
    per_page = rng.choice((4, 5, 6))
    page_of = {d: i // per_page + 1 for i, d in enumerate(program_days)}
    pages_total = max(page_of.values())
    received = {p for p in range(1, pages_total + 1) if rng.random() < coverage}
    missed_pages = {page_of[d] for d in program_days if any(not s.attended for s in by_day[d])}
    if missed_pages and not received & missed_pages:
        received.add(rng.choice(sorted(missed_pages)))
    if not received:
        received.add(1)
    if pages_total > 1 and len(received) == pages_total:
        received.discard(rng.randint(1, pages_total))
    covered = {d for d in program_days if page_of[d] in received}

    # ---- the weekly prose
    files_of: dict[int, set[str]] = {}
    named_in_prose: set[int] = set()  # visits the prose dates on its own
    week_texts: list[str] = []
    n_weeks = (scn.discharge_date - scn.admission_date).days // 7 + 1
    for w in range(n_weeks):
        start = scn.admission_date + dt.timedelta(days=7 * w)
        end = start + dt.timedelta(days=6)
        days = [d for d in program_days if start <= d <= end]
        closed = [d for d in scn.closed_days if start <= d <= end]
        span_days = sorted(days + closed)
        if not span_days:
            continue
        label = f"Week {w + 1} ({k.md(span_days[0])}-{k.md(span_days[-1])})"
        if len(span_days) == 1:
            label = f"Week {w + 1} ({k.md(span_days[0])})"
        groups = [s for d in days for s in by_day[d] if s.is_group]
        attended = [s for s in groups if s.attended]
        parts: list[str] = []
        if groups and len(attended) == len(groups):
            parts.append(f"attended all {len(groups)} scheduled groups")
        elif groups:
            parts.append(f"attended {len(attended)} of {len(groups)} scheduled groups")
        for d in days:
            day_groups = [s for s in by_day[d] if s.is_group]
            mentioned = False
            if day_groups and not any(s.attended for s in day_groups):
                why = REASON.get(day_groups[0].absence_reason, "")
                parts.append(f"missed {_weekday_ref(d, dated_weekdays)} {why}".rstrip())
                mentioned = True
            elif any(not s.attended for s in day_groups):
                parts.append(f"left early on {_weekday_ref(d, dated_weekdays)}")
                mentioned = True
            if any(s.member_start is not None for s in day_groups):
                parts.append(f"arrived late on {_weekday_ref(d, dated_weekdays)}")
                mentioned = True
            if mentioned:
                for s in day_groups:
                    files_of.setdefault(s.index, set()).add(SUMMARY)
            for s in by_day[d]:
                if s.is_group or s.kind is ServiceKind.MEAL:
                    continue
                parts.append(_visit_phrase(s, scn))
                files_of.setdefault(s.index, set()).add(SUMMARY)
                named_in_prose.add(s.index)
        for d in closed:
            parts.append(f"the program was closed {_weekday_ref(d, True)} for the holiday")
        text = f"{label}: " + "; ".join(parts) + "."
        week_texts.append(text)

    # ---- the log excerpt (only the covered days)
    fmt = (lambda t: k.t12(t, space=False)) if twelve else k.t24
    svc_width = 2 + max(
        len(k.service_label(s) if s.is_group else k.generic_label(s.kind)) for s in scn.sessions
    )
    rule = "-" * (svc_width + 50 + (30 if log_credentials else 0))
    log = [
        "DAILY IOP ATTENDANCE LOG (excerpt - pages received: "
        f"{', '.join(map(str, sorted(received)))} of {pages_total})",
        f"Client: {scn.member.name}   ID: {scn.member.member_id}",
        "Status: P = present  A = absent  NS = no show  C = cancelled",
        rule,
        f"{'Date':<12}{'Service':<{svc_width}}{'Time':<20}{'Status':<8}Staff",
        rule,
    ]
    shown_page = 0
    log_written: dict[int, Written] = {}
    for d in program_days:
        if d not in covered:
            continue
        page = page_of[d]
        for missing in range(shown_page + 1, page):
            if missing not in received:
                log.append(f"[log page {missing} of {pages_total} not received]")
        shown_page = page
        first = True
        for s in by_day[d]:
            if s.kind is ServiceKind.MEAL and not log_meals:
                continue
            a, b = k.session_span(s)
            note = ""
            if s.member_start is not None:
                note = " (late)"
            elif s.member_end is not None:
                note = " (left)"
            when = f"{fmt(a)}-{fmt(b)}{note}"
            if s.kind is ServiceKind.MEAL:
                staff = ""
            elif s.facilitators and log_credentials:
                staff = "; ".join(k.staff_full(x) for x in s.facilitators)
            elif s.facilitators:
                staff = "/".join(f"{x.first[0]}. {x.last}" for x in s.facilitators)
            elif s.kind is ServiceKind.MEDICATION_MANAGEMENT:
                staff = k.staff_full(scn.physician) if log_credentials else scn.physician.last
            else:
                staff = (
                    k.staff_full(scn.therapists[0])
                    if log_credentials
                    else f"{scn.therapists[0].first[0]}. {scn.therapists[0].last}"
                )
            service = k.service_label(s) if s.is_group else k.generic_label(s.kind)
            date = k.mdy(d) if first else ""
            log.append(
                f"{date:<12}{service:<{svc_width}}{when:<20}{STATUS[s.attendance]:<8}{staff}"
            )
            first = False
            files_of.setdefault(s.index, set()).add(LOG)
            log_written[s.index] = Written(
                session=s.index,
                files=(),
                states_facilitators=log_credentials,
            )
    for missing in range(shown_page + 1, pages_total + 1):
        if missing not in received:
            log.append(f"[log page {missing} of {pages_total} not received]")

    # ---- the discharge summary
    signed = k.later(scn.discharge_date, rng, 1, 5)
    follow = scn.discharge_date + dt.timedelta(days=rng.randint(6, 14))
    open_t, close_t = k.program_hours(scn)
    days_txt = k.weekday_list(k.program_weekdays(scn))
    lines = [
        "DISCHARGE SUMMARY - INTENSIVE OUTPATIENT PROGRAM",
        scn.program,
        "",
        f"Client: {scn.member.name}    DOB: {k.mdy(scn.member.date_of_birth)}    "
        f"ID: {scn.member.member_id}",
        f"Admission date: {k.mdy(scn.admission_date)}    "
        f"Discharge date: {k.mdy(scn.discharge_date)}",
        f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
        f"Program structure: groups meet {days_txt} {k.t12(open_t)}-{k.t12(close_t)}, "
        "with weekly individual therapy.",
        "",
        "REASON FOR ADMISSION",
        *k.wrap(
            "Referred after an increase in depressive symptoms, missed work and withdrawal "
            "from supports; outpatient therapy alone had not been sufficient.",
            90,
        ),
        "",
        "IOP COURSE",
    ]
    if per_week_paragraphs:
        for t in week_texts:
            lines += [*k.wrap(t, 90), ""]
    else:
        lines += [*k.wrap(" ".join(week_texts), 90), ""]
    lines += [
        "RESPONSE TO TREATMENT",
        *k.wrap(
            "Client engaged in group work, practiced behavioral activation and reported "
            "improved sleep and mood by discharge. No current SI/HI; low risk at discharge.",
            90,
        ),
        "",
        "DISCHARGE PLAN",
        *k.wrap(
            f"Step down to outpatient therapy with {k.staff_full(scn.therapists[0])}; first "
            f"appointment {k.mdy(follow)} at {k.t12(dt.time(14, 0))}. Continue medications "
            f"as prescribed by {k.staff_full(scn.physician)}.",
            90,
        ),
        "",
        f"Signed: {k.staff_full(scn.therapists[0])}    Date: {k.mdy(signed)}",
    ]

    written: list[Written] = []
    for s in scn.sessions:
        if s.index not in files_of:
            continue
        in_log = s.index in log_written
        if not in_log and s.index not in named_in_prose:
            continue
        files = tuple(sorted(files_of[s.index]))
        written.append(
            Written(
                session=s.index,
                files=files,
                states_length=in_log,
                states_attendance=in_log or not s.attended or not implied_only(s),
                implied_attended=True,
                states_member_times=True,
                states_facilitators=in_log and log_credentials,
            )
        )
    return RenderedChart(
        files=(k.text_file(SUMMARY, lines), k.text_file(LOG, log)),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=max(signed, scn.discharge_date),
    )


FAMILY = Family(
    name="d3-discharge-course-prose",
    split="dev",
    description=(
        "Discharge summary whose 'IOP course' gives attendance in prose per program week "
        "(counts, missed weekdays, dated individual visits), with a daily log excerpt that "
        "covers only the pages received."
    ),
    conventions=(
        "weekly attendance counts in prose (attended 5 of 6 scheduled groups)",
        "missed days by weekday, not by session",
        "individual visits named by date only (unknown length)",
        "daily log excerpt with missing pages",
        "status codes P/A/NS/C with the date on a day's first row",
        "posted group hours and a follow-up appointment that are not sessions",
    ),
    render=render,
)
