"""The publication files of a run (CONTRACT §8): notice.xlsx, the 公示 list a bureau posts, and awards.json — what
they say, in which order, amounts in 万元 that lose no yuan, text that never becomes a formula, the same bytes for
the same awards, and a workbook LibreOffice reads as we wrote it."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from optimizer.domain import LedgerAward
from optimizer.errors import BudgetoptError
from optimizer.report.notice import LAYOUT, LAYOUTS, awards_json, item_text, notice_xlsx, wan_number
from optimizer.rules.policy import Policy

SOFFICE = shutil.which("soffice")
RUN = "3f" * 32
ZH_HEADERS = ["序号", "申报单位", "统一社会信用代码", "所属区县", "项目名称", "政策条款", "拟支持金额（万元）"]
EN_HEADERS = ["No.", "Applicant", "Unified social credit code", "District", "Project", "Clause",
              "Proposed award (10,000 yuan)"]
ZH_TITLE = "重庆市促进实数融合推动“人工智能+制造”若干政策2026年度拟支持项目公示名单"
ZH_NOTE = ("公示期为5个工作日。对公示内容有异议的，请在公示期内以书面形式向重庆市经济和信息化委员会、"
           "重庆市财政局反映。")
ZH_ISSUERS = "重庆市经济和信息化委员会　重庆市财政局"


def award(n: int, amount: int, **changes: Any) -> LedgerAward:
    base = LedgerAward(policy="渝经信规范〔2026〕2号", year=2026, credit_code=f"91500000MA{n:07d}X",
                       content_key=f"k{n}", amount=amount, applicant=f"重庆第{n}智造有限公司", group=None,
                       application_id=f"A-{n:03d}", district="两江新区", clause="7b", project=f"智能工厂建设{n}",
                       run=RUN)
    return replace(base, **changes)


AWARDS = [award(3, 1_234_567), award(1, 5_000_000, clause="1", district="渝中区"), award(2, 1, clause="20"),
          award(4, 29_999_999, credit_code="0915000000000000012")]


def sheet_of(data: bytes) -> Any:
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert len(book.sheetnames) == 1
    return book.worksheets[0]


def values(ws: Any) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_the_notice_has_its_title_number_headers_rows_total_and_note(policy: Policy) -> None:
    ws = sheet_of(notice_xlsx(AWARDS, policy, 2026, "zh"))
    assert ws.title == "公示名单"
    rows = values(ws)
    assert rows[0][0] == ZH_TITLE and rows[1][0] == "渝经信规范〔2026〕2号"
    assert rows[2] == ZH_HEADERS
    assert rows[3:7] == [
        [1, "重庆第3智造有限公司", "91500000MA0000003X", "两江新区", "智能工厂建设3", "第7条 先进级智能工厂", 123.4567],
        [2, "重庆第1智造有限公司", "91500000MA0000001X", "渝中区", "智能工厂建设1", "第1条 细分行业产业大脑", 500],
        [3, "重庆第2智造有限公司", "91500000MA0000002X", "两江新区", "智能工厂建设2",
         "第20条 国家级、行业级赛事及生态大会等活动", 0.0001],
        [4, "重庆第4智造有限公司", "0915000000000000012", "两江新区", "智能工厂建设4", "第7条 先进级智能工厂",
         2999.9999],
    ]
    assert rows[7] == ["合计", None, None, None, None, None, 3623.4567]
    assert rows[8] == [ZH_NOTE, None, None, None, None, None, None]
    assert [row[0] for row in rows[9:]] == ["特此公示。", ZH_ISSUERS, "　　年　　月　　日"]  # issued as a notice is
    assert len(rows) == 12
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:G1", "A2:G2", "A8:F8", "A9:G9", "A10:G10", "A11:G11",
                                                        "A12:G12"}
    assert ws.print_area == "'公示名单'!$A$1:$G$12"


def test_a_notice_given_its_first_day_and_a_contact_says_them_and_is_dated(policy: Policy) -> None:
    """A review by a finance officer: the list had no dates, contact or issuing block, so it was edited in Excel
    before release — and was then no longer the recorded file."""
    rows = values(sheet_of(notice_xlsx(AWARDS, policy, 2026, "zh", 7, starts=date(2026, 12, 8),
                                       contact="张三 023-6388 0000")))
    assert rows[8][0].startswith("公示期为7个工作日（自2026年12月8日起）。对公示内容有异议的")
    assert [row[0] for row in rows[9:]] == ["联系人及电话：张三 023-6388 0000", "特此公示。", ZH_ISSUERS,
                                            "2026年12月8日"]
    english = values(sheet_of(notice_xlsx(AWARDS, policy, 2026, "en", 1, starts=date(2026, 12, 8), contact="Zhang")))
    assert english[8][0].startswith("The notice period is 1 working day from 8 December 2026. ")
    assert [row[0] for row in english[9:11]] == ["Contact: Zhang", "Hereby announced."]
    assert english[-1][0] == "8 December 2026"


# SHA-256 of notice.xlsx of AWARDS (7 days, batch 2, from 2026-12-08, a contact) in layouts 1 to 3, as budgetopt
# wrote them before layout 4 (xlsxwriter 3.3.1, constraints.txt): verify writes a published notice again in its
# layout and compares the bytes, so a change to how any of them is written — a width, a style, a clause's words —
# fails verification of the runs published in it. (A new xlsxwriter that writes other bytes breaks that too.)
EARLIER = {
    (1, "zh"): "db96423aa7ea63e09a52e473bd8e6b3cb70a8020c6824bf6234eb309a1d4700d",
    (1, "en"): "984d8df3296cab70d5601d5168ffdb795c2f84ebec19ac0cee08788944e45dac",
    (2, "zh"): "cb98d0c03b575593a1bf25fec8e616b93916143c5c88202e91ff0e0b790d626c",
    (2, "en"): "5a1b075f152912d7bd660384434b1bd9d9e135623d4c66a5b508de8099aa3784",
    (3, "zh"): "541d80e53c9430203fb04b62aa87bd2faebee913e2a1c60d420051706a6fc46c",
    (3, "en"): "a4205a8535d4b6108d22dabafa58b86e86b6233c212acef3fe878d929fdd8731",
}


def test_a_notice_of_an_earlier_layout_is_written_as_it_was(policy: Policy) -> None:
    """verify finds a notice an earlier budgetopt wrote by writing it again in that layout: no ending, no style
    before 3; budgetopt's clause ids (第7b条) and the same widths up to 3 — to the byte."""
    for layout in (1, 2):
        rows = values(sheet_of(notice_xlsx(AWARDS, policy, 2026, "zh", layout=layout, starts=date(2026, 12, 8),
                                           contact="张三")))
        assert rows[-1][0] == ZH_NOTE and len(rows) == 9
    assert {layout: widths for layout, widths in LAYOUTS.items() if layout < 4} == {
        3: (6, 33, 21, 21, 36, 10, 18), 2: (6, 33, 21, 21, 36, 10, 18), 1: (6, 36, 22, 12, 40, 11, 18)}
    for (layout, lang), digest in EARLIER.items():
        data = notice_xlsx(AWARDS, policy, 2026, lang, 7, layout=layout, batch=2, starts=date(2026, 12, 8),
                           contact="张三 023-6388 0000")
        ws = sheet_of(data)
        clauses = [row[5] for row in values(ws)[3:7]]
        assert clauses == (["第7b条", "第1条", "第20条", "第7b条"] if lang == "zh"
                           else ["clause 7b", "clause 1", "clause 20", "clause 7b"]), (layout, lang)
        assert widths(ws) == [w + 0.7109375 for w in LAYOUTS[layout]]
        assert hashlib.sha256(data).hexdigest() == digest, (layout, lang)


