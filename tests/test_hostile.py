"""Hostile and broken workbooks: each is refused before parsing with one sentence, or read with a warning.

Refusals are ExcelFileError (exit 2 on the command line); warnings are Problems in the Workbook's `warnings`.
Hostile files are built with zipfile from a small valid workbook, so every test is small and fast.
"""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from click.testing import CliRunner
from helpers import EN_HEADERS, code, never_hangs, row, write_cells, write_rows

from optimizer._speed import split_parse
from optimizer.cli import cli, cli_text
from optimizer.reading.allocation_file import AllocationFileError, read_allocation
from optimizer.reading.applications import read_workbook
from optimizer.reading.guard import MB, XmlDefenceError, assert_xml_defended
from optimizer.reading.sheet import ExcelFileError, FileLimits, read_sheet
from optimizer.rules.policy import Policy

SHEET = "xl/worksheets/sheet1.xml"
NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
LOL = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
       '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>')
AGAIN = "save the workbook again from Excel as .xlsx"


def valid(tmp_path: Path, rows: int = 3, name: str = "apps.xlsx") -> Path:
    return write_rows(tmp_path / name, [row(application_id=f"A-{i:03d}", credit_code=code(i)) for i in range(rows)])


def rebuild(path: Path, replace: Mapping[str, bytes | None] = {}, add: Mapping[str, bytes] = {},
            out: Path | None = None) -> Path:
    """A copy of the workbook at `path` with members replaced (None: removed) and added."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = replace.get(info.filename, source.read(info.filename))
            if data is not None:
                target.writestr(info.filename, data)
        for member, data in add.items():
            target.writestr(member, data)
    out = out or path
    out.write_bytes(buffer.getvalue())
    return out


def sheet_xml(body: str, before: str = "") -> bytes:
    text = f'<?xml version="1.0" encoding="UTF-8"?>{before}<worksheet {NS}><sheetData>{body}</sheetData></worksheet>'
    return text.encode()


def refusal(path: Path, limits: FileLimits | None = None) -> str:
    """The refusal as the command line says it (the library words its hints as arguments: see the test below)."""
    with pytest.raises(ExcelFileError) as caught:
        read_sheet(path, limits=limits)
    return cli_text(caught.value)


def test_the_library_words_a_limit_as_an_argument(tmp_path: Path) -> None:
    with pytest.raises(ExcelFileError) as caught:
        read_sheet(valid(tmp_path, rows=10), limits=FileLimits(max_rows=5))
    assert str(caught.value).endswith("or raise the limit (FileLimits.max_rows)")
    assert caught.value.problems[0].sheet == "applications" and caught.value.problems[0].file == "apps.xlsx"


# ---------------------------------------------------------------- refused before parsing: size and zip bombs


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "apps.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(51 * MB)  # sparse: nothing is written or read
    assert refusal(path) == ("apps.xlsx: is 51 MB, more than the 50 MB budgetopt reads; split the applications into "
                             "smaller workbooks, or raise the limit with --max-file-mb")


def test_a_zip_that_unpacks_beyond_the_limit(tmp_path: Path) -> None:
    path = rebuild(valid(tmp_path), add={"xl/media/image1.png": bytes(3 * MB)})
    assert refusal(path, FileLimits(max_unpacked_bytes=1 * MB)) == (
        "apps.xlsx: would unpack to 3.0 MB, more than the 1 MB budgetopt unpacks; save it again from Excel as .xlsx "
        "without pictures or attachments, or raise the limit with --max-unpacked-mb")


def test_a_zip_bomb_by_its_compression_ratio(tmp_path: Path) -> None:
    path = rebuild(valid(tmp_path), add={"xl/media/image1.png": bytes(2 * MB)})
    packed = zipfile.ZipFile(path).getinfo("xl/media/image1.png").compress_size
    assert refusal(path) == (
        f"apps.xlsx: refused as a possible zip bomb: its part xl/media/image1.png unpacks to 2 MB from {packed:,} "
        f"bytes ({2 * MB / packed:,.0f} times, more than the 200 allowed); {AGAIN}")


def test_small_parts_may_compress_well(tmp_path: Path, policy: Policy) -> None:
    path = rebuild(valid(tmp_path), add={"xl/media/image1.png": bytes(MB)})  # 1 MB of zeros: not checked
    assert len(read_workbook(path, policy).valid) == 3


def test_a_zip_of_too_many_parts(tmp_path: Path) -> None:
    path = rebuild(valid(tmp_path), add={f"xl/media/{i}.png": b"x" for i in range(3)})
    assert refusal(path, FileLimits(max_parts=10)) == (
        "apps.xlsx: holds 12 files, more than the 10 a workbook needs; save it again from Excel as .xlsx")


# ---------------------------------------------------------------- refused: the sheet's extent


def test_more_rows_than_the_limit(tmp_path: Path) -> None:
    assert refusal(valid(tmp_path, rows=10), FileLimits(max_rows=5)) == (
        "apps.xlsx, sheet applications: reaches row 11, beyond the 5 rows budgetopt reads; delete what lies below "
        "the applications (Ctrl+End in Excel shows the last cell), split them into smaller workbooks, or raise the "
        "limit with --max-rows")


def test_more_columns_than_the_limit(tmp_path: Path) -> None:
    assert refusal(valid(tmp_path), FileLimits(max_columns=10)) == (
        "apps.xlsx, sheet applications: reaches column O (15 columns), beyond the 10 columns budgetopt reads; "
        "delete what lies right of the applications (Ctrl+End in Excel shows the last cell), or raise the limit "
        "with --max-columns")


def test_more_cells_than_the_limit(tmp_path: Path) -> None:
    assert refusal(valid(tmp_path, rows=10), FileLimits(max_cells=100)) == (
        "apps.xlsx, sheet applications: spans 11 rows × 15 columns (165 cells), more than the 100 cells budgetopt "
        "reads; delete what lies below or right of the applications (Ctrl+End in Excel shows the last cell), or "
        "split them into smaller workbooks")


@pytest.mark.parametrize("cell", ['r="XFD1048576"', "r = 'xfd1048576'"])
def test_one_far_cell_is_refused_before_it_is_laid_out(tmp_path: Path, cell: str) -> None:
    body = f'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c {cell}><v>2</v></c></row>'
    path = rebuild(valid(tmp_path), {SHEET: sheet_xml(body)})
    assert refusal(path).startswith("apps.xlsx, sheet applications: reaches column XFD (16,384 columns), beyond "
                                    "the 200 columns budgetopt reads;")


def test_cells_without_references_are_counted_too(tmp_path: Path) -> None:
    path = rebuild(valid(tmp_path), {SHEET: sheet_xml("<row>" + "<c><v>1</v></c>" * 300 + "</row>")})
    assert refusal(path).startswith("apps.xlsx, sheet applications: reaches column KN (300 columns), beyond the "
                                    "200 columns budgetopt reads;")


def test_a_far_cell_behind_a_quoted_angle_bracket(tmp_path: Path) -> None:
    body = '<row><c a=">" r="XFD1"><v>1</v></c></row>'
    assert refusal(rebuild(valid(tmp_path), {SHEET: sheet_xml(body)})).startswith(
        "apps.xlsx, sheet applications: reaches column XFD (16,384 columns)")


def test_a_reference_to_row_0_is_refused_not_a_crash(tmp_path: Path) -> None:
    # `P0` lies right of the stated extent (A1:O4) but names no row: the extent is then counted cell by cell, as
    # a reader numbers them (it was a ValueError), and the reader refuses the file
    original = zipfile.ZipFile(valid(tmp_path)).read(SHEET)
    path = rebuild(tmp_path / "apps.xlsx", {SHEET: original.replace(b"</row>", b'<c r="P0"><v>1</v></c></row>', 1)})
    assert refusal(path) == ("apps.xlsx: cannot be read as an .xlsx workbook (Range is missing the expected row "
                             "component.)")


def test_a_stated_dimension_alone_is_not_believed(tmp_path: Path, policy: Policy) -> None:
    original = zipfile.ZipFile(valid(tmp_path)).read(SHEET)
    lying = original.replace(b'<dimension ref="A1:O4"', b'<dimension ref="A1:XFD1048576"')
    assert lying != original
    path = rebuild(tmp_path / "apps.xlsx", {SHEET: lying})
    assert len(read_workbook(path, policy).valid) == 3


def test_the_area_is_checked_again_after_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("optimizer.reading.sheet.check_extent", lambda data, where, limits: None)
    assert refusal(valid(tmp_path, rows=10), FileLimits(max_rows=5)).startswith(
        "apps.xlsx, sheet applications: reaches row 11, beyond the 5 rows budgetopt reads;")


# ---------------------------------------------------------------- refused: macros, binary and old formats


def test_a_macro_enabled_file_name(tmp_path: Path) -> None:
    path = valid(tmp_path, name="apps.xlsm")
    assert refusal(path) == ("apps.xlsm: is a macro-enabled workbook (.xlsm); save it as .xlsx (Excel Workbook) "
                             "without macros")


MACROS = ("apps.xlsx: contains macros (VBA or Excel 4.0 macro sheets), which budgetopt does not open; save it as "
          ".xlsx (Excel Workbook) without macros")


@pytest.mark.parametrize("member", ["xl/vbaProject.bin", "xl/macrosheets/sheet1.xml"])
def test_a_workbook_carrying_macros(tmp_path: Path, member: str) -> None:
    path = rebuild(valid(tmp_path), add={member: b"<x/>" if member.endswith(".xml") else b"\xcc" * 100})
    assert refusal(path) == MACROS


def test_a_macro_content_type(tmp_path: Path) -> None:
    path = valid(tmp_path)
    types = zipfile.ZipFile(path).read("[Content_Types].xml").replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    assert b"macroEnabled" in types
    assert refusal(rebuild(path, {"[Content_Types].xml": types})) == MACROS


def test_a_binary_workbook(tmp_path: Path) -> None:
    assert refusal(valid(tmp_path, name="apps.xlsb")) == ("apps.xlsb: is a binary workbook (.xlsb); save it as "
                                                          ".xlsx (Excel Workbook)")


def test_an_ole2_file_is_still_refused_as_xls(tmp_path: Path) -> None:
    path = tmp_path / "apps.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert refusal(path) == ("apps.xlsx: is an old-style .xls workbook or a password-protected file; open it in "
                             "Excel and save it as .xlsx (Excel Workbook) without a password")


# ---------------------------------------------------------------- refused: XML entity attacks


def test_billion_laughs_in_the_sheet(tmp_path: Path) -> None:
    body = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
    path = rebuild(valid(tmp_path), {SHEET: sheet_xml(body, before=LOL)})
    assert refusal(path) == (f"apps.xlsx: its part {SHEET} declares XML entities (a DOCTYPE), which Excel never "
                             f"writes and which can attack the reader; {AGAIN}")


def test_billion_laughs_in_the_workbook_part(tmp_path: Path) -> None:
    path = valid(tmp_path)
    book = zipfile.ZipFile(path).read("xl/workbook.xml")
    book = book.replace(b"<workbook", LOL.encode() + b"<workbook", 1)
    assert refusal(rebuild(path, {"xl/workbook.xml": book})).startswith(
        "apps.xlsx: its part xl/workbook.xml declares XML entities (a DOCTYPE)")


def test_a_doctype_hidden_behind_a_long_comment(tmp_path: Path) -> None:
    padding = "<!--" + "x" * 70_000 + "-->"
    path = rebuild(valid(tmp_path), {SHEET: sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>',
                                                      before=padding + LOL)})
    assert refusal(path) == ("apps.xlsx, sheet applications: its XML declares entities (a DOCTYPE), which Excel "
                             f"never writes and which can attack the reader; {AGAIN}")


def test_a_doctype_in_the_workbook_part_behind_a_long_comment(tmp_path: Path) -> None:
    path = valid(tmp_path)
    book = zipfile.ZipFile(path).read("xl/workbook.xml")
    book = book.replace(b"<workbook", ("<!--" + "x" * 70_000 + "-->" + LOL).encode() + b"<workbook", 1)
    assert refusal(rebuild(path, {"xl/workbook.xml": book})).startswith(
        "apps.xlsx: its part xl/workbook.xml declares XML entities (a DOCTYPE)")


def test_a_sheet_beyond_the_limits_is_refused_for_that_first(tmp_path: Path) -> None:
    """The extent is checked while the XML is scanned: a far cell is still the refusal given, whatever the scan
    finds (here a DOCTYPE only the scan sees), as when the extent was checked before the scan."""
    padding = "<!--" + "x" * 70_000 + "-->"
    body = '<row r="1"><c r="A1"><v>1</v></c></row><row r="9"><c r="XFD9"><v>2</v></c></row>'
    path = rebuild(valid(tmp_path), {SHEET: sheet_xml(body, before=padding + LOL)})
    assert refusal(path).startswith("apps.xlsx, sheet applications: reaches column XFD (16,384 columns), beyond "
                                    "the 200 columns budgetopt reads;")


def test_xml_that_is_not_utf8(tmp_path: Path) -> None:
    data = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>').decode().replace("UTF-8", "UTF-16")
    path = rebuild(valid(tmp_path), {SHEET: data.encode("utf-16")})
    assert refusal(path) == f"apps.xlsx: its part {SHEET} is not UTF-8 text as Excel writes it; {AGAIN}"


def test_the_xml_defence_is_in_place() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
    assert_xml_defended()


def test_an_undefended_openpyxl_is_noticed(monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl.xml

    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(XmlDefenceError, match="openpyxl was loaded without defusedxml"):
        assert_xml_defended()


def test_switching_off_openpyxl_defence_is_noticed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENPYXL_DEFUSEDXML", "False")
    with pytest.raises(XmlDefenceError, match="OPENPYXL_DEFUSEDXML"):
        assert_xml_defended()


def test_reading_checks_the_defence_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl.xml", type(sys)("openpyxl.xml"))
    with pytest.raises(XmlDefenceError):
        read_sheet(valid(tmp_path))


# ---------------------------------------------------------------- refused: damaged packages


def test_a_sheet_whose_part_is_missing(tmp_path: Path) -> None:
    path = rebuild(valid(tmp_path), {SHEET: None})
    assert refusal(path) == ("apps.xlsx: cannot be read as an .xlsx workbook (the part holding sheet applications "
                             "is missing); open it in Excel and save it again as .xlsx")


def test_a_zip_without_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "apps.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert refusal(path) == ("apps.xlsx: cannot be read as an .xlsx workbook (it holds no workbook part); save it "
                             "from Excel as Excel Workbook (.xlsx)")


def test_a_workbook_cut_short_is_said_in_chinese_too(tmp_path: Path) -> None:
    path = tmp_path / "apps.xlsx"
    path.write_bytes(valid(tmp_path).read_bytes()[:3000])  # a download or a copy that did not finish
    with pytest.raises(ExcelFileError) as caught:
        read_sheet(path)
    assert caught.value.text("en") == "apps.xlsx: cannot be read as an .xlsx workbook (File is not a zip file)"
    assert caught.value.text("zh") == "apps.xlsx：无法作为 .xlsx 工作簿读取（不是 zip 压缩包，文件不完整或已损坏）"


def test_a_damaged_sheet_xml(tmp_path: Path) -> None:
    path = rebuild(valid(tmp_path), {SHEET: sheet_xml('<row r="1"><c r="A1"><f>1+1</f><v>2</v></row>')})
    assert refusal(path).startswith("apps.xlsx: cannot be read as an .xlsx workbook (damaged XML: ")


def test_a_damaged_sheet_xml_that_needs_parsing(tmp_path: Path) -> None:
    xml = sheet_xml('<row r="1"><c t="n" r="A1"><f>1+1</f><v>2</v></row>')  # not as Excel writes it: parsed
    assert refusal(rebuild(valid(tmp_path), {SHEET: xml})).startswith(
        "apps.xlsx, sheet applications: the sheet's XML is damaged (mismatched tag")


def test_flipped_bytes_are_a_clean_refusal(tmp_path: Path) -> None:
    path = valid(tmp_path)
    data = bytearray(path.read_bytes())
    start = data.find(SHEET.encode()) + len(SHEET) + 10  # inside the sheet's compressed data
    data[start:start + 40] = bytes(b ^ 0x5A for b in data[start:start + 40])
    path.write_bytes(bytes(data))
    assert refusal(path).startswith("apps.xlsx: cannot be read as an .xlsx workbook (")


def test_two_parts_of_one_name(tmp_path: Path) -> None:
    path = valid(tmp_path)
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(path, "a") as archive:
        archive.writestr(SHEET, sheet_xml('<row r="1"><c r="XFD1"><v>1</v></c></row>'))
    assert refusal(path) == (f"apps.xlsx: holds two parts named {SHEET}, which Excel never writes; {AGAIN}")


def test_two_sheets_of_one_name(tmp_path: Path) -> None:
    path = valid(tmp_path)
    book = zipfile.ZipFile(path).read("xl/workbook.xml")
    start = book.index(b"<sheet ")
    entry = book[start:book.index(b"/>", start) + 2]
    assert refusal(rebuild(path, {"xl/workbook.xml": book.replace(entry, entry + entry.replace(b'"1"', b'"2"'))})) \
        == f"apps.xlsx: has two sheets named applications, which Excel does not allow; {AGAIN}"


def test_the_command_line_exits_with_2_in_the_runs_language(tmp_path: Path) -> None:
    path = rebuild(valid(tmp_path), add={"xl/vbaProject.bin": b"\xcc" * 100})
    result = CliRunner().invoke(cli, ["validate", str(path), "--lang", "en"])
    assert (result.exit_code, result.output) == (2, MACROS + "\n")
    result = CliRunner().invoke(cli, ["validate", str(path)])  # Chinese by default
    assert (result.exit_code, result.output) == (2, "apps.xlsx：含有宏（VBA 或 Excel 4.0 宏表），budgetopt 不打开"
                                                    "含宏的文件；请另存为不含宏的 .xlsx（Excel 工作簿）\n")


# ---------------------------------------------------------------- read, with a warning naming the place


def warnings_of(policy: Policy, path: Path) -> list[str]:
    return [str(w) for w in read_workbook(path, policy).warnings]


def openpyxl_book(tmp_path: Path, change: Callable[[openpyxl.Workbook], None], rows: int = 14) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "applications"
    sheet.append(EN_HEADERS)
    for i in range(rows):
        values = row(application_id=f"A-{i:03d}", credit_code=code(i))
        sheet.append([values[h] for h in EN_HEADERS])
    change(book)
    path = tmp_path / "apps.xlsx"
    book.save(path)
    return path


def test_hidden_sheets_are_named(policy: Policy, tmp_path: Path) -> None:
    def hide(book: openpyxl.Workbook) -> None:
        book.create_sheet("说明").sheet_state = "hidden"
        book.create_sheet("数据源").sheet_state = "veryHidden"

    assert warnings_of(policy, openpyxl_book(tmp_path, hide)) == [
        "apps.xlsx: warning: hidden sheets 说明, 数据源 are not read; the applications are read from sheet "
        "applications only"]


def test_a_hidden_application_sheet(policy: Policy, tmp_path: Path) -> None:
    def hide(book: openpyxl.Workbook) -> None:
        book.create_sheet("封面", 0)
        book["applications"].sheet_state = "hidden"

    assert warnings_of(policy, openpyxl_book(tmp_path, hide)) == [
        "apps.xlsx: warning: sheet applications is hidden; it is read as the application sheet"]


def test_hidden_rows_are_listed_compactly(policy: Policy, tmp_path: Path) -> None:
    def hide(book: openpyxl.Workbook) -> None:
        for number in (5, 9, 10, 11, 12, 40):  # row 40 is empty: not worth a word
            book.active.row_dimensions[number].hidden = True

    assert warnings_of(policy, openpyxl_book(tmp_path, hide)) == [
        "apps.xlsx, sheet applications: warning: rows 5, 9–12 are hidden; they are read like any other row"]


def test_one_hidden_row(policy: Policy, tmp_path: Path) -> None:
    def hide(book: openpyxl.Workbook) -> None:
        book.active.row_dimensions[3].hidden = True

    assert warnings_of(policy, openpyxl_book(tmp_path, hide)) == [
        "apps.xlsx, sheet applications: warning: row 3 is hidden; it is read like any other row"]


def test_many_hidden_rows_are_counted(policy: Policy, tmp_path: Path) -> None:
    def hide(book: openpyxl.Workbook) -> None:
        for number in range(2, 40, 2):
            book.active.row_dimensions[number].hidden = True

    assert warnings_of(policy, openpyxl_book(tmp_path, hide, rows=40)) == [
        "apps.xlsx, sheet applications: warning: rows 2, 4, 6, 8, 10, 12, 14, 16, 18, 20 and 9 more are hidden; "
        "they are read like any other row"]


def test_hidden_columns(policy: Policy, tmp_path: Path) -> None:
    def hide(book: openpyxl.Workbook) -> None:
        book.active.column_dimensions["C"].hidden = True
        book.active.column_dimensions.group("F", "H", hidden=True)
        book.active.column_dimensions["Z"].hidden = True  # beyond the data: not worth a word

    assert warnings_of(policy, openpyxl_book(tmp_path, hide)) == [
        "apps.xlsx, sheet applications: warning: columns C, F–H are hidden; they are read like any other column"]


def test_merged_cells(policy: Policy, tmp_path: Path) -> None:
    def merge(book: openpyxl.Workbook) -> None:
        book.active.merge_cells("Q3:Q5")
        book.active.merge_cells("Q1:R1")

    assert warnings_of(policy, openpyxl_book(tmp_path, merge)) == [
        "apps.xlsx, sheet applications: warning: merged cells Q1:R1, Q3:Q5: a merged range's value is in its "
        "top-left cell only; its other cells are read as empty"]


def test_a_filter(policy: Policy, tmp_path: Path) -> None:
    def filter_rows(book: openpyxl.Workbook) -> None:
        book.active.auto_filter.ref = "A1:O15"
        book.active.auto_filter.add_filter_column(4, ["7b"])

    assert warnings_of(policy, openpyxl_book(tmp_path, filter_rows)) == [
        "apps.xlsx, sheet applications: warning: a filter is set on A1:O15; all rows are read, filtered or not"]


def test_formula_cells_are_listed_compactly(policy: Policy, tmp_path: Path) -> None:
    path = tmp_path / "apps.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("applications")
    sheet.write_row(0, 0, EN_HEADERS)
    for i in range(4):
        values = row(application_id=f"A-{i:03d}", credit_code=code(i), submitted_on="2026-03-15")
        sheet.write_row(i + 1, 0, [values[h] for h in EN_HEADERS])
        sheet.write_formula(i + 1, EN_HEADERS.index("investment"), "=2000*20000", None, 40_000_000)
    sheet.write_formula(2, EN_HEADERS.index("score"), "=80+5", None, 85)
    book.close()
    assert warnings_of(policy, path) == [
        "apps.xlsx, sheet applications: warning: 5 formula cell(s) read by the value Excel saved with them "
        "(H2:H5, J3)"]


# ---------------------------------------------------------------- formula and error cells, found without a parse


def test_formula_and_error_cells_by_byte_search_match_a_full_parse() -> None:
    from optimizer.reading.sheet_xml import Formula, _formula_cells, _formulas_and_errors

    body = ('<row r="2"><c r="A2"><f>2000*20000</f><v>40000000</v></c><c r="B2" t="str"><f>IF(A2&gt;0,"","x")</f>'
            '<v></v></c><c r="C2"><f>A2+1</f><v/></c><c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
            '<c r="E2" t="e"><v>#N/A</v></c><c r="F2"><f t="shared" si="0"/><v>3</v></c>'
            '<c r="G2" s="1"><f t="array" ref="G2:G3">SUM(A2:B2&amp;"元")</f><v>7</v></c>'
            '<c r="H2" t="inlineStr"><is><t>f&lt;f&gt; t="e"</t></is></c><c r="I2" t="e"/></row>')
    data = sheet_xml(body)
    found = _formula_cells(data)
    assert found == _formulas_and_errors(data, "x")
    assert found == ({
        (2, 1): Formula("2000*20000", True), (2, 2): Formula('IF(A2>0,"","x")', True),
        (2, 3): Formula("A2+1", False), (2, 4): Formula("1/0", True), (2, 6): Formula("(shared formula)", True),
        (2, 7): Formula('SUM(A2:B2&"元")', True),
    }, {(2, 4): "#DIV/0!", (2, 5): "#N/A", (2, 9): "#ERROR"})


def test_an_unusual_sheet_is_parsed_instead() -> None:
    from optimizer.reading.sheet_xml import _formula_cells

    assert _formula_cells(sheet_xml('<row r="2"><c t="n" r="A2"><f>1+1</f><v>2</v></c></row>')) is None
    assert _formula_cells(sheet_xml('<!-- a --><row r="2"><c r="A2"><f>1+1</f><v>2</v></c></row>')) is None


def test_a_row_of_formulas_never_calculated_is_reported_not_skipped(policy: Policy, tmp_path: Path) -> None:
    values = row()
    path = write_cells(tmp_path / "apps.xlsx", [EN_HEADERS, [values[h] for h in EN_HEADERS], ["=A2"]])
    book = read_workbook(path, policy, skip_invalid=True)
    assert [r.row for r in book.invalid] == [3]
    assert str(book.invalid[0].problems[0]) == ("apps.xlsx, sheet applications, row 3, column application_id: "
                                                "formula =A2 has no saved value (open the file in Excel and save it)")


def test_a_row_of_error_values_is_reported_not_skipped(policy: Policy, tmp_path: Path) -> None:
    body = "".join(f'<c r="{letter}3" t="e"><v>#N/A</v></c>' for letter in "AB")
    original = zipfile.ZipFile(valid(tmp_path, rows=1)).read(SHEET)
    path = rebuild(tmp_path / "apps.xlsx", {SHEET: original.replace(b"</sheetData>", f'<row r="3">{body}</row>'
                                                                     .encode() + b"</sheetData>")})
    book = read_workbook(path, policy, skip_invalid=True)
    assert [r.row for r in book.invalid] == [3]
    assert str(book.invalid[0].problems[0]) == ("apps.xlsx, sheet applications, row 3, column application_id: "
                                                "holds the Excel error #N/A")


def with_date_cell(tmp_path: Path, text: str) -> Path:
    """The valid workbook with row 3's submitted_on (a cell formatted as a date) stored as `text`."""
    original = zipfile.ZipFile(valid(tmp_path)).read(SHEET)
    edited = re.sub(rb'(<c r="K3"[^>]*>)<v>[^<]*</v>', rb"\g<1><v>" + text.encode() + b"</v>", original)
    assert edited != original
    return rebuild(tmp_path / "apps.xlsx", {SHEET: edited})


