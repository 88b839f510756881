"""The pages, as an officer uses them: upload, see the problems, fill the scenario form (or a preset), download it
as TOML, run, read the outcome of one application; sweeps, comparisons, audits, verification; Chinese or English."""

from __future__ import annotations

import html
import json
import re
import tomllib
from pathlib import Path
from urllib.parse import quote

import pytest
from helpers import ROOT, code, row, write_rows
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_hostile import valid
from webapp import BEARER, CSRF, SAMPLE, SCENARIO, TestClient, cli_allocate, submit, wait, wait_page

from optimizer.rules.policy import load_policy
from optimizer.rules.scenario import load_scenario
from optimizer.web.forms import fields_of, form_of, presets, scenario_data, toml_text
from optimizer.web.security import REPORT_POLICY

PRESETS = sorted(ROOT.glob("data/scenario_*.toml"))


def upload(client: TestClient, path: Path = SAMPLE, lang: str = "en") -> str:
    answer = client.post(f"/uploads?lang={lang}", data={"csrf_token": CSRF},
                         files={"workbook": (path.name, path.read_bytes())})
    assert answer.status_code == 303, answer.text
    location = answer.headers["location"]
    assert location.startswith("/new?upload=")
    return location.split("=", 1)[1]


def form_of_page(html: str) -> dict[str, str]:
    """The scenario form's fields as the page fills them in (text inputs and selected options)."""
    form = html[html.index('id="scenario-form"'):]
    fields = dict(re.findall(r'<input type="(?:text|hidden)" name="([^"]+)"[^>]*value="([^"]*)"', form))
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        fields[name] = chosen.group(1) if chosen else ""
    return {k: v.replace("&#34;", '"').replace("&amp;", "&") for k, v in fields.items()}


@pytest.fixture(scope="module")
def stored(client: TestClient) -> str:
    return upload(client)


@pytest.fixture(scope="module")
def done(client: TestClient, stored: str) -> str:
    fields = form_of_page(client.get(f"/new?upload={stored}&preset=scenario_2026&lang=zh").text)
    fields.update(budget="1.5亿", district_max_share="20%", csrf_token=CSRF, report_lang="zh")
    answer = client.post("/runs", data=fields)
    assert answer.status_code == 303, answer.text
    run = answer.headers["location"].removeprefix("/runs/")
    assert 'data-status="done"' in wait_page(client, f"/runs/{run}")
    return run


# ---------------------------------------------------------------- the runs, and a new run


def test_the_runs_page(client: TestClient, done: str) -> None:
    page = client.get("/?lang=en").text
    assert f'href="/runs/{done}"' in page and "sample_applications.xlsx" in page and "2026 base case" in page
    assert 'id="compare-form"' in page and f'value="{done}"' in page


