"""`budgetopt audit` on the command line: compliant allocations exit 0 with their distance from the optimum,
tampered ones exit 4 with one line per violation, unreadable files exit 2."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from clirun import run_en as run
from helpers import ROOT

from optimizer.jobs.allocate import allocate
from optimizer.jobs.audit import audit, audit_run
from optimizer.jobs.verify import ManifestError
from optimizer.words import use_lang

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"
GOLDEN = ROOT / "tests" / "golden" / "sample_allocation.csv"


def test_our_allocation_is_compliant_and_optimal() -> None:
    code, out, err = run("audit", SAMPLE, GOLDEN, "--scenario", SCENARIO)
    assert code == 0, err
    assert out.splitlines() == [
        "audit of sample_allocation.csv against sample_applications.xlsx (2026 base case): 434 rows, "
        "194,999,910 allocated of 195,000,000 available",
        "compliant: every rule of the policy and the scenario holds.",
        "objective 18,497,016,561: as good as the optimum (18,497,016,561)",
    ]


def test_a_compliant_but_poorer_allocation_is_measured_against_the_optimum(tmp_path: Path) -> None:
    text = GOLDEN.read_text(encoding="utf-8-sig")
    line = next(x for x in text.splitlines() if ",FUNDED," in x and ",10," in x)  # a whole award of clause 10
    poorer = text.replace(line, line.replace(",500000,FUNDED,", ",0,UNFUNDED,"))
    (tmp_path / "poorer.csv").write_text(poorer, encoding="utf-8-sig")
    code, out, _ = run("audit", SAMPLE, tmp_path / "poorer.csv", "--scenario", SCENARIO)
    assert code == 0
    assert "below it" in out.splitlines()[-1] and "the optimum is 18,497,016,561" in out


def test_a_tampered_allocation_exits_4_naming_each_violation(tmp_path: Path) -> None:
    text = GOLDEN.read_text(encoding="utf-8-sig").replace("2026-0010,", "2026-0010,", 1)
    line = next(x for x in text.splitlines() if x.startswith("2026-0010,"))
    (tmp_path / "t.csv").write_text(text.replace(line, line.replace(",3000000,FUNDED,", ",3000100,FUNDED,")),
                                    encoding="utf-8-sig")
    code, out, _ = run("audit", SAMPLE, tmp_path / "t.csv", "--scenario", SCENARIO)
    assert code == 4
    lines = out.splitlines()
    assert lines[1] == ("2026-0010 (row 11): clause 7b: at most 10% of the actual investment (⌊10% × 45,190,500⌋ = "
                        "4,519,050), at most 3,000,000: allocated 3,000,100, above its ceiling 3,000,000 — "
                        "渝经信规范〔2026〕2号 clause 7b: 对先进级智能工厂项目，按照不超过项目实际投资额的10%，"
                        "依法依规给予最高300万元奖补。")
    assert lines[-1] == "2 violation(s): not compliant."
    assert lines[2].startswith("budget: budget less reserve: allocated 195,000,010 in total")


@pytest.mark.parametrize("total", ["合计,,,,,,490000000,194999910,,,,", "Grand total,,,,,,,194999910,,,,",
                                   ",, 合 计：,,,,,194999910,,,,"])
def test_a_row_of_totals_at_the_foot_is_left_out_and_said(tmp_path: Path, total: str) -> None:
    # an auditor's review: the 合计 row an officer adds was counted as an award, a budget overrun of 194,999,820
    text = GOLDEN.read_text(encoding="utf-8-sig")
    (tmp_path / "summed.csv").write_text(text + total + "\r\n", encoding="utf-8-sig")
    code, out, err = run("audit", SAMPLE, tmp_path / "summed.csv", "--scenario", SCENARIO)
    assert (code, err) == (0, "allocation row 436 is a row of totals: not counted\n"), out
    assert out.splitlines()[0].endswith(": 434 rows, 194,999,910 allocated of 195,000,000 available")


def test_a_row_with_a_status_or_an_id_is_never_taken_for_totals(tmp_path: Path) -> None:
    text = GOLDEN.read_text(encoding="utf-8-sig")
    (tmp_path / "more.csv").write_text(text + "合计,,,,,,,1,FUNDED,,,\r\n2026-9999,合计,,,,,,1,,,,\r\n",
                                       encoding="utf-8-sig")
    code, out, err = run("audit", SAMPLE, tmp_path / "more.csv", "--scenario", SCENARIO)
    assert code == 4 and not err
    assert sum("'合计' is not in the workbook" in line or "'2026-9999' is not in the workbook" in line
               for line in out.splitlines()) == 2, out


def wan_file(path: Path, header: str, cell: str) -> Path:
    """The sample's allocation as two columns, each award in 万元 written as `cell` says ({} for the number)."""
    rows = [line.split(",") for line in GOLDEN.read_text(encoding="utf-8-sig").splitlines()[1:]]
    body = "".join(f"{r[0]},{cell.format(format(int(r[7]) / 10_000, 'g'))}\r\n" for r in rows)
    path.write_text(f"application_id,{header}\r\n{body}", encoding="utf-8-sig")
    return path


