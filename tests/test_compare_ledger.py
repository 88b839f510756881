"""Two runs that counted different award ledgers, compared (an officer's review): 2027 at 1.2亿 counting no ledger
against 2027 at 1.17亿 counting the 127 awards published for 2026. The ledgers are a row of the settings' table, the
rest of the headline's split names them, and B's awards the ledger deducted under 就高、不重复 are said as the
ledger's doing, not as B's rule breaks under A's rules — with no advice for sheets edited by hand."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from helpers import ROOT

import optimizer
from optimizer import compare
from optimizer.report.compare_out import compare_html
from optimizer.report.compare_runs import scenario_changes
from optimizer.report.compare_words import valuation_text

DATA = ROOT / "data"
IDS = "2027-0119、2027-0137、2027-0148、2027-0171、2027-0207"
IDS_EN = IDS.replace("、", ", ")


@dataclass(frozen=True)
class Runs:
    plain: Path  # 2027 at 1.2亿, no ledger
    counted: Path  # 2027 at 1.17亿, the 2026 awards in the ledger
    also_counted: Path  # 2027 at 1.2亿, the same ledger
    head: str  # the ledger's last hash, as the runs counted it


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    folder = tmp_path_factory.mktemp("ledgers")
    ledger = folder / "台账.sqlite"
    optimizer.init_ledger(ledger)
    optimizer.allocate(DATA / "sample_applications.xlsx", DATA / "scenario_2026.toml", ledger=ledger).write(
        folder / "r2026")
    optimizer.publish(folder / "r2026", ledger)
    workbook, scenario = DATA / "sample_applications_2027.xlsx", DATA / "scenario_2027.toml"
    optimizer.allocate(workbook, scenario, budget="1.2亿").write(folder / "plain")
    counted = optimizer.allocate(workbook, scenario, budget="1.17亿", ledger=ledger)
    counted.write(folder / "counted")
    optimizer.allocate(workbook, scenario, budget="1.2亿", ledger=ledger).write(folder / "also_counted")
    assert counted.request is not None and counted.request.ledger is not None
    assert counted.request.ledger.entries == 127
    return Runs(folder / "plain", folder / "counted", folder / "also_counted", counted.request.ledger.head)


def test_the_ledgers_are_a_row_of_the_settings_table(runs: Runs) -> None:
    c = compare(runs.plain, runs.counted, lang="zh")
    assert [(ch.name, ch.a, ch.b) for ch in scenario_changes(c, "zh") or ()] == [
        ("年度预算", "12,000.00万元", "11,700.00万元"),
        ("资助台账", "未计入", f"台账.sqlite，计入127条记录，末条记录的哈希 {runs.head[:12]}…")]
    assert [(ch.name, ch.a, ch.b) for ch in scenario_changes(c, "en") or ()][1] == (
        "Award ledger", "not counted", f"台账.sqlite, 127 entries counted, the last one's hash {runs.head[:12]}…")
    page = compare_html(c, "zh")
    assert ("<td>资助台账</td><td>未计入</td>"
            f"<td>台账.sqlite，计入127条记录，末条记录的哈希 {runs.head[:12]}…</td>") in page
    # the same ledger counted by both: no row
    same = compare(runs.also_counted, runs.counted, lang="zh")
    assert [ch.key for ch in scenario_changes(same, "zh") or ()] == ["budget"]


def test_the_rest_of_the_split_names_the_ledger(runs: Runs) -> None:
    """"其余差异约相当于减少61.6万元" never said that it was B's counting the 2026 awards: with the scenarios alike but
    for the budget, and one workbook, the rest is the ledger."""
    c = compare(runs.plain, runs.counted, lang="zh", at_equal_budget=True)
    assert c.at_equal_budget is not None
    said = valuation_text(c, "zh", how=False)
    assert ("其中预算之差（B的预算比A少300万元）：B若有A的预算，以多出的300万元所资助的申报，在A的资助线上折合"
            "298.4万元；其余差异（即B计入了资助台账的127条记录，A未计入）约相当于减少61.6万元（估计值，") in said
    english = valuation_text(compare(runs.plain, runs.counted, lang="en", at_equal_budget=True), "en", how=False)
    assert ("and everything else (that is: B counted 127 entries of an award ledger, A none) comes to about cutting "
            "it by 61.6万 (estimates,") in english
    # without the split, the figure says it holds the ledger's deductions
    whole = valuation_text(compare(runs.plain, runs.counted, lang="zh"), "zh", how=False)
    assert ("两次运行计入的资助台账也不同（B计入了资助台账的127条记录，A未计入）：这一差额包含台账扣减的影响。"
            in whole)
    # A's ledger and B's alike: not said
    assert "资助台账" not in valuation_text(compare(runs.also_counted, runs.counted, lang="zh"), "zh")


def test_the_ledgers_deductions_are_not_b_s_rule_breaks(runs: Runs) -> None:
    """B's 4 duplicates and one entitlement cut by the 2026 awards read "B的分配有9处不符合A的规则（其他）"."""
    c = compare(runs.plain, runs.counted, lang="zh")
    assert c.limits_a is not None and c.limits_a.ok and not c.limits_a.others
    assert len(c.limits_a.ledgered) == 9 and c.limits_a.ledger_paid == ()
    assert valuation_text(c, "zh", how=False).endswith(
        "B的分配满足A的各项限额。B计入了资助台账的127条记录，A未计入：B的5项申报（" + IDS + "）的核定额或状态因此与A"
        "的规则所得不同，不计为不符合A的规则。A仍向B计入的台账中已获资助的同一内容分配了300万元（1项：2027-0148）。")
    english = compare(runs.plain, runs.counted, lang="en")
    assert valuation_text(english, "en", how=False).endswith(
        "B's allocation keeps all of A's limits. B counted 127 entries of an award ledger, A none: that alone gives 5 "
        f"of B's applications ({IDS_EN}) another entitlement or status than A's rules do; they are not counted as "
        "breaking A's rules. A still pays 300万 to content the ledger B counted holds granted already (1: 2027-0148).")
    # A's awards under B's limits and ledger: its budget and a period cap broken stay breaks; what A pays to a
    # content the 2026 awards hold granted is said with the ledger
    by_b = compare(runs.plain, runs.counted, lang="zh", value_under="b")
    assert by_b.limits_b is not None and [b.rule for b in by_b.limits_b.breaches] == ["budget"]
    # a planner's review: the period cap the 2026 awards fill was said as a limit broken, beside the same 300万 said
    # as the ledger's: it is the ledger's too
    assert [b.rule for b in by_b.limits_b.ledger_breaches] == ["applicant_period_cap"]
    assert not by_b.limits_b.others and by_b.limits_b.ledger_paid == ("2027-0148",)
    assert valuation_text(by_b, "zh", how=False).endswith(
        "B计入了资助台账的127条记录，A未计入：A的5项申报（" + IDS + "）的核定额或状态因此与B的规则所得不同，"
        "不计为不符合B的规则。其中1项（2027-0148）的同一内容按B计入的台账已获资助，A仍分配了300万元。"
        "A按B计入的台账超出的限额，也只是台账之差所致，不计为不符合B的规则：重庆金佛山纺织集团有限公司合计300.00万元，"
        "政策有效期内最多还可获250.00万元。")
    assert valuation_text(compare(runs.plain, runs.counted, lang="en", value_under="b"), "en", how=False).endswith(
        "A still pays 300万 to 1 of them (2027-0148), whose content the ledger B counted holds granted already. The "
        "limits A goes over under the ledger B counted are that difference's doing alone, not counted as breaking "
        "B's rules: 重庆金佛山纺织集团有限公司 gets 300.00万, at most 250.00万 more over the policy's period.")


