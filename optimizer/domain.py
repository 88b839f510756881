"""The plain values every step passes on, from the workbook to the outputs.

    workbook ─▶ Application ─▶ Entitlement ─▶ Award ─▶ outputs

All are frozen: a step takes values and returns new ones, so each step can be tested and reused on its own.
Money is exact: `Decimal` as read, whole yuan (`int`) from the entitlement on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter
from pathlib import Path
from typing import Any

from optimizer.words.core import Phrase, default_lang, place_text, with_place


class Status(StrEnum):
    """The outcome of one application: the statuses of allocation.csv (README, Outputs)."""

    FUNDED = "FUNDED"  # x = E
    PARTIAL = "PARTIAL"  # 0 < x < E
    UNFUNDED = "UNFUNDED"  # eligible, x = 0
    INELIGIBLE = "INELIGIBLE"
    DUPLICATE = "DUPLICATE"
    INVALID = "INVALID"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (or, with `warning`, worth knowing) at one place of one input file: what is said is a
    Phrase (a code and its parameters), worded in the run's language when the problem is shown."""

    file: str
    message: Phrase
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    warning: bool = False

    @classmethod
    def of(cls, file: str, code: str, /, *, sheet: str | None = None, row: int | None = None, column: str | None = None,
           warning: bool = False, **params: object) -> Problem:
        return cls(file, Phrase.of(code, **params), sheet, row, column, warning)

    @property
    def code(self) -> str:
        return self.message.code

    def says(self, lang: str | None = None, face: str | None = None) -> str:
        """What is wrong, without the place."""
        return self.message.text(lang, face)

    def text(self, lang: str | None = None, face: str | None = None) -> str:
        """Where, and what is wrong: `sample.xlsx, sheet 申报项目, row 17, column 统一社会信用代码: …`."""
        lang = lang or default_lang()
        place = place_text(self.file, self.sheet, self.row, self.column, lang)
        return with_place(place, self.says(lang, face), lang, self.warning)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True, slots=True)
class Reason:
    """A fact that explains an outcome, as a code with parameters; words/reasons.py words it in Chinese or English."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: str, **params: object) -> Reason:
        return cls(code, tuple(sorted((key, str(value)) for key, value in params.items())))

    @property
    def values(self) -> Mapping[str, str]:
        return dict(self.params)


@dataclass(frozen=True, slots=True)
class Application:
    """One valid row of the application workbook, with every value in its checked, canonical form."""

    row: int  # the Excel row number; also the row's place in every output
    application_id: str
    applicant: str
    credit_code: str
    district: str
    clause: str
    project: str
    score: Decimal
    submitted_on: date
    content_key: str | None = None
    investment: Decimal | None = None
    requested: Decimal | None = None
    industry: str | None = None
    enterprise_size: str | None = None
    qualified: bool | None = None
    prior_support: Decimal = Decimal(0)
    group: str | None = None  # enterprises under common control (关联企业组), capped together

    def __reduce__(self) -> tuple[type[Application], tuple[Any, ...]]:
        """Pickled as its fields in order, made again by __init__: a second process sends rows it read back
        (reading/applications.py) in half the time a slotted dataclass's own state takes each way."""
        return Application, _application_fields(self)


_application_fields = attrgetter(*(f.name for f in fields(Application)))


@dataclass(frozen=True, slots=True)
class InvalidRow:
    """A row that could not be read; kept so that it still appears in every output (status INVALID)."""

    row: int
    cells: Mapping[str, str]  # field name -> the cell as the workbook shows it
    problems: tuple[Problem, ...]

    def summary(self, lang: str | None = None) -> str:
        """What is wrong with the row, column by column: `column score: must be between 0 and 100, found 140`."""
        lang = lang or default_lang()
        return ("；" if lang == "zh" else "; ").join(
            with_place(place_text("", None, None, p.column, lang), p.says(lang), lang) for p in self.problems)


