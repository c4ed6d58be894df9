"""Benchmark "Ask the policy": the first question of a fresh process vs later ones, with
and without the warm-up the workspace starts when it starts (``retrieval.warm``).

Each run is a fresh Python process (so imports, the model and chroma are really cold),
timed from its start:

  * ``cold``:   what the workspace did before: nothing happens until the first question,
                which opens the index (``PolicySearch.open``) and asks it;
  * ``warmed``: ``WarmSearch()`` is started at once, as the workspace does at start-up; the
                reviewer reads the page for a while (the run waits until warming is done
                and reports how long it took), then asks.

Both ask the same ``--questions`` questions of the retrieval eval, one after another, of
the Medicare policy file (``PolicySearch.ask``, as the workspace does) and report the first
question's time and the median of the later ones. Each mode runs with the index already
built in the data folder (the usual case) and, with ``--empty``, also from an empty data
folder (the first start on a machine: the index is built, every sentence embedded).

Target: with the warm-up, the first question takes at most 2x the median of the later
ones. Writes JSON to ``benchmarks/results/``; asserts nothing unless ``--strict``.

    .venv/bin/python benchmarks/bench_first_search.py [--questions 10] [--repeat 3]
        [--empty] [--out FILE] [--strict]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
MEDICARE = "optum-medicare-iop-coverage-summary-BH803IOPMCS052025.txt"
TARGET_FIRST_OVER_LATER = 2.0
MODES = ("cold", "warmed")


def _child(mode: str, data_dir: Path, questions: int) -> dict[str, Any]:
    """One fresh process's run (called with ``--child``)."""
    began = time.perf_counter()
    from retrieval.config import index_dir
    from retrieval.evaluation import load_questions

    asked = [q.question for q in load_questions()][:questions]
    warm_seconds: float | None = None
    search_factory: Callable[[], Any]
    if mode == "warmed":
        from retrieval.warm import WarmSearch

        warming = WarmSearch(index_dir(data_dir))
        search_factory = warming.get  # waits for warming to finish if it has not
        # the reviewer reads the page meanwhile: wait until warming has finished
        while not warming.ready():
            time.sleep(0.05)
        warm_seconds = time.perf_counter() - began
    else:
        from retrieval.search import PolicySearch

        def open_search() -> Any:
            return PolicySearch.open(index_dir(data_dir))

        search_factory = open_search

    times: list[float] = []
    search: Any = None
    for question in asked:
        start = time.perf_counter()
        if search is None:
            search = search_factory()
        answer = search.ask(question, 5, sources=[MEDICARE])
        times.append(time.perf_counter() - start)
        del answer
    return {"mode": mode, "warm_up_seconds": warm_seconds, "query_seconds": times}


def _run_child(mode: str, data_dir: Path, questions: int) -> dict[str, Any]:
    out = subprocess.run(
        [
            *(sys.executable, __file__, "--child", mode),
            *("--data-dir", str(data_dir), "--questions", str(questions)),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=1800,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _summary(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    firsts = [r["query_seconds"][0] for r in runs]
    later = [t for r in runs for t in r["query_seconds"][1:]]
    warm = [r["warm_up_seconds"] for r in runs if r["warm_up_seconds"] is not None]
    later_median = statistics.median(later) if later else float("nan")
    first_median = statistics.median(firsts)
    return {
        "runs": len(runs),
        "first_seconds": firsts,
        "first_median_seconds": first_median,
        "later_median_seconds": later_median,
        "later_max_seconds": max(later) if later else float("nan"),
        "first_over_later": first_median / later_median if later else float("nan"),
        "warm_up_seconds": warm,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--questions", type=int, default=10, help="questions per run (>= 2)")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per mode")
    parser.add_argument("--empty", action="store_true", help="also start from an empty data folder")
    parser.add_argument("--out", type=Path, help="JSON result file (default: benchmarks/results/)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if the target is missed")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.questions < 2 or args.repeat < 1:
        parser.error("--questions must be at least 2 and --repeat at least 1")
    if args.child:
        print(json.dumps(_child(args.child, args.data_dir, args.questions)))
        return 0

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="chartreview-bench-first-") as folder:
        built = Path(folder) / "built"
        _run_child("cold", built, 2)  # builds the index once, untimed
        for mode in MODES:
            runs = [_run_child(mode, built, args.questions) for _ in range(args.repeat)]
            results[f"{mode}, index built"] = _summary(runs)
            if args.empty:
                empty_runs = [
                    _run_child(mode, Path(folder) / f"empty-{mode}-{n}", args.questions)
                    for n in range(args.repeat)
                ]
                results[f"{mode}, empty data folder"] = _summary(empty_runs)

    warmed = results["warmed, index built"]
    met = bool(warmed["first_over_later"] <= TARGET_FIRST_OVER_LATER)
    result: dict[str, Any] = {
        "benchmark": "bench_first_search",
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "parameters": {"questions": args.questions, "repeat": args.repeat, "empty": args.empty},
        "environment": {
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        },
        "results": results,
        "target": {"first_over_later_max": TARGET_FIRST_OVER_LATER, "met": met},
    }
    out = args.out or RESULTS / f"bench_first_search-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    _print(result, out)
    return 1 if args.strict and not met else 0


def _print(result: dict[str, Any], out: Path) -> None:
    print(f"{'run':<28} {'first s':>8} {'later s':>8} {'ratio':>7} {'warm-up s':>10}")
    for name, row in result["results"].items():
        warm = row["warm_up_seconds"]
        warm_text = f"{statistics.median(warm):>10.2f}" if warm else f"{'-':>10}"
        print(
            f"{name:<28} {row['first_median_seconds']:>8.3f} {row['later_median_seconds']:>8.3f} "
            f"{row['first_over_later']:>7.1f} {warm_text}"
        )
    target = result["target"]
    verdict = "met" if target["met"] else "MISSED"
    print(
        f"target: warmed first question <= {target['first_over_later_max']:.0f}x the later "
        f"median: {verdict}"
    )
    print(f"details: {out}")


if __name__ == "__main__":
    sys.exit(main())
