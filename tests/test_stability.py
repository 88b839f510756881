"""Stability under score noise: σ = 0 is allocate, the noise of one application is its own, any workers and any
row order give the same figures, every draw is allocate's on its scores, and the command line says what is wrong."""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
import sys
import zipfile
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest
from clirun import run
from helpers import ROOT, app, code, row, scenario_of, workbook_of, write_rows
from hypothesis import given, settings
from hypothesis import strategies as st

import optimizer
from optimizer._speed.philox import first_block, keys_of
from optimizer.domain import Status
from optimizer.errors import InputError, SolverError
from optimizer.jobs import stability as job
from optimizer.jobs.allocate import allocate
from optimizer.jobs.stability import (
    chunks,
    draw_noise,
    noise_key,
    noised_score,
    read_draws,
    read_seed,
    read_sigma,
    stability,
    standard_normals,
)
from optimizer.reading.applications import read_workbook
from optimizer.report.stability_out import mean_text, share_text
from optimizer.rules.policy import Policy, load_policy
from optimizer.solving import optimise as optimise_module
from optimizer.solving.backends import Run, SolveStatus, solver_version

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"
POLICY = load_policy()
W = 10_000


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def race(**extra: Any) -> list[Any]:
    """Four whole 50万 awards (clause 10) for two places: TOP far ahead, A and B a tenth of a point apart, LOW far
    behind; an ineligible row and a duplicate beside them."""
    apps = [app(row=2, application_id="TOP", clause="10", score=Decimal(95), credit_code=code(1)),
            app(row=3, application_id="A", clause="10", score=Decimal("80"), credit_code=code(2)),
            app(row=4, application_id="B", clause="10", score=Decimal("79.9"), credit_code=code(3)),
            app(row=5, application_id="LOW", clause="10", score=Decimal(20), credit_code=code(4)),
            app(row=6, application_id="NO", clause="7a", qualified=False, credit_code=code(5)),
            app(row=7, application_id="DUP", clause="10", score=Decimal(90), credit_code=code(1),
                content_key="k", requested=Decimal(100_000)),
            app(row=8, application_id="KEPT", clause="10", score=Decimal(60), credit_code=code(1), content_key="k")]
    return [replace(a, **extra) for a in apps]


# ------------------------------------------------------------------------------------------------ σ = 0 is allocate


@pytest.fixture(scope="module")
def sample_quiet() -> optimizer.Stability:
    return stability(SAMPLE, SCENARIO, draws=3, sigma=0, seed=11, workers=1)


def test_sigma_zero_funds_exactly_what_allocate_funds(sample_quiet: optimizer.Stability) -> None:
    alone = allocate(SAMPLE, SCENARIO)
    rows = sample_quiet.rows
    assert [r.award.application_id for r in rows] == [a.application_id for a in alone.awards]
    for r, award in zip(rows, alone.awards, strict=True):
        assert (r.award.status, r.award.allocated) == (award.status, award.allocated)
        if award.status not in (Status.FUNDED, Status.PARTIAL, Status.UNFUNDED):
            assert sample_quiet.p_funded(r) is None
            continue
        assert sample_quiet.p_funded(r) == (1 if award.allocated > 0 else 0)
        assert sample_quiet.p_full(r) == (1 if award.status is Status.FUNDED else 0)
        assert sample_quiet.mean_allocated(r) == award.allocated
        assert sample_quiet.klass(r) == ("always" if award.allocated > 0 else "never")
    assert sample_quiet.count("sometimes") == 0 and sample_quiet.sometimes_money == 0


def test_sigma_zero_in_the_csv(sample_quiet: optimizer.Stability) -> None:
    rows = csv_rows(job.stability_csv(sample_quiet))
    funded = [r for r in rows if r["status"] in ("FUNDED", "PARTIAL")]
    assert funded and all(r["p_funded"] == "1.0000" and r["class"] == "always" for r in funded)
    assert all(r["p_funded"] == "0.0000" for r in rows if r["status"] == "UNFUNDED")
    assert all(r["mean_allocated"] == f"{r['allocated']}.00" for r in funded)


