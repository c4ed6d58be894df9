"""A database dump of the EHR's note table: one record per note, the note body stored as
raw RTF markup ("{\\rtf1\\ansi ... \\b Session time:\\b0  1:00pm\\tab to\\tab 2:30pm\\par}"),
with ``\\'e1``-style escapes for accented letters.

The service date column is a SQL datetime at midnight ("2025-10-14 00:00:00.000"); times
are only in the RTF body. A status-code column (legend in the dump's header comment) holds
kept / late / no-show / cancelled / absent. Notes are often created days after the service
and addenda name the service date of the note they amend. The dump is either keyed
records or SQL INSERT statements. A separate utilization summary gives counted time per
calendar day ("Mon 3h 15m") by calendar week: a summary of the same sessions, not more of
them. Meals have no notes.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, Modality, ServiceKind
from eval.check_gold import COUNTED_KINDS
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Staff,
    Written,
)
from eval.generality.styles_dev7._kit import (
    WEEKDAY_ABBR,
    by_day,
    clock12,
    clock24,
    duration_hm,
    is_group,
    member_end,
    member_start,
    minutes_of,
    program_schedule,
    staff_name,
    us_date,
)

NAME = "h2-rtf-note-dump"

_LEGEND = (
    "K = kept, KL = kept - late arrival, KE = kept - left early, NS = no show, "
    "CX = cancelled by client, AB = absent (excused)"
)
_CODE = {Attendance.NO_SHOW: "NS", Attendance.CANCELLED: "CX", Attendance.ABSENT: "AB"}
_NOTE_TYPE = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "GRP_PROG",
    ServiceKind.GROUP_EDUCATION: "GRP_PROG",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "IND_PROG",
    ServiceKind.FAMILY_COUNSELING: "FAM_PROG",
    ServiceKind.CASE_MANAGEMENT: "CM_CONTACT",
    ServiceKind.MEDICATION_MANAGEMENT: "MED_MGMT",
}
_HEADING = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "Group Psychotherapy",
    ServiceKind.GROUP_EDUCATION: "Group Psychoeducation",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Individual Psychotherapy",
    ServiceKind.FAMILY_COUNSELING: "Family Psychotherapy",
    ServiceKind.CASE_MANAGEMENT: "Case Management",
    ServiceKind.MEDICATION_MANAGEMENT: "Medication Management",
}


def rtf_text(text: str) -> str:
    """Plain text as RTF: braces and backslashes escaped, non-ASCII as \\'xx (cp1252)."""
    out: list[str] = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                code = ch.encode("cp1252")[0]
                out.append(f"\\'{code:02x}")
            except UnicodeEncodeError:
                out.append(f"\\u{ord(ch)}?")
    return "".join(out)


