"""A scenario written out loads back as itself, and a planner's variant of a scenario is checked as a file is.

A review found `load_scenario(base.as_dict())` refused with seven errors (shares and weights exported as text), and
no validated way to change one setting: `dataclasses.replace` skipped every check, dict surgery on `tomllib`'s
tables was the only route.
"""

from __future__ import annotations

import copy
import json
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from helpers import ROOT
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import optimizer
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Scenario, ScenarioError, load_scenario

DATA = ROOT / "data"
SHIPPED = sorted(DATA.glob("scenario_*.toml"))
SAMPLE = DATA / "sample_applications.xlsx"
BASE = DATA / "scenario_2026.toml"


def said(error: pytest.ExceptionInfo[ScenarioError]) -> list[str]:
    return [problem.text("en") for problem in error.value.problems]


# ---------------------------------------------------------------- as_dict loads back


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_a_shipped_scenario_written_out_loads_back_as_itself(path: Path) -> None:
    scenario = load_scenario(path)
    assert load_scenario(scenario.as_dict()) == scenario
    # and so does what manifest.json records of it: the same dict through JSON
    assert load_scenario(json.loads(json.dumps(scenario.as_dict()))) == scenario


def test_what_as_dict_writes_is_unchanged_for_the_manifest() -> None:
    """Amounts stay whole numbers, shares and weights exact decimal text: manifest.json is read back in that shape
    (reading/manifest_file.py), and equal runs must keep writing equal bytes."""
    recorded = load_scenario(BASE).as_dict()
    assert (recorded["reserve"], recorded["min_funding_ratio"], recorded["weights"]["4"]) == (5_000_000, "0.3", "1.3")
    assert json.dumps(recorded["envelopes"][0], ensure_ascii=False) == (
        '{"name": "人工智能赋能", "clauses": ["3", "4", "5", "6"], "max": 40000000, "max_share": null, '
        '"min": 15000000}')
    assert repr(recorded["reserve"]) == "5000000" and type(recorded["reserve"]) is not int  # yuan, not 万 forgotten


def test_a_small_amount_in_yuan_loads_back_though_a_bare_one_typed_by_hand_is_still_asked_about() -> None:
    tiny = load_scenario({"reserve": "5000元", "applicants": {"max_total": "9000元"}}, budget="80万元")
    assert load_scenario(tiny.as_dict()) == tiny
    with pytest.raises(ScenarioError) as error:
        load_scenario({**tiny.as_dict(), "reserve": 5000})
    assert said(error) == ["scenario: reserve: 5000 is a very small reserve — did you mean \"5000万\"? Write "
                           "\"5000元\" to mean yuan"]


_IDS = ["1", "2", "3", "4", "5", "6", "7", "7a", "7b", "8", "8b", "9", "10", "11", "14a", "15", "19", "20"]
_DECIMALS = st.decimals(min_value=0, max_value=1, allow_nan=False, allow_infinity=False)
_SHARE = st.one_of(_DECIMALS, _DECIMALS.map(str), st.floats(0, 1), st.fractions(0, 1), st.sampled_from([0, 1]))
_WEIGHT = st.one_of(st.decimals(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False),
                    st.floats(0, 50), st.integers(0, 5), st.decimals(0, 9, places=3).map(str))
_YUAN = st.integers(1, 10**13).map(lambda n: f"{n}元")  # any whole yuan, with its unit (a bare 3000 is asked about)
_AMOUNT = st.one_of(_YUAN, st.integers(1, 5_000).map(lambda n: f"{n}万"), st.integers(10_000, 10**12))


@st.composite
def _envelopes(draw: st.DrawFn) -> list[dict[str, Any]]:
    names = draw(st.lists(st.sampled_from(["人工智能赋能", "绿色制造", "AI", "平台 2"]), max_size=3, unique=True))
    envelopes = []
    for name in names:
        low = draw(st.none() | st.integers(0, 10**8))
        envelope = {"name": name, "clauses": draw(st.lists(st.sampled_from(_IDS), min_size=1, max_size=4)),
                    "max": draw(st.none() | st.integers(0, 10**9).map(lambda n, low=low: f"{n + (low or 0)}元")),
                    "max_share": draw(st.none() | _SHARE), "min": None if low is None else f"{low}元"}
        envelopes.append({key: value for key, value in envelope.items() if value is not None})
    return envelopes


@st.composite
def _scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """Scenario dicts that mostly load: any of the keys, each value of a kind the file takes."""
    reserve = draw(st.integers(0, 10**9))
    data: dict[str, Any] = {
        "name": draw(st.text(min_size=1, max_size=12).filter(str.strip)),
        "year": draw(st.none() | st.integers(2000, 2100)),
        "budget": f"{reserve + draw(st.integers(0, 10**11))}元", "reserve": f"{reserve}元",
        "fixed_awards": draw(st.sampled_from(["whole", "prorate"])), "min_funding_ratio": draw(_SHARE),
        "rounding": draw(st.integers(1, 10**6)), "weights": draw(st.dictionaries(st.sampled_from(_IDS), _WEIGHT)),
        "envelopes": draw(_envelopes()), "districts": {"max_share": draw(st.none() | _SHARE)},
        "applicants": {"max_total": draw(st.none() | _AMOUNT), "max_period_total": draw(st.none() | _AMOUNT)},
        "groups": {"max_total": draw(st.none() | _AMOUNT)},
    }
    return {key: value for key, value in data.items() if value is not None and draw(st.booleans())} | {
        "budget": data["budget"]}


