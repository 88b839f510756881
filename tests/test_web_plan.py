"""Splitting a two-year total in the browser app (`/plans`): a finished run of each year (their workbooks and
scenarios), the total, the first year's budgets to try, whose weights value both years and the near-best band's
tolerance → a queued plan, solved by a worker → the best split and the band about as good, in an officer's words —
the library's answer (`optimizer.plan_years`) on the same inputs; each split in a chart and a table; plan.csv and
plan.xlsx; a new allocation of each year at the best split. The form's mistakes are said at their fields, in Chinese
and in English.

One plan of the samples (3.2亿, 2026 from 1.97亿 to 2.05亿 in 100万 steps: nine splits, a second or two), shared by
the module."""

from __future__ import annotations

import html
import io
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from webapp import (
    BEARER,
    CSRF,
    SAMPLE,
    SAMPLE_2027,
    SCENARIO,
    SCENARIO_2027,
    TestClient,
    app_client,
    plan_of,
    sign_in,
    submit,
    two_years,
    wait,
    wait_page,
)

import optimizer
from optimizer.jobs.year_plan import YearPlan
from optimizer.web.goal_note import budget_typed
from optimizer.web.ledgers import LedgerFacts
from optimizer.web.plan_form import Asked
from optimizer.web.plan_page import about
from optimizer.web.plan_tasks import findings, plan_ledger, tried_said
from optimizer.web.registry import NewRun, Registry
from optimizer.web.views import short_when

FORM = {"total": "3.2亿", "start": "1.97亿", "stop": "2.05亿", "step": "100万", "value_under": "first",
        "tolerance": "10万"}


@pytest.fixture(scope="module")
def runs(client: TestClient) -> tuple[str, str]:
    """A finished run of each year: the 2026 sample under its base case, the 2027 sample under its own."""
    return two_years(client)


@pytest.fixture(scope="module")
def plan(client: TestClient, runs: tuple[str, str]) -> str:
    """A plan of the two runs, asked in Chinese."""
    return plan_of(client, runs, FORM)


@pytest.fixture(scope="module")
def library() -> YearPlan:
    """What the library answers on the same inputs."""
    return optimizer.plan_years((SAMPLE, SCENARIO), (SAMPLE_2027, SCENARIO_2027), "3.2亿", start="1.97亿",
                                stop="2.05亿", step="100万", workers=1)


def said(page: str, element: str) -> str:
    """The words of the element with id `element`, as the reader sees them (tags dropped, entities read)."""
    found = re.search(rf'<(\w+)[^>]* id="{element}"[^>]*>(.*?)</\1>', page, re.S)
    assert found is not None, element
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(2))).strip()


def problems(page: str, field: str) -> list[str]:
    """The mistakes said under a field of the form."""
    found = re.search(rf'<ul class="refusal field-problem" id="problem-{field}">(.*?)</ul>', page, re.S)
    return [] if found is None else [html.unescape(p) for p in re.findall(r"<li>(.*?)</li>", found.group(1))]


# ---------------------------------------------------------------- the answer


def test_a_plan_is_the_librarys_answer(client: TestClient, data: Path, plan: str, library: YearPlan) -> None:
    record = Registry(data).get(plan)
    assert record is not None and record.kind == "plan" and record.status == "done"
    found: dict[str, Any] = dict(record.outcome["plan"])
    assert library.best is not None and library.near_best == (198_000_000, 204_000_000)
    assert found["splits"][found["best"]]["first_budget"] == library.best.first_budget == 203_000_000
    assert tuple(found["band"]) == library.near_best
    frame = library.to_frame("zh")
    assert [s["below_best"] for s in found["splits"]] == list(frame["below_best"])
    assert [s["near"] for s in found["splits"]] == list(frame["near_best"])
    page = client.get(f"/plans/{plan}?lang=zh").text
    # the answer first, in an officer's words: the band about as good, the best split beneath it
    assert said(page, "plan-question") == "两年合计3.2亿元：2026年度安排多少、2027年度安排多少效果最好？"
    # the step it was measured at, and how far its ends are known (an officer's review: 2.03亿 and 2.04亿 read as
    # settled; a 10万 plan found 2.042亿, the band to 2.048亿)
    assert said(page, "plan-answer") == "2026年安排约2.03亿元（1.98亿–2.04亿元之间效果基本相同；按100万元一档测算）"
    assert said(page, "plan-band-ends") == ("这一范围的两端只确定到100万元以内：所测算的下一档与其相差100万元，"
                                            "更细的测算可能使其略有移动。")
    assert said(page, "plan-point") == "效果最好的分法：2026年 2.03亿元，2027年 1.17亿元"
    assert said(page, "plan-best") == "2026年 2.03亿元，2027年 1.17亿元"
    assert page.index('id="plan-answer"') < page.index('id="plan-best"')
    assert said(page, "plan-band") == "效果基本相同，指与最优相差不超过2026年预算再增加10万元所能带来的效果。"
    assert said(page, "plan-measure") == (
        "效果的衡量：两年的所有资助都按2026年度方案（2026年基准方案）的条款权重计值，即 Σ 权重×评审得分×分配额；"
        "与最优的差额折合为2026年的预算：除以最优分法下2026年资助线上每元预算可资助的加权评分（83.3）。")
    assert library.near_margin == 8_330_000  # 10万 × 83.3
    assert 'id="plan-band-edge"' not in page  # 1.97亿 and 2.05亿, the ends tried, are outside the band
    assert page.index('id="plan-best"') < page.index('id="plan-chart"') < page.index('id="plan-splits"')
    # each split: the best and those near it marked, how far below the best in 2026's budget
    rows = re.findall(r'<tr id="split-(\d+)"(?: class="split-(\w+)")?>', page)
    assert rows == [(str(s.first_budget), "best" if s is library.best else "near" if library.is_near_best(s) else "")
                    for s in library.splits]
    # what a year left unspent in yuan below 1万, as the app says amounts (an officer's review: 0.009万元 for 90元)
    assert cells(page, "split-197000000") == ["19,700万元", "12,300万元", "11.9万元", "121＋4", "81＋3", "90元", "40元",
                                              ""]
    assert cells(page, "split-203000000")[:3] == ["20,300万元 最优", "11,700万元", ""]
    assert cells(page, "split-198000000")[0] == "19,800万元 基本相同"
    assert round(9_881_907 / 83.3, -3) == 119_000 and about(118_630, "zh") == "11.9万元"
    chart = said_html(page, "plan-chart")  # inline SVG, no script: each split's point, the best marked
    assert chart.startswith("<svg") and "<script" not in page[page.index("<main"):]
    assert chart.count("<circle") == 9 and "<title>2026年 2.03亿元：最优</title>" in chart
    assert "<title>2026年 1.97亿元：与最优相差约11.9万元</title>" in chart
    assert 'id="plan-chart-near"' not in page  # no split is more than 30万 short: one chart, its axis to 15万
    # a gap, 0 at the top for the best: no negative amounts, no double negative; the axis over the splits tried; the
    # band shaded
    ticks = re.findall(r'text-anchor="(?:middle|end)">([^<]+)</text>', chart)
    assert ticks[0] == "1.97亿" and "2.05亿" in ticks and "2.1亿" not in ticks and not any("-" in t for t in ticks)
    assert ">与最优的差距（折合2026年预算）</text>" in chart and "比最优少" not in page
    assert re.search(r'<rect class="chart-band"[^>]*><title>基本相同</title></rect>', chart)
    assert ticks[-5:] == ["0", "5万", "10万", "15万", "2026年预算"] and 'class="chart-further"' not in chart
    # the tolerance's line, and what it means
    assert '<line class="chart-rule"' in chart and ">虚线：基本相同的界限，相差10万元</tspan>" in chart
    # what the plan asked, and that it counted no ledger (the first run counted none)
    assert said(page, "plan-splits-asked") == "1.97亿元至2.05亿元，每档相差100万元，共9档"
    assert said(page, "plan-value-under") == "第一年（2026年度）方案"
    assert said(page, "run-ledger") == "未计入资助台账"
    assert "web." not in page and "Traceback" not in page
    assert "YearPlan" not in page and "optimizer.plan_years" not in page  # no developer's words in Chinese


