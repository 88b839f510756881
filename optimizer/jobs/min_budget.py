"""The least budget that funds a chosen set of applications, the targets (docs/planning.md, What is the least
budget that funds …?).

1. The scenario is solved once at a budget so high that no limit which grows with the budget binds — the budget
   itself, a district's share, an envelope's share — or at `high`. A target not funded there is held back by
   something money does not raise: an envelope's or an applicant's cap, ineligibility, 就高、不重复; its reason
   there names it (at a `high` given, it may be the budget itself: `warnings` names those). The others, funded
   there, are the goal.
2. The budget is bisected in whole multiples of the precision, each budget solved to proven optimality exactly as
   allocate would (the entitlements worked out once, as a sweep does), for the least at which the goal is funded
   while one precision less is not. A budget that cannot be solved (below the reserve, a floor not met) is not
   enough.
3. The budget found is allocated by `allocate`, as any run at that budget is (ready to write and verify), and must
   fund the goal. The reachable targets are those it funds: the goal, and any target a cap it shares with other
   applications held back at the high budget but not at this one. The others are `blocked`.
4. Funding need not grow with the budget: at the funding line, and under a cap several applications share, whole
   awards swap. So a larger budget may fund a target out again, a budget below the one found may fund the goal
   too, and a blocked target may be funded at some other budget in place of another application. Budgets above the
   one found are solved at doubling distances (one precision more, two, four, …, and the high budget); those that do
   not fund every reachable target are the `gaps` (`monotone` is False). Then budgets below it are solved: at the
   same distances, down to what the goal's entitlements need, and evenly spaced — every w below it, w the stretch
   from it up that the budgets solved fund without a break (at least one precision), until FINE_PROBES in a row do
   not fund the goal — so that a window of funding about as wide as the one found is not missed close below it
   (the goal may be funded only in windows a few precisions wide, recurring as whole awards fit: a planner's review
   found one 5万 wide, 50万 below the budget then returned). If one funds the goal, the least such is bisected
   again against the greatest budget solved below it that does not, and is the budget found (`bisected` keeps the
   first) — and the budgets below that one are probed in turn, up to PROBE_ROUNDS rounds. `exhausted` says the
   probing stopped at its limits (every round found a smaller budget, or a spaced scan reached FINE_MOST budgets):
   a smaller one may well fund the goal. Whatever the probing, budgets not solved may fund it: the budget is the
   least found, not proven least — also when every larger budget solved funds the goal (a planner's review: of 26
   goals checked against every budget at 1万 steps, 11 had a smaller one that funds them; only two said so), and a
   budget a little above it, not solved, may not. The budgets solved from it up that fund every reachable target are its
   `windows`, runs unbroken by a budget solved that does not. A blocked target funded at any budget solved is
   named in `elsewhere` with the least such budget. A goal whose funding grew with the budget costs no solves but
   the bisection's and the gaps'; one that did not, a round of probing each (the doubling distances, FINE_PROBES or
   more spaced budgets, a bisection) and the gaps again at the end (docs/planning.md says how many, on the sample).
5. When one precision less misses only a few of the goal (at most three), those set the budget (`setting`): the
   least budget for the goal without them is found by the same search (`without`), the budgets solved so far
   bracketing it. In full (`full`), a target one precision less leaves short by no more than the rounding unit is
   named in `rounding_short`: it is not funded in full there, but nearly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from optimizer.domain import Applications, Award, Entitlement, InvalidRow, Problem, Reason, Status
from optimizer.errors import Infeasible, InputError, SolverError
from optimizer.jobs.allocate import Allocation, allocate, allocate_entitled, allocation_frame
from optimizer.jobs.inputs import Amount, LedgerSource, PolicySource, ledger_of, policy_of, read_inputs, read_lang
from optimizer.money import MAX_AMOUNT, ceil_yuan, said_amount
from optimizer.reading.applications import ApplicationSource
from optimizer.reading.guard import FileLimits
from optimizer.report.allocation_csv import award_reasons
from optimizer.results import AllocationResult, warnings_said
from optimizer.rules.entitle import entitle
from optimizer.rules.ledger import PriorAwards
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Scenario, ScenarioError, ScenarioSource, read_budget, with_budget
from optimizer.solving.model import RowKind
from optimizer.words import Phrase, brief, few

if TYPE_CHECKING:
    import pandas as pd

Fund = Callable[[Any], object] | Iterable[str] | str  # a test of one row of the allocation frame, or ids

COLUMNS = ("application_id", "applicant", "clause", "score", "status", "allocated", "reachable", "sets_budget",
           "status_at_high", "allocated_at_high", "reason_at_high", "elsewhere")
SETTING_MOST = 3  # the most targets one precision less may miss for `setting` and `without` to be worked out
PROBE_ROUNDS = 4  # the most rounds of probing below a budget found when funding did not grow with the budget
FINE_PROBES = 16  # budgets in a row funding nothing that end a spaced scan below a budget found
FINE_MOST = 64  # the most budgets one spaced scan solves
LIMITS = frozenset(kind.value for kind in RowKind) | frozenset(f"{kind.value}_after" for kind in RowKind)
GROWING = frozenset({"budget", "budget_after", "district_share", "district_share_after"})  # and an envelope's share


@dataclass(frozen=True)
class Probed:
    """What the probing below a budget found: the least budget found, the first bisection's when a smaller one was
    found (else None), the gaps above it, and whether the probing stopped at its limits."""

    found: int
    bisected: int | None
    gaps: tuple[int, ...]
    exhausted: bool


@dataclass(frozen=True, repr=False)
class BudgetGoal:
    """The least budget found that funds every reachable target, its allocation, and the targets no budget
    reaches (or none up to a `high` given), each with its award at the high budget, which says why. A notebook
    shows it in one line."""

    budget: int  # whole yuan, a multiple of `precision`
    allocation: Allocation  # at `budget`, as allocate gives it
    targets: tuple[str, ...]  # the application ids chosen, in workbook order
    reachable: tuple[str, ...]  # the targets `allocation` funds (all those funded at the high budget among them)
    blocked: tuple[Award, ...]  # the other targets' awards at the high budget: their reasons name what holds them
    full: bool  # True: funded means FUNDED (in full); False: FUNDED or PARTIAL
    precision: int
    high: int  # the budget reachability was judged at
    solves: int  # the budgets solved, the confirming allocate included
    gaps: tuple[int, ...] = ()  # budgets above `budget`, solved, that do not fund every reachable target
    elsewhere: tuple[tuple[str, int], ...] = ()  # blocked targets funded at some budget solved: the least such
    at_high: tuple[Award, ...] = ()  # every target's award at the high budget, in the order of `targets`
    high_given: bool = False  # `high` was given: a blocked target is not funded within it, maybe above it
    setting: tuple[str, ...] = ()  # the few targets one precision less than `budget` does not fund
    without: int | None = None  # the least budget found for the targets funded at `high` but `setting`
    bisected: int | None = None  # the budget the bisection found, when a budget below it solved funds the goal
    warnings: tuple[Problem, ...] = ()  # the goal's own (the allocation's are `allocation.warnings`)
    least_solvable: bool = False  # one precision less cannot be solved at all: the scenario's floor, not the goal's
    windows: tuple[tuple[int, int], ...] = ()  # the budgets solved from `budget` up funding every reachable target:
    # (least, greatest) of each run that no budget solved between them breaks; the first starts at `budget`. Budgets
    # between two solved were not tried: one may not fund the goal (a planner found 18474万 short, inside a window)
    exhausted: bool = False  # the probing below stopped at its limits while still finding smaller budgets
    rounding_short: tuple[tuple[str, int], ...] = ()  # in full: reachable targets one precision less leaves short by
    # no more than the scenario's rounding unit, with how much (yuan)

    @property
    def reserve(self) -> int:
        """The reserve `budget` includes: the budget is the year's whole, as a scenario's budget is."""
        return self.allocation.scenario.reserve

    @property
    def monotone(self) -> bool:
        """Whether every larger budget solved kept the reachable targets funded (False: whole awards swapped)."""
        return not self.gaps

    def __repr__(self) -> str:  # a notebook shows this, not every award
        swapped = f", {len(self.elsewhere)} funded only at other budgets" if self.elsewhere else ""
        held = f"not within {_said(self.high)}" if self.high_given else "no budget reaches"
        if not self.reachable:  # no budget to speak of (an officer's review: "2000万 … the goal needs less")
            found = "".join(f"; {target} funded at {_said(budget)} (found while searching, not the least)"
                            for target, budget in self.elsewhere[:3])  # a planner's review: 2026-0060 at 10192万
            return (f"<BudgetGoal no budget found: none of the {len(self.targets)} targets funded "
                    f"({len(self.blocked) - len(self.elsewhere)} {held}{swapped}){found}; {self.solves} solves"
                    f"{warnings_said(self.warnings)}>")
        parts = [f"{_said(self.budget)} funds {len(self.reachable)} of {len(self.targets)} targets",
                 f"{len(self.blocked) - len(self.elsewhere)} {held}{swapped}"]
        if self.setting and self.without is not None:
            who = f"{self.setting[0]} alone sets" if len(self.setting) == 1 else f"{', '.join(self.setting)} set"
            parts.append(f"{who} it: {_said(self.without)} without {'it' if len(self.setting) == 1 else 'them'}")
        if self.least_solvable:
            parts.append("the least budget the scenario can be solved at (its reserve and floors): the targets funded "
                         "need less")
        parts.append(f"{self.solves} solves")
        if self.gaps:
            parts.append(self._not_monotone())
        else:  # a planner's review: 11 of 26 goals had a smaller budget that funds them, most with no word of it
            parts.append("least found by bisection, not proven: smaller budgets not all tried")
        if self.rounding_short:
            parts.append(self._nearly())
        return f"<BudgetGoal {'; '.join(parts)}{warnings_said(self.warnings)}>"

    def _not_monotone(self) -> str:
        """What a repr says when a larger budget funds fewer: the budget is the least found, not proven; the windows
        of funding the budgets solved show, when there are several; how the probing below ended."""
        fewer = "1 larger budget funds" if len(self.gaps) == 1 else f"{len(self.gaps)} larger budgets fund"
        said = f"not monotone: {fewer} fewer; least found, not proven"
        if len(self.windows) > 1:
            shown = ", ".join(_window_said(window) for window in self.windows[:3])
            more = f", … ({len(self.windows)} in all)" if len(self.windows) > 3 else ""
            said += (f": the budgets solved fund it only in {'narrow ' if self._narrow else ''}windows, "
                     f"{shown}{more}")
        if self.exhausted:
            said += "; the probing below stopped at its limit, still finding smaller ones"
        if self.bisected is not None:
            said += f"; the first bisection found {_said(self.bisected)}"
        return said

    def _nearly(self) -> str:
        """What a repr says of the targets one precision less leaves short only by the rounding unit."""
        ids = ", ".join(i for i, _ in self.rounding_short)
        most = max(short for _, short in self.rounding_short)
        verb = "is" if len(self.rounding_short) == 1 else "are at most"
        return (f"{ids} {verb} {said_amount(most)[1]} short of full funding at {_said(self.budget - self.precision)} "
                f"(partial awards in multiples of {said_amount(self.allocation.scenario.rounding)[1]})")

    @property
    def _narrow(self) -> bool:
        """Whether the budget found sits in a narrow window of funding: the budgets solved fund the goal over a
        stretch from it shorter than the one above that stretch that they do not."""
        if len(self.windows) < 2:
            return False
        (low, high), (above, _) = self.windows[:2]
        return high - low + self.precision < above - high - self.precision

    def to_frame(self, lang: str = "zh") -> pd.DataFrame:
        """One row per target, in workbook order: application_id, applicant, clause, score (a number); status and
        allocated (whole yuan) at the budget found; reachable; sets_budget (one of `setting`); status_at_high,
        allocated_at_high and reason_at_high, its award at the high budget and the reason it gives (in Chinese, or
        English with lang="en"; for a blocked target, what holds it); `elsewhere`, the least budget solved that
        funded a blocked target, if any (else <NA>)."""
        import pandas as pd

        assert self.allocation.policy is not None
        at = {a.application_id: a for a in self.allocation.awards}
        high = {a.application_id: a for a in self.at_high}
        why = dict(zip(high, award_reasons(self.at_high, read_lang(lang), self.allocation.policy), strict=True))
        reachable, setting, swapped = set(self.reachable), set(self.setting), dict(self.elsewhere)
        rows = [(i, at[i].applicant, at[i].clause, at[i].score, at[i].status.value, at[i].allocated, i in reachable,
                 i in setting, high[i].status.value, high[i].allocated, why[i], swapped.get(i)) for i in self.targets]
        frame = pd.DataFrame(rows, columns=list(COLUMNS))
        frame["score"] = pd.to_numeric(frame["score"], errors="coerce")  # an invalid row's unreadable score: NaN
        return frame.astype({"allocated": "int64", "reachable": "bool", "sets_budget": "bool",
                             "allocated_at_high": "int64", "elsewhere": "Int64"})


def min_budget(applications: ApplicationSource | Applications, scenario: ScenarioSource | Scenario = None, *,
               fund: Fund, precision: Amount = "1万", full: bool = True, policy: PolicySource = None,
               solver: str = "highs", ledger: LedgerSource = None, skip_invalid: bool = False,
               limits: FileLimits | None = None, high: Amount | None = None) -> BudgetGoal:
    """The least budget, in whole multiples of `precision`, at which every target that some budget can fund is
    funded — the scenario's reserve and every other setting unchanged, each budget solved as allocate would — and
    the targets no budget reaches, each with the reason its award gives where money does not limit (the module's
    docstring says how, and what a non-monotone funding line means for the answer). When one precision less misses
    at most three targets, `setting` names them and `without` is the least budget found for the others.

    `fund` chooses the targets: application ids (a list, or one id), or a function given each row of the
    allocation frame at the high budget (a pandas Series with the columns of `Allocation.to_frame()`: `row.score`,
    `row.clause`, `row.entitlement`, `row.status`, …) that returns whether to fund it. `full`: each target funded
    in full (FUNDED), or with any award (FUNDED or PARTIAL). `precision`: an amount with its unit ("1万", "10万",
    "5000元"), as a budget is written. `high`: the budget at which reachability is judged (rounded up to a multiple
    of `precision`); by default one at which no limit that grows with the budget binds. The blocked targets a
    `high` given holds back only by money (the budget, a district's or an envelope's share of it) are named in
    `warnings`. `applications`, `scenario`, `policy`, `solver`, `ledger`, `skip_invalid` and `limits` are those of
    allocate; the scenario's own budget is not used.

    Raises InputError (the inputs; no target, ids not in the workbook, a bad precision, a `fund` function that
    reads a column the frame does not have), Infeasible (the scenario cannot be solved even at the high budget) or
    SolverError (a budget without a proven optimum).

    >>> goal = min_budget("data/sample_applications.xlsx", "data/scenario_2026.toml", fund=["2026-0001"])
    >>> goal.budget, goal.allocation.awards[0].status.value
    (224910000, 'FUNDED')
    """
    step = read_precision(precision)
    ceiling = None if high is None else read_budget(high, "high")
    rules, counted = policy_of(policy), ledger_of(ledger)
    read, checked = read_inputs(applications, scenario, budget=f"{ceiling or MAX_AMOUNT}元", policy=rules,
                                skip_invalid=skip_invalid, limits=limits, solver=solver)
    chosen = () if callable(fund) else _ids(fund, read)  # before solving: an unknown id is said at once
    entitlements = entitle(read.valid, rules, year=checked.year, prior=counted.prior)  # once: no budget changes them
    earlier = counted.prior.year_so_far(rules.number, checked.year).total
    top = -(-(ceiling if ceiling is not None else unlimited_budget(entitlements, checked, earlier)) // step) * step
    search = _Search(read.invalid, entitlements, rules, checked, counted.prior, solver=solver, step=step, full=full,
                     spent=checked.reserve + earlier)
    at_high = search.judge(top)
    targets = _in_row_order(_targets(fund, at_high, rules) if callable(fund) else chosen, at_high)
    core = tuple(i for i in targets if i in _funded_ids(at_high, full))  # funded where money does not limit
    probed = search.least_probed(core, targets)
    found = probed.found
    allocation = allocate(read, checked, budget=f"{found}元", policy=rules, solver=solver,
                          skip_invalid=skip_invalid, ledger=counted)
    funded = _funded_ids(allocation, full)
    if not funded.issuperset(core):
        raise SolverError(Phrase.of("goal.unconfirmed", budget=said_amount(found),
                                    ids=_listed([i for i in core if i not in funded])))
    setting = search.setting(core, found)
    without = search.least([i for i in core if i not in setting]) if setting else None
    reachable = tuple(i for i in targets if i in funded)  # the core, and those the budget found funds besides
    mine = tuple(a for a in at_high.awards if a.application_id in targets)
    blocked = tuple(a for a in mine if a.application_id not in funded)
    return BudgetGoal(found, allocation, targets, reachable, blocked, full, step, top, search.solves + 1, probed.gaps,
                      search.least_funding([a.application_id for a in blocked]), mine, ceiling is not None, setting,
                      without, probed.bisected, _held_warnings(blocked, at_high.scenario, top),
                      found < step or search.funded(found - step) is None, search.windows(found, reachable),
                      probed.exhausted, search.nearly(found - step, reachable) if found >= step else ())


def read_precision(value: Amount) -> int:
    """The step of the search: an amount read as a budget is (with its unit: "1万"; a bare 3000 is refused as a
    forgotten 万, in words about a precision), at least 1 yuan."""
    try:
        step = read_budget(value, "precision")
    except ScenarioError as error:
        raise ScenarioError([_as_precision(p) for p in error.problems]) from None
    if step < 1:
        raise InputError.one("precision", Phrase.of("goal.precision_zero", shown=brief(str(value))))
    return step


def _as_precision(problem: Problem) -> Problem:
    """A problem of the budget reader said of a precision: "3000 is a very small precision", not "budget"."""
    if problem.code != "scenario.small_amount":
        return problem
    params = {**dict(problem.message.params), "what": Phrase.of("goal.what_precision").both()}
    return Problem(problem.file, Phrase.of(problem.code, **params), problem.sheet, problem.row, problem.column)


def unlimited_budget(entitlements: Sequence[Entitlement], scenario: Scenario, earlier: int = 0) -> int:
    """A budget at which no limit that grows with the budget binds: budget − reserve covers every eligible
    entitlement, each district's under the district share and each envelope's under its share (an envelope's
    `max`, a fixed amount, is what holds it then); `earlier`, the year's earlier rounds, counted on top.

    >>> from optimizer.rules.scenario import load_scenario
    >>> unlimited_budget([], load_scenario({"reserve": "500万"}, budget="1亿"))
    5000000
    """
    eligible = [e for e in entitlements if e.eligible]
    needs = [sum(e.amount for e in eligible)]
    share = scenario.district_max_share
    if share:
        by_district = Counter[str]()
        for e in eligible:
            by_district[e.application.district] += e.amount
        needs.append(ceil_yuan(Decimal(max(by_district.values(), default=0) + earlier) / share))
    for envelope in scenario.envelopes:
        if envelope.max_share:
            demand = sum(e.amount for e in eligible if e.application.clause in envelope.clauses)
            held = demand if envelope.max is None else min(demand, envelope.max)
            needs.append(ceil_yuan(Decimal(held + earlier) / envelope.max_share))
    return scenario.reserve + earlier + max(needs)


class _Search:
    """The budgets tried, in whole multiples of `step`, each solved once as a sweep's level is, and the
    applications each funds: FUNDED (`full`), or FUNDED or PARTIAL. `spent`: the reserve and the year's earlier
    rounds, which no target gets."""

    def __init__(self, invalid: Sequence[InvalidRow], entitlements: Sequence[Entitlement], policy: Policy,
                 scenario: Scenario, prior: PriorAwards, *, solver: str, step: int, full: bool, spent: int) -> None:
        self.invalid, self.entitlements, self.policy, self.scenario = invalid, entitlements, policy, scenario
        self.prior, self.solver, self.step, self.full, self.spent = prior, solver, step, full, spent
        self.tried: dict[int, frozenset[str] | None] = {}  # None: the budget cannot be solved
        self.shortfalls: dict[int, dict[str, int]] = {}  # PARTIAL awards short by no more than the rounding unit
        self.entitled: dict[str, int] = {}  # each application's entitlement, read off the high budget's awards
        self.top = 0
        self.solves = 0

    def solve(self, budget: int) -> AllocationResult:
        """The allocation at `budget` (ScenarioError, Infeasible or SolverError as allocate raises them)."""
        level = with_budget(self.scenario, budget)
        self.solves += 1
        result = allocate_entitled(self.invalid, self.entitlements, self.policy, level, solver=self.solver,
                                   prior=self.prior)
        self.tried[budget] = _funded_ids(result, self.full)
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
        return self.tried[budget]

    def funds(self, budget: int, goal: Sequence[str]) -> bool:
        """Whether `budget` can be solved and funds every application of `goal`."""
        funded = self.funded(budget)
        return funded is not None and funded.issuperset(goal)

    def short(self, goal: Sequence[str]) -> int:
        """The most steps that surely do not fund `goal`: less than the reserve, the earlier rounds and what the
        goal needs (its entitlements in full, or a yuan each)."""
        need = sum(self.entitled[i] for i in goal) if self.full else len(goal)
        return -(-(self.spent + need) // self.step) - 1

    def least(self, goal: Sequence[str]) -> int:
        """The least budget tried that funds `goal` (the high budget funds it), bisected down to one that funds it
        while one step less does not — against the greatest budget tried below it that does not fund it."""
        high = min(b for b, funded in self.tried.items() if funded is not None and funded.issuperset(goal))
        short = [b // self.step for b, funded in self.tried.items()
                 if b < high and (funded is None or not funded.issuperset(goal))]
        return self.bisect(goal, max([self.short(goal), *short]), high // self.step)

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
        above = (b for b in sorted(self.tried) if b > found and not self.funds(b, core))  # one there is: a round's
        return Probed(found, first, self.gaps(found, targets) or (next(above),), capped)

    def reach(self, budget: int, goal: Sequence[str]) -> None:
        """Budgets above `budget` solved at doubling distances — one step more, two, four, … — up to the first that
        does not fund `goal` (or the high budget): how far the stretch of funding from it goes, for `scan`."""
        for above in _above(budget, self.step, self.top):
            if not self.funds(above, goal):
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

    def windows(self, budget: int, goal: Sequence[str]) -> tuple[tuple[int, int], ...]:
        """The budgets solved from `budget` up that fund `goal`, as runs no budget solved between them breaks: the
        least and the greatest of each."""
        runs: list[tuple[int, int]] = []
        open_run: int | None = None
        last = budget
        for b in sorted(b for b in self.tried if b >= budget):
            if self.funds(b, goal):
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

    def gaps(self, budget: int, targets: Sequence[str]) -> tuple[int, ...]:
        """The budgets above `budget` at doubling distances that do not fund every target it funds."""
        funded = self.funded(budget) or frozenset()
        reachable = [i for i in targets if i in funded]
        return tuple(b for b in _above(budget, self.step, self.top) if not self.funds(b, reachable))

    def setting(self, core: Sequence[str], budget: int) -> tuple[str, ...]:
        """Those of `core` one step less than `budget` does not fund, when they are a few (at most SETTING_MOST) and
        not all of it."""
        less = self.funded(budget - self.step) if budget >= self.step else None
        missing = tuple(i for i in core if less is not None and i not in less)
        return missing if len(missing) <= min(SETTING_MOST, len(core) - 1) else ()

    def least_funding(self, ids: Sequence[str]) -> tuple[tuple[str, int], ...]:
        """Each of `ids` funded at some budget tried, with the least such budget."""
        seen = sorted((budget, funded) for budget, funded in self.tried.items() if funded)
        return tuple((i, next(b for b, funded in seen if i in funded)) for i in ids
                     if any(i in funded for _, funded in seen))

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


def _held_warnings(blocked: Sequence[Award], scenario: Scenario, high: int) -> tuple[Problem, ...]:
    """A warning naming the blocked targets the high budget holds back only by money: the budget, a district's
    share of it, an envelope's share — limits a larger budget raises."""
    held = [a.application_id for a in blocked if _held_by_money(a, scenario)]
    if not held:
        return ()
    return (Problem.of("high", "goal.held_by_budget", warning=True, count=len(held), ids=few(held, 5),
                       high=said_amount(high)),)