@pytest.mark.parametrize("text", ["-inf", "NaN", "nan", "-1e300", "-200000000000000", "-Infinity", "-200000000000",
                                  "-106751991169", "-1", "-0.5", "-0", "-3000000"])
def test_a_number_no_date_can_be_is_named_by_its_cell(policy: Policy, tmp_path: Path, text: str,
                                                      capfd: pytest.CaptureFixture[str]) -> None:
    """calamine 0.9, in a cell formatted as a date, reads NaN as 1899-12-30, a negative number as a time of day
    (−1 as 00:00:00) and panics below about −1.07e11 (refusing the whole file, Rust's panic printed on the
    standard error)."""
    path = with_date_cell(tmp_path, text)
    assert read_sheet(path).rows[2][10] == text
    book = read_workbook(path, policy, skip_invalid=True)
    assert [r.row for r in book.invalid] == [3] and len(book.valid) == 2
    assert str(book.invalid[0].problems[0]) == (
        f"apps.xlsx, sheet applications, row 3, column submitted_on: {text!r} is not a date (write "
        "2026-03-15, 2026/3/15 or 2026年3月15日, or use an Excel date)")
    assert "panicked" not in capfd.readouterr().err


def test_a_sheet_written_with_a_namespace_prefix_is_searched_too(tmp_path: Path) -> None:
    original = zipfile.ZipFile(with_date_cell(tmp_path, "-inf")).read(SHEET)
    prefixed = re.sub(rb"<(/?)(?!x:)([A-Za-z]+)([ >/])", rb"<\1x:\2\3",
                      original.replace(b'<worksheet xmlns="', b'<x:worksheet xmlns:x="'))
    assert b'<x:c r="K3"' in prefixed and b"<x:v>-inf</x:v>" in prefixed
    assert read_sheet(rebuild(tmp_path / "apps.xlsx", {SHEET: prefixed})).rows[2][10] == "-inf"


