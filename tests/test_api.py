"""The library as a notebook uses it: `import optimizer`, DataFrames in and out, the same bytes as the command line,
and one family of errors whose messages never name a command-line option."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from helpers import ROOT, code, row

import optimizer
from optimizer import Infeasible, InputError, SolverError
from optimizer.cli import cli

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"
GOLDEN = ROOT / "tests" / "golden" / "sample_allocation.csv"
OUTPUTS = ("allocation.csv", "allocation.xlsx", "report.html", "manifest.json")


def scenario_dict() -> dict[str, Any]:
    return tomllib.loads(SCENARIO.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli")
    result = CliRunner().invoke(cli, ["allocate", str(SAMPLE), "--scenario", str(SCENARIO), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def test_the_public_names() -> None:
    assert sorted(optimizer.__all__) == sorted(["__version__", *optimizer._PUBLIC])
    for name in optimizer.__all__:
        assert getattr(optimizer, name) is not None
    assert issubclass(InputError, optimizer.BudgetoptError) and issubclass(Infeasible, optimizer.BudgetoptError)
    assert issubclass(SolverError, optimizer.BudgetoptError)
    with pytest.raises(AttributeError):
        optimizer.nothing_of_the_kind  # noqa: B018


def test_every_public_function_is_in_the_table_of_python_api_md_with_its_keywords() -> None:
    """docs/python-api.md's table of calls: every function of `optimizer.__all__`, each argument it takes named."""
    import inspect

    rows = {line.split("`")[1].split("(")[0]: line for line in
            (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8").splitlines() if line.startswith("| `")}
    functions = [name for name in optimizer.__all__ if name[0].islower() and callable(getattr(optimizer, name))]
    assert sorted(rows) == sorted(functions)
    for name in functions:
        for parameter in inspect.signature(getattr(optimizer, name)).parameters:
            assert parameter in rows[name].split("|")[1], f"{name}: {parameter} is not in the table"


def test_pandas_is_imported_only_when_a_frame_is_made() -> None:
    script = ("import sys, optimizer, optimizer.cli\n"
              "r = optimizer.allocate('data/sample_applications.xlsx', budget='1亿')\n"
              "assert 'pandas' not in sys.modules, 'imported early'\n"
              "r.to_frame()\n"
              "assert 'pandas' in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_a_dataframe_and_a_scenario_dict_give_the_command_lines_allocation(cli_run: Path) -> None:
    frame = pd.read_excel(SAMPLE, sheet_name="申报项目", engine="openpyxl")
    result = optimizer.allocate(frame, scenario_dict())
    assert result.to_frame().equals(pd.read_csv(cli_run / "allocation.csv", encoding="utf-8-sig"))
    assert result.to_frame().equals(optimizer.allocate(SAMPLE, SCENARIO).to_frame())
    assert [a.application_id for a in result.awards][:2] == ["2026-0001", "2026-0002"]


def test_records_read_as_the_workbook_reads_its_rows() -> None:
    frame = pd.read_excel(SAMPLE, sheet_name="申报项目", engine="openpyxl")
    records = frame.to_dict("records")
    from_records = optimizer.read_applications(records)
    from_file = optimizer.read_applications(SAMPLE)
    assert from_records.valid == from_file.valid
    assert (from_records.source, from_records.sheet, from_file.source) == ("records", None, "sample_applications.xlsx")


def test_write_gives_the_command_lines_bytes(tmp_path: Path, cli_run: Path, sample: optimizer.Allocation) -> None:
    files = sample.write(tmp_path)
    assert [p.name for p in files] == list(OUTPUTS)
    for name in ("allocation.csv", "allocation.xlsx", "report.html"):
        assert (tmp_path / name).read_bytes() == (cli_run / name).read_bytes(), name
    assert (tmp_path / "allocation.csv").read_bytes() == GOLDEN.read_bytes()
    ours, theirs = (json.loads((folder / "manifest.json").read_text(encoding="utf-8")) for folder in (tmp_path,
                                                                                                     cli_run))
    del ours["time"], theirs["time"]
    assert ours == {**theirs, "inputs": ours["inputs"]}
    assert {role: i["sha256"] for role, i in ours["inputs"].items()} == {
        role: i["sha256"] for role, i in theirs["inputs"].items()}  # the paths are relative to each folder


def test_the_frame_has_the_csvs_columns_and_types(sample: optimizer.Allocation) -> None:
    frame = sample.to_frame(lang="en")
    assert list(frame.columns) == ["application_id", "applicant", "credit_code", "district", "clause", "score",
                                   "entitlement", "allocated", "status", "reason"]
    assert str(frame["allocated"].dtype) == "int64" and int(frame["allocated"].sum()) == sample.allocated
    assert frame.loc[0, "reason"].startswith("fixed award of 500,000")


def test_a_bad_row_names_its_row_and_column() -> None:
    rows = [row(application_id="A-1"), row(application_id="A-2", score=140, credit_code=code(2))]
    with pytest.raises(InputError) as caught:
        optimizer.allocate(pd.DataFrame(rows), budget="1亿")
    [problem] = caught.value.problems
    assert (problem.file, problem.sheet, problem.row, problem.column) == ("DataFrame", None, 3, "score")
    assert str(problem) == "DataFrame, row 3, column score: must be between 0 and 100, found 140"
    skipped = optimizer.allocate(pd.DataFrame(rows), budget="1亿", skip_invalid=True)
    assert [a.status.value for a in skipped.awards] == ["FUNDED", "INVALID"]


def test_an_impossible_floor_is_infeasible_in_the_scenarios_words() -> None:
    settings = {**scenario_dict(), "envelopes": [{"name": "绿色制造", "clauses": ["13", "14"], "min": "1.5亿"}]}
    with pytest.raises(Infeasible) as caught:
        optimizer.allocate(SAMPLE, settings)
    assert caught.value.conflicts and all("绿色制造" in c for c in caught.value.conflicts)
    assert "min 1.5亿" in caught.value.conflicts[0]


def test_an_unknown_solver_or_a_bad_time_limit_is_an_input_error_named_with_the_others() -> None:
    """A ValueError in English before (`unknown solver 'gurobi'`), not one of the library's errors, and after the
    budget's problem had been raised alone."""
    with pytest.raises(optimizer.InputError) as caught:
        optimizer.allocate(SAMPLE, SCENARIO, budget="abc", solver="gurobi", time_limit=float("nan"))
    assert [p.text("en") for p in caught.value.problems] == [
        "budget: 'abc' is not an amount (write e.g. 120000000, 120,000,000, 12000万 or 1.2亿)",
        "solver: the solver must be one of highs, cbc, auto, not 'gurobi'",
        "time_limit: the time limit must be a positive number of seconds, not nan"]
    assert caught.value.problems[1].text("zh") == "solver：求解器应为 highs、cbc、auto 之一，给出的是 “gurobi”"
    for job in (lambda: optimizer.sweep(SAMPLE, SCENARIO, levels=["1亿"], solver="glpk"),
                lambda: optimizer.stability(SAMPLE, SCENARIO, draws=1, sigma=1, seed=1, solver="glpk")):
        with pytest.raises(optimizer.InputError, match="solver: the solver must be one of"):
            job()


def test_a_scenario_dict_is_checked_like_a_file() -> None:
    with pytest.raises(InputError) as caught:
        optimizer.load_scenario({"budget": "1亿", "reserve": -5, "colour": "red"})
    assert [str(p) for p in caught.value.problems] == [
        "scenario: unknown key 'colour' (known: name, year, budget, reserve, fixed_awards, min_funding_ratio, "
        "rounding, weights, envelopes, districts, applicants, groups)",
        "scenario: reserve: -5 is negative"]
    assert optimizer.load_scenario(None, budget="1.2亿").available == 120_000_000


def test_library_messages_name_no_command_line_option(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        optimizer.load_scenario(None)
    assert str(caught.value) == "no budget: give a budget or set budget in the scenario"
    with pytest.raises(SolverError) as stopped:
        optimizer.allocate(SAMPLE, SCENARIO, time_limit=1e-9)
    assert str(stopped.value).endswith("nothing was written (raise time_limit)")
    big = tmp_path / "big.xlsx"
    big.write_bytes(SAMPLE.read_bytes())
    with pytest.raises(InputError) as refused:
        optimizer.read_applications(big, limits=optimizer.FileLimits(max_file_bytes=1000))
    assert str(refused.value).endswith("or raise the limit (FileLimits.max_file_bytes)")
    for error in (caught.value, stopped.value, refused.value):
        assert "--" not in str(error)


def test_a_sweep_to_a_frame_and_files(tmp_path: Path) -> None:
    result = optimizer.sweep(SAMPLE, SCENARIO, levels=["1亿", "150,000,000", "2亿"], workers=1)
    frame = result.to_frame()
    assert list(frame["budget"]) == [100_000_000, 150_000_000, 200_000_000]
    assert list(frame["objective"]) == sorted(frame["objective"])
    result.write(tmp_path)
    assert frame.equals(pd.read_csv(tmp_path / "sweep.csv", encoding="utf-8-sig"))
    with pytest.raises(InputError, match="levels: 'lots' is not an amount"):
        optimizer.sweep(SAMPLE, SCENARIO, levels=["lots"])


def test_compare_two_allocations_or_their_folders(tmp_path: Path, sample: optimizer.Allocation) -> None:
    plain = optimizer.allocate(SAMPLE, ROOT / "data" / "scenario_2026_plain.toml")
    frame = optimizer.compare(sample, plain).to_frame()
    assert len(frame) > 0 and set(frame["change"]) == {"changed"}
    assert (frame["difference"] == frame["allocated_b"] - frame["allocated_a"]).all()
    sample.write(tmp_path / "a")
    plain.write(tmp_path / "b")
    assert optimizer.compare(tmp_path / "a", tmp_path / "b").to_frame().equals(frame)


def test_audit_a_frame(sample: optimizer.Allocation) -> None:
    frame = sample.to_frame()
    fine = optimizer.audit(SAMPLE, frame, SCENARIO)
    assert fine.ok and fine.optimum == sample.objective and fine.below_optimum == 0
    frame.loc[0, ["allocated", "status"]] = 1_000_000, "FUNDED"
    broken = optimizer.audit(SAMPLE, frame, SCENARIO)
    assert [v.rule for v in broken.violations] == ["above_ceiling", "budget"] and broken.optimum is None


def test_verify_a_run_and_a_frame_run(tmp_path: Path, sample: optimizer.Allocation) -> None:
    sample.write(tmp_path / "file")
    assert optimizer.verify(tmp_path / "file" / "manifest.json").ok
    from_frame = optimizer.allocate(pd.read_excel(SAMPLE, sheet_name="申报项目", engine="openpyxl"), SCENARIO)
    from_frame.write(tmp_path / "frame")
    manifest = json.loads((tmp_path / "frame" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"]["workbook"] == {"path": None, "shipped": False, "sha256": None, "given_as": "DataFrame"}
    checked = optimizer.verify(tmp_path / "frame" / "manifest.json")
    assert not checked.ok
    assert checked.differences == ("the workbook was given as a DataFrame, not a file: there is nothing to read "
                                   "again",)
