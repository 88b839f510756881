"""What a stability run finds, and stability.csv and stability.xlsx (`budgetopt stability`, docs/stability.md).

The CSV is for programs: UTF-8 with BOM, one row per input row in input order, `application_id, status,
allocated` of the noiseless allocation, then `p_funded, p_full, mean_allocated, class` — empty for INELIGIBLE,
DUPLICATE and INVALID rows. Shares are written with four decimals, rounded half up, and a share that is neither 0
nor 1 is never written as 0 or 1 (so `1.0000` always means every draw); `mean_allocated` is yuan with two decimals,
rounded half up. Everything is exact integer arithmetic on the draws' counts, so the bytes cannot depend on the
order in which draws were added up.

The workbook is for people, in the run's language and in 万元: every application, the eligible ones by rank with a
native chart of P(funded) against rank, and the run's parameters.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from optimizer.domain import Award, Problem, Status
from optimizer.errors import InputError
from optimizer.money import format_decimal
from optimizer.report.allocation_csv import inert
from optimizer.report.units import amount_text, say, wan
from optimizer.report.xlsx import formats, header_row, new_workbook
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Scenario
from optimizer.words import Phrase, brief, label, named, status_label

COLUMNS = ("application_id", "status", "allocated", "p_funded", "p_full", "mean_allocated", "class")
CLASSES = ("always", "sometimes", "never")
ELIGIBLE = (Status.FUNDED, Status.PARTIAL, Status.UNFUNDED)
SHARE_PLACES = 4  # decimals of p_funded and p_full
MEAN_PLACES = 2  # decimals of mean_allocated (yuan: 分)


@dataclass(frozen=True, slots=True)
class Tally:
    """One eligible application over the draws: in how many it got an award, in how many its full entitlement,
    and the yuan of all its awards together."""

    funded: int
    full: int
    total: int


@dataclass(frozen=True, slots=True)
class StabilityRow:
    """One input row: its noiseless award and, when it is eligible, its tally over the draws and its place in the
    ranking by weighted score (1 = highest; ties as the tie rule orders them)."""

    award: Award
    tally: Tally | None = None  # None for INELIGIBLE, DUPLICATE and INVALID rows
    rank: int | None = None
    value: Decimal | None = None  # weight × score, as read




def class_named(value: str) -> str:
    """The class `value` names (always, sometimes, never — or a label: 始终获资助, always funded); InputError else."""
    key = named(value, {k: Phrase.of(f"stability.class.{k}").both() for k in CLASSES})
    if key is None:
        raise InputError.one("class", Phrase.of("results.unknown_name", shown=brief(repr(value)),
                                                known=("、".join(CLASSES), ", ".join(CLASSES))))
    return key


@dataclass(frozen=True)
class StabilityResult:
    """Each input row (in input order) with its outcome without noise and over `draws` draws of score noise."""

    rows: tuple[StabilityRow, ...]
    draws: int
    sigma: Decimal
    seed: int
    scenario: Scenario
    solver: str  # as asked for: highs, cbc or auto
    source: str = ""  # the workbook's file name, or "DataFrame" / "records"
    ledger: tuple[str, int] | None = None  # the award ledger counted: its path and entries
    policy: Policy | None = field(default=None, compare=False)
    earlier_rounds: int = 0  # what the year's earlier rounds granted (the ledger's), which the limits count
    warnings: tuple[Problem, ...] = field(default=(), compare=False)  # the reader's and the ledger's
    solved_by: str = ""  # the solver that solved the allocation without noise, as the run's files name it:
    # HiGHS 1.16.0 (a review: stability.xlsx said `highs`, the code asked for)

    @property
    def eligible(self) -> tuple[StabilityRow, ...]:
        return tuple(r for r in self.rows if r.tally is not None)

    def p_funded(self, row: StabilityRow) -> Fraction | None:
        return None if row.tally is None else Fraction(row.tally.funded, self.draws)

    def p_full(self, row: StabilityRow) -> Fraction | None:
        return None if row.tally is None else Fraction(row.tally.full, self.draws)

    def mean_allocated(self, row: StabilityRow) -> Fraction | None:
        return None if row.tally is None else Fraction(row.tally.total, self.draws)

    def klass(self, row: StabilityRow) -> str | None:
        """`always` (an award in every draw), `never` (in none) or `sometimes`; None when not eligible."""
        if row.tally is None:
            return None
        return "always" if row.tally.funded == self.draws else "never" if row.tally.funded == 0 else "sometimes"

    def count(self, klass: str) -> int:
        """How many eligible applications are of this class: always, sometimes or never, in any case, or its label
        ("始终获资助"); InputError naming the classes for anything else."""
        wanted = class_named(klass)
        return sum(1 for r in self.rows if self.klass(r) == wanted)

    def money(self, klass: str) -> int:
        """The yuan the noiseless allocation puts on the applications of this class (named as for `count`)."""
        wanted = class_named(klass)
        return sum(r.award.allocated for r in self.rows if self.klass(r) == wanted)

    @property
    def allocated(self) -> int:
        """The yuan of the noiseless allocation."""
        return sum(r.award.allocated for r in self.rows)

    @property
    def sometimes_share(self) -> Fraction:
        """The share of the eligible applications that are sometimes funded (0 when none is eligible)."""
        eligible = len(self.eligible)
        return Fraction(self.count("sometimes"), eligible) if eligible else Fraction(0)

    @property
    def sometimes_money(self) -> int:
        """The budget the sometimes funded hold: what the noiseless allocation puts on them."""
        return self.money("sometimes")

    def by_rank(self) -> list[StabilityRow]:
        """The eligible applications, best-ranked first."""
        return sorted(self.eligible, key=lambda r: r.rank or 0)


def share_text(part: int, whole: int) -> str:
    """part / whole with four decimals, rounded half up; strictly between 0 and 1 it is shown so.

    >>> share_text(1, 3), share_text(2, 3), share_text(1, 1), share_text(0, 7), share_text(99999, 100000)
    ('0.3333', '0.6667', '1.0000', '0.0000', '0.9999')
    """
    scale = 10 ** SHARE_PLACES
    units = (2 * scale * part + whole) // (2 * whole)
    if 0 < part < whole:
        units = min(max(units, 1), scale - 1)
    return f"{units // scale}.{units % scale:0{SHARE_PLACES}d}"


def mean_text(total: int, draws: int) -> str:
    """total / draws yuan with two decimals, rounded half up.

    >>> mean_text(1_000_001, 2), mean_text(10, 3), mean_text(0, 5)
    ('500000.50', '3.33', '0.00')
    """
    scale = 10 ** MEAN_PLACES
    cents = (2 * scale * total + draws) // (2 * draws)
    return f"{cents // scale}.{cents % scale:0{MEAN_PLACES}d}"


CsvRow = tuple[str, str, int, str, str, str, str]


def stability_rows(result: StabilityResult) -> list[CsvRow]:
    """The CSV's rows after its header, as written (text from a cell made inert)."""
    rows = []
    for r in result.rows:
        a, t = r.award, r.tally
        shares = ("", "", "", "") if t is None else (
            share_text(t.funded, result.draws), share_text(t.full, result.draws), mean_text(t.total, result.draws),
            result.klass(r) or "")
        rows.append((inert(a.application_id), a.status.value, a.allocated, *shares))
    return rows


