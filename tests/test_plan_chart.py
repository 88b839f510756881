"""The two-year plan page's charts (web/plan_page.py `charts`, drawn by report/html.py's `line_chart`), from a plan's
findings as its record keeps them — no solve: the splits near the best on an axis that stops at a few times the
tolerance (those beyond it marked at its foot), every split beside them, and tick labels that tell the splits apart.
The sweep's chart, drawn by the same function, is unchanged."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from optimizer.report.html import line_chart
from optimizer.web.plan_page import budget_tick, charts

MARGINAL = "83.3"


def found_of(gaps: dict[int, int], band: tuple[int, int], tolerance: int = 100_000) -> dict[str, Any]:
    """A plan's findings as its record keeps them: each split's first-year budget and how far short of the best it is
    in first-year budget (0: the best)."""
    splits = [{"first_budget": budget, "second_budget": 320_000_000 - budget, "below_best": round(gap * 83.3),
               "equivalent": gap, "best": gap == 0} for budget, gap in sorted(gaps.items())]
    return {"first_year": 2026, "splits": splits, "best": next(i for i, s in enumerate(splits) if s["best"]),
            "band": list(band), "marginal": MARGINAL, "tolerance": tolerance}


def texts(svg: str) -> list[str]:
    """The axes' tick labels and the x axis's label, in order."""
    return re.findall(r'text-anchor="(?:middle|end)">([^<]+)</text>', svg)


def test_tick_labels_tell_close_splits_apart() -> None:
    """An officer's review: 2.02亿 to 2.04亿 in steps of 10万 read "2.02亿 2.02亿 2.03亿 2.04亿 2.04亿"."""
    gaps = {202_000_000 + k * 100_000: 20_000 - k * 1_000 for k in range(17)} | {203_700_000: 0, 203_800_000: 11_000,
                                                                                 203_900_000: 13_000,
                                                                                 204_000_000: 32_000}
    (chart,) = charts(found_of(gaps, (202_000_000, 204_000_000)), "zh")
    assert chart.id == "plan-chart" and chart.caption == ""  # every gap within 30万: one chart
    assert texts(chart.svg)[:5] == ["2.02亿", "2.025亿", "2.03亿", "2.035亿", "2.04亿"]
    assert "<title>2026年 2.037亿元：最优</title>" in chart.svg  # in 亿, not 20370万元
    assert [budget_tick(x) for x in (0, 9_000, 95_000_000, 203_750_000.0000002)] == ["0", "9,000", "9500万",
                                                                                     "2.0375亿"]


def test_far_splits_are_drawn_at_the_foot_of_a_chart_near_the_best() -> None:
    """An officer's review: on an axis down to 1.5亿 the band, whose splits are at most 10万 short, was a flat blob.
    The chart near the best stops at 30万 (three times the tolerance): it runs from the first split beyond that on
    one side of the best to the first on the other, those two marked ▼ at its foot, the line cut there."""
    gaps = {100_000_000: 25_000_000, 190_000_000: 358_000, 195_000_000: 174_000, 200_000_000: 47_000,
            203_000_000: 0, 204_000_000: 26_000, 205_000_000: 121_000, 206_000_000: 312_000, 210_000_000: 599_000}
    near, every = charts(found_of(gaps, (200_000_000, 204_000_000)), "en")
    assert (near.id, every.id) == ("plan-chart-near", "plan-chart")
    assert near.caption == "Near the best: the axis stops at 30万 short; splits further off are drawn at its foot (▼)."
    assert every.caption == "Every split."
    assert texts(near.svg) == ["1.9亿", "1.95亿", "2亿", "2.06亿", "0", "10万", "20万", "30万", "2026 budget"]
    assert near.svg.count("<circle") == 5 and near.svg.count('<polygon class="chart-further"') == 2
    assert "<title>2026 1.9亿: about 35.8万 short of the best</title></polygon>" in near.svg
    assert ('<tspan class="chart-rule" fill="#276749">dashed line: about as good within 10万</tspan>'
            '<tspan class="chart-further" fill="#4a5568" dx="16">▼ more than 30万 short</tspan>') in near.svg
    # the line leaves the axis at its foot (y 274) between 1.9亿 and 1.95亿, and between 2.05亿 and 2.06亿
    path = re.findall(r'<path d="([^"]+)"', near.svg)[0]
    assert re.fullmatch(r"M[\d.]+,274\.0( L[\d.]+,[\d.]+){5} L[\d.]+,274\.0", path)
    # every split, on its own axis: nothing cut, no dashed line (10万 on an axis to 2500万 is the top line)
    assert every.svg.count("<circle") == 9 and "chart-further" not in every.svg and "chart-rule" not in every.svg
    assert texts(every.svg) == ["1亿", "1.5亿", "2.1亿", "0", "1000万", "2000万", "3000万", "2026 budget"]


def test_no_chart_near_the_best_where_the_band_cannot_be_said_in_budget() -> None:
    """Where the best split leaves its first-year budget unspent (no marginal value), the gaps are weighted score ×
    yuan: one chart, neither cut nor ruled."""
    found = found_of({190_000_000: 900_000, 200_000_000: 0, 210_000_000: 800_000}, (200_000_000, 200_000_000))
    (chart,) = charts({**found, "marginal": None}, "zh")
    assert chart.id == "plan-chart" and "chart-further" not in chart.svg and "chart-rule" not in chart.svg
    assert ">与最优的差距（加权评分×元）</text>" in chart.svg
    assert charts(found_of({200_000_000: 0}, (200_000_000, 200_000_000)), "zh") == []  # one split: nothing to draw
    # a tolerance of 0 (only the best is about as good): no axis stopping at 0
    (chart,) = charts(found_of({190_000_000: 900_000, 200_000_000: 0}, (200_000_000, 200_000_000), tolerance=0), "zh")
    assert chart.id == "plan-chart" and "chart-further" not in chart.svg and "chart-rule" not in chart.svg


def test_the_sweep_chart_is_drawn_as_before() -> None:
    """line_chart without the plan's options draws what it drew before they were added, byte for byte (the sweep's
    report draws it so)."""
    points = [(5e7, 1.0), (1e8, 3.5), (2e8, 4.0)]
    drawn = (line_chart(points, "a", "b"),
             line_chart(points, "a", "b", highlight=1, y_money=True, tips=["x", "y", "z"]),
             line_chart([(1.97e8, 118630.0), (2.03e8, 0.0), (2.05e8, 121000.0)], "x", "y", highlight=1, y_money=True,
                        gaps=True, band=(1.98e8, 2.04e8, "band")))
    assert [hashlib.sha256(svg.encode()).hexdigest() for svg in drawn] == [
        "a2ca56c81838e098fe3ffe28c6ff01fbe09dde83dbabaa8b5402b1df2786817f",
        "1d435b799d3479fa79a4064c2004b722e7d306793fcda23620e1bf37d479f943",
        "e580360895583e4a1eb5176442267521a08ff1d9be9300cc64f40b4ecc015eb2"]
