"""Budget sweeps: levels, monotone objective, agreement with allocate, and identical files whatever the workers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from clirun import run
from helpers import ROOT, app, awards_by_id, never_hangs, scenario_of, workbook_of

from optimizer.jobs.allocate import allocate
from optimizer.jobs.sweep import budget_levels, sweep
from optimizer.reading.applications import read_workbook
from optimizer.report.sweep_steps import Step, knee, level_score, step_sentence, steps
from optimizer.report.units import money_tick, nice_ticks
from optimizer.rules.policy import Policy, load_policy
from optimizer.rules.scenario import load_scenario, with_budget

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"
W = 10_000


def test_levels_from_to_in_steps() -> None:
    assert budget_levels(50_000_000, 200_000_000, 16) == [50_000_000 + i * 10_000_000 for i in range(16)]
    assert budget_levels(5, 5, 1) == [5]
    assert budget_levels(0, 10, 3) == [0, 5, 10]
    with never_hangs():
        assert budget_levels(10, 13, 5) == budget_levels(10, 13, 10**30) == [10, 11, 12, 13]  # every yuan, uncounted
        assert budget_levels(7, 7, 10**30) == [7]
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
    assert result.levels[0].allocation is None and "min 200万" in str(result.levels[0].conflicts[0])
    assert result.levels[1].allocation is not None


def test_the_command_writes_csv_workbook_and_page(tmp_path: Path) -> None:
    code, out, err = run("sweep", SAMPLE, "--scenario", SCENARIO, "--from", "5000万", "--to", "2亿", "--steps", 4,
                         "--out", tmp_path / "s", "--workers", 1, "--lang", "en")
    assert code == 0, err
    outputs = {p.name for p in (tmp_path / "s").iterdir() if not p.name.startswith(".")}  # not a run's lock
    assert outputs == {"sweep.csv", "sweep.xlsx", "sweep.html"}
    rows = list(csv.DictReader(io.StringIO((tmp_path / "s" / "sweep.csv").read_text(encoding="utf-8-sig"))))
    assert [int(r["budget"]) for r in rows] == [50_000_000, 100_000_000, 150_000_000, 200_000_000]
    assert "section:一" in rows[0] and "district:两江新区" in rows[0]  # the CSV keeps its names for programs
    assert rows[0]["objective"] and float(rows[0]["marginal_per_wan"]) > 0
    lines = out.splitlines()
    assert any(line.split()[:1] == ["5000万"] for line in lines) and any(line.split()[:1] == ["2亿"] for line in lines)
    assert "  the next 5000万 (5000万 → 1亿) funds these " in out and "average weighted score about " in out


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
    (["--levels", ","], "--levels gives no budget (e.g. --levels 8000万,1亿,1.2亿)"),  # was IndexError, exit 1
    (["--levels", " ；"], "--levels gives no budget"),
    (["--from", "1亿", "--to", "2亿", "--steps", "9" * 30], f"--steps: a sweep solves at most 10,000 levels, not "
                                                          f"{'9' * 30}"),  # was counted to the end: for ever
    (["--levels", ";".join(["1亿"] * 10_001)], "--levels: a sweep solves at most 10,000 levels, not 10,001"),
])
def test_level_mistakes_are_usage_errors(args: list[str], message: str) -> None:
    with never_hangs():
        code, _, err = run("sweep", SAMPLE, *args, "--lang", "en")
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


@pytest.mark.parametrize(("args", "budgets", "says"), [
    (["--levels", "300万;3,000,000;900万"], [3_000_000, 9_000_000],
     "warning: 3 levels asked, with 2 different amounts among them: each is solved once\n"),
    (["--from", "300万", "--to", "3000002", "--steps", "4"], [3_000_000, 3_000_001, 3_000_002],
     "warning: 4 levels asked, with 3 different amounts among them: each is solved once\n"),
    (["--levels", "300万,900万"], [3_000_000, 9_000_000], ""),
])
def test_levels_of_the_same_amount_are_solved_once_and_said_so(tmp_path: Path, args: list[str], budgets: list[int],
                                                                says: str) -> None:
    code, _, err = run("sweep", SAMPLE, *args, "--out", tmp_path, "--workers", 1, "--lang", "en", "--quiet")
    assert code == 0, err
    assert [line + "\n" for line in err.splitlines() if line.startswith("warning: ")] == ([says] if says else [])
    rows = list(csv.DictReader(io.StringIO((tmp_path / "sweep.csv").read_text(encoding="utf-8-sig"))))
    assert [int(r["budget"]) for r in rows] == budgets


def test_each_step_says_what_it_buys_in_weighted_scores(policy: Policy) -> None:
    # 300万 funds A (90); 500万 also funds B (80) with 200万; at 700万 B is whole and C (70) enters.
    apps = [app(application_id=i, applicant=f"企业{i}", clause="3", score=Decimal(s), row=r)
            for i, s, r in (("A", 90, 2), ("B", 80, 3), ("C", 70, 4))]
    result = sweep(workbook_of(*apps), scenario_of(), policy=policy, levels=[300 * W, 500 * W, 700 * W], workers=1)
    first, second = steps(result)
    assert (first.added, first.score, first.count("enters")) == (200 * W, 80.0, 1)
    assert step_sentence(first, "en") == ("the next 200万 (300万 → 500万) funds one more application: 企业B "
                                          "(200.00万 more allocated, average weighted score about 80)")
    assert step_sentence(first, "zh") == ("再增加200万元（300万元→500万元）：新资助1项申报：企业B"
                                          "（多分配200.00万元，按金额平均加权评分约80）")
    # 100万 more to B (80) and 100万 to C (70): the money's weighted score is their average by amount
    assert second.score == 75.0
    assert step_sentence(second, "zh") == ("再增加200万元（500万元→700万元）：新资助1项申报：企业C；增加1项申报的资助额"
                                           "（多分配200.00万元，按金额平均加权评分约75）")
    assert step_sentence(second, "en").startswith("the next 200万 (500万 → 700万) funds one more application: 企业C; "
                                                  "raises one award (")
    assert level_score(result.levels[0]) == pytest.approx(80.0)  # the next yuan at 300万 goes to B


def test_a_step_that_buys_nothing_says_so(policy: Policy) -> None:
    apps = [app(application_id="A", clause="3", score=Decimal(90))]
    result = sweep(workbook_of(*apps), scenario_of(), policy=policy, levels=[500 * W, 900 * W], workers=1)
    (step,) = steps(result)
    assert step.score is None
    assert step_sentence(step, "zh") == ("再增加400万元（500万元→900万元）：没有更多资金能分配出去"
                                         "（符合条件的申报都已获资助，或受其他限额所限）")


def step_of(low: int, high: int, score: float) -> Step:
    return Step(low, high, True, W, Decimal(str(score)) * W, ())


def test_the_marked_step_is_where_the_money_starts_to_buy_markedly_less() -> None:
    bend = knee([step_of(1, 2, 100), step_of(2, 3, 98), step_of(3, 4, 70), step_of(4, 5, 68)])
    assert bend is not None and (bend.at, bend.before, bend.after) == (3, 98.0, 70.0)
    assert knee([step_of(1, 2, 100), step_of(2, 3, 97), step_of(3, 4, 94), step_of(4, 5, 91)]) is None  # straight
    assert knee([step_of(1, 2, 100), step_of(2, 3, 80), step_of(3, 4, 62)]) is None  # two falls alike: no one bend
    assert knee([step_of(1, 2, 100)]) is None


def test_ticks_fall_on_round_amounts() -> None:
    assert nice_ticks(50_000_000, 200_000_000) == [50_000_000, 100_000_000, 150_000_000, 200_000_000]
    assert [money_tick(t) for t in nice_ticks(50_000_000, 200_000_000)] == ["5000万", "1亿", "1.5亿", "2亿"]
    assert [money_tick(t) for t in nice_ticks(0, 162_000_000)] == ["0", "5000万", "1亿", "1.5亿", "2亿"]
    assert nice_ticks(0, 97.4) == [0, 25, 50, 75, 100]


@pytest.fixture(scope="module")
def chinese_sweep(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sweep") / "s"
    code, _, err = run("sweep", SAMPLE, "--scenario", SCENARIO, "--levels", "5000万,8750万,1.25亿,1.62亿,2亿",
                       "--out", out, "--workers", 1, "--lang", "zh")
    assert code == 0, err
    return out


def test_the_workbook_speaks_the_runs_language_in_wan(chinese_sweep: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(chinese_sweep / "sweep.xlsx")
    assert book.sheetnames == ["预算水平", "每段新增预算", "资助线变化"]
    levels = book["预算水平"]
    header = [c.value for c in levels[1]]
    assert header[:4] == ["预算（万元）", "可分配（万元）", "已分配（万元）", "未分配（万元）"]
    assert "下一万元所资助申报的加权评分" in header and "两江新区（万元）" in header
    assert not any(isinstance(h, str) and "_" in h for h in header)  # no snake_case
    assert [r[0].value for r in levels.iter_rows(min_row=2)] == [5000, 8750, 12500, 16200, 20000]
    assert levels["A2"].number_format == "#,##0.00##"
    steps_sheet = book["每段新增预算"]
    assert [c.value for c in steps_sheet[1]][-1] == "这一段预算买到什么"
    assert str(steps_sheet["I2"].value).startswith("再增加3750万元（5000万元→8750万元）：新资助这")


def test_the_page_reads_in_weighted_scores_and_round_ticks(chinese_sweep: Path) -> None:
    import re

    html = (chinese_sweep / "sweep.html").read_text(encoding="utf-8")
    ticks = re.findall(r'text-anchor="(?:middle|end)"[^>]*>([^<]*)</text>', html)
    money_ticks = [t for t in ticks if t.endswith(("万", "亿"))]  # (the levels' own labels end in 元)
    assert {"5000万", "1亿", "1.5亿", "2亿"} <= set(money_ticks) <= {"5000万", "1亿", "1.5亿", "2亿"}  # no 8,750万
    assert "再增加3750万元（5000万元→8750万元）" in html and "加权评分" in html
    assert "目标值增加" not in html and "边际效果最大的一段" not in html
