"""report.html: one self-contained page (no network, no external scripts or fonts) summarising a run.

Charts are inline SVG with their text kept as text, so Chinese labels render with the reader's own fonts; tables
sort when a header is clicked; the page prints cleanly.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape as _html_escape

from optimizer.domain import Award, Status
from optimizer.report import distribution as spread
from optimizer.report.allocation_csv import award_reasons
from optimizer.report.limits import applicant_names, budget_binds, limit_name, marginal_meaning
from optimizer.report.totals import Group, Totals, allocated_share, money, money_label, status_counts
from optimizer.report.units import (
    ACTION,
    amount_text,
    capitalised,
    clean,
    decimal_text,
    end_ticks,
    money_tick,
    nice_ticks,
    number_tick,
    say,
    score_text,
    wan_text,
    warning_groups,
)
from optimizer.results import AllocationResult
from optimizer.rules.policy import Policy
from optimizer.solving.model import PER_APPLICANT
from optimizer.words import ROW_KINDS, label, pick, status_label

MAX_ROWS = 2000  # applications listed on the page; the workbook has them all
_SPECIAL = re.compile("[&<>\"']")  # what html.escape changes: in few of a page's texts


def escape(text: str) -> str:
    """html.escape(text), searched first: html.escape makes five passes over each of the page's ~20,000 texts at
    10,000 applications, few of which hold anything it changes (the page 40 -> 37 ms)."""
    return _html_escape(text) if _SPECIAL.search(text) else text


STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2733;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #dce6f1}
.sub{color:#5a6b7d;margin-top:0}.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.card{border:1px solid #dce6f1;border-radius:6px;padding:.6rem .9rem;min-width:9rem;background:#f7fafd}
.card b{display:block;font-size:1.25rem}.card span{color:#5a6b7d;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.86rem;margin:.6rem 0}
th,td{border-bottom:1px solid #e3e9f0;padding:.28rem .45rem;text-align:left;vertical-align:top}
th{background:#eef3f8;cursor:pointer;white-space:nowrap}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr.bind td{background:#fff4e0}.note{color:#5a6b7d;font-size:.85rem}
.warnings{border-left:5px solid #c53030;background:#fff5f5;padding:.2rem 1rem;margin:1rem 0}
.warnings h2{margin:.5rem 0;color:#9b2c2c;border:0}.warnings li{margin:.3rem 0}
.notes{border-left:4px solid #c9d8e8;background:#f7fafd;padding:.1rem 1rem;margin:1rem 0;color:#3d4b5a;font-size:.88rem}
.notes h2{margin:.4rem 0;font-size:1rem;border:0}svg text{font-size:12px;fill:#1d2733}
@media print{th{cursor:auto}.card{break-inside:avoid}h2{break-after:avoid}table{page-break-inside:auto}}
"""

