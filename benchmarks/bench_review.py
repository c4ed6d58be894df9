"""Benchmark a full in-process review against bare pypdf text extraction.

Builds a deterministic N-document PDF chart (default 40) in a temporary folder, then times

  (a) bare pypdf: ``PdfReader(path).pages[i].extract_text()`` for every page of every file;
  (b) a full review of the same files: ``pipeline.review.review_paths(paths)`` (ingest,
      extraction, grounding, rules, sealed audit record);

after one untimed warm-up of each (imports, lazy loading of lexicons/models). Runs of (a)
and (b) alternate so that drift (CPU frequency, caches) affects both alike. It prints a
table of median/min times, the ratio review/pypdf and the targets, and writes the details
as JSON to ``benchmarks/results/`` (git-ignored).

This is a benchmark, not a test: it asserts nothing unless ``--strict`` is given.

    .venv/bin/python benchmarks/bench_review.py [--docs 40] [--repeat 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.util
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
RESULTS = ROOT / "benchmarks" / "results"

# Targets set for the project (review of a 40-document chart): the review should take
# under 1 s and at most 2x the time bare pypdf needs just to read the text.
TARGET_DOCS = 40
TARGET_REVIEW_SECONDS = 1.0
TARGET_RATIO = 2.0

# Fixed documents taken from the complete example chart (text sources; rendered to PDF).
FIXED_DOCUMENTS: tuple[tuple[str, str], ...] = (
    ("medicare-iop-complete/01_intake_psychiatric_evaluation.md", "intake_psychiatric_evaluation"),
    ("_sources/medicare-iop-complete/02_physician_certification.txt", "physician_certification"),
    ("medicare-iop-complete/03_cssrs_risk_assessment.txt", "cssrs_risk_assessment"),
    ("medicare-iop-complete/04_individualized_treatment_plan.md", "individualized_treatment_plan"),
    ("medicare-iop-complete/13_2025-03-12_treatment_team_review.md", "treatment_team_review"),
)

# Characters of the markdown examples that Helvetica's latin-1 encoding lacks.
_ASCII = str.maketrans({"—": "-", "–": "-", "·": "-", "→": "->", "’": "'", "“": '"', "”": '"'})


# --------------------------------------------------------------------------- chart


def _load_renderer() -> Callable[[str, str], bytes]:
    """``render_text`` of examples/render_pdfs.py (a script, not a package)."""
    path = EXAMPLES / "render_pdfs.py"
    spec = importlib.util.spec_from_file_location("_chartreview_render_pdfs", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    render: Callable[[str, str], bytes] = module.render_text
    return render


def _plain(text: str) -> str:
    """Markdown example -> the plain text an EHR PDF export would show."""
    lines = []
    for line in text.translate(_ASCII).splitlines():
        if line.startswith("#"):
            line = line.lstrip("#").strip()
        lines.append(line.replace("**", ""))
    return "\n".join(lines) + "\n"


# Rotating conventions, as different EHR templates write them.
CLINICIANS = (
    ("Anita Okafor, LCSW", "A. Okafor (LCSW)"),
    ("Marcus Bell, LPC", "M. Bell (LPC)"),
    ("Teresa Lund, RN", "T. Lund (RN)"),
    ("Kevin Tran, OTR/L", "K. Tran (OTR/L)"),
)
TOPICS = (
    ("behavioral activation", "scheduled two pleasant activities and one mastery task", 1),
    ("grief and loss", "shared a memory of her husband and accepted peer support", 4),
    ("cognitive restructuring", "challenged the thought 'I am a burden' with evidence", 1),
    ("worry time and paced breathing", "practiced paced breathing; anxiety 7/10 to 4/10", 2),
    ("sleep hygiene", "set a fixed wake time of 7:00 AM and stopped daytime naps", 3),
    ("asking for help", "role-played asking her daughter to help with the bills", 4),
    ("relapse warning signs", "listed early waking and skipping meals as warning signs", 1),
)
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _date_style(day: dt.date, style: int) -> str:
    return (
        f"DOS: {day:%m/%d/%Y}",
        f"Date of Service: {MONTHS[day.month - 1]} {day.day}, {day.year}",
        f"Session Date: {day.isoformat()}",
        f"Date: {day.month}/{day.day}/{day:%y}",
    )[style % 4]


def _group_note(index: int, day: dt.date, slot: int) -> str:
    """A group psychotherapy (slot 0, 9:00-10:30) or education group (slot 1) note."""
    topic, response, goal = TOPICS[index % len(TOPICS)]
    full, short = CLINICIANS[(index + slot) % len(CLINICIANS)]
    start, end = ((9, 0), (10, 30)) if slot == 0 else ((10, 45), (12, 0))
    times = (
        f"Time: {start[0]}:{start[1]:02d} AM-{end[0] if end[0] <= 12 else end[0] - 12}:"
        f"{end[1]:02d} {'PM' if end[0] >= 12 else 'AM'}",
        f"Time: {start[0]:02d}{start[1]:02d}-{end[0]:02d}{end[1]:02d}",
        f"Start Time: {start[0]:02d}:{start[1]:02d} / End Time: {end[0]:02d}:{end[1]:02d}",
        f"Duration: {(end[0] * 60 + end[1] - start[0] * 60 - start[1])} min",
    )[index % 4]
    size = (f"Group size: {5 + index % 4}", f"{5 + index % 4} members present",
            f"Participants (n={5 + index % 4})")[index % 3]  # fmt: skip
    kind = "Process Group (group psychotherapy)" if slot == 0 else "Psychoeducation group"
    signature = (
        f"Electronically signed by {full} on {day:%m/%d/%Y} 12:{10 + index % 40:02d}",
        f"{short} -- signed {day:%m/%d/%Y}",
    )[index % 2]
    return f"""RIVERBEND BEHAVIORAL HEALTH - ADULT IOP
