"""What the renderers share: a table of records, the clean-up of rendered text."""

from __future__ import annotations


def tidy(text: str) -> str:
    """Trailing blanks off each line, at most one empty line in a row, ``\\n`` at the end."""
    out: list[str] = []
    blank = 0
    for line in text.split("\n"):
        line = line.rstrip(" \t\u00a0")
        if not line.strip(" \t\u00a0"):
            blank += 1
            if blank > 1:
                continue
            line = ""
        else:
            blank = 0
        out.append(line)
    while out and not out[0]:
        out.pop(0)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def tab_table(rows: list[dict[str, str]]) -> list[str]:
    """A header line of every key (in order of first appearance) over one tab-separated
    line per row (a tab inside a value is a blank); empty when no row has a value."""
    columns: dict[str, None] = {}  # in order of first appearance; linear in the keys
    for r in rows:
        columns.update(dict.fromkeys(r))
    if not columns:
        return []
    body = ["\t".join(r.get(c, "").replace("\t", " ") for c in columns) for r in rows]
    return ["\t".join(columns), *body]
