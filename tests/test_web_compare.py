"""The app's comparison page as an officer reads it: the runs named as the lists name them; how the two scenarios
differ first, every limit; then what B's list is worth against A's in plain words — in 万元 first — and which limits
the other's awards break, every one, measured by A or (where that says something else) by B; the formula only in a
fold; no command-line names; 分配方案, as the rest of the app says, not 情景."""

from __future__ import annotations

import html
import io
import json
import re
import time
from pathlib import Path

import openpyxl
import pytest
from helpers import ROOT
from webapp import SAMPLE, TestClient, submit, wait

DATA = ROOT / "data"


def made(client: TestClient, scenario: str, workbook: Path = SAMPLE, **fields: str) -> str:
    """A run of the sample (or `workbook`) under a shipped scenario, finished; in a second of its own, so that the
    page takes the runs as A and B in the order they were made."""
    time.sleep(1.05)
    answer = submit(client, workbook, DATA / scenario, **fields)
    assert answer.status_code == 202, answer.text
    run = str(answer.json()["id"])
    assert wait(client, run)["status"] == "done"
    return run


@pytest.fixture(scope="module")
def base(client: TestClient) -> str:
    return made(client, "scenario_2026.toml")


@pytest.fixture(scope="module")
def push(client: TestClient, base: str) -> str:
    return made(client, "scenario_2026_ai_push.toml")


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def element(page: str, element_id: str) -> str:
    """The text of the element with this id."""
    found = re.search(rf'<(\w+)[^>]* id="{element_id}"[^>]*>(.*?)</\1>', page, re.S)
    assert found is not None, element_id
    return text_of(found.group(2))


def scenario_rows(page: str) -> list[tuple[str, str, str]]:
    """The table of how the scenarios differ: each setting, A's and B's."""
    table = page[page.index('id="compare-scenarios"'):page.index('id="valuation-heading"')]
    return re.findall(r'<tr><th>([^<]*)</th><td class="num">([^<]*)</td><td class="num">([^<]*)</td></tr>', table)


def test_the_scenarios_differences_come_first_then_what_b_is_worth(client: TestClient, base: str, push: str) -> None:
    """An officer found only the weights on the page, the AI envelope, the district and applicant caps further down
    in the embedded report; and the valuation in small grey words under the table, with a formula and `audit`."""
    page = client.get(f"/compare?run={push}&run={base}&lang=zh").text
    assert scenario_rows(page) == [("第3条权重", "1", "1.3"), ("第4条权重", "1.3", "1.5"), ("第5条权重", "1", "1.3"),
                    ("第6条权重", "1.2", "1.4"), ("第8b条权重", "1.2", "1"),
                    ("专项额度“人工智能赋能”上限", "4,000.00万元", "6,000.00万元"),
                    ("专项额度“人工智能赋能”下限", "1,500.00万元", "3,000.00万元"),
                    ("区县占比上限（占可分配额比例）", "30%", "20%"), ("单户上限", "600.00万元", "500.00万元")]
    assert (page.index('id="compare-scenarios"') < page.index('id="valuation"') < page.index('id="valuation-limits"')
            < page.index('id="compare-totals"'))
    assert element(page, "valuation") == (
        "按A的条款权重衡量，B的资助名单的效果比A的低，约相当于A的预算减少82.7万元（预算的0.4%）所损失的"
        "（估计值，差额越大越不准）；差额为69,174,362（加权评分×元）。")
    assert '<p class="caution" id="valuation-limits">' in page
    assert element(page, "valuation-limits") == ("B的分配不满足A的限额：专项额度“人工智能赋能”合计6,000.00万元，"
                                                 "最多4,000.00万元。")
    how = element(page, "valuation-how")
    assert how.startswith("计算方法两份资助名单都按A的条款权重计值，即Σ 权重×评审得分×分配额")  # summary, then the note
    assert "Σ" not in element(page, "valuation") + element(page, "valuation-limits")
    visible = text_of(page[page.index("<main"):page.index("</main>")])
    assert not re.search(r"\b(audit|allocate|verify)\b", visible)
    assert element(page, "under-a") == "A的条款权重和预算" and 'id="under-a" class="chosen"' in page
    assert 'id="valuation-breaches"' not in page  # one limit broken: the sentence names it
    assert element(page, "scenarios-heading") == "两个分配方案的差异"
    assert "情景" not in visible  # the rest of the app says 分配方案


