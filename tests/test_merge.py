"""Parallel applications solved as one column (optimizer/merge.py): which merge, how a merged solution is
split, and that the merged problem has the full one's optimum and gives the same allocation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from unittest import mock

import numpy as np
import pytest
from helpers import app, code, scenario_of, workbook_of
from hypothesis import assume, given
from hypothesis import strategies as st

from optimizer.domain import Application
from optimizer.jobs.allocate import allocate
from optimizer.rules.entitle import entitle
from optimizer.rules.policy import load_policy
from optimizer.solving import merge
from optimizer.solving.backends import SolveStatus, solve
from optimizer.solving.formulation import to_problem
from optimizer.solving.merge import first_problem, spread
from optimizer.solving.model import Model, build_model

POLICY = load_policy()


def model_of(apps: list[Application], **settings: Any) -> Model:
    scenario = scenario_of(**settings)
    return build_model(entitle(apps, POLICY, year=scenario.year), POLICY, scenario)


def a(app_id: str, clause: str, score: int, **fields: Any) -> Application:
    fields.setdefault("credit_code", code(int(app_id[1:])))
    return app(application_id=app_id, clause=clause, score=Decimal(score), **fields)


def groups(model: Model) -> list[list[str]]:
    merged = first_problem(model, to_problem(model, Decimal(100)))
    found: dict[int, list[str]] = {}
    for j, g in zip(merged.members.tolist(), merged.group.tolist(), strict=True):
        found.setdefault(g, []).append(model.columns[j].application_id)
    return sorted(found.values())


def test_equal_value_in_the_same_limits_is_one_column() -> None:
    apps = [a("A1", "7b", 80), a("A2", "7b", 80, investment=Decimal(9_000_000)), a("A3", "7b", 70),
            a("A4", "10", 75), a("A5", "10", 75), a("A6", "8a", 75)]
    model = model_of(apps, budget="100万")
    # A1, A2: continuous, equal value (different amounts merge); A4, A5: whole awards of 50万 at 75;
    # A3 has another value, A6 another amount
    assert groups(model) == [["A1", "A2"], ["A3"], ["A4", "A5"], ["A6"]]


def test_whole_awards_the_continuous_ones_leave_no_gap_between_are_one_continuous_column_with_them() -> None:
    # at 80: A1 continuous (90万), A2 whole (50万), A3 whole (100万): 50万 ≤ 90万, 100万 ≤ 140万, so every sum up
    # to 240万 can be paid — one continuous share of 240万. At 70, A5's 100万 is more than A4's 90万 can bridge.
    apps = [a("A1", "7b", 80, investment=Decimal(9_000_000)), a("A2", "10", 80), a("A3", "8a", 80),
            a("A4", "7b", 70, investment=Decimal(9_000_000)), a("A5", "8a", 70), a("A6", "8a", 60)]
    model = model_of(apps, budget="100万")
    assert groups(model) == [["A1", "A2", "A3"], ["A4"], ["A5"], ["A6"]]
    given = first_problem(model, to_problem(model, Decimal(100)))
    column = given.group[given.members.tolist().index(0)]
    assert given.problem.kinds[column] == "C" and given.totals[column] == 2_400_000
    assert merge._gap_free([900_000, 500_000, 1_000_000], [False, True, True])
    assert not merge._gap_free([900_000, 1_000_000], [False, True])
    assert not merge._gap_free([500_000, 500_000], [True, True]) and not merge._gap_free([1, 2], [False, False])


@pytest.mark.parametrize(("yuan", "shares"), [
    (0.0, [0.0, 0.0, 0.0]),
    (800_000.0, [8 / 9, 0.0, 0.0]),  # the continuous one can pay it all: no whole award
    (1_200_000.0, [7 / 9, 1.0, 0.0]),  # 90万 + 50万 can pay it without the 100万; 90万 alone cannot
    (1_450_000.0, [0.5, 0.0, 1.0]),  # 90万 + 50万 cannot: the 100万, and 45万 of the continuous one
    (2_400_000.0, [1.0, 1.0, 1.0]),
])
def test_a_continuous_column_with_whole_awards_in_it_pays_them_in_full_or_not_at_all(
        yuan: float, shares: list[float]) -> None:
    # members best-ranked first: continuous 90万, whole 50万, whole 100万
    got = merge._split_mixed(yuan, np.array([900_000.0, 500_000.0, 1_000_000.0]), np.array([False, True, True]))
    assert got.tolist() == pytest.approx(shares)
    assert float(got @ np.array([900_000.0, 500_000.0, 1_000_000.0])) == pytest.approx(yuan)


def test_different_limits_are_not_merged() -> None:
    apps = [a("A1", "7b", 80), a("A2", "7b", 80, credit_code=code(1)), a("A3", "7b", 80)]
    # A1 and A2 are one applicant, whose cap can bind; A3 is alone under its cap (which cannot bind)
    model = model_of(apps, budget="100万", applicants={"max_total": "350万"})
    assert groups(model) == [["A1", "A2"], ["A3"]]


def test_the_solver_gets_the_columns_by_value_merged_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    apps = [a("A1", "7b", 90), a("A2", "10", 60), a("A3", "7b", 70), a("A4", "7b", 60), a("A5", "10", 90)]
    model = model_of(apps, budget="100万")
    for presolve in (False, True):
        given = first_problem(model, to_problem(model, Decimal(100)))
        assert given.presolve is presolve
        first = [model.columns[j].application_id for j in given.members]
        assert first == ["A2", "A4", "A3", "A1", "A5"]  # 60, 60, 70, 90, 90: equal values in the model's order
        monkeypatch.setattr(merge, "MERGE_UP_TO", 0)  # next: every column on its own


def test_a_large_merged_problem_is_presolved_not_given_up(monkeypatch: pytest.MonkeyPatch) -> None:
    # past PRESOLVE_FROM merged columns the merged problem is still the one solved, with presolve (at 100,000
    # applications 13,088 columns: 1.2–7× faster than every application on its own)
    apps = [a("A1", "7b", 80), a("A2", "7b", 80), a("A3", "7b", 70), a("A4", "10", 60)]
    model = model_of(apps, budget="100万")
    monkeypatch.setattr(merge, "PRESOLVE_FROM", 2)
    given = first_problem(model, to_problem(model, Decimal(100)))
    assert len(given.problem.column_names) == 3 and given.presolve is True


def test_semi_continuous_columns_are_never_merged() -> None:
    apps = [a("A1", "7b", 80), a("A2", "7b", 80)]
    assert groups(model_of(apps, budget="100万", min_funding_ratio=0.5)) == [["A1"], ["A2"]]


def test_a_merged_solution_goes_to_the_best_ranked_first() -> None:
    apps = [a("A1", "7b", 80, submitted_on=date(2026, 3, 2)), a("A2", "7b", 80, submitted_on=date(2026, 3, 1)),
            a("A3", "10", 70, submitted_on=date(2026, 3, 2)), a("A4", "10", 70, submitted_on=date(2026, 3, 1)),
            a("A5", "10", 70, submitted_on=date(2026, 3, 3))]
    model = model_of(apps, budget="100万")
    merged = first_problem(model, to_problem(model, Decimal(100)))
    kinds = merged.problem.kinds
    assert sorted(kinds) == ["B", "C"] and merged.problem.upper[kinds.index("B")] == 3
    # the continuous group (2 × 300万) half paid, two of the three 50万 awards
    values = np.where(np.array(kinds) == "B", 2.0, 0.5)
    yuan = dict(zip((c.application_id for c in model.columns), spread(merged, model, values) * model.amounts,
                    strict=True))
    assert yuan == {"A1": 0.0, "A2": 3_000_000.0, "A3": 500_000.0, "A4": 500_000.0, "A5": 0.0}


@given(st.lists(st.tuples(st.integers(1, 5_000_000), st.booleans()), min_size=2, max_size=12),
       st.floats(0.0, 1.0))
def test_every_sum_a_gap_free_group_can_pay_is_split_exactly(members: list[tuple[int, bool]], fraction: float) -> None:
    amounts, whole = [m[0] for m in members], [m[1] for m in members]
    assume(merge._gap_free(amounts, whole))
    yuan = fraction * sum(amounts)
    shares = merge._split_mixed(yuan, np.array(amounts, dtype=float), np.array(whole))
    assert all(share in (0.0, 1.0) for share, w in zip(shares.tolist(), whole, strict=True) if w)
    assert all(0.0 <= share <= 1.0 for share in shares.tolist())
    assert float(shares @ np.array(amounts, dtype=float)) == pytest.approx(yuan, rel=1e-12, abs=1e-6)


CLAUSES = ["7b", "10", "8a", "13"]


@st.composite
def parallel_years(draw: st.DrawFn) -> tuple[list[Application], dict[str, Any]]:
    """Years with many equal applications: few clauses, scores, districts and amounts."""
    n = draw(st.integers(1, 14))
    apps = [app(row=i + 2, application_id=f"A{i:02d}", clause=draw(st.sampled_from(CLAUSES)),
                score=Decimal(draw(st.sampled_from([60, 80]))), submitted_on=date(2026, 3, draw(st.integers(1, 2))),
                district=draw(st.sampled_from(["两江新区", "万州区"])), credit_code=code(draw(st.integers(1, 3))),
                investment=Decimal(draw(st.sampled_from([5_000_000, 20_000_000, 40_000_000]))))
            for i in range(n)]
    settings: dict[str, Any] = {"budget": draw(st.integers(0, 12_000_000)),
                                "fixed_awards": draw(st.sampled_from(["whole", "whole", "prorate"])),
                                "rounding": draw(st.sampled_from([1, 1000]))}
    if draw(st.booleans()):
        settings["envelopes"] = [{"name": "E", "clauses": ["7b", "10"], "max": draw(st.integers(0, 8_000_000))}]
    if draw(st.booleans()):
        settings["applicants"] = {"max_total": draw(st.integers(500_000, 6_000_000))}
    return apps, settings


@given(parallel_years())
def test_the_merged_problem_has_the_full_problems_optimum(year: tuple[list[Application], dict[str, Any]]) -> None:
    apps, settings = year
    model = model_of(apps, **settings)
    if not model.columns:
        return
    full = to_problem(model, Decimal(100))
    merged = first_problem(model, full)
    whole, part = solve(full, "highs"), solve(merged.problem, "highs", presolve=False)
    assert whole.status is part.status is SolveStatus.OPTIMAL
    assert whole.values is not None and part.values is not None
    assert abs(whole.objective - part.objective) <= 1e-6 * max(1.0, abs(whole.objective))  # type: ignore[operator]
    shares = spread(merged, model, part.values)
    assert abs(float(full.cost @ shares) - part.objective) <= 1e-6 * max(1.0, abs(part.objective))  # type: ignore[arg-type]
    used = model.used(shares * model.amounts)
    assert all(row.upper is None or used[i] <= row.upper + 1e-3 for i, row in enumerate(model.rows))


@given(parallel_years())
def test_the_same_allocation_whichever_problem_is_solved(year: tuple[list[Application], dict[str, Any]]) -> None:
    apps, settings = year
    scenario = scenario_of(**settings)
    book = workbook_of(*apps)
    results = [allocate(book, scenario, policy=POLICY, solver=s) for s in ("highs", "cbc")]
    with mock.patch.object(merge, "MERGE_UP_TO", 0):  # the full problem, with presolve
        results.append(allocate(book, scenario, policy=POLICY))
    with mock.patch.object(merge, "PRESOLVE_FROM", 0):  # the merged problem, with presolve, as a large year's
        results.append(allocate(book, scenario, policy=POLICY))
    first, *others = [[(a.application_id, a.allocated, a.status, a.reasons) for a in r.awards] for r in results]
    assert all(other == first for other in others)


def plain_groups(model: Model, problem: Any) -> list[int]:
    """_parallel_groups as first written, a dict of tuples: one number per (kind, value, whole amount, rows),
    semi-continuous columns alone, a gap-free group of continuous and whole columns one; numbered in order of
    each group's first column."""
    code, kinds = model.classes[1].tolist(), problem.kinds
    number: dict[tuple[object, ...], int] = {}
    group: list[int] = []
    together: dict[tuple[int, bytes], list[int]] = {}
    for j, (col, kind) in enumerate(zip(model.columns, kinds, strict=True)):
        rows = problem.indices[problem.starts[j]:problem.starts[j + 1]].tobytes()
        if kind != "S":
            together.setdefault((code[j], rows), []).append(j)
        key = (j,) if kind == "S" else (kind, code[j], col.amount if kind == "B" else 0, rows)
        group.append(number.setdefault(key, len(number)))
    for columns in together.values():
        if merge._gap_free([model.columns[j].amount for j in columns], [kinds[j] == "B" for j in columns]):
            for j in columns:
                group[j] = group[columns[0]]
    renumbered: dict[int, int] = {}
    return [renumbered.setdefault(g, len(renumbered)) for g in group]


