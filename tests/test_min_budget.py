"""min_budget: the least budget that funds a chosen set of applications, and those no budget reaches — checked by
solving again at the budget found and one precision less, on the sample and on random small years."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest
from helpers import ROOT, app, code, scenario_of, workbook_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import POLICY, instances

import optimizer
from optimizer.domain import Application, Status
from optimizer.errors import Infeasible, InputError
from optimizer.jobs.budget_search import BudgetSearch, Least, Probed
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
    assert repr(goal) == ("<BudgetGoal 18433万 funds 89 of 118 targets; 29 no budget reaches; 2026-0036 alone sets "
                          "it: 18364万 without it; 47 solves; not monotone: 1 larger budget funds fewer; least found, "
                          "not proven>")


def test_the_blocked_targets_are_named_with_the_limit_that_holds_them(high_scores: BudgetGoal) -> None:
    frame = high_scores.to_frame(lang="en").set_index("application_id")
    assert list(frame.reset_index().columns) == [
        "application_id", "applicant", "clause", "score", "status", "allocated", "reachable", "sets_budget",
        "status_at_high", "allocated_at_high", "reason_at_high", "elsewhere", "elsewhere_proven_least"]
    blocked = frame.loc[~frame["reachable"]]
    assert sorted(blocked.index) == sorted(a.application_id for a in high_scores.blocked)
    assert (frame["score"] >= 85).all()
    for held in ("2026-0138", "2026-0186", "2026-0403"):
        assert 'envelope "人工智能赋能" is full' in blocked.loc[held, "reason_at_high"]
    assert "the applicant's cap is reached" in blocked.loc["2026-0063", "reason_at_high"]
    assert blocked.loc["2026-0026", "status"] == "INELIGIBLE"
    assert blocked.loc["2026-0098", "reason_at_high"].startswith("same content as 2026-0374")
    assert "专项额度“人工智能赋能”已用满" in high_scores.to_frame().loc[42, "reason_at_high"]  # Chinese unless asked


def test_each_column_says_at_which_budget(high_scores: BudgetGoal, apps: optimizer.Applications) -> None:
    """status and allocated are at the budget found; status_at_high, allocated_at_high and reason_at_high at the
    high budget: 2026-0245 gets nothing at 18433万, and at 49840万 the AI envelope's leftover, rounded."""
    frame = high_scores.to_frame(lang="en").set_index("application_id")
    row = frame.loc["2026-0245"]
    assert (row["status"], row["allocated"], row["status_at_high"], row["allocated_at_high"]) == (
        "UNFUNDED", 0, "PARTIAL", 1_070_700)
    at = {a.application_id: a for a in optimizer.allocate(apps, SCENARIO, budget="18433万").awards}
    assert all(frame.loc[i, "allocated"] == at[i].allocated for i in high_scores.targets)
    assert frame.loc["2026-0233", ["status", "status_at_high"]].tolist() == ["FUNDED", "UNFUNDED"]  # a swap
    assert frame.loc["2026-0036", "sets_budget"] and frame["sets_budget"].sum() == 1


def test_a_larger_budget_that_funds_fewer_is_said(high_scores: BudgetGoal, apps: optimizer.Applications) -> None:
    """At the high budget the applicant caps take other applications: funding is not monotone, and it says so. The
    budgets solved fund the goal from the budget found up to the last before the high budget: one window, and
    nothing below it found (the probing ended by itself)."""
    assert high_scores.gaps == (498_400_000,) and not high_scores.monotone
    assert high_scores.windows == ((184_330_000, 348_170_000),) and not high_scores.exhausted
    assert high_scores.rounding_short == ()
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
    (["2026-0001"], 3000,
     "precision: 3000 is a very small precision — did you mean 3000万? Write 3000元 to mean yuan"),
    (["2026-0001"], "3000",
     "precision: 3000 is a very small precision — did you mean 3000万? Write 3000元 to mean yuan"),
    (["2026-0001"], "-1万", "precision: -1万 is negative"),
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
    with pytest.raises(InputError) as caught:
        min_budget(apps, SCENARIO, fund=["2026-0001"], precision=3000)
    assert caught.value.text("zh") == "precision：3000 作为精度过小：是否应为 3000万？如确指 3000 元，请写作 3000元"


