"""A two-year plan's page beside its warnings and the ledger (an officer's review): the routine notes of two
workbooks, each after its year, not after "sample_applications.xlsx，工作表 申报项目，第1行，备注列：警告："
beside its own 行 and 列; a warning about a whole year under 警告（公示前须处理）; and, once the first year is
published from a run at another budget than the plan's best split, no link to a second-year run "at the plan's
rest" — said instead, with the plan asked again from the run published.

One plan of the samples (3.2亿, 2026 at 2.05亿 and 2.15亿), shared by the module."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from helpers import ROOT
from webapp import (
    CSRF,
    TestClient,
    plan_of,
    two_years,
    wait_page,
)

from optimizer.domain import Problem
from optimizer.web import plan_form
from optimizer.web.forms import ScenarioFields
from optimizer.web.ledgers import LedgerChoice, LedgerView
from optimizer.web.plan_form import Asked
from optimizer.web.plan_note import plan_note
from optimizer.web.plan_tasks import PlanJob, placed_rows, years_of
from optimizer.web.plans import plan_run_name
from optimizer.web.registry import NewRun, Registry
from optimizer.web.tasks import RunJob

FORM = {"total": "3.2亿", "start": "2.05亿", "stop": "2.15亿", "step": "1000万", "value_under": "first",
        "tolerance": "10万"}


@pytest.fixture(scope="module")
def runs(client: TestClient) -> tuple[str, str]:
    return two_years(client)


@pytest.fixture(scope="module")
def plan(client: TestClient, runs: tuple[str, str]) -> str:
    return plan_of(client, runs, FORM)


def rows(page: str) -> list[list[str]]:
    """The notes table's rows, as the reader sees them."""
    table = re.search(r'<table class="problems" id="warnings-table">(.*?)</table>', page, re.S)
    assert table is not None
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row,
                                                                                           re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S) if "<td" in row]


def test_the_routine_notes_say_their_year_not_their_place_again(client: TestClient, plan: str) -> None:
    page = client.get(f"/plans/{plan}?lang=zh").text
    assert "其他提示（6条）" in page and 'id="run-action"' not in page  # no warning about a whole year here
    assert rows(page) == [
        ["1", "备注", "2026年度：未知列“备注”保留但不读取"],
        ["27", "所属区县", "2026年度：渝北区已于2026-01-25撤销，按两江新区读取"],
        ["79", "所属区县", "2026年度：江北区已于2026-01-25撤销，按两江新区读取"],
        ["1", "备注", "2027年度：未知列“备注”保留但不读取"],
        ["25", "所属区县", "2027年度：渝北区已于2026-01-25撤销，按两江新区读取"],
        ["80", "所属区县", "2027年度：江北区已于2026-01-25撤销，按两江新区读取"]]
    english = rows(client.get(f"/plans/{plan}?lang=en").text)
    assert english[0] == ["1", "备注", "2026: unknown column '备注' is kept and ignored"]
    assert english[5][2].startswith("2027: ")
    assert not any("sample_applications" in cell or "警告" in cell or "warning" in cell for row in english
                   for cell in row)


