"""What the application sheet's XML says that its cell values do not, found by cheap byte scans.

python-calamine gives the values; the sheet's XML (`xl/worksheets/sheetN.xml`) is looked at here for:

- how far its cells reach, so that a sheet whose cells would take gigabytes is refused before calamine lays
  them out (calamine holds every sheet as a dense rectangle from A1 to its last cell);
- which cells hold formulas (and whether Excel saved a value with them) and which hold error values;
- hidden rows and columns, merged cells and a filter, which the reader warns about;
- numbers that calamine cannot read in a cell formatted as a date or a duration (`as_calamine_reads`).

A sheet of 100,000 rows is tens of megabytes of XML, so everything is found by byte searches that run at memory speed
and find nothing in an ordinary sheet; XML is parsed (with defusedxml, incrementally) only when a search shows
that there are formula or error cells to read.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element  # the type only; every parse goes through defusedxml

import numpy as np
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedElementTree

from optimizer.errors import Hint
from optimizer.reading.guard import ExcelFileError, FileLimits, Where
from optimizer.words import Phrase

_CELL_REF = re.compile(r"([A-Za-z]*+)0*+([0-9]*+)")  # possessive: no backtracking on hostile input
BEYOND = 10**18  # a row or column number past every sheet's (Excel's last cell: XFD1048576)
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_LAST_ROW = re.compile(rb"<(?:[\w.-]+:)?row\s[^>]*?\br\s*=\s*[\"']\s*0*([0-9]+)")
_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>")  # ">" may be quoted
_R_ATTR = re.compile(rb"(?:^|\s)r\s*=\s*[\"']([^\"']*)[\"']")
_HIDDEN = re.compile(rb"hidden\s*=\s*[\"']\s*(?:1|true)\s*[\"']")
_HIDDEN_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|col)\s")
_ATTR = re.compile(rb"(?:^|\s)(\w+)\s*=\s*[\"']([^\"']*)[\"']")
_MERGED = re.compile(rb"<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_FILTER = re.compile(rb"<(?:[\w.-]+:)?autoFilter\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_PREFIXED_FORMULA = re.compile(rb":f[\s>/]")
_TAG_NAME_END = re.compile(rb"<[A-Za-z_][\w.-]*$")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FORMULA_MARK = re.compile(rb"<f[\s>/]")
_ERROR_MARK = re.compile(rb't="e"')
_ERROR_ANY = re.compile(rb"t=(?:\"e\"|'e')")
_CELL_START = re.compile(rb'<c r="([^"]*)"([^>]*?)(/?)>')
_TYPE = re.compile(rb'\st="([^"]*)"')
_FORMULA = re.compile(rb"<f(?:\s[^>]*?)?(?:/>|>(.*?)</f>)", re.DOTALL)
_VALUE = re.compile(rb"<v(?:\s[^>]*?)?(?:/>|>(.*?)</v>)", re.DOTALL)
_ODD_VALUE = re.compile(rb"<v>([^<0-9][^<]*)</v>")  # a stored value that does not start with a digit
_ODD_OR_LONG_VALUE = re.compile(rb"<v>([^<0-9][^<]*|[^<]{9,}|[^<eE]*[eE][^<]*)</v>")  # or a long one, or 1e+9
LONGEST_DURATION = 1e9  # days: Python's timedelta holds fewer
_ROOT_PREFIX = re.compile(rb"<([\w.-]+):worksheet[\s>]")  # a sheet written with its namespace as a prefix


@dataclass(frozen=True)
class Formula:
    text: str
    has_value: bool


@dataclass(frozen=True)
class SheetFacts:
    """What the XML adds to the values; rows and columns are Excel's 1-based numbers."""

    formulas: Mapping[tuple[int, int], Formula] = field(default_factory=dict)  # (row, column)
    errors: Mapping[tuple[int, int], str] = field(default_factory=dict)
    hidden_rows: tuple[int, ...] = ()
    hidden_columns: tuple[tuple[int, int], ...] = ()  # (first, last) of each hidden <col> range
    merged: tuple[str, ...] = ()  # ranges as written, e.g. "A1:C1"
    autofilter: str | None = None  # the filter's range, e.g. "A1:P435"


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """A → 1, AA → 27 (any case)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def cell_position(ref: str) -> tuple[int, int] | None:
    """`H12` → (12, 8); None when `ref` is not a cell reference."""
    match = _CELL_REF.fullmatch(ref.strip())
    if not match or not match.group(1) or not match.group(2):
        return None
    return whole_number(match.group(2)) or 0, column_number(match.group(1))


def whole_number(text: str) -> int | None:
    """ASCII digits as a row or column number — BEYOND for more than 18 of them (a hand-made sheet's row of 5,000
    digits, which Python's int() would refuse with a bare ValueError); None for anything else (`²` is a digit to
    str.isdigit())."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text) if len(text) <= 18 else BEYOND


