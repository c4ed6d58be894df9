"""Strict YAML for every data file of the project (packs, vocabularies, patterns).

The one I/O helper in ``core``: it reads configuration the project ships, never charts.
Mappings that repeat a key are rejected (plain PyYAML keeps the last one silently), and
the libyaml C parser is used when PyYAML was built with it.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from core.errors import ChartReviewError

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

M = TypeVar("M", bound=BaseModel)


class StrictLoader(_Base):  # type: ignore[misc]
    """A safe loader that rejects a key written twice in one mapping."""


def _construct_unique_mapping(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a scalar", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def load_yaml(text: str) -> object:
    """Parse ``text``; raises ``yaml.YAMLError`` (also for a repeated key)."""
    return yaml.load(text, Loader=StrictLoader)


def load_model(path: Path, model: type[M], what: str, error: type[ChartReviewError]) -> M:
    """Read ``path`` and validate it as ``model``; any problem raises ``error`` naming
    ``what`` and the file."""
    try:
        return model.model_validate(load_yaml(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError) as e:
        raise error(f"{what} {path.name} is invalid: {e}") from e