def test_amounts_that_say_their_unit_are_read_so(tmp_path: Path) -> None:
    # an auditor's review: a cell 200万 was "not a number"
    code, out, err = run("audit", SAMPLE, wan_file(tmp_path / "a.csv", "allocated", "{}万"), "--scenario", SCENARIO)
    assert (code, err) == (0, ""), out


def test_awards_in_wan_under_a_header_without_unit_get_a_hint(tmp_path: Path) -> None:
    whole = wan_file(tmp_path / "a.csv", "allocated", "{}")
    whole.write_text("".join(line for line in whole.read_text(encoding="utf-8-sig").splitlines(keepends=True)
                             if "." not in line), encoding="utf-8-sig")  # whole 万元 only: read as yuan
    code, out, err = run("audit", SAMPLE, whole, "--scenario", SCENARIO)
    assert code == 4, out
    assert err == ("every award is below 10,000 yuan (the largest 500): if they are in 万元, say so in the header, "
                   "e.g. 'allocated (万元)'\n")
    code, out, err = run("audit", SAMPLE, wan_file(tmp_path / "c.csv", "allocated", "{}"), "--scenario", SCENARIO)
    assert code == 2 and err.endswith("is not a whole number of yuan (if the column is in 万元, say so in its header, "
                                      "e.g. 'allocated (万元)')\n"), err
    code, out, err = run("audit", SAMPLE, wan_file(tmp_path / "b.csv", "allocated (万元)", "{}"), "--scenario",
                         SCENARIO)
    assert (code, err) == (0, ""), out


def test_an_unreadable_allocation_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("application_id,allocated\nA,lots\n", encoding="utf-8")
    code, _, err = run("audit", SAMPLE, tmp_path / "a.csv", "--scenario", SCENARIO)
    assert code == 2
    assert "a.csv, row 2, column allocated: " in err


# --- what the command line prints, as phrases in either language


def test_the_summary_lines_are_phrases_in_either_language() -> None:
    result = audit(SAMPLE, GOLDEN, SCENARIO)
    _, out, _ = run("audit", SAMPLE, GOLDEN, "--scenario", SCENARIO)
    assert [result.summary().text("en"), result.verdict().text("en"), result.distance().text("en")] == out.splitlines()
    assert result.summary().text("zh") == ("审核 sample_allocation.csv（对照 sample_applications.xlsx，情景“2026 base "
                                           "case”）：共434行，已分配194,999,910元，可分配195,000,000元")
    assert result.verdict().text("zh") == "合规：政策和情景的每条规则均得到遵守。"
    assert result.distance().text("zh") == "目标值18,497,016,561：与最优值（18,497,016,561）一样好"


