"""The errors budgetopt raises on purpose: one family, each a sentence for people.

    BudgetoptError
    ├── InputError     something from outside cannot be used (a workbook, scenario, policy model, allocation file,
    │                  run folder or manifest): `.problems`, each with file, sheet, row, column and message, and
    │                  `.warnings`
    ├── Infeasible     the scenario's limits cannot all hold: `.conflicts`, in the policy's and the scenario's words
    └── SolverError    no proven optimum (a time limit, solver trouble, a failed re-check): nothing is published

Messages never name command-line options. Where the remedy depends on how budgetopt was called — a larger file
limit, another solver, more time — the error carries a `Hint`, and each face words it in its own terms: the library
as an argument (`time_limit=`), the command line as an option (`--time-limit`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Self

from optimizer.domain import Problem

__all__ = ["BudgetoptError", "Hint", "Infeasible", "InputError", "SolverError"]


@dataclass(frozen=True)
class Hint:
    """A remedy that depends on the caller: `key` names it, `value` fills it in (a limit's name, a solver)."""

    key: str
    value: str = ""


# How the library words each hint; cli.py has its own table for the command line.
LIBRARY_HINTS: Mapping[str, str] = {
    "file_limit": " (FileLimits.{value})",
    "time_limit": " (raise time_limit)",
    "other_solver": " (try solver=\"{value}\")",
    "other_solver_then": "; try solver=\"{value}\"",
    "highs_missing": "; use solver=\"cbc\" or reinstall",
    "run_folder": " (give the folder an allocate run wrote)",
}


def hint_text(hint: Hint | None, table: Mapping[str, str]) -> str:
    """The words a face adds for `hint` (nothing without one)."""
    return "" if hint is None else table[hint.key].format(value=hint.value)


class BudgetoptError(Exception):
    """Every error budgetopt raises on purpose. `message` is the sentence without the hint; str() adds the library's
    wording of the hint."""

    def __init__(self, message: str, *, hint: Hint | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message + hint_text(self.hint, LIBRARY_HINTS)


class InputError(BudgetoptError):
    """Input that cannot be used as it is: every problem found, in one pass.

    `problems` each name the file, sheet, row (as Excel numbers it), column and what is wrong; `warnings` are
    worth knowing but stopped nothing.
    """

    def __init__(self, problems: Sequence[Problem], warnings: Sequence[Problem] = (), *,
                 hint: Hint | None = None) -> None:
        super().__init__("\n".join(str(p) for p in problems), hint=hint)
        self.problems = tuple(problems)
        self.warnings = tuple(warnings)

    @classmethod
    def one(cls, file: object, message: str, *, sheet: str | None = None, row: int | None = None,
            column: str | None = None, hint: Hint | None = None) -> Self:
        """An error of a single problem at one place."""
        return cls([Problem(str(file), message, sheet, row, column)], hint=hint)


class Infeasible(BudgetoptError):
    """The scenario's limits cannot all hold; `conflicts` names them and by how much."""

    def __init__(self, conflicts: Sequence[str]) -> None:
        super().__init__("; ".join(conflicts))
        self.conflicts = tuple(conflicts)


class SolverError(BudgetoptError):
    """The solver did not give a proven-optimal, rule-abiding answer; nothing is published."""
