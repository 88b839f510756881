"""What a planner in a notebook sees of a result: one line each that says how many warnings there are, a sweep's
missing level named with the levels it has, and the spread of the money as a tidy frame equal to the run's files."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from helpers import ROOT, code, write_rows
from helpers import row as app_row

import optimizer
from optimizer import InputError

DATA = ROOT / "data"
SAMPLE = DATA / "sample_applications.xlsx"
SCENARIO = DATA / "scenario_2026.toml"


@pytest.fixture(scope="module")
def written(sample: optimizer.Allocation, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run")
    sample.write(out)
    return out


# ---------------------------------------------------------------- warnings in the one line a notebook shows


def test_an_allocation_says_how_many_warnings_it_holds() -> None:
    """The 2027 sample without its ledger: a period cap that cannot look at 2026, and nothing on screen said so."""
    year = optimizer.allocate(DATA / "sample_applications_2027.xlsx", DATA / "scenario_2027.toml")
    shown = repr(year)
    assert shown.endswith("; highs optimal; 5 warnings>") and "\n" not in shown
    assert [w.code for w in year.warnings][-2:] == ["ledger.period_cap_alone", "dedupe.kept_unfunded"]


def test_one_warning_and_none(sample: optimizer.Allocation) -> None:
    rows = [{"application_id": "A-1", "applicant": "重庆智造有限公司", "credit_code": "91500000MA5U0000XN",
             "district": "两江新区", "clause": "5", "project": "AI 应用案例", "score": 88, "submitted_on": "2026-03-02",
             "qualified": "是", "备注": "x"}]
    assert repr(optimizer.allocate(rows, budget="100万")).endswith("highs optimal; 1 warning>")
    del rows[0]["备注"]
    assert repr(optimizer.allocate(rows, budget="100万")).endswith("highs optimal>")
    assert repr(sample).endswith("; highs optimal; 4 warnings>")


def test_a_sweep_keeps_the_readers_warnings_and_says_how_many(levels: optimizer.Sweep) -> None:
    assert repr(levels).endswith("; 3 warnings>")  # the whole line: test_api_arguments
    assert [w.code for w in levels.warnings] == [w.code for w in optimizer.read_applications(SAMPLE).warnings]
    year = optimizer.sweep(DATA / "sample_applications_2027.xlsx", DATA / "scenario_2027.toml", levels=["1亿"],
                           workers=1)
    assert year.warnings[-1].code == "ledger.period_cap_alone" and repr(year).endswith("; 4 warnings>")


# ---------------------------------------------------------------- a level in one line


def test_a_level_shows_in_one_short_line(levels: optimizer.Sweep) -> None:
    """`sw.levels[0]` printed 258,456 characters: every award and every limit of the level."""
    with optimizer.use_lang("en"):
        shown = [repr(level) for level in levels.levels]
    assert shown == [
        "<Level 3,000,000 yuan: no solution: reserve 500万 is above the budget 300万>",
        "<Level 100,000,000 yuan: allocated 94,999,910 of 95,000,000; FUNDED 45, PARTIAL 3, UNFUNDED 322, "
        "INELIGIBLE 40, DUPLICATE 24; objective 9747450491>",
        "<Level 200,000,000 yuan: allocated 194,999,910 of 195,000,000; FUNDED 123, PARTIAL 4, UNFUNDED 243, "
        "INELIGIBLE 40, DUPLICATE 24; objective 18497016561>"]
    allocation = levels.levels[1].allocation
    assert allocation is not None and repr(allocation).startswith("<Allocation '2026 base case': budget 100,000,000")
    assert len(repr(levels.levels)) < 500


# ---------------------------------------------------------------- a level the sweep does not have


def test_a_missing_level_is_named_with_the_levels_the_sweep_has(levels: optimizer.Sweep) -> None:
    with pytest.raises(InputError) as caught:
        levels.allocation_frame("1.5亿")
    assert caught.value.text("en") == "budget: the sweep has no level at 1.5亿; its levels are 300万, 1亿, 2亿"
    assert caught.value.text("zh") == "budget：这次测算没有1.5亿元这一预算水平；测算的预算水平为300万元、1亿元、2亿元"
    with pytest.raises(InputError, match="the level at 300万 has no solution: see its note"):
        levels.allocation_frame("300万")


def test_many_levels_are_named_by_the_first_and_the_last() -> None:
    many = optimizer.sweep(SAMPLE, SCENARIO, levels=[f"{x}万" for x in range(10000, 25001, 1000)], workers=1)
    with pytest.raises(InputError) as caught:
        many.allocation_frame("1.55亿")
    assert caught.value.text("en") == ("budget: the sweep has no level at 1.55亿; its levels are 1亿, 1.1亿, 1.2亿, "
                                       "…, 2.5亿 (16 in all)")
    assert caught.value.text("zh").endswith("测算的预算水平为1亿元、1.1亿元、1.2亿元、…、2.5亿元（共16个）")


# ---------------------------------------------------------------- the spread as a frame


def _yuan(wan: pd.Series) -> list[int]:
    """The workbook's amounts in 万元 (to the yuan) as whole yuan."""
    return [round(value * 10_000) for value in wan]


