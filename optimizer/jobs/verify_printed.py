"""The files a run prints, read back and set beside the re-run's allocation.csv, whatever wrote them: allocation.xlsx,
the sheet people print and sign, and report.html, the page they open. A file an earlier budgetopt wrote in another
layout cannot be checked byte for byte, and the SHA-256 the manifest records of it is only as good as the manifest:
what each says of each application can be.

- **allocation.xlsx**: its first sheet (分配结果) read as `audit` reads it, each row set beside the re-run's row of
  the same application: applicant, credit code, district, clause, score (as a number), 核定额, 分配额, the status and
  原因 (the reason, as allocation.csv says it) — those the sheet carries. The status is said in words in the run's
  language (全额资助, funded in full): in its 状态 column since writers' version 8; before, beside a 状态 of
  allocation.csv's codes (FUNDED, compared where the sheet states one), in 状态说明. Every writers' version so far
  wrote the others as allocation.csv has them.
- **report.html**: every table of its page with a column of application ids (the funding line, and the table of
  applications), read with reading/report_html.py, each row set beside the re-run's row of its application:
  applicant, district, clause, score, 核定额 and 分配额 (in 万元, read exactly), status (in words, in the run's
  language) and reason. The table of applications (the one with a `行号` column) lists every application, the first
  MAX_ROWS of a larger run, with each of these columns: a row or a column it lacks is a difference. Every writers'
  version so far wrote these tables with the same headers.

Each difference is one sentence naming the file, its row, the application and the column (`allocation.xlsx 第2行
（2026-0001）：分配额为50万元，该次运行的 allocation.csv 为0元`), at most 20 of them and how many more. A status written
in other words that name the run's (未获 for 未获资助) is no difference, but is listed apart, the first few and how
many more: no program saving the file again writes it. What a page's styles or scripts would show instead of its
text is not read. The rest of each file — its other cells, the page's other text — is set beside the re-run's file
where the same writers wrote both (jobs/verify_rest.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from optimizer.domain import AllocationRow, Status
from optimizer.errors import InputError
from optimizer.jobs.verify_rest import page_rest, said_at_most, sheet_rest
from optimizer.jobs.verify_rows import quoted
from optimizer.money import WAN, said_amount
from optimizer.reading.allocation_file import parse_allocation_csv, read_allocation_xlsx, status_named
from optimizer.reading.fields import CellError
from optimizer.reading.report_html import PageTable, read_page_tables
from optimizer.report.html import MAX_ROWS
from optimizer.words import LABELS, STATUS_LABELS, Phrase

Words = tuple[str, str]  # (Chinese, English)

ALLOCATION_XLSX = "allocation.xlsx"
REPORT_HTML = "report.html"
LIMIT = 20  # sentences said of one file, then how many more
REWORDED = 3  # statuses written in other words said of one file, then how many more

# allocation.xlsx's columns set beside the re-run's allocation.csv: whom it awards, what, and why
SHEET_COLUMNS = ("applicant", "credit_code", "district", "clause", "score", "entitlement", "allocated", "status",
                 "status_label", "reason")
# report.html's columns of a table of applications, by the label the page heads them with (in 万元, or in yuan as
# budgetopt's first pages had them), and the field each is
PAGE_COLUMNS = {"applicant": "applicant", "district": "district", "clause": "clause", "score": "score",
                "entitlement_wan": "entitlement", "allocated_wan": "allocated", "entitlement": "entitlement",
                "allocated": "allocated", "status": "status_text", "reason": "reason"}
_UNITS = {"entitlement_wan": WAN, "allocated_wan": WAN}
# what the table of applications always has, in the order it has them
LISTED = ("applicant", "district", "clause", "score", "entitlement", "allocated", "status_text", "reason")


@dataclass(frozen=True)
class ReadBack:
    """What a printed file, read back, says otherwise than the run's allocation.csv (nothing: it reads as the run)."""

    findings: tuple[Phrase, ...] = ()
    lead: Phrase | None = None  # leads the findings where the file has the SHA-256 the manifest records
    read: Words = ("", "")  # what the note on a file this budgetopt cannot check adds where it reads as the run
    rest: tuple[Phrase, ...] | None = None  # what else in it says otherwise than the re-run's file (None: not set
    # beside it — another writers' file, or one that cannot be read back)
    reworded: tuple[Phrase, ...] = ()  # statuses written in other words that name the run's: no difference
    file: str = ""  # its name, as the sentences say it
    kind: str = "sheet"  # `sheet` (allocation.xlsx) or `report` (report.html): the sentences' codes

    def changed(self) -> list[Phrase]:
        """What is said of the file where its bytes are neither the run's nor those the manifest records: what
        reads otherwise, and the rest; saved again only where nothing a person reads in it differs (a planner's
        review: a workbook, and a page, saved again unchanged read `运行后被改动过` naming nothing; an auditor's: a
        rewritten 年度预算 read as saved again)."""
        said = {"name": self.file}
        if self.findings:
            return [Phrase.of("verify.output_edited", **said), *self.findings, *(self.rest or ()), *self.reworded]
        if self.rest is None:
            return [Phrase.of(f"verify.{self.kind}_rows_only", **said), *self.reworded]
        if self.rest:
            return [Phrase.of(f"verify.{self.kind}_rest_edited", **said), *self.rest, *self.reworded]
        if self.reworded:
            return [Phrase.of("verify.output_reworded", **said), *self.reworded]
        return [Phrase.of(f"verify.{self.kind}_resaved", **said)]


