"""One policy's awards in the ledger, summed up (`budgetopt ledger summary`, docs/ledger.md): by year, by clause, by
region and district, and award by award, each award as it stands after its corrections — the workbook a finance
bureau reports at the year's end, and (of one district) sends that district with its funds.

    >>> import tempfile, pathlib
    >>> from optimizer.ledger import init_ledger
    >>> ledger = pathlib.Path(tempfile.mkdtemp()) / "台账.sqlite"
    >>> _ = init_ledger(ledger)
    >>> ledger_summary(ledger)
    Traceback (most recent call last):
    ...
    optimizer.errors.InputError: ...台账.sqlite: the ledger holds no awards of 渝经信规范〔2026〕2号 (it holds none yet)
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from optimizer.domain import Problem
from optimizer.errors import InputError
from optimizer.jobs.inputs import PolicySource, policy_of, read_lang
from optimizer.jobs.ledger_reports import no_policy, read_upto, text_argument, whole_argument, xlsx_name
from optimizer.ledger import LedgerState, Tampering, check_ledger
from optimizer.ledger.summary import LedgerSummary, Line, summarise
from optimizer.report.console import table
from optimizer.report.files import write_all
from optimizer.report.ledger_summary import FIGURES, summary_xlsx
from optimizer.report.units import say
from optimizer.rules.divisions import chongqing
from optimizer.rules.ledger import policy_key
from optimizer.rules.policy import Policy
from optimizer.words import Phrase

if TYPE_CHECKING:
    import pandas as pd

FRAME_COLUMNS = ("policy", "year", "district", "applicant", "credit_code", "project", "clause", "application_id",
                 "first", "corrected", "stands", "revoked", "seq")


@dataclass(frozen=True)
class Summary:
    """A policy's awards in a ledger file, summed up (`figures`), and the policy's model (`model`: it names the
    clauses and their sections; None for another policy's imported awards)."""

    ledger: Path
    figures: LedgerSummary
    model: Policy | None
    # made from the first entries only (`upto`): what was changed outside budgetopt after them (the figures hold)
    changed_after: tuple[Tampering, ...] = ()

    def __repr__(self) -> str:
        total = self.figures.total
        years = "/".join(map(str, self.figures.years))
        return (f"<Summary {self.figures.policy!r} {years}: {total.granted} awards granted ({total.revoked} revoked), "
                f"{total.stands:,} yuan standing of {total.first:,}; from {self.figures.entries} entries>")

    def xlsx(self, lang: str = "zh") -> bytes:
        """The workbook: by year, clause, district and applicant, and each award with its corrections."""
        return summary_xlsx(self.figures, self.ledger.name, self.model, read_lang(lang))

    def write(self, path: Path | str, lang: str = "zh") -> Path:
        """Write the workbook to `path`, an .xlsx (InputError for another name), whole or not at all; a file there
        is replaced."""
        target = xlsx_name(Path(path))
        write_all(target.parent, {target.name: self.xlsx(lang)})
        return target

    def text(self, lang: str = "zh") -> str:
        """The years' lines as a table, amounts in yuan — what the command line prints."""
        header = [say("summary.col.year", read_lang(lang)), *(say(f"summary.text.{name}", lang) for name in FIGURES)]
        lines = [*self.figures.by_year, *([self.figures.total] if len(self.figures.by_year) > 1 else [])]
        rows = [[say("summary.total", lang) if line.year == 0 else str(line.year), *_figures(line)] for line in lines]
        return table(header, rows, right=range(1, len(header)))

    def to_frame(self) -> pd.DataFrame:
        """One row per award, in the workbook's order, the revoked ones among them: policy, year, district,
        applicant, credit_code, project, clause, application_id, then first (as granted), corrected, stands (whole
        yuan), revoked, and the ledger's seq."""
        import pandas as pd

        rows = [(a.policy, a.year, a.district, a.applicant, a.credit_code, a.project, a.clause, a.application_id or "",
                 s.first, s.corrected, s.stands, s.revoked, s.entry.seq)
                for s in self.figures.awards for a in (s.entry.award,)]
        return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def ledger_summary(ledger: Path | str, *, year: int | None = None, district: str | None = None,
                   policy: str | None = None, upto: int | None = None, policy_model: PolicySource = None) -> Summary:
    """The awards the ledger records under `policy` (the policy model's number when None: 渝经信规范〔2026〕2号), of
    `year` and `district` only when given, each as it stands after its corrections — among the first `upto` entries
    when given (the entries an earlier summary was made from, which it names), else all. The ledger is read and its
    chain checked as every read does (LedgerError, LedgerTampered). A policy, year or district of which those entries
    hold no award is an InputError naming what they hold. With `upto`, what was changed outside budgetopt after
    those entries is not refused (they hold, and so do the figures) but named in `changed_after`."""
    path = Path(ledger)
    _, _, _, count = _arguments(policy, year, district, upto)  # every mistake at once, before the file is read
    summary = summary_of(read_upto(path, count), year=year, district=district, policy=policy,
                         policy_model=policy_model)
    return summary if count is None else replace(summary, changed_after=check_ledger(path))


def summary_of(state: LedgerState, *, year: int | None = None, district: str | None = None,
               policy: str | None = None, policy_model: PolicySource = None) -> Summary:
    """`ledger_summary` of a ledger already read (the app's ledger page has read and checked it)."""
    model = policy_of(policy_model)
    given, wanted_year, named, _ = _arguments(policy, year, district, None)
    name = given or model.number
    wanted_district = None if named is None else _district(named)
    divisions = chongqing()
    regions = [(region.name, region.members) for region in divisions.regions]
    figures = summarise(state.entries, policy=name, years=None if wanted_year is None else {wanted_year},
                        district=wanted_district, clause_order=tuple(model.clauses), regions=regions)
    if not figures.awards:
        raise InputError([_nothing(state, name, wanted_year, wanted_district, regions)])
    return Summary(state.path, figures, model if policy_key(model.number) == policy_key(name) else None)


def _nothing(state: LedgerState, policy: str, year: int | None, district: str | None,
             regions: list[tuple[str, tuple[str, ...]]]) -> Problem:
    """What the entries hold where they hold no award of what was asked: the policies, that policy's years, or
    that year's districts."""
    where = state.path.name
    found = summarise(state.entries, policy=policy, regions=regions)
    if not found.awards:
        return no_policy(state, policy)
    if year is not None and year not in found.years:
        return Problem.of(where, "summary.no_year", policy=found.policy, year=year, held=_listed(
            [Phrase.of("summary.year", year=y).both() for y in found.years]))
    scope = found if year is None else summarise(state.entries, policy=policy, years={year}, regions=regions)
    return Problem.of(where, "summary.no_district", policy=found.policy, district=district,
                      scope=("", "") if year is None else Phrase.of("summary.in_year", year=year).both(),
                      held=_listed([(d, d) for d in dict.fromkeys(line.key or "—" for line in scope.by_district)]))


def _listed(items: list[tuple[str, str]]) -> tuple[str, str]:
    return "、".join(zh for zh, _ in items), ", ".join(en for _, en in items)


def _arguments(policy: object, year: object, district: object,
               upto: object) -> tuple[str | None, int | None, str | None, int | None]:
    """The policy's name, the year, the district's name and the number of entries, each checked when given; an
    InputError naming every one that is wrong."""
    problems: list[Problem] = []
    checked = (None if policy is None else text_argument(policy, "policy", problems),
               None if year is None else whole_argument(year, "year", 1, problems),
               None if district is None else text_argument(district, "district", problems),
               None if upto is None else whole_argument(upto, "upto", 0, problems))
    if problems:
        raise InputError(problems)
    return checked


def _district(text: str) -> str:
    """A district as the ledger records it: the current division a name stands for (渝北区 is 两江新区), else the
    text as given."""
    found = chongqing().lookup(text)
    return found.name if found is not None else text


def _figures(line: Line) -> list[str]:
    return [f"{value:,}" for value in operator.attrgetter(*FIGURES)(line)]