def test_measured_by_b_the_page_and_its_files_say_b(client: TestClient, base: str, push: str) -> None:
    page = client.get(f"/compare?run={base}&run={push}&under=b&lang=en").text
    assert 'id="under-b" class="chosen"' in page and 'id="under-a" class="chosen"' not in page
    assert element(page, "valuation") == (  # A's list against B's: a planner read "B's list … more" backwards
        "Measured by B's clause weights, A's list achieves less than B's: about what cutting B's budget by 676.9万 "
        "(3.4% of it) would lose (an estimate, rougher the larger the difference); the difference is 568,578,715 "
        "(weighted score × yuan).")
    assert element(page, "valuation-limits") == (
        "A's allocation breaks B's limits: 重庆白鹭新材料制造有限公司 gets 517.296万, an applicant at most 500.00万; "
        "重庆铜锣水泥集团有限公司 gets 600.00万, an applicant at most 500.00万; "
        "重庆青木光电集团有限公司 gets 549.95万, an applicant at most 500.00万; 5 more (all listed below).")
    # every one of them, where "……另有5处" said neither which nor where (an officer's review)
    breaches = page[page.index('id="valuation-breaches"'):page.index('id="valuation-how"')]
    assert text_of(re.search(r"<summary>(.*?)</summary>", breaches).group(1)) == "All 8"  # type: ignore[union-attr]
    listed = [text_of(item) for item in re.findall(r"<li>(.*?)</li>", breaches)]
    assert len(listed) == 8 and listed[:3] == [
        "重庆白鹭新材料制造有限公司 gets 517.296万, an applicant at most 500.00万",
        "重庆铜锣水泥集团有限公司 gets 600.00万, an applicant at most 500.00万",
        "重庆青木光电集团有限公司 gets 549.95万, an applicant at most 500.00万"]
    assert f'href="/compare?run={base}&amp;run={push}&amp;lang=en" id="under-a"' in page
    files = f"/compare/{base}/{push}/files/compare.html"
    assert f'href="{files}?lang=en&amp;under=b" id="open-compare"' in page
    assert client.get(f"{files}?lang=en").status_code == 404  # not made yet: measured by A, the page makes its own
    client.get(f"/compare?run={base}&run={push}&lang=en")
    by_b, by_a = client.get(f"{files}?lang=en&under=b"), client.get(f"{files}?lang=en")
    assert by_b.status_code == 200 and "Measured by B&#x27;s clause weights" in by_b.text
    assert by_a.status_code == 200 and "Measured by A&#x27;s clause weights" in by_a.text  # its own folder
    workbook = client.get(f"/compare/{base}/{push}/files/compare.xlsx?lang=en&under=b")
    assert workbook.status_code == 200 and workbook.headers["content-disposition"].startswith(
        f'attachment; filename="{base}_{push}_under_b-compare.xlsx"')  # not the name measured by A's
    assert f'download="{base}_{push}_under_b-compare.xlsx"' in page
    switched = client.get(f"/compare?run={base}&run={push}&under=b&lang=zh").text  # the language switch keeps it
    assert 'id="under-b" class="chosen"' in switched and "按B的条款权重衡量" in switched


def test_only_the_budget_differs(client: TestClient, base: str) -> None:
    """The base case at 2亿 against it at 1.5亿 read "相当于减少约5116万": the page says the budgets' difference."""
    smaller = made(client, "scenario_2026.toml", budget="1.5亿")
    page = client.get(f"/compare?run={base}&run={smaller}&lang=zh").text
    assert element(page, "valuation") == (  # not then "效果比A低4,277,043,396（加权评分×元）", which adds nothing
        "两个分配方案只有预算不同：B的预算比A少5000万元。B比A全额资助少41项（123→82），部分资助多1项（4→5）。")
    assert 'id="valuation-limits"' not in page and "5116" not in page and 'id="valuation-how"' not in page
    assert 'id="compare-equal"' not in page  # only the budget differs: nothing to tell apart
    assert scenario_rows(page) == [("年度预算", "20,000.00万元", "15,000.00万元")]
    # measured by B it says the same: no choice offered (an officer's review)
    assert 'id="compare-under"' not in page and 'id="under-b"' not in page
    assert element(page, "compare-count") == "45 项申报的结果不同，全部列于下表。"  # not "the first 100" of 45