ITEMS = {  # budgetopt's id → the policy's item and the clause's title, as a public notice cites it from layout 4
    "7a": ("第7条 基础级智能工厂（数字化车间）", "Clause 7: Basic-level smart factory (digital workshop)"),
    "7b": ("第7条 先进级智能工厂", "Clause 7: Advanced-level smart factory"),
    "11a": ("第11条 中小企业数字化改造", "Clause 11: Digital transformation of small and medium enterprises"),
    "11b": ("第11条 “小快轻准”数字化产品和解决方案",
            "Clause 11: \"Small, fast, light, precise\" digital product or solution (per product)"),
    "14a": ("第14条 国家级绿色园区", "Clause 14: National green industrial park"),
    "1": ("第1条 细分行业产业大脑", "Clause 1: Sub-sector industry brain"),
    "20": ("第20条 国家级、行业级赛事及生态大会等活动",
           "Clause 20: National or industry-level contests, ecosystem conferences and similar events"),
}


def test_a_notice_cites_the_policys_own_item_with_its_title(policy: Policy) -> None:
    """An auditor's review: the public list cited 第11a条, which the policy does not have — it numbers its items 1
    to 20, and 11a and 11b are budgetopt's two awards of item 11. From layout 4 the list cites 第11条 and the title."""
    assert LAYOUT == 4
    awards = [award(n, 100, clause=clause) for n, clause in enumerate(ITEMS, start=1)]
    for lang, at in (("zh", 0), ("en", 1)):
        ws = sheet_of(notice_xlsx(awards, policy, 2026, lang))
        assert [row[5] for row in values(ws)[3:3 + len(ITEMS)]] == [pair[at] for pair in ITEMS.values()]
        assert [item_text(clause, policy, lang) for clause in ITEMS] == [pair[at] for pair in ITEMS.values()]
    assert sheet_of(notice_xlsx(awards, policy, 2026, "zh", layout=3))["F6"].value == "第11a条"  # as it was


