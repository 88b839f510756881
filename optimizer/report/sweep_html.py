"""sweep.html: the efficient frontier, what each next step of budget buys and for whom, spend by section."""

from __future__ import annotations

from html import escape

from optimizer.domain import Status
from optimizer.money import format_wan
from optimizer.report.html import cards, line_chart, page, stacked_columns, table
from optimizer.report.sweep_out import CHANGE_LABELS
from optimizer.report.totals import by_section
from optimizer.results import SweepResult
from optimizer.rules.policy import Policy
from optimizer.words import pick

MAX_CHANGES = 40  # funding-line rows shown per step; the workbook has them all


def sweep_html(sweep: SweepResult, policy: Policy, lang: str) -> str:
    zh = lang == "zh"
    feasible = [(i, lv) for i, lv in enumerate(sweep.levels) if lv.allocation is not None]
    steps = [(i, sweep.finite_difference_per_wan(i)) for i in range(len(sweep.levels) - 1)]
    best = max((s for s in steps if s[1] is not None), key=lambda s: s[1] or 0.0, default=None)
    headline = [("预算水平数" if zh else "levels", str(len(sweep.levels)))]
    if feasible:
        headline += [("最低预算目标值" if zh else "objective at the lowest level", f"{feasible[0][1].objective:,.0f}"),
                     ("最高预算目标值" if zh else "objective at the highest level",
                      f"{feasible[-1][1].objective:,.0f}")]
    if best is not None:
        low, high = sweep.levels[best[0]].budget, sweep.levels[best[0] + 1].budget
        headline.append(("边际效果最大的一段" if zh else "where the next money does the most",
                         f"{format_wan(low)} → {format_wan(high)}"))
    body = [
        cards(headline),
        f"<h2>{'效率前沿：目标值与预算' if zh else 'Efficient frontier: objective against budget'}</h2>",
        line_chart([(float(lv.budget), float(lv.objective or 0)) for _, lv in feasible],
                   "预算（元）" if zh else "budget (yuan)", "目标值" if zh else "objective",
                   highlight=None if best is None else next((k for k, (i, _) in enumerate(feasible)
                                                             if i == best[0] + 1), None)),
        f"<h2>{'每一段预算的效果' if zh else 'What each next step of budget buys'}</h2>",
        _steps_table(sweep, lang),
        f"<h2>{'各篇章资金与预算' if zh else 'Spend by section against budget'}</h2>",
        _section_columns(sweep, policy, lang),
        f"<h2>{'各预算水平' if zh else 'Levels'}</h2>",
        _levels_table(sweep, lang),
        f"<h2>{'资助线：进入与退出的申报' if zh else 'The funding line: who enters and who leaves'}</h2>",
        _funding_line(sweep, lang),
    ]
    title = "预算水平分析" if zh else "Budget sweep"
    return page(title, f"{policy.number} · {sweep.scenario.name}", "".join(body), lang)


def _steps_table(sweep: SweepResult, lang: str) -> str:
    zh = lang == "zh"
    headers = (["从", "到", "目标值增加", "每万元增加", "LP边际值（每万元）", "新增资助", "退出资助"] if zh else
               ["from", "to", "objective gained", "per 万元", "LP marginal (per 万元)", "enter", "leave"])
    rows = []
    for i in range(len(sweep.levels) - 1):
        here, there = sweep.levels[i], sweep.levels[i + 1]
        changes = sweep.changes(i)
        gained = (there.objective - here.objective) if here.objective is not None and there.objective is not None \
            else None
        per_wan = sweep.finite_difference_per_wan(i)
        rows.append([format_wan(here.budget), format_wan(there.budget), "" if gained is None else round(gained),
                     "" if per_wan is None else round(per_wan, 2),
                     "" if here.marginal_per_wan is None else round(here.marginal_per_wan, 2),
                     sum(1 for c in changes if c.kind == "enters"), sum(1 for c in changes if c.kind == "leaves")])
    return table(headers, rows, numeric=(2, 3, 4, 5, 6))


def _section_columns(sweep: SweepResult, policy: Policy, lang: str) -> str:
    feasible = [lv for lv in sweep.levels if lv.allocation is not None]
    series = []
    for section in policy.sections:
        values = []
        for lv in feasible:
            assert lv.allocation is not None
            groups = {g.key: g.allocated for g in by_section(lv.allocation.awards, policy, lang)}
            values.append(groups.get(section, 0))
        series.append((f"{section} {policy.sections[section].title(lang)}", values))
    return stacked_columns([format_wan(lv.budget).replace(".00万", "万") for lv in feasible], series)


def _levels_table(sweep: SweepResult, lang: str) -> str:
    zh = lang == "zh"
    headers = (["预算（元）", "目标值", "已分配（元）", "未分配（元）", "全额", "部分", "未获资助", "说明"] if zh else
               ["budget (yuan)", "objective", "allocated (yuan)", "unspent (yuan)", "funded", "partial", "unfunded",
                "note"])
    rows = []
    for lv in sweep.levels:
        available = lv.budget - sweep.scenario.reserve
        a = lv.allocation
        if a is None:
            rows.append([lv.budget, "", "", "", "", "", "", "；".join(lv.conflicts)])
        else:
            rows.append([lv.budget, round(a.objective), a.allocated, available - a.allocated, a.count(Status.FUNDED),
                         a.count(Status.PARTIAL), a.count(Status.UNFUNDED), ""])
    return table(headers, rows, numeric=(0, 1, 2, 3, 4, 5, 6))


def _funding_line(sweep: SweepResult, lang: str) -> str:
    zh = lang == "zh"
    parts = []
    for i in range(len(sweep.levels) - 1):
        changes = sweep.changes(i)
        if not changes:
            continue
        low, high = sweep.levels[i].budget, sweep.levels[i + 1].budget
        parts.append(f"<h3>{escape(format_wan(low))} → {escape(format_wan(high))}</h3>")
        headers = (["变化", "申报编号", "申报单位", "条款", "区县", "之前（元）", "之后（元）"] if zh else
                   ["change", "application_id", "applicant", "clause", "district", "before", "after"])
        rows = [[pick(CHANGE_LABELS[c.kind], lang), c.application_id, c.applicant, c.clause, c.district, c.before,
                 c.after] for c in changes[:MAX_CHANGES]]
        parts.append(table(headers, rows, numeric=(5, 6)))
        if len(changes) > MAX_CHANGES:
            more = len(changes) - MAX_CHANGES
            parts.append(f'<p class="note">{"另有" if zh else "and"} {more} '
                         f'{"项见 sweep.xlsx" if zh else "more in sweep.xlsx"}</p>')
    return "".join(parts) or f'<p class="note">{"各预算水平之间无变化" if zh else "no changes between levels"}</p>'