@pytest.mark.parametrize("fund", [lambda row: row.scroe >= 85, lambda row: row["scroe"] >= 85])
def test_a_function_reading_a_column_the_frame_lacks_is_an_input_error(apps: optimizer.Applications,
                                                                       fund: Any) -> None:
    with pytest.raises(InputError) as caught:
        min_budget(apps, SCENARIO, fund=fund)
    said = str(caught.value)
    assert said.startswith("fund: the function choosing the targets failed (") and "scroe" in said
    assert said.endswith("the allocation frame's columns are application_id, applicant, credit_code, district, "
                         "clause, score, entitlement, allocated, status, reason")
    assert isinstance(caught.value.__cause__, (AttributeError, KeyError))


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



@pytest.fixture(scope="module")
def any_award(apps: optimizer.Applications) -> BudgetGoal:
    """The planner's question with any award counting: one target costs most of the budget."""
    return min_budget(apps, SCENARIO, fund=lambda row: row.score >= 85 and row.entitlement > 0, full=False)


def test_the_few_targets_that_set_the_budget_are_named_with_the_budget_without_them(
        apps: optimizer.Applications, any_award: BudgetGoal) -> None:
    """2026-0245 (clause 3, in the full AI envelope) gets the envelope's leftover only at some budgets: it alone
    sets 33136万; the other 90 reachable targets need 18364万, and 18363万 does not fund them all."""
    goal = any_award
    assert (goal.budget, goal.setting, goal.without, goal.bisected) == (331_360_000, ("2026-0245",), 183_640_000, None)
    assert "; 2026-0245 alone sets it: 18364万 without it; " in repr(goal)
    rest = tuple(i for i in goal.reachable if i not in goal.setting)
    assert len(rest) == 90
    assert funded(optimizer.allocate(apps, SCENARIO, budget="18364万"), rest, full=False) == set(rest)
    assert funded(optimizer.allocate(apps, SCENARIO, budget="18363万"), rest, full=False) != set(rest)
    less = optimizer.allocate(apps, SCENARIO, budget="33135万")
    assert set(goal.reachable) - funded(less, goal.reachable, full=False) == {"2026-0245"}
    frame = goal.to_frame().set_index("application_id")
    assert frame.index[frame["sets_budget"]].tolist() == ["2026-0245"]
    assert frame.loc["2026-0245", ["status", "allocated"]].tolist() == ["PARTIAL", 900_000]


def test_a_high_budget_given_says_within_it_and_warns_of_targets_only_the_budget_holds(
        apps: optimizer.Applications) -> None:
    goal = min_budget(apps, SCENARIO, fund=lambda row: row.score >= 85 and row.entitlement > 0, high="1亿")
    assert goal.high_given and goal.high == 100_000_000
    assert repr(goal) == ("<BudgetGoal 9995万 funds 27 of 95 targets; 66 not funded at 1亿 nor at any of the 39 "
                          "budgets solved, 2 funded only at other budgets; 2026-0177 funded at 9993万 (found while "
                          "searching, not the least); 2026-0232 funded at 9980万 (found while searching, not the "
                          "least); no budget solved funds all 29 funded anywhere together; 2026-0063, 2026-0374 set "
                          "it: 9931万 without them; 41 solves; least found by bisection, not proven: smaller budgets "
                          "not all tried; 1 warning>")
    [warning] = goal.warnings
    assert warning.text("en") == ("high: warning: 60 target(s) (2026-0006, 2026-0010, 2026-0012, 2026-0022, "
                                  "2026-0030, …) not funded at 1亿 only because the budget (or a district's or an "
                                  "envelope's share of it) runs out there, nor at any budget solved below it: a larger "
                                  "budget, or a smaller one not solved, may fund them")  # not 2026-0177, 2026-0232
    held = goal.to_frame(lang="en").set_index("application_id").loc["2026-0022", "reason_at_high"]
    assert "the budget ran out at the funding line" in held
    assert min_budget(apps, SCENARIO, fund=["2026-0001"]).warnings == ()  # the default high: money never holds