# ---------------------------------------------------------------- extent


def check_extent(data: bytes, where: Where, limits: FileLimits) -> None:
    """Refuse a sheet whose cells reach beyond the limits — before python-calamine allocates the area."""
    rows, columns = _extent_bound(data)
    if _over(rows, columns, limits):
        rows, columns = _walk(data)  # the bound is only an upper bound: count exactly before refusing
    check_area(rows, columns, where, limits)


def check_area(rows: int, columns: int, where: Where, limits: FileLimits) -> None:
    """Refuse a sheet of more rows, columns or cells (its area from A1 to its last cell) than `limits`."""
    if rows > limits.max_rows:
        raise where.refuse(Phrase.of("sheet.too_many_rows", rows=f"{rows:,}", limit=f"{limits.max_rows:,}"),
                           Hint("file_limit", "max_rows"))
    if columns > limits.max_columns:
        raise where.refuse(Phrase.of("sheet.too_many_columns", letter=column_letter(columns), columns=f"{columns:,}",
                                     limit=f"{limits.max_columns:,}"), Hint("file_limit", "max_columns"))
    if rows * columns > limits.max_cells:
        raise where.refuse(Phrase.of("sheet.too_many_cells", rows=f"{rows:,}", columns=f"{columns:,}",
                                     cells=f"{rows * columns:,}", limit=f"{limits.max_cells:,}"))


def _over(rows: int, columns: int, limits: FileLimits) -> bool:
    return rows > limits.max_rows or columns > limits.max_columns or rows * columns > limits.max_cells


def _extent_bound(data: bytes) -> tuple[int, int]:
    """An upper bound of (last row, last column), cheap when the sheet is as Excel writes it.

    Excel states the extent in <dimension> and writes `r="A1"` first in every cell; the sheet is then searched
    only for references beyond the stated extent (normally none). Otherwise every row and cell is walked.
    """
    plain = _plain_extent(data)
    if plain is None and not _every_cell_addressed(data):
        return _walk(data)
    rows, columns = _stated_extent(data)
    if rows == 0 or columns == 0:
        return _walk(data)
    if plain is not None:
        return max(rows, plain[0]), max(columns, plain[1])
    for match in re.finditer(_beyond(rows, columns), data):
        ref = match.group(1).decode("ascii")
        row = whole_number(ref)
        where = cell_position(ref) or ((row, 0) if row is not None else None)
        if where is None:  # no reference a reader would take as one (`C0`: row 0): count as the reader does
            return _walk(data)
        rows, columns = max(rows, where[0]), max(columns, where[1])
    return rows, columns


# what _plain_extent looks at after `<c r="`: up to three letters, seven digits and the closing quote fit
_PLAIN_REF = 12
_QUOTE_R = np.frombuffer(b' r="', dtype=np.uint8)
_LETTER, _DIGIT, _QUOTE = 1, 2, 3
_KIND = np.zeros(256, dtype=np.int8)  # per byte: 0 anything else
_KIND[[*range(ord("A"), ord("Z") + 1), *range(ord("a"), ord("z") + 1)]] = _LETTER
_KIND[ord("0"):ord("9") + 1] = _DIGIT
_KIND[ord('"')] = _QUOTE
_ADDRESSED = re.compile(rb'<c r="([^"]*)"')


