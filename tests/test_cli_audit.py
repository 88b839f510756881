"""`budgetopt audit` on the command line: compliant allocations exit 0 with their distance from the optimum,
tampered ones exit 4 with one line per violation, unreadable files exit 2."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from helpers import ROOT

from optimizer.cli import cli

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"
GOLDEN = ROOT / "tests" / "golden" / "sample_allocation.csv"


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


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


def test_an_unreadable_allocation_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("application_id,allocated\nA,lots\n", encoding="utf-8")
    code, _, err = run("audit", SAMPLE, tmp_path / "a.csv", "--scenario", SCENARIO)
    assert code == 2
    assert "a.csv" in err and "column status" in err
