"""Pages a document refers to that the chart does not hold (extract/pages.py)."""

from __future__ import annotations

import pytest
from chartdocs import chart_doc

from core.data import DocumentKind
from extract.pages import missing_pages


@pytest.mark.parametrize(
    ("pages", "missing"),
    [
        # page 1 of 3 only, and its own pointer to page 2
        (("PLAN                     Page 1 of 3\nGoal A\n(continued on page 2)\n",), (2, 3)),
        # every page it numbers is there (a PDF's footers)
        (("notes - Page 1 of 2\n", "notes - Page 2 of 2\n"), ()),
        # one text file holding all its printed pages
        (("Page 1 of 2\nA\nPage 2 of 2\nB\n",), ()),
        # a pointer to a page that is not there, in a numbered document
        (("Pg. 1 of 1\nsee plan, cont'd on p. 2\n",), (2,)),
        # no page numbering at all: nothing to go by
        (("continued on page 2\n",), ()),
        (("A plan with no page numbers.\n",), ()),
        # not page numbers
        (("Goal: 3 of 5 days per week by 04/30\n",), ()),
    ],
)
def test_missing_pages(pages: tuple[str, ...], missing: tuple[int, ...]) -> None:
    doc = chart_doc(*pages, kind=DocumentKind.TREATMENT_PLAN).document
    assert missing_pages(doc) == missing
