"""What the app's worker processes do for a goal search (the least budget that funds chosen applications): one call
of `optimizer.min_budget`, its findings made into plain values with every sentence in both languages, and goal.csv and
goal.xlsx written (see tasks.py for how the workers run).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from optimizer.errors import BudgetoptError
from optimizer.jobs.min_budget import BudgetGoal, min_budget
from optimizer.money import WAN
from optimizer.report.files import write_all
from optimizer.report.planning_out import goal_csv, goal_xlsx, missing
from optimizer.web.tasks import FACE, Outcome, Pair, RunJob, client_names, failure, problem_rows, read_ledger
from optimizer.web.views import figure, scenario_label
from optimizer.words import Phrase, use_lang

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class GoalJob:
    """A goal search: the run's inputs and settings, and the targets — every application scoring at least
    `min_score` (of `clause` and of `district`, when they are given), funded in full (`full`) or with any award — and
    the search's precision (an amount with its unit, as typed and checked by the form); `source`, the id of the run
    whose workbook and scenario it searches ("" when not told: goal.xlsx then names the workbook and scenario
    only)."""

    run: RunJob
    min_score: str
    clause: str
    district: str
    full: bool
    precision: str
    source: str = ""


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
    fund fewer (not monotone), the windows of funding the budgets solved show and whether the probing below stopped
    at its limits, the targets one precision less leaves short only by the rounding unit; and, of a goal of one
    target, that target (its id, applicant and award at the budget found)."""

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
    windows: tuple[tuple[int, int], ...] = ()
    exhausted: bool = False
    rounding_short: tuple[tuple[str, int], ...] = ()
    rounding: int = 1  # the scenario's rounding unit (yuan)
    to_targets: int = 0  # what the budget found allocates to the targets
    only: tuple[str, str, int] | None = None  # the one target of a goal of one: id, applicant, award at the budget


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
            summary = _goal_summary(goal, frames)
            write_all(run.out_dir, {"goal.csv": goal_csv(frames[run.lang]),
                                    "goal.xlsx": goal_xlsx(frames[run.lang], run.lang,
                                                           goal_about(job, goal, run.lang, summary))})
        except BudgetoptError as exc:
            return replace(failure(exc, run), ledger=ledger)
    found = problem_rows([*goal.warnings, *goal.allocation.warnings], client_names(run))
    return Outcome("done", warnings=found, budget=goal.budget, ledger=ledger, goal=summary)


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


def goal_about(job: GoalJob, goal: BudgetGoal, lang: str, found: GoalSummary | None = None) -> list[tuple[str, str]]:
    """What goal.xlsx says of the search before its table, so that the file is read on its own: the question, the run
    it came from (its id, scenario and workbook), the budget found (the year's whole, its reserve included), how many
    targets it funds, the high budget at which the others were judged, the precision — amounts as the page shows them
    (`18,433万元`) — and, when funding did not grow with the budget (`found`), what the page says of it."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    asked = {"min_score": job.min_score, "clause": job.clause, "district": job.district}
    how = t("web.goal.in_full" if job.full else "web.goal.any")
    question = f"{targets_said(asked, lang)}{'，' if lang == 'zh' else ', '}{how}"
    funds = t("web.goal.about.of", reachable=len(goal.reachable), targets=len(goal.targets))
    rows = [(t("web.goal.about.question"), question)]
    rows += [(t("web.goal.about.source"), job.source)] if job.source else []
    rows += [(t("web.goal.about.scenario"), scenario_label(job.run.scenario_name, lang)),
             (t("web.goal.about.workbook"), job.run.workbook_name),
             (t("web.goal.about.budget"), figure(goal.budget, lang)), (t("web.goal.about.reserve"),
                                                                       figure(goal.reserve, lang)),
             (t("web.goal.about.funds"), funds), (t("web.goal.about.high"), figure(goal.high, lang)),
             (t("web.goal.about.precision"), figure(goal.precision, lang))]
    notes = [] if found is None else [note for note in (caution_said(asdict(found), lang),
                                                        nearly_said(asdict(found), lang)) if note]
    rows += [(t("web.goal.about.notes"), ("" if lang == "zh" else " ").join(notes))] if notes else []
    return rows


def caution_said(goal: Mapping[str, Any], lang: str) -> str:
    """What the page and goal.xlsx say when a larger budget funds fewer of the targets: that the budget is the least
    the search found (and, when probing below found it, under which first one); the windows of funding the budgets
    solved show, when there are several; and whether the probing stopped at its limits. "" when funding grew with
    the budget."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    gaps = goal.get("gaps") or []
    if not gaps:
        return ""
    said = t("web.goal.not_monotone", example=figure(gaps[0], lang), precision=figure(goal["precision"], lang))
    if goal.get("bisected") is not None:
        said += t("web.goal.bisected", first=figure(goal["bisected"], lang))
    windows = goal.get("windows") or []
    if len(windows) > 1:
        said += ("" if lang == "zh" else " ") + t("web.goal.windows", count=len(windows),
                                                   shown=windows_said(windows, lang))
    if goal.get("exhausted"):
        said += ("" if lang == "zh" else " ") + t("web.goal.exhausted")
    return said


