"""min_budget's proofs for every target funded only at other budgets (`elsewhere_least`), beside a budget found or
none, and proofs whose settled stretch reaches the least budget the scenario can be solved at — checked against
allocating on the sample (a planner's review compared them with allocating every 1万 from 500万 to 2.6亿)."""

from __future__ import annotations

import pytest
from goalsearch import SCENARIO, as_stopped, goal_of, status_at, stop_after

import optimizer
from optimizer.domain import Status
from optimizer.errors import Infeasible

FLOOR = ("the least budget the scenario can be solved at (its reserve and floors): the targets funded need less")


@pytest.fixture(scope="module")
def apps() -> optimizer.Applications:
    return optimizer.read_applications("data/sample_applications.xlsx")


def test_a_target_funded_elsewhere_beside_a_budget_found_gets_its_least_proven(apps: optimizer.Applications) -> None:
    """A planner's review: 2026-0063 is funded at 2000万, the least budget the scenario can be solved at, so there
    was a budget found and 2026-0060 kept 8400万 unproven, beside "nothing to prove" and "least found, not proven".
    Its least is 7300万 (7200万 funds it only in part), proven in the 66 solves it takes alone (and one the proof of
    both together makes first: 7300万 funds 2026-0063 too). 2000万 is proven least: nothing smaller can be solved."""
    goal = goal_of(apps, ["2026-0060", "2026-0063"], prove=True)
    assert (goal.budget, goal.reachable, goal.elsewhere_least) == (20_000_000, ("2026-0063",),
                                                                   (("2026-0060", 73_000_000, None),))
    assert (goal.elsewhere, goal.elsewhere_goal, goal.elsewhere_proven, goal.nothing_to_prove) == (
        (("2026-0060", 73_000_000),), (), None, False)
    frame = goal.to_frame().set_index("application_id")["elsewhere"]
    assert frame["2026-0060"] == 73_000_000 and frame.isna()["2026-0063"]
    assert (goal.proof_solves, goal.proven, goal.together_ids, goal.together) == (
        67, True, ("2026-0060", "2026-0063"), 73_000_000)
    assert repr(goal) == ("<BudgetGoal 2000万 funds 1 of 2 targets; 0 no budget reaches, 1 funded only at other budgets"
                          "; 2026-0060 funded at 7300万 (proven least: no smaller multiple of 100万 funds it); both "
                          "together at 7300万 (proven least: no smaller multiple of 100万 funds them); "
                          f"{FLOOR}; {goal.solves} solves, 67 of them the proof's; proven least: no smaller budget can "
                          "be solved; not monotone: 3 larger budgets fund fewer>")
    plain = goal_of(apps, ["2026-0060", "2026-0063"])  # without a proof, the budget it saw is named, as such
    assert repr(plain) == ("<BudgetGoal 2000万 funds 1 of 2 targets; 0 no budget reaches, 1 funded only at other "
                           "budgets; 2026-0060 funded at 8400万 (found while searching, not the least); both together "
                           f"at 8400万 (found while searching, not the least); {FLOOR}; 21 solves; not monotone: 3 "
                           "larger budgets fund fewer>")
    assert plain.elsewhere_least == ()


def test_the_least_budget_the_scenario_can_be_solved_at_is_not_said_unproven(apps: optimizer.Applications) -> None:
    """A planner's review: 2026-0063 alone read "no proof made: … nothing to prove" and "least found, not proven"
    beside "the least budget the scenario can be solved at": nothing smaller can be solved (1900万 cannot)."""
    asked = goal_of(apps, ["2026-0063"], prove=True)
    assert repr(asked) == (f"<BudgetGoal 2000万 funds 1 of 1 targets; 0 no budget reaches; {FLOOR}; 21 solves; proven "
                           "least: no smaller budget can be solved; not monotone: 3 larger budgets fund fewer>")
    assert (asked.proven, asked.settled, asked.nothing_to_prove, asked.proof_solves) == (True, None, False, 0)
    assert repr(goal_of(apps, ["2026-0063"])) == (f"<BudgetGoal 2000万 funds 1 of 1 targets; 0 no budget reaches; "
                                                  f"{FLOOR}; 21 solves; not monotone: 3 larger budgets fund fewer>")
    with pytest.raises(Infeasible):
        optimizer.allocate(apps, SCENARIO, budget="1900万")


