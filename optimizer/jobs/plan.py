"""Two budget years planned together (docs/planning.md, How to split two years' money?): a two-year total split
between the years at several levels of the first year's budget, each year solved to proven optimality exactly as
`allocate` would, the second counting the first's awards as the award ledger would once they were published.

For each split: the first year is solved at its budget, counting the ledger given (its earlier awards); its FUNDED
and PARTIAL awards are added — in memory, as `publish` records them (report/notice.py's `run_awards`) — to what the
second year counts: prior support of the same content (就高、不重复), and each applicant's awards under this policy
towards its period cap (`[applicants] max_period_total`); the second year is solved at the total less the first
year's budget. Both years are then valued under one set of weights, so that splits can be compared: each year's own
objective is in the units of its own weights, and the two do not add up.

Nothing is written: no file, no ledger. The first year's entitlements are worked out once; the second year's
eligibility once too, and its 就高、不重复 step per split (its prior support depends on the first year's awards).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from functools import partial

from optimizer.domain import (
    AllocationRow,
    Application,
    Applications,
    Entitlement,
    InvalidRow,
    LedgerAward,
    Problem,
)
from optimizer.errors import Infeasible, InputError
from optimizer.jobs.allocate import Allocation, allocate_entitled, refuse_spent
from optimizer.jobs.inputs import (
    Amount,
    CountedLedger,
    InputsError,
    LedgerSource,
    PolicySource,
    input_warnings,
    ledger_of,
    policy_of,
    read_inputs,
    read_workers,
)
from optimizer.jobs.plan_args import amount_of, read_refine, read_splits, tolerance_warnings, widest
from optimizer.jobs.plan_args import read_tolerance as read_tolerance  # as before the arguments moved there
from optimizer.jobs.pool import leave_interrupt_to_parent, solve_each
from optimizer.jobs.year_plan import Split, YearPlan
from optimizer.money import said_amount
from optimizer.reading.applications import ApplicationSource
from optimizer.reading.guard import FileLimits
from optimizer.reading.run_folder import score_of
from optimizer.report.notice import run_awards
from optimizer.results import AllocationResult, weighted_value
from optimizer.rules.entitle import assess, once_per_content
from optimizer.rules.ledger import PriorAwards
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import (
    Scenario,
    ScenarioError,
    ScenarioSource,
    load_scenario,
    with_budget,
)
from optimizer.words import Phrase, brief

Year = tuple[ApplicationSource | Applications, ScenarioSource | Scenario]  # a year's applications and scenario
IN_MEMORY_RUN = ""  # the `run` of the first year's awards as the second counts them: no manifest, nothing published




def valued(result: AllocationResult, under: Scenario) -> Decimal:
    """An allocation valued under another scenario's weights: Σ weight(clause) × score × allocated, exact — what its
    objective is when `under` is its own scenario."""
    value = weighted_value(((a.clause, score_of(a.score), a.allocated) for a in result.awards), under.weights)
    assert value is not None, "an award given money has a score"
    return value


def published_awards(result: AllocationResult, applications: Mapping[str, Application], policy: Policy,
                     year: int) -> tuple[LedgerAward, ...]:
    """The allocation's FUNDED and PARTIAL awards as `publish` records them in the ledger (the same function makes
    them), without a run: their `run` is IN_MEMORY_RUN. `applications`: the year's valid applications by id."""
    rows = [AllocationRow(a.row, a.application_id, a.allocated, a.status) for a in result.awards]
    return run_awards(rows, applications, policy, year, IN_MEMORY_RUN)


def with_awards(prior: PriorAwards, awards: Iterable[LedgerAward]) -> PriorAwards:
    """The ledger's awards with `awards` recorded after them, as a ledger read after publishing them counts them:
    each new award first granted at its own amount."""
    added = tuple(awards)
    first = prior.first or tuple(a.amount for a in prior.awards)
    return PriorAwards((*prior.awards, *added), (*first, *(a.amount for a in added)))