def test_the_answer_in_english(client: TestClient, plan: str) -> None:
    page = client.get(f"/plans/{plan}?lang=en").text
    assert '<html lang="en">' in page and "web." not in page
    assert said(page, "plan-question") == "3.2亿 for 2026 and 2027 together: how much for each year?"
    assert said(page, "plan-answer") == ("About 2.03亿 for 2026 (anything from 1.98亿 to 2.04亿 is about as good; "
                                         "measured in steps of 100万)")
    assert said(page, "plan-band-ends") == ("The band's ends are known only to within 100万: the next splits tried "
                                            "beyond them are 100万 away, and a finer step may move them a little.")
    assert said(page, "plan-best") == "2026: 2.03亿; 2027: 1.17亿"
    assert said(page, "plan-band") == ("About as good: worth less than the best by no more than what 10万 more of "
                                       "2026's budget would buy.")
    # one unit a column: the distance from the best in 万 throughout (it mixed 1.6万 and 7,000 yuan)
    gaps = [cells(page, f"split-{budget}")[2] for budget in range(197_000_000, 205_000_001, 1_000_000)]
    assert gaps == ["11.9万", "9.2万", "7万", "4.7万", "2.9万", "1.4万", "", "2.6万", "12.1万"]
    assert cells(page, "split-197000000")[:2] == ["19,700万", "12,300万"]
    assert said(page, "plan-tolerance") == "what 10万 more of 2026's budget buys"
    # an officer's review: the English page named the library's functions, which the Chinese did not
    assert "optimizer.plan_years" not in page and "YearPlan" not in page
    assert said(page, "download-plan-csv") == "plan.csv"
    assert ("plan.csv</a> — each split's two years (CSV, amounts in yuan, for systems and auditors)"
            in html.unescape(page))
    assert cells(page, "split-197000000")[5:7] == ["90 yuan", "40 yuan"]
    assert not nested(page)  # "(after 2026's public notice (公示))"
    assert said(page, "plan-new-run-2") == "A new 2027 allocation at 1.17亿, after 2026's public notice"
    assert said(page, "plan-measure").startswith("The value: every award of both years weighed by the clause weights "
                                                 "of 2026's scenario (2026 base case)")
    assert said(page, "plan-second-counts") == (
        "In the plan, 2027 counts 2026's awards at each split as if they were published (paid once, at the higher "
        "standard — 就高 — and within the caps over the policy's period). So allocate 2027 once 2026 is published "
        "(公示) into the award ledger.")


def test_the_solver_is_named_with_its_version_as_on_the_run_page(client: TestClient, data: Path, plan: str,
                                                                 runs: tuple[str, str]) -> None:
    """An officer's review: the run page says `求解器 HiGHS 1.16.0`, as allocation.xlsx and report.html do, the plan
    pages `求解器 HiGHS`. A finished plan names the solver its solves used, with its version, in either language; a
    plan recorded before plans recorded it, the solver asked for, as the form offers it."""
    used = said(client.get(f"/runs/{runs[0]}?lang=zh").text, "run-solver")
    assert re.fullmatch(r"HiGHS \d+\.\d+\.\d+", used)
    for lang in ("zh", "en"):
        assert said(client.get(f"/plans/{plan}?lang={lang}").text, "run-solver") == used
    record = Registry(data).get(plan)
    assert record is not None and record.outcome["plan"]["solvers"] == [used]
    registry, recorded = Registry(data), record.outcome
    registry.finish(plan, "done", {**recorded, "plan": {k: v for k, v in recorded["plan"].items() if k != "solvers"}})
    try:
        assert said(client.get(f"/plans/{plan}?lang=zh").text, "run-solver") == "HiGHS"
    finally:
        registry.finish(plan, "done", recorded)


