"""Solver backends behind one small interface, and our own status type.

A `LinearProblem` (maximise cost·x over columns that are continuous, binary or semi-continuous, with ranged rows)
goes to HiGHS, driven directly through highspy with arrays, or to CBC, through PuLP. Each returns a `Run` whose
status is ours: OPTIMAL only when the solver *proved* optimality (MIP gap 0). PuLP calls a run "Optimal" even
when CBC stopped at a time limit with a feasible solution; we read CBC's solution status instead.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import subprocess
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from itertools import chain, compress
from typing import Any

import numpy as np

from optimizer._speed.arrays import distinct_values
from optimizer._speed.long_rows import split_long_rows
from optimizer.errors import Hint, SolverError
from optimizer.words import Phrase, default_lang, render

try:
    import highspy
except ImportError as missing:  # pragma: no cover - a broken install; SolverUnavailable says so, --solver auto moves on
    if isinstance(missing.__cause__, KeyboardInterrupt):  # Ctrl-C while highspy's extension started: pybind11 says
        raise KeyboardInterrupt from None                 # "initialization failed"; the user pressed Ctrl-C
    highspy = None  # type: ignore[assignment]

SOLVERS = ("highs", "cbc")
CHOICES = (*SOLVERS, "auto")  # auto: HiGHS, and CBC if HiGHS is missing or fails
SEED = 20260202  # the policy's issue date: fixed, so that reruns take the same path
FEASIBILITY = 1e-7  # HiGHS's tolerance on a MIP's rows (see _solve_highs)
# A first solve's rows longer than this are split for HiGHS into blocks of ROW_BLOCK columns through auxiliary sums
# (`LinearProblem.with_long_rows_split`): 100,000 applications' first solve `default` 3.5 → 1.0 s, `floors` 18.2 →
# 3.7 s, `weights` 11.5 → 3.0 s (blocks of 1,000: 2.0/6.6/5.8 s; of 50: 1.0/8.3/6.2 s); a million applications in
# full 540 → 56 s (blocks of 1,000). Not the tie-break's nor the canonical stages' problems: slower there (`coarse`
# at 100,000: 0.30 → 0.69 s; at 5,000 the `floors` walk's own check refused a stage's answer below its start)
LONGEST_ROW = 1_000
ROW_BLOCK = 200
AGGREGATOR = 1 << 12  # HiGHS's presolve rule "aggregator" (presolve_rule_off): it would substitute the sums back


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"  # proven optimal
    INFEASIBLE = "infeasible"
    TIME_LIMIT = "time limit reached"  # stopped before a proof, with or without a solution
    NODE_LIMIT = "node limit reached"  # stopped before a proof after `node_limit` branch-and-bound nodes (HiGHS)
    NOT_SOLVED = "not solved"  # any other stop without a proof: iteration limit, interruption, numerical trouble
    ERROR = "solver error"

    @property
    def is_ok(self) -> bool:
        return self is SolveStatus.OPTIMAL


class SolverUnavailable(SolverError):
    """The solver cannot be started on this machine."""


@dataclass(frozen=True)
class LinearProblem:
    """maximise cost·x  s.t.  row_lower ≤ A x ≤ row_upper,  lower ≤ x ≤ upper (A column-wise)."""

    column_names: tuple[str, ...]
    cost: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    kinds: tuple[str, ...]  # "C" continuous, "B" binary, "S" semi-continuous (0, or lower…upper)
    row_names: tuple[str, ...]
    row_lower: np.ndarray
    row_upper: np.ndarray
    starts: np.ndarray
    indices: np.ndarray
    values: np.ndarray

    @property
    def is_mip(self) -> bool:
        return any(k != "C" for k in self.kinds)

    def entry_columns(self) -> np.ndarray:
        """The column of each entry of the matrix (`indices` gives its row)."""
        return np.repeat(np.arange(len(self.column_names)), np.diff(self.starts))

    def activity(self, x: np.ndarray) -> np.ndarray:
        """Each row's sum at `x`."""
        sums: np.ndarray = np.bincount(self.indices, weights=self.values * x[self.entry_columns()],
                                       minlength=len(self.row_names))
        return sums

    def fixed(self, lower: np.ndarray, upper: np.ndarray) -> LinearProblem:
        """A pure LP: every column continuous within the given bounds."""
        return _replace(self, lower=lower, upper=upper, kinds=("C",) * len(self.kinds))

    def replaced(self, **changes: Any) -> LinearProblem:
        """The same problem with some of its fields replaced (a new cost, new bounds…)."""
        return _replace(self, **changes)

    def least(self) -> np.ndarray:
        """The least each column can be: its lower bound, or 0 for a semi-continuous one (0, or lower…upper)."""
        least: np.ndarray = np.where(np.array(self.kinds) == "S", np.minimum(self.lower, 0.0), self.lower)
        return least

    def without_loose_rows(self) -> LinearProblem:
        """The same problem without the rows that no values within the columns' bounds can break — a cap whose
        members cannot fill it even all paid in full, as most applicant caps are once the tie-break has fixed all
        but a few of their members. The same allocations, fewer rows for the solver's cuts to work through: the
        tie-break of 100,000 applications with whole-number scores kept 127 of its 1,007 rows and took 1.0 s
        instead of 2.0 s (its root's cut separation, not its LP, was the time). (Not used in the canonical stages:
        on five tie-stress years of 2,275–2,948 applications it saved 0–4%, the same allocations.)"""
        columns = self.entry_columns()
        low = self.least()[columns]
        high = self.upper[columns]
        rows = len(self.row_names)
        most = np.bincount(self.indices, np.where(self.values > 0, self.values * high, self.values * low), rows)
        least = np.bincount(self.indices, np.where(self.values > 0, self.values * low, self.values * high), rows)
        keep = (most > self.row_upper) | (least < self.row_lower)
        if keep.all():
            return self
        kept = keep[self.indices]
        starts = np.zeros(len(self.starts), dtype=self.starts.dtype)
        starts[1:] = np.cumsum(np.bincount(columns[kept], minlength=len(self.column_names)))
        return _replace(self, row_names=tuple(n for n, k in zip(self.row_names, keep.tolist(), strict=True) if k),
                        row_lower=self.row_lower[keep], row_upper=self.row_upper[keep], starts=starts,
                        indices=(np.cumsum(keep) - 1)[self.indices[kept]].astype(self.indices.dtype),
                        values=self.values[kept])

    def with_columns_fixed(self, values: np.ndarray) -> LinearProblem:
        """The problem over the columns whose `values` are NaN; every other column fixed at its value, what it adds
        to each row taken off the row's bounds. An answer to it is one to the whole problem once the fixed values
        are put back."""
        keep = np.isnan(values)
        if keep.all():
            return self
        columns = self.entry_columns()
        gone = ~keep[columns]
        fixed = np.bincount(self.indices[gone], self.values[gone] * values[columns[gone]],
                            minlength=len(self.row_names))
        starts = np.zeros(int(keep.sum()) + 1, dtype=self.starts.dtype)
        starts[1:] = np.cumsum(np.diff(self.starts)[keep])
        return _replace(self, column_names=tuple(compress(self.column_names, keep)), cost=self.cost[keep],
                        lower=self.lower[keep], upper=self.upper[keep], kinds=tuple(compress(self.kinds, keep)),
                        row_lower=self.row_lower - fixed, row_upper=self.row_upper - fixed, starts=starts,
                        indices=self.indices[~gone], values=self.values[~gone])

    def relaxed(self, columns: np.ndarray) -> LinearProblem:
        """The same problem with the columns the mask `columns` chooses continuous from 0: a semi-continuous award
        ("0, or at least the minimum") relaxed to any amount up to its entitlement."""
        return _replace(self, kinds=tuple(np.where(columns, "C", np.array(self.kinds)).tolist()),
                        lower=np.where(columns, 0.0, self.lower))

    def with_long_rows_split(self, longest: int, block: int) -> LinearProblem:
        """The same problem with every row of more than `longest` entries split into blocks of `block` columns, each
        block's sum an auxiliary continuous column (after the others, cost 0) fixed by an equation of its own; the
        row then sums the blocks. The same allocations in the first columns (`_speed/long_rows.py` says why)."""
        split = split_long_rows(self.starts, self.indices, self.values, self.least(), self.upper,
                                len(self.row_names), longest, block)
        if split is None:
            return self
        blocks = split.rows_added
        return _replace(self, column_names=(*self.column_names, *(f"block_sum_{b}" for b in range(blocks))),
                        cost=np.r_[self.cost, np.zeros(blocks)], lower=np.r_[self.lower, split.aux_lower],
                        upper=np.r_[self.upper, split.aux_upper], kinds=(*self.kinds, *("C",) * blocks),
                        row_names=(*self.row_names, *(f"block_{b}" for b in range(blocks))),
                        row_lower=np.r_[self.row_lower, np.zeros(blocks)],
                        row_upper=np.r_[self.row_upper, np.zeros(blocks)],
                        starts=split.starts, indices=split.indices, values=split.values)

    def within_rows(self, x: np.ndarray, tolerance: float) -> bool:
        """Whether every row's sum at `x` lies within its bounds, give or take `tolerance`. Rows of more than
        LONGEST_ROW entries are summed exactly rounded (`math.fsum`): a million applications' budget summed in
        order is 2.6e-6 off its true sum, 5.8e-9 over its bound."""
        sums = self.activity(x)
        rows = np.bincount(self.indices, minlength=len(self.row_names))
        at = np.flatnonzero(rows[self.indices] > LONGEST_ROW)
        if at.size:
            at = at[np.argsort(self.indices[at], kind="stable")]
            terms = self.values[at] * x[self.entry_columns()[at]]
            for row, part in zip(distinct_values(self.indices[at]).tolist(),
                                 np.split(terms, np.flatnonzero(np.diff(self.indices[at])) + 1), strict=True):
                sums[row] = math.fsum(part.tolist())
        return bool(np.all(sums >= self.row_lower - tolerance) and np.all(sums <= self.row_upper + tolerance))

    def with_large_rows_scaled(self, most: float) -> LinearProblem:
        """The same problem with every row whose bounds pass `most` in size divided until they do not: the same
        allocations, but a solver's absolute tolerance on such a row widens with it. Summing a million awards to a
        bound of 4.7e7 leaves float noise of 5e-7 in the sum, above HiGHS's feasibility tolerance (1e-7): HiGHS
        then refused every allocation its heuristics found for 12 minutes ("untransformed violations")."""
        bounds = np.maximum(np.abs(np.where(np.isfinite(self.row_lower), self.row_lower, 0.0)),
                            np.abs(np.where(np.isfinite(self.row_upper), self.row_upper, 0.0)))
        scales = np.maximum(1.0, bounds / most)
        if (scales == 1.0).all():
            return self
        return _replace(self, row_lower=self.row_lower / scales, row_upper=self.row_upper / scales,
                        values=self.values / scales[self.indices])


