"""Policy packs: strict loading of ``rules/packs/<pack-id>.yaml``.

A pack is data a reviewer or a payer can read, version and change::

    id: medicare-iop
    version: "1.0.0"
    title: ...
    source: <policy file in policies/>
    parameters: {min_weekly_hours: 9, counted_service_kinds: [...], ...}
    rules:
      - id: medicare-iop.weekly-hours
        title: ...
        check: medicare_iop.weekly_hours          # a registered check function
        parameters: {min_weekly_hours: 9}         # optional per-rule overrides
        citations:
          - passage_id: <policy stem>#<section>/<n>
            quote: <verbatim text of that passage>

Everything is checked when the pack is loaded, and every problem raises
:class:`~core.errors.PolicyPackError` naming the file, the rule and the problem: unknown
or missing keys, duplicate keys or rule ids, an unregistered check, a parameter no check
uses or of the wrong type (e.g. a service kind that does not exist), a citation of a
passage that does not exist or whose quote is not verbatim in the passage.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError

from core.errors import PolicyPackError, UsageError
from core.findings import Citation
from core.yamlio import load_yaml
from rules.checks import CHECKS
from rules.checks.base import Params, RegisteredCheck
from rules.context import TimelineParams
from rules.passages import Passage, passage_index, source_of

PACK_SUFFIX = ".yaml"
_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
M = TypeVar("M", bound=BaseModel)


def packs_dir() -> Path:
    """The folder of the packs that ship with chartreview (``rules/packs``)."""
    return Path(__file__).resolve().parent / "packs"


def available_packs() -> list[str]:
    """Ids of the packs in :func:`packs_dir`, sorted."""
    return sorted(p.stem for p in packs_dir().glob(f"*{PACK_SUFFIX}"))


# --------------------------------------------------------------------------- file schema


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CitationSpec(_Strict):
    """A citation as written in a pack file."""

    passage_id: Annotated[str, Field(min_length=1)]
    quote: Annotated[str, Field(min_length=1)]


# What a rule's verdict is worth when the narrative of some document could not be read
# (the LLM failed on it), or when some service records could not be read or are of
# unknown kind (RULES.md "Unknown kind, unread records"): see rules/engine.py.
NarrativeUnread = Literal["no_effect", "met_is_final", "read_not_met_is_final", "undecidable"]


class RuleSpec(_Strict):
    """A rule as written in a pack file."""

    id: Annotated[str, Field(min_length=1)]
    title: Annotated[str, Field(min_length=1)]
    check: Annotated[str, Field(min_length=1)]
    parameters: dict[str, JsonValue] = Field(default_factory=dict)
    citations: Annotated[tuple[CitationSpec, ...], Field(min_length=1)]
    if_narrative_unread: NarrativeUnread = "no_effect"
    if_records_unread: NarrativeUnread = "no_effect"


class PackSpec(_Strict):
    """A pack file, as written."""

    id: Annotated[str, Field(pattern=_ID_PATTERN)]
    version: Annotated[str, Field(min_length=1)]
    title: Annotated[str, Field(min_length=1)]
    source: Annotated[str, Field(min_length=1)]
    parameters: dict[str, JsonValue] = Field(default_factory=dict)
    rules: Annotated[tuple[RuleSpec, ...], Field(min_length=1)]


# --------------------------------------------------------------------------- loaded pack


@dataclass(frozen=True)
class PackRule:
    """A rule ready to run: its check, validated parameters and resolved citations."""

    id: str
    title: str
    check: RegisteredCheck[Any]
    params: Params
    citations: tuple[Citation, ...]
    if_narrative_unread: NarrativeUnread = "no_effect"
    if_records_unread: NarrativeUnread = "no_effect"


@dataclass(frozen=True)
class PolicyPack:
    """A loaded, validated policy pack. ``sha256`` is of the pack file's bytes."""

    id: str
    version: str
    title: str
    source: str
    path: Path
    sha256: str
    timeline: TimelineParams
    rules: tuple[PackRule, ...]

    def rule(self, rule_id: str) -> PackRule:
        """The rule ``rule_id``; raises ``KeyError`` if the pack has none."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


# --------------------------------------------------------------------------- YAML


def _read_yaml(path: Path, raw: bytes) -> object:
    try:
        return load_yaml(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise PolicyPackError(f"{path}: the pack file is not UTF-8 text") from e
    except yaml.YAMLError as e:
        raise PolicyPackError(f"{path}: not valid YAML: {e}") from e


# --------------------------------------------------------------------------- validation


def _rule_label(data: object, index: int) -> str:
    """ "rule 'medicare-iop.x'" if the raw rule has an id, else "rules[3]"."""
    if isinstance(data, Mapping):
        rules = data.get("rules")
        if isinstance(rules, Sequence) and index < len(rules):
            rule = rules[index]
            if isinstance(rule, Mapping) and isinstance(rule.get("id"), str):
                return f"rule {rule['id']!r}"
    return f"rules[{index}]"


def _describe(error: Mapping[str, Any], data: object) -> str:
    """A readable problem from one pydantic error of the pack schema."""
    loc = list(error["loc"])
    where = "pack"
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        where = _rule_label(data, loc[1])
        loc = loc[2:]
    path = ".".join(str(part) for part in loc)
    if error["type"] == "extra_forbidden":
        return f"{where}: unknown key {path!r}"
    if error["type"] == "missing":
        return f"{where}: missing key {path!r}"
    return f"{where}: {path or 'value'}: {error['msg']} (got {error['input']!r})"


def _pack_error(path: Path, problems: Sequence[str]) -> PolicyPackError:
    if len(problems) == 1:
        return PolicyPackError(f"{path}: {problems[0]}")
    listing = "\n".join(f"  - {item}" for item in problems)
    return PolicyPackError(f"{path}: {len(problems)} problems:\n{listing}")


class _Problems:
    """Collects the problems of one pack file, then raises them together."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[str] = []

    def add(self, problem: str) -> None:
        if problem not in self.items:
            self.items.append(problem)

    def raise_if_any(self) -> None:
        if self.items:
            raise _pack_error(self.path, self.items)