def test_the_shipped_scenarios_in_the_pages_language(client: TestClient, data: Path, done: str) -> None:
    """The Chinese pages call the shipped scenarios by Chinese names (an officer's review: 2026 base case in every
    list), and fill them in so (a Chinese report headed "2026 base case"); a run of one whose settings were changed
    records its name marked, and its files print it so."""
    chinese = client.get("/new?lang=zh").text
    assert re.search(r'<option value="scenario_2026"[^>]*>2026年基准方案（scenario_2026.toml）</option>', chinese)
    assert re.search(r'<option value="scenario_2027"[^>]*>2027年基准方案（scenario_2027.toml）</option>', chinese)
    english = client.get("/new?lang=en").text
    assert re.search(r'<option value="scenario_2026"[^>]*>2026 base case \(scenario_2026.toml\)</option>', english)
    assert form_of_page(client.get("/new?preset=scenario_2026&lang=zh").text)["name"] == "2026年基准方案"
    manifest = json.loads((data / "runs" / done / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["scenario"]["name"] == "2026年基准方案（已修改）"  # filled in Chinese, its district share changed
    row = re.search(rf'<tr id="run-{done}".*?</tr>', client.get("/?lang=zh").text, re.S)
    assert row is not None and "<td>2026年基准方案（已修改）</td>" in row.group(0)  # its district share changed
    row = re.search(rf'<tr id="run-{done}".*?</tr>', client.get("/?lang=en").text, re.S)
    assert row is not None and "<td>2026 base case (modified)</td>" in row.group(0)
    assert '<span class="status status-done">Done</span>' in row.group(0)  # capitalised, as the headers are


def test_a_shipped_scenario_changed_in_the_form_is_said_changed(client: TestClient, tmp_path: Path) -> None:
    """An officer's review: runs whose caps were changed in the form kept the preset's name and were listed as the
    base case itself. Its settings, its budget aside, tell: the same name with another cap reads （已修改）."""
    changed = tmp_path / "scenario.toml"
    text = SCENARIO.read_text(encoding="utf-8")
    assert 'max_total = "600万"' in text
    changed.write_text(text.replace('max_total = "600万"', 'max_total = "300万"'), encoding="utf-8")
    runs = {kind: str(submit(client, SAMPLE, scenario, budget="1.8亿").json()["id"])
            for kind, scenario in (("as shipped", SCENARIO), ("changed", changed))}
    assert all(wait(client, run)["status"] == "done" for run in runs.values())
    for lang, shipped in (("zh", "2026年基准方案"), ("en", "2026 base case")):
        page = client.get(f"/?lang={lang}").text
        said = {kind: re.search(rf'<tr id="run-{run}".*?</tr>', page, re.S) for kind, run in runs.items()}
        assert all(found is not None for found in said.values())
        assert f"<td>{shipped}</td>" in said["as shipped"].group(0)  # type: ignore[union-attr]
        modified = "（已修改）" if lang == "zh" else " (modified)"
        assert f"<td>{shipped}{modified}</td>" in said["changed"].group(0)  # type: ignore[union-attr]


def test_skip_invalid_rows_is_ticked_beside_its_words(client: TestClient) -> None:
    page = client.get("/new?lang=zh").text
    assert re.search(r'<label for="f-skip" class="check"><input type="checkbox" name="skip_invalid" id="f-skip" '
                     r'value="1"> 跳过有误的行（列为“数据有误”，其余照常分配）</label>', page)
    assert ".grid label.check { grid-column: 1 / -1;" in client.get("/static/style.css").text


def test_english_pages_say_the_policy_in_english(client: TestClient) -> None:
    page = html.unescape(client.get("/?lang=en").text)
    assert "<footer>Chongqing's “AI + manufacturing” subsidies (渝经信规范〔2026〕2号) · proven optimal, reproducible" \
        "</footer>" in page


def test_an_uploaded_workbook_without_problems(client: TestClient, stored: str) -> None:
    page = client.get(f"/new?upload={stored}&lang=en").text
    assert "Uploaded: sample_applications.xlsx" in page and "434 applications read, no problems found." in page
    assert 'id="run-button" disabled' not in page


def test_the_problems_of_a_workbook_as_a_table(client: TestClient, tmp_path: Path) -> None:
    book = write_rows(tmp_path / "申报.xlsx", [row(application_id="A-1", credit_code=code(1), score=140),
                                              row(application_id="A-2", credit_code="91500000MA5U0000X1")])
    stored = upload(client, book)
    english = client.get(f"/new?upload={stored}&lang=en").text
    assert "Problems found: 2." in english and "(s)" not in english
    table = english[english.index('id="problems"'):english.index("</table>", english.index('id="problems"'))]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    cells = [cells for cells in rows if cells]
    assert cells == [["2", "score", "must be between 0 and 100, found 140"],
                     ["3", "credit_code", "check character is &#39;1&#39;, expected &#39;N&#39;"]]
    chinese = client.get(f"/new?upload={stored}&lang=zh").text
    assert "应在0到100之间，填写的是 140" in chinese and "发现 2 处问题" in chinese


def test_a_refused_upload_says_why_and_keeps_nothing(client: TestClient, data: Path, tmp_path: Path) -> None:
    before = sorted((data / "inputs").iterdir())
    page = client.post("/uploads?lang=en", data={"csrf_token": CSRF},
                       files={"workbook": ("apps.xlsm", valid(tmp_path, name="apps.xlsm").read_bytes())})
    assert page.status_code == 400
    assert "apps.xlsm: is a macro-enabled workbook (.xlsm); save it as .xlsx (Excel Workbook) without macros" in (
        page.text)
    assert sorted((data / "inputs").iterdir()) == before
    assert client.post("/uploads", data={"csrf_token": CSRF}).status_code == 400  # no file at all


def test_a_preset_fills_the_form(client: TestClient) -> None:
    fields = form_of_page(client.get("/new?preset=scenario_2026_ai_push").text)
    assert fields["name"] == "2026 AI push" and fields["budget"] == "2亿" and fields["reserve"] == "500万"
    assert fields["weight_4"] == "1.5" and fields["weight_1"] == ""
    assert (fields["envelope_0_name"], fields["envelope_0_clauses"]) == ("人工智能赋能", "3, 4, 5, 6")
    assert fields["envelope_1_max_share"] == "0.15" and fields["district_max_share"] == "0.2"
    assert fields["fixed_awards"] == "whole" and fields["applicant_max_total"] == "500万"


def test_the_form_holds_every_key_of_a_scenario(client: TestClient) -> None:
    page = client.get("/new").text
    names = set(re.findall(r'name="([^"]+)"', page))
    assert {"name", "year", "budget", "reserve", "fixed_awards", "min_funding_ratio", "rounding",
            "district_max_share", "applicant_max_total", "applicant_max_period_total", "group_max_total",
            "envelope_0_name", "envelope_0_clauses", "envelope_0_max",
            "envelope_0_max_share", "envelope_0_min", "solver", "report_lang", "skip_invalid"} <= names
    assert {f"weight_{cid}" for cid in load_policy().clauses} <= names and len(load_policy().clauses) == 24


def test_an_empty_fields_grey_text_says_what_empty_means_never_a_value(client: TestClient) -> None:
    """Grey example values (500万 in the reserve, 600万 in the applicant cap) read as the defaults: an officer who
    left them empty believed a reserve and caps applied, and the run had none."""
    page = client.get("/new?lang=zh").text
    shown = dict(re.findall(r'name="([^"]+)"[^>]*placeholder="([^"]*)"', page))
    assert {name: text for name, text in shown.items()  # a weight left empty is 1.0: what it shows
            if not text.startswith(("留空：", "例：")) and not (name.startswith("weight_") and text == "1.0")} == {}
    assert shown["reserve"] == "留空：不预留" and shown["applicant_max_total"] == "留空：不设上限"
    assert shown["budget"] == "例：1.5亿"
    empty = load_scenario(scenario_data(fields_of({"budget": "1.5亿"}, load_policy())))  # what empty means
    assert (empty.reserve, empty.min_funding_ratio, empty.rounding, empty.year) == (0, 0, 1, None)
    assert (empty.district_max_share, empty.applicant_max_total, empty.applicant_max_period_total,
            empty.group_max_total, empty.envelopes) == (None, None, None, None, ())


@pytest.mark.parametrize(("path", "form"), [("/runs", "/new"), ("/uploads", "/new"), ("/scenario.toml", "/new"),
                                            ("/stability/uploads", "/stability")])
def test_a_forms_address_opened_again_goes_back_to_the_form_in_the_language_asked(client: TestClient, path: str,
                                                                                 form: str) -> None:
    """A refused form leaves its POST address in the bar: reloading it, opening it in a new tab or switching the
    language there (`/runs?lang=en`) was a refusal page, 此地址不接受这种请求, with no way back."""
    assert (client.get(path).status_code, client.get(path).headers["location"]) == (303, form)
    switched = client.get(f"{path}?lang=en")
    assert (switched.status_code, switched.headers["location"]) == (303, f"{form}?lang=en")
    assert '<html lang="en">' in client.get(f"{path}?lang=en", follow_redirects=True).text
    client.get("/new?lang=zh")


# ---------------------------------------------------------------- the form as TOML


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.stem)
def test_a_preset_goes_through_the_form_and_back_unchanged(preset: Path) -> None:
    policy = load_policy()
    fields = form_of(tomllib.loads(preset.read_text(encoding="utf-8")), policy)
    posted = {"name": fields.name, "year": fields.year, "budget": fields.budget, "reserve": fields.reserve,
              "fixed_awards": fields.fixed_awards, "min_funding_ratio": fields.min_funding_ratio,
              "rounding": fields.rounding, "district_max_share": fields.district_max_share,
              "applicant_max_total": fields.applicant_max_total,
              "applicant_max_period_total": fields.applicant_max_period_total,
              "group_max_total": fields.group_max_total,
              **{f"weight_{k}": v for k, v in fields.weights.items()},
              **{f"envelope_{i}_{key}": getattr(e, key) for i, e in enumerate(fields.envelopes)
                 for key in ("name", "clauses", "max", "max_share", "min")}}
    text = toml_text(scenario_data(fields_of(posted, policy)), "zh")
    assert load_scenario(tomllib.loads(text)) == load_scenario(preset)


_ANYTHING = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                         lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                     max_size=3), max_leaves=8)