class Swaps(BudgetSearch):
    """A search whose budgets fund the goal as `funding` says (in steps of 1 yuan), solving nothing."""

    def __init__(self, funding: set[int], top: int) -> None:
        super().__init__((), (), POLICY, optimizer.load_scenario({}, budget="1亿"), Any, solver="highs", step=1,
                         full=True, spent=0)
        self.funding, self.top, self.entitled = funding, top, {"A": 1}

    def solve(self, budget: int) -> Any:
        self.spend()
        self.counted()
        self.tried[budget] = frozenset({"A"} if budget in self.funding else ())

    def refused(self, budget: int) -> bool:
        return False


def test_when_not_monotone_budgets_below_are_probed_and_a_smaller_one_that_funds_the_goal_is_taken() -> None:
    """Funded at 5 and from 9 but not at 11: the bisection from 0 to 16 finds 9 (8, 12, 10, 9); 11 is a gap above
    it (10, 11, 13 solved), so 8, 7, 5 and 1 are probed below, and every 2 (9 and 10 fund it, 11 not: a stretch of 2)
    from 7 down; 5 funds the goal, and 3 and 4, solved, do not. Above 5 it is 6 and 7 that fund fewer (9, 13 and 16
    do fund it)."""
    search = Swaps({5, 9, 10, 12, 13, 14, 15, 16}, 16)
    search.tried[16] = frozenset({"A"})
    assert search.least_probed(["A"], ["A"]) == Probed(5, 9, (6, 7), exhausted=False)
    assert sorted(search.tried) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16] and search.solves == 13
    assert search.windows(5, ["A"]) == ((5, 5), (9, 10), (12, 16))
    monotone = Swaps(set(range(9, 17)), 16)
    monotone.tried[16] = frozenset({"A"})
    assert monotone.least_probed(["A"], ["A"]) == Probed(9, None, (), exhausted=False)
    assert 7 not in monotone.tried  # nothing probed below when every larger budget funds the goal


# windows of funding 5 wide every 50 (6…10, 56…60, …, 256…260), as whole awards of 50 fit (a planner's review: 2026's
# goal of three targets funded at 12768万–12772万, 12818万–12822万, …), and every budget from 300 up
LADDER = {budget for start in range(6, 257, 50) for budget in range(start, start + 5)} | set(range(300, 513))


def test_a_narrow_window_the_doubling_distances_miss_is_found_by_the_spaced_probes() -> None:
    """The bisection from 0 to 512 finds 256 (its first budget, 256, funds the goal; 128, 192, …, 255 do not); 264 is
    a gap above it. Below it the doubling distances (255, 254, 252, 248, 240, 224, 192, 128) miss every window — the
    search stopped at 256 before. Solved every 5 below 256 (256…260 fund it: a stretch of 5), 206 funds it, then 156,
    106, 56 and 6: the least, which the next round, at the same spacing, finds nothing below."""
    search = Swaps(LADDER, top=512)
    search.funded(512)
    assert search.least_probed(("A",), ("A",)) == Probed(6, 256, (14, 22, 38, 70, 134, 262), exhausted=False)
    assert [b for b in range(201, 256, 5) if b in search.tried] == list(range(201, 256, 5))
    assert search.windows(6, ("A",))[:3] == ((6, 10), (56, 56), (106, 106))  # as solved: 57…60 were not
    assert not search.funds(5, ("A",))


def test_the_probing_says_when_it_stopped_at_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """One round of probing allowed: it finds 6 below 256, and 6 has gaps above it, so another round would probe
    below it — the search says it stopped at its limit (it happens to be the least here: that is not known)."""
    monkeypatch.setattr("optimizer.jobs.budget_search.PROBE_ROUNDS", 1)
    search = Swaps(LADDER, top=512)
    search.funded(512)
    assert search.least_probed(("A",), ("A",)) == Probed(6, 256, (14, 22, 38, 70, 134, 262), exhausted=True)
    monkeypatch.setattr("optimizer.jobs.budget_search.FINE_MOST", 3)  # a scan of at most 3 budgets: 251, 246, 241
    capped = Swaps(LADDER, top=512)
    capped.funded(512)
    capped.gaps(256, ("A",))  # 257, 258, 260 fund it, 264 not: a stretch of 5
    assert capped.scan(256, ("A",), 0) and not capped.funds(241, ("A",)) and 236 not in capped.tried