def _validated_params(
    model: type[M],
    pack_params: Mapping[str, JsonValue],
    overrides: Mapping[str, JsonValue],
    where: str,
    problems: _Problems,
) -> M | None:
    """``model`` filled from the pack parameters it declares and the rule's overrides."""
    fields = model.model_fields
    for key in overrides:
        if key not in fields:
            takes = ", ".join(fields) or "no parameters"
            problems.add(f"{where}: unknown parameter {key!r} (the check takes: {takes})")
    merged = {k: v for k, v in pack_params.items() if k in fields}
    merged.update({k: v for k, v in overrides.items() if k in fields})
    try:
        return model.model_validate(merged)
    except ValidationError as e:
        for error in e.errors():
            key = str(error["loc"][0]) if error["loc"] else "parameters"
            if error["type"] == "missing":
                problems.add(
                    f"{where}: missing parameter {key!r} "
                    "(set it under the pack's or the rule's parameters)"
                )
                continue
            origin = where if key in overrides else "pack"
            detail = ".".join(str(p) for p in error["loc"][1:])
            problems.add(
                f"{origin}: parameter {key!r}{f'[{detail}]' if detail else ''}: "
                f"{error['msg']} (got {error['input']!r})"
            )
        return None


def _citation(spec: CitationSpec, where: str, problems: _Problems) -> Citation | None:
    """The citation of ``spec`` if its passage exists and holds the quote verbatim."""
    try:
        passages = passage_index(source_of(spec.passage_id))
    except UsageError as e:
        problems.add(f"{where}: citation of {spec.passage_id!r}: {e}")
        return None
    passage: Passage | None = passages.get(spec.passage_id)
    if passage is None:
        problems.add(f"{where}: cites passage {spec.passage_id!r}, which does not exist")
        return None
    if spec.quote not in passage.text:
        hint = ""
        if " ".join(spec.quote.split()) in " ".join(passage.text.split()):
            hint = " (it matches only if line breaks/spaces are ignored: copy them verbatim)"
        problems.add(
            f"{where}: the quote {spec.quote[:60]!r}... is not verbatim in passage "
            f"{spec.passage_id!r}{hint}"
        )
        return None
    return Citation(
        passage_id=passage.passage_id,
        source=passage.source,
        section=passage.section,
        quote=spec.quote,
    )


