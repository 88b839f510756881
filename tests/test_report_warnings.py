"""The run's warnings where people read them: the workbook's sheet of them, which audit's reading of the allocation
passes over; a scenario's keys named only on the command line, where its file is edited; and the run page listing a
warning as report.html does, in the app's words."""

from __future__ import annotations

import csv
import html
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from clirun import run
from helpers import ROOT, app, scenario_of, workbook_of

import optimizer
from optimizer.reading.allocation_file import read_allocation
from optimizer.words import Phrase

if TYPE_CHECKING:
    from starlette.testclient import TestClient

SAMPLE_2027 = ROOT / "data" / "sample_applications_2027.xlsx"
SCENARIO_2027 = ROOT / "data" / "scenario_2027.toml"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_audit_reads_the_allocation_back_from_a_workbook_with_a_sheet_of_warnings(sample: optimizer.Allocation,
                                                                                   tmp_path: Path, lang: str) -> None:
    """The sheet of warnings sits beside the allocation, never before it: audit reads an .xlsx's first sheet, its
    header in row 1, and finds the allocation as the run wrote it — the same rows and amounts as allocation.csv."""
    sample.write(tmp_path, lang)
    assert openpyxl.load_workbook(tmp_path / "allocation.xlsx").sheetnames[1] == ("提示" if lang == "zh" else
                                                                                  "Warnings")
    read = read_allocation(tmp_path / "allocation.xlsx")
    with (tmp_path / "allocation.csv").open(encoding="utf-8-sig") as handle:
        written = list(csv.DictReader(handle))
    assert [(r.application_id, r.allocated, r.entitlement, r.status.value, r.status_given) for r in read] == [
        (w["application_id"], int(w["allocated"]), int(w["entitlement"]), w["status"], True) for w in written]
    code, out, err = run("audit", ROOT / "data" / "sample_applications.xlsx", tmp_path / "allocation.xlsx",
                         "--scenario", ROOT / "data" / "scenario_2026.toml", lang=lang)
    assert code == 0, err
    assert ("合规：政策和情景的每条规则均得到遵守。" if lang == "zh" else "compliant") in out


def test_a_run_without_warnings_has_no_sheet_of_them(tmp_path: Path) -> None:
    result = optimizer.allocate(workbook_of(app()), scenario_of(budget="1000万"))
    assert result.warnings == ()
    result.write(tmp_path, "zh")
    book = openpyxl.load_workbook(tmp_path / "allocation.xlsx")
    assert book.sheetnames == ["分配结果", "按条款", "按篇章", "按区县", "约束", "运行参数"]
    assert book.active.title == "分配结果"
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'id="warnings"' not in page and 'id="notes"' not in page
    assert [r.allocated for r in read_allocation(tmp_path / "allocation.xlsx")] == [Decimal(3_000_000)]


def test_the_period_cap_warning_names_its_key_on_the_command_line_only(tmp_path: Path) -> None:
    """An officer's review: report.html said 情景设有政策有效期内的单户上限（max_period_total）. The key helps whoever
    edits the scenario file, on the command line; the files, the app and the library say the setting in words. Each
    says what to do (a later review: the page said it, the files that go into the 公示 dossier did not), the files as
    a sentence ending with its full stop — and, a later review still, in the app's word, 分配方案, and what to do in
    words the app's user and the command line's alike can follow (the page's 新建分配 is the app's)."""
    code, _, err = run("allocate", SAMPLE_2027, "--scenario", SCENARIO_2027, "--out", tmp_path / "run", "--quiet")
    assert code == 0, err
    assert ("scenario_2027.toml：警告：情景设有政策有效期内的单户上限（max_period_total），但本次未计入资助台账："
            "往年已获的本政策资助不会计入此上限，同一申报主体可能超出。如往年已有本政策的分配，"
            "请加 --ledger 计入记有其公示的资助台账重新分配（往年的运行尚未公示的，请先用 budgetopt publish 公示）"
            ) in err.splitlines()
    page = html.unescape((tmp_path / "run" / "report.html").read_text(encoding="utf-8"))
    action = re.search(r'<div class="warnings" id="warnings"><h2>警告（公示前须处理）</h2><ul><li>(.*?)</li>', page)
    assert action is not None and action.group(1) == PERIOD_CAP_IN_FILES
    book = openpyxl.load_workbook(tmp_path / "run" / "allocation.xlsx", read_only=True)
    said = [row[1] for row in book["提示"].iter_rows(values_only=True) if row[0] == "警告（公示前须处理）"]
    assert said[0] == action.group(1)
    assert Phrase.of("ledger.period_cap_alone").text("en") == (
        "the scenario caps each applicant over the policy's whole period, but no award ledger is counted: earlier "
        "years' awards under this policy are not counted towards it, and an applicant may go over it. If an earlier "
        "year was allocated under this policy, run this year's allocation again counting the award ledger that "
        "records its publication (publish that earlier run first if it is not yet published)")
    assert Phrase.of("ledger.no_year").text("zh") == (
        "分配方案未设年度：资助台账中本政策的资助只作为已获资助扣减、计入有效期上限，不计入本次的预算及各项年度限额；"
        "分配某一年度的后续批次，请在分配方案中写明年度")
    assert Phrase.of("ledger.no_year").text("zh", "cli").startswith("情景未设年度（year）：")
    assert Phrase.of("ledger.no_year").text("en", "cli").endswith("set year in the scenario file")