@pytest.fixture(scope="module")
def ladder() -> list[Application]:
    """A small year whose funding goes in windows: seven fixed awards of 50万 (clause 10) scored 90, and the target T
    (clause 4, 40万 asked) scored 80. The scenario funds the 50万 awards first, so T is funded in full only when what
    they leave is 40万 or more: 40万 to 49万, 90万 to 99万, …, and from 390万."""
    fixed = [app(row=i + 2, application_id=f"F{i}", applicant=f"重庆第{i}制造有限公司", clause="10", score=Decimal(90),
                 credit_code=code(i + 1)) for i in range(7)]
    return [*fixed, app(row=9, application_id="T", applicant="重庆目标智造有限公司", clause="4", score=Decimal(80),
                        credit_code=code(8), requested=Decimal(400_000))]


def test_in_a_year_funded_only_in_windows_the_least_window_is_found(ladder: list[Application]) -> None:
    """The bisection finds 340万 (340万 to 348万 fund T; 356万 does not), and the search stopped there before: no
    budget at a doubling distance below it funds T. Solved every 9万 below it (its stretch), 295万 does, and so on down
    the windows to 40万, the least: one precision less leaves T 39万."""
    goal = min_budget(workbook_of(*ladder), scenario_of(), fund=["T"], policy=POLICY)
    assert (goal.budget, goal.bisected, goal.exhausted) == (400_000, 3_400_000, False)
    assert goal.windows[:3] == ((400_000, 480_000), (970_000, 970_000), (1_420_000, 1_420_000))
    assert repr(goal) == ("<BudgetGoal 40万 funds 1 of 1 targets; 0 no budget reaches; 66 solves; not monotone: 4 "
                          "larger budgets fund fewer; least found, not proven: the budgets solved fund it only in "
                          "narrow windows, 40万–48万, 97万, 142万, … (8 in all); the first bisection found 340万>")
    for budget, status in (("40万", Status.FUNDED), ("39万", Status.PARTIAL), ("340万", Status.FUNDED),
                           ("356万", Status.PARTIAL)):
        at = optimizer.allocate(workbook_of(*ladder), scenario_of(), budget=budget, policy=POLICY)
        assert at.awards[-1].status is status, budget


def test_a_target_short_only_by_the_rounding_is_said_not_counted_funded(ladder: list[Application]) -> None:
    """To 100元, with partial awards in multiples of 100元: at 39.99万 T gets 39.99万, 100元 short of its 40万 — not
    funded in full, so 40万 is the least; and said, so that a reader knows 39.99万 nearly does. With a step that
    leaves it short by more than the rounding, nothing is said."""
    year, rounded = workbook_of(*ladder), scenario_of(rounding=100)
    goal = min_budget(year, rounded, fund=["T"], policy=POLICY, precision="100元")
    assert (goal.budget, goal.rounding_short) == (400_000, (("T", 100),))
    assert repr(goal).endswith("; T is 100 yuan short of full funding at 39.99万 (partial awards in multiples of 100 "
                               "yuan)>")
    assert min_budget(year, rounded, fund=["T"], policy=POLICY).rounding_short == ()  # 1万 less: 1万 short

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
    assert goal.bisected is None or (goal.gaps and goal.budget < goal.bisected)
    # the windows of funding: from the budget found up, apart, none holding a gap; exhausted only when not monotone
    assert goal.windows[0][0] == goal.budget and goal.windows[-1][1] <= goal.high
    assert all(low <= high < after for (low, high), (after, _) in zip(goal.windows, goal.windows[1:], strict=False))
    assert not any(low <= gap <= high for gap in goal.gaps for low, high in goal.windows)
    assert not goal.exhausted or goal.gaps
    rounding = scenario.rounding
    for short_id, short in goal.rounding_short:  # in full only; not funded one precision less, but within the unit
        assert full and 0 < short <= rounding and short_id in goal.setting + goal.reachable
        assert short_id not in funded_at(apps, scenario, goal.budget - step, (short_id,), full)
    assert len(goal.setting) <= 3 and (not goal.setting or set(goal.setting) < set(goal.reachable))
    if goal.setting:  # the rest are funded one precision less, and `without` is least for them as `budget` is
        rest = tuple(i for i in goal.reachable if i not in goal.setting)
        assert goal.without is not None and goal.without < goal.budget
        assert not set(goal.setting) & funded_at(apps, scenario, goal.budget - step, goal.setting, full)
        assert funded_at(apps, scenario, goal.without, rest, full) == set(rest)
        assert funded_at(apps, scenario, goal.without - step, rest, full) != set(rest)


