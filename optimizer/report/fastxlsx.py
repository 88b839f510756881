"""A small, fast writer of table workbooks: header row frozen and filtered, formatted columns, nothing else.

`allocation.xlsx` of a 100,000-application year holds 1.3 million cells; a general-purpose writer needs seconds
per hundred thousand rows. Plain tables need little: this writes the sheet XML directly (numbers as numbers, text
as inline strings, never a formula), packs it with a fixed timestamp, and so gives the same bytes for the same
tables. Workbooks with charts are still written with XlsxWriter.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from html import escape as _html_escape

Cell = str | int | float | Decimal | None

# cell styles (index into cellXfs below)
STYLES = {"general": 0, "header": 1, "money": 2, "number": 3, "share": 4, "text": 5, "bold": 6}
# XML's three specials escaped, and the characters XML 1.0 cannot hold dropped — one pass, in C
_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;",
            **{c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]}}
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # what _ESCAPES changes: rare, and
# str.translate looks up every character of every string in the table (6 times slower than searching first)
_STAMP = (1980, 1, 1, 0, 0, 0)
PIECE_ROWS = 5_000  # rows of a sheet compressed at a time
ZIP64_ROWS = 500_000  # below, a sheet passes 2 GiB only with rows of over 4 KB: inputs far beyond the default limits
_LEVEL = "compress_level" if sys.version_info >= (3, 13) else "_compresslevel"  # renamed in 3.13


@dataclass(frozen=True)
class Table:
    """One sheet: headers in row 1, one row per item; `formats` names a style per column."""

    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Cell]]
    formats: Sequence[str]
    widths: Sequence[float]
    filtered: bool = True
    rows_hint: int = 0  # how many rows, when `rows` is an iterator: decides zip64 (see ZIP64_ROWS)


def tables_xlsx(tables: Sequence[Table]) -> bytes:
    buffer = io.BytesIO()
    with (zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
          ThreadPoolExecutor(1) as pool):
        def put(name: str, pieces: Iterable[str], zip64: bool = False) -> None:
            """One part, compressed in a thread (zlib lets go of the GIL) while its next piece is made."""
            info = zipfile.ZipInfo(name, _STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            setattr(info, _LEVEL, 1)  # open() takes the level from the ZipInfo, not the archive
            with archive.open(info, "w", force_zip64=zip64) as stream:
                written: Future[int] | None = None
                for piece in pieces:
                    data = piece.encode("utf-8")
                    if written is not None:
                        written.result()
                    written = pool.submit(stream.write, data)
                if written is not None:
                    written.result()

        put("[Content_Types].xml", [_content_types(len(tables))])
        put("_rels/.rels", [_ROOT_RELS])
        put("xl/workbook.xml", [_workbook(tables)])
        put("xl/_rels/workbook.xml.rels", [_workbook_rels(len(tables))])
        put("xl/styles.xml", [_STYLES_XML])
        for number, table in enumerate(tables, start=1):
            # a part's size is not known when it is opened: a sheet that may pass 2 GiB is written with zip64
            # sizes (which writestr chose by itself); only then, as Excel may offer to repair a zip64 workbook
            put(f"xl/worksheets/sheet{number}.xml", _sheet(table), zip64=table.rows_hint > ZIP64_ROWS)
    return buffer.getvalue()


def _sheet(table: Table) -> Iterator[str]:
    """The sheet's XML, in pieces of PIECE_ROWS rows."""
    columns = len(table.headers)
    letters = [_letter(c) for c in range(columns)]
    styles = [STYLES[f] for f in table.formats]
    parts = [_SHEET_HEAD, '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
             'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>',
             "<cols>", *(f'<col min="{c + 1}" max="{c + 1}" width="{w}" customWidth="1"/>'
                         for c, w in enumerate(table.widths)), "</cols><sheetData>",
             '<row r="1">', *(f'<c r="{letters[c]}1" s="1" t="inlineStr"><is><t>{_text(h)}</t></is></c>'
                              for c, h in enumerate(table.headers)), "</row>"]
    # per column: what comes before the row number, and after it for a string or a number
    opens = [f'<c r="{letter}' for letter in letters]
    as_text = [f'" s="{style}" t="inlineStr"><is><t xml:space="preserve">' for style in styles]
    as_number = [f'" s="{style}"><v>' for style in styles]
    r = 1
    special, escapes = _SPECIAL.search, _ESCAPES
    for r, row in enumerate(table.rows, start=2):
        n = str(r)
        cells = [f'<row r="{n}">']
        for c, value in enumerate(row):  # the usual types first, each by one look at type() (a bool is no int)
            if type(value) is str:
                if value:
                    text = value.translate(escapes) if special(value) else value  # _text, without the call
                    cells.append(f"{opens[c]}{n}{as_text[c]}{text}</t></is></c>")
            elif type(value) is int:
                cells.append(f"{opens[c]}{n}{as_number[c]}{value}</v></c>")
            elif isinstance(value, str):  # a str subclass
                if value:
                    cells.append(f"{opens[c]}{n}{as_text[c]}{_text(value)}</t></is></c>")
            elif value is not None:
                cells.append(f"{opens[c]}{n}{as_number[c]}{_number(value)}</v></c>")
        cells.append("</row>")
        parts.append("".join(cells))
        if r % PIECE_ROWS == 0:
            yield "".join(parts)
            parts = []
    parts.append("</sheetData>")
    if table.filtered:
        parts.append(f'<autoFilter ref="A1:{letters[-1]}{max(r, 2)}"/>')
    parts.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
    yield "".join(parts)


def _text(value: str) -> str:
    return value.translate(_ESCAPES) if _SPECIAL.search(value) else value


def _number(value: int | float | Decimal) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return repr(float(value))


def _escape(text: str) -> str:
    """&, < and > as XML entities (as xml.sax.saxutils.escape, which costs 12 ms of imports: urllib, email)."""
    return _html_escape(text, quote=False)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _workbook(tables: Sequence[Table]) -> str:
    sheets = "".join(f'<sheet name="{_escape(t.name)}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, t in enumerate(tables, start=1))
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"'{_escape(t.name)}'!$A$1:${_letter(len(t.headers) - 1)}$1</definedName>"
        for i, t in enumerate(tables) if t.filtered)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relation'
            f'ships"><bookViews><workbookView/></bookViews><sheets>{sheets}</sheets>'
            + (f"<definedNames>{names}</definedNames>" if names else "") + "</workbook>")


def _workbook_rels(count: int) -> str:
    sheets = "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                     f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxml'
            f'formats.org/package/2006/relationships">{sheets}<Relationship Id="rId{count + 1}" Type="http://schema'
            's.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')


def _content_types(count: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-'
                     'officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, count + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main'
            f'+xml"/>{sheets}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.styles+xml"/></Types>')


_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxml'
              'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.or'
              'g/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')

_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxml'
               'formats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
               'relationships">')

# 0 general · 1 header · 2 money #,##0 · 3 number 0.## · 4 share 0.0% · 5 text @ · 6 bold
_STYLES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.##"/><numFmt numFmtId="165" '
    'formatCode="0.0%"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill '
    'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType='
    '"solid"><fgColor rgb="FFDCE6F1"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border>'
    '<left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right '
    'style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color '
    'auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" '
    'applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf><xf numFmtId="3" fontId="0" fillId="0" '
    'borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" '
    'applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" '
    'fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" '
    'xfId="0" builtinId="0"/></cellStyles></styleSheet>')
