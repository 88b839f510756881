"""The optimum's face narrowed by the LP relaxation's duals (optimizer/solving/narrow.py, docs/canonical.md).

The narrowing must never cut an allocation of the face off — else a stage would miss the greatest one in rank
order — and the canonical stages must publish what they published without it. Checked: the bound itself for any
duals on random problems; every column's true range on the face (found by solving for it) within the narrowed
bounds, on random small years; the same allocation.csv with and without the narrowing, on random small years and
on a bench year of 2,000 applications with a minimum ratio (where hundreds of awards are decided); and by hand,
what a whole award, two minimum-ratio awards and a continuous one become.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import ROOT, scenario_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_canonical import (
    DISTINCT,
    POLICY,
    Instance,
    a,
    csv_of,
    motif_years,
    outcome,
    partial_years,
    trade_years,
    whole_years,
)

from optimizer.jobs.allocate import allocate
from optimizer.rules.entitle import entitle
from optimizer.solving import canonical, optimise
from optimizer.solving.backends import SolveStatus, problem_from_rows, solve
from optimizer.solving.formulation import NOISE
from optimizer.solving.model import build_model
from optimizer.solving.narrow import dual_bound, narrowed, relaxation_bound

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic  # a script, not a package: found through the path above

W = 10_000


# ------------------------------------------------------------------ the bound, for any duals


@st.composite
def boxed_problems(draw: st.DrawFn) -> tuple[Any, np.ndarray, np.ndarray]:
    """A problem whose rows hold around a point x of its box (so x meets them), and any row duals."""
    n, m = draw(st.integers(1, 6)), draw(st.integers(1, 4))
    numbers = st.floats(-5, 5, allow_nan=False).map(lambda v: round(v, 3))
    upper = np.array([draw(st.floats(0.1, 3).map(lambda v: round(v, 3))) for _ in range(n)])
    x = np.array([draw(st.floats(0, 1)) for _ in range(n)]) * upper
    rows = []
    for i in range(m):
        columns = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))
        coefs = [draw(numbers) for _ in columns]
        at = float(np.dot(coefs, x[columns]))
        low = draw(st.sampled_from([-np.inf, at - draw(st.floats(0, 2)), at]))
        high = draw(st.sampled_from([np.inf, at + draw(st.floats(0, 2)), at]))
        rows.append((f"r{i}", columns, coefs, low, high))
    problem = problem_from_rows([f"c{j}" for j in range(n)], np.array([draw(numbers) for _ in range(n)]),
                                np.zeros(n), upper, ["C"] * n, rows)
    return problem, x, np.array([draw(numbers) for _ in range(m)])


@settings(max_examples=300, deadline=None)
@given(boxed_problems())
def test_the_dual_bound_holds_for_every_allocation_and_any_duals(case: tuple[Any, np.ndarray, np.ndarray]) -> None:
    problem, x, duals = case
    bound = dual_bound(problem, duals)
    assert float(problem.cost @ x) <= (bound.value - float(np.abs(bound.reduced) @ np.abs(x - bound.favoured))
                                       + bound.margin + 1e-12)


def test_the_relaxations_duals_bound_it_by_its_optimum() -> None:
    # max 3a + 2b, a + b ≤ 1.5: the LP pays a in full and half of b (worth 4); its duals give exactly that
    problem = problem_from_rows(["a", "b"], np.array([3.0, 2.0]), np.zeros(2), np.ones(2), ["C", "C"],
                                [("budget", [0, 1], [1.0, 1.0], -np.inf, 1.5)])
    bound = relaxation_bound(problem)
    assert bound is not None
    assert bound.value == pytest.approx(4.0)
    assert bound.reduced.tolist() == pytest.approx([1.0, 0.0])  # a favours its entitlement; b is at the margin
    assert bound.favoured[0] == 1.0


# ------------------------------------------------------------------ what it decides, by hand


def _four() -> tuple[Any, Any]:
    """max 10a + 6s + 2t + 4c over a + s + t + c ≤ 2.2; a whole, s and t 0 or at least 0.5 and 0.6, c continuous.
    The optimum, a = s = 1 and c = 0.2, is the LP's: nothing else is worth as much."""
    problem = problem_from_rows(["a", "s", "t", "c"], np.array([10.0, 6.0, 2.0, 4.0]), np.array([0, 0.5, 0.6, 0]),
                                np.ones(4), ["B", "S", "S", "C"], [("budget", [0, 1, 2, 3], [1.0] * 4, -np.inf, 2.2)])
    return problem, canonical.face_of(problem, np.array([1.0, 1.0, 0.0, 0.2]))


