"""audit: check any allocation — ours, edited afterwards, or made by hand in Excel — against every rule, without
trusting the optimiser; then, if it is compliant, measure it against the optimum.

The checks are rules/audit.py, a second reading of the policy that shares nothing with the entitlement or solving
code (import-linter holds it to that); only the optimum, asked for last, runs the optimiser. `audit_run` takes the
inputs from a run's manifest.json — the run's own workbook, scenario, budget, policy and file limits — so that an
allocation edited after a run is checked against the very rules the run had.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from optimizer.domain import Applications
from optimizer.errors import BudgetoptError, Infeasible, SolverError
from optimizer.jobs.allocate import allocate, allocation_frame
from optimizer.jobs.inputs import (
    Amount,
    LedgerSource,
    PolicySource,
    before_publication,
    ledger_of,
    policy_of,
    read_inputs,
)
from optimizer.jobs.verify import (
    InputsChanged,
    Located,
    ManifestError,
    input_problems,
    load_manifest,
    locate_inputs,
    run_scenario,
    unpinned_settings,
)
from optimizer.money import WAN
from optimizer.reading.allocation_file import read_allocation
from optimizer.reading.applications import ApplicationSource
from optimizer.reading.guard import FileLimits
from optimizer.results import AllocationResult
from optimizer.rules.audit import AuditTotals, Violation, check_allocation
from optimizer.rules.scenario import Scenario, ScenarioError, ScenarioSource
from optimizer.words import Phrase


@dataclass(frozen=True, repr=False)
class AuditResult:
    """What the audit found: `ok` when no rule is broken, else one Violation per broken rule (each names the
    application and its workbook row, or the limit, the rule and the amounts)."""

    def __repr__(self) -> str:  # a notebook shows this, not every violation
        found = "compliant" if self.ok else f"{len(self.violations)} violations"
        return f"<AuditResult {self.allocation!r} against {self.workbook!r}: {found}>"

    violations: tuple[Violation, ...]
    objective: Decimal  # Σ weight × score × allocated over the rows matched to the workbook
    totals: AuditTotals
    scenario: Scenario
    optimum: Decimal | None = None  # the proven optimum for the same inputs, when it was asked for and found
    optimum_failure: BudgetoptError | None = None  # why the optimum could not be found, when it could not
    workbook: str = ""  # the workbook's file name (or "DataFrame" / "records")
    allocation: str = ""  # the allocation's file name (or "DataFrame")
    notes: tuple[Phrase, ...] = ()  # audit_run: the run's inputs read from elsewhere than their recorded paths

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def below_optimum(self) -> Decimal | None:
        """How much objective this allocation leaves on the table (None without an optimum)."""
        return None if self.optimum is None else self.optimum - self.objective

    @property
    def optimum_error(self) -> str:
        """Why the optimum could not be found, in the run's language ("" when it was, or was not asked for)."""
        return "" if self.optimum_failure is None else str(self.optimum_failure)

    def summary(self) -> Phrase:
        """`audit of allocation.csv against sample_applications.xlsx (2026 base case): 434 rows, …`."""
        totals = self.totals
        earlier = (Phrase.of("audit.summary_rounds", earlier=f"{totals.earlier:,}").both() if totals.earlier
                   else ("", ""))
        return Phrase.of("audit.summary", allocation=self.allocation, workbook=self.workbook,
                         scenario=self.scenario.name, rows=totals.rows, allocated=f"{totals.allocated:,}",
                         available=f"{totals.available:,}", earlier=earlier)

    def verdict(self) -> Phrase:
        """`compliant: …` or `3 violation(s): not compliant.`"""
        if self.ok:
            return Phrase.of("audit.compliant")
        return Phrase.of("audit.violations_count", count=len(self.violations))

    def distance(self) -> Phrase:
        """How far the objective is from the optimum: as good, so much below, or why the optimum is unknown."""
        objective, optimum = self.objective, self.optimum
        if optimum is None:
            failure = self.optimum_failure
            error = ("", "") if failure is None else (failure.text("zh"), failure.text("en"))
            return Phrase.of("audit.optimum_unknown", objective=f"{objective:,}", error=error)
        below = optimum - objective
        if below > 0:
            return Phrase.of("audit.optimum_below", objective=_points(objective), optimum=_points(optimum),
                             below=_points(below), share=_share(below / optimum * 100))
        if below < 0:  # rounding: this tool rounds each partial award of its optimum down (how-it-decides.md, Rounding)
            return Phrase.of("audit.optimum_above", objective=_points(objective), optimum=_points(optimum),
                             above=_points(-below), rounding=f"{self.scenario.rounding:,}")
        return Phrase.of("audit.optimum_equal", objective=_points(objective), optimum=_points(optimum))

    def note_texts(self, lang: str | None = None, face: str | None = None) -> tuple[str, ...]:
        return tuple(note.text(lang, face) for note in self.notes)


def _points(value: Decimal) -> str:
    return format(value.normalize(), ",f")


def _share(percent: Decimal) -> str:
    """A share in percent to two decimals, or to two significant digits where that would show 0.00: `0.000045`."""
    places = 2 if percent >= Decimal("0.01") else 1 - percent.adjusted()
    return f"{percent:.{places}f}"


