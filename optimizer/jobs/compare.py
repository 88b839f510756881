"""Two runs side by side: totals, spend by clause, section and district, and every application whose allocation
or status changed, with both reasons. Runs on different workbooks are matched by application_id; rows present in
only one run are listed, not dropped."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from optimizer.rules.policy import Policy


@dataclass(frozen=True)
class RunRow:
    """One row of a run's allocation.csv."""

    application_id: str
    applicant: str
    district: str
    clause: str
    entitlement: int
    allocated: int
    status: str
    reason: str


@dataclass(frozen=True)
class RunData:
    """What compare needs from a run's folder: its rows and the facts of its manifest."""

    label: str
    rows: tuple[RunRow, ...]
    manifest: Mapping[str, Any]

    @property
    def scenario_name(self) -> str:
        return str(self.manifest.get("scenario", {}).get("name", ""))

    def total(self, key: str) -> int:
        return int(self.manifest.get("totals", {}).get(key, 0))

    @property
    def objective(self) -> Decimal:
        return Decimal(str(self.manifest.get("objective", "0")))


@dataclass(frozen=True)
class Line:
    """A total or a group (clause, section, district) in both runs."""

    key: str
    label: str
    a: Decimal
    b: Decimal

    @property
    def delta(self) -> Decimal:
        return self.b - self.a


@dataclass(frozen=True)
class Difference:
    application_id: str
    applicant: str
    clause: str
    district: str
    a: RunRow | None
    b: RunRow | None

    @property
    def kind(self) -> str:
        if self.a is None:
            return "only_b"
        if self.b is None:
            return "only_a"
        return "changed"

    @property
    def delta(self) -> int:
        return (self.b.allocated if self.b else 0) - (self.a.allocated if self.a else 0)


@dataclass(frozen=True)
class Comparison:
    a: RunData
    b: RunData
    totals: tuple[Line, ...]
    by_clause: tuple[Line, ...]
    by_section: tuple[Line, ...]
    by_district: tuple[Line, ...]
    differences: tuple[Difference, ...]


TOTALS = ("budget", "reserve", "available", "allocated", "unspent", "FUNDED", "PARTIAL", "UNFUNDED", "INELIGIBLE",
          "DUPLICATE", "INVALID")


def compare(a: RunData, b: RunData, policy: Policy, lang: str) -> Comparison:
    totals = [Line(key, key, Decimal(a.total(key)), Decimal(b.total(key))) for key in TOTALS]
    totals.append(Line("objective", "objective", a.objective, b.objective))

    def section(row: RunRow) -> str:
        return policy.clause(row.clause).section if row.clause in policy.clauses else "—"

    def clause_label(key: str) -> str:
        return f"{key} {policy.clause(key).title(lang)}" if key in policy.clauses else key

    def section_label(key: str) -> str:
        return f"{key} {policy.sections[key].title(lang)}" if key in policy.sections else key

    return Comparison(
        a=a, b=b, totals=tuple(totals),
        by_clause=_grouped(a, b, lambda r: r.clause, clause_label, list(policy.clauses)),
        by_section=_grouped(a, b, section, section_label, list(policy.sections)),
        by_district=_grouped(a, b, lambda r: r.district, lambda d: d, None),
        differences=tuple(_differences(a, b)),
    )


def _grouped(a: RunData, b: RunData, key: Callable[[RunRow], str], label: Callable[[str], str],
             order: Sequence[str] | None) -> tuple[Line, ...]:
    sums: dict[str, list[int]] = {}
    for side, run in enumerate((a, b)):
        for row in run.rows:
            sums.setdefault(key(row), [0, 0])[side] += row.allocated
    keys = [k for k in order if k in sums] + sorted(k for k in sums if k not in order) if order else sorted(
        sums, key=lambda k: (-max(sums[k]), k))
    return tuple(Line(k, label(k), Decimal(sums[k][0]), Decimal(sums[k][1])) for k in keys)


def _differences(a: RunData, b: RunData) -> list[Difference]:
    rows_a = {r.application_id: r for r in a.rows}
    rows_b = {r.application_id: r for r in b.rows}
    found = []
    for app_id in sorted(rows_a.keys() | rows_b.keys()):
        ra, rb = rows_a.get(app_id), rows_b.get(app_id)
        if ra is not None and rb is not None and (ra.allocated, ra.status) == (rb.allocated, rb.status):
            continue
        any_row = rb or ra
        assert any_row is not None
        found.append(Difference(app_id, any_row.applicant, any_row.clause, any_row.district, ra, rb))
    order = {"changed": 0, "only_a": 1, "only_b": 2}
    return sorted(found, key=lambda d: (order[d.kind], -abs(d.delta), d.application_id))