@given(parallel_years(), st.sampled_from([None, 0.3]))
def test_parallel_columns_are_numbered_as_the_plain_definition_numbers_them(
        year: tuple[list[Application], dict[str, Any]], ratio: float | None) -> None:
    apps, settings = year
    model = model_of(apps, **settings, **({"min_funding_ratio": ratio} if ratio else {}))
    assume(model.columns)
    problem = to_problem(model, Decimal(100))
    assert merge._parallel_groups(model, problem).tolist() == plain_groups(model, problem)


def test_a_year_mostly_of_whole_awards_is_presolved() -> None:
    # three of four columns whole (more than TIE_HEAVY_SHARE), and few a row (three): HiGHS presolves
    whole = [a("A1", "10", 90), a("A2", "10", 80), a("A3", "8a", 70)]
    model = model_of([*whole, a("A4", "7b", 60)], budget="100万")
    assert first_problem(model, to_problem(model, Decimal(100))).presolve is True
    half = model_of([*whole[:2], a("A4", "7b", 60), a("A5", "7b", 50)], budget="100万")
    assert first_problem(half, to_problem(half, Decimal(100))).presolve is False


def test_a_year_of_whole_awards_crowding_few_rows_is_not_presolved() -> None:
    # 32 whole awards of different values under the budget alone: more than TIE_HEAVY_PER_ROW a row. Merged
    # (the continuous ones with them), the bench's `whole` shape was 1.6–4.7× faster unpresolved
    model = model_of([a(f"A{i}", "10", 60 + i) for i in range(1, 33)], budget="100万")
    given = first_problem(model, to_problem(model, Decimal(100)))
    assert given.problem.kinds.count("B") == 32 and given.presolve is False