_ENVELOPES = st.lists(st.fixed_dictionaries({}, optional=dict.fromkeys(("name", "clauses", "max", "max_share",
                                                                         "min"), _ANYTHING)), max_size=2)


@settings(max_examples=200)
@example(scenario={"envelopes": [{"name": "AI", "clauses": 5}], "weights": [1], "districts": 3})
@given(scenario=st.fixed_dictionaries({}, optional={
    **dict.fromkeys(("name", "budget", "rounding", "x"), _ANYTHING), "envelopes": _ENVELOPES | _ANYTHING,
    **dict.fromkeys(("weights", "districts", "applicants", "groups"), st.dictionaries(st.text(max_size=3), _ANYTHING)
                    | _ANYTHING)}))
def test_any_scenario_fills_the_form(scenario: dict[str, object]) -> None:
    """A run's scenario file fills the form of "a new run from this one" whatever it holds (the run itself was
    refused with sentences): `clauses = 5` in an envelope once made that page an error 500."""
    fields = form_of(scenario, load_policy())
    assert all(isinstance(e.clauses, str) for e in fields.envelopes)


def test_the_downloaded_toml_is_what_the_command_line_reads(client: TestClient, tmp_path: Path) -> None:
    form = {"csrf_token": CSRF, "name": '引号"与\\反斜杠', "year": "2026", "budget": "1.5亿", "reserve": "500万",
            "fixed_awards": "prorate", "min_funding_ratio": "25%", "rounding": "100", "weight_4": "1.5",
            "weight_7a": "1.2", "envelope_0_name": "人工智能赋能", "envelope_0_clauses": "3，4、5 6",
            "envelope_0_max": "4000万", "envelope_0_min": "1500万", "envelope_3_name": "绿色", "envelope_3_clauses":
            "12, 13", "envelope_3_max_share": "0.15", "district_max_share": "20%", "applicant_max_total": "600万"}
    answer = client.post("/scenario.toml", data=form)
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="scenario.toml"'
    path = tmp_path / "s.toml"
    path.write_bytes(answer.content)
    scenario = load_scenario(path)
    assert scenario == load_scenario({
        "name": '引号"与\\反斜杠', "year": 2026, "budget": "1.5亿", "reserve": "500万", "fixed_awards": "prorate",
        "min_funding_ratio": 0.25, "rounding": 100, "weights": {"4": 1.5, "7a": 1.2},
        "envelopes": [{"name": "人工智能赋能", "clauses": ["3", "4", "5", "6"], "max": "4000万", "min": "1500万"},
                      {"name": "绿色", "clauses": ["12", "13"], "max_share": 0.15}],
        "districts": {"max_share": 0.2}, "applicants": {"max_total": "600万"}})
    cli_allocate(tmp_path / "out", SAMPLE, "--scenario", str(path))  # the command line takes it as it is


def test_a_form_with_mistakes_says_them_in_the_librarys_words(client: TestClient, stored: str) -> None:
    form = {"csrf_token": CSRF, "upload": stored, "budget": "3000", "reserve": "-5", "district_max_share": "1.5",
            "envelope_0_clauses": "3, 99"}
    page = client.post("/runs?lang=en", data=form)
    assert page.status_code == 400
    assert "did you mean" in page.text and "Reserve (set aside before allocation): -5 is negative" in page.text
    assert "envelope 1: needs a name" in page.text and 'value="3000"' in page.text  # the form keeps what was typed
    assert client.post("/scenario.toml", data=form).status_code == 400


