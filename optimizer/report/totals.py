"""Totals of an allocation by clause, section, district and status — the same figures in every output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from optimizer.domain import Award, Status
from optimizer.results import AllocationResult
from optimizer.rules.policy import Policy


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    applications: int
    eligible: int  # FUNDED + PARTIAL + UNFUNDED
    demand: int  # Σ entitlement
    allocated: int
    funded: int
    partial: int
    unfunded: int


@dataclass(frozen=True)
class Totals:
    """The totals every output shows: by clause (policy order), by section, by district (most allocated first)."""

    clauses: tuple[Group, ...]
    sections: tuple[Group, ...]
    districts: tuple[Group, ...]


def money(allocation: AllocationResult) -> list[tuple[str, int]]:
    """The run's money, as every output shows it: budget, reserve, what the year's earlier rounds granted (only where
    the ledger records any), available, allocated, unspent — keyed as manifest.json's totals."""
    s = allocation.scenario
    assert s.budget is not None
    earlier = [("earlier_rounds", allocation.so_far.total)] if allocation.so_far.total else []
    return [("budget", s.budget), ("reserve", s.reserve), *earlier, ("available", allocation.available),
            ("allocated", allocation.allocated), ("unspent", allocation.available - allocation.allocated)]


def money_label(key: str, allocation: AllocationResult) -> str:
    """The key a line of `money` is named by for people: what is available is this round's (本批可分配) where the
    year's earlier rounds took some of the budget."""
    return "available_round" if key == "available" and allocation.so_far.total else key


def allocated_share(allocation: AllocationResult) -> tuple[str, str]:
    """What share of what is available (this round's, where the year's earlier rounds took some) the run allocated,
    as report.html's card and the parameters sheet say it: the key of its label, and the percentage to two places,
    rounded down: 100.00% only when nothing is left."""
    key = "report.allocated_share_round" if allocation.so_far.total else "report.allocated_share"
    return key, allocated_share_text(allocation.allocated, allocation.available)


def allocated_share_text(allocated: int, available: int) -> str:
    """`allocated` of `available` as a percentage to two places, rounded down ("—" when nothing is available).

    >>> allocated_share_text(116_999_810, 117_000_000), allocated_share_text(5, 5), allocated_share_text(0, 0)
    ('99.99%', '100.00%', '—')
    """
    if available <= 0:
        return "—"
    hundredths = allocated * 10_000 // available  # of a percent, rounded down
    return f"{hundredths // 100}.{hundredths % 100:02d}%"


def totals(awards: Sequence[Award], policy: Policy, lang: str) -> Totals:
    """by_clause, by_section, by_district: the sections summed from their clauses (one pass over the rows less)."""
    clauses = by_clause(awards, policy, lang)
    return Totals(tuple(clauses), tuple(_sections(clauses, policy, lang)), tuple(by_district(awards)))


def _sections(clauses: Sequence[Group], policy: Policy, lang: str) -> list[Group]:
    """by_section from by_clause's groups: each figure of a section is its clauses' summed."""
    parts: dict[str, list[Group]] = {}
    for group in clauses:
        parts.setdefault(policy.clause(group.key).section, []).append(group)
    return [Group(key=s, label=policy.sections[s].title(lang), **{name: sum(getattr(g, name) for g in parts[s])
                                                                   for name in _COUNTED})
            for s in policy.sections if s in parts]


_COUNTED = ("applications", "eligible", "demand", "allocated", "funded", "partial", "unfunded")


def group_by(awards: Sequence[Award], key: Callable[[Award], str], label: Callable[[str], str],
             order: Sequence[str] | None = None) -> list[Group]:
    buckets: dict[str, list[Award]] = {}
    for award in awards:
        buckets.setdefault(key(award), []).append(award)
    keys = [k for k in (order or sorted(buckets)) if k in buckets]
    return [_group(k, label(k), buckets[k]) for k in keys]


def by_clause(awards: Sequence[Award], policy: Policy, lang: str) -> list[Group]:
    valid = [a for a in awards if a.status is not Status.INVALID]
    return group_by(valid, lambda a: a.clause, lambda c: policy.clause(c).title(lang), list(policy.clauses))


def by_section(awards: Sequence[Award], policy: Policy, lang: str) -> list[Group]:
    valid = [a for a in awards if a.status is not Status.INVALID]
    return group_by(valid, lambda a: policy.clause(a.clause).section, lambda s: policy.sections[s].title(lang),
                    list(policy.sections))


def by_district(awards: Sequence[Award]) -> list[Group]:
    valid = [a for a in awards if a.status is not Status.INVALID]
    groups = group_by(valid, lambda a: a.district, lambda d: d)
    return sorted(groups, key=lambda g: (-g.allocated, g.key))


def status_counts(awards: Sequence[Award]) -> dict[Status, int]:
    counts = {status: 0 for status in Status}
    for a in awards:
        counts[a.status] += 1
    return counts


def _group(key: str, label: str, awards: Sequence[Award]) -> Group:
    counts = {status: 0 for status in Status}
    demand = allocated = 0
    for a in awards:  # one pass: these run over every row of a large year
        counts[a.status] += 1
        demand += a.entitlement
        allocated += a.allocated
    eligible = counts[Status.FUNDED] + counts[Status.PARTIAL] + counts[Status.UNFUNDED]
    return Group(key=key, label=label, applications=len(awards), eligible=eligible, demand=demand,
                 allocated=allocated, funded=counts[Status.FUNDED], partial=counts[Status.PARTIAL],
                 unfunded=counts[Status.UNFUNDED])
