"""When things go wrong: solver trouble is a sentence and a non-zero exit, never a published allocation; outputs
are written all at once or not at all; no text from a workbook leaves as a formula."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest
import xlsxwriter
from clirun import run_en as run
from helpers import EN_HEADERS, ROOT, row

from optimizer.report import files, outputs
from optimizer.solving import backends as solvers
from optimizer.solving import merge, tie_break
from optimizer.solving import optimise as solve_module
from optimizer.solving.backends import Run, SolveStatus

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"


def allocate(out: Path, *extra: object) -> tuple[int, str, str]:
    return run("allocate", SAMPLE, "--scenario", SCENARIO, "--out", out, *extra)


# ------------------------------------------------------------------ solver trouble


def fake(status: SolveStatus, detail: str = "") -> Any:
    def solve(problem: Any, solver: str, **_: Any) -> Run:
        return Run(status, None, None, None, 0.0, detail)
    return solve


def patch_solve(monkeypatch: pytest.MonkeyPatch, fake: Any) -> None:
    """The optimiser's solver calls — the first solve's and the tie-break's — made through `fake`."""
    monkeypatch.setattr(solve_module, "solve", fake)
    monkeypatch.setattr(tie_break, "solve", fake)


@pytest.mark.parametrize(("status", "detail", "message"), [
    (SolveStatus.TIME_LIMIT, "Time limit reached",
     "solver trouble: the solver reached its time limit before proving the allocation optimal; nothing was written "
     "(raise --time-limit)"),
    (SolveStatus.NOT_SOLVED, "Numerical trouble",
     "solver trouble: the solver stopped without proving the allocation optimal (not solved: Numerical trouble); "
     "nothing was written"),
    (SolveStatus.ERROR, "Pulp: Error while executing cbc",
     "solver trouble: the solver stopped without proving the allocation optimal (solver error: Pulp: Error while "
     "executing cbc); nothing was written"),
])
def test_a_solver_that_stops_without_a_proof_publishes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               status: SolveStatus, detail: str, message: str) -> None:
    patch_solve(monkeypatch, fake(status, detail))
    code, out, err = allocate(tmp_path / "out")
    assert code == 1 and out == ""
    assert err.splitlines()[-1] == message
    assert not (tmp_path / "out").exists()


