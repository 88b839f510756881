"""What every workbook we write shares: a fixed creation date (so identical inputs give identical bytes),
cell formats, and header rows that freeze and filter."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any, BinaryIO

from optimizer.report.units import width
from optimizer.words import Phrase

FIXED_CREATED = datetime(2026, 1, 1)  # a constant: the run's real time is in manifest.json, not in the workbook


def new_workbook(target: BinaryIO) -> Any:
    """A workbook written to memory (files are written whole by report/files.py); no text is ever turned into a
    formula or a link."""
    import xlsxwriter  # here, not at the top: only the sweep, compare, stability, notice and template workbooks need it

    book = xlsxwriter.Workbook(target, {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True})
    book.set_properties({"created": FIXED_CREATED, "author": "budgetopt"})
    book.set_calc_mode("auto")
    return book


def formats(book: Any) -> dict[str, Any]:
    return {
        "header": book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True,
                                   "valign": "vcenter"}),
        "text": book.add_format({"num_format": "@"}),
        "money": book.add_format({"num_format": "#,##0"}),
        "money2": book.add_format({"num_format": "#,##0.00"}),
        "number": book.add_format({"num_format": "0.##"}),
        "share": book.add_format({"num_format": "0.0%"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "bold": book.add_format({"bold": True}),
    }


def header_row(sheet: Any, headers: Sequence[str], fmt: Any, widths: Sequence[int], rows: int | None) -> None:
    """Headers in row 1, frozen, with filter buttons over `rows` data rows (none when `rows` is None)."""
    for col, (text, w) in enumerate(zip(headers, widths, strict=True)):
        sheet.write_string(0, col, text, fmt)
        sheet.set_column(col, col, w)
    sheet.freeze_panes(1, 0)
    if rows is not None:
        sheet.autofilter(0, 0, max(rows, 1), len(headers) - 1)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")  # what a spreadsheet might take for a formula


def text_cell(sheet: Any, row: int, col: int, text: str, plain: Any, quoted: Any) -> None:
    """Text as text: never a formula, and, when it starts like one, in the `quoted` format (quotePrefix), so that a
    spreadsheet keeps it text when someone edits the cell."""
    sheet.write_string(row, col, text, quoted if text.startswith(FORMULA_START) else plain)


def printable(sheet: Any, lang: str, header_row: int, last_row: int, last_col: int) -> None:
    """Landscape A4, one page wide, the header row on every page, page numbers in the footer."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.center_horizontally()
    sheet.print_area(0, 0, last_row, last_col)
    sheet.set_footer("&C" + Phrase.of("notice.footer", page="&P", pages="&N").text(lang))


LINE_HEIGHT = 15  # points per line of a wrapped cell


def text_lines(text: str, room: int) -> int:
    """The lines `text` wraps to in a column `room` characters wide (a Chinese character is two). Set from this, a
    row is as tall as its text in every spreadsheet: LibreOffice does not grow a row to its wrapped text on opening
    a file, and a printed list then has its lines over the next row's."""
    return max(1, math.ceil(width(text) / max(1, room - 1)))


def row_height(texts: Sequence[str], widths: Sequence[int]) -> float | None:
    """The height a row of wrapped `texts` in columns `widths` wide needs (None: one line, the default)."""
    lines = max((text_lines(text, room) for text, room in zip(texts, widths, strict=True)), default=1)
    return LINE_HEIGHT * lines if lines > 1 else None
