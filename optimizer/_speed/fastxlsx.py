"""A small, fast writer of table workbooks: header row frozen and filtered, formatted columns, printable pages.

`allocation.xlsx` of a 100,000-application year holds 1.3 million cells; a general-purpose writer needs seconds
per hundred thousand rows. Plain tables need little: this writes the sheet XML directly (numbers as numbers, text
as inline strings, never a formula), packs it with a fixed timestamp, and so gives the same bytes for the same
tables. Workbooks with charts are still written with XlsxWriter.

A `wan` column holds amounts in whole yuan and shows them in 万元, exactly (the value is written divided by
10,000, with as many decimals as it takes: 1 yuan is 0.0001万). Every sheet prints landscape on A4, one page wide,
its header row repeated on every page, with page numbers in the footer.

Each part is compressed on its own (`sheet_part`), so a sheet can be made by another process and handed over as
a `Part`; `tables_xlsx` then packs the parts into the zip, whose headers are written with the sizes known.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from html import escape as _html_escape

Cell = str | int | float | Decimal | None

# cell styles (index into cellXfs below)
STYLES = {"general": 0, "header": 1, "money": 2, "number": 3, "share": 4, "text": 5, "bold": 6, "wan": 7, "wrap": 8}
# XML's three specials escaped, and the characters XML 1.0 cannot hold dropped — one pass, in C
_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;",
            **{c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]}}
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # what _ESCAPES changes: rare, and
# str.translate looks up every character of every string in the table (6 times slower than searching first)
PIECE_ROWS = 5_000  # rows of a sheet compressed at a time
_DOS_DATE = (1980 - 1980) << 9 | 1 << 5 | 1  # 1 January 1980, 00:00: a fixed timestamp
ZIP32_LIMIT = 0xFFFFFFFF  # a size or offset from here on is written in zip64 form
_IN_ZIP64 = 0xFFFFFFFF  # what a 32-bit field then holds


@dataclass(frozen=True)
class Table:
    """One sheet: headers in row 1, one row per item; `formats` names a style per column. The workbook opens at the
    first sheet `opened`, else at the first. `heights`: rows as tall as their wrapped text needs (LibreOffice does not
    grow a row to it on opening a file: a printed line would run over the next row)."""

    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Cell]]
    formats: Sequence[str]
    widths: Sequence[float]
    filtered: bool = True
    opened: bool = False
    heights: Sequence[float | None] | None = None  # each item's row height in points (None: the default, one line)


@dataclass(frozen=True)
class Part:
    """One part of the package, deflated: what its zip entry needs."""

    name: str
    data: bytes  # raw deflate
    crc: int
    size: int  # unpacked


def tables_xlsx(tables: Sequence[Table], made: Mapping[int, Callable[[], Part]] | None = None) -> bytes:
    """The workbook of `tables`; `made` gives, by sheet number (1-based), sheets whose part is made elsewhere
    (`sheet_part` in a second process): they are asked for last, once every other part is ready."""
    made = made or {}
    parts = [_part("[Content_Types].xml", [_content_types(len(tables))]), _part("_rels/.rels", [_ROOT_RELS]),
             _part("xl/workbook.xml", [_workbook(tables)]),
             _part("xl/_rels/workbook.xml.rels", [_workbook_rels(len(tables))]),
             _part("xl/styles.xml", [_STYLES_XML])]
    sheets = {n: sheet_part(t, n) for n, t in enumerate(tables, start=1) if n not in made}
    sheets.update({n: make() for n, make in made.items()})
    return _zip([*parts, *(sheets[n] for n in range(1, len(tables) + 1))])


def sheet_part(table: Table, number: int, *, alongside: bool = True) -> Part:
    """Sheet `number` of a workbook, compressed as it is made: with `alongside`, each piece of rows in a thread
    (zlib lets go of the GIL) while the next is rendered; without, in turn — for a second process, where the other
    core is already at work and a thread would only take time from it."""
    return _part(f"xl/worksheets/sheet{number}.xml", _sheet(table), alongside=alongside)


def _part(name: str, pieces: Iterable[str], *, alongside: bool = True) -> Part:
    deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
    packed: list[bytes] = []
    crc = size = 0

    def add(data: bytes) -> None:
        nonlocal crc, size
        crc, size = zlib.crc32(data, crc), size + len(data)
        packed.append(deflate.compress(data))

    if not alongside:
        for piece in pieces:
            add(piece.encode("utf-8"))
    else:
        with ThreadPoolExecutor(1) as pool:
            added: Future[None] | None = None
            for piece in pieces:
                data = piece.encode("utf-8")
                if added is not None:
                    added.result()
                added = pool.submit(add, data)
            if added is not None:
                added.result()
    packed.append(deflate.flush())
    return Part(name, b"".join(packed), crc, size)


def _zip(parts: Sequence[Part]) -> bytes:
    """A zip of deflated parts, as Excel writes one: no data descriptors; zip64 fields only where a size or an
    offset needs them."""
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for part in parts:
        name, packed = part.name.encode("ascii"), len(part.data)
        big = part.size >= ZIP32_LIMIT or packed >= ZIP32_LIMIT
        far = offset >= ZIP32_LIMIT
        version = 45 if big or far else 20
        sizes = (_IN_ZIP64, _IN_ZIP64) if big else (packed, part.size)
        local_extra = _zip64_extra([part.size, packed] if big else [])
        chunks += [struct.pack("<IHHHHHIIIHH", 0x04034B50, version, 0, 8, 0, _DOS_DATE, part.crc, *sizes, len(name),
                               len(local_extra)), name, local_extra, part.data]
        extra = _zip64_extra(([part.size, packed] if big else []) + ([offset] if far else []))
        directory += [struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, version, version, 0, 8, 0, _DOS_DATE, part.crc,
                                  *sizes, len(name), len(extra), 0, 0, 0, 0, _IN_ZIP64 if far else offset),
                      name, extra]
        offset += 30 + len(name) + len(local_extra) + packed
    central = b"".join(directory)
    end = b""
    if offset >= ZIP32_LIMIT:  # the directory starts beyond 4 GiB: zip64's end record and its locator first
        end = (struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(parts), len(parts), len(central), offset)
               + struct.pack("<IIQI", 0x07064B50, 0, offset + len(central), 1))
    end += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central),
                       _IN_ZIP64 if offset >= ZIP32_LIMIT else offset, 0)
    return b"".join([*chunks, central, end])


def _zip64_extra(values: list[int]) -> bytes:
    """The zip64 extra field holding `values` (sizes, then the offset), or nothing."""
    return struct.pack(f"<HH{len(values)}Q", 1, 8 * len(values), *values) if values else b""


def _sheet(table: Table) -> Iterator[str]:
    """The sheet's XML, in pieces of PIECE_ROWS rows."""
    columns = len(table.headers)
    letters = [_letter(c) for c in range(columns)]
    styles = [STYLES[f] for f in table.formats]
    scaled = [f == "wan" for f in table.formats]  # yuan written as 万元
    selected = ' tabSelected="1"' if table.opened else ""
    parts = [_SHEET_HEAD, f'<sheetViews><sheetView{selected} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
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
    heights = table.heights
    for r, row in enumerate(table.rows, start=2):
        n = str(r)
        tall = heights[r - 2] if heights is not None else None
        cells = [f'<row r="{n}">' if tall is None else f'<row r="{n}" ht="{tall:g}" customHeight="1">']
        for c, value in enumerate(row):  # the usual types first, each by one look at type() (a bool is no int)
            if type(value) is str:
                if value:
                    text = value.translate(escapes) if special(value) else value  # _text, without the call
                    cells.append(f"{opens[c]}{n}{as_text[c]}{text}</t></is></c>")
            elif type(value) is int:
                cells.append(f"{opens[c]}{n}{as_number[c]}{_wan_number(value) if scaled[c] else value}</v></c>")
            elif isinstance(value, str):  # a str subclass
                if value:
                    cells.append(f"{opens[c]}{n}{as_text[c]}{_text(value)}</t></is></c>")
            elif value is not None:
                shown = _wan_number(value) if scaled[c] else _number(value)
                cells.append(f"{opens[c]}{n}{as_number[c]}{shown}</v></c>")
        cells.append("</row>")
        parts.append("".join(cells))
        if r % PIECE_ROWS == 0:
            yield "".join(parts)
            parts = []
    parts.append("</sheetData>")
    if table.filtered:
        parts.append(f'<autoFilter ref="A1:{letters[-1]}{max(r, 2)}"/>')
    parts.append(_PRINTING)
    yield "".join(parts)


# printed: grid lines, narrow margins (inches), landscape A4 one page wide (as many pages down as it takes), page
# numbers centred in the footer; the header row repeats on every page (_xlnm.Print_Titles in the workbook)
_PRINTING = ('<printOptions gridLines="1"/><pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" '
             'footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
             '<headerFooter><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter></worksheet>')


def _wan_number(yuan: int | float | Decimal) -> str:
    """An amount in yuan as 万元, exactly: 194999910 → 19499.991, 1 → 0.0001, -50000 → -5."""
    if isinstance(yuan, int) and not isinstance(yuan, bool):
        whole, rest = divmod(abs(yuan), 10_000)
        text = f"{whole}.{rest:04d}".rstrip("0").rstrip(".") if rest else str(whole)
        return "-" + text if yuan < 0 else text
    return _number(Decimal(str(yuan)) / 10_000 if isinstance(yuan, float) else yuan / 10_000)


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
    """&, < and > as XML entities (as xml.sax.saxutils.escape, without its imports: urllib, email)."""
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
        f"{_quoted(t.name)}!$A$1:${_letter(len(t.headers) - 1)}$1</definedName>"
        for i, t in enumerate(tables) if t.filtered)
    names += "".join(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{_quoted(t.name)}!$1:$1'
                     "</definedName>" for i, t in enumerate(tables))
    opened = next((i for i, t in enumerate(tables) if t.opened), 0)
    view = f'<workbookView activeTab="{opened}"/>' if opened else "<workbookView/>"
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relation'
            f'ships"><bookViews>{view}</bookViews><sheets>{sheets}</sheets>'
            + (f"<definedNames>{names}</definedNames>" if names else "") + "</workbook>")


def _quoted(sheet: str) -> str:
    """A sheet's name as a formula writes it: in quotes, a quote doubled, escaped for XML."""
    return "'" + _escape(sheet.replace("'", "''")) + "'"


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
               'relationships"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')

# 0 general · 1 header · 2 money #,##0 · 3 number (General: 85, 81.5 — `0.##` would show `85.`) · 4 share 0.0% ·
# 5 text @ · 6 bold · 7 wan #,##0.00## (万元: two decimals, up to four when a yuan needs them) · 8 wrap (long text
# wrapped within its column's width, from the top of the cell)
_STYLES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet '
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="165" '
    'formatCode="0.0%"/><numFmt numFmtId="166" formatCode="#,##0.00##"/></numFmts><fonts count="2"><font><sz '
    'val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family '
    'val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill '
    'patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/><bgColor '
    'indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/>'
    '</border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top '
    'style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>'
    '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs '
    'count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" '
    'borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment '
    'vertical="center" wrapText="1"/></xf><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" '
    'applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf '
    'numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" '
    'fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" '
    'xfId="0" applyFont="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" '
    'wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles></styleSheet>')
