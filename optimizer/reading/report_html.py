"""Reading a run's report.html back (for `verify`): the text of the tables on the page, each under its heading.

report.html is budgetopt's own page, but the copy beside a manifest may have been edited by anyone, so it is read as
a hostile file: at most `PageLimits.max_bytes`, as UTF-8 only, by the standard library's `html.parser` — which builds
no tree, fetches nothing and runs nothing, and expands only HTML's own character references (`&amp;`, `&#20108;`):
a page cannot declare an entity, so no reference grows into more text than it stands for. Only the text of the
cells of its tables is kept — at most `max_cells` cells, each at most `max_cell_chars` characters — with the text
of the last `<h2>` above each table; the text of a `<script>` or `<style>`, comments and attributes are left out.
A cell holding a table of its own is read as its own table.

A table's first row whose cells are all `<th>` is its header; the rows after it are its rows, each the text of its
cells, stripped of the white space around it.

>>> page = b'<h2>Applications</h2><table><thead><tr><th>ID</th><th>Allocated</th></tr></thead>'
>>> page += b'<tbody><tr><td>2026-0001</td><td>50.00</td></tr><tr><td>A &amp; B</td><td> 0 </td></tr></tbody></table>'
>>> table, = page_tables(page, "report.html")
>>> table.heading, table.headers, table.rows
('Applications', ('ID', 'Allocated'), (('2026-0001', '50.00'), ('A & B', '0')))
>>> page_tables(b"\\xff", "report.html")
Traceback (most recent call last):
...
optimizer.reading.report_html.PageError: report.html: not UTF-8 text (byte 0 cannot be decoded)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from optimizer.errors import InputError
from optimizer.words import Phrase, os_reason

MB = 1024 * 1024


class PageError(InputError):
    """The page cannot be read back: too large, not UTF-8, or beyond the limits on its tables."""


@dataclass(frozen=True)
class PageLimits:
    """How much of a page is read: the file's size, the cells of its tables kept, the characters of one cell. A
    report.html lists at most 2,000 applications (report/html.py, MAX_ROWS), with its other tables a few megabytes."""

    max_bytes: int = 64 * MB
    max_cells: int = 2_000_000
    max_cell_chars: int = 100_000


@dataclass(frozen=True)
class PageTable:
    """One table of the page: the text of the last `<h2>` above it (`""` where none), its header's cells and its
    rows' cells, as text."""

    heading: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def read_page_tables(path: Path, limits: PageLimits | None = None) -> tuple[PageTable, ...]:
    """The tables of the page at `path`, in the order they open; PageError where it cannot be read back."""
    limits = limits or PageLimits()
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise PageError.one(path.name, Phrase.of("file.cannot_open", reason=os_reason(exc))) from exc
    return page_tables(data, path.name, limits)


def page_tables(data: bytes, file: str, limits: PageLimits | None = None) -> tuple[PageTable, ...]:
    """The tables of the page `data` (`file` names it in messages); PageError where it cannot be read back."""
    limits = limits or PageLimits()
    if len(data) > limits.max_bytes:
        raise PageError.one(file, Phrase.of("page.too_large", limit=limits.max_bytes // MB))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PageError.one(file, Phrase.of("page.not_utf8", at=exc.start)) from None
    reader = _Tables(limits)
    try:
        reader.feed(text)
        reader.close()
    except _TooMuch as exc:
        raise PageError.one(file, exc.phrase) from None
    except (AssertionError, ValueError) as exc:  # markup html.parser gives up on
        raise PageError.one(file, Phrase.of("page.not_html", error=str(exc)[:200])) from None
    return tuple(table.done() for table in reader.tables)


class _TooMuch(Exception):
    def __init__(self, phrase: Phrase) -> None:
        super().__init__(phrase.code)
        self.phrase = phrase


@dataclass
class _Open:
    """A table being read."""

    heading: str
    headers: list[str] | None = None
    rows: list[list[str]] = field(default_factory=list)
    row: list[str] | None = None  # the cells of the row being read
    header_row: bool = True  # every cell of the row being read so far is a <th>
    cell: list[str] | None = None  # the text of the cell being read
    chars: int = 0  # in it

    def done(self) -> PageTable:
        return PageTable(self.heading, tuple(self.headers or ()), tuple(tuple(row) for row in self.rows))


class _Tables(HTMLParser):
    """The tables of a page, as html.parser reads it: tags and text, nothing fetched or run."""

    _SKIPPED = frozenset({"script", "style", "template"})

    def __init__(self, limits: PageLimits) -> None:
        super().__init__(convert_charrefs=True)
        self.limits = limits
        self.tables: list[_Open] = []  # in the order they open
        self.open: list[_Open] = []  # those open, innermost last
        self.heading: list[str] | None = None  # the text of the <h2> being read
        self.heading_chars = 0
        self.last_heading = ""
        self.skipping = 0
        self.cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self.skipping += 1
        elif tag == "h2":
            self.heading, self.heading_chars = [], 0
        elif tag == "table":
            table = _Open(self.last_heading)
            self.tables.append(table)
            self.open.append(table)
        elif self.open and tag == "tr":
            self._end_row(self.open[-1])
            self.open[-1].row, self.open[-1].header_row = [], True
        elif self.open and tag in ("td", "th"):
            self._cell(self.open[-1], tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._SKIPPED:  # <script/> opens nothing
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "h2" and self.heading is not None:
            self.last_heading, self.heading = " ".join("".join(self.heading).split()), None
        elif tag == "table" and self.open:
            self._end_row(self.open.pop())
        elif self.open and tag == "tr":
            self._end_row(self.open[-1])
        elif self.open and tag in ("td", "th"):
            self._end_cell(self.open[-1])

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.heading is not None and self.heading_chars < self.limits.max_cell_chars:  # past it: cut short
            self.heading.append(data)
            self.heading_chars += len(data)
        table = self.open[-1] if self.open else None
        if table is not None and table.cell is not None:
            table.chars += len(data)
            if table.chars > self.limits.max_cell_chars:
                raise _TooMuch(Phrase.of("page.cell_too_long", limit=f"{self.limits.max_cell_chars:,}"))
            table.cell.append(data)

    def _cell(self, table: _Open, tag: str) -> None:
        self._end_cell(table)
        if table.row is None:  # a cell outside any <tr>: a row of its own
            table.row, table.header_row = [], True
        self.cells += 1
        if self.cells > self.limits.max_cells:
            raise _TooMuch(Phrase.of("page.too_many_cells", limit=f"{self.limits.max_cells:,}"))
        table.cell, table.chars = [], 0
        table.header_row = table.header_row and tag == "th"

    def _end_cell(self, table: _Open) -> None:
        if table.cell is not None and table.row is not None:
            table.row.append("".join(table.cell).strip())
        table.cell = None

    def _end_row(self, table: _Open) -> None:
        self._end_cell(table)
        if table.row is None:
            return
        if table.header_row and table.headers is None and not table.rows and table.row:
            table.headers = table.row
        elif table.row:
            table.rows.append(table.row)
        table.row = None