def windows_said(windows: Sequence[Sequence[int]], lang: str, most: int = 3) -> str:
    """The first few windows of funding, as a sentence lists them: `12,768万元～12,772万元、12,818万元等`.

    >>> windows_said([(127_680_000, 127_720_000), (128_180_000, 128_180_000)], "zh")
    '12,768万元～12,772万元、12,818万元'
    >>> windows_said([(1, 1), (2, 3), (4, 4), (5, 5)], "en", most=2)
    '1 yuan, 2 yuan–3 yuan, …'
    """
    shown = [figure(low, lang) if low == high else f"{figure(low, lang)}{'～' if lang == 'zh' else '–'}"
             f"{figure(high, lang)}" for low, high in windows[:most]]
    more = ("等" if lang == "zh" else ", …") if len(windows) > most else ""
    return ("、" if lang == "zh" else ", ").join(shown) + more


def nearly_said(goal: Mapping[str, Any], lang: str) -> str:
    """What the page and goal.xlsx say of the targets one precision less leaves short of full funding only by the
    rounding unit (a target 100元 short is not funded in full, but a reader would want to know); "" for none."""
    short = goal.get("rounding_short") or []
    if not short:
        return ""
    ids = ("、" if lang == "zh" else ", ").join(str(i) for i, _ in short)
    code = "web.goal.rounding_short_one" if len(short) == 1 else "web.goal.rounding_short_many"
    return Phrase.of(code, who=ids, count=len(short), short=figure(max(int(n) for _, n in short), lang),
                     less=figure(goal["budget"] - goal["precision"], lang),
                     unit=figure(goal.get("rounding", 1), lang)).text(lang, FACE)


def _goal_summary(goal: BudgetGoal, frames: dict[str, pd.DataFrame]) -> GoalSummary:
    zh, en = (frame.set_index("application_id") for frame in (frames["zh"], frames["en"]))
    elsewhere = dict(goal.elsewhere)
    blocked = tuple(BlockedRow(a.application_id, a.applicant, a.clause,
                               "" if missing(zh.at[a.application_id, "score"])
                               else f"{float(zh.at[a.application_id, 'score']):g}", a.status.value, a.allocated,
                               (str(zh.at[a.application_id, "reason_at_high"]),
                                str(en.at[a.application_id, "reason_at_high"])), elsewhere.get(a.application_id))
                    for a in goal.blocked)
    awards = {a.application_id: a for a in goal.allocation.awards if a.application_id in goal.targets}
    only = None
    if len(goal.targets) == 1:
        award = awards[goal.targets[0]]
        only = (award.application_id, award.applicant, award.allocated)
    return GoalSummary(goal.budget, goal.allocation.allocated, len(goal.targets), len(goal.reachable), goal.full,
                       goal.precision, goal.high, goal.solves, blocked, goal.setting, goal.without, goal.gaps,
                       goal.bisected, goal.reserve, goal.least_solvable, goal.windows, goal.exhausted,
                       goal.rounding_short, goal.allocation.scenario.rounding,
                       sum(a.allocated for a in awards.values()), only)


def others_said(goal: Mapping[str, Any], lang: str) -> str:
    """Why a goal of one target needs a year far larger than its award: the scenario funds higher weighted scores
    first, and the rest of the budget found (about, to the 万) goes to other applications — said beside the reserve
    it holds back. "" unless the goal is one target, funded, and others get 1万 or more (not when the scenario's floor
    sets the budget: that is said instead)."""
    only = goal.get("only")
    others = (goal["allocated"] - goal.get("to_targets", 0) + WAN // 2) // WAN * WAN  # to the nearest 万
    if not only or goal.get("reachable") != 1 or goal.get("least_solvable") or others <= 0:
        return ""
    code = "web.goal.why_others" if goal.get("reserve") else "web.goal.why_others_no_reserve"
    return Phrase.of(code, others=figure(others, lang), reserve=figure(goal.get("reserve", 0), lang)).text(lang, FACE)
