"""Two runs side by side: totals, spend by clause, section and district, and every application whose allocation
or status changed, with both reasons. Runs on different workbooks are matched by application_id; rows present in
only one run are listed, not dropped.

Each run's awards are also held to the other run's limits — by audit (jobs/audit.py), the scenario's rules without
the optimum, over the run's own applications — so that the valuation can say which of the valuing run's limits the
other's awards break. Runs with no application in common, or of two years, are neither valued against each other nor
held to each other's limits.

Where the budgets differ and so does something else, B's scenario may be allocated again at A's budget (allocate,
over B's own applications and ledger), so that the valuation tells the budgets' difference from the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from optimizer.domain import Applications, Problem
from optimizer.errors import BudgetoptError, InputError
from optimizer.jobs.allocate import allocate
from optimizer.jobs.audit import audit
from optimizer.jobs.inputs import PolicySource, ledger_of, policy_of, read_lang
from optimizer.jobs.verify import Located, ManifestError, locate_inputs
from optimizer.money import format_decimal
from optimizer.reading.applications import ApplicationSource, read_applications
from optimizer.reading.guard import FileLimits
from optimizer.reading.run_folder import RunData, RunRow, read_run, score_of
from optimizer.report.allocation_csv import award_reasons
from optimizer.report.compare_ledger import ledger_difference, row_id
from optimizer.report.compare_out import compare_files
from optimizer.report.compare_runs import (
    apart,
    application_ids,
    objectives_comparable,
    only_budget_differs,
    run_year,
)
from optimizer.report.compare_words import why_not_split
from optimizer.report.files import write_all
from optimizer.report.limits import budget_marginal
from optimizer.report.manifest import totals as manifest_totals
from optimizer.report.units import say
from optimizer.results import (
    TOTALS,
    AllocationResult,
    Breach,
    ComparisonResult,
    Difference,
    LedgerEffect,
    LimitCheck,
    Line,
    Valuation,
    weighted_value,
)
from optimizer.rules.audit import Violation
from optimizer.rules.ledger import PriorAwards
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Scenario, load_scenario, recorded_settings
from optimizer.solving.backends import CHOICES
from optimizer.words import Phrase

if TYPE_CHECKING:
    import pandas as pd

RunSource = Path | str | AllocationResult
FRAME_COLUMNS = ("change", "application_id", "applicant", "clause", "district", "allocated_a", "status_a",
                 "allocated_b", "status_b", "difference", "reason_a", "reason_b")

NOT_ITS_OWN = "report.compare.unchecked.not_its_applications"  # the applications held to a run are not its own


@dataclass(frozen=True, repr=False)
class Comparison(ComparisonResult):
    """What changed between two runs — with a DataFrame and the output files a call away; with `at_equal_budget`,
    A compared with B's scenario allocated again at A's budget (compare's `at_equal_budget=True`)."""

    at_equal_budget: Comparison | None = field(default=None, compare=False)

    def __repr__(self) -> str:  # a notebook shows this, not every row of both runs
        count = len(self.differences)
        unsplit = "" if self.not_split is None else f"; not split at equal budgets: {self.not_split.text('en')}"
        return (f"<Comparison {self.a.label!r} → {self.b.label!r}: {count} "
                f"{'application differs' if count == 1 else 'applications differ'}{unsplit}>")

    def to_frame(self) -> pd.DataFrame:
        """One row per application whose allocation or status changed, or that is in one run only: `change`
        (changed, only_a, only_b), who it is, each run's allocation, status and reason, and the difference B − A."""
        import pandas as pd

        rows = [(d.kind, d.application_id, d.applicant, d.clause, d.district,
                 d.a.allocated if d.a else None, d.a.status if d.a else None,
                 d.b.allocated if d.b else None, d.b.status if d.b else None, d.delta,
                 d.a.reason if d.a else None, d.b.reason if d.b else None) for d in self.differences]
        frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
        return frame.astype({"allocated_a": "Int64", "allocated_b": "Int64", "difference": "int64"})

    @property
    def breaks_a(self) -> tuple[Breach, ...] | None:
        """A's limits that B's awards break (empty: B keeps them all); None when they could not be checked, or are
        not (runs with no application in common, or of two years)."""
        return None if self.limits_a is None or self.limits_a.unchecked else self.limits_a.breaches

    @property
    def breaks_b(self) -> tuple[Breach, ...] | None:
        """B's limits that A's awards break (empty: A keeps them all); None when they could not be checked, or are
        not (runs with no application in common, or of two years)."""
        return None if self.limits_b is None or self.limits_b.unchecked else self.limits_b.breaches

    @property
    def only_budget_differs(self) -> bool | None:
        """Whether the runs differ in nothing but the budget — the scenarios (names aside), the applications and the
        year's earlier rounds alike: the valuation's difference is then what the budget's difference buys, and is
        said so rather than estimated. None when a run did not record its scenario."""
        return only_budget_differs(self)

    @property
    def objectives_comparable(self) -> bool | None:
        """Whether the two objectives may be subtracted: only under the same clause weights (the objective is
        Σ weight × score × yuan); None when a run folder did not record its weights."""
        return objectives_comparable(self)

    def totals_frame(self) -> pd.DataFrame:
        """The totals, then spend by section, clause and district, one row each: `group` (total, section, clause,
        district, valued), `key`, `label`, `a`, `b` and `difference` (B − A; empty for the objective when the
        objectives are not comparable). Money in yuan. The `valued` rows: both objectives under one run's weights
        (`objective_under_A`), and their difference in that run's budget at its funding line (`budget_equivalent`,
        yuan; empty when its budget did not bind)."""
        import pandas as pd

        apart = not self.objectives_comparable
        groups = (("total", self.totals), ("section", self.by_section), ("clause", self.by_clause),
                  ("district", self.by_district))
        rows: list[tuple[str, str, str, Decimal | None, Decimal | None, Decimal | int | None]] = [
            (group, x.key, x.label, x.a, x.b, None if x.key == "objective" and apart else x.delta)
            for group, lines in groups for x in lines]
        v = self.valued
        if v is not None:
            under = {"under": v.under}
            rows += [("valued", f"objective_under_{v.under}", say("report.compare.valued_row", self.lang, **under),
                      v.a, v.b, v.delta),
                     ("valued", "budget_equivalent", say("report.compare.budget_equivalent_row", self.lang, **under),
                      None, None, v.budget_equivalent)]
        return pd.DataFrame(rows, columns=["group", "key", "label", "a", "b", "difference"])

    def write(self, out_dir: Path | str, face: str | None = None) -> list[Path]:
        """Write compare.xlsx and compare.html into `out_dir`, all of them or none; worded as `face` words things
        where it has its own words (the app's "web": 分配方案, not 情景)."""
        return write_all(Path(out_dir), compare_files(self, self.lang, face))


def compare(run_a: RunSource, run_b: RunSource, *, policy: PolicySource = None, lang: str = "zh",
            value_under: str = "a", inputs: Path | str | None = None,
            applications: ApplicationSource | Applications | None = None,
            at_equal_budget: bool = False) -> Comparison:
    """Two runs side by side: each a folder an allocate run wrote, or an Allocation.

    Totals, spend by clause, section and district, and every application whose allocation or status changed, with
    both reasons; applications are matched by application_id, and rows in only one run are listed, not dropped.
    Labels (clause titles, sections) are in Chinese, or English with lang="en".

    `valued` values both runs' awards as run `value_under` ("a" or "b") values awards — its weights — and says the
    difference in its budget, at its funding line: what a change of weights, caps or policy costs in that run's
    terms (docs/planning.md). `limits_a` holds B's awards to A's limits (`breaks_a`: those they break), `limits_b`
    A's to B's, each by audit over the run's own workbook — a run folder's found as verify finds it: at its recorded
    path, beside the manifest, or by SHA-256 under the folder `inputs` — or, for a run whose applications were given
    as a DataFrame or records, over `applications` when given. Runs with no application in common, or of two years,
    are neither valued nor held to each other's limits (`valued`, `limits_a` and `limits_b` None); `warnings` say
    when the runs are of different years.

    When the budgets differ and so does something else (the weights, a cap, the applications), the valuation's
    figure holds both. `at_equal_budget=True` tells them apart: B's scenario is allocated again at A's budget — by
    allocate, over B's applications, with the award ledger B counted, found as the limits' checks find them — and
    `at_equal_budget` is A compared with that allocation: what the rest alone changes, application by application;
    the valuation says how much of its figure is the budgets' difference and how much the rest. None when not asked
    for, when there is nothing to tell apart (equal budgets, or nothing but the budget differs), or when it could not
    be made: asked for and not made, `not_split` says why, and so does a warning.

    >>> from optimizer import allocate, compare
    >>> base = allocate("data/sample_applications.xlsx", "data/scenario_2026.toml")
    >>> plain = allocate("data/sample_applications.xlsx", "data/scenario_2026_plain.toml")
    >>> len(compare(base, plain).to_frame()) > 0
    True
    """
    policy, lang = policy_of(policy), read_lang(lang)
    under = _side(value_under)
    if inputs is not None and not Path(inputs).is_dir():
        raise ManifestError.one(inputs, Phrase.of("verify.not_a_folder"))
    books = _Books(policy, inputs, applications)
    compared = _compared((run_a, _run(run_a, "A", policy, lang)), (run_b, _run(run_b, "B", policy, lang)), lang,
                         under, books)
    if not at_equal_budget:
        return compared
    nothing = why_not_split(compared)
    if nothing is not None:  # a planner's review: asked for, and silently none
        return _not_split(compared, nothing, "report.compare.not_split")
    held = compared.limits_a  # B's awards held to A's limits, over B's applications as found
    if held is not None and held.unchecked is not None and held.unchecked.code == NOT_ITS_OWN:
        # a planner's review: B (from a DataFrame) allocated again over A's frame given as `applications`
        return _not_split(compared, held.unchecked)
    try:
        b_at_a = _at_budget_of_a(run_b, compared.b, compared.a.total("budget"), books, lang)
    except _Unchecked as exc:
        return _not_split(compared, exc.why)
    except BudgetoptError as exc:  # infeasible at A's budget, a workbook that no longer reads, …
        return _not_split(compared, _error(exc))
    equal = _compared((run_a, compared.a), (b_at_a, _run(b_at_a, "B", policy, lang)), lang, under, books)
    return replace(compared, at_equal_budget=equal)


def _not_split(compared: Comparison, why: Phrase, code: str = "report.compare.equal_budget_failed") -> Comparison:
    """The comparison, saying why B's scenario was not allocated again at A's budget: in `not_split`, and as a
    warning (`code`: that there was nothing to tell apart, or that it could not be done) — its reason worded for the
    app too (`why_web`, which the warning's @web words say), so that the page says 分配方案 where the command line
    says 情景 (a review: `B的运行未记录其情景的设置` on the page)."""
    said = Problem.of("", code, warning=True, why=_reason(why), why_web=_reason(why, "web"))
    return replace(compared, not_split=why, warnings=(*compared.warnings, said))


def _reason(why: Phrase, face: str | None = None) -> tuple[str, str]:
    """A reason as a parameter of a sentence: in both languages as `face` words it, without its full stop."""
    return why.text("zh", face).rstrip("。."), why.text("en", face).rstrip("。.")


def _error(exc: BudgetoptError) -> Phrase:
    """Why a run could not be checked or allocated again: the error's sentence and hint, as the library says them
    and (`error_web`) as the app does."""
    return Phrase.of("report.compare.unchecked.error", error=(exc.text("zh"), exc.text("en")),
                     error_web=(exc.text("zh", "web"), exc.text("en", "web")))


def _compared(side_a: tuple[RunSource, RunData], side_b: tuple[RunSource, RunData], lang: str, under: str,
              books: _Books) -> Comparison:
    """Two runs, each given and read back, compared; their workbooks read through `books`."""
    (run_a, a), (run_b, b) = side_a, side_b
    policy = books.policy
    totals = [Line(key, key, Decimal(a.total(key)), Decimal(b.total(key))) for key in TOTALS
              if key != "earlier_rounds" or a.total(key) or b.total(key)]  # a year's second round: said
    totals.append(Line("objective", "objective", a.objective, b.objective))

    def section(row: RunRow) -> str:
        return policy.clause(row.clause).section if row.clause in policy.clauses else "—"

    def clause_label(key: str) -> str:
        return f"{key} {policy.clause(key).title(lang)}" if key in policy.clauses else key

    def section_label(key: str) -> str:
        return f"{key} {policy.sections[key].title(lang)}" if key in policy.sections else key

    valued = apart(a, b) is None  # no application in common, or two years: neither valued nor held to limits
    return Comparison(
        a=a, b=b, totals=tuple(totals), lang=lang,
        by_clause=_grouped(a, b, lambda r: r.clause, clause_label, list(policy.clauses)),
        by_section=_grouped(a, b, section, section_label, list(policy.sections)),
        by_district=_grouped(a, b, lambda r: r.district, lambda d: d, None),
        differences=tuple(_differences(a, b)),
        valued=_valued(a, b, under) if valued else None,
        limits_a=_held("B", (run_b, b), (run_a, a), books) if valued else None,
        limits_b=_held("A", (run_a, a), (run_b, b), books) if valued else None,
        warnings=_years(a, b),
    )


def _at_budget_of_a(run_b: RunSource, b: RunData, budget: int, books: _Books, lang: str) -> AllocationResult:
    """B's scenario allocated again at A's `budget` (its name says so): over B's applications, with the award ledger
    B counted and the solver it asked for — all found as the limits' checks find them."""
    scenario = _scenario_of("B", run_b, b, books.policy)
    applications = _applications_of("B", run_b, b, books)
    ledger, upto = _ledger_of("B", run_b, b, books.inputs)
    named = load_scenario(scenario, policy=books.policy, name=Phrase.of(
        "report.compare.at_a_budget", name=scenario.name).text(lang))
    return allocate(applications, named, budget=budget, policy=books.policy, solver=_solver_of(run_b, b),
                    skip_invalid=True, ledger=ledger, ledger_upto=upto)


def _solver_of(run: RunSource, data: RunData) -> str:
    """The solver a run asked for (highs, cbc or auto): an Allocation's request, or a folder's manifest."""
    if isinstance(run, AllocationResult):
        return run.request.solver if run.request is not None else "highs"
    command = data.manifest.get("command")
    solver = command.get("solver") if isinstance(command, Mapping) else None
    return solver if solver in CHOICES else "highs"


def _side(value_under: object) -> str:
    if value_under not in ("a", "b", "A", "B"):
        raise InputError.one("value_under", Phrase.of("compare.value_under", given=repr(value_under)))
    return str(value_under).upper()


def _valued(a: RunData, b: RunData, under: str) -> Valuation | None:
    """Both runs' awards valued under run `under`'s weights, with its budget's marginal value; None when that run
    did not record its weights or a run with awards did not record their scores."""
    base = a if under == "A" else b
    weights = base.weights
    if weights is None:
        return None
    values = [weighted_value(((r.clause, r.score, r.allocated) for r in run.rows), weights) for run in (a, b)]
    if values[0] is None or values[1] is None:
        return None
    return Valuation(under, values[0], values[1], base.budget_marginal, base.marginal_recorded)


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


def _run(run: RunSource, label: str, policy: Policy, lang: str) -> RunData:
    """A run folder read back, or an allocation made here, as the rows and facts compare needs."""
    if isinstance(run, (str, Path)):
        return read_run(Path(run))
    if not isinstance(run, AllocationResult):  # a DataFrame, None, …
        raise InputError.one(label, Phrase.of("compare.not_a_run", shown=type(run).__name__))
    rows = tuple(RunRow(a.application_id, a.applicant, a.district, a.clause, a.entitlement, a.allocated,
                        a.status.value, reason, a.credit_code, score_of(a.score))
                 for a, reason in zip(run.awards, award_reasons(run.awards, lang, policy), strict=True))
    next_yuan = budget_marginal(run.constraints)
    manifest: dict[str, object] = {
        "scenario": run.scenario.as_dict(), "totals": manifest_totals(run), "objective": format_decimal(run.objective),
        "budget_marginal": None if next_yuan is None else format_decimal(next_yuan)}
    if run.request is not None:  # the award ledger it counted, as a folder's manifest records it
        counted = run.request.ledger
        manifest["inputs"] = {} if counted is None else {"ledger": {
            "path": str(counted.path), "sha256": counted.head, "entries": counted.entries}}
    return RunData(f"{label} {run.scenario.name}", rows, manifest)


# ------------------------------------------------------------------------------- one run held to the other's limits

class _Unchecked(Exception):
    """Why one run's awards cannot be held to the other's limits."""

    def __init__(self, why: Phrase) -> None:
        super().__init__(why)
        self.why = why


class _Books:
    """The workbooks the checks read, each once (both runs are usually of one); where a run folder's inputs may be
    besides (`inputs`); the applications given for a run that was given them in memory (`given`)."""

    def __init__(self, policy: Policy, inputs: Path | str | None,
                 given: ApplicationSource | Applications | None) -> None:
        self.policy = policy
        self.inputs = inputs
        self.given = given
        self.read: dict[tuple[Path, FileLimits | None] | None, Applications] = {}

    def of(self, path: Path, limits: FileLimits | None) -> Applications:
        key = (path.resolve(), limits)
        if key not in self.read:
            self.read[key] = read_applications(path, policy=self.policy, skip_invalid=True, limits=limits)
        return self.read[key]

    def in_memory(self, side: str, why: Phrase) -> Applications:
        """The applications given for a run that was not read from a workbook; _Unchecked saying `why` when none
        were given."""
        if self.given is None:
            raise _Unchecked(why)
        if None not in self.read:
            self.read[None] = read_applications(self.given, policy=self.policy, skip_invalid=True)
        return self.read[None]


def _held(side: str, judged: tuple[RunSource, RunData], by: tuple[RunSource, RunData], books: _Books) -> LimitCheck:
    """Run `side`'s awards held to the other run's limits: audit over `side`'s own applications, with the other run's
    scenario and the award ledger it counted (the year's earlier rounds), its optimum not sought; the violations of
    the scenario's limits kept. Why not, when a run did not record what it takes."""
    other = "A" if side == "B" else "B"
    allocation: Path | AllocationResult
    try:
        scenario = _scenario_of(other, *by, books.policy)
        applications = _applications_of(side, *judged, books)
        ledger, upto = _ledger_of(other, *by, books.inputs)
        allocation = judged[0] if isinstance(judged[0], AllocationResult) else Path(judged[0]) / "allocation.csv"
        found = audit(applications, allocation, scenario, policy=books.policy, optimum=False, ledger=ledger,
                      ledger_upto=upto)
    except _Unchecked as exc:
        return LimitCheck(side, unchecked=exc.why)
    except BudgetoptError as exc:  # a workbook that no longer reads, a ledger changed since, …
        return LimitCheck(side, unchecked=_error(exc))
    unlike = sum(1 for v in found.violations if v.rule in NOT_ITS_APPLICATIONS)
    if unlike:  # a planner's review: another frame's applications dropped two of three breaches, said as "其他"
        return LimitCheck(side, unchecked=Phrase.of(NOT_ITS_OWN, judged=side,
                                                    count=unlike))
    others = [v for v in found.violations if v.amounts is None]  # each listed in compare.xlsx, with audit's line
    breaches = [v for v in found.violations if v.amounts is not None]
    ledgers = ledger_difference(side, judged[1], other, by[1])
    alone = _ledgers_doing(side, judged, found.violations, scenario, applications, allocation, books) if ledgers else []
    ledgered = [v for v in alone if v.amounts is None]
    others = [v for v in others if v not in ledgered]
    breaches = [v for v in breaches if v not in alone]
    paid = _paid_ids(ledgered)
    ids = list(dict.fromkeys(row_id(v.subject) for v in ledgered))
    return LimitCheck(side, tuple(breach_of(v) for v in breaches),
                      others=tuple(v.rule for v in others), other_lines=tuple(v.phrase for v in others),
                      ledger=ledgers, ledgered=tuple(v.phrase for v in ledgered), ledger_paid=paid,
                      ledger_breaches=tuple(breach_of(v) for v in alone if v.amounts is not None),
                      ledger_paid_yuan=sum(r.allocated for r in judged[1].rows if r.application_id in paid),
                      ledger_effects=_effects(ids, (side, judged), (other, by), applications, books.inputs))


def _effects(ids: list[str], judged: tuple[str, tuple[RunSource, RunData]], by: tuple[str, tuple[RunSource, RunData]],
             applications: Applications, inputs: Path | str | None) -> tuple[LedgerEffect, ...]:
    """Each application the award ledgers' difference alone changes, with whose ledger holds its content granted
    (the run whose entitlement it lowers) and those awards as that ledger records them, less any the other's holds
    too (an officer's review: in audit's words, B's correct 重复申报 read as "应为未获资助")."""
    sides = dict((judged, by))
    priors = {side: _prior_of(side, *run, inputs) for side, run in sides.items()}
    rows = {side: {r.application_id: r for r in run[1].rows} for side, run in sides.items()}
    found = {app.application_id: app for app in applications.valid}
    effects = []
    for app_id in ids:
        app = found.get(app_id)
        held = {side: () if prior is None or app is None else prior.for_content(app.credit_code, app.content_key)
                for side, prior in priors.items()}
        x, y = judged[0], by[0]
        row_x, row_y = rows[x].get(app_id), rows[y].get(app_id)
        if row_x is not None and row_y is not None and row_x.entitlement != row_y.entitlement:
            counted = x if row_x.entitlement < row_y.entitlement else y
        else:
            counted = x if len(held[x]) > len(held[y]) else y
        other = y if counted == x else x
        awards = tuple((a.policy, a.year, a.amount, a.application_id or "") for a in held[counted]
                       if a not in held[other])
        effects.append(LedgerEffect(app_id, counted, awards))
    return tuple(effects)


def _prior_of(side: str, run: RunSource, data: RunData, inputs: Path | str | None) -> PriorAwards | None:
    """The awards of the ledger a run counted, as it counted them; None when it counted none, or it cannot be read
    again here."""
    try:
        ledger, upto = _ledger_of(side, run, data, inputs)
        return None if ledger is None else ledger_of(ledger, upto=upto).prior
    except (_Unchecked, BudgetoptError):
        return None


def _ledgers_doing(side: str, judged: tuple[RunSource, RunData], found: Sequence[Violation], scenario: Scenario,
                   applications: Applications, allocation: Path | AllocationResult, books: _Books) -> list[Violation]:
    """Of audit's findings, those the other run's award ledger alone makes: gone when the same awards are audited
    under the same scenario with the ledger their own run counted (an officer's review: B's awards deducted under
    就高、不重复 for the 2026 awards its ledger holds read as B's rule breaks under A's rules, which counted no
    ledger; a planner's: a period cap the 2026 awards fill, said as a limit broken). None found when that ledger
    cannot be found."""
    if not found:
        return []
    try:
        ledger, upto = _ledger_of(side, *judged, books.inputs)
        own = audit(applications, allocation, scenario, policy=books.policy, optimum=False, ledger=ledger,
                    ledger_upto=upto)
    except (_Unchecked, BudgetoptError):
        return []
    kept = {(v.rule, v.subject) for v in own.violations}
    return [v for v in found if (v.rule, v.subject) not in kept]


def _paid_ids(ledgered: list[Violation]) -> tuple[str, ...]:
    """The applications paid that the other's ledger holds granted already (就高、不重复), among `ledgered`."""
    return tuple(dict.fromkeys(row_id(v.subject) for v in ledgered if v.rule == "paid_duplicate"))


# audit's findings that the applications held to a run are not those it allocated: its limits cannot be judged on them
NOT_ITS_APPLICATIONS = ("mismatch", "missing_row", "extra_row", "duplicate_row")


def _scenario_of(side: str, run: RunSource, data: RunData, policy: Policy) -> Scenario:
    """The scenario a run was allocated under: an Allocation's own, or a folder's as its manifest records it."""
    if isinstance(run, AllocationResult):
        return run.scenario
    settings = data.manifest.get("scenario")
    if not isinstance(settings, Mapping) or "weights" not in settings:
        raise _Unchecked(Phrase.of("report.compare.unchecked.no_scenario", by=side))
    return load_scenario(recorded_settings(settings), policy=policy)


def _applications_of(side: str, run: RunSource, data: RunData, books: _Books) -> Applications:
    """The applications a run allocated: its workbook read again with the reader's limits it was read with — an
    Allocation's, or the one a folder's manifest records, found as verify finds it (at its path, beside the manifest,
    or under `inputs`) and unchanged since — or, for a run given them in memory, those given to compare."""
    if isinstance(run, AllocationResult):
        request = run.request
        if request is None:
            return books.in_memory(side, Phrase.of("report.compare.unchecked.no_request", judged=side))
        if request.workbook is None:  # a DataFrame, say (a planner's review: audit reads one; compare gave up)
            return books.in_memory(side, Phrase.of("report.compare.unchecked.no_workbook", judged=side,
                                                   given=request.source))
        return books.of(request.workbook, FileLimits(**request.limits) if request.limits else None)
    recorded = data.manifest.get("inputs")
    workbook = recorded.get("workbook") if isinstance(recorded, Mapping) else None
    given = workbook.get("given_as") if isinstance(workbook, Mapping) else None
    if given not in (None, "", "file"):  # a DataFrame's, say: no workbook to read again
        return books.in_memory(side, Phrase.of("report.compare.unchecked.no_workbook", judged=side, given=str(given)))
    where = _located(side, Path(run), data, "workbook", books.inputs)
    assert where is not None and where.path is not None
    command = data.manifest.get("command")
    limits = command.get("limits") if isinstance(command, Mapping) else None
    return books.of(where.path, FileLimits(**limits) if isinstance(limits, Mapping) else None)


def _ledger_of(side: str, run: RunSource, data: RunData, inputs: Path | str | None) -> tuple[Path | None, int | None]:
    """The award ledger a run counted, and how many of its entries: the year's earlier rounds its limits count."""
    if isinstance(run, AllocationResult):
        counted = None if run.request is None else run.request.ledger
        return (None, None) if counted is None else (counted.path, counted.entries)
    where = _located(side, Path(run), data, "ledger", inputs)
    return (None, None) if where is None else (where.path, where.entries)


def _located(side: str, folder: Path, data: RunData, role: str, search: Path | str | None) -> Located | None:
    """Where the input `role` of the run in `folder` is now, as verify finds it (under `search` too); None when the
    run had none; _Unchecked when it is not there as the run had it."""
    inputs = data.manifest.get("inputs")
    if not isinstance(inputs, Mapping) or "workbook" not in inputs:
        raise _Unchecked(Phrase.of("report.compare.unchecked.no_inputs", run=side))
    if role not in inputs:
        return None
    where = locate_inputs(data.manifest, folder / "manifest.json", search)[role]
    if where.path is None or not where.intact:
        code = "report.compare.unchecked.missing" if where.path is None else "report.compare.unchecked.changed"
        raise _Unchecked(Phrase.of(code, run=side, role=_ROLES[role], name=Path(where.recorded or "").name))
    return where


_ROLES = {"workbook": ("申报表", "workbook"), "ledger": ("资助台账", "award ledger")}


def breach_of(violation: Violation) -> Breach:
    """A limit of the scenario audit found broken, with what was put under it and what it allowed."""
    assert violation.amounts is not None
    used, limit = violation.amounts
    return Breach(violation.rule, violation.subject, violation.name, used, limit, violation.phrase)


def _years(a: RunData, b: RunData) -> tuple[Problem, ...]:
    """A warning when the runs allocate different years: their rows are matched by application id all the same —
    none when no id is in both (a planner's review: the warning about matching ids stood above "no id in common")."""
    years = run_year(a), run_year(b)
    if None in years or years[0] == years[1] or not application_ids(a) & application_ids(b):
        return ()
    return (Problem.of("", "report.compare.years_differ", a=years[0], b=years[1], warning=True),)
