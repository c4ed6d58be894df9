"""``chartreview cases``: the case store from the command line.

``cases import RECORD.json... [--chart-files DIR] [--chart-name NAME] [--public-key K]``
verifies each record (hash, schema and, with the key, signature; a record that does not
verify is refused) and adds it to the case store
(``CHARTREVIEW_DATABASE_URL``, else the SQLite file in the data folder) as a new case or as
the next version of its chart's case, keeping the chart files in DIR that are documents of
the record. ``cases list [--status S] [--pack P] [--sort KEY] [--reverse]`` prints the
worklist.

What is printed (names of charts and records) is the product; nothing here is logged.
Building the parser imports nothing from the store.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from core.errors import RecordError, UsageError

EXIT_OK = 0
EXIT_REFUSED = 1
STATUSES = ("new", "in_review", "decided")
SORTS = ("last_change", "member", "status", "pack", "overall")


def add_cases_parser(sub: argparse._SubParsersAction[Any]) -> None:
    cases = sub.add_parser("cases", help="the case store: import reviews, list the worklist")
    commands = cases.add_subparsers(dest="cases_command", required=True, parser_class=type(cases))
    imp = commands.add_parser(
        "import",
        help="add verified audit records to the case store (a record that fails "
        "verification is refused)",
    )
    imp.add_argument("records", nargs="+", type=Path, metavar="RECORD.json")
    imp.add_argument(
        "--chart-files",
        type=Path,
        metavar="DIR",
        help="the chart's folder: its files that are documents of the record are kept "
        "with the case (readable only by the service account)",
    )
    imp.add_argument(
        "--public-key",
        type=Path,
        metavar="KEY.pub.pem",
        help="the deployment's public key: only records signed with it are imported",
    )
    imp.add_argument(
        "--chart-name",
        metavar="NAME",
        help="the case's name in the worklist (default: the --chart-files folder's name, "
        "else the record file's name)",
    )
    listing = commands.add_parser("list", help="the worklist: cases, status, outcome, counts")
    listing.add_argument("--status", choices=STATUSES, help="only cases with this status")
    listing.add_argument("--pack", metavar="PACK", help="only cases reviewed against this pack")
    listing.add_argument("--sort", choices=SORTS, default="last_change", help="sort key")
    listing.add_argument("--reverse", action="store_true", help="reverse the sort order")


def run_cases(args: argparse.Namespace) -> int:
    if args.cases_command == "import":
        return _import(args)
    return _list(args)


def _import(args: argparse.Namespace) -> int:
    from audit.record import AuditRecord, load_public_key, read_json, shown, verify_data
    from casestore import open_store

    key = load_public_key(args.public_key) if args.public_key else None

    def verified(path: Path) -> AuditRecord:
        data = read_json(path)
        ok, message = verify_data(data, key)
        if not ok:
            edited = "; it was edited after it was written" if "hashes to" in message else ""
            raise RecordError(f"{shown(path)}: {message}{edited}")
        return AuditRecord.model_validate(data)

    missing = [shown(p) for p in args.records if not p.exists()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    if args.chart_files and not args.chart_files.is_dir():
        raise UsageError(f"{shown(args.chart_files)}: not a folder (give the chart's folder)")
    files = [args.chart_files] if args.chart_files else []
    refused = 0
    with open_store() as store:
        for path in args.records:
            try:
                record = verified(path)
            except RecordError as e:
                print(f"REFUSED: {e}; not imported", file=sys.stderr)
                refused += 1
                continue
            name = args.chart_name or (args.chart_files.name if args.chart_files else path.stem)
            added = store.add_record(record, chart_name=name, files=files)
            what = "imported" if added.added else "already in the store"
            documents = f"{added.files_stored} of {len(record.documents)} documents kept"
            print(
                f"{shown(path)}: {what}: case {added.case_id} version {added.version}"
                + (f" ({documents})" if files else "")
            )
    return EXIT_REFUSED if refused else EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from casestore import open_store

    with open_store() as store:
        rows = store.worklist(
            status=args.status,
            pack=args.pack,
            sort=args.sort,
            descending=(args.sort == "last_change") != args.reverse,
        )
    console = Console()
    if not console.is_terminal:
        console = Console(width=200)  # a pipe or a log: room for full names and ids
    if not rows:
        console.print("No cases" + (" match" if args.status or args.pack else " yet") + ".")
        return EXIT_OK
    table = Table(
        title=f"{len(rows)} case{'s' if len(rows) != 1 else ''}",
        caption="Findings: met / not met / insufficient evidence / not applicable, "
        "on the case's latest record",
    )
    table.add_column("Member", overflow="fold", min_width=12)
    table.add_column("Born", no_wrap=True)
    table.add_column("Pack", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Tool's overall", overflow="fold")
    table.add_column("Findings", no_wrap=True)
    table.add_column("Actions", justify="right")
    table.add_column("Last reviewer", overflow="fold", min_width=8)
    table.add_column("Last change (UTC)", no_wrap=True)
    table.add_column("Case", no_wrap=True, min_width=36)
    for row in rows:
        c = row.counts
        table.add_row(
            Text(row.member),  # Text: a name is never read as console markup
            Text(row.member_dob.isoformat() if row.member_dob else "-"),
            Text(row.pack_id),
            row.status.replace("_", " "),
            row.overall.replace("_", " "),
            f"{c.met}/{c.not_met}/{c.insufficient_evidence}/{c.not_applicable}",
            str(row.actions),
            Text(row.last_reviewer or "-"),
            row.last_change.strftime("%Y-%m-%d %H:%M"),
            row.case_id,
        )
    console.print(table)
    return EXIT_OK
