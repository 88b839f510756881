"""What stopped each application getting more, and which limits bind — read off the rounded allocation.

An application got less than its entitlement because a limit it counts towards had too little left (the budget
at the funding line, an envelope, its district's share, its applicant's cap), because a whole award does not
fit in what is left, because the minimum funding ratio asks for more than is left, or because of rounding.

The reasons are part of allocation.csv, whose bytes `verify` reproduces: a change to what they say is a new
version of this writer (REASONS), recorded in the run's manifest (`tool.reasons`), and verify explains an earlier
run's allocation as the version it was written by.

1. The first writer.
2. A limit full at the optimum is named for the partial awards it holds, though rounding gave some yuan back:
   the partial awards under it are rounded down to whole rounding units, each leaving up to one unit of the
   limit unused, so a limit with less room than that for each of them was full before rounding. The first
   named only a limit with less than one unit left, and the award read "按100元取整" when (sample 2026 at
   4.25亿, as docs/how-it-decides.md tells it) the AI envelope held it at 1,070,700 of 3,000,000 with 100 yuan
   left from three rounded awards.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from optimizer.domain import Reason
from optimizer.solving.model import Column, ColumnKind, Model, Row, RowKind, blocking_rows


def slack(row: Row, used: float) -> int:
    """Room left under a cap, or surplus over a floor."""
    return int((row.upper - used) if row.upper is not None else used - (row.lower or 0))


REASONS = 2  # the version of this writer, recorded in every manifest


def shortfall_reasons(model: Model, amounts: Sequence[int], version: int = REASONS) -> list[tuple[Reason, ...]]:
    """Per column: the reasons it got less than E (empty when funded in full), as `version` of the writer gave
    them."""
    needs = [_need(col, x, model.rounding) for col, x in zip(model.columns, amounts, strict=True)]
    blocked = blocking_rows(model, amounts, needs) if version < 2 else _full_before_rounding(model, amounts, needs)
    left = dict(zip((row.name for row in model.rows), (model.uppers - model.used(amounts)).tolist(), strict=True))
    said: dict[str, Reason] = {}  # each limit's reason, made once
    made: dict[tuple[str, int, int], Reason] = {}  # and each (reason, amount, room left): most recur
    unblocked = {True: Reason.of("zero_value"), False: Reason.of("rounding", unit=model.rounding)}
    result: list[tuple[Reason, ...]] = []
    for col, x, need, blockers in zip(model.columns, amounts, needs, blocked, strict=True):
        if x >= col.amount:
            result.append(())
            continue
        reasons = [said[row.name] if row.name in said else said.setdefault(row.name, row_reason(row))
                   for row in blockers]
        if blockers and (col.kind is ColumnKind.WHOLE or (col.kind is ColumnKind.SEMI and x == 0)):
            room = max(int(min(left[row.name] for row in blockers)), 0)
            key = ("whole", col.amount, room) if col.kind is ColumnKind.WHOLE else ("min_ratio", need, room)
            if key not in made:
                made[key] = (Reason.of("whole", amount=col.amount, left=room) if key[0] == "whole" else
                             Reason.of("min_ratio", floor=need, left=room))
            reasons.append(made[key])
        elif not blockers:
            reasons.append(unblocked[col.value == 0])
        elif min(left[row.name] for row in blockers) >= need:  # full before rounding, a unit's room after it
            reasons.append(unblocked[False])
        result.append(tuple(reasons))
    return result


def _full_before_rounding(model: Model, amounts: Sequence[int], needs: Sequence[int]) -> list[tuple[Row, ...]]:
    """Per column: the caps that leave it less room than it needs, counting for an award that wants its next
    rounding unit one unit of the room each other partial award of the cap was rounded down by (version 2)."""
    rows, columns = model.entries
    x = np.asarray(amounts, dtype=float)
    partial = ~model.whole & (x > 0) & (x < model.amounts)
    rounded = np.bincount(rows, weights=partial[columns], minlength=len(model.rows))  # per row
    unit = ~model.whole & ~(model.semi & (x == 0))  # wants its next rounding unit
    allowance = np.where(unit[columns], model.rounding * (rounded[rows] - partial[columns]), 0)
    return blocking_rows(model, amounts, needs, allowance)


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
    """The limit that stopped an application, in words: with what the ledger's awards before this run took of it
    (the period's earlier years, the year's earlier rounds) and what it left, where they took any."""
    if row.earlier and row.upper is not None:
        return Reason.of(f"{row.kind.value}_after", name=row.label, earlier=row.earlier, left=row.upper)
    if row.kind is RowKind.BUDGET:
        return Reason("budget")
    return Reason(row.kind.value, (("name", row.label),))


def binding(model: Model, amounts: Sequence[int], reasons: Sequence[tuple[Reason, ...]]) -> set[str]:
    """FileLimits that stopped some application, limits used to the yuan, and floors met only just."""
    # a cap its members together cannot reach stops no one (model.bindable): most applicant caps
    named = {row_reason(row): row.name for row, can in zip(model.rows, model.bindable, strict=True)
             if can and row.upper is not None}
    stopped = {named[r] for rs in reasons for r in rs if r in named}
    used = model.used(amounts)
    exact = {row.name for row, u in zip(model.rows, used.tolist(), strict=True)
             if (row.upper is not None and slack(row, u) == 0)
             or (row.lower is not None and slack(row, u) < model.rounding)}
    return stopped | exact
