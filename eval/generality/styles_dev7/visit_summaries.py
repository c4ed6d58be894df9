"""Letterhead visit summaries: one PDF page per program day, the date written only as
"Visit: Tuesday the 14th of October" with the year in the page's letterhead ("Calendar
Year 2025"), times in words ("1:00 to 2:30 in the afternoon") mixed with dotted clocks
("13.00-14.30", "1.00-2.30 pm") and durations ("from 9.30 for 90 minutes").

The page either lists the day's services or tells them as prose. Each page repeats the
program's group schedule and ends with the next visit's date and time: neither is a
service. Closed days get a page that says so.
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
from eval.generality.styles_dev7._kit import (
    MONTHS,
    WEEKDAYS,
    by_day,
    clock12,
    clock24,
    day_part,
    is_group,
    member_end,
    member_start,
    minutes_of,
    ordinal,
    pdf_text,
    program_schedule,
    staff_name,
)

NAME = "h2-letterhead-visit-summaries"


def _visit_date(d: dt.date) -> str:
    return f"{WEEKDAYS[d.weekday()]} the {ordinal(d.day)} of {MONTHS[d.month - 1]}"


class _Clock:
    """The chart's ways of writing a time range and a single time (two, mixed)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.styles = rng.sample(("spoken", "dots24", "dots12", "colon12"), 2)
        self.keep_zero = rng.random() < 0.5

    def _spoken_time(self, t: dt.time) -> str:
        hour = t.hour % 12 or 12
        if t.minute == 0 and not self.keep_zero:
            return str(hour)
        return f"{hour}:{t.minute:02d}"

    def range(self, start: dt.time, end: dt.time, style: str | None = None) -> str:
        style = style or self.rng.choice(self.styles)
        if style == "spoken":
            s, e = self._spoken_time(start), self._spoken_time(end)
            if day_part(start) == day_part(end):
                return f"{s} to {e} in the {day_part(end)}"
            return f"{s} in the {day_part(start)} to {e} in the {day_part(end)}"
        if style == "dots24":
            return f"{clock24(start, '.')}-{clock24(end, '.')}"
        if style == "dots12":
            s12 = f"{start.hour % 12 or 12}.{start.minute:02d}"
            e12 = f"{end.hour % 12 or 12}.{end.minute:02d}"
            if (start.hour >= 12) == (end.hour >= 12):
                return f"{s12}-{e12} {'pm' if end.hour >= 12 else 'am'}"
            return f"{s12} am-{e12} pm"
        return f"{clock12(start)} - {clock12(end)}"

    def single(self, t: dt.time) -> str:
        style = self.rng.choice(self.styles)
        if style == "spoken":
            return f"{self._spoken_time(t)} in the {day_part(t)}"
        if style == "dots24":
            return clock24(t, ".")
        if style == "dots12":
            return f"{t.hour % 12 or 12}.{t.minute:02d} {'pm' if t.hour >= 12 else 'am'}"
        return clock12(t)


_STATUS = {
    Attendance.NO_SHOW: "no-show",
    Attendance.CANCELLED: "cancelled by client",
    Attendance.ABSENT: "absent",
}


