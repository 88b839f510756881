"""A year's later round (第二批): the ledger's awards of this policy in the scenario's year count towards every limit
of the year — the budget, each envelope (its max and its min), each district's share, each applicant's and each
group's cap — in the optimiser, its reasons, its outputs, the audit's own reading, sweeps and the command line
(docs/ledger.md, A year's later rounds)."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from clirun import run
from helpers import ROOT, app, code, row, scenario_of, workbook_of, write_rows
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import optimizer
from optimizer.domain import Application, LedgerAward
from optimizer.errors import Infeasible, InputError
from optimizer.jobs.allocate import allocate
from optimizer.jobs.inputs import CountedLedger
from optimizer.reading.allocation_file import parse_allocation_csv
from optimizer.report.allocation_csv import allocation_csv
from optimizer.report.units import amount_text
from optimizer.results import LedgerRef
from optimizer.rules.audit import check_allocation
from optimizer.rules.ledger import PriorAwards, YearSoFar
from optimizer.rules.policy import load_policy
from optimizer.words import use_lang
from optimizer.words.reasons import award_reason

POLICY = load_policy()
THIS = POLICY.number
OTHER = "市级技术改造专项（2026年度）"
DATA = ROOT / "data"


def earlier(amount: int, *, credit_code: str = code(50), clause: str = "7b", district: str = "两江新区",
            group: str | None = None, year: int = 2026, policy: str = THIS, content_key: str | None = None,
            application_id: str | None = "2026-0001") -> LedgerAward:
    """An award of the year's first round, as publish records it."""
    return LedgerAward(policy, year, credit_code, content_key, amount, applicant="第一批企业", group=group,
                       application_id=application_id, district=district, clause=clause, project="智能工厂")


def second(i: int, **overrides: Any) -> Application:
    """A second-round application: a 3,000,000 smart factory (7b at its maximum)."""
    values: dict[str, Any] = {"row": i + 2, "application_id": f"2026-B{i:03d}", "credit_code": code(i + 1),
                              "submitted_on": date(2026, 9, 1), "score": Decimal(90 - i)}
    values.update(overrides)
    return app(**values)


def round_two(apps: list[Application], ledger: list[LedgerAward], **scenario: Any) -> optimizer.Allocation:
    scenario.setdefault("year", 2026)
    return allocate(workbook_of(*apps), scenario_of(**scenario), policy=POLICY,
                    ledger=CountedLedger(PriorAwards(tuple(ledger))))


def paid(result: optimizer.Allocation) -> dict[str, int]:
    return {a.application_id: a.allocated for a in result.awards}


def reason(result: optimizer.Allocation, application_id: str) -> str:
    award = next(a for a in result.awards if a.application_id == application_id)
    return award_reason(award, "zh", "investment")


# --- what the year so far is


def test_the_year_so_far_is_this_policys_awards_of_that_year_as_they_stand() -> None:
    prior = PriorAwards((earlier(1_000_000, clause="3", district="沙坪坝区", group="G"),
                         earlier(2_000_000, credit_code=code(51)),
                         earlier(400_000, year=2027),  # another year
                         earlier(700_000, policy=OTHER, application_id=None),  # another policy
                         LedgerAward("渝经信规范(2026) 2号", 2026, code(52), None, 300_000)),  # imported: no clause
                        (1_500_000, 2_000_000, 400_000, 700_000, 300_000))  # the first one lowered since (核减)
    so_far = prior.year_so_far(THIS, 2026)
    assert so_far == YearSoFar(2026, 3_300_000, 3, {"3": 1_000_000, "7b": 2_000_000},
                               {"两江新区": 2_000_000, "沙坪坝区": 1_000_000},
                               {code(50): 1_000_000, code(51): 2_000_000, code(52): 300_000},
                               {(code(50), "G"): 1_000_000, (code(51), ""): 2_000_000, (code(52), ""): 300_000})
    assert so_far.groups({"G": [], "H": [code(51)]}) == {"G": 1_000_000, "H": 2_000_000}
    assert so_far.clauses(["3", "4", "3"]) == 1_000_000
    assert prior.year_so_far(THIS, None).total == 0  # a scenario of no year has no earlier round
    assert prior.year_so_far(THIS, 2025) == YearSoFar(2025)


# --- each limit of the year counts the earlier rounds


