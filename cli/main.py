"""``chartreview`` command line: review, verify, policies, schema.

Exit codes: 0 a completed review (whatever its outcome) or a passing verification;
1 a record that fails verification; 2 unusable arguments or input (with a message).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from audit.record import (
    AuditRecord,
    json_schema,
    load_record,
    read_json,
    to_json,
    verify_data,
)
from cli.summary import print_summary
from core.errors import ChartReviewError
from pipeline.review import EXTRACTORS, review_paths
from pipeline.review import Progress as ReviewProgress
from rules.pack import available_packs, load_pack

EXIT_OK = 0
EXIT_VERIFY_FAILED = 1
EXIT_USAGE = 2
PROGRESS_MIN_DOCUMENTS = 10


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"chartreview: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="chartreview",
        description="Review an IOP chart against a payer policy; every finding cites the "
        "chart and the policy. It recommends and explains; a person decides.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress (no chart text)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    review = sub.add_parser("review", help="review chart documents (PDF, text, Markdown)")
    review.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    review.add_argument("--policy", default="medicare-iop", help="policy pack id (see `policies`)")
    review.add_argument("--extractor", default="deterministic", choices=EXTRACTORS)
    review.add_argument("--out", type=Path, help="write the audit record here (default: stdout)")
    review.add_argument(
        "--previous",
        type=Path,
        metavar="RECORD",
        help="earlier record of the same chart (chains it)",
    )
    review.add_argument("--quiet", action="store_true", help="no summary or progress")

    verify = sub.add_parser("verify", help="recompute an audit record's record_sha256")
    verify.add_argument("record", type=Path, metavar="RECORD.json")

    sub.add_parser("policies", help="list policy packs and their rules")

    schema = sub.add_parser("schema", help="print the audit record's JSON Schema")
    schema.add_argument("--out", type=Path, help="write it here instead of stdout")
    return parser


def _console(*, stderr: bool = False) -> Console:
    """A console that is readable in a terminal and in a log file or pipe."""
    console = Console(stderr=stderr)
    return console if console.is_terminal else Console(stderr=stderr, width=120)


def _review(args: argparse.Namespace) -> int:
    record_to_stdout = args.out is None
    console = _console(stderr=record_to_stdout)
    previous: AuditRecord | None = load_record(args.previous) if args.previous else None

    progress_bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=args.quiet,
    )
    tasks: dict[str, TaskID] = {}

    def on_progress(p: ReviewProgress) -> None:
        if p.total < PROGRESS_MIN_DOCUMENTS:
            return
        if p.stage not in tasks:
            label = "Reading documents" if p.stage == "ingest" else "Extracting facts"
            tasks[p.stage] = progress_bar.add_task(label, total=p.total)
        progress_bar.update(tasks[p.stage], completed=p.done)

    with progress_bar:
        record = review_paths(
            args.paths,
            policy=args.policy,
            extractor=args.extractor,
            previous=previous,
            progress=on_progress,
        )
    text = to_json(record)
    if record_to_stdout:
        sys.stdout.write(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    if not args.quiet:
        print_summary(record, console)
        if not record_to_stdout:
            console.print(f"Audit record written to {args.out}")
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    ok, message = verify_data(read_json(args.record))
    print(f"{args.record}: {'OK' if ok else 'FAILED'}: {message}")
    return EXIT_OK if ok else EXIT_VERIFY_FAILED


def _policies(_: argparse.Namespace) -> int:
    console = _console()
    for pack_id in available_packs():
        pack = load_pack(pack_id)
        console.print(f"[bold]{pack.id}[/bold] {pack.version} — {pack.title}")
        console.print(f"  source: {pack.source}", style="dim")
        for rule in pack.rules:
            console.print(f"  {rule.id}: {rule.title}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handlers = {"review": _review, "verify": _verify, "policies": _policies, "schema": _schema}
    try:
        return handlers[args.command](args)
    except ChartReviewError as e:
        print(f"chartreview: error: {e}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
