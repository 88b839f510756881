"""verify of the files a run prints beside its allocation.csv, from an auditor's review: allocation.xlsx edited with
its hash, whatever the writers' version; packages of other versions; what vouches for a manifest."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from verified import allocated, edit_manifest, rehash, run

from optimizer.jobs.verify import verify
from optimizer.report.manifest import WRITERS, environment

EDITED = ("  the allocation.xlsx beside manifest.json has the SHA-256 the manifest records, but its allocation sheet, "
          "read back, is not the run's allocation: changed after the run\n"
          "  allocation.xlsx row 2 (2026-0001): allocated is 50万, 0 yuan in the run's allocation.csv\n")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample allocated with its model exported, on copies of its workbook and scenario."""
    return allocated(tmp_path_factory.mktemp("printed"), "--export-model")


@pytest.fixture
def recorded(made: Path, tmp_path: Path) -> Path:
    shutil.copytree(made, tmp_path, dirs_exist_ok=True)
    return tmp_path / "run"


def award_500000_to_2026_0001(folder: Path) -> None:
    """allocation.xlsx's 分配额 of 2026-0001 made 50 (万元) where it was 0, its hash in the manifest with it."""
    path = folder / "allocation.xlsx"
    edited = io.BytesIO()
    with zipfile.ZipFile(path) as before, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as after:
        for info in before.infolist():
            data = before.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert data.count(b'<c r="J2" s="7"><v>0</v>') == 1
                data = data.replace(b'<c r="J2" s="7"><v>0</v>', b'<c r="J2" s="7"><v>50</v>')
            after.writestr(info, data)
    path.write_bytes(edited.getvalue())
    rehash(folder, "allocation.xlsx")


def say_status(folder: Path, before: str, after: str) -> None:
    """allocation.xlsx's 状态 of 2026-0001 (K2, the status in words) made `after` where it was `before`, its hash in
    the manifest with it."""
    path = folder / "allocation.xlsx"
    cell = '<c r="K2" s="0" t="inlineStr"><is><t xml:space="preserve">{}</t>'
    edited = io.BytesIO()
    with zipfile.ZipFile(path) as was, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as now:
        for info in was.infolist():
            data = was.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert data.count(cell.format(before).encode()) == 1
                data = data.replace(cell.format(before).encode(), cell.format(after).encode())
            now.writestr(info, data)
    path.write_bytes(edited.getvalue())
    rehash(folder, "allocation.xlsx")


def dropped(*keys: str) -> Callable[[dict[str, Any]], None]:
    return lambda d: [d["tool"].pop(key) for key in keys]


# --- allocation.xlsx, the sheet people print and sign, read back whatever its writers' version