def stability_csv(result: StabilityResult) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(stability_rows(result))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def class_label(klass: str, lang: str) -> str:
    return say(f"stability.class.{klass}", lang)


# ------------------------------------------------------------------------------------------------ stability.xlsx


def stability_xlsx(result: StabilityResult, lang: str) -> bytes:
    """Every application; the eligible ones by rank, with P(funded) against rank as a chart; the parameters."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    fmt = formats(book)
    fmt["wan"] = book.add_format({"num_format": "#,##0.00##"})
    fmt["share"] = book.add_format({"num_format": "0.0000"})
    fmt["wrap"] = book.add_format({"text_wrap": True, "valign": "top"})
    _applications_sheet(book.add_worksheet(say("stability.sheet.applications", lang)), fmt, result, lang)
    ranked = book.add_worksheet(say("stability.sheet.by_rank", lang))
    n = _rank_sheet(ranked, fmt, result, lang)
    if n:
        _rank_chart(book, ranked, n, lang)
    _parameters_sheet(book.add_worksheet(say("stability.sheet.parameters", lang)), fmt, result, lang)
    book.close()
    return buffer.getvalue()


def _outcome_cells(sheet: Any, r: int, col: int, fmt: dict[str, Any], result: StabilityResult,
                   row: StabilityRow, lang: str) -> None:
    """P(funded), P(full), the mean in 万元 and the class, from column `col`; nothing for a row not eligible."""
    t = row.tally
    if t is None:
        return
    sheet.write_number(r, col, float(share_text(t.funded, result.draws)), fmt["share"])
    sheet.write_number(r, col + 1, float(share_text(t.full, result.draws)), fmt["share"])
    sheet.write_number(r, col + 2, float(wan(Decimal(mean_text(t.total, result.draws)))), fmt["wan"])
    sheet.write_string(r, col + 3, class_label(result.klass(row) or "", lang))


_OUTCOME_HEADERS = ("stability.col.p_funded", "stability.col.p_full", "stability.col.mean_wan", "stability.col.class")


def _applications_sheet(sheet: Any, fmt: dict[str, Any], result: StabilityResult, lang: str) -> None:
    header = [label(k, lang) for k in ("row", "application_id", "applicant", "district", "clause", "score",
                                        "weighted_score")]
    header += [say("stability.col.rank", lang), label("entitlement_wan", lang), say("stability.col.status", lang),
               say("stability.col.allocated_wan", lang), *(say(k, lang) for k in _OUTCOME_HEADERS)]
    header_row(sheet, header, fmt["header"], [7, 14, 32, 14, 8, 9, 12, 7, 13, 14, 14, 11, 11, 14, 12],
               len(result.rows))
    for r, row in enumerate(result.rows, start=1):
        a = row.award
        sheet.write_number(r, 0, a.row)
        for c, text in enumerate((a.application_id, a.applicant, a.district, a.clause), start=1):
            sheet.write_string(r, c, text)
        _score_cell(sheet, r, 5, a.score, fmt)
        if row.value is not None:
            sheet.write_number(r, 6, float(row.value), fmt["number"])
        if row.rank is not None:
            sheet.write_number(r, 7, row.rank)
        sheet.write_number(r, 8, float(wan(a.entitlement)), fmt["wan"])
        sheet.write_string(r, 9, status_label(a.status, lang))
        sheet.write_number(r, 10, float(wan(a.allocated)), fmt["wan"])
        _outcome_cells(sheet, r, 11, fmt, result, row, lang)


def _score_cell(sheet: Any, r: int, c: int, score: str, fmt: dict[str, Any]) -> None:
    """A score as a number when it is one (an invalid row keeps what its cell showed)."""
    try:
        sheet.write_number(r, c, float(Decimal(score)), fmt["number"])
    except (ArithmeticError, ValueError):
        sheet.write_string(r, c, score)


def _rank_sheet(sheet: Any, fmt: dict[str, Any], result: StabilityResult, lang: str) -> int:
    ranked = result.by_rank()
    header = [say("stability.col.rank", lang), label("application_id", lang), label("applicant", lang),
              label("weighted_score", lang), say("stability.col.status", lang),
              say("stability.col.allocated_wan", lang), *(say(k, lang) for k in _OUTCOME_HEADERS)]
    header_row(sheet, header, fmt["header"], [7, 14, 32, 12, 14, 14, 11, 11, 14, 12], len(ranked))
    for r, row in enumerate(ranked, start=1):
        a = row.award
        sheet.write_number(r, 0, row.rank or 0)
        sheet.write_string(r, 1, a.application_id)
        sheet.write_string(r, 2, a.applicant)
        if row.value is not None:
            sheet.write_number(r, 3, float(row.value), fmt["number"])
        sheet.write_string(r, 4, status_label(a.status, lang))
        sheet.write_number(r, 5, float(wan(a.allocated)), fmt["wan"])
        _outcome_cells(sheet, r, 6, fmt, result, row, lang)
    return len(ranked)


def _rank_chart(book: Any, sheet: Any, n: int, lang: str) -> None:
    """P(funded) (column G) against rank (column A) of the `n` ranked rows."""
    name = sheet.get_name()
    chart = book.add_chart({"type": "scatter"})
    chart.add_series({"name": say("stability.chart.series", lang), "categories": [name, 1, 0, n, 0],
                      "values": [name, 1, 6, n, 6], "marker": {"type": "circle", "size": 4}})
    chart.set_title({"name": say("stability.chart.title", lang)})
    chart.set_x_axis({"name": say("stability.axis.rank", lang), "min": 0, "max": n + 1})
    chart.set_y_axis({"name": say("stability.axis.p_funded", lang), "min": 0, "max": 1, "num_format": "0%"})
    chart.set_legend({"none": True})
    sheet.insert_chart(1, 11, chart, {"x_scale": 1.8, "y_scale": 1.4})


def parameters(result: StabilityResult, lang: str) -> list[tuple[str, str]]:
    """The run's parameters and findings as (label, value) pairs, for the workbook and the page."""
    s = result.scenario
    pairs = [(say("stability.param.draws", lang), str(result.draws)),
             (say("stability.param.sigma", lang), format_decimal(result.sigma)),
             (say("stability.param.seed", lang), str(result.seed)),
             (label("solver", lang), result.solved_by or result.solver),
             (say("stability.param.workbook", lang), result.source),
             (say("stability.param.scenario", lang), s.name)]
    if s.budget is not None:
        pairs += [(label(f"{key}_wan", lang), f"{wan(amount):f}") for key, amount in (
            ("budget", s.budget), *([("earlier_rounds", result.earlier_rounds)] if result.earlier_rounds else []),
            ("available_round" if result.earlier_rounds else "available", s.available - result.earlier_rounds))]
    if result.ledger is not None:
        pairs.append((say("stability.param.ledger", lang), say("stability.param.ledger_entries", lang,
                                                               path=result.ledger[0], entries=result.ledger[1])))
    pairs.append((say("stability.param.eligible", lang), str(len(result.eligible))))
    pairs += [(say("stability.param.count", lang, name=class_label(k, lang)), str(result.count(k))) for k in CLASSES]
    eligible = len(result.eligible)
    pairs += [(say("stability.param.sometimes_share", lang), share_text(result.count("sometimes"), eligible)
               if eligible else ""),
              (say("stability.param.sometimes_money", lang), f"{wan(result.sometimes_money):f}"),
              (say("stability.param.noise", lang), say("stability.noise_model", lang)),
              (say("stability.param.shares", lang), say("stability.shares_note", lang))]
    return pairs


