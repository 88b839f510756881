"""The scenario file (README, The scenario file): what it accepts, and a sentence naming the key for every mistake."""

from __future__ import annotations

import contextlib
import copy
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from helpers import ROOT, code, never_hangs, put, row, write_rows
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from optimizer.domain import Applications
from optimizer.errors import Infeasible, InputError
from optimizer.jobs.allocate import allocate
from optimizer.reading.applications import read_applications
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Envelope, Scenario, ScenarioError, load_scenario, read_budget, with_budget
from optimizer.words import use_lang


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
    ('budget = "1亿"\nbudjet = "1亿"', "s.toml: unknown key 'budjet' (known: name, year, budget, reserve, "
                                       "fixed_awards, min_funding_ratio, rounding, weights, envelopes, districts, "
                                       "applicants, groups)"),
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
    # found by hand-made hostile scenarios: each was an "unexpected error" (InvalidOperation, OverflowError), exit 1
    ('budget = "1亿"\n[weights]\n"4" = nan', "s.toml: weights.4: nan is not a weight (a number ≥ 0)"),
    ('budget = "1亿"\n[weights]\n"4" = inf', "s.toml: weights.4: inf is not a weight (a number ≥ 0)"),
    ('budget = "1亿"\nmin_funding_ratio = nan', "s.toml: min_funding_ratio: nan is not a number between 0 and 1"),
    ('budget = "1e400元"', "s.toml: budget: 1e400元 is too large to be an amount (at most 1,000,000,000,000,000 "
                          "yuan)"),
    ('budget = "1亿"\nreserve = 1e300', "s.toml: reserve: 1e+300 is too large to be an amount (at most "
                                       "1,000,000,000,000,000 yuan)"),
    ('budget = "1亿"\n[applicants]\nmax_total = "10000000.01亿"', "s.toml: applicants.max_total: 10000000.01亿 is too "
                                                                 "large to be an amount (at most "
                                                                 "1,000,000,000,000,000 yuan)"),
    ('budget = "1亿"\n[districts]\nmax_share = 1.2', "s.toml: districts.max_share: 1.2 is outside 0–1"),
    ('budget = "1亿"\n[districts]\nmax = 3', "s.toml: districts.max: unknown key (known: max_share)"),
    ('budget = "1亿"\n[applicants]\nmax_total = "many"', "s.toml: applicants.max_total: 'many' is not an amount "
                                                         "(write e.g. 120000000, 120,000,000, 12000万 or 1.2亿)"),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3", "99"]\nmax = "1000万"',
     "s.toml: envelopes[1] (AI).clauses: unknown clause id '99' (1…20, 7a/7b, 8a/8b, 11a/11b, 14a/14b)"),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmax = "100万"\nmin = "200万"',
     "s.toml: envelopes[1] (AI): min 200万 is above max 100万"),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmax_share = 2.5',
     "s.toml: envelopes[1] (AI).max_share: 2.5 is outside 0–1"),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmax_share = 20',  # 20 typed for 20%
     "s.toml: envelopes[1] (AI).max_share: 20 is outside 0–1: did you mean 20% (0.2)?"),
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


