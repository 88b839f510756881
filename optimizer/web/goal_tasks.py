"""What the app's worker processes do for a goal search (the least budget that funds chosen applications): one call
of `optimizer.min_budget`, its findings made into plain values with every sentence in both languages, and goal.csv and
goal.xlsx written (see tasks.py for how the workers run).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optimizer.errors import BudgetoptError
from optimizer.jobs.min_budget import BudgetGoal, min_budget
from optimizer.money import WAN, said_amount
from optimizer.report.files import write_all
from optimizer.report.planning_out import goal_csv, goal_xlsx, missing
from optimizer.web.ledgers import LedgerFacts
from optimizer.web.plan_tasks import plan_ledger
from optimizer.web.tasks import (
    FACE,
    Outcome,
    Pair,
    ProblemRow,
    RunJob,
    client_names,
    error_pair,
    failure,
    problem_rows,
    read_ledger,
)
from optimizer.web.views import figure, scenario_label
from optimizer.words import Phrase, reason_text, use_lang

if TYPE_CHECKING:
    import pandas as pd

    from optimizer.domain import Award
    from optimizer.jobs.inputs import CountedLedger


@dataclass(frozen=True)
class GoalJob:
    """A goal search: the run's inputs and settings, and the targets — every application scoring at least
    `min_score` (of `clause` and of `district`, when they are given), funded in full (`full`) or with any award — and
    the search's precision (an amount with its unit, as typed and checked by the form); `source`, the id of the run
    whose workbook and scenario it searches ("" when not told: goal.xlsx then names the workbook and scenario
    only), and `source_name`, that run as the pages name it in the run's language (`2026年基准方案 · 2亿元 ·
    12-07 17:38`); `progress`, the small file the page reads while it works ("solves proof_solves"); `as_run`: the
    award ledger counted as the source run counted it (`counted`, its record; None: none) — False, a search asked
    before it was, counts the ledger as it stands when it starts."""

    run: RunJob
    min_score: str
    clause: str
    district: str
    full: bool
    precision: str
    source: str = ""
    prove: bool = False  # settle every budget below the one found (at most PROOF_MOST solves)
    source_name: str = ""
    progress: Path | None = None
    as_run: bool = False
    counted: LedgerFacts | None = None


PROOF_MOST = 2_000  # solves: the most a proof asked for on the page takes (some minutes on the sample at 10万)
PROGRESS_EVERY = 0.3  # seconds: the progress file is written at most this often (and at the end)


@dataclass
class GoalProgress:
    """`min_budget`'s progress(solves, proof_solves), written to `path` as "solves proof_solves" for the page to read
    (at most every PROGRESS_EVERY seconds, the first and the last call always) and kept: the last counts are the
    search's."""

    path: Path | None = None
    solves: int = 0
    proof: int = 0
    written: float = field(default=float("-inf"))

    def __call__(self, solves: int, proof: int) -> None:
        self.solves, self.proof = solves, proof
        if self.path is not None and time.monotonic() - self.written >= PROGRESS_EVERY:
            self.write()

    def write(self) -> None:
        """The counts as they stand, to the file (replaced whole: the page never reads half of it)."""
        if self.path is None:
            return
        scratch = self.path.with_suffix(".tmp")
        scratch.write_text(f"{self.solves} {self.proof}", encoding="ascii")
        os.replace(scratch, self.path)
        self.written = time.monotonic()


@dataclass(frozen=True)
class BlockedRow:
    """A target the budget found does not fund, with its award at the high budget and its reason there (`held`: the
    limits alone, as a sentence names them), and the least budget solved that funded it, if one did."""

    application_id: str
    applicant: str
    clause: str
    score: str
    status: str
    allocated: int
    reason: Pair
    elsewhere: int | None = None
    held: Pair = ("", "")  # what holds it there: its reason's limits, without how its entitlement was set and the
    # rounding ("": a record from before, whose `reason` says it)
    capped: bool = False  # held there by a cap shared with other applications (False too: a record from before)


# the reasons that name a limit shared with other applications: under it, whole awards swap from budget to budget
CAPS = frozenset(code + after for code in ("applicant_cap", "applicant_period_cap", "group_cap", "envelope",
                                          "district_share") for after in ("", "_after"))


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
    proven: bool = False  # every budget below `budget` proven not to fund the reachable targets
    settled: int | None = None  # a proof stopped at its limit: every budget from this one up to `budget` settled
    without_proven: bool = True  # False: `without` is the least found, its proof stopped at its limit
    proof_most: int = 0  # the most solves the proofs might make (0: no proof asked)
    proof_solves: int | None = None  # the solves the proofs made (None: not counted, a record from before)


def goal_run(job: GoalJob) -> Outcome:
    """A goal search, as `optimizer.min_budget` makes it from the run's inputs (the award ledger counted as the source
    run counted it); its targets' table written as goal.csv and goal.xlsx (both or neither) in the run's language."""
    run = job.run
    with use_lang(run.lang):
        read = goal_ledger(job)
        if isinstance(read, Outcome):
            return read
        counted, ledger = read
        progress = GoalProgress(job.progress)
        try:
            goal = min_budget(run.workbook, run.scenario, fund=goal_targets(job), precision=job.precision,
                              full=job.full, solver=run.solver, ledger=counted, skip_invalid=run.skip_invalid,
                              limits=run.limits, prove=PROOF_MOST if job.prove else False, progress=progress)
            progress.write()
            frames = {lang: goal.to_frame(lang) for lang in ("zh", "en")}
            summary = replace(_goal_summary(goal, frames), proof_most=PROOF_MOST if job.prove else 0,
                              proof_solves=progress.proof if job.prove else None)
            found = goal_warnings(goal, summary, client_names(run))
            write_all(run.out_dir, {"goal.csv": goal_csv(frames[run.lang]),
                                    "goal.xlsx": goal_xlsx(frames[run.lang], run.lang,
                                                           goal_about(job, goal, run.lang, summary, found))})
        except BudgetoptError as exc:
            return replace(failure(exc, run), ledger=ledger)
    return Outcome("done", warnings=found, budget=goal.budget, ledger=ledger, goal=summary)


def goal_ledger(job: GoalJob) -> tuple[CountedLedger, LedgerFacts | None] | Outcome:
    """The award ledger a goal search counts — as its source run counted it, as a two-year plan counts the first
    year's (an officer's review: a search on a run published since counted that run's own awards, and headlined a
    second round's budget for the question of the first) — and what its record says of it; or the failed outcome,
    with the sentence, when it is no longer the ledger the run counted."""
    if not job.as_run:
        return read_ledger(job.run.ledger)
    try:
        return plan_ledger(job.counted, job.source), job.counted
    except BudgetoptError as exc:
        return Outcome("failed", error=error_pair(exc), ledger=job.counted)


AT_BUDGET = ("dedupe.kept_unfunded", "dedupe.kept_unfunded_any")  # the allocation's warnings its budget decides


def goal_warnings(goal: BudgetGoal, found: GoalSummary, names: dict[str, str]) -> tuple[ProblemRow, ...]:
    """The search's warnings and those of the allocation at the budget found, as the page lists them: a warning that
    budget decides (就高 keeping an unfunded application, by the funding line there) said at it — `在所需预算
    18,433万元 下：` (an officer's review: the goal page gave the line 约84.8 and no word of the budget it was
    measured at; the run's own is another)."""
    rows = problem_rows(goal.warnings, names)
    decided = [w.code in AT_BUDGET for w in goal.allocation.warnings]
    at = problem_rows(goal.allocation.warnings, names)
    return rows + tuple(
        replace(row, plain=(at_budget(row.plain[0], found, "zh"), at_budget(row.plain[1], found, "en")))
        if says and row.plain is not None else row for row, says in zip(at, decided, strict=True))


def at_budget(said: str, goal: GoalSummary, lang: str) -> str:
    """A warning of the allocation at the budget found, said at that budget (at the one the search ended at, when it
    funds none of the targets; as the one found, not the least, when a proof stopped before proving it).

    >>> found = GoalSummary(184_330_000, 0, 95, 89, True, 10_000, 498_400_000, 60)
    >>> at_budget("1项内容按就高保留了……", found, "zh")
    '在所需预算 18,433万元 下：1项内容按就高保留了……'
    >>> at_budget("1项内容按就高保留了……", replace(found, settled=170_000_000), "zh")
    '在测算找到的预算 18,433万元 下：1项内容按就高保留了……'
    >>> at_budget("An item …", replace(found, reachable=0), "en")
    'At the budget the search ended at, 18,433万: An item …'
    """
    code = ("web.goal.warning_at_none" if not goal.reachable
            else "web.goal.warning_at_unproven" if proof_stopped(asdict(goal)) else "web.goal.warning_at")
    return Phrase.of(code, budget=figure(goal.budget, lang), said=said).text(lang, FACE)


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


def goal_about(job: GoalJob, goal: BudgetGoal, lang: str, found: GoalSummary | None = None,
               warnings: Sequence[ProblemRow] = ()) -> list[tuple[str, str]]:
    """What goal.xlsx says of the search before its table, so that the file is read on its own: the question, the run
    it came from (as the pages name it, its id beside), its scenario and workbook, the budget found (the year's
    whole, its reserve included; a proof stopped at its limit: found, not proven least) and how many targets it
    funds — or, when it funds none, that no budget does, as the page says it — then what the page says of it (the
    scenario's floor, a goal of one target, the few targets that set it, those funded only at other budgets, funding
    that did not grow with the budget, the proof), the warnings about the whole search as the page lists them
    (`warnings`: the outcome's), how many budgets were solved, the high budget at which the others were judged and
    the precision; amounts as the page shows them (`18,433万元`). `found`: the search as the page reads it (made
    from `goal` when not given)."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    summary = asdict(found if found is not None else _goal_summary(goal, {k: goal.to_frame(k) for k in ("zh", "en")}))
    said = findings(summary, lang, {a.application_id: a.applicant for a in goal.allocation.awards})
    asked = {"min_score": job.min_score, "clause": job.clause, "district": job.district}
    how = t("web.goal.in_full" if job.full else "web.goal.any")
    question = f"{targets_said(asked, lang)}{'，' if lang == 'zh' else ', '}{how}"
    rows = [(t("web.goal.about.question"), question)]
    source = (f"{job.source_name}（{job.source}）" if lang == "zh" else f"{job.source_name} ({job.source})"
              ) if job.source_name else job.source
    rows += [(t("web.goal.about.source"), source)] if source else []
    rows += [(t("web.goal.about.scenario"), scenario_label(job.run.scenario_name, lang)),
             (t("web.goal.about.workbook"), job.run.workbook_name)]
    if said["none"]:
        rows.append((t("web.goal.about.budget"), said["none"]))
    else:
        funds = t("web.goal.about.of", reachable=len(goal.reachable), targets=len(goal.targets))
        label = "web.goal.about.budget_unproven" if proof_stopped(summary) else "web.goal.about.budget"
        rows += [(t(label), figure(goal.budget, lang)),
                 (t("web.goal.about.reserve"), figure(goal.reserve, lang)), (t("web.goal.about.funds"), funds)]
    gap = "" if lang == "zh" else " "
    notes = {"floor": said["floor"], "only": gap.join(s for s in (said["only"], said["why"]) if s),
             "setting": said["setting"], "elsewhere": elsewhere_in_file(summary, lang) if not said["none"] else "",
             "notes": gap.join(s for s in (said["monotone"], said["nearly"]) if s)}
    rows += [(t(f"web.goal.about.{key}"), note) for key, note in notes.items() if note]
    cautions = [(w.plain[0] if lang == "zh" else w.plain[1]) if w.plain is not None else w.message(lang)
                for w in warnings if w.row is None]
    rows += [(Phrase.of("report.heading.warnings.action").text(lang, FACE), "\n".join(cautions))] if cautions else []
    return [*rows, (t("web.goal.about.solves"), said["solves"]), (t("web.goal.about.high"), figure(goal.high, lang)),
            (t("web.goal.about.precision"), figure(goal.precision, lang))]


def elsewhere_in_file(goal: Mapping[str, Any], lang: str) -> str:
    """How many targets are funded only at other budgets, as goal.xlsx says it: the budget each is funded at is a
    column of the targets' sheet, named (an officer's review: "见下表" in a sheet with no table below); "" for none."""
    count = sum(1 for row in goal.get("blocked") or [] if row.get("elsewhere") is not None)
    if not count:
        return ""
    code = "web.goal.elsewhere_sheet_one" if count == 1 else "web.goal.elsewhere_sheet"
    return Phrase.of(code, count=count, sheet=Phrase.of("web.goal.sheet").text(lang, FACE),
                     column=Phrase.of("web.goal.col.elsewhere").text(lang, FACE)).text(lang, FACE)


def proof_stopped(goal: Mapping[str, Any]) -> bool:
    """Whether a proof was asked for and stopped at its limit of solves: the budget found is not proven least."""
    return not goal.get("proven") and goal.get("settled") is not None


def solves_said(goal: Mapping[str, Any], lang: str) -> str:
    """How many budgets the search solved, and, of a proof asked for, how many of them the proof made: `共求解 4054
    个预算，其中证明用了 2000 次求解。` (an officer's review: "证明在求解2000次后停止" beside "共求解 4054 个预算",
    and nothing to tell the two numbers apart)."""
    proof = goal.get("proof_solves")
    if proof is None or not goal.get("proof_most"):
        return Phrase.of("web.goal.solves", solves=goal["solves"]).text(lang, FACE)
    return Phrase.of("web.goal.solves_proof", solves=goal["solves"], proof=proof).text(lang, FACE)


def findings(goal: Mapping[str, Any], lang: str, applicants: Mapping[str, str] | None = None) -> dict[str, str]:
    """What the page and goal.xlsx say of a goal search's findings (`goal`: a GoalSummary as a record keeps it),
    sentence by sentence, in an officer's words: the budget found as a figure, how many targets it funds (a goal of
    one target: which, its award, and why the year needs more), those no budget reaches (in full, for a goal in full
    some of them get part of theirs), the few that set it (named with their applicants, `applicants`) and what they
    add to it, whether a larger budget funds fewer — and then the windows of funding the budgets solved show, and
    whether the probing below stopped at its limits — and the targets one precision less leaves short only by the
    rounding unit. When the budget found funds none of the targets, `none` says that no budget does, and why, in
    place of all that: the budget found is then only the least the scenario can be solved at, and funds nothing
    asked for (an officer's review: "所需最低预算 2,000万元" for a target no budget funds)."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    blocked = goal.get("blocked") or []
    elsewhere = sum(1 for row in blocked if row.get("elsewhere") is not None)
    unreached = [row for row in blocked if row.get("elsewhere") is None]
    partly = goal.get("full") is not False and any(row.get("status") == "PARTIAL" for row in unreached)
    said_of = dict.fromkeys(("headline", "figure", "floor", "counts", "only", "why", "elsewhere", "setting",
                             "monotone", "nearly", "none"), "")
    said_of |= {"high": figure(goal["high"], lang), "solves": solves_said(goal, lang),
                "blocked_title": t("web.goal.blocked_title_full" if partly else "web.goal.blocked_title",
                                   high=figure(goal["high"], lang)),
                "capped": t("web.goal.blocked_capped") if any(row.get("capped") for row in unreached) else "",
                "elsewhere_lead": t("web.goal.elsewhere_lead_unproven" if proof_stopped(goal)
                                    else "web.goal.elsewhere_lead", high=figure(goal["high"], lang))}
    if not goal["reachable"]:
        return said_of | {"none": none_said(goal, lang)}
    some = goal["reachable"] < goal["targets"]
    said_of |= {"headline": t("web.goal.headline_unproven" if proof_stopped(goal) else "web.goal.headline",
                              reserve=said_amount(goal.get("reserve", 0))),
                "figure": figure(goal["budget"], lang, yi=True),
                "floor": t("web.goal.least_solvable_some" if some else "web.goal.least_solvable")
                if goal.get("least_solvable") else "",
                "counts": counts_said(goal["reachable"], goal["targets"], len(unreached), lang, partly),
                "why": others_said(goal, lang), "monotone": caution_said(goal, lang), "nearly": nearly_said(goal, lang)}
    only = goal.get("only")
    if only and goal["reachable"] == goal["targets"] == 1:
        target_id, applicant, award = only
        who = t("web.goal.who", id=target_id, applicant=applicant) if applicant else target_id
        said_of["only"] = said_of["counts"] = t("web.goal.only_funded", who=who, award=figure(award, lang))
    if elsewhere:
        said_of["elsewhere"] = t("web.goal.elsewhere_one" if elsewhere == 1 else "web.goal.elsewhere", count=elsewhere)
    setting = goal.get("setting") or []
    if setting and goal.get("without") is not None:
        said_of["setting"] = setting_said(setting, goal, applicants or {}, lang)
    return said_of


def none_said(goal: Mapping[str, Any], lang: str) -> str:
    """What the page and goal.xlsx say, in place of a budget, when the budget found funds none of the targets: that no
    budget funds the one target, and what holds it where money is no limit; that no budget funds any of several; or,
    when some were funded at other budgets solved (whole awards swapping under a cap), that no least budget was found
    and how many those are."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    how = t("web.goal.none_how_full" if goal.get("full") is not False else "web.goal.none_how_any")
    high = figure(goal["high"], lang)
    blocked = goal.get("blocked") or []
    swapped = sum(1 for row in blocked if row.get("elsewhere") is not None)
    if swapped:
        return t("web.goal.none_swapped", how=how, high=high, count=swapped)
    if goal["targets"] != 1 or len(blocked) != 1:
        return t("web.goal.none_many", how=how, count=goal["targets"])
    row = blocked[0]
    applicant = str(row.get("applicant") or "")
    who = t("web.goal.who", id=row["application_id"], applicant=applicant) if applicant else row["application_id"]
    held = row.get("held") or ("", "")
    return t("web.goal.none_one", how=how, who=who, high=high,
             held=(held[0] or row["reason"][0]) if lang == "zh" else (held[1] or row["reason"][1]))


def counts_said(reachable: int, targets: int, unreached: int, lang: str, partly: bool = False) -> str:
    """How many targets the budget found funds, and how many no budget reaches (`partly`: in full — a goal in full
    some of whose targets get part of theirs) — or, when it funds them all, only that every target can be funded.

    >>> counts_said(9, 9, 0, "zh")
    '每项目标都能获资助（共 9 项）。'
    >>> counts_said(35, 40, 4, "zh")
    '该预算资助 35 项目标（共 40 项）；4 项目标在资金不受限时也未获资助，原因见下表。'
    >>> counts_said(35, 40, 4, "zh", partly=True)
    '该预算资助 35 项目标（共 40 项）；4 项目标在资金不受限时也未获全额资助，原因见下表。'
    >>> counts_said(35, 40, 1, "en")
    'It funds 35 of the 40 targets; 1 of them are not funded even where money is no limit (why: below).'
    >>> counts_said(39, 40, 0, "en"), counts_said(1, 1, 0, "en")
    ('It funds 39 of the 40 targets.', 'The one target can be funded.')
    """
    if reachable == targets:
        code = "web.goal.all_funded_one" if targets == 1 else "web.goal.all_funded"
    elif unreached:
        code = "web.goal.counts_unreached_full" if partly else "web.goal.counts_unreached"
    else:
        code = "web.goal.counts"
    return Phrase.of(code, reachable=reachable, targets=targets, count=unreached).text(lang, FACE)


def setting_said(setting: Sequence[str], goal: Mapping[str, Any], applicants: Mapping[str, str], lang: str) -> str:
    """The few targets that set the budget found, each with its applicant, and what they add to it: `只因
    2026-0036（重庆铜锣水泥集团有限公司）一项，预算才需 18,433万元；不要求它全额资助，其余目标只需 18,364万元（少
    69万元）。` — marked the least found, not proven, where a proof was asked for and stopped before proving it (an
    officer's review: 其余目标只需 25,343万元, below what the proof settled, read as proven)."""
    who = ("、" if lang == "zh" else ", ").join(
        Phrase.of("web.goal.who", id=i, applicant=applicants[i]).text(lang, FACE) if applicants.get(i) else i
        for i in setting)
    how = Phrase.of("web.goal.setting_full" if goal.get("full") is not False else "web.goal.setting_any")
    code = "web.goal.setting_one" if len(setting) == 1 else "web.goal.setting_many"
    unproven = "" if goal.get("without_proven", True) else Phrase.of("web.goal.without_unproven").text(lang, FACE)
    return Phrase.of(code, who=who, count=len(setting), budget=figure(goal["budget"], lang),
                     without=figure(goal["without"], lang), saved=figure(goal["budget"] - goal["without"], lang),
                     how=how.text(lang, FACE), unproven=unproven).text(lang, FACE)


def caution_said(goal: Mapping[str, Any], lang: str) -> str:
    """What the page and goal.xlsx say when a larger budget funds fewer of the targets: that the budget is the least
    the search found (and, when probing below found it, under which first one); the windows of funding the budgets
    solved show, when there are several; and whether the probing stopped at its limits. When every larger budget
    solved funded them, that the budget is still the least found, not proven (""  when no budget was found)."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    gaps = goal.get("gaps") or []
    proof = proof_said(goal, lang)
    if not gaps:  # a planner's review: 11 of 26 goals had a smaller budget that funds them, most with no word of it
        return proof or ("" if goal.get("least_solvable") else t("web.goal.found_by_bisection"))  # nothing lower
    said = proof or t("web.goal.not_monotone", example=figure(gaps[0], lang),
                      precision=figure(goal["precision"], lang))
    if goal.get("bisected") is not None:
        said += t("web.goal.bisected", first=figure(goal["bisected"], lang))
    windows = goal.get("windows") or []
    if len(windows) > 1:
        code = "web.goal.windows_proven" if goal.get("proven") else "web.goal.windows"  # proven: none lower
        said += ("" if lang == "zh" else " ") + t(code, count=len(windows), shown=windows_said(windows, lang))
    if goal.get("exhausted"):
        said += ("" if lang == "zh" else " ") + t("web.goal.exhausted")
    return said


def proof_said(goal: Mapping[str, Any], lang: str) -> str:
    """What the page and goal.xlsx say of a proof asked for: that every lower budget, to the precision, is proven not
    to fund the targets; or, stopped at its limit, the stretch it settled written out — `25,348万元 至 26,350万元
    之间的预算都已证明不够；25,348万元 以下未全部核查` (an officer's review: "从 25,348万元 到此" had no clear
    referent) — ("" when none was asked)."""
    precision = figure(goal["precision"], lang)
    budget = figure(goal["budget"], lang)
    if goal.get("proven"):
        below = figure(goal["budget"] - goal["precision"], lang)
        return Phrase.of("web.goal.proven", precision=precision, below=below, budget=budget).text(lang, FACE)
    if goal.get("settled") is None:
        return ""
    settled, last = goal["settled"], goal["budget"] - goal["precision"]
    code = ("web.goal.proof_stopped" if settled > last else "web.goal.proof_stopped_one" if settled == last
            else "web.goal.proof_stopped_from")
    return Phrase.of(code, settled=figure(settled, lang), precision=precision, last=figure(last, lang),
                     solves=goal.get("proof_most") or PROOF_MOST).text(lang, FACE)


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
                                str(en.at[a.application_id, "reason_at_high"])), elsewhere.get(a.application_id),
                               _held(a), any(r.code in CAPS for r in a.reasons))
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
                       sum(a.allocated for a in awards.values()), only, goal.proven, goal.settled,
                       goal.without_proven)


def _held(award: Award) -> Pair:
    """What holds a target where money is no limit, as a sentence names it: its reason's limits (an envelope full, an
    applicant's cap), without how its entitlement was set and the rounding; "" when it gives none."""
    limits = [r for r in award.reasons if r.code != "rounding"]
    zh, en = ([reason_text(r, lang) for r in limits] for lang in ("zh", "en"))
    return "；".join(zh), "; ".join(en)


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