# ------------------------------------------------------------------------------------------------ the noise


def test_the_fast_philox_is_numpys() -> None:
    rng = random.Random(5)
    keys = [rng.getrandbits(128) for _ in range(50)] + [0, 2**128 - 1]
    for counter in (0, 1, 7, 999_999, 2**40):
        block = first_block(*keys_of(keys), counter)
        expected = np.array([np.random.Philox(key=k, counter=counter).random_raw(4) for k in keys]).T
        assert (block == expected).all()


@given(st.integers(0, 2**63), st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=6, unique=True),
       st.integers(1, 10_000))
@settings(max_examples=40)
def test_the_noise_of_one_application_is_its_own(seed: int, ids: list[str], draw: int) -> None:
    alone = [draw_noise(seed, i, draw) for i in ids]
    together = standard_normals(keys_of([noise_key(seed, i) for i in ids]), draw)
    assert together == alone  # whatever else is drawn beside it
    more = standard_normals(keys_of([noise_key(seed, i) for i in [*ids, "another row"]]), draw)
    assert more[:len(ids)] == alone  # adding a row changes no one else's draw
    shuffled = list(reversed(ids))
    assert standard_normals(keys_of([noise_key(seed, i) for i in shuffled]), draw) == list(reversed(alone))


def test_the_noise_depends_on_seed_draw_and_id_and_looks_normal() -> None:
    assert len({draw_noise(s, i, d) for s in (1, 2) for i in ("A", "B") for d in (1, 2)}) == 8
    z = np.array(standard_normals(keys_of([noise_key(3, f"S{i}") for i in range(20_000)]), 5))
    assert abs(z.mean()) < 0.03 and abs(z.std() - 1) < 0.03
    assert abs((np.abs(z) < 1).mean() - 0.6827) < 0.01


def test_a_noisy_score_is_clipped_and_rounded_to_a_tenth_half_up_exactly() -> None:
    one, two = Decimal(1), Decimal(2)
    assert noised_score(Decimal(85), one, 0.25) == Decimal("85.3")  # 85.25 exactly: a half goes up
    assert noised_score(Decimal(85), one, -0.25) == Decimal("84.8")  # 84.75 exactly: up too
    assert noised_score(Decimal(85), one, 0.05) == Decimal("85.1")  # the double 0.05 is a little above 0.05
    assert noised_score(Decimal(85), one, -0.05) == Decimal("84.9")  # and 84.9499… is below the half
    assert noised_score(Decimal(85), two, 0.0249) == Decimal("85.0")
    assert noised_score(Decimal("99.5"), two, 1.0) == Decimal(100)
    assert noised_score(Decimal("0.3"), two, -1.0) == Decimal(0)
    assert noised_score(Decimal("85.27"), Decimal(0), 3.0) == Decimal("85.27")  # no noise: the score as read
    assert str(noised_score(Decimal(50), two, 0.0)) == "50.0"


# ------------------------------------------------------------------------------------------------ same figures


