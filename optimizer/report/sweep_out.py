"""sweep.csv and sweep.xlsx: one row per budget level, spend by section and district, and the funding line; the
workbook carries native Excel charts (objective against budget; spend by section against budget)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from optimizer.domain import Status
from optimizer.report.totals import by_district, by_section
from optimizer.report.xlsx import formats, header_row, new_workbook
from optimizer.results import SweepResult
from optimizer.rules.policy import Policy
from optimizer.words import pick

CHANGE_LABELS = {"enters": ("新增资助", "enters"), "leaves": ("退出资助", "leaves"), "grows": ("增加", "grows"),
                 "shrinks": ("减少", "shrinks")}


def districts_of(sweep: SweepResult) -> list[str]:
    """Districts in order of what they receive at the highest feasible level."""
    for level in reversed(sweep.levels):
        if level.allocation is not None:
            return [g.key for g in by_district(level.allocation.awards)]
    return []


def level_rows(sweep: SweepResult, policy: Policy) -> tuple[list[str], list[list[Any]]]:
    """The sweep as a table: fixed columns, then one column per section and per district."""
    sections, districts = list(policy.sections), districts_of(sweep)
    header = ["budget", "available", "objective", "allocated", "unspent", "funded", "partial", "unfunded",
              "ineligible", "duplicate", "invalid", "marginal_per_wan", "finite_difference_per_wan", "note",
              *(f"section:{s}" for s in sections), *(f"district:{d}" for d in districts)]
    rows = []
    for i, level in enumerate(sweep.levels):
        available = level.budget - sweep.scenario.reserve
        a = level.allocation
        if a is None:
            rows.append([level.budget, available, *[""] * 11, "; ".join(level.conflicts),
                         *[""] * (len(sections) + len(districts))])
            continue
        by_sec = {g.key: g.allocated for g in by_section(a.awards, policy, "en")}
        by_dis = {g.key: g.allocated for g in by_district(a.awards)}
        marginal, difference = level.marginal_per_wan, sweep.finite_difference_per_wan(i)
        rows.append([
            level.budget, available, str(a.objective), a.allocated, available - a.allocated,
            *(a.count(s) for s in (Status.FUNDED, Status.PARTIAL, Status.UNFUNDED, Status.INELIGIBLE,
                                   Status.DUPLICATE, Status.INVALID)),
            "" if marginal is None else round(marginal, 4), "" if difference is None else round(difference, 4), "",
            *(by_sec.get(s, 0) for s in sections), *(by_dis.get(d, 0) for d in districts),
        ])
    return header, rows


def sweep_csv(sweep: SweepResult, policy: Policy) -> bytes:
    header, rows = level_rows(sweep, policy)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def sweep_xlsx(sweep: SweepResult, policy: Policy, lang: str) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    fmt = formats(book)
    header, rows = level_rows(sweep, policy)
    summary = book.add_worksheet("预算水平" if lang == "zh" else "Levels")
    header_row(summary, header, fmt["header"], [16] * len(header), len(rows))
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                summary.write_number(r, c, value, fmt["money"] if c not in (11, 12) else None)
            elif header[c] == "objective" and value:
                summary.write_number(r, c, float(value), fmt["money"])
            else:
                summary.write_string(r, c, str(value))
    _charts(book, summary, sweep, policy, header, len(rows), lang)
    _funding_line_sheet(book, fmt, sweep, lang)
    book.close()
    return buffer.getvalue()


def _charts(book: Any, sheet: Any, sweep: SweepResult, policy: Policy, header: Sequence[str], n: int,
            lang: str) -> None:
    zh = lang == "zh"
    name = sheet.get_name()
    frontier = book.add_chart({"type": "scatter", "subtype": "straight_with_markers"})
    frontier.add_series({"name": "目标值" if zh else "objective", "categories": [name, 1, 0, n, 0],
                         "values": [name, 1, 2, n, 2]})
    frontier.set_title({"name": "目标值与预算" if zh else "Objective against budget"})
    frontier.set_x_axis({"name": "预算（元）" if zh else "budget (yuan)", "num_format": "#,##0"})
    frontier.set_y_axis({"name": "目标值" if zh else "objective", "num_format": "#,##0"})
    frontier.set_legend({"none": True})
    sheet.insert_chart(n + 3, 0, frontier, {"x_scale": 1.6, "y_scale": 1.3})
    stacked = book.add_chart({"type": "column", "subtype": "stacked"})
    first = header.index(f"section:{next(iter(policy.sections))}")
    for offset, section in enumerate(policy.sections):
        col = first + offset
        stacked.add_series({"name": f"{section} {policy.sections[section].title(lang)}",
                            "categories": [name, 1, 0, n, 0], "values": [name, 1, col, n, col]})
    stacked.set_title({"name": "各篇章资金与预算" if zh else "Spend by section against budget"})
    stacked.set_x_axis({"name": "预算（元）" if zh else "budget (yuan)", "num_format": "#,##0"})
    stacked.set_y_axis({"name": "分配额（元）" if zh else "allocated (yuan)", "num_format": "#,##0"})
    sheet.insert_chart(n + 3, 9, stacked, {"x_scale": 1.6, "y_scale": 1.3})


def _funding_line_sheet(book: Any, fmt: dict[str, Any], sweep: SweepResult, lang: str) -> None:
    zh = lang == "zh"
    sheet = book.add_worksheet("资助线变化" if zh else "Funding line")
    headers = (["从预算", "到预算", "变化", "申报编号", "申报单位", "政策条款", "所属区县", "之前（元）",
                "之后（元）"] if zh else
               ["from budget", "to budget", "change", "application_id", "applicant", "clause", "district",
                "before (yuan)", "after (yuan)"])
    rows = [(sweep.levels[i].budget, sweep.levels[i + 1].budget, change)
            for i in range(len(sweep.levels) - 1) for change in sweep.changes(i)]
    header_row(sheet, headers, fmt["header"], [16, 16, 10, 14, 32, 8, 14, 15, 15], len(rows))
    for r, (low, high, c) in enumerate(rows, start=1):
        sheet.write_number(r, 0, low, fmt["money"])
        sheet.write_number(r, 1, high, fmt["money"])
        sheet.write_string(r, 2, pick(CHANGE_LABELS[c.kind], lang))
        for col, text in enumerate((c.application_id, c.applicant, c.clause, c.district), start=3):
            sheet.write_string(r, col, text)
        sheet.write_number(r, 7, c.before, fmt["money"])
        sheet.write_number(r, 8, c.after, fmt["money"])

