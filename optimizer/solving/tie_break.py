"""The tie-break (docs/how-it-decides.md, Ties): among allocations worth the optimum, the one the inputs prefer.

Applications of equal value (weight × score per yuan) form a *class*, ranked by rules/ties.py (higher score, earlier
submission, smaller application_id). After the first solve has proven the optimum, money may still move within a
class without changing the objective; which allocation is published must then depend on the inputs alone, never on
the solver or the row order. So:

1. `tied_columns` finds the applications money could move to or from within their class (`tied_by_definition` is
   the same rule written one application at a time, the reference a property test holds it to);
2. `tie_break_problem` is the optimum's face around them: every other application keeps its first-solve award,
   each class keeps the money it had, and the objective prefers the better-ranked by `preference`;
3. `break_ties` sets aside the columns every optimum of it decides by exchange within a class alone
   (exchange.py), solves the rest (with the fallbacks that solver trouble has needed) and puts the awards back.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

import numpy as np

from optimizer._speed.arrays import distinct
from optimizer.errors import SolverError
from optimizer.solving.backends import (
    LinearProblem,
    OtherSolver,
    Run,
    SolveStatus,
    checked,
    problem_from_rows,
    solve,
)
from optimizer.solving.exchange import decided_by_exchange
from optimizer.solving.formulation import NOISE, UNIT, RowSpec, awards_from, snap
from optimizer.solving.model import Column, ColumnKind, Model, blocking, blocking_rows
from optimizer.words import Phrase

SECOND_ORDER = 1 / math.pi  # see preference()
TIE_PRESOLVE_FROM = 200_000  # tied columns: beyond what was measured (up to 31,942), presolve as a large first solve


def break_ties(model: Model, problem: LinearProblem, first: Run, solver: str,
               time_limit: float | None) -> tuple[Run, Phrase | None]:
    """The first solve's allocation, with its ties broken by a second solve over the tied applications; and what
    the run's record should say about how (empty unless CBC had to break them for HiGHS)."""
    assert first.values is not None
    tied, columns = tie_break_problem(model, problem, awards_from(model, first.values))
    if not len(columns):
        return first, None
    tied = tied.without_loose_rows()  # most applicant caps, once all but the tied are fixed
    # Presolved only when very large: with binding floors, 3,399 tied columns (10,000 applications) took 0.8 s
    # presolved and 0.07 s not, 31,942 (100,000) 4.5 s and 0.6 s; whole-number scores' 13,421, 8.5 s and 1.3 s
    presolve = len(columns) > TIE_PRESOLVE_FROM
    decided = decided_by_exchange(tied)  # most of each class: what only moving money within it decides
    second, note = _solved(tied.with_columns_fixed(decided), solver, time_limit, presolve)
    if second.status is SolveStatus.OPTIMAL and second.values is not None:
        second = replace(second, values=_put_back(decided, second.values))
    elif not np.isnan(decided).all():  # never seen: the solver's trouble with the smaller problem; the face as it is
        second, note = _solved(tied, solver, time_limit, presolve)
    if second.status is not SolveStatus.OPTIMAL or second.values is None:
        raise SolverError(Phrase.of("solver.tie_break_failed"), hint=OtherSolver.than(solver, "other_solver_then"))
    values = first.values.copy()
    values[columns] = second.values
    return Run(second.status, values, first.objective, None, first.seconds + second.seconds, second.detail), note


def _solved(tied: LinearProblem, solver: str, time_limit: float | None, presolve: bool) -> tuple[Run, Phrase | None]:
    """The tie-break solved, with the fallbacks solver trouble has needed; and the note CBC standing in needs."""
    second = checked(solve(tied, solver, time_limit=time_limit, presolve=presolve), "tie_break")
    if second.status is SolveStatus.INFEASIBLE and presolve:
        # The first solve's awards meet every row of the tie-break by construction, so this is the solver's presolve
        # going wrong (HiGHS 1.16 does on some small instances); without presolve it is solved. The problem holds
        # only the tied applications, so that is quick.
        second = checked(solve(tied, solver, time_limit=time_limit, presolve=False), "tie_break")
    if second.status is SolveStatus.INFEASIBLE and solver == "highs":
        # Still "infeasible" (seen once at a million applications; the likely cause, shares above 1 by the
        # solver's tolerance making a class ask for more than its members hold, is mended in tie_break_problem):
        # CBC is asked the same question. Its answer is the same unique tie-break optimum.
        return checked(solve(tied, "cbc", time_limit=time_limit), "tie_break"), Phrase.of("note.cbc_broke_ties")
    return second, None


