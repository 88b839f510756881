"""`budgetopt audit`'s core: reading an allocation back, and checking it against every rule of the policy and the
scenario without the solver.

One small year (below) with a correct allocation made by hand; each test changes that allocation so that it breaks
exactly one rule and expects the audit to name that rule, and no other. Amounts in yuan; 1万 = 10,000.

    row  id     clause                          applicant  district  E          allocated
    2    A-001  7b, 10% of 4,000万, max 300万     code 1     两江新区   3,000,000  3,000,000  FUNDED
    3    A-002  10, fixed 50万, 10万 prior       code 2     沙坪坝区     400,000          0  UNFUNDED
    4    A-003  4, capped 200万, asks 130万      code 3     万州区     1,300,000    900,000  PARTIAL
    5    A-004  7a, recognition not confirmed   code 4     两江新区           0          0  INELIGIBLE
    6    A-005  7a, content 一号工厂              code 1     两江新区           0          0  DUPLICATE (A-006)
    7    A-006  8a, content 一号工厂              code 1     两江新区   1,000,000  1,000,000  FUNDED
    8    A-007  13, 50万 of 60万 already granted  code 5     渝中区             0          0  DUPLICATE
    9    A-008  (credit code unreadable)                                      0          0  INVALID
    10   A-009  15, 10% of 1,000万                code 1     渝中区     1,000,000          0  UNFUNDED
    11   A-010  15, 10% of 1,000万                code 6     两江新区   1,000,000          0  UNFUNDED
    12   A-011  20, 30% of 2,000万, asks 300万    code 7     江津区     3,000,000          0  UNFUNDED

The scenario: 750万 less 50万 reserve = 700万 available; whole fixed awards; minimum ratio 30%; rounding 100;
envelope "AI" (clauses 4 and 10) 30万 … 140万; no district above 60% (4,200,000); no applicant above 410万.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import ROOT, app, code, row, scenario_of, workbook_of, write_rows
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from optimizer.domain import Application, InvalidRow, LedgerAward, Problem, Status
from optimizer.errors import Infeasible
from optimizer.jobs.allocate import allocate
from optimizer.reading.allocation_file import (
    AllocationFileError,
    AllocationRow,
    parse_allocation_csv,
    read_allocation,
    uninert,
)
from optimizer.reading.applications import read_workbook
from optimizer.report.allocation_csv import allocation_csv, inert
from optimizer.rules.audit import AuditReport
from optimizer.rules.audit import check_allocation as audit
from optimizer.rules.policy import Policy, load_policy
from optimizer.rules.scenario import load_scenario
from optimizer.words import use_lang

W = 10_000
POLICY = load_policy()
# the policy's own words, as violations cite them
ONCE = "渝经信规范〔2026〕2号: 同一申报主体同一内容的事项与市级同类政策有重叠的，按照“就高、不重复”的原则予以支持。"
TOTAL_CONTROL = ("渝经信规范〔2026〕2号: 本政策措施所列激励措施标准均为最高标准，"
                 "按照年度实际需求实行预算管理和总额控制。")
CLAUSE_4 = ("渝经信规范〔2026〕2号 clause 4: 支持企业面向工业领域研发垂类大模型、智能体，"
            "开展垂类大模型、智能体应用推广，依法依规给予最高200万元奖励。")
CLAUSE_7A = "渝经信规范〔2026〕2号 clause 7a: 对基础级智能工厂（数字化车间）项目，依法依规给予50万元奖励"
CLAUSE_7B = ("渝经信规范〔2026〕2号 clause 7b: 对先进级智能工厂项目，按照不超过项目实际投资额的10%，"
             "依法依规给予最高300万元奖补。")

APPS = (
    app(row=2, application_id="A-001", clause="7b", credit_code=code(1), district="两江新区"),
    app(row=3, application_id="A-002", clause="10", credit_code=code(2), district="沙坪坝区",
        prior_support=Decimal(100_000)),
    app(row=4, application_id="A-003", clause="4", credit_code=code(3), district="万州区",
        requested=Decimal(1_300_000)),
    app(row=5, application_id="A-004", clause="7a", credit_code=code(4), qualified=False),
    app(row=6, application_id="A-005", clause="7a", credit_code=code(1), content_key="一号工厂"),
    app(row=7, application_id="A-006", clause="8a", credit_code=code(1), content_key="一号工厂"),
    app(row=8, application_id="A-007", clause="13", credit_code=code(5), district="渝中区",
        investment=Decimal(5_000_000), prior_support=Decimal(600_000)),
    app(row=10, application_id="A-009", clause="15", credit_code=code(1), district="渝中区",
        investment=Decimal(10_000_000)),
    app(row=11, application_id="A-010", clause="15", credit_code=code(6), investment=Decimal(10_000_000)),
    app(row=12, application_id="A-011", clause="20", credit_code=code(7), district="江津区",
        investment=Decimal(20_000_000), requested=Decimal(3_000_000)),
)
INVALID = InvalidRow(9, {"application_id": "A-008", "applicant": "重庆某某有限公司",
                         "credit_code": "91500000MA0000008X"},
                     (Problem.of("apps.xlsx", "cell.credit_code.check", sheet="applications", row=9,
                                 column="统一社会信用代码", found="X", expected="3"),))
BOOK = workbook_of(*APPS, invalid=[INVALID])
SCENARIO = scenario_of(
    budget="750万", reserve="50万", min_funding_ratio=0.3, rounding=100, weights={"7b": 1.5},
    envelopes=[{"name": "AI", "clauses": ["4", "10"], "max": "140万", "min": "30万"}],
    districts={"max_share": 0.6}, applicants={"max_total": "410万"},
)


OUTPUTS_RULE = " (one row per workbook row, statuses and entitlements as the rules give them)"
WORKBOOK_RULE = " (which rows can be read, the amount requested)"


def line(app_id: str, allocated: int, status: Status, entitlement: int = 0, row: int = 0) -> AllocationRow:
    return AllocationRow(row=row, application_id=app_id, allocated=allocated, status=status, entitlement=entitlement)


CORRECT = tuple(replace(r, row=n) for n, r in enumerate((
    line("A-001", 300 * W, Status.FUNDED, 300 * W),
    line("A-002", 0, Status.UNFUNDED, 40 * W),
    line("A-003", 90 * W, Status.PARTIAL, 130 * W),
    line("A-004", 0, Status.INELIGIBLE),
    line("A-005", 0, Status.DUPLICATE),
    line("A-006", 100 * W, Status.FUNDED, 100 * W),
    line("A-007", 0, Status.DUPLICATE),
    line("A-008", 0, Status.INVALID),
    line("A-009", 0, Status.UNFUNDED, 100 * W),
    line("A-010", 0, Status.UNFUNDED, 100 * W),
    line("A-011", 0, Status.UNFUNDED, 300 * W),
), start=2))


def tampered(**changes: tuple[int, Status] | dict[str, Any]) -> list[AllocationRow]:
    """The correct allocation with some rows changed: `A_003=(1_300_000, Status.FUNDED)` or a dict of fields."""
    rows = []
    for r in CORRECT:
        change = changes.get(r.application_id.replace("-", "_"))
        if isinstance(change, tuple):
            r = replace(r, allocated=change[0], status=change[1])
        elif isinstance(change, dict):
            r = replace(r, **change)
        rows.append(r)
    return rows


def check(rows: list[AllocationRow]) -> AuditReport:
    return audit(BOOK, POLICY, SCENARIO, rows)


def rules(rows: list[AllocationRow]) -> list[str]:
    return [v.rule for v in check(rows).violations]


def messages(rows: list[AllocationRow]) -> list[str]:
    return [v.message for v in check(rows).violations]


# --- the correct allocation


def test_the_correct_allocation_passes_with_its_objective_and_totals() -> None:
    report = check(list(CORRECT))
    assert report.violations == ()
    assert report.ok
    assert report.objective == Decimal("1.5") * 85 * 300 * W + 85 * 90 * W + 85 * 100 * W
    assert report.totals.allocated == 490 * W
    assert report.totals.available == 700 * W
    assert report.totals.entitled == (300 + 40 + 130 + 100 + 100 + 100 + 300) * W
    assert report.totals.statuses[Status.UNFUNDED] == 4
    assert report.totals.rows == 11


def test_rows_may_come_in_any_order() -> None:
    assert check(list(reversed(CORRECT))).violations == ()


# --- the limits of the scenario


def test_over_the_budget() -> None:
    rows = tampered(A_011=(2_100_100, Status.PARTIAL))
    assert messages(rows) == ["budget: budget less reserve: allocated 7,000,100 in total, at most 7,000,000 (budget "
                              "7,500,000 less reserve 500,000), over by 100 — scenario: budget, reserve; "
                              + TOTAL_CONTROL]
    assert [(v.amounts, v.name) for v in check(rows).violations] == [((7_000_100, 7_000_000), "")]


def test_over_an_envelope() -> None:
    rows = tampered(A_002=(40 * W, Status.FUNDED), A_003=(130 * W, Status.FUNDED))
    assert messages(rows) == ["envelope:AI: envelope max: clauses 4, 10 allocated 1,700,000, at most 1,400,000, over "
                              'by 300,000 — scenario: [[envelopes]] "AI" max']
    assert [(v.amounts, v.name) for v in check(rows).violations] == [((1_700_000, 1_400_000), "AI")]


def test_under_an_envelope_floor_by_more_than_rounding_excuses() -> None:
    rows = tampered(A_003=(0, Status.UNFUNDED))  # nothing paid: under a minimum ratio of 0.3, nothing rounded down
    assert messages(rows) == ["envelope_min:AI: envelope min: clauses 4, 10 allocated 0, at least 300,000, short by "
                              '300,000 — scenario: [[envelopes]] "AI" min']
    assert [(v.amounts, v.name) for v in check(rows).violations] == [((0, 300_000), "AI")]  # what it had to reach


def test_awards_paid_nothing_excuse_no_shortfall_unless_rounding_could_have_made_them_0() -> None:
    # a review's hand-made allocation fell 5,000 short of a floor with one partial award and 55 unpaid ones, each of
    # which had been counted as rounded down (55 × 100 excused): under a minimum ratio of 0.3 none can have been
    rows = tampered(A_003=(0, Status.UNFUNDED))  # the envelope's two members unpaid
    floor = replace(SCENARIO, envelopes=(replace(SCENARIO.envelopes[0], min=199),))
    assert [v.text("en") for v in audit(BOOK, POLICY, floor, rows).violations if v.rule == "envelope_min"] == [
        'envelope_min:AI: envelope min: clauses 4, 10 allocated 0, at least 199, short by 199 — scenario: '
        '[[envelopes]] "AI" min']
    # with no minimum ratio a partial award of less than a rounding unit may have been rounded down to 0;
    # a whole award cannot
    free = replace(floor, min_funding_ratio=Decimal(0), envelopes=(replace(SCENARIO.envelopes[0], min=99),))
    assert [v.rule for v in audit(BOOK, POLICY, free, rows).violations if v.rule == "envelope_min"] == []
    short = replace(free, envelopes=(replace(SCENARIO.envelopes[0], min=100),))
    assert [v.text("en") for v in audit(BOOK, POLICY, short, rows).violations if v.rule == "envelope_min"] == [
        "envelope_min:AI: envelope min: clauses 4, 10 allocated 0, at least 100, short by 100 (rounding excuses less "
        'than 100 for each of 1 awards it may have rounded down) — scenario: [[envelopes]] "AI" min']


def test_a_floor_may_fall_short_by_less_than_a_rounding_unit_per_award_rounded_down() -> None:
    floor = replace(SCENARIO, envelopes=(replace(SCENARIO.envelopes[0], min=900_099),))
    assert audit(BOOK, POLICY, floor, list(CORRECT)).violations == ()  # short 99 < 1 partial award × 100
    floor = replace(SCENARIO, envelopes=(replace(SCENARIO.envelopes[0], min=900_100),))  # A-002, whole, unpaid: 0
    assert [v.rule for v in audit(BOOK, POLICY, floor, list(CORRECT)).violations] == ["envelope_min"]


def test_over_a_district_share() -> None:
    rows = tampered(A_010=(30 * W, Status.PARTIAL))
    assert messages(rows) == ["district_share:两江新区: district share: allocated 4,300,000, at most 4,200,000 (60% of "
                              "7,000,000), over by 100,000 — scenario: [districts] max_share"]
    assert [(v.amounts, v.name) for v in check(rows).violations] == [((4_300_000, 4_200_000), "两江新区")]


def test_over_an_applicant_cap() -> None:
    rows = tampered(A_009=(30 * W, Status.PARTIAL))
    assert messages(rows) == [f"applicant_cap:{code(1)}: applicant cap: 重庆长江智造有限公司 allocated 4,300,000, at "
                              "most 4,100,000, over by 200,000 — scenario: [applicants] max_total"]
    assert [(v.amounts, v.name) for v in check(rows).violations] == [((4_300_000, 4_100_000), "重庆长江智造有限公司")]
    assert [v.amounts for v in check(tampered(A_001=(20 * W, Status.PARTIAL))).violations] == [None]  # not a limit


def granted(credit_code: str, amount: int, policy: str = POLICY.number, content_key: str = "旧项目",
            year: int = 2026) -> LedgerAward:
    return LedgerAward(policy, year, credit_code, content_key, amount)


def test_over_the_period_cap_counting_what_the_ledger_granted_earlier() -> None:
    # 重庆长江智造 is allocated 4,000,000 here and had 1,500,000 under this policy in 2026
    scenario = replace(SCENARIO, applicant_max_period_total=500 * W)
    report = audit(BOOK, POLICY, scenario, list(CORRECT), ledger=[granted(code(1), 150 * W)])
    assert [v.message for v in report.violations] == [
        f"applicant_period_cap:{code(1)}: applicant period cap: 重庆长江智造有限公司 allocated 4,000,000 here and "
        "1,500,000 earlier under this policy, at most 5,000,000 over its period, over by 500,000 — scenario: "
        "[applicants] max_period_total"]
    assert report.violations[0].text("zh") == (
        f"单户有效期上限：{code(1)}：重庆长江智造有限公司本次分配4,000,000元，此前已获本政策资助1,500,000元，"
        "政策有效期内最多5,000,000元，超出500,000元——情景：单户政策有效期内上限（[applicants] max_period_total）")
    assert (report.violations[0].amounts, report.violations[0].name) == ((4_000_000, 3_500_000), "重庆长江智造有限公司")
    assert not audit(BOOK, POLICY, scenario, list(CORRECT), ledger=[granted(code(1), 100 * W)]).violations
    # another policy's awards are not this policy's period
    other = granted(code(1), 150 * W, policy="渝府发〔2025〕1号")
    assert not audit(BOOK, POLICY, scenario, list(CORRECT), ledger=[other]).violations
    assert not audit(BOOK, POLICY, scenario, list(CORRECT)).violations  # no ledger: nothing earlier


def test_over_a_group_cap() -> None:
    # 长江集团 links 重庆长江智造 (4,000,000) and A-003's applicant (900,000)
    linked = workbook_of(*[replace(a, group="长江集团") if a.credit_code in (code(1), code(3)) else a for a in APPS],
                         invalid=[INVALID])
    scenario = replace(SCENARIO, group_max_total=450 * W)
    report = audit(linked, POLICY, scenario, list(CORRECT))
    assert [v.message for v in report.violations] == [
        "group_cap:长江集团: group cap: the linked enterprises 长江集团 allocated 4,900,000, at most 4,500,000, over "
        "by 400,000 — scenario: [groups] max_total"]
    assert report.violations[0].text("zh") == (
        "关联企业组上限：长江集团：关联企业组“长江集团”合计分配4,900,000元，最多4,500,000元，超出400,000元"
        "——情景：关联企业组上限（[groups] max_total）")
    assert (report.violations[0].amounts, report.violations[0].name) == ((4_900_000, 4_500_000), "长江集团")
    assert not audit(linked, POLICY, replace(SCENARIO, group_max_total=490 * W), list(CORRECT)).violations
    assert not audit(BOOK, POLICY, scenario, list(CORRECT)).violations  # no groups in the workbook


# --- each award


def test_above_the_clause_ceiling() -> None:
    rows = tampered(A_001=(3_000_100, Status.FUNDED))
    assert messages(rows) == ["A-001 (row 2): clause 7b: at most 10% of the actual investment (⌊10% × 40,000,000⌋ = "
                              "4,000,000), at most 3,000,000: allocated 3,000,100, above its ceiling 3,000,000 — "
                              + CLAUSE_7B]


def test_above_the_amount_requested() -> None:
    rows = tampered(A_003=(1_300_100, Status.FUNDED))
    assert messages(rows) == ["A-003 (row 4): at most the amount requested: allocated 1,300,100, requested 1,300,000 "
                              "— README, The application workbook" + WORKBOOK_RULE]


def test_above_the_entitlement_left_after_prior_support() -> None:
    rows = tampered(A_002=(50 * W, Status.FUNDED))
    assert messages(rows) == ["A-002 (row 3): at most the entitlement: allocated 500,000, above its entitlement "
                              "400,000 (clause 10: a fixed award of 500,000; less prior support 100,000) — " + ONCE]


def test_a_fixed_award_paid_in_part() -> None:
    rows = tampered(A_002=(20 * W, Status.PARTIAL))
    assert messages(rows) == ["A-002 (row 3): fixed awards whole: clause 10 is a fixed award, paid whole or not at "
                              'all: allocated 200,000 of 400,000 — scenario: fixed_awards = "whole"']


def test_prorated_fixed_awards_may_be_paid_in_part() -> None:
    prorate = replace(SCENARIO, fixed_awards="prorate")
    assert audit(BOOK, POLICY, prorate, tampered(A_002=(20 * W, Status.PARTIAL))).violations == ()


def test_below_the_minimum_funding_ratio() -> None:
    rows = tampered(A_003=(30 * W, Status.PARTIAL))
    assert messages(rows) == ["A-003 (row 4): minimum funding ratio 30%: allocated 300,000, below 30% × 1,300,000 = "
                              "390,000 by 90,000, at least one rounding unit (100) — scenario: min_funding_ratio"]


def test_the_minimum_ratio_may_fall_short_by_less_than_one_rounding_unit() -> None:
    third = replace(SCENARIO, min_funding_ratio=Decimal("0.3333"))  # 0.3333 × 1,300,000 = 433,290
    assert audit(BOOK, POLICY, third, tampered(A_003=(433_200, Status.PARTIAL))).violations == ()  # short by 90
    assert [v.rule for v in audit(BOOK, POLICY, third, tampered(A_003=(433_100, Status.PARTIAL))).violations] == [
        "min_ratio"]  # short by 190


def test_a_partial_award_off_the_rounding_grid() -> None:
    rows = tampered(A_003=(900_050, Status.PARTIAL))
    assert messages(rows) == ["A-003 (row 4): rounding: a partial award is a multiple of 100 yuan: allocated 900,050 "
                              "of 1,300,000 — scenario: rounding"]


def test_a_full_award_need_not_be_on_the_rounding_grid() -> None:
    odd = replace(SCENARIO, rounding=300_007)  # A-001's 3,000,000 and A-006's 1,000,000 are full awards
    assert [v.subject for v in audit(BOOK, POLICY, odd, list(CORRECT)).violations] == ["A-003 (row 4)"]


def test_paid_though_ineligible() -> None:
    rows = tampered(A_004=(10 * W, Status.INELIGIBLE))
    assert messages(rows) == ["A-004 (row 5): eligibility: paid 100,000 though INELIGIBLE (clause 7a precondition not "
                              "confirmed: recognised as a basic-level smart factory) — " + CLAUSE_7A]


def test_paid_though_already_supported() -> None:
    rows = tampered(A_007=(10 * W, Status.DUPLICATE))
    assert messages(rows) == ["A-007 (row 8): 就高、不重复: paid 100,000 though DUPLICATE (already granted 600,000 for "
                              "this content by other municipal policies, not less than its entitlement 500,000) — "
                              + ONCE]


def test_paid_though_invalid() -> None:
    rows = tampered(A_008=(10 * W, Status.INVALID))
    assert messages(rows) == ["A-008 (row 9): valid rows: paid 100,000 though INVALID (the workbook row could not be "
                              "read: column 统一社会信用代码: check character is 'X', expected '3') — README, The "
                              "application workbook" + WORKBOOK_RULE]


def test_the_same_content_paid_twice() -> None:
    rows = tampered(A_005=(10 * W, Status.DUPLICATE))
    assert messages(rows) == [f"A-005 (row 6): 就高、不重复: content '一号工厂' of {code(1)} is paid more than once: "
                              "100,000 here and 1,000,000 to A-006 (row 7) — " + ONCE]


def test_a_superseded_application_paid_instead_of_the_kept_one() -> None:
    rows = tampered(A_005=(40 * W, Status.DUPLICATE), A_006=(0, Status.UNFUNDED))
    assert rules(rows) == ["paid_duplicate"]


# --- what each row states


def test_a_status_that_does_not_follow_from_the_amount() -> None:
    rows = tampered(A_003=(90 * W, Status.FUNDED))
    """The amount sets the status: whichever of the two was edited, the advice is to change both (a planner's review:
    `只改分配额时……` said to a sheet whose 状态 alone was edited)."""
    assert messages(rows) == ["A-003 (row 4): status: stated FUNDED, expected PARTIAL (allocated 900,000 of an "
                              "entitlement of 1,300,000); the status follows from the amount: change the two "
                              "together, or leave the status column out — README, Outputs" + OUTPUTS_RULE]


def test_a_status_that_does_not_follow_from_the_rules() -> None:
    """The rules set it, whatever the row is paid: no advice on amounts (a planner's review: 2027-0119 edited from
    重复申报 to 未获资助 was told `只改分配额时，请同时改状态列`)."""
    assert rules(tampered(A_004={"status": Status.UNFUNDED})) == ["status"]
    assert rules(tampered(A_005={"status": Status.UNFUNDED})) == ["status"]
    assert rules(tampered(A_008={"status": Status.UNFUNDED})) == ["status"]
    assert [v.text("zh") for v in check(tampered(A_005={"status": Status.UNFUNDED})).violations] == [
        "A-005（第6行）：状态：填写为“未获资助”（UNFUNDED），应为“重复申报”（DUPLICATE）（与A-006（第7行）为同一内容，就高保留"
        "该项（1,000,000元），本项不重复资助）——渝经信规范〔2026〕2号：同一申报主体同一内容的事项与市级同类政策有重叠的，"
        "按照“就高、不重复”的原则予以支持。"]
    assert messages(tampered(A_004={"status": Status.UNFUNDED})) == [
        "A-004 (row 5): status: stated UNFUNDED, expected INELIGIBLE (clause 7a precondition not confirmed: recognised "
        "as a basic-level smart factory) — 渝经信规范〔2026〕2号 clause 7a: 对基础级智能工厂（数字化车间）项目，"
        "依法依规给予50万元奖励"]


def test_a_wrong_entitlement() -> None:
    rows = tampered(A_003={"entitlement": 200 * W})
    assert messages(rows) == ["A-003 (row 4): entitlement: stated 2,000,000, expected 1,300,000 (clause 4: at most "
                              "2,000,000; requested 1,300,000) — README, The application workbook" + WORKBOOK_RULE
                              + "; " + CLAUSE_4]
    assert rules(tampered(A_005={"entitlement": 50 * W})) == ["entitlement"]


def test_an_entitlement_left_empty_is_not_checked() -> None:
    assert check([replace(r, entitlement=None) for r in CORRECT]).violations == ()


def test_a_missing_row() -> None:
    rows = [r for r in CORRECT if r.application_id != "A-002"]
    assert messages(rows) == ["A-002 (row 3): every input row appears exactly once: the allocation has no row for it "
                              "— README, Outputs" + OUTPUTS_RULE]


def test_many_missing_rows_are_one_line() -> None:
    """An allocation of a few rows audited against the year's workbook said one line per row it lacked (430 of them,
    each citing the README): up to ten are named one by one, more are one line."""
    assert messages([]) == ["rows: the allocation lacks 11 input rows (A-001 … A-011): every input row appears "
                            "exactly once — README, Outputs" + OUTPUTS_RULE,
                            # no award paid below its entitlement: no rounding to excuse ("each of 0 awards")
                            'envelope_min:AI: envelope min: clauses 4, 10 allocated 0, at least 300,000, short by '
                            '300,000 — scenario: [[envelopes]] "AI" min']
    ten = [r for r in CORRECT if r.application_id == "A-001"]
    assert [v.subject for v in check(ten).violations if v.rule == "missing_row"] == [
        f"A-0{n:02d} (row {n + 1})" for n in range(2, 12)]


def test_an_extra_row() -> None:
    rows = [*CORRECT, line("X-9", 0, Status.UNFUNDED, row=13)]
    assert messages(rows) == ["allocation row 13 (X-9): one row per input row: application_id 'X-9' is not in the "
                              "workbook — README, Outputs" + OUTPUTS_RULE]


def test_a_row_given_twice() -> None:
    rows = [*CORRECT, replace(CORRECT[1], row=13)]
    assert messages(rows) == ["A-002 (row 3): every input row appears exactly once: allocation rows 3, 13 hold it, 1 "
                              "more than the workbook has — README, Outputs" + OUTPUTS_RULE]


def test_a_row_that_describes_another_application() -> None:
    rows = tampered(A_001={"clause": " 7B ", "district": "重庆市渝北区", "credit_code": code(1).lower(),
                           "score": "85.0"})
    assert rules(rows) == []  # read as the workbook reader reads them: 渝北区 is 两江新区
    rows = tampered(A_001={"clause": "7a", "district": "沙坪坝区"})
    assert messages(rows) == ["A-001 (row 2): one row per input row: the allocation row differs from the workbook: "
                              "district 沙坪坝区 (workbook: 两江新区); clause 7a (workbook: 7b) — README, Outputs"
                              + OUTPUTS_RULE]


# --- in Chinese


def test_a_violation_is_said_in_chinese_citing_the_policy_the_scenario_or_the_readme() -> None:
    def zh(rows: list[AllocationRow]) -> list[str]:
        return [v.text("zh") for v in check(rows).violations]

    assert zh(tampered(A_001=(3_000_100, Status.FUNDED))) == [
        "A-001（第2行）：第7b条：不超过项目实际投资额的10%（⌊10% × 40,000,000⌋ = 4,000,000元），最高3,000,000元："
        "分配3,000,100元，超过其上限3,000,000元——渝经信规范〔2026〕2号第7b条：对先进级智能工厂项目，按照不超过项目"
        "实际投资额的10%，依法依规给予最高300万元奖补。"]
    assert zh(tampered(A_003=(90 * W, Status.FUNDED))) == [
        "A-003（第4行）：状态：填写为“全额资助”（FUNDED），应为“部分资助”（PARTIAL）（核定额1,300,000元，分配900,000元）；"
        "状态随分配额而定：改其中一列时，请两列一同改，或删去状态列——budgetopt 的分配表规则：每个申报行恰好一行，状态和"
        "核定额如实填写（见 README「Outputs」）"]
    assert zh(tampered(A_002=(20 * W, Status.PARTIAL))) == [
        "A-002（第3行）：定额奖励须全额拨付或不拨付：第10条为定额奖励，核定额400,000元，却分配200,000元"
        '——情景：定额奖励全额拨付或不予资助（fixed_awards = "whole"）']
    assert zh(tampered(A_011=(2_100_100, Status.PARTIAL))) == [
        "预算总额：合计分配7,000,100元，可分配额最多7,000,000元（预算7,500,000元减预留500,000元），超出100元"
        "——情景：年度预算和预留（budget、reserve）；渝经信规范〔2026〕2号：本政策措施所列激励措施标准均为最高标准，"
        "按照年度实际需求实行预算管理和总额控制。"]
    assert zh(tampered(A_010=(30 * W, Status.PARTIAL))) == [
        "区县上限：两江新区：分配4,300,000元，最多4,200,000元（7,000,000元的60%），超出100,000元"
        "——情景：区县占比上限（[districts] max_share）"]
    assert zh(tampered(A_003=(0, Status.UNFUNDED))) == [
        '专项额度“AI”下限：第4、10条合计分配0元，至少300,000元，差300,000元'
        '——情景：专项额度“AI”下限（[[envelopes]] "AI" min）']
    assert zh(tampered(A_004=(10 * W, Status.INELIGIBLE))) == [
        "A-004（第5行）：不符合条件不予资助：状态为“不符合条件”（INELIGIBLE），却分配了100,000元（第7a条的前提条件未确认：认定为"
        "基础级智能工厂（数字化车间））——渝经信规范〔2026〕2号第7a条：对基础级智能工厂（数字化车间）项目，"
        "依法依规给予50万元奖励"]
    assert zh([*CORRECT, line("X-9", 0, Status.UNFUNDED, row=13)]) == [
        "分配表第13行（X-9）：申报表中没有申报编号“X-9”：分配表的每一行须对应申报表的一行——budgetopt 的分配表规则："
        "每个申报行恰好一行，状态和核定额如实填写（见 README「Outputs」）"]


def test_a_violation_speaks_the_runs_language() -> None:
    (violation,) = check(tampered(A_003=(1_300_100, Status.FUNDED))).violations
    assert violation.subject == "A-003 (row 4)"  # the stable key, whatever the language
    assert violation.message == str(violation) == violation.text("en") == (
        "A-003 (row 4): at most the amount requested: allocated 1,300,100, requested 1,300,000 — README, The "
        "application workbook" + WORKBOOK_RULE)
    with use_lang("zh"):
        assert violation.message == str(violation) == (
            "A-003（第4行）：不超过申请金额：分配1,300,100元，申请金额1,300,000元"
            "——budgetopt 的申报表规则：可读取的行与申请金额（见 README「The application workbook」）")


def test_every_violation_is_one_line_in_chinese_too() -> None:
    for rows in TAMPERED:
        for violation in check(rows).violations:
            text = violation.text("zh")
            assert "\n" not in text and "——" in text and ": " not in text.split("——")[0], text
            source = text.rsplit("——", 1)[1]
            assert source.startswith(("情景：", "budgetopt 的", "渝经信规范〔2026〕2号")), text


# --- a status derived from the amounts, not written


def test_a_status_derived_from_the_amounts_is_not_held_against_the_row() -> None:
    derived = [replace(r, status=Status.UNFUNDED if not r.allocated else Status.FUNDED, status_given=False)
               for r in CORRECT]  # what the amounts say without an entitlement column
    assert check(derived).violations == ()
    paid = [replace(r, allocated=10 * W, status=Status.FUNDED) if r.application_id == "A-004" else r
            for r in derived]  # an ineligible application paid is still a violation
    assert [v.rule for v in check(paid).violations] == ["paid_ineligible"]
    above = [replace(r, allocated=1_300_100) if r.application_id == "A-003" else r for r in derived]
    assert [v.rule for v in check(above).violations] == ["above_requested"]
    assert rules(tampered(A_004={"status": Status.UNFUNDED})) == ["status"]  # a status written is still checked


TAMPERED = (  # together, every kind of violation
    [*tampered(A_001={"allocated": 3_000_100, "district": "沙坪坝区"}, A_002=(20 * W, Status.PARTIAL),
               A_003={"allocated": 300_050, "entitlement": 200 * W}, A_004=(10 * W, Status.INELIGIBLE),
               A_005=(10 * W, Status.DUPLICATE), A_007=(10 * W, Status.UNFUNDED), A_008=(10 * W, Status.INVALID),
               A_009=(90 * W, Status.PARTIAL), A_010=(350 * W, Status.FUNDED), A_011=(200 * W, Status.PARTIAL)),
     line("X-9", 0, Status.UNFUNDED, row=13), replace(CORRECT[1], row=14)],
    tampered(A_003=(1_300_100, Status.FUNDED)),
    tampered(A_002=(40 * W, Status.FUNDED), A_003=(130 * W, Status.FUNDED)),
    tampered(A_003=(0, Status.UNFUNDED)),
    tampered(A_002=(50 * W, Status.FUNDED)),
    [r for r in CORRECT if r.application_id != "A-002"],
)


def test_every_violation_cites_what_users_have() -> None:
    """Every kind of violation is one line: its subject, the rule and the amounts, then where the rule comes from in
    words the user has — the policy's sentence, the scenario's key, or the README's section; never the internal
    spec."""
    seen = set()
    for rows in TAMPERED:
        for violation in check(rows).violations:
            seen.add(violation.rule)
            message = violation.message
            assert "CONTRACT" not in message and "§" not in message
            assert message.startswith(f"{violation.subject}: ") and "\n" not in message
            rule, source = message.removeprefix(f"{violation.subject}: ").rsplit(" — ", 1)
            assert rule and source.startswith(("scenario: ", "README, ", "渝经信规范〔2026〕2号")), message
    assert seen == {"budget", "envelope_max", "envelope_min", "district_share", "applicant_cap", "above_ceiling",
                    "above_requested", "above_entitlement", "whole_award", "min_ratio", "rounding", "paid_ineligible",
                    "paid_duplicate", "paid_invalid", "content_paid_twice", "status", "entitlement", "missing_row",
                    "duplicate_row", "extra_row", "mismatch"}


def test_the_scenario_year_makes_other_years_ineligible() -> None:
    late = app(row=2, application_id="L", clause="10", submitted_on=date(2027, 1, 5))
    book = workbook_of(late)
    paid = [line("L", 50 * W, Status.FUNDED, 50 * W, row=2)]
    assert audit(book, POLICY, scenario_of(budget="100万"), paid).violations == ()
    report = audit(book, POLICY, scenario_of(budget="100万", year=2026), paid)
    assert [v.rule for v in report.violations] == ["status", "entitlement", "paid_ineligible"]
    assert "submitted on 2027-01-05, outside the scenario year 2026" in report.violations[0].message


def test_ties_in_a_content_group_keep_the_higher_score_then_earlier_then_smaller_id() -> None:
    same = {"clause": "7a", "content_key": "k"}
    apps = [app(row=2, application_id="B", score=Decimal(90), **same),
            app(row=3, application_id="A", score=Decimal(80), **same),
            app(row=4, application_id="C", score=Decimal(90), submitted_on=date(2026, 3, 1), **same)]
    rows = [line("B", 0, Status.DUPLICATE, row=2), line("A", 0, Status.DUPLICATE, row=3),
            line("C", 50 * W, Status.FUNDED, 50 * W, row=4)]
    assert audit(workbook_of(*apps), POLICY, scenario_of(), rows).violations == ()


# --- reading an allocation file


def csv_bytes(rows: list[list[str]], bom: bool = True, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding)


HEADER = ["application_id", "applicant", "credit_code", "district", "clause", "score", "entitlement", "allocated",
          "status", "reason"]


def test_our_csv_is_read_back_with_the_formula_guard_taken_off() -> None:
    data = csv_bytes([HEADER, ["A-1", inert("=1+2 工厂"), code(1), "两江新区", "7b", "85", "3000000", "3000000",
                               "FUNDED", inert("-less")]])
    (row,) = parse_allocation_csv(data, "allocation.csv")
    assert row == AllocationRow(row=2, application_id="A-1", allocated=3_000_000, status=Status.FUNDED,
                                entitlement=3_000_000, applicant="=1+2 工厂", credit_code=code(1), district="两江新区",
                                clause="7b", score="85", reason="-less")
    assert uninert("'plain") == "'plain"
    assert uninert("'@SUM(A1)") == "@SUM(A1)"


def test_a_field_longer_than_the_csv_modules_default_limit_is_read() -> None:
    """allocation.csv echoes whole the cells of a row that could not be read: 200,000 characters is more than
    Python's csv reads by default (131,072), and the file was refused as no CSV."""
    reason = "第3行，评审得分列：" + "9" * 200_000
    data = csv_bytes([HEADER, ["A-1", "企业", code(1), "两江新区", "7b", "", "0", "0", "INVALID", reason]])
    (row,) = parse_allocation_csv(data, "allocation.csv")
    assert row.reason == reason and row.status is Status.INVALID


