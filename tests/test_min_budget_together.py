"""min_budget's least budget for every target funded anywhere at once (`together`), targets a `high` given holds back
only by money looked for below it, and what the repr says of proofs that never began — on the sample, checked
against allocating (a planner's review compared every 1万 from 500万 to 2.6亿)."""

from __future__ import annotations

import pytest
from goalsearch import SCENARIO, goal_of

import optimizer
from optimizer.domain import Status
from optimizer.jobs.min_budget import BudgetGoal

THREE = ["2026-0060", "2026-0198", "2026-0362"]
FLOOR = "the least budget the scenario can be solved at (its reserve and floors): the targets funded need less"
WINDOWS = ("not monotone: 1 larger budget funds fewer; the budgets solved fund it only in windows, 5600万, 5800万, "
           "6000万–4.99亿 (above it, budgets between those solved not all tried)")
NOT_BEGUN = "least found so far; its proof settled nothing below it: the limit of solves was reached"


@pytest.fixture(scope="module")
def apps() -> optimizer.Applications:
    return optimizer.read_applications("data/sample_applications.xlsx")


def statuses(apps: optimizer.Applications, budget: str, targets: list[str]) -> list[Status]:
    at = {a.application_id: a.status for a in optimizer.allocate(apps, SCENARIO, budget=budget).awards}
    return [at[i] for i in targets]


@pytest.fixture(scope="module")
def three(apps: optimizer.Applications) -> BudgetGoal:
    return goal_of(apps, THREE, prove=True)


# ------------------------------------------------------------------------------------------- every one at once


def test_three_ids_get_the_least_budget_funding_all_three_proven(apps: optimizer.Applications,
                                                                  three: BudgetGoal) -> None:
    """An officer's review: asked for 2026-0060, 2026-0198 and 2026-0362 in full, the goal headlined 5600万, at which
    2026-0060 gets nothing; 7300万 funds all three. The budget found and 2026-0060's own least stay as they were;
    `together` answers the question asked, proven least at 100万 (7200万 leaves 2026-0060 short)."""
    assert (three.budget, three.reachable, three.proven) == (56_000_000, ("2026-0198", "2026-0362"), True)
    assert (three.together_ids, three.together, three.together_proven, three.together_settled) == (
        tuple(THREE), 73_000_000, True, None)
    assert repr(three) == ("<BudgetGoal 5600万 funds 2 of 3 targets; 0 no budget reaches, 1 funded only at other "
                           "budgets; 2026-0060 funded at 7300万 (proven least: no smaller multiple of 100万 funds it); "
                           "all 3 together at 7300万 (proven least: no smaller multiple of 100万 funds them); "
                           f"2026-0362 alone sets it: 5400万 without it; {three.solves} solves, {three.proof_solves} "
                           "of them the proof's; proven least: no smaller multiple of 100万 funds them (the bisection "
                           f"found 6000万); {WINDOWS}>")
    assert statuses(apps, "7300万", THREE) == [Status.FUNDED] * 3
    assert Status.FUNDED not in statuses(apps, "7200万", THREE)[:1]


def test_without_a_proof_the_budget_seen_funding_all_is_said_as_such(apps: optimizer.Applications) -> None:
    plain = goal_of(apps, THREE)
    assert (plain.together, plain.together_proven, plain.together_settled, plain.proof_asked) == (
        76_000_000, False, None, False)
    assert ("; 2026-0060 funded at 7600万 (found while searching, not the least); all 3 together at 7600万 (found "
            "while searching, not the least); 2026-0362 alone sets it: 5400万 without it; 21 solves; " in repr(plain))


def test_a_budget_found_funding_them_all_has_no_together(apps: optimizer.Applications) -> None:
    goal = goal_of(apps, ["2026-0198", "2026-0362"])
    assert (goal.together_ids, goal.together) == ((), None) and "together" not in repr(goal)


# ------------------------------------------------------------------------------------------- a proof not begun


@pytest.fixture(scope="module")
def short(apps: optimizer.Applications) -> BudgetGoal:
    """45 solves: the budget's proof takes them all (it needs 48); together's, without's and 2026-0060's none."""
    return goal_of(apps, THREE, prove=45)


def test_proofs_that_never_began_say_so_and_settle_nothing(short: BudgetGoal) -> None:
    """A planner's review: a proof the limit left no solve for read "least found, not proven: the proof stopped at its
    limit of solves", with the budget itself as settled. Now: None settled, and left out of `elsewhere_least`."""
    assert (short.proven, short.settled, short.proof_solves) == (False, 22_000_000, 45)
    assert (short.together, short.together_proven, short.together_settled) == (76_000_000, False, None)
    assert (short.without, short.without_proven, short.without_settled) == (54_000_000, False, None)
    assert (short.elsewhere_least, short.elsewhere) == ((), (("2026-0060", 76_000_000),))
    assert repr(short) == ("<BudgetGoal 5600万 funds 2 of 3 targets; 0 no budget reaches, 1 funded only at other "
                           f"budgets; 2026-0060 funded at 7600万 ({NOT_BEGUN}); all 3 together at 7600万 "
                           f"({NOT_BEGUN}); 2026-0362 alone sets it: 5400万 ({NOT_BEGUN}) without it; {short.solves} "
                           "solves, 45 of them the proof's; least found, not proven; none from 2200万 to 5500万 funds "
                           f"them: the proof stopped at its limit of solves (the bisection found 6000万); {WINDOWS}>")


