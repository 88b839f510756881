"""The application workbook (README, The application workbook): find the columns, read every row, collect every
problem, fail once.

A row with a problem becomes an InvalidRow (so that, with --skip-invalid, it still appears in every output);
without --skip-invalid any problem stops the run with all problems listed. Problems with the sheet itself (a
required column missing, a column given twice, no applications at all) always stop it. Amounts implausible for
their clause are warned about (magnitudes.py). Every problem and warning is a phrase (optimizer/words/msg_reading.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import MISSING, dataclass, fields, replace
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

from optimizer._speed.background import in_parts
from optimizer.domain import Application, Applications, InvalidRow, Problem
from optimizer.errors import InputError
from optimizer.money import WAN, normalize_text
from optimizer.reading import fields as cells
from optimizer.reading.magnitudes import implausible_amounts
from optimizer.reading.notes import formula_note, sheet_notes
from optimizer.reading.records import records_sheet
from optimizer.reading.sheet import CellValue, FileLimits, Sheet, column_letter, read_sheet
from optimizer.rules.policy import Policy, load_policy
from optimizer.words import Phrase

HEADER_SEARCH_ROWS = 10  # headers are in row 1; a title above them is tolerated within this many rows
SPLIT_FROM = 20_000  # rows: from here a second process reads the last 40% of them (below, it saves nothing)


class WorkbookError(InputError):
    """The workbook cannot be used as it is; `problems` says everything that is wrong, `warnings` the rest."""


@dataclass(frozen=True)
class Column:
    field: str
    zh: str
    required: bool = False
    money: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("application_id", "申报编号", required=True),
    Column("applicant", "申报单位", required=True),
    Column("credit_code", "统一社会信用代码", required=True),
    Column("district", "所属区县", required=True),
    Column("clause", "政策条款", required=True),
    Column("project", "项目名称", required=True),
    Column("content_key", "事项标识"),
    Column("investment", "实际投资额", money=True),
    Column("requested", "申请金额", money=True),
    Column("score", "评审得分", required=True),
    Column("submitted_on", "申报日期", required=True),
    Column("industry", "所属行业"),
    Column("enterprise_size", "企业规模"),
    Column("qualified", "资格认定"),
    Column("prior_support", "已获市级同类支持", money=True),
    Column("group", "关联企业组"),
)
BY_FIELD = {c.field: c for c in COLUMNS}
_UNIT_SUFFIX = re.compile(r"\((万元|元)\)$")


@dataclass(frozen=True)
class _Layout:
    """Where each field is: column index (1-based), the header as written, and the money unit."""

    header_row: int
    columns: dict[str, tuple[int, str, Decimal]]

    @cached_property
    def missing_required(self) -> bool:
        return any(c.required and c.field not in self.columns for c in COLUMNS)

    def money_columns(self) -> dict[str, cells.MoneyColumn]:
        """Each money column present: its unit, its header as written, and the unit the header states."""
        return {f: cells.MoneyColumn(unit, header, header_key(header)[1])
                for f, (_, header, unit) in self.columns.items() if BY_FIELD[f].money}


ApplicationSource = str | Path | Sequence[Mapping[str, Any]] | Any  # Any: a pandas DataFrame


def read_applications(source: ApplicationSource | Applications, *, policy: Policy | None = None,
                      skip_invalid: bool = False, limits: FileLimits | None = None) -> Applications:
    """A year's applications, every row checked: from an .xlsx file, a pandas DataFrame or a list of dicts.

    Headers are those of the workbook (English or Chinese, a money unit in the header: `实际投资额（万元）`). Every
    problem of every row is collected, then raised at once as an InputError (WorkbookError) whose `problems` name
    the file, sheet, row and column — for a DataFrame or records, the row as if row 1 held the headers (position
    + 2). With `skip_invalid` the rows that cannot be read come back in `.invalid` instead, and are allocated
    nothing. A file refused as unsafe to read (size, zip bomb, macros, .xls) raises ExcelFileError, also an
    InputError. `limits` says how much of an untrusted file is read (default `FileLimits()`).

    >>> apps = read_applications([{"申报编号": "A-1", "申报单位": "重庆智造有限公司",
    ...     "统一社会信用代码": "91500000MA5U0000XN", "所属区县": "两江新区", "政策条款": "5",
    ...     "项目名称": "AI 应用案例", "评审得分": 88, "申报日期": "2026-03-02", "资格认定": "是"}])
    >>> [a.application_id for a in apps.valid]
    ['A-1']
    """
    policy = policy or load_policy()
    if isinstance(source, Applications):
        if source.problems and not skip_invalid:
            raise WorkbookError(source.problems, source.warnings)
        return source
    if isinstance(source, (str, Path)):
        return read_workbook(Path(source), policy, skip_invalid=skip_invalid, limits=limits)
    return applications_in(records_sheet(source), policy, skip_invalid=skip_invalid)


def read_workbook(path: Path, policy: Policy, *, skip_invalid: bool = False, limits: FileLimits | None = None,
                  ) -> Applications:
    """The applications of an .xlsx file (see read_applications).

    A file that is not a workbook one can safely read — beyond `limits` (default `FileLimits()`), a zip bomb, with
    macros, an old .xls — raises ExcelFileError before anything is parsed.
    """
    sheet = read_sheet(path, limits=limits)
    return applications_in(sheet, policy, skip_invalid=skip_invalid, path=path,
                           limits=(limits or FileLimits()).record())


def applications_in(sheet: Sheet, policy: Policy, *, skip_invalid: bool = False, path: Path | None = None,
                    limits: dict[str, int] | None = None) -> Applications:
    """Every row of the sheet read and checked; raise WorkbookError listing all problems unless `skip_invalid`.

    A sheet without a single application (headers only, or nothing at all) is a problem too."""
    if not any(not blank_row(row) for row in sheet.rows) and not broken_cells(sheet):
        raise WorkbookError([_no_applications(sheet, empty=True)], sheet_notes(sheet, 1))
    layout, structural, warnings = _find_columns(sheet)
    warnings += sheet_notes(sheet, layout.header_row)
    warnings += formula_note(sheet, layout.header_row, {index for index, _, _ in layout.columns.values()})
    money = layout.money_columns()
    readers = _readers(policy, money)
    broken = {row for row, _ in broken_cells(sheet)}
    numbers = [n for n in range(layout.header_row + 1, len(sheet.rows) + 1)
               if n in broken or not blank_row(sheet.rows[n - 1])]
    if not numbers:
        structural.append(_no_applications(sheet, empty=False))
    rows, row_warnings = in_parts(lambda part: _read_rows(sheet, layout, readers, part), numbers, _joined,
                                  from_size=SPLIT_FROM)
    applications, invalid = _with_ids_checked(sheet, layout, rows)
    row_warnings += implausible_amounts(applications, policy, {f: c.unit for f, c in money.items()},
                                        {f: c.header for f, c in money.items()}, sheet.file, sheet.name)
    row_warnings.sort(key=lambda warning: warning.row or 0)  # stable: each row's own warnings keep their order
    book = Applications(sheet.file, sheet.name, applications, invalid, (*warnings, *row_warnings), path, limits)
    if structural or (book.problems and not skip_invalid):
        raise WorkbookError(structural + list(book.problems), book.warnings)
    return book


def _no_applications(sheet: Sheet, *, empty: bool) -> Problem:
    """The problem of a sheet without applications: `empty` when it holds nothing at all."""
    if sheet.name is None:  # records: a DataFrame or a list without rows
        return Problem.of(sheet.file, "records.no_applications")
    return Problem.of(sheet.file, "sheet.empty" if empty else "sheet.no_applications", sheet=sheet.name)


def _joined(first: tuple[list[_Read], list[Problem]], second: tuple[list[_Read], list[Problem]],
            ) -> tuple[list[_Read], list[Problem]]:
    return first[0] + second[0], first[1] + second[1]


def blank_row(row: Sequence[CellValue]) -> bool:
    """No value in any cell."""
    if row and not cells.is_empty(row[0]):
        return False  # nearly every row: looked at no further
    return all(cells.is_empty(v) for v in row)


def broken_cells(sheet: Sheet) -> set[tuple[int, int]]:
    """(row, column) of the cells holding an error value or a formula without a saved value: calamine reads those
    cells as empty, but such a row is not empty, and such a cell is reported, not read."""
    return set(sheet.errors) | {cell for cell, formula in sheet.formulas.items() if not formula.has_value}


def header_key(header: str) -> tuple[str, str | None]:
    """`实际投资额（万元）` → ("实际投资额", "万元"); `Application ID` → ("application_id", None)."""
    text = normalize_text(header)
    text = re.sub(r"\s+", "", text) if re.search(r"[^\x00-\x7f]", text) else re.sub(r"[\s\-]+", "_", text)
    match = _UNIT_SUFFIX.search(text)
    unit = match.group(1) if match else None
    if match:
        text = text[: match.start()].rstrip("_")
    return text.casefold(), unit


_HEADER_NAMES = {name.casefold(): c.field for c in COLUMNS for name in (c.field, c.zh)}


def _find_columns(sheet: Sheet) -> tuple[_Layout, list[Problem], list[Problem]]:
    header_row, columns, problems, warnings = find_columns(sheet, COLUMNS, _HEADER_NAMES)
    return _Layout(header_row, columns), problems, warnings


Found = dict[str, tuple[int, str, Decimal]]  # field → (column number from 1, the header as written, its money unit)


def find_columns(sheet: Sheet, expected: Sequence[Column], names: Mapping[str, str]
                 ) -> tuple[int, Found, list[Problem], list[Problem]]:
    """The header row, where each of the `expected` columns is, the problems of the headers (a unit on a column
    that is not money, a column twice, a required one missing) and the warnings about them (the header not in row 1,
    a column with no header or one not known). `names`: each known header, casefolded, to its field."""
    header_row = find_header_row(sheet, names.keys())
    by_field = {c.field: c for c in expected}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    columns: Found = {}
    header = sheet.rows[header_row - 1] if sheet.rows else []

    def problem(code: str, column: str | None = None, warning: bool = False, **params: object) -> Problem:
        return Problem(sheet.file, Phrase.of(code, **params), sheet.name, header_row, column, warning)

    if header_row > 1:
        warnings.append(problem("sheet.header_row", warning=True, row=header_row))
    for index, value in enumerate(header, start=1):
        written = cells.display(value)
        if not written:
            if any(not cells.is_empty(r[index - 1]) for r in sheet.rows[header_row:] if len(r) >= index):
                warnings.append(problem("sheet.column_no_header", column_letter(index), True))
            continue
        key, unit = header_key(written)
        field = names.get(key)
        if field is None:
            warnings.append(problem("sheet.column_unknown", written, True, header=written))
            continue
        if unit is not None and not by_field[field].money:
            problems.append(problem("sheet.unit_not_money", written, unit=unit))
        if field in columns:
            first = columns[field][1]
            problems.append(problem("sheet.column_repeated", written, first=first, field=field))
            continue
        columns[field] = (index, written, WAN if unit == "万元" else Decimal(1))
    for column in expected:
        if column.required and column.field not in columns:
            problems.append(problem("sheet.column_missing", zh=column.zh, field=column.field))
    return header_row, columns, problems, warnings


def find_header_row(sheet: Sheet, names: Collection[str] = _HEADER_NAMES.keys()) -> int:
    """Row 1, unless row 1 is a title and the headers follow within the first few rows: the first row holding three
    of the known header `names` (casefolded; the application workbook's by default)."""
    for number, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS], start=1):
        known = sum(1 for v in row if isinstance(v, str) and header_key(v)[0] in names)
        if known >= 3:
            return number
    return 1


