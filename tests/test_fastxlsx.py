"""The table writer behind allocation.xlsx: any spreadsheet reads what it writes, large sheets included."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from optimizer.report import fastxlsx
from optimizer.report.fastxlsx import Table, tables_xlsx


def table(rows: int, **options: object) -> Table:
    return Table("表", ["a", "b", "c"], ([i, f"行{i} <&>", Decimal("1.5")] for i in range(rows)),
                 ["general", "text", "money"], [8, 20, 10], **options)  # type: ignore[arg-type]


def test_a_sheet_of_many_pieces_reads_back_whole() -> None:
    rows = 2 * fastxlsx.PIECE_ROWS + 7  # compressed in three pieces
    book = openpyxl.load_workbook(io.BytesIO(tables_xlsx([table(rows)])))
    values = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(values) == rows + 1 and values[-1] == (rows - 1, f"行{rows - 1} <&>", 1.5)


def test_zip64_sizes_only_for_a_sheet_that_may_pass_2_gib(monkeypatch: pytest.MonkeyPatch) -> None:
    def zip64_parts(data: bytes) -> list[str]:
        found = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():  # a local header: 30 bytes, the name, then its extra fields
                start = info.header_offset
                extra_length = int.from_bytes(data[start + 28:start + 30], "little")
                extra = data[start + 30 + len(info.filename.encode()):][:extra_length]
                if extra[:2] == b"\x01\x00":  # the zip64 extra field's id
                    found.append(info.filename)
        return found

    assert zip64_parts(tables_xlsx([table(10, rows_hint=10)])) == []
    monkeypatch.setattr(fastxlsx, "ZIP64_ROWS", 5)
    data = tables_xlsx([table(10, rows_hint=10)])
    assert zip64_parts(data) == ["xl/worksheets/sheet1.xml"]
    assert openpyxl.load_workbook(io.BytesIO(data)).worksheets[0].max_row == 11  # and it still reads
