"""Markdown evidence rendered as safe HTML with the quote marked (workspace/markdown_html)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from workspace.markdown_html import markdown_html

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "ul", "ol", "li", "blockquote",
    "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "mark", "s",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"id", "class", "style", "start"}


class Collect(HTMLParser):
    """Tags, attributes and nesting of an HTML fragment; text inside <mark>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.stack: list[str] = []
        self.marked: list[str] = []
        self.well_nested = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        if tag not in ("br", "hr"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.well_nested = False
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "mark" in self.stack:
            self.marked.append(data)


def parsed(html: str) -> Collect:
    c = Collect()
    c.feed(html)
    c.close()
    assert c.well_nested and not c.stack, html
    assert set(c.tags) <= ALLOWED_TAGS, html
    assert {name for name, _ in c.attributes} <= ALLOWED_ATTRIBUTES, html
    return c


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "## Plan\n\n**Goal:** reduce PHQ-9",
            "<h2>Plan</h2>\n<p><strong>Goal:</strong> reduce PHQ-9</p>\n",
        ),
        ("- one\n- *two*", "<ul>\n<li>one</li>\n<li><em>two</em></li>\n</ul>\n"),
        (
            "| Date | Hours |\n|---|---:|\n| 03/03 | 3 |",
            '<table>\n<thead>\n<tr>\n<th>Date</th>\n<th style="text-align:right">Hours</th>\n'
            '</tr>\n</thead>\n<tbody>\n<tr>\n<td>03/03</td>\n<td style="text-align:right">3</td>\n'
            "</tr>\n</tbody>\n</table>\n",
        ),
        ("~~old~~ new", "<p><s>old</s> new</p>\n"),
    ],
    ids=["heading-bold", "list", "table", "strikethrough"],
)
def test_markdown_is_rendered(text: str, html: str) -> None:
    shown = markdown_html(text)
    assert (shown.html, shown.highlighted) == (html, False)


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"),
        (
            "<div>\n<script>x()</script>\n</div>",
            "<p>&lt;div&gt;\n&lt;script&gt;x()&lt;/script&gt;\n&lt;/div&gt;</p>\n",
        ),
        ("[click](javascript:alert(1))", "<p>[click](javascript:alert(1))</p>\n"),
        ("[site](https://example.org)", "<p>[site](https://example.org)</p>\n"),
        ("![x](https://tracker.example/p.png)", "<p>![x](https://tracker.example/p.png)</p>\n"),
        ("<https://example.org>", "<p>&lt;https://example.org&gt;</p>\n"),
        ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>\n"),
        (
            '```"><script>x()</script>\ncode\n```',
            '<pre><code class="language-&quot;&gt;&lt;script&gt;x()&lt;/script&gt;">code\n</code></pre>\n',
        ),
        ("&lt;b&gt; &amp; <b>", "<p>&lt;b&gt; &amp; &lt;b&gt;</p>\n"),
        ("\ue000<script>\ue001", "<p>\ufffd&lt;script&gt;\ufffd</p>\n"),
    ],
    ids=[
        "script",
        "img-onerror",
        "html-block",
        "js-link",
        "link",
        "image",
        "autolink",
        "js-autolink",
        "fence-info",
        "entities",
        "marker-characters",
    ],
)
def test_chart_text_cannot_inject_markup(text: str, html: str) -> None:
    shown = markdown_html(text)
    assert shown.html == html
    parsed(shown.html)
    assert "<script" not in shown.html and "<img" not in shown.html and "<a " not in shown.html


@pytest.mark.parametrize(
    ("text", "quote", "html", "marked"),
    [
        (
            "Seen today.\n\n**Risk:** low, no SI.",
            "low, no SI",
            '<p>Seen today.</p>\n<p><strong>Risk:</strong> <mark id="evidence-span" '
            'class="evidence">low, no SI</mark>.</p>\n',
            ["low, no SI"],
        ),
        # across emphasis: each text run marked on its own, well nested
        (
            "**Discharge date:** 03/26/2025",
            "**Discharge date:** 03/26/2025",
            '<p><strong><mark id="evidence-span" class="evidence">Discharge date:</mark></strong>'
            '<mark class="evidence"> 03/26/2025</mark></p>\n',
            ["Discharge date:", " 03/26/2025"],
        ),
        # a heading quoted with its hashes stays a heading
        (
            "## Physician Certification\n\nText",
            "## Physician Certification",
            '<h2><mark id="evidence-span" class="evidence">Physician Certification</mark></h2>\n'
            "<p>Text</p>\n",
            ["Physician Certification"],
        ),
        # a list item quoted with its bullet stays a list item
        (
            "- **Admission date:** 03/03/2025\n- next",
            "- **Admission date:** 03/03/2025",
            '<ul>\n<li><strong><mark id="evidence-span" class="evidence">Admission date:</mark>'
            '</strong><mark class="evidence"> 03/03/2025</mark></li>\n<li>next</li>\n</ul>\n',
            ["Admission date:", " 03/03/2025"],
        ),
        # a table row quoted with its pipes keeps its cells
        (
            "| Item | Date |\n|---|---|\n| Discharge Date | 03/14/2025 |",
            "| Discharge Date | 03/14/2025 |",
            "<table>\n<thead>\n<tr>\n<th>Item</th>\n<th>Date</th>\n</tr>\n</thead>\n<tbody>\n"
            '<tr>\n<td><mark id="evidence-span" class="evidence">Discharge Date</mark></td>\n'
            '<td><mark class="evidence">03/14/2025</mark></td>\n</tr>\n</tbody>\n</table>\n',
            ["Discharge Date", "03/14/2025"],
        ),
        # across two paragraphs
        (
            "first part\n\nsecond part",
            "part\n\nsecond",
            '<p>first <mark id="evidence-span" class="evidence">part</mark></p>\n'
            '<p><mark class="evidence">second</mark> part</p>\n',
            ["part", "second"],
        ),
        # a quote holding markup: escaped inside the mark
        (
            "Note: <b>bold</b> claim",
            "<b>bold</b>",
            '<p>Note: <mark id="evidence-span" class="evidence">&lt;b&gt;bold&lt;/b&gt;</mark>'
            " claim</p>\n",
            ["<b>bold</b>"],
        ),
    ],
    ids=["plain", "across-emphasis", "heading", "list-item", "table-row", "paragraphs", "markup"],
)
def test_the_quote_is_marked(text: str, quote: str, html: str, marked: list[str]) -> None:
    start = text.index(quote)
    shown = markdown_html(text, start, start + len(quote))
    assert (shown.html, shown.highlighted) == (html, True)
    assert parsed(shown.html).marked == marked


