"""What the jobs find, as plain frozen values: an allocation, a sweep of budget levels, a comparison of two runs.

The writers in report/ read these, and the jobs return them (jobs/ adds to_frame() and write() in subclasses of the
same names without "Result"), so report/ needs nothing from jobs/.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from optimizer.domain import Award, Problem, Status
from optimizer.errors import InputError
from optimizer.money import WAN, format_decimal
from optimizer.reading.run_folder import RunData, RunRow
from optimizer.rules.ledger import NOTHING_SO_FAR, YearSoFar
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Scenario
from optimizer.solving.explain import REASONS
from optimizer.solving.model import Model, RowKind
from optimizer.solving.optimise import SolverReport
from optimizer.words import STATUS_LABELS, Phrase, brief, named


@dataclass(frozen=True)
class LedgerRef:
    """The award ledger a run counted (docs/ledger.md): where it is, how many entries it held, and the hash of the
    last of them — the chain's SHA-256, which fixes every entry before it."""

    path: Path
    entries: int
    head: str


@dataclass(frozen=True)
class RunRequest:
    """How an allocation was asked for: what its manifest records, so that verify can ask again."""

    workbook: Path | None  # None when the applications were given as a DataFrame or records
    source: str  # the workbook's file name, or "DataFrame" / "records"
    scenario: Path | None
    budget: str | None  # the budget argument as given, when one was
    solver: str  # as asked for: highs, cbc or auto
    skip_invalid: bool = False
    time_limit: float | None = None
    limits: Mapping[str, int] | None = None  # the reader's limits, where they differ from the defaults
    started_at: str = ""
    seconds: float = 0.0
    ledger: LedgerRef | None = None  # the award ledger counted, if any
    scenario_sha256: str | None = None  # a scenario given in Python (a dict, a variant): its settings' SHA-256


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
    earlier: int = 0  # what the ledger's awards before this run took of the limit: `limit` is what they left


@dataclass(frozen=True, repr=False)
class AllocationResult:
    """An allocation: one Award per row, the use of every limit, the proven objective. A notebook shows it in one
    line, ending with how many warnings `.warnings` holds."""

    awards: tuple[Award, ...]
    constraints: tuple[ConstraintUse, ...]
    objective: Decimal
    scenario: Scenario
    solver: SolverReport
    model: Model | None = None  # what was solved, for the exported .lp/.mps (sweeps drop it)
    policy: Policy | None = field(default=None, compare=False)  # the rules it was decided by
    request: RunRequest | None = field(default=None, compare=False)  # how it was asked for (None in sweep levels)
    warnings: tuple[Problem, ...] = field(default=(), compare=False)  # what the reader found worth knowing
    so_far: YearSoFar = NOTHING_SO_FAR  # what the year's earlier rounds granted (the ledger's): the limits count it
    reason_writer: int = REASONS  # the version of solving/explain.py's writer that said the reasons (the manifest's)

    @property
    def allocated(self) -> int:
        return sum(a.allocated for a in self.awards)

    @property
    def available(self) -> int:
        """What this run could allocate: budget − reserve, less what the year's earlier rounds granted."""
        return self.scenario.available - self.so_far.total

    def count(self, status: Status | str) -> int:
        """How many rows have this status: Status.FUNDED, or its name in any case, or its label ("funded",
        "全额资助"); InputError naming the statuses for anything else."""
        key = named(status, STATUS_LABELS)
        if key is None:
            raise InputError.one("status", Phrase.of("results.unknown_name", shown=brief(repr(status)),
                                                     known=("、".join(Status), ", ".join(Status))))
        return sum(1 for a in self.awards if a.status == key)

    def __repr__(self) -> str:  # a notebook shows this, not every award
        return (f"<Allocation {self.scenario.name!r}: budget {self.scenario.budget:,}, available "
                f"{self.available:,}, allocated {self.allocated:,} yuan; {len(self.awards)} rows ({_by_status(self)}); "
                f"objective {format_decimal(self.objective)}; {self.solver.name} {self.solver.status.value}"
                f"{warnings_said(self.warnings)}>")


