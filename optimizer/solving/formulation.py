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
from optimizer.solving.explain import blocking
from optimizer.solving.model import Column, ColumnKind, Model

UNIT = 10_000  # rows count money in 万元
SECOND_ORDER = 1 / math.pi  # see preference()
NOISE = 1e-7  # 万元 (a thousandth of a yuan): float error in sums of whole yuan, within every solver's tolerance
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
    for row, bindable in zip(model.rows, model.bindable, strict=True):
        if bindable:
            coefs = [model.columns[j].amount / UNIT for j in row.members]
            low = row.lower / UNIT if row.lower is not None else -math.inf
            high = row.upper / UNIT if row.upper is not None else math.inf
            rows.append((row.name, row.members, coefs, low, high))
    return rows


def tie_break_problem(model: Model, problem: LinearProblem, found: np.ndarray) -> tuple[LinearProblem, np.ndarray]:
    """The optimum's face around its ties, searched for the allocation the tie-break rule prefers (CONTRACT §4.6).

    Applications of equal value (weight × score per yuan) form a class. An application is *tied* when money could
    move to it from others of its class: every cap that stops it getting more also holds a paid member of its
    class (who is then tied too). Everything else keeps its first-solve award and enters only as a constant.
    Each class keeps at least the total the first solve gave its tied members — so nothing found here is worth
    less than the optimum, whatever the solvers' tolerances — and within a class the objective Σ u × award sends the
    money to the better-ranked (higher score, earlier submission, smaller application_id): u = preference(k) for
    the application ranked k-th (from 0) in its class — by its place in the class, not among the tied, which
    depend on the first solve. Applications of value 0 get u / 2 − 1 < 0: paid only where a floor needs them. A
    tie between awards of *different* values (one 100万 award at 80 against two 50万 awards at 90 and 70) is left
    as found.

    Returns the problem over the tied columns and their indices.
    """
    # An award above its entitlement is the solver's tolerance (shares up to 1 + 1e-7): it counts as the
    # entitlement, or a class would ask for more than its members can hold
    found = np.minimum(found, model.amounts)
    awards = snap(found)
    tied = tied_columns(model, awards)
    position = {j: k for k, j in enumerate(tied)}
    fixed = np.ones(len(model.columns), dtype=bool)
    fixed[tied] = False
    # Under a cap the others count as the whole yuan they were read as, so the room left is whole yuan too — or,
    # where the solver's noise made the tied ones use a little more, exactly what they used: never a fraction of a
    # yuan to spare, which the tie-break would hand to the better-ranked and rounding take back from the others.
    # Over a floor the others count as found, and the tied must keep what the floor needs of them — or, where the
    # solver's printed values fall a few cents short of it, what they had: a floor is not loosened beyond that.
    as_read = model.used(np.where(fixed, awards, 0.0)) / UNIT
    as_found = model.used(np.where(fixed, found, 0.0)) / UNIT
    used = model.used(np.where(fixed, 0.0, found)) / UNIT
    bindable = np.array([i for i, can in enumerate(model.bindable) if can], dtype=np.int64)  # problem row → model's
    rows: list[RowSpec] = []
    for k, columns, coefs in _tied_entries(problem, ~fixed):
        i, low, high = bindable[k], float(problem.row_lower[k]), float(problem.row_upper[k])
        rows.append((problem.row_names[k], [position[j] for j in columns.tolist()], coefs.tolist(),
                     min(low - as_found[i], used[i]) - NOISE, max(high - as_read[i], used[i]) + NOISE))
    values, code = model.classes
    classes: dict[int, list[int]] = {}
    for j in tied:
        classes.setdefault(int(code[j]), []).append(j)
    for c, members in sorted(classes.items()):  # class codes follow the values' order
        value = values[c]
        total = float(found[members].sum()) - NOISE * UNIT  # what the first solve gave them: not a cent less
        if total > 0 and value != 0:  # what value 0 gets is arbitrary in the first solve: not kept
            # coefficients in yuan, not 万元: integers, which a solver's presolve can reason about exactly
            rows.append((f"class:{value}", [position[j] for j in members],
                         [float(model.columns[j].amount) for j in members], total, math.inf))
    cost = []
    for j in tied:
        col, u = model.columns[j], preference(int(model.positions_in_class[j]))
        cost.append((u if col.value > 0 else u / 2 - 1.0) * col.amount / UNIT)
    sub = problem_from_rows([problem.column_names[j] for j in tied], np.array(cost), problem.lower[tied],
                            problem.upper[tied], [problem.kinds[j] for j in tied], rows)
    return sub, np.array(tied, dtype=int)


