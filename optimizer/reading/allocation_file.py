"""Reading an allocation back (for `budgetopt audit`): our allocation.csv, or one made by hand in Excel.

Accepted: a CSV (UTF-8 with or without BOM, or GBK as Excel saves it on Chinese Windows) or an .xlsx whose first
sheet holds the table, with the column headers of allocation.csv (`application_id, applicant, credit_code, district,
clause, score, entitlement, allocated, status, reason`) in any order — or the labels allocation.xlsx writes
(申报编号, 分配额（元）…, Application ID, Allocated (yuan)…). Only application_id, allocated and status are required;
other columns are kept as text and unknown ones ignored. The leading `'` that allocation.csv puts before text that
starts like a formula is taken off again. Every problem is collected with its row and column, then raised once.

An application_id given twice is not refused here: a workbook read with --skip-invalid may repeat an id itself (the
repeat is an INVALID row), so it is the audit, which knows the workbook, that matches rows one to one and reports a
row given twice (`duplicate_row`).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from optimizer.domain import AllocationRow, Problem, Status
from optimizer.errors import InputError
from optimizer.money import AmountError, decimal_from_float, format_decimal, normalize_text, parse_number
from optimizer.reading import fields as cells
from optimizer.reading.records import records_sheet
from optimizer.reading.sheet import CellValue, ExcelFileError, read_sheet
from optimizer.words import LABELS, STATUS_LABELS

FIELDS = ("application_id", "applicant", "credit_code", "district", "clause", "score", "entitlement", "allocated",
          "status", "reason")
REQUIRED = ("application_id", "allocated", "status")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_BOM = b"\xef\xbb\xbf"
_T = TypeVar("_T")


class AllocationFileError(InputError):
    """The allocation file cannot be audited as it is; `problems` says everything that is wrong with it."""


@dataclass(frozen=True)
class _Table:
    """Cells of the file's table: `rows[0]` is the header row (row 1)."""

    file: str
    sheet: str | None
    rows: Sequence[Sequence[CellValue]]
    broken: Mapping[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → what is wrong there


def read_allocation(source: Path | str | Any) -> tuple[AllocationRow, ...]:
    """Every row of an allocation: a file (.csv or .xlsx) or a pandas DataFrame with the same columns; raise
    AllocationFileError listing all problems."""
    if not isinstance(source, (str, Path)):
        sheet = records_sheet(source)
        return _parse_table(_Table(sheet.file, None, sheet.rows))
    path = Path(source)
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise AllocationFileError([Problem(path.name, f"cannot be opened ({exc.strerror or exc})")]) from exc
    if head.startswith(b"PK") or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _parse_table(_xlsx_table(path))
    return parse_allocation_csv(path.read_bytes(), path.name)


def parse_allocation_csv(data: bytes, file: str) -> tuple[AllocationRow, ...]:
    """The rows of an allocation CSV given as bytes (`file` names it in messages)."""
    text = _decode(data, file)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise AllocationFileError([Problem(file, f"is not a readable CSV file ({exc})")]) from None
    return _parse_table(_Table(file, None, rows))


def uninert(text: str) -> str:
    """Undo allocation_csv.inert(): `'=SUM(A1)` → `=SUM(A1)`; any other text is left as it is."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


def _parse_table(table: _Table) -> tuple[AllocationRow, ...]:
    if not table.rows:
        raise AllocationFileError([Problem(table.file, "is empty: row 1 must hold the column headers",
                                           table.sheet)])
    columns, problems = _columns(table)
    rows: list[AllocationRow] = []
    for number in range(2, len(table.rows) + 1):
        raw = table.rows[number - 1]
        if all(cells.is_empty(v) for v in raw):
            continue
        row, row_problems = _row(table, columns, number)
        problems += row_problems
        if row is not None:
            rows.append(row)
    if problems:
        raise AllocationFileError(problems)
    return tuple(rows)


def _decode(data: bytes, file: str) -> str:
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AllocationFileError([Problem(file, "is neither UTF-8 nor GBK text (save it from Excel as "
                                             "CSV UTF-8, comma delimited)")])


def _xlsx_table(path: Path) -> _Table:
    try:
        sheet = read_sheet(path, preferred=())
    except ExcelFileError as exc:
        raise AllocationFileError(exc.problems, hint=exc.hint) from None
    broken = {where: f"holds the Excel error {error}" for where, error in sheet.errors.items()}
    for where, formula in sheet.formulas.items():
        if not formula.has_value:
            broken[where] = f"formula ={formula.text} has no saved value (open the file in Excel and save it)"
    return _Table(sheet.file, sheet.name, sheet.rows, broken)


def _header_name(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "_-")


_HEADERS: dict[str, str] = {
    _header_name(name): f for f in FIELDS for name in (f, *(LABELS.get(f, ())))
}


def _columns(table: _Table) -> tuple[dict[str, tuple[int, str]], list[Problem]]:
    """Where each known field is: its 0-based column index and the header as written."""
    columns: dict[str, tuple[int, str]] = {}
    problems: list[Problem] = []
    for index, value in enumerate(table.rows[0]):
        written = uninert(cells.display(value)).strip()
        known = _HEADERS.get(_header_name(written))
        if known is None:
            continue
        if known in columns:
            problems.append(Problem(table.file, f"repeats the column '{columns[known][1]}' ({known}); keep one",
                                    table.sheet, 1, written))
            continue
        columns[known] = (index, written)
    for name in REQUIRED:
        if name not in columns:
            problems.append(Problem(table.file, f"required column {name} is missing (an allocation needs the columns "
                                                f"{', '.join(REQUIRED)})", table.sheet, 1))
    return columns, problems


def _row(table: _Table, columns: Mapping[str, tuple[int, str]], number: int) -> tuple[AllocationRow | None,
                                                                                     list[Problem]]:
    raw = table.rows[number - 1]
    problems: list[Problem] = []

    def read(name: str, reader: Callable[[CellValue], _T], default: _T) -> _T:
        if name not in columns:
            return default
        index, header = columns[name]
        broken = table.broken.get((number, index + 1))
        try:
            if broken is not None:
                raise cells.CellError(broken)
            return reader(raw[index] if index < len(raw) else None)
        except cells.CellError as exc:
            problems.append(Problem(table.file, str(exc), table.sheet, number, header))
            return default

    row = AllocationRow(
        row=number, application_id=read("application_id", _text, ""), allocated=read("allocated", _amount, None),
        status=read("status", _status, Status.INVALID), entitlement=read("entitlement", _amount, None),
        applicant=read("applicant", _text, ""), credit_code=read("credit_code", _text, ""),
        district=read("district", _text, ""), clause=read("clause", _text, ""), score=read("score", _text, ""),
        reason=read("reason", _text, ""),
    )
    return (None if problems else row), problems


def _text(value: CellValue) -> str:
    return uninert(cells.display(value) if not isinstance(value, str) else value).strip()


def _amount(value: CellValue) -> int | None:
    """Whole yuan, at least 0: `1500000`, `1,500,000`, `1500000.00`; an empty cell is None."""
    if cells.is_empty(value):
        return None
    if isinstance(value, bool):
        raise cells.CellError(f"{cells.display(value)} is not an amount")
    try:
        if isinstance(value, int):
            amount = Decimal(value)
        elif isinstance(value, float):
            amount = decimal_from_float(value)
        elif isinstance(value, str):
            amount = parse_number(uninert(value))
        else:
            raise cells.CellError(f"{cells.display(value)} is not an amount")
    except AmountError as exc:
        raise cells.CellError(str(exc)) from None
    if amount < 0:
        raise cells.CellError(f"must not be negative, found {format_decimal(amount)}")
    if amount != amount.to_integral_value():
        raise cells.CellError(f"{format_decimal(amount)} is not a whole number of yuan")
    return int(amount)


_STATUS_NAMES: dict[str, Status] = {
    name.casefold(): status for status in Status
    for name in (status.value, *STATUS_LABELS[status])
}


def _status(value: CellValue) -> Status:
    word = normalize_text(_text(value)).casefold()
    if not word:
        raise cells.CellError(f"is empty; a status is required (one of {', '.join(s.value for s in Status)})")
    if word not in _STATUS_NAMES:
        raise cells.CellError(f"'{_text(value)}' is not a status (one of {', '.join(s.value for s in Status)})")
    return _STATUS_NAMES[word]
