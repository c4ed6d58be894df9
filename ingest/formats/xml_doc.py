"""The text of an XML export (a C-CDA document, an EHR's XML dump) as a viewer shows it
(see :mod:`ingest.formats`).

- a narrative block (an element holding ``table``, ``paragraph``, ``list``... as CDA's
  ``<text>`` does) prints as HTML would (:mod:`ingest.formats.html`);
- a ``title`` is a line of its own; a CDA ``section`` a block: its title, its narrative,
  then its entries;
- sibling elements of one name that each hold a record (``<entry>``, ``<encounter>``,
  ``<row>``) are a table: one row per element, one tab-separated column per path of a
  value inside it ("code.displayName", "effectiveTime.low.value");
- a narrative table row an entry points to (``<tr ID="enc1">`` and the entry's
  ``<reference value="#enc1"/>``) shows the entry's values as more cells, and that entry
  is not shown again;
- a coded observation is named by its code ("Attendance status" = "Present");
- a person's name parts are one value ("Imani Beaumont, LMFT");
- other values are ``path: value`` lines; identifiers, template and type ids, code
  systems, class and mood codes, references and null flavors are left out, as a viewer
  hides them;
- a document that declares entities (``<!ENTITY``) is refused: expanding them can take
  unbounded memory.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.formats.html import render_html
from ingest.formats.text import tab_table, tidy

_HIDDEN_TAGS = frozenset(
    {"templateId", "typeId", "id", "realmCode", "confidentialityCode", "languageCode",
     "setId", "versionNumber", "reference", "sdtc:raceCode", "stylesheet"}
)  # fmt: skip
_HIDDEN_ATTRIBUTES = frozenset(
    {"root", "extension", "codeSystem", "codeSystemName", "codeSystemVersion", "classCode",
     "moodCode", "typeCode", "nullFlavor", "type", "use", "qualifier", "ID", "contextControlCode",
     "inversionInd", "negationInd", "determinerCode", "xmlns", "schemaLocation", "mediaType",
     "representation", "styleCode", "border", "width", "cellpadding", "cellspacing"}
)  # fmt: skip
_NARRATIVE = frozenset(
    {"table", "paragraph", "list", "content", "br", "tr", "td", "th", "thead", "tbody", "item",
     "caption", "linkHtml", "sub", "sup", "footnote"}
)  # fmt: skip
_TO_HTML = {"paragraph": "p", "list": "ul", "item": "li", "content": "span", "linkHtml": "a"}
_NAME_PARTS = ("prefix", "given", "family", "suffix")
_MAX_DEPTH = 64


def _tag(e: ET.Element) -> str:
    return e.tag.rsplit("}", 1)[-1] if isinstance(e.tag, str) else ""


def _attr(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _is_narrative(e: ET.Element) -> bool:
    return any(_tag(c) in _NARRATIVE for c in e)


def _html(e: ET.Element, linked: dict[str, dict[str, str]]) -> str:
    """``e``'s children as HTML (CDA narrative tags mapped to their HTML kin). A table row
    that an entry points to (``<tr ID="enc1">``, ``<reference value="#enc1"/>``) gets the
    entry's values as more cells, under more header cells named by their paths."""
    out: list[str] = []
    extra: list[str] = []  # the paths of the linked entries of the table being written

    def walk(x: ET.Element, depth: int) -> None:
        nonlocal extra
        if depth > _MAX_DEPTH:
            return
        name = _tag(x)
        tag = _TO_HTML.get(name, name)
        if name in ("renderMultiMedia", "reference"):
            out.append(_escape(x.tail))
            return
        if name == "table":
            rows = [linked[i] for r in x.iter() if (i := r.get("ID")) and i in linked]
            extra = []
            for r in rows:
                extra.extend(k for k in r if k not in extra)
        out.append(f"<{tag}>{_escape(x.text)}")
        for c in x:
            walk(c, depth + 1)
        if name == "tr" and extra:
            values = linked.get(x.get("ID") or "")
            if values is not None:
                out.extend(f"<td>{_escape(values.get(k, ''))}</td>" for k in extra)
            elif any(_tag(c) == "th" for c in x):
                out.extend(f"<th>{_escape(k)}</th>" for k in extra)
        out.append(f"</{tag}>{_escape(x.tail)}")

    out.append(_escape(e.text))
    for c in e:
        walk(c, 1)
    return "".join(out)


