"""The workbook reader: every accepted form (README, The application workbook), and every kind of problem with its
exact message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from helpers import EN_HEADERS, ZH_HEADERS, code, never_hangs, row, write_cells, write_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.domain import Application
from optimizer.reading.applications import WorkbookError, read_workbook
from optimizer.reading.sheet import ExcelFileError
from optimizer.rules.policy import Policy

Maker = Callable[..., Path]
PLACE = "apps.xlsx, sheet applications, row 2"


def read_one(policy: Policy, path: Path) -> Application:
    book = read_workbook(path, policy)
    assert len(book.valid) == 1, book.problems
    return book.valid[0]


def problems_of(policy: Policy, path: Path) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path, policy)
    return [str(p) for p in caught.value.problems]


def one_problem(policy: Policy, book_path: Maker, **overrides: Any) -> str:
    problems = problems_of(policy, book_path([row(**overrides)]))
    assert len(problems) == 1, problems
    return problems[0]


# ---------------------------------------------------------------- accepted forms


def test_a_valid_row_reads_to_its_values(policy: Policy, book_path: Maker) -> None:
    a = read_one(policy, book_path([row(content_key="厂区一期", requested=2_500_000.5, prior_support=0)]))
    assert a == Application(
        row=2, application_id="A-001", applicant="重庆长江智造有限公司", credit_code=code(1), district="两江新区",
        clause="7b", project="智能工厂建设", score=Decimal(85), submitted_on=date(2026, 3, 15), content_key="厂区一期",
        investment=Decimal(40_000_000), requested=Decimal("2500000.5"), industry=None, enterprise_size="medium",
        qualified=True, prior_support=Decimal(0))


def test_chinese_headers_in_any_order(policy: Policy, book_path: Maker) -> None:
    english = read_one(policy, book_path([row()], name="en.xlsx"))
    shuffled = list(reversed(ZH_HEADERS))
    assert read_one(policy, book_path([row()], headers=shuffled, name="zh.xlsx")) == english


def test_english_headers_tolerate_case_and_spaces(policy: Policy, book_path: Maker) -> None:
    headers = [h.replace("_", " ").title() for h in EN_HEADERS]
    assert read_one(policy, book_path([row()], headers=headers)).application_id == "A-001"


@pytest.mark.parametrize("header", ["实际投资额（万元）", "实际投资额(万元)", "investment (万元)",
                                    "Investment（万元）"])
def test_money_in_wan_yuan_is_multiplied(policy: Policy, book_path: Maker, header: str) -> None:
    headers = [header if h == "investment" else h for h in EN_HEADERS]
    a = read_one(policy, book_path([row(investment=4000.5)], headers=headers))
    assert a.investment == Decimal(40_005_000)


def test_money_in_yuan_suffix_is_yuan(policy: Policy, book_path: Maker) -> None:
    headers = ["申请金额（元）" if h == "requested" else h for h in EN_HEADERS]
    assert read_one(policy, book_path([row(requested=1234.56)], headers=headers)).requested == Decimal("1234.56")


@pytest.mark.parametrize(("cell", "expected"), [
    ("40,000,000", 40_000_000), ("４０，０００，０００", 40_000_000), ("  40000000 ", 40_000_000),
    ("12,345,678.90", Decimal("12345678.9")), (12345678.9, Decimal("12345678.9")), ("4e7", 40_000_000),
])
def test_numbers_as_people_type_them(policy: Policy, book_path: Maker, cell: Any, expected: Any) -> None:
    assert read_one(policy, book_path([row(investment=cell)])).investment == Decimal(expected)


@pytest.mark.parametrize("cell", [date(2026, 3, 5), datetime(2026, 3, 5, 14, 30), "2026-03-05", "2026-3-5",
                                  "2026/3/5", "2026年3月5日", " 2026年03月05日 ", "２０２６－０３－０５"])
def test_dates_as_excel_dates_or_three_text_forms(policy: Policy, book_path: Maker, cell: Any) -> None:
    assert read_one(policy, book_path([row(submitted_on=cell)])).submitted_on == date(2026, 3, 5)


@pytest.mark.parametrize(("cell", "expected"), [
    ("yes", True), ("YES", True), ("是", True), ("Y", True), ("true", True), (True, True),
    ("no", False), ("否", False), ("n", False), ("FALSE", False), (False, False), (None, None),
])
def test_yes_no_spellings(policy: Policy, book_path: Maker, cell: Any, expected: bool | None) -> None:
    assert read_one(policy, book_path([row(qualified=cell)])).qualified is expected


@pytest.mark.parametrize(("cell", "expected"), [("食品及农产品加工", "food_agri"), ("food_agri", "food_agri"),
                                                ("Steel", "steel"), ("电解铝", "electrolytic_aluminium"),
                                                ("化工行业", "chemical")])
def test_industry_codes_and_chinese_names(policy: Policy, book_path: Maker, cell: str, expected: str) -> None:
    assert read_one(policy, book_path([row(industry=cell)])).industry == expected


@pytest.mark.parametrize(("cell", "expected"), [("中型", "medium"), ("小型企业", "small"), ("Micro", "micro"),
                                                ("大型", "large")])
def test_size_codes_and_chinese_names(policy: Policy, book_path: Maker, cell: str, expected: str) -> None:
    assert read_one(policy, book_path([row(enterprise_size=cell)])).enterprise_size == expected


@pytest.mark.parametrize(("cell", "expected"), [("7B", "7b"), (" 7b ", "7b"), (12, "12"), (12.0, "12"),
                                                ("１２", "12"), ("14A", "14a")])
def test_clause_ids_ignore_case_spaces_and_width(policy: Policy, book_path: Maker, cell: Any, expected: str) -> None:
    assert read_one(policy, book_path([row(clause=cell)])).clause == expected


@pytest.mark.parametrize(("cell", "expected"), [("重庆市沙坪坝区", "沙坪坝区"), ("石柱县", "石柱土家族自治县"),
                                                ("万盛经开区", "万盛经开区"),
                                                ("西部科学城重庆高新区", "西部科学城重庆高新区")])
def test_districts_and_their_common_spellings(policy: Policy, book_path: Maker, cell: str, expected: str) -> None:
    assert read_one(policy, book_path([row(district=cell)])).district == expected


@pytest.mark.parametrize("old", ["渝北区", "江北区"])
def test_abolished_districts_are_read_as_liangjiang_with_a_warning(policy: Policy, book_path: Maker,
                                                                   old: str) -> None:
    book = read_workbook(book_path([row(district=old)]), policy)
    assert book.valid[0].district == "两江新区"
    assert [str(w) for w in book.warnings] == [
        f"{PLACE}, column district: warning: {old} was abolished on 2026-01-25; read as 两江新区"]


def test_credit_code_case_and_spaces_are_forgiven(policy: Policy, book_path: Maker) -> None:
    assert read_one(policy, book_path([row(credit_code=" 91350100m000100y43 ")])).credit_code == "91350100M000100Y43"


def test_unknown_columns_are_kept_with_a_warning(policy: Policy, book_path: Maker) -> None:
    book = read_workbook(book_path([row()], headers=[*EN_HEADERS, "备注"]), policy)
    assert len(book.valid) == 1
    assert [str(w) for w in book.warnings] == [
        "apps.xlsx, sheet applications, row 1, column 备注: warning: unknown column '备注' is kept and ignored"]


def test_optional_columns_may_be_missing(policy: Policy, book_path: Maker) -> None:
    required = ["application_id", "applicant", "credit_code", "district", "clause", "project", "score",
                "submitted_on"]
    a = read_one(policy, book_path([row(clause="10")], headers=required))
    assert (a.investment, a.qualified, a.prior_support) == (None, None, Decimal(0))


def test_empty_rows_are_skipped_and_row_numbers_kept(policy: Policy, tmp_path: Path) -> None:
    first, second = row(), row(application_id="A-002")
    grid = [EN_HEADERS, [first[h] for h in EN_HEADERS], [None] * 3, ["  "], [second[h] for h in EN_HEADERS]]
    book = read_workbook(write_cells(tmp_path / "apps.xlsx", grid), policy)
    assert [a.row for a in book.valid] == [2, 5]


def test_the_application_sheet_is_found_by_name(policy: Policy, tmp_path: Path) -> None:
    path = tmp_path / "apps.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["本表说明"])
    sheet = workbook.create_sheet("申报项目")
    sheet.append(EN_HEADERS)
    sheet.append([row()[h] for h in EN_HEADERS])
    workbook.save(path)
    assert read_workbook(path, policy).sheet == "申报项目"


def test_otherwise_the_first_sheet(policy: Policy, book_path: Maker) -> None:
    assert read_workbook(book_path([row()], sheet="Sheet1"), policy).sheet == "Sheet1"


def test_a_title_row_above_the_headers_is_tolerated(policy: Policy, tmp_path: Path) -> None:
    grid = [["2026年度申报汇总表"], EN_HEADERS, [row()[h] for h in EN_HEADERS]]
    book = read_workbook(write_cells(tmp_path / "apps.xlsx", grid), policy)
    assert [a.row for a in book.valid] == [3]
    assert str(book.warnings[0]) == ("apps.xlsx, sheet applications, row 2: warning: column headers found in row 2; "
                                     "rows above it are ignored")


def test_formula_cells_count_as_their_saved_value(policy: Policy, tmp_path: Path) -> None:
    path = tmp_path / "apps.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("applications")
    sheet.write_row(0, 0, EN_HEADERS)
    values = row(submitted_on="2026-03-15")
    sheet.write_row(1, 0, [values[h] for h in EN_HEADERS])
    sheet.write_formula(1, EN_HEADERS.index("investment"), "=2000*20000", None, 40_000_000)
    book.close()
    result = read_workbook(path, policy)
    assert result.valid[0].investment == Decimal(40_000_000)
    assert str(result.warnings[0]) == ("apps.xlsx, sheet applications: warning: 1 formula cell(s) read by the value "
                                       "Excel saved with them (H2)")


# ---------------------------------------------------------------- problems, with their exact messages


@pytest.mark.parametrize("cell", ["1" * 32_766 + "x", "1," * 16_383 + "x", "1." * 16_383, "1" + " " * 32_765 + "x",
                                  " " * 32_765 + "1x万"])
def test_a_long_cell_that_is_no_amount_is_judged_at_once(cell: str) -> None:
    """Two patterns backtracked quadratically on such cells (a unit after the digits; the number before a unit):
    one cell of 32,767 characters, the most Excel holds, took 14 s."""
    from optimizer.money import AmountError, parse_amount
    from optimizer.reading.fields import CellError, MoneyColumn, money

    with never_hangs():
        for _ in range(3):
            with pytest.raises(CellError):
                money(cell, MoneyColumn())
            with pytest.raises(AmountError):
                parse_amount(cell)


@pytest.mark.parametrize(("field", "cell", "message"), [
    ("credit_code", "91350100M000100Y4X", "check character is 'X', expected '3'"),
    ("credit_code", "91350100M000100Y4", "'91350100M000100Y4' must have 18 characters, found 17"),
    ("credit_code", "91350100I000100Y43",
     "character 'I' at position 9 is not allowed (a credit code uses 0-9 and A-Z without I, O, S, V, Z)"),
    ("district", "北京市朝阳区", "'北京市朝阳区' is not one of Chongqing's county-level divisions"),
    ("clause", "21", "'21' is not a clause of 渝经信规范〔2026〕2号 (1…20, 7a/7b, 8a/8b, 11a/11b, 14a/14b)"),
    ("clause", 7, "clause 7 has separate awards: write 7a (基础级智能工厂（数字化车间）) or 7b (先进级智能工厂)"),
    ("investment", -5, "must not be negative, found -5"),
    ("investment", "about 4000万", "'about 4000万' carries a unit; write the number alone and put the unit in the "
                                   "column header, e.g. investment (万元)"),
    ("investment", "4000万", "'4000万' carries a unit; write the number alone and put the unit in the column header, "
                             "e.g. investment (万元)"),
    ("investment", "n/a", "'n/a' is not a number"),
    ("investment", "1e999999999", "'1e999999999' is not a number"),  # decimal.Overflow once
    ("investment", "40,00,000", "'40,00,000' has misplaced thousands separators"),
    ("investment", 1234.567, "1234.567 has more than two decimals of a yuan (分)"),
    ("investment", True, "TRUE is not a number"),
    ("requested", 0, "must be more than 0"),
    ("prior_support", -1, "must not be negative, found -1"),
    ("score", 101, "must be between 0 and 100, found 101"),
    ("score", "优秀", "'优秀' is not a number"),
    ("submitted_on", "2026-02-30", "'2026-02-30' is not a real date"),
    ("submitted_on", "next week", "'next week' is not a date (write 2026-03-15, 2026/3/15 or 2026年3月15日, or use an "
                                  "Excel date)"),
    ("submitted_on", 46096, "46096 is a number, not a date (format the cell as a date, or write 2026-03-15)"),
    ("industry", "钢材", "'钢材' is not an industry (one of food_agri 食品及农产品加工, light_textile 轻纺, "
                        "steel 钢铁, "
                        "electrolytic_aluminium 电解铝, cement 水泥, flat_glass 平板玻璃, chemical 化工, other 其他)"),
    ("enterprise_size", "巨型", "'巨型' is not an enterprise size (one of large 大型, medium 中型, small 小型, "
                                "micro 微型)"),
    ("qualified", "maybe", "'maybe' is not yes or no (write yes/no, 是/否, Y/N or TRUE/FALSE)"),
    ("applicant", None, "is empty; a value is required"),
    ("score", "  ", "is empty; a value is required"),
    ("score", "优秀" * 60, f"'{'优秀' * 50}… (120 characters)' is not a number"),  # a long cell quoted briefly
    ("district", "两江新区" * 30, f"'{'两江新区' * 25}… (120 characters)' is not one of Chongqing's county-level "
                                 "divisions"),
])
def test_each_problem_names_file_sheet_row_column(policy: Policy, book_path: Maker, field: str, cell: Any,
                                                   message: str) -> None:
    assert one_problem(policy, book_path, **{field: cell}) == f"{PLACE}, column {field}: {message}"


def test_problems_name_the_column_as_the_workbook_writes_it(policy: Policy, book_path: Maker) -> None:
    path = book_path([row(credit_code="91350100M000100Y4X")], headers=ZH_HEADERS, name="sample.xlsx",
                     sheet="申报项目")
    assert problems_of(policy, path) == [
        "sample.xlsx, sheet 申报项目, row 2, column 统一社会信用代码: check character is 'X', expected '3'"]


def test_every_problem_of_every_row_in_one_pass(policy: Policy, book_path: Maker) -> None:
    rows = [row(), row(application_id="A-002", score=120, clause="99"), row(application_id="A-001"),
            row(application_id="A-004", submitted_on="soon")]
    assert problems_of(policy, book_path(rows)) == [
        "apps.xlsx, sheet applications, row 3, column clause: '99' is not a clause of 渝经信规范〔2026〕2号 "
        "(1…20, 7a/7b, 8a/8b, 11a/11b, 14a/14b)",
        "apps.xlsx, sheet applications, row 3, column score: must be between 0 and 100, found 120",
        "apps.xlsx, sheet applications, row 4, column application_id: application_id 'A-001' is already used in row 2",
        "apps.xlsx, sheet applications, row 5, column submitted_on: 'soon' is not a date (write 2026-03-15, "
        "2026/3/15 or 2026年3月15日, or use an Excel date)",
    ]


def test_columns_are_read_whole_yet_each_row_keeps_its_own_problems(policy: Policy, book_path: Maker) -> None:
    """Columns are read in one pass each; a blank or wrong cell sends only its column cell by cell. Blank optional
    cells (empty, spaces, a full-width space) take the default; problems come row by row, in column order."""
    rows = [row(), row(application_id="A-002", content_key="  ", requested=None),
            row(application_id="A-003", content_key="\u3000", applicant="\u3000", score="  "),
            row(application_id="A-004", clause="99", requested="lots")]
    book = read_workbook(book_path(rows), policy, skip_invalid=True)
    assert [(a.row, a.content_key, a.requested) for a in book.valid] == [(2, None, None), (3, None, None)]
    assert [(p.row, p.column, p.says()) for p in book.problems] == [
        (4, "applicant", "is empty; a value is required"),
        (4, "score", "is empty; a value is required"),
        (5, "clause", "'99' is not a clause of 渝经信规范〔2026〕2号 (1…20, 7a/7b, 8a/8b, 11a/11b, 14a/14b)"),
        (5, "requested", "'lots' is not a number"),
    ]


def test_every_reader_refuses_a_blank_cell(policy: Policy) -> None:
    """What the one-pass reading of a column relies on: a blank cell is never read as a value."""
    from optimizer.money import WAN
    from optimizer.reading.applications import BY_FIELD, _readers
    from optimizer.reading.fields import CellError, MoneyColumn

    for field, read in _readers(policy, {f: MoneyColumn(WAN) for f in BY_FIELD if BY_FIELD[f].money}).items():
        for blank in ("", " ", "\u3000", "\t", " \u3000\n"):
            with pytest.raises(CellError):
                read(blank)
                pytest.fail(f"{field} read {blank!r}")


def test_skip_invalid_keeps_the_bad_rows_aside(policy: Policy, book_path: Maker) -> None:
    book = read_workbook(book_path([row(), row(application_id="A-002", score=-1)]), policy, skip_invalid=True)
    assert [a.application_id for a in book.valid] == ["A-001"]
    assert [(r.row, r.cells["application_id"], r.cells["score"]) for r in book.invalid] == [(3, "A-002", "-1")]


def test_missing_required_columns_are_each_named(policy: Policy, book_path: Maker) -> None:
    headers = [h for h in EN_HEADERS if h not in ("credit_code", "score")]
    assert problems_of(policy, book_path([row()], headers=headers)) == [
        "apps.xlsx, sheet applications, row 1: required column 统一社会信用代码 (credit_code) is missing",
        "apps.xlsx, sheet applications, row 1: required column 评审得分 (score) is missing",
    ]


def test_a_column_given_twice_is_a_problem(policy: Policy, tmp_path: Path) -> None:
    grid = [[*EN_HEADERS, "评审得分"], [*(row()[h] for h in EN_HEADERS), 90]]
    assert problems_of(policy, write_cells(tmp_path / "apps.xlsx", grid)) == [
        "apps.xlsx, sheet applications, row 1, column 评审得分: repeats the column 'score' (score); keep one of them"]


def test_a_unit_on_a_column_that_is_not_money(policy: Policy, book_path: Maker) -> None:
    headers = ["评审得分（万元）" if h == "score" else h for h in EN_HEADERS]
    assert problems_of(policy, book_path([row()], headers=headers)) == [
        "apps.xlsx, sheet applications, row 1, column 评审得分（万元）: "
        "a unit (万元) belongs only on a money column"]


def test_a_formula_without_a_saved_value_is_a_problem(policy: Policy, tmp_path: Path) -> None:
    values = row()
    values["investment"] = "=2000*20000"  # openpyxl saves formulas without a value, as if never calculated
    path = write_rows(tmp_path / "apps.xlsx", [values])
    assert problems_of(policy, path) == [
        f"{PLACE}, column investment: formula =2000*20000 has no saved value (open the file in Excel and save it)"]


def test_an_error_value_is_a_problem(policy: Policy, tmp_path: Path) -> None:
    path = tmp_path / "apps.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("applications")
    sheet.write_row(0, 0, EN_HEADERS)
    values = row(submitted_on="2026-03-15")
    sheet.write_row(1, 0, [values[h] for h in EN_HEADERS])
    sheet.write_formula(1, EN_HEADERS.index("score"), "=1/0", None, "#DIV/0!")
    book.close()
    assert problems_of(policy, path) == [f"{PLACE}, column score: holds the Excel error #DIV/0!"]


def test_a_file_that_is_not_xlsx(policy: Policy, tmp_path: Path) -> None:
    path = tmp_path / "apps.xlsx"
    path.write_text("application_id,applicant\n", encoding="utf-8")
    with pytest.raises(ExcelFileError, match=r"^apps.xlsx: is not an .xlsx workbook"):
        read_workbook(path, policy)


def test_an_old_xls_file(policy: Policy, tmp_path: Path) -> None:
    path = tmp_path / "apps.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ExcelFileError, match=r"old-style \.xls workbook or a password-protected file"):
        read_workbook(path, policy)


def test_a_damaged_zip(policy: Policy, tmp_path: Path) -> None:
    path = tmp_path / "apps.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"garbage" * 20)
    with pytest.raises(ExcelFileError, match=r"^apps.xlsx: cannot be read as an .xlsx workbook"):
        read_workbook(path, policy)


def test_a_second_process_reading_part_of_the_rows_changes_nothing(policy: Policy, book_path: Maker,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Large sheets are read in two parts (the second by a forked process); ids are compared across parts, and
    problems and warnings keep their row order."""
    rows = [row(application_id=f"A-{i:03}", credit_code=code(i), district="渝北区" if i % 7 == 0 else "渝中区")
            for i in range(1, 41)]
    rows[5] = row(application_id="A-030", score=120)  # invalid, and its id is used again in the second half
    rows[25] = row(application_id="A-003")  # valid, but the id is used in the first half
    rows[33] = row(application_id="A-034", submitted_on="soon")
    path = book_path(rows)
    whole = read_workbook(path, policy, skip_invalid=True)
    monkeypatch.setattr("optimizer.reading.applications.SPLIT_FROM", 2)
    halves = read_workbook(path, policy, skip_invalid=True)
    assert halves == whole
    assert [p.row for p in halves.problems] == [7, 27, 31, 35]  # row 31: A-030, used in row 7 already
    assert [w.row for w in halves.warnings if w.code == "cell.district.abolished"] == [8, 15, 22, 29, 36]


