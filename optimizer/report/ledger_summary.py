"""The ledger's summary as a workbook (`budgetopt ledger summary`, docs/ledger.md): four printable sheets — by year, by
clause, by district (with its region of 一区两群), and every award with its corrections — each headed by its title and
the entries it was made from. Amounts are numbers in 万元 that lose no yuan, as on the 公示 list; text is only ever
text; the same ledger gives the same bytes."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from optimizer.ledger.summary import LedgerSummary, Line, SummedAward
from optimizer.report.notice import AMOUNT_FORMAT, clause_text, wan_number
from optimizer.report.units import amount_text, say
from optimizer.report.xlsx import formats, new_workbook
from optimizer.rules.divisions import chongqing
from optimizer.rules.ledger import policy_key
from optimizer.rules.policy import Policy

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_TITLE_ROW, _BASIS_ROW, _HEADER_ROW = 0, 1, 2
NOTE_SHOWN = 60  # characters of a correction's basis in a note (the ledger and `ledger show --csv` have all of it)
# the figures of a line, as columns: (phrase, width, kind) — kind "count" or "wan"
_FIGURES = (("awards", 10, "count"), ("applicants", 9, "count"), ("first", 16, "wan"), ("corrected", 14, "wan"),
            ("revoked", 9, "count"), ("stands", 16, "wan"))


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header's phrase, its width, and how its cells are written."""

    name: str
    width: int
    kind: str  # "text", "count" or "wan"


def summary_xlsx(summary: LedgerSummary, ledger_name: str, policy: Policy | None, lang: str) -> bytes:
    """The workbook of `summary`, made from the ledger file `ledger_name`; `policy` (the model of the summary's policy,
    or None for another policy's imported awards) names its clauses and their sections."""
    model = policy if policy is not None and policy_key(policy.number) == policy_key(summary.policy) else None
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    fmt = _formats(book)
    basis = say("summary.basis", lang, ledger=ledger_name, entries=summary.entries, head=summary.head)
    years = _years(summary.years, lang)
    figures = [Column(name, width, kind) for name, width, kind in _FIGURES]

    def sheet(name: str, columns: Sequence[Column], rows: Sequence[Sequence[object]], totals: set[int]) -> None:
        _sheet(book, fmt, lang, say(f"summary.sheet.{name}", lang),
               say(f"summary.title.{name}", lang, policy=summary.policy, years=years), basis, columns, rows, totals)

    year_rows = [[_year(line.year, lang), *_figures(line)] for line in summary.by_year]
    if len(year_rows) > 1:
        year_rows.append([say("summary.total", lang), *_figures(summary.total)])
    sheet("years", [Column("year", 12, "text"), *figures], year_rows, {len(summary.by_year)})
    years_of = {line.year: line for line in summary.by_year}
    sheet("clauses", [Column("year", 10, "text"), Column("section", 22, "text"), Column("clause", 10, "text"),
                      Column("clause_title", 30, "text"), *figures],
          *_by_year(summary.by_clause, years_of, lambda key: _clause(key, model, lang), lang))
    sheet("districts", [Column("year", 10, "text"), Column("region", 24, "text"), Column("district", 14, "text"),
                        *figures], *_by_year(summary.by_district, years_of, lambda key: _district(key, lang), lang))
    award_rows = [_award(i + 1, s, lang) for i, s in enumerate(summary.awards)]
    sheet("awards", [Column(name, width, kind) for name, width, kind in _AWARD_COLUMNS], award_rows, set())
    book.close()
    return buffer.getvalue()


_AWARD_COLUMNS = (("no", 6, "count"), ("year", 8, "text"), ("district", 12, "text"), ("applicant", 30, "text"),
                  ("credit_code", 21, "text"), ("project", 32, "text"), ("clause", 9, "text"),
                  ("application_id", 14, "text"), ("first", 14, "wan"), ("stands", 14, "wan"), ("note", 40, "text"),
                  ("seq", 9, "count"))


def _by_year(lines: Sequence[Line], years: Mapping[int, Line], cells: Callable[[str], list[object]],
             lang: str) -> tuple[list[list[object]], set[int]]:
    """The lines of each year, each year closed by its total (its line of `years`: an applicant with awards under
    two clauses, or in two districts, counts once there); the rows, and which of them are totals."""
    rows: list[list[object]] = []
    totals: set[int] = set()
    for year, total in years.items():
        own = [line for line in lines if line.year == year]
        rows += [[_year(year, lang), *cells(line.key), *_figures(line)] for line in own]
        blank = [""] * len(cells(own[0].key))
        rows.append([say("summary.year_total", lang, year=year), *blank, *_figures(total)])
        totals.add(len(rows) - 1)
    return rows, totals


def _figures(line: Line) -> list[object]:
    return [line.awards, line.applicants, line.first, line.corrected, line.revoked, line.stands]


def _year(year: int, lang: str) -> str:
    return say("summary.year", lang, year=year)