@settings(max_examples=200, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@hypothesis.given(data=_scenarios())
def test_any_scenario_written_out_loads_back_as_itself(policy: Policy, data: dict[str, Any]) -> None:
    try:
        scenario = load_scenario(data, policy=policy)
    except ScenarioError:
        hypothesis.reject()
    again = load_scenario(scenario.as_dict(), policy=policy)
    assert again == scenario and again.as_dict() == scenario.as_dict()
    assert load_scenario(copy.deepcopy(scenario.as_dict()), policy=policy) == scenario  # a copy to edit, too


# ---------------------------------------------------------------- a variant, checked


def test_a_variant_changes_what_it_names_and_keeps_the_rest() -> None:
    base = load_scenario(BASE)
    variant = load_scenario(base, weights={"4": 1}, districts={"max_share": None}, name="clause 4 at 1")
    assert (variant.name, variant.weight("4"), variant.district_max_share) == ("clause 4 at 1", Decimal(1), None)
    assert variant.weights == {**base.weights, "4": Decimal(1)}  # the other weights kept
    assert (variant.envelopes, variant.reserve, variant.budget) == (base.envelopes, base.reserve, base.budget)
    assert variant.path is None  # no longer the file: a run of it records no scenario file
    assert load_scenario(BASE, weights={"4": 1}, districts={"max_share": None}, name="clause 4 at 1") == variant
    assert load_scenario(variant.as_dict()) == variant


def test_a_variant_allocates_as_the_planners_dict_surgery_did() -> None:
    """The review's route (q6g.py): tomllib, deepcopy, one weight changed — now one call, and checked."""
    raw = tomllib.loads(BASE.read_text(encoding="utf-8"))
    by_hand = copy.deepcopy(raw)
    by_hand["weights"]["4"] = 1.0
    variant = load_scenario(BASE, weights={"4": 1.0})
    assert variant == load_scenario(by_hand)
    apps = optimizer.read_applications(SAMPLE)
    assert optimizer.allocate(apps, variant).awards == optimizer.allocate(apps, by_hand).awards


def test_a_split_clause_and_an_envelope_list_in_a_variant() -> None:
    base = load_scenario(BASE)
    split = load_scenario(base, weights={"7": "1.5"})
    assert (split.weight("7a"), split.weight("7b"), split.weight("4")) == (Decimal("1.5"), Decimal("1.5"),
                                                                         Decimal("1.3"))
    widened = [{**e, "max": "6000万"} if e["name"] == "人工智能赋能" else e for e in base.as_dict()["envelopes"]]
    wide = load_scenario(base, envelopes=widened)
    assert [e.max for e in wide.envelopes] == [60_000_000, None] and wide.envelopes[1] == base.envelopes[1]
    assert load_scenario(base, envelopes=[]).envelopes == ()


def test_a_variants_mistakes_are_named_as_a_files_are() -> None:
    base = load_scenario(BASE)
    with pytest.raises(ScenarioError) as error:
        load_scenario(base, district={"max_share": 0.2}, weights={"21": 1, "4": "heavy"},
                      applicants={"max": "500万"}, reserve=3000)
    assert said(error) == [
        "scenario: unknown key 'district' (known: name, year, budget, reserve, fixed_awards, min_funding_ratio, "
        "rounding, weights, envelopes, districts, applicants, groups)",
        "scenario: applicants.max: unknown key (known: max_total, max_period_total)",
        "scenario: reserve: 3000 is a very small reserve — did you mean \"3000万\"? Write \"3000元\" to mean yuan",
        "scenario: weights.4: 'heavy' is not a weight (a number ≥ 0)",  # the base's weight, changed: in its place
        "scenario: weights: unknown clause id '21' (1…20, 7a/7b, 8a/8b, 11a/11b, 14a/14b)"]
    with pytest.raises(ScenarioError) as error:
        load_scenario(base, reserve="3亿")
    assert said(error) == ["scenario: reserve 3亿 is above the budget 2亿"]


def test_a_files_own_mistakes_come_before_its_variants(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('budget = "2亿"\nreserve = -5\n', encoding="utf-8")
    with pytest.raises(ScenarioError) as error:
        load_scenario(wrong, name="variant")
    assert said(error) == ["wrong.toml: reserve: -5 is negative"]


def test_a_variant_at_another_budget_and_of_nothing_but_a_budget() -> None:
    base = load_scenario(BASE)
    assert load_scenario(base, budget="1.5亿", reserve="0").available == 150_000_000
    assert load_scenario(None, budget="1亿", reserve="500万") == load_scenario({"reserve": "500万"}, budget="1亿")
    assert load_scenario(base, budget="1.5亿", name="x").budget_given == "1.5亿"


def test_decimal_text_and_fractions_load_exactly() -> None:
    loaded = load_scenario({"min_funding_ratio": "0.1234567890123456789", "districts": {"max_share": Fraction(1, 3)},
                            "weights": {"4": "1E+2"}}, budget="1亿")
    assert loaded.min_funding_ratio == Decimal("0.1234567890123456789") and loaded.weight("4") == 100
    assert load_scenario(loaded.as_dict()) == loaded
    assert isinstance(loaded, Scenario)