def nested(page: str) -> list[str]:
    """The brackets inside brackets of what a reader sees (tags dropped)."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", page[page.index("<main"):]))
    found, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "(（":
            depth, start = depth + 1, start if depth else i
            if depth == 2:
                found.append(text[start:i + 20])
        elif char in ")）":
            depth = max(0, depth - 1)
    return found


def test_the_splits_downloaded(client: TestClient, data: Path, plan: str, library: YearPlan,
                               runs: tuple[str, str]) -> None:
    csv = client.get(f"/plans/{plan}/files/plan.csv?lang=zh")
    assert csv.status_code == 200 and csv.headers["content-disposition"] == (
        f'attachment; filename="{plan}-plan.csv"; filename*=UTF-8\'\'{plan}-%E5%B9%B4%E5%BA%A6%E5%88%86%E9%85%8D'
        f'%E6%B5%8B%E7%AE%97.csv')
    expected = library.to_frame("zh").to_csv(index=False, lineterminator="\r\n")
    assert csv.content == b"\xef\xbb\xbf" + expected.encode("utf-8")
    workbook = client.get(f"/plans/{plan}/files/plan.xlsx?lang=en")
    assert workbook.status_code == 200 and workbook.content.startswith(b"PK")
    assert workbook.headers["content-disposition"] == (
        f'attachment; filename="{plan}-plan.xlsx"; filename*=UTF-8\'\'{plan}-plan.xlsx')
    assert f'download="{plan}-年度分配测算.xlsx"' in client.get(f"/plans/{plan}?lang=zh").text
    book = openpyxl.load_workbook(io.BytesIO(workbook.content))
    assert book.sheetnames == ["测算说明", "各种分法", "明细数值"]  # the plan was asked in Chinese: its files too
    about_sheet = dict(book["测算说明"].iter_rows(values_only=True))
    assert about_sheet["测算问题"] == "两年合计3.2亿元：2026年度安排多少、2027年度安排多少效果最好？"
    assert about_sheet["结论"] == "2026年安排约2.03亿元（1.98亿–2.04亿元之间效果基本相同；按100万元一档测算）"
    assert about_sheet["效果最好的分法"] == "2026年 2.03亿元，2027年 1.17亿元"
    assert about_sheet["效果基本相同的2026年预算"] == "1.98亿元至2.04亿元"
    assert about_sheet["提示"] == ("效果基本相同，指与最优相差不超过2026年预算再增加10万元所能带来的效果。"
                                 "这一范围的两端只确定到100万元以内：所测算的下一档与其相差100万元，"
                                 "更细的测算可能使其略有移动。")
    # the runs named as the pages name them (an officer's review: 2026 base case, the English name, in a Chinese
    # file), and the page's caution that 2027 is allocated once 2026 is published
    registry = Registry(data)
    first, second = (registry.get(run_id) for run_id in runs)
    assert first is not None and second is not None
    assert about_sheet["第一年（2026年度）"] == (
        f"运行 {runs[0]}：2026年基准方案 · 2亿元 · {short_when(first.created)}；sample_applications.xlsx")
    assert about_sheet["第二年（2027年度）"] == (f"运行 {runs[1]}：2027年基准方案 · 1.2亿元 · "
                                            f"{short_when(second.created)}；sample_applications_2027.xlsx")
    assert about_sheet["计值所用的条款权重"] == "2026年度方案（2026年基准方案）"
    assert about_sheet["2027年度何时分配"] == (
        "测算中，2027年度计入了2026年度按该分法分配并公示后的资助（就高、不重复，期间单户上限）。"
        "因此2027年度的分配，应在2026年度公示、记入资助台账之后再新建。")
    assert about_sheet["测算的第一年预算"] == "1.97亿元至2.05亿元，每档相差100万元，共9档"
    assert about_sheet["视为效果基本相同"] == "2026年预算再增加10万元所能带来的效果"
    # what a director reads first, on a page's width; the values behind it on a sheet of their own
    sheet = book["各种分法"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == ["2026年预算（万元）", "2027年预算（万元）", "与最优的差距（折合2026年预算，万元）",
                       "2026年全额资助", "2026年部分资助", "2027年全额资助", "2027年部分资助", "最优", "效果基本相同",
                       "2026年未用（万元）", "2027年未用（万元）", "说明"]
    frame = library.to_frame("zh")
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(frame) == 9
    for row, (_, line) in zip(rows, frame.iterrows(), strict=True):
        assert row[0] * 10_000 == line["first_budget"] and row[1] * 10_000 == line["second_budget"]
        assert row[2] * 10_000 == pytest.approx(line["below_best_in_budget"])
        assert row[3:7] == (line["funded_first"], line["partial_first"], line["funded_second"], line["partial_second"])
        assert row[7:9] == ("是" if line["best"] else "否", "是" if line["near_best"] else "否")
    assert rows[0][2] == 11.863 and sheet.cell(2, 1).number_format == "#,##0.00##"
    values = book["明细数值"]
    headers = [cell.value for cell in values[1]]
    assert headers[:6] == ["2026年预算（万元）", "2027年预算（万元）", "两年效果（加权评分×元）", "2026年效果",
                           "2027年效果", "与最优的差距（加权评分×元）"]
    for row, (_, line) in zip(values.iter_rows(min_row=2, values_only=True), frame.iterrows(), strict=True):
        assert row[2] == line["valued"] and row[5] == line["below_best"]
        assert row[headers.index("2026年已分配（万元）")] == pytest.approx(line["allocated_first"] / 10_000)
        assert row[headers.index("2026年每元预算可资助的加权评分")] == pytest.approx(line["marginal_first"])
    for printed in book.worksheets:  # landscape, one page wide, headers on every page
        setup = printed.page_setup  # one page wide (the default of fitToWidth, left out), any number tall
        assert setup.orientation == "landscape" and setup.fitToWidth in (None, 1) and setup.fitToHeight == 0
        assert printed.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == values.print_title_rows == "$1:$1"
    # everything it wrote is under the data folder, in its own folder: the two files, whole
    assert {p.name for p in (data / "plans" / plan).iterdir()} <= {"plan.csv", "plan.xlsx", ".budgetopt.lock"}
    for name in ("runs.sqlite", "goal.csv", "allocation.csv", "../runs.sqlite", "plan.html"):
        assert client.get(f"/plans/{plan}/files/{name}").status_code == 404, name


def test_a_new_allocation_of_each_year_at_the_best_split(client: TestClient, plan: str) -> None:
    page = client.get(f"/plans/{plan}?lang=zh").text
    links = re.findall(r'<a href="([^"]+)" id="plan-new-run-\d" class="(button[^"]*)">([^<]+)</a>', page)
    # the second year's for after the first's 公示: the plan counted its awards as published
    assert [(kind, text) for _, kind, text in links] == [
        ("button", "以此预算新建2026年度分配（2.03亿元）"),
        ("button secondary", "以此预算新建2027年度分配（1.17亿元；2026年度公示后）")]
    for (link, _, _), budget, workbook, year in zip(links, (203_000_000, 117_000_000),
                                                 ("sample_applications.xlsx", "sample_applications_2027.xlsx"),
                                                 (2026, 2027), strict=True):
        form = client.get(html.unescape(link)).text
        assert f'name="budget" id="f-budget" value="{budget_typed(budget)}"' in form
        assert workbook in form
        # named after the plan — its total and the first year's share — as a goal's runs are after the goal: told
        # apart in the runs list from another plan's of the same total (an officer's review)
        assert f'name="name" id="f-name" value="{year}年基准方案（两年分配：合计3.2亿元，2026年2.03亿元）"' in form
        assert f'<a href="/plans/{plan}" id="plan-note-link">' in form  # the box speaks of this plan
    english = client.get(f"/plans/{plan}?lang=en").text
    link = re.findall(r'<a href="([^"]+)" id="plan-new-run-1"', english)[0]
    assert 'id="f-name" value="2026 base case (two-year plan: 3.2亿 in all, 2.03亿 for 2026)"' in client.get(
        html.unescape(link)).text
    assert said(page, "plan-second-counts") == (
        "测算中，2027年度计入了2026年度按该分法分配并公示后的资助（就高、不重复，期间单户上限）。"
        "因此2027年度的分配，应在2026年度公示、记入资助台账之后再新建。")


def test_the_list_and_unknown_ids(client: TestClient, data: Path, runs: tuple[str, str], plan: str) -> None:
    page = client.get("/plans?lang=zh").text
    registry = Registry(data)
    first, second = (registry.get(run_id) for run_id in runs)
    assert first is not None and second is not None
    # each year's runs under the year, named as the goal form names them; the newest of the last two years picked
    assert re.search(rf'<select name="first" id="plan-first">\s*<optgroup label="2027年度">.*?</optgroup>\s*'
                     rf'<optgroup label="2026年度">\s*<option value="{runs[0]}" selected title="{runs[0]} · '
                     rf'sample_applications.xlsx">2026年基准方案 · 2亿元 · {short_when(first.created)}</option>', page,
                     re.S)
    assert re.search(rf'<select name="second" id="plan-second">\s*<optgroup label="2027年度">\s*<option '
                     rf'value="{runs[1]}" selected title="{runs[1]} · sample_applications_2027.xlsx">2027年基准方案 · '
                     rf'1.2亿元 · {short_when(second.created)}</option>', page, re.S)
    assert 'id="plan-no-later"' not in page and "web." not in page
    assert re.search(r'<input type="checkbox" name="refine" value="1" id="plan-refine" checked>', page)
    # each plan: its question, the two runs linked, how it was tried, its answer (the band, the best beneath), its
    # status — so that plans of one question do not read as answers that contradict each other
    row = said(page, f"plan-{plan}")
    assert "两年合计3.2亿元：2026年度安排多少、2027年度安排多少效果最好？" in row
    how = cells(page, f"plan-{plan}")[3]
    assert how == ("1.97亿元至2.05亿元，每档相差100万元，共9档计值所用的条款权重：第一年（2026年度）方案"
                   "视为效果基本相同：2026年预算再增加10万元所能带来的效果")
    assert cells(page, f"plan-{plan}")[4] == ("2026年安排约2.03亿元（1.98亿–2.04亿元之间效果基本相同；"
                                              "按100万元一档测算）效果最好的分法：2026年 2.03亿元，2027年 1.17亿元")
    assert "已完成" in row and f"2026年度：{runs[0]}" in row and f"2027年度：{runs[1]}" in row
    assert f'<a href="/runs/{runs[0]}">{runs[0]}</a>' in said_html(page, f"plan-{plan}")
    english = html.unescape(client.get("/plans?lang=en").text)
    assert "Splitting two years' budget" in english and "web." not in english and 'id="nav-plans"' in english
    for path in ("/plans/nope", "/plans/20260101-000000-abcdef", f"/plans/{runs[0]}", f"/runs/{plan}",
                 f"/goals/{plan}", f"/plans/{plan}/files/plan.csv/x", "/plans/"):
        assert client.get(path).status_code == 404, path
    assert client.get(f"/api/runs/{plan}", headers=BEARER).status_code == 404  # a plan is not an allocation


def cells(page: str, row: str) -> list[str]:
    """The cells of a table's row, as the reader sees them."""
    return [html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell))).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", said_html(page, row), re.S)]