def test_what_the_worth_decides_is_fixed_and_what_it_does_not_is_left() -> None:
    problem, face = _four()
    bound = relaxation_bound(problem)
    assert bound is not None
    start = np.array([1.0, 1.0, 0.0, 0.2])
    narrow = narrowed(face, bound, float(problem.cost @ start) - NOISE, start)
    assert narrow.kinds == ("B", "C", "C", "C")  # a stays whole (fixed); s and t lose their "0, or at least"
    assert (narrow.lower[0], narrow.upper[0]) == (1.0, 1.0)  # a paid: 6 points a share above the margin
    assert narrow.lower[1] == pytest.approx(1.0) and narrow.upper[1] == 1.0  # s cannot give a sliver
    assert (narrow.lower[2], narrow.upper[2]) == (0.0, 0.0)  # t cannot reach its minimum
    assert (narrow.lower[3], narrow.upper[3]) == (0.0, 1.0)  # c, at the margin, is the stages' to move
    assert narrow.row_names == face.row_names and (narrow.row_lower == face.row_lower).all()


def test_a_column_the_start_would_lie_outside_of_is_left_as_it_was() -> None:
    # a start off the face (a unpaid) — as a solver's rounding could leave one a hair off: a is not narrowed
    problem, face = _four()
    bound = relaxation_bound(problem)
    assert bound is not None
    start = np.array([0.0, 1.0, 0.0, 0.2])
    narrow = narrowed(face, bound, float(problem.cost @ np.array([1.0, 1.0, 0.0, 0.2])) - NOISE, start)
    assert (narrow.lower[0], narrow.upper[0], narrow.kinds[0]) == (0.0, 1.0, "B")
    assert (narrow.lower[2], narrow.upper[2]) == (0.0, 0.0)


def test_the_walk_starts_from_the_narrowed_face(monkeypatch: pytest.MonkeyPatch) -> None:
    # 750万 pays A1 and B2 in full and C3 in part: their reduced costs decide A1, B2 and D4; C3 is at the margin
    faces: list[Any] = []
    walk = canonical._Walk.__init__

    def kept(self: Any, model: Any, problem: Any, face: Any, *args: Any) -> None:
        faces.append(face)
        walk(self, model, problem, face, *args)

    monkeypatch.setattr(canonical._Walk, "__init__", kept)
    outcome(DISTINCT, {"budget": 750 * W, "min_funding_ratio": 0.3}, "highs")
    face = faces[0]
    assert face.kinds == ("C", "C", "S", "C")  # A1, B2: 0 out of reach; D4: its minimum; C3 as it was
    assert face.lower[:2] == pytest.approx([1.0, 1.0]) and face.upper[3] == 0.0
    assert (face.lower[2], face.upper[2]) == (0.3, 1.0)


# ------------------------------------------------------------------ never an allocation of the face cut off


def _face_of_year(apps: list[Any], settings: dict[str, Any]) -> tuple[Any, np.ndarray] | None:
    model = build_model(entitle(apps, POLICY, year=2026), POLICY, scenario_of(**settings))
    if not model.columns:
        return None
    problem = optimise.to_problem(model, optimise.objective_scale(model))
    first = optimise._first_solve(model, problem, "highs", None)
    if first.values is None:
        return None
    start = canonical._snapped(first.values, model.amounts, problem)
    return problem, start