class _Dump:
    def __init__(self, scn: Scenario, rng: random.Random) -> None:
        self.scn = scn
        self.rng = rng
        self.sql = rng.random() < 0.5
        self.font = rng.choice(("Calibri", "Arial", "Times New Roman"))
        self.time_style = rng.choice(("tab", "dash24", "lines"))
        self.note_id = rng.randint(100_000, 600_000)
        sched = program_schedule(scn)
        self.schedule = (
            f"groups {sched.days('abbr')} {clock12(sched.start, 'lower')}-"
            f"{clock12(sched.end, 'lower')}"
        )

    def next_id(self) -> int:
        self.note_id += self.rng.randint(3, 40)
        return self.note_id

    def rtf(self, parts: list[tuple[str, str]]) -> str:
        """An RTF document of (bold label, text) paragraphs; text is already RTF."""
        head = (
            "{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat{\\fonttbl{\\f0\\fnil\\fcharset0 "
            f"{self.font};}}}}\\viewkind4\\uc1\\pard\\sa120\\f0\\fs20 "
        )
        body = "".join(
            (f"\\b {label}\\b0  {text}\\par " if label else f"{text}\\par ")
            for label, text in parts
        )
        return head + body + "}"

    def times(self, start: dt.time, end: dt.time) -> list[tuple[str, str]]:
        if self.time_style == "tab":
            return [
                (
                    "Session time:",
                    f"{clock12(start, 'lower')}\\tab to\\tab {clock12(end, 'lower')}",
                )
            ]
        if self.time_style == "dash24":
            return [("Time:", f"{clock24(start)} - {clock24(end)}")]
        return [("Start:", clock12(start)), ("End:", clock12(end))]

    def session_note(self, s: PlannedSession, *, first_only: bool) -> str:
        parts: list[tuple[str, str]] = [("", f"\\b {_HEADING[s.kind]}: {rtf_text(s.title)}\\b0")]
        parts += self.times(s.start, s.end)
        if s.member_start is not None:
            parts.append(("Client arrived:", f"{clock12(member_start(s), 'lower')} (late)"))
        if s.member_end is not None:
            parts.append(("Client left:", f"{clock12(member_end(s), 'lower')} (early)"))
        mode = "Telehealth - video" if s.modality is Modality.VIDEO else "In person"
        parts.append(("Modality:", mode))
        if is_group(s):
            parts.append(("Participants:", str(s.group_size)))
            staff = s.facilitators[:1] if first_only else s.facilitators
            parts.append(("Facilitator(s):", "; ".join(rtf_text(staff_name(f)) for f in staff)))
        elif s.kind is ServiceKind.MEDICATION_MANAGEMENT:
            parts.append(("Prescriber:", rtf_text(staff_name(self.scn.physician))))
        elif s.kind is not ServiceKind.CASE_MANAGEMENT:
            parts.append(("Therapist:", rtf_text(staff_name(self.scn.therapists[0]))))
        if s.topic:
            parts.append(("Intervention:", rtf_text(f"Addressed {s.topic}.")))
        parts.append(("Response:", "Client engaged and identified one skill to practice."))
        parts.append(("Plan:", f"Continue IOP per schedule ({self.schedule})."))
        return self.rtf(parts)

    def absence_note(self, missed: list[PlannedSession]) -> str:
        first = missed[0]
        word = {
            Attendance.NO_SHOW: "No show -- client did not attend and did not call",
            Attendance.CANCELLED: "Cancelled by client",
            Attendance.ABSENT: "Client absent (excused)",
        }[first.attendance]
        parts: list[tuple[str, str]] = [("", "\\b Absence Note\\b0")]
        for s in missed:
            times = (
                f"{clock12(s.start, 'lower')}-{clock12(s.end, 'lower')}"
                if self.time_style != "dash24"
                else f"{clock24(s.start)}-{clock24(s.end)}"
            )
            parts.append(("Scheduled:", f"{rtf_text(s.title)}, {times}"))
        reason = first.absence_reason or "no reason given"
        parts.append(("Status:", f"{word}. Reason: {rtf_text(reason)}."))
        parts.append(("Follow-up:", "Outreach call placed; client reminded of schedule."))
        return self.rtf(parts)


def _status(s: PlannedSession) -> str:
    if not s.attended:
        return _CODE[s.attendance]
    if s.member_start is not None:
        return "KL"
    if s.member_end is not None:
        return "KE"
    return "K"


