"""The canonical optimum: among all optimal allocations, the greatest in rank order (docs/canonical.md).

Applications rank by value (weight × score) descending, then score, submission date and application_id
(rules/ties.py). Of two optimal allocations, the published one is the one that, at the first application in that
order where they differ, gives it more — also when applications of *different* values tie in total worth (one
100万 award at 60 against two 50万 awards at 70 and 50: the 70 ranks first, so the two 50万 awards are funded).

For a year of up to `FULL_FACE` applications this module finds it exactly, by lexicographic stages over the
optimum's face — every allocation worth the first solve's optimum z*:

0. HiGHS maximises the worth once more over the allocations worth at least the first solve's (`_best_worth`), so
   that both first solvers' stages start from the same optimum, to HiGHS's tolerance;
1. the face is the model's rows plus one more, Σ value × award ≥ z* (exactly: less NOISE only), its columns
   narrowed to what every allocation on it meets by the LP relaxation's duals (narrow.py: whole awards and minimum
   ratios the worth decides are fixed, so no stage searches over them);
2. in rank order, each application in turn gets the most it can on the face with the better-ranked ones fixed at
   theirs. Runs of whole awards are decided together, weighted 2^(k−1) … 2, 1 for the k of the run (a whole award
   is 0 or 1, so these weights order the run's choices exactly as rank order does); an application the current
   allocation already pays in full, or that is stuck under a cap no free member of which can give (`_Rows`),
   needs no solve; the blocks up to the next partly paid application are first settled together by one solve
   that looks for any allocation on the face giving one of them more (`_Walk`: most years have no such
   allocation for hundreds of blocks in a row — a gain of less than RISE is none), and only where one exists
   does each block get its stage; each solve sees only the applications that can move, and holds minimum funding
   ratios lazily (`_solved`, remembering what the last stage held: `Lazy`); between stages each answer is read
   to its solver's noise and never off the face (`_snapped`);
3. applications of value 0 last: they are worth nothing, so they keep the least the limits let them (only a floor
   can need them), and of those the better-ranked first;
4. a small LP hands out what a solver's tolerance left unspent under the limits (a fraction of a yuan an award),
   where it is worth most (`_topped_up`).

Every stage is solved by HiGHS first, whichever solver found z* (STAGE_SOLVERS), within STAGE_NODES nodes; a stage
past them is tried again over every free application and settled by HiGHS's best within the bound
(`_stage_or_best`).

Larger years break ties within each class of equal value (tie_break.py); see docs/canonical.md for what that
leaves and why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from optimizer.errors import SolverError
from optimizer.solving.backends import (
    LinearProblem,
    OtherSolver,
    Run,
    SolverUnavailable,
    SolveStatus,
    checked,
    problem_from_rows,
    solve,
)
from optimizer.solving.formulation import NOISE, SHARE_NOISE, SNAP, UNIT, share_noise
from optimizer.solving.mend import held_as_found, mended
from optimizer.solving.merge import tie_heavy
from optimizer.solving.model import Model
from optimizer.solving.narrow import DualBound, narrowed, relaxation_bound
from optimizer.solving.tie_break import entries_of, preference
from optimizer.words import Phrase

FULL_FACE = 5_000  # applications: up to this many, the canonical optimum is found by lexicographic stages
RUN = 20  # whole awards decided in one stage: weights up to 2^19, exact in any solver's doubles
TOP_UP = 1.0  # yuan: the most a partial award is raised, at the end, into room a solver's tolerance left
BACKOFF = 64  # blocks given their stage untested, at most, after runs whose first block could get more (`_Walk`)
RISE = 0.5  # yuan: what a run's applications can get more, in all, below this is not a gain to test for — half
            # a yuan, as `_check_not_below` counts; HiGHS's answers are exact to far less (`_snapped`), and 0.08
            # yuan a cap had left cost a 5,000-application year a stage of 1.4 s, and its walk 8 s, for nothing
SUM_NOISE = 1e-9  # 万元: what adding up a row's exact yuan in doubles can be off by
# Who solves a stage, whichever solver found the optimum: a stage's optimum is a number fixed by the face, not by the
# solver, and CBC, given the current allocation as its start, can still search minutes for a better one that HiGHS
# finds at once (a 3,000-application year's sixth stage: CBC > 60 s, HiGHS 0.23 s). HiGHS again with presolve the
# other way (HiGHS 1.16 has called a stage wrongly infeasible with it), then CBC.
STAGE_SOLVERS = ("highs", "highs", "cbc")
STAGE_NODES = 5_000  # branch-and-bound nodes a stage may take in HiGHS; past it the stage is settled by HiGHS's
                     # best within the bound (_stage_or_best). Stages take 1 node, or a few hundred
                     # (docs/canonical.md); one year in 50 of 300 tie-heavy applications had a 161-column stage past
                     # 200,000 nodes in 30 s: the optimum's row pins the worth, a subset-sum question.
STAGE_SEMI_ROUNDS = 8  # stages solved with minimum funding ratios relaxed before the stage as it is (`_solved`):
                       # rounds find one or two more a round, 0.01–0.8 s each; the stage as it is took 3.6 s
STAGE_LAZY_FROM = 500  # semi-continuous awards in a stage: from here their minimum ratios are held lazily (`_solved`)
STAGE_PRESOLVE_FROM = 500  # columns: the sample's stages (200–370) are 1.5× faster unpresolved, a 3,000-application
                           # year's (2,000) 1.4× faster presolved


@dataclass(frozen=True)
class Enough:
    """What a run's test needs of a stage (`_Walk._first_rising`): a bound below `nothing_from` (no allocation gives
    the run more), or an allocation worth `rising_from` (one does: more than snapping could take off)."""

    nothing_from: float
    rising_from: float


class Lazy:
    """What a walk's stages learn as they hold minimum funding ratios lazily (`_solved`), per column of the model:
    its value class (a round below some minimums is mended within their classes: mend.py), and `held`, the awards
    the last stage that held any held — the next stage holds them too from its second round. The same few awards
    come back stage after stage, one or two more a round (a 5,000-application year, minimum ratio 0.3: eleven unpaid
    awards a relaxation paid a sliver of, found again by each of four tests over 7–9 rounds, 3 s a test); held at
    once they cost one round. The walk's own; `_solved` changes `held`."""

    def __init__(self, classes: np.ndarray) -> None:
        self.classes = classes
        self.held = np.zeros(len(classes), dtype=bool)

    def remember(self, columns: np.ndarray, held: np.ndarray) -> None:
        """A stage over `columns` (of the model) held `held` (per column of the stage): those, where any."""
        if held.any():
            self.held = np.zeros(len(self.classes), dtype=bool)
            self.held[columns[held]] = True


