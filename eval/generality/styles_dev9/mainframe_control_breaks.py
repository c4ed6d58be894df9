"""A mainframe batch report of IOP service activity, printed with control breaks, filed
as the pages of the report that hold the client.

Hospital systems still print activity reports from batch jobs: 132 columns, upper case, a
page header with the report number, run date, period and page number, and column headings
repeated on every page. Detail lines are sorted by client ID and service date. The client
ID and name are printed on the client's first line only (and again after a page break,
marked "(CONT)"); in one variant the service date is printed only when it changes. Each
line: date (MM/DD/YY or YYMMDD), weekday, service code (GRP, EDU, IND, FAM, CM, MED),
description, procedure code, scheduled time range and actual time range ("0930-1100"),
minutes, status code (P, LT late arrival, LE left early, AB absent, NS no-show, CN
cancelled), staff initials and modality (IP or TH). Control breaks close each calendar
week (Sunday to Saturday: not the program's weeks) with a subtotal of services and
minutes, and each client with a total. The pages in the chart start with the end of the
previous client's lines and end with the start of the next client's; the legend page of
the report's end is included. One variant prints ASA carriage-control characters in the
first column ("1" new page, "0" double space, " " single space).
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Attendance, ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)
from eval.generality.scenario import scenario

from . import _kit as k

LAYOUTS = ("asa", "ff-dates-once", "asa-ymd", "ff")
PAGE_LINES = 54
SVC = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "GRP",
    ServiceKind.GROUP_EDUCATION: "EDU",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "IND",
    ServiceKind.FAMILY_COUNSELING: "FAM",
    ServiceKind.CASE_MANAGEMENT: "CM",
    ServiceKind.MEDICATION_MANAGEMENT: "MED",
}
DESC = {
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "INDIVIDUAL PSYCHOTHERAPY",
    ServiceKind.FAMILY_COUNSELING: "FAMILY PSYCHOTHERAPY",
    ServiceKind.CASE_MANAGEMENT: "CASE MANAGEMENT",
    ServiceKind.MEDICATION_MANAGEMENT: "MEDICATION MANAGEMENT",
}
ST = {Attendance.ABSENT: "AB", Attendance.NO_SHOW: "NS", Attendance.CANCELLED: "CN"}


def _status(s: PlannedSession) -> str:
    if not s.attended:
        return ST[s.attendance]
    if s.member_start is not None:
        return "LT"
    if s.member_end is not None:
        return "LE"
    return "P"


def _d(d: dt.date, layout: str) -> str:
    return k.date(d, "ymd6") if layout.endswith("ymd") else k.date(d, "us2")


def _desc(s: PlannedSession) -> str:
    if s.kind in k.GROUP_KINDS:
        return s.title.upper().replace("GROUP", "GRP")[:26]
    return DESC[s.kind]


def _week_end(d: dt.date) -> dt.date:
    return d + dt.timedelta(days=(5 - d.weekday()) % 7)


def _client_lines(
    client_id: str,
    name: str,
    admit: dt.date,
    disch: dt.date,
    sessions: list[PlannedSession],
    layout: str,
    staff: dict[int, str],
) -> list[tuple[str, str, str]]:
    """(kind, text, text with the date) lines of one client: kind "first" marks the line
    that carries the client ID (reprinted after a page break), "detail", "break" or
    "blank"; a detail line whose date is left out has it in its third part (a page
    starting with it prints the date again)."""
    first = (
        f" {client_id:<10} {name[:22]:<22} ADMIT {_d(admit, layout)}  DISCH {_d(disch, layout)}"
        f"  PGM IOP"
    )
    out: list[tuple[str, str, str]] = [("first", first, first)]
    week_svcs = week_mins = 0
    tot_svcs = tot_att = tot_mins = 0
    last_date: dt.date | None = None
    for i, s in enumerate(sessions):
        show_date = not (layout.startswith("ff-dates") and last_date == s.date)
        last_date = s.date
        date_txt = _d(s.date, layout) if show_date else ""
        day_txt = k.WEEKDAYS[s.date.weekday()][:3].upper() if show_date else ""
        sched = f"{k.clock(s.start, 'mil')}-{k.clock(s.end, 'mil')}"
        actual = (
            f"{k.clock(k.member_in(s), 'mil')}-{k.clock(k.member_out(s), 'mil')}"
            if s.attended
            else "---------"
        )
        mins = int(s.minutes) if s.attended else 0
        mod = "TH" if k.is_video(s) else "IP"
        code = k.code(s) or "-----"
        rest = (
            f" {SVC[s.kind]:<4} {_desc(s):<26} {code:<5}  {sched}  {actual}  {mins:03d}  "
            f"{_status(s):<2}  {staff[s.index]:<3} {mod}"
        )
        full = f"{_d(s.date, layout):<8}  {k.WEEKDAYS[s.date.weekday()][:3].upper():<3}"
        out.append(
            (
                "detail",
                f" {'':<10} {'':<22} {date_txt:<8}  {day_txt:<3}{rest}",
                f" {'':<10} {'':<22} {full}{rest}",
            )
        )
        week_svcs += 1
        week_mins += mins
        tot_svcs += 1
        tot_att += 1 if s.attended else 0
        tot_mins += mins
        nxt = sessions[i + 1] if i + 1 < len(sessions) else None
        if nxt is None or _week_end(nxt.date) != _week_end(s.date):
            line = (
                f" {'':<33} ** WEEK ENDING {_d(_week_end(s.date), layout)}   SVCS {week_svcs:>3}"
                f"   TOTAL MINS {week_mins:>5,}   HRS {week_mins / 60:>6.2f}"
            )
            out += [("break", line, line), ("blank", "", "")]
            week_svcs = week_mins = 0
    line = (
        f" {'':<33} *** CLIENT TOTAL {client_id}   SVCS {tot_svcs:>4}   ATTENDED {tot_att:>4}"
        f"   TOTAL MINS {tot_mins:>6,}   HRS {tot_mins / 60:>7.2f}"
    )
    out += [("break", line, line), ("blank", "", "")]
    return out


def _neighbour(scn: Scenario, offset: int) -> tuple[list[PlannedSession], dt.date, dt.date]:
    """Another client's sessions moved by whole weeks to overlap this client's episode."""
    other = scenario(scn.seed * 3 + offset)
    shift = dt.timedelta(weeks=round((scn.admission_date - other.admission_date).days / 7))
    moved = [
        PlannedSession(
            index=s.index,
            date=s.date + shift,
            start=s.start,
            end=s.end,
            kind=s.kind,
            title=s.title,
            attendance=s.attendance,
            modality=s.modality,
            member_start=s.member_start,
            member_end=s.member_end,
            facilitators=s.facilitators,
            cpt=s.cpt,
        )
        for s in other.sessions
        if s.kind is not ServiceKind.MEAL
    ]
    return moved, other.admission_date + shift, other.discharge_date + shift


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.variant(scn, LAYOUTS)
    asa = layout.startswith("asa")
    m = scn.member
    services = k.services(scn)
    period_start = dt.date(scn.admission_date.year, scn.admission_date.month, 1)
    period_end = scn.discharge_date + dt.timedelta(days=rng.randint(5, 25))
    run = period_end + dt.timedelta(days=rng.randint(1, 10))
    run_time = f"{rng.randint(0, 4):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    peer = k.peers(scn)
    num = int(m.member_id[1:])
    clients: list[tuple[str, str, list[PlannedSession], dt.date, dt.date, bool]] = []
    for off, delta in ((1, -rng.randint(3, 400)), (2, rng.randint(3, 400))):
        sess, adm, dis = _neighbour(scn, off)
        first, last = peer[off]
        cid = f"{m.member_id[0]}{num + delta:08d}"
        clients.append((cid, f"{last.upper()}, {first.upper()}", sess, adm, dis, False))
    clients.insert(
        1,
        (
            m.member_id,
            f"{m.last.upper()}, {m.first.upper()}",
            services,
            scn.admission_date,
            scn.discharge_date,
            True,
        ),
    )
    # staff initials of every line
    all_lines: list[tuple[str, str, str]] = []  # (kind, text, text with the date)
    for cid, cname, sess, adm, dis, mine in clients:
        staff: dict[int, str] = {}
        for s in sess:
            who = k.clinicians(scn, s) if mine else (s.facilitators or (scn.therapists[1],))
            staff[s.index] = k.initials(who[0]) if who else "---"
        lines = _client_lines(cid, cname, adm, dis, sess, layout, staff)
        if not mine:
            lines = (
                lines[-rng.randint(6, 12) :] if cid < m.member_id else lines[: rng.randint(6, 12)]
            )
        all_lines += lines

    total_pages = rng.randint(30, 90)
    first_page = rng.randint(2, total_pages - 12)
    heading = (
        f" {'CLIENT-ID':<10} {'CLIENT NAME':<22} {'SVC-DATE':<8}  DAY SVC  {'DESCRIPTION':<26} "
        f"PROC   SCHEDULED  ACTUAL     MINS ST  STF MOD"
    )
    rule = (
        f" {'-' * 10} {'-' * 22} {'-' * 8}  --- ---- {'-' * 26} -----  ---------  ---------  "
        "---- --  --- ---"
    )

    def header(page: int) -> list[str]:
        return [
            f"BHR410-01   {scn.program.upper():<60} RUN {k.date(run, 'us2')} {run_time}"
            f"   PAGE {page:>4}",
            f"IOP SERVICE ACTIVITY BY CLIENT - DETAIL   PERIOD {k.date(period_start, 'us2')} THRU "
            f"{k.date(period_end, 'us2')}   SORT: CLIENT-ID, SVC-DATE",
            "",
            heading,
            rule,
        ]

    pages: list[list[str]] = []
    page: list[str] = []
    current_client, current_name = clients[0][0], clients[0][1]
    page_no = first_page
    for kind, text, full in all_lines:
        if kind == "first":
            current_client, current_name = text[1:11].strip(), text[12:34].strip()
        if not page:
            page = header(page_no)
            if kind != "first":
                page.append(f" {current_client:<10} {(current_name + ' (CONT)')[:22]:<22}")
            text = full
        page.append(text)
        if len(page) >= PAGE_LINES:
            pages.append(page)
            page, page_no = [], page_no + 1
    if page:
        pages.append(page)
    legend = [
        *header(total_pages),
        "",
        " STATUS CODES:  P=PRESENT  LT=LATE ARRIVAL (ACTUAL START)  LE=LEFT EARLY (ACTUAL END)",
        "                AB=ABSENT  NS=NO SHOW  CN=CANCELLED BY CLIENT",
        " MODALITY:      IP=IN PERSON  TH=TELEHEALTH (VIDEO)",
        " SVC CODES:     GRP=GROUP PSYCHOTHERAPY  EDU=GROUP PSYCHOEDUCATION  IND=INDIVIDUAL",
        "                FAM=FAMILY  CM=CASE MANAGEMENT  MED=MEDICATION MANAGEMENT",
        " MINS = ACTUAL MINUTES ATTENDED.  WEEKS END SATURDAY.",
        "",
        " *** END OF REPORT BHR410-01 ***",
    ]
    pages.append(legend)
    text_out: list[str] = []
    for p in pages:
        if asa:
            body = []
            for j, line in enumerate(p):
                cc = "1" if j == 0 else ("0" if j == 3 else " ")
                if j == 2:
                    continue  # the blank line is the double space of the heading
                body.append(cc + line)
            text_out += body
        else:
            text_out.append("\f" + p[0])
            text_out += [" " + x if x else "" for x in p[1:]]
    name = f"BHR410_{k.date(period_start, 'ymd6')}_{k.date(period_end, 'ymd6')}.txt"
    written: list[Written] = [k.written(s, [name], modality=s.attended) for s in services]
    return RenderedChart(
        files=(ChartFile(name, ("\n".join(text_out) + "\n").encode("utf-8")),),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=run,
    )


FAMILY = Family(
    name="d9-mainframe-control-breaks",
    split="dev",
    description=(
        "A 132-column mainframe activity report (BHR410) with page headers, column headings "
        "on every page, client and calendar-week control breaks, scheduled and actual time "
        "ranges, status codes, and the neighbouring clients' lines on the same pages."
    ),
    conventions=(
        "ASA carriage control or form feeds",
        "client ID printed once per client and after page breaks (CONT)",
        "service date printed only when it changes (one variant)",
        "dates as MM/DD/YY or YYMMDD",
        "scheduled and actual ranges 0930-1100",
        "calendar-week (Saturday) subtotals, not program weeks",
        "other clients' lines before and after",
    ),
    render=render,
    tags=("mainframe", "fixed-width"),
)