def _tied_entries(problem: LinearProblem, tied: np.ndarray) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """(row, tied columns in it, their coefficients) for each row of the problem that holds a tied column."""
    columns = np.repeat(np.arange(len(problem.column_names)), np.diff(problem.starts))
    keep = tied[columns]
    rows, columns, coefs = problem.indices[keep], columns[keep], problem.values[keep]
    order = np.lexsort((columns, rows))
    rows, columns, coefs = rows[order], columns[order], coefs[order]
    cuts = np.flatnonzero(np.diff(rows)) + 1
    return [(int(r[0]), c, v) for r, c, v in zip(np.split(rows, cuts), np.split(columns, cuts),
                                                  np.split(coefs, cuts), strict=True) if len(r)]


def preference(k: int) -> float:
    """The tie-break's weight per yuan for the k-th best-ranked of a class: 1/(1+k) + (1/π)/(1+k)², falling with k.

    Sets of awards a class can swap (same total) must not be worth exactly the same, or each solver picks its own.
    Weights linear in k tie whenever ranks sum alike (one 150万 award 22nd against three 50万 awards 18th, 23rd and
    25th); 1/(1+k) alone ties on simple fractions (300万 2nd against 100万 1st and 200万 4th: 300/2 = 100 + 200/4).
    With the second term times an irrational number, a tie needs both sums to agree at once: none among the
    20,000 random classes of standard award sizes tried, against 3,682 for 1/(1+k) alone.
    """
    return 1.0 / (1 + k) + SECOND_ORDER / (1 + k) ** 2


def tied_columns(model: Model, awards: np.ndarray) -> list[int]:
    """The applications money could move between without changing the objective (see tie_break_problem).

    Worked over all (row, column) memberships at once: a membership's *group* is its row and its column's class.
    """
    n = len(model.columns)
    rows, columns = model.entries
    paid = awards > 1e-6
    need = np.array([_room_needed(col, a) for col, a in zip(model.columns, awards.tolist(), strict=True)])
    values, code = model.classes
    worthless = code == (values.index(Decimal(0)) if Decimal(0) in values else -1)
    groups, group = np.unique(rows * len(values) + code[columns], return_inverse=True)
    paid_members = paid[columns]
    paid_in_group = np.bincount(group, weights=paid_members, minlength=len(groups))[group]
    others_paid = paid_in_group - paid_members  # paid members of the group other than the column itself
    blocked = blocking(model, awards, need)
    unmatched = blocked & (others_paid < 1)
    movable = ((need > 0) & ~worthless & (np.bincount(columns[blocked], minlength=n) > 0)
               & (np.bincount(columns[unmatched], minlength=n) == 0))
    giving = np.zeros(len(groups), dtype=bool)
    giving[group[blocked & movable[columns]]] = True
    tied = movable | (np.bincount(columns[giving[group] & paid_members], minlength=n) > 0)
    # value 0: whatever the first solve paid them was arbitrary (the tie-break takes it back unless a floor needs
    # it), and who a floor pays among them is a tie too
    tied |= worthless & paid
    floors = np.array([row.lower is not None for row in model.rows], dtype=bool)
    floor_paid = np.bincount(rows[floors[rows] & worthless[columns] & paid_members], minlength=len(model.rows)) > 0
    tied[columns[floor_paid[rows] & worthless[columns]]] = True
    return np.nonzero(tied)[0].tolist()


def _room_needed(col: Column, award: float) -> float:
    """How much more an application must be able to get: all of a whole award, a floor's worth, or a yuan.

    A yuan, not "any": a limit with less than a yuan left is used up, up to the solver's noise (CBC reports 8
    significant digits, so a sum of awards is known to a few cents). Counting too many applications as tied only
    widens the tie-break; counting too few would leave a tie unbroken.
    """
    if award >= col.amount - 1e-6:
        return 0.0
    if col.kind is ColumnKind.WHOLE:
        return float(col.amount)
    if col.kind is ColumnKind.SEMI and award <= 1e-6:
        return float(col.floor)
    return 1.0


def snap(yuan: np.ndarray) -> np.ndarray:
    """A value within SNAP of a whole yuan is that yuan: solvers' noise, and CBC's 8-digit output, are not money."""
    nearest = np.round(yuan)
    return np.where(np.abs(yuan - nearest) <= SNAP, nearest, yuan)


def awards_from(model: Model, shares: np.ndarray) -> np.ndarray:
    """Yuan (as floats, before rounding) from the solver's shares of each entitlement."""
    return np.array([share * col.amount for share, col in zip(shares, model.columns, strict=False)])
