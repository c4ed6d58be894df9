"""The text of a YAML export (an API dump, a scheduler's configuration of appointments) as
a reader views it: the same view as a JSON export's (:func:`ingest.formats.json_doc.
render_tree`: lists of records as tables of key paths, the other values as ``path: value``
lines), since YAML and JSON write the same trees of keys and values.

Read by the standard (YAML 1.1 and 1.2 share it for what an export writes), keeping the
words as written:

- a scalar is its text as written, quotes and escapes resolved ("09:00", ``2025-01-07``,
  ``yes``): no implicit typing, which would turn ``09:00`` into 540 (sexagesimal) or
  ``0123`` into 83; only an empty value (``null``, ``~``, nothing) is no value;
- tags (``!!python/object``) are ignored: their node reads as the plain value it holds,
  nothing is constructed;
- a file of several documents (``---`` between them) is each document in turn;
- an alias (``*name``) is refused, as XML's entities are: repeated aliases of aliases
  expand without bound ("billion laughs"). Time and memory are then linear in the file.

A file that does not parse is not YAML: :func:`render_yaml` raises ``ValueError``, whose
message quotes nothing of the file.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ingest.formats.json_doc import render_tree
from ingest.formats.text import tidy

# libyaml's parser when PyYAML was built with it (about ten times faster), else the pure one
_Base: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _Loader(_Base):  # type: ignore[misc]
    """Every scalar a string as written, except an empty one (``null``, ``~``, nothing)."""


_NULL = "tag:yaml.org,2002:null"
_Loader.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_constructor(_NULL, lambda _loader, _node: None)


def _events_without_aliases(data: str) -> None:
    """Raise ``ValueError`` when ``data`` does not parse as YAML or uses an alias."""
    try:
        for event in yaml.parse(data, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise ValueError(
                    "uses an alias (*name), which could expand without bound: not read"
                )
    except yaml.YAMLError:
        raise ValueError("does not parse as YAML") from None


def render_yaml(data: str) -> str:
    """The viewed text of the YAML document(s) ``data`` (module docstring); raises
    ``ValueError`` when it is not YAML, or uses an alias."""
    _events_without_aliases(data)
    try:
        documents = list(yaml.load_all(data, Loader=_Loader))
    except yaml.YAMLError:  # a mapping key that is itself a mapping or a list
        raise ValueError("does not read as YAML keys and values") from None
    return tidy("\n\n".join(render_tree(d) for d in documents if d is not None))
