"""plan_years: a two-year total split between the years (docs/planning.md, How to split two years' money?) — the
second year counting the first's awards in memory exactly as the ledger counts them once published."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, code, row

import optimizer
from optimizer import Infeasible, InputError, Status
from optimizer.jobs.plan import plan_years, read_tolerance, valued
from optimizer.jobs.year_plan import Split, YearPlan

DATA = ROOT / "data"
Y2026 = (DATA / "sample_applications.xlsx", DATA / "scenario_2026.toml")
Y2027 = (DATA / "sample_applications_2027.xlsx", DATA / "scenario_2027.toml")
OTHER_POLICY = "市级技术改造专项（2026年度）"


@pytest.fixture(scope="module")
def plan() -> YearPlan:
    with optimizer.use_lang("en"):
        return plan_years(Y2026, Y2027, "3.2亿", splits=["2.2亿", "1.8亿", "2亿", "20000万"], workers=1)


def test_the_second_year_counts_the_first_as_publishing_it_would(tmp_path: Path) -> None:
    """The long way — a ledger, the first year allocated, written and published into it, the second allocated with
    it — gives the very allocation the plan makes in memory, reasons, bases and limits included."""
    before = tmp_path / "before.sqlite"
    optimizer.init_ledger(before)
    optimizer.import_awards(before, DATA / "awards_other_policy_2026.xlsx", OTHER_POLICY)
    ledger = tmp_path / "ledger.sqlite"
    shutil.copy(before, ledger)
    tighter = optimizer.load_scenario(Y2027[1], applicants={"max_period_total": "500万"})  # some caps bind
    first = optimizer.allocate(*Y2026, budget="1.9亿", ledger=ledger)
    first.write(tmp_path / "2026")
    optimizer.publish(tmp_path / "2026", ledger)
    second = optimizer.allocate(Y2027[0], tighter, budget="1.3亿", ledger=ledger)

    split = plan_years(Y2026, (Y2027[0], tighter), "3.2亿", splits="1.9亿", ledger=before, workers=1).split("1.9亿")
    assert split.first is not None and split.second is not None
    assert split.first.awards == first.awards and split.first.objective == first.objective
    assert split.second.awards == second.awards and split.second.constraints == second.constraints
    assert split.second.objective == second.objective
    assert split.second.to_frame().equals(second.to_frame())
    assert split.second.to_frame("en").equals(second.to_frame("en"))
    assert len(split.period_caps) == 3 and split.second_budget == 130_000_000


def test_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plan_years(Y2026, Y2027, "3.2亿", splits="2亿", workers=1)
    assert list(tmp_path.iterdir()) == []


def test_the_splits_are_named_as_amounts_sorted_each_once(plan: YearPlan) -> None:
    assert [(s.first_budget, s.second_budget) for s in plan.splits] == [
        (180_000_000, 140_000_000), (200_000_000, 120_000_000), (220_000_000, 100_000_000)]
    ranged = plan_years(Y2026, Y2027, "3.2亿", start="1.4亿", stop="1.65亿", step="1000万", workers=1)
    assert [s.first_budget for s in ranged.splits] == [140_000_000, 150_000_000, 160_000_000, 165_000_000]
    assert plan.split("2亿") is plan.splits[1]
    with pytest.raises(InputError) as caught:
        plan.split("1.9亿")
    assert str(caught.value) == ("first_budget: the plan has no split with 1.9亿 in the first year; its first-year "
                                 "budgets are 1.8亿, 2亿, 2.2亿")


def test_the_best_split_is_valued_highest_under_common_weights(plan: YearPlan) -> None:
    frame = plan.to_frame("en")
    assert frame["best"].tolist() == [False, True, False]
    assert plan.best is plan.splits[1]
    assert frame.loc[1, "valued"] == max(frame["valued"])
    for split in plan.splits:  # valued under the first year's weights by default: its own objective
        assert split.first is not None and split.second is not None and split.valued is not None
        assert split.valued_first == split.first.objective
        assert split.valued == split.first.objective + valued(split.second, plan.first)
    assert list(frame.columns[:4]) == ["first_budget", "second_budget", "valued", "valued_first"]
    assert frame.loc[1, ["allocated_first", "allocated_second", "funded_first", "funded_second"]].tolist() == [
        194_999_910, 116_999_960, 123, 80]
    assert frame.loc[1, "marginal_first"] == 83.6
    step = (plan.splits[2].valued or 0) - (plan.splits[1].valued or 0)
    assert frame.loc[1, "valued_step"] == pytest.approx(float(step / 20_000_000))
    assert repr(plan) == ("<YearPlan 2026 + 2027, 3.2亿 in all: 3 splits, 1.8亿 to 2.2亿 in 2026; best 2亿 + 1.2亿, "
                          "valued 29350716259; near best (within what 10万 more of 2026's budget buys): 2亿 only, the "
                          "nearest other split 2000万 away: try a finer step; 6 warnings>")
    assert repr(plan.best) == ("<Split 2亿 + 1.2亿: valued 29350716259; allocated 194,999,910 + 116,999,960 yuan; "
                               "funded 123 + 80; 0 period caps binding (0 with earlier awards)>")


def test_of_equal_values_the_smaller_first_year_is_best() -> None:
    scenario = optimizer.load_scenario(None, budget="1亿")
    splits = tuple(Split(b, 100 - b, None, None, Decimal(5), Decimal(5)) for b in (30, 20, 40))
    assert YearPlan(100, scenario, scenario, scenario, splits).best is splits[1]
    assert YearPlan(100, scenario, scenario, scenario, (*splits[:1], Split(60, 40, None, None))).best is splits[0]


def test_value_under_another_scenario() -> None:
    by_2027 = plan_years(Y2026, Y2027, "3.2亿", splits="2亿", value_under=Y2027[1], workers=1).splits[0]
    plain = plan_years(Y2026, Y2027, "3.2亿", splits="2亿", value_under={"name": "plain"}, workers=1).splits[0]
    assert by_2027.second is not None and plain.first is not None and plain.second is not None
    assert by_2027.valued_second == by_2027.second.objective
    assert plain.valued == sum(Decimal(a.score) * a.allocated for year in (plain.first, plain.second)
                               for a in year.awards)


def test_a_plan_of_one_split_marks_no_best_nor_distance_from_it() -> None:
    """An officer's review: plan.xlsx of one split said 最优 是, 效果基本相同 是 and 与最优的差距 0, beside `无从比较`.
    The frame leaves those empty (plan.csv keeps the columns, their cells empty); the plan still has its split."""
    plan = plan_years(Y2026, Y2027, "3.2亿", splits="2亿", workers=1)
    frame = plan.to_frame("en")
    assert plan.single and plan.best is plan.splits[0] and frame["valued"].notna().tolist() == [True]
    for column in ("best", "near_best", "below_best", "below_best_in_budget"):
        assert frame[column].isna().tolist() == [True], column
    written = frame.to_csv(index=False, lineterminator="\r\n").splitlines()
    assert written[1].endswith(",,,")  # period_caps (none bind), best, near_best: empty; the note empty too
    assert written[0].endswith("period_caps,best,near_best,note")


def test_a_split_that_cannot_be_solved_is_kept_with_its_note() -> None:
    plan = plan_years(Y2026, Y2027, "3.2亿", splits="300万,2亿,3.2亿", workers=1)
    frame = plan.to_frame("en")
    assert [s.solved for s in plan.splits] == [False, True, False]
    assert frame.loc[0, "note"] == ("2026: reserve 500万 is above the budget 300万; 2027 not solved: it counts "
                                    "2026's awards")
    assert plan.splits[2].first is not None and frame.loc[2, "note"] == "2027: reserve 300万 is above the budget 0 yuan"
    assert frame.loc[1, "note"] == "" and frame["best"].tolist() == [False, True, False]
    assert frame["valued"].isna().tolist() == [True, False, True]
    assert "预留" in plan.to_frame().loc[0, "note"]



def test_when_no_split_can_be_solved_infeasible_names_each_ones_conflicts() -> None:
    floor = optimizer.load_scenario(Y2027[1], envelopes=[{"name": "AI", "clauses": ["3", "4", "5", "6"], "min": "1亿"}])
    with pytest.raises(Infeasible) as caught:
        plan_years(Y2026, (Y2027[0], floor), "3.2亿", splits="2亿,2.1亿", workers=1)
    assert [c.split(": envelope")[0] for c in caught.value.conflicts] == [
        "with 2亿 in the first year: 2027", "with 2.1亿 in the first year: 2027"]


def _year(ids: str, day: date, content: str, **more: Any) -> list[dict[str, Any]]:
    """One applicant's advanced smart factory (7b: 10% of 4000万, at most 300万), and another's."""
    return [row(application_id=f"{ids}-1", credit_code=code(1), content_key=content, submitted_on=day, **more),
            row(application_id=f"{ids}-2", credit_code=code(2), applicant="重庆嘉陵智造有限公司", score=80,
                content_key=content, submitted_on=day, **more)]


def test_a_period_cap_counts_the_first_years_awards() -> None:
    first = (_year("A", date(2026, 3, 1), "一号工厂"), {"name": "2026", "year": 2026})
    second = (_year("B", date(2027, 3, 1), "二号工厂"),
              {"name": "2027", "year": 2027, "applicants": {"max_period_total": "400万"}})
    plan = plan_years(first, second, "2000万", splits="300万,600万", workers=1)
    low, high = plan.splits
    assert high.second is not None and [a.allocated for a in high.second.awards] == [1_000_000, 1_000_000]
    assert [(c.label, c.earlier, c.limit) for c in high.period_caps] == [(code(1), 3_000_000, 1_000_000),
                                                                       (code(2), 3_000_000, 1_000_000)]
    assert low.second is not None and [a.allocated for a in low.second.awards] == [1_000_000, 3_000_000]
    frame = plan.to_frame("en")
    assert frame["period_caps_binding"].tolist() == [1, 2] and frame["period_caps_carried"].tolist() == [1, 2]
    assert frame.loc[0, "period_caps"] == "重庆长江智造有限公司 (300万 earlier)"  # 2026 funded the higher score
    assert plan.to_frame().loc[0, "period_caps"] == "重庆长江智造有限公司（此前已获300万元）"
    assert low.second.count(Status.PARTIAL) == 1


def test_workers_do_not_change_the_plan(plan: YearPlan) -> None:
    parallel = plan_years(Y2026, Y2027, "3.2亿", splits="1.8亿,2亿,2.2亿", workers=2)
    assert parallel.to_frame().equals(plan.to_frame())
    def solved(p: YearPlan) -> list[Any]:
        return [(s.first.awards, s.second.awards, s.second.constraints) for s in p.splits if s.first and s.second]

    assert solved(parallel) == solved(plan)


def _refused(*args: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(InputError) as caught:
        plan_years(*args, **{"workers": 1, **kwargs})
    return [problem.text() for problem in caught.value.problems]


def test_mistakes_are_refused_all_at_once() -> None:
    assert _refused(Y2026, Y2027, "3.2", splits=["3000", "3.5亿", "-1亿"]) == [
        "total: 3.2 is a very small budget — did you mean 3.2万? Write 3.2元 to mean yuan",
        "splits: 3000 is a very small budget — did you mean 3000万? Write 3000元 to mean yuan",
        "splits: -1亿 is negative",
    ]
    assert _refused(Y2026, Y2027, "3.2亿", splits="2亿,3.5亿,4亿") == [
        "splits: a first year's budget cannot be above the two years' total 3.2亿: 3.5亿, 4亿"]
    assert _refused(Y2026, Y2026, "3.2亿", splits="2亿") == [
        "second: both scenarios are of 2026: the second year's must be a later year"]
    assert _refused(Y2027, Y2026, "3.2亿", splits="2亿") == [
        "second: the second year's scenario (2026) is before the first year's (2027): give the years in order"]
    assert _refused(Y2026, Y2027, "3.2亿", splits="2亿", tolerance="-10万") == ["tolerance: -10万 is negative"]
    assert _refused(Y2026, "data/scenario_2027.toml", "3.2亿", step="1000万", splits="2亿", workers=0) == [
        "splits: give either splits or start, stop and step, not both",
        "workers: workers must be a whole number of at least 1 (or None: one per core), not 0",
        "second: must be one year's pair (applications, scenario), e.g. (\"applications_2026.xlsx\", "
        "\"scenario_2026.toml\"), not str",
    ]


def test_what_the_splits_must_be() -> None:
    assert _refused(Y2026, Y2027, "3.2亿") == ["splits: give the first year's budgets: splits, or step (with start "
                                               "and stop)"]
    assert _refused(Y2026, Y2027, "3.2亿", start="1亿") == [
        "splits: start or stop is given without step (between one split's first-year budget and the next)"]
    assert _refused(Y2026, Y2027, "3.2亿", start="2亿", stop="1亿", step="0元") == [
        "step: step must be more than 0"]
    assert _refused(Y2026, Y2027, "3.2亿", start="2亿", stop="1亿", step="1000万") == [
        "stop: stop 1亿 is below start 2亿"]
    assert _refused(Y2026, Y2027, "3.2亿", step="10000元") == ["step: a plan solves at most 10000 splits, not 32001"]
    assert _refused(Y2026, Y2027, "3.2亿", splits={"a": 1}) == [
        "splits: dict is no first-year budgets: give a list of amounts, e.g. [\"1.4亿\", \"1.5亿\"], or one text "
        "\"1.4亿,1.5亿\""]


def test_a_scenario_without_a_year_and_the_inputs_own_mistakes() -> None:
    no_year = (Y2027[0], {"name": "no year"})
    problems = _refused(Y2026, no_year, "3.2亿", splits="2亿", solver="glpk")
    assert problems == ["solver: the solver must be one of highs, cbc, auto, not 'glpk'",
                        "second: the second year's scenario has no year: set year in it"]
    assert _refused(Y2026, no_year, "3.2亿", splits="2亿") == [
        "second: the second year's scenario has no year: set year in it"]


def test_a_years_allocation_is_not_written_as_a_run(plan: YearPlan, tmp_path: Path) -> None:
    """A split's year has no inputs of its own that verify could re-run: writing it is refused in a sentence, not an
    assertion of run_facts."""
    first = plan.splits[0].first
    assert first is not None
    with pytest.raises(InputError) as caught:
        first.write(tmp_path / "year")
    assert str(caught.value) == (
        f"{tmp_path / 'year'}: this allocation is one year of a calculation (a split of plan_years), not a run that "
        "can be verified, and is not written: allocate that year at its budget to write it")
    assert not (tmp_path / "year").exists()


def test_one_split_below_a_years_reserve_is_said_as_in_company() -> None:
    """Alone, it was a ScenarioError (the scenario was checked at that split); among others, a note. Now the scenario is
    checked at the total, and a split no year can be solved at is Infeasible naming it."""
    with pytest.raises(Infeasible) as caught:
        plan_years(Y2026, Y2027, "3.2亿", splits="3.19亿", workers=1)
    assert caught.value.conflicts == ("with 3.19亿 in the first year: 2027: reserve 300万 is above the budget 100万",)


@pytest.mark.parametrize(("given", "year"), [("second", 2027), (2027, 2027), ("first", 2026), (2026, 2026)])
def test_value_under_names_a_year(given: object, year: int) -> None:
    """As compare takes a side ("a", "b"), the plan takes a year: "first", "second" or the year itself."""
    plan = plan_years(Y2026, Y2027, "3.2亿", splits="2亿", value_under=given, workers=1)  # type: ignore[arg-type]
    assert plan.value_under.year == year
    # under 2027's weights the margin (2026's marginal value, in 2026's weights) is rough, and the repr says so
    assert plan.rough == (year == 2027)
    assert repr(plan).startswith("<YearPlan 2026 + 2027, 3.2亿 in all: 1 split, 2亿 in 2026; best 2亿 + 1.2亿")
    assert repr(plan).endswith("near best (within what 10万 more of 2026's budget buys"
                               f"{', roughly: valued under other weights' if year == 2027 else ''}): 2亿 only; "
                               "6 warnings>")
    split = plan.splits[0]
    own = split.second if year == 2027 else split.first
    assert own is not None and (split.valued_second if year == 2027 else split.valued_first) == own.objective


def test_value_under_a_year_of_neither(plan: YearPlan) -> None:
    with pytest.raises(InputError) as caught:
        plan_years(Y2026, Y2027, "3.2亿", splits="2亿", value_under=2028, workers=1)
    assert str(caught.value) == ("value_under: 2028 is neither year of the plan (2026, 2027): give \"first\", "
                                 "\"second\", one of the years, or a scenario")


def test_the_frame_says_what_a_year_leaves_unspent_and_how_far_from_the_best(plan: YearPlan) -> None:
    frame = plan.to_frame()
    for _, line in frame.iterrows():
        split = plan.split(int(line["first_budget"]))
        assert split.first is not None and split.second is not None
        assert line["unspent_second"] == split.second.available - split.second.allocated
        assert line["available_first"] == split.first.available
        assert plan.best is not None and plan.best.valued is not None and split.valued is not None
        assert line["below_best"] == round(plan.best.valued - split.valued)
    assert frame["valued"].dtype == "Int64" and frame.loc[frame["best"], "below_best"].tolist() == [0]


def test_the_splits_near_the_best_are_a_band_of_first_year_budgets() -> None:
    """At 100万 steps the best is 2.03亿, at 2.04亿 2,181,529 less, at 1.98亿 7,681,907 less, at 1.97亿 9,881,907 less
    and at 2.05亿 10,103,949 less: within what 10万 of 2026's budget buys at the best split's funding line (83.3 a
    yuan: 8,330,000) lie 1.98亿 to 2.04亿. What a planner tells leadership: anything in that band is as good."""
    plan = plan_years(Y2026, Y2027, "3.2亿", splits="1.97亿,1.98亿,2.03亿,2.04亿,2.05亿", workers=1)
    assert plan.best is not None and plan.best.first_budget == 203_000_000
    assert plan.tolerance == 100_000 and plan.near_margin == Decimal("8330000")
    assert plan.near_best == (198_000_000, 204_000_000)
    frame = plan.to_frame()
    assert frame["below_best"].tolist() == [9_881_907, 7_681_907, 0, 2_181_529, 10_103_949]
    # the page's 折合 column: the distance in 2026's budget at the best split's funding line, 9,881,907 ÷ 83.3
    assert frame["below_best_in_budget"].tolist() == [118_630, 92_220, 0, 26_189, 121_296]
    assert plan.below_best_in_budget(plan.splits[0]) == 118_630 and plan.marginal == Decimal("83.3")
    assert frame["near_best"].tolist() == [False, True, True, True, False]
    assert repr(plan).endswith("; best 2.03亿 + 1.17亿, valued 29354637486; near best (within what 10万 more of 2026's "
                               "budget buys): 1.98亿 to 2.04亿 (its ends to within 100万); 6 warnings>")
    assert plan.ends_within == (1_000_000, 1_000_000) and plan.coarse_ends == (None, None)
    assert plan.band_at_edge is None and plan.best_at_edge is None and not plan.band_limited_by_step
    # the tolerance as the plan gives it back: an int is yuan, not a budget of 10万 yuan asked about as 10亿
    narrow = plan_years(Y2026, Y2027, "3.2亿", splits="1.98亿,2.03亿,2.04亿", tolerance=50_000, workers=1)
    assert narrow.tolerance == 50_000 and narrow.near_best == (203_000_000, 204_000_000)
    assert ("; near best (within what 5万 more of 2026's budget buys): 2.03亿 to 2.04亿 (its low end to within "
            "500万); the band reaches the highest split tried: it may go on above;") in repr(narrow)
    alone = YearPlan(plan.total, plan.first, plan.second, plan.value_under, plan.splits, tolerance=0)
    assert alone.near_best == (203_000_000, 203_000_000)
    assert ("near best (within what 0 yuan more of 2026's budget buys): 2.03亿 only, the nearest other split 100万 "
            "away: try a finer step>") in repr(alone)


def test_no_split_solved_has_no_band() -> None:
    scenario = optimizer.load_scenario(None, budget="1亿")
    plan = YearPlan(100, scenario, scenario, scenario, (Split(60, 40, None, None),))
    assert plan.near_best is None and plan.near_margin is None and not plan.is_near_best(plan.splits[0])
    assert "near best" not in repr(plan)


# ---------------------------------------------------------------- the first answer an answer: refining around the best


@pytest.fixture(scope="module")
def refined() -> YearPlan:
    """1.6亿 to 2.2亿 in 1000万 steps, then 100万 steps between the splits beside the best (2亿): 7 + 18 splits."""
    with optimizer.use_lang("en"):
        return plan_years(Y2026, Y2027, "3.2亿", start="1.6亿", stop="2.2亿", step="1000万", refine="100万", workers=1)


def test_refine_tries_finer_splits_around_the_best_and_gives_the_band_at_once(refined: YearPlan,
                                                                              plan: YearPlan) -> None:
    """A planner's review: at 1000万 steps the band was "2亿 only" and the best the wrong one; refined, the same call
    finds 2.03亿 and the band 1.98亿 to 2.04亿."""
    coarse = [160_000_000, 170_000_000, 180_000_000, 200_000_000, 210_000_000, 220_000_000]
    fine = [190_000_000 + n * 1_000_000 for n in range(1, 20) if n != 10]
    assert [s.first_budget for s in refined.splits] == sorted([*coarse, 190_000_000, *fine])
    assert refined.refine == 1_000_000 and len(refined.splits) == 25
    assert refined.best is not None and refined.best.first_budget == 203_000_000
    assert refined.near_best == (198_000_000, 204_000_000) and not refined.band_limited_by_step
    assert repr(refined) == ("<YearPlan 2026 + 2027, 3.2亿 in all: 25 splits, 1.6亿 to 2.2亿 in 2026 (100万 apart "
                             "from 1.9亿 to 2.1亿); best 2.03亿 + 1.17亿, valued 29354637486; near best (within what "
                             "10万 more of 2026's budget buys): 1.98亿 to 2.04亿 (its ends to within 100万); "
                             "6 warnings>")
    # the band's ends, 100万 from the next splits tried, lie within the finer splits: no need to go further out
    assert refined.refined == (190_000_000, 210_000_000) and refined.widened == 0
    # a split solved in both is the same split: refining changes nothing of the splits asked
    for split in plan.splits:
        assert refined.split(split.first_budget).valued == split.valued
    assert plan.refine == 0 and len(plan.splits) == 3  # not asked for: not refined


def test_refining_reports_its_progress_to_the_last_split() -> None:
    seen: list[tuple[int, int]] = []
    found = plan_years(Y2026, Y2027, "3.2亿", splits="2亿,2.2亿", refine="500万", workers=1,
                       progress=lambda done, total: seen.append((done, total)))
    assert [s.first_budget for s in found.splits] == [200_000_000, 205_000_000, 210_000_000, 215_000_000, 220_000_000]
    assert [done for done, _ in seen] == [1, 2, 3, 4, 5] and seen[-1] == (5, 5)


@pytest.fixture(scope="module")
def widened() -> YearPlan:
    """1.97亿 to 2.05亿 in 100万 steps, refined at 10万: first between 2.02亿 and 2.04亿, beside the best (2.03亿);
    the band then reaches 1.98亿 and 2.04亿, each 100万 from the next split tried — so out to 1.97亿 and 2.05亿."""
    with optimizer.use_lang("en"):
        return plan_years(Y2026, Y2027, "3.2亿", start="1.97亿", stop="2.05亿", step="100万", refine="10万", workers=1)


def test_refine_goes_further_out_where_the_band_runs_on_past_the_finer_splits(widened: YearPlan) -> None:
    """A planner's review: refined at 10万 only between 2.02亿 and 2.04亿, the plan said best 20370万, band 1.98亿 to
    2.04亿 — both band ends splits 100万 apart; a 10万 grid (1.95亿 to 2.05亿, 101 splits) gives best 20420万, valued
    29355417387, and the band 19810万 to 20480万, the best outside the splits refined. Refining now goes out to the
    band's ends, and finds what the grid found, every split valued as the grid valued it."""
    assert widened.refined == (197_000_000, 205_000_000) and widened.widened == 1 and widened.refine == 100_000
    assert [s.first_budget for s in widened.splits] == list(range(197_000_000, 205_000_001, 100_000))
    assert widened.best is not None and widened.best.first_budget == 204_200_000
    assert widened.near_best == (198_100_000, 204_800_000) and widened.marginal == Decimal("83.1")
    assert widened.coarse_ends == (None, None) and widened.band_edge_gaps == (100_000, 100_000)
    grid = {204_200_000: 29355417387, 204_100_000: 29355371987, 203_700_000: 29355166466,
            203_600_000: 29355119346, 203_500_000: 29355039397, 203_400_000: 29354989397}  # the planner's top six
    assert {b: widened.split(b).valued for b in grid} == grid
    # its amounts said in 亿 to as many places as they take, as the app's pages say them (not 20420万 + 11580万)
    assert repr(widened) == ("<YearPlan 2026 + 2027, 3.2亿 in all: 81 splits, 1.97亿 to 2.05亿 in 2026 (10万 apart "
                             "from 1.97亿 to 2.05亿); best 2.042亿 + 1.158亿, valued 29355417387; near best (within "
                             "what 10万 more of 2026's budget buys): 1.981亿 to 2.048亿 (its ends to within 10万); "
                             "6 warnings>")
    assert repr(widened.best).startswith("<Split 2.042亿 + 1.158亿: valued 29355417387;")


