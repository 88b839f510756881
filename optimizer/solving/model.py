"""The optimisation model (docs/how-it-decides.md, The model) as plain data: no solver is imported here.

One column per remaining application (award x ≤ E); one row per limit, named after what it enforces:

    budget                        Σ x ≤ budget − reserve
    envelope:<name>               Σ x over the envelope's clauses ≤ max (and max_share of budget − reserve)
    envelope_min:<name>           Σ x over the envelope's clauses ≥ min
    district_share:<district>     Σ x in the district ≤ max_share × (budget − reserve)
    applicant_cap:<credit code>   Σ x of the applicant ≤ max_total
    applicant_period_cap:<code>   Σ x of the applicant ≤ max_period_total − its earlier awards under this policy
    group_cap:<group>             Σ x of the linked enterprises ≤ max_total

A limit of the year counts what the year's earlier rounds granted (`YearSoFar`, from the ledger): each row's bound is
the scenario's less that (`Row.earlier`), never below 0 — a floor they met already is no row.

A column is `whole` (a fixed award paid in full or not at all: one binary), `semi` (0, or between
min_funding_ratio × E and E) or `continuous` (anything from 0 to E).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from itertools import chain

import numpy as np

from optimizer.domain import Entitlement
from optimizer.rules.ledger import NOTHING_SO_FAR, YearSoFar, left_after
from optimizer.rules.policy import Kind, Policy
from optimizer.rules.scenario import Scenario
from optimizer.rules.ties import tie_key


class ColumnKind(StrEnum):
    CONTINUOUS = "continuous"
    WHOLE = "whole"
    SEMI = "semi"


class RowKind(StrEnum):
    """What a limit is about; its rows are named `<kind>:<label>` (the label: an envelope, district, applicant…)."""

    BUDGET = "budget"
    ENVELOPE = "envelope"
    ENVELOPE_MIN = "envelope_min"
    DISTRICT = "district_share"
    APPLICANT = "applicant_cap"
    PERIOD = "applicant_period_cap"
    GROUP = "group_cap"


PER_APPLICANT = (RowKind.APPLICANT, RowKind.PERIOD)  # limits labelled by a credit code


@dataclass(frozen=True)
class Column:
    """One application the optimiser decides on."""

    entitlement: Entitlement
    amount: int  # E, whole yuan
    value: Decimal  # weight × score: the objective per yuan
    kind: ColumnKind
    floor: Decimal  # the least non-zero award of a semi column (min_funding_ratio × E); 0 otherwise
    rank: int  # 0 = preferred first on ties (rules/ties.py: higher score, earlier submission, smaller id)

    @property
    def application_id(self) -> str:
        return self.entitlement.application.application_id


@dataclass(frozen=True)
class Row:
    """One named limit: the sum of its members' awards is at most `upper` (or, for a floor, at least `lower`)."""

    name: str
    kind: RowKind
    label: str  # what the row is about: the envelope's name, the district, the credit code
    members: tuple[int, ...]  # column indices
    upper: int | None = None
    lower: int | None = None
    # what the ledger's awards before this run took of the limit (its bound is what is left): an applicant's earlier
    # awards under this policy (the period cap), or the year's earlier rounds (every other limit)
    earlier: int = 0

    @property
    def limit(self) -> int:
        value = self.upper if self.upper is not None else self.lower
        assert value is not None
        return value


