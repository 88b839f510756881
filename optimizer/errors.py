"""The errors budgetopt raises on purpose: one family, each a sentence for people.

    BudgetoptError
    ├── InputError     something from outside cannot be used (a workbook, scenario, policy model, allocation file,
    │                  run folder or manifest): `.problems`, each with file, sheet, row, column and message, and
    │                  `.warnings`
    ├── Infeasible     the scenario's limits cannot all hold: `.conflicts`, in the policy's and the scenario's words
    ├── SolverError    no proven optimum (a time limit, solver trouble, a failed re-check): nothing is published
    └── Mismatch       what was recorded no longer matches what is there (a run's files and its manifest, the award
                       ledger's hash chain): `.findings`, one sentence each

Messages never name command-line options. Where the remedy depends on how budgetopt was called — a larger file
limit, another solver, more time — the error carries a `Hint`, and each face words it in its own terms: the library
as an argument (`time_limit=`), the command line as an option (`--time-limit`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Self

from optimizer.domain import Problem
from optimizer.words import Phrase, default_lang, render

__all__ = ["BudgetoptError", "Hint", "Infeasible", "InputError", "Mismatch", "SolverError"]

# What the command line calls the reader's limits (hints of key "file_limit" carry the limit's name).
LIMIT_OPTIONS = {"max_file_bytes": "--max-file-mb", "max_unpacked_bytes": "--max-unpacked-mb",
                 "max_rows": "--max-rows", "max_columns": "--max-columns"}


@dataclass(frozen=True)
class Hint:
    """A remedy that depends on the caller: `key` names it (the phrase `hint.<key>`, which each face words its own
    way), `value` fills it in (a limit's name, a solver)."""

    key: str
    value: str = ""

    def text(self, lang: str | None = None, face: str | None = None) -> str:
        return render(f"hint.{self.key}", {"value": self.value, "option": LIMIT_OPTIONS.get(self.value, "")},
                      lang or default_lang(), face)


class BudgetoptError(Exception):
    """Every error budgetopt raises on purpose: a phrase, and the hint a face words its own way."""

    def __init__(self, message: Phrase | None, *, hint: Hint | None = None) -> None:
        super().__init__(message)
        self.phrase = message  # None where the sentence is made of parts (problems, conflicts)
        self.hint = hint

    def says(self, lang: str | None = None, face: str | None = None) -> str:
        """The sentence, without the hint."""
        return "" if self.phrase is None else self.phrase.text(lang, face)

    def text(self, lang: str | None = None, face: str | None = None) -> str:
        """The sentence and its hint, in `lang` (default: the run's), as `face` ("cli") words them."""
        return self.says(lang, face) + ("" if self.hint is None else self.hint.text(lang, face))

    @property
    def message(self) -> str:
        return self.says()

    def __str__(self) -> str:
        return self.text()


class InputError(BudgetoptError):
    """Input that cannot be used as it is: every problem found, in one pass.

    `problems` each name the file, sheet, row (as Excel numbers it), column and what is wrong; `warnings` are
    worth knowing but stopped nothing.
    """

    def __init__(self, problems: Sequence[Problem], warnings: Sequence[Problem] = (), *,
                 hint: Hint | None = None) -> None:
        super().__init__(None, hint=hint)
        self.problems = tuple(problems)
        self.warnings = tuple(warnings)

    def says(self, lang: str | None = None, face: str | None = None) -> str:
        return "\n".join(p.text(lang, face) for p in self.problems)

    @classmethod
    def one(cls, file: object, message: Phrase, *, sheet: str | None = None, row: int | None = None,
            column: str | None = None, hint: Hint | None = None) -> Self:
        """An error of a single problem at one place."""
        return cls([Problem(str(file), message, sheet, row, column)], hint=hint)


class ChangedInput(InputError):
    """An input that is there but not as a run recorded it (its file changed since, the award ledger's entries
    another chain): said as its problems are, and — as what was recorded no longer matching what is there — exit 4
    on the command line, as a Mismatch."""


class Infeasible(BudgetoptError):
    """The scenario's limits cannot all hold; `conflicts` names them and by how much (`phrases`, in any language)."""

    def __init__(self, conflicts: Sequence[Phrase]) -> None:
        super().__init__(None)
        self.phrases = tuple(conflicts)

    @property
    def conflicts(self) -> tuple[str, ...]:
        return self.texts()

    def texts(self, lang: str | None = None, face: str | None = None) -> tuple[str, ...]:
        return tuple(c.text(lang, face) for c in self.phrases)

    def says(self, lang: str | None = None, face: str | None = None) -> str:
        return ("；" if (lang or default_lang()) == "zh" else "; ").join(self.texts(lang, face))


class SolverError(BudgetoptError):
    """The solver did not give a proven-optimal, rule-abiding answer; nothing is published."""


class Mismatch(BudgetoptError):
    """What was recorded no longer matches what is there — a run's files and its manifest, the award ledger's hash
    chain: nothing is done with it (the command line exits with 4). `findings`: one phrase per difference."""

    def __init__(self, findings: Sequence[Phrase]) -> None:
        super().__init__(None)
        self.findings = tuple(findings)

    def says(self, lang: str | None = None, face: str | None = None) -> str:
        return "\n".join(f.text(lang, face) for f in self.findings)