def test_a_hand_made_csv_without_bom_or_in_gbk_with_separators_and_labels() -> None:
    rows = [["状态", "申报编号", "分配额（元）", "核定额（元）"], ["全额资助", "A-1", "3,000,000", ""],
            [" partial ", "A-2", "１２，０００", "20000.00"], ["", "", "", ""]]
    for data in (csv_bytes(rows, bom=False), csv_bytes(rows, bom=False, encoding="gbk")):
        first, second = parse_allocation_csv(data, "手工.csv")
        assert (first.application_id, first.allocated, first.entitlement, first.status) == (
            "A-1", 3_000_000, None, Status.FUNDED)
        assert (second.allocated, second.entitlement, second.status) == (12_000, 20_000, Status.PARTIAL)


def test_every_problem_of_an_allocation_file_is_reported_at_once() -> None:
    data = csv_bytes([["application_id", "allocated", "status", "entitlement"],
                      ["A-1", "1500000.5", "PAID", "-3"], ["A-2", "1,50,000", "FUNDED", "x"]])
    with pytest.raises(AllocationFileError) as caught:
        parse_allocation_csv(data, "a.csv")
    assert [str(p) for p in caught.value.problems] == [
        "a.csv, row 2, column allocated: 1500000.5 is not a whole number of yuan",
        "a.csv, row 2, column status: 'PAID' is not a status (one of FUNDED, PARTIAL, UNFUNDED, INELIGIBLE, "
        "DUPLICATE, INVALID)",
        "a.csv, row 2, column entitlement: must not be negative, found -3",
        "a.csv, row 3, column allocated: '1,50,000' has misplaced thousands separators",
        "a.csv, row 3, column entitlement: 'x' is not a number",
    ]
    assert str(caught.value).startswith("a.csv, row 2, column allocated: ")


