"""Fuzz the workbook reader through the command line: no mutated workbook may crash budgetopt or lose a row.

    python scripts/fuzz_workbooks.py [--seconds 60] [--seed 1] [--out reports/fuzz]

Each case starts from a small valid application workbook and mutates it: cells replaced by random values of any
type (text, numbers, NaN, dates, booleans, formulas), rows duplicated, blanked or swapped, headers renamed or
removed, the sheet renamed, other sheets added or hidden, rows and columns hidden, cells merged, a filter set, and
random bytes of the finished .xlsx flipped. Then `budgetopt allocate WORKBOOK --budget 1亿` runs on it (with
--skip-invalid half of the time). A case fails when the exit status is not 0, 2 or 3, when a traceback is printed,
or when a successful run's allocation.csv does not hold exactly one row per non-empty row of the sheet.

Failing cases are saved under --out (the workbook, and a .txt with the command, exit status and output); a summary
of the outcomes is printed. tests/test_fuzz.py runs the same cases under Hypothesis for a few seconds in CI.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from optimizer.cli import cli
from optimizer.reading import fields as cells
from optimizer.reading.applications import find_header_row
from optimizer.reading.fields import uscc_check_character
from optimizer.reading.sheet import ExcelFileError, read_sheet

ROOT = Path(__file__).resolve().parent.parent
EN = ["application_id", "applicant", "credit_code", "district", "clause", "project", "content_key", "investment",
      "requested", "score", "submitted_on", "industry", "enterprise_size", "qualified", "prior_support"]
ZH = ["申报编号", "申报单位", "统一社会信用代码", "所属区县", "政策条款", "项目名称", "事项标识", "实际投资额（万元）",
      "申请金额（万元）", "评审得分", "申报日期", "所属行业", "企业规模", "资格认定", "已获市级同类支持"]
CLAUSES = ["1", "2", "3", "4", "5", "6", "7a", "7b", "8a", "9", "10", "11a", "12", "13", "14b", "19", "20", "7", "21"]
DISTRICTS = ["两江新区", "沙坪坝区", "渝北区", "江北区", "石柱县", "北京市朝阳区", "万盛经开区", ""]
ODD_TEXT = ["", " ", "\u3000", "NaN", "inf", "-0", "1e309", "=1/0", "=A2", "=SUM(H2:H9)", "@cmd", "+1", "TRUE", "是",
            "4000万", "1.2亿", "４０，０００", "12,34", "2026-02-30", "2026年13月1日", "0x10", "None", "null", "#N/A",
            "#DIV/0!", "'", '"', "<c r=\"XFD1\"/>", "&lt;", "]]>", "\\", "申报编号", "x" * 300, "7B ", "１２"]


def credit_code(seed: int) -> str:
    first17 = f"91500000MA{seed % 10_000_000:07d}"
    return first17 + uscc_check_character(first17)


def valid_row(rnd: random.Random, n: int) -> list[Any]:
    clause = rnd.choice(["7b", "10", "4", "13"])
    district = rnd.choice(["两江新区", "沙坪坝区", "涪陵区"])
    submitted = date(2026, rnd.randint(2, 12), rnd.randint(1, 28))
    return [f"A-{n:03d}", f"重庆测试{n}有限公司", credit_code(n), district, clause, f"项目{n}",
            rnd.choice([None, "k1", "k2"]), rnd.choice([4000, 800.5, None]), rnd.choice([None, 300]),
            rnd.randint(60, 100), submitted, None, rnd.choice(["medium", "小型", None]),
            rnd.choice(["yes", "否", None]),
            rnd.choice([None, 0, 50])]


def random_value(rnd: random.Random) -> Any:
    """Anything a spreadsheet cell can hold, with a bias towards the troublesome."""
    kind = rnd.randrange(12)
    if kind == 0:
        return None
    if kind == 1:
        return rnd.choice(ODD_TEXT)
    if kind == 2:
        return "".join(chr(rnd.choice([rnd.randint(32, 126), rnd.randint(0x4E00, 0x9FA5), rnd.randint(0, 0xFFFF)]))
                       for _ in range(rnd.randint(0, 12)))
    if kind == 3:
        return rnd.choice([0, -1, 1, 2**53 + 1, -(2**63), 10**20, rnd.randint(-10**9, 10**9)])
    if kind == 4:
        return rnd.choice([0.1, -0.0, 1e-300, 1e300, 12345678.905, float("nan"), float("inf"), rnd.uniform(-1e9, 1e9),
                           2e9, -2e11, 2958466.5, 0.75])
    if kind == 5:
        return rnd.choice([True, False])
    if kind == 6:
        return rnd.choice([date(1900, 1, 1), date(2026, 3, 15), date(9999, 12, 31), date(2026, 2, 1)])
    if kind == 7:
        return rnd.choice([datetime(2026, 3, 15, 23, 59, 59), clock(12, 30), timedelta(days=3, hours=1)])
    if kind == 8:
        return rnd.choice(CLAUSES)
    if kind == 9:
        return rnd.choice(DISTRICTS)
    if kind == 10:
        return rnd.choice([credit_code(rnd.randrange(10**7)), "91500000MA0000001X", "91350100m000100y43"])
    return rnd.choice(EN + ZH)


@dataclass
class Case:
    """One mutated workbook, as written."""

    grid: list[list[Any]]
    sheet: str = "applications"
    extra_sheets: list[tuple[str, str]] = field(default_factory=list)  # (name, state), placed before the sheet
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    autofilter: str | None = None
    edits: list[tuple[int, int, int]] = field(default_factory=list)  # raw edits of the sheet's XML: (kind, where, what)
    flips: list[tuple[int, int]] = field(default_factory=list)  # (position as a share of 10**6, xor mask)
    formats: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, number format), from 1
    skip_invalid: bool = False
    steps: list[str] = field(default_factory=list)


def make_case(rnd: random.Random) -> Case:
    headers = list(rnd.choice([EN, ZH]))
    grid: list[list[Any]] = [headers] + [valid_row(rnd, n) for n in range(1, rnd.randint(1, 8) + 1)]
    case = Case(grid, skip_invalid=rnd.random() < 0.5)
    for _ in range(rnd.choice([0, 1, 1, 2, 3, 5])):
        mutation = rnd.choice(MUTATIONS)
        mutation(case, rnd)
        case.steps.append(mutation.__name__)
    return case


def replace_cell(case: Case, rnd: random.Random) -> None:
    r = rnd.randrange(1, len(case.grid)) if len(case.grid) > 1 else 0
    row = case.grid[r]
    column = rnd.randrange(len(row) + 2)
    row.extend([None] * (column + 1 - len(row)))
    row[column] = random_value(rnd)


def duplicate_row(case: Case, rnd: random.Random) -> None:
    source = rnd.randrange(len(case.grid))
    case.grid.insert(rnd.randrange(1, len(case.grid) + 1), list(case.grid[source]))


def blank_row(case: Case, rnd: random.Random) -> None:
    case.grid.insert(rnd.randrange(1, len(case.grid) + 1), rnd.choice([[], [None, "  "], ["\u3000"]]))


def swap_rows(case: Case, rnd: random.Random) -> None:
    a, b = rnd.randrange(len(case.grid)), rnd.randrange(len(case.grid))
    case.grid[a], case.grid[b] = case.grid[b], case.grid[a]


def rename_header(case: Case, rnd: random.Random) -> None:
    headers = case.grid[0]
    if headers:
        choices = [random_value(rnd), rnd.choice(EN + ZH), "investment (万元)", "评审得分（万元）", None, "备注", ""]
        headers[rnd.randrange(len(headers))] = rnd.choice(choices)


def drop_column(case: Case, rnd: random.Random) -> None:
    column = rnd.randrange(len(EN))
    for row in case.grid:
        if column < len(row):
            del row[column]


def title_row(case: Case, rnd: random.Random) -> None:
    case.grid.insert(0, [rnd.choice(["2026年度申报汇总表", "申报编号", None])])


def rename_sheet(case: Case, rnd: random.Random) -> None:
    name = rnd.choice(["申报项目", "Sheet1", " applications ", "APPLICATIONS", "说明", str(random_value(rnd))])
    name = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31].strip("'")
    case.sheet = _SURROGATES.sub("", ILLEGAL_CHARACTERS_RE.sub("", name)) or "Sheet"


def other_sheets(case: Case, rnd: random.Random) -> None:
    name = rnd.choice(["说明", "applications", "申报项目", "Sheet2", "数据源"])
    if name != case.sheet and name not in (n for n, _ in case.extra_sheets):
        case.extra_sheets.append((name, rnd.choice(["visible", "hidden", "veryHidden"])))


def hide_rows_and_columns(case: Case, rnd: random.Random) -> None:
    case.hidden_rows += rnd.sample(range(1, len(case.grid) + 3), k=min(2, len(case.grid)))
    case.hidden_columns.append(rnd.choice("ABCDHJKZ"))


def merge_cells(case: Case, rnd: random.Random) -> None:
    case.merged.append(rnd.choice(["A1:B1", "C2:C3", "H3:J3", "P1:R9"]))


def set_filter(case: Case, rnd: random.Random) -> None:
    case.autofilter = rnd.choice(["A1:O9", "A1:A1", "C1:C4"])


# Number formats that make python-calamine turn a number into something else: a date, a time, a timedelta
NUMBER_FORMATS = ["yyyy-mm-dd", "yyyy/m/d h:mm", "[h]:mm:ss", "[mm]:ss", "[s]", "hh:mm", "mm:ss.0", "0.00%", "@",
                  '#,##0.00"万元"', "mmm-yy", 'yyyy"年"m"月"d"日"', "General"]


def format_cells(case: Case, rnd: random.Random) -> None:
    """Cells formatted as a date, a time or a duration, as a template may have them (the values stay numbers)."""
    number_format = rnd.choice(NUMBER_FORMATS)
    for _ in range(rnd.randint(1, 4)):
        row = rnd.randrange(2, len(case.grid) + 2)
        case.formats.append((row, rnd.randrange(1, len(EN) + 1), number_format))


def edit_xml(case: Case, rnd: random.Random) -> None:
    case.edits.append((rnd.randrange(len(XML_EDITS)), rnd.randrange(10**6), rnd.randrange(10**6)))


def flip_bytes(case: Case, rnd: random.Random) -> None:
    case.flips += [(rnd.randrange(10**6), rnd.randint(1, 255)) for _ in range(rnd.randint(1, 4))]


MUTATIONS: list[Callable[[Case, random.Random], None]] = [
    replace_cell, replace_cell, replace_cell, replace_cell, duplicate_row, blank_row, swap_rows, rename_header,
    rename_header, drop_column, title_row, rename_sheet, other_sheets, hide_rows_and_columns, merge_cells,
    set_filter, flip_bytes, edit_xml, edit_xml, format_cells, format_cells,
]

# Edits of the sheet's XML that openpyxl would never write: odd values, types, references, formulas, damage.
ODD_VALUES = [b"inf", b"-inf", b"nan", b"1e309", b"-1e309", b"1e-400", b"", b"abc", b"0x1F", b"1,5", b" 5 ",
              b"99999999", b"-1", b"-2e11", b"-1e100", b"2958466", b"1.7976931348623157e308", b"TRUE", b"#N/A",
              b"\xe4\xb8\xad"]
ODD_TYPES = [b"e", b"b", b"d", b"s", b"str", b"n", b"zzz", b"inlineStr"]
ODD_REFS = [b"A1100001", b"XFE1", b"AAA5", b"a2", b"B0", b"", b"A99", b"1", b"GR2", b"GS3",
            b"B" + b"9" * 5000]  # past the 4,300 digits Python's int() converts


def _edit_value(xml: bytes, at: int, what: int) -> bytes:
    start = xml.find(b"<v>", at)
    end = xml.find(b"</v>", start)
    return xml if start < 0 or end < 0 else xml[:start + 3] + ODD_VALUES[what % len(ODD_VALUES)] + xml[end:]


def _edit_type(xml: bytes, at: int, what: int) -> bytes:
    start = xml.find(b"<c ", at)
    return xml if start < 0 else xml[:start + 3] + b't="' + ODD_TYPES[what % len(ODD_TYPES)] + b'" ' + \
        xml[start + 3:].replace(b' t="n"', b"", 1).replace(b' t="inlineStr"', b"", 1)


def _edit_ref(xml: bytes, at: int, what: int) -> bytes:
    start = xml.find(b'<c r="', at)
    end = xml.find(b'"', start + 6)
    return xml if start < 0 else xml[:start + 6] + ODD_REFS[what % len(ODD_REFS)] + xml[end:]


def _edit_formula(xml: bytes, at: int, what: int) -> bytes:
    start = xml.find(b"<v", at)
    formula = [b"<f>1/0</f>", b"<f>SUM(A1:A3)</f>", b'<f t="shared" si="0"/>', b"<f></f>", b"<f>&amp;&lt;</f>"]
    return xml if start < 0 else xml[:start] + formula[what % len(formula)] + xml[start:]


def _edit_damage(xml: bytes, at: int, what: int) -> bytes:
    damage = [xml[: len(xml) * at // 10**6], xml.replace(b"</row>", b"", 1), xml.replace(b"?>", b"?><!DOCTYPE x>", 1),
              xml.replace(b"<row ", b'<row hidden="1" ', 3), xml.replace(b'<c r="', b"<c ", 5), b""]
    return damage[what % len(damage)]


XML_EDITS: list[Callable[[bytes, int, int], bytes]] = [_edit_value, _edit_value, _edit_type, _edit_ref,
                                                        _edit_formula, _edit_damage]


def write_case(case: Case, path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for name, state in case.extra_sheets:
        book.create_sheet(name).sheet_state = state
    sheet.title = case.sheet
    book.move_sheet(sheet, len(book.sheetnames) - 1)
    for values in case.grid:
        sheet.append([_writable(v) for v in values])
    for number in case.hidden_rows:
        sheet.row_dimensions[number].hidden = True
    for letter in case.hidden_columns:
        sheet.column_dimensions[letter].hidden = True
    for ref in case.merged:
        sheet.merge_cells(ref)
    if case.autofilter:
        sheet.auto_filter.ref = case.autofilter
    for number, column, number_format in case.formats:
        sheet.cell(number, column).number_format = number_format
    if not any(s.sheet_state == "visible" for s in book.worksheets):
        book.worksheets[-1].sheet_state = "visible"
    book.save(path)
    if case.edits:
        _edit_sheet(path, case.edits)
    if case.flips:
        data = bytearray(path.read_bytes())
        for share, mask in case.flips:
            data[share * len(data) // 10**6] ^= mask
        path.write_bytes(bytes(data))
    return path


def _edit_sheet(path: Path, edits: list[tuple[int, int, int]]) -> None:
    member = f"xl/worksheets/sheet{1}.xml"
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    names = [name for name in parts if name.startswith("xl/worksheets/sheet")]
    member = sorted(names)[-1] if names else member  # the application sheet is the last one written
    xml = parts.get(member, b"")
    for kind, where, what in edits:
        xml = XML_EDITS[kind](xml, len(xml) * where // 10**6, what)
    parts[member] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _writable(value: Any) -> Any:
    """The value as openpyxl writes it: without the characters XML cannot hold (nor lone surrogates, which openpyxl
    would write as character references no XML reader takes, nor U+FFFE and U+FFFF, which it writes as they are and
    no XML reader takes either); NaN and infinity as empty cells."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return _SURROGATES.sub("", ILLEGAL_CHARACTERS_RE.sub("", value)) if isinstance(value, str) else value


