"""Progress notes printed two to a page ("2-up") and then turned back into text.

To save paper and fax time, records departments often print notes two-up: two notes side
by side on one landscape page. When such a packet is converted to text, the two columns
come out in one of three ways (the seed picks one):

- ``layout``: each physical line holds the left note's line, spaces, and the right note's
  line (``pdftotext -layout``);
- ``merged``: the same, but the gap collapsed to a single space, so the two notes' lines
  run together ("DOS: 04/14/2025 Time: ... DOS: 04/16/2025 Time: ...");
- ``interleaved``: the left note's line, then the right note's line, alternately, as
  extractors that sort text by height produce.

The notes themselves are short headed notes: date of service, a time range written the
program's way ("9h00-10h30", "0900h-1030h", "9:00-10:30 a.m.", "9:00 AM - 10:30 AM"), the
client's own arrival or departure when late or early, the format (in person or video),
group size, facilitators with credentials, attendance, and a short DAP body. A one-column
cover page states the admission and discharge dates. Missed sessions have absence notes.
Meals are not documented.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable

from core.facts import Modality
from eval.generality.model import ChartFile, Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_heldout3 import _kit as kit
from eval.generality.styles_heldout3._kit import A, K

NAME = "h3-two-up-notes-text"
LAYOUTS = ("layout", "merged", "interleaved")
WIDTH = 54

HEAD = {
    K.GROUP_PSYCHOTHERAPY: "GROUP PSYCHOTHERAPY NOTE",
    K.GROUP_EDUCATION: "PSYCHOEDUCATION GROUP NOTE",
    K.INDIVIDUAL_PSYCHOTHERAPY: "INDIVIDUAL PSYCHOTHERAPY NOTE",
    K.FAMILY_COUNSELING: "FAMILY THERAPY NOTE",
    K.CASE_MANAGEMENT: "CASE MANAGEMENT NOTE",
    K.MEDICATION_MANAGEMENT: "MEDICATION MANAGEMENT NOTE",
}
MISSED = {A.NO_SHOW: "No-show", A.CANCELLED: "Cancelled by client", A.ABSENT: "Absent"}


def _range_fmt(style: str) -> Callable[[dt.time, dt.time], str]:
    def fr(a: dt.time, b: dt.time) -> str:
        return f"{kit.t_fr(a)}-{kit.t_fr(b)}"

    def milh(a: dt.time, b: dt.time) -> str:
        return f"{kit.t_milh(a)}-{kit.t_milh(b)}"

    def dots(a: dt.time, b: dt.time) -> str:
        if (a.hour < 12) == (b.hour < 12):
            return f"{kit.t_12bare(a)}-{kit.t_12bare(b)} {'a.m.' if a.hour < 12 else 'p.m.'}"
        return f"{kit.t_ampm_dots(a)}-{kit.t_ampm_dots(b)}"

    def ampm(a: dt.time, b: dt.time) -> str:
        return f"{kit.t_ampm(a)} - {kit.t_ampm(b)}"

    return {"fr": fr, "milh": milh, "dots": dots, "ampm": ampm}[style]


def _single_fmt(style: str) -> Callable[[dt.time], str]:
    return {"fr": kit.t_fr, "milh": kit.t_milh, "dots": kit.t_ampm_dots, "ampm": kit.t_ampm}[style]


def _note(
    scn: Scenario, s: PlannedSession, style: str, rng: random.Random
) -> tuple[list[str], list[str]]:
    """The lines of one note (at most ``WIDTH`` wide) and the strings that date and time it."""
    rfmt, tfmt = _range_fmt(style), _single_fmt(style)
    m = scn.member
    when = rfmt(s.start, s.end)
    lines = [
        scn.program.upper()[:WIDTH],
        HEAD[s.kind] if s.attended else "MISSED SESSION NOTE",
        f"Client: {m.name}  ID: {m.member_id}"[:WIDTH],
        f"DOS: {kit.d_us(s.date)}   Time: {when}",
    ]
    needles = [f"DOS: {kit.d_us(s.date)}   Time: {when}"]
    if s.attended and s.member_start is not None:
        lines.append(f"Arrived: {tfmt(s.member_start)} (late)")
        needles.append(lines[-1])
    if s.attended and s.member_end is not None:
        lines.append(f"Left: {tfmt(s.member_end)} (early)")
        needles.append(lines[-1])
    svc = kit.service_label(s) + (f" ({s.cpt})" if s.cpt else "")
    if s.kind is K.GROUP_EDUCATION:
        svc = f"{s.title} (group psychoeducation)"
    lines += kit.wrap(f"Service: {svc}", WIDTH)
    fmt = "Telehealth (video)" if s.modality is Modality.VIDEO else "In person"
    if s.attended and s.group_size:
        lines.append(f"Format: {fmt}   Group size: {s.group_size}")
    else:
        lines.append(f"Format: {fmt}")
    provs = kit.providers(scn, s)
    label = "Facilitators" if s.kind in kit.GROUP_KINDS else "Clinician"
    lines += kit.wrap(f"{label}: " + "; ".join(kit.staff_name(p) for p in provs), WIDTH)
    lines.append(f"Attendance: {'Present' if s.attended else MISSED[s.attendance]}")
    lines.append("-" * 24)
    if s.attended:
        p = kit.note_paragraphs(scn, s, rng)
        lines += kit.wrap("D: " + p["data"], WIDTH)
        lines += kit.wrap("A: " + p["assessment"], WIDTH)
        lines += kit.wrap("P: " + p["plan"], WIDTH)
    else:
        lines += kit.wrap(kit.absence_text(s), WIDTH)
    signer = provs[0] if provs else scn.therapists[0]
    lines += kit.wrap(f"Signed: {kit.staff_name(signer)} {kit.d_us(s.date)}", WIDTH)
    return lines, needles


def _combine(left: list[str], right: list[str], mode: str, gap: int) -> list[str]:
    out = []
    for a, b in itertools.zip_longest(left, right, fillvalue=""):
        if mode == "layout":
            out.append((a.ljust(WIDTH + gap) + b).rstrip() if b else a)
        elif mode == "merged":
            out.append(f"{a} {b}".strip() if a and b else (a or b))
        else:
            out += [x for x in (a, b) if x]
    return out


def _render(scn: Scenario, rng: random.Random, ledger: kit.Ledger) -> RenderedChart:
    mode = LAYOUTS[scn.seed % len(LAYOUTS)]
    style = rng.choice(("fr", "milh", "dots", "ampm"))
    gap = rng.randint(4, 10)
    per_file = rng.choice((6, 8, 10))  # pages per file
    m = scn.member
    services = [s for s in scn.sessions if s.kind is not K.MEAL]
    notes = [(s, *_note(scn, s, style, rng)) for s in services]
    pages = [notes[i : i + 2] for i in range(0, len(notes), 2)]
    files: list[ChartFile] = []
    files_by: dict[int, list[str]] = {}
    for f0 in range(0, len(pages), per_file):
        chunk = pages[f0 : f0 + per_file]
        first_note = f0 * 2 + 1
        last_note = min(len(notes), (f0 + len(chunk)) * 2)
        fname = f"notes_2up_{first_note:03d}-{last_note:03d}.txt"
        texts = []
        if f0 == 0:
            texts.append(
                "\n".join(
                    [
                        f"{scn.program}",
                        "IOP PROGRESS NOTES - PRINTED 2 PER PAGE",
                        f"Client: {m.name}   ID: {m.member_id}   DOB: {kit.d_us(m.date_of_birth)}",
                        f"Admission date: {kit.d_us(scn.admission_date)}",
                        f"Discharge date: {kit.d_us(scn.discharge_date)}",
                        f"Diagnosis: {scn.diagnosis_code} {scn.diagnosis_name}",
                        f"Notes in this packet: {len(notes)}",
                    ]
                )
                + "\n"
            )
        for k, page in enumerate(chunk):
            left = page[0][1]
            right = page[1][1] if len(page) > 1 else []
            body = _combine(left, right, mode, gap)
            page_no = f0 + k + 1
            body.append("")
            body.append(f"Page {page_no} of {len(pages)}".rjust(WIDTH + 10))
            texts.append("\n".join(body) + "\n")
            for s, _, needles in page:
                files_by.setdefault(s.index, []).append(fname)
                ledger.note(s.index, fname, *needles)
        files.append(ChartFile(fname, "\f".join(texts).encode("utf-8")))

    written = kit.build_written(
        files_by,
        lambda i: dict(
            states_member_times=True,
            states_modality=True,
            states_group_size=True,
            states_facilitators=True,
        ),
    )
    return RenderedChart(
        files=tuple(files),
        written=written,
        admission_stated=True,
        discharge_stated=True,
        latest_document_date=scn.discharge_date,
    )


def render_checked(scn: Scenario, rng: random.Random) -> tuple[RenderedChart, kit.Ledger]:
    ledger = kit.Ledger()
    return _render(scn, rng, ledger), ledger


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    return render_checked(scn, rng)[0]


FAMILY = Family(
    name=NAME,
    split="heldout",
    description=(
        "Progress notes printed two to a page and converted back to text: the two notes' "
        "lines side by side with a gap, run together with one space, or interleaved line "
        "by line; times like 9h00-10h30, 0900h-1030h or 9:00-10:30 a.m."
    ),
    conventions=(
        "two notes per page side by side (layout text)",
        "two columns' lines joined by a single space",
        "two columns interleaved line by line",
        "times as 9h00-10h30, 0900h-1030h, 9:00-10:30 a.m.",
        "Arrived / Left lines for late arrival and early departure",
        "one-column cover page with admission and discharge dates",
        "form feeds between pages, several files per packet",
    ),
    render=render,
    tags=("text", "notes", "columns"),
)
