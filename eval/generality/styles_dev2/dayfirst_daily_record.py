"""dayfirst-daily-record: a day-first, 24-hour "h" daily programme record in Markdown.

Imitates the records of clinics whose staff write dates day first and times with an
``h`` (``09h00–10h30``), as in Commonwealth, South African or Quebec practice: a Markdown
file per month, a heading per programme day whose date form changes from day to day
within one file ("Tue 14th October", "14 Oct 2025", "14/10/2025", "Tuesday 14 October
2025", "14.10.25"), and the day's sessions as bullet points (time, service, facilitator,
headcount, attendance, modality). Times are ``09h00–10h30``, ``9h00-10h30``, ``09h00 to
10h30`` or a start and a length (``09h00 (90 min)``); late arrival / early departure as
``arr. 09h20`` / ``left 12h00``. Attendance words: attended, "DNA – no contact (no-show)",
"cancelled by client", "absent". Individual and family sessions are bullets and also have
their own session note (same session in two files). In some charts facilitators appear
only as initials, the in-person setting is never written, or the headcount is left out.
A referral/admission letter states the admission date; most charts have a discharge
letter (else the episode ends at the latest document date).
"""

from __future__ import annotations

import datetime as dt
import random

from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Staff,
)
from eval.generality.styles_dev2 import _kit as k

SERVICE = {
    k.GP: "group therapy",
    k.GE: "psychoeducation group",
    k.IND: "1:1 therapy",
    k.FAM: "family session",
    k.CM: "case management",
    k.MM: "medication review",
    k.MEAL: "lunch",
}


def h(t: dt.time, pad: bool = True) -> str:
    """09h00 (or 9h00)."""
    return f"{t.hour:02d}h{t.minute:02d}" if pad else f"{t.hour}h{t.minute:02d}"


def _heading_date(d: dt.date, form: int) -> str:
    if form == 0:
        return f"{k.DAY3[d.weekday()]} {k.ordinal(d.day)} {k.MONTH_FULL[d.month - 1]}"
    if form == 1:
        return k.d_mon_y(d)
    if form == 2:
        return k.dmy(d)
    if form == 3:
        return f"{k.DAY_FULL[d.weekday()]} {d.day} {k.MONTH_FULL[d.month - 1]} {d.year}"
    return f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"


def _span(s: PlannedSession, form: str) -> str:
    if form == "pad":
        return f"{h(s.start)}–{h(s.end)}"
    if form == "nopad":
        return f"{h(s.start, False)}-{h(s.end, False)}"
    if form == "to":
        return f"{h(s.start)} to {h(s.end)}"
    return f"{h(s.start)} ({round(s.scheduled_minutes)} min)"


def _who(p: Staff, full: bool) -> str:
    if full:
        return f"{p.first[0]}. {p.last} ({p.credential})"
    return f"{p.first[0]}{p.last[0]}"


def _attendance(s: PlannedSession) -> str:
    why = k.absence_reason(s)
    if s.attended:
        return "attended"
    if s.attendance is k.NS:
        return "DNA – no contact (no-show)"
    if s.attendance is k.CX:
        return "cancelled by client" + (f" ({why})" if why else "")
    return "absent" + (f" ({why})" if why else "")


def _service(s: PlannedSession) -> str:
    if s.is_group:
        if s.title.lower() in ("group psychotherapy", "psychoeducation group"):
            return SERVICE[s.kind].capitalize()
        return f"{s.title} ({SERVICE[s.kind]})"
    return SERVICE[s.kind].capitalize()


