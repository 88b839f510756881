"""What the app's worker processes do: read an upload, allocate, sweep, a stability run, a goal search (the least
budget that funds chosen applications: goal_tasks.py), a two-year plan (a total split between two years:
plan_tasks.py), audit, verify, publish a run, import another policy's awards — each one call of the library, its
outcome made into plain values with every sentence in both languages (the page shows the one it is read in; the API
the run's own).

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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optimizer.domain import Problem
from optimizer.errors import BudgetoptError, Infeasible, InputError
from optimizer.jobs.allocate import Allocation, allocate
from optimizer.jobs.audit import audit_run
from optimizer.jobs.inputs import CountedLedger, read_inputs
from optimizer.jobs.ledger import import_awards
from optimizer.jobs.publish import publish
from optimizer.jobs.stability import Stability, stability
from optimizer.jobs.sweep import Sweep, sweep
from optimizer.jobs.verify import verify
from optimizer.reading.applications import read_applications
from optimizer.reading.awards import AwardsFileError
from optimizer.reading.guard import ExcelFileError, FileLimits
from optimizer.report.console import ledger_reduced
from optimizer.report.limits import applicant_names, budget_binds, limit_name, marginal_meaning
from optimizer.report.manifest import totals
from optimizer.report.notice import NoticeSettings
from optimizer.report.units import sentence
from optimizer.rules.policy import load_policy
from optimizer.rules.scenario import BUDGET_ARGUMENT
from optimizer.web.ledgers import LedgerChoice, LedgerFacts, counted_ledger, facts_of, run_named
from optimizer.words import Phrase, place_text, use_lang, with_place

if TYPE_CHECKING:
    from optimizer.web.goal_tasks import GoalSummary
    from optimizer.web.plan_tasks import PlanSummary

Pair = tuple[str, str]  # (Chinese, English)
FACE = "web"


@dataclass(frozen=True)
class ProblemRow:
    """A problem (or warning) as a table shows it: where (row, column) and what, in both languages — and, for a
    warning about the whole run or a whole file, what it says as report.html lists it under its heading (`plain`:
    at its sheet, without the input's file name or the mark 警告：, a capitalised sentence), which a run's page shows
    under the same heading (an officer's review: `sample_applications.xlsx：警告：` before the 就高 warning, as if the
    workbook were at fault)."""

    row: int | None
    column: str | None
    zh: str
    en: str
    plain: Pair | None = None

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
            text = "\n".join(renamed(p, names, lang).text(lang, FACE) for p in exc.problems)
        else:
            text = exc.says(lang, FACE)
        return text + ("" if exc.hint is None else exc.hint.text(lang, FACE))

    return said("zh"), said("en")


def renamed(problem: Problem, names: dict[str, str] | None, lang: str) -> Problem:
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
            rows.append(ProblemRow(None, p.column, renamed(p, names, "zh").text("zh", FACE),
                                   renamed(p, names, "en").text("en", FACE),
                                   (plain(p, "zh"), plain(p, "en")) if p.warning else None))
    return tuple(rows)


def plain(warning: Problem, lang: str) -> str:
    """A warning as report.html lists it under its heading: at its sheet (and column), not its file, unmarked, as
    the app words it.

    >>> hidden = Problem.of("x.xlsx", "sheet.hidden_sheet", warning=True, names="B", read="A")
    >>> hidden.text("en", FACE)
    'x.xlsx: warning: hidden sheet B is not read; the applications are read from sheet A only'
    >>> plain(hidden, "en")
    'Hidden sheet B is not read; the applications are read from sheet A only.'
    >>> plain(hidden, "zh")
    '隐藏的工作表 B 不读取；申报数据只从工作表 A 读取。'
    """
    return sentence(with_place(place_text("", warning.sheet, None, warning.column, lang),
                               warning.says(lang, FACE), lang), lang)


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


def read_ledger(choice: LedgerChoice | None) -> tuple[CountedLedger, LedgerFacts | None] | Outcome:
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
        read = read_ledger(job.ledger)
        if isinstance(read, Outcome):
            return read
        counted, ledger = read
        try:
            result = allocate(job.workbook, job.scenario, budget=job.budget, solver=job.solver,
                              skip_invalid=job.skip_invalid, limits=job.limits, ledger=counted)
            result.write(job.out_dir, job.lang)
        except BudgetoptError as exc:
            return replace(failure(exc, job), ledger=ledger)
    return Outcome("done", warnings=problem_rows(result.warnings, client_names(job)), totals=totals(result),
                   binding=_binding(result), budget=result.scenario.budget,
                   ledger=None if ledger is None else replace(ledger, reduced=ledger_reduced(result)))


def sweep_run(job: SweepJob) -> Outcome:
    """A sweep: the run's scenario at each level, one level after another (a worker is one solve at a time), the
    award ledger counted as a run counts it."""
    run = job.run
    progress = progress_writer(job.progress)
    with use_lang(run.lang):
        read = read_ledger(run.ledger)
        if isinstance(read, Outcome):
            return read
        counted, ledger = read
        try:
            result = sweep(run.workbook, run.scenario, levels=list(job.levels), workers=1, solver=run.solver,
                           skip_invalid=run.skip_invalid, limits=run.limits, ledger=counted, progress=progress)
            result.write(run.out_dir, run.lang)
        except BudgetoptError as exc:
            return replace(failure(exc, run), ledger=ledger)
    return Outcome("done", levels=_levels(result), ledger=ledger)


def stability_run(job: StabilityJob) -> Outcome:
    """A stability run, as `budgetopt stability` makes it: the inputs read together, the workbook named as the
    officer named it (so that stability.xlsx says the same as the command line's), the award ledger counted as a run
    counts it, the draws solved by `job.workers` processes; the three files written. Stopped (SIGTERM, the server
    stopping), it ends its pool's processes before it goes."""
    run = job.run
    signal.signal(signal.SIGTERM, _stop)
    progress = progress_writer(job.progress)
    with use_lang(run.lang):
        read = read_ledger(run.ledger)
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
            return replace(failure(exc, run), ledger=ledger)
    return Outcome("done", warnings=problem_rows(book.warnings, client_names(run)), budget=scenario.budget,
                   ledger=ledger, stability=_noise_summary(result))


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # through the library's pool, which cancels its chunks and ends its processes


def progress_writer(path: Path) -> Callable[[int, int], None]:
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


def client_names(job: RunJob) -> dict[str, str]:
    names = {job.workbook.name: job.workbook_name}
    if job.scenario is not None:
        names[job.scenario.name] = job.scenario_name
    return names


def failure(exc: BudgetoptError, job: RunJob) -> Outcome:
    """How a run that raised on purpose ended: invalid inputs, an infeasible scenario, or no proven optimum.
    (Anything unexpected is not caught here: the worker reports it as failed, and the server logs it.)"""
    if isinstance(exc, InputError):
        return Outcome("invalid", problems=problem_rows(exc.problems, client_names(job)),
                       warnings=problem_rows(exc.warnings, client_names(job)))
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
