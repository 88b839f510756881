"""Long rows split into blocks for HiGHS (optimizer/_speed/long_rows.py, LinearProblem.with_long_rows_split and
the HiGHS backend): the same feasible allocations, the same optimum, the blocks' sums never returned."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from helpers import app, code, scenario_of, workbook_of
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.domain import Application
from optimizer.jobs.allocate import allocate
from optimizer.rules.entitle import entitle
from optimizer.rules.policy import load_policy
from optimizer.solving import backends
from optimizer.solving.backends import LinearProblem, SolveStatus, solve
from optimizer.solving.formulation import to_problem
from optimizer.solving.model import build_model

POLICY = load_policy()


def problem_of(columns: list[dict[int, float]], rows: list[tuple[float, float]], *, kinds: str = "",
               lower: list[float] | None = None, upper: list[float] | None = None,
               cost: list[float] | None = None) -> LinearProblem:
    """A problem from its columns' entries ({row: coefficient}) and its rows' bounds."""
    n = len(columns)
    starts = np.r_[0, np.cumsum([len(c) for c in columns])].astype(np.int32)
    return LinearProblem(
        column_names=tuple(f"x{j}" for j in range(n)), cost=np.array(cost or [1.0] * n),
        lower=np.array(lower or [0.0] * n), upper=np.array(upper or [1.0] * n), kinds=tuple(kinds or "C" * n),
        row_names=tuple(f"r{i}" for i in range(len(rows))), row_lower=np.array([r[0] for r in rows]),
        row_upper=np.array([r[1] for r in rows]), starts=starts,
        indices=np.array([i for c in columns for i in sorted(c)], dtype=np.int32),
        values=np.array([c[i] for c in columns for i in sorted(c)]))


def test_a_long_row_becomes_the_sum_of_its_blocks() -> None:
    # r0 holds all seven columns (longer than 3): blocks of x0–x2, x3–x5 and x6, each an auxiliary sum s0, s1, s2
    # fixed by an equation (r2, r3, r4), and r0 sums the three. r1 (two entries) is left as it is.
    coefficients = [2.0, 1.0, -1.0, 3.0, 1.0, 1.0, 4.0]
    columns = [{0: v} for v in coefficients]
    columns[0][1] = columns[1][1] = 1.0
    problem = problem_of(columns, [(-np.inf, 5.0), (0.0, 1.0)], kinds="CBSCCCC",
                         lower=[0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0], upper=[1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 3.0])
    split = problem.with_long_rows_split(3, 3)
    assert split.column_names[:7] == problem.column_names and split.kinds == (*"CBSCCCC", "C", "C", "C")
    assert len(split.row_names) == 5 and np.all(split.row_lower[2:] == 0) and np.all(split.row_upper[2:] == 0)
    dense = np.zeros((5, 10))
    dense[split.indices, split.entry_columns()] = split.values
    assert dense[0].tolist() == [0] * 7 + [1, 1, 1]  # the long row sums the blocks
    assert dense[1].tolist() == [1, 1] + [0] * 8  # a short row is unchanged
    assert dense[2].tolist() == [2, 1, -1, 0, 0, 0, 0, -1, 0, 0]
    assert dense[3].tolist() == [0, 0, 0, 3, 1, 1, 0, 0, -1, 0]
    assert dense[4].tolist() == [0] * 6 + [4, 0, 0, -1]
    # each sum bounded by what its block can add up to; the semi-continuous x2 may be 0 as well as 0.5…2
    assert split.lower[7:].tolist() == [-2.0, 0.0, 0.0] and split.upper[7:].tolist() == [3.0, 5.0, 12.0]
    assert problem.with_long_rows_split(7, 3) is problem  # no row longer than 7: the problem itself


@st.composite
def problems(draw: st.DrawFn) -> LinearProblem:
    rows = draw(st.integers(1, 4))
    n = draw(st.integers(2, 14))
    entry = st.dictionaries(st.integers(0, rows - 1), st.integers(-3, 5).filter(bool).map(float), min_size=1)
    columns = draw(st.lists(entry, min_size=n, max_size=n))
    kinds = draw(st.text("CBS", min_size=n, max_size=n))
    upper = [1.0 if k == "B" else float(draw(st.integers(1, 4))) for k in kinds]
    lower = [0.5 if k == "S" else 0.0 for k in kinds]
    bounds = [(float(draw(st.integers(-6, 0))), float(draw(st.integers(1, 12)))) for _ in range(rows)]
    cost = [float(draw(st.integers(-2, 9))) for _ in range(n)]
    return problem_of(columns, bounds, kinds=kinds, lower=lower, upper=upper, cost=cost)


@given(problems(), st.integers(1, 5), st.integers(1, 4), st.randoms(use_true_random=False))
def test_the_split_rows_sum_what_the_rows_summed(
        problem: LinearProblem, longest: int, block: int, rng: Any) -> None:
    split = problem.with_long_rows_split(longest, block)
    x = np.array([rng.uniform(lo if k != "S" else 0.0, hi)
                  for lo, hi, k in zip(problem.lower, problem.upper, problem.kinds, strict=True)])
    added = len(split.column_names) - len(problem.column_names)
    m = len(problem.row_names)
    sums = split.activity(np.r_[x, np.zeros(added)])[m:]  # each block's sum: its equation without the sum
    full = split.activity(np.r_[x, sums])
    assert np.allclose(full[m:], 0)  # the equations met
    assert np.allclose(full[:m], problem.activity(x))  # and each row summing its blocks sums what it did
    assert np.all(split.lower[len(x):] <= sums + 1e-9) and np.all(sums <= split.upper[len(x):] + 1e-9)


@settings(max_examples=40, deadline=None)
@given(problems(), st.integers(1, 4), st.integers(1, 3))
def test_highs_finds_the_same_optimum_with_the_rows_split(problem: LinearProblem, longest: int, block: int,
                                                          ) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(backends, "LONGEST_ROW", longest)
        patch.setattr(backends, "ROW_BLOCK", block)
        plain = solve(problem, "highs")  # not asked to split
        split = solve(problem, "highs", first=True)
    assert split.status is plain.status
    if plain.status is SolveStatus.OPTIMAL:
        assert split.values is not None and len(split.values) == len(problem.column_names)
        assert split.objective == pytest.approx(plain.objective, abs=1e-6)
        assert problem.within_rows(split.values, 1e-6)


def a(app_id: str, clause: str, score: int) -> Application:
    return app(application_id=app_id, clause=clause, score=Decimal(score), credit_code=code(int(app_id[1:])))


YEAR = [a(f"A{i}", ("7b", "10", "8a", "3", "13")[i % 5], 50 + (i * 37) % 50) for i in range(1, 41)]


def test_a_year_split_into_blocks_is_allocated_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = scenario_of(budget="900万", applicants={"max_total": "150万"}, fixed_awards="whole")
    monkeypatch.setattr(backends, "LONGEST_ROW", 10**9)
    plain = allocate(workbook_of(*YEAR), scenario, policy=POLICY)
    monkeypatch.setattr(backends, "LONGEST_ROW", 5)  # the budget and the envelopes in blocks of 4
    monkeypatch.setattr(backends, "ROW_BLOCK", 4)
    split = allocate(workbook_of(*YEAR), scenario, policy=POLICY)
    assert [w.allocated for w in split.awards] == [w.allocated for w in plain.awards]
    assert split.objective == plain.objective


def test_an_answer_off_the_long_rows_is_solved_again_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each block's equation is met to HiGHS's tolerance; should their sum be further off than a row may be, the
    # problem is solved again without the blocks — the same optimum
    scenario = scenario_of(budget="900万", fixed_awards="whole")
    model = build_model(entitle(YEAR, POLICY, year=scenario.year), POLICY, scenario)
    problem = to_problem(model, Decimal(100))
    expected = solve(problem, "highs")
    solved: list[int] = []
    run_highs = backends._run_highs

    def counted(given: LinearProblem, options: dict[str, Any]) -> backends.Run:
        solved.append(len(given.column_names))
        return run_highs(given, options)

    monkeypatch.setattr(backends, "_run_highs", counted)
    monkeypatch.setattr(backends, "LONGEST_ROW", 5)
    monkeypatch.setattr(LinearProblem, "within_rows", lambda self, x, tolerance: False)
    again = solve(problem, "highs", first=True)
    n = len(problem.column_names)
    assert solved[0] > n and solved[1:] == [n]  # with the blocks, then as it is
    solved.clear()
    solve(problem, "highs")
    assert solved == [n]  # not asked to split (the tie-break, the canonical stages): as it is
    assert again.objective == pytest.approx(expected.objective, rel=1e-12)
    assert again.values is not None and len(again.values) == n


def test_a_long_row_is_summed_exactly_rounded_for_the_check() -> None:
    # 1e16 + 1 + … + 1 − 1e16 summed in order loses every 1 (a million awards' budget summed so was 2.6e-6 off, past
    # HiGHS's tolerance of 1e-7, while 5.8e-9 over in fact); summed exactly, the row holds its 1,001 ones
    n = backends.LONGEST_ROW + 3
    problem = problem_of([{0: 1e16}, *({0: 1.0} for _ in range(n - 2)), {0: -1e16}],
                         [(n - 2.0, n - 2.0)], upper=[1.0] * n)
    assert problem.activity(np.ones(n))[0] != n - 2  # the plain sum is off
    assert problem.within_rows(np.ones(n), 1e-7)
    assert not problem.within_rows(np.r_[np.ones(n - 1), 0.0], 1e-7)


def test_a_split_problem_highs_calls_infeasible_is_solved_again_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    # a tie-break's class rows (a total to a ten-millionth), split, were once called infeasible by HiGHS: whatever
    # HiGHS does not prove on the split problem is asked of the problem as it is
    problem = problem_of([{0: 1.0}] * 6, [(0.0, 3.5)], kinds="BBBBBB", cost=[1, 2, 3, 4, 5, 6])
    run_highs = backends._run_highs

    def infeasible_when_split(given: LinearProblem, options: dict[str, Any]) -> backends.Run:
        if len(given.column_names) > 6:
            return backends.Run(SolveStatus.INFEASIBLE, None, None, None, 0.0, "Infeasible")
        return run_highs(given, options)

    monkeypatch.setattr(backends, "_run_highs", infeasible_when_split)
    monkeypatch.setattr(backends, "LONGEST_ROW", 4)
    monkeypatch.setattr(backends, "ROW_BLOCK", 2)
    run = solve(problem, "highs", first=True)
    assert run.status is SolveStatus.OPTIMAL and run.objective == pytest.approx(15.0)


def test_a_first_solve_runs_without_rins_and_rens_and_a_stage_with_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # their sub-MIPs only slowed a year's first solve (docs/performance.md); a tie-heavy year's stages need them
    scenario = scenario_of(budget="900万", fixed_awards="whole")
    problem = to_problem(build_model(entitle(YEAR, POLICY, year=scenario.year), POLICY, scenario), Decimal(100))
    seen: list[tuple[bool, bool]] = []
    run_highs = backends._run_highs

    def recorded(given: LinearProblem, options: dict[str, Any]) -> backends.Run:
        seen.append((options["mip_heuristic_run_rins"], options["mip_heuristic_run_rens"]))
        return run_highs(given, options)

    monkeypatch.setattr(backends, "_run_highs", recorded)
    first = solve(problem, "highs", first=True)
    other = solve(problem, "highs")
    assert seen == [(False, False), (True, True)]
    assert first.objective == pytest.approx(other.objective)
