"""The award ledger on the command line, on the shipped two years: allocate 2026, publish, import another policy's
awards, allocate 2027 — and everything that must be refused on the way (docs/ledger.md)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from clirun import run_en as run
from helpers import ROOT, publish_before_the_pin, write_cells

import optimizer
from optimizer.jobs.publish import published_entries
from optimizer.ledger import GENESIS, check_ledger, read_ledger
from optimizer.ledger.chain import award_from, entry_hash
from optimizer.report.notice import notice_xlsx
from optimizer.rules.policy import load_policy

DATA = ROOT / "data"
OTHER = "市级技术改造专项（2026年度）"


def rows(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "allocation.csv").open(encoding="utf-8-sig") as handle:
        return {r["application_id"]: r for r in csv.DictReader(handle)}


@dataclass(frozen=True)
class Years:
    folder: Path
    ledger: Path
    r2026: Path
    r2027: Path


def allocate_2027(folder: Path, ledger: Path, out: str, *extra: object) -> tuple[int, str, str]:
    return run("allocate", DATA / "sample_applications_2027.xlsx", "--scenario", DATA / "scenario_2027.toml",
               "--ledger", ledger, "--out", folder / out, "--quiet", *extra, lang="zh")


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> Years:
    folder = tmp_path_factory.mktemp("years")
    ledger = folder / "台账.sqlite"
    assert run("ledger", "init", ledger)[0] == 0
    code, _, err = run("allocate", DATA / "sample_applications.xlsx", "--scenario", DATA / "scenario_2026.toml",
                       "--ledger", ledger, "--out", folder / "r2026", "--quiet", lang="zh")
    assert code == 0, err
    assert run("publish", folder / "r2026", "--ledger", ledger)[0] == 0
    code, _, err = run("ledger", "import", ledger, DATA / "awards_other_policy_2026.xlsx", "--policy", OTHER)
    assert code == 0, err
    code, _, err = allocate_2027(folder, ledger, "r2027")
    assert code == 0, err
    return Years(folder, ledger, folder / "r2026", folder / "r2027")


def other_awards(folder: Path) -> Path:
    """An awards workbook of two payments the shipped one does not hold."""
    book = openpyxl.Workbook()
    book.active.append(["统一社会信用代码", "事项标识", "金额（万元）", "拨付日期"])
    book.active.append(["91500106MA7L4Q8GYA", "嘉陵装备-云平台", 20, "2026-10-09"])
    book.active.append(["91500233MACGN0PF5U", "铜锣机电-节能改造", 15, "2026-08-01"])
    book.save(folder / "另一项政策.xlsx")
    return folder / "另一项政策.xlsx"


def copy_of(years: Years, tmp_path: Path) -> tuple[Path, Path, Path]:
    """The ledger and both runs, copied where a test may change them (manifests name the ledger as ../台账.sqlite)."""
    for name in ("台账.sqlite", "r2026", "r2027"):
        source = years.folder / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    return tmp_path / "台账.sqlite", tmp_path / "r2026", tmp_path / "r2027"


# --- 就高、不重复 across years and policies


def test_a_content_funded_in_2026_gets_nothing_in_2027_and_the_reason_names_the_2026_award(years: Years) -> None:
    row = rows(years.r2027)["2027-0207"]
    assert (row["entitlement"], row["allocated"], row["status"]) == ("0", "0", "DUPLICATE")
    assert row["reason"] == ("台账记录该内容已获资助：渝经信规范〔2026〕2号2026年度资助3,000,000元（2026-0424），"
                             "合计3,000,000元，不低于本项标准")
    assert rows(years.r2026)["2026-0424"]["allocated"] == "3000000"


def test_an_award_imported_from_another_policy_reduces_the_entitlement_by_exactly_its_amount(years: Years) -> None:
    row = rows(years.r2027)["2027-0113"]
    assert row["entitlement"] == str(3_000_000 - 1_000_000)
    assert row["reason"] == ("定额奖励3,000,000元，扣除台账记录的已获资助1,000,000元（市级技术改造专项（2026年度）"
                             "资助1,000,000元）")  # the year once: the policy's name says it


def test_a_higher_standard_in_2027_is_paid_the_difference(years: Years) -> None:
    assert rows(years.r2026)["2026-0012"]["allocated"] == "169900"  # 11b in 2026
    assert rows(years.r2027)["2027-0137"]["entitlement"] == str(500_000 - 169_900)  # 11a in 2027, same content


def test_validate_counts_the_applications_the_ledger_touches(years: Years) -> None:
    code, out, _ = run("validate", DATA / "sample_applications_2027.xlsx", "--ledger", years.ledger)
    assert code == 0
    assert "  applications the ledger has awards for (same credit code and content): 9" in out.splitlines()


def test_the_manifest_records_the_ledger_the_run_counted(years: Years) -> None:
    recorded = json.loads((years.r2027 / "manifest.json").read_text(encoding="utf-8"))["inputs"]["ledger"]
    at_the_time = read_ledger(years.ledger, upto=129)
    assert recorded == {"path": "../台账.sqlite", "shipped": False, "sha256": at_the_time.head, "entries": 129}
    assert json.loads((years.r2026 / "manifest.json").read_text(encoding="utf-8"))["inputs"]["ledger"]["entries"] == 0


# --- publishing


def test_publishing_records_every_award_and_writes_the_notice(years: Years, tmp_path: Path) -> None:
    ledger, _, r2027 = copy_of(years, tmp_path)
    code, out, err = run("publish", r2027, "--ledger", ledger, lang="zh")
    assert code == 0, err
    state = read_ledger(ledger)
    awards = [r for r in rows(r2027).values() if r["status"] in ("FUNDED", "PARTIAL")]
    assert state.count == 129 + len(awards) == 212
    published = state.entries[129:]
    assert [(e.award.application_id, e.award.amount, e.award.year) for e in published] == [
        (r["application_id"], int(r["allocated"]), 2027) for r in awards]
    assert {e.award.run for e in published} == {json.loads((r2027 / "awards.json").read_text())["run"]}
    assert out.startswith(f"已发布 {r2027}：83项资助，合计116,999,960元，已记入资助台账 {ledger}（共212条记录")
    assert out.endswith(f"用以日后核对台账未被改写：212 {state.head}\n")  # the whole hash, to copy (not 12 digits)
    notice = openpyxl.load_workbook(r2027 / "notice.xlsx").active
    assert [c.value for c in notice[3]] == ["序号", "申报单位", "统一社会信用代码", "所属区县", "项目名称", "政策条款",
                                             "拟支持金额（万元）"]
    # 政策条款: the policy's item and the clause's title (an auditor's review: 第11a条 is budgetopt's id of an award
    # of item 11, not the policy's numbering)
    policy = load_policy()
    cited = [row[5] for row in notice.iter_rows(min_row=4, max_row=3 + len(awards), values_only=True)]
    assert cited == [f"第{r['clause'].rstrip('ab')}条 {policy.clause(r['clause']).title_zh}" for r in awards]
    assert "第11条 中小企业数字化改造" in cited and "第7条 先进级智能工厂" in cited


def test_a_notice_published_with_its_first_day_and_contact_is_ready_to_issue_and_verifies(years: Years,
                                                                                            tmp_path: Path) -> None:
    """A finance officer's review: the 公示 list had no dates, contact or issuing block, so it was edited before
    release. awards.json records how it was written, so verify writes it again to the byte."""
    ledger, _, r2027 = copy_of(years, tmp_path)
    code, _, err = run("publish", r2027, "--ledger", ledger, "--starts", "2027-13-01", "--contact", "甲\n乙", lang="zh")
    assert (code, err) == (2, "--starts：公示开始日期应写作 YYYY-MM-DD（如 2026-12-08），而不是“2027-13-01”\n"
                              "--contact：联系人应为一行文字，不能含换行或控制字符\n")
    # a review: 20261208 and 2026-W50-2 were read as dates, a list signed 1900 published, a full-width space refused
    far = "公示开始日期 1900-01-01 不在2027年度前后一年之内（2026-01-01至2028-12-31）：请核对年份"
    for starts, said in (("20261208", "而不是“20261208”"), ("1900-01-01", far)):
        code, _, err = run("publish", r2027, "--ledger", ledger, "--starts", starts, lang="zh")
        assert code == 2 and said in err, err
    code, _, err = run("publish", r2027, "--ledger", ledger, "--contact", "经信委　张三" + "甲" * 60, lang="zh")
    assert (code, err) == (2, f"--contact：联系人至多60个字符，“经信委　张三{'甲' * 60}”有66个\n"), err
    code, _, err = run("publish", r2027, "--ledger", ledger, "--starts", "2027-12-08", "--contact",
                       "经信委　张三 023-6388 0000", "--objection-days", "7", lang="zh")
    assert code == 0, err
    notice = [row[0] for row in openpyxl.load_workbook(r2027 / "notice.xlsx").active.iter_rows(values_only=True)]
    assert notice[-5].startswith("公示期为7个工作日（自2027年12月8日起）。")
    assert notice[-4:] == ["联系人及电话：经信委　张三 023-6388 0000", "特此公示。",
                           "重庆市经济和信息化委员会　重庆市财政局", "2027年12月8日"]
    document = json.loads((r2027 / "awards.json").read_text(encoding="utf-8"))
    assert document["notice"] == {
        "lang": "zh", "objection_days": 7, "starts": "2027-12-08", "contact": "经信委　张三 023-6388 0000", "layout": 4}
    assert run("verify", r2027 / "manifest.json")[0] == 0


def publish_in_layout_3(r2027: Path, ledger: Path) -> tuple[bytes, bytes]:
    """r2027 published with a first day and a contact (layout 4), and the same list as layout 3 wrote it (第7b条): the
    list published, and that one."""
    code, _, err = run("publish", r2027, "--ledger", ledger, "--starts", "2027-12-08", "--contact",
                       "经信委　张三 023-6388 0000", "--objection-days", "7", lang="zh")
    assert code == 0, err
    awards = [entry.award for entry in published_entries(r2027, ledger)]
    earlier = notice_xlsx(awards, load_policy(), 2027, "zh", 7, layout=3, starts=date(2027, 12, 8),
                          contact="经信委　张三 023-6388 0000")
    cited = {row[5] for row in openpyxl.load_workbook(io.BytesIO(earlier)).active.iter_rows(min_row=4,
                                                                                           values_only=True)}
    current = (r2027 / "notice.xlsx").read_bytes()
    assert "第11a条" in cited and "第7b条" in cited and earlier != current
    return current, earlier


def set_layout(r2027: Path, layout: int) -> None:
    """awards.json edited to say the list was written in `layout`."""
    document = json.loads((r2027 / "awards.json").read_text(encoding="utf-8"))
    document["notice"]["layout"] = layout
    (r2027 / "awards.json").write_text(json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")


def test_a_list_of_another_layout_swapped_in_is_found_by_the_ledger_and_awards_json_named(years: Years,
                                                                                          tmp_path: Path) -> None:
    """An auditor's review: a layout-3 list (第11a条, which the policy does not have) swapped in for the layout-4 one
    published, awards.json edited to match, verified; and awards.json's layout edited alone was blamed on the list.
    The ledger's entries of a publication record the SHA-256 of its list, under their hashes."""
    ledger, _, r2027 = copy_of(years, tmp_path)
    current, earlier = publish_in_layout_3(r2027, ledger)
    pinned, swapped = hashlib.sha256(current).hexdigest(), hashlib.sha256(earlier).hexdigest()
    assert {entry.notice for entry in published_entries(r2027, ledger)} == {pinned}
    where = r2027 / ".." / "台账.sqlite"
    set_layout(r2027, 3)  # awards.json alone edited: the list is the one published
    code, _, err = run("verify", r2027 / "manifest.json")
    assert (code, err.splitlines()[1:]) == (4, [
        "  awards.json records the 公示 list as written with notice.layout 3, which notice.xlsx is not; notice.xlsx is "
        "the list written with notice.layout 4 to the byte: awards.json was changed after the 公示"])
    code, _, err = run("verify", r2027 / "manifest.json", lang="zh")
    assert err.splitlines()[1:] == ["  awards.json 记录的公示名单写法（notice.layout 为 3）与 notice.xlsx 不符；"
                                    "notice.xlsx 与按 notice.layout 为 4 写出的完全相同：awards.json 在公示后被改动过"]
    (r2027 / "notice.xlsx").write_bytes(earlier)  # and the layout-3 list swapped in: as awards.json now says
    code, _, err = run("verify", r2027 / "manifest.json")
    assert (code, err.splitlines()[1:]) == (4, [
        f"  the notice.xlsx beside manifest.json is not the file the 公示 wrote: the award ledger {where} records the "
        f"list's SHA-256 as {pinned[:12]}…, it is {swapped[:12]}…",
        "  awards.json records the 公示 list as written with notice.layout 3, which does not write the list as "
        f"published; the list the award ledger {where} records was written with notice.layout 4: awards.json was "
        "changed after the 公示"])
    code, _, err = run("verify", r2027 / "manifest.json", lang="zh")
    assert err.splitlines()[1:] == [
        f"  manifest.json 旁的 notice.xlsx 不是公示时写出的文件：资助台账 {where} 记该次公示的公示名单的 SHA-256 为 "
        f"{pinned[:12]}…，现为 {swapped[:12]}…",
        f"  awards.json 记录的公示名单写法（notice.layout 为 3）写不出公示时的公示名单；资助台账 {where} 所记的"
        "公示名单是按 notice.layout 为 4 写出的：awards.json 在公示后被改动过"]
    set_layout(r2027, 4)  # awards.json as published, the list swapped: the list named, cell by cell
    code, _, err = run("verify", r2027 / "manifest.json")
    assert code == 4 and err.splitlines()[2].startswith("  notice.xlsx No. 1: Clause is '第")
    assert "as published" in err.splitlines()[2] and len(err.splitlines()) == 2 + 20 + 1