def _years(years: Sequence[int], lang: str) -> str:
    if not years:
        return say("summary.no_years", lang)
    if len(years) == 1:
        return _year(years[0], lang)
    return say("summary.years", lang, first=years[0], last=years[-1])


def _clause(clause: str, model: Policy | None, lang: str) -> list[object]:
    """Section, clause and its title, as the policy model names them; a dash for what it does not know."""
    if not clause:
        return ["—", "—", "—"]
    if model is None or clause not in model.clauses:
        return ["—", clause_text(clause, lang), "—"]
    return [model.section_of(clause).title(lang), clause_text(clause, lang), model.clause(clause).title(lang)]


def _district(name: str, lang: str) -> list[object]:
    region = chongqing().region_of(name)
    return [region.title(lang) if region else "—", name or "—"]


def _award(no: int, summed: SummedAward, lang: str) -> list[object]:
    award = summed.entry.award
    return [no, _year(award.year, lang), award.district or "—", award.applicant or "—", award.credit_code,
            award.project or "—", clause_text(award.clause, lang) if award.clause else "—",
            award.application_id or "—", summed.first, summed.stands, _note(summed, lang), summed.entry.seq]


def _note(summed: SummedAward, lang: str) -> str:
    """Each correction — its entry, date, what it took off and its basis — and, when revoked, that it was."""
    said = [say("summary.note.correction", lang, seq=c.seq, on=str(c.award.awarded_on or ""),
                amount=amount_text(-c.award.amount, lang), basis=_short(c.award.basis or ""))
            for c in summed.corrections]
    if summed.revoked:
        said.append(say("ledger.note.revoked", lang))
    return say("summary.note.sep", lang).join(said)


def _short(text: str) -> str:
    return text if len(text) <= NOTE_SHOWN else text[:NOTE_SHOWN - 1] + "…"


def _sheet(book: Any, fmt: dict[str, Any], lang: str, name: str, title: str, basis: str, columns: Sequence[Column],
           rows: Sequence[Sequence[object]], totals: set[int]) -> None:
    """One sheet: its title and basis over the table, the headers frozen and filtered, printable on A4 landscape."""
    sheet = book.add_worksheet(name)
    last = len(columns) - 1
    sheet.merge_range(_TITLE_ROW, 0, _TITLE_ROW, last, title, fmt["title"])
    sheet.set_row(_TITLE_ROW, 32)
    sheet.merge_range(_BASIS_ROW, 0, _BASIS_ROW, last, basis, fmt["basis"])
    sheet.set_row(_BASIS_ROW, 30)
    for col, column in enumerate(columns):
        sheet.write_string(_HEADER_ROW, col, say(f"summary.col.{column.name}", lang), fmt["header"])
        sheet.set_column(col, col, column.width)
    first = _HEADER_ROW + 1
    sheet.freeze_panes(first, 0)
    sheet.autofilter(_HEADER_ROW, 0, _HEADER_ROW + max(len(rows), 1), last)
    for i, cells in enumerate(rows):
        bold = "total_" if i in totals else ""
        for col, (column, value) in enumerate(zip(columns, cells, strict=True)):
            _cell(sheet, first + i, col, column.kind, value, fmt, bold)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(_HEADER_ROW)
    sheet.print_area(0, 0, first + max(len(rows), 1) - 1, last)
    sheet.set_footer("&C" + say("notice.footer", lang, page="&P", pages="&N"))


def _cell(sheet: Any, row: int, col: int, kind: str, value: object, fmt: dict[str, Any], bold: str) -> None:
    if kind == "wan":
        assert isinstance(value, int)
        sheet.write_number(row, col, wan_number(value, ("汇总表金额", "an amount of the summary")), fmt[bold + "wan"])
    elif kind == "count":
        assert isinstance(value, int)
        sheet.write_number(row, col, value, fmt[bold + "count"])
    else:
        text = str(value)
        sheet.write_string(row, col, text, fmt[bold + ("quoted" if text.startswith(_FORMULA_START) else "text")])


def _formats(book: Any) -> dict[str, Any]:
    cell = {"border": 1, "valign": "vcenter"}
    text = {**cell, "num_format": "@", "text_wrap": True}
    made: dict[str, Any] = {
        "header": formats(book)["header"],
        "title": book.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter",
                                  "text_wrap": True}),
        "basis": book.add_format({"font_size": 9, "valign": "vcenter", "text_wrap": True}),
    }
    for bold, extra in (("", {}), ("total_", {"bold": True})):
        made[bold + "text"] = book.add_format({**text, **extra})
        made[bold + "quoted"] = book.add_format({**text, **extra, "quote_prefix": True})
        made[bold + "count"] = book.add_format({**cell, **extra, "num_format": "0"})
        made[bold + "wan"] = book.add_format({**cell, **extra, "num_format": AMOUNT_FORMAT})
    return made