def test_the_district_frame_is_the_manifests_distribution_and_the_district_sheet(
        sample: optimizer.Allocation, written: Path) -> None:
    frame = sample.summary_frame("district")
    assert list(frame.columns) == ["group", "label", "region", "applications", "eligible", "funded", "partial",
                                   "unfunded", "demand", "allocated", "demand_met", "share", "share_of_available"]
    assert {str(frame[c].dtype) for c in ("applications", "eligible", "demand", "allocated")} == {"int64"}
    manifest = json.loads((written / "manifest.json").read_text(encoding="utf-8"))["distribution"]
    counted = frame[frame["eligible"] > 0].reset_index(drop=True)
    assert [(d["district"], d["region"], d["applications"], d["demand"], d["allocated"]) for d in
            manifest["districts"]] == list(counted[["group", "region", "eligible", "demand", "allocated"]]
                                           .itertuples(index=False, name=None))
    for d, row in zip(manifest["districts"], counted.itertuples(), strict=True):
        assert round(row.share, 6) == d["share"] and round(row.demand_met, 6) == d["demand_met"]
    assert (int(frame["allocated"].sum()), int(counted["demand"].sum())) == (manifest["allocated"],
                                                                           manifest["demand"])
    sheet = pd.read_excel(written / "allocation.xlsx", sheet_name="按区县", engine="calamine").iloc[:-1]  # no total
    assert list(sheet["所属区县"]) == list(frame["group"])
    assert _yuan(sheet["核定额合计（万元）"]) == list(frame["demand"])
    assert _yuan(sheet["分配额（万元）"]) == list(frame["allocated"])
    counts = ["申报数", "符合条件数", "全额资助数", "部分资助数", "未获资助数"]
    assert sheet[counts].values.tolist() == frame[["applications", "eligible", "funded", "partial",
                                                   "unfunded"]].values.tolist()
    assert list(sheet["占可分配额比例"]) == pytest.approx(list(frame["share_of_available"]), abs=5e-7)


def test_the_region_frame_is_the_manifests_regions(sample: optimizer.Allocation, written: Path) -> None:
    frame = sample.summary_frame("region", lang="en")
    regions = json.loads((written / "manifest.json").read_text(encoding="utf-8"))["distribution"]["regions"]
    assert [(r["region"], r["applications"], r["demand"], r["allocated"]) for r in regions] == list(
        frame[["group", "eligible", "demand", "allocated"]].itertuples(index=False, name=None))
    assert [(r["share"], r["demand_met"]) for r in regions] == [
        (round(s, 6), round(m, 6)) for s, m in zip(frame["share"], frame["demand_met"], strict=True)]
    assert frame.loc[0, "label"] == "main urban metropolitan area"


@pytest.mark.parametrize(("by", "sheet", "key", "title"), [("section", "按篇章", "篇章", "篇章名称"),
                                                          ("clause", "按条款", "政策条款", "条款名称")])
def test_the_section_and_clause_frames_are_the_workbooks_sheets(sample: optimizer.Allocation, written: Path,
                                                                by: str, sheet: str, key: str, title: str) -> None:
    frame = sample.summary_frame(by)
    table = pd.read_excel(written / "allocation.xlsx", sheet_name=sheet, engine="calamine",
                          dtype={key: str}).iloc[:-1]
    assert list(table[key]) == list(frame["group"]) and list(table[title]) == list(frame["label"])
    assert _yuan(table["分配额（万元）"]) == list(frame["allocated"])
    assert _yuan(table["核定额合计（万元）"]) == list(frame["demand"])
    assert int(frame["allocated"].sum()) == sample.allocated


def test_the_clause_frame_names_its_section_and_the_applicant_frame_its_credit_codes(
        sample: optimizer.Allocation) -> None:
    clauses = sample.summary_frame("clause")
    assert clauses.loc[clauses["group"] == "4", "section"].item() == "二"
    applicants = sample.summary_frame("applicant")
    awards = sample.to_frame()
    eligible = awards[awards["status"].isin(["FUNDED", "PARTIAL", "UNFUNDED"])]
    by_code = eligible.groupby("credit_code")["allocated"].sum()
    assert dict(zip(applicants["group"], applicants["allocated"], strict=True)) == {
        code: int(by_code.get(code, 0)) for code in applicants["group"]}
    assert list(applicants["allocated"]) == sorted(applicants["allocated"], reverse=True)
    assert applicants.loc[0, "allocated"] == 6_000_000  # the applicant cap