def test_a_reserve_above_the_budget_names_the_keys_only_where_the_file_is_edited(tmp_path: Path,
                                                                                 policy: Policy) -> None:
    """An officer's review: a plan's table said 预留 reserve 500万元高于预算 budget 0元. The command line, whose user
    edits the scenario file, names its keys; a report, the app and a plan say the settings in words."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario(scenario_file(tmp_path, 'budget = "300万"\nreserve = "500万"'), policy=policy)
    (problem,) = caught.value.problems
    assert problem.text("zh") == "s.toml：预留资金500万元高于年度预算300万元"
    assert problem.text("zh", "web") == "s.toml：预留资金500万元高于年度预算300万元"
    assert problem.text("zh", "cli") == "s.toml：预留 reserve 500万元高于预算 budget 300万元"
    english = {problem.text("en", face) for face in (None, "cli", "web")}
    assert english == {"s.toml: reserve 500万 is above the budget 300万"}


def test_the_form_says_an_envelopes_floor_by_its_fields_labels() -> None:
    """The form's fields are 下限金额 and 上限金额: a floor above its cap is not said there in the file's keys."""
    from optimizer.web.forms import on_the_form

    said = []
    for envelope in ({"max": "100万", "min": "200万"}, {"max_share": 0.1, "min": "2000万"}):
        with pytest.raises(ScenarioError) as caught:
            load_scenario({"budget": "1亿", "envelopes": [{"name": "AI", "clauses": ["3"], **envelope}]})
        said += [on_the_form(p, "zh") for p in caught.value.problems]
    assert said == ["专项额度“AI”：下限金额200万元高于上限金额100万元",
                    "专项额度“AI”：下限金额2000万元高于其上限1000万元"]


def test_a_bad_budget_on_the_command_line(policy: Policy) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(None, budget="12 thousand", policy=policy)
    [problem] = caught.value.problems
    assert str(problem) == ("budget: '12 thousand' is not an amount (write e.g. 120000000, 120,000,000, 12000万 or "
                            "1.2亿)")
    assert problem.file == "budget"  # the command line calls it --budget: test_cli_allocate


def test_a_long_value_is_quoted_in_brief(tmp_path: Path, policy: Policy) -> None:
    # a message is for reading: a hundred characters of what was written, and how long it was
    long = "1" * 300
    assert problems(tmp_path, policy, f'budget = "{long}x"\nreserve = "-{long}"') == [
        f"s.toml: budget: '{long[:100]}… (301 characters)' is not an amount (write e.g. 120000000, 120,000,000, "
        "12000万 or 1.2亿)",
        f"s.toml: reserve: -{long[:99]}… (301 characters) is negative"]
    with pytest.raises(ScenarioError) as caught:
        load_scenario(None, budget=long + "万x", policy=policy)
    assert caught.value.text("zh") == (f"budget：“{long[:100]}…（共 302 个字符）”不是金额（可写作 120000000、"
                                       "120,000,000、12000万、1.2亿，或 3000元）")


def test_not_toml(tmp_path: Path, policy: Policy) -> None:
    found = problems(tmp_path, policy, "budget = ")
    assert found[0].startswith("s.toml: not a valid TOML file")


def test_a_file_saved_by_notepad_with_a_bom_is_read(tmp_path: Path, policy: Policy) -> None:
    path = tmp_path / "情景.toml"
    path.write_bytes("\ufeffname = \"记事本\"\nbudget = \"2亿\"\n".encode())
    scenario = load_scenario(path, policy=policy)
    assert (scenario.name, scenario.budget) == ("记事本", 200_000_000)


@pytest.mark.parametrize(("content", "said"), [
    ('name = "方案"\nbudget = "2亿"\n'.encode("gbk"),
     "情景.toml：不是 UTF-8 编码的文本文件：可能是以 ANSI（GBK）编码保存的，请在记事本中“另存为”并把编码选为 UTF-8"),
    (b"PK\x03\x04\x14\x00\x06\x00\xff\xfe", "情景.toml：不是文本文件（可能选成了 Excel 工作簿或其他文件）"),
])
def test_a_file_that_is_no_utf8_text_says_what_it_may_be(tmp_path: Path, policy: Policy, content: bytes,
                                                         said: str) -> None:
    path = tmp_path / "情景.toml"
    path.write_bytes(content)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, policy=policy)
    assert caught.value.text("zh") == said


def test_another_budget_level(policy: Policy) -> None:
    assert with_budget(Scenario(budget=1, reserve=0), 5).available == 5


def test_a_misspelt_budget_is_an_unknown_key_and_no_budget(tmp_path: Path, policy: Policy) -> None:
    assert problems(tmp_path, policy, 'budjet = "1亿"') == [
        "s.toml: unknown key 'budjet' (known: name, year, budget, reserve, fixed_awards, min_funding_ratio, "
        "rounding, weights, envelopes, districts, applicants, groups)",
        "no budget: give a budget or set budget in the scenario"]


# A bare number below 10,000 for an amount of money is surely 万元 written as yuan (issue 15).

@pytest.mark.parametrize(("text", "message"), [
    ("budget = 3000", 's.toml: budget: 3000 is a very small budget — did you mean "3000万"? Write "3000元" to mean '
                      "yuan"),
    ('budget = "3,000"', 's.toml: budget: 3,000 is a very small budget — did you mean "3000万"? Write "3000元" to '
                         "mean yuan"),
    ("budget = 2.5", 's.toml: budget: 2.5 is a very small budget — did you mean "2.5万"? Write "2.5元" to mean yuan'),
    ('budget = "1亿"\nreserve = 500', 's.toml: reserve: 500 is a very small reserve — did you mean "500万"? Write '
                                    '"500元" to mean yuan'),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmax = 4000',
     's.toml: envelopes[1] (AI).max: 4000 is a very small cap — did you mean "4000万"? Write "4000元" to mean yuan'),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmin = "1500"',
     's.toml: envelopes[1] (AI).min: 1500 is a very small floor — did you mean "1500万"? Write "1500元" to mean '
     "yuan"),
    ('budget = "1亿"\n[applicants]\nmax_total = 600', 's.toml: applicants.max_total: 600 is a very small cap — did '
                                                     'you mean "600万"? Write "600元" to mean yuan'),
    # a bare budget below 100万: the app's officers typed 12000 for 1.2亿, and ran a budget of 1.2万
    ('budget = "12000"', 's.toml: budget: 12000 is a very small budget — did you mean "12000万"? Write "12000元" to '
                         "mean yuan"),
    ("budget = 999999", 's.toml: budget: 999999 is a very small budget — did you mean "999999万"? Write "999999元" '
                        "to mean yuan"),
])
def test_a_bare_small_amount_is_refused(tmp_path: Path, policy: Policy, text: str, message: str) -> None:
    assert problems(tmp_path, policy, text) == [message]


def test_a_small_amount_with_its_unit_is_meant(tmp_path: Path, policy: Policy) -> None:
    s = load_scenario(scenario_file(tmp_path, 'budget = "9000元"\nreserve = "0.05万"\n[[envelopes]]\nname = "e"\n'
                                              'clauses = ["3"]\nmax = "5000元"\nmin = "1元"\n[applicants]\n'
                                              'max_total = "800元"\n'), policy=policy)
    assert (s.budget, s.reserve, s.envelopes[0].max, s.envelopes[0].min, s.applicant_max_total) == (
        9000, 500, 5000, 1, 800)


def test_zero_large_numbers_and_the_rounding_are_not_small(tmp_path: Path, policy: Policy) -> None:
    assert load_scenario({"budget": 1_000_000, "reserve": 500_000}, policy=policy).budget == 1_000_000  # 100万
    s = load_scenario({"budget": 120_000_000, "reserve": 0, "rounding": 100,
                       "envelopes": [{"name": "e", "clauses": ["3"], "max": 10_000, "min": 0}]}, policy=policy)
    assert (s.budget, s.reserve, s.rounding, s.envelopes[0].max, s.envelopes[0].min) == (120_000_000, 0, 100,
                                                                                          10_000, 0)
    assert load_scenario(None, budget=0, policy=policy).budget == 0


def test_a_small_budget_argument_is_refused_in_a_dict_too(policy: Policy) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario({"budget": 3000}, policy=policy)
    assert [str(p) for p in caught.value.problems] == [
        'scenario: budget: 3000 is a very small budget — did you mean "3000万"? Write "3000元" to mean yuan']
    for given in (3000, "3000", Decimal(3000)):
        with pytest.raises(ScenarioError) as caught:
            load_scenario(None, budget=given, policy=policy)
        [problem] = caught.value.problems
        assert (problem.file, problem.code, problem.says()) == (
            "budget", "scenario.small_amount", "3000 is a very small budget — did you mean 3000万? Write 3000元 to "
                                               "mean yuan")
    assert load_scenario(None, budget="3000元", policy=policy).budget == 3000


def test_read_budget_places_its_mistakes() -> None:
    assert read_budget("1.5亿") == 150_000_000 and read_budget("3000元") == 3000
    with pytest.raises(ScenarioError) as caught:
        read_budget("5000", "levels")
    assert str(caught.value) == "levels: 5000 is a very small budget — did you mean 5000万? Write 5000元 to mean yuan"


# A TOML mistake names the line; an amount written without quotes is told how to write it (issue 15).

@pytest.mark.parametrize(("text", "line"), [
    ("budget = 3000万\n", 'line 1 reads budget = 3000万: an amount with a unit or thousands separators must be in '
                         'quotes: budget = "3000万"'),
    ('name = "x"\nreserve = 1.5亿元   # the reserve\n',
     'line 2 reads reserve = 1.5亿元   # the reserve: an amount with a unit or thousands separators must be in quotes: '
     'reserve = "1.5亿元"'),
    ('budget = "1亿"\n[applicants]\nmax_total = 8,000,000\n', 'line 3 reads max_total = 8,000,000: an amount with '
                                                             'a unit or thousands separators must be in quotes: '
                                                             'max_total = "8,000,000"'),
])
def test_an_unquoted_amount_is_told_how_to_write_it(tmp_path: Path, policy: Policy, text: str, line: str) -> None:
    [found] = problems(tmp_path, policy, text)
    assert found.startswith("s.toml: not a valid TOML file (Expected newline or end of document after a statement "
                            "(at line ")
    assert found.endswith(line)


def test_other_toml_mistakes_have_no_amount_hint(tmp_path: Path, policy: Policy) -> None:
    assert problems(tmp_path, policy, "budget = ") == [
        "s.toml: not a valid TOML file (Invalid value (at end of document))"]
    assert problems(tmp_path, policy, "budget = lots\n") == [
        "s.toml: not a valid TOML file (Invalid value (at line 1, column 10))"]


@pytest.mark.parametrize(("text", "problem"), [
    ("budget = " + "9" * 5000, "holds an integer of more than 4,300 digits, which no amount or setting can be"),
    ("envelopes = " + "[" * 50_000 + "]" * 50_000, "nests arrays or tables too deeply to be a scenario or policy file"),
])
def test_pythons_own_limits_are_named_not_an_unexpected_error(tmp_path: Path, policy: Policy, text: str,
                                                              problem: str) -> None:
    """tomllib raises a ValueError that is no TOMLDecodeError for an integer past Python's 4,300 digits, and a
    RecursionError for arrays nested past Python's recursion limit."""
    assert problems(tmp_path, policy, text + "\n") == [f"s.toml: {problem}"]


