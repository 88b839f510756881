"""solving/worth.py: the best worth of a year, alone and with some applications held funded — the bounds
min_budget's proof settles budgets with. Checked on random small years: the allocation published funds what it
funds only where the held worth reaches the optimum, and both worths grow with the budget."""

from __future__ import annotations

from typing import Any

from helpers import scenario_of, workbook_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import POLICY, instances

from optimizer.domain import Application, Status
from optimizer.errors import Infeasible
from optimizer.jobs.allocate import allocate_entitled
from optimizer.rules.entitle import entitle
from optimizer.rules.ledger import NO_PRIOR_AWARDS
from optimizer.rules.scenario import ScenarioError, with_budget
from optimizer.solving.model import Model, build_model
from optimizer.solving.worth import best_worth, held_amounts, margin


def year(apps: list[Application], settings_: dict[str, Any], budget: int) -> tuple[Any, Model]:
    """The allocation at `budget` and its model (as min_budget's search builds them)."""
    scenario = with_budget(scenario_of(**settings_), budget)
    entitlements = entitle(list(workbook_of(*apps).valid), POLICY, year=scenario.year, prior=NO_PRIOR_AWARDS)
    so_far = NO_PRIOR_AWARDS.year_so_far(POLICY.number, scenario.year)
    model = build_model(entitlements, POLICY, scenario, NO_PRIOR_AWARDS.earlier(POLICY.number), so_far)
    return allocate_entitled((), entitlements, POLICY, scenario, prior=NO_PRIOR_AWARDS), model


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_what_the_published_allocation_funds_its_held_worth_reaches_the_optimum(
        instance: tuple[list[Application], dict[str, Any]], data: st.DataObject) -> None:
    """Any set of applications the allocation funds (in full, or with any award): held so, the year is still worth
    its optimum — the bound is never below what the published allocation shows possible. And a set it does not fund
    cannot be held to more than the optimum."""
    apps, settings_ = instance
    budget = data.draw(st.integers(0, 2 * settings_["budget"] + 1_000_000))
    try:
        result, model = year(apps, settings_, budget)
    except (Infeasible, ScenarioError):
        return
    optimum = best_worth(model)
    assert optimum is not None and abs(optimum - result.solver.optimum) <= margin(optimum)
    full = data.draw(st.booleans())
    wanted = {Status.FUNDED} if full else {Status.FUNDED, Status.PARTIAL}
    funded = [a.application_id for a in result.awards if a.status in wanted]
    goal = frozenset(data.draw(st.lists(st.sampled_from(funded), unique=True))) if funded else frozenset()
    held = best_worth(model, held=held_amounts(model, goal, full))
    assert held is not None and held >= optimum - margin(optimum)
    assert held <= optimum + margin(optimum)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_both_worths_grow_with_the_budget(instance: tuple[list[Application], dict[str, Any]],
                                          data: st.DataObject) -> None:
    """A larger budget allows every allocation a smaller one does: z*(B) and H(B) never fall as B grows (None, no
    allocation, below everything)."""
    apps, settings_ = instance
    low = data.draw(st.integers(0, settings_["budget"] + 1_000_000))
    high = low + data.draw(st.integers(0, 5_000_000))
    goal = frozenset(data.draw(st.lists(st.sampled_from([a.application_id for a in apps]), unique=True)))
    full = data.draw(st.booleans())
    worths = []
    for budget in (low, high):
        try:
            model = year(apps, settings_, budget)[1]
        except (Infeasible, ScenarioError):
            worths.append((None, None))
            continue
        held = held_amounts(model, goal, full)
        worths.append((best_worth(model), best_worth(model, held=held) if len(held) == len(goal) else None))
    for before, after in zip(*worths, strict=True):
        assert before is None or (after is not None and after >= before - margin(before))


def test_a_goal_held_beyond_the_limits_has_no_worth() -> None:
    """Two applications of clause 4 (each entitled to its maximum, 200万) under a cap of 300万 for the applicant: held
    both in full, no allocation; one alone, the year's worth."""
    from decimal import Decimal

    from helpers import app, code
    apps = [app(row=2 + i, application_id=f"A{i}", clause="4", score=Decimal(80), credit_code=code(1),
                requested=Decimal(3_000_000)) for i in range(2)]
    _, model = year(apps, {"budget": 10_000_000, "applicants": {"max_total": 3_000_000}}, 10_000_000)
    assert best_worth(model, held=held_amounts(model, frozenset({"A0", "A1"}), True)) is None
    assert best_worth(model, held=held_amounts(model, frozenset({"A0"}), True)) is not None
