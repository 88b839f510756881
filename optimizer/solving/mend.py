"""Mending a relaxation's allocation where it pays awards below their minimum funding ratio.

Minimum funding ratios are held lazily (optimise.semi_lazily, and a canonical stage's `_solved`): a relaxation
solves with "0, or at least the minimum" held only for some awards, and when its allocation pays others below
their minimum, those are held too and the relaxation is solved again. Often the next relaxation is worth just as
much: the award found below its minimum was one of several of its value the solver could have given that money
to, and the next round merely gives it to another of them — a round per such award (a year of 10,000 applications
with a minimum ratio of 0.5: four rounds, the last three worth the same).

`mended` tries the cheap way first: those awards and every application of their values (`classes`) solved again
with every minimum among them held, everything else as the relaxation has it. An allocation so found that meets
every minimum (the caller checks, in its own terms) and is worth the relaxation's optimum — less what the solver's
tolerance on the shares solved again is worth (`formulation.share_noise` of the relaxation's solver: 2e-7 of each
for CBC's, 1e-9 for HiGHS's) — is the model's optimum: no allocation of the model is worth more than the
relaxation's. No further round is needed. Otherwise (or when the part to solve again has more than MEND_MOST
columns, where trying costs as much as a round) the rounds go on as before.
"""

from __future__ import annotations

import numpy as np

from optimizer.solving.backends import LinearProblem, Run, SolverUnavailable, SolveStatus, solve
from optimizer.solving.formulation import NOISE, share_noise

MEND_MOST = 1_000  # columns: a year of 10,000 applications mends with 17–140, of 100,000 with 190–520 (0.01–0.08 s);
                   # the first round's of 100,000 (3,000–9,500: 1.2–2.4 s, never worth the relaxation's) is not tried


def mended(problem: LinearProblem, run: Run, below: np.ndarray, classes: np.ndarray, solver: str,
           time_limit: float | None, node_limit: int | None = None) -> Run | None:
    """The relaxation's answer `run` with the columns `below` their minimum, and every column of their `classes`,
    solved again in `problem` (whose semi-continuous columns hold their minimum) with every other column as `run`
    has it — when that is worth `run`'s optimum, less what its solver's noise on those shares is worth
    (`share_noise`; the caller checks the minimums, in its own terms); else None, also
    when `solver` is missing or passes `node_limit`. Its seconds are the mending's own."""
    assert run.values is not None
    free = np.isin(classes, classes[below])
    if int(free.sum()) > MEND_MOST:
        return None
    try:
        part = solve(problem.with_columns_fixed(np.where(free, np.nan, run.values)), solver, time_limit=time_limit,
                     presolve=False, node_limit=node_limit)
    except SolverUnavailable:
        return None
    if part.status is not SolveStatus.OPTIMAL or part.values is None:
        return None
    was = problem.cost[free] * run.values[free]  # every other column keeps its value
    slack = NOISE + share_noise(run.solver) * float(np.abs(was).sum())
    if float(problem.cost[free] @ part.values) < float(was.sum()) - slack:
        return None
    values = run.values.copy()
    values[free] = part.values
    return Run(SolveStatus.OPTIMAL, values, float(problem.cost @ values), None, part.seconds, run.detail,
               solver="cbc" if "cbc" in (run.solver, part.solver) else part.solver)  # the noisier answer's


def held_as_found(problem: LinearProblem, run: Run, below: np.ndarray, solver: str, time_limit: float | None,
                  ) -> Run | None:
    """An allocation that meets every minimum funding ratio, near the relaxation's answer `run`: each whole award
    and each semi-continuous one's choice held as `run` has it (those `below` their minimum, and the unpaid,
    nothing; the paid at least their minimum), the rest solved again — an LP. None when the rows do not allow it.
    Not an optimum: for a caller that needs only some allocation worth enough."""
    assert run.values is not None
    x, kinds = run.values, np.array(problem.kinds)
    whole, semi = kinds == "B", kinds == "S"
    held = whole | (semi & (below | (x <= 1e-9)))  # a semi-continuous one not held is paid at least its minimum
    value = np.where(whole, np.round(x), 0.0)
    lp = problem.replaced(lower=np.where(held, value, problem.lower), upper=np.where(held, value, problem.upper),
                          kinds=("C",) * len(kinds))
    try:
        found = solve(lp, solver, time_limit=time_limit, presolve=False)
    except SolverUnavailable:
        return None
    return found if found.status is SolveStatus.OPTIMAL and found.values is not None else None