def test_a_long_unclosed_value_is_searched_at_once() -> None:
    """The search for numbers too large for a duration once matched `[^<]*[eE][^<]*`: quadratic in a value of
    e's never closed (20,000 of them: 2.5 s; a sheet's worth: hours)."""
    from optimizer.reading.sheet_xml import as_calamine_reads

    data = b'<worksheet><sheetData><row r="1"><c r="A1"><v>1' + b"e" * 1_000_000 + b"</c></row></sheetData></worksheet>"
    with never_hangs():
        assert as_calamine_reads(data, durations=True) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_or_a_device_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    """A named pipe called apps.xlsx blocked the run for good when it was opened; /dev/zero never ends."""
    os.mkfifo(tmp_path / "apps.xlsx")
    for path in (tmp_path / "apps.xlsx", Path("/dev/zero")):
        with never_hangs(), pytest.raises(ExcelFileError) as caught:
            read_sheet(path)
        assert str(caught.value.problems[0]) == (f"{path.name}: is not a regular file (a pipe, a device or another "
                                                 "special one)")
    with pytest.raises(ExcelFileError) as folder:  # a folder is still called one
        read_sheet(tmp_path)
    assert str(folder.value.problems[0]) == f"{tmp_path.name}: cannot be opened (Is a directory)"
    os.mkfifo(tmp_path / "allocation.csv")  # the allocation an audit reads
    with never_hangs(), pytest.raises(AllocationFileError) as refused:
        read_allocation(tmp_path / "allocation.csv")
    assert str(refused.value.problems[0]) == ("allocation.csv: is not a regular file (a pipe, a device or another "
                                              "special one)")