_Reader = Callable[[CellValue], Any]


def _readers(policy: Policy, money: Mapping[str, cells.MoneyColumn]) -> dict[str, _Reader]:
    """The reader of each field; `money`: the money columns as their headers write them (default: yuan)."""
    investment, requested, prior = (money.get(f, cells.YUAN_COLUMN) for f in ("investment", "requested",
                                                                               "prior_support"))
    return {
        "application_id": cells.text,
        "applicant": cells.text,
        "credit_code": cells.credit_code,
        "district": cells.district,
        "clause": lambda v: cells.clause(v, policy),
        "project": cells.text,
        "content_key": cells.text,
        "investment": lambda v: cells.money(v, investment),
        "requested": lambda v: cells.money(v, requested, positive=True),
        "score": cells.score,
        "submitted_on": cells.submitted_on,
        "industry": cells.industry,
        "enterprise_size": cells.enterprise_size,
        "qualified": cells.yes_no,
        "prior_support": lambda v: cells.money(v, prior),
        "group": cells.text,
    }


_Read = tuple[Application | InvalidRow, str | None]  # a row read, and its application_id if that could be read


@dataclass(frozen=True)
class _Cell:
    """How one column is read: the field, where it is (0-based), its reader, whether it is required."""

    field: str
    index: int
    header: str
    read: _Reader
    required: bool


