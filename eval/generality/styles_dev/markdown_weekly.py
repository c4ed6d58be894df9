"""dev-markdown-weekly: a cloud EHR's Markdown chart export with weekly summaries.

Imitates the Markdown/"plain document" export of newer cloud therapy platforms: a session
log per month as a Markdown table (ISO dates ``2025-10-07`` with a weekday column, time
ranges with an en dash, either 24-hour ``10:00–11:00`` or compact ``9–10:30am``, services
named by their title with the kind in parentheses, "Individual counseling (individual
psychotherapy)"), and weekly clinician summaries ("## Week of 10/06/2025") that list the
week's sessions again in a bullet list whose dates lack the year ("Tue 10/07"): the same
session documented in two files. Closed holidays appear as table rows. Distractors: the
program schedule in the intake, a "next week" line in each summary, a follow-up appointment
in the discharge summary.
"""

from __future__ import annotations

import datetime as dt
import random

from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_dev import _common as c


def _time(s: PlannedSession, form: str) -> str:
    if form == "24":
        return f"{c.hhmm(s.start)}–{c.hhmm(s.end)}"
    return c.compact_range(s.start, s.end)


def _member(t: dt.time, form: str) -> str:
    if form == "24":
        return c.hhmm(t)
    return c.compact_range(t, t).split("–")[1]


def _attendance(s: PlannedSession, form: str) -> tuple[str, bool]:
    a = {
        "attended": "attended",
        "absent": "absent",
        "no_show": "no-show",
        "cancelled": "cancelled (client)",
    }[s.attendance.value]
    extra = []
    if s.member_start is not None:
        extra.append(f"arrived {_member(s.member_start, form)}")
    if s.member_end is not None:
        extra.append(f"left {_member(s.member_end, form)}")
    if extra:
        return f"{a} ({', '.join(extra)})", True
    return a, False


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    form = ("24", "compact")[scn.seed % 2]
    with_modality = rng.random() < 0.7
    with_size = rng.random() < 0.5
    with_lunch = rng.random() < 0.4
    summary_all = rng.random() < 0.5  # else the summaries list therapy sessions only
    discharge = rng.random() < 0.7
    rec = c.Record()
    files: list[ChartFile] = []

    intake, intake_day = c.intake_doc(scn, rng, "iso")
    files.append(c.text_file("intake.md", c.doc_markdown(intake)))
    plan, plan_day = c.plan_doc(scn, rng, "iso")
    files.append(c.text_file("treatment_plan.md", c.doc_markdown(plan)))
    rec.dated(intake_day, plan_day)

    sessions = [s for s in scn.sessions if with_lunch or s.kind is not c.MEAL]
    last = max(s.date for s in sessions)
    head = ["Date", "Day", "Service", "Time", "Attendance"]
    head += ["Modality"] if with_modality else []
    head += ["Facilitator(s)"]
    head += ["Group size"] if with_size else []

    rows: list[tuple[dt.date, dt.time, list[str]]] = []
    months: list[str] = []

    def month_file(d: dt.date) -> str:
        name = f"sessions_{d:%Y-%m}.md"
        if name not in months:
            months.append(name)
        return name

    for s in sessions:
        att, member_times = _attendance(s, form)
        cells = [c.iso(s.date), c.wd(s.date), c.title_with_kind(s), _time(s, form), att]
        if with_modality:
            cells.append("video (Zoom)" if s.modality.value == "video" else "in person")
        cells.append(c.provider(s, scn, "; "))
        if with_size:
            cells.append(str(s.group_size) if s.group_size is not None else "")
        rows.append((s.date, s.start, cells))
        rec.add(
            s,
            month_file(s.date),
            length=True,
            kind=True,
            attendance=True,
            member_times=member_times,
            modality=with_modality,
            group_size=with_size,
            facilitators=True,
        )
    for d in c.closed_days_before(scn, last):
        cells = [c.iso(d), c.wd(d), "PROGRAM CLOSED - holiday", "", ""]
        cells += [""] * (len(head) - len(cells))
        rows.append((d, dt.time(0, 0), cells))
        month_file(d)
    rows.sort(key=lambda r: (r[0], r[1]))
    for name in sorted(months):
        month = [r for r in rows if f"sessions_{r[0]:%Y-%m}.md" == name]
        first = month[0][0]
        lines = [
            f"# Session log — {first:%B %Y}",
            "",
            f"**Client:** {scn.member.name} · **MRN:** {scn.member.member_id} · "
            f"**Program:** {scn.program}",
            "",
            "| " + " | ".join(head) + " |",
            "|" + "|".join("---" for _ in head) + "|",
        ]
        lines += ["| " + " | ".join(r[2]) + " |" for r in month]
        files.append(c.text_file(name, lines))

    # weekly summaries: the week's sessions again, dates without the year
    summary = ["# Weekly Progress Summaries", "", f"Client: {scn.member.name}", ""]
    weeks: dict[dt.date, list[PlannedSession]] = {}
    for s in sessions:
        weeks.setdefault(c.monday_of(s.date), []).append(s)
    sched = c.schedule_line(scn)
    for monday, week in weeks.items():
        listed = [s for s in week if summary_all or s.kind in (c.GP, c.GE, c.IND, c.FAM)]
        groups = [s for s in week if s.is_group]
        summary += [f"## Week of {c.mdy(monday)}", ""]
        for s in listed:
            att, member_times = _attendance(s, form)
            summary.append(f"- {c.wd(s.date)} {s.date:%m/%d} — {s.title}, {_time(s, form)}, {att}")
            rec.add(
                s,
                "weekly_summaries.md",
                length=True,
                kind=True,
                attendance=True,
                member_times=member_times,
            )
        written_on = max(s.date for s in week)
        summary += [
            "",
            f"Attended {sum(1 for s in groups if s.attended)} of {len(groups)} scheduled "
            "group sessions this week. Engaged in skills practice; mood self-rating improving.",
            (
                f"Next week: continue program schedule ({sched})."
                if monday != max(weeks)
                else "Discharge planning: step down to weekly outpatient therapy."
            ),
            "",
            f"_Written {c.iso(written_on)} by {c.staff(scn.therapists[0])}_",
            "",
        ]
        rec.dated(written_on)
    files.append(c.text_file("weekly_summaries.md", summary))

    if discharge:
        doc, signed = c.discharge_doc(scn, rng, "iso")
        files.append(c.text_file("discharge_summary.md", c.doc_markdown(doc)))
        rec.dated(signed)

    return RenderedChart(
        files=tuple(files),
        written=rec.written(),
        admission_stated=True,
        discharge_stated=discharge,
        latest_document_date=rec.latest(),
    )


FAMILY = Family(
    name="dev-markdown-weekly",
    split="dev",
    description=(
        "Cloud-EHR Markdown export: monthly session tables with ISO dates and en-dash times, "
        "plus weekly summaries listing the week's sessions again without the year."
    ),
    conventions=(
        "Markdown tables with a header row",
        "ISO dates 2025-10-07 with a weekday column",
        "times 10:00–11:00 or 9–10:30am (en dash)",
        "service title with the kind in parentheses (group psychotherapy)",
        "weekly summary 'Week of 10/06/2025' repeating sessions (dates without year)",
        "same session in two files",
        "PROGRAM CLOSED - holiday table rows",
        "schedule and next-week distractors; follow-up appointment in discharge summary",
    ),
    render=render,
)
