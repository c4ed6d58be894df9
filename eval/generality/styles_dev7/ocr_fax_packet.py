"""A faxed records packet as OCR text: one text file per fax transmission, pages split by
form feeds, each page under a fax banner ("0ct 20 2025 09:14AM FROM: ... P.0l/09").

OCR noise ("0" for "O", "l" for "1", "rn" for "m") touches the banners, titles and field
labels, never the values a reader needs. Groups are documented by sign-in sheets: the
group's time in the header, then one row per client (the other clients' names redacted,
their own in/out times beside them), the member's row with their own in/out times and a
status code (legend on the sheet), and the count present. Individual and family sessions
have short progress notes; a missed appointment notice gives only the scheduled start.
Now and then a sheet's time fields were never filled in ("__:__"). A face sheet gives the
admission date and the group schedule; a discharge summary closes the packet.
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
    at,
    by_day,
    clock12,
    is_group,
    member_end,
    member_start,
    ocr_noise,
    program_schedule,
    staff_name,
    us_date,
)

NAME = "h2-ocr-fax-packet"

_STATUS = {
    Attendance.ATTENDED: "P",
    Attendance.ABSENT: "A",
    Attendance.NO_SHOW: "NS",
    Attendance.CANCELLED: "CX",
}
_LEGEND = (
    "STATUS: P=present  A=absent (excused)  NS=no show  CX=cancelled  | "
    "MODE: IP=in person  VID=video"
)


class _Packet:
    def __init__(self, scn: Scenario, rng: random.Random) -> None:
        self.scn = scn
        self.rng = rng
        self.rate = rng.choice((0.08, 0.14, 0.2))
        self.fax_no = f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
        self.meridiem = rng.random() < 0.5  # member in/out times with am/pm or bare
        self.unfilled = 0.0 if rng.random() < 0.4 else rng.choice((0.06, 0.1))

    def noise(self, text: str) -> str:
        return ocr_noise(text, self.rng, self.rate)

    def title(self) -> list[str]:
        return [
            self.noise(f"{self.scn.program.upper()} -- INTENSIVE OUTPATIENT PROGRAM"),
            self.noise("Confidential patient information (42 CFR Part 2 / HIPAA)"),
        ]

    def in_out(self, t: dt.time) -> str:
        return clock12(t, "lower") if self.meridiem else clock12(t, "bare")

    def other_rows(self, s: PlannedSession, count: int) -> list[tuple[str, str, str, str]]:
        rows = []
        for _ in range(count):
            early = self.rng.choice((-5, -3, -2, 0, 0, 0, 4, 12))
            t_in = at(s.date, s.start, early).time()
            rows.append(("[REDACTED]", self.in_out(t_in), self.in_out(s.end), "P"))
        return rows

    def sign_in(self, s: PlannedSession, *, unfilled: bool) -> str:
        m = self.scn.member
        lab = self.noise
        when = (
            "__:__ - __:__"
            if unfilled
            else f"{clock12(s.start, 'bare')} - {clock12(s.end, 'upper')}"
        )
        facil = "; ".join(staff_name(f, "initial") for f in s.facilitators)
        lines = [
            *self.title(),
            lab("DAILY GROUP SIGN-IN SHEET"),
            "",
            f"{lab('Date')}: {us_date(s.date)}     {lab('Group')}: {s.title}     "
            f"{lab('Time')}: {when}",
            f"{lab('Facilitator(s)')}: {facil}",
            "",
            f"{lab(' #  CLIENT NAME'):<28}{lab('IN'):<9}{lab('OUT'):<9}{lab('STATUS'):<8}MODE",
        ]
        name = f"{m.last.upper()}, {m.first.upper()}"
        if s.attended:
            others = (s.group_size or 1) - 1
            if unfilled:
                mine = (name, "", "", "P")
            else:
                mine = (name, self.in_out(member_start(s)), self.in_out(member_end(s)), "P")
        else:
            others = self.rng.randint(3, 8)
            mine = (name, "--", "--", _STATUS[s.attendance])
        rows = self.other_rows(s, others)
        if unfilled:
            rows = [(n, "", "", st) for n, _, _, st in rows]
        rows.insert(self.rng.randint(0, len(rows)), mine)
        for i, (who, t_in, t_out, st) in enumerate(rows, start=1):
            mode = ""
            if st == "P":
                mode = "VID" if (who == name and s.modality is Modality.VIDEO) else "IP"
            lines.append(f"{i:>2}  {who:<24}{t_in:<9}{t_out:<9}{st:<8}{mode}".rstrip())
        present = others + (1 if s.attended else 0)
        lines += [
            "",
            f"{lab('Total present')}: {present}",
            _LEGEND,
        ]
        if not s.attended:
            lines.append(f"{lab('Comment')}: {name.title()} -- {s.absence_reason}.")
        lines.append(
            f"{lab('Facilitator signature')}: /s/ {staff_name(s.facilitators[0], 'initial')}"
        )
        return "\n".join(lines)

    def note(self, s: PlannedSession) -> tuple[str, bool]:
        """A progress note, or a missed-appointment notice; and whether it states times."""
        m = self.scn.member
        lab = self.noise
        therapist = self.scn.therapists[0]
        clinician = self.scn.physician if s.kind is ServiceKind.MEDICATION_MANAGEMENT else therapist
        head = [
            *self.title(),
            "",
            f"{lab('Client')}: {m.last.upper()}, {m.first.upper()}    {lab('DOB')}: "
            f"{us_date(m.date_of_birth)}    {lab('MR#')}: {m.member_id}",
        ]
        if not s.attended:
            kind = {
                Attendance.NO_SHOW: "MISSED APPOINTMENT -- NO SHOW",
                Attendance.CANCELLED: "CANCELLED APPOINTMENT",
                Attendance.ABSENT: "ABSENCE NOTE",
            }[s.attendance]
            word = {
                Attendance.NO_SHOW: "did not show",
                Attendance.CANCELLED: "cancelled",
                Attendance.ABSENT: "was absent",
            }[s.attendance]
            reason = s.absence_reason or "no reason given"
            body = [
                lab(kind),
                *head,
                f"{lab('DOS')}: {us_date(s.date)}    {lab('Scheduled')}: "
                f"{s.title} at {clock12(s.start)}",
                f"Client {word} ({reason}). Outreach call placed; message left.",
                f"{lab('Signed')}: {staff_name(clinician)}  {us_date(s.date)}",
            ]
            return "\n".join(body), False
        title = {
            ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "INDIVIDUAL PSYCHOTHERAPY PROGRESS NOTE",
            ServiceKind.FAMILY_COUNSELING: "FAMILY THERAPY PROGRESS NOTE",
            ServiceKind.CASE_MANAGEMENT: "CASE MANAGEMENT CONTACT NOTE",
            ServiceKind.MEDICATION_MANAGEMENT: "MEDICATION MANAGEMENT VISIT",
        }[s.kind]
        mode = "Telehealth (video)" if s.modality is Modality.VIDEO else "Face to face"
        body = [
            lab(title),
            *head,
            f"{lab('DOS')}: {us_date(s.date)}    {lab('Start')}: {clock12(member_start(s))}"
            f"    {lab('Stop')}: {clock12(member_end(s))}    {lab('Code')}: {s.cpt or '--'}",
            f"{lab('Clinician')}: {staff_name(clinician)}    {lab('Contact')}: {mode}",
            f"{lab('Focus')}: {s.topic}.",
            f"{lab('Response')}: client engaged, identified one coping step to practice.",
        ]
        if s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING):
            nxt = s.date + dt.timedelta(days=7)
            body.append(f"{lab('Plan')}: next session {us_date(nxt)} at {clock12(s.start)}.")
        body.append(f"{lab('Signed')}: {staff_name(clinician)}  {us_date(s.date)}")
        return "\n".join(body), True


def _banner(packet: _Packet, sent: dt.datetime, page: int, total: int, rng: random.Random) -> str:
    month = MONTHS[sent.month - 1][:3]
    stamp = f"{month} {sent.day:02d} {sent.year} {sent.strftime('%I:%M%p')}"
    num = f"P.{page:02d}/{total:02d}"
    num = "".join(
        ("l" if c == "1" else "O" if c == "0" else c) if rng.random() < 0.3 else c for c in num
    )
    return (
        packet.noise(f"{stamp}  FROM: {packet.scn.program.upper()} {packet.fax_no}  TO: UM REVIEW")
        + f"  {num}"
    )


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    packet = _Packet(scn, rng)
    sched = program_schedule(scn)
    m = scn.member
    days = by_day(scn.sessions)
    # Transmissions: runs of program days, each faxed a day or two after its last day.
    chunks: list[list[dt.date]] = []
    for d in days:
        if not chunks or len(chunks[-1]) >= rng.randint(5, 9):
            chunks.append([])
        chunks[-1].append(d)
    files: list[ChartFile] = []
    written: list[Written] = []
    last_sent: dt.date | None = None
    for n_chunk, chunk in enumerate(chunks):
        pages: list[str] = []
        written_here: list[tuple[int, bool]] = []
        if n_chunk == 0:
            pages.append(
                "\n".join(
                    [
                        packet.noise("FAX COVER SHEET"),
                        f"{packet.noise('RE')}: {m.name}  DOB {us_date(m.date_of_birth)}",
                        packet.noise("Records for concurrent review -- IOP"),
                        packet.noise("If you received this in error please call the sender."),
                    ]
                )
            )
            pages.append(
                "\n".join(
                    [
                        *packet.title(),
                        packet.noise("IOP FACE SHEET"),
                        f"{packet.noise('Client')}: {m.name}    {packet.noise('MR#')}: "
                        f"{m.member_id}",
                        f"{packet.noise('Admit date')}: {us_date(scn.admission_date)}",
                        f"{packet.noise('Diagnosis')}: {scn.diagnosis_code} {scn.diagnosis_name}",
                        f"{packet.noise('Attending')}: {staff_name(scn.physician)}",
                        f"{packet.noise('Primary therapist')}: {staff_name(scn.therapists[0])}",
                        f"{packet.noise('Program schedule')}: groups {sched.days('letters')} "
                        f"{clock12(sched.start, 'bare')}-{clock12(sched.end, 'upper')}, "
                        "individual therapy weekly",
                    ]
                )
            )
        for d in chunk:
            for s in days[d]:
                if s.kind is ServiceKind.MEAL:
                    continue
                if is_group(s):
                    unfilled = (
                        s.attended
                        and s.member_start is None
                        and s.member_end is None
                        and rng.random() < packet.unfilled
                    )
                    pages.append(packet.sign_in(s, unfilled=unfilled))
                    written_here.append((s.index, not unfilled))
                else:
                    text, timed = packet.note(s)
                    pages.append(text)
                    written_here.append((s.index, timed))
        if n_chunk == len(chunks) - 1:
            pages.append(
                "\n".join(
                    [
                        *packet.title(),
                        packet.noise("DISCHARGE SUMMARY"),
                        f"{packet.noise('Client')}: {m.name}",
                        f"{packet.noise('Admit date')}: {us_date(scn.admission_date)}    "
                        f"{packet.noise('Discharge date')}: {us_date(scn.discharge_date)}",
                        "Client completed the IOP; stepped down to weekly outpatient therapy.",
                        f"{packet.noise('Signed')}: {staff_name(scn.therapists[0])}  "
                        f"{us_date(scn.discharge_date)}",
                    ]
                )
            )
        sent_day = chunk[-1] + dt.timedelta(days=rng.choice((1, 1, 2, 3)))
        if last_sent is not None and sent_day <= last_sent:
            sent_day = last_sent + dt.timedelta(days=1)
        last_sent = sent_day
        sent = dt.datetime.combine(sent_day, dt.time(rng.randint(8, 16), rng.randint(0, 59)))
        total = len(pages)
        # OCR output: each page's text ends with a line break and a form feed
        text = "".join(
            _banner(packet, sent, i, total, rng) + "\n" + page + "\n\f"
            for i, page in enumerate(pages, start=1)
        )
        name = f"fax_{sent.strftime('%Y%m%d_%H%M')}.txt"
        files.append(ChartFile(name, text.encode()))
        for index, timed in written_here:
            s = scn.sessions[index]
            written.append(
                Written(
                    session=index,
                    files=(name,),
                    states_length=timed,
                    states_modality=s.attended,
                    states_group_size=s.attended and is_group(s),
                    states_facilitators=is_group(s),
                )
            )
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


FAMILY = Family(
    name=NAME,
    split="dev",
    description=(
        "OCR text of faxed records: fax banners and labels with OCR noise, group sign-in "
        "sheets with redacted rows and the member's in/out times, short notes."
    ),
    conventions=(
        "OCR confusions in banners, titles and labels (0ct, P.0l/09, Tlme)",
        "pages split by form feeds, one text file per fax transmission",
        "sign-in sheet: group time in header, member's own in/out in their row",
        "other clients' rows redacted but with their own times",
        "status codes P/A/NS/CX with a legend on each sheet",
        "unfilled time fields (__:__) make a session's length unknown",
        "missed-appointment notices with only a scheduled start",
        "face sheet schedule and next-session plan lines",
    ),
    render=render,
)