def said_html(page: str, element: str) -> str:
    found = re.search(rf'<(\w+)[^>]* id="{element}"[^>]*>(.*?)</\1>', page, re.S)
    assert found is not None, element
    return found.group(2)


# ---------------------------------------------------------------- queued, working, a record damaged


def queued(data: Path, runs: tuple[str, str], **params: Any) -> str:
    """A plan added to the registry as the form adds one, never given to a worker (the app only starts what it is
    asked to, and what it finds queued when it starts)."""
    registry = Registry(data)
    first, second = (registry.get(run_id) for run_id in runs)
    assert first is not None and second is not None
    workbook = registry.stored_input(first.workbook)
    assert workbook is not None
    asked = Asked(runs[0], runs[1], 320_000_000, 200_000_000, 200_000_000, 1_000_000, "first", 100_000,
                  (2026, 2027))
    inputs = {"workbook": second.workbook, "workbook_name": second.workbook_name, "scenario": second.scenario,
              "scenario_name": second.scenario_name, "skip_invalid": False}
    record = registry.add(NewRun(workbook, registry.stored_input(str(first.scenario)), first.scenario_name, None,
                                 320_000_000, kind="plan", params={**asked.params(), "second_inputs": inputs,
                                                                   **params}))
    return record.id


def test_queued_then_working(client: TestClient, data: Path, runs: tuple[str, str]) -> None:
    plan = queued(data, runs)
    page = client.get(f"/plans/{plan}?lang=zh").text
    assert '<meta http-equiv="refresh" content="2">' in page and 'data-status="queued"' in page
    assert said(page, "run-waiting").startswith("排队等待计算") and "排队中" in page
    assert said(page, "plan-question") == "两年合计3.2亿元，按2026年2亿元、2027年1.2亿元分配的效果"  # one split asked
    assert said(page, "run-solver") == "HiGHS"  # not solved yet: the solver asked for, with no version
    assert 'id="plan-best"' not in page and 'id="downloads"' not in page
    assert client.get(f"/plans/{plan}/files/plan.csv").status_code == 404
    assert f'<tr id="plan-{plan}">' in client.get("/plans").text
    Registry(data).started(plan)
    page = client.get(f"/plans/{plan}?lang=zh").text
    assert 'data-status="running"' in page and "计算中" in page
    assert said(page, "plan-working") == "正在逐档测算（每档求解两个年度），本页会自动刷新。"
    english = client.get(f"/plans/{plan}?lang=en").text
    assert said(english, "plan-working") == "Solving the splits (two years each); this page refreshes itself."
    assert "web." not in page and "web." not in english


def test_a_queued_plan_is_solved_after_a_restart(data: Path, runs: tuple[str, str], library: YearPlan) -> None:
    """The app's runner queues plans again when it starts, as it does runs (a plan is not an allocation: solved as
    an allocation, its folder would hold one)."""
    plan = queued(data, runs)
    with app_client(data) as again:
        sign_in(again)
        page = wait_page(again, f"/plans/{plan}?lang=zh")
    assert 'data-status="done"' in page and said(page, "plan-best") == "2026年 2亿元，2027年 1.2亿元"
    assert {p.name for p in (data / "plans" / plan).iterdir()} <= {"plan.csv", "plan.xlsx", ".budgetopt.lock"}


def test_a_damaged_record_fails_with_a_sentence(client: TestClient, data: Path, runs: tuple[str, str]) -> None:
    plan = queued(data, runs, first="<script>")
    page = client.get(f"/plans/{plan}?lang=en")
    assert page.status_code == 200 and "<script>" not in page.text and "web." not in page.text
    record = Registry(data).get(plan)
    assert record is not None
    client.app.state.web.running.start(record)  # type: ignore[attr-defined]
    deadline = time.monotonic() + 30
    while (record := Registry(data).get(plan)) is not None and record.active:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert record is not None and record.status == "failed"
    assert said(client.get(f"/plans/{plan}?lang=en").text, "run-error").startswith("This run's record is damaged")


# ---------------------------------------------------------------- the form's mistakes