class StageTooHard(Exception):
    """A stage passed STAGE_NODES without a proof. Raised from `lexicographic` only when its second try found no
    allocation within the bound either (`_stage_or_best`; optimise.py then breaks the year's ties within each
    class, and says so). `application`: the stage's first."""

    def __init__(self, application: str = "") -> None:
        super().__init__(application)
        self.application = application


def lexicographic(model: Model, problem: LinearProblem, first: Run, solver: str,
                  time_limit: float | None) -> tuple[Run, str | None]:
    """The greatest allocation in rank order among those worth the first solve's optimum (shares, per column);
    and the first application whose stage passed its node bound and was settled by the best allocation found within
    it (`_stage_or_best`), if any — the allocation is then the greatest only as far as the applications ranked
    before it."""
    assert first.values is not None
    amounts = model.amounts
    start, face, seconds = _best_worth(problem, _snapped(first.values, amounts, problem), amounts, solver,
                                       time_limit, relaxation_bound(problem))
    order = [j for j in model.rank_order.tolist() if model.columns[j].value > 0]
    walk = _Walk(model, problem, face, start, solver, time_limit)
    walk.settle(_blocks(order, list(face.kinds)))
    lower, upper, kinds, current = walk.lower, walk.upper, walk.kinds, walk.current
    seconds, bounded = first.seconds + seconds + walk.seconds, walk.bounded
    worthless = sorted((j for j, col in enumerate(model.columns) if col.value == 0),
                       key=lambda j: model.columns[j].rank)
    if worthless:
        cost = np.zeros(len(current))
        for k, j in enumerate(worthless):  # negative: paid only where a floor needs them, the better-ranked first
            cost[j] = (preference(k) / 2 - 1.0) * model.columns[j].amount / UNIT
        run, past = _stage_or_best(face, cost, (lower, upper, kinds), (lower, upper, kinds), current, solver,
                                   time_limit, model.columns[worthless[0]].application_id)
        bounded = bounded or past
        current, seconds = _snapped(run.values, amounts, face, share_noise(run.solver)), seconds + run.seconds
    top = _topped_up(problem, current, order, amounts, solver, time_limit)
    current = _snapped(top.values, amounts, face, share_noise(top.solver))
    _check_not_below(model, order, current * amounts, start * amounts, bounded)
    return Run(SolveStatus.OPTIMAL, current, first.objective, None, seconds, first.detail), bounded


Bounds = tuple[np.ndarray, np.ndarray, list[str]]  # a stage's column bounds and kinds: lower, upper, kinds


