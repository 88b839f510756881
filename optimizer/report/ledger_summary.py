"""The ledger's summary as a workbook (`budgetopt ledger summary`, docs/ledger.md): printable sheets — by year, by
batch (where a year was published in more than one round: 第一批, 第二批 …), by clause, by district (grouped by
region of 一区两群, each region and year totalled), by applicant over every year (the most first: what the caps on
one applicant are checked against), and every award with its corrections. Each has its title and unit over the
table, and under it what the figures mean, the entries they were made from and a line to sign. Amounts are numbers
in 万元 that lose no yuan, as on the 公示 list, with four decimals so that their points align; text is only ever
text; the same entries give the same bytes."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from optimizer.ledger.corrections import kind_of
from optimizer.ledger.summary import LedgerSummary, Line, SummedAward
from optimizer.report.notice import chinese_number, clause_text, wan_number
from optimizer.report.units import amount_text, say, shortened
from optimizer.report.xlsx import (
    LINE_HEIGHT,
    formats,
    new_workbook,
    printable,
    row_height,
    text_cell,
    text_lines,
)
from optimizer.rules.divisions import chongqing
from optimizer.rules.policy import Policy

WAN_FORMAT = "#,##0.0000"  # 万元 to the yuan, every amount with four decimals so that the points align
NOTE_SHOWN = 60  # characters of a correction's basis in a note (the ledger and `ledger show --csv` have all of it)
TITLE_POINTS = 14  # the title's font size: its characters are wider than the body's 11 points
FIGURES = ("granted", "first", "revoked", "corrected", "awards", "stands", "applicants")  # a line's, in order
_KINDS = {"first": "wan", "corrected": "wan", "stands": "wan"}


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header's phrase, its width, and how its cells are written."""

    name: str
    width: int
    kind: str = "text"  # "text", "count" or "wan"


@dataclass(frozen=True)
class Row:
    """A row of a table: its cells, and, for a total, how many cells its label spans (0: not a total)."""

    cells: Sequence[object]
    label_span: int = 0


_FIGURE_COLUMNS = tuple(Column(name, 13 if name in _KINDS else 9, _KINDS.get(name, "count")) for name in FIGURES)


