"""One policy's awards in the ledger, summed up (`budgetopt ledger summary`, docs/ledger.md): by year, by clause, by
district and award by award, each award as it stands after its corrections — the workbook a finance bureau reports
at the year's end and sends each district with its funds.

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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from optimizer.domain import Problem
from optimizer.errors import InputError
from optimizer.jobs.inputs import PolicySource, policy_of, read_lang
from optimizer.ledger import read_ledger
from optimizer.ledger.summary import LedgerSummary, Line, policies, summarise
from optimizer.report.console import table
from optimizer.report.files import write_all
from optimizer.report.ledger_summary import summary_xlsx
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
    """A policy's awards in a ledger file, summed up: `lines` and `awards` as the workbook shows them."""

    ledger: Path
    lines: LedgerSummary
    policy: Policy | None  # the model of the summed policy, naming its clauses; None for an imported one

    def __repr__(self) -> str:
        total = self.lines.total
        return (f"<Summary {self.lines.policy!r} {'/'.join(map(str, self.lines.years))}: {total.awards} awards, "
                f"{total.stands:,} yuan standing of {total.first:,} granted; from {self.lines.entries} entries>")

    def xlsx(self, lang: str = "zh") -> bytes:
        """The workbook: by year, by clause, by district, and each award with its corrections."""
        return summary_xlsx(self.lines, self.ledger.name, self.policy, read_lang(lang))

    def write(self, path: Path | str, lang: str = "zh") -> Path:
        """Write the workbook to `path` (an .xlsx), whole or not at all."""
        target = Path(path)
        write_all(target.parent, {target.name: self.xlsx(lang)})
        return target

    def text(self, lang: str = "zh") -> str:
        """The years' lines as a table, amounts in yuan — what the command line prints."""
        names = ("year", "awards", "applicants", "first", "corrected", "revoked", "stands")
        header = [say(f"summary.text.{name}", lang) for name in names]
        lines = [*self.lines.by_year, *([self.lines.total] if len(self.lines.by_year) > 1 else [])]
        rows = [[say("summary.total", lang) if line.year == 0 else str(line.year), *_figures(line)] for line in lines]
        return table(header, rows, right=range(1, len(names)))

    def to_frame(self) -> pd.DataFrame:
        """One row per award, in the workbook's order: policy, year, district, applicant, credit_code, project,
        clause, application_id, then first (as granted), corrected, stands (whole yuan), revoked, and the ledger's
        seq."""
        import pandas as pd

        rows = [(s.entry.award.policy, s.entry.award.year, s.entry.award.district, s.entry.award.applicant,
                 s.entry.award.credit_code, s.entry.award.project, s.entry.award.clause,
                 s.entry.award.application_id or "", s.first, s.corrected, s.stands, s.revoked, s.entry.seq)
                for s in self.lines.awards]
        return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def ledger_summary(ledger: Path | str, *, year: int | None = None, policy: str | None = None,
                   policy_model: PolicySource = None) -> Summary:
    """The awards the ledger records under `policy` (the policy model's number when None: 渝经信规范〔2026〕2号), of
    `year` only when given, each as it stands after its corrections. The ledger is read and its chain checked as
    every read does (LedgerError, LedgerTampered). A policy or a year of which the ledger holds no award is an
    InputError naming what it holds."""
    path = Path(ledger)
    model = policy_of(policy_model)
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise InputError.one("year", Phrase.of("summary.bad_year", shown=repr(year)))
    name = model.number if policy is None else policy
    entries = read_ledger(path).entries
    everything = summarise(entries, policy=name)
    if not everything.awards:
        held = policies(entries)
        raise InputError([Problem.of(str(path), "summary.no_policy", policy=name, held=Phrase.of(
            "summary.held_policies", policies=("、".join(held), ", ".join(held))).both() if held else Phrase.of(
            "summary.held_nothing").both())])
    if year is not None and year not in everything.years:
        raise InputError([Problem.of(str(path), "summary.no_year", policy=everything.policy, year=year, held=(
            "、".join(f"{y}年度" for y in everything.years), ", ".join(map(str, everything.years))))])
    lines = summarise(entries, policy=name, years=None if year is None else {year},
                      clause_order=tuple(model.clauses), district_order=chongqing().names)
    return Summary(path, lines, model if policy_key(model.number) == policy_key(name) else None)


def _figures(line: Line) -> list[str]:
    return [f"{value:,}" for value in operator.attrgetter(
        "awards", "applicants", "first", "corrected", "revoked", "stands")(line)]
