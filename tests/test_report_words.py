"""The reports speak the officer's units and the planner's words, in the run's language: allocation.xlsx in 万元,
report.html with units on every figure and limits named in words, what the objective and a marginal value mean,
the model's legend, and a template whose text columns Excel cannot turn into numbers."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from helpers import ROOT
from hypothesis import given
from hypothesis import strategies as st

from optimizer.jobs.allocate import Allocation, allocate
from optimizer.report import html as report_html
from optimizer.report.limits import limit_name, limit_names, marginal_meaning
from optimizer.report.model_export import model_files
from optimizer.report.template import TEMPLATE_ROWS, TEXT_FIELDS, template_xlsx
from optimizer.report.units import amount_text, score_text, signed_amount_text, wan_text
from optimizer.results import ConstraintUse
from optimizer.rules.policy import Policy
from optimizer.solving.model import RowKind

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"


@pytest.fixture(scope="module")
def written(sample: Allocation, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("runs")
    sample.write(out / "zh", "zh", export_model=True)
    sample.write(out / "en", "en")
    return {"zh": out / "zh", "en": out / "en"}


@pytest.mark.parametrize(("yuan", "wan", "zh", "en"), [
    (200_000_000, "20,000.00", "20,000.00万元", "20,000.00万"),
    (194_999_910, "19,499.991", "19,499.991万元", "19,499.991万"),
    (12_345_678, "1,234.5678", "1,234.5678万元", "1,234.5678万"),
    (90, "0.009", "90元", "90 yuan"),
    (0, "0.00", "0元", "0 yuan"),
])
def test_amounts_in_wan_lose_no_yuan(yuan: int, wan: str, zh: str, en: str) -> None:
    assert wan_text(yuan) == wan and Decimal(wan.replace(",", "")) * 10_000 == yuan
    assert amount_text(yuan, "zh") == zh and amount_text(yuan, "en") == en
    assert signed_amount_text(-10, "zh") == "−10元" and signed_amount_text(yuan, "zh") in (f"+{zh}", zh)


def test_weighted_scores_never_read_minus_zero() -> None:
    assert [score_text(v) for v in (-0.0, -1e-9, 83.6, 101.04, 9.74, None)] == ["0", "0", "83.6", "101", "9.7", ""]


def test_the_workbook_is_in_wan_and_names_its_limits(written: dict[str, Path], sample: Allocation) -> None:
    book = openpyxl.load_workbook(written["zh"] / "allocation.xlsx")
    sheet = book["分配结果"]
    assert [c.value for c in sheet[1]][8:10] == ["核定额（万元）", "分配额（万元）"]
    assert sheet["J2"].number_format == "#,##0.00##"
    assert [Decimal(str(r[9].value)) * 10_000 for r in sheet.iter_rows(min_row=2)] == [
        a.allocated for a in sample.awards]
    assert [c.value for c in book["按区县"][1]][6:8] == ["核定额合计（万元）", "分配额（万元）"]
    limits = {r[-1]: r for r in book["约束"].iter_rows(min_row=2, values_only=True)}  # by its code, the last column
    assert [c.value for c in book["约束"][1]][3:6] == ["限额（万元）", "已用（万元）", "余量（万元）"]
    budget = limits["budget"]
    assert budget[3] == 19_500 and budget[0] == "预算总额"
    assert budget[9] == "预算每增加1万元，可资助加权评分约83.6的申报"
    assert limits["envelope:人工智能赋能"][0] == "专项额度“人工智能赋能”"
    assert limits["envelope_min:人工智能赋能"][0] == "专项额度“人工智能赋能”下限"
    assert limits["district_share:两江新区"][0] == "区县上限：两江新区"
    assert limits["applicant_cap:91500000MAP1GER498"][0] == "单户上限：重庆铜锣水泥集团有限公司"
    assert all(str(r[7]) != "-0.0" for r in limits.values())
    parameters = dict(book["运行参数"].iter_rows(min_row=2, values_only=True))
    assert parameters["年度预算"] == "20,000.00万元" and parameters["可分配额（预算减预留）"] == "19,500.00万元"
    assert parameters["第4条权重"] == "1.3" and parameters["专项额度“人工智能赋能”下限"] == "1,500.00万元"
    assert parameters["定额奖励"] == "全额拨付或不予资助" and parameters["最低资助比例"] == "30%"
    english = openpyxl.load_workbook(written["en"] / "allocation.xlsx")
    assert [c.value for c in english["Allocation"][1]][8:10] == ["Entitlement (万元)", "Allocated (万元)"]
    meaning = {r[-1]: r[9] for r in english["Constraints"].iter_rows(min_row=2, values_only=True)}
    assert meaning["budget"] == "each extra 万元 of budget funds applications with a weighted score of about 83.6"


def test_the_page_says_the_unit_of_every_figure_and_what_it_means(written: dict[str, Path]) -> None:
    html = (written["zh"] / "report.html").read_text(encoding="utf-8")
    assert "<b>20,000.00</b><span>年度预算（万元）</span>" in html
    assert "<b>19,499.991</b><span>分配额（万元）</span>" in html and "<b>0.009</b><span>未分配（万元）</span>" in html
    assert "目标值 = Σ 权重×评审得分×分配额（元）= 18,497,016,561：" in html
    assert "预算的边际价值就是下一元资金所能资助的申报的加权评分（权重×评审得分）" in html
    assert "预算每增加1万元，可资助加权评分约83.6的申报" in html
    for name in ("<td>预算总额</td>", "<td>专项额度“人工智能赋能”</td>", "<td>区县上限：两江新区</td>",
                 "<td>单户上限：重庆铜锣水泥集团有限公司</td>"):
        assert name in html
    assert "<td>budget</td>" not in html and "envelope:人工智能赋能" not in html
    assert not re.search(r">-0(\.0*)?<", html) and "（元）" not in html.split("<h2>")[0].replace("分配额（元）", "")
    english = (written["en"] / "report.html").read_text(encoding="utf-8")
    assert "<b>20,000.00</b><span>Budget (万元)</span>" in english
    assert "<span>Funded in full (applications)</span>" in english  # as the amounts beside it, a capital
    assert "<td>envelope “人工智能赋能”</td>" in english and "<td>district cap: 两江新区</td>" in english
    assert "Objective = Σ weight × score × award (yuan) = 18,497,016,561: " in english


def test_the_runs_warnings_are_in_its_page_and_workbook(written: dict[str, Path]) -> None:
    """The console and the app say, before the 公示, that 就高 set an unfunded application above one worth more: the
    report a director reads, and the workbook that travels, say it too — under a heading of its own, above the
    routine notes of a row or a column (an officer's review found it listed last, after three of them, all under one
    heading, and "Worth knowing" too soft for it). Each at its place, without the input's file name (a re-run from
    inputs found under other names writes the same bytes)."""
    page = html.unescape((written["zh"] / "report.html").read_text(encoding="utf-8"))
    action = re.search(r'<div class="warnings" id="warnings"><h2>警告（公示前须处理）</h2><ul>(.*?)</ul></div>', page)
    notes = re.search(r'<div class="notes" id="notes"><h2>其他提示</h2><ul>(.*?)</ul></div>', page)
    assert action is not None and notes is not None
    assert page.index('id="warnings"') < page.index('id="notes"') < page.index("<h2>按篇章</h2>")
    assert re.findall(r"<li>(.*?)</li>", action.group(1)) == [
        "1项内容按就高保留了核定额较高的申报，但该申报未获资助；让位的申报加权评分（权重×评审得分，括号内）更高，"
        "且不低于资助线（预算每增加1万元可资助的加权评分，约83.6）：2026-0277（92）就高让位于2026-0414（69.1）。"
        "这些内容本次未获任何资助；就高按核定额取舍，公示前请确认。"]
    assert re.findall(r"<li>(.*?)</li>", notes.group(1)) == [
        "工作表 申报项目，第1行，备注列：未知列“备注”保留但不读取。",
        "工作表 申报项目，第27行，所属区县列：渝北区已于2026-01-25撤销，按两江新区读取。",
        "工作表 申报项目，第79行，所属区县列：江北区已于2026-01-25撤销，按两江新区读取。"]
    assert "sample_applications.xlsx" not in page
    english = html.unescape((written["en"] / "report.html").read_text(encoding="utf-8"))
    assert "<h2>Warnings: deal with these before the public notice (公示)</h2><ul><li>An item applied for more than " \
           "once is paid once, at the higher standard (就高): " in english
    assert '<div class="notes" id="notes"><h2>Other notes</h2><ul><li>Sheet 申报项目, row 1, column 备注: unknown ' \
           "column '备注' is kept and ignored.</li>" in english


def test_the_workbook_has_a_sheet_of_the_runs_warnings_beside_the_allocation(written: dict[str, Path]) -> None:
    """A director opens allocation.xlsx at 分配结果 and never reached the warnings at the foot of 运行参数, its last
    sheet (a planner's review): a sheet 提示 beside it holds them, those to deal with before the 公示 first. The
    allocation stays the first sheet, which audit reads back (test_report_warnings.py)."""
    book = openpyxl.load_workbook(written["zh"] / "allocation.xlsx")
    assert book.sheetnames == ["分配结果", "提示", "按条款", "按篇章", "按区县", "约束", "运行参数"]
    rows = list(book["提示"].iter_rows(values_only=True))
    assert rows[0] == ("类别", "内容")
    assert [kind for kind, _ in rows[1:]] == ["警告（公示前须处理）", "其他提示", "其他提示", "其他提示"]
    assert rows[1][1].startswith("1项内容按就高保留了核定额较高的申报") and rows[1][1].endswith("公示前请确认。")
    assert rows[2][1] == "工作表 申报项目，第1行，备注列：未知列“备注”保留但不读取。"
    assert book.active.title == "提示"  # the sheet the workbook opens at
    assert book["提示"]["B2"].alignment.wrap_text and book["运行参数"]["B2"].alignment.wrap_text
    # rows as tall as their wrapped text (an officer's review: printed, the 就高 warning ran over the next row)
    assert book["提示"].row_dimensions[2].height == 45 and book["提示"].row_dimensions[3].height is None
    said = [(name, value) for name, value in book["运行参数"].iter_rows(min_row=2, values_only=True)
            if name in ("警告（公示前须处理）", "其他提示")]
    assert said == rows[1:]  # the run's record keeps them too, in the same order, each under its group
    english = openpyxl.load_workbook(written["en"] / "allocation.xlsx")
    assert english.sheetnames[:2] == ["Allocation", "Warnings"]
    assert next(english["Warnings"].iter_rows(min_row=2, values_only=True))[0] == (
        "Warnings: deal with these before the public notice (公示)")


def test_the_parameters_name_each_setting_as_a_label(written: dict[str, Path]) -> None:
    """An officer's review: the English parameters and differences read like code (`applicant max total`)."""
    sheet = openpyxl.load_workbook(written["en"] / "allocation.xlsx")["Parameters"]
    parameters = dict(sheet.iter_rows(min_row=2, values_only=True))
    assert parameters["Cap per applicant"] == "600.00万" and parameters["Cap per group of linked enterprises"] == (
        "not set")
    assert parameters["Cap per district (share of available)"] == "30%" and parameters["Weight of clause 4"] == "1.3"
    assert parameters["Envelope “人工智能赋能”: floor"] == "1,500.00万" and parameters["Budget"] == "20,000.00万"
    assert "applicant max total" not in parameters


def use(kind: RowKind, marginal: float | None, binding: bool = True, label: str = "x") -> ConstraintUse:
    return ConstraintUse(f"{kind.value}:{label}", kind, label, "max", 100, 100, 0, binding, marginal, 1)


def test_a_marginal_value_is_said_in_weighted_scores() -> None:
    assert marginal_meaning(use(RowKind.BUDGET, 101.04), "zh", True) == "预算每增加1万元，可资助加权评分约101的申报"
    assert marginal_meaning(use(RowKind.ENVELOPE, 9.74), "zh", True) == (
        "此上限每放宽1万元，资金可改投加权评分高约9.7的申报")
    assert marginal_meaning(use(RowKind.DISTRICT, 80.0), "zh", False) == "此上限每放宽1万元，可资助加权评分约80的申报"
    assert marginal_meaning(use(RowKind.ENVELOPE_MIN, -12.5), "zh", True) == (
        "此下限每降低1万元，资金可改投加权评分高约12.5的申报")
    assert marginal_meaning(use(RowKind.ENVELOPE_MIN, -12.5), "en", True) == (
        "each 万元 less of this floor moves money to applications whose weighted score is about 12.5 higher")
    assert marginal_meaning(use(RowKind.BUDGET, -1e-12), "zh", True) == ""  # no -0
    assert marginal_meaning(use(RowKind.BUDGET, 50.0, binding=False), "zh", True) == ""
    # a cap that stopped an award with room left (the next whole award does not fit): its meaning was empty, and the
    # app's table of binding limits read "limit 600万, used 500万" under the title 起约束作用的限额
    full_but = ConstraintUse("applicant_cap:9150X", RowKind.APPLICANT, "9150X", "max", 6_000_000, 5_000_000,
                             1_000_000, True, None, 2)
    assert marginal_meaning(full_but, "zh", True) == ("还剩100.00万元未用，不足以再多资助任何一项（定额奖励须整项给予，"
                                                      "或受最低资助比例、取整所限）")
    assert marginal_meaning(full_but, "en", True).startswith("100.00万 left unused: too little to fund any more")
    assert limit_name(use(RowKind.APPLICANT, None, label="9150X"), "zh", {"9150X": "甲公司"}) == "单户上限：甲公司"
    assert limit_name(use(RowKind.APPLICANT, None, label="9150X"), "en", {}) == "applicant cap: 9150X"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_names_of_many_limits_are_each_limits_name(lang: str) -> None:
    """limit_names (the workbook's limits sheet: each kind's words looked up once) names every kind of limit as
    limit_name names it alone; an applicant's cap by the applicant's name where known."""
    limits = [use(kind, None, label=label) for kind in RowKind for label in ("9150X", "9150Y", "两江新区")]
    applicants = {"9150X": "甲公司{name}"}  # braces in a name are the name's own
    assert limit_names(limits, lang, applicants) == [limit_name(c, lang, applicants) for c in limits]
    assert limit_names([], lang, applicants) == []


def test_the_models_legend_says_what_each_column_is(sample: Allocation) -> None:
    assert sample.model is not None
    zh = model_files(sample.model, "t", "zh")["model.lp"].decode("utf-8").splitlines()
    assert zh[1] == "\\ 目标：最大化 Σ 权重×评审得分×分配额（元）；以下是各名称的含义："
    assert ("\\ x_2026_0001 = 2026-0001（重庆华岩科技股份有限公司）全额获得定额奖励500,000元时为1，否则为0"
            "（加权评分81.5）" in zh)
    assert ("\\ x_2026_0002_paid = 2026-0002（重庆长江铝业科技有限公司）获得资助时为1"
            "（此时至少112,530元、至多375,100元），否则为0" in zh)
    assert "\\ budget = budget · 预算总额：合计不超过195,000,000元" in zh
    assert any(line.startswith("\\ district_share_") and "· 区县上限：两江新区：合计不超过58,500,000元" in line
               for line in zh)
    en = model_files(sample.model, "t", "en")["model.lp"].decode("utf-8")
    assert ("\\ x_2026_0001 = 1 if 2026-0001 (重庆华岩科技股份有限公司) is paid its whole award of 500,000 yuan, "
            "else 0 (weighted score 81.5)") in en
    assert ("\\ x_2026_0002 = yuan paid to 2026-0002 (重庆长江铝业科技有限公司): 0, or from 112,530 up to its "
            "entitlement of 375,100 (weighted score 68.1)") in en
    assert "= award of " not in en and "(E = " not in en
    plain = allocate(SAMPLE, {"name": "continuous", "min_funding_ratio": 0}, budget="2亿")
    assert plain.model is not None
    lines = model_files(plain.model, "t", "zh")["model.lp"].decode("utf-8")
    assert ("\\ x_2026_0002 = 拨付给2026-0002（重庆长江铝业科技有限公司）的金额（元），0至核定额375,100元"
            "（加权评分68.1）") in lines


def test_the_templates_text_columns_are_text(tmp_path: Path, policy: Policy) -> None:
    (tmp_path / "t.xlsx").write_bytes(template_xlsx(policy))
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["申报项目"]
    headers = {c.value: c.column for c in sheet[1]}
    for header in ("申报编号", "统一社会信用代码", "政策条款", "申报单位", "所属区县"):
        column = headers[header]
        assert {sheet.cell(row=r, column=column).number_format for r in (2, 100, TEMPLATE_ROWS + 1)} == {"@"}, header
    assert sheet.cell(row=2, column=headers["评审得分"]).number_format != "@"
    assert len(TEXT_FIELDS) == 11  # and content_key, industry, size, qualified, group


@given(st.text())
def test_the_pages_escape_is_htmls(text: str) -> None:
    """report.html's escape searches before it replaces: the same text as html.escape, whatever the text."""
    assert report_html.escape(text) == html.escape(text)