# ---------------------------------------------------------------- rows read together are rows read alone

_CELLS: dict[str, list[Any]] = {  # per column: readable values, blanks and wrong ones
    "application_id": ["A-1", "A-2", " A-3 ", None, "  "],
    "applicant": ["重庆长江智造有限公司", None, "\u3000"],
    "credit_code": [code(1), code(2), "91350100M000100Y4X", None, 12345],
    "district": ["两江新区", "渝北区", "万州区", "火星区", None],
    "clause": ["7b", "3", " 7A ", 12.0, "99", "11", None],
    "project": ["智能工厂建设", None, "  "],
    "content_key": [None, "厂区一期", "  ", 7],
    "investment": [40_000_000, "1,000", 12.345, -5, None, "lots", "  "],
    "requested": [None, 2_500_000.5, 0, "  "],
    "score": [85, 99.5, 120, "  ", None, True],
    "submitted_on": [date(2026, 3, 15), "2026/3/1", "soon", 46096, None],
    "industry": [None, "钢铁", "steel", "钢材"],
    "enterprise_size": ["medium", "小型", "巨型", None],
    "qualified": ["yes", "否", "maybe", None, True],
    "prior_support": [None, 0, 100_000, -1],
}


@st.composite
def _sheet_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Valid rows with up to three cells changed to a value of the column's pool (blank, wrong or another)."""
    rows = []
    for i in range(draw(st.integers(1, 8))):
        changed = draw(st.lists(st.sampled_from(list(_CELLS)), max_size=3, unique=True))
        rows.append(row(**{"application_id": f"A-{i}", **{f: draw(st.sampled_from(_CELLS[f])) for f in changed}}))
    return rows