def funded_at(apps: list[Application], scenario: Any, budget: int, ids: tuple[str, ...], full: bool) -> set[str]:
    """Those of `ids` allocate funds at `budget`; none where it cannot be solved (below the reserve, a floor)."""
    try:
        return funded(optimizer.allocate(workbook_of(*apps), scenario, budget=f"{budget}元", policy=POLICY), ids,
                      full)
    except (Infeasible, ScenarioError):
        return set()


def test_the_least_budget_the_scenario_can_be_solved_at_is_said_so() -> None:
    """Below 2000万 the base case cannot be solved (500万 reserve, the AI envelope's 1500万 floor): clause 4's
    applications scoring 85 or more are all funded there, and the goal says the floor set it, not they."""
    goal = optimizer.min_budget(SAMPLE, SCENARIO, fund=lambda r: r.score >= 85 and r.clause == "4"
                                and r.entitlement > 0)
    assert (goal.budget, goal.least_solvable, goal.reserve) == (20_000_000, True, 5_000_000)
    assert ("the least budget the scenario can be solved at (its reserve and floors): the targets funded need less"
            in repr(goal))
    assert not optimizer.min_budget(SAMPLE, SCENARIO, fund=["2026-0001"]).least_solvable


def test_a_goal_no_budget_funds_says_no_budget(apps: optimizer.Applications) -> None:
    """An officer's review: a goal of 2026-0245 alone (the AI envelope holds it back at any budget) read as
    "2000万 funds 0 of 1 targets; …: the goal needs less" — a budget that funds nothing."""
    goal = optimizer.min_budget(apps, SCENARIO, fund=["2026-0245"])
    assert goal.reachable == () and repr(goal).startswith(
        "<BudgetGoal no budget found: none of the 1 targets funded (1 no budget reaches); ")
    assert "2000万" not in repr(goal) and "needs less" not in repr(goal)
    asked = optimizer.min_budget(apps, SCENARIO, fund=["2026-0245"], prove=True)  # a planner's review: "not proven"
    assert (asked.proven, asked.nothing_to_prove, asked.proof_solves) == (False, True, 0)
    assert repr(asked).endswith(f"; {asked.solves} solves; no proof made: no target is funded at the high budget, "
                                "nothing to prove>")


def test_a_goal_funded_only_at_budgets_between_says_where_it_was_funded(apps: optimizer.Applications) -> None:
    """A planner's review: 2026-0060 is funded in full from 7292万 to 14506万, not at the high budget, and the repr
    said only that no budget was found — not the budget the search saw fund it."""
    goal = optimizer.min_budget(apps, SCENARIO, fund=["2026-0060"])
    assert goal.elsewhere == (("2026-0060", 101_920_000),)
    assert repr(goal) == ("<BudgetGoal no budget found: none of the 1 targets funded (0 no budget reaches, 1 funded "
                          "only at other budgets); 2026-0060 funded at 10192万 (found while searching, not the "
                          f"least); {goal.solves} solves>")



def test_below_a_budget_found_with_gaps_each_lower_one_found_is_probed_below_in_turn() -> None:
    """Funding A grows with the budget only in windows. The first bisection finds 200 (201 funds it not: a gap);
    probes below find the window 130…137, bisected to 130 (138 a gap); below that 64…70 → 64; below that 30…33 → 30;
    nothing below 30. One round of probing stopped at 130 (a planner's review: "least" only one round deep)."""
    windows = (range(200, 201), range(202, 300), range(130, 138), range(64, 71), range(30, 34))
    search = Swaps({budget for window in windows for budget in window}, top=256)
    search.funded(256)
    probed = search.least_probed(("A",), ("A",))
    assert (probed.found, probed.bisected) == (30, 200) and probed.gaps and all(g > 30 for g in probed.gaps)
    assert not search.funds(29, ("A",))


