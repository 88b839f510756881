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
from optimizer.jobs.allocate import Allocation, allocate
from optimizer.jobs.min_budget import BudgetGoal, StopProof, min_budget
from optimizer.reading.applications import read_applications
from optimizer.report.files import write_all
from optimizer.report.planning_out import goal_csv, goal_xlsx, missing
from optimizer.rules.policy import load_policy
from optimizer.web.goal_words import (
    PROOF_MOST,
    aside_alone,
    aside_proven,
    elsewhere_in_file,
    findings,
    left_ids,
    left_said,
    no_proof_needed,
    proof_stopped,
    together_of,
    together_rows,
)
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
    12-07 17:38`); `ids`, the applications asked for by their ids, in place of the score, clause and district;
    `progress`, the small file the page reads while it works ("solves proof_solves"); `stop`, the file
    whose presence asks the proof to stop (the page's 停止证明 makes it); `as_run`: the
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
    stop: Path | None = None
    ids: tuple[str, ...] = ()  # the applications asked for by id (the form's 申报编号): the other criteria unused


PROGRESS_EVERY = 0.3  # seconds: the progress file is written at most this often (and at the end)


@dataclass
class GoalProgress:
    """`min_budget`'s progress(solves, proof_solves), written to `path` as "solves proof_solves" for the page to read
    (at most every PROGRESS_EVERY seconds, the first and the last call always) and kept: the last counts are the
    search's. Once the file `stop` exists (the officer pressed 停止证明), every call raises StopProof: the proof ends
    before its next solve, as at its limit, and the search goes on to its answer."""

    path: Path | None = None
    solves: int = 0
    proof: int = 0
    written: float = field(default=float("-inf"))
    stop: Path | None = None

    def __call__(self, solves: int, proof: int) -> None:
        self.solves, self.proof = solves, proof
        if self.path is not None and time.monotonic() - self.written >= PROGRESS_EVERY:
            self.write()
        if self.stop is not None and self.stop.exists():
            raise StopProof

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
    stopped: bool = False  # the proof was stopped at the officer's request, not at its limit
    elsewhere_goal: tuple[str, ...] = ()  # no target funded where money is no limit, some at other budgets: those
    # funded together at the least of those, whose least budget a proof looked for (BudgetGoal.elsewhere_goal)
    elsewhere_proven: int | None = None  # that least budget: proven, unless `elsewhere_settled`
    elsewhere_settled: int | None = None  # that proof stopped: every budget from this one up to it settled
    elsewhere_least: tuple[tuple[str, int, int | None], ...] = ()  # with a proof, each target funded only at other
    # budgets alone: its least budget found, and None when proven least, else from where up its proof settled
    solver: str = ""  # the solver that answered at the budget headlined, with its version: `HiGHS 1.16.0` ("": a
    # record from before)
    together_ids: tuple[str, ...] = ()  # some targets funded only at other budgets: every target funded at some
    # budget solved (BudgetGoal.together_ids; () otherwise, and in a record from before)
    together: int | None = None  # the least budget found that funds all of `together_ids` at once (None: none does)
    together_proven: bool = False  # that budget proven least
    together_settled: int | None = None  # its proof stopped: every budget from this one up to it settled
    elsewhere_goal_proven: bool | None = None  # `elsewhere_proven` proven least (BudgetGoal.elsewhere_goal_proven;
    # None: a record from before, where `elsewhere_settled` None meant proven)


def goal_run(job: GoalJob) -> Outcome:
    """A goal search, as `optimizer.min_budget` makes it from the run's inputs (the award ledger counted as the source
    run counted it) — the workbook read and checked once, the search and the allocation at the budget it headlines
    given what was read; its targets' table written as goal.csv and goal.xlsx (both or neither) in the run's
    language (the library's table; goal.csv with the budget for all together, with_together)."""
    run = job.run
    with use_lang(run.lang):
        read = goal_ledger(job)
        if isinstance(read, Outcome):
            return read
        counted, ledger = read
        progress = GoalProgress(job.progress, stop=job.stop)
        try:
            rules = load_policy()
            book = read_applications(run.workbook, policy=rules, skip_invalid=run.skip_invalid, limits=run.limits)
            goal = min_budget(book, run.scenario, fund=goal_targets(job), precision=job.precision, full=job.full,
                              policy=rules, solver=run.solver, ledger=counted, skip_invalid=run.skip_invalid,
                              prove=PROOF_MOST if job.prove else False, progress=progress)
            progress.write()
            frames = {lang: goal.to_frame(lang) for lang in ("zh", "en")}
            aside = None if goal.elsewhere_proven is None else allocate(
                book, run.scenario, budget=f"{goal.elsewhere_proven}元", policy=rules, solver=run.solver,
                skip_invalid=run.skip_invalid, ledger=counted)
            files = frames if aside is None else at_aside(frames, aside, job.full, goal.elsewhere_goal)
            table = with_together(files[run.lang], goal)
            summary = replace(_goal_summary(goal, frames), proof_most=PROOF_MOST if job.prove else 0,
                              proof_solves=progress.proof if job.prove else None,
                              solver=(aside or goal.allocation).solver.version)
            found = goal_warnings(goal, summary, client_names(run), aside)
            write_all(run.out_dir, {"goal.csv": goal_csv(table),
                                    "goal.xlsx": goal_xlsx(files[run.lang], run.lang,
                                                           goal_about(job, goal, run.lang, summary, found),
                                                           columns_at(asdict(summary), run.lang))})
        except BudgetoptError as exc:
            return replace(failure(exc, run), ledger=ledger)
    return Outcome("done", warnings=found, budget=goal.budget, ledger=ledger, goal=summary)


def at_aside(frames: dict[str, pd.DataFrame], allocation: Allocation, full: bool,
             setting: Sequence[str] = ()) -> dict[str, pd.DataFrame]:
    """The targets' tables of a goal none of whose targets is funded where money is no limit, with each target's
    status, award and whether it is funded taken at the least budget a proof found for those funded only at some
    budgets (`allocation`, made at it), the budget goal.xlsx headlines (an officer's review: 状态 未获资助,
    在所需预算下获资助 否 beside 所需最低预算 18,400万元 — they were at the search's end) — and whether each sets
    it: those the proof's least budget is of (`setting`, BudgetGoal.elsewhere_goal; an officer's review: 决定预算 否
    for 2026-0060 alone, headlined at its own proven least)."""
    awards = {a.application_id: a for a in allocation.awards}
    wanted = {"FUNDED"} if full else {"FUNDED", "PARTIAL"}

    def moved(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        ids = frame["application_id"]
        frame["status"] = [awards[i].status.value for i in ids]
        frame["allocated"] = [awards[i].allocated for i in ids]
        frame["reachable"] = [awards[i].status.value in wanted for i in ids]
        frame["sets_budget"] = [i in setting for i in ids]
        return frame.astype({"allocated": "int64", "reachable": "bool", "sets_budget": "bool"})

    return {lang: moved(frame) for lang, frame in frames.items()}


def with_together(frame: pd.DataFrame, goal: BudgetGoal) -> pd.DataFrame:
    """goal.csv's table: with `together` last — the least budget found that funds every target funded at some budget
    solved at once (BudgetGoal.together), on the row of each of them, and `together_proven_least` beside it; both empty
    elsewhere, and both empty on every row when there is no such budget (the budget found funds every target funded
    anywhere, or no budget solved funds them all together): the same columns for every goal (an officer's review: 13
    columns for one goal no budget funds all together, 15 for another). goal.xlsx says it in 测算说明."""
    ids = set() if goal.together is None else set(goal.together_ids)
    frame = frame.copy()
    frame["together"] = [goal.together if i in ids else None for i in frame["application_id"]]
    frame["together_proven_least"] = [goal.together_proven if i in ids and goal.together is not None else None
                                      for i in frame["application_id"]]
    return frame.astype({"together": "Int64", "together_proven_least": "boolean"})


def columns_at(goal: Mapping[str, Any], lang: str) -> str:
    """The budget goal.xlsx's status, award and funded columns are at, said after their headers when the page names
    two budgets: the budget found beside the budget for all together (`（5,600万元，不含 2026-0060）`), or the budget
    headlined for some of the targets funded only elsewhere, the rest named on the page (`（7,300万元）`); "" else.

    >>> goal = {"reachable": 2, "budget": 56_000_000, "together_ids": ("2026-0060", "2026-0198", "2026-0362"),
    ...         "together": 73_000_000, "blocked": [{"application_id": "2026-0060", "elsewhere": 73_000_000}]}
    >>> columns_at(goal, "zh"), columns_at(goal, "en")
    ('（5,600万元，不含 2026-0060）', ' (5,600万, without 2026-0060)')
    >>> columns_at({**goal, "together": None}, "zh")
    ''
    """
    if together_of(goal) and goal.get("together") is not None:
        return Phrase.of("web.goal.col.at_without", budget=figure(int(goal["budget"]), lang),
                         left=left_said(goal, lang)).text(lang, FACE)
    if aside_alone(goal):
        return Phrase.of("web.goal.col.at", budget=figure(int(goal["elsewhere_proven"]), lang)).text(lang, FACE)
    return ""


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


def goal_warnings(goal: BudgetGoal, found: GoalSummary, names: dict[str, str],
                  aside: Allocation | None = None) -> tuple[ProblemRow, ...]:
    """The search's warnings and those of the allocation at the budget found, as the page lists them: a warning that
    budget decides (就高 keeping an unfunded application, by the funding line there) said at it — `在所需预算
    18,433万元 下：` (an officer's review: the goal page gave the line 约84.8 and no word of the budget it was
    measured at; the run's own is another). `aside`: of a goal none of whose targets is funded where money is no
    limit, the allocation at the least budget a proof found for those funded only at some budgets — the budget the
    page headlines, whose warnings are listed, not those of the budget the search ended at."""
    allocation = aside if aside is not None else goal.allocation
    rows = problem_rows(goal.warnings, names)
    decided = [w.code in AT_BUDGET for w in allocation.warnings]
    at = problem_rows(allocation.warnings, names)
    return rows + tuple(
        replace(row, plain=(at_budget(row.plain[0], found, "zh"), at_budget(row.plain[1], found, "en")))
        if says and row.plain is not None else row for row, says in zip(at, decided, strict=True))


def at_budget(said: str, goal: GoalSummary, lang: str) -> str:
    """A warning of the allocation at the budget found, said at that budget (at the one the search ended at, when it
    funds none of the targets — at the least budget a proof found for those funded only at some budgets, when there
    is one; as the one found, not the least, when a proof stopped before proving it).

    >>> found = GoalSummary(184_330_000, 0, 95, 89, True, 10_000, 498_400_000, 60)
    >>> at_budget("1项内容按就高保留了……", found, "zh")
    '在所需预算 18,433万元 下：1项内容按就高保留了……'
    >>> at_budget("1项内容按就高保留了……", replace(found, settled=170_000_000), "zh")
    '在测算找到的预算 18,433万元 下：1项内容按就高保留了……'
    >>> at_budget("An item …", replace(found, reachable=0), "en")
    'At the budget the search ended at, 18,433万: An item …'
    >>> aside = replace(found, reachable=0, budget=20_000_000, elsewhere_proven=184_000_000,
    ...                 elsewhere_goal_proven=True)
    >>> at_budget("1项内容按就高保留了……", aside, "zh")
    '在所需预算 18,400万元 下：1项内容按就高保留了……'
    >>> at_budget("An item …", replace(aside, elsewhere_goal_proven=False), "en")
    'At the budget the search found, 18,400万: An item …'
    >>> blocked = (BlockedRow("2026-0060", "", "4", "73.8", "UNFUNDED", 0, ("", ""), 73_000_000),)
    >>> three = replace(found, budget=56_000_000, reachable=2, targets=3, blocked=blocked,
    ...                 together_ids=("2026-0060", "2026-0198", "2026-0362"), together=73_000_000)
    >>> at_budget("1项内容按就高保留了……", three, "zh")
    '在不含 2026-0060 时的预算 5,600万元 下：1项内容按就高保留了……'
    """
    if not goal.reachable and goal.elsewhere_proven is not None:  # the budget the page headlines
        code = "web.goal.warning_at" if aside_proven(asdict(goal)) else "web.goal.warning_at_unproven"
        return Phrase.of(code, budget=figure(goal.elsewhere_proven, lang), said=said).text(lang, FACE)
    found = asdict(goal)
    code = ("web.goal.warning_at_none" if not goal.reachable
            else "web.goal.warning_at_without" if together_of(found) and goal.together is not None
            else "web.goal.warning_at_unproven" if proof_stopped(found) else "web.goal.warning_at")
    return Phrase.of(code, budget=figure(goal.budget, lang), said=said, left=left_said(found, lang)).text(lang, FACE)


def goal_targets(job: GoalJob) -> Callable[[Any], bool] | list[str]:
    """The targets: the ids asked for (`ids`), or the test of a row of the allocation frame that chooses them:
    eligible (an entitlement: not ineligible, not set aside as a duplicate — no budget funds those, and the run's page
    says why), its score at least the minimum (an unreadable score is none), of the clause and of the district asked
    for."""
    if job.ids:
        return list(job.ids)
    least = float(Decimal(job.min_score))

    def chosen(row: Any) -> bool:
        return bool(row.entitlement > 0 and row.score >= least and (not job.clause or row.clause == job.clause)
                    and (not job.district or row.district == job.district))

    return chosen


def targets_said(params: Any, lang: str) -> str:
    """The targets a goal search asks for, in words: `评审得分不低于 85 分的申报（第3条、渝中区）`, or those asked
    for by id, every id named: `申报 2026-0060、2026-0198`."""
    ids = [str(i) for i in params.get("ids") or ()]
    if ids:
        return Phrase.of("web.goal.ids_what_one" if len(ids) == 1 else "web.goal.ids_what",
                         ids=("、" if lang == "zh" else ", ").join(ids)).text(lang, FACE)
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
    funds — or, when it funds none, that no budget does, as the page says it, or the least budget a proof found for
    those funded only at some budgets, and which they are — then what the page says of it (the
    scenario's floor, a goal of one target, the few targets that set it, those funded only at other budgets, funding
    that did not grow with the budget, the proof), the warnings about the whole search as the page lists them
    (`warnings`: the outcome's), how many budgets were solved, the high budget at which the others were judged and
    the precision; amounts as the page shows them (`18,433万元`). `found`: the search as the page reads it (made
    from `goal` when not given)."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    summary = asdict(found if found is not None else _goal_summary(goal, {k: goal.to_frame(k) for k in ("zh", "en")}))
    said = findings(summary, lang, {a.application_id: a.applicant for a in goal.allocation.awards})
    asked = {"min_score": job.min_score, "clause": job.clause, "district": job.district, "ids": job.ids}
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
    elif said["aside"]:  # no target funded where money is no limit; the least budget of those funded elsewhere
        label = "web.goal.about.aside" if aside_proven(summary) else "web.goal.about.aside_unproven"
        if aside_alone(summary):  # it leaves some funded elsewhere out: said first that none funds them all
            label = label.replace("aside", "aside_alone")
        rows += together_rows(summary, lang)
        rows += [(t(label, precision=figure(goal.precision, lang), ids=("、" if lang == "zh" else ", ").join(
                    goal.elsewhere_goal)), figure(summary["elsewhere_proven"], lang)),
                 (t("web.goal.about.reserve"), figure(goal.reserve, lang)),
                 (t("web.goal.about.aside_who"), ("、" if lang == "zh" else ", ").join(left_ids(summary)))]
    else:
        left = [a.application_id for a in goal.blocked] if job.ids else []  # each id was asked for: name those out
        funds = t("web.goal.about.of_ids" if left else "web.goal.about.of", reachable=len(goal.reachable),
                  targets=len(goal.targets), left=("、" if lang == "zh" else ", ").join(left))
        label = ("web.goal.about.budget_unproven" if proof_stopped(summary) else "web.goal.about.budget_floor"
                 if no_proof_needed(summary) else "web.goal.about.budget_proven" if summary["proven"]
                 else "web.goal.about.budget")
        rows += together_rows(summary, lang)
        if together_of(summary) and summary["together"] is not None:  # the budget found: without some of them
            label = label.replace("web.goal.about.budget", "web.goal.about.without")
        rows += [(t(label, precision=figure(goal.precision, lang), left=left_said(summary, lang)),
                  figure(goal.budget, lang)),
                 (t("web.goal.about.reserve"), figure(goal.reserve, lang)), (t("web.goal.about.funds"), funds)]
    gap = "" if lang == "zh" else " "
    notes = {"floor": said["floor"], "only": gap.join(s for s in (said["only"], said["why"]) if s),
             "setting": said["setting"], "elsewhere": elsewhere_in_file(summary, lang) if goal.reachable else "",
             "notes": gap.join(s for s in (said["together_proof"], said["aside_why"], said["aside_proof"],
                                           said["monotone"], said["nearly"]) if s)}
    rows += [(t(f"web.goal.about.{key}"), note) for key, note in notes.items() if note]
    cautions = [(w.plain[0] if lang == "zh" else w.plain[1]) if w.plain is not None else w.message(lang)
                for w in warnings if w.row is None]
    rows += [(Phrase.of("report.heading.warnings.action").text(lang, FACE), "\n".join(cautions))] if cautions else []
    return [*rows, (t("web.goal.about.solves"), said["solves"]), (t("web.goal.about.high"), figure(goal.high, lang)),
            (t("web.goal.about.precision"), figure(goal.precision, lang))]


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
                       goal.without_proven, stopped=goal.stopped, elsewhere_goal=goal.elsewhere_goal,
                       elsewhere_proven=goal.elsewhere_proven, elsewhere_settled=goal.elsewhere_settled,
                       elsewhere_least=goal.elsewhere_least, together_ids=goal.together_ids, together=goal.together,
                       together_proven=goal.together_proven, together_settled=goal.together_settled,
                       elsewhere_goal_proven=goal.elsewhere_goal_proven)


def _held(award: Award) -> Pair:
    """What holds a target where money is no limit, as a sentence names it: its reason's limits (an envelope full, an
    applicant's cap), without how its entitlement was set and the rounding; "" when it gives none."""
    limits = [r for r in award.reasons if r.code != "rounding"]
    zh, en = ([reason_text(r, lang) for r in limits] for lang in ("zh", "en"))
    return "；".join(zh), "; ".join(en)