GROUP PROGRESS NOTE
Patient: Dolores A. Whitcomb        MRN: RB-204417
{_date_style(day, index)}
{times}
Service: {kind}, in person
Facilitator: {full}
{size}

Intervention: Facilitator led a session on {topic} with discussion, modeling and
in-group practice; members received handouts and a practice assignment.
Response: Patient {response}.
She participated actively and gave feedback to peers.
Progress toward goals: addresses treatment plan Goal {goal}; patient reports steady
progress and will practice the skill before the next session.
Risk: denies SI/HI, no plan or intent.

Plan: Continue IOP Mon/Wed/Thu; review the practice assignment next session.

{signature}
"""


def _individual_note(index: int, day: dt.date, phq9: int) -> str:
    topic, response, goal = TOPICS[(index + 3) % len(TOPICS)]
    fmt = index % 3
    times = ("Start Time: 1:00 PM / End Time: 2:00 PM", "Time: 13:00 - 13:50",
             "Duration: 1 hour")[fmt]  # fmt: skip
    return f"""RIVERBEND BEHAVIORAL HEALTH
INDIVIDUAL PSYCHOTHERAPY NOTE (SOAP)
Patient: Dolores A. Whitcomb | MRN RB-204417
{_date_style(day, index + 1)}
{times}
Clinician: Anita Okafor, LCSW | Service: Individual psychotherapy (CBT)

S: "This week was a little better." Slept 5-6 hours; ate two meals most days.
O: Engaged, good eye contact, affect brighter. PHQ-9 {phq9}. Denies SI/HI, no plan or
intent; safety plan reviewed.
A: Intervention: CBT focused on {topic}; reviewed thought records and the self-care log.
Patient's response: she {response} and completed her homework on 5 of 7 days.
Relation to plan: addresses Goal {goal} and Goal 1 (PHQ-9 below 10).
P: Continue weekly individual therapy and IOP groups.