def _read_rows(sheet: Sheet, layout: _Layout, readers: dict[str, _Reader],
               numbers: Sequence[int]) -> tuple[list[_Read], list[Problem]]:
    """The rows `numbers`, read or invalid, and their warnings (application_ids are compared afterwards).

    Read column by column — each column's reader mapped over all its cells at once, cell by cell only in a column
    with an empty, unreadable or wrong cell — then put together row by row; a row's problems come in column order.
    """
    plan = [_Cell(field, index - 1, header, readers[field], BY_FIELD[field].required)
            for field, (index, header, _) in layout.columns.items()]
    width = max((c.index + 1 for c in plan), default=0)
    raws = [sheet.rows[n - 1] for n in numbers]
    raws = [raw if len(raw) >= width else [*raw, *[None] * (width - len(raw))] for raw in raws]
    troubles: dict[int, list[Problem]] = {}  # place in `numbers` → its problems
    broken = broken_cells(sheet)
    read = {cell.field: _read_column(sheet, cell, numbers, [raw[cell.index] for raw in raws],
                                     {row for row, column in broken if column == cell.index + 1}, troubles)
            for cell in plan}
    warnings = _district_names(sheet, layout, numbers, read)
    count = len(numbers)
    columns = [read.get(field) or [_DEFAULTS.get(field)] * count for field in _FIELDS]
    ids = read.get("application_id") or [None] * count
    if not troubles and not layout.missing_required:
        return list(zip(map(Application, numbers, *columns), ids, strict=True)), warnings
    rows: list[_Read] = []
    for i, number in enumerate(numbers):
        if i in troubles or layout.missing_required:
            rows.append((InvalidRow(number, _shown(sheet, layout, number), tuple(troubles.get(i, ()))), ids[i]))
        else:
            rows.append((Application(number, *[column[i] for column in columns]), ids[i]))
    return rows, warnings