def summary_xlsx(summary: LedgerSummary, ledger_name: str, model: Policy | None, lang: str) -> bytes:
    """The workbook of `summary`, made from the ledger file `ledger_name`; `model` (the summed policy's model, or None
    for another policy's imported awards) names the policy, its clauses and their sections."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    fmt = table_formats(book)
    policy = policy_title(summary.policy, model, lang)
    years = years_text(summary.years, lang)
    scope = years if summary.district is None else say("summary.scope", lang, years=years, district=summary.district)
    basis = say("summary.basis", lang, ledger=ledger_name, entries=summary.entries, head=summary.head)

    def sheet(name: str, columns: Sequence[Column], rows: Sequence[Row], filtered: int = 0) -> None:
        title = say(f"summary.title.{name}", lang, policy=policy, scope=scope)
        notes = [say("summary.meaning_awards" if name == "awards" else "summary.meaning", lang), basis]
        table_sheet(book, fmt, lang, say(f"summary.sheet.{name}", lang), title, notes, columns, rows, filtered,
                    [say("summary.sign", lang)])

    year_rows = [Row([_year(line.year, lang), *_figures(line)]) for line in summary.by_year]
    if len(year_rows) > 1:
        year_rows.append(Row([say("summary.total", lang), *_figures(summary.total)], 1))
    sheet("years", [Column("year", 12), *_FIGURE_COLUMNS], year_rows)
    years_of = {line.year: line for line in summary.by_year}
    if summary.rounds:  # a year of more than one batch (第二批): each counted, as its 公示 list was
        sheet("batches", [Column("year", 9), Column("batch", 20), *_FIGURE_COLUMNS],
              _by_year(summary.by_batch, years_of, lambda key: [_batch(key, lang)], lang))
    if any(s.entry.award.clause for s in summary.awards):
        sheet("clauses", [Column("year", 9), Column("section", 20), Column("clause", 8), Column("clause_title", 26),
                          *_FIGURE_COLUMNS],
              _by_year(summary.by_clause, years_of, lambda key: _clause(key, model, lang), lang))
    if any(s.entry.award.district for s in summary.awards):
        sheet("districts", [Column("year", 9), Column("region", 21), Column("district", 20), *_FIGURE_COLUMNS],
              _by_district(summary, years_of, lang))
    sheet("applicants", [Column("no", 5, "count"), Column("credit_code", 20), Column("applicant", 24),
                         Column("district", 12), Column("years", 11),
                         *(column for column in _FIGURE_COLUMNS if column.name != "applicants")],
          _by_applicant(summary, lang), filtered=len(summary.by_applicant))
    awards = [Row(_award(i + 1, s, lang)) for i, s in enumerate(summary.awards)]
    total = summary.total
    awards.append(Row([say("summary.total", lang), *[""] * 7, total.first, total.stands, "", ""], 8))
    sheet("awards", [Column("no", 5, "count"), Column("year", 8), Column("district", 10), Column("applicant", 19),
                     Column("credit_code", 20), Column("project", 21), Column("clause", 7),
                     Column("application_id", 10), Column("first", 13, "wan"), Column("stands", 13, "wan"),
                     Column("note", 21), Column("seq", 6, "count")], awards, filtered=len(summary.awards))
    book.close()
    return buffer.getvalue()


def _by_year(lines: Sequence[Line], years: Mapping[int, Line], cells: Callable[[str], list[object]],
             lang: str) -> list[Row]:
    """The lines of each year, each year closed by its total (its line of `years`: an applicant with awards under
    two clauses, or in two districts, counts once there)."""
    rows: list[Row] = []
    for year, total in years.items():
        own = [line for line in lines if line.year == year]
        rows += [Row([_year(year, lang), *cells(line.key), *_figures(line)]) for line in own]
        rows.append(_total(say("summary.year_total", lang, year=year), len(cells("")) + 1, total))
    return rows


def _batch(key: str, lang: str) -> str:
    """A batch as the summary names it: 第二批 (the year's publications in order), or the awards imported."""
    if not key:
        return say("summary.batch_imported", lang)
    return say("summary.batch", lang, number=chinese_number(int(key)) if lang == "zh" else key)


def _by_district(summary: LedgerSummary, years: Mapping[int, Line], lang: str) -> list[Row]:
    """Each year's districts, grouped by region (each region closed by its subtotal), then the year's total."""
    regions = {(line.year, line.key): line for line in summary.by_region}
    rows: list[Row] = []
    for year, total in years.items():
        region = None
        for line in (line for line in summary.by_district if line.year == year):
            here = summary.region_of(line.key)
            if region is not None and here != region:
                rows.append(_region_total(year, region, regions, lang))
            region = here
            rows.append(Row([_year(year, lang), _region_title(here, lang), line.key or "—", *_figures(line)]))
        if region is not None:
            rows.append(_region_total(year, region, regions, lang))
        rows.append(_total(say("summary.year_total", lang, year=year), 3, total))
    return rows


def _by_applicant(summary: LedgerSummary, lang: str) -> list[Row]:
    """Each applicant over every year summed — the most standing first — named, placed and dated by its awards (its
    name and district as first recorded), then the total."""
    first: dict[str, SummedAward] = {}
    years: dict[str, set[int]] = {}
    for s in sorted(summary.awards, key=lambda s: s.entry.seq):
        first.setdefault(s.entry.award.credit_code, s)
        years.setdefault(s.entry.award.credit_code, set()).add(s.entry.award.year)
    rows = [Row([i + 1, line.key, first[line.key].entry.award.applicant or "—", first[line.key].entry.award.district
                 or "—", say("summary.list_sep", lang).join(map(str, sorted(years[line.key]))), *_figures(line)[:-1]])
            for i, line in enumerate(summary.by_applicant)]
    rows.append(Row([say("summary.total", lang), *[""] * 4, *_figures(summary.total)[:-1]], 5))
    return rows


def _region_total(year: int, region: str, regions: Mapping[tuple[int, str], Line], lang: str) -> Row:
    label = (say("summary.region_total", lang, year=year, region=_region_title(region, lang)) if region
             else say("summary.others_total", lang, year=year))
    return _total(label, 3, regions[(year, region)])


def _total(label: str, span: int, line: Line) -> Row:
    return Row([label, *[""] * (span - 1), *_figures(line)], span)


def _region_title(name: str, lang: str) -> str:
    """A region of 一区两群 as `lang` names it (its name as counted where the city's list has no other)."""
    found = next((r for r in chongqing().regions if r.name == name), None)
    return found.title(lang) if found else (name or "—")


def _figures(line: Line) -> list[object]:
    return [getattr(line, name) for name in FIGURES]


def _year(year: int, lang: str) -> str:
    return say("summary.year", lang, year=year)


def policy_title(name: str, model: Policy | None, lang: str) -> str:
    """A policy as a title names it: its full title and number from its model, or the name recorded (an imported
    policy's)."""
    return name if model is None else say("summary.policy", lang, title=model.title_zh if lang == "zh"
                                          else model.title_en, number=model.number)


def years_text(years: Sequence[int], lang: str) -> str:
    """2026年度, or 2026—2027年度 (2026, 2026–2027)."""
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


def _award(no: int, summed: SummedAward, lang: str) -> list[object]:
    award = summed.entry.award
    return [no, _year(award.year, lang), award.district or "—", award.applicant or "—", award.credit_code,
            award.project or "—", clause_text(award.clause, lang) if award.clause else "—",
            award.application_id or "—", summed.first, summed.stands, _note(summed, lang), summed.entry.seq]


_NOTES = {"lowered": "summary.note.correction", "revoked": "summary.note.correction", "raised": "summary.note.raise",
          "restored": "summary.note.restore"}


def _note(summed: SummedAward, lang: str) -> str:
    """Each correction — its entry, date, what it took off (or added back: 调增, 恢复) and its basis — and, when
    revoked, that it was."""
    said: list[str] = []
    before = summed.first
    for c in summed.corrections:
        said.append(say(_NOTES[kind_of(before, before + c.award.amount, summed.first)], lang, seq=c.seq,
                        on=str(c.award.awarded_on or ""), amount=amount_text(abs(c.award.amount), lang),
                        basis=shortened(c.award.basis or "", NOTE_SHOWN)))
        before += c.award.amount
    if summed.revoked:
        said.append(say("ledger.note.revoked", lang))
    return say("summary.note.sep", lang).join(said)


def table_sheet(book: Any, fmt: dict[str, Any], lang: str, name: str, title: str, notes: Sequence[str],
                columns: Sequence[Column], rows: Sequence[Row], filtered: int, sign: Sequence[str], *,
                lead: Sequence[str] = (), closing: Sequence[str] = ()) -> None:
    """One sheet: the title, the paragraphs `lead` and the unit over the table; the headers frozen, and filtered over
    the first `filtered` rows when there are such; under the table, the notes (small), the paragraphs `closing` and
    the lines `sign`; printable on A4 landscape. (The correction notice's sheets are made so too.)"""
    sheet = book.add_worksheet(name)
    last = len(columns) - 1
    page = sum(c.width for c in columns)
    _merged(sheet, 0, last, title, fmt["title"], page * 11 // TITLE_POINTS, 22, TITLE_POINTS + 6)
    for i, text in enumerate(lead):
        _merged(sheet, 1 + i, last, text, fmt["lead"], page, LINE_HEIGHT)
    header = 2 + len(lead)
    sheet.merge_range(header - 1, 0, header - 1, last, say("summary.unit", lang), fmt["unit"])
    for col, column in enumerate(columns):
        sheet.write_string(header, col, say(f"summary.col.{column.name}", lang), fmt["header"])
        sheet.set_column(col, col, column.width)
    sheet.set_row(header, row_height([say(f"summary.col.{c.name}", lang) for c in columns],
                                     [c.width for c in columns]))
    sheet.freeze_panes(header + 1, 0)
    if filtered:
        sheet.autofilter(header, 0, header + filtered, last)
    for i, row in enumerate(rows):
        _row(sheet, header + 1 + i, columns, row, fmt)
    below = header + len(rows) + 2
    paragraphs = [(note, fmt["note"]) for note in notes] + [(text, fmt["lead"]) for text in closing]
    for i, (text, style) in enumerate(paragraphs):
        _merged(sheet, below + i, last, text, style, page, LINE_HEIGHT)
    signed = below + len(paragraphs) + 1
    for i, text in enumerate(sign):
        sheet.merge_range(signed + i, 0, signed + i, last, text, fmt["sign"])
    printable(sheet, lang, header, signed + len(sign) - 1, last)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)


def _row(sheet: Any, at: int, columns: Sequence[Column], row: Row, fmt: dict[str, Any]) -> None:
    bold = "total_" if row.label_span else ""
    cells = list(zip(columns, row.cells, strict=True))
    if row.label_span > 1:
        sheet.merge_range(at, 0, at, row.label_span - 1, str(row.cells[0]), fmt["total_label"])
    elif row.label_span == 1:
        sheet.write_string(at, 0, str(row.cells[0]), fmt["total_label"])
    for col, (column, value) in enumerate(cells):
        if col < row.label_span:
            continue
        if value == "":
            sheet.write_blank(at, col, None, fmt[bold + "text"])
        elif column.kind == "wan":
            assert isinstance(value, int)
            sheet.write_number(at, col, wan_number(value, ("汇总表金额", "an amount of the summary")),
                               fmt[bold + "wan"])
        elif column.kind == "count":
            assert isinstance(value, int)
            sheet.write_number(at, col, value, fmt[bold + "count"])
        else:
            text_cell(sheet, at, col, str(value), fmt[bold + "text"], fmt[bold + "quoted"])
    texts = [str(value) if column.kind == "text" and col >= row.label_span else ""
             for col, (column, value) in enumerate(cells)]
    height = row_height(texts, [c.width for c in columns])
    if height is not None:
        sheet.set_row(at, height)


def _merged(sheet: Any, row: int, last: int, text: str, fmt: Any, room: int, least: int,
            per_line: int = LINE_HEIGHT) -> None:
    """Text over the whole width of a sheet (a merged row, always a string), as tall as its wrapped lines need:
    `room` characters of the body's size to a line, `per_line` points each, `least` points at least."""
    sheet.merge_range(row, 0, row, last, text, fmt)
    lines = text_lines(text, room)
    sheet.set_row(row, max(least, per_line * lines if lines > 1 else least))


def table_formats(book: Any) -> dict[str, Any]:
    cell = {"border": 1, "valign": "vcenter"}
    text = {**cell, "num_format": "@", "text_wrap": True}
    made: dict[str, Any] = {
        "header": formats(book)["header"],
        "title": book.add_format({"bold": True, "font_size": TITLE_POINTS, "align": "center", "valign": "vcenter",
                                  "text_wrap": True}),
        "unit": book.add_format({"align": "right", "valign": "vcenter"}),
        "note": book.add_format({"font_size": 9, "valign": "top", "text_wrap": True}),
        "lead": book.add_format({"valign": "top", "text_wrap": True}),
        "sign": book.add_format({"valign": "vcenter"}),
        "total_label": book.add_format({**cell, "bold": True, "align": "center"}),
    }
    for bold, extra in (("", {}), ("total_", {"bold": True})):
        made[bold + "text"] = book.add_format({**text, **extra})
        made[bold + "quoted"] = book.add_format({**text, **extra, "quote_prefix": True})
        made[bold + "count"] = book.add_format({**cell, **extra, "num_format": "0"})
        made[bold + "wan"] = book.add_format({**cell, **extra, "num_format": WAN_FORMAT})
    return made