def test_the_budget_left_by_the_first_round_is_all_the_second_can_allocate() -> None:
    apps = [second(i) for i in range(4)]
    alone = round_two(apps, [], budget="1000万")
    assert sum(paid(alone).values()) == 10_000_000
    result = round_two(apps, [earlier(3_500_000), earlier(500_000, credit_code=code(51))], budget="1000万")
    assert paid(result) == {"2026-B000": 3_000_000, "2026-B001": 3_000_000, "2026-B002": 0, "2026-B003": 0}
    assert (result.available, result.so_far.total, result.so_far.awards) == (6_000_000, 4_000_000, 2)
    assert "年度预算已分配完（资助线以下；本年度此前各批已资助4,000,000元，本次可分配6,000,000元）" in \
        reason(result, "2026-B002")
    assert "the budget ran out at the funding line (4,000,000 granted in this year's earlier rounds, 6,000,000 " \
           "available in this one)" in award_reason(result.awards[2], "en", "investment")
    (budget,) = [c for c in result.constraints if c.name == "budget"]
    assert (budget.limit, budget.earlier, budget.used) == (6_000_000, 4_000_000, 6_000_000)


def test_awards_of_another_year_or_another_policy_leave_the_budget_whole() -> None:
    apps = [second(i) for i in range(4)]
    others = [earlier(4_000_000, year=2027), earlier(4_000_000, policy=OTHER, application_id=None)]
    assert sum(paid(round_two(apps, others, budget="1000万")).values()) == 10_000_000


def test_a_revoked_first_round_award_gives_its_money_back_to_the_year() -> None:
    apps = [second(i) for i in range(4)]
    lowered = PriorAwards((earlier(0, application_id="2026-0001"),), (4_000_000,))  # 撤销: it stands at 0
    result = allocate(workbook_of(*apps), scenario_of(budget="1000万", year=2026), policy=POLICY,
                      ledger=CountedLedger(lowered))
    assert (result.so_far.total, sum(paid(result).values())) == (0, 10_000_000)


def test_an_envelope_counts_what_the_first_round_gave_its_clauses() -> None:
    apps = [second(i) for i in range(3)]
    envelope = [{"name": "智能工厂", "clauses": ["7b", "8a"], "max": "700万"}]
    first = [earlier(2_000_000, clause="8a"), earlier(1_000_000, clause="10")]  # 10 is not in the envelope
    result = round_two(apps, first, budget="1亿", envelopes=envelope)
    assert paid(result) == {"2026-B000": 3_000_000, "2026-B001": 2_000_000, "2026-B002": 0}  # 700万 less 200万
    assert "专项额度“智能工厂”已用满（本年度此前各批已用2,000,000元，本次至多5,000,000元）" in \
        reason(result, "2026-B001")


def test_an_envelopes_floor_met_in_part_by_the_first_round_asks_only_the_rest() -> None:
    cheap = app(row=2, application_id="2026-B100", clause="10", credit_code=code(9), submitted_on=date(2026, 9, 1),
                score=Decimal(10))  # a whole award of 50万, worth little: funded only for the floor
    dear = second(1, score=Decimal(99))
    floor = [{"name": "新模式", "clauses": ["10"], "min": "50万"}]
    assert paid(round_two([cheap, dear], [], budget="300万", envelopes=floor)) == {"2026-B100": 500_000,
                                                                                  "2026-B001": 2_500_000}
    met = round_two([cheap, dear], [earlier(1_000_000, clause="10")], budget="400万", envelopes=floor)
    assert paid(met) == {"2026-B100": 0, "2026-B001": 3_000_000}  # the floor is met: no row asks for more
    assert not [c for c in met.constraints if c.name.startswith("envelope_min")]
    half = round_two([cheap, dear], [earlier(300_000, clause="10")], budget="330万", envelopes=floor)
    (row_,) = [c for c in half.constraints if c.name == "envelope_min:新模式"]
    assert (row_.limit, row_.earlier) == (200_000, 300_000)
    assert paid(half) == {"2026-B100": 500_000, "2026-B001": 2_500_000}


def test_a_districts_share_counts_what_the_first_round_gave_it() -> None:
    apps = [second(i, district="两江新区") for i in range(3)]
    first = [earlier(2_000_000, district="两江新区"), earlier(2_000_000, district="万州区", credit_code=code(51))]
    result = round_two(apps, first, budget="2000万", districts={"max_share": 0.5})  # 1000万 a district in the year
    assert sum(paid(result).values()) == 8_000_000  # 1000万 less the 200万 of the first round
    assert "两江新区已达区县资金占比上限（本年度此前各批已获2,000,000元，本次至多8,000,000元）" in \
        reason(result, "2026-B002")