def _resolve(spec: PackSpec, path: Path, digest: str, problems: _Problems) -> PolicyPack:
    try:
        passage_index(spec.source)
    except UsageError as e:
        problems.add(f"pack: source: {e}")

    timeline = _validated_params(TimelineParams, spec.parameters, {}, "pack", problems)
    used = set(TimelineParams.model_fields)
    rules: list[PackRule] = []
    seen: set[str] = set()
    unknown_check = False  # then which parameters are used is unknown
    for rule in spec.rules:
        where = f"rule {rule.id!r}"
        if rule.id in seen:
            problems.add(f"{where}: duplicate rule id")
        seen.add(rule.id)
        if not rule.id.startswith(f"{spec.id}."):
            problems.add(f"{where}: rule ids must start with the pack id '{spec.id}.'")
        citations = [_citation(c, where, problems) for c in rule.citations]
        resolved = tuple(c for c in citations if c is not None)
        check = CHECKS.get(rule.check)
        if check is None:
            problems.add(
                f"{where}: unknown check {rule.check!r} (registered: {', '.join(sorted(CHECKS))})"
            )
            unknown_check = True
            continue
        used.update(check.params_model.model_fields)
        params = _validated_params(
            check.params_model, spec.parameters, rule.parameters, where, problems
        )
        if params is not None and len(resolved) == len(citations):
            rules.append(
                PackRule(
                    rule.id,
                    rule.title,
                    check,
                    params,
                    resolved,
                    rule.if_narrative_unread,
                    rule.if_records_unread,
                )
            )

    for key in spec.parameters:
        if key not in used and not unknown_check:
            problems.add(f"pack: parameter {key!r} is not used by the engine or any rule's check")
    problems.raise_if_any()
    assert timeline is not None  # it validated, or a problem was raised above
    return PolicyPack(
        id=spec.id,
        version=spec.version,
        title=spec.title,
        source=spec.source,
        path=path,
        sha256=digest,
        timeline=timeline,
        rules=tuple(rules),
    )


def _pack_path(pack: str | os.PathLike[str]) -> tuple[Path, str | None]:
    """The file of ``pack`` and the id it must declare (``None`` for an explicit path)."""
    text = os.fspath(pack)
    if isinstance(pack, os.PathLike) or text.endswith((".yaml", ".yml")) or os.sep in text:
        return Path(text), None
    path = packs_dir() / f"{text}{PACK_SUFFIX}"
    if not path.is_file():
        raise UsageError(
            f"unknown policy pack {text!r}; available: {', '.join(available_packs()) or 'none'}"
        )
    return path, text


def load_pack(pack: str | os.PathLike[str]) -> PolicyPack:
    """Load and validate a pack, given its id (``"medicare-iop"``) or a path to its file.

    Raises :class:`~core.errors.UsageError` if there is no such pack and
    :class:`~core.errors.PolicyPackError` if the pack is invalid.
    """
    path, expected_id = _pack_path(pack)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise UsageError(f"cannot read policy pack {path}: {e.strerror}") from e
    return _parse_pack(path, expected_id, raw)


@functools.cache
def _parse_pack(path: Path, expected_id: str | None, raw: bytes) -> PolicyPack:
    """Validate a pack's bytes. Cached on the bytes themselves, so an edited file is
    validated again while a review of an unchanged pack does not re-parse it."""
    data = _read_yaml(path, raw)
    if not isinstance(data, Mapping):
        raise _pack_error(path, ["the pack file must be a YAML mapping"])
    try:
        spec = PackSpec.model_validate(data)
    except ValidationError as e:
        described = list(dict.fromkeys(_describe(error, data) for error in e.errors()))
        raise _pack_error(path, described) from e
    problems = _Problems(path)
    if expected_id is not None and spec.id != expected_id:
        problems.add(f"pack: id {spec.id!r} differs from the file name {expected_id!r}")
    return _resolve(spec, path, hashlib.sha256(raw).hexdigest(), problems)
