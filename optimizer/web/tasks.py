"""What the app's worker processes do: read an upload, allocate, sweep, a stability run, a goal search (the least
budget that funds chosen applications), a two-year plan (a total split between two years), audit, verify, publish a
run, import another policy's awards — each one call
of the library, its outcome made into plain values with every sentence in both languages (the page shows the one it
is read in; the API the run's own).

These functions run in processes of their own (workers.py), never in the server: the library forks inside (large
workbooks are read by two processes), which a threaded server must not do. Each takes and returns plain, picklable
values; an error the library raises on purpose becomes an outcome, anything else is the worker's to report.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optimizer.domain import Problem
from optimizer.errors import BudgetoptError, Infeasible, InputError
from optimizer.jobs.allocate import Allocation, allocate
from optimizer.jobs.audit import audit_run
from optimizer.jobs.inputs import CountedLedger, ledger_of, read_inputs
from optimizer.jobs.ledger import import_awards
from optimizer.jobs.min_budget import BudgetGoal, min_budget
from optimizer.jobs.plan import YearPlan, plan_years
from optimizer.jobs.publish import publish
from optimizer.jobs.stability import Stability, stability
from optimizer.jobs.sweep import Sweep, sweep
from optimizer.jobs.verify import verify
from optimizer.money import said_amount
from optimizer.reading.applications import read_applications
from optimizer.reading.awards import AwardsFileError
from optimizer.reading.guard import ExcelFileError, FileLimits
from optimizer.report.console import ledger_reduced
from optimizer.report.files import write_all
from optimizer.report.limits import applicant_names, budget_binds, budget_marginal, limit_name, marginal_meaning
from optimizer.report.manifest import totals
from optimizer.report.notice import NoticeSettings
from optimizer.report.planning_out import goal_csv, goal_xlsx, missing, plan_csv, plan_xlsx
from optimizer.rules.policy import load_policy
from optimizer.rules.scenario import BUDGET_ARGUMENT
from optimizer.web.ledgers import LedgerChoice, LedgerFacts, counted_ledger, facts_of, run_named
from optimizer.words import LANGS, Phrase, pick, use_lang

if TYPE_CHECKING:
    import pandas as pd

Pair = tuple[str, str]  # (Chinese, English)
FACE = "web"


@dataclass(frozen=True)
class ProblemRow:
    """A problem (or warning) as a table shows it: where (row, column) and what, in both languages."""

    row: int | None
    column: str | None
    zh: str
    en: str

    def message(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Inspection:
    """What reading an uploaded workbook found: a refusal of the file itself, or its problems and warnings."""

    refusal: Pair | None = None
    problems: tuple[ProblemRow, ...] = ()
    warnings: tuple[ProblemRow, ...] = ()
    rows: int = 0


@dataclass(frozen=True)
class LimitRow:
    """A binding limit of a finished run: its name, amount, use, and what relaxing it would buy."""

    name: Pair
    limit: int
    used: int
    meaning: Pair
    earlier: int = 0  # a later round: what the year's earlier rounds used of it (`limit` is what they left)


@dataclass(frozen=True)
class LevelRow:
    """One budget level of a sweep."""

    budget: int
    allocated: int | None
    funded: int | None
    partial: int | None
    marginal_per_wan: float | None
    conflicts: tuple[Pair, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """How a run or sweep ended: its status and what the page and the API say about it."""

    status: str  # done, invalid, infeasible, failed
    problems: tuple[ProblemRow, ...] = ()
    warnings: tuple[ProblemRow, ...] = ()
    conflicts: tuple[Pair, ...] = ()
    totals: dict[str, int] | None = None
    binding: tuple[LimitRow, ...] = ()
    levels: tuple[LevelRow, ...] = ()
    error: Pair | None = None
    budget: int | None = None
    ledger: LedgerFacts | None = None  # the award ledger counted (None: none, or not read: the run failed first)
    stability: NoiseSummary | None = None  # a stability run's findings
    goal: GoalSummary | None = None  # a goal search's findings
    plan: PlanSummary | None = None  # a two-year plan's findings

    def record(self) -> dict[str, Any]:
        """As the registry keeps it (JSON)."""
        record: dict[str, Any] = json.loads(json.dumps(asdict(self)))  # tuples become lists, as they come back
        return record


@dataclass(frozen=True)
class RunJob:
    """An allocation to make: the stored inputs, how the client named them, and the run's settings."""

    workbook: Path
    workbook_name: str
    scenario: Path | None
    scenario_name: str
    budget: str | None
    solver: str
    lang: str
    skip_invalid: bool
    out_dir: Path
    limits: FileLimits = field(default_factory=FileLimits)
    ledger: LedgerChoice | None = None  # which award ledger to count (read when the run starts); None: none