Electronically signed by Anita Okafor, LCSW on {day:%m/%d/%Y} 15:{(index * 7) % 60:02d}
"""


def chart_texts(n_docs: int) -> list[tuple[str, str]]:
    """(file stem, plain text) for an ``n_docs``-document chart; deterministic."""
    if n_docs < len(FIXED_DOCUMENTS) + 1:
        raise SystemExit(f"--docs must be at least {len(FIXED_DOCUMENTS) + 1}")
    docs: list[tuple[str, str]] = []
    for number, (rel, stem) in enumerate(FIXED_DOCUMENTS, start=1):
        docs.append((f"{number:02d}_{stem}", _plain((EXAMPLES / rel).read_text("utf-8"))))
    # Progress notes on the program calendar from Monday 2025-03-03: two groups on
    # Mon/Wed/Thu and an individual session on Tuesday (7 notes a week).
    day = dt.date(2025, 3, 3)
    index = 0
    while len(docs) < n_docs:
        weekday = day.weekday()
        if weekday in (0, 2, 3):
            for slot in (0, 1):
                if len(docs) < n_docs:
                    stem = f"{len(docs) + 1:02d}_{day.isoformat()}_group_{slot + 1}"
                    docs.append((stem, _group_note(index, day, slot)))
                    index += 1
        elif weekday == 1:
            phq9 = max(6, 20 - index // 4)
            stem = f"{len(docs) + 1:02d}_{day.isoformat()}_individual"
            docs.append((stem, _individual_note(index, day, phq9)))
            index += 1
        day += dt.timedelta(days=1)
    return docs


def build_chart(folder: Path, n_docs: int) -> list[Path]:
    render = _load_renderer()
    paths = []
    for stem, text in chart_texts(n_docs):
        path = folder / f"{stem}.pdf"
        path.write_bytes(render(text, stem))
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- timing


def run_pypdf(paths: Sequence[Path]) -> dict[str, int]:
    from pypdf import PdfReader

    pages = chars = 0
    for path in paths:
        reader = PdfReader(path)
        for i in range(len(reader.pages)):
            chars += len(reader.pages[i].extract_text())
            pages += 1
    return {"pages": pages, "chars": chars}


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _summary(times: list[float]) -> dict[str, float]:
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for dist in ("pypdf", "fpdf2", "chartreview", "pydantic"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "not installed"
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=TARGET_DOCS, help="documents in the chart")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each measurement")
    parser.add_argument("--policy", default="medicare-iop", help="policy pack for the review")
    parser.add_argument("--extractor", default="deterministic", help="extractor for the review")
    parser.add_argument("--keep", type=Path, help="build the chart in DIR and keep it")
    parser.add_argument("--out", type=Path, help="JSON result file (default: benchmarks/results/)")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 if a target is missed (default: report only)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    if str(ROOT) not in sys.path:  # run as a script from a checkout without install
        sys.path.insert(0, str(ROOT))

    tmp: tempfile.TemporaryDirectory[str] | None = None
    if args.keep:
        folder = args.keep
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="chartreview-bench-")
        folder = Path(tmp.name)
    try:
        return _run(args, folder)
    finally:
        if tmp is not None:
            tmp.cleanup()


def _run(args: argparse.Namespace, folder: Path) -> int:
    paths = build_chart(folder, args.docs)
    chart_bytes = sum(p.stat().st_size for p in paths)

    # The review pipeline may not be importable yet (or may fail): keep the pypdf part.
    review_paths: Callable[..., Any] | None = None
    review_error: str | None = None
    try:
        from pipeline.review import review_paths as _review_paths

        review_paths = _review_paths
    except Exception as exc:  # report, do not crash: the baseline is still useful
        review_error = f"import pipeline.review failed: {type(exc).__name__}: {exc}"

    def review() -> Any:
        assert review_paths is not None
        return review_paths(paths, policy=args.policy, extractor=args.extractor)

    # Warm-up, untimed: imports, lazy lexicons/models, OS file cache.
    stats = run_pypdf(paths)
    record = None
    if review_paths is not None:
        try:
            record = review()
        except Exception as exc:
            review_error = f"review_paths failed: {type(exc).__name__}: {exc}"
            traceback.print_exc()
            review_paths = None

    pypdf_times: list[float] = []
    review_times: list[float] = []
    for _ in range(args.repeat):
        seconds, _stats = _timed(lambda: run_pypdf(paths))
        pypdf_times.append(seconds)
        if review_paths is not None:
            seconds, record = _timed(review)
            review_times.append(seconds)

    pypdf = _summary(pypdf_times)
    result: dict[str, Any] = {
        "benchmark": "bench_review",
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "parameters": {
            "docs": args.docs,
            "repeat": args.repeat,
            "policy": args.policy,
            "extractor": args.extractor,
        },
        "environment": {
            **_versions(),
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
        },
        "chart": {"documents": len(paths), "bytes": chart_bytes, **stats},
        "pypdf_seconds": {**pypdf, "runs": pypdf_times},
        "review_seconds": None,
        "ratio_review_to_pypdf": None,
        "review_error": review_error,
        "targets": {},
    }

    scaled_target = TARGET_REVIEW_SECONDS * args.docs / TARGET_DOCS
    if review_times:
        rev = _summary(review_times)
        ratio = {"median": rev["median"] / pypdf["median"], "min": rev["min"] / pypdf["min"]}
        result["review_seconds"] = {**rev, "runs": review_times}
        result["ratio_review_to_pypdf"] = ratio
        result["targets"] = {
            "review_seconds": {
                "target": scaled_target,
                "scaled_from": f"{TARGET_REVIEW_SECONDS} s per {TARGET_DOCS} documents",
                "measured_median": rev["median"],
                "met": rev["median"] < scaled_target,
            },
            "ratio": {
                "target": TARGET_RATIO,
                "measured_median": ratio["median"],
                "met": ratio["median"] <= TARGET_RATIO,
            },
        }
        if record is not None:
            result["review_sanity"] = {
                "overall": str(getattr(record, "overall", None)),
                "documents": len(getattr(record, "documents", []) or []),
                "input_errors": len(getattr(record, "input_errors", []) or []),
                "findings": len(getattr(record, "findings", []) or []),
                "weeks": len(getattr(record, "weekly_summary", []) or []),
            }

    out = args.out or RESULTS / f"bench_review-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    _print_table(result, out)
    missed = [name for name, t in result["targets"].items() if not t["met"]]
    if args.strict and (missed or review_error):
        return 1
    return 0


def _print_table(result: dict[str, Any], out: Path) -> None:
    chart = result["chart"]
    p = result["pypdf_seconds"]
    r = result["review_seconds"]
    runs = result["parameters"]["repeat"]
    print(
        f"chart: {chart['documents']} PDF documents, {chart['pages']} pages, "
        f"{chart['bytes'] / 1024:.0f} KiB, {chart['chars']} characters of text"
    )
    print(f"{'':24}{'median':>10}{'min':>10}{'runs':>6}")
    print(f"{'bare pypdf':24}{p['median']:>9.3f}s{p['min']:>9.3f}s{runs:>6}")
    if r is None:
        print(f"{'full review':24}{'n/a':>10}{'n/a':>10}")
        print(f"review not measured: {result['review_error']}")
    else:
        ratio = result["ratio_review_to_pypdf"]
        print(f"{'full review':24}{r['median']:>9.3f}s{r['min']:>9.3f}s{runs:>6}")
        print(f"{'ratio review / pypdf':24}{ratio['median']:>9.2f}x{ratio['min']:>9.2f}x")
        t = result["targets"]
        rs, rt = t["review_seconds"], t["ratio"]
        print(
            f"target review < {rs['target']:.2f} s ({rs['scaled_from']}): "
            f"{'met' if rs['met'] else 'MISSED'} ({rs['measured_median']:.3f} s)"
        )
        print(
            f"target ratio <= {rt['target']:.1f}x: "
            f"{'met' if rt['met'] else 'MISSED'} ({rt['measured_median']:.2f}x)"
        )
        sanity = result.get("review_sanity")
        if sanity:
            print(
                f"review result: overall={sanity['overall']}, {sanity['documents']} documents, "
                f"{sanity['input_errors']} input errors, {sanity['findings']} findings"
            )
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    sys.exit(main())
