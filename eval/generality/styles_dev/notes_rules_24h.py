"""dev-notes-rules-24h: a behavioral-health EHR's "print all progress notes" text export.

Imitates the batch note print of community-mental-health EHRs: many notes in one text file,
separated by rules of ``=``, ``-`` or ``_`` and/or numbered headings ("Note 3 of 42",
"SESSION #4"); an upper-case service heading ("GROUP THERAPY - PROCESS GROUP",
"EDUCATION GROUP - ...", "CASE MANAGEMENT"); label/value header lines holding several
fields each ("DOS: 10/7/25   Time: 0900-1030   Staff: ..."); two-digit years and 24-hour
times without a colon ("0900-1030") or with one ("13:00-14:30"). Attendance is a field in
most charts; in some, attended notes carry no attendance field and only the narrative shows
the member taking part (absence notes always say which absence). Late arrival / early
departure is written as "arrived late at 0920 hrs" / "left early at 2010 hrs". Beside the
notes: an intake assessment (admission date, past IOP history), a treatment plan whose
planned frequencies and goal target dates are distractors, sometimes a late entry written
days after its date of service (or an addendum to an existing note), and a discharge note.
Some charts use CRLF line endings or split the notes by month.
"""

from __future__ import annotations

import datetime as dt
import random

from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_dev import _common as c


def _heading(s: PlannedSession) -> str:
    head = c.KIND_HEADING[s.kind]
    if s.is_group and s.title.lower() not in ("group psychotherapy",):
        return f"{head} - {s.title.upper()}"
    if s.kind is c.MM:
        return "MEDICATION MANAGEMENT - PSYCHIATRY"
    return head


