"""What the app's worker processes do for a goal search (the least budget that funds chosen applications): one call
of `optimizer.min_budget`, its findings made into plain values with every sentence in both languages, and goal.csv and
goal.xlsx written (see tasks.py for how the workers run).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from optimizer.errors import BudgetoptError
from optimizer.jobs.min_budget import BudgetGoal, min_budget
from optimizer.money import said_amount
from optimizer.report.files import write_all
from optimizer.report.planning_out import goal_csv, goal_xlsx, missing
from optimizer.web.tasks import FACE, Outcome, Pair, RunJob, client_names, failure, problem_rows, read_ledger
from optimizer.words import Phrase, pick, use_lang

if TYPE_CHECKING:
    import pandas as pd


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


def goal_run(job: GoalJob) -> Outcome:
    """A goal search, as `optimizer.min_budget` makes it from the run's inputs (the award ledger counted as a run
    counts it); its targets' table written as goal.csv and goal.xlsx (both or neither) in the run's language."""
    run = job.run
    with use_lang(run.lang):
        read = read_ledger(run.ledger)
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
            return replace(failure(exc, run), ledger=ledger)
    found = problem_rows([*goal.warnings, *goal.allocation.warnings], client_names(run))
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
