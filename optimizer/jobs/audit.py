"""audit: check any allocation — ours, edited afterwards, or made by hand in Excel — against every rule, without
trusting the optimiser; then, if it is compliant, measure it against the optimum.

The checks are rules/audit.py, a second reading of the policy that shares nothing with the entitlement or solving
code (import-linter holds it to that); only the optimum, asked for last, runs the optimiser.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from optimizer.domain import Applications
from optimizer.errors import Infeasible, SolverError
from optimizer.jobs.allocate import allocate
from optimizer.jobs.inputs import Amount, PolicySource, policy_of, read_inputs
from optimizer.reading.allocation_file import read_allocation
from optimizer.reading.applications import ApplicationSource
from optimizer.reading.guard import FileLimits
from optimizer.rules.audit import AuditTotals, Violation, check_allocation
from optimizer.rules.scenario import Scenario, ScenarioSource


@dataclass(frozen=True)
class AuditResult:
    """What the audit found: `ok` when no rule is broken, else one Violation per broken rule (each names the
    application and its workbook row, or the limit, the rule and the amounts)."""

    violations: tuple[Violation, ...]
    objective: Decimal  # Σ weight × score × allocated over the rows matched to the workbook
    totals: AuditTotals
    scenario: Scenario
    optimum: Decimal | None = None  # the proven optimum for the same inputs, when it was asked for and found
    optimum_error: str = ""  # why the optimum could not be found, when it could not

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def below_optimum(self) -> Decimal | None:
        """How much objective this allocation leaves on the table (None without an optimum)."""
        return None if self.optimum is None else self.optimum - self.objective


def audit(applications: ApplicationSource | Applications, allocation: Path | str | Any,
          scenario: ScenarioSource | Scenario = None, *, budget: Amount | None = None, policy: PolicySource = None,
          solver: str = "highs", optimum: bool = True, limits: FileLimits | None = None) -> AuditResult:
    """Every rule of the policy and the scenario that `allocation` breaks.

    `allocation`: a CSV or .xlsx file (allocation.csv, or one saved by Excel, with allocation.csv's columns or
    allocation.xlsx's Chinese ones) or a pandas DataFrame with the same columns; only application_id, allocated and
    status are required. Rows of the workbook that cannot be read count as INVALID, as they would in a run with
    skip_invalid. A compliant allocation is measured against the optimum for the same inputs (with `optimum`).

    >>> from optimizer import allocate, audit
    >>> frame = allocate("data/sample_applications.xlsx", "data/scenario_2026.toml").to_frame()
    >>> frame.loc[0, ["allocated", "status"]] = 1_000_000, "FUNDED"     # 2026-0001: a fixed award of 50万
    >>> [v.rule for v in audit("data/sample_applications.xlsx", frame, "data/scenario_2026.toml").violations]
    ['above_ceiling', 'budget']
    """
    rules = policy_of(policy)
    read, checked = read_inputs(applications, scenario, budget=budget, policy=rules, skip_invalid=True,
                                limits=limits)
    report = check_allocation(read, rules, checked, read_allocation(allocation))
    result = AuditResult(report.violations, report.objective, report.totals, checked)
    if not report.ok or not optimum:
        return result
    try:
        best = allocate(read, checked, policy=rules, solver=solver, skip_invalid=True).objective
    except (Infeasible, SolverError) as exc:
        return AuditResult(report.violations, report.objective, report.totals, checked, None, str(exc))
    return AuditResult(report.violations, report.objective, report.totals, checked, best)
