"""A practice-management system's charge posting journal (daily batch posting report).

The billing office posts each day's encounter forms in batches one to four days after the
service, so a batch's posting date is not a date of service: every line carries its own
date of service as CCYYMMDD. A line is one charge: patient, account, date of service, the
client's actual time in and out as "0900hrs-1030hrs" (or, in the other layout, the start
"0900" and the minutes), the procedure code, a modifier (95 for telehealth), a terse
procedure description ("GRP PSYTX", "PSYED GRP", "PSYTX 53M"), units, a posting status,
the rendering provider's initials and the charge. Missed appointments are posted as
zero-charge tracking lines with status NS (no show), CX (cancelled by patient) or AB
(absent). Now and then a charge is posted twice and the duplicate reversed at once with a
VD line and a negative charge. IOP days also carry a per-diem line (S9480/H0015, no time):
billing, not a session. Other patients' lines fill the batches; page headers repeat after
a form feed; the status codes and a procedure summary end the report. Nothing states the
admission or discharge. An office visit billed 99213 ("OV EST PT LVL3") does not say it was
a medication visit: its kind is unknown in the gold (it is not counted either way).
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario

from . import _kit as k

LAYOUTS = ("range", "minutes")
DESC = {
    "90853": "GRP PSYTX",
    "H2027": "PSYED GRP 15M",
    "90834": "PSYTX 38-52M",
    "90837": "PSYTX 53M+",
    "90847": "FAM PSYTX W/PT",
    "T1016": "CASE MGMT 15M",
    "99213": "OV EST PT LVL3",
    "S9480": "IOP PER DIEM",
    "H0015": "IOP SUD PER DIEM",
}
FEE = {
    "90853": 62.0,
    "H2027": 12.0,
    "90834": 118.0,
    "90837": 156.0,
    "90847": 132.0,
    "T1016": 21.5,
    "99213": 96.0,
    "S9480": 310.0,
    "H0015": 285.0,
}
STAT = {Attendance.NO_SHOW: "NS", Attendance.CANCELLED: "CX", Attendance.ABSENT: "AB"}
OTHER_VISITS = (
    ("90834", 45),
    ("90834", 50),
    ("90837", 53),
    ("90837", 60),
    ("99213", 25),
    ("T1016", 30),
    ("90847", 50),
)
PER_PAGE = 38


def _code(s: PlannedSession) -> str:
    return "H2027" if s.kind is ServiceKind.GROUP_EDUCATION else k.code(s)


def _units(s: PlannedSession) -> int:
    if s.kind in (ServiceKind.CASE_MANAGEMENT, ServiceKind.GROUP_EDUCATION):  # per 15 min
        return int(s.minutes) // 15
    return 1


def _line(
    layout: str,
    patient: str,
    acct: str,
    dos: dt.date,
    t_in: dt.time | None,
    t_out: dt.time | None,  # None: the start only (a missed appointment's booked time)
    proc: str,
    mod: str,
    units: int,
    stat: str,
    rend: str,
    charge: float,
) -> str:
    if layout == "range":
        when = f"{k.hrs(t_in)}-{k.hrs(t_out)}" if t_in and t_out else ""
        when = f"{when:<15}"
    else:
        mins = str(k.minutes_between(t_in, t_out)) if t_in and t_out else ""
        when = f"{t_in:%H%M}" if t_in else "    "
        when = f"{when:<5} {mins:>4}"
    return (
        f"{patient[:22]:<22} {acct:<7} {k.ymd8(dos)}  {when}  {proc:<5} {mod:<3} "
        f"{DESC[proc][:16]:<16} {units:>2}  {stat:<3} {rend:<3} {charge:>9.2f}"
    )


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.variant(scn, LAYOUTS)
    m = scn.member
    services = k.services(scn)
    per_diem = "H0015" if scn.diagnosis_code.startswith("F1") else "S9480"
    acct = f"{rng.randint(100_000, 999_999)}"
    me = f"{m.last.upper()}, {m.first.upper()}"
    others = [
        (f"{last.upper()}, {first.upper()}", f"{rng.randint(100_000, 999_999)}")
        for first, last in k.peers(scn, 10)
    ]
    # (posting date, sort key, line)
    posted: list[tuple[dt.date, tuple[int, ...], str]] = []
    seq = 0

    def post(day: dt.date, line: str) -> None:
        nonlocal seq
        seq += 1
        posted.append((day, (seq,), line))

    for day, items in sorted(k.by_day(services).items()):
        lag = rng.choice((1, 1, 2, 3, 4))
        when = day + dt.timedelta(days=lag)
        if when.weekday() >= 5:
            when += dt.timedelta(days=7 - when.weekday())
        rows: list[str] = []
        for s in items:
            who = k.clinicians(scn, s) or (scn.therapists[0],)
            proc = _code(s)
            t_out: dt.time | None
            if s.attended:
                mod = "95" if s.modality is Modality.VIDEO else ""
                t_in, t_out = k.member_in(s), k.member_out(s)
                stat, units, fee = "PD", _units(s), FEE[proc] * _units(s)
            else:
                mod, t_in = "", s.start
                t_out = s.end if layout == "range" else None
                stat, units, fee = STAT[s.attendance], 0, 0.0
            line = _line(
                layout,
                me,
                acct,
                s.date,
                t_in,
                t_out,
                proc,
                mod,
                units,
                stat,
                k.initials(who[0]),
                fee,
            )
            rows.append(line)
            if s.attended and rng.random() < 0.08:
                rows.append(line)
                rows.append(line.replace(" PD ", " VD ").replace(f"{fee:>9.2f}", f"{-fee:>9.2f}"))
        if any(s.attended and s.kind in k.GROUP_KINDS for s in items):
            fac = next(s for s in items if s.kind in k.GROUP_KINDS)
            rend = k.initials((k.clinicians(scn, fac) or (scn.therapists[0],))[0])
            rows.append(
                _line(layout, me, acct, day, None, None, per_diem, "", 1, "PD", rend, FEE[per_diem])
            )
        slots = sorted({(s.start, s.end, _code(s)) for s in items if s.kind in k.GROUP_KINDS})
        for name, oacct in rng.sample(others, rng.randint(3, 6)):
            rend = k.initials(rng.choice(scn.therapists))
            if slots and rng.random() < 0.7:  # the same groups, another patient
                for a, b, proc in slots:
                    n = k.minutes_between(a, b) // 15 if proc == "H2027" else 1
                    rows.append(
                        _line(
                            layout, name, oacct, day, a, b, proc, "", n, "PD", rend, FEE[proc] * n
                        )
                    )
                rows.append(
                    _line(
                        layout,
                        name,
                        oacct,
                        day,
                        None,
                        None,
                        per_diem,
                        "",
                        1,
                        "PD",
                        rend,
                        FEE[per_diem],
                    )
                )
                continue
            proc, mins = rng.choice(OTHER_VISITS)
            a = dt.time(rng.choice((8, 13, 14, 15, 16)), rng.choice((0, 15, 30)))
            b = (dt.datetime.combine(day, a) + dt.timedelta(minutes=mins)).time()
            units = mins // 15 if proc == "T1016" else 1
            rows.append(
                _line(
                    layout, name, oacct, day, a, b, proc, "", units, "PD", rend, FEE[proc] * units
                )
            )
        for r in sorted(rows, key=lambda r: r[:22]):  # by patient, as posted
            post(when, r)

    batches: dict[dt.date, list[str]] = {}
    for when, _, line in sorted(posted):
        batches.setdefault(when, []).append(line)
    run = max(batches) if batches else scn.discharge_date
    operator = rng.choice(("KLM", "JRT", "DWB", "APS"))
    when_head = f"{'TIME IN-OUT':<15}" if layout == "range" else f"{'START':<5} {'MIN':>4}"
    head = (
        f"{'PATIENT':<22} {'ACCT':<7} {'DOS':<8}  {when_head}  "
        "PROC  MOD DESCRIPTION      UN  ST  RND    CHARGE"
    )
    body: list[tuple[str, str]] = []  # (batch header, line)
    for n, (when, lines) in enumerate(sorted(batches.items()), start=1):
        bh = f"BATCH {when:%m%d}-{n:03d}  POSTED {k.ymd8(when)}  OPERATOR {operator}"
        for line in lines:
            body.append((bh, line))
        total = sum(float(x[-9:]) for x in lines)
        body.append(
            (
                bh,
                f"{'':<30} BATCH {n:03d} TOTAL  {len(lines):>3} LINES{'':<40}{total:>12.2f}",
            )
        )
    pages: list[list[str]] = []
    current: list[str] = []
    last_bh = ""
    for bh, line in body:
        if len(current) >= PER_PAGE:
            pages.append(current)
            current = []
            last_bh = ""
        if bh != last_bh:
            current += ["", bh]
            last_bh = bh
        current.append(line)
    pages.append(current)
    legend = [
        "",
        "STATUS: PD POSTED   NS NO SHOW - NO CHARGE   CX CANCELLED BY PATIENT - NO CHARGE",
        "        AB ABSENT - NO CHARGE   VD VOID (REVERSAL OF A DUPLICATE POSTING)",
        "MOD 95: SYNCHRONOUS TELEHEALTH (VIDEO)",
        "PROCEDURE SUMMARY",
    ]
    for code in ("90853", "H2027", "90834", "90837", "90847", "T1016", "99213", per_diem):
        legend.append(
            f"  {code:<6} {DESC[code]:<18} {sum(1 for _, line in body if f'  {code} ' in line):>4}"
        )
    pages[-1] += legend
    out: list[str] = []
    for p, page in enumerate(pages, start=1):
        out.append(
            f"{scn.program.upper()[:40]:<40}  CHARGE POSTING JOURNAL   RUN {k.ymd8(run)}   "
            f"PAGE {p:>3} OF {len(pages):>3}"
        )
        out.append(head)
        out.append("-" * len(head))
        out += page
        out.append("\f" if p < len(pages) else "")
    name = f"posting_journal_{k.ymd8(run)}.txt"
    written = [
        k.written(
            s,
            [name],
            length=s.attended or layout == "range",
            # an E/M office visit (99213) does not say it was for medication
            kind=s.kind is not ServiceKind.MEDICATION_MANAGEMENT,
            modality=s.attended and k.is_video(s),
        )
        for s in services
    ]
    return RenderedChart(
        files=(ChartFile(name, "\n".join(out).encode("utf-8")),),
        written=tuple(written),
        admission_stated=False,
        discharge_stated=False,
        latest_document_date=run,
    )


FAMILY = Family(
    name="d11-batch-posting-journal",
    split="dev",
    description=(
        "A practice-management charge posting journal: batches posted one to four days "
        "after the service among other patients' lines, CCYYMMDD dates of service, actual "
        "times as 0900hrs-1030hrs or a start with minutes, procedure codes with terse "
        "descriptions, zero-charge NS/CX/AB tracking lines, void reversals of duplicate "
        "postings, per-diem lines, repeated page headers and a status key at the end."
    ),
    conventions=(
        "posting date of a batch is not the date of service",
        "dates of service as 20250303",
        "times as 0900hrs-1030hrs, or START 0900 with MIN 90",
        "service as CPT/HCPCS code with a terse description (GRP PSYTX, PSYED GRP)",
        "other patients' lines in every batch",
        "zero-charge NS/CX/AB lines for missed appointments",
        "duplicate posting reversed by a VD line with a negative charge",
        "per-diem S9480/H0015 lines without times (billing, not sessions)",
        "form-feed pages with the column header repeated",
        "no admission or discharge stated",
    ),
    render=render,
    tags=("billing", "report"),
)