@pytest.mark.parametrize(("typed", "field", "zh", "en"), [
    ({"first": ""}, "first", "第一年：申报表和方案取自运行：请选择一次已完成的运行",
     "First year: workbook and scenario of the run: pick a finished run"),
    ({"second": "20260101-000000-abcdef"}, "second", "第二年：申报表和方案取自运行：请选择一次已完成的运行",
     "Second year: workbook and scenario of the run: pick a finished run"),
    ({"second": "{first}"}, "second", "第二年：申报表和方案取自运行：两次运行都是2026年度的：第二年应选更晚年度的运行",
     "Second year: workbook and scenario of the run: both runs are of 2026: pick a run of a later year for the second"),
    ({"first": "{second}", "second": "{first}"}, "second",
     "第二年：申报表和方案取自运行：所选运行是2026年度的，早于第一年的2027年度：请按年度先后选择",
     "Second year: workbook and scenario of the run: the run picked is of 2026, before the first year's 2027: pick "
     "the years in order"),
    ({"first": "{second}", "second": "{first}"}, "first",  # either may be the wrong pick: said under both
     "第一年：申报表和方案取自运行：所选运行是2027年度的，晚于第二年的2026年度：请按年度先后选择",
     "First year: workbook and scenario of the run: the run picked is of 2027, after the second year's 2026: pick "
     "the years in order"),
    ({"total": ""}, "total", "请填写两年合计预算", "Fill in the Total for both years"),
    ({"total": "3000"}, "total", "两年合计预算：3000 作为预算过小：是否应为 3000万？如确指 3000 元，请写作 3000元",
     "Total for both years: 3000 is a very small budget — did you mean 3000万? Write 3000元 to mean yuan"),
    ({"total": "abc"}, "total", "两年合计预算：“abc”不是金额", "Total for both years: 'abc' is not an amount"),
    ({"total": "0"}, "total", "两年合计预算：应大于 0", "Total for both years: must be more than 0"),
    ({"start": "4亿"}, "start", "第一年最低预算：4亿元高于两年合计3.2亿元",
     "First year's lowest budget: 4亿 is above the total 3.2亿"),
    ({"start": "2亿", "stop": "1亿"}, "stop", "第一年最高预算：1亿元低于第一年最低预算2亿元",
     "First year's highest budget: 1亿 is below the first year's lowest budget 2亿"),
    ({"step": "0"}, "step", "每档相差：应大于 0", "Step between splits: must be more than 0"),
    ({"start": "", "stop": "", "step": "10万"}, "step",
     "每档相差：按10万元一档共3,201档，最多测算40档：请加大每档相差，或缩小最低、最高预算的范围",
     "Step between splits: steps of 10万 make 3,201 splits, at most 40: take larger steps, or a narrower range"),
    ({"value_under": "third"}, "value-under", "按哪一年方案的条款权重计值：请选择第一年或第二年",
     "Value both years by the clause weights of: choose the first year or the second"),
    ({"tolerance": ""}, "tolerance", "请填写视为效果基本相同（如10万）",
     "Fill in the About as good within (e.g. 10万)"),
    ({"tolerance": "-1万"}, "tolerance", "视为效果基本相同（如10万）：-1万 为负数",
     "About as good within (e.g. 10万): -1万 is negative"),
    ({"tolerance": "abc"}, "tolerance", "视为效果基本相同（如10万）：“abc”不是金额：请写作如 10万 或 100000元",
     "About as good within (e.g. 10万): 'abc' is not an amount: write e.g. 10万 or 100000元"),
    ({"tolerance": "10"}, "tolerance", "视为效果基本相同（如10万）：10 过小：是否应为 10万？如确指 10 元，请写作 10元",
     "About as good within (e.g. 10万): 10 is very small — did you mean 10万? Write 10元 to mean yuan"),
])
def test_a_mistake_is_named_at_its_field(client: TestClient, data: Path, runs: tuple[str, str], typed: dict[str, str],
                                        field: str, zh: str, en: str) -> None:
    ids = {"first": runs[0], "second": runs[1]}
    sent = {**FORM, **ids, **{key: value.format(**ids) for key, value in typed.items()}}
    before = len(Registry(data).runs("plan"))
    for lang, sentence in (("zh", zh), ("en", en)):
        answer = client.post(f"/plans?lang={lang}", data={"csrf_token": CSRF, **sent})
        assert answer.status_code == 400 and "Traceback" not in answer.text and "web." not in answer.text
        found = problems(answer.text, field)
        assert any(p.startswith(sentence) for p in found), found
        assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in answer.text
    assert len(Registry(data).runs("plan")) == before  # nothing queued


def test_the_form_keeps_what_was_typed(client: TestClient, runs: tuple[str, str]) -> None:
    answer = client.post("/plans?lang=en", data={"csrf_token": CSRF, "first": runs[1], "second": runs[0],
                                                 "total": "3.2亿", "start": "abc", "stop": "", "step": "5000",
                                                 "value_under": "second", "tolerance": "20万"})
    assert answer.status_code == 400
    page = answer.text
    assert 'id="plan-start" value="abc"' in page and 'id="plan-step" value="5000"' in page
    assert 'id="plan-tolerance" value="20万"' in page and 'id="plan-value-second" checked' in page
    assert re.search(rf'<option value="{runs[1]}" selected', said_html(page, "plan-first"))
    assert problems(page, "step") == ["Step between splits: 5000 is a very small budget — did you mean 5000万? Write "
                                      "5000元 to mean yuan"]
    assert problems(page, "start")[0].startswith("First year's lowest budget: 'abc' is not an amount")
    assert problems(page, "second")[0].startswith("Second year: workbook and scenario of the run: the run picked is "
                                                  "of 2026")


def test_hostile_input_is_said_back_safely(client: TestClient, runs: tuple[str, str]) -> None:
    answer = client.post("/plans?lang=zh", data={"csrf_token": CSRF, "first": "<b>x</b>", "second": "../../etc",
                                                 **{**FORM, "total": "<script>alert(1)</script>" + "9" * 200}})
    assert answer.status_code == 400 and "<script>alert" not in answer.text and "<b>x</b>" not in answer.text
    assert problems(answer.text, "first") and problems(answer.text, "second") and problems(answer.text, "total")


def test_a_run_without_a_year_or_not_finished_is_refused(client: TestClient, data: Path,
                                                         runs: tuple[str, str]) -> None:
    plain = str(submit(client, SAMPLE, budget="2亿").json()["id"])  # no scenario: no year
    assert wait(client, plain)["status"] == "done"
    registry = Registry(data)
    source = registry.get(runs[0])
    assert source is not None
    workbook = registry.stored_input(source.workbook)
    assert workbook is not None
    waiting = registry.add(NewRun(workbook, None, None, "1亿", None))  # queued, and never taken by a worker
    page = client.get("/plans?lang=zh").text
    assert f'<option value="{plain}"' not in page and f'<option value="{waiting.id}"' not in page  # not offered
    assert said(page, "plan-without-year") == "方案没有写明年度的运行（1次）不在可选之列。"
    answer = client.post("/plans?lang=zh", data={"csrf_token": CSRF, **FORM, "first": plain, "second": waiting.id})
    assert answer.status_code == 400
    assert problems(answer.text, "first") == [f"第一年：申报表和方案取自运行：运行 {plain} 的分配方案没有写明年度"
                                              "（year）：测算需要知道每次运行是哪一年的"]
    assert problems(answer.text, "second") == ["第二年：申报表和方案取自运行：请选择一次已完成的运行"]


def test_without_the_csrf_token_nothing_is_queued(client: TestClient, data: Path, runs: tuple[str, str]) -> None:
    before = len(Registry(data).runs("plan"))
    sent = {**FORM, "first": runs[0], "second": runs[1]}
    assert client.post("/plans", data=sent).status_code == 403
    assert client.post("/plans", data={"csrf_token": "forged", **sent}).status_code == 403
    assert len(Registry(data).runs("plan")) == before


# ---------------------------------------------------------------- one year only; the ledger the first run counted


def test_without_a_later_year_the_form_says_so(tmp_path: Path) -> None:
    with app_client(tmp_path / "data") as client:
        sign_in(client)
        assert "测算需要两个年度各一次已完成的运行" in said(client.get("/plans?lang=zh").text, "no-sources")
        run = str(submit(client, SAMPLE, SCENARIO).json()["id"])
        assert wait(client, run)["status"] == "done"
        page = client.get("/plans?lang=zh").text
    assert said(page, "plan-no-later") == ("已完成的运行都是2026年度的：请先完成一次更晚年度的分配运行"
                                           "（新建分配，方案中写明年度），再测算。")


