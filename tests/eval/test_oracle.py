"""The oracle (eval/oracle.py): the gold in the model's output format, through the whole
LLM path. Its quotes are the chart's own words, and on the charts it answers for, the
weekly hours it yields are the gold's."""

from __future__ import annotations

import pytest

from eval.gold import CHARTS_DIR, gold_path, load_gold
from eval.oracle import propose_sessions
from eval.run import oracle_extractor, run_eval
from ingest.loader import load_chart

CHARTS = ["id-05-adult-alcohol-iop-multiple-gaps", "mi-03-long-late-recert", "mi-14-undated-recert"]


@pytest.mark.parametrize("chart", CHARTS)
def test_every_proposed_quote_is_the_charts_own_words(chart: str) -> None:
    gold = load_gold(gold_path(chart))
    documents = load_chart([CHARTS_DIR / chart]).documents
    pages = {d.filename: tuple(p.text for p in d.pages) for d in documents}
    proposed = 0
    for d in documents:
        for page in d.pages:
            for p in propose_sessions(gold, page.text, pages):
                proposed += 1
                quotes = [v for k, v in p.items() if k.endswith("_quote") and v is not None]
                for quote in [*quotes, *p["facilitator_quotes"]]:
                    assert quote in page.text, (chart, quote)
    assert proposed >= len(gold.sessions)


def test_the_oracle_gets_the_gold_weeks_and_no_false_met() -> None:
    chosen = oracle_extractor()
    report = run_eval(
        chosen.extractor,
        charts=CHARTS,
        llm_source=chosen.llm_source,
        before_chart=chosen.before_chart,
    )
    weeks = report.summary.weekly_hours_exact
    assert weeks.total > 10
    assert weeks.correct == weeks.total
    assert report.summary.false_met == 0
    assert report.llm_source == "oracle"
    # every request was answered by the oracle, none reached a network
    assert chosen.oracle is not None and chosen.oracle.answered > 0
