"""`budgetopt allocate`: the outputs, their determinism, the golden sample run, and the exit codes."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from clirun import run
from helpers import EN_HEADERS, ROOT, row, write_rows
from hypothesis import given
from hypothesis import strategies as st

import optimizer
from optimizer.cli import cli
from optimizer.report.allocation_csv import inert, inert_column

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"
GOLDEN = ROOT / "tests" / "golden" / "sample_allocation.csv"
OUTPUTS = {"allocation.csv", "allocation.xlsx", "manifest.json", "report.html"}


def run_en(*args: object) -> tuple[int, str, str]:
    """The command line with BUDGETOPT_LANG=en: every sentence in English."""
    result = CliRunner(env={"BUDGETOPT_LANG": "en"}).invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    code, _, err = run("allocate", SAMPLE, "--scenario", SCENARIO, "--out", out)
    assert code == 0, err
    return out


def test_the_sample_run_writes_the_four_outputs_and_a_summary(tmp_path: Path) -> None:
    code, out, _ = run("allocate", SAMPLE, "--scenario", SCENARIO, "--out", tmp_path / "run")
    assert code == 0
    assert {p.name for p in (tmp_path / "run").iterdir() if not p.name.startswith(".")} == OUTPUTS
    labels = ("年度预算", "已分配", "未分配", "全额资助", "部分资助", "未获资助", "不符合条件", "重复申报", "目标值",
              "已证明最优", f"输出：{tmp_path / 'run'}/（")
    for label in labels:
        assert label in out


def test_the_sample_allocation_is_the_golden_one(sample_run: Path) -> None:
    assert (sample_run / "allocation.csv").read_bytes() == GOLDEN.read_bytes()


def test_the_csv_is_utf8_with_bom_one_row_per_input_row_in_order(sample_run: Path) -> None:
    data = (sample_run / "allocation.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == ["application_id", "applicant", "credit_code", "district", "clause", "score",
                             "entitlement", "allocated", "status", "reason"]
    ids = [r["application_id"] for r in rows]
    assert ids == sorted(ids) and len(ids) == 434  # the sample's ids follow its rows
    assert {r["status"] for r in rows} == {"FUNDED", "PARTIAL", "UNFUNDED", "INELIGIBLE", "DUPLICATE"}
    assert all(r["reason"] for r in rows)
    assert sum(int(r["allocated"]) for r in rows) <= 195_000_000


def test_reruns_are_byte_identical_but_for_the_time(tmp_path: Path, sample_run: Path) -> None:
    run("allocate", SAMPLE, "--scenario", SCENARIO, "--out", tmp_path)
    for name in ("allocation.csv", "allocation.xlsx", "report.html"):
        assert (tmp_path / name).read_bytes() == (sample_run / name).read_bytes(), name
    first, second = (json.loads((d / "manifest.json").read_text(encoding="utf-8")) for d in (sample_run, tmp_path))
    del first["time"], second["time"]
    assert first == second


def test_either_solver_gives_the_same_allocation(tmp_path: Path, sample_run: Path) -> None:
    code, _, err = run("allocate", SAMPLE, "--scenario", SCENARIO, "--out", tmp_path, "--solver", "cbc")
    assert code == 0, err
    assert (tmp_path / "allocation.csv").read_bytes() == (sample_run / "allocation.csv").read_bytes()


def test_rows_in_any_order_give_the_same_allocation(tmp_path: Path, sample_run: Path) -> None:
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book["申报项目"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    random.Random(7).shuffle(rows)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            sheet.cell(row=r, column=c).value = value  # cell(..., value=None) would keep the old value
    shuffled = tmp_path / "shuffled.xlsx"
    book.save(shuffled)
    code, _, err = run("allocate", shuffled, "--scenario", SCENARIO, "--out", tmp_path / "out")
    assert code == 0, err
    lines = (tmp_path / "out" / "allocation.csv").read_text(encoding="utf-8-sig").splitlines()
    golden = (sample_run / "allocation.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == golden[0] and sorted(lines[1:]) == sorted(golden[1:])


def test_the_workbook_output_opens_with_its_sheets(sample_run: Path) -> None:
    book = openpyxl.load_workbook(sample_run / "allocation.xlsx")
    # the sample has warnings: 提示 beside the allocation
    assert book.sheetnames == ["分配结果", "提示", "按条款", "按篇章", "按区县", "约束", "运行参数"]
    sheet = book["分配结果"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert sheet["I2"].number_format == "#,##0.00##" and sheet.max_row == 435  # 万元, to the yuan
    constraints = book["约束"]
    assert constraints["A1"].value == "限额名称" and constraints["K1"].value == "约束代码"  # the codes last
    names = [c.value for c in constraints["K"][1:]]
    assert "budget" in names and "envelope:人工智能赋能" in names and "district_share:两江新区" in names
    binding = {r[10].value: r[6].value for r in constraints.iter_rows(min_row=2)}
    assert binding["budget"] == "是"


def test_the_manifest_records_what_verify_needs(sample_run: Path) -> None:
    manifest = json.loads((sample_run / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == {"tool", "command", "inputs", "scenario", "solver", "objective", "budget_marginal",
                             "totals", "distribution", "outputs", "time"}
    assert manifest["budget_marginal"] == "83.6"  # what compare says a difference is worth in budget
    assert set(manifest["inputs"]) == {"workbook", "policy", "divisions", "scenario"}
    assert len(manifest["inputs"]["workbook"]["sha256"]) == 64
    assert manifest["solver"]["name"] == "highs" and manifest["solver"]["status"] == "optimal"
    assert manifest["totals"]["budget"] == 200_000_000 and manifest["totals"]["rows"] == 434
    import hashlib
    assert manifest["outputs"]["allocation.csv"]["sha256"] == hashlib.sha256(
        (sample_run / "allocation.csv").read_bytes()).hexdigest()


def test_the_report_is_self_contained(sample_run: Path) -> None:
    html = (sample_run / "report.html").read_text(encoding="utf-8")
    assert "<svg" in html and "年度资金分配结果" in html
    import re
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", html)
    assert "http://" not in html and "https://" not in html


def test_english_labels(tmp_path: Path) -> None:
    code, out, _ = run("allocate", SAMPLE, "--scenario", SCENARIO, "--out", tmp_path, "--lang", "en")
    assert code == 0 and "allocated" in out and "proven optimal" in out
    assert openpyxl.load_workbook(tmp_path / "allocation.xlsx").sheetnames[0] == "Allocation"
    assert "budget ran out" in (tmp_path / "allocation.csv").read_text(encoding="utf-8-sig")


def test_budget_on_the_command_line(tmp_path: Path) -> None:
    code, out, _ = run("allocate", SAMPLE, "--scenario", SCENARIO, "--budget", "1.5亿", "--out", tmp_path)
    assert code == 0 and "150,000,000" in out
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["scenario"]["budget"] == 150_000_000 and manifest["command"]["budget"] == "1.5亿"


def test_the_default_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = write_rows(tmp_path / "申报.xlsx", [row()], EN_HEADERS)
    code, _, err = run("allocate", path, "--budget", "100万")
    assert code == 0, err
    assert {p.name for p in (tmp_path / "reports" / "申报").iterdir() if not p.name.startswith(".")} == OUTPUTS


def test_no_budget_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run_en("allocate", SAMPLE, "--out", tmp_path)
    assert code == 2
    assert err.strip() == "no budget: give --budget or set budget in the scenario file"
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def test_a_bad_budget_option_is_named_as_the_option(tmp_path: Path) -> None:
    code, _, err = run_en("allocate", SAMPLE, "--budget", "12 thousand", "--out", tmp_path)
    assert code == 2
    assert err.strip() == ("--budget: '12 thousand' is not an amount (write e.g. 120000000, 120,000,000, 12000万 "
                           "or 1.2亿)")


def test_a_bad_scenario_and_a_bad_workbook_are_reported_together(tmp_path: Path) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text('budget = "1亿"\nreserve = "lots"\n', encoding="utf-8")
    book = write_rows(tmp_path / "apps.xlsx", [row(score=200)], EN_HEADERS)
    code, out, err = run_en("allocate", book, "--scenario", scenario, "--out", tmp_path / "out")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "s.toml: reserve: 'lots' is not an amount (write e.g. 120000000, 120,000,000, 12000万 or 1.2亿)",
        "apps.xlsx, sheet applications, row 2, column score: must be between 0 and 100, found 200",
        "1 problem(s) in apps.xlsx; nothing was solved or written.",
    ]
    assert not (tmp_path / "out").exists()


def test_an_infeasible_scenario_exits_3_naming_the_conflict(tmp_path: Path) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmin = "500万"\n',
                        encoding="utf-8")
    book = write_rows(tmp_path / "apps.xlsx", [row(clause="3", requested=1_000_000)], EN_HEADERS)
    code, out, err = run_en("allocate", book, "--scenario", scenario, "--out", tmp_path / "out")
    assert code == 3 and out == ""
    assert err.splitlines() == [
        "the scenario is infeasible: its limits cannot all hold; nothing was written.",
        '  envelope "AI" min 500万 cannot be met: at most 100万 of eligible demand; lower it to 100万 or add '
        "applications",
    ]
    assert not (tmp_path / "out").exists()


def test_skip_invalid_allocates_the_rest_and_lists_the_invalid(tmp_path: Path) -> None:
    book = write_rows(tmp_path / "apps.xlsx", [row(), row(application_id="A-002", credit_code="bad")], EN_HEADERS)
    code, _, _ = run("allocate", book, "--budget", "1000万", "--out", tmp_path / "strict")
    assert code == 2
    code, _, err = run("allocate", book, "--budget", "1000万", "--out", tmp_path / "out", "--skip-invalid",
                       "--lang", "en")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "allocation.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["application_id"], r["status"], r["allocated"]) for r in rows] == [
        ("A-001", "FUNDED", "3000000"), ("A-002", "INVALID", "0")]
    assert rows[1]["reason"] == "column credit_code: 'bad' must have 18 characters, found 3"


def test_text_that_looks_like_a_formula_is_made_inert(tmp_path: Path) -> None:
    book = write_rows(tmp_path / "apps.xlsx", [row(applicant="+cmd|' /C calc'!A0", project="@SUM(1)")], EN_HEADERS)
    code, _, err = run("allocate", book, "--budget", "1000万", "--out", tmp_path / "out")
    assert code == 0, err
    text = (tmp_path / "out" / "allocation.csv").read_text(encoding="utf-8-sig")
    assert ",'+cmd|' /C calc'!A0," in text
    sheet = openpyxl.load_workbook(tmp_path / "out" / "allocation.xlsx")["分配结果"]
    assert sheet["C2"].data_type == "s" and sheet["C2"].value == "+cmd|' /C calc'!A0"


@given(st.lists(st.text(alphabet="=+-@\t\r\n\x00'1a.", max_size=5), max_size=8))
def test_a_column_is_made_inert_as_each_of_its_cells_is(texts: list[str]) -> None:
    assert inert_column(texts) == [inert(text) for text in texts]


def test_allocate_help_has_an_example() -> None:
    code, out, _ = run("allocate", "--help")
    assert code == 0 and "示例：" in out and "budgetopt allocate data/sample_applications.xlsx" in out


@pytest.mark.parametrize("seconds", ["nan", "inf", "NaN"])
def test_a_time_limit_that_is_no_number_is_refused(tmp_path: Path, seconds: str) -> None:
    """Click's range let `nan` through: the run solved, and its manifest recorded `NaN`, which verify then read as
    an edited manifest (JSON has no NaN)."""
    code, _, err = run_en("allocate", SAMPLE, "--budget", "1亿", "--time-limit", seconds, "--out", tmp_path)
    assert (code, err.strip().splitlines()[0]) == (2, f"--time-limit: must be a finite number, found {float(seconds)}")
    assert not (tmp_path / "manifest.json").exists()
    with pytest.raises(optimizer.InputError, match="time_limit: the time limit must be a positive number of seconds"):
        optimizer.allocate(SAMPLE, budget="1亿", time_limit=float(seconds))
