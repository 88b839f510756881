"""What every job starts from: the policy, the applications and the scenario, read together so that the mistakes in
both inputs are reported at once."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from optimizer.domain import Application, Applications, Problem
from optimizer.errors import InputError
from optimizer.ledger import LedgerState, read_ledger
from optimizer.reading.applications import ApplicationSource, read_applications
from optimizer.reading.guard import FileLimits
from optimizer.results import LedgerRef
from optimizer.rules.ledger import NO_PRIOR_AWARDS, PriorAwards, granted_to, policy_key
from optimizer.rules.policy import Policy, load_policy
from optimizer.rules.scenario import Scenario, ScenarioError, ScenarioSource, load_scenario
from optimizer.solving.backends import CHOICES
from optimizer.words import LANGS, Phrase, brief, few

PolicySource = Policy | Path | str | None
Amount = str | int | Decimal


class InputsError(InputError):
    """Mistakes in more than one input: `parts` holds each input's own error, in the order they were read (the
    scenario first), and `problems` all their problems."""

    def __init__(self, parts: tuple[InputError, ...]) -> None:
        super().__init__([p for part in parts for p in part.problems], [w for part in parts for w in part.warnings])
        self.parts = parts


def policy_of(policy: PolicySource) -> Policy:
    """A policy model: given, read from a path, or the shipped 渝经信规范〔2026〕2号."""
    return policy if isinstance(policy, Policy) else load_policy(policy)


def read_inputs(applications: ApplicationSource | Applications, scenario: ScenarioSource | Scenario = None, *,
                budget: Amount | None = None, policy: Policy, skip_invalid: bool = False,
                limits: FileLimits | None = None, solver: str | None = None,
                time_limit: float | None = None) -> tuple[Applications, Scenario]:
    """The applications and the scenario, checked, and the solver and time limit asked for; one InputError for
    the mistakes of all (InputsError when more than one input has some)."""
    errors: list[InputError] = []
    try:
        checked = load_scenario(scenario, budget=budget, policy=policy)
    except ScenarioError as exc:
        errors.append(exc)
    settings = setting_problems(solver, time_limit)
    if settings:
        errors.append(InputError(settings))
    try:
        read = read_applications(applications, policy=policy, skip_invalid=skip_invalid, limits=limits)
    except InputError as exc:
        if errors:
            raise InputsError((*errors, exc)) from exc
        raise
    if len(errors) > 1:
        raise InputsError(tuple(errors))
    if errors:
        raise errors[0]
    return read, checked


def setting_problems(solver: str | None, time_limit: float | None) -> list[Problem]:
    """A solver that is none of budgetopt's, a time limit that is no positive number of seconds (as arguments of
    the library: the command line's options refuse them before)."""
    problems = []
    if solver is not None and solver not in CHOICES:
        text = brief(str(solver))
        zh, en = (text, text) if isinstance(text, str) else text
        problems.append(Problem.of("solver", "input.unknown_solver", shown=(f"“{zh}”", f"'{en}'"),
                                   choices=("、".join(CHOICES), ", ".join(CHOICES))))
    if time_limit is not None and not (isinstance(time_limit, int | float) and math.isfinite(time_limit)
                                       and time_limit > 0):
        problems.append(Problem.of("time_limit", "input.bad_time_limit", shown=brief(repr(time_limit))))
    return problems


def read_lang(lang: str) -> str:
    """The language a table or a file is written in: "zh" or "en" (an InputError for any other)."""
    if lang not in LANGS:
        raise InputError.one("lang", Phrase.of("input.bad_lang", shown=brief(repr(lang))))
    return lang


def read_workers(workers: int | None) -> int | None:
    """The processes a sweep or a stability run may use: None (one per core) or a whole number of at least 1."""
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise InputError.one("workers", Phrase.of("input.bad_workers", shown=brief(repr(workers))))
    return workers


@dataclass(frozen=True)
class CountedLedger:
    """The award ledger as a run counts it: its awards for the rules, and what the manifest records of it."""

    prior: PriorAwards = NO_PRIOR_AWARDS
    ref: LedgerRef | None = None  # None: no ledger


LedgerSource = Path | str | CountedLedger | None


def ledger_of(source: LedgerSource, *, upto: int | None = None) -> CountedLedger:
    """The award ledger at `source` (a path, or one already read), or no ledger. `upto`: its first entries only —
    the ledger as a run recorded it. Raises LedgerError (not a ledger, fewer entries) or LedgerTampered (its chain
    does not hold)."""
    if source is None:
        return CountedLedger()
    if isinstance(source, CountedLedger):
        return source
    return counted_of(read_ledger(Path(source), upto=upto))