@pytest.mark.parametrize("field", ["rounding", "year", "weight_3", "min_funding_ratio", "district_max_share"])
def test_a_number_of_5000_digits_is_a_mistake_not_an_error_500(client: TestClient, stored: str, field: str) -> None:
    """Python's int() converts at most 4,300 digits: the form's number fields raised ValueError (an error 500)."""
    form = {"csrf_token": CSRF, "upload": stored, "budget": "1亿", field: "9" * 5000}
    page = client.post("/runs?lang=en", data=form)
    assert page.status_code == 400 and "Traceback" not in page.text
    assert client.post("/scenario.toml", data=form).status_code == 400


def test_running_without_a_workbook(client: TestClient) -> None:
    page = client.post("/runs?lang=en", data={"csrf_token": CSRF, "budget": "1亿", "upload": "f" * 64 + ".xlsx"})
    assert page.status_code == 400 and "upload the application workbook (.xlsx) first" in page.text


# ---------------------------------------------------------------- a run


def upload_scenario(client: TestClient, name: str, content: bytes, **fields: str) -> str:
    """POST /scenarios: where it goes back to, with the scenario file kept (or the reason it was refused)."""
    answer = client.post("/scenarios", data={"csrf_token": CSRF, **fields}, files={"scenario": (name, content)})
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"])


@pytest.mark.parametrize("preset", PRESETS, ids=[p.stem for p in PRESETS])
def test_a_scenario_file_fills_the_form_as_its_preset_does(client: TestClient, stored: str, preset: Path) -> None:
    back = upload_scenario(client, f"方案-{preset.name}", preset.read_bytes(), upload=stored)
    assert back.startswith(f"/new?upload={stored}&scenario=") and back.endswith(".toml")
    page = client.get(f"{back}&lang=en").text
    assert form_of_page(page) == form_of_page(client.get(f"/new?upload={stored}&preset={preset.stem}").text)
    assert f"The form is filled in from the scenario file 方案-{preset.name}" in html.unescape(page)
    assert 'id="scenario-file-problems"' not in page


def test_a_scenario_file_run_is_the_command_lines(client: TestClient, stored: str, tmp_path: Path) -> None:
    scenario = tmp_path / "情景.toml"
    scenario.write_text('name = "a planner\'s file"\nyear = 2026\nbudget = "1.2亿"\nreserve = "300万"\n'
                        'min_funding_ratio = 0.5\n[districts]\nmax_share = 0.25\n[weights]\n"7" = 1.2\n',
                        encoding="utf-8")
    fields = form_of_page(client.get(upload_scenario(client, scenario.name, scenario.read_bytes(),
                                                     upload=stored)).text)
    answer = client.post("/runs", data={**fields, "csrf_token": CSRF, "report_lang": "zh"})
    assert answer.status_code == 303, answer.text
    run = answer.headers["location"].removeprefix("/runs/")
    assert 'data-status="done"' in wait_page(client, f"/runs/{run}")
    theirs = cli_allocate(tmp_path / "cli", SAMPLE, "--scenario", str(scenario)) / "allocation.csv"
    assert client.get(f"/api/runs/{run}/files/allocation.csv").content == theirs.read_bytes()


def test_a_scenario_files_mistakes_are_named_by_its_keys(client: TestClient) -> None:
    content = 'name = "x"\nbudget = "2亿"\n[districts]\nmax_shar = 0.2\n'.encode()
    back = upload_scenario(client, "bad.toml", content, back="/stability")
    page = html.unescape(client.get(f"{back}&lang=en").text)
    assert "The scenario file bad.toml has these problems" in page
    assert "bad.toml: districts.max_shar: unknown key (known: max_share)" in page
    assert 'name="budget" id="f-budget" value="2亿"' in page  # what could be read is in the stability run's form
    back = upload_scenario(client, "broken.toml", "budget = 2亿\n".encode())
    broken = html.unescape(client.get(f"{back}&lang=en").text)
    assert "broken.toml: not a valid TOML file (Expected newline or end of document after a statement" in broken
    assert 'budget = "2亿"' in broken and "The form is filled in" not in broken
    too_large = upload_scenario(client, "big.toml", b"#" * (256 * 1024 + 1), back="/elsewhere", upload="../x")
    assert too_large == "/new?scenario_refused=too_large"
    assert "The scenario file is larger than 256 KB" in client.get(f"{too_large}&lang=en").text


def test_a_run_from_the_form_is_the_command_lines(client: TestClient, data: Path, done: str, tmp_path: Path) -> None:
    scenario = next(p for p in (data / "inputs").glob("*.toml") if "budget = \"1.5亿\"" in p.read_text("utf-8"))
    ours = client.get(f"/api/runs/{done}/files/allocation.csv").content
    theirs = cli_allocate(tmp_path / "cli", SAMPLE, "--scenario", str(scenario)) / "allocation.csv"
    assert ours == theirs.read_bytes()


def test_the_run_page(client: TestClient, done: str) -> None:
    page = client.get(f"/runs/{done}?lang=en").text
    for name in ("allocation-csv", "allocation-xlsx", "manifest-json", "report-html"):
        assert f'id="download-{name}"' in page
    assert 'id="binding"' in page and "budget" in page
    assert f'<iframe id="report" class="report" src="/api/runs/{done}/files/report.html" sandbox="allow-scripts"' in (
        page)
    assert 'id="audit-link"' in page and 'id="verify-link"' in page and 'id="sweep-link"' in page
    # folded, as report.html's other notes (an officer's review: "Warnings: 3" beside the serious ones)
    assert "<summary>Other notes (3)</summary>" in page and 'id="warnings-table"' in page
    assert '<th>Note</th>' in page[page.index('id="warnings-table"'):]


def solver_fact(page: str) -> str:
    """What a run's facts say under 求解器 (Solver)."""
    found = re.search(r'<dd id="run-solver">([^<]*)</dd>', page)
    assert found is not None
    return html.unescape(found.group(1))