def test_the_frame_says_whether_each_other_budget_is_proven_least(three: BudgetGoal, short: BudgetGoal) -> None:
    """goal.csv's column, `elsewhere_proven_least`: True where `elsewhere` is the target's own least, proven."""
    def said(goal: BudgetGoal) -> list[bool | None]:
        column = goal.to_frame()["elsewhere_proven_least"]
        assert str(column.dtype) == "boolean"
        return [None if missing else bool(value) for value, missing in zip(column, column.isna(), strict=True)]

    assert said(three) == [True, None, None]  # 2026-0060 at 7300万, proven; the others funded at the budget found
    assert said(short) == [False, None, None]  # 7600万: seen, its proof never began


# ------------------------------------------------------------------------------------------- a high budget given


def test_a_target_the_high_budget_holds_only_by_money_is_looked_for_below_it(apps: optimizer.Applications) -> None:
    """A planner's review: with high=1亿, 2026-0232 read "not within 1亿" and "nothing to prove"; it is funded in full
    from 9972万 to 9994万 (at 1亿 only in part: the budget runs out there). The budgets just below 1亿 find it; a
    proof of 20 solves comes down to 9982万."""
    plain = goal_of(apps, ["2026-0232"], precision="1万", high="1亿")
    assert plain.elsewhere == (("2026-0232", 99_940_000),)
    assert repr(plain) == ("<BudgetGoal no budget found: none of the 1 targets funded (1 funded only at other "
                           "budgets); 2026-0232 funded at 9994万 (found while searching, not the least); "
                           f"{plain.solves} solves>")  # a planner's review: "0 not funded …", and warned of as unfound
    proved = goal_of(apps, ["2026-0232"], precision="1万", high="1亿", prove=20)
    assert (proved.nothing_to_prove, proved.elsewhere_least, proved.elsewhere, proved.proof_solves) == (
        False, (), (("2026-0232", 99_820_000),), 20)  # its proof came down to 9982万, settling nothing below it
    assert statuses(apps, "9994万", ["2026-0232"]) == [Status.FUNDED]
    assert statuses(apps, "1亿", ["2026-0232"]) == [Status.PARTIAL]


def test_a_target_not_found_below_high_is_not_said_out_of_reach_within_it(apps: optimizer.Applications) -> None:
    """To 100万, no budget below 1亿 the search solves funds 2026-0232 in full (none of its multiples does): the repr
    says what was tried, not "not within 1亿" — and, a proof asked, not "nothing to prove" (a planner's review): its
    own proof from 1亿 down proves none of them funds it."""
    plain = goal_of(apps, ["2026-0232"], high="1亿")
    assert repr(plain) == ("<BudgetGoal no budget found: none of the 1 targets funded (1 not funded at 1亿 nor at any "
                           f"of the 25 budgets solved); {plain.solves} solves; 1 warning>")
    assert plain.budgets_solved == 25 and plain.elsewhere == () and plain.money_held == ("2026-0232",)
    goal = goal_of(apps, ["2026-0232"], high="1亿", prove=True)
    assert repr(goal) == ("<BudgetGoal no budget found: none of the 1 targets funded (1 not funded at 1亿 nor at any "
                          "of the 81 budgets allocated, the proofs' included); 2026-0232: no budget below 1亿 funds it "
                          f"(proven); {goal.solves} solves, {goal.proof_solves} of them the proof's; 1 warning>")
    assert (goal.unfound_below, goal.elsewhere, goal.nothing_to_prove) == ((("2026-0232", None),), (), False)
    assert statuses(apps, "9900万", ["2026-0232"]) != [Status.FUNDED]


# ------------------------------------------------------------------------------------------- the scenario's floor


@pytest.mark.parametrize("full", [True, False])
def test_the_least_budget_the_scenario_can_be_solved_at_reads_proven_in_full_and_any_award(
        apps: optimizer.Applications, full: bool) -> None:
    """A planner's review: 2000万, below which nothing can be solved, was `proven` with any award (a proof of one
    solve ran) and not in full (none ran): both are proven least now, and read the same."""
    goal = goal_of(apps, ["2026-0063"], prove=True, full=full)
    assert (goal.budget, goal.least_solvable, goal.proven, goal.settled, goal.nothing_to_prove) == (
        20_000_000, True, True, None, False)
    assert f"; {FLOOR}; {goal.solves} solves" in repr(goal)
    assert "; proven least: no smaller budget can be solved" in repr(goal)
