"""Layout helpers of the ``docfacts_dev4`` families: boxed grids and column tables."""

from __future__ import annotations

from collections.abc import Sequence

from eval.docfacts.docfacts_dev._kit import wrap


def box(rows: Sequence[tuple[str, str]], label_w: int = 30, value_w: int = 62) -> list[str]:
    """A two-column boxed grid of label / value cells; a long value wraps inside its cell
    onto continuation rows whose label cell is empty; a row whose label is ``"-"`` draws a
    rule between sections."""
    rule = "+" + "-" * (label_w + 2) + "+" + "-" * (value_w + 2) + "+"
    out = [rule]
    for label, value in rows:
        if label == "-":
            out.append(rule)
            continue
        values = wrap(value, value_w) if value else [""]
        labels = wrap(label, label_w)
        for i in range(max(len(values), len(labels))):
            left = labels[i] if i < len(labels) else ""
            right = values[i] if i < len(values) else ""
            out.append(f"| {left:<{label_w}} | {right:<{value_w}} |")
    out.append(rule)
    return out


def columns(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]
) -> list[str]:
    """A boxed table with one line per row (cells never wrap: the caller keeps them short)."""
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def line(cells: Sequence[str]) -> str:
        return "|" + "|".join(f" {c:<{w}} " for c, w in zip(cells, widths, strict=True)) + "|"

    return [rule, line(header), rule, *(line(r) for r in rows), rule]


def pipes(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A plain pipe table (``a | b | c``) without padding."""
    return [" | ".join(header), *(" | ".join(r) for r in rows)]