def test_a_warning_about_a_whole_year_is_said_after_its_year(tmp_path: Path) -> None:
    """A warning not at a cell (the period cap counted without a ledger, at a year's scenario) keeps its place in
    full, and says as report.html lists it, after its year, what the page shows under 警告（公示前须处理）. A file both
    years read has no one year: a note at its cell is said after its file."""
    def job(workbook: str, scenario: str) -> RunJob:
        return RunJob(tmp_path / workbook, "书.xlsx", tmp_path / scenario, "scenario_2027.toml", None, "highs", "zh",
                      False, tmp_path)

    asked = Asked("x", "y", 1, 0, 1, 1, "first", 0, (2026, 2027))
    plan = PlanJob(asked, job("a.xlsx", "a.toml"), job("b.xlsx", "b.toml"), tmp_path / "progress")
    years = years_of(plan)
    assert years == {"a.xlsx": 2026, "a.toml": 2026, "b.xlsx": 2027, "b.toml": 2027}  # 书.xlsx is both years'
    cap = Problem.of("b.toml", "ledger.period_cap_alone", warning=True)
    note = Problem.of("a.xlsx", "sheet.column_unknown", sheet="申报项目", row=1, column="备注", warning=True,
                      header="备注")
    both = Problem.of("书.xlsx", "sheet.column_unknown", sheet="申报项目", row=1, column="备注", warning=True,
                      header="备注")
    whole, at_cell, shared = placed_rows([cap, note, both], {"b.toml": "scenario_2027.toml"}, years)
    assert whole.row is None and whole.zh.startswith("scenario_2027.toml：警告：")
    assert whole.plain is not None and whole.plain[0].startswith("2027年度：分配方案设有政策有效期内的单户上限")
    assert whole.plain[1].startswith("2027: ")
    assert (at_cell.row, at_cell.column, at_cell.zh) == (1, "备注", "2026年度：未知列“备注”保留但不读取")
    assert (shared.zh, shared.en) == ("书.xlsx：未知列“备注”保留但不读取",
                                      "书.xlsx: unknown column '备注' is kept and ignored")


