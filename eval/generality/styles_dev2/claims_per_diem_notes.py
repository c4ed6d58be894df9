"""claims-per-diem-notes: institutional claim lines (UB-04 / 837I) beside sparse daily notes.

Imitates a chart assembled for a payer audit from a billing system and a terse clinical
record:

- claims: one institutional claim per month, either a UB-04-style "claim detail" text
  print (revenue code, HCPCS, modifier, service date as ``MMDDYY``, units, charges; header
  with the statement period, the admission date and the patient-status code) or an
  837I-like CSV of service lines (``20251014`` dates). Every IOP day the member attended is
  one per-diem line (``S9480``, or ``H0015`` for a substance-use diagnosis, revenue code
  0905/0906): billing, not a session. Individual/family psychotherapy (90834/90837/90847,
  modifier 95 when by video), case management (T1016, 15-minute units) and medication
  visits (99213) are billed on their own lines on the same days;
- sparse daily notes: one short entry per program day, listing the groups in clinical
  shorthand with times (``Grp psychotx 0900-1030 (Process) - engaged, n=6`` or
  ``Psychoed 9-10:30a``), "Pt present all groups" / "arr 0920", a setting line in some
  charts, and the day's case-management or medication contact; absence days list what was
  missed ("NS - no call. Missed: ..."). Individual and family sessions have their own
  short therapy notes;
- an amended copy of one or two daily notes (the same sessions documented twice: the
  original and the amendment, with the same times).

In some charts the last claim is still open (patient status 30) and nothing states a
discharge, so the episode ends at the latest document date.
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

SHORT = {
    "Process Group": "Process",
    "Group Psychotherapy": "general",
    "CBT Group": "CBT",
    "Relapse Prevention Group": "Relapse Prev",
    "Trauma Processing Group": "Trauma",
    "Interpersonal Process Group": "IPT process",
    "Psychoeducation Group": "general",
    "Wellness Education Group": "Wellness",
    "Medication Education Group": "Med ed",
    "Recovery Education Group": "Recovery ed",
}
KIND_SHORT = {k.GP: "Grp psychotx", k.GE: "Psychoed grp"}
REMARK = (
    "engaged",
    "attentive, shared once",
    "quiet but participated when prompted",
    "gave peer feedback",
    "identified 1 coping skill",
)
CHARGE = {"S9480": "650.00", "H0015": "410.00", "90834": "165.00", "90837": "210.00"}
CHARGE.update({"90847": "185.00", "T1016": "28.00", "99213": "120.00"})


def _t(t: dt.time, form: str) -> str:
    return k.mil(t) if form == "mil" else k.ap_short(t)


def _range(a: dt.time, b: dt.time, form: str) -> str:
    if form == "mil":
        return f"{k.mil(a)}-{k.mil(b)}"
    # 9-10:30a: the start's meridiem dropped when both ends share it
    start = k.ap_short(a)
    if (a.hour < 12) == (b.hour < 12):
        start = start[:-1]
    return f"{start}-{k.ap_short(b)}"


def _group_line(
    s: PlannedSession, form: str, rng: random.Random, *, size: bool, fac: bool
) -> tuple[str, bool]:
    """One group in shorthand; whether it gives the member's own times."""
    line = f"{KIND_SHORT[s.kind]} {_range(s.start, s.end, form)}"
    short = SHORT[s.title]
    if short != "general":
        line += f" ({short})"
    bits: list[str] = []
    member = False
    if s.attended:
        if s.member_start is not None:
            bits.append(f"arr {_t(s.member_start, form)}")
            member = True
        if s.member_end is not None:
            bits.append(f"left {_t(s.member_end, form)}")
            member = True
        bits.append(rng.choice(REMARK))
        if size and s.group_size is not None:
            bits.append(f"n={s.group_size}")
    if fac and s.facilitators:
        bits.append("fac " + " / ".join(k.staff_short(f) for f in s.facilitators))
    if bits:
        line += " - " + ", ".join(bits)
    return line, member


def _absence(s: PlannedSession) -> str:
    why = k.absence_reason(s)
    if s.attendance is k.NS:
        return "NS - no call" + (f" ({why})" if why and why != "no call, no show" else "")
    if s.attendance is k.CX:
        return "Cx by pt" + (f" - {why}" if why else "")
    return "Absent" + (f" - {why}" if why else "")