@settings(max_examples=150, deadline=None)
@given(_sheet_rows())
def test_rows_read_together_are_rows_read_alone(policy: Policy, cells: list[dict[str, Any]]) -> None:
    """Columns are read in one pass, or cell by cell when one cell is blank or wrong: a row's outcome (its values,
    or its problems in column order, and its warnings) must not depend on the rows beside it."""
    from optimizer.reading.applications import _find_columns, _read_rows, _readers
    from optimizer.reading.sheet import Sheet

    sheet = Sheet("apps.xlsx", "applications", [list(EN_HEADERS)] + [[c[f] for f in EN_HEADERS] for c in cells])
    layout, _, _ = _find_columns(sheet)
    readers = _readers(policy, {})
    numbers = list(range(2, len(cells) + 2))
    together = _read_rows(sheet, layout, readers, numbers)
    alone = [_read_rows(sheet, layout, readers, [n]) for n in numbers]
    assert together[0] == [read for rows, _ in alone for read in rows]
    assert together[1] == [warning for _, warnings in alone for warning in warnings]


# ---------------------------------------------------------------- a unit in a cell: told by what the header says


@pytest.mark.parametrize(("header", "cell", "message"), [
    ("实际投资额（万元）", "4000万", "'4000万' carries a unit; the column header already says 万元: write 4000"),
    ("实际投资额(万元)", "4,000 万元", "'4,000 万元' carries a unit; the column header already says 万元: write 4000"),
    ("实际投资额（万元）", "4000元", "'4000元' carries a unit, but the column header says 万元: write 0.4"),
    ("实际投资额（万元）", "1.2亿", "'1.2亿' carries a unit, but the column header says 万元: write 12000"),
    ("实际投资额（万元）", "about 4000万", "'about 4000万' carries a unit; the column header already says 万元: write "
                                         "the number alone"),
    ("实际投资额（元）", "4000万", "'4000万' carries a unit, but the column header says 元: write 40000000"),
    ("实际投资额（元）", "4000元", "'4000元' carries a unit; the column header already says 元: write 4000"),
    ("实际投资额", "4000万", "'4000万' carries a unit; write the number alone and put the unit in the column header, "
                            "e.g. 实际投资额（万元）"),
    ("实际投资额", "4000元", "'4000元' carries a unit; the column is in yuan (its header names no unit): write 4000"),
    ("实际投资额", "1.2亿元", "'1.2亿元' carries a unit; write it in 万元, 12000, and put the unit in the column "
                             "header, e.g. 实际投资额（万元）"),
    ("Investment", "4000万", "'4000万' carries a unit; write the number alone and put the unit in the column header, "
                            "e.g. Investment (万元)"),
])
def test_a_unit_in_a_cell_is_told_what_the_header_says(policy: Policy, book_path: Maker, header: str, cell: str,
                                                        message: str) -> None:
    headers = [header if h == "investment" else h for h in EN_HEADERS]
    assert one_problem(policy, lambda rows: book_path(rows, headers=headers), investment=cell) == (
        f"{PLACE}, column {header}: {message}")


