"""Related passages of each rule, precomputed per pack, and their use in a review.

For every rule of a pack, the passages of the pack's policy file(s) that hybrid search
ranks highest for the rule (its title and its pinned quotes as the query), other than the
passages the rule already cites. They are computed when the index is built
(``chartreview policy related``, :mod:`retrieval.related_build`) and stored in
``retrieval/data/related/<pack id>.json``, which ships with chartreview. A review only
reads that file — it never loads the embedding model or the vector store — and this
module imports neither.

The file records the digest of everything its content depends on (:func:`inputs_digest`:
the rules' ids, titles and citations, the policy files' fingerprints and the search
settings). If the pack or a policy text changes without the file being regenerated, the
review logs a warning and lists no related passages rather than stale ones.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.errors import UsageError
from core.findings import Finding, RelatedPassage
from retrieval.config import (
    CANDIDATES,
    DENSE_WEIGHT,
    MODEL_NAME,
    RELATED_PER_RULE,
    package_data_dir,
)
from retrieval.corpus import PolicyFile
from rules.pack import PackRule, PolicyPack
from rules.passages import passage_index, policy_text, source_of

log = logging.getLogger("chartreview.retrieval")

RELATED_FORMAT = 1
# Everything about how related passages are found; part of the inputs digest.
METHOD: Mapping[str, str | int] = MappingProxyType(
    {
        "query": "rule title + pinned quotes",
        "dense": f"{MODEL_NAME}, best sentence per passage (chroma, cosine)",
        "lexical": "BM25Okapi k1=1.5 b=0.75, Snowball English stems",
        "fusion": "dense_weight * min-max scaled cosine + rest * BM25 / max BM25",
        "dense_weight": str(DENSE_WEIGHT),
        "indexed": "no back matter, contents, link-only, citation or fragment passages",
        "candidates": CANDIDATES,
        "per_rule": RELATED_PER_RULE,
    }
)


class RelatedFile(BaseModel):
    """``retrieval/data/related/<pack id>.json``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: int
    pack: str
    inputs_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    sources: dict[str, str] = Field(description="policy file -> fingerprint")
    method: dict[str, str | int]
    rules: dict[str, list[str]] = Field(description="rule id -> related passage ids, best first")


def related_dir() -> Path:
    return package_data_dir() / "related"


def related_path(pack_id: str) -> Path:
    return related_dir() / f"{pack_id}.json"


def pack_sources(pack: PolicyPack) -> tuple[str, ...]:
    """The policy files a pack rests on: its ``source`` and those its rules cite."""
    cited = {c.source for rule in pack.rules for c in rule.citations}
    return tuple(sorted({pack.source, *cited}))


def rule_query(rule: PackRule) -> str:
    """The search text for a rule's related passages: its title and its pinned quotes."""
    quotes = list(dict.fromkeys(c.quote for c in rule.citations))
    return "\n".join([rule.title, *quotes])


def pinned_ids(rule: PackRule) -> frozenset[str]:
    return frozenset(c.passage_id for c in rule.citations)


@cache
def _fingerprint(source: str) -> str:
    return PolicyFile(source, policy_text(source)).fingerprint


def source_fingerprints(pack: PolicyPack) -> dict[str, str]:
    return {source: _fingerprint(source) for source in pack_sources(pack)}


def inputs_digest(pack: PolicyPack) -> str:
    """SHA-256 of everything the related passages of ``pack`` depend on."""
    rules = [[r.id, r.title, [[c.passage_id, c.quote] for c in r.citations]] for r in pack.rules]
    blob = json.dumps(
        [RELATED_FORMAT, pack.id, rules, source_fingerprints(pack), dict(METHOD)],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def read_related_file(path: Path) -> RelatedFile | None:
    """The parsed file, or ``None`` (with a warning) if it is missing or unreadable."""
    try:
        return RelatedFile.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        log.warning(
            "no related passages for this pack (%s is missing); run "
            "`chartreview policy related` to generate it",
            path.name,
        )
    except (OSError, ValidationError) as e:
        log.warning(
            "cannot read %s (%s); run `chartreview policy related` to regenerate it",
            path.name,
            type(e).__name__,
        )
    return None


def _related_passage(passage_id: str) -> RelatedPassage:
    p = passage_index(source_of(passage_id))[passage_id]
    return RelatedPassage(
        passage_id=p.passage_id,
        source=p.source,
        section=p.section,
        start=p.start,
        end=p.end,
        text=p.text,
    )


@cache
def _related_for(pack_id: str, digest: str, path: Path) -> Mapping[str, tuple[RelatedPassage, ...]]:
    data = read_related_file(path)
    if data is None:
        return MappingProxyType({})
    if data.format != RELATED_FORMAT or data.inputs_sha256 != digest or data.pack != pack_id:
        log.warning(
            "the related passages in %s are out of date (the pack or a policy text changed); "
            "listing none: run `chartreview policy related` to regenerate them",
            path.name,
        )
        return MappingProxyType({})
    try:
        return MappingProxyType(
            {
                rule_id: tuple(_related_passage(pid) for pid in ids)
                for rule_id, ids in data.rules.items()
            }
        )
    except (KeyError, UsageError) as e:
        log.warning(
            "%s names a passage that does not exist (%s); listing none: run "
            "`chartreview policy related` to regenerate it",
            path.name,
            e,
        )
        return MappingProxyType({})


def load_related(
    pack: PolicyPack, path: Path | None = None
) -> Mapping[str, tuple[RelatedPassage, ...]]:
    """Rule id -> its related passages, or an empty mapping (with a warning) when the
    pack's file is missing, unreadable or out of date."""
    where = path if path is not None else related_path(pack.id)
    return _related_for(pack.id, inputs_digest(pack), where)


def attach_related(
    findings: Sequence[Finding],
    pack: PolicyPack,
    path: Path | None = None,
) -> list[Finding]:
    """``findings`` with ``related_passages`` filled in from the pack's related file."""
    related = load_related(pack, path)
    return [f.model_copy(update={"related_passages": related.get(f.rule_id, ())}) for f in findings]