def _daily_entry(
    d: dt.date,
    sessions: list[PlannedSession],
    scn: Scenario,
    rng: random.Random,
    opts: dict[str, bool | str],
    *,
    day_no: int,
    amended_on: dt.date | None = None,
) -> tuple[list[str], dict[int, dict[str, bool]], dt.date]:
    """The day's note lines, what they state per session index, and the signature date."""
    form = str(opts["form"])
    groups = [s for s in sessions if s.is_group]
    others = [s for s in sessions if s.kind in (k.CM, k.MM)]
    stated: dict[int, dict[str, bool]] = {}
    head = f"{k.mdy2(d)}  IOP day {day_no}"
    if d == scn.admission_date:
        head += " - admitted to IOP today"
    if d == scn.discharge_date and opts["discharge"]:
        head += " - last day; discharged from IOP today"
    lines = [head]
    if amended_on is not None:
        lines.insert(
            0,
            f"*** AMENDED {k.mdy2(amended_on)} - replaces entry for DOS {k.mdy2(d)}; "
            "participation remark corrected ***",
        )
    attended = [s for s in groups if s.attended]
    setting_line = bool(opts["setting"]) and bool(attended)
    video_day = any(k.is_video(s) for s in attended)
    if setting_line:
        lines.append(
            "Setting: " + ("telehealth, video (Zoom)" if video_day else "clinic, in person")
        )
    for s in groups:
        line, member = _group_line(s, form, rng, size=bool(opts["size"]), fac=bool(opts["fac"]))
        if s.attended and k.is_video(s) and not setting_line:
            line += " (video)"
        if s.attended:
            lines.append("  " + line)
        stated[s.index] = {
            "member": member,
            "modality": s.attended and (setting_line or k.is_video(s)),
            "size": bool(opts["size"]) and s.attended,
            "fac": bool(opts["fac"]),
        }
    missed = [s for s in groups if not s.attended]
    if missed and not attended:
        lines.append(f"  {_absence(missed[0])}. Outreach call x1.")
    if missed:
        lines.append(
            "  Missed: "
            + "; ".join(f"{KIND_SHORT[s.kind]} {_range(s.start, s.end, form)}" for s in missed)
            + (f" ({_absence(missed[0])})" if attended else "")
        )
    if attended and len(attended) == len(groups):
        late = any(s.member_start for s in attended)
        lines.append("  Pt present all groups" + (" (late start as noted)." if late else "."))
    elif attended:
        lines.append("  Pt present for groups listed above.")
    for s in others:
        what = "Case mgmt (housing/benefits)" if s.kind is k.CM else "Med check"
        who = k.staff_short(k.CASE_MANAGER) if s.kind is k.CM else k.staff_short(scn.physician)
        status = "done" if s.attended else _absence(s)
        lines.append(f"  {what} {_range(s.start, s.end, form)} w/ {who} - {status}")
        stated[s.index] = {"member": False, "modality": False, "size": False, "fac": False}
    if attended:
        lines.append("  SI/HI denied. Plan: cont IOP.")
    author = scn.therapists[rng.randrange(len(scn.therapists))]
    signed = amended_on or (d + dt.timedelta(days=rng.choice((0, 0, 0, 1))))
    lines.append(f"  -- {k.staff_short(author)}  signed {k.mdy2(signed)}")
    return lines, stated, signed


def _therapy_note(
    s: PlannedSession, scn: Scenario, rng: random.Random
) -> tuple[list[str], dt.date]:
    title = "FAMILY PSYCHOTHERAPY" if s.kind is k.FAM else "INDIVIDUAL PSYCHOTHERAPY"
    code = k.bill_code(s)
    lines = [
        f"{title} | DOS {k.mdy(s.date)} | {k.hhmm(s.start)}-{k.hhmm(s.end)} | CPT {code}",
        f"Clinician: {k.staff_full(scn.therapists[0])}",
    ]
    if s.attended:
        lines.append(
            "Modality: " + ("video (telehealth, modifier 95)" if k.is_video(s) else "in person")
        )
        lines.append("Attendance: attended")
        lines.append(k.therapy_narrative(s, rng))
    else:
        lines.append(f"Attendance: {_absence(s)}. Not billed.")
    signed = s.date + dt.timedelta(days=rng.choice((0, 1)))
    lines.append(f"Signed {k.mdy(signed)}")
    return lines, signed


