"""The canonical optimum (CONTRACT §4.6): among all optimal allocations, the greatest in rank order.

Applications rank by value (weight × score) descending, then score, submission date and application_id
(rules/ties.py). Of two optimal allocations, the published one is the one that, at the first application in that
order where they differ, gives it more — also when applications of *different* values tie in total worth (one
100万 award at 60 against two 50万 awards at 70 and 50: the 70 ranks first, so the two 50万 awards are funded).

For a year of up to `FULL_FACE` applications this module finds it exactly, by lexicographic stages over the
optimum's face — every allocation worth the first solve's optimum z*:

1. the face is the model's rows plus one more, Σ value × award ≥ z* (less the solvers' tolerance);
2. in rank order, each application in turn gets the most it can on the face with the better-ranked ones fixed at
   theirs. Runs of whole awards are decided together, weighted 2^(k−1) … 2, 1 for the k of the run (a whole award
   is 0 or 1, so these weights order the run's choices exactly as rank order does); an application the current
   allocation already pays in full needs no solve;
3. applications of value 0 last: they are worth nothing, so they keep the least the limits let them (only a floor
   can need them), and of those the better-ranked first.

Larger years break ties within each class of equal value (tie_break.py); see docs/canonical.md for what that
leaves and why.
"""

from __future__ import annotations

import math

import numpy as np

from optimizer.errors import Hint, SolverError
from optimizer.solving.backends import (
    LinearProblem,
    Run,
    SolveStatus,
    checked,
    other_solver,
    problem_from_rows,
    solve,
)
from optimizer.solving.formulation import NOISE, UNIT, snap
from optimizer.solving.model import Model
from optimizer.solving.tie_break import preference
from optimizer.words import Phrase

FULL_FACE = 40  # applications: up to this many, the canonical optimum is found by lexicographic stages
RUN = 20  # whole awards decided in one stage: weights up to 2^19, exact in any solver's doubles
FACE_TOLERANCE = 1e-9  # of the optimum: what the face may fall short of z* (the solvers' own tolerance is 1e-9)


def lexicographic(model: Model, problem: LinearProblem, first: Run, solver: str,
                  time_limit: float | None) -> Run:
    """The greatest allocation in rank order among those worth the first solve's optimum (shares, per column)."""
    assert first.values is not None
    amounts = model.amounts
    start = _snapped(first.values, amounts, problem)
    face = face_of(problem, start)
    lower, upper, kinds = face.lower.copy(), face.upper.copy(), list(face.kinds)
    current, seconds = start, first.seconds
    order = sorted((j for j, col in enumerate(model.columns) if col.value > 0),
                   key=lambda j: (-model.columns[j].value, model.columns[j].rank))  # rank order: value first
    i = 0
    while i < len(order):
        block = _block(order, i, kinds)
        i += len(block)
        if all(current[j] >= upper[j] - 1e-9 for j in block):
            _fix(block, current, lower, upper, kinds)
            continue
        cost = np.zeros(len(current))
        if kinds[block[0]] == "B":
            cost[block] = [2.0 ** (len(block) - 1 - b) for b in range(len(block))]
        else:  # in yuan: a share of a large entitlement would move by less than the solver's tolerance
            cost[block] = float(model.columns[block[0]].amount)
        run = _stage(face, cost, lower, upper, kinds, current, solver, time_limit)
        current, seconds = _snapped(run.values, amounts, problem), seconds + run.seconds
        _fix(block, current, lower, upper, kinds)
    worthless = sorted((j for j, col in enumerate(model.columns) if col.value == 0),
                       key=lambda j: model.columns[j].rank)
    if worthless:
        cost = np.zeros(len(current))
        for k, j in enumerate(worthless):  # negative: paid only where a floor needs them, the better-ranked first
            cost[j] = (preference(k) / 2 - 1.0) * model.columns[j].amount / UNIT
        run = _stage(face, cost, lower, upper, kinds, current, solver, time_limit)
        current, seconds = _snapped(run.values, amounts, problem), seconds + run.seconds
    _check_not_below(model, order, current * amounts, start * amounts)
    return Run(SolveStatus.OPTIMAL, current, first.objective, None, seconds, first.detail)


def _check_not_below(model: Model, order: list[int], found: np.ndarray, first: np.ndarray) -> None:
    """The published allocation is at least the first solve's in rank order (both are optimal): at the first
    application where they differ by half a yuan or more, it gives more. Anything else is an error, never a result."""
    for j in order:
        if abs(found[j] - first[j]) >= 0.5:
            if found[j] < first[j]:
                raise SolverError(Phrase.of("solver.not_canonical", application=model.columns[j].application_id))
            return