def test_an_applicants_cap_counts_its_first_round_awards() -> None:
    apps = [second(0, credit_code=code(50)), second(1, credit_code=code(50), content_key="二号")]
    result = round_two(apps, [earlier(4_000_000, credit_code=code(50))], budget="1亿", fixed_awards="prorate",
                       applicants={"max_total": "600万"})
    assert sum(paid(result).values()) == 2_000_000  # 600万 for the year, 400万 of it paid in the first round
    assert "申报单位已达单户资助上限（本年度此前各批已获4,000,000元，本次至多2,000,000元）" in \
        reason(result, "2026-B001")


def test_a_groups_cap_counts_its_first_round_awards_and_one_already_over_gets_nothing_more() -> None:
    apps = [second(0, group="长江集团"), second(1, group="长江集团")]
    first = [earlier(5_000_000, group="长江集团")]
    result = round_two(apps, first, budget="1亿", groups={"max_total": "800万"})
    assert sum(paid(result).values()) == 3_000_000
    over = round_two(apps, [earlier(9_000_000, group="长江集团")], budget="1亿", groups={"max_total": "800万"})
    assert sum(paid(over).values()) == 0
    assert "关联企业组“长江集团”已达资助上限（本年度此前各批已获9,000,000元，本次至多0元）" in reason(over, "2026-B000")


def test_a_group_counts_the_first_round_awards_of_a_member_that_joined_it_since() -> None:
    """In the first round the enterprise applied alone (its award has no group); now it is one of 长江集团's."""
    apps = [second(0, credit_code=code(50), group="长江集团", content_key="新项目"), second(1, group="长江集团")]
    result = round_two(apps, [earlier(5_000_000, credit_code=code(50))], budget="1亿", groups={"max_total": "800万"})
    assert sum(paid(result).values()) == 3_000_000  # 800万 less the member's 500万
    book, scenario = workbook_of(*apps), scenario_of(budget="1亿", year=2026, groups={"max_total": "800万"})
    blind = allocate(book, scenario, policy=POLICY)
    rows = parse_allocation_csv(allocation_csv(blind, POLICY, "en"), "allocation.csv")
    found = check_allocation(book, POLICY, scenario, rows, [earlier(5_000_000, credit_code=code(50))]).violations
    assert [v.rule for v in found] == ["group_cap"]


# --- a budget the earlier rounds used up


def test_a_budget_the_earlier_rounds_used_up_is_refused_with_the_figures() -> None:
    with pytest.raises(InputError) as caught:
        round_two([second(0)], [earlier(9_500_000), earlier(500_000)], budget="1000万", reserve="50万")
    (problem,) = caught.value.problems
    assert problem.message.text("zh") == (
        "本政策2026年度预算10,000,000元减预留500,000元后为9,500,000元，而资助台账记录的该年度此前各批资助已达"
        "10,000,000元（2项），本批没有可分配的预算：年度预算是全年总额，后续批次分配其余额；如本批另有资金，"
        "请以各批之和为年度预算")


def test_a_sweep_whose_every_level_the_earlier_rounds_used_up_is_refused_as_allocate_refuses() -> None:
    with pytest.raises(InputError) as caught:
        optimizer.sweep(workbook_of(second(0)), scenario_of(year=2026), levels=["300万", "500万"], workers=1,
                        ledger=CountedLedger(PriorAwards((earlier(6_000_000),))))
    assert [p.code for p in caught.value.problems] == ["ledger.year_spent"]


def test_a_sweep_keeps_a_level_the_earlier_rounds_used_up_as_that_levels_note() -> None:
    result = optimizer.sweep(workbook_of(second(0), second(1)), scenario_of(year=2026), levels=["500万", "1000万"],
                             workers=1, ledger=CountedLedger(PriorAwards((earlier(6_000_000),))))
    low, high = result.levels
    assert low.allocation is None and [c.code for c in low.conflicts] == ["ledger.year_spent"]
    assert high.allocation is not None and high.allocation.allocated == 4_000_000
    assert (result.available(low), result.available(high)) == (-1_000_000, 4_000_000)


def test_the_earlier_rounds_are_exactly_a_smaller_budget_when_only_the_budget_limits() -> None:
    """Metamorphic: with no other limit, a later round is the same allocation, byte for byte, as one without the
    ledger at the budget less what the earlier rounds granted."""
    apps = [second(i, score=Decimal(60 + 7 * i % 30)) for i in range(6)]
    first = [earlier(2_345_678), earlier(1_000_001, clause="10", credit_code=code(51))]
    later = round_two(apps, first, budget="1500万", reserve="100万", rounding=100)
    plain = allocate(workbook_of(*apps), scenario_of(budget=15_000_000 - 3_345_679, reserve="100万", year=2026,
                                                     rounding=100), policy=POLICY)
    assert paid(later) == paid(plain) and later.objective == plain.objective