def _put_back(decided: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The values of every column: those `decided` gives, and the solver's `values` for the others, in order."""
    every = decided.copy()
    every[np.isnan(decided)] = values
    return every


def tie_break_problem(model: Model, problem: LinearProblem, found: np.ndarray) -> tuple[LinearProblem, np.ndarray]:
    """The optimum's face around its ties, searched for the allocation the tie-break rule prefers.

    Applications of equal value (weight × score per yuan) form a class. An application is *tied* when money could
    move to it from others of its class: every cap that stops it getting more also holds a paid member of its
    class (who is then tied too). Everything else keeps its first-solve award and enters only as a constant.
    Each class keeps the total the first solve gave its tied members: not less — so nothing found here is worth
    less than the optimum, whatever the solvers' tolerances — nor more, which only the solvers' tolerance could
    give (more would be worth more than the optimum); a row the classes then hold already, such as the budget, is
    left out (`_without_rows_the_classes_imply`). Within a class the objective Σ u × award sends the
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
    position = np.full(len(model.columns), -1, dtype=np.int64)  # model column → its place among the tied
    position[tied] = np.arange(len(tied))
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
    for k, columns, coefs in entries_of(problem, ~fixed):
        i, low, high = bindable[k], float(problem.row_lower[k]), float(problem.row_upper[k])
        rows.append((problem.row_names[k], position[columns].tolist(), coefs.tolist(),
                     min(low - as_found[i], used[i]) - NOISE, max(high - as_read[i], used[i]) + NOISE))
    values, code = model.classes
    classes: dict[int, list[int]] = {}
    for j in tied:
        classes.setdefault(int(code[j]), []).append(j)
    class_rows: list[RowSpec] = []
    for c, members in sorted(classes.items()):  # class codes follow the values' order
        value = values[c]
        total = float(found[members].sum())  # what the first solve gave them: not a cent less, nor more
        if total - NOISE * UNIT > 0 and value != 0:  # what value 0 gets is arbitrary in the first solve: not kept
            # coefficients in yuan, not 万元: integers, which a solver's presolve can reason about exactly
            class_rows.append((f"class:{value}", position[members].tolist(),
                               [float(model.columns[j].amount) for j in members], total - NOISE * UNIT, total))
    rows = _without_rows_the_classes_imply(rows, class_rows, model.amounts[tied]) + class_rows
    u = preferences(model.positions_in_class[tied])
    positive = np.array([value > 0 for value in values], dtype=bool)[code[tied]]
    cost = np.where(positive, u, u / 2 - 1.0) * model.amounts[tied] / UNIT
    sub = problem_from_rows([problem.column_names[j] for j in tied], cost, problem.lower[tied],
                            problem.upper[tied], [problem.kinds[j] for j in tied], rows)
    return sub, np.array(tied, dtype=int)


def _without_rows_the_classes_imply(rows: list[RowSpec], classes: list[RowSpec],
                                    amounts: np.ndarray) -> list[RowSpec]:
    """The rows without those the class rows already hold: a row with no floor, of whole classes only, each
    member counted at its entitlement (in 万元), whose bound the classes' totals together cannot pass — the
    budget, once every class keeps at most what it had. The same allocations; but the budget is the one row that
    holds every tied application, and without it HiGHS's cut separation at the root has no dense row to work
    through (whole-number scores at 100,000 applications: 13,421 tied, 1.2 s → 0.3 s). `classes`: the class rows
    (members by position, coefficients in yuan, at most the class's total)."""
    class_of = {j: k for k, (_, members, _, _, _) in enumerate(classes) for j in members}
    kept = []
    for row in rows:
        _, columns, coefs, low, high = row
        touched = {class_of.get(j, -1) for j in columns}
        implied = (low == -math.inf and -1 not in touched
                   and len(columns) == sum(len(classes[k][1]) for k in touched)
                   and np.allclose(np.asarray(coefs) * UNIT, amounts[list(columns)], rtol=1e-12, atol=0.0)
                   and sum(classes[k][4] for k in touched) / UNIT <= high)
        if not implied:
            kept.append(row)
    return kept


def entries_of(problem: LinearProblem, tied: np.ndarray) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """(row, chosen columns in it, their coefficients) for each row of the problem that holds a column `tied`
    chooses."""
    columns = problem.entry_columns()
    keep = tied[columns]
    rows, columns, coefs = problem.indices[keep], columns[keep], problem.values[keep]
    order = np.lexsort((columns, rows))
    rows, columns, coefs = rows[order], columns[order], coefs[order]
    cuts = np.flatnonzero(np.diff(rows)) + 1
    return [(int(r[0]), c, v) for r, c, v in zip(np.split(rows, cuts), np.split(columns, cuts),
                                                  np.split(coefs, cuts), strict=True) if len(r)]


def preferences(k: np.ndarray) -> np.ndarray:
    """`preference` of each place in `k`, the same floats."""
    return 1.0 / (1 + k) + SECOND_ORDER / (1 + k) ** 2


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
    need = _rooms_needed(model, awards)
    values, code = model.classes
    worthless = code == (values.index(Decimal(0)) if Decimal(0) in values else -1)
    groups, _, group = distinct(rows * len(values) + code[columns])
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


def tied_by_definition(model: Model, awards: np.ndarray) -> list[int]:
    """The tied applications by their definition, one application at a time (tied_columns is this, vectorised;
    a property test holds them equal on random years and awards).

    An application is tied when it could get more (it needs room: `_room_needed`) and every cap that stops it
    holds a paid member of its class — then it and those members are tied. An application of value 0 is tied when
    paid, and all of value 0 under a floor that pays one of them.
    """
    need = [_room_needed(col, a) for col, a in zip(model.columns, awards.tolist(), strict=True)]
    blocked = blocking_rows(model, awards.tolist(), need)
    paid = [a > 1e-6 for a in awards.tolist()]
    tied: set[int] = set()
    for j, col in enumerate(model.columns):
        if need[j] > 0 and blocked[j] and col.value != 0:
            givers = [[k for k in row.members if k != j and paid[k] and model.columns[k].value == col.value]
                      for row in blocked[j]]
            if all(givers):
                tied |= {j, *(k for group in givers for k in group)}
    tied |= {j for j, col in enumerate(model.columns) if col.value == 0 and paid[j]}
    for row in model.rows:
        if row.lower is not None and any(paid[j] and model.columns[j].value == 0 for j in row.members):
            tied |= {j for j in row.members if model.columns[j].value == 0}
    return sorted(tied)


def _rooms_needed(model: Model, awards: np.ndarray) -> np.ndarray:
    """`_room_needed` of every column at once (100,000 applications: 0.07 s one at a time)."""
    amounts = model.amounts
    needed: np.ndarray = np.where(awards >= amounts - 1e-6, 0.0,
                                  np.where(model.whole, amounts,
                                           np.where(model.semi & (awards <= 1e-6), model.floors, 1.0)))
    return needed


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
