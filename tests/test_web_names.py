"""A shipped scenario's name, in either language, on the form, in a run's files and in the lists.

A finance officer's review: a run of the 2026 preset with only a 300万 period cap added was listed as
2026年基准方案（已修改）, while its report.html was headed "渝经信规范〔2026〕2号 · 2026 base case" and its
allocation.xlsx said 情景 = "2026 base case" — exactly like the base run itself, with other numbers. The Chinese form
filled in the file's English name, and the files print the name the run records."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_web_pages import form_of_page, upload
from webapp import CSRF, SCENARIO, TestClient, submit, wait, wait_page

from optimizer.rules.policy import load_policy
from optimizer.rules.scenario import load_scenario
from optimizer.web.forms import form_of, presets, read_toml_bytes, scenario_data
from optimizer.web.registry import Registry
from optimizer.web.views import preset_name, run_name, scenario_label

NAMES = {"scenario_2026": ("2026年基准方案", "2026 base case"),
         "scenario_2026_ai_push": ("2026年人工智能加力方案", "2026 AI push"),
         "scenario_2026_plain": ("2026年按评审得分排序方案", "2026 plain ranking"),
         "scenario_2027": ("2027年基准方案", "2027 base case")}
PERIOD_CAP = {"applicant_max_period_total": "300万"}  # what the officer added


def form_run(client: TestClient, stored: str, lang: str, **changes: str) -> str:
    """A run of the 2026 preset as the form in `lang` fills it in, with `changes` typed over it; outputs in
    Chinese."""
    fields = form_of_page(client.get(f"/new?upload={stored}&preset=scenario_2026&lang={lang}").text)
    fields.update(csrf_token=CSRF, report_lang="zh", **changes)
    answer = client.post(f"/runs?lang={lang}", data=fields)
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"].removeprefix("/runs/"))


@pytest.fixture(scope="module")
def runs(client: TestClient, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Runs named every way: from the Chinese form as shipped and with the period cap, from the English form with
    it; and older ones, made before the form named them (the shipped file's own name, its settings changed or
    not)."""
    stored = upload(client)
    changed = tmp_path_factory.mktemp("old") / "scenario.toml"
    changed.write_text(SCENARIO.read_text(encoding="utf-8").replace('max_total = "600万"', 'max_total = "300万"'),
                       encoding="utf-8")
    made = {"zh as shipped": form_run(client, stored, "zh"), "zh changed": form_run(client, stored, "zh", **PERIOD_CAP),
            "en changed": form_run(client, stored, "en", **PERIOD_CAP)}
    made |= {"old as shipped": str(submit(client, scenario=SCENARIO).json()["id"]),
             "old changed": str(submit(client, scenario=changed).json()["id"])}
    assert all(wait(client, run)["status"] == "done" for run in made.values())
    return made


def recorded(data: Path, run: str) -> str:
    record = Registry(data).get(run)
    assert record is not None and record.scenario_name is not None
    return record.scenario_name


def report_subtitle(data: Path, run: str) -> str:
    found = re.search(r'<p class="sub">([^<]*)</p>', (data / "runs" / run / "report.html").read_text(encoding="utf-8"))
    assert found is not None
    return found.group(1)


def parameters_scenario(data: Path, run: str) -> str:
    """allocation.xlsx, 运行参数: the 分配方案 row's value."""
    book = openpyxl.load_workbook(data / "runs" / run / "allocation.xlsx", read_only=True)
    rows = {row[0]: row[1] for row in book["运行参数"].iter_rows(values_only=True)}
    book.close()
    return str(rows["分配方案"])


def list_row(client: TestClient, run: str, lang: str) -> str:
    row = re.search(rf'<tr id="run-{run}".*?</tr>', client.get(f"/?lang={lang}").text, re.S)
    assert row is not None
    return row.group(0)


# ---------------------------------------------------------------- the form


