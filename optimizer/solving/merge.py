"""The first solve's problem: parallel applications as one column where that makes it small, columns by value.

Two applications are *parallel* when they are of the same kind, of equal value (weight × score per yuan), in the
same limits and — for whole awards — of the same amount. Money moves between them without changing the objective
or any limit, so they can be solved as one column and split afterwards:

- continuous: one share of their total entitlement, split best-ranked first (each filled before the next);
- whole: one integer column 0…k (how many of the k awards are paid), paid to the k best-ranked;
- continuous and whole together, where the whole awards leave no gap the continuous ones cannot fill (taken by
  increasing amount, each at most what the continuous ones and the smaller whole ones add up to): one continuous
  share of their total, since every amount up to it is some whole awards paid in full and the rest partly
  (`_gap_free`; split in `_split_mixed`). A year of mostly whole awards (the bench's `whole` shape at 10,000
  applications) has 3,811 of its 8,002 whole awards in such groups — HiGHS's presolve found the same, spending
  0.3 s of a 0.55 s solve on it;
- semi-continuous columns are never merged (a sum of "0 or at least the minimum" columns is not one such column).

The merged problem has the same optimum as the full one; the split is one of its optimal allocations, and the
tie-break then picks the allocation the tie rule prefers (docs/how-it-decides.md, Ties), as after any first solve.

Why: HiGHS's presolve spends most of a small model's solve finding these parallel columns itself (0.4 s of 0.7 s
at 10,000 applications); given the merged model without presolve it is 3–6 times faster. On large models presolve
pays for itself, so the merged problem is presolved there (see `first_problem`). At 100,000 applications HiGHS's
parallel-column rule took the full problem from 95,000 columns to 13,000 — which is what merging whole awards into
gap-free continuous columns does (13,088; without them, 25,000) — and given the merged problem HiGHS proves the
optimum faster on eight of the bench's nine shapes (`whole` 12.5 → 1.7 s, `weights` 19.5 → 12.1 s, `default`
6.3 → 4.0 s; `floors` 17.7 → 18.4 s; docs/performance-shapes.md).

Either way the solver sees the columns in increasing value (then the model's order): HiGHS proves the optimum of
large years markedly faster so (100,000 applications 5.4 s → 4.2 s, another draw 9.8 s → 7.8 s, 20,000 1.45 s →
0.89 s on bench workbooks; decreasing value doubles it), and the order is the inputs' alone. At a million
applications the model's order was faster (19 minutes against 29) but HiGHS then called its tie-break infeasible
(before the tie-break absorbed the solver's tolerance; CHANGELOG, Fixed).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np

from optimizer._speed.arrays import distinct, distinct_values
from optimizer.solving.backends import LinearProblem
from optimizer.solving.model import Model

MERGE_UP_TO = 2_000_000  # columns: finding the parallel ones costs ~0.7 µs a column; merged, 100,000 applications
                         # solve 1.2–7× faster, a million 2× (26 s against 56 s in full, long rows split for
                         # HiGHS); past two million not measured
# A problem of mostly whole awards, few to a row, is presolved (`tie_heavy`): the tie-stress years' 73–81% whole, ~2
# a row, solve 1.5–8× faster so. Not fewer whole awards (the bench's shapes, 10–46% whole after merging: 2–5× faster
# unpresolved) nor more a row (the `whole` shape, merged to 73–77% whole, 38–49 a row: 1.6–4.7× faster unpresolved).
TIE_HEAVY_SHARE = 2 / 3  # of the columns whole, more than this
TIE_HEAVY_PER_ROW = 30  # whole columns a row, fewer than this
ROW_BOUND_MOST = 5e6  # 万元: a first problem's rows are scaled down to bounds of at most this (a million
                      # applications' budget, 4.7e7, carried float noise above HiGHS's tolerance: LinearProblem.
                      # with_large_rows_scaled); 100,000 applications' 4.7e6 is left as it is
PRESOLVE_FROM = 8_000  # merged columns: from here presolved (10k apps: 5,220 unpresolved 3.9× faster; 100k apps:
                       # 13,088 presolved 1.2× faster than not)


@dataclass(frozen=True)
class GivenProblem:
    """The problem the solver is given — merged, or every column on its own — and how its columns map back to the
    model's."""

    problem: LinearProblem
    members: np.ndarray  # the model's columns, grouped: each solver column's members together, best-ranked first
    group: np.ndarray  # per entry of `members`, its solver column
    totals: np.ndarray  # per solver column, its members' entitlements in yuan
    presolve: bool  # whether the solver should presolve it
    whole: np.ndarray | None = None  # per entry of `members`, whether it is a whole award (only when some are in a
                                     # continuous column)