@dataclass(frozen=True)
class SweepJob:
    run: RunJob
    levels: tuple[int, ...]
    progress: Path  # a small file the page reads: "done total"


@dataclass(frozen=True)
class StabilityJob:
    """A stability run: the run's inputs and settings, the noise, and how many processes solve its draws."""

    run: RunJob
    draws: int
    sigma: str  # exact, as typed (a Decimal's text)
    seed: int
    workers: int
    progress: Path  # a small file the page reads: "done total"


@dataclass(frozen=True)
class GoalJob:
    """A goal search: the run's inputs and settings, and the targets — every application scoring at least
    `min_score` (of `clause` and of `district`, when they are given), funded in full (`full`) or with any award — and
    the search's precision (an amount with its unit, as typed and checked by the form)."""

    run: RunJob
    min_score: str
    clause: str
    district: str
    full: bool
    precision: str


@dataclass(frozen=True)
class BlockedRow:
    """A target the budget found does not fund, with its award at the high budget and its reason there (what holds
    it), and the least budget solved that funded it, if one did."""

    application_id: str
    applicant: str
    clause: str
    score: str
    status: str
    allocated: int
    reason: Pair
    elsewhere: int | None = None


@dataclass(frozen=True)
class GoalSummary:
    """What a goal search found (BudgetGoal, as plain values): the least budget, how many targets it funds of how
    many, the blocked ones and why, the few targets that set it and the budget without them, the larger budgets that
    fund fewer (not monotone)."""

    budget: int
    allocated: int  # what the budget found allocates
    targets: int
    reachable: int
    full: bool
    precision: int
    high: int
    solves: int
    blocked: tuple[BlockedRow, ...] = ()
    setting: tuple[str, ...] = ()
    without: int | None = None
    gaps: tuple[int, ...] = ()
    bisected: int | None = None
    reserve: int = 0  # what the budget holds back: it is the year's whole, as a scenario's is
    least_solvable: bool = False  # one precision less cannot be solved at all: the scenario's floor sets it


@dataclass(frozen=True)
class PlanJob:
    """A two-year plan: each year's run's inputs and settings (`first.out_dir` is the plan's folder), the total, the
    first year's budgets to try (every `step` from `start` to `stop`), whose weights value both years ("first" or
    "second"), the near-best band's tolerance (yuan), and the award ledger as the first year's run counted it (None:
    none)."""

    first: RunJob
    second: RunJob
    total: int
    start: int
    stop: int
    step: int
    value_under: str
    tolerance: int
    ledger: LedgerFacts | None
    runs: tuple[str, str]  # the two runs' ids, as the plan's sentences and plan.xlsx name them
    progress: Path  # a small file the page reads: "done total"


@dataclass(frozen=True)
class SplitRow:
    """One split of a plan as its page shows it: the two budgets, the value under the common weights (whole), how
    much less than the best it is and that in yuan of first-year budget at the best split's funding line
    (`equivalent`, None where that budget does not bind), each year's FUNDED and PARTIAL counts and what it left
    unspent (None where it was not solved), whether it is the best or near it, and why a year could not be solved
    (`notes`) or whose period cap binds in the second year (`caps`), in both languages."""

    first_budget: int
    second_budget: int
    valued: int | None = None
    below_best: int | None = None
    equivalent: int | None = None
    funded_first: int | None = None
    partial_first: int | None = None
    funded_second: int | None = None
    partial_second: int | None = None
    unspent_first: int | None = None
    unspent_second: int | None = None
    best: bool = False
    near: bool = False
    notes: Pair = ("", "")
    caps: Pair = ("", "")