def test_a_first_year_published_at_another_budget_takes_the_second_years_link_away(
        client: TestClient, plan: str, runs: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """An officer's review: 2026 published at 2亿, not the plan's best, and the 2027 run made from the plan's link was
    named 两年分配：合计3.2亿元 at the plan's rest — 2亿 and the rest not the total, counting 2026 awards the plan had
    not. The page says so instead of the link, and offers the plan again from the run published, at its budget."""
    page = client.get(f"/plans/{plan}?lang=zh").text
    best = re.search(r'id="plan-best">2026年 ([^，]+)，', page)
    assert best is not None and best.group(1) == "2.05亿元"  # not the 2亿 of the run to be published
    assert 'id="plan-new-run-2"' in page and 'id="plan-published-other"' not in page
    assert form_name(client, page, 2) == "2027年基准方案（两年分配：合计3.2亿元，2026年2.05亿元）"
    monkeypatch.setattr(plan_form, "published_runs", lambda choice, folders: frozenset({runs[0]} & set(folders)))
    page = client.get(f"/plans/{plan}?lang=zh").text
    # nor a new 2026 run at the plan's budget: 2026 is published (an officer's review), nor "after the 公示"
    assert 'id="plan-new-run-' not in page and 'id="plan-second-counts"' not in page
    said = html.unescape(re.sub(r"<[^>]+>", "", re.search(r'id="plan-published-other">(.*?)</p>', page, re.S)[1]))
    assert said == (f"2026年度已公示的是运行 {runs[0]}（预算2亿元），"
                    "不是本测算的最优分法（2026年度2.05亿元）：按测算余额1.15亿元新建2027年度分配已不再适用（两年合计将是3.15亿元），测算的效果也不再适用。"
                    "请以已公示的运行重新测算2027年度的预算。 以已公示的2026年度运行重新测算")
    link = html.unescape(re.findall(r'<a href="([^"]+)" id="plan-again-published"', page)[0])
    assert parse_qs(urlsplit(link).query, keep_blank_values=True) == {
        "first": [runs[0]], "second": [runs[1]], "total": ["3.2亿"], "start": ["2亿"], "stop": ["2亿"], "step": [""],
        "refine": [""], "value_under": ["first"], "tolerance": ["10万"]}
    english = client.get(f"/plans/{plan}?lang=en").text
    said = html.unescape(re.sub(r"<[^>]+>", "", re.search(r'id="plan-published-other">(.*?)</p>', english, re.S)[1]))
    assert said == (f"2026 was published from run {runs[0]} (a budget of 2亿), not at this plan's best split "
                    "(2.05亿 for 2026): a 2027 run at the plan's rest of 1.15亿 no longer follows it (the two years "
                    "would come to 3.15亿), nor do its figures. Plan 2027 again from the run published. Plan again "
                    "from the 2026 run published")
    # the plan asked so: one split, the published run's budget, 2027 the rest of the total
    again = client.post("/plans?lang=zh", data={"csrf_token": CSRF, "first": runs[0], "second": runs[1],
                                                "total": "3.2亿", "start": "2亿", "stop": "2亿", "value_under": "first",
                                                "tolerance": "10万"})
    assert again.status_code == 303, again.text
    redone = wait_page(client, f"{again.headers['location']}?lang=zh")
    assert re.search(r'id="plan-best">2026年 2亿元，2027年 1.2亿元<', redone)
    # published at this plan's own budget, the plan holds: no such words, and the page says so (below)
    assert 'id="plan-published-other"' not in redone
    held_published(client, again.headers["location"], runs[0])


def held_published(client: TestClient, plan: str, published: str) -> None:
    """An officer's review: the plan made from the run published still offered a new 2026 run, marked its one split
    最优, offered to refine a year that can no longer change, and said the 2027 run was for "after 2026's 公示" — the
    ledger held 2026 from that very run. Its page says 2026 is published, and offers only the 2027 run."""
    page = client.get(f"{plan}?lang=zh").text
    links = re.findall(r'<a href="[^"]+" id="(plan-new-run-\d)" class="[^"]*">([^<]+)</a>', page)
    assert links == [("plan-new-run-1", "以此预算新建2027年度分配（1.2亿元）")]
    assert said(page, "plan-published-held") == (
        f"2026年度已按2亿元公示（运行 {published}），即本测算的2026年度安排：2027年度预算为两年合计的余额1.2亿元，"
        "新建的2027年度分配将扣减资助台账中2026年度的资助。")
    assert 'id="plan-second-counts"' not in page and "公示后" not in page
    assert 'class="split-mark"' not in page  # one split: nothing to be best of
    # nor a distance from the best, in the measure or the table (an officer's review: "与最优的差额……（83.6）")
    assert said(page, "plan-measure") == ("效果的衡量：两年的所有资助都按2026年度方案（2026年基准方案）的条款权重计值，"
                                          "即 Σ 权重×评审得分×分配额（加权评分×元）。")
    assert "与最优" not in page and 'id="plan-chart"' not in page
    # its 2027 run is named after it, not after the plan of the same total it was made again from (2.05亿 for 2026)
    assert form_name(client, page, 1) == "2027年基准方案（两年分配：合计3.2亿元，2026年2亿元）"
    again = html.unescape(re.findall(r'<a href="([^"]+)" id="again-link"', page)[0])
    query = parse_qs(urlsplit(again).query)  # the same two runs, nothing filled in to refine
    assert sorted(query) == ["first", "second"] and query["first"] == [published]
    english = client.get(f"{plan}?lang=en").text
    assert said(english, "plan-published-held") == (
        f"2026 is published at 2亿 (run {published}), this plan's share for 2026: the 2027 budget is the rest of the "
        "total, 1.2亿, and a new 2027 allocation deducts the 2026 awards the ledger holds.")
    assert re.findall(r'id="plan-new-run-\d" class="[^"]*">([^<]+)</a>', english) == ["A new 2027 allocation at 1.2亿"]
    assert said(english, "plan-measure") == ("The value: every award of both years weighed by the clause weights of "
                                             "2026's scenario (2026 base case), Σ weight × score × yuan (weighted "
                                             "score × yuan).")
    assert "from the best" not in english and "Short of the best" not in english
    assert form_name(client, english, 1) == "2027 base case (two-year plan: 3.2亿 in all, 2亿 for 2026)"


def form_name(client: TestClient, page: str, link: int) -> str:
    """The name of the new-run form a plan page's `link`-th new-run button opens."""
    href = html.unescape(re.findall(rf'<a href="([^"]+)" id="plan-new-run-{link}"', page)[0])
    found = re.search(r'name="name" id="f-name" value="([^"]*)"', client.get(href).text)
    assert found is not None
    return html.unescape(found.group(1))


def said(page: str, element: str) -> str:
    """The text of the element with id `element`, its tags dropped."""
    found = re.search(rf'id="{element}"[^>]*>(.*?)</p>', page, re.S)
    assert found is not None, element
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def test_a_forms_box_speaks_of_the_plan_its_name_says(tmp_path: Path) -> None:
    """An officer's review: every plan of 3.2亿 named its runs 两年分配：合计3.2亿元, so a form's name could not say
    which plan filled it in. The name says the first year's share too, and the box speaks of the newest plan of
    that split: a form whose budget was changed to another plan's share of the same total speaks of neither."""
    registry = Registry(tmp_path)
    workbook = registry.keep_bytes((ROOT / "data" / "sample_applications.xlsx").read_bytes(), "s.xlsx", ".xlsx")
    made = []
    for first, second in ((203_600_000, 116_400_000), (200_000_000, 120_000_000)):  # the newer last
        record = registry.add(NewRun(workbook, None, "2026 base case", None, 320_000_000, kind="plan"))
        registry.finish(record.id, "done", {"plan": {
            "total": 320_000_000, "first_year": 2026, "second_year": 2027, "best": 0,
            "splits": [{"first_budget": first, "second_budget": second}]}})
        made.append(record.id)
    web = SimpleNamespace(registry=registry, ledger=LedgerChoice(tmp_path / "ledger.sqlite", False))
    ledger = LedgerView(LedgerChoice(tmp_path / "ledger.sqlite", False))
    older = plan_run_name("2027年基准方案", 320_000_000, (2026, 203_600_000), "zh")
    assert older == "2027年基准方案（两年分配：合计3.2亿元，2026年2.036亿元）"
    note = plan_note(web, ScenarioFields(name=older, year="2027", budget="11640万"), ledger, "zh")  # type: ignore[arg-type]
    assert note is not None and note.plan == made[0]
    assert note.said.startswith("此表单由两年分配填入：2027年度预算11,640万元是两年合计3.2亿元减去2026年度安排"
                                "20,360万元")
    changed = plan_note(web, ScenarioFields(name=older, year="2027", budget="12000万"), ledger, "zh")  # type: ignore[arg-type]
    assert changed is not None and changed.plan == ""  # not the newer plan, whose 2027 share 12000万 is
    assert changed.said.startswith("此表单的名称来自两年分配（合计3.2亿元），但2027年度预算12,000万元不是")
    english = plan_run_name("2027 base case", 320_000_000, (2026, 200_000_000), "en")
    assert english == "2027 base case (two-year plan: 3.2亿 in all, 2亿 for 2026)"
    note = plan_note(web, ScenarioFields(name=english, year="2027", budget="12000万"), ledger, "en")  # type: ignore[arg-type]
    assert note is not None and note.plan == made[1]
    # a name made before names said the split: the newest plan of that total whose split gives the form's budget
    before = plan_note(web, ScenarioFields(name="2027年基准方案（两年分配：合计3.2亿元）", year="2027",
                                           budget="11640万"), ledger, "zh")  # type: ignore[arg-type]
    assert before is not None and before.plan == made[0]


def test_a_plan_of_one_split_published_elsewhere_has_no_best_split_nor_tolerance(
        client: TestClient, runs: tuple[str, str], plan: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An officer's review: a plan of one split (2.1亿), once 2026 was published from another run (2亿), said it was
    "不是本测算的最优分法" — of one split; and its facts, the list and plan.xlsx gave the tolerance of a band
    (`视为效果基本相同 | 2026年预算再增加10万元…`) with nothing compared. Its split, and no tolerance."""
    two, plan = plan, plan_of(client, runs, {**FORM, "start": "2.1亿", "stop": "2.1亿", "step": ""})
    monkeypatch.setattr(plan_form, "published_runs", lambda choice, folders: frozenset({runs[0]} & set(folders)))
    page = client.get(f"/plans/{plan}?lang=zh").text
    assert said(page, "plan-published-other") == (
        f"2026年度已公示的是运行 {runs[0]}（预算2亿元），不是本测算的分法（2026年度2.1亿元）：按测算余额1.1亿元新建"
        "2027年度分配已不再适用（两年合计将是3.1亿元），测算的效果也不再适用。请以已公示的运行重新测算2027年度的预算。"
        " 以已公示的2026年度运行重新测算")
    english = client.get(f"/plans/{plan}?lang=en").text
    assert said(english, "plan-published-other") == (
        f"2026 was published from run {runs[0]} (a budget of 2亿), not at this plan's split (2.1亿 for 2026): a 2027 "
        "run at the plan's rest of 1.1亿 no longer follows it (the two years would come to 3.1亿), nor do its "
        "figures. Plan 2027 again from the run published. Plan again from the 2026 run published")
    for shown in (page, english):
        assert 'id="plan-tolerance"' not in shown and "最优分法" not in shown and "best split" not in shown
        assert 'id="plan-value-under"' in shown  # the other facts stay
        # as the files name it, with its version (an officer's reviews: `highs`, then `HiGHS` without it)
        assert re.fullmatch(r"HiGHS \d+\.\d+\.\d+", said_dd(shown, "run-solver"))
    listed = client.get("/plans?lang=zh").text
    row = listed[listed.index(f'id="plan-{plan}"'):]
    row = row[:row.index("</tr>")]
    assert "视为效果基本相同" not in row and "计值所用的条款权重" in row
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/plans/{plan}/files/plan.xlsx").content))
    about = dict(book["测算说明"].iter_rows(values_only=True))
    assert "视为效果基本相同" not in about and about["测算问题"].startswith("两年合计3.2亿元")
    assert about["测算问题"] == "两年合计3.2亿元，按2026年2.1亿元、2027年1.1亿元分配的效果"
    assert about["测算的分法（只测算了这一种，无从比较）"] == "2026年 2.1亿元，2027年 1.1亿元"
    assert not [key for key in about if "最优" in key or "效果基本相同" in key or "效果最好" in key], about
    # nor a best, about as good or distance from it in its table (an officer's review: 最优 是, 效果基本相同 是, 差距 0)
    for sheet in ("各种分法", "明细数值"):
        headers = next(book[sheet].iter_rows(values_only=True))
        assert not [h for h in headers if "最优" in str(h) or "效果基本相同" in str(h)], headers
    assert next(book["各种分法"].iter_rows(values_only=True))[:2] == ("2026年预算（万元）", "2027年预算（万元）")
    # and it asks of its one split, not which is best (an officer's review: `…2027年度安排多少效果最好？`)
    assert said(page, "plan-question") == "两年合计3.2亿元，按2026年2.1亿元、2027年1.1亿元分配的效果"
    assert said(english, "plan-question") == ("3.2亿 for 2026 and 2027 together, split 2.1亿 for 2026 and 1.1亿 for "
                                              "2027: what it achieves")
    assert re.search(r'<td class="plan-question">两年合计3.2亿元，按2026年2.1亿元、2027年1.1亿元分配的效果</td>', row)
    # a plan of two splits keeps its tolerance, on its page and in plan.xlsx
    tolerance = "2026年预算再增加10万元所能带来的效果"
    assert said_dd(client.get(f"/plans/{two}?lang=zh").text, "plan-tolerance") == tolerance
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/plans/{two}/files/plan.xlsx").content))
    assert dict(book["测算说明"].iter_rows(values_only=True))["视为效果基本相同"] == tolerance


def said_dd(page: str, element: str) -> str:
    """The text of the fact (a <dd>) with id `element`."""
    found = re.search(rf'<dd id="{element}"[^>]*>(.*?)</dd>', page, re.S)
    assert found is not None, element
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()
