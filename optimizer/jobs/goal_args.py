"""The question `min_budget` (jobs/min_budget.py) is asked, read and checked: the targets (application ids, or a
function of a row of the allocation frame), the precision and the proof's limit of solves — each mistake an
InputError that names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from numbers import Integral
from typing import Any

from optimizer.domain import Applications, Problem
from optimizer.errors import InputError
from optimizer.jobs.allocate import allocation_frame
from optimizer.jobs.inputs import Amount
from optimizer.results import AllocationResult
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import ScenarioError, read_budget
from optimizer.words import Phrase, brief


def proof_limit(prove: bool | int) -> int | None:
    """The most solves a proof may take: 0 for no proof (False), None for no limit (True), or the number given (a
    whole number of at least 1); an InputError for anything else."""
    if isinstance(prove, bool):
        return None if prove else 0
    if isinstance(prove, Integral) and prove >= 1:  # numpy's integers too
        return int(prove)
    raise InputError.one("prove", Phrase.of("goal.bad_prove", shown=brief(repr(prove))))


def read_precision(value: Amount) -> int:
    """The step of the search: an amount read as a budget is (with its unit: "1万"; a bare 3000 is refused as a
    forgotten 万, in words about a precision), at least 1 yuan."""
    try:
        step = read_budget(value, "precision")
    except ScenarioError as error:
        raise ScenarioError([_as_precision(p) for p in error.problems]) from None
    if step < 1:
        raise InputError.one("precision", Phrase.of("goal.precision_zero", shown=brief(str(value))))
    return step


def _as_precision(problem: Problem) -> Problem:
    """A problem of the budget reader said of a precision: "3000 is a very small precision", not "budget"."""
    if problem.code != "scenario.small_amount":
        return problem
    params = {**dict(problem.message.params), "what": Phrase.of("goal.what_precision").both()}
    return Problem(problem.file, Phrase.of(problem.code, **params), problem.sheet, problem.row, problem.column)



def chosen_ids(fund: object, read: Applications) -> tuple[str, ...]:
    """The application ids given, each once; an InputError naming every one the workbook does not have."""
    if isinstance(fund, (bytes, Mapping)) or not isinstance(fund, Iterable):
        raise InputError.one("fund", Phrase.of("goal.not_targets", shown=brief(repr(fund))))
    given = [fund] if isinstance(fund, str) else list(fund)
    for item in given:
        if not isinstance(item, str):
            raise InputError.one("fund", Phrase.of("goal.not_targets", shown=brief(repr(item))))
    known = {a.application_id for a in read.valid} | {row.cells.get("application_id", "") for row in read.invalid}
    unknown = [i for i in dict.fromkeys(given) if i not in known]
    if unknown:
        raise InputError.one("fund", Phrase.of("goal.unknown_ids", ids=listed(unknown)))
    return tuple(dict.fromkeys(given))


def targets_of(fund: Callable[[Any], object], at_high: AllocationResult, policy: Policy) -> list[str]:
    """The ids of the rows of the allocation frame at the high budget for which `fund(row)` is true; an InputError
    naming what the function raised when it reads a column the frame does not have (`row.scroe`, `row["scroe"]`)."""
    frame = allocation_frame(at_high, policy)
    try:
        return [row.application_id for _, row in frame.iterrows() if fund(row)]
    except (AttributeError, KeyError) as error:
        said = brief(f"{type(error).__name__}: {error}")
        raise InputError.one("fund", Phrase.of("goal.fund_failed", error=said, columns=", ".join(frame.columns))
                             ) from error


def in_row_order(ids: Iterable[str], result: AllocationResult) -> tuple[str, ...]:
    """The ids in workbook order; an InputError when there are none."""
    wanted = set(ids)
    if not wanted:
        raise InputError.one("fund", Phrase.of("goal.no_targets"))
    return tuple(dict.fromkeys(a.application_id for a in result.awards if a.application_id in wanted))


def listed(ids: Sequence[str]) -> tuple[str, str]:
    """Every id, as a sentence lists them: (Chinese, English)."""
    shown = [(said, said) if isinstance(said := brief(i), str) else said for i in ids]
    return "、".join(zh for zh, _ in shown), ", ".join(en for _, en in shown)