_SURROGATES = re.compile("[\ud800-\udfff\ufffe\uffff]")  # and the two non-characters XML 1.0 excludes


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    output: str
    failure: str | None  # what is wrong, or None


def run_case(case: Case, folder: Path) -> Outcome:
    """Write the case, run `allocate` on it, and judge the outcome."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = write_case(case, folder / "apps.xlsx")
    out = folder / "out"
    args = ["allocate", str(path), "--budget", "1亿", "--out", str(out)] + (["--skip-invalid"] if case.skip_invalid
                                                                            else [])
    outcome = run_cli(args, allowed=(0, 2, 3))
    if outcome.failure is not None:
        return outcome
    if outcome.exit_code == 0:
        return Outcome(0, outcome.output, _rows_lost(case, path, out / "allocation.csv"))
    if not case.flips and not case.edits and "无法作为 .xlsx 工作簿读取" in outcome.output:
        return Outcome(outcome.exit_code, outcome.output, "a workbook openpyxl wrote was refused whole")
    return outcome


UNEXPECTED = ("Traceback", "意外错误", "unexpected error")


def run_cli(args: list[str], *, allowed: tuple[int, ...]) -> Outcome:
    """The command line run in this process on `args`, failed for what no input may make it do: an exception or a
    native panic escaping it, an exit status not `allowed`, a traceback or an unexpected error printed."""
    try:
        with native_stderr() as native:
            result = CliRunner().invoke(cli, args)
    except Exception:  # CliRunner itself catches Exception; a BaseException (e.g. a Rust panic) passes through
        raise
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        return Outcome(-1, "".join(traceback.format_exception(exc)), f"{type(exc).__name__} escaped the command line")
    output = result.output
    if "panicked" in native():  # Rust's panic hook writes to the terminal, beside the sentence
        return Outcome(result.exit_code, output + native(), "native code panicked (printed on the standard error)")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        return Outcome(result.exit_code, output + trace, "an exception escaped the command line")
    if result.exit_code not in allowed:
        return Outcome(result.exit_code, output, f"exit status {result.exit_code}")
    if any(word in output for word in UNEXPECTED):
        return Outcome(result.exit_code, output, "a traceback or an unexpected error was printed")
    return Outcome(result.exit_code, output, None)


@contextmanager
def native_stderr() -> Iterator[Callable[[], str]]:
    """What is written to file descriptor 2 within the block — by native code too, such as Rust's panic hook,
    which CliRunner does not see; read it after the block."""
    written: list[str] = []
    with tempfile.TemporaryFile() as sink:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield lambda: "".join(written)
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            written.append(sink.read().decode("utf-8", "replace"))


def _rows_lost(case: Case, path: Path, allocation: Path) -> str | None:
    """Whether allocation.csv holds one row per non-empty row of the sheet (below its headers)."""
    with allocation.open(encoding="utf-8-sig", newline="") as handle:
        written = len(list(csv.DictReader(handle)))
    try:
        sheet = read_sheet(path)
    except ExcelFileError as exc:
        return f"allocate succeeded but the workbook cannot be read again: {exc}"
    header = find_header_row(sheet)
    broken = {r for r, _ in sheet.errors} | {r for (r, _), f in sheet.formulas.items() if not f.has_value}
    seen = sum(1 for n, values in enumerate(sheet.rows, start=1)
               if n > header and (n in broken or not all(cells.is_empty(v) for v in values)))
    if written != seen:
        return f"allocation.csv has {written} rows for {seen} non-empty rows in the sheet"
    if not case.flips and not case.edits and not case.merged:  # a merged area keeps its top-left value only
        written_grid = sum(1 for values in case.grid[header:] if not all(cells.is_empty(_writable(v)) for v in values))
        if written_grid != seen:
            return f"the sheet shows {seen} non-empty rows below its headers, but {written_grid} were written"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run (default 60)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first case (default 1)")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "fuzz", help="where failing cases go")
    args = parser.parse_args(argv)
    outcomes: Counter[str] = Counter()
    failures = 0
    deadline = time.monotonic() + args.seconds
    seed = args.seed
    with tempfile.TemporaryDirectory() as scratch:
        while time.monotonic() < deadline:
            case = make_case(random.Random(seed))
            outcome = run_case(case, Path(scratch) / "case")
            outcomes[f"exit {outcome.exit_code}" + (" FAILED" if outcome.failure else "")] += 1
            if outcome.failure:
                failures += 1
                _save(args.out, seed, case, outcome, Path(scratch) / "case" / "apps.xlsx")
            seed += 1
    return summarise(outcomes, range(args.seed, seed), args.seconds, failures, args.out)


def summarise(outcomes: Counter[str], seeds: range, seconds: float, failures: int, out: Path) -> int:
    """Print how the cases came out; the exit status: 1 when any failed."""
    print(f"{sum(outcomes.values())} cases (seeds {seeds.start}–{seeds.stop - 1}) in {seconds:g} s:")
    for label, count in sorted(outcomes.items()):
        print(f"  {label}: {count}")
    print(f"{failures} failing case(s)" + (f", saved under {out}" if failures else ""))
    return 1 if failures else 0


def _save(folder: Path, seed: int, case: Case, outcome: Outcome, workbook: Path) -> None:
    save_case(folder, seed, (workbook.read_bytes(), ".xlsx"), outcome, f"mutations: {', '.join(case.steps)}\n"
              f"skip_invalid: {case.skip_invalid}", f"{outcome.failure} ({', '.join(case.steps)})")


def save_case(folder: Path, seed: int, file: tuple[bytes, str], outcome: Outcome, about: str, said: str) -> None:
    """A failing case kept under `folder`: its input (bytes, suffix), and a .txt of `about` it and its outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"seed{seed}{file[1]}").write_bytes(file[0])
    (folder / f"seed{seed}.txt").write_text(f"seed {seed}: {outcome.failure}\n{about}\nexit status: "
                                            f"{outcome.exit_code}\n\n{outcome.output}", encoding="utf-8")
    print(f"seed {seed}: {said}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
