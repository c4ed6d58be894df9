"""The text of an RTF document as it prints (see :mod:`ingest.formats`).

- destinations that print nothing are left out: the font, colour and style tables, the
  document information, pictures, objects, and every ``{\\* ...}`` group;
- ``\\par`` and ``\\line`` end a line, ``\\row`` ends a table row; ``\\tab`` and ``\\cell``
  set apart by a tab; ``\\page`` is a form feed on a line of its own;
- ``\\'hh`` is a byte of the document's code page (``\\ansicpg``, Windows-1252 when it
  names none), ``\\uN`` a Unicode character (the ``\\ucN`` replacement characters after it
  skipped), ``\\~`` a space, ``\\_`` a hyphen; ``\\emdash``, ``\\endash``, ``\\bullet`` and
  the quote words their characters;
- line breaks in the RTF source are nothing (RTF ends lines with ``\\par``).
"""

from __future__ import annotations

import codecs
import re

from ingest.formats.text import tidy

_TOKEN = re.compile(
    r"\\(?P<word>[a-zA-Z]{1,32})(?P<arg>-?\d{1,10})? ?"
    r"|\\'(?P<hex>[0-9a-fA-F]{2})"
    r"|\\(?P<symbol>[^a-zA-Z'])"
    r"|(?P<brace>[{}])"
    r"|(?P<text>[^\\{}\r\n]+)"
    r"|[\r\n]+"
)
# destinations whose text does not print
_SKIPPED = frozenset(
    {
        "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "listtable",
        "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "themedata", "datastore",
        "latentstyles", "colorschememapping", "mmathpr", "pgdsctbl", "revtbl", "filetbl",
        "fldinst", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr",
        "footerf", "footnote", "bkmkstart", "bkmkend", "shppict", "nonshppict", "fontemb",
    }
)  # fmt: skip
_CHARACTERS = {
    "par": "\n",
    "line": "\n",
    "row": "\n",
    "sect": "\n",
    "tab": "\t",
    "cell": "\t",
    "page": "\n\f\n",
    "emdash": "—",
    "endash": "–",
    "bullet": "•",
    "lquote": "‘",
    "rquote": "’",
    "ldblquote": "“",
    "rdblquote": "”",
    "emspace": " ",
    "enspace": " ",
    "qmspace": " ",
}
_SYMBOLS = {"~": " ", "_": "-", "\\": "\\", "{": "{", "}": "}", "-": ""}


def _codec(rtf: str) -> str:
    m = re.search(r"\\ansicpg(\d{3,5})", rtf[:4096])
    name = f"cp{m.group(1)}" if m else "cp1252"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def render_rtf(rtf: str) -> str:
    """The printed text of ``rtf`` (module docstring)."""
    codec = _codec(rtf)
    out: list[str] = []
    # per group: (skipped, unicode skip count)
    stack: list[tuple[bool, int]] = []
    skipped, uc = False, 1
    pending_skip = 0  # replacement characters still to drop after a \uN
    star = False  # "{\*" seen: the next control word opens an ignorable destination
    group_start = False
    raw: list[int] = []  # \'hh bytes not yet decoded (a multi-byte character)

    def flush() -> None:
        if raw:
            if not skipped:
                out.append(bytes(raw).decode(codec, errors="replace"))
            raw.clear()

    for m in _TOKEN.finditer(rtf):
        hexa = m.group("hex")
        if hexa is not None:
            if pending_skip:
                pending_skip -= 1
                continue
            raw.append(int(hexa, 16))
            group_start = False
            continue
        flush()
        brace = m.group("brace")
        if brace == "{":
            stack.append((skipped, uc))
            group_start = True
            star = False
            continue
        if brace == "}":
            skipped, uc = stack.pop() if stack else (False, 1)
            group_start = False
            pending_skip = 0
            continue
        word = m.group("word")
        if word is not None:
            if group_start and (star or word in _SKIPPED):
                skipped = True
            group_start = False
            star = False
            arg = m.group("arg")
            if word == "uc" and arg is not None:
                uc = max(0, int(arg))
            elif word == "u" and arg is not None:
                code = int(arg)
                if code < 0:
                    code += 65536
                if not skipped and 0 < code < 0x110000 and not 0xD800 <= code < 0xE000:
                    out.append(chr(code))
                pending_skip = uc
            elif not skipped and word in _CHARACTERS:
                out.append(_CHARACTERS[word])
            continue
        symbol = m.group("symbol")
        if symbol is not None:
            if symbol == "*":
                star = True
                continue
            group_start = False
            if not skipped and symbol in _SYMBOLS:
                out.append(_SYMBOLS[symbol])
            elif not skipped and symbol in "\r\n":
                out.append("\n")  # "\<newline>" is \par
            continue
        text = m.group("text")
        if text is not None:
            group_start = False
            if pending_skip:
                drop = min(pending_skip, len(text))
                text = text[drop:]
                pending_skip -= drop
            if not skipped:
                out.append(text)
    flush()
    lines = "".join(out).split("\n")
    return tidy("\n".join(line if line.strip(" \t") else "" for line in lines))


_EMBEDDED_START = "{\\rtf"


def _group_end(text: str, start: int) -> int | None:
    """The index after the brace that closes the group opened at ``start``, or ``None``
    when the text ends first (escaped braces and backslashes are not group marks)."""
    depth = 0
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def render_embedded_rtf(text: str) -> str | None:
    """``text`` with each RTF document written inside it (a note body in a database dump
    or report export: ``NOTE_RTF : {\\rtf1 ... \\par }``) replaced by its printed text;
    ``None`` when it holds none. An RTF group the text does not close is left as it is.
    Linear: every character is looked at once."""
    out: list[str] = []
    pos = 0
    while True:
        start = text.find(_EMBEDDED_START, pos)
        if start < 0:
            break
        end = _group_end(text, start)
        if end is None:
            break
        out.append(text[pos:start])
        out.append(render_rtf(text[start:end]).strip("\n"))
        pos = end
    if not out:
        return None
    out.append(text[pos:])
    return "".join(out)