# ------------------------------------------------------------------------------------------------------- the proof

class Proven(Swaps):
    """A search whose worths are those of a year funding the goal exactly at `funding`: z*(B) = B, and the goal's
    best worth H(B) the greatest budget of `funding` up to B (B itself only where B funds it) — both grow with the
    budget, and H(b) < z*(a) says exactly that no budget from a to b funds it. `weak`: H(B) = B, which settles
    nothing (every budget is allocated)."""

    def __init__(self, funding: set[int], top: int, weak: bool = False) -> None:
        super().__init__(funding, top)
        self.weak = weak

    def worth(self, budget: int) -> float | None:
        if budget not in self.optima:
            self.spend()
            self.counted()
            self.optima[budget] = float(budget)
        return self.optima[budget]

    def worth_held(self, budget: int, goal: Any) -> float | None:
        self.spend()
        self.counted()
        if self.weak:
            return float(budget)
        return float(max((b for b in self.funding if b <= budget), default=-1))


def test_the_proof_settles_every_budget_below_and_finds_the_least_window() -> None:
    """Below 256 (the bisection's answer in LADDER), windows 6…10, 56…60, …, 206…210. Settled highest first: the
    stretch 129…255 splits until 206 is found, then everything below; the least, 6, is proven."""
    search = Proven(LADDER, top=512)
    search.funded(512)
    least = search.least_proven(("A",), 256)
    assert (least.budget, least.proven) == (6, True) and not search.funds(5, ("A",))
    assert {b for b in search.tried if search.funds(b, ("A",))} <= LADDER
    assert search.solves < 200  # a scan would allocate every one of 250 budgets, and bound each


def test_a_proof_whose_worths_settle_nothing_allocates_every_budget_below() -> None:
    """H = z* everywhere (as where the goal's value ties the funding line's): every budget is allocated, highest
    first, and the least window still found."""
    search = Proven(LADDER, top=512, weak=True)
    search.funded(512)
    assert search.least_proven(("A",), 256) == Least(6, settled=1, proven=True)  # settled down to the first budget
    assert set(range(1, 256)) <= set(search.tried)


def test_a_proof_stopped_at_its_limit_says_how_far_down_it_settled() -> None:
    """Allowed 40 solves, the weak proof (its worths settle nothing) allocates 255, 254, … in runs of 1, 2, 4, 8 and
    16 budgets, each after one try of the worths (two solves), and stops at its 40th solve, the 15th of the last
    run: every budget from where it stopped up to 256 was allocated and does not fund A."""
    search = Proven(LADDER, top=512, weak=True)
    search.funded(512)
    least = search.least_proven(("A",), 256, most=40)
    assert (least.budget, least.proven, least.settled) == (256, False, min(b for b in search.tried if b < 256))
    assert (least.settled, search.proof_solves, search.solves) == (226, 40, 41)
    assert all(not search.funds(b, ("A",)) for b in range(least.settled, 256))


class Floored(Proven):
    """A Proven search whose year cannot be solved below `lowest` (a reserve, a floor): there no budget is
    allocated, nor any worth found."""

    def __init__(self, funding: set[int], top: int, lowest: int, weak: bool = False) -> None:
        super().__init__(funding, top, weak)
        self.lowest = lowest

    def solve(self, budget: int) -> Any:
        super().solve(budget)
        if budget < self.lowest:
            self.tried[budget] = None

    def worth(self, budget: int) -> float | None:
        if budget < self.lowest:
            self.optima[budget] = None
            return None
        return super().worth(budget)

    def worth_held(self, budget: int, goal: Any) -> float | None:
        return None if budget < self.lowest else super().worth_held(budget, goal)

    def refused(self, budget: int) -> bool:  # the floors show it before solving
        return budget < self.lowest


