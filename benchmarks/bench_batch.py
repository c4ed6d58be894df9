"""Benchmark ``chartreview batch`` against one ``chartreview review`` process per chart.

Builds ``--charts`` N charts (default 1000) of ``--docs`` PDF documents each (default 40):
the 40-document chart of ``bench_review.py`` is rendered once and copied into N folders
(each chart its own files; identical content does not matter to the deterministic
extractor, which caches nothing across charts). Then, in one run:

  (a) CLI: ``--cli-sample`` (default 20) sequential ``chartreview review CHART --out R
      --quiet`` processes, timed; extrapolated to N charts;
  (b) batch, small: ``chartreview batch`` over the first ``--small`` (default 10) charts;
  (c) batch, all: ``chartreview batch`` over all N charts;

both batches with ``--workers`` (default 2) worker processes, as a user runs them (one
process, start-up included). It reports charts per minute for (a) and (c) and the
speed-up, the wall time per chart at 10 and at N, the review time per chart inside the
workers (median of the summary's per-chart seconds: the first 10 charts of (c) next to its
last 10, and (b) next to (c)), and the peak RSS of each worker at 10 and at N (from the
summary). Writes JSON to ``benchmarks/results/`` (git-ignored); asserts nothing unless
``--strict`` (the issue's targets: >= 5x the CLI, per-chart cost at N within 1.1x of at 10,
worker memory flat).

    .venv/bin/python benchmarks/bench_batch.py [--charts 1000] [--docs 40] [--workers 2]
        [--cli-sample 20] [--small 10] [--policy medicare-iop] [--keep DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
TARGET_SPEEDUP = 5.0
TARGET_LINEAR = 1.1
TARGET_MEMORY_GROWTH = 1.1

if str(ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
if str(ROOT) not in sys.path:  # run as a script from a checkout without install
    sys.path.insert(0, str(ROOT))

from bench_review import build_chart  # noqa: E402


def _command() -> list[str]:
    script = Path(sys.executable).with_name("chartreview")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cli.main"]


def build_charts(root: Path, count: int, docs: int) -> list[Path]:
    template = root / "_template"
    template.mkdir(parents=True)
    build_chart(template, docs)
    charts = root / "charts"
    folders = []
    for n in range(1, count + 1):
        folder = charts / f"chart-{n:05d}"
        shutil.copytree(template, folder)
        folders.append(folder)
    shutil.rmtree(template)
    return folders


def time_cli(charts: Sequence[Path], policy: str, scratch: Path) -> list[float]:
    times = []
    for n, chart in enumerate(charts):
        out = scratch / f"cli-{n}.json"
        start = time.perf_counter()
        done = subprocess.run(
            [*_command(), "review", str(chart), "--policy", policy, "--out", str(out), "--quiet"],
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"chartreview review failed: {done.stderr.decode()[-2000:]}")
    return times


def time_batch(source: Path, out: Path, policy: str, workers: int) -> dict[str, Any]:
    command = [*_command(), "batch", str(source), "--policy", policy, "--out", str(out)]
    command += ["--workers", str(workers), "--quiet"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"chartreview batch failed: {done.stderr.decode()[-2000:]}")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    rows = summary["charts"]
    seconds = [row["seconds"] for row in rows]
    charts = len(rows)
    return {
        "charts": charts,
        "wall_seconds": wall,
        "charts_per_minute": charts / wall * 60,
        "wall_seconds_per_chart": wall / charts,
        "review_seconds_median": statistics.median(seconds),
        "review_seconds_first10_median": statistics.median(seconds[:10]),
        "review_seconds_last10_median": statistics.median(seconds[-10:]),
        "worker_peak_rss_mib": summary["run"]["worker_peak_rss_mib"],
        "overall": sorted({row["overall"] for row in rows}),
        "failed": summary["totals"]["failed"],
    }


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for dist in ("chartreview", "pypdf", "spacy", "pydantic"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "not installed"
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--charts", type=int, default=1000, help="charts in the big batch")
    parser.add_argument("--docs", type=int, default=40, help="PDF documents per chart")
    parser.add_argument("--workers", type=int, default=2, help="batch worker processes")
    parser.add_argument("--cli-sample", type=int, default=20, help="CLI calls timed")
    parser.add_argument("--small", type=int, default=10, help="charts in the small batch")
    parser.add_argument("--policy", default="medicare-iop", help="policy pack")
    parser.add_argument("--keep", type=Path, help="build the charts in DIR and keep them")
    parser.add_argument("--out", type=Path, help="JSON result file (default: benchmarks/results/)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    if args.charts < max(args.small, args.cli_sample, 10):
        parser.error("--charts must be at least --small, --cli-sample and 10")
    tmp: tempfile.TemporaryDirectory[str] | None = None
    if args.keep:
        base = args.keep
        if base.exists():
            shutil.rmtree(base)
        base.mkdir(parents=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="chartreview-bench-batch-")
        base = Path(tmp.name)
    try:
        return _run(args, base)
    finally:
        if tmp is not None:
            tmp.cleanup()


def _run(args: argparse.Namespace, base: Path) -> int:
    started = time.perf_counter()
    charts = build_charts(base, args.charts, args.docs)
    build_seconds = time.perf_counter() - started
    print(f"built {len(charts)} charts of {args.docs} PDF documents in {build_seconds:.0f} s")

    scratch = base / "scratch"
    scratch.mkdir()
    cli_times = time_cli(charts[: args.cli_sample], args.policy, scratch)
    cli_mean = statistics.mean(cli_times)
    median = statistics.median(cli_times)
    print(f"CLI: {len(cli_times)} calls, {cli_mean:.3f} s each (median {median:.3f})")

    small_root = base / "small"
    small_root.mkdir()
    for chart in charts[: args.small]:
        (small_root / chart.name).symlink_to(chart, target_is_directory=True)
    small = time_batch(small_root, base / "out-small", args.policy, args.workers)
    print(f"batch of {small['charts']}: {small['wall_seconds']:.1f} s")
    big = time_batch(charts[0].parent, base / "out-big", args.policy, args.workers)
    print(f"batch of {big['charts']}: {big['wall_seconds']:.1f} s")

    cli_per_minute = 60 / cli_mean
    speedup = big["charts_per_minute"] / cli_per_minute
    wall_ratio = big["wall_seconds_per_chart"] / small["wall_seconds_per_chart"]
    review_ratio = big["review_seconds_median"] / small["review_seconds_median"]
    drift = big["review_seconds_last10_median"] / big["review_seconds_first10_median"]
    small_rss = max(small["worker_peak_rss_mib"].values())
    big_rss = max(big["worker_peak_rss_mib"].values())
    result: dict[str, Any] = {
        "benchmark": "bench_batch",
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "parameters": {
            "charts": args.charts,
            "docs": args.docs,
            "workers": args.workers,
            "cli_sample": args.cli_sample,
            "small": args.small,
            "policy": args.policy,
        },
        "environment": {
            **_versions(),
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
        },
        "build_seconds": build_seconds,
        "cli": {
            "calls": len(cli_times),
            "seconds_each": {"mean": cli_mean, "median": statistics.median(cli_times)},
            "charts_per_minute": cli_per_minute,
            "extrapolated_seconds_for_all": cli_mean * args.charts,
            "runs": cli_times,
        },
        "batch_small": small,
        "batch_all": big,
        "speedup_vs_cli": speedup,
        "per_chart_wall_ratio_all_vs_small": wall_ratio,
        "per_chart_review_ratio_all_vs_small": review_ratio,
        "review_last10_vs_first10": drift,
        "worker_peak_rss_mib": {"small": small_rss, "all": big_rss},
        "targets": {
            "speedup": {"target": TARGET_SPEEDUP, "measured": speedup},
            "per_chart_review_all_vs_small": {"target": TARGET_LINEAR, "measured": review_ratio},
            "worker_memory_growth": {
                "target": TARGET_MEMORY_GROWTH,
                "measured": big_rss / small_rss,
            },
        },
    }
    for target in result["targets"].values():
        target["met"] = (
            target["measured"] >= target["target"]
            if target is result["targets"]["speedup"]
            else target["measured"] <= target["target"]
        )
    out = args.out or RESULTS / f"bench_batch-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    _print(result, out)
    missed = [name for name, t in result["targets"].items() if not t["met"]]
    return 1 if args.strict and missed else 0


def _print(result: dict[str, Any], out: Path) -> None:
    p = result["parameters"]
    cli, small, big = result["cli"], result["batch_small"], result["batch_all"]
    print(f"\n{p['charts']} charts x {p['docs']} PDF documents, {p['workers']} workers")
    print(f"{'':34}{'charts/min':>12}{'s/chart':>10}")
    lines = (
        ("CLI, one process per chart", cli["charts_per_minute"], 60 / cli["charts_per_minute"]),
        (
            f"batch of {small['charts']}",
            small["charts_per_minute"],
            small["wall_seconds_per_chart"],
        ),
        (f"batch of {big['charts']}", big["charts_per_minute"], big["wall_seconds_per_chart"]),
    )
    for label, per_minute, per_chart in lines:
        print(f"{label:34}{per_minute:>12.1f}{per_chart:>10.3f}")
    print(
        f"speed-up batch / CLI: {result['speedup_vs_cli']:.1f}x; CLI for all {p['charts']}: "
        f"{cli['extrapolated_seconds_for_all'] / 60:.1f} min (extrapolated from "
        f"{cli['calls']}), batch: {big['wall_seconds'] / 60:.1f} min"
    )
    print(
        f"review time per chart in a worker (median): {small['review_seconds_median']:.3f} s "
        f"at {small['charts']}, {big['review_seconds_median']:.3f} s at {big['charts']} "
        f"({result['per_chart_review_ratio_all_vs_small']:.2f}x); first 10 / last 10 of "
        f"{big['charts']}: {big['review_seconds_first10_median']:.3f} / "
        f"{big['review_seconds_last10_median']:.3f} s"
    )
    print(
        f"wall time per chart: {small['wall_seconds_per_chart']:.3f} s at {small['charts']} "
        f"(start-up included), {big['wall_seconds_per_chart']:.3f} s at {big['charts']}"
    )
    print(
        f"peak RSS per worker (MiB): at {small['charts']}: {small['worker_peak_rss_mib']}; "
        f"at {big['charts']}: {big['worker_peak_rss_mib']}"
    )
    for name, t in result["targets"].items():
        verdict = "met" if t["met"] else "MISSED"
        print(f"target {name}: {t['target']} -> {t['measured']:.2f} ({verdict})")
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    sys.exit(main())
