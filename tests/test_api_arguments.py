"""What a planner gets wrong in a notebook, said as an InputError naming the argument (never a traceback of
Python's own, never silently ignored), and what a notebook shows of a result — found by a planner's review."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from helpers import ROOT

import optimizer
from optimizer import InputError, Status
from optimizer.cli import cli
from optimizer.rules.scenario import ScenarioError, load_scenario

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"
AI_PUSH = ROOT / "data" / "scenario_2026_ai_push.toml"


def said(error: pytest.ExceptionInfo[Exception]) -> list[str]:
    assert isinstance(error.value, InputError)
    return [problem.text("en") for problem in error.value.problems]


# --- scenarios


@pytest.mark.parametrize("wrong", [[{"reserve": "500万"}], 5, 3.2, ("a",), {"budget"}, b"budget = 1"])
def test_a_scenario_of_another_type_is_refused_not_taken_for_no_scenario(wrong: Any) -> None:
    # a scenario wrapped in a list by mistake had run with no reserve and no caps
    with pytest.raises(ScenarioError) as error:
        optimizer.allocate(SAMPLE, wrong, budget="2亿")
    assert said(error) == [f"{type(wrong).__name__}: is not a scenario: give the path of a scenario file (TOML), a "
                           "dict with the scenario file's keys, or what load_scenario returned"]


def test_decimals_fractions_and_decimal_text_are_numbers_for_shares_and_weights() -> None:
    loaded = load_scenario(SCENARIO)
    again = load_scenario({"weights": dict(loaded.weights), "min_funding_ratio": loaded.min_funding_ratio,
                           "districts": {"max_share": Fraction(1, 8)}}, budget="2亿")
    assert again.weights == loaded.weights and again.min_funding_ratio == loaded.min_funding_ratio
    assert again.district_max_share == Decimal("0.125")
    # decimal text, as Scenario.as_dict() writes shares and weights, is the exact decimal (it was refused)
    text = load_scenario({"weights": {"4": "1.5"}, "min_funding_ratio": " 0.3 "}, budget="2亿")
    assert (text.weight("4"), text.min_funding_ratio) == (Decimal("1.5"), Decimal("0.3"))
    with pytest.raises(ScenarioError) as error:
        load_scenario({"weights": {"4": "1.5x", "6": "1e999999999"}, "districts": {"max_share": Decimal("NaN")},
                       "min_funding_ratio": "30%"}, budget="2亿")
    assert said(error) == ["scenario: min_funding_ratio: '30%' is not a number between 0 and 1",
                           "scenario: weights.4: '1.5x' is not a weight (a number ≥ 0)",
                           "scenario: weights.6: '1e999999999' is not a weight (a number ≥ 0)",
                           "scenario: districts.max_share: Decimal('NaN') is not a number between 0 and 1"]


def test_a_weight_beyond_1e300_is_a_sentence_not_an_overflow() -> None:
    """Decimal('1e999999999') was taken as a weight and stopped allocate with decimal.Overflow."""
    with pytest.raises(ScenarioError) as error:
        optimizer.allocate(SAMPLE, {"weights": {"4": Decimal("1e999999999")}}, budget="2亿")
    assert said(error) == ["scenario: weights.4: Decimal('1E+999999999') is not a weight (a number ≥ 0)"]


@pytest.mark.parametrize(("budget", "message"), [
    ("1.99元", "budget: 1.99元 is not a whole number of yuan: budgets, reserves, limits and the rounding are whole "
              "yuan"),
    ("1.23456万", "budget: 1.23456万 (12345.6 yuan) is not a whole number of yuan: budgets, reserves, limits and the "
                 "rounding are whole yuan"),
    (Decimal("200000000.9"), "budget: 200000000.9 is not a whole number of yuan: budgets, reserves, limits and the "
                             "rounding are whole yuan"),
])
def test_a_fraction_of_a_yuan_is_refused_not_cut_off(budget: Any, message: str) -> None:
    with pytest.raises(ScenarioError) as error:
        load_scenario(None, budget=budget)
    assert said(error) == [message]


def test_a_rounding_of_a_fraction_of_a_yuan_is_refused() -> None:
    with pytest.raises(ScenarioError) as error:
        load_scenario({"rounding": 1.5, "reserve": "0.5万"}, budget="2亿")
    assert said(error) == ["scenario: rounding: 1.5 is not a whole number of yuan: budgets, reserves, limits and the "
                           "rounding are whole yuan"]
    assert load_scenario({"reserve": "0.5万"}, budget="2亿").reserve == 5_000


# --- sweeps and stability


def test_levels_may_be_one_text_as_the_command_line_takes_them(levels: optimizer.Sweep) -> None:
    assert [level.budget for level in levels.levels] == [3_000_000, 100_000_000, 200_000_000]
    assert levels.to_frame()["available"].isna().tolist() == [True, False, False]  # below the reserve: none


@pytest.mark.parametrize("wrong", [None, b"1e8", {"a": 1}])
def test_levels_of_another_kind_are_refused(wrong: Any) -> None:
    with pytest.raises(InputError) as error:
        optimizer.sweep(SAMPLE, SCENARIO, levels=wrong, workers=1)
    assert said(error) == [f"levels: {type(wrong).__name__} is no budget levels: give a list of amounts, e.g. "
                           '["8000万", "1亿"], or one text "8000万,1亿"']


def test_a_level_below_the_reserve_is_a_note_and_the_others_are_solved(levels: optimizer.Sweep) -> None:
    frame = levels.to_frame(lang="en")
    assert frame["note"].tolist()[0] == "reserve 500万 is above the budget 300万"
    assert frame["allocated"].tolist()[1:] == [94_999_910, 194_999_910]
    assert levels.to_frame()["note"].tolist()[0] == "预留资金500万元高于年度预算300万元"


def test_the_command_line_sweeps_from_0(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--lang", "en", "sweep", str(SAMPLE), "--scenario", str(SCENARIO), "--from",
                                      "0", "--to", "2亿", "--steps", "3", "--out", str(tmp_path), "--workers", "1"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(tmp_path / "sweep.csv", encoding="utf-8-sig")
    assert frame["budget"].tolist() == [0, 100_000_000, 200_000_000]
    assert frame["note"].tolist()[0] == "reserve 500万 is above the budget 0 yuan"


def test_a_levels_allocation_as_a_frame_and_audited(levels: optimizer.Sweep) -> None:
    frame = levels.allocation_frame("1亿")
    assert int(frame["allocated"].sum()) == 94_999_910
    assert list(frame.columns) == list(optimizer.allocate(SAMPLE, SCENARIO, budget="1亿").to_frame().columns)
    assert optimizer.audit(SAMPLE, levels.levels[1].allocation, SCENARIO, budget="1亿").ok
    for budget, message in (("3亿", "budget: the sweep has no level at 3亿; its levels are 300万, 1亿, 2亿"),
                            ("300万", "budget: the level at 300万 has no solution: see its note")):
        with pytest.raises(InputError) as error:
            levels.allocation_frame(budget)
        assert said(error) == [message]


@pytest.mark.parametrize("workers", [-1, 0, True, 1.5, "2"])
def test_workers_must_be_a_whole_number_of_at_least_1(workers: Any) -> None:
    message = f"workers: workers must be a whole number of at least 1 (or None: one per core), not {workers!r}"
    with pytest.raises(InputError) as error:
        optimizer.sweep(SAMPLE, SCENARIO, levels=["1亿"], workers=workers)
    assert said(error) == [message]
    with pytest.raises(InputError) as error:
        optimizer.stability(SAMPLE, SCENARIO, draws=1, sigma=1, seed=1, workers=workers)
    assert said(error) == [message]


# --- results by name


def test_statuses_are_counted_by_name_in_any_case_or_label(sample: optimizer.Allocation) -> None:
    assert {sample.count(name) for name in (Status.FUNDED, "FUNDED", "funded", " Funded ", "全额资助",
                                            "funded in full")} == {123}
    for wrong in ("FUNDDED", None):
        with pytest.raises(InputError) as error:
            sample.count(wrong)  # type: ignore[arg-type]
        assert said(error) == [f"status: {wrong!r} is none of FUNDED, PARTIAL, UNFUNDED, INELIGIBLE, DUPLICATE, "
                               "INVALID (or their labels)"]


def test_stability_classes_are_counted_by_name_or_label() -> None:
    result = optimizer.stability(SAMPLE, SCENARIO, draws=2, sigma=0, seed=1, workers=1)
    assert result.count("Always") == result.count("始终获资助") == result.count("always funded") > 0
    assert result.money("NEVER") == 0
    with pytest.raises(InputError) as error:
        result.count("sometime")
    assert said(error) == ["class: 'sometime' is none of always, sometimes, never (or their labels)"]
    assert repr(result).startswith("<Stability '2026 base case': 2 draws, sigma 0, seed 1; ")


# --- comparisons and audits


def test_compare_refuses_what_is_not_a_run(sample: optimizer.Allocation) -> None:
    for wrong, shown in ((sample.to_frame(), "DataFrame"), (None, "NoneType")):
        with pytest.raises(InputError) as error:
            optimizer.compare(sample, wrong)  # type: ignore[arg-type]
        assert said(error) == [f"B: {shown} is not a run: give a folder allocate wrote, or what allocate returned"]


def test_the_totals_side_by_side_and_the_objectives_only_when_comparable(sample: optimizer.Allocation) -> None:
    plain = optimizer.compare(sample, optimizer.allocate(SAMPLE, SCENARIO, budget="1.5亿")).totals_frame()
    assert plain.set_index("key").loc["objective", "difference"] == Decimal(14219973165 - 18497016561)
    push = optimizer.compare(sample, optimizer.allocate(SAMPLE, AI_PUSH))
    assert push.objectives_comparable is False
    totals = push.totals_frame().set_index("key")
    assert totals.loc["objective", "difference"] is None
    assert totals.loc["allocated", "difference"] == totals.loc["allocated", "b"] - totals.loc["allocated", "a"]
    assert set(push.totals_frame()["group"]) == {"total", "section", "clause", "district", "valued"}
    assert totals.loc["objective_under_A", "difference"] == Decimal(18427842199 - 18497016561)  # in A's weights


def test_audit_takes_what_allocate_returned(sample: optimizer.Allocation) -> None:
    report = optimizer.audit(SAMPLE, sample, SCENARIO)
    assert report.ok and report.allocation == "Allocation" and report.below_optimum == 0
    assert repr(report) == "<AuditResult 'Allocation' against 'sample_applications.xlsx': compliant>"
    with pytest.raises(InputError) as error:
        optimizer.audit(SAMPLE, 5, SCENARIO)
    assert said(error) == ["int: is not an allocation: give the path of a .csv or .xlsx file, a pandas DataFrame "
                           "with allocation.csv's columns (application_id, allocated and status at least), or what "
                           "allocate returned"]


# --- languages and what a notebook shows


def test_use_lang_is_the_librarys_and_an_unknown_language_is_refused(sample: optimizer.Allocation,
                                                                      tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="lang must be zh or en, not 'fr'"), optimizer.use_lang("fr"):
        pass
    with optimizer.use_lang("zh"), pytest.raises(InputError) as error:
        sample.to_frame(lang="fr")
    assert error.value.text("zh") == "lang：语言应为 \"zh\"（中文）或 \"en\"（英文），给出的是 'fr'"
    for call in (lambda: sample.write(tmp_path, lang="fr"), lambda: optimizer.compare(sample, sample, lang="fr")):
        with pytest.raises(InputError):
            call()
    assert not list(tmp_path.iterdir())


def test_a_notebook_shows_one_line_of_each_result(sample: optimizer.Allocation, levels: optimizer.Sweep) -> None:
    assert repr(sample) == ("<Allocation '2026 base case': budget 200,000,000, available 195,000,000, allocated "
                            "194,999,910 yuan; 434 rows (FUNDED 123, PARTIAL 4, UNFUNDED 243, INELIGIBLE 40, "
                            "DUPLICATE 24); objective 18497016561; highs optimal; 4 warnings>")
    assert repr(levels) == ("<Sweep '2026 base case': 3 levels from 3,000,000 to 200,000,000 yuan, 1 without a "
                            "solution; 3 warnings>")
    assert repr(optimizer.read_applications(SAMPLE)) == "<Applications 'sample_applications.xlsx': 434 valid, 0 " \
                                                        "invalid, 3 warnings>"
    assert repr(optimizer.compare(sample, sample)) == ("<Comparison 'A 2026 base case' → 'B 2026 base case': 0 "
                                                       "applications differ>")


# --- the ledger


def test_a_ledger_with_a_damaged_page_is_damaged_for_check_too(tmp_path: Path) -> None:
    # a review overwrote an index page: `ledger check` said 完整 (exit 0) and only a write found the damage
    ledger = tmp_path / "ledger.sqlite"
    optimizer.init_ledger(ledger)
    optimizer.import_awards(ledger, ROOT / "data" / "awards_other_policy_2026.xlsx", "另一政策")
    with sqlite3.connect(ledger) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        index = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchone()[0]
    data = bytearray(ledger.read_bytes())
    data[(index - 1) * page:(index - 1) * page + 100] = b"\xa5" * 100
    ledger.write_bytes(bytes(data))
    result = CliRunner().invoke(cli, ["--lang", "en", "ledger", "check", str(ledger)])
    assert result.exit_code == 2
    assert result.stderr.startswith("ledger.sqlite: is damaged and cannot be read as a ledger (SQLite's "
                                    "integrity check fails: ")