def test_a_unit_in_a_score_is_simply_not_a_number(policy: Policy, book_path: Maker) -> None:
    assert one_problem(policy, book_path, score="85万") == f"{PLACE}, column score: '85万' is not a number"


# ---------------------------------------------------------------- a workbook without applications


def test_headers_without_rows_are_a_problem(policy: Policy, book_path: Maker) -> None:
    assert problems_of(policy, book_path([])) == ["apps.xlsx, sheet applications: the workbook has no applications"]


def test_an_empty_sheet_is_a_problem_and_only_that(policy: Policy, tmp_path: Path) -> None:
    assert problems_of(policy, write_cells(tmp_path / "apps.xlsx", [])) == [
        "apps.xlsx, sheet applications: the workbook has no applications: its sheet is empty"]
    assert problems_of(policy, write_cells(tmp_path / "apps.xlsx", [[None, "  "], [], ["\u3000"]])) == [
        "apps.xlsx, sheet applications: the workbook has no applications: its sheet is empty"]


def test_missing_columns_and_no_rows_are_both_said(policy: Policy, book_path: Maker) -> None:
    headers = [h for h in EN_HEADERS if h != "score"]
    assert problems_of(policy, book_path([], headers=headers)) == [
        "apps.xlsx, sheet applications, row 1: required column 评审得分 (score) is missing",
        "apps.xlsx, sheet applications: the workbook has no applications"]