def _bullet(
    s: PlannedSession,
    scn: Scenario,
    opts: dict[str, bool | str],
) -> tuple[str, dict[str, bool]]:
    parts = [_span(s, str(opts["time"])), _service(s)]
    st = {"member": False, "modality": False, "size": False, "fac": False}
    staff = k.session_staff(s, scn)
    if s.kind is k.CM:
        staff = (k.CASE_MANAGER,)
    if staff and s.kind is not k.MEAL:
        full = bool(opts["fac_full"]) or not s.is_group
        parts.append(" & ".join(_who(p, full) for p in staff))
        st["fac"] = full
    if s.is_group and s.attended and opts["size"] and s.group_size is not None:
        parts.append(f"{s.group_size} attending")
        st["size"] = True
    att = _attendance(s)
    extra = []
    if s.member_start is not None:
        extra.append(f"arr. {h(s.member_start)}")
        st["member"] = True
    if s.member_end is not None:
        extra.append(f"left {h(s.member_end)}")
        st["member"] = True
    if extra:
        att += ", " + ", ".join(extra)
    parts.append(att)
    if s.attended and s.kind is not k.MEAL:
        if k.is_video(s):
            parts.append("via video")
            st["modality"] = True
        elif opts["in_person"]:
            parts.append("in person")
            st["modality"] = True
    return "- " + " · ".join(parts), st


