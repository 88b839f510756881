"""`budgetopt verify` and the exported model: an untouched run reproduces; any changed byte is named."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import highspy
import pulp
import pytest
from click.testing import CliRunner
from helpers import ROOT

from optimizer.cli import cli
from optimizer.jobs import verify as verify_module

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    """A run on copies of the sample workbook and scenario, so that the test can change them."""
    shutil.copy(SAMPLE, tmp_path / "apps.xlsx")
    shutil.copy(SCENARIO, tmp_path / "scenario.toml")
    code, _, err = run("allocate", tmp_path / "apps.xlsx", "--scenario", tmp_path / "scenario.toml", "--out",
                       tmp_path / "run", "--export-model")
    assert code == 0, err
    return tmp_path


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
    assert "  the workbook ../apps.xlsx changed since the run (SHA-256 was " in err


def test_a_changed_scenario_is_named_and_its_effect_listed(recorded: Path) -> None:
    text = (recorded / "scenario.toml").read_text(encoding="utf-8").replace('budget = "2亿"', 'budget = "1.9亿"')
    (recorded / "scenario.toml").write_text(text, encoding="utf-8")
    code, _, err = run("verify", recorded / "run" / "manifest.json")
    assert code == 4
    lines = err.splitlines()
    assert any(line.startswith("  the scenario ../scenario.toml changed since the run") for line in lines)
    assert any(line.startswith("  the re-run's allocation.csv differs") for line in lines)
    assert any("published, " in line and "on re-running" in line for line in lines)


def test_a_changed_allocation_is_named(recorded: Path) -> None:
    path = recorded / "run" / "allocation.csv"
    path.write_bytes(path.read_bytes().replace(b",FUNDED,", b",FUNDED ,", 1))
    code, _, err = run("verify", recorded / "run" / "manifest.json")
    assert code == 4
    assert "allocation.csv beside the manifest is not the one the run wrote" in err


def test_another_tool_version_is_named(recorded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify_module, "__version__", "9.9.9")
    code, _, err = run("verify", recorded / "run" / "manifest.json")
    assert code == 4
    assert "the run used budgetopt 0.1.0, this is budgetopt 9.9.9" in err


def test_a_missing_input_is_named(recorded: Path) -> None:
    (recorded / "scenario.toml").unlink()
    code, _, err = run("verify", recorded / "run" / "manifest.json")
    assert code == 4 and "the scenario ../scenario.toml is missing" in err


def test_not_a_manifest(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text("{}", encoding="utf-8")
    code, _, err = run("verify", tmp_path / "m.json")
    assert code == 2 and err.strip() == f"{tmp_path / 'm.json'}: not a budgetopt manifest (no 'tool')"


def test_the_exported_model_reaches_the_same_optimum_with_either_solver(recorded: Path) -> None:
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
        problem.solve(pulp.PULP_CBC_CMD(msg=False, gapRel=0, gapAbs=0))
    by_cbc = pulp.value(problem.objective)

    assert by_highs == pytest.approx(by_cbc, rel=1e-9)
    # the published allocation is that optimum with partial awards rounded down to whole hundreds of yuan
    assert 0 <= by_highs - published < 100 * 150 * 10