def counted_of(state: LedgerState) -> CountedLedger:
    """A ledger as read, as a run counts it."""
    granted = state.granted_from()
    prior = PriorAwards(tuple(award for award, _ in granted), tuple(first for _, first in granted))
    return CountedLedger(prior, LedgerRef(state.path, state.count, state.head))


def before_publication(source: LedgerSource, applications: Sequence[Application],
                       policy: Policy) -> tuple[CountedLedger, int] | None:
    """The ledger as a run of these applications counted it, where the ledger has recorded their awards since (the
    run published): its entries before the first of them — publish takes only a run that counted the ledger as it
    then stood — and that first entry's seq. None where it records none of them (or `source` is no ledger file)."""
    if source is None or isinstance(source, CountedLedger):
        return None
    state = read_ledger(Path(source))
    own = {(app.application_id, app.credit_code, app.clause) for app in applications}
    this = policy_key(policy.number)
    first = next((entry.seq for entry in state.entries if granted_to(entry.award, this) in own), None)
    return None if first is None else (counted_of(replace(state, entries=state.entries[:first - 1])), first)


def input_warnings(read: Applications, counted: CountedLedger, policy: Policy,
                   scenario: Scenario) -> tuple[Problem, ...]:
    """What a run's inputs are worth knowing before it is solved: the reader's warnings, then the ledger's."""
    return (*read.warnings, *ledger_warnings(counted, read.valid, policy, scenario))


def ledger_warnings(counted: CountedLedger, applications: Sequence[Application], policy: Policy,
                    scenario: Scenario) -> list[Problem]:
    """A warning when the ledger holds the published awards of these very applications — the year allocated again
    after it was published: their own awards then count as support already granted (an application marked a
    duplicate of itself). Right for a second round of the same year, numbered anew; to see a published run again,
    verify it (it reads the ledger as the run saw it). One saying what the year's earlier rounds granted, which the
    year's budget and limits count. And one when the scenario caps an applicant over the policy's whole period but
    no ledger is counted: the earlier years' awards are then not counted towards it."""
    if counted.ref is None:
        if scenario.applicant_max_period_total is None:
            return []
        place = scenario.path.name if scenario.path is not None else ""
        return [Problem.of(place, "ledger.period_cap_alone", warning=True)]
    warnings = []
    found = counted.prior.published_here(applications, policy.number)
    if found:
        run = next((award.run for award in found if award.run), "—")
        warnings.append(Problem.of(counted.ref.path.name, "ledger.published_here", warning=True, count=len(found),
                                   ids=few([award.application_id or "" for award in found]), run=run[:12]))
    similar = counted.prior.same_projects(applications, policy.number, scenario.year) if scenario.year else []
    if similar:
        pairs = [(f"{app.application_id}（{award.application_id}）", f"{app.application_id} ({award.application_id})")
                 for app, award in similar]
        warnings.append(Problem.of(counted.ref.path.name, "ledger.renumbered", warning=True, count=len(similar),
                                   year=scenario.year, ids=few(pairs)))
    unmatched = counted.prior.unmatched_projects(applications, policy.number, scenario.year) if scenario.year else []
    if unmatched:
        pairs = [(f"{app.application_id}（{award.year}年度 {award.application_id or '—'}）",
                  f"{app.application_id} ({award.year} {award.application_id or '—'})") for app, award in unmatched]
        warnings.append(Problem.of(counted.ref.path.name, "ledger.unmatched_project", warning=True,
                                   count=len(unmatched), ids=few(pairs)))
    if scenario.year is None and counted.prior.earlier(policy.number):
        warnings.append(Problem.of(counted.ref.path.name, "ledger.no_year", warning=True))
    so_far = counted.prior.year_so_far(policy.number, scenario.year)
    if so_far.total and scenario.budget is not None and so_far.total < scenario.available:
        warnings.append(Problem.of(counted.ref.path.name, "ledger.year_so_far", warning=True, year=so_far.year,
                                   earlier=f"{so_far.total:,}", awards=so_far.awards, budget=f"{scenario.budget:,}",
                                   reserve=f"{scenario.reserve:,}", left=f"{scenario.available - so_far.total:,}"))
    return warnings