def test_a_clause_the_policy_does_not_number_is_cited_by_its_id(policy: Policy) -> None:
    """A model of one's own may name a clause without a number, or an award name a clause the model has not: the
    notice cites it by its id, as it did."""
    own = replace(policy, clauses={**policy.clauses, "x1": replace(policy.clause("1"), id="x1"),
                                   "007c": replace(policy.clause("7b"), id="007c")})
    awards = [award(1, 100, clause="x1"), award(2, 100, clause="30"), award(3, 100, clause="007c")]
    assert [row[5] for row in values(sheet_of(notice_xlsx(awards, own, 2026, "zh")))[3:6]] == [
        "第x1条", "第30条", "第7条 先进级智能工厂"]
    assert [item_text(a.clause, own, "en") for a in awards] == ["clause x1", "clause 30",
                                                                "Clause 7: Advanced-level smart factory"]
    assert item_text("11a", None, "zh") == "第11a条"  # no model: another policy's awards


def test_amounts_are_numbers_in_wan_to_the_yuan_and_the_total_is_their_sum(policy: Policy) -> None:
    ws = sheet_of(notice_xlsx(AWARDS, policy, 2026, "zh"))
    amounts = [ws.cell(row=r, column=7) for r in range(4, 8)]
    assert all(c.data_type == "n" and c.number_format == "#,##0.00##" for c in amounts)
    assert [Decimal(str(c.value)) * 10_000 for c in amounts] == [a.amount for a in AWARDS]
    total = ws.cell(row=8, column=7)
    assert total.data_type == "n" and Decimal(str(total.value)) * 10_000 == sum(a.amount for a in AWARDS)
    credit = ws.cell(row=7, column=3)  # a code that looks like a number stays text, its leading 0 kept
    assert credit.data_type == "s" and credit.value == "0915000000000000012" and credit.number_format == "@"


@given(st.integers(min_value=1, max_value=10**14))
def test_every_amount_a_run_can_pay_is_exact_in_wan(yuan: int) -> None:
    value = wan_number(yuan, ("合计", "the total"))
    assert Decimal(repr(value)) * 10_000 == yuan
    written = f"{value:.16G}"  # as xlsxwriter writes it: 6 yuan is 0.0005999999999999999, read back as 0.0006
    assert Decimal(repr(float(written))) * 10_000 == yuan


def test_an_amount_a_cell_cannot_hold_exactly_is_refused_in_words(policy: Policy) -> None:
    with pytest.raises(BudgetoptError) as caught:
        notice_xlsx([award(1, 10**17 + 1)], policy, 2026, "zh")
    assert caught.value.text("en") == ("notice.xlsx: the amount of application A-001, 100000000000000001 yuan, "
                                       "cannot be shown exactly in 10,000 yuan in a spreadsheet")
    assert caught.value.text("zh") == "notice.xlsx：申报 A-001 的金额 100000000000000001 元无法在表格中以万元精确显示"


