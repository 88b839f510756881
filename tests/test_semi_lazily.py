"""Minimum funding ratios enforced lazily (optimise.semi_lazily): the same optimum as the model solved as it is."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from helpers import app, awards_by_id, code, scenario_of, workbook_of
from hypothesis import HealthCheck, given, settings
from test_properties import POLICY, instances

from optimizer.domain import Application
from optimizer.errors import Infeasible
from optimizer.jobs.allocate import allocate
from optimizer.solving import optimise

W = 10_000


def a(app_id: str, clause: str, score: int, **fields: Any) -> Application:
    return app(application_id=app_id, clause=clause, score=Decimal(score), row=2 + int(app_id[-1]), **fields)


def rounds_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The relaxations solved (`_solve_merged` calls), one entry each."""
    rounds: list[int] = []
    real = optimise._solve_merged

    def counted(*args: Any, **kwargs: Any) -> Any:
        rounds.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(optimise, "_solve_merged", counted)
    return rounds


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_an_award_below_its_minimum_in_the_relaxation_is_enforced_in_the_next_round(
        monkeypatch: pytest.MonkeyPatch, solver: str) -> None:
    # Minimum ratio 0.5. Relaxed, A (90, 300万) takes 300万 and B (80, 200万) the 50万 left — below its minimum of
    # 100万. Enforced: A 300万 alone is worth 27,000万; A 250万 + B 100万 is worth 22,500万 + 8,000万 = 30,500万.
    rounds = rounds_counted(monkeypatch)
    result = allocate(workbook_of(a("A1", "3", 90), a("B2", "4", 80)),
                      scenario_of(budget="350万", min_funding_ratio=0.5), policy=POLICY, solver=solver)
    assert awards_by_id(result) == {"A1": 250 * W, "B2": 100 * W}
    assert len(rounds) == 2


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_a_year_mended_needs_no_second_round(monkeypatch: pytest.MonkeyPatch, solver: str) -> None:
    # Minimum ratio 0.5, budget 350万. A (90, 300万) is paid in full; B and C (both 80: 200万 and 80万, 10% of their
    # investment) share the 50万 left. Relaxed, B (ranked first) takes it — below its minimum of 100万; mended, C
    # takes it (above its 40万): worth the same, so no second round. (Without mending: a second round, B held.)
    rounds = rounds_counted(monkeypatch)
    apps = (a("A1", "3", 90, credit_code=code(1)),
            a("B2", "7b", 80, investment=Decimal(20_000_000), credit_code=code(2)),
            a("C3", "7b", 80, investment=Decimal(8_000_000), credit_code=code(3)))
    result = allocate(workbook_of(*apps), scenario_of(budget="350万", min_funding_ratio=0.5), policy=POLICY,
                      solver=solver)
    assert awards_by_id(result) == {"A1": 300 * W, "B2": 0, "C3": 50 * W}
    assert len(rounds) == 1


def solved(apps: list[Application], scenario: dict[str, Any]) -> Any:
    try:
        result = allocate(workbook_of(*apps), scenario_of(**scenario), policy=POLICY)
    except Infeasible as exc:
        return exc.conflicts
    return result.objective, awards_by_id(result)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_lazily_or_as_it_is_the_allocation_is_the_same(instance: tuple[list[Application], dict[str, Any]]) -> None:
    apps, scenario = instance
    scenario = {**scenario, "min_funding_ratio": 0.5}
    lazily = solved(apps, scenario)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(optimise, "SEMI_ROUNDS", 0)
        as_it_is = solved(apps, scenario)
    assert lazily == as_it_is


def test_next_in_line_under_the_caps_of_an_award_below_its_minimum() -> None:
    # One district cap holds A…E (values 90, 80, 70, 60, 50 per yuan): A and B paid, C below its minimum, D and E
    # unpaid. Next in line with C: the best-valued unpaid (D, E) and the worst-valued paid (B, A), two of each.
    import numpy as np

    from optimizer.rules.entitle import entitle
    from optimizer.solving.model import build_model

    apps = [a(f"{name}{i}", "3", score, district="万州区")
            for i, (name, score) in enumerate(zip("ABCDE", (90, 80, 70, 60, 50), strict=True), start=1)]
    model = build_model(entitle(apps, POLICY, year=2026), POLICY,
                        scenario_of(budget="1000万", min_funding_ratio=0.5, districts={"max_share": 0.5}))
    ids = [c.application_id for c in model.columns]
    below = np.array([i == "C3" for i in ids])
    paid = np.array([i in ("A1", "B2", "C3") for i in ids])
    relaxed = ~below
    chosen = optimise._next_in_line(model, below, paid, relaxed)
    assert sorted(i for i, c in zip(ids, chosen.tolist(), strict=True) if c) == ["A1", "B2", "D4", "E5"]


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_a_remainder_no_award_can_take_at_its_minimum_is_not_walked_one_award_a_round(
        monkeypatch: pytest.MonkeyPatch, solver: str) -> None:
    # Minimum ratio 0.5, budget 310万. Relaxed, A (95, 300万) is paid in full and the 10万 left goes to the
    # best-valued of 24 unpaid awards (90, 89, … 67, each 300万: a minimum of 150万) — held, to the next one, round
    # after round. From the round that shows the walk, the best-valued unpaid awards are held too, 16 and then 32:
    # five solves where eight rounds and the model as it is were nine. The optimum pays the first of them its
    # minimum (A 160万 + C00 150万 is worth 28,700万, A alone 28,500万).
    rounds = rounds_counted(monkeypatch)
    apps = [app(application_id="A00", clause="3", score=Decimal(95), row=2, credit_code=code(0))]
    apps += [app(application_id=f"C{i:02d}", clause="3", score=Decimal(90 - i), row=3 + i, credit_code=code(i + 1))
             for i in range(24)]
    result = allocate(workbook_of(*apps), scenario_of(budget="310万", min_funding_ratio=0.5), policy=POLICY,
                      solver=solver)
    assert {k: v for k, v in awards_by_id(result).items() if v} == {"A00": 160 * W, "C00": 150 * W}
    assert len(rounds) == 5


def test_the_best_unpaid_held_double_at_each_round_of_a_walk() -> None:
    import numpy as np

    from optimizer.rules.entitle import entitle
    from optimizer.solving.model import build_model

    apps = [a(f"A{i}", "3", 90 - i) for i in range(8)]
    model = build_model(entitle(apps, POLICY, year=2026), POLICY, scenario_of(budget="1000万", min_funding_ratio=0.5))
    ids = [c.application_id for c in model.columns]
    paid = np.array([i in ("A0", "A2") for i in ids])
    relaxed = np.array([i != "A1" for i in ids])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(optimise, "BEST_UNPAID", 2)
        first = optimise._best_unpaid(model, paid, relaxed, 0)
        second = optimise._best_unpaid(model, paid, relaxed, 1)
    assert sorted(i for i, c in zip(ids, first.tolist(), strict=True) if c) == ["A3", "A4"]
    assert sorted(i for i, c in zip(ids, second.tolist(), strict=True) if c) == ["A3", "A4", "A5", "A6"]