def test_refine_goes_out_to_a_wider_bands_end() -> None:
    """A planner's review: with a 50万 tolerance the refined plan said 1.9亿 to 2.06亿, its low end 1000万 above the
    next split tried (1.8亿); a 100万 grid gives 1.87亿 (29313404208, within 41,650,000 of the best's 29354637486;
    1.86亿, 29309345148, not)."""
    wider = plan_years(Y2026, Y2027, "3.2亿", start="1.8亿", stop="2.1亿", step="1000万", refine="100万",
                       tolerance="50万", workers=1)
    assert wider.near_best == (187_000_000, 206_000_000) and wider.near_margin == Decimal("41650000.0")
    assert wider.refined == (180_000_000, 210_000_000) and wider.widened == 1 and wider.coarse_ends == (None, None)
    assert (wider.split("1.87亿").valued, wider.split("1.86亿").valued) == (29313404208, 29309345148)
    assert "(100万 apart from 1.8亿 to 2.1亿); best 2.03亿 + 1.17亿" in repr(wider)
    assert "refine around it" not in repr(wider)


def _flat(budget: int) -> Split:
    """A split of a made-up plan of 10,000 yuan whose value is 9 from 4,200 to 9,800 yuan and 1 elsewhere: all
    spent where it is 9 (no funding line: only splits of equal value are near the best)."""
    value = 9 if 4_200 <= budget <= 9_800 else 1
    return Split(budget, 10_000 - budget, None, None, Decimal(value), Decimal(0))