def _replace(problem: LinearProblem, **changes: Any) -> LinearProblem:
    values = {k: getattr(problem, k) for k in LinearProblem.__dataclass_fields__}
    values.update(changes)
    return LinearProblem(**values)


@dataclass(frozen=True)
class Run:
    status: SolveStatus
    values: np.ndarray | None
    objective: float | None
    row_duals: np.ndarray | None
    seconds: float
    detail: str = ""
    col_duals: np.ndarray | None = None  # reduced costs, for a pure LP
    solver: str = ""  # who answered: "highs" or "cbc" (set by `solve`)


def solve(problem: LinearProblem, solver: str, *, time_limit: float | None = None, presolve: bool = True,
          start: np.ndarray | None = None, node_limit: int | None = None, first: bool = False) -> Run:
    """Solve `problem`; `start`, a feasible solution known beforehand, is CBC's first incumbent (a MIP start).

    `first`: a year's first solve, which HiGHS is given with a MIP's rows of more than LONGEST_ROW entries split
    into blocks (`LinearProblem.with_long_rows_split`; the values returned are the problem's columns alone) and
    without the RINS and RENS heuristics (below).

    HiGHS is not given the start: on our problems its start took longer than its own heuristics (a 100,000-column
    year: 6.4 s → 15.7 s). CBC without one can search a long time for any solution of a problem whose rows pin the
    objective (a canonical stage: 54 s of its feasibility search, for an optimum the start already has).

    `node_limit` bounds HiGHS's branch and bound (CBC ignores it): unlike a time limit, the same on every machine
    (HiGHS runs one thread), so a solve stopped by it is stopped on every machine at the same point.
    """
    began = time.perf_counter()
    if not problem.column_names:  # nothing left to decide (a tie-break whose every column exchange decided)
        run = _without_columns(problem)
    elif solver == "highs":
        run = _solve_highs(problem, time_limit, presolve, node_limit, first)
    elif solver == "cbc":
        run = _solve_cbc(problem, time_limit, presolve, start)
    else:
        raise ValueError(f"unknown solver {solver!r}")
    return Run(run.status, run.values, run.objective, run.row_duals, time.perf_counter() - began, run.detail,
               run.col_duals, solver)