@dataclass(frozen=True)
class Model:
    columns: tuple[Column, ...]  # in application_id order, whatever the workbook's row order
    rows: tuple[Row, ...]
    available: int  # budget − reserve, less what the year's earlier rounds granted
    rounding: int

    @cached_property
    def entries(self) -> tuple[np.ndarray, np.ndarray]:
        """(row index, column index) of every membership, for sums over all rows at once."""
        rows = np.repeat(np.arange(len(self.rows)), [len(row.members) for row in self.rows])
        columns = np.fromiter(chain.from_iterable(row.members for row in self.rows), dtype=np.int64,
                              count=len(rows))
        return rows, columns

    @cached_property
    def uppers(self) -> np.ndarray:
        return np.array([np.inf if row.upper is None else row.upper for row in self.rows], dtype=float)

    def used(self, awards: Sequence[float] | np.ndarray) -> np.ndarray:
        """Σ awards over each row's members (exact for whole yuan up to 2⁵³)."""
        rows, columns = self.entries
        return np.bincount(rows, weights=np.asarray(awards, dtype=float)[columns], minlength=len(self.rows))

    @cached_property
    def amounts(self) -> np.ndarray:
        return np.array([col.amount for col in self.columns], dtype=float)

    @cached_property
    def floors(self) -> np.ndarray:
        """Per column, the least non-zero award of a semi-continuous column (0 for the others), in yuan."""
        floors = np.zeros(len(self.columns))
        semi = np.flatnonzero(self.semi)  # a Decimal to a float is slow: only where it is not 0
        floors[semi] = [float(self.columns[j].floor) for j in semi.tolist()]
        return floors

    @cached_property
    def whole(self) -> np.ndarray:
        """Per column, whether it is a whole award (paid in full or not at all)."""
        return np.array([col.kind is ColumnKind.WHOLE for col in self.columns], dtype=bool)

    @cached_property
    def semi(self) -> np.ndarray:
        """Per column, whether it is semi-continuous (0, or at least its floor)."""
        return np.array([col.kind is ColumnKind.SEMI for col in self.columns], dtype=bool)

    def demand(self, row: Row) -> int:
        return sum(self.columns[j].amount for j in row.members)

    @cached_property
    def classes(self) -> tuple[tuple[Decimal, ...], np.ndarray]:
        """The distinct values (weight × score) in increasing order, and each column's index into them."""
        values = tuple(sorted({col.value for col in self.columns}))
        index = {value: k for k, value in enumerate(values)}
        return values, np.array([index[col.value] for col in self.columns], dtype=np.int64)

    @cached_property
    def ranks(self) -> np.ndarray:
        """Per column, its rank on ties (0 = preferred first)."""
        return np.array([col.rank for col in self.columns], dtype=np.int64)

    @cached_property
    def rank_order(self) -> np.ndarray:
        """The column indices in rank order: value (weight × score) descending, then rank on ties."""
        return np.lexsort((self.ranks, -self.classes[1]))

    @cached_property
    def positions_in_class(self) -> np.ndarray:
        """Per column, its place among the columns of equal value, best-ranked first from 0."""
        codes = self.classes[1]
        order = np.lexsort((self.ranks, codes))
        first = np.r_[True, np.diff(codes[order]) != 0]  # where each class's run starts, in that order
        at = np.arange(len(order))
        positions = np.empty(len(order), dtype=np.int64)
        positions[order] = at - np.maximum.accumulate(np.where(first, at, 0))
        return positions

    @cached_property
    def bindable(self) -> tuple[bool, ...]:
        """Per row, False for a cap that all its members together cannot reach: the solver may leave it out."""
        demands = self.used(self.amounts)
        return tuple(row.upper is None or row.kind is RowKind.BUDGET or bool(demand > row.upper)
                     for row, demand in zip(self.rows, demands.tolist(), strict=True))


def blocking(model: Model, awards: Sequence[float] | np.ndarray, need: Sequence[float] | np.ndarray,
             allowance: np.ndarray | float = 0.0) -> np.ndarray:
    """Per membership of `model.entries`: True where the row is a cap that leaves its column less room than it
    `need`s to get more (never for need 0), counting `allowance` (per membership) more as too little."""
    rows, columns = model.entries
    left = model.uppers - model.used(awards)
    wanted = np.asarray(need, dtype=float)[columns]
    mask: np.ndarray = (wanted > 0) & (left[rows] < wanted + allowance)
    return mask


def blocking_rows(model: Model, awards: Sequence[float], need: Sequence[float],
                  allowance: np.ndarray | float = 0.0) -> list[tuple[Row, ...]]:
    """Per column: the caps that leave it less room than it `need`s to get more (none for need 0), counting
    `allowance` (per membership of `model.entries`) more as too little."""
    rows, columns = model.entries
    blocked = np.nonzero(blocking(model, awards, need, allowance))[0]
    found: list[list[Row]] = [[] for _ in model.columns]
    for k in blocked:
        found[columns[k]].append(model.rows[rows[k]])
    return [tuple(f) for f in found]


def build_model(entitlements: Iterable[Entitlement], policy: Policy, scenario: Scenario,
                earlier: Mapping[str, int] | None = None, so_far: YearSoFar = NOTHING_SO_FAR) -> Model:
    """The model of the applications still in the running. `earlier`: what each applicant (credit code) was
    already granted under this policy (the ledger), which its period cap counts; `so_far`: what the scenario's year
    granted in earlier rounds, which every other limit counts."""
    remaining = sorted((e for e in entitlements if e.eligible and e.amount > 0),
                       key=lambda e: e.application.application_id)
    keys = [tie_key(e) for e in remaining]
    rank = [0] * len(remaining)
    for position, index in enumerate(sorted(range(len(remaining)), key=keys.__getitem__)):
        rank[index] = position
    columns = tuple(_column(e, rank[i], policy, scenario) for i, e in enumerate(remaining))
    apps = [e.application for e in remaining]
    budget = _budget(columns, scenario, so_far)
    rows = (budget, *_envelopes([a.clause for a in apps], scenario, so_far),
            *_districts([a.district for a in apps], scenario, so_far),
            *_applicants([a.credit_code for a in apps], scenario, so_far),
            *_periods([a.credit_code for a in apps], scenario, earlier or {}),
            *_groups([a.group for a in apps], [a.credit_code for a in apps], scenario, so_far))
    return Model(columns, rows, budget.limit, scenario.rounding)


