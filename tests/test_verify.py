"""`budgetopt verify` and the exported model: an untouched run reproduces; any changed byte is named."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import highspy
import pulp
import pytest
from clirun import run_en as run
from helpers import ROOT, publish_before_the_pin

from optimizer.jobs import verify as verify_module
from optimizer.jobs import verify_inputs
from optimizer.jobs.allocate import allocate, explained_as
from optimizer.jobs.verify import ManifestError, verify
from optimizer.report.manifest import WRITERS, settings_sha256
from optimizer.words import use_lang

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    """A run on copies of the sample workbook and scenario, so that the test can change them."""
    shutil.copy(SAMPLE, tmp_path / "apps.xlsx")
    shutil.copy(SCENARIO, tmp_path / "scenario.toml")
    code, _, err = run("allocate", tmp_path / "apps.xlsx", "--scenario", tmp_path / "scenario.toml", "--out",
                       tmp_path / "run", "--export-model")
    assert code == 0, err
    return tmp_path


def test_inputs_named_in_bytes_that_are_no_utf8_are_read_recorded_and_found_again(tmp_path: Path) -> None:
    """A Linux file name in GBK, say (a file from a Chinese Windows disk): calamine, given the name, opened no file
    ("No such file or directory"), and the manifest could not be written (a lone surrogate is no UTF-8)."""
    folder = Path(os.fsdecode(b"\xc9\xea\xb1\xa8"))  # 申报 in GBK
    book, scenario = tmp_path / folder / "apps.xlsx", tmp_path / Path(os.fsdecode(b"\xc7\xe9\xbe\xb0.toml"))
    try:
        book.parent.mkdir()
    except (OSError, UnicodeError):
        pytest.skip("this file system holds UTF-8 names only")
    shutil.copy(SAMPLE, book)
    shutil.copy(SCENARIO, scenario)
    code, _, err = run("allocate", book, "--scenario", scenario, "--out", tmp_path / "run")
    assert code == 0, err
    text = (tmp_path / "run" / "manifest.json").read_text(encoding="utf-8")  # UTF-8, the odd byte as `\udcc9`
    assert json.loads(text)["inputs"]["workbook"]["path"] == os.path.join("..", folder, "apps.xlsx")
    assert run("verify", tmp_path / "run" / "manifest.json")[0] == 0


def test_an_untouched_run_is_reproduced(recorded: Path) -> None:
    code, out, _ = run("verify", recorded / "run" / "manifest.json")
    assert code == 0
    assert out.startswith(f"verified: re-running {recorded / 'run' / 'manifest.json'} gives the identical "
                          "allocation.csv (SHA-256 ")


def test_a_changed_workbook_is_named(recorded: Path) -> None:
    data = bytearray((recorded / "apps.xlsx").read_bytes())
    data[-30] ^= 0x01  # one byte, in the zip's trailer
    (recorded / "apps.xlsx").write_bytes(bytes(data))
    code, _, err = run("verify", recorded / "run" / "manifest.json")
    assert code == 4
    assert "  the workbook ../apps.xlsx is not the version the run read (SHA-256 was " in err


def test_a_changed_scenario_is_named_and_its_effect_listed(recorded: Path) -> None:
    text = (recorded / "scenario.toml").read_text(encoding="utf-8").replace('budget = "2亿"', 'budget = "1.9亿"')
    (recorded / "scenario.toml").write_text(text, encoding="utf-8")
    code, _, err = run("verify", recorded / "run" / "manifest.json")
    assert code == 4
    lines = err.splitlines()
    assert any(line.startswith("  the scenario ../scenario.toml is not the version the run read") for line in lines)
    assert any(line.startswith("  the re-run's allocation.csv differs") for line in lines)
    assert any(") in the run, " in line and "on re-running" in line for line in lines)


def test_a_changed_allocation_is_named(recorded: Path) -> None:
    path = recorded / "run" / "allocation.csv"
    path.write_bytes(path.read_bytes().replace(b",FUNDED,", b",FUNDED ,", 1))
    code, _, err = run("verify", recorded / "run" / "manifest.json")
    assert code == 4
    assert "allocation.csv beside the manifest is not the one the run wrote" in err


def edit_manifest(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.mark.parametrize(("change", "line"), [
    (lambda d: d["scenario"].update(reserve=0), "scenario.reserve as 0; the re-run gives 5000000"),
    (lambda d: d["scenario"].update(budget=150000000), "scenario.budget as 150000000; the re-run gives 200000000"),
    (lambda d: d["scenario"]["weights"].update({"2": "1.5"}), 'scenario.weights.2 as "1.5"; the re-run gives "1.2"'),
    (lambda d: d["scenario"]["envelopes"][0].update(min=None), "scenario.envelopes[0].min as null; the re-run gives "
                                                               "15000000"),
    (lambda d: d["scenario"].update(name="另一情景"), 'scenario.name as "另一情景"; the re-run gives "2026 base case"'),
    (lambda d: d["totals"].update(FUNDED=200), "totals.FUNDED as 200; the re-run gives 123"),
    (lambda d: d["totals"].update(earlier_rounds=1), "totals.earlier_rounds as 1; the re-run gives 0"),
    (lambda d: d.update(objective="1"), 'objective as "1"; the re-run gives "18497016561"'),
    (lambda d: d["distribution"].update(gini_district=0.1), "distribution.gini_district as 0.1; the re-run gives "),
    (lambda d: d["solver"].update(status="time_limit"), 'solver.status as "time_limit"; the re-run gives "optimal"'),
])
def test_a_figure_of_the_manifest_edited_after_the_run_is_named(recorded: Path, change: Callable[[dict[str, Any]],
                                                                None], line: str) -> None:
    """verify checked only the re-run's allocation.csv: the budget, reserve, weights, totals, objective and spread
    an auditor reads from the manifest (and `compare` shows) could be edited and still be 'verified'."""
    edit_manifest(recorded / "run" / "manifest.json", change)
    code, _, err = run("verify", recorded / "run" / "manifest.json")
    assert code == 4
    assert f"  manifest.json records {line}" in err and err.rstrip().endswith("the manifest was edited after the run")


def test_a_run_an_earlier_reason_writer_explained_is_verified_as_it_explained_it(tmp_path: Path) -> None:
    """The reasons are allocation.csv's bytes: the second writer names the AI envelope for 2026-0245 at 4.25亿,
    the first said only that it was rounded down. A run the first wrote (its manifest records `tool.reasons` 1,
    or nothing: the first did not record it) is re-explained by it; a later run's recorded version edited is not
    reproduced."""
    now = allocate(SAMPLE, SCENARIO, budget="4.25亿")
    now.write(tmp_path / "now")
    explained_as(now, 1).write(tmp_path / "before")
    reason = {folder: next(line for line in lines_of(tmp_path / folder / "allocation.csv") if "2026-0245" in line)
              for folder in ("now", "before")}
    assert reason["now"].endswith(',"按最高标准3,000,000元；专项额度“人工智能赋能”已用满；按100元取整"\n')
    assert reason["before"].endswith(',"按最高标准3,000,000元；按100元取整"\n')
    before = tmp_path / "before" / "manifest.json"
    assert json.loads(before.read_text(encoding="utf-8"))["tool"]["reasons"] == 1
    assert verify(before).ok
    edit_manifest(before, lambda d: (d["tool"].pop("reasons"), d["tool"].pop("writers")))  # as before they were
    assert verify(before).ok
    edit_manifest(tmp_path / "now" / "manifest.json", lambda d: d["tool"].update(reasons=1))
    check = verify(tmp_path / "now" / "manifest.json")  # an auditor's review: said as the allocation not reproduced
    assert check.reproduced and check.texts("en") == (
        "the manifest records reasons written by writer 1, but the re-run explained by writer 2 gives the recorded "
        "allocation.csv: tool.reasons was edited in the manifest after the run",)
    assert check.texts("zh") == ("复核清单记录的原因写法为第1版，但按第2版写出的原因重新运行，得到与记录完全相同的 "
                                 "allocation.csv：复核清单中的 tool.reasons 在运行后被改动过",)
    edit_manifest(tmp_path / "now" / "manifest.json", lambda d: d["tool"].pop("reasons"))
    assert verify(tmp_path / "now" / "manifest.json").texts("en") == (
        "the manifest records no reason writer (read as the first), but the re-run explained by writer 2 gives the "
        "recorded allocation.csv: tool.reasons was taken out of the manifest after the run",)
    edit_manifest(tmp_path / "now" / "manifest.json", lambda d: d["tool"].update(reasons=3))  # a later writer's
    check = verify(tmp_path / "now" / "manifest.json")
    assert not check.ok and check.texts("en")[0] == (
        "the manifest records reasons written by a later writer (3) than this budgetopt's (2): verify the run with "
        "the budgetopt that wrote it")


def test_only_the_time_of_the_run_may_differ(recorded: Path) -> None:
    edit_manifest(recorded / "run" / "manifest.json",
                  lambda d: d["time"].update(started="2020-01-01T00:00:00+08:00", seconds=999.0))
    assert run("verify", recorded / "run" / "manifest.json")[0] == 0


def test_a_manifest_written_before_earlier_rounds_were_counted_still_verifies(recorded: Path) -> None:
    """A run made before December 2026 has no totals.earlier_rounds: what the re-run gives for it (0) is no edit."""
    edit_manifest(recorded / "run" / "manifest.json", lambda d: d["totals"].pop("earlier_rounds"))
    assert run("verify", recorded / "run" / "manifest.json")[0] == 0


def test_another_tool_version_is_named(recorded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify_module, "__version__", "9.9.9")
    code, _, err = run("verify", recorded / "run" / "manifest.json")
    assert code == 4
    # an auditor's review: it said "not reproduced", though the re-run gave the identical allocation
    manifest = recorded / "run" / "manifest.json"
    sha = json.loads(manifest.read_text(encoding="utf-8"))["outputs"]["allocation.csv"]["sha256"]
    assert err == (f"re-running {manifest} gives the identical allocation.csv (SHA-256 {sha[:12]}…), but these are "
                   "not as recorded:\n  the run used budgetopt 0.1.0, this is budgetopt 9.9.9\n")


def test_a_run_made_with_a_policy_model_shipped_since_otherwise_verifies_with_its_archived_copy(
        recorded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An auditor's review: a later budgetopt shipping another policy model made verify say the run's file had been
    "changed since, or another file", and --inputs was not searched for a copy of the shipped one."""
    from optimizer.rules.policy import default_policy_path

    shipped = default_policy_path()
    newer = tmp_path / "newer" / shipped.name
    newer.parent.mkdir()
    newer.write_text(shipped.read_text(encoding="utf-8") + "\n# a later edition\n", encoding="utf-8")
    for module in (verify_module, verify_inputs):  # where it is looked for, and re-run from
        monkeypatch.setattr(module, "default_policy_path", lambda: newer)
    manifest = recorded / "run" / "manifest.json"
    code, _, err = run("verify", manifest)
    assert code == 4
    assert f"the policy {shipped.name} this budgetopt ships is not the version the run read (SHA-256 was " in err
    assert "give an archived copy of the run's version with --inputs (found by SHA-256)" in err
    archive = tmp_path / "存档"
    archive.mkdir()
    shutil.copy(shipped, archive / "政策模型2026.toml")
    code, _, err = run("verify", manifest, "--inputs", archive)
    assert code == 0, err
    assert err == (f"this budgetopt ships another policy than the run read: read the archived copy "
                   f"{archive / '政策模型2026.toml'}, which has its SHA-256\n")