@dataclass(frozen=True)
class PlanSummary:
    """What a two-year plan found (YearPlan, as plain values): the years, whose weights value both and the splits,
    the best of them (its index) and the band about as good (lowest and highest first-year budget), and the best
    split's first-year marginal value that says a value in budget (weighted score per yuan, as text; None where its
    budget does not bind)."""

    total: int
    first_year: int
    second_year: int
    value_year: int
    value_scenario: str
    tolerance: int
    splits: tuple[SplitRow, ...]
    best: int | None = None
    band: tuple[int, int] | None = None
    marginal: str | None = None


@dataclass(frozen=True)
class NoiseSummary:
    """What a stability run found: the eligible applications by class, the money the noiseless allocation puts on
    the sometimes funded, and the shares (as stability.xlsx writes them: four decimals)."""

    draws: int
    sigma: str
    seed: int
    eligible: int
    always: int
    sometimes: int
    never: int
    allocated: int
    sometimes_money: int
    always_money: int
    sometimes_share: str  # of the eligible applications, as a percentage with one decimal: "21.4%"
    money_share: str  # of the money allocated, the same way


@dataclass(frozen=True)
class AuditOutcome:
    ok: bool
    summary: Pair | None = None
    violations: tuple[Pair, ...] = ()
    verdict: Pair | None = None
    distance: Pair | None = None
    notes: tuple[Pair, ...] = ()
    error: Pair | None = None


@dataclass(frozen=True)
class LedgerOutcome:
    """How publishing a run, or importing another policy's awards, ended: done (`summary`), or refused — the
    workbook's problems by row and column, or one sentence (`error`)."""

    ok: bool
    summary: Pair | None = None
    problems: tuple[ProblemRow, ...] = ()
    warnings: tuple[ProblemRow, ...] = ()
    error: Pair | None = None


@dataclass(frozen=True)
class VerifyOutcome:
    ok: bool
    headline: Pair
    differences: tuple[Pair, ...] = ()
    notes: tuple[Pair, ...] = ()


def both(phrase: Phrase) -> Pair:
    """A phrase in Chinese and in English, as the app words it."""
    return phrase.text("zh", FACE), phrase.text("en", FACE)


def error_pair(exc: BudgetoptError, names: dict[str, str] | None = None) -> Pair:
    """An error's sentence, and its hint as the app words it, in both languages; the stored files named as the
    client named them."""
    def said(lang: str) -> str:
        if isinstance(exc, InputError):
            text = "\n".join(_renamed(p, names, lang).text(lang, FACE) for p in exc.problems)
        else:
            text = exc.says(lang, FACE)
        return text + ("" if exc.hint is None else exc.hint.text(lang, FACE))

    return said("zh"), said("en")


def _renamed(problem: Problem, names: dict[str, str] | None, lang: str) -> Problem:
    """The problem placed as the client knows it: a stored file by the name it was uploaded under, the library's
    `budget` argument by the form's field (年度预算)."""
    if problem.file == BUDGET_ARGUMENT:
        return replace(problem, file=Phrase.of("web.form.budget").text(lang, FACE))
    return replace(problem, file=names.get(problem.file, problem.file)) if names else problem


def problem_rows(problems: Sequence[Problem], names: dict[str, str] | None = None) -> tuple[ProblemRow, ...]:
    """Problems as table rows: a problem at a cell says what is wrong there; any other says where, too."""
    rows = []
    for p in problems:
        if p.row is not None:
            rows.append(ProblemRow(p.row, p.column, p.says("zh", FACE), p.says("en", FACE)))
        else:
            rows.append(ProblemRow(None, p.column, _renamed(p, names, "zh").text("zh", FACE),
                                   _renamed(p, names, "en").text("en", FACE)))
    return tuple(rows)


# ---------------------------------------------------------------------------------------------- the tasks


def inspect(path: Path, client_name: str, limits: FileLimits) -> Inspection:
    """Read an uploaded workbook as `validate` would: refused (a file the command line refuses), or its problems."""
    names = {path.name: client_name}
    try:
        book = read_applications(path, skip_invalid=False, limits=limits)
    except ExcelFileError as exc:
        return Inspection(refusal=error_pair(exc, names))
    except InputError as exc:
        return Inspection(problems=problem_rows(exc.problems, names), warnings=problem_rows(exc.warnings, names))
    return Inspection(warnings=problem_rows(book.warnings, names), rows=book.rows_read)


