"""compare.xlsx and compare.html: two runs side by side, and every application that changed."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from optimizer.money import format_wan
from optimizer.report.html import bar_chart, cards, page, table
from optimizer.report.xlsx import formats, header_row, new_workbook
from optimizer.results import ComparisonResult, Difference, Line
from optimizer.words import pick

KINDS = {"changed": ("变化", "changed"), "only_a": ("仅在A", "only in A"), "only_b": ("仅在B", "only in B")}
TOTAL_LABELS = {
    "budget": ("年度预算（元）", "budget (yuan)"), "reserve": ("预留（元）", "reserve (yuan)"),
    "available": ("可分配（元）", "available (yuan)"), "allocated": ("已分配（元）", "allocated (yuan)"),
    "unspent": ("未分配（元）", "unspent (yuan)"), "FUNDED": ("全额资助", "funded"),
    "PARTIAL": ("部分资助", "partly funded"), "UNFUNDED": ("未获资助", "not funded"),
    "INELIGIBLE": ("不符合条件", "ineligible"), "DUPLICATE": ("重复申报", "duplicate"),
    "INVALID": ("数据有误", "invalid"), "objective": ("目标值", "objective"),
}


def total_label(key: str, lang: str) -> str:
    return pick(TOTAL_LABELS.get(key, (key, key)), lang)


def _headers(c: ComparisonResult, lang: str, first: str) -> list[str]:
    return [first, f"A: {c.a.label}", f"B: {c.b.label}", "B − A"]


def compare_xlsx(c: ComparisonResult, lang: str) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    fmt = formats(book)
    zh = lang == "zh"
    _lines_sheet(book, fmt, "合计" if zh else "Totals", _headers(c, lang, "项目" if zh else "item"),
                 [(total_label(x.key, lang), x) for x in c.totals])
    groups = (("按条款" if zh else "By clause", c.by_clause), ("按篇章" if zh else "By section", c.by_section),
              ("按区县" if zh else "By district", c.by_district))
    for name, lines in groups:
        _lines_sheet(book, fmt, name, _headers(c, lang, name), [(x.label, x) for x in lines])
    sheet = book.add_worksheet("变化明细" if zh else "Changes")
    headers = _change_headers(c, lang)
    header_row(sheet, headers, fmt["header"], [10, 14, 30, 7, 14, 14, 12, 14, 12, 14, 50, 50], len(c.differences))
    for r, d in enumerate(c.differences, start=1):
        for col, value in enumerate(_change_cells(d, lang)):
            if isinstance(value, int):
                sheet.write_number(r, col, value, fmt["money"])
            else:
                sheet.write_string(r, col, value)
    book.close()
    return buffer.getvalue()


def _lines_sheet(book: Any, fmt: dict[str, Any], name: str, headers: Sequence[str],
                 lines: Sequence[tuple[str, Line]]) -> None:
    sheet = book.add_worksheet(name)
    header_row(sheet, headers, fmt["header"], [40, 18, 18, 18], len(lines))
    for r, (label, line) in enumerate(lines, start=1):
        sheet.write_string(r, 0, label)
        for col, value in enumerate((line.a, line.b, line.delta), start=1):
            sheet.write_number(r, col, float(value), fmt["money"])


def _change_headers(c: ComparisonResult, lang: str) -> list[str]:
    zh = lang == "zh"
    a, b = c.a.label, c.b.label
    return (["变化", "申报编号", "申报单位", "条款", "区县", f"A {a} 分配额", "A 状态", f"B {b} 分配额", "B 状态",
             "差额", "A 原因", "B 原因"] if zh else
            ["change", "application_id", "applicant", "clause", "district", f"A {a} allocated", "A status",
             f"B {b} allocated", "B status", "difference", "A reason", "B reason"])


def _change_cells(d: Difference, lang: str) -> list[int | str]:
    return [pick(KINDS[d.kind], lang), d.application_id, d.applicant, d.clause, d.district,
            d.a.allocated if d.a else "", d.a.status if d.a else "", d.b.allocated if d.b else "",
            d.b.status if d.b else "", d.delta, d.a.reason if d.a else "", d.b.reason if d.b else ""]


def compare_html(c: ComparisonResult, lang: str) -> str:
    zh = lang == "zh"
    changed = [d for d in c.differences if d.kind == "changed"]
    headline = cards([
        (f"A {c.a.label}", c.a.scenario_name), (f"B {c.b.label}", c.b.scenario_name),
        ("已分配变化" if zh else "allocated, B − A", format_wan(c.b.total("allocated") - c.a.total("allocated"))),
        ("变化的申报" if zh else "applications changed", str(len(changed))),
        ("仅在一方的申报" if zh else "in one run only", str(len(c.differences) - len(changed))),
    ])
    body = [
        headline,
        f"<h2>{'合计' if zh else 'Totals'}</h2>",
        _lines_table(c, lang, "项目" if zh else "item", [(total_label(x.key, lang), x) for x in c.totals]),
        f"<h2>{'按篇章' if zh else 'By section'}</h2>",
        bar_chart([(x.label, int(x.a), int(x.b)) for x in c.by_section], (f"A {c.a.label}", f"B {c.b.label}")),
        _lines_table(c, lang, "篇章" if zh else "section", [(x.label, x) for x in c.by_section]),
        f"<h2>{'按区县' if zh else 'By district'}</h2>",
        _lines_table(c, lang, "区县" if zh else "district", [(x.label, x) for x in c.by_district]),
        f"<h2>{'按条款' if zh else 'By clause'}</h2>",
        _lines_table(c, lang, "条款" if zh else "clause", [(x.label, x) for x in c.by_clause]),
        f"<h2>{'变化明细' if zh else 'Every application that changed'}</h2>",
        table(_change_headers(c, lang), [_change_cells(d, lang) for d in c.differences], numeric=(5, 7, 9)),
    ]
    title = "两次分配对比" if zh else "Two runs compared"
    return page(title, f"A: {c.a.label} · B: {c.b.label}", "".join(body), lang)


def _lines_table(c: ComparisonResult, lang: str, first: str, lines: Sequence[tuple[str, Line]]) -> str:
    rows = [[label, int(x.a), int(x.b), int(x.delta)] if x.key != "objective" else
            [label, float(x.a), float(x.b), float(x.delta)] for label, x in lines]
    return table(_headers(c, lang, first), rows, numeric=(1, 2, 3))