def test_the_run_records_python_and_its_packages_and_names_those_since_changed_when_it_differs(
        recorded: Path) -> None:
    """An auditor's review: only budgetopt's version was recorded; re-running a run years later needs the packages
    it depended on."""
    manifest = recorded / "run" / "manifest.json"
    tool = json.loads(manifest.read_text(encoding="utf-8"))["tool"]
    assert tool["python"] == platform.python_version()
    assert set(tool["packages"]) >= {"highspy", "pulp", "numpy", "pandas", "python-calamine", "openpyxl"}
    assert verify(manifest).note_texts("en") == ()  # reproduced: nothing to say of them

    def older(document: dict[str, Any]) -> None:
        document["tool"]["packages"]["numpy"] = "1.26.0"
        document["outputs"]["allocation.csv"]["sha256"] = "0" * 64  # and the allocation, say, not reproduced

    edit_manifest(manifest, older)
    check = verify(manifest)
    packages = ("the run used other versions of packages than this machine has (then → now): numpy 1.26.0 → "
                f"{tool['packages']['numpy']}")
    assert not check.ok and check.note_texts("en") == (packages,)  # a note, not a difference (an auditor's review)
    assert packages not in check.texts("en")
    edit_manifest(manifest, lambda d: d["tool"].update(python="3.9.0"))  # Python: what to install to re-run it
    assert verify(manifest).note_texts("en") == (packages, (
        f"Python or packages the run depended on are other versions here (then → now): Python 3.9.0 → "
        f"{platform.python_version()}; install the run's to re-run it as it ran"))


