"""min_budget for targets funded only at middle budgets (`elsewhere_proven`), and a proof stopped by its caller
(StopProof) — checked against allocating every budget below the answer, on a small year and on the sample."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from goalsearch import as_stopped, stop_after
from helpers import ROOT, app, code, scenario_of, workbook_of
from test_properties import POLICY

import optimizer
from optimizer.domain import Application, Status
from optimizer.jobs.min_budget import BudgetGoal, min_budget

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"
CAPPED = {"applicants": {"max_total": 600_000}}  # each applicant's awards at most 60万 in all


@pytest.fixture(scope="module")
def middle() -> list[Application]:
    """Seven fixed awards of 50万 (clause 10) and the target T (clause 4, 40万 asked, scored 80) of the same applicant
    as F0, whose award is scored 85 (the others 90); an applicant gets at most 60万. Where every 50万 award is funded
    (from 350万 up, where money is no limit) F0's is, and T gets what the cap leaves: 10万. Below, F0's is the one left
    out, and T is funded in full wherever what the others leave is 40万 or more: 40万 to 49万, 90万 to 99万, …,
    340万 to 349万 — only at middle budgets."""
    fixed = [app(row=i + 2, application_id=f"F{i}", applicant=f"重庆第{i}制造有限公司", clause="10",
                 score=Decimal(85 if i == 0 else 90), credit_code=code(i + 1)) for i in range(7)]
    return [*fixed, app(row=9, application_id="T", applicant="重庆第0制造有限公司", clause="4", score=Decimal(80),
                        credit_code=code(1), requested=Decimal(400_000))]


def goal_of(year: list[Application], **options: Any) -> BudgetGoal:
    return min_budget(workbook_of(*year), scenario_of(**CAPPED), fund=["T"], policy=POLICY, **options)


def t_funded(year: list[Application], budget: int) -> bool:
    at = optimizer.allocate(workbook_of(*year), scenario_of(**CAPPED), budget=f"{budget}元", policy=POLICY)
    return next(a for a in at.awards if a.application_id == "T").status is Status.FUNDED


def test_without_a_proof_a_goal_funded_only_at_middle_budgets_says_the_budget_it_saw(
        middle: list[Application]) -> None:
    """Nothing new without `prove`: the least budget solved that funds T, not the least."""
    goal = goal_of(middle)
    assert (goal.reachable, goal.elsewhere, goal.elsewhere_goal, goal.elsewhere_proven) == ((), (("T", 470_000),),
                                                                                          (), None)
    assert repr(goal) == ("<BudgetGoal no budget found: none of the 1 targets funded (0 no budget reaches, 1 funded "
                          "only at other budgets); T funded at 47万 (found while searching, not the least); 18 solves>")
    assert not t_funded(middle, goal.high) and t_funded(middle, 470_000)


def test_with_a_proof_the_least_budget_funding_it_is_proven(middle: list[Application]) -> None:
    """From 47万, the least budget the search saw fund T, the proof settles every budget below: 40万 is the least —
    as allocating every 1万 from 0 says. What `budget`, `reachable`, `blocked` and `proven` say is as before."""
    goal = goal_of(middle, prove=True)
    assert (goal.elsewhere_goal, goal.elsewhere_proven, goal.elsewhere_settled) == (("T",), 400_000, None)
    assert goal.elsewhere == (("T", 400_000),)  # the least budget solved: the proof allocated it
    assert (goal.reachable, [a.application_id for a in goal.blocked], goal.proven, goal.settled) == (
        (), ["T"], False, None)
    assert not goal.nothing_to_prove and goal.to_frame()["elsewhere"].tolist() == [400_000]
    assert repr(goal) == ("<BudgetGoal no budget found: none of the 1 targets funded (0 no budget reaches, 1 funded "
                          "only at other budgets); T funded at 40万 (proven least: no smaller multiple of 1万 funds "
                          f"it); {goal.solves} solves, {goal.proof_solves} of them the proof's>")
    assert [b for b in range(0, 410_000, 10_000) if t_funded(middle, b)] == [400_000]


def test_a_proof_with_a_limit_says_what_it_found_and_never_exceeds_it(middle: list[Application]) -> None:
    """Allowed 7 solves, the proof has come down from 47万 to 44万, each budget on the way funding T: nothing below 44万
    is settled. Never more than 7 solves of the proof, and progress says so at every solve."""
    calls: list[tuple[int, int]] = []
    goal = goal_of(middle, prove=7, progress=lambda solves, proof: calls.append((solves, proof)))
    assert (goal.elsewhere_proven, goal.elsewhere_settled, goal.elsewhere_goal_proven, goal.proof_solves) == (
        440_000, None, False, 7)  # a planner's review: 44万 itself read as settled
    assert repr(goal) == ("<BudgetGoal no budget found: none of the 1 targets funded (0 no budget reaches, 1 funded "
                          "only at other budgets); T funded at 44万 (least found so far; its proof settled nothing "
                          f"below it: the limit of solves was reached); {goal.solves} solves, 7 of them the proof's>")
    assert calls[-1] == (goal.solves, 7) and max(proof for _, proof in calls) == 7


def test_the_least_budget_of_2026_0060_on_the_sample_is_proven(apps: optimizer.Applications) -> None:
    """A planner's review: 2026-0060, in full, is funded only at middle budgets (about 6925万 to 17078万), and the repr
    said 10192万, "found while searching, not the least". To 100万, the proof from the least budget the search saw
    finds 7300万, and proves it. 2026-0245, which no budget funds, stays as it is."""
    goal = optimizer.min_budget(apps, SCENARIO, fund=["2026-0060", "2026-0245"], precision="100万", prove=True)
    assert (goal.elsewhere_goal, goal.elsewhere_proven, goal.elsewhere_settled) == (("2026-0060",), 73_000_000, None)
    assert repr(goal) == ("<BudgetGoal no budget found: none of the 2 targets funded (1 no budget reaches, 1 funded "
                          "only at other budgets); 2026-0060 funded at 7300万 (proven least: no smaller multiple of "
                          f"100万 funds it); {goal.solves} solves, {goal.proof_solves} of them the proof's>")
    assert goal.to_frame().set_index("application_id")["elsewhere"].astype(object).tolist() == [73_000_000, pd_na()]
    for budget, status in (("7300万", Status.FUNDED), ("7200万", Status.PARTIAL)):
        at = optimizer.allocate(apps, SCENARIO, budget=budget)
        assert next(a for a in at.awards if a.application_id == "2026-0060").status is status, budget


def test_a_proof_of_2026_0060_with_a_limit_says_the_budgets_it_settled(apps: optimizer.Applications) -> None:
    """Allowed 30 solves, the proof has found 7300万 and settled every 100万 from 6300万 to 7200万; allowed 20, only
    7200万."""
    goal = optimizer.min_budget(apps, SCENARIO, fund=["2026-0060"], precision="100万", prove=30)
    assert (goal.elsewhere_proven, goal.elsewhere_settled, goal.proof_solves) == (73_000_000, 63_000_000, 30)
    assert repr(goal).endswith("; 2026-0060 funded at 7300万 (least found, not proven; none from 6300万 to 7200万 "
                               f"funds it: the proof stopped at its limit of solves); {goal.solves} solves, 30 of "
                               "them the proof's>")
    for budget in ("6300万", "7200万"):
        at = optimizer.allocate(apps, SCENARIO, budget=budget)
        assert next(a for a in at.awards if a.application_id == "2026-0060").status is not Status.FUNDED, budget
    short = optimizer.min_budget(apps, SCENARIO, fund=["2026-0060"], precision="100万", prove=20)
    assert "; 2026-0060 funded at 7300万 (least found, not proven; 7200万 does not fund it: " in repr(short)


@pytest.fixture(scope="module")
def apps() -> optimizer.Applications:
    return optimizer.read_applications(SAMPLE)


def pd_na() -> Any:
    import pandas as pd
    return pd.NA


# ------------------------------------------------------------------------------------------- a proof stopped


@pytest.fixture(scope="module")
def ladder() -> list[Application]:
    """Seven fixed awards of 50万 scored 90, and T (40万 asked) scored 80: T is funded in full at 40万 to 49万,
    90万 to 99万, …, and from 390万 (tests/test_min_budget.py's ladder)."""
    fixed = [app(row=i + 2, application_id=f"F{i}", applicant=f"重庆第{i}制造有限公司", clause="10", score=Decimal(90),
                 credit_code=code(i + 1)) for i in range(7)]
    return [*fixed, app(row=9, application_id="T", applicant="重庆目标智造有限公司", clause="4", score=Decimal(80),
                        credit_code=code(8), requested=Decimal(400_000))]


@pytest.mark.parametrize("proofs", [1, 5, 30])
def test_a_proof_stopped_by_its_caller_ends_as_at_that_limit(ladder: list[Application], proofs: int) -> None:
    """progress raising StopProof after k solves of the proof gives the answer, the settled stretch and the count
    of prove=k: the solve it was told of is kept, the next is not made; the repr says who stopped it."""
    year, scenario = workbook_of(*ladder), scenario_of()
    limited = min_budget(year, scenario, fund=["F3", "T"], policy=POLICY, prove=proofs)
    stopped = min_budget(year, scenario, fund=["F3", "T"], policy=POLICY, prove=True,
                         progress=stop_after(proofs))
    assert (stopped.budget, stopped.settled, stopped.proven, stopped.solves, stopped.proof_solves) == (
        limited.budget, limited.settled, False, limited.solves, proofs)
    assert (stopped.stopped, limited.stopped) == (True, False)
    assert repr(stopped) == as_stopped(repr(limited))


def test_a_proof_stopped_before_it_begins_makes_no_proof_solve(ladder: list[Application]) -> None:
    """Asked to stop at the first solve (the high budget): the bisection and the probing go on, the proof makes no
    solve, and the budget found is said not proven, nothing below it settled."""
    year, scenario = workbook_of(*ladder), scenario_of()
    goal = min_budget(year, scenario, fund=["F3", "T"], policy=POLICY, prove=True, progress=stop_after(0))
    plain = min_budget(year, scenario, fund=["F3", "T"], policy=POLICY)
    assert (goal.budget, goal.proof_solves, goal.proven, goal.settled, goal.stopped) == (
        plain.budget, 0, False, None, True)  # a planner's review: the budget itself read as settled
    assert "; least found so far; its proof settled nothing below it: the proofs were stopped (StopProof)" in repr(goal)
    ignored = min_budget(year, scenario, fund=["F3", "T"], policy=POLICY, progress=stop_after(0))  # no proof asked
    assert repr(ignored) == repr(plain) and not ignored.stopped


def test_a_stop_asked_of_an_elsewhere_proof_ends_it_as_at_its_limit(middle: list[Application]) -> None:
    limited = goal_of(middle, prove=7)
    stopped = goal_of(middle, prove=True, progress=stop_after(7))
    assert (stopped.elsewhere_proven, stopped.elsewhere_settled, stopped.stopped) == (440_000, None, True)
    assert repr(stopped) == as_stopped(repr(limited))
