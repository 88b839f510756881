"""Solve the model: proven optimal, tie-broken by the inputs, rounded to whole yuan, re-checked, explained.

1. **Objective.** maximise Σ weight × score × x (normalised so the largest coefficient is 1) → optimum z*.
   The solver gets the columns by value, interchangeable applications as one column where that is faster
   (merge.py).
2. **Ties.** Up to FULL_FACE applications (canonical.py): lexicographic stages over the allocations worth the
   optimum publish the greatest in rank order (value, score, submission, application_id), whatever the values.
   A stage past its node bound is settled by HiGHS's best within it (said in the run's note). Larger years, and
   a year where HiGHS finds nothing within a stage's bound (StageTooHard, said in the run's note) (tie_break.py):
   a second solve moves money within each class of equal value to the better-ranked.
   The same inputs give the same allocation whatever the row order, and whichever solver up to FULL_FACE.
3. **Rounding.** Whole awards 0 or E; partial awards down to a multiple of `rounding`; then a last pass in whole
   yuan settles what the solvers' floats leave of a yuan under the limits (`settled`).
4. **Re-check** of every rule on the rounded allocation, in exact integers, and of the objective against z*;
   anything wrong is an error, never a result.
5. **Marginal values** from the LP with the integer choices fixed (`marginal_values`, asked for by
   jobs/allocate.py while it explains the allocation: HiGHS solves that LP without holding Python's GIL).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

import numpy as np

from optimizer.errors import Infeasible, SolverError
from optimizer.solving.backends import (
    LinearProblem,
    OtherSolver,
    Run,
    SolverUnavailable,
    SolveStatus,
    checked,
    solve,
    solver_version,
)
from optimizer.solving.canonical import FULL_FACE, TOP_UP, StageTooHard, lexicographic
from optimizer.solving.formulation import KINDS, SNAP, UNIT, awards_from, objective_scale, snap, to_problem
from optimizer.solving.infeasible import infeasibility, precheck
from optimizer.solving.mend import mended
from optimizer.solving.merge import first_problem, spread
from optimizer.solving.model import ColumnKind, Model, Row, RowKind
from optimizer.solving.tie_break import break_ties
from optimizer.words import Phrase

__all__ = ["Solution", "SolverReport", "marginal_values", "optimise"]

SEMI_ROUNDS = 8  # relaxations tried before a model with minimum funding ratios is solved as it is
NEXT_IN_LINE = 2  # per cap of an award found below its minimum, when the part walks (see _next_in_line)
WALKING = 2  # new awards below their minimum in a round after the first, at most, for the part to be walking
BEST_UNPAID = 16  # unpaid awards held to their minimum at a walk's first round, twice as many at each next (see
                  # _best_unpaid)
MARGINAL_PRESOLVE_FROM = 50_000  # columns: HiGHS's presolve of the marginal values' LP took 0.27 s of 0.28 at 10,000
                                 # applications (without: 0.08 s, the same duals), 1.15 s against 1.31 at 100,000
OVER = 10  # yuan: the most a limit may be over in the solver's own awards for the last pass to trim it (in fact ≤ 2)


@dataclass(frozen=True)
class SolverReport:
    name: str
    version: str
    status: SolveStatus
    seconds: float
    stages: int
    optimum: float = 0.0  # the proven optimum before rounding, in objective units (weight × score × yuan)
    note: Phrase | None = None  # what the user should know about how it was solved (a fallback from HiGHS to CBC)


@dataclass(frozen=True)
class Solution:
    model: Model
    amounts: tuple[int, ...]  # per column, whole yuan
    objective: Decimal  # Σ weight × score × amount, exact
    solver: SolverReport
    problem: LinearProblem | None = None  # as the solver saw it, scaled by `scale` (None: no columns)
    scale: Decimal = Decimal(1)


def optimise(model: Model, solver: str = "highs", *, time_limit: float | None = None) -> Solution:
    """The proven-optimal, tie-broken, rounded and re-checked allocation of the model.

    `solver` "auto" is HiGHS, and CBC when HiGHS is missing or gives no proven optimum. `time_limit`: seconds, a
    positive number (ValueError otherwise: NaN would reach the solver and the run's manifest).
    """
    if time_limit is not None and not (math.isfinite(time_limit) and time_limit > 0):
        raise ValueError(f"time_limit must be a positive number of seconds, not {time_limit!r}")
    if solver == "auto":
        try:
            return optimise(model, "highs", time_limit=time_limit)
        except (SolverError, SolverUnavailable) as exc:
            fallback = optimise(model, "cbc", time_limit=time_limit)
            why = Phrase.of("note.auto_fallback", reason=(exc.says("zh"), exc.says("en")))
            if fallback.solver.note is not None:  # and what CBC's own run had to say
                why = Phrase.of("note.and", first=why.both(), then=fallback.solver.note.both())
            return replace(fallback, solver=replace(fallback.solver, note=why))
    version = solver_version(solver)
    conflicts = precheck(model)
    if conflicts:
        raise Infeasible(conflicts)
    if not model.columns:
        return Solution(model, (), Decimal(0), SolverReport(solver, version, SolveStatus.OPTIMAL, 0.0, 0))
    scale = objective_scale(model)
    problem = to_problem(model, scale)
    first = _first_solve(model, problem, solver, time_limit)
    if first.status is SolveStatus.INFEASIBLE:
        first = _solve_feasible(model, problem, solver, time_limit)
    assert first.values is not None
    optimum = float(problem.cost @ first.values)  # from the values: CBC prints its objective to 8 decimals only
    second, note = _tie_broken(model, problem, first, solver, time_limit)
    assert second.values is not None
    found = awards_from(model, second.values)
    amounts = settled(model, round_awards(model, found), found)
    violations = check_awards(model, amounts, found)
    if violations:
        raise SolverError(Phrase.of("solver.recheck_failed", problems="; ".join(violations)))
    objective = sum((c.value * x for c, x in zip(model.columns, amounts, strict=True)), Decimal(0))
    _check_objective(model, found, amounts, objective, optimum * float(scale) * UNIT)
    seconds = second.seconds
    report = SolverReport(solver, version, SolveStatus.OPTIMAL, seconds, 2, optimum * float(scale) * UNIT, note)
    return Solution(model, amounts, objective, report, problem, scale)


def _tie_broken(model: Model, problem: LinearProblem, first: Run, solver: str,
                time_limit: float | None) -> tuple[Run, Phrase | None]:
    """The canonical optimum up to FULL_FACE applications (with a note where a stage was settled within its effort
    bound); beyond, or when HiGHS found nothing within a stage's bound, ties broken within each class of equal
    value (with a note saying why, for the latter)."""
    if len(model.columns) <= FULL_FACE:
        try:
            run, bounded = lexicographic(model, problem, first, solver, time_limit)
            return run, Phrase.of("note.canonical_within_bound", application=bounded) if bounded else None
        except StageTooHard as exc:
            second, note = break_ties(model, problem, first, solver, time_limit)
            return second, note or Phrase.of("note.canonical_too_hard", application=exc.application)
    return break_ties(model, problem, first, solver, time_limit)


def _first_solve(model: Model, problem: LinearProblem, solver: str, time_limit: float | None) -> Run:
    """The optimum, found through the problem merge.py puts to the solver (interchangeable applications as one
    column where that is faster, columns by value); with minimum funding ratios, lazily (`semi_lazily`)."""
    if not model.semi.any():
        return _solve_merged(model, problem, solver, time_limit)
    return semi_lazily(model, problem, solver, time_limit)


def _solve_merged(model: Model, problem: LinearProblem, solver: str, time_limit: float | None) -> Run:
    given = first_problem(model, problem)
    run = checked(solve(given.problem, solver, time_limit=time_limit, presolve=given.presolve, first=True),
                  "allocation")
    return run if run.values is None else replace(run, values=spread(given, model, run.values))


def semi_lazily(model: Model, problem: LinearProblem, solver: str, time_limit: float | None) -> Run:
    """The optimum of a model with minimum funding ratios, "0 or at least the minimum" enforced only where needed.

    Each round solves a relaxation: awards held to "0 or at least the minimum" only for the applications found
    below their minimum so far, every other one continuous (so parallel ones merge, and the solver has no
    semi-continuous columns to turn into a binary and two rows each). A relaxation's optimum that meets every
    minimum is feasible for the model, and no allocation of the model is worth more than the relaxation's
    optimum: it is the model's optimum. Otherwise the relaxation's allocation is first mended (mend.py: those
    applications and the others of their values solved again, minimums held — when that is worth the relaxation's
    optimum and meets every minimum, it is the model's optimum); else the applications paid below their minimum
    join the enforced ones and the next round solves again; after SEMI_ROUNDS rounds, the model is solved as it is.
    """
    semi = model.semi
    enforced = np.zeros(len(model.columns), dtype=bool)
    seconds, stepped, walks = 0.0, False, 0  # stepped: the last round found only few new ones; walks: walked rounds
    for round_ in range(SEMI_ROUNDS):
        run = _solve_merged(model, problem.relaxed(semi & ~enforced), solver, time_limit)
        seconds += run.seconds
        if run.values is None:  # infeasible: so is the model, of which this is a relaxation
            return replace(run, seconds=seconds)
        below = _below(model, run.values, semi & ~enforced)
        if not below.any():
            return replace(run, seconds=seconds)
        mend = mended(problem, run, below, model.classes[1], solver, time_limit)
        if mend is not None:
            seconds += mend.seconds
            if mend.values is not None and not _below(model, mend.values, semi).any():
                return replace(mend, seconds=seconds)
        yuan = run.values * model.amounts
        # Two rounds in a row after the first that find only one or two new ones: the part is walking down a cap's
        # order an application a round (seen at 100,000: 32, 33, 34, 35 … enforced) — those next in line under
        # their caps are held to their minimum too, and the best-valued unpaid ones, more at each such round. Not
        # sooner: holding more awards to their minimum can make the solver pick another of several optima, with
        # new ones below (ratio 0.3 at 100,000: 3 rounds became 8).
        few = round_ > 0 and int(below.sum()) <= WALKING
        walking, stepped = few and stepped, few
        held = below
        if walking:
            relaxed, paid = semi & ~enforced, yuan > SNAP
            held = below | _next_in_line(model, below, paid, relaxed) | _best_unpaid(model, paid, relaxed, walks)
            walks += 1
        enforced |= held
    run = _solve_merged(model, problem, solver, time_limit)
    return replace(run, seconds=seconds + run.seconds)


def _below(model: Model, shares: np.ndarray, semi: np.ndarray) -> np.ndarray:
    """Per column, whether it is one of `semi` and paid, but less than its minimum (to SNAP yuan)."""
    yuan = shares * model.amounts
    return np.asarray(semi & (yuan > SNAP) & (yuan < model.floors - SNAP))


def _next_in_line(model: Model, below: np.ndarray, paid: np.ndarray, relaxed: np.ndarray) -> np.ndarray:
    """The relaxed applications money moves through next under the caps of those found below their minimum: in each
    such cap the NEXT_IN_LINE best-valued unpaid (who would be paid the part next) and the NEXT_IN_LINE worst-valued
    paid (who would give it)."""
    rows, columns = model.entries
    hit = np.zeros(len(model.rows), dtype=bool)
    hit[rows[below[columns]]] = True
    values = np.array([float(col.value) for col in model.columns])
    chosen = np.zeros(len(model.columns), dtype=bool)
    for r in np.flatnonzero(hit).tolist():
        members = np.array(model.rows[r].members, dtype=np.int64)
        members = members[relaxed[members]]
        unpaid, given = members[~paid[members]], members[paid[members]]
        chosen[unpaid[np.argsort(-values[unpaid], kind="stable")[:NEXT_IN_LINE]]] = True
        chosen[given[np.argsort(values[given], kind="stable")[:NEXT_IN_LINE]]] = True
    return chosen


def _best_unpaid(model: Model, paid: np.ndarray, relaxed: np.ndarray, walks: int) -> np.ndarray:
    """The BEST_UNPAID × 2^walks best-valued relaxed applications the round left unpaid: a walk's next steps when
    what moves is a remainder no award can take at its minimum. A 5,000-application year with a minimum ratio of
    0.5 left 5,450 yuan of its budget that way; each round's relaxation handed it to the best-valued unpaid award
    not yet held, whose minimum was 200,000 yuan or more, one award a round (93.9, 93.5, 93.0, 92.69 … of some 360
    that could take it), and the part went on to the model as it is after 8 rounds (2.6 s; holding these, 5
    rounds and 0.7 s). The awards so held cost a round little: unpaid, they stay at 0 unless worth their minimum."""
    unpaid = np.flatnonzero(relaxed & ~paid)
    chosen = np.zeros(len(model.columns), dtype=bool)
    chosen[unpaid[np.argsort(-model.classes[1][unpaid], kind="stable")[:BEST_UNPAID << walks]]] = True
    return chosen


def _solve_feasible(model: Model, problem: LinearProblem, solver: str, time_limit: float | None) -> Run:
    """After the solver called the scenario infeasible: the floors that cannot be met, or, when relaxing them
    shows every floor can be met, a solve without presolve (whose mistake that was: seen with HiGHS 1.16)."""
    conflicts = infeasibility(model, solver, time_limit)
    if conflicts:
        raise Infeasible(conflicts)
    run = checked(solve(problem, solver, time_limit=time_limit, presolve=False), "allocation")
    if run.status is SolveStatus.INFEASIBLE:
        raise SolverError(Phrase.of("solver.wrongly_infeasible"), hint=OtherSolver.than(solver))
    return run


def round_awards(model: Model, values: np.ndarray | None) -> tuple[int, ...]:
    """Whole awards 0 or E; partial awards rounded down to a multiple of `rounding`, after snapping noise.

    `values` are yuan as the solver found them (floats).
    """
    assert values is not None
    amounts = []
    for col, value, yuan in zip(model.columns, values.tolist(), snap(values).tolist(), strict=True):
        if col.kind is ColumnKind.WHOLE:
            amounts.append(col.amount if value > col.amount / 2 else 0)
            continue
        if yuan >= col.amount:
            amounts.append(col.amount)
        elif yuan <= 0:
            amounts.append(0)
        else:
            amounts.append(math.floor(yuan) // model.rounding * model.rounding)
    return tuple(amounts)


def settled(model: Model, amounts: tuple[int, ...], found: np.ndarray) -> tuple[int, ...]:
    """The last pass, in whole yuan, over what a solver's floats leave unsettled by a yuan or so.

    The solvers answer in floats, to their tolerance: a share of a 1,650,000-yuan award is known to half a yuan, and
    a stage of the canonical tie-break loosens a row to where its current allocation lies. So HiGHS can answer
    770,000.49 for one award and 19,999.51 for another that fills the budget's last yuan (where CBC answers 770,000
    and 20,000), or a little over an applicant cap of 1,000,000. Rounded down, the first leaves a yuan unspent that
    the second's entitlement and the limits have room for; rounded to the nearest, the second overflows the cap.

    1. A limit the rounded awards put over (the solver's own awards within OVER yuan of it; anything further is
       left to the exact re-check, which refuses it) is brought back under it: its partial awards give the excess
       in rounding units, the worst-ranked (by value, then rank) first, none below its minimum funding ratio.
    2. A partial award found less than TOP_UP yuan short of its next rounding unit gets it, where every limit it
       counts towards has that room in whole yuan: the best-ranked first. (A partial award of an optimum is stopped
       by a limit that is full; room in whole yuan is then the others' fractions, rounded down.)
    A whole award is never changed.
    """
    result = list(amounts)
    order = model.rank_order
    place = np.empty(len(order), dtype=np.int64)
    place[order] = np.arange(len(order))
    over, over_found = model.used(result) - model.uppers, model.used(found) - model.uppers
    for k in np.flatnonzero((over > 0) & (over_found <= OVER)).tolist():
        _bring_under(model, model.rows[k], result, place)
    x, entitled, r = np.array(result, dtype=float), model.amounts, model.rounding
    step = np.minimum(x + r, entitled) - x
    whole = model.whole
    near = (~whole & (x > 0) & (x < entitled) & (snap(found) > x + step - TOP_UP))
    if not near.any():
        return tuple(result)
    room = model.uppers - model.used(result)
    rows, columns = model.entries
    limits: dict[int, list[int]] = {}
    for k, j in zip(rows[near[columns]].tolist(), columns[near[columns]].tolist(), strict=True):
        if math.isfinite(room[k]):
            limits.setdefault(j, []).append(k)
    for j in order[near[order]].tolist():
        if all(room[k] >= step[j] for k in limits.get(j, ())):
            result[j] += int(step[j])
            room[limits.get(j, [])] -= step[j]
    return tuple(result)


def _bring_under(model: Model, row: Row, result: list[int], place: np.ndarray) -> None:
    """`settled`'s first step for one limit: its partial awards give what it is over (now: an earlier limit's may
    have given it already), the worst-ranked first."""
    assert row.upper is not None
    over, r = sum(result[j] for j in row.members) - row.upper, model.rounding
    for j in sorted(row.members, key=place.__getitem__, reverse=True):
        col = model.columns[j]
        if over <= 0:
            return
        if col.kind is ColumnKind.WHOLE or result[j] == 0:
            continue
        lowered = max((result[j] - over) // r * r, 0)
        if col.kind is ColumnKind.SEMI and (0 < lowered <= col.floor - r or lowered == 0):
            continue
        over -= result[j] - lowered
        result[j] = lowered


def check_awards(model: Model, amounts: Sequence[int], found: np.ndarray) -> list[str]:
    """Every limit of the model on whole-yuan awards (docs/how-it-decides.md, The exact re-check); an empty list
    when all hold.

    `found` are the solver's awards before rounding: a floor may fall short by less than one rounding unit per
    award that was rounded down.
    """
    problems = []
    r = model.rounding
    for col, x in zip(model.columns, amounts, strict=True):
        name = col.application_id
        if not 0 <= x <= col.amount:
            problems.append(f"{name}: award {x} outside 0…{col.amount}")
        elif col.kind is ColumnKind.WHOLE and x not in (0, col.amount):
            problems.append(f"{name}: whole award paid in part ({x} of {col.amount})")
        elif 0 < x < col.amount and x % r:
            problems.append(f"{name}: partial award {x} is not a multiple of {r}")
        elif col.kind is ColumnKind.SEMI and x > 0 and x <= col.floor - r:
            problems.append(f"{name}: award {x} below the minimum funding ratio ({col.floor})")
    award, short = list(amounts).__getitem__, (found - np.asarray(amounts, dtype=float) > SNAP).tolist().__getitem__
    for row in model.rows:
        used = sum(map(award, row.members))  # Python's integers: exact whatever the sizes
        partial = sum(map(short, row.members))  # awards rounded down
        if row.upper is not None and used > row.upper:
            problems.append(f"{row.name}: {used} above its limit {row.upper}")
        shortfall = row.lower - used if row.lower is not None else 0
        if shortfall > 0 and shortfall >= r * partial:
            problems.append(f"{row.name}: {used} below its floor {row.lower}")
    return problems


def _check_objective(model: Model, found: np.ndarray, amounts: Sequence[int], objective: Decimal,
                     optimum: float) -> None:
    """The rounded allocation is worth the optimum, less at most one rounding unit per award rounded down."""
    rounded_down = sum((c.value for c, f, x in zip(model.columns, found, amounts, strict=True) if f - x > SNAP),
                       Decimal(0))
    allowance = float(rounded_down) * model.rounding + 1e-6 * max(1.0, abs(optimum))
    if float(objective) < optimum - allowance:
        raise SolverError(Phrase.of("solver.objective_short", objective=objective, optimum=f"{optimum:.2f}"))


def marginal_values(solution: Solution) -> dict[str, float]:
    """Objective gained per extra yuan of each limit (row name → value), from the LP with the integer choices
    fixed; empty when there is nothing to ask or the LP gives no duals."""
    model, problem, scale = solution.model, solution.problem, solution.scale
    if problem is None:
        return {}
    lower, upper = problem.lower.copy(), problem.upper.copy()
    kinds, paid = np.array(problem.kinds), np.array(solution.amounts) > 0  # problem.kinds: one per model column
    fixed = (kinds == KINDS[ColumnKind.WHOLE]) | ((kinds == KINDS[ColumnKind.SEMI]) & ~paid)
    lower[fixed] = upper[fixed] = np.where(paid[fixed], 1.0, 0.0)  # a whole award paid is 1, anything unpaid 0
    name = solution.solver.name
    run = solve(problem.fixed(lower, upper), name, presolve=name != "highs" or len(kinds) > MARGINAL_PRESOLVE_FROM)
    if run.status is not SolveStatus.OPTIMAL or run.row_duals is None:
        return {}
    by_name = dict(zip(problem.row_names, run.row_duals, strict=True))
    values = {}
    for row in model.rows:
        dual = abs(by_name.get(row.name, 0.0)) * float(scale)
        values[row.name] = -dual if row.kind is RowKind.ENVELOPE_MIN else dual
    return values