def test_the_run_page_names_the_solver_as_its_files_do(client: TestClient, data: Path, done: str,
                                                       tmp_path: Path) -> None:
    """An officer's review: every page said `求解器 highs`, a code word, where manifest.json, allocation.xlsx and
    report.html say `HiGHS 1.16.0`. A finished run's page says the solver as its files do; a run whose manifest does
    not say it (a folder from before, or damaged), the solver asked for, in the form's words."""
    manifest = json.loads(client.get(f"/api/runs/{done}/files/manifest.json", headers=BEARER).content)
    used = manifest["solver"]["version"]
    assert re.fullmatch(r"HiGHS \d+\.\d+\.\d+", used)
    assert solver_fact(client.get(f"/runs/{done}?lang=zh").text) == solver_fact(
        client.get(f"/runs/{done}?lang=en").text) == used
    book = write_rows(tmp_path / "one.xlsx", [row(application_id="A-1", credit_code=code(1))])
    answer = client.post("/runs", data={"csrf_token": CSRF, "upload": upload(client, book), "budget": "1亿",
                                        "solver": "cbc", "report_lang": "en"})
    run = answer.headers["location"].removeprefix("/runs/")
    assert 'data-status="done"' in wait_page(client, f"/runs/{run}")
    assert re.fullmatch(r"CBC \d+\.\d+\.\d+.*", solver_fact(client.get(f"/runs/{run}?lang=zh").text))
    written = data / "runs" / run / "manifest.json"
    recorded = json.loads(written.read_text(encoding="utf-8"))
    del recorded["solver"]["version"]
    written.write_text(json.dumps(recorded), encoding="utf-8")
    assert solver_fact(client.get(f"/runs/{run}?lang=zh").text) == "CBC"


def test_one_applications_outcome(client: TestClient, done: str) -> None:
    page = client.get(f"/runs/{done}?q=2026-0061&lang=en").text
    match = page[page.index('id="matches"'):]
    assert "2026-0061" in match and "7a" in match
    assert match.count('<tr id="match-') == 1
    nothing = client.get(f"/runs/{done}?q=no-such-application&lang=en").text
    assert "Nothing found for “no-such-application”." in nothing
    by_name = client.get(f"/runs/{done}?q=有限公司").text
    assert by_name.count('<tr id="match-') == 50 and 'id="matches"' in by_name


def test_an_invalid_run_shows_its_problems(client: TestClient, tmp_path: Path) -> None:
    book = write_rows(tmp_path / "bad.xlsx", [row(application_id="A-1", credit_code=code(1), score=140)])
    stored = upload(client, book)
    form = {"csrf_token": CSRF, "upload": stored, "budget": "1亿", "report_lang": "en"}
    assert client.post("/runs", data=form).status_code == 400  # a 数据有误 run only when meant (仍然运行)
    answer = client.post("/runs", data={**form, "confirm_invalid": "1"})
    page = wait_page(client, answer.headers["location"] + "?lang=en")
    assert 'data-status="invalid"' in page and "must be between 0 and 100, found 140" in page


def test_a_new_run_from_a_run_keeps_how_it_was_run(client: TestClient, tmp_path: Path) -> None:
    """以此为基础新建分配 filled in the scenario but dropped 跳过有误的行, the solver and the outputs' language: the
    "same" run of a workbook with a bad row came back 数据有误."""
    book = write_rows(tmp_path / "one_bad.xlsx", [row(application_id="A-1", credit_code=code(1)),
                                                   row(application_id="A-2", credit_code=code(2), score=140)])
    answer = client.post("/runs", data={"csrf_token": CSRF, "upload": upload(client, book), "budget": "1亿",
                                        "skip_invalid": "1", "solver": "cbc", "report_lang": "en"})
    run = answer.headers["location"].removeprefix("/runs/")
    assert 'data-status="done"' in wait_page(client, f"/runs/{run}")
    page = client.get(f"/new?from={run}").text
    assert form_of_page(page)["solver"] == "cbc" and form_of_page(page)["report_lang"] == "en"
    assert re.search(r'<input type="checkbox" name="skip_invalid" id="f-skip" value="1" checked>', page)


def carried_of_page(page: str) -> str:
    """The scenario form the upload form carries, as the page fills it in (its hidden field)."""
    found = re.search(r'<input type="hidden" name="carried" id="carried" value="([^"]*)"', page)
    assert found is not None
    return html.unescape(found.group(1))


def upload_carrying(client: TestClient, carried: str, path: Path = SAMPLE) -> object:
    return client.post("/uploads", data={"csrf_token": CSRF, "carried": carried},
                       files={"workbook": (path.name, path.read_bytes())})


def test_an_upload_keeps_the_scenario_of_the_run_it_started_from(client: TestClient, done: str,
                                                                 tmp_path: Path) -> None:
    """The second round: 以此为基础新建分配, then the new workbook uploaded — the form came back empty, and a
    scenario that was no preset had to be typed again."""
    before = client.get(f"/new?from={done}").text
    carried = carried_of_page(before)
    assert "budget=1.5%E4%BA%BF" in carried and "district_max_share=0.2" in carried  # the run's scenario
    second = write_rows(tmp_path / "第二批.xlsx", [row(application_id="2026-B001", credit_code=code(1))])
    answer = upload_carrying(client, carried, second)
    assert answer.status_code == 303  # type: ignore[attr-defined]
    location = answer.headers["location"]  # type: ignore[attr-defined]
    assert location.startswith("/new?upload=") and "&kept=" in location
    after = client.get(location).text
    assert 'id="uploaded"' in after and "第二批.xlsx" in after
    kept, was = form_of_page(after), form_of_page(before)
    assert kept.pop("upload") != was.pop("upload")  # the new workbook, the run's scenario
    assert kept == was and kept["budget"] == "1.5亿" and kept["district_max_share"] == "0.2"
    assert kept["report_lang"] == "zh"