def _held_by_money(award: Award, scenario: Scenario) -> bool:
    """Whether every limit that stopped the award (there is one) grows with the budget."""
    limits = [r for r in award.reasons if r.code in LIMITS]
    return bool(limits) and all(_grows(r, scenario) for r in limits)


def _grows(reason: Reason, scenario: Scenario) -> bool:
    """Whether the limit a reason names grows with the budget: the budget, a district's share, an envelope held
    by its share of the budget (not by its fixed `max`)."""
    if reason.code in GROWING:
        return True
    if reason.code not in ("envelope", "envelope_after"):
        return False
    envelope = next((e for e in scenario.envelopes if e.name == reason.values.get("name")), None)
    return (envelope is not None and envelope.max_share is not None
            and envelope.upper(scenario.available) != envelope.max)


def _funded_ids(result: AllocationResult, full: bool) -> frozenset[str]:
    """The applications an allocation funds: in full (`full`), or with any award."""
    wanted = (Status.FUNDED,) if full else (Status.FUNDED, Status.PARTIAL)
    return frozenset(a.application_id for a in result.awards if a.status in wanted)


def _above(budget: int, step: int, high: int) -> list[int]:
    """Budgets above `budget` at doubling distances — one step more, two, four, … — up to `high`, which is one.

    >>> _above(100, 10, 200)
    [110, 120, 140, 180, 200]
    """
    return [budget + step * 2**k for k in range(high.bit_length()) if budget + step * 2**k < high] + [high]