def _without_columns(problem: LinearProblem) -> Run:
    """A problem of no columns: optimal (at 0) when every row allows a sum of 0, infeasible otherwise; HiGHS
    calls such a model "empty" and solves nothing."""
    if problem.within_rows(np.zeros(0), FEASIBILITY):
        return Run(SolveStatus.OPTIMAL, np.zeros(0), 0.0, None, 0.0, "Optimal (no columns)")
    return Run(SolveStatus.INFEASIBLE, None, None, None, 0.0, "Infeasible (no columns)")


def other_solver(solver: str) -> str:
    """The solver to suggest when this one fails."""
    return "cbc" if solver == "highs" else "highs"


@dataclass(frozen=True)
class OtherSolver(Hint):
    """The remedy "try the other solver" (`hint.other_solver`, `hint.other_solver_then`): `value` is its code, as the
    library's `solver` and the command line's `--solver` take it (`cbc`); the app's words name it as its form offers
    it (`{name}`: `CBC`; an officer's review: `可在表单中改选求解器 cbc`)."""

    @classmethod
    def than(cls, solver: str, key: str = "other_solver") -> OtherSolver:
        """The hint `key` to try the solver that is not `solver`."""
        return cls(key, other_solver(solver))

    def text(self, lang: str | None = None, face: str | None = None) -> str:
        name = Phrase.of(f"solver.name.{self.value}").both()
        return render(f"hint.{self.key}", {"value": self.value, "name": name}, lang or default_lang(), face)


