"""Marks a transcriber or scanner leaves where words could not be read ("[illegible]",
"(unreadable)", "[?]"): what should be there is unknown, not absent. One definition for
the readers (a quote of such a mark is kept as the words of its field) and the rules (a
field whose words are such marks is undecided)."""

from __future__ import annotations

import re

UNREADABLE_WORDS = re.compile(
    r"[\[(](?:illegible|unreadable|unintelligible|indecipherable|cut off|\?+)[\])]",
    re.IGNORECASE,
)


def only_unreadable(quote: str) -> bool:
    """Words that are nothing but marks of text that could not be read ("[illegible]")."""
    return bool(UNREADABLE_WORDS.search(quote)) and not UNREADABLE_WORDS.sub("", quote).strip(
        " \t\n.,;:-"
    )