def test_the_english_notice(policy: Policy) -> None:
    ws = sheet_of(notice_xlsx(AWARDS[:1], policy, 2026, "en", objection_days=7))
    assert ws.title == "Notice"
    rows = values(ws)
    assert rows[0][0] == ("Chongqing policies to integrate the digital and real economies and advance "
                          "\"AI + manufacturing\": projects proposed for support in 2026")
    assert rows[1][0] == "Policy document 渝经信规范〔2026〕2号"
    assert rows[2] == EN_HEADERS
    assert rows[3][5] == "Clause 7: Advanced-level smart factory"
    assert rows[4][0] == "Total" and rows[4][6] == 123.4567
    assert rows[5][0] == ("The notice period is 7 working days. Objections to its content should be made in writing "
                          "to Chongqing Municipal Commission of Economy and Information Technology or Chongqing "
                          "Municipal Finance Bureau within the notice period.")


def test_a_one_day_period_is_one_working_day(policy: Policy) -> None:
    rows = values(sheet_of(notice_xlsx([], policy, 2026, "en", objection_days=1)))
    assert rows[-4][0].startswith("The notice period is 1 working day. ")
    rows = values(sheet_of(notice_xlsx([], policy, 2026, "zh", objection_days=1)))
    assert rows[-4][0].startswith("公示期为1个工作日。")


@pytest.mark.parametrize("days", [0, -3, True, 31])
def test_a_period_that_is_no_number_of_working_days_is_refused(policy: Policy, days: int) -> None:
    with pytest.raises(BudgetoptError) as caught:
        notice_xlsx(AWARDS, policy, 2026, "zh", objection_days=days)
    assert caught.value.text("en") == f"notice.xlsx: the notice period must be 1 to 30 working days, not {days}"


def test_the_notice_prints_landscape_one_page_wide_with_the_header_on_every_page(policy: Policy) -> None:
    ws = sheet_of(notice_xlsx(AWARDS, policy, 2026, "zh"))
    # as wide a page as before the clause's title was cited: printed one page wide, at the same scale
    assert sum(LAYOUTS[LAYOUT]) == sum(LAYOUTS[3]) and widths(ws) == [w + 0.7109375 for w in LAYOUTS[LAYOUT]]
    assert widths(ws)[5] > 26  # 政策条款: an item and its title, most in two lines
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    # one page wide (fitToWidth's default is 1), as many pages long as it takes
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
    assert [ws.column_dimensions[c].width > 5 for c in "ABCDEFG"] == [True] * 7
    assert ws.column_dimensions["B"].width > 24 and ws.column_dimensions["E"].width > 26
    table = [ws.cell(row=r, column=c) for r in range(3, 8) for c in range(1, 8)] + [ws["A8"], ws["G8"]]
    assert all(c.border.left.style == "thin" and c.border.bottom.style == "thin" for c in table)
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_text_that_starts_like_a_formula_stays_text(policy: Policy) -> None:
    hostile = [award(1, 100, applicant="=HYPERLINK(\"http://x\",\"y\")", project="+1+1", district="-2",
                     credit_code="@SUM(1)"), award(2, 100, applicant="\tcmd", project="\rcalc")]
    data = notice_xlsx(hostile, policy, 2026, "zh")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    assert 'quotePrefix="1"' in styles
    ws = sheet_of(data)
    cells = {(r, c): ws.cell(row=r, column=c) for r in (4, 5) for c in range(2, 6)}
    assert all(cell.data_type == "s" for cell in cells.values())
    assert [cells[4, c].value for c in range(2, 6)] == ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", "-2", "+1+1"]
    assert cells[5, 2].value == "\tcmd" and cells[5, 5].value.endswith("calc")  # a CR written as _x000D_
    assert all(cells[4, c].quotePrefix for c in range(2, 6)) and cells[5, 2].quotePrefix and cells[5, 5].quotePrefix
    assert not cells[5, 3].quotePrefix  # a credit code as it is


def test_an_empty_notice_has_its_title_header_a_zero_total_and_the_note(policy: Policy) -> None:
    rows = values(sheet_of(notice_xlsx([], policy, 2026, "zh")))
    assert rows == [[ZH_TITLE] + [None] * 6, ["渝经信规范〔2026〕2号"] + [None] * 6, ZH_HEADERS,
                    ["合计", None, None, None, None, None, 0], [ZH_NOTE] + [None] * 6,
                    *([line] + [None] * 6 for line in ("特此公示。", ZH_ISSUERS, "　　年　　月　　日"))]


