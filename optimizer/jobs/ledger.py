"""The award ledger's jobs beside publishing (docs/ledger.md): adding the awards of other municipal policies,
correcting an award (核减、撤销, and 调增、恢复 to put a mistaken correction right), and looking entries up.

    >>> import tempfile, pathlib
    >>> from optimizer.ledger import init_ledger
    >>> ledger = pathlib.Path(tempfile.mkdtemp()) / "台账.sqlite"
    >>> init_ledger(ledger).count
    0
    >>> entries(ledger)
    ()
"""

from __future__ import annotations

import contextlib
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from optimizer.domain import LedgerAward, Problem
from optimizer.errors import InputError
from optimizer.ledger import (
    Entry,
    LedgerError,
    LedgerState,
    append_awards,
    append_correction,
    history,
    preview_correction,
    read_ledger,
)
from optimizer.ledger.corrections import kind_of
from optimizer.money import AmountError, parse_amount, whole_number
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
    # an award is known at every amount it stood at (a payment record may be of the award as first granted, or as
    # a correction left it); a publication has no payment date: the payment record of an award published here is
    # the same award
    stood = [(replace(entry.award, amount=amount), entry) for entry, amounts in history(state.entries)
             for amount in amounts if amount > 0]
    known = {_identity(award): entry for award, entry in stood if award.awarded_on is not None}
    published = {_published(award): entry for award, entry in stood if award.awarded_on is None}
    again = [(award, known[_identity(award)]) for award in awards if _identity(award) in known]
    paid = [(award, published[_published(award)]) for award in awards
            if _identity(award) not in known and _published(award) in published]
    if again or paid:
        raise LedgerError([*(_already(path, source.name, award, entry) for award, entry in again),
                           *(_paid(path, source.name, award, entry) for award, entry in paid)])
    after = append_awards(path, awards, recorded_at=datetime.now(UTC).isoformat(timespec="seconds"),
                          expected_head=state.head)
    return Imported(source.name, awards, after, read.warnings)


MOST_BASIS = 500  # characters of a correction's basis: a document number and a sentence or two


@dataclass(frozen=True)
class Corrected:
    """A correction recorded: the entry that records it, the award it corrects, and what that award stood at."""

    entry: Entry
    award_entry: Entry  # the award corrected, as recorded
    before: int
    ledger: LedgerState  # after the correction
    preview: bool = False  # not recorded: as it would be recorded now (correct_award(preview=True))

    @property
    def after(self) -> int:
        return self.before + self.entry.award.amount

    @property
    def first(self) -> int:
        """What the award was first granted at (published or imported): no correction raises it above this."""
        return self.award_entry.award.amount

    @property
    def kind(self) -> str:
        """lowered (核减), revoked (撤销), raised (调增) or restored (恢复, back at what was first granted)."""
        return kind_of(self.before, self.after, self.first)

    def summary(self) -> Phrase:
        award = self.award_entry.award
        code = {"lowered": "ledger.corrected", "revoked": "ledger.revoked", "raised": "ledger.raised",
                "restored": "ledger.restored"}[self.kind] + ("_preview" if self.preview else "")
        return Phrase.of(code, ledger=str(self.ledger.path),
                         entry=self.entry.seq, seq=self.award_entry.seq,
                         applicant=award.applicant or "—", credit_code=award.credit_code, policy=award.policy,
                         year=award.year, before=f"{self.before:,}", after=f"{self.after:,}",
                         first=f"{self.first:,}", basis=self.entry.award.basis or "", entries=self.ledger.count)


def correct_award(ledger: Path | str, seq: int | str, *, to: int | str | Decimal, basis: str,
                  on: date | str | None = None, preview: bool = False) -> Corrected:
    """Correct the award recorded as entry `seq` to `to` yuan, on the decision `basis` (its document number, the
    outcome of an objection), dated `on` (a date or `2027-03-01`; today if None): lower it (核减), revoke it at 0
    (撤销) — or, to put right a correction recorded by mistake, raise it again (调增), at most back to what it was
    first granted at (恢复: its 公示 amount, or the amount imported), a revoked award too.

    Entries are never changed: a correction is an entry of its own, chained as any other, with the award's fields,
    `corrects` = seq and the change as its amount (negative where it lowers the award). Prior support, the period
    cap, the audit and the ledger's totals count each award as it stands after its corrections. An amount that is no
    whole number of yuan, an empty basis (or one of several lines, or over MOST_BASIS characters), a date after today
    or an entry number that is no whole number of 1 or more is an InputError; a number beyond the ledger, an entry
    that is a correction, an award already at `to` (revoked already, for 0) or first granted at less than `to` —
    also as another correction recorded in the meantime left it — or a decision dated before the award is refused
    (LedgerError, an InputError too). With `preview`, nothing is written: the correction as it would be recorded
    now, by the same checks (what the app shows for confirmation first)."""
    problems: list[Problem] = []
    amount = _after(to, problems)
    said = basis.strip() if isinstance(basis, str) else ""
    if not said:
        problems.append(Problem.of("basis", "ledger.correction.no_basis"))
    elif not cells.one_line(said):
        problems.append(Problem.of("basis", "ledger.correction.basis_control"))
    elif len(said) > MOST_BASIS:
        problems.append(Problem.of("basis", "ledger.correction.long_basis", length=len(said), most=MOST_BASIS))
    number = _entry_number(seq)
    if number is None:
        problems.append(Problem.of("seq", "ledger.correction.bad_entry", shown=str(seq)))
    day = _day(on, problems)
    if problems:
        raise InputError(problems)
    assert amount is not None and number is not None
    path, today = Path(ledger), date.today()
    recorded_at = datetime.now(UTC).isoformat(timespec="seconds")
    if preview:
        after = preview_correction(path, number, to=amount, basis=said, on=day or today, recorded_at=recorded_at)
    else:  # decided on the award as read now: a raise is recorded only from the amount it was decided on
        seen = read_ledger(path).stands_at(number)
        after = append_correction(path, number, to=amount, basis=said, on=day or today, recorded_at=recorded_at,
                                  expected=seen)
    entry = after.entries[-1]
    return Corrected(entry, after.entries[number - 1], amount - entry.award.amount, after, preview)


def _entry_number(value: object) -> int | None:
    """An entry's number: 1 or more, as a whole number (numpy's too) or its digits (a form's field, full-width digits
    as an IME types them)."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        number = int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None
    else:
        number = whole_number(value)
    return number if number is not None and number >= 1 else None


def _day(value: object, problems: list[Problem]) -> date | None:
    """The decision's date: a date, or its ISO text (2027-03-01), today or before (a decision not yet made is not
    recorded); None for today."""
    day: date | None = None
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(unicodedata.normalize("NFKC", value).strip())
    if value is not None and (day is None or day > date.today()):
        problems.append(Problem.of("on", "ledger.correction.bad_date", shown=str(value)))
        return None
    return day


def _after(value: object, problems: list[Problem]) -> int | None:
    """The amount an award is corrected to: whole yuan, 0 or more, written as an amount is anywhere (100万)."""
    try:
        amount = parse_amount(value)  # type: ignore[arg-type]  # anything else is an AmountError
    except AmountError:
        amount = None
    if amount is None or amount < 0 or amount != amount.to_integral_value():
        problems.append(Problem.of("to", "ledger.correction.bad_amount", shown=str(value)))
        return None
    return int(amount)


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