SORT_SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function(th, index){
  th.addEventListener("click", function(){
    var table = th.closest("table"), body = table.tBodies[0], rows = Array.from(body.rows);
    var asc = th.dataset.dir !== "asc"; th.dataset.dir = asc ? "asc" : "desc";
    rows.sort(function(a, b){
      var x = a.cells[index].dataset.v || a.cells[index].textContent;
      var y = b.cells[index].dataset.v || b.cells[index].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
      return asc ? c : -c;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
"""


def page(title: str, subtitle: str, body: str, lang: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1><p class=\"sub\">{escape(subtitle)}</p>"
            f"{body}<script>{SORT_SCRIPT}</script></body></html>\n")


def cards(items: Sequence[tuple[str, str]]) -> str:
    return '<div class="cards">' + "".join(f"<div class=\"card\"><b>{escape(v)}</b><span>{escape(k)}</span></div>"
                                          for k, v in items) + "</div>"


@dataclass(frozen=True)
class Figure:
    """A number in a table as shown (`19,499.991`), and the value it sorts by."""

    text: str
    value: float


def wan_cell(yuan: int | Decimal) -> Figure:
    """An amount in yuan shown in 万元, exactly."""
    return Figure(wan_text(yuan), float(yuan))


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = (),
          highlight: Sequence[bool] | None = None) -> str:
    head = "".join(f'<th class="n">{escape(h)}</th>' if i in numeric else f"<th>{escape(h)}</th>"
                   for i, h in enumerate(headers))
    body = []
    for r, row in enumerate(rows):
        cells = []
        for i, value in enumerate(row):
            if isinstance(value, Figure):
                cells.append(f'<td class="n" data-v="{value.value}">{escape(value.text)}</td>')
            elif i in numeric and isinstance(value, (int, float)):
                cells.append(f'<td class="n" data-v="{value}">{value:,}</td>')
            else:
                cells.append(f"<td>{escape(str(value))}</td>")
        css = ' class="bind"' if highlight and highlight[r] else ""
        body.append(f"<tr{css}>{''.join(cells)}</tr>")
    return f'<table class="sortable"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'


def bar_chart(items: Sequence[tuple[str, int, int]], legend: tuple[str, str], width: int = 760) -> str:
    """Horizontal bars: for each (label, demand, allocated) a light bar for demand and a dark one for money; the
    amount at the end of each bar in 万元."""
    if not items:
        return ""
    left, right, bar = 230, 110, 14
    span = width - left - right
    top = max(max(d, a) for _, d, a in items) or 1
    height = 28 + len(items) * (bar + 10)
    parts = [f'<svg width="{width}" height="{height}" role="img" '
             f'viewBox="0 0 {width} {height}">']
    parts.append(f'<rect x="{left}" y="4" width="12" height="10" fill="#c9d8e8"/>'
                 f'<text x="{left + 16}" y="13">{escape(legend[0])}</text>'
                 f'<rect x="{left + 150}" y="4" width="12" height="10" fill="#2b6cb0"/>'
                 f'<text x="{left + 166}" y="13">{escape(legend[1])}</text>')
    for i, (name, demand, allocated) in enumerate(items):
        y = 24 + i * (bar + 10)
        shown = name if len(name) <= 16 else name[:15] + "…"
        parts.append(f'<text x="{left - 8}" y="{y + bar - 3}" text-anchor="end"><title>{escape(name)}</title>'
                     f"{escape(shown)}</text>")
        parts.append(f'<rect x="{left}" y="{y}" width="{span * demand / top:.1f}" height="{bar}" fill="#c9d8e8"/>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{span * allocated / top:.1f}" height="{bar - 6}" '
                     'fill="#2b6cb0"/>')
        parts.append(f'<text x="{left + span * max(demand, allocated) / top + 6:.1f}" y="{y + bar - 3}">'
                     f"{escape(wan_text(allocated))}万</text>")
    parts.append("</svg>")
    return "".join(parts)


def percent_chart(items: Sequence[tuple[str, float, str]], legend: str, width: int = 760) -> str:
    """Horizontal bars from 0 to 100%: for each (label, share from 0 to 1, the share as shown) a bar and its text."""
    if not items:
        return ""
    left, right, bar = 230, 90, 14
    span = width - left - right
    height = 28 + len(items) * (bar + 10)
    parts = [f'<svg width="{width}" height="{height}" role="img" viewBox="0 0 {width} {height}">',
             f'<rect x="{left}" y="4" width="12" height="10" fill="#38a169"/>'
             f'<text x="{left + 16}" y="13">{escape(legend)}</text>',
             f'<line x1="{left + span}" y1="20" x2="{left + span}" y2="{height}" stroke="#c9d8e8"/>']
    for i, (name, share, shown) in enumerate(items):
        y = 24 + i * (bar + 10)
        cut = name if len(name) <= 16 else name[:15] + "…"
        length = span * min(max(share, 0.0), 1.0)
        parts.append(f'<text x="{left - 8}" y="{y + bar - 3}" text-anchor="end"><title>{escape(name)}</title>'
                     f"{escape(cut)}</text>")
        parts.append(f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar}" fill="#38a169"/>')
        parts.append(f'<text x="{left + length + 6:.1f}" y="{y + bar - 3}">{escape(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def percent_cell(value: spread.Value | None) -> Figure:
    """A share shown as a percentage, rounded once; an undefined one sorts first."""
    return Figure(spread.percent(value), -1.0 if value is None else float(value))


def spread_section(d: spread.Distribution, lang: str) -> str:
    """How the money is spread: the measures, then by region and by district the share of the money and of the
    eligible demand met."""
    heading = f"<h2>{say('report.distribution.heading', lang)}</h2>"
    if not d.allocated:
        return heading + note(say("report.distribution.nothing", lang))
    measures = cards([(spread.measure_name(k, lang), spread.measure_shown(k, d.measure(k))) for k in spread.MEASURES])
    counted = say("report.distribution.counted", lang, districts=d.districts_counted,
                  applicants=d.applicants_counted, allocated=amount_text(d.allocated, lang))
    regions = [(spread.region_title(r.key, lang), r) for r in d.regions]
    legend = (say("report.legend.demand", lang), say("report.legend.allocated", lang))
    return "".join([
        heading, measures, note(counted), note(say("report.distribution.meaning", lang)),
        f"<h3>{say('report.distribution.heading.regions', lang)}</h3>",
        bar_chart([(name, r.demand, r.allocated) for name, r in regions], legend),
        _shares_table([(name, [r.districts]) for name, r in regions], [r for _, r in regions], lang, "region"),
        f"<h3>{say('report.distribution.heading.districts', lang)}</h3>",
        percent_chart([(x.key, float(x.met or 0), spread.percent(x.met)) for x in d.districts],
                      say("report.distribution.legend.met", lang)),
        _shares_table([(x.key, [spread.region_title(x.region, lang)]) for x in d.districts], list(d.districts),
                      lang, "district"),
        note(say("report.distribution.source", lang, source=spread.regions_source())),
    ])


def _shares_table(firsts: Sequence[tuple[str, list[object]]], shares: Sequence[spread.Share], lang: str,
                  what: str) -> str:
    """A row per region or district: its name (and districts counted, or its region), eligible applications,
    demand, money, share of the money and of its demand met."""
    first, second = ("region_name", "districts") if what == "region" else ("district", "region")
    keys = [first, second, "applications", "demand", "allocated", "share", "met"]
    headers = [say(f"report.distribution.col.{k}", lang) for k in keys]
    rows = [[name, *rest, s.applications, wan_cell(s.demand), wan_cell(s.allocated), percent_cell(s.share),
             percent_cell(s.met)] for (name, rest), s in zip(firsts, shares, strict=True)]
    return table(headers, rows, numeric=(2, 3, 4, 5, 6) if what == "district" else (1, 2, 3, 4, 5, 6))


def allocation_html(allocation: AllocationResult, policy: Policy, lang: str, reasons: Sequence[str],
                    sums: Totals, distribution: spread.Distribution | None = None) -> str:
    counts = status_counts(allocation.awards)
    share, shared = allocated_share(allocation)
    headline = cards([
        *((label(f"{money_label(key, allocation)}_wan", lang), wan_text(amount))
          for key, amount in money(allocation)),
        (say(share, lang), shared),
        *((say("report.card.count", lang, status=capitalised(status_label(st, lang))), f"{n}")
          for st, n in counts.items()),
        *([(say("report.card.average_score", lang), score_text(allocation.objective / allocation.allocated))]
          if allocation.allocated else []),
    ])
    sections, districts = sums.sections, sums.districts
    legend = (say("report.legend.demand", lang), say("report.legend.allocated", lang))
    body = [
        headline,
        _warnings_section(allocation, lang),
        note(say("report.objective", lang, objective=decimal_text(allocation.objective))),
        note(say("report.solved", lang, solver=allocation.solver.version)),
        note(_ledger_counted(allocation, lang)),
        f"<h2>{say('report.heading.by_section', lang)}</h2>",
        bar_chart([(f"{g.key} {g.label}", g.demand, g.allocated) for g in sections], legend),
        _groups_table(sections, lang, "section"),
        f"<h2>{say('report.heading.by_district', lang)}</h2>",
        bar_chart([(g.label, g.demand, g.allocated) for g in districts], legend),
        _groups_table(districts, lang, "district"),
        spread_section(distribution or spread.of_awards(allocation.awards), lang),
        f"<h2>{say('report.heading.funding_line', lang)}</h2>",
        _funding_line(allocation, policy, lang),
        f"<h2>{say('report.heading.by_clause', lang)}</h2>",
        _groups_table(sums.clauses, lang, "clause"),
        f"<h2>{say('report.heading.constraints', lang)}</h2>",
        _constraints_table(allocation, lang),
        f"<h2>{say('report.heading.applications', lang)}</h2>",
        _awards_table(allocation, lang, reasons),
    ]
    subtitle = f"{policy.number} · {allocation.scenario.name}"
    return page(say("report.title", lang), subtitle, "".join(body), lang)


def _ledger_counted(allocation: AllocationResult, lang: str) -> str:
    """The award ledger the run counted (its entries, the last one's hash: not its file's name, which a copy verify
    re-runs from may not share), or that it counted none."""
    ledger = allocation.request.ledger if allocation.request is not None else None
    if ledger is None or not ledger.entries:
        return say("report.ledger.none" if ledger is None else "report.ledger.empty", lang)
    return say("report.ledger.counted", lang, entries=f"{ledger.entries:,}", head=ledger.head[:12])


def _warnings_section(allocation: AllocationResult, lang: str) -> str:
    """The run's warnings — the console's and the app's — under the headline: those to deal with before the 公示
    marked as such (`#warnings`), the other notes quieter below them (`#notes`); nothing when there is none. (An
    officer's review found the two that asked for action listed after three routine notes, under one heading.)"""
    parts = []
    for heading, said in warning_groups(allocation.warnings, lang):
        block = "warnings" if heading == ACTION else "notes"
        items = "".join(f"<li>{escape(text)}</li>" for text in said)
        parts.append(f'<div class="{block}" id="{block}"><h2>{escape(say(heading, lang))}</h2><ul>{items}</ul></div>')
    return "".join(parts)


def _funding_line(allocation: AllocationResult, policy: Policy, lang: str, each: int = 8) -> str:
    """The applications at the margin: lowest-valued funded, every partial, highest-valued unfunded."""
    s = allocation.scenario

    candidates = [a for a in allocation.awards if a.entitlement > 0 and a.status is not Status.INVALID]
    # a year has far fewer clause × score pairs than rows: each pair's value once, and its rank among the values
    # (equal values, equal rank), so that the rows sort by (int, str) rather than by Decimal
    values = {key: s.weight(key[0]) * Decimal(key[1]) for key in {(a.clause, a.score) for a in candidates}}
    ranks = {v: r for r, v in enumerate(sorted(set(values.values()), reverse=True))}
    rank = {key: ranks[v] for key, v in values.items()}

    def value(a: Award) -> Decimal:
        return values[a.clause, a.score]

    def order(a: Award) -> tuple[int, str]:  # best value first, then by application id
        return rank[a.clause, a.score], a.application_id

    funded = [a for a in candidates if a.status is Status.FUNDED]
    unfunded = [a for a in candidates if a.status is Status.UNFUNDED]
    partial = sorted((a for a in candidates if a.status is Status.PARTIAL), key=order)
    # the last funded and the first unfunded, in that order, without sorting all of them
    shown = heapq.nlargest(each, funded, key=order)[::-1] + partial + heapq.nsmallest(each, unfunded, key=order)
    headers = [label("weighted_score", lang),
               *(label(k, lang) for k in ("application_id", "applicant", "clause", "district", "entitlement_wan",
                                          "allocated_wan", "status", "reason"))]
    reasons = award_reasons(shown, lang, policy)
    rows = [[Figure(score_text(value(a)), float(value(a))), a.application_id, a.applicant, a.clause, a.district,
             wan_cell(a.entitlement), wan_cell(a.allocated), status_label(a.status, lang), reason]
            for a, reason in zip(shown, reasons, strict=True)]
    return note(say("report.funding_line_note", lang)) + table(headers, rows, numeric=(0, 5, 6))


def _groups_table(groups: Sequence[Group], lang: str, what: str) -> str:
    first = label(what, lang)
    headers = [first, *(label(k, lang) for k in ("applications", "funded", "partial", "unfunded", "demand_wan",
                                                   "allocated_wan"))]
    rows = [[g.key if what == "district" else f"{g.key} {g.label}", g.applications, g.funded, g.partial,
             g.unfunded, wan_cell(g.demand), wan_cell(g.allocated)] for g in groups]
    return table(headers, rows, numeric=range(1, 7))


def _constraints_table(allocation: AllocationResult, lang: str) -> str:
    """Every limit in words, except applicant caps that did not bind (a large year has thousands; the workbook
    has all), and what each binding limit's marginal value means."""
    shown = [c for c in allocation.constraints if c.binding or c.kind not in PER_APPLICANT]
    applicants = applicant_names(allocation.awards) if any(c.kind in PER_APPLICANT for c in shown) else {}
    binds = budget_binds(allocation.constraints)
    before = bool(allocation.so_far.total)  # a later round of a year: limits are what the earlier ones left
    headers = [label(k, lang) for k in ("limit_name", "kind", *(("earlier_wan", "limit_left_wan") if before else
                                                                ("limit_wan",)),
                                        "used_wan", "slack_wan", "binding", "marginal", "meaning")]
    rows = [[limit_name(c, lang, applicants), pick(ROW_KINDS[c.kind.value], lang),
             *([wan_cell(c.earlier)] if before else []), wan_cell(c.limit), wan_cell(c.used), wan_cell(c.slack),
             label("yes" if c.binding else "no", lang),
             "" if c.marginal is None else Figure(score_text(c.marginal), clean(c.marginal)),
             marginal_meaning(c, lang, binds)] for c in shown]
    hidden = len(allocation.constraints) - len(shown)
    more = note(say("report.caps_hidden", lang, count=hidden)) if hidden else ""
    numeric = (2, 3, 4, 5, 7) if before else (2, 3, 4, 6)
    return (note(say("report.marginal_note", lang)) + table(headers, rows, numeric=numeric,
                                                            highlight=[c.binding for c in shown]) + more)


def _awards_table(allocation: AllocationResult, lang: str, reasons: Sequence[str]) -> str:
    awards = allocation.awards[:MAX_ROWS]
    headers = [label(k, lang) for k in ("row", "application_id", "applicant", "district", "clause", "score",
                                         "entitlement_wan", "allocated_wan", "status", "reason")]
    rows = [[a.row, a.application_id, a.applicant, a.district, a.clause, a.score, wan_cell(a.entitlement),
             wan_cell(a.allocated), status_label(a.status, lang), reason]
            for a, reason in zip(awards, reasons, strict=False)]
    more = len(allocation.awards) - len(awards)
    return table(headers, rows, numeric=(0, 6, 7)) + (note(say("report.rows_hidden", lang, count=more))
                                                      if more > 0 else "")


PALETTE = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#718096", "#b7791f", "#319795")


def line_chart(points: Sequence[tuple[float, float]], x_label: str, y_label: str, width: int = 760,
               height: int = 320, highlight: int | None = None, x_money: bool = True,
               y_money: bool = False, tips: Sequence[str] | None = None, gaps: bool = False,
               band: tuple[float, float, str] | None = None, x_text: Callable[[float], str] | None = None,
               clip: tuple[float, str] | None = None, rule: tuple[float, str] | None = None) -> str:
    """A line with its points, axes with ticks at round numbers, text as text. `highlight` marks one point;
    `tips` are the points' hover texts; amounts on an axis read 5000万, 1亿 (`x_money`, `y_money`), or as `x_text`
    says the x axis's. `gaps`: the y values are distances below a best (≥ 0), drawn from 0 at the top down, the x
    axis from the lowest point to the highest (a plan's splits: web/plans.py); `band`: an x interval shaded, with its
    label; with gaps, `clip`: the y axis ends at this value, the points beyond it marked ▼ at its foot and the line cut
    there, and `rule`: a dashed line across at this y value — each with its label, top right."""
    if not points:
        return ""
    left, bottom, top, right = 90, 46, 30, 20
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x_ticks = end_ticks(min(xs), max(xs)) if gaps else nice_ticks(min(xs), max(xs))
    cut = clip[0] if gaps and clip is not None else None
    y_ticks = (nice_ticks(min(0.0, min(ys)), max(ys) if max(ys) > 0 else 1.0) if cut is None else
               end_ticks(0.0, cut))
    x0, x1 = x_ticks[0], x_ticks[-1]
    y0, y1 = y_ticks[0], y_ticks[-1]
    x_text = x_text or (money_tick if x_money else number_tick)
    y_text = money_tick if y_money else number_tick

    def px(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * (width - left - right)

    def py(y: float) -> float:
        shown = (y - y0) / (y1 - y0) * (height - bottom - top)
        return top + shown if gaps else height - bottom - shown

    axis = top if gaps else height - bottom
    parts = [f'<svg width="{width}" height="{height}" role="img" viewBox="0 0 {width} {height}">']
    if band is not None and band[0] < band[1]:
        low, high, said = px(band[0]), px(band[1]), escape(band[2])
        parts.append(f'<rect class="chart-band" x="{low:.1f}" y="{top}" width="{high - low:.1f}" '
                     f'height="{height - bottom - top}" fill="#c6f6d5"><title>{said}</title></rect>'
                     f'<text x="{(low + high) / 2:.1f}" y="{height - bottom - 6}" text-anchor="middle" '
                     f'fill="#276749">{said}</text>')
    if gaps and rule is not None and y0 <= rule[0] <= y1:
        at = py(rule[0])
        parts.append(f'<line class="chart-rule" x1="{left}" y1="{at:.1f}" x2="{width - right}" y2="{at:.1f}" '
                     f'stroke="#276749" stroke-dasharray="5 4"/>')
    parts += [f'<line x1="{left}" y1="{axis}" x2="{width - right}" y2="{axis}" stroke="#8896a5"/>',
              f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#8896a5"/>']
    for xv in x_ticks:
        parts.append(f'<text x="{px(xv):.1f}" y="{height - bottom + 16}" text-anchor="middle">{x_text(xv)}</text>')
    for yv in y_ticks:
        parts.append(f'<text x="{left - 6}" y="{py(yv) + 4:.1f}" text-anchor="end">{y_text(yv)}</text>')
    parts.append(f'<text x="{(left + width) / 2:.0f}" y="{height - 8}" text-anchor="middle">{escape(x_label)}</text>')
    parts.append(f'<text x="{left}" y="{top - 14}" text-anchor="start">{escape(y_label)}</text>')
    legend = [f'<tspan class="chart-rule" fill="#276749">{escape(rule[1])}</tspan>'] if (
        gaps and rule is not None and y0 <= rule[0] <= y1) else []
    if cut is None:
        path = " ".join(f"{'M' if i == 0 else 'L'}{px(x):.1f},{py(y):.1f}" for i, (x, y) in enumerate(points))
    else:
        assert clip is not None
        path = _cut_path(points, cut, px, py)
        apart = ' dx="16"' if legend else ""
        legend.append(f'<tspan class="chart-further" fill="#4a5568"{apart}>{escape(clip[1])}</tspan>')
    if legend:  # what the dashed line and the marks at the foot mean, top right
        parts.append(f'<text class="chart-legend" x="{width - right}" y="{top - 14}" text-anchor="end">'
                     f'{"".join(legend)}</text>')
    parts.append(f'<path d="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    for i, (x, y) in enumerate(points):
        tip = tips[i] if tips is not None else f"{x_text(x)}: {y_text(y)}"
        if cut is not None and y > cut:  # beyond the axis: marked at its foot
            cx, cy = px(x), py(cut)
            parts.append(f'<polygon class="chart-further" points="{cx - 5:.1f},{cy - 8:.1f} {cx + 5:.1f},'
                         f'{cy - 8:.1f} {cx:.1f},{cy:.1f}" fill="#8896a5"><title>{escape(tip)}</title></polygon>')
            continue
        colour = PALETTE[1] if i == highlight else PALETTE[0]
        radius = 6 if i == highlight else 3.5
        parts.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="{radius}" fill="{colour}">'
                     f"<title>{escape(tip)}</title></circle>")
    parts.append("</svg>")
    return "".join(parts)


def _cut_path(points: Sequence[tuple[float, float]], cut: float, px: Callable[[float], float],
              py: Callable[[float], float]) -> str:
    """A line chart's path over its points, cut where it goes beyond `cut` on the y axis (left out there)."""
    pieces: list[str] = []
    drawing = False
    for i, (x, y) in enumerate(points):
        if i > 0:
            (a, b), inside = points[i - 1], y <= cut
            if (b <= cut) != inside:  # crossing the cut: up to it, or from it
                crossed = a + (x - a) * (cut - b) / (y - b)
                pieces.append(f"{'L' if drawing else 'M'}{px(crossed):.1f},{py(cut):.1f}")
                drawing = not drawing
        if y <= cut:
            pieces.append(f"{'L' if drawing else 'M'}{px(x):.1f},{py(y):.1f}")
            drawing = True
    return " ".join(pieces)


def stacked_columns(categories: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], width: int = 760,
                    height: int = 340) -> str:
    """Columns per category, stacked by series, with a legend; the axis at round amounts, values in 万元 on
    hover."""
    if not categories or not series:
        return ""
    left, bottom, top = 90, 70, 20 + 18 * ((len(series) + 2) // 3)
    totals = [sum(s[1][i] for s in series) for i in range(len(categories))]
    ticks = nice_ticks(0.0, float(max(totals) or 1))
    top_value = ticks[-1]
    slot = (width - left - 10) / len(categories)
    bar = min(48.0, slot * 0.7)
    parts = [f'<svg width="{width}" height="{height}" role="img" viewBox="0 0 {width} {height}">']
    for k, (name, _) in enumerate(series):
        lx, ly = left + (k % 3) * 220, 12 + 18 * (k // 3)
        parts.append(f'<rect x="{lx}" y="{ly}" width="12" height="10" fill="{PALETTE[k % len(PALETTE)]}"/>'
                     f'<text x="{lx + 16}" y="{ly + 9}">{escape(name[:24])}</text>')
    scale = (height - bottom - top) / top_value
    for i, category in enumerate(categories):
        x = left + slot * i + (slot - bar) / 2
        y = float(height - bottom)
        for k, (name, values) in enumerate(series):
            h = values[i] * scale
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{PALETTE[k % len(PALETTE)]}"><title>{escape(name)}: {wan_text(values[i])}万'
                         "</title></rect>")
        label_x, label_y = x + bar / 2, height - bottom + 12
        parts.append(f'<text x="{label_x:.1f}" y="{label_y}" text-anchor="end" '
                     f'transform="rotate(-40 {label_x:.1f} {label_y})">{escape(category)}</text>')
    for value in ticks:
        parts.append(f'<text x="{left - 6}" y="{height - bottom - value * scale + 4:.1f}" text-anchor="end">'
                     f"{money_tick(value)}</text>")
    parts.append("</svg>")
    return "".join(parts)