_FIELDS = tuple(f.name for f in fields(Application))[1:]  # after `row`, in the order Application takes them
_DEFAULTS = {f.name: f.default for f in fields(Application) if f.default is not MISSING}


def _read_column(sheet: Sheet, cell: _Cell, numbers: Sequence[int], values: list[CellValue], broken: set[int],
                 troubles: dict[int, list[Problem]]) -> list[Any]:
    """One column's cells read: the value, the field's default for an empty optional cell, None for a cell with
    a problem (added to `troubles`); `broken`: the rows where this column's cell is broken (`broken_cells`).

    Every reader raises CellError for a blank cell, so a column without broken cells is first read in one pass
    (its empty cells taking the default, when it has one); any CellError sends the column through the careful
    path, cell by cell, which words every problem."""
    column = cell.index + 1
    default, reader = _DEFAULTS.get(cell.field), cell.read
    if not broken:
        try:
            if None not in values:
                return list(map(reader, values))
            if not cell.required:
                return [default if value is None else reader(value) for value in values]
        except cells.CellError:
            pass
    read: list[Any] = [None] * len(values)
    for i, (number, value) in enumerate(zip(numbers, values, strict=True)):
        trouble = unreadable_cell(sheet, number, column) if number in broken else None
        if trouble is None and cells.is_empty(value):
            if not cell.required:
                read[i] = default
                continue
            trouble = Phrase.of("cell.required_empty")
        elif trouble is None:
            try:
                read[i] = reader(value)
                continue
            except cells.CellError as exc:
                trouble = exc.phrase
        troubles.setdefault(i, []).append(Problem(sheet.file, trouble, sheet.name, number, cell.header))
    return read


def _district_names(sheet: Sheet, layout: _Layout, numbers: Sequence[int], read: dict[str, list[Any]]) -> list[Problem]:
    """The district column's divisions replaced by their names; a warning for each abolished name read."""
    divisions = read.get("district")
    if divisions is None:
        return []
    warnings = [Problem(sheet.file, Phrase.of("cell.district.abolished", old=d.abolished_name, date=d.abolished_on,
                                              name=d.name), sheet.name, number, layout.columns["district"][1], True)
                for number, d in zip(numbers, divisions, strict=True) if d is not None and d.abolished_name]
    read["district"] = [None if d is None else d.name for d in divisions]
    return warnings


def _with_ids_checked(sheet: Sheet, layout: _Layout,
                      rows: Sequence[_Read]) -> tuple[tuple[Application, ...], tuple[InvalidRow, ...]]:
    """Valid and invalid rows, in row order; a row whose application_id a row above already used is invalid."""
    applications: list[Application] = []
    invalid: list[InvalidRow] = []
    seen: dict[str, int] = {}
    for result, app_id in rows:
        if app_id is not None and app_id in seen:
            header = layout.columns["application_id"][1]
            again = Problem(sheet.file, Phrase.of("cell.id_repeated", id=app_id, row=seen[app_id]), sheet.name,
                            result.row, header)
            if isinstance(result, InvalidRow):
                result = replace(result, problems=(*result.problems, again))
            else:
                result = InvalidRow(result.row, _shown(sheet, layout, result.row), (again,))
        elif app_id is not None:
            seen[app_id] = result.row
        if isinstance(result, Application):
            applications.append(result)
        else:
            invalid.append(result)
    return tuple(applications), tuple(invalid)


def _shown(sheet: Sheet, layout: _Layout, row_number: int) -> dict[str, str]:
    """A row's cells as the workbook shows them, for a row that could not be read."""
    raw = sheet.rows[row_number - 1]
    return {field: cells.display(raw[index - 1] if index <= len(raw) else None)
            for field, (index, _, _) in layout.columns.items()}


def unreadable_cell(sheet: Sheet, row_number: int, index: int) -> Phrase | None:
    """What is wrong with a cell that holds a formula without a saved value, or an Excel error."""
    formula = sheet.formulas.get((row_number, index))
    if formula is not None and not formula.has_value:
        return Phrase.of("cell.formula_no_value", formula=formula.text)
    error = sheet.errors.get((row_number, index))
    return Phrase.of("cell.excel_error", error=error) if error is not None else None