def test_two_runs_that_fund_the_same_say_so_instead_of_counting_none(client: TestClient, base: str) -> None:
    """An officer's review: "0 项申报的结果不同（下表列出前 100 项……）" over no table."""
    again = made(client, "scenario_2026.toml")
    page = client.get(f"/compare?run={base}&run={again}&lang=zh").text
    assert element(page, "compare-count") == "两次运行中每项申报的结果都相同。" and 'id="differences"' not in page
    english = client.get(f"/compare?run={base}&run={again}&lang=en").text
    assert element(english, "compare-count") == "Every application has the same outcome in both runs."


def test_runs_of_two_years_with_no_id_in_common_are_said_so(client: TestClient, base: str) -> None:
    later = made(client, "scenario_2027.toml", DATA / "sample_applications_2027.xlsx")
    page = client.get(f"/compare?run={base}&run={later}&lang=en").text
    # no id is in both: nothing is matched, so no warning about matching ids (a planner's review); it stands for runs
    # of two years whose ids meet (test_compare.py)
    assert 'id="compare-warning-1"' not in page
    # not valued, not held to each other's limits, and not 669 rows of "500万 · Funded in full | —" (an officer's
    # review): said, with the totals and the scenarios' differences kept
    assert element(page, "valuation") == (
        "The two runs have no application id in common: their lists are of different applications; their worth is "
        "not compared, nor is either held to the other's limits.")
    assert element(page, "compare-count") == (
        "The two runs have no application id in common: A's 434 applications and B's 235 are each in one run only, "
        "and are not listed here (compare.xlsx's sheet Changes lists them all).")
    for gone in ('id="differences"', 'id="valuation-limits"', 'id="valuation-how"', 'id="compare-under"'):
        assert gone not in page
    assert 'id="compare-totals"' in page and scenario_rows(page)


def test_the_runs_are_named_as_the_lists_name_them(client: TestClient, base: str, push: str) -> None:
    """An officer's review: "A：20261207-124021-29f4ea（2026 base case）" — the two sides told apart only by the
    table's run ids. Named as the run pickers name them: scenario · budget · time."""
    page = client.get(f"/compare?run={push}&run={base}&lang=zh").text
    when = r"\d\d-\d\d \d\d:\d\d"
    assert re.fullmatch(rf"A：2026年基准方案 · 2亿元 · {when}　B：2026年人工智能加力方案 · 2亿元 · {when}",
                        element(page, "compare-runs"))
    heads = re.findall(r'<th>([AB]) · <a href="/runs/([^"]+)">([^<]+)</a></th>', page)
    assert [(side, run) for side, run, _ in heads] == [("A", base), ("B", push)]
    assert [label.split(" · ")[0] for _, _, label in heads] == ["2026年基准方案", "2026年人工智能加力方案"]
    assert base not in element(page, "compare-runs")
    english = client.get(f"/compare?run={push}&run={base}&lang=en").text
    assert re.fullmatch(rf"A: 2026 base case · 2亿 · {when}; B: 2026 AI push · 2亿 · {when}",
                        element(english, "compare-runs"))


@pytest.fixture(scope="module")
def push_cut(client: TestClient, push: str) -> str:
    """The AI push at 1.8亿: its budget and its rules both differ from the base case's."""
    return made(client, "scenario_2026_ai_push.toml", budget="1.8亿")


