"""The model as solver arrays: the objective, the tie-break, and the elastic variant.

Each column is the *share* f ∈ [0, 1] of its entitlement E that is paid (a binary for a whole award; 0 or at least
the minimum ratio for a semi-continuous one), and rows count money in 万元, so every number the solver sees is of
moderate size. Rows that can never bind are left out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

import numpy as np

from optimizer.model import ColumnKind, Model
from optimizer.solvers import LinearProblem, problem_from_rows

UNIT = 10_000  # rows count money in 万元
SNAP = 0.05  # yuan: CBC reports 8 significant digits, so an award up to 5,000,000 yuan is read to ±0.025 yuan
KINDS = {ColumnKind.WHOLE: "B", ColumnKind.SEMI: "S", ColumnKind.CONTINUOUS: "C"}
RowSpec = tuple[str, Sequence[int], Sequence[float], float, float]


def to_problem(model: Model, scale: Decimal, *, elastic: bool = False) -> LinearProblem:
    """maximise Σ (weight × score / scale) × award.

    `elastic` adds a shortfall column to every floor and maximises −Σ shortfall instead: its optimum says how far
    each floor is from reach when the scenario is infeasible.
    """
    names = [f"x{j}" for j in range(len(model.columns))]
    cost = [0.0 if elastic else float(col.value / scale) * col.amount / UNIT for col in model.columns]
    lower = [float(col.floor / col.amount) if col.kind is ColumnKind.SEMI else 0.0 for col in model.columns]
    upper = [1.0] * len(model.columns)
    kinds = [KINDS[col.kind] for col in model.columns]
    rows = []
    for name, members, coefs, low, high in limit_rows(model):
        members, coefs = list(members), list(coefs)
        if elastic and math.isfinite(low):
            names.append(f"short:{name}")
            cost.append(-1.0)
            lower.append(0.0)
            upper.append(low)
            kinds.append("C")
            members.append(len(names) - 1)
            coefs.append(1.0)
        rows.append((name, members, coefs, low, high))
    return problem_from_rows(names, np.array(cost), np.array(lower), np.array(upper), kinds, rows)


def limit_rows(model: Model) -> list[RowSpec]:
    """Every limit that can bind, as (name, columns, coefficients in 万元, lower, upper)."""
    rows: list[RowSpec] = []
    for row in model.rows:
        if model.can_bind(row):
            coefs = [model.columns[j].amount / UNIT for j in row.members]
            low = row.lower / UNIT if row.lower is not None else -math.inf
            high = row.upper / UNIT if row.upper is not None else math.inf
            rows.append((row.name, row.members, coefs, low, high))
    return rows


def tie_break_problem(model: Model, problem: LinearProblem, found: np.ndarray) -> LinearProblem:
    """The optimum's face, searched for the allocation the tie-break rule prefers (CONTRACT §4.6).

    Applications of equal value (weight × score per yuan) form a class. Each class keeps at least the total the
    first solve gave it — so nothing found here is worth less than the optimum, whatever the solvers' tolerances —
    and within a class the money moves to the better-ranked applications: the objective Σ u × award has u ∈ (0, 1]
    falling with the rank (higher score, earlier submission, smaller application_id). Applications of value 0 get
    u − 1 < 0: paid only where a floor needs them. A tie between whole awards of *different* values (say one award
    of 100万 at 80 against two of 50万 at 90 and 70) is left as the first solve found it.
    """
    classes: dict[Decimal, list[int]] = {}
    for j, col in enumerate(model.columns):
        classes.setdefault(col.value, []).append(j)
    rows = limit_rows(model)
    lower = problem.lower.copy()
    for value, members in sorted(classes.items()):
        total = sum(snap(found[j]) for j in members) - 0.01  # read noise is no reason to move money
        if total <= 0 or value == 0:  # what value 0 gets is arbitrary in the first solve: not kept
            continue
        single = members[0]
        if len(members) == 1 and model.columns[single].kind is not ColumnKind.SEMI:
            lower[single] = min(1.0, max(lower[single], total / model.columns[single].amount))
        else:
            rows.append((f"class:{value}", members, [model.columns[j].amount / UNIT for j in members],
                         total / UNIT, math.inf))
    m = len(model.columns)
    cost = []
    for col in model.columns:
        u = (m - col.rank) / m
        cost.append((u if col.value > 0 else u - 1.0) * col.amount / UNIT)
    return problem_from_rows(problem.column_names, np.array(cost), lower, problem.upper, problem.kinds, rows)


def snap(yuan: float) -> float:
    """A value within SNAP of a whole yuan is that yuan: solvers' noise, and CBC's 8-digit output, are not money."""
    nearest = round(yuan)
    return float(nearest) if abs(yuan - nearest) <= SNAP else yuan


def awards_from(model: Model, shares: np.ndarray) -> np.ndarray:
    """Yuan (as floats, before rounding) from the solver's shares of each entitlement."""
    return np.array([share * col.amount for share, col in zip(shares, model.columns, strict=False)])