def _ledger(choice: LedgerChoice | None) -> tuple[CountedLedger, LedgerFacts | None] | Outcome:
    """The ledger a job counts and what its record says of it; or the failed outcome, with the library's sentence,
    when the ledger cannot be read or its chain does not hold."""
    try:
        counted = counted_ledger(choice)
    except BudgetoptError as exc:
        return Outcome("failed", error=error_pair(exc))
    return counted, None if choice is None else facts_of(counted, choice)


def allocate_run(job: RunJob) -> Outcome:
    """The run: allocate and write its four files, as `budgetopt allocate` does with the same inputs (and the same
    award ledger, read now: one whose chain does not hold fails the run with the library's sentence)."""
    with use_lang(job.lang):
        read = _ledger(job.ledger)
        if isinstance(read, Outcome):
            return read
        counted, ledger = read
        try:
            result = allocate(job.workbook, job.scenario, budget=job.budget, solver=job.solver,
                              skip_invalid=job.skip_invalid, limits=job.limits, ledger=counted)
            result.write(job.out_dir, job.lang)
        except BudgetoptError as exc:
            return replace(_failure(exc, job), ledger=ledger)
    return Outcome("done", warnings=problem_rows(result.warnings, _names(job)), totals=totals(result),
                   binding=_binding(result), budget=result.scenario.budget,
                   ledger=None if ledger is None else replace(ledger, reduced=ledger_reduced(result)))


def sweep_run(job: SweepJob) -> Outcome:
    """A sweep: the run's scenario at each level, one level after another (a worker is one solve at a time), the
    award ledger counted as a run counts it."""
    run = job.run
    progress = _progress_writer(job.progress)
    with use_lang(run.lang):
        read = _ledger(run.ledger)
        if isinstance(read, Outcome):
            return read
        counted, ledger = read
        try:
            result = sweep(run.workbook, run.scenario, levels=list(job.levels), workers=1, solver=run.solver,
                           skip_invalid=run.skip_invalid, limits=run.limits, ledger=counted, progress=progress)
            result.write(run.out_dir, run.lang)
        except BudgetoptError as exc:
            return replace(_failure(exc, run), ledger=ledger)
    return Outcome("done", levels=_levels(result), ledger=ledger)


def stability_run(job: StabilityJob) -> Outcome:
    """A stability run, as `budgetopt stability` makes it: the inputs read together, the workbook named as the
    officer named it (so that stability.xlsx says the same as the command line's), the award ledger counted as a run
    counts it, the draws solved by `job.workers` processes; the three files written. Stopped (SIGTERM, the server
    stopping), it ends its pool's processes before it goes."""
    run = job.run
    signal.signal(signal.SIGTERM, _stop)
    progress = _progress_writer(job.progress)
    with use_lang(run.lang):
        read = _ledger(run.ledger)
        if isinstance(read, Outcome):
            return read
        counted, ledger = read
        try:
            book, scenario = read_inputs(run.workbook, run.scenario, budget=run.budget,
                                         policy=load_policy(), skip_invalid=run.skip_invalid, limits=run.limits)
            result = stability(replace(book, source=run.workbook_name), scenario, ledger=counted, draws=job.draws,
                               sigma=job.sigma, seed=job.seed, workers=job.workers, solver=run.solver,
                               skip_invalid=run.skip_invalid, progress=progress)
            result.write(run.out_dir, run.lang)
        except BudgetoptError as exc:
            return replace(_failure(exc, run), ledger=ledger)
    return Outcome("done", warnings=problem_rows(book.warnings, _names(run)), budget=scenario.budget,
                   ledger=ledger, stability=_noise_summary(result))


def goal_run(job: GoalJob) -> Outcome:
    """A goal search, as `optimizer.min_budget` makes it from the run's inputs (the award ledger counted as a run
    counts it); its targets' table written as goal.csv and goal.xlsx (both or neither) in the run's language."""
    run = job.run
    with use_lang(run.lang):
        read = _ledger(run.ledger)
        if isinstance(read, Outcome):
            return read
        counted, ledger = read
        try:
            goal = min_budget(run.workbook, run.scenario, fund=goal_targets(job), precision=job.precision,
                              full=job.full, solver=run.solver, ledger=counted, skip_invalid=run.skip_invalid,
                              limits=run.limits)
            frames = {lang: goal.to_frame(lang) for lang in ("zh", "en")}
            write_all(run.out_dir, {"goal.csv": goal_csv(frames[run.lang]),
                                    "goal.xlsx": goal_xlsx(frames[run.lang], run.lang,
                                                           goal_about(job, goal, run.lang))})
        except BudgetoptError as exc:
            return replace(_failure(exc, run), ledger=ledger)
    found = problem_rows([*goal.warnings, *goal.allocation.warnings], _names(run))
    return Outcome("done", warnings=found, budget=goal.budget, ledger=ledger, goal=_goal_summary(goal, frames))


