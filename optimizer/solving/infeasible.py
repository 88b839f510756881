"""Why a scenario is infeasible, in the user's words: which named limits conflict, and by how much.

Only floors (an envelope's `min`) can make a scenario infeasible: every other limit is an upper bound that
awarding nothing satisfies. Simple conflicts are found before solving; the rest by relaxing the floors (an
elastic solve that minimises the total shortfall) and naming the limits that stop each floor being reached.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from itertools import combinations

from optimizer.money import format_amount
from optimizer.solving.backends import SolveStatus, solve
from optimizer.solving.formulation import UNIT, awards_from, to_problem
from optimizer.solving.model import Model, Row, RowKind


def precheck(model: Model) -> list[str]:
    """Conflicts a sum can show: a floor above what is available, or above its own eligible demand."""
    conflicts = []
    floors = [row for row in model.rows if row.kind is RowKind.ENVELOPE_MIN and row.lower]
    for row in floors:
        assert row.lower is not None
        demand = model.demand(row)
        if row.lower > model.available:
            conflicts.append(f'envelope "{row.label}" min {format_amount(row.lower)} is above the budget less '
                             f"reserve ({format_amount(model.available)}); lower it to "
                             f"{format_amount(model.available)} or raise the budget")
        elif row.lower > demand:
            conflicts.append(f'envelope "{row.label}" min {format_amount(row.lower)} cannot be met: at most '
                             f"{format_amount(demand)} of eligible demand; lower it to {format_amount(demand)} "
                             "or add applications")
    if not conflicts and len(floors) > 1 and _disjoint(floors):
        total = sum(row.lower or 0 for row in floors)
        if total > model.available:
            names = ", ".join(f'"{row.label}"' for row in floors)
            conflicts.append(f"envelope floors ({names}) total {format_amount(total)} but the budget less reserve "
                             f"is {format_amount(model.available)}: lower them by "
                             f"{format_amount(total - model.available)} in all, or raise the budget by as much")
    return conflicts


def infeasibility(model: Model, solver: str, time_limit: float | None) -> list[str]:
    """Each floor that cannot be reached, how far it can go, and the limits that stop it; none when every floor
    can be reached (only floors can make a scenario infeasible: awarding nothing meets every other limit)."""
    if not any(row.kind is RowKind.ENVELOPE_MIN for row in model.rows):
        return []
    problem = to_problem(model, Decimal(1), elastic=True)
    run = solve(problem, solver, time_limit=time_limit)
    if run.status is not SolveStatus.OPTIMAL or run.values is None:
        floors = ", ".join(f'"{r.label}"' for r in model.rows if r.kind is RowKind.ENVELOPE_MIN)
        return [f"the envelope floors ({floors}) cannot all be met with the other limits"]
    values = dict(zip(problem.column_names, run.values, strict=True))
    amounts = awards_from(model, run.values)
    conflicts = []
    for row in model.rows:
        shortfall = values.get(f"short:{row.name}", 0.0) * UNIT
        if row.kind is not RowKind.ENVELOPE_MIN or shortfall < 0.5 or row.lower is None:
            continue
        reached = math.floor(row.lower - shortfall + 1e-6)
        blockers = [r.name for r in model.rows if r.upper is not None and set(r.members) & set(row.members)
                    and sum(amounts[j] for j in r.members) >= r.upper - 0.5]
        stopped_by = f" together with {', '.join(blockers)}" if blockers else " with the whole awards available"
        conflicts.append(f'envelope "{row.label}" min {format_amount(row.lower)} cannot be met{stopped_by}: at most '
                         f"{format_amount(reached)} can be reached; lower it to {format_amount(reached)}"
                         + (" or relax " + ", ".join(blockers) if blockers else " or add applications"))
    return conflicts


def _disjoint(rows: Sequence[Row]) -> bool:
    return all(not set(a.members) & set(b.members) for a, b in combinations(rows, 2))