def test_another_period_language_or_batch_in_awards_json_is_named_too(years: Years, tmp_path: Path) -> None:
    ledger, _, r2027 = copy_of(years, tmp_path)
    publish_in_layout_3(r2027, ledger)
    document = json.loads((r2027 / "awards.json").read_text(encoding="utf-8"))
    for key, value, said in (("objection_days", 10, "notice.objection_days 10, which notice.xlsx is not; notice.xlsx "
                                                    "is the list written with notice.objection_days 7"),
                             ("lang", "en", 'notice.lang "en", which notice.xlsx is not; notice.xlsx is the list '
                                            'written with notice.lang "zh"'),
                             ("batch", 2, "batch 2, which notice.xlsx is not; notice.xlsx is the list written with "
                                          "batch null"),
                             ("contact", "经信委 李四", None)):
        edited = ({**document, key: value} if key == "batch"
                  else {**document, "notice": {**document["notice"], key: value}})
        (r2027 / "awards.json").write_text(json.dumps(edited, sort_keys=True, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
        code, _, err = run("verify", r2027 / "manifest.json")
        assert code == 4 and "notice.xlsx beside manifest.json is not" not in err, err
        if said is not None:
            assert f"awards.json records the 公示 list as written with {said}" in err, err
        else:  # a contact written otherwise: which is not known, but the ledger pins the list
            assert err.splitlines()[1] == (
                f"  notice.xlsx is the file the 公示 wrote (the award ledger {r2027 / '..' / '台账.sqlite'} records "
                "its SHA-256), but the list written as awards.json records it is not: awards.json was changed after "
                "the 公示")


def test_a_list_published_before_the_ledger_pinned_it_is_held_to_awards_json_with_a_note(
        years: Years, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Published before December 2026, in layout 3: verify writes the list again as awards.json says, and says that
    nothing else pins it; a list of another writing than awards.json records is still awards.json edited."""
    ledger, _, r2027 = copy_of(years, tmp_path)
    with monkeypatch.context() as patch:
        publish_before_the_pin(patch)
        current, earlier = publish_in_layout_3(r2027, ledger)
    assert {entry.notice for entry in published_entries(r2027, ledger)} == {None}
    set_layout(r2027, 3)
    (r2027 / "notice.xlsx").write_bytes(earlier)
    code, out, err = run("verify", r2027 / "manifest.json")
    assert (code, err) == (0, f"the award ledger {r2027 / '..' / '台账.sqlite'}'s entries of the publication record "
                              "no SHA-256 of its 公示 list (published into a ledger of a schema before 3, which did "
                              "not record it): notice.xlsx was checked only against how awards.json says it was "
                              "written, which the ledger does not pin\n"), out
    (r2027 / "notice.xlsx").write_bytes(current)  # not as awards.json says it was written: awards.json named
    code, _, err = run("verify", r2027 / "manifest.json")
    assert code == 4 and ("awards.json records the 公示 list as written with notice.layout 3, which notice.xlsx is "
                          "not; notice.xlsx is the list written with notice.layout 4 to the byte: awards.json was "
                          "changed after the 公示") in err


def test_allocating_a_published_year_again_warns_that_its_own_awards_count(years: Years, tmp_path: Path) -> None:
    """After publishing 2026, the same workbook allocated again with the ledger counts each application's own
    published award as support already granted (2026-0337 a duplicate of itself): said, not silently done. The
    2027 workbook, whose applications are others, is not warned."""
    code, _, err = run("allocate", DATA / "sample_applications.xlsx", "--scenario", DATA / "scenario_2026.toml",
                       "--ledger", years.ledger, "--out", tmp_path / "again", "--quiet")
    assert code == 0, err
    warning = next(line for line in err.splitlines() if line.startswith("台账.sqlite: warning: "))
    assert warning.startswith("台账.sqlite: warning: the ledger already holds the awards of 127 of this workbook's "
                              "applications themselves (2026-0004, 2026-0006, 2026-0010, …, recorded when run ")
    assert warning.endswith("was published): allocating them again counts those awards as support already granted. "
                            "To check a published run, verify it; number a second round's applications anew")
    again = optimizer.allocate(DATA / "sample_applications.xlsx", DATA / "scenario_2026.toml", ledger=years.ledger)
    assert [w.code for w in again.warnings].count("ledger.published_here") == 1
    later = optimizer.allocate(DATA / "sample_applications_2027.xlsx", DATA / "scenario_2027.toml",
                               ledger=years.ledger)
    assert "ledger.published_here" not in [w.code for w in later.warnings]


def test_a_period_cap_without_a_ledger_is_warned(years: Years) -> None:
    """2027's scenario caps an applicant over the policy's whole period (2026 included): run without the ledger, the
    cap counted 2027 alone and 2027-0207, paid 300万 in 2026, was treated as new — without a word."""
    alone = optimizer.allocate(DATA / "sample_applications_2027.xlsx", DATA / "scenario_2027.toml")
    (warning,) = [w for w in alone.warnings if w.code == "ledger.period_cap_alone"]
    assert warning.text("en") == (
        "scenario_2027.toml: warning: the scenario caps each applicant over the policy's whole period, but no award "
        "ledger is counted: earlier years' awards under this policy are not counted towards it, and an applicant may "
        "go over it. If an earlier year was allocated under this policy, run this year's allocation again counting the "
        "award ledger that records its publication (publish that earlier run first if it is not yet published)")
    counted = optimizer.allocate(DATA / "sample_applications_2027.xlsx", DATA / "scenario_2027.toml",
                                 ledger=years.ledger)
    assert "ledger.period_cap_alone" not in [w.code for w in counted.warnings]
    plain = optimizer.allocate(DATA / "sample_applications.xlsx", DATA / "scenario_2026.toml")  # no period cap
    assert "ledger.period_cap_alone" not in [w.code for w in plain.warnings]


def test_publishing_twice_is_refused(years: Years) -> None:
    code, _, err = run("publish", years.r2026, "--ledger", years.ledger)
    sha = json.loads((years.r2026 / "awards.json").read_text())["run"][:12]
    assert (code, err) == (2, f"{years.ledger}: the run {years.r2026} (manifest SHA-256 {sha}…) is already in the "
                              "ledger: it is not published twice\n")


def test_publishing_a_folder_that_is_not_a_run_says_so(years: Years, tmp_path: Path) -> None:
    missing = tmp_path / "nothere"
    assert run("publish", tmp_path, "--ledger", years.ledger) == (
        2, "", f"{tmp_path}: no manifest.json here (give the --out folder of an allocate run)\n")
    assert run("publish", missing, "--ledger", years.ledger, lang="zh") == (
        2, "", f"{missing}：没有这个文件夹（请给出一次 allocate 运行的 --out 文件夹）\n")
    assert run("compare", missing, years.r2026) == (
        2, "", f"{missing}: no such folder (give the --out folder of an allocate run)\n")


def test_publishing_an_edited_run_is_refused(years: Years, tmp_path: Path) -> None:
    ledger, _, r2027 = copy_of(years, tmp_path)
    csv_path = r2027 / "allocation.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"2027-0113,", b"2027-0113 ,", 1))
    before = read_ledger(ledger)
    code, _, err = run("publish", r2027, "--ledger", ledger)
    assert code == 4
    assert err.startswith(f"{csv_path} was changed after the run (SHA-256 was ")
    assert err.endswith("…): only what the run wrote is published\n")
    assert read_ledger(ledger) == before and not (r2027 / "notice.xlsx").exists()


def test_a_run_that_did_not_count_the_ledger_as_it_stands_is_refused(years: Years, tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    code, _, err = run("allocate", DATA / "sample_applications_2027.xlsx", "--scenario", DATA / "scenario_2027.toml",
                       "--out", tmp_path / "blind", "--quiet")
    assert code == 0, err
    code, _, err = run("publish", tmp_path / "blind", "--ledger", ledger)
    assert (code, err) == (2, f"{ledger}: the run was allocated without the award ledger, which holds 129 entries: "
                              "their awards were not counted (就高、不重复), so it cannot be published. Allocate again "
                              "with this ledger, then publish\n")
    assert run("ledger", "import", ledger, other_awards(tmp_path), "--policy", "另一项政策")[0] == 0
    code, _, err = run("publish", tmp_path / "r2027", "--ledger", ledger)
    assert (code, err) == (2, f"{ledger}: the run counted 129 entries of the award ledger, which now holds 131: it is "
                              "not the ledger the run counted, so the run cannot be published. Allocate again with "
                              "this ledger, then publish\n")


def test_what_publish_would_refuse_is_known_before_it_reads_the_run(years: Years, tmp_path: Path) -> None:
    """ready_to_publish: the checks the browser app makes before it offers to publish; published_entries: what a
    publication recorded."""
    from optimizer.jobs.publish import published_entries, ready_to_publish
    from optimizer.ledger import LedgerError

    ledger, r2026, r2027 = copy_of(years, tmp_path)
    with pytest.raises(LedgerError, match="already in the ledger"):
        ready_to_publish(r2026, ledger)
    assert ready_to_publish(r2027, ledger) is None  # counted the ledger as it stands
    published = published_entries(r2026, ledger)
    assert [e.seq for e in published] == list(range(1, 128)) and published_entries(r2027, ledger) == ()
    with pytest.raises(LedgerError, match=r"the run counted the award ledger \S+台账\.sqlite, not this one"):
        ready_to_publish(r2027, tmp_path / "not-made-yet.sqlite")  # a ledger not made yet counts as empty
    code, _, err = run("allocate", DATA / "sample_applications_2027.xlsx", "--scenario", DATA / "scenario_2027.toml",
                       "--out", tmp_path / "blind", "--quiet")
    assert code == 0, err
    assert ready_to_publish(tmp_path / "blind", tmp_path / "not-made-yet.sqlite") is None
    assert not (tmp_path / "not-made-yet.sqlite").exists()


@pytest.mark.parametrize("corrected", [False, True])
def test_a_published_year_allocated_again_is_not_published_again(years: Years, tmp_path: Path,
                                                                  corrected: bool) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    if corrected:  # the first award corrected since: the sentence still names the run that published it
        optimizer.correct_award(ledger, 1, to=100_000, basis="核减")
    # a budget that leaves room beside the year's published awards: the applications without a 事项标识 are funded
    code, _, err = run("allocate", DATA / "sample_applications.xlsx", "--scenario", DATA / "scenario_2026.toml",
                       "--budget", "4亿", "--ledger", ledger, "--out", tmp_path / "again", "--quiet")
    assert code == 0, err
    before = read_ledger(ledger)
    code, _, err = run("publish", tmp_path / "again", "--ledger", ledger)
    sha = json.loads((years.r2026 / "awards.json").read_text())["run"][:12]
    assert code == 2 and err.startswith(f"{ledger}: the award ledger already records awards of ")
    assert re.search(rf"of the run's applications \(2026-\d{{4}}, 2026-\d{{4}}, 2026-\d{{4}}, …, published by run "
                     rf"{sha}…\): an application is not published twice", err), err
    assert read_ledger(ledger) == before and not (tmp_path / "again" / "notice.xlsx").exists()


def test_a_run_is_published_only_into_the_ledger_it_counted(years: Years, tmp_path: Path) -> None:
    ledger, r2026, r2027 = copy_of(years, tmp_path)
    other = tmp_path / "另一本.sqlite"
    assert run("ledger", "init", other)[0] == 0
    code, _, err = run("publish", r2027, "--ledger", other, lang="zh")  # it counted 129 entries of 台账.sqlite
    assert (code, err) == (2, f"{other}：该次运行计入的资助台账是 {ledger.resolve()}，不是这一本："
                              "只能发布到运行所计入的台账\n")
    code, _, err = run("publish", r2026, "--ledger", other, lang="zh")  # it counted 台账.sqlite when it was empty
    assert (code, err) == (2, f"{other}：该次运行已发布到它所计入的资助台账 {ledger.resolve()}：不再发布到另一本台账\n")
    assert read_ledger(other).count == 0


def test_a_published_year_renumbered_is_warned_about(years: Years, tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    book = openpyxl.load_workbook(DATA / "sample_applications.xlsx")
    for cell in book.active["A"][1:]:
        cell.value = str(cell.value).replace("2026-", "2026-B") if cell.value else cell.value
    book.save(tmp_path / "第二批.xlsx")
    code, _, err = run("allocate", tmp_path / "第二批.xlsx", "--scenario", DATA / "scenario_2026.toml", "--ledger",
                       ledger, "--out", tmp_path / "b", "--quiet", lang="zh")
    assert code == 0, err
    assert ("台账.sqlite：警告：资助台账中已有2026年度同一申报单位、同一条款、同一项目名称、但申报编号不同的资助："
            "134项申报（2026-B0004（2026-0004）、2026-B0006（2026-0006）、2026-B0010（2026-0010）、…，") in err
    code, _, err = allocate_2027(tmp_path, ledger, "y2027")  # another year: its own projects, no warning
    assert code == 0 and "同一项目名称" not in err


def test_an_earlier_years_project_under_another_key_or_none_is_warned_about(years: Years, tmp_path: Path) -> None:
    # a review: 2027-0207, the 2026 smart factory again, was paid 300万 again with its 事项标识 left empty
    ledger, _, _ = copy_of(years, tmp_path)
    book = openpyxl.load_workbook(DATA / "sample_applications_2027.xlsx")
    sheet = book.active
    headers = [str(cell.value) for cell in sheet[1]]
    key = next(i for i, h in enumerate(headers) if h.startswith("事项标识")) + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "2027-0207")
    sheet.cell(row, key).value = None
    book.save(tmp_path / "2027.xlsx")
    code, _, err = run("allocate", tmp_path / "2027.xlsx", "--scenario", DATA / "scenario_2027.toml", "--ledger",
                       ledger, "--out", tmp_path / "y", "--quiet")
    assert code == 0, err
    assert ("台账.sqlite: warning: 1 application(s) have the applicant, clause and project name of an earlier year's "
            "award of this policy in the ledger, but another content key or none, so that award is not deducted "
            "(2027-0207 (2026 2026-0424)): if it is the same content, give it the same content key") in err


def test_a_run_made_without_a_ledger_is_published_into_one_only(tmp_path: Path) -> None:
    code, _, err = run("allocate", DATA / "sample_applications.xlsx", "--scenario", DATA / "scenario_2026.toml",
                       "--out", tmp_path / "r", "--quiet")
    assert code == 0, err
    first, second = tmp_path / "c.sqlite", tmp_path / "d.sqlite"
    for ledger in (first, second):
        assert run("ledger", "init", ledger)[0] == 0
    assert run("publish", tmp_path / "r", "--ledger", first)[0] == 0
    code, _, err = run("publish", tmp_path / "r", "--ledger", second)
    assert code == 2 and err.startswith(f"{second}: the run was allocated without a ledger, and its folder holds the "
                                        "awards.json a publication of it wrote")
    assert read_ledger(second).count == 0


def test_a_run_folder_moved_is_published_into_the_ledger_it_counted(years: Years, tmp_path: Path) -> None:
    ledger, _, r2027 = copy_of(years, tmp_path)
    moved = tmp_path / "归档" / "r2027"
    shutil.copytree(r2027, moved)  # its manifest now names ../台账.sqlite, which is not there: the chain tells
    shutil.copy(DATA / "sample_applications_2027.xlsx", moved)  # the workbook beside it, where publish looks too
    code, _, err = run("publish", moved, "--ledger", ledger)
    assert code == 0, err
    assert read_ledger(ledger).count == 129 + len(json.loads((moved / "awards.json").read_text())["awards"])


def test_a_run_without_an_award_is_not_published(years: Years, tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    scenario = tmp_path / "tiny.toml"
    scenario.write_text('year = 2027\nbudget = "1000元"\nmin_funding_ratio = 0.5\n', encoding="utf-8")
    code, _, err = run("allocate", DATA / "sample_applications_2027.xlsx", "--scenario", scenario, "--ledger", ledger,
                       "--out", tmp_path / "none", "--quiet")
    assert code == 0, err
    assert run("publish", tmp_path / "none", "--ledger", ledger, lang="zh") == (
        2, "", f"{tmp_path / 'none'}：该次运行没有获资助的申报：无须发布\n")
    assert read_ledger(ledger).count == 129 and not (tmp_path / "none" / "notice.xlsx").exists()


KILLED = """
import os, sys
from optimizer.cli import main
from optimizer.ledger import store

real, written = store._insert, []

def dying(conn, entry):
    real(conn, entry)
    written.append(entry.seq)
    if len(written) == 40:
        os._exit(9)  # killed in the middle of recording the run's awards

store._insert = dying
main(["publish", sys.argv[1], "--ledger", sys.argv[2]])
"""


def test_a_publish_killed_half_way_leaves_the_ledger_as_it_was(years: Years, tmp_path: Path) -> None:
    ledger, _, r2027 = copy_of(years, tmp_path)
    before = read_ledger(ledger)
    killed = subprocess.run([sys.executable, "-c", KILLED, str(r2027), str(ledger)], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert killed.returncode == 9, killed.stderr
    assert read_ledger(ledger) == before and check_ledger(ledger) == ()
    code, _, err = run("publish", r2027, "--ledger", ledger)  # and may simply be run again
    assert code == 0, err
    assert read_ledger(ledger).count == 212


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_the_notice_opens_in_libreoffice_and_its_total_is_the_runs(years: Years, tmp_path: Path) -> None:
    converted = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", str(tmp_path),
         str(years.r2026 / "notice.xlsx")], capture_output=True, text=True, timeout=240)
    assert converted.returncode == 0, converted.stderr
    (written,) = tmp_path.glob("notice*.csv")
    table = list(csv.reader(written.open(encoding="utf-8")))
    total = next(r for r in table if r and r[0] in ("合计", "Total"))
    amount = next(cell for cell in total[1:] if cell)
    manifest = json.loads((years.r2026 / "manifest.json").read_text(encoding="utf-8"))
    assert Decimal(amount.replace(",", "")) * 10_000 == manifest["totals"]["allocated"] == 194_999_910


# --- verify and audit with the ledger


def test_verify_reads_the_ledger_as_the_run_saw_it(years: Years, tmp_path: Path) -> None:
    ledger, _, r2027 = copy_of(years, tmp_path)
    assert run("publish", r2027, "--ledger", ledger)[0] == 0  # the ledger grows after the run
    code, _, err = run("verify", r2027 / "manifest.json")
    assert code == 0, err
    with sqlite3.connect(ledger) as db:  # an entry the run counted is changed
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            db.execute(f'DROP TRIGGER "{name}"')
        db.execute("UPDATE entries SET amount = amount + 1 WHERE seq = 5")
    code, _, err = run("verify", r2027 / "manifest.json")
    assert code == 4
    assert (f"the first 129 entries of the award ledger ../台账.sqlite ({r2027 / '..' / '台账.sqlite'}) no longer "
            "read as a hash chain") in err


def unguarded(ledger: Path, *statements: str) -> sqlite3.Connection:
    """SQL run on the ledger outside budgetopt, its guard triggers dropped first; the connection, still open."""
    db = sqlite3.connect(ledger)
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute(f'DROP TRIGGER "{name}"')
    for statement in statements:
        db.execute(statement)
    db.commit()
    return db


def test_a_ledger_changed_only_after_the_runs_entries_still_verifies_the_run(years: Years, tmp_path: Path) -> None:
    # a review: an entry added outside budgetopt after those a run counted made verify say the counted ones differ
    ledger, _, r2027 = copy_of(years, tmp_path)
    assert run("ledger", "correct", ledger, "5", "--to", "0", "--basis", "撤销")[0] == 0  # entry 130, not r2027's
    unguarded(ledger, "UPDATE entries SET basis = '撤销（改）' WHERE seq = 130").close()
    assert run("ledger", "check", ledger)[0] == 4
    code, out, err = run("verify", r2027 / "manifest.json")
    assert code == 0, err
    assert out.startswith("verified: ")
    assert err == (f"the award ledger {r2027 / '..' / '台账.sqlite'} was changed outside budgetopt after the 129 "
                   "entries the run counted (the run's reproduction does not depend on them: see budgetopt ledger "
                   "check)\n")


def test_a_published_runs_own_award_changed_in_the_ledger_is_a_difference(years: Years, tmp_path: Path) -> None:
    """An auditor's review: the run's own entries, changed outside budgetopt after its publication, were "not this
    run's concern" — and, their hashes recomputed, nothing at all found them."""
    ledger, _, r2027 = copy_of(years, tmp_path)
    assert run("publish", r2027, "--ledger", ledger)[0] == 0
    pinned = json.loads((r2027 / "awards.json").read_text(encoding="utf-8"))["ledger"]
    assert pinned == {"path": "../台账.sqlite", "entries": read_ledger(ledger).count, "head": read_ledger(ledger).head}
    last = pinned["entries"]
    unguarded(ledger, f"UPDATE entries SET amount = amount + 1 WHERE seq = {last}").close()
    code, _, err = run("verify", r2027 / "manifest.json")
    assert code == 4
    lines = err.splitlines()[1:]  # after the note that the run's reproduction does not depend on those entries
    assert lines[0].endswith("gives the identical allocation.csv and its folder's files are as recorded, but the "
                             "award ledger's record of the run is not:")  # a review: it said the folder changed
    assert re.fullmatch(rf"  entry {last} of the award ledger .*台账\.sqlite \(application 2027-\d{{4}}\) is not the "
                        r"award the run published: its amount is [\d,]+ yuan, the award [\d,]+", lines[1]), lines[1]
    assert lines[2].startswith(f"  the first {last} entries of the award ledger ")

    rehash(ledger)  # the chain made whole again: ledger check passes, the pin and the award still find it
    assert run("ledger", "check", ledger)[0] == 0
    code, _, err = run("verify", r2027 / "manifest.json")
    assert code == 4 and "is not the award the run published" in err
    assert f"the first {last} entries of the award ledger" in err and "rewritten since, its hashes recomputed" in err


def test_a_manifest_edited_after_publication_is_said_so_not_blamed_on_awards_json(years: Years,
                                                                                       tmp_path: Path) -> None:
    """An auditor's review: any edit of a published run's manifest (its start time, say) was reported as awards.json
    changed after the 公示."""
    _, r2026, _ = copy_of(years, tmp_path)
    manifest = r2026 / "manifest.json"
    published = json.loads((r2026 / "awards.json").read_text(encoding="utf-8"))["run"]
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"started": "', '"started": "1'),
                        encoding="utf-8")
    code, _, err = run("verify", manifest)
    assert code == 4
    assert f"manifest.json was changed after the run was published: awards.json records its SHA-256 at the 公示 as " \
           f"{published[:12]}…" in err
    assert "awards.json beside manifest.json is not" not in err and "is not the award" not in err  # the rest holds


def test_verify_checks_a_published_run_in_the_ledger_named(years: Years, tmp_path: Path) -> None:
    """--ledger: a renamed backup of the ledger; a run's award taken out of it, or one added under its name."""
    ledger, r2026, _ = copy_of(years, tmp_path)
    backup = tmp_path / "台账-备份.sqlite"
    shutil.copy(ledger, backup)
    ledger.unlink()
    code, _, err = run("verify", r2026 / "manifest.json", "--ledger", backup)
    assert code == 0, err
    unguarded(backup, "INSERT INTO entries SELECT 1000, policy, year, credit_code, content_key, amount, applicant, "
                      "\"group\", '2026-9999', district, clause, project, awarded_on, run, recorded_at, prev_hash, "
                      "hash, corrects, basis, notice FROM entries WHERE seq = 3",
              "DELETE FROM entries WHERE seq = 4").close()
    code, _, err = run("verify", r2026 / "manifest.json", "--ledger", backup)
    assert code == 4
    assert f"entry 1000 of the award ledger {backup} is recorded as an award of the run (application 2026-9999), " \
           "which the run did not make" in err
    assert f"1 award(s) the run published are not in the award ledger {backup}: 2026-" in err
    code, _, err = run("verify", r2026 / "manifest.json", "--ledger", tmp_path / "r2026" / "allocation.csv")
    assert code == 2 and err.startswith("allocation.csv: ")  # a review: a file named as the ledger that is none


def test_a_ledger_and_publication_of_the_previous_budgetopt_verify_and_migrate_on_the_next_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ledger of schema version 2, its 2026 publication's entries without the list's SHA-256 — as budgetopt wrote
    them before December 2026's pin — is read as it is: verify passes with the note that the list is not pinned; the
    next write (an import) migrates it, every entry's hash as it was; the 2027 publication then pins its list."""
    from optimizer.ledger import schema

    ledger = tmp_path / "台账.sqlite"
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
        publish_before_the_pin(patch)
        assert run("ledger", "init", ledger)[0] == 0
        code, _, err = run("allocate", DATA / "sample_applications.xlsx", "--scenario", DATA / "scenario_2026.toml",
                           "--ledger", ledger, "--out", tmp_path / "r2026", "--quiet")
        assert code == 0, err
        assert run("publish", tmp_path / "r2026", "--ledger", ledger)[0] == 0
    with closing(sqlite3.connect(ledger)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (2,)
        assert "notice" not in {row[1] for row in db.execute("PRAGMA table_info(entries)")}
    old = read_ledger(ledger)
    unpinned = (f"the award ledger {tmp_path / 'r2026' / '..' / '台账.sqlite'}'s entries of the publication record no "
                "SHA-256 of its 公示 list (published into a ledger of a schema before 3, which did not record it): "
                "notice.xlsx was checked only against how awards.json says it was written, which the ledger does not "
                "pin\n")
    code, _, err = run("verify", tmp_path / "r2026" / "manifest.json")
    assert (code, err) == (0, unpinned)
    assert run("ledger", "import", ledger, DATA / "awards_other_policy_2026.xlsx", "--policy", OTHER)[0] == 0
    with closing(sqlite3.connect(ledger)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (4,)
    assert read_ledger(ledger).entries[:old.count] == old.entries and check_ledger(ledger) == ()
    assert run("verify", tmp_path / "r2026" / "manifest.json")[1:] == ("verified: re-running "
                                                                       f"{tmp_path / 'r2026' / 'manifest.json'} gives "
                                                                       "the identical allocation.csv (SHA-256 "
                                                                       f"{sha_of(tmp_path / 'r2026')}); the 公示 list "
                                                                       "is not pinned by the ledger, checked against "
                                                                       "awards.json only\n", unpinned)
    code, _, err = allocate_2027(tmp_path, ledger, "r2027")
    assert code == 0, err
    assert run("publish", tmp_path / "r2027", "--ledger", ledger)[0] == 0
    listed = hashlib.sha256((tmp_path / "r2027" / "notice.xlsx").read_bytes()).hexdigest()
    assert {entry.notice for entry in published_entries(tmp_path / "r2027", ledger)} == {listed}
    assert run("verify", tmp_path / "r2027" / "manifest.json")[::2] == (0, "")


def sha_of(run_folder: Path) -> str:
    return json.loads((run_folder / "manifest.json").read_text(encoding="utf-8"))["outputs"]["allocation.csv"][
        "sha256"]


def test_a_backup_named_by_ledger_is_also_the_ledger_the_run_counted(years: Years, tmp_path: Path) -> None:
    """An auditor's review: `verify --ledger 台账-备份.sqlite`, the help's own example, checked the publication in the
    backup but did not re-run with it: a run that counted the ledger, moved since, was "missing" — and the sentence
    did not say what would find it."""
    ledger, _, r2027 = copy_of(years, tmp_path)
    assert run("publish", r2027, "--ledger", ledger)[0] == 0
    backup = tmp_path / "备份" / "台账-备份.sqlite"
    backup.parent.mkdir()
    shutil.copy(ledger, backup)
    ledger.unlink()
    manifest = r2027 / "manifest.json"
    code, out, err = run("verify", manifest, "--ledger", backup)
    assert (code, err) == (0, f"the award ledger ../台账.sqlite is not where the run recorded it: read {backup}, whose "
                              "first 129 entries are the same (their hash chain)\n"), out
    code, _, err = run("verify", manifest)
    assert (code, err.splitlines()[1:]) == (4, [
        f"  the award ledger ../台账.sqlite is missing (looked for {ledger}, then 台账.sqlite beside the manifest): if "
        "the ledger was moved or renamed, give the folder it is in with --inputs (found by its first 129 entries)"])
    other = tmp_path / "另一台账.sqlite"
    assert run("ledger", "init", other)[0] == 0
    code, _, err = run("verify", manifest, "--ledger", other)
    assert (code, err.splitlines()[1:]) == (4, [
        f"  the award ledger ../台账.sqlite is missing (looked for {ledger}, then 台账.sqlite beside the manifest, "
        f"then {other} given by --ledger (its first 129 entries are not those the run counted)): if the ledger was "
        "moved or renamed, give the folder it is in with --inputs (found by its first 129 entries)"])
    code, _, err = run("verify", manifest, "--ledger", other, lang="zh")
    assert err.splitlines()[1:] == [
        f"  资助台账 ../台账.sqlite 找不到（已查找 {ledger}，以及 manifest.json 所在文件夹中的 台账.sqlite，"
        f"以及 --ledger 给出的 {other}（其前129条记录不是该次运行所计的））：如台账已移走或改名，"
        "请用 --inputs 给出其所在文件夹（按前129条记录查找）"]


def test_a_renamed_backup_of_the_ledger_is_found_under_inputs_by_its_chain(years: Years, tmp_path: Path) -> None:
    """An auditor's review: a backup named as docs/ledger.md's recipe names it (台账-备份.sqlite) was not found under
    --inputs, and the sentence spoke of a file with the ledger's SHA-256, which no ledger file has."""
    ledger, _, r2027 = copy_of(years, tmp_path)
    inbox = tmp_path / "收到的材料"
    inbox.mkdir()
    (inbox / "说明.txt").write_text("备份", encoding="utf-8")
    code, _, err = run("verify", r2027 / "manifest.json", "--inputs", inbox)
    assert code == 0, err  # the ledger where recorded: --inputs not needed
    ledger.rename(inbox / "台账-备份.sqlite")
    code, _, err = run("verify", r2027 / "manifest.json", "--inputs", inbox)
    assert code == 0, err
    assert f"read {inbox / '台账-备份.sqlite'}, whose first 129 entries are the same (their hash chain)" in err
    (inbox / "台账-备份.sqlite").unlink()
    code, _, err = run("verify", r2027 / "manifest.json", "--inputs", inbox)
    assert code == 4
    assert f"then a ledger in {inbox} whose first 129 entries are the same (their hash chain))" in err


def test_a_published_run_saved_under_the_apps_download_names_is_verified_as_it_is(years: Years,
                                                                                     tmp_path: Path) -> None:
    """A review: the files saved as the app names its downloads (<运行编号>-复核清单.json, -公示名单.xlsx …) verified
    though the list had been edited — verify looked only for notice.xlsx beside the manifest."""
    from optimizer.reading.run_folder import download_name

    _, r2026, _ = copy_of(years, tmp_path)
    saved = tmp_path / "下载"
    saved.mkdir()
    for name in ("manifest.json", "allocation.csv", "allocation.xlsx", "report.html", "notice.xlsx", "awards.json"):
        shutil.copy(r2026 / name, saved / download_name("20261207-070658-312dde", name, "zh"))
    manifest = saved / "20261207-070658-312dde-复核清单.json"
    code, _, err = run("verify", manifest, "--ledger", tmp_path / "台账.sqlite")
    assert code == 0, err
    notice = saved / "20261207-070658-312dde-公示名单.xlsx"
    notice.write_bytes(notice.read_bytes() + b"\0")
    code, _, err = run("verify", manifest, "--ledger", tmp_path / "台账.sqlite")
    assert code == 4 and "the 20261207-070658-312dde-公示名单.xlsx beside manifest.json is not the file" in err


def test_a_renamed_ledger_found_under_inputs_is_the_one_the_publication_is_checked_in(years: Years,
                                                                                        tmp_path: Path) -> None:
    """A review: verify read a renamed backup for the re-run, then said it could not find the ledger to check the
    published awards in; and a ledger shortened since, its count rewritten, was sent to `ledger check`, which found
    nothing."""
    ledger, r2026, _ = copy_of(years, tmp_path)
    inbox = tmp_path / "收到的材料"
    inbox.mkdir()
    ledger.rename(inbox / "台账备份 2026.sqlite")
    code, _, err = run("verify", r2026 / "manifest.json", "--inputs", inbox)
    assert code == 0 and "not checked" not in err, err
    backup = inbox / "台账备份 2026.sqlite"
    with closing(unguarded(backup, "DELETE FROM entries WHERE seq > 100")) as db, db:
        db.execute("UPDATE meta SET value = '100' WHERE key = 'count'")
        db.execute("UPDATE meta SET value = (SELECT hash FROM entries WHERE seq = 100) WHERE key = 'head'")
    assert run("ledger", "check", backup)[0] == 0  # the ledger alone cannot tell
    code, _, err = run("verify", r2026 / "manifest.json", "--inputs", inbox)
    assert code == 4
    assert f"the award ledger {backup} holds 100 entries, 127 after the 公示: entries were removed since" in err


def test_a_publication_before_awards_json_pinned_the_ledger_still_verifies(years: Years, tmp_path: Path) -> None:
    """awards.json written before December 2026 had no "ledger": the run's awards are still checked in the ledger
    it counted."""
    ledger, r2026, _ = copy_of(years, tmp_path)
    document = json.loads((r2026 / "awards.json").read_text(encoding="utf-8"))
    del document["ledger"]
    (r2026 / "awards.json").write_text(json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    assert run("verify", r2026 / "manifest.json")[0] == 0
    unguarded(ledger, "UPDATE entries SET amount = amount - 100 WHERE seq = 5").close()
    code, _, err = run("verify", r2026 / "manifest.json")
    assert code == 4 and "entry 5 of the award ledger" in err and "is not the award the run published" in err


def rehash(ledger: Path) -> None:
    """What a forger does after changing an entry: every hash recomputed from it on, and the ledger's own record."""
    with closing(unguarded(ledger)) as db, db:
        names = [row[1] for row in db.execute("PRAGMA table_info(entries)")]
        head = GENESIS
        for values in db.execute("SELECT * FROM entries ORDER BY seq").fetchall():
            raw = dict(zip(names, values, strict=True))
            award = award_from(raw)
            assert award is not None
            digest = entry_hash(raw["seq"], award, raw["recorded_at"], head, raw.get("notice"))
            db.execute("UPDATE entries SET prev_hash = ?, hash = ? WHERE seq = ?", (head, digest, raw["seq"]))
            head = digest
        db.execute("UPDATE meta SET value = ? WHERE key = 'head'", (head,))


def test_an_empty_ledger_a_run_counted_is_not_needed_to_verify_it(years: Years, tmp_path: Path) -> None:
    # an auditor's review: a 2026 run made with the new, empty ledger, handed on without it, did not verify — and
    # any empty ledger put beside it was "the one with the same SHA-256"
    ledger, r2026, r2027 = copy_of(years, tmp_path)
    ledger.unlink()
    code, out, err = run("verify", r2026 / "manifest.json")
    assert (code, err) == (0, "the award ledger ../台账.sqlite is not found: it held no entries when the run counted "
                              f"it, so an empty one is counted\nthe award ledger {r2026}/../台账.sqlite is not found: "
                              "its record of the run's awards was not checked (name the ledger with --ledger)\n"), out
    assert run("audit", "--manifest", r2026 / "manifest.json", r2026 / "allocation.csv")[0] == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(years.ledger, elsewhere / "台账.sqlite")  # the grown ledger, found by its first entries
    code, _, err = run("verify", r2027 / "manifest.json", "--inputs", elsewhere)
    assert (code, err) == (0, f"the award ledger ../台账.sqlite is not where the run recorded it: read {elsewhere}/台账"
                              ".sqlite, whose first 129 entries are the same (their hash chain)\n")


def test_audit_with_the_runs_manifest_counts_its_ledger(years: Years) -> None:
    code, out, err = run("audit", "--manifest", years.r2027 / "manifest.json", years.r2027 / "allocation.csv")
    assert code == 0, out + err
    code, out, err = run("audit", DATA / "sample_applications_2027.xlsx", years.r2027 / "allocation.csv",
                         "--scenario", DATA / "scenario_2027.toml")
    assert code == 4  # without the ledger, the entitlements it reduced look wrong: the reasons say why
    assert err.startswith("the allocation's reasons speak of the award ledger (row ")
    assert err.endswith("it was made counting the ledger; give --ledger LEDGER, or audit it with --manifest\n")
    code, out, err = run("audit", DATA / "sample_applications_2027.xlsx", years.r2027 / "allocation.csv",
                         "--scenario", DATA / "scenario_2027.toml", "--ledger", years.ledger)
    assert code == 0, out + err


# --- the ledger itself


def test_ledger_check_names_a_changed_entry_and_exits_4(years: Years, tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    assert run("ledger", "check", ledger) == (0, f"the award ledger {ledger} is intact: 129 entries, hash chain "
                                                 f"unbroken (the last one's hash {read_ledger(ledger).head})\n",
                                              "")
    with sqlite3.connect(ledger) as db:
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            db.execute(f'DROP TRIGGER "{name}"')
        db.execute("UPDATE entries SET amount = 1 WHERE seq = 3")
    code, _, err = run("ledger", "check", ledger)
    assert code == 4
    assert err.splitlines()[0].startswith(f"{ledger.name}: entry 3 was changed (")
    assert err.splitlines()[-1] == f"the award ledger {ledger} is not intact: 1 finding(s)"
    code, _, err = allocate_2027(tmp_path, ledger, "again")
    assert code == 4 and "台账.sqlite：第3条记录已被修改（" in err  # a broken ledger is never counted


def test_ledger_show_lists_and_filters_and_writes_csv(years: Years) -> None:
    code, out, _ = run("ledger", "show", years.ledger, "--credit-code", "91500236mafacgjyc9")
    assert code == 0
    assert out.splitlines()[-1] == "1 entries, 3,000,000 yuan in all"
    assert "2026-0424" in out and "缙云医药-一号工厂" in out
    # a review: a full-width code found nothing, and a code that is none said "0 entries" (exit 0)
    assert run("ledger", "show", years.ledger, "--credit-code", "９１５００２３６ＭＡＦＡＣＧＪＹＣ９")[1] == out
    assert run("ledger", "show", years.ledger, "--credit-code", "123")[::2] == (
        2, "credit_code: '123' must have 18 characters, found 3\n")
    code, out, _ = run("ledger", "show", years.ledger, "--csv")
    table = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(table) == 129 and table[-1]["policy"] == OTHER and table[-1]["amount"] == "1000000"
    assert sum(int(r["amount"]) for r in table) == 194_999_910 + 1_300_000
    assert list(table[0])[-1] == "notice"  # the 公示 list's SHA-256 each published award's entry pins; none imported
    assert {len(r["notice"]) for r in table if r["policy"] != OTHER} == {64} and table[-1]["notice"] == ""


def test_importing_the_same_awards_twice_is_refused(years: Years, tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    code, _, err = run("ledger", "import", ledger, DATA / "awards_other_policy_2026.xlsx", "--policy", OTHER)
    assert code == 2
    assert err.splitlines()[0] == (f"{ledger}: awards_other_policy_2026.xlsx holds an award the ledger already "
                                   f"records (entry 128, '{OTHER}'): 91500106MA7L4Q8GYA, content "
                                   "'嘉陵装备-数字化改造', 300,000 yuan, paid on 2026-11-20: an award is not imported "
                                   "twice")
    code, _, err = run("ledger", "import", ledger, DATA / "awards_other_policy_2026.xlsx", "--policy", "市级技改专项")
    assert code == 2 and f"(entry 128, '{OTHER}')" in err  # under another name, the same payment all the same
    assert read_ledger(ledger).count == 129


def test_the_payment_record_of_an_award_published_here_is_refused_as_the_same_award(years: Years,
                                                                                      tmp_path: Path) -> None:
    # a review: the finance system's 拨付 export of 2026-0424 (published, so dateless) was imported as another award,
    # and the enterprise lost 300万 of its period cap in 2027
    ledger, _, _ = copy_of(years, tmp_path)
    paid = write_cells(tmp_path / "拨付.xlsx", [["统一社会信用代码", "事项标识", "金额（万元）", "拨付日期"],
                                               ["91500236MAFACGJYC9", "缙云医药－一号工厂", 300, "2026-12-01"]])
    code, _, err = run("ledger", "import", ledger, paid, "--policy", "渝经信规范(2026)2号")
    assert (code, err) == (2, f"{ledger}: 拨付.xlsx holds an award the ledger records as published (entry 126, 2026, "
                              "application 2026-0424): 91500236MAFACGJYC9, content '缙云医药－一号工厂', 3,000,000 "
                              "yuan: its payment record is not imported, or it would count twice\n")
    assert read_ledger(ledger).count == 129
    assert run("ledger", "import", ledger, paid, "--policy", OTHER)[0] == 0  # another policy's: another award


def test_a_ledger_is_never_created_by_mistake_or_replaced(tmp_path: Path) -> None:
    missing = tmp_path / "没有.sqlite"
    code, _, err = run("allocate", DATA / "sample_applications.xlsx", "--budget", "1亿", "--ledger", missing,
                       "--out", tmp_path / "out")
    assert code == 2 and str(missing.name) in err and not missing.exists()
    (tmp_path / "x.sqlite").write_text("not a ledger")
    code, _, err = run("ledger", "init", tmp_path / "x.sqlite")
    assert code == 2 and (tmp_path / "x.sqlite").read_text() == "not a ledger"


# --- corrections (核减、撤销): an entry of their own; everything counts the award as it then stands


def seq_of(ledger: Path, application_id: str) -> int:
    return next(e.seq for e in read_ledger(ledger).entries if e.award.application_id == application_id)


def test_a_revoked_award_no_longer_counts_and_the_run_before_still_verifies(years: Years, tmp_path: Path) -> None:
    ledger, _, r2027 = copy_of(years, tmp_path)
    seq = seq_of(ledger, "2026-0424")
    code, out, err = run("ledger", "correct", ledger, seq, "--to", "0", "--basis", "渝经信发〔2027〕5号：公示异议成立",
                         "--on", date.today().isoformat(), lang="zh")
    assert (code, err) == (0, "")
    assert out == (f"已在资助台账 {ledger} 记入第130条记录：撤销第126条资助（重庆缙云医药股份有限公司，"
                   "91500236MAFACGJYC9，渝经信规范〔2026〕2号，2026年度，原3,000,000元），依据：渝经信发〔2027〕5号："
                   "公示异议成立（现共130条记录）\n")
    assert check_ledger(ledger) == () and read_ledger(ledger).stands_at(seq) == 0
    assert allocate_2027(tmp_path, ledger, "again")[0] == 0
    row = rows(tmp_path / "again")["2027-0207"]
    assert (row["status"], row["entitlement"]) != ("DUPLICATE", "0") and "台账" not in row["reason"]
    assert run("audit", DATA / "sample_applications_2027.xlsx", tmp_path / "again" / "allocation.csv", "--scenario",
               DATA / "scenario_2027.toml", "--ledger", ledger)[0] == 0
    assert run("verify", r2027 / "manifest.json")[0] == 0  # it counted the 129 entries before the correction


def test_a_lowered_award_is_deducted_as_it_stands(years: Years, tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    seq = seq_of(ledger, "2026-0012")  # 169,900 under 11b in 2026; 2027-0137 asks under 11a for the same content
    assert run("ledger", "correct", ledger, seq, "--to", "10万", "--basis", "验收核减")[0] == 0
    assert allocate_2027(tmp_path, ledger, "again")[0] == 0
    row = rows(tmp_path / "again")["2027-0137"]
    assert row["entitlement"] == str(500_000 - 100_000)
    assert ("扣除台账记录的已获资助100,000元（渝经信规范〔2026〕2号2026年度资助100,000元（2026-0012，原169,900元，"
            "已核减））") in row["reason"]  # the 2026 notice said 169,900: the reason says why 100,000 counts


def test_the_period_cap_counts_an_award_as_it_stands(years: Years, tmp_path: Path) -> None:
    from optimizer.jobs.inputs import ledger_of

    ledger, _, _ = copy_of(years, tmp_path)
    seq = seq_of(ledger, "2026-0424")
    before = ledger_of(ledger).prior.earlier("渝经信规范〔2026〕2号")["91500236MAFACGJYC9"]
    optimizer.correct_award(ledger, seq, to="100万", basis="追回200万")
    after = ledger_of(ledger).prior.earlier("渝经信规范〔2026〕2号")["91500236MAFACGJYC9"]
    assert before - after == 2_000_000


def test_a_correction_previewed_is_the_one_recorded_and_writes_nothing(years: Years, tmp_path: Path) -> None:
    """What the app's confirmation page shows before a 核减 is recorded (a finance officer's review: it was saved in
    one click): the library's own checks, nothing written."""
    ledger, _, _ = copy_of(years, tmp_path)
    seq = seq_of(ledger, "2026-0424")
    before = ledger.read_bytes()
    seen = optimizer.correct_award(ledger, seq, to="100万", basis="追回200万", preview=True)
    assert ledger.read_bytes() == before and read_ledger(ledger).count == 129
    assert (seen.before, seen.after, seen.entry.seq, seen.award_entry.seq) == (3_000_000, 1_000_000, 130, seq)
    recorded = optimizer.correct_award(ledger, seq, to="100万", basis="追回200万")
    assert recorded.entry.award == seen.entry.award
    assert seen.summary().text("zh").startswith(f"将在资助台账 {ledger} 记入第130条记录（尚未记入）：核减第{seq}条资助")
    assert recorded.summary().text("zh").startswith(f"已在资助台账 {ledger} 记入第130条记录：核减第{seq}条资助")
    with pytest.raises(optimizer.InputError) as caught:  # refused as recording it would be
        optimizer.correct_award(ledger, seq, to="100万", basis="x", preview=True)
    assert caught.value.problems[0].code == "ledger.correction.no_change"


def test_a_correction_refused_says_why_and_changes_nothing(years: Years, tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    code, out, err = run("ledger", "correct", ledger, 3, "--to", "1.5万元x", "--basis", " ", "--on", "2099-01-01")
    assert (code, out) == (2, "")
    assert err == ("--to: the amount after the correction must be whole yuan, 0 or more (1000000, 100万), not "
                   "'1.5万元x'\n--basis: give the correction's basis (the decision's document number, the outcome "
                   "of an objection)\n--on: the correction's date must be a date, today or before (YYYY-MM-DD), not "
                   "'2099-01-01'\n")
    code, _, err = run("ledger", "correct", ledger, 3, "--to", "300万", "--basis", "x", lang="zh")
    assert (code, err) == (2, "台账.sqlite：第3条资助现为3,000,000元，与更正后的金额相同：无需更正\n")
    code, _, err = run("ledger", "correct", ledger, 3, "--to", "300.0001万", "--basis", "x", lang="zh")
    assert (code, err) == (2, "台账.sqlite：第3条资助的公示金额为3,000,000元（现为3,000,000元）：更正后的金额不能高于"
                              "公示金额\n")
    code, _, err = run("ledger", "correct", ledger, 128, "--to", "40万", "--basis", "x")  # imported: 300,000
    assert (code, err) == (2, "台账.sqlite: the amount imported of entry 128 is 300,000 yuan (it stands at 300,000 "
                              "now): a correction cannot raise it above that\n")
    code, _, err = run("ledger", "correct", ledger, 500, "--to", "0", "--basis", "x")
    assert (code, err) == (2, "台账.sqlite: has no entry 500 (129 entries)\n")
    assert run("ledger", "correct", ledger, 3, "--to", "0.5", "--basis", "x")[0] == 2  # half a yuan
    assert run("ledger", "correct", ledger, 0, "--to", "0", "--basis", "x")[0] == 2
    assert read_ledger(ledger).count == 129
    with pytest.raises(optimizer.InputError) as caught:
        optimizer.correct_award(ledger, True, to=-1, basis="x" * 501, on="tomorrow")  # type: ignore[arg-type]
    assert [p.file for p in caught.value.problems] == ["to", "basis", "seq", "on"]


def test_ledger_show_says_what_each_correction_corrects_and_the_csv_holds_it(years: Years, tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    seq = seq_of(ledger, "2026-0424")
    basis = "渝经信发〔2027〕5号：公示异议部分成立，核减200万"
    corrected = optimizer.correct_award(ledger, seq, to=1_000_000, basis=basis)
    assert (corrected.before, corrected.after, corrected.entry.seq) == (3_000_000, 1_000_000, 130)
    code, out, _ = run("ledger", "show", ledger, "--credit-code", "91500236MAFACGJYC9", lang="zh")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["序号", "政策", "年度", "统一社会信用代码", "申报单位", "事项标识",
                                              "申报编号", "金额（元）", "说明"]
    assert lines[2].endswith("3,000,000  核减后为1,000,000元")
    assert lines[3].endswith(f"-2,000,000  核减第126条（{date.today()}）：渝经信发〔2027〕5号：公示异议部分成立，核…")
    assert lines[-1] == "共2条记录，合计1,000,000元"
    code, out, _ = run("ledger", "show", ledger, "--csv")
    table = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert (table[-1]["corrects"], table[-1]["basis"], table[-1]["amount"], table[-1]["awarded_on"]) == (
        "126", "渝经信发〔2027〕5号：公示异议部分成立，核减200万", "-2000000", date.today().isoformat())
    assert (table[0]["corrects"], table[0]["basis"]) == ("", "")


def test_the_payment_record_of_a_lowered_published_award_is_the_same_award(years: Years, tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    optimizer.correct_award(ledger, seq_of(ledger, "2026-0424"), to=1_000_000, basis="核减")
    paid = write_cells(tmp_path / "拨付.xlsx", [["统一社会信用代码", "事项标识", "金额（万元）", "拨付日期"],
                                               ["91500236MAFACGJYC9", "缙云医药-一号工厂", 100, "2027-04-01"]])
    code, _, err = run("ledger", "import", ledger, paid, "--policy", "渝经信规范〔2026〕2号")
    assert code == 2 and "records as published (entry 126, 2026, application 2026-0424)" in err
    assert read_ledger(ledger).count == 130


def test_a_publish_overtaken_by_a_correction_records_nothing(years: Years, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Another officer's correction lands while publish writes the notice: the run never counted it, so nothing is
    recorded (publishing again says why: the run did not count the ledger as it now stands)."""
    import optimizer.jobs.publish as publishing

    ledger, _, r2027 = copy_of(years, tmp_path)
    real = publishing.write_all

    def meanwhile(folder: Path, files: dict[str, bytes]) -> object:
        written = real(folder, files)
        optimizer.correct_award(ledger, 3, to=0, basis="另一处室同时撤销")
        return written

    monkeypatch.setattr(publishing, "write_all", meanwhile)
    with pytest.raises(optimizer.InputError) as refused:
        optimizer.publish(r2027, ledger)
    assert refused.value.problems[0].code == "ledger.changed_meanwhile"
    assert read_ledger(ledger).count == 130
    assert not (r2027 / "notice.xlsx").exists() and not (r2027 / "awards.json").exists()  # nothing was published
    monkeypatch.setattr(publishing, "write_all", real)
    code, _, err = run("publish", r2027, "--ledger", ledger)
    assert code == 2 and "130" in err and read_ledger(ledger).count == 130


def test_the_payment_record_of_an_award_at_any_amount_it_stood_at_is_the_same_award(years: Years,
                                                                                   tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    imported = next(e for e in read_ledger(ledger).entries if e.award.credit_code == "91500233MACGN0PF5U"
                    and e.award.application_id is None)
    assert (imported.award.amount, str(imported.award.awarded_on)) == (1_000_000, "2026-09-15")
    optimizer.correct_award(ledger, imported.seq, to=400_000, basis="追回60万")
    resent = write_cells(tmp_path / "重发.xlsx", [["统一社会信用代码", "事项标识", "金额（元）", "拨付日期"],
                                                ["91500233MACGN0PF5U", imported.award.content_key, 400_000,
                                                 "2026-09-15"]])
    code, _, err = run("ledger", "import", ledger, resent, "--policy", OTHER)
    assert code == 2 and "holds an award the ledger already records" in err
    published = seq_of(ledger, "2026-0012")  # 169,900, lowered twice; paid between the two decisions
    optimizer.correct_award(ledger, published, to=100_000, basis="验收核减")
    optimizer.correct_award(ledger, published, to=50_000, basis="再次核减")
    paid = write_cells(tmp_path / "拨付.xlsx", [["统一社会信用代码", "事项标识", "金额（元）", "拨付日期"],
                                               [read_ledger(ledger).entries[published - 1].award.credit_code,
                                                read_ledger(ledger).entries[published - 1].award.content_key,
                                                100_000, "2026-12-01"]])
    code, _, err = run("ledger", "import", ledger, paid, "--policy", "渝经信规范〔2026〕2号")
    assert code == 2 and f"records as published (entry {published}, 2026, application 2026-0012)" in err
    assert read_ledger(ledger).count == 132


def test_a_basis_on_several_lines_is_refused(years: Years, tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    code, _, err = run("ledger", "correct", ledger, 3, "--to", "0", "--basis", "第一行\n第二行\x07")
    assert (code, err) == (2, "--basis: the correction's basis must not hold line breaks or other control characters\n")


# --- a correction recorded by mistake put right (调增、恢复): an entry of its own; the award counts as it then stands


def test_a_lowering_typed_wrong_is_raised_again_and_the_award_counts_as_it_then_stands(years: Years,
                                                                                      tmp_path: Path) -> None:
    """1万 typed for 10万: the 2026 award of 169,900 lowered to 10,000 by mistake is raised to the 100,000 decided,
    then — the lowering overturned — restored to 169,900; each year's reasons, the period cap and the audit count it
    as it stands, and once restored 2027 is allocated exactly as if nothing had been corrected."""
    from optimizer.jobs.inputs import ledger_of

    ledger, _, r2027 = copy_of(years, tmp_path)
    seq = seq_of(ledger, "2026-0012")
    award = read_ledger(ledger).entries[seq - 1].award
    who = f"{award.applicant}，{award.credit_code}，渝经信规范〔2026〕2号，2026年度"
    cap = ledger_of(ledger).prior.earlier("渝经信规范〔2026〕2号")[award.credit_code]
    assert run("ledger", "correct", ledger, seq, "--to", "1万", "--basis", "验收核减")[0] == 0  # meant 10万
    code, out, err = run("ledger", "correct", ledger, seq, "--to", "10万", "--basis", "更正第130条录入错误",
                         "--on", date.today().isoformat(), lang="zh")
    assert (code, err) == (0, "")
    assert out == (f"已在资助台账 {ledger} 记入第131条记录：调增第{seq}条资助（{who}），由10,000元增为100,000元"
                   "（原资助金额169,900元），依据：更正第130条录入错误（现共131条记录）\n")
    assert check_ledger(ledger) == () and read_ledger(ledger).stands_at(seq) == 100_000
    assert ledger_of(ledger).prior.earlier("渝经信规范〔2026〕2号")[award.credit_code] == cap - 69_900
    assert allocate_2027(tmp_path, ledger, "raised")[0] == 0
    row = rows(tmp_path / "raised")["2027-0137"]
    assert row["entitlement"] == str(500_000 - 100_000)
    assert ("扣除台账记录的已获资助100,000元（渝经信规范〔2026〕2号2026年度资助100,000元（2026-0012，原169,900元，"
            "已核减））") in row["reason"]
    assert run("audit", DATA / "sample_applications_2027.xlsx", tmp_path / "raised" / "allocation.csv",
               "--scenario", DATA / "scenario_2027.toml", "--ledger", ledger)[0] == 0
    code, out, _ = run("ledger", "show", ledger, "--credit-code", award.credit_code, lang="zh")
    shown = {line.split()[0]: line for line in out.splitlines()[2:-1]}
    assert shown[str(seq)].endswith("169,900  核减后为100,000元")
    assert shown["130"].endswith(f"-159,900  核减第{seq}条（{date.today()}）：验收核减")
    assert shown["131"].endswith(f"90,000  调增第{seq}条（{date.today()}）：更正第130条录入错误")
    code, out, err = run("ledger", "correct", ledger, seq, "--to", "169900", "--basis",
                         "渝经信发〔2027〕9号：核减决定撤销")
    assert (code, err) == (0, "")
    assert out == (f"recorded entry 132 in the award ledger {ledger}: award {seq} ({award.applicant}, "
                   f"{award.credit_code}, 渝经信规范〔2026〕2号, 2026) restored from 100,000 to the 169,900 yuan first "
                   "granted, on the basis of: 渝经信发〔2027〕9号：核减决定撤销 (132 entries now)\n")
    assert ledger_of(ledger).prior.earlier("渝经信规范〔2026〕2号")[award.credit_code] == cap
    code, out, _ = run("ledger", "show", ledger, "--credit-code", award.credit_code, lang="zh")
    assert f"恢复第{seq}条（{date.today()}）：渝经信发〔2027〕9号：核减决定撤销" in out and "已恢复为原金额" in out
    assert allocate_2027(tmp_path, ledger, "restored")[0] == 0
    assert (tmp_path / "restored" / "allocation.csv").read_bytes() == (r2027 / "allocation.csv").read_bytes()
    assert run("audit", DATA / "sample_applications_2027.xlsx", tmp_path / "restored" / "allocation.csv",
               "--scenario", DATA / "scenario_2027.toml", "--ledger", ledger)[0] == 0
    assert run("verify", r2027 / "manifest.json")[0] == 0  # it counted the 129 entries before the corrections


def test_a_revoked_award_is_restored_by_the_command_and_counts_again(years: Years, tmp_path: Path) -> None:
    ledger, _, r2027 = copy_of(years, tmp_path)
    seq = seq_of(ledger, "2026-0424")
    assert run("ledger", "correct", ledger, seq, "--to", "0", "--basis", "公示异议成立")[0] == 0
    code, _, err = run("ledger", "correct", ledger, seq, "--to", "0", "--basis", "x", lang="zh")
    assert (code, err) == (2, f"台账.sqlite：第{seq}条资助已撤销（现为0元），不能再核减；撤销有误的，可将其恢复，至多为"
                              "原资助金额3,000,000元\n")
    code, _, err = run("ledger", "correct", ledger, 130, "--to", "300万", "--basis", "x", lang="zh")
    assert (code, err) == (2, f"台账.sqlite：第130条是一条更正记录（更正第{seq}条）：要再更正该资助，请写第{seq}条\n")
    code, _, err = run("ledger", "correct", ledger, seq, "--to", "400万", "--basis", "x")
    assert (code, err) == (2, f"台账.sqlite: the published amount of entry {seq} is 3,000,000 yuan (it stands at 0 "
                              "now): a correction cannot raise it above that\n")
    seen = optimizer.correct_award(ledger, seq, to="300万", basis="异议复核不成立", preview=True)
    assert (seen.before, seen.after, seen.kind, read_ledger(ledger).count) == (0, 3_000_000, "restored", 130)
    assert seen.summary().text("zh") == (f"将在资助台账 {ledger} 记入第131条记录（尚未记入）：恢复第{seq}条资助"
                                         "（重庆缙云医药股份有限公司，91500236MAFACGJYC9，渝经信规范〔2026〕2号，"
                                         "2026年度），由0元恢复为原资助金额3,000,000元，依据：异议复核不成立")
    code, out, err = run("ledger", "correct", ledger, seq, "--to", "300万", "--basis",
                         "渝经信发〔2027〕6号：异议复核不成立", lang="zh")
    assert (code, err) == (0, "")
    assert out == (f"已在资助台账 {ledger} 记入第131条记录：恢复第{seq}条资助（重庆缙云医药股份有限公司，"
                   "91500236MAFACGJYC9，渝经信规范〔2026〕2号，2026年度），由0元恢复为原资助金额3,000,000元，"
                   "依据：渝经信发〔2027〕6号：异议复核不成立（现共131条记录）\n")
    code, _, err = run("ledger", "correct", ledger, seq, "--to", "3000000", "--basis", "x", lang="zh")
    assert (code, err) == (2, f"台账.sqlite：第{seq}条资助现为3,000,000元，与更正后的金额相同：无需更正\n")
    assert check_ledger(ledger) == () and read_ledger(ledger).count == 131
    assert allocate_2027(tmp_path, ledger, "again")[0] == 0
    assert (tmp_path / "again" / "allocation.csv").read_bytes() == (r2027 / "allocation.csv").read_bytes()
    assert rows(tmp_path / "again")["2027-0207"]["status"] == "DUPLICATE"  # the 2026 award counts again


def test_a_raise_above_the_published_amount_is_what_ledger_check_names(years: Years, tmp_path: Path) -> None:
    ledger, _, _ = copy_of(years, tmp_path)
    seq = seq_of(ledger, "2026-0424")
    optimizer.correct_award(ledger, seq, to="100万", basis="核减")
    optimizer.correct_award(ledger, seq, to="300万", basis="恢复")  # up to what was published: budgetopt writes it
    assert run("ledger", "check", ledger)[0] == 0
    with closing(sqlite3.connect(ledger)) as db:
        db.row_factory = sqlite3.Row
        last = dict(db.execute("SELECT * FROM entries WHERE seq = 131").fetchone())
    forged = {**last, "seq": 132, "amount": 1, "prev_hash": last["hash"]}  # a yuan above the 公示 amount
    del forged["hash"]
    keys = [*(n for n in forged if n != "notice")]
    text = json.dumps({k: forged[k] for k in keys}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    forged["hash"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with closing(unguarded(ledger)) as db:
        db.execute("INSERT INTO entries ({}) VALUES ({})".format(", ".join(f'"{k}"' for k in forged),
                                                                ", ".join("?" * len(forged))), tuple(forged.values()))
        db.execute("UPDATE meta SET value = ? WHERE key = 'head'", (forged["hash"],))
        db.execute("UPDATE meta SET value = '132' WHERE key = 'count'")
        db.commit()
    code, _, err = run("ledger", "check", ledger, lang="zh")
    assert code == 4
    assert err.splitlines()[0] == ("台账.sqlite：第132条记录不是 budgetopt 能写下的更正（91500236MAFACGJYC9，"
                                   "2026-0424，1元）：台账在 budgetopt 之外被改动过")
