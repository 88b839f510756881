"""sweep.csv and sweep.xlsx: one row per budget level, how the money is spread, spend by section, region and
district, what each step of budget buys, and the funding line. The CSV is for programs (English column names, whole
yuan); the workbook is for planners, in the run's language and in 万元, with native Excel charts (the weighted
score each step of money buys; spend by section against budget)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from optimizer.domain import Status
from optimizer.report import distribution as spread
from optimizer.report.distribution import measure_name, region_title
from optimizer.report.sweep_steps import Step, level_score, step_sentence, steps
from optimizer.report.totals import by_district, by_section
from optimizer.report.units import clean, say, wan
from optimizer.report.xlsx import formats, header_row, new_workbook
from optimizer.results import Level, SweepResult
from optimizer.rules.divisions import chongqing
from optimizer.rules.policy import Policy
from optimizer.words import Phrase, default_lang, label, pick, status_label

CHANGE_LABELS = {"enters": ("新增资助", "enters"), "leaves": ("退出资助", "leaves"), "grows": ("增加", "grows"),
                 "shrinks": ("减少", "shrinks")}
COUNTED = (Status.FUNDED, Status.PARTIAL, Status.UNFUNDED, Status.INELIGIBLE, Status.DUPLICATE, Status.INVALID)


def districts_of(sweep: SweepResult) -> list[str]:
    """Districts in order of what they receive at the highest feasible level."""
    for level in reversed(sweep.levels):
        if level.allocation is not None:
            return [g.key for g in by_district(level.allocation.awards)]
    return []


def conflicts_text(level: Level, lang: str) -> str:
    """Why a level could not be solved, in `lang`."""
    said = [c.text(lang) if isinstance(c, Phrase) else c for c in level.conflicts]
    return ("；" if lang == "zh" else "; ").join(said)


def regions_of() -> list[str]:
    """The regions of 一区两群, in the divisions list's order (their Chinese names)."""
    return [r.name for r in chongqing().regions]