class _Walk:
    """The stages going down the rank order: the columns' bounds and kinds (a fixed column has lower = upper), the
    current allocation, the seconds spent and the first application settled within its node bound."""

    def __init__(self, model: Model, problem: LinearProblem, face: LinearProblem, start: np.ndarray, solver: str,
                 time_limit: float | None) -> None:
        self.model, self.problem, self.face, self.solver, self.time_limit = model, problem, face, solver, time_limit
        self.rows = _Rows(problem)
        self.lazy = Lazy(model.classes[1])  # what the stages' lazy rounds learn (`_solved`)
        self.lower, self.upper, self.kinds = face.lower.copy(), face.upper.copy(), list(face.kinds)
        self.current, self.seconds = start, 0.0
        self.bounded: str | None = None
        self.untested, self.backoff = 0, 1  # blocks to give their stage untested; how many after the next miss

    def settle(self, blocks: list[list[int]]) -> None:
        """Fix `blocks` — consecutive in rank order, every better-ranked application fixed — at the greatest
        allocation on the face, in turn: those that need no solve (paid in full, or stuck under a cap: `_Rows`) as
        they are; a run of blocks — up to the next partly paid application, which could give as well as get, so
        only ever starts a run — at once, where no allocation on the face gives any of them more (`_first_rising`);
        else the part of the run before the first block that can get more, that block's stage, and on."""
        rising = False  # whether the first block is known to be able to get more
        while blocks:
            stuck, movable = self.rows.moves(self.current, self.lower, self.upper)
            ready = 0
            while ready < len(blocks) and (self._full(blocks[ready]) | stuck[blocks[ready]]).all():
                ready += 1
            self._fix(blocks[:ready])
            blocks, rising = blocks[ready:], rising and not ready
            if not blocks:
                return
            run = 1
            while run < len(blocks) and not self._partial(blocks[run]).any():
                run += 1
            if rising or run == 1 or self.untested:
                self._stage(blocks[0], movable)
                blocks, rising, self.untested = blocks[1:], False, max(self.untested - 1, 0)
                continue
            first = self._first_rising(blocks[:run], movable)
            if first is None:
                self._fix(blocks[:run])
                blocks, self.backoff = blocks[run:], 1
            elif first == 0:  # a test that only told what the stage will: test less often for a while
                self._stage(blocks[0], movable)
                blocks, self.untested, self.backoff = blocks[1:], self.backoff, min(2 * self.backoff, BACKOFF)
            else:
                self.settle(blocks[:first])
                blocks, rising = blocks[first:], True

    def _full(self, columns: list[int]) -> np.ndarray:
        """Per column, whether the current allocation pays it in full."""
        return np.asarray(self.current[columns] >= self.upper[columns] - 1e-9)

    def _partial(self, columns: list[int]) -> np.ndarray:
        """Per column, whether the current allocation pays it, but not in full."""
        return np.asarray((self.current[columns] > 1e-9) & ~self._full(columns))

    def _first_rising(self, blocks: list[list[int]], movable: np.ndarray) -> int | None:
        """None when no allocation on the face gives any application of `blocks` more than the current one (by
        RISE yuan in all), so that each keeps what it has; else the first block in which one got more in the
        allocation that gives them most. Past its node bound, the first block (whose stage then decides).

        One solve: the sum, in yuan, of the awards of those not paid in full, maximised. An allocation greater in
        rank order on the blocks gives more to the first application where it differs, and that application is
        not paid in full; every one after it in the blocks is paid nothing (it cannot give) or in full (it counts
        nothing), except the first block's application when it is partly paid (`settle` starts a run there), which
        that allocation does not give less since it comes first: so the sum rises by what the first one gets. The
        first block, when it is one application, is held to at least what it has, for the same reason (else money
        it gives to another counted one could look like a rise).

        Only whether one gets more, and where, is asked: the solve may stop at a relaxation whose bound rises by
        less than RISE (none does), or at an allocation that meets every minimum funding ratio and rises by more
        than snapping could take off (`_solved`'s `enough`); the block it names first is then settled as any other
        (`settle`), the earlier ones tested again."""
        columns = [j for block in blocks for j in block]
        cost = np.zeros(len(self.current))
        cost[columns] = np.where(self._full(columns), 0.0, self.model.amounts[columns])
        movable = movable.copy()
        movable[columns] = True
        lower, upper, kinds = self._only(movable)
        if len(blocks[0]) == 1:  # it comes first: no allocation greater in rank order gives it less
            lower[blocks[0]] = np.maximum(lower[blocks[0]], self.current[blocks[0]])
        counted = cost > 0  # what snapping a share to its yuan can take off a rise, at most
        snapping = float(np.maximum(SNAP, SHARE_NOISE * self.model.amounts[counted]).sum())
        try:
            run = _stage(self.face, cost, lower, upper, kinds, self.current, self.solver, self.time_limit,
                         lazy=self.lazy, rise=(RISE, RISE + snapping))
        except StageTooHard:
            return 0
        self.seconds += run.seconds
        assert run.values is not None
        gains = cost * (_snapped(run.values, self.model.amounts, self.face, share_noise(run.solver))  # not the noise
                        - self.current)
        if float(gains.sum()) < RISE:
            return None
        most = float(gains.max())  # at least RISE / len(columns): some block holds it
        return next(b for b, block in enumerate(blocks) if gains[block].max() >= most / len(columns))

    def _stage(self, block: list[int], movable: np.ndarray) -> None:
        """The block's stage: the most each of its applications can get in turn, on the face (`_stage_or_best`)."""
        movable = movable.copy()
        movable[block] = True
        cost = np.zeros(len(self.current))
        if self.kinds[block[0]] == "B":
            cost[block] = [2.0 ** (len(block) - 1 - b) for b in range(len(block))]
        else:  # in yuan: a share of a large entitlement would move by less than the solver's tolerance
            cost[block] = float(self.model.columns[block[0]].amount)
        run, past = _stage_or_best(self.face, cost, self._only(movable), (self.lower, self.upper, self.kinds),
                                   self.current, self.solver, self.time_limit,
                                   self.model.columns[block[0]].application_id, lazy=self.lazy)
        self.bounded = self.bounded or past
        self.current = _snapped(run.values, self.model.amounts, self.face, share_noise(run.solver))
        self.seconds += run.seconds
        self._fix([block])

    def _only(self, movable: np.ndarray) -> Bounds:
        """The bounds of a solve over the `movable` columns alone: every other one held at its current value."""
        return (np.where(movable, self.lower, self.current), np.where(movable, self.upper, self.current),
                [k if m else "C" for k, m in zip(self.kinds, movable.tolist(), strict=True)])

    def _fix(self, blocks: list[list[int]]) -> None:
        for block in blocks:
            _fix(block, self.current, self.lower, self.upper, self.kinds)


