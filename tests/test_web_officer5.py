"""A finance officer's smaller points on the run, runs and new-run pages (a review of the app in both languages).

- A run's page listed the 就高 warning at the workbook's name (`sample_applications.xlsx：警告：…`), as if the
  workbook were at fault, with no heading where report.html says 警告（公示前须处理）; the routine notes folded under
  "Warnings: 3" in English, beside the serious ones marked "warning:"; the period-cap warning said 情景 and not what to
  do; the 就高 pairs read "2026-0277 (92) set aside for 2026-0414 (69.1)", as if reserved for it.
- The 2027 form a two-year plan's button opened said nothing of the 2026 公示 its budget rests on, nor of the ledger.
- A run made from a plan's button was named in Chinese in the English pages' lists and pickers.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import ROOT
from test_web_pages import form_of_page, upload, upload_scenario
from webapp import CSRF, TestClient, wait_page

from optimizer.rules.ledger import YearSoFar
from optimizer.web import plan_note as plan_note_module
from optimizer.web.forms import ScenarioFields
from optimizer.web.ledgers import LedgerChoice, LedgerView
from optimizer.web.plan_note import plan_note
from optimizer.web.registry import NewRun, Registry
from optimizer.web.views import PlanName, made_name, plan_named, record_scenario, scenario_label

SAMPLE_2027 = ROOT / "data" / "sample_applications_2027.xlsx"
PLAN_2027 = "2027年基准方案（两年分配：合计3.2亿元）"  # the name the plan's button gives the 2027 form


def said(page: str, element: str) -> str:
    """The text of the element with id `element`, its tags dropped."""
    found = re.search(rf'id="{element}"[^>]*>(.*?)</(?:p|section|summary|dd|td)>', page, re.S)
    assert found is not None, element
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


@pytest.fixture(scope="module")
def plan_run(client: TestClient) -> str:
    """The 2027 run a plan's button makes: the 2027 preset at the plan's 11,640万, named after the plan — with no
    award ledger, so that the period cap warns."""
    stored = upload(client, SAMPLE_2027, "zh")
    fields = form_of_page(client.get(f"/new?upload={stored}&preset=scenario_2027&lang=zh").text)
    fields.update(csrf_token=CSRF, report_lang="zh", name=PLAN_2027, budget="11640万")
    answer = client.post("/runs?lang=zh", data=fields)
    assert answer.status_code == 303, answer.text
    location = str(answer.headers["location"])
    wait_page(client, location)
    return location.removeprefix("/runs/")


# ---------------------------------------------------------------------------------------------- the run's warnings


def test_the_warnings_to_deal_with_stand_under_the_reports_heading_not_at_the_workbook(client: TestClient,
                                                                                      plan_run: str) -> None:
    page = client.get(f"/runs/{plan_run}?lang=zh").text
    section = page[page.index('<section id="run-action">'):page.index("</section>")]
    assert "<h2>警告（公示前须处理）</h2>" in section and page.index("run-action") < page.index('id="results"')
    assert said(page, "run-caution-1").startswith("分配方案设有政策有效期内的单户上限，但本次未计入资助台账")
    assert said(page, "run-caution-2").startswith(
        "2项内容按就高保留了核定额较高的申报，但该申报未获资助；")  # not `sample_applications_2027.xlsx：警告：`
    assert "警告：" not in section and "sample_applications_2027.xlsx" not in section
    # the routine notes folded, as report.html's other notes, a table of notes (提示), not of problems
    assert "<summary>其他提示（3条）</summary>" in page
    notes = page[page.index('id="warnings-table"'):]
    assert "<th>提示</th>" in notes[:notes.index("</thead>")]


def test_the_warnings_in_english(client: TestClient, plan_run: str) -> None:
    page = client.get(f"/runs/{plan_run}?lang=en").text
    section = html.unescape(page[page.index('<section id="run-action">'):page.index("</section>")])
    assert "<h2>Warnings: deal with these before the public notice (公示)</h2>" in section
    assert "warning:" not in section  # no lowercase mark before each
    assert said(page, "run-caution-1").startswith("The scenario caps each applicant over the policy's whole period")
    jiugao = said(page, "run-caution-2")
    assert jiugao.startswith("An item applied for more than once is paid once, at the higher standard (就高)")
    assert "2 — 2027-0144 (89.8) lost to 2027-0049 (80.5), 2027-0059 (85.7) lost to 2027-0107 (75.9)." in jiugao
    assert "set aside for" not in jiugao
    assert "<summary>Other notes (3)</summary>" in page and "Warnings: 3" not in page
    assert "：" not in html.unescape(said(page, "run-caution-1") + jiugao)  # no full-width colon in English


def test_a_run_of_an_earlier_budgetopt_lists_its_warnings_alike(client: TestClient, data: Path) -> None:
    """A run recorded before the warnings were kept as report.html lists them (each at its file, marked 警告): listed
    under the same heading, without the mark or the input it was recorded at — its workbook, its scenario, its
    ledger — in the words it recorded."""
    registry = Registry(data)
    workbook = registry.keep_bytes(SAMPLE_2027.read_bytes(), SAMPLE_2027.name, ".xlsx")
    record = registry.add(NewRun(workbook, None, "2027 base case", None, 120_000_000))
    old = [{"row": None, "column": None, "zh": "2027 base case：警告：情景设有政策有效期内的单户上限",
            "en": "2027 base case: warning: the scenario caps each applicant over the policy's whole period"},
           {"row": None, "column": None, "zh": f"{SAMPLE_2027.name}：警告：2项内容按就高保留了核定额较高的申报",
            "en": f"{SAMPLE_2027.name}: warning: an item applied for more than once is paid once"},
           {"row": None, "column": None, "zh": "other.xlsx：警告：甲", "en": "other.xlsx: warning: a"}]
    registry.finish(record.id, "invalid", {"problems": [], "warnings": old})
    page = client.get(f"/runs/{record.id}?lang=zh").text
    assert "<h2>警告（公示前须处理）</h2>" in page
    assert [said(page, f"run-caution-{n}") for n in (1, 2, 3)] == [
        "情景设有政策有效期内的单户上限", "2项内容按就高保留了核定额较高的申报", "other.xlsx：警告：甲"]
    english = client.get(f"/runs/{record.id}?lang=en").text
    assert [said(english, f"run-caution-{n}") for n in (1, 2, 3)] == [
        "The scenario caps each applicant over the policy's whole period",
        "An item applied for more than once is paid once", "other.xlsx: warning: a"]


def test_binding_limits_are_capitalised_as_their_headers_in_english(client: TestClient, plan_run: str) -> None:
    page = client.get(f"/runs/{plan_run}?lang=en").text
    binding = html.unescape(page[page.index('<table id="binding">'):])
    binding = binding[:binding.index("</table>")]
    assert "<td>Budget</td>" in binding and "<td>Envelope “人工智能赋能”</td>" in binding
    assert "<td>Each extra 万元 of budget funds applications with a weighted score of about" in binding
    chinese = html.unescape(client.get(f"/runs/{plan_run}?lang=zh").text)
    assert "<td>预算总额</td>" in chinese


def test_the_upload_notes_are_notes(client: TestClient) -> None:
    stored = upload(client, SAMPLE_2027, "en")
    page = client.get(f"/new?upload={stored}&lang=en").text
    assert "<summary>Notes: 3</summary>" in page and "<th>Note</th>" in page and "What is wrong" not in page


# ---------------------------------------------------------------------------------------------- names in English


def test_a_run_named_after_a_plan_is_named_in_the_pages_language(client: TestClient, plan_run: str) -> None:
    english = html.unescape(client.get("/?lang=en").text)
    assert "2027 base case (two-year plan: 3.2亿 in all)" in english and PLAN_2027 not in english
    assert PLAN_2027 in html.unescape(client.get("/?lang=zh").text)
    assert said(client.get(f"/runs/{plan_run}?lang=en").text, "run-scenario") == (
        "2027 base case (two-year plan: 3.2亿 in all)")
    picker = html.unescape(client.get(f"/sweeps?run={plan_run}&lang=en").text)
    assert "2027 base case (two-year plan: 3.2亿 in all) · 11640万 · " in picker and "两年分配" not in picker
    # a new run from it, on the English page, is named as the English pages name it
    form = form_of_page(client.get(f"/new?from={plan_run}&lang=en").text)
    assert form["name"] == "2027 base case (two-year plan: 3.2亿 in all)"


@pytest.mark.parametrize(("name", "zh", "en"), [
    ("2026年基准方案（两年分配：合计3.2亿元）", "2026年基准方案（两年分配：合计3.2亿元）",
     "2026 base case (two-year plan: 3.2亿 in all)"),
    ("2026 base case (modified) (two-year plan: 9,000 yuan in all)",
     "2026年基准方案（已修改）（两年分配：合计9,000元）",
     "2026 base case (modified) (two-year plan: 9,000 yuan in all)"),
    ("两年分配：合计2.5亿元", "两年分配：合计2.5亿元", "Two-year plan: 2.5亿 in all"),
    ("2026年基准方案（目标：第4条、渝中区，85分以上全额）", "2026年基准方案（目标：第4条、渝中区，85分以上全额）",
     "2026 base case (goal: 85 or more, clause 4, 渝中区, in full)"),
    ("Goal: 90 or more, any award", "目标：90分以上任何资助", "Goal: 90 or more, any award"),
    ("我的试算（两年分配：合计3亿元）", "我的试算（两年分配：合计3亿元）", "我的试算 (two-year plan: 3亿 in all)"),
    ("2027年基准方案（两年分配：合计3.2亿元，2026年2.036亿元）",
     "2027年基准方案（两年分配：合计3.2亿元，2026年2.036亿元）",
     "2027 base case (two-year plan: 3.2亿 in all, 2.036亿 for 2026)"),
    ("Two-year plan: 3.2亿 in all, 2亿 for 2026", "两年分配：合计3.2亿元，2026年2亿元",
     "Two-year plan: 3.2亿 in all, 2亿 for 2026"),
])
def test_names_the_app_made_are_said_in_either_language(name: str, zh: str, en: str) -> None:
    assert (scenario_label(name, "zh"), scenario_label(name, "en")) == (zh, en)


def test_other_names_are_left_as_typed() -> None:
    for name in ("我的试算", "两年分配：合计很多", "2026 base case (goal: lots)", "目标：第4条85分以上全额"):
        assert made_name(name, "en") is None and scenario_label(name, "en") == name
    assert plan_named("2027 base case (two-year plan: 1.5亿 in all)") == PlanName(150_000_000)
    record = SimpleNamespace(scenario_name=PLAN_2027, scenario=None)
    assert record_scenario(record, "en", None) == "2027 base case (two-year plan: 3.2亿 in all)"  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- a plan's form


@pytest.fixture(scope="module")
def plan(data: Path) -> str:
    """A two-year plan of 3.2亿 over 2026 and 2027 whose best split is 20,360万 + 11,640万 (as the registry keeps a
    plan the app made)."""
    registry = Registry(data)
    workbook = registry.keep_bytes((ROOT / "data" / "sample_applications.xlsx").read_bytes(), "s.xlsx", ".xlsx")
    record = registry.add(NewRun(workbook, None, "2026 base case", None, 320_000_000, kind="plan"))
    splits = [{"first_budget": 193_600_000, "second_budget": 126_400_000},
              {"first_budget": 203_600_000, "second_budget": 116_400_000, "funded_first": 122, "partial_first": 5}]
    registry.finish(record.id, "done", {"plan": {"total": 320_000_000, "first_year": 2026, "second_year": 2027,
                                                 "best": 1, "splits": splits}})
    return record.id


def plan_form(client: TestClient, name: str, year: str, lang: str, budget: str = "11640万") -> str:
    """The new-run page, its form filled in from a scenario file named `name` of `year`, at `budget`."""
    scenario = f'name = "{name}"\nyear = {year}\nbudget = "{budget}"\n'.encode()
    back = upload_scenario(client, "scenario.toml", scenario)
    return client.get(f"{back}&lang={lang}").text


def test_the_second_years_form_says_its_budget_rests_on_the_first_years_publication(client: TestClient,
                                                                                   plan: str) -> None:
    page = plan_form(client, PLAN_2027, "2027", "zh")
    assert page.index('id="plan-note"') < page.index('id="step-upload"')
    assert said(page, "plan-note-budget") == (
        "此表单由两年分配填入：2027年度预算11,640万元是两年合计3.2亿元减去2026年度安排20,360万元后的余额。测算时，"
        "2026年度的资助按已公示、记入资助台账计算：请在2026年度的分配公示之后再运行，本次运行才会扣减这些资助"
        "（就高、不重复），并把它们计入有效期内的单户上限。 查看这次两年分配")
    assert f'<a href="/plans/{plan}" id="plan-note-link">' in page
    assert said(page, "plan-note-ledger") == "资助台账中还没有本政策2026年度的资助：现在运行，2026年度的资助不会扣减。"
    english = plan_form(client, "2027 base case (two-year plan: 3.2亿 in all)", "2027", "en")
    assert said(english, "plan-note-budget") == (
        "This form was filled in from a two-year plan: the 2027 budget of 11,640万 is what is left of the 3.2亿 for "
        "both years after 2026's 20,360万. The plan counts 2026's awards as published (公示) and recorded in the "
        "award ledger: run this after 2026's run is published, so that it deducts them (each content paid once, at "
        "the higher standard: 就高、不重复) and counts them towards the period cap. See the plan")
    assert said(english, "plan-note-ledger") == (
        "The ledger holds none of this policy's 2026 awards yet: a run now deducts none of them.")


def test_the_note_stays_with_the_form(client: TestClient, plan: str) -> None:
    """Sent back with a problem (here no workbook), the form still says it."""
    fields = form_of_page(plan_form(client, PLAN_2027, "2027", "zh"))
    answer = client.post("/runs?lang=zh", data={**fields, "csrf_token": CSRF})
    assert answer.status_code == 400
    assert said(answer.text, "plan-note-budget").startswith("此表单由两年分配填入：2027年度预算11,640万元")


def test_the_first_years_form_and_a_plan_not_found(client: TestClient, plan: str) -> None:
    first = plan_form(client, "2026年基准方案（两年分配：合计3.2亿元）", "2026", "zh", "20360万")
    assert said(first, "plan-note-budget") == (
        "此表单由两年分配填入：2026年度预算20,360万元是两年合计3.2亿元中测算的2026年度安排，其余11,640万元留给"
        "2027年度。本年度的分配公示后，再从两年分配的页面新建2027年度分配。 查看这次两年分配")
    assert 'id="plan-note-ledger"' not in first
    unknown = plan_form(client, "2027年基准方案（两年分配：合计5亿元）", "2027", "zh")
    assert said(unknown, "plan-note-budget").startswith(
        "此表单由两年分配（合计5亿元）填入，年度预算是测算中这一年度的安排。")
    assert 'id="plan-note-link"' not in unknown
    assert 'id="plan-note"' not in plan_form(client, "2027年基准方案", "2027", "zh")


def plan_web(data: Path) -> SimpleNamespace:
    """What plan_note reads of the app: its registry and the ledger runs count (none here: nothing published)."""
    return SimpleNamespace(registry=Registry(data), ledger=LedgerChoice(data / "ledger.sqlite", False))


def test_the_note_says_what_the_ledger_holds_of_the_first_year(data: Path, plan: str) -> None:
    web = plan_web(data)
    ledger = LedgerView(LedgerChoice(data / "ledger.sqlite", False), years=(YearSoFar(2026, 194_999_910, 127),))
    fields = ScenarioFields(name=PLAN_2027, year="2027年", budget="11640万")
    note = plan_note(web, fields, ledger, "zh")  # type: ignore[arg-type]
    assert note is not None and note.plan == plan
    assert note.ledger == "资助台账中已有本政策2026年度的资助127项，合计19,499.991万元。"
    english = plan_note(web, fields, ledger, "en")  # type: ignore[arg-type]
    assert english is not None
    assert english.ledger == "The ledger holds this policy's 2026 awards: 127, 19,499.991万 in all."


def test_the_note_speaks_of_the_plan_whose_split_the_budget_is(client: TestClient, data: Path, plan: str) -> None:
    """An officer's review: the box spoke of the newest plan of 3.2亿, not the plan whose button filled the form — the
    field at 12000万, the box at "11,650万元 … 20,350万元". The plan is the newest whose best split gives the year the
    form's budget; where none does, the box says so, quoting no plan's figures."""
    page = plan_form(client, PLAN_2027, "2027", "zh", "12000万")
    assert said(page, "plan-note-budget") == (
        "此表单的名称来自两年分配（合计3.2亿元），但2027年度预算12,000万元不是任何一次合计3.2亿元的两年分配测算中2027年度"
        "的安排：本次运行不按测算分配。请从两年分配的页面重新打开此表单，或改用分配方案自己的名称。")
    assert 'id="plan-note-link"' not in page and 'id="plan-note-ledger"' not in page
    english = plan_form(client, "2027 base case (two-year plan: 3.2亿 in all)", "2027", "en", "12000万")
    assert said(english, "plan-note-budget") == (
        "This form's name comes from a two-year plan (3.2亿 for both years), but its 2027 budget of 12,000万 is not "
        "2027's share in any plan of 3.2亿: this run does not follow a plan. Open the form again from the plan's page, "
        "or give it the scenario's own name.")
    # a newer plan of the same total, 2亿 + 1.2亿: each form speaks of the plan whose split its budget is
    registry = Registry(data)
    workbook = registry.keep_bytes((ROOT / "data" / "sample_applications.xlsx").read_bytes(), "s.xlsx", ".xlsx")
    newer = registry.add(NewRun(workbook, None, "2026 base case", None, 320_000_000, kind="plan"))
    registry.finish(newer.id, "done", {"plan": {
        "total": 320_000_000, "first_year": 2026, "second_year": 2027, "best": 0,
        "splits": [{"first_budget": 200_000_000, "second_budget": 120_000_000}]}})
    page = plan_form(client, PLAN_2027, "2027", "zh", "12000万")
    assert said(page, "plan-note-budget").startswith(
        "此表单由两年分配填入：2027年度预算12,000万元是两年合计3.2亿元减去2026年度安排20,000万元后的余额。")
    assert f'<a href="/plans/{newer.id}" id="plan-note-link">' in page
    page = plan_form(client, PLAN_2027, "2027", "zh")
    assert said(page, "plan-note-budget").startswith(
        "此表单由两年分配填入：2027年度预算11,640万元是两年合计3.2亿元减去2026年度安排20,360万元后的余额。")
    assert f'<a href="/plans/{plan}" id="plan-note-link">' in page
    first = plan_form(client, "2026年基准方案（两年分配：合计3.2亿元）", "2026", "zh", "2亿")
    assert said(first, "plan-note-budget").startswith(
        "此表单由两年分配填入：2026年度预算20,000万元是两年合计3.2亿元中测算的2026年度安排，其余12,000万元留给2027年度。")


def test_the_note_says_when_the_first_year_published_is_not_the_plans(data: Path, plan: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """An officer's review: 2026 published at 2亿, not the plan's best split, and the 2027 form still said the plan's
    rest of 3.2亿 as if the plan held. Told by the budget of the run published, not by a count of its awards (one
    published at another budget with as many awards passed)."""
    web = plan_web(data)
    fields = ScenarioFields(name=PLAN_2027, year="2027年", budget="11640万")
    ledger = LedgerView(LedgerChoice(data / "ledger.sqlite", False), years=(YearSoFar(2026, 194_999_910, 127),))
    published = SimpleNamespace(id="20261207-193516-b52d44", budget=200_000_000)
    monkeypatch.setattr(plan_note_module, "first_published", lambda web, found: published)
    note = plan_note(web, fields, ledger, "zh")  # type: ignore[arg-type]
    assert note is not None and note.plan == plan
    assert note.said.startswith(
        "此表单由两年分配填入：2027年度预算11,640万元是两年合计3.2亿元减去2026年度安排20,360万元后")
    assert note.ledger == (
        "资助台账中已有本政策2026年度的资助127项，合计19,499.991万元。2026年度已公示的是运行 20261207-193516-b52d44"
        "（预算20,000万元），不是两年分配测算的2026年度安排20,360万元：2027年度预算仍是测算的余额，测算的效果不再适用。"
        "请以已公示的运行重新测算两年分配；此表单的名称仍写着“两年分配：合计3.2亿元”，此运行却已不按该测算分配，"
        "请改用分配方案自己的名称。")
    english = plan_note(web, fields, ledger, "en")  # type: ignore[arg-type]
    assert english is not None and english.ledger.endswith(
        " 2026 was published from run 20261207-193516-b52d44 (a budget of 20,000万), not at the plan's 20,360万 for "
        "2026: the 2027 budget is still the plan's rest, and the plan's figures no longer apply. Plan again from the "
        "run published; this form's name still says \"two-year plan: 3.2亿 in all\", but the run no longer follows "
        "that plan: give it the scenario's own name.")
    # published at the plan's own 2026 budget: the plan holds, and the box says the 2026 awards are there to deduct
    published = SimpleNamespace(id="20261207-193516-b52d44", budget=203_600_000)
    note = plan_note(web, fields, ledger, "zh")  # type: ignore[arg-type]
    assert note is not None and note.ledger == "资助台账中已有本政策2026年度的资助127项，合计19,499.991万元。"
    assert note.said == (
        "此表单由两年分配填入：2027年度预算11,640万元是两年合计3.2亿元减去2026年度已公示的20,360万元"
        "（运行 20261207-193516-b52d44）后的余额。本次运行扣减资助台账中2026年度的资助（就高、不重复），"
        "并把它们计入有效期内的单户上限，与测算相同。")
    english = plan_note(web, fields, ledger, "en")  # type: ignore[arg-type]
    assert english is not None and english.said == (
        "This form was filled in from a two-year plan: the 2027 budget of 11,640万 is what is left of the 3.2亿 for "
        "both years after 2026's 20,360万, published (公示) from run 20261207-193516-b52d44. This run deducts the "
        "2026 awards the ledger holds (each content paid once, at the higher standard: 就高、不重复) and counts them "
        "towards the period cap, as the plan did.")
