"""sweep.html: what each next step of budget buys and for whom — in weighted scores (weight × score), the number
planners read, not in objective units that look like money — where the next money starts to buy markedly less,
spend by section, how the money is spread at each level, and the funding line."""

from __future__ import annotations

from html import escape

from optimizer.domain import Status
from optimizer.report import distribution as spread
from optimizer.report.html import Figure, cards, line_chart, note, page, percent_cell, stacked_columns, table, wan_cell
from optimizer.report.sweep_out import CHANGE_LABELS, conflicts_text
from optimizer.report.sweep_steps import Step, knee, level_score, level_text, score_range, step_sentence, steps
from optimizer.report.totals import by_section
from optimizer.report.units import say, score_text
from optimizer.results import SweepResult
from optimizer.rules.divisions import chongqing
from optimizer.rules.policy import Policy
from optimizer.words import pick, status_label

MAX_CHANGES = 40  # funding-line rows shown per step; the workbook has them all


def sweep_html(sweep: SweepResult, policy: Policy, lang: str) -> str:
    found = steps(sweep)
    body = [
        cards(_headline(sweep, found, lang)),
        note(say("report.sweep.intro", lang)),
        *([note(say("report.sweep.earlier_rounds", lang, year=sweep.so_far.year, earlier=f"{sweep.so_far.total:,}"))]
          if sweep.so_far.total else []),
        f"<h2>{say('report.sweep.heading.bought', lang)}</h2>",
        _bought_chart(found, lang),
        _steps_table(found, lang),
        f"<h2>{say('report.sweep.heading.sections', lang)}</h2>",
        _section_columns(sweep, policy, lang),
        f"<h2>{say('report.sweep.heading.levels', lang)}</h2>",
        _levels_table(sweep, lang),
        f"<h2>{say('report.distribution.sweep.heading', lang)}</h2>",
        note(say("report.distribution.meaning", lang)),
        _spread_table(sweep, lang),
        f"<h2>{say('report.sweep.heading.funding_line', lang)}</h2>",
        _funding_line(sweep, lang),
    ]
    return page(say("report.sweep.title", lang), f"{policy.number} · {sweep.scenario.name}", "".join(body), lang)


def _headline(sweep: SweepResult, found: list[Step], lang: str) -> list[tuple[str, str]]:
    budgets = [lv.budget for lv in sweep.levels]
    items = [(say("report.sweep.card.levels", lang), str(len(sweep.levels))),
             (say("report.sweep.card.range", lang),
              say("report.sweep.range", lang, low=level_text(min(budgets), lang), high=level_text(max(budgets), lang)))]
    bend, spread = knee(found), score_range(found)
    if bend is not None:
        items.append((say("report.sweep.card.knee", lang, at=level_text(bend.at, lang)),
                      say("report.sweep.knee", lang, before=score_text(bend.before), after=score_text(bend.after))))
    elif spread is not None:
        items.append((say("report.sweep.card.no_knee", lang),
                      say("report.sweep.spread", lang, low=score_text(spread[0]), high=score_text(spread[1]))))
    return items


def _bought_chart(found: list[Step], lang: str) -> str:
    """The weighted score each step's money buys, at the step's upper budget; the knee marked."""
    shown = [s for s in found if s.score is not None]
    bend = knee(found)
    mark = None if bend is None else next((k for k, s in enumerate(shown) if s is found[bend.index]), None)
    return line_chart([(float(s.high), float(s.score or 0)) for s in shown], say("report.sweep.axis.budget", lang),
                      say("report.sweep.axis.score", lang), highlight=mark,
                      tips=[step_sentence(s, lang) for s in shown])


def _steps_table(found: list[Step], lang: str) -> str:
    keys = ("from", "to", "added", "score", "enters", "grows", "leaves", "buys")
    rows = []
    for s in found:
        rows.append([level_text(s.low, lang), level_text(s.high, lang),
                     wan_cell(s.added) if s.feasible else "",
                     "" if s.score is None else Figure(score_text(s.score), s.score),
                     s.count("enters"), s.count("grows"), s.count("leaves"), step_sentence(s, lang)])
    return table([say(f"report.sweep.col.{k}", lang) for k in keys], rows, numeric=(2, 3, 4, 5, 6))


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
    return stacked_columns([level_text(lv.budget, lang) for lv in feasible], series)


def _levels_table(sweep: SweepResult, lang: str) -> str:
    headers = [say(f"report.sweep.col.{k}", lang) for k in ("budget", "allocated", "unspent")]
    headers += [status_label(st, lang) for st in (Status.FUNDED, Status.PARTIAL, Status.UNFUNDED)]
    headers += [say("report.sweep.col.next_score", lang), say("report.sweep.col.note", lang)]
    rows = []
    for lv in sweep.levels:
        available = sweep.available(lv)
        a = lv.allocation
        if a is None:
            rows.append([wan_cell(lv.budget), "", "", "", "", "", "", conflicts_text(lv, lang)])
            continue
        score = level_score(lv)
        rows.append([wan_cell(lv.budget), wan_cell(a.allocated), wan_cell(available - a.allocated),
                     a.count(Status.FUNDED), a.count(Status.PARTIAL), a.count(Status.UNFUNDED),
                     "" if score is None else Figure(score_text(score), score), ""])
    return table(headers, rows, numeric=(0, 1, 2, 3, 4, 5, 6))


def _spread_table(sweep: SweepResult, lang: str) -> str:
    """Per level: the measures of how the money is spread, and each region's share of the money (short headers; the
    note above the table says what each measure means)."""
    regions = [r.name for r in chongqing().regions]
    headers = [say("report.sweep.col.budget", lang), *(say(f"report.distribution.short.{k}", lang)
                                                       for k in spread.MEASURES),
               *(say("report.distribution.short.share_of", lang, name=spread.region_title(r, lang)) for r in regions)]
    rows: list[list[object]] = []
    for lv in sweep.levels:
        if lv.allocation is None:
            rows.append([wan_cell(lv.budget), *[""] * (len(spread.MEASURES) + len(regions))])
            continue
        d = spread.of_awards(lv.allocation.awards)
        shares = {r.key: r.share for r in d.regions}
        rows.append([wan_cell(lv.budget),
                     *(Figure(spread.measure_shown(k, d.measure(k)), _sort(d.measure(k))) for k in spread.MEASURES),
                     *(percent_cell(shares.get(r)) for r in regions)])
    return f'<div style="overflow-x:auto">{table(headers, rows, numeric=range(len(headers)))}</div>'


def _sort(value: spread.Value | None) -> float:
    return -1.0 if value is None else float(value)


def _funding_line(sweep: SweepResult, lang: str) -> str:
    parts = []
    keys = ("change", "application_id", "applicant", "clause", "district", "before", "after")
    for i in range(len(sweep.levels) - 1):
        changes = sweep.changes(i)
        if not changes:
            continue
        low, high = sweep.levels[i].budget, sweep.levels[i + 1].budget
        parts.append(f"<h3>{escape(level_text(low, lang))} → {escape(level_text(high, lang))}</h3>")
        rows = [[pick(CHANGE_LABELS[c.kind], lang), c.application_id, c.applicant, c.clause, c.district,
                 wan_cell(c.before), wan_cell(c.after)] for c in changes[:MAX_CHANGES]]
        parts.append(table([say(f"report.sweep.col.{k}", lang) for k in keys], rows, numeric=(5, 6)))
        if len(changes) > MAX_CHANGES:
            parts.append(note(say("report.sweep.more_changes", lang, count=len(changes) - MAX_CHANGES)))
    return "".join(parts) or note(say("report.sweep.no_changes", lang))