@dataclass(frozen=True, repr=False)
class Applications:
    """A year's applications as read: the valid rows, the rows that could not be read, and what is worth knowing.

    `source` is how messages name where they came from: the workbook's file name, or "DataFrame" / "records".
    """

    source: str
    sheet: str | None
    valid: tuple[Application, ...]
    invalid: tuple[InvalidRow, ...] = ()
    warnings: tuple[Problem, ...] = ()
    path: Path | None = None  # the workbook file, when they were read from one (its SHA-256 goes in the manifest)
    limits: Mapping[str, int] | None = None  # the reader's limits, where they differ from the defaults

    def __repr__(self) -> str:  # a notebook shows this, not every row
        return (f"<Applications {self.source!r}: {len(self.valid)} valid, {len(self.invalid)} invalid, "
                f"{len(self.warnings)} warnings>")

    @property
    def rows_read(self) -> int:
        return len(self.valid) + len(self.invalid)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(p for row in self.invalid for p in row.problems)


@dataclass(frozen=True, slots=True)
class LedgerAward:
    """One award the ledger records (docs/ledger.md): granted under this policy by a published run, or granted
    under another municipal policy and imported. Prior support for (credit_code, content_key) counts them."""

    policy: str  # the policy's number (渝经信规范〔2026〕2号), or the name given to `ledger import --policy`
    year: int  # the budget year of the run; for an imported award, the year it was paid
    credit_code: str
    content_key: str | None  # None matches no application
    amount: int  # whole yuan
    applicant: str = ""
    group: str | None = None
    application_id: str | None = None  # the run's application; None for an imported award
    district: str = ""
    clause: str = ""
    project: str = ""
    awarded_on: date | None = None  # imported awards: 拨付日期
    run: str | None = None  # the publishing run's manifest SHA-256; None for an imported award
    # A correction (核减, or 撤销 down to 0) of an earlier entry: that entry's seq, and the decision it rests on (its
    # document number, say). The correction's amount is the change (negative); its other fields are the entry's.
    corrects: int | None = None
    basis: str | None = None

    @property
    def is_correction(self) -> bool:
        return self.corrects is not None


@dataclass(frozen=True, slots=True)
class Basis:
    """How an entitlement was set: the clause's limit, the request, and prior support deducted."""

    set_by: str  # "standard" (fixed), "maximum" (capped or matching at its cap), "rate", "requested"
    gross: int  # the entitlement before prior support
    prior_support: int = 0  # deducted for support already granted for the same content
    # the ledger's awards counted, when their sum set the prior support: (policy, year, amount, application_id, the
    # amount first granted — more than `amount` where a correction lowered the award)
    ledger: tuple[tuple[str, int, int, str, int], ...] = ()
    declared: int = 0  # the workbook's prior_support cell, where it counts beside the ledger's awards (this policy's)
    rate: Decimal | None = None  # matching clauses: the rate and the base it applies to
    base: Decimal | None = None
    by_rate: int | None = None  # ⌊rate × base⌋


@dataclass(frozen=True, slots=True)
class Entitlement:
    """What one application may receive at most, or why it receives nothing: eligibility, entitlement and
    就高、不重复 (docs/how-it-decides.md)."""

    application: Application
    amount: int  # E in whole yuan; 0 when ineligible or duplicate
    status: Status | None = None  # INELIGIBLE or DUPLICATE; None when it goes on to the optimiser
    basis: Basis | None = None
    reasons: tuple[Reason, ...] = ()

    @property
    def eligible(self) -> bool:
        return self.status is None


@dataclass(frozen=True, slots=True)
class Award:
    """The outcome for one row of the workbook, as every output shows it."""

    row: int
    application_id: str
    applicant: str
    credit_code: str
    district: str
    clause: str
    project: str
    score: str  # as read (an invalid row keeps what its cell showed)
    entitlement: int  # E for FUNDED / PARTIAL / UNFUNDED, 0 otherwise
    allocated: int
    status: Status
    reasons: tuple[Reason, ...] = ()  # what stopped it getting more, or why it gets nothing
    basis: Basis | None = None  # how E was set


@dataclass(frozen=True)
class AllocationRow:
    """One row of an allocation file, as written (text columns with the formula guard taken off)."""

    row: int  # the row number as a spreadsheet shows it; the header is row 1
    application_id: str
    allocated: int | None  # whole yuan; None when the cell is empty
    status: Status
    entitlement: int | None = None  # None when the cell is empty or the column absent
    applicant: str = ""
    credit_code: str = ""
    district: str = ""
    clause: str = ""
    score: str = ""
    reason: str = ""
    status_given: bool = True  # False: the file states no status here, and `status` is what its amounts say
    total: bool = False  # a 合计 row someone added (no application, no status): left out of every sum and check
