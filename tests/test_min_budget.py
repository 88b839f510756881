"""min_budget: the least budget that funds a chosen set of applications, and those no budget reaches — checked by
solving again at the budget found and one precision less, on the sample and on random small years."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import ROOT, scenario_of, workbook_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import POLICY, instances

import optimizer
from optimizer.domain import Application, Status
from optimizer.errors import Infeasible, InputError
from optimizer.jobs.min_budget import BudgetGoal, min_budget, unlimited_budget
from optimizer.rules.entitle import entitle
from optimizer.rules.scenario import ScenarioError

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"


@pytest.fixture(scope="module")
def apps() -> optimizer.Applications:
    return optimizer.read_applications(SAMPLE)


@pytest.fixture(scope="module")
def high_scores(apps: optimizer.Applications) -> BudgetGoal:
    """The planner's question: what funds, in full, every application scored 85 or more?"""
    return min_budget(apps, SCENARIO, fund=lambda row: row.score >= 85)


def funded(allocation: Any, ids: tuple[str, ...], full: bool = True) -> set[str]:
    """Those of `ids` the allocation funds: in full, or with any award."""
    wanted = {Status.FUNDED} if full else {Status.FUNDED, Status.PARTIAL}
    return {a.application_id for a in allocation.awards if a.application_id in ids and a.status in wanted}


def test_the_budget_found_funds_every_reachable_target_and_one_precision_less_does_not(
        apps: optimizer.Applications, high_scores: BudgetGoal) -> None:
    goal = high_scores
    assert (goal.budget, goal.precision, goal.high) == (184_330_000, 10_000, 498_400_000)
    assert (len(goal.targets), len(goal.reachable), len(goal.blocked)) == (118, 89, 29)
    at = optimizer.allocate(apps, SCENARIO, budget=f"{goal.budget}元")
    assert funded(at, goal.reachable) == set(goal.reachable)
    assert at.to_frame().equals(goal.allocation.to_frame())
    less = optimizer.allocate(apps, SCENARIO, budget=f"{goal.budget - goal.precision}元")
    assert funded(less, goal.reachable) != set(goal.reachable)
    assert repr(goal) == ("<BudgetGoal 18433万元 funds 89 of 118 targets; 29 no budget reaches; 32 solves; "
                          "not monotone: 1 larger budget funds fewer>")


def test_the_blocked_targets_are_named_with_the_limit_that_holds_them(high_scores: BudgetGoal) -> None:
    frame = high_scores.to_frame(lang="en").set_index("application_id")
    assert list(frame.reset_index().columns) == ["application_id", "applicant", "clause", "score", "status",
                                                 "allocated", "reachable", "reason", "elsewhere"]
    blocked = frame.loc[~frame["reachable"]]
    assert sorted(blocked.index) == sorted(a.application_id for a in high_scores.blocked)
    assert (frame.loc[frame["reachable"], "reason"] == "").all()
    assert (frame["score"] >= 85).all()
    for held in ("2026-0138", "2026-0186", "2026-0403"):
        assert 'envelope "人工智能赋能" is full' in blocked.loc[held, "reason"]
    assert "the applicant's cap is reached" in blocked.loc["2026-0063", "reason"]
    assert blocked.loc["2026-0026", "status"] == "INELIGIBLE"
    assert blocked.loc["2026-0098", "reason"].startswith("same content as 2026-0374")
    assert "专项额度“人工智能赋能”已用满" in high_scores.to_frame().loc[42, "reason"]  # Chinese unless asked otherwise


def test_a_larger_budget_that_funds_fewer_is_said(high_scores: BudgetGoal, apps: optimizer.Applications) -> None:
    """At the high budget the applicant caps take other applications: funding is not monotone, and it says so."""
    assert high_scores.gaps == (498_400_000,) and not high_scores.monotone
    at_high = optimizer.allocate(apps, SCENARIO, budget=f"{high_scores.high}元")
    assert funded(at_high, high_scores.reachable) < set(high_scores.reachable)


def test_ids_given_as_a_list_or_chosen_by_a_function_give_the_same_goal(apps: optimizer.Applications) -> None:
    ids = ["2026-0062", "2026-0001", "2026-0062"]
    by_ids = min_budget(apps, SCENARIO, fund=ids, precision="10万")
    assert by_ids.targets == by_ids.reachable == ("2026-0001", "2026-0062")  # each once, in workbook order
    assert by_ids.budget % 100_000 == 0
    by_function = min_budget(apps, SCENARIO, fund=lambda row: row.application_id in ids, precision="10万")
    assert (by_function.budget, by_function.targets) == (by_ids.budget, by_ids.targets)
    assert min_budget(apps, SCENARIO, fund="2026-0001", precision="10万").targets == ("2026-0001",)


def test_any_award_counts_with_full_false(apps: optimizer.Applications) -> None:
    goal = min_budget(apps, SCENARIO, fund=lambda row: row.clause == "4", full=False)
    assert goal.budget == 144_550_000 and not goal.full
    at = goal.allocation
    assert funded(at, goal.reachable, full=False) == set(goal.reachable)
    assert funded(at, goal.reachable) != set(goal.reachable)  # some of them only in part
    less = optimizer.allocate(apps, SCENARIO, budget=f"{goal.budget - goal.precision}元")
    assert funded(less, goal.reachable, full=False) != set(goal.reachable)