def _ids(fund: object, read: Applications) -> tuple[str, ...]:
    """The application ids given, each once; an InputError naming every one the workbook does not have."""
    if isinstance(fund, (bytes, Mapping)) or not isinstance(fund, Iterable):
        raise InputError.one("fund", Phrase.of("goal.not_targets", shown=brief(repr(fund))))
    given = [fund] if isinstance(fund, str) else list(fund)
    for item in given:
        if not isinstance(item, str):
            raise InputError.one("fund", Phrase.of("goal.not_targets", shown=brief(repr(item))))
    known = {a.application_id for a in read.valid} | {row.cells.get("application_id", "") for row in read.invalid}
    unknown = [i for i in dict.fromkeys(given) if i not in known]
    if unknown:
        raise InputError.one("fund", Phrase.of("goal.unknown_ids", ids=_listed(unknown)))
    return tuple(dict.fromkeys(given))


def _targets(fund: Callable[[Any], object], at_high: AllocationResult, policy: Policy) -> list[str]:
    """The ids of the rows of the allocation frame at the high budget for which `fund(row)` is true; an InputError
    naming what the function raised when it reads a column the frame does not have (`row.scroe`, `row["scroe"]`)."""
    frame = allocation_frame(at_high, policy)
    try:
        return [row.application_id for _, row in frame.iterrows() if fund(row)]
    except (AttributeError, KeyError) as error:
        said = brief(f"{type(error).__name__}: {error}")
        raise InputError.one("fund", Phrase.of("goal.fund_failed", error=said, columns=", ".join(frame.columns))
                             ) from error


def _in_row_order(ids: Iterable[str], result: AllocationResult) -> tuple[str, ...]:
    """The ids in workbook order; an InputError when there are none."""
    wanted = set(ids)
    if not wanted:
        raise InputError.one("fund", Phrase.of("goal.no_targets"))
    return tuple(dict.fromkeys(a.application_id for a in result.awards if a.application_id in wanted))


def _listed(ids: Sequence[str]) -> tuple[str, str]:
    """Every id, as a sentence lists them: (Chinese, English)."""
    shown = [(said, said) if isinstance(said := brief(i), str) else said for i in ids]
    return "、".join(zh for zh, _ in shown), ", ".join(en for _, en in shown)


def _window_said(window: tuple[int, int]) -> str:
    """A window of funding as a repr says it: `12768万–12772万`, or one budget alone.

    >>> _window_said((127_680_000, 127_720_000)), _window_said((5_000_000, 5_000_000))
    ('12768万–12772万', '500万')
    """
    low, high = window
    return _said(low) if low == high else f"{_said(low)}–{_said(high)}"


def _said(budget: int) -> str:
    """A budget as a repr says it, the English short form: `18433万`, `2.25亿`."""
    return said_amount(budget)[1]
