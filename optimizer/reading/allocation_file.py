"""Reading an allocation back (for `budgetopt audit`): our allocation.csv, or one made by hand in Excel.

Accepted: a CSV (UTF-8 with or without BOM, or GBK as Excel saves it on Chinese Windows) or an .xlsx whose first
sheet holds the table, with the column headers of allocation.csv (`application_id, applicant, credit_code, district,
clause, score, entitlement, allocated, status, reason`) in any order — or the labels allocation.xlsx writes
(申报编号, 分配额（元）…, Application ID, Allocated (yuan)…). The amounts are whole yuan, or 万元 when the header says
so (`分配额（万元）`, `核定额（万元）`, `allocated (万元)`): read exactly, and they must come to whole yuan. Only
application_id and allocated are required; other columns are kept as text and unknown ones ignored. The leading `'`
that allocation.csv puts before text that starts like a formula is taken off again. Every problem is collected with
its row and column, then raised once.

Statuses are the names (FUNDED…), the labels (全额资助, funded in full…) or the short words people write (全额, 部分,
未获, 未资助, 不符合, 重复). Where the status column is absent, or a row's cell is empty, the status is derived from the
amounts as allocation.csv defines it — allocated 0: UNFUNDED; below a stated entitlement: PARTIAL; otherwise FUNDED —
and the row says so (`status_given` False). Amounts cannot tell INELIGIBLE, DUPLICATE or INVALID apart from UNFUNDED,
nor, without an entitlement, FUNDED from PARTIAL: a derived status is never a claim of the file, so the audit judges
such a row by its amounts only.

An application_id given twice is not refused here: a workbook read with --skip-invalid may repeat an id itself (the
repeat is an INVALID row), so it is the audit, which knows the workbook, that matches rows one to one and reports a
row given twice (`duplicate_row`).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from optimizer.domain import AllocationRow, Problem, Status
from optimizer.errors import InputError
from optimizer.money import (
    WAN,
    AmountError,
    bare,
    decimal_from_float,
    format_decimal,
    normalize_text,
    parse_amount,
    parse_number,
)
from optimizer.reading import fields as cells
from optimizer.reading.records import records_sheet
from optimizer.reading.sheet import CellValue, ExcelFileError, read_sheet
from optimizer.rules.policy import special_file
from optimizer.words import LABELS, STATUS_LABELS, Phrase, os_reason

FIELDS = ("application_id", "applicant", "credit_code", "district", "clause", "score", "entitlement", "allocated",
          "status", "reason")
REQUIRED = ("application_id", "allocated")
MONEY = ("entitlement", "allocated")
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
    broken: Mapping[tuple[int, int], Phrase] = field(default_factory=dict)  # (row, column) → what is wrong there


def read_allocation(source: Path | str | Any) -> tuple[AllocationRow, ...]:
    """Every row of an allocation: a file (.csv or .xlsx) or a pandas DataFrame with the same columns; raise
    AllocationFileError listing all problems."""
    if not isinstance(source, (str, Path)):
        sheet = records_sheet(source, "alloc.not_allocation")
        return _parse_table(_Table(sheet.file, None, sheet.rows))
    path = Path(source)
    _refuse_special(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise AllocationFileError([Problem.of(path.name, "file.cannot_open", reason=os_reason(exc))]) from exc
    if head.startswith(b"PK") or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _parse_table(_xlsx_table(path))
    return parse_allocation_csv(path.read_bytes(), path.name)


def read_allocation_xlsx(path: Path) -> tuple[tuple[AllocationRow, ...], Sequence[Sequence[CellValue]]]:
    """An allocation workbook's rows, as read_allocation reads them, and the cells of the sheet they were read from
    (`rows[0]` its header), for a column the allocation does not read (verify's 状态说明): the file read once."""
    _refuse_special(path)
    table = _xlsx_table(path)
    return _parse_table(table), table.rows


def _refuse_special(path: Path) -> None:
    """An AllocationFileError for a path that is no regular file (a FIFO would hang the reader)."""
    if special_file(path):
        raise AllocationFileError([Problem.of(path.name, "file.not_regular")])


CSV_FIELD_LIMIT = 2**31 - 1  # characters (a C long on every platform)


def allow_long_fields() -> None:
    """Let Python's csv module read a field of any length — its limit, 131,072 characters by default, is the
    process's: allocation.csv echoes whole the cells of a row that could not be read, and a hand-made sheet's cell
    can be longer than that (the csv module then raised an error our own run folder could not be read past)."""
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)


def parse_allocation_csv(data: bytes, file: str) -> tuple[AllocationRow, ...]:
    """The rows of an allocation CSV given as bytes (`file` names it in messages)."""
    allow_long_fields()
    text = _decode(data, file)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise AllocationFileError([Problem.of(file, "alloc.not_csv", error=str(exc))]) from None
    return _parse_table(_Table(file, None, rows))


