"""Fuzzing the workbook reader through the command line: nothing crashes, nothing is lost.

Hypothesis drives the mutations of scripts/fuzz_workbooks.py (cells replaced by random values of any type, rows
duplicated, headers and sheets renamed, the sheet's XML edited, bytes of the zip flipped) for a few seconds;
`python scripts/fuzz_workbooks.py --seconds 600` runs the same cases for longer. Every run must exit with 0, 2 or
3 without a traceback, and a successful run's allocation.csv must hold one row per non-empty row of the sheet.
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
import tempfile
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import ROOT, code, row, write_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.cli import cli
from optimizer.reading.applications import WorkbookError, read_workbook
from optimizer.rules.policy import Policy


def _fuzzer(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


fuzz = _fuzzer("fuzz_workbooks")
fuzz_inputs = _fuzzer("fuzz_inputs")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_mutated_workbooks_never_crash_or_lose_rows(rnd: random.Random) -> None:
    case = fuzz.make_case(rnd)
    with tempfile.TemporaryDirectory() as folder:
        outcome = fuzz.run_case(case, Path(folder) / "case")
    assert outcome.failure is None, f"{outcome.failure}\n{case}\n{outcome.output}"


def test_the_standalone_fuzzer_runs_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = fuzz.main(["--seconds", "1", "--seed", "7", "--out", str(tmp_path / "fuzz")])
    summary = capsys.readouterr().out
    assert "cases (seeds 7–" in summary and "  exit " in summary
    failing = re.search(r"^(\d+) failing case", summary, re.MULTILINE)
    assert failing is not None
    assert status == (1 if int(failing.group(1)) else 0)
    assert len(list((tmp_path / "fuzz").glob("seed*.xlsx"))) == int(failing.group(1))  # each one saved


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The sample allocated and published into a ledger once: what scripts/fuzz_inputs.py damages."""
    return fuzz_inputs.prepare(tmp_path_factory.mktemp("inputs"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rnd=st.randoms(use_true_random=False))
def test_a_damaged_ledger_is_refused_or_named_and_never_written_by_a_read(scratch: Any, rnd: random.Random) -> None:
    case = fuzz_inputs.make_case(rnd, scratch, ("ledger",))
    command, outcome = fuzz_inputs.run_case(case, scratch)
    assert outcome.failure is None, f"{outcome.failure}: {case.steps} {command}\n{outcome.output}"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rnd=st.randoms(use_true_random=False))
def test_damaged_scenarios_policies_allocations_manifests_and_awards_never_crash(scratch: Any,
                                                                                 rnd: random.Random) -> None:
    case = fuzz_inputs.make_case(rnd, scratch, tuple(k for k in fuzz_inputs.KINDS if k != "ledger"))
    command, outcome = fuzz_inputs.run_case(case, scratch)
    assert outcome.failure is None, f"{outcome.failure}: {case.steps} {command}\n{outcome.output}"


def test_the_inputs_fuzzer_runs_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = fuzz_inputs.main(["--seconds", "2", "--seed", "7", "--kinds", "ledger,manifest",
                               "--out", str(tmp_path / "fuzz")])
    summary = capsys.readouterr().out
    assert "cases (seeds 7–" in summary and "  ledger: exit " in summary and "  manifest: exit " in summary
    assert "  scenario:" not in summary
    failing = re.search(r"^(\d+) failing case", summary, re.MULTILINE)
    assert failing is not None
    assert status == (1 if int(failing.group(1)) else 0)
    assert len(list((tmp_path / "fuzz").glob("seed*.txt"))) == int(failing.group(1))  # each one saved


def test_the_inputs_fuzzer_sees_a_read_that_writes_the_ledger(scratch: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # its own check, shown to fail: a `ledger check` that touched the file
    case = fuzz_inputs.Case("ledger", scratch.ledger, ("none",))
    real = fuzz_inputs._run

    def touching(args: list[str]) -> Any:
        if args[:2] == ["ledger", "check"]:
            Path(args[2]).write_bytes(b"x")
        return real(args)
    monkeypatch.setattr(fuzz_inputs, "_run", touching)
    command, outcome = fuzz_inputs.run_case(case, scratch)
    assert (command[:2], outcome.failure) == (["ledger", "check"], "a read changed the ledger's bytes")


# ---------------------------------------------------------------- what fuzzing found, kept as plain examples


@pytest.mark.parametrize(("field", "value"), [
    ("investment", 1e300), ("score", 1e300), ("application_id", 1e300), ("requested", -1e300),
    ("prior_support", 1e20), ("score", 1e-300),
])
def test_extreme_numbers_are_problems_not_crashes(tmp_path: Path, field: str, value: Any) -> None:
    path = write_rows(tmp_path / "apps.xlsx", [row(**{field: value}), row(application_id="A-002", credit_code=code(2))])
    folder = tmp_path / "case"
    for extra in ([], ["--skip-invalid"]):
        result = CliRunner().invoke(cli, ["allocate", str(path), "--budget", "1亿", "--out", str(folder), *extra])
        assert result.exit_code in (0, 2), result.output
        assert "unexpected error" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("text", [b"inf", b"-inf", b"nan", b"1e309"])
def test_numbers_excel_cannot_store_are_reported_as_not_numbers(policy: Policy, tmp_path: Path, text: bytes) -> None:
    path = write_rows(tmp_path / "apps.xlsx", [row(score=85)])
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'<c r="J2" t="n"><v>85</v>', b'<c r="J2" t="n"><v>' + text
                                                      + b"</v>")
    assert parts["xl/worksheets/sheet1.xml"] != sheet
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path, policy)
    shown = "inf" if text == b"1e309" else text.decode()
    assert [str(p) for p in caught.value.problems] == [
        f"apps.xlsx, sheet applications, row 2, column score: '{shown}' is not a number"]