def test_a_preset_fills_its_name_in_the_pages_language(client: TestClient) -> None:
    """填入 on the Chinese form names the preset as the Chinese pages do; the English form, by its file's name. The
    rest of the scenario form is the same in both (the outputs' language follows the page's)."""
    assert {p.key: p.name for p in presets().values()} == {key: en for key, (_, en) in NAMES.items()}
    for key, (zh, en) in NAMES.items():
        chinese = form_of_page(client.get(f"/new?preset={key}&lang=zh").text)
        english = form_of_page(client.get(f"/new?preset={key}&lang=en").text)
        assert (chinese.pop("name"), english.pop("name")) == (zh, en)
        assert (chinese.pop("report_lang"), english.pop("report_lang")) == ("zh", "en")
        assert chinese == english


def test_a_run_again_is_named_as_the_list_names_it(client: TestClient, runs: dict[str, str]) -> None:
    """以此为基础新建分配 (?from=RUN) fills the name as the runs list in the page's language says it, its mark once."""
    named = {(kind, lang): form_of_page(client.get(f"/new?from={run}&lang={lang}").text)["name"]
             for kind, run in runs.items() for lang in ("zh", "en")}
    assert named == {
        ("zh as shipped", "zh"): "2026年基准方案", ("zh as shipped", "en"): "2026 base case",
        ("zh changed", "zh"): "2026年基准方案（已修改）", ("zh changed", "en"): "2026 base case (modified)",
        ("en changed", "zh"): "2026年基准方案（已修改）", ("en changed", "en"): "2026 base case (modified)",
        ("old as shipped", "zh"): "2026年基准方案", ("old as shipped", "en"): "2026 base case",
        ("old changed", "zh"): "2026年基准方案（已修改）", ("old changed", "en"): "2026 base case (modified)"}


# ---------------------------------------------------------------- the run's name, and its files