def level_rows(sweep: SweepResult, policy: Policy, lang: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """The sweep as a table: fixed columns, the measures of how the money is spread (to 6 decimals), then one
    column per section, per region of 一区两群 and per district (sweep.csv's)."""
    lang = lang or default_lang()
    sections, regions, districts = list(policy.sections), regions_of(), districts_of(sweep)
    header = ["budget", "available", "objective", "allocated", "unspent", "funded", "partial", "unfunded",
              "ineligible", "duplicate", "invalid", "marginal_per_wan", "finite_difference_per_wan", "note",
              *spread.MEASURES, *(f"section:{s}" for s in sections), *(f"region:{r}" for r in regions),
              *(f"district:{d}" for d in districts)]
    rows: list[list[Any]] = []
    for i, level in enumerate(sweep.levels):
        available = sweep.available(level)
        a = level.allocation
        if a is None:
            rows.append([level.budget, available if available >= 0 else "", *[""] * 11, conflicts_text(level, lang),
                         *[""] * (len(spread.MEASURES) + len(sections) + len(regions) + len(districts))])
            continue
        by_sec = {g.key: g.allocated for g in by_section(a.awards, policy, "en")}
        by_dis = {g.key: g.allocated for g in by_district(a.awards)}
        d = spread.of_awards(a.awards)
        by_region = {r.key: r.allocated for r in d.regions}
        marginal, difference = level.marginal_per_wan, sweep.finite_difference_per_wan(i)
        rows.append([
            level.budget, available, str(a.objective), a.allocated, available - a.allocated,
            *(a.count(s) for s in COUNTED),
            "" if marginal is None else clean(marginal, 4), "" if difference is None else clean(difference, 4), "",
            *(spread.text(d.measure(k)) for k in spread.MEASURES),
            *(by_sec.get(s, 0) for s in sections), *(by_region.get(r, 0) for r in regions),
            *(by_dis.get(d, 0) for d in districts),
        ])
    return header, rows


def sweep_csv(sweep: SweepResult, policy: Policy, lang: str | None = None) -> bytes:
    header, rows = level_rows(sweep, policy, lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def sweep_xlsx(sweep: SweepResult, policy: Policy, lang: str) -> bytes:
    """The planner's workbook: levels, steps (what each buys), the funding line; amounts in 万元."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    fmt = formats(book)
    fmt["wan"] = book.add_format({"num_format": "#,##0.00##"})
    fmt["score"] = book.add_format({"num_format": "0.0"})
    fmt["index"] = book.add_format({"num_format": "0.0000"})
    levels = book.add_worksheet(say("report.sweep.sheet.levels", lang))
    n = _levels_sheet(levels, fmt, sweep, policy, lang)
    if sweep.so_far.total:  # a later round: what every level's 可分配 was reduced by, under the table
        levels.write_string(len(sweep.levels) + 2, 0, say("report.sweep.earlier_rounds", lang,
                                                          year=sweep.so_far.year, earlier=f"{sweep.so_far.total:,}"))
    found = steps(sweep)
    steps_sheet = book.add_worksheet(say("report.sweep.sheet.steps", lang))
    _steps_sheet(steps_sheet, fmt, found, lang)
    _charts(book, levels, steps_sheet, sweep, policy, n, len(found), lang)
    _funding_line_sheet(book, fmt, sweep, lang)
    book.close()
    return buffer.getvalue()


def _levels_sheet(sheet: Any, fmt: dict[str, Any], sweep: SweepResult, policy: Policy, lang: str) -> int:
    sections, districts = list(policy.sections), districts_of(sweep)
    header = [say(f"report.sweep.col.{key}", lang) for key in ("budget", "available", "allocated", "unspent")]
    header += [status_label(s, lang) for s in COUNTED]
    header += [say(f"report.sweep.col.{key}", lang) for key in ("next_score", "objective", "note")]
    header += [measure_name(k, lang) for k in spread.MEASURES]
    header += [say("report.sweep.col.wan_of", lang, name=f"{s} {policy.sections[s].title(lang)}") for s in sections]
    header += [say("report.distribution.sweep.wan_of", lang, name=region_title(r, lang)) for r in regions_of()]
    header += [say("report.sweep.col.wan_of", lang, name=d) for d in districts]
    widths = [14, 14, 14, 14, *[10] * len(COUNTED), 16, 22, 40, *[14] * len(spread.MEASURES),
              *[16] * (len(sections) + len(districts) + len(regions_of()))]
    header_row(sheet, header, fmt["header"], widths, len(sweep.levels))
    for r, level in enumerate(sweep.levels, start=1):
        available = sweep.available(level)
        for c, value in enumerate((level.budget, available) if available >= 0 else (level.budget,)):
            sheet.write_number(r, c, _wan(value), fmt["wan"])  # no available below the reserve and earlier rounds
        a = level.allocation
        if a is None:
            sheet.write_string(r, 4 + len(COUNTED) + 2, conflicts_text(level, lang))
            continue
        sheet.write_number(r, 2, _wan(a.allocated), fmt["wan"])
        sheet.write_number(r, 3, _wan(available - a.allocated), fmt["wan"])
        for c, status in enumerate(COUNTED, start=4):
            sheet.write_number(r, c, a.count(status))
        col = 4 + len(COUNTED)
        score = level_score(level)
        if score is not None:
            sheet.write_number(r, col, clean(score, 4), fmt["score"])
        sheet.write_number(r, col + 1, float(a.objective), fmt["money"])
        d = spread.of_awards(a.awards)
        for c, key in enumerate(spread.MEASURES, start=col + 3):
            measure = spread.number(d.measure(key))
            if measure is not None:
                sheet.write_number(r, c, measure, fmt["share" if key == "top5_applicant_share" else "index"])
        by_sec = {g.key: g.allocated for g in by_section(a.awards, policy, lang)}
        by_dis = {g.key: g.allocated for g in by_district(a.awards)}
        by_region = {g.key: g.allocated for g in d.regions}
        amounts = [*(by_sec.get(s, 0) for s in sections), *(by_region.get(g, 0) for g in regions_of()),
                   *(by_dis.get(d, 0) for d in districts)]
        for c, amount in enumerate(amounts, start=col + 3 + len(spread.MEASURES)):
            sheet.write_number(r, c, _wan(amount), fmt["wan"])
    return len(sweep.levels)


def _steps_sheet(sheet: Any, fmt: dict[str, Any], found: Sequence[Step], lang: str) -> None:
    keys = ("from_wan", "to_wan", "added", "score", "enters", "grows", "leaves", "shrinks", "buys")
    header_row(sheet, [say(f"report.sweep.col.{k}", lang) for k in keys], fmt["header"],
               [14, 14, 14, 16, 10, 10, 10, 10, 100], len(found))
    for r, step in enumerate(found, start=1):
        sheet.write_number(r, 0, _wan(step.low), fmt["wan"])
        sheet.write_number(r, 1, _wan(step.high), fmt["wan"])
        if step.feasible:
            sheet.write_number(r, 2, _wan(step.added), fmt["wan"])
            if step.score is not None:
                sheet.write_number(r, 3, clean(step.score, 4), fmt["score"])
            for c, kind in enumerate(("enters", "grows", "leaves", "shrinks"), start=4):
                sheet.write_number(r, c, step.count(kind))
        sheet.write_string(r, 8, step_sentence(step, lang))


def _charts(book: Any, levels: Any, steps_sheet: Any, sweep: SweepResult, policy: Policy, n: int, m: int,
            lang: str) -> None:
    name = levels.get_name()
    if m:
        _bought_chart(book, steps_sheet, m, lang)
    stacked = book.add_chart({"type": "column", "subtype": "stacked"})
    first = 4 + len(COUNTED) + 3 + len(spread.MEASURES)
    for offset, section in enumerate(policy.sections):
        col = first + offset
        stacked.add_series({"name": f"{section} {policy.sections[section].title(lang)}",
                            "categories": [name, 1, 0, n, 0], "values": [name, 1, col, n, col]})
    stacked.set_title({"name": say("report.sweep.chart.sections_title", lang)})
    stacked.set_x_axis({"name": say("report.sweep.col.budget", lang), "num_format": "#,##0"})
    stacked.set_y_axis({"name": label("allocated_wan", lang), "num_format": "#,##0"})
    levels.insert_chart(n + 3, 0, stacked, {"x_scale": 1.6, "y_scale": 1.3})


def _bought_chart(book: Any, sheet: Any, m: int, lang: str) -> None:
    """The weighted score each step's money buys, against the budget it reaches (the steps sheet, `m` rows)."""
    name = sheet.get_name()
    bought = book.add_chart({"type": "scatter", "subtype": "straight_with_markers"})
    bought.add_series({"name": say("report.sweep.chart.score_series", lang), "categories": [name, 1, 1, m, 1],
                       "values": [name, 1, 3, m, 3]})
    bought.set_title({"name": say("report.sweep.chart.score_title", lang)})
    bought.set_x_axis({"name": say("report.sweep.col.budget", lang), "num_format": "#,##0"})
    bought.set_y_axis({"name": say("report.sweep.col.score", lang), "num_format": "0"})
    bought.set_legend({"none": True})
    sheet.insert_chart(m + 3, 0, bought, {"x_scale": 1.6, "y_scale": 1.3})


def _funding_line_sheet(book: Any, fmt: dict[str, Any], sweep: SweepResult, lang: str) -> None:
    sheet = book.add_worksheet(say("report.sweep.sheet.funding_line", lang))
    keys = ("from_wan", "to_wan", "change", "application_id", "applicant", "clause", "district", "weighted_score",
            "before", "after")
    headers = [say(f"report.sweep.col.{k}", lang) for k in keys]
    rows = [(i, change) for i in range(len(sweep.levels) - 1) for change in sweep.changes(i)]
    header_row(sheet, headers, fmt["header"], [14, 14, 10, 14, 32, 8, 14, 14, 14, 14], len(rows))
    scores = _weighted_scores(sweep)
    for r, (i, c) in enumerate(rows, start=1):
        sheet.write_number(r, 0, _wan(sweep.levels[i].budget), fmt["wan"])
        sheet.write_number(r, 1, _wan(sweep.levels[i + 1].budget), fmt["wan"])
        sheet.write_string(r, 2, pick(CHANGE_LABELS[c.kind], lang))
        for col, text in enumerate((c.application_id, c.applicant, c.clause, c.district), start=3):
            sheet.write_string(r, col, text)
        if c.application_id in scores:
            sheet.write_number(r, 7, float(scores[c.application_id]), fmt["number"])
        sheet.write_number(r, 8, _wan(c.before), fmt["wan"])
        sheet.write_number(r, 9, _wan(c.after), fmt["wan"])


def _wan(yuan: int) -> float:
    """An amount in yuan as 万元 for a cell (#,##0.00## shows it to the yuan)."""
    return float(wan(yuan))


def _weighted_scores(sweep: SweepResult) -> dict[str, Decimal]:
    """Each application's weight × score under the sweep's scenario."""
    for level in sweep.levels:
        if level.allocation is not None:
            s = sweep.scenario
            return {a.application_id: s.weight(a.clause) * Decimal(a.score) for a in level.allocation.awards
                    if a.status in (Status.FUNDED, Status.PARTIAL, Status.UNFUNDED)}
    return {}