def _stage_or_best(face: LinearProblem, cost: np.ndarray, only: Bounds, free: Bounds, current: np.ndarray,
                   solver: str, time_limit: float | None, application: str, *, lazy: Lazy | None = None,
                   ) -> tuple[Run, str | None]:
    """A stage over the applications `only` lets move; past its node bound, tried again over every application
    `free` leaves free (not only those `_Rows` lets move, which the current allocation decides) and, if still
    unproven, settled by HiGHS's best allocation within the bound. The run, and `application` (the stage's first)
    when it was settled so.

    The second try holds only the face's rows and the applications fixed so far — not loosened to where the
    current allocation lies, which depends on the first solver — and HiGHS, on one thread with its seed, stops at
    the same node with the same best: the two solvers' runs go on from the same allocation once their stages agree,
    the later-ranked applications ranked as usual. (Breaking the year's ties within classes instead, from each
    solver's own first solve, left the two different: stress seed 151.) Nothing within the bound: StageTooHard.
    """
    try:
        return _stage(face, cost, *only, current, solver, time_limit, lazy=lazy), None
    except StageTooHard:
        pass
    try:
        run = _stage(face, cost, *free, current, solver, time_limit, within_bound=True)
    except StageTooHard:
        raise StageTooHard(application) from None
    return run, application if run.status is SolveStatus.NODE_LIMIT else None


def _best_worth(problem: LinearProblem, start: np.ndarray, amounts: np.ndarray, solver: str,
                time_limit: float | None, bound: DualBound | None = None) -> tuple[np.ndarray, LinearProblem, float]:
    """Stage 0: the worth maximised again, by HiGHS as every stage is, over the allocations worth at least the first
    solve's — and that allocation, where it is worth more (else `start`), with its face and the seconds it took.

    HiGHS's and CBC's optima agree only to their tolerances: a first solve can fill a 56,780万 envelope 3 yuan over
    (within 5e-9 of the row) and hand those yuan to a better-valued award, or stop a hair below the other solver's
    worth, and a face built on either has room the stages then spend, differently for each first solver (20 of 300
    large tie-heavy years differed so). From this one the stages of both work from the same optimum, to HiGHS's
    tolerance: 17 of those 19 years (the 20th fell back) became the same. Past its node bound, `start` is kept.
    Each face is narrowed by what `bound` (the LP relaxation's) decides on it (narrow.py).
    """
    face = _narrowed_face(problem, start, bound)
    try:
        run = _stage(face, problem.cost, face.lower.copy(), face.upper.copy(), list(face.kinds), start, solver,
                     time_limit)
    except StageTooHard:  # past the node bound: the stages work from the first solve's optimum, as before
        return start, face, 0.0
    assert run.values is not None
    if float(problem.cost @ run.values) <= float(problem.cost @ start) + NOISE:
        return start, face, run.seconds
    better = _snapped(run.values, amounts, problem, share_noise(run.solver))
    return better, _narrowed_face(problem, better, bound), run.seconds


def _narrowed_face(problem: LinearProblem, start: np.ndarray, bound: DualBound | None) -> LinearProblem:
    """The face of the allocations worth at least `start` (`face_of`), its columns narrowed by `bound` to what its
    optimum's row lets them be."""
    face = face_of(problem, start)
    if bound is None:
        return face
    return narrowed(face, bound, float(face.row_lower[face.row_names.index("optimum")]), start)