def test_text_longer_than_an_excel_cell_holds_is_a_problem_at_its_cell(policy: Policy, tmp_path: Path) -> None:
    """Excel holds 32,767 characters in a cell (openpyxl cuts longer text when it writes): a hand-made sheet can
    hold more, which allocation.xlsx would then cut short."""
    original = zipfile.ZipFile(valid(tmp_path)).read(SHEET)
    name = "重庆" + "长" * 32_761 + "有限公司"
    too_long = "is 32,768 characters long, more than an Excel cell holds (32,767)"
    for text, problem in ((name, None), (name + "!", too_long)):
        cell = f'<c r="B3" t="inlineStr"><is><t>{text}</t></is></c>'.encode()
        edited = re.sub(rb'<c r="B3"[^>]*>.*?</c>', lambda _: cell, original, count=1)  # noqa: B023
        book = read_workbook(rebuild(tmp_path / "apps.xlsx", {SHEET: edited}), policy, skip_invalid=True)
        if problem is None:
            assert not book.invalid and len(next(a for a in book.valid if a.row == 3).applicant) == 32_767
        else:
            assert str(book.invalid[0].problems[0]) == (
                f"apps.xlsx, sheet applications, row 3, column applicant: {problem}")


N5000 = "9" * 5000  # digits: past the 4,300 Python's int() converts