def _column(ent: Entitlement, rank: int, policy: Policy, scenario: Scenario) -> Column:
    app = ent.application
    clause = policy.clause(app.clause)
    value = scenario.weight(app.clause) * app.score
    if clause.kind is Kind.FIXED and scenario.fixed_awards == "whole":
        kind, floor = ColumnKind.WHOLE, Decimal(0)
    elif scenario.min_funding_ratio > 0:
        kind, floor = ColumnKind.SEMI, scenario.min_funding_ratio * ent.amount
    else:
        kind, floor = ColumnKind.CONTINUOUS, Decimal(0)
    return Column(ent, ent.amount, value, kind, floor, rank)


def _grouped(keys: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """Column indices by their key (`keys[j]` is column j's), keys in sorted order — one pass, whatever the
    number of groups."""
    groups: dict[str, list[int]] = {}
    for j, key in enumerate(keys):
        groups.setdefault(key, []).append(j)
    return {k: tuple(groups[k]) for k in sorted(groups)}


def _budget(columns: Sequence[Column], scenario: Scenario, so_far: YearSoFar) -> Row:
    return Row("budget", RowKind.BUDGET, "budget", tuple(range(len(columns))),
               upper=left_after(scenario.available, so_far.total), earlier=so_far.total)


def _envelopes(clauses: Sequence[str], scenario: Scenario, so_far: YearSoFar) -> list[Row]:
    rows = []
    by_clause = _grouped(clauses)
    for env in scenario.envelopes:
        members = tuple(sorted(j for clause in env.clauses for j in by_clause.get(clause, ())))
        upper, earlier = env.upper(scenario.available), so_far.clauses(env.clauses)
        if upper is not None:
            rows.append(Row(f"envelope:{env.name}", RowKind.ENVELOPE, env.name, members,
                            upper=left_after(upper, earlier), earlier=earlier))
        if env.min and env.min > earlier:
            rows.append(Row(f"envelope_min:{env.name}", RowKind.ENVELOPE_MIN, env.name, members,
                            lower=env.min - earlier, earlier=earlier))
    return rows


def _districts(districts: Sequence[str], scenario: Scenario, so_far: YearSoFar) -> list[Row]:
    return _capped(RowKind.DISTRICT, _grouped(districts), scenario.district_cap(), so_far.by_district)


def _applicants(credit_codes: Sequence[str], scenario: Scenario, so_far: YearSoFar) -> list[Row]:
    return _capped(RowKind.APPLICANT, _grouped(credit_codes), scenario.applicant_max_total, so_far.by_applicant)


def _capped(kind: RowKind, groups: Mapping[str, tuple[int, ...]], cap: int | None,
            earlier: Mapping[str, int]) -> list[Row]:
    """One cap per group of columns (a district's, an applicant's, a group's), less what the year's earlier rounds
    granted it."""
    if cap is None:
        return []
    return [Row(f"{kind.value}:{label}", kind, label, members, upper=left_after(cap, earlier.get(label, 0)),
                earlier=earlier.get(label, 0)) for label, members in groups.items()]


def _periods(credit_codes: Sequence[str], scenario: Scenario, earlier: Mapping[str, int]) -> list[Row]:
    """Each applicant's cap over the policy's period, less what it was granted in earlier years."""
    cap = scenario.applicant_max_period_total
    if cap is None:
        return []
    return [Row(f"applicant_period_cap:{code}", RowKind.PERIOD, code, members,
                upper=left_after(cap, earlier.get(code, 0)), earlier=earlier.get(code, 0))
            for code, members in _grouped(credit_codes).items()]


def _groups(groups: Sequence[str | None], credit_codes: Sequence[str], scenario: Scenario,
            so_far: YearSoFar) -> list[Row]:
    """Each group of linked enterprises' cap, less what the year granted it (its members' earlier awards among it);
    an application of no group is in none."""
    if scenario.group_max_total is None:
        return []
    named = [(j, g) for j, g in enumerate(groups) if g]
    by_group = {group: tuple(named[k][0] for k in members)
                for group, members in _grouped([g for _, g in named]).items()}
    earlier = so_far.groups({group: [credit_codes[j] for j in members] for group, members in by_group.items()})
    return _capped(RowKind.GROUP, by_group, scenario.group_max_total, earlier)
