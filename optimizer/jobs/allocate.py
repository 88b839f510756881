"""The main job as one function: applications → entitlements → model → solution → an Allocation.

`allocate` takes what the workbook reader returned and gives back plain values for the writers: one Award per
row read (in workbook order, nothing dropped), the use of every limit, and the run's facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal

from optimizer._speed.timing import phase
from optimizer.domain import Award, Entitlement, InvalidRow, Reason, Status
from optimizer.money import format_decimal
from optimizer.reading.applications import Workbook
from optimizer.rules.entitle import entitle
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Scenario
from optimizer.solving.explain import binding, limits, slack
from optimizer.solving.model import Model, RowKind, build_model
from optimizer.solving.optimise import Solution, SolverReport, marginal_values, optimise


@dataclass(frozen=True)
class ConstraintUse:
    """One limit of the scenario and how the allocation uses it."""

    name: str
    kind: RowKind
    label: str
    sense: str  # "max" or "min"
    limit: int
    used: int
    slack: int  # room left under a cap, or surplus over a floor
    binding: bool
    marginal: float | None  # objective gained per extra yuan of this limit (LP with integer choices fixed)
    members: int


@dataclass(frozen=True)
class Allocation:
    awards: tuple[Award, ...]
    constraints: tuple[ConstraintUse, ...]
    objective: Decimal
    scenario: Scenario
    solver: SolverReport
    model: Model | None = None  # what was solved, for the exported .lp/.mps (sweeps drop it)

    @property
    def allocated(self) -> int:
        return sum(a.allocated for a in self.awards)

    def count(self, status: Status) -> int:
        return sum(1 for a in self.awards if a.status is status)


def allocate(book: Workbook, policy: Policy, scenario: Scenario, *, solver: str = "highs",
             time_limit: float | None = None) -> Allocation:
    with phase("entitle"):
        entitlements = entitle(book.applications, policy, year=scenario.year)
    return allocate_entitled(book.invalid, entitlements, policy, scenario, solver=solver, time_limit=time_limit)


def allocate_entitled(invalid: Sequence[InvalidRow], entitlements: Sequence[Entitlement], policy: Policy,
                      scenario: Scenario, *, solver: str = "highs", time_limit: float | None = None) -> Allocation:
    """The allocation once entitlements are known (they do not depend on the budget: sweeps reuse them)."""
    with phase("build"):
        model = build_model(entitlements, policy, scenario)
    solution = optimise(model, solver, time_limit=time_limit)
    with phase("explain"):
        return assemble(invalid, entitlements, solution, scenario)


def assemble(invalid: Sequence[InvalidRow], entitlements: Sequence[Entitlement], solution: Solution,
             scenario: Scenario) -> Allocation:
    model = solution.model
    with ThreadPoolExecutor(1) as pool:  # the solver finds the marginal values (without the GIL) meanwhile
        duals = pool.submit(marginal_values, solution)
        reasons = limits(model, solution.amounts)
        column_of = {col.application_id: j for j, col in enumerate(model.columns)}
        awards = [_award(e, column_of.get(e.application.application_id), solution, reasons) for e in entitlements]
        awards += [_invalid_award(row) for row in invalid]
        with phase("marginal_values"):  # what is left of it
            marginal = duals.result()
    return Allocation(
        awards=tuple(sorted(awards, key=lambda a: a.row)),
        constraints=constraint_uses(model, solution, reasons, marginal),
        objective=solution.objective,
        scenario=scenario,
        solver=solution.solver,
        model=model,
    )


def constraint_uses(model: Model, solution: Solution, reasons: Sequence[tuple[Reason, ...]],
                    marginal: dict[str, float]) -> tuple[ConstraintUse, ...]:
    bound = binding(model, solution.amounts, reasons)
    used = model.used(solution.amounts).tolist()
    return tuple(ConstraintUse(
        name=row.name, kind=row.kind, label=row.label, sense="min" if row.lower is not None else "max",
        limit=row.limit, used=int(u), slack=slack(row, u), binding=row.name in bound,
        marginal=marginal.get(row.name), members=len(row.members)) for row, u in zip(model.rows, used,
                                                                                         strict=True))


def _award(ent: Entitlement, column: int | None, solution: Solution,
           reasons: Sequence[tuple[Reason, ...]]) -> Award:
    app = ent.application
    if ent.status is not None:
        entitlement, allocated, status, why = 0, 0, ent.status, ent.reasons
    elif column is None:  # eligible, but entitled to less than one yuan
        entitlement, allocated, status, why = ent.amount, 0, Status.UNFUNDED, (Reason.of("zero_entitlement"),)
    else:
        entitlement, allocated, why = ent.amount, solution.amounts[column], reasons[column]
        status = Status.FUNDED if allocated == ent.amount else Status.PARTIAL if allocated > 0 else Status.UNFUNDED
    return Award(row=app.row, application_id=app.application_id, applicant=app.applicant,
                 credit_code=app.credit_code, district=app.district, clause=app.clause, project=app.project,
                 score=format_decimal(app.score), entitlement=entitlement, allocated=allocated, status=status,
                 reasons=why, basis=ent.basis)


def _invalid_award(row: InvalidRow) -> Award:
    cells = row.cells
    problems = "; ".join(f"column {p.column}: {p.message}" if p.column else p.message for p in row.problems)
    return Award(row=row.row, application_id=cells.get("application_id", ""), applicant=cells.get("applicant", ""),
                 credit_code=cells.get("credit_code", ""), district=cells.get("district", ""),
                 clause=cells.get("clause", ""), project=cells.get("project", ""), score=cells.get("score", ""),
                 entitlement=0, allocated=0, status=Status.INVALID,
                 reasons=(Reason.of("invalid", problems=problems),))

