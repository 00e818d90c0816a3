"""A web page's HTML source pasted as text (a results page's "view source"): each table row becomes one
line of cells ("Sodium   140   mmol/L   136 - 145   H"), which the column reader then reads under its
heading row; the page's other text stays, a block a line. HTML's own character references ("&lt;0.1",
"&ndash;") are read as the browser shows them -- nothing else is expanded, nothing is fetched, and
scripts and styles are dropped. Text that is not an HTML page holding a table is left as it was.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .columns import COLUMN_GAP

HTML_MAX_CHARS = 2_000_000  # a longer text is never parsed as one page
_TABLE_TAG = re.compile(r"<t[dh][\s>]", re.IGNORECASE)
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "table", "tr", "caption", "section",
           "header", "footer", "title", "pre", "ul", "ol", "dl", "dt", "dd", "thead", "tbody", "body", "html"}
_SKIPPED = {"script", "style", "head"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] = []  # the block being read
        self.cells: list[str] | None = None  # the row being read
        self.cell: list[str] | None = None
        self.skipping = 0

    def _end_block(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.lines.append(text)
        self.text = []

    def _end_cell(self) -> None:
        if self.cell is not None and self.cells is not None:
            self.cells.append(" ".join("".join(self.cell).split()))
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.cells is not None and any(self.cells):
            self.lines.append(COLUMN_GAP.join(cell for cell in self.cells if cell))  # as `csv_cells`
        self.cells = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "tr":
            self._end_row()
            self._end_block()
            self.cells = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self.cells is None:
                self._end_block()
                self.cells = []
            self.cell = []
        elif tag in _BLOCKS and self.cell is None:
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table", "thead", "tbody"):
            self._end_row()
        elif tag in _BLOCKS and self.cell is None:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        (self.cell if self.cell is not None else self.text).append(data)

    def close(self) -> None:
        super().close()
        self._end_row()
        self._end_block()


def read_html_tables(lines: list[str]) -> list[str]:
    """An HTML page's text, a table row a line of cells; any other text as it was."""
    text = "\n".join(lines)
    if len(text) > HTML_MAX_CHARS or not _TABLE_TAG.search(text) or "<tr" not in text.lower():
        return lines
    page = _Page()
    page.feed(text)
    page.close()
    return page.lines
