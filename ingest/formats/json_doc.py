"""The text of a JSON export (a FHIR bundle, an EHR's API dump) as a reader views it (see
:mod:`ingest.formats`). Any tree of keys and values is viewed this way
(:func:`render_tree`): a YAML export is read into one by :mod:`ingest.formats.yaml_doc`.

- a list of objects is a table: one row per object, one tab-separated column per key path
  ("period.start", "type.coding.display"), a header row of the paths, under a line naming
  the objects (their ``resourceType`` or the list's key); objects of several
  ``resourceType`` are one table per type, in order of first appearance;
- a FHIR bundle's entries are their resources;
- the other values are ``path: value`` lines;
- several values at one path of a row ("participant.individual.display") are joined by
  `` / ``; identifiers, references, code-system URLs and metadata (``id``, ``fullUrl``,
  ``reference``, ``system``, ``url``, ``meta``, ``search``) are left out, as a viewer
  hides them;
- an extension is named by the last part of its URL ("session-attendance.valueCoding");
- a string's text is its value as decoded (escapes resolved), a number or a boolean as
  written in JSON; an empty value (``null``) is no value;
- an attachment's text (base64 ``data`` of a ``text/*`` type, an XHTML ``div``) is a
  block of its own below its table, decoded or printed.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from typing import Any

from ingest.formats.html import render_html
from ingest.formats.text import tab_table, tidy

_HIDDEN = frozenset(
    {"id", "fullUrl", "reference", "system", "url", "meta", "search", "div", "data"}
)
_MAX_DEPTH = 64


def _key(key: Any) -> str:
    """A key as text (a YAML key may be empty: ``~``, read as ``null``)."""
    return "null" if key is None else str(key)


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return " ".join(value.split())
    return None


def _leaves(value: Any, path: tuple[str, ...], depth: int = 0) -> Iterator[tuple[str, str]]:
    """(key path, text) of every scalar under ``value`` (lists flattened)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _HIDDEN or key == "resourceType":
                continue
            if key in ("extension", "modifierExtension") and isinstance(item, list):
                for ext in item:  # named by its URL's last part, as a viewer shows it
                    url = str(ext.get("url", "")) if isinstance(ext, dict) else ""
                    name = url.rstrip("/").rsplit("/", 1)[-1] or key
                    yield from _leaves(ext, (*path, name), depth + 1)
                continue
            yield from _leaves(item, (*path, _key(key)), depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item, path, depth + 1)
    else:
        text = _scalar(value)
        if text:
            yield ".".join(path) or "value", text


def _row(obj: dict[str, Any]) -> dict[str, str]:
    row: dict[str, list[str]] = {}
    for path, text in _leaves(obj, ()):
        if text not in row.setdefault(path, []):
            row[path].append(text)
    return {k: " / ".join(v) for k, v in row.items()}


def _attachments(value: Any, depth: int = 0) -> Iterator[str]:
    """The text of attachments under ``value``: base64 ``data`` of a ``text/*`` content
    type, decoded; an XHTML narrative (``div``), printed."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, dict):
        kind = str(value.get("contentType") or "")
        data = value.get("data")
        if isinstance(data, str) and kind.startswith("text/"):
            try:
                raw = base64.b64decode(data, validate=True)
                yield raw.decode("utf-8").replace("\r\n", "\n")
            except (binascii.Error, UnicodeDecodeError):
                pass
        div = value.get("div")
        if isinstance(div, str) and "<" in div:
            yield render_html(div)
        for key, item in value.items():
            if key not in ("data", "div"):
                yield from _attachments(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _attachments(item, depth + 1)


def _table(title: str, objects: list[dict[str, Any]]) -> list[str]:
    table = tab_table([_row(o) for o in objects])
    if not table:
        return []
    out = [title, *table, ""]
    for o in objects:  # each attached note below the table, as its own block
        for text in _attachments(o):
            out.extend(["", text.strip("\n"), ""])
    return out


def _resources(value: Any) -> list[Any] | None:
    """A bundle's resources, or a list's items."""
    if isinstance(value, dict) and isinstance(value.get("entry"), list):
        return [e.get("resource", e) if isinstance(e, dict) else e for e in value["entry"]]
    return value if isinstance(value, list) else None


def _render(value: Any, title: str, out: list[str], depth: int = 0) -> None:
    if depth > _MAX_DEPTH:
        return
    items = _resources(value)
    if items is not None and items and all(isinstance(i, dict) for i in items):
        if isinstance(value, dict):
            _fields(value, out, skip={"entry"})
        groups: dict[str, list[dict[str, Any]]] = {}
        for item in items:
            groups.setdefault(str(item.get("resourceType") or title), []).append(item)
        for name, objects in groups.items():
            out.extend(_table(name, objects))
        return
    if isinstance(value, dict):
        if value.get("resourceType"):
            out.append(str(value["resourceType"]))
        _fields(value, out, skip=set())
        for key, item in value.items():
            if (
                key not in _HIDDEN
                and isinstance(item, list)
                and item
                and all(isinstance(i, dict) for i in item)
            ):
                _render(item, key, out, depth + 1)
        return
    text = _scalar(value)
    if text:
        out.append(text)


def _fields(obj: dict[str, Any], out: list[str], skip: set[str]) -> None:
    """``path: value`` lines for the object's values that are not lists of objects."""
    for key, item in obj.items():
        if key in skip or key in _HIDDEN or key == "resourceType":
            continue
        if isinstance(item, list) and item and all(isinstance(i, dict) for i in item):
            continue  # a table of its own
        for path, text in _leaves(item, (_key(key),)):
            out.append(f"{path}: {text}")


def render_tree(value: Any) -> str:
    """The viewed text of a tree of dicts, lists and scalars (module docstring)."""
    out: list[str] = []
    _render(value, "items", out)
    return tidy("\n".join(out))


def render_json(data: str) -> str:
    """The viewed text of the JSON document ``data`` (module docstring); raises
    ``ValueError`` when it is not JSON."""
    return render_tree(json.loads(data))
