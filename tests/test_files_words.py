"""The run's files say what people read in the app's words and label what they show truly: 分配方案, as every page
says (an officer's review: the files said 情景); the award ledger by the hash of the last entry counted, with their
count, not as a file's SHA-256 (an auditor's review: `资助台账的 SHA-256` beside a value no sha256sum of the file
gives); the solver with its version, as the manifest records it; each status in words in the workbook's language
(an officer's review: UNFUNDED in a Chinese sheet to be printed); and what share of what is available was
allocated."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from clirun import run
from helpers import ROOT, app, scenario_of, workbook_of

import optimizer
from optimizer.reading.allocation_file import read_allocation
from optimizer.words import STATUS_LABELS

AWARDS = ROOT / "data" / "awards_other_policy_2026.xlsx"


def parameters(folder: Path) -> dict[str, str]:
    """allocation.xlsx's last sheet, 运行参数 (Parameters), as label → value."""
    book = openpyxl.load_workbook(folder / "allocation.xlsx", read_only=True)
    rows = {str(row[0]): str(row[1]) for row in book.worksheets[-1].iter_rows(min_row=2, values_only=True)}
    book.close()
    return rows


def manifest(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / "manifest.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def written(sample: optimizer.Allocation, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample, allocated under its scenario file, written in each language."""
    out = tmp_path_factory.mktemp("files")
    for lang in ("zh", "en"):
        sample.write(out / lang, lang)
    return {"zh": out / "zh", "en": out / "en"}


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two award ledgers: one with the two awards of another policy imported, one empty."""
    folder = tmp_path_factory.mktemp("ledgers")
    for name in ("two", "empty"):
        code, _, err = run("ledger", "init", folder / f"{name}.sqlite")
        assert code == 0, err
    code, _, err = run("ledger", "import", folder / "two.sqlite", AWARDS, "--policy", "市级技术改造专项（2026年度）")
    assert code == 0, err
    return {"two": folder / "two.sqlite", "empty": folder / "empty.sqlite"}


def counted(ledger: Path, folder: Path, lang: str) -> Path:
    """One application allocated in Python counting `ledger`, written into `folder` in `lang`."""
    result = optimizer.allocate(workbook_of(app()), scenario_of(budget="1000万", name="试算"), ledger=ledger)
    result.write(folder, lang)
    return folder


# --- 运行参数 (Parameters)


def test_the_chinese_parameters_say_分配方案_and_the_solver_with_its_version(written: dict[str, Path]) -> None:
    said, record = parameters(written["zh"]), manifest(written["zh"])
    assert said["分配方案"] == "2026 base case"
    assert said["分配方案文件的 SHA-256"] == record["inputs"]["scenario"]["sha256"]
    assert said["求解器"] == record["solver"]["version"]
    assert re.fullmatch(r"HiGHS \d+\.\d+\.\d+", said["求解器"])
    assert not [name for name in said if "情景" in name]


def test_the_english_parameters_say_scenario_and_the_solver_with_its_version(written: dict[str, Path]) -> None:
    said, record = parameters(written["en"]), manifest(written["en"])
    assert said["Scenario"] == "2026 base case"
    assert said["SHA-256 of the scenario file"] == record["inputs"]["scenario"]["sha256"]
    assert said["Solver"] == record["solver"]["version"]


@pytest.mark.parametrize(("lang", "label", "settings"), [
    ("zh", "资助台账前2条记录的末条哈希", "分配方案设置（在 Python 中给出）的 SHA-256"),
    ("en", "Award ledger: the hash of the last of its first 2 entries",
     "SHA-256 of the scenario settings (given in Python)"),
])
def test_the_ledger_is_labelled_as_the_hash_of_its_last_entry_counted(ledgers: dict[str, Path], tmp_path: Path,
                                                                       lang: str, label: str, settings: str) -> None:
    """The value is the chain's head, which `ledger check` prints and the manifest records — not the SHA-256 of the
    file, which changes as the ledger grows."""
    folder = counted(ledgers["two"], tmp_path, lang)
    said, record = parameters(folder), manifest(folder)
    recorded = record["inputs"]["ledger"]
    assert recorded["entries"] == 2
    assert said[label] == recorded["sha256"]
    assert said[settings] == record["inputs"]["scenario"]["sha256"]
    assert not [name for name in said if "资助台账的" in name or "SHA-256 of the award ledger" in name]
    code, out, _ = run("ledger", "check", ledgers["two"], lang="zh")
    assert code == 0 and recorded["sha256"] in out


@pytest.mark.parametrize(("lang", "label", "value"), [
    ("zh", "资助台账（计入时尚无记录）", "空台账：哈希链的起点 " + "0" * 64),
    ("en", "Award ledger (no entries when counted)", "empty: the hash chain's start, " + "0" * 64),
])
def test_an_empty_ledger_is_said_to_hold_no_entries(ledgers: dict[str, Path], tmp_path: Path, lang: str,
                                                    label: str, value: str) -> None:
    """Its head is the chain's start, 64 zeros (a review: bare, they read as a value): said so, and kept whole so
    that the manifest's value is found in the sheet."""
    folder = counted(ledgers["empty"], tmp_path, lang)
    said = parameters(folder)
    assert said[label] == value
    assert said[label].endswith(manifest(folder)["inputs"]["ledger"]["sha256"])


@pytest.mark.parametrize(("lang", "row", "after"), [
    ("zh", ("资助台账", "未计入"), "分配方案文件的 SHA-256"),
    ("en", ("Award ledger", "not counted"), "SHA-256 of the scenario file"),
])
def test_a_run_that_counted_no_ledger_says_so_where_the_ledger_would_be(written: dict[str, Path], lang: str,
                                                                         row: tuple[str, str], after: str) -> None:
    """An officer's review: the page said 未计入资助台账, the workbook had no ledger row at all, and without a
    period cap no warning either — an auditor with only the file could not tell "none counted" from "row
    forgotten"."""
    said = list(parameters(written[lang]).items())
    assert "ledger" not in manifest(written[lang])["inputs"]
    assert said[[name for name, _ in said].index(after) + 1] == row


@pytest.mark.parametrize(("lang", "rows"), [
    ("zh", [("可分配额（预算减预留）", "19,500.00万元"), ("分配额", "19,499.991万元"),
            ("已分配比例（分配额÷可分配额）", "99.99%")]),
    ("en", [("Available (budget less reserve)", "19,500.00万"), ("Allocated", "19,499.991万"),
            ("Share allocated (allocated ÷ available)", "99.99%")]),
])
def test_the_parameters_say_what_was_allocated_of_what_is_available(written: dict[str, Path], lang: str,
                                                                    rows: list[tuple[str, str]]) -> None:
    """Rounded down: 100.00% would say nothing is left, and 90 yuan are."""
    said = list(parameters(written[lang]).items())
    at = said.index(rows[0])
    assert said[at:at + 3] == rows


# --- report.html


def notes(folder: Path) -> list[str]:
    page = html.unescape((folder / "report.html").read_text(encoding="utf-8"))
    return re.findall(r'<p class="note">(.*?)</p>', page)


@pytest.mark.parametrize(("lang", "solver", "ledger"), [
    ("zh", "求解器：HiGHS", "资助台账：未计入"), ("en", "Solver: HiGHS", "Award ledger: none counted")])
def test_the_report_says_no_ledger_was_counted_beside_the_solver(written: dict[str, Path], lang: str, solver: str,
                                                                 ledger: str) -> None:
    """An officer's review: report.html said whether a ledger was counted only inside the period-cap warning."""
    said = notes(written[lang])
    at = next(k for k, text in enumerate(said) if text.startswith(solver))
    assert said[at + 1] == ledger


@pytest.mark.parametrize(("lang", "two", "empty"), [
    ("zh", "资助台账：计入2条记录，末条哈希 {head}…", "资助台账：计入时尚无记录"),
    ("en", "Award ledger: 2 entries counted, last entry's hash {head}…", "Award ledger: no entries when counted"),
])
def test_the_report_names_the_ledger_counted_as_the_run_page_does(ledgers: dict[str, Path], tmp_path: Path,
                                                                  lang: str, two: str, empty: str) -> None:
    """Its entries and the first 12 characters of the last one's hash, as the run page says them
    (`ledger.sqlite（130条记录，末条哈希 d254e3f39b7b…）`) — but not the file's name, which a copy verify re-runs
    from may not share (tests/test_ledger_flow.py: a renamed backup)."""
    folder = counted(ledgers["two"], tmp_path / "two", lang)
    head = manifest(folder)["inputs"]["ledger"]["sha256"][:12]
    assert two.format(head=head) in notes(folder)
    assert empty in notes(counted(ledgers["empty"], tmp_path / "empty", lang))


@pytest.mark.parametrize(("lang", "card"), [("zh", "已分配比例（分配额÷可分配额）"),
                                            ("en", "Share allocated (allocated ÷ available)")])
def test_the_report_shows_the_share_allocated_beside_the_money(written: dict[str, Path], lang: str,
                                                               card: str) -> None:
    page = html.unescape((written[lang] / "report.html").read_text(encoding="utf-8"))
    cards = re.findall(r'<div class="card"><b>(.*?)</b><span>(.*?)</span></div>', page)
    assert cards[4:6] == [("0.009", "未分配（万元）" if lang == "zh" else "Unspent (万元)"), ("99.99%", card)]


def test_the_chinese_report_says_分配方案_where_it_names_the_scenario(tmp_path: Path) -> None:
    """The period-cap warning, as report.html and the 提示 sheet say it: 分配方案 and what to do in words for
    whoever made the run, in the app or on the command line."""
    code, _, err = run("allocate", ROOT / "data" / "sample_applications_2027.xlsx", "--scenario",
                       ROOT / "data" / "scenario_2027.toml", "--out", tmp_path, "--quiet")
    assert code == 0, err
    page = html.unescape((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert "情景" not in page
    assert ("<li>分配方案设有政策有效期内的单户上限，但本次未计入资助台账：往年已获的本政策资助不会计入此上限，"
            "同一申报主体可能超出。如往年已有本政策的分配，请计入记有其公示的资助台账重新运行本年度的分配"
            "（往年的运行尚未公示的，请先公示）。</li>") in page
    book = openpyxl.load_workbook(tmp_path / "allocation.xlsx", read_only=True)
    assert not [text for sheet in ("提示", "运行参数") for row in book[sheet].iter_rows(values_only=True)
                for text in row if isinstance(text, str) and "情景" in text]


# --- 约束 (Constraints): the names first, the codes last


@pytest.mark.parametrize(("lang", "header", "budget"), [
    ("zh", ["限额名称", "类型", "方向", "限额（万元）", "已用（万元）", "余量（万元）", "是否约束",
            "边际价值（放宽1元的目标值增量）", "涉及申报数", "边际价值的含义", "约束代码"],
     ("预算总额", "预算总额", "上限", 19500, 19499.991, 0.009, "是", 83.6, 434 - 40 - 24,
      "预算每增加1万元，可资助加权评分约83.6的申报", "budget")),
    ("en", ["Limit, in words", "Kind", "Sense", "Limit (万元)", "Used (万元)", "Slack (万元)", "Binding",
            "Marginal value (objective gained per yuan relaxed)", "Applications", "What the marginal value means",
            "Constraint code"],
     ("budget", "budget", "max", 19500, 19499.991, 0.009, "yes", 83.6, 434 - 40 - 24,
      "each extra 万元 of budget funds applications with a weighted score of about 83.6", "budget")),
])
def test_the_constraints_sheet_names_each_limit_first_and_its_code_last(
        written: dict[str, Path], sample: optimizer.Allocation, lang: str, header: list[str],
        budget: tuple[object, ...]) -> None:
    """An officer's review: the Chinese sheet opened with code words (`budget`, `envelope:人工智能赋能`,
    `district_share:两江新区`) beside its 限额名称. The codes, as model.lp and constraints_frame() name the rows, come
    last, headed so."""
    book = openpyxl.load_workbook(written[lang] / "allocation.xlsx", read_only=True)
    rows = list(book.worksheets[-2].iter_rows(values_only=True))
    book.close()
    assert list(rows[0]) == header and rows[1] == budget
    assert [row[-1] for row in rows[1:]] == [c.name for c in sample.constraints]
    named = {row[-1]: row[0] for row in rows[1:]}
    assert named["district_share:两江新区"] == ("区县上限：两江新区" if lang == "zh" else "district cap: 两江新区")


# --- 分配结果 (Allocation): the status in words


@pytest.mark.parametrize(("lang", "header"), [
    ("zh", ["行号", "申报编号", "申报单位", "统一社会信用代码", "所属区县", "政策条款", "项目名称", "评审得分",
            "核定额（万元）", "分配额（万元）", "状态", "原因"]),
    ("en", ["Row", "Application ID", "Applicant", "Credit code", "District", "Clause", "Project", "Score",
            "Entitlement (万元)", "Allocated (万元)", "Status", "Reason"]),
])
def test_the_allocation_sheet_says_each_status_in_words(written: dict[str, Path], lang: str,
                                                        header: list[str]) -> None:
    """In the workbook's language, as report.html and the run page say it; allocation.csv keeps the codes."""
    book = openpyxl.load_workbook(written[lang] / "allocation.xlsx", read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert list(rows[0]) == header
    with (written[lang] / "allocation.csv").open(encoding="utf-8-sig") as handle:
        codes = [row["status"] for row in csv.DictReader(handle)]
    words = [row[10] for row in rows[1:]]
    assert words == [STATUS_LABELS[status][0 if lang == "zh" else 1] for status in codes]
    assert sorted(set(words)) == sorted(["全额资助", "部分资助", "未获资助", "不符合条件", "重复申报"] if lang == "zh"
                                        else ["funded in full", "partly funded", "not funded", "ineligible",
                                              "duplicate"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_audit_reads_the_statuses_back_from_their_words(written: dict[str, Path], lang: str) -> None:
    read = read_allocation(written[lang] / "allocation.xlsx")
    with (written[lang] / "allocation.csv").open(encoding="utf-8-sig") as handle:
        codes = [row["status"] for row in csv.DictReader(handle)]
    assert [(r.status.value, r.status_given) for r in read] == [(status, True) for status in codes]


def test_a_later_round_says_its_share_of_what_this_round_could_allocate(tmp_path: Path) -> None:
    """A year's second round: what is available is what the earlier rounds left, and the share says so."""
    from test_year_rounds import earlier, round_two, second

    result = round_two([second(0), second(1)], [earlier(195_000_000)], budget="2亿", reserve="400万")
    assert (result.available, result.allocated) == (1_000_000, 1_000_000)
    result.write(tmp_path, "zh")
    page = html.unescape((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert '<div class="card"><b>100.00%</b><span>已分配比例（分配额÷本批可分配额）</span></div>' in page
    said = parameters(tmp_path)
    assert [said[name] for name in ("本批可分配额（预算减预留及此前各批资助）", "分配额",
                                    "已分配比例（分配额÷本批可分配额）")] == ["100.00万元", "100.00万元", "100.00%"]