def plan_years(first: Year, second: Year, total: Amount, *, splits: Sequence[Amount] | str | None = None,
               start: Amount | None = None, stop: Amount | None = None, step: Amount | None = None,
               value_under: ScenarioSource | Scenario | int = None, tolerance: Amount = "10万",
               refine: Amount | None = None, policy: PolicySource = None, solver: str = "highs",
               ledger: LedgerSource = None, workers: int | None = None, skip_invalid: bool = False,
               limits: FileLimits | None = None, progress: Callable[[int, int], None] | None = None) -> YearPlan:
    """A two-year `total` split between two budget years at several first-year budgets: each year solved at its part
    to proven optimality as allocate would, the second counting the first's awards as if they had been published
    into the ledger, and both valued under common weights.

    `first`, `second`: each a pair (applications, scenario) as allocate takes them; the scenarios must name their
    years, the second's later; their budgets are replaced by the split. `splits`: the first year's budgets, amounts
    as a sweep's levels are (a list, or one text "1.4亿,1.5亿"), each at most `total` — or `step`, with `start`
    (default 0) and `stop` (default `total`): every `step` from `start`, `stop` included. `value_under`: whose
    weights value both years — "first" (the default) or "second" (or their years), or any scenario. `tolerance`: how
    much first-year budget a split may be worth less than the best by, at the best split's funding line, and still
    be near it (`YearPlan.near_best`; default 10万; a whole number is yuan, as `YearPlan.tolerance` gives it back,
    one below 1万 with a warning).
    `refine`: a finer step, to see the band at the first call — once the splits asked are solved, every `refine`
    around the best, between the splits tried beside it, is solved too (`step="1000万", refine="100万"`: the best
    ± 1000万 in steps of 100万); then, where an end of the band about as good has the next split solved beyond it
    farther than `refine` (the best, or the band, ran on past the finer splits), every `refine` out to that split
    as well — at most WIDEN_MOST times (`YearPlan.refined`: from where to where, None where it added no
    split, the splits beside the best no farther apart; `widened`: how often). It must be
    finer than the splits asked are apart, and needs two of them. `ledger`: the
    award ledger as it stands before the first year, counted by both. `workers` solve splits at once (default: one
    per core); the result is the same whatever their number. A split that cannot be solved in either year is kept
    with its notes; when none can, Infeasible names each one's conflicts. Every mistake in the arguments and both
    years' inputs is one InputError.

    >>> plan = plan_years(("data/sample_applications.xlsx", "data/scenario_2026.toml"),
    ...                   ("data/sample_applications_2027.xlsx", "data/scenario_2027.toml"), "3.2亿",
    ...                   splits="1.8亿,2亿", workers=1)
    >>> [(s.first_budget, s.second_budget) for s in plan.splits]
    [(180000000, 140000000), (200000000, 120000000)]
    """
    rules = policy_of(policy)
    years, amount, budgets, under, warnings, (near, finer) = _prepared(
        first, second, total, splits, start, stop, step, value_under, tolerance, refine, rules, solver, ledger,
        workers, skip_invalid, limits)
    most = widest(budgets) // finer if finer else 0
    made = _solved(budgets, years, amount, under, workers, _offset(progress, 0, most))
    if not any(s.solved for s in made):
        raise Infeasible([Phrase.of("plan.split_infeasible", budget=said_amount(s.first_budget), conflict=note.both())
                          for s in made for note in s.notes])
    plan = YearPlan(amount, years.first, years.second, under, made, rules, warnings, near)
    if not finer:
        return plan

    def solve(more: Sequence[int], told: Callable[[int, int], None] | None) -> tuple[Split, ...]:
        return _solved(more, years, amount, under, workers, told)

    return _refined(plan, finer, solve, progress)


WIDEN_MOST = 4  # how many times, after the first, refine goes further out to reach an end of the band at most

_Solve = Callable[[Sequence[int], Callable[[int, int], None] | None], tuple[Split, ...]]


