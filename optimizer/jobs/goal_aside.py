"""The least budgets of the targets min_budget (jobs/min_budget.py) finds funded only at other budgets: blocked at
the high budget — whole awards swapped under a cap they share — but funded at some budget solved. With a proof, each
gets its own least budget proven from the least budget solved that funds it (budget_search.py), every proof sharing
one limit of solves; the order says which are proven first when the limit is short.
"""

from __future__ import annotations

from collections.abc import Sequence

from optimizer.jobs.budget_search import BudgetSearch, Least


def funded_aside(search: BudgetSearch, blocked: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """The least budget solved that funds any of `blocked`, and those of them it funds (none: (), 0)."""
    seen = search.least_funding(blocked)
    least = min((budget for _, budget in seen), default=0)
    return tuple(i for i, budget in seen if budget == least), least


def each_least(search: BudgetSearch, blocked: Sequence[str], most: int | None, known: dict[str, Least],
               unseen: Sequence[str] = (), high: int = 0) -> dict[str, Least]:
    """The least budget of each of `blocked` that some budget solved funds, alone, proven from the least budget
    solved that funds it (`known`: those already proven so), within the proofs' one limit of solves: the one whose
    least budget found so far is the smallest first (ties in workbook order) — its proof may fund the next lower, or
    one of `blocked` no budget solved had funded yet, which gets its proof in turn. Then each of `unseen` (a `high`
    given holds them back only by money) that no budget solved funds, in workbook order, gets its proof from `high`
    down: its Least's budget is `high` itself (which does not fund it) when the proof found none below that does."""
    least = dict(known)
    while True:
        if pending := [i for i, _ in search.least_funding(blocked) if i not in least]:
            seen = dict(search.least_funding(pending))
            target = min(pending, key=seen.__getitem__)  # the first of the smallest: workbook order
            least[target] = search.least_proven([target], seen[target], most)
        elif rest := [i for i in unseen if i not in least]:  # a planner's review: the probes below `high` stepped
            least[rest[0]] = search.least_proven([rest[0]], high, most)  # over 2026-0060's window, 6940万–6960万
        else:
            return least