def test_a_proof_stopped_with_its_stretch_down_to_the_least_solvable_budget_is_proven() -> None:
    """A planner's review: a proof one solve short of the floor said "least found, not proven; none from 2000万 …",
    2000万 the least budget the scenario can be solved at. The weak proof's 40 solves settle 226 to 255: where 225
    cannot be solved (its floors show it), 256 is proven least; where it can, it is not, as before."""
    floored = Floored(LADDER, top=512, lowest=226, weak=True)
    floored.funded(512)
    assert floored.least_proven(("A",), 256, most=40) == Least(256, settled=226, proven=True)
    assert floored.proof_solves == 40 and 225 not in floored.tried
    open_below = Floored(LADDER, top=512, lowest=225, weak=True)
    open_below.funded(512)
    assert open_below.least_proven(("A",), 256, most=40) == Least(256, settled=226, proven=False)


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(1, 127), max_size=12), st.integers(0, 60), st.booleans(),
       st.one_of(st.none(), st.integers(1, 80)))
def test_on_random_funding_the_proof_finds_the_least_or_says_how_far_it_settled(
        funding: set[int], lowest: int, weak: bool, most: int | None) -> None:
    """Whatever budgets fund A below 128 (which does), whatever the least the year can be solved at, and whether the
    worths settle stretches or nothing: the proof's answer is the least budget that funds A, or — stopped at its limit
    of solves, never beyond it — a budget that funds A, none from `settled` up to it funding A."""
    search = Floored(funding | {128}, top=256, lowest=lowest, weak=weak)
    least = search.least_proven(("A",), 128, most)
    solvable = sorted(b for b in funding | {128} if b >= lowest)
    assert most is None or search.proof_solves <= most
    assert least.budget in solvable
    if least.proven:
        assert least.budget == solvable[0]
    else:
        assert most is not None and search.proof_solves == most and least.settled is not None
        assert least.settled <= least.budget and not [b for b in solvable if least.settled <= b < least.budget]


def test_with_prove_the_least_window_of_a_real_year_is_proven(ladder: list[Application]) -> None:
    """The ladder year (T funded in full at 40万–49万, 90万–99万, …, and from 390万): proven least 40万, where the
    bisection found 340万; the repr says it."""
    goal = min_budget(workbook_of(*ladder), scenario_of(), fund=["T"], policy=POLICY, prove=True)
    assert (goal.budget, goal.proven, goal.settled, goal.bisected) == (400_000, True, None, 3_400_000)
    assert ("; proven least: no smaller multiple of 1万 funds them (the bisection found 340万); not monotone: "
            in repr(goal))
    assert "least found" not in repr(goal)


def test_a_proof_with_a_limit_says_the_budgets_it_settled(apps: optimizer.Applications) -> None:
    """Below the 1.74亿 the bisection finds for 2026-0176 (to 100万), the proof settles the budgets nearest first.
    Allowed 5 solves, it says from where up none funds it; allowed 40, it has found 1.38亿, which funds it, and
    settled nothing below that yet. The limit is the proof's solves, not all: the repr says both."""
    short = min_budget(apps, SCENARIO, fund=["2026-0176"], precision="100万", prove=5)
    assert (short.budget, short.settled, short.solves, short.proof_solves) == (174_000_000, 169_000_000, 24, 5)
    assert ("; 24 solves, 5 of them the proof's; least found, not proven; none from 1.69亿 to 1.73亿 funds them: the "
            "proof stopped at its limit of solves; 2026-0176 is 100 yuan short") in repr(short)
    calls: list[tuple[int, int]] = []
    goal = min_budget(apps, SCENARIO, fund=["2026-0176"], precision="100万", prove=40,
                      progress=lambda solves, proof: calls.append((solves, proof)))
    assert (goal.budget, goal.proven, goal.settled, goal.bisected) == (138_000_000, False, None, 174_000_000)
    assert ("; 63 solves, 40 of them the proof's; least found so far; its proof settled nothing below it: the limit of "
            "solves was reached (the bisection found 1.74亿); ") in repr(goal)  # a planner's review: 1.38亿 "settled"
    # told after every solve, the last the goal's count; the proof's share grows one by one up to its limit
    assert [solves for solves, _ in calls] == list(range(1, goal.solves + 1))
    proofs = [proof for _, proof in calls]
    assert proofs[0] == 0 and proofs[-1] == 40 and {b - a for a, b in pairwise(proofs)} == {0, 1}