def _note(
    s: PlannedSession,
    scn: Scenario,
    rng: random.Random,
    *,
    time_fmt: str,
    att_field: bool,
    late_entry_written: dt.date | None = None,
) -> tuple[list[str], dt.date, bool, bool]:
    """The note's lines, its signature date, whether it writes the member's own times, and
    whether it states attendance explicitly."""
    t = c.mil if time_fmt == "mil" else c.hhmm
    times = f"{t(s.start)}-{t(s.end)}"
    lines = [_heading(s)]
    if late_entry_written is not None:
        lines.append(
            f"*** LATE ENTRY - written {c.mdy_short(late_entry_written)} for date of service "
            f"{c.mdy_short(s.date)} ***"
        )
    time_label = "Time" if s.attended else "Scheduled"
    lines.append(
        f"DOS: {c.mdy_short(s.date)}   {time_label}: {times}   Staff: {c.provider(s, scn, '; ')}"
    )
    loc = "Telehealth - video (Zoom)" if s.modality.value == "video" else "Clinic (in person)"
    second = f"Location: {loc}"
    if s.is_group and s.group_size is not None:
        second += f"   Group size: {s.group_size}"
    code = c.code_of(s)
    if code:
        second += f"   CPT: {code}"
    lines.append(second)
    member_times = False
    stated = False
    if not s.attended:
        why = c.reason(s)
        lines.append(f"Attendance: {c.att_word(s)}" + (f" - {why}" if why else ""))
        lines.append("Outreach call placed; voicemail left. Will review at next session.")
        stated = True
    else:
        mt = c.member_times_phrase(s, "mil" if time_fmt == "mil" else "hhmm")
        if att_field:
            lines.append("Attendance: Present" + (f" ({mt})" if mt else ""))
            stated = True
        if s.topic and s.is_group:
            lines.append(f"Topic: {s.topic}")
        text = c.narrative(s, rng)
        if mt and not att_field:
            text = f"Member {mt}. " + text
        lines.append(f"Note: {text}")
        member_times = bool(mt)
    signed, at = c.signature_time(s, rng)
    if late_entry_written is not None:
        signed = late_entry_written
    signer = c.provider(s, scn, "; ").split("; ")[0]
    lines.append(f"Electronically signed: {signer} {c.mdy_short(signed)} {c.mil(at)}")
    return lines, signed, member_times, stated


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    crlf = rng.random() < 0.4
    sep = rng.choice(("=", "-", "_"))
    numbering = rng.choice(("none", "note_of", "session_hash"))
    time_fmt = rng.choice(("mil", "mil", "colon"))
    att_field = rng.random() < 0.65
    per_month = rng.random() < 0.3
    extra = ("late_entry", "addendum", "none", "late_entry")[scn.seed % 4]
    discharge_note = rng.random() < 0.8

    rec = c.Record()
    files: list[ChartFile] = []
    intake, intake_day = c.intake_doc(scn, rng, "mdy_short", schedule=False)
    files.append(c.text_file("intake_assessment.txt", c.doc_text(intake, underline="="), crlf=crlf))
    plan, plan_day = c.plan_doc(scn, rng, "mdy_short")
    files.append(c.text_file("treatment_plan.txt", c.doc_text(plan, underline="="), crlf=crlf))
    rec.dated(intake_day, plan_day)

    sessions = [s for s in scn.sessions if s.kind is not c.MEAL]
    special: PlannedSession | None = None
    if extra != "none":
        last_day = sessions[-1].date
        candidates = [s for s in sessions if s.attended and s.is_group and s.date < last_day]
        if candidates:
            special = rng.choice(candidates)
    noted = [s for s in sessions if not (extra == "late_entry" and s is special)]

    def notes_name(d: dt.date) -> str:
        return f"progress_notes_{d:%Y-%m}.txt" if per_month else "progress_notes.txt"

    by_file: dict[str, list[str]] = {}
    total = len(noted)
    for i, s in enumerate(noted, start=1):
        name = notes_name(s.date)
        out = by_file.setdefault(name, [])
        if numbering == "note_of":
            block = ["", f"Note {i} of {total}"]
        elif numbering == "session_hash":
            block = ["", c.rule(sep), f"SESSION #{i}"]
        else:
            block = ["", c.rule(sep)]
        lines, signed, member_times, stated = _note(
            s, scn, rng, time_fmt=time_fmt, att_field=att_field
        )
        out += block + lines
        rec.dated(signed)
        rec.add(
            s,
            name,
            length=True,
            kind=True,
            attendance=stated,
            implied=s.attended,
            member_times=member_times,
            modality=True,
            group_size=True,
            facilitators=True,
        )
    if discharge_note:
        name = notes_name(scn.discharge_date)
        sign = scn.discharge_date
        by_file.setdefault(name, []).extend(
            [
                "",
                c.rule(sep),
                "DISCHARGE NOTE",
                f"Date: {c.mdy_short(sign)}   Staff: {c.staff(scn.therapists[0])}",
                f"Member discharged from IOP on {c.mdy_short(scn.discharge_date)}; treatment goals "
                "partially met. Step down to weekly outpatient therapy.",
                f"Electronically signed: {c.staff(scn.therapists[0])} {c.mdy_short(sign)}",
            ]
        )
        rec.dated(sign)
    for name, lines in by_file.items():
        head = [
            f"{scn.program} - PROGRESS NOTES",
            f"Client: {scn.member.name}   DOB: {c.mdy_short(scn.member.date_of_birth)}   "
            f"MRN: {scn.member.member_id}",
        ]
        files.append(
            c.text_file(name, head + lines + ["", c.rule(sep), "END OF REPORT"], crlf=crlf)
        )

    if special is not None:
        written_on = special.date + dt.timedelta(days=rng.choice((1, 2, 3)))
        if extra == "late_entry":
            lines, signed, member_times, stated = _note(
                special, scn, rng, time_fmt=time_fmt, att_field=True, late_entry_written=written_on
            )
            name = f"late_entry_{written_on:%Y%m%d}.txt"
            rec.add(
                special,
                name,
                length=True,
                kind=True,
                attendance=stated,
                member_times=member_times,
                modality=True,
                group_size=True,
                facilitators=True,
            )
        else:
            t = c.mil if time_fmt == "mil" else c.hhmm
            lines = [
                "ADDENDUM",
                f"Date written: {c.mdy_short(written_on)}",
                f"Addendum to {_heading(special).title()} note, DOS {c.mdy_short(special.date)} "
                f"{t(special.start)}-{t(special.end)}:",
                "Member disclosed increased urges to isolate after group; safety plan reviewed "
                "and member agreed to call the crisis line if needed.",
                f"Electronically signed: {c.staff(scn.therapists[0])} "
                f"{c.mdy_short(written_on)} 0930",
            ]
            signed = written_on
            name = f"addendum_{written_on:%Y%m%d}.txt"
            rec.add(special, name, length=True, kind=True, attendance=False)
        rec.dated(signed)
        files.append(c.text_file(name, lines, crlf=crlf))

    return RenderedChart(
        files=tuple(files),
        written=rec.written(),
        admission_stated=True,
        discharge_stated=discharge_note,
        latest_document_date=rec.latest(),
    )


FAMILY = Family(
    name="dev-notes-rules-24h",
    split="dev",
    description=(
        "EHR batch print of progress notes: many notes per text file separated by rules or "
        "numbered headings, label/value lines with several fields, M/D/YY and 0900-1030."
    ),
    conventions=(
        "many notes in one file separated by ====/----/____ rules",
        "numbered headings 'Note 3 of 42' or 'SESSION #4'",
        "upper-case service headings (GROUP THERAPY - ..., EDUCATION GROUP - ...)",
        "several label/value fields per line (DOS: 10/7/25   Time: 0900-1030   Staff: ...)",
        "24-hour times 0900-1030 or 13:00-14:30",
        "attendance field, or only a narrative of participation (implied attendance)",
        "late arrival / early departure as 'arrived late at 0920 hrs'",
        "late entry written after its date of service, or an addendum to an existing note",
        "treatment plan with planned frequency and goal target dates (distractors)",
        "CRLF line endings in some charts; notes split by month in some",
    ),
    render=render,
)