def test_a_target_funded_only_at_other_budgets_is_named_with_the_least_seen(apps: optimizer.Applications) -> None:
    """2026-0060 shares its applicant's cap: where money does not limit, the applicant's other awards fill it."""
    goal = min_budget(apps, SCENARIO, fund=["2026-0060"], full=False)
    assert goal.reachable == () and goal.elsewhere == (("2026-0060", 101_920_000),)
    assert funded(optimizer.allocate(apps, SCENARIO, budget="10192万"), ("2026-0060",), full=False)
    assert "1 funded only at other budgets" in repr(goal)
    assert goal.to_frame()["elsewhere"].tolist() == [101_920_000]


@pytest.mark.parametrize(("fund", "precision", "said"), [
    ([], "1万", "fund: no application is chosen to be funded: give application ids, or a function that chooses some"),
    (lambda row: False, "1万",
     "fund: no application is chosen to be funded: give application ids, or a function that chooses some"),
    (["X-1", "2026-0001", "Y-2", "X-1"], "1万", "fund: not application ids of the workbook: X-1, Y-2"),
    (5, "1万", "fund: 5 is no applications to fund: give a list of application ids, or a function that takes one "
               "row of the allocation frame and says whether it is chosen"),
    (["2026-0001"], 3000, "precision: 3000 is a very small budget — did you mean 3000万? Write 3000元 to mean yuan"),
    (["2026-0001"], "3000", "precision: 3000 is a very small budget — did you mean 3000万? Write 3000元 to mean yuan"),
    (["2026-0001"], "0元", "precision: the precision must be at least 1 yuan, not 0元"),
    (["2026-0001"], "1万元整", "precision: '1万元整' is not an amount (write e.g. 120000000, 120,000,000, 12000万 or "
                            "1.2亿)"),
])
def test_mistakes_are_one_input_error_each(apps: optimizer.Applications, fund: Any, precision: Any,
                                           said: str) -> None:
    with pytest.raises(InputError) as caught:
        min_budget(apps, SCENARIO, fund=fund, precision=precision)
    assert str(caught.value) == said


def test_the_mistakes_are_said_in_chinese_too(apps: optimizer.Applications) -> None:
    with pytest.raises(InputError) as caught:
        min_budget(apps, SCENARIO, fund=["X-1", "Y-2"])
    assert caught.value.text("zh") == "fund：申报表中没有这些申报编号：X-1、Y-2"


def test_high_is_where_reachability_is_judged(apps: optimizer.Applications) -> None:
    goal = min_budget(apps, SCENARIO, fund=["2026-0001"], precision="100万", high="2.205亿")
    assert goal.high == 221_000_000  # rounded up to the precision
    assert goal.reachable == () and goal.blocked[0].status is Status.UNFUNDED  # the funding line is above it there
    with pytest.raises(ScenarioError):
        min_budget(apps, SCENARIO, fund=["2026-0001"], high=3000)


def test_the_default_high_budget_leaves_no_share_binding(apps: optimizer.Applications) -> None:
    base = optimizer.load_scenario(SCENARIO)
    entitlements = entitle(apps.valid, POLICY, year=base.year)
    high = unlimited_budget(entitlements, base)
    eligible = [e for e in entitlements if e.eligible]
    green = sum(e.amount for e in eligible if e.application.clause in base.envelopes[1].clauses)  # 15% of it
    liangjiang = sum(e.amount for e in eligible if e.application.district == "两江新区")  # the most: 30% of it
    assert high == base.reserve + max(sum(e.amount for e in eligible), -(-green * 100 // 15), -(-liangjiang * 10 // 3))
    assert -(-high // 10_000) * 10_000 == 498_400_000  # the first budget solved, at a precision of 1万


# ------------------------------------------------------------------------------------------------ random years

@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_on_random_years_the_budget_found_funds_the_reachable_and_one_precision_less_does_not(
        instance: tuple[list[Application], dict[str, Any]], data: st.DataObject) -> None:
    """Whatever the year: the budget found funds every reachable target, and one precision less does not (the
    bisection keeps a budget that does not fund the goal below it, or the arithmetic does: less money than the goal
    needs). Funding need not be monotone, so nothing is claimed of other budgets; `gaps` only reports."""
    apps, settings_ = instance
    scenario = scenario_of(**settings_)
    ids = [a.application_id for a in apps]
    chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    precision = data.draw(st.sampled_from(["1元", "100元", "1万"]))
    full = data.draw(st.booleans())
    try:
        goal = min_budget(workbook_of(*apps), scenario, fund=chosen, precision=precision, full=full, policy=POLICY)
    except Infeasible:  # a floor no budget meets: allocate says the same at any budget
        return
    step = goal.precision
    assert goal.budget % step == 0 and goal.solves >= 2
    assert set(goal.reachable) | {a.application_id for a in goal.blocked} == set(chosen)
    at = optimizer.allocate(workbook_of(*apps), scenario, budget=f"{goal.budget}元", policy=POLICY)
    assert funded(at, goal.reachable, full) == set(goal.reachable)
    assert funded(at, tuple(a.application_id for a in goal.blocked), full) == set()
    if goal.reachable and goal.budget >= step:
        assert funded_at(apps, scenario, goal.budget - step, goal.reachable, full) != set(goal.reachable)
    assert all(goal.budget < budget <= goal.high for budget in goal.gaps)


def funded_at(apps: list[Application], scenario: Any, budget: int, ids: tuple[str, ...], full: bool) -> set[str]:
    """Those of `ids` allocate funds at `budget`; none where it cannot be solved (below the reserve, a floor)."""
    try:
        return funded(optimizer.allocate(workbook_of(*apps), scenario, budget=f"{budget}元", policy=POLICY), ids,
                      full)
    except (Infeasible, ScenarioError):
        return set()
