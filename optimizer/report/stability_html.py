"""stability.html: one self-contained page (no network) — how many decisions near the funding line survive score
noise: the classes, the funding line drawn with each application's probability, and the applications that are a
coin toss."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

from optimizer.money import format_decimal
from optimizer.report.html import Figure, cards, note, page, table, wan_cell
from optimizer.report.stability_out import (
    CLASSES,
    StabilityResult,
    StabilityRow,
    class_label,
    mean_text,
    rounds_line,
    share_text,
)
from optimizer.report.units import nice_ticks, number_tick, say, score_text, wan_text
from optimizer.words import label, status_label

MAX_ROWS = 500  # sometimes-funded applications listed; the workbook has them all
FUNDED, UNFUNDED, LINE = "#2b6cb0", "#dd6b20", "#5a6b7d"


def stability_html(result: StabilityResult, lang: str) -> str:
    ranked = result.by_rank()
    policy = result.policy.number if result.policy is not None else ""
    subtitle = say("stability.subtitle", lang, policy=policy, scenario=result.scenario.name, draws=result.draws,
                   sigma=format_decimal(result.sigma), seed=result.seed)
    body = [
        cards(_headline(result, lang)),
        note(say("stability.noise_model", lang)),
        note(say("stability.solver", lang, solver=result.solved_by or result.solver)),
        *([note(rounds_line(result, lang))] if result.earlier_rounds else []),
        f"<h2>{escape(say('stability.heading.chart', lang))}</h2>",
        note(say("stability.chart_note", lang)),
        rank_chart(result, ranked, lang),
        f"<h2>{escape(say('stability.heading.crosstab', lang))}</h2>",
        _crosstab(result, lang),
        f"<h2>{escape(say('stability.heading.sometimes', lang))}</h2>",
        _sometimes_table(result, ranked, lang),
        note(say("stability.shares_note", lang)),
    ]
    return page(say("stability.title", lang), subtitle, "".join(body), lang)


def _headline(result: StabilityResult, lang: str) -> list[tuple[str, str]]:
    return [(say("stability.card.draws", lang), f"{result.draws:,}"),
            (say("stability.card.sigma", lang), format_decimal(result.sigma)),
            *((say("stability.card.count", lang, name=class_label(k, lang)), f"{result.count(k):,}") for k in CLASSES),
            (say("stability.card.sometimes_money", lang), wan_text(result.sometimes_money))]


def rank_chart(result: StabilityResult, ranked: Sequence[StabilityRow], lang: str, width: int = 760,
               height: int = 340) -> str:
    """Each eligible application a dot: its rank across, its P(funded) up, coloured by its noiseless outcome; a
    dashed line after as many ranks as the noiseless allocation funds."""
    if not ranked:
        return ""
    n = len(ranked)
    left, right, top, bottom = 60, 20, 40, 46

    def px(rank: float) -> float:
        return left + (rank - 0.5) / n * (width - left - right)

    def py(share: float) -> float:
        return height - bottom - share * (height - bottom - top)

    parts = [f'<svg width="{width}" height="{height}" role="img" viewBox="0 0 {width} {height}">',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#8896a5"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#8896a5"/>']
    for share in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(f'<line x1="{left}" y1="{py(share):.1f}" x2="{width - right}" y2="{py(share):.1f}" '
                     f'stroke="#e3e9f0"/><text x="{left - 6}" y="{py(share) + 4:.1f}" text-anchor="end">'
                     f"{share:.0%}</text>")
    for tick in nice_ticks(1.0, float(n)):
        if 1 <= tick <= n:
            parts.append(f'<text x="{px(tick):.1f}" y="{height - bottom + 16}" text-anchor="middle">'
                         f"{number_tick(tick)}</text>")
    parts.append(f'<text x="{(left + width) / 2:.0f}" y="{height - 8}" text-anchor="middle">'
                 f"{escape(say('stability.axis.rank', lang))}</text>")
    parts.append(f'<text x="{left}" y="{top - 24}">{escape(say("stability.axis.p_funded", lang))}</text>')
    parts += _legend(width - right - 330, top - 34, lang)
    funded = sum(1 for r in ranked if r.award.allocated > 0)
    x = px(funded + 0.5)
    parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - bottom}" stroke="{LINE}" '
                 f'stroke-dasharray="5 4"/><text x="{x + 4:.1f}" y="{top + 4}" fill="{LINE}">'
                 f"{escape(say('stability.line', lang, count=funded))}</text>")
    radius = 3.0 if n <= 500 else 2.0 if n <= 3000 else 1.2
    for row in ranked:
        parts.append(_dot(result, row, px(row.rank or 0), radius, py))
    parts.append("</svg>")
    return "".join(parts)


def _legend(x: int, y: int, lang: str) -> list[str]:
    return [f'<circle cx="{x}" cy="{y}" r="4" fill="{FUNDED}"/><text x="{x + 8}" y="{y + 4}">'
            f"{escape(say('stability.legend.funded', lang))}</text>",
            f'<circle cx="{x + 170}" cy="{y}" r="4" fill="{UNFUNDED}"/><text x="{x + 178}" y="{y + 4}">'
            f"{escape(say('stability.legend.unfunded', lang))}</text>"]


def _dot(result: StabilityResult, row: StabilityRow, x: float, radius: float, py: Callable[[float], float]) -> str:
    assert row.tally is not None
    colour = FUNDED if row.award.allocated > 0 else UNFUNDED
    y = py(row.tally.funded / result.draws)
    dot = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}"'
    if result.klass(row) != "sometimes":  # tips only where the outcome is in doubt: a large year stays small
        return dot + "/>"
    tip = f"{row.award.application_id} {row.award.applicant}: {share_text(row.tally.funded, result.draws)}"
    return dot + f"><title>{escape(tip)}</title></circle>"


def _crosstab(result: StabilityResult, lang: str) -> str:
    """The eligible applications by noiseless outcome (funded or not) and class, with the money of each."""
    headers = [say("stability.crosstab.noiseless", lang), *(class_label(k, lang) for k in CLASSES),
               label("total", lang), label("allocated_wan", lang)]
    rows = []
    for key, funded in (("funded", True), ("unfunded", False)):
        group = [r for r in result.eligible if (r.award.allocated > 0) is funded]
        counts = [sum(1 for r in group if result.klass(r) == k) for k in CLASSES]
        rows.append([say(f"stability.crosstab.{key}", lang), *counts, len(group),
                     wan_cell(sum(r.award.allocated for r in group))])
    return table(headers, rows, numeric=(1, 2, 3, 4, 5))


def _sometimes_table(result: StabilityResult, ranked: Sequence[StabilityRow], lang: str) -> str:
    shown = [r for r in ranked if result.klass(r) == "sometimes"]
    if not shown:
        return note(say("stability.none_sometimes", lang))
    headers = [say("stability.col.rank", lang), *(label(k, lang) for k in ("application_id", "applicant", "district",
                                                                            "clause", "weighted_score")),
               say("stability.col.status", lang), say("stability.col.allocated_wan", lang),
               say("stability.col.p_funded", lang), say("stability.col.p_full", lang),
               say("stability.col.mean_wan", lang)]
    rows = []
    for r in shown[:MAX_ROWS]:
        a, t = r.award, r.tally
        assert t is not None
        p_funded, p_full = share_text(t.funded, result.draws), share_text(t.full, result.draws)
        rows.append([r.rank or 0, a.application_id, a.applicant, a.district, a.clause,
                     Figure(score_text(r.value), float(r.value or 0)), status_label(a.status, lang),
                     wan_cell(a.allocated), Figure(p_funded, float(p_funded)), Figure(p_full, float(p_full)),
                     wan_cell(Decimal(mean_text(t.total, result.draws)))])
    more = len(shown) - MAX_ROWS
    return table(headers, rows, numeric=(0, 5, 7, 8, 9, 10)) + (
        note(say("stability.rows_hidden", lang, count=more)) if more > 0 else "")