@pytest.mark.parametrize(("most", "stretch", "said"), [
    (4, (4_000, 10_000), "(100 yuan apart from 4,000 yuan to 1万)"),
    (0, (4_000, 6_000), "(100 yuan apart from 4,000 yuan to 6,000 yuan)"),
])
def test_refine_goes_further_out_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch, most: int,
                                                            stretch: tuple[int, int], said: str) -> None:
    """Splits every 1,000 yuan: the best of them 5,000 (of the equals, the lowest), refined at 100 between 4,000 and
    6,000 — the best then 4,200, the band 4,200 to 9,000, 1,000 below the next split (10,000). So out to 10,000,
    the band 4,200 to 9,800; unless widening is spent (WIDEN_MOST), when the high end is said known only to 1,000."""
    from optimizer.jobs import plan as planning

    monkeypatch.setattr(planning, "WIDEN_MOST", most)
    scenario = optimizer.load_scenario({"year": 2026}, budget="1亿")
    asked: list[list[int]] = []

    def solve(budgets: Any, told: Any) -> tuple[Split, ...]:
        asked.append(list(budgets))
        return tuple(_flat(b) for b in budgets)

    coarse = YearPlan(10_000, scenario, scenario, scenario, tuple(_flat(b) for b in range(0, 10_001, 1_000)))
    plan = planning._refined(coarse, 100, solve, None)
    assert asked[0] == [b for b in range(4_100, 6_000, 100) if b != 5_000]
    assert plan.refined == stretch and plan.widened == min(most, 1) and plan.best is not None
    assert plan.best.first_budget == 4_200
    if most:
        assert asked[1] == [b for b in range(6_100, 10_000, 100) if b % 1_000] and len(asked) == 2
        assert plan.near_best == (4_200, 9_800) and plan.coarse_ends == (None, None)
    else:
        assert len(asked) == 1 and plan.near_best == (4_200, 9_000) and plan.coarse_ends == (None, 1_000)
        assert repr(plan).endswith("4,200 yuan to 9,000 yuan (its low end to within 100 yuan; its high end only to "
                                   "within 1,000 yuan: refine around it)>")
    assert said in repr(plan)