def test_no_records_are_a_problem_even_when_skipping_invalid_rows(policy: Policy) -> None:
    import pandas as pd

    from optimizer.reading.applications import read_applications

    for source, name in (([], "records"), (pd.DataFrame(columns=EN_HEADERS), "DataFrame")):
        with pytest.raises(WorkbookError) as caught:
            read_applications(source, policy=policy, skip_invalid=True)
        assert str(caught.value) == f"{name}: holds no applications"


def test_rows_that_are_all_invalid_are_still_applications(policy: Policy, book_path: Maker) -> None:
    book = read_workbook(book_path([row(score=150)]), policy, skip_invalid=True)
    assert (len(book.valid), len(book.invalid)) == (0, 1)


# ---------------------------------------------------------------- amounts implausible for their clause: warnings


def warnings_of(policy: Policy, path: Path, skip_invalid: bool = False) -> list[str]:
    return [str(w) for w in read_workbook(path, policy, skip_invalid=skip_invalid).warnings]


def test_yuan_typed_into_a_wan_column_is_warned_about(policy: Policy, book_path: Maker) -> None:
    headers = ["实际投资额（万元）" if h == "investment" else h for h in EN_HEADERS]
    path = book_path([row(investment=50_000_000), row(application_id="A-002", investment=4000)], headers=headers)
    book = read_workbook(path, policy)
    assert [a.investment for a in book.valid] == [Decimal(500_000_000_000), Decimal(40_000_000)]  # read, not refused
    assert [str(w) for w in book.warnings] == [
        f"{PLACE}, column 实际投资额（万元）: warning: 50,000,000 万元 (500,000,000,000 yuan) is more than 1,000 times "
        "the actual investment at which clause 7b pays its most (30,000,000 yuan): was it written in yuan? The column "
        "header says 万元"]


