"""`budgetopt compare`: a run against itself changes nothing; two known runs list exactly the expected changes."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from clirun import run
from helpers import EN_HEADERS, ROOT, every_key_year, places, put, row, write_rows

import optimizer
from optimizer.errors import Hint, SolverError
from optimizer.jobs.compare import compare
from optimizer.reading.run_folder import RunData, RunFolderError
from optimizer.report.compare_limits import audit_line, limits_text, listed_breaches
from optimizer.report.compare_out import compare_html, compare_xlsx
from optimizer.report.compare_runs import measured_alike, one_side
from optimizer.report.compare_words import ValuationWords, valuation_text, valuation_words, valued_line
from optimizer.report.limits import budget_marginal
from optimizer.results import ComparisonResult
from optimizer.words import Phrase


@pytest.fixture
def runs(tmp_path: Path) -> Path:
    """Three applications under clause 3 (at most 300万 each), scores 90, 80, 70; runs at 400万 and 600万."""
    rows = [row(application_id=i, clause="3", score=s, applicant=f"企业{i}") for i, s in
            (("A", 90), ("B", 80), ("C", 70))]
    book = write_rows(tmp_path / "apps.xlsx", rows, EN_HEADERS)
    for name, budget in (("low", "400万"), ("high", "600万")):
        code, _, err = run("allocate", book, "--budget", budget, "--out", tmp_path / name, "--lang", "en")
        assert code == 0, err
    return tmp_path


def test_the_statuses_of_the_changes_are_said_in_the_reports_language(runs: Path) -> None:
    """compare.xlsx and compare.html showed FUNDED / PARTIAL in a Chinese report (the terminal said 全额资助)."""
    code, _, err = run("compare", runs / "low", runs / "high", "--out", runs / "zh", "--lang", "zh")
    assert code == 0, err
    sheet = openpyxl.load_workbook(runs / "zh" / "compare.xlsx").worksheets[-1]
    row = [c.value for c in next(sheet.iter_rows(min_row=2))]
    assert (row[6], row[8]) == ("部分资助", "全额资助")
    page = (runs / "zh" / "compare.html").read_text(encoding="utf-8")
    assert "<td>部分资助</td>" in page and "PARTIAL" not in page and "FUNDED" not in page


def test_a_run_compared_with_itself_changes_nothing(runs: Path) -> None:
    code, out, err = run("compare", runs / "low", runs / "low", "--out", runs / "same", "--lang", "en")
    assert code == 0, err
    assert "no application changed" in out
    assert openpyxl.load_workbook(runs / "same" / "compare.xlsx")["Changes"].max_row == 1


def test_two_known_runs_list_exactly_the_expected_changes(runs: Path) -> None:
    # 400万: A 300万, B 100万 (partial), C nothing. 600万: A 300万, B 300万, C nothing.
    code, out, err = run("compare", runs / "low", runs / "high", "--out", runs / "cmp", "--lang", "en")
    assert code == 0, err
    sheet = openpyxl.load_workbook(runs / "cmp" / "compare.xlsx")["Changes"]
    assert [c.value for c in sheet[1]][:7] == ["Change", "Application", "Applicant", "Clause", "District",
                                               "A low allocated (yuan)", "A status"]  # an officer's review: "setting"
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert [(r[0], r[1], r[5], r[6], r[7], r[8], r[9]) for r in rows] == [  # not the codes; capitals, as the page
        ("Changed", "B", 1_000_000, "Partly funded", 3_000_000, "Funded in full", 2_000_000)]
    assert "B" in out and "1,000,000 partly funded" in out and "3,000,000 funded in full" in out
    totals = {r[0].value: (r[1].value, r[2].value, r[3].value)
              for r in openpyxl.load_workbook(runs / "cmp" / "compare.xlsx")["Totals"].iter_rows(min_row=2)}
    assert totals["Allocated (yuan)"] == (4_000_000, 6_000_000, 2_000_000)


def test_runs_on_different_workbooks_keep_rows_of_only_one(runs: Path) -> None:
    other = write_rows(runs / "other.xlsx", [row(application_id="A", clause="3", score=90),
                                             row(application_id="D", clause="3", score=60)], EN_HEADERS)
    code, _, err = run("allocate", other, "--budget", "400万", "--out", runs / "other", "--lang", "en")
    assert code == 0, err
    code, _, err = run("compare", runs / "low", runs / "other", "--out", runs / "cmp2", "--lang", "en")
    assert code == 0, err
    sheet = openpyxl.load_workbook(runs / "cmp2" / "compare.xlsx")["Changes"]
    kinds = sorted((r[0].value, r[1].value) for r in sheet.iter_rows(min_row=2))
    assert kinds == [("Only in A", "B"), ("Only in A", "C"), ("Only in B", "D")]


def test_runs_with_no_application_in_common_are_said_to_be_of_different_applications(runs: Path) -> None:
    # an auditor's review: 2026 against 2027 listed 654 lines of "only in A/B" without a word
    other = write_rows(runs / "other.xlsx", [row(application_id="X", clause="3", score=90)], EN_HEADERS)
    code, _, err = run("allocate", other, "--budget", "400万", "--out", runs / "other", "--lang", "en")
    assert code == 0, err
    code, out, err = run("compare", runs / "low", runs / "other", "--out", runs / "cmp3", "--lang", "en")
    assert code == 0, err
    lines = out.splitlines()
    assert ("The two runs have no application id in common: A's 3 applications and B's 1 are each in one run only, "
            "and are not listed here (compare.xlsx's sheet Changes lists them all).") in lines
    assert not any(line.startswith("only in") for line in lines)  # said, not listed row by row
    code, out, _ = run("compare", runs / "low", runs / "high", "--out", runs / "cmp4", "--lang", "en")
    assert "no application id in common" not in out


def test_the_page_is_self_contained(runs: Path) -> None:
    run("compare", runs / "low", runs / "high", "--out", runs / "cmp", "--lang", "zh")
    html = (runs / "cmp" / "compare.html").read_text(encoding="utf-8")
    assert "两次分配对比" in html and "http://" not in html and "https://" not in html


def test_a_run_echoing_a_cell_longer_than_the_csv_modules_limit_is_compared(runs: Path) -> None:
    """A row that could not be read is echoed whole into allocation.csv; a hand-made sheet's cell of 200,000
    characters made that field longer than Python's csv reads by default (131,072): compare stopped on our own
    run folder with an unexpected error."""
    with zipfile.ZipFile(runs / "apps.xlsx") as source, zipfile.ZipFile(runs / "long.xlsx", "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":  # B3, B's applicant: a cell Excel could not hold
                cell = b'<c r="B3" t="inlineStr"><is><t>' + b"9" * 200_000 + b"</t></is></c>"
                data = re.sub(rb'<c r="B3".*?</c>', lambda _: cell, data, count=1)  # noqa: B023
            target.writestr(info, data)
    code, _, err = run("allocate", runs / "long.xlsx", "--budget", "400万", "--out", runs / "long", "--skip-invalid",
                       "--lang", "en")
    assert code == 0, err
    assert "9" * 200_000 in (runs / "long" / "allocation.csv").read_text(encoding="utf-8-sig")
    code, out, err = run("compare", runs / "low", runs / "long", "--out", runs / "cmp", "--lang", "en")
    assert code == 0, err
    assert re.search(r"\ninvalid +0 +1 +\+1\n", out)


def test_a_run_folder_named_in_bytes_that_are_no_utf8_is_compared(runs: Path) -> None:
    """Its name, a lone surrogate to Python, went into compare.xlsx as the run's label: an unexpected error."""
    odd = runs / os.fsdecode(b"low\xff")
    try:
        shutil.copytree(runs / "low", odd)
    except (OSError, UnicodeError):
        pytest.skip("this file system holds UTF-8 names only")
    code, out, err = run("compare", odd, runs / "high", "--out", runs / "cmp", "--lang", "en")
    assert code == 0, err
    assert "low\ufffd" in out


def test_a_folder_that_is_not_a_run(tmp_path: Path) -> None:
    code, _, err = run("compare", tmp_path, tmp_path, "--lang", "en")
    assert code == 2
    assert err.strip() == f"{tmp_path}: no allocation.csv here (give the --out folder of an allocate run)"


@pytest.mark.parametrize(("edit", "says"), [
    (lambda text: text[:text.rindex(",0,UNFUNDED")] + "\n", "row 4: this row has 7 fields where the header has 10"),
    (lambda text: text.replace("\nB,", ",extra\nB,"), "row 2: this row has 11 fields where the header has 10"),
])
def test_an_allocation_csv_cut_short_or_with_a_longer_row_is_named(runs: Path, edit: Callable[[str], str],
                                                                    says: str) -> None:
    # a row cut short was an unexpected error (AttributeError: a missing field is None to the csv module)
    csv_path = runs / "low" / "allocation.csv"
    csv_path.write_text(edit(csv_path.read_text(encoding="utf-8-sig")), encoding="utf-8-sig")
    code, out, err = run("compare", runs / "low", runs / "high", "--out", runs / "cmp", "--lang", "en")
    assert (code, out) == (2, "")
    assert err == f"{csv_path}, {says}: the file was cut short or edited\n"


def test_an_award_edited_in_a_runs_allocation_csv_is_not_compared_as_the_runs(runs: Path) -> None:
    """A well-formed edit (an award raised) was compared as if the run had made it."""
    csv_path = runs / "low" / "allocation.csv"
    text = csv_path.read_text(encoding="utf-8-sig")
    csv_path.write_text(text.replace(",FUNDED,", ",PARTIAL,", 1), encoding="utf-8-sig")
    code, out, err = run("compare", runs / "low", runs / "high", "--out", runs / "cmp", "--lang", "en")
    assert (code, out) == (4, "")
    assert re.fullmatch(rf"{re.escape(str(csv_path))} is not the file the run wrote: it was changed after the run "
                        r"\(SHA-256 recorded [0-9a-f]{12}…, now [0-9a-f]{12}…\); verify the run to see what changed\n",
                        err)
    assert not (runs / "cmp").exists()