def _refined(plan: YearPlan, finer: int, solve: _Solve, progress: Callable[[int, int], None] | None) -> YearPlan:
    """The plan with every `finer` solved around its best — between the splits tried beside it — and then, while an
    end of the band has the next split solved beyond it farther than `finer` (the band, or the best, runs on past the
    finer splits: a planner's review found the best of a 10万 grid, 20420万, beyond 2.04亿, the end of splits refined
    between 2.02亿 and 2.04亿), every `finer` out to that split too, at most WIDEN_MOST times."""
    best = plan.best
    assert best is not None, "a plan is refined once some split is solved"
    anchor, tried = best.first_budget, [s.first_budget for s in plan.splits]
    at = tried.index(anchor)
    stretch = (tried[max(at - 1, 0)], tried[min(at + 1, len(tried) - 1)])
    budgets = _between(stretch, anchor, finer, tried)
    widened = count = 0
    while True:
        if budgets:
            added = solve(budgets, _offset(progress, len(plan.splits), 0))
            plan = replace(plan, splits=tuple(sorted((*plan.splits, *added), key=lambda s: s.first_budget)))
            count += len(added)
        # a planner's review: refine 1000万 beside splits 1000万 apart added none, and the repr said it refined
        plan = replace(plan, refine=finer, refined=stretch if count else None, widened=widened)
        further = _further(plan, stretch, finer)
        if further == stretch or widened == WIDEN_MOST:
            return plan
        tried = [s.first_budget for s in plan.splits]
        budgets = [*_between((further[0], stretch[0]), anchor, finer, tried),
                   *_between((stretch[1], further[1]), anchor, finer, tried)]
        stretch, widened = further, widened + 1


def _between(ends: tuple[int, int], anchor: int, finer: int, tried: Sequence[int]) -> list[int]:
    """Every first-year budget `finer` apart from `anchor` (the first best: one grid of finer splits) from the lower of
    `ends` to the higher, each not tried yet."""
    low, high = ends
    first = anchor - (anchor - low) // finer * finer
    return [b for b in range(first, high + 1, finer) if b not in tried]


def _further(plan: YearPlan, stretch: tuple[int, int], finer: int) -> tuple[int, int]:
    """`stretch`, the first-year budgets between which every `finer` is solved, taken out on either side to the next
    split solved beyond the band's end there, where that is farther than `finer` from it and outside the stretch."""
    band, gaps = plan.near_best, plan.band_edge_gaps
    if band is None or gaps is None:
        return stretch
    (low, high), (below, above) = band, gaps
    return (low - below if below is not None and below > finer and low - below < stretch[0] else stretch[0],
            high + above if above is not None and above > finer and high + above > stretch[1] else stretch[1])


def _solved(budgets: Sequence[int], years: _Years, total: int, under: Scenario, workers: int | None,
            progress: Callable[[int, int], None] | None) -> tuple[Split, ...]:
    """Each first-year budget's split, solved by `workers` processes."""
    count = min(read_workers(workers) or os.cpu_count() or 1, len(budgets)) or 1
    found = solve_each(budgets, partial(_solve_split, total=total), _start, (years,), count, progress)
    return tuple(_split(found[b], years, under) for b in budgets)


def _offset(progress: Callable[[int, int], None] | None, before: int,
            after: int) -> Callable[[int, int], None] | None:
    """`progress` told of the splits solved before these and of the most still to come after them."""
    if progress is None:
        return None
    return lambda done, total: progress(before + done, before + total + after)


# ------------------------------------------------------------------------------------------------ reading the inputs


@dataclass(frozen=True)
class _Years:
    """What every split is solved from: read and checked once."""

    policy: Policy
    first: Scenario
    second: Scenario
    first_invalid: tuple[InvalidRow, ...]
    first_entitled: tuple[Entitlement, ...]
    first_apps: Mapping[str, Application]  # the first year's valid applications by id, for the awards the second counts
    second_invalid: tuple[InvalidRow, ...]
    second_assessed: tuple[Entitlement, ...]  # eligibility and gross entitlement: 就高、不重复 comes per split
    prior: PriorAwards
    solver: str