@pytest.mark.parametrize(("edit", "read"), [
    (lambda x: x.replace(b'<row r="3"', f'<row r="{N5000}" hidden="1"'.encode(), 1), True),
    (lambda x: x.replace(b"<sheetData>", f'<cols><col min="{N5000}" max="{N5000}" hidden="1"/></cols><sheetData>'
                         .encode(), 1), True),
    (lambda x: x.replace(b"<sheetData>", '<cols><col min="1" max="²" hidden="1"/></cols><sheetData>'.encode(), 1),
     True),  # a digit to str.isdigit(), not to int()
    (lambda x: x.replace(b'<row r="3"', '<row r="²" hidden="1"'.encode(), 1), False),  # calamine refuses this one
], ids=["hidden row", "hidden columns", "hidden columns ²", "hidden row ²"])
def test_a_row_or_column_number_python_cannot_convert_is_no_crash(policy: Policy, tmp_path: Path,
                                                                 edit: Callable[[bytes], bytes], read: bool) -> None:
    """Hidden rows and columns beyond any sheet, or numbered with a digit int() refuses, were a ValueError."""
    original = zipfile.ZipFile(valid(tmp_path)).read(SHEET)
    assert edit(original) != original
    path = rebuild(tmp_path / "apps.xlsx", {SHEET: edit(original)})
    if read:
        assert len(read_workbook(path, policy).valid) == 3
    else:
        with pytest.raises(ExcelFileError, match=r"cannot be read as an \.xlsx workbook"):
            read_workbook(path, policy)