def edit_manifest(folder: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_an_edited_manifest_is_refused_naming_its_keys(runs: Path) -> None:
    def change(manifest: dict[str, Any]) -> None:
        manifest["scenario"]["weights"] = {"3": [1, 2]}
        manifest["scenario"]["envelopes"] = [{"name": "AI", "clauses": [3]}]
        manifest["totals"]["budget"] = "../etc"

    edit_manifest(runs / "high", change)
    code, _, err = run("compare", runs / "low", runs / "high", "--out", runs / "cmp", "--lang", "en")
    assert (code, err.strip()) == (2, f"{runs / 'high' / 'manifest.json'}: scenario.weights.3, "
                                      "scenario.envelopes[0].clauses[0], totals.budget: not as budgetopt writes it "
                                      "— the file was edited; run allocate again")


@pytest.fixture(scope="module")
def full_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run whose manifest holds every key compare reads: weights, envelopes, every limit."""
    folder = tmp_path_factory.mktemp("full")
    book, scenario = every_key_year(folder)
    code, _, err = run("allocate", book, "--scenario", scenario, "--budget", "800万", "--out", folder / "run")
    assert code == 0, err
    return folder / "run"


def test_any_value_anywhere_in_a_manifest_is_read_or_refused(full_run: Path, tmp_path: Path) -> None:
    """Every key compare reads given each of a few odd values: compared, or refused as edited — never an
    unexpected error (a list as a weight, text as a total, a boolean as an envelope each were one)."""
    manifest = json.loads((full_run / "manifest.json").read_text(encoding="utf-8"))
    chosen = [p for key in ("scenario", "totals", "objective") for p in [(key,), *places(manifest[key], (key,))]]
    assert len(chosen) > 30
    for place in chosen:
        for value in (None, [1], "x", float("nan"), True, {"a": 1}):
            def change(m: dict[str, Any], place: tuple[Any, ...] = place, value: object = value) -> None:
                put(m, place, value)

            folder = tmp_path / "edited"
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(full_run, folder)
            try:
                compared = compare(full_run, edit_manifest(folder, change), lang="en")
            except RunFolderError as exc:
                assert "the file was edited" in str(exc), (place, value)
                continue
            assert compare_html(compared, "en") and compare_xlsx(compared, "en"), (place, value)


def test_clause_ids_of_any_digits_are_ordered_not_a_crash() -> None:
    from optimizer.report.scenario_words import differences

    changed = differences({"weights": {"²": "2", "10": "1.5", "9": "3"}}, {"weights": {"3": "2"}}, "en")
    assert [c.key for c in changed] == ["weight:3", "weight:9", "weight:10", "weight:²"]


@pytest.mark.parametrize("change", [
    ("year", 2027), ("budget", 150_000_000), ("reserve", 0), ("fixed_awards", "prorate"),
    ("min_funding_ratio", "0.5"), ("rounding", 1), ("weights", {"4": "2"}), ("districts", {"max_share": "0.2"}),
    ("applicants", {"max_total": 5_000_000}), ("applicants", {"max_total": 6_000_000, "max_period_total": 3_000_000}),
    ("groups", {"max_total": 9_000_000}),
    ("envelopes", [{"name": "人工智能赋能", "clauses": ["3", "4"], "max": 40_000_000, "max_share": None,
                    "min": 15_000_000}])])
def test_every_setting_of_a_scenario_changed_alone_is_a_difference(change: tuple[str, Any]) -> None:
    """An officer's review: a period cap, or a group cap, set in one scenario only read "两个情景的设置相同" — and
    "只有预算不同" with the budget changed too — and allocation.xlsx's parameters left both out."""
    from optimizer.report.scenario_words import differences, settings

    base = optimizer.load_scenario(ROOT / "data" / "scenario_2026.toml").as_dict()
    key, value = change
    other = {**base, key: value}
    assert other != base
    changed = differences(base, other, "zh")
    assert changed, key
    named = {s.key for s in settings(base, "zh")} | {s.key for s in settings(other, "zh")}
    assert {c.key for c in changed} <= named  # the parameters sheet names it too


def test_compare_starts_with_how_the_scenarios_differ(runs: Path) -> None:
    code, out, err = run("compare", runs / "low", runs / "high", "--out", runs / "cmp", "--lang", "en")
    assert code == 0, err
    assert out.splitlines()[:2] == ["how the two scenarios differ:", "  budget: A 400.00万, B 600.00万"]
    objective = next(line for line in out.splitlines() if line.startswith("objective"))
    assert "not comparable" not in objective and objective.split()[-1].startswith("+")  # the same weights
    sheet = openpyxl.load_workbook(runs / "cmp" / "compare.xlsx")["Scenarios"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == ["Setting", "A: low", "B: high"] and len(rows) == 2
    assert rows[1] == ["Budget", "400.00万", "600.00万"]
    code, out, err = run("compare", runs / "low", runs / "high", "--out", runs / "cmp_zh", "--lang", "zh")
    assert code == 0, err
    assert out.splitlines()[:2] == ["两个情景的差异：", "  年度预算：A 400.00万元，B 600.00万元"]
    html = (runs / "cmp_zh" / "compare.html").read_text(encoding="utf-8")
    assert html.index("两个情景的差异") < html.index("合计") and "+200.00万元" in html
    assert openpyxl.load_workbook(runs / "cmp_zh" / "compare.xlsx").sheetnames[0] == "情景差异"


def test_objectives_under_different_weights_are_not_compared(runs: Path) -> None:
    scenario = runs / "weighted.toml"
    scenario.write_text('name = "weighted"\nbudget = "400万"\n\n[weights]\n"3" = 1.5\n', encoding="utf-8")
    code, _, err = run("allocate", runs / "apps.xlsx", "--scenario", scenario, "--out", runs / "weighted",
                       "--lang", "en")
    assert code == 0, err
    code, out, err = run("compare", runs / "low", runs / "weighted", "--out", runs / "cmp_w", "--lang", "en")
    assert code == 0, err
    assert "  weight of clause 3: A 1, B 1.5" in out
    objective = next(line for line in out.splitlines() if line.startswith("objective"))
    assert objective.endswith("not comparable")
    assert ("the two scenarios weigh clauses differently (weight of clause 3: A 1, B 1.5), so their objectives "
            "(Σ weight × score × award) are in different units and are not subtracted.") in out
    valued = next(line for line in out.splitlines() if line.startswith("objective under A's weights"))
    assert valued.split()[-3:] == ["350,000,000", "350,000,000", "0"]  # the same awards, valued alike
    assert ("Measured by A's clause weights, A's and B's lists achieve the same. B's allocation keeps all of A's "
            "limits. How it is worked out. Both lists are valued with A's clause weights") in out
    totals = {r[0].value: r[3].value for r in openpyxl.load_workbook(runs / "cmp_w" / "compare.xlsx")["Totals"]
              .iter_rows(min_row=2)}
    assert str(totals["Objective (Σ weight × score × yuan)"]).startswith("the two scenarios weigh clauses")
    code, out, err = run("compare", runs / "low", runs / "weighted", "--out", runs / "cmp_wz", "--lang", "zh")
    assert code == 0, err
    assert "  第3条权重：A 1，B 1.5" in out and "不可比" in out
    assert ("两个情景的条款权重不同（第3条权重：A 1，B 1.5），目标值（Σ 权重×评审得分×分配额）的单位因此不同，"
            "不能直接相减比较。") in out


def run_data(label: str, allocated: int) -> RunData:
    return RunData(label, (), {"scenario": {"name": label, "weights": {}}, "totals": {"allocated": allocated},
                               "objective": "0"})


@pytest.mark.parametrize(("a", "b", "zh", "en"), [
    (194_999_900, 194_999_910, "+10元", "+10 yuan"),
    (100_000_000, 112_345_678, "+1,234.5678万元", "+1,234.5678万"),
    (3_000_000, 1_000_000, "−200.00万元", "−200.00万"),
])
def test_the_headline_shows_the_real_change(a: int, b: int, zh: str, en: str) -> None:
    c = ComparisonResult(run_data("A", a), run_data("B", b), (), (), (), (), ())
    assert f"<b>{zh}</b><span>已分配变化（B − A）</span>" in compare_html(c, "zh")
    assert f"<b>{en}</b><span>allocated, B − A</span>" in compare_html(c, "en")


# ------------------------------------------------------------------ both runs valued in one run's terms


@pytest.fixture(scope="module")
def weighed(sample: optimizer.Allocation) -> optimizer.Allocation:
    """The sample with clause 4 weighed 1, not 1.3: an objective in other units than the base case's."""
    return optimizer.allocate(ROOT / "data" / "sample_applications.xlsx",
                              optimizer.load_scenario(sample.scenario, weights={"4": 1}, name="clause 4 at 1"))


def test_b_is_valued_as_a_values_awards_and_said_in_a_budget(sample: optimizer.Allocation,
                                                              weighed: optimizer.Allocation) -> None:
    """The variant's awards under the base case's weights are what audit measures them at; the difference is put in
    the base case's budget at its funding line (83.6 per yuan)."""
    valued = compare(sample, weighed).valued
    assert valued is not None and valued.under == "A"
    assert valued.a == sample.objective
    audited = optimizer.audit(ROOT / "data" / "sample_applications.xlsx", weighed.to_frame(), sample.scenario,
                              optimum=False)
    assert valued.b == audited.objective == Decimal("18366010574")
    assert valued.marginal == Decimal("83.6")
    assert valued.delta == Decimal("-131005987")
    assert valued.budget_equivalent == -1_567_057  # 131,005,987 / 83.6 = 1,567,057.26
    assert optimizer.compare(sample, weighed).objectives_comparable is False


def test_value_under_b_values_both_as_b_does(sample: optimizer.Allocation, weighed: optimizer.Allocation) -> None:
    valued = compare(sample, weighed, value_under="b").valued
    assert valued is not None and valued.under == "B" and valued.other == "A"
    assert valued.b == weighed.objective
    weights = {"2": Decimal("1.2"), "6": Decimal("1.2"), "8b": Decimal("1.2")}  # clause 4 at 1 (unnamed)
    assert valued.a == sum(weights.get(a.clause, Decimal(1)) * Decimal(a.score) * a.allocated
                           for a in sample.awards if a.allocated)
    assert valued.marginal == budget_marginal(weighed.constraints)
    assert compare(sample, weighed, value_under="B").valued == valued


@pytest.mark.parametrize("given", ["c", "", None, 1])
def test_value_under_is_a_or_b(sample: optimizer.Allocation, given: object) -> None:
    with pytest.raises(optimizer.InputError) as caught:
        compare(sample, sample, value_under=given)  # type: ignore[arg-type]
    assert str(caught.value) == (f'value_under: value_under must be "a" or "b" (whose weights value both runs), '
                                 f"not {given!r}")


def test_run_folders_value_as_the_allocations_do(sample: optimizer.Allocation, weighed: optimizer.Allocation,
                                                 tmp_path: Path) -> None:
    """A run records its budget's marginal value in manifest.json; read back, the folders value alike."""
    sample.write(tmp_path / "base")
    weighed.write(tmp_path / "weighed")
    assert json.loads((tmp_path / "base" / "manifest.json").read_text(encoding="utf-8"))["budget_marginal"] == "83.6"
    assert compare(tmp_path / "base", tmp_path / "weighed").valued == compare(sample, weighed).valued


WORTH_ZH = ("按A的条款权重衡量，B的资助名单的效果比A的低，约相当于A的预算减少156.7万元（预算的0.8%）所损失的"
            "（估计值，差额越大越不准）；差额为131,005,987（加权评分×元）。")
WORTH_EN = ("Measured by A's clause weights, B's list achieves less than A's: about what cutting A's budget by 156.7万 "
            "(0.8% of it) would lose (an estimate, rougher the larger the difference); the difference is 131,005,987 "
            "(weighted score × yuan).")
HOW_ZH = ("计算方法：两份资助名单都按A的条款权重计值，即Σ 权重×评审得分×分配额，单位为加权评分×元。差额除以A的资助线上"
          "每元预算可买到的加权评分（83.6），即折合为A的预算：这是一阶估计，差额越大、资助线移动越多，越不准。")
HOW_EN = ("How it is worked out. Both lists are valued with A's clause weights, as Σ weight × score × yuan (in "
          "weighted score × yuan). The difference, divided by the weighted score a yuan of A's budget buys at its "
          "funding line (83.6), is said in A's budget: a first-order estimate, rougher the more a large difference "
          "moves the funding line.")


def test_the_sentence_says_the_difference_in_a_budget(sample: optimizer.Allocation,
                                                      weighed: optimizer.Allocation, tmp_path: Path) -> None:
    """An officer's words first — what B's list achieves against A's, that in A's budget (万元, before the figure in
    weighted score × yuan: an officer's review found the raw figure leading) — then whether B keeps A's limits; the
    formula and the funding line after, as how it is worked out (a planner read "B的分配比A低" as money, and the
    formula in the middle of the sentence lost the officers)."""
    zh, en = compare(sample, weighed, lang="zh"), compare(sample, weighed, lang="en")
    assert valuation_words(zh, "zh") == ValuationWords(WORTH_ZH, "B的分配满足A的各项限额。", HOW_ZH[5:], HOW_ZH)
    assert valuation_text(zh, "zh") == WORTH_ZH + "B的分配满足A的各项限额。" + HOW_ZH
    assert valuation_text(en, "en") == f"{WORTH_EN} B's allocation keeps all of A's limits. {HOW_EN}"
    assert valuation_text(en, "en", how=False) == f"{WORTH_EN} B's allocation keeps all of A's limits."
    # measured by B, A's list against B's: a planner's review read "B's list achieves more … what raising B's budget
    # would gain" backwards — B's budget buys B's list, and it is A's that a cut of B's budget would come to
    swapped = compare(weighed, sample, value_under="b", lang="en")
    assert valuation_words(swapped, "en") == ValuationWords(
        WORTH_EN.replace("A's", "B's").replace("B's list", "A's list"), "A's allocation keeps all of B's limits.",
        HOW_EN[len("How it is worked out. "):].replace("A's", "B's"), HOW_EN.replace("A's", "B's"))
    assert valuation_words(compare(weighed, sample, value_under="b"), "zh") == ValuationWords(
        WORTH_ZH.replace("A", "B").replace("B的资助名单", "A的资助名单"), "A的分配满足B的各项限额。",
        HOW_ZH[5:].replace("A", "B"), HOW_ZH.replace("A", "B"))
    page = compare_html(zh, "zh")
    kept = "B的分配满足A的各项限额。"
    assert f'<h2>B与A相比</h2><p><b>{WORTH_ZH}</b></p><p>{kept}</p><p class="note">{HOW_ZH}</p>' in page
    assert page.index("两个情景的差异") < page.index(WORTH_ZH) < page.index("<h2>合计</h2>")  # below the scenarios
    zh.write(tmp_path)
    sheet = openpyxl.load_workbook(tmp_path / "compare.xlsx")["合计"]
    cells = [[c.value for c in r] for r in sheet.iter_rows()]
    assert ["按A的权重计的目标值", 18497016561, 18366010574, -131005987] in cells
    assert [c for r in cells for c in r if isinstance(c, str) and c.startswith(("按A的条款", "计算方法"))] == [
        WORTH_ZH + "B的分配满足A的各项限额。", HOW_ZH]
    frame = zh.totals_frame().query("group == 'valued'")
    assert frame[["key", "difference"]].values.tolist() == [["objective_under_A", Decimal("-131005987")],
                                                           ["budget_equivalent", -1_567_057]]
    assert frame["label"].tolist() == ["按A的权重计的目标值", "B − A 折合A的预算（元）"]


@pytest.fixture(scope="module")
def pushed() -> optimizer.Allocation:
    """The sample under the AI push: 6000万 for the AI envelope the base case caps at 4000万, 500万 an applicant."""
    return optimizer.allocate(ROOT / "data" / "sample_applications.xlsx", ROOT / "data" / "scenario_2026_ai_push.toml")


def test_b_is_held_to_as_limits_by_audit(sample: optimizer.Allocation, pushed: optimizer.Allocation) -> None:
    """A planner audited the AI push's awards under the base case's scenario by hand: 2000万 over its AI envelope,
    which the valuation (82.7万 of A's budget) did not say. compare now does it, with audit, and says it."""
    c = compare(sample, pushed)
    audited = optimizer.audit(ROOT / "data" / "sample_applications.xlsx", pushed, sample.scenario, optimum=False)
    assert c.breaks_a is not None and [b.line for b in c.breaks_a] == [v.phrase for v in audited.violations]
    assert [(b.rule, b.subject, b.name, b.used, b.limit, b.over) for b in c.breaks_a] == [
        ("envelope_max", "envelope:人工智能赋能", "人工智能赋能", 60_000_000, 40_000_000, 20_000_000)]
    assert c.limits_a is not None and c.limits_a.ok is False and (c.limits_a.judged, c.limits_a.by) == ("B", "A")
    assert limits_text(c.limits_a, "zh") == ("B的分配不满足A的限额：专项额度“人工智能赋能”合计6,000.00万元，"
                                             "最多4,000.00万元。")
    assert limits_text(c.limits_a, "en") == ("B's allocation breaks A's limits: the envelope 人工智能赋能 takes "
                                             "6,000.00万, at most 4,000.00万.")
    said = valuation_words(c, "zh")
    assert said is not None and said.limits == limits_text(c.limits_a, "zh")
    assert said.worth == ("按A的条款权重衡量，B的资助名单的效果比A的低，约相当于A的预算减少82.7万元（预算的0.4%）"
                          "所损失的（估计值，差额越大越不准）；差额为69,174,362（加权评分×元）。")
    # measured by B: A's awards held to B's limits — eight applicants above B's 500万 cap, the first three named
    under_b = compare(sample, pushed, value_under="b")
    assert under_b.breaks_b == c.breaks_b and c.breaks_b is not None and len(c.breaks_b) == 8
    assert {b.rule for b in c.breaks_b} == {"applicant_cap"}
    assert [(b.name, b.used, b.limit) for b in c.breaks_b[:3]] == [
        ("重庆白鹭新材料制造有限公司", 5_172_960, 5_000_000), ("重庆铜锣水泥集团有限公司", 6_000_000, 5_000_000),
        ("重庆青木光电集团有限公司", 5_499_500, 5_000_000)]
    limits = valuation_words(under_b, "zh")
    assert limits is not None and limits.limits == (
        "A的分配不满足B的限额：重庆白鹭新材料制造有限公司合计517.296万元，单户最多500.00万元；重庆铜锣水泥集团有限公司"
        "合计600.00万元，单户最多500.00万元；重庆青木光电集团有限公司合计549.95万元，单户最多500.00万元；另有5处"
        "（全部列于 compare.xlsx 的“限额核对”工作表）。")
    assert limits_text(under_b.limits_b, "en") == (
        "A's allocation breaks B's limits: 重庆白鹭新材料制造有限公司 gets 517.296万, an applicant at most 500.00万; "
        "重庆铜锣水泥集团有限公司 gets 600.00万, an applicant at most 500.00万; "
        "重庆青木光电集团有限公司 gets 549.95万, an applicant at most 500.00万; 5 more (compare.xlsx's sheet Limits "
        "lists them all).")


def test_run_folders_are_held_to_limits_found_as_verify_finds_inputs(sample: optimizer.Allocation,
                                                                    pushed: optimizer.Allocation,
                                                                    tmp_path: Path) -> None:
    """A folder's workbook is where its manifest records it, or beside the manifest; elsewhere, or changed since,
    the limits are not checked and the sentence says why."""
    sample.write(tmp_path / "base")
    pushed.write(tmp_path / "push")
    made = compare(sample, pushed)
    c = compare(tmp_path / "base", tmp_path / "push")
    assert (c.breaks_a, c.breaks_b) == (made.breaks_a, made.breaks_b)
    deeper = tmp_path / "moved" / "further"  # the recorded relative path no longer leads to the workbook
    for name in ("base", "push"):
        shutil.copytree(tmp_path / name, deeper / name)
    c = compare(deeper / "base", deeper / "push", lang="en")
    assert c.breaks_a is None and c.limits_a is not None and c.limits_a.ok is None
    assert limits_text(c.limits_a, "en") == (
        "Whether B's allocation keeps A's limits was not checked: B's workbook sample_applications.xlsx is neither "
        "where its run recorded it nor in the run's folder.")
    assert limits_text(c.limits_a, "zh") == ("未能核对B的分配是否满足A的各项限额：B的申报表 sample_applications.xlsx "
                                             "不在其运行记录的位置，也不在其运行文件夹中。")
    shutil.copy(ROOT / "data" / "sample_applications.xlsx", deeper / "push")  # beside its manifest: found
    assert compare(deeper / "base", deeper / "push").breaks_a == made.breaks_a
    (deeper / "push" / "sample_applications.xlsx").write_bytes(b"not the workbook")
    c = compare(deeper / "base", deeper / "push", lang="en")
    assert limits_text(c.limits_a, "en") == ("Whether B's allocation keeps A's limits was not checked: B's workbook "
                                             "sample_applications.xlsx was changed after its run.")


def test_moved_run_folders_find_their_workbook_under_inputs(sample: optimizer.Allocation,
                                                            pushed: optimizer.Allocation, tmp_path: Path) -> None:
    """A planner's review: two run folders received by mail could be held to each other's limits only with the
    workbook copied into each; verify and audit_run take `inputs=`, a folder searched by SHA-256, and now compare
    does."""
    for name, run_ in (("base", sample), ("push", pushed)):  # the workbook's recorded relative path leads nowhere
        run_.write(tmp_path / name)
        shutil.copytree(tmp_path / name, tmp_path / "mailed" / "to" / name)
    received = tmp_path / "materials"
    received.mkdir()
    shutil.copy(ROOT / "data" / "sample_applications.xlsx", received / "申报汇总表.xlsx")  # under another name
    moved = [tmp_path / "mailed" / "to" / name for name in ("base", "push")]
    assert compare(*moved).breaks_a is None
    c = compare(*moved, inputs=received)
    made = compare(sample, pushed)
    assert (c.breaks_a, c.breaks_b) == (made.breaks_a, made.breaks_b) and c.breaks_a
    with pytest.raises(optimizer.InputError) as caught:
        compare(*moved, inputs=tmp_path / "nowhere")
    assert str(caught.value) == f"{tmp_path / 'nowhere'}: is not a folder"


def test_applications_given_as_a_frame_are_not_held_to_limits(sample: optimizer.Allocation, tmp_path: Path) -> None:
    """An allocation of a DataFrame has no workbook to audit against: said so; the other way round still checks."""
    frame = pd.read_excel(ROOT / "data" / "sample_applications.xlsx", sheet_name="申报项目", engine="openpyxl")
    framed = optimizer.allocate(frame, optimizer.load_scenario(sample.scenario, weights={"4": 1}), budget="1.9亿")
    c = compare(sample, framed, lang="en")
    assert c.breaks_a is None
    assert limits_text(c.limits_a, "en") == ("Whether B's allocation keeps A's limits was not checked: B's "
                                             "applications were not read from a workbook (DataFrame).")
    assert c.breaks_b is not None and [(b.rule, b.used, b.limit) for b in c.breaks_b] == [
        ("budget", 194_999_910, 185_000_000)]
    assert limits_text(c.limits_b, "en") == ("A's allocation breaks B's limits: 19,499.991万 allocated, at most "
                                             "18,500.00万 available.")
    # written and compared as folders: the same sentence (it said the workbook "" was not where its run recorded it)
    sample.write(tmp_path / "a")
    framed.write(tmp_path / "b")
    folders = compare(tmp_path / "a", tmp_path / "b", lang="en")
    assert limits_text(folders.limits_a, "en") == ("Whether B's allocation keeps A's limits was not checked: B's "
                                                   "applications were not read from a workbook (DataFrame).")
    assert limits_text(folders.limits_a, "zh") == ("未能核对B的分配是否满足A的各项限额：B的申报不是从申报表读取的"
                                                   "（DataFrame）。")


def test_allocations_of_a_frame_are_held_to_limits_over_the_applications_given(sample: optimizer.Allocation,
                                                                                pushed: optimizer.Allocation,
                                                                                tmp_path: Path) -> None:
    """A planner's review: audit reads a DataFrame, yet compare gave up on an allocation of one. Given the
    applications, it holds the allocation to the other's limits over them, in memory or written to a folder."""
    frame = pd.read_excel(ROOT / "data" / "sample_applications.xlsx", sheet_name="申报项目", engine="openpyxl")
    framed = optimizer.allocate(frame, ROOT / "data" / "scenario_2026_ai_push.toml")
    made = compare(sample, pushed)
    assert compare(sample, framed).breaks_a is None
    c = compare(sample, framed, applications=frame, lang="en")
    assert (c.breaks_a, c.breaks_b) == (made.breaks_a, made.breaks_b)
    assert limits_text(c.limits_a, "en") == ("B's allocation breaks A's limits: the envelope 人工智能赋能 takes "
                                             "6,000.00万, at most 4,000.00万.")
    records = frame.to_dict("records")  # records, or the Applications read, do as well
    assert compare(framed, framed, applications=records).breaks_a == ()
    sample.write(tmp_path / "a")
    framed.write(tmp_path / "b")
    assert compare(tmp_path / "a", tmp_path / "b", applications=frame).breaks_a == made.breaks_a


def test_applications_that_are_not_those_a_run_allocated_leave_its_limits_unchecked() -> None:
    """A planner's review: B allocated from a frame less its first 50 rows, compared with applications= that frame
    for both sides: A's awards were audited over the wrong rows, two of three cap breaches vanished and the rest read
    as "另有54处不符合B的其他规则（其他）". The check is left undone, and says why."""
    frame = pd.read_excel(ROOT / "data" / "sample_applications.xlsx", sheet_name="申报项目", engine="openpyxl")
    fewer = frame.iloc[50:]
    a = optimizer.allocate(frame, ROOT / "data" / "scenario_2026.toml", budget="1.5亿")
    b = optimizer.allocate(fewer, ROOT / "data" / "scenario_2026_ai_push.toml")
    c = compare(a, b, applications=fewer, value_under="b", lang="en")
    assert c.limits_b is not None and c.limits_b.unchecked is not None and c.breaks_b is None
    assert limits_text(c.limits_b, "en") == (
        "Whether A's allocation keeps B's limits was not checked: the applications given are not those A "
        f"allocated ({dict(c.limits_b.unchecked.params)['count']} differences of id, applicant, clause or score).")
    assert dict(c.limits_b.unchecked.params)["count"] == "50"  # A's fifty rows that are not in B's frame


def test_awards_breaking_the_other_runs_rounding_or_minimum_ratio_do_not_keep_its_limits(
        sample: optimizer.Allocation) -> None:
    """A planner's review: A rounding to 10万 with a minimum ratio of 0.9 against the base case: audit found both
    broken, yet compare said B "keeps all of A's limits" — and B beat A's proven optimum under A's own terms."""
    strict = optimizer.allocate(ROOT / "data" / "sample_applications.xlsx",
                                optimizer.load_scenario(sample.scenario, rounding="10万", min_funding_ratio="0.9"))
    c = compare(strict, sample)
    assert c.limits_a is not None and c.limits_a.ok is False and c.breaks_a == ()
    assert sorted(set(c.limits_a.others)) == ["min_ratio", "rounding"] and len(c.limits_a.others) == 5
    assert limits_text(c.limits_a, "zh") == "B的分配有5处不符合A的规则（最低资助比例、取整单位）。"
    assert limits_text(c.limits_a, "en") == ("B's allocation breaks A's rules in 5 places (minimum funding ratio, "
                                             "rounding).")


def test_a_budget_that_differs_besides_the_policy_is_said_part_of_the_figure(sample: optimizer.Allocation) -> None:
    """A planner's review: the AI push at 1.8亿 against the base case at 2亿 read "相当于A的预算减少2107.4万元" with no
    word that 2000万 of it is the budget's own cut."""
    push = optimizer.allocate(ROOT / "data" / "sample_applications.xlsx", ROOT / "data" / "scenario_2026_ai_push.toml",
                              budget="1.8亿")
    c = compare(sample, push)
    assert "两个情景的预算也不同（B的预算比A少2000万元）：这一折算包含预算本身的差额。" in valuation_text(c, "zh")
    assert "The budgets differ too (B's is 2000万 smaller than A's): this figure includes that difference." in (
        valuation_text(c, "en"))
    assert "预算也不同" not in valuation_text(compare(sample, optimizer.allocate(
        ROOT / "data" / "sample_applications.xlsx", ROOT / "data" / "scenario_2026_ai_push.toml")), "zh")


@pytest.fixture(scope="module")
def push_cut() -> optimizer.Allocation:
    """The AI push at 1.8亿: its budget and its rules both differ from the base case's."""
    return optimizer.allocate(ROOT / "data" / "sample_applications.xlsx",
                              ROOT / "data" / "scenario_2026_ai_push.toml", budget="1.8亿")


SPLIT_ZH = ("按A的条款权重衡量，B的资助名单的效果比A的低，约相当于A的预算减少2107.4万元（预算的10.5%）所损失的，"
            "其中预算之差（B的预算比A少2000万元）：B若有A的预算，以多出的2000万元所资助的申报，在A的资助线上折合"
            "2024.7万元；其他设置之差约相当于减少82.7万元"
            "（估计值，差额越大越不准；两部分由B的情景按A的预算重新分配得出）；差额为1,761,779,171（加权评分×元）。")


def test_at_an_equal_budget_the_budgets_difference_is_told_apart_from_the_rest(
        sample: optimizer.Allocation, pushed: optimizer.Allocation, push_cut: optimizer.Allocation) -> None:
    """A planner's review: the AI push at 1.8亿 against the base case at 2亿 read "相当于A的预算减少2107.4万元", the
    budget's cut included, and a briefing quoting it could not say what the policy change alone did (about 83万 by a
    re-solve at 2亿). B's scenario allocated again at A's budget tells the two apart, in the same sentence; the parts
    add up to the figure."""
    c = compare(sample, push_cut, at_equal_budget=True)
    said = valuation_words(c, "zh")
    assert said is not None and said.worth == SPLIT_ZH
    assert "这一折算包含预算本身的差额" not in valuation_text(c, "zh")  # said in parts instead
    assert said.how.endswith("B的情景按A的预算（2亿元）重新分配，申报、政策和资助台账不变；其资助名单同样按A的条款权重"
                             "计值：它与A的名单之差即其他设置之差，B的名单与它之差即预算之差。")
    assert valuation_text(compare(sample, push_cut, at_equal_budget=True, lang="en"), "en", how=False) == (
        "Measured by A's clause weights, B's list achieves less than A's: about what cutting A's budget by 2107.4万 "
        "(10.5% of it) would lose, of which the budgets' difference (B's is 2000万 smaller than A's) — what B "
        "would fund with A's 2000万 more is worth 2024.7万 of A's budget at its funding line; and the other "
        "settings' difference comes to about cutting it by 82.7万 (estimates, "
        "rougher the larger the difference; the two parts from B's scenario allocated again at A's budget); the "
        "difference is 1,761,779,171 (weighted score × yuan). B's allocation breaks A's limits: the envelope "
        "人工智能赋能 takes 6,000.00万, at most 4,000.00万.")
    # the rest alone is the AI push at A's budget against the base case: 82.7万, as their own comparison says
    equal = c.at_equal_budget
    assert equal is not None and equal.valued == compare(sample, pushed).valued
    assert equal.valued is not None and equal.valued.budget_equivalent == -827_445
    assert [d.application_id for d in equal.differences] == [d.application_id for d in
                                                             compare(sample, pushed).differences]
    assert repr(compare(sample, push_cut, at_equal_budget=True, lang="en").at_equal_budget) == (
        "<Comparison 'A 2026 base case' → \"B 2026 AI push at A's budget\": 31 applications differ>")
    # measured by B, in B's budget: A's list against B's, of which A's larger budget is a gain, B's rules a loss —
    # the rest at B's funding line, and at the line its own comparison prices it at (a planner's review: 668.1万 in
    # the headline, 676.9万 in c.at_equal_budget, and nothing said why)
    by_b = compare(sample, push_cut, value_under="b", at_equal_budget=True)
    said_b = valuation_words(by_b, "zh")
    assert said_b is not None and said_b.worth == (
        "按B的条款权重衡量，A的资助名单的效果比B的高，约相当于B的预算增加1320.8万元（预算的7.3%）所多得的，"
        "其中预算之差（B的预算比A少2000万元）：B若有A的预算，以多出的2000万元所资助的申报，在B的资助线上折合"
        "增加1988.9万元；其他设置之差约相当于减少668.1万元（在B的资助线上；在B按A的预算重新分配后的资助线上约相当于"
        "减少676.9万元）（估计值，差额越大越不准；两部分由B的情景按A的预算重新分配得出）；差额为1,124,026,094"
        "（加权评分×元）。")
    assert by_b.at_equal_budget is not None and by_b.at_equal_budget.valued is not None
    assert by_b.at_equal_budget.valued.budget_equivalent == 6_768_794  # A's list above B's at 2亿: its 676.9万
    said_b = valuation_words(compare(sample, push_cut, value_under="b", at_equal_budget=True, lang="en"), "en")
    assert said_b is not None and (
        "of which the budgets' difference (B's is 2000万 smaller than A's) — what B would fund with A's "
        "2000万 more is worth 1988.9万 of B's budget at its funding line, a gain; and the other settings' difference "
        "comes to about cutting it by 668.1万 (at B's funding line; at the line of B allocated again at A's budget "
        "it comes to about cutting it by 676.9万)") in said_b.worth


BUDGET_ASIDE = {  # every amount in 万元 as amount_text says it (an officer's review: `2000万元` beside `1,999.991万元`)
    "zh": "A的分配合计超出B的可分配额1,999.991万元，未超过两次运行的预算之差（2,000.00万元），不列为不满足B的限额。",
    "en": "A's total is 1,999.991万 over what B may allocate, within the budgets' difference (2,000.00万): not "
          "listed among B's limits broken."}
BUDGET_ROW = {  # the same total as compare.xlsx's 限额核对 and compare.html's list it: marked as that difference
    "zh": "合计分配19,499.991万元，可分配额最多17,500.00万元（未超过两次运行的预算之差2,000.00万元，不计为不满足限额）",
    "en": "19,499.991万 allocated, at most 17,500.00万 available (within the budgets' difference of 2,000.00万: not "
          "counted as a limit broken)"}


def limits_rows(folder: Path) -> list[tuple[Any, ...]]:
    """compare.xlsx's sheet 限额核对 (Limits), its header aside: (核对, 限额, 合计, 限额, 超出)."""
    sheet = openpyxl.load_workbook(folder / "compare.xlsx").worksheets[2]
    return [tuple(cells[:5]) for cells in sheet.iter_rows(min_row=2, values_only=True)]


def limits_sheet(folder: Path) -> list[tuple[Any, ...]]:
    """compare.xlsx's sheet 限额核对 (Limits), every row and cell, its header first."""
    sheet = openpyxl.load_workbook(folder / "compare.xlsx").worksheets[2]
    return list(sheet.iter_rows(values_only=True))


def html_limits(folder: Path, judged: str) -> list[list[str]]:
    """compare.html's section 限额核对: the rows of the table under `judged`'s awards held to the other's limits."""
    page = (folder / "compare.html").read_text(encoding="utf-8")
    start = page.index(f"<h3>{judged}")
    rows = re.findall(r"<tr>(.*?)</tr>", page[start:page.index("</table>", start)], re.S)[1:]
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
            for r in rows]


def test_a_total_over_the_smaller_budget_is_said_as_the_budgets_difference_not_a_limit_broken(
        sample: optimizer.Allocation, push_cut: optimizer.Allocation, tmp_path: Path) -> None:
    """A planner's review: measured by B's smaller budget, the list of B's limits A's awards break opened with
    `合计分配19,499.991万元，可分配额最多17,500.00万元` — the budgets' difference the sentence had already told apart,
    repeated as a rule broken. It is said as that difference, once, before the list, with the difference it is within
    (an officer's review: "是两次运行的预算之差" of 1,999.991万, where the budgets are 2000万 apart); the other limits
    stay, counted as before; the sentence, compare.xlsx's 合计 and compare.html say the same, and the data still hold
    the total. compare.xlsx's 限额核对 and compare.html's list keep it — the audit's whole list — marked as the
    budgets' difference (an officer's review: the first of nine rows, unmarked, under a sentence that counted
    eight)."""
    for lang in ("zh", "en"):
        c = compare(sample, push_cut, value_under="b", at_equal_budget=True, lang=lang)
        said = valuation_words(c, lang)
        assert said is not None
        listed = {"zh": "A的分配不满足B的限额：重庆白鹭新材料制造有限公司合计517.296万元，单户最多500.00万元；"
                        "重庆铜锣水泥集团有限公司合计600.00万元，单户最多500.00万元；重庆青木光电集团有限公司合计"
                        "549.95万元，单户最多500.00万元；另有5处（全部列于 compare.xlsx 的“限额核对”工作表）。",
                  "en": "A's allocation breaks B's limits: 重庆白鹭新材料制造有限公司 gets 517.296万, an applicant at "
                        "most 500.00万; 重庆铜锣水泥集团有限公司 gets 600.00万, an applicant at most 500.00万; "
                        "重庆青木光电集团有限公司 gets 549.95万, an applicant at most 500.00万; 5 more (compare.xlsx's "
                        "sheet Limits lists them all)."}
        assert said.limits == BUDGET_ASIDE[lang] + ("" if lang == "zh" else " ") + listed[lang]
        assert c.breaks_b is not None and [b.rule for b in c.breaks_b] == ["budget"] + ["applicant_cap"] * 8
        assert [b.rule for b in listed_breaches(c, c.limits_b)] == ["applicant_cap"] * 8  # type: ignore[arg-type]
        c.write(tmp_path / lang)
        book = openpyxl.load_workbook(tmp_path / lang / "compare.xlsx")
        totals = [cell.value for r in book.worksheets[1].iter_rows() for cell in r if isinstance(cell.value, str)]
        assert any(BUDGET_ASIDE[lang] + ("" if lang == "zh" else " ") + listed[lang].replace(
            "（全部列于 compare.xlsx 的“限额核对”工作表）", "（全部列于“限额核对”工作表）").replace(
            "(compare.xlsx's sheet Limits lists them all)", "(all listed on the sheet Limits)") in text
            for text in totals)
        page = (tmp_path / lang / "compare.html").read_text(encoding="utf-8")
        assert html.escape(BUDGET_ASIDE[lang]) in page
        # the files' lists: nine rows, the budgets' difference first and marked, then the eight the sentence counts
        whose = {"zh": "A的分配对照B的限额", "en": "A's awards under B's limits"}[lang]
        rows = [r for r in limits_rows(tmp_path / lang) if r[0] == whose]
        # its 超出 counts nothing over (a planner's review: 19,999,910 there and in audit's line), the budgets'
        # difference in a column of its own
        assert len(rows) == 9 and rows[0] == (whose, BUDGET_ROW[lang], 194_999_910, 175_000_000, 0)
        assert all(BUDGET_ROW[lang] not in str(r[1]) and "预算之差" not in str(r[1]) for r in rows[1:])
        sheet = limits_sheet(tmp_path / lang)
        # headed for what it holds: the part of the excess that is the budgets' difference (an auditor's review:
        # headed 预算之差, it held 19,999,910 beside a sentence saying the difference is 2,000.00万元)
        assert sheet[0][4:7] == {"zh": ("超出（元；负数为低于下限）", "其中属预算之差的部分（元；不计为超出）",
                                        "审核所见"),
                                 "en": ("Over (yuan; negative: short of a floor)",
                                        "Of it, the budgets' difference (yuan; not counted as over)",
                                        "As audit finds it")}[lang]
        marked = next(r for r in sheet if r[1] == BUDGET_ROW[lang])
        assert marked[4:6] == (0, 19_999_910) and marked[6] == WITHIN_LINE[lang]
        assert all(r[5] is None for r in sheet if r[0] == whose and r is not marked)  # the caps: nothing of it
        listed_html = html_limits(tmp_path / lang, {"zh": "A的分配对照B的限额", "en": "A&#x27;s awards"}[lang])
        assert len(listed_html) == 9 and listed_html[0] == [BUDGET_ROW[lang], "0", "19,999,910"]
    # measured by A, B's smaller total keeps A's budget: nothing to set aside
    assert "预算之差，不列为" not in valuation_text(compare(sample, push_cut), "zh")


WITHIN_LINE = {  # audit's line of that total, said not to be counted (an officer's and a planner's review)
    "zh": "预算总额：合计分配194,999,910元，可分配额最多175,000,000元（预算180,000,000元减预留5,000,000元），超出"
          "19,999,910元（未超过两次运行的预算之差20,000,000元，不计为超限）——B的情景：年度预算和预留；渝经信规范〔2026〕"
          "2号：本政策措施所列激励措施标准均为最高标准，按照年度实际需求实行预算管理和总额控制。",
    "en": "budget less reserve: allocated 194,999,910 in total, at most 175,000,000 (budget 180,000,000 less reserve "
          "5,000,000), over by 19,999,910 (within the budgets' difference of 20,000,000: not counted as over the "
          "limit) — B's scenario: the budget and reserve; 渝经信规范〔2026〕2号: 本政策措施所列激励措施标准均为最高"
          "标准，按照年度实际需求实行预算管理和总额控制。"}
BEYOND = {  # the base case at 2亿 held to itself at 1.8亿 with a 700万 reserve: 2,199.991万 over, 2000万 the budgets'
    # difference, the rest from B's larger reserve (a planner's review: `其余199.991万元` named no source)
    "zh": "A的分配不满足B的限额：合计分配19,499.991万元，可分配额最多17,300.00万元，超出2,199.991万元，其中2,000.00万元"
          "是两次运行的预算之差，其余199.991万元来自B较多的预留（700.00万元，A为500.00万元），计为超限。",
    "en": "A's allocation breaks B's limits: 19,499.991万 allocated, at most 17,300.00万 available, 2,199.991万 over: "
          "2,000.00万 of it the budgets' difference; the other 199.991万, which comes from B's larger reserve "
          "(700.00万 against A's 500.00万), is over the limit."}
BEYOND_LINE = {  # audit's line of it: the same two parts, in audit's yuan
    "zh": "预算总额：合计分配194,999,910元，可分配额最多173,000,000元（预算180,000,000元减预留7,000,000元），超出"
          "21,999,910元（其中20,000,000元为两次运行的预算之差，其余1,999,910元计为超限）——B的情景：年度预算和预留；"
          "渝经信规范〔2026〕2号：本政策措施所列激励措施标准均为最高标准，按照年度实际需求实行预算管理和总额控制。",
    "en": "budget less reserve: allocated 194,999,910 in total, at most 173,000,000 (budget 180,000,000 less reserve "
          "7,000,000), over by 21,999,910 (20,000,000 of it the budgets' difference; the other 1,999,910 is over the "
          "limit) — B's scenario: the budget and reserve; 渝经信规范〔2026〕2号: 本政策措施所列激励措施标准均为最高"
          "标准，按照年度实际需求实行预算管理和总额控制。"}


def test_a_total_over_by_more_than_the_budgets_difference_is_said_in_two_parts(sample: optimizer.Allocation,
                                                                               tmp_path: Path) -> None:
    """A planner's review: B at 1.8亿 with a 700万 reserve (A at 2亿 with 500万) — A's whole 2,199.991万 over B's
    available was the limit broken, the 2000万 budgets' difference, said just before, included. The total stays a
    limit broken, listed and counted; it says which part is the budgets' difference and which is over the limit: in
    the sentence, compare.xlsx's 限额核对 and compare.html alike."""
    reserved = optimizer.load_scenario(sample.scenario, reserve="700万", name="reserve 700万")
    b = optimizer.allocate(ROOT / "data" / "sample_applications.xlsx", reserved, budget="1.8亿")
    for lang in ("zh", "en"):
        c = compare(sample, b, value_under="b", lang=lang)
        said = valuation_words(c, lang)
        assert said is not None and said.limits == BEYOND[lang]
        assert c.breaks_b is not None and [(x.rule, x.over) for x in c.breaks_b] == [("budget", 21_999_910)]
        assert listed_breaches(c, c.limits_b) == c.breaks_b  # type: ignore[arg-type]
        c.write(tmp_path / lang)
        item = BEYOND[lang].split("：" if lang == "zh" else ": ", 1)[1].rstrip("。.")
        whose = {"zh": "A的分配对照B的限额", "en": "A's awards under B's limits"}[lang]
        # the row's cells count what the sentence counts (a planner's review: 超出 and audit's line held the whole
        # 21,999,910): over, 1,999,910; the budgets' difference, 20,000,000, beside it
        assert [r for r in limits_sheet(tmp_path / lang) if r[0] == whose] == [
            (whose, item, 194_999_910, 173_000_000, 1_999_910, 20_000_000, BEYOND_LINE[lang])]
        listed_html = html_limits(tmp_path / lang, {"zh": "A的分配对照B的限额", "en": "A&#x27;s awards"}[lang])
        assert listed_html == [[item, "1,999,910", "20,000,000"]]


def test_at_equal_budgets_a_total_over_by_the_larger_reserve_says_how_much_and_whence(
        sample: optimizer.Allocation) -> None:
    """An auditor's review: B at A's 2亿 with a 700万 reserve — the row and the sentence said only
    `合计分配19,499.991万元，可分配额最多19,300.00万元`, neither how much is over nor where it comes from, which a
    smaller budget's case says in full. The same ending: the excess, and B's larger reserve it comes from."""
    reserved = optimizer.load_scenario(sample.scenario, reserve="700万", name="reserve 700万")
    b = optimizer.allocate(ROOT / "data" / "sample_applications.xlsx", reserved)
    said = {"zh": "A的分配不满足B的限额：合计分配19,499.991万元，可分配额最多19,300.00万元，超出199.991万元，来自B较多"
                  "的预留（700.00万元，A为500.00万元）。",
            "en": "A's allocation breaks B's limits: 19,499.991万 allocated, at most 19,300.00万 available, 199.991万 "
                  "over, which comes from B's larger reserve (700.00万 against A's 500.00万)."}
    for lang in ("zh", "en"):
        c = compare(sample, b, value_under="b", lang=lang)
        assert limits_text(c.limits_b, lang, c=c) == said[lang]
        assert c.breaks_b is not None and [(x.rule, x.over) for x in c.breaks_b] == [("budget", 1_999_910)]
    # measured by A, B's smaller total breaks nothing: no source to name
    assert "预留" not in (limits_text(compare(sample, b).limits_a, "zh") or "")


def test_a_total_over_by_more_than_the_budgets_difference_stays_a_limit_broken(sample: optimizer.Allocation) -> None:
    """B's budget 1000万 below A's, its reserve 2500万 above: A's total is over what B may allocate by 3500万, more than
    the budgets' difference — a limit broken, listed as before, its part beyond the budgets' difference said. Where
    the total is all the budgets' difference and every other limit is kept, the sentence says so in those words, not
    "满足各项限额"."""
    reserved = optimizer.load_scenario(sample.scenario, reserve="3000万", name="reserve 3000万")
    apps = ROOT / "data" / "sample_applications.xlsx"
    c = compare(sample, optimizer.allocate(apps, reserved, budget="1.9亿"), value_under="b")
    said = valuation_words(c, "zh")
    assert said is not None and said.limits == (
        "A的分配不满足B的限额：合计分配19,499.991万元，可分配额最多16,000.00万元，超出3,499.991万元，其中1,000.00万元"
        "是两次运行的预算之差，其余2,499.991万元来自B较多的预留（3,000.00万元，A为500.00万元），计为超限。")
    weighed = optimizer.load_scenario(sample.scenario, weights={"4": 1}, name="clause 4 at 1")
    cut = optimizer.allocate(apps, weighed, budget="1.5亿")
    kept = {"zh": "A的分配合计超出B的可分配额4,999.991万元，未超过两次运行的预算之差（5,000.00万元），不列为不满足B"
                  "的限额。A的分配满足B的其他各项限额。",
            "en": "A's total is 4,999.991万 over what B may allocate, within the budgets' difference (5,000.00万): not "
                  "listed among B's limits broken. A's allocation keeps all of B's other limits."}
    for lang in ("zh", "en"):
        c = compare(sample, cut, value_under="b", lang=lang)
        said = valuation_words(c, lang)
        assert said is not None and said.limits == kept[lang]
        assert limits_text(c.limits_b, lang, c=c) == kept[lang]
        assert c.breaks_b is not None and [b.rule for b in c.breaks_b] == ["budget"]  # the data as audit found it
        assert limits_text(c.limits_b, lang).startswith(("A的分配不满足B的限额：合计分配", "A's allocation breaks"))


def test_at_an_equal_budget_parts_are_in_weighted_score_where_the_budget_has_no_price(
        push_cut: optimizer.Allocation) -> None:
    """The base case at 10亿 does not spend it all: no funding line to put the parts in budget; they are said in
    weighted score × yuan, and add up to the figure."""
    ample = optimizer.allocate(ROOT / "data" / "sample_applications.xlsx", ROOT / "data" / "scenario_2026.toml",
                               budget="10亿")
    said = valuation_words(compare(ample, push_cut, at_equal_budget=True), "zh")
    assert said is not None and said.worth == (
        "按A的条款权重衡量，B的资助名单的效果比A低17,764,064,592（加权评分×元），其中预算之差（B的预算比A少8.2亿元）"
        "使其效果低18,306,466,794；其他设置之差使其效果高542,402,202（两部分由B的情景按A的预算重新分配得出）。"
        "A的预算未用尽（下一元预算买不到更多），因此无法折合为预算。")  # 18,306,466,794 − 542,402,202


def test_at_an_equal_budget_says_nothing_new_where_there_is_nothing_to_tell_apart(
        sample: optimizer.Allocation, pushed: optimizer.Allocation, smaller: optimizer.Allocation,
        push_cut: optimizer.Allocation) -> None:
    """Equal budgets, or nothing but the budget differing: nothing is allocated again, and the valuation says what
    it says without it — but the result says why there is no split (a planner's review: `at_equal_budget=True` was
    silently a no-op), in `not_split`, its repr and a warning."""
    why = {"same": ("两次运行的预算相同（2亿元），没有预算之差需要分开",
                    "the two budgets are the same (2亿), so there is no budgets' difference to tell apart"),
           "budget": ("两次运行只有预算不同，全部差异都是预算之差",
                      "nothing but the budget differs, so the whole difference is the budgets'")}
    for a, b, reason in ((sample, pushed, "same"), (sample, smaller, "budget"), (smaller, sample, "budget")):
        c = compare(a, b, at_equal_budget=True)
        assert c.at_equal_budget is None and c.not_split is not None
        assert c.not_split.both() == why[reason]
        assert [w.text("zh") for w in c.warnings] == [f"警告：未按A的预算重新分配B的情景：{why[reason][0]}。"]
        assert [w.text("en", "web") for w in c.warnings] == [
            f"warning: B's scenario was not allocated again at A's budget: {why[reason][1]}."]
        assert repr(c).endswith(f"; not split at equal budgets: {why[reason][1]}>")
        assert valuation_text(c, "zh") == valuation_text(compare(a, b), "zh")
    plain = compare(sample, push_cut)
    assert plain.at_equal_budget is None and plain.not_split is None and not plain.warnings  # not asked for
    assert "not split" not in repr(plain)


def test_at_an_equal_budget_it_says_why_b_could_not_be_allocated_again(sample: optimizer.Allocation,
                                                                      pushed: optimizer.Allocation) -> None:
    """The AI push's floor of 3000万 for its AI envelope cannot be met at the base case's 2500万: a warning says so, and
    the figure is said whole, as without it."""
    tight = optimizer.allocate(ROOT / "data" / "sample_applications.xlsx", sample.scenario, budget="2500万")
    c = compare(tight, pushed, at_equal_budget=True)
    assert c.at_equal_budget is None
    assert [w.text("zh") for w in c.warnings] == [
        "警告：未能按A的预算重新分配B的情景，预算之差与其他差异未分开计算：专项额度“人工智能赋能”下限3000万元高于"
        "预算减预留（2000万元）；请降至2000万元或提高预算。"]
    assert [w.text("en", "web") for w in c.warnings] == [
        "warning: B's scenario could not be allocated again at A's budget, so the budgets' difference is not told "
        "apart from the rest: envelope \"人工智能赋能\" min 3000万 is above the budget less reserve (2000万); lower it "
        "to 2000万 or raise the budget."]
    assert "这一折算包含预算本身的差额" in valuation_text(c, "zh")


def test_why_b_was_not_allocated_again_is_said_in_each_faces_words(
        sample: optimizer.Allocation, push_cut: optimizer.Allocation, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An officer's review: the reason reached the app's page in the command line's words (情景, an option's
    remedy). A run that did not record its scenario, and an error with a remedy, each said as the face says it."""
    sample.write(tmp_path / "a")
    optimizer.allocate(ROOT / "data" / "sample_applications.xlsx", sample.scenario, budget="1.5亿").write(
        tmp_path / "b")
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))
    del manifest["scenario"]["weights"]  # as a run from before runs recorded their scenario
    (tmp_path / "b" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    [warning] = compare(tmp_path / "a", tmp_path / "b", at_equal_budget=True).warnings
    assert warning.text("zh", "cli") == ("警告：未按A的预算重新分配B的情景：至少一次运行未记录情景的设置，"
                                         "无从判断除预算外是否还有差异。")
    assert warning.text("zh", "web") == ("警告：未按A的预算重新分配B的分配方案：至少一次运行未记录分配方案的设置，"
                                         "无从判断除预算外是否还有差异。")
    english = ("warning: B's scenario was not allocated again at A's budget: a run did not record its scenario, so "
               "whether anything but the budget differs is not known.")
    assert warning.text("en", "cli") == warning.text("en", "web") == english

    def stopped(*args: object, **kwargs: object) -> None:
        raise SolverError(Phrase.of("solver.time_limit", what=Phrase.of("solve.allocation").both()),
                          hint=Hint("time_limit"))

    monkeypatch.setattr("optimizer.jobs.compare.allocate", stopped)
    [warning] = compare(sample, push_cut, at_equal_budget=True).warnings
    assert warning.text("zh", "web") == ("警告：未能按A的预算重新分配B的分配方案，预算之差与其他差异未分开计算："
                                         "求解器在证明分配方案最优之前已到达时间上限；未写出任何结果（请联系运行 "
                                         "budgetopt serve 的人）。")
    assert warning.text("en", "web").endswith("nothing was written (tell whoever runs budgetopt serve).")
    assert warning.text("zh", "cli").endswith("未写出任何结果（请放宽 time_limit）。")  # the library's words, as before
    assert warning.text("en", "cli").endswith("nothing was written (raise time_limit).")


def test_compare_xlsx_lists_the_other_rules_broken_each_with_audits_line(sample: optimizer.Allocation,
                                                                          tmp_path: Path) -> None:
    """A planner's review: compare.xlsx's 限额核对 said only "B的分配有5处不符合A的规则（最低资助比例、取整单位）" and
    never which five: each is a row now, with audit's line, where it comes from in words, not in the scenario's keys
    ("——情景：min_funding_ratio")."""
    strict = optimizer.allocate(ROOT / "data" / "sample_applications.xlsx",
                                optimizer.load_scenario(sample.scenario, rounding="10万", min_funding_ratio="0.9"))
    c = compare(strict, sample, lang="zh")
    c.write(tmp_path)
    rows = [[cell.value for cell in r] for r in openpyxl.load_workbook(tmp_path / "compare.xlsx")["限额核对"]
            .iter_rows(min_row=2)]
    mine = [r for r in rows if r[0] == "B的分配对照A的限额"]
    assert mine[0][:2] == ["B的分配对照A的限额", "B的分配有5处不符合A的规则（最低资助比例、取整单位）。"]
    assert len(mine) == 6 and sorted({r[1] for r in mine[1:]}) == ["取整单位", "最低资助比例"]
    assert mine[1] == ["B的分配对照A的限额", "最低资助比例", None, None, None,
                       "2026-0060（第61行）：最低资助比例90%：分配1,000,000元，低于90% × 1,684,400元 = 1,515,960元，"
                       "差515,960元，达到一个取整单位（100,000元）以上——A的情景：最低资助比例"]
    assert not any("[" in str(cell) or "min_funding_ratio" in str(cell) for r in rows for cell in r)
    page = compare_html(c, "zh")  # the page's file lists them too
    assert "<li>2026-0060（第61行）：最低资助比例90%：分配1,000,000元" in page


def test_audits_lines_say_where_a_limit_comes_from_in_words(sample: optimizer.Allocation,
                                                           pushed: optimizer.Allocation, tmp_path: Path) -> None:
    """An officer's review: 审核所见 ended in code keys — "——情景：[[envelopes]] "人工智能赋能" max",
    "——情景：[applicants] max_total"."""
    c = compare(sample, pushed, lang="zh")
    c.write(tmp_path)
    rows = [[cell.value for cell in r] for r in openpyxl.load_workbook(tmp_path / "compare.xlsx")["限额核对"]
            .iter_rows(min_row=2)]
    assert [r[5] for r in rows[:2]] == [
        "专项额度“人工智能赋能”：第3、4、5、6条合计分配60,000,000元，最多40,000,000元，超出20,000,000元——A的情景："
        "专项额度“人工智能赋能”上限",
        "单户上限：91500000MA8609KL1X：重庆白鹭新材料制造有限公司合计分配5,172,960元，最多5,000,000元，超出"
        "172,960元——B的情景：单户上限"]
    c.write(tmp_path / "app", face="web")  # as the app words it
    rows = [[cell.value for cell in r] for r in openpyxl.load_workbook(tmp_path / "app" / "compare.xlsx")["限额核对"]
            .iter_rows(min_row=2)]
    assert rows[0][5].endswith("——A的分配方案：专项额度“人工智能赋能”上限")
    budget = compare(sample, optimizer.allocate(ROOT / "data" / "sample_applications.xlsx", sample.scenario,
                                                budget="1.5亿"), lang="en")
    assert budget.limits_b is not None and [audit_line(b.line, "B", "en") for b in budget.limits_b.breaches] == [
        "budget less reserve: allocated 194,999,910 in total, at most 145,000,000 (budget 150,000,000 less "
        "reserve 5,000,000), over by 49,999,910 — B's scenario: the budget and reserve; 渝经信规范〔2026〕2号: "
        "本政策措施所列激励措施标准均为最高标准，按照年度实际需求实行预算管理和总额控制。"]  # the policy's words kept


def test_compare_html_holds_both_runs_to_the_others_limits(sample: optimizer.Allocation,
                                                           pushed: optimizer.Allocation) -> None:
    """An officer's review: compare.html gave only the side measured by — the 8 caps of B that A's awards break were
    in compare.xlsx alone. Its 限额核对 lists both, every limit; the sentence above says where."""
    page = compare_html(compare(sample, pushed, value_under="b", lang="zh"), "zh")
    assert "另有5处（全部列于下文“限额核对”）。" in page
    limits = page[page.index("<h2>限额核对</h2>"):page.index("<h2>合计</h2>")]
    assert limits.index("<h3>B的分配对照A的限额</h3>") < limits.index("<h3>A的分配对照B的限额</h3>")
    assert '<td>专项额度“人工智能赋能”合计6,000.00万元，最多4,000.00万元</td><td class="n" data-v="20000000">' \
           "20,000,000</td>" in limits
    assert limits.count("单户最多500.00万元</td>") == 8


def test_the_files_say_what_the_apps_page_says(sample: optimizer.Allocation, pushed: optimizer.Allocation,
                                               tmp_path: Path) -> None:
    """An officer's review: the app's compare.xlsx and compare.html said 情景 ("情景差异", "两个情景的条款权重不同")
    where the page says 分配方案; and, with no application changed, the page's file showed an empty table."""
    c = compare(sample, pushed, lang="zh")
    c.write(tmp_path, face="web")
    book = openpyxl.load_workbook(tmp_path / "compare.xlsx")
    assert book.sheetnames[0] == "分配方案差异"
    said = [cell.value for sheet in book.worksheets for r in sheet.iter_rows() for cell in r
            if isinstance(cell.value, str)]
    assert not [text for text in said if "情景" in text]
    page = (tmp_path / "compare.html").read_text(encoding="utf-8")
    assert "<h2>两个分配方案的差异</h2>" in page and "两个分配方案的条款权重不同" in page and "情景" not in page
    assert "情景差异" in openpyxl.load_workbook(io.BytesIO(compare_xlsx(c, "zh"))).sheetnames  # the command line's
    same = compare_html(compare(sample, sample), "zh")
    assert '<h2>变化明细</h2><p class="note">两次运行中每项申报的结果都相同。</p>' in same


@pytest.fixture(scope="module")
def smaller(sample: optimizer.Allocation) -> optimizer.Allocation:
    """The base case at 1.5亿: only the budget differs from the sample's run."""
    return optimizer.allocate(ROOT / "data" / "sample_applications.xlsx", sample.scenario, budget="1.5亿")


def test_when_only_the_budget_differs_the_budget_is_said(sample: optimizer.Allocation, weighed: optimizer.Allocation,
                                                         smaller: optimizer.Allocation, runs: Path) -> None:
    """The base case at 2亿 against it at 1.5亿 read "相当于减少约5116万" for a true cut of 5000万: an officer asked
    where 116万 went. The budgets' difference is the answer, and is said; the first-order figure stays in the data."""
    c = compare(sample, smaller)
    assert c.only_budget_differs is True
    # what the budget changes is said in applications, not followed by a figure in weighted score × yuan that adds
    # nothing to it (an officer's review); the figure stays in the totals
    assert valuation_text(c, "zh") == (
        "两个情景只有预算不同：B的预算比A少5000万元。B比A全额资助少41项（123→82），部分资助多1项（4→5）。")
    assert valuation_text(c, "en") == (
        "The two scenarios differ only in their budget: B's is 5000万 smaller than A's. B funds 41 fewer in full "
        "(123→82) and 1 more in part (4→5).")
    assert valuation_text(compare(smaller, sample), "en") == (
        "The two scenarios differ only in their budget: B's is 5000万 larger than A's. B funds 41 more in full "
        "(82→123) and 1 fewer in part (5→4).")
    assert [line.delta for line in c.totals if line.key == "objective"] == [Decimal("-4277043396")]
    assert "5116" not in compare_html(c, "zh") and "5116" not in valuation_text(compare(smaller, sample), "zh")
    assert c.valued is not None and c.valued.budget_equivalent == -51_160_806  # kept: 4,277,043,396 ÷ 83.6
    assert c.totals_frame().query("key == 'budget_equivalent'")["difference"].tolist() == [-51_160_806]
    # not when the weights differ too, nor for other applications at another budget
    assert compare(smaller, weighed).only_budget_differs is False
    other = write_rows(runs / "other.xlsx", [row(application_id="A", clause="3", score=90)], EN_HEADERS)
    code, _, err = run("allocate", other, "--budget", "600万", "--out", runs / "other", "--lang", "en")
    assert code == 0, err
    assert compare(runs / "low", runs / "high").only_budget_differs is True
    assert compare(runs / "low", runs / "other").only_budget_differs is False


def test_a_budget_cut_that_changes_no_award_is_said_to_cost_nothing(sample: optimizer.Allocation,
                                                                      tmp_path: Path) -> None:
    """A planner's review: 6亿 against 5亿 on the sample (demand runs out below 5亿) said only that the budgets differ,
    then how a figure it never gave was worked out. The lists are the same: said so, and no calculation explained."""
    ample, less = (optimizer.allocate(ROOT / "data" / "sample_applications.xlsx", sample.scenario, budget=budget)
                   for budget in ("6亿", "5亿"))
    c = compare(ample, less)
    assert c.differences == () and c.only_budget_differs is True
    assert valuation_words(c, "zh") == ValuationWords(
        "两个情景只有预算不同：B的预算比A少1亿元。两份资助名单完全相同：B的预算已足以资助A所资助的全部申报，预算减少"
        "不改变任何一项资助。", "", "", "")
    assert valuation_text(c, "en") == ("The two scenarios differ only in their budget: B's is 1亿 smaller than A's. "
                                       "The two lists are the same: B's budget already funds every application A "
                                       "funds, and the cut changes no award.")
    assert valuation_text(compare(less, ample), "zh") == (
        "两个情景只有预算不同：B的预算比A多1亿元。两份资助名单完全相同：A的预算已足以资助B所资助的全部申报，增加的预算"
        "不改变任何一项资助。")
    page = compare_html(c, "zh")
    assert "计算方法" not in page and "两份资助名单完全相同" in page
    assert measured_alike(c) is True
    c.write(tmp_path)
    said = [cell.value for r in openpyxl.load_workbook(tmp_path / "compare.xlsx")["合计"].iter_rows()
            for cell in r if isinstance(cell.value, str) and cell.value.startswith(("两个", "计算方法"))]
    assert said == [valuation_text(c, "zh")]


def test_measuring_by_b_is_offered_only_where_it_says_something_else(sample: optimizer.Allocation,
                                                                    weighed: optimizer.Allocation,
                                                                    pushed: optimizer.Allocation,
                                                                    smaller: optimizer.Allocation) -> None:
    """An officer's review: the app's 按A/按B switch changed nothing when only the budget differed."""
    assert measured_alike(compare(sample, smaller)) is True
    assert measured_alike(compare(sample, sample)) is True
    assert measured_alike(compare(sample, weighed)) is False
    assert measured_alike(compare(sample, pushed)) is False


def test_every_limit_broken_is_listed_in_compare_xlsx(sample: optimizer.Allocation, pushed: optimizer.Allocation,
                                                      tmp_path: Path) -> None:
    """An officer's review: "……另有5处" said neither which nor where. The sentence names compare.xlsx, whose sheet
    Limits lists every limit each run's awards break of the other's."""
    c = compare(sample, pushed, value_under="b", lang="en")
    c.write(tmp_path)
    book = openpyxl.load_workbook(tmp_path / "compare.xlsx")
    assert book.sheetnames[:3] == ["Scenarios", "Totals", "Limits"]
    rows = [[cell.value for cell in r] for r in book["Limits"].iter_rows()]
    assert rows[0] == ["Check", "Limit", "Taken (yuan)", "Allowed (yuan)", "Over (yuan; negative: short of a floor)",
                       "As audit finds it"]
    assert rows[1] == ["B's awards under A's limits", "the envelope 人工智能赋能 takes 6,000.00万, at most 4,000.00万",
                       60_000_000, 40_000_000, 20_000_000, "人工智能赋能: envelope max: clauses 3, 4, 5, 6 "
                       "allocated 60,000,000, at most 40,000,000, over by 20,000,000 — A's scenario: the cap of the "
                       "envelope 人工智能赋能"]  # audit's line, its source in words (not `[[envelopes]] … max`)
    under_b = [r for r in rows[2:] if r[0] == "A's awards under B's limits"]
    assert len(under_b) == 8 and [r[2:5] for r in under_b[:2]] == [[5_172_960, 5_000_000, 172_960],
                                                                   [6_000_000, 5_000_000, 1_000_000]]
    assert "5 more (compare.xlsx's sheet Limits lists them all)" in valuation_text(c, "en")
    # the workbook's 合计 says where in it they are (an officer's review: "另有6处（全部列在下面）" on another sheet)
    totals = [cell.value for r in book["Totals"].iter_rows() for cell in r if isinstance(cell.value, str)]
    assert any("; 5 more (all listed on the sheet Limits)." in text for text in totals)
    pushed_zh = compare(sample, pushed, value_under="b", lang="zh")
    pushed_zh.write(tmp_path / "zh", face="web")
    totals = [cell.value for r in openpyxl.load_workbook(tmp_path / "zh" / "compare.xlsx")["合计"].iter_rows()
              for cell in r if isinstance(cell.value, str)]
    assert any("；另有5处（全部列于“限额核对”工作表）。" in text for text in totals)
    assert not any("全部列在下面" in text for text in totals)
    same = compare(sample, sample, lang="zh")
    same.write(tmp_path / "same")
    kept = [[cell.value for cell in r] for r in openpyxl.load_workbook(tmp_path / "same" / "compare.xlsx")["限额核对"]
            .iter_rows(min_row=2)]
    assert kept == [["B的分配对照A的限额", "B的分配满足A的各项限额。", None, None, None, None],
                    ["A的分配对照B的限额", "A的分配满足B的各项限额。", None, None, None, None]]


def test_a_budget_that_does_not_bind_is_not_a_price(sample: optimizer.Allocation) -> None:
    """At 10亿 every application the limits allow is funded: the next yuan buys nothing, and the difference is not
    put in budget."""
    ample = optimizer.allocate(ROOT / "data" / "sample_applications.xlsx",
                               optimizer.load_scenario(sample.scenario, weights={"4": 1}), budget="10亿")
    c = compare(ample, sample, lang="en")
    assert c.valued is not None and c.valued.marginal is None and c.valued.budget_equivalent is None
    said = valuation_words(c, "en")
    assert said is not None and said.worth.endswith(
        " A's budget did not bind (the next yuan buys nothing more), so this is not said in budget.")
    assert "funding line" not in said.how  # nothing was divided by it


def test_a_run_from_before_values_what_it_recorded(sample: optimizer.Allocation, weighed: optimizer.Allocation,
                                                   tmp_path: Path) -> None:
    """A run written before December 2026 has no budget_marginal (no price); one without scores is not valued."""
    sample.write(tmp_path / "old")
    manifest = tmp_path / "old" / "manifest.json"
    record = json.loads(manifest.read_text(encoding="utf-8"))
    del record["budget_marginal"]
    manifest.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    c = compare(tmp_path / "old", weighed, lang="en")
    assert c.valued is not None and c.valued.marginal is None and not c.valued.recorded
    said = valuation_words(c, "en")
    assert said is not None and said.worth.endswith(
        " A's run, from before December 2026, did not record its budget's marginal value, so this is not said in "
        "budget; allocating it again records it.")
    in_the_app = valuation_words(c, "zh", "web")  # the app names no command
    assert in_the_app is not None and in_the_app.worth.endswith(
        "A的运行早于2026年12月，未记录预算的边际值，因此无法折合为预算；以同样的设置重新运行即可记录。")
    del record["outputs"]  # an earlier layout: no score column and no recorded hash of the CSV
    manifest.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    csv_path = tmp_path / "old" / "allocation.csv"
    records = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    column = records[0].index("score")
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([f for i, f in enumerate(record) if i != column] for record in records)
    c = compare(tmp_path / "old", sample)
    assert c.valued is None and valuation_text(c, "zh") == "" and valuation_words(c, "zh") is None
    assert valued_line(c, "zh") is None


def test_runs_of_two_years_are_matched_with_a_warning_and_not_valued(
        sample: optimizer.Allocation, weighed: optimizer.Allocation, tmp_path: Path) -> None:
    """2026 against 2027 matched rows by application id across two workbooks without a word; then, with the warning,
    still valued them ("相当于A的预算减少9081.9万元"), held them to each other's limits and listed 669 rows of
    "500万 · 全额资助 | —" (an officer's and a planner's review)."""
    later = optimizer.allocate(ROOT / "data" / "sample_applications_2027.xlsx", ROOT / "data" / "scenario_2027.toml")
    c = compare(sample, later)
    said = ("warning: A allocates 2026 and B 2027: the runs' applications are matched by application id, and in two "
            "years' workbooks the same id need not be the same application.")
    assert c.warnings == ()  # no id is in both: nothing is matched (a planner's review: the warning stood above that)
    # no application of one is the other's: nothing to value, nor to hold to the other's limits
    assert (c.valued, c.limits_a, c.limits_b, c.breaks_a, c.breaks_b) == (None, None, None, None, None)
    assert valuation_text(c, "zh") == ("两次运行没有相同的申报编号：两份资助名单是不同申报的，不比较其效果，"
                                       "也不相互核对限额。")
    assert valuation_text(c, "en") == ("The two runs have no application id in common: their lists are of different "
                                       "applications; their worth is not compared, nor is either held to the other's "
                                       "limits.")
    assert c.totals_frame().query("group == 'valued'").empty
    assert compare(sample, weighed).warnings == ()
    sample.write(tmp_path / "2026")
    later.write(tmp_path / "2027")
    code, _, err = run("compare", tmp_path / "2026", tmp_path / "2027", "--out", tmp_path / "cmp", "--lang", "en")
    assert code == 0 and err == ""
    page = (tmp_path / "cmp" / "compare.html").read_text(encoding="utf-8").replace("&#x27;", "'")
    assert said not in page
    alone = ("The two runs have no application id in common: A's 434 applications and B's 235 are each in one run "
             "only, and are not listed here (compare.xlsx's sheet Changes lists them all).")
    assert f'<p class="note">{alone}</p>' in page and "only in B" not in page  # not 669 rows of them
    book = openpyxl.load_workbook(tmp_path / "cmp" / "compare.xlsx")
    assert said not in [c.value for r in book["Scenarios"].iter_rows() for c in r]
    assert book["Changes"].max_row == 1 + 434 + 235 and "Limits" not in book.sheetnames


def test_runs_of_two_years_with_ids_in_common_are_not_valued(runs: Path) -> None:
    """The same ids in two years' workbooks need not be the same applications: the valuation and the limits are
    left out when the years differ, whatever the ids."""
    for year in (2026, 2027):
        scenario = runs / f"s{year}.toml"
        scenario.write_text(f'name = "{year}"\nyear = {year}\nbudget = "400万"\n', encoding="utf-8")
        code, _, err = run("allocate", runs / "apps.xlsx", "--scenario", scenario, "--out", runs / str(year))
        assert code == 0, err
    c = compare(runs / "2026", runs / "2027", lang="en")
    assert [w.text("zh") for w in c.warnings] == [
        "警告：A是2026年度的分配，B是2027年度的：两次运行的申报按申报编号对应，而两个年度的申报表中编号相同的未必是同一"
        "申报。"]
    assert [w.text("en") for w in c.warnings] == [
        "warning: A allocates 2026 and B 2027: the runs' applications are matched by application id, and in two "
        "years' workbooks the same id need not be the same application."]
    assert c.valued is None and c.limits_a is None and c.limits_b is None
    assert valuation_text(c, "en") == ("A allocates 2026 and B 2027: their lists are of two years' applications; "
                                       "their worth is not compared, nor is either held to the other's limits.")
    assert valuation_text(c, "zh") == ("A是2026年度的分配，B是2027年度的：两份资助名单是不同年度申报的，不比较其效果，"
                                       "也不相互核对限额。")
    assert one_side(c, "en") == ""  # ids in common: the changes are listed as ever


def test_at_an_equal_budget_b_is_not_allocated_again_over_applications_not_its_own() -> None:
    """A planner's review: runs from DataFrames, B's with ten scores changed, and `applications=` A's frame — B's
    scenario was allocated again over A's applications, and the rest's part changed sign. The limits' check finds the
    applications are not those B allocated: B is not allocated again, and the warning says why."""
    frame = pd.read_excel(ROOT / "data" / "sample_applications.xlsx", engine="openpyxl")
    changed = frame.copy()
    changed.loc[changed.index[:10], "评审得分"] = 99.5
    a = optimizer.allocate(frame, ROOT / "data" / "scenario_2026.toml")
    b = optimizer.allocate(changed, ROOT / "data" / "scenario_2026_ai_push.toml", budget="1.8亿")
    c = compare(a, b, at_equal_budget=True, applications=frame)
    assert c.at_equal_budget is None
    assert any(w.text("en").startswith("warning: B's scenario could not be allocated again at A's budget")
               for w in c.warnings)
    assert compare(a, b, at_equal_budget=True, applications=changed).limits_a is not None