def test_the_ledger_as_the_first_run_counted_it(tmp_path: Path) -> None:
    """2026 published since its run: the plan counts the ledger as that run counted it (empty), not as it stands (with
    2026's own awards, which the plan adds itself)."""
    ledger = optimizer.init_ledger(tmp_path / "台账.sqlite").path
    with app_client(tmp_path / "data", ledger=ledger) as client:
        sign_in(client)
        first = str(submit(client, SAMPLE, SCENARIO).json()["id"])
        assert wait(client, first)["status"] == "done"
        assert client.post(f"/api/runs/{first}/publish", headers=BEARER).status_code == 200
        second = str(submit(client, SAMPLE_2027, SCENARIO_2027).json()["id"])
        assert wait(client, second)["status"] == "done"
        answer = client.post("/plans?lang=en", data={"csrf_token": CSRF, **FORM, "first": first, "second": second,
                                                     "start": "2亿", "stop": "2亿"})
        assert answer.status_code == 303, answer.text
        page = wait_page(client, f"{answer.headers['location']}?lang=en")
        csv = client.get(f"{answer.headers['location']}/files/plan.csv").content
    assert 'data-status="done"' in page and said(page, "run-ledger") == "台账.sqlite (no entries yet)"
    assert "already holds the awards" not in page  # 2026's own awards, published since, are not counted twice
    expected = optimizer.plan_years((SAMPLE, SCENARIO), (SAMPLE_2027, SCENARIO_2027), "3.2亿", splits="2亿",
                                    workers=1).to_frame("en")
    assert csv == b"\xef\xbb\xbf" + expected.to_csv(index=False, lineterminator="\r\n").encode("utf-8")
    assert said(page, "plan-band").startswith("Only one split was tried")


def test_valued_by_the_second_years_weights(client: TestClient, runs: tuple[str, str]) -> None:
    """2027's weights value both years: the best split moves (docs/planning.md: 2.1亿 rather than 2亿), and the page
    says whose weights, and that the band's margin, 2026's in its own weights, is then a rough guide."""
    answer = client.post("/plans?lang=zh", data={"csrf_token": CSRF, **FORM, "first": runs[0], "second": runs[1],
                                                 "start": "2亿", "stop": "2.1亿", "step": "1000万",
                                                 "value_under": "second"})
    assert answer.status_code == 303, answer.text
    page = wait_page(client, f"{answer.headers['location']}?lang=zh")
    library = optimizer.plan_years((SAMPLE, SCENARIO), (SAMPLE_2027, SCENARIO_2027), "3.2亿", splits="2亿,2.1亿",
                                   value_under="second", workers=1)
    assert library.best is not None and library.best.first_budget == 210_000_000
    assert said(page, "plan-best") == "2026年 2.1亿元，2027年 1.1亿元"
    measure = said(page, "plan-measure")
    assert measure.startswith("效果的衡量：两年的所有资助都按2027年度方案（2027年基准方案）的条款权重计值")
    assert measure.endswith("按2027年度的权重计值时，这一折算用的仍是2026年按其自身权重的边际值，只是粗略的参考。")
    assert said(page, "plan-value-under") == "第二年（2027年度）方案"
    assert library.near_best == (200_000_000, 210_000_000)  # both, under 2026's margin: the band is both ends
    # the band reaches both ends of the splits tried: the headline says it may be wider
    assert said(page, "plan-answer") == ("2026年安排约2.1亿元（2亿–2.1亿元之间效果基本相同，可能更宽；"
                                         "按1000万元一档测算）")
    assert said(page, "plan-band-edge") == ("效果最好的分法是所测算的最高一档：更高的分法可能更好，"
                                            "可提高第一年最高预算再测算。"
                                            "这一范围到达所测算的最低和最高两档，可能还会延伸到所测算的范围之外。")
    # the list says so too (an officer's review: a band at the ends of a narrower range, listed beside a wider one,
    # read as its correction)
    plan = str(answer.headers["location"]).removeprefix("/plans/")
    listed = client.get("/plans?lang=zh").text
    assert cells(listed, f"plan-{plan}")[4] == ("2026年安排约2.1亿元（2亿–2.1亿元之间效果基本相同，可能更宽；"
                                                "按1000万元一档测算）"
                                                "效果最好的分法：2026年 2.1亿元，2027年 1.1亿元"
                                                "效果最好的是所测算的最高一档，更高的分法可能更好。"
                                                "范围到达测算边界（所测算的最低和最高两档），实际可能更宽。")
    english = client.get("/plans?lang=en").text
    assert cells(english, f"plan-{plan}")[3:5] == [
        "2亿 to 2.1亿 in steps of 1000万: 2 splitsValued by the weights of: the second year (2027)About as good "
        "within: what 10万 more of 2026's budget buys",
        "About 2.1亿 for 2026 (anything from 2亿 to 2.1亿 is about as good, and perhaps beyond; measured in steps "
        "of 1000万)The best split: 2026: "
        "2.1亿; 2027: 1.1亿The best is the highest split tried: a higher one may be better. The band reaches the "
        "lowest and the highest split tried: it may be wider."]


def test_a_ledger_other_than_the_one_the_first_run_counted_is_named(tmp_path: Path) -> None:
    """The first run's ledger replaced since by another (its first entries end in another hash): the plan fails with
    the ledger named, not counting what the run did not."""
    ledger = optimizer.init_ledger(tmp_path / "台账.sqlite").path
    facts = LedgerFacts(str(ledger), ledger.name, 0, "f" * 64, True)
    with pytest.raises(optimizer.InputError) as raised:
        plan_ledger(facts, "20261207-070658-312dde")
    assert raised.value.problems[0].text("zh", "web") == (
        "台账.sqlite：不是运行 20261207-070658-312dde 计入时的资助台账：其前0条记录与该次运行记录的末条哈希不符。"
        "请以该运行为基础重新运行（会计入现在的台账），再测算")
    assert plan_ledger(None, "20261207-070658-312dde").ref is None  # the run counted none: nor does the plan


def test_no_split_solved_in_both_years(client: TestClient, runs: tuple[str, str]) -> None:
    """0 and 1000万 for 2026, below its reserve and its AI envelope's floor: nothing to compare, each split's conflict
    said, as a sweep says a level's."""
    answer = client.post("/plans?lang=zh", data={"csrf_token": CSRF, **FORM, "first": runs[0], "second": runs[1],
                                                 "start": "0", "stop": "1000万", "step": "1000万"})
    assert answer.status_code == 303, answer.text
    page = wait_page(client, f"{answer.headers['location']}?lang=zh")
    assert 'data-status="infeasible"' in page and 'id="plan-best"' not in page and 'id="downloads"' not in page
    conflicts = [html.unescape(c) for c in re.findall(r"<li>(.*?)</li>", said_html(page, "conflicts"))]
    assert conflicts[0].startswith("第一年预算0元时：2026年度：预留") and len(conflicts) == 4
    assert conflicts[2].startswith("第一年预算1000万元时：2026年度：专项额度“人工智能赋能”下限1500万元")
    assert conflicts[3] == "第一年预算1000万元时：2027年度未求解：须计入2026年度的资助"
    assert client.get(f"{answer.headers['location']}/files/plan.csv").status_code == 404


# ---------------------------------------------------------------- the first answer an answer