def _by_status(result: AllocationResult) -> str:
    """The rows by status, as a repr says them: `FUNDED 123, PARTIAL 4, …` (a status no row has is left out)."""
    return ", ".join(f"{s.value} {n}" for s in Status if (n := result.count(s)))


def warnings_said(warnings: tuple[Problem, ...]) -> str:
    """How a result's repr ends: `; 3 warnings` (`; 1 warning`), nothing without any."""
    count = len(warnings)
    return f"; {count} warning{'' if count == 1 else 's'}" if count else ""


@dataclass(frozen=True, repr=False)
class Level:
    """One budget level of a sweep: its allocation, or why it has none. A notebook shows it in one line."""

    budget: int
    allocation: AllocationResult | None  # None when this level is infeasible
    conflicts: tuple[Phrase, ...] = ()  # why this level cannot be solved

    def __repr__(self) -> str:
        if self.allocation is None:
            more = len(self.conflicts) - 1
            first = brief(self.conflicts[0].text()) if self.conflicts else ""
            return f"<Level {self.budget:,} yuan: no solution: {first}{f'; {more} more' if more > 0 else ''}>"
        a = self.allocation
        return (f"<Level {self.budget:,} yuan: allocated {a.allocated:,} of {a.available:,}; {_by_status(a)}; "
                f"objective {format_decimal(a.objective)}>")

    @property
    def objective(self) -> Decimal | None:
        return None if self.allocation is None else self.allocation.objective

    @property
    def marginal_per_wan(self) -> float | None:
        """Objective gained by the next 万元 of budget: the budget's dual × 10,000."""
        if self.allocation is None:
            return None
        budget = next((c for c in self.allocation.constraints if c.name == "budget"), None)
        return None if budget is None or budget.marginal is None else budget.marginal * float(WAN)


@dataclass(frozen=True)
class Change:
    """One application whose award differs between two consecutive levels."""

    application_id: str
    applicant: str
    clause: str
    district: str
    before: int
    after: int

    @property
    def kind(self) -> str:
        if self.before == 0:
            return "enters"
        if self.after == 0:
            return "leaves"
        return "grows" if self.after > self.before else "shrinks"


@dataclass(frozen=True)
class SweepResult:
    """The scenario at several budget levels, lowest first."""

    scenario: Scenario
    levels: tuple[Level, ...]
    policy: Policy | None = field(default=None, compare=False)
    so_far: YearSoFar = NOTHING_SO_FAR  # what the year's earlier rounds granted (the ledger's): every level counts it
    warnings: tuple[Problem, ...] = field(default=(), compare=False)  # the reader's and the ledger's, as allocate's

    def available(self, level: Level) -> int:
        """What a level could allocate: its budget less the reserve and the year's earlier rounds (below 0 where a
        level is too small for them)."""
        return level.budget - self.scenario.reserve - self.so_far.total

    def finite_difference_per_wan(self, index: int) -> float | None:
        """(objective at the next level − objective here) per 万元 of the budget between them."""
        if index + 1 >= len(self.levels):
            return None
        here, there = self.levels[index], self.levels[index + 1]
        if here.objective is None or there.objective is None or there.budget == here.budget:
            return None
        return float((there.objective - here.objective) / (Decimal(there.budget - here.budget) / WAN))

    def changes(self, index: int) -> tuple[Change, ...]:
        """The funding line between level `index` and the next."""
        here, there = self.levels[index].allocation, self.levels[index + 1].allocation
        if here is None or there is None:
            return ()
        before = {a.application_id: a for a in here.awards}
        moved = [_change(before[a.application_id], a) for a in there.awards
                 if a.application_id in before and before[a.application_id].allocated != a.allocated]
        return tuple(sorted(moved, key=lambda c: (_ORDER[c.kind], -abs(c.after - c.before), c.application_id)))


