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
from clirun import run_en as run
from helpers import ROOT, publish_before_the_pin

from optimizer.jobs.publish import published_entries
from optimizer.jobs.verify import verify
from optimizer.report.notice import notice_xlsx
from optimizer.rules.policy import load_policy

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"


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
    folder = copied / "counted"
    ledger = folder / "../ledger.sqlite"  # as the manifest records it beside the path given: not resolved
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


def test_the_ledger_the_run_counted_is_named_by_the_path_given_not_resolved(
        copied: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A review: the manifest given as a relative path, the ledger awards.json names was said as `counted/../…` and
    the one the run counted as its resolved absolute path, in the same sentence; both as given now."""
    folder = copied / "counted"
    pinned, now = swap_in_layout_3(folder, copied / "ledger.sqlite")
    monkeypatch.chdir(copied)
    code, _, err = run("verify", "counted/manifest.json")
    assert code == 4
    assert err.splitlines()[1] == ("  the notice.xlsx beside manifest.json is not the file the 公示 wrote: the award "
                                   f"ledger counted/../ledger.sqlite records the list's SHA-256 as {pinned}…, it is "
                                   f"{now}…")


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


def test_rows_hidden_too_low_or_coloured_out_of_sight_and_rows_swapped_are_named(copied: Path) -> None:
    """An auditor's review: an award hidden in the 公示 list — its row hidden, or its text made white — was said as
    "only the file itself differs (… or a spreadsheet saved it again)"; two rows swapped read as each 序号 cell."""
    folder = copied / "counted"
    notice = folder / "notice.xlsx"
    published = notice.read_bytes()
    place = "row 5 (No. 2: 重庆华岩电子集团有限公司, 40.59万)"
    zh = "第5行（序号 2：重庆华岩电子集团有限公司，40.59万元）"
    edits: list[tuple[Callable[[Any], None], str, str]] = [
        (lambda sheet: setattr(sheet.row_dimensions[5], "hidden", True),
         f"notice.xlsx {place} is hidden: neither seen nor printed", f"notice.xlsx {zh}被隐藏：看不见，也打印不出"),
        (lambda sheet: setattr(sheet.row_dimensions[5], "height", 0.5),  # openpyxl writes no height for 0
         f"notice.xlsx {place} is 0.5 points high: what it holds is not seen",
         f"notice.xlsx {zh}的行高为0.5磅：看不见其内容"),
        (lambda sheet: [setattr(cell, "font", openpyxl.styles.Font(color="FFFFFFFF")) for cell in sheet[5]],
         f"notice.xlsx {place}: its text is the colour of its background, #FFFFFF, not seen",
         f"notice.xlsx {zh}的文字与底色同为 #FFFFFF：看不见"),
        (lambda sheet: setattr(sheet.column_dimensions["G"], "hidden", True), "notice.xlsx column G (Proposed award "
         "(10,000 yuan)) is hidden", "notice.xlsx G（Proposed award (10,000 yuan)）列被隐藏"),  # the list's header
        (lambda sheet: setattr(sheet, "print_area", "A1:G100"), "notice.xlsx prints A1:G100, A1:G135 as published: the "
         "list printed is not whole", "notice.xlsx 的打印区域为 A1:G100，公示时为 A1:G135：打印出的公示名单不全"),
        (swap_rows_5_and_6, "notice.xlsx: Nos. 2 and 3 are in another order than published",
         "notice.xlsx：序号 2、3 的行顺序与公示时不同"),
    ]
    for edit, said, chinese in edits:
        notice.write_bytes(published)
        book = openpyxl.load_workbook(notice)
        edit(book.active)
        book.save(notice)
        check = verify(folder / "manifest.json")
        assert check.texts("en")[1:] == (said,), said
        assert check.texts("zh")[1:] == (chinese,)
    notice.write_bytes(published)
    openpyxl.load_workbook(notice).save(notice)  # saved again: nothing hidden, nothing moved
    assert verify(folder / "manifest.json").texts("en")[1:] == (
        "every cell of notice.xlsx reads as published, and no row or column is hidden nor any text coloured as its "
        "background; but the file itself differs: its formatting or structure was changed",)


def swap_rows_5_and_6(sheet: Any) -> None:
    """序号 2 and 3 swapped, their 序号 cells left in place: the list read top to bottom is 1, 2, 3 … still."""
    for col in range(2, 8):
        upper, lower = sheet.cell(5, col).value, sheet.cell(6, col).value
        sheet.cell(5, col).value, sheet.cell(6, col).value = lower, upper


# --- awards.json pointed at a parallel ledger that holds the run too


@pytest.fixture
def parallel(tmp_path: Path) -> Path:
    """A run that counted ledger.sqlite (empty), published into it with a 公示期 of 5 days; and, from a copy of the
    folder and of the ledger as they were before, published into the copy with 10 days — the copy renamed F.sqlite
    beside the bureau's, its notice.xlsx and awards.json (ledger.path → ../F.sqlite) put in the run's folder."""
    for side in ("bureau", "copy"):
        (tmp_path / side).mkdir()
    ledger = tmp_path / "bureau" / "ledger.sqlite"
    assert run("ledger", "init", ledger)[0] == 0
    code, _, err = run("allocate", SAMPLE, "--scenario", SCENARIO, "--ledger", ledger, "--out",
                       tmp_path / "bureau" / "run", "--quiet")
    assert code == 0, err
    shutil.copytree(tmp_path / "bureau", tmp_path / "copy", dirs_exist_ok=True)
    assert run("publish", tmp_path / "bureau" / "run", "--ledger", ledger)[0] == 0
    assert run("publish", tmp_path / "copy" / "run", "--ledger", tmp_path / "copy" / "ledger.sqlite",
               "--objection-days", "10")[0] == 0
    shutil.copy(tmp_path / "copy" / "ledger.sqlite", tmp_path / "bureau" / "F.sqlite")
    for name in ("notice.xlsx", "awards.json"):
        shutil.copy(tmp_path / "copy" / "run" / name, tmp_path / "bureau" / "run" / name)
    edit_awards(tmp_path / "bureau" / "run", lambda d: d["ledger"].update(path="../F.sqlite"))
    return tmp_path / "bureau"


def test_a_list_published_into_a_parallel_ledger_awards_json_names_is_found_in_the_ledger_the_run_counted(
        parallel: Path) -> None:
    """An auditor's review: a ledger copied before the publication, the run published into it with another 公示期
    and awards.json pointed at it, hid the list swapped for that one (exit 0): the ledger the run counted, there and
    holding another list, was never looked at."""
    folder = parallel / "run"
    posted = sha_of(folder / "notice.xlsx")
    check = verify(folder / "manifest.json")
    ledger = folder / "../ledger.sqlite"  # the one the run counted, named as awards.json's is: not resolved
    pinned = published_list(parallel / "ledger.sqlite", folder)
    assert check.texts("en") == (
        f"the award ledgers {folder}/../F.sqlite (which awards.json names) and {ledger} (the one the run counted) both "
        f"record the run's publication, but not the same 公示 list: SHA-256 {posted}… in the first, {pinned}… in the "
        "other; the other's list is written with notice.objection_days 5 (awards.json records 10) — one of them is "
        "not the ledger the 公示 was recorded in; check the run against the bureau's",)
    assert check.texts("zh") == (
        f"资助台账 {folder}/../F.sqlite（awards.json 所记）与 {ledger}（该次运行所计的台账）都记有该次运行的公示，"
        f"但所记公示名单的 SHA-256 不同：前者为 {posted}…，后者为 {pinned}…；后者所记的公示名单是按 "
        "notice.objection_days 为 5 写出的（awards.json 记为 10）——二者之一不是该次公示所记入的台账，"
        "请按本单位的台账核对",)
    assert not check.ok and check.headline("m.json").text("en").endswith("but these are not as recorded:")


def test_a_pin_that_disagrees_with_the_ledger_is_not_blamed_on_it_when_awards_json_is_found_edited(
        parallel: Path) -> None:
    """An auditor's review: with --ledger on the bureau's intact ledger, its last line said the ledger was rewritten
    since the 公示 — though the line before had found awards.json edited, whose pin is what was forged."""
    folder = parallel / "run"
    ledger = parallel / "ledger.sqlite"
    head = json.loads((folder / "awards.json").read_text(encoding="utf-8"))["ledger"]["head"]
    check = verify(folder / "manifest.json", ledger=ledger)
    assert check.texts("en")[1:] == (
        "awards.json records the 公示 list as written with notice.objection_days 10, which does not write the list as "
        f"published; the list the award ledger {ledger} records was written with notice.objection_days 5: awards.json "
        "was changed after the 公示",
        f"awards.json's pin and the award ledger {ledger} disagree: its entry 127 has the hash {ledger_head(ledger)}…, "
        f"awards.json records {head[:12]}… — awards.json was changed after the 公示, as said above, or the ledger was "
        "rewritten; compare with the ledger's last hash publish gave at the 公示")
    assert check.texts("zh")[2] == (
        f"awards.json 所记的公示时的台账与资助台账 {ledger} 不符：其第127条记录的哈希为 {ledger_head(ledger)}…，"
        f"awards.json 记为 {head[:12]}…——awards.json 已如上所述在公示后被改动过，也可能是台账被改写；"
        "请与公示时 publish 给出的台账末条哈希核对")


def published_list(ledger: Path, folder: Path) -> str:
    """The SHA-256 of the 公示 list the ledger's entries of the run record, 12 digits."""
    return next(entry.notice for entry in published_entries(folder, ledger))[:12]


def ledger_head(ledger: Path) -> str:
    from optimizer.ledger import read_ledger

    return read_ledger(ledger).head[:12]


# --- a 公示 list no ledger pins: the headline says so


def test_a_list_held_to_awards_json_alone_is_said_in_the_headline(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """An auditor's review: a list swapped in a publication into a ledger of schema 2 (which pins no list), awards.json
    edited to match, got an unqualified 验证通过 on stdout; the note that nothing pins it was on stderr only."""
    assert run("ledger", "init", tmp_path / "ledger.sqlite")[0] == 0
    assert run("allocate", SAMPLE, "--scenario", SCENARIO, "--out", tmp_path / "run", "--quiet")[0] == 0
    with monkeypatch.context() as patch:
        publish_before_the_pin(patch)
        assert run("publish", tmp_path / "run", "--ledger", tmp_path / "ledger.sqlite")[0] == 0
    swap_in_layout_3(tmp_path / "run", tmp_path / "ledger.sqlite")
    manifest = tmp_path / "run" / "manifest.json"
    sha = json.loads(manifest.read_text(encoding="utf-8"))["outputs"]["allocation.csv"]["sha256"]
    code, out, _ = run("verify", manifest)
    assert (code, out) == (0, f"verified: re-running {manifest} gives the identical allocation.csv (SHA-256 {sha}); "
                              "the 公示 list is not pinned by the ledger, checked against awards.json only\n")
    assert verify(manifest).headline("m.json").text("zh") == (
        f"验证通过：按 m.json 重新运行，得到完全相同的 allocation.csv（SHA-256 {sha}）；公示名单未被台账固定，仅按 "
        "awards.json 核对")
    (tmp_path / "ledger.sqlite").rename(tmp_path / "elsewhere.sqlite")  # and mailed without its ledger
    assert verify(manifest).headline("m.json").text("en").endswith(
        "; the 公示 list is not pinned by the ledger, checked against awards.json only")


def test_a_list_the_ledger_pins_gets_the_plain_headline(runs: Path) -> None:
    manifest = runs / "counted" / "manifest.json"
    check = verify(manifest)
    assert check.ok and check.headline("m.json").text("en").startswith("verified: re-running m.json gives the "
                                                                       "identical allocation.csv (SHA-256 ")
    assert "pinned" not in check.headline("m.json").text("en")


def test_the_list_s_cells_are_read_from_the_bytes_whose_sha256_was_checked(copied: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A list edited, then put back just after verify read it for its SHA-256: the cells named are those of the bytes
    checked (it once read the file again, found it as published, and said its cells were the same as published)."""
    folder = copied / "counted"
    notice = folder / "notice.xlsx"
    published = notice.read_bytes()
    book = openpyxl.load_workbook(notice)
    book.active["C5"] = "91500000MA00000002"
    book.save(notice)
    read_bytes = Path.read_bytes

    def then_put_back(path: Path) -> bytes:
        data = read_bytes(path)
        if path == notice:
            notice.write_bytes(published)  # the file changes between the hash and the read of its cells
        return data

    monkeypatch.setattr(Path, "read_bytes", then_put_back)
    check = verify(folder / "manifest.json")
    assert check.texts("en")[1:] == (
        "notice.xlsx No. 2: Unified social credit code is '91500000MA00000002', '91500106MA40KG94D3' as published",)
