"""What the app's worker processes do for a two-year plan (a total split between two years): one call of
`optimizer.plan_years`, its splits made into plain values with every sentence in both languages, and plan.csv and
plan.xlsx written (see tasks.py for how the workers run).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optimizer.domain import Problem
from optimizer.errors import BudgetoptError, InputError
from optimizer.jobs.inputs import CountedLedger, ledger_of
from optimizer.jobs.plan import plan_years
from optimizer.jobs.year_plan import YearPlan, in_yi
from optimizer.money import said_amount
from optimizer.report.files import write_all
from optimizer.report.planning_out import missing, plan_csv, plan_xlsx
from optimizer.web.ledgers import LedgerFacts
from optimizer.web.plan_form import Asked, question
from optimizer.web.tasks import (
    FACE,
    Outcome,
    Pair,
    ProblemRow,
    RunJob,
    client_names,
    error_pair,
    failure,
    plain,
    progress_writer,
    renamed,
)
from optimizer.words import LANGS, Phrase, pick, use_lang, with_place

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class PlanJob:
    """A two-year plan: what it asks (`asked`, as its record keeps it — the two runs, the total, the first year's
    budgets to try, whose weights value both years, the tolerance, the award ledger as the first year's run counted
    it), each year's run's inputs and settings (`first.out_dir` is the plan's folder), the small file the page reads
    its progress from, and the two runs and their scenarios as the pages name them in the plan's language
    (plan.xlsx)."""

    asked: Asked
    first: RunJob
    second: RunJob
    progress: Path  # "done total"
    labels: tuple[str, str] = ("", "")  # the two runs as the pages name them
    scenarios: tuple[str, str] = ("", "")  # their scenarios as the pages name them: 2026年基准方案, not 2026 base case


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
    budget does not bind); the finer step of the splits added around the best (0: none), and what the plan says of
    its band — where it or the best reaches an end of the splits tried (`band_edge`, `best_edge`: "low", "high",
    "both" or None), whether it is the best alone only because the splits are far apart (`limited`; `gap`, the
    nearest other split's distance), and whether it is a rough guide (`rough`: valued under other weights)."""

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
    refine: int = 0
    band_edge: str | None = None
    best_edge: str | None = None
    limited: bool = False
    gap: int | None = None
    rough: bool = False
    coarse: tuple[int | None, int | None] = (None, None)  # after refine: each band end's gap to the next split tried,
    # where it is wider than the finer step (a planner's review: 1.9亿, 1.8亿 1000万 below, under "100万 apart")
    refined: tuple[int, int] | None = None  # after refine: the first-year budgets between which every refine is solved
    ends: tuple[int | None, int | None] = (None, None)  # to within how much each end of the band is known (measured
    # at the step beside it; the coarse ends aside): YearPlan.fine_ends
    solvers: tuple[str, ...] = ()  # the solvers its solves used, with their versions, each once: `HiGHS 1.16.0` (two
    # where `auto` fell back to CBC for some), as the page says them (views.solver_said)


def plan_run(job: PlanJob) -> Outcome:
    """A two-year plan, as `optimizer.plan_years` makes it from the two runs' inputs, counting the award ledger as the
    first year's run counted it; its splits written as plan.csv and plan.xlsx (both or neither) in the plan's
    language."""
    first, second, asked = job.first, job.second, job.asked
    names = {**client_names(first), **client_names(second)}
    years = years_of(job)
    with use_lang(first.lang):
        try:
            counted = plan_ledger(asked.ledger, asked.first)
        except BudgetoptError as exc:  # gone, not a ledger, its chain broken, or another one since
            return Outcome("failed", error=error_pair(exc), ledger=asked.ledger)
        try:
            plan = plan_years((first.workbook, first.scenario), (second.workbook, second.scenario), f"{asked.total}元",
                              start=f"{asked.start}元", stop=f"{asked.stop}元", step=f"{asked.step}元",
                              value_under=asked.value_under, tolerance=f"{asked.tolerance}元",
                              refine=f"{asked.refine}元" if asked.refine else None, solver=first.solver,
                              ledger=counted, workers=1, skip_invalid=first.skip_invalid or second.skip_invalid,
                              limits=first.limits, progress=progress_writer(job.progress))
            frames = {lang: plan.to_frame(lang) for lang in LANGS}
            summary = _plan_summary(plan, frames)
            write_all(first.out_dir, {"plan.csv": plan_csv(frames[first.lang]),
                                      "plan.xlsx": plan_xlsx(frames[first.lang], first.lang,
                                                             (summary.first_year, summary.second_year),
                                                             plan_about(job, summary, first.lang))})
        except InputError as exc:  # either year's: each problem says its file
            return Outcome("invalid", problems=placed_rows(exc.problems, names, years),
                           warnings=placed_rows(exc.warnings, names, years), ledger=asked.ledger)
        except BudgetoptError as exc:
            return replace(failure(exc, first), ledger=asked.ledger)
    return Outcome("done", warnings=placed_rows(plan.warnings, names, years), ledger=asked.ledger, plan=summary)


def years_of(job: PlanJob) -> dict[str, int]:
    """Each year's input files (as stored, as the client named them) by the year they are of — but a file both years
    read (the same workbook twice): its notes are of either."""
    found: dict[str, set[int]] = {}
    for run, year in zip((job.first, job.second), job.asked.years, strict=True):
        for name in {run.workbook.name, run.workbook_name,
                     *((run.scenario.name, run.scenario_name) if run.scenario is not None else ())}:
            found.setdefault(name, set()).add(year)
    return {name: next(iter(of)) for name, of in found.items() if len(of) == 1}


def placed_rows(problems: Sequence[Problem], names: dict[str, str],
                years: Mapping[str, int] | None = None) -> tuple[ProblemRow, ...]:
    """Problems of two years' inputs as table rows. One at a cell says what is wrong there, after the year whose
    workbook it is in (`years`: by file) — its row and column are the table's (an officer's review: each routine
    note began "sample_applications.xlsx，工作表 申报项目，第1行，备注列：警告：" beside its own 行 and 列) —
    or, where the year is not known, after its file. Any other says where, too; a warning of that kind also as
    report.html lists it (`plain`: unmarked, at its sheet), after its year where known: the page shows it under
    警告（公示前须处理）."""
    rows = []
    for p in problems:
        year = (years or {}).get(p.file)
        if p.row is not None:
            said = (p.says("zh", FACE), p.says("en", FACE))
            rows.append(ProblemRow(p.row, p.column, *_at_year(year, said, renamed(p, names, "en").file)))
            continue
        plain_said = (plain(p, "zh"), plain(p, "en")) if p.warning else None
        rows.append(ProblemRow(None, p.column, renamed(p, names, "zh").text("zh", FACE),
                               renamed(p, names, "en").text("en", FACE),
                               None if plain_said is None else _at_year(year, plain_said, "")))
    return tuple(rows)


def _at_year(year: int | None, said: Pair, file: str) -> Pair:
    """A note said after its year (`2026年度：…`), else after its file where one is given."""
    if year is not None:
        return Phrase.of("plan.year_note", year=year, note=said).both()
    if not file:
        return said
    return (with_place(file, said[0], "zh"), with_place(file, said[1], "en"))


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
    zh, en = frames["zh"], frames["en"]
    rows = []
    for i, split in enumerate(plan.splits):
        row = zh.iloc[i]
        rows.append(SplitRow(
            split.first_budget, split.second_budget, _whole(row["valued"]), _whole(row["below_best"]),
            _whole(row["below_best_in_budget"]), _whole(row["funded_first"]), _whole(row["partial_first"]),
            _whole(row["funded_second"]), _whole(row["partial_second"]), _whole(row["unspent_first"]),
            _whole(row["unspent_second"]), split is best, plan.is_near_best(split),
            (str(row["note"]), str(en.iloc[i]["note"])), (str(row["period_caps"]), str(en.iloc[i]["period_caps"]))))
    assert plan.first.year is not None and plan.second.year is not None
    under, marginal = plan.value_under, plan.marginal
    return PlanSummary(plan.total, plan.first.year, plan.second.year,
                       under.year if under.year is not None else plan.first.year, under.name or "", plan.tolerance,
                       tuple(rows), None if best is None else plan.splits.index(best), plan.near_best,
                       None if not marginal else str(marginal), plan.refine, plan.band_at_edge, plan.best_at_edge,
                       plan.band_limited_by_step, plan.nearest_other, plan.rough, plan.coarse_ends, plan.refined,
                       plan.fine_ends, solvers_of(plan))


def solvers_of(plan: YearPlan) -> tuple[str, ...]:
    """The solvers a plan's solves used, with their versions, each once in the order first used."""
    return tuple(dict.fromkeys(allocation.solver.version for split in plan.splits
                               for allocation in (split.first, split.second) if allocation is not None))


def _whole(value: Any) -> int | None:
    return None if missing(value) else int(value)


def plan_about(job: PlanJob, found: PlanSummary, lang: str) -> list[tuple[str, str]]:
    """What plan.xlsx says of the plan before its table, so that the file is read on its own: the question, each
    year's run (named as the pages name it), the splits tried, whose weights value both, the answer as the page gives
    it (the band about as good, the best split, what the band cannot tell), and that the second year is allocated
    once the first is published (an officer's review: the page said so, plan.xlsx, the sheet a director reads, not)."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    def amount(yuan: int) -> str:
        return pick(said_amount(yuan), lang)

    one, two = found.first_year, found.second_year
    plain = asdict(found)
    said = findings(plain, lang)
    single = len(found.splits) == 1  # an officer's review: one split called the best, about as good, with a margin
    asked, runs = job.asked, (job.asked.first, job.asked.second)
    rows = [(t("web.plan.xlsx.question"), question(asked, lang)),
            (t("web.plan.xlsx.total"), amount(found.total)),
            (t("web.plan.xlsx.first", year=one), _run_said(job.first, runs[0], job.labels[0], lang)),
            (t("web.plan.xlsx.second", year=two), _run_said(job.second, runs[1], job.labels[1], lang)),
            (t("web.plan.xlsx.splits"), tried_said(asked.start, asked.stop, asked.step, found.refine,
                                                   [split.first_budget for split in found.splits], lang,
                                                   found.refined)),
            (t("web.plan.xlsx.value_under"), t("web.plan.value_said", year=found.value_year,
                                                scenario=_value_scenario(job, found)))]
    if compared(plain):  # a tolerance of the band: nothing to compare in a plan of one split
        rows.append((t("web.plan.xlsx.tolerance"), t("web.plan.tolerance_said", first=one,
                                                      tolerance=amount(found.tolerance))))
    if found.best is not None:
        rows += [(t("web.plan.xlsx.answer"), said["headline"]),
                 (t("web.plan.xlsx.single" if single else "web.plan.xlsx.best"), said["best"])]
    if found.band is not None and not single:
        low, high = (pick(in_yi(end), lang) for end in found.band)
        rows.append((t("web.plan.xlsx.band", first=one), low if low == high else
                     t("web.plan.xlsx.band_range", low=low, high=high)))
    notes = [said[key] for key in ("band", "gaps", "edge", "ends") if said[key]]
    if notes:
        rows.append((t("web.plan.xlsx.notes"), "".join(notes) if lang == "zh" else " ".join(notes)))
    if found.marginal is not None and not single:  # what a distance from the best is said in: none of one split
        rows.append((t("web.plan.xlsx.marginal", first=one), found.marginal))
    if found.best is not None:
        rows.append((t("web.plan.xlsx.second_after", second=two), said["second_counts"]))
    return rows


def _value_scenario(job: PlanJob, found: PlanSummary) -> str:
    """The scenario whose weights value both years as the pages name it (the run's), else as the plan names it."""
    if found.value_year in (found.first_year, found.second_year) and job.scenarios != ("", ""):
        return job.scenarios[0 if found.value_year == found.first_year else 1] or found.value_scenario
    return found.value_scenario


def tried_said(start: int, stop: int, step: int, refine: int, splits: Sequence[int] | None, lang: str,
               refined: Sequence[int] | None = None) -> str:
    """The first-year budgets a plan tries, in words: `1.97亿元至2.05亿元，每档相差100万元，共9档` (`2亿元，仅此1档`:
    one, its step meaning nothing), and, where it refines, `；再在2.02亿元至2.04亿元之间按每档相差10万元加测18档` — from
    and to where every `refine` was solved (`refined`: beside the best, and out to the band's ends where they lay
    beyond), once the budgets tried (`splits`) are known; `；再在最优附近按每档相差10万元加测18档` for a plan recorded
    before it said where."""
    coarse = {*range(start, stop + 1, step), stop}
    asked = (Phrase.of("web.plan.splits_said_one", start=in_yi(start)) if start == stop else
             Phrase.of("web.plan.splits_said", start=in_yi(start), stop=in_yi(stop), step=said_amount(step),
                       count=len(coarse)))
    said = asked.text(lang, FACE)
    if not refine:
        return said
    if splits is None:
        return said + Phrase.of("web.plan.refine_said", refine=said_amount(refine)).text(lang, FACE)
    added = sum(1 for budget in splits if budget not in coarse)
    if not added:  # refining added no split: said so (a planner's review: the repr claimed it had refined)
        return said + Phrase.of("web.plan.refine_none", refine=said_amount(refine)).text(lang, FACE)
    if refined is None:
        return said + Phrase.of("web.plan.refined_said", refine=said_amount(refine), count=added).text(lang, FACE)
    low, high = refined
    return said + Phrase.of("web.plan.refined_between", refine=said_amount(refine), count=added, low=in_yi(low),
                            high=in_yi(high)).text(lang, FACE)


def findings(found: Mapping[str, Any], lang: str) -> dict[str, str]:
    """What a plan's page (and plan.xlsx) says of its findings, sentence by sentence, in an officer's words: the
    answer — the band about as good around the best, as a headline — then the best split, what "about as good" means
    (or why the band is the best alone: the splits far apart, or the top that sharp), whether the best or the band
    reaches an end of the splits tried, and what the second year counts. `found`: a PlanSummary as plain values (as
    a plan's record keeps it)."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    one, two = found["first_year"], found["second_year"]
    said = {"headline": "", "best": "", "band": "", "gaps": "", "edge": "", "listed_edge": "", "ends": "",
            "second_counts": t("web.plan.second_counts", first=one, second=two), "best_label": t("web.plan.best_label")}
    if found.get("best") is None:
        said["best"] = t("web.plan.no_best")
        return said
    splits = found["splits"]
    best = splits[found["best"]]
    at = in_yi(best["first_budget"])
    said["best"] = t("web.plan.best_figure", first=one, second=two, one=at, two=in_yi(best["second_budget"]))
    low, high = found["band"]
    coarse = found.get("coarse") or (None, None)  # an end known only to the coarse step, after refine
    wider = found.get("band_edge") is not None or any(coarse)  # the band may be wider: the headline says so
    code = ("web.plan.headline_one" if low == high else
            "web.plan.headline_band_edge" if wider else "web.plan.headline_band")
    step = found.get("gap")  # the step the best was measured at (an officer's review: 2.03亿 read as settled)
    said["headline"] = t(code if step is None else f"{code}_step", first=one, best=at, low=(bare(low), in_yi(low)[1]),
                         high=in_yi(high), step=None if step is None else said_amount(step))
    if len(splits) == 1:  # an officer's review: one split headlined as the best, marked 最优
        said["headline"], said["best_label"] = (t("web.plan.headline_single", first=one, best=at),
                                                t("web.plan.single_label"))
    said["band"] = _band(found, lang)
    inside = [s for s in splits if low <= s["first_budget"] <= high]
    if low != high and not all(s["near"] for s in inside):
        said["gaps"] = t("web.plan.band_gaps")
    said["edge"] = _edges(found, lang)
    said["listed_edge"] = _edges(found, lang, "web.plans")
    said["ends"] = _ends(found, lang)
    return said


def _ends(found: Mapping[str, Any], lang: str) -> str:
    """To within how much the band's ends are known, where they are known to the step they were measured at (the
    coarse ends are said with `_edges`)."""
    low, high = found.get("ends") or (None, None)
    if low is not None and low == high:
        return Phrase.of("web.plan.band_ends", gap=said_amount(low)).text(lang, FACE)
    return ("" if lang == "zh" else " ").join(
        Phrase.of("web.plan.band_end", end=Phrase.of(f"web.plan.end_{end}").both(), gap=said_amount(gap)).text(
            lang, FACE) for end, gap in (("low", low), ("high", high)) if gap is not None)


def compared(found: Mapping[str, Any]) -> bool:
    """Whether the plan solved two splits or more: a split can be distant from the best only then (one split asked,
    the form's lowest and highest first-year budget alike, or every other split unsolvable)."""
    return sum(1 for split in found["splits"] if split["below_best"] is not None) >= 2


def _band(found: Mapping[str, Any], lang: str) -> str:
    """What the band means, or why it is the best alone."""
    one, tolerance = found["first_year"], said_amount(found["tolerance"])
    low, high = found["band"]
    at = in_yi(found["splits"][found["best"]]["first_budget"])
    gap = found.get("gap")
    if len(found["splits"]) == 1:
        return Phrase.of("web.plan.band_single", first=one, best=at).text(lang, FACE)
    if not found.get("marginal"):
        return Phrase.of("web.plan.band_equal", first=one).text(lang, FACE)
    if low != high or gap is None:
        return Phrase.of("web.plan.band", first=one, tolerance=tolerance).text(lang, FACE)
    code = "web.plan.band_one" if found.get("limited", True) else "web.plan.band_sharp"
    return Phrase.of(code, first=one, best=at, tolerance=tolerance, gap=said_amount(gap)).text(lang, FACE)


def _edges(found: Mapping[str, Any], lang: str, words: str = "web.plan") -> str:
    """Where the best, or the band, reaches an end of the splits tried: a better split, or more of the band, may lie
    beyond — as the page says it (`words` "web.plan"), or, in short, the list of plans ("web.plans")."""
    best_edge, band_edge = found.get("best_edge"), found.get("band_edge")
    said = [] if best_edge is None else [Phrase.of(f"{words}.best_edge_{best_edge}").text(lang, FACE)]
    if band_edge is not None and band_edge != best_edge:
        said.append(Phrase.of(f"{words}.band_edge", edge=Phrase.of(f"web.plan.edge_{band_edge}").both()).text(
            lang, FACE))
    said += [Phrase.of("web.plan.band_coarse", end=Phrase.of(f"web.plan.end_{end}").both(),
                       gap=said_amount(gap)).text(lang, FACE)
             for end, gap in zip(("low", "high"), found.get("coarse") or (None, None), strict=True) if gap is not None]
    return ("" if lang == "zh" else " ").join(said)


def bare(amount: int) -> str:
    """An amount as the start of a Chinese range says it: `1.98亿`, `2.037亿`, `1500万` (its unit follows the range's
    end).

    >>> bare(198_000_000), bare(203_700_000), bare(15_000_000), bare(9_000)
    ('1.98亿', '2.037亿', '1500万', '9,000元')
    """
    zh, _ = in_yi(amount)
    return zh.removesuffix("元") if zh.endswith(("万元", "亿元")) else zh


def _run_said(run: RunJob, run_id: str, label: str, lang: str) -> str:
    """A year's run as plan.xlsx names it: its id, as the pages name it (`2026年基准方案 · 2亿元 · 12-07 17:38`; an
    officer's review: the English scenario name in a Chinese file) — else by its scenario's file — and its workbook."""
    return Phrase.of("web.plan.xlsx.run", run=run_id, scenario=label or run.scenario_name,
                     workbook=run.workbook_name).text(lang, FACE)