PERIOD_CAP_IN_FILES = (  # what the new run does, not a step of its own (an officer's review: `新的运行须计入资助台账`
    # read as one the officer must take, where the app counts the ledger by itself): true whichever face made the run;
    # and true whether the earlier run was published or not (an auditor's review: `请先公示往年的那次运行` sent one who
    # had published it to publish it again, which is refused)
    "分配方案设有政策有效期内的单户上限，但本次未计入资助台账：往年已获的本政策资助不会计入此上限，同一申报主体可能超出。"
    "如往年已有本政策的分配，请计入记有其公示的资助台账重新运行本年度的分配（往年的运行尚未公示的，请先公示）。")


def caution(page: str) -> str:
    found = re.search(r'<p class="caution" id="run-caution-1">(.*?)</p>', page, re.S)
    assert found is not None
    return html.unescape(found.group(1))


def test_the_run_page_says_a_scenario_warning_as_the_report_lists_it_in_the_apps_words(client: TestClient,
                                                                                        data: Path) -> None:
    """Officers' reviews: the run page said `2027 base case：警告：情景设有……`, the English name the shipped scenario's
    file gives, where the page calls it 2027年基准方案; then `2027年基准方案：警告：情景设有……`, 情景 where the app
    says 分配方案, and not what to do. It is listed as report.html lists it, under the same heading, in the app's
    words, with the remedy the app offers; the run's files say the remedy in words that do not name the app's button
    (the same files come of a command-line run)."""
    from test_web_pages import form_of_page, upload
    from webapp import CSRF, wait_page

    stored = upload(client, SAMPLE_2027, "zh")
    fields = form_of_page(client.get(f"/new?upload={stored}&preset=scenario_2027").text)
    fields.update(csrf_token=CSRF, report_lang="zh")
    answer = client.post("/runs", data=fields)
    assert answer.status_code == 303, answer.text
    page = answer.headers["location"]
    shown = wait_page(client, page + "?lang=zh")
    assert "<h2>警告（公示前须处理）</h2>" in shown
    assert caution(shown) == (
        "分配方案设有政策有效期内的单户上限，但本次未计入资助台账：往年已获的本政策资助不会计入此上限，同一申报主体可能超出。"
        "如往年已有本政策的分配，请以此为基础新建分配，计入记有其公示的资助台账（往年的运行尚未公示的，请先公示）。")
    assert caution(wait_page(client, page + "?lang=en")) == (
        "The scenario caps each applicant over the policy's whole period, but no award ledger is counted: earlier "
        "years' awards under this policy are not counted towards it, and an applicant may go over it. If an earlier "
        "year was allocated under this policy, make a new run from this one counting the ledger that records its "
        "publication (publish that earlier run first if it is not yet published).")
    report = html.unescape((data / "runs" / page.removeprefix("/runs/") / "report.html").read_text(encoding="utf-8"))
    assert f"<li>{PERIOD_CAP_IN_FILES}</li>" in report and "新建分配" not in report and "情景" not in report