def _sqldt(moment: dt.datetime, ms: int) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") + f".{ms:03d}"


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    dump = _Dump(scn, rng)
    admission_stated = rng.random() < 0.6
    discharge_stated = rng.random() < 0.5
    m = scn.member
    therapist = scn.therapists[0]
    # (note id, type, service date, status, created, author, rtf, sessions)
    records: list[tuple[int, str, dt.date, str, dt.datetime, str, str, list[int]]] = []

    def created_after(day: dt.date, t: dt.time) -> dt.datetime:
        lag = rng.choice((0, 0, 0, 0, 1, 1, 2, 4))
        seconds = rng.randint(0, 59)
        if lag == 0:
            base = dt.datetime.combine(day, t) + dt.timedelta(
                minutes=rng.randint(10, 120), seconds=seconds
            )
            return min(base, dt.datetime.combine(day, dt.time(23, 58)))
        return dt.datetime.combine(
            day + dt.timedelta(days=lag),
            dt.time(rng.randint(8, 17), rng.randint(0, 59), seconds),
        )

    def author(s: PlannedSession) -> str:
        st = s.facilitators[0] if is_group(s) else therapist
        if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
            st = scn.physician
        return author_of(st)

    if admission_stated:
        d = scn.admission_date
        body = dump.rtf(
            [
                ("", "\\b IOP Admission\\b0"),
                ("Admission date:", us_date(d)),
                ("Diagnosis:", rtf_text(f"{scn.diagnosis_code} {scn.diagnosis_name}")),
                ("Schedule:", dump.schedule + "; individual therapy weekly"),
            ]
        )
        made = dt.datetime.combine(d, dt.time(8, rng.randint(0, 40)))
        records.append((dump.next_id(), "IOP_ADMIT", d, "", made, author_of(therapist), body, []))
    addenda_for: list[PlannedSession] = [
        s for s in scn.sessions if s.attended and is_group(s) and len(s.facilitators) > 1
    ]
    addenda = set(
        x.index for x in rng.sample(addenda_for, min(len(addenda_for), rng.choice((0, 1, 2))))
    )
    for day, sessions in by_day(scn.sessions).items():
        todo = [s for s in sessions if s.kind is not ServiceKind.MEAL]
        missed = [s for s in todo if not s.attended]
        whole_day = len(missed) == len(todo) > 0 and len({s.attendance for s in missed}) == 1
        if whole_day:
            body = dump.absence_note(missed)
            made = created_after(day, missed[-1].end)
            records.append(
                (
                    dump.next_id(),
                    "ABSENCE",
                    day,
                    _status(missed[0]),
                    made,
                    author_of(therapist),
                    body,
                    [s.index for s in missed],
                )
            )
            continue
        for s in todo:
            if not s.attended:
                body = dump.absence_note([s])
                records.append(
                    (
                        dump.next_id(),
                        "ABSENCE",
                        day,
                        _status(s),
                        created_after(day, s.end),
                        author_of(therapist),
                        body,
                        [s.index],
                    )
                )
                continue
            note_id = dump.next_id()
            made = created_after(day, s.end)
            records.append(
                (
                    note_id,
                    _NOTE_TYPE[s.kind],
                    day,
                    _status(s),
                    made,
                    author(s),
                    dump.session_note(s, first_only=s.index in addenda),
                    [s.index],
                )
            )
            if s.index in addenda:
                co = s.facilitators[1]
                later = made + dt.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 3))
                body = dump.rtf(
                    [
                        ("", f"\\b Addendum to note {note_id}\\b0"),
                        (
                            "",
                            f"Late entry for date of service {us_date(day)}: the co-facilitator "
                            f"of this group was {rtf_text(staff_name(co))}.",
                        ),
                    ]
                )
                records.append(
                    (dump.next_id(), "ADDENDUM", day, "", later, author(s), body, [s.index])
                )
    if discharge_stated:
        d = scn.discharge_date
        body = dump.rtf(
            [
                ("", "\\b IOP Discharge Summary\\b0"),
                ("Discharge date:", us_date(d)),
                ("Disposition:", "Completed program; referred to weekly outpatient therapy."),
            ]
        )
        made = dt.datetime.combine(d, dt.time(rng.randint(17, 21), rng.randint(0, 59)))
        records.append((dump.next_id(), "IOP_DC", d, "", made, author_of(therapist), body, []))

    records.sort(key=lambda r: r[0])
    name = rng.choice(("CLIN_NOTE_export.txt", "note_table_dump.txt"))
    lines = [
        f"-- Export of dbo.CLIN_NOTE where PAT_ID = '{m.member_id}' ({m.last}, {m.first})",
        f"-- STATUS_CD: {_LEGEND}",
        f"-- {len(records)} rows",
        "",
    ]
    wrapped = not dump.sql and rng.random() < 0.5  # RTF line breaks kept in keyed records
    for n, (note_id, kind, day, status, made, who, body, _) in enumerate(records, start=1):
        if wrapped:
            body = body.replace("\\par ", "\\par\n")
        svc = _sqldt(dt.datetime.combine(day, dt.time(0, 0)), 0)
        made_s = _sqldt(made, rng.randint(0, 999))
        if dump.sql:
            values = ", ".join(
                (
                    str(note_id),
                    f"'{m.member_id}'",
                    f"'{kind}'",
                    f"'{svc}'",
                    f"'{status}'" if status else "NULL",
                    f"'{made_s}'",
                    "'" + who.replace("'", "''") + "'",
                    "'" + body.replace("'", "''") + "'",
                )
            )
            lines.append(
                "INSERT INTO dbo.CLIN_NOTE (NOTE_ID, PAT_ID, NOTE_TYPE, SVC_DATE, STATUS_CD, "
                f"CREATED_DTTM, AUTHOR, NOTE_RTF) VALUES ({values});"
            )
        else:
            lines += [
                f"==== RECORD {n} of {len(records)} ====",
                f"NOTE_ID       : {note_id}",
                f"PAT_ID        : {m.member_id}",
                f"NOTE_TYPE     : {kind}",
                f"SVC_DATE      : {svc}",
                f"STATUS_CD     : {status or 'NULL'}",
                f"CREATED_DTTM  : {made_s}",
                f"AUTHOR        : {who}",
                f"NOTE_RTF      : {body}",
                "",
            ]
    files = [ChartFile(name, ("\n".join(lines) + "\n").encode())]
    by_session: dict[int, list[str]] = {}
    for *_, indices in records:
        for index in indices:
            by_session.setdefault(index, [name])
    if rng.random() < 0.7:
        files.append(ChartFile("utilization_summary.txt", _utilization(scn, rng).encode()))
    written = tuple(
        Written(
            session=index,
            files=(name,),
            states_modality=scn.sessions[index].attended,
            states_group_size=scn.sessions[index].attended and is_group(scn.sessions[index]),
            states_facilitators=scn.sessions[index].attended and is_group(scn.sessions[index]),
        )
        for index in sorted(by_session)
    )
    doc_dates = [r[2] for r in records] + [r[4].date() for r in records]
    return RenderedChart(
        files=tuple(files),
        written=written,
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=max(doc_dates),
    )