def test_infeasible_floors_are_said_for_the_year_with_what_the_earlier_rounds_met() -> None:
    """The scenario's floor, the earlier rounds' part of it, and the floor to lower it to — not the model's row."""
    cheap = [app(row=i + 2, application_id=f"2026-B1{i:02d}", clause="10", credit_code=code(9 + i),
                 submitted_on=date(2026, 9, 1), score=Decimal(10)) for i in range(8)]  # 50万 each
    floor = [{"name": "新模式", "clauses": ["10"], "min": "500万"}]

    def conflicts(first: list[LedgerAward], some: int = 8, **settings_: Any) -> list[str]:
        with pytest.raises(Infeasible) as caught:
            round_two([*cheap[:some], second(1)], first, envelopes=floor, **settings_)
        return [phrase.text("zh") for phrase in caught.value.phrases]

    assert conflicts([earlier(3_000_000, clause="10"), earlier(6_000_000, credit_code=code(51))], budget="1000万") == [
        "专项额度“新模式”下限500万元（本年度此前各批已用300万元）高于本批可分配额（100万元）；请降至400万元或提高预算"]
    # amounts not of whole 万 said in 万元 exactly, as the budget field reads them back (not `999910`)
    assert conflicts([earlier(3_000_090, clause="10"), earlier(6_000_000, credit_code=code(51))], budget="1000万") == [
        "专项额度“新模式”下限500万元（本年度此前各批已用300.009万元）高于本批可分配额（99.991万元）；请降至400万元或提高预算"]
    # the demand shorter than what is left: more money would not help, fewer floors would
    assert conflicts([earlier(3_000_000, clause="10"), earlier(6_000_000, credit_code=code(51))], some=1,
                     budget="1000万") == [
        "专项额度“新模式”下限500万元（本年度此前各批已用300万元）无法满足：符合条件的需求至多50万元；请降至350万元或增加申报"]
    assert conflicts([earlier(1_000_000, clause="10")], some=1, budget="2000万") == [
        "专项额度“新模式”下限500万元（本年度此前各批已用100万元）无法满足：符合条件的需求至多50万元；请降至150万元或增加申报"]
    two = [*floor, {"name": "智能工厂", "clauses": ["7b"], "min": "500万"}]
    with pytest.raises(Infeasible) as caught:
        round_two([*cheap, second(1), second(2)], [earlier(2_000_000, clause="10")], budget="900万", envelopes=two)
    assert [phrase.text("zh") for phrase in caught.value.phrases] == [
        "专项额度下限（“新模式”、“智能工厂”）合计1000万元（本年度此前各批已用200万元），但本批可分配额仅为700万元："
        "请将下限合计降低100万元，或将预算提高同样数额"]
    apps = [app(row=i + 2, application_id=f"2026-C{i:03d}", clause="10", credit_code=code(100 + i),
                submitted_on=date(2026, 9, 1)) for i in range(10)]
    with pytest.raises(Infeasible) as caught:
        round_two(apps, [earlier(1_000_000, clause="10")], budget="2000万", envelopes=floor,
                  districts={"max_share": 0.1})
    assert [phrase.text("zh") for phrase in caught.value.phrases] == [
        "专项额度“新模式”下限500万元（本年度此前各批已用100万元）在区县上限：两江新区之下无法满足：至多能达到200万元；"
        "请降至200万元或放宽区县上限：两江新区"]


def test_a_scenario_without_a_year_counts_no_round_and_says_so() -> None:
    book = workbook_of(second(0), second(1))
    result = allocate(book, scenario_of(budget="600万"), policy=POLICY,
                      ledger=CountedLedger(PriorAwards((earlier(5_000_000),)), ref=LedgerRef(Path("台账.sqlite"), 1,
                                                                                                  "0" * 64)))
    assert sum(paid(result).values()) == 6_000_000
    with use_lang("zh"):
        assert [w.message.text("zh") for w in result.warnings if w.code == "ledger.no_year"] == [
            "分配方案未设年度：资助台账中本政策的资助只作为已获资助扣减、计入有效期上限，不计入本次的预算及各项年度限额；"
            "分配某一年度的后续批次，请在分配方案中写明年度"]


# --- the audit reads the earlier rounds itself