def read_back(name: str, path: Path, rerun: bytes, lang: str, written: bytes | None = None) -> ReadBack | None:
    """The file `name` of the run at `path`, read back and set beside `rerun` (the re-run's allocation.csv, in the
    run's language `lang`) — and, given `written` (the re-run's file, where the same writers wrote both), the rest
    of it beside that; None for a file not read back (the exported model)."""
    if name == ALLOCATION_XLSX:
        found, reworded, cells = _sheet_read(path, rerun, lang)
        kind, lead, read = "sheet", "verify.sheet_edited", "verify.sheet_read"
    elif name == REPORT_HTML:
        (found, reworded), cells = page_differences(path, rerun, lang), None
        kind, lead, read = "report", "verify.report_edited", "verify.report_read"
    else:
        return None
    unreadable = bool(found) and found[0].code in _ALONE
    rest = None
    if written is not None and not unreadable:
        rest = tuple(sheet_rest(path, None if found else cells, written) if kind == "sheet"
                     else page_rest(path.read_bytes(), written, path.name))
    return ReadBack(tuple(found), None if unreadable else Phrase.of(lead, name=path.name), Phrase.of(read).both(),
                    rest, tuple(said_at_most(reworded, REWORDED, "verify.reworded_more")), path.name, kind)

# a sentence that stands alone, not led by the one saying the file reads otherwise than the run
_ALONE = ("verify.sheet_unreadable", "verify.report_unreadable", "verify.report_no_table")


def _written(rerun: bytes) -> list[AllocationRow]:
    return [row for row in parse_allocation_csv(rerun, "allocation.csv") if not row.total]


@dataclass(frozen=True)
class _Read:
    """A row of a printed file read back: its row number as the file shows it, its application, and the value of
    each column it carries, by field."""

    row: int
    application_id: str
    values: Sequence[tuple[str, object]] = ()  # a column the file has twice, twice


@dataclass(frozen=True)
class _Said:
    """How the sentences name one file's table (`{name}`, `{table}`): a cell that differs, a row that is no row of
    the run, a row of the run that it lacks."""

    cell: str
    extra: str
    missing: str
    params: Mapping[str, object]

    def of(self, code: str, **params: object) -> Phrase:
        return Phrase.of(code, **self.params, **params)


_SHEET = ("verify.sheet_cell", "verify.sheet_row_extra", "verify.sheet_row_missing")
_PAGE = ("verify.report_cell", "verify.report_row_extra", "verify.report_row_missing")


def _compared(found: Sequence[_Read], written: Sequence[AllocationRow], said: _Said, lang: str, *,
              required: int) -> tuple[list[Phrase], list[Phrase]]:
    """Each row of `found` set beside the row of `written` (the re-run's) of its application, in order where one is
    there twice: each column that differs, a row that is none of the run's; and each of the first `required` rows of
    `written` that `found` lacks. Apart: each status written in other words that name the run's status (no
    difference)."""
    waiting: dict[str, list[AllocationRow]] = {}
    for each in written:
        waiting.setdefault(each.application_id, []).append(each)
    lines: list[Phrase] = []
    reworded: list[Phrase] = []
    for row in found:
        named = row.application_id or Phrase.of("verify.row_no_id", line=row.row).both()
        theirs = waiting.get(row.application_id)
        if not theirs:
            lines.append(said.of(said.extra, row=row.row, id=named))
            continue
        other = theirs.pop(0)
        for key, value in row.values:
            expected = _expected(other, key, lang)
            if _same(value, expected, key):
                continue
            column = Phrase.of(f"verify.sheet_column.{key}").both()
            if key in _STATUSES and _names(value, other.status):  # 未获 for 未获资助 (an auditor's review)
                reworded.append(said.of(f"{said.cell}_reworded", row=row.row, id=named, column=column,
                                        found=_shown(value), rerun=_shown(expected)))
            else:
                lines.append(said.of(said.cell, row=row.row, id=named, column=column, found=_shown(value),
                                     rerun=_shown(expected)) if key not in _STATUSES else
                             said.of(f"{said.cell}_status", row=row.row, id=named, column=column,
                                     found=_shown(value), rerun=_shown(expected), held=other.status.value))
    wanted = {id(each) for each in written[:required]}
    lines += [said.of(said.missing, id=each.application_id or "—") for rows in waiting.values() for each in rows
              if id(each) in wanted]
    return lines, reworded


