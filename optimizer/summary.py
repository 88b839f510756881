"""Totals of an allocation by clause, section, district and status — the same figures in every output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from optimizer.domain import Award, Status
from optimizer.policy import Policy


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
    return {status: sum(1 for a in awards if a.status is status) for status in Status}


def section_label(policy: Policy, section: str, lang: str) -> str:
    return f"{section} {policy.sections[section].title(lang)}" if lang == "zh" else (
        f"{section} · {policy.sections[section].title(lang)}")


def _group(key: str, label: str, awards: Sequence[Award]) -> Group:
    eligible = [a for a in awards if a.status in (Status.FUNDED, Status.PARTIAL, Status.UNFUNDED)]
    return Group(
        key=key, label=label, applications=len(awards), eligible=len(eligible),
        demand=sum(a.entitlement for a in awards), allocated=sum(a.allocated for a in awards),
        funded=sum(1 for a in awards if a.status is Status.FUNDED),
        partial=sum(1 for a in awards if a.status is Status.PARTIAL),
        unfunded=sum(1 for a in awards if a.status is Status.UNFUNDED),
    )