def test_a_missing_column_is_a_problem() -> None:
    with pytest.raises(AllocationFileError) as caught:
        parse_allocation_csv(csv_bytes([["application_id", "status"], ["A-1", "FUNDED"]]), "a.csv")
    assert str(caught.value) == ("a.csv, row 1: required column allocated is missing (an allocation needs the columns "
                                 "application_id, allocated)")


def test_a_hand_made_allocation_in_wan_without_statuses_is_judged_by_its_amounts() -> None:
    paid = {"A-001": "300", "A-003": "90", "A-006": "100"}  # 万元, as the officer types them
    rows = [["申报编号", "分配额（万元）"], *([r.application_id, paid.get(r.application_id, "0")] for r in CORRECT)]
    hand_made = list(parse_allocation_csv(csv_bytes(rows), "手工.csv"))
    assert not any(r.status_given for r in hand_made)
    assert check(hand_made).violations == ()  # A-003's 90万 of 130万 is PARTIAL, A-004 unpaid: no status to hold
    rows[4][1] = "10"  # A-004, ineligible, paid 10万
    assert messages(list(parse_allocation_csv(csv_bytes(rows), "手工.csv"))) == [
        "A-004 (row 5): eligibility: paid 100,000 though INELIGIBLE (clause 7a precondition not confirmed: recognised "
        "as a basic-level smart factory) — " + CLAUSE_7A]


