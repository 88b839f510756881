"""`budgetopt compare` takes what the library's compare takes: `--value-under a|b` (whose weights and budget measure
both lists) and `--inputs DIR` (where moved run folders' workbooks may be, found by SHA-256)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from clirun import run
from helpers import ROOT

import optimizer


def sentence(out: str, start: str) -> str:
    """The line of the command's output that starts so."""
    return next(line for line in out.splitlines() if line.startswith(start))


@pytest.fixture(scope="module")
def mailed(tmp_path_factory: pytest.TempPathFactory, sample: optimizer.Allocation) -> Path:
    """The base case and the AI push written as run folders, then moved two folders deeper (as if received by mail):
    the workbook's recorded relative path leads nowhere; `materials` holds the workbook under another name."""
    folder = tmp_path_factory.mktemp("mailed")
    sample.write(folder / "base")
    optimizer.allocate(ROOT / "data" / "sample_applications.xlsx",
                       ROOT / "data" / "scenario_2026_ai_push.toml").write(folder / "push")
    for name in ("base", "push"):
        shutil.copytree(folder / name, folder / "to" / "director" / name)
    (folder / "materials").mkdir()
    shutil.copy(ROOT / "data" / "sample_applications.xlsx", folder / "materials" / "申报汇总表.xlsx")
    return folder


def test_value_under_b_measures_a_by_b(mailed: Path) -> None:
    """The library and the app valued by B; the command line could not."""
    code, out, err = run("compare", mailed / "base", mailed / "push", "--value-under", "b", "--out",
                         mailed / "cmp_b", "--lang", "en")
    assert code == 0, err
    assert sentence(out, "Measured by") == (
        "Measured by B's clause weights, A's list achieves less than B's: about what cutting B's budget by 676.9万 "
        "(3.4% of it) would lose (an estimate, rougher the larger the difference); the difference is 568,578,715 "
        "(weighted score × yuan). A's allocation breaks B's limits: 重庆白鹭新材料制造有限公司 gets 517.296万, an "
        "applicant at most 500.00万; 重庆铜锣水泥集团有限公司 gets 600.00万, an applicant at most 500.00万; "
        "重庆青木光电集团有限公司 gets 549.95万, an applicant at most 500.00万; 5 more (compare.xlsx's sheet Limits "
        "lists them all). How it is worked out. Both lists are valued with B's clause weights, as Σ weight × score × "
        "yuan (in weighted score × yuan). The difference, divided by the weighted score a yuan of B's budget buys at "
        "its funding line (84), is said in B's budget: a first-order estimate, rougher the more a large difference "
        "moves the funding line.")
    assert "Measured by B&#x27;s clause weights" in (mailed / "cmp_b" / "compare.html").read_text(encoding="utf-8")
    code, out, err = run("compare", mailed / "base", mailed / "push", "--value-under", "A", "--out",
                         mailed / "cmp_a", "--lang", "zh")
    assert code == 0, err
    assert sentence(out, "按A的条款").startswith(
        "按A的条款权重衡量，B的资助名单的效果比A的低，约相当于A的预算减少82.7万元")


def test_at_equal_budget_tells_the_budgets_difference_from_the_rest(mailed: Path) -> None:
    """A planner's review: the AI push at 1.8亿 against the base case at 2亿 could not say what the policy alone did;
    `--at-equal-budget` allocates B's scenario again at A's budget, from the run folder's recorded inputs."""
    code, _, err = run("allocate", ROOT / "data" / "sample_applications.xlsx", "--scenario",
                       ROOT / "data" / "scenario_2026_ai_push.toml", "--budget", "1.8亿", "--out", mailed / "push18",
                       "--quiet")
    assert code == 0, err
    code, out, err = run("compare", mailed / "base", mailed / "push18", "--at-equal-budget", "--out",
                         mailed / "cmp_equal", "--lang", "zh")
    assert (code, err) == (0, "")
    assert sentence(out, "按A的条款").startswith(
        "按A的条款权重衡量，B的资助名单的效果比A的低，约相当于A的预算减少2107.4万元（预算的10.5%）所损失的，其中预算之差"
        "（B的预算比A少2000万元）：B若有A的预算，以多出的2000万元所资助的申报，在A的资助线上折合2024.7万元；"
        "其他设置之差约相当于减少82.7万元（估计值，差额越大越不准；两部分由B的情景按A的预算重新分配得出）；")
    page = (mailed / "cmp_equal" / "compare.html").read_text(encoding="utf-8")
    assert "其他设置之差约相当于减少82.7万元" in page
    code, out, _ = run("compare", mailed / "base", mailed / "push18", "--out", mailed / "cmp_whole", "--lang", "zh")
    assert "两个情景的预算也不同（B的预算比A少2000万元）：这一折算包含预算本身的差额。" in out  # without it, as before
    # moved, B's workbook is not found: said on stderr, the figure said whole
    shutil.copytree(mailed / "push18", mailed / "to" / "director" / "push18")
    moved = mailed / "to" / "director"
    code, out, err = run("compare", moved / "base", moved / "push18", "--at-equal-budget", "--out",
                         mailed / "cmp_moved_equal", "--lang", "en")
    assert code == 0
    assert err.splitlines() == [
        "warning: B's scenario could not be allocated again at A's budget, so the budgets' difference is not told "
        "apart from the rest: B's workbook sample_applications.xlsx is neither where its run recorded it nor in the "
        "run's folder."]
    assert "this figure includes that difference" in out
    code, out, err = run("compare", moved / "base", moved / "push18", "--at-equal-budget", "--inputs",
                         mailed / "materials", "--out", mailed / "cmp_found_equal", "--lang", "en")
    assert (code, err) == (0, "") and "the other settings' difference comes to about cutting it by 82.7万" in out


