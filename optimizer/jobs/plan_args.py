"""The arguments of `plan_years` (jobs/plan.py) read and checked: the first year's budgets (`splits`, or `start`,
`stop` and `step`), the finer step around the best (`refine`) and how near the best is about as good (`tolerance`) —
each mistake added to a list, so that the plan refuses them all at once, as one InputError.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from itertools import pairwise
from math import isfinite
from typing import Any

from optimizer.domain import Problem
from optimizer.errors import InputError
from optimizer.jobs.inputs import Amount
from optimizer.jobs.sweep import MOST_LEVELS, split_levels
from optimizer.money import AmountError, bare, format_decimal, parse_amount, said_amount, whole_number
from optimizer.rules.scenario import SMALL_AMOUNT, ScenarioError, Yuan, read_budget
from optimizer.words import Phrase, few


def amount_of(value: Amount, place: str, problems: list[Problem]) -> int | None:
    """An amount read as a budget is, in whole yuan; None after a mistake (added to `problems`)."""
    try:
        return read_budget(value, place)
    except ScenarioError as exc:
        problems += exc.problems
        return None


def widest(budgets: Sequence[int]) -> int:
    """The widest span around one split, from the split below it to the one above: what refining around the best
    covers at most."""
    return max((budgets[min(i + 1, len(budgets) - 1)] - budgets[max(i - 1, 0)] for i in range(len(budgets))),
               default=0)


# ------------------------------------------------------------------------------------------------ the tolerance


def read_tolerance(value: Amount, place: str = "tolerance") -> int:
    """A near-best tolerance in whole yuan: a number (an int, numpy's, a whole float or Decimal: `plan.tolerance / 2`)
    is yuan, as `YearPlan.tolerance` gives it back, and one not whole is refused in words that say what to write;
    text carries its unit — a bare number in text below 1万 is asked about, as a forgotten 万 (a number below 1万 is
    taken as yuan, and `tolerance_warnings` says so). Every mistake is an InputError at `place` (a negative one too:
    not the ScenarioError a budget's is).

    >>> read_tolerance(100_000), read_tolerance(50_000.0), read_tolerance("10万"), read_tolerance("100000")
    (100000, 50000, 100000, 100000)
    """
    try:
        return _tolerance(value, place)
    except ScenarioError as exc:  # a planner's review: a negative one a ScenarioError, one not whole an InputError
        raise InputError(exc.problems) from None


def _tolerance(value: Amount, place: str) -> int:
    if isinstance(value, (float, Decimal)):
        finite = value.is_finite() if isinstance(value, Decimal) else isfinite(value)
        if not (finite and value == int(value)):  # a number is yuan: half a yuan is no tolerance
            raise InputError.one(place, Phrase.of("plan.tolerance_not_whole", shown=_number_said(value)))
        value = int(value)
    if (whole := whole_number(value)) is not None:
        return read_budget(Yuan(whole), place)
    if isinstance(value, str) and bare(value):
        try:
            number = parse_amount(value)
        except AmountError as exc:
            if exc.code != "amount.not_an_amount":
                return read_budget(value, place)  # says what else is wrong with it
            raise InputError.one(place, Phrase.of("plan.tolerance_not_amount", shown=value.strip())) from None
        if 0 < number < SMALL_AMOUNT:
            shown = format_decimal(number)
            raise InputError.one(place, Phrase.of("plan.small_tolerance", shown=value.strip(), number=shown))
        return read_budget(f"{value.strip()}元" if number >= 0 else value, place)
    return read_budget(value, place)


def tolerance_warnings(value: Amount, read: int, place: str = "tolerance") -> tuple[Problem, ...]:
    """A warning when a tolerance given as a number (yuan) is below 1万 (a planner's review: `tolerance=3000` gave a
    band within what 3,000 yuan buys, while the text "3000" is asked about as a forgotten 万). Not refused: a number
    is yuan, and `plan.tolerance` of a plan asked at "5000元" must be taken back as it is; text carries its unit.

    >>> [w.text("en") for w in tolerance_warnings(3000, 3000)]
    ['tolerance: warning: a number is yuan: the band is within what 3,000 yuan buys — for 3000万, write "3000万"']
    >>> tolerance_warnings("3000元", 3000), tolerance_warnings(0, 0), tolerance_warnings(100_000, 100_000)
    ((), (), ())
    """
    if isinstance(value, str) or not 0 < read < SMALL_AMOUNT:
        return ()
    return (Problem.of(place, "plan.small_tolerance_number", warning=True, amount=said_amount(read),
                       number=f"{read:d}"),)


def _number_said(value: float | Decimal) -> str:
    """A number as a message quotes it: `0.5`, `100000.5`, `1e-07`, `nan`."""
    return format_decimal(value) if isinstance(value, Decimal) and value.is_finite() else format(value, ".15g")


# ------------------------------------------------------------------------------------------------ the splits


def read_refine(refine: Amount | None, budgets: Sequence[int], problems: list[Problem]) -> int | None:
    """The finer step around the best, in yuan (0: none); None after a mistake (added to `problems`). Refining needs
    two splits, and a step finer than the widest gap between two splits asked: else it could add no split anywhere,
    and was dropped without a word (a planner's review: `splits="2亿", refine="100万"`; `step="100万",
    refine="1000万"`) — plainly a mistake (a step and a refine swapped, a list of one): refused, as a step of 0 is.
    Whether it adds a split beside the best is known once the splits are solved (`YearPlan.refined`)."""
    if refine is None:
        return 0
    finer = amount_of(refine, "refine", problems)
    if finer == 0:
        problems.append(Problem.of("refine", "plan.zero_refine"))
        return None
    if finer is None or not budgets:
        return finer
    if len(budgets) == 1:
        problems.append(Problem.of("refine", "plan.refine_one_split", split=said_amount(budgets[0])))
        return None
    if finer >= (gap := max(high - low for low, high in pairwise(budgets))):
        problems.append(Problem.of("refine", "plan.refine_not_finer", refine=said_amount(finer),
                                   gap=said_amount(gap)))
        return None
    if (count := widest(budgets) // finer + 1) > MOST_LEVELS:
        problems.append(Problem.of("refine", "plan.too_many", most=MOST_LEVELS, count=count))
        return None
    return finer


def read_splits(splits: object, start: Amount | None, stop: Amount | None, step: Amount | None, total: int | None,
                problems: list[Problem]) -> list[int]:
    """The first year's budgets asked for, sorted, each once; [] after a mistake (added to `problems`)."""
    ranged = any(value is not None for value in (start, stop, step))
    if splits is not None and ranged:
        problems.append(Problem.of("splits", "plan.splits_and_range"))
        return []
    if splits is None and step is None:
        problems.append(Problem.of("splits", "plan.no_splits" if not ranged else "plan.no_step"))
        return []
    before = len(problems)
    budgets = (_listed(splits, problems) if splits is not None else
               _ranged(start, stop, step, total, problems))
    if total is not None and (above := [b for b in budgets if b > total]):
        problems.append(Problem.of("splits", "plan.split_above_total", total=said_amount(total),
                                   splits=few([said_amount(b) for b in above])))
    if len(problems) > before:
        return []
    if not budgets:
        problems.append(Problem.of("splits", "plan.no_splits"))
    return budgets


def _listed(splits: object, problems: list[Problem]) -> list[int]:
    """Budgets given as a list of amounts, one text of them, or a single amount."""
    if isinstance(splits, str):
        given: list[Any] = split_levels(splits)
    elif isinstance(splits, (int, Decimal)) and not isinstance(splits, bool):
        given = [splits]
    elif isinstance(splits, (bytes, Mapping)) or not isinstance(splits, Iterable):
        problems.append(Problem.of("splits", "plan.not_splits", shown=type(splits).__name__))
        return []
    else:
        given = list(splits)
    read = [amount_of(value, "splits", problems) for value in given]
    return sorted({b for b in read if b is not None})


def _ranged(start: Amount | None, stop: Amount | None, step: Amount | None, total: int | None,
            problems: list[Problem]) -> list[int]:
    """Every `step` from `start` (default 0), with `stop` (default the total) included."""
    low = 0 if start is None else amount_of(start, "start", problems)
    high = total if stop is None else amount_of(stop, "stop", problems)
    size = amount_of(step, "step", problems) if step is not None else None
    if size == 0:
        problems.append(Problem.of("step", "plan.zero_step"))
    if low is None or high is None or not size:
        return []
    if high < low:
        problems.append(Problem.of("stop", "plan.stop_below_start", stop=said_amount(high), start=said_amount(low)))
        return []
    count = (high - low) // size + 1
    if count > MOST_LEVELS:
        problems.append(Problem.of("step", "plan.too_many", most=MOST_LEVELS, count=count))
        return []
    return sorted({*range(low, high + 1, size), high})
