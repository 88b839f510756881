"""allocation.xlsx: the allocation for people — formatted money, frozen headers, filters, and sheets for the
totals by clause, section and district, the constraints, and the run's parameters."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from optimizer.allocation import Allocation
from optimizer.policy import Policy
from optimizer.report.xlsx import formats, header_row, new_workbook
from optimizer.summary import Group, by_clause, by_district, by_section
from optimizer.text import ROW_KINDS, award_reason, label, pick, status_label

_NUMBER = re.compile(r"\d+(\.\d+)?")

SHEETS = {
    "allocation": ("分配结果", "Allocation"),
    "clause": ("按条款", "By clause"),
    "section": ("按篇章", "By section"),
    "district": ("按区县", "By district"),
    "constraints": ("约束", "Constraints"),
    "parameters": ("运行参数", "Parameters"),
}


def allocation_xlsx(allocation: Allocation, policy: Policy, lang: str, parameters: Sequence[tuple[str, str]]) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    fmt = formats(book)
    _awards_sheet(book, fmt, allocation, policy, lang)
    _groups_sheet(book, fmt, pick(SHEETS["clause"], lang), "clause", by_clause(allocation.awards, policy, lang), lang)
    _groups_sheet(book, fmt, pick(SHEETS["section"], lang), "section", by_section(allocation.awards, policy, lang),
                  lang)
    available = allocation.scenario.available
    _groups_sheet(book, fmt, pick(SHEETS["district"], lang), "district", by_district(allocation.awards), lang,
                  available)
    _constraints_sheet(book, fmt, allocation, lang)
    _parameters_sheet(book, fmt, parameters, lang)
    book.close()
    return buffer.getvalue()


def _awards_sheet(book: Any, fmt: dict[str, Any], allocation: Allocation, policy: Policy, lang: str) -> None:
    sheet = book.add_worksheet(pick(SHEETS["allocation"], lang))
    keys = ["row", "application_id", "applicant", "credit_code", "district", "clause", "project", "score",
            "entitlement", "allocated", "status", "status_label", "reason"]
    widths = [6, 14, 32, 21, 14, 7, 34, 8, 15, 15, 11, 11, 60]
    header_row(sheet, [label(k, lang) for k in keys], fmt["header"], widths, len(allocation.awards))
    for r, a in enumerate(allocation.awards, start=1):
        sheet.write_number(r, 0, a.row)
        for c, text in enumerate([a.application_id, a.applicant, a.credit_code, a.district, a.clause, a.project],
                                 start=1):
            sheet.write_string(r, c, text)
        _number_or_text(sheet, r, 7, a.score, fmt["number"])
        sheet.write_number(r, 8, a.entitlement, fmt["money"])
        sheet.write_number(r, 9, a.allocated, fmt["money"])
        sheet.write_string(r, 10, a.status.value)
        sheet.write_string(r, 11, status_label(a.status, lang))
        sheet.write_string(r, 12, award_reason(a, lang, policy))


def _groups_sheet(book: Any, fmt: dict[str, Any], name: str, what: str, groups: Sequence[Group], lang: str,
                  available: int | None = None) -> None:
    sheet = book.add_worksheet(name)
    first = {"clause": ["clause", "clause_title"], "section": ["section", "clause_title"],
             "district": ["district"]}[what]
    keys = [*first, "applications", "eligible", "funded", "partial", "unfunded", "demand", "allocated"]
    if available is not None:
        keys.append("share")
    headers = [label(k, lang) for k in keys]
    if what == "section":
        headers[1] = "篇章名称" if lang == "zh" else "Section title"
    header_row(sheet, headers, fmt["header"], [10, 40][: len(first)] + [11] * 5 + [17, 17, 12][: 2 + (available
               is not None)], len(groups))
    for r, g in enumerate(groups, start=1):
        cells: list[Any] = [g.key, g.label][: len(first)]
        cells += [g.applications, g.eligible, g.funded, g.partial, g.unfunded]
        for c, value in enumerate(cells):
            (sheet.write_string if isinstance(value, str) else sheet.write_number)(r, c, value)
        sheet.write_number(r, len(cells), g.demand, fmt["money"])
        sheet.write_number(r, len(cells) + 1, g.allocated, fmt["money"])
        if available:
            sheet.write_number(r, len(cells) + 2, g.allocated / available, fmt["share"])
    total = len(groups) + 1
    sheet.write_string(total, 0, "合计" if lang == "zh" else "Total", fmt["bold"])
    offset = len(first)
    for c, attr in enumerate(["applications", "eligible", "funded", "partial", "unfunded", "demand", "allocated"]):
        value = sum(getattr(g, attr) for g in groups)
        sheet.write_number(total, offset + c, value, fmt["money"] if attr in ("demand", "allocated") else None)


def _constraints_sheet(book: Any, fmt: dict[str, Any], allocation: Allocation, lang: str) -> None:
    sheet = book.add_worksheet(pick(SHEETS["constraints"], lang))
    keys = ["constraint", "kind", "sense", "limit", "used", "slack", "binding", "marginal", "members"]
    header_row(sheet, [label(k, lang) for k in keys], fmt["header"], [40, 14, 8, 16, 16, 16, 10, 22, 12],
               len(allocation.constraints))
    for r, c in enumerate(allocation.constraints, start=1):
        sheet.write_string(r, 0, c.name)
        sheet.write_string(r, 1, pick(ROW_KINDS[c.kind.value], lang))
        sheet.write_string(r, 2, label(c.sense, lang))
        sheet.write_number(r, 3, c.limit, fmt["money"])
        sheet.write_number(r, 4, c.used, fmt["money"])
        sheet.write_number(r, 5, c.slack, fmt["money"])
        sheet.write_string(r, 6, label("yes" if c.binding else "no", lang))
        if c.marginal is not None:
            sheet.write_number(r, 7, round(c.marginal, 6))
        sheet.write_number(r, 8, c.members)


def _parameters_sheet(book: Any, fmt: dict[str, Any], parameters: Sequence[tuple[str, str]], lang: str) -> None:
    sheet = book.add_worksheet(pick(SHEETS["parameters"], lang))
    header_row(sheet, [label("parameter", lang), label("value", lang)], fmt["header"], [36, 90], None)
    for r, (key, value) in enumerate(parameters, start=1):
        sheet.write_string(r, 0, key)
        sheet.write_string(r, 1, value)


def _number_or_text(sheet: Any, r: int, c: int, text: str, fmt: Any) -> None:
    if _NUMBER.fullmatch(text):
        sheet.write_number(r, c, float(text), fmt)
    else:
        sheet.write_string(r, c, text)