def test_the_audit_finds_a_second_round_that_ignored_the_first() -> None:
    apps = [second(i) for i in range(4)]
    first = [earlier(4_000_000)]
    scenario = scenario_of(budget="1000万", year=2026, applicants={"max_total": "500万"})
    book = workbook_of(*apps)
    blind = allocate(book, scenario, policy=POLICY)  # no ledger: all of 1000万
    rows = parse_allocation_csv(allocation_csv(blind, POLICY, "en"), "allocation.csv")
    with use_lang("zh"):
        found = [v.message for v in check_allocation(book, POLICY, scenario, rows, first).violations]
    assert found == ["预算总额：合计分配10,000,000元（本年度此前各批另已用4,000,000元），可分配额最多10,000,000元"
                     "（预算10,000,000元减预留0元），超出4,000,000元——情景：年度预算和预留（budget、reserve）；"
                     "渝经信规范〔2026〕2号："
                     "本政策措施所列激励措施标准均为最高标准，按照年度实际需求实行预算管理和总额控制。"]
    aware = round_two(apps, first, budget="1000万", applicants={"max_total": "500万"})
    rows = parse_allocation_csv(allocation_csv(aware, POLICY, "en"), "allocation.csv")
    assert check_allocation(book, POLICY, scenario, rows, first).violations == ()


def test_the_audit_of_a_year_the_earlier_rounds_spent_finds_paying_nothing_optimal() -> None:
    first = CountedLedger(PriorAwards((earlier(10_000_000),)))
    book, scenario = workbook_of(second(0)), scenario_of(budget="1000万", year=2026)
    nothing = optimizer.audit(book, [{"application_id": "2026-B000", "allocated": 0, "status": "UNFUNDED"}], scenario,
                              policy=POLICY, ledger=first)
    assert (nothing.ok, nothing.optimum) == (True, 0)
    some = optimizer.audit(book, [{"application_id": "2026-B000", "allocated": 100, "status": "PARTIAL"}], scenario,
                           policy=POLICY, ledger=first)
    assert [v.rule for v in some.violations] == ["budget"]


@st.composite
def rounds(draw: st.DrawFn) -> tuple[list[Application], list[LedgerAward], dict[str, Any]]:
    """A second round and a first round's awards of the same year, under every kind of limit."""
    apps = [app(row=i + 2, application_id=f"2026-B{i:02d}", clause=draw(st.sampled_from(["3", "7b", "10", "15"])),
                score=Decimal(draw(st.integers(0, 20)) * 5), credit_code=code(draw(st.integers(1, 3))),
                district=draw(st.sampled_from(["两江新区", "万州区"])), submitted_on=date(2026, 9, 1),
                investment=Decimal(draw(st.integers(1, 400)) * 100_000), group=draw(st.none() | st.just("G")))
            for i in range(draw(st.integers(1, 7)))]
    first = [earlier(draw(st.integers(1, 3_000_000)), credit_code=code(draw(st.integers(1, 3))),
                     clause=draw(st.sampled_from(["3", "7b", "10"])),
                     district=draw(st.sampled_from(["两江新区", "万州区"])),
                     group=draw(st.none() | st.just("G")), year=draw(st.sampled_from([2026, 2026, 2027])))
             for _ in range(draw(st.integers(0, 4)))]
    so_far = sum(a.amount for a in first if a.year == 2026)  # a budget they leave something of, mostly
    scenario: dict[str, Any] = {"budget": f"{so_far + draw(st.integers(-1_000_000, 8_000_000))}元", "year": 2026,
                                "fixed_awards": draw(st.sampled_from(["whole", "prorate"])),
                                "rounding": draw(st.sampled_from([1, 100]))}
    if draw(st.booleans()):
        scenario["envelopes"] = [{"name": "E", "clauses": ["3", "10"], "max": f"{draw(st.integers(0, 6_000_000))}元",
                                  **({"min": f"{draw(st.integers(1, 2_000_000))}元"} if draw(st.booleans()) else {})}]
    if draw(st.booleans()):
        scenario["districts"] = {"max_share": draw(st.sampled_from([0.3, 0.6]))}
    if draw(st.booleans()):
        scenario["applicants"] = {"max_total": f"{draw(st.integers(0, 5_000_000))}元"}
    if draw(st.booleans()):
        scenario["groups"] = {"max_total": f"{draw(st.integers(0, 5_000_000))}元"}
    return apps, first, scenario


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_the_two_rounds_together_keep_every_limit_of_the_year_and_pass_the_audit(
        instance: tuple[list[Application], list[LedgerAward], dict[str, Any]]) -> None:
    """Checked from the awards alone, in exact integers: each upper limit of the year holds for both rounds together
    — or, where the first round alone reached it, the second paid nothing more under it."""
    apps, first, settings_ = instance
    try:
        result = round_two(apps, first, **settings_)
    except (Infeasible, InputError):
        assume(False)
        return
    s = result.scenario
    year = [a for a in first if a.year == 2026]
    by_app = {a.application_id: a for a in apps}
    now = [(by_app[x.application_id], x.allocated) for x in result.awards]

    def holds(cap: int | None, key: Any) -> bool:
        if cap is None:
            return True
        names = {key(a) for a, _ in now} | {key(a) for a in year}
        for name in names - {None, ""}:
            before = sum(a.amount for a in year if key(a) == name)
            added = sum(x for a, x in now if key(a) == name)
            if added and before + added > cap:
                return False
        return True

    assert holds(s.available, lambda a: "year")
    assert holds(s.district_cap(), lambda a: a.district)
    assert holds(s.applicant_max_total, lambda a: a.credit_code)
    assert holds(s.group_max_total, lambda a: a.group)
    for env in s.envelopes:
        assert holds(env.upper(s.available), lambda a, e=env: "in" if a.clause in e.clauses else None)
    rows = parse_allocation_csv(allocation_csv(result, POLICY, "en"), "allocation.csv")
    assert [v.message for v in check_allocation(workbook_of(*apps), POLICY, s, rows, first).violations] == []