def test_a_grouping_that_is_none_of_them_is_named() -> None:
    rows = [{"application_id": "A-1", "applicant": "重庆智造有限公司", "credit_code": "91500000MA5U0000XN",
             "district": "两江新区", "clause": "5", "project": "AI 应用案例", "score": 88,
             "submitted_on": "2026-03-02", "qualified": "是"}]
    one = optimizer.allocate(rows, budget="100万")
    with pytest.raises(InputError) as caught:
        one.summary_frame("county")
    assert caught.value.text("en") == ("by: cannot sum up by 'county': by one of district, region, section, clause, "
                                       "applicant")
    frame = one.summary_frame("District")
    assert frame[["group", "region", "eligible", "allocated", "demand_met", "share"]].values.tolist() == [
        ["两江新区", "主城都市区", 1, 500_000, 1.0, 1.0]]


def test_nothing_allocated_gives_shares_of_nan_not_a_division_by_zero() -> None:
    rows = [{"application_id": "A-1", "applicant": "重庆智造有限公司", "credit_code": "91500000MA5U0000XN",
             "district": "两江新区", "clause": "5", "project": "AI 应用案例", "score": 88,
             "submitted_on": "2026-03-02", "qualified": "是"}]
    none = optimizer.allocate(rows, budget="0元")
    frame = none.summary_frame("region")
    assert frame[["allocated", "demand_met"]].values.tolist() == [[0, 0.0]]
    assert frame[["share", "share_of_available"]].isna().all(axis=None)


# ---------------------------------------------------------------- the limits and a sweep's steps as tidy frames


def test_the_limits_frame_is_the_workbooks_limits_sheet(sample: optimizer.Allocation, written: Path) -> None:
    """One row per limit, as the 约束 sheet lists them, amounts in whole yuan and the marginal value a float."""
    frame = sample.constraints_frame()
    sheet = list(openpyxl.load_workbook(written / "allocation.xlsx")["约束"].iter_rows(min_row=2, values_only=True))
    assert frame["constraint"].tolist() == [r[-1] for r in sheet]  # the code last, the name first
    assert frame["name"].tolist() == [r[0] for r in sheet]
    assert frame["meaning"].tolist() == [r[-2] or "" for r in sheet]
    assert (frame["used"] / 10_000).tolist() == pytest.approx([r[4] for r in sheet])
    budget = frame.iloc[0]
    assert (budget["constraint"], budget["kind"], budget["sense"], budget["name"]) == ("budget", "budget", "max",
                                                                                         "预算总额")
    assert (budget["limit"], budget["used"], budget["slack"], budget["binding"]) == (195_000_000, 194_999_910, 90,
                                                                                     True)
    assert budget["marginal"] == 83.6
    capped = frame[frame["kind"] == "applicant_cap"]
    assert capped["name"].str.startswith("单户上限：").all() and not capped["name"].str.contains("91500").any()
    assert frame.dtypes["binding"] == "bool" and frame.dtypes["limit"] == "int64"
    english = sample.constraints_frame(lang="en")
    assert english.iloc[0]["meaning"] == (
        "each extra 万元 of budget funds applications with a weighted score of about 83.6")


def test_a_sweeps_steps_frame_says_what_each_step_buys(levels: optimizer.Sweep) -> None:
    """300万 has no solution, 1亿 and 2亿 do: the first step buys nothing one can say, the second its sentence."""
    frame = levels.steps_frame(lang="en")
    assert frame[["low", "high"]].values.tolist() == [[3_000_000, 100_000_000], [100_000_000, 200_000_000]]
    first, second = frame.iloc[0], frame.iloc[1]
    assert pd.isna(first["weighted_score"]) and first["added"] == 0 and not first["bend"]
    low, high = (level.allocation for level in levels.levels[1:])
    assert low is not None and high is not None
    assert second["added"] == high.allocated - low.allocated
    assert second["weighted_score"] == pytest.approx(float((high.objective - low.objective) / second["added"]))
    assert second["sentence"].startswith("the next 1亿 (1亿 → 2亿) funds these ")
    assert levels.steps_frame()["sentence"][1].startswith("再增加1亿元（1亿元→2亿元）：新资助这")
    assert levels.knee is None


def test_the_bend_is_the_level_after_which_money_buys_markedly_less(tmp_path: Path) -> None:
    """Two applications scored 95 and two scored 40, each 300万: after 600万 the next money buys 40, not 95."""
    apps = write_rows(tmp_path / "apps.xlsx", [app_row(application_id=f"A-{i}", credit_code=code(i), score=score)
                                               for i, score in enumerate((95, 95, 40, 40), start=1)])
    swept = optimizer.sweep(apps, {"name": "bend", "reserve": "0元"}, levels="300万,600万,900万,1200万", workers=1)
    assert swept.knee == 6_000_000
    frame = swept.steps_frame()
    assert frame["bend"].tolist() == [False, True, False]
    assert frame["weighted_score"].tolist() == [95, 40, 40]