def _snapped(shares: np.ndarray | None, amounts: np.ndarray, problem: LinearProblem) -> np.ndarray:
    """The solver's shares made exactly what they stand for: a whole award 0 or 1, a semi-continuous one 0 or at
    least its minimum, and within SNAP of a whole yuan that yuan (CBC prints 8 significant digits) — so that fixing
    them, and loosening the rows to where they lie, leaves every stage feasible."""
    assert shares is not None
    kinds = np.array(problem.kinds)
    values = np.clip(snap(np.asarray(shares) * amounts) / amounts, 0.0, problem.upper)
    values = np.where(kinds == "B", np.round(values), values)
    semi = kinds == "S"
    return np.where(semi & (values < problem.lower / 2), 0.0,
                    np.where(semi, np.maximum(values, problem.lower), values))


def face_of(problem: LinearProblem, start: np.ndarray) -> LinearProblem:
    """The problem's rows, loosened to where `start` (the first solve's allocation) lies if the solver's tolerance
    put it a little outside, and one more: the objective at least its value at `start`, less FACE_TOLERANCE of it."""
    used = _row_activity(problem, start)
    z = float(problem.cost @ start)
    rows = [(name, *_row(problem, k), min(float(problem.row_lower[k]), used[k]) - NOISE,
             max(float(problem.row_upper[k]), used[k]) + NOISE) for k, name in enumerate(problem.row_names)]
    nonzero = np.flatnonzero(problem.cost)
    rows.append(("optimum", nonzero.tolist(), problem.cost[nonzero].tolist(),
                 z - FACE_TOLERANCE * max(1.0, abs(z)) - NOISE, math.inf))
    return problem_from_rows(problem.column_names, problem.cost, problem.lower, problem.upper, problem.kinds, rows)


def _row_activity(problem: LinearProblem, x: np.ndarray) -> list[float]:
    columns = np.repeat(np.arange(len(problem.column_names)), np.diff(problem.starts))
    activity = np.bincount(problem.indices, weights=problem.values * x[columns], minlength=len(problem.row_names))
    return [float(a) for a in activity]


def _row(problem: LinearProblem, k: int) -> tuple[list[int], list[float]]:
    columns = np.repeat(np.arange(len(problem.column_names)), np.diff(problem.starts))
    mask = problem.indices == k
    return columns[mask].tolist(), problem.values[mask].tolist()


def _block(order: list[int], i: int, kinds: list[str]) -> list[int]:
    """The next stage's columns: a run of up to RUN whole awards, or one application of any other kind."""
    if kinds[order[i]] != "B":
        return [order[i]]
    block = [order[i]]
    while len(block) < RUN and i + len(block) < len(order) and kinds[order[i + len(block)]] == "B":
        block.append(order[i + len(block)])
    return block


def _fix(block: list[int], values: np.ndarray, lower: np.ndarray, upper: np.ndarray, kinds: list[str]) -> None:
    """Fix the block's columns at their values: a whole award at 0 or 1, any other at its share as found (as a
    continuous column, so that a semi-continuous one fixed at 0 stays feasible)."""
    for j in block:
        value = float(round(values[j])) if kinds[j] == "B" else min(max(float(values[j]), 0.0), float(upper[j]))
        lower[j] = upper[j] = value
        if kinds[j] != "B":
            kinds[j] = "C"


def _stage(face: LinearProblem, cost: np.ndarray, lower: np.ndarray, upper: np.ndarray, kinds: list[str],
           current: np.ndarray, solver: str, time_limit: float | None) -> Run:
    """One stage on the face: maximise `cost` with the columns fixed so far; proven optimal or an error.

    Each row is loosened to where the current allocation lies, if the solvers' tolerance (or CBC's 8 printed
    digits) put it a little outside: the current allocation meets every row of the stage, so no stage is infeasible.
    """
    used = np.array(_row_activity(face, current))
    stage = face.replaced(cost=cost, lower=lower.copy(), upper=upper.copy(), kinds=tuple(kinds),
                          row_lower=np.minimum(face.row_lower, used - NOISE),
                          row_upper=np.maximum(face.row_upper, used + NOISE))
    run = checked(solve(stage, solver, time_limit=time_limit), "tie_break")
    if run.status is SolveStatus.INFEASIBLE:  # the current allocation meets every row: a presolve's mistake
        run = checked(solve(stage, solver, time_limit=time_limit, presolve=False), "tie_break")
    if run.status is not SolveStatus.OPTIMAL or run.values is None:
        raise SolverError(Phrase.of("solver.tie_break_failed"), hint=Hint("other_solver_then", other_solver(solver)))
    return run