def test_an_example_chart_document_renders_with_its_quote_marked() -> None:
    text = (EXAMPLES / "medicare-iop-complete" / "19_discharge_summary.md").read_text()
    quote = "- **Discharge date:** 03/26/2025"
    start = text.index(quote)
    shown = markdown_html(text, start, start + len(quote))
    c = parsed(shown.html)
    assert c.marked == ["Discharge date:", " 03/26/2025"]
    assert shown.html.count('id="evidence-span"') == 1
    assert "**" not in shown.html and not re.search(r"(?m)^#+ ", shown.html)


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 3), (0, 99), (None, 2), (2, None)])
def test_offsets_outside_the_text_are_refused(start: int | None, end: int | None) -> None:
    with pytest.raises(ValueError, match="is outside a text of 10 characters"):
        markdown_html("0123456789", start, end)


@pytest.mark.parametrize(
    ("text", "quote", "html"),
    [
        # a date in a table row: the rest of the row, cell by cell, lightly
        (
            "| Date | Service | Attendance |\n|---|---|---|\n"
            "| 02/11/2025 | Relapse **Group** | Absent - left at 10:30 |",
            "02/11/2025",
            "<table>\n<thead>\n<tr>\n<th>Date</th>\n<th>Service</th>\n<th>Attendance</th>\n"
            "</tr>\n</thead>\n<tbody>\n<tr>\n"
            '<td><mark id="evidence-span" class="evidence">02/11/2025</mark></td>\n'
            '<td><mark class="evidence-line">Relapse </mark><strong>'
            '<mark class="evidence-line">Group</mark></strong></td>\n'
            '<td><mark class="evidence-line">Absent - left at 10:30</mark></td>\n'
            "</tr>\n</tbody>\n</table>\n",
        ),
        # a signature's date: the signature read with it
        (
            "Text.\n\nElectronically signed by Paul Nguyen, DO on 01/06/2025 15:10\n",
            "01/06/2025",
            '<p>Text.</p>\n<p><mark class="evidence-line">Electronically signed by Paul '
            'Nguyen, DO on </mark><mark id="evidence-span" class="evidence">01/06/2025</mark>'
            '<mark class="evidence-line"> 15:10</mark></p>\n',
        ),
        # a list item: its bullet stays a bullet
        (
            "- **Admit Date:** 01/06/2025\n- next",
            "01/06/2025",
            '<ul>\n<li><strong><mark class="evidence-line">Admit Date:</mark></strong> '
            '<mark id="evidence-span" class="evidence">01/06/2025</mark></li>\n<li>next</li>\n'
            "</ul>\n",
        ),
        # the quote is its whole line: nothing lighter to mark
        (
            "a\n\n## Physician Certification\n",
            "## Physician Certification",
            '<p>a</p>\n<h2><mark id="evidence-span" class="evidence">Physician Certification'
            "</mark></h2>\n",
        ),
    ],
    ids=["table-row", "signature", "list-item", "whole-line"],
)
def test_the_rest_of_the_quotes_line_is_marked_lightly(text: str, quote: str, html: str) -> None:
    start = text.index(quote)
    shown = markdown_html(text, start, start + len(quote), line=True)
    assert (shown.html, shown.highlighted) == (html, True)
    parsed(shown.html)
    # the strong marks hold the quote, nothing more
    strong = re.findall(r'<mark[^>]*class="evidence">([^<]*)</mark>', shown.html)
    assert "".join(strong) == quote.removeprefix("## ")


@pytest.mark.parametrize("line", [False, True])
def test_a_mark_ending_on_emphasis_leaves_it_closed(line: bool) -> None:
    # a marker right after "**" kept the asterisks from closing: they were shown as text
    # (marks wrap text, never the blanks between elements)
    text = "**Services:** group therapy\n**Family involvement:**\nnext"
    quote = "**Family involvement:**"
    start = text.index(quote)
    shown = markdown_html(text, start, start + len(quote), line=line)
    assert "**" not in shown.html
    assert '<strong><mark id="evidence-span" class="evidence">Family involvement:</mark>' in (
        shown.html
    )
    start = text.index("group therapy")
    shown = markdown_html(text, start, start + 5, line=True)
    assert "**" not in shown.html
    assert shown.html.startswith(
        '<p><strong><mark class="evidence-line">Services:</mark></strong> '
        '<mark id="evidence-span" class="evidence">group</mark>'
        '<mark class="evidence-line"> therapy</mark>\n'
    )
