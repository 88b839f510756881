"""What stopped each application getting more, and which limits bind — read off the rounded allocation.

An application got less than its entitlement because a limit it counts towards had too little left (the budget
at the funding line, an envelope, its district's share, its applicant's cap), because a whole award does not
fit in what is left, because the minimum funding ratio asks for more than is left, or because of rounding.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from optimizer.domain import Reason
from optimizer.model import Column, ColumnKind, Model, Row, RowKind


def slack(row: Row, amounts: Sequence[int]) -> int:
    used = sum(amounts[j] for j in row.members)
    return (row.upper - used) if row.upper is not None else used - (row.lower or 0)


def blocking_rows(model: Model, awards: Sequence[float], need: Sequence[float]) -> list[tuple[Row, ...]]:
    """Per column: the caps that leave it less room than it `need`s to get more (none for need 0)."""
    used = [0.0] * len(model.rows)
    rows_of: list[list[int]] = [[] for _ in model.columns]
    for i, row in enumerate(model.rows):
        if row.upper is None:
            continue
        used[i] = sum(awards[j] for j in row.members)
        for j in row.members:
            rows_of[j].append(i)
    left = [(row.upper - used[i]) if row.upper is not None else 0.0 for i, row in enumerate(model.rows)]
    return [tuple(model.rows[i] for i in rows_of[j] if left[i] < need[j]) if need[j] > 0 else ()
            for j in range(len(model.columns))]


def limits(model: Model, amounts: Sequence[int]) -> list[tuple[Reason, ...]]:
    """Per column: the reasons it got less than E (empty when funded in full)."""
    needs = [_need(col, x, model.rounding) for col, x in zip(model.columns, amounts, strict=True)]
    blocked = blocking_rows(model, amounts, needs)
    left = {row.name: slack(row, amounts) for row in model.rows if row.upper is not None}
    result: list[tuple[Reason, ...]] = []
    for col, x, need, blockers in zip(model.columns, amounts, needs, blocked, strict=True):
        if x >= col.amount:
            result.append(())
            continue
        reasons = [row_reason(row) for row in blockers]
        room = min((left[row.name] for row in blockers), default=0)
        if blockers and col.kind is ColumnKind.WHOLE:
            reasons.append(Reason.of("whole", amount=col.amount, left=max(room, 0)))
        elif blockers and col.kind is ColumnKind.SEMI and x == 0:
            reasons.append(Reason.of("min_ratio", floor=need, left=max(room, 0)))
        elif not blockers:
            reasons.append(Reason.of("zero_value") if col.value == 0 else Reason.of("rounding", unit=model.rounding))
        result.append(tuple(reasons))
    return result


def _need(col: Column, x: int, rounding: int) -> int:
    """How much more a column must be able to get for a limit to be what stops it."""
    if x >= col.amount:
        return 0
    if col.kind is ColumnKind.WHOLE:
        return col.amount
    if col.kind is ColumnKind.SEMI and x == 0:
        return math.ceil(col.floor)
    return min(col.amount - x, rounding)


def row_reason(row: Row) -> Reason:
    if row.kind is RowKind.BUDGET:
        return Reason.of("budget")
    return Reason.of(row.kind.value, name=row.label)


def binding(model: Model, amounts: Sequence[int], reasons: Sequence[tuple[Reason, ...]]) -> set[str]:
    """Limits that stopped some application, limits used to the yuan, and floors met only just."""
    named = {row_reason(row): row.name for row in model.rows if row.upper is not None}
    stopped = {named[r] for rs in reasons for r in rs if r in named}
    exact = {row.name for row in model.rows
             if (row.upper is not None and slack(row, amounts) == 0)
             or (row.lower is not None and slack(row, amounts) < model.rounding)}
    return stopped | exact