def uninert(text: str) -> str:
    """Undo allocation_csv.inert(): `'=SUM(A1)` → `=SUM(A1)`; any other text is left as it is."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


def _parse_table(table: _Table) -> tuple[AllocationRow, ...]:
    if not table.rows:
        raise AllocationFileError([Problem.of(table.file, "alloc.empty", sheet=table.sheet)])
    columns, problems = _columns(table)
    rows: list[AllocationRow] = []
    for number in range(2, len(table.rows) + 1):
        raw = table.rows[number - 1]
        if all(cells.is_empty(v) for v in raw):
            continue
        if _total_row(raw, columns):
            rows.append(AllocationRow(row=number, application_id="", allocated=None, status=Status.UNFUNDED,
                                      status_given=False, total=True))
            continue
        row, row_problems = _row(table, columns, number)
        problems += row_problems
        if row is not None:
            rows.append(row)
    if problems:
        raise AllocationFileError(problems)
    return tuple(rows)


TOTAL_WORDS = frozenset({"合计", "总计", "小计", "共计", "总额", "total", "totals", "sum", "subtotal", "grandtotal"})


def _total_row(raw: Sequence[CellValue], columns: Mapping[str, tuple[int, str, Decimal]]) -> bool:
    """A row of sums someone added at the foot of a table (`合计` where an id or a row number would be): no
    application id but such a word (or the word as its id), and no status."""
    def text(field: str) -> str:
        index = columns[field][0] if field in columns else None
        value = raw[index] if index is not None and index < len(raw) else None
        return "" if cells.is_empty(value) else _header_name(cells.display(value)).rstrip(":：")

    if text("status"):
        return False
    named = text("application_id")
    words = {_header_name(cells.display(v)).rstrip(":：") for v in raw if not cells.is_empty(v)}
    return named in TOTAL_WORDS or (not named and bool(words & TOTAL_WORDS))


def _decode(data: bytes, file: str) -> str:
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AllocationFileError([Problem.of(file, "alloc.encoding")])


def _xlsx_table(path: Path) -> _Table:
    try:
        sheet = read_sheet(path, preferred=())
    except ExcelFileError as exc:
        raise AllocationFileError(exc.problems, hint=exc.hint) from None
    broken = {where: Phrase.of("cell.excel_error", error=error) for where, error in sheet.errors.items()}
    for where, formula in sheet.formulas.items():
        if not formula.has_value:
            broken[where] = Phrase.of("cell.formula_no_value", formula=formula.text)
    return _Table(sheet.file, sheet.name, sheet.rows, broken)


_UNITS = {"万元": WAN, "万": WAN, "wanyuan": WAN, "10kyuan": WAN, "10,000yuan": WAN, "元": Decimal(1),
          "yuan": Decimal(1)}
_UNIT_SUFFIX = re.compile(r"\((" + "|".join(re.escape(unit) for unit in _UNITS) + r")\)$")


def _header_name(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "_-")


def _header(text: str) -> tuple[str | None, Decimal]:
    """The field a header names, and the unit its amounts are in: `分配额（万元）` → ("allocated", 10000)."""
    name = _header_name(text)
    match = _UNIT_SUFFIX.search(name)
    if match is not None and _HEADERS.get(name[: match.start()]) in MONEY:
        return _HEADERS[name[: match.start()]], _UNITS[match.group(1)]
    return _HEADERS.get(name), Decimal(1)


def _bare(name: str) -> str:
    match = _UNIT_SUFFIX.search(name)
    return name[: match.start()] if match else name


_HEADERS: dict[str, str] = {
    _bare(_header_name(name)): f for f in FIELDS for name in (f, *(LABELS.get(f, ())))
}


def _columns(table: _Table) -> tuple[dict[str, tuple[int, str, Decimal]], list[Problem]]:
    """Where each known field is: its 0-based column index, the header as written, and the unit of an amount."""
    columns: dict[str, tuple[int, str, Decimal]] = {}
    problems: list[Problem] = []
    for index, value in enumerate(table.rows[0]):
        written = uninert(cells.display(value)).strip()
        known, unit = _header(written)
        if known is None:
            continue
        if known in columns:
            problems.append(Problem.of(table.file, "alloc.column_repeated", sheet=table.sheet, row=1, column=written,
                                       first=columns[known][1], field=known))
            continue
        columns[known] = (index, written, unit)
    required = ("、".join(map(_named, REQUIRED)), ", ".join(REQUIRED))
    for name in REQUIRED:
        if name not in columns:
            problems.append(Problem.of(table.file, "alloc.column_missing", sheet=table.sheet, row=1,
                                       field=(_named(name), name), required=required))
    return columns, problems


def _named(field: str) -> str:
    """A field as a Chinese reader knows it: `分配额（allocated）`."""
    label = LABELS.get(field, (field,))[0]
    return f"{re.sub(r'（.*）$', '', label)}（{field}）"


def _row(table: _Table, columns: Mapping[str, tuple[int, str, Decimal]],
         number: int) -> tuple[AllocationRow | None, list[Problem]]:
    raw = table.rows[number - 1]
    problems: list[Problem] = []

    def read(name: str, reader: Callable[[CellValue, Decimal], _T], default: _T) -> _T:
        if name not in columns:
            return default
        index, header, unit = columns[name]
        broken = table.broken.get((number, index + 1))
        try:
            if broken is not None:
                raise cells.CellError(broken)
            return reader(raw[index] if index < len(raw) else None, unit)
        except cells.CellError as exc:
            problems.append(Problem(table.file, exc.phrase, table.sheet, number, header))
            return default

    application_id, allocated = read("application_id", _text, ""), read("allocated", _amount, None)
    status, entitlement = read("status", status_named, None), read("entitlement", _amount, None)
    row = AllocationRow(
        row=number, application_id=application_id, allocated=allocated,
        status=status if status is not None else derived_status(allocated, entitlement), entitlement=entitlement,
        applicant=read("applicant", _text, ""), credit_code=read("credit_code", _text, ""),
        district=read("district", _text, ""), clause=read("clause", _text, ""), score=read("score", _text, ""),
        reason=read("reason", _text, ""), status_given=status is not None,
    )
    return (None if problems else row), problems


def derived_status(allocated: int | None, entitlement: int | None) -> Status:
    """The status an allocation's amounts give (allocation.csv's definitions): nothing paid → UNFUNDED; less than
    the entitlement → PARTIAL; the entitlement (or, when none is stated, anything paid) → FUNDED."""
    paid = allocated or 0
    if paid == 0:
        return Status.UNFUNDED
    return Status.PARTIAL if entitlement is not None and paid < entitlement else Status.FUNDED


def _text(value: CellValue, unit: Decimal = Decimal(1)) -> str:
    return uninert(cells.display(value) if not isinstance(value, str) else value).strip()


def _amount(value: CellValue, unit: Decimal = Decimal(1)) -> int | None:
    """Whole yuan, at least 0: `1500000`, `1,500,000`, `1500000.00` — or, in a column in 万元 (`unit`), `150`,
    `150.0001`; a cell that says its unit (`150万`, `3000元`) in it; an empty cell is None."""
    if cells.is_empty(value):
        return None
    if isinstance(value, bool):
        raise cells.CellError.of("alloc.not_amount", shown=cells.display(value))
    if isinstance(value, str) and not bare(uninert(value)):  # 150万: its own unit, whatever the header's
        value, unit = uninert(value), Decimal(1)
    try:
        if isinstance(value, str) and not bare(value):
            number = parse_amount(value)
        elif isinstance(value, int):
            number = Decimal(value)
        elif isinstance(value, float):
            number = decimal_from_float(value)
        elif isinstance(value, str):
            number = parse_number(uninert(value))
        else:
            raise cells.CellError.of("alloc.not_amount", shown=cells.display(value))
    except AmountError:
        if isinstance(value, str):
            raise cells.CellError(cells.number_refusal(uninert(value))) from None
        raise cells.CellError.of("cell.not_a_number", shown=cells.display(value)) from None
    if number < 0:
        raise cells.CellError.of("cell.money.negative", shown=format_decimal(number))
    amount = number * unit
    if amount != amount.to_integral_value():
        code = "alloc.not_whole_wan" if unit != 1 else "alloc.not_whole_small" if number < WAN else "alloc.not_whole"
        raise cells.CellError.of(code, shown=format_decimal(number))
    return int(amount)


# Short words people write for a status, besides its name and its labels (STATUS_LABELS).
_STATUS_WORDS = {"全额": Status.FUNDED, "部分": Status.PARTIAL, "未获": Status.UNFUNDED, "未资助": Status.UNFUNDED,
                 "不符合": Status.INELIGIBLE, "重复": Status.DUPLICATE}
_STATUS_NAMES: dict[str, Status] = {
    **{name.casefold(): status for status in Status for name in (status.value, *STATUS_LABELS[status])},
    **_STATUS_WORDS,
}
_STATUS_OPTIONS = ("、".join(f"{STATUS_LABELS[s][0]}（{s.value}）" for s in Status), ", ".join(s.value for s in Status))


def status_named(value: CellValue, unit: Decimal = Decimal(1)) -> Status | None:
    """The status a cell names — its code, either language's label or a short word (全额, 未获 …), the words audit and
    verify alike take; None for an empty cell (the status is then derived from the amounts)."""
    word = normalize_text(_text(value)).casefold()
    if not word:
        return None
    if word not in _STATUS_NAMES:
        raise cells.CellError.of("alloc.status_unknown", shown=_text(value), options=_STATUS_OPTIONS)
    return _STATUS_NAMES[word]
