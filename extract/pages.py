"""Pages a document says it has but the chart does not hold: "Page 1 of 3" with pages 2
and 3 absent, "(continued on page 2)" with no page 2. What those pages say is unknown,
so a rule that would conclude that something is absent cannot (RULES.md "Unknown kind,
unread records": text that was not read could change the verdict)."""

from __future__ import annotations

import re

from core.data import Document

# "Page 2 of 5", "page 2 of 5", "Pg. 2 of 5"; "(continued on page 2)", "cont'd on p. 2"
_PAGE_OF = re.compile(r"\b(?:page|pg\.?|p\.)\s*(\d{1,3})\s+of\s+(\d{1,3})\b", re.IGNORECASE)
_CONTINUED = re.compile(
    r"\b(?:continued|cont'?d\.?)\s+(?:on|to)\s+(?:page|pg\.?|p\.)\s*(\d{1,3})\b", re.IGNORECASE
)
_MAX_PAGES = 500


def missing_pages(document: Document) -> tuple[int, ...]:
    """The page numbers ``document`` refers to ("Page 1 of 3", "continued on page 2")
    that none of its pages is numbered as; empty when it numbers no page (nothing to go
    by) or every page it names is there."""
    seen: set[int] = set()
    wanted: set[int] = set()
    for page in document.pages:
        for m in _PAGE_OF.finditer(page.text):
            number, total = int(m.group(1)), int(m.group(2))
            if 1 <= number <= total <= _MAX_PAGES:
                seen.add(number)
                wanted.update(range(1, total + 1))
        for m in _CONTINUED.finditer(page.text):
            number = int(m.group(1))
            if 1 <= number <= _MAX_PAGES:
                wanted.add(number)
    if not seen:
        return ()
    return tuple(sorted(wanted - seen))
