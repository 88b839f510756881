"""What the ledger's reports share (`ledger summary`, `ledger corrections`): reading the first N entries, checking
their arguments — every mistake at once, each named by its argument — naming what the ledger holds where it holds
nothing asked for, and the workbook's file name. Their phrases are the summary's (`summary.*`), where they began."""

from __future__ import annotations

from pathlib import Path

from optimizer.domain import Problem
from optimizer.errors import InputError
from optimizer.ledger import LedgerError, LedgerState, read_ledger
from optimizer.ledger.summary import policies
from optimizer.money import whole_number
from optimizer.words import Phrase, brief


def read_upto(path: Path, count: int | None) -> LedgerState:
    """The ledger's first `count` entries (all when None), read and checked as every read is; fewer entries than
    asked are said as a report's refusal (`summary.too_few`), not a run's."""
    try:
        return read_ledger(path, upto=count)
    except LedgerError as exc:
        if not any(p.code == "ledger.too_few" for p in exc.problems):
            raise
        raise InputError.one(path.name, Phrase.of("summary.too_few", count=read_ledger(path).count,
                                                  upto=count)) from None


def xlsx_name(path: Path, code: str = "summary.not_xlsx") -> Path:
    """`path`, when it names an .xlsx: the summary (or the report `code` says is one) is a workbook (InputError
    otherwise)."""
    if path.suffix.lower() != ".xlsx":
        raise InputError.one(str(path), Phrase.of(code))
    return path


def no_policy(state: LedgerState, policy: str) -> Problem:
    """The ledger holds no award of `policy`: the policies it does hold, or that it holds none."""
    held = policies(state.entries)
    return Problem.of(state.path.name, "summary.no_policy", policy=policy, held=Phrase.of(
        "summary.held_policies", policies=("、".join(held), ", ".join(held))).both() if held else Phrase.of(
        "summary.held_nothing").both())


def whole_argument(value: object, name: str, least: int, problems: list[Problem]) -> int | None:
    """A whole number of at least `least` (numpy's too), not a bool; else None, and a problem naming the argument."""
    number = whole_number(value)
    if number is None or number < least:
        problems.append(Problem.of(name, f"summary.bad_{name}", shown=brief(repr(value))))
        return None
    return number


def text_argument(value: object, name: str, problems: list[Problem]) -> str | None:
    """Text, without its surrounding spaces; else None, and a problem naming the argument."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        problems.append(Problem.of(name, f"summary.bad_{name}", shown=brief(repr(value))))
        return None
    return text