def test_what_refine_must_be() -> None:
    assert _refused(Y2026, Y2027, "3.2亿", splits="2亿,2.1亿", refine="0元") == ["refine: refine must be more than 0"]
    assert _refused(Y2026, Y2027, "3.2亿", step="1000万", refine="1元") == [
        "refine: a plan solves at most 10000 splits, not 20000001"]


@pytest.mark.parametrize(("asked", "said", "zh"), [
    ({"splits": "2亿"}, "refine: there is one split only (2亿 in the first year), with nothing around it to refine: "
                        "give at least two splits, or leave refine out",
     "refine：只有一种分法（第一年预算2亿元），其附近没有可细化的范围：请给出至少两种分法，或不给 refine"),
    ({"start": "1.9亿", "stop": "2.1亿", "step": "100万", "refine": "1000万"},
     "refine: refine 1000万 is no finer than the splits asked, at most 100万 apart, and would add none: give a "
     "refine below 100万, or leave it out",
     "refine：refine 1000万元不小于所给分法之间第一年预算之差（最大100万元），细化不出任何分法："
     "请给出小于100万元的 refine，或不给"),
    ({"splits": "1.8亿,2亿,2.05亿", "refine": "2000万"},
     "refine: refine 2000万 is no finer than the splits asked, at most 2000万 apart, and would add none: give a "
     "refine below 2000万, or leave it out",
     "refine：refine 2000万元不小于所给分法之间第一年预算之差（最大2000万元），细化不出任何分法："
     "请给出小于2000万元的 refine，或不给"),
])
def test_a_refine_that_could_add_no_split_is_refused(asked: dict[str, str], said: str, zh: str) -> None:
    """A planner's review: `refine` was dropped without a word on one split, or coarser than the step — plainly a
    mistake (a list of one, a step and a refine swapped), refused as a step of 0 is, in both languages."""
    assert _refused(Y2026, Y2027, "3.2亿", **{"refine": "100万", **asked}) == [said]
    with pytest.raises(InputError) as caught:
        plan_years(Y2026, Y2027, "3.2亿", workers=1, **{"refine": "100万", **asked})
    assert [p.text("zh") for p in caught.value.problems] == [zh]