def test_the_same_awards_give_the_same_bytes(policy: Policy) -> None:
    assert notice_xlsx(AWARDS, policy, 2026, "zh") == notice_xlsx(list(AWARDS), policy, 2026, "zh")
    assert notice_xlsx([], policy, 2027, "en") == notice_xlsx([], policy, 2027, "en")
    assert awards_json(AWARDS, RUN) == awards_json(list(AWARDS), RUN)
    assert notice_xlsx(AWARDS, policy, 2026, "zh") != notice_xlsx(AWARDS[::-1], policy, 2026, "zh")


def test_awards_json_says_every_award_in_yuan_in_order() -> None:
    data = awards_json(AWARDS[:2], RUN)
    assert data.endswith(b"}\n") and "渝经信规范".encode() in data  # UTF-8, not \u escapes
    assert json.loads(data) == {
        "policy": "渝经信规范〔2026〕2号", "year": 2026, "run": RUN, "total": 6_234_567, "count": 2,
        "awards": [
            {"id": "A-003", "applicant": "重庆第3智造有限公司", "credit_code": "91500000MA0000003X",
             "district": "两江新区", "clause": "7b", "project": "智能工厂建设3", "amount": 1_234_567,
             "policy": "渝经信规范〔2026〕2号", "year": 2026, "run": RUN},
            {"id": "A-001", "applicant": "重庆第1智造有限公司", "credit_code": "91500000MA0000001X",
             "district": "渝中区", "clause": "1", "project": "智能工厂建设1", "amount": 5_000_000,
             "policy": "渝经信规范〔2026〕2号", "year": 2026, "run": RUN},
        ]}
    text = data.decode("utf-8")
    assert text.startswith('{\n  "awards": [\n    {\n      "amount": 1234567,\n      "applicant": "重庆第3智造')
    assert text.endswith(f'  "run": "{RUN}",\n  "total": 6234567,\n  "year": 2026\n}}\n')


def test_awards_json_of_no_awards() -> None:
    assert awards_json([], RUN) == (f'{{\n  "awards": [],\n  "count": 0,\n  "policy": null,\n  "run": "{RUN}",\n'
                                    '  "total": 0,\n  "year": null\n}\n').encode()


def test_awards_json_refuses_awards_of_another_year_or_run() -> None:
    with pytest.raises(BudgetoptError) as caught:
        awards_json([AWARDS[0], award(9, 5, year=2027)], RUN)
    assert caught.value.text("en") == (
        "awards.json: the awards published together must be of one policy and one year, but application A-003 is "
        "of 渝经信规范〔2026〕2号, 2026 and application A-009 of 渝经信规范〔2026〕2号, 2027")
    with pytest.raises(BudgetoptError) as caught:
        awards_json([AWARDS[0], award(9, 5, run="00" * 32)], RUN)
    assert caught.value.text("en") == (f"awards.json: the award of application A-009 belongs to another run "
                                       f"({'00' * 32}), not to this one ({RUN})")
    assert json.loads(awards_json([award(9, 5, run=None)], RUN))["awards"][0]["run"] == RUN


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_reads_the_notice_and_its_total_to_the_yuan(policy: Policy, tmp_path: Path) -> None:
    many = AWARDS + [award(n, n * 1_234_567 % 99_999_991 + 1) for n in range(5, 40)]
    path = tmp_path / "notice.xlsx"
    path.write_bytes(notice_xlsx(many, policy, 2026, "zh"))
    assert SOFFICE is not None
    # every sheet, UTF-8 (76), comma-separated (44), values as shown; a profile of its own, so runs do not meet
    converted = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
         "--outdir", str(tmp_path), str(path)], capture_output=True, text=True, timeout=240)
    assert converted.returncode == 0, converted.stderr
    rows = list(csv.reader((tmp_path / "notice-公示名单.csv").open(encoding="utf-8")))
    assert rows[0][0] == ZH_TITLE and rows[2] == ZH_HEADERS
    table, total, note = rows[3:3 + len(many)], rows[3 + len(many)], rows[4 + len(many)]
    assert [int(r[0]) for r in table] == list(range(1, len(many) + 1))
    assert [(r[1], r[2], Decimal(r[6].replace(",", "")) * 10_000) for r in table] == [
        (a.applicant, a.credit_code, Decimal(a.amount)) for a in many]
    assert total[0] == "合计" and Decimal(total[6].replace(",", "")) * 10_000 == sum(a.amount for a in many)
    assert note[0] == ZH_NOTE
    assert any("," in r[6] for r in table) and any(len(r[6].split(".")[1]) == 4 for r in table)