def _plain_extent(data: bytes) -> tuple[int, int] | None:
    """(last row, last column) of the cells, when every cell tag in <sheetData> is `<c r="` and every cell
    reference, there or elsewhere, is plain — letters, digits not starting with 0, a quote — as Excel writes them;
    None otherwise.

    The same answer as counting the tags and searching the XML for references beyond the stated extent
    (`_beyond`), found with numpy over the tags' bytes instead of a regex and three counts: 38 → 28 ms at 10,000
    applications, in a fresh process."""
    start, end = data.find(b"<sheetData"), data.rfind(b"</sheetData")
    if start < 0 or end < 0:
        return None
    whole = np.frombuffer(data, dtype=np.uint8)
    inside = whole[start:end]
    colons = np.flatnonzero(inside == ord(":")) + start
    tags = np.flatnonzero(inside == ord("<")) + start
    cells = tags[whole[tags + 1] == ord("c")]
    if (whole[colons + 1] == ord("c")).any() or len(cells) == 0 or int(cells[-1]) + 6 + _PLAIN_REF > len(whole):
        return None  # a prefixed tag (<x:c>), no cell, or a cell at the very end
    heads = np.lib.stride_tricks.sliding_window_view(whole, 6 + _PLAIN_REF)[cells]  # each `<c r="A1"…`
    if not (heads[:, 2:6] == _QUOTE_R).all():
        return None  # a cell without `r="` first: the reader numbers it
    refs = heads[:, 6:]
    kinds = _KIND[refs]
    quote = np.argmax(kinds == _QUOTE, axis=1)
    kinds[np.arange(_PLAIN_REF) > quote[:, None]] = _QUOTE  # what follows the quote does not count
    letters = (kinds == _LETTER).sum(axis=1)
    at = np.arange(len(refs))
    plain = ((kinds[:, 0] == _LETTER) & (kinds[at, quote] == _QUOTE) & (kinds[at, quote - 1] == _DIGIT)
             & (refs[at, letters] != ord("0")) & (np.diff(kinds, axis=1) >= 0).all(axis=1))
    elsewhere = [cell_position(m.group(1).decode("ascii", "replace"))
                 for part in (data[:start], data[end:]) for m in _ADDRESSED.finditer(part)]
    if not plain.all() or None in elsewhere:  # each reference: letters, then digits, then the quote
        return None
    rows = max([_largest(refs, letters, quote, 10), *(p[0] for p in elsewhere if p is not None)])
    columns = max([_largest(refs, np.zeros_like(letters), letters, 26), *(p[1] for p in elsewhere if p is not None)])
    return rows, columns


def _largest(refs: np.ndarray, begin: np.ndarray, end: np.ndarray, base: int) -> int:
    """The largest number written `refs[i, begin[i]:end[i]]`: digits (`base` 10) or column letters (26). Without
    leading zeros the longest are the largest, and only they are added up."""
    lengths = end - begin
    longest = int(lengths.max())
    chosen = np.flatnonzero(lengths == longest)
    number = np.zeros(len(chosen), dtype=np.int64)
    for k in range(longest):
        byte = refs[chosen, begin[chosen] + k].astype(np.int64)
        number = number * base + (byte - ord("0") if base == 10 else (byte & 0xDF) - ord("A") + 1)
    return int(number.max())


def _every_cell_addressed(data: bytes) -> bool:
    """Whether every cell tag in <sheetData> is `<c r="...` exactly, as Excel writes them."""
    start, end = data.find(b"<sheetData"), data.rfind(b"</sheetData")
    if start < 0 or end < 0 or data.count(b":c", start, end):
        return False
    return data.count(b'<c r="', start, end) == data.count(b"<c", start, end)