@pytest.mark.parametrize("line", ["budget = 1" + " " * 200_000 + "x", "budget = " + "1," * 100_000 + " x",
                                  "budget = 1万" + " " * 200_000 + "x"])
def test_a_long_line_that_is_not_toml_is_named_at_once(tmp_path: Path, policy: Policy, line: str) -> None:
    """The pattern that looks for an unquoted amount on the line tomllib stopped at backtracked quadratically: a
    line of 200,000 spaces took minutes (a scenario uploaded to the app, say)."""
    with never_hangs():
        [found] = problems(tmp_path, policy, line + "\n")
    assert found.startswith("s.toml: not a valid TOML file (") and "line 1" in found


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_as_the_scenario_is_refused_before_it_is_read(tmp_path: Path, policy: Policy) -> None:
    """A named pipe blocked the run for good when it was read."""
    os.mkfifo(tmp_path / "s.toml")
    with never_hangs(), pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "s.toml", policy=policy)
    assert str(caught.value.problems[0]).endswith("(is not a regular file (a pipe, a device or another special one))")


def test_a_missing_scenario_file(tmp_path: Path, policy: Policy) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "missing.toml", policy=policy)
    assert caught.value.text("en") == "missing.toml: cannot read the scenario file (No such file or directory)"
    assert caught.value.text("zh") == "missing.toml：无法读取情景文件（文件不存在）"