class _Rows:
    """The model's rows around each column: which applications cannot get more, and which can move at all."""

    def __init__(self, problem: LinearProblem) -> None:
        self.problem = problem
        self.column_of = problem.entry_columns()
        self.whole = np.array(problem.kinds) == "B"
        self.semi = np.array(problem.kinds) == "S"

    def moves(self, current: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(stuck, movable) per column, for the allocations on the face with the columns fixed so far.

        *Stuck*: a cap it is under has less room than it needs to get more (all its award if whole, its minimum if
        semi-continuous and unpaid, else RISE: the half yuan the walk and the check count a gain — with "a yuan",
        0.63 yuan a stage had moved away from an award within the optimum's row's tolerance was never given back,
        and the check refused the year) and no other member of that cap that is paid is free to give. No
        allocation on the face gives it more (by RISE).

        *Movable*: free and not stuck (it may get more), or paid, free, and under a cap that stops one of those
        (it may give). Nothing else can change on the face: `current` is optimal, so an application that may get
        more has a cap that stops it (else it could take room alone and the optimum would be higher), that money
        must come from that cap's other members, and an award lowered anywhere else would lose worth that nothing
        makes up.
        """
        p, col = self.problem, self.column_of
        used = p.activity(current)
        free = lower < upper
        free_paid = free & (current > 1e-9)
        givers = np.bincount(p.indices, weights=free_paid[col].astype(float), minlength=len(p.row_names))
        all_of_it = self.whole | (self.semi & (current <= 1e-9))  # whole, or semi-continuous and unpaid
        share = np.where(self.whole, 1.0 - current, p.lower)
        need = np.where(all_of_it[col], p.values * share[col], RISE / UNIT)  # in the rows' 万元; else RISE
        short = p.row_upper[p.indices] - used[p.indices] < need - NOISE
        blocked = short & (givers[p.indices] - free_paid[col] < 0.5)
        stuck = np.bincount(col, weights=blocked.astype(float), minlength=len(current)) > 0
        rising = free & ~stuck & (current < upper - 1e-9)
        stopping = np.zeros(len(p.row_names), dtype=bool)
        stopping[p.indices[short & rising[col]]] = True
        giving = free_paid & (np.bincount(col, weights=stopping[p.indices].astype(float), minlength=len(current)) > 0)
        return stuck, rising | giving


def _topped_up(problem: LinearProblem, current: np.ndarray, order: list[int], amounts: np.ndarray, solver: str,
               time_limit: float | None) -> Run:
    """The allocation with its partial awards raised, by up to TOP_UP yuan each, into the room a solver's tolerance
    left in the limits, as the optimum would fill it: CBC left two awards 0.3 yuan short, and both caps they filled
    0.3 yuan short (its tolerance admits it, and no stage moved them); the room goes where it is worth most — to
    those two, not to a better-ranked award that counts towards both caps and is worth less than the two together
    — and among equal worth to the better-ranked (weights 1 + 1e-7 × `preference`). A small LP over the partial
    awards, solved as a stage is; its run, whose solver `_snapped` needs."""
    p, x = problem, current.copy()
    partial = np.array([k != "B" for k in p.kinds]) & (x > 0.0) & (x < p.upper)
    if not partial.any():
        return Run(SolveStatus.OPTIMAL, x, None, None, 0.0)
    columns = np.flatnonzero(partial)
    place = {j: i for i, j in enumerate(columns.tolist())}
    rank = {j: k for k, j in enumerate(order)}
    used = p.activity(x)
    rows = []
    for k, members, coefs in entries_of(p, partial):  # δ ≥ 0 within the room left: 0 always fits
        low, high = min(p.row_lower[k] - used[k], 0.0), max(p.row_upper[k] - used[k], 0.0)
        rows.append((p.row_names[k], [place[j] for j in members.tolist()], coefs.tolist(), low, high))
    cost = np.array([p.cost[j] * (1 + 1e-7 * preference(rank.get(j, len(order)))) for j in columns.tolist()])
    reach = np.minimum(p.upper[columns] - x[columns], TOP_UP / amounts[columns])
    lp = problem_from_rows([p.column_names[j] for j in columns], cost, np.zeros(len(columns)), reach,
                           ["C"] * len(columns), rows)
    run = _solved(lp, np.zeros(len(columns)), solver, time_limit)
    assert run.values is not None
    x[columns] += np.clip(run.values, 0.0, reach)
    return replace(run, values=x)


def _check_not_below(model: Model, order: list[int], found: np.ndarray, first: np.ndarray,
                     bounded: str | None = None) -> None:
    """The published allocation is at least the stages' start in rank order (the first solve's, or stage 0's where
    that is worth more; both on the face): at the first application where they differ by half a yuan or more, it
    gives more. Anything else is an error, never a result. Up to `bounded` only, where a stage was settled within
    its node bound (`_stage_or_best`): from there on the stages promise no more than an allocation on the face."""
    for j in order:
        if model.columns[j].application_id == bounded:
            return
        if abs(found[j] - first[j]) >= 0.5:
            if found[j] < first[j]:
                raise SolverError(Phrase.of("solver.not_canonical", application=model.columns[j].application_id))
            return


def _snapped(shares: np.ndarray | None, amounts: np.ndarray, problem: LinearProblem,
             noise: float = SHARE_NOISE) -> np.ndarray:
    """The solver's shares made exactly what they stand for: a whole award 0 or 1, a semi-continuous one 0 or at
    least its minimum, and near a whole yuan that yuan — so that fixing them, and loosening the rows to where they
    lie, leaves every stage feasible and the solver's noise is not handed on to the next stage (but where a row
    would be put outside, below).

    "Near" is SNAP, or the answering solver's `noise` on a share (`share_noise`: CBC's answers are 2e-7 of the
    entitlement off, 0.3 yuan of a 200万 award; HiGHS's 1e-9), whichever is wider: a share is not known any closer
    than that, and is known that close — HiGHS's 4,999,997.4275 yuan is what the limits left that award, not
    4,999,997 and noise. But a row is never put further outside its bounds than the solver left it (give or take
    NOISE): where the nearest yuan would (three awards of a full envelope at 250,000.47 … each taken up, the
    envelope half a yuan over — and the next stage, its row loosened to there, spending it: a yuan over after 100
    stages, 1 yuan taken from another award in rounding), the awards that moved that row the wrong way keep the
    solver's values. The stages snap against the face (`problem` with the optimum's row), so that snapping never
    takes worth below the optimum either: it had (HiGHS's x.4275 yuan snapped down, stage after stage), and each
    stage, the optimum's row loosened to where the allocation then lay, could give the next application money
    the optimum does not have — 37 yuan of a 5,000-application year's award, by how the walk got there.
    """
    assert shares is not None
    yuan = np.asarray(shares) * amounts
    nearest = np.round(yuan)
    near = np.abs(yuan - nearest) <= np.maximum(SNAP, noise * amounts)
    as_found = _made_exact(yuan, amounts, problem)
    allowed = np.maximum(_outside(problem, as_found)[0], 0.0) + NOISE
    column_of = problem.entry_columns()
    while True:
        values = _made_exact(np.where(near, nearest, yuan), amounts, problem)
        outside, over = _outside(problem, values)
        bad = (outside > allowed)[problem.indices]
        moved = problem.values * (values - as_found)[column_of]  # what snapping moved each row by, per award
        worse = bad & np.where(over[problem.indices], moved > 0, moved < 0)
        back = np.zeros(len(near), dtype=bool)
        back[column_of[worse]] = True
        if not (back & near).any():
            return values
        near &= ~back


def _made_exact(yuan: np.ndarray, amounts: np.ndarray, problem: LinearProblem) -> np.ndarray:
    """Awards in yuan as shares within their bounds: whole ones 0 or 1, semi-continuous ones 0 or their minimum."""
    kinds = np.array(problem.kinds)
    values = np.clip(yuan / amounts, 0.0, problem.upper)
    values = np.where(kinds == "B", np.round(values), values)
    semi = kinds == "S"
    return np.where(semi & (values < problem.lower / 2), 0.0,
                    np.where(semi, np.maximum(values, problem.lower), values))


def _outside(problem: LinearProblem, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How far each row's activity lies outside its bounds (negative: inside), and whether above (else below)."""
    used = problem.activity(values)
    above, below = used - problem.row_upper, problem.row_lower - used
    return np.maximum(above, below), above >= below


def face_of(problem: LinearProblem, start: np.ndarray) -> LinearProblem:
    """The problem's rows and one more: the objective at least its value at `start` (the first solve's allocation,
    or stage 0's), exactly, less NOISE. (A stage loosens a row to where its current allocation lies, if outside:
    `_stage`.)

    No more slack, or the stages spend it: with a billionth of z* allowed (and the sample taken through the stages,
    FULL_FACE 1,000), the best-valued award took 4.6 yuan from the next (117.13 against 111.48 per yuan: 20 of the
    17,500 points the slack allowed), and rounding to 100 then cost that one 100 yuan and made it PARTIAL.
    """
    z = float(problem.cost @ start)
    rows = [(problem.row_names[k], columns.tolist(), coefs.tolist(), float(problem.row_lower[k]),
             float(problem.row_upper[k])) for k, columns, coefs in entries_of(problem, np.ones(len(start), bool))]
    nonzero = np.flatnonzero(problem.cost)
    rows.append(("optimum", nonzero.tolist(), problem.cost[nonzero].tolist(),
                 z - NOISE, math.inf))
    return problem_from_rows(problem.column_names, problem.cost, problem.lower, problem.upper, problem.kinds, rows)


def _blocks(order: list[int], kinds: list[str]) -> list[list[int]]:
    """The stages' blocks, in rank order (`_block`)."""
    blocks, i = [], 0
    while i < len(order):
        blocks.append(_block(order, i, kinds))
        i += len(blocks[-1])
    return blocks


def _block(order: list[int], i: int, kinds: list[str]) -> list[int]:
    """The next stage's columns: a run of up to RUN whole awards, or one application of any other kind."""
    if kinds[order[i]] != "B":
        return [order[i]]
    block = [order[i]]
    while len(block) < RUN and i + len(block) < len(order) and kinds[order[i + len(block)]] == "B":
        block.append(order[i + len(block)])
    return block


def _fix(block: list[int], values: np.ndarray, lower: np.ndarray, upper: np.ndarray, kinds: list[str]) -> None:
    """Fix the block's columns at their values: a whole award at 0 or 1, any other at its share as found (as a
    continuous column, so that a semi-continuous one fixed at 0 stays feasible)."""
    for j in block:
        value = float(round(values[j])) if kinds[j] == "B" else min(max(float(values[j]), 0.0), float(upper[j]))
        lower[j] = upper[j] = value
        if kinds[j] != "B":
            kinds[j] = "C"


def _stage(face: LinearProblem, cost: np.ndarray, lower: np.ndarray, upper: np.ndarray, kinds: list[str],
           current: np.ndarray, solver: str, time_limit: float | None, *, within_bound: bool = False,
           lazy: Lazy | None = None, rise: tuple[float, float] | None = None) -> Run:
    """One stage on the face: maximise `cost` with the columns fixed so far; proven optimal or an error (naming
    `solver`, the one the optimum was found with, for its hint). Solved by STAGE_SOLVERS in turn — or,
    `within_bound`, by HiGHS alone on the face's own rows, its best within the node bound accepted (`_stage_or_best`).

    The solver sees only the free columns, the fixed ones subtracted from each row's bounds: the optimum's row then
    counts the worth of what can still move, so the solvers' tolerance on it is a fraction of a yuan, not of the
    whole year's worth. A row the current allocation lies outside of (by the solvers' tolerance, or CBC's 8 printed
    digits) is loosened to there: the current allocation meets every row of the stage, so no stage is infeasible.
    A row it meets is kept exactly: loosened by NOISE, a full cap let HiGHS pay a thousandth of a yuan over it in
    every stage, snapped back at a little worth each time, and the optimum's row, loosened after it, let the
    stages trade 90 points of worth for rank over 60 stages (30,000 yuan apart after rounding to 1万).

    `lazy` (the walk's: `Lazy`) lets `_solved` mend its lazy rounds and learn from the last; `rise`, for a run's test,
    is how far above `current`'s worth a bound must reach, and an allocation must rise, for the test's answer
    (`Enough`): then the stage's run need not be its optimum.
    """
    free = np.flatnonzero(lower < upper)
    fixed = np.where(lower < upper, 0.0, lower)
    constant, used = face.activity(fixed), face.activity(np.where(lower < upper, current, 0.0))
    position = {j: k for k, j in enumerate(free.tolist())}
    rows = []
    for k, columns, coefs in entries_of(face, lower < upper):  # the rows of the free columns, less the fixed ones
        low, high = face.row_lower[k] - constant[k], face.row_upper[k] - constant[k]
        if not within_bound:
            low = low if used[k] >= low - SUM_NOISE else used[k] - NOISE
            high = high if used[k] <= high + SUM_NOISE else used[k] + NOISE
        rows.append((face.row_names[k], [position[j] for j in columns.tolist()], coefs.tolist(), low, high))
    stage = problem_from_rows([face.column_names[j] for j in free], cost[free], lower[free], upper[free],
                              [kinds[j] for j in free], rows)
    now = float(stage.cost @ current[free])
    enough = None if rise is None else Enough(now + rise[0], now + rise[1])
    run = (_best_within_bound(stage, time_limit) if within_bound
           else _solved(stage, current[free], solver, time_limit, None if lazy is None else (lazy, free), enough))
    values = fixed.copy()
    values[free] = run.values
    return Run(run.status, values, run.objective, None, run.seconds, run.detail, solver=run.solver)


def _best_within_bound(stage: LinearProblem, time_limit: float | None) -> Run:
    """The stage's proven optimum, or HiGHS's best allocation at its node bound; StageTooHard with neither (no
    other solver or setting is tried: what they find could differ between the two first solvers' runs)."""
    run = solve(stage, "highs", time_limit=time_limit, presolve=_presolves(stage), node_limit=STAGE_NODES)
    if run.status is SolveStatus.TIME_LIMIT:
        checked(run, "tie_break")  # raises: the time limit is the user's to raise
    if run.status not in (SolveStatus.OPTIMAL, SolveStatus.NODE_LIMIT) or run.values is None:
        raise StageTooHard
    return run


def _solved(stage: LinearProblem, start: np.ndarray, solver: str, time_limit: float | None,
            lazy: tuple[Lazy, np.ndarray] | None = None, enough: Enough | None = None) -> Run:
    """The stage's proven optimum (`_solved_as_is`); with STAGE_LAZY_FROM semi-continuous awards or more, their
    minimum funding ratios held lazily: first with every one ("0, or at least the minimum") relaxed to any amount,
    then held for those the relaxation paid below their minimum, round by round (at most STAGE_SEMI_ROUNDS, then
    the stage as it is). A relaxation's optimum that meets every minimum is the stage's optimum, as in the first
    solve (optimise.semi_lazily): each semi-continuous award is a binary and two rows to the solver. A year of
    5,000 applications with a minimum ratio of 0.3 had stages of ~1,600 of them, 1.4 s each as they are and
    0.2 s relaxed; a tie-heavy year's stages of ~100 take as long relaxed as they are, and need 3–5 rounds.

    `lazy`, the walk's `Lazy` and the stage's columns in the model: a round's allocation below some minimums is
    first mended (mend.py, with the applications' value classes), and from the second round the awards the last
    stage held are held too (`Lazy.held`). Where the caller needs only `enough` (a test of
    `_Walk._first_rising`), a round's bound below `enough.nothing_from` will do, or an allocation worth
    `enough.rising_from` that holds the round's choices (`held_as_found`: its whole awards and minimum-ratio
    choices kept, an LP over the rest). Such tests' rounds had walked past STAGE_SEMI_ROUNDS — the bound already
    below what the test asked, or far above it — into the stage as it is: 1,777–2,852 semi-continuous awards,
    3–80 s. (A held allocation worth the round's bound is an optimum too, but taking it for a stage's moved the
    face's noise: one award of a 5,000-application year 100 yuan lower after rounding; not done.)"""
    semi = np.array(stage.kinds) == "S"
    if semi.sum() < STAGE_LAZY_FROM:
        return _solved_as_is(stage, start, solver, time_limit)
    memo, columns = lazy if lazy is not None else (None, np.arange(len(semi)))
    classes = None if memo is None else memo.classes[columns]
    known = semi & (False if memo is None else memo.held[columns])
    enforced, seconds = np.zeros(len(semi), dtype=bool), 0.0
    for _ in range(STAGE_SEMI_ROUNDS):
        run = _solved_as_is(stage.relaxed(semi & ~enforced), start, solver, time_limit)
        seconds += run.seconds
        assert run.values is not None
        below = _below(stage, run.values, semi & ~enforced)
        answer, spent = _round_answer(stage, run, below, semi, classes, time_limit, enough)
        seconds += spent
        enforced |= below
        if answer is not None:
            break
        enforced |= known
    else:
        answer = _solved_as_is(stage, start, solver, time_limit)
        seconds += answer.seconds
    if memo is not None:
        memo.remember(columns, enforced)
    return replace(answer, seconds=seconds)


def _round_answer(stage: LinearProblem, run: Run, below: np.ndarray, semi: np.ndarray, classes: np.ndarray | None,
                  time_limit: float | None, enough: Enough | None) -> tuple[Run | None, float]:
    """What a lazy round of `_solved` answers, if anything: its relaxation's allocation (`below` none of the
    minimums; or, for a test, its bound showing no rise), the allocation mended, or one held as found that rises
    enough; and the seconds mending and holding took."""
    assert run.values is not None
    if not below.any():
        return run, 0.0
    bound = float(stage.cost @ run.values)  # no allocation of the stage is worth more
    if enough is not None and bound < enough.nothing_from:
        return run, 0.0
    seconds = 0.0
    mend = None if classes is None else mended(stage, run, below, classes, "highs", time_limit, STAGE_NODES)
    if mend is not None and mend.values is not None:
        seconds += mend.seconds
        if not _below(stage, mend.values, semi).any():
            return mend, seconds
    if enough is not None and bound >= enough.rising_from:
        held = held_as_found(stage, run, below, "highs", time_limit)
        if held is not None and held.values is not None:
            seconds += held.seconds
            if float(stage.cost @ held.values) >= enough.rising_from and not _below(stage, held.values, semi).any():
                return held, seconds
    return None, seconds


def _below(stage: LinearProblem, shares: np.ndarray, semi: np.ndarray) -> np.ndarray:
    """Per column, whether it is one of `semi` and paid, but less than its minimum."""
    return semi & (shares > 1e-9) & (shares < stage.lower - 1e-9)


def _presolves(stage: LinearProblem) -> bool:
    """Whether HiGHS presolves a stage: a large one (STAGE_PRESOLVE_FROM columns) that is `tie_heavy`, as the first
    problem is. Measured on 2,042 stages: a tie-heavy year's (74–91% whole, 2.5–20 a row) 2.5× faster presolved;
    the bench's shapes' at 5,000 applications (3,500–4,700 columns, 32% whole; or 80%, 67 a row) 2.3–4× faster
    not (docs/canonical.md)."""
    return len(stage.column_names) >= STAGE_PRESOLVE_FROM and tie_heavy(stage)


def _solved_as_is(stage: LinearProblem, start: np.ndarray, solver: str, time_limit: float | None) -> Run:
    """The stage's proven optimum, from the first of STAGE_SOLVERS that proves one; `start` meets every row, so
    "infeasible" or a solve error is the solver's trouble. `solver` found the optimum: the error's hint names it."""
    first = _presolves(stage)  # HiGHS's presolve, then the other way; CBC's on
    for name, presolve in zip(STAGE_SOLVERS, (first, not first, True), strict=True):
        try:
            run = solve(stage, name, time_limit=time_limit, presolve=presolve, start=start, node_limit=STAGE_NODES)
        except SolverUnavailable:
            continue
        if run.status is SolveStatus.OPTIMAL and run.values is not None:
            return run
        if run.status is SolveStatus.NODE_LIMIT:  # the same on every machine and for either first solver: no other
            raise StageTooHard                   # try, which could succeed for one and not the other
        if run.status is SolveStatus.TIME_LIMIT:
            checked(run, "tie_break")  # raises: the time limit is the user's to raise
    raise SolverError(Phrase.of("solver.tie_break_failed"), hint=OtherSolver.than(solver, "other_solver_then"))
