"""Group notes exported by group: one file holds every client's note for a group session
(or for all of a day's groups), each client's note starting with a banner
"CLIENT: LAST, FIRST  DOB mm/dd/yyyy".

The group's header (service, date, start/end, facilitators, census) is written once and
applies to every client below it; each client's block has its own attendance, arrival
time, participation and signature. Only the member's blocks are the member's sessions:
other clients are present, absent, no-shows or excused when the member is not, and one of
them may share the member's last name. Individual and family sessions, case management
and medication visits are single-client notes of their own. A face sheet gives the
admission date (and the discharge date once discharged) and the posted group hours.
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
from eval.generality.styles_dev3 import _kit as k

OTHER_STATUSES = (
    "Absent",
    "No Show",
    "Excused - medical appointment",
    "Cancelled",
    "Excused - work conflict",
)


def _banner(last: str, first: str, dob: dt.date, mrn: str, style: int) -> str:
    if style == 0:
        return f"CLIENT: {last.upper()}, {first.upper()}  DOB {k.mdy(dob)}"
    if style == 1:
        return f"CLIENT: {last.upper()}, {first.upper()}    DOB: {k.mdy(dob)}    MRN: {mrn}"
    return f"CLIENT: {last.upper()}, {first.upper()}  DOB {k.mdy(dob, pad=False)}  (#{mrn})"


class _Writer:
    def __init__(self, scn: Scenario, rng: random.Random) -> None:
        self.scn = scn
        self.rng = rng
        self.banner_style = rng.randrange(3)
        self.rule = rng.choice(("-" * 72, "=" * 72, "* " * 36))
        self.show_size = rng.random() < 0.7
        self.show_modality = rng.random() < 0.6
        self.member_times = rng.random() < 0.7
        self.twelve = rng.random() < 0.6
        self.roster = k.other_clients(rng, scn.member, 14, same_last_name=rng.random() < 0.5)
        self.member_mrn = f"{rng.randint(10000, 99999)}"
        self.sign_dates: list[dt.date] = []

    def t(self, t: dt.time) -> str:
        return k.t12(t) if self.twelve else k.t24(t)

    def member_banner(self) -> str:
        m = self.scn.member
        return _banner(m.last, m.first, m.date_of_birth, self.member_mrn, self.banner_style)

    def signature(self, who: str, day: dt.date) -> str:
        signed = k.later(day, self.rng, 0, 3)
        self.sign_dates.append(signed)
        clock = k.t12(dt.time(self.rng.randint(12, 18), self.rng.randint(0, 59)))
        return f"Electronically signed by {who} on {k.mdy(signed)} at {clock}"

    # ------------------------------------------------------------------ group sections

    def group_section(self, s: PlannedSession) -> tuple[list[str], Written]:
        rng = self.rng
        lead = k.staff_full(s.facilitators[0])
        present = (s.group_size or rng.randint(4, 8)) - (1 if s.attended else 0)
        n_absent = rng.choice((0, 1, 1, 2))
        others = rng.sample(self.roster, min(len(self.roster), present + n_absent))
        header = [
            f"GROUP NOTE - {s.title}",
            f"Service: {k.generic_label(s.kind)} ({s.cpt or 'H2027'})",
            f"Date of Service: {k.mdy(s.date)}    Start: {self.t(s.start)}    End: {self.t(s.end)}",
            f"Facilitator(s): {k.facilitator_list(s, 'full')}",
        ]
        if self.show_size:
            header.append(
                f"Clients in attendance: {present + (1 if s.attended else 0)}    "
                f"Clients absent: {n_absent + (0 if s.attended else 1)}"
            )
        header.append(f"Topic: {s.topic}")
        blocks: list[list[str]] = []
        for i, c in enumerate(others):
            status = "Present" if i < present else rng.choice(OTHER_STATUSES)
            lines = [_banner(c.last, c.first, c.dob, c.mrn, self.banner_style)]
            if status == "Present" and rng.random() < 0.15:
                late = k.shift(s.start, rng.choice((10, 25)))
                lines.append(f"Attendance: Present - arrived {self.t(late)}")
            else:
                lines.append(f"Attendance: {status}")
            if status == "Present":
                lines.append(f"Participation: {k.pick(rng, k.PARTICIPATION)}")
                lines.append(f"Response: {k.pick(rng, k.RESPONSE)}")
            lines.append(self.signature(lead, s.date))
            blocks.append(lines)
        mine = [self.member_banner()]
        states_member_times = True
        if s.attended:
            att = "Attendance: Present"
            if s.member_start is not None:
                if self.member_times:
                    att += f" - arrived late at {self.t(s.member_start)}"
                else:
                    att += " - arrived late"
                    states_member_times = False
            if s.member_end is not None:
                if self.member_times:
                    att += f" - left at {self.t(s.member_end)}"
                else:
                    att += " - left before group ended"
                    states_member_times = False
            mine.append(att)
            if self.show_modality:
                mine.append(f"Modality: {k.modality_word(s.modality)}")
            mine.append(f"Participation: {k.pick(rng, k.PARTICIPATION)}")
            mine.append(f"Response: {k.pick(rng, k.RESPONSE)}")
            mine.append("Plan: Continue IOP per treatment plan; practice skill from today's group.")
        else:
            mine.append(f"Attendance: {k.attendance_word(s.attendance, 0)}")
            mine.append(f"Comment: Client {k.absence_prose(s.absence_reason)}.")
        mine.append(self.signature(lead, s.date))
        blocks.insert(rng.randint(0, len(blocks)), mine)
        lines = list(header)
        for b in blocks:
            lines += [self.rule, *b]
        lines.append(self.rule)
        w = Written(
            session=s.index,
            files=(),
            states_member_times=states_member_times,
            states_modality=self.show_modality and s.attended,
            states_group_size=self.show_size,
            states_facilitators=True,
        )
        return lines, w

    # ------------------------------------------------------------------ single notes

    def single_note(self, s: PlannedSession) -> list[str]:
        rng = self.rng
        if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
            who = k.staff_full(self.scn.physician)
            title = "PSYCHIATRIC MEDICATION MANAGEMENT NOTE"
        elif s.kind is ServiceKind.CASE_MANAGEMENT:
            who = f"{self.scn.therapists[1].first} {self.scn.therapists[2].last}, BSW"
            title = "CASE MANAGEMENT CONTACT NOTE"
        elif s.kind is ServiceKind.FAMILY_COUNSELING:
            who = k.staff_full(self.scn.therapists[0])
            title = "FAMILY THERAPY NOTE"
        else:
            who = k.staff_full(self.scn.therapists[0])
            title = "INDIVIDUAL PSYCHOTHERAPY NOTE"
        lines = [
            title,
            self.member_banner(),
            f"Date of Service: {k.mdy(s.date)}    Start: {self.t(s.start)}    End: {self.t(s.end)}",
            f"Clinician: {who}",
        ]
        if s.cpt:
            lines.append(f"CPT: {s.cpt}")
        if s.attended:
            lines.append("Attendance: Present")
            if self.show_modality:
                lines.append(f"Modality: {k.modality_word(s.modality)}")
            if s.kind is ServiceKind.FAMILY_COUNSELING:
                lines.append("Participants: client and mother")
            lines += k.wrap(f"Focus: {s.topic}. {k.pick(rng, k.RESPONSE)}", 80)
            lines.append(f"MSE: {k.pick(rng, k.MSE)}")
        else:
            lines.append(f"Attendance: {k.attendance_word(s.attendance, 1)}")
            lines.append(f"Comment: Client {k.absence_prose(s.absence_reason)}.")
        lines.append(self.signature(who, s.date))
        return lines


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    w = _Writer(scn, rng)
    per_day = rng.random() < 0.5
    discharged = rng.random() < 0.6
    files: list[ChartFile] = []
    written: list[Written] = []

    by_day: dict[dt.date, list[PlannedSession]] = {}
    for s in scn.sessions:
        by_day.setdefault(s.date, []).append(s)
    for day, day_sessions in by_day.items():
        stamp = day.isoformat()
        groups = [s for s in day_sessions if s.is_group]
        day_lines: list[str] = []
        day_written: list[Written] = []
        for s in groups:
            section, wr = w.group_section(s)
            if per_day:
                day_lines += [*section, ""]
                day_written.append(wr)
            else:
                name = f"group_{stamp}_{k.t24(s.start, colon=False)}.txt"
                files.append(k.text_file(name, section))
                written.append(_with_file(wr, name))
        if per_day and day_lines:
            name = f"group_notes_{stamp}.txt"
            head = [f"{scn.program} - Group Notes Export - {k.mdy(day)}", ""]
            files.append(k.text_file(name, head + day_lines))
            written += [_with_file(x, name) for x in day_written]
        for s in day_sessions:
            if s.is_group or s.kind is ServiceKind.MEAL:
                continue
            tag = {
                ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "indiv",
                ServiceKind.FAMILY_COUNSELING: "family",
                ServiceKind.CASE_MANAGEMENT: "cm",
                ServiceKind.MEDICATION_MANAGEMENT: "med",
            }.get(s.kind, "note")
            name = f"{tag}_{stamp}.txt"
            files.append(k.text_file(name, w.single_note(s)))
            written.append(
                Written(
                    session=s.index,
                    files=(name,),
                    states_modality=w.show_modality and s.attended,
                )
            )

    days = k.weekday_list(k.program_weekdays(scn), "long")
    open_t, close_t = k.program_hours(scn)
    m = scn.member
    face = [
        "CLIENT FACE SHEET",
        w.member_banner(),
        f"Program: {scn.program} - Intensive Outpatient",
        f"Admission Date: {k.mdy(scn.admission_date)}",
        f"Discharge Date: {k.mdy(scn.discharge_date) if discharged else '(active client)'}",
        f"Diagnosis: {scn.diagnosis_code} - {scn.diagnosis_name}",
        f"Primary Therapist: {k.staff_full(scn.therapists[0])}",
        f"Psychiatrist: {k.staff_full(scn.physician)}",
        f"Group schedule: {days}, {w.t(open_t)} to {w.t(close_t)}",
        f"Emergency contact: {rng.choice(('mother', 'spouse', 'sister'))}, "
        f"{m.last} household, (555) {rng.randint(200, 899)}-{rng.randint(1000, 9999)}",
    ]
    files.insert(0, k.text_file("face_sheet.txt", face))
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=discharged,
        latest_document_date=max(w.sign_dates),
    )


def _with_file(wr: Written, name: str) -> Written:
    return Written(
        session=wr.session,
        files=(name,),
        states_member_times=wr.states_member_times,
        states_modality=wr.states_modality,
        states_group_size=wr.states_group_size,
        states_facilitators=wr.states_facilitators,
    )


FAMILY = Family(
    name="d3-multi-client-group-notes",
    split="dev",
    description=(
        "Group notes exported by group: one file holds every client's note for a group "
        "session (or a day's groups), each under a 'CLIENT: LAST, FIRST  DOB ...' banner; "
        "only the member's blocks are the member's sessions."
    ),
    conventions=(
        "several clients' notes in one file",
        "CLIENT: LAST, FIRST DOB banner per note",
        "group header (date, start/end, facilitators, census) shared by all clients",
        "other clients absent when the member is present and vice versa",
        "another client with the member's last name",
        "arrival time inside the client's block",
        "face sheet with posted group hours",
    ),
    render=render,
)