def test_every_target_funded_only_elsewhere_gets_its_own_least_proven(apps: optimizer.Applications) -> None:
    """A planner's review: of 2026-0060, 2026-0233 and 2026-0382, only 2026-0060 was proven; the others kept 2.51亿,
    6700万 and 7400万 above their least: 1.84亿 and 1.77亿, as allocating says."""
    goal = goal_of(apps, ["2026-0060", "2026-0233", "2026-0382"], prove=True)
    assert goal.elsewhere_least == (("2026-0060", 73_000_000, None), ("2026-0233", 184_000_000, None),
                                    ("2026-0382", 177_000_000, None))
    assert goal.elsewhere == tuple((i, least) for i, least, _ in goal.elsewhere_least)
    assert (goal.elsewhere_goal, goal.elsewhere_proven, goal.elsewhere_settled) == (("2026-0060",), 73_000_000, None)
    proven = "(proven least: no smaller multiple of 100万 funds it)"
    assert repr(goal) == ("<BudgetGoal no budget found: none of the 3 targets funded (0 no budget reaches, 3 funded "
                          f"only at other budgets); 2026-0060 funded at 7300万 {proven}; 2026-0233 funded at 1.84亿 "
                          f"{proven}; 2026-0382 funded at 1.77亿 {proven}; no budget solved funds all 3 together; "
                          f"{goal.solves} solves, {goal.proof_solves} of them the proof's>")
    assert (goal.together_ids, goal.together, goal.together_proven) == (tuple(goal.targets), None, False)
    for target, least, less in (("2026-0233", "18400万", "18300万"), ("2026-0382", "17700万", "17600万")):
        assert status_at(apps, least, target) is Status.FUNDED
        assert status_at(apps, less, target) is not Status.FUNDED


def test_targets_funded_together_are_said_together_and_each_alone(apps: optimizer.Applications) -> None:
    """A planner's review: 2026-0233 and 2026-0382 "funded together at 1.84亿", and never that 2026-0382 alone is
    funded from 1.77亿. `elsewhere_goal` and `elsewhere_proven` keep the pair's."""
    goal = goal_of(apps, ["2026-0233", "2026-0382"], prove=True)
    assert (goal.elsewhere_goal, goal.elsewhere_proven) == (("2026-0233", "2026-0382"), 184_000_000)
    assert goal.elsewhere_least == (("2026-0233", 184_000_000, None), ("2026-0382", 177_000_000, None))
    assert repr(goal) == ("<BudgetGoal no budget found: none of the 2 targets funded (0 no budget reaches, 2 funded "
                          "only at other budgets); 2026-0233, 2026-0382 funded together at 1.84亿 (proven least: no "
                          "smaller multiple of 100万 funds them); 2026-0233 funded at 1.84亿 (proven least: no smaller "
                          "multiple of 100万 funds it); 2026-0382 funded at 1.77亿 (proven least: no smaller multiple "
                          f"of 100万 funds it); {goal.solves} solves, {goal.proof_solves} of them the proof's>")


