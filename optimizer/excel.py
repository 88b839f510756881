"""Reading an .xlsx file: the cells of one sheet, as Excel saved them, and what calamine cannot tell us.

Cell values come from python-calamine (fast, and formula cells arrive as the value Excel saved with them). The
sheet's XML is looked at only for what values alone cannot show: which cells hold formulas (and whether Excel
saved a value for them) and which hold error values such as #DIV/0!. Every XML parse goes through defusedxml.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

import python_calamine
from defusedxml import ElementTree

CellValue = int | float | str | bool | date | datetime | time | timedelta | None

PREFERRED_SHEETS = ("applications", "申报项目")

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_NEEDS_SCAN = re.compile(rb"<(?:\w+:)?f[\s>/]|\st=\"e\"")
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


class ExcelFileError(Exception):
    """The file cannot be read as an .xlsx workbook; the message says why and what to do."""


@dataclass(frozen=True)
class Formula:
    text: str
    has_value: bool


@dataclass(frozen=True)
class Sheet:
    """One sheet's cells: `rows[0]` is Excel's row 1 and `rows[r][0]` its column A."""

    file: str
    name: str
    rows: Sequence[Sequence[CellValue]]
    formulas: Mapping[tuple[int, int], Formula] = field(default_factory=dict)  # (row, column), 1-based
    errors: Mapping[tuple[int, int], str] = field(default_factory=dict)


def read_sheet(path: Path, preferred: Sequence[str] = PREFERRED_SHEETS) -> Sheet:
    """The application sheet of an .xlsx file: the one named as `preferred`, else the first."""
    display = path.name
    _check_is_xlsx(path)
    try:
        with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
            names = list(book.sheet_names)
            if not names:
                raise ExcelFileError(f"{display}: the workbook has no sheets")
            name = choose_sheet(names, preferred)
            values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except ExcelFileError:
        raise
    except Exception as exc:  # calamine raises its own errors and ValueError for damaged files
        raise ExcelFileError(f"{display}: cannot be read as an .xlsx workbook ({_brief(exc)})") from exc
    formulas, errors = _scan_cells(path, name)
    rows = [[None if cell == "" else cell for cell in row] for row in values]
    return Sheet(display, name, rows, formulas, errors)


def choose_sheet(names: Sequence[str], preferred: Sequence[str] = PREFERRED_SHEETS) -> str:
    wanted = {p.casefold() for p in preferred}
    for name in names:
        if name.strip().casefold() in wanted:
            return name
    return names[0]


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_is_xlsx(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ExcelFileError(f"{path.name}: cannot be opened ({exc.strerror or exc})") from exc
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExcelFileError(
            f"{path.name}: is an old-style .xls workbook or a password-protected file; "
            "open it in Excel and save it as .xlsx (Excel Workbook) without a password"
        )
    if not head.startswith(b"PK"):
        raise ExcelFileError(f"{path.name}: is not an .xlsx workbook (save it from Excel as Excel Workbook .xlsx)")


def _scan_cells(path: Path, sheet_name: str) -> tuple[dict[tuple[int, int], Formula], dict[tuple[int, int], str]]:
    """Formula and error cells of one sheet, found in its XML (skipped cheaply when there are none)."""
    try:
        with zipfile.ZipFile(path) as archive:
            member = _sheet_member(archive, sheet_name)
            if member is None:
                return {}, {}
            data = archive.read(member)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ExcelFileError(f"{path.name}: cannot be read as an .xlsx workbook ({_brief(exc)})") from exc
    if not _NEEDS_SCAN.search(data):
        return {}, {}
    formulas: dict[tuple[int, int], Formula] = {}
    errors: dict[tuple[int, int], str] = {}
    root = ElementTree.fromstring(data)
    for cell in root.iter(f"{_MAIN_NS}c"):
        where = _position(cell.get("r", ""))
        if where is None:
            continue
        value = cell.find(f"{_MAIN_NS}v")
        formula = cell.find(f"{_MAIN_NS}f")
        if formula is not None:
            has_value = value is not None and (value.text or "") != ""
            formulas[where] = Formula(formula.text or "(shared formula)", has_value)
        if cell.get("t") == "e":
            errors[where] = value.text if value is not None and value.text else "#ERROR"
    return formulas, errors


def _sheet_member(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding the named sheet, through xl/workbook.xml and its relationships."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL_NS}Relationship")}
    for sheet in book.iter(f"{_MAIN_NS}sheet"):
        if sheet.get("name") == sheet_name:
            target = str(targets.get(sheet.get(f"{_REL_NS}id"), ""))
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


def _position(ref: str) -> tuple[int, int] | None:
    match = _CELL_REF.fullmatch(ref)
    if not match:
        return None
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


def _brief(exc: Any) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