def _stated_extent(data: bytes) -> tuple[int, int]:
    rows = columns = 0
    start = data.find(b"<sheetData")
    dimension = _DIMENSION.search(data, 0, start)
    if dimension:
        last = cell_position(dimension.group(1).decode("ascii", "replace").split(":")[-1])
        rows, columns = last or (0, 0)
    tail = max(data.rfind(b"<row "), 0)
    last_row = _LAST_ROW.search(data, tail)
    if last_row:
        rows = max(rows, whole_number(last_row.group(1).decode("ascii")) or 0)
    return rows, columns


def _beyond(rows: int, columns: int) -> bytes:
    """A regex for a cell reference (`<c r="...`) below row `rows` or right of column `columns`."""
    letters = _greater(column_letter(columns), "ABCDEFGHIJKLMNOPQRSTUVWXYZ", letters=True)
    digits = _greater(str(rows), "0123456789", letters=False)
    return rb'<c r="((?:' + letters + rb")[0-9]+|[A-Za-z]*0*(?:" + digits + rb'))"'


def _greater(limit: str, alphabet: str, *, letters: bool) -> bytes:
    """A regex for strings of `alphabet` that stand for more than `limit` (longer, or equal length and later)."""

    def one(chars: str) -> str:
        return "".join(f"{c}{c.lower()}" for c in chars) if letters else chars

    head = "[A-Za-z]" if letters else "[1-9]"
    tail = "[A-Za-z]" if letters else "[0-9]"
    options = [f"{head}{tail}{{{len(limit)},}}"]
    for i, char in enumerate(limit):
        later = alphabet[alphabet.index(char) + 1:]
        if later:
            fixed = "".join(f"[{one(c)}]" for c in limit[:i])
            options.append(f"{fixed}[{one(later)}]{tail}{{{len(limit) - i - 1}}}")
    return "|".join(options).encode("ascii")


def _walk(data: bytes) -> tuple[int, int]:
    """(last row, last column) by visiting every row and cell tag, as a reader numbers those without `r`."""
    row = last_row = last_column = 0
    column = 0
    for match in _TAG.finditer(data):
        ref = _R_ATTR.search(match.group(2))
        if match.group(1) == b"row":
            number = whole_number(ref.group(1).decode("ascii", "replace")) if ref else None
            row = number if number is not None else row + 1
            column = 0
            last_row = max(last_row, row)
            continue
        where = cell_position(ref.group(1).decode("ascii", "replace")) if ref else None
        row, column = where if where else (max(row, 1), column + 1)
        last_row, last_column = max(last_row, row), max(last_column, column)
    return last_row, last_column


# ---------------------------------------------------------------- what the values do not show


def scan(data: bytes, where: Where) -> SheetFacts:
    """Formula and error cells, hidden rows and columns, merged cells and a filter of one sheet's XML."""
    if _DTD.search(data):
        raise _entities(where)
    formulas: dict[tuple[int, int], Formula] = {}
    errors: dict[tuple[int, int], str] = {}
    if _has_formulas_or_errors(data):
        formulas, errors = _formula_cells(data) or _formulas_and_errors(data, where)
    hidden_rows, hidden_columns = _hidden(data)
    return SheetFacts(formulas, errors, hidden_rows, hidden_columns, _merged(data), _filter(data))