def _links(root: ET.Element) -> dict[str, ET.Element]:
    """Narrative ids ("enc1") by the entry statement that points to them."""
    out: dict[str, ET.Element] = {}
    for entry in root.iter():
        if _tag(entry) != "entry":
            continue
        for statement in entry:
            for ref in statement.iter():
                value = ref.get("value") or ""
                if _tag(ref) == "reference" and value.startswith("#"):
                    out.setdefault(value[1:], statement)
                    break
    return out


def _escape(s: str | None) -> str:
    return (s or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _person_name(e: ET.Element) -> str | None:
    """ "Imani Beaumont, LMFT" from a name's parts, or ``None`` for no name of parts."""
    parts = {p: [_clean(c.text) for c in e if _tag(c) == p and _clean(c.text)] for p in _NAME_PARTS}
    if not parts["family"] and not parts["given"]:
        return None
    name = " ".join([*parts["prefix"], *parts["given"], *parts["family"]])
    return ", ".join([name, *parts["suffix"]]) if parts["suffix"] else name


def _values(e: ET.Element, path: tuple[str, ...], depth: int = 0) -> Iterator[tuple[str, str]]:
    """(path, value) of every value under ``e`` (its text, its shown attributes)."""
    if depth > _MAX_DEPTH:
        return
    tag = _tag(e)
    if tag in _HIDDEN_TAGS:
        return
    if tag == "name" and (name := _person_name(e)) is not None:
        yield ".".join(path), name
        return
    children = list(e)
    code = next((c for c in children if _tag(c) == "code"), None)
    value = next((c for c in children if _tag(c) == "value"), None)
    label = _clean(code.get("displayName")) if code is not None else ""
    if label and value is not None:
        # a coded observation: "Attendance status" = "Present"
        shown = _clean(value.get("displayName")) or _clean(value.text) or _clean(value.get("value"))
        if shown:
            yield label, shown
            children = [c for c in children if c is not code and c is not value]
    named = _named_value(e)
    if named is not None:
        # a value named by its attribute (``<Field name="DOB">02/21/1973</Field>``): the
        # name is the value's path, as an element of that tag would be
        yield ".".join((*path[:-1], named[0])), named[1]
        return
    for name, val in e.attrib.items():
        name = _attr(name)
        if name not in _HIDDEN_ATTRIBUTES and _clean(val):
            yield ".".join((*path, name)), _clean(val)
    # its own text and the text after hidden children ("<reference/>CBT Group")
    tails = [c.tail or "" for c in children if _tag(c) in _HIDDEN_TAGS]
    text = _clean(" ".join([e.text or "", *tails]))
    children = [c for c in children if _tag(c) not in _HIDDEN_TAGS]
    if text and not children:
        yield ".".join(path), text
    elif text:
        yield ".".join((*path, "text")), text
    for c in children:
        yield from _values(c, (*path, _tag(c)), depth + 1)


# attributes that name the value an element holds (``<Field name="TimeIn">9:00 AM</Field>``)
_NAMING_ATTRIBUTES = frozenset({"name", "key", "label", "field"})


def _named_value(e: ET.Element) -> tuple[str, str] | None:
    """(name, value) of an element that holds one value named by its only attribute, or
    ``None``: no children, a text, and one attribute of :data:`_NAMING_ATTRIBUTES` whose
    value is a name (letters, digits, ``_``, ``-``, blanks)."""
    if len(e) or len(e.attrib) != 1:
        return None
    (key, name), text = next(iter(e.attrib.items())), _clean(e.text)
    name = _clean(name)
    if _attr(key) not in _NAMING_ATTRIBUTES or not text or not _NAME.fullmatch(name):
        return None
    return name, text


_NAME = re.compile(r"[A-Za-z][\w \-]{0,40}")


def _row(e: ET.Element) -> dict[str, str]:
    row: dict[str, list[str]] = {}
    for path, text in _values(e, ()):
        if text not in row.setdefault(path or _tag(e), []):
            row[path or _tag(e)].append(text)
    return {k: " / ".join(v) for k, v in row.items()}


def _table(name: str, elements: list[ET.Element]) -> list[str]:
    table = tab_table([_row(e) for e in elements])
    return ["", name, *table, ""] if table else []


def _code_list(e: ET.Element) -> list[tuple[str, str]] | None:
    """A list of codes and their meanings (``<CodeTable name="AttendanceStatus"><Code
    value="1">Kept</Code>...``): two or more children of one tag, each with one attribute
    (the code) and a text (its meaning) and nothing else; ``None`` when ``e`` is not one."""
    children = list(e)
    if len(children) < 2 or len({_tag(c) for c in children}) != 1:
        return None
    pairs = []
    for c in children:
        code, meaning = _clean(next(iter(c.attrib.values()), "")), _clean(c.text)
        # a code is short, its meaning a label (a note's sections are no code list)
        if len(c) or len(c.attrib) != 1 or not meaning or not code:
            return None
        if len(code) > _MAX_CODE or len(meaning) > _MAX_MEANING or ". " in meaning:
            return None
        pairs.append((code, meaning))
    return pairs


_MAX_CODE = 12
_MAX_MEANING = 60


def _code_lines(e: ET.Element, pairs: list[tuple[str, str]]) -> list[str]:
    """A code list as a legend line: "AttendanceStatus: 1 = Kept;  2 = No show"."""
    label = e.get("name") or e.get("id") or _tag(e)
    return [f"{label}: " + ";  ".join(f"{code} = {meaning}" for code, meaning in pairs)]


def _record_like(e: ET.Element) -> bool:
    return len(e) > 0 and not any(_tag(x) == "section" for x in e.iter())


@dataclass
class _Doc:
    linked: dict[str, ET.Element]  # narrative id -> the entry statement pointing to it
    shown: set[int]  # ids of statements whose values a narrative row shows

    def values(self, narrative: ET.Element) -> dict[str, dict[str, str]]:
        """The linked entries' values by the ids the narrative's rows carry."""
        out: dict[str, dict[str, str]] = {}
        for r in narrative.iter():
            i = r.get("ID")
            if i and i in self.linked:
                out[i] = _row(self.linked[i])
                self.shown.add(id(self.linked[i]))
        return out


def _render(
    e: ET.Element, path: tuple[str, ...], out: list[str], doc: _Doc, depth: int = 0
) -> None:
    if depth > _MAX_DEPTH:
        return
    tag = _tag(e)
    if tag in _HIDDEN_TAGS:
        return
    if tag == "title":
        out.extend(["", _clean(e.text)])
        return
    if tag == "text" and _is_narrative(e):
        out.extend(["", render_html(_html(e, doc.values(e))).strip("\n"), ""])
        return
    if tag == "section":
        path = ()
    groups: dict[str, list[ET.Element]] = {}
    for c in e:
        groups.setdefault(_tag(c), []).append(c)
    done: set[str] = set()
    for c in e:
        name = _tag(c)
        if name in done:
            continue
        members = groups[name]
        lists = [_code_list(m) for m in members]
        if all(lists):
            # code tables: each a legend line, not a table of joined values
            done.add(name)
            out.append("")
            for m, pairs in zip(members, lists, strict=True):
                assert pairs is not None
                out.extend(_code_lines(m, pairs))
            out.append("")
            continue
        if len(members) >= 2 and all(_record_like(m) for m in members):
            done.add(name)
            # an entry a narrative row already shows is not shown twice
            rest = [m for m in members if not any(id(x) in doc.shown for x in m)]
            out.extend(_table(name, rest) if rest else [])
        elif len(e) > 0 and name not in _HIDDEN_TAGS and (c.text or len(c) or c.attrib):
            if any(id(x) in doc.shown for x in c.iter()):
                continue  # an entry a narrative row already shows
            if name == "title":
                out.extend(["", _clean(c.text)])
            elif len(c) == 0 or _tag(c) == "name" or name == "entry":
                for p, text in _values(c, (*path, name)):
                    out.append(f"{p}: {text}")
            else:
                _render(c, (*path, name) if name != "component" else path, out, doc, depth + 1)
    if len(e) == 0 and _clean(e.text) and not path:
        out.append(_clean(e.text))


_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)


def render_xml(data: str) -> str:
    """The viewed text of the XML document ``data`` (module docstring); raises
    ``ValueError`` when it is not well-formed XML or declares entities."""
    if _ENTITY.search(data):
        raise ValueError("declares entities")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise ValueError(str(e)) from e
    out: list[str] = []
    _render(root, (), out, _Doc(_links(root), set()))
    return tidy("\n".join(out))