def test_the_first_answer_is_the_band(client: TestClient, runs: tuple[str, str]) -> None:
    """An officer's review: at 1000万 steps the band was nearly always "only this split", and had to be asked again
    by hand. The form refines around the best unless told not to: 1.9亿 to 2.1亿 in 1000万 steps, then the splits
    between 1.9亿 and 2.1亿 in steps of 100万 — the band at once."""
    answer = client.post("/plans?lang=zh", data={"csrf_token": CSRF, **FORM, "first": runs[0], "second": runs[1],
                                                 "start": "1.9亿", "stop": "2.1亿", "step": "1000万", "refine": "1"})
    assert answer.status_code == 303, answer.text
    page = wait_page(client, f"{answer.headers['location']}?lang=zh")
    assert said(page, "plan-answer") == "2026年安排约2.03亿元（1.98亿–2.04亿元之间效果基本相同；按100万元一档测算）"
    # where it refined, from where to where (the band's ends within: not further out)
    assert said(page, "plan-splits-asked") == ("1.9亿元至2.1亿元，每档相差1000万元，共3档；"
                                               "再在1.9亿元至2.1亿元之间按每档相差100万元加测18档")
    assert len(re.findall(r'<tr id="split-', page)) == 21 and 'id="plan-band-edge"' not in page
    english = client.get(f"{answer.headers['location']}?lang=en").text
    assert said(english, "plan-splits-asked") == ("1.9亿 to 2.1亿 in steps of 1000万: 3 splits; then 18 more, 100万 "
                                                  "apart from 1.9亿 to 2.1亿")
    # two charts (an officer's review: on an axis to 60万 the band's splits were a flat line): first the splits near
    # the best, its axis stopping at 30万 — 1.91亿 and 2.06亿, just beyond, marked at its foot — then every split
    assert said(page, "plan-chart-near-caption") == ("最优附近：纵轴到与最优相差30万元为止，"
                                                     "相差更远的分法画在底边（▼）。")
    assert said(english, "plan-chart-near-caption") == ("Near the best: the axis stops at 30万 short; splits further "
                                                        "off are drawn at its foot (▼).")
    assert said(page, "plan-chart-caption") == "全部分法。"
    assert page.index('id="plan-chart-near"') < page.index('id="plan-chart"') < page.index('id="plan-splits"')
    near, every = said_html(page, "plan-chart-near"), said_html(page, "plan-chart")
    assert near.count("<circle") == 14 and near.count('<polygon class="chart-further"') == 2
    assert "<title>2026年 1.91亿元：与最优相差约31.5万元</title></polygon>" in near
    assert "<title>2026年 2.06亿元：与最优相差约31.2万元</title></polygon>" in near
    ticks = re.findall(r'text-anchor="(?:middle|end)">([^<]+)</text>', near)
    assert ticks == ["1.91亿", "1.95亿", "2亿", "2.06亿", "0", "10万", "20万", "30万", "2026年预算"]
    assert (">虚线：基本相同的界限，相差10万元</tspan>" in near
            and '<tspan class="chart-further" fill="#4a5568" dx="16">▼ 相差超过30万元</tspan>' in near)
    assert every.count("<circle") == 21 and "chart-further" not in every and "chart-rule" not in every
    # a closer look: the band and one step (100万) on each side, in the smallest round step within 40 splits — not
    # the best ± a step, narrower than the band, which came back as a narrower band read as a correction
    link = html.unescape(re.findall(r'<a href="([^"]+)" id="again-link"', page)[0])
    assert parse_qs(urlsplit(link).query, keep_blank_values=True) == {
        "first": [runs[0]], "second": [runs[1]], "total": ["3.2亿"], "start": ["1.97亿"], "stop": ["2.05亿"],
        "step": ["50万"], "refine": [""], "value_under": ["first"], "tolerance": ["10万"]}
    form = client.get(f"{link}&lang=zh").text
    assert 'id="plan-refine" checked' not in form  # 50万 is too fine a step to refine (at least 10万)
    typed = dict(re.findall(r'name="(total|start|stop|step|tolerance)" id="plan-\w+" value="([^"]*)"', form))
    assert typed == {"total": "3.2亿", "start": "1.97亿", "stop": "2.05亿", "step": "50万", "tolerance": "10万"}
    again = client.post("/plans?lang=zh", data={"csrf_token": CSRF, "first": runs[0], "second": runs[1], **typed,
                                                "value_under": "first"})
    assert again.status_code == 303, again.text
    closer = wait_page(client, f"{again.headers['location']}?lang=zh")
    # its figures in 亿, to as many places as they take (it read 约20370万元 beside 2.02亿–2.04亿元)
    assert said(closer, "plan-answer") == "2026年安排约2.035亿元（1.98亿–2.045亿元之间效果基本相同；按50万元一档测算）"
    assert said(closer, "plan-best") == "2026年 2.035亿元，2027年 1.165亿元"
    assert said(closer, "plan-splits-asked") == "1.97亿元至2.05亿元，每档相差50万元，共17档"
    assert 'id="plan-band-edge"' not in closer and 'id="plan-chart-near"' not in closer
    assert said(closer, "plan-new-run-1") == "以此预算新建2026年度分配（2.035亿元）"
    english = client.get(f"{again.headers['location']}?lang=en").text
    assert said(english, "plan-answer") == ("About 2.035亿 for 2026 (anything from 1.98亿 to 2.045亿 is about as good; "
                                            "measured in steps of 50万)")


def test_the_splits_tried_say_from_where_to_where_it_refined() -> None:
    """Refining goes out to the band's ends where they lie beyond the splits beside the best (a planner's review): the
    page says from where to where every finer split was solved. A plan recorded before that says 最优附近; one split
    says no step."""
    coarse = list(range(197_000_000, 205_000_001, 1_000_000))
    every = list(range(197_000_000, 205_000_001, 100_000))
    assert tried_said(197_000_000, 205_000_000, 1_000_000, 100_000, every, "zh", (197_000_000, 205_000_000)) == (
        "1.97亿元至2.05亿元，每档相差100万元，共9档；再在1.97亿元至2.05亿元之间按每档相差10万元加测72档")
    assert tried_said(197_000_000, 205_000_000, 1_000_000, 100_000, every, "en", [197_000_000, 205_000_000]) == (
        "1.97亿 to 2.05亿 in steps of 100万: 9 splits; then 72 more, 10万 apart from 1.97亿 to 2.05亿")
    assert tried_said(197_000_000, 205_000_000, 1_000_000, 100_000, every, "zh") == (
        "1.97亿元至2.05亿元，每档相差100万元，共9档；再在最优附近按每档相差10万元加测72档")
    assert tried_said(197_000_000, 205_000_000, 1_000_000, 100_000, None, "en") == (
        "1.97亿 to 2.05亿 in steps of 100万: 9 splits; then more splits 10万 apart around the best")
    assert tried_said(197_000_000, 205_000_000, 1_000_000, 0, coarse, "en") == (
        "1.97亿 to 2.05亿 in steps of 100万: 9 splits")
    # an officer's page said "2亿 to 2亿 in steps of 10万: 1 splits"
    assert tried_said(200_000_000, 200_000_000, 100_000, 0, [200_000_000], "zh") == "2亿元，仅此1档"
    assert tried_said(200_000_000, 200_000_000, 100_000, 0, [200_000_000], "en") == "2亿 only: 1 split"


