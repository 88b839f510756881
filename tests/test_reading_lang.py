"""The reading step in Chinese: refusals of a file, problems of a sheet and of a cell, warnings, allocation files
and run folders, each family by a few exact sentences — and what a hand-made allocation may leave out."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import EN_HEADERS, ZH_HEADERS, code, row, write_cells, write_rows

from optimizer.domain import Status
from optimizer.errors import InputError
from optimizer.reading.allocation_file import (
    AllocationFileError,
    derived_status,
    parse_allocation_csv,
    read_allocation,
)
from optimizer.reading.applications import WorkbookError, read_applications, read_workbook
from optimizer.reading.fields import CellError, credit_code
from optimizer.reading.guard import XmlDefenceError
from optimizer.reading.run_folder import RunFolderError, read_run
from optimizer.reading.sheet import ExcelFileError, FileLimits, read_sheet
from optimizer.rules.policy import Policy
from optimizer.words import use_lang

Maker = Callable[..., Path]
ZH_PLACE = "sample.xlsx，工作表 申报项目，第2行"


def zh_problems(policy: Policy, path: Path) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path, policy)
    return [p.text("zh") for p in caught.value.problems]


def zh_book(tmp_path: Path, rows: list[dict[str, Any]], headers: list[str] = ZH_HEADERS) -> Path:
    return write_rows(tmp_path / "sample.xlsx", rows, headers, sheet="申报项目")


def zh_refusal(path: Path, limits: FileLimits | None = None, face: str | None = None) -> str:
    with pytest.raises(ExcelFileError) as caught:
        read_sheet(path, limits=limits)
    return caught.value.text("zh", face)


# ---------------------------------------------------------------- a file refused


def test_an_old_xls_is_refused_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "申报.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert zh_refusal(path) == ("申报.xlsx：是旧版 .xls 工作簿或设有密码的文件；请在 Excel 中打开，不设密码另存为 .xlsx"
                                "（Excel 工作簿）")


def test_a_limit_is_named_as_each_face_names_it_in_chinese(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "apps.xlsx", [row(application_id=f"A-{i}", credit_code=code(i)) for i in range(10)])
    said = ("apps.xlsx，工作表 applications：数据延伸到第11行，超过 budgetopt 可读取的5行；请删除申报数据下方的内容"
            "（在 Excel 中按 Ctrl+End 可找到最后一个单元格）、将申报数据拆分为几个较小的工作簿，或放宽限制")
    assert zh_refusal(path, FileLimits(max_rows=5)) == said + "（FileLimits.max_rows）"
    assert zh_refusal(path, FileLimits(max_rows=5), face="cli") == said + "（--max-rows）"


def test_a_missing_file_says_why_in_chinese(tmp_path: Path, policy: Policy) -> None:
    with pytest.raises(ExcelFileError) as caught:
        read_workbook(tmp_path / "nope.xlsx", policy)
    assert caught.value.text("zh") == "nope.xlsx：无法打开（文件不存在）"
    assert caught.value.text("en") == "nope.xlsx: cannot be opened (No such file or directory)"


def test_a_damaged_zip_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "apps.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"garbage" * 20)
    assert zh_refusal(path).startswith("apps.xlsx：无法作为 .xlsx 工作簿读取（")


def test_a_macro_sheet_in_chinese(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "apps.xlsx", [row()])
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xcc" * 100)
    assert zh_refusal(path) == ("apps.xlsx：含有宏（VBA 或 Excel 4.0 宏表），budgetopt 不打开含宏的文件；"
                                "请另存为不含宏的 .xlsx（Excel 工作簿）")


def test_a_broken_installation_says_so_in_the_runs_language() -> None:
    error = XmlDefenceError("install.openpyxl_env")
    with use_lang("zh"):
        assert str(error) == "OPENPYXL_DEFUSEDXML 关闭了 openpyxl 对 XML 实体攻击的防护；请删除该环境变量"
    assert str(error).startswith("OPENPYXL_DEFUSEDXML turns off")


# ---------------------------------------------------------------- the sheet: headers, hidden parts, formulas


def test_sheet_problems_in_chinese(policy: Policy, tmp_path: Path) -> None:
    headers = [h for h in ZH_HEADERS if h != "评审得分"] + ["实际投资额", "申报日期（万元）"]
    path = write_cells(tmp_path / "sample.xlsx", [headers], sheet="申报项目")
    assert zh_problems(policy, path) == [
        "sample.xlsx，工作表 申报项目，第1行，实际投资额列：与“实际投资额”列（investment）重复；请只保留其中一列",
        "sample.xlsx，工作表 申报项目，第1行，申报日期（万元）列：单位（万元）只能写在金额列的列标题中",
        "sample.xlsx，工作表 申报项目，第1行，申报日期（万元）列：与“申报日期”列（submitted_on）重复；请只保留其中一列",
        "sample.xlsx，工作表 申报项目，第1行：缺少必填列 评审得分（score）",
        "sample.xlsx，工作表 申报项目：工作簿中没有申报数据：列标题下方没有任何申报行",
    ]


def test_an_empty_workbook_in_chinese(policy: Policy, tmp_path: Path) -> None:
    assert zh_problems(policy, write_cells(tmp_path / "sample.xlsx", [], sheet="申报项目")) == [
        "sample.xlsx，工作表 申报项目：工作簿中没有申报数据：申报工作表是空的"]
    with pytest.raises(WorkbookError) as caught:
        read_applications([], policy=policy)
    assert caught.value.text("zh") == "records：没有申报数据"


def test_sheet_warnings_in_chinese(policy: Policy, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "申报项目"
    sheet.append(["2026年度申报汇总表"])
    sheet.append([*ZH_HEADERS, "备注"])
    for i in range(14):
        values = row(application_id=f"A-{i:03d}", credit_code=code(i))
        sheet.append([values[h] for h in EN_HEADERS])
    for number in range(3, 28, 2):
        sheet.row_dimensions[number].hidden = True
    sheet.column_dimensions["C"].hidden = True
    sheet.merge_cells("Q3:Q5")
    sheet.auto_filter.ref = "A2:O16"
    book.create_sheet("说明").sheet_state = "hidden"
    book.save(tmp_path / "sample.xlsx")
    assert [w.text("zh") for w in read_workbook(tmp_path / "sample.xlsx", policy).warnings] == [
        "sample.xlsx，工作表 申报项目，第2行：警告：在第2行找到列标题；其上方的行不读取",
        "sample.xlsx，工作表 申报项目，第2行，备注列：警告：未知列“备注”保留但不读取",
        "sample.xlsx：警告：隐藏的工作表 说明 不读取；申报数据只从工作表 申报项目 读取",
        "sample.xlsx，工作表 申报项目：警告：隐藏的行：3、5、7、9、11、13、15；这些行与其他行一样读取",
        "sample.xlsx，工作表 申报项目：警告：C列是隐藏的；它与其他列一样读取",
        "sample.xlsx，工作表 申报项目：警告：合并单元格 Q3:Q5：合并区域的值只在其左上角单元格中，其余单元格按空白读取",
        "sample.xlsx，工作表 申报项目：警告：A2:O16 设有筛选；所有行都会读取，无论是否被筛选掉",
    ]


def test_a_long_list_of_places_in_chinese() -> None:
    from optimizer.reading.notes import listing

    assert listing([str(n) for n in range(1, 14)]) == (
        "1、2、3、4、5、6、7、8、9、10等，另有3处", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 3 more")


# ---------------------------------------------------------------- one cell


@pytest.mark.parametrize(("field", "cell", "message"), [
    ("credit_code", "91350100M000100Y4X", "统一社会信用代码列：校验码为“X”，应为“3”"),
    ("credit_code", "91350100M000100Y4", "统一社会信用代码列：“91350100M000100Y4”应为18位，实际为17位"),
    ("district", "北京市朝阳区", "所属区县列：“北京市朝阳区”不是重庆市的区县"),
    ("clause", "21", "政策条款列：“21”不是渝经信规范〔2026〕2号的条款（1…20, 7a/7b, 8a/8b, 11a/11b, 14a/14b）"),
    ("clause", 7, "政策条款列：第7条分为几项奖励：请填写 7a（基础级智能工厂（数字化车间）） 或 7b（先进级智能工厂）"),
    ("investment", -5, "实际投资额列：不能为负数，填写的是 -5"),
    ("investment", "40,00,000", "实际投资额列：“40,00,000”的千位分隔符位置不对"),
    ("investment", "4000万", "实际投资额列：“4000万”带有单位；单元格请只填数字，并把单位写在列标题中，"
                             "如 实际投资额（万元）"),
    ("investment", 1234.567, "实际投资额列：1234.567 的小数位超过了分（按元计最多两位小数）"),
    ("requested", 0, "申请金额列：必须大于0"),
    ("score", 101, "评审得分列：应在0到100之间，填写的是 101"),
    ("score", "优秀", "评审得分列：“优秀”不是数字"),
    ("submitted_on", "2026-02-30", "申报日期列：“2026-02-30”不是真实存在的日期"),
    ("submitted_on", "下周", "申报日期列：“下周”不是日期（请写成 2026-03-15、2026/3/15 或 2026年3月15日，"
                             "或使用 Excel 日期）"),
    ("enterprise_size", "巨型", "企业规模列：“巨型”不是可填的企业规模（可填：大型（large）、中型（medium）、"
                                "小型（small）、微型（micro））"),
    ("qualified", "也许", "资格认定列：“也许”不是“是”或“否”（可填 是/否、yes/no、Y/N 或 TRUE/FALSE）"),
    ("applicant", None, "申报单位列：为空；此项必填"),
])
def test_cell_problems_in_chinese(policy: Policy, tmp_path: Path, field: str, cell: Any, message: str) -> None:
    assert zh_problems(policy, zh_book(tmp_path, [row(**{field: cell})])) == [f"{ZH_PLACE}，{message}"]


def test_a_unit_in_a_cell_in_chinese(policy: Policy, tmp_path: Path) -> None:
    headers = ["实际投资额（万元）" if h == "实际投资额" else h for h in ZH_HEADERS]
    path = zh_book(tmp_path, [row(investment="4000万"), row(application_id="A-2", investment="3000元")], headers)
    assert zh_problems(policy, path) == [
        f"{ZH_PLACE}，实际投资额（万元）列：“4000万”带有单位；列标题已注明单位为万元，单元格只填数字：4000",
        "sample.xlsx，工作表 申报项目，第3行，实际投资额（万元）列：“3000元”带有单位，而列标题注明单位为万元："
        "请按万元只填数字 0.3",
    ]


def test_rows_and_their_ids_in_chinese(policy: Policy, tmp_path: Path) -> None:
    path = zh_book(tmp_path, [row(), row(district="渝北区")])
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path, policy)
    assert [p.text("zh") for p in caught.value.problems] == [
        "sample.xlsx，工作表 申报项目，第3行，申报编号列：申报编号“A-001”已在第2行使用"]
    assert [w.text("zh") for w in caught.value.warnings] == [
        "sample.xlsx，工作表 申报项目，第3行，所属区县列：警告：渝北区已于2026-01-25撤销，按两江新区读取"]
    invalid = read_workbook(path, policy, skip_invalid=True).invalid[0]
    assert invalid.summary("zh") == "申报编号列：申报编号“A-001”已在第2行使用"


def test_a_formula_without_its_value_in_chinese(policy: Policy, tmp_path: Path) -> None:
    path = zh_book(tmp_path, [row(investment="=2000*20000")])
    assert zh_problems(policy, path) == [
        f"{ZH_PLACE}，实际投资额列：公式 =2000*20000 没有保存计算结果（请在 Excel 中打开文件并保存）"]


def test_a_cell_error_is_said_in_the_runs_language() -> None:
    with pytest.raises(CellError) as caught:
        credit_code("91350100M000100Y4X")
    assert caught.value.phrase.code == "cell.credit_code.check"
    assert str(caught.value) == "check character is 'X', expected '3'"
    with use_lang("zh"):
        assert str(caught.value) == "校验码为“X”，应为“3”"


def test_an_implausible_amount_in_chinese(policy: Policy, tmp_path: Path) -> None:
    headers = ["实际投资额（万元）" if h == "实际投资额" else h for h in ZH_HEADERS]
    path = zh_book(tmp_path, [row(investment=50_000_000, requested=300)], headers)
    assert [w.text("zh") for w in read_workbook(path, policy).warnings] == [
        f"{ZH_PLACE}，实际投资额（万元）列：警告：50,000,000万元（即500,000,000,000元）是第7b条达到最高标准所需的项目实际投资额"
        "（30,000,000元）的1000倍以上：是否误按元填写？本列列标题注明的单位是万元",
        f"{ZH_PLACE}，申请金额列：警告：300元还不到第7b条的最高标准（3,000,000元）的千分之一：是否误按万元填写？若本列金额都以万元计，"
        "请在列标题中注明，如 申请金额（万元）",
    ]


def test_records_that_are_not_applications_in_chinese(policy: Policy) -> None:
    with pytest.raises(InputError) as caught:
        read_applications(42, policy=policy)
    assert caught.value.text("zh") == ("int：不是申报数据：请给出 .xlsx 工作簿的路径、pandas DataFrame，"
                                       "或以工作簿列标题为键的字典列表")


# ---------------------------------------------------------------- a hand-made allocation, for an audit


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_amounts_in_wan_yuan_are_read_exactly_as_yuan() -> None:
    data = csv_bytes([["申报编号", "分配额（万元）", "核定额（万元）", "状态"], ["A-1", "123.4567", "300", "部分"],
                      ["A-2", "１，５００", "1500.0000", "全额资助"]])
    first, second = parse_allocation_csv(data, "手工.csv")
    assert (first.allocated, first.entitlement, first.status) == (1_234_567, 3_000_000, Status.PARTIAL)
    assert (second.allocated, second.entitlement, second.status) == (15_000_000, 15_000_000, Status.FUNDED)


@pytest.mark.parametrize("header", ["分配额（万元）", "分配额(万元)", "Allocated (万元)", "allocated（万元）",
                                    "allocated (10,000 yuan)"])
def test_every_spelling_of_a_wan_yuan_header(header: str) -> None:
    (read,) = parse_allocation_csv(csv_bytes([["application_id", header], ["A-1", "300"]]), "a.csv")
    assert read.allocated == 3_000_000


def test_our_allocation_xlsx_in_wan_yuan_reads_back(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["申报编号", "核定额（万元）", "分配额（万元）", "状态"])
    book.active.append(["A-1", 300, 123.4567, "部分资助"])
    book.active.append(["A-2", 50, 50, "全额资助"])
    book.save(tmp_path / "allocation.xlsx")
    first, second = read_allocation(tmp_path / "allocation.xlsx")
    assert (first.entitlement, first.allocated, second.allocated) == (3_000_000, 1_234_567, 500_000)


def test_an_amount_in_wan_yuan_must_come_to_whole_yuan() -> None:
    data = csv_bytes([["application_id", "分配额（万元）"], ["A-1", "1.23456"], ["A-2", "-1"]])
    with pytest.raises(AllocationFileError) as caught:
        parse_allocation_csv(data, "a.csv")
    assert [p.text("en") for p in caught.value.problems] == [
        "a.csv, row 2, column 分配额（万元）: 1.23456 万元 is not a whole number of yuan (at most four decimals in "
        "万元)",
        "a.csv, row 3, column 分配额（万元）: must not be negative, found -1"]
    assert [p.text("zh") for p in caught.value.problems] == [
        "a.csv，第2行，分配额（万元）列：1.23456 万元不是整数元（按万元填写时最多四位小数）",
        "a.csv，第3行，分配额（万元）列：不能为负数，填写的是 -1"]


def test_without_a_status_column_the_amounts_give_the_status() -> None:
    data = csv_bytes([["application_id", "entitlement", "allocated"], ["A-1", "500000", "500000"],
                      ["A-2", "500000", "200000"], ["A-3", "500000", "0"], ["A-4", "", "300000"], ["A-5", "", ""],
                      ["A-6", "0", "0"]])
    rows = parse_allocation_csv(data, "a.csv")
    assert [(r.status, r.status_given) for r in rows] == [
        (Status.FUNDED, False), (Status.PARTIAL, False), (Status.UNFUNDED, False), (Status.FUNDED, False),
        (Status.UNFUNDED, False), (Status.UNFUNDED, False)]


def test_an_empty_status_cell_is_derived_a_written_one_is_given() -> None:
    data = csv_bytes([["application_id", "allocated", "entitlement", "status"], ["A-1", "100", "300", ""],
                      ["A-2", "0", "300", "不符合"], ["A-3", "300", "300", "UNFUNDED"]])
    rows = parse_allocation_csv(data, "a.csv")
    assert [(r.status, r.status_given) for r in rows] == [
        (Status.PARTIAL, False), (Status.INELIGIBLE, True), (Status.UNFUNDED, True)]


@pytest.mark.parametrize(("word", "status"), [
    ("部分", Status.PARTIAL), ("部分资助", Status.PARTIAL), ("全额", Status.FUNDED), ("全额资助", Status.FUNDED),
    ("未获", Status.UNFUNDED), ("未获资助", Status.UNFUNDED), ("未资助", Status.UNFUNDED),
    ("不符合", Status.INELIGIBLE), ("不符合条件", Status.INELIGIBLE), ("重复", Status.DUPLICATE),
    ("重复申报", Status.DUPLICATE), ("数据有误", Status.INVALID), (" funded in full ", Status.FUNDED),
    ("partial", Status.PARTIAL), ("ＦＵＮＤＥＤ", Status.FUNDED),
])
def test_the_status_words_people_write(word: str, status: Status) -> None:
    (read,) = parse_allocation_csv(csv_bytes([["申报编号", "分配额（元）", "状态"], ["A-1", "0", word]]), "a.csv")
    assert (read.status, read.status_given) == (status, True)


def test_derived_statuses_follow_the_definitions_of_allocation_csv() -> None:
    assert [derived_status(a, e) for a, e in [(None, None), (0, 5), (5, 5), (3, 5), (7, 5), (7, None)]] == [
        Status.UNFUNDED, Status.UNFUNDED, Status.FUNDED, Status.PARTIAL, Status.FUNDED, Status.FUNDED]


def test_allocation_file_problems_in_chinese(tmp_path: Path) -> None:
    data = csv_bytes([["application_id", "allocated", "status", "allocated"], ["A-1", "1500000.5", "已付", "x"]])
    with pytest.raises(AllocationFileError) as caught:
        parse_allocation_csv(data, "a.csv")
    assert [p.text("zh") for p in caught.value.problems] == [
        "a.csv，第1行，allocated列：与“allocated”列（allocated）重复；请只保留一列",
        "a.csv，第2行，allocated列：1500000.5 不是整数元",
        "a.csv，第2行，status列：“已付”不是状态（可填：全额资助（FUNDED）、部分资助（PARTIAL）、未获资助（UNFUNDED）、"
        "不符合条件（INELIGIBLE）、重复申报（DUPLICATE）、数据有误（INVALID））",
    ]
    with pytest.raises(AllocationFileError) as caught:
        parse_allocation_csv(csv_bytes([["application_id", "状态"], ["A-1", "全额"]]), "a.csv")
    assert caught.value.text("zh") == ("a.csv，第1行：缺少必填列 分配额（allocated）（分配表需要以下各列：申报编号"
                                       "（application_id）、分配额（allocated））")
    assert caught.value.text("en") == ("a.csv, row 1: required column allocated is missing (an allocation needs the "
                                       "columns application_id, allocated)")
    with pytest.raises(AllocationFileError) as caught:
        parse_allocation_csv(b"\xff\xfe\x00\x81", "b.csv")
    assert caught.value.text("zh") == ("b.csv：既不是 UTF-8 也不是 GBK 文本（请在 Excel 中另存为"
                                       "“CSV UTF-8（逗号分隔）”）")


# ---------------------------------------------------------------- a run's folder


def test_a_folder_that_is_not_a_run_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(RunFolderError) as caught:
        read_run(tmp_path)
    assert caught.value.text("zh") == f"{tmp_path}：这里没有 allocation.csv（请给出一次 allocate 运行写出的文件夹）"
    assert caught.value.text("zh", face="cli") == (f"{tmp_path}：这里没有 allocation.csv（请给出一次 allocate 运行的 "
                                                   "--out 文件夹）")
    (tmp_path / "allocation.csv").write_text("application_id,allocated\nA-1,x\n", encoding="utf-8")
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    with pytest.raises(RunFolderError) as caught:
        read_run(tmp_path)
    assert caught.value.text("zh") == f"{tmp_path / 'allocation.csv'}，第2行：不是分配结果中的一行（'applicant'）"