def checked(run: Run, what: str) -> Run:
    """The run, when it proved its problem optimal or infeasible; otherwise a SolverError saying why not. `what`
    the solve was for: "allocation" or "tie_break"."""
    if run.status in (SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE):
        return run
    words = Phrase.of(f"solve.{what}").both()
    if run.status is SolveStatus.TIME_LIMIT:
        raise SolverError(Phrase.of("solver.time_limit", what=words), hint=Hint("time_limit"))
    raise SolverError(Phrase.of("solver.not_proven", what=words, status=run.status.value, detail=run.detail))


@cache
def solver_version(solver: str) -> str:
    if solver == "highs":
        return f"HiGHS {_new_highs().version()}"
    try:
        out = subprocess.run([_cbc_path(), "-quit"], capture_output=True, text=True, timeout=30,
                             check=False).stdout
    except OSError as exc:
        raise SolverUnavailable(Phrase.of("solver.cbc_missing", detail=exc)) from exc
    match = re.search(r"Version:\s*(\S+)", out)
    return f"CBC {match.group(1) if match else 'unknown'} (PuLP {_pulp().__version__})"


def _new_highs() -> Any:
    if highspy is None:
        raise SolverUnavailable(Phrase.of("solver.highs_missing"), hint=Hint("highs_missing"))
    with _quiet_stdout():
        return highspy.Highs()  # type: ignore[no-untyped-call]


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """HiGHS prints a banner from C++ on its first use; keep our standard output ours."""
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


# ------------------------------------------------------------------------------------------------ HiGHS