# Every mistake at once: those that need the budget too, whether it comes from the file or the argument (issue 15).

def test_a_reserve_above_the_budget_is_reported_with_the_other_mistakes(tmp_path: Path, policy: Policy) -> None:
    assert problems(tmp_path, policy, 'budget = "300万"\nreserve = "500万"\nrounding = -3\nyear = 26') == [
        "s.toml: year: 26 is not a year",
        "s.toml: rounding: -3 is negative",
        "s.toml: reserve 500万 is above the budget 300万"]


def test_a_floor_above_its_share_is_reported_with_the_other_mistakes(tmp_path: Path, policy: Policy) -> None:
    text = ('budget = "1亿"\nfixed_awards = "half"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmax_share = 0.1\n'
            'min = "2000万"\n[[envelopes]]\nname = "B"\nclauses = ["4"]\nmax = "100万"\nmin = "200万"')
    assert problems(tmp_path, policy, text) == [
        "s.toml: fixed_awards: 'half' is not one of 'whole', 'prorate'",
        "s.toml: envelopes[2] (B): min 200万 is above max 100万",  # said once, not again as "above its max"
        "s.toml: envelopes[1] (AI): min 2000万 is above its max 1000万"]


def test_the_budget_argument_is_checked_with_the_files_mistakes(tmp_path: Path, policy: Policy) -> None:
    text = 'reserve = "500万"\n[[envelopes]]\nname = "AI"\nclauses = ["3", "99"]\nmax_share = 0.1\nmin = "200万"'
    assert problems(tmp_path, policy, text, budget="300万") == [
        "s.toml: envelopes[1] (AI).clauses: unknown clause id '99' (1…20, 7a/7b, 8a/8b, 11a/11b, 14a/14b)",
        "s.toml: reserve 500万 is above the budget 300万"]
    assert problems(tmp_path, policy, text, budget="lots") == [
        "s.toml: envelopes[1] (AI).clauses: unknown clause id '99' (1…20, 7a/7b, 8a/8b, 11a/11b, 14a/14b)",
        "budget: 'lots' is not an amount (write e.g. 120000000, 120,000,000, 12000万 or 1.2亿)"]