def as_calamine_reads(data: bytes, *, durations: bool = False) -> tuple[bytes, dict[tuple[int, int], str]] | None:
    """The sheet's XML with every number calamine cannot turn into a date — NaN and the negative ones — stored as
    infinity instead (which it reads as a number, whatever the cell's format), and each such cell's text by (row,
    column); None when there is none, as in every valid applications sheet.

    In a cell formatted as a date, calamine 0.9 reads NaN as 1899-12-30, a negative number down to about
    −1.07e11 as a time of day (−1 as 00:00:00, where Excel shows #####) and panics below that (on −infinity
    too): one hand-edited cell would refuse the whole file, with Rust's panic printed on the standard error, where
    the reader should name that cell. A negative number elsewhere is read back as the same text (a negative amount
    is refused as one either way).

    `durations`: numbers of LONGEST_DURATION days or more too, which python-calamine cannot make a Python
    timedelta of in a cell formatted as a duration (`[h]:mm`) — an OverflowError for the whole sheet, infinity
    too, so these copies store 0 where the text will replace it. Finding them means looking at every long value,
    so it is done only once that error has been met."""
    prefix = _ROOT_PREFIX.search(data, 0, 4096)  # `<x:worksheet …>`: then `<x:c>`, `<x:v>` (a hand-made file)
    tag = prefix.group(1) + b":" if prefix else b""
    values = _ODD_OR_LONG_VALUE if durations else _ODD_VALUE
    odd, cell_start = (values, _CELL_START) if not tag else (
        re.compile(values.pattern.replace(b"v>", b"%sv>" % re.escape(tag))),
        re.compile(rb'<%sc r="([^"]*)"([^>]*?)(/?)>' % re.escape(tag)))
    pieces: list[bytes] = []
    texts: dict[tuple[int, int], str] = {}
    done = 0
    for match in odd.finditer(data):
        text = _text(match.group(1))
        try:
            number = float(text)
        except ValueError:  # text (a formula's), an error value
            continue
        if math.isnan(number) or math.copysign(1.0, number) < 0 or (durations and number >= LONGEST_DURATION):
            position = _cell_of(data, match.start(), tag, cell_start)
            if position is not None:
                texts[position] = text
            # 0 where the cell's text will replace it: infinity, too, is past a duration
            stored = b"0" if durations and position is not None else b"inf"
            pieces += [data[done:match.start(1)], stored]
            done = match.end(1)
    return (b"".join([*pieces, data[done:]]), texts) if pieces else None


def _cell_of(data: bytes, at: int, tag: bytes, cell_start: re.Pattern[bytes]) -> tuple[int, int] | None:
    """(row, column) of the cell whose content holds byte `at`, written `<c r="A1" ...>` (`tag`: its namespace
    prefix, `x:`, which `cell_start` matches with); None otherwise."""
    start = data.rfind(b'<%sc r="' % tag, 0, at)
    cell = cell_start.match(data, start) if start >= 0 else None
    if cell is None or cell.group(3) or cell.end() > at or data.find(b"</%sc>" % tag, cell.end(), at) >= 0:
        return None
    return cell_position(_text(cell.group(1)))


def _entities(where: Where) -> ExcelFileError:
    return where.refuse(Phrase.of("sheet.entities"))


def _has_formulas_or_errors(data: bytes) -> bool:
    if _FORMULA_MARK.search(data) or _ERROR_ANY.search(data):  # a regex each: faster than `in` for "<f" (frequent "<")
        return True
    for match in _PREFIXED_FORMULA.finditer(data):  # <x:f> in a sheet that writes its namespace with a prefix
        if _TAG_NAME_END.search(data, max(0, match.start() - 40), match.start()):
            return True
    return False


def _formula_cells(data: bytes) -> tuple[dict[tuple[int, int], Formula], dict[tuple[int, int], str]] | None:
    """Formula and error cells found by byte search, for a sheet written as Excel writes it; None otherwise.

    Parsing a sheet of 100,000 rows takes seconds; visiting only the cells that hold a formula or an error takes
    a fraction of that. A sheet with comments, CDATA or cells not written `<c r="A1" ...>` is parsed instead.
    """
    if b"<![CDATA[" in data or b"<!--" in data or not _every_cell_addressed(data):
        return None
    formulas: dict[tuple[int, int], Formula] = {}
    errors: dict[tuple[int, int], str] = {}
    done: set[int] = set()
    for marker in (*_FORMULA_MARK.finditer(data), *_ERROR_MARK.finditer(data)):
        start = data.rfind(b'<c r="', 0, marker.start())
        cell = _CELL_START.match(data, start) if start >= 0 and start not in done else None
        if cell is None:
            continue
        done.add(start)
        end = cell.end() if cell.group(3) else data.find(b"</c>", cell.end())
        position = cell_position(_text(cell.group(1)))
        if end < marker.start() or position is None:
            continue
        content = data[cell.end():end]
        kind = _TYPE.search(cell.group(2))
        cell_type = kind.group(1) if kind else b"n"
        formula, value = _FORMULA.search(content), _VALUE.search(content)
        value_text = _text(value.group(1)) if value and value.group(1) else ""
        if formula is not None:
            has_value = value is not None and (value_text != "" or cell_type in (b"str", b"inlineStr"))
            text = _text(formula.group(1)) if formula.group(1) else ""
            formulas[position] = Formula(text or "(shared formula)", has_value)
        if cell_type == b"e":
            errors[position] = value_text or "#ERROR"
    return formulas, errors