def test_the_budgets_difference_is_told_apart_from_the_rest_on_asking(client: TestClient, base: str,
                                                                      push_cut: str) -> None:
    """A planner's review: with both the budget and the rules changed, the figure held the budget's cut, and nothing
    said what the rules alone did. The page offers to allocate B's scenario again at A's budget, and then says both
    parts in the sentence; its files say what it says."""
    page = client.get(f"/compare?run={base}&run={push_cut}&lang=zh").text
    assert element(page, "compare-equal").split() == [
        "预算之差：", "与其他差异一并折算", "与其他差异分开（按A的预算重新分配B的分配方案）"]
    assert 'id="equal-off" class="chosen"' in page
    assert element(page, "valuation").endswith(
        "两个分配方案的预算也不同（B的预算比A少2000万元）：这一折算包含预算本身的差额。")
    assert f'href="/compare?run={base}&amp;run={push_cut}&amp;equal=1&amp;lang=zh" id="equal-on"' in page
    apart = client.get(f"/compare?run={base}&run={push_cut}&equal=1&lang=zh").text
    assert 'id="equal-on" class="chosen"' in apart
    said = ("按A的条款权重衡量，B的资助名单的效果比A的低，约相当于A的预算减少2107.4万元（预算的10.5%）所损失的，"
            "其中预算之差（B的预算比A少2000万元）：B若有A的预算，以多出的2000万元所资助的申报，在A的资助线上折合"
            "2024.7万元；其他设置之差约相当于减少82.7万元"
            "（估计值，差额越大越不准；两部分由B的分配方案按A的预算重新分配得出）；差额为1,761,779,171（加权评分×元）。")
    assert element(apart, "valuation") == said
    assert element(apart, "valuation-how").endswith(
        "B的分配方案按A的预算（2亿元）重新分配，申报、政策和资助台账不变；其资助名单同样按A的条款权重计值：它与A的名单之差"
        "即其他设置之差，B的名单与它之差即预算之差。")
    # measuring by B keeps it, and back to A too; the files are their own, saved under their own name
    assert f'href="/compare?run={base}&amp;run={push_cut}&amp;under=b&amp;equal=1&amp;lang=zh" id="under-b"' in apart
    files = f"/compare/{base}/{push_cut}/files"
    assert f'href="{files}/compare.html?lang=zh&amp;equal=1" id="open-compare"' in apart
    assert f'download="{base}_{push_cut}_按A的预算-两次分配对比.xlsx"' in apart  # no English in a Chinese name
    report = client.get(f"{files}/compare.html?lang=zh&equal=1")
    assert report.status_code == 200 and html.escape(said, quote=True) in report.text
    assert said not in client.get(f"{files}/compare.html?lang=zh").text
    by_b = client.get(f"/compare?run={base}&run={push_cut}&under=b&equal=1&lang=en").text
    assert ("of which the budgets' difference (B's is 2000万 smaller than A's) — what B would fund with A's 2000万 "
            "more is worth 1988.9万 of B's budget at its funding line, a gain; and the other settings' difference "
            "comes to about cutting it by 668.1万 (at B's funding line; at the line of B allocated again at A's budget "
            "it comes to about cutting it by 676.9万)") in element(by_b, "valuation")


def test_the_files_name_the_runs_as_the_page_does(client: TestClient, base: str, push: str) -> None:
    """An officer's review: compare.html and compare.xlsx named the runs by their ids ("A: 20261207-144657-0a3e0d"),
    or by the scenario's English name, and said 情景 where the page says 分配方案."""
    page = client.get(f"/compare?run={push}&run={base}&lang=zh").text
    label_a, label_b = (text_of(label) for label in re.findall(r'<th>[AB] · <a href="/runs/[^"]+">([^<]+)</a></th>',
                                                               page))
    report = client.get(f"/compare/{base}/{push}/files/compare.html?lang=zh").text
    assert f'<p class="sub">A：{html.escape(label_a)}　B：{html.escape(label_b)}</p>' in report
    # the cards too, in large print (an officer's review: "2026 AI push" above its Chinese name in small print)
    assert f'<b>2026年基准方案</b><span>A {html.escape(label_a)}</span>' in report
    assert f'<b>2026年人工智能加力方案</b><span>B {html.escape(label_b)}</span>' in report
    assert "2026 base case" not in report and "2026 AI push" not in report
    english = client.get(f"/compare?run={push}&run={base}&lang=en")
    assert english.status_code == 200
    in_english = client.get(f"/compare/{base}/{push}/files/compare.html?lang=en").text
    assert "<b>2026 base case</b><span>A " in in_english and "<b>2026 AI push</b><span>B " in in_english
    assert base not in report and "情景" not in report and "两个分配方案的差异" in report
    workbook = client.get(f"/compare/{base}/{push}/files/compare.xlsx?lang=zh")
    book = openpyxl.load_workbook(io.BytesIO(workbook.content))
    assert book.sheetnames[0] == "分配方案差异"
    assert [cell.value for cell in book["合计"][1]] == ["项目", f"A: {label_a}", f"B: {label_b}", "B − A"]
    limits = [cell.value for cell in book["限额核对"][2]]
    assert limits[5].endswith("——A的分配方案：专项额度“人工智能赋能”上限")  # not `[[envelopes]] "人工智能赋能" max`