# --- on the command line: publish a first round, allocate a second


@pytest.fixture(scope="module")
def first_round(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("rounds")
    ledger = folder / "台账.sqlite"
    assert run("ledger", "init", ledger)[0] == 0
    code_, _, err = run("allocate", DATA / "sample_applications.xlsx", "--scenario", DATA / "scenario_2026.toml",
                        "--budget", "1亿", "--ledger", ledger, "--out", folder / "r1", "--quiet")
    assert code_ == 0, err
    assert run("publish", folder / "r1", "--ledger", ledger)[0] == 0
    rows = [row(application_id=f"2026-B{i:03d}", credit_code=code(900 + i), applicant=f"第二批企业{i}",
                district="万州区", score=60 + i, submitted_on=date(2026, 9, 1)) for i in range(12)]
    return ledger, write_rows(folder / "第二批.xlsx", rows)


def test_a_second_round_on_the_command_line_says_and_records_what_the_first_granted(
        first_round: tuple[Path, Path], tmp_path: Path) -> None:
    ledger, workbook = first_round
    granted = json.loads((ledger.parent / "r1" / "manifest.json").read_text())["totals"]["allocated"]
    code_, out, err = run("allocate", workbook, "--scenario", DATA / "scenario_2026.toml", "--budget", "1.2亿",
                          "--ledger", ledger, "--out", tmp_path / "r2")
    assert code_ == 0, err
    left = 115_000_000 - granted
    assert err == (f"台账.sqlite：警告：资助台账已记本政策2026年度此前各批资助{granted:,}元（48项），"
                   f"计入本年度预算及各项年度限额：年度预算120,000,000元，预留5,000,000元，本批可分配{left:,}元\n")
    assert f"本年度此前各批已资助   {granted:,}" in out
    totals = json.loads((tmp_path / "r2" / "manifest.json").read_text())["totals"]
    assert (totals["earlier_rounds"], totals["available"]) == (granted, left)
    assert totals["allocated"] <= left
    assert "本年度此前各批已资助（万元）" in (tmp_path / "r2" / "report.html").read_text()
    assert run("verify", tmp_path / "r2" / "manifest.json")[0] == 0
    sheet = openpyxl.load_workbook(tmp_path / "r2" / "allocation.xlsx").worksheets[-1]  # 参数: the year's, then this
    rows = [(r[0].value, r[1].value) for r in sheet.iter_rows()]  # round's (the shares of the year are of the first)
    at = rows.index(("预留", amount_text(5_000_000, "zh")))
    assert rows[at + 1: at + 4] == [("可分配额（预算减预留）", amount_text(115_000_000, "zh")),
                                    ("本年度此前各批已资助（资助台账）", amount_text(granted, "zh")),
                                    ("本批可分配额（预算减预留及此前各批资助）", amount_text(left, "zh"))]
    code_, out, err = run("sweep", workbook, "--scenario", DATA / "scenario_2026.toml", "--levels", "9000万,1.2亿",
                          "--ledger", ledger, "--out", tmp_path / "s")
    assert code_ == 0, err
    assert f"资助台账已记本政策2026年度此前各批资助{granted:,}元，计入每一预算水平的年度限额" in out
    assert re.search(r"9000万元\s+预算已由此前各批用完", out), out
    levels = openpyxl.load_workbook(tmp_path / "s" / "sweep.xlsx").worksheets[0]
    assert [levels.cell(r, 2).value for r in (2, 3)] == [None, left / 10_000]  # 9000万: nothing, not a negative
    assert levels.cell(5, 1).value.startswith(f"资助台账已记本政策2026年度此前各批资助{granted:,}元")
    code_, out, err = run("stability", workbook, "--scenario", DATA / "scenario_2026.toml", "--budget", "1.2亿",
                          "--ledger", ledger, "--draws", "3", "--sigma", "1", "--seed", "1", "--workers", "1",
                          "--out", tmp_path / "st")
    assert code_ == 0, err
    said = f"资助台账已记本政策2026年度此前各批资助{granted:,}元，计入每次抽样的年度预算及各项限额"
    assert said in out and said in (tmp_path / "st" / "stability.html").read_text()
    code_, _, err = run("allocate", workbook, "--scenario", DATA / "scenario_2026.toml", "--budget", "9000万",
                        "--ledger", ledger, "--out", tmp_path / "r3", lang="en")
    assert (code_, err) == (2, "--budget: the 2026 budget of 90,000,000 yuan less the reserve of 5,000,000 is "
                               f"85,000,000, and the ledger records {granted:,} yuan this policy granted in the "
                               "year's earlier rounds (48 award(s)): nothing is left for this round. The budget is "
                               "the year's total, and a later round allocates what is left of it; if this round has "
                               "money of its own, give the sum of the rounds' as the year's budget\n")


def test_a_published_round_audited_with_the_ledger_is_audited_against_the_ledger_it_counted(
        first_round: tuple[Path, Path]) -> None:
    """The ledger has recorded the round since: its own awards are not earlier rounds of it, nor are later rounds'."""
    ledger, _ = first_round
    run_dir = ledger.parent / "r1"
    code_, out, err = run("audit", DATA / "sample_applications.xlsx", run_dir / "allocation.csv", "--scenario",
                          DATA / "scenario_2026.toml", "--budget", "1亿", "--ledger", ledger)
    assert code_ == 0, out + err
    said = "资助台账自第1条记录起已记入本分配表中申报的资助（公示）：按其前0条记录——该分配所计入的台账——审核"
    assert said in out + err
    assert "合规：政策和情景的每条规则均得到遵守。" in out


def title_of(notice: Path) -> str:
    return str(openpyxl.load_workbook(notice).active["A1"].value)


def test_a_second_publication_of_a_year_is_titled_the_second_batch_and_verifies(
        first_round: tuple[Path, Path], tmp_path: Path) -> None:
    ledger, workbook = first_round
    copy = tmp_path / ledger.name
    copy.write_bytes(ledger.read_bytes())
    assert title_of(ledger.parent / "r1" / "notice.xlsx").endswith("2026年度拟支持项目公示名单")  # the first: no number
    assert "batch" not in json.loads((ledger.parent / "r1" / "awards.json").read_text())
    assert run("allocate", workbook, "--scenario", DATA / "scenario_2026.toml", "--budget", "1.2亿", "--ledger", copy,
               "--out", tmp_path / "r2", "--quiet")[0] == 0
    code_, out, err = run("publish", tmp_path / "r2", "--ledger", copy)
    assert code_ == 0, err
    assert "；公示名单（第二批） notice.xlsx 和 awards.json 已写入该文件夹" in out
    assert title_of(tmp_path / "r2" / "notice.xlsx").endswith("2026年度拟支持项目公示名单（第二批）")
    assert json.loads((tmp_path / "r2" / "awards.json").read_text())["batch"] == 2
    assert run("verify", tmp_path / "r2" / "manifest.json")[0] == 0
    code_, _, err = run("ledger", "summary", copy, tmp_path / "汇总.xlsx", "--year", "2026")
    assert code_ == 0, err
    book = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    assert book.sheetnames[:2] == ["按年度", "按批次"]
    cells = [[c.value for c in r] for r in book["按批次"].iter_rows() if r[0].value == "2026年度"]
    summed = optimizer.ledger_summary(copy, year=2026).figures
    granted = json.loads((ledger.parent / "r1" / "manifest.json").read_text())["totals"]["allocated"]
    assert [(row[1], row[3]) for row in cells] == [("第一批", granted / 10_000),
                                                   ("第二批", summed.by_batch[1].first / 10_000)]
    assert summed.by_batch[0].first + summed.by_batch[1].first == summed.by_year[0].first
    assert "按批次" not in openpyxl.load_workbook(_summary_of(ledger, tmp_path)).sheetnames  # one round: none
    (tmp_path / "r2" / "awards.json").write_text(  # the batch edited: awards.json, not the notice, is named
        (tmp_path / "r2" / "awards.json").read_text().replace('"batch": 2', '"batch": 3'))
    code_, _, err = run("verify", tmp_path / "r2" / "manifest.json", lang="en")
    assert code_ == 4 and ("awards.json records the 公示 list as written with batch 3, which notice.xlsx is not; "
                           "notice.xlsx is the list written with batch 2 to the byte: awards.json was changed after "
                           "the 公示") in err


def _summary_of(ledger: Path, folder: Path) -> Path:
    assert run("ledger", "summary", ledger, folder / "一批.xlsx", "--year", "2026")[0] == 0
    return folder / "一批.xlsx"


def test_awards_imported_under_the_policys_own_number_are_a_batch_of_their_year(tmp_path: Path) -> None:
    """A first round published outside budgetopt and imported: the first list budgetopt publishes is the second."""
    ledger = tmp_path / "台账.sqlite"
    optimizer.init_ledger(ledger)
    optimizer.import_awards(ledger, DATA / "awards_other_policy_2026.xlsx", THIS)  # paid in 2026
    optimizer.allocate(DATA / "sample_applications.xlsx", DATA / "scenario_2026.toml", ledger=ledger).write(
        tmp_path / "r")
    assert optimizer.publish(tmp_path / "r", ledger).batch == 2
    summed = optimizer.ledger_summary(ledger, year=2026).figures
    assert [line.key for line in summed.by_batch] == ["2", ""] and summed.rounds


def test_a_publication_numbered_by_hand_and_a_number_refused(first_round: tuple[Path, Path], tmp_path: Path) -> None:
    """--batch: for lists published outside budgetopt before; the library refuses what the option cannot be."""
    ledger, workbook = first_round
    copy = tmp_path / ledger.name
    copy.write_bytes(ledger.read_bytes())
    assert run("allocate", workbook, "--scenario", DATA / "scenario_2026.toml", "--budget", "1.2亿", "--ledger", copy,
               "--out", tmp_path / "r2", "--quiet")[0] == 0
    for wrong in (0, 100, True, "2"):
        with pytest.raises(InputError) as caught:
            optimizer.publish(tmp_path / "r2", copy, batch=wrong)  # type: ignore[arg-type]
        assert [p.message.text("en") for p in caught.value.problems] == [
            f"the batch should be a whole number from 1 to 99, not {wrong!r}"]
    assert run("publish", tmp_path / "r2", "--ledger", copy, "--batch", "0")[0] == 2
    published = optimizer.publish(tmp_path / "r2", copy, batch=3, lang="en")
    assert published.batch == 3
    assert title_of(tmp_path / "r2" / "notice.xlsx").endswith("projects proposed for support in 2026 (batch 3)")
    assert run("verify", tmp_path / "r2" / "manifest.json")[0] == 0


def test_a_later_round_made_before_earlier_rounds_were_counted_is_told_apart_by_verify(
        first_round: tuple[Path, Path], tmp_path: Path) -> None:
    """Its manifest has no totals.earlier_rounds and another allocation (as an earlier budgetopt wrote it, simulated):
    verify says why the re-run differs."""
    ledger, workbook = first_round
    assert run("allocate", workbook, "--scenario", DATA / "scenario_2026.toml", "--budget", "1.2亿", "--ledger",
               ledger, "--out", tmp_path / "r", "--quiet")[0] == 0
    manifest = tmp_path / "r" / "manifest.json"
    record = json.loads(manifest.read_text())
    del record["totals"]["earlier_rounds"]
    record["outputs"]["allocation.csv"]["sha256"] = "0" * 64
    manifest.write_text(json.dumps(record, ensure_ascii=False, indent=2))
    code_, _, err = run("verify", manifest)
    granted = json.loads((ledger.parent / "r1" / "manifest.json").read_text())["totals"]["allocated"]
    assert code_ == 4 and ("  该次运行由未计入本年度此前各批资助的 budgetopt 版本生成；现版本把资助台账中本政策2026年度"
                           f"此前各批的资助（{granted:,}元，48项）计入年度预算及各项限额，"
                           "重新运行的结果因而不同\n") in err


def test_a_run_without_earlier_rounds_writes_them_as_0_and_shows_no_line_for_them(tmp_path: Path) -> None:
    code_, out, err = run("allocate", DATA / "sample_applications.xlsx", "--scenario", DATA / "scenario_2026.toml",
                          "--out", tmp_path / "r")
    assert code_ == 0, err
    assert json.loads((tmp_path / "r" / "manifest.json").read_text())["totals"]["earlier_rounds"] == 0
    assert "此前各批" not in out and "此前各批" not in (tmp_path / "r" / "report.html").read_text()
