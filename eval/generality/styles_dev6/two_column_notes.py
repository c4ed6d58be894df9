"""Progress notes printed two to a page (two columns) and converted to text.

One note sits in each column. Three text conversions of the same printout:

- ``gap``: the columns side by side, the right one after a wide run of spaces;
- ``interleave``: the converter emits the left column's line, then the right column's,
  alternately (the longer note's tail runs on alone);
- ``single-space``: each left line and right line joined by one space, no padding.

Each note gives its date, a time range in one of several spellings ("9h00-10h30",
"0900h-1030h", "9:00-10:30 a.m.", "09.00-10.30"), the service, the setting, attendance with
the client's own arrival or departure time when late or early, participants (most vendors)
and the staff with credentials. Absences get a short absence note; lunch is not charted.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Written,
)

from . import _kit as k

LAYOUTS = ("gap", "interleave", "single-space")
TIME_STYLES = ("h", "4h", "12tail", "dot", "24n")

_TITLES = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "GROUP PSYCHOTHERAPY NOTE",
    ServiceKind.GROUP_EDUCATION: "PSYCHOEDUCATION GROUP NOTE",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "INDIVIDUAL THERAPY NOTE",
    ServiceKind.FAMILY_COUNSELING: "FAMILY THERAPY NOTE",
    ServiceKind.CASE_MANAGEMENT: "CASE MANAGEMENT NOTE",
    ServiceKind.MEDICATION_MANAGEMENT: "MEDICATION MANAGEMENT NOTE",
}


def _note(
    scn: Scenario,
    s: PlannedSession,
    rng: random.Random,
    *,
    width: int,
    time_style: str,
    census: bool,
    doc_dates: list[dt.date],
) -> list[str]:
    attended = s.attended
    lines = [_TITLES[s.kind] if attended else "ABSENCE NOTE"]
    lines.append(f"Date of service: {k.df(s.date, 'us')}")
    lines.append(f"Time: {k.span(s.start, s.end, time_style)}")
    service = s.title if s.cpt is None else f"{s.title} ({s.cpt})"
    lines += k.wrap(f"Service: {service}", width)
    if attended:
        setting = "Telehealth - video" if s.modality.value == "video" else "In person, clinic"
        lines.append(f"Setting: {setting}")
        if s.member_start is not None:
            att = f"Present - arrived late at {k.point(s.member_start, time_style)}"
        elif s.member_end is not None:
            att = f"Present - left at {k.point(s.member_end, time_style)}"
        else:
            att = "Present"
        lines += k.wrap(f"Attendance: {att}", width)
        if census and s.kind in k.GROUP_KINDS and s.group_size is not None:
            lines.append(f"Participants: {s.group_size}")
        if s.topic:
            lines += k.wrap(f"Topic: {s.topic}", width)
        lines += k.wrap("Note: " + " ".join(k.narrative(rng, s)), width)
    else:
        word = k.attendance(s.attendance, "plain")
        lines += k.wrap(f"Attendance: {word} - {k.reason(s)}", width)
        lines += k.wrap("Follow-up: outreach call placed; will review at next session.", width)
    who = k.clinicians(scn, s)
    label = "Facilitators: " if s.kind in k.GROUP_KINDS else "Staff: "
    pad = " " * len(label)
    for i, w in enumerate(who):
        lines.append((label if i == 0 else pad) + k.staff(w))
    signed = k.sign_date(rng, s.date)
    doc_dates.append(signed)
    late = " (late entry)" if signed != s.date else ""
    lines += k.wrap(f"E-signed {k.df(signed, 'us')}{late}", width)
    return lines


def _columns(left: list[str], right: list[str], layout: str, width: int, gap: int) -> list[str]:
    out: list[str] = []
    n = max(len(left), len(right))
    for i in range(n):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        if layout == "gap":
            out.append((a.ljust(width) + " " * gap + b).rstrip() if b else a)
        elif layout == "single-space":
            out.append(f"{a} {b}".strip())
        else:
            out += [x for x in (a, b) if x]
    return out


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    layout = k.pick_layout(scn, LAYOUTS)
    primary = rng.choice(TIME_STYLES)
    alternate = rng.choice([t for t in TIME_STYLES if t != primary])
    census = rng.random() < 0.7
    discharge_stated = rng.random() < 0.5
    width = rng.choice((46, 50, 54))
    gap = rng.choice((6, 9, 14))
    m = scn.member
    doc_dates: list[dt.date] = []
    by_month: dict[str, list[tuple[PlannedSession, list[str]]]] = {}
    for s in scn.sessions:
        if s.kind is ServiceKind.MEAL:
            continue
        style = primary if rng.random() < 0.8 else alternate
        note = _note(scn, s, rng, width=width, time_style=style, census=census, doc_dates=doc_dates)
        by_month.setdefault(f"{s.date.year}-{s.date.month:02d}", []).append((s, note))
    total_pages = sum((len(v) + 1) // 2 for v in by_month.values())
    files: list[ChartFile] = []
    written: list[Written] = []
    page = 0
    episode = f"Adm {k.df(scn.admission_date, 'us')}"
    if discharge_stated:
        episode += f"  D/C {k.df(scn.discharge_date, 'us')}"
    for key, notes in by_month.items():
        name = f"progress_notes_{key}.txt"
        out: list[str] = []
        for i in range(0, len(notes), 2):
            page += 1
            pair = notes[i : i + 2]
            if out:
                out.append("\f")
            out.append(f"{scn.program.upper()} - CLINICAL DOCUMENTATION")
            out.append(
                f"Client: {m.last}, {m.first}   MRN: {m.member_id}   {episode}   "
                f"Page {page} of {total_pages}"
            )
            out.append("")
            left = pair[0][1]
            right = pair[1][1] if len(pair) > 1 else []
            out += _columns(left, right, layout, width, gap)
            out += ["", "CONFIDENTIAL - protected health information (42 CFR Part 2 / HIPAA)"]
            for s, _ in pair:
                written.append(
                    k.written(s, [name], modality=s.attended, group_size=census, facilitators=True)
                )
        files.append(ChartFile(name, ("\n".join(out) + "\n").encode("utf-8")))
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=True,
        discharge_stated=discharge_stated,
        latest_document_date=max(doc_dates),
    )


FAMILY = Family(
    name="d6-two-column-notes",
    split="dev",
    description=(
        "Progress notes printed two per page and converted to text: columns side by side "
        "after a wide gap, interleaved line by line, or run together with one space; time "
        "ranges spelled 9h00-10h30, 0900h-1030h, 9:00-10:30 a.m. or 09.00-10.30."
    ),
    conventions=(
        "two notes per page",
        "columns interleaved line by line",
        "columns joined by a single space",
        "times as 9h00-10h30 / 0900h-1030h",
        "meridiem written once (9:00-10:30 a.m.)",
        "late arrival time inside the attendance line",
        "absence notes",
    ),
    render=render,
    tags=("notes", "columns"),
)