def test_a_missing_input_is_named(recorded: Path) -> None:
    (recorded / "scenario.toml").unlink()
    code, _, err = run("verify", recorded / "run" / "manifest.json")
    assert code == 4 and "the scenario ../scenario.toml is missing" in err


def test_not_a_manifest(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text("{}", encoding="utf-8")
    code, _, err = run("verify", tmp_path / "m.json")
    assert code == 2 and err.strip() == f"{tmp_path / 'm.json'}: not a budgetopt manifest (no 'tool')"


def mailed(recorded: Path, to: Path) -> Path:
    """The run folder copied elsewhere, as an auditor receives it (in a zip, say): its recorded paths lead nowhere."""
    shutil.copytree(recorded / "run", to)
    return to / "manifest.json"


def test_a_run_folder_mailed_with_its_inputs_beside_the_manifest_verifies(recorded: Path, tmp_path: Path) -> None:
    manifest = mailed(recorded, tmp_path / "mail" / "run")
    shutil.copy(recorded / "apps.xlsx", tmp_path / "mail" / "run" / "apps.xlsx")
    shutil.copy(recorded / "scenario.toml", tmp_path / "mail" / "run" / "scenario.toml")
    check = verify(manifest)
    assert check.ok and check.differences == ()
    beside = tmp_path / "mail" / "run"
    assert check.inputs["workbook"] == beside / "apps.xlsx" and check.inputs["scenario"] == beside / "scenario.toml"
    assert check.note_texts("en") == (
        f"the workbook ../apps.xlsx is not where the run recorded it: read {beside / 'apps.xlsx'}, which has its "
        "SHA-256",
        f"the scenario ../scenario.toml is not where the run recorded it: read {beside / 'scenario.toml'}, which has "
        "its SHA-256")
    assert check.note_texts("zh")[0] == (f"申报表 ../apps.xlsx 不在记录的位置，已使用 SHA-256 相同的 "
                                         f"{beside / 'apps.xlsx'}")
    headline = check.headline(manifest)
    assert headline.text("en") == (f"verified: re-running {manifest} gives the identical allocation.csv (SHA-256 "
                                   f"{check.csv_sha256})")
    assert headline.text("zh") == (f"验证通过：按 {manifest} 重新运行，得到完全相同的 allocation.csv（SHA-256 "
                                   f"{check.csv_sha256}）")


def test_inputs_are_found_by_their_sha256_under_an_inputs_folder(recorded: Path, tmp_path: Path) -> None:
    manifest = mailed(recorded, tmp_path / "mail" / "run")
    inbox = tmp_path / "inbox"
    (inbox / "a").mkdir(parents=True)
    (inbox / "b" / "c").mkdir(parents=True)
    shutil.copy(recorded / "apps.xlsx", inbox / "a" / "申报汇总.xlsx")
    shutil.copy(recorded / "scenario.toml", inbox / "b" / "c" / "情景.toml")
    (inbox / "scenario.toml").write_text('budget = "1亿"\n', encoding="utf-8")  # the name, not the content
    check = verify(manifest)
    assert not check.ok
    assert check.differences == (
        f"the workbook ../apps.xlsx is missing (looked for {tmp_path / 'mail' / 'apps.xlsx'}, then apps.xlsx beside "
        "the manifest)",
        f"the scenario ../scenario.toml is missing (looked for {tmp_path / 'mail' / 'scenario.toml'}, then "
        "scenario.toml beside the manifest)")
    assert check.texts("zh")[0] == (f"申报表 ../apps.xlsx 找不到（已查找 {tmp_path / 'mail' / 'apps.xlsx'}，以及 "
                                    "manifest.json 所在文件夹中的 apps.xlsx）")
    check = verify(manifest, inputs=inbox)
    assert check.ok
    assert check.inputs["workbook"] == inbox / "a" / "申报汇总.xlsx"
    assert check.inputs["scenario"] == inbox / "b" / "c" / "情景.toml"
    assert len(check.notes) == 2


def test_an_input_under_the_inputs_folder_with_the_name_but_not_the_content_is_named(recorded: Path,
                                                                                     tmp_path: Path) -> None:
    manifest = mailed(recorded, tmp_path / "mail" / "run")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(recorded / "apps.xlsx", inbox / "apps.xlsx")
    (inbox / "scenario.toml").write_text('budget = "1亿"\n', encoding="utf-8")
    check = verify(manifest, inputs=inbox)
    assert check.differences[0].startswith(f"the scenario ../scenario.toml is not the run's: {inbox / 'scenario.toml'} "
                                           "has SHA-256 ")
    assert any(line.startswith("the re-run's allocation.csv differs") for line in check.differences)
    with pytest.raises(ManifestError) as caught:
        verify(manifest, inputs=inbox / "scenario.toml")
    assert str(caught.value) == f"{inbox / 'scenario.toml'}: is not a folder"


def test_an_input_recorded_beside_the_manifest_is_looked_for_there_only(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "apps.xlsx")
    shutil.copy(SCENARIO, tmp_path / "scenario.toml")
    code, _, err = run("allocate", tmp_path / "apps.xlsx", "--scenario", tmp_path / "scenario.toml", "--out",
                       tmp_path)
    assert code == 0, err
    (tmp_path / "scenario.toml").unlink()
    (tmp_path / "run").mkdir()
    check = verify(tmp_path / "manifest.json", inputs=tmp_path / "run")  # an empty folder, say
    assert check.texts("en")[0] == (f"the scenario scenario.toml is missing (looked for {tmp_path / 'scenario.toml'}, "
                                    f"then a file with its SHA-256 in {tmp_path / 'run'})")
    assert check.texts("zh")[0] == (f"情景文件 scenario.toml 找不到（已查找 {tmp_path / 'scenario.toml'}，以及 "
                                    f"{tmp_path / 'run'} 中 SHA-256 相同的文件）")


def test_a_cell_edited_to_200000_characters_is_read_and_quoted_briefly(recorded: Path) -> None:
    """Python's csv module reads at most 131,072 characters a field by default: verify stopped with an unexpected
    error; the difference now quotes the cell's first 100 characters and counts the rest."""
    path = recorded / "run" / "allocation.csv"
    header, first, *rest = path.read_text(encoding="utf-8-sig").splitlines()
    fields = first.split(",")
    applicant, fields[1] = fields[1], "X" * 200_000
    path.write_text("\n".join([header, ",".join(fields), *rest]) + "\n", encoding="utf-8-sig")
    check = verify(recorded / "run" / "manifest.json")
    assert check.differences[1:] == (f"{fields[0]}: same award, but the row differs (applicant: '{'X' * 100}… "
                                     f"(200,000 characters)' in allocation.csv, {applicant!r} as the run wrote it)",)
    assert check.texts("zh")[1] == (f"{fields[0]}：分配相同，但该行其他列不同（applicant列：现有的 allocation.csv 为"
                                    f"“{'X' * 100}…（共 200,000 个字符）”，该次运行原本为“{applicant}”）")


def test_an_allocation_edited_after_the_run_names_each_application_edited(recorded: Path) -> None:
    path = recorded / "run" / "allocation.csv"
    text = path.read_text(encoding="utf-8-sig")
    edited = (text.replace(",3000000,3000000,FUNDED,", ",3000000,3000100,FUNDED,", 1)
              .replace("2026-0002,", "2026-0002X,", 1))
    path.write_text(edited, encoding="utf-8-sig")
    check = verify(recorded / "run" / "manifest.json")
    first_funded = next(x for x in text.splitlines() if ",3000000,3000000,FUNDED," in x).split(",")[0]
    assert check.differences[0].startswith("allocation.csv beside the manifest is not the one the run wrote")
    assert check.differences[1:] == (
        "2026-0002: only in the allocation.csv the run wrote",
        "2026-0002X: only in the allocation.csv beside the manifest",
        f"{first_funded}: allocated 3000100 (FUNDED) in allocation.csv, 3000000 (FUNDED) as the run wrote it",
    )
    assert check.texts("zh")[1:] == (
        "2026-0002：仅见于该次运行写出的 allocation.csv",
        "2026-0002X：仅见于现有的 allocation.csv",
        f"{first_funded}：现有的 allocation.csv 分配 3000100（FUNDED），该次运行原本分配 3000000（FUNDED）",
    )
    with use_lang("zh"):
        assert check.differences[0].startswith("manifest.json 旁的 allocation.csv 不是该次运行写出的文件"
                                               "（SHA-256 记录为 ")
    # the run is reproduced; its folder's file was changed since: said so, not "not reproduced" (exit 4 all the same)
    assert check.headline("m.json").text("zh") == ("运行后被改动过：按 m.json 重新运行，得到的 allocation.csv 与该次"
                                                   "运行记录的相同，但其文件夹中的文件与记录不符")
    assert check.reproduced and not check.ok


def test_an_allocation_saved_again_without_changes_says_no_application_differs(recorded: Path) -> None:
    path = recorded / "run" / "allocation.csv"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    check = verify(recorded / "run" / "manifest.json")
    assert check.differences[1:] == ("every application's row is the same: only the file's bytes differ (encoding, "
                                     "line endings or quoting)",)


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines(keepends=True)


def test_a_row_there_twice_rows_in_another_order_and_a_row_without_id_are_said_as_such(recorded: Path) -> None:
    # an auditor's review: each of these was "only the file's bytes differ"
    path = recorded / "run" / "allocation.csv"
    header, *rows = lines_of(path)
    path.write_text("".join([header, rows[0], rows[0], *rows[1:], ",,,,,,,,,,,,\r\n"]), encoding="utf-8-sig")
    first = rows[0].split(",")[0]
    assert verify(recorded / "run" / "manifest.json").differences[1:] == (
        f"{first}: 2 rows in allocation.csv (rows 2, 3)", "line 437 (no application_id): only in the allocation.csv "
                                                           "beside the manifest")
    path.write_text("".join([header, *reversed(rows)]), encoding="utf-8-sig")
    check = verify(recorded / "run" / "manifest.json")
    assert check.differences[1:] == ("the same rows, but in another order in allocation.csv than as the run wrote it",)
    assert check.texts("zh")[1:] == ("各行相同，但现有的 allocation.csv 行的顺序与该次运行原本不同",)


def test_every_column_that_differs_in_a_row_is_named(recorded: Path) -> None:
    path = recorded / "run" / "allocation.csv"
    header, first, *rows = lines_of(path)
    cells = first.split(",")
    columns = header.strip().split(",")
    cells[columns.index("applicant")], cells[columns.index("district")] = "某公司", "某区"
    path.write_text("".join([header, ",".join(cells), *rows]), encoding="utf-8-sig")
    found = verify(recorded / "run" / "manifest.json").differences[1:]
    assert [line.split("(")[1].split(":")[0] for line in found] == ["applicant", "district"]


def test_the_runs_other_files_edited_since_are_named(recorded: Path) -> None:
    # an auditor's review: allocation.xlsx (what people print) changed, and verify said "verified"
    folder = recorded / "run"
    assert verify(folder / "manifest.json").ok
    for name in ("allocation.xlsx", "report.html", "model.lp"):
        (folder / name).write_bytes((folder / name).read_bytes() + b" ")
    check = verify(folder / "manifest.json")
    assert check.differences == (  # a byte appended: allocation.xlsx's sheet and report.html's tables still read
        # back as the run's
        "the model.lp beside manifest.json is not the file the run wrote (the re-run's differs): changed since",
        "the allocation.xlsx beside manifest.json is not the file the run wrote, but every cell of every sheet reads "
        "back as the run's: its bytes differ, perhaps saved again by a spreadsheet program",
        "the report.html beside manifest.json is not the file the run wrote, but the text of its page, its tables of "
        "applications with it, reads back as the run's: its bytes differ, perhaps saved again by a browser or an "
        "editor")
    assert check.reproduced and check.headline("m.json").text("en").startswith("changed after the run: ")
    for name in ("allocation.xlsx", "report.html", "model.lp", "model.mps"):  # a run handed on without them
        (folder / name).unlink()
    assert verify(folder / "manifest.json").ok


def test_a_file_an_earlier_budgetopt_wrote_otherwise_is_judged_by_the_hash_the_run_recorded(recorded: Path) -> None:
    """An auditor's review: files beside the manifest were judged only by writing them again, so a budgetopt that
    lays out allocation.xlsx otherwise would call every untouched signed copy "changed since". The manifest records
    each file's SHA-256 (December 2026); a file with it, of an earlier writers' version, is not accused — nor said
    untouched, which this budgetopt cannot know (a second review: "untouched" was said of an edited file)."""
    folder = recorded / "run"
    manifest = folder / "manifest.json"
    outputs = json.loads(manifest.read_text(encoding="utf-8"))["outputs"]
    assert list(outputs) == ["allocation.csv", "model.lp", "model.mps", "allocation.xlsx", "report.html"]
    for name, recorded_digest in outputs.items():
        assert recorded_digest == {"sha256": hashlib.sha256((folder / name).read_bytes()).hexdigest()}
    earlier = (folder / "allocation.xlsx").read_bytes() + b"\0"  # as an earlier writer laid it out, say
    (folder / "allocation.xlsx").write_bytes(earlier)
    digest = hashlib.sha256(earlier).hexdigest()

    def written_earlier(document: dict[str, Any]) -> None:
        document["outputs"]["allocation.xlsx"].update(sha256=digest)
        document["tool"].pop("writers")  # as a run before its writers were recorded

    edit_manifest(manifest, written_earlier)
    check = verify(manifest)
    assert check.ok, check.differences
    assert check.note_texts("en") == ("the allocation.xlsx beside manifest.json is not what this budgetopt writes; its "
                                      "SHA-256 matches the manifest, but this budgetopt cannot check this file itself "
                                      "(the manifest records no writers' version), and an unpublished manifest cannot "
                                      "vouch for it; its allocation sheet, read back, is the run's allocation row by "
                                      "row",)
    assert check.note_texts("zh") == ("manifest.json 旁的 allocation.xlsx 与本版本写出的不同，其 SHA-256 与复核清单记录"
                                      "的相同；本版本 budgetopt 无法自行核对此文件（复核清单未记文件写法的版本），而"
                                      "未公示的复核清单不能为它作保；其分配结果逐行读回，与该次运行的分配相同",)
    (folder / "allocation.xlsx").write_bytes(earlier + b"\0")  # and then changed: a difference
    assert not verify(manifest).ok


def test_a_file_edited_with_its_hash_in_a_manifest_of_this_very_budgetopt_is_a_difference(recorded: Path) -> None:
    """An auditor's review: report.html edited (the budget 10,000.00 万元 made 12,000.00) and its SHA-256 in the
    manifest with it passed, with the note that "the budgetopt of the run wrote it" — though the manifest records
    this very version and writers' version, which write it byte for byte (whatever the packages: budgetopt's own
    writers write it)."""
    folder = recorded / "run"
    manifest = folder / "manifest.json"
    report = (folder / "report.html").read_bytes()
    assert b"20,000.00" in report
    edited = report.replace(b"20,000.00", b"24,000.00")
    (folder / "report.html").write_bytes(edited)
    edit_manifest(manifest, lambda d: d["outputs"]["report.html"].update(sha256=hashlib.sha256(edited).hexdigest()))
    code, out, err = run("verify", manifest)
    assert code == 4, out + err
    assert err == (f"changed after the run: re-running {manifest} gives the allocation.csv the run recorded, but the "
                   "files in its folder are not as recorded\n"
                   "  the report.html beside manifest.json is not what this budgetopt writes, though it has the "
                   f"SHA-256 the manifest records; and the manifest records this budgetopt's version (0.1.0) and "
                   f"writers' version ({WRITERS}), which write it byte for byte: report.html was changed after the "
                   "run, and its SHA-256 in the manifest with it\n"
                   "  report.html: the page reads '24,000.00 Budget (万元)', '20,000.00 Budget (万元)' in the run\n")
    assert verify(manifest).texts("zh") == (
        "manifest.json 旁的 report.html 与本版本写出的不同，但其 SHA-256 与复核清单记录的相同；而复核清单记录的 "
        f"budgetopt 版本（0.1.0）和文件写法版本（第{WRITERS}版）都与此处相同，本应写出完全相同的文件：report.html "
        "在运行后被改动过，复核清单中它的 SHA-256 也随之被改过",
        # the page's text outside its tables of applications, set beside the re-run's (an auditor's review)
        "report.html 页面文字“24,000.00 Budget (万元)”，该次运行为“20,000.00 Budget (万元)”")
    # a manifest of an earlier writers' version: an earlier budgetopt may have written the file otherwise; it is
    # not accused, nor said to be untouched
    edit_manifest(manifest, lambda d: d["tool"].update(writers=WRITERS - 1 or 1, version="0.0.9"))
    check = verify(manifest)
    assert check.identical and check.texts("en") == ("the run used budgetopt 0.0.9, this is budgetopt 0.1.0",)
    assert check.note_texts("en") == (
        "the report.html beside manifest.json is not what this budgetopt writes; its SHA-256 matches the manifest, but "
        "this budgetopt cannot check this file itself (the run used budgetopt 0.0.9; written by writers' version "
        f"{WRITERS - 1 or 1}, this budgetopt's is {WRITERS}), and an unpublished manifest cannot vouch for it; its "
        "tables of applications, read back, are the run's allocation row by row",)  # what the read-back covers


EDITED_WITH_HASH = ("the report.html beside manifest.json is not what this budgetopt writes, though it has the SHA-256 "
                    "the manifest records; and the manifest records this budgetopt's version (0.1.0) and writers' "
                    f"version ({WRITERS}), which write it byte for byte: report.html was changed after the run, and "
                    "its SHA-256 in the manifest with it")
# report.html's table of applications read back, whatever wrote it: the applicant edited
APPLICANT_EDITED = ("report.html, table 'Applications', row 97 (2026-0096): applicant is '重庆白鹭数科集团有限公司', "
                    "'重庆白鹭数科有限公司' in the run's allocation.csv")


@pytest.mark.parametrize(("change", "findings"), [
    (lambda d: d["tool"].update(writers=WRITERS + 1),
     (f"the manifest records files written by a later writers' version ({WRITERS + 1}) than this budgetopt's "
      f"({WRITERS}): this one cannot check allocation.xlsx, report.html and the rest; verify the run with the "
      "budgetopt that wrote it",
      "the report.html beside manifest.json has the SHA-256 the manifest records, but its tables of applications, "
      "read back, are not the run's allocation: changed after the run", APPLICANT_EDITED)),
    (lambda d: d["tool"]["packages"].update(numpy="1.26.0"), (EDITED_WITH_HASH, APPLICANT_EDITED)),
    (lambda d: d["tool"].pop("packages"),
     ("the manifest has no tool.packages, though it has tool.writers: budgetopt wrote tool.packages in every "
      "manifest before it began to write tool.writers, so tool.packages was taken out after the run",
      EDITED_WITH_HASH, APPLICANT_EDITED)),
])
def test_an_edited_file_and_its_hash_are_not_hidden_by_one_more_edit_to_tool(
        recorded: Path, change: Callable[[dict[str, Any]], None], findings: tuple[str, ...]) -> None:
    """An auditor's review: report.html edited with its SHA-256 in the manifest passed as "untouched" (exit 0) after
    one more edit to `tool` — a writers' version above this budgetopt's, another numpy, the packages taken out. Each
    is what no budgetopt writes, or a difference, as another budgetopt or solver version is; another numpy is a
    note (a second review: any pandas the project allows gave exit 4 on every honest run), and report.html, which
    budgetopt's own writers write whatever the packages, is still found edited with its hash. Its table of
    applications, read back whatever wrote it, names the applicant edited."""
    folder = recorded / "run"
    manifest = folder / "manifest.json"
    edited = (folder / "report.html").read_bytes().replace("重庆白鹭数科有限公司".encode(),
                                                           "重庆白鹭数科集团有限公司".encode(), 1)
    (folder / "report.html").write_bytes(edited)
    edit_manifest(manifest, lambda d: d["outputs"]["report.html"].update(sha256=hashlib.sha256(edited).hexdigest()))
    edit_manifest(manifest, change)
    check = verify(manifest)
    assert not check.ok and check.texts("en") == findings
    assert all("untouched" not in note for note in check.note_texts("en"))


def test_a_run_written_before_reasons_and_writers_were_recorded_still_verifies(recorded: Path) -> None:
    """A run of budgetopt as it was before 7 December 2026, 11:36 (c81ae20): no tool.reasons, no tool.writers, its
    report.html written otherwise, with the SHA-256 its manifest records."""
    folder = recorded / "run"
    manifest = folder / "manifest.json"
    earlier = (folder / "report.html").read_bytes().replace(b"</body>", b"<!-- earlier --></body>")
    (folder / "report.html").write_bytes(earlier)

    def as_then(document: dict[str, Any]) -> None:
        document["tool"].pop("reasons")
        document["tool"].pop("writers")
        document["outputs"]["report.html"].update(sha256=hashlib.sha256(earlier).hexdigest())

    edit_manifest(manifest, as_then)
    code, out, err = run("verify", manifest)
    assert (code, err) == (0, "the report.html beside manifest.json is not what this budgetopt writes; its SHA-256 "
                              "matches the manifest, but this budgetopt cannot check this file itself (the manifest "
                              "records no writers' version), and an unpublished manifest cannot vouch for it; its "
                              "tables of applications, read back, are the run's allocation row by row\n"), out


@pytest.mark.parametrize("key", ["reasons", "writers"])
@pytest.mark.parametrize("value", [0, -1])
def test_a_writers_version_below_1_is_no_manifest_budgetopt_wrote(recorded: Path, key: str, value: int) -> None:
    """An auditor's review: tool.reasons 0 and -1 were read as the first writer."""
    path = recorded / "run" / "manifest.json"
    edit_manifest(path, lambda d: d["tool"].update({key: value}))
    code, _, err = run("verify", path)
    assert (code, err) == (2, f"{path}: tool.{key}: not as budgetopt writes it — the file was edited; run allocate "
                              "again\n")


def test_a_published_runs_notice_and_awards_edited_since_are_named(recorded: Path) -> None:
    folder, ledger = recorded / "run", recorded / "ledger.sqlite"
    assert run("ledger", "init", ledger)[0] == 0
    # a 公示期 verify could not find among 1 … 30 days is refused by publish, as the app's form refuses it
    code, _, err = run("publish", folder, "--ledger", ledger, "--objection-days", "45")
    assert (code, err.splitlines()[0]) == (2, "--objection-days: must be a whole number from 1 to 30, found 45")
    assert run("publish", folder, "--ledger", ledger, "--objection-days", "7", "--lang", "en")[0] == 0
    assert verify(folder / "manifest.json").ok  # in English, a 公示期 of 7 days: still the publication's
    awards = json.loads((folder / "awards.json").read_text(encoding="utf-8"))
    awards["awards"][0]["amount"] += 1_000_000
    (folder / "awards.json").write_text(json.dumps(awards, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")
    published = (folder / "notice.xlsx").read_bytes()
    (folder / "notice.xlsx").write_bytes(published + b" ")
    pinned, now = (hashlib.sha256(data).hexdigest()[:12] for data in (published, published + b" "))
    assert verify(folder / "manifest.json").differences == (
        "the awards.json beside manifest.json is not the file publishing the run wrote: changed since",
        f"the notice.xlsx beside manifest.json is not the file the 公示 wrote: the award ledger "
        f"{folder}/../ledger.sqlite records the list's SHA-256 as {pinned}…, it is {now}…",
        "every cell of notice.xlsx reads as published, and no row or column is hidden nor any text coloured as its "
        "background; but the file itself differs: its formatting or structure was changed")


def set_cells(path: Path, cells: dict[str, object]) -> None:
    """Cells of a workbook changed in a spreadsheet (openpyxl saves the file anew)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    for place, value in cells.items():
        book.active[place] = value
    book.save(path)


def test_a_notice_edited_is_named_cell_by_cell(recorded: Path) -> None:
    """An auditor's review: a 公示 list whose amount was changed (40.59 → 50.59) was named only as a file; the rows
    of allocation.csv are named one by one."""
    import openpyxl

    folder, ledger = recorded / "run", recorded / "ledger.sqlite"
    assert run("ledger", "init", ledger)[0] == 0
    assert run("publish", folder, "--ledger", ledger)[0] == 0
    notice = folder / "notice.xlsx"
    sheet = openpyxl.load_workbook(notice).active
    second, applicant, total = sheet["G5"].value, sheet["B6"].value, sheet.cell(sheet.max_row - 4, 7).value
    assert sheet["A5"].value == 2 and sheet.cell(sheet.max_row - 4, 1).value == "Total"
    set_cells(notice, {"G5": second + 10, "B6": "重庆另一家公司", "A2": None})  # run() publishes in English
    check = verify(folder / "manifest.json")
    assert check.texts("en")[1:] == (
        "notice.xlsx cell A2: is (empty), 'Policy document 渝经信规范〔2026〕2号' as published",
        f"notice.xlsx No. 2: Proposed award (10,000 yuan) is {second + 10:,.2f}, {second:,.2f} as published",
        f"notice.xlsx No. 3: Applicant is '重庆另一家公司', '{applicant}' as published")
    assert check.texts("zh")[2:] == (
        f"notice.xlsx 序号 2：拟支持金额（万元） 为 {second + 10:,.2f}，公示时为 {second:,.2f}",
        f"notice.xlsx 序号 3：申报单位 为 “重庆另一家公司”，公示时为 “{applicant}”")
    set_cells(notice, {f"G{row}": 1 for row in range(4, 30)} | {f"G{sheet.max_row - 4}": total + 1})
    lines = verify(folder / "manifest.json").texts("en")
    assert len(lines) == 1 + 20 + 1 and lines[-1] == "… and 9 more differences"  # A2, B6, 26 amounts and the total
    assert lines[1].startswith("notice.xlsx cell A2: ") and lines[2] == (
        f"notice.xlsx No. 1: Proposed award (10,000 yuan) is 1.00, {sheet['G4'].value:,.2f} as published")


def test_a_notice_published_in_the_earlier_layout_is_still_the_publications(recorded: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """notice.xlsx's layout changed (2026-12-07: the rows as tall as their wrapped text): a run published before is
    the same publication to verify, and a notice in neither layout is named."""
    from optimizer.jobs.publish import published_entries
    from optimizer.report.notice import notice_xlsx
    from optimizer.rules.policy import load_policy

    folder, ledger = recorded / "run", recorded / "ledger.sqlite"
    assert run("ledger", "init", ledger)[0] == 0
    publish_before_the_pin(monkeypatch)
    assert run("publish", folder, "--ledger", ledger, "--objection-days", "10")[0] == 0
    awards = [entry.award for entry in published_entries(folder, ledger)]
    current = (folder / "notice.xlsx").read_bytes()
    earlier = notice_xlsx(awards, load_policy(), 2026, "en", 10, layout=1)  # run() speaks English
    assert current == notice_xlsx(awards, load_policy(), 2026, "en", 10) != earlier
    (folder / "notice.xlsx").write_bytes(earlier)
    assert not verify(folder / "manifest.json").ok  # awards.json says how it was written: not so
    document = json.loads((folder / "awards.json").read_text(encoding="utf-8"))
    del document["notice"]  # as publish wrote it before December 2026, with a notice of its time
    (folder / "awards.json").write_text(json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    check = verify(folder / "manifest.json")
    assert check.ok and check.note_texts("en") == (
        f"the award ledger {folder}/../ledger.sqlite's entries of the publication record no SHA-256 of its 公示 list "
        "(published into a ledger of a schema before 3, which did not record it): notice.xlsx was checked only against "
        "how awards.json says it was written, which the ledger does not pin",)
    assert check.note_texts("zh") == (
        f"资助台账 {folder}/../ledger.sqlite 中该次公示的记录未记公示名单的 SHA-256（公示时台账的格式早于第3版，尚不记"
        "此值）：notice.xlsx 只按 awards.json 记录的写法核对，未被台账固定",)
    (folder / "notice.xlsx").write_bytes(earlier + b" ")
    assert not verify(folder / "manifest.json").ok


def test_what_verify_finds_is_said_in_chinese(recorded: Path) -> None:
    text = (recorded / "scenario.toml").read_text(encoding="utf-8").replace('budget = "2亿"', 'budget = "1.9亿"')
    (recorded / "scenario.toml").write_text(text, encoding="utf-8")
    check = verify(recorded / "run" / "manifest.json")
    zh = check.texts("zh")
    assert zh[0].startswith("情景文件 ../scenario.toml 不是该次运行所用的版本（SHA-256 原为 ")
    assert zh[1].startswith("重新运行得到的 allocation.csv 不同（SHA-256 记录为 ")
    assert "：该次运行的结果分配 " in zh[2] and "，重新运行分配 " in zh[2]  # the awards that differ come first
    assert any(line.startswith("2026-0001：分配相同，但该行其他列不同（reason列：该次运行的结果为“") for line in zh)
    assert check.headline("m.json").text("zh") == "未能复现：m.json"
    with pytest.raises(ManifestError) as caught:
        verify(recorded / "apps.xlsx")
    assert caught.value.text("zh").startswith(f"{recorded / 'apps.xlsx'}：无法作为运行清单读取（")


def test_the_exported_model_reaches_the_same_optimum_with_either_solver(recorded: Path, tmp_path: Path) -> None:
    manifest = json.loads((recorded / "run" / "manifest.json").read_text(encoding="utf-8"))
    published = float(manifest["objective"])
    lp_text = (recorded / "run" / "model.lp").read_text(encoding="utf-8")
    assert "\\ district_share_" not in lp_text or "district_share:" in lp_text
    assert "budget:" in lp_text and "x_2026_0001" in lp_text

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.readModel(str(recorded / "run" / "model.mps"))
    highs.run()
    by_highs = highs.getInfo().objective_function_value

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, problem = pulp.LpProblem.fromMPS(str(recorded / "run" / "model.mps"), sense=pulp.LpMaximize)
        cbc = pulp.PULP_CBC_CMD(msg=False, gapRel=0, gapAbs=0)
        cbc.tmpDir = str(tmp_path)  # PuLP's own temporary MPS file otherwise stays behind in /tmp, one per test run
        problem.solve(cbc)
    by_cbc = pulp.value(problem.objective)

    assert by_highs == pytest.approx(by_cbc, rel=1e-9)
    # the published allocation is that optimum with partial awards rounded down to whole hundreds of yuan
    assert 0 <= by_highs - published < 100 * 150 * 10


def test_a_manifest_saved_with_a_bom_is_read_and_a_broken_one_says_where(recorded: Path) -> None:
    """Windows Notepad saves UTF-8 with a BOM: `Unexpected UTF-8 BOM (decode using utf-8-sig)`. A manifest cut
    short said Python's `Expecting ',' delimiter: line 470 column 17 (char 10932)` inside a Chinese sentence."""
    path = recorded / "run" / "manifest.json"
    data = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + data)
    assert run("verify", path)[0] == 0
    path.write_bytes(data[:5000])
    with pytest.raises(ManifestError) as caught:
        verify(path)
    said = caught.value.problems[0].says("zh")
    assert said.startswith("无法作为运行清单读取（第") and "列附近不是有效的 JSON：文件可能被截断或改动过）" in said
    path.write_bytes(data.replace(b'"entries": ', b'"entries": ' + b"9" * 5000, 1) if b'"entries": ' in data
                     else data.replace(b"{", b'{"big": ' + b"9" * 5000 + b",", 1))  # Python's 4,300-digit limit
    with pytest.raises(ManifestError) as caught:
        verify(path)
    assert caught.value.problems[0].says("zh") == ("无法作为运行清单读取（其中有位数过多的数字，"
                                                   "不是 budgetopt 写出的值）")


# ---------------------------------------------------------------- a scenario given in Python: by its settings


@pytest.fixture(scope="module")
def variant_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample under a variant of its scenario made in a notebook (clause 4 at weight 1): no scenario file."""
    import optimizer

    folder = tmp_path_factory.mktemp("variant") / "run"
    base = optimizer.load_scenario(SCENARIO)
    optimizer.allocate(SAMPLE, optimizer.load_scenario(base, weights={"4": 1}, name="clause 4 at 1")).write(folder)
    return folder


def test_a_run_of_a_scenario_given_in_python_verifies_from_its_recorded_settings(variant_run: Path) -> None:
    """It failed with "no budget": verify re-ran it without any scenario. The settings are pinned by their SHA-256."""
    manifest = json.loads((variant_run / "manifest.json").read_text(encoding="utf-8"))
    given = manifest["inputs"]["scenario"]
    assert (given["path"], given["given_as"], len(given["sha256"])) == (None, "settings", 64)
    code, out, err = run("verify", variant_run / "manifest.json")
    assert code == 0, out + err
    assert err == ("the scenario was given in Python, not as a file: re-run from the settings the manifest records, "
                   "which match the SHA-256 the manifest records\n")
    assert [n.text("zh") for n in verify(variant_run / "manifest.json").notes] == [
        "情景是在 Python 中给出的（不是文件）：按复核清单记录的情景设置重新运行，这些设置与复核清单记录的 SHA-256 一致"]
    import openpyxl
    parameters = {r[0]: r[1] for r in openpyxl.load_workbook(variant_run / "allocation.xlsx")["运行参数"]
                  .iter_rows(values_only=True)}
    assert parameters["分配方案设置（在 Python 中给出）的 SHA-256"] == given["sha256"]


def test_settings_edited_in_the_manifest_are_named(variant_run: Path, tmp_path: Path) -> None:
    """A limit that does not bind, edited in the record: the allocation would re-run alike; the hash says it."""
    copy = tmp_path / "run"
    shutil.copytree(variant_run, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    was = manifest["inputs"]["scenario"]["sha256"]
    manifest["scenario"]["groups"]["max_total"] = 90_000_000
    (copy / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    with use_lang("en"):
        result = verify(copy / "manifest.json")
    assert not result.ok
    now = settings_sha256(manifest["scenario"])
    assert [f.text("en") for f in result.findings] == [
        f"the scenario was given in Python, and the settings the manifest records of it (`scenario`) were edited "
        f"since the run (SHA-256 {was[:12]}… then, {now[:12]}… now): the run cannot be re-run as it was"]


def test_a_variant_is_not_written_over_another_runs_folder(tmp_path: Path) -> None:
    """Two scenarios given in Python had the same inputs and command: the second replaced the first's files as if it
    were the same run written again."""
    import optimizer

    base = optimizer.load_scenario(SCENARIO)
    optimizer.allocate(SAMPLE, base.as_dict()).write(tmp_path / "run")
    variant = optimizer.allocate(SAMPLE, optimizer.load_scenario(base, applicants={"max_total": None}))
    with pytest.raises(optimizer.InputError, match="holds the outputs of another run"):
        variant.write(tmp_path / "run")
    optimizer.allocate(SAMPLE, base.as_dict()).write(tmp_path / "run")  # the same run again: its own files replaced


def test_a_scenario_file_and_no_scenario_record_no_settings(tmp_path: Path) -> None:
    import optimizer

    optimizer.allocate(SAMPLE, budget="1亿").write(tmp_path / "plain")
    inputs = json.loads((tmp_path / "plain" / "manifest.json").read_text(encoding="utf-8"))["inputs"]
    assert "scenario" not in inputs  # the defaults and the budget: the command records all of it


def test_audit_of_a_run_of_a_scenario_given_in_python_reads_its_recorded_settings(variant_run: Path) -> None:
    """audit --manifest asked for a --budget it then refused beside --manifest: it read no scenario."""
    from optimizer.jobs.audit import audit_run

    result = audit_run(variant_run / "manifest.json", variant_run / "allocation.csv")
    assert result.ok and result.below_optimum == 0
    code, out, err = run("audit", variant_run / "allocation.csv", "--manifest", variant_run / "manifest.json")
    assert code == 0, out + err


def test_a_python_scenario_from_before_the_settings_hash_is_re_run_from_its_record(variant_run: Path,
                                                                                   tmp_path: Path) -> None:
    """A run from before December 2026 recorded no scenario input at all: it was re-run without one ("no budget").
    Its settings are used as they stand, and said to be unpinned."""
    from optimizer.jobs.audit import audit_run

    copy = tmp_path / "run"
    shutil.copytree(variant_run, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    del manifest["inputs"]["scenario"]  # as budgetopt wrote it before
    (copy / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    with use_lang("en"):
        result = verify(copy / "manifest.json")
        audited = audit_run(copy / "manifest.json", copy / "allocation.csv")
    unpinned = ("the run recorded neither a scenario file nor its settings' SHA-256 (a scenario given in Python "
                "before December 2026): re-run from the settings the manifest records, which no hash pins")
    assert result.identical and unpinned in [n.text("en") for n in result.notes]
    assert audited.ok and unpinned in [n.text("en") for n in audited.notes]


def test_a_budget_only_run_is_re_run_as_it_was_without_a_note(tmp_path: Path) -> None:
    code, _, err = run("allocate", SAMPLE, "--budget", "1亿", "--out", tmp_path / "run")
    assert code == 0, err
    code, out, err = run("verify", tmp_path / "run" / "manifest.json")
    assert code == 0 and "verified" in out and "settings" not in err, out + err


def test_the_budgets_marginal_value_is_a_figure_verify_checks(variant_run: Path, tmp_path: Path) -> None:
    """compare says a difference in budget by it: edited, it made a variant look ten times as dear, and verify
    passed. A run from before December 2026 did not record it, and is not asked for it."""
    copy = tmp_path / "run"
    shutil.copytree(variant_run, copy)
    path = copy / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    was = manifest["budget_marginal"]
    path.write_text(json.dumps({**manifest, "budget_marginal": "8.36"}, ensure_ascii=False), encoding="utf-8")
    with use_lang("en"):
        result = verify(path)
    assert not result.ok and [f.text("en") for f in result.findings] == [
        f'manifest.json records budget_marginal as "8.36"; the re-run gives "{was}": the manifest was edited after the '
        f"run"]
    del manifest["budget_marginal"]
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    assert verify(path).ok