def _prepared(first: object, second: object, total: Amount, splits: object, start: Amount | None,
              stop: Amount | None, step: Amount | None, value_under: ScenarioSource | Scenario | int,
              tolerance: Amount, refine: Amount | None, rules: Policy, solver: str, ledger: LedgerSource,
              workers: int | None, skip_invalid: bool, limits: FileLimits | None,
              ) -> tuple[_Years, int, list[int], Scenario, tuple[Problem, ...], tuple[int, int]]:
    """Every argument and both years' inputs read and checked — each mistake of all of them in one InputError — and
    what is worked out once; the last, the tolerance and the finer step (0: none) in yuan."""
    problems: list[Problem] = []
    amount = amount_of(total, "total", problems)
    budgets = read_splits(splits, start, stop, step, amount, problems)
    try:
        near: int | None = read_tolerance(tolerance)
    except InputError as exc:
        problems += exc.problems
        near = None
    finer = read_refine(refine, budgets, problems)
    try:
        read_workers(workers)
    except InputError as exc:
        problems += exc.problems
    parts: list[InputError] = [InputError(problems)] if problems else []
    # each year's scenario checked at the whole total: a split that leaves a year below its reserve is that split's
    # note, alone as in company
    one = _year(first, "first", amount, rules, skip_invalid, limits, solver, parts)
    two = _year(second, "second", amount, rules, skip_invalid, limits, None, parts)  # the solver checked once
    under = _valuation(value_under, one, two, amount, rules, parts)
    if one is not None and two is not None:
        parts += _order(one[1], two[1])
    counted = _counted(ledger, parts)
    if len(parts) > 1:
        raise InputsError(tuple(parts))
    if parts:
        raise parts[0]
    assert one is not None and two is not None and under is not None and amount is not None and counted is not None
    assert near is not None and finer is not None
    (read_one, scenario_one), (read_two, scenario_two) = one, two
    refuse_spent(scenario_one, counted.prior.year_so_far(rules.number, scenario_one.year))  # at the total
    refuse_spent(scenario_two, counted.prior.year_so_far(rules.number, scenario_two.year))
    years = _Years(rules, scenario_one, scenario_two, read_one.invalid,
                   tuple(once_per_content([assess(a, rules, year=scenario_one.year) for a in read_one.valid],
                                          counted.prior, rules.number)),
                   {a.application_id: a for a in read_one.valid}, read_two.invalid,
                   tuple(assess(a, rules, year=scenario_two.year) for a in read_two.valid), counted.prior, solver)
    warnings = (*_warnings(read_one, read_two, counted, years), *tolerance_warnings(tolerance, near))
    return years, amount, budgets, under, warnings, (near, finer)


def _counted(ledger: LedgerSource, parts: list[InputError]) -> CountedLedger | None:
    try:
        return ledger_of(ledger)
    except InputError as exc:  # not a ledger, or one that cannot be read
        parts.append(exc)
        return None


def _year(given: object, which: str, budget: int | None, rules: Policy, skip_invalid: bool, limits: FileLimits | None,
          solver: str | None, parts: list[InputError]) -> tuple[Applications, Scenario] | None:
    """One year's applications and scenario, the scenario checked at `budget` (the total); None after
    a mistake (added to `parts`)."""
    if isinstance(given, (str, bytes, Mapping)) or not isinstance(given, Sequence) or len(given) != 2:
        parts.append(InputError.one(which, Phrase.of("plan.not_a_year", shown=brief(type(given).__name__))))
        return None
    try:
        read, checked = read_inputs(given[0], given[1], budget=None if budget is None else f"{budget}元",
                                    policy=rules, skip_invalid=skip_invalid, limits=limits, solver=solver)
    except InputsError as exc:
        parts.extend(exc.parts)
        return None
    except InputError as exc:
        parts.append(exc)
        return None
    if checked.year is None:
        place = checked.path.name if checked.path is not None else which
        parts.append(InputError.one(place, Phrase.of("plan.no_year", which=_WHICH[which])))
        return None
    return read, checked


_WHICH = {"first": ("第一年", "first"), "second": ("第二年", "second")}


def _order(first: Scenario, second: Scenario) -> list[InputError]:
    """The second year must come after the first."""
    assert first.year is not None and second.year is not None
    if first.year == second.year:
        return [InputError.one("second", Phrase.of("plan.same_year", year=first.year))]
    if second.year < first.year:
        return [InputError.one("second", Phrase.of("plan.years_reversed", first=first.year, second=second.year))]
    return []