def _solve_highs(problem: LinearProblem, time_limit: float | None, presolve: bool, node_limit: int | None,
                 first: bool) -> Run:
    options: dict[str, Any] = {
        "output_flag": False, "random_seed": SEED % 2**31, "threads": 1, "mip_rel_gap": 0.0, "mip_abs_gap": 0.0,
        # HiGHS's own primal tolerance. Tighter is not safer: at 1e-9, HiGHS 1.16 rejected its best solutions of a
        # 100,000-row year for row violations of 2e-8 (rounding noise on a 5e6 bound) and then declared a worse one
        # optimal. Whole awards are rounded to 0 or E and every rule re-checked in whole yuan afterwards anyway.
        "mip_feasibility_tolerance": FEASIBILITY,
        # Each option below was measured to shorten the solve with the same optima (docs/performance.md):
        "mip_detect_symmetry": False,  # our models have no symmetry worth the search
        # nor is the feasibility jump worth running: the root LP's rounding finds a good allocation at once
        "mip_heuristic_run_feasibility_jump": False,
        # The MIP's own LPs (the root relaxation, the heuristics' and repair LPs) without an LP presolve of their
        # own: at the root that presolve spent most of its time looking for the parallel rows and columns that
        # merge.py has merged already (the MIP presolve below is unchanged)
        "mip_root_presolve_only": True,
        # nor the root reduced-cost heuristic: on large years its sub-MIPs were where the proof waited
        "mip_heuristic_run_root_reduced_cost": False,
        # nor, in a first solve, RINS and RENS: their sub-MIPs found the optimum that branching at the root finds as
        # soon (`whole` at 10,000 0.29 → 0.20 s, `weights` 0.26 → 0.21 s, `floors` at 100,000 3.2 → 2.6 s; no shape
        # slower by more than 0.02 s). The canonical stages of tie-heavy years need them (one 16 → 21 s without).
        "mip_heuristic_run_rins": not first, "mip_heuristic_run_rens": not first,
        "presolve": "choose" if presolve else "off",
    }
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    if node_limit is not None:
        options["mip_max_nodes"] = node_limit
    split = problem.with_long_rows_split(LONGEST_ROW, ROW_BLOCK) if first and problem.is_mip else problem
    if split is not problem:
        run = _run_highs(split, {**options, "presolve_rule_off": AGGREGATOR})
        if run.status is SolveStatus.TIME_LIMIT:
            return run
        values = None if run.values is None else run.values[:len(problem.column_names)]  # without the sums
        if values is not None and problem.within_rows(values, FEASIBILITY):
            return replace(run, values=values)
        # No answer HiGHS proved (a tie-break's rows of a class's total to a ten-millionth, split, were called
        # infeasible), or one further off a row than the tolerance, each block met to it: solved again as it is.
        # Neither was seen on a first problem.
    return _run_highs(problem, options)


def _run_highs(problem: LinearProblem, options: dict[str, Any]) -> Run:
    highs = _new_highs()
    for key, value in options.items():
        highs.setOptionValue(key, value)
    highs.passModel(_highs_lp(problem))
    highs.run()
    return _highs_result(highs, problem)