# the columns of a status: the run's is said in words and by the code its allocation.csv holds (a planner's review:
# `该次运行的 allocation.csv 为“未获资助”`, where the file says UNFUNDED)
_STATUSES = ("status", "status_label", "status_text")


def _names(value: object, status: Status) -> bool:
    """Whether a status cell read back names `status` — by its code (`UNFUNDED`), its word in either language
    (`未获资助`, `not funded`) or the short word people write (`未获`, `全额`), in any case: the same status, read by
    the reader audit reads it with, so that the two take the same words (a planner's review: `状态为“UNFUNDED”，该次
    运行为“未获资助”（allocation.csv 中为 UNFUNDED）`, and `全额`, which audit takes, flagged).

    >>> [_names(word, Status.UNFUNDED) for word in ("unfunded", " not funded ", "未获资助", "未获", "全额资助", "")]
    [True, True, True, True, False, False]
    >>> _names("全额", Status.FUNDED), _names("部分", Status.PARTIAL), _names("全额", Status.PARTIAL)
    (True, True, False)
    """
    if isinstance(value, Status):
        return value is status
    if not isinstance(value, str):
        return False
    try:
        return status_named(value) is status
    except CellError:  # no status audit knows
        return False


def _expected(row: AllocationRow, key: str, lang: str) -> object:
    """What the re-run's row says in the column `key`: the status in words in the run's language (`status_label`,
    allocation.xlsx's 状态说明; `status_text`, report.html's 状态)."""
    if key in ("status_label", "status_text"):
        return STATUS_LABELS[row.status][0 if lang == "zh" else 1]
    value = getattr(row, key)
    return value.strip() if isinstance(value, str) else value


def _same(value: object, expected: object, key: str) -> bool:
    """Whether a cell read back says what the re-run's row does: a score as a number (`90` is `90.0`)."""
    if value == expected:
        return True
    if key == "score" and isinstance(value, str) and isinstance(expected, str):
        number = _number(value)
        return number is not None and number == _number(expected)
    return False


def _number(text: str) -> Decimal | None:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _shown(value: object) -> Words:
    """A cell as a sentence says it: an amount in 万元, a status in words, text quoted."""
    if isinstance(value, Status):
        return STATUS_LABELS[value]
    if isinstance(value, int):
        return said_amount(value)
    if value is None:
        return "（空）", "(empty)"
    return quoted(str(value))


def _cut(lines: list[Phrase]) -> list[Phrase]:
    return lines if len(lines) <= LIMIT else [*lines[:LIMIT], Phrase.of("verify.sheet_more", count=len(lines) - LIMIT)]


# --- allocation.xlsx


def sheet_differences(path: Path, rerun: bytes, lang: str) -> list[Phrase]:
    """allocation.xlsx's allocation sheet read back as `audit` reads it (its first sheet) and set beside the
    re-run's allocation.csv row by row, each application by its id: a row missing or added, and each column both
    carry that differs — [] where it reads as the run's allocation. A file that cannot be read back as an
    allocation is one sentence."""
    return _sheet_read(path, rerun, lang)[0]


def _sheet_read(path: Path, rerun: bytes, lang: str) -> tuple[list[Phrase], list[Phrase], Sequence[Sequence[object]]]:
    """sheet_differences; the statuses written in other words; and the cells of the sheet as read."""
    try:
        rows, cells = read_allocation_xlsx(path)  # the file read once: the allocation, and its status in words
        sheet = [row for row in rows if not row.total]
        said, words = _status_words(cells)
    except InputError as exc:
        first = exc.problems[0]
        return [Phrase.of("verify.sheet_unreadable", name=path.name, why=(first.text("zh"), first.text("en")))], [], ()
    columns = [said if key == "status" and said == "status_text" else key for key in SHEET_COLUMNS]
    carried = [key for key in columns
               if key in ("status", said) or (key != "status_label" and any(_value(row, key) for row in sheet))]
    found = [_Read(row.row, row.application_id, [(key, _cell(row, key, words)) for key in carried
                                                 if key != "status" or row.status_given]) for row in sheet]
    written = _written(rerun)
    lines, reworded = _compared(found, written, _Said(*_SHEET, {"name": path.name}), lang, required=len(written))
    return _cut(lines), reworded, cells