def test_an_envelope_without_a_name_keeps_the_others_places(tmp_path: Path, policy: Policy) -> None:
    text = ('budget = "1亿"\n[[envelopes]]\nclauses = ["3"]\n[[envelopes]]\nname = "AI"\nclauses = ["4"]\n'
            'max_share = 0.1\nmin = "2000万"')
    assert problems(tmp_path, policy, text) == [
        "s.toml: envelopes[1]: needs a name",
        "s.toml: envelopes[2] (AI): min 2000万 is above its max 1000万"]


def test_a_budget_level_too_small_for_a_floor(policy: Policy) -> None:
    scenario = load_scenario({"budget": "1亿", "envelopes": [{"name": "AI", "clauses": ["3"], "max_share": 0.1,
                                                             "min": "500万"}]}, policy=policy)
    with pytest.raises(ScenarioError) as caught:
        with_budget(scenario, 20_000_000)
    assert str(caught.value) == "budget level: envelopes[1] (AI): min 500万 is above its max 200万"


# The same mistakes in Chinese, as a Chinese run says them.

@pytest.mark.parametrize(("text", "message"), [
    ('budget = "1亿"\nbudjet = 1', "s.toml：未知的键“budjet”（可用的键：name、year、budget、reserve、fixed_awards、"
                                 "min_funding_ratio、rounding、weights、envelopes、districts、applicants、groups）"),
    ('budget = "lots"', "s.toml：budget：“lots”不是金额（可写作 120000000、120,000,000、12000万、1.2亿，或 3000元）"),
    ('budget = "-5万"', "s.toml：budget：-5万 为负数"),
    ("budget = 3000", 's.toml：budget：3000 作为预算过小：是否应为 "3000万"？如确指 3000 元，请写作 "3000元"'),
    ('budget = "1亿"\nmin_funding_ratio = 1.5', "s.toml：min_funding_ratio：1.5 超出 0–1 的范围"),
    ('budget = "1亿"\nfixed_awards = "half"', "s.toml：fixed_awards：'half' 不是可用的取值（'whole'、'prorate'）"),
    ('budget = "1亿"\nrounding = 0', "s.toml：rounding：须为整数元，且至少为 1"),
    ('budget = "1亿"\n[weights]\n"21" = 2',
     "s.toml：weights：未知的条款编号“21”（可用：1…20、7a/7b、8a/8b、11a/11b、14a/14b）"),
    ('budget = "1亿"\n[districts]\nmax = 3', "s.toml：districts.max：未知的键（可用的键：max_share）"),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmax = "100万"\nmin = "200万"',
     "s.toml：envelopes[1] (AI)：下限 min 200万元高于上限 max 100万元"),
    ('budget = "1亿"\n[[envelopes]]\nclauses = ["3"]', "s.toml：envelopes[1]：缺少 name（专项额度的名称）"),
    ('budget = "300万"\nreserve = "500万"', "s.toml：预留资金500万元高于年度预算300万元"),
    ('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmax_share = 0.1\nmin = "2000万"',
     "s.toml：envelopes[1] (AI)：下限 min 2000万元高于其上限 1000万元"),
    ("budget = 3000万", "s.toml：不是有效的 TOML 文件（第1行第14列：一条语句之后应换行）；第1行为 budget = 3000万："
                       '带单位或千位分隔符的金额须加英文双引号：budget = "3000万"'),
    ('budget = "1亿"\n[districts]\n[districts]', "s.toml：不是有效的 TOML 文件（第3行第11列：districts 声明了两次）"),
    ('budget = "1亿"\nname = ok', "s.toml：不是有效的 TOML 文件（第2行第8列：值无效；文字须加英文双引号，数字不加）"),
])
def test_each_mistake_in_chinese(tmp_path: Path, policy: Policy, text: str, message: str) -> None:
    with use_lang("zh"):
        assert problems(tmp_path, policy, text) == [message]


