"""What every job starts from: the policy, the applications and the scenario, read together so that the mistakes in
both inputs are reported at once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from optimizer.domain import Applications
from optimizer.errors import InputError
from optimizer.ledger import read_ledger
from optimizer.reading.applications import ApplicationSource, read_applications
from optimizer.reading.guard import FileLimits
from optimizer.results import LedgerRef
from optimizer.rules.ledger import NO_PRIOR_AWARDS, PriorAwards
from optimizer.rules.policy import Policy, load_policy
from optimizer.rules.scenario import Scenario, ScenarioError, ScenarioSource, load_scenario

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
                limits: FileLimits | None = None) -> tuple[Applications, Scenario]:
    """The applications and the scenario, checked; one InputError for the mistakes of both (InputsError when both
    have some)."""
    scenario_error: ScenarioError | None = None
    try:
        checked = load_scenario(scenario, budget=budget, policy=policy)
    except ScenarioError as exc:
        scenario_error = exc
    try:
        read = read_applications(applications, policy=policy, skip_invalid=skip_invalid, limits=limits)
    except InputError as exc:
        if scenario_error is not None:
            raise InputsError((scenario_error, exc)) from exc
        raise
    if scenario_error is not None:
        raise scenario_error
    return read, checked


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
    state = read_ledger(Path(source), upto=upto)
    return CountedLedger(PriorAwards(state.awards), LedgerRef(state.path, state.count, state.head))