def _text(raw: bytes) -> str:
    return html.unescape(raw.decode("utf-8", "replace"))


def _formulas_and_errors(data: bytes, where: Where,
                         ) -> tuple[dict[tuple[int, int], Formula], dict[tuple[int, int], str]]:
    formulas: dict[tuple[int, int], Formula] = {}
    errors: dict[tuple[int, int], str] = {}
    try:
        for cell in _cells(data):
            position = cell_position(cell.get("r", ""))
            if position is None:
                continue
            value = next((child for child in cell if _local(child.tag) == "v"), None)
            formula = next((child for child in cell if _local(child.tag) == "f"), None)
            if formula is not None:
                # Excel saves a formula's empty-text result as t="str" with an empty <v>; openpyxl writes an
                # empty <v> (and no type) for a formula it never calculated
                has_value = value is not None and (bool(value.text) or cell.get("t") in ("str", "inlineStr"))
                formulas[position] = Formula(formula.text or "(shared formula)", has_value)
            if cell.get("t") == "e":
                errors[position] = value.text if value is not None and value.text else "#ERROR"
    except DefusedXmlException as exc:
        raise _entities(where) from exc
    except SyntaxError as exc:  # xml.etree's ParseError
        raise where.refuse(Phrase.of("sheet.xml_damaged", error=str(exc))) from exc
    return formulas, errors


def _cells(data: bytes) -> Iterator[Element]:
    """Every <c> element, each complete when yielded; rows are dropped once read to keep memory flat."""
    for _, element in DefusedElementTree.iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True):
        local = _local(element.tag)
        if local == "c":
            yield element
            element.clear()
        elif local == "row":
            element.clear()


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _hidden(data: bytes) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    rows: set[int] = set()
    columns: list[tuple[int, int]] = []
    for match in _HIDDEN.finditer(data):
        start = data.rfind(b"<", 0, match.start())
        kind = _HIDDEN_TAG.match(data, start)
        if kind is None:
            continue
        attributes = {k.decode(): v.decode("ascii", "replace").strip()
                      for k, v in _ATTR.findall(data, start, data.find(b">", match.end()) + 1)}
        row, first, last = (whole_number(attributes.get(key, "")) for key in ("r", "min", "max"))
        if kind.group(1) == b"row" and row is not None:
            rows.add(row)
        elif kind.group(1) == b"col" and first is not None:
            columns.append((first, max(first, last or first)))
    return tuple(sorted(rows)), tuple(sorted(columns))


def _merged(data: bytes) -> tuple[str, ...]:
    start = data.find(b"mergeCell")
    if start < 0:
        return ()
    ranges = {m.group(1).decode("ascii", "replace").strip() for m in _MERGED.finditer(data, max(0, start - 64))}
    return tuple(sorted(ranges, key=lambda ref: (cell_position(ref.split(":")[0]) or (0, 0), ref)))


def _filter(data: bytes) -> str | None:
    start = data.find(b"autoFilter")
    match = _FILTER.search(data, max(0, start - 64)) if start >= 0 else None
    return match.group(1).decode("ascii", "replace").strip() if match else None