def first_problem(model: Model, problem: LinearProblem) -> GivenProblem:
    """The merged problem: presolved from PRESOLVE_FROM columns, or when it is `tie_heavy` (a year of 3,275
    applications, 81% of its columns whole under 817 rows — applicant caps — took 9.7 s unpresolved against
    1.2 s); beyond MERGE_UP_TO model columns, every column on its own, presolved."""
    if 0 < len(model.columns) <= MERGE_UP_TO:
        merged = merge_parallel(model, problem, _parallel_groups(model, problem))
        return replace(merged, problem=merged.problem.with_large_rows_scaled(ROW_BOUND_MOST),
                       presolve=len(merged.totals) > PRESOLVE_FROM or tie_heavy(merged.problem))
    alone = merge_parallel(model, problem, np.arange(len(model.columns), dtype=np.int64))
    return replace(alone, problem=alone.problem.with_large_rows_scaled(ROW_BOUND_MOST), presolve=True)


def tie_heavy(problem: LinearProblem) -> bool:
    """Whether whole awards are most of the problem's columns (more than TIE_HEAVY_SHARE) and few to a row (fewer
    than TIE_HEAVY_PER_ROW), as in a year of standard awards and coarse scores under many applicant caps: HiGHS's
    presolve then removes many parallel and dominated whole columns faster than its root node works through them."""
    whole = sum(kind == "B" for kind in problem.kinds)
    return (whole > TIE_HEAVY_SHARE * len(problem.column_names)
            and whole < TIE_HEAVY_PER_ROW * max(1, len(problem.row_names)))


def _parallel_groups(model: Model, problem: LinearProblem) -> np.ndarray:
    """Per model column, a number shared by exactly the columns parallel to it: of one kind and, whole, one amount;
    or every continuous and whole one of a value and limits where the whole ones leave no gap (`_gap_free`).
    Numbered 0, 1, … in the order of each group's first column."""
    n = len(model.columns)
    kinds = _kind_codes(problem).astype(np.int64)  # the problem's (a semi-continuous award may be relaxed there)
    semi, whole = kinds == ord("S"), kinds == ord("B")
    amounts = model.amounts.astype(np.int64)  # whole yuan, exact below 2⁵³
    alone = np.where(semi, np.arange(n) + 1, 0)  # a semi-continuous award is a group of its own
    limits = np.column_stack([model.classes[1], alone, _rows_of(problem)])  # value and limits
    group = _numbered(np.column_stack([kinds, np.where(whole, amounts, 0), limits]))
    together = _numbered(limits)  # continuous and whole columns of one value and limits
    mixed = (np.bincount(together, weights=whole) > 0) & (np.bincount(together, weights=~whole & ~semi) > 0)
    if mixed.any():
        pick = np.flatnonzero(mixed[together])  # the columns of groups with both kinds, by group, in column order
        pick = pick[np.argsort(together[pick], kind="stable")]
        bounds = np.flatnonzero(np.r_[True, np.diff(together[pick]) != 0, True]).tolist()
        for begin, end in pairwise(bounds):
            columns = pick[begin:end]
            if _gap_free(amounts[columns].tolist(), whole[columns].tolist()):
                group[columns] = group[columns[0]]
    _, first, numbers = distinct(group)
    place = np.empty(len(first), dtype=np.int64)
    place[np.argsort(first)] = np.arange(len(first))
    numbered: np.ndarray = place[numbers]
    return numbered


def _rows_of(problem: LinearProblem) -> np.ndarray:
    """Per column, the rows it counts in, as stored, padded with -1 to the longest: one line of a 2-D array."""
    starts = problem.starts
    lengths = np.diff(starts).astype(np.int64)
    rows = np.full((len(lengths), int(lengths.max(initial=0))), -1, dtype=np.int64)
    offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    rows[np.repeat(np.arange(len(lengths)), lengths), offsets] = problem.indices[starts[0]:starts[-1]]
    return rows


def _kind_codes(problem: LinearProblem) -> np.ndarray:
    """Per column, its kind ("C", "B", "S") as the byte that writes it."""
    return np.frombuffer("".join(problem.kinds).encode("ascii"), dtype=np.uint8)


def _numbered(keys: np.ndarray) -> np.ndarray:
    """Per line of `keys`, a number shared by exactly the equal lines (sorted in C where a dict of tuples took a
    Python loop: 19 → 6 ms at 10,000 applications)."""
    order = np.lexsort(keys.T[::-1])
    ordered = keys[order]
    new = np.r_[True, (ordered[1:] != ordered[:-1]).any(axis=1)]
    numbers = np.empty(len(keys), dtype=np.int64)
    numbers[order] = np.cumsum(new) - 1
    return numbers


