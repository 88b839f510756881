"""The scenario file (README, The scenario file): what it accepts, and a sentence naming the key for every mistake."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from helpers import ROOT

from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Envelope, Scenario, ScenarioError, load_scenario, with_budget


def scenario_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, policy: Policy, text: str, budget: str | None = None) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(scenario_file(tmp_path, text), budget=budget, policy=policy)
    return [str(p) for p in caught.value.problems]


def test_the_shipped_scenario(policy: Policy) -> None:
    s = load_scenario(ROOT / "data" / "scenario_2026.toml", policy=policy)
    assert (s.name, s.year, s.budget, s.reserve, s.available) == ("2026 base case", 2026, 200_000_000, 5_000_000,
                                                                   195_000_000)
    assert s.envelopes[0] == Envelope("人工智能赋能", ("3", "4", "5", "6"), max=40_000_000, min=15_000_000)
    assert s.weight("4") == Decimal("1.3") and s.weight("10") == Decimal(1)


def test_the_contracts_example(tmp_path: Path, policy: Policy) -> None:
    s = load_scenario(scenario_file(tmp_path, """
name = "2026 base case"
year = 2026
budget = "1.2亿"
reserve = "500万"
fixed_awards = "whole"
min_funding_ratio = 0.0
rounding = 1
[weights]
"4" = 1.5
[[envelopes]]
name = "AI empowerment"
clauses = ["3", "4", "5", "6"]
max = "3000万"
min = "500万"
[districts]
max_share = 0.25
[applicants]
max_total = "800万"
"""), policy=policy)
    assert s == Scenario(
        name="2026 base case", year=2026, budget=120_000_000, reserve=5_000_000, fixed_awards="whole",
        min_funding_ratio=Decimal(0), rounding=1, weights={"4": Decimal("1.5")},
        envelopes=(Envelope("AI empowerment", ("3", "4", "5", "6"), max=30_000_000, min=5_000_000),),
        district_max_share=Decimal("0.25"), applicant_max_total=8_000_000)
    assert s.district_cap() == 28_750_000


@pytest.mark.parametrize("amount", ["120000000", "120,000,000", "12000万", "1.2亿"])
def test_budget_on_the_command_line_overrides_the_file(tmp_path: Path, policy: Policy, amount: str) -> None:
    s = load_scenario(scenario_file(tmp_path, 'budget = "1亿"\n'), budget=amount, policy=policy)
    assert s.budget == 120_000_000


def test_budget_alone_is_a_scenario(policy: Policy) -> None:
    assert load_scenario(None, budget="5000万", policy=policy) == Scenario(budget=50_000_000)


def test_no_budget_anywhere(policy: Policy) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(None, budget=None, policy=policy)
    [problem] = caught.value.problems
    assert (str(problem), problem.code) == ("no budget: give a budget or set budget in the scenario",
                                            "scenario.no_budget")


def test_a_split_clause_number_stands_for_its_awards(tmp_path: Path, policy: Policy) -> None:
    s = load_scenario(scenario_file(tmp_path, 'budget = "1亿"\n[weights]\n"7" = 2\n[[envelopes]]\nname = "e"\n'
                                              'clauses = ["7", "8a"]\nmax = "1000万"\n'), policy=policy)
    assert s.envelopes[0].clauses == ("7a", "7b", "8a")
    assert s.weight("7a") == s.weight("7b") == 2


@pytest.mark.parametrize(("text", "message"), [
    ('budjet = "1亿"', "s.toml: unknown key 'budjet' (known: name, year, budget, reserve, fixed_awards, "
                      "min_funding_ratio, rounding, weights, envelopes, districts, applicants)"),
    ('budget = "lots"', "s.toml: budget: 'lots' is not an amount (write e.g. 120000000, 120,000,000, 12000万 or "
                        "1.2亿)"),
    ('budget = "-5万"', "s.toml: budget: -5万 is negative"),
    ('budget = "1亿"\nreserve = -1', "s.toml: reserve: -1 is negative"),
    ('budget = "1亿"\nmin_funding_ratio = 1.5', "s.toml: min_funding_ratio: 1.5 is outside 0–1"),
    ('budget = "1亿"\nfixed_awards = "half"', "s.toml: fixed_awards: 'half' is not one of 'whole', 'prorate'"),
    ('budget = "1亿"\nrounding = 0', "s.toml: rounding: must be a whole number of yuan, at least 1"),
    ('budget = "1亿"\nyear = 26', "s.toml: year: 26 is not a year"),
    ('budget = "1亿"\n[weights]\n"21" = 2', "s.toml: weights: unknown clause id '21' "
                                            "(1…20, 7a/7b, 8a/8b, 11a/11b, 14a/14b)"),
    ('budget = "1亿"\n[weights]\n"4" = -1', "s.toml: weights.4: -1 is not a weight (a number ≥ 0)"),
    ('budget = "1亿"\n[districts]\nmax_share = 1.2', "s.toml: districts.max_share: 1.2 is outside 0–1"),
    ('budget = "1亿"\n[districts]\nmax = 3', "s.toml: districts.max: unknown key (known: max_share)"),
    ('budget = "1亿"\n[applicants]\nmax_total = "many"', "s.toml: applicants.max_total: 'many' is not an amount "
                                                         "(write e.g. 120000000, 120,000,000, 12000万 or 1.2亿)"),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3", "99"]\nmax = "1000万"',
     "s.toml: envelopes[1] (AI).clauses: unknown clause id '99' (1…20, 7a/7b, 8a/8b, 11a/11b, 14a/14b)"),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmax = "100万"\nmin = "200万"',
     "s.toml: envelopes[1] (AI): min 200万 is above max 100万"),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmax_share = 2',
     "s.toml: envelopes[1] (AI).max_share: 2 is outside 0–1"),
    ('budget = "1亿"\n[[envelopes]]\nclauses = ["3"]', "s.toml: envelopes[1]: needs a name"),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = []', "s.toml: envelopes[1] (AI).clauses: must be a "
                                                                  "non-empty list of clause ids"),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nceiling = 5',
     "s.toml: envelopes[1] (AI): unknown key 'ceiling' (known: name, clauses, max, max_share, min)"),
])
def test_each_mistake_names_its_key(tmp_path: Path, policy: Policy, text: str, message: str) -> None:
    assert problems(tmp_path, policy, text) == [message]


def test_all_mistakes_at_once(tmp_path: Path, policy: Policy) -> None:
    found = problems(tmp_path, policy, 'budget = "1亿"\nreserve = "x"\nrounding = -3\n[districts]\nmax_share = 7')
    assert len(found) == 3


def test_checks_that_need_the_budget(tmp_path: Path, policy: Policy) -> None:
    assert problems(tmp_path, policy, 'budget = "300万"\nreserve = "500万"') == [
        "s.toml: reserve 500万 is above the budget 300万"]
    text = 'budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmax_share = 0.1\nmin = "2000万"'
    assert problems(tmp_path, policy, text) == ["s.toml: envelopes[1] (AI): min 2000万 is above its max 1000万"]


def test_a_bad_budget_on_the_command_line(policy: Policy) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(None, budget="12 thousand", policy=policy)
    [problem] = caught.value.problems
    assert str(problem) == ("budget: '12 thousand' is not an amount (write e.g. 120000000, 120,000,000, 12000万 or "
                            "1.2亿)")
    assert problem.file == "budget"  # the command line calls it --budget: test_cli_allocate


def test_not_toml(tmp_path: Path, policy: Policy) -> None:
    found = problems(tmp_path, policy, "budget = ")
    assert found[0].startswith("s.toml: not a valid TOML file")


def test_another_budget_level(policy: Policy) -> None:
    assert with_budget(Scenario(budget=1, reserve=0), 5).available == 5
