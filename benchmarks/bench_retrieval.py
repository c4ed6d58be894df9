"""Benchmark policy search: query latency once the model is loaded, and the cold costs.

Builds the policy index in a temporary data folder (or ``--data-dir``), then times, for
every question of the retrieval eval (``retrieval/data/questions.yaml``), ``--repeat``
times each, after an untimed warm-up:

  * ``fused``:   ``PolicySearch.search(question, k=5)`` — what ``chartreview policy search``
                 does: query embedding, chroma query, BM25, reciprocal rank fusion;
  * ``dense``:   the dense ranking alone (query embedding + chroma);
  * ``lexical``: the BM25 ranking alone;
  * ``embed``:   the query embedding alone (``embedding.embed_query``).

It also reports the one-off costs a first use pays: importing the retrieval modules,
loading the model and embedding every passage sentence (index build), and re-opening a
built index. Target: fused p50 under 20 ms once loaded. The details go to
``benchmarks/results/`` (git-ignored) as JSON.

This is a benchmark, not a test: it asserts nothing unless ``--strict`` is given.

    .venv/bin/python benchmarks/bench_retrieval.py [--repeat 5] [--data-dir DIR] [--strict]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
TARGET_FUSED_P50_MS = 20.0


def _ms(samples: Sequence[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50": statistics.median(ordered) * 1000,
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000,
        "mean": statistics.fmean(ordered) * 1000,
        "min": ordered[0] * 1000,
        "max": ordered[-1] * 1000,
    }


def _versions() -> dict[str, str]:
    found = {}
    for name in ("chartreview", "chromadb", "torch", "sentence-transformers", "rank-bm25"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per question")
    parser.add_argument(
        "--data-dir", type=Path, help="data folder for the index (default: a temporary one)"
    )
    parser.add_argument("--out", type=Path, help="JSON result file (default: benchmarks/results/)")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 if the target is missed (default: report)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.data_dir is not None:
        return _run(args, args.data_dir)
    with tempfile.TemporaryDirectory(prefix="chartreview-bench-") as folder:
        return _run(args, Path(folder))


def _run(args: argparse.Namespace, data_dir: Path) -> int:
    cold: dict[str, float] = {}
    start = time.perf_counter()
    from retrieval import embedding
    from retrieval.config import index_dir
    from retrieval.evaluation import load_questions
    from retrieval.index import PolicyIndex
    from retrieval.search import PolicySearch

    cold["import_seconds"] = time.perf_counter() - start
    cold["model_load_seconds"] = _timed(embedding.load_model)
    start = time.perf_counter()
    index = PolicyIndex.open(index_dir(data_dir))  # builds (embeds) if the folder is new
    label = "build_seconds" if index.report.rebuilt else "first_open_seconds"
    cold[label] = time.perf_counter() - start
    start = time.perf_counter()
    search = PolicySearch.open(index_dir(data_dir))
    cold["reopen_seconds"] = time.perf_counter() - start

    questions = [q.question for q in load_questions()]
    runs: dict[str, Callable[[str], object]] = {
        "fused": lambda q: search.search(q, 5),
        "dense": lambda q: search.index.dense(q, 50),
        "lexical": lambda q: search.lexical.rank(q, 50),
        "embed": lambda q: embedding.embed_query(q),
    }
    for q in questions[:5]:  # warm-up
        for fn in runs.values():
            fn(q)
    samples: dict[str, list[float]] = {name: [] for name in runs}
    gc.collect()
    for _ in range(args.repeat):
        for q in questions:
            for name, fn in runs.items():
                samples[name].append(_timed(lambda fn=fn, q=q: fn(q)))  # type: ignore[misc]

    latency = {name: _ms(values) for name, values in samples.items()}
    met = latency["fused"]["p50"] < TARGET_FUSED_P50_MS
    result: dict[str, Any] = {
        "benchmark": "bench_retrieval",
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "parameters": {"repeat": args.repeat, "questions": len(questions)},
        "environment": {
            **_versions(),
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "python": sys.version.split()[0],
        },
        "index": {
            "records": search.index.count(),
            "passages": len(search.passages),
            "data_dir": str(data_dir),
        },
        "cold": cold,
        "latency_ms": latency,
        "target": {"fused_p50_ms": TARGET_FUSED_P50_MS, "met": met},
    }
    out = args.out or RESULTS / f"retrieval-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    _print(result, out)
    if args.strict and not met:
        return 1
    return 0


def _print(result: dict[str, Any], out: Path) -> None:
    index = result["index"]
    n = result["parameters"]["questions"] * result["parameters"]["repeat"]
    print(f"Policy search: {index['passages']} passages, {index['records']} sentence records")
    print(f"{n} timed queries per method ({result['parameters']['questions']} questions)")
    print(f"{'method':<8} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}")
    for name, row in result["latency_ms"].items():
        print(f"{name:<8} {row['p50']:>8.1f} {row['p95']:>8.1f} {row['mean']:>8.1f}")
    for name, seconds in result["cold"].items():
        print(f"{name.replace('_seconds', ''):<14} {seconds:>6.2f} s")
    target = result["target"]
    verdict = "met" if target["met"] else "MISSED"
    print(f"target: fused p50 < {target['fused_p50_ms']:.0f} ms: {verdict}")
    print(f"details: {out}")


if __name__ == "__main__":
    sys.exit(main())