def test_an_upload_keeps_what_was_typed_and_trusts_it_no_more_than_the_form(client: TestClient) -> None:
    """What the page's script carries (the form as typed, mistakes and all) comes back in the form, checked only
    when it is run; names the form does not have are dropped."""
    typed = "name=第二批&year=明年&budget=2亿&weight_4=1.5&envelope_0_name=人工智能赋能&envelope_0_max=3000万" \
            "&solver=cbc&skip_invalid=1&evil=1&upload=../../etc/passwd"
    answer = upload_carrying(client, typed)
    location = answer.headers["location"]  # type: ignore[attr-defined]
    assert "evil" not in location and "passwd" not in location
    page = client.get(location).text
    fields = form_of_page(page)
    assert (fields["name"], fields["year"], fields["budget"], fields["weight_4"]) == ("第二批", "明年", "2亿", "1.5")
    assert (fields["envelope_0_name"], fields["envelope_0_max"], fields["solver"]) == ("人工智能赋能", "3000万", "cbc")
    assert re.search(r'<input type="checkbox" name="skip_invalid" id="f-skip" value="1" checked>', page)
    assert "evil" not in page and "passwd" not in page
    ran = client.post("/runs", data={**fields, "csrf_token": CSRF})  # the year typed as 明年 is said when run
    assert ran.status_code == 400 and "明年" in html.unescape(ran.text)
    # a finance officer's review: 2026年 was refused as no year; 30 for a share was only "outside 0–1"
    clean = {**fields, "envelope_0_name": "", "envelope_0_max": "", "csrf_token": CSRF}  # an envelope of no clause
    assert client.post("/runs", data={**clean, "year": "2026年"}).status_code == 303
    share = client.post("/runs?lang=zh", data={**clean, "year": "2026", "district_max_share": "30"})
    assert share.status_code == 400 and "是否应为 30%（即 0.3）？" in html.unescape(share.text)
    assert upload_carrying(client, "&".join(f"f{i}=1" for i in range(500))).status_code == 303  # no form: dropped
    nothing = upload_carrying(client, "")
    assert "kept=" not in nothing.headers["location"]  # type: ignore[attr-defined]


def test_a_refused_upload_keeps_the_scenario_too(client: TestClient, done: str) -> None:
    carried = carried_of_page(client.get(f"/new?from={done}").text)
    refused = client.post("/uploads", data={"csrf_token": CSRF, "carried": carried},
                          files={"workbook": ("bad.xlsx", b"not a workbook")})
    assert refused.status_code == 400 and 'id="refusal"' in refused.text
    assert form_of_page(refused.text)["budget"] == "1.5亿"
    assert carried_of_page(refused.text) == carried  # and carried again by the next upload


def test_a_runs_files_are_saved_under_names_that_tell_the_rounds_apart(client: TestClient, data: Path,
                                                                       done: str) -> None:
    """Every round's files were saved as allocation.xlsx, notice.xlsx, …: `allocation (1).xlsx` in a downloads
    folder. They are saved as the run's id and what they are; on disk they keep their names."""
    for name, zh, en in [("allocation.xlsx", "分配结果.xlsx", "allocation.xlsx"),
                         ("allocation.csv", "分配结果.csv", "allocation.csv"),
                         ("manifest.json", "复核清单.json", "manifest.json")]:
        answer = client.get(f"/api/runs/{done}/files/{name}?lang=zh")
        assert answer.status_code == 200
        assert answer.headers["content-disposition"] == (
            f'attachment; filename="{done}-{en}"; filename*=UTF-8\'\'{done}-{quote(zh)}')
        assert answer.content == (data / "runs" / done / name).read_bytes()
        english = client.get(f"/api/runs/{done}/files/{name}?lang=en").headers["content-disposition"]
        assert english.endswith(f"filename*=UTF-8''{done}-{en}")
    report = client.get(f"/api/runs/{done}/files/report.html?lang=zh")
    assert report.headers["content-disposition"].startswith(f'inline; filename="{done}-report.html"')  # shown
    assert report.headers["content-security-policy"] == REPORT_POLICY
    page = client.get(f"/runs/{done}?lang=zh").text
    assert f'id="download-allocation-xlsx" download="{done}-分配结果.xlsx"' in page
    on_disk = {p.name for p in (data / "runs" / done).iterdir()}
    assert {"allocation.csv", "allocation.xlsx", "manifest.json", "report.html"} <= on_disk
    assert not any(done in name for name in on_disk)


def test_unknown_runs(client: TestClient) -> None:
    for path in ("/runs/nope", "/runs/20260101-000000-abcdef", "/runs/20260101-000000-abcdef/audit",
                 "/runs/20260101-000000-abcdef/verify", "/sweeps/20260101-000000-abcdef"):
        assert client.get(path).status_code == 404, path


# ---------------------------------------------------------------- the language


def test_chinese_by_default_english_on_request_and_remembered(client: TestClient) -> None:
    client.cookies.delete("budgetopt_lang")
    assert '<html lang="zh-CN">' in client.get("/").text
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.text and "budgetopt_lang=en" in english.headers["set-cookie"]
    assert '<html lang="en">' in client.get("/new").text
    assert 'href="/new?lang=zh"' in client.get("/new").text
    assert '<html lang="zh-CN">' in client.get("/?lang=zh").text
    assert '<html lang="zh-CN">' in client.get("/new").text


