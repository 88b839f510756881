"""Budget sweeps: levels, monotone objective, agreement with allocate, and identical files whatever the workers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ROOT, app, awards_by_id, scenario_of, workbook_of

from optimizer.cli import cli
from optimizer.jobs.allocate import allocate
from optimizer.jobs.sweep import budget_levels, sweep
from optimizer.reading.applications import read_workbook
from optimizer.rules.policy import Policy, load_policy
from optimizer.rules.scenario import load_scenario, with_budget

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"
W = 10_000


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_levels_from_to_in_steps() -> None:
    assert budget_levels(50_000_000, 200_000_000, 16) == [50_000_000 + i * 10_000_000 for i in range(16)]
    assert budget_levels(5, 5, 1) == [5]
    assert budget_levels(0, 10, 3) == [0, 5, 10]
    with pytest.raises(ValueError):
        budget_levels(10, 5, 3)


@pytest.fixture(scope="module")
def sample_sweep() -> tuple[Policy, object, object]:
    policy = load_policy()
    book = read_workbook(SAMPLE, policy)
    scenario = load_scenario(SCENARIO, policy=policy)
    return policy, book, scenario


def test_the_objective_never_decreases_as_the_budget_grows(sample_sweep: tuple) -> None:
    policy, book, scenario = sample_sweep
    result = sweep(book, scenario, policy=policy, levels=budget_levels(60_000_000, 200_000_000, 8), workers=1)
    objectives = [lv.objective for lv in result.levels]
    assert all(o is not None for o in objectives)
    assert objectives == sorted(objectives)  # type: ignore[type-var]


def test_each_level_is_the_allocation_at_that_budget(sample_sweep: tuple) -> None:
    policy, book, scenario = sample_sweep
    result = sweep(book, scenario, policy=policy, levels=[80_000_000, 150_000_000], workers=1)
    for level in result.levels:
        alone = allocate(book, with_budget(scenario, level.budget), policy=policy)
        assert level.allocation is not None
        assert awards_by_id(level.allocation) == awards_by_id(alone)
        assert level.allocation.objective == alone.objective


def test_marginal_value_and_the_finite_difference_agree_roughly(sample_sweep: tuple) -> None:
    policy, book, scenario = sample_sweep
    result = sweep(book, scenario, policy=policy, levels=[100_000_000, 101_000_000], workers=1)
    marginal, difference = result.levels[0].marginal_per_wan, result.finite_difference_per_wan(0)
    assert marginal is not None and difference is not None
    assert abs(marginal - difference) / marginal < 0.05


def test_the_funding_line_between_two_levels(policy: Policy) -> None:
    # 300万 funds A (90); 500万 also funds B (80) with 200万; at 600万 B is whole and C (70) enters.
    apps = [app(application_id=i, clause="3", score=Decimal(s), row=r) for i, s, r in (("A", 90, 2), ("B", 80, 3),
                                                                                    ("C", 70, 4))]
    result = sweep(workbook_of(*apps), scenario_of(), policy=policy, levels=[300 * W, 500 * W, 700 * W],
                   workers=1)
    assert [(c.application_id, c.kind, c.before, c.after) for c in result.changes(0)] == [("B", "enters", 0, 200 * W)]
    assert [(c.application_id, c.kind) for c in result.changes(1)] == [("C", "enters"), ("B", "grows")]


def test_an_infeasible_level_is_reported_not_fatal(policy: Policy) -> None:
    apps = [app(application_id="A", clause="3", score=Decimal(90))]
    scenario = scenario_of(envelopes=[{"name": "AI", "clauses": ["3"], "min": "200万"}])
    result = sweep(workbook_of(*apps), scenario, policy=policy, levels=[100 * W, 300 * W], workers=1)
    assert result.levels[0].allocation is None and "min 200万" in result.levels[0].conflicts[0]
    assert result.levels[1].allocation is not None


def test_the_command_writes_csv_workbook_and_page(tmp_path: Path) -> None:
    code, out, err = run("sweep", SAMPLE, "--scenario", SCENARIO, "--from", "5000万", "--to", "2亿", "--steps", 4,
                         "--out", tmp_path / "s", "--workers", 1)
    assert code == 0, err
    assert {p.name for p in (tmp_path / "s").iterdir()} == {"sweep.csv", "sweep.xlsx", "sweep.html"}
    rows = list(csv.DictReader(io.StringIO((tmp_path / "s" / "sweep.csv").read_text(encoding="utf-8-sig"))))
    assert [int(r["budget"]) for r in rows] == [50_000_000, 100_000_000, 150_000_000, 200_000_000]
    assert "section:一" in rows[0] and "district:两江新区" in rows[0]
    assert "5,000.00万" in out and "20,000.00万" in out


def test_workers_one_and_two_give_identical_files(tmp_path: Path) -> None:
    for workers in (1, 2):
        code, _, err = run("sweep", SAMPLE, "--scenario", SCENARIO, "--levels", "8000万,1亿,1.2亿", "--out",
                           tmp_path / str(workers), "--workers", workers)
        assert code == 0, err
    for name in ("sweep.csv", "sweep.xlsx", "sweep.html"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_the_workbook_has_native_charts(tmp_path: Path) -> None:
    import zipfile

    run("sweep", SAMPLE, "--scenario", SCENARIO, "--levels", "1亿;1.5亿;2亿", "--out", tmp_path, "--workers", 1)
    names = zipfile.ZipFile(tmp_path / "sweep.xlsx").namelist()
    assert sum(n.startswith("xl/charts/chart") for n in names) == 2


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "1亿"], "give --from, --to and --steps (or --levels)"),
    (["--levels", "1亿", "--steps", "3"], "give either --levels or --from/--to/--steps, not both"),
    (["--from", "2亿", "--to", "1亿", "--steps", "3"], "--to must not be below --from"),
    (["--levels", "lots"], "'lots' is not an amount"),
])
def test_level_mistakes_are_usage_errors(args: list[str], message: str) -> None:
    code, _, err = run("sweep", SAMPLE, *args)
    assert code == 2 and message in err


@pytest.mark.parametrize(("levels", "budgets"), [
    ("300万,900万", [3_000_000, 9_000_000]),
    ("8000万,1亿,1.2亿", [80_000_000, 100_000_000, 120_000_000]),
    ("120,000,000;150,000,000", [120_000_000, 150_000_000]),
    ("1亿， 2亿", [100_000_000, 200_000_000]),
])
def test_levels_are_split_on_commas_that_do_not_group_thousands(tmp_path: Path, levels: str,
                                                                  budgets: list[int]) -> None:
    code, _, err = run("sweep", SAMPLE, "--levels", levels, "--out", tmp_path, "--workers", 1)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO((tmp_path / "sweep.csv").read_text(encoding="utf-8-sig"))))
    assert [int(r["budget"]) for r in rows] == budgets