def test_the_form_refines_only_what_can_be_refined(client: TestClient, data: Path, runs: tuple[str, str]) -> None:
    """The library refuses a refine that could add no split (one split, or one no finer than the splits are apart):
    the form, refining unless told not to, refines one split not at all, and two splits closer than the step at a
    tenth of how far apart they are (2亿 and 2.05亿: 50万)."""
    for start, stop, refine in (("2亿", "2亿", 0), ("2亿", "2.05亿", 500_000)):
        answer = client.post("/plans?lang=zh", data={"csrf_token": CSRF, **FORM, "first": runs[0], "second": runs[1],
                                                     "start": start, "stop": stop, "step": "1000万", "refine": "1"})
        assert answer.status_code == 303, answer.text
        page = wait_page(client, f"{answer.headers['location']}?lang=zh")
        record = Registry(data).get(answer.headers["location"].removeprefix("/plans/"))
        assert record is not None and record.status == "done" and record.params["refine"] == refine
        if not refine:
            assert said(page, "plan-splits-asked") == "2亿元，仅此1档"
            assert said(page, "plan-band") == "只测算了2026年安排2亿元这一种分法，无从比较。"
            # an officer's review: headlined as the best split, in the page and the list
            assert said(page, "plan-answer") == "只测算了一种分法：2026年安排2亿元"
            assert said(page, "plan-point").startswith("这一种分法（无从比较）：") and "效果最好的分法" not in page
            assert "这一种分法（无从比较）：" in client.get("/plans?lang=zh").text
        else:
            assert said(page, "plan-splits-asked") == ("2亿元至2.05亿元，每档相差1000万元，共2档；"
                                                       "再在2亿元至2.05亿元之间按每档相差50万元加测9档")


def test_a_coarse_plan_says_why_its_band_is_one_split_and_links_a_closer_look(client: TestClient,
                                                                             runs: tuple[str, str]) -> None:
    """Not refined, 1.8亿 to 2亿 in 1000万 steps: the best, 2亿, is the last split tried and alone in its band only
    because the others are 1000万 away. The page says both; its 再测算 link fills in the form around the best in
    steps of 100万 (refining again), beyond the range tried. A tolerance typed as a bare 100000 is yuan."""
    answer = client.post("/plans?lang=zh", data={"csrf_token": CSRF, **FORM, "first": runs[0], "second": runs[1],
                                                 "start": "1.8亿", "stop": "2亿", "step": "1000万",
                                                 "tolerance": "100000"})
    assert answer.status_code == 303, answer.text
    location = str(answer.headers["location"])
    page = wait_page(client, f"{location}?lang=zh")
    assert said(page, "plan-answer") == "2026年安排约2亿元（按1000万元一档测算）"
    assert said(page, "plan-band") == (
        "所测算的分法中，除2026年安排2亿元以外，没有一种与最优相差在2026年预算再增加10万元所能带来的效果之内，而最近的一档"
        "与它相差1000万元：要知道附近多大范围效果基本相同，可在其附近缩小每档相差再测算（见下方“用同样的两次运行再测算”）。")
    assert said(page, "plan-band-edge") == ("效果最好的分法是所测算的最高一档：更高的分法可能更好，"
                                            "可提高第一年最高预算再测算。")
    assert said(page, "plan-tolerance") == "2026年预算再增加10万元所能带来的效果"
    english = client.get(f"{location}?lang=en").text
    assert said(english, "plan-band") == (
        "Of the splits tried, none but 2亿 for 2026 is worth less than the best by no more than what 10万 more of "
        "2026's budget would buy, and the nearest is 1000万 away: to see how far around it is about as good, try "
        "smaller steps near it (Another plan of the same two runs, below).")
    assert said(english, "plan-band-edge") == ("The best is the highest split tried: a higher one may be better; try a "
                                               "higher first-year budget.")
    link = html.unescape(re.findall(r'<a href="([^"]+)" id="again-link"', page)[0])
    assert parse_qs(urlsplit(link).query, keep_blank_values=True) == {
        "first": [runs[0]], "second": [runs[1]], "total": ["3.2亿"], "start": ["1.9亿"], "stop": ["2.1亿"],
        "step": ["100万"], "refine": ["1"], "value_under": ["first"], "tolerance": ["10万"]}
    form = client.get(f"{link}&lang=zh").text
    for field, value in (("total", "3.2亿"), ("start", "1.9亿"), ("stop", "2.1亿"), ("step", "100万"),
                         ("tolerance", "10万")):
        assert f'id="plan-{field}" value="{value}"' in form, field
    assert 'id="plan-refine" checked' in form and re.search(rf'<option value="{runs[1]}" selected',
                                                             said_html(form, "plan-second"))


# ---------------------------------------------------------------- the runs the form picks (last: it adds a 2026 run)


def test_the_form_picks_a_run_as_shipped_not_a_newer_trial(client: TestClient, data: Path, runs: tuple[str, str],
                                                           tmp_path: Path) -> None:
    """An officer's review: /plans picked 2026年基准方案（已修改）, a trial of other caps, as the first year because it
    was the newest 2026 run. The form picks the newest run of each year whose scenario is a shipped one as shipped —
    the trial only where there is no other (here: the base case's run archived)."""
    trial = tmp_path / "scenario_2026.toml"
    trial.write_text(SCENARIO.read_text(encoding="utf-8").replace('reserve = "500万"', 'reserve = "600万"'),
                     encoding="utf-8")
    run = str(submit(client, SAMPLE, trial).json()["id"])
    assert wait(client, run)["status"] == "done"
    page = client.get("/plans?lang=zh").text
    first = said_html(page, "plan-first")
    assert re.search(rf'<optgroup label="2026年度">\s*<option value="{run}" title="[^"]+">'
                     r"2026年基准方案（已修改） · 2亿元", first)  # offered, the newest of 2026, but not picked
    assert re.search(rf'<option value="{runs[0]}" selected', first)
    assert re.search(rf'<option value="{runs[1]}" selected', said_html(page, "plan-second"))
    registry = Registry(data)
    registry.archive(runs[0])
    try:
        first = said_html(client.get("/plans?lang=zh").text, "plan-first")
        assert re.search(rf'<option value="{run}" selected', first) and f'value="{runs[0]}" selected' not in first
    finally:
        registry.archive(runs[0], False)


def test_a_refined_bands_end_the_finer_splits_did_not_reach_is_said_on_the_page() -> None:
    """A planner's review: the band 1.9亿–2.06亿 under "100万 apart around the best" had its low end 1000万 above the
    next split tried (1.8亿), and the headline gave it as found. No solve: a plan's findings as its record keeps
    them."""
    from test_plan_chart import found_of

    gaps = {180_000_000: 900_000, 190_000_000: 40_000, 200_000_000: 10_000, 203_000_000: 0, 206_000_000: 50_000,
            207_000_000: 120_000}
    found = found_of(gaps, (190_000_000, 206_000_000), tolerance=500_000)
    for split in found["splits"]:
        split["near"] = split["equivalent"] <= 500_000
    found |= {"second_year": 2027, "refine": 1_000_000, "coarse": (10_000_000, None), "total": 320_000_000}
    zh, en = findings(found, "zh"), findings(found, "en")
    assert zh["headline"] == "2026年安排约2.03亿元（1.9亿–2.06亿元之间效果基本相同，可能更宽）"
    assert zh["edge"] == ("这一范围的低端只确定到1000万元以内（细化测算未及，所测算的下一档在1000万元之外）："
                          "可在其附近细化再测算。")
    assert en["edge"] == ("The band's low end is known only to within 1000万 (the finer splits did not reach it; the "
                          "next split tried is 1000万 away): refine around it.")
    assert findings(found | {"coarse": (None, None)}, "zh")["edge"] == ""