def test_every_page_in_both_languages(client: TestClient, done: str) -> None:
    for path in ("/", "/?archived=1", "/?year=2026", "/?year=none&archived=1", "/new?preset=scenario_2026",
                 f"/runs/{done}", "/sweeps", f"/runs/{done}/audit", f"/runs/{done}/verify", "/compare"):
        zh, en = client.get(f"{path}{'&' if '?' in path else '?'}lang=zh"), client.get(
            f"{path}{'&' if '?' in path else '?'}lang=en")
        assert zh.status_code == en.status_code == 200, path
        assert zh.text != en.text and "web." not in zh.text and "web." not in en.text, path


# ---------------------------------------------------------------- sweeps, comparisons, audits, verification


def test_a_sweep(client: TestClient, done: str) -> None:
    picker = client.get(f"/sweeps?run={done}").text
    assert f'<option value="{done}" selected' in picker  # named by scenario · budget · time, as the goal form does
    assert re.search(rf'<option value="{done}" selected title="{done} · [^"]+">'
                     r'(2026年基准方案（已修改）|2026 base case \(modified\)) · 1.5亿元? · '
                     r'\d\d-\d\d \d\d:\d\d</option>', picker)
    answer = client.post("/sweeps", data={"csrf_token": CSRF, "run": done, "start": "5000万", "stop": "2亿",
                                          "steps": "4"})
    assert answer.status_code == 303
    location = answer.headers["location"]
    page = wait_page(client, location + "?lang=en")
    assert 'data-status="done"' in page and page.count("<tr>") >= 4
    sweep = location.removeprefix("/sweeps/")
    assert 'id="sweep-report"' in page
    html = client.get(f"/sweeps/{sweep}/files/sweep.html")
    assert html.status_code == 200 and html.headers["content-security-policy"] == REPORT_POLICY
    csv = client.get(f"/sweeps/{sweep}/files/sweep.csv?lang=en")
    assert csv.status_code == 200 and csv.headers["content-disposition"] == (
        f'attachment; filename="{sweep}-sweep.csv"; filename*=UTF-8\'\'{sweep}-sweep.csv')
    assert f'id="download-sweep-xlsx" download="{sweep}-sweep.xlsx"' in page
    assert f'download="{sweep}-预算测算.xlsx"' in client.get(location + "?lang=zh").text
    assert client.get(f"/sweeps/{sweep}/files/runs.sqlite").status_code == 404
    assert sweep in client.get("/sweeps").text
    assert client.get(f"/api/runs/{sweep}", headers=BEARER).status_code == 404  # a sweep is not an allocation


def test_a_sweep_with_mistakes(client: TestClient, done: str) -> None:
    for form in ({"run": done, "start": "2亿", "stop": "1亿", "steps": "3"},
                 {"run": done, "start": "5000万", "stop": "2亿", "steps": "400"},
                 {"run": done, "start": "5000万", "stop": "2亿", "steps": "²"},  # isdigit() but no int(): was a 500
                 {"run": done, "start": "3000", "stop": "2亿", "steps": "3"},
                 {"run": "nope", "start": "5000万", "stop": "2亿", "steps": "3"}):
        assert client.post("/sweeps", data={"csrf_token": CSRF, **form}).status_code == 400, form


def test_a_sweeps_mistakes_name_its_fields_by_their_labels(client: TestClient, done: str) -> None:
    """`start：“abc”不是金额`, `start：“”不是金额`: the form's field names, not the code's."""
    for form, said in (({"start": "abc", "stop": "2亿"}, "最低预算：“abc”不是金额"),
                       ({"start": "", "stop": ""}, "请填写最低预算</li><li>请填写最高预算")):
        answer = client.post("/sweeps?lang=zh", data={"csrf_token": CSRF, "run": done, "steps": "3", **form})
        assert answer.status_code == 400 and said in html.unescape(answer.text), answer.text


@pytest.mark.parametrize(("typed", "said"), [
    ({"min_funding_ratio": "1.5"}, "最低资助比例（获资助者至少得到核定额的这一比例）：1.5 超出 0–1 的范围"),
    ({"district_max_share": "200%"}, "单个区县最多占可分配额的比例：2.0 超出 0–1 的范围"),
    ({"weight_4": "-1"}, "第4条的权重：-1 不是权重（须为不小于 0 的数）"),
    ({"envelope_0_name": "人工智能赋能", "envelope_0_clauses": "3, 99"},
     "专项额度“人工智能赋能”的条款（逗号分隔）：未知的条款编号“99”"),
    ({"envelope_0_clauses": "3", "envelope_0_max": "x"}, "第1项专项额度的上限金额：“x”不是金额"),
    ({"reserve": "3亿"}, "预留资金 3亿元高于年度预算 2亿元"),
    ({"budget": ""}, "请填写年度预算"),
])
def test_a_forms_mistakes_name_its_fields_by_their_labels(client: TestClient, stored: str, typed: dict[str, str],
                                                          said: str) -> None:
    """`scenario：districts.max_share：2.0 超出…`, `scenario：weights.4：…`, `envelopes[1] (人工智能赋能).clauses`: the
    keys of a scenario file, on a form that has none."""
    answer = client.post("/runs?lang=zh", data={"csrf_token": CSRF, "upload": stored, "budget": "2亿", **typed})
    text = html.unescape(answer.text)
    assert answer.status_code == 400 and said in text and "scenario：" not in text


