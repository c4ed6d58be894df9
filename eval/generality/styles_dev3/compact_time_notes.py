"""Terse clinic progress notes: 12-hour times without a colon ("930a-11a", "1p-230p",
"1045am-1215pm"), dates written month.day.year with dots ("3.4.25", a US clinic), and
late entries.

One file per day holds that day's notes. A note written after the fact is a late entry:
it sits in the file of the day it was written, headed with that day's date, and says
"Late entry for 3/4: ..." naming the day of service it documents (which is its date).
Absence notes sometimes omit the time. Notes mention times that are not sessions: the
posted group hours ("grps M/W/Th 930a-1245p"), an outreach call time, the next
appointment ("Next indiv 3.11.25 1p") and the e-signature time.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import (
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Staff,
    Written,
)
from eval.generality.styles_dev3 import _kit as k

SVC = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "grp psychotherapy",
    ServiceKind.GROUP_EDUCATION: "psychoed grp",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Indiv therapy",
    ServiceKind.FAMILY_COUNSELING: "Family therapy",
    ServiceKind.CASE_MANAGEMENT: "CM contact",
    ServiceKind.MEDICATION_MANAGEMENT: "Med mgmt",
}
ABSENT_WORD = {
    Attendance.NO_SHOW: "no call/no show",
    Attendance.ABSENT: "absent",
    Attendance.CANCELLED: "pt cancelled",
    Attendance.REFUSED: "refused to attend",
}


def dots(d: dt.date) -> str:
    return f"{d.month}.{d.day}.{d.year % 100:02d}"


class _Notes:
    def __init__(self, scn: Scenario, rng: random.Random) -> None:
        self.scn = scn
        self.rng = rng
        self.long_suffix = rng.random() < 0.35
        self.upper = rng.random() < 0.25
        self.member_times = rng.random() < 0.75
        self.show_size = rng.random() < 0.5
        self.show_loc = rng.random() < 0.6
        self.absent_time = rng.random() < 0.5
        self.acct = f"{rng.randint(20000, 89999)}"
        self.signed: list[dt.date] = []

    def c(self, t: dt.time) -> str:
        return k.compact12(t, long_suffix=self.long_suffix, upper=self.upper)

    def loc(self, s: PlannedSession) -> str:
        return "Zoom (video)" if s.modality is Modality.VIDEO else "office"

    def span(self, a: dt.time, b: dt.time) -> str:
        return f"{self.c(a)}-{self.c(b)}"

    def staff(self, s: PlannedSession) -> list[Staff]:
        if s.facilitators:
            return list(s.facilitators)
        if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
            return [self.scn.physician]
        return [self.scn.therapists[0]]

    def service(self, s: PlannedSession) -> str:
        name = SVC.get(s.kind, s.title)
        if s.is_group and s.title != k.generic_label(s.kind):
            name = f"{s.title.replace('Group', 'Grp')} - {name}"
        return f"{name} ({s.cpt})" if s.cpt else name

    def header(self, title: str, written_on: dt.date) -> list[str]:
        m = self.scn.member
        return [
            "-" * 60,
            f"{title:<40}Date: {dots(written_on)}",
            f"Pt: {m.last}, {m.first}   DOB {dots(m.date_of_birth)}   Acct {self.acct}",
        ]

    def schedule_line(self) -> str:
        days = k.weekday_list(k.program_weekdays(self.scn), "short")
        a, b = k.program_hours(self.scn)
        return f"grps {days} {self.span(a, b)}"

    def sign(self, s: PlannedSession, written_on: dt.date) -> str:
        signed = written_on + dt.timedelta(days=self.rng.choice((0, 0, 0, 1)))
        self.signed.append(signed)
        clock = dt.time(self.rng.randint(12, 18), self.rng.choice((5, 10, 22, 40, 55)))
        who = k.staff_initial(self.staff(s)[0])
        return f"e-signed {who} {dots(signed)} {self.c(clock)}"

    def note(
        self, s: PlannedSession, written_on: dt.date, next_indiv: dt.date | None
    ) -> tuple[list[str], Written]:
        rng = self.rng
        late_entry = written_on != s.date
        a, b = s.start, s.end
        states_length = True
        states_member_times = True
        states_modality = False
        if s.attended:
            lines = self.header("PROGRESS NOTE", written_on)
            svc = f"{self.service(s)} {self.span(a, b)}"
            if late_entry:
                ref = md(s.date) if s.date.year == written_on.year else dots(s.date)
                lines.append(f"Late entry for {ref}: Pt attended {svc}.")
            else:
                lines.append(f"Svc: {self.service(s)}")
                tail = ""
                if self.show_loc:
                    tail = "   Loc: " + (
                        "Zoom (video)" if s.modality is Modality.VIDEO else "office"
                    )
                lines.append(f"Time: {self.span(a, b)}{tail}")
            if self.show_loc and late_entry:
                lines.append(
                    "Loc: " + ("Zoom (video)" if s.modality is Modality.VIDEO else "office")
                )
            states_modality = self.show_loc
            staff = ", ".join(k.staff_initial(x) for x in self.staff(s))
            size = f"     Pts present: {s.group_size}" if self.show_size and s.is_group else ""
            lines.append(f"Staff: {staff}{size}")
            obs = k.pick(rng, k.PARTICIPATION if s.is_group else k.INDIVIDUAL)
            if s.member_start is not None:
                if self.member_times:
                    obs = f"Pt arrived {self.c(s.member_start)}. {obs}"
                else:
                    obs = f"Pt arrived late. {obs}"
                    states_member_times = False
            if s.member_end is not None:
                if self.member_times:
                    obs = f"{obs} Pt left {self.c(s.member_end)} for appt."
                else:
                    obs = f"{obs} Pt left early for appt."
                    states_member_times = False
            lines += k.wrap(f'S: "{rng.choice(_QUOTES)}"', 76)
            lines += k.wrap(f"O: {obs} Topic: {s.topic or 'check-in'}.", 76)
            lines += k.wrap(f"A: {k.pick(rng, k.RESPONSE)}", 76)
            plan = f"P: Cont IOP, {self.schedule_line()}."
            if next_indiv is not None:
                plan += f" Next indiv {dots(next_indiv)} {self.c(dt.time(13, 0))}."
            lines += k.wrap(plan, 76)
        else:
            lines = self.header("ABSENCE NOTE", written_on)
            what = ABSENT_WORD.get(s.attendance, "absent")
            timed = self.absent_time or late_entry
            svc = self.service(s) + (f" {self.span(a, b)}" if timed else "")
            states_length = timed
            if late_entry:
                ref = md(s.date) if s.date.year == written_on.year else dots(s.date)
                lines.append(f"Late entry for {ref}: {svc} - {what}.")
            else:
                lines.append(f"Svc: {svc} - {what}")
            call = k.shift(s.end, rng.choice((15, 30, 45)))
            lines += k.wrap(
                f"Pt {k.absence_prose(s.absence_reason)}. Outreach call placed "
                f"{self.c(call)}, {rng.choice(('VM left', 'spoke w/ pt', 'no answer'))}.",
                76,
            )
        lines.append(self.sign(s, written_on))
        w = Written(
            session=s.index,
            files=(),
            states_length=states_length,
            states_member_times=states_member_times,
            states_modality=states_modality,
            states_group_size=self.show_size,
            states_facilitators=True,
        )
        return lines, w


def md(d: dt.date) -> str:
    return f"{d.month}/{d.day}"


_QUOTES = (
    "I had a rough weekend but I used my skills",
    "sleep is better, still anxious in the mornings",
    "I don't really want to talk today",
    "I called my sponsor twice this week",
    "work has been stressful",
)


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    n = _Notes(scn, rng)
    late_rate = rng.choice((0.08, 0.12, 0.18))
    discharged = rng.random() < 0.6
    # file date -> its notes (lines, written, sort key)
    days: dict[dt.date, list[tuple[tuple[int, int], list[str], Written]]] = {}
    indiv_dates = [s.date for s in scn.sessions if s.kind is ServiceKind.INDIVIDUAL_PSYCHOTHERAPY]
    for s in scn.sessions:
        if s.kind is ServiceKind.MEAL:
            continue
        written_on = s.date
        if rng.random() < late_rate:
            written_on = s.date + dt.timedelta(days=rng.randint(1, 3))
        upcoming = [d for d in indiv_dates if d > s.date]
        next_indiv = upcoming[0] if upcoming and rng.random() < 0.3 else None
        note, w = n.note(s, written_on, next_indiv)
        order = (1 if written_on != s.date else 0, s.index)
        days.setdefault(written_on, []).append((order, note, w))

    a, _b = k.program_hours(scn)
    admit_lines = [
        "-" * 60,
        f"{'IOP ADMISSION':<40}Date: {dots(scn.admission_date)}",
        f"Pt: {scn.member.last}, {scn.member.first}   DOB {dots(scn.member.date_of_birth)}"
        f"   Acct {n.acct}",
        f"Admit date: {dots(scn.admission_date)}. Dx {scn.diagnosis_code} {scn.diagnosis_name}.",
        f"Orientation completed; pt given schedule ({n.schedule_line()}).",
        f"Attending: {k.staff_initial(scn.physician)}. Primary: "
        f"{k.staff_initial(scn.therapists[0])}.",
    ]
    files = []
    written: list[Written] = []
    all_dates = sorted(set(days) | {scn.admission_date})
    if discharged:
        all_dates = sorted(set(all_dates) | {scn.discharge_date})
    for d in all_dates:
        name = f"progress_notes_{dots(d)}.txt"
        lines: list[str] = []
        if d == scn.admission_date:
            lines += admit_lines
        for _order, note, w in sorted(days.get(d, []), key=lambda x: x[0]):
            lines += note
            written.append(
                Written(
                    session=w.session,
                    files=(name,),
                    states_length=w.states_length,
                    states_member_times=w.states_member_times,
                    states_modality=w.states_modality,
                    states_group_size=w.states_group_size,
                    states_facilitators=w.states_facilitators,
                )
            )
        if discharged and d == scn.discharge_date:
            follow = scn.discharge_date + dt.timedelta(days=rng.randint(5, 12))
            lines += [
                "-" * 60,
                f"{'DISCHARGE NOTE':<40}Date: {dots(d)}",
                f"D/C date: {dots(scn.discharge_date)}. Completed IOP; step down to OP.",
                f"F/u w/ {k.staff_initial(scn.therapists[0])} {dots(follow)} "
                f"{n.c(k.shift(a, 60))}.",
                f"e-signed {k.staff_initial(scn.therapists[0])} {dots(d)} {n.c(dt.time(16, 30))}",
            ]
        files.append(k.text_file(name, lines))
    latest = max([*n.signed, *all_dates])
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=discharged,
        latest_document_date=latest,
    )


FAMILY = Family(
    name="d3-compact-time-notes",
    split="dev",
    description=(
        "Terse daily progress-note files with colon-less 12-hour times ('930a-11a', "
        "'1p-230p'), month.day.year dotted dates ('3.4.25') and late entries filed under "
        "the day they were written ('Late entry for 3/4: ...')."
    ),
    conventions=(
        "12-hour times without a colon (930a-11a, 1p-230p)",
        "dates as M.D.YY with dots",
        "late entries dated on the entry date, naming the day of service",
        "absence notes sometimes without a time",
        "posted group hours, outreach call and next appointment times in notes",
        "arrival time written inside the note text",
    ),
    render=render,
)