def _highs_lp(problem: LinearProblem) -> Any:
    lp = highspy.HighsLp()
    lp.num_col_ = len(problem.column_names)
    lp.num_row_ = len(problem.row_names)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = problem.cost
    lp.col_lower_ = problem.lower
    lp.col_upper_ = problem.upper
    lp.row_lower_ = np.where(np.isinf(problem.row_lower), -highspy.kHighsInf, problem.row_lower)
    lp.row_upper_ = np.where(np.isinf(problem.row_upper), highspy.kHighsInf, problem.row_upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = problem.starts
    lp.a_matrix_.index_ = problem.indices
    lp.a_matrix_.value_ = problem.values
    if problem.is_mip:
        types = {"C": highspy.HighsVarType.kContinuous, "B": highspy.HighsVarType.kInteger,
                 "S": highspy.HighsVarType.kSemiContinuous}
        lp.integrality_ = [types[k] for k in problem.kinds]
    return lp


def _highs_result(highs: Any, problem: LinearProblem) -> Run:
    model_status = highs.getModelStatus()
    info = highs.getInfo()
    detail = highs.modelStatusToString(model_status)
    S = highspy.HighsModelStatus
    if model_status in (S.kInfeasible, S.kUnboundedOrInfeasible):
        return Run(SolveStatus.INFEASIBLE, None, None, None, 0.0, detail)
    if model_status == S.kTimeLimit:
        return Run(SolveStatus.TIME_LIMIT, None, None, None, 0.0, detail)
    if model_status == S.kSolutionLimit:  # mip_max_nodes (we set no other limit of that kind): its best so far, if any
        best = np.array(highs.getSolution().col_value) if info.primal_solution_status == 2 else None
        return Run(SolveStatus.NODE_LIMIT, best, None, None, 0.0, detail)
    feasible = info.primal_solution_status == 2  # kSolutionStatusFeasible
    # the gap relative to the objective, or absolute where the objective is below 1 (a tie-break stage's can be 0)
    closed = info.mip_gap <= 1e-9 or abs(info.objective_function_value - info.mip_dual_bound) <= 1e-9
    proven = model_status == S.kOptimal and feasible and (not problem.is_mip or closed)
    if not proven:
        return Run(SolveStatus.NOT_SOLVED, None, None, None, 0.0, detail)
    solution = highs.getSolution()
    values, objective = np.array(solution.col_value), float(info.objective_function_value)
    if not _worth(problem, values, objective):
        return Run(SolveStatus.NOT_SOLVED, None, None, None, 0.0, f"{detail}, but its values are not worth that")
    lp_duals = solution.dual_valid and not problem.is_mip
    return Run(SolveStatus.OPTIMAL, values, objective, np.array(solution.row_dual) if lp_duals else None, 0.0,
               detail, np.array(solution.col_dual) if lp_duals else None)


def _worth(problem: LinearProblem, values: np.ndarray, objective: float) -> bool:
    """Whether `values` are worth the `objective` the solver reported, to a millionth of the terms' size. HiGHS
    1.16 given a start (`setSolution`, not used since) reported a better allocation's objective with the start's
    values as its solution (docs/canonical.md)."""
    terms = problem.cost * values
    return abs(math.fsum(terms.tolist()) - objective) <= 1e-6 * max(1.0, float(np.abs(terms).sum()))


# ------------------------------------------------------------------------------------------------ CBC (PuLP)


def _solve_cbc(problem: LinearProblem, time_limit: float | None, presolve: bool, start: np.ndarray | None) -> Run:
    pulp = _pulp()
    prob, columns, row_constraints = _pulp_problem(problem, start)
    with tempfile.TemporaryDirectory(prefix="budgetopt-cbc-") as folder:
        # No `threads`: the bundled CBC given "-threads 1" starts a worker thread and, about one small solve in 40,
        # waits 10 s for it to start ("Thread 0 used 0 times, waiting to start 10.0"); by default it runs in the
        # main thread, as deterministically.
        cbc = _cbc(msg=False, gapRel=0.0, gapAbs=0.0, timeLimit=time_limit, mip=problem.is_mip,
                   warmStart=start is not None and problem.is_mip,
                   # CBC's MIP preprocessing can call a feasible model "Integer infeasible" (seen with the
                   # tie-break's class rows), so it is always off
                   options=[f"randomSeed {SEED}", f"randomCbcSeed {SEED}", "preprocess off",
                            *([] if presolve else ["presolve off"])])
        cbc.tmpDir = folder
        try:
            prob.solve(cbc)
        except pulp.PulpSolverError as exc:
            return Run(SolveStatus.ERROR, None, None, None, 0.0, str(exc))
    detail = cbc.first_line.strip()
    if prob.status == pulp.LpStatusInfeasible or detail.startswith(("Infeasible", "Integer infeasible")):
        return Run(SolveStatus.INFEASIBLE, None, None, None, 0.0, detail)
    if prob.status == pulp.LpStatusOptimal and prob.sol_status == pulp.LpSolutionOptimal:
        values = np.array([var.value() or 0.0 for var in columns])
        if problem.is_mip:
            return Run(SolveStatus.OPTIMAL, values, cbc.objective, None, 0.0, detail)
        duals = np.array([sum((c.pi or 0.0) for c in row) for row in row_constraints])
        reduced = np.array([var.dj or 0.0 for var in columns])
        return Run(SolveStatus.OPTIMAL, values, cbc.objective, duals, 0.0, detail, reduced)
    if detail.startswith("Stopped on time") or (time_limit is not None and "time" in detail.lower()):
        return Run(SolveStatus.TIME_LIMIT, None, None, None, 0.0, detail)
    return Run(SolveStatus.NOT_SOLVED, None, None, None, 0.0, detail or pulp.LpStatus[prob.status])


def _pulp_problem(problem: LinearProblem, start: np.ndarray | None = None) -> tuple[Any, list[Any], list[list[Any]]]:
    """The problem in PuLP: a semi-continuous column becomes a continuous one switched by a binary. `start`: each
    column's initial value (CBC's MIP start), a whole one rounded, every one within its bounds."""
    pulp = _pulp()
    prob = pulp.LpProblem("budgetopt", pulp.LpMaximize)
    columns: list[Any] = []
    switches: list[tuple[Any, Any, float, float]] = []
    for j, kind in enumerate(problem.kinds):
        lower, upper = float(problem.lower[j]), float(problem.upper[j])
        if kind == "B":
            columns.append(prob.add_variable(f"x{j}", lower, upper, cat=pulp.LpInteger))  # Binary would reset bounds
        elif kind == "S":
            var = prob.add_variable(f"x{j}", 0.0, upper)
            switches.append((var, prob.add_variable(f"on{j}", cat=pulp.LpBinary), lower, upper))
            columns.append(var)
        else:
            columns.append(prob.add_variable(f"x{j}", lower, upper))
    prob += pulp.LpAffineExpression([(columns[j], float(c)) for j, c in enumerate(problem.cost) if c])
    terms: list[list[tuple[Any, float]]] = [[] for _ in problem.row_names]
    for j in range(len(columns)):
        for k in range(int(problem.starts[j]), int(problem.starts[j + 1])):
            terms[int(problem.indices[k])].append((columns[j], float(problem.values[k])))
    row_constraints: list[list[Any]] = []
    for i, row_terms in enumerate(terms):
        expr = pulp.LpAffineExpression(row_terms)
        made = []
        if np.isfinite(problem.row_upper[i]):
            made.append(pulp.LpConstraint(expr, pulp.LpConstraintLE, f"r{i}", float(problem.row_upper[i])))
        if np.isfinite(problem.row_lower[i]):
            made.append(pulp.LpConstraint(expr, pulp.LpConstraintGE, f"r{i}_min", float(problem.row_lower[i])))
        for constraint in made:
            prob += constraint
        row_constraints.append(made)
    if start is not None:
        for j, var in enumerate(columns):
            low = 0.0 if problem.kinds[j] == "S" else float(problem.lower[j])  # semi-continuous: 0 or its range
            value = min(max(float(start[j]), low), float(problem.upper[j]))
            var.setInitialValue(float(round(value)) if problem.kinds[j] == "B" else value)
        for var, switch, _, _ in switches:
            switch.setInitialValue(1.0 if var.varValue > 0 else 0.0)
    for var, switch, lower, upper in switches:
        prob += pulp.LpConstraint(var - lower * switch, pulp.LpConstraintGE, f"{var.name}_floor", 0.0)
        prob += pulp.LpConstraint(var - upper * switch, pulp.LpConstraintLE, f"{var.name}_switch", 0.0)
    return prob, columns, row_constraints


def _pulp() -> Any:
    """PuLP, imported when CBC is first asked for: a HiGHS run never needs it (and starts sooner)."""
    import pulp

    return pulp


@cache
def _cbc_class() -> Any:
    class Cbc(_pulp().PULP_CBC_CMD):  # type: ignore[misc]
        """PuLP's CBC, keeping the solution file's first line (the status, and the objective to full precision)."""

        first_line = ""
        objective: float | None = None

        def readsol_MPS(self, filename: str, *args: Any, **kwargs: Any) -> Any:
            with open(filename) as handle:
                self.first_line = handle.readline()
            match = re.search(r"objective value\s+(\S+)", self.first_line)
            self.objective = float(match.group(1)) if match else None
            return super().readsol_MPS(filename, *args, **kwargs)

    return Cbc


def _cbc(**options: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # PuLP 3 bundles CBC; PuLP 4 will not (we pin < 4)
        return _cbc_class()(**options)


def _cbc_path() -> str:
    return str(_cbc(msg=False).path)


def problem_from_rows(column_names: Sequence[str], cost: np.ndarray, lower: np.ndarray, upper: np.ndarray,
                      kinds: Sequence[str], rows: Sequence[tuple[str, Sequence[int], Sequence[float], float, float]],
                      ) -> LinearProblem:
    """Assemble the column-wise matrix from rows given as (name, columns, coefficients, lower, upper)."""
    n = len(column_names)
    sizes = [len(r[1]) for r in rows]
    row_of = np.repeat(np.arange(len(rows), dtype=np.int32), sizes)
    col_of = np.fromiter(chain.from_iterable(r[1] for r in rows), dtype=np.int64, count=len(row_of))
    value_of = np.fromiter(chain.from_iterable(r[2] for r in rows), dtype=np.float64, count=len(row_of))
    order = np.argsort(col_of, kind="stable")  # by column, rows in order within each
    starts = np.zeros(n + 1, dtype=np.int32)
    starts[1:] = np.cumsum(np.bincount(col_of, minlength=n))
    return LinearProblem(
        column_names=tuple(column_names), cost=np.asarray(cost, dtype=np.float64),
        lower=np.asarray(lower, dtype=np.float64), upper=np.asarray(upper, dtype=np.float64), kinds=tuple(kinds),
        row_names=tuple(r[0] for r in rows), row_lower=np.array([r[3] for r in rows], dtype=np.float64),
        row_upper=np.array([r[4] for r in rows], dtype=np.float64), starts=starts,
        indices=row_of[order].astype(np.int32), values=value_of[order],
    )