def _parameters_sheet(sheet: Any, fmt: dict[str, Any], result: StabilityResult, lang: str) -> None:
    pairs = parameters(result, lang)
    header_row(sheet, [label("parameter", lang), label("value", lang)], fmt["header"], [40, 100], None)
    for r, (key, value) in enumerate(pairs, start=1):
        sheet.write_string(r, 0, key)
        sheet.write_string(r, 1, value, fmt["wrap"])


def summary_lines(result: StabilityResult, lang: str) -> list[str]:
    """What the command line prints: the run, the classes, the money on the sometimes funded."""
    eligible = len(result.eligible)
    share = _percent(result.sometimes_share)
    allocated = result.allocated
    money_share = _percent(Fraction(result.sometimes_money, allocated) if allocated else Fraction(0))
    return [say("stability.cli.headline", lang, draws=f"{result.draws:,}", sigma=format_decimal(result.sigma),
                seed=result.seed, scenario=result.scenario.name),
            say("stability.cli.classes", lang, eligible=f"{eligible:,}", always=f"{result.count('always'):,}",
                sometimes=f"{result.count('sometimes'):,}", never=f"{result.count('never'):,}", share=share),
            say("stability.cli.money", lang, money=amount_text(result.sometimes_money, lang), share=money_share),
            *([rounds_line(result, lang)] if result.earlier_rounds else [])]


def rounds_line(result: StabilityResult, lang: str) -> str:
    """What the year's earlier rounds granted, which every draw's limits count (a later round)."""
    return say("stability.earlier_rounds", lang, year=result.scenario.year, earlier=f"{result.earlier_rounds:,}")


def _percent(share: Fraction) -> str:
    """A share as a percentage with one decimal: `12.5%`."""
    tenths = (2000 * share.numerator + share.denominator) // (2 * share.denominator)
    return f"{tenths // 10}.{tenths % 10}%"


def files_line(folder: object, names: Sequence[str], lang: str) -> str:
    return say("stability.cli.outputs", lang, folder=folder, files=("、" if lang == "zh" else ", ").join(names))