def test_a_short_limit_proves_the_smallest_first_and_is_never_exceeded(apps: optimizer.Applications) -> None:
    """Allowed 100 solves, the proofs go the smallest least budget found first: 2026-0060 (8400万 seen) is proven in
    66; 2026-0233's has come down from 2.51亿 to 2.27亿, every budget on the way funding it, and 2.27亿 funds 2026-0382
    too, whose proof never begins (a planner's review: it read "stopped at its limit", settled from 2.27亿 itself): it
    is left out of `elsewhere_least`. A stop asked at 100 gives the same, said as stopped."""
    calls: list[tuple[int, int]] = []
    fund = ["2026-0060", "2026-0233", "2026-0382"]
    goal = goal_of(apps, fund, prove=100, progress=lambda solves, proof: calls.append((solves, proof)))
    assert goal.elsewhere_least == (("2026-0060", 73_000_000, None),)  # 2026-0233's settled nothing below 2.27亿
    assert goal.elsewhere[2] == ("2026-0382", 227_000_000)
    assert goal.proof_solves == 100 and calls[-1] == (goal.solves, 100) and max(p for _, p in calls) == 100
    limit = "(least found so far; its proof settled nothing below it: the limit of solves was reached)"
    assert repr(goal) == ("<BudgetGoal no budget found: none of the 3 targets funded (0 no budget reaches, 3 funded "
                          "only at other budgets); 2026-0060 funded at 7300万 (proven least: no smaller multiple of "
                          f"100万 funds it); 2026-0233 funded at 2.27亿 {limit}; 2026-0382 funded at 2.27亿 "
                          f"{limit}; no budget "
                          f"solved funds all 3 together; {goal.solves} solves, 100 of them the proof's>")
    stopped = goal_of(apps, fund, prove=True, progress=stop_after(100))
    assert (stopped.elsewhere_least, stopped.solves, stopped.proof_solves, stopped.stopped) == (
        goal.elsewhere_least, goal.solves, 100, True)
    assert repr(stopped) == as_stopped(repr(goal))


def test_a_proof_settled_down_to_the_least_solvable_budget_is_proven(apps: optimizer.Applications) -> None:
    """A planner's review: a proof one solve short read "least found, not proven; none from 2000万 to …", 2000万
    being the least budget the scenario can be solved at. To 1000万, 2026-0062 with 2026-0001 takes 26 solves to
    prove 2.3亿 least, the last finding 1000万 cannot fund them; allowed 25, the stretch settled reaches 2000万 and the
    floors show 1000万 cannot be solved: proven all the same, stopped or limited."""
    fund = ["2026-0062", "2026-0001"]
    full = goal_of(apps, fund, precision="1000万", prove=True)
    assert (full.budget, full.proven, full.proof_solves) == (230_000_000, True, 27)  # 26, and 1 for `without`
    short = goal_of(apps, fund, precision="1000万", prove=25)
    assert (short.budget, short.proven, short.settled, short.proof_solves) == (230_000_000, True, None, 25)
    assert ", 25 of them the proof's; proven least: no smaller multiple of 1000万 funds them>" in repr(short)
    stopped = goal_of(apps, fund, precision="1000万", prove=True, progress=stop_after(25))
    assert (stopped.proven, stopped.settled, stopped.proof_solves) == (True, None, 25)
    with pytest.raises(Infeasible):
        optimizer.allocate(apps, SCENARIO, budget="1000万")


def test_a_stop_during_withouts_proof_says_why_without_is_not_proven(apps: optimizer.Applications) -> None:
    """A planner's review: stopped when the budget's proof had made its 26 solves, `without`'s made none, and the repr
    said only "(least found, not proven)" of it, nothing of the stop."""
    fund = ["2026-0062", "2026-0001"]
    limited = goal_of(apps, fund, precision="1000万", prove=26)
    stopped = goal_of(apps, fund, precision="1000万", prove=True, progress=stop_after(26))
    assert (stopped.proven, stopped.without, stopped.without_proven, stopped.without_settled, stopped.stopped) == (
        True, 160_000_000, False, None, True)  # its proof never began: no budget settled (a planner's review)
    assert ("; 2026-0001 alone sets it: 1.6亿 (least found so far; its proof settled nothing below it: the proofs were "
            "stopped (StopProof)) without it; " in repr(stopped))
    assert repr(stopped) == as_stopped(repr(limited))
