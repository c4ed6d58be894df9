"""Narrative SOAP progress notes where the service times are never in a labelled field of
their own: they are in sentences ("Member arrived at 9:20 am and stayed until group ended at
10:30"), or in a billing footer under the signature ("Time: 0900-1030 (90 min)") next to
the e-signature timestamp, or in a one-line header.

Notes are one per session or one per program day (the daily note names each group with its
times, and the lunch break); containers are weekly Markdown files, monthly RTF dumps or one
long text file. In some charts the note never says "attended" and only describes what the
member did in the group.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_heldout4._kit import (
    ChartBuilder,
    by_day,
    has_member_times,
    hhmm,
    is_group,
    mdy,
    program_week,
    rtf_document,
    rtf_par,
    t12,
    t24,
    video,
)

NUM_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
QUOTES = (
    "I didn't want to come today but I'm glad I did.",
    "The weekend was hard; I isolated most of Saturday.",
    "I used the breathing skill when my boss yelled.",
    "Sleep is a little better since I stopped the late coffee.",
    "I keep thinking everyone is judging me.",
    "I called my sister like we practiced.",
)
AFFECTS = ("constricted", "anxious", "euthymic", "tearful at times", "irritable", "brighter")


def _rng_text(a: dt.time, b: dt.time, style: str) -> str:
    """A time range in running text, e.g. ``9:00 to 10:30 am`` or ``11:30 AM to 12:45 PM``."""
    lower = style == "lower"
    dots = style == "dots"
    if (a.hour < 12) == (b.hour < 12):
        bare = f"{a.hour % 12 or 12}:{a.minute:02d}"
        return f"{bare} to {t12(b, lower=lower, dots=dots)}"
    return f"{t12(a, lower=lower, dots=dots)} to {t12(b, lower=lower, dots=dots)}"


def _count(n: int, rng: random.Random) -> str:
    return NUM_WORDS[n] if n < len(NUM_WORDS) and rng.random() < 0.5 else str(n)


class _Notes:
    """Writes notes for one chart: chooses sentences, records what each note states."""

    def __init__(self, scn: Scenario, rng: random.Random, b: ChartBuilder) -> None:
        self.scn = scn
        self.rng = rng
        self.b = b
        self.placement = rng.choice(("sentence", "sentence", "footer", "header"))
        self.explicit = rng.random() < 0.6  # says "attended" / "in person" in words
        self.style = rng.choice(("lower", "upper", "dots"))
        self.write_facilitators = rng.random() < 0.7
        self.write_size = rng.random() < 0.7

    def tt(self, t: dt.time) -> str:
        return t12(t, lower=self.style == "lower", dots=self.style == "dots")

    def staff(self, s: PlannedSession) -> str:
        if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
            p = self.scn.physician
        elif s.facilitators:
            p = s.facilitators[0]
        else:
            p = self.scn.therapists[0]
        return f"{p.name}, {p.credential}"

    def signed(self, s: PlannedSession) -> tuple[dt.date, str]:
        d = s.date + dt.timedelta(days=self.rng.choice((0, 0, 0, 1, 2)))
        self.b.date(d)
        earliest = s.end.hour + 1 if d == s.date else 8
        ts = f"{self.rng.randint(min(earliest, 22), 22):02d}:{self.rng.randint(0, 59):02d}"
        return d, f"Electronically signed by {self.staff(s)} on {mdy(d)} at {ts}"

    # ----------------------------------------------------------------- sentences

    def time_sentence(self, s: PlannedSession) -> str:
        r = self.rng
        if s.member_start:
            late = int(
                (s.member_start.hour * 60 + s.member_start.minute)
                - (s.start.hour * 60 + s.start.minute)
            )
            return (
                f"Member arrived at {self.tt(s.member_start)}, {late} minutes after group began "
                f"at {self.tt(s.start)}, and stayed until it ended at {self.tt(s.end)}."
            )
        if s.member_end:
            return (
                f"Group ran from {_rng_text(s.start, s.end, self.style)}; member left early "
                f"at {self.tt(s.member_end)}."
            )
        word = "Group" if is_group(s) else "Session"
        return r.choice(
            (
                f"{word} met from {_rng_text(s.start, s.end, self.style)}.",
                f"The session ran from {_rng_text(s.start, s.end, self.style)}.",
                f"The {int(s.scheduled_minutes)}-minute session began at {self.tt(s.start)} "
                f"and ended at {self.tt(s.end)}.",
            )
        )

    def attendance_sentence(self, s: PlannedSession) -> str:
        where = "via secure video (Zoom) from home" if video(s) else "in person at the clinic"
        if self.explicit:
            return f"Member attended {where} and participated."
        if video(s):
            return "Member joined via secure video (Zoom) from home."
        return ""

    def group_lines(self, s: PlannedSession) -> list[str]:
        lines = []
        if self.write_facilitators and s.facilitators:
            lead = s.facilitators[0]
            text = f"Facilitated by {lead.name}, {lead.credential}"
            if len(s.facilitators) > 1:
                co = s.facilitators[1]
                text += f", with co-facilitator {co.name}, {co.credential}"
            lines.append(text + ".")
        if self.write_size and s.group_size:
            lines.append(
                f"{_count(s.group_size, self.rng).capitalize()} members were present, "
                "including this member."
            )
        return lines

    def absence_sentence(self, s: PlannedSession, when: str) -> str:
        reason = f" ({s.absence_reason})" if s.absence_reason else ""
        if s.attendance is Attendance.NO_SHOW:
            return f"No-show: member did not arrive for {s.title} {when} and did not call{reason}."
        if s.attendance is Attendance.CANCELLED:
            return f"Member cancelled {s.title} {when} ahead of time{reason}."
        return f"Member was absent from {s.title} {when}{reason}."

    # ----------------------------------------------------------------- notes

    def session_note(self, s: PlannedSession, file: str) -> list[str]:
        """One note for one session (attended or not)."""
        r = self.rng
        _, signature = self.signed(s)
        code = f" ({s.cpt})" if s.cpt else ""
        header = f"{mdy(s.date)} {t24(s.start)}-{t24(s.end)} | {s.title}{code} | {self.staff(s)}"
        title = f"{s.title} - {'Progress Note (SOAP)' if s.attended else 'Absence Note'}"
        lines: list[str] = ["#" + title]
        if self.placement == "header":
            lines.append(header)
        else:
            lines.append(f"Date of service: {mdy(s.date)}")
        times_in_text = self.placement == "sentence"
        times_in_footer = self.placement == "footer"
        member_times = has_member_times(s)
        if not s.attended:
            when = (
                f"scheduled {_rng_text(s.start, s.end, self.style)}" if times_in_text else "today"
            )
            lines.append(self.absence_sentence(s, when))
            lines.append("Outreach call placed; absence discussed with treatment team.")
            member_times = True  # nothing of the member's own to state
        else:
            body: list[str] = []
            if times_in_text:
                body.append(self.time_sentence(s))
            elif s.member_start:
                member_times = False
                body.append("Member arrived late.")
            elif s.member_end:
                member_times = False
                body.append("Member left before the end of group.")
            att = self.attendance_sentence(s)
            if att:
                body.append(att)
            if is_group(s):
                body += self.group_lines(s)
            lines.append(f'S: Member stated, "{r.choice(QUOTES)}"')
            lines.append("O: " + " ".join([*body, f"Affect {r.choice(AFFECTS)}."]))
            focus = s.topic or "treatment plan goals"
            lines.append(
                f"A: {s.title} focused on {focus}. Member is making partial progress toward "
                "the treatment plan goal of reducing depressive and anxious symptoms."
            )
            lines.append("P: Continue IOP as scheduled; practice the skill reviewed today.")
        if times_in_footer:
            mins = int(s.scheduled_minutes)
            foot = f"Service: {s.cpt or '-'} {s.title} | DOS {mdy(s.date)} | Time: "
            foot += f"{hhmm(s.start)}-{hhmm(s.end)} ({mins} min)"
            if s.attended and has_member_times(s):
                foot += (
                    f" | Member present {hhmm(s.member_start or s.start)}-"
                    f"{hhmm(s.member_end or s.end)}"
                )
                member_times = True
            lines += ["----", foot]
        lines.append(signature)
        lines = [line.replace(".m..", ".m.") for line in lines]
        self.b.doc(
            s,
            file,
            length=True,
            attendance=self.explicit or not s.attended,
            implied=True,
            member_times=member_times,
            modality=s.attended and (video(s) or self.explicit),
            group_size=self.write_size and s.attended,
            facilitators=self.write_facilitators and s.attended,
        )
        return lines

    def day_note(self, day: dt.date, sessions: list[PlannedSession], file: str) -> list[str]:
        """One daily IOP note covering the day's groups and lunch."""
        r = self.rng
        first = sessions[0]
        _, signature = self.signed(sessions[-1])
        lines = [f"#Daily IOP Progress Note - {mdy(day)}"]
        if not first.attended:
            parts = [f"{s.title} ({_rng_text(s.start, s.end, self.style)})" for s in sessions]
            listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
            word = {
                Attendance.ABSENT: "was absent from",
                Attendance.NO_SHOW: "was a no-show for",
                Attendance.CANCELLED: "cancelled",
            }[first.attendance]
            reason = f" Reason: {first.absence_reason}." if first.absence_reason else ""
            lines.append(f"Member {word} all IOP services today: {listed}.{reason}")
            lines.append("Staff will follow up by phone before the next program day.")
            for s in sessions:
                self.b.doc(s, file, length=True, member_times=True)
            lines.append(signature)
            return [line.replace(".m..", ".m.") for line in lines]
        lines.append(f'S: Member stated, "{r.choice(QUOTES)}"')
        for s in sessions:
            if s.kind is ServiceKind.MEAL:
                if s.attended:
                    lines.append(
                        f"Member ate lunch with peers from {_rng_text(s.start, s.end, self.style)}"
                        " (not a billable service)."
                    )
                    self.b.doc(s, file, length=True, attendance=False, implied=True)
                else:
                    lines.append(f"Member was not present for lunch ({s.absence_reason}).")
                    self.b.doc(s, file, length=False)
                continue
            if not s.attended:
                lines.append(
                    self.absence_sentence(s, f"scheduled {_rng_text(s.start, s.end, self.style)}")
                )
                self.b.doc(s, file, length=True, member_times=True)
                continue
            parts = [f"O ({s.title}): {self.time_sentence(s)}"]
            att = self.attendance_sentence(s)
            if att:
                parts.append(att)
            parts += self.group_lines(s)
            parts.append(f"Topic: {s.topic}. Affect {r.choice(AFFECTS)}.")
            lines.append(" ".join(parts))
            self.b.doc(
                s,
                file,
                length=True,
                attendance=self.explicit,
                implied=True,
                member_times=True,
                modality=video(s) or self.explicit,
                group_size=self.write_size,
                facilitators=self.write_facilitators,
            )
        lines.append(
            "A: Member is engaging with skills toward the treatment plan goal of fewer "
            "depressive days per week."
        )
        lines.append("P: Continue IOP; review the skill at the next session.")
        lines.append(signature)
        return [line.replace(".m..", ".m.") for line in lines]


