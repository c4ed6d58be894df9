"""Shared clean-up of rendered text."""

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
