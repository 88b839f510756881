"""Budget sweeps for planners: the same scenario at several budget levels, each solved to proven optimality.

For each level: the allocation, the marginal value of the next 万元 (the budget's dual in the LP with the integer
choices fixed, and the finite difference to the next level), and between consecutive levels the funding line —
which applications enter, leave (whole awards can swap) or change. Levels may be solved in parallel; the result
is the same whatever the number of workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from decimal import Decimal

from optimizer.domain import Award
from optimizer.jobs.allocate import Allocation, allocate_entitled
from optimizer.money import WAN
from optimizer.reading.applications import Workbook
from optimizer.rules.entitle import entitle
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Scenario, ScenarioError, with_budget
from optimizer.solving.infeasible import InfeasibleError


class SweepError(ValueError):
    """The levels asked for make no sense (fewer than one, from above to, …)."""


@dataclass(frozen=True)
class Level:
    budget: int
    allocation: Allocation | None  # None when this level is infeasible
    conflicts: tuple[str, ...] = ()

    @property
    def objective(self) -> Decimal | None:
        return None if self.allocation is None else self.allocation.objective

    @property
    def marginal_per_wan(self) -> float | None:
        """Objective gained by the next 万元 of budget: the budget's dual × 10,000."""
        if self.allocation is None:
            return None
        budget = next((c for c in self.allocation.constraints if c.name == "budget"), None)
        return None if budget is None or budget.marginal is None else budget.marginal * float(WAN)


@dataclass(frozen=True)
class Change:
    """One application whose award differs between two consecutive levels."""

    application_id: str
    applicant: str
    clause: str
    district: str
    before: int
    after: int

    @property
    def kind(self) -> str:
        if self.before == 0:
            return "enters"
        if self.after == 0:
            return "leaves"
        return "grows" if self.after > self.before else "shrinks"


@dataclass(frozen=True)
class Sweep:
    scenario: Scenario
    levels: tuple[Level, ...]

    def finite_difference_per_wan(self, index: int) -> float | None:
        """(objective at the next level − objective here) per 万元 of the budget between them."""
        if index + 1 >= len(self.levels):
            return None
        here, there = self.levels[index], self.levels[index + 1]
        if here.objective is None or there.objective is None or there.budget == here.budget:
            return None
        return float((there.objective - here.objective) / (Decimal(there.budget - here.budget) / WAN))

    def changes(self, index: int) -> tuple[Change, ...]:
        """The funding line between level `index` and the next."""
        here, there = self.levels[index].allocation, self.levels[index + 1].allocation
        if here is None or there is None:
            return ()
        before = {a.application_id: a for a in here.awards}
        moved = [_change(before[a.application_id], a) for a in there.awards
                 if a.application_id in before and before[a.application_id].allocated != a.allocated]
        return tuple(sorted(moved, key=lambda c: (_ORDER[c.kind], -abs(c.after - c.before), c.application_id)))


_ORDER = {"enters": 0, "leaves": 1, "grows": 2, "shrinks": 3}


def _change(before: Award, after: Award) -> Change:
    return Change(after.application_id, after.applicant, after.clause, after.district, before.allocated,
                  after.allocated)


def budget_levels(start: int, stop: int, steps: int) -> list[int]:
    """`steps` budgets from `start` to `stop`, both included, evenly spaced in whole yuan."""
    if steps < 1:
        raise SweepError("--steps must be at least 1")
    if stop < start:
        raise SweepError("--to must not be below --from")
    if steps == 1:
        return [start]
    return sorted({start + (stop - start) * i // (steps - 1) for i in range(steps)})


def sweep(book: Workbook, policy: Policy, scenario: Scenario, levels: Sequence[int], *, solver: str = "highs",
          workers: int | None = None, progress: Callable[[int, int], None] | None = None) -> Sweep:
    """The scenario solved at every budget level (the reserve and every other setting unchanged).

    Entitlements do not depend on the budget: each worker works them out once and solves its levels from them.
    """
    budgets = sorted(set(levels))
    workers = min(workers or os.cpu_count() or 1, len(budgets)) or 1
    results: dict[int, Level] = {}

    def done(level: Level) -> None:
        results[level.budget] = level
        if progress:
            progress(len(results), len(budgets))

    if workers == 1:
        _start(book, policy, scenario, solver)
        for budget in budgets:
            done(_solve_level(budget))
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start,
                                 initargs=(book, policy, scenario, solver)) as pool:
            for future in as_completed([pool.submit(_solve_level, b) for b in budgets]):
                done(future.result())
    return Sweep(scenario, tuple(results[b] for b in budgets))


_WORK: dict[str, object] = {}  # what one worker process solves levels of


def _start(book: Workbook, policy: Policy, scenario: Scenario, solver: str) -> None:
    _WORK.update(invalid=book.invalid, policy=policy, scenario=scenario, solver=solver,
                 entitlements=entitle(book.applications, policy, year=scenario.year))


def _solve_level(budget: int) -> Level:
    policy, scenario = _WORK["policy"], _WORK["scenario"]
    assert isinstance(policy, Policy) and isinstance(scenario, Scenario)
    try:
        result = allocate_entitled(_WORK["invalid"], _WORK["entitlements"], policy,  # type: ignore[arg-type]
                                   with_budget(scenario, budget), solver=str(_WORK["solver"]))
        return Level(budget, replace(result, model=None))  # the model stays here: only the results travel
    except InfeasibleError as exc:
        return Level(budget, None, exc.conflicts)
    except ScenarioError as exc:  # e.g. a floor above its own share of a small budget
        return Level(budget, None, exc.problems)
