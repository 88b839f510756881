"""The first solve's problem: parallel applications as one column where that makes it small, columns by value.

Two applications are *parallel* when they are of the same kind, of equal value (weight × score per yuan), in the
same limits and — for whole awards — of the same amount. Money moves between them without changing the objective
or any limit, so they can be solved as one column and split afterwards:

- continuous: one share of their total entitlement, split best-ranked first (each filled before the next);
- whole: one integer column 0…k (how many of the k awards are paid), paid to the k best-ranked;
- semi-continuous columns are never merged (a sum of "0 or at least the minimum" columns is not one such column).

The merged problem has the same optimum as the full one; the split is one of its optimal allocations, and the
tie-break then picks the allocation the tie rule prefers (docs/how-it-decides.md, Ties), as after any first solve.

Why: HiGHS's presolve spends most of a small model's solve finding these parallel columns itself (0.4 s of 0.7 s
at 10,000 applications); given the merged model without presolve it is 3–6 times faster. On large models presolve
pays for itself — its parallel-column rule also drops dominated columns (95,000 → 13,000 at 100,000 applications,
where merging alone leaves 25,000), which shortens the root node's cut rounds — so there every application keeps
its own column and HiGHS presolves (see `first_problem`).

Either way the solver sees the columns in increasing value (then the model's order): HiGHS proves the optimum of
large years markedly faster so (100,000 applications 5.4 s → 4.2 s, another draw 9.8 s → 7.8 s, 20,000 1.45 s →
0.89 s on bench workbooks; decreasing value doubles it), and the order is the inputs' alone. At a million
applications the model's order was faster (19 minutes against 29) but HiGHS then called its tie-break infeasible
(before the tie-break absorbed the solver's tolerance; CHANGELOG, Fixed).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from optimizer.solving.backends import LinearProblem
from optimizer.solving.model import Model

MERGE_UP_TO = 50_000  # columns: finding the parallel ones costs ~4 µs a column, so only where it may pay
PRESOLVE_INTEGERS_PER_ROW = 30  # measured on the bench's shapes at 10,000: 5.5–9 a row solve 2–5× faster
                                # unpresolved; the mostly-whole year's 70 a row 4× faster presolved
PRESOLVE_INTEGER_SHARE = 2 / 3  # of the merged columns whole: the bench's 46–58% solve 3–4× faster unpresolved; the
                                # tie-stress years' 73–81% (many applicant caps, ~2 whole a row) 1.5–8× faster presolved
ROW_BOUND_MOST = 5e6  # 万元: a first problem's rows are scaled down to bounds of at most this (a million
                      # applications' budget, 4.7e7, carried float noise above HiGHS's tolerance: LinearProblem.
                      # with_large_rows_scaled); 100,000 applications' 4.7e6 is left as it is
PRESOLVE_FROM = 8_000  # merged columns: measured crossover on bench workbooks (10k apps: 5,220 → 3.9× faster;
                       # 30k apps: 10,722 → 1.2× slower than the full model with presolve)


@dataclass(frozen=True)
class GivenProblem:
    """The problem the solver is given — merged, or every column on its own — and how its columns map back to the
    model's."""

    problem: LinearProblem
    members: np.ndarray  # the model's columns, grouped: each solver column's members together, best-ranked first
    group: np.ndarray  # per entry of `members`, its solver column
    totals: np.ndarray  # per solver column, its members' entitlements in yuan
    presolve: bool  # whether the solver should presolve it


def first_problem(model: Model, problem: LinearProblem) -> GivenProblem:
    """The merged problem without presolve where that is small; else every column on its own, with presolve.

    A small merged problem is still presolved when whole awards crowd its rows (more than
    PRESOLVE_INTEGERS_PER_ROW integer columns a row) or make most of it (more than PRESOLVE_INTEGER_SHARE of its
    columns): a year of mostly fixed awards, where HiGHS's root node without presolve took 3.0 s at 10,000
    applications and 0.75 s with it (docs/performance-shapes.md); a year of 3,275 applications, 81% of its columns
    whole under 817 rows (applicant caps), 9.7 s unpresolved against 1.2 s.
    """
    if 0 < len(model.columns) <= MERGE_UP_TO:
        merged = merge_parallel(model, problem, _parallel_groups(model, problem))
        if len(merged.totals) <= PRESOLVE_FROM:
            integers = sum(kind != "C" for kind in merged.problem.kinds)
            crowded = (integers > PRESOLVE_INTEGERS_PER_ROW * max(1, len(merged.problem.row_names))
                       or integers > PRESOLVE_INTEGER_SHARE * len(merged.totals))
            return replace(merged, presolve=crowded)
    alone = merge_parallel(model, problem, np.arange(len(model.columns), dtype=np.int64))
    return replace(alone, problem=alone.problem.with_large_rows_scaled(ROW_BOUND_MOST), presolve=True)


