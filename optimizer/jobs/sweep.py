"""Budget sweeps for planners: the same scenario at several budget levels, each solved to proven optimality.

For each level: the allocation, the marginal value of the next 万元 (the budget's dual in the LP with the integer
choices fixed, and the finite difference to the next level), and between consecutive levels the funding line —
which applications enter, leave (whole awards can swap) or change. Levels may be solved in parallel; the result
is the same whatever the number of workers.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optimizer.domain import Applications
from optimizer.errors import Infeasible, InputError
from optimizer.jobs.allocate import allocate_entitled, allocation_frame, refuse_spent
from optimizer.jobs.inputs import (
    Amount,
    CountedLedger,
    LedgerSource,
    PolicySource,
    input_warnings,
    ledger_of,
    policy_of,
    read_inputs,
    read_lang,
    read_workers,
)
from optimizer.jobs.pool import leave_interrupt_to_parent, solve_each
from optimizer.money import said_amount
from optimizer.reading.applications import ApplicationSource
from optimizer.reading.guard import FileLimits
from optimizer.report.files import write_all
from optimizer.report.outputs import sweep_outputs
from optimizer.report.sweep_out import sweep_csv
from optimizer.report.sweep_steps import knee, step_sentence, steps
from optimizer.results import Level, SweepResult, warnings_said
from optimizer.rules.entitle import entitle
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Scenario, ScenarioError, ScenarioSource, read_budget, with_budget
from optimizer.words import Phrase

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, repr=False)
class Sweep(SweepResult):
    """The scenario solved at each budget level, with the funding line between levels — and a DataFrame and the
    output files a call away."""

    def __repr__(self) -> str:  # a notebook shows this, not every level's awards
        budgets = [level.budget for level in self.levels]
        unsolved = sum(1 for level in self.levels if level.allocation is None)
        return (f"<Sweep {self.scenario.name!r}: {len(budgets)} levels from {budgets[0]:,} to {budgets[-1]:,} yuan"
                f"{f', {unsolved} without a solution' if unsolved else ''}{warnings_said(self.warnings)}>")

    def to_frame(self, lang: str = "zh") -> pd.DataFrame:
        """One row per level, the columns of sweep.csv: budget, available, objective, allocated, unspent, counts by
        status, marginal value and finite difference per 万元, then spend by section and by district; a level's
        note in Chinese, or English with lang="en" (as write(lang=...) writes sweep.csv)."""
        import pandas as pd

        assert self.policy is not None
        return pd.read_csv(io.BytesIO(sweep_csv(self, self.policy, read_lang(lang))), encoding="utf-8-sig")

    def allocation_frame(self, budget: Amount, lang: str = "zh") -> pd.DataFrame:
        """The allocation at one of the levels (`budget` as the levels were given: 100000000, "1亿"), with the rows
        and columns of allocation.csv, as Allocation.to_frame gives them; InputError when the sweep has no such level
        or it could not be solved (its note says why)."""
        assert self.policy is not None
        wanted = _yuan(budget)
        level = next((level for level in self.levels if level.budget == wanted), None)
        if level is None:
            raise InputError.one("budget", Phrase.of("sweep.level_not_swept", budget=said_amount(wanted),
                                                     levels=levels_said([level.budget for level in self.levels])))
        if level.allocation is None:
            raise InputError.one("budget", Phrase.of("sweep.level_unsolved", budget=said_amount(wanted)))
        return allocation_frame(level.allocation, self.policy, read_lang(lang))

    def steps_frame(self, lang: str = "zh") -> pd.DataFrame:
        """One row per step from a level to the next, as the console and sweep.xlsx's 每段新增预算 say it: `low` and
        `high` (the two budgets, whole yuan), `added` (yuan more allocated), `weighted_score` (what the added money
        buys: the objective gained ÷ the yuan added, a weighted score averaged by amount; NaN where nothing is added
        or a level has no solution), the applications that `enters`, `grows`, `leaves` and `shrinks`, `bend` (True
        for the step after `knee`) and `sentence` (the step in words, in Chinese or English with lang="en")."""
        import pandas as pd

        language = read_lang(lang)
        found = steps(self)
        bend = knee(found)
        rows = [(step.low, step.high, step.added, step.score, step.count("enters"), step.count("grows"),
                 step.count("leaves"), step.count("shrinks"), bend is not None and i == bend.index,
                 step_sentence(step, language)) for i, step in enumerate(found)]
        return pd.DataFrame(rows, columns=["low", "high", "added", "weighted_score", "enters", "grows", "leaves",
                                           "shrinks", "bend", "sentence"]).astype({"weighted_score": "float64"})

    @property
    def knee(self) -> int | None:
        """The level after which the next money buys markedly less — the bend sweep.html marks: the largest fall in
        the weighted score bought from one step to the next, if it is at least 10% and twice any other — or None."""
        bend = knee(steps(self))
        return None if bend is None else bend.at

    def write(self, out_dir: Path | str, lang: str = "zh") -> list[Path]:
        """Write sweep.csv, sweep.xlsx (with charts) and sweep.html into `out_dir`, all of them or none."""
        assert self.policy is not None
        return write_all(Path(out_dir), sweep_outputs(self, self.policy, read_lang(lang)))


LEVELS_LISTED = 8  # a sentence lists a sweep's levels up to this many; of more, the first three and the last


def levels_said(budgets: Sequence[int]) -> tuple[str, str]:
    """A sweep's levels as a sentence lists them, (Chinese, English): each amount, or of many the first three, the
    last and how many.

    >>> levels_said([100_000_000, 150_000_000])
    ('1亿元、1.5亿元', '1亿, 1.5亿')
    >>> levels_said([n * 10_000_000 for n in range(10, 26)])[1]
    '1亿, 1.1亿, 1.2亿, …, 2.5亿 (16 in all)'
    """
    said = [said_amount(budget) for budget in budgets]
    if len(said) <= LEVELS_LISTED:
        return "、".join(zh for zh, _ in said), ", ".join(en for _, en in said)
    first = ("、".join(zh for zh, _ in said[:3]), ", ".join(en for _, en in said[:3]))
    return Phrase.of("sweep.levels_many", first=first, last=said[-1], count=len(said)).both()


MOST_LEVELS = 10_000  # levels one sweep on the command line solves at most (each is a solve, kept in memory)


def budget_levels(start: int, stop: int, steps: int) -> list[int]:
    """`steps` budgets from `start` to `stop`, both included, evenly spaced in whole yuan.

    >>> budget_levels(50_000_000, 200_000_000, 4)
    [50000000, 100000000, 150000000, 200000000]
    """
    if steps < 1 or stop < start:
        raise ValueError(f"no levels from {start} to {stop} in {steps} steps")
    steps = min(steps, stop - start + 1)  # more steps than yuan give every yuan: no need to count them all
    if steps == 1:
        return [start]
    return sorted({start + (stop - start) * i // (steps - 1) for i in range(steps)})


def sweep(applications: ApplicationSource | Applications, scenario: ScenarioSource | Scenario = None, *,
          levels: Sequence[Amount], workers: int | None = None, policy: PolicySource = None, solver: str = "highs",
          skip_invalid: bool = False, limits: FileLimits | None = None, ledger: LedgerSource = None,
          progress: Callable[[int, int], None] | None = None) -> Sweep:
    """The scenario solved at every budget level — its budget replaced, the reserve and every other setting
    unchanged — each to proven optimality exactly as allocate would.

    `levels` are amounts (120000000, "1.2亿", "12000万"); `workers` solve levels at once (default: one per core),
    and the result is the same whatever their number. A level whose floors cannot be met is kept, with its
    conflicts, and the others are still solved; when no level can be solved, Infeasible names each level's
    conflicts. `ledger`: the award ledger, counted as `allocate` counts it. `progress(done, total)` is called as
    levels are solved. The result's `.warnings` are the reader's and the ledger's, as allocate's are.

    >>> result = sweep("data/sample_applications.xlsx", "data/scenario_2026.toml", levels=["1亿", "2亿"], workers=1)
    >>> [level.budget for level in result.levels]
    [100000000, 200000000]
    """
    rules = policy_of(policy)
    budgets = sorted({_yuan(level) for level in _listed(levels)})
    if not budgets:
        raise InputError.one("levels", Phrase.of("sweep.no_levels"))
    workers = min(read_workers(workers) or os.cpu_count() or 1, len(budgets)) or 1
    counted = ledger_of(ledger)
    # the scenario checked at the highest level: a lower one below the reserve (a sweep from 0) is that level's note
    read, checked = read_inputs(applications, scenario, budget=f"{budgets[-1]}元", policy=rules,
                                skip_invalid=skip_invalid, limits=limits, solver=solver)
    so_far = counted.prior.year_so_far(rules.number, checked.year)
    refuse_spent(checked, so_far)  # at the highest level: then at every level
    results = solve_each(budgets, _solve_level, _start, (read, rules, checked, solver, counted), workers, progress)
    solved = tuple(results[b] for b in budgets)
    if all(level.allocation is None for level in solved):
        raise Infeasible([Phrase.of("sweep.level_infeasible", budget=said_amount(level.budget),
                                    conflict=conflict.both()) for level in solved for conflict in level.conflicts])
    return Sweep(checked, solved, rules, so_far,
                 warnings=input_warnings(read, counted, rules, checked))



def split_levels(text: str) -> list[str]:
    """Budget levels written in one text, as `--levels` takes them: separated by commas, semicolons or spaces — a
    comma between digits that groups thousands (`120,000,000`) does not separate.

    >>> split_levels("8000万,1亿；1.2亿 120,000,000")
    ['8000万', '1亿', '1.2亿', '120,000,000']
    """
    return [p for p in re.split(r"[;；\s]+|(?<![0-9])[,，]|[,，](?![0-9]{3}(?:[^0-9]|$))", text) if p.strip()]


def _listed(levels: object) -> list[Any]:
    """The levels given: a list of amounts, one text of them (`"8000万,1亿"`), or a single amount; anything else
    (None, bytes, a dict) is an InputError."""
    if isinstance(levels, str):
        return split_levels(levels)
    if isinstance(levels, (int, Decimal)) and not isinstance(levels, bool):
        return [levels]
    if isinstance(levels, (bytes, Mapping)) or not isinstance(levels, Iterable):
        raise InputError.one("levels", Phrase.of("sweep.not_levels", shown=type(levels).__name__))
    return list(levels)


def _yuan(level: Amount) -> int:
    return read_budget(level, "levels")


_WORK: dict[str, object] = {}  # what one worker process solves levels of


def _start(book: Applications, policy: Policy, scenario: Scenario, solver: str, ledger: CountedLedger) -> None:
    leave_interrupt_to_parent()
    _WORK.update(invalid=book.invalid, policy=policy, scenario=scenario, solver=solver,
                 entitlements=entitle(book.valid, policy, year=scenario.year, prior=ledger.prior), prior=ledger.prior)


def _solve_level(budget: int) -> Level:
    policy, scenario = _WORK["policy"], _WORK["scenario"]
    assert isinstance(policy, Policy) and isinstance(scenario, Scenario)
    try:
        result = allocate_entitled(_WORK["invalid"], _WORK["entitlements"], policy,  # type: ignore[arg-type]
                                   with_budget(scenario, budget), solver=str(_WORK["solver"]),
                                   prior=_WORK["prior"])  # type: ignore[arg-type]
        return Level(budget, replace(result, model=None))  # the model stays here: only the results travel
    except Infeasible as exc:
        return Level(budget, None, exc.phrases)
    except ScenarioError as exc:  # e.g. a floor above its own share of a small budget
        return Level(budget, None, tuple(p.message for p in exc.problems))
