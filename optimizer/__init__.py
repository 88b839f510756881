"""budgetopt: allocate an annual subsidy budget under 渝经信规范〔2026〕2号, proven optimal and reproducible.

Every job of the command line, for notebooks and other programs:

    >>> import optimizer
    >>> apps = optimizer.read_applications("data/sample_applications.xlsx")
    >>> result = optimizer.allocate(apps, {"name": "plain", "reserve": "500万"}, budget="2亿")
    >>> frame = result.to_frame()                      # the rows of allocation.csv, as a pandas DataFrame
    >>> int(frame["allocated"].sum()) <= 195_000_000
    True

read_applications, load_scenario, allocate, sweep, stability, compare, audit and verify are the jobs of a year,
min_budget finds the least budget that funds chosen applications, and plan_years splits two years' money;
init_ledger, publish, import_awards, correct_award and check_ledger keep the award ledger across years,
ledger_summary sums it up, and correction_notice lists its corrections as a 更正公告.
InputError, Infeasible, SolverError and Mismatch (all BudgetoptError) say what went wrong, in Chinese — or in
English within `with optimizer.use_lang("en"):`. docs/python-api.md has more examples.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # the package's version (pyproject.toml reads it from here)

# Each public name and the module it lives in. They are imported when first used, so that `import optimizer` (which
# every start of the command line does) stays light; pandas is imported only when a DataFrame is made or read.
_PUBLIC = {
    "read_applications": "optimizer.reading.applications",
    "load_scenario": "optimizer.rules.scenario",
    "allocate": "optimizer.jobs.allocate",
    "sweep": "optimizer.jobs.sweep",
    "plan_years": "optimizer.jobs.plan",
    "stability": "optimizer.jobs.stability",
    "min_budget": "optimizer.jobs.min_budget",
    "compare": "optimizer.jobs.compare",
    "audit": "optimizer.jobs.audit",
    "audit_run": "optimizer.jobs.audit",
    "verify": "optimizer.jobs.verify",
    "publish": "optimizer.jobs.publish",
    "import_awards": "optimizer.jobs.ledger",
    "correct_award": "optimizer.jobs.ledger",
    "ledger_summary": "optimizer.jobs.summary",
    "Summary": "optimizer.jobs.summary",
    "correction_notice": "optimizer.jobs.corrections",
    "CorrectionNotice": "optimizer.jobs.corrections",
    "init_ledger": "optimizer.ledger",
    "check_ledger": "optimizer.ledger",
    "Publication": "optimizer.jobs.publish",
    "Applications": "optimizer.domain",
    "Status": "optimizer.domain",
    "Scenario": "optimizer.rules.scenario",
    "Allocation": "optimizer.jobs.allocate",
    "Sweep": "optimizer.jobs.sweep",
    "YearPlan": "optimizer.jobs.plan",
    "Stability": "optimizer.jobs.stability",
    "BudgetGoal": "optimizer.jobs.min_budget",
    "StopProof": "optimizer.jobs.min_budget",
    "Comparison": "optimizer.jobs.compare",
    "AuditResult": "optimizer.jobs.audit",
    "Verification": "optimizer.jobs.verify",
    "FileLimits": "optimizer.reading.guard",
    "BudgetoptError": "optimizer.errors",
    "InputError": "optimizer.errors",
    "Infeasible": "optimizer.errors",
    "SolverError": "optimizer.errors",
    "Mismatch": "optimizer.errors",
    "use_lang": "optimizer.words",
}

__all__ = [  # the same names as _PUBLIC (a test checks), written out for the tools that read __all__
    "Allocation", "Applications", "AuditResult", "BudgetGoal", "BudgetoptError", "Comparison", "CorrectionNotice",
    "FileLimits", "Infeasible", "InputError", "Mismatch", "Publication", "Scenario", "SolverError", "Stability",
    "Status", "StopProof", "Summary", "Sweep", "Verification", "YearPlan", "__version__", "allocate", "audit",
    "audit_run", "check_ledger", "compare", "correct_award", "correction_notice", "import_awards", "init_ledger",
    "ledger_summary", "load_scenario", "min_budget", "plan_years", "publish", "read_applications", "stability",
    "sweep", "use_lang", "verify",
]

if TYPE_CHECKING:
    from optimizer.domain import Applications, Status
    from optimizer.errors import BudgetoptError, Infeasible, InputError, Mismatch, SolverError
    from optimizer.jobs.allocate import Allocation, allocate
    from optimizer.jobs.audit import AuditResult, audit, audit_run
    from optimizer.jobs.compare import Comparison, compare
    from optimizer.jobs.corrections import CorrectionNotice, correction_notice
    from optimizer.jobs.ledger import correct_award, import_awards
    from optimizer.jobs.min_budget import BudgetGoal, StopProof, min_budget
    from optimizer.jobs.plan import plan_years
    from optimizer.jobs.publish import Publication, publish
    from optimizer.jobs.stability import Stability, stability
    from optimizer.jobs.summary import Summary, ledger_summary
    from optimizer.jobs.sweep import Sweep, sweep
    from optimizer.jobs.verify import Verification, verify
    from optimizer.jobs.year_plan import YearPlan
    from optimizer.ledger import check_ledger, init_ledger
    from optimizer.reading.applications import read_applications
    from optimizer.reading.guard import FileLimits
    from optimizer.rules.scenario import Scenario, load_scenario
    from optimizer.words import use_lang


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'optimizer' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