def _session_note(
    s: PlannedSession, scn: Scenario, rng: random.Random
) -> tuple[list[str], dt.date]:
    title = "Family session" if s.kind is k.FAM else "1:1 therapy session"
    date_txt = k.d_mon_y(s.date) if rng.random() < 0.5 else k.dmy(s.date)
    lines = [f"### {title} — {date_txt}, {h(s.start)}–{h(s.end)}", ""]
    lines.append(f"Clinician: {k.staff_full(scn.therapists[0])}")
    if s.attended:
        lines.append("Seen " + ("by video." if k.is_video(s) else "in person at the clinic."))
        lines.append(k.therapy_narrative(s, rng))
    else:
        lines.append(f"Client {_attendance(s)}. Follow-up call made.")
    signed, minute = s.date, s.end.hour * 60 + s.end.minute + rng.randint(20, 120)
    if minute >= 23 * 60 or rng.random() < 0.3:
        signed, minute = s.date + dt.timedelta(days=1), rng.randint(8 * 60, 10 * 60)
    at = dt.time(minute // 60, minute % 60)
    lines += ["", f"_Signed {_who(scn.therapists[0], False)} {k.dmy(signed)} {h(at)}_", ""]
    return lines, signed


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    opts: dict[str, bool | str] = {
        "time": ("pad", "nopad", "to", "dur")[scn.seed % 4],
        "fac_full": rng.random() < 0.65,
        "size": rng.random() < 0.6,
        "in_person": rng.random() < 0.5,
    }
    with_lunch = rng.random() < 0.6
    discharge = rng.random() < 0.7
    led = k.Ledger()
    files: list[ChartFile] = []
    sessions = [s for s in scn.sessions if with_lunch or s.kind is not k.MEAL]
    days = k.by_day(sessions)
    month_days: dict[tuple[int, int], list[dt.date]] = {}
    last = max(days)
    for d in sorted(set(days) | {c for c in scn.closed_days if c < last}):
        month_days.setdefault((d.year, d.month), []).append(d)
    notes_name = "session_notes.md"
    note_lines = [f"# Session notes — {scn.member.name}", ""]
    for (year, month), dates in sorted(month_days.items()):
        name = f"programme_record_{year}-{month:02d}.md"
        lines = [
            f"# Daily programme record — {k.MONTH_FULL[month - 1]} {year}",
            "",
            f"**Client:** {scn.member.name} · **Client no.:** {scn.member.member_id} · "
            f"**Programme:** {scn.program}",
            "",
            "_Dates are written day/month/year; times are 24-hour (09h00)._",
            "",
        ]
        for d in dates:
            form = rng.randrange(5)
            if d in scn.closed_days:
                lines += [f"## {_heading_date(d, form)} — programme closed (public holiday)", ""]
                continue
            lines += [f"## {_heading_date(d, form)}", ""]
            for s in sorted(days[d], key=lambda x: x.start):
                bullet, st = _bullet(s, scn, opts)
                lines.append(bullet)
                led.note(
                    s,
                    name,
                    length=True,
                    kind=True,
                    attendance=True,
                    member_times=st["member"],
                    modality=st["modality"],
                    group_size=st["size"],
                    facilitators=st["fac"],
                )
                if s.kind in (k.IND, k.FAM):
                    note, signed = _session_note(s, scn, rng)
                    note_lines += note
                    led.dated(signed)
                    led.note(
                        s,
                        notes_name,
                        length=True,
                        kind=True,
                        attendance=not s.attended,
                        implied=s.attended,
                        modality=s.attended,
                    )
            lines.append("")
        files.append(k.text_file(name, lines))
    if len(note_lines) > 2:
        files.append(k.text_file(notes_name, note_lines))

    slots = k.day_slots(scn)
    letter_day = scn.admission_date - dt.timedelta(days=rng.randint(0, 3))
    admission = [
        "# Referral and admission",
        "",
        f"**Date:** {k.d_mon_y(letter_day)}",
        "",
        f"Re: {scn.member.name}, born {k.dmy(scn.member.date_of_birth)}, "
        f"client no. {scn.member.member_id}",
        "",
        f"Referred by the community mental health team for {scn.diagnosis_name.lower()} "
        f"({scn.diagnosis_code}) with a recent deterioration at home and at work.",
        "",
        f"Admitted to the intensive outpatient programme on {k.d_mon_y(scn.admission_date)}.",
        "",
        f"Programme days: {', '.join(k.DAY_FULL[w] for w in k.program_weekdays(scn))}, "
        f"{h(slots[0][0])} to {h(slots[-1][1])}.",
        "",
        f"_{k.staff_full(scn.therapists[0])}_",
    ]
    files.append(k.text_file("referral_and_admission.md", admission))
    led.dated(letter_day, scn.admission_date)
    if discharge:
        written = scn.discharge_date + dt.timedelta(days=rng.choice((1, 2, 4)))
        review = scn.discharge_date + dt.timedelta(days=rng.choice((14, 21, 28)))
        letter = [
            "# Discharge letter",
            "",
            f"**Date:** {_heading_date(written, 3)}",
            "",
            f"{scn.member.name} was discharged from the programme on "
            f"{k.dmy(scn.discharge_date)} having completed treatment.",
            "",
            f"Outpatient review booked for {k.dmy(review)} at 10h00.",
            "",
            f"_{k.staff_full(scn.therapists[0])}_",
        ]
        files.append(k.text_file("discharge_letter.md", letter))
        led.dated(written)
    return RenderedChart(
        files=tuple(files),
        written=led.written(),
        admission_stated=True,
        discharge_stated=discharge,
        latest_document_date=led.latest(),
    )


FAMILY = Family(
    name="dayfirst-daily-record",
    split="dev",
    description=(
        "Markdown daily programme record with day-first and spelled-out dates mixed within a "
        "file, 24-hour 'h' times (09h00–10h30), and each day's sessions as bullet points "
        "under a date heading; separate 1:1 session notes."
    ),
    conventions=(
        "date headings mixed: 'Tue 14th October', '14 Oct 2025', '14/10/2025', '14.10.25'",
        "day-first numeric dates (14/10/2025; 03/10/2025 is 3 October)",
        "times 09h00–10h30, 9h00-10h30, 09h00 to 10h30, or 09h00 (90 min)",
        "sessions as bullets: time · service · facilitator · headcount · attendance · modality",
        "'DNA – no contact (no-show)', 'cancelled by client', 'absent'",
        "late/early as 'arr. 09h20' / 'left 12h00'",
        "facilitators as initials only (no credential) in some charts",
        "1:1 and family sessions both as bullets and as separate session notes",
        "closed public holidays as headings",
        "no discharge letter in some charts (episode ends at latest document date)",
    ),
    render=render,
)
