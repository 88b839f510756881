"""What a two-year plan's page shows of its splits (web/plans.py serves it): what the value is measured by, the
table's rows in 万 or 亿, and the charts of each split's gap to the best (report/html.py's `line_chart`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from optimizer.jobs.year_plan import in_yi
from optimizer.money import WAN, said_amount
from optimizer.report.html import line_chart
from optimizer.report.units import decimal_text, wan
from optimizer.web.plan_tasks import compared
from optimizer.web.views import figure, scenario_label
from optimizer.words import Phrase, pick


def measure(found: Mapping[str, Any], lang: str) -> str:
    """What the value is measured by, and said in: whose weights, and the marginal value a distance from the best is
    divided by to say it in first-year budget (a rough guide where other weights value both years) — only the
    weights where no other split was solved to be distant from the best (an officer's review: one split tried, and
    "与最优的差额折合为……")."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, "web")

    one, marginal = found["first_year"], found.get("marginal")
    words = {"year": found["value_year"], "scenario": scenario_label(found["value_scenario"], lang), "first": one}
    if not compared(found):
        return t("web.plan.measure_single", **words)
    said = t("web.plan.measure", marginal=f"{float(marginal):.1f}", **words) if marginal else t(
        "web.plan.measure_plain", **words)
    if marginal and found.get("rough", found["value_year"] != one):  # the margin: the first year's, in its weights
        said += t("web.plan.measure_rough", year=found["value_year"], first=one)
    return said


def about(amount: int, lang: str) -> str:
    """A budget equivalent as the page says it: in 万 to the thousand yuan (0.1万), an estimate; under 500 yuan, less
    than 0.1万.

    >>> about(309_932, "zh"), about(45_994, "en"), about(7_000, "en"), about(400, "zh"), about(0, "en")
    ('31万元', '4.6万', '0.7万', '不到0.1万元', '0万')
    """
    if 0 < amount < 500:
        return Phrase.of("web.plan.under_tenth").text(lang, "web")
    return in_wan(round(amount, -3), lang)


def in_wan(yuan: int, lang: str) -> str:
    """An amount in 万, exactly, as the gap's cells say it (one unit a column).

    >>> in_wan(118_000, "zh"), in_wan(7_000, "en"), in_wan(0, "en")
    ('11.8万元', '0.7万', '0万')
    """
    return f"{decimal_text(wan(yuan))}万{'元' if lang == 'zh' else ''}"


def split_rows(found: Mapping[str, Any], lang: str) -> list[dict[str, str]]:
    """Each split as the table shows it: budgets in 万, how far short of the best (in budget where it can be said, in
    万 to 0.1万), each year's funded counts and what it left unspent (in yuan below 1万, as the app says amounts: an
    officer's review read 0.009万元 for 90 yuan), and the notes (why a year was not solved; whose period cap
    binds in the second year)."""
    rows = []
    for split in found["splits"]:
        notes = [pick(split["notes"], lang)] if split["notes"][0] else []
        if split["caps"][0]:
            notes.append(Phrase.of("web.plan.caps", year=found["second_year"], names=tuple(split["caps"])).text(
                lang, "web"))
        rows.append({
            "first": figure(split["first_budget"], lang), "second": figure(split["second_budget"], lang),
            "below": "" if split["below_best"] is None else f"{split['below_best']:,}",
            "equivalent": "" if split["equivalent"] is None or split["best"] else about(split["equivalent"], lang),
            "funded_first": _counts(split["funded_first"], split["partial_first"]),
            "funded_second": _counts(split["funded_second"], split["partial_second"]),
            "unspent_first": "" if split["unspent_first"] is None else figure(split["unspent_first"], lang),
            "unspent_second": "" if split["unspent_second"] is None else figure(split["unspent_second"], lang),
            "note": ("；" if lang == "zh" else "; ").join(notes),
            "mark": "best" if split["best"] else "near" if split["near"] else "",
            "id": str(split["first_budget"])})
    return rows


def _counts(funded: int | None, partial: int | None) -> str:
    return "" if funded is None or partial is None else f"{funded}＋{partial}"


NEAR_CHART = 3  # the chart near the best stops at this many times the tolerance (in first-year budget)