def test_the_files_list_the_ledgers_findings_without_advice_for_hand_edited_sheets(runs: Runs, tmp_path: Path) -> None:
    """compare.xlsx and compare.html listed the 9 under 限额核对 in the audit's words for a hand-edited allocation:
    "……；只改分配额时，请同时改状态列，或删去状态列" (audit's advice, since: "……；状态随分配额而定：……")."""
    c = compare(runs.plain, runs.counted, lang="zh")
    c.write(tmp_path, face="web")
    rows = [[cell.value for cell in r] for r in openpyxl.load_workbook(tmp_path / "compare.xlsx")["限额核对"]
            .iter_rows(min_row=2)]
    mine = [r for r in rows if r[0] == "B的分配对照A的限额"]
    assert mine[0][1].startswith("B的分配满足A的各项限额。B计入了资助台账的127条记录，A未计入：")
    assert [r[1] for r in mine[1:]] == ["资助台账"] * 5  # one row an application, not audit's 9 lines
    assert [r[-1] for r in mine[1:]][:3] == [  # audit's line, the last column (after the budgets' difference: A's
        # 1.2亿 against B's 1.17亿)
        "2027-0119：资助台账记录同一内容已获资助（渝经信规范〔2026〕2号2026年度50万元，2026-0374），B按就高、不重复不予"
        "资助；A未计入台账，A为“未获资助”。", ZH_0137, ZH_0148]
    page = (tmp_path / "compare.html").read_text(encoding="utf-8")
    for text in (page, *(str(cell) for r in rows for cell in r)):
        assert "状态随分配额而定" not in text and "不符合A的规则（其他）" not in text
        assert "应为" not in text and "README" not in text and "第149行" not in text
    assert f"<li>{ZH_0148}</li>" in page
    theirs = [r for r in rows if r[0] == "A的分配对照B的限额"]  # A's side: nothing wrong about A
    assert [r[-1] for r in theirs if r[1] == "资助台账"][2] == ZH_0148
    english = compare(runs.plain, runs.counted, lang="en")
    english.write(tmp_path / "en")
    page = (tmp_path / "en" / "compare.html").read_text(encoding="utf-8")
    assert "the status follows from the amount" not in page and "stated DUPLICATE" not in page
    assert f"<li>{html.escape(EN_0148)}</li>" in page
    assert html.escape("2027-0137: the award ledger records the same content granted already (16.99万 under "
                       "渝经信规范〔2026〕2号 in 2026, 2026-0012), so B deducts it under 就高、不重复 (the higher "
                       "standard, once): entitled to 33.01万 (A: 50万); A counted no ledger, and A's status is not "
                       "funded.") in page