def test_wan_typed_into_a_yuan_column_is_warned_about(policy: Policy, book_path: Maker) -> None:
    path = book_path([row(clause="3", investment=None, requested=300)])
    assert warnings_of(policy, path) == [
        f"{PLACE}, column requested: warning: 300 yuan is less than a thousandth of the most clause 3 pays "
        "(3,000,000 yuan): was it meant in 万元? If the column is in 万元, say so in its header, e.g. "
        "requested (万元)"]


def test_one_warning_per_row_and_column_in_row_then_column_order(policy: Policy, book_path: Maker) -> None:
    headers = ["申请金额（元）" if h == "requested" else h for h in EN_HEADERS]
    path = book_path([row(district="渝北区", requested=20_000_000_000, prior_support=1500, investment=20_000),
                      row(application_id="A-002", credit_code=code(2), requested=100)], headers=headers)
    assert warnings_of(policy, path) == [
        f"{PLACE}, column district: warning: 渝北区 was abolished on 2026-01-25; read as 两江新区",
        f"{PLACE}, column investment: warning: 20,000 yuan is less than a thousandth of the actual investment at which "
        "clause 7b pays its most (30,000,000 yuan): was it meant in 万元? If the column is in 万元, say so in its "
        "header, e.g. investment (万元)",
        f"{PLACE}, column 申请金额（元）: warning: 20,000,000,000 yuan is more than 1,000 times the most clause 7b "
        "pays (3,000,000 yuan): please check the amount",
        f"{PLACE}, column prior_support: warning: 1,500 yuan is less than a thousandth of the most clause 7b pays "
        "(3,000,000 yuan): was it meant in 万元? If the column is in 万元, say so in its header, e.g. "
        "prior_support (万元)",
        "apps.xlsx, sheet applications, row 3, column 申请金额（元）: warning: 100 yuan is less than a thousandth of "
        "the most clause 7b pays (3,000,000 yuan): was it meant in 万元? If the column is in 万元, say so in its "
        "header, e.g. 申请金额（万元）",
    ]