def test_a_refined_bands_end_the_finer_splits_did_not_reach_is_said(refined: YearPlan) -> None:
    """A planner's review: with a 50万 tolerance the refined plan read "1.9亿 to 2.06亿 … (100万 apart around the
    best)", its low end 1000万 above the next split tried (1.8亿) — a fine grid gives 1.87亿. Refining now goes out
    there (above); where it does not (here, made by hand: the splits refined at 10万 tolerance), the repr says so."""
    wider = YearPlan(refined.total, refined.first, refined.second, refined.value_under, refined.splits,
                     tolerance=500_000, refine=refined.refine, refined=refined.refined)
    assert wider.near_best == (190_000_000, 206_000_000) and wider.band_edge_gaps == (10_000_000, 1_000_000)
    assert repr(wider).endswith("near best (within what 50万 more of 2026's budget buys): 1.9亿 to 2.06亿 (its low "
                                "end only to within 1000万; its high end to within 100万: refine around it)>")
    assert "refine around it" not in repr(refined) and refined.band_edge_gaps == (1_000_000, 1_000_000)


def test_an_end_that_is_none_or_all_of_the_total_has_nothing_beyond() -> None:
    """The best at 0 for the first year, or at the whole total, is at an end of what can be split, not of the splits
    tried. Where the first year's budget is not all spent at the best, only splits of equal value are near it; and
    where the splits beside the best are within the tolerance, a band of one is the top's, not the step's."""
    scenario = optimizer.load_scenario({"year": 2026}, budget="1亿")
    values = {0: 9, 40: 5, 50: 4, 100: 9}
    splits = tuple(Split(b, 100 - b, None, None, Decimal(v), Decimal(0)) for b, v in values.items())
    plan = YearPlan(100, scenario, scenario, scenario, splits)
    assert plan.best is splits[0] and plan.near_best == (0, 100) and plan.near_margin == 0
    assert plan.best_at_edge is None and plan.band_at_edge is None and not plan.band_limited_by_step
    assert "; near best (of equal value: 2026's budget is not all spent at the best): 0 yuan to 100 yuan>" in repr(plan)
    sharp = YearPlan(100, scenario, scenario, scenario, splits[1:3], tolerance=10)
    assert sharp.near_best == (40, 40) and sharp.nearest_other == 10 and not sharp.band_limited_by_step
    assert sharp.best_at_edge == "low"