def audit(applications: ApplicationSource | Applications, allocation: Path | str | Any,
          scenario: ScenarioSource | Scenario = None, *, budget: Amount | None = None, policy: PolicySource = None,
          solver: str = "highs", optimum: bool = True, limits: FileLimits | None = None,
          ledger: LedgerSource = None, ledger_upto: int | None = None) -> AuditResult:
    """Every rule of the policy and the scenario that `allocation` breaks.

    `allocation`: a CSV or .xlsx file (allocation.csv, or one saved by Excel, with allocation.csv's columns or
    allocation.xlsx's Chinese ones) or a pandas DataFrame with the same columns; only application_id, allocated and
    status are required. Rows of the workbook that cannot be read count as INVALID, as they would in a run with
    skip_invalid. A compliant allocation is measured against the optimum for the same inputs (with `optimum`).
    `ledger`: the award ledger the allocation was made with (its first `ledger_upto` entries): its awards count as
    prior support, under this policy towards the period cap, and those of the scenario's year towards its limits.
    Where the ledger has recorded the allocation's own applications since (published), and `ledger_upto` is not
    given, only its entries before that publication are counted: the ledger the allocation counted (a note says so).

    >>> from optimizer import allocate, audit
    >>> frame = allocate("data/sample_applications.xlsx", "data/scenario_2026.toml").to_frame()
    >>> frame.loc[0, ["allocated", "status"]] = 1_000_000, "FUNDED"     # 2026-0001: a fixed award of 50万
    >>> [v.rule for v in audit("data/sample_applications.xlsx", frame, "data/scenario_2026.toml").violations]
    ['above_ceiling', 'budget']
    """
    rules = policy_of(policy)
    counted = ledger_of(ledger, upto=ledger_upto)
    read, checked = read_inputs(applications, scenario, budget=budget, policy=rules, skip_invalid=True,
                                limits=limits, solver=solver)
    notes: tuple[Phrase, ...] = ()
    published = before_publication(ledger, read.valid, rules) if ledger_upto is None else None
    if published is not None:  # recorded since: its own awards (and later rounds') are not what it counted
        counted, first = published
        notes += (Phrase.of("audit.ledger_before_publication", seq=first, upto=first - 1),)
    named = Path(allocation).name if isinstance(allocation, (str, Path)) else type(allocation).__name__
    if isinstance(allocation, AllocationResult):  # what allocate (or a sweep's level) returned: its table
        allocation = allocation_frame(allocation, allocation.policy or rules)
    rows = read_allocation(allocation)
    notes += tuple(Phrase.of("audit.total_row", row=row.row) for row in rows if row.total)
    report = check_allocation(read, rules, checked, [row for row in rows if not row.total], counted.prior.awards)
    paid = [row.allocated for row in rows if row.allocated and not row.total]
    if report.violations and paid and max(paid) < WAN:  # 200 for 200万: the header says no unit
        notes += (Phrase.of("audit.small_amounts", largest=f"{max(paid):,}"),)
    told = next((row for row in rows if "台账" in row.reason or "ledger" in row.reason), None)
    if report.violations and counted.ref is None and told is not None:  # made with the ledger, audited without
        notes += (Phrase.of("audit.ledger_in_reasons", row=told.row),)
    result = AuditResult(report.violations, report.objective, report.totals, checked, workbook=read.source,
                         allocation=named, notes=notes)
    if not report.ok or not optimum:
        return result
    try:
        best = allocate(read, checked, policy=rules, solver=solver, skip_invalid=True, ledger=counted).objective
    except (Infeasible, SolverError) as exc:
        return replace(result, optimum_failure=exc)
    except ScenarioError as exc:  # the year's earlier rounds used the budget: nothing more can be paid
        if [p.code for p in exc.problems] != ["ledger.year_spent"]:
            raise
        best = Decimal(0)
    return replace(result, optimum=best)


def _entries(ledger: Located | None) -> int | None:
    return None if ledger is None else ledger.entries


def audit_run(manifest: Path | str, allocation: Path | str | Any, *, inputs: Path | str | None = None,
              solver: str | None = None, optimum: bool = True) -> AuditResult:
    """`audit` with everything the run that wrote `manifest` (its manifest.json) recorded: its workbook, scenario
    file, budget, policy and file limits — the inputs found as `verify` finds them (at the recorded path, beside the
    manifest, or by SHA-256 under `inputs`), and the run's solver for the optimum unless `solver` is given.

    Raises ManifestError when an input is not there as the run had it (missing, changed since, or given to the run
    as a DataFrame): an audit against other inputs than the run's would not say whether the run's rules hold.
    """
    path = Path(manifest)
    record = load_manifest(path)
    located = locate_inputs(record, path, inputs)
    problems = input_problems(located, path)
    if problems:  # missing (exit 2), or there but changed since the run (exit 4, as verify and publish)
        changed = any(where.path is not None and not where.intact for where in located.values())
        raise (InputsChanged if changed else ManifestError)(problems)
    command = record["command"]
    policy_input = located.get("policy")
    policy = None if policy_input is None or policy_input.shipped else policy_input.path
    ledger = located.get("ledger")
    files = {role: where.path for role, where in located.items() if where.path is not None}
    result = audit(located["workbook"].path, allocation, run_scenario(record, files),
                   budget=command.get("budget"), policy=policy, solver=solver or str(command.get("solver", "highs")),
                   optimum=optimum, limits=FileLimits(**command["limits"]) if command.get("limits") else None,
                   ledger=None if ledger is None else ledger.path, ledger_upto=_entries(ledger))
    notes = tuple(note for where in located.values() for note in where.notes())
    if unpinned_settings(record):
        notes += (Phrase.of("verify.settings_unpinned"),)
    return replace(result, notes=(*notes, *result.notes))
