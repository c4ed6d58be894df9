"""``chartreview`` command line: review, batch, verify, policies, schema, eval, policy
(search, index, related, eval), cases, users, workspace.

Exit codes: 0 a completed review (whatever its outcome) or a passing verification;
1 a record that fails verification, a batch in which some chart failed, an out-of-date
related-passages file (``policy related --check``) or an eval below its threshold
(``eval --check``, ``policy eval``); 2 unusable arguments or input (with a message);
130 a batch stopped by Ctrl-C or SIGTERM.

Every handler imports what it needs itself, so that ``--help`` builds only the parser and
``verify``, ``policies`` and ``schema`` load neither the extractor nor the rules they do
not use; the ``policy`` commands alone load the embedding model and the vector store.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cli.cases import add_cases_parser, run_cases
from cli.users import add_users_parser, run_users
from cli.workspace import add_workspace_parser, run_workspace
from core.errors import ChartReviewError, RecordError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

# The same as pipeline.review.EXTRACTORS (a test keeps them equal): written here so that
# building the parser (``--help``) does not import the review pipeline.
EXTRACTORS = ("deterministic", "llm", "hybrid")

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
    review.add_argument(
        "--sign-key",
        type=Path,
        metavar="KEY.pem",
        default=os.environ.get("CHARTREVIEW_SIGNING_KEY") or None,
        help="sign the record with this ed25519 private key (default: $CHARTREVIEW_SIGNING_KEY)",
    )
    review.add_argument("--quiet", action="store_true", help="no summary or progress")

    verify = sub.add_parser(
        "verify",
        help="check an audit record: its record_sha256, its schema and (with --public-key) "
        "its signature",
    )
    verify.add_argument("record", type=Path, metavar="RECORD.json")
    verify.add_argument(
        "--public-key",
        type=Path,
        metavar="KEY.pub.pem",
        help="the deployment's public key: the record must carry a valid signature by it",
    )

    keygen = sub.add_parser(
        "keygen", help="make an ed25519 key pair to sign audit records (review --sign-key)"
    )
    keygen.add_argument("--out", type=Path, default=Path(), help="folder for the two keys")

    sub.add_parser("policies", help="list policy packs and their rules")

    schema = sub.add_parser("schema", help="print the audit record's JSON Schema")
    schema.add_argument("--out", type=Path, help="write it here instead of stdout")

    _add_batch_parser(sub)
    _add_policy_parser(sub)
    _add_eval_parser(sub)
    add_cases_parser(sub)
    add_users_parser(sub)
    add_workspace_parser(sub)
    return parser


def _add_batch_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    batch = sub.add_parser(
        "batch",
        help="review many charts: one per sub-folder of ROOT, or per chart of a manifest",
        description="Review many charts in worker processes: one chart per sub-folder of "
        "ROOT, or per chart_id of a manifest CSV (columns chart_id,path[,policy]; paths "
        "relative to the manifest). Writes one sealed record per chart to OUT/records/, and "
        "OUT/summary.csv and OUT/summary.json (one row per chart: pack, overall, counts per "
        "status, rules not met, unread records, errors). A chart that fails is listed with "
        "its reason and the batch goes on. Ctrl-C stops it with every finished record "
        "intact; --resume continues. Exit 0 when every chart was reviewed, 1 when some "
        "failed (see the summary), 2 for unusable arguments, 130 when interrupted.",
    )
    batch.add_argument(
        "source", type=Path, metavar="ROOT|MANIFEST.csv", help="chart root folder or manifest"
    )
    batch.add_argument(
        "--policy",
        metavar="PACK|auto",
        help="policy pack for every chart (a manifest's policy column overrides it); auto "
        "chooses it from the payer the documents name, and says why",
    )
    batch.add_argument("--out", type=Path, required=True, help="output folder")
    batch.add_argument("--extractor", default="deterministic", choices=EXTRACTORS)
    batch.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="worker processes (default: one per CPU; 1 reviews in this process)",
    )
    batch.add_argument(
        "--resume",
        action="store_true",
        help="continue a batch in OUT: skip charts whose files and settings are unchanged",
    )
    batch.add_argument(
        "--shard",
        metavar="I/N",
        help="review only shard I of N (by a hash of the chart id): N machines, one shard "
        "each, no coordination",
    )
    batch.add_argument(
        "--sign-key",
        type=Path,
        metavar="KEY.pem",
        default=os.environ.get("CHARTREVIEW_SIGNING_KEY") or None,
        help="sign every record with this ed25519 private key (default: $CHARTREVIEW_SIGNING_KEY)",
    )
    batch.add_argument("--quiet", action="store_true", help="no progress line")
    batch.add_argument(
        "--store",
        action="store_true",
        help="also put every record reviewed in this run into the case store, as the "
        "worklist of the reviewer workspace ($CHARTREVIEW_DATABASE_URL, else the SQLite "
        "file in the data folder); a re-review becomes its case's next version",
    )


def _add_eval_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    evaluate = sub.add_parser(
        "eval",
        help="score extraction and verdicts on the gold charts in eval/",
        description="Review every gold chart of eval/charts and score the review against "
        "the hand-written gold: per-field precision/recall/F1, verdict accuracy and "
        "confusion matrix, false met, weekly hours, grounding, LLM calls and tokens. "
        "Give --extractor twice to compare two extractors side by side.",
    )
    evaluate.add_argument(
        "--extractor",
        action="append",
        choices=(*EXTRACTORS, "oracle", "hybrid-oracle"),
        help="deterministic (default), llm or hybrid; repeat to compare. Without an "
        "endpoint, llm/hybrid replay the recording in eval/recordings/. oracle: the llm "
        "extractor answered with the gold (measures everything but the model); "
        "hybrid-oracle: the hybrid extractor answered with the gold",
    )
    evaluate.add_argument("--policy", metavar="PACK", help="only the charts of this pack")
    evaluate.add_argument(
        "--set",
        dest="gold_set",
        choices=(
            "main",
            "holdout",
            "studied",
            "styles-dev",
            "styles-heldout",
            "docfacts-dev",
            "docfacts-heldout",
        ),
        default="main",
        help="main (eval/charts, CI thresholds; default), holdout (eval/holdout, blind), "
        "studied (eval/studied: holdout charts studied since, CI thresholds of their own), or "
        "charts generated in many export styles (eval/generality): styles-dev (tuned on, CI "
        "thresholds) or styles-heldout (scored only), or documents written in many phrasings "
        "(eval/docfacts): docfacts-dev (tuned on, CI thresholds) or docfacts-heldout (scored "
        "only)",
    )
    evaluate.add_argument(
        "--chart", action="append", metavar="ID", help="only this chart (repeatable)"
    )
    evaluate.add_argument(
        "--out",
        type=Path,
        metavar="REPORT.json",
        help="write the JSON report, and Markdown beside it",
    )
    evaluate.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when a metric misses its threshold in eval/thresholds.yaml",
    )
    evaluate.add_argument(
        "--record",
        type=Path,
        metavar="RECORDING.jsonl",
        help="with a live LLM endpoint: record its responses for replay in CI",
    )


def _add_policy_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    policy = sub.add_parser(
        "policy",
        help="ask the policy texts a question; manage the policy index",
        description="Search the policy texts (hybrid: embeddings + BM25). The index lives in "
        "$CHARTREVIEW_DATA_DIR (default ~/.cache/chartreview) and is built on first use.",
    )
    commands = policy.add_subparsers(dest="policy_command", required=True, parser_class=_Parser)

    search = commands.add_parser("search", help="ranked policy passages for a question")
    search.add_argument("question", metavar="QUESTION", help='e.g. "who may facilitate a group?"')
    search.add_argument(
        "--policy", metavar="PACK", help="only the policy text(s) of this pack (see `policies`)"
    )
    search.add_argument("-k", type=_positive, default=5, help="how many passages (default 5)")
    search.add_argument(
        "--method",
        choices=("fused", "dense", "lexical"),
        default="fused",
        help="ranking: fused (default), dense (embeddings) or lexical (BM25)",
    )

    index = commands.add_parser("index", help="build or update the policy index, show its state")
    index.add_argument("--rebuild", action="store_true", help="drop the index and embed again")

    related = commands.add_parser(
        "related", help="regenerate the related passages of each pack's rules (shipped files)"
    )
    related.add_argument(
        "--check", action="store_true", help="only check they are up to date (exit 1 if not)"
    )

    evaluate = commands.add_parser(
        "eval", help="recall@k and MRR of dense, lexical and fused search on the eval questions"
    )
    evaluate.add_argument("-k", type=_positive, default=5, help="recall cut-off (default 5)")
    evaluate.add_argument(
        "--min-recall",
        type=float,
        default=None,
        metavar="R",
        help="exit 1 if fused recall@k is below R (default: 0.9 for k=5)",
    )
    evaluate.add_argument("--misses", action="store_true", help="list the questions fused misses")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _console(*, stderr: bool = False) -> Console:
    """A console that is readable in a terminal and in a log file or pipe."""
    from rich.console import Console

    console = Console(stderr=stderr)
    return console if console.is_terminal else Console(stderr=stderr, width=120)


def _review(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    from audit.record import (
        AuditRecord,
        load_private_key,
        load_record,
        shown,
        sign,
        to_json,
        write_record,
    )
    from cli.summary import print_summary
    from pipeline.review import Progress as ReviewProgress
    from pipeline.review import review_paths

    record_to_stdout = args.out is None
    console = _console(stderr=record_to_stdout)
    previous: AuditRecord | None = load_record(args.previous) if args.previous else None
    signing = load_private_key(args.sign_key) if args.sign_key else None

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
    if previous is not None and not (
        {d.document_id for d in previous.documents} & {d.document_id for d in record.documents}
    ):
        raise UsageError(
            f"{shown(args.previous)} is a record of another chart (no document in common): "
            "chain a record only to an earlier review of the same chart"
        )
    if signing is not None:
        record = sign(record, signing)
    if record_to_stdout:
        sys.stdout.write(to_json(record))
    else:
        write_record(args.out, record)
    if not args.quiet:
        print_summary(record, console)
        if not record_to_stdout:
            console.print(f"Audit record written to {shown(args.out)}", markup=False)
    return EXIT_OK


EXIT_INTERRUPTED = 130


def _batch(args: argparse.Namespace) -> int:
    try:
        return _run_batch(args)
    except KeyboardInterrupt:  # while it starts (once running, the batch handles Ctrl-C)
        print("batch: interrupted; run the same command with --resume to continue", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run_batch(args: argparse.Namespace) -> int:
    from batch.charts import parse_shard
    from batch.run import BatchOptions, default_workers, run_batch

    options = BatchOptions(
        source=args.source,
        out=args.out,
        policy=args.policy,
        extractor=args.extractor,
        workers=args.workers or default_workers(),
        resume=args.resume,
        shard=parse_shard(args.shard) if args.shard else None,
        sign_key=args.sign_key,
        verbose=args.verbose,
        quiet=args.quiet,
    )
    result = run_batch(options)
    from_earlier = sum(r.from_earlier_run for r in result.rows)
    reviewed = sum(r.status == "reviewed" for r in result.rows)
    earlier = f" ({from_earlier} unchanged since an earlier run)" if from_earlier else ""
    print(
        f"{len(result.rows)} of {result.selected} charts finished in {result.seconds:.1f} s: "
        f"{reviewed} reviewed{earlier}, {result.failed} failed."
    )
    print(f"Summary: {result.summary_csv} and {result.summary_json.name}")
    if args.store:
        _store_batch(args, result.rows)
    if result.interrupted:
        print("Interrupted: run the same command with --resume to finish.")
        return EXIT_INTERRUPTED
    return EXIT_VERIFY_FAILED if result.failed else EXIT_OK


def _store_batch(args: argparse.Namespace, rows: Sequence[Any]) -> None:
    """Put the records reviewed in this run into the case store, with their chart's files
    when the charts are sub-folders of the batch's root."""
    from audit.record import load_record
    from casestore import open_store

    added = again = 0
    with open_store() as store:
        for row in rows:
            if row.status != "reviewed" or row.from_earlier_run or not row.record:
                continue
            record = load_record(args.out / row.record)
            folder = args.source / row.chart
            files = [folder] if args.source.is_dir() and folder.is_dir() else []
            outcome = store.add_record(record, chart_name=row.chart, files=files)
            added += outcome.added
            again += not outcome.added
    already = f" ({again} already there)" if again else ""
    print(f"Case store: {added} record(s) added{already}.")