class _Day:
    """Writes one program day's services and reports what it wrote about each."""

    def __init__(self, scn: Scenario, rng: random.Random, clock: _Clock, *, prose: bool):
        self.scn = scn
        self.rng = rng
        self.clock = clock
        self.prose = prose
        self.modality_always = rng.random() < 0.5
        self.first = scn.member.first
        self.written: list[tuple[int, dict[str, bool]]] = []

    def _when(self, s: PlannedSession) -> str:
        """The session's time as written: a range, or now and then a start and duration."""
        if self.rng.random() < 0.15:
            n = minutes_of(s.start, s.end)
            return f"from {self.clock.single(s.start)} for {n} minutes"
        return self.clock.range(s.start, s.end)

    def _modality(self, s: PlannedSession) -> str | None:
        if s.modality is Modality.VIDEO:
            return "by video (telehealth)"
        if self.modality_always:
            return "in person"
        return None

    def _lead(self, s: PlannedSession) -> str:
        if s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING):
            return f" with {staff_name(self.scn.therapists[0])}"
        if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
            return f" with {staff_name(self.scn.physician)}"
        return ""

    def item(self, s: PlannedSession, number: int) -> str | None:
        if s.kind is ServiceKind.MEAL:
            if not s.attended:
                return None  # no lunch is written for a day the member missed
            when = self.clock.range(s.start, s.end)
            self.written.append((s.index, {"attendance": False, "implied": True}))
            if self.prose:
                return f"Lunch break, {when}: {self.first} stayed on site for it."
            return f"{number}. Lunch, {when} -- client stayed for lunch on site."
        when = self._when(s)
        flags = {
            "attendance": True,
            "modality": False,
            "group_size": False,
            "facilitators": False,
        }
        lead = self._lead(s)
        if not s.attended:
            status = _STATUS[s.attendance]
            reason = s.absence_reason
            self.written.append((s.index, flags))
            if self.prose:
                return f"{s.title}{lead}, {when}: {self.first} did not attend ({status}; {reason})."
            return f"{number}. {s.title}{lead}, {when}.\n   Attendance: {status} -- {reason}."
        details: list[str] = []
        modality = self._modality(s)
        if modality:
            details.append(modality)
            flags["modality"] = True
        if is_group(s):
            names = " and ".join(staff_name(f) for f in s.facilitators)
            details.append(f"facilitated by {names}")
            details.append(f"{s.group_size} clients in group")
            flags["group_size"] = flags["facilitators"] = True
        times: list[str] = []
        if s.member_start is not None:
            times.append(f"arrived late, at {self.clock.single(member_start(s))}")
        if s.member_end is not None:
            times.append(f"left early, at {self.clock.single(member_end(s))}")
        self.written.append((s.index, flags))
        if self.prose:
            sentence = f"{self.first} attended {s.title}{lead}, {when}"
            if details:
                sentence += f" ({'; '.join(details)})"
            sentence += "."
            if times:
                sentence += f" {self.first} " + " and ".join(times) + "."
            if s.topic:
                sentence += f" Focus: {s.topic}."
            return sentence
        lines = [f"{number}. {s.title}{lead}, {when}."]
        if details:
            joined = "; ".join(details)
            lines.append(f"   {joined[0].upper()}{joined[1:]}.")
        status = "present"
        if times:
            status += " -- " + "; ".join(times)
        lines.append(f"   Attendance: {status}.")
        if s.topic:
            engaged = (
                "client participated and gave feedback to peers"
                if is_group(s)
                else "client engaged and reviewed homework"
            )
            lines.append(f"   Focus: {s.topic}; {engaged}.")
        return "\n".join(lines)


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    sched = program_schedule(scn)
    clock = _Clock(rng)
    prose = rng.random() < 0.4
    admission_stated = rng.random() < 0.6
    discharge_stated = rng.random() < 0.6
    filename = rng.choice(("visit_summaries.pdf", "IOP_visit_summary_report.pdf"))
    letter_city = rng.choice(("Springfield", "Fairview", "Greenville", "Madison"))
    track = f"{day_part(sched.start).capitalize()} IOP"
    schedule_line = (
        f"Programme track: {track} -- groups meet {sched.days(rng.choice(('abbr', 'words')))}, "
        f"{clock.range(sched.start, sched.end, 'dots12')}"
    )
    m = scn.member
    days = by_day(scn.sessions)
    program_days = sorted(set(days) | set(scn.closed_days))
    show_closed = rng.random() < 0.8
    signer = scn.therapists[0]
    pages: list[str] = []
    written: dict[int, dict[str, bool]] = {}
    for n_day, day in enumerate(program_days):
        head = [
            scn.program.upper(),
            f"{letter_city} -- Intensive Outpatient Programme -- Visit Summaries -- "
            f"Calendar Year {day.year}",
            f"Client: {m.name}    MRN {m.member_id}    DOB {m.date_of_birth.month}/"
            f"{m.date_of_birth.day}/{m.date_of_birth.year}",
            "_" * 78,
            "",
            f"Visit: {_visit_date(day)}",
        ]
        if day in scn.closed_days:
            if not show_closed:
                continue
            pages.append(
                "\n".join([*head, "", "Programme closed (holiday). No services were held."])
            )
            continue
        if n_day == 0 and admission_stated:
            admitted = _visit_date(scn.admission_date)
            head.append(f"Admitted to the Intensive Outpatient Programme on {admitted}.")
        head += [schedule_line, ""]
        writer = _Day(scn, rng, clock, prose=prose)
        body: list[str] = ["Services this visit" if not prose else "Visit narrative"]
        number = 0
        for s in days[day]:
            number += 1
            text = writer.item(s, number)
            if text is None:
                number -= 1
                continue
            body.append(text)
        for index, flags in writer.written:
            written[index] = flags
        tail = [""]
        later = [d for d in program_days if d > day and d not in scn.closed_days]
        if day == scn.discharge_date and discharge_stated:
            tail.append(
                f"Discharged from the programme on {_visit_date(day)} (treatment completed); "
                "step-down to weekly outpatient therapy."
            )
        elif later:
            tail.append(
                f"Plan: continue IOP. Next visit: {_visit_date(later[0])} at "
                f"{clock.single(sched.start)}."
            )
        signed = f"Electronically signed by {staff_name(signer)}"
        if rng.random() < 0.5:
            last_end = max(s.end for s in days[day])
            signed += f" at {clock24(_after(last_end, rng.choice((12, 25, 40))), '.')}"
        tail.append(signed)
        pages.append("\n".join(head + body + tail))
    files = (ChartFile(filename, pdf_text(pages, size=9.5, line=4.6)),)
    out = tuple(
        Written(
            session=i,
            files=(filename,),
            states_attendance=flags["attendance"],
            implied_attended=flags.get("implied", False),
            states_modality=flags.get("modality", False),
            states_group_size=flags.get("group_size", False),
            states_facilitators=flags.get("facilitators", False),
        )
        for i, flags in sorted(written.items())
    )
    return RenderedChart(
        files=files,
        written=out,
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=max(scn.sessions[w.session].date for w in out),
    )


def _after(t: dt.time, minutes: int) -> dt.time:
    total = min(t.hour * 60 + t.minute + minutes, 23 * 60 + 59)
    return dt.time(total // 60, total % 60)


FAMILY = Family(
    name=NAME,
    split="dev",
    description=(
        "One PDF page per program day: 'Visit: Tuesday the 14th of October' with the year "
        "only in the letterhead, times in words or dotted clocks, list or prose layout."
    ),
    conventions=(
        "date as weekday + ordinal day + month, year only in letterhead",
        "times in words ('1:00 to 2:30 in the afternoon') mixed with 13.00-14.30",
        "start + duration ('from 9.30 for 90 minutes')",
        "prose visit narrative or numbered service list",
        "program schedule and next-visit line on every page",
        "closed-day pages, lunch listed among services",
    ),
    render=render,
)