def test_the_english_totals_are_capitalised(client: TestClient, base: str, push: str) -> None:
    """An officer's review: "funded in full / partly funded" in lower case beside "Budget"."""
    page = client.get(f"/compare?run={base}&run={push}&lang=en").text
    totals = page[page.index('id="compare-totals"'):page.index("</table>", page.index('id="compare-totals"'))]
    heads = [text_of(head) for head in re.findall(r"<tr><th>(.*?)</th>", totals)][1:]  # after the header row
    assert heads[:8] == ["Budget", "Reserve", "Available", "Allocated", "Unspent", "Funded in full", "Partly funded",
                         "Not funded"]


def test_a_total_over_the_smaller_budget_is_not_folded_in_as_a_limit_broken(client: TestClient, base: str,
                                                                              push_cut: str) -> None:
    """A planner's review: measured by B's smaller budget, A's total over it opened the list of limits broken after
    the split had told the budgets apart; the page says it once, as within the budgets' difference, and its fold lists
    only the limits broken. The page's compare.xlsx lists it among the nine, marked (an officer's review: first of
    nine, unmarked, under a sentence counting eight)."""
    aside = {"zh": "A的分配合计超出B的可分配额1,999.991万元，未超过两次运行的预算之差（2,000.00万元），不列为不满足B"
                   "的限额。A的分配不满足B的限额：",
             "en": "A's total is 1,999.991万 over what B may allocate, within the budgets' difference (2,000.00万): "
                   "not listed among B's limits broken. A's allocation breaks B's limits: "}
    marked = {"zh": "合计分配19,499.991万元，可分配额最多17,500.00万元（未超过两次运行的预算之差2,000.00万元，不计为"
                    "不满足限额）",
              "en": "19,499.991万 allocated, at most 17,500.00万 available (within the budgets' difference of "
                    "2,000.00万: not counted as a limit broken)"}
    for lang, fold in (("zh", "全部8处"), ("en", "All 8")):
        page = client.get(f"/compare?run={base}&run={push_cut}&under=b&lang={lang}").text
        said = element(page, "valuation-limits")
        assert said.startswith(aside[lang]), said
        breaches = page[page.index('id="valuation-breaches"'):page.index('id="valuation-how"')]
        assert text_of(re.search(r"<summary>(.*?)</summary>", breaches).group(1)) == fold  # type: ignore[union-attr]
        assert "17,500.00万" not in breaches
        book = client.get(f"/compare/{base}/{push_cut}/files/compare.xlsx?lang={lang}&under=b")
        sheet = openpyxl.load_workbook(io.BytesIO(book.content)).worksheets[2]
        whose = {"zh": "A的分配对照B的限额", "en": "A's awards under B's limits"}[lang]
        rows = [cells[:5] for cells in sheet.iter_rows(min_row=2, values_only=True) if cells[0] == whose]
        assert len(rows) == 9 and rows[0] == (whose, marked[lang], 194_999_910, 175_000_000, 0)  # nothing over


def test_why_b_was_not_allocated_again_is_said_in_the_pages_words(client: TestClient, data: Path, base: str) -> None:
    """An officer's review: a run that did not record its scenario (from before runs did) stopped the split with the
    command line's words on the page — `至少一次运行未记录情景的设置`. The page says 分配方案, as everywhere else;
    so does the compare.html it offers."""
    older = made(client, "scenario_2026.toml", budget="1.5亿")
    manifest = data / "runs" / older / "manifest.json"
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    del recorded["scenario"]["weights"]
    manifest.write_text(json.dumps(recorded), encoding="utf-8")
    said = {"zh": "警告：未按A的预算重新分配B的分配方案：至少一次运行未记录分配方案的设置，"
                  "无从判断除预算外是否还有差异。",
            "en": "warning: B's scenario was not allocated again at A's budget: a run did not record its scenario, so "
                  "whether anything but the budget differs is not known."}
    for lang in ("zh", "en"):
        page = client.get(f"/compare?run={base}&run={older}&equal=1&lang={lang}").text
        assert element(page, "compare-warning-1") == said[lang]
        report = client.get(f"/compare/{base}/{older}/files/compare.html?lang={lang}&equal=1").text
        assert html.escape(said[lang], quote=True) in report
    assert "情景" not in client.get(f"/compare?run={base}&run={older}&equal=1&lang=zh").text