def test_the_budget_argument_in_chinese(policy: Policy) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(None, budget="3000", policy=policy)
    assert caught.value.text("zh") == "budget：3000 作为预算过小：是否应为 3000万？如确指 3000 元，请写作 3000元"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(None, policy=policy)
    assert caught.value.text("zh", face="cli") == "没有年度预算：请用 --budget 给出，或在情景文件中设置 budget"


# ---------------------------------------------------------------- any scenario: a sentence or an allocation


_ODD = st.one_of(
    st.floats(), st.integers(-10**30, 10**30), st.booleans(), st.text(max_size=8),
    st.sampled_from(["1亿", "2000万", "3000元", "1e400元", "-5万", "0", "nan", "inf", "30%", "0.3", "1e15", "",
                     "10000000亿", "0.001元", "1e-400"]),
    st.floats(-1e30, 1e30).map(lambda f: f"{f:g}万"), st.lists(st.integers(), max_size=2))
_BASE = {"budget": "1亿", "reserve": "100万", "min_funding_ratio": 0.3, "rounding": "1万", "weights": {"7a": 2},
         "envelopes": [{"name": "AI", "clauses": ["7a", "7b"], "max_share": 0.5, "min": "100万"}],
         "districts": {"max_share": 0.6}, "applicants": {"max_total": "3000万"}, "groups": {"max_total": "5000万"}}
_PLACES: list[tuple[str | int, ...]] = [
    ("budget",), ("reserve",), ("min_funding_ratio",), ("rounding",), ("year",), ("fixed_awards",), ("weights", "7a"),
    ("weights", "3"), ("envelopes", 0, "max_share"), ("envelopes", 0, "max"), ("envelopes", 0, "min"),
    ("districts", "max_share"), ("applicants", "max_total"), ("applicants", "max_period_total"),
    ("groups", "max_total")]


def _changed(changes: list[tuple[tuple[str | int, ...], object]]) -> dict[str, Any]:
    """The base scenario with a value put at each place."""
    data: dict[str, Any] = copy.deepcopy(_BASE)
    for place, value in changes:
        put(data, place, value)
    return data


@pytest.fixture(scope="module")
def small_year(tmp_path_factory: pytest.TempPathFactory, policy: Policy) -> Applications:
    path = write_rows(tmp_path_factory.mktemp("year") / "apps.xlsx", [
        row(application_id=f"A-{i}", credit_code=code(i % 3), clause=clause, score=60 + 10 * (i % 4),
            district=("两江新区", "渝中区")[i % 2], investment=10_000_000 * (i + 1))
        for i, clause in enumerate(["7b", "7a", "3", "8a", "11a", "7b"])])
    return read_applications(path, policy=policy)


_SPECIAL = [float("nan"), float("inf"), float("-inf"), 1e300, -1.0, 10**20, "1e400元", "nan", True, [1],
            "1e999999999", "1E-999999999"]  # Decimal holds them; its arithmetic overflowed (decimal.Overflow)


def sentences_or_an_allocation(policy: Policy, year: Applications,
                               changes: list[tuple[tuple[str | int, ...], object]]) -> None:
    """The base scenario changed is refused with sentences or allocated: no other exception."""
    try:
        scenario = load_scenario(_changed(changes), policy=policy)
    except ScenarioError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        return
    assert all(0 <= w < float("inf") for w in scenario.weights.values())
    with contextlib.suppress(InputError, Infeasible):
        allocate(year, scenario, policy=policy)


@pytest.mark.parametrize("value", _SPECIAL, ids=repr)
@pytest.mark.parametrize("place", _PLACES, ids=lambda place: ".".join(map(str, place)))
def test_an_odd_value_anywhere_is_sentences_or_an_allocation(policy: Policy, small_year: Applications,
                                                             place: tuple[str | int, ...], value: object) -> None:
    """TOML's NaN and infinity too: a budget of 1e400 yuan once passed the reader and overflowed in the solver; a
    weight or a minimum ratio of NaN stopped the run with InvalidOperation (both "unexpected errors", exit 1)."""
    sentences_or_an_allocation(policy, small_year, [(place, value)])


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@hypothesis.given(changes=st.lists(st.tuples(st.sampled_from(_PLACES), _ODD), min_size=1, max_size=3))
def test_any_scenario_is_sentences_or_an_allocation(policy: Policy, small_year: Applications,
                                                    changes: list[tuple[tuple[str | int, ...], object]]) -> None:
    sentences_or_an_allocation(policy, small_year, changes)
