"""Related passages: the shipped per-pack files are current, made by the code, and used by
a review without loading any model."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from core.findings import Finding, Status
from retrieval.config import RELATED_PER_RULE
from retrieval.related import (
    RelatedFile,
    attach_related,
    inputs_digest,
    load_related,
    pack_sources,
    pinned_ids,
    related_path,
)
from retrieval.related_build import check_related, compute_related, render
from retrieval.search import PolicySearch
from rules.pack import available_packs, load_pack
from rules.passages import policies_dir

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "medicare-iop-complete"


@pytest.mark.parametrize("pack_id", available_packs())
def test_each_pack_ships_a_current_related_file(pack_id: str) -> None:
    """Fast check (no model): the file was generated from the current pack and policies."""
    pack = load_pack(pack_id)
    data = RelatedFile.model_validate_json(related_path(pack_id).read_bytes())
    assert data.inputs_sha256 == inputs_digest(pack), (
        "run `chartreview policy related` to regenerate it"
    )
    assert set(data.rules) == {r.id for r in pack.rules}
    for rule in pack.rules:
        ids = data.rules[rule.id]
        assert len(ids) == RELATED_PER_RULE
        assert not set(ids) & pinned_ids(rule)


def test_the_shipped_files_are_what_the_code_produces(policy_search: PolicySearch) -> None:
    assert check_related(policy_search) == [], "run `chartreview policy related`"


def test_compute_related_leaves_out_pinned_passages_and_other_payers(
    policy_search: PolicySearch,
) -> None:
    pack = load_pack("medicare-iop")
    computed = compute_related(pack, policy_search)
    sources = set(pack_sources(pack))
    for rule in pack.rules:
        for pid in computed.rules[rule.id]:
            assert pid not in pinned_ids(rule)
            assert policy_search.passages[pid].source in sources
    assert json.loads(render(computed))["rules"] == computed.rules


def _finding(rule_id: str) -> Finding:
    pack = load_pack("medicare-iop")
    return Finding(
        rule_id=rule_id,
        status=Status.MET,
        reason="r",
        citations=pack.rule(rule_id).citations,
    )


def test_attach_fills_each_finding_with_verbatim_passages() -> None:
    pack = load_pack("medicare-iop")
    findings = attach_related([_finding(r.id) for r in pack.rules], pack)
    texts = {s: (policies_dir() / s).read_bytes().decode("utf-8") for s in pack_sources(pack)}
    for f in findings:
        assert len(f.related_passages) == RELATED_PER_RULE
        for r in f.related_passages:
            assert texts[r.source][r.start : r.end] == r.text
            assert r.passage_id not in {c.passage_id for c in f.citations}


def test_a_stale_or_missing_file_gives_no_related_passages_and_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pack = load_pack("medicare-iop")
    data = json.loads(related_path(pack.id).read_text(encoding="utf-8"))
    data["inputs_sha256"] = "0" * 64  # as if the pack had changed since
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="chartreview.retrieval"):
        assert load_related(pack, stale) == {}
        assert load_related(pack, tmp_path / "missing.json") == {}
        assert load_related(pack, broken) == {}
        (f,) = attach_related([_finding("medicare-iop.diagnosis")], pack, stale)
    assert f.related_passages == ()
    text = caplog.text
    assert "out of date" in text and "is missing" in text and "cannot read" in text
    assert text.count("chartreview policy related") >= 3


def test_a_review_lists_related_passages_without_loading_model_or_store() -> None:
    """In a fresh process: a full review attaches related passages, and neither torch, nor
    the model libraries, nor chromadb are imported; torch stays importable afterwards
    (``find_spec`` raises for a module whose ``sys.modules`` entry is ``None``)."""
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from pipeline.review import review_paths\n"
        "record = review_paths([Path(sys.argv[1])])\n"
        "heavy = ['torch', 'sentence_transformers', 'transformers', 'chromadb', 'rank_bm25']\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "import importlib.util, thinc.compat\n"
        "# hidden from thinc only: no None entry is left behind, so torch still imports\n"
        "importable = 'torch' not in sys.modules and importlib.util.find_spec('torch') is not None\n"
        "print(json.dumps({'loaded': loaded, 'thinc_torch': thinc.compat.has_torch,\n"
        "    'torch_importable': importable,\n"
        "    'related': [len(f.related_passages) for f in record.findings]}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=300,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["loaded"] == []
    assert result["thinc_torch"] is False
    assert result["torch_importable"] is True
    assert result["related"] == [RELATED_PER_RULE] * len(load_pack("medicare-iop").rules)
