"""verify of a published run, from an auditor's review: the ledger awards.json names pointed elsewhere, and a 公示 list
with a row taken out or added."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from helpers import ROOT, publish_before_the_pin

from optimizer.cli import cli
from optimizer.jobs.publish import published_entries
from optimizer.jobs.verify import verify
from optimizer.report.notice import notice_xlsx
from optimizer.rules.policy import load_policy

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner(env={"BUDGETOPT_LANG": "en"}).invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample allocated twice: `counted`, which counted ledger.sqlite (empty then) and was published into it;
    `plain`, which counted none, published into plain.sqlite; and empty.sqlite, a ledger of no entries."""
    folder = tmp_path_factory.mktemp("published")
    for ledger in ("ledger.sqlite", "plain.sqlite", "empty.sqlite"):
        assert run("ledger", "init", folder / ledger)[0] == 0
    code, _, err = run("allocate", SAMPLE, "--scenario", SCENARIO, "--ledger", folder / "ledger.sqlite", "--out",
                       folder / "counted", "--quiet")
    assert code == 0, err
    code, _, err = run("allocate", SAMPLE, "--scenario", SCENARIO, "--out", folder / "plain", "--quiet")
    assert code == 0, err
    assert run("publish", folder / "counted", "--ledger", folder / "ledger.sqlite")[0] == 0
    assert run("publish", folder / "plain", "--ledger", folder / "plain.sqlite")[0] == 0
    return folder


@pytest.fixture
def copied(runs: Path, tmp_path: Path) -> Path:
    shutil.copytree(runs, tmp_path, dirs_exist_ok=True)
    return tmp_path


