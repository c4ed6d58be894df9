"""An HL7 v2 interface feed captured to text: one message per visit, segments separated by
line breaks, timestamps as YYYYMMDDHHMM[SS][+-ZZZZ].

Attended visits are ADT^A03 (end of visit) messages, sometimes preceded by the A04 sent
at check-in: PV1-44/PV1-45 hold the member's own arrival and departure, PR1 the service
code and name with its start (PR1-5) and minutes (PR1-7), ROL the facilitators with their
degree (XCN.7), OBX the participant count, the modality and a short note. Missed visits
are scheduling messages (SIU^S26 no-show, SIU^S15 cancellation, SIU^S14 with an
"Absent" filler status) whose AIS gives the slot's start and minutes. The episode's
admission (A01) and discharge (A03 with only a date) carry dates, not services; MSH-7 is
when the message was sent, not a service time; an NTE repeats the weekly group schedule.
Meals are not sent.
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
    Staff,
    Written,
)
from eval.generality.styles_dev7._kit import (
    ZONES,
    at,
    clock24,
    is_group,
    member_end,
    member_start,
    minutes_of,
    program_schedule,
    utc_offset,
)

NAME = "h2-hl7-encounter-feed"

# local codes for services without a CPT code in this program's master file
_LOCAL = {
    ServiceKind.GROUP_EDUCATION: ("GRPED", "L"),
    ServiceKind.MEAL: ("MEAL", "L"),
}
_CODING = {"T1016": "HCPCS"}
_DEFAULT_REASON = {
    Attendance.NO_SHOW: "did not arrive for appointment",
    Attendance.CANCELLED: "cancelled by client",
    Attendance.ABSENT: "absent",
}


class _Feed:
    def __init__(self, scn: Scenario, rng: random.Random) -> None:
        self.scn = scn
        self.rng = rng
        self.zone = rng.choice(ZONES)
        self.with_seconds = rng.random() < 0.5
        self.with_zone = rng.random() < 0.5
        self.check_in = rng.random() < 0.5  # an A04 at arrival before each A03
        self.app = rng.choice(("BHIOP", "CAREPATH", "NETSMRT", "AVATAR"))
        self.facility = "".join(w[0] for w in scn.program.split()[:3]).upper()
        self.control = rng.randint(100_000, 900_000)
        self.visit = rng.randint(40_000, 90_000)
        self.episode = f"EP{rng.randint(1000, 9999)}"

    # ------------------------------------------------------------------ fields

    def ts(self, moment: dt.datetime, *, seconds: int | None = None) -> str:
        out = moment.strftime("%Y%m%d%H%M")
        if self.with_seconds:
            out += f"{seconds if seconds is not None else 0:02d}"
        if self.with_zone:
            off = utc_offset(self.zone, moment.date())
            out += f"{'-' if off < 0 else '+'}{abs(off):02d}00"
        return out

    def xcn(self, st: Staff, ident: int) -> str:
        return f"{ident}^{st.last.upper()}^{st.first.upper()}^^^^{st.credential}"

    def staff_id(self, st: Staff) -> int:
        return 1000 + sum(ord(c) for c in st.name + st.credential) % 9000

    def service(self, s: PlannedSession) -> str:
        code = s.cpt
        if code is None:
            local, system = _LOCAL.get(s.kind, ("SVC", "L"))
            return f"{local}^{s.title}^{system}"
        return f"{code}^{s.title}^{_CODING.get(code, 'C4')}"

    def msh(self, sent: dt.datetime, kind: str) -> str:
        self.control += self.rng.randint(1, 37)
        stamp = self.ts(sent, seconds=self.rng.randint(0, 59))
        return (
            f"MSH|^~\\&|{self.app}|{self.facility}|UMREVIEW|PAYER|{stamp}"
            f"||{kind}|{self.control}|P|2.5.1"
        )

    def pid(self) -> str:
        m = self.scn.member
        return (
            f"PID|1||{m.member_id}^^^{self.facility}^MR||{m.last.upper()}^{m.first.upper()}"
            f"||{m.date_of_birth.strftime('%Y%m%d')}|U"
        )

    def pv1(
        self,
        *,
        patient_class: str = "O",
        location: str = "IOP",
        visit: str = "",
        admit: str = "",
        discharge: str = "",
        disposition: str = "",
        attending: str = "",
    ) -> str:
        fields = [""] * 46
        fields[0] = "PV1"
        fields[1] = "1"
        fields[2] = patient_class
        fields[3] = f"{location}^^^{self.facility}"
        fields[7] = attending
        fields[10] = "BH"
        fields[19] = visit
        fields[36] = disposition
        fields[44] = admit
        fields[45] = discharge
        return "|".join(fields).rstrip("|")

    # ------------------------------------------------------------------ messages

    def attended(self, s: PlannedSession) -> list[list[str]]:
        self.visit += self.rng.randint(1, 9)
        visit = f"V{self.visit}"
        arrive = at(s.date, member_start(s))
        leave = at(s.date, member_end(s))
        attending = (
            self.xcn(self.scn.physician, self.staff_id(self.scn.physician))
            if s.kind is ServiceKind.MEDICATION_MANAGEMENT
            else self.xcn(self.scn.therapists[0], self.staff_id(self.scn.therapists[0]))
        )
        location = "TELE" if s.modality is Modality.VIDEO else "IOP"
        messages: list[list[str]] = []
        if self.check_in:
            messages.append(
                [
                    self.msh(
                        at(s.date, member_start(s), self.rng.randint(0, 4)), "ADT^A04^ADT_A01"
                    ),
                    f"EVN|A04|{self.ts(arrive)}",
                    self.pid(),
                    self.pv1(
                        visit=visit, admit=self.ts(arrive), location=location, attending=attending
                    ),
                ]
            )
        segs = [
            self.msh(at(s.date, member_end(s), self.rng.randint(3, 90)), "ADT^A03^ADT_A03"),
            f"EVN|A03|{self.ts(leave)}",
            self.pid(),
            self.pv1(
                visit=visit,
                admit=self.ts(arrive),
                discharge=self.ts(leave),
                location=location,
                attending=attending,
            ),
            f"PR1|1||{self.service(s)}||{self.ts(at(s.date, s.start))}||"
            f"{minutes_of(s.start, s.end)}",
        ]
        if is_group(s):
            for i, f in enumerate(s.facilitators, start=1):
                segs.append(f"ROL|{i}|AD|FAC^Group facilitator^L|{self.xcn(f, self.staff_id(f))}")
        obx = 0

        def add_obx(value_type: str, ident: str, value: str) -> None:
            nonlocal obx
            obx += 1
            segs.append(f"OBX|{obx}|{value_type}|{ident}||{value}||||||F")

        add_obx("CWE", "ATTEND^Attendance^L", "P^Present^L")
        if is_group(s):
            add_obx("NM", "GRPCNT^Clients present in group^L", str(s.group_size))
        modality = (
            "VID^Telehealth - synchronous audio/video^L"
            if s.modality is Modality.VIDEO
            else "INP^In person^L"
        )
        add_obx("CWE", "MODAL^Service modality^L", modality)
        notes: list[str] = []
        if s.member_start is not None:
            notes.append(f"Arrived late at {clock24(member_start(s), '')}")
        if s.member_end is not None:
            notes.append(f"Left group early at {clock24(member_end(s), '')}")
        if s.topic:
            notes.append(f"Topic: {s.topic}")
        if notes:
            add_obx("TX", "NOTE^Session note^L", ". ".join(notes) + ".")
        messages.append(segs)
        return messages

    def missed(self, s: PlannedSession) -> list[str]:
        event, status, reason_code = {
            Attendance.NO_SHOW: ("SIU^S26^SIU_S12", "Noshow^No show^HL70278", "NOSHOW"),
            Attendance.CANCELLED: ("SIU^S15^SIU_S12", "Cancelled^Cancelled^HL70278", "PTCXL"),
            Attendance.ABSENT: ("SIU^S14^SIU_S12", "ABSENT^Absent^L", "ABSENT"),
        }[s.attendance]
        reason = s.absence_reason or _DEFAULT_REASON[s.attendance]
        n = minutes_of(s.start, s.end)
        start = at(s.date, s.start)
        self.visit += self.rng.randint(1, 9)
        appt = f"A{self.visit}"
        segs = [
            self.msh(at(s.date, s.start, self.rng.randint(10, 40)), event),
            f"SCH|{appt}|{appt}|||{self.facility}IOP|{reason_code}^{reason}^L|"
            f"{s.title}|IOP|{n}|min|^^{n}^{self.ts(start)}^{self.ts(at(s.date, s.end))}"
            + "|" * 14
            + status,
            self.pid(),
            self.pv1(patient_class="O"),
            "RGS|1",
            f"AIS|1||{self.service(s)}|{self.ts(start)}|||{n}|min",
        ]
        if is_group(s):
            for i, f in enumerate(s.facilitators, start=1):
                segs.append(f"AIP|{i}||{self.xcn(f, self.staff_id(f))}|FAC^Group facilitator^L")
        segs.append(f"NTE|1||{reason}")
        return segs

    def admission(self, nte: str) -> list[str]:
        d = self.scn.admission_date
        sent = at(d, dt.time(7, self.rng.randint(5, 50)))
        return [
            self.msh(sent, "ADT^A01^ADT_A01"),
            f"EVN|A01|{self.ts(sent)}",
            self.pid(),
            self.pv1(
                location="IOP",
                visit=self.episode,
                admit=d.strftime("%Y%m%d"),
                attending=self.xcn(self.scn.physician, self.staff_id(self.scn.physician)),
            ),
            f"DG1|1||{self.scn.diagnosis_code}^{self.scn.diagnosis_name}^I10||{d.strftime('%Y%m%d')}|A",
            f"NTE|1||Admitted to Intensive Outpatient Program. {nte}",
        ]

    def discharge(self, last_sent: dt.datetime) -> list[str]:
        d = self.scn.discharge_date
        sent = last_sent + dt.timedelta(minutes=self.rng.randint(5, 60))
        return [
            self.msh(sent, "ADT^A03^ADT_A03"),
            f"EVN|A03|{self.ts(sent)}",
            self.pid(),
            self.pv1(
                location="IOP",
                visit=self.episode,
                admit=self.scn.admission_date.strftime("%Y%m%d"),
                discharge=d.strftime("%Y%m%d"),
                disposition="01^Discharged to home/self care",
            ),
            "NTE|1||IOP episode discharge: program completed, referred to outpatient therapy.",
        ]


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    feed = _Feed(scn, rng)
    sched = program_schedule(scn)
    eol = rng.choice(("\n", "\r\n"))
    admission_stated = rng.random() < 0.7
    discharge_stated = rng.random() < 0.6
    batch = rng.random() < 0.5
    per_month = rng.random() < 0.5
    nte = (
        f"Group schedule {sched.days('letters')} {clock24(sched.start, '')}-"
        f"{clock24(sched.end, '')}; individual therapy weekly."
    )
    # (date, file key, message)
    messages: list[tuple[dt.date, list[str]]] = []
    if admission_stated:
        messages.append((scn.admission_date, feed.admission(nte)))
    sent_last = dt.datetime.combine(scn.discharge_date, dt.time(18, 0))
    documented: list[PlannedSession] = []
    for s in scn.sessions:
        if s.kind is ServiceKind.MEAL:
            continue
        documented.append(s)
        if s.attended:
            messages.extend((s.date, m) for m in feed.attended(s))
        else:
            messages.append((s.date, feed.missed(s)))
    if discharge_stated:
        messages.append((scn.discharge_date, feed.discharge(sent_last)))

    # a captured feed is in transmission order (MSH-7), which interleaves visits
    messages.sort(key=lambda dm: dm[1][0].split("|")[6][:12])

    def key(d: dt.date) -> str:
        return f"{d.year}{d.month:02d}" if per_month else "all"

    groups: dict[str, list[list[str]]] = {}
    for d, m in messages:
        groups.setdefault(key(d), []).append(m)
    files: list[ChartFile] = []
    names: dict[str, str] = {}
    stem = rng.choice(("HL7_OUT", "adt_siu_feed", "interface_capture"))
    for k, msgs in groups.items():
        name = f"{stem}_{k}.txt" if per_month else f"{stem}.txt"
        names[k] = name
        lines: list[str] = []
        if batch:
            stamp = msgs[0][0].split("|")[6]
            lines += [
                f"FHS|^~\\&|{feed.app}|{feed.facility}|UMREVIEW|PAYER|{stamp}",
                f"BHS|^~\\&|{feed.app}|{feed.facility}|UMREVIEW|PAYER|{stamp}",
            ]
        for m in msgs:
            lines += m
            if not batch:
                lines.append("")
        if batch:
            lines += [f"BTS|{len(msgs)}", "FTS|1"]
        files.append(ChartFile(name, (eol.join(lines) + eol).encode()))
    written = tuple(
        Written(
            session=s.index,
            files=(names[key(s.date)],),
            states_modality=s.attended,
            states_group_size=s.attended and is_group(s),
            states_facilitators=is_group(s),
        )
        for s in documented
    )
    return RenderedChart(
        files=tuple(files),
        written=written,
        admission_stated=admission_stated,
        discharge_stated=discharge_stated,
        latest_document_date=max(s.date for s in documented),
    )


FAMILY = Family(
    name=NAME,
    split="dev",
    description=(
        "HL7 v2 feed captured to text: ADT^A03 per attended visit (PV1-44/45 arrival and "
        "departure), SIU^S26/S15/S14 for no-shows, cancellations and absences."
    ),
    conventions=(
        "pipe-delimited HL7 v2 segments (MSH/EVN/PID/PV1/PR1/ROL/OBX, SCH/AIS/AIP)",
        "timestamps YYYYMMDDHHMM with optional seconds and UTC offset",
        "member times in PV1-44/45, session start and minutes in PR1-5/PR1-7",
        "status as HL7 filler status codes (Noshow, Cancelled) and message types",
        "check-in A04 and end-of-visit A03 for one visit",
        "MSH-7 send times, episode A01/A03 with dates only, NTE schedule",
        "optional FHS/BHS batch envelope, CRLF or LF, one file or one per month",
    ),
    render=render,
)