def _parallel_groups(model: Model, problem: LinearProblem) -> np.ndarray:
    """Per model column, a number shared by exactly the columns parallel to it."""
    code = model.classes[1]
    starts, indices = problem.starts, problem.indices
    keys: dict[tuple[object, ...], int] = {}
    group = np.empty(len(model.columns), dtype=np.int64)
    for j, (col, kind) in enumerate(zip(model.columns, problem.kinds, strict=True)):  # kinds: the problem's
        amount = col.amount if kind == "B" else 0  # (a semi-continuous award may be relaxed there)
        key = (j,) if kind == "S" else (kind, int(code[j]), amount, indices[starts[j]:starts[j + 1]].tobytes())
        group[j] = keys.setdefault(key, len(keys))
    return group


def merge_parallel(model: Model, problem: LinearProblem, groups: np.ndarray) -> GivenProblem:
    """One solver column per group of parallel model columns (`groups` numbers them), in increasing value."""
    code = model.classes[1]
    lowest = np.full(int(groups.max()) + 1, len(groups))
    np.minimum.at(lowest, groups, np.arange(len(groups)))  # each group's first model column
    order = np.lexsort((lowest, code[lowest]))  # the groups by value, then the model's order
    place = np.empty_like(order)
    place[order] = np.arange(len(order))
    group = place[groups]
    members = np.lexsort((model.ranks, group))
    first = members[np.r_[True, np.diff(group[members]) != 0]]  # best-ranked of each group, in group order
    sizes = np.bincount(group).astype(float)
    totals = np.bincount(group, weights=model.amounts)
    whole = np.array([problem.kinds[j] == "B" for j in first.tolist()], dtype=bool)
    factor = np.where(whole, 1.0, totals / model.amounts[first])  # a continuous group's share is of its total
    starts, indices = problem.starts, problem.indices
    lengths = (starts[first + 1] - starts[first]).astype(np.int64)
    new_starts = np.zeros(len(first) + 1, dtype=np.int32)
    new_starts[1:] = np.cumsum(lengths)
    take = np.repeat(starts[first] - new_starts[:-1], lengths) + np.arange(int(new_starts[-1]))
    merged = LinearProblem(
        column_names=tuple(problem.column_names[j] for j in first.tolist()), cost=problem.cost[first] * factor,
        lower=problem.lower[first], upper=np.where(whole, sizes, problem.upper[first]),
        kinds=tuple(problem.kinds[j] for j in first.tolist()), row_names=problem.row_names,
        row_lower=problem.row_lower, row_upper=problem.row_upper, starts=new_starts, indices=indices[take],
        values=problem.values[take] * np.repeat(factor, lengths))
    return GivenProblem(merged, members, group[members], totals, presolve=False)


def spread(given: GivenProblem, model: Model, values: np.ndarray) -> np.ndarray:
    """Shares of each model column from the solver's: the best-ranked of a group filled first."""
    whole = np.array([kind == "B" for kind in given.problem.kinds], dtype=bool)
    per_award = given.totals / np.maximum(given.problem.upper, 1.0)  # a whole group: its award; else unused
    yuan = np.where(whole, np.round(values) * per_award, values * given.totals)  # what each group was given
    amounts = model.amounts[given.members]
    before = np.cumsum(amounts) - amounts  # yuan of the better-ranked members of the group, and of earlier groups
    before -= (np.cumsum(given.totals) - given.totals)[given.group]
    shares = np.zeros(len(model.columns))
    shares[given.members] = np.clip((yuan[given.group] - before) / amounts, 0.0, 1.0)
    return shares
