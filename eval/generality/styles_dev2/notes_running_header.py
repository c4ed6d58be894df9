"""notes-running-header: narrative progress notes whose date of service is only in the
running page header, with times written in words.

Imitates the "print chart" PDF of narrative-style EHRs: a day's notes start on a new page,
and the date of service appears only in the page's running header ("DOS: 10/14/2025",
"Service Date 14-OCT-2025 (Tue)"), repeated on a continuation page. The note bodies carry
no date of their own except the electronic-signature date, which is often the next day;
the footer's "Printed <date> ... Page 3 of 19" is the print date, not a date of service.
Times and lengths are prose: "The group met from nine until half past ten in the morning",
"This ninety-minute group began at a quarter to eleven", "a fifty-three-minute session
beginning at ten to one"; late arrival / early departure likewise ("arrived at twenty past
nine, twenty minutes after the start"). Attendance is explicit in some notes ("The client
attended ...") and only a narrative of taking part in others; absence notes say no-show /
cancelled / absent. Group size, facilitators and the in-person setting are written in
some notes and not in others; a few notes give no time at all (length unknown). An
intake gives the admission date and a discharge summary the discharge date. Notes are one
PDF or one PDF per month.
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
)
from eval.generality.styles_dev2 import _kit as k

HEAD_KIND = {
    k.GP: "GROUP PSYCHOTHERAPY NOTE",
    k.GE: "PSYCHOEDUCATION GROUP NOTE",
    k.IND: "INDIVIDUAL PSYCHOTHERAPY NOTE",
    k.FAM: "FAMILY THERAPY NOTE",
    k.CM: "CASE MANAGEMENT NOTE",
    k.MM: "MEDICATION MANAGEMENT NOTE",
}


def _dos_header(d: dt.date, form: int) -> str:
    if form == 0:
        return f"DOS: {k.mdy(d)}"
    if form == 1:
        return f"Service Date {k.dd_mon_yyyy(d)} ({k.DAY3[d.weekday()]})"
    return f"Date of Service: {k.DAY_FULL[d.weekday()]} {k.mdy(d)}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _span_sentence(s: PlannedSession, rng: random.Random, what: str) -> str:
    """A sentence giving the session's scheduled time (range, or start and duration)."""
    start, end = k.time_words(s.start), k.time_words(s.end)
    part = k.day_part(s.start)
    minutes = round(s.scheduled_minutes)
    form = rng.randrange(4)
    if form == 0:
        return f"The {what} met {k.range_words(s.start, s.end)}."
    if form == 1:
        return f"This {number_adj(minutes)} {what} began at {start} {part}."
    if form == 2:
        return (
            f"The {what} ran for {k.duration_words(minutes, rng.randrange(2))}, "
            f"starting at {k.ampm(s.start, dots=True)}"
        )
    if day_part(s.start, s.end):
        return f"The {what} was held {part}, from {start} to {end}."
    return f"The {what} was held {k.range_words(s.start, s.end, 'to')}."


def day_part(a: dt.time, b: dt.time) -> bool:
    """Whether both ends fall in the same part of the day."""
    return k.day_part(a) == k.day_part(b)


def number_adj(minutes: int) -> str:
    """90 -> ninety-minute; 60 -> hour-long."""
    if minutes == 60:
        return "hour-long"
    return f"{k.number_words(minutes)}-minute"


def _member_sentence(s: PlannedSession) -> str:
    out = []
    if s.member_start is not None:
        late = k.minutes_between(s.start, s.member_start)
        out.append(
            f"The client arrived at {k.time_words(s.member_start)}, "
            f"{k.number_words(late)} minutes after the start, and stayed for the remainder."
        )
    if s.member_end is not None:
        early = k.minutes_between(s.member_end, s.end)
        out.append(
            f"The client left at {k.time_words(s.member_end)}, {k.number_words(early)} minutes "
            "before the end, to get to a medical appointment."
        )
    return " ".join(out)


def _absence(s: PlannedSession) -> str:
    why = k.absence_reason(s)
    if s.attendance is k.NS:
        return (
            "No-show: the client did not attend and did not call; an outreach call went to "
            "voicemail."
        )
    if s.attendance is k.CX:
        return "The client cancelled ahead of time" + (f" ({why})." if why else ".")
    if why == "left the program early":
        return "The client was absent from this session, having left the program early today."
    return "The client was absent today" + (f" ({why})." if why else ".")