def test_a_cell_numbered_beyond_any_sheet_is_refused_as_beyond_the_limit(tmp_path: Path) -> None:
    original = zipfile.ZipFile(valid(tmp_path)).read(SHEET)
    path = rebuild(tmp_path / "apps.xlsx", {SHEET: original.replace(b'<c r="B3"', f'<c r="B{N5000}"'.encode(), 1)})
    with pytest.raises(ExcelFileError) as caught:
        read_sheet(path)
    assert str(caught.value.problems[0]).startswith(
        "apps.xlsx, sheet applications: reaches row 1,000,000,000,000,000,000, beyond the 1,100,000 rows")


def with_formatted_investment(tmp_path: Path, value: float, number_format: str) -> Path:
    """The valid workbook with row 3's investment `value` in a cell formatted `number_format`."""
    path = valid(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    column = [c.value for c in sheet[1]].index("investment") + 1
    sheet.cell(row=3, column=column, value=value).number_format = number_format
    book.save(path)
    return path


@pytest.mark.parametrize(("number_format", "value", "problem"), [
    ("[h]:mm:ss", 2e9, None), ("[mm]:ss", 123456789012.5, None), ("[h]:mm", 1e9, None),
    ("[h]:mm:ss", 5e6, "120000000:00:00 is not a number"),
    ("[h]:mm", 999_999_999.5, "23999999988:00:00 is not a number"),
    ("[h]:mm:ss", -5, "must not be negative, found -5"), ("[s]", -2e11, "must not be negative, found -200000000000"),
    ("[h]:mm:ss", 1e300, "1e+300 is too large to be an amount (at most 1,000,000,000,000,000 yuan)"),
])
def test_a_number_in_a_cell_formatted_as_a_duration_is_read_at_its_cell(
        policy: Policy, tmp_path: Path, number_format: str, value: float, problem: str | None,
        capfd: pytest.CaptureFixture[str]) -> None:
    """python-calamine makes a duration cell a Python timedelta, which holds fewer than a billion days: an amount
    of 10亿 yuan in a cell a template formatted `[h]:mm` refused the whole file with an OverflowError (and so did
    −1 once negative numbers were stored as infinity for calamine)."""
    book = read_workbook(with_formatted_investment(tmp_path, value, number_format), policy, skip_invalid=True)
    if problem is None:
        assert not book.invalid and len(book.valid) == 3
        assert next(a for a in book.valid if a.row == 3).investment == Decimal(repr(value))
    else:
        assert [r.row for r in book.invalid] == [3] and len(book.valid) == 2
        assert str(book.invalid[0].problems[0]) == f"apps.xlsx, sheet applications, row 3, column investment: {problem}"
    assert "panicked" not in capfd.readouterr().err


def with_directory_name_changed(path: Path, member: str) -> Path:
    """The workbook with the last letter of `member`'s name changed in the zip's central directory only (not in its
    own header): `.xml` becomes `.xmm` (`.rels`, `.relr`), no XML part to the package's checks."""
    data = bytearray(path.read_bytes())
    at = data.rfind(member.encode())  # the directory follows the parts
    assert at > 0
    data[at + len(member) - 1] ^= 0x01
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("rows", [3, 6000])  # 6,000: a sheet copied in two halves for calamine (split_parse)
def test_a_part_the_reader_cannot_copy_is_left_out_of_the_copy(tmp_path: Path, rows: int) -> None:
    """A sheet read from a copy of the workbook (to hide odd numbers from calamine; or in two halves, for speed)
    copies every part: one whose name in the zip's directory differs from its header was an unexpected error.
    It is left out, as calamine reading the file itself would not find it: a part no one needs is no matter, and
    a part calamine needs refuses the file, as it would have."""
    path = with_date_cell(tmp_path, "-1") if rows == 3 else valid(tmp_path, rows=rows)
    expected = read_sheet(path).rows
    assert read_sheet(with_directory_name_changed(path, "xl/theme/theme1.xml")).rows == expected
    with pytest.raises(ExcelFileError) as caught:
        read_sheet(with_directory_name_changed(path, "_rels/.rels"))
    assert str(caught.value.problems[0]) in (  # calamine's words, from the file or a copy in memory
        "apps.xlsx: cannot be read as an .xlsx workbook (Cannot detect file format)",
        "apps.xlsx: cannot be read as an .xlsx workbook (File not found '_rels/.rels')")


@pytest.mark.parametrize("text", ["1e300", "3", "0", "2958466", "abc", "#N/A"])
def test_numbers_calamine_reads_are_left_as_they_are(tmp_path: Path, text: str) -> None:
    from optimizer.reading.sheet_xml import as_calamine_reads

    assert as_calamine_reads(zipfile.ZipFile(with_date_cell(tmp_path, text)).read(SHEET)) is None
    assert as_calamine_reads(zipfile.ZipFile(valid(tmp_path, rows=20)).read(SHEET)) is None


def test_an_odd_number_in_a_formulas_text_result_stays_text(tmp_path: Path) -> None:
    body = ('<row r="1"><c r="A1" t="str"><f>"na"&amp;"n"</f><v>nan</v></c><c r="B1"><v>-inf</v></c>'
            '<c r="C1"><v> -1E+15 </v></c><c r="D1"><v>7</v></c></row>')
    assert read_sheet(rebuild(valid(tmp_path), {SHEET: sheet_xml(body)})).rows[0] == ["nan", "-inf", " -1E+15 ", 7]


def test_unbalanced_quotes_in_a_cell_tag_do_not_hang_the_reader(tmp_path: Path) -> None:
    xml = zipfile.ZipFile(valid(tmp_path, rows=8)).read(SHEET).replace(b'<c r="', b"<c ", 1)  # <c A1" t="...
    assert refusal(rebuild(tmp_path / "apps.xlsx", {SHEET: xml})).startswith(
        "apps.xlsx: cannot be read as an .xlsx workbook (damaged XML: ")


def test_a_long_run_of_zeros_in_a_reference_does_not_hang_the_reader(tmp_path: Path) -> None:
    body = '<row r="1"><c r="A' + "0" * 200_000 + 'x"><v>1</v></c></row>'
    assert refusal(rebuild(valid(tmp_path), {SHEET: sheet_xml(body)})).startswith(
        "apps.xlsx: cannot be read as an .xlsx workbook (")


# ---------------------------------------------------------------- a large sheet parsed in two halves

FILLER = '<c t="inlineStr"><is><t>' + "x" * 100 + "</t></is></c>"  # makes the sheet large beside the other parts


def parses(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every source calamine is asked to parse, recorded; and every sheet treated as large."""
    from optimizer.reading import sheet as excel

    sources: list[object] = []
    values = excel._values

    def recorded(source: object, *args: object) -> object:
        sources.append(source)
        return values(source, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(excel, "_values", recorded)
    monkeypatch.setattr(split_parse, "SPLIT_PARSE_BYTES", 0)
    return sources


def test_a_sheet_parsed_in_two_halves_reads_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    grid: list[list[object]] = [["id", "amount", "when", "note"]]
    grid += [[f"A-{i}", i * 1.5, date(2026, 3, 1 + i % 28), None if i % 3 else "x"] for i in range(600)]
    grid[500] += [None] * 10 + ["far right"]  # the second half is wider: the first half's rows are padded
    path = write_cells(tmp_path / "apps.xlsx", grid)
    whole = read_sheet(path)
    sources = parses(monkeypatch)
    assert read_sheet(path) == whole
    assert len(sources) == 2 and all(isinstance(s, io.BytesIO) for s in sources)  # two halves, nothing more
    monkeypatch.setattr(split_parse, "SPLIT_PARSE_UP_TO", 1000)  # a sheet too large to copy is parsed whole
    assert read_sheet(path) == whole and len(sources) == 3 and isinstance(sources[-1], Path)


def test_halves_that_overlap_are_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows out of order: the halves' cells overlap, so the file is parsed whole."""
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>row {r}</t></is></c>{FILLER}</row>'
                   for r in range(1000, 0, -1))
    path = rebuild(valid(tmp_path), {SHEET: sheet_xml(rows)})
    whole = read_sheet(path)
    sources = parses(monkeypatch)
    assert read_sheet(path) == whole and [r[0] for r in whole.rows] == [f"row {r}" for r in range(1, 1001)]
    assert [type(s).__name__ for s in sources] == ["BytesIO", "BytesIO", "PosixPath"]


def test_a_sheet_is_cut_only_before_a_numbered_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "".join(f'<row ht="15"><c t="inlineStr"><is><t>row {r}</t></is></c>{FILLER}</row>'
                   for r in range(1, 1001))
    path = rebuild(valid(tmp_path), {SHEET: sheet_xml(rows)})
    sources = parses(monkeypatch)
    assert [r[0] for r in read_sheet(path).rows] == [f"row {r}" for r in range(1, 1001)]
    assert [type(s).__name__ for s in sources] == ["PosixPath"]


def test_a_half_that_cannot_be_read_leaves_the_file_to_one_parse(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever goes wrong with a copy, the file itself decides: read whole, or refused as it would have been."""
    from optimizer.reading import sheet as excel

    grid: list[list[object]] = [["id", "note"]] + [[f"A-{i}", "x" * 60] for i in range(600)]
    path = write_cells(tmp_path / "apps.xlsx", grid)
    whole = read_sheet(path)
    values = excel._values

    def failing_copies(source: object, *args: object) -> object:
        if isinstance(source, io.BytesIO):
            raise ExcelFileError.one("apps.xlsx", "cannot be read as an .xlsx workbook (damaged zip)")
        return values(source, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(excel, "_values", failing_copies)
    monkeypatch.setattr(split_parse, "SPLIT_PARSE_BYTES", 0)
    assert read_sheet(path) == whole


def test_an_xlsx_saved_under_an_xls_name_is_read_as_what_it_is(tmp_path: Path, policy: Policy) -> None:
    path = tmp_path / "apps.xls"
    path.write_bytes(valid(tmp_path).read_bytes())  # a zip inside: the checks see an .xlsx, so calamine must too
    assert len(read_workbook(path, policy).valid) == 3
