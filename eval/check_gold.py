"""Check the gold files of the eval set without running the extractor or the rules.

For each chart: the gold loads strictly; every rule of its pack has a status RULES.md
allows (eval/statuses.yaml); ``overall`` follows from the statuses; ``counted`` agrees
with the service kind and the attendance (RULES.md "Counted service"); every quote is
verbatim in its document's text (the only chartreview code used is ingest, to read the
text layer the tool will see); and the weekly summary written by hand equals the one
re-derived here from the session table — arithmetic slips in the gold are caught before
they can be blamed on the tool. For the whole set, every rule must appear with every
status it can take.

    python -m eval.check_gold              # the whole set, with the status coverage
    python -m eval.check_gold --set holdout   # the blind holdout set
    python -m eval.check_gold mi-03-...    # some charts
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.data import Document
from core.errors import EvalError
from core.facts import Attendance, ServiceKind
from core.findings import Status
from eval.gold import (
    CHARTS_DIR,
    SETS,
    GoldChart,
    GoldSession,
    GoldWeek,
    allowed_statuses,
    chart_ids,
    gold_path,
    load_gold,
)
from ingest.loader import load_chart

# RULES.md "Counted service" (MBPM ch.6 §70.4, SSA §1861(ff)(2)), written out here rather
# than read from the packs so that the check does not depend on the code under test.
COUNTED_KINDS = frozenset(
    {
        ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
        ServiceKind.GROUP_PSYCHOTHERAPY,
        ServiceKind.GROUP_EDUCATION,
        ServiceKind.FAMILY_COUNSELING,
        ServiceKind.OCCUPATIONAL_THERAPY,
        ServiceKind.PSYCHIATRIC_NURSING,
        ServiceKind.PEER_SUPPORT,
        ServiceKind.ILLNESS_NAVIGATION,
        ServiceKind.PATIENT_EDUCATION,
        ServiceKind.ACTIVITY_THERAPY,
        ServiceKind.DIAGNOSTIC,
        ServiceKind.MEDICATION_ADMINISTRATION,
    }
)
HOURS_TOLERANCE = 0.005  # gold hours are written to two decimals at most


@dataclass(frozen=True)
class Span:
    """Where a gold quote occurs: a page of a document and a character range."""

    document_id: str
    page: int
    start: int
    end: int


def locate(documents: Sequence[Document], filename: str, quote: str) -> list[Span]:
    """Every occurrence of ``quote`` in the pages of the document named ``filename``."""
    spans: list[Span] = []
    for doc in documents:
        if doc.filename != filename:
            continue
        for page in doc.pages:
            at = page.text.find(quote)
            while at >= 0:
                spans.append(Span(doc.document_id, page.number, at, at + len(quote)))
                at = page.text.find(quote, at + 1)
    return spans


def program_weeks(admission: dt.date, end: dt.date) -> list[tuple[int, dt.date, dt.date, bool]]:
    """RULES.md "Program week N": (number, first day, last day, complete) up to the week
    holding ``end``."""
    weeks = []
    number, start = 1, admission
    while start <= end:
        last = start + dt.timedelta(days=6)
        weeks.append((number, start, last, last <= end))
        number, start = number + 1, start + dt.timedelta(days=7)
    return weeks


def derive_weeks(gold: GoldChart) -> list[GoldWeek]:
    """The weekly summary re-derived from the session table."""
    if gold.admission_date is None or gold.episode_end is None:
        return []
    derived = []
    for number, start, last, complete in program_weeks(gold.admission_date, gold.episode_end):
        counted = [s for s in gold.sessions if s.counted and start <= s.date <= last]
        minutes = sum(s.minutes for s in counted if s.minutes is not None)
        derived.append(
            GoldWeek(
                week=number,
                start=start,
                end=last,
                complete=complete,
                counted_hours=round(minutes / 60, 2),
                counted_services=len(counted),
                unknown_length_services=sum(1 for s in counted if s.minutes is None),
                service_days=len({s.date for s in counted}),
            )
        )
    return derived


def _week_problems(gold: GoldChart) -> list[str]:
    derived = derive_weeks(gold)
    if len(derived) != len(gold.weeks):
        return [f"weeks: the gold lists {len(gold.weeks)}, the session table gives {len(derived)}"]
    problems = []
    for want, got in zip(derived, gold.weeks, strict=True):
        for name in GoldWeek.model_fields:
            a, b = getattr(want, name), getattr(got, name)
            same = abs(a - b) <= HOURS_TOLERANCE if name == "counted_hours" else a == b
            if not same:
                problems.append(
                    f"week {got.week}: {name} is {b} in the gold, {a} from the sessions"
                )
    return problems


def _session_problems(session: GoldSession, row: int) -> list[str]:
    where = f"sessions[{row}] ({session.date} {session.kind.value})"
    attended = session.attendance is Attendance.ATTENDED
    problems = []
    if session.counted and not attended:
        problems.append(f"{where}: counted but attendance is {session.attendance.value}")
    if session.counted and session.kind not in COUNTED_KINDS | {ServiceKind.UNKNOWN}:
        problems.append(f"{where}: counted but {session.kind.value} is not a counted kind")
    if not session.counted and attended and session.kind in COUNTED_KINDS:
        problems.append(f"{where}: an attended {session.kind.value} is a counted service")
    return problems


def _status_problems(gold: GoldChart) -> list[str]:
    allowed = allowed_statuses()
    pack_rules = {r for r in allowed if r.startswith(f"{gold.policy}.")}
    problems = [f"rules: {r} has no gold status" for r in sorted(pack_rules - set(gold.rules))]
    problems += [
        f"rules: {r} is not a rule of the pack" for r in sorted(set(gold.rules) - pack_rules)
    ]
    for rule, verdict in gold.rules.items():
        if rule in allowed and verdict.status not in allowed[rule]:
            problems.append(f"rules: {rule} cannot be {verdict.status.value} (RULES.md)")
    statuses = {v.status for v in gold.rules.values()}
    overall = (
        "not_met"
        if Status.NOT_MET in statuses
        else "insufficient_evidence"
        if Status.INSUFFICIENT_EVIDENCE in statuses
        else "met"
    )
    if gold.overall != overall:
        problems.append(f"overall is {gold.overall} but the rule statuses give {overall}")
    return problems


def _quote_problems(gold: GoldChart, documents: Sequence[Document]) -> list[str]:
    names = {d.filename for d in documents}
    problems = []
    located = [(f"sessions[{i}]", s.at) for i, s in enumerate(gold.sessions)]
    located += [(f"facts[{i}] ({f.field})", f.at) for i, f in enumerate(gold.facts)]
    for where, locations in located:
        for loc in locations:
            if loc.document not in names:
                problems.append(f"{where}: no document {loc.document!r} in the chart")
            elif not locate(documents, loc.document, loc.quote):
                problems.append(f"{where}: quote {loc.quote!r} is not in {loc.document}")
    return problems


def check_chart(chart: str, root: Path = CHARTS_DIR) -> list[str]:
    """Every problem of one chart's gold (empty when it is consistent)."""
    try:
        gold = load_gold(gold_path(chart, root))
    except EvalError as e:
        return [str(e)]
    ingest = load_chart([root / chart])
    problems = [f"document {e.filename} is unreadable: {e.reason}" for e in ingest.errors]
    problems += _status_problems(gold)
    for row, session in enumerate(gold.sessions):
        problems += _session_problems(session, row)
    problems += _week_problems(gold)
    problems += _quote_problems(gold, ingest.documents)
    ages = [f.value for f in gold.facts if f.field == "member_age"]
    if gold.member_age is not None and ages and str(gold.member_age) not in ages:
        problems.append(f"member_age {gold.member_age} differs from the member_age facts {ages}")
    return problems


