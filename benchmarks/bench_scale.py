"""Benchmark how a review scales with the size of one text document (hostile-input issue).

Generates plain-text group-note exports of 1, 4 and 16 MiB (the notes of the 40-document
benchmark, repeated with advancing dates), a file holding one 5-million-character line, and
a 40 MiB notes export (above the default per-document text budget, so the review must
refuse it quickly with a clear reason and still review the rest of the chart). Each is
reviewed next to a small valid document, in a fresh process, measuring wall time and peak
resident memory (``wait4``). Prints a table and writes JSON to ``benchmarks/results/``.

The targets (issue "Hostile input"): time proportional to size (16 MiB within 5x the 4 MiB
time), under 1 GiB resident, and the 40 MiB export refused (or reviewed) in under 2 minutes.

This is a benchmark, not a test: it asserts nothing unless ``--strict`` is given.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1,4,16] [--big 40] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
MIB = 1024 * 1024
TARGET_RATIO_16_TO_4 = 5.0
TARGET_PEAK_MIB = 1024
TARGET_BIG_SECONDS = 120.0

_CHILD = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from pipeline.review import review_paths
record = review_paths([Path(p) for p in sys.argv[1:]], policy="medicare-iop")
print(json.dumps({
    "seconds": time.perf_counter() - t0,
    "overall": str(record.overall),
    "documents": len(record.documents),
    "input_errors": [e.reason for e in record.input_errors],
    "sessions": len(record.facts.sessions),
}))
"""


def _bench_review() -> Any:
    spec = importlib.util.spec_from_file_location(
        "bench_review", ROOT / "benchmarks" / "bench_review.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def notes_text(size: int) -> str:
    """Group notes with advancing dates, about ``size`` bytes."""
    bench = _bench_review()
    parts: list[str] = []
    total = 0
    day = dt.date(2025, 1, 6)
    i = 0
    while total < size:
        note = bench._plain(bench._group_note(i, day, i % 2)) + "\n\n"
        parts.append(note)
        total += len(note.encode("utf-8"))
        i += 1
        if i % 2 == 0:
            day += dt.timedelta(days=1)
    return "".join(parts)


def one_line(chars: int) -> str:
    words = "member reported improved sleep and attended group "
    return (words * (chars // len(words) + 1))[:chars] + "\n"


def run_case(name: str, folder: Path, companion: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(folder / name), str(companion)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    result: dict[str, Any] = {
        "case": name,
        "bytes": (folder / name).stat().st_size,
        "wall_seconds": round(wall, 2),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "exit_status": status,
    }
    if status == 0:
        result.update(json.loads(out))
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16", help="MiB of notes per case")
    parser.add_argument("--line", type=int, default=5_000_000, help="characters of one line")
    parser.add_argument("--big", type=int, default=40, help="MiB of the over-budget case (0: skip)")
    parser.add_argument("--keep", type=Path, help="keep the generated files here")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        companion = folder / "companion" / "certification.txt"
        companion.parent.mkdir(exist_ok=True)
        companion.write_text(
            (
                ROOT / "examples/_sources/medicare-iop-complete/02_physician_certification.txt"
            ).read_text("utf-8"),
            "utf-8",
        )
        cases: list[str] = []
        for mib in [int(x) for x in args.sizes.split(",") if x]:
            name = f"notes_{mib}mib.txt"
            (folder / name).write_text(notes_text(mib * MIB), "utf-8")
            cases.append(name)
        if args.line:
            (folder / "one_line.txt").write_text(one_line(args.line), "utf-8")
            cases.append("one_line.txt")
        if args.big:
            name = f"notes_{args.big}mib.txt"
            (folder / name).write_text(notes_text(args.big * MIB), "utf-8")
            cases.append(name)
        results = []
        for name in cases:
            r = run_case(name, folder, companion)
            results.append(r)
            print(
                f"{r['case']:<18} {r['bytes'] / MIB:7.1f} MiB  {r['wall_seconds']:7.1f} s  "
                f"peak {r['peak_rss_mib']:7.1f} MiB  sessions {r.get('sessions', '-'):>6}  "
                f"errors {len(r.get('input_errors', []))}",
                flush=True,
            )
        verdict = _targets(results, args)
        out = RESULTS / f"bench_scale-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json"
        RESULTS.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps(
                {"results": results, "targets": verdict, "python": platform.python_version()},
                indent=2,
            ),
            "utf-8",
        )
        for line in verdict["lines"]:
            print(line)
        print(f"details: {out.relative_to(ROOT)}")
        return 1 if args.strict and not verdict["all_met"] else 0
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def _targets(results: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    by_case = {r["case"]: r for r in results}
    lines: list[str] = []
    met: list[bool] = []
    four, sixteen = by_case.get("notes_4mib.txt"), by_case.get("notes_16mib.txt")
    if four and sixteen:
        ratio = sixteen["wall_seconds"] / four["wall_seconds"]
        ok = ratio <= TARGET_RATIO_16_TO_4
        met.append(ok)
        lines.append(f"16 MiB / 4 MiB time: {ratio:.2f} (target <= {TARGET_RATIO_16_TO_4}) {ok}")
    peak = max(r["peak_rss_mib"] for r in results)
    met.append(peak < TARGET_PEAK_MIB)
    lines.append(f"peak resident: {peak:.0f} MiB (target < {TARGET_PEAK_MIB}) {met[-1]}")
    big = by_case.get(f"notes_{args.big}mib.txt")
    if big:
        ok = big["exit_status"] == 0 and big["wall_seconds"] < TARGET_BIG_SECONDS
        met.append(ok)
        refused = bool(big.get("input_errors"))
        lines.append(
            f"{args.big} MiB: {big['wall_seconds']:.1f} s, "
            f"{'refused with a reason' if refused else 'reviewed'} (target < "
            f"{TARGET_BIG_SECONDS:.0f} s) {ok}"
        )
    if any(r["exit_status"] != 0 for r in results):
        met.append(False)
        lines.append("a review process failed")
    return {"all_met": all(met), "lines": lines}


if __name__ == "__main__":
    raise SystemExit(main())
