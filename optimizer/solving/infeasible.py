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

from optimizer.money import said_amount
from optimizer.solving.backends import SolveStatus, solve
from optimizer.solving.formulation import UNIT, awards_from, to_problem
from optimizer.solving.model import Model, Row, RowKind
from optimizer.words import Phrase


def precheck(model: Model) -> list[Phrase]:
    """Conflicts a sum can show: a floor above what is available, or above its own eligible demand. A floor is said
    as the scenario sets it for the year, with what the year's earlier rounds met of it, and so is what to lower it
    to."""
    conflicts = []
    floors = [row for row in model.rows if row.kind is RowKind.ENVELOPE_MIN and row.lower]
    what = _available_words(model)
    for row in floors:
        assert row.lower is not None
        demand = model.demand(row)
        if row.lower > demand and demand <= model.available:  # more money would not help: the demand is short
            conflicts.append(Phrase.of("infeasible.floor_above_demand", **_floor(row), demand=said_amount(demand),
                                       most=said_amount(demand + row.earlier)))
        elif row.lower > model.available:
            conflicts.append(Phrase.of("infeasible.floor_above_available", **_floor(row), what=what,
                                       available=said_amount(model.available),
                                       most=said_amount(model.available + row.earlier)))
    if not conflicts and len(floors) > 1 and _disjoint(floors):
        total, earlier = sum(row.lower or 0 for row in floors), sum(row.earlier for row in floors)
        if total > model.available:
            before = Phrase.of("infeasible.earlier", earlier=said_amount(earlier)).both() if earlier else ("", "")
            conflicts.append(Phrase.of("infeasible.floors_total", names=_names(floors),
                                       total=said_amount(total + earlier), before=before, what=what,
                                       available=said_amount(model.available),
                                       over=said_amount(total - model.available)))
    return conflicts


def _floor(row: Row) -> dict[str, object]:
    """A floor's name and amount for the year (what this run must reach, plus what the year's earlier rounds met),
    and those rounds' part, said where there is one."""
    assert row.lower is not None
    before = Phrase.of("infeasible.earlier", earlier=said_amount(row.earlier)).both() if row.earlier else ("", "")
    return {"name": row.label, "floor": said_amount(row.lower + row.earlier), "before": before}


def _available_words(model: Model) -> tuple[str, str]:
    """What the budget row leaves: budget less reserve, or, after the year's earlier rounds, this round's part."""
    later = any(row.kind is RowKind.BUDGET and row.earlier for row in model.rows)
    return Phrase.of("infeasible.available_after" if later else "infeasible.available").both()


def infeasibility(model: Model, solver: str, time_limit: float | None) -> list[Phrase]:
    """Each floor that cannot be reached, how far it can go, and the limits that stop it; none when every floor
    can be reached (only floors can make a scenario infeasible: awarding nothing meets every other limit)."""
    if not any(row.kind is RowKind.ENVELOPE_MIN for row in model.rows):
        return []
    problem = to_problem(model, Decimal(1), elastic=True)
    run = solve(problem, solver, time_limit=time_limit)
    if run.status is not SolveStatus.OPTIMAL or run.values is None:
        floors = [r for r in model.rows if r.kind is RowKind.ENVELOPE_MIN]
        return [Phrase.of("infeasible.floors_unknown", names=_names(floors))]
    values = dict(zip(problem.column_names, run.values, strict=True))
    amounts = awards_from(model, run.values)
    conflicts = []
    for row in model.rows:
        shortfall = values.get(f"short:{row.name}", 0.0) * UNIT
        if row.kind is not RowKind.ENVELOPE_MIN or shortfall < 0.5 or row.lower is None:
            continue
        reached = math.floor(row.lower - shortfall + 1e-6) + row.earlier  # for the year, as the floor is said
        blockers = [r for r in model.rows if r.upper is not None and set(r.members) & set(row.members)
                    and sum(amounts[j] for j in r.members) >= r.upper - 0.5]
        found = dict(**_floor(row), reached=said_amount(reached))
        conflicts.append(Phrase.of("infeasible.floor_blocked", blockers=_listed(blockers), **found) if blockers
                         else Phrase.of("infeasible.floor_whole_awards", **found))
    return conflicts


def limit_words(row: Row) -> tuple[str, str]:
    """A limit as people name it: 预算总额, 专项额度“人工智能赋能”, 区县上限：两江新区 (the model's name in English)."""
    return Phrase.of(f"limit.{row.kind.value}", name=row.label).both()


def _listed(rows: Sequence[Row]) -> tuple[str, str]:
    """Limits in words, listed: 区县上限：两江新区、单户上限：… / district cap: 两江新区, applicant cap: …."""
    named = [limit_words(row) for row in rows]
    return "、".join(zh for zh, _ in named), ", ".join(en for _, en in named)


def _names(rows: Sequence[Row]) -> tuple[str, str]:
    """Envelopes' names, listed: “甲”、“乙” / "A", "B"."""
    return "、".join(f"“{r.label}”" for r in rows), ", ".join(f'"{r.label}"' for r in rows)


def _disjoint(rows: Sequence[Row]) -> bool:
    return all(not set(a.members) & set(b.members) for a, b in combinations(rows, 2))