def _cell(row: AllocationRow, key: str, words: Mapping[int, str]) -> object:
    """What the sheet's row says in the column `key` (the status in words: in `words`, by row)."""
    return words.get(row.row, "") if key in ("status_label", "status_text") else _value(row, key)


def _value(row: AllocationRow, key: str) -> object:
    value = getattr(row, key)
    return value.strip() if isinstance(value, str) else value


def _status_words(rows: Sequence[Sequence[object]]) -> tuple[str | None, dict[int, str]]:
    """Where the workbook's first sheet (`rows`, its cells) says the status in words, and what it says, by row:
    `status_label`, its 状态说明 beside a 状态 of codes (writers' versions before 8); else `status_text`, its 状态
    itself, as report.html's (since 8: a word read back as its status, and compared as the word); None where it has
    neither."""
    header = [_text(cell) for cell in rows[0]] if rows else []
    for key in ("status_label", "status"):
        column = next((i for i, text in enumerate(header) if text in LABELS[key]), None)
        if column is not None:
            return ("status_label" if key == "status_label" else "status_text",
                    {number: _text(row[column] if column < len(row) else None) for number, row in enumerate(rows, 1)})
    return None, {}


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


# --- report.html


def page_differences(path: Path, rerun: bytes, lang: str) -> tuple[list[Phrase], list[Phrase]]:
    """report.html's tables of applications read back and set beside the re-run's allocation.csv: each table with a
    column of application ids, row by row; the table of applications (with a row-number column) for each of the
    first MAX_ROWS rows and each column too — [] where they read as the run's allocation. A page that cannot be read
    back, or has no table of applications, is one sentence. Apart: the statuses written in other words."""
    try:
        tables = read_page_tables(path)
    except InputError as exc:
        first = exc.problems[0]
        return [Phrase.of("verify.report_unreadable", name=path.name, why=(first.text("zh"), first.text("en")))], []
    written = _written(rerun)
    listed = [(n, table) for n, table in enumerate(tables, 1) if _column(table, "application_id") is not None]
    main = [n for n, table in listed if _column(table, "row") is not None]
    lines: list[Phrase] = []
    reworded: list[Phrase] = []
    if not main:
        ids, rows = LABELS["application_id"], LABELS["row"]
        lines.append(Phrase.of("verify.report_no_table", name=path.name, id=ids, row=rows))
    for n, table in listed:
        said = _Said(*_PAGE, {"name": path.name, "table": _table_name(table, n)})
        if n in main:
            present = {PAGE_COLUMNS[key] for key in _fields(table).values()}
            lines += [said.of("verify.report_column_missing", column=Phrase.of(f"verify.sheet_column.{key}").both())
                      for key in LISTED if key not in present]
        differ, other_words = _compared(_page_rows(table), written, said, lang, required=MAX_ROWS if n in main else 0)
        lines += differ
        reworded += other_words
    return _cut(lines), reworded


def _column(table: PageTable, key: str) -> int | None:
    """Where the table has the column LABELS names `key` (in either language)."""
    return next((i for i, header in enumerate(table.headers) if header in LABELS[key]), None)


def _fields(table: PageTable) -> dict[int, str]:
    """The columns of a table compared, by place: the label's key each has."""
    return {i: key for i, header in enumerate(table.headers) for key in PAGE_COLUMNS if header in LABELS[key]}


def _page_rows(table: PageTable) -> list[_Read]:
    """The rows of a table of applications as read back, numbered as the page shows them (its header row 1)."""
    ids, columns = _column(table, "application_id"), _fields(table)
    assert ids is not None
    readers = {i: _money(_UNITS.get(key, Decimal(1))) if PAGE_COLUMNS[key] in ("entitlement", "allocated") else str
               for i, key in columns.items()}
    return [_Read(number, _at(cells, ids), [(PAGE_COLUMNS[key], readers[i](_at(cells, i)))
                                            for i, key in columns.items()])
            for number, cells in enumerate(table.rows, 2)]


def _at(cells: Sequence[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")  # 1,234.5678 or 1234.5678


def _money(unit: Decimal) -> Callable[[str], object]:
    """An amount as the page shows it (`1,234.5678` in 万元) in whole yuan — the text as it is where it is none (an
    exponent, say: `9e999999999` is no amount a page shows, nor one to work out)."""
    def read(text: str) -> object:
        if len(text) > 40 or not _AMOUNT.fullmatch(text):
            return text
        yuan = Decimal(text.replace(",", "")) * unit
        return int(yuan) if yuan == yuan.to_integral_value() else text
    return read


def _table_name(table: PageTable, number: int) -> Words:
    """A table as the sentences name it: by the heading above it, else by its place on the page."""
    heading = table.heading[:40] + ("…" if len(table.heading) > 40 else "")
    if heading:
        return heading, heading
    return Phrase.of("verify.report_table_nth", n=number).both()