@pytest.mark.parametrize(("given", "said"), [
    ("10", "tolerance: 10 is very small — did you mean 10万? Write 10元 to mean yuan"),
    ("-10万", "tolerance: -10万 is negative"),
    (-5, "tolerance: -5 is negative"),
    (-5.0, "tolerance: -5 is negative"),
    ("abc", "tolerance: 'abc' is not an amount: write e.g. 10万 or 100000元"),
    (0.5, "tolerance: a tolerance given as a number is yuan, and 0.5 is not whole: write it with its unit (e.g. 10万, "
          "5000元) or as whole yuan (e.g. 100000)"),
    (Decimal("100000.5"), "tolerance: a tolerance given as a number is yuan, and 100000.5 is not whole"),
    (float("nan"), "tolerance: a tolerance given as a number is yuan, and nan is not whole"),
])
def test_a_tolerance_is_yuan_or_carries_its_unit(given: Any, said: str) -> None:
    """A number is yuan — a float too, whole (a planner's review: `plan.tolerance / 2`, 50000.0, was asked about as
    a budget of 50000万) — and one not whole is refused in words that say what to write."""
    import numpy as np

    assert [read_tolerance(v) for v in (100_000, Decimal(100_000), "100000", "100,000", "10万", "0", 50_000.0,
                                        np.int64(100_000), np.float64(100_000))] == [
        100_000, 100_000, 100_000, 100_000, 100_000, 0, 50_000, 100_000, 100_000]
    with pytest.raises(InputError) as caught:
        read_tolerance(given)
    assert caught.value.problems[0].text("en").startswith(said)