def _episode_notes(scn: Scenario, b: ChartBuilder) -> tuple[list[str], list[str]]:
    m = scn.member
    b.date(scn.admission_date)
    b.date(scn.discharge_date)
    adm = [
        "#IOP Admission Note",
        f"Member: {m.name}   DOB: {mdy(m.date_of_birth)}   ID: {m.member_id}",
        f"Date of admission: {mdy(scn.admission_date)}",
        f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
        "Member admitted to the Intensive Outpatient Program after intake assessment.",
    ]
    dis = [
        "#IOP Discharge Summary",
        f"Date of discharge: {mdy(scn.discharge_date)}",
        "Member completed the program and steps down to weekly outpatient therapy.",
    ]
    return adm, dis


def _write(container: str, blocks: dict[str, list[list[str]]], b: ChartBuilder) -> None:
    for name, notes in blocks.items():
        if container == "md":
            out = []
            for note in notes:
                out.append("## " + note[0].lstrip("#"))
                out.append("")
                for line in note[1:]:
                    if line == "----":
                        out.append("---")
                    elif line[:2] in ("S:", "O:", "A:", "P:") or line.startswith("O ("):
                        head, _, rest = line.partition(":")
                        out.append(f"**{head}:**{rest}")
                    else:
                        out.append(line)
                    out.append("")
            b.add_text(name, "\n".join(out))
        elif container == "rtf":
            body = []
            for note in notes:
                body.append(rtf_par(note[0].lstrip("#"), bold=True))
                body += [rtf_par(line) for line in note[1:]]
                body.append("\\par\n")
            b.add_text(name, rtf_document(body))
        else:
            out = []
            for note in notes:
                out.append("=" * 70)
                out.append(note[0].lstrip("#").upper())
                out += note[1:]
                out.append("")
            b.add_text(name, "\n".join(out))


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    b = ChartBuilder(scn)
    notes = _Notes(scn, rng, b)
    container = ("md", "rtf", "txt")[(scn.seed % 100) % 3]
    per_day = notes.placement == "sentence" and rng.random() < 0.5
    stated = rng.random() < 0.6
    ext = {"md": "md", "rtf": "rtf", "txt": "txt"}[container]

    name_of: Callable[[dt.date], str]
    if container == "md":

        def name_of(d: dt.date) -> str:
            return f"progress_notes_week_{program_week(scn, d):02d}.{ext}"
    elif container == "rtf":

        def name_of(d: dt.date) -> str:
            return f"notes_{d.year}-{d.month:02d}.{ext}"
    else:

        def name_of(d: dt.date) -> str:
            return f"progress_notes.{ext}"

    blocks: dict[str, list[list[str]]] = {}
    adm, dis = _episode_notes(scn, b) if stated else ([], [])
    if stated:
        blocks.setdefault(name_of(scn.admission_date), []).append(adm)
    for day, sessions in by_day(scn):
        file = name_of(day)
        if per_day:
            daily = [s for s in sessions if is_group(s) or s.kind is ServiceKind.MEAL]
            others = [s for s in sessions if s not in daily]
            for s in others:
                if s.start < daily[0].start:
                    blocks.setdefault(file, []).append(notes.session_note(s, file))
            blocks.setdefault(file, []).append(notes.day_note(day, daily, file))
            for s in others:
                if s.start >= daily[0].start:
                    blocks.setdefault(file, []).append(notes.session_note(s, file))
        else:
            for s in sessions:
                if s.kind is ServiceKind.MEAL:
                    continue  # the per-session template has no note for lunch
                blocks.setdefault(file, []).append(notes.session_note(s, file))
    if stated:
        blocks.setdefault(name_of(scn.discharge_date), []).append(dis)
    _write(container, blocks, b)
    return b.build(admission_stated=stated, discharge_stated=stated)


FAMILY = Family(
    name="h4-soap-narrative",
    split="heldout",
    description=(
        "narrative SOAP notes whose times are only in sentences, in a billing footer under "
        "the e-signature, or in a one-line header; per-session or daily notes in weekly "
        "Markdown, monthly RTF or one text file"
    ),
    conventions=(
        "times in sentences: 'arrived at 9:20 am ... until it ended at 10:30 am'",
        "range with one meridiem: '9:00 to 10:30 AM', 'a.m./p.m.'",
        "billing footer 'Time: 0900-1030 (90 min)' under the signature",
        "e-signature timestamp on a later date",
        "daily note covering several groups and lunch",
        "group size in words ('Seven members were present')",
        "attendance only implied by participation in some charts",
        "RTF note dump",
    ),
    render=render,
)