@pytest.mark.parametrize("change", [
    lambda d: d["tool"].update(writers=1),
    lambda d: d["tool"].update(writers=WRITERS - 1),
    dropped("writers"),
    dropped("writers", "reasons", "python", "platform", "packages"),
    lambda d: (d["tool"].update(version="0.0.9"), d.pop("budget_marginal")),
])
def test_an_allocation_xlsx_edited_with_its_hash_is_named_whatever_the_manifest_says_wrote_it(
        recorded: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """An auditor's review: 2026-0001's 分配额 made 50万 in allocation.xlsx, its SHA-256 recomputed in the manifest and
    `tool.writers` set to an earlier version (or taken out with every key begun after it) passed with exit 0: a file
    of an earlier writer was accepted by the hash the manifest records. Its allocation sheet is read back as audit
    reads it and set beside the re-run's allocation.csv."""
    award_500000_to_2026_0001(recorded)
    edit_manifest(recorded, change)
    code, _, err = run("verify", recorded / "manifest.json")
    assert code == 4
    assert err.endswith(EDITED), err


def test_an_allocation_xlsx_edited_with_its_hash_is_said_in_chinese(recorded: Path) -> None:
    award_500000_to_2026_0001(recorded)
    edit_manifest(recorded, lambda d: d["tool"].update(writers=WRITERS - 1))
    assert verify(recorded / "manifest.json").texts("zh") == (
        "manifest.json 旁的 allocation.xlsx 虽有复核清单记录的 SHA-256，但读回的分配结果与该次运行的分配不同："
        "运行后被改动过",
        "allocation.xlsx 第2行（2026-0001）：分配额为50万元，该次运行的 allocation.csv 为0元")


def test_an_allocation_xlsx_edited_without_its_hash_names_the_application_too(recorded: Path) -> None:
    award_500000_to_2026_0001(recorded)
    edit_manifest(recorded, lambda d: d["outputs"]["allocation.xlsx"].update(sha256="0" * 64))
    assert verify(recorded / "manifest.json").texts("en") == (
        "the allocation.xlsx beside manifest.json is not the file the run wrote (the re-run's differs): changed since",
        "allocation.xlsx row 2 (2026-0001): allocated is 50万, 0 yuan in the run's allocation.csv")


@pytest.mark.parametrize("said", ["funded in full", "全额资助", "FUNDED", "全额"])
def test_the_status_in_words_of_allocation_xlsx_is_compared_as_the_runs_word(recorded: Path, said: str) -> None:
    """The 状态 column says the status in words in the run's language (an officer's review: UNFUNDED in a Chinese
    sheet to be printed): what a signed printout says of an application, compared as the word — once, though it is
    read back as a status too — and the run's said as the word and as the code its allocation.csv holds (a planner's
    review: `该次运行的 allocation.csv 为“未获资助”`, where the file says UNFUNDED)."""
    say_status(recorded, "not funded", said)
    edit_manifest(recorded, lambda d: d["tool"].update(writers=WRITERS - 1))
    check = verify(recorded / "manifest.json")
    assert check.texts("en") == (
        "the allocation.xlsx beside manifest.json has the SHA-256 the manifest records, but its allocation sheet, read "
        "back, is not the run's allocation: changed after the run",
        f"allocation.xlsx row 2 (2026-0001): status is '{said}', 'not funded' in the run (UNFUNDED in its "
        "allocation.csv)")
    assert check.texts("zh")[1] == (f"allocation.xlsx 第2行（2026-0001）：状态为“{said}”，该次运行为“not funded”"
                                    "（allocation.csv 中为 UNFUNDED）")


def laid_out_before_8(folder: Path, words: Callable[[str], str]) -> None:
    """allocation.xlsx's allocation sheet as writers' versions before 8 laid it out — the status as allocation.csv's
    code in 状态 (Status) and in words in 状态说明 (Status, in words) beside it — the words `words(code)`, its hash in
    the manifest with it (allocation.csv has no project: the column is left empty)."""
    import openpyxl

    from optimizer.words import LABELS

    keys = ["row", "application_id", "applicant", "credit_code", "district", "clause", "project", "score",
            "entitlement_wan", "allocated_wan", "status", "status_label", "reason"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([LABELS[key][1] for key in keys])
    with (folder / "allocation.csv").open(encoding="utf-8-sig") as handle:
        for n, row in enumerate(csv.DictReader(handle), 2):
            sheet.append([n, row["application_id"], row["applicant"], row["credit_code"], row["district"],
                          row["clause"], "", float(row["score"]), int(row["entitlement"]) / 10_000,
                          int(row["allocated"]) / 10_000, row["status"], words(row["status"]), row["reason"]])
    book.save(folder / "allocation.xlsx")
    rehash(folder, "allocation.xlsx")


def test_an_earlier_layout_of_the_status_is_read_back_as_it_was_written(recorded: Path) -> None:
    """Before writers' version 8 the sheet had allocation.csv's code in 状态 and the words in 状态说明: both are read
    back as they were meant, the words compared as words."""
    from optimizer.words import STATUS_LABELS

    laid_out_before_8(recorded, lambda code: STATUS_LABELS[code][1])
    edit_manifest(recorded, lambda d: d["tool"].update(writers=WRITERS - 1))
    assert verify(recorded / "manifest.json").ok
    laid_out_before_8(recorded, lambda code: "funded in full")
    assert verify(recorded / "manifest.json").texts("en")[1:3] == (
        "allocation.xlsx row 2 (2026-0001): status, in words is 'funded in full', 'not funded' in the run (UNFUNDED "
        "in its allocation.csv)",
        "allocation.xlsx row 3 (2026-0002): status, in words is 'funded in full', 'not funded' in the run (UNFUNDED "
        "in its allocation.csv)")


def test_an_allocation_xlsx_that_cannot_be_read_back_is_a_difference(recorded: Path) -> None:
    (recorded / "allocation.xlsx").write_bytes(b"not a workbook at all")
    rehash(recorded, "allocation.xlsx")
    edit_manifest(recorded, lambda d: d["tool"].update(writers=WRITERS - 1))
    check = verify(recorded / "manifest.json")
    assert not check.ok and len(check.texts("en")) == 1
    assert check.texts("en")[0].startswith("the allocation.xlsx beside manifest.json cannot be read back as an "
                                           "allocation: ")
    assert check.texts("zh")[0].startswith("manifest.json 旁的 allocation.xlsx 无法作为分配表读回：")


def test_an_earlier_writers_allocation_xlsx_that_reads_as_the_run_is_said_so(recorded: Path) -> None:
    """An earlier writer's layout, the same allocation: not accused, and the note says what was checked of it."""
    path = recorded / "allocation.xlsx"
    path.write_bytes(path.read_bytes() + b"\0")  # as an earlier writer laid it out, say
    rehash(recorded, "allocation.xlsx")
    edit_manifest(recorded, lambda d: d["tool"].update(writers=WRITERS - 1))
    code, out, err = run("verify", recorded / "manifest.json")
    assert (code, err) == (0, "the allocation.xlsx beside manifest.json is not what this budgetopt writes; its SHA-256 "
                              "matches the manifest, but this budgetopt cannot check this file itself (written by "
                              f"writers' version {WRITERS - 1}, this budgetopt's is {WRITERS}), and an unpublished "
                              "manifest cannot vouch for it; its allocation sheet, read back, is the run's allocation "
                              "row by row\n"), out


# --- what vouches for a manifest: the ledger's entries of its publication, not awards.json beside it


def published_with_an_earlier_report(recorded: Path) -> Path:
    """The run's report.html as an earlier writers' version wrote it, with the SHA-256 its manifest records; then
    published into a ledger beside it. The ledger."""
    report = recorded / "report.html"
    report.write_bytes(report.read_bytes().replace(b"</body>", b"<!-- earlier --></body>"))
    rehash(recorded, "report.html")
    edit_manifest(recorded, lambda d: d["tool"].update(writers=WRITERS - 1))
    ledger = recorded.parent / "ledger.sqlite"
    assert run("ledger", "init", ledger)[0] == 0
    assert run("publish", recorded, "--ledger", ledger)[0] == 0
    return ledger


def test_a_published_manifest_vouches_for_its_files_only_by_the_ledger_that_holds_it(recorded: Path) -> None:
    """An auditor's review: the note said the 公示 (awards.json) recorded the manifest's SHA-256, though awards.json
    is a file in the same folder, rewritten with it; only the ledger's entries can vouch for the manifest."""
    ledger = published_with_an_earlier_report(recorded)
    why = f"written by writers' version {WRITERS - 1}, this budgetopt's is {WRITERS}"
    check = verify(recorded / "manifest.json")
    assert check.ok and check.note_texts("en") == (
        "the report.html beside manifest.json is not what this budgetopt writes; its SHA-256 matches the manifest, "
        f"whose own SHA-256 the award ledger {recorded}/../ledger.sqlite records of the publication; this budgetopt "
        f"cannot check this file itself ({why}); its tables of applications, read back, are the run's allocation row "
        "by row",)
    assert check.note_texts("zh") == (
        "manifest.json 旁的 report.html 与本版本写出的不同，其 SHA-256 与复核清单记录的相同，而资助台账 "
        f"{recorded}/../ledger.sqlite 中该次公示的记录记有复核清单本身的 SHA-256；本版本 budgetopt 无法自行核对此文件"
        f"（文件写法为第{WRITERS - 1}版，本版本为第{WRITERS}版）；其申报明细表逐行读回，与该次运行的分配相同",)
    ledger.rename(recorded.parent / "elsewhere.sqlite")  # mailed without it
    check = verify(recorded / "manifest.json")
    assert check.ok and check.note_texts("en")[0] == (
        "the report.html beside manifest.json is not what this budgetopt writes; its SHA-256 matches the manifest, but "
        f"this budgetopt cannot check this file itself ({why}), and no award ledger recording the manifest's SHA-256 "
        "was found to vouch for it (awards.json, beside it, cannot); its tables of applications, read back, are the "
        "run's allocation row by row")


def test_a_file_of_a_published_run_this_budgetopt_writes_otherwise_under_its_writers_is_not_said_edited(
        recorded: Path) -> None:
    """An auditor's review: runs of a writers' version later reused for other bytes were accused of an edit "and its
    SHA-256 in the manifest with it" — though the ledger's intact entries record the manifest's SHA-256. Said as the
    writers' version reused, to be reported; not a difference."""
    report = recorded / "report.html"
    report.write_bytes(report.read_bytes().replace(b"</body>", b"<!-- other bytes --></body>"))
    rehash(recorded, "report.html")  # the manifest records this very version and writers
    ledger = recorded.parent / "ledger.sqlite"
    assert run("ledger", "init", ledger)[0] == 0
    assert run("publish", recorded, "--ledger", ledger)[0] == 0
    code, out, err = run("verify", recorded / "manifest.json")
    assert (code, err) == (0, "the report.html beside manifest.json is not what this budgetopt writes, though the "
                              f"manifest records this budgetopt's version (0.1.0) and writers' version ({WRITERS}); "
                              "but it has the SHA-256 the manifest records, and the award ledger "
                              f"{recorded}/../ledger.sqlite's entries of the publication record the manifest's own "
                              "SHA-256: the file is the one the run wrote, and this budgetopt writes it otherwise "
                              "under the same writers' version (a writers' version reused) — please report this to "
                              "budgetopt's maintainers\n"), out
    assert verify(recorded / "manifest.json").note_texts("zh") == (
        f"manifest.json 旁的 report.html 与本版本写出的不同，而复核清单记录的 budgetopt 版本（0.1.0）和文件写法版本（第"
        f"{WRITERS}版）都与此处相同；但其 SHA-256 与复核清单记录的相同，资助台账 {recorded}/../ledger.sqlite 中该次公示"
        "的记录又记有复核清单本身的 SHA-256：此文件就是该次运行写出的，是本版本在同一文件写法版本下写法不同（文件写法的"
        "版本号被重复使用了），请向 budgetopt 的维护者报告",)
    ledger.unlink()  # no ledger holds the manifest: the file and its hash edited, as before
    assert not verify(recorded / "manifest.json").ok


def test_a_published_run_mailed_without_its_ledger_with_an_edited_xlsx_is_not_verified(recorded: Path) -> None:
    """An auditor's review: published, mailed without the ledger, allocation.xlsx edited, its hash and the manifest's
    SHA-256 in awards.json recomputed, `tool.writers` set to an earlier version: exit 0, with the note that the 公示
    recorded the manifest's SHA-256."""
    ledger = recorded.parent / "ledger.sqlite"
    assert run("ledger", "init", ledger)[0] == 0
    assert run("publish", recorded, "--ledger", ledger)[0] == 0
    ledger.unlink()
    award_500000_to_2026_0001(recorded)
    edit_manifest(recorded, lambda d: d["tool"].update(writers=WRITERS - 1))
    digest = hashlib.sha256((recorded / "manifest.json").read_bytes()).hexdigest()
    awards = json.loads((recorded / "awards.json").read_text(encoding="utf-8"))
    awards["run"] = digest
    for award in awards["awards"]:
        award["run"] = digest
    (recorded / "awards.json").write_text(json.dumps(awards, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                          encoding="utf-8")
    code, _, err = run("verify", recorded / "manifest.json")
    assert code == 4 and err.endswith(EDITED), err


# --- packages of other versions: a note, not a difference


def other_pandas(document: dict[str, Any]) -> None:
    document["tool"]["packages"]["pandas"] = "2.2.3"  # as pyproject allows


PANDAS = f"pandas 2.2.3 → {environment()['packages']['pandas']}"


def test_a_run_made_with_other_packages_verifies_with_a_note(recorded: Path) -> None:
    """An auditor's review: a run made with pandas 2.2.3, which pyproject allows, every file byte-identical, gave exit
    4 on every verify — so that an auditor on another machine learns to ignore it."""
    edit_manifest(recorded, other_pandas)
    code, out, err = run("verify", recorded / "manifest.json")
    assert (code, err) == (0, "the run used other versions of packages than this machine has (then → now): "
                              f"{PANDAS}\n")
    assert out.startswith("verified: ")
    assert verify(recorded / "manifest.json").note_texts("zh") == (
        f"该次运行使用的依赖包版本与本机不同（运行时 → 本机）：{PANDAS}",)


def test_with_other_packages_an_edited_xlsx_or_report_is_still_found_edited_with_its_hash(recorded: Path) -> None:
    """An auditor's review: any package of another version turned off the judgement that this budgetopt writes the
    file byte for byte, so an edited workbook looked exactly like the honest run. budgetopt's own writers write
    allocation.xlsx and report.html whatever the packages; pulp writes the exported model, which keeps them."""
    edit_manifest(recorded, other_pandas)
    report = recorded / "report.html"
    edited = report.read_bytes().replace("重庆白鹭数科有限公司".encode(), "重庆白鹭数科集团有限公司".encode(), 1)
    report.write_bytes(edited)
    rehash(recorded, "report.html")
    model = recorded / "model.lp"
    model.write_bytes(model.read_bytes() + b"\n")
    rehash(recorded, "model.lp")
    check = verify(recorded / "manifest.json")
    assert check.texts("en") == (
        "the report.html beside manifest.json is not what this budgetopt writes, though it has the SHA-256 the "
        "manifest records; and the manifest records this budgetopt's version (0.1.0) and writers' version "
        f"({WRITERS}), which write it byte for byte: report.html was changed after the run, and its SHA-256 in the "
        "manifest with it",
        "report.html, table 'Applications', row 97 (2026-0096): applicant is '重庆白鹭数科集团有限公司', "
        "'重庆白鹭数科有限公司' in the run's allocation.csv")
    assert check.note_texts("en") == (
        f"the run used other versions of packages than this machine has (then → now): {PANDAS}",
        "the model.lp beside manifest.json is not what this budgetopt writes; its SHA-256 matches the manifest, but "
        f"this budgetopt cannot check this file itself (other packages: {PANDAS}), and an unpublished manifest cannot "
        "vouch for it")
    edit_manifest(recorded, lambda d: d["tool"]["packages"].update(pandas=environment()["packages"]["pandas"]))
    assert verify(recorded / "manifest.json").texts("en")[0] == (
        "the model.lp beside manifest.json is not what this budgetopt writes, though it has the SHA-256 the manifest "
        f"records; and the manifest records this budgetopt's version (0.1.0), writers' version ({WRITERS}) and "
        "packages, which write it byte for byte: model.lp was changed after the run, and its SHA-256 in the manifest "
        "with it")


@pytest.mark.parametrize("said", ["UNFUNDED", "unfunded", "未获资助", "Not Funded", "未获", "未资助"])
def test_a_status_written_as_its_code_or_in_the_other_language_is_the_runs_status(recorded: Path, said: str) -> None:
    """A planner's review: 2026-0001's 状态 made `UNFUNDED` (or `not funded` in a Chinese sheet) passed audit, while
    verify said `状态为“UNFUNDED”，该次运行为“未获资助”（allocation.csv 中为 UNFUNDED）`, contradicting itself: the
    code, either language's word, or a short word audit takes (`未获`), names the run's status, and is no
    difference — read by the one reader both use."""
    say_status(recorded, "not funded", said)
    edit_manifest(recorded, lambda d: d["tool"].update(writers=WRITERS - 1))
    check = verify(recorded / "manifest.json")
    assert check.ok, check.texts("en")
    assert not [line for line in check.texts("en") if "status is" in line]


def test_an_allocation_xlsx_saved_again_unchanged_is_said_to_read_back_as_the_run(recorded: Path) -> None:
    """A planner's review: allocation.xlsx opened and saved again without changing a cell was `changed since`,
    naming no cell; every cell of its allocation sheet reads back as the run's, and verify says so."""
    import openpyxl

    openpyxl.load_workbook(recorded / "allocation.xlsx").save(recorded / "allocation.xlsx")
    check = verify(recorded / "manifest.json")
    assert not check.ok
    assert check.texts("en") == (
        "the allocation.xlsx beside manifest.json is not the file the run wrote, but every cell of every sheet reads "
        "back as the run's: its bytes differ, perhaps saved again by a spreadsheet program",)
    assert check.texts("zh") == (
        "manifest.json 旁的 allocation.xlsx 不是该次运行写出的文件，但其每个工作表的每个单元格读回都与该次运行相同；"
        "文件的字节不同，可能被电子表格程序重新保存过",)


def test_a_report_html_saved_again_unchanged_is_said_to_read_back_as_the_run(recorded: Path) -> None:
    """A planner's review: a file saved again with nothing changed read a bare `运行后被改动过`, naming nothing to look
    at (mended for allocation.xlsx): report.html saved again by an editor (its line ends made CRLF) has other bytes,
    but its tables of applications read back as the run's row by row, and verify says so — still a difference, exit
    4."""
    page = recorded / "report.html"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    check = verify(recorded / "manifest.json")
    assert not check.ok
    assert check.texts("en") == (
        "the report.html beside manifest.json is not the file the run wrote, but the text of its page, its tables of "
        "applications with it, reads back as the run's: its bytes differ, perhaps saved again by a browser or an "
        "editor",)
    assert check.texts("zh") == (
        "manifest.json 旁的 report.html 不是该次运行写出的文件，但其页面上的文字（包括申报明细表）读回都与该次运行"
        "相同；"
        "文件的字节不同，可能被浏览器或编辑器重新保存过",)
    code, _, err = run("verify", recorded / "manifest.json")
    assert code == 4 and "its tables of applications with it, reads back as the run's" in err, err
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"<p ", b"\n  <p "))  # a BOM, white space
    assert verify(recorded / "manifest.json").texts("en") == check.texts("en")


# --- the rest of each file, set beside the re-run's: saved again only where nothing a person reads differs


def test_a_workbook_whose_other_sheets_were_rewritten_names_each_cell(recorded: Path) -> None:
    """An auditor's review: allocation.xlsx's 运行参数 edited — the budget made 25,000.00万元, a warning to deal with
    before the 公示 replaced by 无 — read `every cell of its allocation sheet reads back as the run's … perhaps saved
    again` (its other sheets not compared). Every sheet is set beside the re-run's, cell by cell: each cell that says
    otherwise is named, by its sheet, its reference and the labels of its row and column."""
    import openpyxl

    book = openpyxl.load_workbook(recorded / "allocation.xlsx")
    sheet = book["Parameters"]
    for row in sheet.iter_rows():
        if row[0].value == "Budget":
            row[1].value = "25,000.00万"
        if str(row[0].value).startswith("Warnings: deal with these"):
            row[1].value = "none"
    book["By clause"]["I2"] = 1
    book.save(recorded / "allocation.xlsx")
    check = verify(recorded / "manifest.json")
    assert check.texts("en") == (
        "the allocation.xlsx beside manifest.json is not the file the run wrote: its allocation sheet reads back as "
        "the run's row by row, but the cells below differ: changed since",
        "allocation.xlsx, sheet By clause, I2 (1, Allocated (万元)): 1, 340 in the run",
        "allocation.xlsx, sheet Parameters, B4 (Budget): '25,000.00万', '20,000.00万' in the run",
        "allocation.xlsx, sheet Parameters, B36 (Warnings: deal with these before the public notice (公示)): 'none', "
        "'An item applied for more than once is paid once, at the higher standard (就高): the application of the… "
        "(557 characters)' in the run")
    assert check.texts("zh")[:3] == (
        "manifest.json 旁的 allocation.xlsx 不是该次运行写出的文件：其分配结果逐行读回与该次运行相同，"
        "但以下单元格不同，运行后被改动过",
        "allocation.xlsx By clause I2（1，Allocated (万元)）为1，该次运行为340",
        "allocation.xlsx Parameters B4（Budget）为“25,000.00万”，该次运行为“20,000.00万”")
    code, _, err = run("verify", recorded / "manifest.json")
    assert code == 4 and "B4 (Budget): '25,000.00万', '20,000.00万' in the run" in err, err


def test_a_page_whose_headline_was_rewritten_names_the_text(recorded: Path) -> None:
    """An auditor's review: report.html's headline total, the first 19,499.991 of the page, made 18,499.991 — its
    tables of applications untouched — read as `perhaps saved again`. The page's text outside what the tables of
    applications compare row by row is set beside the re-run's, block by block; after an editor's saving again (CRLF)
    too."""
    page = recorded / "report.html"
    text = page.read_bytes()
    assert text.count(b"<b>19,499.991</b>") == 1
    page.write_bytes(text.replace(b"<b>19,499.991</b>", b"<b>18,499.991</b>").replace(b"\n", b"\r\n"))
    check = verify(recorded / "manifest.json")
    assert check.texts("en") == (
        "the report.html beside manifest.json is not the file the run wrote: its tables of applications read back as "
        "the run's row by row, but the page's text below differs: changed since",
        "report.html: the page reads '18,499.991 Allocated (万元)', '19,499.991 Allocated (万元)' in the run")
    assert check.texts("zh") == (
        "manifest.json 旁的 report.html 不是该次运行写出的文件：其申报明细表逐行读回与该次运行相同，"
        "但页面上以下文字不同，运行后被改动过",
        "report.html 页面文字“18,499.991 Allocated (万元)”，该次运行为“19,499.991 Allocated (万元)”")


def test_a_status_written_in_other_words_is_listed_apart_not_said_to_be_saved_again(recorded: Path) -> None:
    """An auditor's review: 状态 typed 未获 for 未获资助 (or 全额 for 全额资助) is no difference — audit takes it — but
    the file then read `every cell … reads back as the run's: … perhaps saved again by a spreadsheet program`, which
    no program does. Such cells are listed apart, without failing them; saved again only where every cell's text is
    the run's."""
    say_status(recorded, "not funded", "未获")
    edit_manifest(recorded, lambda d: d["outputs"]["allocation.xlsx"].update(sha256="0" * 64))  # not the run's
    check = verify(recorded / "manifest.json")
    assert check.texts("en") == (
        "the allocation.xlsx beside manifest.json is not the file the run wrote: it reads back as the run's, but the "
        "statuses below are written in other words that mean the same, which no saving again does: rewritten since",
        "allocation.xlsx row 2 (2026-0001): status is written '未获', meaning the run's 'not funded'")
    assert check.texts("zh") == (
        "manifest.json 旁的 allocation.xlsx 不是该次运行写出的文件：读回与该次运行相同，但以下状态换了同义的说法，"
        "不是重新保存所致：运行后被改写过",
        "allocation.xlsx 第2行（2026-0001）：状态写作“未获”，与该次运行的“not funded”同义")



def test_the_rest_of_a_workbook_is_read_only_once_it_passes_the_checks_of_a_file_from_outside(tmp_path: Path) -> None:
    """The sheets' names of a workbook set beside the re-run's are read only from a file the guards pass: a workbook
    named as one with macros is no workbook to read (a zip bomb, an oversized file likewise)."""
    import openpyxl

    from optimizer.jobs.verify_rest import _sheet_names

    book = openpyxl.Workbook()
    book.active.title = "分配结果"
    book.save(tmp_path / "allocation.xlsx")
    (tmp_path / "allocation.xlsm").write_bytes((tmp_path / "allocation.xlsx").read_bytes())
    assert _sheet_names(tmp_path / "allocation.xlsx") == ["分配结果"]
    assert _sheet_names(tmp_path / "allocation.xlsm") == []