@pytest.fixture(params=["merged", "full"])
def first_presolve(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether the first solve uses presolve: not on the sample's merged problem (optimizer/merge.py), which is
    small; yes on a large year's (forced here)."""
    if request.param == "full":
        monkeypatch.setattr(merge, "PRESOLVE_FROM", 0)
    return request.param == "full"


def test_a_tie_break_wrongly_called_infeasible_is_solved_again_without_presolve(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_presolve: bool) -> None:
    # The first solve's awards meet the tie-break's rows by construction; HiGHS 1.16's presolve has called such a
    # tie-break infeasible. Simulated here: the second call says "infeasible" unless presolve is off.
    real, calls = solve_module.solve, []

    def flaky(problem: Any, solver: str, *, presolve: bool = True, **options: Any) -> Run:
        calls.append(presolve)
        if len(calls) == 2 and presolve:
            return Run(SolveStatus.INFEASIBLE, None, None, None, 0.0, "Infeasible")
        return real(problem, solver, presolve=presolve, **options)

    patch_solve(monkeypatch, flaky)
    monkeypatch.setattr(tie_break, "TIE_PRESOLVE_FROM", 0)  # the tie-break presolved, as a large year's is
    monkeypatch.setattr(solve_module, "FULL_FACE", 0)  # the sample broken as a year above FULL_FACE is
    code, _, err = allocate(tmp_path / "out", "--lang", "zh")
    assert code == 0, err
    assert calls[:3] == [first_presolve, True, False]
    golden = (ROOT / "tests" / "golden" / "sample_allocation.csv").read_bytes()
    assert (tmp_path / "out" / "allocation.csv").read_bytes() == golden


def test_a_tie_break_highs_keeps_calling_infeasible_is_asked_of_cbc(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated: HiGHS calls the tie-break (the second and third calls) infeasible with and without presolve.
    real, calls = solve_module.solve, []

    def stubborn(problem: Any, solver: str, *, presolve: bool = True, **options: Any) -> Run:
        calls.append((solver, presolve))
        if solver == "highs" and len(calls) in (2, 3):
            return Run(SolveStatus.INFEASIBLE, None, None, None, 0.0, "Infeasible")
        return real(problem, solver, presolve=presolve, **options)

    patch_solve(monkeypatch, stubborn)
    monkeypatch.setattr(tie_break, "TIE_PRESOLVE_FROM", 0)  # the tie-break presolved, as a large year's is
    monkeypatch.setattr(solve_module, "FULL_FACE", 0)  # the sample broken as a year above FULL_FACE is
    code, _, err = allocate(tmp_path / "out", "--lang", "zh")
    assert code == 0, err
    assert calls[1:4] == [("highs", True), ("highs", False), ("cbc", True)]
    golden = (ROOT / "tests" / "golden" / "sample_allocation.csv").read_bytes()
    assert (tmp_path / "out" / "allocation.csv").read_bytes() == golden
    said = "HiGHS 在启用和关闭预处理时均判定同分处理不可行；改由 CBC 完成同分处理"
    assert f"警告：{said}" in err  # and the run's record says so, for an auditor (in the run's language)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["solver"] == {"name": "highs", "version": manifest["solver"]["version"], "status": "optimal",
                                  "note": said}


def wrongly_infeasible(times: int) -> tuple[Any, list[bool]]:
    """The optimiser's solve, calling the problem infeasible the first `times` times (the relaxed solve that looks
    for unreachable floors is diagnose's own, and real)."""
    real, calls = solve_module.solve, []

    def solve(problem: Any, solver: str, *, presolve: bool = True, **options: Any) -> Run:
        calls.append(presolve)
        if len(calls) <= times:
            return Run(SolveStatus.INFEASIBLE, None, None, None, 0.0, "Infeasible")
        return real(problem, solver, presolve=presolve, **options)

    return solve, calls


def test_a_scenario_wrongly_called_infeasible_is_solved_again_without_presolve(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_presolve: bool) -> None:
    # Relaxing the sample's floors shows every one can be met, so "infeasible" was the solver's mistake.
    fake_solve, calls = wrongly_infeasible(1)
    patch_solve(monkeypatch, fake_solve)
    code, _, err = allocate(tmp_path / "out", "--lang", "zh")
    assert code == 0, err
    assert calls[:2] == [first_presolve, False]
    golden = (ROOT / "tests" / "golden" / "sample_allocation.csv").read_bytes()
    assert (tmp_path / "out" / "allocation.csv").read_bytes() == golden


def test_a_solver_that_keeps_calling_a_feasible_scenario_infeasible(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_presolve: bool) -> None:
    fake_solve, calls = wrongly_infeasible(2)
    patch_solve(monkeypatch, fake_solve)
    code, out, err = allocate(tmp_path / "out")
    assert code == 1 and out == "" and calls == [first_presolve, False]
    assert err.splitlines()[-1] == ("solver trouble: the solver called the scenario infeasible, yet every floor can "
                                    "be met; nothing was written (try --solver cbc)")
    assert not (tmp_path / "out").exists()


def test_a_real_time_limit(tmp_path: Path) -> None:
    code, _, err = allocate(tmp_path / "out", "--time-limit", "0.000001")
    assert code == 1 and "reached its time limit" in err and not (tmp_path / "out").exists()


def test_a_missing_solver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(solvers, "highspy", None)
    solvers.solver_version.cache_clear()
    code, _, err = allocate(tmp_path / "out")
    solvers.solver_version.cache_clear()
    assert code == 1
    assert err.splitlines()[-1] == ("solver trouble: HiGHS (the highspy package) is not installed here; use --solver "
                                    "cbc or reinstall")


def test_auto_falls_back_to_cbc_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(solvers, "highspy", None)
    solvers.solver_version.cache_clear()
    code, _, err = allocate(tmp_path / "out", "--solver", "auto", "--lang", "zh")
    solvers.solver_version.cache_clear()
    assert code == 0
    assert "警告：HiGHS 未能给出已证明的最优解（本机未安装 HiGHS（highspy 软件包））；改由 CBC 求解" in err
    golden = (ROOT / "tests" / "golden" / "sample_allocation.csv").read_bytes()
    assert (tmp_path / "out" / "allocation.csv").read_bytes() == golden
    assert '"name": "cbc"' in (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")


def test_a_cbc_that_cannot_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = solvers._cbc

    def broken(**options: Any) -> Any:
        cbc = real(**options)
        cbc.path = str(tmp_path / "no-such-cbc")
        return cbc

    monkeypatch.setattr(solvers, "_cbc", broken)
    solvers.solver_version.cache_clear()
    code, _, err = allocate(tmp_path / "out", "--solver", "cbc")
    solvers.solver_version.cache_clear()
    assert code == 1 and err.splitlines()[-1].startswith("solver trouble: CBC cannot be started")
    assert not (tmp_path / "out").exists()


def test_a_solution_that_fails_our_recheck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = solve_module.round_awards

    def too_generous(model: Any, values: np.ndarray) -> tuple[int, ...]:
        return tuple(col.amount for col in model.columns)  # everyone in full: far over the budget

    monkeypatch.setattr(solve_module, "round_awards", too_generous)
    code, _, err = allocate(tmp_path / "out")
    monkeypatch.setattr(solve_module, "round_awards", real)
    assert code == 1
    assert err.splitlines()[-1].startswith("solver trouble: the solver's solution failed our re-check: ")
    assert "budget: " in err and "above its limit 195000000" in err
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ all outputs or none


def test_a_run_that_fails_while_writing_leaves_the_previous_outputs(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert allocate(out)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "notes.txt").write_text("the bureau's own file", encoding="utf-8")

    def broken(*_: Any, **__: Any) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr(outputs, "allocation_xlsx", broken)
    code, _, err = allocate(out, "--budget", "1亿", "--overwrite")
    assert code == 1 and "disk full" in err
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == {**before, "notes.txt": b"the bureau's own file"}


def test_a_failed_move_puts_back_what_was_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files.write_all(tmp_path, {"a.csv": b"old a", "b.csv": b"old b"})
    real_replace = files.os.replace
    moves: list[str] = []

    def failing_replace(src: Any, dst: Any) -> None:
        moves.append(str(dst))
        if str(dst).endswith("b.csv") and str(src).endswith(".tmp") and ".previous." not in str(src):
            raise OSError("the disk went away")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", failing_replace)
    with pytest.raises(OSError):
        files.write_all(tmp_path, {"a.csv": b"new a", "b.csv": b"new b"})
    monkeypatch.setattr(files.os, "replace", real_replace)
    assert (tmp_path / "a.csv").read_bytes() == b"old a" and (tmp_path / "b.csv").read_bytes() == b"old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".budgetopt.lock", "a.csv", "b.csv"]


def test_a_run_killed_while_writing_leaves_the_previous_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert allocate(out)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    script = f"""
import os, signal
from optimizer.report import files
real = files._swap_in
def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)  # as if the power went: everything is staged, nothing moved yet
files._swap_in = killed
from optimizer.cli import main
main(["allocate", {str(SAMPLE)!r}, "--budget", "1亿", "--out", {str(out)!r}, "--overwrite"])
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert done.returncode == -9
    assert {p.name: p.read_bytes() for p in out.iterdir() if not p.name.endswith(".tmp")} == before
    assert allocate(out)[0] == 0  # the next run clears what the killed one left
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------ no formula leaves the tool

FORMULAS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=x", "\r=y"]


def test_no_text_leaves_as_a_formula(tmp_path: Path) -> None:
    book = tmp_path / "apps.xlsx"
    writer = xlsxwriter.Workbook(str(book), {"strings_to_formulas": False})
    sheet = writer.add_worksheet("applications")
    sheet.write_row(0, 0, EN_HEADERS)
    for r, text in enumerate(FORMULAS, start=1):  # text cells that look like formulas, as a form might hold
        values = row(application_id=f"A{r}", applicant=text, project=text, submitted_on="2026-03-15")
        for c, header in enumerate(EN_HEADERS):
            value = values[header]
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write_number(r, c, value)
    writer.close()
    for name, args in (("a", ("--budget", "500万")), ("b", ("--budget", "900万"))):
        assert run("allocate", book, *args, "--out", tmp_path / name)[0] == 0
    assert run("sweep", book, "--levels", "300万,900万", "--out", tmp_path / "sweep", "--workers", "1")[0] == 0
    assert run("compare", tmp_path / "a", tmp_path / "b", "--out", tmp_path / "cmp")[0] == 0
    for xlsx in tmp_path.rglob("*.xlsx"):
        if xlsx.name == "apps.xlsx":
            continue
        for sheet in openpyxl.load_workbook(xlsx).worksheets:
            for cells in sheet.iter_rows():
                assert all(c.data_type != "f" for c in cells), (xlsx, sheet.title)
    for csv_path in tmp_path.rglob("*.csv"):
        for record in csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))):
            for field in record:
                assert not field.startswith(("=", "+", "@", "\t", "\r")) or field.lstrip("+-").isdigit(), field
                assert not field.startswith("-") or field.lstrip("-").replace(".", "").isdigit(), field