def author_of(st: Staff) -> str:
    return f"{st.last.upper()}, {st.first.upper()} {st.credential}"


def _utilization(scn: Scenario, rng: random.Random) -> str:
    """Counted minutes per calendar day, by calendar week (Monday first)."""
    per_day: dict[dt.date, float] = {}
    for s in scn.sessions:
        if s.attended and s.kind in COUNTED_KINDS:
            per_day[s.date] = per_day.get(s.date, 0.0) + minutes_of(member_start(s), member_end(s))
    weeks: dict[dt.date, list[dt.date]] = {}
    for d in sorted(per_day):
        weeks.setdefault(d - dt.timedelta(days=d.weekday()), []).append(d)
    m = scn.member
    sep = rng.choice((" | ", "   ", ", "))
    lines = [
        f"IOP UTILIZATION SUMMARY -- {m.last}, {m.first} ({m.member_id})",
        "Counted service time per day (kept group, individual and family sessions).",
        "Calendar weeks, Monday to Sunday.",
        "",
    ]
    for monday, days in weeks.items():
        cells = sep.join(f"{WEEKDAY_ABBR[d.weekday()]} {duration_hm(per_day[d])}" for d in days)
        total = sum(per_day[d] for d in days)
        lines.append(f"Week of {us_date(monday)}:  {cells}    Week total {duration_hm(total)}")
    return "\n".join(lines) + "\n"


FAMILY = Family(
    name=NAME,
    split="dev",
    description=(
        "Dump of the EHR note table: SQL datetimes at midnight for the service date, "
        "times only inside raw RTF note bodies, status codes with a legend, addenda."
    ),
    conventions=(
        "raw RTF markup in the note body (\\b, \\par, \\tab, \\'e1 escapes)",
        "service date as SQL datetime at midnight; created datetime days later",
        "keyed records or SQL INSERT statements",
        "status codes K/KL/KE/NS/CX/AB explained only in a header comment",
        "one absence note for all of a day's missed services",
        "addendum naming the amended note's date of service",
        "utilization summary with per-day totals ('Mon 3h 15m') by calendar week",
    ),
    render=render,
)