def test_a_hand_made_xlsx_is_read_from_its_first_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "我的分配"
    sheet.append(["Status", "Allocated", "application_id", "note"])
    sheet.append(["FUNDED", 3_000_000, 2026001, "ok"])
    sheet.append(["UNFUNDED", 1.5, "A-2", None])
    book.create_sheet("applications").append(["application_id"])
    book.save(tmp_path / "hand.xlsx")
    with pytest.raises(AllocationFileError) as caught:
        read_allocation(tmp_path / "hand.xlsx")
    assert [str(p) for p in caught.value.problems] == [
        "hand.xlsx, sheet 我的分配, row 3, column Allocated: 1.5 is not a whole number of yuan (if the column is in "
        "万元, say so in its header, e.g. 'allocated (万元)')"]
    sheet.cell(3, 2).value = 0
    book.save(tmp_path / "hand.xlsx")
    first, second = read_allocation(tmp_path / "hand.xlsx")
    assert (first.application_id, first.allocated, second.status) == ("2026001", 3_000_000, Status.UNFUNDED)


def test_a_formula_without_a_saved_value_is_a_problem(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["application_id", "allocated", "status"])
    book.active.append(["A-1", "=2*250000", "FUNDED"])
    book.save(tmp_path / "formula.xlsx")
    with pytest.raises(AllocationFileError) as caught:
        read_allocation(tmp_path / "formula.xlsx")
    assert str(caught.value) == ("formula.xlsx, sheet Sheet, row 2, column allocated: formula =2*250000 has no saved "
                                 "value (open the file in Excel and save it)")