def _claim_lines(
    scn: Scenario, per_diem: str, rev: str, upto: dt.date
) -> list[tuple[dt.date, str, str, str, str, PlannedSession | None]]:
    """(date, revenue code, HCPCS, modifier, units, session billed separately)."""
    out: list[tuple[dt.date, str, str, str, str, PlannedSession | None]] = []
    days = k.by_day([s for s in scn.sessions if s.date <= upto])
    for d, ss in sorted(days.items()):
        if any(s.is_group and s.attended for s in ss):
            out.append((d, rev, per_diem, "", "1", None))
        for s in ss:
            if not s.attended or s.is_group or s.kind is k.MEAL:
                continue
            code = k.bill_code(s) or ""
            if s.kind is k.CM:
                out.append((d, "0510", code, "", str(round(s.scheduled_minutes) // 15), s))
            elif s.kind is k.MM:
                out.append((d, "0510", code, "", "1", s))
            else:
                rev_ = "0914" if s.kind is k.IND else "0916"
                out.append((d, rev_, code, "95" if k.is_video(s) else "", "1", s))
    return out


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    claim_form = ("ub04", "837")[scn.seed % 2]
    opts: dict[str, bool | str] = {
        "form": rng.choice(("mil", "ap")),
        "size": rng.random() < 0.5,
        "fac": rng.random() < 0.5,
        "setting": rng.random() < 0.5,
        "discharge": scn.seed % 4 != 1,
    }
    discharge = bool(opts["discharge"])
    sud = scn.diagnosis_code.startswith("F10")
    per_diem, rev = ("H0015", "0906") if sud else ("S9480", "0905")
    led = k.Ledger()
    files: list[ChartFile] = []
    client = f"{scn.member.last.upper()}, {scn.member.first.upper()}"

    # ---------------------------------------------------------------- daily notes
    sessions = [s for s in scn.sessions if s.kind is not k.MEAL]
    days = k.by_day(sessions)
    day_dates = sorted(d for d, ss in days.items() if any(s.is_group for s in ss))
    notes_name = "iop_daily_notes.txt"
    amend_name = "amended_notes.txt"
    lines = [
        f"{scn.program} - IOP DAILY NOTES",
        f"Client: {scn.member.name}   ID {scn.member.member_id}   Dx {scn.diagnosis_code}",
        "",
    ]
    candidates = [d for d in day_dates[:-1] if any(s.attended for s in days[d] if s.is_group)]
    amend_days = rng.sample(candidates, min(len(candidates), rng.choice((1, 2))))
    amend_lines: list[str] = [f"{scn.program} - AMENDED ENTRIES", f"Client: {scn.member.name}", ""]
    for n, d in enumerate(day_dates, start=1):
        entry, stated, signed = _daily_entry(d, days[d], scn, rng, opts, day_no=n)
        lines += [*entry, ""]
        led.dated(signed)
        for s in days[d]:
            if s.index not in stated:
                continue
            st = stated[s.index]
            led.note(
                s,
                notes_name,
                length=True,
                kind=True,
                attendance=True,
                member_times=st["member"],
                modality=st["modality"],
                group_size=st["size"],
                facilitators=st["fac"],
            )
        if d in amend_days:
            when = d + dt.timedelta(days=rng.choice((1, 2, 3)))
            entry, stated, signed = _daily_entry(
                d, days[d], scn, random.Random(rng.random()), opts, day_no=n, amended_on=when
            )
            amend_lines += [*entry, ""]
            led.dated(signed)
            for s in days[d]:
                if s.index in stated:
                    led.note(s, amend_name, length=True, kind=True, attendance=True)
    files.append(k.text_file(notes_name, lines))
    files.append(k.text_file(amend_name, amend_lines))

    # ---------------------------------------------------------------- therapy notes
    therapy_name = "therapy_notes.txt"
    tlines: list[str] = []
    for s in sessions:
        if s.kind not in (k.IND, k.FAM):
            continue
        note, signed = _therapy_note(s, scn, rng)
        tlines += [*note, "-" * 60]
        led.dated(signed)
        led.note(s, therapy_name, length=True, kind=True, attendance=True, modality=s.attended)
    if tlines:
        files.append(k.text_file(therapy_name, tlines))

    # ---------------------------------------------------------------- claims
    last_service = max(s.date for s in sessions)
    claim_lines = _claim_lines(scn, per_diem, rev, last_service)
    months: dict[tuple[int, int], list[tuple[dt.date, str, str, str, str, PlannedSession | None]]]
    months = {}
    for cl in claim_lines:
        months.setdefault((cl[0].year, cl[0].month), []).append(cl)
    claim_name = "claims_ub04.txt" if claim_form == "ub04" else "claim_lines_837i.csv"
    out: list[str] = []
    rows: list[list[str]] = [
        [
            "claim_id",
            "stmt_from",
            "stmt_thru",
            "admit_dt",
            "pt_status",
            "line_no",
            "rev_cd",
            "proc_cd",
            "modifier",
            "svc_dt",
            "units",
            "line_charge",
        ]
    ]
    keys = sorted(months)
    for i, key in enumerate(keys):
        mlines = months[key]
        first = dt.date(key[0], key[1], 1)
        from_ = max(first, scn.admission_date)
        final = i == len(keys) - 1
        nxt = dt.date(key[0] + key[1] // 12, key[1] % 12 + 1, 1)
        thru = mlines[-1][0] if final else nxt - dt.timedelta(days=1)
        status = "01" if final and discharge else "30"
        claim_id = f"{key[0] % 100:02d}{key[1]:02d}{rng.randint(1000000, 9999999)}"
        led.dated(thru)
        total = sum(float(CHARGE[c[2]]) * (int(c[4]) if c[2] == "T1016" else 1) for c in mlines)
        if claim_form == "ub04":
            out += [
                "CLAIM DETAIL - INSTITUTIONAL (UB-04)",
                f"Claim #: {claim_id}   Type of Bill: 0131   Payer: Prairie State Health Plan",
                f"Patient: {client}   Member ID: {scn.member.member_id}   "
                f"DOB: {k.mdy(scn.member.date_of_birth)}",
                f"Statement Covers Period: {k.mdy(from_)} THRU {k.mdy(thru)}   "
                f"Admission Date: {k.mdy(scn.admission_date)}   Patient Status: {status}",
                f"Principal Dx: {scn.diagnosis_code.replace('.', '')}   Attending: "
                f"{scn.physician.last.upper()}, {scn.physician.first.upper()} "
                f"{scn.physician.credential}",
                "",
                f"{'LN':<4}{'REV':<6}{'HCPCS':<8}{'MOD':<5}{'SERV DATE':<11}{'UNITS':<7}"
                f"{'TOTAL CHARGES':>14}",
            ]
            for n, (d, r, code, mod, units, _) in enumerate(mlines, start=1):
                charge = float(CHARGE[code]) * (int(units) if code == "T1016" else 1)
                out.append(
                    f"{n:<4}{r:<6}{code:<8}{mod:<5}{d:%m%d%y}".ljust(34)
                    + f"{units:<7}{charge:>14.2f}"
                )
            out += [f"{'0001':<5}{'TOTAL':<32}{total:>14.2f}", "", "=" * 58, ""]
        else:
            for n, (d, r, code, mod, units, _) in enumerate(mlines, start=1):
                charge = float(CHARGE[code]) * (int(units) if code == "T1016" else 1)
                rows.append(
                    [
                        claim_id,
                        f"{from_:%Y%m%d}",
                        f"{thru:%Y%m%d}",
                        f"{scn.admission_date:%Y%m%d}",
                        status,
                        str(n),
                        r,
                        code,
                        mod,
                        f"{d:%Y%m%d}",
                        units,
                        f"{charge:.2f}",
                    ]
                )
        for _d, _r, code, _m, _u, billed in mlines:
            if billed is None:
                continue
            led.note(
                billed,
                claim_name,
                length=code == "T1016",
                kind=code != "99213",
                modality=bool(_m),
            )
    if claim_form == "ub04":
        files.append(k.text_file(claim_name, out))
    else:
        files.append(ChartFile(claim_name, k.delimited(rows)))

    return RenderedChart(
        files=tuple(files),
        written=led.written(),
        admission_stated=True,
        discharge_stated=discharge,
        latest_document_date=led.latest(),
    )


FAMILY = Family(
    name="claims-per-diem-notes",
    split="dev",
    description=(
        "UB-04 claim detail or 837I service-line CSV (per-diem S9480/H0015 IOP days, "
        "separately billed therapy/CM/med lines) beside sparse shorthand daily notes with "
        "the group times, short therapy notes, and an amended copy of some daily notes."
    ),
    conventions=(
        "per-diem S9480 / H0015 lines with revenue code 0905/0906 (billing, not sessions)",
        "UB-04 text print: service dates MMDDYY, statement period, admission date, pt status",
        "837I-like CSV with CCYYMMDD dates",
        "separately billed 90834/90837/90847 (modifier 95 = video), T1016 units, 99213",
        "shorthand group lines 'Grp psychotx 0900-1030 (Process) - engaged, n=6'",
        "times 0900-1030 or 9-10:30a; 'arr 0920' / 'left 1145'",
        "absence days as 'NS - no call' / 'Cx by pt' with a 'Missed:' list",
        "amended copy of a daily note: the same sessions documented twice",
        "setting line per day in some charts, '(video)' tags in others",
        "no discharge statement (open claim, status 30) in some charts",
    ),
    render=render,
)
