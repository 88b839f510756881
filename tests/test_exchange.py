"""What every optimum decides by exchange alone (optimizer/solving/exchange.py), and the tie-break that sets those
columns aside (tie_break.break_ties): hand-worked rows per rule, then properties on random problems — the same
optimum, and no optimum that gives a decided column anything else — and on random years, the same allocation."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_long_rows import problem_of
from test_properties import instances
from test_properties import solve as allocate_instance

from optimizer.errors import Infeasible
from optimizer.solving import optimise, tie_break
from optimizer.solving.backends import LinearProblem, SolveStatus, solve
from optimizer.solving.exchange import decided_by_exchange

NAN = float("nan")


def decided(problem: LinearProblem) -> list[float | None]:
    return [None if np.isnan(v) else float(v) for v in decided_by_exchange(problem)]


def test_free_continuous_columns_fill_in_order_of_their_worth_per_unit() -> None:
    # r0: 4.8 ≤ 2·x0 + 2·x1 + 2·x2 + 2·x3 + x4 ≤ 5, worth 0.9, 0.8, 0.7, 0.6 per unit; x4 (up to 0.5) is also in r1.
    # The free four must hold at least 4.3 (4.8 less x4's 0.5): x0 and x1 full whatever x2 and x3 do; they may
    # hold at most 5, all of which x0, x1, x2 can: x3 gets nothing. x2 (0.15 or more) is left to the solver.
    problem = problem_of([{0: 2.0}, {0: 2.0}, {0: 2.0}, {0: 2.0}, {0: 1.0, 1: 1.0}], [(4.8, 5.0), (-np.inf, 3.0)],
                         upper=[1.0, 1.0, 1.0, 1.0, 0.5], cost=[1.8, 1.6, 1.4, 1.2, 0.1])
    assert decided(problem) == [1.0, 1.0, None, 0.0, None]


def test_equal_worth_decides_none_of_its_kind_against_the_other() -> None:
    # x0 and x1 are worth the same per unit: either may be short, so neither is decided; x2, worth less, is 0
    problem = problem_of([{0: 2.0}, {0: 2.0}, {0: 2.0}], [(3.0, 3.0)], cost=[2.0, 2.0, 1.0])
    assert decided(problem) == [None, None, 0.0]


def test_a_whole_award_is_paid_when_worse_columns_that_are_full_can_give_its_amount() -> None:
    # r0 = 8: x0 whole (3, worth 0.9), x1 (4, 0.8), x2 (4, 0.5), x3 (1, 0.3). The continuous must hold at least 5:
    # x1 is full; unpaid, x0 would leave money with x1 (worth less) that it could take: x0 is paid. Then (a second
    # round) the continuous may hold at most 5, which x1 and x2 can: x3 gets nothing.
    problem = problem_of([{0: 3.0}, {0: 4.0}, {0: 4.0}, {0: 1.0}], [(8.0, 8.0)], kinds="BCCC",
                         cost=[2.7, 3.2, 2.0, 0.3])
    assert decided(problem) == [1.0, 1.0, None, 0.0]
    both = [solve(p, "highs") for p in (problem, problem.with_columns_fixed(decided_by_exchange(problem)))]
    assert both[1].objective == pytest.approx(both[0].objective - 2.7 - 3.2)


def test_a_whole_award_the_full_columns_cannot_pay_for_is_left_to_the_solver() -> None:
    # r0 = 6.5: x0 whole (3, worth 0.9); x1 (2, 0.8) is full, but its 2 could not pay for x0's 3: not decided here
    # (the solver pays x0, with x1 full and x2 at three quarters)
    problem = problem_of([{0: 3.0}, {0: 2.0}, {0: 2.0}, {0: 2.0}], [(6.5, 6.5)], kinds="BCCC",
                         cost=[2.7, 1.6, 1.0, 0.6])
    assert decided(problem) == [None, 1.0, None, None]


def test_a_whole_award_is_unpaid_when_better_columns_left_at_nothing_could_take_its_amount() -> None:
    # r0 ≤ 3.5: x1 (4, worth 0.8) alone can hold it all, so x2 (4, 0.5) gets nothing; x0 (whole, 3, worth 0.2),
    # paid, would hold money x2 could take at a better worth: x0 is unpaid
    problem = problem_of([{0: 3.0}, {0: 4.0}, {0: 4.0}], [(-np.inf, 3.5)], kinds="BCC", cost=[0.6, 3.2, 2.0])
    assert decided(problem) == [0.0, None, 0.0]


def test_a_column_held_to_a_minimum_counts_that_minimum_against_the_room() -> None:
    # r0 ≤ 5: x0 (4, worth 0.9) and x1 (4, worth 0.5, at least half: 2). x1 takes its 2 whatever x0 does, and x0's
    # 4 with it would pass 5: x1 is at its lower bound (x0 gets the 3 left, which the solver works out)
    problem = problem_of([{0: 4.0}, {0: 4.0}], [(-np.inf, 5.0)], lower=[0.0, 0.5], cost=[3.6, 2.0])
    assert decided(problem) == [None, 0.5]


def test_a_whole_award_the_columns_at_nothing_cannot_make_room_for_is_left_to_the_solver() -> None:
    # r0 ≤ 3.5: x1 (4, worth 0.8) can hold it all, so x2 (2, worth 0.5) gets nothing; x2's 2 could not take
    # x0's 3 (whole, worth 0.2): not decided here (the solver leaves x0 unpaid)
    problem = problem_of([{0: 3.0}, {0: 4.0}, {0: 2.0}], [(-np.inf, 3.5)], kinds="BCC", cost=[0.6, 3.2, 1.0])
    assert decided(problem) == [None, None, 0.0]


def test_a_column_in_two_rows_or_with_a_negative_coefficient_is_never_decided() -> None:
    problem = problem_of([{0: 1.0, 1: 1.0}, {0: -1.0}, {0: 1.0}], [(1.0, 1.0), (-np.inf, 1.0)], cost=[5.0, 1.0, 2.0],
                         upper=[1.0, 1.0, 1.0])
    assert decided(problem)[:2] == [None, None]


def test_columns_fixed_leave_the_others_with_the_rows_less_what_the_fixed_add() -> None:
    problem = problem_of([{0: 2.0, 1: 1.0}, {0: 3.0}, {1: 4.0}], [(1.0, 6.0), (-np.inf, 5.0)], kinds="CBC",
                         cost=[1.0, 2.0, 3.0])
    smaller = problem.with_columns_fixed(np.array([NAN, 1.0, 0.5]))
    assert smaller.column_names == ("x0",) and smaller.kinds == ("C",) and smaller.cost.tolist() == [1.0]
    assert smaller.row_lower.tolist() == [-2.0, -np.inf] and smaller.row_upper.tolist() == [3.0, 3.0]
    assert smaller.activity(np.array([0.75])).tolist() == [1.5, 0.75]
    assert problem.with_columns_fixed(np.full(3, NAN)) is problem


@st.composite
def problems(draw: st.DrawFn) -> LinearProblem:
    """Rows of a few columns, most of them in one row only, as a tie-break's class rows are; continuous columns
    (some with a lower bound) and whole ones; ties of worth; rows with a floor, a cap or both, or an equation."""
    n = draw(st.integers(2, 8))
    m = draw(st.integers(1, 3))
    columns: list[dict[int, float]] = []
    for _ in range(n):
        rows = draw(st.sets(st.integers(0, m - 1), min_size=1, max_size=2 if draw(st.integers(0, 3)) == 0 else 1))
        columns.append({r: draw(st.sampled_from([1.0, 2.0, 3.0, 5.0])) for r in rows})
    bounds = []
    for _ in range(m):
        low = draw(st.none() | st.integers(0, 10).map(float))
        high = low if low is not None and draw(st.booleans()) else draw(st.none() | st.integers(0, 14).map(float))
        bounds.append((-np.inf if low is None else low, np.inf if high is None else max(high, low or 0.0)))
    kinds = "".join(draw(st.lists(st.sampled_from("CCB"), min_size=n, max_size=n)))
    upper = [1.0 if k == "B" else draw(st.sampled_from([1.0, 1.0, 0.5])) for k in kinds]
    lower = [0.0 if k == "B" else draw(st.sampled_from([0.0, 0.0, 0.25])) for k in kinds]
    cost = draw(st.lists(st.sampled_from([-1.0, 0.5, 1.0, 2.0, 3.0, 7.0]), min_size=n, max_size=n))
    return problem_of(columns, bounds, kinds=kinds, lower=lower, upper=upper, cost=cost)


@st.composite
def class_rows(draw: st.DrawFn) -> LinearProblem:
    """A tie-break in miniature: classes that each keep their total (an equation) over members of falling
    preference, whole and continuous, and a cap across two classes."""
    columns: list[dict[int, float]] = []
    kinds, cost, bounds = "", [], []
    for c in range(draw(st.integers(1, 2))):
        amounts = draw(st.lists(st.sampled_from([1.0, 2.0, 3.0, 4.0]), min_size=2, max_size=7))
        members = "".join(draw(st.sampled_from("CCB")) for _ in amounts)
        paid = draw(st.lists(st.booleans(), min_size=len(amounts), max_size=len(amounts)))
        total = sum(a for a, p in zip(amounts, paid, strict=True) if p) + draw(st.sampled_from([0.0, 0.0, 0.5]))
        bounds.append((total, total))
        for k, amount in enumerate(amounts):
            columns.append({c: amount})
            cost.append(amount * (1 / (1 + k) + 0.3 / (1 + k) ** 2))
        kinds += members
    if len(bounds) == 2 and draw(st.booleans()):  # a cap over one member of each class
        first, second = draw(st.integers(0, len(columns) - 1)), draw(st.integers(0, len(columns) - 1))
        for j in {first, second}:
            columns[j][2] = columns[j][next(iter(columns[j]))]
        bounds.append((-np.inf, float(draw(st.integers(0, 6)))))
    return problem_of(columns, bounds, kinds=kinds, cost=cost)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems() | class_rows())
def test_what_exchange_decides_every_optimum_has(problem: LinearProblem) -> None:
    # the same optimum with the decided columns set aside (their values put back, a feasible point of the whole
    # problem); and no optimum gives a decided column anything else: held away from its value by a margin
    # (the problems' vertices are multiples of 1/60 or so), the optimum is lower or there is none
    values = decided_by_exchange(problem)
    full = solve(problem, "highs", presolve=False)
    smaller = solve(problem.with_columns_fixed(values), "highs", presolve=False)
    assert smaller.status is full.status
    if full.status is not SolveStatus.OPTIMAL:
        return
    assert full.objective is not None and smaller.values is not None
    every = values.copy()
    every[np.isnan(values)] = smaller.values
    assert problem.within_rows(every, 1e-6)
    assert float(problem.cost @ every) == pytest.approx(full.objective, abs=1e-6)
    for j in np.flatnonzero(~np.isnan(values)).tolist():
        lower, upper = problem.lower.copy(), problem.upper.copy()
        if values[j] == problem.upper[j]:
            upper[j] = values[j] - 1e-3
        else:
            lower[j] = values[j] + 1e-3
        if problem.kinds[j] == "B":
            lower[j] = upper[j] = 1.0 - values[j]
        away = solve(problem.replaced(lower=lower, upper=upper), "highs", presolve=False)
        assert away.status is not SolveStatus.OPTIMAL or away.objective < full.objective - 1e-7, (j, values[j])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_tie_break_publishes_the_same_allocation_with_or_without_what_exchange_decides(
        instance: tuple[list[Any], dict[str, Any]]) -> None:
    # every year broken as a year above FULL_FACE is (the tie-break, not the canonical stages)
    apps, scenario = instance
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(optimise, "FULL_FACE", 0)
        try:
            reduced = allocate_instance(apps, scenario)
        except Infeasible:
            return
        patch.setattr(tie_break, "decided_by_exchange", lambda problem: np.full(len(problem.column_names), NAN))
        as_it_is = allocate_instance(apps, scenario)
    assert [(a.application_id, a.allocated) for a in reduced.awards] == [
        (a.application_id, a.allocated) for a in as_it_is.awards]
