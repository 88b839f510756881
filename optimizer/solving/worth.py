"""The best worth a model allows, alone or with some applications held funded: the bounds that prove a budget
cannot fund a goal (jobs/budget_search.py; docs/planning.md, What is the least budget that funds …?).

Every limit of a year either stays as it is or grows with the budget (the budget, a district's share, an envelope's
share; a floor is a fixed amount), so the allocations a budget allows are among those every larger budget allows.
Hence both worths below grow with the budget: the year's optimum z*(B), and the best worth H(B) of the allocations
that fund the goal. A budget B whose published allocation funds the goal has H(B) ≥ z*(B), less the face's noise
(that allocation is worth the optimum, and it funds the goal). So when H(b) < z*(a) − `margin`, no budget from a to
b funds it: H(B) ≤ H(b) < z*(a) − margin ≤ z*(B) − margin for every B between.

"Funds" is read as the published allocation reads it, from the solver's awards before the last yuan is settled
(optimise.py: `round_awards`, `settled`): an award paid in full was found at most TOP_UP + SNAP yuan short of its
entitlement, and one paid at all at least its first rounding unit less as much. `held` asks a little less than
that (SLACK yuan), so that the bound holds whatever the solver's floats.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from optimizer.solving.backends import LinearProblem, SolveStatus, checked, solve
from optimizer.solving.formulation import UNIT, objective_scale, to_problem
from optimizer.solving.infeasible import precheck
from optimizer.solving.model import ColumnKind, Model

__all__ = ["MARGIN", "SLACK", "best_worth", "held_amounts", "margin"]

SLACK = 2  # yuan: how much less than the published status implies `held_amounts` asks (TOP_UP + SNAP is 1.05)
MARGIN = 1e-7  # relative: how much less than z*(a) a bound must be to prove anything (the gap HiGHS closes is 1e-9,
               # the face's noise less still)


def margin(worth: float) -> float:
    """How much less than `worth` (an optimum z*) a bound must be to prove a budget does not fund a goal."""
    return MARGIN * max(1.0, abs(worth))


def held_amounts(model: Model, ids: frozenset[str], full: bool) -> dict[int, float]:
    """The least each of `ids` (the model's columns among them) is paid, in yuan, in an allocation worth the
    optimum whose published awards fund it: in full (`full`), its entitlement less SLACK; with any award, its first
    rounding unit less SLACK (a whole award: in full; a semi-continuous one: its minimum)."""
    held: dict[int, float] = {}
    for j, col in enumerate(model.columns):
        if col.application_id not in ids:
            continue
        if col.kind is ColumnKind.WHOLE:
            held[j] = float(col.amount)
        elif full:
            held[j] = max(float(col.amount - SLACK), float(col.floor))
        else:
            held[j] = max(float(min(model.rounding, col.amount) - SLACK), float(col.floor), 0.0)
    return held


def best_worth(model: Model, solver: str = "highs", held: Mapping[int, float] | None = None) -> float | None:
    """The proven optimum Σ weight × score × award of `model` (in the units of `SolverReport.optimum`), with each
    column of `held` paid at least that many yuan; None when no allocation meets the model's limits so (an
    answer "infeasible" is confirmed without presolve: HiGHS 1.16 once called a feasible year infeasible).
    SolverError when the solver proves neither.

    >>> from optimizer.solving.model import Model
    >>> best_worth(Model((), (), available=0, rounding=1))
    0.0
    """
    if not model.columns:
        return 0.0
    if precheck(model):
        return None
    scale = objective_scale(model)
    problem = to_problem(model, scale)
    if held:
        problem = _holding(model, problem, held)
    run = checked(solve(problem, solver), "allocation")
    if run.status is SolveStatus.INFEASIBLE:
        run = checked(solve(problem, solver, presolve=False), "allocation")
    if run.status is SolveStatus.INFEASIBLE or run.values is None:
        return None
    return float(problem.cost @ run.values) * float(scale) * UNIT


def _holding(model: Model, problem: LinearProblem, held: Mapping[int, float]) -> LinearProblem:
    """The problem with each held column's share at least its held amount: a whole award paid (binary 1), a
    semi-continuous one continuous from the greater of its minimum and that amount."""
    lower, kinds = problem.lower.copy(), list(problem.kinds)
    for j, yuan in held.items():
        lower[j] = max(lower[j], min(1.0, yuan / float(model.columns[j].amount)))
        if kinds[j] == "S":
            kinds[j] = "C"
    return problem.replaced(lower=np.asarray(lower), kinds=tuple(kinds))