def test_two_runs_compared(client: TestClient, done: str, stored: str) -> None:
    fields = form_of_page(client.get(f"/new?upload={stored}&preset=scenario_2026_plain").text)
    answer = client.post("/runs", data={**fields, "csrf_token": CSRF})
    other = answer.headers["location"].removeprefix("/runs/")
    wait_page(client, f"/runs/{other}")
    page = client.get(f"/compare?run={done}&run={other}&lang=en")
    assert page.status_code == 200 and 'id="compare-totals"' in page.text and 'id="differences"' in page.text
    # the two runs weigh the clauses differently: their objectives are not set against each other (a planner read
    # the difference as "B is better")
    apart = re.search(r'<p class="caution" id="objective-apart">([^<]*)</p>', html.unescape(page.text))
    assert apart is not None and "weight" in apart.group(1)
    objective = re.search(r"<tr><th>Objective[^<]*</th>(.*?)</tr>", page.text)
    assert objective is not None and objective.group(1).endswith('<td class="num">—</td>')
    # … both are valued under A's weights instead, and the difference is said in A's budget
    valued = re.search(r"<tr><th>Objective under A&#39;s weights</th>(.*?)</tr>", page.text)
    assert valued is not None and valued.group(1).count('<td class="num">') == 3
    said = re.search(r'<p class="lead" id="valuation"><strong>([^<]*)</strong></p>', html.unescape(page.text))
    assert said is not None and said.group(1).startswith("Measured by A's clause weights, B's list achieves ")
    assert "A's budget by " in said.group(1)
    # A is the run made first; two made within the same second are in either order
    folder = re.search(r'href="(/compare/[^"]*/files/)compare.html\?lang=en" id="open-compare"', page.text)
    assert folder is not None and folder.group(1) in (f"/compare/{done}/{other}/files/",
                                                      f"/compare/{other}/{done}/files/")
    report = client.get(f"{folder.group(1)}compare.html?lang=en")
    assert report.status_code == 200 and report.headers["content-security-policy"] == REPORT_POLICY
    workbook = client.get(f"{folder.group(1)}compare.xlsx?lang=en")
    pair = folder.group(1).removeprefix("/compare/").removesuffix("/files/").replace("/", "_")
    assert workbook.status_code == 200 and workbook.headers["content-disposition"].startswith(
        f'attachment; filename="{pair}-compare.xlsx"')
    assert f'download="{pair}-compare.xlsx"' in page.text
    assert client.get(f"{folder.group(1)}compare.xlsx?lang=zh").status_code == 404  # not made yet
    assert client.get(f"/compare?run={done}").status_code == 400
    assert client.get("/compare?run=a&run=b").status_code == 400


def test_an_audit_of_the_runs_own_allocation_and_an_edited_one(client: TestClient, done: str) -> None:
    csv = client.get(f"/api/runs/{done}/files/allocation.csv").content
    page = client.post(f"/runs/{done}/audit?lang=en", data={"csrf_token": CSRF},
                       files={"allocation": ("分配结果.csv", csv)})
    assert page.status_code == 200 and 'class="ok" id="audit-verdict"' in page.text
    assert "分配结果.csv" in page.text and 'id="audit-distance"' in page.text
    assert "sample_applications.xlsx" in page.text  # the files as the officer named them
    lines = csv.decode("utf-8-sig").splitlines()
    first = lines[1].split(",")
    first[7] = str(int(first[6]) * 3 or 1_000_000)  # allocated above the entitlement
    edited = "\n".join([lines[0], ",".join(first), *lines[2:]]).encode("utf-8-sig")
    page = client.post(f"/runs/{done}/audit?lang=en", data={"csrf_token": CSRF},
                       files={"allocation": ("edited.csv", edited)})
    assert 'class="bad" id="audit-verdict"' in page.text and 'id="violations"' in page.text
    refused = client.post(f"/runs/{done}/audit", data={"csrf_token": CSRF},
                          files={"allocation": ("edited.txt", edited)})
    assert refused.status_code == 400


def test_verify_a_run(client: TestClient, done: str) -> None:
    assert 'id="verify-button"' in client.get(f"/runs/{done}/verify").text
    page = client.post(f"/runs/{done}/verify?lang=en", data={"csrf_token": CSRF})
    assert page.status_code == 200 and 'class="ok" id="verify-headline"' in page.text
    assert f"{done}/manifest.json" in page.text


def test_the_policys_clauses_as_budgetopt_policy_lists_them(client: TestClient) -> None:
    from optimizer.report.console import clause_rows

    page = client.get("/policy?lang=zh").text
    policy = load_policy()
    for listed in clause_rows(policy, "zh"):
        cells = re.search(rf'<tr id="clause-{listed[0]}">(.*?)</tr>', page, re.S)
        assert cells is not None, listed[0]
        assert html.escape(policy.clauses[listed[0]].source, quote=False) in cells.group(1)
        shown = [re.sub(r"<details>.*</details>", "", cell, flags=re.S) for cell in
                 re.findall(r"<td[^>]*>(.*?)</td>", cells.group(1), re.S)]
        assert [html.unescape(cell) for cell in shown] == listed
    assert "Sub-sector industry brain" in client.get("/policy?lang=en").text


def test_the_presets_are_the_shipped_scenarios() -> None:
    shipped = presets()
    assert sorted(shipped) == [p.stem for p in PRESETS]
    for preset in shipped.values():
        assert preset.path.read_bytes() == (ROOT / "data" / preset.path.name).read_bytes()


def test_the_forms_solvers_are_named_as_the_files_name_them(client: TestClient) -> None:
    """An officer's review: the form offered `highs / cbc / auto`, code words; the values stay."""
    for lang, auto in (("zh", "自动选择"), ("en", "Automatic")):
        page = client.get(f"/new?lang={lang}").text
        start = page.index('<select name="solver"')
        body = page[start:page.index("</select>", start)]
        assert re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', body) == [
            ("highs", "HiGHS"), ("cbc", "CBC"), ("auto", auto)]