def test_a_file_that_is_not_an_allocation(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"PK not really")
    with pytest.raises(AllocationFileError, match=r"^x\.xlsx: cannot be read as an \.xlsx workbook"):
        read_allocation(tmp_path / "x.xlsx")
    with pytest.raises(AllocationFileError, match="cannot be opened"):
        read_allocation(tmp_path / "missing.csv")


def test_a_real_workbook_with_an_invalid_row_and_an_abolished_district(tmp_path: Path, policy: Policy) -> None:
    path = write_rows(tmp_path / "apps.xlsx", [
        row(application_id="A-1", district="渝北区", clause="10"),
        row(application_id="A-2", credit_code="91500000MA0000001X", clause="10"),
        row(application_id="A-1", clause="10", credit_code=code(2)),
    ])
    book = read_workbook(path, policy, skip_invalid=True)
    data = csv_bytes([HEADER, ["A-1", "重庆长江智造有限公司", code(1), "渝北区", "10", "85", "500000", "500000",
                               "FUNDED", ""],
                      ["A-2", "", "", "", "", "", "0", "0", "INVALID", ""],
                      ["A-1", "", "", "", "", "", "0", "0", "INVALID", ""]])
    rows = list(parse_allocation_csv(data, "allocation.csv"))
    assert audit(book, policy, scenario_of(budget="100万"), rows).violations == ()
    assert [v.rule for v in audit(book, policy, scenario_of(budget="100万"), rows[:2]).violations] == ["missing_row"]


