"""min_budget with a `high` given and a proof: a target held there only by money that the probes below missed gets
its own proof from `high` down; what is said of proofs that settled nothing; the targets funded anywhere together
named — on the sample, checked against allocating (a planner's review compared every 1万 from 500万 to 2.6亿)."""

from __future__ import annotations

import pytest
from goalsearch import goal_of, status_at

import optimizer
from optimizer.domain import Status
from optimizer.jobs.min_budget import StopProof

THREE = ["2026-0060", "2026-0198", "2026-0362"]


@pytest.fixture(scope="module")
def apps() -> optimizer.Applications:
    return optimizer.read_applications("data/sample_applications.xlsx")


def stop(solves: int, proof: int) -> None:
    raise StopProof


# ------------------------------------------------------------------------------------- a window below `high` missed


def test_a_window_the_probes_missed_below_high_is_found_and_proven(apps: optimizer.Applications) -> None:
    """A planner's review: 2026-0060 in full, to 10万 under 7130万, read "no proof made: … nothing to prove"; the
    probes below 7130万 step over 6940万–6960万, which fund it. Its own proof from 7130万 down finds 6940万, proven."""
    goal = goal_of(apps, ["2026-0060"], precision="10万", high="7130万", prove=True)
    assert (goal.elsewhere, goal.elsewhere_least, goal.unfound_below, goal.warnings) == (
        (("2026-0060", 69_400_000),), (("2026-0060", 69_400_000, None),), (), ())
    assert repr(goal) == ("<BudgetGoal no budget found: none of the 1 targets funded (1 funded only at other budgets); "
                          "2026-0060 funded at 6940万 (proven least: no smaller multiple of 10万 funds it); "
                          f"{goal.solves} solves, {goal.proof_solves} of them the proof's>")
    assert status_at(apps, "6940万", "2026-0060") is Status.FUNDED
    assert status_at(apps, "6930万", "2026-0060") is not Status.FUNDED


def test_a_proof_below_high_cut_short_says_what_it_settled(apps: optimizer.Applications) -> None:
    """Allowed one solve, its proof settles 6970万–7120万 (none funds 2026-0060) and no more; stopped at once, it
    settles nothing: either way not "nothing to prove"."""
    one = goal_of(apps, ["2026-0060"], precision="10万", high="7130万", prove=1)
    assert (one.unfound_below, one.nothing_to_prove, one.money_held) == ((("2026-0060", 69_700_000),), False,
                                                                        ("2026-0060",))
    assert repr(one) == ("<BudgetGoal no budget found: none of the 1 targets funded (1 not funded at 7130万 nor at any "
                         "of the 33 budgets allocated, the proofs' included); 2026-0060: not funded at any budget "
                         "solved; none from 6970万 to 7120万 funds it; below 6970万 not proven: the proof stopped at "
                         f"its limit of solves; {one.solves} solves, 1 of them the proof's; 1 warning>")
    stopped = goal_of(apps, ["2026-0060"], precision="10万", high="7130万", prove=True, progress=stop)
    assert (stopped.unfound_below, stopped.nothing_to_prove) == ((), False)
    assert ("(1 not funded at 7130万 nor at any of the 33 budgets solved); 2026-0060: not funded at any budget "
            "solved; below 7130万 not proven (its proof settled nothing: the proofs were stopped (StopProof)); "
            ) in repr(stopped)


# ------------------------------------------------------------------------------------- proofs that settled nothing


def test_proofs_stopped_before_they_began_settle_nothing_and_say_so_alike(apps: optimizer.Applications) -> None:
    """A planner's review: StopProof at once left `settled` and `elsewhere_settled` the budget itself, and one repr
    said three proofs never begun two ways."""
    pair = goal_of(apps, ["2026-0233", "2026-0382"], prove=True, progress=stop)
    assert (pair.elsewhere_proven, pair.elsewhere_settled, pair.elsewhere_goal_proven) == (251_000_000, None, False)
    nothing = "least found so far; its proof settled nothing below it: the proofs were stopped (StopProof)"
    assert repr(pair) == ("<BudgetGoal no budget found: none of the 2 targets funded (0 no budget reaches, 2 funded "
                          f"only at other budgets); 2026-0233, 2026-0382 funded together at 2.51亿 ({nothing}); "
                          f"2026-0233 funded at 2.51亿 ({nothing}); 2026-0382 funded at 2.51亿 ({nothing}); "
                          f"{pair.solves} solves>")
    three = goal_of(apps, THREE, prove=True, progress=stop)
    assert (three.budget, three.proven, three.settled) == (60_000_000, False, None)
    assert repr(three).endswith(f"; 21 solves, 0 of them the proof's; {nothing}>")
    proven = goal_of(apps, ["2026-0233", "2026-0382"], prove=True)
    assert (proven.elsewhere_proven, proven.elsewhere_settled, proven.elsewhere_goal_proven) == (
        184_000_000, None, True)


def test_a_budget_an_earlier_proof_found_is_the_least_found_so_far(apps: optimizer.Applications) -> None:
    """A planner's review: at 60 solves 2026-0060 read "7300万 (least found while searching …)", a budget together's
    proof found, not the search; at 1 solve, together's proof settled nothing and `together_settled` was 8400万,
    `together` itself."""
    sixty = goal_of(apps, THREE, prove=60)
    assert (sixty.together, sixty.together_settled, sixty.elsewhere) == (73_000_000, 67_000_000,
                                                                         (("2026-0060", 73_000_000),))
    assert ("; 2026-0060 funded at 7300万 (least found so far; its proof settled nothing below it: the limit of "
            "solves was reached); all 3 together at 7300万 (least found, not proven; none from 6700万 to 7200万 funds "
            "them: the proof stopped at its limit of solves); ") in repr(sixty)
    one = goal_of(apps, ["2026-0060", "2026-0063"], prove=1)
    assert (one.together, one.together_proven, one.together_settled) == (84_000_000, False, None)
    assert ("; both together at 8400万 (least found so far; its proof settled nothing below it: the limit of solves "
            "was reached); ") in repr(one)


# ------------------------------------------------------------------------------------------ together, named


def test_two_of_three_funded_together_are_named(apps: optimizer.Applications) -> None:
    """A planner's review: "both together" in a goal of three, 2026-0245 funded nowhere."""
    goal = goal_of(apps, ["2026-0245", "2026-0060", "2026-0198"], prove=True)
    assert (goal.together_ids, goal.together, goal.together_proven) == (("2026-0060", "2026-0198"), 73_000_000, True)
    assert ("; 2026-0060 and 2026-0198 together at 7300万 (proven least: no smaller multiple of 100万 funds them); "
            in repr(goal))
