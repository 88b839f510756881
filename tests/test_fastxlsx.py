"""The table writer behind allocation.xlsx: any spreadsheet reads what it writes, large sheets included."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from optimizer._speed import fastxlsx
from optimizer._speed.fastxlsx import Table, tables_xlsx


def table(rows: int, **options: object) -> Table:
    return Table("表", ["a", "b", "c"], ([i, f"行{i} <&>", Decimal("1.5")] for i in range(rows)),
                 ["general", "text", "money"], [8, 20, 10], **options)  # type: ignore[arg-type]


def test_a_sheet_of_many_pieces_reads_back_whole() -> None:
    rows = 2 * fastxlsx.PIECE_ROWS + 7  # compressed in three pieces
    book = openpyxl.load_workbook(io.BytesIO(tables_xlsx([table(rows)])))
    values = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(values) == rows + 1 and values[-1] == (rows - 1, f"行{rows - 1} <&>", 1.5)


def zip64_parts(data: bytes) -> list[str]:
    """The parts whose local header carries a zip64 extra field."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every part's CRC and size check out
        for info in archive.infolist():  # a local header: 30 bytes, the name, then its extra fields
            start = info.header_offset
            extra_length = int.from_bytes(data[start + 28:start + 30], "little")
            extra = data[start + 30 + len(info.filename.encode()):][:extra_length]
            if extra[:2] == b"\x01\x00":  # the zip64 extra field's id
                found.append(info.filename)
    return found


def test_zip64_only_where_a_size_or_offset_needs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    data = tables_xlsx([table(10)])
    assert zip64_parts(data) == [] and b"PK\x06\x06" not in data  # no zip64 end record either
    monkeypatch.setattr(fastxlsx, "ZIP32_LIMIT", 1000)  # as if 1,000 bytes were 4 GiB
    data = tables_xlsx([table(100)])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # zipfile finds every offset past "4 GiB" (zip64 fields)
        big = [i.filename for i in archive.infolist() if i.file_size >= 1000]
        assert max(i.header_offset for i in archive.infolist()) >= 1000
    assert big == ["xl/styles.xml", "xl/worksheets/sheet1.xml"] and zip64_parts(data) == big
    assert b"PK\x06\x06" in data and b"PK\x06\x07" in data  # the directory starts past "4 GiB": zip64 end records
    assert openpyxl.load_workbook(io.BytesIO(data)).worksheets[0].max_row == 101  # and it still reads


def test_a_sheet_made_elsewhere_gives_the_same_workbook() -> None:
    """outputs.py has a second process make the allocation sheet; the workbook must not show it."""
    made_here = tables_xlsx([table(30), table(5, filtered=False)])
    elsewhere = {1: lambda: fastxlsx.sheet_part(table(30), 1)}
    assert tables_xlsx([table(30), table(5, filtered=False)], elsewhere) == made_here
    in_turn = {1: lambda: fastxlsx.sheet_part(table(30), 1, alongside=False)}  # compressed without a thread
    assert tables_xlsx([table(30), table(5, filtered=False)], in_turn) == made_here
    with zipfile.ZipFile(io.BytesIO(made_here)) as archive:
        names = [i.filename for i in archive.infolist()]
        assert names[-2:] == ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("yuan", [0, 1, 90, 10_000, 194_999_910, 375_100, 99_999_999_999, -50_000, -1])
def test_a_wan_column_shows_yuan_as_wan_and_loses_none(yuan: int) -> None:
    data = tables_xlsx([Table("s", ["元", "万元"], [[yuan, yuan]], ["money", "wan"], [10, 10])])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet["A2"].value == yuan and sheet["B2"].number_format == "#,##0.00##"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    written = xml.split('<c r="B2" s="7"><v>')[1].split("</v>")[0]  # the value as written, before any float
    assert Decimal(written) * 10_000 == yuan


def test_every_sheet_prints_landscape_one_page_wide_with_its_headers_on_each_page() -> None:
    data = tables_xlsx([table(3), Table("O'Brien", ["x"], [[1]], ["general"], [5], filtered=False)])
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9  # A4
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)  # pages down: as many as needed
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.page_margins.left < 0.7
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
    assert "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'O''Brien'!$1:$1</definedName>" in workbook
    assert tables_xlsx([table(3)]) == tables_xlsx([table(3)])  # the same tables, the same bytes
