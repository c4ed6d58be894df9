"""After-visit summaries written for the client, with dates and times spelled out in words.

Some programs hand the client a plain-language summary after each program day (or mail a
weekly letter), generated from the schedule by a patient-portal template that writes
dates and times the way one would say them: "Monday, the third of March, 2025", "from nine
until half past ten in the morning", "for an hour and a quarter". Nothing in the summaries
gives a date or a time in figures. The client's late arrival or early departure is said
in the same way ("You joined us at twenty past nine, so you were with the group for an
hour and ten minutes"), as is a missed session and why. The last document is a discharge
letter with the admission and discharge dates and the days the program was closed.

Variants (seed-picked):

- ``daily_ranges``: one summary per program day (.txt) under a letterhead block, each
  service "from ... until ...", a page footer on every page;
- ``daily_markdown``: one summary per day (.md), each service's start and how long it
  lasted ("began at a quarter to eleven and lasted an hour and a half");
- ``weekly_letter``: a letter per week (.txt) telling the week day by day, letterhead,
  page breaks with a running footer, closures of that week mentioned;
- ``daily_lengths``: one summary per day (.md) giving only how long each service lasted
  (no clock times); the client's own time when late or leaving early.

Per chart: whether the group leader's credential, the group's size (in words, counting the
client) and the way the client took part (in person or by video) are said.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)
from eval.generality.styles_dev5 import _kit as k

KIND_WORDS = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "a group therapy session",
    ServiceKind.GROUP_EDUCATION: "a psychoeducation group",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "an individual therapy session",
    ServiceKind.FAMILY_COUNSELING: "a family therapy session",
    ServiceKind.CASE_MANAGEMENT: "a case management meeting",
    ServiceKind.MEDICATION_MANAGEMENT: "a medication check-in visit",
}
TAKEAWAYS = (
    "Keep practicing the breathing skill twice a day, even on good days.",
    "Bring your mood log next time.",
    "Try one pleasant activity before the next session and notice how you feel.",
    "Review your coping card when urges or strong feelings show up.",
    "Remember to keep a regular bedtime this week.",
)
CRISIS = (
    "If you are in crisis, call or text 988 (Suicide and Crisis Lifeline) or go to the "
    "nearest emergency room."
)
PAGE_LINES = 46


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = ("daily_ranges", "daily_markdown", "weekly_letter", "daily_lengths")[scn.seed % 4]
    date_style = rng.choice((0, 0, 1, 2))
    say_credentials = rng.random() < 0.6
    say_size = rng.random() < 0.5
    say_mode = rng.random() < 0.6
    oclock = rng.random() < 0.5
    member = scn.member
    sessions = k.services(scn)
    safe = member.last.encode("ascii", "ignore").decode()
    phone = f"({rng.randint(201, 989)}) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}"
    street = rng.choice(
        ("415 Riverside Avenue", "12 Cedar Court, Suite 4", "900 Lakeview Boulevard, Floor 2")
    )
    city = rng.choice(("Springfield", "Fairview", "Georgetown", "Madison", "Clinton"))
    markdown = variant in ("daily_markdown", "daily_lengths")

    def dw(d: dt.date, *, weekday: bool = True) -> str:
        return k.date_words(d, date_style, weekday=weekday)

    def leader_words(s: PlannedSession) -> str:
        staff = k.rendering_staff(scn, s)
        names = [k.staff_full(x) if say_credentials else x.name for x in staff]
        return " and ".join(names)

    def name_of(s: PlannedSession) -> str:
        """The service as the summary names it: its title and what kind of service it is."""
        kind = KIND_WORDS[s.kind]
        if s.kind in k.GROUP_KINDS:
            return f"the {s.title} ({kind})"
        return kind

    def missed_words(s: PlannedSession) -> str:
        why = k.absence_prose(s.absence_reason)
        if s.attendance is Attendance.NO_SHOW:
            return "you did not come and we did not hear from you, so it was recorded as a no-show"
        if s.attendance is Attendance.CANCELLED:
            return f"you cancelled ahead of time (you {why})"
        if s.absence_reason == "left the program early":
            return "you had already left for the day, so you were marked absent"
        if not s.absence_reason:
            return "you were absent"
        return f"you were absent (you {why})"

    def when_words(s: PlannedSession) -> str:
        """The session's own time in words, per variant (a missed one's as planned)."""
        minutes = k.duration_words(s.scheduled_minutes)
        if variant == "daily_lengths":
            return f"It lasted {minutes}." if s.attended else f"It was planned for {minutes}."
        if variant == "daily_markdown":
            start = k.time_words(s.start, oclock=oclock)
            if s.attended:
                return f"It began at {start} and lasted {minutes}."
            return f"It was set to begin at {start} and to last {minutes}."
        return (
            f"It ran {k.range_words(s.start, s.end)}."
            if s.attended
            else (f"It was set {k.range_words(s.start, s.end)}.")
        )

    def own_time_words(s: PlannedSession) -> str:
        """The client's own part when late or leaving early ("" otherwise)."""
        if s.member_start is not None:
            late = k.minute_of(s.member_start) - k.minute_of(s.start)
            if variant == "daily_lengths":
                return (
                    f"You arrived {k.duration_words(late)} late, so you took part for "
                    f"{k.duration_words(s.minutes)}."
                )
            return (
                f"You joined us at {k.time_words(s.member_start)}, so you were with the group "
                f"for {k.duration_words(s.minutes)}."
            )
        if s.member_end is not None:
            early = k.minute_of(s.end) - k.minute_of(s.member_end)
            if variant == "daily_lengths":
                return (
                    f"You left {k.duration_words(early)} before the end, so you took part for "
                    f"{k.duration_words(s.minutes)}."
                )
            return (
                f"You left at {k.time_words(s.member_end)}, so you were with the group for "
                f"{k.duration_words(s.minutes)}."
            )
        return ""

    def service_paragraph(s: PlannedSession) -> str:
        if not s.attended:
            return (
                f"You were scheduled for {name_of(s)} with {leader_words(s)}. "
                f"{when_words(s)} This time {missed_words(s)}."
            )
        by = "led by" if s.is_group else "with"
        parts = [f"You took part in {name_of(s)}, {by} {leader_words(s)}.", when_words(s)]
        own = own_time_words(s)
        if own:
            parts.append(own)
        if say_mode:
            parts.append(
                "You joined by video from home."
                if s.modality is Modality.VIDEO
                else "You attended in person at the clinic."
            )
        if say_size and s.is_group and s.group_size:
            count = k.number_words(s.group_size)
            parts.append(f"{count.capitalize()} people took part, including you.")
        if s.is_group:
            parts.append(f"The group talked about {s.topic}.")
        elif k.counted_kind(s.kind):
            parts.append("You and your therapist reviewed your progress on your goals.")
        return " ".join(parts)

    def letterhead() -> list[str]:
        if markdown:
            return [f"# {scn.program}", "", f"{street} · {city} · {phone}", ""]
        width = 72
        return [
            scn.program.upper().center(width).rstrip(),
            f"{street}, {city}".center(width).rstrip(),
            f"Telephone {phone}".center(width).rstrip(),
            "=" * width,
            "",
        ]

    def paginate(body: list[str], title: str) -> str:
        """Cut text into pages (form feeds), each with a footer line (plain text only)."""
        pages = [body[i : i + PAGE_LINES] for i in range(0, len(body), PAGE_LINES)] or [[]]
        out = []
        for n, page in enumerate(pages, 1):
            foot = f"{title} | {member.first} {member.last} | Page {n} of {len(pages)}"
            out.append("\n".join([*page, "", "-" * 72, foot]) + "\n")
        return "\f".join(out)

    def wrap(text: str) -> list[str]:
        return k.wrap(text, 78)

    files: list[ChartFile] = []
    file_of: dict[int, list[str]] = {}
    days = k.by_day(sessions)

    if variant == "weekly_letter":
        weeks: dict[dt.date, list[dt.date]] = {}
        for d in days:
            weeks.setdefault(d - dt.timedelta(days=d.weekday()), []).append(d)
        for monday, week_days in sorted(weeks.items()):
            body = letterhead()
            body += [
                f"Dear {member.first},",
                "",
                *wrap(
                    "Here is a summary of your week in our Intensive Outpatient Program, "
                    f"the week that began on {dw(monday)}."
                ),
                "",
            ]
            closed = [c for c in scn.closed_days if monday <= c < monday + dt.timedelta(days=7)]
            for c in closed:
                body += wrap(
                    f"The program was closed on {dw(c)}, for {k.holiday_name(c)}, so no groups "
                    "were held that day."
                )
                body.append("")
            name = f"{safe}_weekly_summary_{monday:%Y%m%d}.txt"
            for d in week_days:
                todays = days[d]
                body += wrap(f"On {dw(d)}:")
                for s in todays:
                    body += wrap(service_paragraph(s))
                    file_of.setdefault(s.index, []).append(name)
                body.append("")
            body += wrap(f"Something to work on: {k.pick(rng, TAKEAWAYS)}")
            body += ["", *wrap(CRISIS), "", "Warmly,", "", k.staff_full(scn.therapists[0])]
            body.append("Primary Therapist")
            files.append(k.text_file(name, paginate(body, "Weekly Summary")))
    else:
        for d, todays in days.items():
            any_attended = any(s.attended for s in todays)
            ext = "md" if markdown else "txt"
            kind = "after_visit_summary" if any_attended else "missed_visit_letter"
            name = f"{safe}_{kind}_{d:%Y%m%d}.{ext}"
            if markdown:
                body = letterhead()
                title = "After-Visit Summary" if any_attended else "We Missed You"
                body += [f"## {title}", "", f"**For:** {member.first} {member.last}  "]
                body += [f"**Visit day:** {dw(d)}", ""]
                body += ["### Your services today", ""]
                for s in todays:
                    body += [
                        f"- {line}" if i == 0 else f"  {line}"
                        for i, line in enumerate(wrap(service_paragraph(s)))
                    ]
                    file_of.setdefault(s.index, []).append(name)
                body += ["", "### Before your next visit", "", k.pick(rng, TAKEAWAYS), ""]
                body += [f"> {line}" for line in wrap(CRISIS)]
                body += ["", "---", f"*{scn.program} · After-visit summary · Page 1 of 1*"]
                files.append(k.text_file(name, body))
            else:
                body = letterhead()
                title = "AFTER-VISIT SUMMARY" if any_attended else "MISSED VISIT NOTICE"
                body += [title, "", f"Prepared for: {member.first} {member.last}"]
                body += wrap(f"Visit day: {dw(d)}")
                body.append("")
                for s in todays:
                    body += wrap(service_paragraph(s))
                    body.append("")
                    file_of.setdefault(s.index, []).append(name)
                body += wrap(f"Before your next visit: {k.pick(rng, TAKEAWAYS)}")
                body += ["", *wrap(CRISIS)]
                foot = "After-Visit Summary" if any_attended else "Missed Visit Notice"
                files.append(k.text_file(name, paginate(body, foot)))

    # ---- discharge letter
    dc_day = k.later(scn.discharge_date, rng, 0, 3)
    body = letterhead()
    body += [
        "# Discharge Summary for You" if markdown else "DISCHARGE SUMMARY",
        "",
        f"Dear {member.first},",
        "",
        *wrap(
            f"You were admitted to our Intensive Outpatient Program on "
            f"{dw(scn.admission_date)}, and you were discharged on {dw(scn.discharge_date)}, "
            "having completed the program."
        ),
        "",
    ]
    if scn.closed_days:
        closures = "; ".join(f"{dw(c)} ({k.holiday_name(c)})" for c in scn.closed_days)
        body += wrap(f"The program was closed on {closures}.")
        body.append("")
    body += wrap(
        "Your next step is weekly outpatient therapy. Please keep the appointment we made "
        "for you and bring this letter with you."
    )
    body += ["", *wrap(CRISIS), "", "With best wishes,", "", k.staff_full(scn.therapists[0])]
    body += wrap(f"Written on {dw(dc_day)}.")
    dc_name = f"{safe}_discharge_letter.{'md' if markdown else 'txt'}"
    if markdown:
        files.append(k.text_file(dc_name, body))
    else:
        files.append(k.text_file(dc_name, paginate(body, "Discharge Summary")))

    written = [
        Written(
            session=s.index,
            files=tuple(file_of[s.index]),
            states_modality=say_mode and s.attended,
            states_group_size=say_size and s.attended and s.is_group,
            states_facilitators=say_credentials,
        )
        for s in sessions
    ]
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=dc_day,
    )


FAMILY = Family(
    name="d5-visit-summaries-in-words",
    split="dev",
    description=(
        "Client-facing after-visit summaries, weekly letters and a discharge letter whose "
        'dates, times and lengths are written only in words ("Monday, the third of March, '
        '2025", "from nine until half past ten in the morning", "for an hour and a '
        'quarter"), some under a letterhead with page footers.'
    ),
    conventions=(
        "dates as 'Monday, the third of March, 2025' / 'March third' / year in words",
        "time ranges 'from a quarter to eleven until a quarter past twelve'",
        "start in words plus 'lasted an hour and a half'",
        "lengths only ('lasted three quarters of an hour')",
        "late arrival: 'you joined us at twenty past nine ... for an hour and ten minutes'",
        "missed sessions and their reasons in plain language",
        "group size in words counting the client",
        "letterhead block and 'Page n of N' footers; form feeds between pages",
        "weekly letters telling the week day by day",
    ),
    render=render,
)
