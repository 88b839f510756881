"""validate: every problem of a workbook, and what its valid rows add up to — eligible, ineligible by reason,
duplicates, demand — without solving anything."""

from __future__ import annotations

from dataclasses import dataclass

from optimizer.domain import Applications, Entitlement
from optimizer.jobs.inputs import PolicySource, policy_of
from optimizer.reading.applications import ApplicationSource, read_applications
from optimizer.reading.guard import FileLimits
from optimizer.rules.entitle import entitle


@dataclass(frozen=True)
class Validation:
    """The applications as read, and each valid one's entitlement (before any budget)."""

    applications: Applications
    entitlements: tuple[Entitlement, ...]


def validate(applications: ApplicationSource, *, policy: PolicySource = None, year: int | None = None,
             limits: FileLimits | None = None) -> Validation:
    """Read and check every row (raising InputError with every problem), then work out each entitlement.

    >>> from optimizer.jobs.validate import validate
    >>> checked = validate("data/sample_applications.xlsx")
    >>> checked.applications.rows_read
    434
    """
    rules = policy_of(policy)
    read = read_applications(applications, policy=rules, limits=limits)
    return Validation(read, entitle(read.valid, rules, year=year))