def test_value_under_is_a_or_b(mailed: Path) -> None:
    code, out, err = run("compare", mailed / "base", mailed / "push", "--value-under", "c", "--lang", "en")
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == "--value-under: must be one of a, b, found c"
    assert not (Path("reports") / "compare_base_push").exists()


def test_inputs_finds_the_workbooks_of_moved_run_folders(mailed: Path) -> None:
    """A planner's review: two run folders received by mail were held to each other's limits only with the workbook
    copied into each; `--inputs` names the folder it is in, as verify's and audit's do."""
    moved = mailed / "to" / "director"
    code, out, err = run("compare", moved / "base", moved / "push", "--out", mailed / "cmp_moved", "--lang", "en")
    assert code == 0, err
    assert ("Whether B's allocation keeps A's limits was not checked: B's workbook sample_applications.xlsx is "
            "neither where its run recorded it nor in the run's folder.") in out
    code, out, err = run("compare", moved / "base", moved / "push", "--inputs", mailed / "materials", "--out",
                         mailed / "cmp_found", "--lang", "en")
    assert code == 0, err
    assert ("B's allocation breaks A's limits: the envelope 人工智能赋能 takes 6,000.00万, at most 4,000.00万.") in out
    assert "was not checked" not in out
    code, out, err = run("compare", moved / "base", moved / "push", "--inputs", mailed / "nowhere", "--out",
                         mailed / "cmp_nowhere", "--lang", "en")
    assert (code, out, err) == (2, "", f"{mailed / 'nowhere'}: is not a folder\n")
    assert not (mailed / "cmp_nowhere").exists()


def test_the_budgets_difference_is_said_within_it_and_the_rest_over_it_as_broken(mailed: Path,
                                                                                  sample: optimizer.Allocation) -> None:
    """An officer's and a planner's review: measured by B's smaller budget, A's total over it was "是两次运行的预算之差"
    where it is within it (1,999.991万 of 2000万), and, B's reserve larger too, the whole 2,199.991万 a limit broken.
    The console says what the files and the app's page say."""
    apps = ROOT / "data" / "sample_applications.xlsx"
    optimizer.allocate(apps, ROOT / "data" / "scenario_2026_ai_push.toml", budget="1.8亿").write(mailed / "cut")
    reserved = optimizer.load_scenario(sample.scenario, reserve="700万", name="reserve 700万")
    optimizer.allocate(apps, reserved, budget="1.8亿").write(mailed / "reserved")
    code, out, err = run("compare", mailed / "base", mailed / "cut", "--value-under", "b", "--out",
                         mailed / "cmp_cut", "--lang", "zh")
    assert (code, err) == (0, "")
    assert ("A的分配合计超出B的可分配额1,999.991万元，未超过两次运行的预算之差（2,000.00万元），不列为不满足B的限额。"
            "A的分配不满足B的限额：重庆白鹭新材料制造有限公司合计517.296万元，单户最多500.00万元；") in out
    code, out, err = run("compare", mailed / "base", mailed / "reserved", "--value-under", "b", "--out",
                         mailed / "cmp_reserved", "--lang", "en")
    assert (code, err) == (0, "")
    assert ("A's allocation breaks B's limits: 19,499.991万 allocated, at most 17,300.00万 available, 2,199.991万 "
            "over: 2,000.00万 of it the budgets' difference; the other 199.991万, which comes from B's larger reserve "
            "(700.00万 against A's 500.00万), is over the limit.") in out


def test_a_run_that_did_not_record_its_scenario_is_said_in_the_command_lines_words(mailed: Path) -> None:
    """The console keeps 情景, the command line's word (the app's page says 分配方案)."""
    code, _, err = run("allocate", ROOT / "data" / "sample_applications.xlsx", "--scenario",
                       ROOT / "data" / "scenario_2026.toml", "--budget", "1.5亿", "--out", mailed / "older", "--quiet")
    assert code == 0, err
    manifest = mailed / "older" / "manifest.json"
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    del recorded["scenario"]["weights"]  # as a run from before runs recorded their scenario
    manifest.write_text(json.dumps(recorded), encoding="utf-8")
    said = {"zh": "警告：未按A的预算重新分配B的情景：至少一次运行未记录情景的设置，无从判断除预算外是否还有差异。",
            "en": "warning: B's scenario was not allocated again at A's budget: a run did not record its scenario, so "
                  "whether anything but the budget differs is not known."}
    for lang in ("zh", "en"):
        code, _, err = run("compare", mailed / "base", mailed / "older", "--at-equal-budget", "--out",
                           mailed / f"cmp_older_{lang}", "--lang", lang)
        assert (code, err.splitlines()) == (0, [said[lang]])