def _valuation(value_under: ScenarioSource | Scenario | int, first: tuple[Applications, Scenario] | None,
               second: tuple[Applications, Scenario] | None, total: int | None, rules: Policy,
               parts: list[InputError]) -> Scenario | None:
    """The scenario whose weights value both years: the first year's (None, "first" or its year), the second's
    ("second" or its year), or one given (its budget, if it has none, the total: only its weights count)."""
    years: dict[str | int | None, tuple[Applications, Scenario] | None] = {None: first, "first": first,
                                                                           "second": second}
    for year in (first, second):
        if year is not None and year[1].year is not None:
            years.setdefault(year[1].year, year)
    if isinstance(value_under, (str, int, type(None))) and not isinstance(value_under, bool) and value_under in years:
        chosen = years[value_under]
        return None if chosen is None else chosen[1]
    if isinstance(value_under, Scenario):
        return value_under
    if isinstance(value_under, int):  # a year, neither of the two (or a bool)
        known = [str(year[1].year) for year in (first, second) if year is not None]
        parts.append(InputError.one("value_under", Phrase.of("plan.value_under_year", year=value_under,
                                                             years=("、".join(known), ", ".join(known)))))
        return None
    try:
        return load_scenario(value_under, budget=None if total is None else f"{total}元", policy=rules)
    except InputError as exc:
        parts.append(exc)
        return None


def _warnings(read_one: Applications, read_two: Applications, counted: CountedLedger,
              years: _Years) -> tuple[Problem, ...]:
    """The inputs' warnings and the ledger's, as allocate gives them for each year — but for the second year's period
    cap counted without a ledger: the first year's awards are counted."""
    two = input_warnings(read_two, counted, years.policy, years.second)
    return (*input_warnings(read_one, counted, years.policy, years.first),
            *(w for w in two if w.code != "ledger.period_cap_alone"))


# ------------------------------------------------------------------------------------------------ solving a split

_WORK: dict[str, _Years] = {}  # what one worker process solves splits of


@dataclass(frozen=True)
class _Solved:
    """A split as a worker solved it: what travels back (no models)."""

    first_budget: int
    second_budget: int
    first: AllocationResult | None
    second: AllocationResult | None
    notes: tuple[Phrase, ...] = ()


def _start(years: _Years) -> None:
    leave_interrupt_to_parent()
    _WORK["years"] = years


def _solve_split(first_budget: int, total: int) -> _Solved:
    years, second_budget = _WORK["years"], total - first_budget
    one = _solve(years.first_invalid, years.first_entitled, years.first, first_budget, years)
    if isinstance(one, tuple):
        unsolved = Phrase.of("plan.second_unsolved", year=years.second.year, first=years.first.year)
        return _Solved(first_budget, second_budget, None, None, (*_noted(years.first, one), unsolved))
    assert years.first.year is not None
    prior = with_awards(years.prior, published_awards(one, years.first_apps, years.policy, years.first.year))
    entitled = once_per_content(years.second_assessed, prior, years.policy.number)
    two = _solve(years.second_invalid, entitled, years.second, second_budget, years, prior)
    if isinstance(two, tuple):
        return _Solved(first_budget, second_budget, one, None, _noted(years.second, two))
    return _Solved(first_budget, second_budget, one, two)


def _solve(invalid: Sequence[InvalidRow], entitled: Sequence[Entitlement], scenario: Scenario, budget: int,
           years: _Years, prior: PriorAwards | None = None) -> AllocationResult | tuple[Phrase, ...]:
    """One year at one budget, as allocate solves it; or why it cannot be."""
    try:
        result = allocate_entitled(invalid, entitled, years.policy, with_budget(scenario, budget),
                                   solver=years.solver, prior=years.prior if prior is None else prior)
    except Infeasible as exc:
        return exc.phrases
    except ScenarioError as exc:  # below the reserve, a floor above its own share, the year spent already
        return tuple(p.message for p in exc.problems)
    return replace(result, model=None)  # the model stays here: only the results travel


def _noted(scenario: Scenario, conflicts: Iterable[Phrase]) -> tuple[Phrase, ...]:
    return tuple(Phrase.of("plan.year_note", year=scenario.year, note=c.both()) for c in conflicts)


def _split(solved: _Solved, years: _Years, under: Scenario) -> Split:
    """A split as the plan shows it: both allocations with the policy they were decided by, and their value."""
    one, two = (None if r is None else _allocation(r, years.policy) for r in (solved.first, solved.second))
    return Split(solved.first_budget, solved.second_budget, one, two,
                 None if one is None else valued(one, under), None if two is None else valued(two, under),
                 solved.notes)


def _allocation(result: AllocationResult, policy: Policy) -> Allocation:
    return Allocation(**{**{f.name: getattr(result, f.name) for f in fields(AllocationResult)}, "policy": policy})