@dataclass(frozen=True)
class Chart:
    """One chart of a plan's splits: its id on the page, what it shows (none where it is the only one), the SVG."""

    id: str
    caption: str
    svg: Markup


def charts(found: Mapping[str, Any], lang: str) -> list[Chart]:
    """How far short of the best each split solved is — in first-year budget where the best split's funding line says
    it, else in weighted score × yuan — against its first-year budget: the best at the top (0), a gap the further
    down the larger, the band about as good shaded, the tolerance's line, the axis over the splits tried. Where some
    split is more than NEAR_CHART times the tolerance short, two: first the splits near the best, on an axis that
    stops there (those beyond it marked at its foot, the line cut), then every split (an officer's review: on an axis
    down to 1.5亿, the band's splits, 10万 apart at most, were one flat blob). Inline SVGs; none with fewer than two
    splits solved."""
    solved = [s for s in found["splits"] if s["below_best"] is not None]
    if len(solved) < 2:
        return []
    in_budget = bool(found.get("marginal"))
    cap = NEAR_CHART * found["tolerance"]
    if not in_budget or cap <= 0 or max(s["equivalent"] for s in solved) <= cap:
        return [Chart("plan-chart", "", _chart(found, solved, lang, rule=in_budget and cap > 0))]
    near = Phrase.of("web.plan.chart_near", cap=said_amount(cap)).text(lang, "web")
    return [Chart("plan-chart-near", near, _chart(found, _near(solved, cap), lang, clip=cap, rule=True)),
            Chart("plan-chart", Phrase.of("web.plan.chart_all").text(lang, "web"), _chart(found, solved, lang))]


def _near(solved: Sequence[Mapping[str, Any]], cap: int) -> list[Mapping[str, Any]]:
    """The splits on either side of the best (in order) up to and including the first more than `cap` short."""
    best = next(i for i, s in enumerate(solved) if s["best"])
    low = next((i for i in range(best - 1, -1, -1) if solved[i]["equivalent"] > cap), 0)
    high = next((i for i in range(best + 1, len(solved)) if solved[i]["equivalent"] > cap), len(solved) - 1)
    return list(solved[low:high + 1])


def _chart(found: Mapping[str, Any], splits: Sequence[Mapping[str, Any]], lang: str, clip: int | None = None,
           rule: bool = False) -> Markup:
    """One chart of `splits` (solved, in order, the best among them); with `clip`, its axis stops there."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, "web")

    one, in_budget = found["first_year"], bool(found.get("marginal"))
    points = [(float(s["first_budget"]), float(s["equivalent"] if in_budget else s["below_best"])) for s in splits]
    tips = [t("web.plan.chart_tip_best", first=one, budget=in_yi(s["first_budget"])) if s["best"] else
            t("web.plan.chart_tip", first=one, budget=in_yi(s["first_budget"]),
              below=about(s["equivalent"], lang) if in_budget else f"{s['below_best']:,}") for s in splits]
    labels = (t("web.plan.chart_x", first=one), t("web.plan.chart_y" if in_budget else "web.plan.chart_y_plain",
                                                   first=one), t("web.plan.mark_near"))
    best = next(i for i, s in enumerate(splits) if s["best"])
    band = found.get("band")
    shaded = None if band is None else (max(float(band[0]), points[0][0]), min(float(band[1]), points[-1][0]),
                                        labels[2])
    tolerance = said_amount(found["tolerance"])
    return Markup(line_chart(
        points, labels[0], labels[1], highlight=best, y_money=in_budget, tips=tips, gaps=True, band=shaded,
        x_text=budget_tick, clip=None if clip is None else (float(clip), t("web.plan.chart_further",
                                                                            cap=said_amount(clip))),
        rule=(float(found["tolerance"]), t("web.plan.chart_rule", tolerance=tolerance)) if rule else None))


def budget_tick(yuan: float) -> str:
    """A tick of the first-year budget axis, exactly (to the yuan), so that no two read alike (an officer's review:
    "2.02亿 2.02亿 2.03亿 2.04亿 2.04亿").

    >>> [budget_tick(x) for x in (202_000_000, 202_500_000.0000001, 95_000_000, 0)]
    ['2.02亿', '2.025亿', '9500万', '0']
    """
    whole = round(yuan)
    return "0" if whole == 0 else in_yi(whole)[1] if abs(whole) >= WAN else f"{whole:,}"
