"""The benchmark: its generator makes valid, deterministic workbooks, and a 1,000-row run reports both optima."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import ROOT

from optimizer.reading.applications import read_workbook
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import load_scenario

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic  # a script, not a package: found through the path above


def test_the_generator_is_valid_and_deterministic(tmp_path: Path, policy: Policy) -> None:
    for name in ("a.xlsx", "b.xlsx"):
        synthetic.write_workbook(tmp_path / name, 300, seed=3)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    book = read_workbook(tmp_path / "a.xlsx", policy)
    assert len(book.valid) == 300 and not book.invalid
    (tmp_path / "a.toml").write_text(synthetic.scenario_text(300), encoding="utf-8")
    scenario = load_scenario(tmp_path / "a.toml", policy=policy)
    assert scenario.envelopes and scenario.district_max_share and scenario.applicant_max_total


def test_a_small_benchmark_run_writes_its_report_and_both_optima_agree(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "1000", "--repeat", "2",
                           "--out", str(tmp_path)], capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "objectives agree" in done.stdout
    assert "(best of 2)" in done.stdout
    assert (tmp_path / "bench.csv").exists() and (tmp_path / "bench.html").exists()
    assert "1000,ours," in (tmp_path / "bench.csv").read_text(encoding="utf-8")