_ORDER = {"enters": 0, "leaves": 1, "grows": 2, "shrinks": 3}


def _change(before: Award, after: Award) -> Change:
    return Change(after.application_id, after.applicant, after.clause, after.district, before.allocated,
                  after.allocated)


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


def weighted_value(items: Iterable[tuple[str, Decimal | None, int]], weights: Mapping[str, Decimal]) -> Decimal | None:
    """Σ weight × score × yuan over `items` (clause, score, yuan) given money — an allocation's objective under these
    clause weights (a clause not named weighs 1); None when one given money has no score."""
    total = Decimal(0)
    for clause, score, yuan in items:
        if yuan:
            if score is None:
                return None
            total += weights.get(clause, Decimal(1)) * score * yuan
    return total


@dataclass(frozen=True, repr=False)
class Valuation:
    """Both runs' awards valued as one of them (`under`, "A" or "B") values awards — its weights, Σ weight × score ×
    yuan — and the difference B − A said in that run's budget: divided by the weighted score its next yuan would buy
    (its budget's marginal value, `marginal`)."""

    under: str  # "A" or "B"
    a: Decimal  # A's awards, valued under `under`'s weights
    b: Decimal  # B's awards, valued so
    marginal: Decimal | None  # `under`'s budget marginal value; None when its budget did not bind or is not recorded
    recorded: bool = True  # False: `under`'s run did not record its budget's marginal value (before December 2026)

    def __repr__(self) -> str:  # with the two figures a planner reads: the difference, and it in budget
        return (f"Valuation(under={self.under!r}, a={self.a!r}, b={self.b!r}, delta={self.delta!r}, "
                f"marginal={self.marginal!r}, budget_equivalent={self.budget_equivalent!r})")

    @property
    def other(self) -> str:
        return "B" if self.under == "A" else "A"

    @property
    def delta(self) -> Decimal:
        return self.b - self.a

    @property
    def budget_equivalent(self) -> int | None:
        """B − A in whole yuan of `under`'s budget at its funding line (rounded half to even); None when the budget's
        marginal value is not known."""
        if not self.marginal:
            return None
        return int((self.delta / self.marginal).to_integral_value(ROUND_HALF_EVEN))


@dataclass(frozen=True)
class Breach:
    """One limit of a run's scenario that the other run's awards break, as audit finds it: what they take of it
    (`used`) against what it allows them (`limit`: a cap less what the year's earlier rounds took of it; for a floor,
    `envelope_min`, what they had to reach)."""

    rule: str  # budget, envelope_max, envelope_min, district_share, applicant_cap, applicant_period_cap, group_cap
    subject: str  # the limit as audit keys it: budget, envelope:人工智能赋能, applicant_cap:<credit code>, …
    name: str  # the envelope's, district's, applicant's or group's name; "" for the budget
    used: int
    limit: int
    line: Phrase = field(repr=False)  # audit's whole line, with where the rule comes from

    @property
    def over(self) -> int:
        """How far beyond the limit: above a cap, or (negative) short of a floor."""
        return self.used - self.limit


@dataclass(frozen=True)
class LedgerEffect:
    """What the award ledger one run counted does to one application, and the other run's ledger does not: `counted`,
    whose ledger ("A" or "B") holds the same content granted; `awards`, those awards as that ledger records them
    (policy, year, yuan, the application they went to) — empty when the ledger could not be read again here."""

    application_id: str
    counted: str
    awards: tuple[tuple[str, int, int, str], ...] = ()


