"""allocation.xlsx: the allocation for people — amounts in 万元 to the yuan, frozen headers, filters, pages that
print landscape one page wide with the headers repeated, and sheets for the totals by clause, section and district,
the limits, and the run's parameters. (allocation.csv keeps whole yuan.)

A run with warnings has a sheet of them, 提示, beside the allocation, those to deal with before the 公示 first, and
the workbook opens at it (a planner's review: a director opens 分配结果 and never reached them at the foot of 运行参数,
the last sheet). The allocation stays the first sheet: `audit` reads an .xlsx's first sheet back as the allocation,
its header in row 1."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from fractions import Fraction

from optimizer._speed.fastxlsx import Cell, Part, Table, sheet_part, tables_xlsx
from optimizer.domain import Status
from optimizer.report.distribution import Distribution, number, of_awards, region_of, region_title
from optimizer.report.limits import applicant_names, budget_binds, limit_names, marginal_meaning
from optimizer.report.totals import Group, Totals
from optimizer.report.units import clean, say, warning_groups
from optimizer.report.xlsx import row_height
from optimizer.results import AllocationResult
from optimizer.words import ROW_KINDS, label, pick, status_label

_NUMBER = re.compile(r"\d+(\.\d+)?")

SHEETS = ("allocation", "warnings", "clause", "section", "district", "constraints", "parameters")  # 提示: if any


def sheet_name(key: str, lang: str) -> str:
    """The name of one of the workbook's sheets: 分配结果, 按条款, … (Allocation, By clause, … in English)."""
    return say(f"report.sheet.{key}", lang)


def allocation_xlsx(allocation: AllocationResult, lang: str, parameters: Sequence[tuple[str, str]],
                    reasons: Sequence[str], sums: Totals, awards: Callable[[], Part] | None = None,
                    distribution: Distribution | None = None) -> bytes:
    """The workbook; `awards`, when given, makes the allocation sheet (`awards_part`: outputs.py has a second
    process make it, the slowest sheet, while this one makes the rest)."""
    available = allocation.available
    warnings = _warnings(allocation, lang)
    return tables_xlsx([
        _awards(allocation, lang, reasons),
        *([warnings] if warnings.rows else []),
        _groups(sheet_name("clause", lang), "clause", sums.clauses, lang),
        _groups(sheet_name("section", lang), "section", sums.sections, lang),
        _districts(sums.districts, lang, available, distribution or of_awards(allocation.awards)),
        _constraints(allocation, lang),
        _wrapped(Table(sheet_name("parameters", lang), [label("parameter", lang), label("value", lang)],
                       [list(p) for p in parameters], ["general", "wrap"], [44, 90], filtered=False)),
    ], {1: awards} if awards is not None else None)


def awards_part(allocation: AllocationResult, lang: str, reasons: Sequence[str], *, alongside: bool = True) -> Part:
    """The allocation sheet, sheet 1 of the workbook, compressed (`alongside`: in a thread, see `sheet_part`)."""
    return sheet_part(_awards(allocation, lang, reasons), 1, alongside=alongside)


def _awards(allocation: AllocationResult, lang: str, reasons: Sequence[str]) -> Table:
    """The allocation sheet: a row per application, its status in words in the workbook's language (全额资助, funded
    in full), as report.html and the app say it — not allocation.csv's codes (FUNDED), which `audit` and `verify`
    read back from the words alike (an officer's review: UNFUNDED in a Chinese sheet to be printed)."""
    keys = ["row", "application_id", "applicant", "credit_code", "district", "clause", "project", "score",
            "entitlement_wan", "allocated_wan", "status", "reason"]
    formats = ["general", "text", "general", "text", "general", "text", "general", "number", "wan", "wan",
               "general", "general"]
    statuses = {status: status_label(status, lang) for status in Status}  # each word once, not once a row

    def rows() -> Iterator[list[Cell]]:
        for a, reason in zip(allocation.awards, reasons, strict=True):
            score: Cell = float(a.score) if _NUMBER.fullmatch(a.score) else a.score
            yield [a.row, a.application_id, a.applicant, a.credit_code, a.district, a.clause, a.project, score,
                   a.entitlement, a.allocated, statuses[a.status], reason]

    return Table(sheet_name("allocation", lang), [label(k, lang) for k in keys], rows(), formats,
                 [6, 14, 32, 21, 14, 7, 34, 8, 15, 15, 14, 60])


def _warnings(allocation: AllocationResult, lang: str) -> Table:
    """The 提示 sheet, which the workbook opens at: each warning of the run beside its group's heading
    (警告（公示前须处理）, 其他提示), in report.html's order, wrapped; no rows when the run has none."""
    rows: list[list[Cell]] = [[say(heading, lang), text] for heading, said in warning_groups(allocation.warnings, lang)
                              for text in said]
    headers = [say("report.warnings.col.kind", lang), say("report.warnings.col.text", lang)]
    return _wrapped(Table(sheet_name("warnings", lang), headers, rows, ["wrap", "wrap"], [24, 100], filtered=False,
                          opened=True))