def test_progress_without_a_proof_counts_no_proof_solves(ladder: list[Application]) -> None:
    calls: list[tuple[int, int]] = []
    goal = min_budget(workbook_of(*ladder), scenario_of(), fund=["T"], policy=POLICY,
                      progress=lambda solves, proof: calls.append((solves, proof)))
    assert calls == [(n, 0) for n in range(1, goal.solves + 1)] and goal.solves == 66


def test_prove_takes_any_whole_number_numpy_s_too(ladder: list[Application]) -> None:
    """A planner's review: a count computed in pandas, np.int64(3), was refused. The limit is the proof's solves:
    the repr says how many of all they are."""
    import numpy as np
    year = workbook_of(*ladder)
    goal = min_budget(year, scenario_of(), fund=["F3", "T"], policy=POLICY, prove=np.int64(3))
    assert repr(goal) == repr(min_budget(year, scenario_of(), fund=["F3", "T"], policy=POLICY, prove=3))
    assert (goal.proof_solves, goal.proven) == (3, False)
    assert f"; {goal.solves} solves, 3 of them the proof's; least found, not proven" in repr(goal)


@pytest.mark.parametrize("prove", [0, -3, 2.5, "yes", None])
def test_prove_is_true_false_or_a_number_of_solves(ladder: list[Application], prove: Any) -> None:
    with pytest.raises(InputError) as caught:
        min_budget(workbook_of(*ladder), scenario_of(), fund=["T"], policy=POLICY, prove=prove)
    assert str(caught.value).endswith("prove must be True, False or a whole number of at least 1 (the most solves "
                                      f"the proof may take), not {prove!r}")


def test_the_proof_finds_a_window_on_the_sample_the_probing_missed(apps: optimizer.Applications) -> None:
    """A planner's review: 2026-0176 in full, to 100万, the bisection finds 1.74亿; 1.31亿 funds it too, and no
    smaller budget does (every 100万 from 2000万 checked by the proof)."""
    goal = min_budget(apps, SCENARIO, fund=["2026-0176"], precision="100万", prove=True)
    assert (goal.budget, goal.bisected, goal.proven) == (131_000_000, 174_000_000, True)
    for budget, status in (("1.3亿", Status.PARTIAL), ("1.31亿", Status.FUNDED)):
        at = optimizer.allocate(apps, SCENARIO, budget=budget)
        assert next(a for a in at.awards if a.application_id == "2026-0176").status is status


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_on_random_years_a_proven_budget_is_the_least_of_every_budget_below(
        instance: tuple[list[Application], dict[str, Any]], data: st.DataObject) -> None:
    """Whatever the year: with prove=True the budget is proven least, and every multiple of the precision below it,
    allocated, leaves a reachable target unfunded; so for `without`. The precision keeps the budgets to some 30."""
    apps, settings_ = instance
    scenario = scenario_of(**settings_)
    chosen = data.draw(st.lists(st.sampled_from([a.application_id for a in apps]), min_size=1, unique=True))
    full = data.draw(st.booleans())
    demand = sum(POLICY.clause(a.clause).maximum or 0 for a in apps)
    step = max(10_000, demand // 30 // 10_000 * 10_000)
    try:
        goal = min_budget(workbook_of(*apps), scenario, fund=chosen, precision=f"{step}元", full=full,
                          policy=POLICY, prove=True)
    except Infeasible:
        return
    assert goal.proven == bool(goal.reachable) and goal.settled is None
    if goal.reachable:
        below = [b for b in range(0, goal.budget, step)
                 if funded_at(apps, scenario, b, goal.reachable, full) == set(goal.reachable)]
        assert below == [], below
    if goal.without is not None:
        rest = tuple(i for i in goal.reachable if i not in goal.setting)
        assert not [b for b in range(0, goal.without, step) if funded_at(apps, scenario, b, rest, full) == set(rest)]