def coverage_gaps(golds: Iterable[GoldChart]) -> list[str]:
    """Rule x status pairs RULES.md allows that no chart of the set has in its gold."""
    seen = {(rule, v.status) for g in golds for rule, v in g.rules.items()}
    return [
        f"{rule} is never {status.value} in the set"
        for rule, statuses in sorted(allowed_statuses().items())
        for status in sorted(statuses)
        if (rule, status) not in seen
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("charts", nargs="*", help="chart ids (default: the whole set)")
    parser.add_argument(
        "--set", choices=sorted(SETS), default="main", help="which gold set (default main)"
    )
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.root = args.root or SETS[args.set]
    whole_set = not args.charts
    gaps: list[str] = []
    charts = chart_ids(args.root) if whole_set else args.charts
    failed = 0
    for chart in charts:
        problems = check_chart(chart, args.root)
        failed += bool(problems)
        print(f"{'ok  ' if not problems else 'FAIL'} {chart}")
        for problem in problems:
            print(f"     - {problem}")
    if whole_set:
        golds = []
        for chart in charts:
            try:
                golds.append(load_gold(gold_path(chart, args.root)))
            except EvalError:
                continue  # already reported above
        # every status of every rule: asked of the main set (a small holdout need not)
        gaps = coverage_gaps(golds) if args.root == CHARTS_DIR else []
        if args.root == CHARTS_DIR:
            print(f"status coverage: {'complete' if not gaps else f'{len(gaps)} gaps'}")
        else:
            print("status coverage: not asked of this set")
        for gap in gaps:
            print(f"     - {gap}")
        failed += bool(gaps)
    bad = failed - (whole_set and bool(gaps))
    print(f"{len(charts)} charts checked, {bad} with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
