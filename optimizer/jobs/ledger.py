"""The award ledger's jobs beside publishing (docs/ledger.md): adding the awards of other municipal policies, and
looking entries up.

    >>> import tempfile, pathlib
    >>> from optimizer.ledger import init_ledger
    >>> ledger = pathlib.Path(tempfile.mkdtemp()) / "台账.sqlite"
    >>> init_ledger(ledger).count
    0
    >>> entries(ledger)
    ()
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from optimizer.domain import LedgerAward, Problem
from optimizer.ledger import Entry, LedgerError, LedgerState, append_awards, read_ledger
from optimizer.reading.awards import read_awards_file
from optimizer.reading.guard import FileLimits
from optimizer.words import Phrase


@dataclass(frozen=True)
class Imported:
    """Awards of another policy, now in the ledger."""

    source: str  # the awards workbook's file name
    awards: tuple[LedgerAward, ...]
    ledger: LedgerState  # after the import
    warnings: tuple[Problem, ...] = ()  # what the reader forgave (a title row, unknown columns, …)

    @property
    def total(self) -> int:
        return sum(award.amount for award in self.awards)

    def summary(self) -> Phrase:
        policy = self.awards[0].policy if self.awards else ""
        return Phrase.of("ledger.imported", source=self.source, count=len(self.awards), total=f"{self.total:,}",
                         policy=policy, ledger=str(self.ledger.path), entries=self.ledger.count)


def import_awards(ledger: Path | str, awards_file: Path | str, policy: str, *,
                  limits: FileLimits | None = None) -> Imported:
    """Record in `ledger` the awards granted under another municipal policy named `policy`, read from the
    workbook `awards_file` (every problem of it at once: AwardsFileError). An award the ledger already holds — the
    same credit code, content, amount and payment date, under whatever policy name it was imported — is refused
    with the others (LedgerError): a workbook imported twice would count its awards twice."""
    path, source = Path(ledger), Path(awards_file)
    state = read_ledger(path)
    read = read_awards_file(source, policy, limits=limits)
    awards = read.awards
    known = {_identity(entry.award): entry for entry in state.entries if entry.award.awarded_on is not None}
    again = [(award, known[_identity(award)]) for award in awards if _identity(award) in known]
    if again:
        raise LedgerError([_already(path, source.name, award, entry) for award, entry in again])
    after = append_awards(path, awards, recorded_at=datetime.now(UTC).isoformat(timespec="seconds"))
    return Imported(source.name, awards, after, read.warnings)


def entries(ledger: Path | str, *, credit_code: str | None = None) -> tuple[Entry, ...]:
    """The ledger's entries in the order recorded — those of one credit code only, if given (any case)."""
    found = read_ledger(Path(ledger)).entries
    if credit_code is None:
        return found
    wanted = credit_code.strip().upper()
    return tuple(entry for entry in found if entry.award.credit_code == wanted)


def _identity(award: LedgerAward) -> tuple[object, ...]:
    """What makes two imported awards the same payment, whatever the policy's name was typed as."""
    return award.credit_code, award.content_key, award.amount, award.awarded_on


def _already(ledger: Path, source: str, award: LedgerAward, entry: Entry) -> Problem:
    return Problem.of(str(ledger), "ledger.already_imported", source=source, policy=entry.award.policy,
                      seq=entry.seq, credit_code=award.credit_code, content_key=award.content_key or "",
                      amount=f"{award.amount:,}", awarded_on=str(award.awarded_on or ""))
