"""validate: every problem of a workbook, and what its valid rows add up to — eligible, ineligible by reason,
duplicates, demand — without solving anything."""

from __future__ import annotations

from dataclasses import dataclass

from optimizer.domain import Applications, Entitlement
from optimizer.jobs.inputs import LedgerSource, PolicySource, ledger_of, policy_of
from optimizer.reading.applications import ApplicationSource, read_applications
from optimizer.reading.guard import FileLimits
from optimizer.rules.entitle import entitle


@dataclass(frozen=True)
class Validation:
    """The applications as read, and each valid one's entitlement (before any budget)."""

    applications: Applications
    entitlements: tuple[Entitlement, ...]
    ledger_touched: int | None = None  # with a ledger: how many applications it has awards for (same content)


def validate(applications: ApplicationSource, *, policy: PolicySource = None, year: int | None = None,
             limits: FileLimits | None = None, ledger: LedgerSource = None) -> Validation:
    """Read and check every row (raising InputError with every problem), then work out each entitlement — with
    the awards of the `ledger`, if one is given, as prior support.

    >>> from optimizer.jobs.validate import validate
    >>> checked = validate("data/sample_applications.xlsx")
    >>> checked.applications.rows_read
    434
    """
    rules = policy_of(policy)
    counted = ledger_of(ledger)
    read = read_applications(applications, policy=rules, limits=limits)
    touched = None if counted.ref is None else counted.prior.touched(read.valid)
    return Validation(read, entitle(read.valid, rules, year=year, prior=counted.prior), touched)