def test_each_row_is_as_tall_as_its_wrapped_text(policy: Policy) -> None:
    """LibreOffice does not grow a row to its wrapped text on opening a file: the printed list had a long district's
    or project's second line over the next row. A row of one line keeps the default height."""
    long = [award(1, 100, district="秀山土家族苗族自治县"), award(2, 100, project="数" * 40), award(3, 100)]
    ws = sheet_of(notice_xlsx(long, policy, 2026, "zh", layout=3))
    assert widths(ws) == [w + 0.7109375 for w in LAYOUTS[2]]  # xlsxwriter adds the cell's padding
    assert ws.row_dimensions[4].height is None  # 秀山土家族苗族自治县 fits the district column now
    assert ws.row_dimensions[5].height == 45 and ws.row_dimensions[6].height is None
    earlier = sheet_of(notice_xlsx(long, policy, 2026, "zh", layout=1))
    assert earlier.row_dimensions[5].height is None and widths(earlier) == [w + 0.7109375 for w in LAYOUTS[1]]
    # layout 4: the clause's title wraps too (第2条 and its title, 62 columns wide, is three lines in 27)
    now = sheet_of(notice_xlsx([*long, award(4, 100, clause="2"), award(5, 100, clause="11a")], policy, 2026, "zh"))
    assert widths(now) == [w + 0.7109375 for w in LAYOUTS[4]]
    assert [now.row_dimensions[row].height for row in range(4, 9)] == [None, 60, None, 45, None]


def widths(ws: Any) -> list[float]:
    """Each column's width (openpyxl keeps neighbours of one width as one range)."""
    found = {col: dim.width for dim in ws.column_dimensions.values() for col in range(dim.min, dim.max + 1)}
    return [found[col] for col in range(1, 8)]


def test_an_edited_notice_is_named_by_row_and_column_against_the_one_written(policy: Policy) -> None:
    """verify names what was changed on a posted list (an auditor's review): a row by its 序号 and column, the total
    by its column, any other cell by its place; an amount as the sheet shows it, an emptied cell as empty."""
    from optimizer.report.notice import cell_differences

    written = values(sheet_of(notice_xlsx(AWARDS, policy, 2026, "zh")))
    found = [list(row) for row in written]
    found[4][6] = 0.0006  # 序号 2's amount: 500.00 in the list
    found[5][1] = None
    found[3 + len(AWARDS)][6] = 1.0  # the total
    found.append([None, "另添一行"])
    said = [p.text("zh") for p in cell_differences(found, written, len(AWARDS), "公示名单.xlsx")]
    assert said == ["公示名单.xlsx 序号 2：拟支持金额（万元） 为 0.0006，公示时为 500.00",
                    "公示名单.xlsx 序号 3：申报单位 为 （空），公示时为 “重庆第2智造有限公司”",
                    f"公示名单.xlsx 合计：拟支持金额（万元） 为 1.00，公示时为 {wan_number(36_234_567, ('', '')):,.4f}",
                    f"公示名单.xlsx 单元格 B{len(written) + 1}：为 “另添一行”，公示时为 （空）"]
    assert [p.text("en") for p in cell_differences(found, written, len(AWARDS), "notice.xlsx")][1] == (
        "notice.xlsx No. 3: Applicant is (empty), '重庆第2智造有限公司' as published")
    assert cell_differences(written, written, len(AWARDS), "notice.xlsx") == []
    many = [[cell if i < 3 else "x" for cell in row] for i, row in enumerate(written)]
    assert [p.text("en") for p in cell_differences(many, written, len(AWARDS), "n")][-1].startswith("… and ")