def _group_note(
    s: PlannedSession, rng: random.Random, scn: Scenario
) -> tuple[list[str], dict[str, bool]]:
    """Paragraphs of a group note, and which slots they state."""
    stated = {
        "length": False,
        "attendance": False,
        "implied": False,
        "modality": False,
        "size": False,
        "fac": False,
        "member": False,
    }
    kind_word = "group" if s.kind is k.GP else "education group"
    paras: list[str] = []
    first: list[str] = []
    if not s.attended:
        first.append(_absence(s))
        stated["attendance"] = True
        if rng.random() < 0.5:
            first.append(_span_sentence(s, rng, kind_word))
            stated["length"] = True
        paras.append(" ".join(first))
        return paras, stated
    if rng.random() < 0.93:
        first.append(_span_sentence(s, rng, kind_word))
        stated["length"] = True
    if k.is_video(s):
        first.append("The client joined by secure video (Zoom) from home.")
        stated["modality"] = True
    elif rng.random() < 0.45:
        first.append(f"The group met in person in {rng.choice(('Room 3', 'the main group room'))}.")
        stated["modality"] = True
    if rng.random() < 0.7 and s.group_size is not None:
        first.append(
            f"{_cap(k.number_words(s.group_size))} clients were present, including this client."
        )
        stated["size"] = True
    if rng.random() < 0.8:
        lead = s.facilitators[0]
        sentence = f"Facilitated by {k.staff_full(lead)}"
        if len(s.facilitators) > 1:
            sentence += f", with {k.staff_full(s.facilitators[1])} co-facilitating"
        first.append(sentence + ".")
        stated["fac"] = True
    mt = _member_sentence(s)
    if mt:
        first.append(mt)
        stated["member"] = True
    paras.append(" ".join(first))
    if rng.random() < 0.6:
        paras.append(
            f"The client attended and took part in the discussion of {s.topic}. "
            + k.group_narrative(s, rng).split(". ", 1)[1]
        )
        stated["attendance"] = True
    else:
        paras.append(k.group_narrative(s, rng))
        stated["implied"] = True
    paras.append(
        rng.choice(
            (
                "Plan: continue IOP groups as scheduled; practice the skill before next group.",
                "Plan: continue current level of care; review coping log with primary therapist.",
            )
        )
    )
    return paras, stated


def _other_note(
    s: PlannedSession, rng: random.Random, scn: Scenario
) -> tuple[list[str], dict[str, bool]]:
    stated = {
        "length": False,
        "attendance": False,
        "implied": False,
        "modality": False,
        "size": False,
        "fac": False,
        "member": False,
    }
    if not s.attended:
        text = _absence(s)
        stated["attendance"] = True
        if rng.random() < 0.5:
            text += (
                f" The appointment had been set for {k.time_words(s.start)} {k.day_part(s.start)}."
            )
        return [text], stated
    minutes = round(s.scheduled_minutes)
    paras: list[str] = []
    if s.kind in (k.IND, k.FAM):
        what = "family session" if s.kind is k.FAM else "session"
        form = rng.randrange(2)
        if form == 0:
            first = (
                f"A {number_adj(minutes)} {what} beginning at {k.time_words(s.start)} "
                f"{k.day_part(s.start)}"
            )
        else:
            first = f"The {what} ran {k.range_words(s.start, s.end, 'to')}"
        if k.is_video(s):
            first += ", conducted by video."
            stated["modality"] = True
        elif rng.random() < 0.5:
            first += ", in person in the therapist's office."
            stated["modality"] = True
        else:
            first += "."
        paras.append(first)
        paras.append(k.therapy_narrative(s, rng))
        stated["implied"] = True
        if rng.random() < 0.5:
            paras.append("Next session planned for the same time next week.")
    elif s.kind is k.CM:
        paras.append(
            f"Case management contact {k.range_words(s.start, s.end, 'to')}, in person. "
            + k.other_narrative(s)
        )
        stated["modality"] = True
        stated["implied"] = True
    else:
        paras.append(
            f"Medication management visit with {k.staff_full(scn.physician)} lasting "
            f"{k.duration_words(minutes, 1)}, beginning at {k.time_words(s.start)} "
            f"{k.day_part(s.start)}. " + k.other_narrative(s)
        )
        stated["implied"] = True
    stated["length"] = True
    return paras, stated