@dataclass(frozen=True)
class LimitCheck:
    """One run's awards held to the other run's limits by audit (its rules, without the optimum): the limits they
    break, or why they could not be checked (`unchecked`)."""

    judged: str  # "A" or "B": whose awards
    breaches: tuple[Breach, ...] = ()
    unchecked: Phrase | None = None  # why not: a run did not record its scenario, a workbook is not where it was, …
    # audit's other findings, by rule: awards that break the other run's rounding, minimum funding ratio or whole
    # fixed awards (a planner's review: "keeps all of A's limits" where A's rounding and minimum ratio were broken)
    others: tuple[str, ...] = ()
    other_lines: tuple[Phrase, ...] = ()  # audit's whole line for each of `others`, in their order: compare.xlsx
    # lists them (a planner's review: "B的分配有5处不符合A的规则（最低资助比例、取整单位）" and never which five)
    # when the runs counted different award ledgers: how they differ, said from `judged`'s side; and audit's findings
    # that are the ledger's doing alone — gone when the awards are audited with their own run's ledger — each with
    # its line, which are not rule breaks (an officer's review: B's 2026 awards deducted under 就高、不重复 read as
    # "B的分配有9处不符合A的规则"); `ledger_paid`, what `judged` pays to applications the other's ledger holds paid
    ledger: Phrase | None = None
    ledgered: tuple[Phrase, ...] = ()
    ledger_paid: tuple[str, ...] = ()  # the ids of those applications
    ledger_paid_yuan: int = 0
    # the limits `judged` breaks only through the other's ledger: gone when audited with its own run's ledger (a
    # planner's review: a period cap the 2026 awards fill, said as a rule break between runs of the same limits)
    ledger_breaches: tuple[Breach, ...] = ()
    # the same applications, one each, as the comparison says them (an officer's review: audit's "填写为…应为…" lines
    # and its advice for hand-edited sheets listed here read as B's correct 重复申报 being wrong)
    ledger_effects: tuple[LedgerEffect, ...] = ()

    @property
    def by(self) -> str:
        """Whose limits: the other run."""
        return "A" if self.judged == "B" else "B"

    @property
    def ok(self) -> bool | None:
        """True when the awards keep every limit and rule, False when they break one, None when not checked."""
        return None if self.unchecked is not None else not (self.breaches or self.others)


@dataclass(frozen=True)
class ComparisonResult:
    a: RunData
    b: RunData
    totals: tuple[Line, ...]
    by_clause: tuple[Line, ...]
    by_section: tuple[Line, ...]
    by_district: tuple[Line, ...]
    differences: tuple[Difference, ...]
    lang: str = "zh"  # the language of the labels
    valued: Valuation | None = None  # both runs in one run's terms; None when a run did not record its scores/weights
    limits_a: LimitCheck | None = None  # B's awards held to A's limits (None: not asked, as in a hand-made result)
    limits_b: LimitCheck | None = None  # A's awards held to B's limits
    warnings: tuple[Problem, ...] = field(default=(), compare=False)  # runs of two years, …
    # A compared with B's scenario allocated again at A's budget (compare's `at_equal_budget=True`), when asked for
    # and made
    at_equal_budget: ComparisonResult | None = field(default=None, compare=False)
    # why `at_equal_budget` is None though it was asked for: the budgets are equal, nothing but the budget differs,
    # the allocation again failed, … (a planner's review: silently none)
    not_split: Phrase | None = field(default=None, compare=False)
    # the runs' scenarios as the face that wrote the files names them (the app: a shipped scenario by its name in the
    # page's language); "" for the name each run recorded
    names: tuple[str, str] = field(default=("", ""), compare=False)

    def limits_under(self, side: str) -> LimitCheck | None:
        """The other run's awards held to the limits of run `side` ("A" or "B")."""
        return self.limits_a if side == "A" else self.limits_b


MONEY_TOTALS = ("budget", "reserve", "earlier_rounds", "available", "allocated", "unspent")  # yuan, as manifest.json
TOTALS = (*MONEY_TOTALS, "FUNDED", "PARTIAL", "UNFUNDED", "INELIGIBLE", "DUPLICATE", "INVALID")