def _verify(args: argparse.Namespace) -> int:
    from audit.record import load_public_key, read_json, shown, verify_data

    key = load_public_key(args.public_key) if args.public_key else None
    if not args.record.exists():
        raise UsageError(f"{shown(args.record)}: no such file")
    try:
        data = read_json(args.record)
    except RecordError as e:
        print(f"FAILED: {e}")
        return EXIT_VERIFY_FAILED
    ok, message = verify_data(data, key)
    print(f"{shown(args.record)}: {'OK' if ok else 'FAILED'}: {message}")
    return EXIT_OK if ok else EXIT_VERIFY_FAILED


def _keygen(args: argparse.Namespace) -> int:
    from audit.record import generate_keys, shown

    private, public = generate_keys(args.out)
    print(
        f"Private key (keep it secret; sign with review --sign-key): {shown(private)}\n"
        f"Public key (give it to whoever verifies, verify --public-key): {shown(public)}"
    )
    return EXIT_OK


def _policies(_: argparse.Namespace) -> int:
    from rules.pack import available_packs, load_pack

    console = _console()
    for pack_id in available_packs():
        pack = load_pack(pack_id)
        console.print(f"[bold]{pack.id}[/bold] {pack.version} — {pack.title}")
        console.print(f"  source: {pack.source}", style="dim")
        for rule in pack.rules:
            console.print(f"  {rule.id}: {rule.title}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from audit.record import json_schema

    text = json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _building(sources: Sequence[str]) -> None:
    print(
        f"Building the policy index for {len(sources)} policy file(s); the first use loads "
        "the embedding model (about 10 s)...",
        file=sys.stderr,
    )


def _policy_search(args: argparse.Namespace) -> int:
    from retrieval.related import pack_sources
    from retrieval.search import PolicySearch, checked_query
    from rules.pack import load_pack

    checked_query(args.question)  # before the slow part
    sources = pack_sources(load_pack(args.policy)) if args.policy else None
    search = PolicySearch.open(on_build=_building)
    hits = search.search(args.question, args.k, sources=sources, method=args.method)
    console = _console()
    if not hits:
        console.print("No passage matches that question.")
        return EXIT_OK
    for hit in hits:
        p = hit.passage
        ranks = ", ".join(
            f"{name} #{rank}"
            for name, rank in (("dense", hit.dense_rank), ("lexical", hit.lexical_rank))
            if rank is not None
        )
        console.print(f"[bold]{hit.rank}. {p.section or '(front matter)'}[/bold]", highlight=False)
        console.print(
            f"   {p.source}  ·  {p.passage_id}  ·  chars {p.start}-{p.end}  ·  {ranks}",
            style="dim",
            highlight=False,
        )
        for line in hit.lead_in_lines:  # what the list is: context, not the passage's text
            console.print(f"   under: {line}", style="dim", highlight=False, markup=False)
        console.print(f"   {' '.join(p.text.split())}", highlight=False, markup=False)
        console.print()
    return EXIT_OK


def _policy_index(args: argparse.Namespace) -> int:
    from retrieval.index import PolicyIndex

    index = PolicyIndex.open(rebuild=args.rebuild, on_build=_building)
    report = index.report
    print(f"Policy index: {report.directory}")
    for f in index.files:
        state = "embedded now" if f.source in report.rebuilt else "up to date"
        print(f"  {f.source}: {len(f.passages)} passages, {len(f.chunks)} sentences ({state})")
    for source in report.removed:
        print(f"  {source}: removed (no longer in policies/)")
    return EXIT_OK


def _policy_related(args: argparse.Namespace) -> int:
    from retrieval.related_build import check_related, write_related
    from retrieval.search import PolicySearch

    search = PolicySearch.open(on_build=_building)
    if args.check:
        problems = check_related(search)
        for problem in problems:
            print(f"{problem}: run `chartreview policy related`")
        if not problems:
            print("The related-passages files are up to date.")
        return EXIT_VERIFY_FAILED if problems else EXIT_OK
    for path, changed in write_related(search):
        print(f"{path}: {'written' if changed else 'unchanged'}")
    return EXIT_OK


def _policy_eval(args: argparse.Namespace) -> int:
    from retrieval.evaluation import MIN_FUSED_RECALL, RECALL_K, evaluate, load_questions
    from retrieval.search import PolicySearch

    questions = load_questions()
    report = evaluate(PolicySearch.open(on_build=_building), questions, k=args.k)
    print(f"{report.questions} questions, all policy files searched")
    print(report.table())
    if args.misses:
        for miss in report.misses():
            got = ", ".join(miss.ranking[: report.k])
            print(f"  missed {miss.question.id}: {miss.question.question} (top {report.k}: {got})")
    threshold = args.min_recall
    if threshold is None and args.k == RECALL_K:
        threshold = MIN_FUSED_RECALL
    fused = report.scores["fused"].recall
    if threshold is not None and fused < threshold:
        print(f"FAILED: fused recall@{report.k} {fused:.3f} is below {threshold}")
        return EXIT_VERIFY_FAILED
    return EXIT_OK


def _eval_styles(args: argparse.Namespace, kinds: list[str]) -> int:
    """``eval --set styles-dev|styles-heldout``: charts generated in many export styles,
    sessions and weekly hours per style family (eval/generality)."""
    from eval.generality.score import render_styles, run_styles
    from eval.run import eval_extractor
    from eval.thresholds import load_thresholds, styles_failures

    split: Literal["dev", "heldout"] = "dev" if args.gold_set == "styles-dev" else "heldout"
    if args.policy is not None or args.chart:
        raise UsageError("the generated charts are scored whole: drop --policy and --chart")
    if args.check and split != "dev":
        raise UsageError(
            "--check takes the development styles only (styles-dev): the held-out "
            "styles are scored, never a target"
        )
    if len(kinds) != 1:
        raise UsageError("the generated charts are scored with one --extractor at a time")
    chosen = eval_extractor(kinds[0], record=args.record)
    with _console(stderr=True).status(f"eval: generating and reviewing {args.gold_set} charts..."):
        report = run_styles(split, chosen.extractor)
    print(render_styles(report, details=args.out is None and split == "dev"))
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
        print(f"\nReport written to {args.out}")
    if not args.check:
        return EXIT_OK
    loaded = load_thresholds()
    missed = []
    for group in report.groups:
        limits = getattr(loaded, group.family, None)
        if limits is None:
            raise UsageError(f"eval/thresholds.yaml has no {group.family} thresholds")
        missed += [f"{group.family}: {line}" for line in styles_failures(group, limits)]
    for line in missed:
        print(f"FAILED (styles-dev): {line}")
    if not missed:
        print("styles-dev: every threshold is met")
    return EXIT_VERIFY_FAILED if missed else EXIT_OK


def _eval_docfacts(args: argparse.Namespace, kinds: list[str]) -> int:
    """``eval --set docfacts-dev|docfacts-heldout``: per-field precision and recall of
    document facts on documents written in many phrasings (eval/docfacts)."""
    from eval.docfacts.score import render_docfacts, run_docfacts
    from eval.run import eval_extractor
    from eval.thresholds import DocFactsThresholds, docfacts_failures, load_thresholds

    split: Literal["dev", "heldout"] = "dev" if args.gold_set == "docfacts-dev" else "heldout"
    if args.policy is not None or args.chart:
        raise UsageError("the generated charts are scored whole: drop --policy and --chart")
    if args.check and split != "dev":
        raise UsageError(
            "--check takes the development phrasings only (docfacts-dev): the held-out "
            "phrasings are scored, never a target"
        )
    if len(kinds) != 1:
        raise UsageError("the generated charts are scored with one --extractor at a time")
    chosen = eval_extractor(kinds[0], record=args.record)
    with _console(stderr=True).status(f"eval: generating and reviewing {args.gold_set} charts..."):
        report = run_docfacts(split, chosen.extractor)
    print(render_docfacts(report, details=args.out is None and split == "dev"))
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
        print(f"\nReport written to {args.out}")
    if not args.check:
        return EXIT_OK
    # each development group is gated on its own thresholds (a group written later does
    # not lower the bar of the one before it)
    thresholds = load_thresholds()
    missed: list[str] = []
    for group in report.groups:
        limits = getattr(thresholds, group.family, None)
        if not isinstance(limits, DocFactsThresholds):
            raise UsageError(f"eval/thresholds.yaml has no {group.family} thresholds")
        missed += [f"{group.family}: {line}" for line in docfacts_failures(group, limits)]
    for line in missed:
        print(f"FAILED (docfacts-dev): {line}")
    if not missed:
        print("docfacts-dev: every threshold is met")
    return EXIT_VERIFY_FAILED if missed else EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from eval.metrics import summarize
    from eval.run import eval_extractor, render_markdown, render_table, run_eval
    from eval.thresholds import failures, load_thresholds, ratchet_hints

    kinds: list[str] = args.extractor or ["deterministic"]
    if len(set(kinds)) != len(kinds):
        raise UsageError("give each --extractor once")
    if args.gold_set.startswith("styles-"):
        return _eval_styles(args, kinds)
    if args.gold_set.startswith("docfacts-"):
        return _eval_docfacts(args, kinds)
    if args.check and (
        args.policy is not None or args.chart or args.gold_set not in ("main", "studied")
    ):
        raise UsageError(
            "--check scores the whole main (or studied) set: drop --policy, --chart and --set"
        )
    thresholds = load_thresholds() if args.check else None
    err = _console(stderr=True)
    reports = []
    for kind in kinds:
        chosen = eval_extractor(kind, record=args.record)
        with err.status(f"eval: reviewing the gold charts with {kind}..."):
            report = run_eval(
                chosen.extractor,
                policy=args.policy,
                charts=args.chart,
                gold_set=args.gold_set,
                llm_source=chosen.llm_source,
                before_chart=chosen.before_chart,
            )
        if chosen.replay is not None:
            err.print(
                f"{kind}: replayed {chosen.replay.served} recorded responses of "
                f"{report.model}; {chosen.replay.missing} requests had no recording"
            )
        reports.append(report)
    print(render_table(reports))
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        payload = {"reports": [r.model_dump(mode="json") for r in reports]}
        args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        markdown = args.out.with_suffix(".md")
        markdown.write_text(render_markdown(reports), encoding="utf-8")
        print(f"\nReports written to {args.out} and {markdown}")
    if thresholds is None:
        return EXIT_OK
    failed = False
    for report in reports:
        limits = (
            (thresholds.studied if args.gold_set == "studied" else thresholds.deterministic)
            if report.extractor == "deterministic"
            else thresholds.llm_recorded
            if report.llm_source == "recording"
            else (thresholds.hybrid_oracle if report.extractor == "hybrid" else thresholds.oracle)
            if report.llm_source == "oracle"
            else None
        )
        if limits is None:
            print(f"\n{report.extractor}: no thresholds for a {report.llm_source} LLM eval")
            continue
        summary = report.summary
        if args.gold_set == "studied" and report.extractor == "deterministic":
            # each later cohort is gated on its own charts; ``studied`` on the others
            later = {c for cohort in thresholds.studied_cohorts.values() for c in cohort.charts}
            known = {c.chart for c in report.charts}
            for name, cohort in sorted(thresholds.studied_cohorts.items()):
                missing = sorted(set(cohort.charts) - known)
                if missing:
                    raise UsageError(
                        f"eval/thresholds.yaml studied cohort {name} names charts not in "
                        f"eval/studied: {', '.join(missing)}"
                    )
                part = summarize([c for c in report.charts if c.chart in cohort.charts])
                for line in failures(part, cohort):
                    print(f"FAILED (studied cohort {name}): {line}")
                    failed = True
                for hint in ratchet_hints(part, cohort):
                    print(f"ratchet (studied cohort {name}): {hint} in eval/thresholds.yaml")
            summary = summarize([c for c in report.charts if c.chart not in later])
        missed = failures(summary, limits)
        for line in missed:
            print(f"FAILED ({report.extractor}): {line}")
        for hint in ratchet_hints(summary, limits):
            print(f"ratchet ({report.extractor}): {hint} in eval/thresholds.yaml")
        if not missed:
            who = (
                f"{report.extractor} oracle" if report.llm_source == "oracle" else report.extractor
            )
            print(f"{who}: every eval threshold is met")
        failed = failed or bool(missed)
    return EXIT_VERIFY_FAILED if failed else EXIT_OK


def _policy(args: argparse.Namespace) -> int:
    handlers = {
        "search": _policy_search,
        "index": _policy_index,
        "related": _policy_related,
        "eval": _policy_eval,
    }
    return handlers[args.policy_command](args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    # `workspace` hands the options it does not know to `streamlit run`; every other
    # command refuses them, as parse_args would
    args, others = parser.parse_known_args(argv)
    if others and args.command != "workspace":
        parser.error(f"unrecognized arguments: {' '.join(others)}")
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )

    def _workspace(_: argparse.Namespace) -> int:
        return run_workspace(others)

    handlers = {
        "review": _review,
        "batch": _batch,
        "verify": _verify,
        "keygen": _keygen,
        "policies": _policies,
        "schema": _schema,
        "policy": _policy,
        "eval": _eval,
        "cases": run_cases,
        "users": run_users,
        "workspace": _workspace,
    }
    try:
        return handlers[args.command](args)
    except ChartReviewError as e:
        print(f"chartreview: error: {e}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
