"""Reading a workbook of awards granted under other municipal policies (`budgetopt ledger import`): every accepted
form, and every kind of problem with its exact message, in English and in Chinese."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from helpers import code, write_cells

from optimizer.domain import LedgerAward
from optimizer.errors import InputError
from optimizer.reading.awards import AwardsFileError, read_awards, read_awards_file
from optimizer.reading.sheet import ExcelFileError, FileLimits

POLICY = "渝经信发〔2024〕35号"
ZH = ["统一社会信用代码", "事项标识", "金额（万元）", "拨付日期", "申报单位", "关联企业组"]
EN = ["awarded_on", "amount", "content_key", "credit_code"]  # any order; the optional columns left out
PLACE = "awards.xlsx, sheet awards"


def book(tmp_path: Path, grid: list[list[Any]], name: str = "awards.xlsx", sheet: str = "awards") -> Path:
    return write_cells(tmp_path / name, grid, sheet=sheet)


def problems(path: Path, policy: str = POLICY, lang: str = "en") -> list[str]:
    with pytest.raises(AwardsFileError) as caught:
        read_awards(path, policy)
    return [p.text(lang) for p in caught.value.problems]


# ---------------------------------------------------------------- accepted forms


def test_chinese_headers_with_the_amount_in_wan(tmp_path: Path) -> None:
    first = [code(1).lower(), "智能工厂-2025", 150, datetime(2025, 7, 1), " 重庆长江智造有限公司 ", "长江集团"]
    path = book(tmp_path, [ZH, first, [code(2), "数字化车间", "12.5", "2025年11月3日", None, None]])
    assert read_awards(path, f"  {POLICY} ") == (
        LedgerAward(policy=POLICY, year=2025, credit_code=code(1), content_key="智能工厂-2025", amount=1_500_000,
                    applicant="重庆长江智造有限公司", group="长江集团", application_id=None,
                    awarded_on=date(2025, 7, 1), run=None),
        LedgerAward(policy=POLICY, year=2025, credit_code=code(2), content_key="数字化车间", amount=125_000,
                    applicant="", group=None, awarded_on=date(2025, 11, 3)),
    )


def test_a_payment_dated_after_today_is_read_with_a_warning(tmp_path: Path) -> None:
    path = book(tmp_path, [ZH[:4], [code(1), "A", 10, "2099-01-01"], [code(2), "B", 10, "2026-03-01"]])
    found = read_awards_file(path, POLICY)
    assert [a.year for a in found.awards] == [2099, 2026]
    later = [w for w in found.warnings if w.code == "import.paid_later"]
    assert [w.text("zh") for w in later] == [
        f"awards.xlsx，工作表 awards，第2行，拨付日期列：警告：拨付日期 2099-01-01 晚于今天（{date.today()}）："
        "请核对是否已拨付"]


def test_english_headers_in_any_order_with_the_amount_in_yuan(tmp_path: Path) -> None:
    path = book(tmp_path, [EN, ["2026/1/20", "1,200,000", "K-7", f" {code(3)} "]])
    (award,) = read_awards(path, POLICY)
    assert (award.credit_code, award.content_key, award.amount, award.awarded_on, award.year) == (
        code(3), "K-7", 1_200_000, date(2026, 1, 20), 2026)
    assert (award.applicant, award.group, award.application_id, award.run) == ("", None, None, None)


@pytest.mark.parametrize("header", ["金额（元）", "金额(元)", "amount (元)", "Amount", "金额"])
def test_a_header_in_yuan_or_without_a_unit_is_yuan(tmp_path: Path, header: str) -> None:
    path = book(tmp_path, [["credit_code", "content_key", header, "awarded_on"], [code(1), "K", 30_000, "2025-01-02"]])
    assert read_awards(path, POLICY)[0].amount == 30_000


@pytest.mark.parametrize("header", ["金额（万元）", "金额(万元)", "amount（万元）", "Amount (万元)"])
def test_a_header_in_wan_multiplies(tmp_path: Path, header: str) -> None:
    path = book(tmp_path, [["credit_code", "content_key", header, "awarded_on"], [code(1), "K", 3, "2025-01-02"]])
    assert read_awards(path, POLICY)[0].amount == 30_000


def test_a_title_row_above_the_headers_is_forgiven(tmp_path: Path) -> None:
    path = book(tmp_path, [["2025年度市级技改专项已拨付资金明细"], ["统一社会信用代码", "事项标识", "金额", "拨付日期"],
                           [code(1), "K", 100_000, "2025-05-06"]])
    read = read_awards_file(path, POLICY)
    assert [a.amount for a in read.awards] == [100_000]
    assert [str(w) for w in read.warnings] == [
        f"{PLACE}, row 2: warning: column headers found in row 2; rows above it are ignored"]


@pytest.mark.parametrize(("cell", "expected"), [
    (1234.01, 1235), ("1234.5", 1235), (1234.99, 1235), ("1,234.00", 1234), (1234, 1234), (0.01, 1)])
def test_fen_are_rounded_up_to_the_yuan(tmp_path: Path, cell: Any, expected: int) -> None:
    path = book(tmp_path, [["credit_code", "content_key", "amount", "awarded_on"], [code(1), "K", cell, "2025-01-02"]])
    assert read_awards(path, POLICY)[0].amount == expected


def test_fen_in_wan_are_rounded_up_too(tmp_path: Path) -> None:
    path = book(tmp_path, [ZH[:4], [code(1), "K", "12.345678", "2025-01-02"]])  # 123,456.78 yuan
    assert read_awards(path, POLICY)[0].amount == 123_457


def test_empty_rows_are_skipped_and_unknown_columns_kept_with_a_warning(tmp_path: Path) -> None:
    path = book(tmp_path, [[*ZH[:4], "备注"], [code(1), "K1", 1, "2025-01-02", "第一批"], [], [None, " "],
                           [code(1), "K2", 2, "2025-01-02"]])
    read = read_awards_file(path, POLICY)
    assert [(a.content_key, a.amount) for a in read.awards] == [("K1", 10_000), ("K2", 20_000)]
    assert [str(w) for w in read.warnings] == [
        f"{PLACE}, row 1, column 备注: warning: unknown column '备注' is kept and ignored"]


def test_the_awards_sheet_is_found_by_name_else_the_first(tmp_path: Path) -> None:
    path = tmp_path / "awards.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["本表为拨付记录"])
    workbook.create_sheet("拨付清单").append(ZH[:4])
    workbook["拨付清单"].append([code(1), "K", 1, "2025-01-02"])
    workbook.save(path)
    assert read_awards_file(path, POLICY).sheet == "拨付清单"
    first = book(tmp_path, [ZH[:4], [code(1), "K", 1, "2025-01-02"]], name="first.xlsx", sheet="Sheet1")
    assert read_awards_file(first, POLICY).sheet == "Sheet1"


def test_the_same_content_at_another_amount_or_date_is_not_a_copy(tmp_path: Path) -> None:
    path = book(tmp_path, [ZH[:4], [code(1), "K", 1, "2025-01-02"], [code(1), "K", 1, "2025-06-02"],
                           [code(1), "K", 2, "2025-01-02"], [code(2), "K", 1, "2025-01-02"]])
    assert len(read_awards(path, POLICY)) == 4


# ---------------------------------------------------------------- problems


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    bad_check = code(4)[:17] + ("0" if code(4)[17] != "0" else "1")
    path = book(tmp_path, [ZH, [bad_check, "K1", 0, "2025-13-01", "甲公司", None],
                           [code(5), None, -3, "next week", None, None],
                           [code(6), "K3", "=1+1", 44_000, None, None],
                           [code(7)[:10], "K4", "12.3456789", "2025-02-30", None, None],
                           [code(8), "K5", "4000万", date(2025, 3, 1), None, None]])
    place = PLACE
    assert problems(path) == [
        f"{place}, row 2, column 统一社会信用代码: check character is '{bad_check[17]}', expected '{code(4)[17]}'",
        f"{place}, row 2, column 金额（万元）: must be more than 0",
        f"{place}, row 2, column 拨付日期: '2025-13-01' is not a real date",
        f"{place}, row 3, column 事项标识: is empty; a value is required",
        f"{place}, row 3, column 金额（万元）: must not be negative, found -3",
        f"{place}, row 3, column 拨付日期: 'next week' is not a date (write 2026-03-15, 2026/3/15 or 2026年3月15日, "
        "or use an Excel date)",
        f"{place}, row 4, column 金额（万元）: formula =1+1 has no saved value (open the file in Excel and save it)",
        f"{place}, row 4, column 拨付日期: 44000 is a number, not a date (format the cell as a date, or write "
        "2026-03-15)",
        f"{place}, row 5, column 统一社会信用代码: '{code(7)[:10]}' must have 18 characters, found 10",
        f"{place}, row 5, column 金额（万元）: 12.3456789 has more than two decimals of a yuan (分)",
        f"{place}, row 5, column 拨付日期: '2025-02-30' is not a real date",
        f"{place}, row 6, column 金额（万元）: '4000万' carries a unit; the column header already says 万元: "
        "write 4000",
    ]


def test_every_problem_is_said_in_chinese_too(tmp_path: Path) -> None:
    bad_check = code(4)[:17] + ("0" if code(4)[17] != "0" else "1")
    path = book(tmp_path, [ZH, [bad_check, "K1", 0, "2025-13-01", None, None], [code(5), None, -3, "下周", None, None]])
    place = "awards.xlsx，工作表 awards"
    assert problems(path, lang="zh") == [
        f"{place}，第2行，统一社会信用代码列：校验码为“{bad_check[17]}”，应为“{code(4)[17]}”",
        f"{place}，第2行，金额（万元）列：必须大于0",
        f"{place}，第2行，拨付日期列：“2025-13-01”不是真实存在的日期",
        f"{place}，第3行，事项标识列：为空；此项必填",
        f"{place}，第3行，金额（万元）列：不能为负数，填写的是 -3",
        f"{place}，第3行，拨付日期列：“下周”不是日期（请写成 2026-03-15、2026/3/15 或 2026年3月15日，"
        "或使用 Excel 日期）",
    ]


def test_an_excel_error_value_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "awards.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("awards")
    sheet.write_row(0, 0, EN)
    sheet.write_row(1, 0, ["2025-01-02", None, "K", code(1)])
    sheet.write_formula(1, 1, "=1/0", None, "#DIV/0!")
    workbook.close()
    assert problems(path) == [f"{PLACE}, row 2, column amount: holds the Excel error #DIV/0!"]


def test_the_same_award_twice_names_both_rows(tmp_path: Path) -> None:
    path = book(tmp_path, [ZH[:4], [code(1), "K", 150, datetime(2025, 7, 1)], [code(2), "K", 150, "2025-07-01"],
                           [code(1).lower(), " K ", "150.00", "2025/7/1"], [code(1), "K", 150, "2025年7月1日"]])
    assert problems(path) == [
        f"{PLACE}, row 4: has the same credit code, content key, amount and payment date as row 2, probably pasted "
        "twice: delete one of them or, if both were paid, write them as one row with the total",
        f"{PLACE}, row 5: has the same credit code, content key, amount and payment date as row 2, probably pasted "
        "twice: delete one of them or, if both were paid, write them as one row with the total",
    ]
    assert problems(path, lang="zh")[0] == (
        "awards.xlsx，工作表 awards，第4行：与第2行的统一社会信用代码、事项标识、金额和拨付日期都相同，可能是重复粘贴："
        "请删除其中一行；若两笔确实都已拨付，请合并为一行并填写合计金额")


def test_missing_columns_are_each_named_and_the_cells_still_checked(tmp_path: Path) -> None:
    path = book(tmp_path, [["统一社会信用代码", "金额", "申报单位"], [code(1)[:17], 100, "甲公司"]])
    assert problems(path) == [
        f"{PLACE}, row 1: required column 事项标识 (content_key) is missing",
        f"{PLACE}, row 1: required column 拨付日期 (awarded_on) is missing",
        f"{PLACE}, row 2, column 统一社会信用代码: '{code(1)[:17]}' must have 18 characters, found 17",
    ]
    assert problems(path, lang="zh")[:2] == [
        "awards.xlsx，工作表 awards，第1行：缺少必填列 事项标识（content_key）",
        "awards.xlsx，工作表 awards，第1行：缺少必填列 拨付日期（awarded_on）",
    ]


def test_a_column_given_twice_or_a_unit_on_a_date(tmp_path: Path) -> None:
    path = book(tmp_path, [["credit_code", "content_key", "amount", "拨付日期（元）", "金额（万元）"],
                           [code(1), "K", 100, "2025-01-02", 0.01]])
    assert problems(path) == [
        f"{PLACE}, row 1, column 拨付日期（元）: a unit (元) belongs only on a money column",
        f"{PLACE}, row 1, column 金额（万元）: repeats the column 'amount' (amount); keep one of them",
    ]


def test_an_empty_workbook(tmp_path: Path) -> None:
    path = book(tmp_path, [])
    assert problems(path) == [f"{PLACE}: the workbook has no awards: its sheet is empty"]
    assert problems(path, lang="zh") == ["awards.xlsx，工作表 awards：工作簿中没有资助记录：工作表是空的"]


def test_headers_without_rows(tmp_path: Path) -> None:
    path = book(tmp_path, [ZH, [], [None, None]])
    assert problems(path) == [f"{PLACE}: the workbook has no awards: there are no rows below the column headers"]
    assert problems(path, lang="zh") == [
        "awards.xlsx，工作表 awards：工作簿中没有资助记录：列标题下方没有任何数据行"]


@pytest.mark.parametrize("policy", ["", "   ", "\u3000"])
def test_a_blank_policy_name_is_a_problem_with_the_rest(tmp_path: Path, policy: str) -> None:
    path = book(tmp_path, [ZH[:4], [code(1), "K", -1, "2025-01-02"]])
    assert problems(path, policy) == [
        "awards.xlsx: no policy is named for these awards: give the name of the policy they were granted under, "
        "e.g. its document number",
        f"{PLACE}, row 2, column 金额（万元）: must not be negative, found -1",
    ]
    assert problems(path, policy, lang="zh")[0] == (
        "awards.xlsx：未写明这些资助所依据的政策：请给出该政策的名称，如其文号")


@pytest.mark.parametrize(("policy", "says"), [
    ("渝府发〔2025〕9号\n渝府发〔2025〕10号", "the policy's name holds a line break or another control character: give "
                                         "only its name, e.g. its document number"),
    ("渝府发\t9号", "the policy's name holds a line break or another control character: give only its name, e.g. its "
                  "document number"),
    ("政" * 201, "the policy's name has 201 characters, at most 200: give only its name, e.g. its document number"),
])
def test_a_policy_name_every_award_would_carry_garbled_is_a_problem(tmp_path: Path, policy: str, says: str) -> None:
    # it is in every award's reason and the 公示 list: a line break pasted in, or a paragraph, was recorded as it came
    path = book(tmp_path, [ZH[:4], [code(1), "K", 1, "2025-01-02"]])
    assert problems(path, policy) == [f"awards.xlsx: {says}"]
    assert read_awards(path, "政" * 200)[0].policy == "政" * 200


def test_a_file_that_is_not_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "awards.xlsx"
    path.write_text("credit_code,content_key,amount,awarded_on\n", encoding="utf-8")
    with pytest.raises(ExcelFileError) as caught:
        read_awards(path, POLICY)
    assert caught.value.text("en") == ("awards.xlsx: is not an .xlsx workbook (save it from Excel as Excel Workbook "
                                       ".xlsx)")
    assert isinstance(caught.value, InputError)


def test_a_refused_file_with_a_blank_policy_names_both(tmp_path: Path) -> None:
    path = tmp_path / "awards.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ExcelFileError) as caught:
        read_awards(path, " ")
    assert [p.code for p in caught.value.problems] == ["import.policy_empty", "file.old_xls"]


def test_the_guard_applies_the_limits_given(tmp_path: Path) -> None:
    path = book(tmp_path, [ZH[:4], [code(1), "K", 1, "2025-01-02"]])
    with pytest.raises(ExcelFileError, match=r"^awards.xlsx: is \d+ KB, more than the 1 KB budgetopt reads"):
        read_awards(path, POLICY, limits=FileLimits(max_file_bytes=1024))


def test_a_macro_enabled_workbook_is_refused(tmp_path: Path) -> None:
    path = book(tmp_path, [ZH[:4], [code(1), "K", 1, "2025-01-02"]], name="awards.xlsm")
    with pytest.raises(ExcelFileError, match=r"^awards.xlsm: is a macro-enabled workbook \(\.xlsm\)"):
        read_awards(path, POLICY)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExcelFileError) as caught:
        read_awards(tmp_path / "nope.xlsx", POLICY)
    assert caught.value.text("zh") == "nope.xlsx：无法打开（文件不存在）"


def test_hidden_sheets_are_not_read_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "awards.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "awards"
    workbook.active.append(ZH[:4])
    workbook.active.append([code(1), "K", 1, "2025-01-02"])
    workbook.create_sheet("旧数据").sheet_state = "hidden"
    workbook.save(path)
    read = read_awards_file(path, POLICY)
    assert [w.text("en") for w in read.warnings] == [
        "awards.xlsx: warning: hidden sheet 旧数据 is not read; the awards are read from sheet awards only"]
    assert [w.text("zh") for w in read.warnings] == [
        "awards.xlsx：警告：隐藏的工作表 旧数据 不读取；资助记录只从工作表 awards 读取"]
