"""Each of the 24 clauses of 渝经信规范〔2026〕2号: what an example applicant is entitled to, and what makes it
ineligible. Amounts in yuan; 1万 = 10,000."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from helpers import app

from optimizer.domain import Status
from optimizer.rules.entitle import assess
from optimizer.rules.policy import Policy

W = 10_000  # one 万元


def entitled(policy: Policy, **fields: Any) -> int:
    ent = assess(app(**fields), policy)
    assert ent.status is None, ent.reasons
    return ent.amount


def refused(policy: Policy, **fields: Any) -> set[str]:
    ent = assess(app(**fields), policy)
    assert ent.status is Status.INELIGIBLE and ent.amount == 0
    return {r.code for r in ent.reasons}


# (clause, what the applicant brings, entitlement, what makes it ineligible, the rule it then breaks)
CASES: list[tuple[str, str, dict[str, Any], int, dict[str, Any], str]] = [
    ("1", "an industry brain that completed its open-call build task gets the fixed 200万",
     {"qualified": True}, 200 * W, {"qualified": None}, "not_qualified"),
    ("2", "a future factory investing 3,000万 gets 10% of it: 300万",
     {"investment": Decimal(30_000_000)}, 300 * W, {"qualified": False}, "not_qualified"),
    ("3", "an industrial data set is paid up to 300万",
     {"investment": None}, 300 * W, {"submitted_on": date(2026, 2, 1)}, "outside_period"),
    ("4", "a vertical large model asking for 120万 gets at most what it asked",
     {"requested": Decimal(1_200_000)}, 120 * W, {"submitted_on": date(2028, 1, 1)},
     "outside_period"),
    ("5", "an AI case selected by MIIT gets the fixed 50万",
     {}, 50 * W, {"qualified": None}, "not_qualified"),
    ("6", "a large-model test platform gets the fixed 200万, no recognition needed",
     {"qualified": None}, 200 * W, {"submitted_on": date(2026, 1, 31)}, "outside_period"),
    ("7a", "a basic-level smart factory (digital workshop) gets the fixed 50万",
     {}, 50 * W, {"qualified": False}, "not_qualified"),
    ("7b", "an advanced smart factory investing 4,000万 is entitled to 300万, not 400万",
     {"investment": Decimal(40_000_000)}, 300 * W, {"investment": None}, "no_base"),
    ("8a", "a national excellent-level smart factory gets the fixed 100万",
     {}, 100 * W, {"qualified": None}, "not_qualified"),
    ("8b", "a national leading-level smart factory gets the fixed 300万",
     {}, 300 * W, {"qualified": False}, "not_qualified"),
    ("9", "a food processor investing 456.78万 gets ⌊10%⌋ = 45.6780万",
     {"industry": "food_agri", "investment": Decimal("4567800.00")}, 456_780, {"industry": "steel"},
     "industry_not_admitted"),
    ("10", "a new-model industrial-internet project gets the fixed 50万",
     {"qualified": None}, 50 * W, {"submitted_on": date(2025, 12, 1)}, "outside_period"),
    ("11a", "a small enterprise's digital upgrade is paid up to 50万",
     {"enterprise_size": "small"}, 50 * W, {"enterprise_size": "large"}, "size_not_admitted"),
    ("11b", "a 小快轻准 product is paid up to 30万",
     {}, 30 * W, {"submitted_on": date(2028, 3, 1)}, "outside_period"),
    ("12", "a cement plant investing 1,234.567890万 gets ⌊10% × 12,345,678.90⌋ = 1,234,567",
     {"industry": "cement", "investment": Decimal("12345678.90")}, 1_234_567, {"industry": None},
     "industry_missing"),
    ("13", "a water-saving retrofit investing 2,500万 gets 100万, not 250万",
     {"investment": Decimal(25_000_000)}, 100 * W, {"investment": Decimal(0)}, "no_base"),
    ("14a", "a national green park is paid up to 100万",
     {}, 100 * W, {"qualified": None}, "not_qualified"),
    ("14b", "a national green factory is paid up to 50万",
     {}, 50 * W, {"qualified": False}, "not_qualified"),
    ("15", "a 5G factory investing 800万 gets 80万",
     {"investment": Decimal(8_000_000)}, 80 * W, {"investment": None}, "no_base"),
    ("16", "a licensed identifier-resolution node investing 3,000万 gets 200万, not 300万",
     {"investment": Decimal(30_000_000)}, 200 * W, {"qualified": None}, "not_qualified"),
    ("17", "an empowerment centre investing 1,000万 gets 20% of it: 200万",
     {"investment": Decimal(10_000_000)}, 200 * W, {"investment": None}, "no_base"),
    ("18", "a national promotion centre gets the fixed 150万",
     {}, 150 * W, {"qualified": None}, "not_qualified"),
    ("20", "a national contest costing 1,000万 gets 30% of the cost: 300万",
     {"investment": Decimal(10_000_000)}, 300 * W, {"investment": None}, "no_base"),
]


@pytest.mark.parametrize(("clause", "story", "fields", "amount", "breaking", "rule"), CASES,
                         ids=[c[0] for c in CASES])
def test_clause(policy: Policy, clause: str, story: str, fields: dict[str, Any], amount: int,
                breaking: dict[str, Any], rule: str) -> None:
    assert entitled(policy, clause=clause, **fields) == amount, story
    assert rule in refused(policy, clause=clause, **{**fields, **breaking})


def test_clause_19_is_bought_as_a_service_and_never_a_grant(policy: Policy) -> None:
    assert refused(policy, clause="19") == {"procurement"}


def test_every_clause_of_the_model_has_a_case() -> None:
    assert {c[0] for c in CASES} | {"19"} == {
        "1", "2", "3", "4", "5", "6", "7a", "7b", "8a", "8b", "9", "10", "11a", "11b", "12", "13", "14a", "14b",
        "15", "16", "17", "18", "19", "20"}


def test_a_fixed_award_asked_for_in_part_is_the_part_asked_for(policy: Policy) -> None:
    assert entitled(policy, clause="7a", requested=Decimal("300000.99")) == 300_000


def test_a_request_above_the_standard_does_not_raise_it(policy: Policy) -> None:
    assert entitled(policy, clause="7a", requested=Decimal(900_000)) == 50 * W


def test_the_period_is_inclusive_at_both_ends(policy: Policy) -> None:
    assert entitled(policy, clause="10", submitted_on=date(2026, 2, 2)) == 50 * W
    assert entitled(policy, clause="10", submitted_on=date(2027, 12, 31)) == 50 * W


def test_a_scenario_year_excludes_other_years(policy: Policy) -> None:
    ent = assess(app(clause="10", submitted_on=date(2027, 1, 5)), policy, year=2026)
    assert ent.status is Status.INELIGIBLE and [r.code for r in ent.reasons] == ["outside_year"]


def test_size_missing_under_11a_is_ineligible(policy: Policy) -> None:
    assert refused(policy, clause="11a", enterprise_size=None) == {"size_missing"}


def test_every_failed_rule_is_named(policy: Policy) -> None:
    codes = refused(policy, clause="9", industry=None, investment=None, submitted_on=date(2026, 1, 1))
    assert codes == {"industry_missing", "no_base", "outside_period"}
