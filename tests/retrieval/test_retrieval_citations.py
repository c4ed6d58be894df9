"""Every policy quote chartreview shows is verbatim in its policy file.

Checked from the files' bytes, without the helpers that produced the quotes: the raw
citations of every pack, and the citations and related passages of the records that
reviews of the example charts produce.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.review import review_paths
from rules.pack import available_packs, packs_dir

ROOT = Path(__file__).resolve().parents[2]
POLICIES = ROOT / "policies"
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir() and p.name[0] != "_")


def _policy(source: str) -> str:
    assert Path(source).name == source
    return (POLICIES / source).read_bytes().decode("utf-8")


def _passage_span(passage_id: str) -> tuple[str, int, int]:
    """(source, start, end) of a passage, found by splitting the file independently: the id
    tells the file; its text is located through the chroma-free passage table."""
    from rules.passages import load_passages

    source = passage_id.split("#", 1)[0] + ".txt"
    for p in load_passages(source):
        if p.passage_id == passage_id:
            return source, p.start, p.end
    raise AssertionError(f"no passage {passage_id}")


@pytest.mark.parametrize("pack_id", available_packs())
def test_every_citation_of_every_pack_is_verbatim_in_its_source_file(pack_id: str) -> None:
    raw = yaml.safe_load((packs_dir() / f"{pack_id}.yaml").read_text(encoding="utf-8"))
    citations = [(rule["id"], c) for rule in raw["rules"] for c in rule["citations"]]
    assert citations
    for rule_id, c in citations:
        source, start, end = _passage_span(c["passage_id"])
        text = _policy(source)
        assert c["quote"] in text[start:end], f"{rule_id}: {c['quote'][:50]!r} not verbatim"


@pytest.fixture(scope="module")
def example_records() -> list[dict[str, object]]:
    assert EXAMPLES, "no example charts"
    return [review_paths([chart]).model_dump(mode="json") for chart in EXAMPLES]


def test_every_citation_and_related_passage_of_every_record_is_verbatim(
    example_records: list[dict[str, object]],
) -> None:
    checked = related = 0
    for record in example_records:
        findings = record["findings"]
        assert isinstance(findings, list) and findings
        for finding in findings:
            for c in finding["citations"]:
                source, start, end = _passage_span(c["passage_id"])
                assert c["source"] == source
                assert c["quote"] in _policy(source)[start:end]
                checked += 1
            for r in finding["related_passages"]:
                assert _policy(r["source"])[r["start"] : r["end"]] == r["text"]
                assert r["passage_id"] not in {c["passage_id"] for c in finding["citations"]}
                related += 1
    assert checked >= len(example_records) * 15
    assert related >= len(example_records) * 15