def _signature(s: PlannedSession, scn: Scenario, rng: random.Random) -> tuple[str, dt.date]:
    who = k.session_staff(s, scn)
    signer = who[0] if who else k.CASE_MANAGER
    at = s.end.hour * 60 + s.end.minute + rng.randint(30, 200)
    day = s.date
    if at >= 22 * 60 or rng.random() < 0.35:
        day = s.date + dt.timedelta(days=rng.choice((1, 1, 2)))
        at = rng.randint(7 * 60, 11 * 60)
    when = dt.time(at // 60, at % 60)
    return (
        f"Electronically signed by {k.staff_full(signer)} on {k.mdy(day)} at {k.ampm(when)}",
        day,
    )


def _title(s: PlannedSession) -> str:
    head = HEAD_KIND[s.kind]
    if s.is_group and s.title.lower() not in ("group psychotherapy",):
        head += f" - {s.title}"
    return head


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    header_form = scn.seed % 3
    per_month = rng.random() < 0.5
    led = k.Ledger()
    files: list[ChartFile] = []
    printed = scn.discharge_date + dt.timedelta(days=rng.randint(3, 20))
    print_time = k.ampm(dt.time(rng.randint(8, 16), rng.randint(0, 59)))
    client = f"{scn.member.last}, {scn.member.first}"

    sessions = [s for s in scn.sessions if s.kind is not k.MEAL]
    days = k.by_day(sessions)
    chunks: dict[str, list[dt.date]] = {}
    for d in sorted(days):
        name = f"progress_notes_{d:%Y-%m}.pdf" if per_month else "progress_notes.pdf"
        chunks.setdefault(name, []).append(d)
    for name, dates in chunks.items():
        pdf = k.PagedPDF()
        pdf.foot = f"Printed {k.mdy(printed)} {print_time}      Page {{page}} of {{nb}}"
        for d in dates:
            pdf.head = [
                f"{scn.program} - Progress Notes",
                f"{_dos_header(d, header_form)}      Client: {client}      "
                f"MRN: {scn.member.member_id}",
            ]
            pdf.add_page()
            for i, s in enumerate(sorted(days[d], key=lambda x: x.start)):
                if i:
                    pdf.rule(2.5)
                if s.is_group:
                    paras, st = _group_note(s, rng, scn)
                else:
                    paras, st = _other_note(s, rng, scn)
                sig, signed = _signature(s, scn, rng)
                pdf.text_line(_title(s), bold=True, size=10, h=5.5)
                for para in paras:
                    pdf.text_line(para)
                    pdf.ln(1)
                pdf.text_line(sig, size=8.5)
                led.dated(signed)
                led.note(
                    s,
                    name,
                    length=st["length"],
                    kind=True,
                    attendance=st["attendance"],
                    implied=st["implied"],
                    member_times=st["member"],
                    modality=st["modality"],
                    group_size=st["size"],
                    facilitators=st["fac"],
                )
        files.append(pdf.to_file(name, printed))

    days_list = "/".join(k.DAY3[d] for d in k.program_weekdays(scn))
    slots = k.day_slots(scn)
    intake = [
        "INTAKE ASSESSMENT - INTENSIVE OUTPATIENT PROGRAM",
        f"Client: {scn.member.name}    DOB: {k.mdy(scn.member.date_of_birth)}    "
        f"MRN: {scn.member.member_id}",
        f"Date of admission to IOP: {k.mdy(scn.admission_date)}",
        f"Assessed by: {k.staff_full(scn.therapists[0])}",
        "",
        "Presenting problem: worsening mood and anxiety over two months, missing work, "
        "withdrawing from family.",
        f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
        "Risk assessment: denies suicidal or homicidal ideation, plan or intent; no need for a "
        "higher level of care. Risk: low.",
        f"Program schedule explained: {days_list}, {k.ampm(slots[0][0])} to "
        f"{k.ampm(slots[-1][1])}.",
        "",
        f"Signed: {k.staff_full(scn.therapists[0])}  {k.mdy(scn.admission_date)}",
    ]
    files.append(k.text_file("intake_assessment.txt", intake))
    signed = scn.discharge_date + dt.timedelta(days=rng.choice((0, 1, 3)))
    follow = scn.discharge_date + dt.timedelta(days=rng.choice((6, 7, 8)))
    discharge = [
        "DISCHARGE SUMMARY",
        f"Client: {scn.member.name}    MRN: {scn.member.member_id}",
        f"Admitted: {k.mdy(scn.admission_date)}    Discharged: {k.mdy(scn.discharge_date)}",
        "Reason for discharge: treatment goals substantially met.",
        f"Aftercare: weekly outpatient therapy; psychiatry follow-up {k.mdy(follow)} at 10:30 AM.",
        f"Signed: {k.staff_full(scn.therapists[0])}  {k.mdy(signed)}",
    ]
    files.append(k.text_file("discharge_summary.txt", discharge))
    led.dated(scn.admission_date, signed)
    return RenderedChart(
        files=tuple(files),
        written=led.written(),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=led.latest(),
    )


FAMILY = Family(
    name="notes-running-header",
    split="dev",
    description=(
        "Narrative progress-note PDF: the date of service only in the running page header, "
        "times and lengths written in words, signature dates and a print-date footer that "
        "are not dates of service."
    ),
    conventions=(
        "date of service only in the page's running header (DOS: / Service Date 14-OCT-2025)",
        "a day's notes start a new page; header repeated on continuation pages",
        "footer 'Printed <date> ... Page 3 of 19' (not a date of service)",
        "signature date in the body, often the day after the service",
        "times in words: 'from nine until half past ten in the morning'",
        "durations in words: 'This ninety-minute group', 'ran for an hour and a half'",
        "late/early in words: 'arrived at twenty past nine, twenty minutes after the start'",
        "attendance explicit in some notes, only a participation narrative in others",
        "group size / facilitators / in-person setting written only sometimes",
        "a few notes with no time at all (length unknown)",
    ),
    render=render,
)