def test_workers_one_and_two_give_identical_bytes(tmp_path: Path) -> None:
    for workers in (1, 2):
        result = stability(SAMPLE, SCENARIO, draws=12, sigma=2, seed=7, workers=workers)
        result.write(tmp_path / str(workers), "en")
    for name in ("stability.csv", "stability.xlsx", "stability.html"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_the_workbooks_rows_in_any_order_give_the_same_figures(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book["申报项目"]
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    random.Random(3).shuffle(rows)
    sheet.delete_rows(2, sheet.max_row)
    for values in rows:
        sheet.append(values)
    (tmp_path / "shuffled").mkdir()
    shuffled = tmp_path / "shuffled" / SAMPLE.name
    book.save(shuffled)
    for name, source in (("a", SAMPLE), ("b", shuffled)):
        stability(source, SCENARIO, draws=8, sigma=2, seed=7, workers=2).write(tmp_path / name)
    a, b = ((tmp_path / n / "stability.csv").read_bytes().splitlines() for n in "ab")
    assert a[0] == b[0] and sorted(a[1:]) == sorted(b[1:]) and a != b
    assert (tmp_path / "a" / "stability.html").read_bytes() == (tmp_path / "b" / "stability.html").read_bytes()


def test_each_draw_is_allocate_on_its_noisy_scores(policy: Policy) -> None:
    book = read_workbook(SAMPLE, policy)
    seed, sigma = 13, Decimal(2)
    before: dict[str, int] = {}  # each application's yuan over the draws before
    for draw in (1, 2):
        upto = stability(book, SCENARIO, draws=draw, sigma=sigma, seed=seed, workers=1)
        totals = {r.award.application_id: r.tally.total for r in upto.rows if r.tally is not None}
        noisy = [replace(a, score=noised_score(a.score, sigma, draw_noise(seed, a.application_id, draw)))
                 for a in book.valid]
        alone = allocate(replace(book, valid=tuple(noisy)), SCENARIO)
        expected = {a.application_id: a.allocated for a in alone.awards
                    if a.status in (Status.FUNDED, Status.PARTIAL, Status.UNFUNDED)}
        assert {i: totals[i] - before.get(i, 0) for i in totals} == expected
        before = totals


# ------------------------------------------------------------------------------------------------ classes, cells


def test_classes_on_a_race_for_two_places(policy: Policy) -> None:
    result = stability(workbook_of(*race()), scenario_of(budget=100 * W), policy=policy, draws=40, sigma=2, seed=1,
                       workers=1)
    by_id = {r.award.application_id: r for r in result.rows}
    assert result.klass(by_id["TOP"]) == "always" and result.klass(by_id["LOW"]) == "never"
    assert result.klass(by_id["A"]) == result.klass(by_id["B"]) == "sometimes"
    assert result.p_funded(by_id["A"]) + result.p_funded(by_id["B"]) == 1  # one place, every draw
    assert {i: result.klass(by_id[i]) for i in ("NO", "DUP")} == {"NO": None, "DUP": None}
    assert result.klass(by_id["KEPT"]) == "never"
    assert result.sometimes_share == Fraction(2, 5)  # TOP, A, B, LOW and KEPT are eligible
    assert result.sometimes_money == 50 * W  # A holds the second place without noise
    assert [r.award.application_id for r in result.by_rank()] == ["TOP", "A", "B", "KEPT", "LOW"]
    ranked = result.ranked_frame()  # who the coin tosses are, without a join (a planner's review)
    assert ranked[["rank", "application_id"]].values.tolist() == [[1, "TOP"], [2, "A"], [3, "B"], [4, "KEPT"],
                                                                   [5, "LOW"]]
    assert ranked.set_index("application_id").loc[["A", "B"], "class"].tolist() == ["sometimes", "sometimes"]
    assert ranked["p_funded"].sum() == pytest.approx(sum(float(result.p_funded(by_id[i]) or 0)
                                                         for i in ("TOP", "A", "B", "KEPT", "LOW")))
    assert list(ranked.columns) == ["rank", "application_id", "applicant", "district", "clause", "score",
                                    "weighted_score", "status", "allocated", "p_funded", "p_full", "mean_allocated",
                                    "class"]


def test_rows_not_eligible_have_empty_cells(tmp_path: Path, policy: Policy) -> None:
    rows = [row(application_id="OK", clause="10", score=90), row(application_id="NO", clause="7a", qualified="no"),
            row(application_id="BAD", score=200)]
    book = write_rows(tmp_path / "apps.xlsx", rows)
    result = stability(book, budget="50万", policy=policy, draws=2, sigma=1, seed=1, skip_invalid=True, workers=1)
    written = csv_rows(job.stability_csv(result))
    assert [(r["application_id"], r["status"]) for r in written] == [("OK", "FUNDED"), ("NO", "INELIGIBLE"),
                                                                      ("BAD", "INVALID")]
    for r in written[1:]:
        assert [r[k] for k in ("p_funded", "p_full", "mean_allocated", "class")] == ["", "", "", ""]
    assert written[0]["class"] == "always"
    frame = result.to_frame()
    assert list(frame.columns) == list(job.COLUMNS) and frame["p_funded"].isna().tolist() == [False, True, True]
    assert frame["allocated"].dtype == "int64"


def test_shares_and_means_are_written_exactly() -> None:
    assert [share_text(k, 3) for k in range(4)] == ["0.0000", "0.3333", "0.6667", "1.0000"]
    assert share_text(1, 200_000) == "0.0001" and share_text(199_999, 200_000) == "0.9999"  # never 0 or 1
    assert share_text(3, 80_000) == "0.0001"  # 0.0000375: not 0, so at least 0.0001
    assert mean_text(5, 2) == "2.50" and mean_text(1, 8) == "0.13" and mean_text(1, 200) == "0.01"


@given(st.data())
@settings(max_examples=25)
def test_shares_are_ordered_and_means_within_the_entitlement(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 5))
    apps = [app(row=i + 2, application_id=f"A{i}", clause=data.draw(st.sampled_from(["3", "10", "11b", "13"])),
                score=Decimal(data.draw(st.integers(0, 1000))) / 10, credit_code=code(data.draw(st.integers(1, 3))),
                investment=Decimal(data.draw(st.integers(1, 300)) * 100_000)) for i in range(n)]
    scenario: dict[str, Any] = {"budget": data.draw(st.integers(0, 4_000_000)),
                                "min_funding_ratio": data.draw(st.sampled_from([0, 0.5])),
                                "rounding": data.draw(st.sampled_from([1, 1000]))}
    if data.draw(st.booleans()):
        scenario["applicants"] = {"max_total": data.draw(st.integers(0, 3_000_000))}
    result = stability(workbook_of(*apps), scenario_of(**scenario), policy=POLICY, draws=3,
                       sigma=data.draw(st.sampled_from([0, 0.5, 3, 30])), seed=data.draw(st.integers(0, 99)),
                       workers=1)
    for r in result.rows:
        funded, full, mean = result.p_funded(r), result.p_full(r), result.mean_allocated(r)
        assert funded is not None and full is not None and mean is not None
        assert 0 <= full <= funded <= 1
        assert 0 <= mean <= r.award.entitlement
        assert (mean == 0) == (funded == 0)


# ------------------------------------------------------------------------------------------------ failures, progress


def test_a_draw_without_a_proven_optimum_fails_the_whole_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = job.optimise
    calls = {"n": 0}

    def flaky(model: Any, solver: str = "highs", **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:  # the noiseless allocation is solved by allocate's own: this is draw 2
            raise SolverError(optimizer.words.Phrase.of("solver.time_limit", what="x"))
        return real(model, solver, **kwargs)

    monkeypatch.setattr(job, "optimise", flaky)
    with pytest.raises(SolverError) as caught:
        stability(SAMPLE, SCENARIO, draws=3, sigma=2, seed=1, workers=1)
    assert caught.value.text("en") == ("draw 2 of 3 (seed 1) failed, so the whole run fails and nothing is written: "
                                       "the solver reached its time limit before proving x optimal; nothing was "
                                       "written")
    calls["n"] = 0
    code_, out, err = run("stability", SAMPLE, "--scenario", SCENARIO, "--draws", 3, "--sigma", 2, "--seed", 1,
                          "--workers", 1, "--out", tmp_path / "out", "--lang", "en")
    assert code_ == 1 and out == "" and "solver trouble: draw 2 of 3 (seed 1)" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("solver", "other", "name"), [("highs", "cbc", "CBC"), ("cbc", "highs", "HiGHS")])
def test_a_solver_that_calls_the_scenario_infeasible_names_the_other_as_each_face_does(
        monkeypatch: pytest.MonkeyPatch, solver: str, other: str, name: str) -> None:
    """An officer's review: the app's remedy named the other solver by its code (`可在表单中改选求解器 cbc`); it
    names it as the form offers it. The library and the command line keep the code they take."""
    def infeasible(problem: Any, solver: str, **options: Any) -> Run:
        return Run(SolveStatus.INFEASIBLE, None, None, None, 0.0, "Infeasible")

    monkeypatch.setattr(optimise_module, "solve", infeasible)  # every floor can be met: diagnose solves for real
    with pytest.raises(SolverError) as caught:
        stability(SAMPLE, SCENARIO, draws=2, sigma=2, seed=1, workers=1, solver=solver)
    assert caught.value.text("zh", "web") == (
        f"求解器判定分配方案不可行，但每个下限都能满足；未写出任何结果（可在表单中改选求解器 {name}）")
    assert caught.value.text("en", "web") == (
        f"the solver called the scenario infeasible, yet every floor can be met; nothing was written (try the "
        f"solver {name} in the form)")
    assert caught.value.text("zh", "cli") == (
        f"求解器判定情景不可行，但每个下限都能满足；未写出任何结果（可试 --solver {other}）")
    assert caught.value.text("en").endswith(f'nothing was written (try solver="{other}")')


def test_a_failing_draw_in_a_worker_process_fails_the_run_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(job.DrawSetup, "solve", lambda self, draw, normals: _raise(draw, self))
    with pytest.raises(SolverError, match=r"^draw \d of 4 \(seed 1\) failed"):
        stability(SAMPLE, SCENARIO, draws=4, sigma=2, seed=1, workers=2)


def _raise(draw: int, setup: Any) -> Any:
    raise SolverError(optimizer.words.Phrase.of("stability.draw_failed", draw=draw, draws=setup.draws,
                                                seed=setup.seed, reason="x"))


def test_progress_is_reported_as_draws_are_solved() -> None:
    seen: list[tuple[int, int]] = []
    stability(workbook_of(*race()), scenario_of(budget=100 * W), policy=POLICY, draws=5, sigma=1, seed=1, workers=1,
              progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert chunks(1000, 2) == [(first, first + 20) for first in range(1, 1001, 20)]
    assert chunks(3, 4) == [(1, 2), (2, 3), (3, 4)]


def test_the_progress_bar_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from optimizer.cli.stability import _ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    bar = _ProgressBar("draws")
    bar(0, 10)
    bar(5, 10)
    bar.done()
    assert "\r[..........] " not in screen.getvalue()
    assert "\r[....................] 0/10 draws" in screen.getvalue()
    assert "\r[##########..........] 5/10 draws" in screen.getvalue()
    assert screen.getvalue().endswith("\r")
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    _ProgressBar("draws", enabled=False)(1, 2)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    _ProgressBar("draws")(1, 2)
    assert quiet.getvalue() == ""


# ------------------------------------------------------------------------------------------------ the arguments


@pytest.mark.parametrize(("read", "value", "expected"), [
    (read_draws, 1, 1), (read_draws, " 200 ", 200), (read_seed, 0, 0), (read_seed, "7", 7),
    (read_sigma, "2", Decimal(2)), (read_sigma, 1.5, Decimal("1.5")), (read_sigma, "0", Decimal(0)),
    (read_sigma, "-0", Decimal(0)), (read_sigma, 100, Decimal(100)),
])
def test_arguments_read(read: Any, value: Any, expected: Any) -> None:
    assert read(value) == expected


@pytest.mark.parametrize(("read", "value"), [
    (read_draws, 0), (read_draws, "1.5"), (read_draws, -3), (read_draws, 1_000_001), (read_draws, True),
    (read_seed, -1), (read_seed, "x"), (read_sigma, "abc"), (read_sigma, -1), (read_sigma, "nan"),
    (read_sigma, "inf"), (read_sigma, 101),
    (read_seed, "9" * 5000), (read_draws, "9" * 5000),  # past Python's 4,300 digits: a ValueError, an unexpected error
])
def test_arguments_refused(read: Any, value: Any) -> None:
    with pytest.raises(InputError):
        read(value)


# ------------------------------------------------------------------------------------------------ the command line


def test_a_workbook_named_in_bytes_that_are_no_utf8_is_shown_with_a_replacement(tmp_path: Path) -> None:
    """A Linux file name in GBK (a file from a Chinese Windows disk): its name, a lone surrogate to Python, went
    into stability.xlsx as the workbook's label, which no UTF-8 text can hold — an unexpected error."""
    book = tmp_path / os.fsdecode(b"\xc9\xea\xb1\xa8.xlsx")  # 申报 in GBK
    try:
        shutil.copy(SAMPLE, book)
    except (OSError, UnicodeError):
        pytest.skip("this file system holds UTF-8 names only")
    code_, _, err = run("stability", book, "--budget", "1亿", "--draws", 2, "--sigma", 1, "--seed", 1, "--out",
                        tmp_path / "out", "--lang", "en")
    assert code_ == 0, err
    cells = [str(v) for sheet in openpyxl.load_workbook(tmp_path / "out" / "stability.xlsx").worksheets
             for r in sheet.iter_rows(values_only=True) for v in r]
    assert any("\ufffd" in c for c in cells)


@pytest.mark.parametrize(("args", "message"), [
    (["--draws", "0"], "--draws: the number of draws must be a whole number from 1 to "
                       "1,000,000, found 0"),
    (["--draws", "ten"], "found ten"),
    (["--sigma", "abc"], "--sigma: the noise's standard deviation must be a number from 0 to "
                         "100 (in score points), found abc"),
    (["--sigma", "-1"], "found -1"),
    (["--seed", "-2"], "--seed: the seed must be a whole number of at least 0, found -2"),
])
def test_bad_options_exit_2_with_a_sentence(args: list[str], message: str, tmp_path: Path) -> None:
    given_ = {"--draws": "10", "--sigma": "2", "--seed": "1"}
    given_.update(dict(zip(args[::2], args[1::2], strict=True)))
    options = [x for pair in given_.items() for x in pair]
    code_, out, err = run("stability", SAMPLE, "--scenario", SCENARIO, *options, "--out", tmp_path / "o",
                          "--lang", "en")
    assert code_ == 2 and out == "" and message in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_bad_options_are_said_in_the_runs_language(tmp_path: Path) -> None:
    code_, _, err = run("stability", SAMPLE, "--draws", "0", "--sigma", "2", "--seed", "1", "--lang", "zh")
    assert code_ == 2 and "抽样次数应为1到1,000,000之间的整数，填写的是 0" in err


def test_missing_options_and_inputs_exit_2(tmp_path: Path) -> None:
    code_, _, err = run("stability", SAMPLE, "--sigma", "2", "--seed", "1")
    assert code_ == 2 and "缺少必填选项 --draws" in err
    code_, _, err = run("stability", SAMPLE, "--draws", 5, "--sigma", 2, "--seed", 1, "--lang", "en")
    assert code_ == 2 and "no budget" in err  # neither a scenario nor --budget
    (tmp_path / "file").write_text("x")
    code_, _, err = run("stability", SAMPLE, "--budget", "1亿", "--draws", 5, "--sigma", 2, "--seed", 1,
                        "--out", tmp_path / "file" / "out", "--lang", "en")
    assert code_ == 2 and "is not a folder" in err


def test_an_infeasible_scenario_exits_3(tmp_path: Path) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text('budget = "1亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3"]\nmin = "5000万"\n',
                        encoding="utf-8")
    code_, _, err = run("stability", SAMPLE, "--scenario", scenario, "--draws", 3, "--sigma", 2, "--seed", 1,
                        "--out", tmp_path / "out", "--lang", "en")
    assert code_ == 3 and "the scenario is infeasible" in err and not (tmp_path / "out").exists()


def test_the_command_writes_its_files_and_says_what_it_found(tmp_path: Path) -> None:
    code_, out, err = run("stability", SAMPLE, "--scenario", SCENARIO, "--draws", 6, "--sigma", 2, "--seed", 7,
                          "--workers", 2, "--out", tmp_path, "--lang", "en")
    assert code_ == 0, err
    assert {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")} == {
        "stability.csv", "stability.xlsx", "stability.html"}
    lines = out.splitlines()
    assert lines[0] == "stability: 6 draws, score noise σ = 2 points, seed 7; scenario: 2026 base case"
    assert lines[1].startswith("370 eligible applications: ") and " sometimes (" in lines[1]
    assert lines[2].startswith("the sometimes funded hold ") and "of the noiseless allocation" in lines[2]
    assert lines[3] == f"outputs: {tmp_path}/ (stability.csv, stability.xlsx, stability.html)"
    rows = csv_rows((tmp_path / "stability.csv").read_bytes())
    assert len(rows) == 434 and list(rows[0]) == list(job.COLUMNS)
    assert {r["class"] for r in rows} == {"always", "sometimes", "never", ""}
    code_, out_zh, _ = run("stability", SAMPLE, "--scenario", SCENARIO, "--draws", 6, "--sigma", 2, "--seed", 7,
                           "--out", tmp_path / "zh")
    assert out_zh.startswith("稳定性：6次抽样，评审得分噪声σ = 2分，种子 7；情景：2026 base case")
    assert (tmp_path / "stability.csv").read_bytes() == (tmp_path / "zh" / "stability.csv").read_bytes()


def test_the_workbook_and_the_page(tmp_path: Path) -> None:
    result = stability(SAMPLE, SCENARIO, draws=6, sigma=2, seed=7, workers=1)
    result.write(tmp_path / "en", "en")
    result.write(tmp_path / "zh")
    names = zipfile.ZipFile(tmp_path / "en" / "stability.xlsx").namelist()
    assert sum(n.startswith("xl/charts/chart") for n in names) == 1
    book = openpyxl.load_workbook(tmp_path / "en" / "stability.xlsx")
    assert book.sheetnames == ["Applications", "By rank", "Parameters"]
    chinese = openpyxl.load_workbook(tmp_path / "zh" / "stability.xlsx")
    assert chinese.sheetnames == ["各申报", "按排名", "参数"]
    # the run's files and the app's pages say 分配方案 (a review: 情景 here alone); the command line keeps 情景
    assert ("分配方案", "2026 base case") in chinese["参数"].iter_rows(values_only=True)
    assert ("Scenario", "2026 base case") in book["Parameters"].iter_rows(values_only=True)
    # the solver as the run's files name it (a review: `highs`, the code asked for)
    version = solver_version("highs")
    assert version.startswith("HiGHS ") and result.solved_by == version
    assert ("求解器", version) in chinese["参数"].iter_rows(values_only=True)
    assert ("Solver", version) in book["Parameters"].iter_rows(values_only=True)
    assert not [cell for sheet in (book["Parameters"], chinese["参数"]) for cells in sheet.iter_rows(values_only=True)
                for cell in cells if cell == "highs"]
    assert not [cell for sheet in chinese for cells in sheet.iter_rows(values_only=True) for cell in cells
                if "情景" in str(cell)]
    ranked = list(book["By rank"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in ranked] == list(range(1, 371))
    page = (tmp_path / "zh" / "stability.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page and "<svg" in page
    assert "http://" not in page and "https://" not in page  # self-contained
    # the page names the solver as the workbook does (an auditor's review: the page named none)
    assert f'<p class="note">求解器：{version}</p>' in page
    assert f'<p class="note">Solver: {version}</p>' in (tmp_path / "en" / "stability.html").read_text(encoding="utf-8")
    assert "时而获资助" in page and "Stability under score noise" in (tmp_path / "en" / "stability.html").read_text(
        encoding="utf-8")


def test_the_public_api() -> None:
    assert optimizer.stability is stability and optimizer.Stability is job.Stability


def test_the_readers_and_the_ledgers_warnings_are_kept_and_counted_in_the_repr() -> None:
    """A planner's review: a notebook showed nothing of the 2027 warning that the period cap counts no ledger."""
    result = stability(ROOT / "data" / "sample_applications_2027.xlsx", ROOT / "data" / "scenario_2027.toml",
                       draws=2, sigma=1, seed=1, workers=1)
    assert "ledger.period_cap_alone" in [w.code for w in result.warnings]
    assert repr(result).endswith(f"; {len(result.warnings)} warnings>")