ZH_0137 = ("2027-0137：资助台账记录同一内容已获资助（渝经信规范〔2026〕2号2026年度16.99万元，2026-0012），B按就高、"
           "不重复扣除后核定额为33.01万元（A为50万元）；A未计入台账，A为“未获资助”。")
ZH_0148 = ("2027-0148：资助台账记录同一内容已获资助（渝经信规范〔2026〕2号2026年度300万元，2026-0337），B按就高、"
           "不重复不予资助；A未计入台账，A分配了300万元。")
EN_0148 = ("2027-0148: the award ledger records the same content granted already (300万 under 渝经信规范〔2026〕2号 in "
           "2026, 2026-0337), so B pays nothing (就高、不重复: the higher standard, once); A counted no ledger, and A "
           "pays 300万.")


def test_only_the_ledger_differs_the_whole_difference_is_its_own(runs: Runs) -> None:
    """Same workbook, scenario and 1.2亿: the figure "包含" the ledger's deductions read as if something else were in
    it; and measured by A, nothing said that A pays a content the 2026 awards hold granted."""
    said = valuation_text(compare(runs.plain, runs.also_counted, lang="zh"), "zh", how=False)
    assert ("两次运行只有计入的资助台账不同（B计入了资助台账的127条记录，A未计入）：这一差额全部来自台账扣减。" in said
            and "包含" not in said)
    assert said.endswith("不计为不符合A的规则。A仍向B计入的台账中已获资助的同一内容分配了300万元（1项：2027-0148）。")
    english = valuation_text(compare(runs.plain, runs.also_counted, lang="en"), "en", how=False)
    assert ("The runs differ in nothing but the award ledgers they counted (B counted 127 entries of an award ledger, "
            "A none): this whole difference is what the ledger deducts." in english)
    assert english.endswith("A still pays 300万 to content the ledger B counted holds granted already "
                            "(1: 2027-0148).")
    # measured by B, said once, as before
    by_b = valuation_text(compare(runs.plain, runs.also_counted, lang="zh", value_under="b"), "zh", how=False)
    assert "这一差额全部来自台账扣减" in by_b and by_b.count("分配了300万元") == 1
    assert by_b.endswith("其中1项（2027-0148）的同一内容按B计入的台账已获资助，A仍分配了300万元。A按B计入的台账超出的"
                         "限额，也只是台账之差所致，不计为不符合B的规则：重庆金佛山纺织集团有限公司合计300.00万元，"
                         "政策有效期内最多还可获250.00万元。")


def test_an_audit_still_advises_on_a_sheet_edited_by_hand(runs: Runs) -> None:
    """The advice stays where it belongs: audit's own line of a status left as it was."""
    result = optimizer.audit(DATA / "sample_applications_2027.xlsx", runs.counted / "allocation.csv",
                             DATA / "scenario_2027.toml", budget="1.17亿", optimum=False)
    lines = [v.text("zh") for v in result.violations if v.rule == "status"]
    assert lines and all("；状态随分配额而定：改其中一列时，请两列一同改，或删去状态列——" in line for line in lines)