def _gap_free(amounts: list[int], whole: list[bool]) -> bool:
    """Whether the continuous and whole awards `amounts` can pay every sum up to their total (some whole ones in
    full, the continuous ones in part): there are both, and each whole one, by increasing amount, is at most what
    the continuous ones and the smaller whole ones add up to."""
    if all(whole) or not any(whole):
        return False
    reach = sum(a for a, w in zip(amounts, whole, strict=True) if not w)
    for amount in sorted(a for a, w in zip(amounts, whole, strict=True) if w):
        if amount > reach:
            return False
        reach += amount
    return True


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
    codes = _kind_codes(problem)
    member_whole = codes[members] == ord("B")
    whole = np.bincount(group[members], weights=(~member_whole).astype(float)) == 0  # whole awards alone
    firsts = codes[first]
    kinds = tuple(np.where(whole, ord("B"), np.where(firsts == ord("B"), ord("C"), firsts))  # a gap-free group: "C"
                  .astype(np.uint8).tobytes().decode("ascii"))
    factor = np.where(whole, 1.0, totals / model.amounts[first])  # a continuous group's share is of its total
    starts, indices = problem.starts, problem.indices
    lengths = (starts[first + 1] - starts[first]).astype(np.int64)
    new_starts = np.zeros(len(first) + 1, dtype=np.int32)
    new_starts[1:] = np.cumsum(lengths)
    take = np.repeat(starts[first] - new_starts[:-1], lengths) + np.arange(int(new_starts[-1]))
    merged = LinearProblem(
        column_names=tuple(map(problem.column_names.__getitem__, first.tolist())), cost=problem.cost[first] * factor,
        lower=problem.lower[first], upper=np.where(whole, sizes, problem.upper[first]),
        kinds=kinds, row_names=problem.row_names,
        row_lower=problem.row_lower, row_upper=problem.row_upper, starts=new_starts, indices=indices[take],
        values=problem.values[take] * np.repeat(factor, lengths))
    mixed = member_whole & ~whole[group[members]]
    return GivenProblem(merged, members, group[members], totals, presolve=False,
                        whole=member_whole if mixed.any() else None)


def spread(given: GivenProblem, model: Model, values: np.ndarray) -> np.ndarray:
    """Shares of each model column from the solver's: the best-ranked of a group filled first."""
    whole = _kind_codes(given.problem) == ord("B")
    per_award = given.totals / np.maximum(given.problem.upper, 1.0)  # a whole group: its award; else unused
    yuan = np.where(whole, np.round(values) * per_award, values * given.totals)  # what each group was given
    amounts = model.amounts[given.members]
    before = np.cumsum(amounts) - amounts  # yuan of the better-ranked members of the group, and of earlier groups
    before -= (np.cumsum(given.totals) - given.totals)[given.group]
    shares = np.zeros(len(model.columns))
    shares[given.members] = np.clip((yuan[given.group] - before) / amounts, 0.0, 1.0)
    if given.whole is not None:  # continuous columns with whole awards in them
        mixed = distinct_values(given.group[given.whole & ~whole[given.group]])
        begins, ends = np.searchsorted(given.group, mixed), np.searchsorted(given.group, mixed, side="right")
        for g, begin, end in zip(mixed.tolist(), begins.tolist(), ends.tolist(), strict=True):
            at = slice(begin, end)  # `group` is sorted: each solver column's members together
            shares[given.members[at]] = _split_mixed(float(yuan[g]), amounts[at], given.whole[at])
    return shares


def _split_mixed(yuan: float, amounts: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """Shares of a gap-free group's members (best-ranked first) paid `yuan` in all: whole awards in full or not at
    all — by decreasing amount, each taken when the smaller ones and the continuous ones could not pay the rest —
    and the continuous ones what is left, best-ranked first."""
    shares = np.zeros(len(amounts))
    order = np.flatnonzero(whole)[np.argsort(amounts[whole], kind="stable")]
    reach = float(amounts[~whole].sum()) + np.cumsum(amounts[order]) - amounts[order]  # without each, and larger
    for k in reversed(range(len(order))):
        if yuan > reach[k]:  # the rest cannot be paid without it (and it is at most `reach[k]`: nothing negative)
            shares[order[k]] = 1.0
            yuan -= float(amounts[order[k]])
    parts = np.flatnonzero(~whole)
    before = np.cumsum(amounts[parts]) - amounts[parts]
    shares[parts] = np.clip((yuan - before) / amounts[parts], 0.0, 1.0)
    return shares
