"""The benchmark: its generator makes valid, deterministic workbooks, and a 1,000-row run reports both optima."""

from __future__ import annotations

import csv
import os
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


def test_a_worker_replaces_its_own_earlier_run_of_another_workbook(tmp_path: Path) -> None:
    # the bench's folders are its own: a workbook made again (another seed, another size) replaces the run there
    # rather than stopping at "another run" as `allocate` into a user's folder would
    out = tmp_path / "runs" / "ours_300"
    for seed in (3, 4):
        workbook = tmp_path / f"apps_{seed}.xlsx"
        synthetic.write_workbook(workbook, 300, seed=seed)
        workbook.with_suffix(".toml").write_text(synthetic.scenario_text(300), encoding="utf-8")
        done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--worker", "ours", str(workbook),
                               str(workbook.with_suffix(".toml")), str(out)], capture_output=True, text=True,
                              check=False, timeout=300)
        assert done.returncode == 0, done.stderr
        assert f"apps_{seed}.xlsx" in (out / "manifest.json").read_text(encoding="utf-8")


def test_the_generator_options_change_only_what_they_say(tmp_path: Path) -> None:
    plain = synthetic.rows(400, seed=7)
    coarse = synthetic.rows(400, seed=7, integer_scores=True)
    whole = synthetic.rows(400, seed=7, mostly_whole=True)
    assert [r[:9] + r[10:] for r in coarse] == [r[:9] + r[10:] for r in plain]
    assert all(isinstance(r[9], int) and abs(r[9] - p[9]) <= 0.55 for r, p in zip(coarse, plain, strict=True))
    assert len({r[9] for r in coarse}) <= 50 < len({r[9] for r in plain})  # many equal values
    fixed = {c for c, spec in synthetic.CLAUSES.items() if spec[3]}
    assert sum(r[4] in fixed for r in whole) > 0.7 * 400 > 0.4 * 400 > sum(r[4] in fixed for r in plain)
    assert synthetic.scenario_text(300, min_funding_ratio="0.3", rounding=10_000).count("\n") == \
        synthetic.scenario_text(300).count("\n") + 1


def test_the_matrix_of_shapes_writes_its_table_and_both_optima_agree(tmp_path: Path) -> None:
    doc = tmp_path / "shapes.md"
    doc.write_text("# Shapes\n\nkept\n\n<!-- bench_shapes: begin -->\nold\n<!-- bench_shapes: end -->\nkept too\n",
                   encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_shapes.py"), "--shapes", "default,ratio30",
                           "--sizes", "1000", "--repeat", "1", "--out", str(tmp_path), "--doc", str(doc)],
                          capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = [line.split() for line in done.stdout.splitlines()]
    cells = [line for line in lines if line[:2] in (["default", "1,000"], ["ratio30", "1,000"])]
    assert len(cells) == 4 and all(line[-1] == "agree" for line in cells)  # each printed as it ends, then the table
    rows = list(csv.DictReader((tmp_path / "shapes.csv").open(encoding="utf-8")))
    assert [(r["shape"], r["who"], r["status"]) for r in rows] == [
        ("default", "ours", "ok"), ("default", "baseline", "ok"), ("ratio30", "ours", "ok"),
        ("ratio30", "baseline", "ok")]
    assert [r["optima_agree"] for r in rows if r["who"] == "ours"] == ["True", "True"]
    assert all(float(r["total_s"]) > 0 and r["solve.first"] for r in rows if r["who"] == "ours")
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Shapes\n\nkept\n\n<!-- bench_shapes: begin -->\nMeasured at commit ")
    assert text.endswith("<!-- bench_shapes: end -->\nkept too\n") and "old" not in text
    assert "| ratio30 | 1,000 |" in text and "- `ratio30`: min_funding_ratio 0.3" in text


def test_a_run_past_the_time_limit_is_a_timed_out_cell_not_a_crash(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    # the baseline with partial awards as integer multiples of 1万: CBC takes minutes on 1,000 applications
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_shapes.py"), "--shapes", "rounding",
                           "--sizes", "1000", "--repeat", "3", "--timeout", "3", "--integer-rounding",
                           "--out", str(tmp_path), "--doc", str(tmp_path / "shapes.md")],
                          capture_output=True, text=True, check=False, timeout=600,
                          env={**os.environ, "TMPDIR": str(scratch)})
    assert done.returncode == 0, done.stderr
    assert list(scratch.iterdir()) == []  # the killed baseline had left PuLP's MPS file in /tmp, one per run
    baseline = [r for r in csv.DictReader((tmp_path / "shapes.csv").open(encoding="utf-8")) if r["who"] == "baseline"]
    assert [(r["status"], r["total_s"]) for r in baseline] == [("timeout", "")]
    assert "| timeout > 3 s |" in (tmp_path / "shapes.md").read_text(encoding="utf-8")


def test_another_seed_draws_other_applications_for_the_same_shapes(tmp_path: Path) -> None:
    import bench_shapes  # a script, found through the path above

    shape = bench_shapes.SHAPES["ratio30"]
    usual, other = shape.workbook(300, tmp_path), shape.workbook(300, tmp_path, seed=13)
    assert usual.name == "apps_300.xlsx" and other.name == "apps_300_seed13.xlsx"
    assert usual.read_bytes() != other.read_bytes()
    assert bench_shapes.SHAPES["whole"].workbook(300, tmp_path, seed=13).name == "apps_300_whole_seed13.xlsx"
    assert shape.workbook(300, tmp_path, seed=13) == other and other.stat().st_size > 0  # made once, then reused