def test_a_refine_that_adds_no_split_beside_the_best_says_so() -> None:
    """A planner's review: refine 1000万 was checked against the widest gap (9000万) and accepted, while the splits
    beside the best (2亿) were 1000万 apart: no split was added, and the repr said "(1000万 apart from 1.9亿 to
    2.1亿)". Whether refining adds a split beside the best is known once the splits are solved: `refined` is None,
    and the repr says it added none."""
    plan = plan_years(Y2026, Y2027, "3.2亿", splits="1亿,1.9亿,2亿,2.1亿", refine="1000万", workers=1)
    assert [s.first_budget for s in plan.splits] == [100_000_000, 190_000_000, 200_000_000, 210_000_000]
    assert plan.refine == 10_000_000 and plan.refined is None and plan.widened == 0
    assert repr(plan).startswith("<YearPlan 2026 + 2027, 3.2亿 in all: 4 splits, 1亿 to 2.1亿 in 2026 (refine 1000万 "
                                 "added no split: the splits beside the best are no farther apart); best 2亿 + 1.2亿")
    assert "apart from" not in repr(plan)


def test_a_tolerance_below_1wan_given_as_a_number_is_warned_of() -> None:
    """A planner's review: `tolerance=3000` gave a band within what 3,000 yuan buys, unasked about, while the text
    "3000" is refused as a forgotten 万. A number is yuan (as `plan.tolerance` gives it back, so not refused): a
    warning below 1万; text with its unit, none."""
    plan = plan_years(Y2026, Y2027, "3.2亿", splits="2亿", tolerance=3000, workers=1)
    assert plan.tolerance == 3000 and repr(plan).endswith("; 7 warnings>")
    assert plan.warnings[-1].text("en") == ('tolerance: warning: a number is yuan: the band is within what 3,000 yuan '
                                            'buys — for 3000万, write "3000万"')
    assert plan.warnings[-1].text("zh") == ("tolerance：警告：以数字给出的容差以元计："
                                            "效果基本相同的范围按再增加3,000元所能带来的效果划定；"
                                            "如指3000万，请写作“3000万”")
    said = plan_years(Y2026, Y2027, "3.2亿", splits="2亿", tolerance="3000元", workers=1)
    assert said.tolerance == 3000 and repr(said).endswith("; 6 warnings>")


@pytest.mark.parametrize("given", ["-10万", -5, -5.0, 0.5, "abc", "10"])
def test_a_bad_tolerance_is_one_error_class(given: Any) -> None:
    """A planner's review: a negative tolerance was a ScenarioError, one not whole an InputError."""
    from optimizer.rules.scenario import ScenarioError

    with pytest.raises(InputError) as caught:
        read_tolerance(given)
    assert type(caught.value) is InputError and not isinstance(caught.value, ScenarioError)


def test_the_arguments_are_read_where_they_were() -> None:
    """plan.py's arguments moved to plan_args.py: every name importable as before."""
    from optimizer.jobs import plan as planning
    from optimizer.jobs import plan_args

    assert planning.read_tolerance is plan_args.read_tolerance
    assert optimizer.plan_years is planning.plan_years and optimizer.YearPlan is YearPlan