def test_the_distance_from_the_optimum_in_either_language(tmp_path: Path) -> None:
    text = GOLDEN.read_text(encoding="utf-8-sig")
    line = next(x for x in text.splitlines() if ",FUNDED," in x and ",10," in x)
    (tmp_path / "poorer.csv").write_text(text.replace(line, line.replace(",500000,FUNDED,", ",0,UNFUNDED,")),
                                         encoding="utf-8-sig")
    result = audit(SAMPLE, tmp_path / "poorer.csv", SCENARIO)
    _, out, _ = run("audit", SAMPLE, tmp_path / "poorer.csv", "--scenario", SCENARIO)
    assert result.distance().text("en") == out.splitlines()[-1]
    assert result.distance().text("zh").startswith("目标值18,4")
    assert "；最优值为18,497,016,561：本分配比最优值低" in result.distance().text("zh")
    assert result.distance().text("zh").endswith("%）")
    broken = audit(SAMPLE, tmp_path / "poorer.csv", SCENARIO, budget="1亿", optimum=False)
    assert broken.verdict().text("en") == f"{len(broken.violations)} violation(s): not compliant."
    assert broken.verdict().text("zh") == f"{len(broken.violations)}处违规：不合规。"


def test_an_allocation_above_the_tools_rounded_optimum_is_said_so_and_a_tiny_shortfall_shows() -> None:
    """Reviews: a compliant allocation 100 yuan more to one partial award was "as good as the optimum" beside a
    smaller figure (this tool rounds its optimum's partial awards down, CONTRACT §4.5); 100 yuan less showed 0.00%."""
    frame = allocate(SAMPLE, SCENARIO, budget="1.3亿").to_frame()
    partial = frame.index[frame["status"] == "PARTIAL"][0]
    richer = frame.copy()
    richer.loc[partial, "allocated"] += 100
    above = audit(SAMPLE, richer, SCENARIO, budget="1.3亿")
    assert above.ok and above.below_optimum is not None and above.below_optimum < 0
    said = above.distance().text("zh")
    assert said.startswith(f"目标值{above.objective.normalize():,f}：比本工具的结果（") and "高" in said
    assert "将每项部分资助向下取整到100元的倍数" in said
    poorer = frame.copy()
    poorer.loc[partial, "allocated"] -= 100
    said = audit(SAMPLE, poorer, SCENARIO, budget="1.3亿").distance().text("zh")
    assert re.search(r"本分配比最优值低[\d,]+（0\.0000\d\d%）$", said), said