def test_a_changed_preset_is_named_modified_in_every_file(data: Path, runs: dict[str, str]) -> None:
    """The officer's run: the Chinese form's 2026 preset with a 300万 period cap. Its report, its workbook and its
    manifest say 2026年基准方案（已修改）; the run as shipped says 2026年基准方案, in Chinese."""
    for kind, name in (("zh changed", "2026年基准方案（已修改）"), ("zh as shipped", "2026年基准方案")):
        run = runs[kind]
        assert recorded(data, run) == name
        assert report_subtitle(data, run) == f"渝经信规范〔2026〕2号 · {name}"
        assert parameters_scenario(data, run) == name
        manifest = json.loads((data / "runs" / run / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["scenario"]["name"] == name


def test_the_english_form_marks_the_name_in_english(data: Path, runs: dict[str, str]) -> None:
    run = runs["en changed"]
    assert recorded(data, run) == "2026 base case (modified)"
    assert report_subtitle(data, run) == "渝经信规范〔2026〕2号 · 2026 base case (modified)"
    assert parameters_scenario(data, run) == "2026 base case (modified)"


def test_older_runs_keep_the_name_they_recorded(data: Path, runs: dict[str, str]) -> None:
    """Runs made through the API (and before this change) record the scenario file's name as it is: the lists mark
    them by their settings."""
    assert recorded(data, runs["old as shipped"]) == recorded(data, runs["old changed"]) == "2026 base case"


def form_scenario(**changes: Any) -> dict[str, Any]:
    """The scenario the form sends: the 2026 preset filled in, `changes` typed over its fields."""
    shipped = presets()["scenario_2026"].path
    return scenario_data(replace(form_of(read_toml_bytes(shipped.read_bytes()), load_policy()), **changes))


@pytest.mark.parametrize(("name", "changes", "named"), [
    ("2026年基准方案", {}, "2026年基准方案"),
    ("2026年基准方案", {"budget": "1.5亿"}, "2026年基准方案"),  # the budget aside: a preset is run at any budget
    ("2026年基准方案", PERIOD_CAP, "2026年基准方案（已修改）"),
    ("2026 base case", PERIOD_CAP, "2026 base case (modified)"),  # in the language it was typed in
    ("2026年基准方案（已修改）", PERIOD_CAP, "2026年基准方案（已修改）"),  # a changed run's again: marked once
    ("2026年基准方案 (modified)", PERIOD_CAP, "2026年基准方案（已修改）"),
    ("2026年基准方案（已修改）", {}, "2026年基准方案"),  # its changes undone: it is the preset again
    ("2026 base case (modified)", {}, "2026 base case"),
    ("2026年基准方案", {"reserve": "400万"}, "2026年基准方案（已修改）"),
    ("周三试算", PERIOD_CAP, "周三试算"),  # a name of the officer's own is kept as typed
    ("2026年基准方案试算", PERIOD_CAP, "2026年基准方案试算"),
    ("2027年基准方案", {}, "2027年基准方案（已修改）"),  # the 2026 preset's settings under the 2027 name
])
def test_the_name_a_run_from_the_form_records(name: str, changes: dict[str, str], named: str) -> None:
    policy = load_policy()
    scenario = load_scenario(form_scenario(**changes, name=name), policy=policy)
    assert run_name(scenario.name, scenario, policy) == named


# ---------------------------------------------------------------- the lists and pickers


def test_the_runs_list_names_each_in_the_pages_language_marked_once(client: TestClient, runs: dict[str, str]) -> None:
    """Old names and new, in either language, each as the page's language names the preset, （已修改） once."""
    expected = {"zh as shipped": ("2026年基准方案", "2026 base case"),
                "zh changed": ("2026年基准方案（已修改）", "2026 base case (modified)"),
                "en changed": ("2026年基准方案（已修改）", "2026 base case (modified)"),
                "old as shipped": ("2026年基准方案", "2026 base case"),
                "old changed": ("2026年基准方案（已修改）", "2026 base case (modified)")}
    for kind, run in runs.items():
        for lang, name in zip(("zh", "en"), expected[kind], strict=True):
            row = list_row(client, run, lang)
            assert f"<td>{name}</td>" in row, (kind, lang)
            assert row.count("已修改") + row.count("modified") == (1 if "changed" in kind else 0), (kind, lang)


def test_a_picker_names_the_runs_as_the_list_does(client: TestClient, runs: dict[str, str]) -> None:
    for lang, (shipped, changed, budget) in (("zh", ("2026年基准方案", "2026年基准方案（已修改）", "2亿元")),
                                             ("en", ("2026 base case", "2026 base case (modified)", "2亿"))):
        picker = client.get(f"/sweeps?lang={lang}").text
        for kind, run in runs.items():
            name = changed if "changed" in kind else shipped
            assert re.search(rf'<option value="{run}"[^>]*>{re.escape(name)} · {budget} · \d\d-\d\d \d\d:\d\d'
                             r"</option>", picker), (kind, lang)


def test_the_run_page_names_it_as_the_list_does(client: TestClient, runs: dict[str, str]) -> None:
    for lang, name in (("zh", "2026年基准方案（已修改）"), ("en", "2026 base case (modified)")):
        for kind in ("zh changed", "en changed", "old changed"):
            page = wait_page(client, f"/runs/{runs[kind]}?lang={lang}")
            assert f'<dd id="run-scenario">{name}</dd>' in page, (kind, lang)


@pytest.mark.parametrize(("name", "lang", "modified", "shown"), [
    ("2026 base case", "zh", False, "2026年基准方案"),
    ("2026 base case", "zh", True, "2026年基准方案（已修改）"),
    ("2026年基准方案", "en", False, "2026 base case"),
    ("2026年基准方案（已修改）", "en", False, "2026 base case (modified)"),
    ("2026年基准方案（已修改）", "zh", True, "2026年基准方案（已修改）"),  # never twice
    ("2026 base case (modified)", "en", True, "2026 base case (modified)"),
    ("2027 base case (modified)", "zh", False, "2027年基准方案（已修改）"),
    ("2026 AI push", "zh", False, "2026年人工智能加力方案"),
    ("2026年按评审得分排序方案", "en", False, "2026 plain ranking"),
    ("我的方案（已修改）", "en", False, "我的方案（已修改）"),  # not a preset's: as it is
    ("我的方案", "zh", True, "我的方案"),
    (None, "zh", False, ""),
])
def test_scenario_label(name: str | None, lang: str, modified: bool, shown: str) -> None:
    assert scenario_label(name, lang, modified) == shown


def test_every_preset_is_known_by_both_its_names() -> None:
    for key, (zh, en) in NAMES.items():
        for name, lang in ((zh, "zh"), (en, "en")):
            found = preset_name(name)
            assert found is not None and (found.preset.key, found.lang, found.marked) == (key, lang, False)