def goal_targets(job: GoalJob) -> Callable[[Any], bool]:
    """The test of a row of the allocation frame that chooses the targets: eligible (an entitlement: not ineligible,
    not set aside as a duplicate — no budget funds those, and the run's page says why), its score at least the minimum
    (an unreadable score is none), of the clause and of the district asked for."""
    least = float(Decimal(job.min_score))

    def chosen(row: Any) -> bool:
        return bool(row.entitlement > 0 and row.score >= least and (not job.clause or row.clause == job.clause)
                    and (not job.district or row.district == job.district))

    return chosen


def targets_said(params: Any, lang: str) -> str:
    """The targets a goal search asks for, in words: `评审得分不低于 85 分的申报（第3条、渝中区）`."""
    parts = []
    if params.get("clause"):
        parts.append(Phrase.of("web.goal.of_clause", clause=str(params["clause"])).text(lang, FACE))
    if params.get("district"):
        parts.append(str(params["district"]))
    where = ("（" + "、".join(parts) + "）" if lang == "zh" else " (" + ", ".join(parts) + ")") if parts else ""
    return Phrase.of("web.goal.what", score=str(params.get("min_score", "")), where=where).text(lang, FACE)


def goal_about(job: GoalJob, goal: BudgetGoal, lang: str) -> list[tuple[str, str]]:
    """What goal.xlsx says of the search before its table, so that the file is read on its own: the question, the
    budget found (the year's whole, its reserve included), how many targets it funds, the high budget at which the
    others were judged, and the precision."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    asked = {"min_score": job.min_score, "clause": job.clause, "district": job.district}
    how = t("web.goal.in_full" if job.full else "web.goal.any")
    question = f"{targets_said(asked, lang)}{'，' if lang == 'zh' else ', '}{how}"
    funds = t("web.goal.about.of", reachable=len(goal.reachable), targets=len(goal.targets))
    amounts = {key: pick(said_amount(amount), lang) for key, amount in
               (("budget", goal.budget), ("reserve", goal.reserve), ("high", goal.high), ("precision", goal.precision))}
    return [(t("web.goal.about.question"), question), (t("web.goal.about.budget"), amounts["budget"]),
            (t("web.goal.about.reserve"), amounts["reserve"]), (t("web.goal.about.funds"), funds),
            (t("web.goal.about.high"), amounts["high"]), (t("web.goal.about.precision"), amounts["precision"])]


def _goal_summary(goal: BudgetGoal, frames: dict[str, pd.DataFrame]) -> GoalSummary:
    zh, en = (frame.set_index("application_id") for frame in (frames["zh"], frames["en"]))
    elsewhere = dict(goal.elsewhere)
    blocked = tuple(BlockedRow(a.application_id, a.applicant, a.clause,
                               "" if missing(zh.at[a.application_id, "score"])
                               else f"{float(zh.at[a.application_id, 'score']):g}", a.status.value, a.allocated,
                               (str(zh.at[a.application_id, "reason_at_high"]),
                                str(en.at[a.application_id, "reason_at_high"])), elsewhere.get(a.application_id))
                    for a in goal.blocked)
    return GoalSummary(goal.budget, goal.allocation.allocated, len(goal.targets), len(goal.reachable), goal.full,
                       goal.precision, goal.high, goal.solves, blocked, goal.setting, goal.without, goal.gaps,
                       goal.bisected, goal.reserve, goal.least_solvable)


def plan_run(job: PlanJob) -> Outcome:
    """A two-year plan, as `optimizer.plan_years` makes it from the two runs' inputs, counting the award ledger as the
    first year's run counted it; its splits written as plan.csv and plan.xlsx (both or neither) in the plan's
    language."""
    first, second = job.first, job.second
    names = {**_names(first), **_names(second)}
    with use_lang(first.lang):
        try:
            counted = plan_ledger(job.ledger, job.runs[0])
        except BudgetoptError as exc:  # gone, not a ledger, its chain broken, or another one since
            return Outcome("failed", error=error_pair(exc), ledger=job.ledger)
        try:
            plan = plan_years((first.workbook, first.scenario), (second.workbook, second.scenario), f"{job.total}元",
                              start=f"{job.start}元", stop=f"{job.stop}元", step=f"{job.step}元",
                              value_under=job.value_under, tolerance=f"{job.tolerance}元", solver=first.solver,
                              ledger=counted, workers=1, skip_invalid=first.skip_invalid or second.skip_invalid,
                              limits=first.limits, progress=_progress_writer(job.progress))
            frames = {lang: plan.to_frame(lang) for lang in LANGS}
            summary = _plan_summary(plan, frames)
            equivalent = [row.equivalent for row in summary.splits]
            write_all(first.out_dir, {"plan.csv": plan_csv(frames[first.lang]),
                                      "plan.xlsx": plan_xlsx(frames[first.lang], first.lang,
                                                             (summary.first_year, summary.second_year),
                                                             plan_about(job, summary, first.lang), equivalent)})
        except InputError as exc:  # either year's: each problem says its file
            return Outcome("invalid", problems=placed_rows(exc.problems, names),
                           warnings=placed_rows(exc.warnings, names), ledger=job.ledger)
        except BudgetoptError as exc:
            return replace(_failure(exc, first), ledger=job.ledger)
    return Outcome("done", warnings=placed_rows(plan.warnings, names), ledger=job.ledger, plan=summary)


def placed_rows(problems: Sequence[Problem], names: dict[str, str]) -> tuple[ProblemRow, ...]:
    """Problems of two workbooks as table rows: each says its file and sheet too (a row number alone would not say
    which year's), the stored files named as the client named them."""
    return tuple(ProblemRow(p.row, p.column, _renamed(p, names, "zh").text("zh", FACE),
                            _renamed(p, names, "en").text("en", FACE)) for p in problems)


def plan_ledger(facts: LedgerFacts | None, run: str) -> CountedLedger:
    """The award ledger as the first year's run counted it — its first entries, ending in the hash the run recorded
    (the ledger as it stood before the first year: that year's own awards, published since, are the plan's to add);
    no ledger when the run counted none."""
    if facts is None:
        return CountedLedger()
    counted = ledger_of(Path(facts.path), upto=facts.entries)
    if counted.ref is not None and counted.ref.head != facts.head:
        raise InputError.one(facts.name, Phrase.of("web.plan.ledger_changed", run=run, entries=facts.entries))
    return counted


def _plan_summary(plan: YearPlan, frames: dict[str, pd.DataFrame]) -> PlanSummary:
    best = plan.best
    marginal = None if best is None or best.first is None else budget_marginal(best.first.constraints)
    zh, en = frames["zh"], frames["en"]
    rows = []
    for i, split in enumerate(plan.splits):
        row = zh.iloc[i]
        below = None if missing(row["below_best"]) else int(row["below_best"])
        exact = None if best is None or best.valued is None or split.valued is None else best.valued - split.valued
        rows.append(SplitRow(
            split.first_budget, split.second_budget, _whole(row["valued"]), below,
            None if exact is None or not marginal else int((exact / marginal).to_integral_value(ROUND_HALF_EVEN)),
            _whole(row["funded_first"]), _whole(row["partial_first"]), _whole(row["funded_second"]),
            _whole(row["partial_second"]), _whole(row["unspent_first"]), _whole(row["unspent_second"]),
            split is best, plan.is_near_best(split), (str(row["note"]), str(en.iloc[i]["note"])),
            (str(row["period_caps"]), str(en.iloc[i]["period_caps"]))))
    assert plan.first.year is not None and plan.second.year is not None
    under = plan.value_under
    return PlanSummary(plan.total, plan.first.year, plan.second.year,
                       under.year if under.year is not None else plan.first.year, under.name or "", plan.tolerance,
                       tuple(rows), None if best is None else plan.splits.index(best), plan.near_best,
                       None if not marginal else str(marginal))


def _whole(value: Any) -> int | None:
    return None if missing(value) else int(value)


def plan_about(job: PlanJob, found: PlanSummary, lang: str) -> list[tuple[str, str]]:
    """What plan.xlsx says of the plan before its table, so that the file is read on its own: the question, each
    year's run, the splits tried, whose weights value both, the best split and the band about as good."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    def amount(yuan: int) -> str:
        return pick(said_amount(yuan), lang)

    one, two = found.first_year, found.second_year
    count = len(found.splits)
    rows = [(t("web.plan.xlsx.question"), t("web.plan.question", total=amount(found.total), first=one, second=two)),
            (t("web.plan.xlsx.total"), amount(found.total)),
            (t("web.plan.xlsx.first", year=one), _run_said(job.first, job.runs[0], lang)),
            (t("web.plan.xlsx.second", year=two), _run_said(job.second, job.runs[1], lang)),
            (t("web.plan.xlsx.splits"), t("web.plan.splits_said", start=amount(job.start), stop=amount(job.stop),
                                          step=amount(job.step), count=count)),
            (t("web.plan.xlsx.value_under"), t("web.plan.value_said", year=found.value_year,
                                                scenario=found.value_scenario)),
            (t("web.plan.xlsx.tolerance"), t("web.plan.tolerance_said", first=one, tolerance=amount(found.tolerance)))]
    if found.best is not None:
        best = found.splits[found.best]
        rows.append((t("web.plan.xlsx.best"), t("web.plan.best_figure", first=one, second=two,
                                                 one=amount(best.first_budget), two=amount(best.second_budget))))
    if found.band is not None:
        low, high = found.band
        rows.append((t("web.plan.xlsx.band", first=one), amount(low) if low == high else
                     t("web.plan.xlsx.band_range", low=amount(low), high=amount(high))))
    if found.marginal is not None:
        rows.append((t("web.plan.xlsx.marginal", first=one), found.marginal))
    return rows


def _run_said(run: RunJob, run_id: str, lang: str) -> str:
    """A year's run as plan.xlsx names it: its id, scenario and workbook."""
    return Phrase.of("web.plan.xlsx.run", run=run_id, scenario=run.scenario_name,
                     workbook=run.workbook_name).text(lang, FACE)


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # through the library's pool, which cancels its chunks and ends its processes


def _progress_writer(path: Path) -> Callable[[int, int], None]:
    """progress(done, total), written to `path` as "done total" whenever another hundredth is done (and at the
    start and the end): the page reads it."""
    shown = [-1]

    def progress(done: int, total: int) -> None:
        step = done * 100 // max(total, 1)
        if step != shown[0] or done == total:
            shown[0] = step
            scratch = path.with_suffix(".tmp")
            scratch.write_text(f"{done} {total}", encoding="ascii")
            os.replace(scratch, path)

    return progress


def _noise_summary(result: Stability) -> NoiseSummary:
    eligible, allocated = len(result.eligible), result.allocated
    return NoiseSummary(
        result.draws, str(result.sigma), result.seed, eligible, result.count("always"), result.count("sometimes"),
        result.count("never"), allocated, result.sometimes_money, result.money("always"),
        percent(result.count("sometimes"), eligible), percent(result.sometimes_money, allocated))


def percent(part: int, whole: int) -> str:
    """part / whole as a percentage with one decimal, rounded half up ("" when whole is 0).

    >>> percent(1, 8), percent(2, 3), percent(0, 5), percent(1, 0)
    ('12.5%', '66.7%', '0.0%', '')
    """
    if not whole:
        return ""
    tenths = (2000 * part + whole) // (2 * whole)
    return f"{tenths // 10}.{tenths % 10}%"


def audit_allocation(manifest: Path, allocation: Path, names: dict[str, str], lang: str) -> AuditOutcome:
    """An uploaded allocation checked against the run's own inputs, and measured against the optimum; the stored
    files named as the client named them (`names`: stored name -> client's name)."""
    with use_lang(lang):
        try:
            result = audit_run(manifest, allocation)
        except BudgetoptError as exc:
            return AuditOutcome(False, error=error_pair(exc, names))
    return AuditOutcome(
        ok=result.ok, summary=_named(both(result.summary()), names),
        violations=tuple(_named((v.text("zh"), v.text("en")), names) for v in result.violations),
        verdict=both(result.verdict()), distance=both(result.distance()) if result.ok else None,
        notes=tuple(_named(both(note), names) for note in result.notes))


def _named(pair: Pair, names: dict[str, str]) -> Pair:
    """Both sentences with each stored file's name (a SHA-256 or a random token: nothing else reads so) replaced by
    the client's."""
    zh, en = pair
    for stored, client in names.items():
        zh, en = zh.replace(stored, client), en.replace(stored, client)
    return zh, en


def verify_run(manifest: Path, label: str, lang: str) -> VerifyOutcome:
    """The run re-made from its recorded inputs: the identical allocation.csv, or what differs."""
    with use_lang(lang):
        try:
            result = verify(manifest)
        except BudgetoptError as exc:
            return VerifyOutcome(False, error_pair(exc))
    return VerifyOutcome(result.ok, both(result.headline(label)), tuple(both(f) for f in result.findings),
                         tuple(both(n) for n in result.notes))


def publish_run(folder: Path, label: str, ledger: Path, notice: NoticeSettings,
                names: dict[str, str]) -> LedgerOutcome:
    """The run in `folder` published, as `budgetopt publish` does: notice.xlsx written as `notice` says (its language,
    period, first day and contact) and awards.json, its awards recorded in `ledger`; or the library's refusal, the
    run's folder named by its `label` and its stored inputs by `names`."""
    with use_lang(notice.lang):
        try:
            done = publish(folder, ledger, lang=notice.lang, objection_days=notice.objection_days,
                           starts=notice.starts, contact=notice.contact or None)
        except BudgetoptError as exc:
            zh, en = error_pair(exc)
            return LedgerOutcome(False, error=(run_named(zh, folder, label, names), run_named(en, folder, label,
                                                                                              names)))
    return LedgerOutcome(True, summary=both(done.summary()))


def import_ledger_awards(ledger: Path, awards: Path, client_name: str, policy: str, limits: FileLimits,
                         lang: str) -> LedgerOutcome:
    """Another policy's awards, read from the uploaded workbook as `budgetopt ledger import` reads it, recorded in
    `ledger`; or every problem of the workbook (by row and column), or the refusal, the file named as the client
    named it."""
    names = {awards.name: client_name}
    with use_lang(lang):
        try:
            imported = import_awards(ledger, awards, policy, limits=limits)
        except AwardsFileError as exc:
            return LedgerOutcome(False, problems=problem_rows(exc.problems, names),
                                 warnings=problem_rows(exc.warnings, names))
        except BudgetoptError as exc:
            return LedgerOutcome(False, error=_named(error_pair(exc, names), names))
    return LedgerOutcome(True, summary=_named(both(imported.summary()), names),
                         warnings=problem_rows(imported.warnings, names))


# ---------------------------------------------------------------------------------------------- outcomes


def _names(job: RunJob) -> dict[str, str]:
    names = {job.workbook.name: job.workbook_name}
    if job.scenario is not None:
        names[job.scenario.name] = job.scenario_name
    return names


def _failure(exc: BudgetoptError, job: RunJob) -> Outcome:
    """How a run that raised on purpose ended: invalid inputs, an infeasible scenario, or no proven optimum.
    (Anything unexpected is not caught here: the worker reports it as failed, and the server logs it.)"""
    if isinstance(exc, InputError):
        return Outcome("invalid", problems=problem_rows(exc.problems, _names(job)),
                       warnings=problem_rows(exc.warnings, _names(job)))
    if isinstance(exc, Infeasible):
        return Outcome("infeasible", conflicts=tuple(both(c) for c in exc.phrases))
    return Outcome("failed", error=error_pair(exc))  # SolverError, or another BudgetoptError


def _binding(result: Allocation) -> tuple[LimitRow, ...]:
    names = applicant_names(result.awards)
    binds = budget_binds(result.constraints)
    return tuple(LimitRow((limit_name(c, "zh", names), limit_name(c, "en", names)), c.limit, c.used,
                          (marginal_meaning(c, "zh", binds), marginal_meaning(c, "en", binds)), c.earlier)
                 for c in result.constraints if c.binding)


def _levels(result: Sweep) -> tuple[LevelRow, ...]:
    rows = []
    for level in result.levels:
        allocation = level.allocation
        if allocation is None:
            rows.append(LevelRow(level.budget, None, None, None, None, tuple(both(c) for c in level.conflicts)))
        else:
            rows.append(LevelRow(level.budget, allocation.allocated, allocation.count("FUNDED"),
                                 allocation.count("PARTIAL"), level.marginal_per_wan))
    return tuple(rows)