def _range_on(face: Any, j: int, sense: float) -> float | None:
    """The most (sense 1) or least (sense -1) column j is on the face, by HiGHS; None when it proves nothing."""
    cost = np.zeros(len(face.cost))
    cost[j] = sense
    run = solve(face.replaced(cost=cost), "highs", presolve=False)
    return None if run.status is not SolveStatus.OPTIMAL or run.values is None else float(run.values[j])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(whole_years(), partial_years(), trade_years(), motif_years()), st.sampled_from([0, 0.3, 0.5]))
def test_no_allocation_on_the_face_lies_outside_the_narrowed_bounds(instance: Instance, ratio: float) -> None:
    apps, settings_ = instance
    found = _face_of_year(apps, {**settings_, "min_funding_ratio": ratio or settings_.get("min_funding_ratio", 0)})
    if found is None:
        return
    problem, start = found
    bound = relaxation_bound(problem)
    assert bound is not None
    face = canonical.face_of(problem, start)
    narrow = narrowed(face, bound, float(problem.cost @ start) - NOISE, start)
    for j in np.flatnonzero((narrow.lower != face.lower) | (narrow.upper != face.upper)):
        most, least = _range_on(face, j, 1.0), _range_on(face, j, -1.0)
        if most is not None:
            assert most <= narrow.upper[j] + 1e-6
        if least is not None and not (narrow.kinds[j] == "S" and least <= 1e-9):
            assert least >= narrow.lower[j] - 1e-6


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(partial_years(), trade_years(), motif_years()), st.sampled_from([0, 0.3, 0.5]))
def test_the_stages_publish_what_they_published_without_the_narrowing(instance: Instance, ratio: float) -> None:
    apps, settings_ = instance
    settings_ = {**settings_, "min_funding_ratio": ratio or settings_.get("min_funding_ratio", 0)}
    narrowed_csv = csv_of(outcome(apps, settings_, "highs"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(canonical, "relaxation_bound", lambda problem: None)
        assert narrowed_csv == csv_of(outcome(apps, settings_, "highs"))


def test_a_year_without_a_relaxation_bound_is_walked_on_the_whole_face(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(canonical, "relaxation_bound", lambda problem: None)
    result = outcome([a("A1", "3", 90), a("B2", "3", 80)], {"budget": 400 * W}, "highs")
    assert not isinstance(result, list)
    assert {x.application_id: x.allocated for x in result.awards} == {"A1": 300 * W, "B2": 100 * W}


def test_a_bench_year_with_a_minimum_ratio_publishes_the_same_from_a_narrowed_face(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 2,000 applications of the bench's generator (seed 11), minimum ratio 0.3: the LP's duals decide hundreds of
    # awards (whole ones fixed, minimum ratios settled), and the stages publish what they published without that
    workbook, scenario = tmp_path / "year.xlsx", tmp_path / "year.toml"
    synthetic.write_workbook(workbook, 2000, seed=11)
    scenario.write_text(synthetic.scenario_text(2000, min_funding_ratio="0.3"), encoding="utf-8")
    faces: list[Any] = []
    walk = canonical._Walk.__init__

    def kept(self: Any, model: Any, problem: Any, face: Any, *args: Any) -> None:
        faces.append((problem, face))
        walk(self, model, problem, face, *args)

    monkeypatch.setattr(canonical._Walk, "__init__", kept)
    narrowed_csv = csv_of(allocate(workbook, scenario, policy=POLICY))
    problem, face = faces[-1]
    decided = (face.lower == face.upper) & (problem.lower < problem.upper)
    assert int(decided.sum()) >= 300 and face.kinds.count("S") < problem.kinds.count("S")
    monkeypatch.setattr(canonical, "relaxation_bound", lambda problem: None)
    assert csv_of(allocate(workbook, scenario, policy=POLICY)) == narrowed_csv