def test_rows_of_very_large_bounds_are_scaled_for_the_solver(monkeypatch: pytest.MonkeyPatch) -> None:
    # A million applications' budget (4.7e7 万元) summed in floats is a few 1e-7 off, past HiGHS's tolerance; the
    # first problem divides such a row (here: every row past 60 万元) until its bounds are ROW_BOUND_MOST. The same
    # optimum and allocation; other rows, and problems without such rows, unchanged.
    apps = [a("A1", "3", 90), a("A2", "3", 80), a("A3", "10", 70), a("A4", "8a", 60)]
    model = model_of(apps, budget="250万", applicants={"max_total": "400万"})
    problem = to_problem(model, Decimal(100))
    monkeypatch.setattr(merge, "MERGE_UP_TO", 0)  # every column on its own, as the largest years are
    plain = first_problem(model, problem).problem
    monkeypatch.setattr(merge, "ROW_BOUND_MOST", 60.0)
    scaled = first_problem(model, problem).problem
    budget = plain.row_names.index("budget")
    assert plain.row_upper[budget] == 250 and scaled.row_upper[budget] == pytest.approx(60, rel=1e-15)
    assert np.allclose(scaled.activity(np.ones(4)) * np.maximum(1, plain.row_upper / 60), plain.activity(np.ones(4)))
    runs = [solve(p, "highs") for p in (plain, scaled)]
    assert runs[0].objective == pytest.approx(runs[1].objective, rel=1e-12)
    assert np.allclose(runs[0].values, runs[1].values)
    assert scaled.with_large_rows_scaled(60.0) is scaled  # nothing past the bound: the problem itself
