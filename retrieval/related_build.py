"""Compute, write and check the related-passages files (``retrieval/data/related``).

This is the slow side of :mod:`retrieval.related`: it needs the policy index and the
embedding model. ``chartreview policy related`` runs :func:`write_related`; the test suite
runs :func:`check_related` so that a shipped file always matches what the code produces.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from retrieval.config import RELATED_PER_RULE
from retrieval.related import (
    METHOD,
    RELATED_FORMAT,
    RelatedFile,
    inputs_digest,
    pack_sources,
    pinned_ids,
    related_path,
    rule_query,
    source_fingerprints,
)
from retrieval.search import PolicySearch
from rules.pack import PolicyPack, available_packs, load_pack


def compute_related(pack: PolicyPack, search: PolicySearch) -> RelatedFile:
    """The related passages of every rule of ``pack`` (fused search, pinned ones left out)."""
    sources = pack_sources(pack)
    rules = {
        rule.id: [
            hit.passage.passage_id
            for hit in search.search(
                rule_query(rule),
                RELATED_PER_RULE,
                sources=sources,
                exclude=pinned_ids(rule),
            )
        ]
        for rule in pack.rules
    }
    return RelatedFile(
        format=RELATED_FORMAT,
        pack=pack.id,
        inputs_sha256=inputs_digest(pack),
        sources=source_fingerprints(pack),
        method=dict(METHOD),
        rules=rules,
    )


def render(related: RelatedFile) -> str:
    """The file's text: stable key order and layout, so a regenerated file diffs cleanly."""
    return json.dumps(related.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def _packs(pack_ids: Sequence[str] | None) -> list[PolicyPack]:
    return [load_pack(p) for p in (pack_ids if pack_ids is not None else available_packs())]


def write_related(
    search: PolicySearch, pack_ids: Sequence[str] | None = None
) -> list[tuple[Path, bool]]:
    """(Re)write the file of each pack (default: all); returns (path, changed) pairs."""
    written: list[tuple[Path, bool]] = []
    for pack in _packs(pack_ids):
        path = related_path(pack.id)
        text = render(compute_related(pack, search))
        changed = not path.is_file() or path.read_text(encoding="utf-8") != text
        if changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        written.append((path, changed))
    return written


def check_related(search: PolicySearch, pack_ids: Sequence[str] | None = None) -> list[str]:
    """Problems with the shipped files: missing, or different from what the code produces."""
    problems: list[str] = []
    for pack in _packs(pack_ids):
        path = related_path(pack.id)
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif path.read_text(encoding="utf-8") != render(compute_related(pack, search)):
            problems.append(f"{path} differs from what the code produces now")
    return problems
