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

from optimizer.solving.backends import LinearProblem, problem_from_rows
from optimizer.solving.model import ColumnKind, Model

UNIT = 10_000  # rows count money in 万元
NOISE = 1e-7  # 万元 (a thousandth of a yuan): float error in sums of whole yuan, within every solver's tolerance
SNAP = 0.05  # yuan: CBC reports 8 significant digits, so an award up to 5,000,000 yuan is read to ±0.025 yuan
SHARE_NOISE = 2e-7  # how far off a solver's share may be (CBC's answers: its tolerance, not its printed digits)
HIGHS_SHARE_NOISE = 1e-9  # how far off HiGHS's may be (its gap closed to 1e-9)
KINDS = {ColumnKind.WHOLE: "B", ColumnKind.SEMI: "S", ColumnKind.CONTINUOUS: "C"}
RowSpec = tuple[str, Sequence[int], Sequence[float], float, float]


def share_noise(solver: str) -> float:
    """How far off a share of an answer by `solver` (`Run.solver`) may be: CBC's SHARE_NOISE, else HiGHS's
    HIGHS_SHARE_NOISE (also for values no solver gave: an allocation already read to the yuan)."""
    return SHARE_NOISE if solver == "cbc" else HIGHS_SHARE_NOISE


def objective_scale(model: Model) -> Decimal:
    """What the objective is divided by so that its largest coefficient is 1: the greatest value (weight × score)."""
    return max(c.value for c in model.columns) or Decimal(1)


def to_problem(model: Model, scale: Decimal, *, elastic: bool = False) -> LinearProblem:
    """maximise Σ (weight × score / scale) × award.

    `elastic` adds a shortfall column to every floor and maximises −Σ shortfall instead: its optimum says how far
    each floor is from reach when the scenario is infeasible.
    """
    names = [f"x{j}" for j in range(len(model.columns))]
    values, classes = model.classes  # each distinct value divided once (Decimal division is slow), as floats
    per_value = np.array([float(value / scale) for value in values], dtype=np.float64)
    cost = [0.0] * len(model.columns) if elastic else (per_value[classes] * model.amounts / UNIT).tolist()
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
    wan = (model.amounts / UNIT).tolist()  # each column's amount in 万元
    for row, bindable in zip(model.rows, model.bindable, strict=True):
        if bindable:
            coefs = [wan[j] for j in row.members]
            low = row.lower / UNIT if row.lower is not None else -math.inf
            high = row.upper / UNIT if row.upper is not None else math.inf
            rows.append((row.name, row.members, coefs, low, high))
    return rows


def snap(yuan: np.ndarray) -> np.ndarray:
    """A value within SNAP of a whole yuan is that yuan: solvers' noise, and CBC's 8-digit output, are not money."""
    nearest = np.round(yuan)
    return np.where(np.abs(yuan - nearest) <= SNAP, nearest, yuan)


def awards_from(model: Model, shares: np.ndarray) -> np.ndarray:
    """Yuan (as floats, before rounding) from the solver's shares of each entitlement."""
    k = min(len(shares), len(model.columns))  # an elastic problem's shares go on past the model's columns
    yuan: np.ndarray = np.asarray(shares[:k], dtype=float) * model.amounts[:k]
    return yuan