def edit_awards(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    document = json.loads((folder / "awards.json").read_text(encoding="utf-8"))
    change(document)
    (folder / "awards.json").write_text(json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")


def swap_in_layout_3(folder: Path, ledger: Path) -> tuple[str, str]:
    """The published list swapped for the same awards in layout 3, awards.json's notice.layout edited to match: the
    SHA-256 of the list published and of the one swapped in, 12 digits each."""
    awards = [entry.award for entry in published_entries(folder, ledger)]
    published = (folder / "notice.xlsx").read_bytes()
    swapped = notice_xlsx(awards, load_policy(), 2026, "en", 5, layout=3)  # run() speaks English
    (folder / "notice.xlsx").write_bytes(swapped)
    edit_awards(folder, lambda d: d["notice"].update(layout=3))
    return hashlib.sha256(published).hexdigest()[:12], hashlib.sha256(swapped).hexdigest()[:12]


def sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


# --- the ledger awards.json names is not the one that holds the publication


def test_a_swapped_list_is_found_in_the_ledger_the_run_counted_when_awards_json_names_another(copied: Path) -> None:
    """An auditor's review: awards.json's ledger.path pointed at an empty ledger hid a 公示 list swapped for another
    layout: verify said the folder's files were as recorded and only that the ledger lacked the run."""
    folder, ledger = copied / "counted", (copied / "ledger.sqlite").resolve()
    pinned, now = swap_in_layout_3(folder, ledger)
    edit_awards(folder, lambda d: d["ledger"].update(path="../empty.sqlite"))
    check = verify(folder / "manifest.json")
    run_sha = sha_of(folder / "manifest.json")
    assert check.texts("en") == (
        f"the notice.xlsx beside manifest.json is not the file the 公示 wrote: the award ledger {ledger} records the "
        f"list's SHA-256 as {pinned}…, it is {now}…",
        "awards.json records the 公示 list as written with notice.layout 3, which does not write the list as "
        f"published; the list the award ledger {ledger} records was written with notice.layout 4: awards.json was "
        "changed after the 公示",
        f"awards.json says the run was published, but the award ledger {folder}/../empty.sqlite holds no award of it "
        f"(manifest SHA-256 {run_sha}…)",
        f"the award ledger {folder}/../empty.sqlite is not the ledger awards.json pinned: it holds 0 entries, the "
        "ledger as published 127",
        f"the run's awards are in the award ledger {ledger} (the ledger the run counted), checked there")
    assert check.headline("m.json").text("en") == (
        "changed after the run: re-running m.json gives the allocation.csv the run recorded, but the files in its "
        "folder are not as recorded")
    assert check.texts("zh")[3:] == (
        f"资助台账 {folder}/../empty.sqlite 不是 awards.json 所记的公示时的台账：它只有0条记录，公示后的台账有127条",
        f"该次运行的资助记录见于资助台账 {ledger}（该次运行所计的台账），已在其中核对")


def test_a_ledger_that_is_not_the_one_awards_json_pinned_is_said_so_and_the_folder_not_said_as_recorded(
        copied: Path) -> None:
    """The run counted no ledger: where awards.json names one without the run's awards, the list swapped in was held
    to no ledger's pin, and the headline no longer says the folder's files are as recorded. A ledger of others'
    awards is not the one pinned either; the bureau's, under --inputs, is found and names the swapped list."""
    folder = copied / "plain"
    pinned, now = swap_in_layout_3(folder, copied / "plain.sqlite")
    edit_awards(folder, lambda d: d["ledger"].update(path="../empty.sqlite"))
    check = verify(folder / "manifest.json")
    run_sha = sha_of(folder / "manifest.json")
    assert check.texts("en") == (
        f"awards.json says the run was published, but the award ledger {folder}/../empty.sqlite holds no award of it "
        f"(manifest SHA-256 {run_sha}…)",
        f"the award ledger {folder}/../empty.sqlite is not the ledger awards.json pinned: it holds 0 entries, the "
        "ledger as published 127")
    assert not check.in_ledger and check.headline("m.json").text("en").endswith("but these are not as recorded:")

    edit_awards(folder, lambda d: d["ledger"].update(path="../ledger.sqlite"))  # another run's 127 awards
    head = json.loads((folder / "awards.json").read_text(encoding="utf-8"))["ledger"]["head"]
    assert verify(folder / "manifest.json").texts("en")[1].startswith(
        f"the award ledger {folder}/../ledger.sqlite is not the ledger awards.json pinned: its entry 127 has the hash ")
    assert verify(folder / "manifest.json").texts("en")[1].endswith(f", awards.json records {head[:12]}…")

    kept = copied / "收到的材料"
    kept.mkdir()
    shutil.copy(copied / "plain.sqlite", kept / "台账-备份.sqlite")
    check, backup = verify(folder / "manifest.json", inputs=kept), kept / "台账-备份.sqlite"
    assert check.texts("en")[0] == (
        f"the notice.xlsx beside manifest.json is not the file the 公示 wrote: the award ledger {backup} records the "
        f"list's SHA-256 as {pinned}…, it is {now}…")
    assert check.texts("en")[-1] == (f"the run's awards are in the award ledger {backup} (found in {kept}), checked "
                                     "there")


def test_a_ledger_difference_of_a_list_no_ledger_pins_does_not_say_the_folder_is_as_recorded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Published before the ledger pinned the list: an award changed in the ledger was headed "its folder's files
    are as recorded", though nothing but awards.json held the list."""
    assert run("ledger", "init", tmp_path / "ledger.sqlite")[0] == 0
    assert run("allocate", SAMPLE, "--scenario", SCENARIO, "--out", tmp_path / "run", "--quiet")[0] == 0
    with monkeypatch.context() as patch:
        publish_before_the_pin(patch)
        assert run("publish", tmp_path / "run", "--ledger", tmp_path / "ledger.sqlite")[0] == 0
    with sqlite3.connect(tmp_path / "ledger.sqlite") as db:
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            db.execute(f'DROP TRIGGER "{name}"')
        db.execute("UPDATE entries SET amount = amount + 1 WHERE seq = 1")
    db.close()
    check = verify(tmp_path / "run" / "manifest.json")
    assert check.texts("en")[0].startswith("entry 1 of the award ledger ")
    assert not check.in_ledger and check.headline("m.json").text("en").startswith(
        "re-running m.json gives the identical allocation.csv (SHA-256 ")


# --- the 公示 list's rows: matched by credit code and project, not by their place


def delete_row(notice: Path, row: int, *, renumber: bool = False) -> None:
    book = openpyxl.load_workbook(notice)
    sheet = book.active
    sheet.delete_rows(row)
    for at in range(row, sheet.max_row + 1) if renumber else ():
        if isinstance(sheet.cell(at, 1).value, int):
            sheet.cell(at, 1).value -= 1
    book.save(notice)


def test_a_row_taken_out_of_the_list_is_named_as_missing_not_as_every_cell_below_it(copied: Path) -> None:
    """An auditor's review: 序号 2 deleted read as 855 differences of cells, and the award removed was never named."""
    folder = copied / "counted"
    notice = folder / "notice.xlsx"
    published = notice.read_bytes()
    assert openpyxl.load_workbook(notice).active["B5"].value == "重庆华岩电子集团有限公司"
    delete_row(notice, 5)
    check = verify(folder / "manifest.json")
    assert check.texts("en")[1:] == (
        "notice.xlsx lacks No. 2 of the 公示 list: 重庆华岩电子集团有限公司, 华岩电子数字化改造, 40.59万",)
    assert check.texts("zh")[1:] == ("notice.xlsx 缺少公示名单的 序号 2：重庆华岩电子集团有限公司，华岩电子数字化改造，"
                                     "40.59万元",)
    notice.write_bytes(published)
    delete_row(notice, 5, renumber=True)  # and the rows below numbered again, as whoever took it out would
    assert verify(folder / "manifest.json").texts("en")[1:] == (
        "notice.xlsx lacks No. 2 of the 公示 list: 重庆华岩电子集团有限公司, 华岩电子数字化改造, 40.59万",
        "notice.xlsx is numbered again, 1 to 126")


def test_a_row_added_to_the_list_and_a_cell_of_a_row_edited_are_named(copied: Path) -> None:
    folder = copied / "counted"
    notice = folder / "notice.xlsx"
    book = openpyxl.load_workbook(notice)
    sheet = book.active
    sheet.insert_rows(6)
    for col, value in enumerate((3, "重庆某某有限公司", "91500000MA00000001", "两江新区", "某项目", "第7条", 12.5), 1):
        sheet.cell(6, col).value = value
    sheet["C5"] = "91500000MA00000002"  # 序号 2's credit code: still 序号 2, its cell named
    book.save(notice)
    check = verify(folder / "manifest.json")
    assert check.texts("en")[1:] == (
        "notice.xlsx row 6 is not in the 公示 list: 重庆某某有限公司, 某项目, 12.5万",
        "notice.xlsx No. 2: Unified social credit code is '91500000MA00000002', '91500106MA40KG94D3' as published")