# --- against the optimiser


def test_the_golden_sample_allocation_passes(policy: Policy) -> None:
    book = read_workbook(ROOT / "data" / "sample_applications.xlsx", policy)
    scenario = load_scenario(ROOT / "data" / "scenario_2026.toml", policy=policy)
    report = audit(book, policy, scenario, read_allocation(ROOT / "tests" / "golden" / "sample_allocation.csv"))
    assert report.violations == ()
    assert report.objective == 18_497_016_561
    assert report.totals.allocated == 194_999_910


CLAUSES = ["3", "4", "10", "7a", "7b", "8a", "9", "11a", "11b", "12", "13", "19", "20"]


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[Application], dict[str, Any]]:
    apps = []
    for i in range(draw(st.integers(1, 9))):
        apps.append(app(
            row=i + 2, application_id=f"A{i:02d}", clause=draw(st.sampled_from(CLAUSES)),
            score=Decimal(draw(st.integers(0, 20))) * 5, credit_code=code(draw(st.integers(1, 3))),
            submitted_on=draw(st.sampled_from([date(2026, 3, 1), date(2026, 3, 2), date(2027, 2, 1),
                                               date(2026, 1, 20)])),
            district=draw(st.sampled_from(["两江新区", "沙坪坝区", "万州区"])),
            investment=draw(st.none() | st.integers(0, 30_000_000).map(lambda n: Decimal(n) / 100 * 11)),
            requested=draw(st.none() | st.integers(1, 300_000_000).map(lambda n: Decimal(n) / 100)),
            content_key=draw(st.none() | st.sampled_from(["k1", "k2"])),
            qualified=draw(st.sampled_from([True, True, False, None])),
            industry=draw(st.none() | st.sampled_from(["food_agri", "steel", "other"])),
            enterprise_size=draw(st.none() | st.sampled_from(["large", "small"])),
            prior_support=draw(st.sampled_from([Decimal(0), Decimal(0), Decimal("100000.01"), Decimal(3_000_000)])),
            group=draw(st.none() | st.sampled_from(["G1", "G2"])),
        ))
    yuan = "{}元".format  # amounts in yuan, said so: a bare number below 10,000 would be taken for a slip of 万
    scenario: dict[str, Any] = {
        "budget": yuan(draw(st.integers(0, 8_000_000))), "year": draw(st.none() | st.just(2026)),
        "fixed_awards": draw(st.sampled_from(["whole", "prorate"])), "rounding": draw(st.sampled_from([1, 100, 1000])),
        "min_funding_ratio": draw(st.sampled_from([0, 0.3, 0.5])),
    }
    if draw(st.booleans()):
        floor = draw(st.sampled_from([0, 100_000, 1_000_000]))
        scenario["envelopes"] = [{"name": "E", "clauses": ["3", "10", "7"], "min": yuan(floor),
                                  "max": yuan(floor + draw(st.integers(0, 5_000_000)))}]
    if draw(st.booleans()):
        scenario["districts"] = {"max_share": draw(st.sampled_from([0.3, 0.5, 0.8]))}
    if draw(st.booleans()):
        scenario["applicants"] = {"max_total": yuan(draw(st.integers(0, 5_000_000)))}
    if draw(st.booleans()):
        scenario.setdefault("applicants", {})["max_period_total"] = yuan(draw(st.integers(0, 5_000_000)))
    if draw(st.booleans()):
        scenario["groups"] = {"max_total": yuan(draw(st.integers(0, 5_000_000)))}
    return apps, scenario


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(instances(), st.sampled_from(["zh", "en"]))
def test_what_the_optimiser_writes_passes_the_audit(instance: tuple[list[Application], dict[str, Any]],
                                                    lang: str) -> None:
    apps, settings_ = instance
    scenario = scenario_of(**settings_)
    book = workbook_of(*apps)
    try:
        allocation = allocate(book, scenario, policy=POLICY, skip_invalid=True)
    except Infeasible:
        assume(False)
        return
    rows = parse_allocation_csv(allocation_csv(allocation, POLICY, lang), "allocation.csv")
    report = audit(book, POLICY, scenario, rows)
    assert [v.message for v in report.violations] == []
    assert report.objective == allocation.objective
