"""What the app's worker processes do for a two-year plan (a total split between two years): one call of
`optimizer.plan_years`, its splits made into plain values with every sentence in both languages, and plan.csv and
plan.xlsx written (see tasks.py for how the workers run).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optimizer.domain import Problem
from optimizer.errors import BudgetoptError, InputError
from optimizer.jobs.inputs import CountedLedger, ledger_of
from optimizer.jobs.plan import YearPlan, plan_years
from optimizer.money import said_amount
from optimizer.report.files import write_all
from optimizer.report.limits import budget_marginal
from optimizer.report.planning_out import missing, plan_csv, plan_xlsx
from optimizer.web.ledgers import LedgerFacts
from optimizer.web.tasks import (
    FACE,
    Outcome,
    Pair,
    ProblemRow,
    RunJob,
    client_names,
    error_pair,
    failure,
    progress_writer,
    renamed,
)
from optimizer.words import LANGS, Phrase, pick, use_lang

if TYPE_CHECKING:
    import pandas as pd


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


def plan_run(job: PlanJob) -> Outcome:
    """A two-year plan, as `optimizer.plan_years` makes it from the two runs' inputs, counting the award ledger as the
    first year's run counted it; its splits written as plan.csv and plan.xlsx (both or neither) in the plan's
    language."""
    first, second = job.first, job.second
    names = {**client_names(first), **client_names(second)}
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
                              limits=first.limits, progress=progress_writer(job.progress))
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
            return replace(failure(exc, first), ledger=job.ledger)
    return Outcome("done", warnings=placed_rows(plan.warnings, names), ledger=job.ledger, plan=summary)


def placed_rows(problems: Sequence[Problem], names: dict[str, str]) -> tuple[ProblemRow, ...]:
    """Problems of two workbooks as table rows: each says its file and sheet too (a row number alone would not say
    which year's), the stored files named as the client named them."""
    return tuple(ProblemRow(p.row, p.column, renamed(p, names, "zh").text("zh", FACE),
                            renamed(p, names, "en").text("en", FACE)) for p in problems)


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