def _wrapped(table: Table) -> Table:
    """A small table whose wrapped cells set their rows' heights (an officer's review: the 就高 warning, one line high
    in LibreOffice, printed over the next row and lost its end, 公示前请确认)."""
    rows = [list(row) for row in table.rows]
    heights = [row_height([str(v) if f == "wrap" and v is not None else "" for v, f in zip(row, table.formats,
                                                                                          strict=True)],
                          [int(w) for w in table.widths]) for row in rows]
    return replace(table, rows=rows, heights=heights)


def _groups(name: str, what: str, groups: Sequence[Group], lang: str,
            available: int | None = None) -> Table:
    first = {"clause": ["clause", "clause_title"], "section": ["section", "section_title"], "district": ["district"]}
    headers = [label(k, lang) for k in first[what]]
    counts = ["applications", "eligible", "funded", "partial", "unfunded", "demand", "allocated"]
    headers += [label(k, lang) for k in counts[:5]] + [label("demand_wan", lang), label("allocated_wan", lang)]
    headers += [label("share", lang)] if available is not None else []
    formats = ["text"] + ["general"] * (len(first[what]) - 1) + ["general"] * 5 + ["wan", "wan"] + (
        ["share"] if available is not None else [])

    rows: list[list[Cell]] = []
    for g in groups:
        row: list[Cell] = list([g.key, g.label][: len(first[what])])
        row += [getattr(g, k) for k in counts]
        if available is not None:
            row.append(g.allocated / available if available else 0.0)
        rows.append(row)
    total: list[Cell] = [label("total", lang)] + [None] * (len(first[what]) - 1)
    rows.append(total + [sum(getattr(g, k) for g in groups) for k in counts])
    widths = [10, 40][: len(first[what])] + [11] * 5 + [17, 17] + ([12] if available is not None else [])
    return Table(name, headers, rows, formats, widths)


def _districts(groups: Sequence[Group], lang: str, available: int, spread: Distribution) -> Table:
    """The 按区县 sheet: the totals of each district, its share of what is available, then the share of its
    eligible demand met (allocated ÷ the entitlements of its eligible applications; empty with none) and its region
    of 一区两群."""
    table = _groups(sheet_name("district", lang), "district", groups, lang, available)
    met = {d.key: d.met for d in spread.districts}
    rows: list[list[Cell]] = []
    for g, row in zip([*groups, None], table.rows, strict=True):
        if g is None:  # the total
            whole = Fraction(spread.allocated, spread.demand) if spread.demand else None
            rows.append([*row, None, number(whole), None])
        else:
            rows.append([*row, number(met.get(g.key)), region_title(region_of(g.key), lang)])
    headers = [*table.headers, say("report.distribution.col.met", lang), say("report.distribution.col.region", lang)]
    return Table(table.name, headers, rows, [*table.formats, "share", "general"], [*table.widths, 16, 30])


def _constraints(allocation: AllocationResult, lang: str) -> Table:
    """Every limit: its name in words, its kind, amounts in 万元, whether it binds, its marginal value and what that
    means in words — and last its code, as model.lp and `constraints_frame()` name its row (`budget`,
    `district_share:两江新区`; an officer's review: the codes opened the Chinese sheet beside the names)."""
    constraints = allocation.constraints
    before = bool(allocation.so_far.total)  # a later round of a year: limits are what the earlier ones left
    keys = ["limit_name", "kind", "sense", *(["earlier_wan", "limit_left_wan"] if before else ["limit_wan"]),
            "used_wan", "slack_wan", "binding", "marginal", "members", "meaning"]
    binds = budget_binds(constraints)
    names = limit_names(constraints, lang, applicant_names(allocation.awards))
    kinds = {kind: pick(ROW_KINDS[kind.value], lang) for kind in {c.kind for c in constraints}}  # each word once:
    words = {word: label(word, lang) for word in ("max", "min", "yes", "no")}  # thousands of applicant caps
    rows = [[name, kinds[c.kind], words[c.sense], *([c.earlier] if before else []), c.limit, c.used, c.slack,
             words["yes" if c.binding else "no"], None if c.marginal is None else clean(c.marginal), c.members,
             marginal_meaning(c, lang, binds), c.name] for c, name in zip(constraints, names, strict=True)]
    formats = ["general", "general", "general", *(["wan"] if before else []), "wan", "wan", "wan", "general",
               "number", "general", "general", "general"]
    headers = [*(label(k, lang) for k in keys), say("report.constraints.col.code", lang)]
    return Table(sheet_name("constraints", lang), headers, rows, formats,
                 [36, 14, 8, *([16] if before else []), 16, 16, 16, 10, 22, 12, 56, 36])
