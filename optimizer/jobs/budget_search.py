"""The budgets min_budget solves — bisected, probed below where funding did not grow with the budget — and the proof
that none below the one it finds funds the goal (docs/planning.md, What is the least budget that funds …?, A proven
least).

Each budget is solved as allocate solves it (the entitlements worked out once, as a sweep does). Funding need not
grow with the budget — at the funding line, and under a cap several applications share, whole awards swap — so a
bisection's answer is only a budget that funds the goal while one step less does not, and probing finds smaller ones
only where it happens to look. The proof settles every budget below it with two worths that do grow with the budget
(solving/worth.py): the year's optimum z*(B), and the best worth H(B) of the allocations that fund the goal. A
stretch of budgets a…b is settled at once when H(b) < z*(a) less a margin: no budget in it funds the goal. The
proof goes down from the answer, the nearest budgets first: where the worths settle stretches, it tries one twice as
long each time; where they settle none (near the answer, and at a coarse precision often all the way down: forcing
the goal in costs the optimum less than one step adds), it allocates budgets one by one, 1, 2, 4, … up to RUN_MOST
of them before it tries the worths again — so it costs little more than allocating every budget below the answer,
and much less where the worths settle stretches. A budget found to fund the goal becomes the answer, and the proof
goes on below it; the first budget below that the year cannot be solved at ends it (or one already known not to
be: the year cannot be solved at any smaller budget either). So the answer is the least, proven — unless the proof
reaches the limit of solves it was given first: then how far down it settled every budget is said — and a stretch
settled down to one step above a budget the year cannot be solved at (the search found it, or the scenario's floors
show it before solving) proves it all the same.

The caller may stop a proof between two solves: its `progress` raises StopProof, and the proof ends as at its limit
of solves (the budget found, not proven, and the budgets settled so far); raised before a proof begins, none is
made. The bisection and the probing, which the answer needs, go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from optimizer.domain import Entitlement, InvalidRow, Status
from optimizer.errors import Infeasible
from optimizer.jobs.allocate import allocate_entitled, refuse_spent
from optimizer.results import AllocationResult
from optimizer.rules.ledger import PriorAwards
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Scenario, ScenarioError, with_budget
from optimizer.solving.infeasible import precheck
from optimizer.solving.model import Model, build_model
from optimizer.solving.worth import best_worth, held_amounts, margin

RUN_MOST = 32  # the most budgets a proof allocates in a row before it tries the worths again: where they settle
              # nothing (near the answer; at a coarse precision often all the way down), each try is two solves lost
PROBE_ROUNDS = 4  # the most rounds of probing below a budget found when funding did not grow with the budget
FINE_PROBES = 16  # budgets in a row funding nothing that end a spaced scan below a budget found
FINE_MOST = 64  # the most budgets one spaced scan solves


@dataclass(frozen=True)
class Probed:
    """What the probing below a budget found: the least budget found, the first bisection's when a smaller one was
    found (else None), the gaps above it, and whether the probing stopped at its limits."""

    found: int
    bisected: int | None
    gaps: tuple[int, ...]
    exhausted: bool


@dataclass(frozen=True)
class Least:
    """What a proof below a budget found: the least budget found that funds the goal (the one the proof started
    from, when none below it does), and the least budget from which every budget up to that one is settled — each
    proven not to fund the goal, or solved and found not to. The budget is proven least when the settled stretch
    reaches down to what the goal surely needs (`proven`)."""

    budget: int
    settled: int | None = None  # None: no proof was made
    proven: bool = False
    stopped: bool = False  # not proven because the caller stopped it (StopProof), not at its limit of solves
    begun: bool = True  # False: the proof never began — the limit of solves was reached (or the caller stopped the
    # proofs) before it made a solve or settled a budget; `settled` is then `budget` itself, which says nothing


class ProofSpent(Exception):
    """A proof was about to solve beyond its limit of solves, or after the caller asked it to stop
    (BudgetSearch.spend)."""


class StopProof(Exception):
    """Raised by a search's `progress` to stop the proof between two solves: the proof ends as at its limit of
    solves, its answer the least found, not proven, with the budgets it settled (raised before a proof begins, none
    is made). What is not a proof goes on."""


class BudgetSearch:
    """The budgets tried, in whole multiples of `step`, each solved once as a sweep's level is, and the
    applications each funds: FUNDED (`full`), or FUNDED or PARTIAL. `spent`: the reserve and the year's earlier
    rounds, which no target gets. `solves` counts every problem solved: allocations and the proofs' worths;
    `proof_solves` those of them the proofs made. `progress(solves, proof_solves)` is called after each; when it
    raises StopProof, no proof makes another solve (`stop_asked`)."""

    def __init__(self, invalid: Sequence[InvalidRow], entitlements: Sequence[Entitlement], policy: Policy,
                 scenario: Scenario, prior: PriorAwards, *, solver: str, step: int, full: bool, spent: int,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.invalid, self.entitlements, self.policy, self.scenario = invalid, entitlements, policy, scenario
        self.prior, self.solver, self.step, self.full, self.spent = prior, solver, step, full, spent
        self.progress = progress
        self.tried: dict[int, frozenset[str] | None] = {}  # None: the budget cannot be solved
        self.shortfalls: dict[int, dict[str, int]] = {}  # PARTIAL awards short by no more than the rounding unit
        self.entitled: dict[str, int] = {}  # each application's entitlement, read off the high budget's awards
        self.optima: dict[int, float | None] = {}  # z*(B) of the budgets solved or bounded; None: cannot be solved
        self.held: dict[tuple[int, frozenset[str]], float | None] = {}  # H(B) of a goal; None: nothing funds it
        self.refuted: dict[frozenset[str], list[tuple[int, int]]] = {}  # stretches a proof settled, not allocated
        self.top = 0
        self.solves = 0
        self.proof_solves = 0
        self.proof_most: int | None = None  # while a proof runs: the most solves the proofs may make (None: no limit)
        self.proving = False
        self.stop_asked = False  # `progress` raised StopProof: no proof solves again
        self.unsolvable = -1  # the greatest budget found that the year cannot be solved at (nor any smaller one)

    def spend(self) -> None:
        """Before a problem is solved: ProofSpent when a proof is running and the proofs have made their most, or the
        caller asked them to stop."""
        spent = self.proof_most is not None and self.proof_solves >= self.proof_most
        if self.proving and (self.stop_asked or spent):
            raise ProofSpent

    def counted(self) -> None:
        """After a problem is solved (or found to have no solution): counted, the proof's too, and told — the
        caller's StopProof kept for the next solve of a proof (this one's answer is used)."""
        self.solves += 1
        self.proof_solves += self.proving
        if self.progress is not None:
            try:
                self.progress(self.solves, self.proof_solves)
            except StopProof:
                self.stop_asked = True

    # ------------------------------------------------------------------------------------------- allocations

    def solve(self, budget: int) -> AllocationResult:
        """The allocation at `budget` (ScenarioError, Infeasible or SolverError as allocate raises them)."""
        level = with_budget(self.scenario, budget)
        self.spend()
        try:
            result = allocate_entitled(self.invalid, self.entitlements, self.policy, level, solver=self.solver,
                                       prior=self.prior)
        finally:
            self.counted()
        self.tried[budget] = funded_ids(result, self.full)
        self.optima.setdefault(budget, result.solver.optimum)
        unit = level.rounding
        self.shortfalls[budget] = {a.application_id: a.entitlement - a.allocated for a in result.awards
                                   if a.status is Status.PARTIAL and a.entitlement - a.allocated <= unit}
        return result

    def judge(self, top: int) -> AllocationResult:
        """The allocation at the high budget, the first solved: what each target is entitled to, and the top of
        every search."""
        result = self.solve(top)
        self.top, self.entitled = top, {a.application_id: a.entitlement for a in result.awards}
        return result

    def funded(self, budget: int) -> frozenset[str] | None:
        """The applications `budget` funds; None when it cannot be solved."""
        if budget not in self.tried:
            try:
                self.solve(budget)
            except (Infeasible, ScenarioError):
                self.tried[budget] = None
                self.optima[budget] = None
                self.unsolvable = max(self.unsolvable, budget)
        return self.tried[budget]

    def funds(self, budget: int, goal: Sequence[str]) -> bool:
        """Whether `budget` can be solved and funds every application of `goal`."""
        funded = self.funded(budget)
        return funded is not None and funded.issuperset(goal)

    def short(self, goal: Sequence[str]) -> int:
        """The most steps that surely do not fund `goal`: less than the reserve, the earlier rounds and what the
        goal needs (its entitlements in full, or a yuan each)."""
        need = sum(self.entitled.get(i, 0) for i in goal) if self.full else len(goal)
        return -(-(self.spent + need) // self.step) - 1

    # ------------------------------------------------------------------------------------------------- bisection

    def least(self, goal: Sequence[str]) -> int:
        """The least budget tried that funds `goal` (the high budget funds it), bisected down to one that funds it
        while one step less does not — against the greatest budget tried below it that does not fund it."""
        high = min(b for b, funded in self.tried.items() if funded is not None and funded.issuperset(goal))
        short = [b // self.step for b, funded in self.tried.items()
                 if b < high and (funded is None or not funded.issuperset(goal))]
        return self.bisect(goal, max([self.short(goal), *short]), high // self.step)

    def bisect(self, goal: Sequence[str], low: int, high: int) -> int:
        """The budget of at most `high` steps that funds `goal` while one step less does not — given that `low`
        steps do not and `high` steps do."""
        while high - low > 1:
            middle = (low + high) // 2
            if self.funds(middle * self.step, goal):
                high = middle
            else:
                low = middle
        return high * self.step

    def least_probed(self, core: Sequence[str], targets: Sequence[str]) -> Probed:
        """The least budget found for `core`, the one the first bisection found when a budget probed below it funds
        `core` too (else None), the gaps above it (budgets at doubling distances that fund fewer of the targets),
        and whether the probing stopped at its limits. Below a budget with gaps, budgets are probed at the same
        distances and at an even spacing (`scan`), and the least that funds `core` bisected again — and below that
        one in turn (one step under the budget above it does not fund `core`: funding did not grow there either), at
        most PROBE_ROUNDS times."""
        first = found = self.least(core)
        gaps = self.gaps(found, targets)
        if not gaps:
            return Probed(found, None, (), exhausted=False)
        floor = self.short(core) * self.step
        for _ in range(PROBE_ROUNDS):
            for k in range(found.bit_length()):
                if (budget := found - self.step * 2**k) <= floor:
                    break
                self.funded(budget)
            self.reach(found, core)
            capped = self.scan(found, core, floor)
            lower = self.least(core)
            if lower == found:
                break
            found = lower
        else:
            capped = True  # every round found a smaller one: the next might too
        if found == first:
            return Probed(found, None, gaps, capped)
        return Probed(found, first, self.gaps_below(found, targets, core), capped)

    def reach(self, budget: int, goal: Sequence[str]) -> None:
        """Budgets above `budget` solved at doubling distances — one step more, two, four, … — up to the first that
        does not fund `goal` (or the high budget): how far the stretch of funding from it goes, for `scan`."""
        for larger in above(budget, self.step, self.top):
            if not self.funds(larger, goal):
                return

    def scan(self, found: int, goal: Sequence[str], floor: int) -> bool:
        """Budgets below `found` solved every w, w the stretch above it that the budgets solved fund `goal` without
        a break (at least one step), until FINE_PROBES in a row do not fund it, or the floor: a window of funding
        about as wide as the one found is not missed close below it. True when it stopped at FINE_MOST budgets."""
        width = self.stretch(found, goal)
        budget, misses, solved = found - width, 0, 0
        while misses < FINE_PROBES and budget > floor:
            if solved == FINE_MOST:
                return True
            solved += budget not in self.tried
            misses = 0 if self.funds(budget, goal) else misses + 1
            budget -= width
        return False

    def stretch(self, budget: int, goal: Sequence[str]) -> int:
        """How far from `budget` up the budgets solved fund `goal` without one between that does not, one step
        included: 5万 when those solved at 1万, 2万 and 4万 more do and 8万 more does not."""
        solved = sorted(b for b in self.tried if b >= budget)
        last = budget
        for b in solved:
            if not self.funds(b, goal):
                break
            last = b
        return last - budget + self.step

    # ----------------------------------------------------------------------------------------------------- proof

    def least_proven(self, goal: Sequence[str], found: int, most: int | None = None) -> Least:
        """The least budget that funds `goal`, from `found` (which does) down: every budget below it settled, the
        nearest first — a stretch at once when the goal's best worth at its top is less than the year's optimum at
        its foot (the module's docstring says why), single budgets allocated where the worths settle too little (a
        budget found to fund the goal is the new `found`, and the proof goes on below it). The worths are tried on
        a stretch twice as long as the last they settled; where they settle none, the next 1, 2, 4, … budgets (at
        most RUN_MOST) are allocated before they are tried again. Once the proofs of this search have made `most`
        solves (None: no limit), or the caller asked it to stop (StopProof), the proof stops: the budgets settled
        so far are said (`floored`: proven all the same when they reach down to one the year cannot be solved at)."""
        step = self.step
        floor = first = self.short(goal) + 1  # steps: below this, the goal surely is not funded
        top = found // step - 1  # steps: every budget above this one, up to `found`, is settled
        start, solves = found, self.proof_solves
        span, run, misses = 2, 0, 0
        self.proving, self.proof_most = True, most
        try:
            while top >= floor and top * step > self.unsolvable:  # none below a budget not solvable funds the goal
                if run > 0:  # allocated, rather than bounded
                    before, funded = self.solves, self.funded(top * step)
                    if funded is None:  # it cannot be solved, nor can any smaller budget: none funds the goal
                        break
                    found = top * step if funded.issuperset(goal) else found
                    top, run = top - 1, run - (self.solves > before)
                    continue
                floor, least = self.settle(goal, floor, top, span)
                if least <= top:
                    self.refute(goal, least, top)
                    span, misses, top = 2 * (top - least + 1), 0, least - 1
                else:
                    span, misses = 2, misses + 1
                    run = min(2 ** (misses - 1), RUN_MOST)
        except ProofSpent:
            begun = self.proof_solves > solves or (top + 1) * step < start
            return self.floored(Least(found, (top + 1) * step, proven=False, stopped=self.stop_asked, begun=begun))
        finally:
            self.proving = False
        return Least(found, first * step, proven=True)

    def floored(self, least: Least) -> Least:
        """A proof that stopped before proving its budget least, proven after all when every budget below the
        stretch it settled is one the year cannot be solved at: one step below it cannot be — the search found it
        (or a larger budget) cannot, or its floors ask more than it has, which a sum shows without solving (a larger
        budget can be solved whenever a smaller one can)."""
        if least.proven or least.settled is None or not self.unsolvable_at(least.settled - self.step):
            return least
        return Least(least.budget, least.settled, proven=True)

    def unsolvable_at(self, budget: int) -> bool:
        """Whether the year surely cannot be solved at `budget`, known without solving: the search found it, or a
        larger budget, cannot be; the scenario refuses it; or a floor asks more than it has (solving/infeasible.py)."""
        if budget <= self.unsolvable:
            return True
        if budget < 0 or self.refused(budget):
            self.unsolvable = max(self.unsolvable, budget)
            return True
        return False

    def refused(self, budget: int) -> bool:
        """Whether the scenario refuses `budget`, or one of its floors asks more than the budget has: what a sum
        shows, before solving."""
        model = self.model_at(budget)
        return model is None or bool(precheck(model))

    def settle(self, goal: Sequence[str], floor: int, top: int, span: int) -> tuple[int, int]:
        """What the goal's best worth at `top` (steps) settles below it: the least number of steps from which every
        budget up to `top` is settled (`top` + 1: none), with the floor — raised to the least budget the year can be
        solved at where a smaller one cannot (none of those funds the goal). The stretch of `span` budgets is tried
        first, then halves of it down to two budgets: a stretch of one costs about what allocating it does."""
        step = self.step
        if (high := self.worth_held(top * step, goal)) is None:
            return floor, floor  # nothing up to top funds the goal
        while span >= 2 and top >= floor:
            foot = max(floor, top - span + 1)
            if (low := self.worth(foot * step)) is None:  # foot cannot be solved, nor any budget below it
                solvable = self.least_solvable(foot, top)
                floor = top + 1 if solvable is None else solvable
                continue
            if high < low - margin(low):
                return floor, foot
            span //= 2
        return floor, max(floor, top + 1)

    def refute(self, goal: Sequence[str], low: int, high: int) -> None:
        """Record that no budget from `low` to `high` steps funds `goal` (settled by the worths, not allocated):
        `windows` breaks there."""
        self.refuted.setdefault(frozenset(goal), []).append((low * self.step, high * self.step))

    def least_solvable(self, low: int, high: int) -> int | None:
        """The least number of steps from `low` to `high` at which the year can be solved (a larger budget can be
        whenever a smaller one can: its limits only grow), given that `low` cannot; None when `high` cannot."""
        if self.worth(high * self.step) is None:
            return None
        while high - low > 1:
            middle = (low + high) // 2
            if self.worth(middle * self.step) is None:
                low = middle
            else:
                high = middle
        return high

    def worth(self, budget: int) -> float | None:
        """z*(budget), the year's optimum there (from its allocation when solved); None when it cannot be
        solved."""
        if budget not in self.optima:
            model = self.model_at(budget)
            if model is not None:
                self.spend()
                try:
                    self.optima[budget] = best_worth(model, self.solver)
                finally:
                    self.counted()
            else:
                self.optima[budget] = None
            if self.optima[budget] is None:
                self.unsolvable = max(self.unsolvable, budget)
        return self.optima[budget]

    def worth_held(self, budget: int, goal: Sequence[str]) -> float | None:
        """H(budget): the best worth of the allocations at `budget` that fund `goal`; None when none does (or the
        year cannot be solved there, or one of the goal is no application the optimiser decides on)."""
        key = (budget, frozenset(goal))
        if key not in self.held:
            model = self.model_at(budget)
            held = {} if model is None else held_amounts(model, key[1], self.full)
            if model is None or len(held) < len(key[1]):
                self.held[key] = None
            else:
                self.spend()
                try:
                    self.held[key] = best_worth(model, self.solver, held)
                finally:
                    self.counted()
        return self.held[key]

    def model_at(self, budget: int) -> Model | None:
        """The model allocate solves at `budget`; None when the scenario refuses the budget (below the reserve,
        spent by the year's earlier rounds)."""
        try:
            level = with_budget(self.scenario, budget)
            so_far = self.prior.year_so_far(self.policy.number, level.year)
            refuse_spent(level, so_far)
        except ScenarioError:
            return None
        return build_model(self.entitlements, self.policy, level, self.prior.earlier(self.policy.number), so_far)

    # --------------------------------------------------------------------------------- what the budgets solved say

    def gaps(self, budget: int, targets: Sequence[str]) -> tuple[int, ...]:
        """The budgets above `budget` at doubling distances that do not fund every target it funds."""
        funded = self.funded(budget) or frozenset()
        reachable = [i for i in targets if i in funded]
        return tuple(b for b in above(budget, self.step, self.top) if not self.funds(b, reachable))

    def gaps_below(self, found: int, targets: Sequence[str], core: Sequence[str]) -> tuple[int, ...]:
        """The gaps above a budget found below the bisection's: at doubling distances, or else the least budget
        solved above it that does not fund `core` (one there is: the bisection's answer less one step)."""
        return self.gaps(found, targets) or (min(b for b in self.tried if b > found and not self.funds(b, core)),)

    def windows(self, budget: int, goal: Sequence[str]) -> tuple[tuple[int, int], ...]:
        """The budgets solved from `budget` up that fund `goal`, as runs no budget solved between them breaks: the
        least and the greatest of each."""
        runs: list[tuple[int, int]] = []
        open_run: int | None = None
        last = budget
        solved = {b: self.funds(b, goal) for b, funded in self.tried.items() if b >= budget and funded is not None}
        refuted = (stretch for key, stretches in self.refuted.items() if key <= set(goal) for stretch in stretches)
        for low, high in refuted:  # a proof's: budgets none of which funds the goal (nor, so, any more of them)
            if high >= budget:
                solved.setdefault(max(low, budget), False)
        for b in sorted(solved):
            if solved[b]:
                open_run = b if open_run is None else open_run
                last = b
            elif open_run is not None:
                runs.append((open_run, last))
                open_run = None
        if open_run is not None:
            runs.append((open_run, last))
        return tuple(runs)

    def nearly(self, budget: int, goal: Sequence[str]) -> tuple[tuple[str, int], ...]:
        """Those of `goal` that `budget` leaves short of their entitlement by no more than the rounding unit, with
        how much (in full only: with any award, they are funded)."""
        short = self.shortfalls.get(budget, {})
        return tuple((i, short[i]) for i in goal if i in short) if self.full else ()

    def least_tried(self, goal: Sequence[str]) -> int | None:
        """The least budget tried that funds every one of `goal` together; None when none does."""
        return min((b for b, funded in self.tried.items() if funded is not None and funded.issuperset(goal)),
                   default=None)

    def look_below(self, ids: Sequence[str]) -> None:
        """Budgets below the high budget solved for `ids`, targets the high budget holds back only by money (a
        `high` given: the budget runs out there, and a smaller one may fund them — a planner's review: 2026-0232 is
        funded in full from 9972万 to 9994万, and at 1亿 only in part), the nearest first: each of the FINE_PROBES
        steps just below it, then at doubling distances (32 steps, 64, …), until every one of `ids` is funded at
        some budget tried, or a budget cannot be solved (nor can a smaller one). At most FINE_PROBES and the bits
        of the high budget's steps: about 30 solves at 1万 under 1亿, none when the search saw them all funded."""
        wanted = {i for i in ids if not any(funded and i in funded for funded in self.tried.values())}
        near = {self.top - self.step * j for j in range(1, FINE_PROBES + 1)}
        far = {self.top - self.step * 2**k for k in range((self.top // self.step).bit_length())}
        for budget in sorted(near | far, reverse=True):
            if not wanted or budget <= max(self.unsolvable, 0):
                return
            funded = self.funded(budget)
            if funded is None:
                return
            wanted -= funded

    def least_funding(self, ids: Sequence[str]) -> tuple[tuple[str, int], ...]:
        """Each of `ids` funded at some budget tried, with the least such budget."""
        seen = sorted((budget, funded) for budget, funded in self.tried.items() if funded)
        return tuple((i, next(b for b, funded in seen if i in funded)) for i in ids
                     if any(i in funded for _, funded in seen))

    def setting(self, core: Sequence[str], budget: int, most: int) -> tuple[str, ...]:
        """Those of `core` one step less than `budget` does not fund, when they are a few (at most `most`) and not
        all of it."""
        less = self.funded(budget - self.step) if budget >= self.step else None
        missing = tuple(i for i in core if less is not None and i not in less)
        return missing if len(missing) <= min(most, len(core) - 1) else ()


def funded_ids(result: AllocationResult, full: bool) -> frozenset[str]:
    """The applications an allocation funds: in full (`full`), or with any award."""
    wanted = (Status.FUNDED,) if full else (Status.FUNDED, Status.PARTIAL)
    return frozenset(a.application_id for a in result.awards if a.status in wanted)


def above(budget: int, step: int, high: int) -> list[int]:
    """Budgets above `budget` at doubling distances — one step more, two, four, … — up to `high`, which is one.

    >>> above(100, 10, 200)
    [110, 120, 140, 180, 200]
    """
    return [budget + step * 2**k for k in range(high.bit_length()) if budget + step * 2**k < high] + [high]