@pytest.mark.parametrize("overrides", [
    {"investment": 30_000, "requested": 3_000},  # exactly a thousandth: still plausible
    {"investment": 30_000_000_000, "requested": 3_000_000_000},  # exactly 1,000 times
    {"clause": "3", "investment": 1},  # a capped clause pays no share of the investment: it is not measured
    {"clause": "19", "investment": 1, "requested": 1, "qualified": None},  # procurement has no maximum
    {"requested": None, "prior_support": 0, "investment": 0},  # nothing, or 0, is not an amount to measure
])
def test_plausible_or_unmeasured_amounts_are_not_warned_about(policy: Policy, book_path: Maker,
                                                              overrides: dict[str, Any]) -> None:
    assert warnings_of(policy, book_path([row(**overrides)])) == []


def test_an_invalid_row_is_not_measured(policy: Policy, book_path: Maker) -> None:
    assert warnings_of(policy, book_path([row(requested=1, score=150)]), skip_invalid=True) == []


def test_the_sample_workbook_has_no_implausible_amounts(policy: Policy) -> None:
    from helpers import ROOT

    book = read_workbook(ROOT / "data" / "sample_applications.xlsx", policy)
    assert [w.code for w in book.warnings if w.code and w.code.startswith("cell.implausible")] == []
