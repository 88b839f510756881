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
from optimizer.errors import InputError
from optimizer.ledger import Entry, LedgerError, LedgerState, append_awards, read_ledger
from optimizer.reading import fields as cells
from optimizer.reading.awards import read_awards_file
from optimizer.reading.guard import FileLimits
from optimizer.rules.ledger import content_id, policy_key
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
    # a publication has no payment date: the payment record of an award published here is the same award
    published = {_published(entry.award): entry for entry in state.entries if entry.award.awarded_on is None}
    paid = [(award, published[_published(award)]) for award in awards
            if _identity(award) not in known and _published(award) in published]
    if again or paid:
        raise LedgerError([*(_already(path, source.name, award, entry) for award, entry in again),
                           *(_paid(path, source.name, award, entry) for award, entry in paid)])
    after = append_awards(path, awards, recorded_at=datetime.now(UTC).isoformat(timespec="seconds"))
    return Imported(source.name, awards, after, read.warnings)


def entries(ledger: Path | str, *, credit_code: str | None = None) -> tuple[Entry, ...]:
    """The ledger's entries in the order recorded — those of one credit code only, if given (read as a workbook's
    cell is: any case, full-width or spaced; InputError when it is no credit code, rather than "no entries")."""
    wanted = None
    if credit_code is not None:
        try:
            wanted = cells.credit_code(credit_code)
        except cells.CellError as exc:
            raise InputError.one("credit_code", exc.phrase) from None
    found = read_ledger(Path(ledger)).entries
    return found if wanted is None else tuple(entry for entry in found if entry.award.credit_code == wanted)


def _identity(award: LedgerAward) -> tuple[object, ...]:
    """What makes two imported awards the same payment, whatever the policy's name was typed as."""
    return award.credit_code, content_id(award.content_key), award.amount, award.awarded_on


def _published(award: LedgerAward) -> tuple[object, ...]:
    """What makes an imported award the payment of one `publish` recorded: the same policy (however its number was
    typed), credit code, content and amount."""
    return policy_key(award.policy), award.credit_code, content_id(award.content_key), award.amount


def _paid(ledger: Path, source: str, award: LedgerAward, entry: Entry) -> Problem:
    return Problem.of(str(ledger), "ledger.paid_published", source=source, seq=entry.seq, year=entry.award.year,
                      application=entry.award.application_id or "—", credit_code=award.credit_code,
                      content_key=award.content_key or "", amount=f"{award.amount:,}")


def _already(ledger: Path, source: str, award: LedgerAward, entry: Entry) -> Problem:
    return Problem.of(str(ledger), "ledger.already_imported", source=source, policy=entry.award.policy,
                      seq=entry.seq, credit_code=award.credit_code, content_key=award.content_key or "",
                      amount=f"{award.amount:,}", awarded_on=str(award.awarded_on or ""))