# --- auditing against a run's own inputs, from its manifest


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run on copies of the sample workbook and scenario (2026 base case: minimum ratio 30%)."""
    folder = tmp_path_factory.mktemp("recorded")
    shutil.copy(SAMPLE, folder / "apps.xlsx")
    shutil.copy(SCENARIO, folder / "scenario.toml")
    allocate(folder / "apps.xlsx", folder / "scenario.toml").write(folder / "run", lang="zh")
    return folder


def edited(recorded: Path, to: Path) -> Path:
    """The run's allocation with 2026-0343's partial award of 1,202,600 cut to 100,000: below 30% of its 2,000,000."""
    text = (recorded / "run" / "allocation.csv").read_text(encoding="utf-8-sig")
    line = next(x for x in text.splitlines() if x.startswith("2026-0343,"))
    to.write_text(text.replace(line, line.replace(",2000000,1202600,PARTIAL,", ",2000000,100000,PARTIAL,")),
                  encoding="utf-8-sig")
    return to


def test_an_edited_allocation_is_checked_against_the_runs_own_scenario(recorded: Path, tmp_path: Path) -> None:
    allocation = edited(recorded, tmp_path / "edited.csv")
    assert audit(recorded / "apps.xlsx", allocation, budget="2亿", optimum=False).ok  # no scenario: no minimum ratio
    result = audit_run(recorded / "run" / "manifest.json", allocation, optimum=False)
    assert [v.message for v in result.violations] == [
        "2026-0343 (row 344): minimum funding ratio 30%: allocated 100,000, below 30% × 2,000,000 = 600,000 by "
        "500,000, at least one rounding unit (100) — scenario: min_funding_ratio"]
    assert result.violations[0].text("zh") == (
        "2026-0343（第344行）：最低资助比例30%：分配100,000元，低于30% × 2,000,000元 = 600,000元，差500,000元，"
        "达到一个取整单位（100元）以上——情景：最低资助比例（min_funding_ratio）")
    assert result.summary().text("en") == ("audit of edited.csv against apps.xlsx (2026 base case): 434 rows, "
                                           "193,897,310 allocated of 195,000,000 available")
    assert result.notes == ()


def test_the_runs_own_allocation_passes_against_its_manifest(recorded: Path) -> None:
    result = audit_run(recorded / "run" / "manifest.json", recorded / "run" / "allocation.csv")
    assert result.ok and result.below_optimum == 0


def test_a_mailed_run_is_audited_with_the_inputs_beside_its_manifest(recorded: Path, tmp_path: Path) -> None:
    shutil.copytree(recorded / "run", tmp_path / "run")
    shutil.copy(recorded / "apps.xlsx", tmp_path / "run" / "apps.xlsx")
    inbox = tmp_path / "inbox" / "情景"
    inbox.mkdir(parents=True)
    shutil.copy(recorded / "scenario.toml", inbox / "2026.toml")
    allocation = edited(recorded, tmp_path / "edited.csv")
    with pytest.raises(ManifestError) as caught:
        audit_run(tmp_path / "run" / "manifest.json", allocation)
    assert str(caught.value) == (f"{tmp_path / 'run' / 'manifest.json'}: the scenario ../scenario.toml is missing "
                                 f"(looked for {tmp_path / 'scenario.toml'}, then scenario.toml beside the manifest)")
    result = audit_run(tmp_path / "run" / "manifest.json", allocation, inputs=tmp_path / "inbox", optimum=False)
    assert [v.rule for v in result.violations] == ["min_ratio"]
    assert result.note_texts("en") == (
        f"the workbook ../apps.xlsx is not where the run recorded it: read {tmp_path / 'run' / 'apps.xlsx'}, which "
        "has its SHA-256",
        f"the scenario ../scenario.toml is not where the run recorded it: read {inbox / '2026.toml'}, which has its "
        "SHA-256")


def test_a_run_whose_inputs_changed_cannot_be_audited_against_them(recorded: Path, tmp_path: Path) -> None:
    shutil.copytree(recorded / "run", tmp_path / "run")
    shutil.copy(recorded / "apps.xlsx", tmp_path / "apps.xlsx")
    text = (recorded / "scenario.toml").read_text(encoding="utf-8")
    (tmp_path / "scenario.toml").write_text(text.replace("min_funding_ratio = 0.3", "min_funding_ratio = 0.1"),
                                            encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        audit_run(tmp_path / "run" / "manifest.json", recorded / "run" / "allocation.csv")
    assert str(caught.value).startswith(f"{tmp_path / 'run' / 'manifest.json'}: the scenario ../scenario.toml "
                                        "is not the version the run read (SHA-256 was ")
    with use_lang("zh"):
        assert str(caught.value).startswith(f"{tmp_path / 'run' / 'manifest.json'}：情景文件 ../scenario.toml "
                                            "不是该次运行所用的版本（SHA-256 原为 ")
    # an input changed since the run is a difference, exit 4 as verify and publish give; one missing, exit 2
    manifest = tmp_path / "run" / "manifest.json"
    assert run("audit", "--manifest", manifest, recorded / "run" / "allocation.csv")[0] == 4
    (tmp_path / "scenario.toml").unlink()
    assert run("audit", "--manifest", manifest, recorded / "run" / "allocation.csv")[0] == 2
