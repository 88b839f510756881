"""A workbook of awards granted under other municipal policies, for the award ledger (`budgetopt ledger import`):
find the columns, read every row, collect every problem, fail once.

The file comes from outside, so it goes through the same guard as an application workbook (`read_sheet`: size, zip
bombs, macros, .xls, XML entities, the sheet's extent, all within `FileLimits`). The sheet read is the one named
`awards` or `拨付清单`, else the first. Headers are English or Chinese, in any order, in row 1 or below a title
(within the first rows, as in the application workbook); unknown columns are kept and ignored, with a warning.

| column      | 中文表头          | read as                                                   | required |
|-------------|-------------------|-----------------------------------------------------------|----------|
| credit_code | 统一社会信用代码  | 18 characters, check character valid; upper case          | yes      |
| content_key | 事项标识          | text                                                      | yes      |
| amount      | 金额              | money > 0, in the unit of its header (`金额（万元）`, `(元)`; none: yuan) | yes |
| awarded_on  | 拨付日期          | a date (an Excel date, or 2025-07-01, 2025/7/1, 2025年7月1日) | yes  |
| applicant   | 申报单位          | text                                                      | no ("")  |
| group       | 关联企业组        | text                                                      | no (None)|

Each cell is read by the application reader's field readers (optimizer/reading/fields.py), so that a cell is
worded as it would be in an application workbook. An amount may have fen (two decimals of a yuan); it is recorded
rounded UP to whole yuan (`money.ceil_yuan`): an imported award is support already granted, which 就高、不重复 deducts
from an application's entitlement, and the entitlement rules deduct prior support rounded up too
(rules/entitle.py) — so that rounding never lets the same content be paid a yuan more than the policy allows, and
errs, if at all, in the payer's favour.

Every problem — the policy's name left blank, a required column missing or given twice, each cell that cannot be
read, no awards at all, the same award (credit code, content key, amount and date) on two rows — is collected and
raised at once as AwardsFileError. A file refused by the guard raises ExcelFileError, as for an application
workbook (with the blank-policy problem first, when there is one).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from optimizer.domain import LedgerAward, Problem
from optimizer.errors import InputError
from optimizer.money import WAN, ceil_yuan
from optimizer.reading import fields as cells
from optimizer.reading.applications import (
    Column,
    Found,
    blank_row,
    broken_cells,
    find_columns,
    header_key,
    unreadable_cell,
)
from optimizer.reading.notes import formula_note, hidden_sheets, sheet_notes
from optimizer.reading.sheet import CellValue, ExcelFileError, FileLimits, Sheet, read_sheet
from optimizer.rules.ledger import content_id
from optimizer.words import Phrase

__all__ = ["AWARD_SHEETS", "AwardsFile", "AwardsFileError", "awards_in", "policy_problems", "read_awards",
           "read_awards_file"]

AWARD_SHEETS = ("awards", "拨付清单")  # the sheet read when the workbook has one of these names; else the first
class AwardsFileError(InputError):
    """The awards workbook cannot be imported as it is: `problems` says everything that is wrong, `warnings` the
    rest."""


@dataclass(frozen=True)
class AwardsFile:
    """The awards a workbook holds, and what is worth knowing about how it was read (headers found below a title,
    unknown columns, hidden rows, formulas read by their saved value)."""

    file: str
    sheet: str | None
    awards: tuple[LedgerAward, ...]
    warnings: tuple[Problem, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("credit_code", "统一社会信用代码", required=True),
    Column("content_key", "事项标识", required=True),
    Column("amount", "金额", required=True, money=True),
    Column("awarded_on", "拨付日期", required=True),
    Column("applicant", "申报单位"),
    Column("group", "关联企业组"),
)
_BY_FIELD = {c.field: c for c in COLUMNS}
_HEADER_NAMES = {name.casefold(): c.field for c in COLUMNS for name in (c.field, c.zh)}
_DEFAULTS: Mapping[str, object] = {"applicant": "", "group": None}
_APPLICATION_SHEET_NOTES = ("sheet.hidden_sheet", "sheet.hidden_sheets", "sheet.sheet_hidden")


def read_awards(path: Path, policy: str, *, limits: FileLimits | None = None) -> tuple[LedgerAward, ...]:
    """The awards of an .xlsx file, each recorded as granted under `policy` (its name, e.g. its document number).

    Raises AwardsFileError listing every problem of the file (and a blank `policy`), or ExcelFileError for a file
    refused as unsafe to read (beyond `limits`, default `FileLimits()`; a zip bomb, macros, an old .xls). Both are
    InputErrors. The module's docstring lists the columns.
    """
    return read_awards_file(path, policy, limits=limits).awards


def read_awards_file(path: Path, policy: str, *, limits: FileLimits | None = None) -> AwardsFile:
    """As read_awards, with the warnings of the reading (which stopped nothing)."""
    try:
        sheet = read_sheet(path, AWARD_SHEETS, limits)
    except ExcelFileError as exc:
        blank = policy_problems(path.name, policy)
        if blank:
            raise ExcelFileError([*blank, *exc.problems], exc.warnings, hint=exc.hint) from exc
        raise
    return awards_in(sheet, policy)


def awards_in(sheet: Sheet, policy: str, today: date | None = None) -> AwardsFile:
    """Every row of the sheet read and checked, each award granted under `policy` (stripped; blank is a problem);
    AwardsFileError listing all problems if there are any. A payment dated after `today` is a warning."""
    name = policy.strip()
    problems = policy_problems(sheet.file, name)
    if all(blank_row(row) for row in sheet.rows) and not broken_cells(sheet):
        problems.append(Problem.of(sheet.file, "import.empty", sheet=sheet.name))
        raise AwardsFileError(problems, hidden_sheets(sheet, "import"))
    header_row, columns, structural, warnings = find_columns(sheet, COLUMNS, _HEADER_NAMES)
    problems += structural
    warnings += hidden_sheets(sheet, "import")
    warnings += [n for n in sheet_notes(sheet, header_row) if n.code not in _APPLICATION_SHEET_NOTES]
    warnings += formula_note(sheet, header_row, {index for index, _, _ in columns.values()})
    broken = {row for row, _ in broken_cells(sheet)}
    numbers = [n for n in range(header_row + 1, len(sheet.rows) + 1) if n in broken or not blank_row(sheet.rows[n - 1])]
    if not numbers:
        problems.append(Problem.of(sheet.file, "import.no_awards", sheet=sheet.name))
    complete = all(c.field in columns for c in COLUMNS if c.required)
    readers = _readers(columns)
    awards: list[LedgerAward] = []
    seen: dict[tuple[str, str, Decimal, date], int] = {}
    today = today or date.today()
    for number in numbers:
        values, troubles = _read_row(sheet, columns, readers, number)
        problems += troubles
        if troubles or not complete:
            continue
        if values["awarded_on"] > today:
            warnings.append(Problem.of(sheet.file, "import.paid_later", sheet=sheet.name, row=number,
                                       column=columns["awarded_on"][1], warning=True,
                                       date=values["awarded_on"].isoformat(), today=today.isoformat()))
        key = (values["credit_code"], content_id(values["content_key"]), values["amount"], values["awarded_on"])
        if key in seen:
            problems.append(Problem(sheet.file, Phrase.of("import.repeated", row=seen[key]), sheet.name, number))
            continue
        seen[key] = number
        awards.append(_award(name, values))
    if problems:
        raise AwardsFileError(problems, warnings)
    return AwardsFile(sheet.file, sheet.name, tuple(awards), tuple(warnings))


POLICY_NAME_MOST = 200  # characters of a policy's name: a document number and its title fit many times over


def policy_problems(file: str, policy: str) -> list[Problem]:
    """The problem of a policy name that says nothing (empty, or only spaces), or that every award, reason and 公示
    list would carry garbled: a control character (a line break pasted in), or hundreds of characters."""
    name = policy.strip()
    if not name:
        return [Problem.of(file, "import.policy_empty")]
    if not cells.one_line(name):
        return [Problem.of(file, "import.policy_control")]
    if len(name) > POLICY_NAME_MOST:
        return [Problem.of(file, "import.policy_long", length=f"{len(name):,}", most=POLICY_NAME_MOST)]
    return []


def _award(policy: str, values: Mapping[str, Any]) -> LedgerAward:
    awarded_on: date = values["awarded_on"]
    return LedgerAward(policy=policy, year=awarded_on.year, credit_code=values["credit_code"],
                       content_key=values["content_key"], amount=ceil_yuan(values["amount"]),
                       applicant=values["applicant"], group=values["group"], application_id=None,
                       awarded_on=awarded_on, run=None)


_Reader = Callable[[CellValue], Any]


def _readers(columns: Found) -> dict[str, _Reader]:
    """The reader of each field; the amount in the unit its header states (none: yuan)."""
    amount = cells.YUAN_COLUMN
    if "amount" in columns:
        header = columns["amount"][1]
        stated = header_key(header)[1]
        amount = cells.MoneyColumn(WAN if stated == "万元" else Decimal(1), header, stated)
    return {
        "credit_code": cells.credit_code,
        "content_key": cells.text,
        "amount": lambda v: cells.money(v, amount, positive=True),
        "awarded_on": cells.submitted_on,
        "applicant": cells.text,
        "group": cells.text,
    }


def _read_row(sheet: Sheet, columns: Found, readers: Mapping[str, _Reader],
              number: int) -> tuple[dict[str, Any], list[Problem]]:
    """One row's values by field (an empty optional cell: its default), and its problems in column order."""
    raw: Sequence[CellValue] = sheet.rows[number - 1]
    values: dict[str, Any] = dict(_DEFAULTS)
    problems: list[Problem] = []
    for field, (index, header, _) in columns.items():
        value = raw[index - 1] if index <= len(raw) else None
        trouble = unreadable_cell(sheet, number, index)
        if trouble is None and cells.is_empty(value):
            if not _BY_FIELD[field].required:
                continue
            trouble = Phrase.of("cell.required_empty")
        elif trouble is None:
            try:
                values[field] = readers[field](value)
                continue
            except cells.CellError as exc:
                trouble = exc.phrase
        problems.append(Problem(sheet.file, trouble, sheet.name, number, header))
    return values, problems
